"""Text drawn as a picture: error images and explanations for ``<img>`` tags.

A panel is a few lines of monospaced text in a framed box. The SVG is written by
hand (every text escaped, no script, no external reference), the PNG drawn with
Pillow — neither needs Graphviz, so an error image costs next to nothing.

>>> svg = svg_panel(["field 'wieghts': did you mean 'weights'?"], tone="error")
>>> svg.startswith(b"<svg") and b"did you mean" in svg
True
>>> png_panel(["ok"], tone="info")[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import functools
import html
import io
import textwrap
from collections.abc import Sequence
from typing import Any

__all__ = ["TONES", "png_panel", "svg_panel", "wrap"]

#: tone -> (frame colour, background, text colour)
TONES: dict[str, tuple[str, str, str]] = {
    "error": ("#b3261e", "#fdf0ef", "#3a0b08"),
    "info": ("#3b6ea5", "#f4f8fc", "#14263a"),
}
#: characters per line before text is wrapped, and the most lines drawn
COLUMNS = 72
MAX_LINES = 40
_FONT_SIZE = 14
_CHAR_WIDTH = 0.6 * _FONT_SIZE  # monospace advance, close for DejaVu Sans Mono
_LINE_HEIGHT = 20
_PAD = 14


def wrap(lines: Sequence[str], columns: int = COLUMNS) -> list[str]:
    """Lines wrapped at ``columns`` (keeping their indent), at most :data:`MAX_LINES`.

    >>> wrap(["  " + "word " * 20], columns=30)[:2]
    ['  word word word word word', '    word word word word word']
    """
    out: list[str] = []
    for line in lines:
        clean = "".join(ch if ch.isprintable() else "?" for ch in line.expandtabs(4))
        indent = len(clean) - len(clean.lstrip(" "))
        pieces = textwrap.wrap(
            clean.strip(),
            width=columns,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + 2),
            break_long_words=True,
        )
        out.extend(pieces or [""])
    if len(out) > MAX_LINES:
        out = [*out[: MAX_LINES - 1], "…"]
    return out


def svg_panel(lines: Sequence[str], *, tone: str = "error", title: str = "") -> bytes:
    """The lines as a standalone SVG image (``role="img"``, with a ``<title>``)."""
    frame, fill, ink = TONES[tone]
    rows = wrap(lines)
    width = int(max([len(r) for r in rows] + [20]) * _CHAR_WIDTH + 2 * _PAD)
    height = len(rows) * _LINE_HEIGHT + 2 * _PAD - 6
    bold = ' font-weight="bold"'
    texts = "".join(
        f'<text x="{_PAD}" y="{_PAD + 14 + i * _LINE_HEIGHT}" xml:space="preserve"'
        f"{bold if i == 0 else ''}>{html.escape(row, quote=False)}</text>"
        for i, row in enumerate(rows)
    )
    label = html.escape(title or (rows[0] if rows else ""), quote=False)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{label}</title>'
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" rx="6" fill="{fill}" '
        f'stroke="{frame}" stroke-width="2"/>'
        f'<g font-family="DejaVu Sans Mono,Menlo,Consolas,monospace" font-size="{_FONT_SIZE}" '
        f'fill="{ink}">{texts}</g></svg>'
    ).encode()


def png_panel(lines: Sequence[str], *, tone: str = "error", scale: int = 2) -> bytes:
    """The lines as a PNG image, drawn at ``scale`` times the SVG's size (crisp on HiDPI)."""
    from PIL import Image, ImageDraw

    frame, fill, ink = TONES[tone]
    rows = wrap(lines)
    font = _font(_FONT_SIZE * scale)
    width = int(max([len(r) for r in rows] + [20]) * _CHAR_WIDTH + 2 * _PAD) * scale
    height = (len(rows) * _LINE_HEIGHT + 2 * _PAD - 6) * scale
    image = Image.new("RGB", (width, height), fill)
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle(
        (scale, scale, width - scale - 1, height - scale - 1),
        radius=6 * scale,
        outline=frame,
        width=2 * scale,
    )
    for i, row in enumerate(rows):
        pen.text((_PAD * scale, (_PAD + 1 + i * _LINE_HEIGHT) * scale), row, fill=ink, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def _font(size: int) -> Any:
    from PIL import ImageFont

    for name in ("DejaVuSansMono.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)
