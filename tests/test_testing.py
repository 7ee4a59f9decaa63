"""shapekit.testing: assertion helpers whose failures explain themselves."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from shapekit.testing import NoShape, assert_shape, shape_of

PASSING = {
    "exact": ([[1, 2, 3], [4, 5, 6]], (2, 3)),
    "any-rows": ([[1, 2], [3, 4], [5, 6]], (None, 2)),
    "all-any": ([[[1]]], (None, None, None)),
    "scalar": (3.0, ()),
    "numpy": (np.zeros((4, 2)), [4, 2]),
}


@pytest.mark.parametrize(("value", "expected"), PASSING.values(), ids=PASSING.keys())
def test_assert_shape_passes(value: Any, expected: Any) -> None:
    assert_shape(value, expected)


FAILING = {
    "wrong-length": (
        [[1, 2, 3, 4, 5]] * 3,
        (3, 4),
        "inputs",
        "inputs should have shape (3, 4), but it has shape (3, 5): dimension 1 is 5, not 4",
    ),
    "two-wrong": (
        [[1, 2]] * 4,
        (3, 4),
        "inputs",
        "inputs should have shape (3, 4), but it has shape (4, 2): dimension 0 is 4, not 3; "
        "dimension 1 is 2, not 4",
    ),
    "wrong-ndim": (
        [1, 2, 3],
        (None, 3),
        None,
        "the value should have shape (?, 3), but it has shape (3,): "
        "it has 1 dimension where 2 were expected",
    ),
    "ragged": (
        [[1, 2, 3], [4, 5, 6], [7, 8]],
        (3, 3),
        "inputs",
        "inputs should have shape (3, 3), but it is not an array: inputs[2] has 2 elements, "
        "but the other rows along dimension 1 have 3, so the list is not homologous and cannot "
        "be an array; its shape starts (3,) and then breaks",
    ),
    "mixed-deeper": (
        [[[1, 2], [3, 4]], [[5, 6], 7]],
        (2, 2, 2),
        "batch",
        "batch should have shape (2, 2, 2), but it is not an array: batch[1][1] is the "
        "integer 7, but the other elements at the same depth are lists, so the list is not "
        "homologous and cannot be an array; its shape starts (2, 2) and then breaks",
    ),
    "not-a-number": (
        [[1, "2"]],
        (1, 2),
        "w",
        "w should have shape (1, 2), but it is not an array: w[0][1] is the string '2', not a real "
        "number, so the list cannot be a numeric array; write 2 without quotes to make it a number",
    ),
}


@pytest.mark.parametrize(
    ("value", "expected", "name", "message"), FAILING.values(), ids=FAILING.keys()
)
def test_assert_shape_explains_failures(
    value: Any, expected: Any, name: str | None, message: str
) -> None:
    with pytest.raises(AssertionError) as info:
        assert_shape(value, expected, name=name)
    assert str(info.value) == message


def test_assert_shape_bool_option() -> None:
    with pytest.raises(AssertionError, match="allow_bool=True"):
        assert_shape([True, False], (2,))
    assert_shape([True, False], (2,), allow_bool=True)


def test_shape_of() -> None:
    assert shape_of([[1, 2]]) == (1, 2)
    broken = shape_of([[1], [2, 3], [4, 5]], name="x")
    assert isinstance(broken, NoShape)
    assert broken != (2, 2)
    assert broken.error.kind == "ragged"
    assert repr(broken) == (
        "<no shape: x[0] has 1 element, but the other rows along dimension 1 have 2, "
        "so the list is not homologous and cannot be an array>"
    )


def test_failures_read_well_in_a_students_pytest_run(tmp_path: Path) -> None:
    test_file = tmp_path / "test_student.py"
    test_file.write_text(
        textwrap.dedent(
            """
            from shapekit.testing import assert_shape, shape_of

            inputs = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3]]

            def test_with_assert_shape():
                assert_shape(inputs, (3, 4), name="inputs")

            def test_with_shape_of():
                assert shape_of(inputs, name="inputs") == (3, 4)
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    explanation = "inputs[2] has 3 elements, but the other rows along dimension 1 have 4"
    assert result.stdout.count(explanation) >= 2, result.stdout
    assert "2 failed" in result.stdout
