"""``explain`` on hostile and careless input (issue 9): no traceback, bounded work, clear limits."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from shapekit_cli.main import main

from shapekit import explain
from shapekit.engine._exprtree import MAX_NODES, MAX_VALUE_ELEMENTS
from shapekit.engine.expr import parse_shape
from shapekit.errors import ExpressionError, MismatchError, ShapekitError

HUGE = "1" + "0" * 5000


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["explain", *args])


# --- unary operators with values ----------------------------------------------------------


def test_unary_minus_on_a_value_computes_like_numpy() -> None:
    result = run("--value", "x=[1,2]", "--", "-x")
    assert result.exit_code == 0, result.output
    assert "value: [-1, -2]" in result.stdout
    assert explain("-x", values={"x": [1, 2]}).value.tolist() == [-1, -2]


def test_unary_plus_on_a_list_literal() -> None:
    result = run("+[1, 2]")
    assert result.exit_code == 0, result.output
    assert "value: [1, 2]" in result.stdout
    assert explain("-[[1.5], [2]] * 2").value.tolist() == [[-3.0], [-4.0]]


# --- bounded work --------------------------------------------------------------------------

FOUR = {
    "a": [[[[i]]] for i in range(480)],
    "b": [[[i]] for i in range(480)],
    "c": [[i] for i in range(480)],
    "d": list(range(480)),
}


def test_a_value_too_large_is_refused_from_the_shapes_before_computing() -> None:
    with pytest.raises(ExpressionError) as caught:
        explain("a + b + c + d", values=FOUR)
    assert caught.value.expr == "a + b + c"
    assert f"more than the {MAX_VALUE_ELEMENTS:,} whose values shapekit computes" in str(
        caught.value
    )
    assert (
        explain("a + b + c + d", shapes={k: np.shape(v) for k, v in FOUR.items()}).shape
        == (480,) * 4
    )


def test_the_element_limit_holds_in_little_memory() -> None:
    """Under a 1 GiB address-space limit the refusal comes before any allocation."""
    code = textwrap.dedent(
        f"""
        import resource, json
        from click.testing import CliRunner
        from shapekit_cli.main import main
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        values = {json.dumps({k: json.dumps(v) for k, v in FOUR.items()})}
        args = ["explain", "a + b + c + d"]
        for name, value in values.items():
            args += ["--value", f"{{name}}={{value}}"]
        result = CliRunner().invoke(main, args)
        print(result.exit_code, result.output.splitlines()[-1])
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 Error: the value of a + b + c would have")


def test_too_many_parts_name_the_limit() -> None:
    def balanced(n: int) -> str:  # shallow, so that the depth limit is not the one hit
        return "x" if n == 1 else f"({balanced(n // 2)} + {balanced(n - n // 2)})"

    text = balanced(MAX_NODES // 2 + 5)
    with pytest.raises(ExpressionError, match=f"more than {MAX_NODES} parts"):
        explain(text, shapes={"x": (2,)})


def test_a_long_list_literal_is_not_counted_as_parts() -> None:
    assert explain(repr(list(range(1500))) + " * 2").shape == (1500,)


def test_a_large_value_is_computed_but_not_printed() -> None:
    result = run(
        "a + b", "--value", f"a={list(range(200))}", "--value", f"b={[[i] for i in range(200)]}"
    )
    assert result.exit_code == 0
    assert "value: not shown: 40000 elements, more than the 10,000 shapekit prints" in result.stdout
    assert len(result.stdout) < 20_000
    data = json.loads(
        run("--json", "a + b", "--value", f"a={list(range(200))}", "--value", "b=[[1]]").stdout
    )
    assert "value" in data
    data = json.loads(
        run(
            "--json", "a + b", "--value", f"a={list(range(200))}",
            "--value", f"b={[[i] for i in range(200)]}",
        ).stdout
    )  # fmt: skip
    assert "value" not in data and data["value_omitted"].startswith("not shown: 40000 elements")


# --- numbers past Python's 4300 digits and deep nesting ----------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x @ y", "--shape", f"x={HUGE},4", "--shape", "y=4"], "has a dimension of 5001 digits"),
        (["x", "--value", f"x=[{HUGE}]"], "a number of more than 4300 digits"),
        (["x", "--value", "x=" + "[" * 30000 + "1" + "]" * 30000], "nested too deeply"),
        ([f"x * {HUGE}", "--shape", "x=3"], "more than 4300 digits, too large to be an array"),
    ],
    ids=["shape", "value", "deep value", "literal"],
)
def test_huge_numbers_and_deep_nesting_are_usage_errors(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert message in result.output
    assert "Exceeds the limit" not in result.output


@pytest.mark.parametrize(
    "spec",
    [HUGE, f"3,{HUGE}", 10**5000, (10**5000, 2), -(10**5000)],
    ids=["text", "text-2d", "int", "tuple", "negative"],
)
def test_parse_shape_names_the_limit_for_huge_numbers(spec: object) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_shape(spec)  # type: ignore[arg-type]
    assert len(caught.value.message) < 200
    assert "2**63 - 1" in caught.value.message or "is not a shape" in caught.value.message


# --- names as Python reads them -------------------------------------------------------------


def test_names_are_nfkc_normalised_like_identifiers() -> None:
    result = run("ｘ @ 𝑦", "--shape", "ｘ=3,4", "--shape", "𝑦=4")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ｘ @ 𝑦 -> (3,)")
    assert explain("ｘ * y", shapes={"ｘ": (2,)}, values={"𝑦": [1, 2]}).shape == (2,)


def test_two_spellings_of_one_name_are_given_twice() -> None:
    result = run("x", "--shape", "ｘ=3", "--shape", "x=4")
    assert result.exit_code == 2 and "x is given twice" in result.output
    with pytest.raises(ExpressionError, match="given twice"):
        explain("x", shapes={"ｘ": (3,), "x": (4,)})


# --- fixes are valid Python for their operands ---------------------------------------------


def test_a_list_operand_is_transposed_as_an_array() -> None:
    with pytest.raises(MismatchError) as caught:
        explain("x - [[1, 2, 3]]", shapes={"x": (3, 4)})
    fixes = [fix.expr for fix in caught.value.suggestions]
    assert fixes == ["x - np.array([[1, 2, 3]]).T", "x.T - [[1, 2, 3]]"]
    x = np.ones((3, 4))
    for fix in caught.value.suggestions:  # each fix runs, with the shape it claims
        assert np.shape(eval(fix.expr, {"np": np, "x": x})) == fix.shape


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["@", "+", "-", "*"]),
    st.lists(st.integers(1, 3), min_size=1, max_size=2),
    st.lists(st.integers(1, 3), min_size=1, max_size=2),
    st.booleans(),
)
def test_every_fix_runs_in_python(op: str, a: list[int], b: list[int], literal: bool) -> None:
    value = np.arange(float(np.prod(b))).reshape(b).tolist()
    right = repr(value) if literal else "y"
    text = f"x {op} {right}"
    try:
        explain(text, shapes={"x": tuple(a), "y": tuple(b)})
    except MismatchError as error:
        for fix in error.suggestions:
            found = eval(fix.expr, {"np": np, "x": np.ones(a), "y": np.ones(b)})
            assert np.shape(found) == fix.shape, fix


# --- fuzzing: shapekit's own errors or a result, never a traceback ------------------------

TEXT = st.text(
    alphabet=st.sampled_from(list("xyab()[],.@+-*/ T0123np_\n\t'\"#:;{}=<>!~%^&|\\")), max_size=40
)
SPECS = st.lists(
    st.tuples(st.sampled_from(["--shape", "--value"]), st.sampled_from(["x", "y", "ｘ", "a b", ""]),
              st.sampled_from(["3,4", "4", "", "()", "[1, 2]", "[[1], [2, 3]]", "1e400", "x", HUGE[:30], "[", "-1"])),
    max_size=3,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_expression_is_explained_or_refused_with_shapekits_errors(text: str) -> None:
    try:
        result = explain(
            text, shapes={"x": (3, 4), "y": (4,)}, values={"a": [1.0, 2.0], "b": [[1], [2]]}
        )
    except ShapekitError as error:
        assert error.message
    else:
        assert isinstance(result.shape, tuple) and str(result)


@settings(max_examples=150, deadline=None)
@given(TEXT, SPECS, st.booleans())
def test_the_cli_never_gives_a_traceback(
    text: str, specs: list[tuple[str, str, str]], as_json: bool
) -> None:
    args = ["--json"] if as_json else []
    for option, name, value in specs:
        args += [option, f"{name}={value}"]
    result = run(*args, "--", text)
    assert result.exit_code in (0, 1, 2), (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "internal error" not in result.output
