"""The fallback backend: the ``dot`` program on PATH, run once for a whole batch of graphs.

Used when the Graphviz bundled with pygraphviz cannot be loaded, or on request
(``SHAPEKIT_RENDERER=dot``, ``--renderer dot``). PNG batches go through one
``dot`` process per :data:`BATCH` graphs; SVG and PDF documents one process each.
An SVG must not share a run: Graphviz 2.42 (Debian's) writes the nodes of a graph
in an order that depends on the graphs drawn before it in the same process, so the
same figure would come out with other bytes (the same picture) in another batch.
"""

from __future__ import annotations

import functools
import re
import shutil
import struct
import subprocess
from collections.abc import Sequence

from shapekit.errors import GraphvizNotFoundError, RenderError
from shapekit.render.finish import PNG_SIGNATURE

__all__ = [
    "BATCH",
    "INSTALL_HINT",
    "NAME",
    "TIMEOUT",
    "dot_binary",
    "explicit_layout",
    "run",
    "version",
]

NAME = "dot"
#: the most graphs handed to one dot process
BATCH = 64
#: seconds one dot run may take before it is stopped
TIMEOUT = 120
INSTALL_HINT = (
    "install Graphviz so that 'dot' is on PATH: 'apt-get install graphviz' on "
    "Debian/Ubuntu, 'brew install graphviz' on macOS, or see https://graphviz.org/download/"
)
_DEVICES = {"svg": "svg", "png": "png:cairo", "pdf": "pdf:cairo"}
_VERSION = re.compile(r"version\s+(\d+(?:\.\d+)*)")


def dot_binary() -> str:
    """The path of ``dot``, or a GraphvizNotFoundError saying how to install it."""
    path = shutil.which("dot")
    if path is None:
        raise GraphvizNotFoundError(
            f"Graphviz's 'dot' program was not found on PATH; {INSTALL_HINT}."
        )
    return path


def version() -> str:
    """The Graphviz version of the ``dot`` on PATH (``"2.43.0"``)."""
    return _version(dot_binary())


@functools.cache
def _version(path: str) -> str:
    try:
        proc = subprocess.run([path, "-V"], capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"cannot run {path} -V: {exc}") from exc
    match = _VERSION.search(proc.stderr.decode("utf-8", "replace"))
    return match.group(1) if match else "unknown"


def run(sources: Sequence[str], fmt: str, *, dpi: int | None = None) -> list[bytes]:
    """Render each DOT source to ``fmt`` ("svg", "png" or "pdf"): raw Graphviz output.

    If a batch fails, its graphs are run one by one so that the failing one
    raises a :class:`RenderError` naming Graphviz's reason.
    """
    out: list[bytes] = []
    size = BATCH if fmt == "png" else 1  # SVG: see the module docstring
    for start in range(0, len(sources), size):
        chunk = sources[start : start + size]
        try:
            out.extend(_run(chunk, fmt, dpi))
        except RenderError:
            if len(chunk) == 1:
                raise
            out.extend(_run([src], fmt, dpi)[0] for src in chunk)
    return out


def _run(sources: Sequence[str], fmt: str, dpi: int | None) -> list[bytes]:
    args = [dot_binary(), f"-T{_DEVICES[fmt]}"]
    if dpi is not None:
        args.append(f"-Gdpi={dpi}")
    try:
        proc = subprocess.run(
            args,
            input="\n".join(map(explicit_layout, sources)).encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:  # removed between which() and run()
        raise GraphvizNotFoundError(
            f"Graphviz's 'dot' program disappeared; {INSTALL_HINT}."
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"Graphviz took longer than {TIMEOUT} s and was stopped") from exc
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip() or f"exit code {proc.returncode}"
        raise RenderError(f"Graphviz could not draw the figure: {reason}")
    if fmt == "pdf":
        parts = [proc.stdout]
    else:
        parts = _split_svg(proc.stdout) if fmt == "svg" else _split_png(proc.stdout)
    if len(parts) != len(sources):
        raise RenderError(f"Graphviz drew {len(parts)} images for {len(sources)} graphs")
    return parts


#: the head of a graph, up to its opening brace (a quoted name may hold a brace)
_GRAPH_HEAD = re.compile(r'\A\s*(?:strict\s+)?(?:di)?graph\b(?:"(?:[^"\\]|\\.)*"|[^{"])*\{')


def explicit_layout(source: str) -> str:
    """``source`` with ``layout=dot`` first in its graph; its own ``layout=…`` still wins.

    In one ``dot`` run, a graph without a layout attribute is laid out by the engine
    of the graph before it (neato after a neuron figure), so every graph says its own.

    >>> explicit_layout('digraph "a{b" { x -> y }')
    'digraph "a{b" {layout=dot;  x -> y }'
    """
    head = _GRAPH_HEAD.match(source)
    if head is None:
        return source
    return source[: head.end()] + "layout=dot; " + source[head.end() :]


def _split_svg(data: bytes) -> list[bytes]:
    starts = [m.start() for m in re.finditer(rb"<\?xml ", data)]
    return [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]


def _split_png(data: bytes) -> list[bytes]:
    images: list[bytes] = []
    pos = 0
    while pos < len(data):
        if data[pos : pos + 8] != PNG_SIGNATURE:
            raise RenderError("Graphviz wrote something that is not a PNG image")
        end = pos + 8
        while True:
            (length,) = struct.unpack(">I", data[end : end + 4])
            ctype = data[end + 4 : end + 8]
            end += 12 + length
            if ctype == b"IEND":
                break
        images.append(data[pos:end])
        pos = end
    return images
