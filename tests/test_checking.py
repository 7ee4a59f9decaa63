"""The checker: a verdict per expected variable, problems, named dimensions, isolation."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from shapekit.check import checker
from shapekit.check.checker import (
    Expect,
    Expectations,
    FileResult,
    agree_named,
    check_file,
    check_paths,
    collect_files,
)
from shapekit.check.results import Variable


@pytest.fixture
def files(tmp_path):
    """Write {name: text} into tmp_path and return the directory."""

    def make(contents):
        for name, text in contents.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return make


def expect(*specs, var=None):
    return Expectations.parse(specs, var=var)


@pytest.mark.parametrize(
    ("text", "spec", "status", "message", "line", "column"),
    [
        pytest.param(
            "[[1, 2, 3, 4],\n [5, 6, 7, 8]]", "2,4", "ok", "a has shape (2, 4)", 1, 1, id="match"
        ),
        pytest.param(
            "[[1, 2, 3, 4],\n [5, 6, 7, 8]]", "?,4", "ok", "a has shape (2, 4)", 1, 1, id="wildcard"
        ),
        pytest.param(
            "[[1, 2, 3],\n [5, 6, 7]]",
            "2,4",
            "wrong-shape",
            "a has shape (2, 3), but (2, 4) was expected: dimension 1 is 3, not 4",
            1,
            2,
            id="wrong-length-points-at-first-row",
        ),
        pytest.param(
            "[1, 2, 3]",
            "?,4",
            "wrong-shape",
            "a has shape (3,), but (?, 4) was expected: 1 dimension instead of 2",
            1,
            1,
            id="wrong-rank",
        ),
        pytest.param(
            "[[1, 2, 3],\n [3, 4, 5]]",
            "n,n",
            "wrong-shape",
            "a has shape (2, 3), but (n, n) was expected: dimension 1 (n) is 3 "
            "but dimension 0 (n) is 2; they must be equal",
            1,
            2,
            id="name-twice",
        ),
        pytest.param("[[1, 2], [3, 4]]", "n,n", "ok", "a has shape (2, 2)", 1, 1, id="square"),
    ],
)
def test_nameless_file_against_an_unnamed_shape(files, text, spec, status, message, line, column):
    path = str(files({"a.json": text}) / "a.json")
    result = check_file(path, expect(spec))
    (variable,) = result.variables
    assert (variable.name, variable.status, variable.message) == ("a", status, message)
    assert (variable.line, variable.column) == (line, column)
    assert result.ok is (status == "ok")
    if status != "ok":
        assert variable.excerpt == text.splitlines()[line - 1]
        assert variable.expected == list(Expect.parse(spec).dims)


def test_ragged_variable_in_python_has_its_position(files):
    root = files(
        {"s.py": "import numpy as np\ninputs = [\n  [1, 2, 3],\n  [4, 5],\n  [7, 8, 9],\n]\n"}
    )
    result = check_file(str(root / "s.py"), expect(var="inputs"))
    (variable,) = result.variables
    assert variable.status == "error"
    assert variable.message.startswith("inputs[1] has 2 elements")
    assert (variable.line, variable.column, variable.cell) == (4, 3, None)
    assert variable.excerpt == "  [4, 5],"
    assert result.to_dict() == {
        "file": str(root / "s.py"),
        "ok": False,
        "status": "failed",
        "variables": [
            {
                "name": "inputs",
                "status": "error",
                "shape": None,
                "expected": None,
                "line": 4,
                "column": 3,
                "cell": None,
                "message": variable.message,
            }
        ],
        "problems": [],
    }


def test_an_unreadable_file_is_an_error_for_every_expected_variable(files):
    path = str(files({"bad.json": "[[1, 2],\n [3 4]]"}) / "bad.json")
    result = check_file(path, expect("inputs=3,4", "weights=3,4"))
    assert [(v.name, v.status) for v in result.variables] == [
        ("inputs", "error"),
        ("weights", "error"),
    ]
    variable = result.variables[0]
    assert variable.message == "this is not valid JSON: Expecting ',' delimiter"
    assert (variable.line, variable.column, variable.excerpt) == (2, 5, " [3 4]]")
    assert variable.expected == [3, 4]


def test_several_variables_in_one_python_file(files):
    root = files(
        {
            "s.py": "inputs = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]\n"
            "weights = [[1, 2, 3, 4]] * 3\n"
            "biases = [1, 2]\n"
        }
    )
    result = check_file(
        str(root / "s.py"), expect("inputs=batch,4", "weights=3,4", "biases=3", "bias=3")
    )
    by_name = {v.name: v for v in result.variables}
    assert list(by_name) == ["inputs", "weights", "biases", "bias"]
    assert by_name["inputs"].status == "ok"
    assert by_name["inputs"].shape == (3, 4)
    assert by_name["biases"].status == "wrong-shape"
    assert by_name["biases"].message == (
        "biases has shape (2,), but (3,) was expected: dimension 0 is 2, not 3"
    )
    assert (by_name["biases"].line, by_name["biases"].column) == (3, 10)
    assert by_name["bias"].status == "missing"
    assert "there is no variable named 'bias'" in by_name["bias"].message
    assert "did you mean 'biases'?" in by_name["bias"].message
    assert not result.ok


def test_json_object_keys_are_names(files):
    root = files({"s.json": json.dumps({"inputs": [[1, 2]] * 3, "weights": [[1, 2]]})})
    result = check_file(str(root / "s.json"), expect("inputs=3,2", "weights=3,2", "biases=3"))
    assert [(v.name, v.status) for v in result.variables] == [
        ("inputs", "ok"),
        ("weights", "wrong-shape"),
        ("biases", "missing"),
    ]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("weights.csv", "1,2,3,4\n5,6,7,8\n9,10,11,12\n", id="csv"),
        pytest.param(
            "weights.json", "[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]", id="json-list"
        ),
    ],
)
def test_a_nameless_file_is_the_variable_named_by_its_stem(files, name, text):
    root = files({name: text})
    result = check_file(str(root / name), expect("inputs=3,4", "weights=3,4"))
    assert [(v.name, v.status, v.shape) for v in result.variables] == [("weights", "ok", (3, 4))]


@pytest.mark.parametrize("name", ["submission.csv", "submission.json", "submission.npy"])
def test_a_nameless_file_matching_no_name_is_missing_never_a_silent_pass(files, name):
    # issue 10: `--var weights` on a CSV or bare JSON list read the whole file as weights
    path = files({}) / name
    if name.endswith(".npy"):
        np.save(path, np.ones((3, 4)))
    else:
        path.write_text("[[1, 2, 3, 4]]" if name.endswith(".json") else "1,2,3,4\n")
    result = check_file(str(path), expect("3,4", var="weights"))
    (variable,) = result.variables
    assert variable.status == "missing"
    assert variable.message.endswith(
        f"which is not the expected name weights; to check it as weights, name the file "
        f"weights{os.path.splitext(name)[1]}"
    )
    assert "('submission')" in variable.message
    assert not result.ok


def test_npz_members_are_names(tmp_path):
    np.savez(tmp_path / "s.npz", inputs=np.ones((3, 4)), weights=np.ones((4, 3)))
    result = check_file(str(tmp_path / "s.npz"), expect("inputs=3,4", "weights=3,4", "biases=3"))
    assert [(v.name, v.status) for v in result.variables] == [
        ("inputs", "ok"),
        ("weights", "wrong-shape"),
        ("biases", "missing"),
    ]


def test_notebook_cells_a_later_cell_wins(files):
    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": "# Layer"},
            {"cell_type": "code", "source": "weights = [[1, 2], [3, 4]]\n"},
            {"cell_type": "code", "source": ["x = 1\n", "weights = [[1, 2, 3],\n", "  [4, 5]]\n"]},
        ]
    }
    root = files({"s.ipynb": json.dumps(notebook)})
    result = check_file(str(root / "s.ipynb"), expect("weights=2,3"))
    (variable,) = result.variables
    assert variable.status == "error"
    assert (variable.line, variable.column, variable.cell) == (3, 3, 3)
    assert variable.excerpt == "  [4, 5]]"


def test_a_notebook_cell_that_does_not_parse_is_a_problem_the_rest_is_read(files):
    notebook = {
        "cells": [
            {"cell_type": "code", "source": "weights = [[1, 2, 3], [4, 5, 6]]\n"},
            {"cell_type": "code", "source": "print('hi'\n"},
        ]
    }
    root = files({"s.ipynb": json.dumps(notebook)})
    result = check_file(str(root / "s.ipynb"), expect("weights=2,3"))
    assert result.variables[0].status == "ok"
    (problem,) = result.problems
    assert (problem.line, problem.cell) == (1, 2)
    assert problem.message.startswith("Python syntax error: '(' was never closed")
    assert not result.ok


def test_a_variable_from_a_call_is_unknown_with_the_reason(files):
    root = files({"s.py": "import data\n\ninputs = data.load()\n"})
    result = check_file(str(root / "s.py"), expect("inputs=3,4"))
    (variable,) = result.variables
    assert variable.status == "unknown"
    assert (variable.line, variable.column) == (3, 10)
    assert "data.load()" in variable.message
    assert (result.ok, result.status) == (False, "unknown")


@pytest.mark.parametrize(
    ("source", "line", "column", "fragment"),
    [
        pytest.param(
            "x = [[1, 2] [3, 4]]\n",
            1,
            12,
            "a comma is missing between `[1, 2]` and `[3, 4]`",
            id="rows-side-by-side",
        ),
        pytest.param(
            "x = [[1, 2]\n     [3, 4]]\n",
            1,
            12,
            "a comma is missing between `[1, 2]` and `[3, 4]`",
            id="rows-on-two-lines",
        ),
        pytest.param(
            "x = [[1.0, 2.0 3.0]]\n",
            1,
            15,
            "a comma is missing between `2.0` and `3.0`",
            id="syntax-error",
        ),
    ],
)
def test_a_missing_comma_is_pointed_at_exactly(files, source, line, column, fragment):
    root = files({"s.py": source})
    result = check_file(str(root / "s.py"), expect("x=2,2"))
    found = [(p.line, p.column, p.message) for p in result.problems]
    found += [(v.line, v.column, v.message) for v in result.variables if v.status == "error"]
    assert any((ln, col) == (line, column) and fragment in msg for ln, col, msg in found), found
    assert not result.ok


def test_a_sign_that_reads_as_subtraction_is_explained_on_a_short_row(files):
    root = files({"s.py": "x = [[1.0, 2.0, 3.0],\n     [4.0, 5.0 -1.0]]\n"})
    result = check_file(str(root / "s.py"), expect("x=2,3"))
    (variable,) = result.variables
    assert variable.status == "error"
    assert "Python reads `5.0 -1.0` as one number, 5.0 - 1.0, not two" in variable.message
    assert "write `5.0, -1.0`" in variable.message


def test_named_dimension_agrees_across_files(files):
    root = files(
        {
            "a.json": "[[1, 2, 3, 4]] ",
            "b.json": "[[1, 2, 3, 4], [1, 2, 3, 4]]",
            "c.json": "[[1, 2, 3, 4], [1, 2, 3, 4]]",
            "d.json": "[[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]",
            "e.json": "[[1, 2, 3], [1, 2, 3]]",
        }
    )
    results = check_paths([str(root)], expect("batch,4"))
    assert [os.path.basename(r.file) for r in results] == [f"{c}.json" for c in "abcde"]
    assert [r.ok for r in results] == [False, True, True, False, False]
    assert results[0].variables[0].message == (
        "a has shape (1, 4): dimension 0 (batch) is 1 here but 2 in the other files"
    )
    assert results[3].variables[0].message == (
        "d has shape (3, 4): dimension 0 (batch) is 3 here but 2 in the other files"
    )
    assert (results[3].variables[0].line, results[3].variables[0].column) == (1, 1)
    # e.json fails on its fixed dimension and does not vote on batch
    assert results[4].variables[0].message.endswith("dimension 1 is 3, not 4")


def test_named_dimension_agrees_within_a_file(files):
    root = files({"s.json": json.dumps({"inputs": [[1, 2, 3, 4]] * 3, "outputs": [[1, 2]] * 5})})
    result = check_file(str(root / "s.json"), expect("inputs=batch,4", "outputs=batch,2"))
    assert [v.status for v in result.variables] == ["ok", "wrong-shape"]
    assert result.variables[1].message == (
        "outputs has shape (5, 2): dimension 0 (batch) is 5, but it is 3 in inputs "
        "(dimension 0); the two must be equal"
    )


def test_named_dimension_tie_goes_to_the_first_file():
    results = [
        FileResult(f, [Variable("x", "ok", shape=s)]) for f, s in [("a", (3, 4)), ("b", (5, 4))]
    ]
    agree_named(results, expect("x=batch,4"))
    assert [r.ok for r in results] == [True, False]
    assert results[1].variables[0].message.endswith("is 5 here but 3 in the other files")


def test_named_dimension_failure_points_at_the_first_row_of_that_depth(files):
    root = files(
        {
            "a.json": "[[1, 2, 3]]",
            "b.json": "[[1, 2, 3], [4, 5, 6]]",
            "c.json": "[\n  [1, 2],\n  [3, 4]\n]\n",
        }
    )
    results = check_paths([str(root)], expect("?,width"))
    assert [r.ok for r in results] == [True, True, False]
    failed = results[2].variables[0]
    assert failed.message.endswith("dimension 1 (width) is 2 here but 3 in the other files")
    assert (failed.line, failed.column, failed.excerpt) == (2, 3, "  [1, 2],")


def test_collect_files_walks_directories_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ["z.json", "a.py", "sub/b.ipynb", "notes.txt", "sub/c.NPY", "d.csv"]:
        (tmp_path / name).write_text("[1]")
    (tmp_path / "empty").mkdir()
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)  # not followed
    files, problems = collect_files([str(tmp_path), str(tmp_path / "empty"), "missing.json"])
    names = [os.path.relpath(f, tmp_path) for f in files]
    assert files == sorted(files)
    assert set(names) == {
        "a.py",
        "d.csv",
        "sub/b.ipynb",
        "sub/c.NPY",
        "z.json",
        os.path.relpath("missing.json", tmp_path),
    }
    (problem,) = problems
    assert problem.variables[0].message.startswith(
        f"{tmp_path / 'empty'}: no readable files in this directory (looked for .json, .py"
    )
    assert not problem.ok


def test_check_paths_continues_after_bad_files(files, tmp_path):
    root = files({"ok.json": "[[1, 2]]", "bin.json": "\x00\x01", "evil.py": "import os\nx = [1]\n"})
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    results = check_paths([str(root)])
    kinds = {os.path.basename(r.file): (r.ok, r.variables[0].kind) for r in results}
    assert kinds == {
        "bin.json": (False, "binary"),
        "evil.py": (True, None),
        "loop.json": (False, "symlink_loop"),
        "ok.json": (True, None),
    }


def test_an_unexpected_exception_is_that_files_internal_error(files, monkeypatch):
    root = files({"a.json": "[[1, 2]]", "b.json": "[[3, 4]]"})
    real = checker._check_json

    def explode(result, *args):
        if result.file.endswith("b.json"):
            raise KeyError("boom")
        return real(result, *args)

    monkeypatch.setattr(checker, "_check_json", explode)
    results = check_paths([str(root)], expect("1,2"))
    assert [r.status for r in results] == ["passed", "internal-error"]
    reason = results[1].internal_error
    assert reason.startswith("shapekit itself failed on this file (KeyError: 'boom')")
    assert "please report it" in reason and "\n" not in reason
    assert results[1].to_dict()["problems"] == [
        {
            "line": None,
            "column": None,
            "cell": None,
            "message": reason,
            "fixes": [],
            "certain": True,
        }
    ]


def test_a_set_of_lists_is_an_error_not_a_crash(files):
    # issue 9: `x = {[1, 2]}` was "TypeError: unhashable type: 'list'" and ended the run
    root = files({"a.json": "[[1, 2], [3, 4]]", "m.py": "x = {[1, 2]}\n"})
    results = check_paths([str(root)], expect(var="x"))
    m = results[1].variables[0]
    assert (m.status, m.line) == ("error", 1)
    assert results[1].internal_error is None


def test_a_missing_variable_among_200000_names_gives_a_short_message(files):
    root = files({"big.json": json.dumps({f"key{i}": 1 for i in range(200_000)})})
    result = check_file(str(root / "big.json"), expect(var="inputs"))
    (variable,) = result.variables
    assert variable.status == "missing"
    assert len(variable.message) < 600
    assert variable.message.endswith("and 199980 more")


def test_a_variable_in_a_cell_that_does_not_parse_says_so(files):
    notebook = {
        "cells": [
            {"cell_type": "code", "source": "inputs = [[1, 2]]\n"},
            {"cell_type": "code", "source": "weights = [[1, 2, 3] [4, 5, 6]\n"},
        ]
    }
    root = files({"s.ipynb": json.dumps(notebook)})
    result = check_file(str(root / "s.ipynb"), expect("weights=2,3"))
    (variable,) = result.variables
    assert variable.status == "missing"
    assert variable.message.endswith("(cell 2 does not parse, so its names are not read)")
    (problem,) = result.problems
    assert (problem.cell, problem.line) == (2, 1)


def test_a_variable_the_file_never_reaches_points_at_its_own_line_and_the_problem_once(
    tmp_path,
) -> None:
    code = (
        "import numpy as np\n"
        "inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0]]\n"
        "weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]\n"
        "def forward(x):\n"
        "    return np.dot(x, weights)\n"
        "outputs = forward(inputs)\n"
    )
    path = tmp_path / "sub.py"
    path.write_text(code)
    with pytest.raises(ValueError):  # the oracle: running it stops inside forward
        exec(compile(code, str(path), "exec", dont_inherit=True), {})
    result = check_file(str(path), Expectations.parse(["outputs=2,3"]))
    [variable] = result.variables
    assert variable.status == "error"
    assert (variable.line, variable.column) == (6, 11)
    assert variable.message.startswith(
        "outputs never gets a value: running the file stops before it, at line 5: "
        "cannot compute np.dot(x, weights) with shapes (2, 4) and (3, 4)"
    )
    [problem] = result.problems
    assert problem.line == 5 and "in the call `forward(inputs)` at line 6" in problem.message
    assert problem.fixes == ["np.dot(x, np.array(weights).T)"]


def test_a_value_that_fails_itself_points_at_its_problem_with_the_fix(tmp_path) -> None:
    path = tmp_path / "sub.py"
    path.write_text("import numpy as np\na = np.zeros((2, 4))\nb = np.zeros((3, 4))\nc = a @ b\n")
    result = check_file(str(path), Expectations.parse(["c=2,3"]))
    [variable] = result.variables
    assert (variable.status, variable.line, variable.column) == ("error", 4, 5)
    assert variable.message.startswith("c gets no value: its own expression fails at line 4")
    [problem] = result.problems  # once, with its fix
    assert problem.message.startswith("cannot compute a @ b") and problem.fixes == ["a @ b.T"]


def test_a_value_that_fails_without_a_fix_is_said_once_on_the_variable(tmp_path) -> None:
    path = tmp_path / "sub.py"
    path.write_text("import numpy as np\nx = np.array([[1, 2], [3]])\n")
    result = check_file(str(path), Expectations.parse(["x=2,2"]))
    [variable] = result.variables
    assert variable.status == "error" and variable.line == 2
    assert result.problems == []


def _run_with(code: str, problem_line: int, old: str, fix: str) -> dict:
    """Run ``code`` with ``fix`` in place of ``old`` on ``problem_line`` (the oracle)."""
    lines = code.splitlines(keepends=True)
    lines[problem_line - 1] = lines[problem_line - 1].replace(old, fix)
    namespace: dict = {}
    exec(compile("".join(lines), "<fixed>", "exec"), namespace)
    return namespace


BOOK_TWO_LAYERS = """\
import numpy as np
class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.01 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))
    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases
X = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
dense1 = Layer_Dense(4, 5)
dense2 = Layer_Dense(3, 2)
dense1.forward(X)
dense2.forward(dense1.output)
out = dense2.output
"""


def test_a_fix_that_would_break_another_call_of_the_method_is_not_offered(tmp_path) -> None:
    path = tmp_path / "book.py"
    path.write_text(BOOK_TWO_LAYERS)
    result = check_file(str(path), Expectations.parse(["out=3,2"]))
    [problem] = result.problems
    assert problem.line == 7 and "dense2.forward(dense1.output)" in problem.message
    assert problem.fixes == []
    # the fix the expression alone allows: the first layer then fails (X is a list)
    with pytest.raises(AttributeError):
        _run_with(BOOK_TWO_LAYERS, 7, "np.dot(inputs,", "np.dot(inputs.T,")


def test_a_fix_that_gives_an_expected_variable_a_wrong_shape_is_not_offered(tmp_path) -> None:
    code = (
        "import numpy as np\n"
        "inputs = np.ones((3, 4))\n"
        "weights = np.ones((3, 2))\n"
        "def layer(x, w):\n"
        "    return np.dot(x, w)\n"
        "out = layer(inputs, weights)\n"
    )
    path = tmp_path / "sub.py"
    path.write_text(code)
    with_expectation = check_file(str(path), Expectations.parse(["out=3,2"]))
    [problem] = with_expectation.problems
    assert problem.fixes == []
    assert _run_with(code, 5, "np.dot(x, w)", "np.dot(x.T, w)")["out"].shape == (4, 2)
    # the same fix is offered when nothing says what out should be
    without = check_file(str(path), Expectations.parse(["inputs=3,4"]))
    assert without.problems[0].fixes == ["np.dot(x.T, w)"]


def test_the_usual_fix_is_offered_for_an_expected_variable_and_runs(tmp_path) -> None:
    code = (
        "import numpy as np\n"
        "inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0]]\n"
        "weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]\n"
        "biases = [2.0, 3.0, 0.5]\n"
        "outputs = np.dot(inputs, weights) + biases\n"
    )
    path = tmp_path / "sub.py"
    path.write_text(code)
    result = check_file(str(path), Expectations.parse(["outputs=batch,3"]))
    [variable] = result.variables
    assert variable.status == "error" and (variable.line, variable.column) == (5, 11)
    assert variable.message.startswith("outputs gets no value: its own expression fails at line 5")
    [problem] = result.problems
    assert problem.fixes == ["np.dot(inputs, np.array(weights).T) + biases"]
    fixed = _run_with(code, 5, "np.dot(inputs, weights) + biases", problem.fixes[0])
    assert fixed["outputs"].shape == (2, 3)


def test_a_fix_that_breaks_a_named_dimension_across_variables_is_not_offered(tmp_path) -> None:
    code = (
        "import numpy as np\n"
        "inputs = np.zeros((3, 4))\n"
        "weights = np.zeros((3, 4))\n"
        "biases = np.zeros(3)\n"
        "outputs = inputs * weights + biases\n"
    )
    path = tmp_path / "sub.py"
    path.write_text(code)
    # the fix the expression alone allows gives outputs (4, 3): batch 4 there, 3 in inputs
    assert _run_with(code, 5, "inputs * weights", "(inputs * weights).T")["outputs"].shape == (4, 3)
    result = check_file(str(path), Expectations.parse(["inputs=batch,4", "outputs=batch,3"]))
    assert result.problems == [] or all(not p.fixes for p in result.problems)
    only_inputs = check_file(str(path), Expectations.parse(["inputs=batch,4"]))
    fixes = only_inputs.problems[0].fixes
    # the fix that keeps the shape of inputs * weights comes first (it keeps the batch)
    assert fixes == ["inputs * weights + biases[:, None]", "(inputs * weights).T + biases"]
    for fix in fixes:  # each runs in the whole file
        assert _run_with(code, 5, "inputs * weights + biases", fix)["outputs"].ndim == 2


def test_a_fix_is_tried_with_the_files_own_modules(tmp_path) -> None:
    """The fresh21 round: with the arrays from a helper module, ``inputs.T / norms`` was
    offered (it makes its own line run, and breaks the next one), because the fix was tried
    without the module; ``norms[:, None]`` fixes both lines."""
    import subprocess
    import sys

    (tmp_path / "helper.py").write_text(
        "import numpy as np\n\ndef load():\n    return np.ones((3, 4)), np.ones((3, 4)), np.zeros(3)\n"
    )
    code = (
        "import numpy as np\nfrom helper import load\n"
        "inputs, weights, biases = load()\n"
        "norms = np.linalg.norm(inputs, axis=1)\n"
        "scaled = inputs / norms\n"
        "out = scaled @ weights.T + biases\n"
    )
    path = tmp_path / "submission.py"
    path.write_text(code)
    [problem] = check_file(str(path), Expectations.parse(["inputs=3,4"])).problems
    assert problem.line == 5
    assert problem.fixes == ["inputs / norms[:, None]"]
    for fix, runs in (("inputs.T / norms", False), (problem.fixes[0], True)):
        path.write_text(code.replace("inputs / norms", fix))
        ran = subprocess.run([sys.executable, path.name], cwd=tmp_path, capture_output=True)
        assert (ran.returncode == 0) is runs
