"""The dot kind: golden DOT, the arithmetic against NumPy, SVG texts and colours, PNG."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours
from _gridfigs import svg_fills, svg_joined_text
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.theme import INDEX_COLORS, RESULT, text_color, tint
from shapekit.numbers import fmt

SEED = {"left": [1, 2, 3], "right": [2, 3, 4]}
NEURON = {
    "left": [0.2, 0.8, -0.5, 1.0],
    "right": [1.0, 2.0, 3.0, 2.5],
    "left_label": "weights",
    "right_label": "inputs",
}
CASES = {"dot-seed": SEED, "dot-neuron": NEURON, "dot-plus-bias": {**NEURON, "bias": 2.0}}


@pytest.mark.parametrize("name", list(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("dot", CASES[name]).drawing.source)


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        (SEED, "[1, 2, 3] · [2, 3, 4] = 1×2 + 2×3 + 3×4 = 2 + 6 + 12 = 20"),
        (
            NEURON,
            "[0.2, 0.8, -0.5, 1.0] · [1.0, 2.0, 3.0, 2.5] = 0.2×1.0 + 0.8×2.0 + (-0.5)×3.0"
            " + 1.0×2.5 = 0.2 + 1.6 - 1.5 + 2.5 = 2.8",
        ),
        (
            {**NEURON, "bias": 2.0},
            "[0.2, 0.8, -0.5, 1.0] · [1.0, 2.0, 3.0, 2.5] = 0.2×1.0 + "
            "0.8×2.0 + (-0.5)×3.0 + 1.0×2.5 = 0.2 + 1.6 - 1.5 + 2.5 = 2.8; "
            "2.8 + 2.0 = 4.8",
        ),
    ],
    ids=["seed", "neuron", "plus-bias"],
)
def test_explanation_writes_the_seed_arithmetic(fields: dict[str, object], text: str) -> None:
    assert figure("dot", fields).explanation == text


numbers = st.floats(-50, 50, allow_nan=False).map(lambda x: round(x, 2))


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 8).flatmap(
        lambda n: st.tuples(
            st.lists(numbers, min_size=n, max_size=n), st.lists(numbers, min_size=n, max_size=n)
        )
    ),
    st.one_of(st.none(), numbers),
)
def test_written_sum_equals_numpy(
    pair: tuple[list[float], list[float]], bias: float | None
) -> None:
    left, right = pair
    fields = {"left": left, "right": right} | ({} if bias is None else {"bias": bias})
    text = figure("dot", fields).explanation
    expected = float(np.dot(left, right)) + (bias or 0.0)
    assert float(text.rsplit("= ", 1)[1]) == pytest.approx(expected, abs=1e-9)
    products = (
        [float(p) for p in text.split(" = ")[2].replace(" - ", " + -").split(" + ")]
        if len(left) > 1
        else [left[0] * right[0]]
    )
    assert sum(products) == pytest.approx(float(np.dot(left, right)), abs=1e-9)


def test_caption_wraps_long_vectors() -> None:
    fig = figure("dot", left=[-0.123456] * 16, right=[0.654321] * 16)
    lines = re.findall(
        r"<TR><TD>(.*?)</TD></TR>",
        fig.drawing.source.split('label=<<TABLE BORDER="0" CELLBORDER="0"')[1],
    )
    assert len(lines) > 2
    assert all(len(re.sub(r"<[^>]+>", "", line)) <= 70 for line in lines)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"left": [1, 2], "right": [1, 2, 3]},
            "a dot product needs vectors of the same length, but left has 2 numbers and right has 3",
        ),
        ({"left": [], "right": []}, "field 'left': the vectors need at least one number"),
        (
            {"left": list(range(17)), "right": list(range(17))},
            "field 'left': has 17 items; the limit is 16",
        ),
    ],
    ids=["lengths-differ", "empty", "too-long"],
)
def test_spec_errors(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        figure("dot", fields)


def test_description_is_made_from_the_content() -> None:
    fig = figure("dot", {**NEURON, "bias": 2.0})
    assert fig.drawing.title == "Dot product of two vectors of length 4 plus a bias"
    assert fig.description.startswith("The dot product of weights and inputs, two vectors of 4")
    assert "2.8 + 2.0 = 4.8" in fig.description


@pytest.mark.needs_dot
def test_svg_shows_every_product_and_the_result() -> None:
    fig = figure("dot", {**NEURON, "bias": 2.0})
    data = fig.svg()
    svg = Svg(data)
    assert svg.desc == fig.description
    text = svg_joined_text(data)
    for product in (
        "0.2×1.0",
        "0.8×2.0",
        "(-0.5)×3.0",
        "1.0×2.5",
        "0.2 + 1.6 - 1.5 + 2.5 = 2.8",
        "2.8 + bias 2.0 = 4.8",
    ):
        assert product in text
    fills = svg_fills(data)
    for i in range(4):  # each column keeps its colour in all three rows
        assert fills[tint(INDEX_COLORS[i], 0.82).lower()] == 3


@pytest.mark.needs_dot
def test_png_size_and_colours() -> None:
    from PIL import Image

    data = figure("dot", SEED).png(96)
    image = Image.open(io.BytesIO(data))
    assert 250 < image.width < 700 and 150 < image.height < 450
    counts = png_colours(data)
    for i in range(3):
        assert has_colour(counts, tint(INDEX_COLORS[i], 0.82), at_least=500)
    assert has_colour(counts, text_color(RESULT), at_least=20)  # the green sum


def test_numbers_use_the_shared_formatting() -> None:
    fig = figure("dot", left=[0.1, 0.2], right=[3, 3])
    assert fig.explanation.endswith(f"= {fmt(0.1 * 3 + 0.2 * 3)}")


def test_the_bias_is_added_after_the_sum_is_worked_out() -> None:
    # table: products and their sum; caption: the sum worked out, then "+ bias" last
    source = figure(
        "dot", left=[0.2, 0.8, -0.5, 1.0], right=[1.0, 2.0, 3.0, 2.5], bias=2.0
    ).drawing.source
    text = re.sub(r"</?(FONT|B)[^>]*>", "", source)
    worked = text.index("= 0.2 + 1.6 \u2212 1.5 + 2.5 = 2.8")
    assert text.index("2.8 + bias 2.0 = 4.8") > worked
    assert text.count("+ bias") == 1
