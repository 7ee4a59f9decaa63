"""Property tests with NumPy as the oracle: shapes, values, failures and every suggestion."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import binary_operands, operand_shapes, transpose_axes

from shapekit.engine import ops
from shapekit.engine.expr import explain
from shapekit.errors import MismatchError

Shape = tuple[int, ...]
SETTINGS = settings(max_examples=150, deadline=None)

NUMPY = {"matmul": np.matmul, "dot": np.dot, "add": np.add, "sub": np.subtract, "mul": np.multiply}
DATA = {"matmul": ops.matmul, "dot": ops.dot, "add": ops.add, "sub": ops.sub, "mul": ops.mul}


def array(shape: Shape, seed: int = 0) -> np.ndarray:
    """Small integers, different in every cell, so that a wrong pairing changes the values."""
    size = int(np.prod(shape, dtype=np.int64))
    return ((np.arange(size, dtype=np.int64) * 7 + seed) % 11 - 5).reshape(shape)


def numpy_result(op: str, a: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    try:
        return np.asarray(NUMPY[op](a, b))
    except ValueError:
        return None


def check_suggestions(error: MismatchError, namespace: dict[str, Any]) -> None:
    for fix in error.suggestions:
        # evaluating our own suggestion text (never user input) with NumPy as the oracle
        value = eval(fix.expr, {"__builtins__": {}}, {"np": np, **namespace})
        assert np.shape(value) == fix.shape, fix


@pytest.mark.parametrize("op", sorted(NUMPY))
@SETTINGS
@given(data=st.data())
def test_binary_shapes_agree_with_numpy(op: str, data: st.DataObject) -> None:
    a_shape, b_shape = data.draw(binary_operands(op), label="shapes")
    a, b = array(a_shape, 1), array(b_shape, 2)
    expected = numpy_result(op, a, b)
    explanation, error = ops.try_binary(op, a_shape, b_shape)
    if expected is None:
        assert error is not None and explanation.shape is None
        assert error.op == op and error.operands == (a_shape, b_shape)
        check_suggestions(error, {"a": a, "b": b})
    else:
        assert error is None
        assert explanation.shape == expected.shape


@pytest.mark.parametrize("op", sorted(NUMPY))
@SETTINGS
@given(data=st.data())
def test_data_operations_agree_with_numpy(op: str, data: st.DataObject) -> None:
    a_shape, b_shape = data.draw(binary_operands(op), label="shapes")
    a, b = array(a_shape, 3), array(b_shape, 4)
    expected = numpy_result(op, a, b)
    if expected is None:
        with pytest.raises(MismatchError) as info:
            DATA[op](a, b)
        check_suggestions(info.value, {"a": a, "b": b})
    else:
        result = DATA[op](a, b)
        assert result.shape == expected.shape == result.explanation.shape
        np.testing.assert_array_equal(result.value, expected)


@SETTINGS
@given(data=st.data())
def test_transpose_agrees_with_numpy(data: st.DataObject) -> None:
    shape = data.draw(operand_shapes(), label="shape")
    axes = data.draw(transpose_axes(len(shape)), label="axes")
    a = array(shape)
    try:
        expected: np.ndarray | None = np.transpose(a, axes)
    except ValueError:  # numpy's AxisError is a ValueError too
        expected = None
    explanation, error = ops.try_transpose(shape, axes)
    if expected is None:
        assert error is not None and explanation.shape is None
        with pytest.raises(MismatchError):
            ops.transpose(a, axes)
    else:
        assert error is None and explanation.shape == expected.shape
        np.testing.assert_array_equal(ops.transpose(a, axes).value, expected)


@SETTINGS
@given(
    x=operand_shapes(min_dims=1, max_dims=3),
    w=operand_shapes(min_dims=1, max_dims=3),
    b=operand_shapes(max_dims=2),
    form=st.sampled_from(
        [
            "x @ w + b",
            "np.dot(x, w) - b",
            "b * np.matmul(x, w.T)",
            "(x + b) @ w",
            "np.dot(w, np.transpose(x)) + b",
        ]
    ),
)
def test_expressions_agree_with_numpy(x: Shape, w: Shape, b: Shape, form: str) -> None:
    values = {"x": array(x, 1), "w": array(w, 2), "b": array(b, 3)}
    try:
        expected: np.ndarray | None = np.asarray(
            eval(form, {"__builtins__": {}}, {"np": np, **values})
        )  # the test's own forms
    except ValueError:
        expected = None
    shapes = {"x": x, "w": w, "b": b}
    if expected is None:
        with pytest.raises(MismatchError) as info:
            explain(form, shapes=shapes)
        assert form[info.value.col :].startswith(info.value.expr)
        check_suggestions(info.value, values)
    else:
        assert explain(form, shapes=shapes).shape == expected.shape
        np.testing.assert_array_equal(explain(form, values=values).value, expected)
