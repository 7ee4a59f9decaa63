"""The look shared by every figure: one font, a colour-blind-safe palette
(Okabe & Ito), number formatting, and helpers for Graphviz HTML-like labels.

Colours carry meaning consistently across kinds: the highlighted row is blue,
the column orange, the result cell green, errors vermillion, the shared
(inner) dimension purple.
"""

from __future__ import annotations

import html
from typing import Any

import graphviz

from shapekit.numbers import fmt

__all__ = [
    "ACCENT",
    "CELL",
    "COLUMN",
    "ERROR",
    "FONT",
    "GHOST",
    "GRID",
    "INK",
    "MUTED",
    "PAPER",
    "ROW",
    "esc",
    "new_graph",
    "num",
    "shade",
    "text_color",
    "tint",
]

FONT = "DejaVu Sans"

INK = "#1f2328"
MUTED = "#57606a"
GRID = "#c9d1d9"
PAPER = "#ffffff"
GHOST = "#8c959f"

# Okabe & Ito (2008), distinguishable with every common colour-vision deficiency
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
YELLOW = "#F0E442"

ROW = BLUE
COLUMN = ORANGE
CELL = GREEN
ERROR = VERMILLION
ACCENT = PURPLE
#: colours cycled over inputs/rows where each needs its own (no yellow: poor on white)
CYCLE = (BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION)


def tint(color: str, amount: float = 0.8) -> str:
    """Mix ``color`` with white: 0 keeps it, 1 gives white.

    >>> tint("#0072B2", 0.5)
    '#80b8d8'
    """
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def shade(color: str, amount: float = 0.35) -> str:
    """Mix ``color`` with black: 0 keeps it, 1 gives black.

    >>> shade("#E69F00", 0.35)
    '#966700'
    """
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in (r, g, b))


def text_color(color: str) -> str:
    """``color`` darkened just enough for text on white (contrast at least 4.5:1, WCAG AA).

    The Okabe-Ito colours are made for areas; orange and purple text on white
    would be too faint to read on a projector, blue is dark enough already.

    >>> text_color("#0072B2"), text_color("#E69F00")
    ('#0072b2', '#966700')
    """
    for step in range(20):
        candidate = shade(color, step / 20)
        if _contrast(candidate, PAPER) >= 4.5:
            return candidate
    return INK


def _contrast(fg: str, bg: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def num(value: Any) -> str:
    """A number for a figure: compact, with a true minus sign.

    >>> num(-0.5), num(1.0 * 0.2 + 2.0 * 0.8)
    ('\u22120.5', '1.8')
    """
    return fmt(value, minus="\u2212")


def esc(text: str) -> str:
    """Escape user text for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)


def new_graph(name: str, *, rankdir: str = "LR", **attrs: str) -> graphviz.Digraph:
    """A Digraph with the house style: white paper, one font, quiet edges."""
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
