"""Matrices as Graphviz HTML-like tables, shared by the grid kinds
(``dot``, ``matmul``, ``transpose``, ``forward``, ``array``).

A matrix is drawn cell by cell: a :class:`Cell` holds one cell's text, fill,
border colour and weight, and the kind decides them with a function of the
row and column. Long dimensions are elided: up to :data:`DRAW_LIMIT` entries
are drawn in full; longer ones keep the first :data:`HEAD` and the last
:data:`TAIL` entries (plus any entry a kind asks to keep, such as the
highlighted row) with ``⋮``/``⋯``/``⋱`` in the gaps.

>>> slots(5)
(0, 1, 2, 3, 4)
>>> slots(100, keep=(50,))
(0, 1, 2, 3, None, 50, None, 98, 99)
>>> plain(badge((5, 4), colors={1: "#CC79A7"}))
'(5, 4)'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shapekit.errors import SpecError
from shapekit.figures.theme import GRID, INK, MUTED, esc, num, text_color

__all__ = [
    "CELL_HEIGHT",
    "CELL_WIDTH",
    "DRAW_LIMIT",
    "HEAD",
    "MAX_DIM",
    "TAIL",
    "Cell",
    "Matrix",
    "aligned_cells",
    "badge",
    "block",
    "caption",
    "cells",
    "check_dims",
    "colored",
    "exact_matmul",
    "factor",
    "index_cell",
    "label",
    "matrix_table",
    "plain",
    "product",
    "settle",
    "signed_sum",
    "slots",
    "split_number",
    "split_widths",
    "sum_lines",
    "table",
    "td",
    "text_cell",
    "text_width",
    "wrap",
]

#: a dimension with at most this many entries is drawn in full
DRAW_LIMIT = 10
#: entries drawn at the start of an elided dimension
HEAD = 4
#: entries drawn at the end of an elided dimension
TAIL = 2
#: the largest dimension a figure accepts when only a shape is given (the
#: drawing is elided anyway; beyond this the numbers stop meaning anything)
MAX_DIM = 1_000_000
#: smallest cell size in points (cells grow to fit longer numbers)
CELL_WIDTH = 46
CELL_HEIGHT = 30
#: characters per caption line before it wraps
CAPTION_WIDTH = 64

#: the elision marks: a skipped row, a skipped column, both
ROW_GAP, COL_GAP, BOTH_GAP = "\u22ee", "\u22ef", "\u22f1"

Slot = int | None


@dataclass(frozen=True)
class Cell:
    """How one cell looks. ``text`` is HTML (already escaped)."""

    text: str = ""
    fill: str | None = None
    border: str = GRID
    weight: int = 1
    color: str | None = None
    bold: bool = False
    italic: bool = False
    #: widths (points) of the whole and the fractional part of a number: cells
    #: of one matrix given the same widths line their decimal points up
    split: tuple[int, int] | None = None


def td(cell: Cell, *, width: int = CELL_WIDTH, height: int = CELL_HEIGHT) -> str:
    """One ``<TD>`` of a matrix."""
    attrs = f' BORDER="{cell.weight}" COLOR="{cell.border}"'
    if cell.fill:
        attrs += f' BGCOLOR="{cell.fill}"'
    if cell.split and cell.text:
        whole, frac = split_number(cell.text)
        parts = (_styled(cell, whole), _styled(cell, frac))
        text = (
            '<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
            f'<TD ALIGN="RIGHT" WIDTH="{cell.split[0]}">{parts[0]}</TD>'
            f'<TD ALIGN="LEFT" WIDTH="{cell.split[1]}">{parts[1]}</TD></TR></TABLE>'
        )
    else:
        text = _styled(cell, cell.text)
    return f'<TD{attrs} WIDTH="{width}" HEIGHT="{height}">{text}</TD>'


def _styled(cell: Cell, text: str) -> str:
    if not text:
        return text
    if cell.bold:
        text = f"<B>{text}</B>"
    if cell.italic:
        text = f"<I>{text}</I>"
    if cell.color:
        text = f'<FONT COLOR="{cell.color}">{text}</FONT>'
    return text


# -- decimal points in line -------------------------------------------------------------

#: advance widths of DejaVu Sans in ems (bold is a little wider)
_ADVANCE = {".": 0.318, ",": 0.318, "\u2212": 0.838, "-": 0.361, "\u00d7": 0.838, " ": 0.318}
_DIGIT = 0.636


def split_number(text: str) -> tuple[str, str]:
    """A number's text cut before its decimal point.

    >>> split_number("\u22120.91"), split_number("20"), split_number("00")
    (('\u22120', '.91'), ('20', ''), ('00', ''))
    """
    whole, point, frac = text.partition(".")
    if point and frac.isdigit():
        return whole, "." + frac
    return text, ""


def text_width(text: str, size: float = 14, *, bold: bool = False) -> float:
    """An upper estimate of the width of ``text`` in points (DejaVu Sans).

    >>> round(text_width("0.91"), 1)
    31.2
    """
    ems = sum(_ADVANCE.get(ch, _DIGIT if ch.isdigit() else 0.7) for ch in text)
    return ems * size * (1.1 if bold else 1.0)


def split_widths(texts: Iterable[str], size: float = 14, *, bold: bool = False) -> tuple[int, int]:
    """The (whole, fraction) widths that fit every number of ``texts``.

    >>> split_widths(["0.2", "\u22120.91", "1"])
    (22, 23)
    """
    parts = [split_number(t) for t in texts]
    whole = max((text_width(w, size, bold=bold) for w, _ in parts), default=0)
    frac = max((text_width(f, size, bold=bold) for _, f in parts), default=0)
    return round(whole) + 1, round(frac) + 1


def aligned_cells(texts: Sequence[str], *, bold: bool = False) -> tuple[int, int] | None:
    """The ``split`` of :class:`Cell` for a matrix of these texts, None if none has decimals."""
    if not any(split_number(t)[1] for t in texts):
        return None
    return split_widths(texts, bold=bold)


def exact_matmul(a: Sequence[Sequence[Any]], b: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """``a @ b`` in Python numbers, products added left to right like the captions.

    Integers stay exact however large (NumPy's int64 would wrap around).

    >>> exact_matmul([[4611686018427387904, 1]], [[4], [0]])
    [[18446744073709551616]]
    """
    return [
        [sum((row[t] * b[t][j] for t in range(len(row))), start=0) for j in range(len(b[0]))]
        for row in a
    ]


def text_cell(
    html: str = "",
    *,
    colspan: int = 1,
    rowspan: int = 1,
    align: str = "CENTER",
    width: int | None = None,
) -> str:
    """A borderless cell holding text (a label, a badge, an operator) or nothing."""
    attrs = ' BORDER="0"'
    if colspan > 1:
        attrs += f' COLSPAN="{colspan}"'
    if rowspan > 1:
        attrs += f' ROWSPAN="{rowspan}"'
    if align != "CENTER":
        attrs += f' ALIGN="{align}"'
    if width is not None:
        attrs += f' WIDTH="{width}"'
    return f"<TD{attrs}>{html}</TD>"


def index_cell(slot: Slot, *, align: str = "CENTER") -> str:
    """A small grey row or column number (empty for an elided slot)."""
    text = "" if slot is None else f'<FONT POINT-SIZE="10" COLOR="{MUTED}">{slot}</FONT>'
    return text_cell(text, align=align)


def slots(n: int, keep: Iterable[int] = (), *, limit: int = DRAW_LIMIT) -> tuple[Slot, ...]:
    """The indices of a dimension of length ``n`` that are drawn; ``None`` marks a gap.

    Indices in ``keep`` are always drawn (a highlighted row survives elision).
    """
    if n <= limit:
        return tuple(range(n))
    shown = set(range(HEAD)) | set(range(n - TAIL, n)) | {k for k in keep if 0 <= k < n}
    out: list[Slot] = []
    previous = -1
    for index in sorted(shown):
        if index != previous + 1:
            out.append(None)
        out.append(index)
        previous = index
    return tuple(out)


def gap_cell(row: Slot, col: Slot) -> str:
    """The mark drawn where a row and/or a column was elided."""
    mark = BOTH_GAP if row is None and col is None else ROW_GAP if row is None else COL_GAP
    return text_cell(f'<FONT COLOR="{MUTED}">{mark}</FONT>')


def cells(row: Slot, cols: Sequence[Slot], cell: Callable[[int, int], Cell]) -> str:
    """The ``<TD>`` cells of one drawn row of a matrix, across the drawn columns."""
    out = []
    for col in cols:
        if row is None or col is None:
            out.append(gap_cell(row, col))
        else:
            out.append(td(cell(row, col)))
    return "".join(out)


def table(rows: Iterable[str], *, spacing: int = 3, padding: int = 4) -> str:
    """A borderless ``<TABLE>`` of the given row contents (each wrapped in ``<TR>``)."""
    body = "".join(f"<TR>{row}</TR>" for row in rows)
    return (
        f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="{spacing}" '
        f'CELLPADDING="{padding}">{body}</TABLE>'
    )


@dataclass(frozen=True)
class Matrix:
    """A matrix to draw: its size, how each cell looks, and indices kept from elision."""

    rows: int
    cols: int
    cell: Callable[[int, int], Cell]
    keep_rows: tuple[int, ...] = ()
    keep_cols: tuple[int, ...] = ()

    @property
    def row_slots(self) -> tuple[Slot, ...]:
        return slots(self.rows, self.keep_rows)

    @property
    def col_slots(self) -> tuple[Slot, ...]:
        return slots(self.cols, self.keep_cols)

    @property
    def elided(self) -> bool:
        return None in self.row_slots or None in self.col_slots


def matrix_table(
    m: Matrix,
    *,
    indices: bool = True,
    above: str = "",
    below: str = "",
    row_labels: Callable[[Slot], str] | None = None,
    col_indices: bool | None = None,
) -> str:
    """A whole matrix as one table: optional text above, index headers, cells, text below.

    ``row_labels`` gives each drawn row a cell of its own on the left
    (instead of the row number), e.g. "copy"; ``col_indices`` turns the column
    numbers off on their own (a vector drawn as a column has no columns).
    """
    cols = m.col_slots
    lead = indices or row_labels is not None
    width = len(cols) + (1 if lead else 0)
    rows = []
    if above:
        rows.append(text_cell(above, colspan=width))
    if indices if col_indices is None else col_indices:
        rows.append(('<TD BORDER="0"></TD>' if lead else "") + "".join(index_cell(c) for c in cols))
    for r in m.row_slots:
        if row_labels is not None:
            head = text_cell(row_labels(r), align="RIGHT")
        elif indices:
            head = index_cell(r, align="RIGHT")
        else:
            head = ""
        rows.append(head + cells(r, cols, m.cell))
    if below:
        rows.append(text_cell(below, colspan=width))
    return table(rows)


# -- shapes -------------------------------------------------------------------


def colored(text: str, color: str, *, bold: bool = False) -> str:
    """Escaped ``text`` in ``color`` (made dark enough to read on white)."""
    inner = f"<B>{esc(text)}</B>" if bold else esc(text)
    return f'<FONT COLOR="{text_color(color)}">{inner}</FONT>'


def badge(
    shape: Sequence[int],
    *,
    colors: Mapping[int, str] | None = None,
    name: str = "",
    name_html: str = "",
) -> str:
    """A shape written like NumPy prints it, e.g. ``(5, 4)`` or ``(4,)``.

    ``colors`` maps a dimension's position to a colour; that number is drawn
    bold in it (the shared inner dimension of a product, a mismatch…).
    ``name`` comes first, in italics (``name_html``: already marked up).
    """
    colors = colors or {}
    parts = []
    for axis, dim in enumerate(shape):
        color = colors.get(axis)
        parts.append(colored(str(dim), color, bold=True) if color else str(dim))
    inside = ", ".join(parts) + ("," if len(parts) == 1 else "")
    head = name_html or (f"<I>{esc(name)}</I>" if name else "")
    head += "  " if head else ""
    return f'<FONT COLOR="{INK}">{head}({inside})</FONT>'


def check_dims(shape: Sequence[int], field: str) -> None:
    """Refuse shapes beyond :data:`MAX_DIM` with a SpecError naming ``field``."""
    for axis, dim in enumerate(shape):
        if dim > MAX_DIM:
            raise SpecError(
                f"field {field!r}: dimension {axis} is {dim}; figures draw dimensions up to "
                f"{MAX_DIM:,}",
                field=field,
            )


# -- arithmetic written out ------------------------------------------------------


def factor(value: float | int) -> str:
    """A number as a factor of a product: negative numbers in parentheses.

    >>> factor(-0.5), factor(2)
    ('(\u22120.5)', '2')
    """
    text = num(value)
    return f"({text})" if value < 0 else text


def product(
    a: float | int, b: float | int, color_a: str | None = None, color_b: str | None = None
) -> tuple[str, str]:
    """``a×b`` as (HTML, plain text); each factor optionally in a colour."""
    fa, fb = factor(a), factor(b)
    ha = colored(fa, color_a) if color_a else esc(fa)
    hb = colored(fb, color_b) if color_b else esc(fb)
    return f"{ha}\u00d7{hb}", f"{fa}\u00d7{fb}"


def signed_sum(values: Sequence[float | int]) -> str:
    """Numbers added up, with subtraction for negative terms.

    >>> signed_sum([0.2, 1.6, -1.5, 2.5])
    '0.2 + 1.6 \u2212 1.5 + 2.5'
    """
    out = ""
    for i, value in enumerate(values):
        if i == 0:
            out = num(value)
        elif value < 0:
            out += f" \u2212 {num(-value)}"
        else:
            out += f" + {num(value)}"
    return out


def settle(values: Any, scale: float) -> Any:
    """Computed numbers with floating-point dust swept to zero.

    A sum such as 0.1 + 0.2 - 0.3 leaves about 5.6e-17 where a learner expects
    0; anything smaller than 1e-12 of ``scale`` (the size of the terms) is
    shown as 0.0. Works on nested lists.

    >>> settle([[5.551115123125783e-17, 0.3]], 1.0)
    [[0.0, 0.3]]
    """
    if isinstance(values, list):
        return [settle(v, scale) for v in values]
    if isinstance(values, float) and abs(values) < 1e-12 * max(scale, 1e-300):
        return 0.0
    return values


def sum_lines(values: Sequence[float | int], result: str, *, lead: str = "= ") -> list[str]:
    """``= a + b − c … = result`` as wrapped caption lines (``result`` is HTML).

    >>> sum_lines([2, 6, 12], "<B>20</B>")
    ['= 2 + 6 + 12 = <B>20</B>']
    """
    parts = []
    for i, value in enumerate(values):
        text = (
            num(value) if i == 0 else (f"\u2212 {num(-value)}" if value < 0 else f"+ {num(value)}")
        )
        parts.append((esc(lead + text if i == 0 else text), lead + text if i == 0 else text))
    parts.append(("= " + result, "= " + plain(result)))
    return wrap(parts, joiner=" ")


def wrap(
    parts: Sequence[tuple[str, str]], *, joiner: str = " + ", width: int = CAPTION_WIDTH
) -> list[str]:
    """Join (HTML, plain) parts with ``joiner`` into lines of at most ``width`` characters.

    A line that continues ends with the joiner, so the reader sees the sum go on.
    The lines are balanced: as few as fit ``width``, each about as long as the others,
    so no last term sits alone on a line of its own.

    >>> parts = [(p, p) for p in ("= a×b", "c×d", "e×f", "g×h")]
    >>> wrap(parts, width=22)
    ['= a×b + c×d +', 'e×f + g×h']
    """
    lines = _wrap_greedy(parts, joiner, width)
    narrower = width - 1
    while len(lines) > 1 and narrower > 0:
        tighter = _wrap_greedy(parts, joiner, narrower)
        if len(tighter) > len(lines):
            break
        lines, narrower = tighter, narrower - 1
    return lines


def _wrap_greedy(parts: Sequence[tuple[str, str]], joiner: str, width: int) -> list[str]:
    """:func:`wrap` filling each line as far as it goes."""
    lines: list[str] = []
    html_line, length = "", 0
    for html_part, plain_part in parts:
        if html_line and length + len(joiner) + len(plain_part) > width:
            lines.append(html_line + esc(joiner.rstrip()))
            html_line, length = "", 0
        if html_line:
            html_line += esc(joiner)
            length += len(joiner)
        html_line += html_part
        length += len(plain_part)
    if html_line:
        lines.append(html_line)
    return lines


def caption(lines: Sequence[str]) -> str:
    """An HTML graph label of centred lines (each line already HTML).

    Each line is a table row: Graphviz 2.43 misplaces text after a font
    change when lines are separated by ``<BR/>``.
    """
    rows = "".join(f"<TR><TD>{line}</TD></TR>" for line in lines)
    return label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">{rows}</TABLE>')


def label(html_text: str) -> str:
    """An HTML-like label for Graphviz from a table.

    ``]`` is written as ``&#93;``: Graphviz 2.43 moves a ``]`` that ends a cell
    after a font change into the next cell.

    >>> label("<I>A</I>[0]")
    '<<I>A</I>[0&#93;>'
    """
    return "<" + html_text.replace("]", "&#93;") + ">"


def block(content: str, *, valign: str = "MIDDLE") -> str:
    """A borderless cell holding a nested table, which keeps its own size."""
    return f'<TD BORDER="0" VALIGN="{valign}" FIXEDSIZE="FALSE">{content}</TD>'


_TAG = re.compile(r"<[^>]+>")


def plain(html_text: str) -> str:
    """The text of an HTML-like label without its tags and entities.

    >>> plain('<FONT COLOR="red">1 &lt; 2</FONT>')
    '1 < 2'
    """
    import html

    return html.unescape(_TAG.sub("", html_text))
