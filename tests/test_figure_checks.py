"""Checks on the SVG of every gallery figure, the way a teacher would look at them:

- every text can be read on a projector: 4.5:1 (WCAG AA) against what is behind it;
- the network-like kinds draw straight connections, never curves;
- one colour per quantity: every colour belongs to the theme's palette, and the
  chapter's numbers keep their role's colour from figure to figure;
- the function graphs carry the chapter's formulas and numbers.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from shapekit.figures import grid, render_many
from shapekit.figures.drawing import Figure, draw
from shapekit.figures.theme import (
    GHOST,
    GRID,
    INK,
    MUTED,
    PAPER,
    ROLES,
    contrast,
    line_color,
    shade,
    text_color,
    tint,
)
from shapekit.gallery.specs import Entry, load_specs

GALLERY = Path(__file__).resolve().parent.parent / "gallery"
SVG = "{http://www.w3.org/2000/svg}"
#: kinds whose connections must be straight lines
NETWORK_KINDS = {"neuron", "layer", "network"}
#: neutral colours: ink, greys, paper, the quiet lines and fills
NEUTRAL = {
    c.lower() for c in (INK, MUTED, GRID, PAPER, GHOST, "#f6f8fa", "#aab4be", "#e3e7eb", "#000000")
} | {"white", "black", "none", "transparent", ""}
NAMED = {"white": "#ffffff", "black": "#000000"}

pytestmark = pytest.mark.needs_dot


@cache
def _entries() -> tuple[Entry, ...]:
    return tuple(load_specs(GALLERY))


@cache
def _figures() -> dict[str, tuple[Entry, Figure]]:
    figures = {e.id: (e, draw(e.spec)) for e in _entries()}
    render_many([f for _, f in figures.values()], formats=("svg",))
    return figures


def _ids(kinds: set[str] | None = None) -> list[str]:
    return [e.id for e in _entries() if kinds is None or e.kind in kinds]


# -- reading an SVG: texts and the filled shapes behind them ------------------------


@dataclass(frozen=True)
class Shape:
    """A filled area: its fill and bounding box (x0, y0, x1, y1), or a polygon."""

    fill: str
    box: tuple[float, float, float, float]
    polygon: tuple[tuple[float, float], ...] = ()

    def contains(self, x: float, y: float) -> bool:
        x0, y0, x1, y1 = self.box
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        return _inside(self.polygon, x, y) if self.polygon else True


@dataclass(frozen=True)
class Text:
    text: str
    color: str
    x: float
    y: float
    size: float
    bold: bool
    behind: str  # the fill of the topmost shape under the text's middle


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _colour(value: str | None) -> str:
    value = (value or "").lower()
    return NAMED.get(value, value)


def _points(text: str) -> list[tuple[float, float]]:
    values = [float(v) for v in _NUMBER.findall(text)]
    return list(zip(values[::2], values[1::2], strict=False))


def _inside(poly: tuple[tuple[float, float], ...], x: float, y: float) -> bool:
    inside = False
    for (xa, ya), (xb, yb) in zip(poly, poly[1:] + poly[:1], strict=True):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            inside = not inside
    return inside


def _shape(el: ET.Element) -> Shape | None:
    fill = _colour(el.get("fill"))
    if fill in ("none", "transparent", ""):
        return None
    tag = el.tag.removeprefix(SVG)
    if tag == "ellipse":
        cx, cy = float(el.get("cx", 0)), float(el.get("cy", 0))
        rx, ry = float(el.get("rx", 0)), float(el.get("ry", 0))
        return Shape(fill, (cx - rx, cy - ry, cx + rx, cy + ry))
    pts = _points(el.get("points", "") if tag == "polygon" else el.get("d", ""))
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return Shape(fill, (min(xs), min(ys), max(xs), max(ys)), tuple(pts) if tag == "polygon" else ())


def svg_texts(data: bytes) -> list[Text]:
    """Every text run with its colour and the fill drawn behind its middle."""
    root = ET.fromstring(data)
    shapes: list[Shape] = []
    out: list[Text] = []
    for el in root.iter():
        tag = el.tag.removeprefix(SVG)
        if tag in ("polygon", "ellipse", "path"):
            s = _shape(el)
            if s is not None:
                shapes.append(s)
        elif tag == "text" and (el.text or "").strip():  # blank runs (spaces) show nothing
            size = float(el.get("font-size", 14))
            bold = el.get("font-weight") == "bold"
            width = grid.text_width(el.text or "", size, bold=bold) * 0.9
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            anchor = el.get("text-anchor", "start")
            mid_x = x + {"start": width / 2, "middle": 0.0, "end": -width / 2}[anchor]
            mid_y = y - size * 0.35
            behind = next((s.fill for s in reversed(shapes) if s.contains(mid_x, mid_y)), PAPER)
            out.append(
                Text(
                    (el.text or "").replace("\xa0", " "),
                    _colour(el.get("fill")) or "#000000",
                    mid_x,
                    mid_y,
                    size,
                    bold,
                    behind,
                )
            )
    return out


def numbers(texts: list[Text]) -> list[tuple[str, Text]]:
    """The numbers of a figure: runs split at their decimal point joined again."""
    out: list[tuple[str, Text]] = []
    for t in texts:
        if out and t.text.startswith(".") and abs(out[-1][1].y - t.y) < 1:
            out[-1] = (out[-1][0] + t.text, out[-1][1])
        else:
            out.append((t.text, t))
    return [(s.replace("\u2212", "-"), t) for s, t in out]


# -- roles of colours ------------------------------------------------------------------


def _rgb(c: str) -> tuple[int, int, int]:
    return int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)


def _derived(colour: str, base: str) -> bool:
    """``colour`` is ``base`` mixed with white (a tint) or with black (a shade)."""
    c, b = _rgb(colour), _rgb(base)
    k = max(range(3), key=lambda i: abs(255 - b[i]))
    amount = (c[k] - b[k]) / (255 - b[k]) if b[k] != 255 else 0.0
    tinted = _rgb(tint(base, amount))
    if 0 <= amount <= 1 and all(abs(x - y) <= 2 for x, y in zip(tinted, c, strict=True)):
        return True
    k = max(range(3), key=lambda i: b[i])
    amount = 1 - c[k] / b[k] if b[k] else 0.0
    shaded = _rgb(shade(base, amount))
    return 0 <= amount <= 1 and all(abs(x - y) <= 2 for x, y in zip(shaded, c, strict=True))


def neutral(colour: str) -> bool:
    """Ink, paper and the greys of quiet things (a picture's pixels, hidden neurons)."""
    colour = _colour(colour)
    return colour in NEUTRAL or any(_derived(colour, grey.lower()) for grey in (INK, MUTED))


def roles(colour: str) -> set[str]:
    """The palette roles ``colour`` belongs to (empty for a neutral colour)."""
    colour = _colour(colour)
    if neutral(colour):
        return set()
    return {role for role, base in ROLES.items() if _derived(colour, base.lower())}


def role_of(t: Text) -> set[str]:
    """The role a text shows: its own colour's, or the fill's behind it when it is ink."""
    own = roles(t.color)
    return own if own else roles(t.behind)


def _svg_colours(data: bytes) -> Iterator[str]:
    root = ET.fromstring(data)
    for el in root.iter():
        for attr in ("fill", "stroke"):
            value = _colour(el.get(attr))
            if value.startswith("#"):
                yield value


def bend(d: str) -> float:
    """How far (points) the control points of a path stray from the line joining its ends."""
    pts = _points(d)
    (xa, ya), (xb, yb) = pts[0], pts[-1]
    length = max(math.hypot(xb - xa, yb - ya), 1e-9)
    return max(
        (abs((xb - xa) * (ya - y) - (xa - x) * (yb - ya)) / length for x, y in pts[1:-1]),
        default=0.0,
    )


# -- the checks --------------------------------------------------------------------------


@pytest.mark.parametrize("fid", _ids())
def test_every_text_is_readable_against_what_is_behind_it(fid: str) -> None:
    _, fig = _figures()[fid]
    low = [
        f"{t.text!r} {t.color} on {t.behind}: {contrast(t.color, t.behind):.2f}:1"
        for t in svg_texts(fig.svg())
        if contrast(t.color, t.behind) < 4.5
    ]
    assert not low, f"{fid}: texts below 4.5:1: {low}"


@pytest.mark.parametrize("fid", _ids(NETWORK_KINDS))
def test_network_connections_are_straight(fid: str) -> None:
    _, fig = _figures()[fid]
    root = ET.fromstring(fig.svg())
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert edges
    for g in edges:
        for path in g.iter(f"{SVG}path"):
            off = bend(path.get("d", ""))
            title = g.find(f"{SVG}title").text  # type: ignore[union-attr]
            assert off < 0.5, f"{fid}: edge {title} bends ({off:.1f} pt off its line)"


@pytest.mark.parametrize("fid", _ids())
def test_every_colour_belongs_to_the_palette(fid: str) -> None:
    _, fig = _figures()[fid]
    strange = {c for c in _svg_colours(fig.svg()) if not neutral(c) and not roles(c)}
    assert not strange, f"{fid}: colours outside the theme's palette: {sorted(strange)}"


def test_roles_tell_their_colours_apart() -> None:
    # the fills, lines and texts the kinds draw with never match two roles at once
    for role, base in ROLES.items():
        if role == "broadcast":
            continue  # broadcast copies are grey on purpose: dashed, italic, quieter than ink
        # (paler than 0.9 every colour is nearly white and no longer tells a role)
        for amount in (0.0, 0.6, 0.62, 0.7, 0.72, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9):
            assert roles(tint(base, amount)) == {role}, (role, amount)
        for colour in (text_color(base), line_color(base), text_color(base, tint(base, 0.8))):
            assert roles(colour) == {role}, (role, colour)


#: the chapter's neuron: its inputs 3.0 (input 2) and 2.5 (input 3), and its output 4.8;
#: where the layer's biases [2.0, 3.0, 0.5] are drawn too, a 3.0 may be that bias
CHAPTER_NUMBERS = {"3.0": {"input 2"}, "2.5": {"input 3"}}
WITH_BIASES = {"3.0": {"input 2", "bias"}, "2.5": {"input 3"}}
CHAPTER_FIGURES = {
    "neuron-4": CHAPTER_NUMBERS,
    "dot-neuron": CHAPTER_NUMBERS,
    "dot-plus-bias": CHAPTER_NUMBERS,
    "layer-dot": CHAPTER_NUMBERS,
    "after-transpose": CHAPTER_NUMBERS,
    "layer-3": WITH_BIASES,
    "layer-dot-bias": WITH_BIASES,
    "batch-plus-bias": WITH_BIASES,
}


@pytest.mark.parametrize("fid", sorted(CHAPTER_FIGURES))
def test_the_same_quantity_keeps_its_colour_in_every_figure(fid: str) -> None:
    _, fig = _figures()[fid]
    expected = CHAPTER_FIGURES[fid]
    found: dict[str, list[set[str]]] = {value: [] for value in expected}
    results: list[set[str]] = []
    for value, t in numbers(svg_texts(fig.svg())):
        if value in found:
            found[value].append(role_of(t))
        if value == "4.8":
            results.append(role_of(t))
    for value, allowed in expected.items():
        shown = [r for r in found[value] if r]
        first = sorted(allowed)[-1] if len(allowed) > 1 else next(iter(allowed))
        assert any(r == {first} for r in shown), f"{fid}: {value} is never drawn as {first}"
        assert all(len(r) == 1 and r <= allowed for r in shown), f"{fid}: {value} drawn as {shown}"
    if any(results):
        assert all(r == {"result"} for r in results if r), f"{fid}: 4.8 drawn as {results}"


def test_no_input_is_ever_drawn_in_the_result_colour() -> None:
    for fid in CHAPTER_FIGURES:
        _, fig = _figures()[fid]
        for value, t in numbers(svg_texts(fig.svg())):
            if value in CHAPTER_FIGURES[fid]:
                assert "result" not in role_of(t), (fid, value)


#: the chapter's graphs of a one-input neuron (seed lines 47-84): formula -> points on it
CHAPTER_GRAPHS = {
    "graph-w1-b0": "y = 1·x + 0",
    "graph-w2-b0": "y = 2·x + 0",
    "graph-negative-weight": "y = \u22120.70·x + 0",
    "graph-w1-b2": "y = 1·x + 2",
    "graph-negative-bias": "y = 1.0·x \u2212 0.70",
    "graph-step": "y = step(x)",
}


@pytest.mark.parametrize(("fid", "formula"), CHAPTER_GRAPHS.items())
def test_function_graphs_carry_the_chapters_numbers(fid: str, formula: str) -> None:
    entry, fig = _figures()[fid]
    assert entry.kind == "function"
    svg = fig.svg().decode()
    texts = [t.text for t in svg_texts(fig.svg())]
    assert formula in texts, (fid, texts)
    assert formula in fig.drawing.title
    # the axes are numbered and the values the chapter's line takes are written out
    for tick in ("\u22122", "\u22121", "1", "2"):
        assert tick in texts, (fid, tick)
    w, b = entry.spec["weights"][0], entry.spec["biases"][0]
    for x in (-3, 0, 3):
        z = w * x + b
        y = z if entry.spec["activation"] == "none" else float(z > 0)  # none or step
        assert f"x = {x}".replace("-", "\u2212") in fig.explanation
        assert abs(y - _said(fig.explanation, x)) < 1e-9
    assert "<title" in svg


def test_the_chapters_line_graphs_share_their_axes() -> None:
    # the chapter's point is that a weight tilts the line and a bias slides it: that shows
    # only if every w·x + b graph is drawn on the same axes (same ticks, same scale)
    def ticks(fid: str) -> list[str]:
        _, fig = _figures()[fid]
        return sorted(v for v, t in numbers(svg_texts(fig.svg())) if t.color == MUTED)

    lines = [fid for fid in CHAPTER_GRAPHS if fid != "graph-step"] + ["graph-biases-together"]
    first = ticks(lines[0])
    assert "-6" in first and "6" in first, first  # room for y = 2·x + 0 at x = ±3
    for fid in lines[1:]:
        assert ticks(fid) == first, fid


Box = tuple[float, float, float, float]
Point = tuple[float, float]


def _focus_weights_and_obstacles(
    data: bytes,
) -> tuple[list[tuple[str, Box]], list[tuple[str, Point, Point]], list[tuple[float, float, float]]]:
    """The weight labels of a focus neuron (text, box), its coloured edges (colour, ends)
    and every neuron circle (cx, cy, r), from a network figure's SVG."""
    root = ET.fromstring(data)
    labels: list[tuple[str, Box]] = []
    edges: list[tuple[str, Point, Point]] = []
    circles: list[tuple[float, float, float]] = []
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "edge":
            path = g.find(f"{SVG}path")
            colour = _colour(path.get("stroke")) if path is not None else ""
            if path is not None and not neutral(colour):
                pts = _points(path.get("d", ""))
                edges.append((colour, pts[0], pts[-1]))
        elif g.get("class") == "node":
            for el in g:
                tag = el.tag.removeprefix(SVG)
                if tag == "ellipse":
                    circles.append(
                        (float(el.get("cx", 0)), float(el.get("cy", 0)), float(el.get("rx", 0)))
                    )
                elif tag == "text" and re.fullmatch(r"\u2212?\d+(\.\d+)?", el.text or ""):
                    x, y, size = (
                        float(el.get("x", 0)),
                        float(el.get("y", 0)),
                        float(el.get("font-size", 12)),
                    )
                    w = grid.text_width(el.text or "", size)
                    colour = _colour(el.get("fill"))
                    labels.append(
                        (colour, (x - w / 2, y - 0.75 * size, x + w / 2, y + 0.25 * size))
                    )
    return labels, edges, circles


def test_focus_weights_stand_clear_of_the_other_weights_and_the_neurons() -> None:
    # the weight labels sit on paper-coloured patches: a patch over another focus edge
    # would cut a notch in it, and one over a neuron would bite its outline
    _, fig = _figures()["network-focus"]
    labels, edges, circles = _focus_weights_and_obstacles(fig.svg())
    assert len(labels) == 4 and len(edges) == 4, (labels, edges)
    for colour, (x0, y0, x1, y1) in labels:
        for edge_colour, (ax, ay), (bx, by) in edges:
            if roles(edge_colour) & roles(colour):
                continue  # its own edge: the label stands beside it
            for k in range(101):
                px, py = ax + (bx - ax) * k / 100, ay + (by - ay) * k / 100
                assert not (x0 - 2 <= px <= x1 + 2 and y0 - 2 <= py <= y1 + 2), (
                    colour,
                    edge_colour,
                )
        for cx, cy, r in circles:
            dx, dy = max(x0 - cx, 0, cx - x1), max(y0 - cy, 0, cy - y1)
            assert math.hypot(dx, dy) > r, (colour, (cx, cy))


@pytest.mark.parametrize("fid", _ids())
def test_no_text_is_raised_by_a_baseline_shift(fid: str) -> None:
    # Graphviz writes <SUP>/<SUB> as baseline-shift, which a browser raises about a line
    # (onto the text above) while the PNG raises it a little: the page and the slide differ
    _, fig = _figures()[fid]
    assert b"baseline-shift" not in fig.svg(), fid


def _said(explanation: str, x: int) -> float:
    match = re.search(rf"x = {str(x).replace('-', chr(0x2212))} gives (\S+?)(?:,|$)", explanation)
    assert match, explanation
    return float(match.group(1).replace("\u2212", "-"))


def test_the_checks_catch_what_they_look_for() -> None:
    # the old look: orange text on white, and a tinted cell under faint text
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><g>'
        b'<polygon fill="#cce3f0" points="0,0 100,0 100,-30 0,-30 0,0"/>'
        b'<text x="10" y="-10" font-size="14" fill="#56b4e9">2.5</text>'
        b'<text x="200" y="-10" font-size="14" fill="#E69F00">0.8</text>'
        b"</g></svg>"
    )
    texts = svg_texts(svg)
    assert [t.behind for t in texts] == ["#cce3f0", PAPER]
    assert all(contrast(t.color, t.behind) < 4.5 for t in texts)
    assert roles("#E69F00") == {"input 1"} and roles("#ebeced") == set()
    assert [v for v, _ in numbers(svg_texts(svg))] == ["2.5", "0.8"]
    # an S-curve of the old layer-3 and a straight line
    assert bend("M54,-212C94,-300 167,-100 192,-222") > 20
    assert bend("M54.8,-212.94C94.65,-215.78 167.86,-221.02 192.36,-222.77") < 0.5


def test_the_chapters_decimals_keep_their_precision() -> None:
    # the seed writes the matrix with two decimals: 1.00 and 0.90, not 1.0 and 0.9
    _, fig = _figures()["transpose-5x5"]
    drawn = [value for value, _ in numbers(svg_texts(fig.svg()))]
    assert drawn.count("1.00") == 2 and drawn.count("0.90") == 2
    assert "1.0" not in drawn and "0.9" not in drawn


def _node_centres(data: bytes) -> dict[str, tuple[float, float]]:
    """The centre of every node's outline (its first ellipse, polygon or path), by name."""
    root = ET.fromstring(data)
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") != "node":
            continue
        name = g.find(f"{SVG}title").text or ""  # type: ignore[union-attr]
        for el in g:
            tag = el.tag.removeprefix(SVG)
            if tag == "ellipse":
                out[name] = (float(el.get("cx", 0)), float(el.get("cy", 0)))
                break
            if tag in ("polygon", "path"):
                pts = _points(el.get("points") or el.get("d") or "")
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                out[name] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
                break
    return out


@pytest.mark.parametrize("fid", _ids({"neuron"}))
def test_the_sum_sits_in_the_middle_of_evenly_spaced_inputs(fid: str) -> None:
    entry, fig = _figures()[fid]
    centres = _node_centres(fig.svg())
    ys = [centres[f"x{i}"][1] for i in range(len(entry.spec["inputs"]))]
    assert abs(centres["sum"][1] - sum(ys) / len(ys)) < 0.5
    gaps = [b - a for a, b in itertools.pairwise(ys)]
    assert max(gaps) - min(gaps) < 0.5 if gaps else True
    # each weight on the line of its input
    for i, y in enumerate(ys):
        assert abs(centres[f"w{i}"][1] - y) < 0.5


def test_connections_meet_the_class_boxes_in_the_middle_of_their_side() -> None:
    _, fig = _figures()["classify"]
    data = fig.svg()
    centres = _node_centres(data)
    root = ET.fromstring(data)
    ends = 0
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if g.get("class") != "edge" or title is None or "->l3n" not in (title.text or ""):
            continue
        head = (title.text or "").split("->")[1].split(":")[0]
        path = g.find(f"{SVG}path")
        assert path is not None
        end = _points(path.get("d", ""))[-1]
        assert abs(end[1] - centres[head][1]) < 1.0, (title.text, end, centres[head])
        ends += 1
    assert ends == 2 * 4  # four neurons of hidden layer 2 to each of cat and dog


@pytest.mark.parametrize("fid", _ids())
def test_png_texts_reach_the_same_contrast(fid: str) -> None:
    """In the PNG too: inside each text's box, the ink of its letters (the pixel that
    stands out most from the fill behind) is at least 4.5:1 against that fill."""
    from PIL import Image

    _, fig = _figures()[fid]
    data = fig.svg()
    png = Image.open(io.BytesIO(fig.png(192))).convert("RGB")
    root = ET.fromstring(data)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    transform = graph.get("transform", "")
    scale = float(re.search(r"scale\(([-\d.]+)", transform).group(1))  # type: ignore[union-attr]
    tx, ty = (float(v) for v in re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", transform).groups())  # type: ignore[union-attr]
    view = float((root.get("viewBox") or "0 0 1 1").split()[2])
    k = png.width / view * scale  # SVG user units to PNG pixels
    low = []
    for t in svg_texts(data):
        width = grid.text_width(t.text, t.size, bold=t.bold) * 0.9
        box = (
            int((t.x - width / 2 + tx) * k),
            int((t.y - t.size * 0.4 + ty) * k),
            int((t.x + width / 2 + tx) * k) + 1,
            int((t.y + t.size * 0.4 + ty) * k) + 1,
        )
        colours = png.crop(box).getcolors(1 << 16) or []
        ink = max(
            (contrast("#{:02x}{:02x}{:02x}".format(*c), t.behind) for _, c in colours), default=0.0
        )
        if ink < 4.5:
            low.append(f"{t.text!r} on {t.behind}: {ink:.2f}:1")
    assert not low, f"{fid}: PNG texts below 4.5:1: {low}"


GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.needs_dot_program
@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.dot")))
def test_every_golden_dot_source_is_valid_graphviz(name: str) -> None:
    # a label Graphviz cannot parse drops the node (an empty <FONT> did, once): the
    # dot program says so on stderr, where an in-process renderer may stay quiet
    import subprocess

    source = (GOLDEN / name).read_text(encoding="utf-8")
    run = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    problems = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 0 and "rror" not in problems and "unrecognized" not in problems, (
        problems
    )


@pytest.mark.needs_dot_program
@pytest.mark.parametrize("fid", _ids())
def test_every_gallery_dot_source_is_valid_graphviz(fid: str) -> None:
    import subprocess

    _, fig = _figures()[fid]
    run = subprocess.run(
        ["dot", "-Tsvg"], input=fig.drawing.source.encode(), capture_output=True, check=False
    )
    problems = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 0 and "rror" not in problems and "unrecognized" not in problems, (
        problems
    )


@pytest.mark.needs_dot_program
@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("function", {"weights": [1, 2], "labels": ["", "b"]}),
        ("dot", {"left": [1], "right": [2], "left_label": "", "right_label": ""}),
        ("matmul", {"a_shape": [2, 3], "b_shape": [3, 2], "a_name": "", "c_name": ""}),
        ("transpose", {"shape": [2, 3], "label": ""}),
        ("network", {"sizes": [2, 2], "labels": ["", "dog"]}),
        ("layer", {"inputs": [1.5], "weights": [[2]], "biases": [0]}),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_empty_names_and_whole_numbers_still_draw(kind: str, fields: dict[str, object]) -> None:
    import subprocess

    from shapekit.figures import figure

    source = figure(kind, fields).drawing.source
    run = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert run.returncode == 0 and not run.stderr, run.stderr.decode("utf-8", "replace")
