"""The results of a check run, as data: one :class:`FileResult` per file.

A file result holds a :class:`Variable` per expected variable and a
:class:`Problem` per operation NumPy would refuse. Its ``to_dict`` is the
JSON report's contract (``docs/howto/course-staff.rst`` documents it)::

    {"file", "ok", "status", "variables": [{"name", "status", "shape",
     "expected", "line", "column", "cell", "message"}],
     "problems": [{"line", "column", "cell", "message", "fixes", "certain"}]}

A variable's ``status`` is one of :data:`STATUSES`; a file's ``status`` is
``passed``, ``failed``, ``unknown`` (nothing failed, but some variable could
not be judged without running the file) or ``internal-error`` (shapekit
itself failed on this file; the JSON report shows the reason as a problem
without a line).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

__all__ = ["FILE_STATUSES", "STATUSES", "FileResult", "Problem", "Variable", "shape_text"]

#: a variable's status in a report
STATUSES = ("ok", "wrong-shape", "error", "missing", "unknown")
#: a file's status in a report
FILE_STATUSES = ("passed", "failed", "unknown", "internal-error")


def shape_text(shape: Sequence[Any] | None) -> str:
    """A shape the way NumPy prints it.

    >>> shape_text((3,)), shape_text([3, 4]), shape_text(())
    ('(3,)', '(3, 4)', '()')
    """
    shown = ["?" if d is None else str(d) for d in (shape or ())]
    return f"({shown[0]},)" if len(shown) == 1 else f"({', '.join(shown)})"


@dataclass
class Variable:
    """The verdict on one variable of one file.

    >>> Variable("w", "ok", shape=(3, 4), expected=[3, 4], line=2, column=5).to_dict()["message"]
    'w has shape (3, 4)'
    """

    name: str
    status: str
    shape: tuple[int, ...] | None = None
    expected: list[Any] | None = None
    line: int | None = None
    column: int | None = None
    cell: int | None = None
    message: str = ""
    #: the source line at ``line``, for caret excerpts (not in the JSON report)
    excerpt: str | None = field(default=None, repr=False)
    #: the error's kind (``ragged``, ``syntax``, ``wrong_shape``…), for JUnit's ``type``
    kind: str | None = field(default=None, repr=False)
    #: finds (line, column, cell, excerpt) of dimension ``axis``, for named dimensions
    locate_axis: Callable[[int], tuple[int | None, int | None, int | None, str | None]] | None = (
        field(default=None, repr=False, compare=False)
    )

    def __post_init__(self) -> None:
        if not self.message and self.status == "ok":
            self.message = f"{self.name} has shape {shape_text(self.shape)}"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _compact(self)

    def to_dict(self) -> dict[str, Any]:
        """The variable as JSON-ready data."""
        return {
            "name": self.name,
            "status": self.status,
            "shape": list(self.shape) if self.shape is not None else None,
            "expected": self.expected,
            "line": self.line,
            "column": self.column,
            "cell": self.cell,
            "message": self.message,
        }


@dataclass
class Problem:
    """An operation in the file that NumPy would refuse, at its place, with verified fixes.

    >>> Problem(3, 7, None, "cannot add (3,) and (4,)", ["a[:3] + b"]).to_dict()["fixes"]
    ['a[:3] + b']
    """

    line: int | None
    column: int | None
    cell: int | None
    message: str
    fixes: list[str] = field(default_factory=list)
    expr: str | None = None
    excerpt: str | None = field(default=None, repr=False)
    #: whether running the file certainly reaches it; one that is on a path depending on
    #: what shapekit cannot know (a condition on data values) makes the file ``unknown``,
    #: not ``failed``: running the file may pass
    certain: bool = True
    #: for one not certain only because an error nothing catches may stop running before
    #: it: the file fails either way (``failed``, not ``unknown``)
    fails_file: bool = False

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _compact(self)

    def to_dict(self) -> dict[str, Any]:
        """The problem as JSON-ready data."""
        return {
            "line": self.line,
            "column": self.column,
            "cell": self.cell,
            "message": self.message,
            "fixes": list(self.fixes),
            "certain": self.certain,
        }


@dataclass
class FileResult:
    """The outcome of checking one file: its variables, its problems, and how long it took.

    >>> r = FileResult("a.py", [Variable("x", "ok", shape=(2,))])
    >>> r.ok, r.status
    (True, 'passed')
    >>> FileResult("b.py", [Variable("x", "unknown", message="from a call")]).status
    'unknown'
    """

    file: str
    variables: list[Variable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    #: the one-line reason when shapekit itself failed on this file
    internal_error: str | None = None
    #: why the file was not judged at all (a report shapekit wrote); a run leaves it out
    skipped: str | None = None
    #: the data files a program reads beside it (real paths): judged through it, not alone
    reads: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return _compact(self)

    @property
    def ok(self) -> bool:
        """Every variable ``ok`` and no problem."""
        return (
            self.internal_error is None
            and not self.problems
            and all(v.status == "ok" for v in self.variables)
        )

    @property
    def status(self) -> str:
        """``passed``, ``failed``, ``unknown`` or ``internal-error``."""
        if self.internal_error is not None:
            return "internal-error"
        if any(p.certain or p.fails_file for p in self.problems) or any(
            v.status not in ("ok", "unknown") for v in self.variables
        ):
            return "failed"
        if self.problems or any(v.status == "unknown" for v in self.variables):
            return "unknown"  # (a problem on a path that may not run: running may pass)
        return "passed"

    def variable(self, name: str) -> Variable | None:
        """The result for variable ``name``, if it was checked."""
        return next((v for v in self.variables if v.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """The file's result as JSON-ready data (one entry of the report's ``results``)."""
        problems = [p.to_dict() for p in self.problems]
        if self.internal_error is not None:  # reported as a problem of the file, at no line
            problems.append(Problem(None, None, None, self.internal_error).to_dict())
        return {
            "file": self.file,
            "ok": self.ok,
            "status": self.status,  # (added in 0.2: failed and unknown told apart per file)
            "variables": [v.to_dict() for v in self.variables],
            "problems": problems,
        }


def _compact(item: Any) -> tuple[Any, tuple[Any, ...]]:
    """How a result is pickled (results come back from worker processes): its fields in
    order, without their names (less to send and faster to read back than a dataclass's
    default, its ``__dict__``)."""
    kind = type(item)
    getter = _GETTERS.get(kind)
    if getter is None:
        getter = _GETTERS[kind] = attrgetter(*(f.name for f in fields(kind)))
    return kind, getter(item)


_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
