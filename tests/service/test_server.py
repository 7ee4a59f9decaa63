"""The service under a real server: ``shapekit service`` and ``gunicorn 'shapekit.service:app'``
on a free loopback port, and a worker killed in the middle of a request."""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator

import pytest
from _server import HOST, children, free_port, get, gunicorn, running, shapekit_service
from conftest import NEURON

pytest.importorskip("gunicorn")
pytestmark = [pytest.mark.needs_dot, pytest.mark.slow]


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[int, int]]:
    port = free_port()
    with running(shapekit_service(port), port) as proc:
        yield port, proc.pid


def test_shapekit_service_serves_figures_with_304(service: tuple[int, int]) -> None:
    port, _ = service
    status, headers, body = get(port, NEURON)
    assert status == 200
    assert headers["content-type"] == "image/svg+xml"
    assert body.startswith(b"<?xml") or body.startswith(b"<svg")
    again = get(port, NEURON, {"If-None-Match": headers["etag"]})
    assert again[0] == 304 and again[2] == b""


def test_the_server_lets_the_service_answer_long_urls(service: tuple[int, int]) -> None:
    port, _ = service
    status, headers, _ = get(port, "/neuron.svg?inputs=" + "1," * 3000 + "1", {"Accept": "image/*"})
    assert status == 414
    assert headers["content-type"] == "image/svg+xml"


def test_two_workers_from_the_option(service: tuple[int, int]) -> None:
    _, pid = service
    assert len(children(pid)) == 2


def test_a_worker_killed_mid_request_does_not_stop_the_service(service: tuple[int, int]) -> None:
    port, pid = service
    workers = children(pid)
    # a request half sent: a worker has accepted it and waits for the rest
    half = socket.create_connection((HOST, port), timeout=30)
    half.sendall(b"GET /neuron.svg?inputs=1,2 HTTP/1.1\r\nHost: x\r\n")
    time.sleep(0.3)
    for worker in workers:
        os.kill(worker, signal.SIGKILL)
    half.settimeout(30)
    try:
        assert half.recv(100) == b""  # the connection closed, not hanging
    except ConnectionResetError:
        pass
    finally:
        half.close()
    status, _, _ = get(port, NEURON, timeout=60)
    assert status == 200
    deadline = time.monotonic() + 30
    while len(children(pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(children(pid)) == 2
    assert not set(children(pid)) & set(workers)


def test_gunicorn_runs_the_documented_app_path() -> None:
    port = free_port()
    with running(gunicorn("shapekit.service:app", port, workers=1), port):
        status, headers, _ = get(port, "/kinds")
        assert status == 200
        assert headers["access-control-allow-origin"] == "*"


def test_a_chunked_post_is_read(service: tuple[int, int]) -> None:
    import http.client

    port, _ = service
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        body = iter([b'kind = "dot"\n', b"left = [1, 2]\n", b"right = [3, 4]\n"])
        conn.request(
            "POST", "/shapekit/svg", body=body, headers={"Content-Type": "text/plain"},
            encode_chunked=True,
        )  # fmt: skip
        reply = conn.getresponse()
        assert reply.status == 200, reply.read()[:200]
        assert reply.getheader("Content-Type") == "image/svg+xml"
    finally:
        conn.close()
