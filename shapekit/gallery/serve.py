"""A local preview of a built gallery: the standard library's threading HTTP
server, bound to loopback, serving files of one folder and nothing outside it,
plus a watcher that rebuilds when a spec file changes.
"""

from __future__ import annotations

import http.server
import os
import posixpath
import threading
import urllib.parse
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

__all__ = ["LOOPBACK", "SiteHandler", "SpecWatcher", "make_server"]

LOOPBACK = "127.0.0.1"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files under ``directory`` only: ``..``, absolute paths, hidden files,
    and symlinks that lead outside are refused with 403; no folder listings."""

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
            index = target / "index.html"
            if not index.is_file():
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
    quiet = False


def make_server(
    directory: str | os.PathLike[str],
    *,
    host: str = LOOPBACK,
    port: int = 8000,
    quiet: bool = False,
) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` (call ``serve_forever()``; port 0 picks a free one)."""
    handler = partial(SiteHandler, directory=os.fspath(directory))
    server = _Server((host, port), handler)
    server.quiet = quiet
    return server


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
