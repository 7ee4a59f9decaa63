"""The static interpreter, construct by construct: what each name holds, and what is refused."""

from __future__ import annotations

import ast

import pytest

from shapekit.engine.program import MAX_STATEMENTS, analyse
from shapekit.errors import InputError, MismatchError, RaggedError

DATA = """import numpy as np
inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
biases = [2.0, 3.0, 0.5]
"""


def program(code: str, data: bool = True):  # type: ignore[no-untyped-def]
    return analyse([(None, (DATA if data else "") + code)], file="sub.py")


KNOWN = [
    pytest.param("x = np.array(inputs)", "x", (3, 4), id="np.array"),
    pytest.param("inputs = np.asarray(inputs)", "inputs", (3, 4), id="rebinding"),
    pytest.param("x = list(biases)", "x", (3,), id="list()"),
    pytest.param("x = tuple(weights)", "x", (3, 4), id="tuple()"),
    pytest.param("x = np.array(weights).T", "x", (4, 3), id=".T"),
    pytest.param("x = np.array(weights).transpose()", "x", (4, 3), id=".transpose()"),
    pytest.param("x = np.transpose(weights)", "x", (4, 3), id="np.transpose"),
    pytest.param("x = np.zeros((2, 3, 4)).transpose(1, 0, 2)", "x", (3, 2, 4), id="axes"),
    pytest.param("x = np.array(weights).reshape(2, -1)", "x", (2, 6), id="reshape -1"),
    pytest.param("x = np.reshape(inputs, (12,))", "x", (12,), id="np.reshape"),
    pytest.param("x = np.zeros((3, 4))", "x", (3, 4), id="zeros"),
    pytest.param("x = np.ones(5)", "x", (5,), id="ones"),
    pytest.param("x = np.empty([2, 2])", "x", (2, 2), id="empty"),
    pytest.param("x = np.full((2, 3), 7)", "x", (2, 3), id="full"),
    pytest.param("x = np.random.randn(3, 4)", "x", (3, 4), id="randn"),
    pytest.param("x = np.random.rand(4)", "x", (4,), id="rand"),
    pytest.param("x = np.random.uniform(-1, 1, (2, 5))", "x", (2, 5), id="uniform"),
    pytest.param("x = np.random.normal(0, 1, size=3)", "x", (3,), id="normal"),
    pytest.param(
        "rng = np.random.default_rng(0)\nx = rng.normal(size=(3, 4))", "x", (3, 4), id="rng.normal"
    ),
    pytest.param(
        "rng = np.random.default_rng()\nx = rng.uniform(0, 1, 5)", "x", (5,), id="rng.uniform"
    ),
    pytest.param(
        "rng = np.random.default_rng(1)\nx = rng.random((2, 2))", "x", (2, 2), id="rng.random"
    ),
    pytest.param("x = np.arange(10)", "x", (10,), id="arange"),
    pytest.param("x = np.arange(2, 11, 3)", "x", (3,), id="arange step"),
    pytest.param("x = np.eye(3)", "x", (3, 3), id="eye"),
    pytest.param("x = np.expand_dims(biases, 0)", "x", (1, 3), id="expand_dims"),
    pytest.param("x = [biases]", "x", (1, 3), id="[x]"),
    pytest.param("x = np.dot(inputs, np.array(weights).T)", "x", (3, 3), id="dot"),
    pytest.param("x = np.array(inputs) @ np.array(weights).T + biases", "x", (3, 3), id="@ +"),
    pytest.param("x = np.array(inputs) * 2 - 1 / np.ones(4)", "x", (3, 4), id="* - /"),
    pytest.param("x = np.maximum(0, np.array(inputs))", "x", (3, 4), id="maximum"),
    pytest.param("x = np.exp(inputs)", "x", (3, 4), id="exp"),
    pytest.param("x = np.array(inputs).sum(axis=1, keepdims=True)", "x", (3, 1), id="sum keepdims"),
    pytest.param("x = np.mean(inputs, axis=0)", "x", (4,), id="mean"),
    pytest.param("x = np.argmax(inputs, axis=1)", "x", (3,), id="argmax"),
    pytest.param("x = np.sum(inputs)", "x", (), id="sum all"),
    pytest.param("a, x = inputs, biases", "x", (3,), id="tuple unpacking"),
    pytest.param("[x, y] = np.zeros((2, 5))", "x", (5,), id="unpack rows"),
    pytest.param("x = np.zeros(3)\nx += 1", "x", (3,), id="augmented"),
    pytest.param("x = []\nfor i in range(5):\n    x.append(i)", "x", (5,), id="append range"),
    pytest.param("x = []\nfor row in weights:\n    x.append(row)", "x", (3, 4), id="append list"),
    pytest.param(
        "x = []\nfor w, b in zip(weights, biases):\n    x.append(np.dot(w, inputs[0]) + b)",
        "x",
        (3,),
        id="append zip",
    ),
    pytest.param("x = [np.dot(w, inputs[0]) for w in weights]", "x", (3,), id="comprehension"),
    pytest.param("x = [[v * 2 for v in row] for row in inputs]", "x", (3, 4), id="nested comp"),
    pytest.param(
        "if len(biases) > 5:\n    x = np.ones(3)\nelse:\n    x = np.zeros(3)",
        "x",
        (3,),
        id="if known",
    ),
    pytest.param("def main():\n    x = np.ones((2, 2))\nmain()", "x", (2, 2), id="def main"),
    pytest.param("def main():\n    x = np.ones((2, 2))", "x", (2, 2), id="never called"),
    pytest.param(
        "def forward():\n    return np.dot(inputs, np.array(weights).T) + biases\nx = forward()",
        "x",
        (3, 3),
        id="call",
    ),
    pytest.param("def f(a, b=2):\n    return a * b\nx = f(np.ones(4))", "x", (4,), id="args"),
    pytest.param("n, d = np.array(inputs).shape\nx = np.zeros((n, d))", "x", (3, 4), id=".shape"),
    pytest.param("x = np.zeros((len(inputs), 2))", "x", (3, 2), id="len"),
    pytest.param("x = np.array(inputs)[0]", "x", (4,), id="index"),
    pytest.param("x = np.array(inputs)[:, 1:3]", "x", (3, 2), id="slices"),
    pytest.param("x = np.array(inputs)[None]", "x", (1, 3, 4), id="newaxis"),
]


@pytest.mark.parametrize(("code", "name", "shape"), KNOWN)
def test_a_followed_name_has_its_numpy_shape(code: str, name: str, shape: tuple[int, ...]) -> None:
    result = program(code)
    binding = result.binding(name)
    assert binding is not None
    assert (binding.status, binding.shape) == ("known", shape), binding.reason
    assert result.problems == []


@pytest.mark.parametrize(
    "code",
    [
        "import numpy as np\ny = np.dot(np.array([[1, 2]]), np.array([[1], [2]]))",
        "import numpy\ny = numpy.dot(numpy.array([[1, 2]]), numpy.array([[1], [2]]))",
        "from numpy import dot, array\ny = dot(array([[1, 2]]), array([[1], [2]]))",
    ],
    ids=["as np", "numpy", "from numpy"],
)
def test_the_three_import_styles(code: str) -> None:
    assert analyse([(None, code)]).binding("y").shape == (1, 1)  # type: ignore[union-attr]


UNKNOWN = [
    pytest.param(
        "from helpers import load_data\ninputs = load_data()",
        "inputs",
        "`load_data()` at line 6, which cannot be followed without running the file",
        id="call",
    ),
    pytest.param(
        "import pandas as pd\nx = pd.read_csv('a.csv')",
        "x",
        "`pd.read_csv('a.csv')` at line 6",
        id="module",
    ),
    pytest.param(
        "if input():\n    x = np.ones(3)\nelse:\n    x = np.ones(4)",
        "x",
        "depends on the condition at line 5",
        id="if differs",
    ),
    pytest.param(
        "x = []\nwhile len(x) < int(input()):\n    x.append(1)", "x", "a loop at line 6", id="while"
    ),
    pytest.param(
        "x = []\nfor i in range(10**6):\n    x.append(1)",
        "x",
        "the loop at line 6, which runs 1,000,000 times: too long for shapekit to follow",
        id="long range",
    ),
    pytest.param(
        "x = []\nfor v in open('f'):\n    x.append(v)", "x", "a loop at line 6", id="for unknown"
    ),
    pytest.param(
        "x = [v for v in '1 2'.expandtabs().split()]", "x", "comprehension", id="comprehension"
    ),
    pytest.param(
        "def f(a):\n    x = a.T\n",
        "x",
        "the parameter `a` of `f()`, which is never called",
        id="param",
    ),
]


@pytest.mark.parametrize(("code", "name", "reason"), UNKNOWN)
def test_what_cannot_be_followed_is_unknown_with_its_reason(
    code: str, name: str, reason: str
) -> None:
    binding = program(code).binding(name)
    assert binding is not None and binding.status == "unknown" and binding.shape is None
    assert binding.reason is not None and binding.reason.startswith(f"`{name}` comes from ")
    assert reason in binding.reason


def test_a_name_never_bound_is_unknown_in_a_notebook_and_a_name_error_in_a_py_file() -> None:
    """A notebook's kernel may hold names its cells never bind; a .py file runs in a
    namespace of its own."""
    cell = analyse([(0, "x = y + 1\n")]).binding("x")
    assert cell is not None and cell.status == "unknown"
    assert "the name `y` at line 1 of cell 0, which is not assigned before" in (cell.reason or "")
    (problem,) = analyse([(None, "x = y + 1\n")]).problems
    assert problem.line == 1 and "NameError" in problem.message


def test_the_chapter_bug_is_a_problem_with_the_fix_in_the_students_words() -> None:
    result = program("outputs = np.dot(inputs, weights) + biases\n")
    (problem,) = result.problems
    assert (problem.line, problem.column, problem.cell) == (5, 11, None)
    assert problem.expr == "np.dot(inputs, weights)"
    assert problem.message.startswith(
        "cannot compute np.dot(inputs, weights) with shapes (3, 4) and (3, 4): "
        "the inner dimensions 4 and 3 do not match"
    )
    assert problem.fixes == ["np.dot(inputs, np.array(weights).T) + biases"]
    assert isinstance(problem.error, MismatchError) and problem.error.op == "dot"
    assert problem.error.suggestions[0].shape == (3, 3)
    binding = result.binding("outputs")
    assert binding is not None and binding.status == "error" and binding.error is problem.error


def test_a_fix_on_an_array_uses_dot_t() -> None:
    code = "x = np.array(inputs)\nw = np.array(weights)\ny = x @ w + biases\n"
    (problem,) = program(code).problems
    assert problem.fixes == ["x @ w.T + biases"]


def test_a_bias_of_the_wrong_length_is_a_problem() -> None:
    code = "biases = [1.0, 2.0, 3.0, 4.0]\nout = np.dot(inputs, np.array(weights).T) + biases\n"
    (problem,) = program(code).problems
    assert problem.expr == "np.dot(inputs, np.array(weights).T) + biases"
    assert "aligned from the right, the dimensions 3 and 4 do not match" in problem.message


@pytest.mark.parametrize(
    ("code", "expr", "fixes"),
    [
        ("y = [1, 2] @ [3, 4]", "[1, 2] @ [3, 4]", ["np.array([1, 2]) @ [3, 4]"]),
        ("y = weights.T", "weights.T", ["np.array(weights).T"]),
        ("y = -biases", "-biases", ["-np.array(biases)"]),
        ("y = biases - biases", "biases - biases", ["np.array(biases) - biases"]),
    ],
)
def test_what_python_refuses_on_lists_is_a_problem(code: str, expr: str, fixes: list[str]) -> None:
    (problem,) = program(code).problems
    assert (problem.expr, problem.fixes) == (expr, fixes)


def test_python_joins_and_repeats_lists() -> None:
    result = program("a = biases + biases\nb = biases * 2\nc = np.array(biases) + biases\n")
    assert [result.binding(n).shape for n in "abc"] == [(6,), (6,), (3,)]  # type: ignore[union-attr]


def test_a_ragged_literal_is_an_error_binding_with_its_node() -> None:
    result = analyse([(None, "x = [[1, 2],\n     [3]]\n")])
    binding = result.binding("x")
    assert binding is not None and binding.status == "error"
    assert isinstance(binding.error, RaggedError) and binding.error.path == (1,)
    assert isinstance(binding.node, ast.List) and binding.value == [[1, 2], [3]]
    assert (binding.line, binding.column) == (1, 5)


def test_a_ragged_array_call_names_a_long_literal_briefly() -> None:
    """The message is located; it does not repeat a multi-line literal, newlines and all."""
    code = "import numpy as np\nw = np.array([[0.2, 0.8],\n              [0.5]])\n"
    binding = analyse([(None, code)]).binding("w")
    assert binding is not None and binding.status == "error" and binding.error is not None
    assert binding.error.message.startswith("NumPy cannot make an array of this list: ")
    assert "\n" not in binding.error.message
    short = analyse([(None, "import numpy as np\nw = np.array([[1, 2], [3]])\n")]).binding("w")
    assert short is not None and short.error is not None
    assert short.error.message.startswith("NumPy cannot make an array of [[1, 2], [3]]: ")


def test_notebook_cells_in_order_a_later_cell_wins() -> None:
    cells = [
        (2, "import numpy as np\nw = np.ones(4)"),
        (4, "w = np.ones((3, 4))"),
        (5, "out = np.ones((2, 4)) @ w"),
    ]
    result = analyse(cells, file="nb.ipynb")
    assert (result.binding("w").shape, result.binding("w").cell) == ((3, 4), 4)  # type: ignore[union-attr]
    (problem,) = result.problems
    assert (problem.cell, problem.line, problem.column) == (5, 1, 7)
    assert problem.fixes == ["np.ones((2, 4)) @ w.T"]


def test_a_parsed_tree_may_be_passed() -> None:
    text = "x = [1, 2]"
    assert analyse([(None, text, ast.parse(text))]).binding("x").shape == (2,)  # type: ignore[union-attr]


def test_a_syntax_error_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        analyse([(3, "x = [1, 2")], file="nb.ipynb")
    assert (caught.value.kind, caught.value.cell, caught.value.line) == ("syntax", 3, 1)


def test_a_loop_past_the_statement_limit_is_followed_once_merged() -> None:
    """810,000 steps are more than shapekit follows one by one: after the first, the steps
    left are followed once, merged, so what comes after is known (running gives y = 1),
    and x is a number whose value is not known."""
    code = "x = 0\nfor i in range(900):\n    for j in range(900):\n        x = x + 1\ny = 1\n"
    result = analyse([(None, code)])
    y, x = result.binding("y"), result.binding("x")
    assert y is not None and y.status == "known" and y.value == 1
    assert x is not None and x.status == "known" and x.value is None
    assert MAX_STATEMENTS < 900 * 900


def test_recursion_is_cut_at_the_call_depth() -> None:
    code = "def f(n):\n    return f(n)\nx = f(1)\n"
    binding = analyse([(None, code)]).binding("x")
    assert binding is not None and binding.status == "unknown"


def test_nothing_is_run() -> None:
    code = "import os\nos.system('touch /tmp/shapekit-was-run')\nx = __import__('os')\n"
    result = analyse([(None, code)])
    assert result.binding("x").status == "unknown"  # type: ignore[union-attr]
