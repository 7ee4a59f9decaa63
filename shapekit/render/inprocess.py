"""The default backend: Graphviz inside this process, from the pygraphviz wheel.

The wheel bundles the Graphviz libraries (the dot layout, SVG, and Cairo/Pango
for PNG and PDF), so no ``dot`` program and no process start are needed.

Graphviz keeps global state and is not thread-safe: every call into it happens
under one process-wide lock (:data:`LOCK`). Processes are the way to draw in
parallel: the gallery's workers each load their own copy, and a PNG or PDF
batch of at least :data:`PARALLEL_MIN` graphs is shared with the helper
process below, which draws about half of it while this process draws the
rest (the bytes are the same: one library, one font setup). Graphviz's error
and warning messages are routed through a callback into the
:class:`~shapekit.errors.RenderError` of the figure, instead of the terminal.

Graphviz 14's dot layout does not give back all its memory (about 0.5 to 3 kB
per graph with HTML-like labels, measured here; freeing and remaking its
context does not help). A short run never notices; a long-running process
(``shapekit serve``, the render service, a big docs build) would grow without
bound. So a process draws its first :data:`OWN_LIMIT` graphs itself and then
hands the drawing to one helper process, which is replaced by a fresh one
after every :data:`RECYCLE` graphs: the memory stays flat whatever the count.
"""

from __future__ import annotations

import contextlib
import ctypes
import glob
import multiprocessing
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from shapekit.errors import FontWarning, GraphvizNotFoundError, RenderError
from shapekit.render import fonts

__all__ = [
    "LOCK",
    "NAME",
    "OWN_LIMIT",
    "PARALLEL_MIN",
    "RECYCLE",
    "REINSTALL_HINT",
    "available",
    "drawing_away",
    "load",
    "problem",
    "run",
    "version",
]

NAME = "inprocess"
#: held around every call into the Graphviz library
LOCK = threading.Lock()
#: graphs a process draws itself before a helper process takes over the drawing
OWN_LIMIT = 1000
#: graphs a helper process draws before it is replaced by a fresh one
RECYCLE = 1000
#: graphs sent to the helper in one message
_CHUNK = 50
#: the smallest PNG or PDF batch shared with the helper process (0: never)
PARALLEL_MIN = 8
_PARALLEL_FORMATS = frozenset({"png", "pdf"})
#: a helper's start (Python and Graphviz loaded) takes about as long as drawing this many PNGs
_HELPER_START = 6
REINSTALL_HINT = "'pip install --force-reinstall pygraphviz' (its wheels bundle Graphviz)"
#: formats tried in order: Cairo's first (centred, antialiased text), then the plain one
_DEVICES = {"svg": (b"svg",), "png": (b"png:cairo", b"png"), "pdf": (b"pdf:cairo", b"pdf")}


class _Library:
    """The loaded pygraphviz wheel: its Graphviz module, context and error callback."""

    def __init__(self) -> None:
        import pygraphviz
        from pygraphviz import graphviz as gv

        self.gv: Any = gv
        self.version = str(pygraphviz.__graphviz_version__)
        self.libs = _library_folders(os.path.dirname(pygraphviz.__file__))
        self.messages: list[str] = []
        self._callback = self._install_callback()
        self.fonts = fonts.setup(self.libs)
        self.context: Any = None
        self.devices: dict[str, bytes] = {}

    def _install_callback(self) -> Any:
        """Send Graphviz's messages to :attr:`messages` (None if cgraph is not found)."""
        prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_char_p)

        def collect(text: bytes | None) -> int:
            self.messages.append((text or b"").decode("utf-8", "replace"))
            return 0

        callback = prototype(collect)
        for folder in self.libs:
            for path in sorted(glob.glob(os.path.join(folder, "*cgraph*"))):
                try:
                    cgraph = ctypes.CDLL(path)
                    cgraph.agseterrf.argtypes = [prototype]
                    cgraph.agseterrf.restype = ctypes.c_void_p
                except (OSError, AttributeError):
                    continue
                cgraph.agseterrf(callback)
                return callback  # kept alive as long as the library
        return None

    def take_messages(self) -> str:
        text = "".join(self.messages).strip()
        self.messages.clear()
        return text

    def draw(self, source: str, fmt: str, dpi: int | None) -> bytes:
        """One graph to raw ``fmt`` bytes (the caller holds :data:`LOCK`)."""
        gv = self.gv
        if self.context is None:
            self.context = gv.gvContextWithBuiltins()
        self.messages.clear()
        graph = self._parse(source)
        try:
            if dpi is not None:
                gv.agsafeset(graph, b"dpi", str(dpi).encode(), b"")
            if gv.gvLayout(self.context, graph, b"dot") != 0:
                raise RenderError(self._reason("could not lay out the figure"))
            try:
                return self._render(graph, fmt)
            finally:
                gv.gvFreeLayout(self.context, graph)
        finally:
            gv.agclose(graph)

    def _parse(self, source: str) -> Any:
        with tempfile.TemporaryFile("w+b") as handle:  # agread reads a C FILE*
            handle.write(source.encode("utf-8"))
            handle.seek(0)
            try:
                graph = self.gv.agread(handle, None)
            except ValueError as exc:  # "agread: bad input data"
                raise RenderError(self._reason("could not draw the figure")) from exc
        if graph is None:
            raise RenderError(self._reason("could not draw the figure"))
        return graph

    def _render(self, graph: Any, fmt: str) -> bytes:
        known = self.devices.get(fmt)
        for device in (known,) if known else _DEVICES[fmt]:
            error, data = self.gv.gvRenderData(self.context, graph, device)
            if error == 0 and data:
                self.devices[fmt] = device
                return bytes(data)
        raise RenderError(self._reason(f"could not write {fmt.upper()}"))

    def _reason(self, what: str) -> str:
        return f"Graphviz {what}: {self.take_messages() or 'no reason given'}"


def _library_folders(package: str) -> list[str]:
    """Where a wheel keeps its shared libraries (auditwheel, delocate, delvewheel)."""
    site = os.path.dirname(package)
    return [os.path.join(site, "pygraphviz.libs"), os.path.join(package, ".dylibs")]


_LOADED: dict[str, _Library | str] = {}


def load() -> _Library:
    """The loaded library, or a GraphvizNotFoundError saying why it cannot be used."""
    with LOCK:
        state = _LOADED.get("library")
        if state is None:
            try:
                state = _Library()
            except ImportError as exc:  # not installed, or its shared libraries are broken
                state = f"{type(exc).__name__}: {exc}"
            except OSError as exc:
                state = f"{type(exc).__name__}: {exc}"
            _LOADED["library"] = state
    if isinstance(state, str):
        raise GraphvizNotFoundError(f"{problem()}; reinstall it: {REINSTALL_HINT}")
    return state


def problem() -> str | None:
    """Why the library cannot be loaded, or None when it can (or was not tried yet)."""
    state = _LOADED.get("library")
    if isinstance(state, str):
        return f"the Graphviz library bundled with pygraphviz cannot be loaded ({state})"
    return None


def available() -> bool:
    """Whether the in-process backend can be used here."""
    try:
        load()
    except GraphvizNotFoundError:
        return False
    return True


def version() -> str:
    """The version of the Graphviz bundled with pygraphviz (``"14.1.5"``)."""
    return load().version


def run(sources: Sequence[str], fmt: str, *, dpi: int | None = None) -> list[bytes]:
    """Render each DOT source to ``fmt`` ("svg", "png" or "pdf"): raw Graphviz output.

    The first :data:`OWN_LIMIT` graphs of a process are drawn here, the rest by
    the recycled helper process (see the module docstring). A large PNG or PDF
    batch is shared: the helper draws its end while this process draws the rest.
    """
    library = load()
    fonts.check(library.fonts, fmt)
    with LOCK:
        here = _COUNT["helper"] or (
            not getattr(_AWAY, "on", False) and _COUNT["drawn"] + len(sources) <= OWN_LIMIT
        )
        if here:
            _COUNT["drawn"] += len(sources)
    if not here:
        return _by_helper(sources, fmt, dpi)
    theirs_at, theirs = _shared_with_helper(sources, fmt, dpi)
    mine = [i for i in range(len(sources)) if i not in theirs_at]
    if theirs is not None:
        with LOCK:
            _COUNT["drawn"] -= len(theirs_at)
    out: list[bytes] = [b""] * len(sources)
    try:
        for i in mine:
            with LOCK:
                out[i] = library.draw(sources[i], fmt, dpi)
    except BaseException:
        if theirs is not None:
            with contextlib.suppress(RenderError):  # this process's error comes first
                theirs()
        raise
    if theirs is not None:
        for i, data in zip(sorted(theirs_at), theirs(), strict=True):
            out[i] = data
    return out


def _shared_with_helper(
    sources: Sequence[str], fmt: str, dpi: int | None
) -> tuple[frozenset[int], Callable[[], list[bytes]] | None]:
    """Which graphs the helper draws (their indices), and its answer for them (None: all here).

    Drawing PNG and PDF (Cairo) costs 10 to 50 times the layout, so two
    processes draw a batch of at least :data:`PARALLEL_MIN` such graphs nearly
    twice as fast on two cores. Not in the helper itself, not in a worker
    process (the gallery's and Sphinx's parallel builds already use the
    cores), and not with one core. A running helper takes about half the
    work, judged by the length of each source (:func:`_half`), so a few big
    figures in a row are split too; one that is not running yet takes a
    smaller share from the end, as it first needs :data:`_HELPER_START`
    graphs' time to start.
    """
    count = len(sources)
    if fmt not in _PARALLEL_FORMATS or count < PARALLEL_MIN or not _two_processes_pay():
        return frozenset(), None
    from shapekit.render import helper

    shared = helper.shared()
    if shared.warm:
        picked = _half(sources)
    else:  # a starting child reads late: the request must fit in its pipe
        share = max(0, (count - _HELPER_START) // 2)
        while share and _request_size(sources[count - share :]) > shared.room // 2:
            share -= 1
        picked = list(range(count - share, count))
    if not picked:
        return frozenset(), None
    theirs = shared.begin([sources[i] for i in picked], fmt, dpi)
    if theirs is None:  # another thread is using it
        return frozenset(), None
    return frozenset(picked), theirs


def _half(sources: Sequence[str]) -> list[int]:
    """About half the work: the longest sources first, each to the side with less so far."""
    loads = [0, 0]
    picked = []
    for i in sorted(range(len(sources)), key=lambda i: -len(sources[i])):
        side = 0 if loads[0] <= loads[1] else 1
        loads[side] += len(sources[i])
        if side:
            picked.append(i)
    return sorted(picked)


def _request_size(sources: Sequence[str]) -> int:
    return sum(len(s) for s in sources) * 2 + 256  # at most two UTF-8 bytes a character here


def _two_processes_pay() -> bool:
    if _COUNT["helper"] or PARALLEL_MIN <= 0 or multiprocessing.parent_process() is not None:
        return False
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return cores >= 2


#: graphs drawn in this process; "helper" is 1 inside a helper process
_COUNT = {"drawn": 0, "helper": 0}
#: ``on`` in a thread inside :func:`drawing_away`
_AWAY = threading.local()


@contextlib.contextmanager
def drawing_away() -> Iterator[None]:
    """Within this block, this thread hands every graph to the helper process.

    For threaded servers. The pygraphviz wrapper keeps Python's global
    interpreter lock while Graphviz draws, so a big PNG drawn in the process
    stops every other thread for as long as it takes (348 ms measured for a
    784-input network at 400 DPI): a thread answering from a cache waits, and
    a request's time limit cannot fire. Waiting on the helper's pipe releases
    that lock (the longest pause of another thread was then 8 ms), and the
    memory stays flat from the first graph. The bytes are the same.
    """
    before = getattr(_AWAY, "on", False)
    _AWAY.on = True
    try:
        yield
    finally:
        _AWAY.on = before


def drawn_here() -> int:
    """How many graphs this process has drawn itself (not through the helper)."""
    return _COUNT["drawn"]


def become_helper() -> None:
    """Mark this process as the helper: it draws everything itself."""
    _COUNT["helper"] = 1
    warnings.simplefilter("ignore", FontWarning)  # the parent has said it already


def _by_helper(sources: Sequence[str], fmt: str, dpi: int | None) -> list[bytes]:
    from shapekit.render import helper

    return helper.shared().run(sources, fmt, dpi)


def _reinit_after_fork() -> None:
    """A forked child starts afresh: a free lock (another thread may have held it),
    its own count and no helper (the parent's belongs to the parent)."""
    global LOCK
    LOCK = threading.Lock()
    _COUNT["drawn"] = 0


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reinit_after_fork)
