"""Which Graphviz draws: the in-process library (default) or the ``dot`` program.

The choice, in order: the ``renderer`` argument, then the environment variable
``SHAPEKIT_RENDERER`` (``auto``, ``inprocess`` or ``dot``; the CLI's
``--renderer`` option sets it, so worker processes follow), then ``auto``:
in process when the pygraphviz wheel loads, else ``dot`` when it is on PATH,
else one :class:`~shapekit.errors.GraphvizNotFoundError` naming both fixes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from shapekit.errors import GraphvizNotFoundError, SpecError, closest
from shapekit.render import dotcmd, inprocess

__all__ = ["ENV_VAR", "RENDERERS", "Renderer", "chosen", "renderer", "use_renderer"]

ENV_VAR = "SHAPEKIT_RENDERER"
#: the values of SHAPEKIT_RENDERER and ``--renderer``
RENDERERS = ("auto", inprocess.NAME, dotcmd.NAME)


@dataclass(frozen=True)
class Renderer:
    """A usable backend: its name, its Graphviz version and its draw function."""

    name: str
    graphviz: str
    run: Callable[..., list[bytes]]

    @property
    def key(self) -> str:
        """What cache keys record: ``"inprocess graphviz 14.1.5"``."""
        return f"{self.name} graphviz {self.graphviz}"


def chosen(name: str | None = None) -> str:
    """The renderer asked for: ``name``, else SHAPEKIT_RENDERER, else ``"auto"``.

    >>> chosen("dot")
    'dot'
    >>> chosen("fast")
    Traceback (most recent call last):
    ...
    shapekit.errors.SpecError: there is no renderer 'fast'; use auto, inprocess or dot
    """
    value = (name if name is not None else os.environ.get(ENV_VAR, "")).strip().lower()
    value = value or "auto"
    if value not in RENDERERS:
        hint = closest(value, RENDERERS)
        source = "" if name is not None else f" (from {ENV_VAR})"
        raise SpecError(
            f"there is no renderer {value!r}{source}; "
            + (f"did you mean {hint!r}? " if hint else "")
            + "use auto, inprocess or dot",
            field="renderer",
        )
    return value


def use_renderer(name: str | None) -> None:
    """Make ``name`` the renderer of this process and of the processes it starts.

    ``None`` or ``"auto"`` goes back to the automatic choice.
    """
    value = chosen(name or "auto")
    if value == "auto":
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = value


def renderer(name: str | None = None) -> Renderer:
    """The backend that draws (see the module docstring), ready to use."""
    value = chosen(name)
    if value == inprocess.NAME:
        return Renderer(inprocess.NAME, inprocess.version(), inprocess.run)
    if value == dotcmd.NAME:
        return Renderer(dotcmd.NAME, dotcmd.version(), dotcmd.run)
    try:
        return Renderer(inprocess.NAME, inprocess.version(), inprocess.run)
    except GraphvizNotFoundError as library:
        try:
            return Renderer(dotcmd.NAME, dotcmd.version(), dotcmd.run)
        except GraphvizNotFoundError:
            raise GraphvizNotFoundError(
                f"shapekit cannot draw figures: {inprocess.problem()}, and Graphviz's "
                f"'dot' program is not on PATH either. Fix one of the two: "
                f"{inprocess.REINSTALL_HINT}, or {dotcmd.INSTALL_HINT}."
            ) from library


def run(sources: Sequence[str], fmt: str, *, dpi: int | None, name: str | None) -> list[bytes]:
    """Raw Graphviz output of ``sources`` in ``fmt`` from the chosen backend."""
    return renderer(name).run(sources, fmt, dpi=dpi)
