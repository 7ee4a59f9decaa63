"""Python literals and Python source files, read with ``ast`` and never executed.

A file is parsed, one assignment is picked by variable name (the last one at
the top level, as running the file would leave it), and its value is built
from the syntax tree: numbers, strings, lists, tuples, dicts, sets, ``-``
signs, and ``np.array(...)``/``asarray``/``tensor`` calls, which are looked
through. Anything that would need running (a name, an operation, another
call) is reported with its position instead. The tree gives every element's
line and column, so locating an error is a walk down ``elts``.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from collections.abc import Sequence
from typing import Any, NamedTuple

from shapekit.check.readers.jsontext import missing_name
from shapekit.check.readers.source import Position, Source, line_of
from shapekit.errors import InputError

__all__ = [
    "CommaSlip",
    "assignments",
    "comma_slips",
    "literal",
    "node_at",
    "node_position",
    "parse",
    "pick",
    "read_python",
]

#: calls whose first argument is read as the value (``np.array([[1, 2]])``)
ARRAY_CALLS = frozenset({"array", "asarray", "tensor", "as_tensor"})
#: anything in a literal's text that JSON would read differently from Python (or not at all)
_NOT_JSON_NUMBERS = re.compile(r"[A-DF-Za-df-z_\"'#\\]")
_TRAILING_COMMA = re.compile(r",\s*\]")
#: text that may hold a comma slip: a closing bracket before an opening one, a number and a sign
_MAYBE_SLIP = re.compile(r"[\])]\s*\[|[\w.]\s+[-+][\d.]")


def read_python(text: str, *, file: str | None = None, var: str | None = None) -> Source:
    """Read a Python literal, or the value assigned to ``var`` in Python source, without running it.

    >>> src = read_python("import os\\ninputs = [[1, 2],\\n          [3]]\\n", var="inputs")
    >>> src.value, src.locate((1,))
    ([[1, 2], [3]], Position(line=3, column=11, cell=None))
    """
    tree = parse(text, file)
    node, name = pick(tree, var, file)
    value = _numeric_literal(node, text)
    if value is None:
        value = literal(node, text, file, name)

    def locate(path: Sequence[int | str]) -> Position | None:
        found = node_at(node, path)
        return None if found is None else node_position(found, text)

    return Source(value, file=file, name=name, format="python", texts={None: text}, locator=locate)


def parse(text: str, file: str | None, cell: int | None = None) -> ast.Module:
    """Parse Python source; a syntax error becomes an :class:`InputError` of kind ``syntax``.

    The message is written for a learner: a missing comma between two items
    is pointed at exactly, where the comma should go.

    >>> parse("x = [1, 2", "a.py")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.py:1:5: Python syntax error: '[' was never closed
    >>> parse("x = [1.0, 2.0 3.0]", "a.py")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.py:1:14: a comma is missing between `2.0` and `3.0`: Python cannot read two values side by side; write `2.0, 3.0`
    """
    try:
        return ast.parse(text, filename=file or "<input>")
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        message = f"Python syntax error: {exc.msg}"
        if "forgot a comma" in exc.msg:
            gap = _comma_gap(text, exc)
            if gap is not None:
                line, column, message = gap
        elif "Exceeds the limit" in exc.msg:
            long_number = re.search(r"\d{4301,}", text)
            if long_number is not None:
                line, column, _ = _text_position(text, long_number.start())
            message = (
                "this number has more than 4300 digits; no array element can be that large "
                "(NumPy's largest integers have 20 digits)"
            )
        raise InputError(
            f"{_where(file, line, column, cell)}: {message}",
            kind="syntax",
            file=file,
            line=line,
            column=column,
            cell=cell,
        ) from None
    except (RecursionError, MemoryError):
        raise InputError(
            f"{file or '<input>'}{_cell_text(cell)}: the code is nested too deeply to read",
            kind="too_deep",
            file=file,
            cell=cell,
        ) from None
    except ValueError as exc:  # a NUL byte, or an int past the digit limit in older Pythons
        raise InputError(
            f"{file or '<input>'}{_cell_text(cell)}: cannot read this code ({exc})",
            kind="syntax",
            file=file,
            cell=cell,
        ) from None


def _text_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _where(file: str | None, line: int, column: int, cell: int | None) -> str:
    return f"{file or '<input>'}:{line}:{column}{_cell_text(cell)}"


def _cell_text(cell: int | None) -> str:
    return f" (cell {cell})" if cell is not None else ""


#: tokens that end a value, and tokens that start one (a comma belongs between them)
_ENDS = frozenset({tokenize.NUMBER, tokenize.STRING, tokenize.NAME})
_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")


def _comma_gap(text: str, exc: SyntaxError) -> tuple[int, int, str] | None:
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


def assignments(tree: ast.Module) -> dict[str, ast.expr]:
    """Top-level ``name = value`` assignments, the last one of each name winning.

    >>> sorted(assignments(ast.parse("a = 1\\nb: int = 2\\na = [3]\\nc, d = 4, 5")))
    ['a', 'b']
    """
    found: dict[str, ast.expr] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = statement.value
        elif (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.value is not None
        ):
            found[statement.target.id] = statement.value
    return found


def pick(tree: ast.Module, var: str | None, file: str | None) -> tuple[ast.expr, str | None]:
    """The expression to read: ``var``'s value, a lone expression, or the only array-like assignment.

    >>> node, name = pick(ast.parse("n = 3\\nx = [1, 2]"), None, "a.py")
    >>> name, ast.unparse(node)
    ('x', '[1, 2]')
    """
    assigned = assignments(tree)
    if var is not None:
        if var in assigned:
            return assigned[var], var
        raise missing_name(var, list(assigned), file, what="variable")
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        return tree.body[0].value, None
    arrays = {name: node for name, node in assigned.items() if _array_like(node)}
    if len(arrays) == 1:
        name, node = arrays.popitem()
        return node, name
    where = file or "<input>"
    if arrays:
        listed = ", ".join(sorted(arrays))
        message = f"{where}: several variables hold lists ({listed}); choose one with --var NAME"
    else:
        message = f"{where}: no list or array is assigned at the top level of this code"
        if assigned:
            message += f" (it assigns: {', '.join(sorted(assigned))})"
    raise InputError(message, kind="no_variable", file=file)


def _array_like(node: ast.expr) -> bool:
    return isinstance(node, (ast.List, ast.Tuple)) or _array_call(node) is not None


def _array_call(node: ast.expr) -> ast.expr | None:
    """The first argument of ``np.array(x)``-style calls, else ``None``."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return node.args[0] if name in ARRAY_CALLS else None


def literal(
    node: ast.expr, text: str, file: str | None, name: str | None = None, cell: int | None = None
) -> Any:
    """Build the value of a literal expression; anything that would need running is an error.

    >>> literal(ast.parse("[[1, -2.5], (3, 'x')]", mode="eval").body, "", None)
    [[1, -2.5], (3, 'x')]
    """
    inner = _array_call(node)
    if inner is not None:
        return literal(inner, text, file, name, cell)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List):
        return [literal(e, text, file, name, cell) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(literal(e, text, file, name, cell) for e in node.elts)
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, (ast.USub, ast.UAdd))
        and isinstance(node.operand, ast.Constant)
        and isinstance(node.operand.value, (int, float, complex))
        and not isinstance(node.operand.value, bool)
    ):
        value = node.operand.value
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, (ast.Set, ast.Dict)) and None not in getattr(node, "keys", ()):
        keys: list[ast.expr] = node.elts if isinstance(node, ast.Set) else node.keys  # type: ignore[assignment]
        built = [literal(k, text, file, name, cell) for k in keys]
        for key, value in zip(keys, built, strict=True):
            if not _hashable(value):  # {[1, 2]}: Python itself would refuse to build it
                line, column, _ = node_position(key, text)
                what = "set element" if isinstance(node, ast.Set) else "dict key"
                raise InputError(
                    f"{_where(file, line, column, cell)}: a {what} cannot be a list "
                    f"(`{_short(ast.unparse(key))}`): Python refuses it when the file runs "
                    "(unhashable type), and a set or dict is not an array anyway",
                    kind="not_an_array",
                    file=file,
                    line=line,
                    column=column,
                    cell=cell,
                )
        if isinstance(node, ast.Set):
            return set(built)
        return {
            k: literal(v, text, file, name, cell) for k, v in zip(built, node.values, strict=True)
        }
    raise _not_literal(node, text, file, name, cell)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _numeric_literal(node: ast.expr, text: str) -> list[Any] | None:
    """Fast path: a list of plain numbers is also JSON, which the C decoder reads quickly.

    Only ASCII text without ``\\r`` (so ``ast``'s byte columns and lines are
    the text's) and a segment with no letters but ``e``/``E`` and no quotes
    (so no names, strings, ``True``, ``null``, ``NaN``) take it, trailing
    commas dropped; anything
    else, or any JSON error, returns ``None`` for the exact ``ast`` walk.
    """
    node = _array_call(node) or node
    if not isinstance(node, ast.List) or node.end_lineno is None or node.end_col_offset is None:
        return None
    if not text.isascii() or "\r" in text:
        return None
    lines = text.split("\n", node.end_lineno)[node.lineno - 1 : node.end_lineno]
    lines[-1] = lines[-1][: node.end_col_offset]
    lines[0] = lines[0][node.col_offset :]
    segment = "\n".join(lines)
    if _NOT_JSON_NUMBERS.search(segment):
        return None
    try:
        value = json.loads(_TRAILING_COMMA.sub("]", segment))
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def _not_literal(
    node: ast.expr, text: str, file: str | None, name: str | None, cell: int | None
) -> InputError:
    line, column, _ = node_position(node, text)
    snippet = ast.unparse(node)
    if len(snippet) > 40:
        snippet = snippet[:37] + "..."
    place = f"{line}:{column} (cell {cell})" if cell is not None else f"{line}:{column}"
    subject = f"the value of {name}" if name else "the value"
    return InputError(
        f"{file or '<input>'}:{place}: {subject} uses `{snippet}`, which would have to be run "
        "to know its value; shapekit reads files without running them, so write the numbers out",
        kind="not_literal",
        file=file,
        line=line,
        column=column,
        cell=cell,
    )


def node_at(node: ast.expr, path: Sequence[int | str]) -> ast.expr | None:
    """The sub-expression at index ``path`` (looking through ``np.array(...)`` calls).

    >>> ast.unparse(node_at(ast.parse("[[1], np.array([2, 3])]", mode="eval").body, (1, 0)))
    '2'
    """
    for key in path:
        inner = _array_call(node)
        if inner is not None:
            node = inner
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(key, int):
            if not 0 <= key < len(node.elts):
                return None
            node = node.elts[key]
        else:
            return None
    inner = _array_call(node)
    return node if inner is None else inner


def node_position(node: ast.expr, text: str, cell: int | None = None) -> Position:
    """A node's 1-based line and character column (``ast`` counts UTF-8 bytes).

    >>> node_position(ast.parse("x = 'é', [1]").body[0].value.elts[1], "x = 'é', [1]")
    Position(line=1, column=10, cell=None)
    """
    line = node.lineno
    column = node.col_offset
    text_line = line_of(text, line)
    if text_line is not None and not text_line.isascii():
        column = len(text_line.encode("utf-8")[: node.col_offset].decode("utf-8", "ignore"))
    return Position(line, column + 1, cell)


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
    if not _MAYBE_SLIP.search(text):  # most files: no bracket before a bracket, no "5 -1"
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
    message = (
        f"a comma is missing between `{left}` and `{right}`: without it Python reads "
        f"`{left} {right}` as indexing the list `{left}`, which fails when the file runs; "
        f"write `{left}, {right}`"
    )
    return CommaSlip(_after(node.value, text, cell), message, True, node.end_lineno or node.lineno)


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
