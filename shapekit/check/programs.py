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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shapekit.check.readers.pysource import (
    CommaSlip,
    assignments,
    comma_slips,
    literal,
    node_position,
    parse,
    pick,
)
from shapekit.errors import InputError, ShapeError

__all__ = ["Analysis", "analyse_cells"]

#: follow the code with the shape interpreter (``False``: literal assignments only, as
#: shapekit read files before it had one; kept for comparisons and benchmarks)
USE_INTERPRETER = True


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


def analyse_cells(
    cells: Sequence[tuple[int | None, str]], file: str, *, find_default: bool = True
) -> Analysis:
    """Parse every cell, find commas that are missing, and run the shape interpreter.

    ``find_default`` also looks for the one array-like variable, for a run
    that names no variable.

    >>> a = analyse_cells([(None, "x = [[1, 2], [3, 4]]\\n")], "a.py")
    >>> a.program.binding("x").shape, a.default
    ((2, 2), 'x')
    """
    texts = {cell: text for cell, text in cells}
    analysis = Analysis(program=None, texts=texts)
    good: list[tuple[int | None, str]] = []
    for cell, text in cells:
        try:
            tree = parse(text, file, cell=cell)
        except InputError as exc:
            analysis.syntax.append(exc)
            continue
        analysis.trees[cell] = tree
        analysis.slips.extend(comma_slips(tree, text, cell))
        good.append((cell, text))
        if find_default:
            _pick_default(analysis, tree, file)
    analysis.program = _interpreter(good, file, analysis.trees)
    return analysis


def _pick_default(analysis: Analysis, tree: ast.Module, file: str) -> None:
    """The variable a run without names checks: the only array-like one (a later cell wins)."""
    try:
        node, name = pick(tree, None, file)
    except InputError as exc:
        if analysis.default is None and analysis.lone is None:
            analysis.default_error = exc
        return
    if name is None:
        analysis.lone, analysis.default = node, None
    else:
        analysis.default, analysis.lone = name, None
    analysis.default_error = None


def _interpreter(
    cells: list[tuple[int | None, str]], file: str, trees: dict[int | None, ast.Module]
) -> Any:
    if not USE_INTERPRETER:
        return LiteralProgram(cells, file, trees)
    try:
        from shapekit.engine.program import analyse
    except ImportError:  # the interpreter is not there: read literal assignments only
        return LiteralProgram(cells, file, trees)
    return analyse([(cell, text, trees[cell]) for cell, text in cells], file=file)


@dataclass
class LiteralBinding:
    """A name's value as a literal reader sees it (the interpreter's ``Binding`` fields)."""

    name: str
    status: str
    shape: tuple[int, ...] | None = None
    value: Any = None
    reason: str | None = None
    error: ShapeError | InputError | None = None
    line: int | None = None
    column: int | None = None
    cell: int | None = None
    node: ast.expr | None = None
    text: str | None = None


class LiteralProgram:
    """The names of a module read as literals: what shapekit could do before its interpreter.

    Used only when :mod:`shapekit.engine.program` is missing; anything but a
    literal (or ``np.array`` of one) is ``unknown``, never a guess.
    """

    def __init__(
        self, cells: list[tuple[int | None, str]], file: str, trees: dict[int | None, ast.Module]
    ) -> None:
        self.file = file
        self.problems: list[Any] = []
        self._nodes: dict[str, tuple[int | None, str, ast.expr]] = {}
        for cell, text in cells:
            for name, node in assignments(trees[cell]).items():
                self._nodes[name] = (cell, text, node)
        self._cache: dict[str, LiteralBinding] = {}

    @property
    def names(self) -> dict[str, LiteralBinding]:
        return {name: self._bind(name) for name in self._nodes}

    def binding(self, name: str) -> LiteralBinding | None:
        return self._bind(name) if name in self._nodes else None

    def _bind(self, name: str) -> LiteralBinding:
        if name in self._cache:
            return self._cache[name]
        from shapekit.shapes import shape

        cell, text, node = self._nodes[name]
        line, column, _ = node_position(node, text)
        bound = LiteralBinding(name, "known", line=line, column=column, cell=cell, node=node)
        bound.text = text
        try:
            bound.value = literal(node, text, self.file, name, cell)
            bound.shape = shape(bound.value, name=name, allow_bool=True)
        except InputError as exc:
            if exc.kind == "not_literal":
                bound.status, bound.reason = "unknown", exc.message.split(": ", 1)[-1]
            else:
                bound.status, bound.error = "error", exc
        except ShapeError as exc:
            bound.status, bound.error = "error", exc
        self._cache[name] = bound
        return bound
