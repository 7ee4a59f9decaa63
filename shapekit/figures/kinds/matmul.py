"""``matmul``: the matrix product in the Falk scheme — B above, A to the left,
C where A's rows meet B's columns — with one row of A, one column of B and
their cell of C highlighted and that cell's dot product written out.

A and B are given as values (``a``, ``b``) or as shapes only (``a_shape``,
``b_shape``). When the inner dimensions differ the figure shows A and B side
by side, the two dimensions that clash in the error colour, and the fix the
core has checked.

>>> from shapekit.figures import figure
>>> print(figure("matmul", a_shape=[5, 4], b_shape=[4, 7]).explanation)
(5, 4) @ (4, 7): the inner dimensions 4 and 4 match; the result takes the rows of the left and the columns of the right: (5, 7). C[0, 0] = A[0, 0]×B[0, 0] + A[0, 1]×B[1, 0] + A[0, 2]×B[2, 0] + A[0, 3]×B[3, 0]
>>> print(figure("matmul", a_shape=[3, 4], b_shape=[3, 4]).explanation)
cannot compute A @ B with shapes (3, 4) and (3, 4): the inner dimensions 4 and 3 do not match: ... Shapes that fit: A @ B.T gives (3, 3); A.T @ B gives (4, 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shapekit.errors import MismatchError, SpecError, Suggestion
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    ERROR,
    GRID,
    INNER,
    MUTED,
    RESULT,
    esc,
    index_color,
    line_color,
    new_graph,
    num,
    tint,
)

#: products written out in a caption; longer dot products show the first
#: ones, "…", and the last
CAPTION_TERMS = 6
#: fill of the cells that are not highlighted
BASE_FILL = "#f6f8fa"

FIELDS = (
    Field("a", "matrix", "the left matrix's values (or give a_shape)", default=None),
    Field("b", "matrix", "the right matrix's values (or give b_shape)", default=None),
    Field("a_shape", "shape", "the left matrix's shape, drawn without values", default=None),
    Field("b_shape", "shape", "the right matrix's shape, drawn without values", default=None),
    Field("a_name", "text", "the left matrix's name", default="A", max_items=40),
    Field("b_name", "text", "the right matrix's name", default="B", max_items=40),
    Field("c_name", "text", "the result's name", default="C", max_items=40),
    Field(
        "transpose_b", "flag", "multiply by the right matrix transposed (A @ B.T)", default=False
    ),
    Field(
        "highlight",
        "integers",
        "row and column of the result cell written out (empty for none)",
        default=(0, 0),
        max_items=2,
    ),
    Field("indices", "flag", "number the rows and columns", default=True),
)

Number = float | int


@dataclass(frozen=True)
class _Operand:
    """One operand as drawn: its name as written in code, shape and values (or None)."""

    name: str
    shape: tuple[int, int]
    values: tuple[tuple[Number, ...], ...] | None

    def text(self, i: int, j: int) -> str:
        return esc(num(self.values[i][j])) if self.values is not None else ""

    def split(self) -> tuple[int, int] | None:
        """How this operand's cells line their decimal points up."""
        return _split(self.values)

    def symbol(self, i: int, j: int) -> str:
        """The element written for a caption: its value, or ``A[i, j]``."""
        if self.values is not None:
            return grid.factor(self.values[i][j])
        return f"{self.name}[{i}, {j}]"


def _split(values: Any) -> tuple[int, int] | None:
    if values is None:
        return None
    return grid.aligned_cells([num(x) for row in values for x in row])


def _paired(text: str, t: int, split: tuple[int, int] | None) -> grid.Cell:
    """Element ``t`` of the highlighted row or column: in the colour of its pair."""
    color = index_color(t)
    return grid.Cell(text, fill=tint(color, 0.72), border=line_color(color), weight=2, split=split)


def _operand(spec: Spec, side: str) -> tuple[tuple[int, ...], Any]:
    values, shape = spec[side], spec[f"{side}_shape"]
    if (values is None) == (shape is None):
        raise SpecError(
            f"matmul figures need either {side!r} or '{side}_shape' (one of them)",
            field=side if values is None else f"{side}_shape",
        )
    if values is not None:
        return (len(values), len(values[0])), values
    if len(shape) != 2:
        raise SpecError(
            f"field '{side}_shape': matmul figures draw matrices (2 dimensions), got {shape}; "
            "for a matrix times a vector draw a 'forward' figure",
            field=f"{side}_shape",
        )
    grid.check_dims(shape, f"{side}_shape")
    if 0 in shape:
        raise SpecError(
            f"field '{side}_shape': a matrix of shape {shape} has no elements to draw",
            field=f"{side}_shape",
        )
    return shape, None


def _operands(spec: Spec) -> tuple[_Operand, _Operand]:
    a_shape, a_values = _operand(spec, "a")
    b_shape, b_values = _operand(spec, "b")
    b_name = spec["b_name"]
    if spec["transpose_b"]:
        from shapekit.engine.fixes import transpose_text

        b_shape = b_shape[::-1]
        b_name = transpose_text(b_name)
        if b_values is not None:
            b_values = tuple(zip(*b_values, strict=True))
    a = _Operand(spec["a_name"], (a_shape[0], a_shape[1]), a_values)
    b = _Operand(b_name, (b_shape[0], b_shape[1]), b_values)
    return a, b


def check(spec: Spec) -> None:
    a, b = _operands(spec)
    hl = spec["highlight"]
    if len(hl) not in (0, 2):
        raise SpecError(
            f"field 'highlight': give a row and a column (two numbers) or nothing, got {list(hl)}",
            field="highlight",
        )
    if hl and a.shape[1] == b.shape[0]:
        rows, cols = a.shape[0], b.shape[1]
        if not (0 <= hl[0] < rows and 0 <= hl[1] < cols):
            raise SpecError(
                f"field 'highlight': the result has {rows} row{'s' * (rows != 1)} and "
                f"{cols} column{'s' * (cols != 1)}, so "
                f"({hl[0]}, {hl[1]}) is not one of its cells",
                field="highlight",
            )


# -- the arithmetic of one cell ---------------------------------------------------


def _terms(k: int) -> list[int | None]:
    """Which products of a k-long dot product a caption writes (None: "…")."""
    if k <= CAPTION_TERMS:
        return list(range(k))
    return [0, 1, 2, None, k - 1]


def _cell_lines(a: _Operand, b: _Operand, c_name: str, i: int, j: int) -> tuple[list[str], str]:
    """Caption lines writing out C[i, j], and the same as plain text."""
    k = a.shape[1]
    parts, plain_parts = [], []
    for t in _terms(k):
        if t is None:
            parts.append(("\u2026", "\u2026"))
            plain_parts.append("\u2026")
            continue
        color = index_color(t)
        html_part = (
            grid.colored(a.symbol(i, t), color) + "\u00d7" + grid.colored(b.symbol(t, j), color)
        )
        text = f"{a.symbol(i, t)}×{b.symbol(t, j)}"
        parts.append((html_part, text))
        plain_parts.append(text)
    cell = f"{c_name}[{i}, {j}]"
    head = (
        f"{grid.colored(cell, RESULT, bold=True)} = "
        f"row {i} of <I>{esc(a.name)}</I> · column {j} of <I>{esc(b.name)}</I>"
    )
    first = [(f"= {parts[0][0]}", f"= {parts[0][1]}"), *parts[1:]]
    lines = [head, *grid.wrap(first)]
    plain = f"{cell} = " + " + ".join(plain_parts)
    if a.values is not None and b.values is not None:
        products = [a.values[i][t] * b.values[t][j] for t in range(k)]
        total = grid.settle(sum(products), sum(abs(p) for p in products))
        shown = [products[t] for t in _terms(k) if t is not None]
        result = grid.colored(num(total), RESULT, bold=True)
        if k == 1:
            lines.append(f"= {result}")
        elif k <= CAPTION_TERMS:
            lines += grid.sum_lines(shown, result)
        else:
            lines.append(f"= the {k} products added up = {result}")
        plain += (
            f" = {grid.signed_sum(shown)}" if 1 < k <= CAPTION_TERMS else ""
        ) + f" = {num(total)}"
    return lines, plain.replace("\u2212", "-")


# -- the Falk scheme --------------------------------------------------------------


def _falk(
    a: _Operand,
    b: _Operand,
    c_name: str,
    c_values: list[list[Number]] | None,
    hl: tuple[int, ...],
    indices: bool,
    c_badge: str,
) -> str:
    hi, hj = (hl[0], hl[1]) if hl else (-1, -1)
    m, k = a.shape
    n = b.shape[1]
    rows_a = grid.slots(m, [hi])
    inner = grid.slots(k)
    cols_b = grid.slots(n, [hj])
    lead = 1 + len(inner)  # A's row numbers and A's columns

    a_split, b_split = a.split(), b.split()
    c_split = _split(c_values)

    def a_cell(i: int, t: int) -> grid.Cell:
        if i == hi:
            return _paired(a.text(i, t), t, a_split)
        return grid.Cell(a.text(i, t), fill=BASE_FILL, split=a_split)

    def b_cell(t: int, j: int) -> grid.Cell:
        if j == hj:
            return _paired(b.text(t, j), t, b_split)
        return grid.Cell(b.text(t, j), fill=BASE_FILL, split=b_split)

    def c_cell(i: int, j: int) -> grid.Cell:
        text = esc(num(c_values[i][j])) if c_values is not None else ""
        if (i, j) == (hi, hj):
            return grid.Cell(
                text,
                fill=tint(RESULT, 0.62),
                border=line_color(RESULT),
                weight=2,
                bold=True,
                split=c_split,
            )
        return grid.Cell(text, border=GRID, split=c_split)

    def index(slot: grid.Slot, align: str = "CENTER") -> str:
        return grid.index_cell(slot, align=align) if indices else grid.text_cell()

    b_badge = grid.badge(b.shape, colors={0: INNER, 1: RESULT}, name=b.name)
    a_badge = grid.badge(a.shape, colors={0: RESULT, 1: INNER}, name=a.name)
    rows = [grid.text_cell(colspan=lead + 1) + grid.text_cell(b_badge, colspan=len(cols_b))]
    if indices:
        rows.append(grid.text_cell(colspan=lead + 1) + "".join(index(j) for j in cols_b))
    for t in inner:
        rows.append(
            grid.text_cell(colspan=lead) + index(t, "RIGHT") + grid.cells(t, cols_b, b_cell)
        )
    rows.append(
        grid.text_cell()
        + "".join(index(t) for t in inner)
        + grid.text_cell(width=14)
        + grid.text_cell(colspan=len(cols_b))
    )
    for i in rows_a:
        rows.append(
            index(i, "RIGHT")
            + grid.cells(i, inner, a_cell)
            + grid.text_cell()
            + grid.cells(i, cols_b, lambda r, c: c_cell(r, c))
        )
    rows.append(
        grid.text_cell()
        + grid.text_cell(a_badge, colspan=len(inner))
        + grid.text_cell()
        + grid.text_cell(c_badge, colspan=len(cols_b))
    )
    return grid.table(rows)


def _product(a: _Operand, b: _Operand) -> list[list[Number]] | None:
    if a.values is None or b.values is None:
        return None
    from shapekit.engine.compute import matmul

    matmul(a.values, b.values, names=(a.name, b.name))  # the shape rules, as NumPy
    result = grid.exact_matmul(a.values, b.values)
    scale = (
        max(abs(x) for row in a.values for x in row)
        * max(abs(x) for row in b.values for x in row)
        * a.shape[1]
    )
    settled: list[list[Number]] = grid.settle(result, scale)
    return settled


def _build_product(spec: Spec, a: _Operand, b: _Operand, explanation: Any) -> Drawing:
    c_name, hl = spec["c_name"], spec["highlight"]
    c_values = _product(a, b)
    expr = f"{a.name} @ {b.name}"
    c_shape = explanation.shape
    c_badge = (
        # the operands in italics, as in their own badges
        f"<I>{esc(c_name)}</I> = <I>{esc(a.name)}</I> @ <I>{esc(b.name)}</I><BR/>"
        f"{grid.badge(c_shape, colors={0: RESULT, 1: RESULT})}"
    )
    table = _falk(a, b, c_name, c_values, hl, spec["indices"], c_badge)
    g = new_graph("matmul")
    g.node("falk", label=grid.label(table), shape="plain")
    # the inner numbers must agree, the outer ones become the result's shape
    shapes_line = (
        f"{grid.badge(a.shape, colors={0: RESULT, 1: INNER})} @ "
        f"{grid.badge(b.shape, colors={0: INNER, 1: RESULT})} \u2192 "
        f"{grid.badge(c_shape, colors={0: RESULT, 1: RESULT})}"
    )
    lines = [shapes_line]
    cell_text = ""
    if hl:
        cell_lines, cell_text = _cell_lines(a, b, c_name, hl[0], hl[1])
        lines += cell_lines
    g.attr(label=grid.caption(lines), labelloc="b", fontsize="15")
    m, k = a.shape
    n = b.shape[1]
    kind = "values" if c_values is not None else "shapes only"
    description = (
        f"The matrix product {c_name} = {expr} in the Falk scheme ({kind}): {b.name} is drawn "
        f"above, {a.name} to the left, and {c_name} where the rows of {a.name} meet the columns "
        f"of {b.name}. {a.name} has shape {tuple(a.shape)} and {b.name} has shape "
        f"{tuple(b.shape)}; the inner dimensions {k} and {k} match, so {c_name} has shape "
        f"{tuple(c_shape)}: one number for each row of {a.name} and each column of {b.name}."
    )
    if hl:
        description += (
            f" Highlighted: row {hl[0]} of {a.name} and column {hl[1]} of {b.name} "
            f"give {cell_text}."
        )
    if (
        None in grid.slots(m, [hl[0]] if hl else [])
        or None in grid.slots(k)
        or None in grid.slots(n, [hl[1]] if hl else [])
    ):
        description += " Middle rows and columns are left out and marked with dots."
    text = explanation.text + (f". {cell_text}" if cell_text else "")
    return Drawing(
        source=g.source,
        title=f"Matrix product of a {m}×{k} and a {k}×{n} matrix",
        description=description.replace("\u2212", "-"),
        explanation=text,
    )


# -- a mismatch -------------------------------------------------------------------


def _side(op: _Operand, hl_index: int, axis: int, pairs: int) -> str:
    """An operand alone, one row (axis 0) or column (axis 1) highlighted, its badge below.

    The first ``pairs`` numbers of the highlighted line are in their pair's
    colour; the rest have no partner on the other side and are in the error colour.
    """
    rows, cols = op.shape
    split = op.split()

    def cell(i: int, j: int) -> grid.Cell:
        if (i if axis == 0 else j) == hl_index:
            t = j if axis == 0 else i
            if t < pairs:
                return _paired(op.text(i, j), t, split)
            return grid.Cell(
                op.text(i, j),
                fill=tint(ERROR, 0.8),
                border=line_color(ERROR),
                weight=2,
                split=split,
            )
        return grid.Cell(op.text(i, j), fill=BASE_FILL, split=split)

    keep = ([hl_index], []) if axis == 0 else ([], [hl_index])
    matrix = grid.Matrix(rows, cols, cell, tuple(keep[0]), tuple(keep[1]))
    badge = grid.badge(op.shape, colors={1 - axis: ERROR}, name=op.name)
    return grid.matrix_table(matrix, below=badge)


def _build_mismatch(spec: Spec, a: _Operand, b: _Operand, error: MismatchError) -> Drawing:
    hl = spec["highlight"]
    i = hl[0] if hl and hl[0] < a.shape[0] else 0
    j = hl[1] if hl and hl[1] < b.shape[1] else 0
    ka, kb = a.shape[1], b.shape[0]
    g = new_graph("matmul_mismatch")
    pairs = min(ka, kb)
    g.node("a", label=grid.label(_side(a, i, 0, pairs)), shape="plain")
    g.node("op", label="<<B>@</B>>", shape="plain", fontsize="28", fontcolor=MUTED)
    g.node("b", label=grid.label(_side(b, j, 1, pairs)), shape="plain")
    g.edge("a", "op", style="invis")
    g.edge("op", "b", style="invis")
    clash = (
        f"{grid.badge(a.shape, colors={1: ERROR})} @ {grid.badge(b.shape, colors={0: ERROR})}"
        f":  {grid.colored(str(ka), ERROR, bold=True)} \u2260 "
        f"{grid.colored(str(kb), ERROR, bold=True)}"
    )
    why = (
        f"row {i} of <I>{esc(a.name)}</I> has {grid.colored(str(ka), ERROR, bold=True)} numbers, "
        f"column {j} of <I>{esc(b.name)}</I> has {grid.colored(str(kb), ERROR, bold=True)}: "
        "they cannot be paired up"
    )
    lines = [clash, why]
    fixes = _fixes(error.suggestions)
    if error.suggestions:
        best = error.suggestions[0]
        lines.append(
            f"These shapes do fit: <B>{esc(best.expr)}</B> gives "
            f"{grid.badge(best.shape, colors=dict.fromkeys(range(len(best.shape)), RESULT))}"
        )
    g.attr(label=grid.caption(lines), labelloc="b", fontsize="15")
    description = (
        f"A failed matrix product: {a.name} has shape {tuple(a.shape)} and {b.name} has shape "
        f"{tuple(b.shape)}. Each row of {a.name} has {ka} numbers but each column of {b.name} "
        f"has {kb}, so they cannot be paired. {error.message}.{fixes}"
    )
    return Drawing(
        source=g.source,
        title=f"Why a {a.shape[0]}×{ka} matrix cannot be multiplied by a {kb}×{b.shape[1]} matrix",
        description=description,
        explanation=f"{error.message}.{fixes}",
    )


def _fixes(suggestions: Sequence[Suggestion]) -> str:
    if not suggestions:
        return ""
    listed = "; ".join(f"{s.expr} gives {tuple(s.shape)}" for s in suggestions)
    return f" Shapes that fit: {listed}."


def build(spec: Spec) -> Drawing:
    from shapekit.engine.ops import matmul_shapes

    a, b = _operands(spec)
    try:
        explanation = matmul_shapes(a.shape, b.shape, names=(a.name, b.name))
    except MismatchError as error:
        return _build_mismatch(spec, a, b, error)
    return _build_product(spec, a, b, explanation)


KIND = Kind(
    name="matmul",
    version=2,
    summary="the matrix product in the Falk scheme, one cell's dot product written out",
    fields=FIELDS,
    build=build,
    check=check,
    example={"a_shape": [5, 4], "b_shape": [4, 5]},
)
