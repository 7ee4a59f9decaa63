"""What the neuron, layer and network kinds share: the arithmetic of one neuron
(weighted sum, bias, activation), how it is written out, the node styles, and
the pinned layout.

**Why pinned.** Diagrams of neurons have a convention: straight connections,
evenly spaced columns, the sum in the middle of its inputs. Graphviz's
``dot`` ranks nodes and routes edges as splines around them, which bends the
long connections of a dense layer into S-curves. These kinds therefore place
every node themselves (``pos="x,y!"`` in inches) and let ``neato`` draw
straight lines between them (``layout=neato``, ``splines=line``): the layout
is decided here, exactly, and Graphviz only draws it.

>>> weighted_sum([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0)
2.3
>>> arithmetic([1.0, 2.0, 3.0], [0.2, 0.8, -0.5], 2.0)
'1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + 2.0 = 2.3'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import graphviz

from shapekit.figures.theme import (
    BIAS,
    MUTED,
    RESULT,
    Written,
    esc,
    index_color,
    line_color,
    new_graph,
    num,
    text_color,
    tint,
)
from shapekit.numbers import fmt

__all__ = [
    "ACTIVATIONS",
    "QUIET",
    "Number",
    "activate",
    "arithmetic",
    "arithmetic_html",
    "bias_node",
    "caption",
    "header",
    "input_node",
    "output_node",
    "pinned_graph",
    "pos",
    "weighted_sum",
]

Number = float | int

#: the colour of edges that are not the point of the figure
QUIET = "#aab4be"


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

    def show(v: Number) -> str:
        return num(v).replace("\u2212", minus)

    terms = [f"{show(x)}×{show(w)}" for x, w in zip(inputs, weights, strict=True)]
    z = weighted_sum(inputs, weights, bias)
    text = " + ".join([*terms, show(bias)]) + f" = {fmt(z, minus=minus)}"
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
    """:func:`arithmetic` as a Graphviz HTML fragment: each product in its input's
    colour, the bias in the bias colour, the result in the result colour."""
    terms = [
        f'<FONT COLOR="{text_color(index_color(i))}">{_factor(x)}×{_factor(w)}</FONT>'
        for i, (x, w) in enumerate(zip(inputs, weights, strict=True))
    ]
    z = weighted_sum(inputs, weights, bias)
    # a negative bias is subtracted: "… − 3.0", not "… + −3.0"
    sign, size = ("\u2212", -bias) if bias < 0 else ("+", bias)
    bias_text = f'<FONT COLOR="{text_color(BIAS)}">{num(size)}</FONT>'
    if bias < 0 and isinstance(bias, Written):
        bias_text = f'<FONT COLOR="{text_color(BIAS)}">{num(bias)[1:]}</FONT>'
    text = " + ".join(terms) + f" {sign} {bias_text} = {_result(z, activation == 'none')}"
    label = ACTIVATIONS[activation][1]
    if label:
        text += f"    {label}({num(z)}) = {_result(activate(activation, z), True)}"
    return text


def _factor(value: Number) -> str:
    """A factor of a product, a negative one in parentheses as the dot and matmul kinds
    write it: ``3.0×(−0.5)``, not ``3.0×−0.5``.

    >>> _factor(0.8), _factor(-0.5)
    ('0.8', '(\u22120.5)')
    """
    text = num(value)
    return f"({text})" if text.startswith("\u2212") else text


def caption(*lines: str) -> str:
    """A graph label of HTML ``lines``, left-aligned, set apart from the drawing above."""
    rows = "".join(f'<TR><TD ALIGN="LEFT">{line}</TD></TR>' for line in lines)
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0">'
        f'<TR><TD HEIGHT="16"></TD></TR>{rows}</TABLE>>'
    )


def _result(value: Number, final: bool) -> str:
    return f'<FONT COLOR="{text_color(RESULT)}"><B>{num(value)}</B></FONT>' if final else num(value)


# -- the pinned layout -------------------------------------------------------------


def pinned_graph(name: str) -> graphviz.Digraph:
    """A graph whose nodes are placed by :func:`pos` and joined by straight lines."""
    g = new_graph(name)
    g.attr(layout="neato", splines="line", outputorder="edgesfirst", overlap="true")
    return g


def pos(x: float, y: float) -> str:
    """A pinned position in inches (y grows upwards), as Graphviz reads it.

    >>> pos(1.5, -0.25)
    '1.5,-0.25!'
    """
    return f"{round(x, 4):g},{round(y, 4):g}!"


def header(g: graphviz.Digraph, name: str, text: str, x: float, y: float) -> None:
    """A column caption (plain text or an HTML label) centred at (x, y)."""
    g.node(
        name,
        label=text,
        shape="plaintext",
        fontcolor=MUTED,
        fontsize="13",
        pos=pos(x, y),
    )


def input_node(
    g: graphviz.Digraph, name: str, value: Number, index: int, at: str, label: str = ""
) -> None:
    """An input: a circle tinted in the input's colour, holding its value."""
    color = index_color(index)
    text = num(value)
    if label:
        text = f'<FONT POINT-SIZE="11" COLOR="{MUTED}"><I>{esc(label)}</I></FONT><BR/>{text}'
    g.node(
        name,
        label=f"<{text}>",
        shape="circle",
        style="filled",
        fillcolor=tint(color, 0.82),
        color=line_color(color),
        width="0.72",
        fixedsize="true",
        pos=at,
    )


def bias_node(g: graphviz.Digraph, name: str, text: str, at: str, **attrs: str) -> None:
    """A bias: a dashed box tinted in the bias colour."""
    g.node(
        name,
        label=text,
        shape="box",
        style="rounded,dashed,filled",
        fillcolor=tint(BIAS, 0.85),
        color=line_color(BIAS),
        height="0.34",
        margin="0.1,0.04",
        pos=at,
        **attrs,
    )


def output_node(g: graphviz.Digraph, name: str, value: Number, at: str) -> None:
    """A result: a rounded green box with the value in bold."""
    g.node(
        name,
        label=f"<<B>{num(value)}</B>>",
        shape="box",
        style="rounded,filled",
        fillcolor=tint(RESULT, 0.82),
        color=line_color(RESULT),
        margin="0.14,0.06",
        pos=at,
    )
