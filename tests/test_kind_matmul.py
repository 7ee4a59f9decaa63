"""The matmul kind: golden DOT, C and the written-out cell against NumPy, the mismatch
figure with the core's fix, SVG highlights and PNG colours."""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from _figures import Svg, check_golden, has_colour, png_colours
from _gridfigs import cell_texts, node_label, svg_fills, svg_joined_text, svg_text_fills
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.engine.fixes import suggest_fixes
from shapekit.errors import SpecError
from shapekit.figures import figure, grid
from shapekit.figures.theme import ERROR, INDEX_COLORS, RESULT, text_color, tint
from shapekit.numbers import fmt

INPUTS = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
WEIGHTS = [[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
BATCH = {"a": INPUTS, "b": WEIGHTS, "a_name": "inputs", "b_name": "weights"}
BIG = {
    "a": [[(i * 7 + j * 3) % 11 / 10 - 0.5 for j in range(40)] for i in range(30)],
    "b": [[(i + j) % 5 - 2 for j in range(25)] for i in range(40)],
    "highlight": [17, 12],
}
CASES = {
    "matmul-5x4-4x5": {"a_shape": [5, 4], "b_shape": [4, 5]},
    "matmul-5x4-4x7": {"a_shape": [5, 4], "b_shape": [4, 7], "highlight": [2, 6]},
    "matmul-row-times-column": {
        "a": [[1, 2, 3]],
        "b": [[2], [3], [4]],
        "a_name": "a",
        "b_name": "b",
    },
    "matmul-why-transpose": BATCH,
    "matmul-after-transpose": {**BATCH, "transpose_b": True, "highlight": []},
    "matmul-batch-dot": {**BATCH, "transpose_b": True, "c_name": "outputs", "highlight": [1, 2]},
    "matmul-elided": BIG,
    "matmul-mismatch-shapes": {"a_shape": [5, 4], "b_shape": [5, 4]},
}


@pytest.mark.parametrize("name", list(CASES))
def test_dot_source_matches_golden(name: str) -> None:
    check_golden(f"{name}.dot", figure("matmul", CASES[name]).drawing.source)


@pytest.mark.parametrize("name", ["matmul-row-times-column", "matmul-batch-dot"])
def test_result_cells_equal_numpy(name: str) -> None:
    fields = CASES[name]
    a = np.array(fields["a"], dtype=float)
    b = np.array(fields["b"], dtype=float)
    if fields.get("transpose_b"):
        b = b.T
    c = a @ b
    cells = cell_texts(node_label(figure("matmul", fields).drawing.source, "falk"))
    # reading order: B's rows, then for each row of A: A's row followed by C's row
    m, k = a.shape
    n = b.shape[1]
    assert len(cells) == k * n + m * (k + n)
    b_cells = cells[: k * n]
    assert [float(x) for x in b_cells] == pytest.approx(b.ravel().tolist())
    for i in range(m):
        row = cells[k * n + i * (k + n) :][: k + n]
        assert [float(x) for x in row[:k]] == pytest.approx(a[i].tolist())
        assert [float(x) for x in row[k:]] == pytest.approx(c[i].tolist(), abs=1e-9)


def test_seed_row_times_column_writes_20() -> None:
    fig = figure("matmul", CASES["matmul-row-times-column"])
    assert fig.explanation.endswith("C[0, 0] = 1×2 + 2×3 + 3×4 = 2 + 6 + 12 = 20")


values = st.floats(-9, 9, allow_nan=False).map(lambda x: round(x, 1))


@settings(max_examples=30, deadline=None)
@given(
    st.tuples(st.integers(1, 4), st.integers(1, 8), st.integers(1, 4)).flatmap(
        lambda d: st.tuples(
            st.lists(st.lists(values, min_size=d[1], max_size=d[1]), min_size=d[0], max_size=d[0]),
            st.lists(st.lists(values, min_size=d[2], max_size=d[2]), min_size=d[1], max_size=d[1]),
            st.integers(0, d[0] - 1),
            st.integers(0, d[2] - 1),
        )
    )
)
def test_caption_sum_equals_the_cell(
    case: tuple[list[list[float]], list[list[float]], int, int],
) -> None:
    a, b, i, j = case
    text = figure("matmul", a=a, b=b, highlight=[i, j]).explanation
    written = text.split(f"C[{i}, {j}] = ", 1)[1]
    expected = float((np.array(a) @ np.array(b))[i, j])
    assert float(written.rsplit("= ", 1)[1]) == pytest.approx(expected, abs=1e-9)
    if len(a[0]) <= 6:  # every product is written out: their values add up to the cell
        pairs = written.split(" = ")[0].split(" + ")
        assert len(pairs) == len(a[0])
        total = sum(
            float(x.strip("()")) * float(y.strip("()")) for x, y in (p.split("×") for p in pairs)
        )
        assert total == pytest.approx(expected, abs=1e-9)


def test_mismatch_explains_and_gives_the_checked_fix() -> None:
    fig = figure("matmul", BATCH)
    fixes = suggest_fixes("matmul", (3, 4), (3, 4), "inputs", "weights")
    assert fixes[0].expr == "inputs @ weights.T"
    # the fix really works in NumPy, with the shape the figure states
    assert (np.array(INPUTS) @ np.array(WEIGHTS).T).shape == fixes[0].shape == (3, 3)
    assert fig.drawing.title == "Why a 3×4 matrix cannot be multiplied by a 3×4 matrix"
    assert "the inner dimensions 4 and 3 do not match" in fig.explanation
    assert (
        "Shapes that fit: inputs @ weights.T gives (3, 3); inputs.T @ weights gives (4, 4)."
        in fig.explanation
    )
    source = fig.drawing.source
    assert "These shapes do fit: <B>inputs @ weights.T</B> gives " in source
    with pytest.raises(ValueError, match="mismatch"):
        np.array(INPUTS) @ np.array(WEIGHTS)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"a": [[1]], "a_shape": [1, 1], "b_shape": [1, 1]},
            "matmul figures need either 'a' or 'a_shape' (one of them)",
        ),
        ({"a_shape": [2, 3]}, "matmul figures need either 'b' or 'b_shape' (one of them)"),
        (
            {"a_shape": [2, 3, 4], "b_shape": [4, 5]},
            "field 'a_shape': matmul figures draw matrices (2 dimensions), got (2, 3, 4)",
        ),
        (
            {"a_shape": [0, 3], "b_shape": [3, 5]},
            "field 'a_shape': a matrix of shape (0, 3) has no elements to draw",
        ),
        (
            {"a_shape": [2, 3], "b_shape": [3, 2_000_000]},
            "field 'b_shape': dimension 1 is 2000000; figures draw dimensions up to 1,000,000",
        ),
        (
            {"a_shape": [2, 3], "b_shape": [3, 5], "highlight": [2, 0]},
            "field 'highlight': the result has 2 rows and 5 columns, so (2, 0) is not one of its cells",
        ),
        (
            {"a_shape": [2, 3], "b_shape": [3, 5], "highlight": [1]},
            "field 'highlight': give a row and a column (two numbers) or nothing, got [1]",
        ),
        ({"a": [[1, 2], [3]], "b_shape": [2, 2]}, "field 'a': "),
    ],
    ids=[
        "both-a",
        "no-b",
        "3-d",
        "empty",
        "too-big",
        "highlight-outside",
        "highlight-one",
        "ragged",
    ],
)
def test_spec_errors(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        figure("matmul", fields)


def test_elided_figure_keeps_the_highlighted_row_and_column() -> None:
    fig = figure("matmul", BIG)
    source = fig.drawing.source
    assert grid.ROW_GAP in source and grid.COL_GAP in source and grid.BOTH_GAP in source
    assert ">17<" in source and ">12<" in source
    assert "Middle rows and columns are left out" in fig.description
    expected = float((np.array(BIG["a"]) @ np.array(BIG["b"]))[17, 12])
    assert float(fig.explanation.rsplit("= ", 1)[1]) == pytest.approx(expected)
    assert "= the 40 products added up = " in svg_free_text(source)


def svg_free_text(source: str) -> str:
    return grid.plain(source).replace("\u2212", "-")


def test_description_names_shapes_and_the_written_cell() -> None:
    fig = figure("matmul", CASES["matmul-batch-dot"])
    assert fig.drawing.title == "Matrix product of a 3×4 and a 4×3 matrix"
    assert "inputs has shape (3, 4) and weights.T has shape (4, 3)" in fig.description
    c = np.array(INPUTS) @ np.array(WEIGHTS).T
    assert "give outputs[1, 2] = " in fig.description
    assert fig.description.endswith(f"= {fmt(float(c[1, 2]), minus=chr(0x2212))}.")


@pytest.mark.needs_dot
def test_svg_highlights_one_row_one_column_one_cell() -> None:
    fig = figure("matmul", CASES["matmul-5x4-4x5"])
    data = fig.svg()
    assert Svg(data).desc == fig.description
    fills = svg_fills(data)
    for colour in INDEX_COLORS[:4]:  # element k of the row and of the column: one pair
        assert fills[tint(colour, 0.72)] == 2
    assert fills[tint(RESULT, 0.62)] == 1
    text = svg_joined_text(data)
    assert "C[0, 0] = row 0 of A · column 0 of B" in text
    assert "A[0, 3]×B[3, 0]" in text


@pytest.mark.needs_dot
def test_svg_of_a_mismatch_shows_the_clash_in_the_error_colour() -> None:
    data = figure("matmul", BATCH).svg()
    reds = svg_text_fills(data)[text_color(ERROR)]
    assert reds >= 6  # the 4 and 3 in both badges, the clash line, and in the reason
    text = svg_joined_text(data)
    assert "4 ≠ 3" in text
    assert "These shapes do fit: inputs @ weights.T gives (3, 3)" in text
    assert "Fix (checked)" not in text


@pytest.mark.needs_dot
def test_png_size_and_colours() -> None:
    from PIL import Image

    data = figure("matmul", CASES["matmul-batch-dot"]).png(96)
    image = Image.open(io.BytesIO(data))
    assert 450 < image.width < 1000 and 400 < image.height < 800
    counts = png_colours(data)
    for colour in INDEX_COLORS[:4]:
        assert has_colour(counts, tint(colour, 0.72), at_least=500)
    assert has_colour(counts, tint(RESULT, 0.62), at_least=500)


@given(st.lists(st.integers(1, 30), min_size=1, max_size=12), st.integers(20, 80))
def test_wrapped_sums_are_balanced(lengths: list[int], width: int) -> None:
    # a long sum breaks into as few lines as fit, of about equal length: never a last
    # term alone on its line (the 5×4 @ 4×5 caption used to end with "A[0, 3]×B[3, 0]")
    parts = [("x" * n, "x" * n) for n in lengths]
    lines = grid.wrap(parts, width=width)
    assert "".join(line.replace(" + ", "").rstrip(" +") for line in lines) == "".join(
        p for p, _ in parts
    )
    greedy = grid._wrap_greedy(parts, " + ", width)
    assert len(lines) == len(greedy)
    if len(lines) > 1:
        longest = max(len(line.rstrip(" +")) for line in lines)
        assert longest <= max(len(line.rstrip(" +")) for line in greedy)
        # as narrow as it gets: any narrower and the sum would need another line
        # (unless the longest line is one term, which no width can split)
        if longest > max(lengths):
            assert len(grid._wrap_greedy(parts, " + ", longest - 1)) > len(lines)


def test_the_5x4_caption_splits_its_four_products_two_and_two() -> None:
    source = figure("matmul", a_shape=[5, 4], b_shape=[4, 5]).drawing.source
    assert "A[0, 1&#93;×B[1, 0&#93; +</TD></TR><TR><TD>A[0, 2&#93;" in re.sub(
        r"</?FONT[^>]*>", "", source
    )


def test_the_result_names_its_operands_in_italics_like_their_badges() -> None:
    source = figure("matmul", a_shape=[5, 4], b_shape=[4, 5]).drawing.source
    assert "<I>C</I> = <I>A</I> @ <I>B</I><BR/>" in source
