"""Python files and notebooks for the checker: the shape interpreter's view of each name.

The checker asks one question of a module or notebook: for each expected
name, what does the code leave in it (a shape, an error, or "cannot know
without running"), and which operations would NumPy refuse. The static
interpreter (:mod:`shapekit.engine.program`) answers it. Nothing is ever run.

Syntax errors are found here first, with :func:`~shapekit.check.readers.pysource.parse`
(whose messages point at a missing comma exactly): a module that does not
parse has no values at all; a notebook cell that does not parse is skipped,
as Jupyter would go on with the next cell, and reported as a problem.
"""

from __future__ import annotations

import ast
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapekit.check.expect import Expect, Expectations
from shapekit.check.readers.commas import CommaSlip, comma_slips
from shapekit.check.readers.jsontext import missing_name
from shapekit.check.readers.notebook import changes_nothing
from shapekit.check.readers.pysource import (
    NO_ARRAY,
    assignments,
    literal,
    node_at,
    node_position,
    parse,
    pick,
)
from shapekit.check.results import FileResult, Problem, Variable
from shapekit.check.verdicts import (
    bare,
    clip,
    compare,
    error_variable,
    expected_json,
    judge_shape,
    judge_source,
    line_in,
    missing_variable,
    stem,
)
from shapekit.engine._datafiles import within_folder
from shapekit.engine._host import assigned_names
from shapekit.engine.program import UNDECIDED, analyse
from shapekit.errors import InputError, NotANumberError, ShapeError, detached

__all__ = ["Analysis", "analyse_cells", "check_program"]


@dataclass
class Analysis:
    """What the checker needs from one module or notebook.

    ``program`` answers ``binding(name)``, ``names`` and ``problems`` (the
    interpreter's :class:`~shapekit.engine.program.Program`); ``texts`` holds
    each cell's source for excerpts; ``syntax`` the syntax errors (a module's
    stops everything, a cell's only that cell); ``slips`` the missing commas
    that still parse; ``default`` the name of the one array-like variable,
    for a run that names none; ``lone`` a file that is a single expression.
    """

    program: Any
    texts: dict[int | None, str]
    syntax: list[InputError] = field(default_factory=list)
    slips: list[CommaSlip] = field(default_factory=list)
    default: str | None = None
    default_error: InputError | None = None
    lone: ast.expr | None = None
    trees: dict[int | None, ast.Module] = field(default_factory=dict)
    #: the file (its modules and data files are read beside it) and whether its cells ran in
    #: order: a fix is tried in the whole file the same way
    file: str | None = None
    in_order: bool = False
    #: the cells as the student wrote them (IPython syntax and all), for the excerpts
    shown: dict[int | None, str] = field(default_factory=dict)
    #: why a run that names no variable cannot tell which is the file's array (one is
    #: known, others are not known)
    default_unknown: str | None = None
    #: whether the variable a run without names checks is a list written out (not one the
    #: interpreter picked among the program's arrays)
    default_written: bool = False


def analyse_cells(
    cells: Sequence[tuple[int | None, str]],
    file: str,
    *,
    find_default: bool = True,
    in_order: bool = False,
    captured: dict[int, str | None] | None = None,
    written_files: dict[str, int] | None = None,
) -> Analysis:
    """Parse every cell, find commas that are missing, and run the shape interpreter.

    ``find_default`` also looks for the one array-like variable, for a run
    that names no variable.

    >>> a = analyse_cells([(None, "x = [[1, 2], [3, 4]]\\n")], "a.py")
    >>> a.program.binding("x").shape, a.default
    ((2, 2), 'x')
    """
    # Python reads a lone carriage return (old Mac files) and CRLF as the end of a line, as
    # shapekit's positions do from here on
    cells = [
        (cell, text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text)
        for cell, text in cells
    ]
    texts = {cell: text for cell, text in cells}
    analysis = Analysis(program=None, texts=texts, shown=dict(texts))
    good: list[tuple[int | None, str]] = []
    parsed: list[tuple[int | None, str, ast.Module | InputError]] = []
    with warnings.catch_warnings():  # what Python only warns about is read silently
        warnings.simplefilter("ignore")
        for cell, text in cells:
            try:
                parsed.append((cell, text, parse(text, file, cell=cell, quiet=True)))
            except InputError as exc:
                parsed.append((cell, text, detached(exc)))
    for cell, text, tree in parsed:
        if isinstance(tree, InputError):
            analysis.syntax.append(tree)
            continue
        analysis.trees[cell] = tree
        analysis.slips.extend(comma_slips(tree, text, cell))
        good.append((cell, text))
        if find_default and cell not in (written_files or {}).values():
            _pick_default(analysis, tree, file)  # (not a %%writefile cell: read as open())
    for cell, name in (captured or {}).items():
        if cell in analysis.trees and name is not None and name.startswith(_TIMED):
            analysis.trees[cell] = _timed(analysis.trees[cell], name)
        elif cell in analysis.trees:
            analysis.trees[cell] = _swallowing(analysis.trees[cell], name)
    # a cell that does not parse binds nothing: names read after it are not judged missing
    in_order = in_order and not analysis.syntax
    analysis.file, analysis.in_order = file, in_order
    analysis.program = _interpreter(good, file, analysis.trees, in_order, written_files)
    if analysis.lone is not None and len(analysis.trees) > 1:
        # a notebook's cell that shows a value (`output.shape`) is no file of one literal
        analysis.lone, analysis.default_error = None, None
    if find_default and analysis.default is None and analysis.lone is None:
        _default_from_program(analysis, file)
    return analysis


#: a cell run by ``%%capture``, which IPython runs to its first error and no further, and
#: whose error does not stop the notebook
_CAPTURE = re.compile(r"[ \t]*%%capture\b(?P<args>[^\n]*)")


#: a ``%%timeit`` cell (its body runs in a function of timeit's own)
_TIMEIT = re.compile(r"[ \t]*%%timeit\b")
#: what :func:`_captured` says of a ``%%timeit`` cell
_TIMED = "%%timeit"


def _captured(written: dict[int, str]) -> dict[int, str | None]:
    """The cells run by ``%%capture``, each with the name its output is kept in (``%%capture
    out``), if any; and the ``%%timeit`` cells (said :data:`_TIMED`)."""
    found: dict[int, str | None] = {}
    for cell, text in written.items():
        if _TIMEIT.match(text.lstrip()):
            found[cell] = text.lstrip().partition("\n")[0]  # the magic's line (-n, -r)
            continue
        names = _magic_arguments(_CAPTURE, text)
        if names is not None:
            found[cell] = names[0] if names and names[0].isidentifier() else None
    return found


def _magic_arguments(pattern: re.Pattern[str], text: str) -> list[str] | None:
    """The arguments (not the options) of a cell magic ``pattern`` matches at the start of
    the cell (IPython takes a cell's indentation off first); None when it does not."""
    magic = pattern.match(text.lstrip())
    return None if magic is None else [a for a in magic["args"].split() if not a.startswith("-")]


def _timed(tree: ast.Module, magic: str) -> ast.Module:
    """A ``%%timeit`` cell as it runs: inside a function of its own (what it binds stays
    there; what it reads is the notebook's), the lines and columns of each statement
    unchanged. The function runs the set-up (the statements on the magic's line) once and
    the body ``-n`` times, and is called ``-r`` times (7 unless told). A body that changes
    nothing is read once; without ``-n`` (timeit tries counts until the time is long
    enough) a body that may change things runs once and then a number of times not known."""
    if not tree.body:
        return tree
    first, last = tree.body[0], tree.body[-1]
    setup = [s for s in tree.body if s.lineno == 1]
    body = [s for s in tree.body if s.lineno > 1]
    number, repeat = _timeit_counts(magic)
    if not setup and changes_nothing(_text(body), names=True):
        number = repeat = 1
    statements: list[ast.stmt] = list(setup)
    if number == 1:
        statements.extend(body)
    elif number is not None:
        statements.append(_loop(_counted(number), body))
    else:
        statements.extend([*body, _loop(_endless(), body)])
    arguments = ast.arguments(
        posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
        defaults=[],
    )  # fmt: skip
    timed = ast.FunctionDef(name="timed", args=arguments, body=statements, decorator_list=[])
    timed.hidden = True  # type: ignore[attr-defined]  # (its locals are no variables)
    call = ast.Expr(ast.Call(ast.Name("timed", ast.Load()), [], []))
    calls: list[ast.stmt] = [call]
    if number is None:
        calls.append(_loop(_endless(), [call]))
    elif repeat > 1:
        calls = [_loop(_counted(repeat), [call])]
    written = {id(node) for node in ast.walk(tree)}
    for top in (timed, *calls):
        for node in ast.walk(top):
            if id(node) not in written:  # (what the engine adds is placed at the cell's code)
                ast.copy_location(node, first)
                node.end_lineno = last.end_lineno  # type: ignore[attr-defined]
                node.end_col_offset = last.end_col_offset  # type: ignore[attr-defined]
    return ast.Module(body=[timed, *calls], type_ignores=tree.type_ignores)


def _text(statements: list[ast.stmt]) -> str:
    return ast.unparse(ast.Module(body=statements, type_ignores=[]))


def _timeit_counts(magic: str) -> tuple[int | None, int]:
    """``%%timeit``'s ``-n`` (None when not given: timeit finds it) and ``-r`` (7).

    >>> _timeit_counts("%%timeit -n 4 -r1 L.append(0)"), _timeit_counts("%%timeit")
    ((4, 1), (None, 7))
    """
    found = {
        m["option"]: int(m["count"])
        for m in re.finditer(r"(?:^|[ \t])-(?P<option>[nr])[ \t]*(?P<count>\d{1,6})\b", magic)
    }
    return found.get("n"), found.get("r", 7)


def _counted(count: int) -> ast.expr:
    return ast.Call(ast.Name("range", ast.Load()), [ast.Constant(count)], [])


def _endless() -> ast.expr:
    """An iterable whose length is not known (``iter(int, 1)`` never ends in Python; the
    engine does not follow it)."""
    return ast.Call(
        ast.Name("iter", ast.Load()), [ast.Name("int", ast.Load()), ast.Constant(1)], []
    )


def _loop(iterable: ast.expr, body: list[ast.stmt]) -> ast.For:
    return ast.For(ast.Name("_", ast.Store()), iterable, body, [])


def _swallowing(tree: ast.Module, name: str | None = None) -> ast.Module:
    """A ``%%capture`` cell as it runs: its statements inside ``try: … except BaseException:
    pass`` (the lines and columns of each statement unchanged), then ``name`` bound to what
    IPython keeps the output in (not followed)."""
    if not tree.body:
        return tree
    first, last = tree.body[0], tree.body[-1]
    caught = ast.Name("BaseException", ast.Load())  # sys.exit() there too
    handler = ast.ExceptHandler(type=caught, name=None, body=[ast.Pass()])
    wrapped = ast.Try(body=tree.body, handlers=[handler], orelse=[], finalbody=[])
    nodes: list[ast.stmt | ast.expr | ast.ExceptHandler] = [wrapped, handler, caught]
    for node in [*nodes, handler.body[0]]:
        ast.copy_location(node, first)
        node.end_lineno, node.end_col_offset = last.end_lineno, last.end_col_offset
    body: list[ast.stmt] = [wrapped]
    if name is not None:  # out = <the captured output>, on the magic's own line
        kept = ast.Assign(
            targets=[ast.Name(name, ast.Store())], value=ast.Name("__captured__", ast.Load())
        )
        for node in (kept, kept.targets[0], kept.value):
            node.lineno, node.col_offset = 1, 0
            node.end_lineno, node.end_col_offset = 1, 0
        body.append(kept)
    return ast.Module(body=body, type_ignores=tree.type_ignores)


def _default_from_program(analysis: Analysis, file: str) -> None:
    """With no list written out, the variable a run without names checks is the only one
    assigned at the top level that the interpreter knows as an array (``y = np.zeros((2,
    3))``); several are a usage question, as several lists are."""
    top: set[str] = set()  # what the module's statements bind, in compound ones too
    for tree in analysis.trees.values():
        assigned_names(tree.body, None, top, definitions=False)
    top -= _incidental_names(analysis.trees.values())
    arrays = []
    unknown_names = []
    holders = []  # names holding something else than numbers or text: dicts, lists, objects
    for name in sorted(top):
        binding = analysis.program.binding(name)
        if binding is not None and binding.status == "known" and binding.shape:
            arrays.append(name)
        elif binding is not None and binding.status == "unknown":
            unknown_names.append(name)
        elif (
            binding is not None
            and binding.status == "error"
            and not isinstance(binding.node, (ast.Constant, ast.JoinedStr))
        ):
            holders.append(name)
    if not arrays and not unknown_names and holders:  # params = {"W": …}, layer = Layer()
        listed = ", ".join(holders[:4]) + (" …" if len(holders) > 4 else "")
        analysis.default_unknown = (
            f"no array is assigned on its own here: {listed} "
            f"{'holds' if len(holders) == 1 else 'hold'} something else (a dict, a list of "
            "arrays, an object …); name the variable to check with --var NAME or --expect "
            "NAME=SHAPE"
        )
        return
    if len(arrays) == 1 and unknown_names:  # another may be the array meant: not told
        listed = ", ".join(unknown_names[:4]) + (" …" if len(unknown_names) > 4 else "")
        analysis.default_unknown = (
            f"{arrays[0]} is the one array shapekit knows here, but {listed} may hold arrays "
            "too, which shapekit cannot follow without running the file; name the variable "
            "to check with --var NAME or --expect NAME=SHAPE"
        )
    elif len(arrays) == 1:
        analysis.default, analysis.default_error = arrays[0], None
    elif not arrays and unknown_names:  # arrays, perhaps, whose shapes are not known
        listed = ", ".join(unknown_names[:4]) + (" …" if len(unknown_names) > 4 else "")
        analysis.default_unknown = (
            f"shapekit knows no array's shape here: {listed} may hold arrays, which shapekit "
            "cannot follow without running the file; name the variable to check with --var "
            "NAME or --expect NAME=SHAPE"
        )
    elif arrays:  # not judged (a usage question), as an unknown is: no failure
        analysis.default_unknown = (
            f"several variables hold arrays ({', '.join(arrays)}); choose one with --var NAME, "
            "or name each with --expect NAME=SHAPE"
        )


def _unfollowed_from(analysis: Analysis, name: str, expectations: Expectations) -> list[Variable]:
    """A run without names judges the list written out; the first name the module computes
    from it that shapekit cannot follow (``uniq = np.unique(X, axis=0)``, ``h = layer(X)``)
    is said to be unknown too: whether the file runs past it is not known."""
    top: set[str] = set()
    for tree in analysis.trees.values():
        assigned_names(tree.body, None, top, definitions=False)
    top -= _incidental_names(analysis.trees.values())
    derived = _computed_from(analysis.trees.values(), name)
    for other in sorted(top - {name}):
        binding = analysis.program.binding(other)
        if binding is None or binding.status != "unknown" or binding.node is None:
            continue
        if other in derived or any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(binding.node)
        ):
            message = (
                f"{other}, computed from {name} at line {binding.line}, cannot be followed "
                f"({binding.reason or 'not known without running the file'}): whether the "
                "file runs past it is not known; name the variables to check with --expect "
                "NAME=SHAPE"
            )
            return [
                Variable(
                    other,
                    "unknown",
                    expected=expected_json(expectations.anonymous),
                    line=binding.line,
                    column=binding.column,
                    cell=binding.cell,
                    message=clip(message),
                )
            ]
    return []


def _computed_from(trees: Any, name: str) -> set[str]:
    """The names the module's statements compute from ``name``, directly or through other
    names (``params[i]["W"] = np.ones((n_out, n_in))`` in a loop over ``zip(sizes, …)``,
    then ``a = a @ params[i]["W"]``): each statement of the module, taken whole, makes every
    name it binds or changes (``params[...] = …``, ``outs.append(…)``) computed from what it
    reads."""
    statements = [s for tree in trees for s in tree.body]
    # (np.mean(X) reads X and changes no module)
    modules = {bound.partition(".")[0] for bound, _imported in _imports(trees)}
    derived = {name}
    for _round in range(8):  # (a name computed from one made later: a few rounds)
        before = len(derived)
        for statement in statements:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            read = {
                n.id
                for n in ast.walk(statement)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            }
            if not read & derived:
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    derived.add(node.id)
                elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(
                    node.ctx, ast.Store
                ):
                    base: ast.expr = node
                    while isinstance(base, (ast.Subscript, ast.Attribute)):
                        base = base.value
                    if isinstance(base, ast.Name):
                        derived.add(base.id)
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                ) and node.func.value.id not in modules:  # outs.append(x @ w): outs changed
                    derived.add(node.func.value.id)
        if len(derived) == before:
            break
    return derived


def _incidental_names(trees: Any) -> set[str]:
    """The names a module binds only as a loop's variable, a ``with``'s ``as`` or an
    ``except``'s name (``for row in X``): not what a student means as the array to check.
    Statements are walked, not their expressions (a walrus is found in the tree's nodes)."""
    from shapekit.engine._host import nodes_of

    incidental: set[str] = set()
    plain: set[str] = set()
    for tree in trees:
        plain.update(
            n.target.id
            for n in nodes_of(tree)
            if isinstance(n, ast.NamedExpr) and isinstance(n.target, ast.Name)
        )
        stack: list[ast.AST] = list(tree.body)
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            targets: list[ast.AST] = []
            if isinstance(node, (ast.For, ast.AsyncFor)):
                targets = [node.target]
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                targets = [i.optional_vars for i in node.items if i.optional_vars is not None]
            elif isinstance(node, ast.ExceptHandler) and node.name:
                incidental.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                written = node.targets if isinstance(node, ast.Assign) else [node.target]
                plain.update(n.id for t in written for n in ast.walk(t) if isinstance(n, ast.Name))
            for target in targets:
                incidental.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
            for part in ("body", "orelse", "finalbody", "handlers", "cases"):
                stack.extend(getattr(node, part, ()))
    return incidental - plain


def _rows_of_a_program(variable: Variable, binding: Any, analysis: Analysis) -> None:
    """A run without names judges the one list written out. When it is ragged and the
    program only ever reads it row by row (``for s in seqs``, ``len(seqs[0])``,
    ``enumerate(seqs)``), never as one array (``np.array(seqs)``, ``seqs + 1``), it is a
    list of sequences the program pads or walks, as running shows: ``unknown``, not failed."""
    from shapekit.errors import RaggedError

    if not isinstance(getattr(binding, "error", None), RaggedError):
        return
    name = binding.name
    read_as_rows = False
    for tree in analysis.trees.values():
        parents: dict[int, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                parents[id(child)] = node
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Name) and node.id == name):
                continue
            if isinstance(node.ctx, ast.Store):
                continue
            parent = parents.get(id(node))
            if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
                read_as_rows = True
            elif isinstance(parent, ast.Subscript) and parent.value is node:
                read_as_rows = True  # seqs[0], seqs[i]: a row
            elif (
                isinstance(parent, ast.Call)
                and isinstance(parent.func, ast.Name)
                and parent.func.id in ("len", "enumerate", "zip", "reversed", "sorted", "map")
            ):
                read_as_rows = True
            else:
                return  # (np.array(seqs), seqs + 1, f(seqs) …: perhaps as one array)
    if read_as_rows:
        variable.status, variable.shape = "unknown", None
        variable.message = clip(
            f"{name} is a list of rows of different lengths, which the file reads row by row "
            "(never as one array): not judged as an array; name the variable to check with "
            "--var NAME or --expect NAME=SHAPE"
        )


def _changed_after_written(variable: Variable, binding: Any, analysis: Analysis) -> None:
    """A run without names judges the one list written out with numbers. When that list is
    written as an array (homologous) and the file changes it later into something else
    (``w[1].pop()``), never making it one, the file is not judged on it (``unknown``)."""
    from shapekit.shapes import shape

    written = None
    for tree in analysis.trees.values():
        found = assignments(tree).get(binding.name)
        written = found if found is not None else written
    if written is None:
        return
    try:
        value = ast.literal_eval(written)
        first = shape(value, allow_bool=True)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError, ShapeError):
        return
    variable.status, variable.shape = "unknown", None
    variable.message = clip(
        f"{binding.name} is written as an array of shape {tuple(first)}, and the file changes "
        "it later into a list that is not one (no failure by itself: an operation on it that "
        "NumPy refuses is a problem); name the variable to check with --var NAME or --expect "
        "NAME=SHAPE"
    )


def _imports(trees: Iterable[ast.Module]) -> list[tuple[str, str | None]]:
    """What each ``import`` of the file binds, with what it imports: ``import numpy as np``
    gives ("np", "numpy"); ``from os import path`` gives ("path", None)."""
    return [
        (alias.asname or alias.name, alias.name if isinstance(node, ast.Import) else None)
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]


def _arrays_in_functions(trees: dict[int | None, ast.Module]) -> list[tuple[str, str]]:
    """The names the file's functions bind to lists written out or to what NumPy makes
    (``A = [[1, 2], …]``, ``W = np.zeros((3, 4))`` in ``def main():``), each with its
    function's name."""
    found: list[tuple[str, str]] = []
    numpy = {bound for bound, imported in _imports(trees.values()) if imported == "numpy"}
    for tree in trees.values():
        for fdef in ast.walk(tree):
            if not isinstance(fdef, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fdef):
                if not (
                    isinstance(node, ast.Assign)
                    and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                ):
                    continue
                value = node.value
                root = value.func if isinstance(value, ast.Call) else None
                while isinstance(root, ast.Attribute):
                    root = root.value
                made = isinstance(value, ast.List) or (
                    isinstance(value, ast.Call)
                    and isinstance(value.func, ast.Attribute)
                    and isinstance(root, ast.Name)
                    and root.id in numpy
                )
                if made and (node.targets[0].id, fdef.name) not in found:
                    found.append((node.targets[0].id, fdef.name))
    return found


def _not_judged(result: FileResult, expectations: Expectations, message: str) -> None:
    """A run without names that has no one array to judge in the file: its variable (named
    by the file) is ``unknown``, with ``message`` saying why."""
    result.variables.append(
        Variable(
            stem(result.file),
            "unknown",
            expected=expected_json(expectations.anonymous),
            message=message,
        )
    )


def _pick_default(analysis: Analysis, tree: ast.Module, file: str) -> None:
    """The variable a run without names checks: the only array-like one (a later cell wins)."""
    try:
        node, name = pick(tree, None, file, numbers_only=True)
    except InputError as exc:
        if analysis.default is None and analysis.lone is None:
            analysis.default_error = exc
        return
    if name is None:
        analysis.lone, analysis.default = node, None
    else:
        analysis.default, analysis.lone = name, None
    analysis.default_written = name is not None
    analysis.default_error = None


def _interpreter(
    cells: list[tuple[int | None, str]],
    file: str,
    trees: dict[int | None, ast.Module],
    in_order: bool = False,
    written_files: dict[str, int] | None = None,
) -> Any:
    # a module the notebook writes itself (%%writefile helper.py) is not the copy on disk
    modules: dict[str, Any] = {}
    for name, cell in (written_files or {}).items():
        target = within_folder(file, name)
        if target is not None:
            modules[target] = f"{name}, which cell {cell} writes (%%writefile): not followed"
    return analyse(
        [(cell, text, trees[cell]) for cell, text in cells],
        file=file,
        in_order=in_order,
        modules=modules or None,
    )


#: a cell that writes its body to a file (``%%writefile [-a] helper.py``)
_WRITEFILE = re.compile(r"[ \t]*%%writefile\b(?P<args>[^\n]*)")


def _written_files(written: dict[int, str]) -> dict[str, int]:
    """The files the notebook's ``%%writefile`` cells write, each with its (last) cell."""
    found: dict[str, int] = {}
    for cell, text in written.items():
        names = _magic_arguments(_WRITEFILE, text)
        if names:
            found[names[-1].strip("'\"")] = cell
    return found


# -- verdicts on a module or notebook -------------------------------------------------------


def check_program(
    result: FileResult,
    cells: list[tuple[int | None, str]],
    expectations: Expectations,
    allow_bool: bool,
    in_order: bool = False,
    unseen: Sequence[int] = (),
    written: dict[int, str] | None = None,
    allowed: set[int] | None = None,
) -> None:
    """Check a module or a notebook's code cells (``in_order``: a notebook whose cells are
    judged as running in order from a fresh kernel, as graders run it; see
    :func:`shapekit.engine.program.analyse`; ``unseen``: the cells whose IPython syntax may
    bind names shapekit does not see, ``%run helper.py``, ``x = !ls`` …; ``allowed``: the
    cells tagged ``raises-exception``, whose error lets the next cells run)."""
    if not cells and not expectations.names and expectations.anonymous is None:
        _not_judged(  # (a notebook of markdown only runs through: nothing to judge)
            result,
            expectations,
            "this notebook has no code cells, so there is no variable to judge",
        )
        return
    if not cells:
        raise InputError(
            f"{result.file}: this notebook has no code cells", kind="no_variable", file=result.file
        )
    # (a cell whose error is allowed runs as a %%capture cell does: what it raises is let pass)
    captured = {**dict.fromkeys(allowed or ()), **_captured(written or {})}
    analysis = analyse_cells(
        cells,
        result.file,
        find_default=not expectations.names,
        in_order=in_order,
        captured=captured,
        written_files=_written_files(written or {}),
    )
    shifts: dict[int, dict[int, int]] = {}  # cell: line: columns a prompt took off it
    for cell, text in (written or {}).items():  # a magic line shown as written, not as read
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if cell in analysis.shown and text.count("\n") == analysis.shown[cell].count("\n"):
            shifts[cell] = _prompt_widths(text, analysis.shown[cell])
            analysis.shown[cell] = text
    if analysis.syntax and None in analysis.texts:  # a module that does not parse has no values
        raise analysis.syntax[0]
    own = _own_problems(analysis, result.file)
    engine = _engine_problems(analysis, result.file, expectations)
    names = list(expectations.names)
    if not names:
        if analysis.lone is not None:
            _check_lone(result, analysis, expectations, allow_bool)
        elif analysis.default is None and analysis.default_unknown is not None:
            _not_judged(result, expectations, analysis.default_unknown)
        elif analysis.default is None and (inside := _arrays_in_functions(analysis.trees)):
            _not_judged(
                result,
                expectations,
                "the arrays of this code are made inside functions ("
                + ", ".join(f"`{n}` in {f}()" for n, f in inside[:3])
                + "), not at its top level: name the one to check with --expect NAME=SHAPE",
            )
        elif (
            analysis.default is None
            and expectations.anonymous is None  # (--expect 3,4: the array is missing)
            and (analysis.default_error is None or NO_ARRAY in analysis.default_error.message)
        ):
            # the file makes no array where the default check looks: nothing to judge (it
            # may make them in expressions only: print(forward(np.ones(…), …)))
            _not_judged(
                result,
                expectations,
                f"{NO_ARRAY}, so there is no variable to judge: name the one to check with "
                "--expect NAME=SHAPE (its operations are checked all the same)",
            )
        elif analysis.default is None:
            exc = analysis.default_error or InputError(
                f"{result.file}: {NO_ARRAY}",
                kind="no_variable",
                file=result.file,
            )
            result.variables.append(
                missing_variable(stem(result.file), exc, expectations.anonymous)
            )
        names = [analysis.default] if analysis.default is not None else []
    hints = [s for s in analysis.slips if not s.certain]
    for name in names:
        expect = expectations.get(name) if expectations.names else expectations.anonymous
        binding = analysis.program.binding(name)
        if binding is None and analysis.program.dynamic is not None:
            message = (
                f"`{name}` is never assigned in the file, but it may be made when the file runs "
                f"({analysis.program.dynamic} makes names), which shapekit does not follow"
            )
            result.variables.append(
                Variable(name, "unknown", expected=expected_json(expect), message=message)
            )
            continue
        if binding is None and unseen:  # %run helper.py may make it: not known
            cells_said = ", ".join(str(c) for c in unseen[:5])
            message = (
                f"`{name}` is never assigned in the code shapekit reads, but the IPython syntax "
                f"of cell {cells_said} (%run, x = !ls …) may make it when the notebook runs, "
                "which shapekit does not follow"
            )
            result.variables.append(
                Variable(name, "unknown", expected=expected_json(expect), message=message)
            )
            continue
        if binding is None:
            exc = missing_name(name, list(analysis.program.names), result.file, what="variable")
            variable = missing_variable(name, exc, expect)
            if analysis.syntax:  # the name may be in a cell that does not parse
                broken = ", ".join(str(e.cell) for e in analysis.syntax[:5])
                variable.message = clip(
                    f"{variable.message} (cell {broken} does not parse, so its names are not read)"
                )
            result.variables.append(variable)
            continue
        variable = _judge_binding(
            result.file, binding, expect, allow_bool, analysis.texts, analysis.shown
        )
        if variable.status == "wrong-shape" and getattr(binding, "depends", None):
            # the file may end before this assignment (an exit that may run before it),
            # with the value it held then: not judged
            variable.status = "unknown"
            variable.message = clip(
                f"{variable.message} — only if running the file gets there, which depends on "
                f"{binding.depends} (not known without running it)"
            )
        if not expectations.names and variable.status == "error":
            _changed_after_written(variable, binding, analysis)
        if not expectations.names and variable.status == "error":
            _rows_of_a_program(variable, binding, analysis)
        if variable.status in ("wrong-shape", "error"):
            _add_hints(variable, binding, hints)
        if variable.status == "error" and _past_the_stop(variable, binding, engine, analysis):
            pass  # (its own failure comes after the line where running stops: said so)
        elif variable.status == "error":  # the value's own failure is reported once, on it
            # the value's own failure is said once, on the variable, unless it has a fix,
            # which only a problem carries: then the variable points at the problem
            # (a problem on another line of a statement written over several, where Python
            # raises, is kept: the variable points at the short row, or at the statement)
            engine = [
                p
                for p in engine
                if p.fixes
                or not _inside(p, binding)
                or (p.cell, p.line) != (variable.cell, variable.line)
            ]
            _stopped_before(variable, binding, engine, analysis.shown)
            _failed_earlier(variable, binding, analysis.program.names, analysis.shown)
        result.variables.append(variable)
    if not expectations.names and analysis.default is not None and analysis.default_written:
        result.variables.extend(_unfollowed_from(analysis, analysis.default, expectations))
    placed: list[Problem | Variable] = [*own, *engine, *result.variables]
    for found in placed:  # columns of the line as written
        shift = shifts.get(found.cell or 0, {}).get(found.line or 0, 0)
        if shift and found.column is not None:
            found.column += shift
    result.problems = sorted(own + engine, key=lambda p: (p.cell or 0, p.line or 0, p.column or 0))
    result.reads = tuple(analysis.program.reads) + _named_data_files(result.file, analysis.shown)


def _prompt_widths(written: str, read: str) -> dict[int, int]:
    """For each line of a cell read without what starts it as written (a console's prompt,
    ``>>> `` or ``In [3]: ``, and the indentation under it), how many columns were taken off.

    >>> _prompt_widths(">>> x = 1\\n... y = 2\\nz = 3", "x = 1\\ny = 2\\nz = 3")
    {1: 4, 2: 4}
    """
    widths = {}
    for number, (line, kept) in enumerate(
        zip(written.split("\n"), read.split("\n"), strict=False), start=1
    ):
        if kept.strip() and line != kept and line.endswith(kept):
            widths[number] = len(line) - len(kept)
    return widths


#: what a data file's name ends with (a cell without any is not searched further)
_DATA_ENDING = re.compile(r"\.(?:csv|tsv|json|npy|npz|txt)", re.I)
#: a data file's name written in quotes ("data.csv", 'params.json')
_DATA_NAME = re.compile(rf"""["']([^"'\n\\]{{1,200}}{_DATA_ENDING.pattern})["']""", re.I)


#: a notebook's ``%run helpers.py`` (with IPython's options before the file's name)
_RUN_MAGIC = re.compile(
    r"""^[ \t]*%run[ \t]+(?:-\w+[ \t]+)*["']?([^\s"']{1,200}\.(?:py|ipynb))""", re.M
)


def _named_data_files(file: str, texts: dict[int | None, str]) -> tuple[str, ...]:
    """The data files beside ``file`` whose names it writes (``open("data.csv")`` read with
    csv.reader, ``Path(__file__).parent / "params.json"``), and the helpers a notebook runs
    with ``%run helpers.py``: read by code shapekit may not follow, they are its data and
    helpers, not submissions of their own (see :func:`shapekit.check.checker.skip_data_files`)."""
    found: list[str] = []
    for text in texts.values():
        folder = os.path.dirname(os.path.abspath(file))
        for match in _RUN_MAGIC.finditer(text) if "%run" in text else ():
            path = os.path.realpath(os.path.join(folder, match.group(1)))
            if path not in found and os.path.isfile(path):
                found.append(path)
        if _DATA_ENDING.search(text) is None:
            continue
        for match in _DATA_NAME.finditer(text):
            path = os.path.realpath(os.path.join(folder, match.group(1)))
            if path not in found and os.path.isfile(path):
                found.append(path)
    return tuple(found)


def _own_problems(analysis: Any, file: str) -> list[Problem]:
    """Notebook cells that do not parse, and missing commas that fail when the file runs."""
    problems = []
    for exc in analysis.syntax:  # a notebook cell that does not parse fails when it runs
        excerpt = line_in(analysis.shown, exc.line, exc.cell)
        message = bare(exc.message, file)
        problems.append(Problem(exc.line, exc.column, exc.cell, message, [], None, excerpt))
    for slip in analysis.slips:
        if slip.certain:
            line, column, cell = slip.position
            excerpt = line_in(analysis.shown, line, cell)
            problems.append(Problem(line, column, cell, slip.message, [], None, excerpt))
    return problems


def _engine_problems(
    analysis: Any, file: str, expectations: Expectations | None = None
) -> list[Problem]:
    """The interpreter's problems, except where a missing comma already explains them.

    Each fix is also tried in the whole file: one after which the file still fails is
    not offered (see :func:`_breaks_file`).
    """
    slipped = {
        (s.position.cell, line)
        for s in analysis.slips
        if s.certain
        for line in range(s.position.line, s.end_line + 1)
    }
    problems = []
    checked = 0
    found = getattr(analysis.program, "problems", [])
    # each try follows the whole file again: a file of many failing lines tries one fix only
    tries = MAX_TRIED if len(found) <= 4 * MAX_TRIED else 1
    for problem in found:
        if (problem.cell, problem.line) in slipped:
            continue
        fixes = list(problem.fixes)
        if fixes and _in_assert(analysis.trees.get(problem.cell), problem.line):
            # assert np.allclose(out, x @ w): a transpose makes the shapes fit, not the
            # values equal; what to repair is where the compared values are made
            fixes = []
        if fixes and checked < tries:
            checked += 1
            fixes = [f for f in fixes if not _breaks_file(analysis, problem, f, expectations)]
        message = bare(problem.message, file)
        certain = getattr(problem, "certain", True)
        past = getattr(problem, "past", None)
        if past is not None:
            message += (
                f" — if running the file got this far; it stops before, at {past} (fix that first)"
            )
        elif not certain and getattr(problem, "fails_file", False):
            message += (
                f" — if running the file gets there, which depends on {problem.depends}; if "
                "not, it stops before with an error nothing catches: the file fails either way"
            )
        elif not certain and problem.depends != UNDECIDED:
            message += (
                f" — only if running the file gets there, which depends on {problem.depends} "
                "(not known without running it)"
            )
        problems.append(
            Problem(
                problem.line,
                problem.column,
                problem.cell,
                message,
                fixes,
                getattr(problem, "expr", None),
                line_in(analysis.shown, problem.line, problem.cell),
                certain,
                getattr(problem, "fails_file", False),
            )
        )
    return problems


def _in_assert(tree: ast.AST | None, line: int | None) -> bool:
    """Whether ``line`` is in the test of an ``assert`` statement of ``tree``."""
    if not isinstance(tree, ast.Module) or line is None:
        return False
    for statement in tree.body:  # only the top-level statement the line is in is walked
        if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
            return any(
                isinstance(node, ast.Assert)
                and node.test.lineno <= line <= (node.test.end_lineno or node.test.lineno)
                for node in ast.walk(statement)
            )
    return False


#: the most problems of one file whose fixes are tried in the whole file
MAX_TRIED = 5


def _breaks_file(
    analysis: Analysis, problem: Any, fix: str, expectations: Expectations | None
) -> bool:
    """Whether the file with ``fix`` in place of the refused expression still fails:
    a problem it did not have before, or an expected variable whose shape is then known
    and wrong.

    A fix makes its own expression work (that is checked where it is made), but in a
    function called more than once, or with another layer's output, it can be the wrong
    repair: ``inputs.T`` makes ``np.dot(inputs.T, self.weights)`` compute for the call
    that failed, and then fails for the first layer, or gives the output a wrong shape.
    Such a fix is not offered. A fix after which an expected variable is still not known
    (another problem stops the file first, say) is kept.
    """
    span = getattr(problem, "span", None)
    text = analysis.texts.get(problem.cell)
    if span is None or text is None or problem.cell not in analysis.trees:
        return False
    start, end = span
    patched = text[:start] + fix + text[end:]
    try:
        tree = ast.parse(patched)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False  # cannot tell: keep it
    cells = [
        (cell, patched, tree) if cell == problem.cell else (cell, analysis.texts[cell], old)
        for cell, old in analysis.trees.items()
    ]
    # the same file: its own modules (from nn_utils import inputs) and data files are read
    # again, so a fix is tried against what they hold (it was tried without them, and a fix
    # that breaks the next line was offered when the arrays came from an imported module)
    program = analyse(cells, file=analysis.file, in_order=analysis.in_order, fixes=False)
    if patched.count("\n") == text.count("\n"):  # the same lines: problems compare by line
        # a problem at a line that had none (one that failed already, after the line where
        # running stopped, may be a second mistake of the student's: the fix is still one)
        before = {(p.cell, p.line) for p in analysis.program.problems if p is not problem}
        if any(
            (p.cell, p.line) not in before and p.depends != UNDECIDED  # (an assert that may
            for p in program.problems  # hold is no failure of the fix)
        ):
            return True
    named: dict[str, int] = {}  # a named dimension's length, as the first variable gives it
    for name, expect in expectations.items() if expectations is not None else ():
        binding = program.binding(name)
        if expect is None or binding is None or binding.status != "known":
            continue
        found = tuple(binding.shape) if binding.shape is not None else None
        if found is None:
            continue
        if compare(name, found, expect) is not None:
            return True
        for dim, length in zip(expect.dims, found, strict=True):  # same rank: compare passed
            if isinstance(dim, str) and named.setdefault(dim, length) != length:
                return True  # `batch` is 4 in one variable and 3 in another
    return False


def _check_lone(
    result: FileResult, analysis: Any, expectations: Expectations, allow_bool: bool
) -> None:
    """A file that is one expression, a literal (``[[1, 2], [3, 4]]`` in a ``.py``)."""
    from shapekit.check.readers import read_text

    text = next(iter(analysis.texts.values()))
    source = read_text(text, file=result.file)
    result.variables.append(
        judge_source(stem(result.file), source, expectations.anonymous, allow_bool)
    )


def _judge_binding(
    file: str,
    binding: Any,
    expect: Expect | None,
    allow_bool: bool,
    texts: dict[int | None, str],
    shown: dict[int | None, str] | None = None,
) -> Variable:
    """The verdict on what the interpreter knows of one name (``shown``: the cells as the
    student wrote them, for the excerpts; ``texts`` as they were read)."""
    name, cell = binding.name, binding.cell
    shown = shown or texts
    text = texts.get(cell, "")
    line, column = binding.line, binding.column
    if binding.status == "unknown":
        reason = binding.reason or f"the shape of {name} cannot be known without running the file"
        return Variable(
            name,
            "unknown",
            expected=expected_json(expect),
            line=line,
            column=column,
            cell=cell,
            message=clip(bare(reason, file)),
            excerpt=line_in(shown, line, cell),
            kind="unknown",
        )
    if binding.status == "error":
        error = _literal_error(binding, file, allow_bool) or binding.error
        if error is None:
            error = InputError(binding.reason or f"{name} is not an array", kind="error")
        _place(error, binding, text)
        return error_variable(
            name, error, expect, line_in(shown, error.line, error.cell), file=file
        )
    found = tuple(binding.shape)
    node = binding.node
    if binding.value is not None and not isinstance(binding.value, (int, float, complex)):
        from shapekit.shapes import shape

        try:
            found = shape(binding.value, name=name, allow_bool=allow_bool)
        except ShapeError as error:
            _place(error, binding, text)
            return error_variable(
                name, error, expect, line_in(shown, error.line, error.cell), file=file
            )

    if binding.dtype == "b" and not allow_bool and binding.value is None:
        # np.zeros(3, dtype=bool), x > 0: refused as booleans written out are
        booleans = NotANumberError(
            f"{name} is an array of booleans (dtype bool): shapekit does not count booleans "
            "as numbers (NumPy would silently turn them into 1 and 0); --allow-bool (or "
            "allow_bool=True) accepts them",
            name=name,
        )
        booleans.line, booleans.column, booleans.cell = line, column, cell
        return error_variable(name, booleans, expect, line_in(shown, line, cell), file=file)

    def anchor(axis: int) -> tuple[int | None, int | None, int | None, str | None]:
        target = None
        if node is not None and 0 not in found[:axis]:
            target = node_at(node, (0,) * axis)
        if target is None:
            return line, column, cell, line_in(shown, line, cell)
        position = node_position(target, text, cell)
        return position.line, position.column, cell, line_in(shown, position.line, cell)

    return judge_shape(name, found, expect, anchor, (line, column, cell))


def _literal_error(binding: Any, file: str, allow_bool: bool) -> ShapeError | InputError | None:
    """For a literal value (or ``np.array`` of one), the reader's own error, placed at its element."""
    from shapekit.shapes import shape

    node = binding.node
    if node is None or binding.text is None or node_at(node, ()) is None:
        return None
    inner = node_at(node, ())
    if not isinstance(inner, (ast.List, ast.Tuple)):
        return None
    try:
        value = literal(inner, binding.text, file, binding.name, binding.cell)
        shape(value, name=binding.name, allow_bool=allow_bool)
    except (InputError, ShapeError) as error:
        if isinstance(error, InputError) and error.kind == "not_literal":
            return None
        return detached(error)
    return None


def _place(error: Any, binding: Any, text: str) -> None:
    """Give an error from the interpreter a position: its own, its path's, or the binding's."""
    path = getattr(error, "path", None)
    if getattr(error, "line", None) is not None and path is None:
        if getattr(error, "cell", None) is None:
            error.cell = binding.cell
        return
    node = node_at(binding.node, path) if binding.node is not None and path is not None else None
    if node is not None:
        error.line, error.column, _ = node_position(node, text)
    else:
        error.line, error.column = binding.line, binding.column
    error.cell = binding.cell


def _stopped_before(
    variable: Variable, binding: Any, engine: list[Problem], texts: dict[int | None, str]
) -> None:
    """A variable whose value never comes, because the file stops at a problem before it
    (or in its own expression, when that problem has a fix to show).

    The problem is reported once, where it is; the variable says so at its own line
    instead of repeating the problem's message at the problem's place.
    """
    where = (variable.cell, variable.line, variable.column)
    problem = next((p for p in engine if (p.cell, p.line, p.column) == where), None)
    if problem is None or binding.line is None:
        return
    reason = problem.message.split(": ", 1)[0]
    if _inside(problem, binding):
        at = f"gets no value: its own expression fails at {_at(problem.line, problem.cell)}"
        _point_at(variable, binding, texts, f"{at}: {reason} (reported there, with a fix)")
    else:
        at = _at(problem.line, problem.cell)
        _point_at(variable, binding, texts, f"{_STOPS} {at}: {reason} (reported there)")


def _past_the_stop(
    variable: Variable, binding: Any, engine: list[Problem], analysis: Analysis
) -> bool:
    """A variable whose own failure (a NameError at line 10) is met only past the line
    where running the file certainly stops (a matmul at line 7): it says that it never gets
    a value, and where running stops. Whether it was so."""
    if binding.line is None:
        return False
    stop = next((p for p in analysis.program.problems if p.certain and p.past is None), None)
    if stop is None or stop.line is None:
        return False
    later = (
        binding.line > stop.line
        if binding.cell == stop.cell
        else binding.cell is not None and stop.cell is not None and binding.cell > stop.cell
    )
    if not later:
        return False
    reason = stop.message.split(": ", 1)[0]
    at = _at(stop.line, stop.cell)
    _point_at(variable, binding, analysis.shown, f"{_STOPS} {at}: {reason} (reported there)")
    return True


#: what a variable whose value never comes says
_STOPS = "never gets a value: running the file stops before it, at"


def _at(line: int | None, cell: int | None) -> str:
    return f"line {line}" + (f" of cell {cell}" if cell is not None else "")


def _point_at(variable: Variable, binding: Any, texts: dict[int | None, str], said: str) -> None:
    """The variable says ``said`` (after its name) at its own binding's place."""
    variable.message = clip(f"{variable.name} {said}")
    variable.line, variable.column, variable.cell = binding.line, binding.column, binding.cell
    variable.excerpt = line_in(texts, binding.line, binding.cell)


def _failed_earlier(
    variable: Variable, binding: Any, bindings: dict[str, Any], texts: dict[int | None, str]
) -> None:
    """A variable computed from another that cannot be made (a ragged list given to
    ``np.array``): the file stops where that one is made, which is said once, on it."""
    error = binding.error
    if error is None or binding.line is None or variable.message.startswith(variable.name):
        return
    here = (binding.cell or 0, binding.line)
    source = min(  # the first name that holds it (not a parameter it was passed to later)
        (
            other
            for other in bindings.values()
            if other is not binding
            and other.error is error
            and other.line is not None
            and (other.cell or 0, other.line) < here
        ),
        key=lambda other: (other.cell or 0, other.line),
        default=None,
    )
    if source is None:
        return
    why = getattr(error, "message", str(error))
    at = _at(source.line, source.cell)
    if isinstance(error, NotANumberError):  # (text, objects: NumPy makes them, nothing stops)
        said = f"holds what {source.name} holds ({at}), no array of numbers: {why}"
        _point_at(variable, binding, texts, said)
        return
    _point_at(variable, binding, texts, f"{_STOPS} {at}, where {source.name} cannot be made: {why}")


def _inside(problem: Problem, binding: Any) -> bool:
    """Whether ``problem`` is the failure of ``binding``'s own value (reported once, there)."""
    node = binding.node
    if node is None or problem.line is None or problem.cell != binding.cell:
        return False
    return node.lineno <= problem.line <= (node.end_lineno or node.lineno)


def _add_hints(variable: Variable, binding: Any, hints: list[Any]) -> None:
    node = binding.node
    if node is None:
        return
    first, last = node.lineno, node.end_lineno or node.lineno
    for slip in hints:
        if slip.position.cell == binding.cell and first <= slip.position.line <= last:
            variable.message = clip(
                f"{variable.message} (line {slip.position.line}, column {slip.position.column}: "
                f"{slip.message})"
            )
            return
