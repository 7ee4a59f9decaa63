"""Property tests for shapekit.shape, with NumPy as the oracle."""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import (
    huge_integers,
    lists_mixing_empties,
    lists_with_arrays,
    nested_lists,
    not_numbers,
    numbers,
    ragged_lists,
)

from shapekit import MixedError, NotANumberError, RaggedError, ShapeError
from shapekit.shapes import shape

EXAMPLES = settings(max_examples=150, deadline=None)


def numpy_shape(value: Any, *, allow_bool: bool = False) -> tuple[int, ...] | str:
    """NumPy's verdict: the shape of a numeric array, or the reason there is none.

    Python ints beyond int64 are one of the silent promotions shapekit rejects
    on purpose (NumPy makes ``uint64`` or ``float64`` arrays of them, depending
    on their neighbours), so they count as "not numeric" here.
    """
    if any(type(leaf) is int and not -(2**63) <= leaf < 2**63 for leaf in leaves(value)):
        return "a Python int beyond int64"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            array = np.array(value)
    except (ValueError, OverflowError) as error:
        return str(error)
    numeric = "if" + ("b" if allow_bool else "")
    if array.dtype.kind not in numeric:
        return f"dtype {array.dtype}"
    return array.shape


def leaves(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in leaves(v)]
    return [value]


def shapekit_shape(value: Any, **options: Any) -> tuple[int, ...] | ShapeError:
    try:
        return shape(value, **options)
    except ShapeError as error:
        return error


def agree(value: Any, **options: Any) -> None:
    ours = shapekit_shape(value, **options)
    theirs = numpy_shape(value, **options)
    if isinstance(theirs, tuple):
        assert ours == theirs
    else:
        assert isinstance(ours, ShapeError), f"NumPy says {theirs!r}, shapekit says {ours!r}"
        found = re.search(r"inhomogeneous shape after (\d+) dimensions", theirs)
        if found:  # NumPy's "after N dimensions" is our axis
            assert isinstance(ours, (RaggedError, MixedError))
            assert ours.axis == int(found.group(1))


@EXAMPLES
@given(nested_lists())
def test_valid_nested_lists_have_numpys_shape(case: tuple[Any, tuple[int, ...]]) -> None:
    value, dims = case
    assert shape(value) == dims == np.array(value).shape


@EXAMPLES
@given(ragged_lists())
def test_mutated_lists_agree_with_numpy(value: Any) -> None:
    agree(value)


@EXAMPLES
@given(lists_with_arrays())
def test_lists_with_numpy_values_agree_with_numpy(value: Any) -> None:
    agree(value)


@EXAMPLES
@given(lists_mixing_empties())
# found by this test in a CI-like run: NumPy's "after 4 dimensions" counts the dimensions the
# two empty shapes share, (0, 1) of (0, 1) and (0, 1, 0); the axis was 3
@example([[np.zeros((0, 1), np.int8), np.zeros((0, 1, 0), np.int8)]])
def test_lists_mixing_empty_arrays_and_lists_agree_with_numpy(value: Any) -> None:
    # issue 9: [np.zeros((0, 3)), np.zeros((0, 4))] and [[], np.zeros((0, 5))] were (2, 0)
    agree(value)


@settings(max_examples=40, deadline=None)
@given(nested_lists(leaves=numbers | huge_integers, tuples=False), st.booleans())
def test_integers_past_the_digit_limit_are_not_numbers(
    case: tuple[Any, tuple[int, ...]], all_paths: bool
) -> None:
    # issue 9: shape([10**5000]) was "ValueError: Exceeds the limit (4300 digits)"
    value, _ = case
    error = shapekit_shape(value, all_paths=all_paths)
    agree(value)
    if any(type(v) is int and abs(v) > 10**4300 for v in leaves(value)):
        assert isinstance(error, NotANumberError)
        assert "a number too large to be an array element" in error.message
        assert "digits" in error.message


@settings(max_examples=80, deadline=None)
@given(nested_lists(leaves=numbers | not_numbers))
def test_not_numbers_are_errors_where_numpy_is_not_numeric(
    case: tuple[Any, tuple[int, ...]],
) -> None:
    value, _ = case
    agree(value)


@settings(max_examples=80, deadline=None)
@given(nested_lists(leaves=st.booleans() | numbers), st.booleans())
def test_booleans_only_with_allow_bool(case: tuple[Any, tuple[int, ...]], allow_bool: bool) -> None:
    value, dims = case
    ours = shapekit_shape(value, allow_bool=allow_bool)
    if allow_bool or not any(isinstance(v, bool) for v in leaves(value)):
        assert ours == dims == np.array(value).shape
    else:
        assert isinstance(ours, NotANumberError)
        assert "allow_bool=True" in ours.message


@settings(max_examples=80, deadline=None)
@given(ragged_lists(), st.booleans())
def test_blamed_path_exists_and_all_paths_start_with_it(value: Any, all_paths: bool) -> None:
    error = shapekit_shape(value, all_paths=all_paths)
    if not isinstance(error, ShapeError):
        return
    assert error.path is not None
    node = value
    for i in error.path:  # the blamed path leads to a real element
        node = node[i]
    if all_paths:
        assert error.paths is not None and error.paths[0] == error.path
        assert error.paths == sorted(set(error.paths))  # document order, no repeats
    else:
        assert error.paths is None


@pytest.mark.parametrize("depth", [1, 5, 63, 64, 65, 200], ids=lambda d: f"depth-{d}")
def test_depth_limit_matches_numpy(depth: int) -> None:
    value: Any = 1.0
    for _ in range(depth):
        value = [value]
    agree(value)


@EXAMPLES
@given(nested_lists())
def test_the_fast_path_and_the_full_walk_agree(case: tuple[Any, tuple[int, ...]]) -> None:
    # shape() answers small plain lists on a fast path; the full walk must give the same
    value, dims = case
    from shapekit import shapes

    assert shapes._Walk(value, None, False, False).run() == dims
    assert shapes._quick_shape(value) in (None, dims)


@EXAMPLES
@given(ragged_lists())
def test_the_fast_path_never_accepts_what_the_full_walk_rejects(value: Any) -> None:
    from shapekit import shapes

    try:
        dims = shapes._Walk(value, None, False, False).run()
    except ShapeError:
        assert shapes._quick_shape(value) is None
    else:
        assert shapes._quick_shape(value) in (None, dims)
