"""The ``shapekit-explain`` fence: an expression and its shapes, explained as HTML.

The first line is the expression; each further line names one operand's shape, as in the
Sphinx directive's ``:shapes:`` and the CLI's ``--shape``::

    inputs @ weights.T + biases
    inputs = 3, 4
    weights = 3, 4
    biases = 3

>>> html = explain_html("x @ w\\nx = 3, 4\\nw = 4, 2")
>>> "(3, 2)" in html
True
>>> explain_html("x @ w\\nx = 3, 4\\nw = 3, 4").count("shapekit-fix")
1
"""

from __future__ import annotations

import html

from shapekit.engine.expr import explain, parse_shape
from shapekit.errors import MismatchError, ShapekitError, SpecError

__all__ = ["explain_html", "parse_fence"]


def parse_fence(body: str) -> tuple[str, dict[str, tuple[int, ...]]]:
    """The expression and shapes of a fence; a :class:`SpecError` with the line on a mistake."""
    rows = [(n, line.strip()) for n, line in enumerate(body.split("\n"), 1) if line.strip()]
    if not rows:
        raise SpecError("an explain fence needs an expression on its first line", line=1)
    expr = rows[0][1]
    shapes: dict[str, tuple[int, ...]] = {}
    for number, line in rows[1:]:
        name, sep, dims = line.partition("=") if "=" in line else line.partition(":")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise SpecError(
                f"expected 'NAME = SHAPE' (e.g. 'inputs = 3, 4'), got {line[:80]!r}", line=number
            )
        try:
            shapes[name] = parse_shape(dims.strip())
        except ShapekitError as exc:
            raise SpecError(f"{name}: {exc.message}", line=number) from None
    return expr, shapes


def explain_html(body: str) -> str:
    """The explanation of a fence as an HTML block (a mismatch is shown with its fixes).

    Other problems (a bad line, an unknown name) raise :class:`SpecError` or the engine's
    :class:`~shapekit.errors.ExpressionError`, for the caller to report.
    """
    expr, shapes = parse_fence(body)
    try:
        result = explain(expr, shapes=shapes)
    except MismatchError as exc:
        return _mismatch(expr, exc)
    return f'<div class="shapekit-explain">\n<pre><code>{html.escape(str(result))}</code></pre>\n</div>'


def _mismatch(expr: str, exc: MismatchError) -> str:
    lines = [expr]
    if exc.col is not None and exc.expr:
        lines.append(" " * exc.col + "^" * max(1, len(exc.expr)))
    if exc.explanation is not None:
        lines += ["", str(exc.explanation)]
    out = [
        '<div class="shapekit-explain">',
        '<div class="admonition failure shapekit-mismatch">',
        '<p class="admonition-title">Shape mismatch</p>',
        f"<pre><code>{html.escape(chr(10).join(lines))}</code></pre>",
        f"<p>{html.escape(exc.message)}</p>",
        "</div>",
    ]
    if exc.suggestions:
        title = "A fix that works" if len(exc.suggestions) == 1 else "Fixes that work"
        items = "".join(
            f"<li><code>{html.escape(s.expr)}</code> gives the shape "
            f"<code>{html.escape(str(tuple(s.shape)))}</code></li>"
            for s in exc.suggestions
        )
        out += [
            '<div class="admonition tip shapekit-fix">',
            f'<p class="admonition-title">{title}</p>',
            "<p>Each was checked with NumPy's shape rules before being offered.</p>",
            f"<ul>{items}</ul>",
            "</div>",
        ]
    else:
        out += [
            '<div class="admonition note shapekit-fix">',
            '<p class="admonition-title">No fix found</p>',
            "<p>No transposition or swap of the operands makes these shapes fit.</p>",
            "</div>",
        ]
    return "\n".join([*out, "</div>"])
