"""Readers: values, source positions, and every kind of bad input as an InputError."""

from __future__ import annotations

import json
import os
import re

import numpy as np
import pytest

from shapekit.check.readers import MAX_BYTES, Position, read_file, read_text, source_line
from shapekit.check.readers.jsontext import json_offset
from shapekit.errors import InputError


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def notebook(*cells):
    """A minimal notebook: each cell is ("code"|"markdown", source lines)."""
    return json.dumps(
        {
            "cells": [{"cell_type": kind, "metadata": {}, "source": src} for kind, src in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


# --- positions on multi-line literals ---------------------------------------------------------

MULTILINE_JSON = '{\n  "inputs": [\n    [1, 2, 3],\n    [4, 5],\n    [6, "x", 8]\n  ]\n}\n'
MULTILINE_PY = (
    "import numpy as np\n\n"
    "weights = [[0.1]]\n"
    "inputs = np.array([\n"
    "    [1, 2, 3],\n"
    "    [4, 5],\n"
    "\t[6, 'x', 8],\n"
    "])\n"
)


@pytest.mark.parametrize(
    ("path", "position"),
    [
        pytest.param((), Position(2, 13), id="whole-value"),
        pytest.param((1,), Position(4, 5), id="row"),
        pytest.param((2, 1), Position(5, 9), id="element"),
        pytest.param((7,), None, id="out-of-range"),
        pytest.param((0, 0, 0), None, id="too-deep-path"),
    ],
)
def test_json_positions_in_a_multiline_file(tmp_path, path, position):
    src = read_file(write(tmp_path, "a.json", MULTILINE_JSON), var="inputs")
    assert src.value == [[1, 2, 3], [4, 5], [6, "x", 8]]
    assert src.name == "inputs"
    assert src.locate(path) == position


@pytest.mark.parametrize(
    ("path", "position", "line_text"),
    [
        pytest.param((), Position(4, 19), "inputs = np.array([", id="array-call-looked-through"),
        pytest.param((1,), Position(6, 5), "    [4, 5],", id="row"),
        pytest.param((2,), Position(7, 2), "\t[6, 'x', 8],", id="row-after-tab"),
        pytest.param((2, 1), Position(7, 6), "\t[6, 'x', 8],", id="element"),
        pytest.param((3,), None, None, id="out-of-range"),
    ],
)
def test_python_positions_in_a_multiline_assignment(tmp_path, path, position, line_text):
    src = read_file(write(tmp_path, "student.py", MULTILINE_PY), var="inputs")
    assert src.value == [[1, 2, 3], [4, 5], [6, "x", 8]]
    assert src.locate(path) == position
    assert src.line_text(position) == line_text


def test_python_columns_count_characters_not_utf8_bytes():
    src = read_text("x = ['é', 'ü', [1]]", var="x")
    assert src.locate((2,)) == Position(1, 16)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("[[1, 2], [3, 4]]", [[1, 2], [3, 4]], id="json"),
        pytest.param("[(1, -2), (+3, 4.5),]", [(1, -2), (3, 4.5)], id="python-literal"),
        pytest.param("[True, None, 'a']", [True, None, "a"], id="python-constants"),
        pytest.param("x = [1]\ny = [[2]]\nx = [3, 4]\n", None, id="several-assignments"),
    ],
)
def test_read_text_takes_json_or_python(text, value):
    if value is None:
        assert read_text(text, var="x").value == [3, 4]  # the last assignment wins
    else:
        assert read_text(text).value == value


def test_python_source_without_var_uses_its_only_list():
    src = read_text("import numpy as np\nn = 3\ndata = [[1, 2]]\n")
    assert (src.name, src.value) == ("data", [[1, 2]])


# --- notebooks ----------------------------------------------------------------------------------


def test_notebook_position_has_cell_line_and_column(tmp_path):
    text = notebook(
        ("markdown", ["# Exercise 1\n"]),
        ("code", ["import numpy as np\n", "%matplotlib inline\n", "inputs = [[1, 2]]\n"]),
        ("markdown", ["Now fix it:\n"]),
        ("code", ["!pip list\n", "inputs = [\n", "  [1, 2],\n", "  [3],\n", "]\n"]),
    )
    src = read_file(write(tmp_path, "hw.ipynb", text), var="inputs")
    assert src.value == [[1, 2], [3]]  # the last cell that assigns it
    assert src.locate((1,)) == Position(4, 3, cell=4)
    assert src.line_text(src.locate((1,))) == "  [3],"
    assert source_line(str(tmp_path / "hw.ipynb"), 4, cell=4) == "  [3],"


def test_notebook_syntax_error_names_its_cell(tmp_path):
    text = notebook(("code", ["x = 1\n"]), ("code", ["inputs = [[1, 2]\n"]))
    with pytest.raises(InputError) as info:
        read_file(write(tmp_path, "hw.ipynb", text), var="inputs")
    assert info.value.kind == "syntax"
    assert (info.value.line, info.value.cell) == (1, 2)
    assert re.fullmatch(
        r".*hw\.ipynb:1:\d+ \(cell 2\): Python syntax error: .*", info.value.message
    )


def test_notebook_missing_variable_lists_the_names(tmp_path):
    text = notebook(("code", ["input = [[1]]\n", "weights = [[2]]\n"]))
    with pytest.raises(
        InputError,
        match=r"no variable named 'inputs'; found: input, weights "
        r"\(did you mean 'input'\?\)",
    ) as info:
        read_file(write(tmp_path, "hw.ipynb", text), var="inputs")
    assert info.value.kind == "no_variable"


def test_json_that_is_not_a_notebook(tmp_path):
    with pytest.raises(InputError, match="this is JSON but not a Jupyter notebook"):
        read_file(write(tmp_path, "x.ipynb", "[1, 2]"))


# --- NumPy files and CSV -----------------------------------------------------------------------


def test_npy_and_npz(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros((2, 3)))
    np.savez(tmp_path / "b.npz", inputs=np.ones((4, 5)), weights=np.ones(2))
    assert read_file(str(tmp_path / "a.npy")).value.shape == (2, 3)
    assert read_file(str(tmp_path / "b.npz"), var="inputs").value.shape == (4, 5)
    with pytest.raises(
        InputError, match=r"holds 2 arrays \(inputs, weights\); choose one with --var"
    ):
        read_file(str(tmp_path / "b.npz"))
    with pytest.raises(InputError, match=r"no array named 'input'; found: inputs, weights"):
        read_file(str(tmp_path / "b.npz"), var="input")


def test_npy_with_python_objects_is_never_unpickled(tmp_path):
    np.save(tmp_path / "obj.npy", np.array([[1], [2, 3]], dtype=object), allow_pickle=True)
    with pytest.raises(InputError, match="shapekit never unpickles files") as info:
        read_file(str(tmp_path / "obj.npy"))
    assert info.value.kind == "unsafe"


def test_npy_that_is_not_numpy(tmp_path):
    with pytest.raises(InputError, match=r"this \.npy file has a malformed header") as info:
        read_file(write(tmp_path, "x.npy", b"\x93NUMPY garbage"))
    assert info.value.kind == "syntax"


@pytest.mark.parametrize(
    ("name", "text", "value", "path", "position"),
    [
        pytest.param("a.csv", "1,2\n3,4\n", [[1, 2], [3, 4]], (1, 1), Position(2, 3), id="plain"),
        pytest.param(
            "h.csv",
            "x, y\n1.5, 2\n\n3, 4\n",
            [[1.5, 2], [3, 4]],
            (1, 1),
            Position(4, 4),
            id="header-and-blank-line",
        ),
        pytest.param("r.csv", "1,2\n3\n", [[1, 2], [3]], (1,), Position(2, 1), id="ragged-row"),
        # np.loadtxt has no quoting: "1" is text, which it cannot convert
        pytest.param("q.csv", '"1",x\n', ['"1"', "x"], (1,), Position(1, 5), id="quoted-cell"),
        pytest.param("t.tsv", "1\t2\n", [1, 2], (1,), Position(1, 3), id="tsv"),
    ],
)
def test_csv(tmp_path, name, text, value, path, position):
    src = read_file(write(tmp_path, name, text))
    assert src.value == value
    assert src.locate(path) == position


LOADTXT_CASES = [
    "1,2,3,4\n# a comment line\n5,6,7,8\n",
    "1,2,3,4\n5,6,7,8  # a comment after the numbers\n",
    "# x,y,z,w\n1,2,3,4\n5,6,7,8\n",
    "1,2#,3\n4,5\n",
    '"1","2"\n"3","4"\n',
    '1,"2\n3,4\n',
    ",,,\n,,,\n",
    "1,2\n  \n3,4\n",
    "1,2\n\n3,4\n",
    "1,2\n # only a comment, after a space\n3,4\n",
    "1, 2\n3 , 4\n",
    "#only a comment\n1\n",
]


@pytest.mark.parametrize("text", LOADTXT_CASES)
def test_a_csv_file_is_read_as_np_loadtxt_reads_it(tmp_path, text):
    import io
    import warnings

    import numpy as np

    from shapekit.errors import ShapeError
    from shapekit.shapes import shape

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = np.loadtxt(io.StringIO(text), delimiter=",").shape
    except ValueError:
        expected = None
    try:
        found = shape(read_file(write(tmp_path, "t.csv", text)).value)
    except (ShapeError, InputError):
        found = None
    assert found == expected


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind", "message", "line", "column"),
    [
        pytest.param(
            "a.json",
            "[[1, 2],\n [3 4]]",
            "syntax",
            r"a\.json:2:5: this is not valid JSON: Expecting ',' delimiter",
            2,
            5,
            id="malformed-json",
        ),
        pytest.param(
            "a.py",
            "x = [1, 2\ny = 3\n",
            "syntax",
            r"a\.py:1:5: Python syntax error: '\[' was never closed",
            1,
            5,
            id="python-syntax-error",
        ),
        pytest.param(
            "a.json",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary",
            r"a\.json: this looks like a binary file \(it contains NUL bytes\), not text",
            None,
            None,
            id="binary-garbage",
        ),
        pytest.param(
            "a.json",
            b'[1,\n "caf\xe9"]',
            "encoding",
            r"a\.json:2:6: the file is not UTF-8 text \(byte 0xe9 cannot be decoded\); "
            r"save it as UTF-8",
            2,
            6,
            id="latin-1",
        ),
        pytest.param(
            "a.py",
            "inputs = [[1, 2], [x, 3]]\n",
            "not_literal",
            r"a\.py:1:20: the value of inputs uses `x`, which would have to be run to "
            r"know its value; shapekit reads files without running them",
            1,
            20,
            id="not-a-literal",
        ),
        pytest.param(
            "a.py",
            "a = [1]\nb = [2]\n",
            "no_variable",
            r"a\.py: several variables hold lists \(a, b\); choose one with --var NAME",
            None,
            None,
            id="python-several-lists",
        ),
        pytest.param(
            "a.py",
            "n = 3\n",
            "no_variable",
            r"a\.py: no list or array is assigned at the top level of this code "
            r"\(it assigns: n\)",
            None,
            None,
            id="python-no-list",
        ),
        pytest.param(
            "a.json",
            "",
            "empty",
            r"a\.json: the file is empty; there is no array in it",
            None,
            None,
            id="empty-file",
        ),
        pytest.param(
            "a.csv",
            "\n  \n",
            "empty",
            r"a\.csv: the file is empty; there is no array in it",
            None,
            None,
            id="empty-csv",
        ),
        pytest.param(
            "a.json",
            " ",
            "empty",
            r"a\.json: the file is empty",
            None,
            None,
            id="blank-json",
        ),
        pytest.param(
            "a.json",
            "[" * 100_000,
            "too_deep",
            r"a\.json:1:65: the lists are nested too deeply to read "
            r"\(NumPy allows at most 64 dimensions\)",
            1,
            65,
            id="json-too-deep",
        ),
    ],
)
def test_bad_input(tmp_path, name, content, kind, message, line, column):
    with pytest.raises(InputError) as info:
        read_file(write(tmp_path, name, content))
    error = info.value
    assert (error.kind, error.line, error.column) == (kind, line, column)
    assert re.match(f".*{message}", error.message), error.message
    assert error.file.endswith(name)


def test_missing_python_variable_lists_names_that_exist(tmp_path):
    path = write(tmp_path, "s.py", "imputs = [[1]]\nweights = [[2]]\n")
    with pytest.raises(InputError) as info:
        read_file(path, var="inputs")
    assert info.value.kind == "no_variable"
    assert info.value.message == (
        f"{path}: there is no variable named 'inputs'; found: imputs, weights "
        "(did you mean 'imputs'?)"
    )


def test_json_var_picks_a_key_of_an_object_and_names_a_bare_array():
    assert read_text('{"a": [1], "b": [[2]]}', var="b").value == [[2]]
    src = read_text("[1, 2]", var="inputs")
    assert (src.value, src.name) == ([1, 2], "inputs")
    with pytest.raises(InputError, match=r"^<input>: there is no key named 'c'; found: a, b$"):
        read_text('{"a": [1], "b": [[2]]}', var="c")


def test_file_over_the_size_limit(tmp_path):
    path = write(tmp_path, "big.json", "[" + "1, " * 1000 + "1]")
    with pytest.raises(
        InputError,
        match=r"big\.json: the file is 3003 bytes, larger than the limit "
        r"of 1000 bytes \(raise it with max_bytes",
    ) as info:
        read_file(path, max_bytes=1000)
    assert info.value.kind == "over_limit"
    assert len(read_file(path, max_bytes=5000).value) == 1001
    assert MAX_BYTES == 50 * 1024 * 1024


def test_sparse_200_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    with pytest.raises(
        InputError, match=r"the file is 200\.0 MB, larger than the limit of 50\.0 MB"
    ):
        read_file(str(path))


@pytest.mark.parametrize(
    ("setup", "kind", "message"),
    [
        pytest.param("missing", "not_found", r"no such file", id="missing"),
        pytest.param("loop", "symlink_loop", r"symbolic link loop", id="symlink-loop"),
        pytest.param(
            "dangling",
            "not_found",
            r"symbolic link to a missing file \(.*gone\.json\)",
            id="dangling-symlink",
        ),
        pytest.param("directory", "is_directory", r"is a directory, not a file", id="directory"),
        pytest.param(
            "unreadable", "unreadable", r"cannot be read \(permission denied\)", id="unreadable"
        ),
        pytest.param(
            "under-a-file",
            "unreadable",
            r"cannot be read \(not a directory\)",
            id="parent-is-a-file",
        ),
    ],
)
def test_file_system_problems(tmp_path, setup, kind, message):
    path = tmp_path / "x.json"
    if setup == "loop":
        os.symlink(tmp_path / "y.json", path)
        os.symlink(path, tmp_path / "y.json")
    elif setup == "dangling":
        os.symlink(tmp_path / "gone.json", path)
    elif setup == "directory":
        path.mkdir()
    elif setup == "unreadable":
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            pytest.skip("root can read any file")
        path.write_text("[1]")
        path.chmod(0)
    elif setup == "under-a-file":
        (tmp_path / "file.json").write_text("[1]")
        path = tmp_path / "file.json" / "x.json"
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: {message}$") as info:
        read_file(str(path))
    assert info.value.kind == kind


def test_python_file_is_never_run(tmp_path):
    marker = tmp_path / "marker"
    written = tmp_path / "written.txt"
    code = (
        "import os\n"
        f"os.system('touch {marker}')\n"
        f"open({str(written)!r}, 'w').write('pwned')\n"
        f"inputs = [[1, 2], [3, __import__('os').system('touch {marker}')]]\n"
    )
    path = write(tmp_path, "evil.py", code)
    with pytest.raises(
        InputError,
        match=r"evil\.py:4:23: the value of inputs uses "
        r"`__import__\('os'\)\.system\(.*`, which would have",
    ) as info:
        read_file(path, var="inputs")
    assert info.value.kind == "not_literal"
    assert (info.value.line, info.value.column) == (4, 23)
    assert not marker.exists() and not written.exists()
    # a harmless variable in the same file is read, still without running anything
    write(
        tmp_path,
        "evil2.py",
        code.replace("inputs = [[1, 2], [3, __import__", "inputs = [[1, 2]]\n#"),
    )
    assert read_file(str(tmp_path / "evil2.py"), var="inputs").value == [[1, 2]]
    assert not marker.exists() and not written.exists()


def test_json_offset_skips_strings_with_brackets_and_escapes():
    text = '[["]\\"[", {"a": [1, 2]}], [3]]'
    assert json_offset(text, (1,)) == text.index("[3]")
    assert json_offset(text, (0, 1, "a", 1)) == text.index("2]")
    assert json_offset(text, (2,)) is None


def test_source_line_of_a_missing_file_is_none():
    assert source_line("/no/such/file.json", 1) is None
