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

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from shapekit.errors import ExpressionError, MismatchError, ShapekitError
from shapekit.sphinxext.options import option_line
from shapekit.sphinxext.report import warn

__all__ = ["ShapekitExplain", "parse_shapes"]

_BINDING = re.compile(r"([A-Za-z_]\w*)\s*=")


def parse_shapes(text: str) -> dict[str, tuple[int, ...]]:
    """``inputs=3,4 weights=(3, 4) biases=3`` as a mapping of names to shapes.

    Each shape is read by :func:`shapekit.engine.expr.parse_shape`, as for
    ``shapekit explain --shape``; ``NAME=`` is a scalar.

    >>> parse_shapes("inputs=3,4 weights=(3, 4) biases=3 scale=")
    {'inputs': (3, 4), 'weights': (3, 4), 'biases': (3,), 'scale': ()}

    Raises :class:`~shapekit.errors.ExpressionError` naming the part that is wrong.
    """
    from shapekit.engine.expr import parse_shape

    text = text.strip()
    if not text:
        return {}
    starts = list(_BINDING.finditer(text))
    if not starts or text[: starts[0].start()].strip():
        raise ExpressionError(f"':shapes:' should look like 'inputs=3,4 weights=3,4', got {text!r}")
    shapes = {}
    for match, after in zip(starts, [*starts[1:], None], strict=True):
        name = match.group(1)
        dims = text[match.end() : after.start() if after else len(text)].strip().rstrip(";")
        if name in shapes:
            raise ExpressionError(f"':shapes:' gives {name!r} twice")
        try:
            shapes[name] = parse_shape(dims)
        except ExpressionError as exc:
            raise ExpressionError(f"':shapes:' {name}: {exc.message}") from exc
    return shapes


class ShapekitExplain(SphinxDirective):
    """``.. shapekit-explain:: EXPR`` with ``:shapes: NAME=DIMS ...``."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "shapes": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
    }

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
            warn(self, f"cannot explain {expr!r}: {exc.message}", "explain")
            return []
        box += _block(str(result))
        return [box]


def _block(text: str) -> nodes.literal_block:
    block = nodes.literal_block(text, text)
    block["language"] = "text"
    return block


def _mismatch(expr: str, exc: MismatchError) -> nodes.admonition:
    lines = [expr]
    if exc.col is not None and exc.expr:
        lines.append(" " * exc.col + "^" * max(1, len(exc.expr)))
    if exc.explanation is not None:
        lines += ["", str(exc.explanation)]
    box = nodes.admonition(classes=["error", "shapekit-mismatch"])
    box += nodes.title("", "Shape mismatch")
    box += _block("\n".join(lines))
    box += nodes.paragraph(exc.message, exc.message)
    return box


def _fixes(exc: MismatchError) -> nodes.admonition:
    box = nodes.admonition(classes=["tip", "shapekit-fix"])
    if not exc.suggestions:
        box += nodes.title("", "No fix found")
        text = "No transposition or swap of the operands makes these shapes fit."
        box += nodes.paragraph(text, text)
        return box
    box += nodes.title("", "Verified fix" if len(exc.suggestions) == 1 else "Verified fixes")
    intro = "Checked with NumPy's shape rules before being offered:"
    box += nodes.paragraph(intro, intro)
    items = nodes.bullet_list()
    for suggestion in exc.suggestions:
        shape = str(tuple(suggestion.shape))
        items += nodes.list_item(
            "",
            nodes.paragraph(
                "",
                "",
                nodes.literal(suggestion.expr, suggestion.expr),
                nodes.Text(" gives the shape "),
                nodes.literal(shape, shape),
            ),
        )
    box += items
    return box
