"""Reading a spec file's TOML text safely, and finding where its keys are.

:func:`parse` is ``tomllib.loads`` with every way it fails turned into a
:class:`~shapekit.errors.SpecError`: nesting is checked first, in one linear pass
(tomllib recurses once per level and would hit Python's recursion limit), and a
number of more than 4300 digits is named as such. :class:`Source` finds the line of a
key or a ``[[figure]]`` header, which tomllib does not report, in time linear in the
size of the file however many errors there are.

>>> source = Source('title = "T"\\n[[figure]]\\nid = "a"\\n')
>>> source.headers, source.key_line((0, source.end), "id", "a")
([1], 3)
"""

from __future__ import annotations

import bisect
import re
import sys
import tomllib
from typing import Any

from shapekit.errors import SpecError

__all__ = ["MAX_NESTING", "Source", "parse"]

#: the deepest arrays and inline tables may nest in a spec file (TOML readers recurse)
MAX_NESTING = 64

_HEADER = re.compile(
    r"^[ \t]*\[\[[ \t]*(?:figure|\"figure\"|'figure')[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE
)
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
#: a string value after ``key =`` (basic or literal), if there is one
_VALUE = r"""(?:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'))?"""
#: ``key =`` at the start of a line (a bare or quoted key), and its string value
_KEY_LINE = re.compile(
    rf"""^[ \t]*(?:([A-Za-z0-9_-]+)|"([^"\\\n]*)"|'([^'\n]*)')[ \t]*={_VALUE}""", re.MULTILINE
)
_NEWLINE = re.compile("\n")


def parse(text: str, name: str) -> dict[str, Any]:
    """``tomllib.loads``, with every way it can fail as a :class:`SpecError` (nesting
    checked first: tomllib recurses once per level and would hit Python's limit).
    A byte-order mark, which some Windows editors write, is skipped."""
    text = text.removeprefix("\ufeff")
    deep = _too_deep(text)
    if deep is not None:
        raise SpecError(_nesting_message(), file=name, line=text.count("\n", 0, deep) + 1)
    from shapekit.figures.theme import Written

    try:
        # numbers remember how they were written: a matrix of 1.00 and 0.90 keeps them
        return tomllib.loads(text, parse_float=Written.parse)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise SpecError(f"not valid TOML: {exc}", file=name, line=line) from None
    except RecursionError:  # not expected below MAX_NESTING, but never a traceback
        raise SpecError(_nesting_message(), file=name) from None
    except ValueError:  # int() refuses a decimal number of more than 4300 digits
        limit = sys.get_int_max_str_digits()
        long = re.search(rf"[0-9](?:_?[0-9]){{{limit},}}", text)
        raise SpecError(
            f"a number in the spec file has more than {limit} digits, more than any figure can use",
            file=name,
            line=text.count("\n", 0, long.start()) + 1 if long else None,
        ) from None


def _nesting_message() -> str:
    return (
        f"arrays and inline tables are nested more than {MAX_NESTING} levels deep, "
        "deeper than any figure can use"
    )


#: what may open or close a level, a string or a comment in TOML text
_TOKEN = re.compile(r"[\[\]{}\"'#]")
#: the rest of a string, after its opening quote(s)
_BASIC_REST = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_MULTILINE_BASIC_REST = re.compile(r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""', re.DOTALL)
_LITERAL_REST = re.compile(r"[^'\n]*'")


def _too_deep(text: str) -> int | None:
    """The offset where arrays or inline tables nest past :data:`MAX_NESTING`, else None.

    One linear pass that skips strings and comments.  Syntax errors are left to tomllib:
    an unclosed string ends the scan.

    >>> _too_deep("a = [[1], {b = '[[['}]  # [[[["), _too_deep("a = " + "[" * 65)
    (None, 68)
    """
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return None
    depth = 0
    pos = 0
    while True:
        token = _TOKEN.search(text, pos)
        if token is None:
            return None
        char, pos = token.group(), token.end()
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return token.start()
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "#":
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
        else:
            rest = _string_rest(text, pos - 1, char)
            if rest is None:
                return None
            pos = rest


def _string_rest(text: str, start: int, quote: str) -> int | None:
    """The offset just past the string that opens at ``start``; None if it is unclosed."""
    if text.startswith(quote * 3, start):
        if quote == "'":
            end = text.find("'''", start + 3)
            found = None if end < 0 else end + 3
        else:
            match = _MULTILINE_BASIC_REST.match(text, start + 3)
            found = None if match is None else match.end()
        if found is None:
            return None
        while found < len(text) and text[found] == quote and found - start < 8:
            found += 1  # up to two quotes just before the closing ones belong to the string
        return found
    match = (_BASIC_REST if quote == '"' else _LITERAL_REST).match(text, start + 1)
    return None if match is None else match.end()


class Source:
    """Where keys and ``[[figure]]`` headers are in a spec file's text (tomllib reports no
    lines for values).

    Keys are looked up with one regular-expression pass over the text per key asked for; past
    :attr:`KEYS_SCANNED` different keys, one pass indexes them all.  Either way locating
    every error of a file is linear in its size.
    """

    KEYS_SCANNED = 32

    def __init__(self, text: str) -> None:
        self.text = text
        #: the offset where each line starts (lines end at "\n", as tomllib counts them)
        self.starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]
        self.end = len(self.starts)
        self.headers = [self.line_of(m.start()) - 1 for m in _HEADER.finditer(text)]
        self.first_header = self.headers[0] if self.headers else self.end
        #: key -> the 0-based lines where it is set, in order
        self.keys: dict[str, list[int]] = {}
        #: (key, string value) -> the lines where the key is set to that string
        self.strings: dict[tuple[str, str], list[int]] = {}
        self.scanned: set[str] | None = set()  # None once every key is indexed

    def _index(self, key: str) -> None:
        if self.scanned is None or key in self.scanned:
            return
        if len(self.scanned) < self.KEYS_SCANNED:
            self.scanned.add(key)
            name = re.escape(key)
            pattern = re.compile(rf"^[ \t]*(?:{name}|\"{name}\"|'{name}')[ \t]*={_VALUE}", re.M)
            matches = (
                (key, m.start(), m.group(1), m.group(2)) for m in pattern.finditer(self.text)
            )
        else:  # many keys asked for: index them all at once
            self.scanned = None
            self.keys.clear()
            self.strings.clear()
            matches = (
                (next(k for k in m.groups()[:3] if k is not None), m.start(), m[4], m[5])
                for m in _KEY_LINE.finditer(self.text)
            )
        for name_found, start, basic, literal in matches:
            line = self.line_of(start) - 1
            self.keys.setdefault(name_found, []).append(line)
            value = basic if basic is not None else literal
            if value is not None:
                self.strings.setdefault((name_found, value), []).append(line)

    def line_of(self, offset: int) -> int:
        """The 1-based line of the character at ``offset``."""
        return bisect.bisect_right(self.starts, offset)

    def key_line(self, span: tuple[int, int], key: str, value: Any = None) -> int | None:
        """The 1-based line of ``key = ...`` (a string ``value`` if given) inside ``span``."""
        self._index(key)
        if value is None:
            found = self.keys.get(key, [])
        elif isinstance(value, str):
            found = self.strings.get((key, value), [])
        else:
            return None
        at = bisect.bisect_left(found, span[0])
        return found[at] + 1 if at < len(found) and found[at] < span[1] else None

    def figure_spans(self, figures: list[dict[str, Any]]) -> list[tuple[int, int]]:
        """(first, end) 0-based line ranges of each [[figure]] table, in order."""
        heads = self.headers
        if len(heads) == len(figures):
            return list(zip(heads, [*heads[1:], self.end], strict=False))
        # an unusual header spelling: place each table by its id line instead
        spans = []
        after = 0
        inline = self.key_line((0, self.first_header), "figure")  # figure = [{...}, ...]
        for table in figures:
            line = self.key_line((after, self.end), "id", table.get("id"))
            start = (line - 1) if line else (inline - 1 if inline else 0)
            after = start + 1 if line else after
            spans.append((start, self.end))
        return spans
