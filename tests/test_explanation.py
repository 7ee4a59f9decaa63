"""Explanation and Step: text, JSON and notebook display."""

from __future__ import annotations

import json

import pytest

import shapekit
from shapekit.engine.explanation import RULES, Explanation, Step, format_shape
from shapekit.engine.ops import matmul_shapes, transpose_shape, try_binary


@pytest.mark.parametrize(
    ("shape", "text"),
    [((5, 7), "(5, 7)"), ((3,), "(3,)"), ((), "()"), (None, "(no shape)")],
    ids=["2-D", "1-D", "scalar", "none"],
)
def test_format_shape_writes_numpy_style(shape: tuple[int, ...] | None, text: str) -> None:
    assert format_shape(shape) == text


def test_text_joins_the_steps_after_the_header() -> None:
    steps = (
        Step("inner dimensions", (4, 4), True, "the inner dimensions 4 and 4 match"),
        Step("result", (5, 7), True, "the result: (5, 7)"),
    )
    explanation = Explanation("matmul", ((5, 4), (4, 7)), "(5, 4) @ (4, 7)", steps, (5, 7))
    assert (
        str(explanation)
        == explanation.text
        == ("(5, 4) @ (4, 7): the inner dimensions 4 and 4 match; the result: (5, 7)")
    )
    assert explanation.ok


def test_the_issue_example_reads_as_written() -> None:
    assert str(matmul_shapes((5, 4), (4, 7))) == (
        "(5, 4) @ (4, 7): the inner dimensions 4 and 4 match; the result takes the rows of the "
        "left and the columns of the right: (5, 7)"
    )


def test_every_step_names_a_known_rule() -> None:
    cases = [
        try_binary("matmul", (4,), (2, 4, 3))[0],
        try_binary("dot", (2, 3, 4), (4,))[0],
        try_binary("add", (2, 1), (3,))[0],
        try_binary("mul", (), (3,))[0],
        transpose_shape((2, 3)),
    ]
    rules = {step.rule for explanation in cases for step in explanation.steps}
    assert rules <= set(RULES)
    assert {
        "1-D promotion",
        "1-D removal",
        "batch dimensions",
        "inner dimensions",
        "right-aligned broadcasting",
        "scalar",
        "transpose",
        "result",
    } <= rules


def test_to_dict_is_json_with_every_field() -> None:
    data = matmul_shapes((5, 4), (4, 7)).to_dict()
    assert json.loads(json.dumps(data)) == {
        "op": "matmul",
        "operands": [[5, 4], [4, 7]],
        "shape": [5, 7],
        "ok": True,
        "text": str(matmul_shapes((5, 4), (4, 7))),
        "steps": [
            {
                "rule": "inner dimensions",
                "dims": [4, 4],
                "ok": True,
                "text": "the inner dimensions 4 and 4 match",
            },
            {
                "rule": "result",
                "dims": [5, 7],
                "ok": True,
                "text": "the result takes the rows "
                "of the left and the columns of the right: (5, 7)",
            },
        ],
    }


def test_a_failed_explanation_has_no_shape_and_ends_with_the_failing_step() -> None:
    explanation, _ = try_binary("matmul", (5, 4), (3, 7))
    assert not explanation.ok
    assert explanation.shape is None
    assert explanation.to_dict()["shape"] is None
    assert [s.ok for s in explanation.steps] == [False]
    assert explanation.steps[-1].dims == (4, 3)


def test_html_lists_the_steps_and_escapes_text() -> None:
    step = Step("result", (2,), True, "a <b> & c")
    explanation = Explanation("add", ((2,), (2,)), "(2,) + (2,)", (step,), (2,))
    page = explanation._repr_html_()
    assert "a &lt;b&gt; &amp; c" in page
    assert "<code>(2,) + (2,)</code>" in page
    assert "&#10003;" in page


def test_html_marks_a_failed_step() -> None:
    page = try_binary("add", (3,), (4,))[0]._repr_html_()
    assert "&#10007;" in page
    assert "fails" in page


def test_pretty_printer_gets_the_text() -> None:
    printed: list[str] = []

    class Printer:
        def text(self, value: str) -> None:
            printed.append(value)

    explanation = transpose_shape((3,))
    explanation._repr_pretty_(Printer(), False)
    assert printed == ["(3,).T: transposing a 1-D array does nothing: (3,)"]


def test_package_exports_explanation_and_step() -> None:
    assert shapekit.Explanation is Explanation
    assert shapekit.Step is Step
