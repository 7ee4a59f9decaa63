"""``neuron``: one neuron — inputs on the left, a weight on each edge, the sum
with the bias, an optional activation, the output, and the arithmetic written out.

>>> from shapekit.figures import figure
>>> print(figure("neuron", inputs=[1.0, 2.0, 3.0], weights=[0.2, 0.8, -0.5], bias=2.0).explanation)
1.0×0.2 + 2.0×0.8 + 3.0×-0.5 + 2.0 = 2.3
"""

from __future__ import annotations

from shapekit.errors import SpecError
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.kinds._neurons import (
    ACTIVATIONS,
    INPUT_COLORS,
    activate,
    arithmetic,
    arithmetic_html,
    caption,
    column,
    headers,
    input_node,
    output_node,
    weighted_sum,
)
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import INK, MUTED, new_graph, num
from shapekit.numbers import fmt

#: the most inputs one neuron figure draws (more no longer fit on a slide)
MAX_INPUTS = 10

FIELDS = (
    Field("inputs", "numbers", "the values fed into the neuron", max_items=MAX_INPUTS),
    Field("weights", "numbers", "one weight per input", max_items=MAX_INPUTS),
    Field("bias", "number", "the bias added after the weighted sum", default=0.0),
    Field(
        "activation",
        "choice",
        "the function applied to the sum",
        default="none",
        choices=tuple(ACTIVATIONS),
    ),
    Field(
        "input_names",
        "texts",
        "optional names written above the input values, e.g. x1, x2",
        default=(),
        max_items=MAX_INPUTS,
    ),
)


def check(spec: Spec) -> None:
    inputs, weights, names = spec["inputs"], spec["weights"], spec["input_names"]
    if not inputs:
        raise SpecError("field 'inputs': a neuron needs at least one input", field="inputs")
    if len(weights) != len(inputs):
        raise SpecError(
            f"field 'weights': a neuron needs one weight per input, but there are "
            f"{len(inputs)} inputs and {len(weights)} weights",
            field="weights",
        )
    if names and len(names) != len(inputs):
        raise SpecError(
            f"field 'input_names': give one name per input ({len(inputs)}), got {len(names)}",
            field="input_names",
        )
    for name in names:
        if len(name) > 12:
            raise SpecError(
                f"field 'input_names': {name!r} is longer than 12 characters", field="input_names"
            )


def build(spec: Spec) -> Drawing:
    inputs, weights, bias = spec["inputs"], spec["weights"], spec["bias"]
    activation = spec["activation"]
    names = spec["input_names"] or ("",) * len(inputs)
    z = weighted_sum(inputs, weights, bias)
    y = activate(activation, z)
    act_label = ACTIVATIONS[activation][1]

    g = new_graph("neuron", newrank="true")
    g.attr(nodesep="0.22", ranksep="0.55")
    captions = ["inputs", "weights", "sum + bias"]
    captions += ["activation", "output"] if act_label else ["output"]
    heads = headers(g, captions)

    xs, ws = [], []
    for i, (x, w, label) in enumerate(zip(inputs, weights, names, strict=True)):
        color = INPUT_COLORS[i % len(INPUT_COLORS)]
        input_node(g, f"x{i}", x, i, label)
        g.node(
            f"w{i}",
            label=f"×{num(w)}",
            shape="box",
            style="rounded",
            color=color,
            fontcolor=color,
            height="0.34",
            margin="0.1,0.04",
        )
        g.edge(f"x{i}", f"w{i}", arrowhead="none", color=color, weight="10")
        g.edge(f"w{i}", "sum", color=color)
        xs.append(f"x{i}")
        ws.append(f"w{i}")
    g.node(
        "bias",
        label=f"bias  +{num(bias)}" if bias >= 0 else f"bias  {num(bias)}",
        shape="box",
        style="rounded,dashed",
        color=MUTED,
        fontcolor=INK,
        height="0.34",
        margin="0.1,0.04",
    )
    g.edge("bias", "sum", style="dashed", color=MUTED, arrowhead="normal")
    g.node("sum", label="Σ", shape="circle", fontsize="28", width="0.9", fixedsize="true")
    chain = ["sum"]
    if act_label:
        g.node(
            "act", label=act_label, shape="box", style="rounded", height="0.5", margin="0.14,0.06"
        )
        g.edge("sum", "act", label=f" {num(z)} ", fontcolor=MUTED, weight="10")
        chain.append("act")
    output_node(g, "out", y)
    g.edge(chain[-1], "out", weight="10")
    chain.append("out")

    column(g, [heads[0], *xs])
    column(g, [heads[1], *ws])
    column(g, [heads[2], "bias", "sum"])
    for head, node in zip(heads[3:], chain[1:], strict=True):
        column(g, [head, node])
    g.attr(
        label=caption(arithmetic_html(inputs, weights, bias, activation=activation)),
        labelloc="b",
        fontsize="16",
    )

    n = len(inputs)
    title = f"A neuron with {n} input{'s' if n != 1 else ''}"
    return Drawing(
        source=g.source,
        title=title,
        description=_describe(spec, z, y),
        explanation=arithmetic(inputs, weights, bias, activation=activation),
    )


def _describe(spec: Spec, z: float, y: float) -> str:
    inputs, weights, bias = spec["inputs"], spec["weights"], spec["bias"]
    n = len(inputs)
    said = _listed([fmt(x) for x in inputs])
    text = (
        f"A neuron with {n} input{'s' if n != 1 else ''} ({said}). Each input is multiplied by "
        f"its weight ({_listed([fmt(w) for w in weights])}), the products are added up and the "
        f"bias {fmt(bias)} is added, giving {fmt(z)}."
    )
    act_label = ACTIVATIONS[spec["activation"]][1]
    if act_label:
        text += f" The {act_label} activation turns {fmt(z)} into {fmt(y)}."
    text += f" The neuron outputs {fmt(y)}. "
    return text + arithmetic(inputs, weights, bias, activation=spec["activation"]) + "."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


KIND = Kind(
    name="neuron",
    summary="one neuron: inputs times weights, plus the bias, through an optional activation",
    fields=FIELDS,
    build=build,
    check=check,
    example={"inputs": [1.0, 2.0, 3.0], "weights": [0.2, 0.8, -0.5], "bias": 2.0},
)
