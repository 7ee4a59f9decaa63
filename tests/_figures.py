"""Helpers for figure tests: golden DOT files and SVG/PNG inspection.

Golden files live in ``tests/golden/``; run the tests with
``SHAPEKIT_UPDATE_GOLDEN=1`` to rewrite them after a deliberate change (and
review the diff).
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
SVG_NS = "{http://www.w3.org/2000/svg}"


def check_golden(name: str, text: str) -> None:
    """``text`` must equal ``tests/golden/<name>`` byte for byte."""
    path = GOLDEN / name
    if os.environ.get("SHAPEKIT_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        raise AssertionError(f"no golden file {path}; run with SHAPEKIT_UPDATE_GOLDEN=1")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from its golden file (SHAPEKIT_UPDATE_GOLDEN=1 rewrites it)"
    )


class Svg:
    """A parsed SVG: its texts, node and edge titles, and stroke colours, no coordinates."""

    def __init__(self, data: bytes) -> None:
        self.root = ET.fromstring(data)
        self.title = self.root.find(f"{SVG_NS}title").text  # type: ignore[union-attr]
        self.desc = self.root.find(f"{SVG_NS}desc").text  # type: ignore[union-attr]

    def groups(self, cls: str) -> list[ET.Element]:
        return [g for g in self.root.iter(f"{SVG_NS}g") if g.get("class") == cls]

    @property
    def nodes(self) -> list[str]:
        return [g.find(f"{SVG_NS}title").text or "" for g in self.groups("node")]  # type: ignore[union-attr]

    @property
    def edges(self) -> list[str]:
        return [g.find(f"{SVG_NS}title").text or "" for g in self.groups("edge")]  # type: ignore[union-attr]

    @property
    def texts(self) -> list[str]:
        # edge spaces of a text run are written as no-break spaces so SVG keeps them
        return [(t.text or "").replace("\xa0", " ") for t in self.root.iter(f"{SVG_NS}text")]

    def edge_strokes(self) -> Counter[str]:
        """How many edges are drawn in each stroke colour (lower case)."""
        out: Counter[str] = Counter()
        for g in self.groups("edge"):
            path = g.find(f"{SVG_NS}path")
            if path is not None:
                out[(path.get("stroke") or "").lower()] += 1
        return out

    def node_texts(self, title: str) -> list[str]:
        for g in self.groups("node"):
            if g.find(f"{SVG_NS}title").text == title:  # type: ignore[union-attr]
                return [t.text or "" for t in g.iter(f"{SVG_NS}text")]
        raise KeyError(title)

    def edge_texts(self, title: str) -> list[str]:
        for g in self.groups("edge"):
            if g.find(f"{SVG_NS}title").text == title:  # type: ignore[union-attr]
                return [t.text or "" for t in g.iter(f"{SVG_NS}text")]
        raise KeyError(title)


def png_colours(data: bytes) -> Counter[tuple[int, int, int]]:
    """Pixel counts per RGB colour of a PNG."""
    from PIL import Image

    image = Image.open(io.BytesIO(data)).convert("RGB")
    return Counter(dict((c, n) for n, c in image.getcolors(maxcolors=1 << 24)))


def has_colour(
    counts: Counter[tuple[int, int, int]],
    hex_colour: str,
    *,
    tolerance: int = 12,
    at_least: int = 20,
) -> bool:
    """At least ``at_least`` pixels within ``tolerance`` (per channel) of ``hex_colour``."""
    want = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    total = sum(
        n
        for c, n in counts.items()
        if all(abs(a - b) <= tolerance for a, b in zip(c, want, strict=True))
    )
    return total >= at_least
