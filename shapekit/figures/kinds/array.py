"""``array``: a nested list drawn as nested boxes, one box per pair of
brackets, each nesting level (each dimension) in its own colour, with the
shape under it. A list that is not homologous (ragged, or numbers and lists
mixed at one depth) is drawn as it is, the sublist that breaks it outlined in
the error colour and the core's message as the caption.

>>> from shapekit.figures import figure
>>> print(figure("array", values=[[4, 2], [5, 1], [8, 2]]).explanation)
shape (3, 2): axis 0: the outermost brackets hold 3 lists; axis 1: each of those holds 2 numbers
>>> print(figure("array", values=[[1, 2, 3], [4, 5]]).explanation)
the list[1] has 2 elements, but the other rows along dimension 1 have 3, so the list is not homologous and cannot be an array
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shapekit.errors import ShapeError, SpecError
from shapekit.figures import grid
from shapekit.figures.drawing import Drawing
from shapekit.figures.fields import Field
from shapekit.figures.registry import Kind, Spec
from shapekit.figures.theme import (
    ERROR,
    INDEX_COLORS,
    MUTED,
    esc,
    line_color,
    new_graph,
    num,
    text_color,
    tint,
)

#: one colour per nesting level (axis): the colour of index k is the colour of
#: axis k; green stays for results and vermillion for errors
LEVEL_COLORS = INDEX_COLORS
#: most nesting levels drawn as boxes; deeper lists are refused
MAX_DEPTH = 5
#: items drawn per list, by the number of levels of the whole value: deeper
#: values show fewer items per box so that the figure stays small
ITEMS_DRAWN = {1: 12, 2: 10, 3: 6, 4: 4, 5: 3}
#: the literal in the caption is written on one line up to this many characters
LITERAL_WIDTH = 60
#: items per list written in the caption's literal, and most lines it takes
LITERAL_ITEMS = 8
LITERAL_LINES = 5

FIELDS = (
    Field(
        "values",
        "nested",
        "a nested list of numbers (it may be ragged)",
        aliases=("value",),  # its first name; transpose figures say values too
    ),
    Field("label", "text", "the variable's name, shown with the shape", default="", max_items=40),
)

Path = tuple[int, ...]


def _depth(value: Any) -> int:
    """Levels of brackets: 1 for a flat list, 0 for a number (iterative: no recursion limit)."""
    deepest, level, todo = 0, 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, tuple):
            deepest = max(deepest, level + 1)
            todo.extend((child, level + 1) for child in item)
    return deepest


def check(spec: Spec) -> None:
    depth = _depth(spec["values"])
    if depth > MAX_DEPTH:
        raise SpecError(
            f"field 'values': it has {depth} levels of brackets; array figures draw "
            f"up to {MAX_DEPTH}",
            field="values",
        )
    if not spec["values"]:
        raise SpecError(
            "field 'values': the list is empty, so there is nothing to draw", field="values"
        )


def _picks(n: int, limit: int) -> list[int | None]:
    """The items of an n-long list that are drawn (None: "…"); the last one always."""
    if n <= limit:
        return list(range(n))
    return [*range(limit - 2), None, n - 1]


class _Boxes:
    """Draws the nested boxes; ``bad`` is the path to outline in the error colour."""

    def __init__(self, value: Any, depth: int, error: ShapeError | None) -> None:
        self.depth = depth
        self.bad = error.path if error is not None else None
        #: a ragged list's expected length: elements beyond it are marked
        self.expected = error.expected if error is not None and error.kind == "ragged" else None
        self.limit = ITEMS_DRAWN[max(1, depth)]
        self.widest = self._widest(value)

    def _widest(self, value: Any) -> dict[int, int]:
        """The most items drawn in a list of numbers, per level: shorter ones are padded
        (Graphviz would stretch their boxes, hiding that a ragged row is short)."""
        widest: dict[int, int] = {}
        todo = [(value, 0)]
        while todo:
            item, level = todo.pop()
            if isinstance(item, tuple):
                if all(not isinstance(child, tuple) for child in item):
                    widest[level] = max(widest.get(level, 0), len(_picks(len(item), self.limit)))
                todo.extend((child, level + 1) for child in item if isinstance(child, tuple))
        return widest

    def item(self, value: Any, path: Path) -> str:
        if isinstance(value, tuple):
            return self.box(value, path)
        extra = (
            self.expected is not None
            and path[:-1] == self.bad
            and isinstance(self.expected, int)
            and path[-1] >= self.expected
        )
        color = ERROR if path == self.bad or extra else None
        cell = grid.Cell(
            esc(num(value)),
            fill=tint(ERROR, 0.7) if color else "#f6f8fa",
            border=color or "#c9d1d9",
            weight=2 if color else 1,
        )
        return grid.td(cell, width=40, height=28)

    def padding(self, items: tuple[Any, ...], path: Path, drawn: int) -> list[str]:
        """Cells after a short list of numbers: dashed "missing" ones for the ragged list."""
        if not all(not isinstance(child, tuple) for child in items):
            return []
        short = self.widest.get(len(path), 0) - drawn
        missing = path == self.bad and isinstance(self.expected, int) and len(items) < self.expected
        if missing:
            cell = (
                f'<TD BORDER="2" STYLE="dashed" COLOR="{ERROR}" WIDTH="40" HEIGHT="28">'
                f'<FONT COLOR="{text_color(ERROR, tint(ERROR, 0.85))}">?</FONT></TD>'
            )
        else:
            cell = '<TD BORDER="0" WIDTH="40" HEIGHT="28"></TD>'
        return [cell] * max(0, short)

    def box(self, items: tuple[Any, ...], path: Path) -> str:
        level = len(path)
        color = LEVEL_COLORS[level % len(LEVEL_COLORS)]
        # innermost lists run across, their parents down, and so on, alternating
        across = (self.depth - level) % 2 == 1
        cells = []
        for index in _picks(len(items), self.limit):
            if index is None:
                mark = grid.COL_GAP if across else grid.ROW_GAP
                cells.append(f'<TD><FONT COLOR="{MUTED}">{mark}</FONT></TD>')
            else:
                child = self.item(items[index], (*path, index))
                cells.append(child if child.startswith("<TD") else f"<TD>{child}</TD>")
        if across:
            cells += self.padding(items, path, len(cells))
        body = "".join(cells) if across else "".join(f"<TR>{c}</TR>" for c in cells)
        if across:
            body = f"<TR>{body}</TR>"
        if not items:
            body = '<TR><TD WIDTH="24" HEIGHT="28"></TD></TR>'
        bad = path == self.bad
        border, width = (ERROR, 3) if bad else (line_color(color), 2)
        fill = tint(ERROR, 0.85) if bad else tint(color, 0.93)
        return (
            f'<TABLE BORDER="{width}" COLOR="{border}" BGCOLOR="{fill}" STYLE="ROUNDED" '
            f'CELLBORDER="0" CELLSPACING="4" CELLPADDING="0">{body}</TABLE>'
        )


def _literal(value: Any, bad: Path | None) -> list[str]:
    """The value written as a Python literal, each level's brackets in its colour.

    Long lists are shortened with "…" (:data:`LITERAL_ITEMS` items per list); a
    literal longer than :data:`LITERAL_WIDTH` is written one outer item per
    line, like NumPy prints, with at most :data:`LITERAL_LINES` lines.
    """

    def write(item: Any, path: Path) -> str:
        if not isinstance(item, tuple):
            return grid.colored(num(item), ERROR, bold=True) if path == bad else esc(num(item))
        color = ERROR if path == bad else LEVEL_COLORS[len(path) % len(LEVEL_COLORS)]
        parts = [
            "\u2026" if index is None else write(item[index], (*path, index))
            for index in _picks(len(item), LITERAL_ITEMS)
        ]
        return (
            grid.colored("[", color, bold=True)
            + ", ".join(parts)
            + grid.colored("]", color, bold=True)
        )

    whole = write(value, ())
    if len(grid.plain(whole)) <= LITERAL_WIDTH or not isinstance(value, tuple):
        return [whole]
    picks = _picks(len(value), LITERAL_LINES)
    lines = []
    outer = ERROR if bad == () else LEVEL_COLORS[0]
    for n, index in enumerate(picks):
        text = "\u2026" if index is None else write(value[index], (index,))
        head = grid.colored("[", outer, bold=True) if n == 0 else "\u2003"
        tail = "," if n < len(picks) - 1 else grid.colored("]", outer, bold=True)
        lines.append(head + text + tail)
    return lines


def _axes_text(shape: Sequence[int]) -> list[str]:
    """One phrase per axis: what the brackets at that level hold."""
    phrases = []
    for axis, dim in enumerate(shape):
        what = "numbers" if axis == len(shape) - 1 else "lists"
        what = what[:-1] if dim == 1 else what
        holder = "the outermost brackets hold" if axis == 0 else "each of those holds"
        phrases.append(f"axis {axis}: {holder} {dim} {what}")
    return phrases


def _axes_short(shape: Sequence[int]) -> list[str]:
    """One short phrase per axis, for the figure: ``axis 1: 2 lists``.

    >>> _axes_short((3, 2, 4))
    ['axis 0: 3 lists', 'axis 1: 2 lists', 'axis 2: 4 numbers']
    """
    out = []
    for axis, dim in enumerate(shape):
        what = "numbers" if axis == len(shape) - 1 else "lists"
        out.append(f"axis {axis}: {dim} {what[:-1] if dim == 1 else what}")
    return out


def build(spec: Spec) -> Drawing:
    from shapekit.shapes import shape

    value, name = spec["values"], spec["label"]
    depth = _depth(value)
    error: ShapeError | None = None
    try:
        dims: tuple[int, ...] = shape(value, name=name or None)
    except ShapeError as exc:
        error, dims = exc, ()
    bad = error.path if error is not None else None
    boxes = _Boxes(value, depth, error)
    g = new_graph("array")
    g.node("value", label=grid.label(boxes.box(value, ())), shape="plain")
    literal = _literal(value, bad)
    if error is None:
        colors = {axis: LEVEL_COLORS[axis % len(LEVEL_COLORS)] for axis in range(len(dims))}
        badge = grid.badge(dims, colors=colors)
        badge = f"<I>{esc(name)}</I>: shape {badge}" if name else f"shape {badge}"
        # the figure says it short, one phrase per axis (the description says it in full)
        short = [
            grid.colored(p, LEVEL_COLORS[a % len(LEVEL_COLORS)])
            for a, p in enumerate(_axes_short(dims))
        ]
        axes = [" · ".join(short[k : k + 3]) for k in range(0, len(short), 3)]
        lines = [*literal, badge, *axes]
        text = f"shape {dims}: " + "; ".join(_axes_text(dims))
        title = f"A {len(dims)}-D array of shape {dims}"
        count = 1
        for d in dims:
            count *= d
        description = (
            f"{_article(len(dims))} {len(dims)}-dimensional array"
            + (f" called {name}" if name else "")
            + f", drawn as nested boxes, one box per pair of brackets. Its shape is "
            f"{dims}: " + "; ".join(_axes_text(dims)) + f". {count} numbers in all."
        )
    else:
        lines = [*literal, *(esc(line) for line in _short(error))]
        text = error.message
        title = "A list that is not homologous"
        where = "".join(f"[{i}]" for i in bad) if bad else ""
        description = (
            f"A nested list drawn as nested boxes that cannot be an array. "
            f"{error.message}." + (f" The element at {where} is outlined in red." if where else "")
        )
    g.attr(label=grid.caption(lines), labelloc="b", fontsize="15")
    return Drawing(source=g.source, title=title, description=description, explanation=text)


def _article(n: int) -> str:
    return "An" if n in (8, 11, 18) else "A"


def _wrap(text: str) -> list[str]:
    import textwrap

    return textwrap.wrap(text[:1].upper() + text[1:], width=56)


def _short(error: Any) -> list[str]:
    """The reason in two short lines for the figure (the caption says the rest).

    >>> from shapekit import ShapeError, shape
    >>> try:
    ...     shape([[4, 2, 7], [5, 1]])
    ... except ShapeError as exc:
    ...     print(" / ".join(_short(exc)))
    list[1] has 2 items where dimension 1 needs 3: / not homologous, so it cannot be an array
    """
    where = "list" + "".join(f"[{i}]" for i in error.path or ())
    tail = "not homologous, so it cannot be an array"
    if error.kind == "ragged" and isinstance(error.found, int):
        what = "item" if error.found == 1 else "items"
        return [
            f"{where} has {error.found} {what} where dimension {error.axis} needs "
            f"{error.expected}:",
            tail,
        ]
    if error.kind == "mixed":
        return [f"{where} is a list where the others at its depth are numbers:", tail]
    return _wrap(error.message)[:2]


KIND = Kind(
    name="array",
    summary="a nested list as nested boxes, one level per dimension, with its shape",
    fields=FIELDS,
    build=build,
    check=check,
    example={
        "values": [
            [[1, 5, 6, 2], [3, 2, 1, 3]],
            [[5, 2, 1, 2], [6, 4, 8, 4]],
            [[2, 8, 5, 3], [1, 1, 9, 4]],
        ],
        "label": "lolol",
    },
)
