"""The transpose kind: golden DOT, the drawn result against NumPy's transpose, colours."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours
from _gridfigs import cell_texts, cells, node_label, svg_fills, svg_joined_text
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.errors import SpecError
from shapekit.figures import figure, grid
from shapekit.figures.kinds.transpose import _fill
from shapekit.numbers import fmt

DECIMALS = [
    [0.49, 0.97, 0.53, 0.05, 0.33],
    [0.65, 0.62, 0.51, 1.0, 0.38],
    [0.61, 0.45, 0.74, 0.27, 0.64],
    [0.17, 0.36, 0.17, 0.96, 0.12],
    [0.79, 0.32, 0.68, 0.9, 0.77],
]
CASES = {
    "transpose-4x5": {"shape": [4, 5]},
    "transpose-5x5": {"values": DECIMALS},
    "transpose-elided": {"shape": [30, 12], "label": "X"},
}


@pytest.mark.parametrize("name", list(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("transpose", CASES[name]).drawing.source)


def test_position_labels_follow_numpy() -> None:
    source = figure("transpose", shape=[4, 5]).drawing.source
    labels = np.array([f"{i:02d}" for i in range(20)]).reshape(4, 5)
    assert cell_texts(node_label(source, "before")) == labels.ravel().tolist()
    assert cell_texts(node_label(source, "after")) == labels.T.ravel().tolist()


@settings(max_examples=25, deadline=None)
@given(
    st.tuples(st.integers(1, 7), st.integers(1, 7)).flatmap(
        lambda d: st.lists(
            st.lists(
                st.floats(-99, 99, allow_nan=False).map(lambda x: round(x, 2)),
                min_size=d[1],
                max_size=d[1],
            ),
            min_size=d[0],
            max_size=d[0],
        )
    )
)
def test_drawn_values_are_numpys_transpose(values: list[list[float]]) -> None:
    source = figure("transpose", values=values).drawing.source
    expected = [fmt(v) for v in np.array(values).T.ravel().tolist()]
    assert cell_texts(node_label(source, "after")) == expected


def test_rows_keep_their_colour_as_columns() -> None:
    source = figure("transpose", values=DECIMALS).drawing.source
    before, after = node_label(source, "before"), node_label(source, "after")
    drawn_before, drawn_after = cells(before), cells(after)
    for i, row in enumerate(DECIMALS):
        colour = _fill(i)
        for j, value in enumerate(row):
            assert drawn_before[i * len(row) + j] == (colour, fmt(value))
            assert drawn_after[j * len(DECIMALS) + i] == (colour, fmt(value))
        # the same colour fills one row before and one column after
        assert before.count(f'BGCOLOR="{colour}"') == after.count(f'BGCOLOR="{colour}"') == 5


def test_texts() -> None:
    fig = figure("transpose", shape=[4, 5])
    assert fig.drawing.title == "Transposing a 4×5 matrix into a 5×4 matrix"
    assert "the first row, 00, 01, 02, 03, 04, becomes the first column" in fig.description
    assert fig.explanation.startswith(
        "(4, 5).T: rows become columns and columns become rows: (5, 4)"
    )
    assert "left out" in figure("transpose", CASES["transpose-elided"]).description
    assert grid.BOTH_GAP in figure("transpose", CASES["transpose-elided"]).drawing.source


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "transpose figures need either 'values' or 'shape' (one of them)"),
        ({"shape": [2, 2], "values": [[1, 2], [3, 4]]}, "need either 'values' or 'shape'"),
        (
            {"shape": [2, 3, 4]},
            "field 'shape': transpose figures draw matrices (2 dimensions), got (2, 3, 4)",
        ),
        ({"shape": [0, 4]}, "field 'shape': the matrix (0, 4) has no elements to draw"),
        ({"shape": [3, 10**7]}, "field 'shape': dimension 1 is 10000000"),
        ({"values": [1, 2, 3]}, "field 'values': expected a matrix (2 dimensions), got shape (3,)"),
    ],
    ids=["neither", "both", "3-d", "empty", "too-big", "vector"],
)
def test_spec_errors(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        figure("transpose", fields)


@pytest.mark.needs_dot
def test_svg_texts_and_structure() -> None:
    fig = figure("transpose", shape=[4, 5])
    data = fig.svg()
    svg = Svg(data)
    assert svg.desc == fig.description
    assert svg.nodes == ["before", "after"] and svg.edges == ["before->after"]
    texts = svg.texts
    for k in range(20):
        assert texts.count(f"{k:02d}") == 2
    fills = svg_fills(data)
    for i in range(4):
        assert fills[_fill(i)] == 10
    assert "A[i, j]" in svg_joined_text(data).replace(" ", "").replace("[i,j]", "[i, j]")


@pytest.mark.needs_dot
def test_png_size_and_colours() -> None:
    from PIL import Image

    data = figure("transpose", values=DECIMALS).png(96)
    image = Image.open(io.BytesIO(data))
    assert 500 < image.width < 1100 and 250 < image.height < 600
    counts = png_colours(data)
    for i in range(5):
        assert has_colour(counts, _fill(i), at_least=1500)


def test_numbers_keep_their_written_precision() -> None:
    source = figure("transpose", values="[[1.00, 0.90], [0.5, -0.70]]").drawing.source
    assert cell_texts(node_label(source, "before")) == ["1.00", "0.90", "0.5", "-0.70"]
    assert cell_texts(node_label(source, "after")) == ["1.00", "0.5", "0.90", "-0.70"]
