"""Explain the shapes in a NumPy expression such as ``inputs @ weights.T + biases``.

The text is parsed with :mod:`ast` and walked; it is never evaluated. Supported: names,
numbers, list literals of numbers, parentheses, unary ``-``/``+``, ``@ + - *``, ``.T``, and
``np.dot``, ``np.matmul``, ``np.transpose`` (with axes), ``np.array``, ``np.asarray`` (also
spelt ``numpy.``). Anything else is an :class:`~shapekit.errors.ExpressionError` naming the
construct. Limits: :data:`MAX_EXPR_CHARS` characters, :data:`MAX_DEPTH` levels of nesting.

>>> print(explain("x.T", shapes={"x": (2, 3)}))
x.T -> (3, 2)
  x    (2, 3)
  x.T  (2, 3).T: rows become columns and columns become rows: (3, 2)
>>> explain("inputs @ weights.T + biases",
...         shapes={"inputs": (3, 4), "weights": "3,4", "biases": (3,)}).shape
(3, 3)
"""

from __future__ import annotations

import ast
import difflib
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, SupportsIndex, TypeGuard, cast

from shapekit import ops
from shapekit.errors import ExpressionError, MismatchError, ShapeError, Suggestion
from shapekit.explanation import Explanation, Step, format_shape

__all__ = ["MAX_DEPTH", "MAX_EXPR_CHARS", "ExpressionExplanation", "Term", "explain", "parse_shape"]

Shape = tuple[int, ...]

#: longest expression text accepted
MAX_EXPR_CHARS = 10_000
#: deepest nesting of sub-expressions accepted
MAX_DEPTH = 100

_BINARY = {ast.MatMult: "matmul", ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul"}
_FUNCTIONS = ("dot", "matmul", "transpose", "array", "asarray")
_MODULES = ("np", "numpy")
_OPERATORS = {
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
}
_CONSTRUCTS = {
    ast.Subscript: "indexing",
    ast.Compare: "a comparison",
    ast.BoolOp: "and/or",
    ast.Lambda: "a lambda",
    ast.IfExp: "a conditional expression",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.JoinedStr: "an f-string",
    ast.Tuple: "a tuple",
    ast.NamedExpr: "the := operator",
    ast.Starred: "unpacking with *",
    ast.Await: "await",
    ast.Slice: "a slice",
}


def parse_shape(spec: str | int | Sequence[int]) -> Shape:
    """Read a shape: a tuple/list of ints, an int, or text such as ``"3,4"``, ``"(3, 4)"``,
    ``"5"`` or ``""``/``"()"`` (a scalar). Raises :class:`~shapekit.errors.ExpressionError`.

    >>> parse_shape("3,4"), parse_shape("(5,)"), parse_shape("()"), parse_shape([2, 3])
    ((3, 4), (5,), (), (2, 3))

    NumPy integers count as ints; like NumPy, at most 64 dimensions of at most
    ``2**63 - 1`` each.
    """
    shape: Shape | None = None
    if _is_int(spec):
        if operator.index(spec) >= 0:
            shape = (operator.index(spec),)
    elif isinstance(spec, str):
        text = spec.strip()
        if len(text) >= 2 and text[0] + text[-1] in ("()", "[]"):
            text = text[1:-1]
        parts = [p.strip() for p in text.split(",")]
        if parts and parts[-1] == "":
            parts.pop()
        if all(p.isdigit() and p.isascii() for p in parts):
            shape = tuple(int(p) for p in parts)
    elif isinstance(spec, Sequence) and all(_is_int(d) and operator.index(d) >= 0 for d in spec):
        shape = tuple(operator.index(cast(SupportsIndex, d)) for d in spec)
    if shape is not None:
        from shapekit.shapes import INT64_MAX, MAX_DIMS

        if len(shape) > MAX_DIMS:
            raise ExpressionError(
                f"a shape of {len(shape)} dimensions is too many: NumPy arrays have at most "
                f"{MAX_DIMS}"
            )
        if any(d > INT64_MAX for d in shape):
            raise ExpressionError(
                f"{format_shape(shape)} has a dimension larger than NumPy allows (2**63 - 1)"
            )
        return shape
    raise ExpressionError(
        f"{spec!r} is not a shape; write whole numbers separated by commas, "
        "like 3,4 (or () for a scalar)"
    )


def _is_int(value: object) -> TypeGuard[SupportsIndex]:
    """A Python or NumPy integer, not a bool."""
    if isinstance(value, bool):  # NumPy's bool_ has no __index__
        return False
    try:
        operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return False
    return True


@dataclass(frozen=True)
class Term:
    """One sub-expression: its source ``expr``, ``col`` (0-based offset), ``shape``, ``kind``
    (``"name"``, ``"number"``, ``"list"`` or ``"operation"``), the operation's
    ``explanation`` (``None`` for names, numbers and lists) and ``value`` when computed.

    >>> explain("x.T", shapes={"x": (2, 3)}).steps[-1].text
    '(2, 3).T: rows become columns and columns become rows: (3, 2)'
    """

    expr: str
    col: int
    shape: Shape
    kind: str
    explanation: Explanation | None = None
    value: Any = None

    @property
    def text(self) -> str:
        """What this sub-expression does, in words (its shape, for a name)."""
        return str(self.explanation) if self.explanation is not None else format_shape(self.shape)

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data.

        >>> explain("x", shapes={"x": (2,)}).steps[0].to_dict()["shape"]
        [2]
        """
        return {
            "expr": self.expr,
            "col": self.col,
            "shape": list(self.shape),
            "kind": self.kind,
            "text": self.text,
            "explanation": self.explanation.to_dict() if self.explanation else None,
        }


@dataclass(frozen=True)
class ExpressionExplanation:
    """The explained expression: its result ``shape``, ``steps`` (one :class:`Term` per
    sub-expression, in evaluation order, each name once) and the ``value`` when every operand
    had one (a NumPy array), else ``None``.

    >>> explain("np.dot(w, x)", shapes={"w": (3, 4), "x": (4,)}).shape
    (3,)
    """

    expr: str
    shape: Shape
    steps: tuple[Term, ...]
    value: Any = None

    def __str__(self) -> str:
        width = min(max(len(t.expr) for t in self.steps), 40)
        lines = [f"{self.expr} -> {format_shape(self.shape)}"]
        lines += [f"  {t.expr.ljust(width)}  {t.text}" for t in self.steps]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``expr``, ``shape``, ``steps`` and ``value`` (a nested list or None).

        >>> explain("x * 2", values={"x": [1, 2]}).to_dict()["value"]
        [2, 4]
        """
        value = self.value.tolist() if self.value is not None else None
        return {
            "expr": self.expr,
            "shape": list(self.shape),
            "steps": [t.to_dict() for t in self.steps],
            "value": value,
        }

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td><code>{html.escape(t.expr)}</code></td><td>{html.escape(t.text)}</td></tr>"
            for t in self.steps
        )
        return (
            f'<div class="shapekit-expression"><code>{html.escape(self.expr)}</code> &rarr; '
            f"<b>{format_shape(self.shape)}</b><table>{rows}</table></div>"
        )


@dataclass(frozen=True)
class _Value:
    shape: Shape
    value: Any  # a NumPy array (or number) when known


class _Walker:
    """Walks the parsed expression, recording a Term per sub-expression."""

    def __init__(
        self, text: str, shapes: dict[str, Shape], values: dict[str, Any], suggest: bool = True
    ) -> None:
        self.text, self.shapes, self.values, self.suggest = text, shapes, values, suggest
        self.steps: list[Term] = []
        lines = text.split("\n")
        self._line_bytes = [line.encode() for line in lines]
        self._line_start = [0]
        for line in lines[:-1]:
            self._line_start.append(self._line_start[-1] + len(line) + 1)

    # -- positions --
    def _offset(self, lineno: int, byte_col: int) -> int:
        return self._line_start[lineno - 1] + len(self._line_bytes[lineno - 1][:byte_col].decode())

    def span(self, node: ast.AST) -> tuple[int, int]:
        """Character offsets of ``node`` in the text (without its own parentheses)."""
        return (
            self._offset(node.lineno, node.col_offset),  # type: ignore[attr-defined]
            self._offset(node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
        )

    def region(self, node: ast.AST, lo: int, hi: int) -> tuple[int, int]:
        """``node``'s span widened over the parentheses around it, staying within [lo, hi)."""
        start, end = self.span(node)
        while True:
            before = self.text[lo:start].rstrip()
            after_text = self.text[end:hi]
            after = after_text.lstrip()
            if not (before.endswith("(") and after.startswith(")")):
                return start, end
            start = lo + len(before) - 1
            end = end + (len(after_text) - len(after)) + 1

    def source(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def fail(self, message: str, node: ast.AST) -> ExpressionError:
        return ExpressionError(message, expr=self.source(node), col=self.span(node)[0])

    # -- walking --
    def walk(self, node: ast.AST, lo: int, hi: int) -> _Value:
        kind = type(node)
        if kind is ast.Name:
            return self._name(node)  # type: ignore[arg-type]
        if kind is ast.Constant:
            return self._number(node)  # type: ignore[arg-type]
        if kind is ast.List:
            return self._list(node)
        if kind is ast.UnaryOp and isinstance(node.op, (ast.USub, ast.UAdd)):  # type: ignore[attr-defined]
            inner = self.walk(node.operand, *self.span(node))  # type: ignore[attr-defined]
            negate = isinstance(node.op, ast.USub)  # type: ignore[attr-defined]
            value = None if inner.value is None else (-inner.value if negate else +inner.value)
            return _Value(inner.shape, value)
        if kind is ast.BinOp:
            return self._binop(node)  # type: ignore[arg-type]
        if kind is ast.Attribute:
            return self._attribute(node)  # type: ignore[arg-type]
        if kind is ast.Call:
            return self._call(node)  # type: ignore[arg-type]
        if kind is ast.UnaryOp:
            symbol = {ast.Not: "not", ast.Invert: "~"}[type(node.op)]  # type: ignore[attr-defined]
            raise self.fail(
                f"the operator {symbol} is not supported in shape expressions: {self.source(node)}",
                node,
            )
        construct = _CONSTRUCTS.get(kind, kind.__name__)
        raise self.fail(
            f"{construct} is not supported in shape expressions: {self.source(node)}", node
        )

    def _record(
        self, node: ast.AST, value: _Value, kind: str, explanation: Explanation | None = None
    ) -> _Value:
        expr = self.source(node)
        if kind == "operation" or all(t.expr != expr for t in self.steps):
            self.steps.append(
                Term(
                    expr, self.span(node)[0], value.shape, kind, explanation, _as_array(value.value)
                )
            )
        return value

    def _name(self, node: ast.Name) -> _Value:
        name = node.id
        if name in _MODULES:
            raise self.fail(
                f"{name} is the NumPy module, not an array; use it as "
                f"{name}.dot(a, b), {name}.transpose(a) …",
                node,
            )
        if name not in self.shapes:
            known = sorted(self.shapes)
            close = difflib.get_close_matches(name, known, n=1)
            hint = (
                f"; did you mean {close[0]!r}?"
                if close
                else (f" (known names: {', '.join(known)})" if known else "")
            )
            raise self.fail(
                f"unknown name {name!r}: no shape or value was given for it{hint}", node
            )
        return self._record(node, _Value(self.shapes[name], self.values.get(name)), "name")

    def _number(self, node: ast.Constant) -> _Value:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            what = {
                bool: "a boolean",
                str: "a string",
                bytes: "bytes",
                complex: "a complex number",
                type(None): "None",
                type(...): "...",
            }.get(type(value), "this constant")
            raise self.fail(
                f"{what} is not supported in shape expressions: {self.source(node)}", node
            )
        return self._record(node, _Value((), value), "number")

    def _list(self, node: ast.AST) -> _Value:
        from shapekit.shapes import shape

        try:
            data = ast.literal_eval(node)
        except ValueError:
            raise self.fail(
                f"a list in an expression may contain only numbers: {self.source(node)}", node
            ) from None
        return self._record(node, _Value(shape(data), data), "list")

    def _binop(self, node: ast.BinOp) -> _Value:
        op = _BINARY.get(type(node.op))
        if op is None:
            symbol = _OPERATORS.get(type(node.op), type(node.op).__name__)
            raise self.fail(
                f"the operator {symbol} is not supported in shape expressions: "
                f"{self.source(node)}; use @, +, - or *",
                node,
            )
        lo, hi = self.span(node)
        left, right = self.walk(node.left, lo, hi), self.walk(node.right, lo, hi)
        return self._apply(node, op, (node.left, node.right), (left, right), lo, hi)

    def _attribute(self, node: ast.Attribute) -> _Value:
        base = node.value
        if isinstance(base, ast.Name) and base.id in _MODULES:
            raise self.fail(
                f"{self.source(node)} is not supported in shape expressions; use "
                + ", ".join(f"{base.id}.{f}" for f in _FUNCTIONS),
                node,
            )
        if node.attr != "T":
            raise self.fail(
                f"the attribute .{node.attr} is not supported in shape expressions "
                f"(only .T is): {self.source(node)}",
                node,
            )
        lo, hi = self.span(node)
        inner = self.walk(base, lo, hi)
        return self._transpose(node, base, inner, None, lo, hi)

    def _call(self, node: ast.Call) -> _Value:
        func = node.func
        name = self.source(func)
        if not (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in _MODULES
            and func.attr in _FUNCTIONS
        ):
            raise self.fail(
                f"the function {name}() is not supported in shape expressions; use "
                "np.dot, np.matmul, np.transpose, np.array or np.asarray",
                node,
            )
        hi = self.span(node)[1]
        inside = (self.span(func)[1] + self.text[self.span(func)[1] : hi].index("(") + 1, hi - 1)
        keywords = {k.arg: k.value for k in node.keywords}
        allowed = {"axes"} if func.attr == "transpose" else set()
        arity = {"dot": (2, 2), "matmul": (2, 2), "transpose": (1, 2)}.get(func.attr, (1, 1))
        bad = [k for k in keywords if k not in allowed]
        if (
            bad
            or any(isinstance(a, ast.Starred) for a in node.args)
            or not (arity[0] <= len(node.args) + len(keywords) <= arity[1])
            or None in keywords
        ):
            what = f"the argument {bad[0]}=" if bad and bad[0] else "these arguments"
            count = f"{arity[0]}" if arity[0] == arity[1] else f"{arity[0]} or {arity[1]}"
            raise self.fail(
                f"{what} of {name}() {'is' if bad else 'are'} not supported; "
                f"{name}() takes {count} argument{'s' * (arity[1] > 1)}",
                node,
            )
        args = [self.walk(a, *inside) for a in node.args if not _is_axes(func.attr, node, a)]
        if func.attr in ("dot", "matmul"):
            return self._apply(node, func.attr, tuple(node.args), tuple(args), *inside)
        if func.attr == "transpose":
            axes_node = keywords.get("axes", node.args[1] if len(node.args) > 1 else None)
            return self._transpose(node, node.args[0], args[0], self._axes(axes_node), *inside)
        shape = format_shape(args[0].shape)
        step = Step(
            "conversion", args[0].shape, True, f"converting to an array keeps the shape: {shape}"
        )
        explanation = Explanation("array", (args[0].shape,), shape, (step,), args[0].shape)
        return self._record(node, args[0], "operation", explanation)

    def _axes(self, node: ast.AST | None) -> tuple[int, ...] | None:
        if node is None:
            return None
        try:
            axes = ast.literal_eval(node)
        except ValueError:
            axes = "bad"
        if axes is None:
            return None
        if isinstance(axes, (tuple, list)) and all(
            isinstance(a, int) and not isinstance(a, bool) for a in axes
        ):
            return tuple(axes)
        raise self.fail(
            "the axes of np.transpose must be written as whole numbers, like (1, 0): "
            f"{self.source(node)}",
            node,
        )

    # -- operations --
    def _transpose(
        self,
        node: ast.AST,
        operand: ast.AST,
        inner: _Value,
        axes: tuple[int, ...] | None,
        lo: int,
        hi: int,
    ) -> _Value:
        start, end = self.region(operand, lo, hi)
        explanation, error = ops.try_transpose(
            inner.shape, axes, name=self.text[start:end], written=self.source(node)
        )
        if error is not None:
            raise self._located(error, node, [])
        value = None
        if inner.value is not None:
            import numpy as np

            value = np.transpose(np.asarray(inner.value), axes)
        return self._record(
            node, _Value(cast(Shape, explanation.shape), value), "operation", explanation
        )

    def _apply(
        self,
        node: ast.AST,
        op: str,
        operands: tuple[ast.AST, ...],
        values: tuple[_Value, ...],
        lo: int,
        hi: int,
    ) -> _Value:
        regions = [self.region(operand, lo, hi) for operand in operands]
        names = (self.text[slice(*regions[0])], self.text[slice(*regions[1])])
        left, right = values
        explanation, error = ops.try_binary(
            op, left.shape, right.shape, names=names, suggest=False, written=self.source(node)
        )
        if error is not None:
            candidates = self._candidates(node, op, regions, left, right) if self.suggest else []
            raise self._located(error, node, candidates)
        value = None
        if left.value is not None and right.value is not None:
            value = _compute(op, left.value, right.value)
        return self._record(
            node, _Value(cast(Shape, explanation.shape), value), "operation", explanation
        )

    def _located(
        self, error: MismatchError, node: ast.AST, candidates: list[tuple[str, str]]
    ) -> MismatchError:
        error.expr, error.col = self.source(node), self.span(node)[0]
        error.suggestions = _verified(candidates, self.shapes)
        return error

    def _candidates(
        self, node: ast.AST, op: str, regions: list[tuple[int, int]], left: _Value, right: _Value
    ) -> list[tuple[str, str]]:
        """Whole corrected expressions (unverified) with notes: transposes, then a swap."""
        (ls, le), (rs, re) = regions
        lt, rt = self.text[ls:le], self.text[rs:re]
        edits: list[tuple[list[tuple[int, int, str]], str]] = []
        if len(right.shape) >= 2:
            edits.append(([(rs, re, ops.transpose_text(rt))], "transpose the right operand"))
        if len(left.shape) >= 2:
            edits.append(([(ls, le, ops.transpose_text(lt))], "transpose the left operand"))
        if len(left.shape) >= 2 and len(right.shape) >= 2:
            edits.append(
                (
                    [(ls, le, ops.transpose_text(lt)), (rs, re, ops.transpose_text(rt))],
                    "transpose both operands",
                )
            )
        if op in ("matmul", "dot"):
            if isinstance(node, ast.BinOp):
                same = (
                    isinstance(node.left, ast.BinOp)
                    and (ls, le) == self.span(node.left)
                    and _same_precedence(node.left.op, node.op)
                )
                moved = f"({lt})" if same else lt
                edits.append(([(ls, le, rt), (rs, re, moved)], "swap the operands"))
            else:
                edits.append(([(ls, le, rt), (rs, re, lt)], "swap the operands"))
        out = []
        for changes, note in edits:
            text = self.text
            for start, end, new in sorted(changes, reverse=True):
                text = text[:start] + new + text[end:]
            out.append((text, note))
        return out


def _same_precedence(a: ast.operator, b: ast.operator) -> bool:
    groups = ({ast.Add, ast.Sub}, {ast.Mult, ast.MatMult, ast.Div, ast.FloorDiv, ast.Mod})
    return any(type(a) in g and type(b) in g for g in groups)


def _is_axes(func: str, call: ast.Call, arg: ast.AST) -> bool:
    return func == "transpose" and len(call.args) > 1 and arg is call.args[1]


def _as_array(value: Any) -> Any:
    if value is None:
        return None
    import numpy as np

    return np.asarray(value)


def _compute(op: str, a: Any, b: Any) -> Any:
    import numpy as np

    functions: dict[str, Any] = {
        "matmul": np.matmul,
        "dot": np.dot,
        "add": np.add,
        "sub": np.subtract,
        "mul": np.multiply,
    }
    with np.errstate(all="ignore"):
        return np.asarray(functions[op](np.asarray(a), np.asarray(b)))


def _verified(candidates: list[tuple[str, str]], shapes: dict[str, Shape]) -> list[Suggestion]:
    """Keep the corrected expressions whose whole shape algebra succeeds."""
    fixes: list[Suggestion] = []
    for text, note in candidates:
        try:
            result = _run(text, shapes, {}, suggest=False)
        except (ShapeError, ExpressionError):
            continue
        fix = Suggestion(text, result.shape, note)
        if fix not in fixes:
            fixes.append(fix)
    return fixes


def _parse(text: str) -> ast.expr:
    if len(text) > MAX_EXPR_CHARS:
        raise ExpressionError(
            f"the expression has {len(text)} characters, more than the {MAX_EXPR_CHARS} allowed",
            expr=text[:40] + "…",
            col=0,
        )
    if not text.strip():
        raise ExpressionError(
            "the expression is empty; write one such as 'inputs @ weights.T + biases'",
            expr=text,
            col=0,
        )
    try:
        tree = _parse_indented(text)
    except SyntaxError as exc:
        col = max((exc.offset or 1) - 1, 0)
        raise ExpressionError(
            f"cannot read the expression: {exc.msg}", expr=text, col=col
        ) from None
    except ValueError as exc:  # null characters
        raise ExpressionError(f"cannot read the expression: {exc}", expr=text, col=0) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(
            "cannot read the expression: it is nested too deeply", expr=text, col=0
        ) from None
    stack: list[tuple[ast.AST, int]] = [(tree, 1)]
    depth = 0
    while stack:
        node, level = stack.pop()
        depth = max(depth, level)
        if depth > MAX_DEPTH:
            raise ExpressionError(
                f"the expression is nested more than {MAX_DEPTH} levels deep", expr=text, col=0
            )
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(node))
    return tree


def _parse_indented(text: str) -> ast.expr:
    """``ast.parse`` in eval mode, also for text with leading spaces (``" a @ b"``).

    Python refuses an indented first line; the first space of that line becomes an
    opening parenthesis (closed on a line of its own), so every offset stays where
    it was in ``text``.
    """
    try:
        return ast.parse(text, mode="eval").body
    except IndentationError:
        first = len(text) - len(text.lstrip())  # the first token
        line = text.rfind("\n", 0, first) + 1  # the start of its line
        if line == first or text[line] not in " \t\f":
            raise
    lineno = text.count("\n", 0, line) + 1
    try:
        body = ast.parse(f"{text[:line]}({text[line + 1 :]}\n)", mode="eval").body
    except SyntaxError:
        body = None
    if body is not None and (body.lineno, body.col_offset) != (lineno, 0):
        return body  # the added parentheses are not part of any node
    if isinstance(body, ast.Tuple) and body.elts:  # " a, b": the tuple without them
        body.lineno, body.col_offset = body.elts[0].lineno, body.elts[0].col_offset
        body.end_lineno = body.elts[-1].end_lineno
        body.end_col_offset = body.elts[-1].end_col_offset
        return body
    try:  # report the error the text has without its indentation, where it is
        return ast.parse(text[first:], mode="eval").body
    except SyntaxError as exc:
        if exc.lineno == 1 and exc.offset is not None:
            exc.offset += first
        raise


def _run(
    text: str, shapes: dict[str, Shape], values: dict[str, Any], suggest: bool = True
) -> ExpressionExplanation:
    tree = _parse(text)
    walker = _Walker(text, shapes, values, suggest)
    result = walker.walk(tree, 0, len(text))
    return ExpressionExplanation(text, result.shape, tuple(walker.steps), _as_array(result.value))


def explain(
    expr: str, shapes: Mapping[str, Any] | None = None, values: Mapping[str, Any] | None = None
) -> ExpressionExplanation:
    """Explain the shapes of a NumPy expression, step by step, without evaluating it.

    ``shapes`` maps names to shapes (tuples, or text like ``"3,4"``: see :func:`parse_shape`);
    ``values`` maps names to data (nested lists or arrays; their shapes come from
    :func:`shapekit.shape`). When every operand has a value, the result's ``value`` is
    computed with NumPy. On a mismatch raises :class:`~shapekit.errors.MismatchError` with
    ``op``, ``expr`` (the failing sub-expression), ``col`` and ``suggestions`` (whole
    corrected expressions, each re-checked, with their result shapes); unknown names and
    unsupported syntax raise :class:`~shapekit.errors.ExpressionError`.

    >>> try:
    ...     explain("inputs @ weights + biases",
    ...             shapes={"inputs": (3, 4), "weights": (3, 4), "biases": (3,)})
    ... except MismatchError as error:
    ...     print(error.op, error.col, repr(error.expr), error.suggestions)
    matmul 0 'inputs @ weights' [Suggestion('inputs @ weights.T + biases', shape=(3, 3))]
    >>> explain("np.dot(x, w)", values={"x": [1, 2], "w": [[1, 0], [0, 1]]}).value.tolist()
    [1, 2]
    """
    from shapekit.shapes import shape

    known: dict[str, Shape] = {name: parse_shape(spec) for name, spec in (shapes or {}).items()}
    data = dict(values or {})
    for name, value in data.items():
        found = shape(value, name=name)
        if name in known and known[name] != found:
            raise ExpressionError(
                f"{name} is given the shape {format_shape(known[name])} but "
                f"its value has the shape {format_shape(found)}",
                expr=name,
            )
        known[name] = found
    return _run(expr, known, data)
