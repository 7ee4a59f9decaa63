"""``shapekit explain``: steps, carets under the failing sub-expression, fixes, JSON, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result
from shapekit_cli.explain_cmd import WINDOW, explain
from shapekit_cli.main import main

LAYER = ["-s", "inputs=3,4", "-s", "weights=3,4", "--shape", "biases=3"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["explain", *args])


def test_prints_the_steps() -> None:
    result = run("inputs @ weights.T + biases", *LAYER)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "inputs @ weights.T + biases -> (3, 3)"
    assert lines[3] == (
        "  weights.T                    (3, 4).T: rows become columns and columns "
        "become rows: (4, 3)"
    )
    assert len(lines) == 7


def test_values_are_computed_and_printed() -> None:
    result = run(
        "np.dot(w, x) + b", "--value", "w=[[1, 2], [3, 4]]", "-v", "x=[1, 1]", "-v", "b=[0.1, 0.2]"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "value: [3.1, 7.2]"


def test_a_mismatch_is_underlined_with_its_reason_and_fixes() -> None:
    result = run("inputs @ weights + biases", *LAYER)
    assert result.exit_code == 1
    assert result.stdout == (
        "  inputs @ weights + biases\n"
        "  ^^^^^^^^^^^^^^^^\n"
        "cannot compute inputs @ weights with shapes (3, 4) and (3, 4): the inner dimensions 4 "
        "and 3 do not match: the rows of inputs have 4 elements, but the columns of weights have "
        "3 elements, and a matrix product multiplies them element by element\n"
        "Fixes that work:\n"
        "  inputs @ weights.T + biases  -> (3, 3)  (transpose the right operand)\n"
    )


def test_carets_sit_under_a_nested_sub_expression() -> None:
    result = run("biases + np.dot(inputs, weights)", *LAYER)
    assert result.exit_code == 1
    line, carets = result.stdout.splitlines()[:2]
    assert line == "  biases + np.dot(inputs, weights)"
    assert carets == "  " + " " * 9 + "^" * len("np.dot(inputs, weights)")


def test_a_mismatch_without_fixes_says_so() -> None:
    result = run("a + b", "-s", "a=3", "-s", "b=4")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "No transpose or swap of the operands fixes it."


def test_json_ok() -> None:
    result = run("inputs @ weights.T", *LAYER, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert data["shape"] == [3, 3]
    assert [s["expr"] for s in data["steps"]] == [
        "inputs",
        "weights",
        "weights.T",
        "inputs @ weights.T",
    ]
    assert "value" not in data


def test_json_ok_with_value() -> None:
    result = run("a * 2", "-v", "a=[1, 2]", "--json")
    assert json.loads(result.stdout)["value"] == [2, 4]


def test_json_mismatch() -> None:
    result = run("inputs @ weights + biases", *LAYER, "--json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["ok"] is False
    assert {k: error["error"][k] for k in ("kind", "op", "expr", "col", "suggestions")} == {
        "kind": "mismatch",
        "op": "matmul",
        "expr": "inputs @ weights",
        "col": 0,
        "suggestions": [{"expr": "inputs @ weights.T + biases", "shape": [3, 3]}],
    }
    assert error["error"]["message"].startswith("cannot compute inputs @ weights")


def test_unsupported_syntax_is_a_usage_error() -> None:
    result = run("a / b", "-s", "a=3", "-s", "b=3")
    assert result.exit_code == 2
    assert result.stderr == (
        "  a / b\n"
        "  ^^^^^\n"
        "Error: the operator / is not supported in shape expressions: a / b; use @, +, - or *\n"
    )


def test_unsupported_syntax_in_json() -> None:
    result = run("a + c", "-s", "a=3", "-s", "b=3", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "ok": False,
        "error": {
            "kind": "expression",
            "expr": "c",
            "col": 4,
            "message": "unknown name 'c': no shape or value was given for it (known names: a, b)",
        },
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-s", "a=3,x"],
            "Invalid value for --shape: a: '3,x' is not a shape; write whole "
            "numbers separated by commas, like 3,4 (or () for a scalar)",
        ),
        (["-s", "a"], "Invalid value for --shape: 'a' is not NAME=VALUE with NAME a Python name"),
        (
            ["-s", "1a=3"],
            "Invalid value for --shape: '1a=3' is not NAME=VALUE with NAME a Python name",
        ),
        (["-s", "a=3", "-s", "a=4"], "Invalid value for --shape: a is given twice"),
        (
            ["-v", "a=[1,"],
            "Invalid value for --value: a: '[1,' is not JSON (Expecting value); "
            "write a number or nested lists such as [[1, 2], [3, 4]]",
        ),
    ],
    ids=["bad-shape", "no-equals", "bad-name", "twice", "bad-json"],
)
def test_bad_options_are_usage_errors(args: list[str], message: str) -> None:
    result = run("a", *args)
    assert result.exit_code == 2
    assert f"Error: {message}" in " ".join(result.stderr.split())


def test_a_ragged_value_is_a_shape_problem() -> None:
    result = run("a + 1", "-v", "a=[[1, 2], [3]]")
    assert result.exit_code == 1
    assert result.stdout.startswith("a[1] has 1 element")
    result = run("a + 1", "-v", "a=[[1, 2], [3]]", "--json")
    assert json.loads(result.stdout)["error"]["kind"] == "ragged"


def test_a_scalar_shape() -> None:
    result = run("a * x", "-s", "a=", "-s", "x=2")
    assert result.exit_code == 0
    assert result.stdout.startswith("a * x -> (2,)")


@pytest.mark.parametrize(
    "args",
    [["a +"], ["(" * 500], ["a" * 20000], ["x\0"], ["np.dot(a, a, a)", "-s", "a=2"]],
    ids=["syntax", "deep", "long", "null", "arity"],
)
def test_bad_input_never_gives_a_traceback(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_a_long_expression_is_cut_around_the_failing_part() -> None:
    terms = " + ".join(["a"] * 30)
    result = CliRunner().invoke(explain, [f"{terms} @ b + {terms}", "-s", "a=3", "-s", "b=4,4"])
    assert result.exit_code == 1
    line, carets = result.output.splitlines()[:2]
    assert line.startswith("  …") and line.endswith("…")
    assert len(line) <= 2 + WINDOW + 2
    assert line[carets.index("^") : carets.rindex("^") + 1] == "a @ b"


def test_control_characters_in_the_expression_are_shown_escaped_above_aligned_carets() -> None:
    result = run("a\x1b[2K @ b", "--shape", "a=3,4", "--shape", "b=3,4")
    assert result.exit_code == 2
    line, carets = result.stderr.splitlines()[:2]
    assert "\x1b" not in result.stderr
    assert line == "  a\\x1b[2K @ b"
    assert carets.index("^") == line.index("\\x1b")
