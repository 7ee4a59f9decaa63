"""``forward``: a layer's outputs computed step by step — first the product of
inputs and weights, then the biases added to every row.

With a batch of inputs (a matrix, one sample per row) the figure computes
``inputs @ weights.T + biases``: the bias vector is broadcast, and its copies
are drawn as ghost rows. With one sample (a vector) it computes
``np.dot(weights, inputs) + biases``, the vector drawn as a column so that
each row of weights meets it. Leave ``biases`` out to show the product alone.

>>> from shapekit.figures import figure
>>> fig = figure("forward", inputs=[1.0, 2.0, 3.0, 2.5],
...              weights=[[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5]], biases=[2, 3])
>>> print(fig.explanation.splitlines()[-1])
outputs[0] = 0.2×1.0 + 0.8×2.0 + (-0.5)×3.0 + 1×2.5 + 2 = 2.8 + 2 = 4.8
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from shapekit.errors import ExpressionError, MismatchError, ShapeError, SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    BIAS,
    BROADCAST,
    INNER,
    MUTED,
    RESULT,
    esc,
    index_color,
    line_color,
    new_graph,
    num,
    text_color,
    tint,
)

#: fill of cells that are not highlighted
BASE_FILL = "#f6f8fa"
#: products written out in the caption before "…"
CAPTION_TERMS = 6

FIELDS = (
    Field("inputs", "nested", "one sample (a vector) or a batch of samples (a matrix)"),
    Field("weights", "matrix", "one row of weights per neuron"),
    Field(
        "biases",
        "numbers",
        "one bias per neuron (leave out to show the product only)",
        default=None,
    ),
    Field(
        "sample",
        "integer",
        "the sample (row of inputs) whose output is written out",
        default=0,
        minimum=0,
    ),
    Field("neuron", "integer", "the neuron whose output is written out", default=0, minimum=0),
    Field("highlight", "flag", "highlight one output and write its arithmetic out", default=True),
    Field("ghosts", "flag", "draw the bias vector's broadcast copies as ghost rows", default=True),
    Field("indices", "flag", "number the rows and columns", default=True),
)

Number = float | int


@dataclass(frozen=True)
class _Layer:
    """The computation: shapes, values, the expressions and the core's explanation."""

    batch: bool
    inputs: Any
    weights: tuple[tuple[Number, ...], ...]
    biases: tuple[Number, ...] | None
    product: Any
    outputs: Any
    product_expr: str
    expr: str
    explained: Any

    @property
    def samples(self) -> int:
        return len(self.inputs) if self.batch else 1

    @property
    def neurons(self) -> int:
        return len(self.weights)

    @property
    def features(self) -> int:
        return len(self.weights[0])

    def row(self, sample: int) -> tuple[Number, ...]:
        return tuple(self.inputs[sample]) if self.batch else tuple(self.inputs)

    def out(self, values: Any, sample: int, neuron: int) -> Number:
        result: Number = values[sample][neuron] if self.batch else values[neuron]
        return result


def _compute(spec: Spec) -> _Layer:
    from shapekit.engine.expr import explain
    from shapekit.shapes import shape

    inputs, weights, biases = spec["inputs"], spec["weights"], spec["biases"]
    try:
        dims = shape(inputs, name="inputs")
    except ShapeError as exc:
        raise SpecError(f"field 'inputs': {exc.message}", field="inputs") from exc
    if len(dims) not in (1, 2) or 0 in dims:
        raise SpecError(
            f"field 'inputs': expected one sample (a vector) or a batch (a matrix) "
            f"of numbers, got shape {dims}",
            field="inputs",
        )
    batch = len(dims) == 2
    _check_sizes(dims[-1], weights, biases)
    product_expr = "inputs @ weights.T" if batch else "np.dot(weights, inputs)"
    expr = product_expr + (" + biases" if biases is not None else "")
    try:
        # the shape steps, as NumPy would take them (the values are computed below)
        explained = explain(
            expr,
            shapes={
                "inputs": dims,
                "weights": (len(weights), len(weights[0])),
                **({"biases": (len(biases),)} if biases is not None else {}),
            },
        )
    except (MismatchError, ExpressionError) as exc:  # pragma: no cover - sizes checked above
        raise SpecError(exc.message, field="inputs") from exc
    rows = inputs if batch else (inputs,)
    # Python numbers, products added left to right: exact for integers of any size,
    # and the same arithmetic as the dot and matmul figures
    sums = grid.exact_matmul(rows, tuple(zip(*weights, strict=True)))
    outs = [[z + b for z, b in zip(row, biases, strict=True)] for row in sums] if biases else sums
    scale = max(abs(x) for row in rows for x in row) * max(
        abs(x) for row in weights for x in row
    ) * len(weights[0]) + max((abs(b) for b in biases or ()), default=0)
    product = sums if batch else sums[0]
    outputs = (outs if batch else outs[0]) if biases is not None else product
    return _Layer(
        batch,
        inputs,
        weights,
        biases,
        grid.settle(product, scale),
        grid.settle(outputs, scale),
        product_expr,
        expr,
        explained,
    )


def _check_sizes(features: int, weights: Any, biases: Any) -> None:
    """Blame the field that does not fit the layer's computation, without a "fix"
    that would fit the shapes but compute something else."""
    if len(weights[0]) != features:
        raise SpecError(
            f"field 'weights': each neuron needs one weight per input, but each sample has "
            f"{features} input{'s' * (features != 1)} and each row of weights has "
            f"{len(weights[0])} weight{'s' * (len(weights[0]) != 1)}",
            field="weights",
        )
    if biases is not None and len(biases) != len(weights):
        raise SpecError(
            f"field 'biases': give one bias per neuron; there are {len(weights)} neurons "
            f"(rows of weights) but {len(biases)} bias{'es' * (len(biases) != 1)}",
            field="biases",
        )


def check(spec: Spec) -> None:
    layer = _compute(spec)
    if spec["sample"] >= layer.samples:
        raise SpecError(
            f"field 'sample': there {'are' if layer.samples > 1 else 'is'} "
            f"{layer.samples} sample{'s' * (layer.samples > 1)}, numbered from 0, "
            f"so there is no sample {spec['sample']}",
            field="sample",
        )
    if spec["neuron"] >= layer.neurons:
        raise SpecError(
            f"field 'neuron': there are {layer.neurons} neurons (rows of weights), "
            f"numbered from 0, so there is no neuron {spec['neuron']}",
            field="neuron",
        )


# -- drawing ------------------------------------------------------------------------


def _cell(
    text: str, color: str | None, split: tuple[int, int] | None, *, bold: bool = False
) -> grid.Cell:
    if color is None:
        return grid.Cell(text, fill=BASE_FILL, split=split)
    return grid.Cell(
        text,
        fill=tint(color, 0.7),
        border=line_color(color),
        weight=2,
        bold=bold,
        split=split,
    )


def _table(
    rows: int,
    cols: int,
    text: Callable[[int, int], str],
    color: Callable[[int, int], str | None],
    badge: str,
    indices: bool,
    keep: tuple[int, int],
    *,
    vector: bool = False,
) -> str:
    """A matrix (or, with ``vector``, a 1-D vector drawn as a column) with its badge."""
    split = grid.aligned_cells([text(i, j) for i in range(rows) for j in range(cols)])
    matrix = grid.Matrix(
        rows, cols, lambda i, j: _cell(text(i, j), color(i, j), split), (keep[0],), (keep[1],)
    )
    return grid.matrix_table(
        matrix, indices=indices, below=badge, col_indices=indices and not vector
    )


def _bias_table(layer: _Layer, spec: Spec, sample: int, neuron: int) -> str:
    """The bias vector as a row, with its broadcast copies below it as ghost rows."""
    biases = layer.biases or ()
    rows = layer.samples if (layer.batch and spec["ghosts"]) else 1
    hl = spec["highlight"]

    split = grid.aligned_cells([num(b) for b in biases])

    def cell(i: int, j: int) -> grid.Cell:
        text = esc(num(biases[j]))
        if i == 0:
            # the biases themselves, in the bias colour
            weight = 2 if hl and j == neuron else 1
            return grid.Cell(
                text, fill=tint(BIAS, 0.75), border=line_color(BIAS), weight=weight, split=split
            )
        fill = tint(BIAS, 0.9) if hl and j == neuron and i == sample else None
        return grid.Cell(
            text,
            fill=fill,
            border=BROADCAST,
            color=text_color(BROADCAST, fill or "#ffffff"),
            italic=True,
            split=split,
        )

    if layer.batch:
        matrix = grid.Matrix(rows, len(biases), cell, (sample,), (neuron,))
        labels = None
        if rows > 1:

            def labels(slot: grid.Slot) -> str:
                if slot is None:
                    return ""
                text = "biases" if slot == 0 else "copy"
                return f'<FONT POINT-SIZE="10" COLOR="{MUTED}">{text}</FONT>'

        note = (
            f'<BR/><FONT POINT-SIZE="11" COLOR="{MUTED}">grey rows: broadcast copies</FONT>'
            if rows > 1
            else ""
        )
        badge = grid.badge((len(biases),), name="biases") + note
        return grid.matrix_table(
            matrix, indices=spec["indices"] and rows == 1, below=badge, row_labels=labels
        )
    column = grid.Matrix(len(biases), 1, lambda i, _: cell(0, i), (neuron,), ())
    return grid.matrix_table(
        column, indices=spec["indices"], col_indices=False, below=_badge2((len(biases),), "biases")
    )


def _badge2(shape: tuple[int, ...], name: str) -> str:
    """A badge on two lines (name, then shape) for a narrow column."""
    return f"<I>{esc(name)}</I><BR/>{grid.badge(shape)}"


def _operator(g: Any, name: str, symbol: str) -> None:
    """An operator between two matrices (DejaVu's bold dots are square: "∙" stays regular)."""
    text = symbol if symbol == "\u2219" else f"<B>{symbol}</B>"
    g.node(name, label=f"<{text}>", shape="plain", fontsize="26", fontcolor=MUTED)


def _row(g: Any, names: list[str], step: str) -> None:
    """Put the nodes ``names`` side by side, after a label naming the step."""
    g.node(names[0], label=f'<<FONT COLOR="{MUTED}">{step}</FONT>>', shape="plain", fontsize="14")
    with g.subgraph() as row:
        row.attr(rank="same")
        for name in names:
            row.node(name)
        for left, right in itertools.pairwise(names):
            row.edge(left, right, style="invis")


def _caption(layer: _Layer, spec: Spec) -> tuple[list[str], str]:
    """Caption lines (shapes, then the highlighted output written out) and its plain text."""
    from shapekit.engine.explanation import format_shape

    shapes = [t for t in layer.explained.steps if t.kind == "operation"]
    shape_line = "; ".join(
        esc(t.explanation.header) + " \u2192 " + esc(format_shape(t.shape))
        for t in shapes
        if t.explanation.op != "transpose"
    )
    lines = [shape_line]
    if not spec["highlight"]:
        return lines, ""
    s, n = spec["sample"], spec["neuron"]
    row, weights = layer.row(s), layer.weights[n]
    where = f"[{s}, {n}]" if layer.batch else f"[{n}]"
    result_name = (
        "outputs"
        if layer.biases is not None
        else f"({layer.product_expr})"
        if layer.batch
        else layer.product_expr
    )
    row_name = f"row {s} of inputs" if layer.batch else "inputs"
    col_name = f"column {n} of weights.T" if layer.batch else f"row {n} of weights"
    head = f"{grid.colored(result_name + where, RESULT, bold=True)} = " + (
        f"{esc(row_name)} · {esc(col_name)}"
        if layer.batch
        else f"{esc(col_name)} · {esc(row_name)}"
    )
    if layer.biases is not None:
        head += f" + {grid.colored(f'biases[{n}]', BIAS)}"
    k = len(row)
    picks: list[int | None] = list(range(k)) if k <= CAPTION_TERMS else [0, 1, 2, None, k - 1]
    parts: list[tuple[str, str]] = []
    for t in picks:
        if t is None:
            parts.append(("\u2026", "\u2026"))
            continue
        # the batch form multiplies inputs by weights, the vector form weights by inputs
        first, second = (row[t], weights[t]) if layer.batch else (weights[t], row[t])
        html_part, plain_part = grid.product(first, second, index_color(t), index_color(t))
        parts.append((html_part, plain_part))
    if layer.biases is not None:
        bias = layer.biases[n]
        parts.append((grid.colored(grid.factor(bias), BIAS), grid.factor(bias)))
    parts[0] = ("= " + parts[0][0], "= " + parts[0][1])
    lines += [head, *grid.wrap(parts)]
    dot = layer.out(layer.product, s, n)
    total = layer.out(layer.outputs, s, n)
    result = grid.colored(num(total), RESULT, bold=True)
    if layer.biases is not None:
        lines.append(f"= {esc(num(dot))} + {esc(grid.factor(layer.biases[n]))} = {result}")
        tail = f" = {num(dot)} + {grid.factor(layer.biases[n])} = {num(total)}"
    else:
        lines.append(f"= {result}")
        tail = f" = {num(total)}"
    plain = result_name + where + " " + " + ".join(p[1] for p in parts) + tail
    return lines, plain.replace("\u2212", "-")


def build(spec: Spec) -> Drawing:
    layer = _compute(spec)
    s, n, hl, ix = spec["sample"], spec["neuron"], spec["highlight"], spec["indices"]
    m, k, neurons = layer.samples, layer.features, layer.neurons
    g = new_graph("forward", rankdir="TB")
    g.attr(ranksep="0.5")

    def mark(cond: bool, color: str) -> str | None:
        return color if hl and cond else None

    def pair(cond: bool, t: int) -> str | None:
        """Element t of the highlighted row or column: in its pair's colour."""
        return index_color(t) if hl and cond else None

    prod_shape = (m, neurons) if layer.batch else (neurons,)
    w = layer.weights
    if layer.batch:
        left = _table(
            m,
            k,
            lambda i, j: esc(num(layer.inputs[i][j])),
            lambda i, j: pair(i == s, j),
            grid.badge((m, k), colors={0: RESULT, 1: INNER}, name="inputs"),
            ix,
            (s, 0),
        )
        right = _table(
            k,
            neurons,
            lambda i, j: esc(num(w[j][i])),
            lambda i, j: pair(j == n, i),
            grid.badge((k, neurons), colors={0: INNER, 1: RESULT}, name="weights.T"),
            ix,
            (0, n),
        )

        def product_table(values: Any, name: str) -> str:
            return _table(
                m,
                neurons,
                lambda i, j: esc(num(values[i][j])),
                lambda i, j: mark((i, j) == (s, n), RESULT),
                grid.badge(prod_shape, name=name),
                ix,
                (s, n),
            )
    else:
        left = _table(
            neurons,
            k,
            lambda i, j: esc(num(w[i][j])),
            lambda i, j: pair(i == n, j),
            grid.badge((neurons, k), colors={0: RESULT, 1: INNER}, name="weights"),
            ix,
            (n, 0),
        )
        right = _table(
            k,
            1,
            lambda i, j: esc(num(layer.inputs[i])),
            lambda i, j: pair(True, i),
            f"<I>inputs</I><BR/>{grid.badge((k,), colors={0: INNER})}",
            ix,
            (0, 0),
            vector=True,
        )

        def product_table(values: Any, name: str) -> str:
            return _table(
                neurons,
                1,
                lambda i, j: esc(num(values[i])),
                lambda i, j: mark(i == n, RESULT),
                _badge2(prod_shape, name),
                ix,
                (n, 0),
                vector=True,
            )

    product_name = "inputs @ weights.T" if layer.batch else "np.dot(weights, inputs)"
    for name, html in (
        ("left", left),
        ("right", right),
        ("product", product_table(layer.product, product_name)),
    ):
        g.node(name, label=grid.label(html), shape="plain")
    _operator(g, "times", "@" if layer.batch else "\u2219")
    _operator(g, "equals1", "=")
    two_steps = layer.biases is not None
    _row(
        g,
        ["step1", "left", "times", "right", "equals1", "product"],
        "1. multiply" if two_steps else "multiply",
    )
    if layer.biases is not None:
        g.node(
            "product2", label=grid.label(product_table(layer.product, product_name)), shape="plain"
        )
        g.node("biases", label=grid.label(_bias_table(layer, spec, s, n)), shape="plain")
        g.node("outputs", label=grid.label(product_table(layer.outputs, "outputs")), shape="plain")
        _operator(g, "plus", "+")
        _operator(g, "equals2", "=")
        _row(g, ["step2", "product2", "plus", "biases", "equals2", "outputs"], "2. add the biases")
        g.edge("step1", "step2", style="invis")
    lines, cell_text = _caption(layer, spec)
    g.attr(label=grid.caption(lines), labelloc="b", fontsize="15")
    return _drawing(g.source, layer, spec, cell_text)


def _drawing(source: str, layer: _Layer, spec: Spec, cell_text: str) -> Drawing:
    m, k, neurons = layer.samples, layer.features, layer.neurons
    steps = [f"{t.expr}: {t.text}" for t in layer.explained.steps if t.kind == "operation"]
    if layer.batch:
        what = (
            f"A layer of {neurons} neurons applied to a batch of {m} samples with {k} "
            f"features each, computed as {layer.expr}. First the inputs, shape ({m}, {k}), "
            f"are multiplied by the transposed weights, shape ({k}, {neurons}), giving one "
            f"row of {neurons} neuron outputs per sample."
        )
        if layer.biases is not None:
            what += (
                f" Then the {neurons} biases are added to every row: broadcasting repeats "
                f"the bias vector for each of the {m} samples"
                + (" (the copies are drawn in grey)." if spec["ghosts"] and m > 1 else ".")
            )
    else:
        what = (
            f"A layer of {neurons} neurons applied to one sample of {k} inputs, computed as "
            f"{layer.expr}: each row of weights is multiplied with the inputs and summed, "
            f"giving one number per neuron"
            + (", then each neuron's bias is added." if layer.biases is not None else ".")
        )
    values = (
        f" The outputs are {_listing(layer.outputs)}."
        if layer.biases is not None
        else f" The products are {_listing(layer.product)}."
    )
    highlight = f" Written out: {cell_text}." if cell_text else ""
    explanation = "\n".join([f"{layer.expr} -> {tuple(layer.explained.shape)}", *steps])
    if cell_text:
        explanation += "\n" + cell_text
    title = (
        f"Forward pass of a batch of {m} samples through {neurons} neurons"
        if layer.batch
        else f"One sample through a layer of {neurons} neurons"
    )
    return Drawing(
        source=source,
        title=title,
        description=(what + values + highlight).replace("\u2212", "-"),
        explanation=explanation,
    )


def _listing(values: Any) -> str:
    if values and isinstance(values[0], list):
        return "; ".join("[" + ", ".join(num(v) for v in row) + "]" for row in values)
    return "[" + ", ".join(num(v) for v in values) + "]"


KIND = Kind(
    name="forward",
    version=3,  # 2: the explanation lists one step per line; 3: roles' colours, exact sums
    summary="a layer's outputs step by step: inputs @ weights.T, then + biases (broadcast)",
    fields=FIELDS,
    build=build,
    check=check,
    example={
        "inputs": [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]],
        "weights": [[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]],
        "biases": [2, 3, 0.5],
    },
)
