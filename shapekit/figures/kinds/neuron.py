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
    Number,
    activate,
    arithmetic,
    arithmetic_html,
    bias_node,
    caption,
    header,
    input_node,
    output_node,
    pinned_graph,
    pos,
    weighted_sum,
)
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    BIAS,
    MUTED,
    PAPER,
    index_color,
    line_color,
    num,
    text_color,
)
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


#: distances of the pinned layout, in inches
ROW_GAP = 0.95
X_WEIGHTS, X_SUM, STEP = 1.55, 3.35, 1.45


def build(spec: Spec) -> Drawing:
    inputs, weights, bias = spec["inputs"], spec["weights"], spec["bias"]
    activation = spec["activation"]
    names = spec["input_names"] or ("",) * len(inputs)
    z = weighted_sum(inputs, weights, bias)
    y = activate(activation, z)
    act_label = ACTIVATIONS[activation][1]
    n = len(inputs)

    g = pinned_graph("neuron")
    # inputs from the top down, the sum level with their middle
    ys = [(n - 1 - i) * ROW_GAP for i in range(n)]
    mid = (ys[0] + ys[-1]) / 2
    bias_y = mid + max(1.05, ROW_GAP * 0.5 + 0.55)
    top = max(ys[0], bias_y) + 0.75
    chain_x = [X_SUM + STEP * k for k in range(3 if act_label else 2)]
    captions = ["inputs", "weights", "sum + bias"]
    captions += ["activation", "output"] if act_label else ["output"]
    for k, (text, x) in enumerate(zip(captions, [0.0, X_WEIGHTS, *chain_x], strict=True)):
        header(g, f"head{k}", text, x, top)

    for i, (x, w, label) in enumerate(zip(inputs, weights, names, strict=True)):
        color = index_color(i)
        input_node(g, f"x{i}", x, i, pos(0, ys[i]), label)
        g.node(
            f"w{i}",
            label=f"×{num(w)}",
            shape="box",
            style="rounded,filled",
            fillcolor=PAPER,
            color=line_color(color),
            fontcolor=text_color(color),
            height="0.34",
            margin="0.1,0.04",
            pos=pos(X_WEIGHTS, ys[i]),
        )
        g.edge(f"x{i}", f"w{i}", arrowhead="none", color=line_color(color))
        g.edge(f"w{i}", "sum", color=line_color(color))
    # the bias above Σ, moved right when the top input's connection would run under it
    bias_x = X_SUM
    if ys[0] > bias_y:
        crossing = X_SUM - (X_SUM - X_WEIGHTS) * (bias_y - mid) / (ys[0] - mid)
        if crossing > X_SUM - 0.7:
            bias_x = X_SUM + 0.75
    bias_node(g, "bias", f"bias  {_signed(bias)}", pos(bias_x, bias_y))
    g.edge("bias", "sum", style="dashed", color=line_color(BIAS))
    g.node(
        "sum",
        label="Σ",
        shape="circle",
        fontsize="28",
        width="0.9",
        fixedsize="true",
        pos=pos(X_SUM, mid),
    )
    chain = ["sum"]
    if act_label:
        g.node(
            "act",
            label=act_label,
            shape="box",
            style="rounded",
            height="0.5",
            margin="0.14,0.06",
            pos=pos(chain_x[1], mid),
        )
        g.edge("sum", "act")
        # the sum written just above the middle of its arrow
        g.node(
            "z",
            label=num(z),
            shape="plaintext",
            fontcolor=MUTED,
            fontsize="12",
            width="0",
            height="0",
            margin="0",
            pos=pos((chain_x[0] + chain_x[1]) / 2, mid + 0.2),
        )
        chain.append("act")
    output_node(g, "out", y, pos(chain_x[-1], mid))
    g.edge(chain[-1], "out")
    g.attr(
        label=caption(arithmetic_html(inputs, weights, bias, activation=activation)),
        labelloc="b",
        fontsize="16",
    )

    title = f"A neuron with {n} input{'s' if n != 1 else ''}"
    return Drawing(
        source=g.source,
        title=title,
        description=_describe(spec, z, y),
        explanation=arithmetic(inputs, weights, bias, activation=activation),
    )


def _signed(value: Number) -> str:
    return f"+{num(value)}" if value >= 0 else num(value)


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
    version=2,
    summary="one neuron: inputs times weights, plus the bias, through an optional activation",
    fields=FIELDS,
    build=build,
    check=check,
    example={"inputs": [1.0, 2.0, 3.0], "weights": [0.2, 0.8, -0.5], "bias": 2.0},
)
