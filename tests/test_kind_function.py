"""The function kind: golden DOT, values against NumPy, formulas, clipping, errors, output."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
from _figures import Svg, check_golden
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.kinds import function

CASES: dict[str, dict[str, Any]] = {
    "function-w2-b2": {"weights": [2], "biases": [2]},
    "function-step": {"activation": "step"},
    "function-three-lines": {"weights": [1, 2, -0.7], "biases": [0], "legend": True},
    "function-relu-shifted": {"weights": [1], "biases": [-1], "activation": "relu"},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("function", CASES[name]).drawing.source)


@pytest.mark.parametrize(
    ("w", "b", "activation", "text"),
    [
        (2, 2, "none", "y = 2·x + 2"),
        (-0.7, 0, "none", "y = \u22120.7·x + 0"),
        (1.0, -0.7, "none", "y = 1.0·x \u2212 0.7"),
        (1, 0, "step", "y = step(x)"),
        (2, -1, "relu", "y = ReLU(2·x \u2212 1)"),
        (1, 0, "sigmoid", "y = sigmoid(x)"),
    ],
)
def test_formulas(w: float, b: float, activation: str, text: str) -> None:
    assert function.formula(w, b, activation) == text


def _said(explanation: str) -> list[float]:
    return [
        float(v.replace("\u2212", "-")) for v in re.findall(r"gives (\S+?)(?:,|$)", explanation)
    ]


@settings(max_examples=40, deadline=None)
@given(
    w=st.floats(-5, 5).map(lambda v: round(v, 2)),
    b=st.floats(-5, 5).map(lambda v: round(v, 2)),
    activation=st.sampled_from(["none", "step", "relu", "sigmoid"]),
)
def test_written_values_agree_with_numpy(w: float, b: float, activation: str) -> None:
    fig = figure("function", weights=[w], biases=[b], activation=activation)
    x = np.array([-3.0, 0.0, 3.0])
    z = w * x + b
    expected = {
        "none": z,
        "step": (z > 0).astype(float),
        "relu": np.maximum(z, 0.0),
        "sigmoid": 1 / (1 + np.exp(-z)),
    }[activation]
    assert _said(fig.explanation) == pytest.approx(expected.tolist(), abs=1e-9)


def test_lines_are_clipped_to_the_plot() -> None:
    # a steep line leaves through the top and bottom of a fixed y range
    source = figure("function", weights=[10], y_range=[-2, 2]).drawing.source
    for pos in re.findall(r'pos="((?:[-\d.]+,[-\d.]+ ?)+)"', source):
        for point in pos.split():
            x, y = map(float, point.split(","))
            assert -40 <= y <= function.HEIGHT + 40 and -60 <= x <= function.WIDTH + 60


def test_ticks_are_round_numbers() -> None:
    assert function.ticks(-3, 3) == [-3, -2, -1, 0, 1, 2, 3]
    assert function.ticks(-0.5, 1.5) == [-0.5, 0, 0.5, 1, 1.5]
    assert function.ticks(0, 100) == [0, 20, 40, 60, 80, 100]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"weights": []}, "weights", "give at least one weight"),
        ({"weights": [1, 2], "biases": [0, 1, 2]}, "biases", "one per weight"),
        ({"x_range": [3, -3]}, "x_range", "smallest first"),
        ({"y_range": [1]}, "y_range", "smallest first"),
        ({"weights": [1, 2], "labels": ["a"]}, "labels", "one label per line (2)"),
        ({"activation": "tanh"}, "activation", "is not one of"),
    ],
)
def test_spec_errors(fields: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)) as info:
        figure("function", fields)
    assert info.value.field == field


@pytest.mark.needs_dot
def test_svg_has_title_desc_formula_and_ticks() -> None:
    fig = figure("function", weights=[2], biases=[2])
    svg = Svg(fig.svg())
    assert svg.title == "Graph of y = 2·x + 2"
    assert "a straight line rising with slope 2" in (svg.desc or "")
    assert "y = 2·x + 2" in svg.texts
    for tick in ("\u22123", "\u22122", "\u22121", "1", "2", "3"):
        assert tick in svg.texts
    assert fig.png(96)[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.needs_dot
def test_bytes_are_deterministic() -> None:
    a = figure("function", CASES["function-three-lines"])
    b = figure("function", CASES["function-three-lines"])
    assert a.svg() == b.svg() and a.png(96) == b.png(96)
