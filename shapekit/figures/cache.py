"""Rendered figures kept between builds (Sphinx, MkDocs), keyed by a hash of their content.

A figure's files are named after its spec digest (which covers the kind's code
version), the PNG resolution, shapekit's version and the renderer with its
Graphviz version (an upgrade of either draws the figure again). An unchanged
figure is found again on the next build — by any builder, in any worker process — and
costs a ``stat`` and a small JSON read. Files are written only when missing,
each through a temporary file and an atomic rename, so two parallel readers
drawing the same figure never leave a half-written file behind.

Each entry is three files in the cache folder::

    dot-1f2e….svg     for HTML builders
    dot-1f2e….png     for LaTeX and other bitmap builders
    meta/dot-1f2e….json   the title and description (the default alt text)
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import shapekit
from shapekit.errors import GraphvizNotFoundError
from shapekit.figures import Figure, Spec, render_many
from shapekit.figures.drawing import replace_file
from shapekit.render import renderer_info

__all__ = ["FORMATS", "Cached", "FigureCache", "drawing_code"]

#: the formats written for every figure; Sphinx's image selection picks one per builder
FORMATS = ("svg", "png")


@functools.cache
def drawing_code() -> str:
    """A hash of the code that draws figures (``shapekit/figures`` and ``shapekit/render``).

    Part of every cache key, so a figure cached by other drawing code — an older shapekit, or
    a fix made without a new version number — is drawn again rather than reused.
    """
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("figures", "render"):
        for path in sorted((root / folder).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Cached:
    """What the directive needs of a rendered figure."""

    name: str
    title: str
    description: str


class FigureCache:
    """A folder of rendered figures (see the module docstring)."""

    def __init__(
        self, folder: str | os.PathLike[str], *, dpi: int, formats: Sequence[str] = FORMATS
    ) -> None:
        self.folder = Path(folder)
        self.dpi = dpi
        self.formats = tuple(formats)

    def name(self, spec: Spec) -> str:
        """The file stem of ``spec``'s figure: its kind and a content hash."""
        key = (
            f"{spec.digest}|dpi={self.dpi}|shapekit={shapekit.__version__}"
            f"|code={drawing_code()}|renderer={_drawn_by()}"
        )
        return f"{spec.kind}-{hashlib.sha256(key.encode()).hexdigest()[:20]}"

    def path(self, name: str, fmt: str) -> Path:
        return self.folder / f"{name}.{fmt}"

    def _meta_path(self, name: str) -> Path:
        return self.folder / "meta" / f"{name}.json"

    def lookup(self, spec: Spec) -> Cached | None:
        """The cached figure of ``spec``, or None if any of its files is missing."""
        name = self.name(spec)
        if not all(self.path(name, fmt).is_file() for fmt in self.formats):
            return None
        try:
            meta = json.loads(self._meta_path(name).read_text(encoding="utf-8"))
            return Cached(name, str(meta["title"]), str(meta["description"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, figures: Sequence[Figure]) -> list[Cached]:
        """Render ``figures`` (one ``dot`` run per format) and write their files.

        Raises the :class:`~shapekit.errors.RenderError` of the first figure
        Graphviz could not draw; nothing of that batch is written then.
        """
        render_many(figures, formats=self.formats, dpi=self.dpi)
        done = []
        for fig in figures:
            name = self.name(fig.spec)
            for fmt in self.formats:
                data = fig.png(self.dpi) if fmt == "png" else fig.svg()
                _write_once(self.path(name, fmt), data)
            meta = {"title": fig.drawing.title, "description": fig.description}
            _write_once(
                self._meta_path(name),
                json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"),
            )
            done.append(Cached(name, fig.drawing.title, fig.description))
        return done


def _drawn_by() -> str:
    """The renderer and Graphviz version; "none" when no Graphviz can be used (then
    nothing is found in the cache, and drawing raises the error that says why)."""
    try:
        return renderer_info().key
    except GraphvizNotFoundError:
        return "none"


def _write_once(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless it is a file already, atomically."""
    if path.is_file():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)  # a new file of its own: a link planted in the cache is never followed
