"""``layer``: a dense layer — every neuron takes the same inputs, each with its
own row of weights and its own bias, and gives its own output.

Each neuron is drawn as a box whose left edge holds one weight per input: the
edge from input *i* ends exactly at that neuron's weight for input *i*, so the
weights sit on their edges without ever overlapping.

>>> from shapekit.figures import figure
>>> fig = figure("layer", inputs=[1, 2, 3, 2.5],
...              weights=[[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5],
...                       [-0.26, -0.27, 0.17, 0.87]], biases=[2, 3, 0.5])
>>> print(fig.explanation)
neuron 1: 1×0.2 + 2×0.8 + 3×-0.5 + 2.5×1 + 2 = 4.8
neuron 2: 1×0.5 + 2×-0.91 + 3×0.26 + 2.5×-0.5 + 3 = 1.21
neuron 3: 1×-0.26 + 2×-0.27 + 3×0.17 + 2.5×0.87 + 0.5 = 2.385
"""

from __future__ import annotations

from shapekit.errors import SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.kinds._neurons import (
    ACTIVATIONS,
    Number,
    activate,
    arithmetic,
    arithmetic_html,
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
    INK,
    MUTED,
    index_color,
    line_color,
    num,
    text_color,
    tint,
)
from shapekit.numbers import fmt

#: the most inputs and neurons a layer figure draws (a slide holds no more)
MAX_INPUTS = 8
MAX_NEURONS = 6

FIELDS = (
    Field("inputs", "numbers", "the values every neuron receives", max_items=MAX_INPUTS),
    Field(
        "weights",
        "matrix",
        "one row of weights per neuron, one weight per input",
        max_items=MAX_INPUTS * MAX_NEURONS,
    ),
    Field("biases", "numbers", "one bias per neuron", max_items=MAX_NEURONS),
    Field(
        "activation",
        "choice",
        "the function applied to every neuron's sum",
        default="none",
        choices=tuple(ACTIVATIONS),
    ),
)


def check(spec: Spec) -> None:
    inputs, weights, biases = spec["inputs"], spec["weights"], spec["biases"]
    if not inputs:
        raise SpecError("field 'inputs': a layer needs at least one input", field="inputs")
    if not weights:
        raise SpecError(
            "field 'weights': a layer needs at least one neuron (one row)", field="weights"
        )
    if len(weights) > MAX_NEURONS:
        raise SpecError(
            f"field 'weights': a layer figure draws at most {MAX_NEURONS} neurons, "
            f"got {len(weights)} rows",
            field="weights",
        )
    if len(weights[0]) != len(inputs):
        raise SpecError(
            f"field 'weights': each row needs one weight per input; there are {len(inputs)} "
            f"inputs but the rows have {len(weights[0])} weights",
            field="weights",
        )
    if len(biases) != len(weights):
        raise SpecError(
            f"field 'biases': give one bias per neuron; there are {len(weights)} neurons "
            f"(rows of weights) and {len(biases)} biases",
            field="biases",
        )


def outputs(spec: Spec) -> list[Number]:
    """Every neuron's output, after the activation."""
    return [
        activate(spec["activation"], weighted_sum(spec["inputs"], row, b))
        for row, b in zip(spec["weights"], spec["biases"], strict=True)
    ]


def _neuron_label(index: int, row: tuple[Number, ...], bias: Number) -> str:
    """A neuron as a box: its weights down the left (decimal points in line), Σ, its bias."""
    n = len(row)
    cells = [
        f'<TR><TD COLSPAN="4" ALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="{MUTED}">'
        f"neuron {index + 1}</FONT></TD></TR>"
    ]
    for k, w in enumerate(row):
        fill = tint(index_color(k), 0.86)
        color = text_color(index_color(k), fill)
        whole, frac = grid.split_number(num(w))
        # the weight is cut before its point: whole part right-aligned, fraction left
        cell = (
            f'<TD PORT="w{k}" ALIGN="RIGHT" WIDTH="42" HEIGHT="26" CELLPADDING="0" '
            f'BGCOLOR="{fill}"><FONT COLOR="{color}">×{whole}</FONT></TD>'
            f'<TD ALIGN="LEFT" WIDTH="32" CELLPADDING="0" BGCOLOR="{fill}">'
            # (Graphviz refuses an empty <FONT>: a whole number has no fraction)
            + (f'<FONT COLOR="{color}">{frac}</FONT>' if frac else "")
            + "</TD>"
        )
        if k == 0:
            cell += (
                f'<TD ROWSPAN="{n}"><FONT POINT-SIZE="24">Σ</FONT></TD>'
                f'<TD ROWSPAN="{n}"><FONT COLOR="{text_color(BIAS)}">{_signed(bias)}</FONT></TD>'
            )
        cells.append(f"<TR>{cell}</TR>")
    return (
        f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" '
        f'STYLE="ROUNDED" COLOR="{INK}">{"".join(cells)}</TABLE>>'
    )


def _signed(value: Number) -> str:
    return f"+ {num(value)}" if value >= 0 else f"− {num(-value)}"


#: distances of the pinned layout, in inches: a neuron box is about this tall
#: per input, the columns stand this far apart
CELL_HEIGHT, NEURON_GAP, X_NEURONS, X_OUTPUTS = 0.37, 0.45, 3.3, 5.6


def build(spec: Spec) -> Drawing:
    inputs, weights, biases = spec["inputs"], spec["weights"], spec["biases"]
    activation = spec["activation"]
    act_label = ACTIVATIONS[activation][1]
    n, m = len(inputs), len(weights)

    g = pinned_graph("layer")
    # neurons stacked from the top; inputs evenly spread over the same height
    box = CELL_HEIGHT * n + 0.4
    step = box + NEURON_GAP
    ns_y = [(m - 1 - j) * step for j in range(m)]
    mid = (ns_y[0] + ns_y[-1]) / 2
    in_gap = max(0.95, (ns_y[0] - ns_y[-1] + box * 0.6) / max(n - 1, 1))
    in_gap = min(in_gap, 1.3)
    xs_y = [mid + ((n - 1) / 2 - i) * in_gap for i in range(n)]
    top = max(ns_y[0] + box / 2, xs_y[0] + 0.4) + 0.45
    header(g, "head0", "inputs", 0, top)
    header(g, "head1", "neurons: weights, sum, bias", X_NEURONS, top)
    header(g, "head2", f"outputs ({act_label})" if act_label else "outputs", X_OUTPUTS, top)

    xs = [f"x{i}" for i in range(n)]
    for i, x in enumerate(inputs):
        input_node(g, xs[i], x, i, pos(0, xs_y[i]))
    for j, (row, bias) in enumerate(zip(weights, biases, strict=True)):
        g.node(
            f"n{j}", label=_neuron_label(j, row, bias), shape="plain", pos=pos(X_NEURONS, ns_y[j])
        )
        z = weighted_sum(inputs, row, bias)
        output_node(g, f"y{j}", activate(activation, z), pos(X_OUTPUTS, ns_y[j]))
        attrs = {"label": act_label, "fontcolor": MUTED} if act_label else {}
        g.edge(f"n{j}", f"y{j}", **attrs)
    for j in range(m):
        for i in range(n):
            g.edge(xs[i], f"n{j}:w{i}:w", color=line_color(index_color(i)))
    lines = [
        f'<FONT COLOR="{MUTED}">neuron {j + 1}:</FONT>  '
        + arithmetic_html(inputs, row, bias, activation=activation)
        for j, (row, bias) in enumerate(zip(weights, biases, strict=True))
    ]
    g.attr(label=caption(*lines), labelloc="b", fontsize="15")

    title = f"A layer of {m} neuron{'s' if m != 1 else ''} sharing {n} input{'s' if n != 1 else ''}"
    return Drawing(
        source=g.source, title=title, description=_describe(spec), explanation=_explain(spec)
    )


def _explain(spec: Spec) -> str:
    return "\n".join(
        f"neuron {j + 1}: " + arithmetic(spec["inputs"], row, bias, activation=spec["activation"])
        for j, (row, bias) in enumerate(zip(spec["weights"], spec["biases"], strict=True))
    )


def _describe(spec: Spec) -> str:
    inputs, m = spec["inputs"], len(spec["weights"])
    outs = ", ".join(fmt(y) for y in outputs(spec))
    text = (
        f"A layer of {m} neurons. Each neuron receives the same {len(inputs)} inputs "
        f"({', '.join(fmt(x) for x in inputs)}), multiplies them by its own weights, adds them up "
        f"and adds its own bias."
    )
    act_label = ACTIVATIONS[spec["activation"]][1]
    if act_label:
        text += f" Each sum then goes through {act_label}."
    return f"{text} The layer outputs [{outs}]. " + _explain(spec).replace("\n", "; ") + "."


KIND = Kind(
    name="layer",
    version=2,
    summary="a layer of neurons sharing the same inputs, each with its own weights and bias",
    fields=FIELDS,
    build=build,
    check=check,
    example={
        "inputs": [1.0, 2.0, 3.0, 2.5],
        "weights": [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]],
        "biases": [2.0, 3.0, 0.5],
    },
)
