"""``shapekit explain``: explain the shapes in a NumPy expression, step by step."""

from __future__ import annotations

import json
import keyword
import unicodedata
from collections.abc import Callable
from typing import Any

import click

from shapekit.check.reports import encodable


@click.command()
@click.argument("expr")
@click.option(
    "--shape",
    "-s",
    "shape_specs",
    multiple=True,
    metavar="NAME=3,4",
    help="The shape of a name in EXPR (repeat for each name; NAME= for a scalar).",
)
@click.option(
    "--value",
    "-v",
    "value_specs",
    multiple=True,
    metavar="NAME=JSON",
    help="The data of a name in EXPR, as JSON (its shape is checked and the result "
    "computed when every name has a value).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def explain(
    ctx: click.Context,
    expr: str,
    shape_specs: tuple[str, ...],
    value_specs: tuple[str, ...],
    as_json: bool,
) -> None:
    """Explain the shapes in EXPR, such as 'inputs @ weights.T + biases'.

    EXPR may use names, numbers, @ + - *, .T, np.dot, np.matmul, np.transpose,
    np.array and np.asarray; it is parsed, never run.

    \b
    Example:
      shapekit explain 'inputs @ weights.T + biases' \\
          --shape inputs=3,4 --shape weights=3,4 --shape biases=3

    Limits: 10,000 characters and 2,000 parts per expression; values are computed up to
    1,000,000 elements (decided from the shapes first) and printed up to 10,000.

    With --json print {"ok": true, "shape", "steps"} or {"ok": false, "error": {...}}.
    Exit codes: 0 the shapes fit, 1 a shape problem, 2 usage error (such as
    unsupported syntax or a bad --shape).
    """
    from shapekit.engine.expr import explain as explain_expr
    from shapekit.engine.expr import parse_shape
    from shapekit.errors import ExpressionError, MismatchError, ShapeError

    shapes = _assignments(shape_specs, "--shape", parse_shape)
    values = _assignments(value_specs, "--value", _json_value)
    try:
        result = explain_expr(expr, shapes, values)
    except ExpressionError as exc:
        _fail(ctx, exc, expr, as_json, code=2)
    except MismatchError as exc:
        _fail(ctx, exc, expr, as_json, code=1)
    except ShapeError as exc:  # a --value that is not an array
        _fail(ctx, exc, None, as_json, code=1)
    else:
        shown = result.value is not None and result.value.size <= MAX_SHOWN
        if as_json:
            data = result.to_dict()
            out: dict[str, Any] = {"ok": True, "shape": data["shape"], "steps": data["steps"]}
            if shown:
                out["value"] = data["value"]
            elif result.value is not None:
                out["value_omitted"] = _omitted(result.value.size)
            click.echo(encodable(json.dumps(out, ensure_ascii=False), in_json=True))
            return
        click.echo(str(result))
        if shown:
            click.echo(f"value: {_format_value(result.value.tolist())}")
        elif result.value is not None:
            click.echo(f"value: {_omitted(result.value.size)}")


#: the most elements of a computed value that are printed
MAX_SHOWN = 10_000


def _omitted(size: int) -> str:
    return f"not shown: {size} elements, more than the {MAX_SHOWN:,} shapekit prints"


def _assignments(
    specs: tuple[str, ...], option: str, convert: Callable[[str], Any]
) -> dict[str, Any]:
    from shapekit.errors import ExpressionError

    found: dict[str, Any] = {}
    for spec in specs:
        name, sep, rest = spec.partition("=")
        name = unicodedata.normalize("NFKC", name.strip())  # as Python reads identifiers
        if not sep or not name.isidentifier() or keyword.iskeyword(name):
            raise click.BadParameter(
                f"{spec!r} is not NAME=VALUE with NAME a Python name", param_hint=option
            )
        if name in found:
            raise click.BadParameter(f"{name} is given twice", param_hint=option)
        try:
            found[name] = convert(rest)
        except ExpressionError as exc:
            raise click.BadParameter(f"{name}: {exc.message}", param_hint=option) from None
    return found


def _json_value(text: str) -> Any:
    from shapekit.errors import ExpressionError

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise ExpressionError(
            f"{shown!r} is not JSON ({exc.msg}); write a number or nested "
            "lists such as [[1, 2], [3, 4]]"
        ) from None
    except ValueError:  # Python's limit on the digits of an int
        raise ExpressionError(
            "it holds a number of more than 4300 digits, too large to be an array element "
            "(NumPy's integers stop at 2**63 - 1)"
        ) from None
    except RecursionError:
        raise ExpressionError(
            "its lists are nested too deeply to read (NumPy arrays have at most 64 dimensions)"
        ) from None


#: the most characters of an expression shown above the carets
WINDOW = 100


def _window(line: str, col: int, width: int) -> tuple[str, int, int]:
    """The part of a long expression around the failing sub-expression, cut with "…".

    >>> line, col, width = _window("x" * 150 + "abc" + "y" * 147, 150, 3)
    >>> len(line), line[col : col + width]
    (102, 'abc')
    """
    if len(line) <= WINDOW:
        return line, col, width
    width = min(width, WINDOW - 2)
    start = max(0, min(col - (WINDOW - width) // 2, len(line) - WINDOW))
    shown = line[start : start + WINDOW]
    if start > 0:
        shown, col = "…" + shown, col + 1
    if start + WINDOW < len(line):
        shown += "…"
    return shown, col - start, width


def _fail(ctx: click.Context, exc: Any, expr: str | None, as_json: bool, *, code: int) -> None:
    if as_json:
        click.echo(
            encodable(
                json.dumps({"ok": False, "error": exc.to_dict()}, ensure_ascii=False), in_json=True
            )
        )
        ctx.exit(code)
    to_stderr = code == 2
    if expr is not None and expr.strip() and exc.col is not None:
        line, col, width = _window(
            expr.replace("\r", " ").replace("\n", " "), exc.col, max(len(exc.expr or ""), 1)
        )
        # control characters are shown escaped (a terminal would act on them) and the
        # carets measured on what is shown
        from shapekit_cli.build_cmd import inert

        pad = "".join("\t" if char == "\t" else " " for char in inert(line[:col]))
        width = len(inert(line[col : col + width])) or width
        click.echo(f"  {inert(line)}\n  {pad}{'^' * width}", err=to_stderr)
    click.echo(("Error: " if to_stderr else "") + exc.message, err=to_stderr)
    suggestions = getattr(exc, "suggestions", None)
    if suggestions:
        click.echo("Fixes that work:")
        width = max(len(s.expr) for s in suggestions)
        for fix in suggestions:
            note = f"  ({fix.note})" if fix.note else ""
            click.echo(f"  {fix.expr.ljust(width)}  -> {fix.shape}{note}")
    elif getattr(exc, "op", None) in ("matmul", "dot", "add", "sub", "mul"):
        click.echo("No transpose or swap of the operands fixes it.")
    ctx.exit(code)


def _format_value(value: Any) -> str:
    from shapekit.numbers import fmt

    if isinstance(value, list):
        return "[" + ", ".join(_format_value(v) for v in value) + "]"
    return fmt(value)
