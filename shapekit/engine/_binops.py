"""NumPy's shape rules for the binary operations, as explanation steps and the first failure.

``RULES[op](a, b, names)`` takes two shapes (tuples of ints) and the operands' texts and
returns an :data:`Outcome`: the :class:`~shapekit.engine.explanation.Explanation` (its ``shape`` is
``None`` after a failing step) and the :class:`Failure` (``None`` when NumPy would succeed).
:mod:`shapekit.engine.ops` turns a failure into a :class:`~shapekit.errors.MismatchError`, and
:mod:`shapekit.engine.fixes` runs the rules on candidate fixes.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from shapekit.engine.explanation import Explanation, Step, format_shape
from shapekit.errors import ShapeError

Shape = tuple[int, ...]

#: NumPy's limit on the number of dimensions of an array
MAX_DIMS = 64

#: binary operations by name, with the operator that writes them (``dot`` is a call)
BINARY_OPS: dict[str, str] = {
    "matmul": "@",
    "dot": "np.dot",
    "add": "+",
    "sub": "-",
    "mul": "*",
    "div": "/",
    "floordiv": "//",
    "mod": "%",
    "pow": "**",
}


class Failure(NamedTuple):
    """Why a rule fails: the ``reason`` for the message, and the error's fields."""

    reason: str
    axis: int | None
    expected: Any
    found: Any


Outcome = tuple[Explanation, "Failure | None"]


def as_shape(shape: Sequence[int]) -> Shape:
    """``shape`` as a tuple of ints, or a :class:`~shapekit.errors.ShapeError`."""
    if not isinstance(shape, (str, bytes)):
        try:
            dims = tuple(operator.index(d) for d in shape)
        except TypeError:
            dims = None
        if dims is not None and all(d >= 0 for d in dims):
            return dims
    raise ShapeError(f"a shape is a tuple of non-negative whole numbers, not {shape!r}")


def explained(
    op: str,
    operands: tuple[Shape, ...],
    header: str,
    steps: list[Step],
    shape: Shape | None,
    failure: Failure | None = None,
) -> Outcome:
    """The explanation of ``op`` from its steps, with the failure (if any)."""
    return Explanation(op, operands, header, tuple(steps), shape), failure


# --- matmul and dot ---------------------------------------------------------------------


def _side_text(name: str, ndim: int, k: int, side: str) -> str:
    if ndim == 1:
        return f"{name} has {k} elements"
    part = "rows" if side == "left" else "columns"
    return f"the {part} of {name} have {k} elements"


def _inner_failure(
    op: str, a: Shape, b: Shape, names: tuple[str, str], ka: int, kb: int
) -> Failure:
    what = "matrix product" if op == "matmul" and (len(a), len(b)) != (1, 1) else "dot product"
    return Failure(
        f"the inner dimensions {ka} and {kb} do not match: "
        f"{_side_text(names[0], len(a), ka, 'left')}, "
        f"but {_side_text(names[1], len(b), kb, 'right')}"
        f", and a {what} multiplies them element by element",
        -1,
        ka,
        kb,
    )


def _matmul(a: Shape, b: Shape, names: tuple[str, str]) -> Outcome:
    header, steps = f"{format_shape(a)} @ {format_shape(b)}", []
    if not a or not b:
        name, side = (names[0], "left") if not a else (names[1], "right")
        steps.append(Step("scalar", (), False, f"the {side} operand is a scalar (0-D)"))
        reason = (
            f"{name} is a scalar (0-D), but @ needs at least one dimension on both sides "
            "(use * to multiply by a number)"
        )
        return explained(
            "matmul", (a, b), header, steps, None, Failure(reason, None, "at least 1 dimension", 0)
        )
    pa, pb = _promoted(a, b, steps)
    ka, kb = pa[-1], pb[-2]
    if ka != kb:
        steps.append(
            Step(
                "inner dimensions",
                (ka, kb),
                False,
                f"the inner dimensions {ka} and {kb} do not match",
            )
        )
        return explained(
            "matmul", (a, b), header, steps, None, _inner_failure("matmul", a, b, names, ka, kb)
        )
    steps.append(
        Step("inner dimensions", (ka, kb), True, f"the inner dimensions {ka} and {kb} match")
    )
    batch, failure = _batch(pa, pb, steps)
    if failure is not None:
        return explained("matmul", (a, b), header, steps, None, failure)
    return explained("matmul", (a, b), header, steps, _matmul_result(a, b, pa, pb, batch, steps))


def _promoted(a: Shape, b: Shape, steps: list[Step]) -> tuple[Shape, Shape]:
    """The operands with a 1-D one promoted to a row (left) or a column (right)."""
    pa, pb = ((1, *a) if len(a) == 1 else a), ((*b, 1) if len(b) == 1 else b)
    if len(a) == 1:
        steps.append(
            Step(
                "1-D promotion",
                a,
                True,
                f"the left operand is 1-D, so it is treated as a row {format_shape(pa)}",
            )
        )
    if len(b) == 1:
        steps.append(
            Step(
                "1-D promotion",
                b,
                True,
                f"the right operand is 1-D, so it is treated as a column {format_shape(pb)}",
            )
        )
    return pa, pb


def _batch(pa: Shape, pb: Shape, steps: list[Step]) -> tuple[Shape, Failure | None]:
    """The broadcast batch dimensions of the promoted operands, or why they clash."""
    batch: Shape = ()
    if len(pa) > 2 or len(pb) > 2:
        batch_a, batch_b = pa[:-2], pb[:-2]
        batch, bad = _broadcast(batch_a, batch_b)
        if bad is not None:
            axis, x, y = bad
            steps.append(
                Step(
                    "batch dimensions",
                    (x, y),
                    False,
                    f"the batch dimensions {x} and {y} do not match, and neither is 1",
                )
            )
            reason = (
                f"the batch dimensions {format_shape(batch_a)} and {format_shape(batch_b)} "
                f"cannot be broadcast: aligned from the right, {x} and {y} differ and "
                "neither is 1"
            )
            return batch, Failure(reason, axis - 2, x, y)
        steps.append(
            Step(
                "batch dimensions",
                batch,
                True,
                f"the batch dimensions {format_shape(batch_a)} and "
                f"{format_shape(batch_b)} broadcast to {format_shape(batch)}",
            )
        )
    return batch, None


def _matmul_result(
    a: Shape, b: Shape, pa: Shape, pb: Shape, batch: Shape, steps: list[Step]
) -> Shape:
    """The result shape: batch, rows of the left, columns of the right, 1-D ones removed."""
    shape = (*batch, pa[-2], pb[-1])
    takes = f"the batch dimensions {format_shape(batch)}, then " if batch else ""
    steps.append(
        Step(
            "result",
            shape,
            True,
            f"the result takes {takes}the rows of the left and "
            f"the columns of the right: {format_shape(shape)}",
        )
    )
    if len(a) == 1 or len(b) == 1:
        drop = {len(shape) - 2} if len(a) == 1 else set()
        drop |= {len(shape) - 1} if len(b) == 1 else set()
        shape = tuple(d for i, d in enumerate(shape) if i not in drop)
        which = "1-D operands are" if len(drop) == 2 else "1-D operand is"
        steps.append(
            Step(
                "1-D removal",
                shape,
                True,
                f"the dimension{'s' * (len(drop) == 2)} "
                f"added for the {which} removed: {format_shape(shape)}",
            )
        )
    return shape


def _dot(a: Shape, b: Shape, names: tuple[str, str]) -> Outcome:
    header = f"np.dot({format_shape(a)}, {format_shape(b)})"
    if not a or not b:
        shape = a or b
        scalar, other = (names[0], names[1]) if not a else (names[1], names[0])
        text = f"{scalar} is a scalar, so np.dot multiplies every element of {other} by it"
        step = Step("scalar", shape, True, f"{text}: {format_shape(shape)}")
        return explained("dot", (a, b), header, [step], shape)
    ka, kb = a[-1], (b[-2] if len(b) >= 2 else b[0])
    right_axis = "the only one" if len(b) == 1 else "the second-to-last"
    where = {(1, 1): "", (2, 2): ""}.get(
        (len(a), len(b)), f" (the last dimension of the left and {right_axis} of the right)"
    )
    if ka != kb:
        step = Step(
            "inner dimensions",
            (ka, kb),
            False,
            f"the inner dimensions {ka} and {kb} do not match{where}",
        )
        return explained(
            "dot", (a, b), header, [step], None, _inner_failure("dot", a, b, names, ka, kb)
        )
    steps = [
        Step("inner dimensions", (ka, kb), True, f"the inner dimensions {ka} and {kb} match{where}")
    ]
    left, right = a[:-1], (b[:-2] + b[-1:] if len(b) >= 2 else ())
    shape = left + right
    if len(a) == len(b) == 1:
        text = "the dot product of two vectors is a single number"
    elif len(a) == len(b) == 2:
        text = "the result takes the rows of the left and the columns of the right"
    elif len(b) == 1 and len(a) == 2:
        text = "each row of the left gives one dot product with the vector"
    elif len(a) == 1 and len(b) == 2:
        text = "the vector gives one dot product with each column of the right"
    else:
        text = (
            f"the result takes the other dimensions of the left {format_shape(left)}, then "
            f"those of the right {format_shape(right)}"
        )
    if len(shape) > MAX_DIMS:
        steps.append(Step("result", shape, False, f"{text}: {len(shape)} dimensions"))
        reason = (
            f"the result would have {len(shape)} dimensions, more than NumPy's limit of {MAX_DIMS}"
        )
        return explained(
            "dot", (a, b), header, steps, None, Failure(reason, None, MAX_DIMS, len(shape))
        )
    steps.append(Step("result", shape, True, f"{text}: {format_shape(shape)}"))
    return explained("dot", (a, b), header, steps, shape)


# --- element-wise broadcasting ----------------------------------------------------------


def _broadcast(a: Shape, b: Shape) -> tuple[Shape, tuple[int, int, int] | None]:
    """Right-aligned broadcast: (result, None) or (partial, (axis, x, y)) at the first clash."""
    out: list[int] = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and x != 1 and y != 1:
            return tuple(reversed(out)), (-i, x, y)
        out.append(y if x == 1 else x)
    return tuple(reversed(out)), None


def _pair_text(x: int | None, y: int | None, names: tuple[str, str]) -> str:
    if y is None or x is None:
        dim, other = (x, names[1]) if y is None else (y, names[0])
        return f"{dim} has no partner in {other}, so {other} is repeated {dim} times along it"
    if x == y:
        return f"{x} and {y} match"
    if x == 1 or y == 1:
        one, big = (names[0], y) if x == 1 else (names[1], x)
        return f"{x} and {y}: the 1 of {one} is stretched to {big}"
    return f"{x} and {y} do not match, and neither is 1"


def _elementwise(op: str, a: Shape, b: Shape, names: tuple[str, str]) -> Outcome:
    symbol = BINARY_OPS[op]
    header = f"{format_shape(a)} {symbol} {format_shape(b)}"
    steps: list[Step] = []
    if not a or not b:
        scalar, other = (names[0], names[1]) if not a else (names[1], names[0])
        steps.append(
            Step(
                "scalar",
                (),
                True,
                f"{scalar} is a scalar, so it is combined with every element of {other}",
            )
        )
    else:
        for i in range(1, max(len(a), len(b)) + 1):
            x = a[-i] if i <= len(a) else None
            y = b[-i] if i <= len(b) else None
            ok = x is None or y is None or x == y or x == 1 or y == 1
            text = ("aligned from the right, " if i == 1 else "") + _pair_text(x, y, names)
            steps.append(Step("right-aligned broadcasting", (x, y), ok, text))
            if not ok:
                reason = (
                    f"aligned from the right, the dimensions {x} and {y} do not match, "
                    "and neither is 1, so they cannot be broadcast"
                )
                return explained(op, (a, b), header, steps, None, Failure(reason, -i, x, y))
    shape, _ = _broadcast(a, b)
    steps.append(Step("result", shape, True, f"the result: {format_shape(shape)}"))
    return explained(op, (a, b), header, steps, shape)


#: the rule of each binary operation: ``RULES[op](a, b, names)``
RULES: dict[str, Callable[[Shape, Shape, tuple[str, str]], Outcome]] = {
    "matmul": _matmul,
    "dot": _dot,
    "add": lambda a, b, names: _elementwise("add", a, b, names),
    "sub": lambda a, b, names: _elementwise("sub", a, b, names),
    "mul": lambda a, b, names: _elementwise("mul", a, b, names),
    "div": lambda a, b, names: _elementwise("div", a, b, names),
    "floordiv": lambda a, b, names: _elementwise("floordiv", a, b, names),
    "mod": lambda a, b, names: _elementwise("mod", a, b, names),
    "pow": lambda a, b, names: _elementwise("pow", a, b, names),
}
