"""Render backends: DOT sources to finished SVG, PNG and PDF bytes.

Two backends draw, and both give the same finished files (see
:mod:`shapekit.render.finish`):

- ``inprocess`` (default): the Graphviz bundled in the pygraphviz wheel, inside
  this process (:mod:`shapekit.render.inprocess`);
- ``dot``: the Graphviz ``dot`` program on PATH (:mod:`shapekit.render.dotcmd`),
  used when the wheel cannot load, or on request.

``SHAPEKIT_RENDERER=auto|inprocess|dot`` (or the CLI's ``--renderer``) picks one;
see :mod:`shapekit.render.backends`.

The API other modules call (stable)::

    render(jobs, fmt, *, dpi=DEFAULT_DPI, renderer=None) -> list[bytes]
        jobs: a sequence of Job(source, title, description, ident);
        fmt: "svg", "png" or "pdf"; dpi is used for PNG only.
        Returns the finished bytes of each job, in order; raises the
        RenderError of the first job Graphviz cannot draw, or a
        GraphvizNotFoundError (naming both fixes) when no backend can be used.
    renderer_info(renderer=None) -> Renderer(name, graphviz, run), .key
        the backend that would draw and its Graphviz version ("inprocess
        graphviz 14.1.5"): what caches record, so an upgrade redraws.
    use_renderer(name)
        sets the choice for this process and the processes it starts.

>>> job = Job('digraph { a -> b }', title="Two nodes", description="a points to b", ident="sk-ab")
>>> svg, = render([job], "svg")
>>> b'<title id="sk-ab-title">Two nodes</title>' in svg
True
>>> pdf, = render([job], "pdf")
>>> pdf.startswith(b"%PDF-") and b"CreationDate" not in pdf
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapekit.render import backends
from shapekit.render.backends import ENV_VAR, RENDERERS, Renderer, use_renderer
from shapekit.render.finish import DEFAULT_DPI, FONT, finish_pdf, finish_png, finish_svg

__all__ = [
    "DEFAULT_DPI",
    "ENV_VAR",
    "FONT",
    "FORMATS",
    "RENDERERS",
    "Job",
    "Renderer",
    "render",
    "renderer_info",
    "use_renderer",
]

#: the formats :func:`render` writes
FORMATS = ("svg", "png", "pdf")


@dataclass(frozen=True)
class Job:
    """One figure to draw: its DOT source and the words the finished file carries."""

    source: str
    title: str
    description: str
    ident: str  #: prefix of the SVG's element ids, unique per figure (``sk-…``)


def renderer_info(renderer: str | None = None) -> Renderer:
    """The backend :func:`render` would use now, with its Graphviz version."""
    return backends.renderer(renderer)


def render(
    jobs: Sequence[Job], fmt: str, *, dpi: int = DEFAULT_DPI, renderer: str | None = None
) -> list[bytes]:
    """Draw ``jobs`` to finished ``fmt`` bytes (see the module docstring)."""
    if fmt not in FORMATS:
        raise ValueError(f"cannot render {fmt!r}; the formats are {', '.join(FORMATS)}")
    if not jobs:
        return []
    raws = backends.renderer(renderer).run(
        [j.source for j in jobs], fmt, dpi=dpi if fmt == "png" else None
    )
    if fmt == "svg":
        return [
            finish_svg(raw, title=j.title, description=j.description, ident=j.ident)
            for j, raw in zip(jobs, raws, strict=True)
        ]
    if fmt == "png":
        return [
            finish_png(raw, title=j.title, description=j.description, dpi=dpi)
            for j, raw in zip(jobs, raws, strict=True)
        ]
    return [
        finish_pdf(raw, title=j.title, description=j.description)
        for j, raw in zip(jobs, raws, strict=True)
    ]
