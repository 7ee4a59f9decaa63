"""Reports: text with file:line:col and caret excerpts, the JSON contract, JUnit XML, inert text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from shapekit.check.reports import (
    EXCERPT_WIDTH,
    caret_excerpt,
    counts,
    format_json,
    format_junit,
    format_text,
    inert,
    location,
    summary,
)
from shapekit.check.results import FileResult, Problem, Variable

RESULTS = [
    FileResult(
        "a.py",
        [
            Variable("inputs", "ok", shape=(3, 4), expected=[3, 4], line=2, column=10),
            Variable(
                "weights",
                "wrong-shape",
                shape=(4, 3),
                expected=[3, 4],
                line=3,
                column=12,
                message="weights has shape (4, 3), but (3, 4) was expected: dimension 0 is 4, not 3",
                excerpt="weights = [[1, 2, 3],",
            ),
        ],
        [
            Problem(
                7,
                11,
                None,
                "cannot compute np.dot(inputs, weights) with shapes (3, 4) and (4, 3)",
                ["np.dot(inputs, np.array(weights).T)"],
                excerpt="out = np.dot(inputs, weights)",
            )
        ],
        seconds=0.002,
    ),
    FileResult(
        "b.ipynb",
        [
            Variable(
                "inputs",
                "unknown",
                expected=[3, 4],
                line=4,
                column=10,
                cell=2,
                message="`inputs` comes from `load()` at line 4, which cannot be followed without running the file",
            ),
            Variable("weights", "ok", shape=(3, 4), expected=[3, 4], line=1, column=11, cell=3),
        ],
    ),
    FileResult(
        "c.csv", [Variable("weights", "ok", shape=(3, 4), expected=[3, 4], line=1, column=1)]
    ),
]


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        pytest.param("    [4, 5],", 5, "    3 |     [4, 5],\n      |     ^", id="spaces"),
        pytest.param("\t[4, 5],", 2, "    3 | \t[4, 5],\n      | \t^", id="tab-kept-under-tab"),
        pytest.param("[1]", 1, "    3 | [1]\n      | ^", id="first-column"),
        pytest.param(
            "# \x1b[2Kx = [1]",
            11,
            "    3 | # \\x1b[2Kx = [1]\n      |              ^",
            id="escape-shown",
        ),
    ],
)
def test_caret_excerpt(line, column, expected):
    assert caret_excerpt(line, column, line=3) == expected


def test_caret_excerpt_cuts_long_lines_around_the_caret():
    line = "[" + ", ".join(["[1, 2, 3]"] * 200) + ", [4, 5]]"
    column = line.index("[4, 5]") + 1
    text, caret = caret_excerpt(line, column, line=1).split("\n")
    shown = text[len("    1 | ") :]
    assert len(shown) == EXCERPT_WIDTH
    assert shown.startswith("…") and shown.endswith("]")
    assert shown[caret.index("^") - len("      | ") :].startswith("[4, 5]")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param((), "f.json", id="no-line"),
        pytest.param((2, 7), "f.json:2:7", id="line-column"),
        pytest.param((2, None), "f.json:2", id="line-only"),
        pytest.param((2, 7, 4), "f.json:2:7 (cell 4)", id="notebook"),
    ],
)
def test_location(args, expected):
    assert location("f.json", *args) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("\x1b[2K\x1b[1A", "\\x1b[2K\\x1b[1A", id="csi"),
        pytest.param("a\rb", "a\\x0db", id="carriage-return"),
        pytest.param("a\nb", "a\\nb", id="newline"),
        pytest.param("\x9b31m", "\\x9b31m", id="c1-csi"),
        pytest.param("evil\u202etxt.py", "evil\\u202etxt.py", id="bidi-override"),
        pytest.param("tab\there", "tab\\there", id="tab"),
        pytest.param("café ✓ 3×4", "café ✓ 3×4", id="printable-kept"),
    ],
)
def test_inert(text, expected):
    assert inert(text) == expected


def test_text_report_lines_start_with_file_line_col():
    lines = format_text(RESULTS).splitlines()
    assert lines == [
        "a.py:2:10: ok: inputs has shape (3, 4)",
        "a.py:3:12: wrong-shape: weights has shape (4, 3), but (3, 4) was expected: dimension 0 is 4, not 3",
        "    3 | weights = [[1, 2, 3],",
        "      |            ^",
        "a.py:7:11: problem: cannot compute np.dot(inputs, weights) with shapes (3, 4) and (4, 3)",
        "    7 | out = np.dot(inputs, weights)",
        "      |           ^",
        "      fix: np.dot(inputs, np.array(weights).T)",
        "b.ipynb:4:10 (cell 2): unknown: `inputs` comes from `load()` at line 4, which cannot be "
        "followed without running the file",
        "b.ipynb:1:11 (cell 3): ok: weights has shape (3, 4)",
        "c.csv:1:1: ok: weights has shape (3, 4)",
        "1 passed, 1 failed, 1 unknown (not judged: shapekit cannot know some shapes, or whether "
        "some lines run, without running the file; --strict counts them as failures)",
    ]


def test_text_report_colour_only_when_asked():
    assert "\033[" not in format_text(RESULTS)
    coloured = format_text(RESULTS, color=True)
    assert "\033[31mwrong-shape\033[0m" in coloured
    assert "\033[33munknown\033[0m" in coloured


def test_text_report_shows_control_characters_escaped():
    # issue 9: a comment with escapes erased the ✗ line and printed a fake green ✓
    evil = "# \x1b[2K\x1b[1A\x1b[2K\x1b[32m✓ esc/a.py: (2, 2)"
    result = FileResult(
        "esc/\x1b[31ma.py",
        [Variable("x", "error", line=1, column=3, message=f"bad {evil}", excerpt=evil)],
    )
    text = format_text([result])
    assert "\x1b" not in text
    assert text.splitlines()[0].startswith("esc/\\x1b[31ma.py:1:3: error: bad # \\x1b[2K\\x1b[1A")


def test_summary_and_counts():
    assert counts(RESULTS) == {"files": 3, "passed": 1, "failed": 1, "unknown": 1}
    assert counts(RESULTS, strict=True) == {"files": 3, "passed": 1, "failed": 2, "unknown": 0}
    assert summary(RESULTS, strict=True) == "1 passed, 2 failed"
    internal = FileResult("d.py", internal_error="shapekit itself failed")
    assert summary([internal]).endswith("; shapekit itself failed on 1 file")


def test_json_report_is_the_documented_contract():
    document = json.loads(format_json(RESULTS))
    assert list(document) == ["ok", "summary", "results"]
    assert document["ok"] is False
    assert document["summary"] == {"files": 3, "passed": 1, "failed": 1, "unknown": 1}
    first = document["results"][0]
    # (status added in 0.2, as the contract allows: fields are added, never renamed or removed)
    assert list(first) == ["file", "ok", "status", "variables", "problems"]
    assert [r["status"] for r in document["results"]] == [r.status for r in RESULTS]
    assert sorted(r["status"] for r in document["results"]) == ["failed", "passed", "unknown"]
    assert first["variables"][1] == {
        "name": "weights",
        "status": "wrong-shape",
        "shape": [4, 3],
        "expected": [3, 4],
        "line": 3,
        "column": 12,
        "cell": None,
        "message": "weights has shape (4, 3), but (3, 4) was expected: dimension 0 is 4, not 3",
    }
    assert first["problems"] == [
        {
            "line": 7,
            "column": 11,
            "cell": None,
            "message": "cannot compute np.dot(inputs, weights) with shapes (3, 4) and (4, 3)",
            "fixes": ["np.dot(inputs, np.array(weights).T)"],
            "certain": True,
        }
    ]
    assert document["results"][1]["ok"] is False  # unknown: not every variable is ok
    statuses = {v["status"] for r in document["results"] for v in r["variables"]}
    assert statuses <= {"ok", "wrong-shape", "error", "missing", "unknown"}


def test_json_ok_when_only_unknown_unless_strict():
    only_unknown = RESULTS[1:]
    assert json.loads(format_json(only_unknown))["ok"] is True
    assert json.loads(format_json(only_unknown, strict=True))["ok"] is False


def test_json_escapes_control_characters():
    result = FileResult("a\x1b.py", [Variable("x", "error", message="m\x1b[2K")])
    text = format_json([result])
    assert "\x1b" not in text
    assert json.loads(text)["results"][0]["variables"][0]["message"] == "m\x1b[2K"


def test_junit_one_testcase_per_file_and_variable_and_problem():
    root = ET.fromstring(format_junit(RESULTS))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "a.py::inputs",
        "a.py::weights",
        "a.py::problem at line 7, column 11",
        "b.ipynb::inputs",
        "b.ipynb::weights",
        "c.csv::weights",
    ]
    assert (
        suite.get("tests"),
        suite.get("failures"),
        suite.get("errors"),
        suite.get("skipped"),
    ) == (
        "6",
        "2",
        "0",
        "1",
    )
    failure = cases[1].find("failure")
    assert failure is not None and cases[1].find("error") is None  # a wrong shape is a failure
    assert failure.get("type") == "wrong-shape"
    assert failure.get("message") == (
        "a.py:3:12: weights has shape (4, 3), but (3, 4) was expected: dimension 0 is 4, not 3"
    )
    assert "fix: np.dot(inputs, np.array(weights).T)" in cases[2].find("failure").text
    assert cases[3].find("skipped") is not None
    strict = ET.fromstring(format_junit(RESULTS, strict=True)).find("testsuite")
    assert (strict.get("failures"), strict.get("skipped")) == ("3", "0")


def test_junit_internal_error_is_an_error_and_text_stays_valid_xml():
    results = [
        FileResult("x.py", internal_error="shapekit itself failed (KeyError)"),
        FileResult("y\x01.py", [Variable("x", "error", message="bad \x00\x1b[2K")]),
    ]
    text = format_junit(results)
    root = ET.fromstring(text)  # control characters would make it invalid XML
    suite = root.find("testsuite")
    assert suite.get("errors") == "1"
    assert suite.find("testcase").find("error").get("type") == "internal-error"
    assert "y\\x01.py::x" in [c.get("name") for c in suite.findall("testcase")]


def test_every_character_inert_escapes_is_unprintable():
    """inert() returns printable text as it is: that is exact only while every character it
    escapes is one Python calls unprintable."""
    from shapekit.check.reports import _CONTROL

    escaped = [chr(c) for c in range(0x110000) if _CONTROL.match(chr(c))]
    assert escaped and not any(char.isprintable() for char in escaped)
