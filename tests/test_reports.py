"""Reports: text with caret excerpts, JSON, and JUnit XML with the common schema's structure."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from shapekit.check.checker import FileResult
from shapekit.check.reports import (
    EXCERPT_WIDTH,
    caret_excerpt,
    format_json,
    format_junit,
    format_text,
    location,
    summary,
)

RAGGED = {
    "kind": "ragged",
    "axis": 1,
    "path": [1],
    "expected": 3,
    "found": 2,
    "message": "inputs[1] has 2 elements, but the other rows along dimension 1 have 3",
    "line": 3,
    "column": 5,
    "cell": None,
}
SYNTAX = {
    "kind": "syntax",
    "axis": None,
    "path": None,
    "expected": None,
    "found": None,
    "message": "c.py:1:6: Python syntax error: '[' was never closed",
    "line": 1,
    "column": 6,
    "cell": None,
}
RESULTS = [
    FileResult("a.json", True, (3, 4), seconds=0.002),
    FileResult("b.py", False, error=RAGGED, excerpt="    [4, 5],", seconds=0.001),
    FileResult("c.py", False, error=SYNTAX, excerpt="x = [[1, 2", seconds=0.001),
    FileResult("d.json", True, (5,)),
]


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        pytest.param("    [4, 5],", 5, "    3 |     [4, 5],\n      |     ^", id="spaces"),
        pytest.param("\t[4, 5],", 2, "    3 | \t[4, 5],\n      | \t^", id="tab-kept-under-tab"),
        pytest.param("[1]", 1, "    3 | [1]\n      | ^", id="first-column"),
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
    ("error", "expected"),
    [
        pytest.param(None, "f.json", id="no-error"),
        pytest.param({"line": None}, "f.json", id="no-line"),
        pytest.param({"line": 2, "column": 7}, "f.json:2:7", id="line-column"),
        pytest.param({"line": 2, "column": 7, "cell": 4}, "f.json:2:7 (cell 4)", id="notebook"),
    ],
)
def test_location(error, expected):
    assert location("f.json", error) == expected


def test_format_text():
    assert format_text(RESULTS) == (
        "✓ a.json: (3, 4)\n"
        "✗ b.py:3:5: inputs[1] has 2 elements, but the other rows along dimension 1 have 3\n"
        "    3 |     [4, 5],\n"
        "      |     ^\n"
        "✗ c.py:1:6: Python syntax error: '[' was never closed\n"
        "    1 | x = [[1, 2\n"
        "      |      ^\n"
        "✓ d.json: (5,)\n"
        "2 passed, 2 failed"
    )


def test_format_text_colour():
    text = format_text(RESULTS, color=True)
    assert "\033[32m✓\033[0m a.json" in text
    assert "\033[31m✗\033[0m b.py" in text
    assert text.endswith("\033[31m2 passed, 2 failed\033[0m")
    assert "\033[" not in format_text(RESULTS)


def test_summary():
    assert summary(RESULTS) == "2 passed, 2 failed"
    assert summary([]) == "0 passed, 0 failed"


def test_format_json():
    document = json.loads(format_json(RESULTS))
    assert (document["ok"], document["passed"], document["failed"]) == (False, 2, 2)
    assert document["results"][0] == {"file": "a.json", "ok": True, "shape": [3, 4], "error": None}
    assert document["results"][1]["error"] == RAGGED
    assert document["results"][3]["shape"] == [5]


def test_junit_follows_the_common_schema_structure():
    root = ET.fromstring(format_junit(RESULTS))
    assert root.tag == "testsuites"
    assert root.attrib["tests"] == "4"
    (suite,) = root
    assert suite.tag == "testsuite"
    assert {k: suite.attrib[k] for k in ("name", "tests", "failures", "errors", "skipped")} == {
        "name": "shapekit check",
        "tests": "4",
        "failures": "1",
        "errors": "1",
        "skipped": "0",
    }
    float(suite.attrib["time"])
    cases = list(suite)
    assert [c.tag for c in cases] == ["testcase"] * 4
    assert [c.attrib["name"] for c in cases] == ["a.json", "b.py", "c.py", "d.json"]
    for case in cases:
        assert set(case.attrib) == {"name", "classname", "time"}
        float(case.attrib["time"])
        assert len(case) == 1
    assert cases[0][0].tag == "system-out" and cases[0][0].text == "shape (3, 4)"
    failure = cases[1][0]
    assert failure.tag == "failure"
    assert failure.attrib == {
        "type": "ragged",
        "message": "b.py:3:5: inputs[1] has 2 elements, but the other rows along dimension 1 have 3",
    }
    assert failure.text.endswith("    3 |     [4, 5],\n      |     ^")
    error = cases[2][0]
    assert (error.tag, error.attrib["type"]) == ("error", "syntax")
    assert error.attrib["message"] == "c.py:1:6: Python syntax error: '[' was never closed"


def test_junit_replaces_characters_xml_cannot_hold():
    result = FileResult(
        "e.json", False, error=dict(RAGGED, message="bad \x07 bell"), excerpt="[\x1b]"
    )
    case = ET.fromstring(format_junit([result]))[0][0]
    assert case[0].attrib["message"] == "e.json:3:5: bad \ufffd bell"
    assert "[\ufffd]" in case[0].text


def test_junit_of_no_results_is_valid():
    root = ET.fromstring(format_junit([]))
    assert root[0].attrib["tests"] == "0" and len(root[0]) == 0
