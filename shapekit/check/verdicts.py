"""Verdicts on one variable: its shape against the expected one, or why it has none.

Shared by every kind of file: values a reader read (JSON, CSV, NumPy files)
and what the shape interpreter found in Python files and notebooks. Messages
carry no ``file:line:col:`` prefix (reports add their own) and are capped at
:data:`MAX_MESSAGE` characters.
"""

from __future__ import annotations

import os
import re
from typing import Any

from shapekit.check.expect import Expect
from shapekit.check.readers import Source
from shapekit.check.readers.source import Position, line_of
from shapekit.check.results import Variable, shape_text
from shapekit.errors import InputError, ShapeError

#: a message longer than this is cut (a file cannot make a report huge)
MAX_MESSAGE = 2000


def stem(path: str) -> str:
    """The name a nameless file gives its array: ``weights.csv`` is ``weights``."""
    return os.path.splitext(os.path.basename(path))[0]


def judge_source(name: str, source: Source, expect: Expect | None, allow_bool: bool) -> Variable:
    """The verdict on a value a reader read (JSON, CSV, NumPy files, literals)."""
    try:
        found = source.shape(allow_bool=allow_bool)
    except ShapeError as error:
        here = Position(error.line, error.column or 1, error.cell) if error.line else None
        return error_variable(name, error, expect, source.line_text(here), file=source.file)

    def anchor(axis: int) -> tuple[int | None, int | None, int | None, str | None]:
        path = (0,) * axis if 0 not in found[:axis] else ()
        position = source.locate(path)
        if position is None:
            return None, None, None, None
        return position.line, position.column, position.cell, source.line_text(position)

    variable = judge_shape(name, found, expect, anchor, None)
    for note in getattr(source, "notes", ()):
        variable.message = f"{variable.message} ({note})"
    return variable


def judge_shape(
    name: str,
    found: tuple[int, ...],
    expect: Expect | None,
    anchor: Any,
    where: tuple[int | None, int | None, int | None] | None,
) -> Variable:
    anchor = _remembered(anchor)  # the start of dimension 0 is asked for again (settle_places)
    line, column, cell = where or anchor(0)[:3]
    variable = Variable(
        name, "ok", shape=found, expected=expected_json(expect), line=line, column=column, cell=cell
    )
    variable.locate_axis = anchor
    if expect is None:
        return variable
    problem = compare(name, found, expect)
    if problem is not None:
        message, axis = problem
        line, column, cell, excerpt = anchor(axis)
        variable.status, variable.message, variable.kind = "wrong-shape", message, "wrong_shape"
        variable.line, variable.column, variable.cell, variable.excerpt = (
            line,
            column,
            cell,
            excerpt,
        )
    return variable


def _remembered(anchor: Any) -> Any:
    """``anchor`` answering each axis once (finding a place walks the file's text or tree)."""
    found: dict[int, Any] = {}

    def remembered(axis: int) -> Any:
        if axis not in found:
            found[axis] = anchor(axis)
        return found[axis]

    return remembered


def compare(name: str, found: tuple[int, ...], expect: Expect) -> tuple[str, int] | None:
    """Why ``found`` does not fit ``expect`` (message, axis to point at), or ``None``."""

    def head() -> str:  # written only for a shape that does not fit (most fit)
        return f"{name} has shape {shape_text(found)}, but {expect} was expected"

    if len(found) != len(expect.dims):
        dims = "dimension" if len(found) == 1 else "dimensions"
        return f"{head()}: {len(found)} {dims} instead of {len(expect.dims)}", 0
    seen: dict[str, int] = {}
    for axis, (want, have) in enumerate(zip(expect.dims, found, strict=True)):
        if isinstance(want, int) and want != have:
            return f"{head()}: dimension {axis} is {have}, not {want}", axis
        if isinstance(want, str):
            first = seen.setdefault(want, axis)
            if first != axis and found[first] != have:
                return (
                    f"{head()}: dimension {axis} ({want}) is {have} but dimension {first} "
                    f"({want}) is {found[first]}; they must be equal"
                ), axis
    return None


def expected_json(expect: Expect | None) -> list[Any] | None:
    return expect.to_json() if expect is not None else None


def missing_variable(name: str, exc: InputError, expect: Expect | None) -> Variable:
    message = bare(exc.message, exc.file)
    return Variable(name, "missing", expected=expected_json(expect), message=message, kind=exc.kind)


def error_variable(
    name: str,
    error: ShapeError | InputError,
    expect: Expect | None,
    excerpt: str | None,
    *,
    file: str | None = None,
) -> Variable:
    message = bare(error.message, file or getattr(error, "file", None))
    kind = getattr(error, "kind", None)
    # a file larger than shapekit reads is not judged: it may well be right (not an error)
    status = {"no_variable": "missing", "over_limit": "unknown"}.get(kind or "", "error")
    return Variable(
        name,
        status,
        expected=expected_json(expect),
        line=error.line,
        column=error.column,
        cell=error.cell,
        message=clip(message),
        excerpt=excerpt,
        kind=getattr(error, "kind", "error"),
    )


def bare(message: str, file: str | None) -> str:
    """A reader's message without its leading ``file:line:col:`` (reports add their own).

    >>> bare("a.py:3:5 (cell 2): not valid", "a.py")
    'not valid'
    """
    for where in (file, "<input>"):
        if where and message.startswith(where):
            match = _LOCATION.match(message, len(where))
            if match is not None:
                return clip(message[match.end() :])
    return clip(message)


_LOCATION = re.compile(r"(?::\d+)?(?::\d+)?(?: \(cell \d+\))?: ")


def line_in(texts: dict[int | None, str], line: int | None, cell: int | None) -> str | None:
    text = texts.get(cell)
    return None if text is None or line is None else line_of(text, line)


def clip(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
