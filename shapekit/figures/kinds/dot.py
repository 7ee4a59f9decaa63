"""``dot``: the dot product of two vectors — pairs, their products, the sum
(and, with ``bias``, the bias added to it, as a neuron does).

>>> from shapekit.figures import figure
>>> print(figure("dot", left=[1, 2, 3], right=[2, 3, 4]).explanation)
[1, 2, 3] · [2, 3, 4] = 1×2 + 2×3 + 3×4 = 2 + 6 + 12 = 20
>>> print(figure("dot", left=[0.2, -0.5], right=[1.0, 3.0], bias=2.0).explanation)
[0.2, -0.5] · [1.0, 3.0] = 0.2×1.0 + (-0.5)×3.0 = 0.2 - 1.5 = -1.3; -1.3 + 2.0 = 0.7
"""

from __future__ import annotations

from shapekit.errors import SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    BIAS,
    GRID,
    MUTED,
    RESULT,
    esc,
    index_color,
    new_graph,
    num,
    tint,
)

#: the longest vectors drawn in full; longer ones are refused (a dot figure
#: with more columns than this no longer fits on a slide)
MAX_LENGTH = 16

FIELDS = (
    Field("left", "numbers", "the first vector", max_items=MAX_LENGTH),
    Field("right", "numbers", "the second vector", max_items=MAX_LENGTH),
    Field("left_label", "text", "name of the first vector", default="a", max_items=40),
    Field("right_label", "text", "name of the second vector", default="b", max_items=40),
    Field("bias", "number", "a bias added after the sum (leave out for none)", default=None),
)

Number = float | int


def check(spec: Spec) -> None:
    left, right = spec["left"], spec["right"]
    if len(left) != len(right):
        raise SpecError(
            f"a dot product needs vectors of the same length, but left has {len(left)} "
            f"numbers and right has {len(right)}",
            field="right",
        )
    if not left:
        raise SpecError("field 'left': the vectors need at least one number", field="left")


def _products(spec: Spec) -> tuple[list[Number], Number, Number]:
    """The element-wise products, their sum, and the sum plus the bias (if any)."""
    products = [a * b for a, b in zip(spec["left"], spec["right"], strict=True)]
    total = sum(products)
    return products, total, total + spec["bias"] if spec["bias"] is not None else total


def _ascii(text: str) -> str:
    return text.replace("\u2212", "-")


def _text(spec: Spec) -> str:
    """The arithmetic in one line of plain text (ASCII minus signs)."""
    left, right, bias = spec["left"], spec["right"], spec["bias"]
    products, total, result = _products(spec)
    vec = "[{}] · [{}]".format(", ".join(num(x) for x in left), ", ".join(num(x) for x in right))
    pairs = " + ".join(grid.product(a, b)[1] for a, b in zip(left, right, strict=True))
    text = f"{vec} = {pairs}"
    if len(products) > 1:
        text += f" = {grid.signed_sum(products)}"
    text += f" = {num(total)}"
    if bias is not None:
        text += f"; {num(total)} + {grid.factor(bias)} = {num(result)}"
    return _ascii(text)


def _caption(spec: Spec) -> list[str]:
    """The caption lines: the products (coloured like their columns), then the sum.

    With a bias, a last line adds it to the sum, after the sum has been worked out.
    """
    left, right, bias = spec["left"], spec["right"], spec["bias"]
    products, total, _ = _products(spec)
    terms = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        plain_term = grid.product(a, b)[1]
        terms.append((grid.colored(plain_term, index_color(i)), plain_term))
    head = f"{spec['left_label']} · {spec['right_label']} = "
    lines = grid.wrap([(esc(head) + terms[0][0], head + terms[0][1]), *terms[1:]])
    result = grid.colored(num(total), RESULT, bold=bias is None)
    lines += grid.sum_lines(products, result) if len(products) > 1 else [f"= {result}"]
    if bias is not None:
        _, _, with_bias = _products(spec)
        lines.append(
            f"{esc(num(total))} + bias {grid.colored(grid.factor(bias), BIAS)} = "
            f"{grid.colored(num(with_bias), RESULT, bold=True)}"
        )
    return lines


def build(spec: Spec) -> Drawing:
    left, right, bias = spec["left"], spec["right"], spec["bias"]
    products, total, _ = _products(spec)
    n = len(left)
    g = new_graph("dot_product")
    rows = []
    table = (
        (spec["left_label"], left, False),
        (spec["right_label"], right, False),
        (f"{spec['left_label']}×{spec['right_label']}", products, True),
    )
    # one cell width for the whole figure, decimal points in line
    texts = [num(v) for _, values, _ in table for v in values]
    split = grid.aligned_cells(texts, bold=True)
    width = max(56, (split[0] + split[1] + 12) if split else 0)
    for label, values, bold in table:
        row = [grid.text_cell(f'<FONT COLOR="{MUTED}"><I>{esc(label)}</I></FONT>', align="RIGHT")]
        for i, value in enumerate(values):
            fill = tint(index_color(i), 0.82)
            cell = grid.Cell(esc(num(value)), fill=fill, border=GRID, bold=bold, split=split)
            row.append(grid.td(cell, width=width))
        rows.append("".join(row))
    # the sum under the products; the bias is added in the caption, once the sum is known
    total_text = f"sum = {grid.colored(num(total), RESULT, bold=bias is None)}"
    rows.append(grid.text_cell() + grid.text_cell(total_text, colspan=n, align="LEFT"))
    g.node("table", label=grid.label(grid.table(rows, spacing=4, padding=8)), shape="plain")
    g.attr(label=grid.caption(_caption(spec)), labelloc="b", fontsize="15")
    la, lb = spec["left_label"], spec["right_label"]
    title = f"Dot product of two vectors of length {n}" + (
        " plus a bias" if bias is not None else ""
    )
    description = (
        f"The dot product of {la} and {lb}, two vectors of {n} numbers: each pair of numbers "
        f"at the same position is multiplied and the {n} products are added up"
        + (", then the bias is added" if bias is not None else "")
        + f". {_text(spec)}."
    )
    return Drawing(source=g.source, title=title, description=description, explanation=_text(spec))


KIND = Kind(
    name="dot",
    summary="the dot product of two vectors: element-wise products, then their sum",
    fields=FIELDS,
    build=build,
    check=check,
    version=3,
    example={"left": [1, 2, 3], "right": [2, 3, 4]},
)
