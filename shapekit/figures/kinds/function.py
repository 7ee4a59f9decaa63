"""``function``: the graph of a one-input neuron's output, y = activation(w·x + b),
on axes with ticks, labels and a light grid; each line labelled with its formula.

One line per weight (with its bias); without an activation the lines are
straight, y = w·x + b, as the chapter draws them while it turns the weight and
the bias. With ``step``, ``relu`` or ``sigmoid`` the same sums pass through
that function.

**How it is drawn.** Through the same Graphviz backend and finishing as every
other kind, with every coordinate decided here: the graph uses Graphviz's
``nop2`` layout (``neato -n2``), which keeps the given node positions and
edge paths exactly. Axes, grid lines and curves are edges between invisible
points, texts are plain nodes. A plotting library would add a second
renderer, a second font setup and a second way of writing titles and PNG
metadata; this way a function graph is one more DOT source.

>>> from shapekit.figures import figure
>>> print(figure("function", weights=[2], biases=[2]).explanation)
y = 2·x + 2: x = −3 gives −4, x = 0 gives 2, x = 3 gives 8
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import graphviz

from shapekit.errors import SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    INK,
    MUTED,
    PAPER,
    RESULT,
    esc,
    index_color,
    line_color,
    new_graph,
    num,
    text_color,
)

#: the most lines one graph draws (more no longer tell apart)
MAX_LINES = 6
#: the plot area in points
WIDTH, HEIGHT = 380.0, 270.0
#: points sampled along a curved activation
SAMPLES = 96
#: the light grid
GRID_LINE = "#e3e7eb"

Number = float | int


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


#: activation -> (function, name written in the formula, kinks: where it is not smooth)
ACTIVATIONS: dict[str, tuple[Callable[[float], float], str]] = {
    "none": (lambda z: z, ""),
    "step": (lambda z: 1.0 if z > 0 else 0.0, "step"),
    "relu": (lambda z: max(z, 0.0), "ReLU"),
    "sigmoid": (_sigmoid, "sigmoid"),
}

FIELDS = (
    Field(
        "weights",
        "numbers",
        "the weight w of each line y = w·x + b",
        default=(1,),
        max_items=MAX_LINES,
    ),
    Field(
        "biases",
        "numbers",
        "the bias b of each line (one for all, or one per weight)",
        default=(0,),
        max_items=MAX_LINES,
    ),
    Field(
        "activation",
        "choice",
        "the function applied to w·x + b",
        default="none",
        choices=tuple(ACTIVATIONS),
    ),
    Field("x_range", "numbers", "the smallest and largest x drawn", default=(-3, 3), max_items=2),
    Field(
        "y_range",
        "numbers",
        "the smallest and largest y drawn (default: whatever the lines need)",
        default=(),
        max_items=2,
    ),
    Field(
        "labels",
        "texts",
        "a label per line instead of its formula",
        default=(),
        max_items=MAX_LINES,
    ),
    Field("legend", "flag", "list the lines in a legend beside the graph", default=False),
    Field("x_label", "text", "the name of the horizontal axis", default="x", max_items=24),
    Field("y_label", "text", "the name of the vertical axis", default="y", max_items=24),
)


#: the narrowest x or y range drawn (its ticks are rounded to 10 decimals)
MIN_WIDTH = 1e-6


def check(spec: Spec) -> None:
    weights, biases = spec["weights"], spec["biases"]
    if not weights:
        raise SpecError("field 'weights': give at least one weight (one line)", field="weights")
    if len(biases) not in (1, len(weights)):
        raise SpecError(
            f"field 'biases': give one bias for all lines or one per weight; there are "
            f"{len(weights)} weights and {len(biases)} biases",
            field="biases",
        )
    for name in ("x_range", "y_range"):
        r = spec[name]
        if name == "y_range" and not r:
            continue
        if len(r) != 2 or not r[0] < r[1]:
            raise SpecError(
                f"field {name!r}: give the smallest and the largest value, smallest first, "
                f"e.g. -3, 3; got {list(r)}",
                field=name,
            )
        if not MIN_WIDTH <= float(r[1]) - float(r[0]) < math.inf:
            raise SpecError(
                f"field {name!r}: the range from {r[0]} to {r[1]} cannot be drawn with round "
                f"ticks; make it at least {MIN_WIDTH:g} wide and at most the largest float",
                field=name,
            )
    x0, x1 = (float(x) for x in spec["x_range"])
    ends = [0.0]
    for i, w in enumerate(weights):
        b = float(biases[i if len(biases) > 1 else 0])
        ends += [float(w) * x0 + b, float(w) * x1 + b]
    if not max(ends) - min(ends) < math.inf:
        raise SpecError(
            "field 'weights': the lines go past the largest float over the x range "
            f"{list(spec['x_range'])}; use smaller weights, biases or x range",
            field="weights",
        )
    if spec["labels"] and len(spec["labels"]) != len(weights):
        raise SpecError(
            f"field 'labels': give one label per line ({len(weights)}), got {len(spec['labels'])}",
            field="labels",
        )


@dataclass(frozen=True)
class _Line:
    """One line of the graph: its parameters, colour and formula."""

    w: Number
    b: Number
    activation: str
    color: str
    label: str

    def y(self, x: float) -> float:
        return ACTIVATIONS[self.activation][0](self.w * x + self.b)

    def points(self, x0: float, x1: float) -> list[list[tuple[float, float]]]:
        """The line as pieces of (x, y) points; a step is two pieces."""
        act = self.activation
        if act == "none":
            return [[(x0, self.y(x0)), (x1, self.y(x1))]]
        corner = -self.b / self.w if self.w else None
        inside = corner is not None and x0 < corner < x1
        if act in ("step", "relu") and inside:
            assert corner is not None
            left = [(x0, self.y(x0)), (corner, self.y(corner - _side(self.w)))]
            right = [(corner, self.y(corner + _side(self.w))), (x1, self.y(x1))]
            if act == "relu":
                return [[*left, right[1]]] if self.w > 0 else [[left[0], *right]]
            return [left, right]
        if act in ("step", "relu"):
            return [[(x0, self.y(x0)), (x1, self.y(x1))]]
        xs = [x0 + (x1 - x0) * k / SAMPLES for k in range(SAMPLES + 1)]
        return [[(x, self.y(x)) for x in xs]]


def _side(w: Number) -> float:
    """A tiny step towards the side of the corner where w·x + b is positive."""
    return 1e-9 if w > 0 else -1e-9


def formula(w: Number, b: Number, activation: str = "none", *, minus: str = "\u2212") -> str:
    """The formula of a line as a teacher writes it.

    >>> formula(2, 2), formula(-0.7, 0), formula(1.0, -0.7), formula(1, 0, "step")
    ('y = 2·x + 2', 'y = −0.7·x + 0', 'y = 1.0·x − 0.7', 'y = step(x)')
    """
    sign = "+" if b >= 0 else minus
    magnitude = num(b)[1:] if num(b).startswith("\u2212") else num(b)
    inner = f"{num(w)}·x {sign} {magnitude}"
    name = ACTIVATIONS[activation][1]
    if name:
        inner = "x" if (w, b) == (1, 0) else inner
        return f"y = {name}({inner})".replace("\u2212", minus)
    return f"y = {inner}".replace("\u2212", minus)


def _lines(spec: Spec) -> list[_Line]:
    weights, biases = spec["weights"], spec["biases"]
    biases = biases * len(weights) if len(biases) == 1 else biases
    act, labels = spec["activation"], spec["labels"]
    one = len(weights) == 1
    return [
        _Line(
            w,
            b,
            act,
            RESULT if one else index_color(k),
            labels[k] if labels else formula(w, b, act),
        )
        for k, (w, b) in enumerate(zip(weights, biases, strict=True))
    ]


# -- scales and ticks -----------------------------------------------------------------


def nice_step(span: float, target: int = 6) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``target`` ticks.

    >>> nice_step(6), nice_step(10), nice_step(1.2)
    (1, 2, 0.2)
    """
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power * 1.0001:
            step = m * power
            return int(step) if step >= 1 else round(step, 12)
    return 10 * power  # pragma: no cover - the loop always returns


def ticks(lo: float, hi: float) -> list[Number]:
    """The round values between ``lo`` and ``hi`` where ticks go.

    >>> ticks(-3, 3), ticks(-0.5, 1.5)
    ([-3, -2, -1, 0, 1, 2, 3], [-0.5, 0, 0.5, 1, 1.5])
    """
    step = nice_step(hi - lo)
    first = math.ceil(lo / step - 1e-9)
    out: list[Number] = []
    k = first
    while k * step <= hi + 1e-9 * step:
        value = round(k * step, 10)
        out.append(int(value) if float(value).is_integer() else value)
        k += 1
    return out


def _y_range(spec: Spec, lines: Sequence[_Line]) -> tuple[float, float]:
    if spec["y_range"]:
        lo, hi = spec["y_range"]
        return float(lo), float(hi)
    x0, x1 = spec["x_range"]
    ys = [y for line in lines for piece in line.points(x0, x1) for _, y in piece]
    lo, hi = min([*ys, 0.0]), max([*ys, 0.0])
    if spec["activation"] in ("step", "sigmoid"):
        lo, hi = min(lo, -0.5), max(hi, 1.5)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    for _ in range(3):  # round outwards to the tick step of the rounded range
        step = nice_step(hi - lo)
        lo, hi = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    return lo, hi


# -- drawing ----------------------------------------------------------------------------


class _Plot:
    """Maps (x, y) to points and adds invisible anchor nodes and edges to a graph."""

    def __init__(self, g: graphviz.Digraph, xr: tuple[float, float], yr: tuple[float, float]):
        self.g, self.xr, self.yr = g, xr, yr
        self.count = 0

    def px(self, x: float) -> float:
        return (x - self.xr[0]) / (self.xr[1] - self.xr[0]) * WIDTH

    def py(self, y: float) -> float:
        return (y - self.yr[0]) / (self.yr[1] - self.yr[0]) * HEIGHT

    def path(
        self, pts: Sequence[tuple[float, float]], *, arrow: bool = False, **attrs: str
    ) -> None:
        """A polyline through ``pts`` (in points), drawn as one straight-piece spline."""
        a, b = self._anchor(pts[0]), self._anchor(pts[-1])
        spline = [pts[0]]
        for p in pts[1:]:
            spline += [spline[-1], p, p]
        text = " ".join(f"{x:.2f},{y:.2f}" for x, y in spline)
        if arrow:
            # the spline stops short of the tip; Graphviz draws the head up to it
            (xa, ya), (xb, yb) = pts[-2], pts[-1]
            length = math.hypot(xb - xa, yb - ya)
            cut = (xb - (xb - xa) * 7 / length, yb - (yb - ya) * 7 / length)
            spline = [*spline[:-3], spline[-4], cut, cut]
            text = f"e,{xb:.2f},{yb:.2f} " + " ".join(f"{x:.2f},{y:.2f}" for x, y in spline)
        self.g.edge(a, b, pos=text, arrowhead="normal" if arrow else "none", **attrs)

    def text(self, html: str, x: float, y: float, **attrs: str) -> None:
        """A text centred at (x, y) points."""
        self.count += 1
        self.g.node(
            f"t{self.count}",
            label=f"<{html}>",
            shape="plaintext",
            width="0",
            height="0",
            margin="0",
            pos=f"{x:.2f},{y:.2f}",
            **attrs,
        )

    def dot(self, x: float, y: float, color: str, *, hollow: bool) -> None:
        """A small marker circle at (x, y) points: filled, or hollow (a value not taken)."""
        self.count += 1
        self.g.node(
            f"m{self.count}",
            label="",
            shape="circle",
            width="0.09",
            fixedsize="true",
            style="filled",
            fillcolor=PAPER if hollow else color,
            color=color,
            penwidth="1.6",
            pos=f"{x:.2f},{y:.2f}",
        )

    def _anchor(self, p: tuple[float, float]) -> str:
        self.count += 1
        name = f"p{self.count}"
        self.g.node(name, label="", shape="point", width="0", style="invis", pos=f"{p[0]},{p[1]}")
        return name


def _axes(plot: _Plot, spec: Spec) -> None:
    """Grid, axes through zero (or along the edges), ticks and their numbers."""
    (x0, x1), (y0, y1) = plot.xr, plot.yr
    xt, yt = ticks(x0, x1), ticks(y0, y1)
    ax = plot.py(0) if y0 <= 0 <= y1 else 0.0
    ay = plot.px(0) if x0 <= 0 <= x1 else 0.0
    for v in xt:
        plot.path([(plot.px(v), 0), (plot.px(v), HEIGHT)], color=GRID_LINE, penwidth="0.8")
    for v in yt:
        plot.path([(0, plot.py(v)), (WIDTH, plot.py(v))], color=GRID_LINE, penwidth="0.8")
    axis = {"color": MUTED, "penwidth": "1.2", "arrowsize": "0.7"}
    plot.path([(0, ax), (WIDTH + 14, ax)], arrow=True, **axis)
    plot.path([(ay, 0), (ay, HEIGHT + 14)], arrow=True, **axis)
    small = {"fontsize": "11", "fontcolor": MUTED}
    for v in xt:
        plot.path([(plot.px(v), ax - 3), (plot.px(v), ax + 3)], color=MUTED, penwidth="1")
        if v != 0 or ay != plot.px(0):
            plot.text(esc(num(v)), plot.px(v), ax - 11, **small)
    for v in yt:
        plot.path([(ay - 3, plot.py(v)), (ay + 3, plot.py(v))], color=MUTED, penwidth="1")
        if v == 0 and ax == plot.py(0) and ay == plot.px(0):
            plot.text("0", ay - 7, ax - 11, **small)
            continue
        width = grid.text_width(num(v), 11)
        plot.text(esc(num(v)), ay - 6 - width / 2, plot.py(v), **small)
    plot.text(f"<I>{esc(spec['x_label'])}</I>", WIDTH + 26, ax, fontsize="14", fontcolor=INK)
    plot.text(f"<I>{esc(spec['y_label'])}</I>", ay, HEIGHT + 26, fontsize="14", fontcolor=INK)


def _draw_line(plot: _Plot, line: _Line) -> list[list[tuple[float, float]]]:
    """The line's pieces drawn (and a step's jump); returns the pieces, clipped."""
    (x0, x1), (y0, y1) = plot.xr, plot.yr
    stroke = line_color(line.color)
    pieces = [_clip(piece, y0, y1) for piece in line.points(x0, x1)]
    for piece in pieces:
        if len(piece) > 1:
            plot.path([(plot.px(x), plot.py(y)) for x, y in piece], color=stroke, penwidth="2.6")
    if line.activation == "step" and len(pieces) == 2 and pieces[0] and pieces[1]:
        # the jump: dashed, the value taken at the corner filled, the one not taken hollow
        (xc, ya), (_, yb) = pieces[0][-1], pieces[1][0]
        low, high = (ya, yb) if line.w > 0 else (yb, ya)
        plot.path(
            [(plot.px(xc), plot.py(ya)), (plot.px(xc), plot.py(yb))],
            color=stroke,
            penwidth="1.2",
            style="dashed",
        )
        plot.dot(plot.px(xc), plot.py(low), stroke, hollow=False)
        plot.dot(plot.px(xc), plot.py(high), stroke, hollow=True)
    return pieces


def _clip(piece: list[tuple[float, float]], y0: float, y1: float) -> list[tuple[float, float]]:
    """The part of a polyline inside y0 ≤ y ≤ y1 (straight pieces cut where they leave)."""
    out: list[tuple[float, float]] = []
    for (xa, ya), (xb, yb) in itertools.pairwise(piece):
        seg = _clip_segment(xa, ya, xb, yb, y0, y1)
        if seg is None:
            continue
        if not out or out[-1] != seg[0]:
            out.append(seg[0])
        out.append(seg[1])
    return out


def _clip_segment(
    xa: float, ya: float, xb: float, yb: float, y0: float, y1: float
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    ta, tb = 0.0, 1.0
    dy = yb - ya
    for bound, inside_above in ((y0, True), (y1, False)):
        if dy == 0:
            if (ya < bound) == inside_above and ya != bound:
                return None
            continue
        t = (bound - ya) / dy
        if (dy > 0) == inside_above:
            ta = max(ta, t)
        else:
            tb = min(tb, t)
    if ta > tb:
        return None
    return (xa + (xb - xa) * ta, ya + dy * ta), (xa + (xb - xa) * tb, ya + dy * tb)


def _label(plot: _Plot, line: _Line, pieces: list[list[tuple[float, float]]]) -> None:
    """The formula beside its line, where it touches neither the line nor an axis.

    Candidate places run from the right end of the line towards its start, first
    above-left of it, then below-right; the first free one wins.
    """
    points = [(plot.px(x), plot.py(y)) for piece in pieces for x, y in piece]
    if not points:
        return
    dense = _densify(points)
    width, height = grid.text_width(line.label, 13, bold=True) + 4, 17.0
    ay = plot.px(0) if plot.xr[0] <= 0 <= plot.xr[1] else None
    ax = plot.py(0) if plot.yr[0] <= 0 <= plot.yr[1] else None

    def free(cx: float, cy: float) -> bool:
        x0, x1, y0, y1 = cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2
        if x0 < 2 or x1 > WIDTH - 2 or y0 < 2 or y1 > HEIGHT - 2:
            return False
        if ay is not None and x0 - 4 < ay < x1 + 4:
            return False
        if ax is not None and y0 - 4 < ax < y1 + 4:
            return False
        return not any(x0 - 5 < px < x1 + 5 and y0 - 5 < py < y1 + 5 for px, py in dense)

    best = None
    for t in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1):
        px, py = dense[min(int(t * len(dense)), len(dense) - 1)]
        for dx, dy in ((-1, 1), (1, -1), (1, 1), (-1, -1)):
            for gap in (8.0, 20.0):
                cx = px + dx * (width / 2 + gap * 0.5)
                cy = py + dy * (height / 2 + gap)
                if free(cx, cy):
                    best = (cx, cy)
                    break
            if best:
                break
        if best:
            break
    if best is None:  # nowhere free: above the end, inside the plot
        best = (min(max(points[-1][0] - width / 2, width / 2), WIDTH - width / 2), HEIGHT - 10)
    color = text_color(line.color)
    plot.text(f"<B>{esc(line.label)}</B>", best[0], best[1], fontsize="13", fontcolor=color)


def _densify(points: list[tuple[float, float]], step: float = 4.0) -> list[tuple[float, float]]:
    """Points every ``step`` points along a polyline (to test what a label would cover)."""
    out = [points[0]]
    for (xa, ya), (xb, yb) in itertools.pairwise(points):
        n = max(1, int(math.hypot(xb - xa, yb - ya) / step))
        out += [(xa + (xb - xa) * k / n, ya + (yb - ya) * k / n) for k in range(1, n + 1)]
    return out


def _end_labels(
    plot: _Plot, lines: Sequence[_Line], drawn: Sequence[list[list[tuple[float, float]]]]
) -> None:
    """Several lines: each formula beside the end of its line, right of the plot (or
    above or below it where the line leaves through the top or the bottom), never on
    top of another formula."""
    ends = []
    for line, pieces in zip(lines, drawn, strict=True):
        last = [p for p in pieces if p]
        if last:
            x, y = last[-1][-1]
            ends.append((plot.px(x), plot.py(y), line))
    right = sorted((e for e in ends if e[0] >= WIDTH - 1), key=lambda e: e[1])
    placed: list[float] = []
    for _, y, line in right:
        y = max(y, placed[-1] + 17) if placed else y
        placed.append(y)
        width = grid.text_width(line.label, 12, bold=True)
        plot.text(
            f"<B>{esc(line.label)}</B>",
            WIDTH + 10 + width / 2,
            y,
            fontsize="12",
            fontcolor=text_color(line.color),
        )
    for x, y, line in (e for e in ends if e[0] < WIDTH - 1):
        width = grid.text_width(line.label, 12, bold=True)
        xl = min(max(x, width / 2), WIDTH - width / 2)
        plot.text(
            f"<B>{esc(line.label)}</B>",
            xl,
            y + 12 if y >= HEIGHT - 1 else y - 12,
            fontsize="12",
            fontcolor=text_color(line.color),
        )


def _legend(plot: _Plot, lines: Sequence[_Line]) -> None:
    rows = "".join(
        f'<TR><TD><FONT COLOR="{line_color(line.color)}"><B>━━</B></FONT></TD>'
        f'<TD ALIGN="LEFT"><FONT COLOR="{text_color(line.color)}">{esc(line.label)}</FONT></TD></TR>'
        for line in lines
    )
    table = f'<TABLE BORDER="1" COLOR="{MUTED}" CELLBORDER="0" CELLPADDING="3">{rows}</TABLE>'
    plot.text(table, WIDTH + 110, HEIGHT / 2)


def build(spec: Spec) -> Drawing:
    lines = _lines(spec)
    xr = (float(spec["x_range"][0]), float(spec["x_range"][1]))
    yr = _y_range(spec, lines)
    g = new_graph("function")
    g.attr(layout="nop2", outputorder="edgesfirst", pad="0.3")
    plot = _Plot(g, xr, yr)
    _axes(plot, spec)
    drawn = [_draw_line(plot, line) for line in lines]
    if spec["legend"]:
        _legend(plot, lines)
    elif len(lines) == 1:
        _label(plot, lines[0], drawn[0])
    else:
        _end_labels(plot, lines, drawn)
    names = ", ".join(line.label for line in lines)
    title = f"Graph of {names}"
    return Drawing(
        source=g.source,
        title=title,
        description=_describe(spec, lines, yr),
        explanation="\n".join(_values(line, spec) for line in lines),
    )


def _values(line: _Line, spec: Spec) -> str:
    """A line's formula and its value at both ends of the range and at 0."""
    x0, x1 = spec["x_range"]
    xs = [x0, *([0] if x0 < 0 < x1 else []), x1]
    said = ", ".join(f"x = {num(x)} gives {num(_tidy(line.y(x)))}" for x in xs)
    return f"{line.label}: {said}"


def _tidy(y: float) -> Number:
    """Floating-point dust removed (1e-17 shows as 0) and whole numbers as integers."""
    y = round(float(y), 10)
    return int(y) if y.is_integer() and abs(y) < 1e15 else y


def _describe(spec: Spec, lines: Sequence[_Line], yr: tuple[float, float]) -> str:
    x0, x1 = spec["x_range"]
    parts = []
    for line in lines:
        if line.activation == "none":
            shape = (
                "a horizontal line"
                if line.w == 0
                else f"a straight line {'rising' if line.w > 0 else 'falling'} with slope "
                f"{num(line.w)} that crosses the y axis at {num(line.b)}"
            )
        else:
            shape = f"the {ACTIVATIONS[line.activation][1]} of {num(line.w)}·x + {num(line.b)}"
        parts.append(f"{line.label}, {shape}")
    text = (
        f"A graph with x from {num(x0)} to {num(x1)} and y from {num(_tidy(yr[0]))} to "
        f"{num(_tidy(yr[1]))}, with a light grid. " + "; ".join(parts) + ". "
    )
    text += "; ".join(_values(line, spec) for line in lines) + "."
    return text.replace("\u2212", "-")


KIND = Kind(
    name="function",
    summary="graphs of y = activation(w·x + b): lines, step, ReLU or sigmoid, on labelled axes",
    fields=FIELDS,
    build=build,
    check=check,
    example={"weights": [2], "biases": [2]},
)
