"""``/explain.{svg|json|html}``: an expression's shapes explained, as a picture, data or HTML.

The query holds the expression and one shape per name
(``?expr=inputs @ weights.T + biases&inputs=3,4&weights=3,4&biases=3``), read by
:func:`shapekit.explain` exactly as ``shapekit explain --shape`` reads them. A shape
mismatch is a valid answer, not a failed request: it comes back (status 200) as the
problem, where it happens, and the fixes shapekit checked to work.

>>> data = explain_data("a @ b", {"a": "2,3", "b": "3,4"})
>>> data["ok"], data["shape"]
(True, [2, 4])
>>> explain_data("a @ b", {"a": "2,3", "b": "2,3"})["error"]["suggestions"][0]["expr"]
'a @ b.T'
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Iterable
from typing import Any

from shapekit.errors import ExpressionError, MismatchError, ShapeError
from shapekit.service.panel import COLUMNS, svg_panel
from shapekit.service.problems import Problem

__all__ = ["EXPLAIN_FORMATS", "explain_bytes", "explain_data", "explain_query"]

#: output format -> media type
EXPLAIN_FORMATS: dict[str, str] = {
    "svg": "image/svg+xml",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}
#: query parameters that are not names of the expression
RESERVED = ("expr", "v")


def explain_query(params: Iterable[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """The expression and the shapes named in a query."""
    expr: str | None = None
    shapes: dict[str, str] = {}
    for key, value in params:
        if key == "v":
            continue
        if key == "expr":
            if expr is not None:
                raise Problem(400, "'expr' is given twice in the query", field="expr")
            expr = value
            continue
        if not key.isidentifier():
            raise Problem(422, f"{key!r} is not a name that can appear in an expression", field=key)
        if key in shapes:
            raise Problem(400, f"{key!r} is given twice in the query", field=key)
        shapes[key] = value
    if expr is None or not expr.strip():
        raise Problem(
            422,
            "give the expression to explain, e.g. ?expr=inputs @ weights.T&inputs=3,4&weights=3,4",
            kind="expression",
            field="expr",
        )
    return expr, shapes


def explain_data(expr: str, shapes: dict[str, str]) -> dict[str, Any]:
    """``{"ok": true, "expr", "shape", "steps"}`` or ``{"ok": false, "expr", "error"}``.

    The same data as ``shapekit explain --json``; unsupported syntax or an unreadable
    shape is a 422 :class:`Problem` naming the part.
    """
    import shapekit
    from shapekit.engine.expr import parse_shape

    for name, text in shapes.items():
        try:
            parse_shape(text)
        except ExpressionError as exc:
            raise Problem(422, f"{name}: {exc.message}", kind=exc.kind, field=name) from None
    try:
        result = shapekit.explain(expr, shapes=shapes)
    except MismatchError as exc:
        return {"ok": False, "expr": expr, "error": exc.to_dict()}
    except (ExpressionError, ShapeError) as exc:
        problem = Problem.from_error(exc)
        problem.field = "expr"
        raise problem from None
    data = result.to_dict()
    return {"ok": True, "expr": expr, "shape": data["shape"], "steps": data["steps"]}


def explain_bytes(data: dict[str, Any], fmt: str) -> bytes:
    """The explanation as ``svg``, ``json`` or ``html`` bytes."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if fmt == "html":
        return _html(data).encode("utf-8")
    return svg_panel(_lines(data), tone="info" if data["ok"] else "error", title=_title(data))


def _shape(dims: list[int] | None) -> str:
    if dims is None:
        return "(no shape)"
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def _title(data: dict[str, Any]) -> str:
    if data["ok"]:
        return f"{data['expr']} has the shape {_shape(data['shape'])}"
    return f"{data['expr']} fails: {data['error']['message']}"


def _lines(data: dict[str, Any]) -> list[str]:
    if data["ok"]:
        width = min(max(len(s["expr"]) for s in data["steps"]), 30)
        lines = [f"{data['expr']}  ->  {_shape(data['shape'])}"]
        room = max(COLUMNS - width - 4, 20)
        for step in data["steps"]:
            # the words of a step continue under its own column, not under the expressions
            parts = textwrap.wrap(step["text"], room) or [""]
            lines.append(f"  {step['expr'].ljust(width)}  {parts[0]}")
            lines += [" " * (width + 4) + part for part in parts[1:]]
        return lines
    error = data["error"]
    lines = [data["expr"]]
    if error.get("col") is not None and error.get("expr"):
        lines.append(" " * error["col"] + "^" * max(len(error["expr"]), 1))
    lines.append(error["message"])
    fixes = error.get("suggestions") or []
    if fixes:
        lines.append("Fixes that work:")
        lines += [f"  {fix['expr']}  ->  {_shape(fix['shape'])}" for fix in fixes]
    else:
        lines.append("No transpose or swap of the operands fixes it.")
    return lines


def _html(data: dict[str, Any]) -> str:
    esc = html.escape
    if data["ok"]:
        rows = "".join(
            f"<tr><td><code>{esc(s['expr'])}</code></td><td>{esc(s['text'])}</td></tr>"
            for s in data["steps"]
        )
        return (
            f'<div class="shapekit-explanation"><p><code>{esc(data["expr"])}</code> &rarr; '
            f"<b>{esc(_shape(data['shape']))}</b></p><table>{rows}</table></div>"
        )
    error = data["error"]
    fixes = "".join(
        f"<li><code>{esc(f['expr'])}</code> &rarr; {esc(_shape(f['shape']))}</li>"
        for f in error.get("suggestions") or []
    )
    fix_block = (
        f"<p>Fixes that work:</p><ul>{fixes}</ul>"
        if fixes
        else "<p>No transpose or swap of the operands fixes it.</p>"
    )
    return (
        f'<div class="shapekit-explanation shapekit-problem"><p><code>{esc(data["expr"])}'
        f"</code></p><p><strong>{esc(error['message'])}</strong></p>{fix_block}</div>"
    )
