"""shapekit.shape: shapes, the blame rule, and every message a learner can see."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import shapekit
from shapekit import (
    CycleError,
    MixedError,
    NotANumberError,
    RaggedError,
    ShapeError,
    TooDeepError,
)
from shapekit import shapes as shapes_module
from shapekit.errors import TooLargeError
from shapekit.shapes import MAX_DIMS, MAX_PATHS, shape


def nest(depth: int, leaf: Any = 1.0) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


# --- valid values -------------------------------------------------------------

VALID = {
    "scalar-int": (3, ()),
    "scalar-float": (2.5, ()),
    "flat": ([1, 2, 3], (3,)),
    "matrix": ([[1, 2, 3], [4, 5, 6]], (2, 3)),
    "tuples-count-as-lists": (((1, 2), [3, 4]), (2, 2)),
    "empty": ([], (0,)),
    "one-empty-row": ([[]], (1, 0)),
    "two-empty-rows": ([[], []], (2, 0)),
    "empty-below-3": ([[[], []], [[], []], [[], []]], (3, 2, 0)),
    "ints-and-floats": ([[1, 2.5], [3, 4]], (2, 2)),
    "int64-extremes": ([2**63 - 1, -(2**63)], (2,)),
    "nan-and-inf": ([float("nan"), float("inf")], (2,)),
    "numpy-scalars": ([np.float32(1), np.int8(2), np.uint64(2**64 - 1)], (3,)),
    "numpy-rows": ([np.zeros(3), np.ones(3)], (2, 3)),
    "numpy-row-beside-list": ([[1, 2], np.zeros(2)], (2, 2)),
    "numpy-matrices": ([np.zeros((2, 3))] * 4, (4, 2, 3)),
    "numpy-0d-beside-number": ([np.array(1.0), 2.0], (2,)),
    "empty-arrays-keep-their-dimensions": (
        [[np.zeros((0, 3))], np.zeros((1, 0, 3))],
        (2, 1, 0, 3),
    ),
    "empty-array-beside-empty-lists": ([[[]], np.zeros((1, 0))], (2, 1, 0)),
    "numpy-deep-inside": ([[np.zeros(2), [1, 2]], [np.ones(2), np.ones(2)]], (2, 2, 2)),
    "numpy-array-alone": (np.zeros((3, 0)), (3, 0)),
    "list-subclass": (type("Row", (list,), {})([1, 2]), (2,)),
    "shared-rows": ([[1, 2]] * 3, (3, 2)),
    "depth-64": (nest(64), (1,) * 64),
}


@pytest.mark.parametrize(("value", "expected"), VALID.values(), ids=VALID.keys())
def test_shape_of_valid_values(value: Any, expected: tuple[int, ...]) -> None:
    assert shape(value) == expected


def test_shape_is_public_and_lazy() -> None:
    assert shapekit.shape is shape
    code = "import shapekit, sys; shapekit.shape([[1]]); print('numpy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- the blame rule and its messages --------------------------------------------

ERRORS = {
    "issue-example-named": (
        [[1, 2, 3], [4, 5]],
        {"name": "lol"},
        RaggedError,
        dict(axis=1, path=(1,), expected=3, found=2),
        "lol[1] has 2 elements, but the other rows along dimension 1 have 3, "
        "so the list is not homologous and cannot be an array",
    ),
    "majority-blames-first-row": (
        [[1], [2, 3], [4, 5], [6, 7]],
        {},
        RaggedError,
        dict(axis=1, path=(0,), expected=2, found=1),
        "the list[0] has 1 element, but the other rows along dimension 1 have 2, "
        "so the list is not homologous and cannot be an array",
    ),
    "plurality": (
        [[1, 2], [3], [4, 5], [6, 7, 8]],
        {},
        RaggedError,
        dict(axis=1, path=(1,), expected=2, found=1),
        "the list[1] has 1 element, but most rows along dimension 1 have 2, "
        "so the list is not homologous and cannot be an array",
    ),
    "tie-goes-to-first-seen": (
        [[1, 2, 3], [4, 5], [6]],
        {},
        RaggedError,
        dict(axis=1, path=(1,), expected=3, found=2),
        "the list[1] has 2 elements, but the list[0] has 3, and no length is more common "
        "along dimension 1, so the list is not homologous and cannot be an array",
    ),
    "deeper-sublists": (
        [[[1, 2], [3, 4]], [[5, 6], [7, 8, 9]]],
        {"name": "x"},
        RaggedError,
        dict(axis=2, path=(1, 1), expected=2, found=3),
        "x[1][1] has 3 elements, but the other sublists along dimension 2 have 2, "
        "so the list is not homologous and cannot be an array",
    ),
    "empty-beside-nonempty": (
        [[], [1]],
        {},
        RaggedError,
        dict(axis=1, path=(1,), expected=0, found=1),
        "the list[1] has 1 element, but the other rows along dimension 1 have 0, "
        "so the list is not homologous and cannot be an array",
    ),
    "numpy-rows-differ": (
        [np.zeros((2, 3)), np.zeros((2, 4)), np.zeros((2, 4))],
        {},
        RaggedError,
        dict(axis=2, path=(0, 0), expected=4, found=3),
        "the list[0][0] has 3 elements, but most sublists along dimension 2 have 4, "
        "so the list is not homologous and cannot be an array",
    ),
    "number-among-lists": (
        [[1, 2], [3, 4], 5],
        {"name": "m"},
        MixedError,
        dict(axis=1, path=(2,), expected="list", found="int"),
        "m[2] is the integer 5, but the other elements at the same depth are lists, "
        "so the list is not homologous and cannot be an array",
    ),
    "list-among-numbers": (
        [[1, 2, [3]], [4, 5, 6]],
        {},
        MixedError,
        dict(axis=2, path=(0, 2), expected="number", found="list"),
        "the list[0][2] is a list of 1 element, but the other elements at the same depth are "
        "numbers, so the list is not homologous and cannot be an array",
    ),
    "mixed-majority": (
        [[1], [2], 3, 4, 5],
        {},
        MixedError,
        dict(axis=1, path=(0,), expected="number", found="list"),
        "the list[0] is a list of 1 element, but most elements at the same depth are numbers, "
        "so the list is not homologous and cannot be an array",
    ),
    "mixed-tie-first-seen": (
        [1, 2, [3], [4]],
        {},
        MixedError,
        dict(axis=1, path=(2,), expected="number", found="list"),
        "the list[2] is a list of 1 element, but the list[0] is a number, "
        "so the list is not homologous and cannot be an array",
    ),
    "string-among-lists": (
        [[1], "ab"],
        {},
        MixedError,
        dict(axis=1, path=(1,), expected="list", found="str"),
        "the list[1] is the string 'ab', but the other elements at the same depth are lists, "
        "so the list is not homologous and cannot be an array",
    ),
    # issue 9: NumPy refuses these (an empty list ends the shape, an empty array keeps its own)
    "empty-arrays-of-different-shapes": (
        [np.zeros((0, 3)), np.zeros((0, 4))],
        {},
        RaggedError,
        dict(axis=2, path=(1,), expected=(0, 3), found=(0, 4)),
        "the list[1] is empty with shape (0, 4), but the list[0] is empty with shape (0, 3): "
        "empty lists and arrays side by side must have the same shape, so the list is not "
        "homologous and cannot be an array",
    ),
    "empty-list-beside-empty-matrix": (
        [[], np.zeros((0, 5))],
        {},
        RaggedError,
        dict(axis=2, path=(1,), expected=(0,), found=(0, 5)),
        "the list[1] is empty with shape (0, 5), but the list[0] is empty with shape (0,): "
        "empty lists and arrays side by side must have the same shape, so the list is not "
        "homologous and cannot be an array",
    ),
    "empty-matrix-beside-empty-list-named": (
        [np.zeros((0, 3)), [], []],
        {"name": "x"},
        RaggedError,
        dict(axis=2, path=(0,), expected=(0,), found=(0, 3)),
        "x[0] is empty with shape (0, 3), but x[1] is empty with shape (0,): "
        "empty lists and arrays side by side must have the same shape, so the list is not "
        "homologous and cannot be an array",
    ),
    "huge-int-among-lists": (
        [[1], 10**5000],
        {},
        MixedError,
        dict(axis=1, path=(1,), expected="list", found="int"),
        "the list[1] is an integer of 5001 digits, but the other elements at the same depth "
        "are lists, so the list is not homologous and cannot be an array",
    ),
    "numpy-row-among-numbers": (
        [[1, 2], [3, np.array([1, 2])]],
        {},
        MixedError,
        dict(axis=2, path=(1, 1), expected="number", found="list"),
        "the list[1][1] is a NumPy array of shape (2,) and dtype int64, but the other elements "
        "at the same depth are numbers, so the list is not homologous and cannot be an array",
    ),
}


@pytest.mark.parametrize(
    ("value", "options", "cls", "fields", "message"), ERRORS.values(), ids=ERRORS.keys()
)
def test_structure_errors(
    value: Any, options: dict[str, Any], cls: type[ShapeError], fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(cls) as info:
        shape(value, **options)
    error = info.value
    assert isinstance(error, ValueError)
    assert {k: getattr(error, k) for k in fields} == fields
    assert error.message == str(error) == message
    assert error.name == options.get("name")
    assert error.paths is None


# --- leaves that are not numbers --------------------------------------------------

NOT_NUMBERS = {
    "string": (
        ["1", 2],
        (0,),
        "str",
        "the list[0] is the string '1', not a real number, so the list "
        "cannot be a numeric array; write 1 without quotes to make it a number",
    ),
    "word": (
        [1, "one"],
        (1,),
        "str",
        "the list[1] is the string 'one', not a real number, so the list cannot be a numeric array",
    ),
    "none": (
        [[1, None]],
        (0, 1),
        "None",
        "the list[0][1] is None, not a real number, so the list cannot be a numeric array",
    ),
    "dict": (
        [{}, 1],
        (0,),
        "dict",
        "the list[0] is a dict, not a real number, so the list cannot be a numeric array",
    ),
    "complex": (
        [1, 2j],
        (1,),
        "complex",
        "the list[1] is the complex number 2j, not a real number, "
        "so the list cannot be a numeric array",
    ),
    "numpy-complex": (
        [np.complex64(1)],
        (0,),
        "complex64",
        "the list[0] is the complex number "
        "(1+0j), not a real number, so the list cannot be a numeric array",
    ),
    "fraction": (
        [Fraction(1, 2)],
        (0,),
        "Fraction",
        "the list[0] is a Fraction, not a real number, so the list cannot be a numeric array",
    ),
    "bool": (
        [[1, 2], [True, 3]],
        (1, 0),
        "bool",
        "the list[1][0] is the boolean True: shapekit does "
        "not count booleans as numbers (NumPy would silently turn them into 1 and 0); pass "
        "allow_bool=True to accept them",
    ),
    "numpy-bool": (
        [np.bool_(False)],
        (0,),
        "bool",
        "the list[0] is the boolean False: shapekit does "
        "not count booleans as numbers (NumPy would silently turn them into 1 and 0); pass "
        "allow_bool=True to accept them",
    ),
    "int-too-big": (
        [1, 2**63],
        (1,),
        "int beyond int64",
        "the list[1] is the integer "
        "9223372036854775808, a number too large to be an array element: it does not fit in 64 "
        "bits (-2**63 to 2**63 - 1), so NumPy "
        "would silently make an array of Python objects",
    ),
    "int-too-small": (
        [1.5, -(2**63) - 1],
        (1,),
        "int beyond int64",
        "the list[1] is the integer "
        "-9223372036854775809, a number too large to be an array element: it does not fit in 64 "
        "bits (-2**63 to 2**63 - 1), so "
        "NumPy would silently make an array of Python objects",
    ),
    # issue 9: str() of an int past 4300 digits raised ValueError inside the message
    "int-of-5001-digits": (
        [10**5000],
        (0,),
        "int beyond int64",
        "the list[0] is an integer of 5001 digits, a number too large to be an array element: "
        "it does not fit in 64 bits (-2**63 to 2**63 - 1), so NumPy would silently make an "
        "array of Python objects",
    ),
    "negative-int-of-5000-digits-deep": (
        [[1, 2], [3, -(10**4999)]],
        (1, 1),
        "int beyond int64",
        "the list[1][1] is an integer of 5000 digits, a number too large to be an array "
        "element: it does not fit in 64 bits (-2**63 to 2**63 - 1), so NumPy would silently "
        "make an array of Python objects",
    ),
    "int-of-5001-digits-beside-an-array": (
        [np.zeros(1), [10**5000]],
        (1, 0),
        "int beyond int64",
        "the list[1][0] is an integer of 5001 digits, a number too large to be an array "
        "element: it does not fit in 64 bits (-2**63 to 2**63 - 1), so NumPy would silently "
        "make an array of Python objects",
    ),
    "string-array": (
        [np.array(["a"]), [1]],
        (0,),
        "array of dtype <U1",
        "the list[0] is a NumPy array "
        "of shape (1,) and dtype <U1, whose elements are not real numbers, so the list "
        "cannot be a numeric array",
    ),
    "empty-string-array": (
        [[], np.array([], dtype=str)],
        (1,),
        "array of dtype <U1",
        "the list[1] is "
        "a NumPy array of shape (0,) and dtype <U1, whose elements are not real "
        "numbers, so the list cannot be a numeric array",
    ),
    "object-array": (
        [np.array([1, [2]], dtype=object)] * 2,
        (0,),
        "array of dtype object",
        "the "
        "list[0] is a NumPy array of shape (2,) and dtype object, whose elements are not "
        "real numbers, so the list cannot be a numeric array",
    ),
    "bool-array": (
        [np.zeros(2), np.ones(2, dtype=bool)],
        (1,),
        "array of dtype bool",
        "the list[1] "
        "is a NumPy array of booleans of shape (2,): shapekit does not count booleans as "
        "numbers (NumPy would silently turn them into 1 and 0); pass allow_bool=True to "
        "accept them",
    ),
    "root-string": (
        "abc",
        (),
        "str",
        "the value is the string 'abc', not a real number, so it cannot be a numeric array",
    ),
    "root-complex-array": (
        np.zeros(2, dtype=complex),
        (),
        "array of dtype complex128",
        "the value is "
        "a NumPy array of shape (2,) and dtype complex128, whose elements are not "
        "real numbers, so it cannot be a numeric array",
    ),
}


@pytest.mark.parametrize(
    ("value", "path", "found", "message"), NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys()
)
def test_not_a_number(value: Any, path: tuple[int, ...], found: str, message: str) -> None:
    with pytest.raises(NotANumberError) as info:
        shape(value)
    error = info.value
    assert (error.kind, error.path, error.expected, error.found) == (
        "not_a_number",
        path,
        "number",
        found,
    )
    assert error.message == message


def test_structure_is_checked_before_leaves() -> None:
    with pytest.raises(RaggedError):
        shape([["a", "b"], ["c"]])


def test_first_bad_leaf_in_document_order() -> None:
    value = [[1, 2, 3], [4, 5, None], ["x", 7, 8]]
    with pytest.raises(NotANumberError) as info:
        shape(value)
    assert info.value.path == (1, 2)


def test_first_bad_leaf_in_document_order_with_arrays() -> None:
    value = [[np.zeros(2), [1, "x"]], [np.array(["a", "b"]), [None, 1]]]
    with pytest.raises(NotANumberError) as info:
        shape(value, all_paths=True)
    assert info.value.paths == [(0, 1, 1), (1, 0), (1, 1, 0)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [([True, False], (2,)), ([[1, True]], (1, 2)), ([np.ones(2, dtype=bool)], (1, 2))],
    ids=["bools", "bool-and-int", "bool-array"],
)
def test_allow_bool(value: Any, expected: tuple[int, ...]) -> None:
    assert shape(value, allow_bool=True) == expected


def test_name_appears_in_not_a_number_message() -> None:
    with pytest.raises(NotANumberError, match=r"^inputs\[0\]\[1\] is None"):
        shape([[1, None]], name="inputs")


# --- depth, cycles and size ---------------------------------------------------------


def test_too_deep() -> None:
    with pytest.raises(TooDeepError) as info:
        shape(nest(MAX_DIMS + 1))
    error = info.value
    assert (error.kind, error.axis, error.expected, error.found) == ("too_deep", 64, 64, 65)
    assert error.path == (0,) * 64
    assert error.message == (
        "the list has more than 64 dimensions: the list[0][0][0]…[0] (64 levels down) is still a "
        "list, and NumPy arrays can have at most 64 dimensions"
    )


def test_nesting_100000_deep_is_too_deep_without_recursion() -> None:
    with pytest.raises(TooDeepError):
        shape(nest(100_000))


def test_list_and_array_dimensions_add_up() -> None:
    with pytest.raises(TooDeepError):
        shape(nest(60, np.zeros((1,) * 5)))


def test_self_containing_list() -> None:
    a: list[Any] = [1, 2]
    a.append(a)
    with pytest.raises(CycleError) as info:
        shape(a, name="a")
    error = info.value
    assert (error.kind, error.axis, error.path, error.found) == ("cycle", 1, (2,), ())
    assert error.message == (
        "a[2] is a itself: the list contains itself, so it has no finite shape "
        "and cannot be an array"
    )


def test_cycle_through_a_sublist() -> None:
    row: list[Any] = []
    value = [row, [[]]]
    row.append(row)
    with pytest.raises(CycleError) as info:
        shape(value)
    assert info.value.path == (0, 0)
    assert info.value.message.startswith("the list[0][0] is the list[0] itself:")


def test_cycle_longer_than_the_depth_limit() -> None:
    start: list[Any] = []
    node = start
    for _ in range(99):
        node.append([])
        node = node[0]
    node.append(start)
    with pytest.raises(CycleError) as info:
        shape(start)
    assert info.value.path == (0,) * 100
    assert info.value.found == ()


def test_doubling_cycle_is_found_at_once() -> None:
    a: list[Any] = []
    a.extend([a, a])
    with pytest.raises(CycleError) as info:
        shape(a, all_paths=True)
    assert info.value.paths == [(0,), (1,)]


def test_shared_sublists_are_not_cycles() -> None:
    row = [1, 2]
    assert shape([row, row, [row[0], row[1]]]) == (3, 2)
    inner = [[1.0]]
    with pytest.raises(MixedError):  # the same list at depths 1 and 3, but no cycle
        shape([inner, [[inner]]])


def test_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shapes_module, "MAX_ELEMENTS", 1000)
    level: Any = 1.0
    for _ in range(11):
        level = [level, level]  # 2**11 elements in 11 small lists
    with pytest.raises(TooLargeError) as info:
        shape(level)
    assert info.value.kind == "too_large"
    assert info.value.message == (
        "the list would have at least 1024 elements, more than shapekit's limit of 1000 "
        "(sublists shared many times over can describe huge arrays)"
    )


# --- all_paths ----------------------------------------------------------------------


def test_all_paths_lists_every_offender_in_document_order() -> None:
    with pytest.raises(RaggedError) as info:
        shape([[1, 2], [3], [4, 5], [6, 7, 8], [9, 0]], all_paths=True)
    assert info.value.path == (1,)
    assert info.value.paths == [(1,), (3,)]


def test_all_paths_is_capped() -> None:
    value = [[0.0] * 3] * 10 + [[0.0]] * (MAX_PATHS + 50) + [[0.0] * 3] * (MAX_PATHS + 60)
    with pytest.raises(RaggedError) as info:
        shape(value, all_paths=True)
    assert info.value.paths is not None
    assert len(info.value.paths) == MAX_PATHS
    assert info.value.paths[:2] == [(10,), (11,)]


def test_all_paths_for_bad_leaves_in_a_big_list() -> None:
    value = [[0.5] * 1000 for _ in range(50)]
    value[3][999] = "x"
    value[40][7] = None
    with pytest.raises(NotANumberError) as info:
        shape(value, all_paths=True)
    assert info.value.paths == [(3, 999), (40, 7)]


def test_mixed_in_a_big_list_blames_the_odd_one() -> None:
    value: list[list[Any]] = [[0.5] * 1000 for _ in range(50)]
    value[49][999] = [0.5]
    with pytest.raises(MixedError) as info:
        shape(value, all_paths=True)
    assert (info.value.path, info.value.paths) == ((49, 999), [(49, 999)])


def test_error_to_dict_is_json_ready() -> None:
    with pytest.raises(RaggedError) as info:
        shape([[1, 2, 3], [4, 5]])
    data = info.value.to_dict()
    assert data["kind"] == "ragged"
    assert (data["axis"], data["path"], data["expected"], data["found"]) == (1, [1], 3, 2)


def test_shared_sublist_bombs_are_refused_within_a_memory_limit() -> None:
    # 10**4 shared rows of 10**4 shared rows...: described in kilobytes, refused from the
    # sizes alone, under a 1 GiB address-space limit (an allocation would fail loudly)
    code = """
import resource
resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
import shapekit
row = [0.0] * 10**4
for value in ([[row] * 10**4] * 2, [[row] * 10**3] * 10**3, [[10**5000] * 10**4] * 10**5):
    try:
        shapekit.shape(value)
    except shapekit.ShapeError as error:
        print(error.kind)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout.split(), done.stderr) == (
        0,
        ["too_large", "too_large", "too_large"],
        "",
    )
