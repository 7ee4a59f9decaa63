"""``.. shapekit:: KIND`` — a figure drawn at build time.

The directive turns its options into a spec with
:func:`~shapekit.figures.parse_spec` (or loads one with ``:from:``), then
emits an ordinary docutils figure whose image URI ends in ``.*``. Every
figure is written as SVG and as PNG into the cache, and Sphinx's own image
selection gives HTML builders the SVG and LaTeX the PNG; copying, captions,
``:numref:`` and parallel builds all work the way they do for ``.. figure::``.

Figures missing from the cache are drawn once per document, in one batch,
just before Sphinx collects the document's images (``doctree-read``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from shapekit.directives import MYST, RST, figure_spec
from shapekit.errors import GraphvizNotFoundError, RenderError, ShapekitError, SpecError
from shapekit.figures import Figure, Spec, draw
from shapekit.figures.cache import Cached, FigureCache
from shapekit.sphinxext.options import (
    FIGURE_OPTIONS,
    option_line,
    option_spec,
    yaml_values,
)
from shapekit.sphinxext.report import isolated, warn, warn_internal

__all__ = ["GraphvizMissing", "ShapekitFigure", "figure_cache", "render_pending"]

#: figures drawn while reading but not rendered yet, by cache name (per process)
_PENDING: dict[str, Figure] = {}


class GraphvizMissing(SphinxError):
    """The build needs to draw a figure but Graphviz's ``dot`` is not installed."""

    category = "shapekit: Graphviz not found"


def figure_cache(env: BuildEnvironment) -> FigureCache:
    """The cache folder of this build (kept with the doctrees, shared by builders)."""
    folder = env.config.shapekit_cache_dir or Path(env.doctreedir) / "shapekit"
    return FigureCache(Path(env.srcdir, folder), dpi=env.config.shapekit_png_dpi)


class ShapekitFigure(SphinxDirective):
    """``.. shapekit:: KIND`` with the kind's fields as options (see :mod:`shapekit.sphinxext`)."""

    optional_arguments = 1
    has_content = True
    option_spec = option_spec()

    @isolated
    def run(self) -> list[nodes.Node]:
        raw = yaml_values(self.block_text, dict(self.options))  # MyST: YAML lists stay lists
        figure_raw = {name: raw.pop(name) for name in FIGURE_OPTIONS if name in raw}
        try:
            spec, caption = self._spec(raw)
            figure_options = self._figure_options(figure_raw)
        except SpecError as exc:
            warn(
                self, exc.message, "spec", line=option_line(self.block_text, self.lineno, exc.field)
            )
            return []
        cache = figure_cache(self.env)
        cached = cache.lookup(spec)
        if cached is None:
            try:
                fig = draw(spec)
            except ShapekitError as exc:
                warn(self, f"cannot draw this {spec.kind} figure: {exc.message}", "render")
                return []
            cached = Cached(cache.name(spec), fig.drawing.title, fig.description)
            _PENDING[cached.name] = fig
        return [self._figure(cache, cached, figure_options, caption)]

    # -- the spec ---------------------------------------------------------------

    def _spec(self, raw: dict[str, Any]) -> tuple[Spec, str | None]:
        """The validated spec, and the caption of a gallery figure (if ``:from:``); the
        rules and messages are :func:`shapekit.directives.figure_spec`'s, shared with mystmd."""
        kind = self.arguments[0].strip() if self.arguments else None
        markdown = Path(self.env.doc2path(self.env.docname)).suffix in (".md", ".ipynb")
        return figure_spec(kind, raw, self._spec_file, syntax=MYST if markdown else RST)

    def _spec_file(self, path: str) -> str:
        """The file a ``:from:`` path names: relative to the page, or with ``/`` to the
        source folder; the page is rebuilt when it changes."""
        _, filename = self.env.relfn2path(path, self.env.docname)
        self.env.note_dependency(filename)
        return filename

    def _figure_options(self, raw: dict[str, str]) -> dict[str, Any]:
        converted = {}
        for name, value in raw.items():
            try:
                converted[name] = FIGURE_OPTIONS[name](value)
            except ValueError as exc:
                reason = " ".join(str(a) for a in exc.args)
                raise SpecError(f"option {name!r}: {reason}", field=name) from exc
        return converted

    # -- the nodes ----------------------------------------------------------------

    def _figure(
        self,
        cache: FigureCache,
        cached: Cached,
        options: dict[str, Any],
        gallery_caption: str | None,
    ) -> nodes.figure:
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        uri = os.path.relpath(cache.path(cached.name, "*"), docdir).replace(os.sep, "/")
        image = nodes.image(self.block_text, uri=uri, alt=options.get("alt", cached.description))
        image["shapekit"] = cached.name
        if "width" in options:
            image["width"] = options["width"]
        figure = nodes.figure("", image, classes=["shapekit", *options.get("class", [])])
        if "align" in options:
            figure["align"] = options["align"]
        self.set_source_info(figure)
        self.set_source_info(image)
        if "name" in options:
            self.add_name(figure)
        figure += self._caption(options.get("caption"), gallery_caption or cached.title)
        return figure

    def _caption(self, markup: str | None, plain: str) -> list[nodes.Node]:
        """The caption: the content's first paragraph (the rest is the legend), else the
        ``:caption:`` option (inline markup), else ``plain`` text (gallery caption, title)."""
        if self.content:
            body = nodes.Element()
            self.state.nested_parse(StringList(self.content), self.content_offset, body)
            first = body.children[0] if body.children else None
            if isinstance(first, nodes.paragraph):
                caption = nodes.caption(first.rawsource, "", *first.children)
                caption.source, caption.line = first.source, first.line
                rest = body.children[1:]
                return [caption, nodes.legend("", *rest)] if rest else [caption]
            return [nodes.legend("", *body.children)]
        if markup:
            inline, messages = self.state.inline_text(markup, self.lineno)
            caption = nodes.caption(markup, "", *inline)
        else:
            caption, messages = nodes.caption(plain, plain), []
        self.set_source_info(caption)
        return [caption, *messages]


def render_pending(app: Sphinx, doctree: nodes.document) -> None:
    """Draw this document's new figures in one batch, before Sphinx collects images.

    A figure Graphviz cannot draw is reported at its directive and removed;
    a missing ``dot`` stops the build with one error saying how to install it.
    If shapekit itself fails, each figure of the batch is tried alone, and the
    ones that still fail are ``shapekit.internal`` warnings at their directives.
    """
    images = [n for n in doctree.findall(nodes.image) if n.get("shapekit") in _PENDING]
    figures = {n["shapekit"]: _PENDING[n["shapekit"]] for n in images}
    if not figures:
        return
    try:
        cache = figure_cache(app.env)
        try:
            cache.store(list(figures.values()))
            failed: set[str] = set()
        except GraphvizNotFoundError:
            raise
        except Exception:  # a render error, or a bug: find the figure(s) at fault alone
            failed = _store_one_by_one(cache, figures, images)
    except GraphvizNotFoundError as exc:
        raise GraphvizMissing(exc.message) from exc
    except Exception as exc:  # isolation boundary: these figures fail, not the build
        failed = set(figures)
        for image in images:
            warn_internal(exc, image)
    finally:
        for name in figures:
            _PENDING.pop(name, None)
    for image in images:
        if image["shapekit"] in failed and isinstance(image.parent, nodes.figure):
            image.parent.parent.remove(image.parent)


def _store_one_by_one(
    cache: FigureCache, figures: dict[str, Figure], images: list[nodes.image]
) -> set[str]:
    from shapekit.sphinxext.report import logger

    failed = set()
    for name, fig in figures.items():
        try:
            cache.store([fig])
        except GraphvizNotFoundError:
            raise
        except RenderError as exc:
            failed.add(name)
            for image in images:
                if image["shapekit"] == name:
                    logger.warning(
                        f"cannot draw this {fig.spec.kind} figure: {exc.message}",
                        location=image,
                        type="shapekit",
                        subtype="render",
                    )
        except Exception as exc:  # isolation boundary: this figure fails, not the build
            failed.add(name)
            for image in images:
                if image["shapekit"] == name:
                    warn_internal(exc, image)
    return failed
