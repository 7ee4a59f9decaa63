"""Figures drawn for the service: the versions in every ETag, and renders that are
bounded in time and in number.

Renders run on a small per-process thread pool, and Graphviz draws them in the
render helper process (so no render holds the interpreter lock that the
worker's other threads need): a request waits at most
``render_timeout`` seconds for its figure (then 503, and the figure still lands
in the cache for the next try), and once ``max_pending`` renders are queued new
ones are refused at once with 503 and ``Retry-After`` instead of piling up.
Requests for a figure already being drawn wait for that render instead of
starting another, so a page loaded by a whole class at once draws each figure once.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import shapekit
from shapekit.errors import RenderError, ShapekitError
from shapekit.figures.registry import Spec
from shapekit.service.problems import Problem
from shapekit.service.settings import Settings

__all__ = ["FORMATS", "Renderer", "draw_bytes", "etag_for", "graphviz_version", "versions"]

#: output format -> media type
FORMATS: dict[str, str] = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
}


@functools.cache
def graphviz_version() -> str:
    """The backend and Graphviz version figures are drawn with (``"inprocess graphviz
    14.1.5"``, part of every ETag), or ``"unavailable"`` when no backend can draw."""
    from shapekit.render import renderer_info

    try:
        return renderer_info().key
    except ShapekitError:
        return "unavailable"


def versions() -> dict[str, str]:
    """``{"shapekit": …, "graphviz": …}``: what decides how a spec is drawn."""
    return {"shapekit": shapekit.__version__, "graphviz": graphviz_version()}


def etag_for(digest: str, fmt: str) -> str:
    """A strong ETag: the canonical spec's digest, the format, both versions and a hash of
    the drawing code (a fix made without a new version number is a new ETag, so browsers
    and caches revalidating an old drawing get the new one instead of a 304).

    >>> etag_for("ab" * 32, "svg") == etag_for("ab" * 32, "svg") != etag_for("ab" * 32, "png")
    True
    """
    from shapekit.figures.cache import drawing_code

    v = versions()
    text = f"{digest}:{fmt}:{v['shapekit']}:{v['graphviz']}:{drawing_code()}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def draw_bytes(spec: Spec, fmt: str) -> bytes:
    """Draw ``spec`` as ``fmt`` bytes (no limits: :class:`Renderer` adds them)."""
    from shapekit.figures.drawing import draw

    figure = draw(spec)
    if fmt == "svg":
        return figure.svg()
    if fmt == "png":
        return figure.png()
    pdf = getattr(figure, "pdf", None)
    if pdf is None:
        raise Problem(404, "PDF output is not available in this shapekit", kind="format")
    data: bytes = pdf()
    return data


def _away_from_this_process(work: Callable[[], bytes]) -> bytes:
    """Run ``work`` with Graphviz drawing in the helper process, not in this one.

    Drawn here, a big PNG would hold Python's global interpreter lock for up to a
    few hundred ms, stalling every other request of the worker and the time limit
    of this one; waiting on the helper does not (see ``inprocess.drawing_away``).
    """
    from shapekit.render.inprocess import drawing_away

    with drawing_away():
        return work()


class Renderer:
    """Runs renders with a time limit and a bound on how many may wait."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0
        self._pending = 0
        self._lock = threading.Lock()
        self._drawing: dict[str, Future[bytes]] = {}

    @property
    def pending(self) -> int:
        return self._pending

    def run(self, work: Callable[[], bytes], key: str = "") -> bytes:
        """The bytes ``work`` returns, or a 503 :class:`Problem` when saturated or too slow.

        Calls with the same non-empty ``key`` while its render runs share that render.
        """
        with self._lock:
            # a render of the parent process never finishes in a forked child
            same_process = self._pid == os.getpid()
            future = self._drawing.get(key) if key and same_process else None
            started = future is None
            if future is None:
                if self._pending >= self.settings.max_pending:
                    raise Problem(
                        503,
                        "the service is drawing as many figures as it can; try again shortly",
                        kind="saturated",
                        retry_after=self.settings.retry_after,
                    )
                executor = self._executor()  # first, as it starts a new process at zero
                self._pending += 1
                future = executor.submit(_away_from_this_process, work)
                if key:
                    self._drawing[key] = future
        if started:  # outside the lock: a finished future calls back at once
            future.add_done_callback(functools.partial(self._done, key))
        try:
            return future.result(timeout=self.settings.render_timeout)
        except FutureTimeout:
            raise Problem(
                503,
                f"drawing the figure took longer than {self.settings.render_timeout:g} s",
                kind="timeout",
                retry_after=self.settings.retry_after,
            ) from None
        except Problem:
            raise
        except RenderError as exc:
            raise Problem(500, exc.message, kind=exc.kind) from exc
        except ShapekitError as exc:
            raise Problem.from_error(exc) from exc

    def _done(self, key: str, future: Future[bytes]) -> None:
        with self._lock:
            self._pending -= 1
            if self._drawing.get(key) is future:
                del self._drawing[key]

    def _executor(self) -> ThreadPoolExecutor:
        # created lazily in each process: threads do not survive a server's fork
        if self._pool is None or self._pid != os.getpid():
            self._pool = ThreadPoolExecutor(
                max_workers=self.settings.render_threads, thread_name_prefix="shapekit-render"
            )
            self._pid = os.getpid()
            self._pending = 0
            self._drawing = {}
        return self._pool
