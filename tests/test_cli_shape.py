"""``shapekit shape``: shapes and explanations from files and stdin, text and JSON, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main


def run(*args, stdin=None):
    return CliRunner().invoke(main, ["shape", *map(str, args)], input=stdin)


@pytest.mark.parametrize(
    ("stdin", "shape"),
    [
        pytest.param("[[1, 2, 3], [4, 5, 6]]", "(2, 3)", id="json"),
        pytest.param("[(1, 2), (3, 4),]", "(2, 2)", id="python-literal"),
        pytest.param("[]", "(0,)", id="empty"),
        pytest.param("7", "()", id="scalar"),
    ],
)
def test_stdin_shape(stdin, shape):
    for args in ([], ["-"]):
        result = run(*args, stdin=stdin)
        assert (result.exit_code, result.stdout) == (0, shape + "\n")


def test_stdin_ragged_text_shows_position_and_caret():
    result = run(stdin="[[1, 2, 3],\n [4, 5]]\n")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("<stdin>:2:2: ")
    assert "[1] has 2 elements, but the other rows along dimension 1 have 3" in lines[0]
    assert lines[1:] == ["    2 |  [4, 5]]", "      |  ^"]


def test_json_ok():
    result = run("--json", stdin="[[1], [2]]")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "shape": [2, 1]}


def test_json_error_has_the_fields_and_position():
    result = run("--json", stdin="[[1, 2, 3],\n [4, 5],\n [6, 7, 8]]")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    error = document["error"]
    assert {"kind", "axis", "path", "expected", "found", "message", "line", "column"} <= set(error)
    assert (error["kind"], error["axis"], error["path"]) == ("ragged", 1, [1])
    assert (error["expected"], error["found"]) == (3, 2)
    assert (error["line"], error["column"]) == (2, 2)


def test_file_with_var_and_bool(tmp_path):
    path = tmp_path / "s.py"
    path.write_text("import os\nos.system('rm -rf /')\nmask = [[True, False]]\n")
    result = run(path, "--var", "mask", "--allow-bool")
    assert (result.exit_code, result.stdout) == (0, "(1, 2)\n")
    refused = run(path, "--var", "mask", "--json")
    assert refused.exit_code == 1
    assert json.loads(refused.stdout)["error"]["kind"] == "not_a_number"


def test_several_files(tmp_path):
    (tmp_path / "a.json").write_text("[1, 2]")
    (tmp_path / "b.json").write_text("[[1], 2]")
    result = run(tmp_path / "a.json", tmp_path / "b.json")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{tmp_path / 'a.json'}: (2,)"
    assert result.stdout.splitlines()[1].startswith(f"{tmp_path / 'b.json'}:1:")
    data = json.loads(run(tmp_path / "a.json", tmp_path / "b.json", "--json").stdout)
    assert [(d["file"], d["ok"]) for d in data] == [
        (str(tmp_path / "a.json"), True),
        (str(tmp_path / "b.json"), False),
    ]
    assert data[1]["error"]["kind"] == "mixed"


@pytest.mark.parametrize(
    ("stdin", "message", "line", "column"),
    [
        pytest.param(
            "[[1, 2], [3, 4]",
            "<stdin>:1:16: this is not valid JSON: Expecting ',' delimiter",
            1,
            16,
            id="unclosed",
        ),
        pytest.param(
            "[1, 2] +", "<stdin>:1:9: Python syntax error: invalid syntax", 1, 9, id="python-syntax"
        ),
        pytest.param(
            "[1, x]",
            "<stdin>:1:5: the value uses `x`, which would have to be run to know "
            "its value; shapekit reads files without running them, so write the numbers out",
            1,
            5,
            id="not-literal",
        ),
    ],
)
def test_stdin_input_errors(stdin, message, line, column):
    result = run(stdin=stdin)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == message
    as_json = json.loads(run("--json", stdin=stdin).stdout)
    assert as_json["ok"] is False
    assert (as_json["error"]["message"], as_json["error"]["line"], as_json["error"]["column"]) == (
        message,
        line,
        column,
    )


def test_empty_stdin():
    result = run(stdin="  \n")
    assert result.exit_code == 1
    assert result.stderr == (
        "<stdin>: no input; give a FILE, or pipe JSON or a Python list into shapekit shape\n"
    )


def test_binary_stdin():
    result = CliRunner().invoke(main, ["shape"], input=b"\x00\x01\x02")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "<stdin>: this looks like a binary file (it contains NUL bytes), not text\n"
    )


def test_syntax_error_in_file_shows_caret(tmp_path):
    path = tmp_path / "s.py"
    path.write_text("x = [[1, 2],\n     [3, 4]\n")
    result = run(path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:1:5: Python syntax error: '[' was never closed",
        "    1 | x = [[1, 2],",
        "      |     ^",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["missing.json"], "missing.json: no such file", id="missing-file"),
        pytest.param(["--frobnicate"], "No such option '--frobnicate'", id="unknown-option"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_missing_variable(tmp_path):
    path = tmp_path / "s.py"
    path.write_text("imputs = [[1]]\n")
    result = run(path, "--var", "inputs")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}: there is no variable named 'inputs'; found: imputs (did you mean 'imputs'?)\n"
    )
