"""The interpreter's state and its duties as the walker's host.

:class:`ProgramHost` keeps the names of the module and of the calls being followed (a stack of
:class:`Frame`), turns what a name holds into a :class:`~shapekit.engine.program.Binding`,
looks names up for the :class:`~shapekit.engine._expressions.Walker`, lets a list changed in
place change every name holding it, follows calls of the file's own functions, and turns a
refused operation into a :class:`~shapekit.engine.program.Problem` whose fixes are followed
again before they are offered. The statements themselves are run by its subclasses.
"""

from __future__ import annotations

import ast
import builtins
import collections
import difflib
import functools
import os
import re
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from shapekit.engine._expressions import Refused, Walker, either, free_names, may_write, per_body
from shapekit.engine._exprtree import in_comment
from shapekit.engine._objects import (
    DICT_VIEW,
    FACTORY,
    ClassInfo,
    Enclosing,
    FunctionInfo,
    Namespace,
    new_dict,
)
from shapekit.engine._operands import (
    ARRAYLIKE,
    ONE_SHOT,
    READS,
    Operand,
    array_shape,
    contains,
    describe,
    from_python,
    item_shapes_shape,
    items_of,
    new_ident,
    sequence,
    size,
    unhashable,
    unknown,
    values_written,
)
from shapekit.engine.fixes import fewest_edits
from shapekit.engine.program import (
    MAX_CALL_DEPTH,
    MAX_OPERATIONS,
    MAX_STATEMENTS,
    Binding,
    Bindings,
    Problem,
    Program,
)
from shapekit.errors import MismatchError, NotANumberError, ShapeError, Suggestion

#: the memo key of a value bound after an exit that may run (see ProgramHost.record)
_PERHAPS = "perhaps reached"
#: the most problems of one analysis whose fixes are worked out
MAX_FIXED_PROBLEMS = 50
#: a key of a namespace's journal entry that stands for its ``dynamic`` reason
DYNAMIC: Any = object()
#: what a namespace's journal entry holds for a key that was not there
MISSING: Any = object()
#: the key, in the journal, of a namespace's ``open`` (a key it may lack or hold)
OPEN: Any = object()


#: what sets an array's shape in place, named as text (see
#: :meth:`ProgramHost.reshapes_in_place`)
_RESHAPING = frozenset({"resize", "shape", "dtype"})


@dataclass
class Frame:
    """The names of the module, or of one call of a function, and what its body returned."""

    names: dict[str, Operand]
    module: bool
    depth: int = 0
    returns: list[Operand] = field(default_factory=list)
    stopped: bool = False
    exits: int | None = None  # the line of a sys.exit() that certainly ends the call's body
    #: a raise or an exit met where it may not run (in a branch whose condition is not
    #: known …), said as what the rest of the call's path depends on: it runs only when
    #: that raise or exit does not (a raise caught by a handler that takes every error is
    #: forgotten after its try)
    halts: str | None = None
    globals: set[str] = field(default_factory=set)  # the names a `global` statement declares
    owner: Any = None  # the class of the method being followed (for super())
    receiver: Operand | None = None  # its `self`
    class_body: bool = False  # the body of a class statement
    #: the call being followed and the walker of its cell (problems inside it name it)
    call: tuple[Walker, ast.Call] | None = None
    #: the names of the call the function was defined in (a closure's), read after its own
    closure: Enclosing | None = None
    #: "break" or "continue" met in the loop followed item by item; "uncertain" when one
    #: was met in a branch that may not run
    jump: str | None = None
    #: the error of a ``raise`` that certainly runs in this call (it returns nothing)
    raised: MismatchError | None = None
    #: the function being called (None for the module and a class body), and its local
    #: names (see ``ProgramHost.locals_of``)
    function: FunctionInfo | None = None
    locals: frozenset[str] | None = None
    #: what parts of the statement being run in this call gave when evaluated (by the node's
    #: id): read again, they give that (``x[i.pop()] = v`` pops once, however often it is
    #: read; a call of the same function inside has its own)
    pinned: dict[int, Operand] = field(default_factory=dict)
    #: the frames of enclosing calls that `nonlocal` names are bound in
    nonlocals: dict[str, Frame] = field(default_factory=dict)
    #: a generator function's call: the values its body yields, in order (None: how many
    #: is not known, a yield in a branch or a loop that may not run)
    generator: bool = False
    yields: list[Operand] | None = None


@dataclass(frozen=True)
class Place:
    """Where a binding's value is written (its line and column worked out when asked)."""

    walker: Walker
    at: ast.AST  # the node whose position is reported
    node: ast.AST | None  # the node handed on (the literal itself when there is one)
    text: str

    @property
    def cell(self) -> int | None:
        return self.walker.cell

    def position(self) -> tuple[int, int]:
        return self.walker.position(self.at)


#: what a function writing into an array it does not hold is written with: an item set
#: (``x[0] = 5``, ``x[i] += 1``), ``+=`` on an attribute, a method that writes, ``global``
#: (three patterns, each starting with characters the search skips to: one pattern tried
#: every branch at every place of the text, 20 us for a student's module against 7 us; the
#: word starts as \b would have it, checked after its first letter)
_MAY_WRITE_ELSEWHERE = (
    re.compile(r"\]\s*(?:[-+*/@%|&^]|//|\*\*|<<|>>)?=(?!=)"),
    re.compile(
        r"\.(?:\w+\s*(?:[-+*/@%|&^]|//|\*\*)=(?!=)"
        r"|(?:fill|sort|put|itemset|resize|partition|__setitem__)\s*\()"
    ),
    re.compile(r"(?:g(?<!\wg)lobal|n(?<!\wn)onlocal)\b"),
)


def own_walk(fdef: ast.AST) -> list[ast.AST]:
    """The nodes of a function's (or a class's) body, without those of the functions and
    classes in it."""
    found: list[ast.AST] = []
    todo = list(getattr(fdef, "body", []))
    while todo:
        node = todo.pop()
        found.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
    return found


def writes_elsewhere(tree: ast.AST) -> bool:
    """Whether a function of ``tree`` (a ``def``, a method, a lambda) writes into an object
    it does not hold itself: an item or attribute of a global (``x[0] = 5``, ``x += 1``
    after ``global x``, ``x.fill(0)``), which may then change when Python calls it."""
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        args = function.args
        own = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        own |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        body = function.body if isinstance(function.body, list) else [function.body]
        for node in (n for statement in body for n in ast.walk(statement)):
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                return True
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                own.add(node.id)
        for node in (n for statement in body for n in ast.walk(statement)):
            written = None
            if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(
                node.ctx, (ast.Store, ast.Del)
            ):
                written = node.value
            elif isinstance(node, ast.AugAssign) and not isinstance(node.target, ast.Name):
                written = node.target
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _WRITERS
            ):
                written = node.func.value
            while isinstance(written, (ast.Subscript, ast.Attribute)):
                written = written.value
            if isinstance(written, ast.Name) and written.id not in own:
                return True
    return False


#: methods that write into the array they are called on
_WRITERS = frozenset({"fill", "sort", "put", "itemset", "resize", "partition", "__setitem__"})


def _ranked(fixes: list[Any], error: Any, shape_of: Any) -> list[Any]:
    """The fixes, those that keep what the student's operation was making first: for
    arrays that do not broadcast, the shape of the larger operand (``e / s[:, None]`` before
    ``e.T / s``, which transposes the probabilities); for a product, the rows of its left
    operand (the batch stays the first axis). ``shape_of`` gives the shape a fix makes."""
    operands: tuple[tuple[int, ...], ...] = tuple(getattr(error, "operands", ()))
    if len(fixes) < 2 or len(operands) != 2:
        return fixes
    left, right = operands[0], operands[1]
    if getattr(error, "op", None) in ("matmul", "dot"):
        if len(left) < 2:
            return fixes
        return sorted(fixes, key=lambda fix: not (shape_of(fix) and shape_of(fix)[0] == left[0]))
    meant = left if len(left) >= len(right) else right
    return sorted(fixes, key=lambda fix: shape_of(fix) != meant)


#: what a problem in code run only as it is read depends on (a generator's body)
_READ = "whether the items of the generator (or map) it runs in are read"
#: what an uncertain path depends on when nothing more is known of it
_NOT_KNOWN_PATH = "what only running the file tells"


class FatalHalt(str):
    """What the rest of a path depends on (see :attr:`Frame.halts`) when that is a raise or
    an ``assert`` outside any ``try``, of an error no code of the file catches: running
    stops there with that error, or goes on. An operation refused after it fails the file
    either way (there, or at the raise): a possible problem at its line that fails the file
    (see :attr:`Problem.fails_file`)."""


def _packages_of(modules: set[str], file: str | None) -> set[str]:
    """The ``__init__.py`` of each package the modules are in, below the checked file's
    folder: Python runs them when it imports a module of the package."""
    if not file or not modules:
        return set()
    top = os.path.realpath(os.path.dirname(file) or ".")
    found = set()
    for path in modules:
        folder = os.path.dirname(os.path.realpath(path))
        while folder.startswith(top + os.sep):
            init = os.path.join(folder, "__init__.py")
            if not os.path.isfile(init):
                break
            found.add(init)
            folder = os.path.dirname(folder)
    return found


class ProgramHost:
    """Follows the cells of one program; the host of its walkers."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        #: the data files read (np.loadtxt …), by reader, path and options: read once
        self.data_files: dict[tuple[str, str, str], Any] = {}
        self.data_bytes = 0  # what they add up to (see _datafiles.MAX_TOTAL_BYTES)
        #: the file's own modules it imports (see _modules), by path: their values, or why
        #: they are not known; and the files whose imports led to this one
        self.modules: dict[str, Any] = {}
        self.imported_by: tuple[str, ...] = ()
        self.module_name = "__main__"  # what __name__ is (a module imported: its name)
        self.module = Frame({}, module=True)
        #: the dicts (their spaces' ids) a view was made of: a change shows in the view
        self.viewed: set[int] = set()
        self.frame = self.module
        self.frames = [self.module]  # the module, then the calls being followed
        self.walker: Walker | None = None
        self.numpy: str | None = None
        self.budget = MAX_STATEMENTS
        #: how many more parts of expressions shapekit follows in this file (see
        #: Walker.walk): a file of dense arithmetic stops being followed, as a long one does
        self.operations = MAX_OPERATIONS
        self.problems: list[Problem] = []
        self.seen: set[tuple[int | None, int, int]] = set()
        self.outer: dict[str, tuple[Operand, Place]] = {}
        self.inner: dict[str, tuple[Operand, Place]] = {}
        #: the names of :attr:`inner` bound in calls the file makes (not in a function
        #: never called, followed last)
        self.inner_followed: set[str] = set()
        self.functions: list[Operand] = []
        #: the functions and methods whose defaults hold lists (made once, at the ``def``)
        self.list_defaults: list[FunctionInfo] = []
        self.called: set[int] = set()
        #: the results a function behind ``functools.cache`` keeps, by its arguments' values
        #: (a call with the same values certainly before gives its result, and runs nothing)
        self.cache_results: dict[int, dict[Any, Operand]] = {}
        #: the cached functions called where it is not certain which results they keep
        self.cache_unsure: set[int] = set()
        #: the functions behind those caches, by id (kept, so that no other takes its id)
        self.cache_owners: dict[int, Any] = {}
        self.trees: list[tuple[Walker, ast.Module]] = []
        self.executed: set[int] = set()  # ids of the statements followed at least once
        self.hypothetical = False  # following a function never called: it changes no global
        #: following code Python runs only when (and if) something reads it: a generator's
        #: items, a generator function's body, map()'s calls. What it changes in place may
        #: not be changed when the file runs, or not yet: it is unknown (this says why)
        self.lazy: str | None = None
        #: inside a part of an expression that may not be evaluated when it runs (after an
        #: `and` whose first operand's truth is not known, a branch of `… if … else …`): what
        #: a call from there raises or exits with is not certain
        self.perhaps = 0
        #: for each loop being followed whose body may break, innermost last: the names as
        #: they were at each ``break`` met (what the loop may leave them as)
        self.break_states: list[list[dict[str, Any]]] = []
        #: what the paths being followed depend on, innermost last ("the condition at line 5")
        self.depends: list[str] = []
        self.generators: dict[int, bool] = {}  # by id of a def: whether it is a generator
        #: a library's attributes the file sets (np.dot = …), by full name: its values
        self.patched: dict[str, Operand] = {}
        #: names of the module whose objects a special method of the file's classes changes
        #: (``log.append(…)`` in ``__eq__``): Python calls such methods at times shapekit
        #: does not follow, so what the names hold is unknown from the class on (the reason)
        self.volatile: dict[str, str] = {}
        #: the line of a sys.exit() (exit(), quit(), raise SystemExit …) where running the
        #: file certainly ends without an error: nothing after it runs
        self.exited: int | None = None
        self.range_items = 0  # the numbers made for ranges' items (see _access.MAX_RANGE_ITEMS)
        #: the problem whose error certainly leaves the try statement just followed
        self.leaving: Problem | None = None
        #: what the last expression statement gave (a call that fails gives its error)
        self.expressed: Operand | None = None
        #: whether the notebook binds ``_``, ``__`` or ``___`` itself (see shown_output)
        self.binds_underscores: bool | None = None
        #: IPython's display hook's own ``_``, ``__`` and ``___`` (see :meth:`shown_output`)
        self.shown_values: dict[str, Operand | None] = {}
        #: the name each name never bound is a misspelling of (None: of none)
        self.misspelt: dict[str, str | None] = {}
        #: the first exec(), eval(), globals() … the file calls: names may be made at run time
        self.dynamic: str | None = None
        #: whether the file's code sets an array's shape in place (None: not looked for yet)
        self.reshaping: bool | None = None
        self.deferred: bool | None = None  # from __future__ import annotations (see annotations)
        self.entering: int | None = None  # the context_expr of the `with` being entered
        #: whether a module the file imports reaches into it (see _modules.Reaching): any of
        #: its names may be bound unseen; whether one sets attributes of NumPy's
        self.reached = False
        #: whether a function of the file's is behind a decorator shapekit does not follow
        self.behind_decorators = False
        #: a function of the file writes into an array it does not hold itself (a global's
        #: item): Python may call it where shapekit does not follow (a library's callback,
        #: asyncio, a class made by type()), so no array's values are trusted from one
        #: statement to the next
        self.hidden_writes = False
        #: NumPy's floating-point error settings of each ``with np.errstate(...)`` being
        #: followed, innermost last (by category: "raise", "ignore" …; None: not known)
        self.fp_states: list[dict[str, str] | None] = []
        #: what ``np.seterr`` set (None: not known), read where fp_states holds it first
        self.fp_global: dict[str, str] | None = {}
        #: whether the file certainly ended by os._exit(): not even a finally runs after it
        self.hard_exit = False
        #: IPython's exit() met in a notebook's cell: the kernel stops after that cell, while
        #: the next may already be running (said as what they depend on)
        self.kernel_stops: str | None = None
        #: what reaches the module's own names through an object (``import __main__``,
        #: ``sys.modules[__name__]``, a frame's ``f_globals``, a function's ``__globals__``),
        #: where a statement storing into an object may rebind any of them; None: nothing
        self.self_reaching: str | None = None
        self.libraries_patched = False
        #: whether a module the file imports may have replaced Python's builtins
        self.builtins_replaced = False
        #: arrays that may be one object or two (``np.asarray(w, dtype=float)`` and ``w``):
        #: a shape set in place on one leaves the other not known
        self.may_alias: list[tuple[Operand, Operand]] = []
        #: calls that certainly failed: the function, its statement that failed, the problem
        self.cut_short: list[tuple[ast.FunctionDef, ast.stmt, Problem]] = []
        #: a try whose body certainly failed, the problem and the handler that caught it (at
        #: the top of the module: what the body assigns after it never runs)
        self.caught_early: list[tuple[ast.Try, Problem, ast.ExceptHandler]] = []
        #: the first problem where running the file certainly stops (at the top level)
        self.stopped_at: Problem | None = None
        self.stop_tree = -1  # the index in ``trees`` of the cell it is in
        self.stop_line = 0  # the last line of the top-level statement it stops in
        self.loop_depth = 0  # the loops followed item by item around the statement followed
        #: the try statements around the statement followed (what fails may be caught;
        #: does one catch SystemExit?)
        self.tries: list[ast.Try] = []
        #: the tries (by id) whose body may meet a raise or an exit that none of their own
        #: handlers (nor those of a try inside them) certainly takes (see may_halt)
        self.uncaught_halts: set[int] = set()
        self.holders: dict[int, Namespace] = {}  # the objects that hold a list (see mutate)
        #: how many more problems get their fixes worked out (each is parsed and followed):
        #: a file of a thousand failing lines is not a thousand times as slow
        self.fix_budget = MAX_FIXED_PROBLEMS
        #: where `del name` last removed a module-level name: (cell index, line)
        self.deleted: dict[str, tuple[int, int]] = {}
        #: the names of those that the end of an `except ... as name:` block removed
        self.caught_names: set[str] = set()
        self.journal: list[tuple[Namespace, Any, Any]] = []  # (space, key, old value)
        self.journaling = 0  # inside branches or loops whose changes are merged
        self.stepping = 0  # inside loops followed step by step (one journaling level each)
        self.nesting = 0  # how many blocks deep the statement followed now is (MAX_NESTING)
        self.trials = 0  # of the journaling, the levels of try bodies' statements that run
        self.all_trees: list[ast.Module] = []  # every cell's tree, for :attr:`assigned_lines`
        self.module_file = False  # a .py module, or a notebook's cells run in order
        self.cell_numbers: list[int | None] = []
        #: what changes the working directory (``os.chdir()``, ``%cd``) when the file does:
        #: a data file named by a relative path is then not known to be the one beside it
        self.moved: str | None = None
        #: the problems certain but for being in code run only as it is read (a generator's
        #: body): certain once every item is certainly read (list(rows(x)))
        self.read_later: list[Problem] = []
        #: the file whose folder a relative path is read from (the checked file's)
        self.data_root: str | None = file
        #: the journaling depth of the loop followed item by item whose break and continue
        #: are followed (a break met deeper, in a branch, may not run); None: no such loop
        self.loop_level: int | None = None

    def know_names(
        self, trees: list[ast.Module], module: bool, cells: list[int | None] | None = None
    ) -> None:
        """Every cell, before any runs: what decides whether a name read before it is
        bound is certainly Python's NameError (see :meth:`name_error`); ``module``: the
        cells run in order from the start, as a module does."""
        self.all_trees, self.module_file = trees, module
        self.cell_numbers = cells or [None] * len(trees)

    @functools.cached_property
    def changed_at(self) -> dict[str, list[tuple[int, int]]]:
        """Where each name is bound or its object changed in place (``n = 5``, ``n += 1``,
        ``rows.append(x)``, ``W.resize(…)``, ``c.n = 3``, ``M[0] = …``): (tree, line), sorted;
        a name a function declares ``global`` or ``nonlocal`` anywhere at (-1, 0)."""
        return self._changes[0]

    @property
    def changed_in_place_at(self) -> dict[str, list[tuple[int, int]]]:
        """Where each name's object is changed in place (``c.n = 3``, ``rows.append(x)``,
        ``M[0] = …``), not bound: (tree, line), sorted."""
        return self._changes[1]

    @functools.cached_property
    def _changes(self) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[tuple[int, int]]]]:
        """:attr:`changed_at` and :attr:`changed_in_place_at`, found in one walk."""
        found: dict[str, list[tuple[int, int]]] = {}
        in_place: dict[str, list[tuple[int, int]]] = {}
        for index, tree in enumerate(self.all_trees):
            local = _locally_bound(tree)  # (def step(W): W = W * 2 binds step's own W)
            for node in nodes_of(tree):
                if id(node) in local or (
                    isinstance(node, ast.AugAssign) and id(node.target) in local
                ):  # (W += 1 of a function's own W: not the module's)
                    continue
                name = _changed_name(node)
                if name is not None:
                    place = (index, getattr(node, "lineno", 0))
                    found.setdefault(name, []).append(place)
                    if not isinstance(node, ast.Name):  # (changed, not bound)
                        in_place.setdefault(name, []).append(place)
                if isinstance(node, (ast.Global, ast.Nonlocal)):
                    for each in node.names:
                        found.setdefault(each, []).append((-1, 0))
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in self.functions_by_name
                    and any(_changes_a_parameter(f) for f in self.functions_by_name[node.func.id])
                ):  # grow(s) of def grow(lst): lst.append(3): s changed in place
                    place = (index, getattr(node, "lineno", 0))
                    for given in [*node.args, *(k.value for k in node.keywords)]:
                        if isinstance(given, ast.Name):
                            in_place.setdefault(given.id, []).append(place)
        for places in [*found.values(), *in_place.values()]:
            places.sort()
        return found, in_place

    def changed_after(
        self, names: set[str], cell: int | None, line: int, in_place: Collection[str] = ()
    ) -> str | None:
        """The first of ``names`` bound or changed in place after ``line`` (of the tree of
        ``cell``), or by a function declaring it global, or of ``in_place`` whose object is
        changed in place after it: what running may read then."""
        index = self.cell_numbers.index(cell) if cell in self.cell_numbers else 0
        for name in sorted(names):
            for place in self.changed_at.get(name, ()):
                if place[0] == -1 or place > (index, line):
                    return name
        for name in sorted(in_place):
            for place in self.changed_in_place_at.get(name, ()):
                if place > (index, line):
                    return name
        return None

    def rebound_around(self, node: ast.AST, cell: int | None) -> set[str]:
        """The names a loop or a comprehension around ``node`` binds again on its next turn
        (``for i in …: gens.append(np.zeros(i) for _ in …)``): what a generator made there
        and read later reads with other values."""
        index = self.cell_numbers.index(cell) if cell in self.cell_numbers else 0
        if not 0 <= index < len(self.all_trees):
            return set()
        memo: dict[tuple[int, int], set[str]] = self.__dict__.setdefault("_rebound", {})
        key = (id(node), index)  # (the answer hangs on the node alone: a loop makes it often)
        if key not in memo:
            memo[key] = self._rebound_around(node, index)
        return memo[key]

    def _rebound_around(self, node: ast.AST, index: int) -> set[str]:
        where = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        ends = (getattr(node, "end_lineno", 0) or 0, getattr(node, "end_col_offset", 0) or 0)
        names: set[str] = set()
        for loop in _loops(self.all_trees[index]):
            if loop is node:
                continue
            start = (getattr(loop, "lineno", 0), getattr(loop, "col_offset", 0))
            stop = (getattr(loop, "end_lineno", 0) or 0, getattr(loop, "end_col_offset", 0) or 0)
            if not (start <= where and ends <= stop):
                continue
            if isinstance(
                loop, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
            ) and _kept_as_an_item(loop, node):  # [(w * k for k in …) for w in W]
                parts: list[ast.AST] = [g.target for g in loop.generators]
            elif isinstance(loop, (ast.For, ast.AsyncFor)) and _kept_past_the_turn(loop, node):
                parts = [loop.target]  # gens.append(g): read after the loop binds i again
            else:
                continue  # (one read in the same turn reads the names of that turn)
            names.update(
                n.id
                for part in parts
                for n in ast.walk(part)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            )
        return names

    @functools.cached_property
    def exec_names(self) -> frozenset[str]:
        """The names the file binds to what may reach ``exec``/``eval`` (``run =
        getattr(builtins, "ex" + "ec")``, ``from builtins import exec as run``)."""
        found: set[str] = set()
        for tree in self.all_trees:
            for node in nodes_of(tree):
                if isinstance(node, ast.ImportFrom) and node.module in ("builtins", "importlib"):
                    found.update(a.asname or a.name for a in node.names)
                elif (
                    isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr))
                    and node.value is not None
                    and _reaches_exec(node.value)
                ):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        found.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        return frozenset(found)

    @functools.cached_property
    def may_exec(self) -> bool:
        """Whether the file may reach ``exec()`` or ``eval()`` by a route not followed
        (``builtins.exec``, ``getattr(builtins, "ex" + "ec")``, ``partial(exec, code)``,
        ``map(exec, codes)``): it names them, the module builtins or ``__import__``."""
        return any(_names_exec(tree) for tree in self.all_trees)

    @functools.cached_property
    def assigned_lines(self) -> dict[str, list[tuple[int, int]]] | None:
        """The places (cell index, line) binding each name of the module, sorted, or None
        when names may be bound unseen (a notebook run out of order, a star import,
        ``exec`` …). Worked out on the first name read before it is bound, which is rare."""
        if not self.module_file or any(_binds_unseen(t, scoped=False) for t in self.all_trees):
            return None
        assigned: dict[str, list[tuple[int, int]]] = {}
        for index, tree in enumerate(self.all_trees):
            for node in nodes_of(tree):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    assigned.setdefault(node.id, []).append((index, node.lineno))
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    assigned.setdefault(node.name, []).append((index, node.lineno))
                elif isinstance(node, (ast.Import, ast.ImportFrom)):
                    for alias in node.names:
                        bound = (alias.asname or alias.name).split(".")[0]
                        assigned.setdefault(bound, []).append((index, node.lineno))
                elif (
                    isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name
                ):  # except E as err, case [a, *b]
                    assigned.setdefault(node.name, []).append((index, node.lineno))
                elif isinstance(node, ast.MatchMapping) and node.rest:  # case {**rest}
                    assigned.setdefault(node.rest, []).append((index, node.lineno))
        for lines in assigned.values():
            lines.sort()
        return assigned

    # -- cells --
    def run_cell(self, cell: int | None, text: str, tree: ast.Module) -> None:
        if self.kernel_stops is not None and self.module.halts is None:
            self.module.halts = self.kernel_stops  # exit() in a cell before: it may not run
        self.walker = Walker(text, self, cell)
        self.trees.append((self.walker, tree))
        if self.self_reaching is None and _SELF_REACHING_WORDS.search(text):
            for found in _SELF_REACHING.finditer(text):
                if in_comment(text, found.start()):
                    continue  # (no code)
                start = text.rfind("\n", 0, found.start()) + 1
                end = text.find("\n", found.end())
                line = text[start : len(text) if end < 0 else end].strip()
                shown = line if len(line) <= 60 else line[:57] + "..."
                number = text.count("\n", 0, found.start()) + 1
                self.self_reaching = f"the code at line {number} (`{shown}`)"
                break
        if (
            not self.hidden_writes
            and (self.walker.holds("def ") or self.walker.holds("lambda"))
            and any(pattern.search(text) for pattern in _MAY_WRITE_ELSEWHERE)
        ):
            self.hidden_writes = writes_elsewhere(tree)
        self.expressed = None
        self.block(tree.body)
        if cell is not None:
            self.shown_output(text, tree)

    def shown_output(self, text: str, tree: ast.Module) -> None:
        """A notebook's cell ending in an expression shows its value, which IPython keeps in
        ``_`` (the one before in ``__``, and before it in ``___``) unless it is None or a
        ``;`` ends the cell; not followed where the notebook binds those names itself."""
        last = tree.body[-1] if tree.body else None
        value, self.expressed = self.expressed, None
        if not isinstance(last, ast.Expr) or value is None or self.frame.stopped:
            return
        if self.exited is not None or value.kind == "none":
            return
        lines = [line.split("#", 1)[0].rstrip() for line in text.rstrip().splitlines()]
        if lines and lines[-1].endswith(";"):
            return
        klass = getattr(value.value, "cls", None) if value.kind == "instance" else None
        depth = 0
        while klass is not None and depth < 8:  # IPython shows it: its _repr_html_ … run
            for item in klass.node.body:
                if isinstance(item, ast.FunctionDef) and (
                    item.name.startswith("_repr_") or item.name in ("__repr__", "__str__")
                ):
                    self.ran_unfollowed(
                        item,
                        f"the display of the value of cell {self.walker.cell if self.walker else '?'}",
                    )
            klass, depth = klass.base, depth + 1
        unders = ("_", "__", "___")
        if self.binds_underscores is None:  # (any cell of the notebook, once)
            self.binds_underscores = any(
                (
                    isinstance(node, ast.Name)
                    and node.id in unders
                    and not isinstance(node.ctx, ast.Load)  # (a read: only after IPython's)
                )
                or (isinstance(node, ast.alias) and node.asname in unders)
                or (isinstance(node, (ast.Global, ast.Nonlocal)) and set(node.names) & set(unders))
                for kept in [*self.all_trees, *(t for _w, t in self.trees)]
                for node in ast.walk(kept)
            )
        names = self.module.names
        # IPython's display hook keeps its own three, and puts them in the namespace only
        # while none of the names holds something else (one the notebook bound itself)
        hook = self.shown_values
        update = not self.binds_underscores or all(
            u not in names or names[u] is hook.get(u) for u in unders
        )
        hook["___"], hook["__"], hook["_"] = hook.get("__"), hook.get("_"), value
        if update:
            for name in unders:
                shown = hook[name]
                if shown is not None:
                    names[name] = shown

    def finish(self, program: Program, *, uncalled: bool = True) -> Program:
        """Follow the functions never called (unless not ``uncalled``), then fill
        ``program``."""
        self.hypothetical = True
        for function in self.functions if uncalled else ():
            info: FunctionInfo = function.value
            fdef = info.fdef
            if id(fdef) not in self.called:
                params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
                how = (
                    "a method of a class that shapekit does not follow"
                    if info.owner is not None and info.owner.obstacle
                    else "which running the file never calls"
                    if self.named_in_a_call(fdef.name)
                    else "which is never called in this file"
                )
                reason = (
                    f"the parameter `{{}}` of `{info.qualname}()`, {how} (defined at line "
                    f"{fdef.lineno}{info.walker.where(fdef).removeprefix(f'line {fdef.lineno}')})"
                )
                args = [
                    unknown(reason.format(p)) for p in params[: len(params) - len(info.defaults)]
                ]
                self.call(self.receiving(function, args), args, {}, None)
        self.unfollowed()
        self.after_the_stop()
        for name in self.deleted:  # `del weights` at the top, never bound again: gone
            if name not in self.module.names:
                self.outer.pop(name, None)
        entries = dict(self.inner)  # a module-level name wins over a function's local
        entries.update(self.outer)
        program.names = Bindings(entries, ProgramHost.binding)
        program.problems = self.past_the_stop(list(self.problems))
        program.dynamic = self.dynamic
        # the data files it reads, and its own modules it imports (followed, not on their own)
        modules = {path for path, found in self.modules.items() if not isinstance(found, str)}
        modules |= _packages_of(modules, self.file)  # (nnlib/__init__.py runs for nnlib.ops)
        program.reads = sorted({path for _reader, path, _options in self.data_files} | modules)
        return program

    def named_in_a_call(self, name: str) -> bool:
        """Whether some call in the file names ``name`` (``f(…)``, ``self.f(…)``)."""
        return name in self.call_names

    @functools.cached_property
    def call_names(self) -> frozenset[str]:
        """The names the file's calls are written with (``f`` of ``f(…)`` and ``self.f(…)``)."""
        return frozenset(
            node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            for _walker, tree in self.trees
            for node in nodes_of(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
        )

    def past_the_stop(self, problems: list[Problem]) -> list[Problem]:
        """The problems met after the one where running the file certainly stops are not
        certain: running never gets to them (they are checked as if it got past the stop,
        for the student to see what comes next once that is fixed)."""
        stop = self.stopped_at
        at = next((i for i, p in enumerate(problems) if p is stop), None)
        if stop is None or at is None:
            return problems
        where = f"line {stop.line}" + (f" of cell {stop.cell}" if stop.cell is not None else "")
        return problems[: at + 1] + [
            replace(p, certain=False, past=where) if p.certain else p for p in problems[at + 1 :]
        ]

    def close(self) -> None:
        """Let go of everything the analysis holds, once its :class:`Program` is filled.

        The host, its walkers, frames and the file's functions refer to one another (a
        walker to its host, a function to the walker of its body), so without this a
        finished file's syntax trees and operands stay alive until the garbage collector
        finds the cycle; dropped here, reference counting frees them at once. The program
        keeps what it needs (its bindings' operands and places). The file's own modules,
        kept open for calls of their functions, are closed with it.
        """
        modules = self.__dict__.get("modules") or {}
        if self.__dict__.get("imported_by") == ():  # the file checked, not one of its modules
            for module in list(modules.values()):
                host = getattr(module, "host", None)
                if host is not None:
                    module.host = None
                    host.close()
        self.__dict__.clear()

    def after_the_stop(self) -> None:
        """Names the file only assigns after the line where running it certainly stops
        never get a value: they point at that problem (their shapes are not judged)."""
        stop = self.stopped_at
        if stop is None or stop.line is None:
            return
        before: set[str] = set()  # the names some statement up to the stop assigns
        for index, (_walker, tree) in enumerate(self.trees[: self.stop_tree + 1]):
            last = self.stop_line if index == self.stop_tree else None
            assigned_names(tree.body, last, before)
        cells = {id(walker): index for index, (walker, _tree) in enumerate(self.trees)}
        for name, (value, place) in list(self.outer.items()):
            # assigned only after the stop, or assigned again there: the value it has when
            # the file stops is not what it was meant to get
            later = (cells.get(id(place.walker), -1), getattr(place.at, "lineno", 0)) > (
                self.stop_tree, self.stop_line)  # fmt: skip
            if value.kind != "error" and (name not in before or later):
                self.outer[name] = (Operand("error", error=stop.error, reason=stop.message), place)

    def out_of(self) -> str:
        """What shapekit ran out of: operations (dense arithmetic) or steps."""
        if self.operations <= 0:
            return f"more than {MAX_OPERATIONS:,} operations, which is more than shapekit follows"
        return f"more than {MAX_STATEMENTS} steps, which is more than shapekit follows"

    def unfollowed(self) -> None:
        """Names assigned in code that was never followed are unknown, with the reason."""
        why = (
            self.out_of()
            if self.operations <= 0 or self.budget <= 0
            else "code that is never reached when the file runs from top to bottom"
        )
        exhausted = self.budget <= 0
        stop = self.stopped_at
        for index, (walker, tree) in enumerate(self.trees):
            stored = _stored_names(tree, self.executed, exhausted, walker.holds(":="))
            for node in stored:
                if node.id not in self.outer and node.id not in self.inner:
                    table = self.inner
                elif (
                    exhausted
                ):  # assigned again after shapekit stopped: its last value is not known
                    table = self.outer if node.id in self.outer else self.inner
                else:
                    continue
                place = self.place(walker, node, None)
                if (
                    stop is not None
                    and not exhausted
                    and (
                        (index, node.lineno) > (self.stop_tree, self.stop_line)
                        or self.after_the_failure(node, stop)
                    )
                ):
                    # never reached because running the file stops at that problem before it
                    value = Operand("error", error=stop.error, reason=stop.message)
                else:
                    value = self.caught_before(node) or unknown(f"line {node.lineno}, in {why}")
                table[node.id] = (value, place)

    def caught_before(self, node: ast.Name) -> Operand | None:
        """Why ``node``, assigned in the body of a try after a statement that certainly
        fails there with an error a handler catches, never gets its value (None: it is not
        so)."""
        from shapekit.engine._statements import _raised

        known = self.__dict__.get("_caught_names")
        if known is None or known[0] != len(self.caught_early):
            # the names in each such try's body, found once (not once per name asked)
            within: dict[int, list[Any]] = {}
            for entry in self.caught_early:
                for part in entry[0].body:
                    for n in ast.walk(part):
                        if isinstance(n, ast.Name):
                            within.setdefault(id(n), []).append(entry)
            known = self.__dict__["_caught_names"] = (len(self.caught_early), within)
        for _statement, first, handler in known[1].get(id(node), ()):
            line = first.line or 0
            if node.lineno > line:
                raised = _raised(first.error) or "an error"
                said = (
                    f"{node.id} never gets a value here: line {line} raises {raised} "
                    f"({first.message}), which the handler at line {handler.lineno} catches, "
                    f"so line {node.lineno} never runs"
                )
                return Operand("error", error=MismatchError(said, op="caught"), reason=said)
        return None

    def after_the_failure(self, node: ast.Name, stop: Problem) -> bool:
        """Whether ``node`` is assigned in a function whose call failed at ``stop`` (the
        problem where running the file stops), after the statement that failed."""
        for fdef, statement, failed in self.cut_short:
            if failed is stop or failed.error is stop.error:
                last = fdef.end_lineno or fdef.lineno
                if (statement.end_lineno or statement.lineno) < node.lineno <= last:
                    return True
        return False

    # -- bindings --
    def place(self, walker: Walker, node: ast.AST, value: Operand | None) -> Place:
        literal = value.node if value is not None and value.place is not None else None
        text = value.place[1] if literal is not None and value and value.place else walker.text
        return Place(walker, node, literal or node, text)

    def record(self, name: str, value: Operand, node: ast.AST | None, keep: bool = False) -> None:
        if self.frame.function is not None and getattr(self.frame.function.fdef, "hidden", False):
            return  # a %%timeit cell's body: what it binds is no variable of the notebook
        if value.kind == "error" and not self.on_every_path():
            # (out = x @ w after `if …: sys.exit(0)`: running may never get to it)
            value = unknown(
                f"an operation that fails only if running the file gets there, which depends "
                f"on {self.path_depends()}"
            )
        table = self.outer if self.frame.module else self.inner
        if (
            table is self.outer
            and value.kind in ("array", "number", "list", "tuple")
            and not self.on_every_path(fatal_ok=True)
            and any(f.halts is not None for f in self.frames)
        ):  # inputs = … after `if not ok: sys.exit(0)`: the file may end before it
            value = replace(value, memo={**value.memo, _PERHAPS: self.path_depends()})
        old = table.get(name)
        if self.hypothetical and table is self.inner and name in self.inner_followed:
            return  # (a function never called: a name bound where the file runs wins)
        if (keep or node is None) and old is not None:
            place = old[1]
        else:
            assert self.walker is not None  # statements run inside a cell
            place = self.place(self.walker, node if node is not None else ast.Pass(), value)
        table[name] = (value, place)
        if table is self.inner and not self.hypothetical:
            self.inner_followed.add(name)

    @staticmethod
    def binding(name: str, value: Operand, place: Place) -> Binding:
        status, shape, reason, error = "known", None, None, None
        data = value.value if value.kind in ("array", "number", "list", "tuple") else None
        if value.kind == "error":
            status, error, reason = "error", value.error, value.reason
        elif value.kind == "unknown":
            status, reason = "unknown", f"`{name}` comes from {value.reason}"
        elif value.kind == "array" and value.dtype == "x" and value.error is not None:
            error = value.error
            error.name = name
            status, reason = "error", error.message
        elif value.kind in ("array", "number"):
            shape = value.shape
        elif value.kind in ("list", "tuple") and value.items is None and value.value is not None:
            from shapekit.shapes import shape as shape_of

            found = array_shape(value)  # measured once per literal; named again when it fails
            try:
                shape = (
                    found
                    if isinstance(found, tuple)
                    else shape_of(value.value, name=name, allow_bool=True)
                )
            except ShapeError as exc:
                status, error, reason = "error", exc, exc.message
        elif value.kind in ("list", "tuple"):
            found = item_shapes_shape(value.items) if value.items is not None else value.shape
            if isinstance(found, tuple):
                shape = found
            elif isinstance(found, ShapeError):
                found.name = name
                status, error, reason = "error", found, f"{name}: {found.message}"
            else:
                items = value.items or ()
                bad = next((i for i in items if i.kind == "unknown"), None)
                odd = next((i for i in items if i.kind not in ARRAYLIKE), None)
                if bad is None and odd is not None and odd.kind != "error":
                    error = NotANumberError(
                        f"{name} holds {describe(odd)}, not a number", name=name
                    )
                    status, reason = "error", error.message
                else:
                    status = "unknown"
                    why = bad.reason if bad else "a list of items whose shapes are not known"
                    reason = f"`{name}` comes from {why}"
        else:
            error = _not_an_array(name, value)
            status, reason = "error", error.message
        if status != "known":
            shape = None
        dtype = value.dtype if status == "known" and value.kind == "array" else None
        return Binding(
            name, status, shape, data, reason, error, *place.position(), place.cell,
            place.node, place.text, dtype, value.memo.get(_PERHAPS),
        )  # fmt: skip

    # -- the walker's host --
    def lookup(self, name: str) -> Operand | None:
        found = self.frame.names.get(name)
        if found is None and not self.frame.module:
            function = self.frame.function
            if (
                function is not None
                and name not in self.frame.globals
                and name not in self.frame.nonlocals
                and name in (self.frame.locals or self.locals_of(self.frame))
            ):  # assigned in the function, so local there: not bound yet when read here
                unbound = unknown(
                    f"`{name}` read in `{function.fdef.name}()` before the function assigns it "
                    "(Python takes it for a local name of the function: UnboundLocalError "
                    f"when the file runs; `global {name}` would make it the module's)"
                )
                # certain when the read is followed in order, in a call the file makes
                certain = not self.hypothetical and not self.journaling
                return replace(unbound, name="unbound" if certain else "")
            if self.frame.closure is not None and not (
                self.frame.class_body and name in _class_assigned(self.frame)
            ):  # (a class body's own name is read from it, then the module: never a closure)
                found = self.frame.closure.get(name)
            if found is None:
                found = self.module.names.get(name)
        if (
            self.volatile
            and found is not None
            and name in self.volatile
            and found.kind not in ("module", "function", "userfunc", "class")
        ):
            return unknown(self.volatile[name])
        return found

    def locals_of(self, frame: Frame) -> frozenset[str]:
        """The local names of the function a frame runs (worked out once per call)."""
        if frame.locals is None:
            info = frame.function
            assert info is not None  # a call of the file's own function
            # a walrus in the function: only if the file has one
            walrus = info.walker.holds(":=") and ":=" in info.walker.source(info.fdef)
            frame.locals = local_names(info.fdef, walrus)
        return frame.locals

    def name_error(self, walker: Walker, node: ast.Name) -> Refused | None:
        """Python's ``NameError`` for a name read at the top level of a module before any
        statement binds it, when that is certain (else None: the name stays unknown).

        Only for a name the file binds somewhere else, or a misspelling of one (a name it
        never binds may be given by a grader that runs it in a prepared namespace), only in
        a ``.py`` module or a notebook run in order (otherwise a kernel may hold names from
        cells run out of order), only at the top level or in a call made from there now
        (see :meth:`certain_call`; a function called later may run after the name is bound)
        except for a misspelling, which no line binds, and not in a file that can bind names
        unseen (``from x import *``, ``exec``, ``globals()`` …, see :attr:`assigned_lines`).
        """
        name = node.id
        if (
            (walker.cell is not None and _IPYTHON_NAME.fullmatch(name))  # display, _, Out …
            or walker.dry
            or self.hypothetical
            or hasattr(builtins, name)
            or (name.startswith("__") and name.endswith("__"))
        ):
            return None
        assigned = self.assigned_lines
        if assigned is None or self.reached:  # (a module it imports may bind any name)
            return None
        lines = assigned.get(name)
        if lines and self.journaling:
            return None  # in a branch or a loop whose changes are merged: may not run yet
        if lines and any(_rebinds_globals(t) for t in self.all_trees):
            return None  # `global weights` in a function: bound when it is called
        top = self.frame is self.module and len(self.frames) == 1
        if not top and lines and not self.certain_call():
            return None  # in a call: the name may be bound by the time the call is made
        if not lines:
            # never bound in the file: a grader may provide it (an honest unknown), unless it
            # is a misspelling of a name the file binds (looked for once per name: a name read
            # thousands of times in a loop must not search the file's names each time)
            if name not in self.misspelt:
                close = (
                    difflib.get_close_matches(name, list(assigned), n=1, cutoff=0.8)
                    or [bound for bound in assigned if _one_slip(name, bound)][:1]
                )
                self.misspelt[name] = close[0] if close else None
            meant = self.misspelt[name]
            module = _USUAL_ALIASES.get(name)
            imported = self.lookup(module) if module is not None and "." not in module else None
            if meant is None and imported is not None and imported.name == module:
                # `import numpy`, then np.array(...): the alias was never given
                where = (
                    f"it is never assigned: the file imports {module}, not {module} as "
                    f"{name}; write `import {module} as {name}`"
                )
            elif meant is None:
                # a .py file runs in a namespace of its own, a notebook from a fresh kernel
                # (as graders run it): what it never binds is not there
                where = (
                    f"it is never assigned in the {'file' if walker.cell is None else 'notebook'}"
                )
            else:
                where = f"it is never assigned; did you mean `{meant}`?"
        elif later := [p for p in lines if p > (len(self.trees) - 1, node.lineno)]:
            where = f"it is only assigned later, at {self.where_in(later[0])}"
        elif name in self.deleted:
            where = (
                f"Python removed it at the end of the `except ... as {name}:` block at "
                f"{self.where_in(self.deleted[name])}"
                if name in self.caught_names
                else f"`del {name}` at {self.where_in(self.deleted[name])} removed it"
            )
        else:
            where = (
                f"it is assigned at {self.where_in(lines[0])}, in code that has not run before this"
            )
        message = (
            f"name `{name}` is not defined when line {node.lineno} runs ({where}); "
            "Python stops here with a NameError"
        )
        error = MismatchError(message, op="name")
        error.raises = "NameError"
        return Refused(error, node)

    def certain_call(self) -> bool:
        """Whether the code being followed runs in calls the module makes now, from its top
        level, as they are followed: each a call of a function of the module's (not a
        closure, not a generator, no class body on the way) that has not returned in a
        branch that may have run, none made where an expression may not get, none read
        lazily (a generator's items, ``map()``). Then a module name not bound now is not
        bound when the call runs either (in a file without ``global``, see
        :attr:`assigned_lines`): ``forward()`` called above ``biases = …`` fails."""
        if self.perhaps or self.lazy is not None or self.frames[0] is not self.module:
            return False
        return all(
            frame.function is not None
            and frame.closure is None
            and not frame.generator
            and not frame.class_body
            and not frame.returns
            and frame.jump is None
            for frame in self.frames[1:]
        )

    def where_in(self, place: tuple[int, int]) -> str:
        """``line N`` (``line N of cell C`` in a notebook) of a (cell index, line) place."""
        cell = self.cell_numbers[place[0]] if place[0] < len(self.cell_numbers) else None
        return f"line {place[1]}" + (f" of cell {cell}" if cell is not None else "")

    @property
    def pinned(self) -> dict[int, Operand]:
        """What parts of the statement being run gave (see :attr:`Frame.pinned`)."""
        return self.frame.pinned

    def rebind(self, name: str, value: Operand) -> None:
        frame = self.frame if name in self.frame.names else self.module
        self.set_in(frame, name, value)

    def reshapes_in_place(self) -> bool:
        """Whether the file's code sets an array's shape in place (``a.shape = …``,
        ``a.dtype = …``, ``a.resize(…)``, ``setattr(…)``, ``a.__setattr__("shape", …)``,
        ``operator.methodcaller("resize", …)``, ``map(np.ndarray.resize, …)``: a method or
        attribute that does, named or written as text): then an array given to code
        shapekit does not follow may come back with another shape. Looked for once, in the
        syntax trees (its text says ``x.shape =`` in many a printed message)."""
        if self.reshaping is None:
            self.reshaping = any(
                (
                    isinstance(node, ast.Attribute)
                    and node.attr in ("shape", "dtype")
                    and isinstance(node.ctx, ast.Store)
                )
                or (isinstance(node, ast.Attribute) and node.attr in ("resize", "__setattr__"))
                or (isinstance(node, ast.Name) and node.id == "setattr")
                or (isinstance(node, ast.Constant) and node.value in _RESHAPING)
                for _walker, tree in self.trees
                for node in nodes_of(tree)
            )
        return self.reshaping

    def made_at_run_time(
        self, node: ast.AST, name: str, changed: set[str] | None, said: str | None = None
    ) -> None:
        """``exec()``, ``eval()``, ``globals()`` …: the module's names (those in ``changed``,
        or all but modules when it is not known which) may be made or changed when the file
        runs; a name never assigned in the file may exist after it (``said``: what does it,
        when not a call of ``name``)."""
        if self.hypothetical:
            return
        where = f"`{name}()` at line {getattr(node, 'lineno', '?')}" if said is None else said
        if self.dynamic is None:
            self.dynamic = where
        if name in ("exec", "eval") and said is None and _may_stop(node):
            # the code in the text may raise, or exit (exec("sys.exit(0)")): what follows
            # runs only when it does not
            self.may_halt(node, f"whether the code {where} runs to its end")  # type: ignore[attr-defined]
        why = f"a name that {where} may change when the file runs, which shapekit does not follow"
        for each, value in list(self.module.names.items()):
            if (changed is None and value.kind != "module") or (changed and each in changed):
                self.set_in(self.module, each, unknown(why))

    def set_in(self, frame: Frame, name: str, value: Operand) -> None:
        frame.names[name] = value
        saved, self.frame = self.frame, frame
        self.record(name, value, None, keep=True)
        self.frame = saved

    def replace_held(self, target: Operand, changed: Operand) -> None:
        """An object changed in place (an array's shape by ``x.shape = …``, an iterator read
        through): every name and attribute holding that same object (``b = a``) sees
        ``changed``."""
        for frame in self.frames:
            if frame.module and self.hypothetical:  # a function never called changes no global
                continue
            for name, value in list(frame.names.items()):
                if value is target:
                    self.set_in(frame, name, changed)
                elif (
                    value.kind in ("list", "tuple")
                    and value.items is not None
                    and any(i is target for i in value.items)
                ):  # L = [a]: the list holds that object (L[0] is it)
                    items = tuple(changed if i is target else i for i in value.items)
                    self.set_in(frame, name, sequence(value.kind, items, ident=value.ident))
            # what a call returned or yielded already is that object too (try: return a /
            # finally: a.shape = …; a generator that yields a, then reshapes it)
            frame.returns[:] = [changed if r is target else r for r in frame.returns]
            if frame.yields:  # (as read, perhaps before the change: a paused generator)
                later = unknown("an array a generator yields, then changes in place")
                frame.yields[:] = [later if y is target else y for y in frame.yields]
        for space in list(self.holders.values()):
            for key, value in list(space.attrs.items()):
                if value is target:
                    self.put(space, key, changed)
        shown = self.shown_values
        for key in [k for k, held in shown.items() if held is target]:
            shown[key] = changed  # (IPython's _ holds the same object)
        if not self.hypothetical:
            self.replace_in_functions(target, changed)

    def replace_in_functions(self, target: Operand, changed: Operand) -> None:
        """The same object held by a function the file keeps: in the names of the call its
        closure sees (``def get(): return a``), in its defaults (``buf=np.zeros(6)``), in
        what a ``partial`` gives it. Where the change may not run (a branch, a loop), those
        writes are not undone by the merge of the paths: what they hold is unknown then."""
        if self.journaling or self.hypothetical:
            changed = unknown("an array held by a function, changed where running may not go")
        seen: set[int] = set()
        todo = [v for frame in self.frames for v in frame.names.values()]
        while todo and len(seen) < 256:
            value = todo.pop()
            if id(value) in seen or value.kind not in ("userfunc", "partial"):
                continue
            seen.add(id(value))
            if value.kind == "partial":
                inner, given, named = value.value
                if any(g is target for g in (*given, *named.values())):
                    value.value = (  # (the partial's own state, as running keeps it)
                        inner,
                        tuple(changed if g is target else g for g in given),
                        {k: changed if v is target else v for k, v in named.items()},
                    )
                todo.append(inner)
                continue
            info = value.value
            if any(d is target for d in getattr(info, "defaults", ()) or ()):
                kept = tuple(changed if d is target else d for d in info.defaults)
                object.__setattr__(info, "defaults", kept)  # the function's own state
            closure = getattr(info, "closure", None)
            depth = 0
            while closure is not None and depth < 16:
                frame = closure.frame
                for name, held in list(frame.names.items()):
                    if held is target:
                        frame.names[name] = changed
                    elif held.kind in ("userfunc", "partial"):
                        todo.append(held)
                    elif held.kind in ("list", "tuple") and any(
                        i is target for i in held.items or ()
                    ):  # store = [a]: a list holding it holds the changed array
                        frame.names[name] = unknown(f"`{name}`, which holds an array changed")
                closure, depth = frame.closure, depth + 1

    def _bodies_called(self, fdef: ast.AST, closure: Enclosing | None = None) -> list[ast.AST]:
        """The functions of the file's that ``fdef`` calls by name, and those they call (at
        most 32), each name looked up in the closure of the function reading it (a
        decorator's ``wrapper`` calls the ``f`` it was made with)."""
        found: list[ast.AST] = []
        seen, todo = {id(fdef)}, [(fdef, closure)]
        while todo and len(seen) < 32:
            body, sees = todo.pop()
            for name in _names_read(body):  # (each body walked once: a call too deep to
                # follow, met again and again in a loop, looks its names up again only)
                held = (sees.get(name) if sees is not None else None) or self.lookup(name)
                inner = getattr(getattr(held, "value", None), "fdef", None)
                if held is not None and held.kind == "unknown" and held.name == "decorated":
                    inner = held.node  # (behind a decorator, or async)
                if held is not None and held.kind == "class":  # A7(): its methods may run
                    inner = getattr(held.value, "node", None)
                if (
                    held is not None
                    and held.kind in ("userfunc", "unknown", "class")
                    and isinstance(inner, ast.AST)
                    and id(inner) not in seen
                ):
                    seen.add(id(inner))
                    found.append(inner)
                    todo.append((inner, getattr(getattr(held, "value", None), "closure", None)))
        return found

    def rebound_as_read(self, fdef: ast.AST, name: str) -> None:
        """The globals a generator's body rebinds (``global n; n = v``) hold what the steps
        read so far made, as many as running reads: not known (nonlocal ones too)."""
        why = f"a name the generator `{name}()` rebinds as its items are read"
        for node in own_walk(fdef):
            if isinstance(node, ast.Global):
                for each in node.names:
                    if each in self.module.names:
                        self.set_in(self.module, each, unknown(f"`{each}`, {why}"))
            elif isinstance(node, ast.Nonlocal):
                for frame in self.frames:
                    for each in node.names:
                        if each in frame.names and not frame.module:
                            self.set_in(frame, each, unknown(f"`{each}`, {why}"))

    def ran_unfollowed(self, fdef: ast.AST, why: str, closure: Enclosing | None = None) -> None:
        """A function of the file's that runs where shapekit does not follow it (behind a
        decorator it does not follow, as a context manager's ``__enter__``): when it (or a
        function it calls, looked up in its ``closure`` too) may write, no array's values
        known before are used after, and the lists, dicts and objects of the names it reads
        are not known any more."""
        if self.hypothetical:
            return
        bodies = [fdef, *self._bodies_called(fdef, closure)]
        leaving = next((found for body in bodies for found in [_exit_in(body)] if found), None)
        if leaving is not None:  # def __enter__(self): sys.exit(0): the file may end there
            self.may_halt(leaving, "exit")  # type: ignore[attr-defined]
        if not any(may_write(body) for body in bodies):
            return
        values_written()
        self.__dict__.get("saved_files", {}).clear()  # (np.save run there, unseen)
        names: set[str] = set()  # (and what the functions it calls read)
        declared: list[str] = []  # global count; count += 1: the module's count
        for body in bodies:
            names.update(_names_read(body))
            declared.extend(_declared_global(body))
        held = [self.lookup(n) for n in sorted(names)]
        touched = [v for v in held if v is not None and v.kind in _HOLDERS]
        self.escape(touched, why)
        self.lists_escape(touched, why)
        for name in declared:
            if name in self.module.names:
                self.set_in(self.module, name, unknown(f"`{name}`, changed by {why}"))
        for name in sorted({n for body in bodies for n in _reshaped_names(body)}):
            found = self.lookup(name)  # W.shape = (2, 3), W.resize(…) there: W's shape
            if found is not None and found.kind == "array":
                self.reshaped_everywhere(found, unknown(f"`{name}`, reshaped by {why}"), why)

    @functools.cached_property
    def writes_in_place(self) -> bool:
        """Whether the file may write into an array in place: an item or slice set, ``+=``,
        ``out=``, a method that writes (see :attr:`changed_at`): else the blocks of memory
        of its arrays (see :mod:`shapekit.engine._blocks`) are never asked."""
        writing = ("fill", "sort", "put", "resize", "copyto", "itemset", "at")
        for tree in self.all_trees:
            for node in nodes_of(tree):
                kind = node.__class__  # (by its class first: a million nodes are asked)
                if kind is ast.Name or kind is ast.Constant or kind is ast.BinOp:
                    continue
                if (
                    kind is ast.AugAssign
                    or (kind is ast.Subscript and isinstance(node.ctx, ast.Store))  # type: ignore[attr-defined]
                    or (kind is ast.keyword and node.arg == "out")  # type: ignore[attr-defined]
                    or (kind is ast.Attribute and node.attr in writing)  # type: ignore[attr-defined]
                ):
                    return True
        return False

    @functools.cached_property
    def methods_by_name(self) -> dict[str, list[ast.AST]]:
        """The methods of the file's classes, by name."""
        found: dict[str, list[ast.AST]] = {}
        for tree in self.all_trees:
            for node in nodes_of(tree):
                if isinstance(node, ast.ClassDef):
                    for item in node.body:
                        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            found.setdefault(item.name, []).append(item)
        return found

    @functools.cached_property
    def hooks(self) -> dict[str, list[ast.AST]]:
        """The code of the file's a module of Python's may call back, by that module's name:
        what the file sets on it (``warnings.showwarning = log``, ``sys.stdout = Tee()``, a
        lambda, a function, an object of the file's class: its methods)."""
        aliases = self.module_aliases
        sets: list[tuple[str, ast.expr]] = []
        bound: dict[str, list[ast.expr]] = {}  # tee = Tee(); sys.stdout = tee: what tee holds
        for tree in self.all_trees:
            for node in nodes_of(tree):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            bound.setdefault(target.id, []).append(node.value)
                        for part in ast.walk(target):  # (a, sys.stdout = …: its value's parts)
                            if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name):
                                sets.append((part.value.id, node.value))
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "setattr"
                    and len(node.args) == 3
                    and isinstance(node.args[0], ast.Name)
                ):  # setattr(sys, "stdout", Tee())
                    sets.append((node.args[0].id, node.args[2]))
        classes = {
            n.name: n for t in self.all_trees for n in ast.walk(t) if isinstance(n, ast.ClassDef)
        }
        found: dict[str, list[ast.AST]] = {}
        for name, value in sets:
            module = aliases.get(name)
            if module is None or module.partition(".")[0] not in sys.stdlib_module_names:
                continue
            bodies: list[ast.AST] = []
            held = [
                part.id
                for part in ast.walk(value)
                if isinstance(part, ast.Name) and part.id in bound
            ]
            values = [value, *(v for n in held for v in bound[n] if v is not value)]
            for part in (p for v in values for p in ast.walk(v)):
                if isinstance(part, ast.Lambda):
                    bodies.append(part)
                elif isinstance(part, ast.Name) and part.id in classes:
                    bodies.extend(
                        item
                        for item in classes[part.id].body
                        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                    )
                elif isinstance(part, ast.Name):
                    bodies.extend(self.functions_by_name.get(part.id, ()))
            if bodies:
                found.setdefault(module, []).extend(bodies)
        return found

    @functools.cached_property
    def module_aliases(self) -> dict[str, str]:
        """The names ``import`` binds to modules anywhere in the file (``import sys``,
        ``import warnings as w``), with the module each names."""
        aliases: dict[str, str] = {}
        for tree in self.all_trees:
            for node in nodes_of(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        aliases[alias.asname or alias.name.partition(".")[0]] = alias.name
        return aliases

    def hooks_run(self, module: str, why: str) -> None:
        """A call into ``module`` (``print``: ``sys``'s stdout) may run what the file set on
        it: run unseen (see :meth:`ran_unfollowed`)."""
        for body in self.hooks.get(module, ()):
            self.ran_unfollowed(body, why)

    @functools.cached_property
    def functions_by_name(self) -> dict[str, list[ast.AST]]:
        """The functions the file defines anywhere, by name (``def f`` in a handler, in a
        branch, nested)."""
        found: dict[str, list[ast.AST]] = {}
        for tree in self.all_trees:
            for node in nodes_of(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found.setdefault(node.name, []).append(node)
        return found

    def reshaped_everywhere(self, target: Operand, changed: Operand, why: str) -> None:
        """An array whose shape is set in place (``x.shape = …``, ``params[0].shape = …``):
        every name, attribute and dict item holding that same array sees ``changed``; a list
        or tuple holding it is not known any more (its item is that array); one that may be
        that array (see :attr:`may_alias`) is not known either."""
        self.replace_held(target, changed)
        for one, other in list(self.may_alias):
            if target is one or target is other:
                self.replace_held(other if target is one else one, unknown(why))
        seen: set[int] = set()

        def holds(op: Operand, depth: int) -> bool:
            if op is target:
                return True
            if depth > 64 or id(op) in seen:
                return False
            if op.kind in ("instance", "dict") and op.value is not None:
                visit(op.value, depth + 1)  # (changed in place: what holds it still does)
                return False
            if op.kind not in ("list", "tuple", "iter"):
                return False
            seen.add(id(op))
            return any([holds(item, depth + 1) for item in op.items or ()])

        def visit(space: Namespace, depth: int) -> None:
            if id(space) in seen or depth > 64:
                return
            seen.add(id(space))
            for key, value in list(space.attrs.items()):
                if value is target:
                    self.put(space, key, changed)
                elif value.kind in ("list", "tuple", "iter") and holds(value, 0):
                    self.put(space, key, unknown(why))
                elif value.kind in ("instance", "dict") and value.value is not None:
                    visit(value.value, depth + 1)

        for frame in self.frames:
            if frame.module and self.hypothetical:
                continue
            for name, value in list(frame.names.items()):
                if value.kind in ("list", "tuple", "iter") and holds(value, 0):
                    self.set_in(frame, name, unknown(why))
                elif value.kind in ("instance", "dict") and value.value is not None:
                    visit(value.value, 0)
                elif value.kind == "class" and value.value is not None:
                    visit(value.value.space, 0)

    def reshaped_unseen(self, elements: int | None, why: str) -> None:
        """An array's shape set in place through a value shapekit does not know
        (``r = a.view().base; r.shape = (3, 1)``): any array the program holds that has
        ``elements`` elements (any, when that is not known) may be that one, so none of
        them is known from here on."""
        seen: set[int] = set()
        found: list[Operand] = []

        frames_seen: set[int] = set()

        def look_in(frame: Any, depth: int) -> None:
            if frame is None or id(frame) in frames_seen:
                return
            frames_seen.add(id(frame))
            for value in list(frame.names.values()):
                look(value, depth)

        def look(op: Any, depth: int) -> None:
            # (every holder the file keeps: lists, objects, classes, what a function's
            # closure, defaults or partial hold; each once, to a depth no file reaches)
            if not isinstance(op, Operand) or id(op) in seen or depth > 64:
                return
            seen.add(id(op))
            if op.kind == "array":
                if elements is None or op.shape is None or size(op.shape) == elements:
                    found.append(op)
            elif op.kind in ("list", "tuple", "iter"):
                for item in op.items or ():
                    look(item, depth + 1)
            elif op.kind in ("instance", "dict") and op.value is not None:
                for value in list(op.value.attrs.values()):
                    look(value, depth + 1)
            elif op.kind == "class" and isinstance(op.value, ClassInfo):
                klass: ClassInfo | None = op.value
                while klass is not None:
                    for value in list(klass.space.attrs.values()):
                        look(value, depth + 1)
                    klass = klass.base
            elif op.kind == "userfunc" and isinstance(op.value, FunctionInfo):
                for value in op.value.defaults:
                    look(value, depth + 1)
                closure = op.value.closure
                if closure is not None:
                    look_in(closure.frame, depth + 1)
                if op.bound is not None:
                    look(op.bound, depth + 1)
            elif op.kind == "partial" and isinstance(op.value, tuple):
                for part in op.value:
                    for value in (
                        part.values()
                        if isinstance(part, dict)
                        else (part if isinstance(part, (tuple, list)) else (part,))
                    ):
                        look(value, depth + 1)

        for frame in self.frames:
            look_in(frame, 0)
        for space in list(self.holders.values()):
            for value in list(space.attrs.values()):
                look(value, 1)
        for each in found:
            self.reshaped_everywhere(each, unknown(why), why)

    def spend(self, target: Operand, why: str | None) -> None:
        """An iterator read through (``list(pairs)``, ``for … in pairs``): Python's zip, map,
        enumerate and generators give their items once, so every name holding it now holds an
        iterator with nothing left; read only in part (``any``, a loop that may break), what
        is left is unknown, and ``why`` says so."""
        if target.kind != "iter" or target.name not in ONE_SHOT or not target.items:
            return
        spent = Operand("iter", items=(), name=target.name) if why is None else unknown(why)
        self.replace_held(target, spent)

    def mutate(self, target: Operand, changed: Operand | None, why: str) -> None:
        """A list changed in place: every name (and attribute, and dict item) holding it sees
        ``changed`` (or an unknown), and every list or tuple that holds it becomes unknown."""
        if target.kind not in ("list", "tuple") or not target.ident:
            return
        if self.lazy is not None:
            changed, why = None, self.lazy
        frames, seen = list(self.frames), {id(f) for f in self.frames}
        for frame in self.frames:  # and the calls whose names closures still see
            closure = frame.closure
            while closure is not None and id(closure.frame) not in seen:
                seen.add(id(closure.frame))
                frames.append(closure.frame)
                closure = closure.frame.closure
        for frame in frames:
            if frame.module and self.hypothetical:  # a function never called changes no global
                continue
            for name, value in list(frame.names.items()):
                if value.kind in ("list", "tuple", "iter") and contains(value, target.ident):
                    self.set_in(frame, name, _holding(value, target.ident, changed) or unknown(why))
                elif value.kind == "iter" and any(
                    target.ident[: len(source)] == source for source in value.memo.get(READS, ())
                ):  # it = iter(a); a.append(3): the iterator reads a as it goes
                    self.set_in(frame, name, unknown(f"an iterator over {why}"))
        spaces = list(self.holders.values())
        for module in self.modules.values():  # a class of a module's (Registry.layers): its
            inner = getattr(module, "host", None)  # classes only, not every object it made
            if inner is not None and inner is not self:
                spaces.extend(h for h in inner.holders.values() if h.kind == "class")
        for space in spaces:
            for key, value in list(space.attrs.items()):
                if value.kind in ("list", "tuple", "iter") and contains(value, target.ident):
                    self.put(space, key, _holding(value, target.ident, changed) or unknown(why))
        for module in self.modules.values():  # config.SIZES.append(3): the module's list
            if isinstance(module, str):  # why one is not known (a file written by the notebook)
                continue
            held = getattr(module, "values", None) or {}
            if getattr(module, "host", None) is self:
                continue  # its own code changing its list (the importer sees to that call)
            if module.changed is None and any(
                value.kind in ("list", "tuple", "iter") and contains(value, target.ident)
                for value in held.values()
            ):
                module.changed = why  # what it holds is read as not known from here on
            inner = getattr(module, "host", None)
            own = getattr(getattr(inner, "module", None), "names", None)
            for name, value in list((own or {}).items()):  # and its own functions read it
                if value.kind in ("list", "tuple", "iter") and contains(value, target.ident):
                    own[name] = unknown(why)  # type: ignore[index]
        for info in self.list_defaults:  # def __init__(self, log=[]): one list for every call
            if any(
                d.kind in ("list", "tuple") and contains(d, target.ident) for d in info.defaults
            ):
                new = changed if not self.journaling else None  # a branch: not known
                kept = tuple(
                    (_holding(d, target.ident, new) or unknown(why))
                    if d.kind in ("list", "tuple") and contains(d, target.ident)
                    else d
                    for d in info.defaults
                )
                object.__setattr__(info, "defaults", kept)  # the function's own state

    # -- objects (instances, classes, dicts), changed in place --
    def put(self, space: Namespace, key: Any, value: Operand) -> None:
        """Set an attribute or a dict's item (every holder of the object sees it)."""
        if self.journaling:
            self.journal.append((space, key, space.attrs.get(key, MISSING)))
        if self.lazy is not None:
            value = unknown(self.lazy)
        space.attrs[key] = value
        if value.kind in ("list", "tuple", "iter"):
            self.holders[id(space)] = space
        if id(space) in self.viewed:
            self.views_changed(space)

    def views_changed(self, space: Namespace) -> None:
        """A dict changed after a view of it was made (``k = d.keys()``, then ``d["x"] = 1``):
        the view shows the dict as it is now; what it holds is not followed further."""
        for frame in self.frames:
            for name, value in list(frame.names.items()):
                if (
                    value.kind == "iter"
                    and value.name == DICT_VIEW
                    and value.bound is not None
                    and value.bound.value is space
                ):
                    self.set_in(frame, name, unknown("a view of a dict changed since it was made"))

    def drop(self, space: Namespace, key: Any) -> None:
        """Remove an attribute or a dict's item."""
        if key in space.attrs:
            if self.journaling:
                self.journal.append((space, key, space.attrs[key]))
            del space.attrs[key]
            if id(space) in self.viewed:
                self.views_changed(space)

    def track(self, space: Namespace) -> None:
        """A new object: remembered when it holds lists (which may change in place)."""
        if any(v.kind in ("list", "tuple", "iter") for v in space.attrs.values()):
            self.holders[id(space)] = space

    def escape(self, operands: list[Operand], why: str) -> None:
        """Objects handed to code shapekit does not follow: what they hold is unknown now."""
        stack = [(operand, 0) for operand in operands]
        while stack:
            operand, depth = stack.pop()
            kind = operand.kind
            if kind == "iter" and operand.name in ONE_SHOT and not self.hypothetical:
                # takewhile(f, it), next(filter(f, it)): how far it was read is not known
                self.spend(operand, f"what is left of an iterator given to {why}")
            if kind in ("list", "tuple", "iter") and depth < 4:  # what they hold goes too
                stack.extend((item, depth + 1) for item in operand.items or ())
            elif kind == "userfunc" and operand.bound is not None:  # a bound method: its object
                stack.append((operand.bound, depth + 1))
            elif kind in ("instance", "dict") or (kind == "class" and operand.value is not None):
                space = operand.value if kind != "class" else operand.value.space
                if not isinstance(space, Namespace):
                    continue  # (a dict or an object whose contents were never followed)
                if space.dynamic is None:
                    if self.journaling:
                        self.journal.append((space, DYNAMIC, None))
                    space.dynamic = why
                    if id(space) in self.viewed:
                        self.views_changed(space)
                if depth < 4:
                    stack.extend((value, depth + 1) for value in space.attrs.values())

    def lists_escape(self, operands: list[Operand], why: str) -> None:
        """Lists handed to a call of the file's that is not followed (nested too deep): it
        may append to them, so what they hold is unknown from here on."""
        for operand in operands:
            if operand.kind == "list" and operand.ident and not self.hypothetical:
                self.mutate(operand, None, why)

    def handed_over(self, function: Operand, why: str) -> None:
        """A function of the file handed to code that calls it unseen (``sorted(key=f)``,
        ``filter(f, …)``, NumPy's ``apply_along_axis``): what it may change in place (the
        lists and objects its body reads from outside itself) is unknown from here on."""
        info = function.value if function.kind == "userfunc" else None
        if info is None or self.hypothetical or not _may_change_things(info.fdef):
            return
        self.__dict__.get("saved_files", {}).clear()  # (np.save run there, unseen)
        outside = []
        for name in _outside_names(info.fdef):
            found = info.closure.get(name) if info.closure is not None else None
            found = found or self.module.names.get(name)
            if found is not None:
                outside.append(found)
        if function.bound is not None:
            outside.append(function.bound)
        self.escape(outside, why)
        self.lists_escape(outside, why)

    def receiving(self, function: Operand, args: list[Operand]) -> Operand:
        """``function`` bound to what its first parameter receives when it is followed
        without a call (the classes' runner binds a method to an instance)."""
        return function

    def report(self, walker: Walker, refused: Refused, root: ast.AST) -> None:
        if self.hypothetical:  # a function never called: running the file never fails there
            return
        line, column = walker.raised_at(refused.node)
        key = (walker.cell, line, column)
        if key in self.seen:
            return
        self.seen.add(key)
        error = refused.error
        # an expression written over several lines is shown on one (and its fixes written so)
        fixes: list[tuple[str, tuple[int, ...] | None]] = []
        if self.fix_budget > 0 and refused.candidates is not None:
            self.fix_budget -= 1
            fixes = [
                (one_line_code(text), shape) for text, shape in self.fixes(walker, refused, root)
            ]
        error.suggestions = [Suggestion(text, shape) for text, shape in fixes if shape is not None]
        error.expr, error.col = one_line(walker.source(refused.node)), column - 1
        error.file, error.line, error.column, error.cell = self.file, line, column, walker.cell
        error.message = message = one_line(error.message)
        if self.frame.call is not None:  # which call of the function refuses it
            message = f"{message} (in {_call_site(*self.frame.call)})"
        span = walker.span(root) if fixes else None
        depends = refused.depends
        fails_file = False
        if depends is None and not self.on_every_path():
            depends = self.path_depends()
            # every halt before is an error nothing catches: the file fails, here or there
            fails_file = self.on_every_path(fatal_ok=True)
        # certain but for being read later (a generator's body): see ProgramHost.call
        read_later_only = depends == _READ and self.on_every_path(read_later=False)
        self.problems.append(
            Problem(
                line, column, walker.cell, error.expr, message,
                [text for text, _ in fixes], error, span, refused.node, self.frame,
                depends is None, depends, fails_file=fails_file,
            )
        )  # fmt: skip
        if read_later_only:
            self.read_later.append(self.problems[-1])

    def on_every_path(self, *, read_later: bool = True, fatal_ok: bool = False) -> bool:
        """Whether the operation being followed runs whenever the file runs: not in a branch
        whose condition is not known, a loop that may run no step, a handler that may not
        run, after a return or a break that may run, or in a call from such a place (a
        statement of a try's body, a loop followed step by step and the first step of a loop
        known to run count as running), nor, with ``read_later``, in code run only as it is
        read (a generator's body, ``map()``'s calls)."""
        if self.perhaps or self.hypothetical or (read_later and self.lazy is not None):
            return False
        if self.journaling - self.trials - self.stepping:
            return False
        return all(
            not f.returns
            and f.jump != "uncertain"
            and (f.halts is None or (fatal_ok and isinstance(f.halts, FatalHalt)))
            for f in self.frames
        )

    def path_depends(self) -> str:
        """What the path being followed depends on, when it is not certain (see
        :meth:`on_every_path`)."""
        if self.lazy is not None:
            return _READ
        if self.depends:
            return self.depends[-1]
        if any(f.returns for f in self.frames):
            return "whether an earlier return runs"
        if any(f.jump == "uncertain" for f in self.frames):
            return "whether an earlier break or continue runs"
        halts = next((f.halts for f in reversed(self.frames) if f.halts is not None), None)
        if halts is not None:
            return halts
        return _NOT_KNOWN_PATH

    def report_here(
        self,
        node: ast.AST,
        message: str,
        op: str,
        raises: str | None = None,
        depends: str | None = None,
    ) -> MismatchError:
        """Report at ``node``, in the cell being followed, what running it refuses
        (``raises``: the builtin exception class Python raises; ``depends``: what it
        depends on, when it is possible only); the error."""
        assert self.walker is not None  # statements run inside a cell
        error = MismatchError(message, op=op)
        error.raises = raises
        refused = Refused(error, node)
        refused.depends = depends
        self.report(self.walker, refused, node)
        return error

    def fixes(
        self, walker: Walker, refused: Refused, root: ast.AST
    ) -> list[tuple[str, tuple[int, ...] | None]]:
        """The corrected root expressions that follow without any refused operation, those
        that keep what the operation was making first (see :func:`_ranked`), each with the
        shape of the root."""
        if refused.candidates is None or not isinstance(root, ast.expr):
            return []
        start, end = walker.span(root)
        candidates = refused.candidates(start, walker.text[start:end])
        kept: list[tuple[str, tuple[int, ...] | None, str, Any, bool]] = []
        for index, (text, note) in enumerate(candidates):
            result = self.dry_fix(walker, text)
            if result is None or result.kind == "error" or any(text == k[0] for k in kept):
                continue
            found = array_shape(result)
            shape = found if isinstance(found, tuple) else None
            kept.append((text, shape, note, index, result.kind == "unknown"))
        kept = fewest_edits(kept, lambda fix: fix[2])
        if len(kept) > 1 and any(k[4] for k in kept):
            # the rest of the expression is not followed: ranked by what each fix makes of
            # the refused operation itself
            made = self.made_by_fixes(walker, refused, len(candidates))
            kept = _ranked(kept, refused.error, lambda fix: made[fix[3]] or fix[1])
        else:
            kept = _ranked(kept, refused.error, lambda fix: fix[1])
        # a fix after which the rest of the expression is not followed is checked only up to
        # there: only the first (the one that keeps the most of what was written) is offered
        return [(k[0], k[1]) for index, k in enumerate(kept) if index == 0 or not k[4]]

    def dry_fix(self, walker: Walker, text: str) -> Operand | None:
        """What a corrected expression gives, followed without changing anything (None when
        it does not parse)."""
        # a fix spanning lines is parsed in parentheses, and walked in the same text
        source = text.strip() if "\n" not in text else f"(\n{text}\n)"
        try:
            tree = ast.parse(source, mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        return Walker(source, self, walker.cell, dry=True).evaluate(tree.body)

    def made_by_fixes(self, walker: Walker, refused: Refused, count: int) -> list[Any]:
        """The shape each fix gives the refused operation itself (by the same edits made to
        its text alone), or None: what ranks the fixes when the rest is not followed."""
        assert refused.candidates is not None
        start, end = walker.span(refused.node)
        alone = refused.candidates(start, walker.text[start:end])
        if len(alone) != count:
            return [None] * count
        shapes = []
        for text, _note in alone:
            result = self.dry_fix(walker, text)
            found = array_shape(result) if result is not None else None
            shapes.append(found if isinstance(found, tuple) else None)
        return shapes

    def check_hashable(
        self, info: FunctionInfo, args: list[Operand], kwargs: dict[str, Operand], node: ast.Call
    ) -> None:
        """Python's TypeError for a list, a dict, a set or an array given to a function whose
        results ``@functools.cache`` keeps (they are its keys)."""
        for index, given in enumerate([*args, *kwargs.values()]):
            kind = unhashable(given)
            if kind is None or self.walker is None:
                continue
            written = node.args[index] if index < len(node.args) else None
            what = f"`{self.walker.source(written)}`" if written is not None else "an argument"
            message = (
                f"cannot call {self.walker.source(node)}: `{info.qualname}` is decorated with "
                f"`@{info.cached}`, which keeps its results by their arguments, and {what} is "
                f"a {kind.removeprefix('numpy.')}, which cannot be a key (Python raises a "
                f"TypeError: unhashable type: '{kind}'); pass a tuple instead"
            )
            error = MismatchError(message, op="call")
            error.raises = "TypeError"
            raise Refused(error, node)

    def call(
        self,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand],
        node: ast.Call | None,
    ) -> Operand:
        """Follow a call of one of the file's functions: its body with the arguments bound."""
        info: FunctionInfo = func.value
        fdef, walker, defaults = info.fdef, info.walker, info.defaults
        if func.bound is not None:
            args = [func.bound, *args]
        where = "" if node is None else f" at line {node.lineno}"
        if self.frame.depth >= MAX_CALL_DEPTH:
            why = f"the call of `{info.qualname}()`{where}, not followed"
            if not _leaves_arguments_alone(fdef):  # it may change what it is given
                self.escape([*args, *kwargs.values()], why)
                self.lists_escape([*args, *kwargs.values()], why)
                if self.reshapes_in_place() and not self.hypothetical:  # acc.shape = … deeper
                    for given in [*args, *kwargs.values()]:
                        if given.kind == "array":
                            self.reshaped_everywhere(given, unknown(why), why)
            self.handed_over(func, why)  # log.append(k) in a recursion: the module's log
            # and the globals it (or what it calls) rebinds
            self.ran_unfollowed(fdef, why, info.closure)
            if any(halting(body) for body in (fdef, *self._bodies_called(fdef, info.closure))):
                self.may_halt(fdef, f"a raise or an exit in {why}")  # type: ignore[attr-defined]
            return unknown(
                f"the call of `{info.qualname}()`{where}, nested more than {MAX_CALL_DEPTH} "
                "calls deep"
            )
        params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
        if node is not None and info.cached is not None:
            self.check_hashable(info, args[1:] if func.bound is not None else args, kwargs, node)
        if node is not None and (
            info.binding != "function"
            or not fdef.decorator_list
            or (info.cached is not None and len(fdef.decorator_list) == 1)
        ):
            self.check_arguments(info, params, len(args), kwargs, node)
        self.called.add(id(fdef))
        frame = Frame(
            {}, module=False, depth=self.frame.depth + 1, owner=info.owner,
            # the object the method runs on: bound to it, or given first (Base.f(self, …))
            receiver=args[0] if args and info.binding in ("method", "property") else None,
            call=None if node is None or self.walker is None else (self.walker, node),
            closure=info.closure, function=info,
        )  # fmt: skip
        bound = dict(zip(params, args, strict=False))
        posonly = {a.arg for a in fdef.args.posonlyargs}
        for name, value in kwargs.items():
            if name not in posonly:  # f(1, a=2) with `def f(a, /, **kw)`: 2 goes to kw
                bound[name] = value
        first_default = len(params) - len(defaults)
        defaulted: dict[str, int] = {}  # the parameters left to their defaults
        for i, name in enumerate(params):
            if name not in bound:
                if i >= first_default:
                    defaulted[name] = i - first_default
                bound[name] = (
                    defaults[i - first_default]
                    if i >= first_default
                    else unknown(f"the parameter `{name}` of `{fdef.name}()`, not given{where}")
                )
        for name in defaulted:
            if bound[name].kind == "other" and bound[name].name == FACTORY:
                bound[name] = self.made_by_factory(bound[name])
        for extra_param in (fdef.args.vararg, fdef.args.kwarg):
            if extra_param is not None and node is None:  # not a call of the file's
                bound[extra_param.arg] = unknown(
                    f"the parameter `{extra_param.arg}` of `{fdef.name}()`"
                )
        if fdef.args.vararg is not None and node is not None:  # the positional ones left over
            bound[fdef.args.vararg.arg] = sequence("tuple", tuple(args[len(params) :]))
        for only, default in zip(fdef.args.kwonlyargs, fdef.args.kw_defaults, strict=True):
            if only.arg in kwargs:
                continue  # given by keyword (bound above)
            known = default is not None and isinstance(default, ast.Constant)
            bound[only.arg] = (
                from_python(default.value)  # type: ignore[union-attr]
                if known
                else unknown(f"the parameter `{only.arg}` of `{fdef.name}()`")
            )
        if fdef.args.kwarg is not None and node is not None:  # other keywords: **extra
            extra: dict[Any, Operand] = {}
            kwonly = kwonly_names(fdef)
            for name, value in kwargs.items():
                if name in posonly:
                    extra[name] = value
                elif name not in params and name not in kwonly:
                    extra[name] = bound.pop(name)
            bound[fdef.args.kwarg.arg] = new_dict(walker, extra)
        frame.names.update(bound)
        saved = (self.frame, self.walker)
        # the body sees its own comprehension variables, not the caller's: a lambda called
        # inside `[f(x) for x in rows]` must not take that x for its own parameter x
        # and its own parameters hide the comprehension's names (`lambda x, w=w: x @ w`)
        scopes = [{k: v for k, v in s.items() if k not in bound} for s in info.scopes]
        saved_scopes, walker.scopes = walker.scopes, scopes
        saved_lazy, saved_fp = self.lazy, self.fp_states
        if walker.holds("yield") and self.generator_function(fdef):
            frame.generator, frame.yields = True, []
            # its body runs as it is read, under the np.errstate of that moment: not known
            self.fp_states = [None]
            if self.lazy is None:
                # Python runs none of its body now, and only as much of it later as is read
                self.lazy = (
                    f"a list changed by the generator `{info.qualname}()` made{where}, whose "
                    "body runs only as its items are read"
                )
        self.frame, self.walker = frame, walker
        self.frames.append(frame)
        first_problem = len(self.problems)
        try:
            for name, value in bound.items():
                self.record(name, value, fdef)
            self.block(fdef.body)
        finally:
            walker.scopes = saved_scopes
            self.frame, self.walker = saved
            self.frames.pop()
            self.lazy, self.fp_states = saved_lazy, saved_fp
            if frame.halts is not None and not self.hypothetical and not frame.generator:
                # a call that may raise or exit: what follows it runs only when it does not
                self.frame.halts = self.frame.halts or frame.halts
        self.keep_defaults(info, frame, defaulted)
        self.broke(frame)
        if frame.generator:  # its items: what its body yields (it raises only when read)
            self.rebound_as_read(fdef, info.qualname)
            changed = (
                self.changed_after(
                    free_names(fdef),
                    saved[1].cell if saved[1] is not None else None,
                    node.lineno,
                    self.with_aliases(_handed_names(node)),
                )
                if node is not None and not self.hypothetical
                else None
            )
            if changed is not None:  # n = 5 after it = g(): its body reads n as 5
                return unknown(
                    f"the generator `{info.qualname}()` made{where}, whose body reads "
                    f"`{changed}`, which the file changes after (Python runs the body only as "
                    "its items are read)"
                )
            if frame.yields is None or frame.raised is not None or self.budget <= 0:
                return unknown(
                    f"the generator `{info.qualname}()` made{where}, whose items are not known"
                )
            made = Operand("iter", items=tuple(frame.yields), name="generator")
            # what its body may refuse: certain once every item is read (list(rows(x)))
            # (only those uncertain because the body runs as it is read, not by a branch)
            later = {id(p) for p in self.read_later}  # (ids: no cycle through the operand)
            made.memo["deferred"] = {id(p) for p in self.problems[first_problem:]} & later
            return made
        if not frame.returns:
            if frame.raised is not None:  # the call raises: the caller gets no value
                return Operand("error", error=frame.raised, reason=frame.raised.message)
            if frame.exits is not None:  # the call ends the program: the caller gets nothing
                return unknown(
                    f"the call of `{info.qualname}()`{where}, which ends the program with "
                    f"sys.exit() at line {frame.exits}"
                )
            if _returns_a_value(fdef):  # a return that was not followed (a loop never run…)
                return unknown(
                    f"the call of `{info.qualname}()`{where}, whose return is not followed"
                )
            return Operand("none")
        merged: Operand | None = frame.returns[0]
        for other in frame.returns[1:]:  # (the value only when every return gives it)
            merged = None if merged is None else either(merged, other)
        if merged is not None:
            return merged
        return unknown(f"`{info.qualname}()`, whose returns differ in shape")

    def with_aliases(self, names: set[str]) -> set[str]:
        """``names`` and the other names of the frame (and the module) holding the same
        objects (``t = s``: a generator handed ``s`` reads what ``t.append`` changes)."""
        held = [h for h in (self.lookup(n) for n in names) if h is not None]
        held = [h for h in held if h.kind in ("list", "dict", "instance", "array", "other")]
        if not held:
            return names
        found = set(names)
        frames = {id(f): f for f in (self.frame, self.module) if f is not None}
        for frame in frames.values():
            for name, value in frame.names.items():
                if any(
                    value is h
                    or (value.kind == h.kind == "list" and value.ident and value.ident == h.ident)
                    or (
                        h.kind == "instance" and value.kind == "instance" and value.value is h.value
                    )
                    for h in held
                ):
                    found.add(name)
        return found

    def broke(self, frame: Frame) -> None:
        """A method that certainly fails midway, outside any try (running stops there):
        what it did not set on its object is that failure when read later, not an
        AttributeError (``layer.output`` after ``layer.forward(x)`` failed before setting it
        was reported at every line that reads it)."""
        receiver = frame.receiver
        if (
            frame.raised is None
            or frame.returns
            or receiver is None
            or receiver.kind != "instance"
            or self.tries
            or not self.on_every_path(read_later=False)
        ):
            return
        space = receiver.value
        if getattr(space, "broken", 1) is None:
            space.broken = frame.raised

    def yielded(self, values: tuple[Operand, ...] | None) -> None:
        """A ``yield`` (or ``yield from``) followed in a generator function's body: its
        values are the generator's next items when the yield certainly runs, once."""
        frame = self.frame
        if not frame.generator or frame.yields is None:
            return
        if values is None or self.journaling or self.hypothetical or frame.returns:
            frame.yields = None  # in a branch, a loop or after a return that may not run
        else:
            frame.yields.extend(values)

    def generator_function(self, fdef: ast.FunctionDef) -> bool:
        """Whether ``fdef`` is a generator function (a ``yield`` in its own body)."""
        found = self.generators.get(id(fdef))
        if found is None:
            found = self.generators[id(fdef)] = _yields(fdef)
        return found

    def made_by_factory(self, default: Operand) -> Operand:
        """What a dataclass's ``default_factory`` makes for one call of ``__init__``: an
        empty list or dict, or what the file's function returns."""
        factory: Operand = default.value
        if factory.name == "builtins.list":
            return sequence("list", (), new_ident())
        if factory.name == "builtins.dict":
            assert self.walker is not None  # calls run inside a cell
            return new_dict(self.walker, {})
        made = self.call(factory, [], {}, None)
        return made if made.kind != "unknown" else unknown(default.reason or "")

    def keep_defaults(self, info: FunctionInfo, frame: Frame, defaulted: dict[str, int]) -> None:
        """A default list or dict changed in place by a call (``out.append(...)`` with
        ``def f(x, out=[])``) stays changed for the next call, as in Python: the default
        is made once, when the ``def`` runs."""
        if self.hypothetical or not defaulted:
            return
        defaults = list(info.defaults)
        for name, index in defaulted.items():
            default, final = defaults[index], frame.names.get(name)
            if default.kind not in ("list", "dict") or final is None or final is default:
                continue
            if final.kind == "unknown" or (final.ident and final.ident == default.ident):
                defaults[index] = final
        if defaults != list(info.defaults):
            object.__setattr__(info, "defaults", tuple(defaults))  # the function's own state

    def check_arguments(
        self, info: FunctionInfo, params: list[str], given: int, kwargs: dict[str, Operand],
        node: ast.Call,
    ) -> None:  # fmt: skip
        """Python's TypeError for a call with too many or too few arguments."""
        fdef = info.fdef
        name = f"{info.qualname}()"
        problem = None
        if given > len(params) and fdef.args.vararg is None:
            problem = (
                f"{name} takes {len(params)} positional argument{'s' * (len(params) != 1)} "
                f"but {given} were given"
            )
        kwonly = {a.arg for a in fdef.args.kwonlyargs}
        posonly = {a.arg for a in fdef.args.posonlyargs}
        # a positional-only name given by keyword goes to **kwargs, else Python refuses it
        by_keyword = [k for k in kwargs if k in posonly and fdef.args.kwarg is None]
        if by_keyword and problem is None:
            problem = (
                f"{name} got some positional-only arguments passed as keyword arguments: "
                + ", ".join(f"'{k}'" for k in by_keyword)
            )
        for key in kwargs:
            if key in posonly:
                continue
            if key in params[:given] and key not in kwonly:
                problem = problem or f"{name} got multiple values for argument '{key}'"
            elif key not in params and key not in kwonly and fdef.args.kwarg is None:
                problem = problem or f"{name} got an unexpected keyword argument '{key}'"
        first_default = len(params) - len(fdef.args.defaults)
        missing = [
            p
            for i, p in enumerate(params)
            if i >= given and i < first_default and (p not in kwargs or p in posonly)
        ]
        if missing and problem is None:
            listed = " and ".join(f"'{p}'" for p in missing)
            problem = (
                f"{name} missing {len(missing)} required positional argument"
                f"{'s' * (len(missing) != 1)}: {listed}"
            )
        if problem is not None:
            assert self.walker is not None  # calls are written inside a cell
            message = f"cannot call {self.walker.source(node)}: {problem}"
            raise Refused(MismatchError(message, op="call"), node)

    def evaluate(self, node: ast.AST) -> Operand:
        assert self.walker is not None  # statements run inside a cell
        return self.walker.evaluate(node)

    def block(self, body: list[ast.stmt]) -> None:
        """Run statements (the statement runner overrides it)."""
        raise NotImplementedError


_LITERALS = (ast.Constant, ast.List, ast.Tuple, ast.UnaryOp)


#: the names modules are usually imported as (``import numpy as np``)
_USUAL_ALIASES = {
    "np": "numpy",
    "pd": "pandas",
    "plt": "matplotlib.pyplot",
    "sns": "seaborn",
    "tf": "tensorflow",
}
#: names a Jupyter kernel provides (``display``, ``_`` the last output, ``_3``, ``In`` …)
_IPYTHON_NAME = re.compile(r"_+|_i{1,3}|_i?\d+|In|Out|display|get_ipython|exit|quit|_ih|_oh|_dh")


def assigned_names(
    body: list[ast.stmt], last: int | None, out: set[str], definitions: bool = True
) -> None:
    """Add to ``out`` the names the statements of ``body`` assign on a line up to ``last``
    (all of them when None): targets, loop variables, ``with … as``, imports, functions and
    classes (not with ``definitions`` False), walrus targets; without walking into the values
    (literal lists are long). The bodies are walked without recursion: an ``elif`` chain
    1,000 long is 1,000 deep."""
    bodies: list[Iterator[ast.stmt]] = [iter(body)]
    while bodies:
        statement = next(bodies[-1], None)
        if statement is None or (last is not None and statement.lineno > last):
            bodies.pop()  # a body's statements come in the order of their lines
            continue
        targets: list[ast.AST] = []
        if isinstance(statement, ast.Assign):
            targets = list(statement.targets)
        elif isinstance(statement, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets = [statement.target]
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            targets = [i.optional_vars for i in statement.items if i.optional_vars is not None]
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            if definitions:
                out.update((a.asname or a.name).split(".")[0] for a in statement.names)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if definitions:
                out.add(statement.name)
            continue  # its body runs when called, under its own names
        for target in targets:
            out.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        for value in ast.iter_child_nodes(statement):
            if isinstance(value, ast.NamedExpr) and isinstance(value.target, ast.Name):
                out.add(value.target.id)
        for part in ("body", "orelse", "finalbody"):
            bodies.append(iter(getattr(statement, part, [])))
        for handler in getattr(statement, "handlers", []):
            if handler.name:
                out.add(handler.name)
            bodies.append(iter(handler.body))
        for case in getattr(statement, "cases", []):  # match: what patterns capture, too
            for node in ast.walk(case.pattern):
                if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
                    out.add(node.name)
                elif isinstance(node, ast.MatchMapping) and node.rest:
                    out.add(node.rest)
            bodies.append(iter(case.body))


@functools.lru_cache(maxsize=256)
def local_names(function: ast.FunctionDef, walrus: bool = True) -> frozenset[str]:
    """The names local to ``function`` (Python decides it from the whole body before it
    runs): its parameters and every name its body binds, not those declared ``global`` or
    ``nonlocal``, nor those bound in the functions, classes and comprehensions inside it.
    Only statements are walked; expressions too when ``walrus`` says the body may hold a
    ``:=`` (its text has one)."""
    args = function.args
    found = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    found.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    declared: set[str] = set()
    statements: list[ast.AST] = list(function.body)
    targets: list[ast.AST] = []
    while statements:
        node = statements.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
            continue
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, (ast.Assign, ast.Delete)):
            targets.extend(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets.append(node.target)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            targets.extend(i.optional_vars for i in node.items if i.optional_vars is not None)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            found.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            found.add(node.rest)
        for part in ("body", "orelse", "finalbody", "handlers", "cases"):
            statements.extend(getattr(node, part, ()))
        if isinstance(node, ast.match_case):
            statements.extend(ast.walk(node.pattern))
    while targets:  # a, (b, *c) = ...: the names inside
        target = targets.pop()
        if isinstance(target, ast.Name):
            found.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            targets.extend(target.elts)
        elif isinstance(target, ast.Starred):
            targets.append(target.value)
    nodes: list[ast.AST] = list(function.body) if walrus else []
    while nodes:  # x := ... binds in the function, but not inside a function of its own
        node = nodes.pop()
        if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            nodes.extend(ast.iter_child_nodes(node))
    return frozenset(found - declared)


#: statements that hold no statements of their own
_WITHOUT_BODY = frozenset(
    {
        ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Import, ast.ImportFrom,
        ast.Return, ast.Pass, ast.Break, ast.Continue, ast.Raise, ast.Assert, ast.Delete,
        ast.Global, ast.Nonlocal,
    }
)  # fmt: skip


def _stored_names(
    tree: ast.Module, executed: set[int], roots: bool = False, walrus: bool = True
) -> list[ast.Name]:
    """The names assigned by the statements of ``tree`` that were never followed (not a
    comprehension's own variables), without walking into literal lists of numbers; with
    ``roots``, also the names whose objects are assigned into (``w.shape = …``, ``d[k] = …``).
    Without ``walrus`` (no ``:=`` in the text), an expression that is read binds nothing:
    it is not walked (a million additions past the operations budget)."""
    found: list[ast.Name] = []
    scoped: set[int] = set()
    stack: list[ast.AST] = []
    statements: list[ast.stmt] = list(tree.body)
    while statements:  # followed statements: only their bodies may hold unfollowed code
        statement = statements.pop()
        if id(statement) not in executed:
            stack.append(statement)
            continue
        if type(statement) in _WITHOUT_BODY:
            continue
        for name in ("body", "orelse", "handlers", "finalbody"):
            for child in getattr(statement, name, ()):
                if isinstance(child, ast.ExceptHandler):
                    statements.extend(child.body)
                else:
                    statements.append(child)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store) and id(node) not in scoped:
                found.append(node)
            continue
        if (
            roots
            and isinstance(node, (ast.Attribute, ast.Subscript))
            and isinstance(node.ctx, ast.Store)
        ):
            root = node.value
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if isinstance(root, ast.Name):
                found.append(root)
        if isinstance(node, ast.comprehension):
            scoped.update(id(n) for n in ast.walk(node.target))
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load):
            stack.extend(e for e in node.elts if not isinstance(e, _LITERALS))  # numbers, rows
            continue
        if (
            not walrus
            and isinstance(node, ast.expr)
            and not isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del))
        ):  # (a comprehension's or a lambda's own names are no names of the file's)
            continue
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.Constant, ast.expr_context)):
                stack.append(child)
    return found


def _not_an_array(name: str, value: Operand) -> ShapeError:
    from shapekit.shapes import shape as shape_of

    if (value.kind in ("str", "none", "other") and value.value is not None) or value.kind == "none":
        try:
            shape_of(value.value, name=name)
        except ShapeError as error:
            return error
    return NotANumberError(f"{name} is {describe(value)}, not an array of numbers", name=name)


__all__ = ["Frame", "Place", "ProgramHost", "own_walk"]


#: kinds of objects a function may change in place
_HOLDERS = frozenset({"list", "dict", "instance", "array", "tuple", "class"})
#: calls that change none of their arguments (a recursive call of the function is checked
#: by the function itself)
_PURE_CALLS = frozenset(
    {"len", "range", "zip", "enumerate", "sum", "min", "max", "abs", "float", "int", "round",
     "list", "tuple", "sorted", "reversed", "print", "isinstance", "any", "all", "map", "str",
     "pow", "divmod", "complex", "iter", "next"}
)  # fmt: skip
#: methods that change the list (or array) they are called on
_CHANGING = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "fill",
     "resize", "put", "itemset", "setflags", "update", "setdefault", "popitem", "add",
     "discard", "__setitem__", "__delitem__", "__iadd__"}
)  # fmt: skip


@functools.lru_cache(maxsize=256)
def _may_change_things(fdef: ast.FunctionDef) -> bool:
    """Whether calling ``fdef`` may change something in place or rebind a name outside
    it, read from its text: a method that changes its object (``append`` …), an item or
    attribute set or deleted, ``+=``, ``global``/``nonlocal``, ``:=``, or a call of a
    function that is not a built-in or NumPy's (it may do any of these)."""
    for node in ast.walk(fdef):
        if isinstance(node, (ast.Global, ast.Nonlocal, ast.NamedExpr, ast.AugAssign)):
            return True
        if _changes_in_place(node):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and not hasattr(builtins, node.func.id)
        ):
            return True
    return False


def _changes_in_place(node: ast.AST) -> bool:
    """Whether ``node`` changes an object in place: an item or attribute set or deleted
    (``a[0] = …``, ``del a.b``), or a method that changes its object (``a.append(…)``)."""
    if isinstance(node, (ast.Subscript, ast.Attribute)):
        return isinstance(node.ctx, (ast.Store, ast.Del))
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _CHANGING
    )


@per_body
def _leaves_arguments_alone(fdef: ast.FunctionDef) -> bool:
    """Whether a function certainly changes nothing it is given, read from its text: no
    parameter is changed in place (``a.append``, ``a[0] = …``, ``a += …``, ``del a[0]``), and
    each is handed only to itself (a recursive call), to built-ins that change nothing, or to
    NumPy (``np.``), which returns new arrays. A call too deep to follow then leaves the
    caller's lists as they were (``dot(a[1:], b[1:])`` in a recursive dot product)."""
    args = fdef.args
    if args.vararg or args.kwarg or fdef.decorator_list:
        return False
    params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    for node in ast.walk(fdef):
        if isinstance(node, (ast.Global, ast.Nonlocal, ast.Lambda)) or (
            node is not fdef and isinstance(node, (ast.FunctionDef, ast.ClassDef))
        ):
            return False
        if isinstance(node, ast.AugAssign):
            target: ast.expr = node.target
            while isinstance(target, (ast.Subscript, ast.Attribute)):
                target = target.value
            if isinstance(target, ast.Name) and target.id in params:
                return False
        if _changes_in_place(node):
            return False
        if isinstance(node, ast.Call):
            func = node.func
            named = func.id if isinstance(func, ast.Name) else None
            numpy = (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in ("np", "numpy")
            )
            receiver = func.value if isinstance(func, ast.Attribute) else None
            hands_on = any(  # self.m0(): the method has self too
                isinstance(n, ast.Name) and n.id in params
                for a in (*node.args, *(k.value for k in node.keywords), *[receiver][:1])
                if a is not None
                for n in ast.walk(a)
            )
            if hands_on and not numpy and named not in (*_PURE_CALLS, fdef.name):
                return False
    return True


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with one slip of the keyboard (two letters swapped, one
    left out, added or mistyped), for names of three letters or more (``mian``, ``main``).

    >>> _one_slip("mian", "main"), _one_slip("wieghts", "weights"), _one_slip("x", "w")
    (True, True, False)
    """
    if a == b or min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def one_line(text: str) -> str:
    """Source written over several lines, on one line (a message shows it so).

    >>> one_line("np.dot(\\n    x,\\n    w\\n)")
    'np.dot(x, w)'
    """
    if "\n" not in text:
        return text
    text = _COMMENT.sub("", text)  # comments end at the line's end

    def join(
        match: re.Match[str],
    ) -> str:  # nothing after an opening bracket or before a closing one
        before = match.string[match.start() - 1 : match.start()]
        after = match.string[match.end() : match.end() + 1]
        return "" if (before and before in "([{") or (after and after in ")]}") else " "

    return _BREAK.sub(join, text)


#: a comment, up to the line's end; a line break with the blanks around it (and any blank
#: lines after it). Possessive, and tried only where blanks begin: a long run of blanks is
#: read once, not once per character (which took seconds on a call with a thousand blank lines)
_COMMENT = re.compile(r"#[^\n]*+(?=\n)")
_BREAK = re.compile(r"(?<![ \t\r\f\v])[ \t\r\f\v]*+(?:\\?\n[ \t\r\f\v]*+)++")


def one_line_code(text: str) -> str:
    """A fix written over several lines, as one line of the same code (comments dropped).

    >>> one_line_code("np.dot(x,  # the inputs\\n       w.T)")
    'np.dot(x, w.T)'
    """
    if "\n" not in text:
        return text
    try:
        return ast.unparse(ast.parse(f"(\n{text}\n)", mode="eval"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return one_line(text)


def _holding(
    value: Operand, ident: tuple[int, ...], changed: Operand | None, depth: int = 0
) -> Operand | None:
    """``value`` once the list ``ident`` in it is ``changed`` (``product[i][j] += …``
    changes a row of ``product``; rows that are one list, ``[[0] * n] * m``, change together);
    None when not known."""
    if changed is None or depth > 64:
        return None
    if value.ident == ident:
        return changed
    items = items_of(value) if value.kind in ("list", "tuple") else None
    if items is None:
        return None
    out = []
    for item in items:
        if contains(item, ident):
            new = _holding(item, ident, changed, depth + 1)
            if new is None:
                return None
            item = new
        out.append(item)
    return sequence(value.kind, tuple(out), ident=value.ident)


def _own_nodes(fdef: ast.FunctionDef) -> Iterator[ast.AST]:
    """The nodes of ``fdef``'s own body: not those of a function, lambda or class inside it
    (their returns and yields are their own)."""
    stack: list[ast.AST] = list(fdef.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _returns_a_value(fdef: ast.FunctionDef) -> bool:
    """Whether ``fdef``'s own body has a ``return`` with a value."""
    return any(isinstance(n, ast.Return) and n.value is not None for n in _own_nodes(fdef))


def _yields(fdef: ast.FunctionDef) -> bool:
    """Whether ``fdef``'s own body has a ``yield`` (it is a generator function)."""
    return any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in _own_nodes(fdef))


def kwonly_names(fdef: ast.FunctionDef) -> set[str]:
    """The keyword-only parameters of ``fdef``."""
    return {a.arg for a in fdef.args.kwonlyargs}


#: what reaches a module's own names through an object: the module itself (``import
#: __main__``, ``sys.modules``), a frame's globals, a function's ``__globals__``
_SELF_REACHING = re.compile(
    r"\bimport\s+__main__\b|\bfrom\s+__main__\s+import\b"
    r"|\bsys\s*\.\s*modules\s*(?:\[|\.\s*get\s*\()\s*(?:__name__|['\"]__main__['\"])"
    r"|__globals__|\bf_globals\b|\b_getframe\b|\bcurrentframe\b"
)


#: the words one of which text matching _SELF_REACHING holds (looked for first: most files
#: hold none, and words written out are found far faster than the pattern)
_SELF_REACHING_WORDS = re.compile("__main__|modules|globals|_getframe|currentframe")


#: the names of the calls that end the program (``sys.exit()``, ``exit()``, ``os._exit()``)
HALTING_CALLS = frozenset({"exit", "quit", "_exit", "abort"})


def called_name(node: ast.Call) -> str | None:
    """The name a call is written with (``sys.exit(1)``: ``exit``)."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


@per_body
def halting(body: ast.AST) -> bool:
    """Whether ``body`` has a ``raise`` or a call that may end the program."""
    return any(
        isinstance(node, ast.Raise)
        or (isinstance(node, ast.Call) and called_name(node) in HALTING_CALLS)
        for node in ast.walk(body)
    )


def _call_site(walker: Walker, node: ast.Call) -> str:
    """A call as a problem inside the function names it: "the call `dense2.forward(x)` at
    line 24" (and its cell in a notebook)."""
    line, _column = walker.position(node)
    cell = f" of cell {walker.cell}" if walker.cell is not None else ""
    return f"the call `{walker.short(node)}` at line {line}{cell}"


#: names whose use may bind names shapekit does not see
#: what of the module sys reaches another module's names, or the file's own
_SYS_BINDERS = frozenset({"modules", "_getframe", "settrace", "setprofile", "exc_info"})
_UNSEEN_BINDERS = frozenset(
    {"exec", "eval", "globals", "locals", "vars", "__builtins__", "builtins", "get_ipython",
     "setattr", "__import__", "importlib", "__dict__", "run_line_magic", "__main__",
     "__globals__", "f_globals", "f_locals", "tb_frame", "gettext", "install"}
)  # fmt: skip


#: the methods that change their object in place (see ProgramHost.changed_at)
_CHANGING_METHODS = frozenset(
    {"append", "extend", "insert", "pop", "remove", "clear", "resize", "fill", "sort",
     "reverse", "put", "update", "setdefault", "popitem", "__setitem__", "itemset", "setflags"}
)  # fmt: skip


_NAMES_READ: dict[int, tuple[ast.AST, tuple[str, ...]]] = {}


def _names_read(body: ast.AST) -> tuple[str, ...]:
    """The names written in ``body``, each once, in the order met (kept per body)."""
    kept = _NAMES_READ.get(id(body))
    if kept is not None and kept[0] is body:
        return kept[1]
    names = tuple(dict.fromkeys(n.id for n in ast.walk(body) if isinstance(n, ast.Name)))
    if len(_NAMES_READ) > 4096:
        _NAMES_READ.clear()
    _NAMES_READ[id(body)] = (body, names)
    return names


@per_body
def _declared_global(body: ast.AST) -> tuple[str, ...]:
    """The names ``global`` statements in ``body`` declare."""
    return tuple(n for node in ast.walk(body) if isinstance(node, ast.Global) for n in node.names)


@per_body
def _outside_names(fdef: ast.AST) -> tuple[str, ...]:
    """The names a function reads that are not its own locals (each once)."""
    own = local_names(fdef)
    return tuple(
        dict.fromkeys(n.id for n in ast.walk(fdef) if isinstance(n, ast.Name) and n.id not in own)
    )


@per_body
def _reshaped_names(body: ast.AST) -> frozenset[str]:
    """The names whose array ``body`` reshapes in place (``W.shape = …``, ``W.resize(…)``)."""
    found: set[str] = set()
    for node in ast.walk(body):
        target: ast.AST | None = None
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            target = node.value if node.attr in ("shape", "dtype", "strides") else None
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "resize"
        ):
            target = node.func.value
        if isinstance(target, ast.Name):
            found.add(target.id)
    return frozenset(found)


@functools.lru_cache(maxsize=64)
def _loops(tree: ast.Module) -> tuple[ast.AST, ...]:
    """The loops and comprehensions of ``tree`` (see ProgramHost.rebound_around)."""
    kinds = (ast.For, ast.AsyncFor, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
             ast.GeneratorExp)  # fmt: skip
    return tuple(n for n in ast.walk(tree) if isinstance(n, kinds))


def _kept_as_an_item(
    loop: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp, node: ast.AST
) -> bool:
    """Whether ``node`` is what the comprehension ``loop`` makes at each turn (or a part of
    a tuple or list it makes), to be read after the turn; not one read within it
    (``[next(iter(g)) for w in W]``)."""
    made = [loop.key, loop.value] if isinstance(loop, ast.DictComp) else [loop.elt]
    return any(_held_within(item, node) for item in made)


#: the built-in functions that keep an iterator they are given to read it later
_KEEPING = frozenset({"iter", "zip", "enumerate", "map", "filter", "reversed"})


def _held_within(part: ast.AST, node: ast.AST) -> bool:
    """Whether ``node`` is ``part`` or held in it as it is (in a tuple, list, set or dict
    display, or by ``iter()``, ``zip()`` …), not read there (``next(node)``, ``list(node)``)."""
    if part is node:
        return True
    if isinstance(part, (ast.Tuple, ast.List, ast.Set)):
        return any(_held_within(e, node) for e in part.elts)
    if isinstance(part, ast.Dict):
        return any(_held_within(v, node) for v in part.values if v is not None)
    if isinstance(part, ast.Call) and isinstance(part.func, ast.Name) and part.func.id in _KEEPING:
        return any(_held_within(a, node) for a in part.args)
    return False


def _kept_past_the_turn(loop: ast.For | ast.AsyncFor, node: ast.AST) -> bool:
    """Whether ``node``, in ``loop``'s body, is kept in a list, a dict or an object there
    (``gens.append(node)``, ``d[k] = node``), to be read after the turn."""
    for inner in ast.walk(loop):
        if (
            isinstance(inner, ast.Call)
            and isinstance(inner.func, ast.Attribute)
            and inner.func.attr in ("append", "extend", "insert", "add", "setdefault")
            and any(a is node for a in inner.args)
        ):
            return True
        if (
            isinstance(inner, ast.Assign)
            and inner.value is node
            and any(isinstance(t, (ast.Subscript, ast.Attribute)) for t in inner.targets)
        ):
            return True
    return False


def _locally_bound(tree: ast.AST) -> set[int]:
    """The ``ast.Name`` nodes (by id) of ``tree`` that bind a function's own local name (a
    parameter or a name it assigns, not declared ``global`` or ``nonlocal``)."""
    found: set[int] = set()
    for fdef in ast.walk(tree):
        if not isinstance(fdef, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        own = local_names(fdef)
        for node in ast.walk(fdef):
            if (
                isinstance(node, ast.Name)
                and isinstance(node.ctx, (ast.Store, ast.Del))
                and node.id in own
            ):
                found.add(id(node))
    return found


def _exit_in(body: ast.AST) -> ast.AST | None:
    """A ``sys.exit(…)``, ``exit()``, ``quit()``, ``os._exit(…)`` or ``raise SystemExit``
    written in ``body`` (a function of the file's), if any."""
    for node in ast.walk(body):
        if isinstance(node, ast.Call):
            func = node.func
            if (isinstance(func, ast.Name) and func.id in ("exit", "quit")) or (
                isinstance(func, ast.Attribute)
                and func.attr in ("exit", "_exit")
                and isinstance(func.value, ast.Name)
                and func.value.id in ("sys", "os")
            ):
                return node
        elif isinstance(node, ast.Raise):
            kind = raised_kind(node)
            if isinstance(kind, ast.Name) and kind.id == "SystemExit":
                return node
    return None


def raised_kind(node: ast.Raise) -> ast.expr | None:
    """The class a ``raise`` names as written (``raise SystemExit(0)``: ``SystemExit``;
    None for a bare ``raise``)."""
    return node.exc.func if isinstance(node.exc, ast.Call) else node.exc


def _handed_names(node: ast.AST) -> set[str]:
    """The names whose objects a call hands its function (``d.batches()``: ``d``;
    ``batches(X, cfg.size)``: ``X``, ``cfg``): a generator's body reads them when it is read."""
    if not isinstance(node, ast.Call):
        return set()
    handed: list[ast.AST] = [*node.args, *(k.value for k in node.keywords)]
    if isinstance(node.func, ast.Attribute):
        handed.append(node.func.value)
    return {n.id for part in handed for n in ast.walk(part) if isinstance(n, ast.Name)}


@per_body
def _changes_a_parameter(fdef: ast.AST) -> bool:
    """Whether the function ``fdef`` changes the object one of its parameters holds, in
    place (``lst.append(3)``, ``w[0] = 1``, ``out=w``)."""
    if not isinstance(fdef, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    params = {a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args, *fdef.args.kwonlyargs)}
    return any(
        not isinstance(node, ast.Name) and _changed_name(node) in params for node in ast.walk(fdef)
    )


def _changed_name(node: ast.AST) -> str | None:
    """The name ``node`` binds or whose object it changes in place, if any."""
    target: ast.AST | None = None
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return node.id
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        return node.target.id  # lst += [3] extends the list in place (an array's too)
    if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(
        node.ctx, (ast.Store, ast.Del)
    ):
        target = node.value
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _CHANGING_METHODS
    ):
        target = node.func.value
    elif isinstance(node, ast.keyword) and node.arg == "out":
        target = node.value
    while isinstance(target, (ast.Attribute, ast.Subscript)):
        target = target.value
    return target.id if isinstance(target, ast.Name) else None


def _may_stop(node: ast.AST) -> bool:
    """Whether the code an ``exec()`` or ``eval()`` call runs may stop the file: any text
    but a literal one that only binds and prints constants (``exec("n = 3")``)."""
    text = node.args[0] if isinstance(node, ast.Call) and node.args else None
    if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
        return True
    try:
        tree = ast.parse(text.value)
    except (SyntaxError, ValueError):
        return True
    for each in ast.walk(tree):
        if isinstance(each, ast.Call) and not (
            isinstance(each.func, ast.Name) and each.func.id == "print"
        ):
            return True
        if isinstance(each, ast.Name) and not (
            isinstance(each.ctx, ast.Store) or each.id == "print"
        ):
            return True
        if not isinstance(
            each,
            (ast.Module, ast.Assign, ast.Expr, ast.Call, ast.Name, ast.Constant, ast.expr_context),
        ):
            return True
    return False


#: the names through which a file may reach exec() or eval() (see ProgramHost.may_exec)
_EXEC_ROUTES = frozenset({"exec", "eval", "builtins", "__builtins__", "__import__", "importlib"})


@functools.lru_cache(maxsize=64)
def _names_exec(tree: ast.Module) -> bool:
    return _reaches_exec(tree)


def _reaches_exec(tree: ast.AST) -> bool:
    """Whether ``tree`` names exec, eval, the module builtins or ``__import__``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in _EXEC_ROUTES:
            return True
        if isinstance(node, ast.alias) and node.name.partition(".")[0] in _EXEC_ROUTES:
            return True
        if isinstance(node, ast.ImportFrom) and node.module in ("builtins", "importlib"):
            return True
        if isinstance(node, ast.Constant) and node.value in _EXEC_ROUTES:
            return True
    return False


@functools.lru_cache(maxsize=64)
def _rebinds_globals(tree: ast.Module) -> bool:
    """Whether a function of ``tree`` binds module names (``global``, ``nonlocal``)."""
    return any(isinstance(node, (ast.Global, ast.Nonlocal)) for node in ast.walk(tree))


def _binds_unseen(tree: ast.Module, scoped: bool = True) -> bool:
    """Whether ``tree`` may bind module names in ways shapekit does not follow (``scoped``:
    ``global`` in a function counts; the names it binds are still written in the file)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            return True
        if isinstance(node, ast.Import) and any(  # import builtins as b: b.n = 4
            a.asname and a.name.partition(".")[0] in (*_UNSEEN_BINDERS, "sys") for a in node.names
        ):
            return True
        if (  # from sys import modules
            isinstance(node, ast.ImportFrom)
            and node.module == "sys"
            and any(a.name in _SYS_BINDERS for a in node.names)
        ):
            return True
        if isinstance(node, ast.Name) and node.id in _UNSEEN_BINDERS:
            return True
        if (  # getattr(sys, "modules"): any of its names
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == "sys"
        ):
            return True
        if (  # sys.modules["__main__"].n = 4, sys._getframe(0).f_globals: not sys.argv
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
            and node.attr in _SYS_BINDERS
        ):
            return True
        if isinstance(node, ast.Attribute) and node.attr in _UNSEEN_BINDERS:
            return True
        if scoped and isinstance(node, (ast.Global, ast.Nonlocal)):
            return True
    return False


def _class_assigned(frame: Frame) -> frozenset[str]:
    """The names a class body binds at its own level (Python reads them there with
    LOAD_NAME: the class's namespace, then the module's, never an enclosing function's)."""
    owner = frame.owner
    node = getattr(owner, "node", None)
    if not isinstance(node, ast.ClassDef):
        return frozenset()
    kept = getattr(node, "shapekit_assigned", None)
    if kept is None:
        names: set[str] = set()
        assigned_names(node.body, None, names)
        kept = frozenset(names)
        node.shapekit_assigned = kept  # type: ignore[attr-defined]
    return kept


def nodes_of(tree: ast.AST) -> list[ast.AST]:
    """Every node of the file's (or cell's) ``tree`` but the operators and the contexts of
    names (``ast.Add``, ``ast.Load``: nothing asks for them), in the order :func:`ast.walk`
    gives them, found once and kept on the tree: the walks over a whole file that the
    interpreter asks for (where names are changed, which functions are called …) read this
    list, a file of two million nodes is walked once, not ten times."""
    found = tree.__dict__.get("_shapekit_nodes")
    if found is None:
        found = []
        keep, todo = found.append, collections.deque([tree])
        take, push, extend = todo.popleft, todo.append, todo.extend
        fields = _CHILD_FIELDS
        node_class = ast.AST
        while todo:
            node = take()
            keep(node)
            kind = type(node)
            names = fields.get(kind)
            if names is None:  # (a field that holds a name or a number never holds a node)
                names = fields[kind] = tuple(
                    n
                    for n in node._fields
                    if n not in ("ctx", "op", "ops")
                    and isinstance(getattr(node, n, None), (node_class, list, type(None)))
                )
            for name in names:
                value = getattr(node, name, None)
                if isinstance(value, node_class):
                    push(value)
                elif value.__class__ is list:
                    extend([v for v in value if isinstance(v, node_class)])
        tree.__dict__["_shapekit_nodes"] = found
    return found


#: the fields of each class of node that may hold nodes (see nodes_of)
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
