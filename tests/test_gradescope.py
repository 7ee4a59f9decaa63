"""Gradescope's results.json: tests per file and variable, problems, points, unknown, strict."""

from __future__ import annotations

import json

import pytest

from shapekit.check.gradescope import format_gradescope, parse_points
from shapekit.check.results import FileResult, Problem, Variable

RESULTS = [
    FileResult(
        "sub/layer.py",
        [
            Variable("weights", "ok", shape=(3, 4), line=4, column=11),
            Variable(
                "inputs",
                "unknown",
                line=3,
                column=10,
                message="`inputs` comes from `load()` at line 3",
            ),
            Variable(
                "biases",
                "wrong-shape",
                shape=(2,),
                line=5,
                column=10,
                message="biases has shape (2,), but (3,) was expected: dimension 0 is 2, not 3",
                excerpt="biases = [1, 2]",
            ),
        ],
        [
            Problem(
                7, 11, None, "cannot compute np.dot(inputs, weights)", ["np.dot(inputs, weights.T)"]
            )
        ],
    )
]


def test_tests_statuses_scores_and_outputs():
    document = json.loads(
        format_gradescope(RESULTS, points={"weights": 2, "biases": 1, "inputs": 1})
    )
    tests = {t["name"]: t for t in document["tests"]}
    assert list(tests) == [
        "sub/layer.py::weights",
        "sub/layer.py::inputs",
        "sub/layer.py::biases",
        "sub/layer.py::problem at line 7, column 11",
    ]
    assert (tests["sub/layer.py::weights"]["status"], tests["sub/layer.py::weights"]["score"]) == (
        "passed",
        2.0,
    )
    unknown = tests["sub/layer.py::inputs"]
    assert "status" not in unknown  # neither passed nor failed
    assert unknown["score"] == 0.0 and unknown["max_score"] == 1.0
    assert unknown["output"].endswith("the course staff will look at it.")
    biases = tests["sub/layer.py::biases"]
    assert biases["status"] == "failed"
    assert biases["output"].splitlines() == [
        "sub/layer.py:5:10: biases has shape (2,), but (3,) was expected: dimension 0 is 2, not 3",
        "    5 | biases = [1, 2]",
        "      |          ^",
    ]
    problem = tests["sub/layer.py::problem at line 7, column 11"]
    assert (problem["status"], problem["score"], problem["max_score"]) == ("failed", 0.0, 0.0)
    assert problem["output"].endswith("A fix that works: np.dot(inputs, weights.T)")
    assert document["score"] == 2.0
    assert document["output"].startswith("0 passed, 1 failed")


def test_strict_fails_unknown_and_no_points_means_a_point_per_right_variable():
    document = json.loads(format_gradescope(RESULTS, strict=True))
    unknown = document["tests"][1]
    assert unknown["status"] == "failed"
    assert all("score" not in t and "max_score" not in t for t in document["tests"])
    # Gradescope's specification: "score" is "optional, but required if not on each test case"
    passed = [t["name"] for t in document["tests"] if t["status"] == "passed"]
    assert document["score"] == float(len(passed))


def test_internal_error_is_a_failed_test():
    document = json.loads(
        format_gradescope([FileResult("x.py", internal_error="shapekit itself failed")])
    )
    (test,) = document["tests"]
    assert (test["name"], test["status"]) == ("x.py::internal-error", "failed")


def test_control_characters_are_escaped():
    result = FileResult("a\x1b[2K.py", [Variable("x", "error", message="bad\x1b[1A")])
    text = format_gradescope([result])
    assert "\x1b" not in text and "\\u001b" not in text
    assert "a\\\\x1b[2K.py::x" in text


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["weights"], "is not NAME=POINTS"),
        (["1w=2"], "is not NAME=POINTS"),
        (["w=x"], "'x' is not a number of points"),
        (["w=-1"], "points must be a number from 0 up"),
        (["w=nan"], "points must be a number from 0 up"),
        (["w=1", "w=2"], "w is given points twice"),
    ],
)
def test_parse_points_errors(values, message):
    with pytest.raises(ValueError, match=message):
        parse_points(values)
