"""Helpers for autograder tests: failures that tell a student what to change.

Two kinds of grader use them. Graders that run the student's code (pytest,
otter-grader, nbgrader) check the values it made with :func:`assert_shape`
and :func:`shape_of`; graders that must not run it check the file itself with
:func:`assert_file`, the static check of ``shapekit check`` as an assertion.
Every failure is an ``AssertionError`` whose message is the explanation, and
shapekit's own frames are hidden from pytest's tracebacks. Nothing here
writes to standard error (nbgrader scores any output there as a failure).

>>> assert_shape([[1, 2, 3], [4, 5, 6]], (2, 3))
>>> assert_shape([1.0, 2.0, 3.0], "3")
>>> assert shape_of([[1, 2], [3, 4]]) == (2, 2)
"""

from __future__ import annotations

import contextlib
import operator
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from shapekit.errors import ShapeError, SpecError
from shapekit.shapes import shape

if TYPE_CHECKING:
    from shapekit.check.results import FileResult

__all__ = ["NoShape", "assert_file", "assert_shape", "shape_of"]

#: the longest dimension NumPy allows
_MAX_LENGTH = 2**63 - 1

ShapeSpec = Sequence[int | None] | str | int


def assert_shape(
    x: Any, expected: ShapeSpec, *, name: str | None = None, allow_bool: bool = False
) -> None:
    """Fail with an ``AssertionError`` that explains itself unless ``x`` has shape ``expected``.

    ``expected`` is a tuple (``(3, 4)``, ``None`` for any length), a string
    as on the command line (``"3,4"``, ``"?,4"``) or an int for one dimension.
    The message says what shape was found (or, when there is none, which
    element breaks it and how many leading dimensions were consistent) and
    what was expected; a transposed array gets the hint ``did you mean x.T?``.

    >>> assert_shape([[1, 2], [3, 4], [5, 6]], (None, 2))
    >>> assert_shape([[1, 2, 3], [4, 5]], (2, 3), name="inputs")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    AssertionError: inputs should have shape (2, 3), but it is not an array: inputs[1] has ...
    >>> assert_shape([[1, 2, 3], [4, 5, 6]], "3,2", name="w")
    Traceback (most recent call last):
        ...
    AssertionError: w should have shape (3, 2), but it has shape (2, 3): dimension 0 is 2, not 3; dimension 1 is 3, not 2; did you mean `w.T`?
    """
    __tracebackhide__ = True
    dims = _expected(expected)
    label = name or "the value"
    wanted = _format(dims)
    try:
        found = shape(x, name=name, allow_bool=allow_bool)
    except ShapeError as error:
        message = f"{label} should have shape {wanted}, but it is not an array: {error.message}"
        if error.kind in ("ragged", "mixed") and error.axis:
            message += (
                f"; its shape starts {_format(_leading_shape(x, error.axis))} and then breaks"
            )
        raise AssertionError(message) from None
    problem = _mismatch(found, dims)
    if problem:
        if len(found) == 2 and _fits(found[::-1], dims):
            problem += f"; did you mean `{name or 'x'}.T`?"
        raise AssertionError(
            f"{label} should have shape {wanted}, but it has shape {_format(found)}: {problem}"
        )


def _expected(expected: Any) -> tuple[int | None, ...]:
    """The expected shape as a tuple, from a tuple, a ``"3,4"`` string or an int."""
    __tracebackhide__ = True
    if isinstance(expected, bool):
        raise TypeError(f"the expected shape must be a tuple like (3, 4), not {expected!r}")
    if isinstance(expected, int):
        return _lengths((expected,))
    if isinstance(expected, str):
        from shapekit.check.expect import Expect

        try:
            dims = Expect.parse(expected).dims
        except SpecError as exc:
            raise ValueError(exc.message) from None
        if any(isinstance(d, str) for d in dims):
            raise ValueError(
                f"the expected shape {expected!r} names a dimension; assert_shape checks one "
                "value, so write its length (or ? for any length)"
            )
        return tuple(d for d in dims if not isinstance(d, str))
    try:
        dims = tuple(expected)
    except TypeError:
        raise TypeError(
            f"the expected shape must be a tuple like (3, 4), a string like '3,4' or an int, "
            f"not {type(expected).__name__}"
        ) from None
    for dim in dims:
        if dim is not None and (isinstance(dim, bool) or not hasattr(dim, "__index__")):
            raise TypeError(
                f"each expected length must be an int or None, not {dim!r} in {expected!r}"
            )
    lengths = tuple(None if d is None else operator.index(d) for d in dims)  # type: ignore[arg-type]
    return _lengths(lengths)


def _lengths(dims: tuple[int | None, ...]) -> tuple[int | None, ...]:
    """``dims``, once each is a length NumPy allows (``None`` is any length)."""
    __tracebackhide__ = True
    for dim in dims:
        if dim is not None and not 0 <= dim <= _MAX_LENGTH:
            shown = str(dim) if abs(dim) <= _MAX_LENGTH else "a number past 2**63 - 1"
            raise ValueError(
                f"each expected length must be a whole number from 0 to 2**63 - 1 (None for any "
                f"length), not {shown}"
            )
    return dims


def _fits(found: tuple[int, ...], expected: tuple[int | None, ...]) -> bool:
    return len(found) == len(expected) and all(
        want is None or want == have for want, have in zip(expected, found, strict=True)
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


@contextlib.contextmanager
def _off_the_path(folder: str) -> Iterator[None]:
    """The submission's folder taken off ``sys.path`` while shapekit reads the submission.

    A grader run from that folder (``python -c``, a notebook's kernel, a script there) has
    it on the path, first: a module shapekit imports then (``csv``, ``tokenize`` …) would
    be the student's file of that name, run. Nothing is ever imported from a submission.
    """
    here = os.path.realpath(folder)
    saved = list(sys.path)
    sys.path[:] = [p for p in saved if os.path.realpath(p or os.curdir) != here]
    try:
        yield
    finally:
        sys.path[:] = saved


def assert_file(
    path: str | os.PathLike[str],
    expected: Mapping[str, str] | None = None,
    /,
    *,
    strict: bool = False,
    allow_bool: bool = False,
    **shapes: str,
) -> FileResult:
    """Check a submission file without running it, as ``shapekit check`` does; fail if it fails.

    Each keyword names a variable and its expected shape (``inputs="3,4"``);
    a mapping passes names that are not valid keywords. The
    ``AssertionError`` holds the located report: ``file:line:col:``, what is
    wrong, the student's line with a caret, and fixes that work. A variable
    shapekit cannot judge without running the file does not fail unless
    ``strict``. Returns the result (variables, problems) for further checks.

    >>> import pathlib, tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> sub = pathlib.Path(folder.name, "sub.py")
    >>> _ = sub.write_text("weights = [[1, 2, 3], [4, 5, 6]]\\n")
    >>> assert_file(sub, weights="2,3").ok
    True
    >>> assert_file(sub, weights="3,2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    AssertionError: .../sub.py:1:11: wrong-shape: weights has shape (2, 3), but (3, 2) was expected: dimension 0 is 2, not 3
    ...
    >>> folder.cleanup()
    """
    __tracebackhide__ = True
    file = os.fspath(path)
    with _off_the_path(os.path.dirname(os.path.abspath(file))):
        from shapekit.check.checker import check_file
        from shapekit.check.expect import Expectations
        from shapekit.check.reports import format_text

        pairs = [*(expected or {}).items(), *shapes.items()]
        try:
            expectations = Expectations.parse([f"{name}={spec}" for name, spec in pairs])
        except SpecError as exc:
            raise ValueError(exc.message) from None
        result = check_file(file, expectations, allow_bool=allow_bool)
    failing = {"failed", "internal-error"} | ({"unknown"} if strict else set())
    if result.status in failing:
        report = format_text([result], strict=strict).splitlines()
        lines = [line for line in report[:-1] if ": ok: " not in line]
        raise AssertionError("\n".join(lines))
    return result
