"""``dot``: the dot product of two vectors — pairs, their products, the sum.

>>> from shapekit.figures import figure
>>> print(figure("dot", left=[1, 2, 3], right=[2, 3, 4]).explanation)
[1, 2, 3] · [2, 3, 4] = 1×2 + 2×3 + 3×4 = 2 + 6 + 12 = 20
"""

from __future__ import annotations

from shapekit.errors import SpecError
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import CELL, CYCLE, GRID, INK, MUTED, esc, new_graph, num, tint

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


def _products(spec: Spec) -> tuple[list[float | int], float | int]:
    products = [a * b for a, b in zip(spec["left"], spec["right"], strict=True)]
    total = sum(products)
    if spec["bias"] is not None:
        total = total + spec["bias"]
    return products, total


def _text(spec: Spec, *, minus: str = "-") -> str:
    from shapekit.numbers import fmt

    left, right, bias = spec["left"], spec["right"], spec["bias"]
    products, total = _products(spec)

    def vec(v: tuple[float | int, ...]) -> str:
        return "[" + ", ".join(fmt(x, minus=minus) for x in v) + "]"

    pairs = " + ".join(f"{fmt(a, minus=minus)}×{fmt(b, minus=minus)}" for a, b in zip(left, right, strict=True))
    terms = " + ".join(fmt(p, minus=minus) for p in products)
    head = f"{vec(left)} · {vec(right)}"
    if bias is not None:
        return f"{head} + {fmt(bias, minus=minus)} = {pairs} + {fmt(bias, minus=minus)} = {fmt(total, minus=minus)}"
    return f"{head} = {pairs} = {terms} = {fmt(total, minus=minus)}"


def build(spec: Spec) -> Drawing:
    left, right = spec["left"], spec["right"]
    products, total = _products(spec)
    g = new_graph("dot_product")
    cells = []
    for label, values, bold in (
        (spec["left_label"], left, False),
        (spec["right_label"], right, False),
        (f"{spec['left_label']}×{spec['right_label']}", products, True),
    ):
        row = [f'<TD ALIGN="RIGHT" BORDER="0"><FONT COLOR="{MUTED}"><I>{esc(label)}</I></FONT></TD>']
        for i, value in enumerate(values):
            color = CYCLE[i % len(CYCLE)]
            text = f"<B>{num(value)}</B>" if bold else num(value)
            row.append(f'<TD BGCOLOR="{tint(color, 0.82)}" COLOR="{GRID}" WIDTH="56">{text}</TD>')
        cells.append("<TR>" + "".join(row) + "</TR>")
    n = len(left)
    extra = f" + {num(spec['bias'])}" if spec["bias"] is not None else ""
    cells.append(
        f'<TR><TD BORDER="0"></TD><TD COLSPAN="{n}" BORDER="0" ALIGN="LEFT">'
        f'<FONT COLOR="{INK}">sum{esc(extra)} = </FONT>'
        f'<FONT COLOR="{CELL}"><B>{num(total)}</B></FONT></TD></TR>'
    )
    label = '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="4" CELLPADDING="8">' + "".join(cells) + "</TABLE>>"
    g.node("table", label=label, shape="plain")
    caption = _text(spec, minus="\u2212")
    g.attr(label=caption, labelloc="b", fontsize="15")
    title = f"Dot product of two vectors of length {n}"
    description = (
        f"The dot product of {spec['left_label']} and {spec['right_label']}: each pair of numbers "
        f"is multiplied and the {n} products are added up. {_text(spec)}."
    )
    return Drawing(source=g.source, title=title, description=description, explanation=_text(spec))


KIND = Kind(
    name="dot",
    summary="the dot product of two vectors: element-wise products, then their sum",
    fields=FIELDS,
    build=build,
    check=check,
    example={"left": [1, 2, 3], "right": [2, 3, 4]},
)
