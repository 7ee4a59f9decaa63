"""``network``: a dense network — an input layer, hidden layers and an output
layer, every neuron connected to every neuron of the next layer.

Layers with more than :data:`MAX_DRAWN` neurons are collapsed: the first and
last :data:`KEEP` neurons are drawn around an ellipsis node ("… 120 more").
Output neurons may carry labels and scores (the highest score is marked as
the prediction); one *focus* neuron may have its incoming weights highlighted
and labelled while every other edge stays quiet; bias nodes are optional.

>>> from shapekit.figures import figure
>>> print(figure("network", sizes=[4, 4, 4, 2]).explanation)
input layer: 4 neurons; hidden layer 1: 4 neurons; hidden layer 2: 4 neurons; output layer: 2 neurons
weights: 4×4 + 4×4 + 4×2 = 40; biases: 4 + 4 + 2 = 10; parameters: 50
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import graphviz

from shapekit.errors import SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.kinds._neurons import QUIET, bias_node, header, pinned_graph, pos
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    GHOST,
    INK,
    MUTED,
    PAPER,
    RESULT,
    esc,
    index_color,
    line_color,
    num,
    text_color,
    tint,
)
from shapekit.numbers import fmt

#: layers with more neurons than this are collapsed around an ellipsis node
MAX_DRAWN = 10
#: how many neurons a collapsed layer keeps at its top and at its bottom
KEEP = 4
#: the most layers a network figure draws (input and output included)
MAX_LAYERS = 10
#: the largest layer size accepted (it is only counted, never drawn in full)
MAX_SIZE = 1_000_000
#: above this many edges between two layers they are drawn lighter
DENSE = 40
#: the longest label of an output neuron or caption of a layer
MAX_LABEL = 24

FIELDS = (
    Field(
        "sizes",
        "integers",
        "neurons per layer, from the input layer to the output layer",
        minimum=1,
        maximum=MAX_SIZE,
        max_items=MAX_LAYERS,
    ),
    Field(
        "labels",
        "texts",
        "names of the output neurons, e.g. cat, dog",
        default=(),
        max_items=MAX_DRAWN,
    ),
    Field(
        "scores",
        "numbers",
        "a score per output neuron; the highest is marked",
        default=(),
        max_items=MAX_DRAWN,
    ),
    Field(
        "layer_names",
        "texts",
        "captions of the layers (default: input layer, hidden layer 1, …, output layer)",
        default=(),
        max_items=MAX_LAYERS,
    ),
    Field(
        "focus",
        "integers",
        "a neuron to highlight with its incoming weights: layer, index — both counted from 0 "
        "(layer 0 is the input layer), e.g. 1, 0",
        default=(),
        minimum=0,
        max_items=2,
    ),
    Field(
        "focus_weights",
        "numbers",
        "values written on the focus neuron's incoming edges (default: w1, w2, …)",
        default=(),
        max_items=MAX_DRAWN,
    ),
    Field("bias", "flag", "draw a bias node feeding each layer after the input", default=False),
    Field("captions", "flag", "write the layer captions above the columns", default=True),
    Field(
        "image",
        "flag",
        "draw a small picture whose pixels feed the input layer (image data)",
        default=False,
    ),
)


def check(spec: Spec) -> None:
    sizes = spec["sizes"]
    if len(sizes) < 2:
        raise SpecError(
            "field 'sizes': a network needs at least an input and an output layer "
            f"(two sizes), got {len(sizes)}",
            field="sizes",
        )
    out = sizes[-1]
    for name in ("labels", "scores"):
        values = spec[name]
        if values and len(values) != out:
            raise SpecError(
                f"field {name!r}: give one per output neuron ({out}), got {len(values)}", field=name
            )
    for label in (*spec["labels"], *spec["layer_names"]):
        if len(label) > MAX_LABEL:
            raise SpecError(
                f"field {'labels' if label in spec['labels'] else 'layer_names'!r}: "
                f"{label!r} is longer than {MAX_LABEL} characters",
                field="labels" if label in spec["labels"] else "layer_names",
            )
    if spec["layer_names"] and len(spec["layer_names"]) != len(sizes):
        raise SpecError(
            f"field 'layer_names': give one per layer ({len(sizes)}), "
            f"got {len(spec['layer_names'])}",
            field="layer_names",
        )
    _check_focus(spec)


def _check_focus(spec: Spec) -> None:
    sizes, focus, weights = spec["sizes"], spec["focus"], spec["focus_weights"]
    if not focus:
        if weights:
            raise SpecError("field 'focus_weights' needs a 'focus' neuron", field="focus_weights")
        return
    if len(focus) != 2:
        raise SpecError(
            "field 'focus': give the layer and the neuron index, e.g. 1, 0", field="focus"
        )
    layer, index = focus
    if not 1 <= layer < len(sizes):
        raise SpecError(
            f"field 'focus': layer {layer} has no incoming weights or does not exist; "
            f"choose a layer from 1 to {len(sizes) - 1}",
            field="focus",
        )
    if index >= sizes[layer]:
        raise SpecError(
            f"field 'focus': layer {layer} has {sizes[layer]} neurons (0 to "
            f"{sizes[layer] - 1}), so there is no neuron {index}",
            field="focus",
        )
    if drawn(sizes[layer]).count(index) == 0:
        raise SpecError(
            f"field 'focus': neuron {index} of layer {layer} is hidden in the "
            f"ellipsis; choose one of {_ranges(drawn(sizes[layer]))}",
            field="focus",
        )
    incoming = sizes[layer - 1]
    if weights and len(weights) != incoming:
        raise SpecError(
            f"field 'focus_weights': the focus neuron has {incoming} incoming "
            f"weights, got {len(weights)}",
            field="focus_weights",
        )
    if weights and incoming > MAX_DRAWN:
        raise SpecError(
            f"field 'focus_weights': layer {layer - 1} is collapsed, so only "
            f"symbolic weights can be written",
            field="focus_weights",
        )


def drawn(size: int) -> list[int]:
    """The indices of the neurons drawn for a layer of ``size``.

    >>> drawn(3), drawn(128)[3:5]
    ([0, 1, 2], [3, 124])
    """
    if size <= MAX_DRAWN:
        return list(range(size))
    return [*range(KEEP), *range(size - KEEP, size)]


def _ranges(indices: list[int]) -> str:
    return f"{indices[0]}–{indices[KEEP - 1]} or {indices[KEEP]}–{indices[-1]}"


@dataclass(frozen=True)
class _Layer:
    index: int
    size: int
    caption: str
    fill: str

    def node(self, i: int) -> str:
        return f"l{self.index}n{i}"

    @property
    def nodes(self) -> list[str]:
        names = [self.node(i) for i in drawn(self.size)]
        if self.size > MAX_DRAWN:
            names.insert(KEEP, f"l{self.index}more")
        return names


def _layers(spec: Spec) -> list[_Layer]:
    sizes = spec["sizes"]
    names = spec["layer_names"] or _default_names(len(sizes))
    fills = ["", *[tint(MUTED, 0.88)] * (len(sizes) - 2), tint(RESULT, 0.75)]
    return [_Layer(i, n, names[i], fills[i]) for i, n in enumerate(sizes)]


def _default_names(count: int) -> tuple[str, ...]:
    hidden = [f"hidden layer {k}" for k in range(1, count - 1)]
    if len(hidden) == 1:
        hidden = ["hidden layer"]
    return ("input layer", *hidden, "output layer")


#: the pinned layout, in inches: distance between layers, between neurons
X_GAP, Y_GAP, Y_GAP_FOCUS = 2.1, 0.62, 1.0


def _positions(spec: Spec, layers: list[_Layer]) -> dict[str, tuple[float, float]]:
    """Where every node of every layer stands: layers evenly apart, each centred."""
    gap = Y_GAP_FOCUS if spec["focus"] else Y_GAP
    where: dict[str, tuple[float, float]] = {}
    for layer in layers:
        x = layer.index * X_GAP
        nodes = layer.nodes
        for k, name in enumerate(nodes):
            where[name] = (x, ((len(nodes) - 1) / 2 - k) * gap)
        if spec["bias"] and layer.index < len(layers) - 1:
            where[f"l{layer.index}bias"] = (x, -((len(nodes) - 1) / 2) * gap - gap - 0.1)
    return where


def build(spec: Spec) -> Drawing:
    layers = _layers(spec)
    focus = tuple(spec["focus"]) or None
    g = pinned_graph("network")
    where = _positions(spec, layers)
    if spec["captions"]:
        top = max(y for _, y in where.values()) + 0.75
        for layer in layers:
            header(g, f"head{layer.index}", _caption(layer), layer.index * X_GAP, top)
    for layer in layers:
        _draw_layer(g, spec, layer, focus, where)
        if spec["bias"] and layer.index < len(layers) - 1:
            name = f"l{layer.index}bias"
            bias_node(g, name, "bias", pos(*where[name]), fontsize="11", fontcolor=INK)
    for prev, layer in itertools.pairwise(layers):
        _connect(g, spec, prev, layer, focus, where)
    if spec["image"]:
        _image(g, layers[0], where)
    return Drawing(
        source=g.source,
        title=_title(spec),
        description=_describe(spec, layers),
        explanation=_explain(spec, layers),
    )


#: the picture of :func:`_image`: a dog's head, 0 white to 9 black
_PICTURE = (
    "0006666000",
    "0666666660",
    "9966666699",
    "9969669699",
    "9966666699",
    "9966666699",
    "0066996600",
    "0006666000",
    "0000660000",
)


def _image(g: graphviz.Digraph, inputs: _Layer, where: dict[str, tuple[float, float]]) -> None:
    """A small greyscale picture left of the input layer, one line to each input neuron."""
    rows = []
    for line in _PICTURE:
        cells = "".join(
            f'<TD BGCOLOR="{tint(INK, 1 - int(ch) / 9)}" WIDTH="7" HEIGHT="7"></TD>' for ch in line
        )
        rows.append(f"<TR>{cells}</TR>")
    table = (
        f'<TABLE BORDER="1" COLOR="{MUTED}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f"{''.join(rows)}</TABLE>"
    )
    g.node("image", label=f"<{table}>", shape="plain", pos=pos(-1.45, 0))
    for name in inputs.nodes:
        if name in where and not name.endswith("more"):
            g.edge("image", name, tailport="e", color=GHOST, penwidth="0.8", arrowsize="0.5")


def _caption(layer: _Layer) -> str:
    count = f"{layer.size} neuron{'s' if layer.size != 1 else ''}"
    return f'<{esc(layer.caption)}<BR/><FONT POINT-SIZE="11">{count}</FONT>>'


def _draw_layer(
    g: graphviz.Digraph,
    spec: Spec,
    layer: _Layer,
    focus: tuple[int, int] | None,
    where: dict[str, tuple[float, float]],
) -> None:
    named = layer.index == len(spec["sizes"]) - 1 and (spec["labels"] or spec["scores"])
    for i in drawn(layer.size):
        at = pos(*where[layer.node(i)])
        fill = layer.fill or tint(index_color(i), 0.8)
        border = INK if layer.fill else line_color(index_color(i))
        attrs = {"fillcolor": fill, "color": border}
        if focus == (layer.index, i):
            attrs = {"fillcolor": tint(MUTED, 0.6), "color": INK, "penwidth": "3"}
        if named:
            scores = spec["scores"]
            if scores and scores[i] == max(scores) and focus != (layer.index, i):
                attrs = {"fillcolor": fill, "color": line_color(RESULT), "penwidth": "2.6"}
            g.node(
                layer.node(i),
                label=_output_label(spec, i, fill),
                shape="box",
                style="rounded,filled",
                height="0.42",
                margin="0.14,0.04",
                pos=at,
                **attrs,
            )
        else:
            size = "0.42" if not focus else "0.66" if focus == (layer.index, i) else "0.5"
            g.node(
                layer.node(i),
                label="",
                shape="circle",
                style="filled",
                width=size,
                fixedsize="true",
                pos=at,
                **attrs,
            )
    if layer.size > MAX_DRAWN:
        more = layer.size - 2 * KEEP
        name = f"l{layer.index}more"
        g.node(
            name,
            label=f"… {more} more",
            # on a white ground: the connections behind it do not cross the words
            shape="box",
            style="filled",
            color=PAPER,
            fillcolor=PAPER,
            height="0.3",
            margin="0.04,0.02",
            fontcolor=MUTED,
            fontsize="12",
            pos=pos(*where[name]),
        )


def _output_label(spec: Spec, j: int, fill: str) -> str:
    """An output neuron's name and score; the highest score in bold with a tick."""
    labels, scores = spec["labels"], spec["scores"]
    text = esc(labels[j]) if labels else ""
    if scores:
        score = num(scores[j])
        text = f"{text}  {score}" if text else score
        if scores[j] == max(scores):
            text = f'<FONT COLOR="{text_color(RESULT, fill)}"><B>{text}  ✓</B></FONT>'
    return f"<{text}>"


def _connect(
    g: graphviz.Digraph,
    spec: Spec,
    prev: _Layer,
    layer: _Layer,
    focus: tuple[int, int] | None,
    where: dict[str, tuple[float, float]],
) -> None:
    sizes = [len(drawn(n)) for n in spec["sizes"]]
    # one edge style for the whole figure: lighter as soon as any gap is crowded
    dense = max(a * b for a, b in itertools.pairwise(sizes)) > DENSE
    quiet = {
        "color": QUIET if focus else GHOST if dense else MUTED,
        "penwidth": "0.6" if dense else "0.8",
        "arrowhead": "none",
    }
    named = layer.index == len(spec["sizes"]) - 1 and (spec["labels"] or spec["scores"])
    # edges meet a labelled output box in the middle of its left side
    port = {"headport": "w"} if named else {}
    target = layer.node(focus[1]) if focus and focus[0] == layer.index else None
    weights = spec["focus_weights"]
    for i in drawn(prev.size):
        for j in drawn(layer.size):
            head = layer.node(j)
            if head == target:
                color = index_color(i)
                g.edge(prev.node(i), head, color=line_color(color), penwidth="2.2", arrowsize="0.5")
                others = [(where[prev.node(k)], where[head]) for k in drawn(prev.size) if k != i]
                circles = [where[prev.node(k)] for k in drawn(prev.size)] + [where[head]]
                _weight_label(g, where, prev.node(i), head, i, weights, others, circles)
            else:
                g.edge(prev.node(i), head, **quiet, **port)
    if spec["bias"]:
        for j in drawn(layer.size):
            g.edge(
                f"l{prev.index}bias",
                layer.node(j),
                style="dashed",
                color=line_color(QUIET),
                penwidth="0.8",
                arrowhead="none",
                **port,
            )


def _weight_label(
    g: graphviz.Digraph,
    where: dict[str, tuple[float, float]],
    tail: str,
    head: str,
    i: int,
    weights: tuple[float, ...],
    others: list[tuple[tuple[float, float], tuple[float, float]]],
    circles: list[tuple[float, float]],
) -> None:
    """The weight of a focus edge, written beside the edge near its start.

    It stands off the edge at a right angle (a steep edge would run through a label
    moved straight up) on a small paper-coloured patch, so the quiet connections that
    cross there pass behind the number instead of through it. The patch must not
    cover the other focus edges (``others``) nor touch a neuron (``circles``, their
    centres): the label slides along its edge, then tries the other side, until it is
    clear of them.
    """
    (x0, y0), (x1, y1) = where[tail], where[head]
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy) or 1.0
    # first the side away from the column of inputs (right of the edge's start), so a
    # label does not run into the neighbouring input circles
    nx, ny = -dy / length, dx / length
    if nx < 0:
        nx, ny = -nx, -ny
    text = num(weights[i]) if weights else _weight_name(i + 1)
    # far enough along the normal that the label's box (half sizes in inches) clears
    # the edge, plus a small gap
    half_w, half_h = grid.text_width(text, 12) / 72 / 2 + 0.02, 0.1
    candidates = [(t, side) for side in (1, -1) for t in (0.24, 0.2, 0.28, 0.16, 0.32, 0.36, 0.4)]
    for t, side in candidates:
        sx, sy = nx * side, ny * side
        off = half_w * abs(sx) + half_h * abs(sy) + 0.05
        x, y = x0 + dx * t + sx * off, y0 + dy * t + sy * off
        clear_of_edges = not any(
            _crosses_box(a, b, (x, y), half_w + 0.03, half_h + 0.03) for a, b in others
        )
        # a neuron is at most 0.66 in across: keep the patch a little outside that
        clear_of_neurons = all(
            math.hypot(max(abs(cx - x) - half_w, 0), max(abs(cy - y) - half_h, 0)) > 0.37
            for cx, cy in circles
        )
        if clear_of_edges and clear_of_neurons:
            break
    else:  # crowded everywhere: the first place, as before
        off = half_w * abs(nx) + half_h * abs(ny) + 0.05
        x, y = x0 + dx * 0.24 + nx * off, y0 + dy * 0.24 + ny * off
    g.node(
        f"{tail}w",
        label=text,
        shape="box",
        style="filled",
        fillcolor=PAPER,
        color=PAPER,
        fontcolor=text_color(index_color(i)),
        fontsize="12",
        margin="0.01,0",
        width="0",
        height="0",
        pos=pos(x, y),
    )


def _crosses_box(
    a: tuple[float, float],
    b: tuple[float, float],
    centre: tuple[float, float],
    half_w: float,
    half_h: float,
) -> bool:
    """Whether the segment a–b passes through the box around ``centre`` (inches).

    >>> _crosses_box((0, 0), (2, 2), (1, 1), 0.1, 0.1), _crosses_box((0, 0), (2, 0), (1, 1), 0.1, 0.1)
    (True, False)
    """
    steps = max(2, int(math.dist(a, b) / 0.01))
    return any(
        abs(a[0] + (b[0] - a[0]) * k / steps - centre[0]) <= half_w
        and abs(a[1] + (b[1] - a[1]) * k / steps - centre[1]) <= half_h
        for k in range(steps + 1)
    )


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _weight_name(n: int) -> str:
    return "w" + str(n).translate(_SUBSCRIPTS)


def _title(spec: Spec) -> str:
    sizes = spec["sizes"]
    return "A neural network with layer sizes " + ", ".join(str(n) for n in sizes)


def _describe(spec: Spec, layers: list[_Layer]) -> str:
    parts = [
        f"{layer.caption} with {layer.size} neuron{'s' if layer.size != 1 else ''}"
        for layer in layers
    ]
    text = (
        f"A dense neural network with {len(layers)} layers: {'; '.join(parts)}. Every neuron "
        "is connected to every neuron of the next layer."
    )
    for layer in layers:
        if layer.size > MAX_DRAWN:
            text += (
                f" The {layer.caption} shows its first and last {KEEP} neurons; the other "
                f"{layer.size - 2 * KEEP} are stood for by an ellipsis."
            )
    if spec["bias"]:
        text += " A bias node feeds every layer after the input layer."
    text += _describe_outputs(spec)
    if spec["focus"]:
        layer, index = spec["focus"]
        prev = layers[layer - 1]
        weights = spec["focus_weights"]
        written = ", ".join(fmt(w) for w in weights) if weights else "w1 to w" + str(prev.size)
        text += (
            f" Neuron {index} of the {layers[layer].caption} is highlighted with its "
            f"{prev.size} incoming weights ({written}) from the {prev.caption}."
        )
    return text


def _describe_outputs(spec: Spec) -> str:
    labels, scores = spec["labels"], spec["scores"]
    if not labels and not scores:
        return ""
    names = list(labels) or [f"output {j}" for j in range(len(scores))]
    if not scores:
        return " The output neurons stand for " + ", ".join(names) + "."
    pairs = ", ".join(f"{n} {fmt(s)}" for n, s in zip(names, scores, strict=True))
    best = names[max(range(len(scores)), key=lambda j: scores[j])]
    return f" The output scores are {pairs}; {best} has the highest score, so it is the prediction."


def _explain(spec: Spec, layers: list[_Layer]) -> str:
    sizes = spec["sizes"]
    summary = "; ".join(
        f"{layer.caption}: {layer.size} neuron{'s' if layer.size != 1 else ''}" for layer in layers
    )
    products = [a * b for a, b in itertools.pairwise(sizes)]
    weights = " + ".join(f"{a}×{b}" for a, b in itertools.pairwise(sizes))
    biases = " + ".join(str(n) for n in sizes[1:])
    total_w, total_b = sum(products), sum(sizes[1:])
    return (
        f"{summary}\nweights: {weights} = {total_w}; biases: {biases} = {total_b}; "
        f"parameters: {total_w + total_b}"
    )


KIND = Kind(
    name="network",
    version=2,
    summary="a dense network: input, hidden and output layers; big layers collapse",
    fields=FIELDS,
    build=build,
    check=check,
    example={"sizes": [4, 4, 4, 2]},
)
