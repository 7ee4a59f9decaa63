"""``.. shapekit-explain:: EXPR`` — the shapes of an expression, explained in the page.

::

    .. shapekit-explain:: inputs @ weights.T + biases
       :shapes: inputs=3,4 weights=3,4 biases=3

prints :func:`shapekit.explain`'s steps as a block. When the shapes do not
fit, the page shows where the expression breaks and why, in an error box, and
the fixes shapekit checked to work (transposing or swapping operands) in a
second box beside it. That is the point of such a block, so it is not a
warning; a mistake in the directive itself (a malformed ``:shapes:``,
unsupported syntax) is a ``shapekit.explain`` warning.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from shapekit.directives import (
    FIXES_INTRO,
    GIVES_SHAPE,
    MISMATCH_TITLE,
    NO_FIX_TEXT,
    fixes_heading,
    mismatch_text,
    parse_shapes,
)
from shapekit.errors import MismatchError, ShapekitError
from shapekit.sphinxext.options import option_line
from shapekit.sphinxext.report import isolated, warn

__all__ = ["ShapekitExplain", "parse_shapes"]


class ShapekitExplain(SphinxDirective):
    """``.. shapekit-explain:: EXPR`` with ``:shapes: NAME=DIMS ...``."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "shapes": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    @isolated
    def run(self) -> list[nodes.Node]:
        import shapekit

        expr = " ".join(self.arguments[0].split())
        try:
            shapes = parse_shapes(self.options.get("shapes", ""))
        except ShapekitError as exc:
            warn(
                self,
                exc.message,
                "explain",
                line=option_line(self.block_text, self.lineno, "shapes"),
            )
            return []
        box = nodes.container(classes=["shapekit-explain", *self.options.get("class", [])])
        self.set_source_info(box)
        self.add_name(box)
        try:
            result = shapekit.explain(expr, shapes=shapes)
        except MismatchError as exc:
            box += _mismatch(expr, exc)
            box += _fixes(exc)
            return [box]
        except ShapekitError as exc:
            shown = expr if len(expr) <= 60 else expr[:59] + "…"
            warn(self, f"cannot explain {shown!r}: {exc.message}", "explain")
            return []
        box += _block(str(result))
        return [box]


def _block(text: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text)
    block["language"] = "text"
    return block


def _mismatch(expr: str, exc: MismatchError) -> nodes.admonition:
    box = nodes.admonition(classes=["error", "shapekit-mismatch"])
    box += nodes.title("", MISMATCH_TITLE)
    box += _block(mismatch_text(expr, exc))
    box += nodes.paragraph(exc.message, exc.message)
    return box


def _fixes(exc: MismatchError) -> nodes.admonition:
    box = nodes.admonition(classes=["tip", "shapekit-fix"])
    box += nodes.title("", fixes_heading(exc))
    if not exc.suggestions:
        box += nodes.paragraph(NO_FIX_TEXT, NO_FIX_TEXT)
        return box
    box += nodes.paragraph(FIXES_INTRO, FIXES_INTRO)
    items = nodes.bullet_list()
    for suggestion in exc.suggestions:
        shape = str(tuple(suggestion.shape))
        items += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                nodes.literal(suggestion.expr, suggestion.expr),
                nodes.Text(GIVES_SHAPE),
                nodes.literal(shape, shape),
            ),
        )
    box += items
    return box
