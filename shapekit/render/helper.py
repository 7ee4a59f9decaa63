"""The helper process that draws for a long-running process, replaced to keep memory flat.

After :data:`~shapekit.render.inprocess.OWN_LIMIT` graphs, a process hands its
in-process drawing to one child (``python -m shapekit.render.helper``) over a
pipe, and starts a fresh child after every :data:`~shapekit.render.inprocess.RECYCLE`
graphs, so the memory Graphviz keeps is given back to the system with the old one.
A plain child process (not :mod:`multiprocessing`) is used on purpose: it never
imports the caller's ``__main__``, so a script without an ``if __name__ ==
"__main__"`` guard works too.

The same child also shares large PNG and PDF batches with its parent, which
draws the other part meanwhile (:meth:`Helper.begin`): two processes, two
cores. Its pipe is widened (Linux) so a batch can be sent while it starts.

Messages are length-prefixed pickles, between a parent and the child it started.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO, Any

from shapekit.errors import RenderError
from shapekit.render import inprocess

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

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


#: a pipe's buffer where its size cannot be asked (Linux's default)
_PIPE_SIZE = 65536
#: the pipe to a child is widened to this on Linux, so a batch is sent while it starts
_WIDE_PIPE = 1 << 20


def _widen(stream: IO[bytes] | None) -> int:
    """Widen the pipe under ``stream`` where the system allows it; its size in bytes."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if stream is None or setsize is None:
        return _PIPE_SIZE
    try:
        return int(fcntl.fcntl(stream.fileno(), setsize, _WIDE_PIPE))
    except OSError:  # above /proc/sys/fs/pipe-max-size
        return _PIPE_SIZE


def _stopped() -> RenderError:
    return RenderError("the helper process drawing the figures stopped unexpectedly")


class Helper:
    """One helper child at a time, replaced after ``recycle`` graphs."""

    def __init__(self, recycle: int | None = None) -> None:
        self.recycle = recycle if recycle is not None else inprocess.RECYCLE
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None
        self.drawn = 0
        self.started = 0  #: how many children were started (for tests and measurements)
        #: bytes a request may take without waiting for the child to read (its pipe's size)
        self.room = _PIPE_SIZE

    def run(self, sources: Sequence[str], fmt: str, dpi: int | None) -> list[bytes]:
        """Draw ``sources`` in the child: raw Graphviz output, as :func:`inprocess.run`."""
        self.lock.acquire()
        return self._ask(sources, fmt, dpi)()

    def begin(
        self, sources: Sequence[str], fmt: str, dpi: int | None
    ) -> Callable[[], list[bytes]] | None:
        """Send ``sources`` to the child and return at once, or None if the helper is busy.

        The child draws while the caller goes on; the function returned waits
        for its answer (as :meth:`run` returns it). The helper stays reserved
        for the caller until that function is called: call it exactly once.
        """
        if not self.lock.acquire(blocking=False):
            return None
        return self._ask(sources, fmt, dpi)

    @property
    def warm(self) -> bool:
        """Whether a child is running and will draw the next batch without a restart."""
        return self.proc is not None and self.proc.poll() is None and self.drawn < self.recycle

    def _ask(self, sources: Sequence[str], fmt: str, dpi: int | None) -> Callable[[], list[bytes]]:
        """Send a request (the caller holds :attr:`lock`; the answer releases it)."""
        try:
            if self.proc is None or self.drawn >= self.recycle:
                self._restart()
            proc = self.proc
            assert proc is not None and proc.stdin is not None and proc.stdout is not None
            self.drawn += len(sources)
            try:
                _send(proc.stdin, (list(sources), fmt, dpi))
            except OSError as exc:
                self._stop()
                raise _stopped() from exc
        except BaseException:
            self.lock.release()
            raise
        stdout = proc.stdout
        answered: list[bool] = []

        def answer() -> list[bytes]:
            if answered:
                raise RuntimeError("the helper's answer was already taken")
            answered.append(True)
            try:
                status, payload = _receive(stdout)
            except (OSError, EOFError) as exc:
                self._stop()
                raise _stopped() from exc
            finally:
                self.lock.release()
            if status == "error":
                raise RenderError(payload)
            return list(payload)

        return answer

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
        self.room = _widen(self.proc.stdin)

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
            atexit.register(_close_at_exit, _SHARED["helper"], os.getpid())
        return _SHARED["helper"]


def _close_at_exit(helper: Helper, pid: int) -> None:
    """Stop the child at exit, so none is left running (not in a forked copy: not its child)."""
    if os.getpid() == pid:
        helper.close()


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
