"""The neuron kind: golden DOT, the arithmetic against NumPy, SVG structure, PNG colours."""

from __future__ import annotations

import io

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.kinds import neuron
from shapekit.figures.kinds._neurons import activate, weighted_sum
from shapekit.figures.theme import INDEX_COLORS, RESULT, line_color, text_color
from shapekit.numbers import fmt

NEURON_3 = {"inputs": [1.0, 2.0, 3.0], "weights": [0.2, 0.8, -0.5], "bias": 2.0}
NEURON_4 = {"inputs": [1.0, 2.0, 3.0, 2.5], "weights": [0.2, 0.8, -0.5, 1.0], "bias": 2.0}


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("neuron-3", NEURON_3),
        ("neuron-4", NEURON_4),
        (
            "neuron-4-relu-named",
            {**NEURON_4, "activation": "relu", "input_names": ["x1", "x2", "x3", "x4"]},
        ),
        (
            "neuron-step-negative",
            {"inputs": [1, 2], "weights": [-1, -2], "bias": -0.5, "activation": "step"},
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_dot_source_matches_golden(name: str, fields: dict[str, object]) -> None:
    check_golden(f"{name}.dot", figure("neuron", fields).drawing.source)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (NEURON_3, "1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + 2.0 = 2.3"),
        (NEURON_4, "1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + 2.5×1.0 + 2.0 = 4.8"),
        (
            {**NEURON_3, "activation": "relu", "bias": -3.0},
            "1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + -3.0 = -2.7; ReLU(-2.7) = 0.0",
        ),
        (
            {**NEURON_3, "activation": "step"},
            "1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + 2.0 = 2.3; step(2.3) = 1",
        ),
    ],
    ids=["seed-3-inputs", "seed-4-inputs", "relu-negative", "step"],
)
def test_explanation_writes_the_seed_arithmetic(fields: dict[str, object], text: str) -> None:
    assert figure("neuron", fields).explanation == text


def _numpy_output(inputs: list[float], weights: list[float], bias: float, activation: str) -> float:
    z = float(np.dot(np.array(inputs), np.array(weights)) + bias)
    return {"none": z, "relu": max(z, 0.0), "step": float(z > 0)}[activation]


finite = st.floats(-100, 100, allow_nan=False).map(lambda x: round(x, 2))


@settings(max_examples=60, deadline=None)
@given(
    pairs=st.lists(st.tuples(finite, finite), min_size=1, max_size=neuron.MAX_INPUTS),
    bias=finite,
    activation=st.sampled_from(["none", "step", "relu"]),
)
def test_the_written_result_agrees_with_numpy(
    pairs: list[tuple[float, float]], bias: float, activation: str
) -> None:
    inputs, weights = [p[0] for p in pairs], [p[1] for p in pairs]
    expected = _numpy_output(inputs, weights, bias, activation)
    fig = figure("neuron", inputs=inputs, weights=weights, bias=bias, activation=activation)
    result = fig.explanation.rsplit("= ", 1)[1]
    assert float(result) == pytest.approx(expected, abs=1e-9)
    ours = activate(activation, weighted_sum(inputs, weights, bias))
    assert float(ours) == pytest.approx(expected, abs=1e-9)
    assert f"<B>{fmt(ours, minus=chr(0x2212))}</B>" in fig.drawing.source


def test_the_caption_uses_true_minus_signs_and_input_colours() -> None:
    source = figure("neuron", NEURON_3).drawing.source
    # a negative factor in parentheses, as the dot and matmul figures write it
    assert f'<FONT COLOR="{text_color(INDEX_COLORS[2])}">3.0×(\u22120.5)</FONT>' in source
    assert "3.0×\u22120.5" not in source
    assert "2.3000000000000003" not in source


@pytest.mark.needs_dot
def test_svg_has_every_part_and_a_description() -> None:
    svg = Svg(figure("neuron", {**NEURON_4, "activation": "relu"}).svg())
    assert svg.title == "A neuron with 4 inputs"
    assert "the bias 2.0 is added, giving 4.8" in svg.desc
    assert svg.root.get("role") == "img"
    for text in (
        "inputs",
        "weights",
        "activation",
        "output",
        "Σ",
        "ReLU",
        "×0.2",
        "×0.8",
        "×\u22120.5",
        "×1.0",
        "2.5",
    ):
        assert text in svg.texts, text
    # 5 column captions, 4 inputs, 4 weights, bias, sum, the sum's value, activation, output
    assert len(svg.nodes) == 18
    assert sorted(svg.edges) == sorted(
        [f"x{i}->w{i}" for i in range(4)]
        + [f"w{i}->sum" for i in range(4)]
        + ["bias->sum", "sum->act", "act->out"]
    )
    strokes = svg.edge_strokes()
    for colour in INDEX_COLORS[:4]:  # each input's two edges in its colour
        assert strokes[line_color(colour).lower()] == 2


@pytest.mark.needs_dot
def test_png_shows_the_input_and_result_colours() -> None:
    from PIL import Image

    data = figure("neuron", NEURON_3).png(dpi=96)
    image = Image.open(io.BytesIO(data))
    assert 400 < image.width < 900 and 250 < image.height < 600
    counts = png_colours(data)
    for colour in (*(line_color(c) for c in INDEX_COLORS[:3]), line_color(RESULT)):
        assert has_colour(counts, colour), colour


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"inputs": [1, 2, 3], "weights": [1, 2]},
            "weights",
            "one weight per input, but there are 3 inputs and 2 weights",
        ),
        ({"inputs": [], "weights": []}, "inputs", "at least one input"),
        ({"inputs": list(range(11)), "weights": list(range(11))}, "inputs", "limit is 10"),
        ({**NEURON_3, "activation": "sigmoid"}, "activation", "not one of none, step, relu"),
        ({**NEURON_3, "input_names": ["a"]}, "input_names", r"one name per input \(3\), got 1"),
        ({"weights": [1.0]}, "inputs", "need the field 'inputs'"),
    ],
    ids=["lengths", "empty", "too-many", "activation", "names", "missing"],
)
def test_mistakes_name_the_field(fields: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as info:
        figure("neuron", fields)
    assert info.value.field == field
