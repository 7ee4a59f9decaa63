"""JSON: parsed by the C ``json`` module, positions found by a small scanner only when needed.

Reading a valid file costs one ``json.loads``. When an error needs the
position of ``value[1][0]``, :func:`json_offset` walks the text to that element
(skipping the siblings before it) and reports where its first character is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from shapekit.check.readers.source import Position, Source, position_at
from shapekit.errors import InputError, closest

__all__ = ["json_offset", "json_source", "load_json", "read_json"]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(
    r'"[^"\\]*+(?:\\.[^"\\]*+)*+"', re.DOTALL
)  # unrolled: no state kept per character
_SCALAR = re.compile(r"[^\s,\]}]+")
_STRUCTURE = re.compile(r'["\[\]{}]')
_LONG_NUMBER = re.compile(r"(?<!\d)\d{4301}\d*+")  # tried where digits begin: linear


def read_json(text: str, *, file: str | None = None, var: str | None = None) -> Source:
    """Read JSON text; with ``var``, take that key of a top-level object.

    A top-level array is read whatever ``var`` says (``var`` then only names
    it in messages), so one ``--var`` serves a class mixing ``.py`` and ``.json``.

    >>> src = read_json('{"inputs": [[1, 2],\\n  [3]]}', var="inputs")
    >>> src.value, src.locate((1,))
    ([[1, 2], [3]], Position(line=2, column=3, cell=None))
    """
    return json_source(text, load_json(text, file), file=file, var=var)


def json_source(
    text: str, value: Any, *, file: str | None = None, var: str | None = None
) -> Source:
    """:func:`read_json` for JSON ``text`` already parsed into ``value`` (not parsed again).

    >>> json_source('{"x": [1, 2]}', {"x": [1, 2]}, var="x").value
    [1, 2]
    """
    prefix: tuple[str, ...] = ()
    if var is not None and isinstance(value, dict):
        if var not in value:
            raise missing_name(var, list(value), file, what="key")
        value, prefix = value[var], (var,)

    def locate(path: Sequence[int | str]) -> Position | None:
        offset = json_offset(text, (*prefix, *path))
        return None if offset is None else position_at(text, offset)

    return Source(value, file=file, name=var, format="json", texts={None: text}, locator=locate)


def load_json(text: str, file: str | None) -> Any:
    """``json.loads``, every failure an :class:`InputError` at its line and column.

    Besides malformed JSON: nesting deeper than the decoder's stack, and
    integers past Python's 4300-digit limit.

    >>> load_json("[1" + "0" * 5000 + "]", "a.json")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.json:1:2: this number has 5001 digits; no array element can be that large (NumPy's largest integers have 20 digits)
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise syntax_error(exc, file) from None
    except RecursionError:
        offset = _deep_offset(text)
        line, column, _ = position_at(text, offset)
        raise InputError(
            f"{file or '<input>'}:{line}:{column}: the lists are nested too deeply to read "
            "(NumPy allows at most 64 dimensions)",
            kind="too_deep",
            file=file,
            line=line,
            column=column,
        ) from None
    except ValueError as exc:  # int("1" * 5000): Python's limit on integer digits
        match = _LONG_NUMBER.search(text)
        if match is None:
            raise InputError(
                f"{file or '<input>'}: cannot read this JSON ({exc})", kind="syntax", file=file
            ) from None
        line, column, _ = position_at(text, match.start())
        raise InputError(
            f"{file or '<input>'}:{line}:{column}: this number has {len(match.group())} digits; "
            "no array element can be that large (NumPy's largest integers have 20 digits)",
            kind="too_large",
            file=file,
            line=line,
            column=column,
        ) from None


def syntax_error(exc: json.JSONDecodeError, file: str | None) -> InputError:
    """The :class:`InputError` for malformed JSON, at the decoder's line and column."""
    return InputError(
        f"{file or '<input>'}:{exc.lineno}:{exc.colno}: this is not valid JSON: {exc.msg}",
        kind="syntax",
        file=file,
        line=exc.lineno,
        column=exc.colno,
    )


#: at most this many names are listed when a variable is missing
LISTED_NAMES = 20


def missing_name(name: str, names: list[str], file: str | None, *, what: str) -> InputError:
    """The error for a ``--var`` that is not there, listing what is there (and the closest).

    The list is capped at :data:`LISTED_NAMES` names, so a file with
    thousands of keys gives a message of one line.

    >>> missing_name("wieghts", [f"k{i}" for i in range(100)] + ["weights"], "a.json", what="key").message
    "a.json: there is no key named 'wieghts'; found: k0, k1, k10, k11, k12, k13, k14, k15, k16, k17, k18, k19, k2, k20, k21, k22, k23, k24, k25, k26 and 81 more (did you mean 'weights'?)"
    """
    where = file or "<input>"
    if not names:
        message = f"{where}: there is no {what} named {name!r} (no {what}s at all)"
    else:
        unique = sorted(dict.fromkeys(names))
        listed = ", ".join(_short_name(n) for n in unique[:LISTED_NAMES])
        if len(unique) > LISTED_NAMES:
            listed += f" and {len(unique) - LISTED_NAMES} more"
        message = f"{where}: there is no {what} named {name!r}; found: {listed}"
        # difflib over 10^5 names takes seconds: only names of about the same length can be close
        near = [n for n in unique if abs(len(n) - len(name)) <= max(2, len(name) // 3)]
        close = closest(name, near[:5000])
        if close:
            message += f" (did you mean {close!r}?)"
    return InputError(message, kind="no_variable", file=file)


def _short_name(name: str) -> str:
    return name if len(name) <= 40 else name[:37] + "..."


def json_offset(text: str, path: Sequence[int | str]) -> int | None:
    """The character offset in JSON ``text`` where the element at ``path`` starts.

    Integers index arrays, strings index objects. ``None`` when the path is not there.

    >>> json_offset('[[1, 2], [3, "x"]]', (1, 1))
    13
    """
    i = _skip_ws(text, 0)
    for key in path:
        if i >= len(text):
            return None
        if isinstance(key, int):
            if text[i] != "[":
                return None
            i = _skip_ws(text, i + 1)
            for _ in range(key):
                i = _skip_ws(text, _skip_value(text, i))
                if i >= len(text) or text[i] != ",":
                    return None
                i = _skip_ws(text, i + 1)
        else:
            found = _find_key(text, i, key)
            if found is None:
                return None
            i = found
        if i >= len(text) or text[i] in "]}":
            return None
    return i


def _find_key(text: str, i: int, key: str) -> int | None:
    if text[i] != "{":
        return None
    i = _skip_ws(text, i + 1)
    found = None
    while i < len(text) and text[i] == '"':
        end = _skip_value(text, i)
        name = json.loads(text[i:end])
        i = _skip_ws(text, end)
        if i >= len(text) or text[i] != ":":
            return None
        i = _skip_ws(text, i + 1)
        if name == key:
            found = i  # keep looking: json.loads keeps the last duplicate key
            if text.find("\\", i) < 0 and text.find(json.dumps(key, ensure_ascii=False), i) < 0:
                return found  # no later key can be the same: it would be written so, or escaped
        i = _skip_ws(text, _skip_value(text, i))
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
    return found


def _skip_ws(text: str, i: int) -> int:
    match = _WHITESPACE.match(text, i)
    return match.end() if match else i


def _skip_value(text: str, i: int) -> int:
    """The offset just past the JSON value starting at ``i``."""
    if i >= len(text):
        return i
    char = text[i]
    if char == '"':
        match = _STRING.match(text, i)
        return match.end() if match else len(text)
    if char not in "[{":
        match = _SCALAR.match(text, i)
        return match.end() if match else i + 1
    depth = 0
    while True:
        match = _STRUCTURE.search(text, i)
        if match is None:
            return len(text)
        char, i = match.group(), match.start()
        if char == '"':
            string = _STRING.match(text, i)
            i = string.end() if string else len(text)
            continue
        depth += 1 if char in "[{" else -1
        i += 1
        if depth == 0:
            return i


def _deep_offset(text: str, limit: int = 65) -> int:
    """The offset of the first bracket nested ``limit`` deep (0 when there is none)."""
    depth, i = 0, 0
    while True:
        match = _STRUCTURE.search(text, i)
        if match is None:
            return 0
        char, i = match.group(), match.start()
        if char == '"':
            string = _STRING.match(text, i)
            i = string.end() if string else len(text)
            continue
        depth += 1 if char in "[{" else -1
        if depth >= limit:
            return i
        i += 1
