"""Issue 9 in the readers and `check`: every hostile input is one of shapekit's own errors.

Each reproducer of the issue is a test here: numbers past Python's 4300-digit
limit, nesting past any stack, sets of lists, ``.npy`` headers that lie,
``.npz`` zip bombs, text files with NumPy suffixes, CSV cells ``np.loadtxt``
refuses. Memory limits are tested in a subprocess under ``RLIMIT_AS``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile

import numpy as np
import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

from shapekit.check.readers import read_file, read_text
from shapekit.check.readers.csvtable import read_csv
from shapekit.errors import InputError

BIG = "1" + "0" * 5000


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        pytest.param("a.json", f"[[1, 2],\n [3, {BIG}]]", 2, 6, id="json"),
        pytest.param(
            "a.ipynb",
            '{"cells": [{"cell_type": "code", "source": "x = 1"}],\n "n": ' + BIG + "}",
            2,
            7,
            id="ipynb",
        ),
        pytest.param("a.py", f"x = [[1, {BIG}]]\n", 1, 10, id="py-decimal"),
    ],
)
def test_numbers_past_4300_digits_are_input_errors(tmp_path, name, text, line, column):
    with pytest.raises(InputError, match=r"(5001 digits|more than 4300 digits)") as info:
        read_file(write(tmp_path, name, text), var="x")
    assert info.value.line == line
    if column is not None:
        assert info.value.column == column
    assert len(info.value.message) < 300


def test_a_5000_digit_hex_number_in_python_is_a_located_error(tmp_path):
    path = write(tmp_path, "a.py", "x = [[1, 0x" + "f" * 5000 + "]]\n")
    result = CliRunner().invoke(main, ["check", path, "--var", "x", "--format", "json"])
    assert result.exit_code == 1, result.output
    variable = json.loads(result.stdout)["results"][0]["variables"][0]
    assert variable["status"] == "error"
    assert variable["line"] == 1
    assert "too large" in variable["message"]
    assert len(variable["message"]) < 600


def test_a_5000_digit_number_on_stdin():
    result = CliRunner().invoke(main, ["shape"], input=f"[1, {BIG}]")
    assert result.exit_code == 1
    assert "5001 digits" in result.output
    assert "Traceback" not in result.output


def test_a_dict_with_a_list_key_on_stdin():
    result = CliRunner().invoke(main, ["shape"], input="{[1]: 2}")
    assert result.exit_code == 1
    assert "a dict key cannot be a list (`[1]`)" in result.output


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("deep.json", "[" * 100_000 + "]" * 100_000, id="json"),
        pytest.param(
            "deep.ipynb",
            '{"cells": [], "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
            id="ipynb",
        ),
        pytest.param("deep.py", "x = " + "[" * 100_000 + "]" * 100_000, id="py"),
    ],
)
def test_deep_nesting_is_a_depth_error(tmp_path, name, text):
    with pytest.raises(InputError, match=r"nested too deeply|too many nested parentheses") as info:
        read_file(write(tmp_path, name, text), var="x")
    assert info.value.kind in ("too_deep", "syntax")


def test_check_survives_deep_nesting(tmp_path):
    write(tmp_path, "deep.ipynb", '{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--var", "x"])
    assert result.exit_code == 1
    assert "nested too deeply" in result.stdout


def _npy(shape_text: str) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.zeros((2, 2)))
    return buffer.getvalue().replace(b"(2, 2)", shape_text.encode())


def test_npy_header_claiming_a_huge_shape_is_refused_from_the_header(tmp_path):
    path = write(tmp_path, "big.npy", _npy("(1000000, 1000000)"))
    with pytest.raises(
        InputError, match=r"the header says the array has shape \(1000000, 1000000\)"
    ) as info:
        read_file(path)
    assert info.value.kind == "too_large"


def test_npy_header_claiming_more_than_the_file_holds(tmp_path):
    path = write(tmp_path, "short.npy", _npy("(20, 2)"))
    with pytest.raises(InputError, match="the file is cut short"):
        read_file(path)


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), \"\"\"}",
            id="tokenize-error",
        ),
        pytest.param(
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (2, -2), }", id="negative"
        ),
        pytest.param(
            b"{'descr': 'xyz', 'fortran_order': False, 'shape': (2, 2), }", id="bad-dtype"
        ),
        pytest.param(b"[1, 2]", id="not-a-dict"),
    ],
)
def test_malformed_npy_headers(tmp_path, header):
    header = header.ljust(118) + b"\n"
    data = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header + b"\x00" * 32
    with pytest.raises(InputError, match="malformed header") as info:
        read_file(write(tmp_path, "bad.npy", data))
    assert info.value.kind == "syntax"


def test_npz_zip_bomb_is_refused_before_inflating(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x.npy", b"\x93NUMPY" + b"\x00" * (64 * 1024 * 1024))
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(
        InputError, match=r"the array 'x' would inflate to 64\.0 MB, more than the limit"
    ):
        read_file(write(tmp_path, "bomb.npz", buffer.getvalue()))


def test_npz_member_that_lies_about_its_size(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x.npy", b"\x00" * 5000)
    with pytest.raises(InputError, match=r"inflates past the limit|would inflate"):
        read_file(write(tmp_path, "a.npz", buffer.getvalue()), max_bytes=4000)


@pytest.mark.parametrize("name", ["text.npz", "text.npy"])
def test_a_text_file_with_a_numpy_suffix_says_what_it_is(tmp_path, name):
    # issue 9: "holds Python objects… unpickling" was wrong for a text file named .npz
    with pytest.raises(InputError) as info:
        read_file(write(tmp_path, name, "[[1, 2], [3, 4]]\n"))
    assert "unpickl" not in info.value.message
    assert "starts with '[[1, 2], [3,'" in info.value.message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("1_000", "1_000", id="underscore"),
        pytest.param("٣", "٣", id="arabic-indic"),
        pytest.param("0x10", "0x10", id="hex"),
        pytest.param("1e3", 1000.0, id="exponent"),
        pytest.param("-inf", float("-inf"), id="inf"),
        pytest.param(" 7 ", 7, id="spaces"),
    ],
)
def test_csv_cells_are_read_like_loadtxt(cell, expected):
    value = read_csv(f"{cell},1\n").value[0]  # one row: 1-D, as np.loadtxt makes it
    assert value == expected
    try:
        oracle = np.loadtxt(io.StringIO(f"{cell},1\n"), delimiter=",")
    except ValueError:
        assert isinstance(value, str)  # loadtxt refuses it: shapekit reports it as not a number
    else:
        assert float(value) == oracle[0]


def test_csv_5000_digit_cell_is_too_large_not_inf():
    with pytest.raises(InputError, match="this number has 5001 digits") as info:
        read_csv(f"1,2\n3,{BIG}\n", file="a.csv")
    assert (info.value.line, info.value.column) == (2, 3)


def test_csv_header_is_reported_not_dropped_silently(tmp_path):
    path = write(tmp_path, "weights.csv", "a,b,c\n1,2,3\n4,5,6\n")
    result = CliRunner().invoke(main, ["check", path, "--expect", "2,3"])
    assert result.exit_code == 0
    assert "line 1 ('a,b,c') is a header row and is not part of the array" in result.stdout


def test_csv_semicolons_are_read_as_such_or_refused():
    src = read_csv("1;2;3\n4;5;6\n")
    assert src.value == [[1, 2, 3], [4, 5, 6]]
    assert "np.loadtxt needs delimiter=';'" in src.notes[0]
    with pytest.raises(InputError, match="decimal commas"):
        read_csv("1,5;2,5\n3,5;4,5\n", file="a.csv")


def test_text_literal_with_list_in_set():
    with pytest.raises(InputError, match="a set element cannot be a list"):
        read_text("x = {[1, 2]}", var="x")


MEMORY_SCRIPT = textwrap.dedent(
    """
    import resource, sys
    limit = 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from click.testing import CliRunner
    from shapekit_cli.main import main
    result = CliRunner().invoke(main, ["check", sys.argv[1], "--format", "json"])
    print(result.exit_code)
    """
)


def test_hostile_numpy_files_stay_within_a_1_gib_address_space(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "big.npy").write_bytes(_npy("(1000000, 1000000)"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("x.npy", b"\x93NUMPY" + b"\x00" * (300 * 1024 * 1024))
    (folder / "bomb.npz").write_bytes(buffer.getvalue())
    (folder / "ok.json").write_text("[1, 2]")
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1"  # two files failed, none crashed, the run finished
