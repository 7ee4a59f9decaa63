"""Regression tests from a fresh-eyes run of ``shapekit check`` over a course's submissions.

Python and NumPy are the oracles: a CSV table has the shape ``np.loadtxt``
gives it, a syntax error sits where ``compile`` puts it, and a notebook that
IPython runs without a syntax error has none in shapekit's report.
"""

from __future__ import annotations

import importlib.util
import io
import json
import warnings

import numpy as np
import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

from shapekit.check.checker import check_file
from shapekit.check.expect import Expectations
from shapekit.check.readers.csvtable import read_csv
from shapekit.testing import assert_file


def notebook(path, cells):
    """Write a notebook of code cells (sources given as lists of lines, as Jupyter saves them)."""
    data = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "metadata": {},
                "outputs": [],
                "source": source.splitlines(keepends=True),
            }
            for source in cells
        ],
    }
    path.write_text(json.dumps(data, indent=1))
    return str(path)


# --- CSV tables are shaped like np.loadtxt shapes them -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("2\n3\n0.5\n", id="one-column"),
        pytest.param("2,3,0.5\n", id="one-row"),
        pytest.param("7\n", id="one-number"),
        pytest.param("1,2,3\n4,5,6\n", id="table"),
        pytest.param("1,2\n\n3,4\n", id="blank-line"),
        pytest.param(" 1 , 2 \n", id="spaces"),
    ],
)
def test_csv_shape_is_the_shape_np_loadtxt_gives(text):
    oracle = np.loadtxt(io.StringIO(text), delimiter=",")
    assert np.array(read_csv(text).value).shape == oracle.shape


def test_a_bias_vector_saved_as_a_column_or_a_row_passes(tmp_path):
    for folder, text in [("col", "2\n3\n0.5\n"), ("row", "2,3,0.5\n")]:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "biases.csv").write_text(text)
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--expect", "biases=3"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count("ok: biases has shape (3,)") == 2


def test_a_bad_cell_in_a_one_row_table_is_located(tmp_path):
    path = tmp_path / "biases.csv"
    path.write_text("2, 3, x\n")
    result = check_file(str(path), Expectations.parse(["biases=3"]))
    (variable,) = result.variables
    assert variable.status == "error"
    assert (variable.line, variable.column) == (1, 7)


# --- notebooks: syntax errors where Python puts them, IPython's own syntax is not an error --------


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("for i in range(3)\n    print(i)\n", id="missing-colon"),
        pytest.param("weights = np.ones((3, 4)\n", id="unclosed"),
        pytest.param("x = 1\nif x = 2:\n    pass\n", id="assign-in-if"),
    ],
)
def test_a_notebook_syntax_error_is_at_pythons_own_column(tmp_path, cell):
    # the notebook's first line is '{': CPython used to take the column from the file on disk
    path = notebook(tmp_path / "sub.ipynb", ["import numpy as np\n", cell])
    with pytest.raises(SyntaxError) as oracle:
        compile(cell, "<cell>", "exec")
    result = check_file(path, Expectations.parse(["weights=3,4"]))
    (problem,) = result.problems
    assert (problem.cell, problem.line, problem.column) == (
        2,
        oracle.value.lineno,
        oracle.value.offset,
    )


def test_ipython_help_shell_and_cell_magics_are_not_syntax_errors(tmp_path):
    path = notebook(
        tmp_path / "sub.ipynb",
        [
            "import numpy as np\nnp.dot?\n?np.dot\nnp.random.randn??\n",
            "files = !ls\nn, m = %sc -l echo hi\n",
            "%%bash\necho 'not python ('\n",
            "%%writefile helper.py\ndef f(:\n",
            "%%time\nweights = np.ones((3, 4))\n",
            'question = "why?"\nbiases = np.zeros(3)\n',
        ],
    )
    result = check_file(path, Expectations.parse(["weights=3,4", "biases=3"]))
    assert result.problems == []
    assert [(v.name, v.status, v.cell) for v in result.variables] == [
        ("weights", "ok", 5),
        ("biases", "ok", 6),
    ]


def test_a_question_mark_in_real_python_still_fails(tmp_path):
    path = notebook(tmp_path / "sub.ipynb", ["weights = [1, 2?]\n"])
    result = check_file(path, Expectations.parse(["weights=2"]))
    assert [p.message for p in result.problems] == ["Python syntax error: invalid syntax"]


# --- what Python only warns about is not an error, and shapekit does not print the warning -------


@pytest.mark.parametrize(
    "source", ['pattern = "\\d+"\n', "flag = 5 is 5\n", "folder = 'data\\q'\n"]
)
def test_code_python_warns_about_is_checked_silently(tmp_path, source):
    path = tmp_path / "sub.py"
    path.write_text(f"weights = [[0.5] * 4] * 3\n{source}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # a grader's pytest may show warnings, or run with -W error
        result = check_file(str(path), Expectations.parse(["weights=3,4"]))
    assert result.problems == []
    assert [(v.name, v.status) for v in result.variables] == [("weights", "ok")]
    assert caught == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_file(path, weights="3,4")


# --- Python source is decoded as Python decodes it ----------------------------------------------


@pytest.mark.parametrize(
    ("data", "runs"),
    [
        pytest.param(
            "# -*- coding: latin-1 -*-\n# café\nw = [1, 2]\n".encode("latin-1"), True, id="latin-1"
        ),
        pytest.param("# coding: cp1252\ns = '€'\nw = [1, 2]\n".encode("cp1252"), True, id="cp1252"),
        pytest.param(b"# coding: no-such-encoding\nw = [1, 2]\n", False, id="unknown"),
        pytest.param(b"# caf\xe9\nw = [1, 2]\n", False, id="undeclared-latin-1"),
    ],
)
def test_python_source_is_read_when_and_only_when_python_reads_it(tmp_path, data, runs):
    path = tmp_path / "sub.py"
    path.write_bytes(data)
    try:  # the oracle: how Python's import machinery decodes and compiles a source file
        compile(importlib.util.decode_source(data), str(path), "exec")
    except (SyntaxError, UnicodeDecodeError):
        assert not runs
    else:
        assert runs
    (variable,) = check_file(str(path), Expectations.parse(["w=2"])).variables
    assert variable.status == ("ok" if runs else "error")


# --- reports -------------------------------------------------------------------------------------


def test_a_file_that_cannot_be_read_says_why_once_in_text_and_per_name_in_json(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text("inputs = [1, 2]\nfor i in range(3)\n    print(i)\n")
    names = ["--expect", "inputs=2", "--expect", "weights=3,4", "--expect", "biases=3"]
    text = CliRunner().invoke(main, ["check", str(path), *names])
    assert text.exit_code == 1
    assert text.stdout.count("Python syntax error: expected ':'") == 1
    report = CliRunner().invoke(main, ["check", str(path), *names, "--format", "json"])
    variables = json.loads(report.stdout)["results"][0]["variables"]
    assert [(v["name"], v["status"], v["line"]) for v in variables] == [
        ("inputs", "error", 2),
        ("weights", "error", 2),
        ("biases", "error", 2),
    ]


def test_gradescope_without_points_still_has_the_score_gradescope_requires(tmp_path):
    (tmp_path / "layer.py").write_text("weights = [[0.5] * 4] * 3\nbiases = [1, 2]\n")
    names = ["--expect", "weights=3,4", "--expect", "biases=3", "--format", "gradescope"]
    result = CliRunner().invoke(main, ["check", str(tmp_path), *names])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    # Gradescope's specification: "score" is "optional, but required if not on each test case"
    assert document["score"] == 1.0
    assert [t["status"] for t in document["tests"]] == ["passed", "failed"]


# --- a notebook runs its cells in order from a fresh kernel, as graders run it ---------------


def run_cells(cells: list[str]) -> int | None:
    """Run the cells in order in one namespace (a fresh kernel); the cell that fails, if any."""
    namespace: dict[str, object] = {}
    for number, cell in enumerate(cells, start=1):
        try:
            exec(compile(cell, f"<cell {number}>", "exec", dont_inherit=True), namespace)
        except NameError:
            return number
    return None


def test_a_name_used_before_the_cell_that_assigns_it_is_a_name_error(tmp_path):
    cells = [
        "import numpy as np\n",
        "outputs = inputs @ weights.T\n",
        "inputs = np.ones((3, 4))\nweights = np.ones((3, 4))\n",
    ]
    assert run_cells(cells) == 2
    result = check_file(notebook(tmp_path / "nb.ipynb", cells), Expectations.parse(["outputs=3,3"]))
    assert not result.ok
    (variable,) = result.variables
    assert variable.status == "error" and "NameError" in variable.message
    assert "cell 3" in variable.message


def test_with_ipython_syntax_in_the_notebook_a_name_may_come_from_it_and_stays_unknown(tmp_path):
    cells = [
        "import numpy as np\n%run setup.py\n",  # may bind inputs and weights
        "outputs = inputs @ weights.T\n",
        "inputs = np.ones((3, 4))\nweights = np.ones((3, 4))\n",
    ]
    result = check_file(notebook(tmp_path / "nb.ipynb", cells), Expectations.parse(["outputs=3,3"]))
    (variable,) = result.variables
    assert variable.status == "unknown"


def test_a_fix_on_an_operand_already_transposed_drops_the_transpose(tmp_path):
    path = tmp_path / "sub.py"
    source = "import numpy as np\nx = np.ones((3, 4))\nw = np.ones((4, 3))\ny = np.dot(x, w.T)\n"
    path.write_text(source)
    result = check_file(str(path), Expectations.parse(["y=3,3"]))
    (problem,) = result.problems
    assert problem.fixes == ["np.dot(x, w)"]
    namespace: dict[str, object] = {}
    exec(source.replace("np.dot(x, w.T)", problem.fixes[0]), namespace)
    assert np.shape(namespace["y"]) == (3, 3)


def test_a_value_made_from_a_ragged_array_says_where_the_file_stops(tmp_path):
    path = tmp_path / "sub.py"
    source = (
        "import numpy as np\ninputs = np.array([[1.0, 2.0, 3.0],\n"
        "                   [2.0, 5.0]])\nweights = np.ones((3, 3))\noutputs = inputs @ weights\n"
    )
    path.write_text(source)
    with pytest.raises(ValueError):
        exec(
            compile(source, str(path), "exec", dont_inherit=True), {}
        )  # np.array refuses it at line 2
    result = check_file(str(path), Expectations.parse(["inputs=2,3", "outputs=2,3"]))
    inputs, outputs = result.variables
    assert inputs.status == "error" and outputs.status == "error"
    assert outputs.line == 5
    assert "never gets a value" in outputs.message and "at line 2" in outputs.message


def test_a_data_file_a_script_reads_is_judged_through_it_not_as_a_submission(tmp_path, monkeypatch):
    (tmp_path / "params.json").write_text(
        json.dumps({"weights": [[0.1, 0.2, 0.3, 0.4]] * 3, "biases": [1, 2, 3]})
    )
    (tmp_path / "layer.py").write_text(
        "import json\nimport numpy as np\nparams = json.load(open('params.json'))\n"
        "weights = np.array(params['weights'])\ninputs = np.ones((3, 4))\n"
        "outputs = inputs @ weights.T + np.array(params['biases'])\n"
    )
    (tmp_path / "other.json").write_text(json.dumps({"inputs": [[1, 2, 3, 4]] * 3}))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    run = runner.invoke(main, ["check", ".", "--expect", "inputs=3,4", "--expect", "outputs=3,3"])
    assert run.exit_code == 1, run.output  # other.json has no outputs: it is still judged
    assert "params.json: skipped: a data file that" in run.stderr
    assert "1 passed, 1 failed" in run.stdout


def test_a_csv_named_like_a_variable_that_the_script_reads_with_usecols_is_judged_through_it(
    tmp_path, monkeypatch
):
    (tmp_path / "X.csv").write_text("1,2,3\n4,5,6\n")
    (tmp_path / "fwd.py").write_text(
        "import numpy as np\nX = np.loadtxt('X.csv', delimiter=',', usecols=(0, 1))\n"
        "hidden = X @ np.ones((2, 3))\n"
    )
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["check", ".", "--expect", "X=?,2", "--expect", "hidden=?,3"])
    assert run.exit_code == 0, run.output
    assert "X.csv: skipped: a data file that" in run.stderr


def test_a_data_file_with_a_variable_the_script_lacks_is_still_judged(tmp_path, monkeypatch):
    np.save(tmp_path / "weights.npy", np.ones((2, 2)))
    (tmp_path / "alice.py").write_text(
        "import numpy as np\ninputs = np.ones((3, 4))\ny = np.load('weights.npy')\n"
    )
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(
        main, ["check", ".", "--expect", "inputs=3,4", "--expect", "weights=3,4"]
    )
    assert run.exit_code == 1, run.output  # weights.npy is (2, 2), and alice.py has no weights
    assert "skipped" not in run.stderr


def test_a_fix_after_which_a_later_check_in_the_file_fails_is_not_offered(tmp_path):
    """The fix that transposes a function's result computes at its line, but the caller's
    np.allclose then compares shapes that do not broadcast: running the pasted fix fails."""
    source = (
        "import numpy as np\n\n\ndef dense(x, w, b):\n    return np.dot(x, w.T) + b.reshape(3, 1)\n"
        "\n\nw = np.ones((3, 4))\nb = np.zeros(3)\noutputs = dense(np.ones((3, 4)), w, b)\n"
        "assert np.allclose(dense(np.zeros((2, 4)), w, b), b)\n"
    )
    path = tmp_path / "dense.py"
    path.write_text(source)
    (problem,) = check_file(str(path), Expectations.parse(["outputs=3,3"])).problems
    assert problem.fixes  # each offered fix, pasted in, runs through
    for fix in problem.fixes:
        exec(
            compile(
                source.replace("np.dot(x, w.T) + b.reshape(3, 1)", fix),
                "<fix>",
                "exec",
                dont_inherit=True,
            ),
            {},
        )
    refused = source.replace(
        "np.dot(x, w.T) + b.reshape(3, 1)", "np.dot(x, w.T).T + b.reshape(3, 1)"
    )
    with pytest.raises(ValueError):  # the fix not offered: running it fails in np.allclose
        exec(compile(refused, "<fix>", "exec", dont_inherit=True), {})


@pytest.mark.parametrize(
    ("source", "name", "shape"),
    [
        ("import numpy as np\ny = np.zeros((2, 3))\n", "y", (2, 3)),
        ("import numpy as np\nnp.random.seed(0)\nweights = np.random.randn(3, 4)\nn = 3\n",
         "weights", (3, 4)),
    ],
)  # fmt: skip
def test_a_run_without_names_checks_the_one_array_the_file_makes(tmp_path, source, name, shape):
    """``shapekit check FILE`` with no option: the array need not be written out."""
    path = tmp_path / "a.py"
    path.write_text(source)
    namespace: dict = {}
    exec(compile(source, str(path), "exec", dont_inherit=True), namespace)  # the oracle
    assert np.shape(namespace[name]) == shape
    result = check_file(str(path), Expectations())
    assert [(v.name, v.status, v.shape) for v in result.variables] == [(name, "ok", shape)]


def test_a_run_without_names_asks_which_of_several_arrays(tmp_path):
    """Several arrays and no name: not judged (unknown, no failure), the message names them."""
    path = tmp_path / "a.py"
    path.write_text("import numpy as np\na = np.zeros((2, 3))\nb = a.T\n")
    (variable,) = check_file(str(path), Expectations()).variables
    assert (
        variable.status == "unknown" and "several variables hold arrays (a, b)" in variable.message
    )


def test_a_run_without_names_still_reports_the_problems_of_several_arrays(tmp_path):
    path = tmp_path / "a.py"
    path.write_text("import numpy as np\na = np.zeros((2, 3))\nb = np.zeros((2, 3))\nc = a @ b\n")
    result = check_file(str(path), Expectations())
    assert [p.line for p in result.problems if p.certain] == [4] and not result.ok
