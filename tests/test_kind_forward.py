"""The forward kind: golden DOT, every drawn number against NumPy, ghost rows, errors."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours
from _gridfigs import cell_texts, node_label, svg_joined_text, svg_text_fills
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.theme import BIAS, BROADCAST, INDEX_COLORS, RESULT, text_color, tint
from shapekit.numbers import fmt

INPUTS = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
WEIGHTS = [[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
BIASES = [2.0, 3.0, 0.5]
CASES = {
    "forward-batch-plus-bias": {"inputs": INPUTS, "weights": WEIGHTS, "biases": BIASES},
    "forward-batch-dot": {"inputs": INPUTS, "weights": WEIGHTS, "sample": 2, "neuron": 1},
    "forward-layer-dot": {"inputs": INPUTS[0], "weights": WEIGHTS},
    "forward-layer-dot-bias": {
        "inputs": INPUTS[0],
        "weights": WEIGHTS,
        "biases": BIASES,
        "neuron": 2,
    },
    "forward-no-ghosts": {
        "inputs": INPUTS,
        "weights": WEIGHTS,
        "biases": BIASES,
        "ghosts": False,
        "highlight": False,
    },
}


@pytest.mark.parametrize("name", list(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("forward", CASES[name]).drawing.source)


def _floats(cells: list[str]) -> list[float]:
    return [float(c) for c in cells]


def test_batch_numbers_equal_numpy() -> None:
    source = figure("forward", CASES["forward-batch-plus-bias"]).drawing.source
    product = np.array(INPUTS) @ np.array(WEIGHTS).T
    outputs = product + BIASES
    assert _floats(cell_texts(node_label(source, "product"))) == pytest.approx(product.ravel())
    assert _floats(cell_texts(node_label(source, "product2"))) == pytest.approx(product.ravel())
    assert _floats(cell_texts(node_label(source, "outputs"))) == pytest.approx(outputs.ravel())
    assert _floats(cell_texts(node_label(source, "right"))) == pytest.approx(
        np.array(WEIGHTS).T.ravel()
    )
    # the bias row and its two broadcast copies
    assert _floats(cell_texts(node_label(source, "biases"))) == BIASES * 3
    assert outputs[0].tolist() == pytest.approx([4.8, 1.21, 2.385])


def test_one_sample_numbers_equal_numpy() -> None:
    source = figure("forward", CASES["forward-layer-dot-bias"]).drawing.source
    product = np.dot(np.array(WEIGHTS), np.array(INPUTS[0]))
    assert _floats(cell_texts(node_label(source, "product"))) == pytest.approx(product)
    assert product.tolist() == pytest.approx([2.8, -1.79, 1.885])
    assert _floats(cell_texts(node_label(source, "outputs"))) == pytest.approx(product + BIASES)
    assert _floats(cell_texts(node_label(source, "biases"))) == BIASES


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "forward-batch-plus-bias",
            "outputs[0, 0] = 1.0×0.2 + 2.0×0.8 + 3.0×(-0.5) + 2.5×1 + 2.0 = 2.8 + 2.0 = 4.8",
        ),
        (
            "forward-layer-dot",
            "np.dot(weights, inputs)[0] = 0.2×1.0 + 0.8×2.0 + (-0.5)×3.0 + 1×2.5 = 2.8",
        ),
        (
            "forward-layer-dot-bias",
            "outputs[2] = (-0.26)×1.0 + (-0.27)×2.0 + 0.17×3.0 + 0.87×2.5 + 0.5 = 1.885 + 0.5 = 2.385",
        ),
    ],
    ids=["batch", "layer-dot", "layer-dot-bias"],
)
def test_seed_arithmetic_is_written_out(name: str, text: str) -> None:
    assert figure("forward", CASES[name]).explanation.splitlines()[-1] == text


cell = st.floats(-9, 9, allow_nan=False).map(lambda x: round(x, 2))


@settings(max_examples=25, deadline=None)
@given(
    st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 4)).flatmap(
        lambda d: st.tuples(
            st.lists(st.lists(cell, min_size=d[1], max_size=d[1]), min_size=d[0], max_size=d[0]),
            st.lists(st.lists(cell, min_size=d[1], max_size=d[1]), min_size=d[2], max_size=d[2]),
            st.lists(cell, min_size=d[2], max_size=d[2]),
            st.integers(0, d[0] - 1),
            st.integers(0, d[2] - 1),
        )
    )
)
def test_outputs_and_caption_equal_numpy(case: tuple) -> None:  # type: ignore[type-arg]
    inputs, weights, biases, s, n = case
    fig = figure("forward", inputs=inputs, weights=weights, biases=biases, sample=s, neuron=n)
    expected = np.array(inputs) @ np.array(weights).T + np.array(biases)
    cells = _floats(cell_texts(node_label(fig.drawing.source, "outputs")))
    assert cells == pytest.approx(expected.ravel(), abs=1e-9)
    assert float(fig.explanation.rsplit("= ", 1)[1]) == pytest.approx(expected[s, n], abs=1e-9)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"inputs": [[1, 2], [3]], "weights": [[1, 2]]},
            "field 'inputs': inputs[1] has 1 element, but the other rows along dimension 1 have 2",
        ),
        (
            {"inputs": [[[1]]], "weights": [[1]]},
            "field 'inputs': expected one sample (a vector) or a batch (a matrix) of numbers, got shape (1, 1, 1)",
        ),
        (
            {"inputs": INPUTS, "weights": [[1, 2, 3]]},
            "field 'weights': each neuron needs one weight per input, but each sample has "
            "4 inputs and each row of weights has 3 weights",
        ),
        (
            {"inputs": INPUTS, "weights": WEIGHTS, "biases": [1, 2]},
            "field 'biases': give one bias per neuron; there are 3 neurons (rows of weights) "
            "but 2 biases",
        ),
        (
            {"inputs": INPUTS, "weights": WEIGHTS, "sample": 3},
            "field 'sample': there are 3 samples, numbered from 0, so there is no sample 3",
        ),
        (
            {"inputs": [1, 2, 3, 4], "weights": WEIGHTS, "sample": 1},
            "field 'sample': there is 1 sample, numbered from 0, so there is no sample 1",
        ),
        (
            {"inputs": INPUTS, "weights": WEIGHTS, "neuron": 5},
            "field 'neuron': there are 3 neurons (rows of weights), numbered from 0, so there is no neuron 5",
        ),
    ],
    ids=["ragged", "3-d", "mismatch", "biases", "sample", "one-sample", "neuron"],
)
def test_spec_errors(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        figure("forward", fields)


def test_texts_come_from_the_content() -> None:
    fig = figure("forward", CASES["forward-batch-plus-bias"])
    assert fig.drawing.title == "Forward pass of a batch of 3 samples through 3 neurons"
    assert "broadcasting repeats the bias vector for each of the 3 samples" in fig.description
    assert (
        "The outputs are [4.8, 1.21, 2.385]; [8.9, \u22121.81, 0.2]; [1.41, 1.051, 0.026]."
        in fig.description
    )
    # the core's explanation of every step
    assert "biases is repeated 3 times along it" in fig.explanation
    assert "(3, 4).T: rows become columns" in fig.explanation


@pytest.mark.needs_dot
def test_svg_draws_ghost_copies_and_highlights() -> None:
    fig = figure("forward", CASES["forward-batch-plus-bias"])
    data = fig.svg()
    svg = Svg(data)
    assert svg.desc == fig.description
    assert {"left", "right", "product", "product2", "biases", "outputs"} <= set(svg.nodes)
    assert svg.edges == []  # the layout edges are invisible and not drawn
    assert svg.texts.count("copy") == 2
    # the copied values, each drawn as two runs (before and after its decimal point)
    assert svg_text_fills(data)[text_color(BROADCAST).lower()] == 2 * 3 * 2
    text = svg_joined_text(data)
    assert "outputs[0, 0] = row 0 of inputs · column 0 of weights.T + biases[0]" in text
    assert "= 2.8 + 2.0 = 4.8" in text


@pytest.mark.needs_dot
def test_png_size_and_colours() -> None:
    from PIL import Image

    data = figure("forward", CASES["forward-batch-plus-bias"]).png(96)
    image = Image.open(io.BytesIO(data))
    assert 1000 < image.width < 1700 and 450 < image.height < 900
    counts = png_colours(data)
    for colour, least in (
        *((tint(c, 0.7), 1000) for c in INDEX_COLORS[:4]),  # the pairs of row and column
        (tint(RESULT, 0.7), 2000),
        (tint(BIAS, 0.75), 500),
    ):
        assert has_colour(counts, colour, at_least=least)


def test_numbers_are_compact() -> None:
    source = figure("forward", CASES["forward-batch-plus-bias"]).drawing.source
    assert "0000000" not in source and fmt(-1.949) in cell_texts(node_label(source, "product"))


def test_big_integers_are_exact_like_dot_and_matmul() -> None:
    # int64 would wrap 2**62 × 4 + 2**62 × 4 around to 0; the figure adds like Python
    big = 4611686018427387904
    fig = figure("forward", inputs=[[big, big]], weights=[[4, 4]], biases=[1])
    assert f"= {2 * big * 4 + 1}" in fig.explanation
    assert figure("matmul", a=[[big, big]], b=[[4], [4]]).explanation.endswith(f"= {8 * big}")
    assert figure("dot", left=[big, big], right=[4, 4]).explanation.endswith(f"= {8 * big}")
