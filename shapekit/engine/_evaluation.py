"""The evaluation of a shape expression: its tree walked, each sub-expression's shape explained.

:func:`evaluate` walks the tree of :mod:`shapekit.engine._exprtree` bottom-up and records one
:class:`Record` per sub-expression (each name once), explained with the rules of
:mod:`shapekit.engine.ops`; a value is computed with NumPy when every operand has one. On a mismatch
the error gets where the failing operation is written and whole corrected expressions
(:func:`shapekit.engine.fixes.rewrite_candidates`), kept only when they are explained without error.
:func:`shapekit.explain` presents the records as :class:`~shapekit.engine.expr.Term` steps.

>>> shape, records, value = evaluate("x.T", {"x": (2, 3)}, {})
>>> shape, [(r.expr, r.kind) for r in records], value
((3, 2), [('x', 'name'), ('x.T', 'operation')], None)
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from shapekit.engine import ops
from shapekit.engine._exprtree import (
    MAX_CANDIDATES,
    MAX_VALUE_ELEMENTS,
    MODULES,
    Tree,
    is_axes,
    parse,
)
from shapekit.engine.explanation import Explanation, Step, format_shape
from shapekit.engine.fixes import fewest_edits, rewrite_candidates
from shapekit.errors import ExpressionError, MismatchError, ShapeError, Suggestion, closest

Shape = tuple[int, ...]


class Record(NamedTuple):
    """One sub-expression as the walk met it: the fields of :class:`~shapekit.engine.expr.Term`."""

    expr: str
    col: int
    shape: Shape
    kind: str
    explanation: Explanation | None
    value: Any


@dataclass(frozen=True)
class _Value:
    shape: Shape
    value: Any  # a NumPy array (or number) when known


class _Walker(Tree):
    """Walks the parsed expression, recording a :class:`Record` per sub-expression."""

    def __init__(
        self, text: str, shapes: dict[str, Shape], values: dict[str, Any], suggest: bool = True
    ) -> None:
        super().__init__(text)
        self.shapes, self.values, self.suggest = shapes, values, suggest
        self.steps: list[Record] = []

    def walk(self, node: ast.AST, lo: int, hi: int) -> _Value:
        kind = type(node)
        if kind is ast.Name:
            return self._name(node)  # type: ignore[arg-type]
        if kind is ast.Constant:
            number = self.number(node)  # type: ignore[arg-type]
            return self._record(node, _Value((), number), "number")
        if kind is ast.List:
            return self._list(node)
        if kind is ast.UnaryOp and isinstance(node.op, (ast.USub, ast.UAdd)):  # type: ignore[attr-defined]
            inner = self.walk(node.operand, *self.span(node))  # type: ignore[attr-defined]
            negate = isinstance(node.op, ast.USub)  # type: ignore[attr-defined]
            return _Value(inner.shape, _unary(negate, inner.value))
        if kind is ast.BinOp:
            return self._binop(node)  # type: ignore[arg-type]
        if kind is ast.Attribute:
            return self._attribute(node)  # type: ignore[arg-type]
        if kind is ast.Call:
            return self._call(node)  # type: ignore[arg-type]
        raise self.refusal(node)

    def _record(
        self, node: ast.AST, value: _Value, kind: str, explanation: Explanation | None = None
    ) -> _Value:
        expr = self.source(node)
        if kind == "operation" or all(t.expr != expr for t in self.steps):
            self.steps.append(
                Record(
                    expr, self.span(node)[0], value.shape, kind, explanation, _as_array(value.value)
                )
            )
        return value

    def _name(self, node: ast.Name) -> _Value:
        name = node.id
        if name in MODULES:
            raise self.fail(
                f"{name} is the NumPy module, not an array; use it as "
                f"{name}.dot(a, b), {name}.transpose(a) …",
                node,
            )
        if name not in self.shapes:
            known = sorted(self.shapes)
            close = closest(name, known)
            hint = (
                f"; did you mean {close!r}?"
                if close
                else (f" (known names: {', '.join(known)})" if known else "")
            )
            raise self.fail(
                f"unknown name {name!r}: no shape or value was given for it{hint}", node
            )
        return self._record(node, _Value(self.shapes[name], self.values.get(name)), "name")

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
        op = self.binary_op(node)
        lo, hi = self.span(node)
        left, right = self.walk(node.left, lo, hi), self.walk(node.right, lo, hi)
        return self._apply(node, op, (node.left, node.right), (left, right), lo, hi)

    def _attribute(self, node: ast.Attribute) -> _Value:
        self.check_attribute(node)
        lo, hi = self.span(node)
        inner = self.walk(node.value, lo, hi)
        return self._transpose(node, node.value, inner, None, lo, hi)

    def _call(self, node: ast.Call) -> _Value:
        func, inside, keywords = self.call_arguments(node)
        args = [self.walk(a, *inside) for a in node.args if not is_axes(func, node, a)]
        if func in ("dot", "matmul"):
            return self._apply(node, func, tuple(node.args), tuple(args), *inside)
        if func == "transpose":
            axes_node = keywords.get("axes", node.args[1] if len(node.args) > 1 else None)
            return self._transpose(node, node.args[0], args[0], self.axes(axes_node), *inside)
        shape = format_shape(args[0].shape)
        step = Step(
            "conversion", args[0].shape, True, f"converting to an array keeps the shape: {shape}"
        )
        explanation = Explanation("array", (args[0].shape,), shape, (step,), args[0].shape)
        return self._record(node, args[0], "operation", explanation)

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
            shape = cast(Shape, explanation.shape)
            if math.prod(shape) > MAX_VALUE_ELEMENTS:
                raise self.fail(
                    f"the value of {self.source(node)} would have {math.prod(shape)} elements "
                    f"{format_shape(shape)}, more than the {MAX_VALUE_ELEMENTS:,} whose values "
                    "shapekit computes; give shapes (--shape) rather than values for arrays "
                    "this large",
                    node,
                )
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
        wrap_left = (
            isinstance(node, ast.BinOp)
            and isinstance(node.left, ast.BinOp)
            and regions[0] == self.span(node.left)
            and _same_precedence(node.left.op, node.op)
        )
        ndims = (len(left.shape), len(right.shape))
        operands = (node.left, node.right) if isinstance(node, ast.BinOp) else node.args  # type: ignore[attr-defined]
        sequences = (isinstance(operands[0], ast.List), isinstance(operands[1], ast.List))
        candidates = rewrite_candidates(self.text, op, regions, ndims, wrap_left, sequences)
        return candidates[:MAX_CANDIDATES]


def _same_precedence(a: ast.operator, b: ast.operator) -> bool:
    groups = ({ast.Add, ast.Sub}, {ast.Mult, ast.MatMult, ast.Div, ast.FloorDiv, ast.Mod})
    return any(type(a) in g and type(b) in g for g in groups)


def _unary(negate: bool, value: Any) -> Any:
    """``-value`` or ``+value`` as NumPy computes it (lists become arrays), or None."""
    if value is None:
        return None
    import numpy as np

    with np.errstate(all="ignore"):
        data = np.asarray(value)
        return np.negative(data) if negate else np.positive(data)


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
            shape, _, _ = evaluate(text, shapes, {}, suggest=False)
        except (ShapeError, ExpressionError):
            continue
        if not python_accepts(text, shapes):
            continue
        fix = Suggestion(text, shape, note)
        if fix not in fixes:
            fixes.append(fix)
    return fewest_edits(fixes, lambda fix: fix.note)


def python_accepts(text: str, shapes: dict[str, Shape]) -> bool:
    """Whether Python itself would run ``text`` with arrays of these shapes (a list has no
    ``.T``, two lists do not broadcast): the program interpreter follows it to make sure."""
    from shapekit.engine._expressions import Walker
    from shapekit.engine._operands import Operand, array

    wrapped = f"(\n{text}\n)"
    try:
        tree = ast.parse(wrapped, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    names = {name: array(shape) for name, shape in shapes.items()}
    names.update({module: Operand("module", name="numpy") for module in MODULES})
    result = Walker(wrapped, _ArrayNames(names), dry=True).evaluate(tree.body)
    return result.kind != "error"


class _ArrayNames:
    """The program interpreter's host for an expression whose names are arrays."""

    numpy: str | None = "np"
    lazy: str | None = None  # see ProgramHost.lazy
    operations = 10**9  # (one expression: no budget)
    budget = 1

    def __init__(self, names: dict[str, Any]) -> None:
        self.names = names

    def lookup(self, name: str) -> Any:
        return self.names.get(name)

    def rebind(self, name: str, value: Any) -> None:
        return None

    def mutate(self, target: Any, changed: Any, why: str) -> None:
        return None

    def replace_held(self, target: Any, changed: Any) -> None:
        return None

    def reshaped_everywhere(self, target: Any, changed: Any, why: str) -> None:
        return None

    def call(self, func: Any, args: Any, kwargs: Any, node: Any) -> Any:
        from shapekit.engine._operands import unknown

        return unknown("a call")

    def report(self, walker: Any, refused: Any, root: Any) -> None:
        return None


def evaluate(
    text: str, shapes: dict[str, Shape], values: dict[str, Any], suggest: bool = True
) -> tuple[Shape, list[Record], Any]:
    """The shape of the expression ``text``, its records in order, and its value (or None).

    ``shapes`` maps every name to its shape, ``values`` some names to data; ``suggest``
    adds verified whole-expression fixes to a :class:`~shapekit.errors.MismatchError`.
    """
    tree = parse(text)
    walker = _Walker(text, shapes, values, suggest)
    result = walker.walk(tree, 0, len(text))
    return result.shape, walker.steps, _as_array(result.value)
