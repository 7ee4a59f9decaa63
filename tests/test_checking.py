"""Checking files against an expected shape, named dimensions across files, results as data."""

from __future__ import annotations

import os

import pytest

from shapekit.check.checker import (
    Expect,
    FileResult,
    agree_named,
    check_file,
    check_paths,
    collect_files,
)
from shapekit.errors import SpecError


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


@pytest.mark.parametrize(
    ("text", "dims"),
    [
        pytest.param("3,4", (3, 4), id="plain"),
        pytest.param("(3, 4)", (3, 4), id="tuple"),
        pytest.param("[3, 4]", (3, 4), id="list"),
        pytest.param("?,4", (None, 4), id="wildcard"),
        pytest.param("batch, 4", ("batch", 4), id="named"),
        pytest.param("(3,)", (3,), id="one-dimension"),
        pytest.param("3", (3,), id="bare-length"),
        pytest.param("()", (), id="scalar"),
        pytest.param("[ ]", (), id="scalar-list"),
    ],
)
def test_expect_parse(text, dims):
    assert Expect.parse(text).dims == dims


@pytest.mark.parametrize("text", ["3,,4", "3.5,4", "-1,4", "3 4", "(3, *)"], ids=str)
def test_expect_parse_rejects(text):
    with pytest.raises(
        SpecError,
        match=r"cannot read the expected shape .*: .* is not a length, "
        r"'\?' or a dimension name \(write it like 3,4",
    ):
        Expect.parse(text)


@pytest.mark.parametrize("text", ["²,4", "٣,4"], ids=["superscript", "arabic-indic"])
def test_expect_parse_rejects_non_ascii_digits(text):
    # str.isdigit() accepts these, int() refuses "²": this used to be a ValueError traceback
    with pytest.raises(SpecError, match=r"is not a length, '\?' or a dimension name"):
        Expect.parse(text)


@pytest.mark.parametrize("text", ["", "  "], ids=["empty", "blank"])
def test_expect_parse_rejects_empty(text):
    # an empty --expect (say, an unset shell variable) is a mistake, not the scalar ()
    with pytest.raises(SpecError, match=r"the expected shape is empty; write \(\) for a scalar"):
        Expect.parse(text)


@pytest.mark.parametrize(
    ("text", "expect", "ok", "message", "line", "column"),
    [
        pytest.param("[[1, 2, 3, 4],\n [5, 6, 7, 8]]", "2,4", True, None, None, None, id="match"),
        pytest.param(
            "[[1, 2, 3, 4],\n [5, 6, 7, 8]]", "?,4", True, None, None, None, id="wildcard"
        ),
        pytest.param(
            "[[1, 2, 3],\n [5, 6, 7]]",
            "2,4",
            False,
            "the array has shape (2, 3), but (2, 4) was expected: dimension 1 is 3, not 4",
            1,
            2,
            id="wrong-length-points-at-first-row",
        ),
        pytest.param(
            "[1, 2, 3]",
            "?,4",
            False,
            "the array has shape (3,), but (?, 4) was expected: 1 dimension instead of 2",
            1,
            1,
            id="wrong-rank",
        ),
        pytest.param(
            "[[1, 2, 3],\n [3, 4, 5]]",
            "n,n",
            False,
            "the array has shape (2, 3), but (n, n) was expected: dimension 1 (n) is 3 "
            "but dimension 0 (n) is 2; they must be equal",
            1,
            2,
            id="name-twice",
        ),
        pytest.param("[[1, 2], [3, 4]]", "n,n", True, None, None, None, id="square"),
    ],
)
def test_check_file_against_expect(files, text, expect, ok, message, line, column):
    path = str(files({"a.json": text}) / "a.json")
    result = check_file(path, expect=Expect.parse(expect))
    assert result.ok is ok
    if ok:
        assert result.error is None
        return
    assert result.error["kind"] == "wrong_shape"
    assert result.error["message"] == message
    assert (result.error["line"], result.error["column"]) == (line, column)
    assert result.excerpt == text.splitlines()[line - 1]


def test_check_file_reports_ragged_with_position(files):
    path = str(
        files(
            {"s.py": "import numpy as np\ninputs = [\n  [1, 2, 3],\n  [4, 5],\n  [7, 8, 9],\n]\n"}
        )
        / "s.py"
    )
    result = check_file(path, var="inputs")
    assert not result.ok
    error = result.error
    assert list(error)[:9] == [
        "kind",
        "axis",
        "path",
        "expected",
        "found",
        "message",
        "line",
        "column",
        "cell",
    ]
    assert (error["kind"], error["axis"], error["path"]) == ("ragged", 1, [1])
    assert (error["expected"], error["found"]) == (3, 2)
    assert "inputs[1] has 2 elements" in error["message"]
    assert (error["line"], error["column"], error["cell"]) == (4, 3, None)
    assert result.excerpt == "  [4, 5],"
    assert result.to_dict() == {"file": path, "ok": False, "shape": None, "error": error}


def test_check_file_input_error_is_a_failed_result(files):
    path = str(files({"bad.json": "[[1, 2],\n [3 4]]"}) / "bad.json")
    result = check_file(path)
    assert not result.ok
    assert result.error["kind"] == "syntax"
    assert result.error["message"] == f"{path}:2:5: this is not valid JSON: Expecting ',' delimiter"
    assert (result.error["line"], result.error["column"]) == (2, 5)
    assert result.excerpt == " [3 4]]"


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
    results = check_paths([str(root)], expect=Expect.parse("batch,4"))
    assert [os.path.basename(r.file) for r in results] == [
        "a.json",
        "b.json",
        "c.json",
        "d.json",
        "e.json",
    ]
    assert [r.ok for r in results] == [False, True, True, False, False]
    assert results[0].error["message"] == (
        "the array has shape (1, 4): dimension 0 (batch) is 1 here but 2 in the other files"
    )
    assert results[3].error["message"] == (
        "the array has shape (3, 4): dimension 0 (batch) is 3 here but 2 in the other files"
    )
    assert (results[3].error["expected"], results[3].error["found"], results[3].error["axis"]) == (
        2,
        3,
        0,
    )
    assert (results[3].error["line"], results[3].error["column"]) == (1, 1)
    # e.json fails on its fixed dimension and does not vote on batch
    assert results[4].error["message"].endswith("dimension 1 is 3, not 4")


def test_named_dimension_tie_goes_to_the_first_file():
    results = [FileResult("a", True, (3, 4)), FileResult("b", True, (5, 4))]
    agree_named(results, Expect.parse("batch,4"))
    assert [r.ok for r in results] == [True, False]
    assert results[1].error["message"].endswith("is 5 here but 3 in the other files")


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
    assert len(problems) == 1
    assert problems[0].error["kind"] == "empty_directory"
    assert (
        problems[0]
        .error["message"]
        .startswith(
            f"{tmp_path / 'empty'}: no readable files in this directory (looked for .json, .py"
        )
    )


def test_check_paths_continues_after_bad_files(files, tmp_path):
    root = files({"ok.json": "[[1, 2]]", "bin.json": "\x00\x01", "evil.py": "import os\nx = [1]\n"})
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    results = check_paths([str(root)])
    kinds = {os.path.basename(r.file): (r.ok, r.error and r.error["kind"]) for r in results}
    assert kinds == {
        "bin.json": (False, "binary"),
        "evil.py": (True, None),
        "loop.json": (False, "symlink_loop"),
        "ok.json": (True, None),
    }


def test_named_dimension_failure_points_at_the_first_row_of_that_depth(files):
    root = files(
        {
            "a.json": "[[1, 2, 3]]",
            "b.json": "[[1, 2, 3], [4, 5, 6]]",
            "c.json": "[\n  [1, 2],\n  [3, 4]\n]\n",
        }
    )
    results = check_paths([str(root)], expect=Expect.parse("?,width"))
    assert [r.ok for r in results] == [True, True, False]
    failed = results[2]
    assert failed.error["message"].endswith(
        "dimension 1 (width) is 2 here but 3 in the other files"
    )
    assert (failed.error["line"], failed.error["column"]) == (2, 3)
    assert failed.excerpt == "  [1, 2],"
