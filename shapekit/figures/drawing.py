"""What a figure kind builds (a :class:`Drawing`) and the :class:`Figure` that
renders it to SVG and PNG, displays itself in Jupyter and saves to files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapekit.figures.registry import Spec, get_kind, parse_spec

__all__ = ["DEFAULT_DPI", "Drawing", "Figure", "draw", "figure", "render_many"]

#: PNG resolution used when none is given (matches the Graphviz backend)
DEFAULT_DPI = 192


@dataclass(frozen=True)
class Drawing:
    """The output of a kind's ``build``: DOT source plus the words about it.

    ``title`` is a short name ("A neuron with 3 inputs"), ``description`` the
    accessible text (alt text, SVG ``<desc>``, PNG ``Description``) generated
    from the content, ``explanation`` the longer text a learner reads beside it
    (the arithmetic written out, the shape rules applied).
    """

    source: str
    title: str
    description: str
    explanation: str = ""


class Figure:
    """A drawn figure: ``svg()`` and ``png()`` bytes, cached after the first call.

    >>> fig = figure("dot", left=[1, 2, 3], right=[2, 3, 4])
    >>> fig.drawing.title
    'Dot product of two vectors of length 3'
    """

    def __init__(self, spec: Spec, drawing: Drawing) -> None:
        self.spec = spec
        self.drawing = drawing
        self._cache: dict[tuple[str, int | None], bytes] = {}

    @property
    def description(self) -> str:
        return self.drawing.description

    @property
    def explanation(self) -> str:
        return self.drawing.explanation

    @property
    def ident(self) -> str:
        """A stable id for this figure's SVG elements (from the spec digest)."""
        return "sk-" + self.spec.digest[:10]

    def svg(self) -> bytes:
        """The figure as SVG bytes (UTF-8)."""
        if ("svg", None) not in self._cache:
            render_many([self], formats=("svg",))
        return self._cache[("svg", None)]

    def png(self, dpi: int = DEFAULT_DPI) -> bytes:
        """The figure as PNG bytes at ``dpi``, with Title/Description metadata."""
        if ("png", dpi) not in self._cache:
            render_many([self], formats=("png",), dpi=dpi)
        return self._cache[("png", dpi)]

    def save(self, path: str | Path, *, dpi: int = DEFAULT_DPI) -> Path:
        """Write the figure to ``path``; the suffix (.svg or .png) picks the format."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".svg":
            data = self.svg()
        elif suffix == ".png":
            data = self.png(dpi)
        else:
            from shapekit.errors import SpecError

            raise SpecError(
                f"cannot save a figure as {suffix or 'a file without suffix'!r}; use .svg or .png",
                field="output",
            )
        target.write_bytes(data)
        return target

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"image/svg+xml": self.svg().decode("utf-8"), "text/plain": self.description}

    def __repr__(self) -> str:
        return f"<Figure {self.spec.kind}: {self.drawing.title}>"


def draw(spec: Spec) -> Figure:
    """Build the figure for a validated spec (no rendering happens yet)."""
    return Figure(spec, get_kind(spec.kind).build(spec))


def figure(kind: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Figure:
    """Parse fields for ``kind`` and build its figure.

    >>> figure("dot", left="1, 2, 3", right="2, 3, 4").spec["left"]
    (1, 2, 3)
    """
    return draw(parse_spec(kind, {**(fields or {}), **more}))


def render_many(
    figures: Sequence[Figure],
    *,
    formats: Iterable[str] = ("svg", "png"),
    dpi: int = DEFAULT_DPI,
) -> None:
    """Render many figures with one ``dot`` run per format and batch.

    The results land in each figure's cache (``fig.svg()``/``fig.png(dpi)``
    then return at once). A failure raises the RenderError of the first
    figure that failed.
    """
    from shapekit.render import graphviz as backend

    for fmt in formats:
        todo = [f for f in figures if (fmt, dpi if fmt == "png" else None) not in f._cache]
        if not todo:
            continue
        raws = backend.run_dot(
            [f.drawing.source for f in todo], fmt, dpi=dpi if fmt == "png" else None
        )
        for fig, raw in zip(todo, raws, strict=True):
            d = fig.drawing
            if fmt == "svg":
                fig._cache[("svg", None)] = backend.finish_svg(
                    raw, title=d.title, description=d.description, ident=fig.ident
                )
            else:
                fig._cache[("png", dpi)] = backend.finish_png(
                    raw, title=d.title, description=d.description, dpi=dpi
                )
