"""The old import path of the backend, kept while callers move to :mod:`shapekit.render`.

``run_dot`` now draws with the chosen backend (in process by default), not
necessarily with the ``dot`` program; new code calls :func:`shapekit.render.render`.
"""

from __future__ import annotations

from collections.abc import Sequence

from shapekit.render import backends
from shapekit.render.dotcmd import dot_binary
from shapekit.render.finish import DEFAULT_DPI, FONT, finish_png, finish_svg

__all__ = ["DEFAULT_DPI", "FONT", "dot_binary", "finish_png", "finish_svg", "run_dot"]


def run_dot(sources: Sequence[str], fmt: str, *, dpi: int | None = None) -> list[bytes]:
    """Raw Graphviz output of ``sources`` from the chosen backend."""
    return backends.run(sources, fmt, dpi=dpi, name=None)
