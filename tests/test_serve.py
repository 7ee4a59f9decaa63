"""``shapekit serve``: loopback only, nothing outside the folder, bounded requests, --watch."""

from __future__ import annotations

import http.client
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

from shapekit.gallery.serve import LOOPBACK, SiteHandler, SpecWatcher, make_server


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "figures").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>gallery</title>")
    (site / "figures" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (site / ".hidden").write_text("no")
    (tmp_path / "secret.txt").write_text("outside")
    return site


@pytest.fixture
def server(folder: Path) -> Iterator[tuple[str, int]]:
    srv = make_server(folder, port=0, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        host, port = srv.server_address[:2]
        yield str(host), int(port)
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


def get(server: tuple[str, int], path: str) -> tuple[int, bytes, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection(*server, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read(), response
    finally:
        conn.close()


def test_binds_to_loopback_by_default(server: tuple[str, int]) -> None:
    assert server[0] == LOOPBACK == "127.0.0.1"


def test_serves_the_site(server: tuple[str, int]) -> None:
    status, body, _ = get(server, "/")
    assert (status, body) == (200, b"<!doctype html><title>gallery</title>")
    status, _, response = get(server, "/figures/a.svg?v=1")
    assert status == 200
    assert response.getheader("Content-Type") == "image/svg+xml"


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/figures/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/figures/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/.hidden",
        "/figures/..%5c..%5csecret.txt",
        "/%ff%fe",
    ],
)
def test_paths_outside_the_folder_are_refused(server: tuple[str, int], path: str) -> None:
    status, body, _ = get(server, path)
    assert status == 403
    assert b"outside" not in body


def test_symlinks_leading_outside_are_refused(folder: Path, server: tuple[str, int]) -> None:
    (folder / "link.txt").symlink_to(folder.parent / "secret.txt")
    assert get(server, "/link.txt")[0] == 403


def test_no_folder_listings(server: tuple[str, int]) -> None:
    status, body, _ = get(server, "/figures/")
    assert status == 404
    assert b"a.svg" not in body


def test_requests_are_bounded(server: tuple[str, int]) -> None:
    assert get(server, "/" + "a" * 70_000)[0] == 414  # request line over the stdlib's limit
    assert 0 < SiteHandler.timeout <= 60  # idle connections are dropped


def test_watcher_reports_changed_specs(tmp_path: Path) -> None:
    spec = tmp_path / "a.toml"
    spec.write_text('title = "A"\n')
    calls: list[int] = []
    watcher = SpecWatcher(tmp_path, lambda: calls.append(1))
    assert watcher.poll() is False
    spec.write_text('title = "B, longer"\n')
    os.utime(spec, ns=(1, 1))
    assert watcher.poll() is True
    assert watcher.poll() is False
    (tmp_path / "b.toml").write_text("")
    assert watcher.poll() is True
    (tmp_path / "notes.txt").write_text("ignored")
    assert watcher.poll() is False
    assert calls == [1, 1]


def test_watcher_thread_stops(tmp_path: Path) -> None:
    watcher = SpecWatcher(tmp_path, lambda: None, interval=0.01)
    watcher.start()
    watcher.stop()
    assert not watcher._thread.is_alive()


def test_serve_needs_a_built_site(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2
    assert "has no index.html" in result.stderr


def test_serve_reports_a_busy_port(folder: Path) -> None:
    busy = make_server(folder, port=0, quiet=True)
    try:
        port = str(busy.server_address[1])
        result = CliRunner().invoke(main, ["serve", str(folder), "--port", port])
    finally:
        busy.server_close()
    assert result.exit_code == 2
    assert f"cannot listen on '127.0.0.1' port {port}: Address already in use" in result.stderr


# --- issue 9: backlog, IPv6, only regular files -------------------------------------------


def test_a_fifo_or_a_device_in_the_folder_is_a_404_not_a_hung_thread(
    folder: Path, server: tuple[str, int]
) -> None:
    os.mkfifo(folder / "figures" / "pipe.svg")
    (folder / "figures" / "null.svg").symlink_to("/dev/null")  # a device, through a link
    os.mkfifo(folder / "fifo-dir")  # a FIFO where a folder's index.html would be looked for
    for path in ("/figures/pipe.svg", "/figures/null.svg", "/fifo-dir/"):
        status, _, _ = get(server, path)  # the 10 s client timeout fails the test on a hang
        assert status in (403, 404), path
    status, _, _ = get(server, "/figures/a.svg")
    assert status == 200  # every handler thread is still free


def test_the_listen_backlog_holds_a_burst_of_requests(folder: Path) -> None:
    from shapekit.gallery.serve import BACKLOG

    srv = make_server(folder, port=0, quiet=True)
    try:
        assert srv.request_queue_size == BACKLOG >= 200
        # the kernel keeps at most the backlog of connections that were not accepted yet:
        # open 200 before the server accepts any; none may be refused or left to retry
        sockets = []
        for _ in range(200):
            sock = socket.create_connection(srv.server_address[:2], timeout=5)
            sockets.append(sock)
        thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            for sock in sockets:
                sock.sendall(b"GET /figures/a.svg HTTP/1.0\r\n\r\n")
            for sock in sockets:
                assert sock.recv(64).startswith(b"HTTP/1.0 200")
        finally:
            srv.shutdown()
            thread.join(timeout=10)
    finally:
        for sock in sockets:
            sock.close()
        srv.server_close()


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_serves_on_ipv6_loopback(folder: Path) -> None:
    # `serve --host ::1` failed with "Address family not supported"
    from shapekit.gallery.serve import url_of

    srv = make_server(folder, host="::1", port=0, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        port = int(srv.server_address[1])
        assert url_of(srv) == f"http://[::1]:{port}/"
        status, body, _ = get(("::1", port), "/")
        assert (status, body) == (200, b"<!doctype html><title>gallery</title>")
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


@pytest.mark.parametrize("host", ["no-such-host.invalid", "999.1.1.1", "::g"])
def test_an_address_that_cannot_be_used_is_a_usage_error(folder: Path, host: str) -> None:
    result = CliRunner().invoke(main, ["serve", str(folder), "--host", host, "--port", "0"])
    assert result.exit_code == 2, result.output
    assert f"cannot listen on {host!r} port 0" in result.stderr
    assert "Traceback" not in result.output


def test_a_rebuild_that_fails_inside_shapekit_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapekit.gallery.build as builder

    def build(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(builder, "build", build)
    specs = tmp_path / "specs"
    specs.mkdir()
    # the rebuild fails, so there is no index.html to serve: a usage error, not a hang
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "out"), "--watch", str(specs)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "shapekit serve: the build failed: internal error (a bug in shapekit; please report it "
        "with the input): RuntimeError: simulated bug"
    )
