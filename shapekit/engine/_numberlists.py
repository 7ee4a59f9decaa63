"""Lists of numbers written out, read with one regular expression before Python parses the code.

Most of a student's file is data: rows of numbers. Python's parser makes a node of the syntax
tree for every number, and the interpreter reads them back one by one; for a small file that is
more work than everything else in it. :func:`parse` finds each list of numbers written out
(rows of rows of numbers, up to three levels, every row of one length, the numbers as Python
writes them, a sign included) with a regular expression that steps over strings and comments,
reads its values with :func:`json.loads`, and parses the code with those lists blanked out: ``[``,
then spaces (newlines kept), then ``]``, so every position in the file is unchanged.

Each blanked list is then the node Python made for it, marked as a :class:`NumberList` that
carries its values, shape and kind of numbers for the interpreter. Its elements are made when
anything reads them (parsed from the original text, at their real lines and columns), so the
tree is the one :func:`ast.parse` gives: ``ast.dump(tree, include_attributes=True)`` is the
same, which the tests check on every file of the corpora. Whatever the expression does not
read with certainty (a comment or a string in the way, a subscript, a number Python spells
another way, a list whose rows differ in length) is left to Python's parser as it is.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from itertools import chain
from typing import Any

__all__ = ["NumberList", "parse"]

_WS = r"[ \t\n]*+"
#: a number as Python writes it, with its sign: what int() or float() reads the same way
_NUM = (
    r"[-+]?(?:[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[0-9]+[eE][-+]?[0-9]+|[1-9][0-9]*|0+)(?![\w.])"
)


def _sequence(item: str) -> str:
    return rf"\[{_WS}{item}(?:{_WS},{_WS}{item})*+{_WS}(?:,{_WS})?\]"


_ROWS1 = _sequence(_NUM)
_ROWS2 = _sequence(_ROWS1)
_ROWS3 = _sequence(_ROWS2)
#: a comment or a string (stepped over whole, so nothing inside one is read), or a list
_SCAN = re.compile(
    r"(?P<skip>#[^\n]*+"
    r'|"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""'
    r"|'''(?:[^'\\]++|\\[\s\S]|'(?!''))*+'''"
    r'|"(?:[^"\\\n]++|\\[\s\S])*+"'
    r"|'(?:[^'\\\n]++|\\[\s\S])*+')"
    rf"|(?P<numbers>{_ROWS3}|{_ROWS2}|{_ROWS1})"
)
#: what may come right before a list that is a subscript (``x[1, 2]``), not a list
_SUBSCRIPTED = frozenset(")]}'\"")
#: the fewest characters a list needs to be worth reading this way (``[1, 2]`` is not)
MIN_CHARS = 12
#: the most lists read ahead in one text (a student's file has a handful)
MAX_LISTS = 64
_INT64 = 2**63


@dataclass
class Numbers:
    """A blanked list: where it is written, and what it holds."""

    text: str  # the whole original text
    lo: int  # offsets of ``[`` and after ``]`` in it
    hi: int
    value: Any  # the rows, as Python would make them
    shape: tuple[int, ...]
    dtype: str  # "i" or "f"
    handed_out: bool = False


class NumberList(ast.List):
    """A list of numbers whose elements are made when first read (see the module)."""

    __slots__ = ()

    @property
    def elts(self) -> list[ast.expr]:  # type: ignore[override]
        numbers: Numbers = self.__dict__["numbers"]
        made = _elements(self, numbers)
        self.__class__ = ast.List  # type: ignore[assignment]
        self.__dict__["elts"] = made  # a plain list node from now on
        return made

    def values(self) -> tuple[Any, tuple[int, ...], str]:
        """Its value (a new list each time, as each run of a literal makes one), shape and
        kind of numbers."""
        numbers: Numbers = self.__dict__["numbers"]
        value = numbers.value
        if numbers.handed_out:  # evaluated again (in a loop): a list of its own
            value = _copied(value)
        numbers.handed_out = True
        return value, numbers.shape, numbers.dtype


# named as Python's own list node, which is what it is: whatever finds its method by the
# node's class name (``ast.NodeVisitor``'s ``visit_List``, the walkers' ``_List``) finds it
NumberList.__name__ = NumberList.__qualname__ = "List"


def _copied(value: Any) -> Any:
    return [_copied(v) for v in value] if type(value) is list else value


def _elements(node: ast.List, numbers: Numbers) -> list[ast.expr]:
    """The elements of ``node`` as Python parses them, at their places in the file."""
    tree = ast.parse(numbers.text[numbers.lo : numbers.hi], mode="eval").body
    lines, column = node.lineno - 1, node.col_offset
    for part in ast.walk(tree):
        if isinstance(part, (ast.expr, ast.stmt)):
            if part.lineno == 1:
                part.col_offset += column
            if part.end_lineno == 1:
                part.end_col_offset += column  # type: ignore[operator]
            part.lineno += lines
            part.end_lineno += lines  # type: ignore[operator]
    assert isinstance(tree, ast.List)
    return tree.elts


def _measured(value: Any) -> tuple[tuple[int, ...], str] | None:
    """The shape and kind of numbers of rows read from JSON, or None when the rows differ in
    length or a whole number does not fit in NumPy's int64."""
    shape = [len(value)]
    level = value
    while type(level[0]) is list:
        width = len(level[0])
        if any(len(row) != width for row in level):
            return None
        shape.append(width)
        level = list(chain.from_iterable(level))
    kinds = set(map(type, level))
    if int in kinds:
        if any(not -_INT64 <= v < _INT64 for v in level if type(v) is int):
            return None
        return tuple(shape), "f" if float in kinds else "i"
    return tuple(shape), "f"


_JSON = json.JSONDecoder()
_TRAILING_COMMA = re.compile(r",([ \t\n]*+\])")
_TOKEN = re.compile(rf"\[|\]|{_NUM}")


def _read(segment: str) -> Any:
    """The value of a list of numbers, as Python reads it."""
    text = _TRAILING_COMMA.sub(r"\1", segment)  # [1, 2,] is Python's, not JSON's
    try:
        value, end = _JSON.raw_decode(text)  # most lists are JSON too
    except ValueError:  # .5, 1., +1, 007.5
        end = -1
    if end == len(text):
        return value
    stack: list[list[Any]] = [[]]
    for token in _TOKEN.findall(segment):
        if token == "[":
            stack.append([])
        elif token == "]":
            row = stack.pop()
            stack[-1].append(row)
        elif "." in token or "e" in token or "E" in token:
            stack[-1].append(float(token))
        elif len(token) > 20:  # past int64 (and Python's limit of digits): the parser says
            return None
        else:
            stack[-1].append(int(token))
    return stack[0][0]


def parse(text: str, filename: str = "<input>") -> ast.Module:
    """``ast.parse(text)``, with its lists of numbers read ahead (see the module).

    >>> tree = parse("w = [[1, 2.5], [3, -4]]\\nb = [1, 2]\\n")
    >>> type(tree.body[0].value) is NumberList, tree.body[0].value.values()
    (True, ([[1, 2.5], [3, -4]], (2, 2), 'f'))
    >>> ast.dump(tree, include_attributes=True) == ast.dump(
    ...     ast.parse("w = [[1, 2.5], [3, -4]]\\nb = [1, 2]\\n"), include_attributes=True)
    True
    """
    found: list[Numbers] = []
    pieces: list[str] = []
    last = 0
    for match in _SCAN.finditer(text):
        if match.lastgroup != "numbers":
            continue
        lo, hi = match.span()
        if hi - lo < MIN_CHARS:
            continue
        back = lo - 1
        while back >= 0 and text[back] in " \t\n":
            back -= 1
        before = text[back] if back >= 0 else ""
        if before and (before.isalnum() or before == "_" or before in _SUBSCRIPTED):
            continue  # x[1, 2]: a subscript; `return [...]`: left to the parser too
        segment = match.group()
        value = _read(segment)
        measured = None if value is None else _measured(value)
        if measured is None:
            continue
        found.append(Numbers(text, lo, hi, value, *measured))
        pieces.append(text[last:lo])
        inner = "\n".join(" " * len(line) for line in segment[1:-1].split("\n"))
        pieces.append(f"[{inner}]")
        last = hi
        if len(found) == MAX_LISTS:  # the rest as written: finding each node has a cost
            break
    if not found:
        return ast.parse(text, filename=filename)
    pieces.append(text[last:])
    try:
        tree = ast.parse("".join(pieces), filename=filename)
    except SyntaxError:  # said as Python says it about the text as written
        return ast.parse(text, filename=filename)
    ascii_text = text.isascii()
    line, counted = 1, 0
    for numbers in found:
        line += text.count("\n", counted, numbers.lo)
        counted = numbers.lo
        start = text.rfind("\n", 0, numbers.lo) + 1
        column = numbers.lo - start if ascii_text else len(text[start : numbers.lo].encode("utf-8"))
        node = _list_at(tree.body, line, column)
        if node is None:  # not a list of the code after all: parse it as written
            return ast.parse(text, filename=filename)
        node.__dict__["numbers"] = numbers
        node.__class__ = NumberList
    return tree


def _list_at(nodes: list[Any], line: int, column: int) -> ast.List | None:
    """The empty list node that starts at ``line`` and ``column`` among ``nodes`` and inside
    them, found by going down only into nodes whose span holds that place."""
    here = (line, column)
    while nodes:
        inside: list[Any] = []
        for node in nodes:
            start = getattr(node, "lineno", None)
            if start is not None:
                end = (node.end_lineno, node.end_col_offset)
                if (start, node.col_offset) > here or end <= here:
                    continue
                if (
                    start == line
                    and node.col_offset == column
                    and type(node) is ast.List
                    and not node.elts
                ):
                    return node
            inside.extend(ast.iter_child_nodes(node))
        nodes = inside
    return None
