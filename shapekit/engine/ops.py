"""NumPy's shape rules for transpose, dot, matmul and element-wise + - *, explained.

Two families of functions that cannot be confused:

* ``*_shape`` / ``*_shapes`` take shapes (tuples of ints) and return an
  :class:`~shapekit.engine.explanation.Explanation` whose ``.shape`` is NumPy's result shape;
* ``transpose``, ``dot``, ``matmul``, ``add``, ``sub``, ``mul`` take data (nested lists or
  arrays, validated with :func:`shapekit.shape`) and return a :class:`Result` holding the
  computed ``.value`` (a NumPy array), its ``.shape`` and its ``.explanation``.

Both raise :class:`~shapekit.errors.MismatchError` exactly when NumPy would fail. Its
``operands`` are the shapes, ``explanation`` the steps up to the failing one (its ``shape``
is ``None``), ``suggestions`` the fixes from :func:`suggest_fixes` (each checked to work),
``axis`` the axis the failing rule looked at (negative, counted from the right, for
broadcasting; ``-1`` for the inner dimensions), ``expected`` the left operand's dimension
there and ``found`` the right operand's.

This module is the documented home of both families and of :func:`suggest_fixes`,
:func:`transpose_text` and :func:`operation_text`: the data functions and :class:`Result` are
defined in :mod:`shapekit.engine.compute`, the fixes and operation texts in :mod:`shapekit.engine.fixes`,
the binary operations' rules in ``shapekit.engine._binops``, and all are importable from here.

>>> print(matmul_shapes((5, 4), (4, 7)))  # doctest: +NORMALIZE_WHITESPACE
(5, 4) @ (4, 7): the inner dimensions 4 and 4 match; the result takes the rows of the left
and the columns of the right: (5, 7)
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from shapekit.engine._binops import BINARY_OPS, RULES, Failure, Outcome, Shape, as_shape, explained
from shapekit.engine.compute import Result, add, dot, matmul, mul, sub, transpose
from shapekit.engine.explanation import Explanation, Step, format_shape
from shapekit.engine.fixes import operation_text, suggest_fixes, transpose_text
from shapekit.errors import MismatchError, Suggestion

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


def _dims(n: int) -> str:
    return f"{n} dimension{'' if n == 1 else 's'}"


# --- transpose --------------------------------------------------------------------------


def _transpose(shape: Shape, axes: Sequence[int] | None, name: str) -> Outcome:
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
        return explained("transpose", (shape,), f"{fs}.T", [step], result)
    axes = tuple(operator.index(ax) for ax in axes)
    header = f"np.transpose({fs}, axes={format_shape(axes)})"
    normal = tuple(ax + n if ax < 0 else ax for ax in axes)
    failure = None
    if len(axes) != n:
        entries = f"{len(axes)} entr{'y' if len(axes) == 1 else 'ies'}"
        failure = Failure(
            f"axes {format_shape(axes)} has {entries} but {name} has "
            f"{_dims(n)}; list each dimension exactly once",
            None,
            n,
            len(axes),
        )
    elif bad := [ax for ax, norm in zip(axes, normal, strict=True) if not 0 <= norm < n]:
        numbered = f", numbered 0 to {n - 1} (or {-n} to -1 from the end)" if n else ""
        failure = Failure(
            f"axis {bad[0]} does not exist: {name} has {_dims(n)}{numbered}",
            bad[0],
            f"an axis from {-n} to {n - 1}",
            bad[0],
        )
    elif len(set(normal)) != n:
        dup = next(ax for i, ax in enumerate(normal) if ax in normal[:i])
        failure = Failure(
            f"axis {dup} is listed twice; list each dimension exactly once",
            dup,
            "each axis once",
            dup,
        )
    if failure is not None:
        step = Step("transpose", axes, False, failure.reason.split(";")[0])
        return explained("transpose", (shape,), header, [step], None, failure)
    result = tuple(shape[ax] for ax in normal)
    if normal == tuple(range(n)):
        text = "the axes keep every dimension in place, so nothing changes"
    elif n == 2:
        text = "rows become columns and columns become rows"
    else:
        text = f"the result takes the dimensions {format_shape(normal)} of {fs} in that order"
    step = Step("transpose", shape, True, f"{text}: {format_shape(result)}")
    return explained("transpose", (shape,), header, [step], result)


# --- public shape algebra ----------------------------------------------------------------


def _mismatch(
    op: str, outcome: Outcome, written: str, suggestions: list[Suggestion]
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
    if op not in RULES:
        raise ValueError(f"unknown operation {op!r}; expected one of {', '.join(RULES)}")
    sa, sb = as_shape(a), as_shape(b)
    outcome = RULES[op](sa, sb, names)
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
    outcome = _transpose(as_shape(shape), axes, name)
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
