"""CSV tables: one row per line, read as a 2-D list of numbers.

Cells are stripped and read as ``int`` or ``float``; a cell that is neither
stays a string, so validation reports it (with its line and column) as not a
number. A first row of names above numeric rows is taken as a header and
skipped. Blank lines are skipped. ``.tsv`` files are split on tabs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from shapekit.check.readers.source import Position, Source
from shapekit.errors import InputError

__all__ = ["number", "read_csv"]


def read_csv(text: str, *, file: str | None = None, delimiter: str = ",") -> Source:
    """Read CSV text as a list of rows.

    >>> src = read_csv("a,b\\n1,2\\n3,x\\n")
    >>> src.value, src.locate((1, 1))
    ([[1, 2], [3, 'x']], Position(line=3, column=3, cell=None))
    """
    rows: list[list[int | float | str]] = []
    lines: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        start = 1
        for record in reader:
            if record and any(cell.strip() for cell in record):
                rows.append([number(cell) for cell in record])
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"{file or '<input>'}:{reader.line_num}: this is not valid CSV: {exc}",
            kind="syntax",
            file=file,
            line=reader.line_num,
        ) from None
    if len(rows) >= 2 and _is_header(rows[0]) and not any(isinstance(c, str) for c in rows[1]):
        rows, lines = rows[1:], lines[1:]
    text_lines = text.splitlines()

    def locate(path: Sequence[int | str]) -> Position | None:
        if not path or not isinstance(path[0], int) or not 0 <= path[0] < len(rows):
            return None
        line = lines[path[0]]
        if len(path) == 1:
            return Position(line, 1)
        if len(path) != 2 or not isinstance(path[1], int) or line > len(text_lines):
            return None
        column = _cell_column(text_lines[line - 1], path[1], delimiter)
        return None if column is None else Position(line, column)

    return Source(rows, file=file, format="csv", texts={None: text}, locator=locate)


def number(cell: str) -> int | float | str:
    """A CSV cell as an ``int`` or ``float`` when it is one, else the stripped text.

    >>> number(" 3 "), number("2.5e3"), number("n/a")
    (3, 2500.0, 'n/a')
    """
    cell = cell.strip()
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return cell


def _is_header(row: list[int | float | str]) -> bool:
    return all(isinstance(cell, str) and cell for cell in row)


def _cell_column(line: str, index: int, delimiter: str) -> int | None:
    """The 1-based column where cell ``index`` of a CSV line starts (past its spaces)."""
    cell, quoted, i = 0, False, 0
    start = 0
    while i < len(line) and cell < index:
        char = line[i]
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            cell += 1
            start = i + 1
        i += 1
    if cell < index:
        return None
    while start < len(line) and line[start] in " \t" and line[start] != delimiter:
        start += 1
    return start + 1
