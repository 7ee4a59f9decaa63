"""Shape algebra and data operations: exact texts, messages, errors and suggestions."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import shapekit
from shapekit.engine import ops
from shapekit.errors import MismatchError, ShapeError, Suggestion

Shape = tuple[int, ...]


# --- explanations that work ---------------------------------------------------------------

EXPLAINED = [
    pytest.param(
        "matmul",
        (4,),
        (4, 7),
        (7,),
        "(4,) @ (4, 7): the left operand is 1-D, so it is treated as a row (1, 4); "
        "the inner dimensions 4 and 4 match; the result takes the rows of the left and "
        "the columns of the right: (1, 7); the dimension added for the 1-D operand is "
        "removed: (7,)",
        id="matmul-1d-left",
    ),
    pytest.param(
        "matmul",
        (5, 4),
        (4,),
        (5,),
        "(5, 4) @ (4,): the right operand is 1-D, so it is treated as a column (4, 1); "
        "the inner dimensions 4 and 4 match; the result takes the rows of the left and "
        "the columns of the right: (5, 1); the dimension added for the 1-D operand is "
        "removed: (5,)",
        id="matmul-1d-right",
    ),
    pytest.param(
        "matmul",
        (4,),
        (4,),
        (),
        "(4,) @ (4,): the left operand is 1-D, so it is treated as a row (1, 4); the "
        "right operand is 1-D, so it is treated as a column (4, 1); the inner dimensions "
        "4 and 4 match; the result takes the rows of the left and the columns of the "
        "right: (1, 1); the dimensions added for the 1-D operands are removed: ()",
        id="matmul-1d-both",
    ),
    pytest.param(
        "matmul",
        (2, 1, 5, 4),
        (3, 4, 7),
        (2, 3, 5, 7),
        "(2, 1, 5, 4) @ (3, 4, 7): the inner dimensions 4 and 4 match; the batch "
        "dimensions (2, 1) and (3,) broadcast to (2, 3); the result takes the batch "
        "dimensions (2, 3), then the rows of the left and the columns of the right: "
        "(2, 3, 5, 7)",
        id="matmul-batch",
    ),
    pytest.param(
        "dot",
        (),
        (2, 3),
        (2, 3),
        "np.dot((), (2, 3)): a is a scalar, so np.dot multiplies every element of b by it: (2, 3)",
        id="dot-scalar",
    ),
    pytest.param(
        "dot",
        (3,),
        (3,),
        (),
        "np.dot((3,), (3,)): the inner dimensions 3 and 3 match; the dot product of "
        "two vectors is a single number: ()",
        id="dot-vectors",
    ),
    pytest.param(
        "dot",
        (3, 4),
        (4,),
        (3,),
        "np.dot((3, 4), (4,)): the inner dimensions 4 and 4 match (the last dimension "
        "of the left and the only one of the right); each row of the left gives one "
        "dot product with the vector: (3,)",
        id="dot-matrix-vector",
    ),
    pytest.param(
        "dot",
        (4,),
        (4, 7),
        (7,),
        "np.dot((4,), (4, 7)): the inner dimensions 4 and 4 match (the last dimension "
        "of the left and the second-to-last of the right); the vector gives one dot "
        "product with each column of the right: (7,)",
        id="dot-vector-matrix",
    ),
    pytest.param(
        "dot",
        (5, 4),
        (4, 7),
        (5, 7),
        "np.dot((5, 4), (4, 7)): the inner dimensions 4 and 4 match; the result takes "
        "the rows of the left and the columns of the right: (5, 7)",
        id="dot-matrices",
    ),
    pytest.param(
        "dot",
        (2, 3, 4),
        (5, 4, 6),
        (2, 3, 5, 6),
        "np.dot((2, 3, 4), (5, 4, 6)): the inner dimensions 4 and 4 match (the last "
        "dimension of the left and the second-to-last of the right); the result takes "
        "the other dimensions of the left (2, 3), then those of the right (5, 6): "
        "(2, 3, 5, 6)",
        id="dot-n-d",
    ),
    pytest.param(
        "add",
        (3, 4),
        (4,),
        (3, 4),
        "(3, 4) + (4,): aligned from the right, 4 and 4 match; 3 has no partner in b, "
        "so b is repeated 3 times along it; the result: (3, 4)",
        id="add-bias",
    ),
    pytest.param(
        "sub",
        (2, 1),
        (1, 3),
        (2, 3),
        "(2, 1) - (1, 3): aligned from the right, 1 and 3: the 1 of a is stretched to "
        "3; 2 and 1: the 1 of b is stretched to 2; the result: (2, 3)",
        id="sub-stretch",
    ),
    pytest.param(
        "mul",
        (),
        (2,),
        (2,),
        "() * (2,): a is a scalar, so it is combined with every element of b; the result: (2,)",
        id="mul-scalar",
    ),
    pytest.param(
        "mul",
        (4,),
        (2, 3, 1),
        (2, 3, 4),
        "(4,) * (2, 3, 1): aligned from the right, 4 and 1: the 1 of b is stretched to "
        "4; 3 has no partner in a, so a is repeated 3 times along it; 2 has no partner "
        "in a, so a is repeated 2 times along it; the result: (2, 3, 4)",
        id="mul-missing-left",
    ),
]


@pytest.mark.parametrize(("op", "a", "b", "shape", "text"), EXPLAINED)
def test_binary_explanations(op: str, a: Shape, b: Shape, shape: Shape, text: str) -> None:
    explanation = ops.binary_shapes(op, a, b)
    assert explanation.shape == shape
    assert str(explanation) == text
    assert explanation.op == op
    assert explanation.operands == (a, b)


@pytest.mark.parametrize(
    ("function", "op"),
    [
        (ops.matmul_shapes, "matmul"),
        (ops.dot_shapes, "dot"),
        (ops.add_shapes, "add"),
        (ops.sub_shapes, "sub"),
        (ops.mul_shapes, "mul"),
    ],
    ids=["matmul", "dot", "add", "sub", "mul"],
)
def test_named_shape_functions_are_binary_shapes(function, op: str) -> None:  # type: ignore[no-untyped-def]
    assert function((2, 2), (2, 2)) == ops.binary_shapes(op, (2, 2), (2, 2))


TRANSPOSED = [
    pytest.param((3,), None, (3,), "(3,).T: transposing a 1-D array does nothing: (3,)", id="1-D"),
    pytest.param((), None, (), "().T: transposing a scalar does nothing: ()", id="scalar"),
    pytest.param(
        (3, 4),
        None,
        (4, 3),
        "(3, 4).T: rows become columns and columns become rows: (4, 3)",
        id="2-D",
    ),
    pytest.param(
        (2, 3, 4),
        None,
        (4, 3, 2),
        "(2, 3, 4).T: the order of the dimensions is reversed: (4, 3, 2)",
        id="3-D",
    ),
    pytest.param(
        (2, 3, 4),
        (1, 0, 2),
        (3, 2, 4),
        "np.transpose((2, 3, 4), axes=(1, 0, 2)): the result takes the dimensions "
        "(1, 0, 2) of (2, 3, 4) in that order: (3, 2, 4)",
        id="axes",
    ),
    pytest.param(
        (2, 3),
        (-1, 0),
        (3, 2),
        "np.transpose((2, 3), axes=(-1, 0)): rows become columns and columns become rows: (3, 2)",
        id="negative-axes",
    ),
    pytest.param(
        (2, 3),
        (0, 1),
        (2, 3),
        "np.transpose((2, 3), axes=(0, 1)): the axes keep every dimension in place, so "
        "nothing changes: (2, 3)",
        id="identity-axes",
    ),
]


@pytest.mark.parametrize(("shape", "axes", "result", "text"), TRANSPOSED)
def test_transpose_explanations(
    shape: Shape, axes: tuple[int, ...] | None, result: Shape, text: str
) -> None:
    explanation = ops.transpose_shape(shape, axes)
    assert explanation.shape == result
    assert str(explanation) == text


# --- mismatches ---------------------------------------------------------------------------

MISMATCHES = [
    pytest.param(
        "matmul",
        (5, 4),
        (3, 7),
        -1,
        4,
        3,
        "cannot compute a @ b with shapes (5, 4) and (3, 7): the inner dimensions 4 "
        "and 3 do not match: the rows of a have 4 elements, but the columns of b have 3 "
        "elements, and a matrix product multiplies them element by element",
        id="matmul-inner",
    ),
    pytest.param(
        "matmul",
        (),
        (3,),
        None,
        "at least 1 dimension",
        0,
        "cannot compute a @ b with shapes () and (3,): a is a scalar (0-D), but @ needs "
        "at least one dimension on both sides (use * to multiply by a number)",
        id="matmul-scalar",
    ),
    pytest.param(
        "matmul",
        (2, 5, 4),
        (3, 4, 7),
        -3,
        2,
        3,
        "cannot compute a @ b with shapes (2, 5, 4) and (3, 4, 7): the batch "
        "dimensions (2,) and (3,) cannot be broadcast: aligned from the right, 2 and 3 "
        "differ and neither is 1",
        id="matmul-batch",
    ),
    pytest.param(
        "matmul",
        (3,),
        (4,),
        -1,
        3,
        4,
        "cannot compute a @ b with shapes (3,) and (4,): the inner dimensions 3 and 4 do "
        "not match: a has 3 elements, but b has 4 elements, and a dot product multiplies "
        "them element by element",
        id="matmul-vectors",
    ),
    pytest.param(
        "dot",
        (2, 3),
        (4,),
        -1,
        3,
        4,
        "cannot compute np.dot(a, b) with shapes (2, 3) and (4,): the inner dimensions "
        "3 and 4 do not match: the rows of a have 3 elements, but b has 4 elements, and "
        "a dot product multiplies them element by element",
        id="dot-inner",
    ),
    pytest.param("dot", (1,) * 40, (1,) * 40, None, 64, 78, None, id="dot-too-many-dimensions"),
    pytest.param(
        "add",
        (0,),
        (3,),
        -1,
        0,
        3,
        "cannot compute a + b with shapes (0,) and (3,): aligned from the right, the "
        "dimensions 0 and 3 do not match, and neither is 1, so they cannot be broadcast",
        id="add-zero",
    ),
    pytest.param("mul", (2, 3), (4, 5, 3), -2, 2, 5, None, id="mul-second-axis"),
]


@pytest.mark.parametrize(("op", "a", "b", "axis", "expected", "found", "message"), MISMATCHES)
def test_mismatch_errors(
    op: str,
    a: Shape,
    b: Shape,
    axis: int | None,
    expected: object,
    found: object,
    message: str | None,
) -> None:
    with pytest.raises(MismatchError) as info:
        ops.binary_shapes(op, a, b)
    error = info.value
    assert isinstance(error, ShapeError) and isinstance(error, ValueError)
    assert error.kind == "mismatch"
    assert (error.op, error.operands) == (op, (a, b))
    assert (error.axis, error.expected, error.found) == (axis, expected, found)
    assert error.explanation.shape is None
    assert not error.explanation.steps[-1].ok
    if message is not None:
        assert error.message == message


def test_too_many_dimensions_message() -> None:
    with pytest.raises(
        MismatchError, match="the result would have 78 dimensions, more than NumPy's limit of 64"
    ):
        ops.dot_shapes((1,) * 40, (1,) * 40)


def test_broadcast_failure_on_a_later_axis_is_reported_there() -> None:
    with pytest.raises(MismatchError) as info:
        ops.mul_shapes((2, 3), (4, 5, 3))
    assert [step.ok for step in info.value.explanation.steps] == [True, False]
    assert info.value.message.endswith(
        "aligned from the right, the dimensions 2 and 5 do not "
        "match, and neither is 1, so they cannot be broadcast"
    )


@pytest.mark.parametrize(
    ("shape", "axes", "message"),
    [
        (
            (2, 3),
            (0,),
            "cannot compute np.transpose(a, (0,)) with shape (2, 3): axes (0,) has 1 "
            "entry but a has 2 dimensions; list each dimension exactly once",
        ),
        (
            (2, 3),
            (0, 2),
            "cannot compute np.transpose(a, (0, 2)) with shape (2, 3): axis 2 does "
            "not exist: a has 2 dimensions, numbered 0 to 1 (or -2 to -1 from the end)",
        ),
        (
            (2, 3),
            (1, -1),
            "cannot compute np.transpose(a, (1, -1)) with shape (2, 3): axis 1 is "
            "listed twice; list each dimension exactly once",
        ),
        (
            (2,),
            (0, 0),
            "cannot compute np.transpose(a, (0, 0)) with shape (2,): axes (0, 0) has "
            "2 entries but a has 1 dimension; list each dimension exactly once",
        ),
    ],
    ids=["too-few", "out-of-range", "repeated", "too-many"],
)
def test_transpose_axes_errors(shape: Shape, axes: tuple[int, ...], message: str) -> None:
    with pytest.raises(MismatchError) as info:
        ops.transpose_shape(shape, axes)
    assert info.value.message == message
    assert info.value.op == "transpose"
    assert info.value.suggestions == []


@pytest.mark.parametrize(
    "bad", [(-1, 2), "3,4", (2.5,), 7], ids=["negative", "text", "float", "int"]
)
def test_a_bad_shape_argument_is_a_shape_error(bad: object) -> None:
    with pytest.raises(ShapeError, match="a shape is a tuple of non-negative whole numbers"):
        ops.matmul_shapes(bad, (2, 2))  # type: ignore[arg-type]


def test_an_unknown_operation_is_named() -> None:
    with pytest.raises(ValueError, match="unknown operation 'xor'; expected one of matmul, dot"):
        ops.binary_shapes("xor", (2,), (2,))


# --- suggestions --------------------------------------------------------------------------

SUGGESTED = [
    pytest.param(
        "matmul",
        (3, 4),
        (3, 4),
        "inputs",
        "weights",
        [
            ("inputs @ weights.T", (3, 3), "transpose the right operand"),
            ("inputs.T @ weights", (4, 4), "transpose the left operand"),
        ],
        id="matmul-square-mistake",
    ),
    pytest.param(
        "matmul",
        (4, 7),
        (5, 4),
        "a",
        "b",
        [("a.T @ b.T", (7, 5), "transpose both operands"), ("b @ a", (5, 7), "swap the operands")],
        id="matmul-swap",
    ),
    pytest.param(
        "dot",
        (3, 4),
        (3,),
        "w",
        "x",
        [
            ("np.dot(w.T, x)", (4,), "transpose the left operand"),
            ("np.dot(x, w)", (4,), "swap the operands"),
        ],
        id="dot-vector",
    ),
    pytest.param(
        "matmul",
        (2, 3),
        (2, 3),
        "x + y",
        "np.array(w)",
        [
            ("(x + y) @ np.array(w).T", (2, 2), "transpose the right operand"),
            ("(x + y).T @ np.array(w)", (3, 3), "transpose the left operand"),
        ],
        id="operand-expressions",
    ),
    pytest.param(
        "add",
        (3, 4),
        (3,),
        "outputs",
        "biases",
        [("outputs.T + biases", (4, 3), "transpose the left operand")],
        id="add",
    ),
    pytest.param(
        "sub",
        (2, 3),
        (3, 2),
        "a",
        "b",
        [
            ("a - b.T", (2, 3), "transpose the right operand"),
            ("a.T - b", (3, 2), "transpose the left operand"),
        ],
        id="sub-no-swap",
    ),
    pytest.param("matmul", (3,), (4,), "a", "b", [], id="vectors-none"),
]


@pytest.mark.parametrize(("op", "a", "b", "a_text", "b_text", "fixes"), SUGGESTED)
def test_suggest_fixes(
    op: str, a: Shape, b: Shape, a_text: str, b_text: str, fixes: list[tuple[str, Shape, str]]
) -> None:
    found = ops.suggest_fixes(op, a, b, a_text, b_text)
    assert [(s.expr, s.shape, s.note) for s in found] == fixes
    assert all(isinstance(s, Suggestion) for s in found)


def test_the_error_carries_the_suggestions() -> None:
    with pytest.raises(MismatchError) as info:
        ops.matmul_shapes((3, 4), (3, 4), names=("inputs", "weights"))
    assert info.value.suggestions == ops.suggest_fixes(
        "matmul", (3, 4), (3, 4), "inputs", "weights"
    )


def test_try_binary_does_not_raise() -> None:
    explanation, error = ops.try_binary(
        "matmul", (3, 4), (3, 4), names=("x", "w"), written="np.matmul(x, w)"
    )
    assert explanation.shape is None
    assert error is not None and error.message.startswith("cannot compute np.matmul(x, w) with")
    assert ops.try_binary("matmul", (3, 4), (4, 2))[1] is None
    assert ops.try_binary("add", (3,), (4,), suggest=False)[1].suggestions == []  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("weights", "weights.T"),
        ("np.array(w)", "np.array(w).T"),
        ("a @ b", "(a @ b).T"),
        ("(a @ b)", "(a @ b).T"),
        ("-x", "(-x).T"),
        ("(a) + (b)", "((a) + (b)).T"),
        ("[[1, 2]]", "[[1, 2]].T"),
    ],
    ids=["name", "call", "expression", "wrapped", "negated", "not-wrapped", "list"],
)
def test_transpose_text(text: str, written: str) -> None:
    assert ops.transpose_text(text) == written


@pytest.mark.parametrize(
    ("op", "a", "b", "written"),
    [
        ("matmul", "a + b", "c", "(a + b) @ c"),
        ("matmul", "a @ b", "c", "a @ b @ c"),
        ("matmul", "c", "a @ b", "c @ (a @ b)"),
        ("add", "a @ b", "c", "a @ b + c"),
        ("sub", "a", "b - c", "a - (b - c)"),
        ("mul", "a", "b * c", "a * (b * c)"),
        ("dot", "a + b", "c", "np.dot(a + b, c)"),
    ],
    ids=["lower-left", "same-left", "same-right", "higher-left", "sub-right", "mul-right", "dot"],
)
def test_operation_text_parenthesises_by_precedence(op: str, a: str, b: str, written: str) -> None:
    assert ops.operation_text(op, a, b) == written


# --- data --------------------------------------------------------------------------------

A = [[1.5, 2.0, 3.0], [4.0, 5.0, -6.0]]
B = [[1, 2], [3, 4], [5, 6]]


@pytest.mark.parametrize(
    ("compute", "args", "expected"),
    [
        (lambda: ops.matmul(A, B), None, np.matmul(A, B)),
        (lambda: ops.dot(A, [1, 2, 3]), None, np.dot(A, [1, 2, 3])),
        (lambda: ops.dot(2, A), None, np.dot(2, A)),
        (lambda: ops.add(A, [1, 2, 3]), None, np.add(A, [1, 2, 3])),
        (lambda: ops.sub(A, [[1], [2]]), None, np.subtract(A, [[1], [2]])),
        (lambda: ops.mul(A, 3), None, np.multiply(A, 3)),
        (lambda: ops.transpose(A), None, np.transpose(A)),
        (lambda: ops.transpose([[[1, 2]]], (2, 0, 1)), None, np.transpose([[[1, 2]]], (2, 0, 1))),
    ],
    ids=["matmul", "dot", "dot-scalar", "add", "sub", "mul", "transpose", "transpose-axes"],
)
def test_data_operations_agree_with_numpy(compute, args, expected) -> None:  # type: ignore[no-untyped-def]
    result = compute()
    assert isinstance(result, ops.Result)
    assert isinstance(result.value, np.ndarray)
    np.testing.assert_array_equal(result.value, expected)
    assert result.shape == np.shape(expected) == result.explanation.shape


def test_data_mismatch_names_the_operands() -> None:
    with pytest.raises(MismatchError) as info:
        ops.matmul(A, A, names=("inputs", "weights"))
    assert info.value.message.startswith(
        "cannot compute inputs @ weights with shapes (2, 3) and (2, 3)"
    )
    assert [s.expr for s in info.value.suggestions] == ["inputs @ weights.T", "inputs.T @ weights"]


def test_data_is_validated_with_shapekit_shape() -> None:
    with pytest.raises(ShapeError) as info:
        ops.add([[1, 2], [3]], [1, 2], names=("rows", "b"))
    assert info.value.kind == "ragged"
    assert "rows" in info.value.message


def test_result_shows_explanation_and_value() -> None:
    result = ops.add([1, 2], 10)
    assert str(result) == (
        "(2,) + (): b is a scalar, so it is combined with every element of a; "
        "the result: (2,)\narray([11, 12])"
    )
    assert "<pre>array([11, 12])</pre>" in result._repr_html_()


def test_public_names_are_the_data_functions() -> None:
    for name in ("transpose", "dot", "matmul", "add", "sub", "mul"):
        assert getattr(shapekit, name) is getattr(ops, name)


def test_importing_ops_does_not_import_numpy() -> None:
    code = "import sys, shapekit.engine.ops, shapekit.engine.expr; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_result_too_large_to_compute_is_refused_before_computing():
    import numpy as np

    import shapekit
    from shapekit.errors import TooLargeError

    with pytest.raises(TooLargeError, match="10,000,000,000 elements"):
        shapekit.add(np.ones((100_000, 1)), np.ones((1, 100_000)))  # 74 GB if computed
    with pytest.raises(TooLargeError, match=r"\(20000, 20000\)"):
        shapekit.matmul(np.ones((20_000, 1)), np.ones((1, 20_000)))
    assert shapekit.mul(np.ones((1000, 1)), np.ones((1, 1000))).shape == (1000, 1000)
