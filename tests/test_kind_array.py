"""The array kind: golden DOT, shapes against NumPy, ragged lists with the core's message."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours
from _gridfigs import svg_joined_text, svg_strokes
from hypothesis import given, settings
from hypothesis import strategies as st

import shapekit
from shapekit.errors import SpecError
from shapekit.figures import figure
from shapekit.figures.drawing import sentences, typeset
from shapekit.figures.kinds.array import LEVEL_COLORS, MAX_DEPTH
from shapekit.figures.theme import ERROR, line_color

LOLOL = [[[1, 5, 6, 2], [3, 2, 1, 3]], [[5, 2, 1, 2], [6, 4, 8, 4]], [[2, 8, 5, 3], [1, 1, 9, 4]]]
CASES = {
    "array-1d": {"value": [1, 2, 3, 2.5]},
    "array-2d": {"value": [[4, 2], [5, 1], [8, 2]]},
    "array-3d": {"value": LOLOL, "label": "lolol"},
    "array-ragged": {"value": [[1, 2, 3], [4, 5]]},
    "array-ragged-long": {"value": [[1, 2], [3, 4, 5], [6, 7]]},
    "array-mixed": {"value": [[1, 2], 3]},
    "array-elided": {"value": [[i * 30 + j for j in range(30)] for i in range(20)]},
}


@pytest.mark.parametrize("name", list(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("array", CASES[name]).drawing.source)


@pytest.mark.parametrize(
    ("name", "shape"),
    [("array-1d", (4,)), ("array-2d", (3, 2)), ("array-3d", (3, 2, 4))],
    ids=["1-d", "2-d", "3-d"],
)
def test_shape_is_numpys(name: str, shape: tuple[int, ...]) -> None:
    value = CASES[name]["value"]
    fig = figure("array", CASES[name])
    assert np.array(value).shape == shape
    assert fig.explanation.startswith(f"shape {shape}: ")
    assert fig.drawing.title == f"A {len(shape)}-D array of shape {shape}"


def test_each_bracket_level_is_one_dimension() -> None:
    fig = figure("array", CASES["array-3d"])
    assert fig.explanation == (
        "shape (3, 2, 4): axis 0: the outermost brackets hold 3 lists; "
        "axis 1: each of those holds 2 lists; axis 2: each of those holds "
        "4 numbers"
    )
    source = fig.drawing.source
    # one box per pair of brackets: 1 outer, 3 matrices, 6 rows, each level in its colour
    for level, count in enumerate((1, 3, 6)):
        assert source.count(f'BORDER="2" COLOR="{line_color(LEVEL_COLORS[level])}"') == count
    assert "24 numbers in all" in fig.description


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=4).flatmap(
        lambda dims: st.just(np.arange(int(np.prod(dims))).reshape(dims).tolist())
    )
)
def test_explanation_shape_matches_numpy(value: list) -> None:  # type: ignore[type-arg]
    fig = figure("array", value=value)
    assert fig.explanation.startswith(f"shape {np.array(value).shape}: ")


@pytest.mark.parametrize("name", ["array-ragged", "array-ragged-long", "array-mixed"])
def test_broken_lists_show_the_cores_message(name: str) -> None:
    value = CASES[name]["value"]
    with pytest.raises(shapekit.ShapeError) as info:
        shapekit.shape(value)
    fig = figure("array", CASES[name])
    assert fig.explanation == info.value.message
    assert fig.drawing.title == "A list that is not homologous"
    # the description reads it as a sentence, with true minus signs
    assert sentences(typeset(info.value.message)) in fig.description
    source = fig.drawing.source
    assert f'COLOR="{ERROR}"' in source
    with pytest.raises(ValueError, match="inhomogeneous"):
        np.array(value)


def test_a_short_row_gets_dashed_missing_cells() -> None:
    source = figure("array", CASES["array-ragged"]).drawing.source
    assert source.count(f'STYLE="dashed" COLOR="{ERROR}"') == 1
    source = figure("array", CASES["array-ragged-long"]).drawing.source
    assert 'STYLE="dashed"' not in source
    assert source.count(f'BORDER="2" COLOR="{ERROR}" BGCOLOR') == 1  # the extra element 5


def test_long_lists_are_elided() -> None:
    fig = figure("array", CASES["array-elided"])
    source = fig.drawing.source
    assert "\u22ee" in source and "\u22ef" in source
    assert ">599<" in source and ">300<" not in source


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": []}, "field 'values': the list is empty, so there is nothing to draw"),
        (
            {"value": [[[[[[1]]]]]]},
            f"field 'values': it has 6 levels of brackets; array figures draw up to {MAX_DEPTH}",
        ),
        ({"value": 3}, "field 'values': expected a list, got 3"),
        ({"value": "[1, 'a']"}, "field 'values'"),
    ],
    ids=["empty", "too-deep", "number", "text"],
)
def test_spec_errors(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        figure("array", fields)


@pytest.mark.needs_dot
def test_svg_texts_and_error_outline() -> None:
    fig = figure("array", CASES["array-ragged"])
    data = fig.svg()
    assert Svg(data).desc == fig.description
    text = svg_joined_text(data)
    assert "[[1, 2, 3], [4, 5]]" in text
    assert "list[1] has 2 items where dimension 1 needs 3:" in text
    assert "not homologous, so it cannot be an array" in text
    assert svg_strokes(data)[ERROR.lower()] >= 2  # the ragged row's box and its missing cell


@pytest.mark.needs_dot
def test_png_size_and_level_colours() -> None:
    from PIL import Image

    data = figure("array", CASES["array-3d"]).png(96)
    image = Image.open(io.BytesIO(data))
    assert 600 < image.width < 1100 and 250 < image.height < 500
    counts = png_colours(data)
    for colour in LEVEL_COLORS[:3]:
        assert has_colour(counts, line_color(colour), tolerance=16, at_least=300)
