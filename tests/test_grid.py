"""The shared grid builder: elision slots, cells, badges, arithmetic text, limits."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shapekit.errors import SpecError
from shapekit.figures import grid
from shapekit.figures.theme import INNER, text_color


@pytest.mark.parametrize(
    ("n", "keep", "expected"),
    [
        (1, (), (0,)),
        (grid.DRAW_LIMIT, (), tuple(range(grid.DRAW_LIMIT))),
        (grid.DRAW_LIMIT + 1, (), (0, 1, 2, 3, None, 9, 10)),
        (100, (50,), (0, 1, 2, 3, None, 50, None, 98, 99)),
        (100, (4,), (0, 1, 2, 3, 4, None, 98, 99)),
        (100, (97,), (0, 1, 2, 3, None, 97, 98, 99)),
        (100, (500, -1), (0, 1, 2, 3, None, 98, 99)),
    ],
    ids=[
        "one",
        "at-limit",
        "just-over",
        "kept-middle",
        "kept-next-to-head",
        "kept-next-to-tail",
        "out-of-range-ignored",
    ],
)
def test_slots(n: int, keep: tuple[int, ...], expected: tuple[int | None, ...]) -> None:
    assert grid.slots(n, keep) == expected


@given(st.integers(1, 10_000), st.lists(st.integers(0, 10_000), max_size=3))
def test_slots_are_ordered_and_keep_what_matters(n: int, keep: list[int]) -> None:
    drawn = grid.slots(n, keep)
    numbers = [s for s in drawn if s is not None]
    assert numbers == sorted(set(numbers))
    assert numbers[0] == 0 and numbers[-1] == n - 1
    assert all(k in numbers for k in keep if k < n)
    assert drawn[0] is not None and drawn[-1] is not None
    assert all(not (a is None and b is None) for a, b in itertools.pairwise(drawn))
    # a gap stands exactly where indices are skipped
    for a, b in itertools.pairwise(drawn):
        if a is not None and b is not None:
            assert b == a + 1
    assert len(drawn) <= max(n, grid.HEAD + grid.TAIL + 1 + 2 * len(keep))


@pytest.mark.parametrize(
    ("shape", "text"),
    [((5, 4), "(5, 4)"), ((4,), "(4,)"), ((), "()"), ((3, 2, 4), "(3, 2, 4)")],
    ids=["matrix", "vector", "scalar", "3-d"],
)
def test_badge_writes_shapes_like_numpy(shape: tuple[int, ...], text: str) -> None:
    assert grid.plain(grid.badge(shape)) == text


def test_badge_colours_the_chosen_dimension_readably() -> None:
    html = grid.badge((5, 4), colors={1: INNER}, name="A")
    assert grid.plain(html) == "A  (5, 4)"
    assert f'<FONT COLOR="{text_color(INNER)}"><B>4</B></FONT>' in html
    assert "<B>5</B>" not in html


@pytest.mark.parametrize(
    ("values", "text"),
    [([0.2, 1.6, -1.5, 2.5], "0.2 + 1.6 \u2212 1.5 + 2.5"), ([-2, 3], "\u22122 + 3"), ([7], "7")],
    ids=["seed-products", "negative-first", "single"],
)
def test_signed_sum(values: list[float], text: str) -> None:
    assert grid.signed_sum(values) == text


def test_products_put_negative_factors_in_parentheses() -> None:
    html, plain = grid.product(3.0, -0.5, "#0072B2", "#E69F00")
    assert plain == "3.0\u00d7(\u22120.5)"
    assert grid.plain(html) == plain


@given(
    st.lists(st.text("ab1×+", min_size=1, max_size=12), min_size=1, max_size=30),
    st.integers(10, 80),
)
def test_wrap_keeps_every_part_and_respects_the_width(parts: list[str], width: int) -> None:
    lines = grid.wrap([(p, p) for p in parts], width=width)
    assert " ".join(lines).replace(" + ", "+").replace("+ ", "+") == " + ".join(parts).replace(
        " + ", "+"
    )
    for line in lines:
        # a line only overflows when a single part is longer than the width
        assert len(line) <= width + 2 or " + " not in line.rstrip(" +")


def test_settle_sweeps_float_dust_only() -> None:
    assert grid.settle([[0.1 + 0.2 - 0.3, 0.3], [1e-5, -2]], 1.0) == [[0.0, 0.3], [1e-5, -2]]
    assert grid.settle(1e-20, 1e-18) == 1e-20


def test_label_escapes_closing_brackets() -> None:
    assert grid.label("<I>A</I>[0, 1]") == "<<I>A</I>[0, 1&#93;>"


def test_check_dims_refuses_giant_dimensions() -> None:
    grid.check_dims((grid.MAX_DIM, 3), "a_shape")
    with pytest.raises(
        SpecError,
        match=r"field 'a_shape': dimension 0 is 1000001; figures draw "
        r"dimensions up to 1,000,000",
    ) as info:
        grid.check_dims((grid.MAX_DIM + 1, 3), "a_shape")
    assert info.value.field == "a_shape"


def test_matrix_table_elides_with_the_three_marks() -> None:
    matrix = grid.Matrix(30, 40, lambda i, j: grid.Cell(f"{i}.{j}"), keep_rows=(17,))
    html = grid.matrix_table(matrix, below="B")
    cells = re.findall(r'<TD BORDER="1"[^>]*>([^<]*)</TD>', html)
    rows, cols = grid.slots(30, (17,)), grid.slots(40)
    drawn_rows = [r for r in rows if r is not None]
    drawn_cols = [c for c in cols if c is not None]
    assert cells == [f"{i}.{j}" for i in drawn_rows for j in drawn_cols]
    assert html.count(grid.ROW_GAP) == len(drawn_cols) * rows.count(None)
    assert html.count(grid.COL_GAP) == len(drawn_rows) * cols.count(None)
    assert html.count(grid.BOTH_GAP) == rows.count(None) * cols.count(None)
    assert matrix.elided


def test_td_styles_a_highlighted_cell() -> None:
    html = grid.td(grid.Cell("2.8", fill="#aaaaaa", border="#009E73", weight=2, bold=True))
    assert html == (
        '<TD BORDER="2" COLOR="#009E73" BGCOLOR="#aaaaaa" WIDTH="46" HEIGHT="30"><B>2.8</B></TD>'
    )
