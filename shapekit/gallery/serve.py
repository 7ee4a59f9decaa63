"""A local preview of a built gallery: the standard library's threading HTTP
server, bound to loopback, serving files of one folder and nothing outside it,
plus a watcher that rebuilds when a spec file changes.

The server listens on IPv4 or IPv6, whichever the host address is (``::1`` works),
with a listen backlog of :data:`BACKLOG` so that a burst of requests (a page and
its hundreds of figures) waits for a thread rather than for a TCP retry. Only
regular files are served: a FIFO or a device in the folder is a 404, never a
handler blocked on ``open()``.
"""

from __future__ import annotations

import http.server
import os
import posixpath
import socket
import threading
import urllib.parse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

__all__ = ["BACKLOG", "LOOPBACK", "SiteHandler", "SpecWatcher", "make_server", "url_of"]

LOOPBACK = "127.0.0.1"
#: connections the kernel queues while every thread is busy (``socketserver`` has 5)
BACKLOG = 1024


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve regular files under ``directory`` only: ``..``, absolute paths, hidden files,
    and symlinks that lead outside are refused with 403; no folder listings; anything
    but a regular file (a FIFO, a device, a socket) is a 404."""

    #: seconds a connection may stay idle (a slow client cannot hold a thread forever)
    timeout = 15
    server_version = "shapekit"
    sys_version = ""

    def send_head(self) -> Any:
        target = self._target()
        if target is None:
            self.send_error(403, "Forbidden")
            return None
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():  # opening a FIFO would block this thread for good
            self.send_error(404, "Not found")
            return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        self.send_error(404, "Not found")
        return None

    def _target(self) -> Path | None:
        """The file a request asks for, or None when it is not inside the folder."""
        try:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return None
        parts = [p for p in path.split("/") if p]
        if any(p in ("..", ".") or p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
            return None
        root = Path(self.directory).resolve()
        target = root.joinpath(*parts).resolve() if parts else root
        if target != root and root not in target.parents:
            return None
        return target

    def translate_path(self, path: str) -> str:
        target = self._target()
        # send_head refused anything outside; keep a safe answer for other callers
        return str(target) if target is not None else posixpath.join(self.directory, "\x00")

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.quiet:  # type: ignore[attr-defined]
            return
        super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG
    quiet = False


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(
    directory: str | os.PathLike[str],
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    quiet: bool = False,
) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` (call ``serve_forever()``; port 0 picks a free one).

    ``host`` may be an IPv4 or IPv6 address or a name; an unknown name or an address
    that cannot be bound raises :class:`OSError`.
    """
    handler = partial(SiteHandler, directory=os.fspath(directory))
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    server_class = _Server6 if family == socket.AF_INET6 else _Server
    server = server_class((host, port), handler)
    server.quiet = quiet
    return server


def url_of(server: http.server.HTTPServer) -> str:
    """``http://127.0.0.1:8000/`` or ``http://[::1]:8000/``: where ``server`` listens.

    >>> class Bound:
    ...     server_address = ("::1", 8000, 0, 0)
    >>> url_of(Bound())  # type: ignore[arg-type]
    'http://[::1]:8000/'
    """
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else str(host)
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class SpecWatcher:
    """Polls the spec files of a folder and calls ``on_change`` when they change.

    Polling mtimes and sizes keeps it portable and dependency-free; the
    check is cheap (one ``stat`` per spec file).
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        on_change: Callable[[], None],
        *,
        interval: float = 0.5,
    ) -> None:
        self.folder = Path(folder)
        self.on_change = on_change
        self.interval = interval
        self._stop = threading.Event()
        self._seen = self.snapshot()
        self._thread = threading.Thread(target=self._run, name="spec-watcher", daemon=True)

    def snapshot(self) -> tuple[tuple[str, int, int], ...]:
        files = [self.folder] if self.folder.is_file() else sorted(self.folder.glob("*.toml"))
        out = []
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            out.append((str(f), st.st_mtime_ns, st.st_size))
        return tuple(out)

    def poll(self) -> bool:
        """Check once; call ``on_change`` and return True when something changed."""
        now = self.snapshot()
        if now == self._seen:
            return False
        self._seen = now
        self.on_change()
        return True

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.poll()
