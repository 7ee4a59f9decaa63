"""NumPy's shape rules for transpose, dot, matmul and element-wise + - *, explained.

Two families of functions that cannot be confused:

* ``*_shape`` / ``*_shapes`` take shapes (tuples of ints) and return an
  :class:`~shapekit.explanation.Explanation` whose ``.shape`` is NumPy's result shape;
* ``transpose``, ``dot``, ``matmul``, ``add``, ``sub``, ``mul`` take data (nested lists or
  arrays, validated with :func:`shapekit.shape`) and return a :class:`Result` holding the
  computed ``.value`` (a NumPy array), its ``.shape`` and its ``.explanation``.

Both raise :class:`~shapekit.errors.MismatchError` exactly when NumPy would fail. Its
``operands`` are the shapes, ``explanation`` the steps up to the failing one (its ``shape``
is ``None``), ``suggestions`` the fixes from :func:`suggest_fixes` (each checked to work),
``axis`` the axis the failing rule looked at (negative, counted from the right, for
broadcasting; ``-1`` for the inner dimensions), ``expected`` the left operand's dimension
there and ``found`` the right operand's.

>>> print(matmul_shapes((5, 4), (4, 7)))  # doctest: +NORMALIZE_WHITESPACE
(5, 4) @ (4, 7): the inner dimensions 4 and 4 match; the result takes the rows of the left
and the columns of the right: (5, 7)
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from shapekit.errors import MismatchError, ShapeError, Suggestion
from shapekit.explanation import Explanation, Step, format_shape

__all__ = [
    "BINARY_OPS",
    "Result",
    "add",
    "add_shapes",
    "binary_shapes",
    "dot",
    "dot_shapes",
    "matmul",
    "matmul_shapes",
    "mul",
    "mul_shapes",
    "operation_text",
    "sub",
    "sub_shapes",
    "suggest_fixes",
    "transpose",
    "transpose_shape",
    "transpose_text",
    "try_binary",
    "try_transpose",
]

Shape = tuple[int, ...]

#: NumPy's limit on the number of dimensions of an array
MAX_DIMS = 64

#: binary operations by name, with the operator that writes them (``dot`` is a call)
BINARY_OPS: dict[str, str] = {"matmul": "@", "dot": "np.dot", "add": "+", "sub": "-", "mul": "*"}
_PRECEDENCE = {
    ast.Add: 10,
    ast.Sub: 10,
    ast.Mult: 11,
    ast.MatMult: 11,
    ast.Div: 11,
    ast.FloorDiv: 11,
    ast.Mod: 11,
    ast.Pow: 13,
}
_SYMBOL_PRECEDENCE = {"+": 10, "-": 10, "*": 11, "@": 11}


class _Failure(NamedTuple):
    reason: str
    axis: int | None
    expected: Any
    found: Any


_Outcome = tuple[Explanation, "_Failure | None"]


# --- shapes and texts -------------------------------------------------------------------


def _as_shape(shape: Sequence[int]) -> Shape:
    if not isinstance(shape, (str, bytes)):
        try:
            dims = tuple(operator.index(d) for d in shape)
        except TypeError:
            dims = None
        if dims is not None and all(d >= 0 for d in dims):
            return dims
    raise ShapeError(f"a shape is a tuple of non-negative whole numbers, not {shape!r}")


def _is_wrapped(text: str) -> bool:
    """True when ``text`` is entirely inside one pair of parentheses."""
    text = text.strip()
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i == len(text) - 1
    return False


def _parse(text: str) -> ast.expr | None:
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def transpose_text(text: str) -> str:
    """Write ``.T`` on an operand, parenthesising it when it is an expression.

    >>> transpose_text("weights"), transpose_text("np.array(w)"), transpose_text("a @ b")
    ('weights.T', 'np.array(w).T', '(a @ b).T')
    """
    text = text.strip()
    node = _parse(text)
    atomic = isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.List))
    return f"{text}.T" if atomic or _is_wrapped(text) else f"({text}).T"


def _operand(text: str, symbol: str, side: str) -> str:
    """``text`` as the ``side`` operand of ``symbol``, in parentheses if precedence needs them."""
    text = text.strip()
    node = _parse(text)
    if node is None and not _is_wrapped(text):
        return f"({text})"
    if isinstance(node, ast.BinOp) and not _is_wrapped(text):
        mine, theirs = _PRECEDENCE.get(type(node.op), 0), _SYMBOL_PRECEDENCE[symbol]
        if mine < theirs or (mine == theirs and side == "right"):
            return f"({text})"
    return text


def operation_text(op: str, a_text: str, b_text: str) -> str:
    """Write a binary operation on two operand texts, as NumPy code.

    >>> operation_text("matmul", "x + y", "w"), operation_text("dot", "a", "b.T")
    ('(x + y) @ w', 'np.dot(a, b.T)')
    """
    symbol = BINARY_OPS[op]
    if op == "dot":
        return f"np.dot({a_text.strip()}, {b_text.strip()})"
    return f"{_operand(a_text, symbol, 'left')} {symbol} {_operand(b_text, symbol, 'right')}"


def _outcome(
    op: str,
    operands: tuple[Shape, ...],
    header: str,
    steps: list[Step],
    shape: Shape | None,
    failure: _Failure | None = None,
) -> _Outcome:
    return Explanation(op, operands, header, tuple(steps), shape), failure


def _dims(n: int) -> str:
    return f"{n} dimension{'' if n == 1 else 's'}"


# --- transpose --------------------------------------------------------------------------


def _transpose(shape: Shape, axes: Sequence[int] | None, name: str) -> _Outcome:
    n, fs = len(shape), format_shape(shape)
    if axes is None:
        result = shape[::-1]
        if n < 2:
            text = f"transposing a {'1-D array' if n else 'scalar'} does nothing"
        elif n == 2:
            text = "rows become columns and columns become rows"
        else:
            text = "the order of the dimensions is reversed"
        step = Step("transpose", shape, True, f"{text}: {format_shape(result)}")
        return _outcome("transpose", (shape,), f"{fs}.T", [step], result)
    axes = tuple(operator.index(ax) for ax in axes)
    header = f"np.transpose({fs}, axes={format_shape(axes)})"
    normal = tuple(ax + n if ax < 0 else ax for ax in axes)
    failure = None
    if len(axes) != n:
        entries = f"{len(axes)} entr{'y' if len(axes) == 1 else 'ies'}"
        failure = _Failure(
            f"axes {format_shape(axes)} has {entries} but {name} has "
            f"{_dims(n)}; list each dimension exactly once",
            None,
            n,
            len(axes),
        )
    elif bad := [ax for ax, norm in zip(axes, normal, strict=True) if not 0 <= norm < n]:
        numbered = f", numbered 0 to {n - 1} (or {-n} to -1 from the end)" if n else ""
        failure = _Failure(
            f"axis {bad[0]} does not exist: {name} has {_dims(n)}{numbered}",
            bad[0],
            f"an axis from {-n} to {n - 1}",
            bad[0],
        )
    elif len(set(normal)) != n:
        dup = next(ax for i, ax in enumerate(normal) if ax in normal[:i])
        failure = _Failure(
            f"axis {dup} is listed twice; list each dimension exactly once",
            dup,
            "each axis once",
            dup,
        )
    if failure is not None:
        step = Step("transpose", axes, False, failure.reason.split(";")[0])
        return _outcome("transpose", (shape,), header, [step], None, failure)
    result = tuple(shape[ax] for ax in normal)
    if normal == tuple(range(n)):
        text = "the axes keep every dimension in place, so nothing changes"
    elif n == 2:
        text = "rows become columns and columns become rows"
    else:
        text = f"the result takes the dimensions {format_shape(normal)} of {fs} in that order"
    step = Step("transpose", shape, True, f"{text}: {format_shape(result)}")
    return _outcome("transpose", (shape,), header, [step], result)


# --- matmul and dot ---------------------------------------------------------------------


def _side_text(name: str, ndim: int, k: int, side: str) -> str:
    if ndim == 1:
        return f"{name} has {k} elements"
    part = "rows" if side == "left" else "columns"
    return f"the {part} of {name} have {k} elements"


def _inner_failure(
    op: str, a: Shape, b: Shape, names: tuple[str, str], ka: int, kb: int
) -> _Failure:
    what = "matrix product" if op == "matmul" and (len(a), len(b)) != (1, 1) else "dot product"
    return _Failure(
        f"the inner dimensions {ka} and {kb} do not match: "
        f"{_side_text(names[0], len(a), ka, 'left')}, "
        f"but {_side_text(names[1], len(b), kb, 'right')}"
        f", and a {what} multiplies them element by element",
        -1,
        ka,
        kb,
    )


def _matmul(a: Shape, b: Shape, names: tuple[str, str]) -> _Outcome:
    header, steps = f"{format_shape(a)} @ {format_shape(b)}", []
    if not a or not b:
        name, side = (names[0], "left") if not a else (names[1], "right")
        steps.append(Step("scalar", (), False, f"the {side} operand is a scalar (0-D)"))
        reason = (
            f"{name} is a scalar (0-D), but @ needs at least one dimension on both sides "
            "(use * to multiply by a number)"
        )
        return _outcome(
            "matmul", (a, b), header, steps, None, _Failure(reason, None, "at least 1 dimension", 0)
        )
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
        return _outcome(
            "matmul", (a, b), header, steps, None, _inner_failure("matmul", a, b, names, ka, kb)
        )
    steps.append(
        Step("inner dimensions", (ka, kb), True, f"the inner dimensions {ka} and {kb} match")
    )
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
            return _outcome("matmul", (a, b), header, steps, None, _Failure(reason, axis - 2, x, y))
        steps.append(
            Step(
                "batch dimensions",
                batch,
                True,
                f"the batch dimensions {format_shape(batch_a)} and "
                f"{format_shape(batch_b)} broadcast to {format_shape(batch)}",
            )
        )
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
    return _outcome("matmul", (a, b), header, steps, shape)


def _dot(a: Shape, b: Shape, names: tuple[str, str]) -> _Outcome:
    header = f"np.dot({format_shape(a)}, {format_shape(b)})"
    if not a or not b:
        shape = a or b
        scalar, other = (names[0], names[1]) if not a else (names[1], names[0])
        text = f"{scalar} is a scalar, so np.dot multiplies every element of {other} by it"
        step = Step("scalar", shape, True, f"{text}: {format_shape(shape)}")
        return _outcome("dot", (a, b), header, [step], shape)
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
        return _outcome(
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
        return _outcome(
            "dot", (a, b), header, steps, None, _Failure(reason, None, MAX_DIMS, len(shape))
        )
    steps.append(Step("result", shape, True, f"{text}: {format_shape(shape)}"))
    return _outcome("dot", (a, b), header, steps, shape)


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


def _elementwise(op: str, a: Shape, b: Shape, names: tuple[str, str]) -> _Outcome:
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
                return _outcome(op, (a, b), header, steps, None, _Failure(reason, -i, x, y))
    shape, _ = _broadcast(a, b)
    steps.append(Step("result", shape, True, f"the result: {format_shape(shape)}"))
    return _outcome(op, (a, b), header, steps, shape)


_ALGEBRA: dict[str, Callable[[Shape, Shape, tuple[str, str]], _Outcome]] = {
    "matmul": _matmul,
    "dot": _dot,
    "add": lambda a, b, names: _elementwise("add", a, b, names),
    "sub": lambda a, b, names: _elementwise("sub", a, b, names),
    "mul": lambda a, b, names: _elementwise("mul", a, b, names),
}


# --- public shape algebra ----------------------------------------------------------------


def _mismatch(
    op: str, outcome: _Outcome, written: str, suggestions: list[Suggestion]
) -> MismatchError | None:
    explanation, failure = outcome
    if failure is None:
        return None
    shapes = " and ".join(format_shape(s) for s in explanation.operands)
    noun = "shape" if len(explanation.operands) == 1 else "shapes"
    return MismatchError(
        f"cannot compute {written} with {noun} {shapes}: {failure.reason}",
        op=op,
        operands=explanation.operands,
        axis=failure.axis,
        expected=failure.expected,
        found=failure.found,
        explanation=explanation,
        suggestions=suggestions,
    )


def try_binary(
    op: str,
    a: Sequence[int],
    b: Sequence[int],
    *,
    names: tuple[str, str] = ("a", "b"),
    suggest: bool = True,
    written: str | None = None,
) -> tuple[Explanation, MismatchError | None]:
    """Explain a binary operation without raising: ``(explanation, error or None)``.

    On a mismatch the explanation ends with the failing step (its ``shape`` is ``None``)
    and the error, not raised, carries the message and (with ``suggest``) the fixes of
    :func:`suggest_fixes`. ``written`` is how the message writes the operation (by
    default :func:`operation_text` of ``names``). This is what a figure renderer calls.

    >>> explanation, error = try_binary("matmul", (3, 4), (3, 4), names=("x", "w"))
    >>> explanation.ok, [fix.expr for fix in error.suggestions]
    (False, ['x @ w.T', 'x.T @ w'])
    """
    if op not in _ALGEBRA:
        raise ValueError(f"unknown operation {op!r}; expected one of {', '.join(_ALGEBRA)}")
    sa, sb = _as_shape(a), _as_shape(b)
    outcome = _ALGEBRA[op](sa, sb, names)
    fixes = suggest_fixes(op, sa, sb, *names) if suggest and outcome[1] is not None else []
    return outcome[0], _mismatch(op, outcome, written or operation_text(op, *names), fixes)


def try_transpose(
    shape: Sequence[int],
    axes: Sequence[int] | None = None,
    *,
    name: str = "a",
    written: str | None = None,
) -> tuple[Explanation, MismatchError | None]:
    """Explain a transpose without raising: ``(explanation, error or None)``.

    >>> print(try_transpose((2, 3), axes=(0, 0))[1])  # doctest: +NORMALIZE_WHITESPACE
    cannot compute np.transpose(a, (0, 0)) with shape (2, 3): axis 0 is listed twice;
    list each dimension exactly once
    """
    outcome = _transpose(_as_shape(shape), axes, name)
    if written is None:
        written = transpose_text(name) if axes is None else f"np.transpose({name}, {tuple(axes)!r})"
    return outcome[0], _mismatch("transpose", outcome, written, [])


def binary_shapes(
    op: str, a: Sequence[int], b: Sequence[int], *, names: tuple[str, str] = ("a", "b")
) -> Explanation:
    """Explain the binary operation ``op`` (a key of :data:`BINARY_OPS`) on two shapes.

    ``names`` are the operands' texts, used in messages and suggestions. Raises
    :class:`~shapekit.errors.MismatchError` when NumPy would fail.

    >>> binary_shapes("add", (3, 4), (4,)).shape
    (3, 4)
    """
    explanation, error = try_binary(op, a, b, names=names)
    if error is not None:
        raise error
    return explanation


def matmul_shapes(
    a: Sequence[int], b: Sequence[int], *, names: tuple[str, str] = ("a", "b")
) -> Explanation:
    """Explain ``a @ b`` on shapes: 1-D promotion, inner dimensions, batch dimensions.

    >>> print(matmul_shapes((4,), (4, 7)))  # doctest: +NORMALIZE_WHITESPACE
    (4,) @ (4, 7): the left operand is 1-D, so it is treated as a row (1, 4); the inner
    dimensions 4 and 4 match; the result takes the rows of the left and the columns of the
    right: (1, 7); the dimension added for the 1-D operand is removed: (7,)
    """
    return binary_shapes("matmul", a, b, names=names)


def dot_shapes(
    a: Sequence[int], b: Sequence[int], *, names: tuple[str, str] = ("a", "b")
) -> Explanation:
    """Explain ``np.dot(a, b)`` on shapes (every case, N-D included).

    >>> print(dot_shapes((3, 4), (4,)))  # doctest: +NORMALIZE_WHITESPACE
    np.dot((3, 4), (4,)): the inner dimensions 4 and 4 match (the last dimension of the left
    and the only one of the right); each row of the left gives one dot product with the
    vector: (3,)
    """
    return binary_shapes("dot", a, b, names=names)


def add_shapes(
    a: Sequence[int], b: Sequence[int], *, names: tuple[str, str] = ("a", "b")
) -> Explanation:
    """Explain ``a + b`` on shapes (right-aligned broadcasting).

    >>> print(add_shapes((3, 4), (4,), names=("outputs", "biases")))
    ... # doctest: +NORMALIZE_WHITESPACE
    (3, 4) + (4,): aligned from the right, 4 and 4 match; 3 has no partner in biases, so
    biases is repeated 3 times along it; the result: (3, 4)
    """
    return binary_shapes("add", a, b, names=names)


def sub_shapes(
    a: Sequence[int], b: Sequence[int], *, names: tuple[str, str] = ("a", "b")
) -> Explanation:
    """Explain ``a - b`` on shapes (right-aligned broadcasting).

    >>> sub_shapes((2, 1), (3,)).shape
    (2, 3)
    """
    return binary_shapes("sub", a, b, names=names)


def mul_shapes(
    a: Sequence[int], b: Sequence[int], *, names: tuple[str, str] = ("a", "b")
) -> Explanation:
    """Explain ``a * b`` (element-wise) on shapes (right-aligned broadcasting).

    >>> mul_shapes((), (2, 3)).shape
    (2, 3)
    """
    return binary_shapes("mul", a, b, names=names)


def transpose_shape(
    shape: Sequence[int], axes: Sequence[int] | None = None, *, name: str = "a"
) -> Explanation:
    """Explain transposing ``shape``: reversed dimensions, or the order given by ``axes``.

    >>> print(transpose_shape((3, 4)))
    (3, 4).T: rows become columns and columns become rows: (4, 3)
    >>> transpose_shape((2, 3, 4), axes=(1, 0, -1)).shape
    (3, 2, 4)
    """
    explanation, error = try_transpose(shape, axes, name=name)
    if error is not None:
        raise error
    return explanation


def suggest_fixes(
    op: str, a_shape: Sequence[int], b_shape: Sequence[int], a_text: str = "a", b_text: str = "b"
) -> list[Suggestion]:
    """Fixes for a failing binary operation that the shape algebra accepts, with their shapes.

    Tried in order: transpose the right operand, the left, both, and (for ``matmul`` and
    ``dot``) swap the operands. Transposing an operand with fewer than 2 dimensions does
    nothing, so it is not tried. Each suggestion's ``expr`` is NumPy code written with
    ``a_text`` and ``b_text``; its ``shape`` the result shape; its ``note`` what changed.

    >>> suggest_fixes("matmul", (3, 4), (3, 4), "inputs", "weights")
    [Suggestion('inputs @ weights.T', shape=(3, 3)), Suggestion('inputs.T @ weights', shape=(4, 4))]
    """
    a, b = _as_shape(a_shape), _as_shape(b_shape)
    ta, tb = transpose_text(a_text), transpose_text(b_text)
    candidates = []
    if len(b) >= 2:
        candidates.append((a, b[::-1], a_text, tb, "transpose the right operand"))
    if len(a) >= 2:
        candidates.append((a[::-1], b, ta, b_text, "transpose the left operand"))
    if len(a) >= 2 and len(b) >= 2:
        candidates.append((a[::-1], b[::-1], ta, tb, "transpose both operands"))
    if op in ("matmul", "dot"):
        candidates.append((b, a, b_text, a_text, "swap the operands"))
    fixes: list[Suggestion] = []
    for x, y, x_text, y_text, note in candidates:
        explanation, failure = _ALGEBRA[op](x, y, (x_text, y_text))
        if failure is None and explanation.shape is not None:
            fix = Suggestion(operation_text(op, x_text, y_text), explanation.shape, note)
            if fix not in fixes:
                fixes.append(fix)
    return fixes


# --- computing on data -------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """A computed value with its explanation. ``value`` is always a NumPy array.

    >>> r = matmul([[1, 2]], [[3], [4]])
    >>> r.shape, r.value.tolist()
    ((1, 1), [[11]])
    """

    value: Any
    explanation: Explanation

    @property
    def shape(self) -> Shape:
        """The result's shape (the same as ``explanation.shape``)."""
        return tuple(self.value.shape)

    def __str__(self) -> str:
        return f"{self.explanation}\n{self.value!r}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        import html

        return f"{self.explanation._repr_html_()}<pre>{html.escape(repr(self.value))}</pre>"


def _data_shape(x: Any, name: str) -> Shape:
    from shapekit.shapes import shape

    return shape(x, name=name)


def _binary_data(
    op: str, a: Any, b: Any, names: tuple[str, str], compute: Callable[[Any, Any], Any]
) -> Result:
    import numpy as np

    explanation = binary_shapes(op, _data_shape(a, names[0]), _data_shape(b, names[1]), names=names)
    return Result(np.asarray(compute(np.asarray(a), np.asarray(b))), explanation)


def matmul(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a @ b`` on data, explained.

    >>> matmul([[1, 2], [3, 4]], [1, 1]).value.tolist()
    [3, 7]
    """
    return _binary_data("matmul", a, b, names, operator.matmul)


def dot(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``np.dot(a, b)`` on data, explained.

    >>> dot([1, 2, 3], [2, 3, 4]).value.tolist()
    20
    """
    import numpy as np

    return _binary_data("dot", a, b, names, np.dot)


def add(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a + b`` on data with broadcasting, explained.

    >>> add([[1, 2], [3, 4]], [10, 20]).value.tolist()
    [[11, 22], [13, 24]]
    """
    return _binary_data("add", a, b, names, operator.add)


def sub(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a - b`` on data with broadcasting, explained.

    >>> sub([5, 6], 1).value.tolist()
    [4, 5]
    """
    return _binary_data("sub", a, b, names, operator.sub)


def mul(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a * b`` element-wise on data with broadcasting, explained.

    >>> mul([[1], [2]], [1, 10]).value.tolist()
    [[1, 10], [2, 20]]
    """
    return _binary_data("mul", a, b, names, operator.mul)


def transpose(a: Any, axes: Sequence[int] | None = None, *, name: str = "a") -> Result:
    """Transpose data (reverse the dimensions, or reorder them by ``axes``), explained.

    >>> transpose([[1, 2, 3]]).value.tolist()
    [[1], [2], [3]]
    """
    import numpy as np

    explanation = transpose_shape(_data_shape(a, name), axes, name=name)
    return Result(np.transpose(np.asarray(a), None if axes is None else tuple(axes)), explanation)
