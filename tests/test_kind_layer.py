"""The layer kind: golden DOT, every output against NumPy, weights at their edge ends."""

from __future__ import annotations

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours

from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.kinds import layer
from shapekit.figures.theme import INDEX_COLORS, RESULT, line_color
from shapekit.numbers import fmt

INPUTS = [1.0, 2.0, 3.0, 2.5]
WEIGHTS = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
BIASES = [2.0, 3.0, 0.5]
LAYER_3 = {"inputs": INPUTS, "weights": WEIGHTS, "biases": BIASES}


def test_dot_source_matches_golden() -> None:
    check_golden("layer-3.dot", figure("layer", LAYER_3).drawing.source)


def test_relu_layer_matches_golden() -> None:
    fields = {
        "inputs": [1, -2],
        "weights": [[1, 1], [-1, 0.5]],
        "biases": [0, 0.5],
        "activation": "relu",
    }
    check_golden("layer-relu.dot", figure("layer", fields).drawing.source)


def test_seed_outputs() -> None:
    fig = figure("layer", LAYER_3)
    assert [line.rsplit("= ", 1)[1] for line in fig.explanation.splitlines()] == [
        "4.8",
        "1.21",
        "2.385",
    ]
    assert "The layer outputs [4.8, 1.21, 2.385]" in fig.description


@pytest.mark.parametrize("seed", range(8), ids=lambda s: f"random-{s}")
@pytest.mark.parametrize("activation", ["none", "relu", "step"])
def test_outputs_agree_with_numpy(seed: int, activation: str) -> None:
    rng = np.random.default_rng(seed)
    n_in, n_out = rng.integers(1, layer.MAX_INPUTS + 1), rng.integers(1, layer.MAX_NEURONS + 1)
    inputs = np.round(rng.normal(size=n_in), 2)
    weights = np.round(rng.normal(size=(n_out, n_in)), 2)
    biases = np.round(rng.normal(size=n_out), 2)
    z = weights @ inputs + biases
    expected = {"none": z, "relu": np.maximum(z, 0), "step": (z > 0).astype(float)}[activation]
    spec = {
        "inputs": inputs.tolist(),
        "weights": weights.tolist(),
        "biases": biases.tolist(),
        "activation": activation,
    }
    fig = figure("layer", spec)
    np.testing.assert_allclose(layer.outputs(fig.spec), expected, atol=1e-9)
    written = [float(line.rsplit("= ", 1)[1]) for line in fig.explanation.splitlines()]
    np.testing.assert_allclose(written, expected, atol=1e-9)
    for value in layer.outputs(fig.spec):  # each output box shows its value
        assert f"<B>{fmt(value, minus=chr(0x2212))}</B>" in fig.drawing.source


@pytest.mark.needs_dot
def test_svg_edges_end_at_their_weight() -> None:
    svg = Svg(figure("layer", LAYER_3).svg())
    assert svg.title == "A layer of 3 neurons sharing 4 inputs"
    input_edges = [e for e in svg.edges if e.startswith("x")]
    # Graphviz titles keep the compass point only; the port (weight cell) is in the DOT golden
    assert sorted(input_edges) == sorted(f"x{i}->n{j}:w" for i in range(4) for j in range(3))
    assert sorted(e for e in svg.edges if e.startswith("n")) == [f"n{j}->y{j}" for j in range(3)]
    # a weight is cut at its decimal point so that the points of a column line up
    for text in (
        "×0",
        ".2",
        "×\u22120",
        ".91",
        ".87",
        "+ 2.0",
        "+ 3.0",
        "+ 0.5",
        "neuron 1",
        "2.385",
    ):
        assert text in svg.texts, text
    strokes = svg.edge_strokes()
    for colour in INDEX_COLORS[:4]:  # one edge per neuron in each input's colour
        assert strokes[line_color(colour).lower()] == 3


@pytest.mark.needs_dot
def test_png_colours() -> None:
    counts = png_colours(figure("layer", LAYER_3).png(dpi=96))
    for colour in (*(line_color(c) for c in INDEX_COLORS[:4]), line_color(RESULT)):
        assert has_colour(counts, colour), colour


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({**LAYER_3, "inputs": [1.0, 2.0, 3.0]}, "weights", "3 inputs but the rows have 4 weights"),
        ({**LAYER_3, "biases": [1.0]}, "biases", "3 neurons .* and 1 biases"),
        ({**LAYER_3, "weights": [[1, 2, 3, 4], [1, 2]]}, "weights", "not homologous"),
        ({**LAYER_3, "weights": [[0.1] * 4] * 7, "biases": [0] * 6}, "weights", "at most 6"),
        ({**LAYER_3, "weights": [1, 2, 3, 4]}, "weights", "expected a matrix"),
    ],
    ids=["columns", "biases", "ragged", "too-many-neurons", "not-a-matrix"],
)
def test_mistakes_name_the_field(fields: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as info:
        figure("layer", fields)
    assert info.value.field == field


@pytest.mark.needs_dot
def test_whole_number_weights_draw_their_neuron() -> None:
    # a whole number has no fraction cell text; Graphviz refuses an empty <FONT>
    svg = Svg(figure("layer", inputs=[1.5], weights=[[2]], biases=[0.5]).svg())
    assert "×2" in svg.texts and "neuron 1" in svg.texts
    assert "x0->n0:w" in svg.edges
