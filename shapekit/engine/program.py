"""Shapes through a whole module or notebook, read without running it.

:func:`analyse` follows each name of a Python module or of a notebook's code cells (in order;
a later cell wins) the way running it would, but on shapes: literals, ``np.array(...)``,
``.T``, ``.reshape``, ``np.zeros``, ``np.random.randn``, ``np.dot``, ``@``, broadcasting,
reductions, joining arrays, tuple unpacking, loops that ``.append`` over something of known
length, ``while`` loops with a known bound, list comprehensions, ``if``/``else``, dicts, names
assigned inside ``def main():``, calls of the file's own functions, and its own classes (an
instance's attributes set by ``__init__`` and its methods). Nothing is executed or imported. What cannot be followed is an honest
*unknown*, with the reason and the line.

Every operation whose operand shapes are known and that NumPy (or Python, for lists) would
refuse is a :class:`Problem`, with the same explanation as ``shapekit explain`` and fixes
written in the student's own expression, each checked by following it again.

The interface (used by ``shapekit check``):

- ``analyse(cells, file=None) -> Program``; ``cells`` is a sequence of ``(cell, text)``
  pairs, ``cell`` being the cell's index in a notebook or ``None`` for a module. A triple
  ``(cell, text, tree)`` passes an ``ast.Module`` already parsed from ``text``. A syntax error
  raises :class:`~shapekit.errors.InputError` (``kind == "syntax"``).
- ``Program.binding(name) -> Binding | None``: the name's final binding at module level, else
  the last one assigned inside a function body; ``None`` when it is never assigned.
  ``Program.names`` maps every assigned name to that binding; ``Program.problems`` lists the
  problems in the order they were met.
- :class:`Binding`: ``name``, ``status`` (``"known"``, ``"unknown"`` or ``"error"``), ``shape``,
  ``value`` (a nested list, a NumPy array, a number, or ``None``), ``reason`` (why it is
  unknown, or the error's message), ``error`` (a :class:`~shapekit.errors.ShapeError`: a ragged
  literal, a string, an operation that fails …), ``line``/``column`` (1-based, characters) and
  ``cell`` of the assigned value, ``node`` (the ``ast`` node of the value: the literal itself
  when the value is a literal list, so an element can be located) and ``text`` (the text
  ``node`` is written in).
- :class:`Problem`: ``line``, ``column`` (1-based), ``cell``, ``expr`` (the operation as the
  student wrote it), ``message``, ``fixes`` (whole corrected expressions) and ``error`` (the
  :class:`~shapekit.errors.MismatchError`).

Limits (decided before the work): :data:`MAX_STATEMENTS` statements executed,
:data:`MAX_ITERATIONS` iterations of one loop, :data:`MAX_CALL_DEPTH` nested calls of the
file's functions; past them the names concerned are unknown, with the limit as the reason.

>>> program = analyse([(None, '''
... import numpy as np
... inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]
... weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]
... biases = [2.0, 3.0, 0.5]
... outputs = np.dot(inputs, weights) + biases
... ''')], file="layer.py")
>>> program.binding("weights").shape
(3, 4)
>>> problem = program.problems[0]
>>> problem.line, problem.column, problem.expr
(6, 11, 'np.dot(inputs, weights)')
>>> problem.fixes
['np.dot(inputs, np.array(weights).T) + biases']
"""

from __future__ import annotations

import ast
import gc
import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from shapekit.errors import InputError, MismatchError, ShapeError

__all__ = [
    "MAX_CALL_DEPTH",
    "MAX_ITERATIONS",
    "MAX_STATEMENTS",
    "UNDECIDED",
    "Binding",
    "Problem",
    "Program",
    "analyse",
]

#: most statements executed while following one file (loops unrolled, calls followed)
MAX_STATEMENTS = 20_000
#: most parts of expressions followed while following one file (the largest of a corpus
#: of 1,200 submissions took 120,000: a file of dense arithmetic is cut short, not slow)
MAX_OPERATIONS = 250_000
#: most iterations of one loop followed one by one
MAX_ITERATIONS = 1_000
#: deepest nesting of calls of the file's own functions that is followed
MAX_CALL_DEPTH = 6
#: deepest nesting of blocks followed (bodies of if, for, with, try, and of calls): Python
#: allows 100 levels of indentation, and an ``elif`` chain nests one more ``if`` per branch
MAX_NESTING = 100
#: what a possible problem depends on when its own message says it (an ``assert`` whose
#: truth only running the file tells, ``np.dot`` into an ``out=`` whose dtype is not known):
#: running may stop there, or go on
UNDECIDED = "whether it holds, which only running the file tells"

Shape = tuple[int, ...]
Cell = tuple[int | None, str] | tuple[int | None, str, ast.Module]


@dataclass(frozen=True)
class Binding:
    """What a name holds at the end of the file, and where it was assigned."""

    name: str
    status: str
    shape: Shape | None
    value: Any
    reason: str | None
    error: ShapeError | InputError | None
    line: int
    column: int
    cell: int | None
    node: ast.AST | None
    text: str
    #: the kind of numbers of an array ("b" for booleans, "i", "f", ...), when known
    dtype: str | None = None
    #: what reaching its last assignment depends on (an exit before it that may run: then
    #: the file may end with an earlier value), None when running certainly gets there
    depends: str | None = None


@dataclass(frozen=True)
class Problem:
    """An operation that NumPy (or Python) would refuse, where it is written, and its fixes."""

    line: int
    column: int
    cell: int | None
    expr: str
    message: str
    fixes: list[str]
    error: MismatchError
    #: where the fixes go: the character offsets, in its cell's text, of the expression each
    #: fix replaces (None when no fix is offered)
    span: tuple[int, int] | None = None
    #: the refused node, and whether it was found in the frame that was running (not inside
    #: a call it made): what tells whether a ``try`` certainly fails (not in reports)
    node: ast.AST | None = field(default=None, repr=False, compare=False)
    frame: Any = field(default=None, repr=False, compare=False)
    #: whether running the file certainly reaches the operation (else it is on a path that
    #: depends on what shapekit does not know: ``depends`` says what)
    certain: bool = True
    depends: str | None = None
    #: for a problem after the one where running the file certainly stops: where that is
    #: (the line running never gets past; the problem is checked as if it did)
    past: str | None = None
    #: for a problem not certain only because a raise or an assert nothing catches may
    #: stop running first: the file fails either way (here, or with that error there)
    fails_file: bool = False


class Bindings(Mapping[str, Binding]):
    """Every assigned name's :class:`Binding`, each worked out when it is first read: a
    checker reads the few names it expects, not every local of every function."""

    def __init__(self, entries: dict[str, Any], make: Callable[..., Binding]) -> None:
        self._entries, self._make = entries, make  # name: (operand, place)
        self._made: dict[str, Binding] = {}

    def __getitem__(self, name: str) -> Binding:
        made = self._made.get(name)
        if made is None:
            made = self._made[name] = self._make(name, *self._entries[name])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def operand(self, name: str) -> Any:
        """The value ``name`` ends with, as the interpreter knows it (an ``Operand``)."""
        entry = self._entries.get(name)
        return None if entry is None else entry[0]

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass
class Program:
    """The result of :func:`analyse`: every assigned name's binding, and the problems."""

    file: str | None
    names: Mapping[str, Binding] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: the data files the program reads (``np.loadtxt("data.csv")`` …) and its own modules
    #: it imports and that are followed (``from data import inputs``), as real paths
    reads: list[str] = field(default_factory=list)
    #: the interpreter, still open, of a module whose functions the file importing it
    #: calls (``analyse(keep_open=True)``; the importing file's analysis closes it)
    host: Any = field(default=None, repr=False, compare=False)
    #: where the file may make names at run time (``exec()`` at line 4, ``globals()`` …):
    #: a name it never assigns may still exist when it runs
    dynamic: str | None = None

    def binding(self, name: str) -> Binding | None:
        """The final binding of ``name`` (module level first), or ``None`` if never assigned.

        >>> analyse([(None, "def main():\\n    x = [1, 2]\\n")]).binding("x").shape
        (2,)
        """
        return self.names.get(name)


#: most ``{`` in a file that has f-strings: CPython 3.11's parser takes time quadratic in
#: the fields of one f-string (20,000 take 0.3 s, 50,000 2 s, 250,000 over 30 s)
MAX_FSTRING_BRACES = 20_000
_FSTRING = re.compile(r"(?<![\w'\"])(?:[fF][rR]?|[rR][fF])['\"]")


def too_slow_to_parse(text: str) -> str | None:
    """Why Python's own parser would take minutes on ``text`` (None: it would not).

    >>> too_slow_to_parse('y = f"' + "{1}" * 60_000 + '"').split(",")[0]
    'it holds f-strings and 60'
    >>> too_slow_to_parse("x = {1: 2}") is None
    True
    """
    braces = text.count("{")
    if braces > MAX_FSTRING_BRACES and _FSTRING.search(text):
        return (
            f"it holds f-strings and {braces:,} braces {{, more than the "
            f"{MAX_FSTRING_BRACES:,} shapekit reads (Python's parser takes minutes on so many "
            "fields)"
        )
    return None


#: a private name (``__w``, not ``__init__``) somewhere in a text: Python's compiler renames
#: those written inside a class (see :func:`mangle_private`)
_PRIVATE = re.compile(r"\b__(?=\w)(?!\w*__\b)")


def mangle_private(tree: ast.Module, text: str) -> None:
    """Rename the private names written inside each class as Python's compiler does:
    ``self.__w`` in ``class Layer`` is ``self._Layer__w``, and so are the class's
    ``__count = 0`` and ``def __step(self)``, parameters and names of its methods (not a
    call's keywords, nor text given to ``getattr``). A subclass's ``__w`` is then another
    attribute than its base's, and ``layer.__w`` outside the class is Python's
    AttributeError. Idempotent: a renamed name no longer starts with ``__``.

    >>> tree = ast.parse("class Layer:\\n    def f(self):\\n        self.__w = 1\\nL().__w")
    >>> mangle_private(tree, "__w class")
    >>> [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)]
    ['__w', '_Layer__w']
    """
    if "class" not in text or _PRIVATE.search(text) is None:
        return
    # each class's name as written (a class `__Inner` inside `Outer` is renamed itself)
    classes = [(node, node.name) for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    for node, name in classes:
        prefix = "_" + name.lstrip("_")
        if prefix != "_":
            _mangle_body(node.body, prefix)


def _mangle_body(body: list[ast.stmt], prefix: str) -> None:
    """Rename the private names of a class's body (its own classes keep their bodies: each
    renames with its own name, see :func:`mangle_private`)."""

    def renamed(name: str) -> str:
        return prefix + name if name.startswith("__") and not name.endswith("__") else name

    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            node.id = renamed(node.id)
        elif isinstance(node, ast.Attribute):
            node.attr = renamed(node.attr)
        elif isinstance(node, ast.arg):
            node.arg = renamed(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            node.name = renamed(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            node.names = [renamed(name) for name in node.names]
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            node.name = renamed(node.name)
        elif isinstance(node, ast.alias) and node.asname:  # import math as __m
            node.asname = renamed(node.asname)
        if isinstance(node, ast.ClassDef):  # its name, bases and decorators are this class's
            stack.extend(node.bases)
            stack.extend(node.keywords)
            stack.extend(node.decorator_list)
            continue
        stack.extend(ast.iter_child_nodes(node))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while objects that hold no cycles are made by
    the million (a syntax tree, rows of numbers): it would walk the growing heap again and
    again (a 1 MB file parsed in 16 s of CPU instead of 1.5 s); back on as it was after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parse_cell(text: str, file: str | None, cell: int | None) -> ast.Module:
    """Parse one cell or module; a syntax error is an :class:`InputError` of kind ``syntax``."""
    slow = too_slow_to_parse(text)
    if slow is not None:
        raise InputError(f"{file or '<input>'}: {slow}", kind="over_limit", file=file, cell=cell)
    try:
        # never the real file name: CPython would take the column of an error from the file on
        # disk (a line of JSON in a notebook); and what Python only warns about ("\d" in a
        # string) is no error and is not printed
        with warnings.catch_warnings(), collector_paused():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename="<input>")
    except SyntaxError as exc:
        line, column = exc.lineno or 1, exc.offset or 1
        where = f"{file or '<input>'}:{line}:{column}" + (
            f" (cell {cell})" if cell is not None else ""
        )
        raise InputError(
            f"{where}: Python syntax error: {exc.msg}",
            kind="syntax",
            file=file,
            line=line,
            column=column,
            cell=cell,
        ) from None
    except (RecursionError, MemoryError, ValueError) as exc:
        what = "nested too deeply" if not isinstance(exc, ValueError) else "not readable"
        raise InputError(
            f"{file or '<input>'}: the code is {what} to read",
            kind="too_deep" if what.startswith("nested") else "syntax",
            file=file,
            cell=cell,
        ) from None


def analyse(
    cells: Sequence[Cell],
    file: str | None = None,
    *,
    in_order: bool = False,
    fixes: bool = True,
    importing: tuple[str, ...] = (),
    modules: dict[str, Any] | None = None,
    keep_open: bool = False,
    module_name: str = "__main__",
) -> Program:
    """Follow the shapes through a module (``[(None, text)]``) or a notebook's code cells.

    See the module's documentation for what is followed and for the result. A name read
    before any statement binds it is Python's NameError in a module; in a notebook only
    when ``in_order`` says its cells run in order from a fresh kernel (a kernel may hold
    names from cells run out of order, or bound by IPython syntax shapekit does not read).

    >>> program = analyse([(1, "import numpy as np\\nx = np.zeros((3, 4))"), (2, "y = x.T")])
    >>> program.binding("y").shape, program.binding("y").cell
    ((4, 3), 2)
    >>> analyse([(None, "from helpers import load_data\\ndata = load_data()")]).binding("data").reason
    '`data` comes from `load_data()` at line 2, which cannot be followed without running the file'
    """
    from shapekit.engine._statements import Interpreter

    parsed = []
    for entry in cells:
        cell, text = entry[0], entry[1]
        tree = entry[2] if len(entry) > 2 else parse_cell(text, file, cell)
        mangle_private(tree, text)
        parsed.append((cell, text, tree))
    interpreter = Interpreter(file)
    # the files whose imports led here (``importing``): the file's own modules they import
    # are followed, but never into a cycle (see shapekit.engine._modules)
    interpreter.imported_by = importing
    # a data file is read from the working directory: the checked file's folder, also for a
    # module it imports from a folder of its own (pkg/data.py reading "w.csv")
    interpreter.data_root = importing[0] if importing else file
    interpreter.module_name = module_name  # __name__: a module imported has its own name
    if modules is not None:  # one table for every module of one check, however deep
        interpreter.modules = modules
    if not fixes:  # only whether it fails is wanted (a fix tried in the whole file)
        interpreter.fix_budget = 0
    for _cell, text, _tree in parsed:  # os.chdir(…), %cd …: a relative path is read elsewhere
        if "chdir" in text or "%cd" in text:
            interpreter.moved = "os.chdir()" if "chdir" in text else "%cd"
            break
    interpreter.know_names(
        [tree for _cell, _text, tree in parsed],
        in_order or all(cell is None for cell, _t, _tr in parsed),
        [cell for cell, _text, _tree in parsed],
    )
    closing = not keep_open
    try:
        for cell, text, tree in parsed:
            interpreter.run_cell(cell, text, tree)
        # a module's functions are followed when the file calls them: never called there,
        # they are not followed as if called (what that changes would stay in its classes)
        program = interpreter.finish(Program(file), uncalled=not keep_open)
        if keep_open:  # a module's: its functions are called later (see _modules)
            program.host = interpreter
        return program
    except BaseException:
        closing = True
        raise
    finally:
        if closing:
            interpreter.close()
