"""CSV tables: one row per line, read as a list of numbers the way ``np.loadtxt`` reads them.

Cells are stripped and read as ``int`` or ``float`` when ``np.loadtxt``
would read them (ASCII digits, ``inf``/``nan``; not ``1_000``, not ``٣``); a
cell that is not a number stays a string, so validation reports it (with its
line and column). A first row of names above numeric rows is a header: it is
left out of the array and the result says so. As in ``np.loadtxt``, what follows ``#``
on a line is a comment, an empty line is skipped (a line of spaces is not), and quotes
are part of the text (``"1"`` is not a number). Like
``np.loadtxt``, a table of one row or one column is a 1-D array (``2,3,0.5``
and ``2\\n3\\n0.5`` both have shape ``(3,)``), and a single number has shape ``()``.
``.tsv`` files are split on tabs; a file whose values are separated by ``;``
is read as such (and says so), unless it also writes decimal commas, which
``np.loadtxt`` cannot read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from shapekit.check.readers.source import Position, Source
from shapekit.engine.program import collector_paused
from shapekit.errors import InputError

__all__ = ["number", "read_csv"]

_INT = re.compile(r"[+-]?[0-9]+\Z")
_FLOAT = re.compile(
    r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)\Z", re.IGNORECASE
)
#: Python refuses to convert integers longer than this (and no array element is that long)
MAX_DIGITS = 4300


def read_csv(text: str, *, file: str | None = None, delimiter: str = ",") -> Source:
    """Read CSV text as a list of rows.

    >>> src = read_csv("a,b\\n1,2\\n3,x\\n")
    >>> src.value, src.locate((1, 1))
    ([[1, 2], [3, 'x']], Position(line=3, column=3, cell=None))
    >>> src = read_csv("2, 3, 0.5\\n")
    >>> src.value, src.locate((2,))
    ([2, 3, 0.5], Position(line=1, column=7, cell=None))
    """
    notes: list[str] = []
    written = text  # shown and located as written, comments and all
    if "#" in text and delimiter != "#":  # np.loadtxt's comments: from '#' to the end of the line
        text = "\n".join(line.partition("#")[0] for line in text.split("\n"))
    if delimiter == ",":
        delimiter = _sniff(text, file, notes)
    rows: Any = []
    lines: Any = []  # the line of each row: a list, or a range for a table read at once
    plain = _plain_rows(text, delimiter)
    if plain is not None:
        rows, lines = plain, range(1, len(plain) + 1)
    elif text.count(delimiter) + text.count("\n") >= MAX_CELLS:  # read one by one: bounded
        raise InputError(
            f"{file or '<input>'}: this table has more than {MAX_CELLS:,} values, and not all "
            "of them are plain numbers; shapekit reads a table that large only when they are",
            kind="over_limit",
            file=file,
        )
    # no quoting: np.loadtxt reads "1" as text, not as 1; and only an empty line is skipped
    # (a line of spaces is a row of one empty value, a line of delimiters one of several)
    reader = csv.reader(
        io.StringIO("" if plain is not None else text, newline=""),
        delimiter=delimiter,
        strict=True,
        quoting=csv.QUOTE_NONE,
    )
    try:
        start = 1
        for record in reader:
            if record:
                rows.append(
                    [_cell(cell, file, start, text, i, delimiter) for i, cell in enumerate(record)]
                )
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"{file or '<input>'}:{reader.line_num}: this is not valid CSV: {exc}",
            kind="syntax",
            file=file,
            line=reader.line_num,
        ) from None
    if (
        isinstance(rows, list)
        and len(rows) >= 2
        and _is_header(rows[0])
        and not any(isinstance(c, str) for c in rows[1])
    ):
        shown = delimiter.join(str(c) for c in rows[0])
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        notes.append(
            f"line {lines[0]} ({shown!r}) is a header row and is not part of the array; "
            "np.loadtxt needs skiprows=1 to read this file"
        )
        rows, lines = rows[1:], lines[1:]
    value, cell_of = _squeeze(rows, notes)

    def locate(path: Sequence[int | str]) -> Position | None:
        path = cell_of(path)
        if not path:
            return Position(lines[0], 1) if lines else None
        if not isinstance(path[0], int) or not 0 <= path[0] < len(rows):
            return None
        line = lines[path[0]]
        if len(path) == 1:
            return Position(line, 1)
        # the line itself, found when asked (a list of every line took 60 bytes a line)
        text_line = _line(written, line) if len(path) == 2 else None
        if text_line is None or not isinstance(path[1], int):
            return None
        column = _cell_column(text_line, path[1], delimiter)
        return None if column is None else Position(line, column)

    return Source(
        value, file=file, format="csv", texts={None: written}, locator=locate, notes=notes
    )


Cells = list[list[int | float | str]]
#: most values read one by one (a larger table is read only when all are plain numbers)
MAX_CELLS = 2_000_000
#: a table of plain numbers longer than this is read by NumPy into one array (lists of
#: Python numbers take about 100 bytes a value: 24 million rows would take gigabytes)
_LARGE = 1_000_000


def _plain_rows(text: str, delimiter: str) -> Any:
    """The rows of a table of plain numbers, read in one go by the JSON parser, or None.

    A 50 MB table takes seconds this way instead of most of a minute cell by cell. Only
    text of ASCII digits, signs, points, exponents, spaces, line breaks and the delimiter
    qualifies, where JSON's numbers are read as ``int()`` and ``float()`` read them; any
    other cell (a sign JSON refuses, an empty cell, a blank line, a number past Python's
    digit limit) leaves the table to the careful reader.

    >>> _plain_rows("1,2.5\\r\\n3,-4e2\\n", ","), _plain_rows("+1,2", ","), _plain_rows("1;2", ",")
    ([[1, 2.5], [3, -400.0]], None, None)
    """
    body = text.replace("\r\n", "\n").rstrip("\n")
    if not body or not _PLAIN.get(delimiter, _NOTHING).fullmatch(body):
        return None
    if len(body) > _LARGE:
        return _plain_array(body, delimiter)
    try:  # (millions of new row lists would start a full collection again and again)
        with collector_paused():
            rows = json.loads("[[" + body.replace(delimiter, ",").replace("\n", "],[") + "]]")
    except ValueError:  # a malformed number, or one past Python's digit limit
        return None
    return rows if all(rows) else None


def _plain_array(body: str, delimiter: str) -> Any:
    """A large table of plain numbers as one 2-D NumPy array of floats (None: it has a line
    without values, a ragged row or a cell NumPy does not read: the careful reader says
    which, if it is not too large)."""
    empty = re.compile(rf"(?:\A|\n|{re.escape(delimiter)}) *(?:{re.escape(delimiter)}|\n|\Z)")
    if empty.search(body):
        return None  # an empty value, or a line of spaces: the careful reader's
    import warnings

    import numpy as np

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = np.loadtxt(  # as bytes (ASCII here): a StringIO holds 4 bytes a character
                io.BytesIO(body.encode("ascii")),
                delimiter=delimiter,
                dtype=float,
                ndmin=2,
                comments=None,
            )
    except (ValueError, OverflowError):
        return None
    return rows if rows.size and rows.shape[1] else None


#: the text :func:`_plain_rows` reads, per delimiter
_PLAIN = {d: re.compile(rf"[0-9eE.+\- \n{re.escape(d)}]*") for d in (",", ";", "\t")}
_NOTHING = re.compile(r"(?!)")


def _squeeze(
    rows: Cells, notes: list[str]
) -> tuple[object, Callable[[Sequence[int | str]], Sequence[int | str]]]:
    """The table as ``np.loadtxt`` shapes it, and how a path into it maps to (row, column).

    ``np.loadtxt`` drops the length-1 axes of a rectangular table (its default
    ``ndmin=0``); a ragged table stays a list of rows, refused as it is.
    """
    if not isinstance(rows, list):  # a large table of plain numbers, read by NumPy
        return _squeeze_array(rows, notes)
    if not rows or any(len(row) != len(rows[0]) for row in rows) or not rows[0]:
        return rows, lambda path: path
    if len(rows) == 1 and len(rows[0]) == 1:
        notes.append("a single number has shape (), as np.loadtxt reads it")
        return rows[0][0], lambda path: (0, 0, *path)
    if len(rows) == 1:
        notes.append(
            f"one row of {len(rows[0])} values has shape ({len(rows[0])},), as np.loadtxt reads it"
        )
        return rows[0], lambda path: (0, *path)
    if len(rows[0]) == 1:
        notes.append(
            f"one column of {len(rows)} values has shape ({len(rows)},), as np.loadtxt reads it"
        )
        return [row[0] for row in rows], lambda path: (*path[:1], 0, *path[1:])
    return rows, lambda path: path


def _squeeze_array(
    rows: Any, notes: list[str]
) -> tuple[object, Callable[[Sequence[int | str]], Sequence[int | str]]]:
    """:func:`_squeeze` for a 2-D NumPy array of floats (rows by columns)."""
    count, width = rows.shape
    if count == 1 and width == 1:
        notes.append("a single number has shape (), as np.loadtxt reads it")
        return float(rows[0, 0]), lambda path: (0, 0, *path)
    if count == 1:
        notes.append(f"one row of {width} values has shape ({width},), as np.loadtxt reads it")
        return rows[0], lambda path: (0, *path)
    if width == 1:
        notes.append(f"one column of {count} values has shape ({count},), as np.loadtxt reads it")
        return rows[:, 0], lambda path: (*path[:1], 0, *path[1:])
    return rows, lambda path: path


def number(cell: str) -> int | float | str:
    """A CSV cell as an ``int`` or ``float`` when ``np.loadtxt`` reads it as one, else the text.

    >>> number(" 3 "), number("2.5e3"), number("n/a"), number("1_000"), number("٣")
    (3, 2500.0, 'n/a', '1_000', '٣')
    """
    cell = cell.strip()
    if len(cell) <= MAX_DIGITS and cell.isascii() and "_" not in cell:
        # the fast path: ASCII without '_' is what int() and float() read exactly as the
        # patterns below do (Python also reads '1_000' and other scripts' digits; NumPy not)
        try:
            return int(cell)
        except ValueError:
            pass
        try:
            return float(cell)
        except ValueError:
            return cell
    if _INT.match(cell):
        return int(cell) if len(cell) <= MAX_DIGITS else cell  # too long: reported by the reader
    if _FLOAT.match(cell):
        return float(cell)
    return cell


def _cell(
    cell: str, file: str | None, line: int, text: str, index: int, delimiter: str
) -> int | float | str:
    value = number(cell)
    if isinstance(value, str) and _INT.match(value):  # digits past Python's limit
        lines = text.splitlines()
        column = _cell_column(lines[line - 1], index, delimiter) if line <= len(lines) else None
        where = f"{file or '<input>'}:{line}" + (f":{column}" if column else "")
        raise InputError(
            f"{where}: this number has {len(value.lstrip('+-'))} digits; no array element can be "
            "that large (NumPy's largest integers have 20 digits)",
            kind="too_large",
            file=file,
            line=line,
            column=column,
        )
    return value


def _line(text: str, number: int) -> str | None:
    """Line ``number`` (1-based) of ``text``, lines ending as the CSV reader ends them (``\n``,
    ``\r\n`` or ``\r``), read up to it only."""
    for index, line in enumerate(io.StringIO(text, newline=None), 1):
        if index == number:
            return line.rstrip("\n")
    return None


def _sniff(text: str, file: str | None, notes: list[str]) -> str:
    """``,`` or ``;``: the separator of a file saved by a spreadsheet set to another locale."""
    lines = [line for line in text.split("\n", 50)[:50] if line.strip()]
    if not lines or not all(";" in line for line in lines):
        return ","
    if any("," in line for line in lines):
        raise InputError(
            f"{file or '<input>'}:1: the values are separated by ';' and the numbers are written "
            "with decimal commas (like 2,5); np.loadtxt reads neither: save the file with ',' "
            "between values and '.' in numbers",
            kind="syntax",
            file=file,
            line=1,
        )
    notes.append("values separated by ';' were read as columns; np.loadtxt needs delimiter=';'")
    return ";"


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
