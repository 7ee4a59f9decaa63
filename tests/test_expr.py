"""The expression explainer: parsing without evaluating, steps, located mismatches, fixes."""

from __future__ import annotations

import json

import numpy as np
import pytest

import shapekit
from shapekit.engine.expr import (
    MAX_DEPTH,
    MAX_EXPR_CHARS,
    ExpressionExplanation,
    explain,
    parse_shape,
)
from shapekit.errors import ExpressionError, MismatchError, ShapeError

Shape = tuple[int, ...]
LAYER = {"inputs": (3, 4), "weights": (3, 4), "biases": (3,)}


@pytest.mark.parametrize(
    ("expr", "shapes", "shape"),
    [
        ("inputs @ weights.T + biases", LAYER, (3, 3)),
        ("np.dot(weights, inputs.T)", LAYER, (3, 3)),
        ("np.dot(inputs, np.array(weights).T) + biases", LAYER, (3, 3)),
        ("np.dot(weights, x) + biases", {**LAYER, "x": (4,)}, (3,)),
        ("numpy.matmul(inputs, numpy.asarray(weights).T)", LAYER, (3, 3)),
        ("np.transpose(t, (2, 0, 1))", {"t": (2, 3, 4)}, (4, 2, 3)),
        ("np.transpose(t, axes=[-1, 0, 1])", {"t": (2, 3, 4)}, (4, 2, 3)),
        ("np.transpose(t)", {"t": (2, 3, 4)}, (4, 3, 2)),
        ("np.transpose(t, None)", {"t": (2, 3, 4)}, (4, 3, 2)),
        ("2 * (x - 1.5) + -x", {"x": (2, 2)}, (2, 2)),
        ("[[1, 2], [3, 4]] @ x", {"x": (2,)}, (2,)),
        ("((a))", {"a": "5"}, (5,)),
        ("a * b", {"a": "", "b": "(2, 3)"}, (2, 3)),
    ],
    ids=[
        "issue-1",
        "dot-transposed",
        "issue-3",
        "vector",
        "numpy-spelling",
        "axes",
        "axes-kw",
        "transpose-reverse",
        "axes-none",
        "arithmetic",
        "list-literal",
        "parens",
        "text-shapes",
    ],
)
def test_result_shapes(expr: str, shapes: dict[str, object], shape: Shape) -> None:
    assert explain(expr, shapes=shapes).shape == shape


def test_text_lists_every_sub_expression_with_its_shape() -> None:
    result = explain("inputs @ weights.T + biases", shapes=LAYER)
    assert str(result) == "\n".join(
        [
            "inputs @ weights.T + biases -> (3, 3)",
            "  inputs                       (3, 4)",
            "  weights                      (3, 4)",
            "  weights.T                    (3, 4).T: rows become columns and columns become rows: "
            "(4, 3)",
            "  inputs @ weights.T           (3, 4) @ (4, 3): the inner dimensions 4 and 4 match; the "
            "result takes the rows of the left and the columns of the right: (3, 3)",
            "  biases                       (3,)",
            "  inputs @ weights.T + biases  (3, 3) + (3,): aligned from the right, 3 and 3 match; 3 "
            "has no partner in biases, so biases is repeated 3 times along it; the result: (3, 3)",
        ]
    )


def test_steps_carry_text_column_shape_and_explanation() -> None:
    steps = explain("x @ x.T", shapes={"x": (2, 5)}).steps
    assert [(t.expr, t.col, t.shape, t.kind) for t in steps] == [
        ("x", 0, (2, 5), "name"),
        ("x.T", 4, (5, 2), "operation"),
        ("x @ x.T", 0, (2, 2), "operation"),
    ]
    assert steps[0].explanation is None
    assert steps[2].explanation is not None and steps[2].explanation.op == "matmul"


def test_np_array_is_explained_as_keeping_the_shape() -> None:
    step = explain("np.array(w)", shapes={"w": (2, 3)}).steps[-1]
    assert step.text == "(2, 3): converting to an array keeps the shape: (2, 3)"


def test_to_dict_is_json() -> None:
    data = explain("a + 1", shapes={"a": (2,)}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["shape"] == [2]
    assert [s["expr"] for s in data["steps"]] == ["a", "1", "a + 1"]
    assert data["steps"][2]["explanation"]["op"] == "add"
    assert data["value"] is None


def test_html_and_pretty_display() -> None:
    result = explain("a @ b", shapes={"a": (2, 3), "b": (3,)})
    assert "<code>a @ b</code> &rarr; <b>(2,)</b>" in result._repr_html_()
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    result._repr_pretty_(Printer(), False)
    assert printed == [str(result)]


def test_top_level_explain_is_this_function() -> None:
    assert shapekit.explain is explain
    assert isinstance(shapekit.explain("a", shapes={"a": (1,)}), ExpressionExplanation)


# --- values -------------------------------------------------------------------------------


def test_values_give_shapes_and_the_result_value() -> None:
    inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
    weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
    biases = [2.0, 3.0, 0.5]
    result = explain(
        "np.dot(inputs, np.array(weights).T) + biases",
        values={"inputs": inputs, "weights": weights, "biases": biases},
    )
    np.testing.assert_allclose(result.value, np.dot(inputs, np.array(weights).T) + biases)
    assert result.shape == (3, 3)
    assert result.steps[-1].value is not None


def test_without_every_value_there_is_no_result_value() -> None:
    result = explain("a + b", shapes={"b": (2,)}, values={"a": [1, 2]})
    assert result.value is None
    assert result.steps[0].value.tolist() == [1, 2]


def test_a_value_and_a_shape_that_disagree() -> None:
    with pytest.raises(
        ExpressionError,
        match=r"^a is given the shape \(3,\) but its value has "
        r"the shape \(2,\)$",
    ):
        explain("a", shapes={"a": (3,)}, values={"a": [1, 2]})


def test_a_ragged_value_is_a_shape_error() -> None:
    with pytest.raises(ShapeError) as info:
        explain("a + 1", values={"a": [[1, 2], [3]]})
    assert info.value.kind == "ragged"


# --- mismatches and their fixes -------------------------------------------------------------


def test_the_issue_mismatch() -> None:
    with pytest.raises(MismatchError) as info:
        explain("inputs @ weights + biases", shapes=LAYER)
    error = info.value
    assert error.kind == "mismatch"
    assert (error.op, error.expr, error.col) == ("matmul", "inputs @ weights", 0)
    assert [(s.expr, s.shape) for s in error.suggestions] == [
        ("inputs @ weights.T + biases", (3, 3))
    ]
    assert error.message == (
        "cannot compute inputs @ weights with shapes (3, 4) and (3, 4): the inner dimensions 4 "
        "and 3 do not match: the rows of inputs have 4 elements, but the columns of weights have "
        "3 elements, and a matrix product multiplies them element by element"
    )
    assert error.explanation.shape is None


MISMATCHED = [
    pytest.param(
        "biases + inputs @ weights",
        LAYER,
        "matmul",
        "inputs @ weights",
        9,
        [("biases + inputs @ weights.T", (3, 3))],
        id="nested-right",
    ),
    pytest.param(
        "np.dot(inputs, weights) + biases",
        LAYER,
        "dot",
        "np.dot(inputs, weights)",
        0,
        [("np.dot(inputs, weights.T) + biases", (3, 3))],
        id="dot-call",
    ),
    pytest.param(
        "a @ b @ c",
        {"a": (2, 3), "b": (3, 4), "c": (5, 2)},
        "matmul",
        "a @ b @ c",
        0,
        [("(a @ b).T @ c.T", (4, 5)), ("c @ (a @ b)", (5, 4))],
        id="chain-swap",
    ),
    pytest.param(
        "(x + y) @ w",
        {"x": (2, 3), "y": (2, 3), "w": (2, 3)},
        "matmul",
        "(x + y) @ w",
        0,
        [("(x + y) @ w.T", (2, 2)), ("(x + y).T @ w", (3, 3))],
        id="parenthesised-operand",
    ),
    pytest.param(
        "-x @ w",
        {"x": (2, 3), "w": (2, 3)},
        "matmul",
        "-x @ w",
        0,
        [("-x @ w.T", (2, 2)), ("(-x).T @ w", (3, 3))],
        id="negated-operand",
    ),
    pytest.param(
        "größe + (x @ y)",
        {"größe": (2,), "x": (2, 3), "y": (2, 3)},
        "matmul",
        "x @ y",
        9,
        [("größe + (x @ y.T)", (2, 2))],
        id="unicode-column",
    ),
    pytest.param(
        "np.matmul(x, y)",
        {"x": (4,), "y": (5, 4)},
        "matmul",
        "np.matmul(x, y)",
        0,
        [("np.matmul(x, y.T)", (5,)), ("np.matmul(y, x)", (5,))],
        id="matmul-call",
    ),
    pytest.param(
        "x + b", {"x": (2, 3), "b": (2,)}, "add", "x + b", 0, [("x.T + b", (3, 2))], id="broadcast"
    ),
    pytest.param(
        "np.transpose(t, (0, 0))",
        {"t": (2, 3)},
        "transpose",
        "np.transpose(t, (0, 0))",
        0,
        [],
        id="transpose-axes",
    ),
    pytest.param("x @ 2", {"x": (2, 2)}, "matmul", "x @ 2", 0, [], id="scalar-matmul"),
]


@pytest.mark.parametrize(("expr", "shapes", "op", "failing", "col", "fixes"), MISMATCHED)
def test_mismatches_are_located_and_fixed(
    expr: str,
    shapes: dict[str, Shape],
    op: str,
    failing: str,
    col: int,
    fixes: list[tuple[str, Shape]],
) -> None:
    with pytest.raises(MismatchError) as info:
        explain(expr, shapes=shapes)
    error = info.value
    assert (error.op, error.expr, error.col) == (op, failing, col)
    assert expr[error.col : error.col + len(failing)] == failing
    assert [(s.expr, s.shape) for s in error.suggestions] == fixes
    for fix in error.suggestions:  # each fix really works, with the shape it claims
        assert explain(fix.expr, shapes=shapes).shape == fix.shape


def test_a_fix_that_breaks_a_later_step_is_not_offered() -> None:
    # transposing inputs fixes the @ but then (4, 4) + (3,) fails
    with pytest.raises(MismatchError) as info:
        explain("inputs @ weights + biases", shapes=LAYER)
    assert "inputs.T @ weights + biases" not in [s.expr for s in info.value.suggestions]


def test_suggestions_work_in_numpy_on_data() -> None:
    values = {"x": np.ones((2, 3)), "w": np.ones((4, 3)), "b": np.ones(4)}
    with pytest.raises(MismatchError) as info:
        explain("x @ w + b", values=values)
    assert [s.expr for s in info.value.suggestions] == ["x @ w.T + b"]
    namespace = {"np": np, **values}
    for fix in info.value.suggestions:
        assert eval(fix.expr, namespace).shape == fix.shape  # test-only: our own fix text


# --- what is not supported ----------------------------------------------------------------

UNSUPPORTED = [
    ("a / b", "the operator / is not supported in shape expressions: a / b; use @, +, - or *", 0),
    (
        "a ** 2",
        "the operator ** is not supported in shape expressions: a ** 2; use @, +, - or *",
        0,
    ),
    ("a[0]", "indexing is not supported in shape expressions: a[0]", 0),
    (
        "a.shape",
        "the attribute .shape is not supported in shape expressions (only .T is): a.shape",
        0,
    ),
    (
        "a if a else a",
        "a conditional expression is not supported in shape expressions: a if a else a",
        0,
    ),
    ("a < a", "a comparison is not supported in shape expressions: a < a", 0),
    ("(a, a)", "a tuple is not supported in shape expressions: (a, a)", 0),
    ("lambda: a", "a lambda is not supported in shape expressions: lambda: a", 0),
    ("'a'", "a string is not supported in shape expressions: 'a'", 0),
    ("True", "a boolean is not supported in shape expressions: True", 0),
    ("1j", "a complex number is not supported in shape expressions: 1j", 0),
    ("~a", "the operator ~ is not supported in shape expressions: ~a", 0),
    (
        "a.dot(a)",
        "the function a.dot() is not supported in shape expressions; use np.dot, "
        "np.matmul, np.transpose, np.array or np.asarray",
        0,
    ),
    (
        "__import__('os').system('x')",
        "the function __import__('os').system() is not supported "
        "in shape expressions; use np.dot, np.matmul, np.transpose, np.array or np.asarray",
        0,
    ),
    (
        "np.linalg.inv(a)",
        "the function np.linalg.inv() is not supported in shape expressions; "
        "use np.dot, np.matmul, np.transpose, np.array or np.asarray",
        0,
    ),
    (
        "np.pi",
        "np.pi is not supported in shape expressions; use np.dot, np.matmul, "
        "np.transpose, np.array, np.asarray",
        0,
    ),
    (
        "np.dot.__globals__",
        "the attribute .__globals__ is not supported in shape expressions "
        "(only .T is): np.dot.__globals__",
        0,
    ),
    ("np", "np is the NumPy module, not an array; use it as np.dot(a, b), np.transpose(a) …", 0),
    ("np.dot(a)", "these arguments of np.dot() are not supported; np.dot() takes 2 arguments", 0),
    (
        "np.array(a, dtype=float)",
        "the argument dtype= of np.array() is not supported; np.array() takes 1 argument",
        0,
    ),
    (
        "np.transpose(a, (1, 0), axes=(1, 0))",
        "these arguments of np.transpose() are not "
        "supported; np.transpose() takes 1 or 2 arguments",
        0,
    ),
    ("np.dot(*a)", "these arguments of np.dot() are not supported; np.dot() takes 2 arguments", 0),
    (
        "np.transpose(a, axes=k)",
        "the axes of np.transpose must be written as whole numbers, like (1, 0): k",
        21,
    ),
    ("[a, 1]", "a list in an expression may contain only numbers: [a, 1]", 0),
    ("a + * a", "cannot read the expression: invalid syntax", 4),
    ("a\0", "cannot read the expression: source code string cannot contain null bytes", 0),
    ("", "the expression is empty; write one such as 'inputs @ weights.T + biases'", 0),
    ("   ", "the expression is empty; write one such as 'inputs @ weights.T + biases'", 0),
    ("  a + * a", "cannot read the expression: invalid syntax", 6),
    ("  (a @ a", "cannot read the expression: '(' was never closed", 2),
    (" a, a", "a tuple is not supported in shape expressions: a, a", 1),
    (" a for a in a", "cannot read the expression: invalid syntax", 3),
]


@pytest.mark.parametrize(
    ("expr", "message", "col"), UNSUPPORTED, ids=[case[0] for case in UNSUPPORTED]
)
def test_unsupported_constructs_are_named(expr: str, message: str, col: int) -> None:
    with pytest.raises(ExpressionError) as info:
        explain(expr, shapes={"a": (2, 2)})
    assert info.value.message == message
    assert info.value.col == col
    assert info.value.kind == "expression"


@pytest.mark.parametrize(
    ("expr", "cols"),
    [
        (" a @ b", [1, 5, 1]),
        ("\t\ta @ b", [2, 6, 2]),
        ("\n  a @ b", [3, 7, 3]),
        ("  np.dot(a, b)", [9, 12, 2]),
    ],
    ids=["space", "tabs", "newline-then-spaces", "call"],
)
def test_leading_whitespace_is_allowed_and_columns_stay_put(expr: str, cols: list[int]) -> None:
    # " a @ b" (a stray space in a shell quote) used to be "unexpected indent"
    result = explain(expr, shapes={"a": (2, 3), "b": (3,)})
    assert result.shape == (2,)
    assert [step.col for step in result.steps] == cols
    assert [expr[s.col : s.col + len(s.expr)] for s in result.steps] == [
        s.expr for s in result.steps
    ]


@pytest.mark.parametrize(
    ("expr", "known", "message"),
    [
        (
            "inputs @ wieghts",
            LAYER,
            "unknown name 'wieghts': no shape or value was given for it; did you mean 'weights'?",
        ),
        (
            "x + y",
            {"x": (1,)},
            "unknown name 'y': no shape or value was given for it (known names: x)",
        ),
        ("q", {}, "unknown name 'q': no shape or value was given for it"),
    ],
    ids=["did-you-mean", "known-names", "nothing-known"],
)
def test_unknown_names(expr: str, known: dict[str, Shape], message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        explain(expr, shapes=known)
    assert info.value.message == message


def test_the_text_is_never_evaluated(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExpressionError):
        explain(f"__import__('pathlib').Path('{marker.name}').touch()", shapes={})
    assert not marker.exists()


@pytest.mark.parametrize("count", [MAX_DEPTH, MAX_DEPTH + 7, 3000])
def test_a_long_chain_of_operations_is_called_a_chain_not_nesting(count: int) -> None:
    with pytest.raises(ExpressionError, match=r"chains (about )?\d+ operations") as info:
        explain("+".join(["a"] * (count + 1)), shapes={"a": (3,)})
    assert f"more than the {MAX_DEPTH - 1} that" in info.value.message
    assert "s = a + b, then s + c" in info.value.message
    if count < 1000:  # read by Python, counted exactly
        assert f"chains {count} operations" in info.value.message


def test_the_longest_chain_followed_is_the_one_the_message_names() -> None:
    expr = "+".join(["a"] * MAX_DEPTH)  # MAX_DEPTH - 1 operations
    assert explain(expr, shapes={"a": (3,)}).shape == (3,)


def test_limits() -> None:
    with pytest.raises(ExpressionError, match=f"more than the {MAX_EXPR_CHARS} allowed"):
        explain("a+" * MAX_EXPR_CHARS + "a", shapes={"a": (1,)})
    with pytest.raises(ExpressionError, match=f"nested more than {MAX_DEPTH} levels deep"):
        explain("-" * (MAX_DEPTH + 1) + "a", shapes={"a": (1,)})
    with pytest.raises(
        ExpressionError, match="cannot read the expression: too many nested parentheses"
    ):
        explain("(" * 300 + "a" + ")" * 300, shapes={"a": (1,)})


# --- shapes written as text -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "shape"),
    [
        ("3,4", (3, 4)),
        (" 3, 4 ", (3, 4)),
        ("(3, 4)", (3, 4)),
        ("[3,4]", (3, 4)),
        ("5", (5,)),
        ("5,", (5,)),
        ("", ()),
        ("()", ()),
        (7, (7,)),
        ([2, 0], (2, 0)),
        ((), ()),
    ],
    ids=[
        "plain",
        "spaces",
        "parens",
        "brackets",
        "one",
        "trailing-comma",
        "empty",
        "unit",
        "int",
        "list",
        "tuple",
    ],
)
def test_parse_shape(spec: object, shape: Shape) -> None:
    assert parse_shape(spec) == shape  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "spec",
    ["3,x", "-1", "3,,4", "3.5", True, [1, -2], "٣"],
    ids=["letter", "negative", "double-comma", "float", "bool", "neg-list", "arabic-digit"],
)
def test_parse_shape_rejects(spec: object) -> None:
    with pytest.raises(ExpressionError) as info:
        parse_shape(spec)  # type: ignore[arg-type]
    assert info.value.message == (
        f"{spec!r} is not a shape; write whole numbers separated by "
        "commas, like 3,4 (or () for a scalar)"
    )


def test_parse_shape_takes_numpy_integers() -> None:
    # (np.int64(2), 3), as computed shapes often are, used to be "not a shape"
    assert parse_shape((np.int64(2), np.uint8(3))) == (2, 3)
    assert parse_shape(np.int64(4)) == (4,)
    assert all(type(d) is int for d in parse_shape((np.int64(2),)))
    with pytest.raises(ExpressionError, match="is not a shape"):
        parse_shape((np.True_,))  # type: ignore[arg-type]
    with pytest.raises(ExpressionError, match="is not a shape"):
        parse_shape(-1)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ((1,) * 65, "a shape of 65 dimensions is too many: NumPy arrays have at most 64"),
        ("1," * 65, "a shape of 65 dimensions is too many: NumPy arrays have at most 64"),
        (
            (2**63, 2),
            "(9223372036854775808, 2) has a dimension larger than NumPy allows (2**63 - 1)",
        ),
    ],
    ids=["65-dims", "65-dims-text", "huge-dim"],
)
def test_parse_shape_keeps_numpy_limits(spec: object, message: str) -> None:
    # NumPy refuses these shapes, so explain() must too (it used to accept them)
    with pytest.raises(ExpressionError) as info:
        parse_shape(spec)  # type: ignore[arg-type]
    assert info.value.message == message
    assert parse_shape((1,) * 64) == (1,) * 64
