"""Real servers for the tests and benchmarks: started on a free loopback port, stopped after.

Only loopback addresses are used, every wait is bounded, and each server is stopped by
the process id this module started.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def get(port: int, target: str, headers: dict[str, str] | None = None, timeout: float = 30):  # type: ignore[no-untyped-def]
    """One request on a new connection: (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", target, headers=headers or {})
        reply = conn.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        conn.close()


def wait_ready(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            if get(port, "/healthz", timeout=5)[0] == 200:
                return
        time.sleep(0.1)
    raise TimeoutError(f"no answer on port {port} after {seconds} s")


@contextlib.contextmanager
def running(
    args: Sequence[str], port: int, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server command until the block ends; SIGTERM, then SIGKILL after 20 s."""
    log = open(os.devnull, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        list(args),
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        wait_ready(port, proc)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=20)
        log.close()


def gunicorn(app: str, port: int, workers: int = 2, threads: int = 4) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", app,
        "--pythonpath", str(Path(__file__).resolve().parent),
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", str(threads),
        "--limit-request-line", "8190",
        *_NO_CONTROL_SOCKET,
    ]  # fmt: skip


def _gunicorn_version() -> tuple[int, ...]:
    try:
        import gunicorn as module
    except ImportError:
        return (0,)
    return tuple(module.version_info)


#: gunicorn 27 opens a control socket at one path per user: parallel test servers would share it
_NO_CONTROL_SOCKET = ["--no-control-socket"] if _gunicorn_version() >= (27,) else []


def shapekit_service(port: int, workers: int = 2) -> list[str]:
    return [
        sys.executable, "-m", "shapekit", "service",
        "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip


def children(pid: int) -> list[int]:
    """The worker processes of a server (its direct children), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
