"""Every exception shapekit raises, in one place.

Errors are data: each carries structured fields that front ends present (the
CLI as text or JSON, the Sphinx extension as a warning with a location, the
gallery as a per-figure failure), plus a ``message`` written for a learner.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = [
    "CycleError",
    "ExpressionError",
    "FontWarning",
    "GraphvizNotFoundError",
    "InputError",
    "MismatchError",
    "MixedError",
    "NotANumberError",
    "OutputError",
    "RaggedError",
    "RenderError",
    "ShapeError",
    "ShapekitError",
    "SpecError",
    "Suggestion",
    "TooDeepError",
    "TooLargeError",
]


class ShapekitError(Exception):
    """Base class of every error shapekit raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-ready data (what ``--json`` prints)."""
        return {"kind": getattr(self, "kind", type(self).__name__), "message": self.message}

    def _repr_html_(self) -> str:
        """The error as Jupyter shows it when it is displayed (``display(err)``)."""
        return _error_html(self)

    def _render_traceback_(self) -> list[str]:
        """What IPython prints when this error is raised in a cell: the learner's
        message and the fix, not a Python traceback (the error is about the input)."""
        return _error_lines(self)


class ShapeError(ShapekitError, ValueError):
    """A value, or an operation on values, has no valid shape.

    Attributes (all always present, ``None`` where they do not apply):

    - ``kind``: one of ``ragged``, ``mixed``, ``not_a_number``, ``too_deep``,
      ``too_large``, ``cycle``, ``mismatch``
    - ``axis``: number of leading dimensions that were consistent
    - ``path``: index path (tuple of ints) of the element blamed
    - ``expected``: what was expected there (a length, ``"list"``, ``"number"``…)
    - ``found``: what was found there
    - ``name``: the variable name of the checked value, when known
    - ``paths``: every offending path when all were asked for (capped)
    - ``file``, ``line``, ``column``, ``cell``: source position, set by readers
    """

    kind: str = "shape"

    def __init__(
        self,
        message: str,
        *,
        axis: int | None = None,
        path: tuple[int, ...] | None = None,
        expected: Any = None,
        found: Any = None,
        name: str | None = None,
        paths: list[tuple[int, ...]] | None = None,
    ) -> None:
        super().__init__(message)
        self.axis = axis
        self.path = tuple(path) if path is not None else None
        self.expected = expected
        self.found = found
        self.name = name
        self.paths = paths
        self.file: str | None = None
        self.line: int | None = None
        self.column: int | None = None
        self.cell: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "axis": self.axis,
            "path": list(self.path) if self.path is not None else None,
            "expected": _jsonable(self.expected),
            "found": _jsonable(self.found),
            "message": self.message,
        }
        if self.paths is not None:
            data["paths"] = [list(p) for p in self.paths]
        return data


class RaggedError(ShapeError):
    """Two sublists at the same depth have different lengths."""

    kind = "ragged"


class MixedError(ShapeError):
    """A number and a list stand at the same depth."""

    kind = "mixed"


class NotANumberError(ShapeError):
    """A leaf is not a real number (a string, None, a bool by default…)."""

    kind = "not_a_number"


class TooDeepError(ShapeError):
    """More dimensions than NumPy allows (64)."""

    kind = "too_deep"


class CycleError(ShapeError):
    """A list contains itself."""

    kind = "cycle"


class TooLargeError(ShapeError):
    """More elements than shapekit's documented limit (``shapes.MAX_ELEMENTS``)."""

    kind = "too_large"


class Suggestion:
    """A fix that was checked to work: the corrected expression and its shape."""

    __slots__ = ("expr", "note", "shape")

    def __init__(self, expr: str, shape: tuple[int, ...], note: str = "") -> None:
        self.expr = expr
        self.shape = tuple(shape)
        self.note = note

    def __repr__(self) -> str:
        return f"Suggestion({self.expr!r}, shape={self.shape})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Suggestion):
            return NotImplemented
        return (self.expr, self.shape) == (other.expr, other.shape)

    def __hash__(self) -> int:
        return hash((self.expr, self.shape))

    def to_dict(self) -> dict[str, Any]:
        return {"expr": self.expr, "shape": list(self.shape)}


class MismatchError(ShapeError):
    """An operation's operand shapes do not fit together.

    Extra attributes: ``op`` (``"matmul"``, ``"dot"``, ``"add"``…),
    ``operands`` (their shapes), ``expr`` (the failing sub-expression, when
    it came from an expression), ``col`` (its 0-based offset in the text),
    ``explanation`` (the steps up to the failure) and ``suggestions``.
    """

    kind = "mismatch"
    #: the builtin exception that running the operation raises, when ``op`` alone does not
    #: tell (see ``shapekit.engine._statements``: whether a ``try`` catches it)
    raises: str | None = None

    def __init__(
        self,
        message: str,
        *,
        op: str,
        operands: tuple[tuple[int, ...], ...] = (),
        axis: int | None = None,
        expected: Any = None,
        found: Any = None,
        expr: str | None = None,
        col: int | None = None,
        explanation: Any = None,
        suggestions: list[Suggestion] | None = None,
    ) -> None:
        super().__init__(message, axis=axis, expected=expected, found=found)
        self.op = op
        self.operands = tuple(tuple(s) for s in operands)
        self.expr = expr
        self.col = col
        self.explanation = explanation
        self.suggestions: list[Suggestion] = list(suggestions or [])

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "op": self.op,
            "operands": [list(s) for s in self.operands],
            "expr": self.expr,
            "col": self.col,
            "message": self.message,
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


class ExpressionError(ShapekitError, ValueError):
    """An expression uses syntax or names the explainer does not support."""

    kind = "expression"

    def __init__(self, message: str, *, expr: str | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.expr = expr
        self.col = col

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "expr": self.expr, "col": self.col, "message": self.message}


class InputError(ShapekitError, ValueError):
    """A file or text could not be read as an array (syntax, encoding, size…)."""

    kind = "input"

    def __init__(
        self,
        message: str,
        *,
        kind: str = "input",
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        cell: int | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.cell = cell

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "cell": self.cell,
        }


class SpecError(ShapekitError, ValueError):
    """A figure spec is wrong: unknown kind or field, or a bad value.

    ``field`` names the field, ``suggestion`` the closest valid name when the
    name was unknown; ``figure``, ``file`` and ``line`` locate it when known.
    """

    kind = "spec"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        suggestion: str | None = None,
        figure: str | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.suggestion = suggestion
        self.figure = figure
        self.file = file
        self.line = line

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "field": self.field,
            "suggestion": self.suggestion,
            "figure": self.figure,
            "file": self.file,
            "line": self.line,
        }


class RenderError(ShapekitError, RuntimeError):
    """Drawing failed in Graphviz or Pillow (raised ``from`` their error)."""

    kind = "render"


class OutputError(ShapekitError, OSError):
    """A file cannot be written where it was asked to go (a missing folder, no permission)."""

    kind = "output"


class GraphvizNotFoundError(RenderError):
    """No Graphviz can be used: the pygraphviz wheel does not load and ``dot`` is not on
    PATH (or the one backend asked for is missing). The message names both fixes."""

    kind = "graphviz_missing"


class FontWarning(UserWarning):
    """The figures' font (DejaVu Sans) is missing: they are drawn in another font."""


_HEADINGS = {
    "mismatch": "Shape mismatch",
    "spec": "Figure spec error",
    "expression": "Expression error",
    "input": "Input error",
}


def _error_parts(error: ShapekitError) -> tuple[str, str, list[str]]:
    """Heading, message and extra lines (the steps, the checked fixes) of an error."""
    heading = _HEADINGS.get(str(getattr(error, "kind", "")), type(error).__name__)
    extra: list[str] = []
    explanation = getattr(error, "explanation", None)
    if explanation is not None and str(explanation).strip():
        extra.append(str(explanation).strip())
    for suggestion in getattr(error, "suggestions", None) or []:
        shape = getattr(suggestion, "shape", None)
        extra.append(f"A fix that works: {suggestion.expr} \u2192 shape {shape}")
    return heading, error.message, extra


def _error_lines(error: ShapekitError) -> list[str]:
    heading, message, extra = _error_parts(error)
    red, bold, plain = "\x1b[31m", "\x1b[1m", "\x1b[0m"
    return [f"{red}{bold}{heading}{plain} ({type(error).__name__}): {message}", *extra]


def _error_html(error: ShapekitError) -> str:
    """The error as an HTML block: heading, message, steps and fixes, all escaped."""
    import html

    heading, message, extra = _error_parts(error)
    body = "".join(
        f"<pre style='margin:6px 0 0;white-space:pre-wrap'>{html.escape(x)}</pre>" for x in extra
    )
    return (
        '<div role="alert" class="shapekit-error" style="border-left:4px solid #b34700;'
        "padding:8px 12px;margin:4px 0;background:#fff6ef;color:#1f2328;"
        'font-family:system-ui,sans-serif">'
        f"<strong>{html.escape(heading)}</strong> "
        f"<code style='color:#57606a'>{html.escape(type(error).__name__)}</code>"
        f"<p style='margin:6px 0 0'>{html.escape(message)}</p>{body}</div>"
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return str(value)


def internal_error_reason(exc: BaseException, limit: int = 300) -> str:
    """One line for an exception shapekit did not expect: the reason, and a request to report it.

    Used where one item of a batch (a file, a figure, a directive) failed inside shapekit
    rather than because of its input; the item becomes an ``internal-error`` result and the
    run goes on.  Control characters and lone surrogates are escaped and a long text is cut,
    so the line is safe for a terminal and a report.

    >>> print(internal_error_reason(ValueError("bad\\x1b[2K")))
    internal error (a bug in shapekit; please report it with the input): ValueError: bad\\x1b[2K
    """
    try:
        detail = str(exc)
    except Exception:  # a broken __str__ (or an int too long to print) must not fail here
        detail = ""
    detail = _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], detail)
    if len(detail) > limit:
        detail = detail[: limit - 1] + "…"
    reason = type(exc).__name__ + (f": {detail}" if detail else "")
    return f"internal error (a bug in shapekit; please report it with the input): {reason}"


_E = TypeVar("_E", bound=BaseException)


def detached(error: _E) -> _E:
    """``error`` kept as data (a verdict, a problem, a cached answer): without the traceback
    and the exceptions it was raised in, which hold every frame it passed through and so,
    through those frames' variables, often the error itself; such a cycle keeps a whole
    file's syntax trees alive until the garbage collector finds it.

    >>> try:
    ...     raise ValueError("x")
    ... except ValueError as exc:
    ...     kept = detached(exc)
    >>> kept.__traceback__ is None, str(kept)
    (True, 'x')
    """
    error.__traceback__ = None
    error.__context__ = error.__cause__ = None
    return error


#: characters a terminal would act on or cannot encode: C0/C1 controls, lone surrogates
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def closest(name: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like ``name`` (for "did you mean …?"), or None when nothing is as
    close as ``cutoff`` (difflib's ratio).

    >>> closest("wieghts", ["inputs", "weights", "bias"])
    'weights'
    """
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=cutoff)
    return match[0] if match else None
