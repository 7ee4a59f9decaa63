"""``transpose``: a matrix before and after transposition, each row of the
original carried (by its colour) into the same-numbered column of the result.

Give ``values`` to show numbers, or ``shape`` to show each element's position
label (``00`` … ``19`` for a 4×5 matrix), so that the eye can follow where
each element goes.

>>> from shapekit.figures import figure
>>> print(figure("transpose", shape=[2, 3]).explanation)
(2, 3).T: rows become columns and columns become rows: (3, 2); row i of A becomes column i of A.T: A.T[j, i] = A[i, j].
"""

from __future__ import annotations

from collections.abc import Callable

from shapekit.errors import SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import INK, esc, index_color, line_color, new_graph, num, tint

FIELDS = (
    Field("values", "matrix", "the matrix to transpose (or give its shape)", default=None),
    Field(
        "shape",
        "shape",
        "the matrix's shape, drawn with position labels instead of values",
        default=None,
    ),
    Field("label", "text", "the matrix's name", default="A", max_items=40),
    Field("indices", "flag", "number the rows and columns", default=True),
)


def check(spec: Spec) -> None:
    values, shape = spec["values"], spec["shape"]
    if (values is None) == (shape is None):
        raise SpecError(
            "transpose figures need either 'values' or 'shape' (one of them)",
            field="values" if values is None else "shape",
        )
    if shape is not None:
        if len(shape) != 2:
            raise SpecError(
                f"field 'shape': transpose figures draw matrices (2 dimensions), got {shape}",
                field="shape",
            )
        grid.check_dims(shape, "shape")
        if 0 in shape:
            raise SpecError(
                f"field 'shape': the matrix {shape} has no elements to draw", field="shape"
            )


def _dims(spec: Spec) -> tuple[int, int]:
    if spec["values"] is not None:
        values = spec["values"]
        return len(values), len(values[0])
    rows, cols = spec["shape"]
    return rows, cols


def _texts(spec: Spec) -> Callable[[int, int], str]:
    """The text of element (i, j) of the original: its value or its position label."""
    values = spec["values"]
    if values is not None:
        return lambda i, j: num(values[i][j])
    rows, cols = _dims(spec)
    width = max(2, len(str(rows * cols - 1)))
    return lambda i, j: str(i * cols + j).zfill(width)


def _fill(row: int) -> str:
    """Row ``row`` of the original, in the colour of index ``row``."""
    return tint(index_color(row), 0.72)


def _cell(text: str, i: int, j: int, split: tuple[int, int] | None) -> grid.Cell:
    """Element (i, j) of the original; the diagonal, which stays in place, framed."""
    if i == j:
        return grid.Cell(text, fill=_fill(i), border=INK, weight=2, split=split)
    return grid.Cell(text, fill=_fill(i), border=line_color(index_color(i)), split=split)


def build(spec: Spec) -> Drawing:
    from shapekit.engine.ops import transpose_shape

    rows, cols = _dims(spec)
    text = _texts(spec)
    name = spec["label"]
    explanation = transpose_shape((rows, cols))
    shown = [
        text(i, j)
        for i in grid.slots(rows)
        if i is not None
        for j in grid.slots(cols)
        if j is not None
    ]
    split = grid.aligned_cells(shown)
    before = grid.Matrix(rows, cols, lambda i, j: _cell(esc(text(i, j)), i, j, split))
    after = grid.Matrix(cols, rows, lambda j, i: _cell(esc(text(i, j)), i, j, split))
    colors: dict[int, str] = {}
    # U+1D40 (modifier letter capital T) rather than <SUP>: Graphviz writes <SUP> as
    # baseline-shift="super", which browsers raise about a line (into the text above)
    # while the PNG renderer raises it a little; the glyph draws the same everywhere.
    name_t = f"<I>{esc(name)}</I>\u1d40"
    left = grid.matrix_table(
        before, indices=spec["indices"], below=grid.badge((rows, cols), colors=colors, name=name)
    )
    right = grid.matrix_table(
        after,
        indices=spec["indices"],
        below=grid.badge((cols, rows), name_html=name_t),
    )
    g = new_graph("transpose")
    g.attr(ranksep="0.9")
    g.node("before", label=grid.label(left), shape="plain")
    g.node("after", label=grid.label(right), shape="plain")
    g.edge("before", "after", label=f"<<I>{esc(name)}</I>.T>", fontsize="16", penwidth="1.6")
    lines = [
        f"Row <I>i</I> of <I>{esc(name)}</I> becomes column <I>i</I> of {name_t}: "
        f"{name_t}[<I>j</I>, <I>i</I>] = <I>{esc(name)}</I>[<I>i</I>, <I>j</I>]",
        f"shape {grid.badge((rows, cols), colors=colors)} \u2192 {grid.badge((cols, rows))}",
    ]
    if rows > 1 and cols > 1:
        lines[1] += "; the framed diagonal stays in place"
    g.attr(label=grid.caption(lines), labelloc="b", fontsize="15")
    kind = "values" if spec["values"] is not None else "position labels"
    elided = (
        " Middle rows and columns are left out and marked with dots." if (before.elided) else ""
    )
    sentence = f"row i of {name} becomes column i of {name}.T: {name}.T[j, i] = {name}[i, j]."
    first = ", ".join(text(0, j) for j in range(min(cols, grid.DRAW_LIMIT)))
    description = (
        f"Transposition of the {rows}×{cols} matrix {name}, shown with its {kind}, into the "
        f"{cols}×{rows} matrix {name}.T. Each row keeps its colour: {sentence} "
        f"For example the first row, {first}{', …' if cols > grid.DRAW_LIMIT else ''}, "
        f"becomes the first column.{elided} {explanation.text}."
    ).replace("\u2212", "-")
    return Drawing(
        source=g.source,
        title=f"Transposing a {rows}×{cols} matrix into a {cols}×{rows} matrix",
        description=description,
        explanation=f"{explanation.text}; {sentence}",
    )


KIND = Kind(
    name="transpose",
    version=2,
    summary="a matrix before and after transposition: rows become columns",
    fields=FIELDS,
    build=build,
    check=check,
    example={"shape": [4, 5]},
)
