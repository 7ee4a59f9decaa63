"""Missing commas, the commonest slip in a hand-typed array, found and pointed at exactly.

Two kinds: a comma missing between two values that Python refuses to parse
(``[1.0 2.0]``, reported by :func:`~shapekit.check.readers.pysource.parse`
where the comma belongs, in place of "Perhaps you forgot a comma?"), and a
comma missing where Python still parses the code but reads something else:
``[[1, 2] [3, 4]]`` indexes the first list (and fails when run), ``[5.0 -1.0]``
is one subtraction (and leaves a row one number short).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from typing import NamedTuple

from shapekit.check.readers.source import Position, line_of

__all__ = ["CommaSlip", "comma_gap", "comma_slips"]

#: text that may hold a comma slip: a closing bracket before an opening one, a number and a
#: sign (two searches: one pattern with both alternatives is slower than the two in turn)
_MAYBE_SUBSCRIPT = re.compile(r"[\])]\s*\[")
_MAYBE_SIGN = re.compile(r"[\w.]\s+[-+][\d.]")

#: tokens that end a value, and tokens that start one (a comma belongs between them)
_ENDS = frozenset({tokenize.NUMBER, tokenize.STRING, tokenize.NAME})
_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")


def comma_gap(text: str, exc: SyntaxError) -> tuple[int, int, str] | None:
    """Where the comma Python asks about belongs: (line, column, message), or ``None``.

    Python points at the span of two values with nothing between them; the
    comma goes before the first token, outside brackets, that starts a value
    right after a token that ends one (two strings side by side are one string).
    """
    if not exc.lineno or not exc.offset or not exc.end_lineno or not exc.end_offset:
        return None
    lines = text.splitlines(keepends=True)
    if exc.end_lineno > len(lines):
        return None
    span = lines[exc.lineno - 1 : exc.end_lineno]
    span[-1] = span[-1][: exc.end_offset - 1] if len(span) > 1 else span[-1]
    span[0] = span[0][exc.offset - 1 : (exc.end_offset - 1) if len(span) == 1 else None]
    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO("".join(span)).readline)
            if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER)
        ]
    except (tokenize.TokenError, SyntaxError):
        return None
    depth, before = 0, None
    for token in tokens:
        ends_value = token.type in _ENDS or token.string in _CLOSERS
        starts_value = token.type in _ENDS or token.string in _OPENERS
        # two strings side by side are one string: no comma missing there
        if (
            depth == 0
            and before is not None
            and starts_value
            and not (before.type == token.type == tokenize.STRING)
        ):
            # the comma goes right after the value that ends before the gap
            line = exc.lineno + before.end[0] - 1
            column = before.end[1] + 1 + (exc.offset - 1 if before.end[0] == 1 else 0)
            left = before.string if before.type in _ENDS else "...]"
            right = token.string if token.type in _ENDS else "[..."
            if token.string in _OPENERS:
                right = token.string + "..."
            if before.string in _CLOSERS:
                left = "..." + before.string
            return (
                line,
                column,
                f"a comma is missing between `{_short(left)}` and `{_short(right)}`: Python "
                f"cannot read two values side by side; write `{_short(left)}, {_short(right)}`",
            )
        if token.string in _OPENERS:
            depth += 1
        elif token.string in _CLOSERS:
            depth -= 1
        if depth == 0:
            before = token if ends_value else None
    return None


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


class CommaSlip(NamedTuple):
    """A place where a comma is probably missing in code that Python still accepts.

    ``certain`` slips (``[1, 2] [3, 4]``, a list indexed by a tuple) fail when
    the file runs; the others (``5.0 -1.0``, read as a subtraction) run but
    leave a row one number short, so they explain a wrong shape.
    """

    position: Position
    message: str
    certain: bool
    #: the line range of the slip, to match it with the variable it belongs to
    end_line: int


def comma_slips(tree: ast.AST, text: str, cell: int | None = None) -> list[CommaSlip]:
    """Missing commas that still parse: ``[[1, 2] [3, 4]]`` and ``[1.0, 5.0 -1.0]``.

    >>> [s.message for s in comma_slips(ast.parse("x = [[1, 2] [3, 4]]"), "x = [[1, 2] [3, 4]]")]
    ['a comma is missing between `[1, 2]` and `[3, 4]`: without it Python reads `[1, 2] [3, 4]` as indexing the list `[1, 2]`, which fails when the file runs; write `[1, 2], [3, 4]`']
    >>> [s.message for s in comma_slips(ast.parse("x = [1.0, 5.0 -1.0]"), "x = [1.0, 5.0 -1.0]")]
    ['Python reads `5.0 -1.0` as one number, 5.0 - 1.0, not two; if you meant two numbers, write `5.0, -1.0`']
    """
    if not (_MAYBE_SUBSCRIPT.search(text) or _MAYBE_SIGN.search(text)):  # most files
        return []
    slips: list[CommaSlip] = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.List, ast.Tuple)):
            continue
        for element in node.elts:
            slip = _subscript_slip(element, text, cell) or _sign_slip(element, text, cell)
            if slip is not None:
                slips.append(slip)
    for node in ast.walk(tree):  # a list indexed by a tuple fails wherever it stands
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, (ast.List, ast.Tuple))
            and isinstance(node.slice, ast.Tuple)
            and not any(s.position[:2] == _after(node.value, text, cell)[:2] for s in slips)
        ):
            slip = _subscript_slip(node, text, cell)
            if slip is not None:
                slips.append(slip)
    return sorted(slips, key=lambda s: s.position)


def _after(node: ast.expr, text: str, cell: int | None) -> Position:
    """The position just after ``node`` (where a missing comma belongs)."""
    line = node.end_lineno or node.lineno
    offset = node.end_col_offset or 0
    text_line = line_of(text, line) or ""
    column = len(text_line.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    return Position(line, column + 1, cell)


def _subscript_slip(node: ast.expr, text: str, cell: int | None) -> CommaSlip | None:
    if not (isinstance(node, ast.Subscript) and isinstance(node.value, (ast.List, ast.Tuple))):
        return None
    left = ast.get_source_segment(text, node.value) or ast.unparse(node.value)
    whole = ast.get_source_segment(text, node) or ast.unparse(node)
    right = whole[len(left) :].strip() if whole.startswith(left) else f"[{ast.unparse(node.slice)}]"
    left, right = _short(left), _short(right)
    fails = _index_fails(node)
    message = (
        f"a comma is missing between `{left}` and `{right}`: without it Python reads "
        f"`{left} {right}` as indexing the list `{left}`, which fails when the file runs; "
        f"write `{left}, {right}`"
        if fails
        else f"Python reads `{left} {right}` as indexing the list `{left}` (one of its items), "
        f"not as two lists; if you meant two, write `{left}, {right}`"
    )
    return CommaSlip(_after(node.value, text, cell), message, fails, node.end_lineno or node.lineno)


def _index_fails(node: ast.Subscript) -> bool:
    """Whether indexing a list or tuple written out certainly fails: by a tuple or a list
    (``[1, 2][3, 4]``, Python's TypeError), by text or a float, or by a whole number past its
    end (IndexError). ``[4][0]`` and ``(4, 5)[0]`` are plain indexing, and run."""
    index = node.slice
    if isinstance(index, (ast.Tuple, ast.List)):
        return True
    if isinstance(index, ast.Constant):
        value = index.value
        if isinstance(value, int):  # True and False are 1 and 0 here
            length = len(node.value.elts) if isinstance(node.value, (ast.List, ast.Tuple)) else 0
            starred = any(isinstance(e, ast.Starred) for e in getattr(node.value, "elts", ()))
            return not starred and not -length <= value < length
        return True  # text, a float, None: not an index
    return False


def _sign_slip(node: ast.expr, text: str, cell: int | None) -> CommaSlip | None:
    if not (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, (ast.Sub, ast.Add))
        and _is_number(node.left)
        and _is_number(node.right)
        and node.left.end_lineno == node.right.lineno
    ):
        return None
    between = (line_of(text, node.right.lineno) or "").encode("utf-8")[
        node.left.end_col_offset or 0 : node.right.col_offset
    ]
    sign = "-" if isinstance(node.op, ast.Sub) else "+"
    if not (between[:1].isspace() and between.rstrip().endswith(sign.encode())):
        return None  # "5.0 - 1.0" or "5.0-1.0" look like arithmetic on purpose
    left, right = ast.unparse(node.left), ast.unparse(node.right)
    message = (
        f"Python reads `{left} {sign}{right}` as one number, {left} {sign} {right}, not two; "
        f"if you meant two numbers, write `{left}, {sign}{right}`"
    )
    return CommaSlip(_after(node.left, text, cell), message, False, node.end_lineno or node.lineno)


def _is_number(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float))
        and not isinstance(node.value, bool)
    )
