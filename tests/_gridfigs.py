"""Helpers for the grid figure tests: cells of a DOT table, fills and strokes of an SVG."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter

SVG_NS = "{http://www.w3.org/2000/svg}"
_TD = re.compile(
    r'<TD BORDER="\d+" COLOR="[^"]*"(?: BGCOLOR="([^"]*)")? WIDTH="\d+" HEIGHT="\d+">'
    r"((?:<TABLE.*?</TABLE>)|.*?)</TD>"  # a number split at its point is a small table
)
_TAG = re.compile(r"<[^>]+>")


def node_label(source: str, node: str) -> str:
    """The HTML-like label of ``node`` in a DOT source."""
    match = re.search(rf"^\s*{re.escape(node)} \[label=<(.*)> shape=plain\]$", source, re.M)
    if match is None:
        raise KeyError(node)
    return match.group(1)


def cell_texts(label: str) -> list[str]:
    """The texts of the bordered cells (matrix cells) of a label, in reading order."""
    return [text for _, text in cells(label)]


def cells(label: str) -> list[tuple[str, str]]:
    """(fill, text) of the bordered cells (matrix cells) of a label, in reading order."""
    return [
        (fill, html.unescape(_TAG.sub("", text)).replace("\u2212", "-"))
        for fill, text in _TD.findall(label)
    ]


def svg_fills(data: bytes) -> Counter[str]:
    """How many polygons are filled with each colour (lower case)."""
    root = ET.fromstring(data)
    return Counter((p.get("fill") or "").lower() for p in root.iter(f"{SVG_NS}polygon"))


def svg_strokes(data: bytes) -> Counter[str]:
    """How many polygons and paths are stroked in each colour (lower case)."""
    root = ET.fromstring(data)
    shapes = [
        *root.iter(f"{SVG_NS}polygon"),
        *root.iter(f"{SVG_NS}path"),
        *root.iter(f"{SVG_NS}polyline"),
    ]
    return Counter((p.get("stroke") or "").lower() for p in shapes)


def svg_text_fills(data: bytes) -> Counter[str]:
    """How many text runs are drawn in each colour (lower case)."""
    root = ET.fromstring(data)
    return Counter((t.get("fill") or "").lower() for t in root.iter(f"{SVG_NS}text"))


def svg_joined_text(data: bytes) -> str:
    """Every text run of an SVG joined (ASCII minus), to search for written-out arithmetic."""
    root = ET.fromstring(data)
    text = "".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    return text.replace("\u2212", "-").replace("\xa0", " ")  # kept edge spaces are no-break
