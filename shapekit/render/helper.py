"""The helper process that draws for a long-running process, replaced to keep memory flat.

After :data:`~shapekit.render.inprocess.OWN_LIMIT` graphs, a process hands its
in-process drawing to one child (``python -m shapekit.render.helper``) over a
pipe, and starts a fresh child after every :data:`~shapekit.render.inprocess.RECYCLE`
graphs, so the memory Graphviz keeps is given back to the system with the old one.
A plain child process (not :mod:`multiprocessing`) is used on purpose: it never
imports the caller's ``__main__``, so a script without an ``if __name__ ==
"__main__"`` guard works too.

Messages are length-prefixed pickles, between a parent and the child it started.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import IO, Any

from shapekit.errors import RenderError
from shapekit.render import inprocess

__all__ = ["Helper", "main", "shared"]

_HEADER = struct.Struct(">Q")


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class Helper:
    """One helper child at a time, replaced after ``recycle`` graphs."""

    def __init__(self, recycle: int | None = None) -> None:
        self.recycle = recycle if recycle is not None else inprocess.RECYCLE
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None
        self.drawn = 0
        self.started = 0  #: how many children were started (for tests and measurements)

    def run(self, sources: Sequence[str], fmt: str, dpi: int | None) -> list[bytes]:
        """Draw ``sources`` in the child: raw Graphviz output, as :func:`inprocess.run`."""
        with self.lock:
            if self.proc is None or self.drawn >= self.recycle:
                self._restart()
            proc = self.proc
            assert proc is not None and proc.stdin is not None and proc.stdout is not None
            self.drawn += len(sources)
            try:
                _send(proc.stdin, (list(sources), fmt, dpi))
                status, payload = _receive(proc.stdout)
            except (OSError, EOFError) as exc:
                self._stop()
                raise RenderError(
                    "the helper process drawing the figures stopped unexpectedly"
                ) from exc
        if status == "error":
            raise RenderError(payload)
        return list(payload)

    def _restart(self) -> None:
        self._stop()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "shapekit.render.helper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self.drawn = 0
        self.started += 1

    def _stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # a dead child: its pipe is broken
                    stream.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def close(self) -> None:
        """Stop the child (it also stops by itself when this process exits)."""
        with self.lock:
            self._stop()


_SHARED: dict[str, Helper] = {}
_SHARED_LOCK = threading.Lock()


def shared() -> Helper:
    """This process's helper."""
    with _SHARED_LOCK:
        if "helper" not in _SHARED:
            _SHARED["helper"] = Helper()
        return _SHARED["helper"]


def _forget_after_fork() -> None:
    global _SHARED_LOCK
    _SHARED_LOCK = threading.Lock()
    _SHARED.clear()  # the parent's child is the parent's


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


def main() -> None:
    """The child's loop: read a batch, draw it, answer, until the parent closes the pipe."""
    inprocess.become_helper()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the pipe
    while True:
        try:
            sources, fmt, dpi = _receive(stdin)
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("ok", inprocess.run(sources, fmt, dpi=dpi))
        except RenderError as exc:
            answer = ("error", exc.message)
        _send(stdout, answer)


if __name__ == "__main__":
    main()
