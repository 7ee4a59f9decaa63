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
    """The mismatch and its fixes, in the words of the Sphinx and MyST directives."""
    from shapekit import directives

    out = [
        '<div class="shapekit-explain">',
        '<div class="admonition failure shapekit-mismatch">',
        f'<p class="admonition-title">{directives.MISMATCH_TITLE}</p>',
        f"<pre><code>{html.escape(directives.mismatch_text(expr, exc))}</code></pre>",
        f"<p>{html.escape(exc.message)}</p>",
        "</div>",
    ]
    tone = "tip" if exc.suggestions else "note"
    out += [
        f'<div class="admonition {tone} shapekit-fix">',
        f'<p class="admonition-title">{html.escape(directives.fixes_heading(exc))}</p>',
    ]
    if exc.suggestions:
        items = "".join(
            f"<li><code>{html.escape(s.expr)}</code>{directives.GIVES_SHAPE}"
            f"<code>{html.escape(str(tuple(s.shape)))}</code></li>"
            for s in exc.suggestions
        )
        out += [f"<p>{html.escape(directives.FIXES_INTRO)}</p>", f"<ul>{items}</ul>"]
    else:
        out.append(f"<p>{html.escape(directives.NO_FIX_TEXT)}</p>")
    return "\n".join([*out, "</div>", "</div>"])
