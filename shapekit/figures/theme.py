"""The look shared by every figure: one font, a colour-blind-safe palette
(Okabe & Ito) with one meaning per colour, number formatting, and helpers for
Graphviz HTML-like labels.

**One colour per quantity, across the whole gallery.** The palette is
semantic: a kind never picks a colour, it asks for the role of what it
draws, and the same role gets the same colour in every figure.

- ``INDEX_COLORS[i]`` — input *i* and everything paired with it: its weight,
  their product, row *i* of a matrix being transposed, element *i* of the
  row and column that meet in a matrix product. 3.0, the third input of the
  chapter's neuron, is the same reddish purple in every figure.
- ``RESULT`` (green) — a result: a neuron's output, a sum, a product's cell.
  No input is ever green.
- ``BIAS`` (sky blue) — a bias.
- ``INNER`` (deep violet) — the shared inner dimension of a product.
- ``BROADCAST`` (grey, dashed, italic) — copies made by broadcasting.
- ``ERROR`` (vermillion) — what is wrong.

Colours are made for areas. Text goes through :func:`text_color` (at least
4.5:1 against what is behind it, WCAG AA) and lines through
:func:`line_color` (3:1, the non-text minimum), so that nothing is too faint
for a projector.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from shapekit.numbers import fmt

if TYPE_CHECKING:  # pragma: no cover
    import graphviz

__all__ = [
    "BIAS",
    "BROADCAST",
    "ERROR",
    "FONT",
    "GHOST",
    "GRID",
    "INDEX_COLORS",
    "INK",
    "INNER",
    "MUTED",
    "PAPER",
    "RESULT",
    "ROLES",
    "Written",
    "contrast",
    "drop_empty_markup",
    "esc",
    "index_color",
    "line_color",
    "new_graph",
    "num",
    "shade",
    "text_color",
    "tint",
    "written_literal",
]

FONT = "DejaVu Sans"

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#c9d1d9"
PAPER = "#ffffff"
GHOST = "#6e7781"

# Okabe & Ito (2008), distinguishable with every common colour-vision deficiency
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"
#: a fifth index colour, a warm umber: no hue of the others and not the cool
#: grey of broadcast copies, so rows 0–4 of a matrix stay distinct
SLATE = "#7f6a55"
#: the inner dimension; Okabe & Ito has no free hue left, this violet stays
#: apart from the reddish purple of input 2 and from blue for every common
#: colour-vision deficiency by its darkness
VIOLET = "#5E3C99"

#: input i / element i of a pairing (cycled past five)
INDEX_COLORS = (BLUE, ORANGE, PURPLE, YELLOW, SLATE)
RESULT = GREEN
BIAS = SKY
INNER = VIOLET
BROADCAST = GHOST
ERROR = VERMILLION

#: every role and its colour (the index colours as ``input 0`` …)
ROLES: dict[str, str] = {
    **{f"input {i}": c for i, c in enumerate(INDEX_COLORS)},
    "result": RESULT,
    "bias": BIAS,
    "inner": INNER,
    "broadcast": BROADCAST,
    "error": ERROR,
}


def index_color(i: int) -> str:
    """The colour of input (or pair, or row) ``i``.

    >>> index_color(2) == index_color(7) == PURPLE
    True
    """
    return INDEX_COLORS[i % len(INDEX_COLORS)]


def tint(color: str, amount: float = 0.8) -> str:
    """Mix ``color`` with white: 0 keeps it, 1 gives white.

    >>> tint("#0072B2", 0.5)
    '#80b8d8'
    """
    r, g, b = _rgb(color)
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def shade(color: str, amount: float = 0.35) -> str:
    """Mix ``color`` with black: 0 keeps it, 1 gives black.

    >>> shade("#E69F00", 0.35)
    '#966700'
    """
    r, g, b = _rgb(color)
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in (r, g, b))


def text_color(color: str, background: str = PAPER) -> str:
    """``color`` darkened just enough for text on ``background`` (4.5:1, WCAG AA).

    The Okabe-Ito colours are made for areas; orange and purple text on white
    would be too faint to read on a projector, blue is dark enough already.

    >>> text_color("#0072B2"), text_color("#E69F00")
    ('#0072b2', '#9b6b00')
    >>> contrast(text_color("#56B4E9", tint("#56B4E9", 0.8)), tint("#56B4E9", 0.8)) >= 4.5
    True
    """
    return _darkened(color, background, 4.5)


def line_color(color: str, background: str = PAPER) -> str:
    """``color`` darkened just enough for a line or border (3:1, WCAG's non-text minimum).

    >>> line_color("#0072B2"), line_color("#F0E442")
    ('#0072b2', '#9c942b')
    """
    # sky darkened only to 3:1 is the colour of a pale blue (input 0): bias lines go
    # on to 4.5:1, where they are a clearly different, deeper blue
    return _darkened(color, background, 4.5 if color.lower() == BIAS.lower() else 3.0)


def _darkened(color: str, background: str, ratio: float) -> str:
    for step in range(40):
        candidate = shade(color, step / 40)
        if contrast(candidate, background) >= ratio:
            return candidate
    return INK


def contrast(fg: str, bg: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21).

    >>> round(contrast("#000000", "#ffffff"), 1), round(contrast("#E69F00", "#ffffff"), 2)
    (21.0, 2.25)
    """

    def luminance(color: str) -> float:
        channels = [c / 255 for c in _rgb(color)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


# -- numbers -----------------------------------------------------------------------

_DECIMAL = re.compile(r"[+-]?\d+\.\d+")


class Written(float):
    """A float that remembers how it was written, so ``1.00`` is drawn as ``1.00``.

    Spec readers make these from the text of a number (TOML's ``parse_float``);
    arithmetic gives plain floats again, so only the numbers a teacher wrote
    keep their precision.

    >>> x = Written.parse("1.00")
    >>> x == 1.0, num(x), num(x * 2)
    (True, '1.00', '2.0')
    """

    text: str

    @classmethod
    def parse(cls, text: str) -> float:
        """A Written for a plain decimal (``-0.90``), a float for anything else (``1e3``)."""
        value = float(text.replace("_", ""))
        if not _DECIMAL.fullmatch(text) or text.lstrip("+") == repr(value):
            return value  # written as Python would print it anyway: a plain float
        written = cls(value)
        written.text = text.lstrip("+")
        return written

    def __reduce__(self) -> tuple[Any, ...]:
        return (Written.parse, (self.text,))

    def __repr__(self) -> str:
        return self.text


def written_literal(text: str) -> Any:
    """:func:`ast.literal_eval`, with every decimal number remembering how it was written.

    >>> [num(x) for x in written_literal("[1.00, -0.90, 2, 1e3, -(0.50)]")]
    ['1.00', '\u22120.90', '2', '1000.0', '\u22120.5']
    """
    import ast

    class _Keep(ast.NodeTransformer):
        def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
            inner = node.operand
            if (
                isinstance(node.op, (ast.USub, ast.UAdd))
                and isinstance(inner, ast.Constant)
                and type(inner.value) is float
            ):
                seg = (ast.get_source_segment(text, node) or "").replace(" ", "")
                if _DECIMAL.fullmatch(seg):
                    return ast.copy_location(ast.Constant(Written.parse(seg)), node)
            return node  # literal_eval wants plain numbers under a sign: leave them be

        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            if type(node.value) is float:
                seg = ast.get_source_segment(text, node)
                if seg:
                    return ast.copy_location(ast.Constant(Written.parse(seg)), node)
            return node

    return ast.literal_eval(_Keep().visit(ast.parse(text, mode="eval")))


def num(value: Any) -> str:
    """A number for a figure: compact, with a true minus sign, as precise as it was written.

    >>> num(-0.5), num(1.0 * 0.2 + 2.0 * 0.8), num(Written.parse("-0.90"))
    ('\u22120.5', '1.8', '\u22120.90')
    """
    text = getattr(value, "text", None) if isinstance(value, Written) else None
    if text is not None:
        return text.replace("-", "\u2212")
    return fmt(value, minus="\u2212")


_EMPTY_MARKUP = re.compile(r"<(B|I|U|O|S|SUB|SUP)></\1>|<FONT\b[^<>]*></FONT>")


def drop_empty_markup(source: str) -> str:
    """A DOT source without empty text styles: Graphviz refuses ``<B></B>`` or an empty
    ``<FONT>`` in an HTML-like label (an empty name or label gives them) and drops the node.

    >>> drop_empty_markup('<<FONT COLOR="red"><I></I></FONT>x<B>y</B>>')
    '<x<B>y</B>>'
    """
    while True:
        cleaned = _EMPTY_MARKUP.sub("", source)
        if cleaned == source:
            return source
        source = cleaned


def esc(text: str) -> str:
    """Escape user text for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)


def new_graph(name: str, *, rankdir: str = "LR", **attrs: str) -> graphviz.Digraph:
    """A Digraph with the house style: white paper, one font, quiet edges."""
    import graphviz

    g = graphviz.Digraph(name)
    g.attr(
        rankdir=rankdir,
        bgcolor=PAPER,
        fontname=FONT,
        fontcolor=INK,
        pad="0.25",
        nodesep="0.35",
        ranksep="0.6",
        **attrs,
    )
    g.attr("node", fontname=FONT, fontsize="14", color=INK, fontcolor=INK, penwidth="1.4")
    g.attr("edge", fontname=FONT, fontsize="12", color=MUTED, fontcolor=INK, arrowsize="0.7")
    return g
