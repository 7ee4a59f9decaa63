"""What the neuron, layer and network kinds share: the arithmetic of one neuron
(weighted sum, bias, activation), how it is written out, and the node styles.

>>> weighted_sum([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0)
2.3
>>> arithmetic([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0)
'1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + 2.0 = 2.3'
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import graphviz

from shapekit.figures.theme import (
    BLUE,
    CELL,
    GRID,
    MUTED,
    ORANGE,
    PURPLE,
    SKY,
    esc,
    num,
    tint,
)
from shapekit.numbers import fmt

__all__ = [
    "ACTIVATIONS",
    "INPUT_COLORS",
    "QUIET",
    "Number",
    "activate",
    "arithmetic",
    "arithmetic_html",
    "caption",
    "column",
    "headers",
    "input_node",
    "output_node",
    "weighted_sum",
]

Number = float | int

#: colours of the inputs, one each, so a learner follows an input to its weight;
#: green is left out (it marks results) and vermillion too (it marks errors)
INPUT_COLORS = (BLUE, ORANGE, PURPLE, SKY)
#: the colour of edges that are not the point of the figure
QUIET = GRID


def _step(z: Number) -> Number:
    return 1 if z > 0 else 0


def _relu(z: Number) -> Number:
    return z if z > 0 else 0.0 if isinstance(z, float) else 0


#: activation name -> (function, how it is written in a figure)
ACTIVATIONS: dict[str, tuple[Callable[[Number], Number], str]] = {
    "none": (lambda z: z, ""),
    "step": (_step, "step"),
    "relu": (_relu, "ReLU"),
}


def weighted_sum(inputs: Sequence[Number], weights: Sequence[Number], bias: Number) -> Number:
    """inputs[0]*weights[0] + inputs[1]*weights[1] + … + bias, left to right like the seed."""
    total: Number = 0
    for x, w in zip(inputs, weights, strict=True):
        total = total + x * w
    return total + bias


def activate(name: str, z: Number) -> Number:
    """Apply the activation called ``name`` (``none``, ``step`` or ``relu``).

    >>> activate("relu", -1.5), activate("step", 2.3), activate("none", -1.5)
    (0.0, 1, -1.5)
    """
    return ACTIVATIONS[name][0](z)


def arithmetic(
    inputs: Sequence[Number],
    weights: Sequence[Number],
    bias: Number,
    *,
    activation: str = "none",
    minus: str = "-",
) -> str:
    """The sum written out, ``1.0×0.2 + … + 2.0 = 2.3``, then the activation if any."""
    terms = [
        f"{fmt(x, minus=minus)}×{fmt(w, minus=minus)}" for x, w in zip(inputs, weights, strict=True)
    ]
    z = weighted_sum(inputs, weights, bias)
    text = " + ".join([*terms, fmt(bias, minus=minus)]) + f" = {fmt(z, minus=minus)}"
    label = ACTIVATIONS[activation][1]
    if label:
        text += f"; {label}({fmt(z, minus=minus)}) = {fmt(activate(activation, z), minus=minus)}"
    return text


def arithmetic_html(
    inputs: Sequence[Number],
    weights: Sequence[Number],
    bias: Number,
    *,
    activation: str = "none",
) -> str:
    """:func:`arithmetic` as a Graphviz HTML fragment, each product in its input's colour."""
    terms = [
        f'<FONT COLOR="{INPUT_COLORS[i % len(INPUT_COLORS)]}">{num(x)}×{num(w)}</FONT>'
        for i, (x, w) in enumerate(zip(inputs, weights, strict=True))
    ]
    z = weighted_sum(inputs, weights, bias)
    text = " + ".join([*terms, num(bias)]) + f" = {_result(z, activation == 'none')}"
    label = ACTIVATIONS[activation][1]
    if label:
        text += f"    {label}({num(z)}) = {_result(activate(activation, z), True)}"
    return text


def caption(*lines: str) -> str:
    """A graph label of HTML ``lines``, left-aligned, set apart from the drawing above."""
    rows = "".join(f'<TR><TD ALIGN="LEFT">{line}</TD></TR>' for line in lines)
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0">'
        f'<TR><TD HEIGHT="16"></TD></TR>{rows}</TABLE>>'
    )


def _result(value: Number, final: bool) -> str:
    return f'<FONT COLOR="{CELL}"><B>{num(value)}</B></FONT>' if final else num(value)


# -- drawing -------------------------------------------------------------------


def input_node(g: graphviz.Digraph, name: str, value: Number, index: int, label: str = "") -> None:
    """An input: a circle tinted in the input's colour, holding its value."""
    color = INPUT_COLORS[index % len(INPUT_COLORS)]
    text = num(value)
    if label:
        text = f'<FONT POINT-SIZE="11" COLOR="{MUTED}"><I>{esc(label)}</I></FONT><BR/>{text}'
    g.node(
        name,
        label=f"<{text}>",
        shape="circle",
        style="filled",
        fillcolor=tint(color, 0.82),
        color=color,
        width="0.72",
        fixedsize="true",
    )


def output_node(g: graphviz.Digraph, name: str, value: Number) -> None:
    """A result: a rounded green box with the value in bold."""
    g.node(
        name,
        label=f"<<B>{num(value)}</B>>",
        shape="box",
        style="rounded,filled",
        fillcolor=tint(CELL, 0.82),
        color=CELL,
        margin="0.14,0.06",
    )


def headers(g: graphviz.Digraph, captions: Sequence[str]) -> list[str]:
    """Column captions on one straight line above the columns; returns their node names.

    A heavy invisible chain keeps them level; :func:`column` puts each at the
    top of its column.
    """
    names = [f"head{i}" for i in range(len(captions))]
    for name, caption in zip(names, captions, strict=True):
        g.node(name, label=caption, shape="plaintext", fontcolor=MUTED, fontsize="13")
    for a, b in itertools.pairwise(names):
        g.edge(a, b, style="invis", weight="100")
    return names


def column(g: graphviz.Digraph, names: Sequence[str]) -> None:
    """Pin ``names`` into one column, top to bottom in this order."""
    with g.subgraph() as s:
        s.attr(rank="same")
        for n in names:
            s.node(n)
    for a, b in itertools.pairwise(names):
        g.edge(a, b, style="invis")
