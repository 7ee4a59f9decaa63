"""Helpers for autograder tests: failures that tell a student what to change.

>>> assert_shape([[1, 2, 3], [4, 5, 6]], (2, 3))
>>> assert shape_of([[1, 2], [3, 4]]) == (2, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shapekit.errors import ShapeError
from shapekit.shapes import shape

__all__ = ["NoShape", "assert_shape", "shape_of"]


def assert_shape(
    x: Any, expected: Sequence[int | None], *, name: str | None = None, allow_bool: bool = False
) -> None:
    """Fail with an ``AssertionError`` that explains itself unless ``x`` has shape ``expected``.

    ``None`` in ``expected`` accepts any length on that dimension.  The
    message says what shape was found (or, when there is none, which element
    breaks it and how many leading dimensions were consistent) and what was
    expected.

    >>> assert_shape([[1, 2], [3, 4], [5, 6]], (None, 2))
    >>> assert_shape([[1, 2, 3], [4, 5]], (2, 3), name="inputs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    AssertionError: inputs should have shape (2, 3), but it is not an array: inputs[1] has ...
    """
    label = name or "the value"
    wanted = _format(expected)
    try:
        found = shape(x, name=name, allow_bool=allow_bool)
    except ShapeError as error:
        message = f"{label} should have shape {wanted}, but it is not an array: {error.message}"
        if error.kind in ("ragged", "mixed") and error.axis:
            message += (
                f"; its shape starts {_format(_leading_shape(x, error.axis))} and then breaks"
            )
        raise AssertionError(message) from None
    problem = _mismatch(found, tuple(expected))
    if problem:
        raise AssertionError(
            f"{label} should have shape {wanted}, but it has shape {_format(found)}: {problem}"
        )


def _mismatch(found: tuple[int, ...], expected: tuple[int | None, ...]) -> str:
    """Why ``found`` does not match ``expected`` (``""`` when it does)."""
    if len(found) != len(expected):
        return (
            f"it has {len(found)} dimension{'' if len(found) == 1 else 's'} "
            f"where {len(expected)} {'was' if len(expected) == 1 else 'were'} expected"
        )
    wrong = [
        f"dimension {axis} is {n}, not {want}"
        for axis, (n, want) in enumerate(zip(found, expected, strict=True))
        if want is not None and n != want
    ]
    return "; ".join(wrong)


def _leading_shape(x: Any, axis: int) -> tuple[int, ...]:
    """The lengths of the first ``axis`` dimensions (known to be consistent), along x[0][0]…"""
    dims = []
    for _ in range(axis):
        dims.append(len(x))
        if not len(x):
            break
        x = x[0]
    return tuple(dims)


def _format(dims: Sequence[int | None]) -> str:
    parts = ["?" if n is None else str(n) for n in dims]
    return f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})"


class NoShape:
    """What :func:`shape_of` returns for a value with no shape: unequal to every shape.

    Its ``repr`` is the explanation, so a failing ``assert shape_of(x) == (3, 4)``
    shows the learner which element breaks the array.
    """

    __slots__ = ("error",)

    def __init__(self, error: ShapeError) -> None:
        self.error = error

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoShape) and other.error.message == self.error.message

    def __hash__(self) -> int:
        return hash(self.error.message)

    def __repr__(self) -> str:
        return f"<no shape: {self.error.message}>"


def shape_of(
    x: Any, *, name: str | None = None, allow_bool: bool = False
) -> tuple[int, ...] | NoShape:
    """The shape of ``x``, or a :class:`NoShape` explaining why it has none; for plain asserts.

    >>> shape_of([[1, 2, 3], [4, 5, 6]])
    (2, 3)
    >>> shape_of([[1, 2, 3], [4, 5]], name="inputs")  # doctest: +ELLIPSIS
    <no shape: inputs[1] has 2 elements, but the other rows along dimension 1 have 3, ...>
    """
    try:
        return shape(x, name=name, allow_bool=allow_bool)
    except ShapeError as error:
        return NoShape(error)
