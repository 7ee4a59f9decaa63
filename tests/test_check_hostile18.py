"""Inputs from the hostile18 round that made ``shapekit check`` fail or run away.

Each is bounded by what it does, not by a clock: the memory a JSON string takes (measured),
a table read at once by NumPy (the oracle: ``np.loadtxt``), a limit with its reason for what
would take minutes, and a search made once per name instead of once per use.
"""

from __future__ import annotations

import io
import tracemalloc

import numpy as np
import pytest

from shapekit.check.checker import Expectations, check_file
from shapekit.check.readers.csvtable import MAX_CELLS
from shapekit.engine.program import MAX_FSTRING_BRACES, analyse


def test_a_long_string_in_a_json_file_takes_memory_like_its_size(tmp_path):
    """It took about 120 bytes a character (a 40 MB string: a MemoryError under 4 GB): the
    pattern that skips strings kept state for each character it read."""
    path = tmp_path / "sub.json"
    path.write_text(
        '{"x": [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], "s": "' + "a" * 2_000_000 + '"}'
    )
    tracemalloc.start()
    try:
        result = check_file(str(path), Expectations.parse(["x=3,4"]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [v.status for v in result.variables] == ["ok"]
    assert peak < 40 * 2_000_000  # the text, its decoded copy and the parsed value, not 240 MB


@pytest.mark.parametrize(
    "text",
    [
        "1\n" * 600_000,  # one column: 1-D, as np.loadtxt reads it
        "1.5,-2,3e2\n" * 120_000,
        ",".join(["7"] * 600_000) + "\n",  # one row
    ],
    ids=["one-column", "three-columns", "one-row"],
)
def test_a_large_table_of_plain_numbers_has_the_shape_np_loadtxt_gives(tmp_path, text):
    """Read at once by NumPy (24 million rows took over 4 GB as lists of Python numbers)."""
    assert len(text) > 1_000_000
    path = tmp_path / "x.csv"
    path.write_text(text)
    expected = np.loadtxt(io.StringIO(text), delimiter=",").shape
    wanted = Expectations.parse([f"x={','.join(map(str, expected))}"])
    (variable,) = check_file(str(path), wanted).variables
    assert variable.status == "ok"
    assert tuple(variable.shape) == expected


def test_a_large_table_with_a_ragged_row_is_still_located(tmp_path):
    text = "1,2\n" * 300_000 + "1,2,3\n"
    path = tmp_path / "x.csv"
    path.write_text(text)
    with pytest.raises(ValueError):
        np.loadtxt(io.StringIO(text), delimiter=",")
    (variable,) = check_file(str(path), Expectations.parse(["x=?,2"])).variables
    assert variable.status == "error"
    assert variable.line == 300_001


@pytest.mark.parametrize(
    "text", ["," * (MAX_CELLS + 10) + "\n", ",\n" * (MAX_CELLS // 2 + 10)], ids=["a-row", "rows"]
)
def test_a_huge_table_of_empty_values_is_unknown_at_once(tmp_path, text):
    """Read value by value it took from 30 s to minutes and gigabytes."""
    path = tmp_path / "x.csv"
    path.write_text(text)
    (variable,) = check_file(str(path), Expectations.parse(["x=3,4"])).variables
    assert variable.status == "unknown"
    assert f"{MAX_CELLS:,} values" in variable.message


def test_an_f_string_with_too_many_fields_is_unknown_not_parsed(tmp_path):
    """CPython 3.11 takes time quadratic in an f-string's fields (250,000: over 30 s)."""
    path = tmp_path / "sub.py"
    path.write_text('import numpy as np\ny = f"' + "{1}" * (MAX_FSTRING_BRACES + 1) + '"\nx = 1\n')
    (variable,) = check_file(str(path), Expectations.parse(["x=3,4"])).variables
    assert variable.status == "unknown"
    assert "f-strings" in variable.message


def test_a_name_never_bound_is_looked_up_among_the_files_names_once(monkeypatch):
    """A typo read 500 times in a loop of 1,000 steps searched the file's 3,000 names for a
    misspelling at every read (minutes); the answer is kept for the name."""
    import difflib

    calls = []
    real = difflib.get_close_matches

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    source = (
        "import numpy as np\n"
        + "".join(f"v{i} = {i}\n" for i in range(300))
        + "def f(*a):\n    return a[0]\nfor i in range(50):\n    y = f("
        + ", ".join(["zz"] * 40)
        + ")\n"
    )
    analyse([(None, source)], file="sub.py")
    assert calls.count("zz") == 1


@pytest.mark.parametrize("shadow", ["numpy.py", "numpy/__init__.py", "math.py"])
def test_a_library_shadowed_by_a_file_beside_the_submission_is_not_taken_for_it(tmp_path, shadow):
    """Python imports ``numpy.py`` from the submission's folder in place of NumPy: running
    gives a string here, so the shape shapekit knows of NumPy's zeros is not the answer."""
    import subprocess
    import sys

    (tmp_path / shadow).parent.mkdir(exist_ok=True)
    (tmp_path / shadow).write_text("def zeros(shape):\n    return 'not an array'\nsqrt = zeros\n")
    library = shadow.split("/")[0].removesuffix(".py")
    call = "zeros((3, 4))" if library == "numpy" else "sqrt(4)"
    sub = tmp_path / "sub.py"
    sub.write_text(f"import {library} as lib\nx = lib.{call}\nprint(repr(x))\n")
    ran = subprocess.run([sys.executable, str(sub)], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "'not an array'"  # the oracle: the file beside it was run
    (variable,) = check_file(str(sub), Expectations.parse(["x=?"])).variables
    assert variable.status == "unknown"
    assert f"{library}.py" in variable.message


def test_a_malformed_npy_header_is_said_the_same_way_each_run(tmp_path):
    """The message quoted an object's address (``<ast.Call object at 0x7f…>``): two runs, or
    ``--jobs 1`` and ``--jobs 2``, wrote different reports."""
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (__import__('os'),), }"
    header += " " * (118 - len(header)) + "\n"
    path = tmp_path / "x.npy"
    path.write_bytes(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode())
    messages = {check_file(str(path)).variables[0].message for _ in range(2)}
    assert len(messages) == 1
    assert " at 0x" not in messages.pop()


def test_a_large_table_takes_memory_like_its_size(tmp_path):
    """A list of every line, made twice (to find a separator and to place cells), took about
    60 bytes a line: 12 million rows of '1,1' peaked at 1.2 GB."""
    path = tmp_path / "x.csv"
    path.write_text("1,1\n" * 1_000_000)  # 4 MB
    check_file(str(path), Expectations())  # NumPy imported before measuring
    tracemalloc.start()
    try:
        (variable,) = check_file(str(path), Expectations()).variables
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert variable.status == "ok" and tuple(variable.shape) == (1_000_000, 2)
    assert peak < 15 * 4_000_000  # the text, its bytes and the array (16 MB), not 150 MB
