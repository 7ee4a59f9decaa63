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
import json
import re
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from shapekit.check.readers.commas import comma_gap
from shapekit.check.readers.jsontext import missing_name
from shapekit.check.readers.source import Position, Source, line_of
from shapekit.engine.program import collector_paused, too_slow_to_parse
from shapekit.errors import InputError

__all__ = [
    "MAX_CODE_CHARS",
    "assignments",
    "check_code_size",
    "literal",
    "node_at",
    "node_position",
    "parse",
    "pick",
    "read_python",
]

#: most characters of Python code read from one file (a module, or a notebook's code cells
#: together): Python's parser holds about 500 bytes per character, so 1,000,000 characters
#: take about 0.5 GB and a few seconds; arrays that large belong in .npy or .json files
MAX_CODE_CHARS = 1_000_000
#: calls whose first argument is read as the value (``np.array([[1, 2]])``)
ARRAY_CALLS = frozenset({"array", "asarray", "tensor", "as_tensor"})
#: anything in a literal's text that JSON would read differently from Python (or not at all)
_NOT_JSON_NUMBERS = re.compile(r"[A-DF-Za-df-z_\"'#\\]")
_TRAILING_COMMA = re.compile(r",\s*\]")


def read_python(text: str, *, file: str | None = None, var: str | None = None) -> Source:
    """Read a Python literal, or the value assigned to ``var`` in Python source, without running it.

    >>> src = read_python("import os\\ninputs = [[1, 2],\\n          [3]]\\n", var="inputs")
    >>> src.value, src.locate((1,))
    ([[1, 2], [3]], Position(line=3, column=11, cell=None))
    """
    tree = parse(text, file)
    node, name = pick(tree, var, file)
    if name is not None:
        _unchanged(tree, name, node, text, file)
    value = _numeric_literal(node, text)
    if value is None:
        value = literal(node, text, file, name)

    def locate(path: Sequence[int | str]) -> Position | None:
        found = node_at(node, path)
        return None if found is None else node_position(found, text)

    return Source(value, file=file, name=name, format="python", texts={None: text}, locator=locate)


def parse(
    text: str, file: str | None, cell: int | None = None, *, quiet: bool = False
) -> ast.Module:
    """Parse Python source; a syntax error becomes an :class:`InputError` of kind ``syntax``.

    The message is written for a learner: a missing comma between two items
    is pointed at exactly, where the comma should go. What Python only warns
    about (``"\\d"`` in a string) is read silently; ``quiet`` says the caller
    has silenced warnings itself.

    >>> parse("x = [1, 2", "a.py")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.py:1:5: Python syntax error: '[' was never closed
    >>> parse("x = [1.0, 2.0 3.0]", "a.py")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.py:1:14: a comma is missing between `2.0` and `3.0`: Python cannot read two values side by side; write `2.0, 3.0`
    """
    check_code_size(len(text), file, cell)
    slow = too_slow_to_parse(text)
    if slow is not None:
        raise InputError(
            f"{file or '<input>'}{_cell_text(cell)}: {slow}",
            kind="over_limit",
            file=file,
            cell=cell,
        )
    try:
        # Never the real path: CPython re-reads a line of the file it is named after to place
        # the caret, which in a notebook is a line of JSON, not of the cell (a wrong column).
        with collector_paused():  # (a syntax tree holds no cycles: nothing for it to find)
            if quiet:  # the caller has silenced warnings already (all of a notebook's cells)
                tree = ast.parse(text, filename="<input>")
            else:
                with warnings.catch_warnings():  # "\d" in a string: Python warns (3.12:
                    warnings.simplefilter("ignore")  # SyntaxWarning) but runs it; never a
                    tree = ast.parse(text, filename="<input>")  # failure, never on stderr
        _misplaced(tree.body, in_function=False, in_loop=False)
        _late_future(tree.body)
        if _compiler_may_refuse(text):  # what only Python's compiler refuses: asked
            # (a notebook's cell may await at its top level: IPython runs it so)
            flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if cell is not None else 0
            try:
                compile(tree, "<input>", "exec", flags=flags, dont_inherit=True)
            except RecursionError:  # a tree deeper than it converts back (an elif chain
                with warnings.catch_warnings():  # 1,000 long): its text, as Python runs it
                    warnings.simplefilter("ignore")
                    compile(text, "<input>", "exec", flags=flags, dont_inherit=True)
        return tree
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = exc.offset or 1
        message = f"Python syntax error: {exc.msg}"
        if "forgot a comma" in exc.msg:
            gap = comma_gap(text, exc)
            if gap is not None:
                line, column, message = gap
        elif "Exceeds the limit" in exc.msg:
            long_number = re.search(r"(?<!\d)\d{4301}\d*+", text)  # where digits begin: linear
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
    except RecursionError:
        raise InputError(
            f"{file or '<input>'}{_cell_text(cell)}: the code is nested too deeply to read",
            kind="too_deep",
            file=file,
            cell=cell,
        ) from None
    except MemoryError:
        raise InputError(
            f"{file or '<input>'}{_cell_text(cell)}: the code is too large to read in the "
            "memory available; save large arrays as .npy or .json files",
            kind="too_large",
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


def check_code_size(size: int, file: str | None, cell: int | None = None) -> None:
    """Refuse Python code of more than :data:`MAX_CODE_CHARS` characters, before parsing it.

    >>> check_code_size(2_000_000, "big.py")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: big.py: the Python code has 2,000,000 characters, more than the 1,000,000 shapekit reads; save large arrays as .npy or .json files
    """
    if size > MAX_CODE_CHARS:
        raise InputError(
            f"{file or '<input>'}{_cell_text(cell)}: the Python code has {size:,} characters, "
            f"more than the {MAX_CODE_CHARS:,} shapekit reads; save large arrays as .npy or "
            ".json files",
            kind="over_limit",
            file=file,
            cell=cell,
        )


def _text_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _misplaced(body: list[ast.stmt], *, in_function: bool, in_loop: bool, around: int = 0) -> None:
    """Python's SyntaxError for a statement the parser takes but the compiler refuses where
    it stands (``return`` outside a function, ``break`` outside a loop, ``nonlocal`` in a
    function no function encloses …): the file never starts. ``around``: how many function
    bodies enclose ``body``. Only compound statements are walked into, never expressions:
    this costs little. The bodies are walked in the order they are written, without
    recursion: an ``elif`` chain 1,000 long, which Python compiles, is 1,000 bodies deep."""
    bodies: list[tuple[Iterator[ast.stmt], bool, bool, int]] = [
        (iter(body), in_function, in_loop, around)
    ]
    while bodies:
        statements, in_function, in_loop, around = bodies[-1]
        statement = next(statements, None)
        if statement is None:
            bodies.pop()
            continue
        kind = type(statement)
        if kind in _PLAIN_STATEMENTS and (
            in_function or kind is not ast.Expr or type(statement.value) not in _YIELDS  # type: ignore[attr-defined]
        ):
            continue
        message = None
        if kind is ast.Return and not in_function:
            message = "'return' outside function"
        elif kind is ast.Break and not in_loop:
            message = "'break' outside loop"
        elif kind is ast.Continue and not in_loop:
            message = "'continue' not properly in loop"
        elif kind is ast.Nonlocal and not around:
            message = "nonlocal declaration not allowed at module level"
        elif kind is ast.Nonlocal and in_function and around < 2:  # no function's names to bind
            message = f"no binding for nonlocal '{statement.names[0]}' found"  # type: ignore[attr-defined]
        elif kind is ast.Expr and not in_function and type(statement.value) in _YIELDS:  # type: ignore[attr-defined]
            message = "'yield' outside function"
        elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            message = _repeated_parameter(statement)  # type: ignore[arg-type]
        if message is not None:
            error = SyntaxError(message)
            error.lineno, error.offset = statement.lineno, statement.col_offset + 1
            raise error
        inner: list[tuple[list[ast.stmt], bool, bool, int]] = []  # in the order written
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            inner.append((statement.body, True, False, around + 1))  # type: ignore[attr-defined]
        elif kind is ast.ClassDef:
            inner.append((statement.body, False, False, around))  # type: ignore[attr-defined]
        elif kind is ast.For or kind is ast.AsyncFor or kind is ast.While:
            inner.append((statement.body, in_function, True, around))  # type: ignore[attr-defined]
            inner.append((statement.orelse, in_function, in_loop, around))  # type: ignore[attr-defined]
        elif kind in _BLOCKS:
            for field in _BLOCKS[kind]:
                for child in getattr(statement, field):
                    inside = (
                        child.body
                        if isinstance(child, (ast.ExceptHandler, ast.match_case))
                        else [child]
                    )
                    inner.append((inside, in_function, in_loop, around))
        # the first body written is walked first: it goes on the top of the stack
        bodies.extend(
            (iter(block), function, loop, depth) for block, function, loop, depth in reversed(inner)
        )


def _repeated_parameter(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """Python's message for a parameter named twice (``def f(x, x):``), or None."""
    args = function.args
    seen: set[str] = set()
    for arg in (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg):
        if arg is None:
            continue
        if arg.arg in seen:
            return f"duplicate argument '{arg.arg}' in function definition"
        seen.add(arg.arg)
    return None


#: a keyword written in a call or a class's bases (after "(" or ","); assignments and
#: comparisons are not (``=`` not followed by ``=``)
_KEYWORD = re.compile(r"[(,]\s*([A-Za-z_]\w*)\s*=(?!=)")


def _compiler_may_refuse(text: str) -> bool:
    """Whether ``text`` has a word or sign without which the parser takes nothing that
    Python's compiler refuses beyond what is looked for here already: ``await``/``async``/
    ``yield`` outside their functions, ``global``/``nonlocal`` after an assignment, ``import
    *`` in a function, a walrus in a comprehension's iterable or a class body, starred targets
    alone or twice, a keyword given twice in a call (``np.sum(x, axis=1, axis=0)``),
    ``__debug__`` assigned, a return in an ``except*`` handler, a ``match`` whose capture
    pattern hides the cases after it or binds a name twice, a ``__future__`` feature Python
    does not have, blocks nested more than 20 deep.
    Substring searches first: one pattern of them all cost 5 % of a check."""
    if (
        "await" in text
        or "async" in text
        or "yield" in text
        or "global" in text
        or "nonlocal" in text
        or ":=" in text
        or "__debug__" in text  # assigned to
        or "except*" in text  # a return, break or continue in its handler
        or "except *" in text
        or ("match" in text and "case" in text)  # a capture before other cases, x bound twice
        or "__future__" in text  # a feature Python does not have (`braces`)
    ):
        return True
    if _DEEP_SPACES in text or _DEEP_TABS in text:  # (blocks nested more than 20 deep)
        return True
    if "import" in text and _IMPORT_STAR.search(text):
        return True
    for found in _UNARY_STAR.finditer(text):  # `*rest` after `,` `(` `[` `=` or a line's start
        i = found.start() - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] in ",([=\n":
            return True
    keywords = _KEYWORD.findall(text)  # some keyword written twice (in one call, or two)
    return len(keywords) != len(set(keywords))


_IMPORT_STAR = re.compile(r"import\s+\*")
#: a line indented 20 columns or more (or 10 tabs): blocks may be nested past Python's 20
_DEEP_SPACES, _DEEP_TABS = "\n" + " " * 20, "\n" + "\t" * 10
_UNARY_STAR = re.compile(r"\*[A-Za-z_(\[]")


def _late_future(body: list[ast.stmt]) -> None:
    """Python's SyntaxError for ``from __future__ import …`` after other code (only a
    docstring and other such imports may come before it), at the top of a module or cell."""
    started = False
    for index, statement in enumerate(body):
        if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
            if started:
                error = SyntaxError(
                    "from __future__ imports must occur at the beginning of the file"
                )
                error.lineno, error.offset = statement.lineno, statement.col_offset + 1
                raise error
            continue
        docstring = (
            index == 0
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        )
        started = started or not docstring


#: a statement that is only a yield: allowed in a function's body alone
_YIELDS = frozenset({ast.Yield, ast.YieldFrom})
#: statements that hold no other statement and are allowed anywhere
_PLAIN_STATEMENTS = frozenset(
    {ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Import, ast.ImportFrom, ast.Pass}
    | {ast.Global, ast.Delete, ast.Raise, ast.Assert}
)
#: the statements with bodies of their own, by the fields that hold them
_BLOCKS: dict[type, tuple[str, ...]] = {
    ast.If: ("body", "orelse"),
    ast.With: ("body",),
    ast.AsyncWith: ("body",),
    ast.Try: ("body", "handlers", "orelse", "finalbody"),
    ast.Match: ("cases",),
}
if hasattr(ast, "TryStar"):  # Python 3.11: except*
    _BLOCKS[ast.TryStar] = ("body", "handlers", "orelse", "finalbody")


def _where(file: str | None, line: int, column: int, cell: int | None) -> str:
    return f"{file or '<input>'}:{line}:{column}{_cell_text(cell)}"


def _cell_text(cell: int | None) -> str:
    return f" (cell {cell})" if cell is not None else ""


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


def pick(
    tree: ast.Module, var: str | None, file: str | None, numbers_only: bool = False
) -> tuple[ast.expr, str | None]:
    """The expression to read: ``var``'s value, a lone expression, or the only array-like
    assignment (``numbers_only``: a list written with numbers, see :func:`_array_like`).

    >>> node, name = pick(ast.parse("n = 3\\nx = [1, 2]"), None, "a.py")
    >>> name, ast.unparse(node)
    ('x', '[1, 2]')
    """
    assigned = assignments(tree)
    if var is not None:
        if var in assigned:
            return assigned[var], var
        raise missing_name(var, list(assigned), file, what="variable")
    if (
        len(tree.body) == 1
        and isinstance(tree.body[0], ast.Expr)
        and not (numbers_only and not _list_like(tree.body[0].value))  # (not a docstring)
    ):
        return tree.body[0].value, None
    arrays = {
        name: node
        for name, node in assigned.items()
        if (_array_like(node) if numbers_only else _list_like(node))
    }
    if len(arrays) == 1:
        name, node = arrays.popitem()
        return node, name
    where = file or "<input>"
    if arrays:
        listed = ", ".join(sorted(arrays))
        message = f"{where}: several variables hold lists ({listed}); choose one with --var NAME"
    else:
        message = f"{where}: {NO_ARRAY}"
        if assigned:
            message += f" (it assigns: {', '.join(sorted(assigned))})"
    raise InputError(message, kind="no_variable", file=file)


#: what a file that assigns no list or array at its top level is said to lack
NO_ARRAY = "no list or array is assigned at the top level of this code"


def _list_like(node: ast.expr) -> bool:
    return isinstance(node, (ast.List, ast.Tuple)) or _array_call(node) is not None


def _array_like(node: ast.expr) -> bool:
    """A list or tuple written out with numbers (or ``np.array`` of one): what a run without
    names checks. A list of arrays, objects or text the file makes is no array it is meant
    to hold (``outs = [np.ones((3, 2)), np.ones((1, 2))]``, ``layers = [Dense(4, 8)]``).

    >>> _array_like(ast.parse("[[1, -2.5], (3, 4)]", mode="eval").body)
    True
    >>> _array_like(ast.parse("[np.ones(2), w]", mode="eval").body)
    False
    """
    inner = _array_call(node)
    if inner is not None:
        node = inner
    # (an empty list is one to be filled: outputs = [] before a loop appends arrays)
    return isinstance(node, (ast.List, ast.Tuple)) and bool(node.elts) and _of_numbers(node)


def _of_numbers(node: ast.expr, depth: int = 0) -> bool:
    """Whether a list or tuple is written with numbers only (at any depth)."""
    if depth > 64:
        return False
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_of_numbers(e, depth + 1) for e in node.elts)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float, bool, complex)


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


_CHANGING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "reverse", "sort"})


def _unchanged(tree: ast.Module, name: str, node: ast.expr, text: str, file: str | None) -> None:
    """Refuse a literal the code changes afterwards (``x = []`` then ``x.append(row)`` in a
    loop): its written value is not the value the file ends with, and only following the
    code tells that (``shapekit check`` does); never a made-up shape such as ``(0,)``."""
    for other in ast.walk(tree):
        changed: ast.stmt | ast.expr | None = None
        if (
            isinstance(other, ast.Call)
            and isinstance(other.func, ast.Attribute)
            and other.func.attr in _CHANGING
            and isinstance(other.func.value, ast.Name)
            and other.func.value.id == name
        ):
            changed = other
        elif isinstance(other, (ast.AugAssign, ast.Assign, ast.AnnAssign)):
            targets = other.targets if isinstance(other, ast.Assign) else [other.target]
            for target in targets:
                base = target
                while isinstance(base, (ast.Subscript, ast.Attribute)):
                    base = base.value
                if isinstance(base, ast.Name) and base.id == name:
                    same = isinstance(other, ast.Assign) and other.value is node
                    changed = None if same else other
        if changed is not None and changed.lineno > node.lineno:  # what comes before is undone
            line, column, _ = node_position(node, text)
            where = f"{file or '<input>'}:{line}:{column}"
            raise InputError(
                f"{where}: {name} is changed after it is written, at line {changed.lineno}, so "
                f"its shape is only known by following the code: `shapekit check "
                f"{file or 'FILE'} --var {name}` does, without running it",
                kind="not_literal",
                file=file,
                line=line,
                column=column,
            )


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
