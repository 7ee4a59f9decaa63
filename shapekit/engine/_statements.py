"""The statements of a program, followed in order: the interpreter behind
:func:`shapekit.engine.program.analyse`.

:class:`Interpreter` runs statements (expressions, ``for``/``while`` with their loops unrolled
when their length is known, ``if``/``else`` whose branches are merged, ``with``, ``try``,
``def``, ``return``, imports) on :class:`~shapekit.engine._operands.Operand` values, handing
every expression to a :class:`~shapekit.engine._expressions.Walker`. Assignments are bound by
:class:`~shapekit.engine._assignments.Assignments`, and the names, bindings, calls and problems
are kept by :class:`~shapekit.engine._host.ProgramHost`.
"""

from __future__ import annotations

import ast
import builtins
import dis
import functools
import inspect
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Literal

from shapekit.engine._access import (
    CONSTANTS,
    EXIT_FUNCTIONS,
    MATH_FUNCTIONS,
    STDLIB_FUNCTIONS,
    STDLIB_MODULES,
    STRICT,
    caught,
    stdlib_import_lacks,
)
from shapekit.engine._assignments import Assignments
from shapekit.engine._classes import shape_only
from shapekit.engine._datafiles import DATA_FUNCTIONS, OpenFile, dotted
from shapekit.engine._expressions import (
    Walker,
    jumping,
    may_write,
    numbers_merged,
    numpy_attribute,
    same,
)
from shapekit.engine._host import (
    _IPYTHON_NAME,
    DYNAMIC,
    HALTING_CALLS,
    MISSING,
    FatalHalt,
    Frame,
    _changes_in_place,
    _exit_in,
    _may_change_things,
    called_name,
    halting,
    raised_kind,
)
from shapekit.engine._modules import (
    MAX_IMPORT_DEPTH,
    REACHING,
    Exiting,
    Failing,
    Module,
    Reaching,
    imported,
    module_names,
    module_path,
    slipped_module,
)
from shapekit.engine._numpy_api import KNOWN_FUNCTIONS
from shapekit.engine._objects import (
    ClassInfo,
    Enclosing,
    FunctionInfo,
    Namespace,
    _key,
    new_dict,
)
from shapekit.engine._operands import (
    ARRAYLIKE,
    MAX_ITEMS,
    ONE_SHOT,
    SPAN,
    Operand,
    array_shape,
    block_of,
    describe,
    dtype_of,
    from_python,
    in_block,
    items_of,
    length,
    number,
    one_of_shapes,
    sequence,
    size,
    unknown,
    values_written,
    written_count,
    zero_d,
)
from shapekit.engine._paths import OS_PATH_FUNCTIONS
from shapekit.engine.program import (
    MAX_ITERATIONS,
    MAX_NESTING,
    MAX_STATEMENTS,
    UNDECIDED,
    Problem,
)
from shapekit.errors import MismatchError

_UNSEEN: Any = object()
#: the method that runs each class of statement, by (interpreter class, statement class)
_METHODS: dict[tuple[type, type], Any] = {}


#: how many characters of a statement followed in a loop cost one more step of the budget: a
#: call of 25,000 arguments in a loop of 1,000 steps took minutes, each a step
_CHARACTERS_A_STEP = 200


#: NumPy's modules whose functions shapekit follows, imported by name from them
_NUMPY_MODULES = (
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.testing",
    "numpy.lib.stride_tricks",
)


def _length(statement: ast.stmt) -> int:
    """About how many characters ``statement`` is written in (its lines, at 80 each, when it
    has several)."""
    lines = (statement.end_lineno or statement.lineno) - statement.lineno
    if lines:
        return (lines + 1) * 80
    return (statement.end_col_offset or 0) - statement.col_offset


#: the libraries whose functions shapekit follows (besides those of STDLIB_MODULES)
_FOLLOWED_LIBRARIES = frozenset({"numpy", "math", "json", "typing", "enum", "abc", "contextlib"})
#: modules of Python's own that NumPy imports (all of them when it is imported; random and
#: secrets when np.random is first used): a file of one of these names beside the checked
#: file is imported in its place, and NumPy fails (found by trying each module of
#: sys.stdlib_module_names that ``import numpy`` and ``np.random.rand`` load, with a file of
#: its name beside them, NumPy 2.4; tests/engine/test_thirtysecond_pass.py tries them again)
_NUMPY_NEEDS = frozenset(
    {
        "_compat_pickle", "_contextvars", "_datetime", "_random", "_struct", "_weakrefset",
        "ast", "base64", "binascii", "bisect", "contextvars", "datetime", "dis", "hashlib",
        "hmac", "inspect", "linecache", "math", "numbers", "opcode", "pickle", "platform",
        "random", "secrets", "struct", "textwrap", "threading", "token", "tokenize", "typing",
        "weakref", "zlib",
    }
)  # fmt: skip
#: the libraries shadowed in each folder, by (folder, the time the folder last changed)
_SHADOWED: dict[tuple[str, int], frozenset[str]] = {}


#: Python's own modules that every Python loads before it runs a file (``python -S``, and its
#: site module's): a file of that name beside the checked one is never what an import gives
_STARTUP_MODULES = frozenset(
    {"abc", "codecs", "encodings", "io", "marshal", "posix", "sys", "time", "zipimport",
     "builtins",
     # and those Python's site module imports at every start (os.py beside: Python's os)
     "os", "stat", "posixpath", "genericpath", "site", "_collections_abc", "_sitebuiltins"}
)  # fmt: skip


def _shadowing(folder: str) -> frozenset[str]:
    """The libraries shapekit follows that a file in ``folder`` shadows (``numpy.py``,
    ``math/__init__.py``): worked out once per folder, and again when the folder changes."""
    try:
        key = (folder, os.stat(folder).st_mtime_ns)
    except OSError:
        return frozenset()
    found = _SHADOWED.get(key)
    if found is None:
        found = frozenset(
            name
            for name in (*_FOLLOWED_LIBRARIES, *STDLIB_MODULES, *_NUMPY_NEEDS)
            if os.path.isfile(os.path.join(folder, name + ".py"))
            or os.path.isfile(os.path.join(folder, name, "__init__.py"))
        )
        if len(_SHADOWED) > 1024:
            _SHADOWED.clear()
        _SHADOWED[key] = found
    return found


def _is_wraps(decorator: ast.expr) -> bool:
    """``@functools.wraps(f)`` or ``@wraps(f)``: it copies the name and the documentation
    of ``f`` onto the function, and nothing that has a shape."""
    if not isinstance(decorator, ast.Call):
        return False
    func = decorator.func
    return (isinstance(func, ast.Name) and func.id == "wraps") or (
        isinstance(func, ast.Attribute)
        and func.attr == "wraps"
        and isinstance(func.value, ast.Name)
        and func.value.id == "functools"
    )


class Interpreter(Assignments):
    """Runs the statements of one program, in order."""

    def block(self, body: list[ast.stmt]) -> None:
        if self.nesting >= MAX_NESTING:  # an elif chain 1,000 long: not followed that deep
            for statement in body:
                self.unknown_targets(
                    statement, f"in code nested more than {MAX_NESTING} blocks deep, not followed"
                )
            return
        self.nesting += 1
        try:
            self._block(body)
        finally:
            self.nesting -= 1

    def _block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            if self.budget <= 0 or self.frame.stopped or self.exited is not None:
                return
            self.budget -= 1
            if self.hidden_writes:  # (see ProgramHost.hidden_writes)
                values_written()
            if self.loop_depth:  # a long statement met again and again costs by its length
                self.budget -= _length(statement) // _CHARACTERS_A_STEP
            self.executed.add(id(statement))
            key = (type(self), type(statement))
            method = _METHODS.get(key, _UNSEEN)
            if method is _UNSEEN:  # looked up once per class of statement
                method = _METHODS[key] = getattr(type(self), "_" + type(statement).__name__, None)
            if method is None:  # (a notebook's `async for` at the top: its body runs too)
                self.unknown_targets(statement, "a statement shapekit does not follow")
                self.ran_unfollowed(statement, f"the statement at line {statement.lineno}")
            elif (
                self.frame.module
                and not self.journaling
                and not self.tries
                and self.stopped_at is None
            ):
                start = len(self.problems)
                method(self, statement)
                self.note_stop(statement, start)
            elif (
                not self.frame.module
                and not (self.journaling - self.trials - self.stepping)
                and not self.tries_in_this_call()
                and not self.hypothetical
                and self.frame.raised is None
                and not self.frame.returns
            ):
                start = len(self.problems)
                method(self, statement)
                self.note_raised(statement, start)
            else:
                method(self, statement)
            if self.self_reaching is not None and _stores_into_objects(statement):
                self.made_at_run_time(statement, "", None, self.self_reaching)
            if (
                getattr(self, "warnings_raise", False)
                and _writes_filters(statement)
                and not self.hypothetical
            ):
                # warnings.filters[:] = saved, del warnings.filters[0]: the "error" filter
                # may be gone (the filters are not followed one by one)
                self.warnings_raise: Any = "perhaps"

    def tries_in_this_call(self) -> bool:
        """Whether a ``try`` of the function being called is being followed (its handlers
        decide whether a statement that fails ends the call); a try of a caller's does not
        change that the call ends there (``try: out = layer(x)`` where ``layer`` calls a
        check that raises)."""
        if not self.tries:
            return False
        function = self.frame.function
        if function is None:
            return True
        inside = _node_ids(function.fdef)
        return any(id(t) in inside for t in self.tries)

    def note_raised(self, statement: ast.stmt, start: int) -> None:
        """In a call followed from a statement that certainly runs: a statement of the
        function that certainly fails ends the call there (its caller gets the error, and
        the rest of the body does not run), as a raise does."""
        new = self.problems[start:]
        if not new or not isinstance(statement, _STOPPING_IN_A_CALL):
            return
        failed = self.certain_failure(statement, new)
        if failed is not None and not self.frame.generator:
            self.frame.raised = failed.error
            self.frame.stopped = True
            function = self.frame.function
            if function is not None:  # the rest of its body never runs in this call
                self.cut_short.append((function.fdef, statement, failed))

    def note_stop(self, statement: ast.stmt, start: int) -> None:
        """Remember the first problem where running the file certainly stops, at the top
        level (the statements after it are still followed, to report their problems too)."""
        if self.stopped_at is not None or len(self.problems) == start:
            # noted already, at a statement inside this one (an if's body); or no problem
            # here, so no stop (where the file stops is only asked for once it does)
            return
        new = self.problems[start:]
        if isinstance(statement, (ast.Try, ast.TryStar)):
            left = self.leaving
            if left is not None and left in new:
                self.stopped_at = left
        elif new and isinstance(statement, _STOPPING_AT_THE_TOP):
            self.stopped_at = self.certain_failure(statement, new)
        elif new and isinstance(statement, (ast.If, ast.While)):  # its condition fails
            first = new[0]
            if (
                _raised(first.error) is not None
                and first.frame is self.frame
                and first.certain
                and any(node is first.node for node in ast.walk(statement.test))
            ):  # (certain: reached when the values before it are known, `a.any() or b`)
                self.stopped_at = first
        self.stop_tree = len(self.trees) - 1
        last = statement.end_lineno or statement.lineno
        line = self.stopped_at.line if self.stopped_at is not None else None
        # the failing line when it is in this statement (a try's body), else its last line
        self.stop_line = line if line is not None and statement.lineno <= line <= last else last

    def truth_of(self, test: Operand) -> bool | None:
        """Whether the condition ``test`` is true, when that is known (see Walker.truth)."""
        assert self.walker is not None  # statements run inside a cell
        return self.walker.truth(test)

    def truth_fails(
        self, node: ast.expr, test: Operand, used: str, at: ast.AST | None = None
    ) -> bool:
        """Report NumPy's ValueError for the truth of an array of more than one element
        (``if x > 0:``); whether it was refused (``at``: the statement asking for it)."""
        assert self.walker is not None  # statements run inside a cell
        refused = self.walker.truth_refused(node, test, used, at)
        maybe = test.memo.get("maybe") if test.kind == "unknown" else None
        if refused is None and maybe is not None and isinstance(node, ast.BoolOp):
            # `if x.any() and inputs:`: inputs is its value when x.any() is true: possible
            refused = self.walker.truth_refused(node, maybe, used)
            if refused is not None:
                refused.depends = f"the condition at line {node.lineno}"
                self.report(self.walker, refused, node)
            return False
        if refused is None:
            return False
        self.report(self.walker, refused, node)
        return True

    def _Expr(self, statement: ast.Expr) -> None:
        call = statement.value
        if not (isinstance(call, ast.Call) and self._exits(call)) or _returns_instead(call):
            self.expressed = self.evaluate(call)  # a call that fails gives its error
            if (
                isinstance(call, ast.Call)
                and self._exits(call)
                and not any(
                    k.arg == "exit" and isinstance(k.value, ast.Constant) for k in call.keywords
                )
            ):  # unittest.main(exit=not IN_NOTEBOOK): it may end the file, or return
                self.may_halt(statement, "exit")
            return
        bound = self.lookup(call.func.id) if isinstance(call.func, ast.Name) else None
        if (isinstance(call.func, ast.Attribute) and call.func.attr == "main") or (
            bound is not None and bound.name == "unittest.main"
        ):  # unittest.main(), or main() imported from unittest
            for given in [*call.args, *(k.value for k in call.keywords)]:
                self.evaluate(given)
            self.exit_here(statement, _TESTS_DECIDE)
            return
        hard = isinstance(call.func, ast.Attribute) and call.func.attr == "_exit"
        if isinstance(call.func, ast.Name):  # from os import _exit
            bound = self.lookup(call.func.id)
            hard = bound is not None and bound.name == "os._exit"
        self.exit_with(statement, [*call.args, *(k.value for k in call.keywords)], hard)

    def exit_with(self, statement: ast.stmt, given: list[ast.expr], hard: bool = False) -> None:
        """``sys.exit(main())``, ``raise SystemExit(main())``: the argument runs first (once),
        then the program ends, unless the argument itself fails (``hard``: ``os._exit``)."""
        codes = [self.evaluate(a) for a in given]
        if all(c.kind != "error" for c in codes):
            self.exit_here(statement, codes[0] if codes else None, hard)

    def _type_checking(self, test: ast.expr) -> bool:
        """Whether ``test`` is ``TYPE_CHECKING`` (from typing), or ``typing.TYPE_CHECKING``."""
        if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
            bound = self.lookup(test.id)
            return bound is not None and bound.name == "typing.TYPE_CHECKING"
        if isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
            base = test.value
            bound = self.lookup(base.id) if isinstance(base, ast.Name) else None
            return bound is not None and bound.kind == "unknown" and bound.name == "typing"
        return False

    def kernel_exit(self, node: ast.Call) -> bool:
        """Whether ``node`` is IPython's ``exit()`` or ``quit()`` in a notebook: no
        SystemExit there, the rest of the cell runs and the kernel may stop after it (what
        follows may not run)."""
        if self.walker is None or self.walker.cell is None:
            return False
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("exit", "quit"):
            if not self.hypothetical and self.kernel_stops is None:  # (the next cells)
                self.kernel_stops = (
                    f"whether the kernel stops after the {func.id}() at line {node.lineno} of "
                    f"cell {self.walker.cell}"
                )
            return True
        return False

    def _exits(self, node: ast.expr) -> bool:
        """Whether ``node`` calls ``sys.exit``, ``os._exit``, or the built-in ``exit`` or
        ``quit`` (each ends the program, with no error to report)."""
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Name):
            bound = self.lookup(func.id)
            if bound is None and self.kernel_exit(node):
                return False
            if bound is None:  # not a name of the file's: Python's own exit() and quit()
                return func.id in ("exit", "quit")
            return bound.kind == "unknown" and bound.name in EXIT_FUNCTIONS
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            bound = self.lookup(func.value.id)
            return (
                bound is not None
                and bound.kind == "unknown"
                and f"{bound.name}.{func.attr}" in EXIT_FUNCTIONS
                and f"{bound.name}.{func.attr}" not in self.patched  # sys.exit = …: the file's
            )
        return False

    def exit_from(
        self, node: ast.Call, args: list[Operand], kwargs: dict[str, Operand], func: Operand
    ) -> bool:
        """Whether ``node``, a call met inside an expression (``flag and sys.exit(0)``,
        ``lambda: sys.exit(0)``, ``[sys.exit(0) for …]``), of ``func``, ends the program (see
        exit_here); ``getattr(sys, "exit")()`` too."""
        if func.name in ("builtins.exit", "builtins.quit") and self.kernel_exit(node):
            return False
        if not (self._exits(node) or func.name in EXIT_FUNCTIONS):
            return False
        if self.perhaps:  # it may not run: nothing after it is skipped
            self.may_halt(node, "exit")
            return True
        written = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        code = args[0] if args else kwargs.get("status" if written == "_exit" else "code")
        if func.name == "unittest.main":
            if _returns_instead(node):
                return False
            code = _TESTS_DECIDE
        self.exit_here(node, code, hard=func.name == "os._exit" or written == "_exit")
        return True

    def exit_here(
        self, statement: ast.stmt | ast.Call, code: Operand | None, hard: bool = False
    ) -> None:
        """Running the file ends here (``sys.exit()``, ``raise SystemExit(…)``): nothing
        after it runs, so nothing after it is followed or reported. With an exit status
        that is not 0 (``sys.exit("wrong shape")``, ``sys.exit(1)``) the file fails there,
        a problem as a raise is. In a try statement whose ``except`` may catch SystemExit
        (a bare one, ``BaseException``, ``SystemExit``, or a class not known) the
        statements after it are still followed."""
        # (os._exit ends the process at once: no handler catches it, no finally runs)
        catching = [] if hard else [t for t in self.tries if self.catches_exit(t)]
        if catching and all(_raises_again(t, certainly=True) for t in catching):
            catching = []  # each handler raises it again: the exit goes on (as below)
        elif any(_raises_again(t) for t in catching):
            return  # a handler that may raise the exit again: not followed (it may end)
        if catching:
            # SystemExit, raised as any exception is: nothing after it runs, up to the
            # handler that catches it (the try decides, as for a raise)
            self.frame.stopped = True
            if self.certainly_reached():
                self.frame.raised = self.report_here(
                    statement,
                    "the file raises SystemExit here (an exit), for an `except` to catch",
                    "raise",
                    "SystemExit",
                )
                self.frame.raised.exit_code = code  # type: ignore[attr-defined]
                written = raised_kind(statement) if isinstance(statement, ast.Raise) else None
                if isinstance(written, ast.Name):  # raise Done(1), class Done(SystemExit)
                    ancestors = _own_ancestors(self.lookup(written.id), self.lookup)
                    if ancestors is not None:
                        self.frame.raised.ancestors = ancestors  # type: ignore[attr-defined]
            return
        self.frame.stopped = True
        if not self.certainly_reached():
            status = _exit_status(code)
            if status != 0 and not self.hypothetical:
                # if not ok: sys.exit(1): the file fails when it runs (a possible problem)
                said = f"exit status {status}" if status else "an exit status that may not be 0"
                self.report_here(
                    statement,
                    f"the file stops here with {said} (a failure)",
                    "raise",
                    None if hard else "SystemExit",
                    depends=self.path_depends() if status else UNDECIDED,
                )
            self.may_halt(statement, "exit")
            return  # a branch or a loop that may not run, or a function never called
        status = _exit_status(code)
        if status is None:  # sys.exit(main()), unittest.main(): a failure, or a good end
            self.report_here(
                statement,
                "the file may stop here with an exit status that is not 0 (a failure): the "
                "status is what running gives",
                "raise",
                "SystemExit",
                depends="which exit status it gives, which only running the file tells",
            )
            self.may_halt(statement, "exit")
            self.frame.stopped = False
            return
        if status:
            said = f": {code.value}" if code is not None and code.kind == "str" else ""
            message = (
                f"the file stops here with exit status {status}{said} (this exit runs when the "
                "file runs)"
            )
            kind = None if hard else "SystemExit"  # (os._exit: no handler catches it)
            doing = "hard exit" if hard else "raise"
            self.frame.raised = self.report_here(statement, message, doing, kind)
            return
        self.frame.exits = statement.lineno  # a call ending so gives its caller no value
        self.exited = statement.lineno
        self.hard_exit = self.hard_exit or hard

    def exits_well(self, klass: ast.ClassDef, name: str) -> bool:
        """Whether every exit the method ``name`` of ``klass`` writes in its own body is
        ``sys.exit(0)`` or ``sys.exit()`` (status 0), and it calls nothing of the file's."""
        fdef = next(
            (f for f in klass.body if isinstance(f, ast.FunctionDef) and f.name == name), None
        )
        if fdef is None or self.called_by_exit(fdef):
            return False
        own = _own_nodes(fdef.body, loops=True)
        if any(isinstance(n, ast.Raise) for n in own):
            return False
        return all(
            _literal_status(n) == 0 for n in own if isinstance(n, ast.Call) and self._exits(n)
        )

    def catches_exit(self, statement: ast.Try) -> bool:
        """Whether a handler of ``statement`` may catch SystemExit: a bare ``except``,
        ``BaseException`` or ``SystemExit`` (by name, or in a tuple a name holds), or a class
        that is not known. A class of the file's own never does: it cannot be a base of
        SystemExit."""
        for handler in statement.handlers:
            if handler.type is None:
                return True
            kind = handler.type
            parts = kind.elts if isinstance(kind, ast.Tuple) else [kind]
            for part in parts:
                if not isinstance(part, ast.Name):
                    return True  # module.Error, a call …: not known
                bound = self.lookup(part.id)
                if bound is not None and bound.kind in ("tuple", "list"):
                    held = items_of(bound)  # errs = (ValueError, Exception)
                    if held is None or any(_may_be_exit(i, self.lookup) for i in held):
                        return True
                elif (bound is None and part.id in ("BaseException", "SystemExit")) or (
                    bound is not None and _may_be_exit(bound, self.lookup)
                ):
                    return True
        return False

    @contextmanager
    def outside(self, statement: ast.Try) -> Iterator[None]:
        """Follow a handler or the ``else`` of ``statement``: its own handlers catch nothing
        raised there (an outer try's may)."""
        inside = self.tries.pop()
        assert inside is statement
        self.__dict__.setdefault("handling", []).append(statement)
        try:
            yield
        finally:
            self.tries.append(inside)
            self.__dict__["handling"].pop()

    def may_halt(self, node: ast.AST, what: str, raised: str | None = None) -> None:
        """A raise or an exit that may run (see :attr:`Frame.halts`): the rest of the call's
        path, and of its callers', runs only when it does not (``what``: "raise", "exit",
        or what to say in full), up to the end of the innermost try that certainly catches
        it (``raised``: the builtin class raised, when known)."""
        for statement in reversed(self.tries):
            if raised is not None and self.surely_caught(statement, raised):
                break  # (what follows that try runs either way)
            self.uncaught_halts.add(id(statement))
        for statement in self.__dict__.get("handling", ()):  # (its else, its handlers)
            self.uncaught_halts.add(id(statement))
        if self.hypothetical:
            return
        if self.frame.halts is None:
            line = getattr(node, "lineno", "?")
            said = f"the {what} at line {line}" if what in ("raise", "exit") else what
            halts = said if said.startswith("whether") else f"whether {said} runs"
            self.frame.halts = FatalHalt(halts) if self.uncaught_error(raised) else halts
        elif isinstance(self.frame.halts, FatalHalt) and not self.uncaught_error(raised):
            # an assert that may fail, then an exit with status 0 or a raise a try may catch:
            # what follows may not run without the file failing
            self.frame.halts = str(self.frame.halts)

    def uncaught_error(self, raised: str | None) -> bool:
        """Whether raising the builtin class ``raised`` here would end the file with that
        error: an ``Exception`` outside any try or handler, in code that runs where it is
        written (not read later, not perhaps)."""
        kind = getattr(builtins, raised, None) if raised is not None else None
        return (
            isinstance(kind, type)
            and issubclass(kind, Exception)
            and not self.tries
            and not self.__dict__.get("handling")
            and self.lazy is None
            and not self.perhaps
            and not self.hypothetical
        )

    def surely_caught(self, statement: ast.Try, raised: str) -> bool:
        """Whether a handler of ``statement`` certainly catches the builtin exception class
        ``raised`` (it names it or a base of it) and itself neither raises nor exits."""
        kind = getattr(builtins, raised, None)
        if not (isinstance(kind, type) and issubclass(kind, BaseException)):
            return False
        for handler in statement.handlers:
            names = _handler_names(handler.type, self.lookup) or set()
            bases = [getattr(builtins, n, None) for n in names]
            if any(isinstance(b, type) and issubclass(kind, b) for b in bases):
                return not halting(handler)
        return False

    def certainly_reached(self) -> bool:
        """Whether the statement being followed certainly runs when the file runs (see
        :meth:`ProgramHost.on_every_path`), a generator's body counted as read: it is
        followed where a loop or ``list()`` reads it, and a raise or an exit there ends
        the file then."""
        return self.on_every_path(read_later=False)

    def _Return(self, statement: ast.Return) -> None:
        value = Operand("none") if statement.value is None else self.evaluate(statement.value)
        self.frame.returns.append(value)
        self.frame.stopped = True

    def _Match(self, statement: ast.Match) -> None:
        """The subject is followed (an error there is Python's), then the cases in order while
        whether each pattern matches is known (literals, captures, ``_``, ``|`` and sequences
        of them, a guard whose truth is known): the first that matches runs, with what its
        pattern captures; none may run. Where that is not known, what the patterns and the
        cases bind is unknown."""
        subject = self.evaluate(statement.subject)
        for case in statement.cases:
            captured: dict[str, tuple[Operand, ast.AST]] = {}
            matched = self.matches(case.pattern, subject, captured, 0)
            if matched is None:
                break
            if not matched:
                continue
            for name, (value, at) in captured.items():
                self.assign(ast.copy_location(ast.Name(name, ast.Store()), at), value, at)
            if case.guard is not None:
                test = self.evaluate(case.guard)
                if self.truth_fails(case.guard, test, "`case` guard"):
                    return
                truth = self.truth_of(test)
                if truth is None:
                    break
                if not truth:
                    continue
            self.block(case.body)
            return
        else:
            return  # no case matches: nothing runs
        self.unknown_targets(statement, "in a match statement whose case shapekit cannot tell")
        for case in statement.cases:  # shapes.append(units) in a case that may run
            self.ran_unfollowed(case, f"a case of the match statement at line {statement.lineno}")
            if not self.frame.module and any(
                isinstance(n, ast.Return) for n in _own_nodes(case.body, loops=True)
            ):  # case Act.RELU: return …: what follows the match may not run
                self.frame.returns.append(
                    unknown(
                        f"what a case of the match statement at line {statement.lineno} returns"
                    )
                )
            # case True: sys.exit(0) (in a loop, or in a function the case calls): running
            # may end there
            for body in [case, *self._bodies_called(case)]:
                for node in (
                    ast.walk(body) if body is not case else _own_nodes(case.body, loops=True)
                ):
                    if isinstance(node, ast.Raise):
                        self.may_halt(node, "raise", self.raised_builtin(node))
                    elif isinstance(node, ast.Call) and called_name(node) in HALTING_CALLS:
                        self.may_halt(node, "exit")
        if any(_may_change_things(case) for case in statement.cases):
            # case list() as m: del m[:2] … changes the subject through the name it captured
            values_written()
            why = f"the match statement at line {statement.lineno}"
            self.escape([subject], why)
            self.lists_escape([subject], why)
        if any(_breaks(case.body) for case in statement.cases):  # a case may leave the loop
            if self.break_states:
                self.break_states[-1].append({_CHANGED: True})  # from where, not followed
            if self.loop_level is not None:
                self.frame.jump = "uncertain"

    def matches(
        self,
        pattern: ast.pattern,
        subject: Operand,
        captured: dict[str, tuple[Operand, ast.AST]],
        depth: int,
    ) -> bool | None:
        """Whether ``pattern`` matches ``subject`` (None: not known), with what it captures."""
        if depth > 16 or subject.kind in ("unknown", "error"):
            return None
        if isinstance(pattern, ast.MatchAs):
            found = (
                True
                if pattern.pattern is None
                else self.matches(pattern.pattern, subject, captured, depth + 1)
            )
            if found and pattern.name is not None:
                captured[pattern.name] = (subject, pattern)
            return found
        if isinstance(pattern, ast.MatchOr):
            for option in pattern.patterns:
                inner: dict[str, tuple[Operand, ast.AST]] = {}
                found = self.matches(option, subject, inner, depth + 1)
                if found is None or found:
                    captured.update(inner)
                    return found
            return False
        if isinstance(pattern, ast.MatchValue):
            value = self.evaluate(pattern.value)
            if value.kind == "enum":  # case Act.RELU: of a member of an Enum of the file's
                return subject.name == value.name if subject.kind == "enum" else None
            if value.kind not in ("number", "str") or value.value is None:
                return None
            if subject.kind in ("list", "tuple", "dict", "none", "iter") or (
                subject.kind == "str" and value.kind == "number"
            ):
                return False  # == between these is False
            if subject.kind in ("number", "str") and subject.value is not None:
                return bool(subject.value == value.value)
            return None
        if isinstance(pattern, ast.MatchSingleton):
            if subject.kind == "none":
                return pattern.value is None
            if subject.kind in ("list", "tuple", "dict", "str", "iter") or (
                subject.kind == "array" and subject.shape
            ):
                return False
            return None  # a number: True and np.True_ are not the same object
        if isinstance(pattern, ast.MatchSequence):
            ranged = subject.kind == "iter" and subject.name == "range"  # (a range is one)
            if subject.kind in ("str", "dict", "number", "none", "iter", "array") and not ranged:
                return False  # text, a mapping, an array, an iterator are no sequences
            items = items_of(subject) if subject.kind in ("list", "tuple") or ranged else None
            if items is None:
                return None
            stars = [i for i, p in enumerate(pattern.patterns) if isinstance(p, ast.MatchStar)]
            fixed = len(pattern.patterns) - len(stars)
            if (len(items) != fixed) if not stars else (len(items) < fixed):
                return False
            star = stars[0] if stars else len(pattern.patterns)
            after = len(pattern.patterns) - star - 1
            pairs = list(zip(pattern.patterns[:star], items, strict=False))
            if stars:
                pairs += list(
                    zip(pattern.patterns[star + 1 :], items[len(items) - after :], strict=False)
                )
                name = pattern.patterns[star].name  # type: ignore[attr-defined]
                if name is not None:
                    rest = sequence("list", items[star : len(items) - after])
                    captured[name] = (rest, pattern.patterns[star])
            return self.matches_all(pairs, captured, depth)
        if isinstance(pattern, ast.MatchClass):
            return self.matches_class(pattern, subject, captured, depth)
        if isinstance(pattern, ast.MatchMapping):
            return self.matches_mapping(pattern, subject, captured, depth)
        return None

    def matches_mapping(
        self,
        pattern: ast.MatchMapping,
        subject: Operand,
        captured: dict[str, tuple[Operand, ast.AST]],
        depth: int,
    ) -> bool | None:
        """``case {"w": w, "b": b, **rest}``: whether the subject is a dict of the file's with
        those keys (their values matching their patterns), with what they capture; None when
        not known (a dict whose keys are not all known, an object that may be a mapping)."""
        if subject.kind in ("list", "tuple", "str", "number", "none", "iter", "array"):
            return False  # not a mapping
        space = subject.value if subject.kind == "dict" else None
        if not isinstance(space, Namespace) or space.dynamic or space.attributes is not None:
            return None
        pairs: list[tuple[ast.pattern, Any]] = []
        keys = []
        for written, part in zip(pattern.keys, pattern.patterns, strict=True):
            known, key = _key(self.evaluate(written))
            if not known:
                return None
            try:
                found = space.attrs.get(key)
            except TypeError:
                return None
            if found is None:
                return None if space.open or self.hypothetical else False
            pairs.append((part, found))
            keys.append(key)
        if pattern.rest is not None:
            if space.open:
                return None
            rest = {k: v for k, v in space.attrs.items() if k not in keys}
            assert self.walker is not None  # a match statement runs inside a cell
            captured[pattern.rest] = (new_dict(self.walker, rest), pattern)
        return self.matches_all(pairs, captured, depth)

    def matches_class(
        self,
        pattern: ast.MatchClass,
        subject: Operand,
        captured: dict[str, tuple[Operand, ast.AST]],
        depth: int,
    ) -> bool | None:
        """``case Dense(w=w, b=b)`` with a class of the file's: whether the subject is an
        instance of it (or of a class deriving from it), with the attributes its keyword
        patterns capture; None when not known (a class not the file's, positional patterns,
        an instance whose attributes are not all known)."""
        wanted = self.evaluate(pattern.cls)
        klass = wanted.value if wanted.kind == "class" else None
        if not isinstance(klass, ClassInfo) or klass.obstacle or klass.space.dynamic:
            return None
        if subject.kind in ("array", "number", "str", "list", "tuple", "dict", "none"):
            return False  # not an instance of a class of the file's
        space = subject.value if subject.kind == "instance" else None
        if space is None or space.cls is None or space.dynamic or space.open:
            return None
        found: ClassInfo | None = space.cls
        for _ in range(32):
            if found is None or found is klass:
                break
            if found.base is None and found.node.bases:
                return None  # a base that is not the file's: it may derive from klass
            found = found.base
        if found is not klass:
            return False
        if pattern.patterns:
            return None  # by place: __match_args__, not followed
        values = [space.attrs.get(attr) for attr in pattern.kwd_attrs]
        if any(value is None for value in values):
            return None
        return self.matches_all(
            list(zip(pattern.kwd_patterns, values, strict=True)), captured, depth
        )

    def matches_all(
        self,
        pairs: list[tuple[ast.pattern, Any]],
        captured: dict[str, tuple[Operand, ast.AST]],
        depth: int,
    ) -> bool | None:
        """Whether each pattern matches its subject (False at the first that does not;
        None when one is not known and none fails)."""
        decided: bool | None = True
        for part, item in pairs:
            found = self.matches(part, item, captured, depth + 1)
            if found is False:
                return False
            if found is None:
                decided = None
        return decided

    def _If(self, statement: ast.If) -> None:
        while True:
            if self._type_checking(statement.test):  # typing.TYPE_CHECKING: False when run
                self.block(statement.orelse)
                return
            test = self.evaluate(jumping(statement.test))
            if self.truth_fails(statement.test, test, "`if`", statement):
                return  # the statement raises: neither branch runs
            truth = self.truth_of(test)
            if truth is None:
                break
            orelse = statement.orelse
            if truth or not (len(orelse) == 1 and type(orelse[0]) is ast.If):
                self.block(statement.body if truth else orelse)
                return
            if self.budget <= 0:
                return
            # an elif whose if is false: followed here, not one block deeper (a chain of
            # 150 branches went past MAX_NESTING, and its failing branch was not judged)
            statement = orelse[0]
            self.budget -= 1
            self.executed.add(id(statement))
        self.branches(
            statement,
            [statement.body, statement.orelse],
            f"the condition at line {statement.lineno}",
        )

    def branches(
        self,
        statement: ast.stmt,
        bodies: list[list[ast.stmt]],
        what: str,
        construct: str = "an if/else whose branches give it different shapes",
        halts_of: list[str | None] | None = None,
    ) -> None:
        """Follow each body from the same start; a name that differs depends on ``what``
        (it comes from ``construct``). ``halts_of``: given, it gets the raise or exit each
        body may end at (see :attr:`Frame.halts`), body by body, and the frame's is left
        as it was."""
        before = dict(self.frame.names)
        results = []
        outcomes = []
        outer = self.outer_names(statement)  # a global list appended to in a function's branch
        outer_results: list[list[dict[str, Operand]]] = []
        stopped = True
        self.journaling += 1
        self.depends.append(what)
        mark = len(self.journal)
        try:
            for body in bodies:
                self.frame.names = dict(before)
                for frame, names in outer:
                    frame.names = dict(names)
                self.frame.stopped = False
                if halts_of is not None:
                    halted, self.frame.halts = self.frame.halts, None
                self.block(body)
                if halts_of is not None:
                    halts_of.append(self.frame.halts)
                    self.frame.halts = halted
                stopped = stopped and self.frame.stopped
                results.append(self.frame.names)
                outer_results.append([frame.names for frame, _names in outer])
                if len(self.journal) > mark:  # objects changed: kept, and undone for the next
                    outcomes.append(
                        {
                            ident: (space, key, self.current(space, key))
                            for ident, (space, key, _old) in self.changes_since(mark).items()
                        }
                    )
                    self.undo(mark)
                else:
                    outcomes.append({})
        finally:
            self.journaling -= 1
            self.depends.pop()
        if any(outcomes):
            self.merge_objects(outcomes, what)
        if not self.journaling:
            self.journal.clear()
        for index, (frame, names) in enumerate(outer):
            frame.names = dict(names)
            self.merge_outer(frame, names, [r[index] for r in outer_results], construct, what)
        self.frame.stopped = stopped and len(bodies) > 1
        merged = dict(before)
        for name in set().union(*results):
            values = [r.get(name) for r in results]
            first = values[0]
            if all(v is first for v in values):
                merged[name] = first  # type: ignore[assignment]
                continue
            if first is not None and all(v is not None and same(first, v) for v in values):
                merged[name] = shape_only(first)
            elif first is not None and (scalar := numbers_merged(values)) is not None:
                merged[name] = scalar  # best = 9999999, or best = loss (a NumPy float)
            elif (pair := _tuples_merged(values, f"{construct}: it depends on {what}")) is not None:
                merged[name] = pair  # best = (W1.copy(), b1.copy()) on one way: item by item
            elif first is not None and all(
                v is not None and same(replace(first, readonly=v.readonly), v) for v in values
            ):  # the same shape, read-only on one way only: whether a write fails depends on it
                merged[name] = unknown(
                    f"{construct.split(' whose ')[0]} that makes it read-only on one way only: "
                    f"it depends on {what}"
                )
            else:
                merged[name] = _shapes_of(values, f"{construct}: it depends on {what}")
            self.frame.names = merged
            self.record(name, merged[name], None, keep=True)
        self.frame.names = merged

    def outer_names(self, statement: ast.stmt) -> list[tuple[Frame, dict[str, Operand]]]:
        """The frames around the one being followed (the module's, the calls whose names
        closures see), each with a copy of its names: a branch or a loop of a function may
        change their lists (``log.append(1)``), which the branch's own undoing does not see
        (none when ``statement`` certainly writes nothing)."""
        if self.frame.module or self.hypothetical:
            return []
        writes = getattr(statement, "shapekit_writes", None)
        if writes is None:  # (worked out once per statement, kept on it)
            writes = may_write(statement)
            statement.shapekit_writes = writes  # type: ignore[attr-defined]
        if not writes:
            return []
        found: list[tuple[Frame, dict[str, Operand]]] = []
        seen = {id(self.frame)}
        for frame in self.frames:
            closure = frame.closure
            for each in (frame, *([closure.frame] if closure is not None else [])):
                if id(each) not in seen:
                    seen.add(id(each))
                    found.append((each, dict(each.names)))
        return found

    def merge_outer(
        self,
        frame: Frame,
        before: dict[str, Operand],
        results: list[dict[str, Operand]],
        construct: str,
        what: str,
    ) -> None:
        """What the branches left in an outer ``frame`` (see :meth:`outer_names`): a name all
        agree on keeps it, one of the same shape keeps the shape, others are unknown."""
        for name in set().union(*results):
            values = [r.get(name) for r in results]
            first = values[0]
            if all(v is first for v in values):
                if first is not None and first is not before.get(name):
                    self.set_in(frame, name, first)
                continue
            if first is not None and all(v is not None and same(first, v) for v in values):
                self.set_in(frame, name, shape_only(first))
            elif first is not None and (scalar := numbers_merged(values)) is not None:
                self.set_in(frame, name, scalar)
            else:
                self.set_in(frame, name, unknown(f"{construct}: it depends on {what}"))

    def outer_changed(self, outer: list[tuple[Frame, dict[str, Operand]]], why: str) -> None:
        """After a loop whose steps are not all followed: a name of an outer frame it changed
        (see :meth:`outer_names`) keeps only its shape when that held, else is unknown."""
        for frame, names in outer:
            for name, value in list(frame.names.items()):
                old = names.get(name)
                if value is old:
                    continue
                kept = old is not None and same(old, value)
                self.set_in(frame, name, shape_only(value) if kept else unknown(why))

    def loop_body(
        self,
        statement: ast.For | ast.While,
        items: tuple[Operand, ...] | None,
        times: str | None = None,
        first: Operand | None = None,
    ) -> None:
        """Follow a loop: item by item when there are few enough, else its body once, with
        what it changes merged (``times``: how many times it runs, when too many to follow)."""
        body = statement.body
        breaks = _breaks(body)
        if items is not None and len(items) <= MAX_ITERATIONS and isinstance(statement, ast.For):
            if breaks:
                self.jumping_loop(statement, items)
                return
            saved, self.loop_level = self.loop_level, None
            running = self.stopped_at is None
            before = dict(self.frame.names)
            self.loop_depth += 1
            try:
                for index, item in enumerate(items):
                    if item.kind == "tuple" and item.memo.get(_EACH_STEP):
                        item = sequence("tuple", tuple(_read_now(e) for e in item.items or ()))
                    else:
                        item = _read_now(item)  # (read at its step)
                    self.assign(statement.target, item, statement.iter)
                    left = self.budget
                    self.block(body)
                    if self.budget <= 0 or self.halted(running):
                        break  # out of steps, or running the file certainly stopped here
                    rest = items[index + 1 :]
                    if rest and (left - self.budget) * len(rest) > self.budget:
                        # 1,000 epochs of 10 batches: the steps left would run out of what
                        # shapekit follows, so the rest is followed once, merged (what keeps
                        # its shape at each step keeps it after the loop)
                        self.merged_loop(
                            statement, rest, f"{len(rest):,}{_MORE_STEPS}", None, False
                        )
                        break
            finally:
                self.loop_level = saved
                self.loop_depth -= 1
            if self.budget > 0 and not self.halted(running):
                self.block(statement.orelse)
            if self.budget > 0:
                return
            self.cut_short_loop(statement, before)
            return
        saved, self.loop_level = self.loop_level, None  # a break here belongs to this loop
        try:
            self.merged_loop(statement, items, times, first, breaks)
        finally:
            self.loop_level = saved

    def cut_short_loop(self, statement: ast.For | ast.While, before: dict[str, Operand]) -> None:
        """Out of steps in the middle of a loop: what its steps changed holds what the steps
        followed made, not what all of them make (a list appended to 646 times of 1,000), so
        it is unknown; so are the objects the frame holds, which they may have changed."""
        why = f"the loop at line {statement.lineno}, cut short: {self.out_of()}"
        self.unknown_since(before, why)
        self.escape(
            [v for v in self.frame.names.values() if v.kind in ("instance", "dict", "class")], why
        )

    def halted(self, running: bool) -> bool:
        """Whether running the file certainly stopped inside the loop being followed (it was
        ``running`` when the loop began): the loops around it stop too, and the statements
        after the outermost one are still followed (to report their problems as well)."""
        if not running or self.stopped_at is None:
            return False
        if self.frame.module:
            self.frame.stopped = self.loop_depth > 0  # the loops around it stop too
        return True

    def jumping_loop(self, statement: ast.For, items: tuple[Operand, ...]) -> None:
        """A loop over known items whose body may ``break``, ``continue`` or ``return``:
        followed item by item while each jump is certain; from a jump in a branch that may
        not run, what the loop changes is unknown."""
        before = dict(self.frame.names)
        saved, self.loop_level = self.loop_level, self.journaling + 1
        self.journaling += 1  # object changes are kept, to be merged if the loop is given up
        mark = len(self.journal)
        broke = gave_up = False
        running = self.stopped_at is None
        self.loop_depth += 1
        self.stepping += 1
        taken = 0
        self.break_states.append([])
        try:
            for item in items:
                taken += 1
                self.assign(statement.target, item, statement.iter)
                self.block(statement.body)
                if self.halted(running):  # running the file certainly stops here
                    broke = True
                    break
                step = self.step_jump()
                gave_up, broke = step == "uncertain", step == "break"
                if step != "next" or self.budget <= 0:
                    break
        finally:
            self.journaling -= 1
            self.loop_level = saved
            self.loop_depth -= 1
            self.stepping -= 1
            breaks = self.break_states.pop()
        if self.halted(running):
            return
        if self.budget <= 0 and not gave_up and not broke:
            self.give_up_loop(
                before,
                mark,
                f"the loop at line {statement.lineno}, cut short: {self.out_of()}",
            )
            return
        if gave_up:
            why = (
                f"the loop at line {statement.lineno}, which may stop early (a break or "
                "continue whose condition is not known)"
            )
            # what kept its shape is checked by the steps from this one on, merged below
            self.give_up_loop(before, mark, why, breaks, ran=True)
        if not self.journaling:
            self.journal.clear()
        if gave_up:
            rest = items[taken - 1 :]  # the step that may have stopped it, and those after it
            first = (
                shape_only(rest[0])
                if all(same(rest[0], i) for i in rest)
                else unknown(f"an item of the loop at line {statement.lineno}")
            )
            self.merged_loop(statement, None, None, first, True)
        elif not (broke or self.frame.stopped) and self.budget > 0:
            self.block(statement.orelse)

    def iterated_dict(self, statement: ast.For) -> Any:
        """The dict (its namespace) a loop of simple statements goes over, ``for k in d``,
        ``d.keys()``, ``d.values()``, ``d.items()``, when it is followed key by key and the
        loop cannot end early; None otherwise."""
        source = statement.iter
        if (
            isinstance(source, ast.Call)
            and isinstance(source.func, ast.Attribute)
            and source.func.attr in ("keys", "values", "items")
            and not source.args
        ):
            source = source.func.value
        if not isinstance(source, ast.Name) or self.hypothetical or self.journaling:
            return None
        if any(
            isinstance(n, (ast.If, ast.Try, ast.While, ast.For, ast.Match, ast.Break,
                           ast.Return, ast.With, ast.Raise, ast.IfExp, ast.BoolOp))
            for n in _own_nodes(statement.body)
        ):  # fmt: skip
            return None
        held = self.lookup(source.id)
        space = held.value if held is not None and held.kind == "dict" else None
        if space is None or space.dynamic or space.open or space.attributes is not None:
            return None
        return space

    def loop_else(self, statement: ast.For | ast.While) -> None:
        """The ``else`` of a loop that may or may not stop early: it may run or not."""
        if statement.orelse and self.budget > 0:
            self.branches(
                statement,
                [[], statement.orelse],
                f"whether the loop at line {statement.lineno} stops early",
                "a loop's else, which runs only when the loop does not stop early",
            )

    def jumping_while(self, statement: ast.While) -> None:
        """A ``while`` loop whose body may ``break``, ``continue`` or ``return``
        (``while True: … if done: break``): followed step by step while its condition and
        each jump are known; from the first that is not, what the loop changes is unknown."""
        before = dict(self.frame.names)
        saved, self.loop_level = self.loop_level, self.journaling + 1
        self.journaling += 1
        self.stepping += 1
        mark = len(self.journal)
        runs, outcome = 0, "unknown"
        self.break_states.append([])
        try:
            while runs <= MAX_ITERATIONS and self.budget > 0:
                truth = self.truth_of(self.evaluate(jumping(statement.test)))
                if truth is None:
                    break
                if not truth:
                    outcome = "done"
                    break
                self.block(statement.body)
                runs += 1
                step = self.step_jump()
                if step != "next":
                    outcome = "unknown" if step == "uncertain" else step
                    break
        finally:
            self.journaling -= 1
            self.stepping -= 1
            self.loop_level = saved
            breaks = self.break_states.pop()
        if outcome == "unknown" and self.budget > 0:
            why = (
                f"the loop at line {statement.lineno}, whose number of iterations cannot be "
                "known without running the file"
            )
            # what kept its shape is checked by the steps not followed, merged below (the
            # steps followed ran: their condition was known true)
            self.give_up_loop(before, mark, why, breaks, ran=runs > 0)
        if not self.journaling:
            self.journal.clear()
        if outcome == "unknown" and self.budget > 0:  # the steps not followed: merged
            saved, self.loop_level = self.loop_level, None
            try:
                self.merged_loop(statement, None, None, None, True)
            finally:
                self.loop_level = saved
        elif outcome == "done":
            self.block(statement.orelse)

    def step_jump(self) -> str:
        """After a step of a loop followed step by step: ``"next"``, ``"break"``,
        ``"stopped"`` (it returned or raised) or ``"uncertain"`` (a jump that may not run)."""
        jump, self.frame.jump = self.frame.jump, None
        if jump == "uncertain":
            return "uncertain"
        if jump is None and self.frame.stopped:
            return "stopped"
        self.frame.stopped = False
        return "break" if jump == "break" else "next"

    def give_up_loop(
        self,
        before: dict[str, Operand],
        mark: int,
        why: str,
        breaks: list[dict[str, Any]] | None = None,
        ran: bool = False,
    ) -> None:
        """A loop followed step by step whose next steps are not known: what it changed
        (names since ``before``, objects since the journal's ``mark``) is unknown, or, given
        the states at each ``break`` and ``continue`` met (``breaks``), keeps only its shape
        when that is the one it had before the loop and at each of them (the steps not
        followed are then merged, to see whether they keep it too). ``ran``: the steps
        followed certainly ran, so a name they bound before every break met is bound."""
        self.frame.stopped = False
        self.merge_loop(mark, why, [None if _CHANGED in b else b[_HELD] for b in breaks or []])
        self.unknown_since(before, why, breaks, ran)

    def unknown_since(
        self,
        before: dict[str, Operand],
        why: str,
        breaks: list[dict[str, Any]] | None = None,
        ran: bool = False,
    ) -> None:
        """Every name of the frame bound to another value than in ``before`` is unknown (or,
        given ``breaks``, only its shape is known when it is the one it had there, and at
        each of them; with ``ran``, a name not bound before is kept so when every break
        binds it)."""
        for name, value in list(self.frame.names.items()):
            old = before.get(name)
            left = [b for b in breaks or () if b.get(name) is not value]  # (a, b = b, a)
            if value is not old or left:
                met = breaks or []
                bound = old is not None or (
                    ran and bool(met) and all(name in b and _CHANGED not in b for b in met)
                )
                kept = breaks is not None and bound
                kept = kept and _same_at(name, value, [before, *left])
                if kept:
                    value = _float_scalar_at(name, value, [before, *left])
                self.frame.names[name] = shape_only(value) if kept else unknown(why)
                self.record(name, self.frame.names[name], None, keep=True)

    def merged_loop(
        self,
        statement: ast.For | ast.While,
        items: tuple[Operand, ...] | None,
        times: str | None,
        first: Operand | None,
        breaks: bool,
    ) -> None:
        """A loop whose items are not known, or too many: its body followed once (twice
        for a loop known to run many times), what it changes merged (in outer frames too)."""
        outer = self.outer_names(statement)
        try:
            self._merged_loop(statement, items, times, first, breaks)
        finally:
            self.outer_changed(
                outer, f"the loop at line {statement.lineno}, whose steps are not all followed"
            )

    def _merged_loop(
        self,
        statement: ast.For | ast.While,
        items: tuple[Operand, ...] | None,
        times: str | None,
        first: Operand | None,
        breaks: bool,
    ) -> None:
        body = statement.body
        before = dict(self.frame.names)
        if isinstance(statement, ast.For):
            if items:  # too many to follow one by one: an item, its value not known (a
                # `break` at i == 4321 of range(5000) is met when i is not known)
                first = (
                    shape_only(items[0])
                    if all(same(items[0], item) for item in items)
                    else unknown(f"an item of the loop at line {statement.lineno}")
                )
                counted = [i.value for i in items if i.kind == "number" and type(i.value) is int]
                if first.kind == "number" and len(counted) == len(items):
                    # range(1, 400) merged: i is one of 1 … 399 (an index past an axis is met)
                    span = (min(counted), max(counted), statement.lineno)
                    first = replace(first, memo={**first.memo, SPAN: span})
            elif first is None:
                first = unknown(f"the loop at line {statement.lineno}, whose items are not known")
            self.assign(statement.target, first, statement.iter)
        # a loop known to run many times (more than once): its body is followed twice, the
        # second time without the values of the first, so what both agree on holds after it
        twice = isinstance(statement, ast.For) and times is not None and not breaks
        # its first step certainly runs when it has items (and no break may end it early)
        runs = isinstance(statement, ast.For) and bool(items or times) and not breaks
        # lists the body appends one item to at each step, whatever happens (a history of
        # losses): their length after the loop is known when the item's shape holds
        growing = (
            {
                name
                for name, held in before.items()
                if held.kind == "list" and items_of(held) is not None and _appends_once(body, name)
            }
            if twice and items
            else set()
        )
        self.journaling += 1
        self.depends.append(f"how many times the loop at line {statement.lineno} runs")
        mark = len(self.journal)
        once: dict[str, Operand] = {}
        first_values: dict[tuple[int, Any], Any] = {}
        twice_grown: dict[str, Operand | None] = {}
        self.break_states.append([])
        try:
            self.stepping += runs
            try:
                self.block(body)
            finally:
                self.stepping -= runs
            self.frame.stopped = False
            if twice and isinstance(statement, ast.For) and self.budget > 0:
                once = dict(self.frame.names)
                first_values = self.second_pass(statement, before, mark, first, growing)
                twice_grown = {name: self.frame.names.get(name) for name in growing}
        finally:
            self.journaling -= 1
            self.depends.pop()
            left_at = self.break_states.pop()
        self.frame.stopped = False
        if once:
            self.agree_after_loop(statement, times or "", (before, once), first_values, mark)
            if not self.journaling:
                self.journal.clear()
            for name, grown in twice_grown.items():
                self.grown_list(name, before[name], once.get(name), grown, len(items or ()))
            self.block(statement.orelse)
            return
        if times is not None and not breaks:
            why = _too_long(statement, times)
        else:
            why = f"a loop at line {statement.lineno} whose number of iterations cannot be known without running the file"
        self.merge_loop(mark, why, [None if _CHANGED in b else b[_HELD] for b in left_at])
        if not self.journaling:
            self.journal.clear()
        for name, value in list(self.frame.names.items()):
            old = before.get(name)
            if value is old and all(b.get(name) is value for b in left_at):
                continue
            if old is not None and _same_at(name, value, [before, *left_at]):
                kept = _same_block([old, value, *(b.get(name) for b in left_at)])
                value = _float_scalar_at(name, value, [before, *left_at])
                self.frame.names[name] = _merged(value, kept)
            else:
                self.frame.names[name] = unknown(why)
            self.record(name, self.frame.names[name], None, keep=True)
        if breaks:
            self.loop_else(statement)
        else:
            self.block(statement.orelse)

    def grown_list(
        self,
        name: str,
        before: Operand,
        once: Operand | None,
        twice: Operand | None,
        steps: int,
    ) -> None:
        """``name``, a list the loop's body appends one item to at each of its ``steps``
        (see :func:`_appends_once`): when the first pass added one item and the second (from
        shapes only) one more of the same shape, it ends with that many more items of that
        shape (their values not known)."""
        held = items_of(before) or ()
        first = items_of(once) if once is not None and once.kind == "list" else None
        second = items_of(twice) if twice is not None and twice.kind == "list" else None
        if (
            first is None
            or second is None
            or len(first) != len(held) + 1
            or len(second) != len(held) + 2
            or not all(same(a, b) for a, b in zip(held, first, strict=False))
            or not same(first[-1], second[-1])
            or len(held) + steps > MAX_ITEMS
        ):
            return
        item = shape_only(second[-1])
        made = sequence("list", (*held, *(item,) * steps), ident=before.ident)
        self.frame.names[name] = made
        self.record(name, made, None, keep=True)

    def second_pass(
        self,
        statement: ast.For,
        before: dict[str, Operand],
        mark: int,
        first: Operand | None,
        growing: set[str] | frozenset[str] = frozenset(),
    ) -> dict[tuple[int, Any], Any]:
        """Follow a loop's body again from what the first pass left, its values dropped
        (but the items of the lists in ``growing``, which it appends to); what objects held
        after the first pass is returned."""
        for name, value in list(self.frame.names.items()):
            if name in growing and value.kind == "list":
                continue
            if value is not before.get(name) and value.kind in ARRAYLIKE:
                kept = _same_block([before.get(name), value])
                self.frame.names[name] = _merged(value, kept)
        changed = self.changes_since(mark)
        first_values = {ident: self.current(sp, key) for ident, (sp, key, _) in changed.items()}
        for ident, (space, key, _old) in changed.items():
            value = first_values[ident]
            if key is not DYNAMIC and value is not MISSING and value.kind in ARRAYLIKE:
                self.put(space, key, shape_only(value))
        item = first if first is not None else unknown(f"the loop at line {statement.lineno}")
        self.assign(
            statement.target, shape_only(item) if item.kind in ARRAYLIKE else item, statement.iter
        )
        self.block(statement.body)
        self.frame.stopped = False
        return first_values

    def agree_after_loop(
        self,
        statement: ast.For | ast.While,
        times: str,
        names: tuple[dict[str, Operand], dict[str, Operand]],
        first_values: dict[tuple[int, Any], Any],
        mark: int,
    ) -> None:
        """After a loop followed twice: what both passes agree on (in shape) holds after it
        (the loop runs more than once); anything else is unknown."""
        before, once = names
        why = _too_long(statement, times)
        for name, value in list(self.frame.names.items()):
            first = once.get(name)
            if value is first and value is before.get(name):
                continue
            if first is not None and same(first, value):
                kept = _same_block([before.get(name), first, value])
                self.frame.names[name] = _merged(value, kept)
            elif (pair := _tuples_merged([first, value], why)) is not None:
                self.frame.names[name] = pair  # best = (W1.copy(), b1.copy()): item by item
            elif value.kind != "unknown":  # an unknown keeps its own reason
                self.frame.names[name] = unknown(why)
            self.record(name, self.frame.names[name], None, keep=True)
        for ident, (space, key, old) in self.changes_since(mark).items():
            if key is DYNAMIC:
                continue
            now = self.current(space, key)
            then = first_values.get(ident, old)
            if now is MISSING or now is then:
                continue
            if then is not MISSING and same(then, now):
                self.put(space, key, shape_only(now))
            elif now.kind != "unknown":
                self.put(space, key, unknown(why))

    def _For(self, statement: ast.For) -> None:
        assert self.walker is not None  # statements run inside a cell
        if not self.walker.holds("strict"):
            self.loop(statement)
            return
        strict = self.dry_value(statement.iter)  # (as the loop gets it, before its body)
        before = len(self.problems)
        self.loop(statement)
        failed_inside = len(self.problems) > before  # (d[a] of an empty dict: it may leave)
        said = strict.memo.get(STRICT) if strict.kind == "iter" else None
        if said is None or self.frame.stopped:
            return
        iterated = _iterated_names(statement.iter)
        if any(
            _changes_length(statement.body, name)
            for name in [*iterated, *self.aliases_of(iterated)]
        ):
            return  # (a list the loop shortens or grows: its length at the end not known)
        # for a, b in zip(xs, ys, strict=True): after the shortest's items, a ValueError
        # (unless the loop leaves before: a break, a raise, a return, a call that may raise
        # or change what the zip reads: one of the file's functions, next(it))
        early = (
            failed_inside
            or _breaks(statement.body)
            or any(
                isinstance(n, ast.Raise) or (isinstance(n, ast.Call) and self.may_leave(n))
                for n in _own_nodes(statement.body)
            )
        )
        leaves = f"whether the loop at line {statement.lineno} leaves before its last item"
        self.report_here(
            statement.iter, said, "call", "ValueError", depends=leaves if early else None
        )
        if early:
            self.may_halt(statement, leaves, "ValueError")
        elif self.certainly_reached():
            self.frame.stopped = True

    def may_leave(self, call: ast.Call) -> bool:
        """Whether ``call``, in a loop's body, may raise out of the loop or change what its
        iterator reads, as far as a glance tells: a function or class of the file's, a name
        not known, ``next()``, ``int()`` of what is not a number; not NumPy's functions, Python's plain ones (``print``,
        ``len``) or a list's ``append``."""
        assert self.walker is not None
        if isinstance(call.func, ast.Attribute) and call.func.attr in _PLAIN_METHODS:
            return False
        if (  # time.perf_counter(): a Timer's __enter__ reads a clock, which never raises
            isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.attr in _CLOCKS
            and not call.args
            and not call.keywords
        ):
            held = self.lookup(call.func.value.id)  # (Python's time, as import binds it)
            if held is not None and held.kind in ("module", "unknown") and held.name == "time":
                return False
        callee = self.walker.plain_callee(call.func)
        if callee is None or callee.kind != "function":
            return True
        if callee.name in ("builtins.int", "builtins.float", "builtins.complex") and call.args:
            # int(text): a ValueError unless it is given a number
            return self.dry_value(call.args[0]).kind not in ("number", "bool")
        return (callee.name or "") in ("builtins.next", "builtins.iter")

    def loop(self, statement: ast.For) -> None:
        """A ``for`` loop's items given to its names, and its body followed."""
        assert self.walker is not None  # statements run inside a cell
        iterable = self.walker.iterated(self.evaluate(statement.iter))
        if iterable.kind == "number" or (iterable.kind == "array" and iterable.shape == ()):
            source = self.walker.source(statement.iter)
            message = (
                f"cannot iterate over {source}: it is {describe(iterable)}, a single number, "
                "which has no items"
            )
            self.report_here(statement.iter, message, "iterate")
            return
        not_iterable = getattr(self, "not_iterable", None)
        if iterable.kind == "instance" and not_iterable is not None and not_iterable(iterable):
            source = self.walker.source(statement.iter)
            self.report_here(
                statement.iter,
                f"cannot iterate over {source}: it is {describe(iterable)}, whose class "
                "defines no __iter__ (Python raises a TypeError: object is not iterable)",
                "iterate",
            )
            return
        if self.grows_the_namespace(statement):
            return
        count = length(iterable)
        times = f"{count:,} times" if count is not None and count > MAX_ITERATIONS else None
        first = None
        if isinstance(iterable.value, range) and count:
            # range(20001) too long to list: i is still one of its numbers (an index past an
            # axis at the last step is met)
            bounds = (iterable.value[0], iterable.value[-1])
            first = replace(number(), memo={SPAN: (min(bounds), max(bounds), statement.lineno)})
        items = items_of(iterable)
        if iterable.kind == "iter" and iterable.name in ONE_SHOT:
            # Python's iterators give their items once: a loop leaves none (or, when it may
            # leave early, an unknown number of them)
            leaves = any(isinstance(n, (ast.Break, ast.Return)) for n in _own_nodes(statement.body))
            why = f"what is left of an iterator after the loop at line {statement.lineno}"
            held = {  # (the names holding an iterator it reads: not a list, len(params))
                n
                for n in _iterated_names(statement.iter)
                if (bound := self.lookup(n)) is not None
                and bound.kind == "iter"
                and bound.name in ONE_SHOT
            }
            held.update(self.aliases_of(list(held)))
            body_nodes = _own_nodes(statement.body, loops=True)
            looked_at = {  # type(it), print(it): what reads no item of it
                id(a)
                for n in body_nodes
                if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Name)
                and n.func.id in _READ_NO_ITEM
                and self.lookup(n.func.id) is None
                for a in n.args
            }
            if held and any(
                isinstance(n, ast.Name) and n.id in held and id(n) not in looked_at
                for n in body_nodes
            ):  # for i in it: … next(it): the body takes items too, which steps are not known
                why = f"an iterator that the loop at line {statement.lineno} and its body share"
                leaves, items = True, None
            self.spend(iterable, why if leaves else None)
        counter = _counter(statement)
        if (
            counter is None
            and isinstance(statement.iter, ast.Name)
            and isinstance(statement.target, ast.Name)
            and iterable.kind == "dict"
            and not _rebound(statement, statement.target.id)
        ):  # for name in params: params[name] -= …: this step's key's value, no key ahead
            counter = statement.target.id
        iterated = _iterated_names(statement.iter)
        own = {n.id for n in ast.walk(statement.target) if isinstance(n, ast.Name)}
        aliases = [n for n in self.aliases_of(iterated) if n not in own]  # (rebound each step)
        if items is not None and any(
            _changes_length(statement.body, name) or _changes_items(statement.body, name, counter)
            for name in [*iterated, *aliases]
        ):  # a list that grows or shrinks under its loop: Python's iterator reads it as it is
            items = None  # at each step (a removal skips the next item): not counted here
        elif (
            items is not None
            and iterable.kind == "array"
            and iterable.shape is not None
            and len(iterable.shape) == 1
            and isinstance(statement.iter, ast.Name)
            and not _writes_through_views(statement.body)
        ):  # for lab in labels: each a NumPy number, a copy read at its step; the body writes
            # no array a view may share with labels (but labels itself, by name: above)
            items = tuple(replace(i, memo={**i.memo, _EACH_STEP: True}) for i in items)
        elif (
            items is not None
            and iterable.kind == "iter"
            and iterable.name in ("zip", "enumerate")
            and self.zipped_arrays(statement.iter)
            and not _writes_through_views(statement.body)
        ):  # for p, t in zip(pred, y), for i, lab in enumerate(labels): the same, item by item
            items = tuple(_each_step(i) for i in items)
        running = self.stopped_at is None
        iterated_dict = self.iterated_dict(statement) if items else None
        size_before = len(iterated_dict.attrs) if iterated_dict is not None else None
        problems_before = len(self.problems)
        self.loop_body(statement, items, times, first)
        after = self.iterated_dict(statement) if iterated_dict is not None else None
        if (
            after is iterated_dict  # (the name bound to another dict: the loop goes on over
            and after is not None  # the one it started with)
            and running
            and self.stopped_at is None
            and len(self.problems) == problems_before
            and len(after.attrs) != size_before
        ):  # for k in d: d[k + "x"] = 2: Python's next step finds the dict changed
            self.report_here(
                statement.iter,
                f"the loop changes the size of {self.walker.source(statement.iter)} while it "
                "goes over it (Python raises a RuntimeError: dictionary changed size during "
                "iteration); go over a copy, list(d), to change the dict",
                "iterate",
                "RuntimeError",
            )
        ends = iterable.memo.get(STRICT) if iterable.kind == "iter" else None
        if ends is not None and items is not None and running and self.stopped_at is None:
            jumps = any(
                isinstance(n, (ast.Break, ast.Return, ast.Raise))
                or _changes_in_place(n)
                or (isinstance(n, ast.Call) and self.may_leave(n))
                for n in _own_nodes(statement.body)
            )  # (a list the zip reads, changed in the loop: read as it is at each step)
            if (
                not jumps and not self.frame.stopped and len(self.problems) == problems_before
            ):  # zip(…, strict=True): past the shortest (a step that fails leaves before)
                self.report_here(statement.iter, ends, "call", "ValueError")

    def _While(self, statement: ast.While) -> None:
        """A ``while`` loop whose condition is known at each step is followed step by step
        (at most :data:`MAX_ITERATIONS` steps); from the first step whose condition is not
        known, its body is followed once and what it changes is merged."""
        if _breaks(statement.body):
            if self.truth_fails(
                statement.test, self.dry_value(statement.test), "`while`", statement
            ):
                return  # the loop raises before its first step
            self.jumping_while(statement)
            return
        runs = 0
        simple = True
        before = dict(self.frame.names)
        while simple and runs <= MAX_ITERATIONS and self.budget > 0:
            test = self.evaluate(jumping(statement.test))
            if runs == 0 and self.truth_fails(statement.test, test, "`while`", statement):
                return  # the loop raises before its first step
            truth = self.truth_of(test)
            if truth is None:
                break
            if not truth:
                self.block(statement.orelse)
                return
            self.block(statement.body)
            runs += 1
            if self.frame.stopped:
                return
        if self.budget <= 0:
            self.cut_short_loop(statement, before)
            return
        if runs == 0 or not simple:
            self.evaluate(jumping(statement.test))
        if runs > MAX_ITERATIONS:  # what the steps followed changed goes on changing after
            why = f"the loop at line {statement.lineno}, which runs more than {MAX_ITERATIONS:,} times"
            self.unknown_since(before, why, [])
        self.loop_body(
            statement,
            None,
            f"more than {MAX_ITERATIONS:,} times" if runs > MAX_ITERATIONS else None,
        )

    def _With(self, statement: ast.With) -> None:
        caught: list[ast.expr | None] = []  # what the context managers suppress (None: all)
        failing: tuple[int, bool] | None = None  # the status an __exit__ certainly exits
        exits: list[ast.AST] = []  # the __exit__ methods of the file's, run after the body
        exiting_status: int | None = None  # with, and whether hard (os._exit); the one it may
        for item in statement.items:
            self.entering = id(item.context_expr)  # (an np.errstate a `with` enters: below)
            try:
                value = self.evaluate(item.context_expr)
            finally:
                self.entering = None
            if value.kind == "instance" and value.value is not None and value.value.cls:
                # with Timer(): its __enter__ and __exit__ run, not followed
                entered = True  # (an __enter__ that raises: the body and __exit__ never run)
                for dunder in ("__enter__", "__exit__"):
                    method = value.value.cls.lookup(dunder)
                    fdef = getattr(method.value, "fdef", None) if method is not None else None
                    if dunder == "__enter__" and isinstance(fdef, ast.FunctionDef):
                        entered = not any(
                            isinstance(n, ast.Raise)
                            or (isinstance(n, ast.Call) and self.may_leave(n))
                            for n in _own_nodes(fdef.body, loops=True)
                        )
                    status = (
                        self.failing_exit(fdef)
                        if dunder == "__exit__" and isinstance(fdef, ast.FunctionDef)
                        else None
                    )
                    if status and not entered:  # (its __enter__ may raise first, or not)
                        self.report_here(
                            statement,
                            f"the file may stop at the end of this `with` with exit status "
                            f"{status[0]} (a failure): its __exit__ exits so",
                            "raise",
                            "SystemExit",
                            depends="whether its __enter__ raises first",
                        )
                        status = None
                    failing = failing or status
                    if fdef is not None and dunder == "__exit__" and not status:
                        exits.append(fdef)  # it runs after the body (below)
                    elif fdef is not None and not status:  # (one that fails the file: below)
                        self.ran_unfollowed(fdef, f"the `with` at line {statement.lineno}")
                    if dunder == "__exit__" and isinstance(fdef, ast.FunctionDef):
                        exiting_status = exiting_status or _literal_exit_status(self, fdef)
                    named = _attributes_set(fdef) if isinstance(fdef, ast.FunctionDef) else set()
                    if named is None or named:
                        # g = Timer(); with g: … its self.elapsed = … set there, not followed
                        why = f"`{dunder}` of the `with` at line {statement.lineno}"
                        if named is None or not isinstance(value.value, Namespace):
                            self.escape([value], why)
                        else:  # (what __init__ set and these do not keep their values)
                            for attr in named:
                                self.put(value.value, attr, unknown(why))
            suppressed = self._suppressed(item.context_expr, value, statement.body)
            if suppressed is not False:
                caught.append(suppressed)
            if isinstance(value.value, OpenFile) and isinstance(item.optional_vars, ast.Name):
                # a handle the body uses once (in a reader's call) is read from its start
                name = item.optional_vars.id
                uses = sum(
                    isinstance(n, ast.Name) and n.id == name
                    for s in statement.body
                    for n in ast.walk(s)
                )
                read_there = any(  # np.loadtxt(f), json.load(f): not load(f) of the file's,
                    isinstance(n, ast.Call)  # which may read a line first
                    and n.args
                    and isinstance(n.args[0], ast.Name)
                    and n.args[0].id == name
                    and self.reads_data(n.func)
                    for s in statement.body
                    for n in ast.walk(s)
                )
                # lines read first, one by one (`header = f.readline()`, `next(f)`): the
                # reader starts after them
                skipped = _lines_skipped(statement.body, name)
                # (opened right there: `with h as f` of a handle h may have been read)
                fresh = (
                    uses == 1 + skipped and read_there and isinstance(item.context_expr, ast.Call)
                )
                value = replace(
                    value, value=replace(value.value, fresh=fresh, skipped=skipped if fresh else 0)
                )
            loader = (
                self.walker.plain_callee(item.context_expr.func)
                if self.walker is not None and isinstance(item.context_expr, ast.Call)
                else None
            )
            npz = (  # with np.load("model.npz") as data: the NpzFile itself
                value.kind == "dict" and loader is not None and loader.name == "numpy.load"
            )
            if item.optional_vars is not None:
                self.assign(
                    item.optional_vars,
                    unknown(f"the `with` at line {statement.lineno}")
                    if value.kind != "unknown" and value.name != "file" and not npz
                    else value,
                    item.context_expr,
                )
        if failing:  # sys.exit(1) first thing: what the body raises never goes further
            caught = [None]
        states = [self.errstate_of(item.context_expr) for item in statement.items]
        pushed = [s for s in states if s is not False]
        self.fp_states.extend(pushed)  # type: ignore[arg-type]
        try:
            self._with_body(statement, caught, exiting_status)
        finally:
            del self.fp_states[len(self.fp_states) - len(pushed) :]
        for fdef in exits:  # what an __exit__ writes, or an exit it may make, comes after
            self.ran_unfollowed(fdef, f"the `with` at line {statement.lineno}")
        if failing and not self.frame.stopped and self.exited is None:
            # then the file ends there, failed (os._exit: even inside a try)
            self.exit_here(statement, number(failing[0]), hard=failing[1])

    def called_by_exit(self, fdef: ast.FunctionDef) -> list[ast.AST]:
        """The functions of the file the ``__exit__`` written ``fdef`` calls, and the methods
        it calls on ``self`` (``self.bail()``), by name, and those they call (at most 32)."""
        methods = getattr(self, "methods_by_name", {})
        found: list[ast.AST] = []
        todo: list[ast.AST] = [fdef]
        while todo and len(found) < 32:
            body = todo.pop()
            called = [
                *self._bodies_called(body),
                *(
                    method
                    for node in _own_nodes(getattr(body, "body", []), loops=True)
                    if isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "self"
                    for method in methods.get(node.func.attr, ())
                ),
            ]
            for inner in called:
                if inner is not fdef and all(inner is not f for f in found):
                    found.append(inner)
                    todo.append(inner)
        return found

    def exits_failing(self, fdef: ast.FunctionDef) -> bool:
        """Whether every exit the ``__exit__`` written ``fdef`` may make (in its body or in a
        function or ``self`` method it calls) has a status other than 0 written out
        (``if self.strict: sys.exit(1)``): the file fails whether it exits or not, when the
        body does. False when it has none."""
        bodies = [fdef, *self.called_by_exit(fdef)]
        statuses = []
        for body in bodies:
            for node in _own_nodes(getattr(body, "body", []), loops=True):
                if isinstance(node, ast.Call) and self._exits(node):
                    statuses.append(_literal_status(node))
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "self")
                    and self.may_leave(node)
                ):  # helper.close(): a method not read here, which may exit with status 0
                    return False
                elif (
                    isinstance(node, ast.Raise)
                    and node.exc is not None
                    and _names_library(raised_kind(node) or node.exc, "SystemExit")
                ):
                    statuses.append(None)  # (its status: not read here)
        return bool(statuses) and all(status for status in statuses)

    def failing_exit(self, fdef: ast.FunctionDef) -> tuple[int, bool] | None:
        """The exit status other than 0 that the ``__exit__`` written ``fdef`` certainly
        exits with (its first statement that is not a call or ``pass`` is ``sys.exit(1)``,
        or text, status 1), and whether it is ``os._exit``, which no handler catches; None
        otherwise."""
        for part in fdef.body:
            if isinstance(part, ast.Expr) and self._exits(part.value):
                status = _literal_status(part.value)
                func = part.value.func  # type: ignore[attr-defined]
                hard = isinstance(func, ast.Attribute) and func.attr == "_exit"
                return (status, hard) if status else None
            if not isinstance(part, (ast.Expr, ast.Pass)) or any(
                isinstance(n, ast.Call) and self.may_leave(n) for n in ast.walk(part)
            ):  # (done() first: it may exit with 0, or raise)
                return None
        return None

    def errstate_of(self, context: ast.expr) -> dict[str, str] | bool | None:
        """What ``with np.errstate(divide="raise")`` sets (None: not known); False for any
        other context manager."""
        if self.walker is None:
            return False
        if self.raising_floats() and self.held_manager(context):
            # es = np.errstate(…); with es: …, or a manager of the file's that may set it
            return None
        if not isinstance(context, ast.Call):
            return False
        if not numpy_attribute(self.lookup, context.func, "errstate"):
            return False
        settings: dict[str, str] = {}
        for keyword in context.keywords:
            value = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
            if keyword.arg is None or not isinstance(value, str):
                return None
            settings[keyword.arg] = value
        return None if context.args else settings

    def _with_body(
        self, statement: ast.With, caught: list[ast.expr | None], status: int | None = None
    ) -> None:
        if not caught:
            self.block(statement.body)
            return
        if _EXITING in caught:  # an __exit__ that may exit when the body fails
            self._Try(_exiting_try(statement, status))
            return
        # with suppress(ValueError): … runs as try: … except ValueError: pass
        kinds = [k for k in caught if k is not None]
        kind = (
            None
            if None in caught
            else kinds[0]
            if len(kinds) == 1
            else ast.Tuple(kinds, ast.Load())
        )
        handler = ast.copy_location(
            ast.ExceptHandler(
                type=kind, name=None, body=[ast.copy_location(ast.Pass(), statement)]
            ),
            statement,
        )
        self._Try(
            ast.copy_location(
                ast.Try(body=statement.body, handlers=[handler], orelse=[], finalbody=[]),
                statement,
            )
        )

    def exit_may_suppress(self, fdef: ast.FunctionDef) -> ast.expr | Literal[False] | None:
        """None when the ``__exit__`` written ``fdef`` may return a true value (it may swallow
        what the body of the ``with`` raises), or may raise inside a ``try`` or a handler (it
        may put in place of the body's error one that a ``try`` around catches);
        :data:`_EXITING` when it may call ``sys.exit`` (the file may end there); else False
        (outside any, the file fails either way when the body does)."""
        around = bool(self.tries or self.__dict__.get("handling"))
        own = _own_nodes(fdef.body, loops=True)
        tested: list[ast.expr] = []  # return kind is KeyError: the classes it may swallow
        returns = [n for n in own if isinstance(n, ast.Return) and n.value is not None]
        last = fdef.body[-1] if fdef.body else None
        if (
            returns
            and all(isinstance(r.value, ast.Constant) and r.value.value for r in returns)
            and isinstance(last, ast.Return)
            and not any(isinstance(n, ast.Raise) for n in own)
        ):
            return None  # return True, whatever happens: it swallows every error
        for node in returns:
            if node.value is not None and not _falsy(node.value):
                classes = _classes_tested(node.value, fdef)
                if classes is None:  # return self.quiet: it may swallow the error, or not
                    classes = [ast.copy_location(_may_swallow(), node)]
                tested += classes
        if around and any(isinstance(node, ast.Raise) for node in own):
            # its own error in place of the body's: a try around may catch it, or not
            return ast.copy_location(ast.Call(ast.Name("raised_instead", ast.Load()), [], []), fdef)
        if (
            not tested  # (it may swallow the body's error: the file goes on then)
            and self.exits_failing(fdef)
            and not any(self.catches_exit(t) for t in self.tries)
        ):
            return False  # if strict: sys.exit(1): the file fails, whatever the body does
        if any(
            (isinstance(node, ast.Call) and self._exits(node))
            or (
                isinstance(node, ast.Raise)
                and node.exc is not None
                and _names_library(raised_kind(node) or node.exc, "SystemExit")
            )
            for node in own
        ):
            return _EXITING  # sys.exit(0) when the body fails: the file ends there
        # self.bail(), bail(): an exit in a function or method it calls
        if any(_exit_in(body) is not None for body in self.called_by_exit(fdef)):
            return _EXITING
        if tested:  # as `except (KeyError,)` would
            return ast.copy_location(ast.Tuple(tested, ast.Load()), fdef)
        return False

    def reads_data(self, func: ast.expr) -> bool:
        """Whether ``func`` names one of the readers of data files (``np.loadtxt``,
        ``json.load``, ``from numpy import load``), not a function of the file's."""
        assert self.walker is not None  # statements run inside a cell
        found = self.walker.plain_callee(func)
        return (
            found is not None
            and found.kind == "function"
            and (found.name in DATA_FUNCTIONS or found.name == "csv.reader")
        )

    def _gives_back(self, decorator: ast.expr) -> bool:
        """Whether ``decorator`` is a function of the file's whose body only returns the
        function it is given (``def _ident(f): return f``)."""
        found = self.lookup(decorator.id) if isinstance(decorator, ast.Name) else None
        fdef = getattr(found.value, "fdef", None) if found is not None else None
        if not isinstance(fdef, ast.FunctionDef) or len(fdef.args.args) != 1:
            return False
        body = [
            s
            for s in fdef.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        ]
        return (
            len(body) == 1
            and isinstance(body[0], ast.Return)
            and isinstance(body[0].value, ast.Name)
            and body[0].value.id == fdef.args.args[0].arg
        )

    def held_manager(self, written: ast.expr) -> bool:
        """Whether the context manager of a ``with`` is held, or made by the file's own code,
        not by a library's call (``with q:``, ``with managers[0]:``, ``with make_quiet():``
        of the file's own function or class): what it does (suppress errors, set
        ``np.errstate``) is not known as a library's is (``open(…)`` suppresses nothing)."""
        if not isinstance(written, ast.Call):
            return True
        func = written.func
        if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in (
            "assertRaises", "assertRaisesRegex", "assert_raises", "assert_raises_regex",
            "suppress", "raises",
        ):  # fmt: skip
            return False  # (read by their names: see _suppressed)
        assert self.walker is not None  # statements run inside a cell
        callee = self.walker.plain_callee(written.func)
        return (
            callee is None
            or callee.kind in ("userfunc", "instance", "class")
            or (callee.kind == "unknown" and callee.name == "decorated")
        )

    def _suppressed(
        self, written: ast.expr, value: Operand, body: list[ast.stmt]
    ) -> ast.expr | Literal[False] | None:
        """What a context manager suppresses: the exceptions written in its call
        (``contextlib.suppress(ValueError)``, ``pytest.raises``, ``np.testing.assert_raises``,
        ``self.assertRaises``) or caught around the ``yield`` of a ``@contextmanager``
        generator of the file's, None for any (a class of the file's whose ``__exit__`` may
        return a true value, an ``ExitStack`` the body enters other managers into), False
        when it suppresses nothing shapekit knows of."""
        if value.kind == "instance":
            info = value.value.cls
            exit_ = info.lookup("__exit__") if info is not None else None
            if exit_ is None:
                return False
            fdef = getattr(exit_.value, "fdef", None)
            if fdef is None and exit_.kind == "unknown":
                # behind decorators of the file's that give back the function they are given:
                # what its own body returns (behind any other, it may suppress anything)
                fdef = _written_method(info, "__exit__")
                if fdef is not None and not all(self._gives_back(d) for d in fdef.decorator_list):
                    fdef = None
            # (not a function of the file's: it may suppress anything, or nothing)
            if fdef is None:
                return ast.copy_location(_may_swallow(), written)
            return self.exit_may_suppress(fdef)
        if isinstance(written, ast.Call):  # quiet(), helper.quiet()
            assert self.walker is not None  # statements run inside a cell
            maker = self.walker.plain_callee(written.func)
            if (
                maker is not None
                and maker.kind == "unknown"
                and maker.name == "decorated"
                and isinstance(maker.node, ast.FunctionDef)
            ):  # @contextlib.contextmanager def swallow(): try: yield / except …: …
                return _caught_around_yield(maker.node, written)
        if (
            value.kind == "unknown"
            and value.name == "instance"
            and isinstance(value.node, ast.ClassDef)
        ):  # of a class of the file's not followed (a library's base): its own __exit__
            exits = [
                f
                for f in value.node.body
                if isinstance(f, ast.FunctionDef) and f.name == "__exit__"
            ]
            if not exits and value.node.bases:
                # (an __exit__ of a base, a mixin's, may return True, or not)
                return ast.copy_location(_may_swallow(), written)
            return self.exit_may_suppress(exits[-1]) if exits else False
        if isinstance(written, ast.Call) and _names_library(written.func, "ExitStack"):
            entered = [
                node
                for statement in body
                for node in ast.walk(statement)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("enter_context", "push", "push_async_exit")
            ]
            kinds: list[ast.expr] = []  # what each manager it enters suppresses
            for call in entered:
                given = call.args[0] if call.args and call.func.attr == "enter_context" else None  # type: ignore[attr-defined]
                kinds += _swallowed_by(given, call)  # stack.enter_context(suppress(ValueError))
            if not kinds:
                return False
            return (
                kinds[0]
                if len(kinds) == 1
                else ast.copy_location(ast.Tuple(kinds, ast.Load()), written)
            )
        if value.kind == "unknown" and self.held_manager(written):
            # q = suppress(ValueError); with q: …: what it holds is not known, so it may
            # catch what the body raises or not (an expression no handler reading knows)
            return ast.copy_location(ast.Call(ast.Name("suppressed", ast.Load()), [], []), written)
        given = next(  # assertRaises(expected_exception=ValueError), raises(expected_exception=…)
            (k.value for k in getattr(written, "keywords", ()) if k.arg == "expected_exception"),
            None,
        )
        if isinstance(written, ast.Call) and not written.args and given is not None:
            written = ast.copy_location(ast.Call(written.func, [given], []), written)
        if not isinstance(written, ast.Call) or not written.args:
            return False
        func = written.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        # from contextlib import suppress as quiet: known by what it is bound to
        renamed = self.lookup(name) if isinstance(func, ast.Name) else None
        if renamed is not None and renamed.kind == "unknown":
            name = {"contextlib.suppress": "suppress", "pytest.raises": "raises"}.get(
                renamed.name or "", name
            )
        if name in ("assertRaises", "assertRaisesRegex", "assert_raises", "assert_raises_regex"):
            found = True
        elif name in ("suppress", "raises"):
            module = "contextlib" if name == "suppress" else "pytest"
            base = func.value if isinstance(func, ast.Attribute) else func
            bound = self.lookup(base.id) if isinstance(base, ast.Name) else None
            found = (
                bound is not None
                and bound.kind == "unknown"
                and bound.name in (module, f"{module}.{name}")
            )
        else:
            found = False
        if not found:
            return False
        if name == "suppress" and len(written.args) > 1:
            return ast.Tuple(list(written.args), ast.Load())
        return written.args[0]

    def _Try(self, statement: ast.Try) -> None:
        self.leaving = None  # set when an error certainly leaves this try
        self.tries.append(statement)  # what fails inside may be caught: no certain stop
        halts = self.frame.halts
        before = len(self.problems)  # where the body's problems begin
        returned = len(self.frame.returns)
        entry = dict(self.frame.names)  # (a handler may run from any point of the body)
        try:
            if not self.certain_outcome(statement):
                self.leaving = None  # (one left a try inside, but perhaps not this one)
                self.uncertain_try(statement, before, entry, halts)
        finally:
            self.tries.pop()
            left = self.leaving
            after, returns = len(self.problems), len(self.frame.returns)
            if self.frame.halts != halts and (
                self.takes_every_halt(statement) or id(statement) not in self.uncaught_halts
            ):
                self.frame.halts = halts  # (a raise or exit it may meet ends in its handler)
            exits = self.run_finally(statement.finalbody)  # (its own raise or exit stands)
            if (
                statement.finalbody
                and returns > returned
                and may_write(ast.Module(body=statement.finalbody, type_ignores=[]))
            ):  # try: return L / finally: L.extend(…): the caller sees the list changed
                why = f"what the finally at line {statement.finalbody[0].lineno} may change"
                for index in range(returned, min(returns, len(self.frame.returns))):
                    if self.frame.returns[index].kind in ("list", "dict", "instance"):
                        self.frame.returns[index] = unknown(why)
            if (
                _jumps(statement.finalbody)
                or exits
                or any(p.certain and p.frame is self.frame for p in self.problems[after:])
            ):
                # a finally that returns, breaks or continues ends the try its own way: an
                # error raised in the body or a handler is dropped, and so is a return there
                # (one that raises puts its own error in place of theirs)
                self.forget(self.problems[before:after])
                del self.problems[before:after]
                del self.frame.returns[returned:returns]
                left = None
            self.leaving = left

    def takes_every_halt(self, statement: ast.Try) -> bool:
        """Whether a handler of ``statement`` catches every error and every exit (a bare
        ``except:``, ``except BaseException:``) and itself neither raises nor exits."""
        for handler in statement.handlers:
            if "BaseException" in (_handler_names(handler.type, self.lookup) or ()):
                return not halting(handler)
        return False

    def _TryStar(self, statement: ast.TryStar) -> None:
        """``try``/``except*``: one error raised in the body is caught by the first handler
        whose class it is of, as with ``except`` (the handler gets it in an ExceptionGroup,
        which is not followed); SystemExit is caught only by ``except* BaseException`` or
        ``except* SystemExit``, so an exit in the body ends the file as it does in a try."""
        self._Try(statement)  # type: ignore[arg-type]

    def run_finally(self, body: list[ast.stmt]) -> bool:
        """A ``finally`` block runs however its ``try`` ends: after a return, a raise or
        ``sys.exit()`` too, which still take effect after it (unless it returns or raises
        itself: a return there drops the exit). Whether it certainly exits itself (with
        status 0, ``sys.exit()``: the file ends there, whatever the try raised)."""
        if not body or self.budget <= 0 or self.hard_exit:
            return False  # (after os._exit nothing runs, no finally either)
        stopped, jump, exited = self.frame.stopped, self.frame.jump, self.exited
        self.frame.stopped, self.frame.jump, self.exited = False, None, None
        self.block(body)
        if not self.frame.stopped and self.exited is None:
            self.frame.stopped, self.frame.jump, self.exited = stopped, jump, exited
        return self.exited is not None and self.exited != exited

    def uncertain_try(
        self,
        statement: ast.Try,
        before: int,
        entry: dict[str, Operand] | None = None,
        halts: str | None = None,
    ) -> None:
        """The handlers and ``else`` of a ``try`` whose body (followed, its problems from
        ``before`` on) may or may not fail: each may run, a handler from any point of the
        body (a name the body binds holds what it held at ``entry`` or after: the same
        shape, or unknown). A raise or an exit in a handler leaves what follows the try
        possible only when the body may fail as shapekit sees it (a problem, certain or
        possible, or a raise or an exit that may run: ``halts`` is the frame's before it);
        a body that fails nowhere shapekit sees runs through, as it does outside a try."""
        body_may_fail = len(self.problems) > before or self.frame.halts != halts
        numpy_caught = any(_catches_numpy_errors(h.type) for h in statement.handlers)
        name_caught = any(_catches(h.type, _CATCHING_NAME) for h in statement.handlers)
        kept = []
        for problem in self.problems[before:]:
            raised = _raised(problem.error)
            handler = (
                _handler_for(statement.handlers, raised, self.lookup, _own(problem.error))
                if raised
                else None
            )
            if handler is not None:  # the class is known, and whether a handler catches it
                caught = handler is not _UNCAUGHT
            elif raised == "SystemExit":  # an exit, in a try that may catch it (exit_here)
                caught = True
            elif getattr(problem.error, "op", None) == "hard exit":  # os._exit: none does
                caught = False
            elif getattr(problem.error, "op", None) == "name":
                caught = name_caught
            elif getattr(problem.error, "op", None) == "raise" and raised is None:
                # raise make(), raise errs[0]: a class not known, which any handler may
                # catch (a bare except, or one for Exception, certainly does)
                caught = any(
                    bool(names & _CATCH_ALL)
                    for names in (
                        _handler_names(h.type, self.lookup) or set() for h in statement.handlers
                    )
                )
                if not caught and statement.handlers and problem.certain:
                    why = f"whether the handler at line {statement.handlers[0].lineno} catches it"
                    kept.append(replace(problem, certain=False, depends=why))
                    continue
            else:
                caught = numpy_caught
            unread = next(  # except BASE + (ValueError,), except cfg.ERRORS: may catch it
                (  # (as may an __exit__'s `self.quiet and kind is KeyError`: ?KeyError)
                    h
                    for h in statement.handlers
                    if any(n.startswith("?") for n in _handler_names(h.type, self.lookup) or {"?"})
                ),
                None,
            )
            if caught:  # caught when the file runs
                self.forget([problem])
            elif unread is not None and problem.certain and handler is None:
                line = getattr(unread, "lineno", None) or getattr(statement, "lineno", "?")
                why = f"whether the handler at line {line} catches it"
                kept.append(replace(problem, certain=False, depends=why))
            else:
                kept.append(problem)
        self.problems[before:] = kept
        if entry is not None and statement.handlers:
            why = f"the try at line {statement.lineno}, which may fail before or after it is bound"
            rebound = _bound_again(statement.body) if body_may_fail else set()
            for name, value in list(self.frame.names.items()):
                old = entry.get(name)
                if name in rebound and old is not value and value.kind != "unknown":
                    # bound at each step of a loop, or twice: a failure between leaves a value
                    # of the body's that is not the last one (for i in …: x[i] fails at i = 5)
                    self.frame.names[name] = unknown(why)
                    self.record(name, self.frame.names[name], None, keep=True)
                    continue
                if old is None or old is value or value.kind == "unknown":
                    continue  # (an unknown keeps its own reason)
                self.frame.names[name] = (
                    _merged(value, _same_block([old, value])) if same(old, value) else unknown(why)
                )
                self.record(name, self.frame.names[name], None, keep=True)
        with self.outside(statement):  # the else runs when no handler does
            if statement.handlers:
                handlers = [h.body for h in statement.handlers]
                ends: list[str | None] = []
                self.branches(
                    statement,
                    [statement.orelse, *handlers],
                    f"whether the try at line {statement.lineno} fails",
                    "a try/except whose outcomes give it different shapes",
                    ends,
                )
                # the else's raise or exit, and the handlers' only when the body may fail
                # as shapekit sees it (else not expected)
                found = ends if body_may_fail else ends[:1]
                self.frame.halts = self.frame.halts or next((h for h in found if h), None)
                if ends[0] is not None:  # (none of the try's handlers catches the else's)
                    self.uncaught_halts.add(id(statement))
            else:
                self.block(statement.orelse)

    def grows_the_namespace(self, statement: ast.For) -> bool:
        """``for name, value in globals().items():`` at the top of a module, binding names
        the module has not yet (its own ``name`` and ``value``): the dict grows under its
        loop, and Python's next step raises a RuntimeError (reported; True)."""
        if not self.frame.module or _loop_leaves(statement.body):
            return False
        if any(  # (sys.exit(0), a function that may exit, anywhere in the first step)
            isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and n.func.id == "print")
            for inner in statement.body
            for n in ast.walk(inner)
        ):
            return False
        iterated = statement.iter
        if isinstance(iterated, ast.Call) and isinstance(iterated.func, ast.Attribute):
            if iterated.func.attr not in ("items", "keys", "values") or iterated.args:
                return False
            iterated = iterated.func.value
        if not (
            isinstance(iterated, ast.Call)
            and isinstance(iterated.func, ast.Name)
            and iterated.func.id in ("globals", "locals", "vars")
            and not iterated.args
            and not iterated.keywords
            and self.lookup(iterated.func.id) is None  # (Python's own)
        ):
            return False
        bound = _surely_bound_each_step(statement)
        notebook = self.walker is not None and self.walker.cell is not None
        new = sorted(  # (__doc__, __name__ … are bound in every module before it runs, and
            # _, In, Out … in IPython's namespace)
            n
            for n in bound
            if n not in self.frame.names
            and not _dunder(n)
            and not (notebook and _IPYTHON_NAME.fullmatch(n))
        )
        if not new or not self.certainly_reached() or self.binds_unseen_names():
            return False  # (exec, a star import, globals().update … may have bound them)
        assert self.walker is not None  # statements run inside a cell
        self.report_here(
            statement.iter,
            f"the loop binds {', '.join(f'`{n}`' for n in new[:3])}, a name the module has not "
            f"yet, so {self.walker.source(statement.iter)} grows under its loop (Python raises "
            "a RuntimeError: dictionary changed size during iteration); loop over "
            f"list({self.walker.source(statement.iter)}) instead",
            "iterate",
            "RuntimeError",
        )
        self.frame.stopped = True
        return True

    def binds_unseen_names(self) -> bool:
        """Whether the module may have names shapekit does not see bound: ``exec``/``eval``,
        a star import, a namespace's ``update``/``setdefault``/``__setitem__``, ``setattr``
        on a module."""
        assert self.walker is not None  # statements run inside a cell
        if getattr(self, "may_exec", False):
            return True
        words = ("import *", "setattr(", "__dict__")
        if any(self.walker.holds(word) for word in words):
            return True
        # globals().update(…), or through a name bound to the namespace (g = globals()); a
        # dict's own update(…) (stats.update(n=1)) binds no name
        return any(
            self.walker.holds(w) for w in ("update(", "setdefault(", "__setitem__")
        ) and self.walker.matches(_NAMESPACE_WRITTEN)

    def aliases_of(self, names: list[str]) -> list[str]:
        """The other names that hold the same list as one of ``names``, or an array that may
        share its memory (see :func:`block_of`): a write through them changes its items."""
        held = [h for h in (self.lookup(n) for n in names) if h is not None]
        found: list[str] = []
        frames = [self.frame] if self.frame is self.module else [self.frame, self.module]
        for frame in frames:
            for other, op in frame.names.items():
                if other in names or other in found:
                    continue
                for h in held:
                    same_list = (
                        h.kind in ("list", "tuple") and bool(h.ident) and op.ident == h.ident
                    )
                    mine, theirs = block_of(h), block_of(op)
                    shared = (
                        h.kind == op.kind == "array"
                        and (op.shape != () or zero_d(op))  # (a NumPy number views nothing)
                        and (mine is None or theirs is None or mine == theirs)
                    )
                    if op is h or same_list or shared:
                        found.append(other)
                        break
        return found

    def zipped_arrays(self, made: ast.expr) -> bool:
        """Whether ``made`` is ``zip(a, b, …)`` or ``enumerate(a)`` of names each holding an
        array of one dimension (or, for zip, a list)."""
        if not (isinstance(made, ast.Call) and isinstance(made.func, ast.Name)) or made.keywords:
            return False
        given = made.args if made.func.id == "zip" else made.args[:1]
        if made.func.id == "enumerate" and len(made.args) != 1:
            return False
        # (a list written out beside them: zip(pred, [0, 1, 1]))
        given = [a for a in given if not isinstance(a, (ast.List, ast.Tuple))]
        held = [self.lookup(a.id) if isinstance(a, ast.Name) else None for a in given]
        return bool(held) and all(
            h is not None
            and (
                h.kind == "list"
                or (h.kind == "array" and h.shape is not None and len(h.shape) == 1)
            )
            for h in held
        )

    def reads_unbound(self, statement: ast.stmt) -> bool:
        """Whether ``statement`` reads a name a Jupyter kernel provides and nothing in the
        file binds (``get_ipython()``, ``display``): run by ``python``, a NameError."""
        import builtins

        return any(
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)
            and _IPYTHON_NAME.fullmatch(node.id) is not None  # (others: a certain NameError)
            and self.lookup(node.id) is None
            and not hasattr(builtins, node.id)
            for node in ast.walk(statement)
        )

    def certain_outcome(self, statement: ast.Try) -> bool:
        """Follow the body of ``statement``, and what follows it when the outcome is certain.

        A failure is certain at a refused operation evaluated whatever the values, in a
        plain statement of the body, after statements that raised nothing shapekit knows
        of. That statement changes nothing. If a handler catches the error, its problem is
        dropped and that handler alone is followed (the others and ``else`` never run); if
        none does, the problem stays and the error leaves the ``try``.

        Success is certain when every statement of the body is a plain assignment of
        names whose values are known (or a ``print`` of them): then no handler runs, and
        ``else`` is followed.

        Returns False (with the body followed as usual) when the outcome, the error's
        class, or whether a handler catches it is not known.
        """
        body = list(statement.body)
        succeeds = bool(statement.handlers)
        index = -1
        while index + 1 < len(body):
            index += 1
            child = body[index]
            if self.budget <= 0 or self.frame.stopped:
                return False
            if isinstance(child, ast.Pass):
                continue
            if isinstance(child, ast.If) and len(body) < 1_000:
                # if x.shape[1] != w.shape[0]: raise …: the branch its known test takes
                chosen = self.decided_branch(child)
                if chosen is not None:
                    body[index : index + 1] = chosen
                    index -= 1
                    continue
            if isinstance(child, (ast.Try, ast.TryStar)):  # a try inside: certain when one leaves
                start = len(self.problems)
                self.block([child])
                left, self.leaving = self.leaving, None
                if left is None or left not in self.problems[start:]:
                    if len(self.problems) > start or self.frame.stopped:
                        self.block(body[index + 1 :])
                        return False
                    succeeds = False  # it ran through, but perhaps through a handler
                    continue
                handled = self.handle(statement, left, start, None)
                if handled is None:
                    self.block(body[index + 1 :])
                    return False
                return handled
            may_fail = None
            if (
                isinstance(child, (ast.Import, ast.ImportFrom))
                and any(_catches(h.type, _CATCHING_IMPORT) for h in statement.handlers)
                and self.import_may_fail(child)
            ):  # try: import torch / except ImportError: the rest runs only if it is there
                may_fail = (
                    f"whether the import at line {child.lineno} finds what it imports",
                    "a try whose import may fail",
                )
            elif self.reads_unbound(child):  # get_ipython() run by python: a NameError
                may_fail = (
                    f"whether line {child.lineno} raises a NameError",
                    "a try whose body may fail",
                )
            if may_fail is not None:
                self.block([child])
                self.branches(child, [[], body[index + 1 :]], *may_fail)
                return False
            failing_step = self.first_step_fails(child)
            if not (isinstance(child, _TRIED) or failing_step) or (
                isinstance(child, ast.AugAssign) and not isinstance(child.target, ast.Name)
            ):  # (t[0] += [1] extends the list t[0], then fails to store it in the tuple t)
                self.block(body[index:])
                return False
            start = len(self.problems)
            names, tables = dict(self.frame.names), (dict(self.outer), dict(self.inner))
            if failing_step:  # (if it fails, its names hold its first item)
                why = f"the first item of the loop at line {child.lineno}, not followed"
                for target in ast.walk(child.target):  # type: ignore[attr-defined]
                    if isinstance(target, ast.Name):
                        names[target.id] = unknown(why)
            returned = len(self.frame.returns)
            self.journaling += 1
            self.trials += 1  # it certainly runs: journaled only to be undone if it fails
            mark = len(self.journal)
            try:
                self.block([child])
            finally:
                self.journaling -= 1
                self.trials -= 1
            new = self.problems[start:]
            if not new and self.exited is not None:  # sys.exit() no handler here catches
                if not self.journaling:
                    self.journal.clear()
                return True  # the file ends: no handler and no else runs
            if not new:
                if not self.journaling:
                    self.journal.clear()
                succeeds = succeeds and self.succeeded(child)
                if isinstance(child, ast.Return):  # it returned: neither else nor a handler
                    return succeeds
                continue
            first = self.certain_failure(child, new, failing_step)
            raised = None if first is None else _raised(first.error)
            maybe = (
                None
                if first is None or raised is None
                else self.handlers_that_may_catch(statement, raised, first)
            )
            ran = [n for n in ast.walk(child) if isinstance(n, ast.Call) and self.may_leave(n)]
            kept = self.changed_before_raising(child, names, mark) if ran and first else ([], [])
            if first is not None and maybe:  # except BASE + (ValueError,): may catch it
                self.undo(mark)
                self.frame.names = names
                self.frame.stopped = False
                del self.frame.returns[returned:]
                self.outer, self.inner = tables
                self.keep_changed(kept, f"what line {child.lineno} changed before it raised")
                self.maybe_caught(statement, first, start, new, maybe)
                return True
            if (
                first is None
                or raised is None
                or _handler_for(statement.handlers, raised, self.lookup, _own(first.error)) is None
            ):
                # not certain, or not known which handler catches it
                if not self.journaling:
                    self.journal.clear()
                self.block(body[index + 1 :])
                return False
            # the statement raised: it bound, returned and changed nothing (but what a call
            # of the file's code did before it raised: results.append(epoch), then a raise)
            self.undo(mark)
            self.frame.names = names
            self.frame.stopped = False
            del self.frame.returns[returned:]
            self.outer, self.inner = tables
            self.keep_changed(kept, f"what line {child.lineno} changed before it raised")
            return bool(self.handle(statement, first, start, new))
        if succeeds and not self.frame.stopped:  # no handler runs
            with self.outside(statement):  # what else raises, no handler of its try catches
                self.block(statement.orelse)
            return True
        return False

    def changed_before_raising(
        self, child: ast.stmt, names: dict[str, Operand], mark: int
    ) -> tuple[list[str], list[tuple[Namespace, Any]]]:
        """What ``child``, which raised after calling the file's code, changed before: the
        names holding something else than in ``names``, and the objects' attributes and
        items the journal recorded since ``mark`` (undone next)."""
        own = {
            n.id
            for n in ast.walk(child)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        declared = (  # global x in a function of the file's: the call may have set x
            {n for walker, tree in self.trees for n in _declared_globals(tree)}
            if own and self.frame.module
            else set()
        )
        changed_names = [
            n
            for n, v in self.frame.names.items()
            if names.get(n) is not v
            and (n not in own or n in declared)
            and (v.kind != "error" or n in own)
        ]  # (the statement's own targets: never bound, it raised first; nor what failed)
        spaces = []
        for space, key, _old in self.changes_since(mark).values():
            now = self.current(space, key) if key is not DYNAMIC else MISSING
            if now is not MISSING and now.kind != "error":  # (what failed was never set)
                spaces.append((space, key))
        return changed_names, spaces

    def keep_changed(self, kept: tuple[list[str], list[tuple[Namespace, Any]]], why: str) -> None:
        """What :meth:`changed_before_raising` found is unknown now (how far the call got
        before it raised is not followed)."""
        changed_names, spaces = kept
        for name in changed_names:
            self.frame.names[name] = unknown(why)
            self.record(name, self.frame.names[name], None, keep=True)
        for space, key in spaces:
            self.put(space, key, unknown(why))

    def decided_branch(self, statement: ast.If) -> list[ast.stmt] | None:
        """The statements of the branch of ``statement`` that runs, when its test calls
        nothing but ``len``/``isinstance``, binds nothing, and its truth is known; else None."""
        for node in ast.walk(statement.test):
            if isinstance(node, (ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)):
                return None
            if isinstance(node, ast.Call) and not (
                isinstance(node.func, ast.Name)
                and node.func.id in ("len", "isinstance")
                and self.lookup(node.func.id) is None
            ):
                return None
        test = self.dry_value(statement.test)
        if test.kind in ("unknown", "error") or self.truth_fails(statement.test, test, "`if`"):
            return None
        truth = self.truth_of(test)
        if truth is None:
            return None
        return list(statement.body if truth else statement.orelse)

    def first_step_fails(self, statement: ast.stmt) -> bool:
        """Whether ``statement`` is a ``for`` loop that certainly takes a step (its items
        known) and whose body's first statement, a plain one that does not read the loop's
        names, is refused as things are before the loop: the loop fails at its first step,
        having bound its names only (a try's body ends there)."""
        if not isinstance(statement, ast.For) or not statement.body:
            return False
        first = statement.body[0]
        if not isinstance(first, (ast.Assign, ast.AnnAssign, ast.Expr)) or first.value is None:
            return False
        own = {n.id for n in ast.walk(statement.target) if isinstance(n, ast.Name)}
        if any(isinstance(n, ast.Name) and n.id in own for n in ast.walk(first)):
            return False
        if not self.steps_certain(statement):
            return False
        return self.dry_value(first.value).kind == "error"

    def steps_certain(self, loop: ast.For) -> bool:
        """Whether ``loop`` certainly takes a step: its iterable has items, known (read
        without a call, or by ``range`` of what calls nothing)."""
        assert self.walker is not None  # statements run inside a cell
        iterated = loop.iter
        ranged = (
            isinstance(iterated, ast.Call)
            and isinstance(iterated.func, ast.Name)
            and iterated.func.id == "range"
            and self.lookup("range") is None
        )
        parts = iterated.args if ranged and isinstance(iterated, ast.Call) else [iterated]
        if any(isinstance(n, (ast.Call, ast.NamedExpr)) for p in parts for n in ast.walk(p)):
            return False  # (what a call gives is read once: not asked again here)
        count = length(self.walker.iterated(self.dry_value(iterated)))
        return count is not None and count > 0

    def certain_failure(
        self, child: ast.stmt, new: list[Problem], first_step: bool = False
    ) -> Problem | None:
        """The problem among ``new`` (those ``child`` gave) that certainly stops ``child``
        when it runs, with a known exception class; None when none is certain
        (``first_step``: ``child`` is a loop that fails at its first step, where its body
        starts: see :meth:`first_step_fails`)."""
        first = new[0]
        if _raised(first.error) is None or first.depends == UNDECIDED:
            return None  # (an assert that may hold: running goes on when it does)
        if first.frame is self.frame:
            if isinstance(child, (ast.For, ast.AsyncFor)):  # its items, or the names given each
                if (_fails_to_loop(child, first) and first.certain) or (
                    first_step
                    and any(n is first.node for n in ast.walk(child.body[0]))
                    and _certainly_evaluated(child.body[0], first.node)
                ):  # (the first statement of its first step: see first_step_fails)
                    return first
                return None
            return first if _certainly_evaluated(child, first.node) else None
        if isinstance(child, ast.Expr):  # a call of the file's that certainly fails, alone
            value, self.expressed = self.expressed, None
            if value is not None and value.kind == "error":
                found = next((p for p in new if p.error is value.error), None)
                if found is not None and _raised(found.error) is not None:
                    return found
            return None
        # a call of the file's that certainly fails gives its error to what it assigns
        targets = getattr(child, "targets", None) or [getattr(child, "target", None)]
        for target in targets:
            bound = self.frame.names.get(target.id) if isinstance(target, ast.Name) else None
            if bound is not None and bound.kind == "error":
                found = next((p for p in new if p.error is bound.error), None)
                if found is not None and _raised(found.error) is not None:
                    return found
        return None

    def handle(
        self, statement: ast.Try, first: Problem, start: int, new: list[Problem] | None
    ) -> bool | None:
        """The try's body certainly raised the error of the problem ``first`` (reported
        from ``start`` on): follow the handler that catches it, or let it leave the try.
        Returns None when whether a handler catches it is not known."""
        raised = _raised(first.error)
        handler = (
            None
            if raised is None
            else _handler_for(statement.handlers, raised, self.lookup, _own(first.error))
        )
        if handler is None:
            return None
        new = self.problems[start:] if new is None else new
        code = getattr(first.error, "exit_code", _NO_EXIT)
        if handler is _UNCAUGHT and code is not _NO_EXIT:
            # an exit no handler here catches: the file ends with its status (an outer try
            # may catch it still)
            self.forget(new)
            self.problems[start:] = []
            self.leaving = None
            self.frame.stopped = False
            at = first.node if isinstance(first.node, (ast.stmt, ast.Call)) else statement
            with self.outside(statement):
                self.exit_here(at, code)
            return True
        if handler is _UNCAUGHT:  # the error leaves the try (and stays a problem)
            self.forget([problem for problem in new if problem is not first])
            self.problems[start:] = [first]
            self.leaving = first
            return True
        self.forget(new)
        self.problems[start:] = []
        self.leaving = None
        self.frame.stopped = False  # the error is caught here (a try inside raised it again)
        if self.frame.module and not self.hypothetical and first.line is not None:
            # what the body assigns after the error never runs (see ProgramHost.unfollowed)
            self.caught_early.append((statement, first, handler))
        if handler.name is not None:
            self.frame.names[handler.name] = (
                caught(raised, handler.lineno)
                if raised is not None
                and _own(first.error) is None
                and not isinstance(statement, ast.TryStar)  # (except* binds a group)
                and not _finally_inside(statement)  # (a finally may raise another error)
                else unknown(
                    f"the error caught at line {handler.lineno}, which shapekit does not follow"
                )
            )
        returns, reported = len(self.frame.returns), len(self.problems)
        halts = self.frame.halts
        # what the handler raises or exits with is not caught by this try (an outer one may)
        with self.outside(statement):
            self.block(handler.body)
        if handler.name is not None and not self.frame.stopped:
            # Python deletes the name at the end of the handler: err read after it fails
            self.frame.names.pop(handler.name, None)
            if self.frame.module and not self.hypothetical:
                self.deleted[handler.name] = (len(self.trees) - 1, handler.lineno)
                self.caught_names.add(handler.name)
        if (  # raised again (a raise of another error is a problem of its own, or unknown)
            self.frame.stopped
            and self.exited is None  # not sys.exit(0) in the handler: the file ends there
            and self.frame.jump is None  # not a break or continue
            and len(self.frame.returns) == returns
            and len(self.problems) == reported
            and not _raises_another(handler)
        ):
            self.problems.insert(start, first)
            self.seen.add((first.cell, first.line, first.column))
            self.leaving = first
        elif (
            not self.frame.stopped
            and self.frame.halts != halts
            and len(self.problems) == reported
            and _may_raise_it_again(handler)
        ):  # except ValueError: if attempt == 3: raise: the error may leave the try after all
            why = f"whether the handler at line {handler.lineno} raises it again"
            self.problems.insert(start, replace(first, certain=False, depends=why))
            self.seen.add((first.cell, first.line, first.column))
        return True

    def handlers_that_may_catch(
        self, statement: ast.Try, raised: str, first: Problem
    ) -> list[ast.ExceptHandler]:
        """The handlers that may catch the error ``raised``, when one written as an expression
        shapekit does not read (``except BASE + (ValueError,)``, ``except errs()``) comes
        before any that certainly does; else none (the handler is known, or the class)."""
        found: list[ast.ExceptHandler] = []
        for handler in statement.handlers:
            caught = _handler_for([handler], raised, self.lookup, _own(first.error))
            if caught is not None and caught is not _UNCAUGHT:
                return [*found, handler] if found else []
            if _handler_names(handler.type, self.lookup) is None:
                found.append(handler)
            elif caught is None:
                return []  # a class not known: not said here
        return found

    def maybe_caught(
        self,
        statement: ast.Try,
        first: Problem,
        start: int,
        new: list[Problem],
        handlers: list[ast.ExceptHandler],
    ) -> None:
        """The try's body certainly raised the error of ``first``, which ``handlers`` may
        catch or not: the file stops there (a possible problem), or one of them runs from
        where the body stopped."""
        self.forget(new)  # (met again, in a loop's next step, it fails again)
        lines = ", ".join(str(getattr(h, "lineno", statement.lineno)) for h in handlers)
        why = f"whether the handler at line {lines} catches it"
        place = (first.cell, first.line, first.column)
        said = any((p.cell, p.line, p.column) == place for p in self.problems[:start])
        self.problems[start:] = [] if said else [replace(first, certain=False, depends=why)]
        self.leaving = None
        for handler in handlers:
            if handler.name is not None:
                self.frame.names[handler.name] = unknown(
                    f"the error perhaps caught at line {handler.lineno}, not followed"
                )
        with self.outside(statement):
            self.branches(statement, [h.body for h in handlers], why, "a handler that may not run")

    def forget(self, problems: list[Problem]) -> None:
        """Problems that running the file does not meet (caught, or after the error that
        leaves the try): they may be reported again elsewhere, and the call goes on."""
        for problem in problems:
            self.seen.discard((problem.cell, problem.line, problem.column))
            if self.frame.raised is problem.error:
                self.frame.raised = None

    def dry_value(self, node: ast.expr) -> Operand:
        """The operand of ``node`` now, evaluated without reporting anything."""
        assert self.walker is not None  # statements run inside a cell
        return Walker(self.walker.text, self, self.walker.cell, dry=True).evaluate(node)

    def raising_floats(self) -> bool:
        """Whether the file may make NumPy raise on floating-point errors (``np.seterr``,
        ``np.errstate``, warnings made errors): then arithmetic may raise for its values."""
        return any(
            "seterr" in walker.text
            or "errstate" in walker.text
            or "simplefilter" in walker.text
            or "filterwarnings" in walker.text
            or "-W error" in walker.text
            for walker, _tree in self.trees
        )

    def kind_of(self, node: ast.expr) -> str | None:
        """The kind of operand ``node`` gives now, evaluated without reporting anything."""
        return self.dry_value(node).kind

    def succeeded(self, statement: ast.stmt) -> bool:
        """Whether ``statement``, followed without a problem, certainly raised nothing: it
        binds only names, to values shapekit knows, or prints names and numbers, and it
        calls nothing and divides by nothing that may raise for some values (a division by
        a name may divide by zero, ``np.linalg.inv`` may meet a singular matrix …)."""
        if isinstance(statement, (ast.Import, ast.ImportFrom)):  # import numpy.linalg as la
            return not self.import_may_fail(statement)
        if isinstance(statement, (ast.Raise, ast.Assert)) or not _safe(
            statement, self.frame.names, self.kind_of
        ):
            return False  # (a raise that raised nothing known: caught, an exit …)
        for node in ast.walk(statement):  # print(n), m = [n]: n may not be bound yet
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                found = self.lookup(node.id)
                if found is None and not hasattr(builtins, node.id):
                    return False
                if found is not None and found.kind == "unknown" and found.name == "unbound":
                    return False
        if self.raising_floats() and any(
            isinstance(n, (ast.BinOp, ast.Call, ast.AugAssign)) for n in ast.walk(statement)
        ):
            return False  # np.seterr(divide="raise"): a division by zero raises
        if isinstance(statement, ast.Return):  # what it returns was followed without a problem
            return statement.value is None or self.kind_of(statement.value) not in (
                "unknown", "error", None)  # fmt: skip
        if isinstance(statement, ast.Expr):
            value = statement.value
            if isinstance(value, ast.Constant):
                return True
            return (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "print"
                and not any(isinstance(n, ast.Call) for a in value.args for n in ast.walk(a))
            )
        targets = (
            statement.targets if isinstance(statement, ast.Assign) else [statement.target]  # type: ignore[attr-defined]
        )
        parts: list[ast.expr] = []
        for target in targets:
            parts.extend(target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target])
        for part in parts:
            if isinstance(part, ast.Name):
                bound = self.frame.names.get(part.id)
                if bound is None or bound.kind in ("unknown", "error"):
                    return False
                if bound.kind == "array" and bound.shape and size(bound.shape) > _LARGEST_ARRAY:
                    return False  # np.ones(2 ** 34): more memory than a machine may give
                if bound.kind == "array" and bound.dtype == "x":
                    return False  # of text or objects: what NumPy refuses of it is not followed
            elif isinstance(part, ast.Subscript):  # its fit was checked: known parts
                if self.kind_of(part.value) not in ("array", "list", "dict"):
                    return False
                if self.kind_of(part.slice) in ("unknown", "error"):
                    return False
            else:
                return False
        given = getattr(statement, "value", None)
        return not any(isinstance(p, ast.Subscript) for p in parts) or (
            given is not None and self.kind_of(given) not in ("unknown", "error", None)
        )

    def _FunctionDef(self, statement: ast.FunctionDef) -> None:
        assert self.walker is not None  # statements run inside a cell
        defaults = tuple(self.evaluate(d) for d in statement.args.defaults)
        arguments = statement.args
        for default in arguments.kw_defaults:  # (evaluated when the def runs, too)
            if default is not None:
                self.evaluate(default)
        self.annotations(  # evaluated when the def runs (unless the file defers them)
            [
                *(a.annotation for a in (*arguments.posonlyargs, *arguments.args)),
                *(a.annotation for a in (arguments.vararg, *arguments.kwonlyargs, arguments.kwarg)
                  if a is not None),
                statement.returns,
            ]
        )  # fmt: skip
        if self.frame.class_body:
            self.frame.names[statement.name] = self.method(statement, defaults)
            return
        closure = None
        if not self.frame.module:  # a function defined in a call sees that call's names
            closure = Enclosing(self.frame)
        info = FunctionInfo(statement, self.walker, defaults, closure=closure)
        if any(d.kind == "list" for d in defaults):
            self.list_defaults.append(info)
        function = Operand("userfunc", name=statement.name, value=info)
        self.frame.names[statement.name] = self.decorated(statement, function)
        if self.frame.module:
            self.functions.append(function)

    def decorated(self, statement: ast.FunctionDef, function: Operand) -> Operand:
        """What the name of a decorated function is bound to: each decorator (the nearest
        first) called with the function, as Python does; a decorator of the file's own is
        followed, ``functools.wraps(...)`` changes nothing shapekit follows, and any other
        makes the name unknown (it may return another function altogether)."""
        for decorator in reversed(statement.decorator_list):
            if _is_wraps(decorator):
                continue
            if function.kind == "userfunc" and self._caches(decorator):
                # the same function, whose results are kept: a call gives what the body
                # returns (the first time; a list kept is then shared) and needs arguments
                # it can hash
                text = ast.unparse(decorator)
                function = replace(function, value=replace(function.value, cached=text))
                continue
            maker = self.evaluate(decorator)
            if (
                maker.kind == "function"
                and maker.name == "numpy.vectorize"
                and function.kind in ("userfunc", "partial")
            ):  # @np.vectorize: as np.vectorize(f), the function called on each element
                function = Operand("vectorized", name=function.name, value=function)
                continue
            if maker.kind not in ("userfunc", "class") or self.hypothetical:
                where = f"line {decorator.lineno}"
                made = unknown(
                    f"the function `{statement.name}` decorated with "
                    f"`@{ast.unparse(decorator)}` at {where}, which shapekit does not follow"
                )
                self.behind_decorators = True  # (its calls may write: see ran_unfollowed)
                return replace(made, name="decorated", node=statement)
            call = ast.copy_location(ast.Call(func=decorator, args=[], keywords=[]), decorator)
            function = self.call(maker, [function], {}, call)
        return function

    def _caches(self, decorator: ast.expr) -> bool:
        """Whether ``decorator`` is ``functools.cache``, ``functools.lru_cache`` or
        ``lru_cache(maxsize=…)`` (with a whole number or None, and ``typed``)."""
        called = isinstance(decorator, ast.Call)
        written = decorator.func if isinstance(decorator, ast.Call) else decorator
        if not isinstance(written, (ast.Name, ast.Attribute)):
            return False
        made = self.evaluate(written)
        if made.kind != "function" or made.name not in ("functools.cache", "functools.lru_cache"):
            return False
        if not called:
            return True
        assert isinstance(decorator, ast.Call)
        if made.name == "functools.cache" or len(decorator.args) > 2:
            return False  # cache() with no function is Python's TypeError: not followed
        given = [*decorator.args, *(k.value for k in decorator.keywords)]
        if any(k.arg not in ("maxsize", "typed") for k in decorator.keywords):
            return False
        maxsize = (
            decorator.args[0]
            if decorator.args
            else next((k.value for k in decorator.keywords if k.arg == "maxsize"), None)
        )
        return all(isinstance(g, ast.Constant) for g in given) and (
            maxsize is None or type(maxsize.value) in (int, type(None))  # type: ignore[attr-defined]
        )

    def _AsyncFunctionDef(self, statement: ast.AsyncFunctionDef) -> None:
        # its def kept: a call of it runs its body where shapekit does not follow it (once
        # awaited, or handed to asyncio)
        self.frame.names[statement.name] = replace(
            unknown(f"the async function `{statement.name}`"), name="decorated", node=statement
        )

    def imports_itself(
        self,
        module: str,
        statement: ast.Import | ast.ImportFrom,
        aliases: list[ast.alias] | None = None,
    ) -> bool:
        """Whether ``import logging`` is written in the checked file ``logging.py``: Python
        looks in the file's folder first, so it imports the file itself (run again as a
        module, up to this import), not its own module (unless Python had loaded it before
        the file ran): what it binds is not known, and reading from it may fail, reported
        as possible at the import."""
        top = module.split(".")[0]
        if (
            not self.file
            or not str(self.file).endswith(".py")
            or self.imported_by
            or top != os.path.splitext(os.path.basename(self.file))[0]
            or top in sys.builtin_module_names
            or top in _STARTUP_MODULES
        ):
            return False
        why = (
            f"`{top}` imported at line {statement.lineno} in the file {top}.py itself, which "
            f"Python imports in place of the module {top} (a file's own folder comes first)"
        )
        self.report_here(
            statement,
            f"this file is named {top}.py, so `import {top}` imports this very file (run again "
            f"as the module {top}, up to this line), not Python's module {top}: what it reads "
            f"from it may be missing (Python raises an AttributeError or ImportError then); "
            "rename the file",
            "import",
            "AttributeError",
            depends=UNDECIDED,  # (whether the file has what is read from it)
        )
        for alias in statement.names if aliases is None else aliases:
            if alias.name != "*":
                name = alias.asname or alias.name.split(".")[0]
                self.frame.names[name] = unknown(why)
                self.record(name, self.frame.names[name], statement)
        return True

    def shadowed(self, module: str, statement: ast.Import | ast.ImportFrom) -> bool:
        """Whether ``import module`` (a library shapekit follows: NumPy, math, json …) finds a
        file of that name beside the checked file (``numpy.py``), which Python imports in its
        place: then what it binds is unknown, with the reason."""
        top = module.split(".")[0]
        if not self.file or not (top in _FOLLOWED_LIBRARIES or top in STDLIB_MODULES):
            return False
        beside = _shadowing(os.path.dirname(self.file) or ".")
        needed = sorted(beside & _NUMPY_NEEDS) if top == "numpy" else []
        if top not in beside and not needed:
            return False
        why = (
            f"`{top}` imported at line {statement.lineno}, which is the file {top}.py beside the "
            f"checked file: Python imports it in place of the library"
            if top in beside
            else f"`{top}` imported at line {statement.lineno}: the file {needed[0]}.py beside "
            f"the checked file is imported in place of Python's module {needed[0]}, which "
            "NumPy uses, so NumPy may fail when it runs"
        )
        for alias in statement.names:
            if alias.name != "*":
                name = alias.asname or alias.name.split(".")[0]
                self.frame.names[name] = unknown(why)
                self.record(name, self.frame.names[name], statement)
        return True

    def _Import(self, statement: ast.Import) -> None:
        with self.global_imports(statement):
            self.import_names(statement)

    def _ImportFrom(self, statement: ast.ImportFrom) -> None:
        with self.global_imports(statement):
            self.import_from(statement)

    @contextmanager
    def global_imports(self, statement: ast.Import | ast.ImportFrom) -> Iterator[None]:
        """An import in a function whose names it declares ``global`` (``global np`` then
        ``import numpy.linalg as np``): it binds the module's names, not the call's."""
        declared = (
            set()
            if self.frame.module
            else {
                alias.asname or alias.name.split(".")[0]
                for alias in statement.names
                if alias.name != "*"
            }
            & set(self.frame.globals)
        )
        before = {name: self.frame.names.get(name) for name in declared}
        try:
            yield
        finally:
            for name in declared:
                value = self.frame.names.get(name)
                if value is not None and value is not before[name]:
                    self.module.names[name] = value
                    if before[name] is None:
                        del self.frame.names[name]
                    else:
                        self.frame.names[name] = before[name]  # type: ignore[assignment]

    def import_names(self, statement: ast.Import) -> None:
        for alias in statement.names:
            alone = ast.Import(names=[alias], lineno=statement.lineno)
            if self.imports_itself(alias.name, statement, [alias]) or self.shadowed(
                alias.name, alone
            ):
                continue
            if alias.name == "numpy" or alias.name.startswith("numpy."):
                module = alias.name if alias.asname else "numpy"
                name = alias.asname or "numpy"
                self.frame.names[name] = Operand("module", name=module)
                if module == "numpy":
                    self.numpy = name
            elif alias.name in ("json", "math") or alias.name in STDLIB_MODULES:
                self.frame.names[alias.asname or alias.name] = Operand("module", name=alias.name)
            elif self.no_such_module(alias.name, statement):
                return
            elif "." not in alias.name and isinstance(
                found := self.own_module(alias.name, statement), Module
            ):  # import data (beside the file): data.inputs is read from it
                name = alias.asname or alias.name
                self.frame.names[name] = Operand("module", name=alias.name, value=found)
            elif "." not in alias.name and isinstance(found, str):
                # a module beside the file that is not followed (csv.py, which may or may not
                # be what Python imports): not Python's own either
                self.frame.names[alias.asname or alias.name] = unknown(found)
            else:
                name = alias.asname or alias.name.split(".")[0]
                module = alias.name if alias.asname else alias.name.split(".")[0]
                self.frame.names[name] = replace(
                    unknown(f"the module `{alias.name}`, which shapekit does not follow"),
                    name=module,  # sys.exit() is known by it (see _exits)
                )

    def import_from(self, statement: ast.ImportFrom) -> None:
        module = statement.module or ""
        if not statement.level and (
            self.imports_itself(module, statement) or self.shadowed(module, statement)
        ):
            return
        # a relative import (from .ops import dense) names a module of the file's packages,
        # never a library: `lib` is what the libraries' names are matched against
        lib = "." * statement.level + module
        for alias in statement.names:
            name = alias.asname or alias.name
            full = f"{module}.{alias.name}"
            lib_full = f"{lib}.{alias.name}"
            if alias.name == "*" and not statement.level:
                self.star_rebinds(lib, statement)  # e = 3; from numpy import *: NumPy's e
            if lib in ("numpy", "numpy.random") and alias.name == "*":
                prefix = "" if module == "numpy" else "random."
                for known in KNOWN_FUNCTIONS:
                    if known.startswith(prefix) and "." not in known.removeprefix(prefix):
                        self.frame.names[known.removeprefix(prefix)] = Operand(
                            "function", name=f"numpy.{known}"
                        )
            elif lib == "numpy" and alias.name in ("random", "linalg", "testing"):
                self.frame.names[name] = Operand("module", name=full)
            elif lib == "numpy" and alias.name in ("seterr", "errstate"):
                # from numpy import seterr: NumPy's floating-point settings, by that name too
                self.frame.names[name] = Operand("function", name=full)
            elif (
                (lib in _NUMPY_MODULES and full.removeprefix("numpy.") in KNOWN_FUNCTIONS)
                or lib_full in DATA_FUNCTIONS
                or (lib == "math" and alias.name in MATH_FUNCTIONS)
                or lib_full in STDLIB_FUNCTIONS
                or lib_full in OS_PATH_FUNCTIONS  # from os.path import join
            ):
                self.frame.names[name] = Operand("function", name=full)
            elif lib in ("numpy", "math") and (full in CONSTANTS or alias.name == "newaxis"):
                self.frame.names[name] = (
                    from_python(None) if alias.name == "newaxis" else number(CONSTANTS[full])
                )
            elif self.no_such_module(module, statement):
                return
            elif (found := self.own_module(module, statement)) is not None:
                # a module written beside the file (from data import inputs): followed
                if alias.name == "*" and isinstance(found, Module) and found.exports_unknown:
                    for each in found.values:  # its __all__ is not followed: may be any
                        if not each.startswith("_"):
                            self.bind_imported(
                                each,
                                unknown(
                                    f"`{each}`, which `from {module} import *` at line "
                                    f"{statement.lineno} may or may not bind (its __all__ is "
                                    "not followed)"
                                ),
                                statement,
                            )
                    continue
                if alias.name == "*" and isinstance(found, Module):
                    for each, value in found.values.items():
                        if (
                            not each.startswith("_")
                            if found.exported is None
                            else each in found.exported
                        ):  # its __all__, when it has one
                            self.bind_imported(each, value, statement)
                    continue
                if (
                    isinstance(found, Module)
                    and found.bound is not None
                    and alias.name not in found.bound
                    and alias.name != "*"
                    and (sub := self.own_module(full, statement)) is not None
                ):  # from pkg import layers: pkg/layers.py, imported as Python then does
                    self.frame.names[name] = (
                        Operand("module", name=full, value=sub)
                        if isinstance(sub, Module)
                        else unknown(f"the module `{full}` at line {statement.lineno}: {sub}")
                    )
                    continue
                if (
                    isinstance(found, Module)
                    and found.bound is not None
                    and alias.name not in found.bound
                    and alias.name != "*"
                ):
                    self.import_fails(statement)
                    self.report_here(
                        statement,
                        f"cannot import name '{alias.name}' from '{module}': {found.shown} "
                        "does not define it (Python raises an ImportError)",
                        "import",
                        "ImportError",
                    )
                    return
                self.bind_imported(name, imported(found, alias.name, statement.lineno), statement)
            elif (
                not statement.level
                and (lacking := stdlib_import_lacks(module, alias.name)) is not None
                and not self.reroutes_imports()
                and not self.sets_attribute(alias.name)
            ):  # from itertools import batched (Python 3.11)
                self.import_fails(statement)
                self.report_here(statement, lacking, "import", "ImportError")
                return
            else:
                self.frame.names[name] = replace(
                    unknown(
                        f"`{alias.name}`, imported from `{module}` at line {statement.lineno}, "
                        "which shapekit does not follow"
                    ),
                    name=full,  # from sys import exit: known by it (see _exits)
                )
                if not module.startswith(("numpy", "sys", "os")):
                    # from data import weights (a module found elsewhere when it runs): the
                    # variable is there, and unknown, not missing
                    self.record(name, self.frame.names[name], statement)

    def star_rebinds(self, lib: str, statement: ast.ImportFrom) -> None:
        """``from numpy import *`` (or math's, or numpy.linalg's …) rebinds every public name
        of the library, those the file bound before included: the names the file holds that
        it exports are the library's now (NumPy's and math's constants known, others not)."""
        import importlib

        top = lib.split(".")[0]
        if top != "numpy" and top not in STDLIB_MODULES and top not in _PLAIN_LIBRARIES:
            return
        if lib not in _STAR_IMPORTABLE:  # (importing another runs its code: never done)
            for held in list(self.frame.names):
                if self.frame.names[held].kind != "module":
                    self.frame.names[held] = unknown(
                        f"`{held}`, which `from {lib} import *` at line {statement.lineno} "
                        "may rebind"
                    )
            return
        try:
            found = importlib.import_module(lib)
        except Exception:  # (not importable here: what it binds is not known)
            return
        exported = getattr(found, "__all__", None)
        names = (
            set(exported)
            if isinstance(exported, (list, tuple))
            else {n for n in dir(found) if not n.startswith("_")}
        )
        for held in list(self.frame.names):
            if held not in names:
                continue
            if f"{lib}.{held}" in CONSTANTS:
                self.frame.names[held] = number(CONSTANTS[f"{lib}.{held}"])
            elif lib == "numpy" and held == "newaxis":
                self.frame.names[held] = from_python(None)
            else:
                self.frame.names[held] = unknown(
                    f"`{held}`, which `from {lib} import *` at line {statement.lineno} rebinds"
                )

    def sets_attribute(self, name: str) -> bool:
        """Whether the file (any cell so far) or a module of its own it imported may set an
        attribute ``name`` on some object (``string.N = 3``, ``setattr(m, "N", 4)``, through
        ``__dict__``). Asked again with the same cells and modules, the same answer (a big
        file reads attributes thousands of times: each read walked every tree)."""
        key = (name, len(self.trees), len(self.modules))
        kept = self.__dict__.setdefault("attributes_set", {})
        if key not in kept:
            kept[key] = self._sets_attribute(name)
        return bool(kept[key])

    def _sets_attribute(self, name: str) -> bool:
        pattern = re.compile(
            rf"\.\s*{re.escape(name)}\s*=(?!=)|setattr(?:__)?\s*\(|__dict__|\bvars\s*\("
        )
        trees = list(self.trees)
        for module in self.modules.values():  # a module of the file's it imports (a polyfill)
            trees.extend(getattr(getattr(module, "host", None), "trees", ()))
        if any(pattern.search(walker.text) for walker, _tree in trees):
            return True
        # a module shapekit did not follow may set it too (a package's submodule)
        folder = os.path.dirname(os.path.abspath(self.search_file or "."))
        packages = {
            (alias.name if isinstance(node, ast.Import) else node.module or "").split(".")[0]
            for _walker, tree in self.trees
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        }
        return any(
            _folder_sets(os.path.join(folder, package), pattern)
            for package in sorted(packages)
            if package and os.path.isdir(os.path.join(folder, package))
        )

    def no_such_module(self, module: str, statement: ast.Import | ast.ImportFrom) -> bool:
        """Report Python's ModuleNotFoundError for a module name one slip from the file's
        own module or from NumPy (``from dataa import …``, ``import nunpy``); whether it
        did."""
        if isinstance(statement, ast.ImportFrom) and statement.level:
            return False
        meant = slipped_module(self.search_file, module)
        if meant is None or self.reroutes_imports():  # (looked for where its changes point)
            return False
        self.import_fails(statement)
        self.report_here(
            statement,
            f"there is no module named '{module}' (Python raises a ModuleNotFoundError); "
            f"did you mean `{meant}`?",
            "import",
            "ModuleNotFoundError",
        )
        return True

    def import_fails(self, statement: ast.Import | ast.ImportFrom) -> None:
        """The names an import that fails would bind are unknown, not unbound: what reads
        them after it is not said to fail too (a NameError)."""
        for alias in statement.names:
            if alias.name != "*":
                name = alias.asname or alias.name.split(".")[0]
                self.frame.names[name] = unknown(
                    f"`{name}`, whose import at line {statement.lineno} fails"
                )

    def import_may_fail(self, statement: ast.Import | ast.ImportFrom) -> bool:
        """Whether ``statement`` may raise an ImportError: it imports a module that is not
        Python's own, NumPy or one written beside the file, or a name such a module may lack;
        or a file beside the checked one takes the place of NumPy or of Python's module (it
        may raise anything)."""
        names = (
            [statement.module or ""]
            if isinstance(statement, ast.ImportFrom)
            else [a.name for a in statement.names]
        )
        beside = _shadowing(os.path.dirname(self.file) or ".") if self.file else frozenset()
        if any(n.split(".")[0] in beside for n in names) or (
            beside & _NUMPY_NEEDS and any(n.split(".")[0] == "numpy" for n in names)
        ):
            return True
        if isinstance(statement, ast.ImportFrom):
            module = statement.module or ""
            if statement.level or (self.file and module_path(self.search_file, module) is not None):
                return True  # (the file's own modules: the names they bind are not checked)
            loaded = sys.modules.get(module)
            top = module.split(".")[0]
            if loaded is None or not (top == "numpy" or top in sys.stdlib_module_names):
                return True
            return not all(a.name == "*" or hasattr(loaded, a.name) for a in statement.names)
        for alias in statement.names:
            top = alias.name.split(".")[0]
            if top == "numpy":
                if alias.name not in ("numpy", *(f"numpy.{m}" for m in _NUMPY_SUBMODULES)):
                    return True
            elif top not in sys.stdlib_module_names and not (
                self.file and module_path(self.search_file, alias.name) is not None
            ):
                return True
        return False

    def own_module(
        self, module: str, statement: ast.Import | ast.ImportFrom
    ) -> Module | str | None:
        """What a module written beside the file ends with (its names' values, or why they
        are not known); None when the module is not one of the file's own."""
        if not module:
            return None
        level = statement.level if isinstance(statement, ast.ImportFrom) else 0
        top = module.split(".")[0]
        if not level and top in sys.stdlib_module_names:  # import time, with a time.py beside
            if top in sys.builtin_module_names or top in _STARTUP_MODULES:
                return None  # Python's own: in place before the file's folder is looked in
            if module_path(self.search_file, module) is not None:
                return (
                    f"`{module}`, which is Python's own module or the file beside the checked "
                    "file, depending on whether Python loaded it before running the file"
                )
            return None

        path = (
            module_path(self.search_file, module)
            if not level
            else self.relative_path(module, level)
        )
        if path is None:
            return None
        if self.reroutes_imports():
            # sys.path.insert(0, "src"), sys.modules["cfg"] = …, builtins.N = 4: Python may
            # find another module of that name first, or the module may read what it set
            return (
                f"`{module}`, imported by a file that changes where Python finds modules or "
                "what they see (sys.path, sys.modules, builtins …)"
            )
        if level:  # the module's own name: from .ops import dense in nnlib is nnlib.ops
            package = self.package_name(level)
            module = f"{package}.{module}" if package else module
        # the files whose imports led here, this one last (resolved only for a file that
        # imports one of its own modules: most never do)
        importing = (
            (*self.imported_by, os.path.realpath(self.file)) if self.file else self.imported_by
        )
        if path in importing:  # where its imports start: a cycle
            return f"`{module}`, which imports the file that imports it (a cycle)"
        if len(importing) >= MAX_IMPORT_DEPTH:
            return f"`{module}`, imported more than {MAX_IMPORT_DEPTH} modules deep"
        if path not in self.modules:  # followed once for the whole check (see _modules)
            self.modules[path] = module_names(path, module, importing, self.modules)
        found: Module | str = self.modules[path]
        if isinstance(found, Reaching):  # any of this file's names may be bound by it
            self.reached = True
            self.libraries_patched = self.libraries_patched or found.patches
            self.builtins_replaced = self.builtins_replaced or found.replaces_builtins
            if not self.hypothetical:  # (import __main__; __main__.N = 5)
                why = f"a name that importing `{module}` may change, which shapekit does not follow"
                for each, value in list(self.module.names.items()):
                    if value.kind != "module":
                        self.set_in(self.module, each, unknown(why))
        if isinstance(found, Exiting):  # import helper runs helper.py, which ends with sys.exit(0)
            self.exit_here(statement, None)
        if isinstance(found, Failing):  # import helper runs helper.py, which raises
            self.report_here(
                statement,
                f"importing {module} runs {os.path.basename(path)}, which fails at its line "
                f"{found.line}: {found.problem}",
                "import",
                found.raises,
            )
        return found

    def python_module(self, node: ast.Call) -> Operand | None:
        """What ``__import__("sys")`` or ``importlib.import_module("os")`` gives when it is
        Python's own module (one no file beside the checked one can take the place of): the
        module known by its name, as ``import sys`` binds it (``__import__("sys").exit()``
        ends the program); None for any other call."""
        named = getattr(node.args[0], "value", None) if len(node.args) == 1 else None
        if not isinstance(named, str) or node.keywords:
            return None  # (__import__("os", fromlist=…) gives the submodule)
        func = node.func
        if isinstance(func, ast.Name):
            bound = self.lookup(func.id)
            if func.id == "__import__" and bound is None:
                whole = False  # __import__("os.path") gives os
            elif bound is not None and bound.name == "importlib.import_module":
                whole = True
            else:
                return None
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            bound = self.lookup(func.value.id)
            if not (
                func.attr == "import_module"
                and bound is not None
                and bound.kind == "unknown"
                and bound.name == "importlib"
            ):
                return None
            whole = True
        else:
            return None
        top = named.split(".")[0]
        beside = bool(self.file) and module_path(self.search_file, top) is not None
        if beside and top not in sys.builtin_module_names and top not in _STARTUP_MODULES:
            # the file beside the checked one (json.py): its code runs, and may exit
            self.may_halt(node, f"whether the module `{top}` imported at line {node.lineno} exits")
            return unknown(
                f"the module `{top}` imported at line {node.lineno}, which is the file {top}.py "
                "beside the checked file"
            )
        if not (
            top in sys.builtin_module_names
            or top in _STARTUP_MODULES
            or (top in sys.stdlib_module_names and not beside and not self.reroutes_imports())
        ):
            return None
        module = named if whole else top
        if module in ("json", "math") or module in STDLIB_MODULES:  # as _Import binds it
            return Operand("module", name=module)
        return replace(
            unknown(f"the module `{module}`, which shapekit does not follow"), name=module
        )

    def reroutes_imports(self) -> bool:
        """Whether the file (any cell so far) changes where Python finds its modules or
        what they see when they run: ``sys.path`` (also as ``from sys import path``),
        ``sys.modules``, ``importlib``, ``builtins``, ``np.N = 4`` … (see
        :data:`~shapekit.engine._modules.REACHING`)."""
        if self.moved or self.reached:  # os.chdir("lib"), %cd lib; a module that reached out
            return True
        return any(walker.matches(REACHING) for walker, _tree in self.trees)

    @property
    def search_file(self) -> str | None:
        """The file whose folder Python looks in for an absolute import: the file checked's
        (``sys.path[0]`` when it runs), also in a module of its packages (``import init``
        in ``mynn/layers.py`` is not ``mynn/init.py``)."""
        return self.imported_by[0] if self.imported_by else self.file

    def package_name(self, level: int) -> str | None:
        """The package a relative import of ``level`` dots names, in a module of the file's
        own packages (``nnlib.ops`` importing ``from . import``: ``nnlib``); None in the file
        checked (Python's ImportError: no known parent package) or past the top package."""
        name = getattr(self, "module_name", "__main__")
        if not self.file or name == "__main__":
            return None
        is_package = os.path.basename(self.file) == "__init__.py"
        parts = name.split(".") if is_package else name.split(".")[:-1]
        if not parts or level - 1 >= len(parts):
            return None
        return ".".join(parts[: len(parts) - (level - 1)])

    def relative_path(self, module: str, level: int) -> str | None:
        """The file of ``from .module import …`` (``level`` dots) in a package of the file's
        own, within the folder of the file checked; None when there is none."""
        if self.file is None or self.package_name(level) is None:
            return None
        folder = os.path.dirname(os.path.realpath(self.file))
        for _ in range(level - 1):
            folder = os.path.dirname(folder)
        top = self.imported_by[0] if self.imported_by else self.file
        root = os.path.dirname(os.path.realpath(top))
        if folder != root and not folder.startswith(root + os.sep):
            return None
        return module_path(os.path.join(folder, "__init__.py"), module)

    def bind_imported(self, name: str, value: Operand, statement: ast.ImportFrom) -> None:
        """A name an import binds: a variable of the file, as an assignment makes one."""
        self.frame.names[name] = value
        self.record(name, value, statement)

    def _Delete(self, statement: ast.Delete) -> None:
        for target in statement.targets:
            if isinstance(target, ast.Name):
                # `global x` then `del x` in a call removes the module's x
                frame = self.module if target.id in self.frame.globals else self.frame
                if target.id not in frame.names:  # del y, y never bound: Python's NameError
                    self.evaluate(ast.copy_location(ast.Name(target.id, ast.Load()), target))
                frame.names.pop(target.id, None)
                if frame.module and not self.hypothetical:
                    self.deleted[target.id] = (len(self.trees) - 1, statement.lineno)
                    self.caught_names.discard(target.id)
            elif isinstance(target, (ast.Attribute, ast.Subscript)):
                if isinstance(target, ast.Attribute):
                    self.deleter_runs(target)
                self.delete_part(target)

    def deleter_runs(self, target: ast.Attribute) -> None:
        """``del a.p`` where the class of ``a`` makes ``p`` with code (a property's deleter,
        a descriptor, ``__delattr__``): that code runs, not followed, and may change what it
        reads and the object."""
        assert self.walker is not None  # statements run inside a cell
        if any(isinstance(n, ast.Call) for n in ast.walk(target.value)):
            return  # (evaluated once, by the deletion itself)
        base = self.walker.evaluate(target.value)
        space = base.value if base.kind == "instance" else None
        cls = getattr(space, "cls", None)
        if cls is None:
            return
        found = cls.lookup(target.attr)
        special = cls.lookup("__delattr__")
        if found is None and special is None:
            return
        if special is None and found is not None and found.kind not in ("unknown", "property"):
            return
        why = f"`del {self.walker.short(target)}` at line {target.lineno}"
        for fdef in ast.walk(cls.node):
            if isinstance(fdef, ast.FunctionDef) and fdef.name in (target.attr, "__delattr__"):
                self.ran_unfollowed(fdef, why)
        self.escape([base], why)

    def _Assert(self, statement: ast.Assert) -> None:
        before = len(self.problems)
        test = self.evaluate(jumping(statement.test))
        if self.truth_fails(statement.test, test, "`assert`"):
            return
        truth = self.truth_of(test)
        if (
            truth is None
            and not self.hypothetical
            and self.exited is None
            and len(self.problems) == before  # (its test's own failure is said already)
            and test.kind != "error"
        ):
            # assert np.allclose(p.sum(axis=1), 1) of random draws: it may fail, which only
            # running tells (the message says it)
            assert self.walker is not None  # statements run inside a cell
            self.report_here(
                _where_assert_raises(statement),
                f"assert {self.walker.source(statement.test)} may fail: whether it holds "
                "depends on values shapekit does not know without running the file (Python "
                "raises an AssertionError if it does not)",
                "assert",
                "AssertionError",
                depends=UNDECIDED,
            )
            # running may stop here: what follows is not certain to run
            self.may_halt(
                statement,
                f"whether the assert at line {statement.lineno} holds",
                "AssertionError",  # (a handler of it lets running go on)
            )
            return
        if truth is not False:
            return
        if isinstance(statement.test, ast.Constant) and not self.certainly_reached():
            return  # `assert False`, written to stop where the code should never get
        assert self.walker is not None  # statements run inside a cell
        said = ""
        if statement.msg is not None:
            text = self.evaluate(statement.msg)
            if self.exited is not None:  # assert False, sys.exit(): the message exits first
                return
            said = f" with the message {text.value!r}" if isinstance(text.value, str) else ""
        message = (
            f"assert {self.walker.source(statement.test)} fails: it is False when the file "
            f"runs, so Python raises an AssertionError{said}"
        )
        error = self.report_here(
            _where_assert_raises(statement), message, "assert", "AssertionError"
        )
        if self.certainly_reached():  # certainly raised (not in a branch …)
            self.frame.raised = error
            if not self.frame.module:  # the call ends here (its caller gets the error)
                self.frame.stopped = True

    def _Pass(self, statement: ast.stmt) -> None:
        return

    def _Global(self, statement: ast.Global) -> None:
        if not self.frame.module:
            self.frame.globals.update(statement.names)

    def _Nonlocal(self, statement: ast.Nonlocal) -> None:
        """``nonlocal n``: assigning ``n`` here rebinds it in the enclosing call that has it."""
        closure = self.frame.closure
        for name in statement.names:
            enclosing = closure.frame if closure is not None else None
            while enclosing is not None and name not in enclosing.names:
                outer = enclosing.closure
                enclosing = outer.frame if outer is not None else None
            if enclosing is not None:
                self.frame.nonlocals[name] = enclosing

    def _Break(self, statement: ast.Break | ast.Continue) -> None:
        if self.break_states:
            # what the loop may leave (a break) or start its next step with (a continue): its
            # names, and what objects hold, as they are here (a finally still to run may
            # change anything)
            held = {(id(sp), key): sp.attrs.get(key, MISSING) for sp, key, _ in self.journal}
            state = {**self.frame.names, _HELD: held}
            if any(t.finalbody for t in self.tries):
                state[_CHANGED] = True
            self.break_states[-1].append(state)
        if self.loop_level is None:
            return  # a loop whose body is merged: where it stops is not followed
        if self.journaling == self.loop_level:  # certain: the rest of the body is skipped
            self.frame.jump = "break" if isinstance(statement, ast.Break) else "continue"
            self.frame.stopped = True
        else:
            self.frame.jump = "uncertain"

    _Continue = _Break

    def _Raise(self, statement: ast.Raise) -> None:
        exc = raised_kind(statement)
        if isinstance(exc, ast.Name) and (
            (exc.id == "SystemExit" and self.lookup(exc.id) is None)
            or _class_name(self.lookup(exc.id)) == "SystemExit"  # Done = SystemExit
            # class Done(SystemExit): an exit too, with its status
            or "SystemExit" in (_own_ancestors(self.lookup(exc.id), self.lookup) or ())
        ):
            given = statement.exc.args if isinstance(statement.exc, ast.Call) else []
            if _status_of_its_own(self.lookup(exc.id), self.lookup):
                # class Done(SystemExit): code = 0, or an __init__ of its own: the status
                # is the class's, not the argument's
                codes = [self.evaluate(a) for a in given]
                if all(c.kind != "error" for c in codes):
                    self.exit_here(statement, unknown("the exit status a class gives"))
                return
            self.exit_with(statement, given)
            return
        self.frame.stopped = True
        if not self.certainly_reached():
            self.may_halt(statement, "raise", self.raised_builtin(statement))
        if statement.exc is None or not self.certainly_reached():
            return  # raised again, or perhaps never reached (a branch, a loop)
        if (
            isinstance(statement.exc, ast.Name)
            and statement.exc.id in self.frame.names
            and _class_name(self.frame.names[statement.exc.id]) is None
        ):
            return  # an error object of the file's (``except E as e: raise e``): not followed
        assert self.walker is not None  # statements run inside a cell
        exc = statement.exc
        kind = exc.func if isinstance(exc, ast.Call) else exc
        name = kind.id if isinstance(kind, ast.Name) else None
        said = ""
        if isinstance(exc, ast.Call) and exc.args and isinstance(exc.args[0], ast.Constant):
            said = f": {exc.args[0].value!s}" if isinstance(exc.args[0].value, str) else ""
        # raise ShapeError(...), a class of the file's: which handlers catch it is known
        # when its bases are the file's classes and Python's exceptions
        bound = self.lookup(name) if name else None
        ancestors = _own_ancestors(bound, self.lookup)
        own = _own_class(bound) if ancestors is not None else None
        raises = own.name if own is not None else self.raised_class(exc, kind, bound)
        cause = statement.cause
        if isinstance(cause, ast.Constant) and cause.value is not None:
            raises = _NO_EXCEPTION  # raise E from 5: the cause must be an exception
        elif cause is not None and not isinstance(cause, (ast.Name, ast.Constant)):
            called = cause.func if isinstance(cause, ast.Call) else cause
            named = self.lookup(called.id) if isinstance(called, ast.Name) else None
            if self.raised_class(cause, called, named) in (None, _NO_EXCEPTION):
                raises = None  # raise E from Plain(): a TypeError if Plain is no exception
        shown = (name or self.walker.short(kind)) if raises is not None else None
        message = (
            f"the file stops here with {shown or 'an error'}{said} (this raise runs when the "
            "file runs)"
        )
        if raises == _NO_EXCEPTION:
            raises = "TypeError"
            message = (
                f"the file stops here with a TypeError: {shown} is no exception (Python "
                "raises only what derives from BaseException)"
            )
        if (
            raises is None
            and cause is None
            and (
                not isinstance(kind, (ast.Name, ast.Attribute))
                or (bound is not None and bound.kind not in ("class", "unknown", "function"))
            )
        ):
            # raise finished(), raise Stops[0]: a class only running tells, SystemExit perhaps
            why = "whether what it raises is SystemExit (an exit)"
            message = (
                f"the file stops here with what `{self.walker.short(exc)}` gives{said}, an "
                "error, or an exit if it is SystemExit"
            )
            self.report_here(statement, message, "raise", None, depends=why)
            self.may_halt(statement, "exit")
            return
        error = self.report_here(statement, message, "raise", raises)
        if ancestors is not None:
            error.ancestors = ancestors  # type: ignore[attr-defined]
        self.frame.raised = error

    def raised_builtin(self, statement: ast.Raise) -> str | None:
        """The builtin class ``raise ValueError(…)`` raises, by its name (None: not known)."""
        exc = raised_kind(statement)
        return exc.id if isinstance(exc, ast.Name) and self.lookup(exc.id) is None else None

    def raised_class(self, exc: ast.expr, kind: ast.expr, bound: Operand | None) -> str | None:
        """The class a ``raise`` raises, by its name (``IOError`` is OSError), when it is
        Python's or NumPy's (``np.linalg.LinAlgError``), or a name bound to one (``E =
        ValueError``); :data:`_NO_EXCEPTION` for text, or a class of the file's that is no
        exception (Python's TypeError); None when not known (a helper's result …)."""
        if isinstance(kind, ast.Name) and bound is None:
            builtin = getattr(builtins, kind.id, None)
            if issubclass(builtin, BaseExceptionGroup) if isinstance(builtin, type) else False:
                return None  # except* takes what the group holds: not followed
            if isinstance(builtin, type) and issubclass(builtin, BaseException):
                return builtin.__name__
            return None
        if isinstance(kind, ast.Attribute):
            return _NUMPY_ERRORS.get(_module_dotted(kind, self.lookup) or "")
        if isinstance(exc, ast.Constant) and isinstance(exc.value, str):
            return _NO_EXCEPTION  # raise "bad shape"
        if bound is None:
            return None
        if bound.kind == "str" and kind is exc:
            return _NO_EXCEPTION
        node = _own_class(bound)
        if node is not None:  # a class of the file's with no bases is no exception
            return _NO_EXCEPTION if not node.bases and not node.keywords else None
        found = _class_name(bound)
        return found if found is not None and not found.startswith(_OWN) else None


#: the key, in a state kept at a ``break`` or ``continue``, of what objects held there
_HELD = "<objects>"
#: the key of a state kept where a ``finally`` still to run may change anything
_CHANGED = "<finally>"


def _same_at(name: str, value: Operand, states: list[dict[str, Any]]) -> bool:
    """Whether ``value`` has the kind and shape ``name`` has in each of ``states`` (before a
    loop, and at each ``break`` or ``continue`` met in it) where it is bound; a Python float
    and a NumPy float (``b = 0.0`` then ``b -= lr * err.mean()``) count as one kind."""
    return all(
        _CHANGED not in state
        and (state[name] is value or same(state[name], value) or _float_scalars(state[name], value))
        for state in states
        if name in state or _CHANGED in state
    )


def _float_scalars(a: Operand, b: Operand) -> bool:
    """Whether one of ``a`` and ``b`` is a Python float and the other a NumPy float (a
    subclass of Python's float: both of shape (), either may be there after a loop)."""
    pair = sorted((a, b), key=lambda op: op.kind)  # ("array", "number")
    scalar, python = pair
    return (
        scalar.kind == "array"
        and python.kind == "number"
        and scalar.shape == ()
        and scalar.dtype == "f"
        and not zero_d(scalar)
        and (isinstance(python.value, float) or (python.value is None and python.dtype == "f"))
    )


def _float_scalar_at(name: str, value: Operand, states: list[dict[str, Any]]) -> Operand:
    """What a loop leaves in ``name`` when it may be a Python float or a NumPy float: the
    NumPy float (it has what a Python float has, and .shape, .item() …), whose shape is ()
    either way; ``value`` itself otherwise."""
    if value.kind == "array":
        return value
    held = [s[name] for s in states if name in s and s[name].kind == "array"]
    return held[0] if held else value


def _may_be_exit(
    bound: Operand, lookup: Any = None, depth: int = 0, seen: set[int] | None = None
) -> bool:
    """Whether a name bound to ``bound`` may be BaseException or SystemExit (the builtins
    are bound as functions named ``builtins.…``; anything not known may be), or a class of
    the file's derived from one (``class Done(SystemExit)``, its bases found by ``lookup``;
    each class asked once, ``seen``: a lattice of classes is no tree of paths)."""
    if bound.kind == "class" or (bound.kind == "unknown" and bound.name == "class"):
        node = bound.value.node if bound.kind == "class" else bound.node
        if lookup is None or depth > 8 or not isinstance(node, ast.ClassDef):
            return False
        seen = set() if seen is None else seen
        if id(node) in seen:
            return False  # (asked already, through another base: it said no)
        seen.add(id(node))
        for base in node.bases:  # a class statement of the file's (followed or not)
            held = lookup(base.id) if isinstance(base, ast.Name) else None
            if held is None and isinstance(base, ast.Name):
                if base.id in ("BaseException", "SystemExit"):
                    return True
            elif held is None or _may_be_exit(held, lookup, depth + 1, seen):
                return True  # (class Done(errors.Stop): a base not known may be one)
        return False
    if bound.kind == "function" and (bound.name or "").startswith("builtins."):
        return bound.name in ("builtins.BaseException", "builtins.SystemExit")
    return True


#: Python's functions that read no item of an iterator they are given
_READ_NO_ITEM = frozenset({"type", "id", "isinstance", "repr", "print", "hash", "callable"})

#: the clocks of Python's time module, which take no argument and never raise
_CLOCKS = frozenset(
    {"time", "perf_counter", "monotonic", "process_time", "time_ns", "perf_counter_ns",
     "monotonic_ns", "process_time_ns", "thread_time"}
)  # fmt: skip

#: no exit's status: the problem is no exit's (see ProgramHost.exit_here)
_NO_EXIT: Any = object()

#: the exit status of ``unittest.main()``: 1 when a test fails, which only running tells
_TESTS_DECIDE = Operand("unknown", reason="whether the tests pass")


def _writes_filters(statement: ast.stmt) -> bool:
    """Whether ``statement`` assigns or deletes ``<module>.filters`` or a part of it
    (``warnings.filters[:] = saved``)."""
    if isinstance(statement, ast.Assign):
        targets: list[ast.expr] = list(statement.targets)
    elif isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
        targets = [statement.target]
    elif isinstance(statement, ast.Delete):
        targets = list(statement.targets)
    else:
        return False
    for target in targets:
        while isinstance(target, ast.Subscript):
            target = target.value
        if isinstance(target, ast.Attribute) and target.attr == "filters":
            return True
    return False


def _returns_instead(call: ast.Call) -> bool:
    """Whether ``call`` is ``unittest.main(exit=…)`` of an ``exit`` not written ``True``:
    it may return rather than end the program."""
    return any(  # (sys.exit takes no exit=: only unittest.main does)
        k.arg == "exit" and not (isinstance(k.value, ast.Constant) and k.value.value is True)
        for k in call.keywords
    )


def _exit_status(code: Operand | None) -> int | None:
    """The exit status ``sys.exit(code)`` gives the program (None: not known)."""
    if code is None or code.kind == "none":
        return 0
    if code.kind == "str":
        return 1  # the message is printed, the status is 1
    if code.kind == "number" and isinstance(code.value, int):
        return int(code.value) & 0xFF  # as the system keeps it: sys.exit(256) is status 0
    if code.kind == "number" and isinstance(code.value, float):
        return 1  # sys.exit(0.0): printed, and the status is 1
    if code.kind in ("array", "list", "tuple", "dict"):
        return 1  # sys.exit(np.int64(0)), sys.exit([]): no int, so printed, and the status is 1
    return None


#: exceptions whose handler catches what NumPy and Python raise for a refused operation
_CATCHING = frozenset(
    {"Exception", "BaseException", "ValueError", "TypeError", "IndexError", "AttributeError",
     "LookupError", "ArithmeticError", "LinAlgError"}
)  # fmt: skip


#: what a ``raise`` of something that is no exception raises (a TypeError), as
#: :meth:`Interpreter.raised_class` says it
_NO_EXCEPTION = "<no exception>"
#: the handlers that catch whatever a ``raise`` raises (but an exit)
_CATCH_ALL = frozenset({"Exception", "BaseException"})
#: what catches Python's NameError
_CATCHING_NAME = frozenset({"Exception", "BaseException", "NameError"})
#: the handlers that catch an import that fails
_CATCHING_IMPORT = frozenset({"Exception", "BaseException", "ImportError", "ModuleNotFoundError"})
#: NumPy's modules a plain ``import numpy.linalg`` certainly finds
_NUMPY_SUBMODULES = ("linalg", "random", "fft", "testing", "lib", "polynomial", "ma")


def _catches_numpy_errors(kind: ast.expr | None) -> bool:
    """Whether an ``except`` clause catches the error of a refused operation."""
    return _catches(kind, _CATCHING)


def _catches(kind: ast.expr | None, errors: frozenset[str]) -> bool:
    """Whether an ``except`` clause for ``kind`` catches one of ``errors``."""
    if kind is None:  # a bare except
        return True
    if isinstance(kind, ast.Tuple):
        return any(_catches(k, errors) for k in kind.elts)
    name = kind.attr if isinstance(kind, ast.Attribute) else getattr(kind, "id", None)
    return name in errors


#: statements whose expressions are all evaluated, in order, whenever they run
def _where_assert_raises(statement: ast.Assert) -> ast.Assert:
    """``statement``, or for one written over several lines a copy of it that starts where
    Python says its AssertionError is raised (the line of its condition's last comparison,
    ``assert (\n    x.shape == (4,)\n)`` on the second line): as CPython compiles it, read
    from the compiled code (which nothing runs)."""
    if statement.end_lineno == statement.lineno:
        return statement
    try:
        code = compile(ast.Module(body=[statement], type_ignores=[]), "<assert>", "exec")
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError):
        return statement  # (an await or a yield in it: where the statement starts)
    raised = [i for i in dis.get_instructions(code) if i.opname == "RAISE_VARARGS"]
    where = raised[0].positions if raised else None
    if where is None or where.lineno is None or where.col_offset is None:
        return statement
    if (where.lineno, where.col_offset) == (statement.lineno, statement.col_offset):
        return statement
    moved = ast.Assert(test=statement.test, msg=statement.msg)
    moved.lineno, moved.col_offset = where.lineno, where.col_offset
    moved.end_lineno, moved.end_col_offset = statement.end_lineno, statement.end_col_offset
    return moved


_PLAIN = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return)
#: statements of a try's body whose failure is certain or not where they stand (a raise, an
#: assert that is false: the statements after them in the body never run)
_TRIED = (*_PLAIN, ast.Raise, ast.Assert, ast.Import, ast.ImportFrom)
#: statements where running the file certainly stops when they fail at the top level
_STOPPING = (*_PLAIN, ast.Import, ast.ImportFrom)
#: and those where it stops at the top level of a module or cell, or of a function's call
_STOPPING_AT_THE_TOP = (*_STOPPING, ast.Assert, ast.For, ast.AsyncFor)
_STOPPING_IN_A_CALL = (*_PLAIN, ast.For, ast.AsyncFor)
#: a handler that does not catch the error (it leaves the try)
_UNCAUGHT: Any = object()
#: the Python exception a refused operation raises, by the operation (see :func:`_raised`)
_RAISES = {
    "name": "NameError",
    "attribute": "AttributeError",
    "call": "TypeError",
    "iterate": "TypeError",
    "len": "TypeError",
    "unary": "TypeError",
    "remove": "ValueError",
    "reduce": "ValueError",
    "axis": "AxisError",
    "reshape": "ValueError",
    "concatenate": "ValueError",
    "stack": "ValueError",
    "squeeze": "ValueError",
    "broadcast": "ValueError",
    "shape": "ValueError",
}


def _jumps(body: list[ast.stmt]) -> bool:
    """Whether ``body`` (a ``finally`` block) certainly ends in a ``return``, ``break`` or
    ``continue`` of its own, which drops the error or return in flight."""
    return any(isinstance(s, (ast.Return, ast.Break, ast.Continue)) for s in body)


def _raised(error: MismatchError | None) -> str | None:
    """The builtin exception class that running the refused operation raises, when it is
    certain (None when shapekit does not know which)."""
    if error is None:
        return None
    op = getattr(error, "op", None)
    if error.raises is not None or op == "matmul":
        return error.raises
    if op == "index":
        return "ValueError" if "slice step cannot be zero" in error.message else "IndexError"
    if getattr(error, "operands", ()):  # shapes that NumPy's rules refuse
        return "ValueError"
    return _RAISES.get(op or "")


#: the classes that catch NumPy's own exceptions (those that are not builtins)
_ANCESTORS = {
    "AxisError": {"AxisError", "ValueError", "IndexError", "LookupError", "Exception",
                  "BaseException"},
    "LinAlgError": {"LinAlgError", "ValueError", "Exception", "BaseException"},
    "JSONDecodeError": {"JSONDecodeError", "ValueError", "Exception", "BaseException"},
    "DTypePromotionError": {"DTypePromotionError", "TypeError", "Exception", "BaseException"},
    # (numpy._core._exceptions: a TypeError, not importable by name from numpy)
    "UFuncTypeError": {"UFuncTypeError", "TypeError", "Exception", "BaseException"},
}  # fmt: skip
#: NumPy's own exception classes (and json's), by the names a file imports them with
_NUMPY_ERRORS = {
    "numpy.exceptions.AxisError": "AxisError",
    "numpy.AxisError": "AxisError",  # NumPy 1's name (an AttributeError in NumPy 2)
    "numpy.linalg.LinAlgError": "LinAlgError",
    "numpy.exceptions.DTypePromotionError": "DTypePromotionError",
    "json.JSONDecodeError": "JSONDecodeError",
    "json.decoder.JSONDecodeError": "JSONDecodeError",
}


def _finally_inside(statement: ast.AST) -> bool:
    """Whether a ``try`` inside ``statement``'s body has a ``finally`` (which may raise an
    error of its own in place of the one in flight)."""
    return any(
        isinstance(n, (ast.Try, ast.TryStar)) and n.finalbody and n is not statement
        for part in getattr(statement, "body", [])
        for n in ast.walk(part)
    )


@functools.lru_cache(maxsize=256)
def _node_ids(fdef: ast.AST) -> frozenset[int]:
    """The ids of the ``try`` statements inside a function (its own and nested ones)."""
    return frozenset(id(n) for n in ast.walk(fdef) if isinstance(n, (ast.Try, ast.TryStar)))


#: the end of the ``times`` of a loop merged after its first steps (see loop_body)
_MORE_STEPS = " times more"


def _too_long(statement: ast.For | ast.While, times: str) -> str:
    """Why what a loop run ``times`` changes is merged: too many steps to follow."""
    if times.endswith(_MORE_STEPS):
        return (
            f"the loop at line {statement.lineno}, followed step by step as far as shapekit "
            f"could and then merged: it runs {times}, more than the {MAX_STATEMENTS:,} "
            "statements shapekit follows in a file"
        )
    return (
        f"the loop at line {statement.lineno}, which runs {times}: too long for shapekit "
        f"to follow step by step (it follows at most {MAX_ITERATIONS:,})"
    )


class _Unknowable(ast.expr):
    """An expression written nowhere whose value shapekit does not know (see
    :func:`_exiting_try`)."""

    _fields = ()


#: what an ``__exit__`` that may call ``sys.exit`` suppresses (see ``exit_may_suppress``)
_EXITING = _Unknowable()


#: methods of lists, dicts and text that leave no loop and change no iterator they are not
#: the list of (see ``Interpreter.may_leave``)
_PLAIN_METHODS = frozenset({"append", "format", "join", "items", "keys", "values", "copy", "get"})


#: the name of the call that says, in an ``except`` an ``__exit__``'s test becomes, that it
#: catches that class itself, not the classes derived from it (see :func:`_handler_names`)
_EXACTLY = "exactly"
#: and that it perhaps catches what the class it is given catches (``self.quiet and …``)
_PERHAPS = "perhaps"
#: what an ``__exit__``'s ``kind is not None`` is true of: every error
_EVERY: list[ast.expr] = [ast.Name("BaseException", ast.Load())]


def _may_swallow() -> ast.Call:
    """A class no ``except`` reading knows, for an ``__exit__`` that may or may not return
    a true value: what the body raises may be swallowed (a possible problem, not a certain
    one, nor none)."""
    return ast.Call(ast.Name("may_swallow", ast.Load()), [], [])


def _classes_tested(test: ast.expr, fdef: ast.FunctionDef) -> list[ast.expr] | None:
    """The classes of exceptions for which ``test``, returned by the ``__exit__`` ``fdef``, may
    be true, when it only tests the class of what the body raised (``kind is KeyError``,
    ``issubclass(kind, ValueError)``, ``kind in (KeyError, IndexError)``,
    ``isinstance(err, ValueError)``, and ``and``/``or`` of such tests): as an ``except`` of
    them would catch it; None for any other value (it may swallow anything)."""
    params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
    if len(params) < 3:
        return None
    kind, value = params[-3], params[-2]  # (self,) exc_type, exc_value, traceback

    def named(node: ast.expr, name: str) -> bool:
        return isinstance(node, ast.Name) and node.id == name

    def classes(node: ast.expr) -> list[ast.expr] | None:
        if isinstance(node, (ast.Name, ast.Attribute)):
            return [node]
        if isinstance(node, ast.Tuple) and all(
            isinstance(e, (ast.Name, ast.Attribute)) for e in node.elts
        ):
            return list(node.elts)
        return None

    if isinstance(test, ast.BoolOp):
        parts = [_classes_tested(v, fdef) for v in test.values]
        if isinstance(test.op, ast.Or):
            return None if any(p is None for p in parts) else [c for p in parts for c in p or ()]
        # (kind is not None: true of every error, nothing to say of the others)
        parts = [p for p in parts if p != _EVERY] or [_EVERY]
        known = [p for p in parts if p is not None]  # a and b: true only where each is,
        if not known:  # so perhaps where the first known part is, never elsewhere
            return None
        if len(parts) == 1:
            return known[0]
        return [ast.Call(ast.Name(_PERHAPS, ast.Load()), [c], []) for c in known[0]]
    if (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and (named(test.operand, kind) or named(test.operand, value))
    ):
        return []  # not exc_type: false whenever the body raised
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right = test.left, test.comparators[0]
        nothing = isinstance(right, ast.Constant) and right.value is None
        if (named(left, kind) or named(left, value)) and nothing:
            if isinstance(test.ops[0], (ast.Is, ast.Eq)):
                return []  # exc_type is None: false whenever the body raised
            if isinstance(test.ops[0], (ast.IsNot, ast.NotEq)):
                return _EVERY  # exc_type is not None: true whenever it raised
        other = right if named(left, kind) else left if named(right, kind) else None
        found = classes(other) if other is not None else None
        if isinstance(test.ops[0], (ast.Is, ast.Eq, ast.In)) and found is not None:
            if isinstance(test.ops[0], ast.In) != isinstance(other, ast.Tuple):
                return None  # (kind is (A, B), A in kind: never true of a class)
            # kind is ValueError: that class only, not the classes derived from it (NumPy's
            # AxisError is a ValueError), as :func:`_handler_names` reads `exactly(…)`
            return [ast.Call(ast.Name(_EXACTLY, ast.Load()), [c], []) for c in found]
        return None
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id in ("issubclass", "isinstance")
        and len(test.args) == 2
        and not test.keywords
        and named(test.args[0], kind if test.func.id == "issubclass" else value)
    ):
        return classes(test.args[1])
    return None


def _exiting_try(statement: ast.With, status: int | None = None) -> ast.Try:
    """``with Guard(): body`` of a ``Guard`` whose ``__exit__`` may call ``sys.exit``, as
    ``try: body`` / ``except BaseException: if ?: raise SystemExit / else: raise`` / ``else:
    if ?: raise SystemExit``: the file may end there with nothing to report, or go on (or
    fail) as it would. With the ``status`` it exits with (``sys.exit(1)``), that
    ``SystemExit(status)``."""
    test = ast.copy_location(_Unknowable(), statement)
    kind = ast.copy_location(ast.Name("SystemExit", ast.Load()), statement)
    code: list[ast.expr] = (
        [ast.copy_location(ast.Constant(status), statement)] if status is not None else []
    )
    raised = ast.copy_location(ast.Call(kind, code, []), statement) if code else kind
    leave = ast.copy_location(ast.Raise(exc=raised), statement)
    again = ast.copy_location(ast.Raise(exc=None), statement)
    choice = ast.copy_location(ast.If(test=test, body=[leave], orelse=[again]), statement)
    # (it runs when the body does not fail too: the file may end after it)
    after = ast.copy_location(ast.If(test=test, body=[leave], orelse=[]), statement)
    handler = ast.copy_location(
        ast.ExceptHandler(
            type=ast.copy_location(ast.Name("BaseException", ast.Load()), statement),
            name=None,
            body=[choice],
        ),
        statement,
    )
    return ast.copy_location(
        ast.Try(body=statement.body, handlers=[handler], orelse=[after], finalbody=[]), statement
    )


def _literal_status(call: ast.expr) -> int | None:
    """The exit status of ``sys.exit(<literal>)`` (text is status 1; no code is 0); None
    when the code is not written out."""
    given = call.args if isinstance(call, ast.Call) else []
    if not given:
        return 0
    code = given[0] if len(given) == 1 else None
    if isinstance(code, ast.Constant) and type(code.value) is int:
        return code.value & 0xFF
    return 1 if isinstance(code, ast.Constant) and isinstance(code.value, str) else None


def _literal_exit_status(interpreter: Interpreter, fdef: ast.FunctionDef) -> int | None:
    """The one exit status other than 0 that every ``sys.exit`` written in ``fdef`` gives
    (``if exc_type: sys.exit(1)``); None when there is none, or another, or one not known."""
    found = {
        _literal_status(node)
        for node in _own_nodes(fdef.body, loops=True)
        if isinstance(node, ast.Call) and interpreter._exits(node)
    }
    status = found.pop() if len(found) == 1 else None
    return status or None


#: a namespace's names set through it (``globals().update(…)``, ``vars()["w"] = …``), or the
#: namespace bound to a name that may be (``g = globals()``), or a module's (``sys.modules``)
_NAMESPACE_WRITTEN = re.compile(
    r"\b(?:globals|vars|locals)\(\)\s*(?:\.\s*(?:update|setdefault|__setitem__)|\[)"
    r"|=\s*(?:globals|vars|locals)\(\)|sys\.modules"
)


def _dunder(name: str) -> bool:
    """Whether ``name`` is written ``__name__``, as Python's own names in a module are."""
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _may_raise_it_again(handler: ast.ExceptHandler) -> bool:
    """Whether ``handler`` holds a ``raise`` of the error it caught (``raise``, ``raise
    err`` of its name), outside the functions it defines."""
    return any(
        isinstance(node, ast.Raise)
        and (
            node.exc is None
            or (
                handler.name is not None
                and isinstance(node.exc, ast.Name)
                and node.exc.id == handler.name
            )
        )
        for node in _own_nodes(handler.body, loops=True)
    )


def _handler_for(
    handlers: list[ast.ExceptHandler],
    raised: str,
    lookup: Any,
    own: frozenset[str] | None = None,
) -> Any:
    """The first handler that catches the builtin exception ``raised`` (or the file's own
    class ``raised``, whose classes from itself up are ``own``); :data:`_UNCAUGHT` when none
    does; None when that is not known (a class that is not a builtin one). ``lookup``
    gives what a name is bound to in the file (None: not bound there)."""
    if raised in ("ExceptionGroup", "BaseExceptionGroup"):
        return None  # except* takes what it holds: not known here
    kind = getattr(builtins, raised, None)
    if own is None and raised not in _ANCESTORS and not isinstance(kind, type):
        return None  # a library's own class (a reader's error): which handlers take it
    ancestors = own or _ANCESTORS.get(raised) or {c.__name__ for c in kind.__mro__}  # type: ignore[union-attr]
    for handler in handlers:
        names = _handler_names(handler.type, lookup)
        if names is None and raised == "SystemExit" and _misses_exits(handler.type, lookup):
            continue  # except json.JSONDecodeError: a library's class, not SystemExit's base
        if names is None:
            return None
        matched = [_named_matches(n, raised, ancestors, own) for n in names]
        if any(m == "certainly" for m in matched):
            return handler
        if any(m == "perhaps" for m in matched):
            return None  # an __exit__'s `self.quiet and kind is KeyError`: only running tells
        if not all(
            isinstance(getattr(builtins, n.lstrip("?="), None), type)
            or n.lstrip("?=") in _ANCESTORS
            or n.startswith(_OWN)
            for n in names
        ):
            return None  # a class of a module's, or one not known: it might catch it
    return _UNCAUGHT


def _named_matches(name: str, raised: str, ancestors: Any, own: frozenset[str] | None) -> str:
    """Whether a class name :func:`_handler_names` gave catches the class ``raised``
    ("certainly", "perhaps" or "no"): ``=KeyError`` that class itself, ``?…`` perhaps."""
    perhaps = name.startswith("?")
    name = name.removeprefix("?")
    # (=KeyError: not the file's own class derived from it, which is another)
    found = own is None and name[1:] == raised if name.startswith("=") else name in ancestors
    return "no" if not found else "perhaps" if perhaps else "certainly"


def _own(error: Any) -> frozenset[str] | None:
    """The classes of an error raised as a class of the file's (see :func:`_own_ancestors`)."""
    return getattr(error, "ancestors", None)


def _own_class(bound: Operand | None) -> ast.ClassDef | None:
    """The class statement of the file's that ``bound`` is (followed or not), else None."""
    if bound is not None and bound.kind == "class" and isinstance(bound.value, ClassInfo):
        return bound.value.node
    if bound is not None and bound.kind == "unknown" and isinstance(bound.node, ast.ClassDef):
        return bound.node
    return None


def _status_of_its_own(bound: Operand | None, lookup: Any, depth: int = 0) -> bool:
    """Whether a class of the file's, or one of the file's classes it derives from, may give
    its exit status another way than from its first argument: it writes ``code`` (``code =
    0`` in its body, ``self.code = …``) or makes its instances its own way (``__init__``,
    ``__new__``, ``__getattribute__``)."""
    node = _own_class(bound)
    if node is None or depth > 32:
        return False
    for n in ast.walk(node):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name in (
            "__init__",
            "__new__",
            "__getattribute__",
            "__getattr__",
        ):
            return True
        if (isinstance(n, ast.Name) and n.id == "code" and isinstance(n.ctx, ast.Store)) or (
            isinstance(n, ast.Attribute) and n.attr == "code" and isinstance(n.ctx, ast.Store)
        ):
            return True
    return any(
        isinstance(base, ast.Name) and _status_of_its_own(lookup(base.id), lookup, depth + 1)
        for base in node.bases
    )


def _own_ancestors(
    bound: Operand | None,
    lookup: Any,
    depth: int = 0,
    memo: dict[int, frozenset[str] | None] | None = None,
) -> frozenset[str] | None:
    """The names of the classes an exception class of the file's is, from itself up to
    Python's own (``class ShapeError(ValueError)``: file:ShapeError, ValueError, Exception,
    BaseException; see :data:`_OWN`); None when ``bound`` is no such class, or a base is
    not known."""
    node = _own_class(bound)
    if node is None or not node.bases or node.keywords or depth > 32:
        return None
    memo = {} if memo is None else memo
    if id(node) in memo:  # (a lattice of classes: each asked once)
        return memo[id(node)]
    memo[id(node)] = None  # (while it is asked: a cycle is not known)
    names = {_OWN + node.name}
    for base in node.bases:
        if not isinstance(base, ast.Name):
            return None
        held = lookup(base.id)
        builtin = getattr(builtins, base.id, None) if held is None else None
        if isinstance(builtin, type) and issubclass(builtin, BaseException):
            names.update(c.__name__ for c in builtin.__mro__ if c is not object)
            continue
        above = _own_ancestors(held, lookup, depth + 1, memo)
        if above is None:
            return None
        names.update(above)
    memo[id(node)] = frozenset(names)
    return memo[id(node)]


def _handler_names(kind: ast.expr | None, lookup: Any) -> set[str] | None:
    """The class names an ``except`` clause names (BaseException for a bare one): a name
    the file binds to a builtin class is that class (``E = ValueError`` … ``except E:``),
    one it binds to anything else is not known (None), as is any other expression."""
    if kind is None:
        return {"BaseException"}
    parts = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    names = set()
    for part in parts:
        exact = (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Name)
            and part.func.id == _EXACTLY
            and len(part.args) == 1
        )
        perhaps = (
            isinstance(part, ast.Call)
            and isinstance(part.func, ast.Name)
            and part.func.id == _PERHAPS
            and len(part.args) == 1
        )
        if exact or perhaps:  # an __exit__'s `kind is KeyError`: KeyError itself, "=KeyError"
            assert isinstance(part, ast.Call)
            inner = _handler_names(part.args[0], lookup)
            if inner is None or len(inner) != 1:
                return None
            names.add(("=" if exact else "?") + inner.pop())
            continue
        if isinstance(part, ast.Attribute):  # np.linalg.LinAlgError
            found = _NUMPY_ERRORS.get(_module_dotted(part, lookup) or "")
            if found is None:
                return None
            names.add(found)
            continue
        if not isinstance(part, ast.Name):
            return None
        bound = lookup(part.id)
        if bound is None:  # a builtin's name (IOError is OSError), or one never bound
            builtin = getattr(builtins, part.id, None)
            names.add(builtin.__name__ if isinstance(builtin, type) else part.id)
            continue
        # ERRS = (KeyError, ValueError) … except ERRS: the classes it holds
        held = items_of(bound) if bound.kind == "tuple" else [bound]
        for one in held or [None]:
            named = _class_name(one)
            if named is None:
                return None  # the file's own class, or a name bound again (ValueError = …)
            names.add(named)
    return names


def _class_name(bound: Operand | None) -> str | None:
    """The name of the builtin or NumPy exception class ``bound`` is, else None."""
    if bound is None:
        return None
    if bound.kind == "function" and (bound.name or "").startswith("builtins."):
        name = bound.name.removeprefix("builtins.")
        builtin = getattr(builtins, name, None)  # IOError is OSError
        return builtin.__name__ if isinstance(builtin, type) else name
    if bound.kind == "unknown" and bound.name in _NUMPY_ERRORS:
        return _NUMPY_ERRORS[bound.name]  # from numpy.exceptions import AxisError
    if bound.kind == "class" and isinstance(bound.value, ClassInfo):
        return _OWN + bound.value.node.name  # the file's own class (see _own_ancestors)
    if bound.kind == "unknown" and bound.name == "class" and isinstance(bound.node, ast.ClassDef):
        return _OWN + bound.node.name
    return None


#: how the names of the file's own classes are told from Python's (a class of the file's
#: may be named ValueError: it is not the builtin one)
_OWN = "file:"


def _misses_exits(kind: ast.expr | None, lookup: Any) -> bool:
    """Whether the classes an ``except`` clause names are all found, each a class of a
    library module the file imports (``json.JSONDecodeError``, read from the module
    shapekit itself has loaded), none of which SystemExit is an instance of."""
    parts = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    for part in parts:
        if part is None or not isinstance(part, ast.Attribute):
            return False
        dotted_name = _module_dotted(part, lookup)
        top, _, rest = (dotted_name or "").partition(".")
        found: Any = sys.modules.get(top) if rest else None
        for name in rest.split(".") if found is not None else ():
            found = inspect.getattr_static(found, name, None)
        if not isinstance(found, type) or issubclass(SystemExit, found):
            return False
    return True


def _module_dotted(node: ast.expr, lookup: Any) -> str | None:
    """``np.linalg.LinAlgError`` as the full name of what it reads (``numpy.linalg.…``)
    when its first name is a module the file imports; None otherwise."""
    first, _, rest = (dotted(node) or "").partition(".")
    bound = lookup(first) if first else None
    if bound is None or bound.kind != "module" or not bound.name:
        return None
    return f"{bound.name}.{rest}" if rest else bound.name


#: builtins, and functions and methods (of NumPy, arrays and lists) that raise for no
#: values when shapekit knows the shapes of what they are given
_SAFE_BUILTINS = frozenset({"len", "range", "list", "tuple", "zip", "enumerate", "print", "abs"})
_SAFE_METHODS = frozenset(
    {"array", "asarray", "dot", "matmul", "transpose", "zeros", "ones", "empty", "full",
     "zeros_like", "ones_like", "reshape", "exp", "sqrt", "log", "tanh", "maximum", "minimum",
     "sum", "mean", "expand_dims", "copy", "astype", "flatten", "ravel", "append", "arange",
     "eye", "outer", "randn", "rand", "uniform", "normal", "random", "default_rng",
     "standard_normal", "max", "min", "amax", "amin", "argmax", "argmin",
     # element by element, and over axes: what they refuse of known shapes is reported
     "log2", "log10", "log1p", "expm1", "abs", "absolute", "square", "sign", "sin", "cos",
     "floor", "ceil", "round", "around", "isnan", "isfinite", "squeeze", "prod", "std",
     "var", "all", "any", "cumsum", "cumprod", "sort", "argsort", "swapaxes", "where",
     "concatenate", "vstack", "hstack", "stack", "column_stack", "tile", "flip"}
)  # fmt: skip
_DIVISIONS = (ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


def _safe(statement: ast.stmt, names: dict[str, Any], kind_of: Any) -> bool:
    """Whether ``statement`` calls only what cannot raise for known shapes (builtins not
    bound again by the file), divides only arrays (NumPy gives inf, it does not raise) or
    by numbers written out other than zero, and raises only to powers written out that
    are not negative (``kind_of``: the kind of operand a node gives, or None); and none of
    what raises for some values alone (see :func:`_may_raise_for_values`)."""
    for node in ast.walk(statement):
        if isinstance(node, ast.BinOp) and isinstance(node.op, _DIVISIONS):
            right = node.right
            written = isinstance(right, ast.Constant) and type(right.value) in (int, float)
            if isinstance(node.op, ast.Pow):
                if not written or right.value < 0 or right.value > _LARGEST_POWER:  # type: ignore[attr-defined]
                    return False
            elif (written and right.value == 0) or (  # type: ignore[attr-defined]
                not written and kind_of(right) != "array"
            ):
                return False
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                if func.id not in _SAFE_BUILTINS or func.id in names:
                    return False
                if func.id == "len" and (  # len(i for i in …): a generator has no length
                    len(node.args) != 1
                    or kind_of(node.args[0]) not in ("array", "list", "tuple", "dict", "str")
                ):
                    return False
            elif (
                not isinstance(func, ast.Attribute)
                or func.attr not in _SAFE_METHODS
                or "linalg" in ast.unparse(func)
            ):
                return False
        if _may_raise_for_values(node, statement, names, kind_of):
            return False
    return True


def _of_numbers(node: ast.expr, names: dict[str, Any]) -> bool:
    """Whether ``node`` certainly gives an array of numbers (not of text or objects): a name
    bound to one, or NumPy's functions that make one."""
    if isinstance(node, ast.Name):
        return getattr(names.get(node.id), "dtype", None) in ("b", "i", "f")
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _NUMERIC_MAKERS
    )


#: NumPy's functions whose arrays hold numbers, whatever they are given
_NUMERIC_MAKERS = frozenset(
    {"zeros", "ones", "empty", "eye", "arange", "randn", "rand", "uniform", "normal",
     "random", "standard_normal", "zeros_like", "ones_like"}
)  # fmt: skip
#: the most elements of an array a statement certain to succeed makes (2 GB of floats)
_LARGEST_ARRAY = 2**28
#: the largest power written out that cannot overflow or make an array too large to hold
#: (2.0 ** 10000 is an OverflowError, np.ones(2 ** 40) a MemoryError)
_LARGEST_POWER = 30
#: modules of Python's own whose public names ``from … import *`` rebinds
_PLAIN_LIBRARIES = frozenset({"math", "cmath", "statistics", "random", "os", "sys", "itertools"})
#: the largest Python integer that fits an array of any integers (int8's): one beyond it
#: may not fit the array it meets (NumPy 2 raises an OverflowError)
_LARGEST_INT = 127


def _may_raise_for_values(
    node: ast.AST, statement: ast.stmt, names: dict[str, Any], kind_of: Any
) -> bool:
    """Whether ``node`` may raise for some values, with shapes that raise nothing. Only what
    is listed here is judged unable to: names, numbers, tuples and lists of them, attributes,
    indexes by numbers known, arithmetic on arrays of floats and on small numbers, the calls
    :func:`_safe` lets through, comparisons by equality and order of numbers, formats of
    numbers. Anything else (a membership test, a mask assigned an array, a format spec of
    text, an integer beyond int8 beside integers that may be an array's, a dict keyed by an
    array …) may raise."""
    if isinstance(node, ast.AugAssign):  # u += -100 * 2: as u + (-100 * 2)
        return _integers_may_overflow(node.target, node.value, names, kind_of)
    if isinstance(node, _LEAVES):
        return isinstance(node, ast.Constant) and _large_int(node)
    if not isinstance(node, _JUDGED):
        return True
    if isinstance(node, ast.Dict):  # {[1]: 2}: a list is no key
        return not all(k is None or isinstance(k, ast.Constant) for k in node.keys)
    if isinstance(node, ast.Set):  # {np.ones(2)}
        return not all(isinstance(e, ast.Constant) for e in node.elts)
    if isinstance(node, ast.Compare):
        if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
            return True  # an array in a list: the truth of a comparison of arrays
        parts = (node.left, *node.comparators)
        kinds = {kind_of(part) for part in parts}
        if kinds & {"list", "tuple", "dict", "unknown", None}:
            return True  # [a] == [b] compares arrays in them: an ambiguous truth
        if any(  # an array of text or objects compared with a number
            isinstance(part, ast.Name) and getattr(names.get(part.id), "dtype", None) == "x"
            for part in parts
        ):
            return True
        ordered = any(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops)
        return ordered and not (kinds <= {"number", "array"} or kinds == {"str"})
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, (ast.USub, ast.Invert)) and isinstance(node.operand, ast.Name):
            bound = names.get(node.operand.id)
            if bound is not None and bound.kind == "array" and bound.dtype in ("b", None):
                return isinstance(node.op, ast.USub)  # -mask: NumPy's TypeError
        return isinstance(node.op, ast.Not) and kind_of(node.operand) != "number"
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, (ast.LShift, ast.RShift)):
            right = node.right
            return not (
                isinstance(right, ast.Constant) and type(right.value) is int and right.value >= 0
            )
        if isinstance(node.op, ast.Pow):  # 1e200 ** 2 overflows; an array gives inf
            return kind_of(node.left) != "array" and not _small_number(node.left, names)
        if isinstance(node.op, ast.Mod) and kind_of(node.left) == "str":
            return True  # "%x" % 2.5: a format of text
        return _integers_may_overflow(node.left, node.right, names, kind_of)
    if isinstance(node, ast.Subscript):
        return _index_may_raise(node, statement, names, kind_of)
    if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
        spec = node.format_spec
        text = (
            spec.values[0].value
            if isinstance(spec, ast.JoinedStr)
            and len(spec.values) == 1
            and isinstance(spec.values[0], ast.Constant)
            else None
        )  # f"{x:.3f}" is kept; f"{x:d}" of a float, f"{1:q}", f"{s:+}" of text raise
        if not isinstance(text, str):
            return True
        if node.conversion != -1 or kind_of(node.value) not in ("number", "array"):
            return _TEXT_SPEC.fullmatch(text) is None
        return _STANDARD_SPEC.fullmatch(text) is None
    if isinstance(node, ast.Call):
        return _call_may_raise(node, names, kind_of)
    if isinstance(node, ast.keyword):
        return False  # (judged with its call)
    return False


#: the nodes of a statement that raise nothing of their own
_LEAVES = (
    ast.Name, ast.Constant, ast.Tuple, ast.List, ast.Attribute, ast.Slice, ast.JoinedStr,
    ast.expr_context, ast.operator, ast.cmpop, ast.unaryop, ast.Pass, ast.Assign,
    ast.AnnAssign, ast.AugAssign, ast.Expr, ast.Return,
)  # fmt: skip
#: and those judged one by one (any other node may raise for some values)
_JUDGED = (
    ast.Dict, ast.Set, ast.Compare, ast.UnaryOp, ast.BinOp, ast.Subscript, ast.FormattedValue,
    ast.Call, ast.keyword,
)  # fmt: skip
#: a format spec text takes: fill, alignment, width and precision
_TEXT_SPEC = re.compile(r"(?:.?[<>^])?\d*(?:\.\d+)?s?")
#: NumPy's functions that take arrays of booleans (others, np.sign or np.subtract, refuse
#: them)
_BOOLEANS_TAKEN = frozenset(
    {"sum", "mean", "any", "all", "count_nonzero", "where", "nonzero", "argmax", "argmin",
     "logical_not", "logical_and", "logical_or", "array", "asarray", "astype", "copy",
     "reshape", "transpose", "concatenate", "stack", "vstack", "hstack", "flatten", "ravel",
     "max", "min", "cumsum", "prod", "zeros_like", "ones_like", "expand_dims", "squeeze"}
)  # fmt: skip
#: the list methods that raise nothing for any items
_SAFE_LIST_METHODS = frozenset({"append", "extend", "insert", "copy"})


def _large_int(node: ast.Constant) -> bool:
    """An integer written out that may ask for more memory than there is (one that may not
    fit an array's integers is judged where it meets the array: see
    :func:`_integers_may_overflow` and :func:`_index_may_raise`)."""
    return type(node.value) is int and abs(node.value) > 2**30


def _small_number(node: ast.expr, names: dict[str, Any]) -> bool:
    """A number written out, or a name bound to one, whose powers (up to
    :data:`_LARGEST_POWER`) stay finite."""
    value: Any = node.value if isinstance(node, ast.Constant) else None
    if isinstance(node, ast.Name):
        value = getattr(names.get(node.id), "value", None)
    return type(value) in (int, float) and abs(value) <= 1e6


def _integers_may_overflow(
    left: ast.expr, right: ast.expr, names: dict[str, Any], kind_of: Any
) -> bool:
    """``u + -1`` of an array of uint8, ``x * k`` with ``k = 300``: a Python integer beyond
    0..127 meets an array that may hold small integers (NEP 50's OverflowError)."""
    for given, other in ((left, right), (right, left)):
        if kind_of(other) != "array" or _floats(other, names) or kind_of(given) != "number":
            continue  # (arrays and lists: NumPy's own casting, which does not raise)
        value = _written_int(given, names)
        if value is not None and 0 <= value <= _LARGEST_INT:
            continue
        held = given.value if isinstance(given, ast.Constant) else None
        if isinstance(given, ast.Name):
            held = getattr(names.get(given.id), "value", None)
        if type(held) is float:
            continue  # a float makes the result floats
        return True  # uint8 + (m + 100), + -1, + t[0]: a Python int that may not fit
    return False


def _written_int(node: ast.expr, names: dict[str, Any]) -> int | None:
    """The whole number ``node`` is written as (``-1`` too), or a name is bound to."""
    negative = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
    inner = node.operand if isinstance(node, ast.UnaryOp) else node
    value = inner.value if isinstance(inner, ast.Constant) else None
    if isinstance(inner, ast.Name):
        value = getattr(names.get(inner.id), "value", None)
    if type(value) is not int:
        return None
    return -value if negative else value


def _floats(node: ast.expr, names: dict[str, Any]) -> bool:
    """Whether ``node`` certainly gives an array of floats: a name bound to one, or
    ``np.ones``, ``np.zeros`` … without a dtype."""
    if isinstance(node, ast.Name):
        return getattr(names.get(node.id), "dtype", None) == "f"
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _FLOAT_MAKERS
        and not node.keywords
    )


#: NumPy's functions that make an array of floats when given no dtype
_FLOAT_MAKERS = _NUMERIC_MAKERS - {"arange", "zeros_like", "ones_like"}


def _index_may_raise(
    node: ast.Subscript, statement: ast.stmt, names: dict[str, Any], kind_of: Any
) -> bool:
    """An index whose value is not known (an IndexError, a KeyError for some values), a
    key that may be unhashable, a mask assigned an array, a number that may not fit the
    array's integers."""
    index = node.slice
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    for part in parts:
        if (
            isinstance(part, ast.Slice)
            or (isinstance(part, ast.Constant) and type(part.value) in (int, str))
            or _written_int(part, names) is not None  # x[-1]
        ):
            continue
        bound = names.get(part.id) if isinstance(part, ast.Name) else None
        if bound is not None and bound.kind in ("number", "str") and bound.value is not None:
            continue
        if bound is not None and bound.kind == "array" and bound.dtype == "b":
            if isinstance(node.ctx, ast.Store) and not _assigns_a_number(node, statement, names):
                return True  # x[m] = values: as many as m holds True
            continue
        return True
    if isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name):
        bound = names.get(node.value.id)
        if bound is not None and bound.kind == "array" and bound.dtype != "f":
            return not (
                _assigns_a_number(node, statement, names, whole=True)  # i[0] = np.nan raises
                or _assigns_arrays(statement, names)  # i[0] = np.full(2, np.nan) does not
            )
    return False


def _assigns_arrays(statement: ast.stmt, names: dict[str, Any]) -> bool:
    """Whether ``statement`` assigns a name bound to an array of numbers of one dimension or
    more (or of 0 dimensions), or to a list of such arrays: NumPy casts those whole, NaN and
    infinity too (with a warning), where a float, a NumPy float or a list of them is
    converted one number at a time (``cannot convert float NaN to integer``)."""
    value = getattr(statement, "value", None)
    bound = names.get(value.id) if isinstance(value, ast.Name) else None
    if bound is None:
        return False
    parts = bound.items if bound.kind == "list" and bound.items else (bound,)
    return all(
        part.kind == "array"
        and part.dtype in ("b", "i", "f")
        and part.shape is not None
        and (len(part.shape) > 0 or zero_d(part))
        for part in parts
    )


def _assigns_a_number(
    node: ast.Subscript, statement: ast.stmt, names: dict[str, Any], whole: bool = False
) -> bool:
    """Whether ``statement`` assigns to ``node`` a number written out or a name bound to a
    number known (``whole``: one that any array of integers takes, from 0 up to int8's
    largest: ``-1.5`` is uint8's OverflowError, NaN everyone's ValueError)."""
    value = getattr(statement, "value", None)
    written = value.value if isinstance(value, ast.Constant) else None
    if isinstance(value, ast.Name):
        bound = names.get(value.id)
        written = bound.value if bound is not None and bound.kind == "number" else None
    if type(written) not in (int, float, bool):
        return False
    return not whole or 0 <= written < _LARGEST_INT + 1  # type: ignore[operator]


#: random draws whose parameters NumPy checks (a negative scale, low above high, an
#: infinite range are its ValueError or OverflowError)
_DRAWS_WITH_PARAMETERS = frozenset({"uniform", "normal"})


def _plain_draw(node: ast.Call) -> bool:
    """``np.random.normal(0, 1)`` with its numbers written out, ``normal(size=…)``: no
    parameter that may be refused."""
    written = [*node.args, *(k.value for k in node.keywords if k.arg != "size")]
    if node.args and isinstance(node.args[-1], (ast.Tuple, ast.List)):
        written = written[:-1]  # uniform(-1, 1, (3, 4)): the size by place
    for part in written:
        try:
            value = ast.literal_eval(part)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return False
        if type(value) not in (int, float) or value != value or abs(value) == float("inf"):
            return False
    scale = (
        node.args[1]
        if len(node.args) > 1
        else next((k.value for k in node.keywords if k.arg == "scale"), None)
    )
    return not (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "normal"
        and scale is not None
        and ast.literal_eval(scale) < 0  # (a number, read above)
    )


def _call_may_raise(node: ast.Call, names: dict[str, Any], kind_of: Any) -> bool:
    """A call :func:`_safe` lets through that may still raise for its values: text given to
    NumPy (``np.around(x, "a")``), an array of text, ``math`` of numbers not written out, a
    list method that compares items, keywords other than axes."""
    func = node.func
    printing = isinstance(func, ast.Name) and func.id == "print"
    for given in node.keywords:
        value = given.value
        if (
            printing
            and given.arg in ("sep", "end")
            and isinstance(value, ast.Constant)
            and (value.value is None or isinstance(value.value, str))
        ):
            continue
        if given.arg in ("axis", "keepdims", "axes") and all(
            isinstance(part, (ast.Constant, ast.Tuple, ast.UnaryOp, ast.unaryop, ast.Load))
            or (
                isinstance(part, ast.Name)
                and getattr(names.get(part.id), "value", None) is not None
            )
            for part in ast.walk(value)
        ):  # axis=-1, axis=(0, 1), axis=AXIS of a number known
            continue
        return True
    if printing:
        return False
    attr = func.attr if isinstance(func, ast.Attribute) else None
    if attr == "astype" and not _of_numbers(func.value, names):  # type: ignore[attr-defined]
        return True  # text to float: a ValueError for some text
    if attr in _DRAWS_WITH_PARAMETERS and not _plain_draw(node):
        return True  # np.random.normal(0, -np.ones(3)): a negative scale raises
    if attr in ("arange", "default_rng") and not (  # a step of 0, a seed of 1.5
        all(isinstance(a, ast.Constant) and type(a.value) is int for a in node.args)
        and (len(node.args) < 3 or node.args[2].value)  # type: ignore[attr-defined]
    ):
        return True
    for arg in node.args:
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return True
        if isinstance(arg, ast.Name) and getattr(names.get(arg.id), "dtype", None) == "x":
            return True  # np.isnan of text
        if isinstance(arg, (ast.List, ast.Tuple)) and any(
            isinstance(item, ast.Constant) and isinstance(item.value, str) for item in ast.walk(arg)
        ):
            return True
    if (
        isinstance(func, ast.Attribute)
        and func.attr not in _SAFE_LIST_METHODS
        and kind_of(func.value) not in ("array", "module")
    ):
        return True  # l.sort() of arrays: their order is ambiguous; [1, "a"].sort()
    if any(
        isinstance(arg, ast.Name)
        and getattr(names.get(arg.id), "dtype", "") in ("b", None)
        and getattr(names.get(arg.id), "kind", None) == "array"
        for arg in node.args
    ) and not (isinstance(func, ast.Attribute) and func.attr in _BOOLEANS_TAKEN):
        return True  # np.sign(mask), np.subtract of booleans: NumPy's TypeError
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        bound = names.get(func.value.id)
        kind = getattr(bound, "kind", None)
        if kind in ("unknown", "module") and getattr(bound, "name", None) == "math":
            return not all(isinstance(a, ast.Constant) for a in node.args)
    return False


#: a format spec every number takes (fill, align, sign, width, grouping, precision, and a
#: type of floats'); the types of integers' alone (b, c, d, o, x) are left out
_STANDARD_SPEC = re.compile(r"(?:.?[<>=^])?[+\- ]?z?#?0?\d*[,_]?(?:\.\d+)?[eEfFgGn%]?")


#: the methods of a list that change its length
_LENGTH_CHANGES = frozenset({"append", "extend", "insert", "remove", "pop", "clear"})


def _appends_once(body: list[ast.stmt], name: str) -> bool:
    """Whether each step of a loop whose body is ``body`` appends one item to the list
    ``name``, whatever happens: one ``name.append(…)`` statement of its own (not in a
    branch, a ``try`` or an inner loop), nothing else that changes the list's length or
    binds the name, and no ``continue`` that may skip it."""
    appends = [
        s
        for s in body
        if isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Call)
        and isinstance(s.value.func, ast.Attribute)
        and s.value.func.attr == "append"
        and isinstance(s.value.func.value, ast.Name)
        and s.value.func.value.id == name
        and len(s.value.args) == 1
        and not s.value.keywords
    ]
    if len(appends) != 1:
        return False
    others = [s for s in body if s is not appends[0]]
    if _changes_length(others, name):
        return False
    for node in _own_nodes(body):
        if isinstance(node, (ast.Continue, ast.Break, ast.Return, ast.Try, ast.Global)):
            return False
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return False
    return True


def _iterated_names(iterated: ast.expr) -> list[str]:
    """The names of the lists a loop reads as it runs: ``rows`` in ``for r in rows``,
    ``enumerate(rows)``, ``zip(a, b)``, ``iter(rows)``, ``reversed(rows)``."""
    if isinstance(iterated, ast.Name):
        return [iterated.id]
    if (
        isinstance(iterated, ast.Call)
        and isinstance(iterated.func, ast.Name)
        and iterated.func.id in ("enumerate", "zip", "iter", "reversed", "map", "filter")
    ):
        return [n for a in iterated.args for n in _iterated_names(a)]
    return []


def _surely_bound_each_step(statement: ast.For) -> set[str]:
    """The names a ``for`` loop binds on its first step for certain: its own target's, and
    those the statements at the top of its body bind (``x = …``, an import, a ``def``) up to
    the first that may leave the step or branch; less what it deletes (``del x``)."""
    bound = {n.id for n in ast.walk(statement.target) if isinstance(n, ast.Name)}
    deleted: set[str] = set()
    for inner in statement.body:
        if isinstance(inner, ast.Assign):
            bound.update(
                n.id
                for t in inner.targets
                if isinstance(t, (ast.Name, ast.Tuple, ast.List))
                for n in ast.walk(t)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            )
        elif isinstance(inner, (ast.AnnAssign, ast.AugAssign)) and isinstance(
            inner.target, ast.Name
        ):
            if isinstance(inner, ast.AugAssign) or inner.value is not None:
                bound.add(inner.target.id)
        elif isinstance(inner, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).partition(".")[0] for a in inner.names)
        elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(inner.name)
        elif isinstance(inner, ast.Delete):
            deleted.update(
                n.id for t in inner.targets for n in ast.walk(t) if isinstance(n, ast.Name)
            )
        elif not isinstance(inner, (ast.Expr, ast.Pass)):
            break  # (an if, a loop, a continue …: what follows may not run)
    return bound - deleted


def _counter(statement: ast.For) -> str | None:
    """The name counting a loop's steps: ``i`` in ``for i, x in enumerate(rows)``."""
    iterated, target = statement.iter, statement.target
    if (
        isinstance(iterated, ast.Call)
        and isinstance(iterated.func, ast.Name)
        and iterated.func.id == "enumerate"
        and len(iterated.args) == 1
        and not iterated.keywords
        and isinstance(target, ast.Tuple)
        and target.elts
        and isinstance(target.elts[0], ast.Name)
    ):
        counter = target.elts[0].id
        return None if _rebound(statement, counter) else counter
    return None


def _rebound(statement: ast.For, name: str) -> bool:
    """Whether the loop's body binds ``name`` (``i += 1``: ``rows[i]`` is then another
    step's item)."""
    return any(
        isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load)
        for child in statement.body
        for node in ast.walk(child)
    )


def _loop_leaves(body: list[ast.stmt]) -> bool:
    """Whether a loop's body may leave it at its first step (a break, a return, a raise)."""
    return any(isinstance(n, (ast.Break, ast.Return, ast.Raise)) for n in _own_nodes(body))


def _same_block(held: list[Operand | None]) -> int | None:
    """The block of memory every one of ``held`` lies in (the same array, written in place
    on each way through the code: ``w += …`` in a loop), or None."""
    blocks = {block_of(h) if h is not None else None for h in held}
    found = blocks.pop() if len(blocks) == 1 else None
    return found


def _tuples_merged(values: list[Operand | None], why: str, depth: int = 0) -> Operand | None:
    """What ways through the code that each leave a tuple of as many items in a name leave
    there: item by item, what they agree on (an array of one shape, a NumPy number), the
    rest unknown (``why``); None when they are not all such tuples."""
    if depth > 8 or not values or any(v is None or v.kind != "tuple" for v in values):
        return None
    rows = [items_of(v) for v in values if v is not None]
    if any(r is None for r in rows) or len({len(r or ()) for r in rows}) != 1:
        return None
    merged = []
    for column in zip(*[r or () for r in rows], strict=True):
        first = column[0]
        if all(c is first for c in column):
            merged.append(first)
        elif all(same(first, c) for c in column):
            merged.append(shape_only(first))
        elif (scalar := numbers_merged(list(column))) is not None:
            merged.append(scalar)
        else:
            inner = _tuples_merged(list(column), why, depth + 1)
            merged.append(inner if inner is not None else _shapes_of(list(column), why))
    return sequence("tuple", tuple(merged))


def _shapes_of(values: list[Operand | None], why: str) -> Operand:
    """Unknown (``why``), and one of the shapes of ``values`` when each is an array of
    numbers of a known shape (see :data:`EITHER`): what is done with it is checked for each."""
    shapes: list[tuple[int, ...]] = []
    for value in values:
        if value is None or value.kind != "array" or dtype_of(value) not in ("f", "i", "b"):
            return unknown(why)
        found = array_shape(value)
        if not isinstance(found, tuple):
            return unknown(why)
        if found not in shapes:
            shapes.append(found)
    return one_of_shapes(shapes, why) if 1 < len(shapes) <= 4 else unknown(why)


def _declared_globals(tree: ast.AST) -> set[str]:
    """The names some function of ``tree`` declares ``global`` (found once per tree)."""
    found = tree.__dict__.get("shapekit_globals")
    if found is None:
        found = {n for node in ast.walk(tree) if isinstance(node, ast.Global) for n in node.names}
        tree.__dict__["shapekit_globals"] = found
    return found


def _attributes_set(fdef: ast.FunctionDef) -> set[str] | None:
    """The attributes the method ``fdef`` sets on its first parameter by name (``self.t0 =
    …``); None when it may set others (``setattr``, ``__dict__``, ``vars``, or the instance
    handed to a call)."""
    params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
    if not params:
        return set()
    found: set[str] = set()
    for node in ast.walk(fdef):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == params[0] and isinstance(node.ctx, (ast.Store, ast.Del)):
                found.add(node.attr)
            elif node.attr == "__dict__":
                return None
        elif isinstance(node, ast.Name) and node.id in ("setattr", "vars", "delattr"):
            return None
        elif isinstance(node, ast.Call) and any(
            isinstance(a, ast.Name) and a.id == params[0] for a in node.args
        ):
            return None  # helper(self): it may set anything
    return found


def _bound_again(body: list[ast.stmt]) -> set[str]:
    """The names ``body`` binds more than once as it runs: twice, or in a loop (outside the
    functions it defines)."""
    seen: set[str] = set()
    again: set[str] = set()
    todo: list[tuple[ast.AST, bool]] = [(s, False) for s in body]
    while todo:
        node, looped = todo.pop()
        if isinstance(node, _FUNCTIONS):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            if looped or node.id in seen:
                again.add(node.id)
            seen.add(node.id)
        inside = looped or isinstance(node, (*_LOOPS, ast.comprehension))
        todo.extend((child, inside) for child in ast.iter_child_nodes(node))
    return again


def _merged(value: Operand, block: int | None) -> Operand:
    """What ways through the code agree on (see :func:`shape_only`), in ``block`` when they
    all hold an array of that block."""
    made = shape_only(value)
    in_block(made, block)
    return made


def _changes_items(body: list[ast.stmt], name: str, counter: str | None) -> bool:
    """Whether ``body`` may change the items of the list ``name`` ahead of the loop reading
    them (``name[1] = 4``, ``name.sort()``): at each step Python reads the item as it is then.
    Writing the item of this very step (``rows[i] = …`` in ``enumerate(rows)``) changes none
    ahead."""
    for node in _own_nodes(body, loops=True):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("sort", "reverse", "__setitem__")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            return True
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, (ast.AugAssign, ast.AnnAssign))
            else []
        )
        for target in targets:
            for part in ast.walk(target):
                if (
                    isinstance(part, ast.Subscript)
                    and isinstance(part.value, ast.Name)
                    and part.value.id == name
                    and not (isinstance(part.slice, ast.Name) and part.slice.id == counter)
                ):
                    return True
    return False


def _changes_length(body: list[ast.stmt], name: str) -> bool:
    """Whether ``body`` may change the length of the list ``name`` (``name.remove(x)``,
    ``del name[0]``, ``name += …``), in loops inside it too."""
    for node in _own_nodes(body, loops=True):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LENGTH_CHANGES
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
        ):
            return True
        if isinstance(node, ast.Delete) and any(
            isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name
            for t in node.targets
        ):
            return True
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
        ):
            return True
        if isinstance(node, ast.Assign) and any(  # name[1:] = [] changes its length too
            isinstance(t, ast.Subscript)
            and isinstance(t.slice, ast.Slice)
            and isinstance(t.value, ast.Name)
            and t.value.id == name
            for t in node.targets
        ):
            return True
    return False


def _certainly_evaluated(statement: ast.stmt, node: ast.AST | None) -> bool:
    """Whether ``node`` is evaluated whenever ``statement`` runs: not in a branch of a
    conditional expression, after the first operand of ``and``/``or``, or inside a lambda.
    (A comprehension is followed item by item over known items only: what fails in its body
    failed for an item it certainly reaches.)"""
    if node is None:
        return False
    stack: list[tuple[ast.AST, bool]] = [(statement, True)]
    while stack:
        current, certain = stack.pop()
        if current is node:
            return certain
        for child in ast.iter_child_nodes(current):
            sure = certain and not (
                (isinstance(current, ast.IfExp) and child is not current.test)
                or (isinstance(current, ast.BoolOp) and child is not current.values[0])
                or isinstance(current, ast.Lambda)
            )
            stack.append((child, sure))
    return False


def _raises_another(handler: ast.ExceptHandler) -> bool:
    """Whether ``handler`` may raise an error of its own (``raise RuntimeError(...)``) rather
    than the one it caught (a bare ``raise``, or ``raise e`` of its own name)."""
    for node in _own_nodes(handler.body):
        if (
            isinstance(node, ast.Raise)
            and node.exc is not None
            and not (isinstance(node.exc, ast.Name) and node.exc.id == handler.name)
        ):
            return True
    return False


def _fails_to_loop(loop: ast.For | ast.AsyncFor, problem: Problem) -> bool:
    """Whether ``problem`` certainly stops the loop: giving its names an item (reported only
    for an item the loop reaches), when its body cannot leave the loop before that item; or
    its iterable, which is always evaluated."""
    node = problem.node
    if node is None:
        return False
    if getattr(problem.error, "op", None) == "unpack" or any(
        n is node for n in ast.walk(loop.target)
    ):
        return not _breaks(loop.body) and not any(
            isinstance(n, (ast.Raise, ast.Yield, ast.YieldFrom)) for n in _own_nodes(loop.body)
        )
    return any(n is node for n in ast.walk(loop.iter)) and _certainly_evaluated(loop, node)


def _lines_skipped(body: list[ast.stmt], name: str) -> int:
    """How many lines the statements opening ``body`` read one by one from the handle
    ``name`` (``f.readline()``, ``header = next(f).strip()``), each reading it once and
    nothing else of it; 0 when the first statement does something else."""
    skipped = 0
    for statement in body:
        value = (
            statement.value
            if isinstance(statement, (ast.Expr, ast.Assign, ast.AnnAssign))
            else None
        )
        if value is None:
            break
        reads = [
            n
            for n in ast.walk(value)
            if isinstance(n, ast.Call)
            and (
                (
                    isinstance(n.func, ast.Attribute)
                    and n.func.attr == "readline"
                    and isinstance(n.func.value, ast.Name)
                    and n.func.value.id == name
                    and not n.args
                    and not n.keywords
                )
                or (
                    isinstance(n.func, ast.Name)
                    and n.func.id == "next"
                    and len(n.args) == 1
                    and not n.keywords
                    and isinstance(n.args[0], ast.Name)
                    and n.args[0].id == name
                )
            )
        ]
        uses = [n for n in ast.walk(statement) if isinstance(n, ast.Name) and n.id == name]
        if len(reads) != 1 or len(uses) != 1:
            break
        skipped += 1
    return skipped


def _breaks(body: list[ast.stmt]) -> bool:
    """Whether a loop's body may leave it early (``break``, ``continue``, ``return``)."""
    return any(isinstance(n, (ast.Break, ast.Continue, ast.Return)) for n in _own_nodes(body))


def _stores_into_objects(statement: ast.stmt) -> bool:
    """Whether ``statement`` may store into an object: an attribute or item assigned or
    deleted (``__main__.n = 6``, ``g["n"] = 3``), or a call (``setattr(m, "n", 6)``,
    ``vars(m).update(…)``, a function doing so)."""
    for node in ast.walk(statement):
        if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(
            node.ctx, (ast.Store, ast.Del)
        ):
            return True
        if isinstance(node, ast.Call):
            return True
    return False


#: the libraries whose names ``from … import *`` is read from by importing them here:
#: NumPy's and Python's own that import nothing of the submission's and run nothing more
_STAR_IMPORTABLE = frozenset(
    {"numpy", "numpy.linalg", "numpy.random", "numpy.fft", "numpy.testing", "math", "cmath",
     "statistics", "random", "itertools", "functools", "operator", "string", "collections",
     "typing", "dataclasses", "os", "os.path", "json", "csv", "time", "pathlib", "copy", "re",
     "decimal", "fractions", "numbers", "heapq", "bisect", "textwrap", "enum", "abc"}
)  # fmt: skip


def _raises_again(statement: ast.Try, certainly: bool = False) -> bool:
    """Whether a handler of ``statement`` raises (again, or anew): an exit it catches may
    then leave it (``except SystemExit: raise``); ``certainly``: every handler has a bare
    ``raise`` of its own at its top level (the exit certainly goes on)."""
    if certainly:
        return all(
            any(isinstance(s, ast.Raise) and s.exc is None for s in handler.body)
            for handler in statement.handlers
        )
    return any(
        isinstance(node, ast.Raise) for handler in statement.handlers for node in ast.walk(handler)
    )


def _written_method(info: ClassInfo, name: str) -> ast.FunctionDef | None:
    """The method ``name`` as the class (or the nearest base of the file's defining it)
    writes it, the last definition in its body; None when none does."""
    klass: ClassInfo | None = info
    for _ in range(64):
        if klass is None:
            return None
        found = [f for f in klass.node.body if isinstance(f, ast.FunctionDef) and f.name == name]
        if found:
            return found[-1]
        klass = klass.base
    return None


def _falsy(written: ast.expr) -> bool:
    """Whether ``written`` is a literal Python takes as false (``None``, ``0``, ``""``,
    ``[]``, ``()``, ``{}``)."""
    if isinstance(written, ast.Constant):
        return not written.value
    if isinstance(written, (ast.List, ast.Tuple, ast.Set)):
        return not written.elts
    return isinstance(written, ast.Dict) and not written.keys


def _caught_around_yield(fdef: ast.FunctionDef, call: ast.Call) -> ast.expr | Literal[False] | None:
    """What a generator used as a context manager suppresses: the exceptions of the handlers
    of a ``try`` whose body yields (None: any, a bare ``except``), else False."""
    caught: list[ast.expr] = []
    stack: list[ast.AST] = list(fdef.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, (ast.With, ast.AsyncWith)) and any(
            isinstance(inner, (ast.Yield, ast.YieldFrom))
            for statement in node.body
            for inner in ast.walk(statement)
        ):  # with suppress(ValueError): yield; with inner(): yield (what inner swallows)
            for item in node.items:
                caught += _swallowed_by(item.context_expr, node)
        if isinstance(node, (ast.Try, ast.TryStar)) and any(
            isinstance(inner, (ast.Yield, ast.YieldFrom))
            for statement in node.body
            for inner in ast.walk(statement)
        ):
            if _jumps(node.finalbody) or any(
                isinstance(n, ast.Return) for n in _own_nodes(node.finalbody, loops=True)
            ):
                return None  # try: yield / finally: return: whatever was raised is dropped
            for handler in node.handlers:
                if handler.body and isinstance(handler.body[-1], ast.Raise):
                    continue  # except Exception: log(e); raise: it swallows nothing
                kind = _given_for(handler.type, fdef, call) if handler.type is not None else None
                if any(isinstance(n, ast.Raise) for n in _own_nodes(handler.body, loops=True)):
                    kind = ast.copy_location(_may_swallow(), handler)  # (it may raise again)
                if kind is None:  # (a bare except, or a class given in a way not read)
                    return None
                caught.append(kind)
        stack.extend(ast.iter_child_nodes(node))
    if not caught:
        return False
    return caught[0] if len(caught) == 1 else ast.Tuple(caught, ast.Load())


#: managers a ``@contextmanager`` generator may yield inside, which swallow nothing
_NOT_SWALLOWING = frozenset(
    {"open", "errstate", "catch_warnings", "redirect_stdout", "redirect_stderr", "printoptions",
     "nullcontext", "TemporaryDirectory", "chdir", "closing"}
)  # fmt: skip


def _swallowed_by(made: ast.expr | None, at: ast.AST) -> list[ast.expr]:
    """What the manager ``made`` (written in a ``with`` or given to an ExitStack) swallows,
    as classes an ``except`` would name: ``suppress(ValueError)`` those it names, one of
    :data:`_NOT_SWALLOWING` none, anything else perhaps anything (see :func:`_may_swallow`,
    placed at ``at``)."""
    func = made.func if isinstance(made, ast.Call) else None
    last = (dotted(func) or "").rsplit(".", 1)[-1] if func is not None else ""
    if last == "suppress" and isinstance(made, ast.Call):
        return list(made.args)
    if last in _NOT_SWALLOWING:
        return []
    return [ast.copy_location(_may_swallow(), at)]


def _given_for(kind: ast.expr, fdef: ast.FunctionDef, call: ast.Call) -> ast.expr | None:
    """``kind``, the class a handler of the generator ``fdef`` names, as the ``call`` of it
    gives it: ``except kind`` of ``expecting(ValueError)`` is ``ValueError``; None when a
    parameter it names is not given by place or keyword (or by a star)."""
    params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
    named = {a.arg for a in fdef.args.kwonlyargs} | set(params)
    if not any(isinstance(n, ast.Name) and n.id in named for n in ast.walk(kind)):
        return kind
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    if any(
        isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in named
        for n in ast.walk(fdef)
    ):  # kind = KeyError in its body: what the handler reads is not what was given
        return None
    # (a parameter not given is its default: def expecting(kind=KeyError)), when it is one
    # of Python's exceptions by name (a name of the file's is read when the def runs, and
    # may hold another class by the time of the call)
    defaults = [
        *zip(params[len(params) - len(fdef.args.defaults) :], fdef.args.defaults, strict=True),
        *zip([a.arg for a in fdef.args.kwonlyargs], fdef.args.kw_defaults, strict=True),
    ]
    given: dict[str, ast.expr] = {
        param: default
        for param, default in defaults
        if default is not None and _builtin_exception(default)
    }
    given.update(zip(params, call.args, strict=False))
    given.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    if isinstance(kind, ast.Name):
        return given.get(kind.id) if kind.id in named else kind
    if isinstance(kind, ast.Tuple):
        parts = [_given_for(e, fdef, call) for e in kind.elts]
        if any(p is None for p in parts):
            return None
        return ast.copy_location(ast.Tuple([p for p in parts if p is not None], ast.Load()), kind)
    return None


def _builtin_exception(written: ast.expr | None) -> bool:
    """Whether ``written`` names one of Python's exception classes (``KeyError``)."""
    found = getattr(builtins, written.id, None) if isinstance(written, ast.Name) else None
    return isinstance(found, type) and issubclass(found, BaseException)


def _names_library(written: ast.expr, name: str) -> bool:
    """Whether ``written`` is ``name`` or ``<module>.name`` (``contextlib.ExitStack``)."""
    return (isinstance(written, ast.Name) and written.id == name) or (
        isinstance(written, ast.Attribute) and written.attr == name
    )


#: what holds code that runs apart from the statements around it
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LOOPS = (ast.For, ast.While)


def _own_nodes(body: list[ast.stmt], *, loops: bool = False) -> list[ast.AST]:
    """The nodes of ``body`` outside nested function definitions, and outside nested loops
    unless ``loops``."""
    skipped = _FUNCTIONS if loops else (*_LOOPS, *_FUNCTIONS)
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(node, skipped):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


__all__ = ["Interpreter"]


def _folder_sets(folder: str, pattern: re.Pattern[str]) -> bool:
    """Whether a Python file in the package ``folder`` or below it (at most 200 files of up
    to 1 MB) has text ``pattern`` finds."""
    seen = 0
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))[:20]
        for file in sorted(files):
            if not file.endswith(".py"):
                continue
            seen += 1
            if seen > 200:
                return True  # (too many to read: it may)
            path = os.path.join(root, file)
            try:
                if os.path.getsize(path) > 1 << 20:
                    continue
                with open(path, encoding="utf-8", errors="replace") as handle:
                    if pattern.search(handle.read()):
                        return True
            except OSError:
                continue
    return False


#: the key, in the memo of an item of a 1-D array a loop goes over, saying that its value is
#: read at its own step (a NumPy number: a copy), so writes of earlier steps leave it valid
_EACH_STEP = "read at its step"


def _each_step(item: Operand) -> Operand:
    """An item of ``zip(a, b)`` or ``enumerate(a)`` over 1-D arrays: its elements each read
    at its step (see :data:`_EACH_STEP`)."""
    if item.kind != "tuple" or item.items is None:
        return item
    parts = tuple(
        replace(e, memo={**e.memo, _EACH_STEP: True})
        if e.kind in ("array", "number") and e.shape == () and not zero_d(e)
        else e  # (an array, a list or an object a list holds: the very one, not a copy)
        for e in item.items
    )
    return replace(sequence("tuple", parts), memo={_EACH_STEP: True})


def _read_now(element: Operand) -> Operand:
    """An element read at its step: its values stamped as read now."""
    if element.memo.get(_EACH_STEP) and element.made is not None:
        return replace(element, made=written_count())
    return element


def _writes_through_views(body: list[ast.stmt]) -> bool:
    """Whether ``body`` may write into an array that may be a view of another: an item or
    slice written into an array reached by anything but a plain name (``a[1:][0] = 5``,
    ``obj.w[0] = 1``), a method or function that writes in place (``np.copyto``, ``out=``),
    or a call of the file's own functions (which may do either)."""
    for node in _own_nodes(body, loops=True):
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and not isinstance(target.value, ast.Name):
                    return True
        if isinstance(node, ast.Call):
            return True
    return False
