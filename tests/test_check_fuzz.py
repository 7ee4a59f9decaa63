"""Property tests (issue 9): every reader, `check` and `shape` take any input without crashing.

Each input either succeeds or gives one of shapekit's own errors; `check` never
reports an internal error (its isolation boundary would hide a crash as one)
and never exits with anything but 0 or 1 for files it can read. Budgets are
small (tens of examples each) to keep the suite fast; the strategies aim at the
syntax readers care about (brackets, commas, signs, numbers, names, calls)
rather than at random noise alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapekit_cli.main import main

from shapekit.check.checker import Expectations, check_file
from shapekit.check.readers import read_file, read_text
from shapekit.errors import InputError, ShapeError, ShapekitError

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: pieces of Python and JSON array syntax, joined at random
TOKENS = st.sampled_from(
    [
        "[", "]", "(", ")", "{", "}", ",", " ", "\n", "-", "+", ".", "e", "1", "2.5", "0x1f",
        "1_0", "True", "None", "'a'", '"b"', "inputs", "weights", " = ", "np.array(", "np.dot(",
        ".T", "@", "*", ":", "#", "\\", "def f():\n    ", "for i in range(3):\n    ", ".append(",
        "\t", "٣", "\x1b[2K", "9" * 30, "lambda", "yield", "import numpy as np\n",
    ]
)  # fmt: skip
CODE = st.lists(TOKENS, max_size=40).map("".join)
TEXT = st.one_of(CODE, st.text(max_size=200))
SUFFIXES = [".py", ".json", ".ipynb", ".csv", ".tsv", ".npy", ".npz", ".txt"]


def _notebook(source: str) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "source": source}]})


def _write(folder: str, suffix: str, text: str) -> str:
    path = os.path.join(folder, f"inputs{suffix}")
    data = _notebook(text) if suffix == ".ipynb" else text
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
        handle.write(data)
    return path


@FUZZ
@given(text=TEXT, suffix=st.sampled_from(SUFFIXES), var=st.sampled_from([None, "inputs", "x"]))
def test_readers_succeed_or_raise_shapekit_errors(text, suffix, var):
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = _write(folder, suffix, text)
        except UnicodeEncodeError:
            return
        try:
            source = read_file(path, var=var)
            source.shape()
        except (InputError, ShapeError):
            pass


@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_readers_take_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"x{suffix}")
        with open(path, "wb") as handle:
            handle.write(data)
        with contextlib.suppress(InputError, ShapeError):
            read_file(path).shape()


@FUZZ
@given(text=TEXT)
def test_read_text_like_stdin(text):
    with contextlib.suppress(InputError, ShapeError):
        read_text(text, file="<stdin>").shape()


@FUZZ
@given(
    text=CODE,
    suffix=st.sampled_from([".py", ".ipynb", ".json", ".csv"]),
    expects=st.sampled_from(
        [[], ["inputs=3,4"], ["inputs=batch,4", "weights=3,4", "biases=3"], ["?,4"]]
    ),
)
def test_check_file_never_fails_internally(text, suffix, expects):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(folder, suffix, text)
        result = check_file(path, Expectations.parse(expects))
    assert result.internal_error is None, (text, result.internal_error)
    for variable in result.variables:
        assert variable.status in ("ok", "wrong-shape", "error", "missing", "unknown")
        assert "\n" not in variable.message or variable.status != "ok"
    result.to_dict()


@FUZZ
@given(text=CODE, fmt=st.sampled_from(["text", "json", "junit", "gradescope"]))
def test_check_command_exits_0_or_1_with_a_whole_report(text, fmt):
    with tempfile.TemporaryDirectory() as folder:
        _write(folder, ".py", text)
        _write(folder, ".json", text)
        result = CliRunner().invoke(
            main, ["check", folder, "--expect", "inputs=3,4", "--format", fmt]
        )
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if fmt in ("json", "gradescope"):
        json.loads(result.stdout)


@FUZZ
@given(text=TEXT)
def test_shape_command_on_stdin(text):
    result = CliRunner().invoke(main, ["shape"], input=text)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@FUZZ
@given(spec=st.text(max_size=30))
def test_expectations_parse_any_text(spec):
    with contextlib.suppress(ShapekitError):
        Expectations.parse([spec])
