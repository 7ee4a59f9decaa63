"""Explain the shapes in a NumPy expression such as ``inputs @ weights.T + biases``.

The text is parsed with :mod:`ast` and walked; it is never evaluated. Supported: names,
numbers, list literals of numbers, parentheses, unary ``-``/``+``, ``@ + - *``, ``.T``, and
``np.dot``, ``np.matmul``, ``np.transpose`` (with axes), ``np.array``, ``np.asarray`` (also
spelt ``numpy.``). Anything else is an :class:`~shapekit.errors.ExpressionError` naming the
construct. Limits: :data:`MAX_EXPR_CHARS` characters, :data:`MAX_DEPTH` levels of nesting.

This module holds :func:`explain`, its result types and :func:`parse_shape`; the text is read
in ``shapekit.engine._exprtree`` (where the limits are defined) and walked in ``shapekit.engine._evaluation``.

>>> print(explain("x.T", shapes={"x": (2, 3)}))
x.T -> (3, 2)
  x    (2, 3)
  x.T  (2, 3).T: rows become columns and columns become rows: (3, 2)
>>> explain("inputs @ weights.T + biases",
...         shapes={"inputs": (3, 4), "weights": "3,4", "biases": (3,)}).shape
(3, 3)
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, SupportsIndex, TypeGuard, cast

from shapekit.engine._evaluation import evaluate
from shapekit.engine._exprtree import MAX_DEPTH, MAX_EXPR_CHARS
from shapekit.engine.explanation import Explanation, format_shape
from shapekit.errors import ExpressionError

__all__ = ["MAX_DEPTH", "MAX_EXPR_CHARS", "ExpressionExplanation", "Term", "explain", "parse_shape"]

Shape = tuple[int, ...]


def parse_shape(spec: str | int | Sequence[int]) -> Shape:
    """Read a shape: a tuple/list of ints, an int, or text such as ``"3,4"``, ``"(3, 4)"``,
    ``"5"`` or ``""``/``"()"`` (a scalar). Raises :class:`~shapekit.errors.ExpressionError`.

    >>> parse_shape("3,4"), parse_shape("(5,)"), parse_shape("()"), parse_shape([2, 3])
    ((3, 4), (5,), (), (2, 3))

    NumPy integers count as ints; like NumPy, at most 64 dimensions of at most
    ``2**63 - 1`` each.
    """
    shape: Shape | None = None
    if _is_int(spec):
        if operator.index(spec) >= 0:
            shape = (operator.index(spec),)
    elif isinstance(spec, str):
        text = spec.strip()
        if len(text) >= 2 and text[0] + text[-1] in ("()", "[]"):
            text = text[1:-1]
        parts = [p.strip() for p in text.split(",")]
        if parts and parts[-1] == "":
            parts.pop()
        if all(p.isdigit() and p.isascii() for p in parts):
            if any(len(p.lstrip("0")) > _MAX_DIGITS for p in parts):
                big = max(parts, key=lambda p: len(p.lstrip("0")))
                raise ExpressionError(
                    f"{_short(spec)} has a dimension of {len(big.lstrip('0'))} digits, larger "
                    "than NumPy allows (2**63 - 1, which has 19 digits)"
                )
            shape = tuple(int(p) for p in parts)
    elif isinstance(spec, Sequence) and all(_is_int(d) and operator.index(d) >= 0 for d in spec):
        shape = tuple(operator.index(cast(SupportsIndex, d)) for d in spec)
    if shape is not None:
        from shapekit._nesting import INT64_MAX, MAX_DIMS

        if len(shape) > MAX_DIMS:
            raise ExpressionError(
                f"a shape of {len(shape)} dimensions is too many: NumPy arrays have at most "
                f"{MAX_DIMS}"
            )
        if any(d > INT64_MAX for d in shape):
            largest = max(shape)
            if largest.bit_length() <= 1000 and len(shape) <= 4:
                message = f"{format_shape(shape)} has a dimension larger than NumPy allows"
            else:
                message = f"a dimension of {_digits(largest)} is larger than NumPy allows"
            raise ExpressionError(message + " (2**63 - 1)")
        return shape
    raise ExpressionError(
        f"{_shown(spec)} is not a shape; write whole numbers separated by commas, "
        "like 3,4 (or () for a scalar)"
    )


#: digits of the largest dimension NumPy allows (2**63 - 1)
_MAX_DIGITS = 19


def _digits(number: int) -> str:
    """A huge number described by its size (Python refuses to print one of 4300+ digits)."""
    return (
        f"about 10**{int(number.bit_length() * 0.30103)}"
        if number.bit_length() > 64
        else str(number)
    )


def _short(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def _shown(spec: object) -> str:
    """``spec`` for a message, short, even when it holds numbers of thousands of digits."""
    if isinstance(spec, int) and spec.bit_length() > 64:
        return f"-({_digits(-spec)})" if spec < 0 else _digits(spec)
    if isinstance(spec, str):
        return _short(spec)
    try:
        text = repr(spec)
    except ValueError:
        return "this value (it holds numbers of thousands of digits)"
    return text if len(text) <= 60 else text[:57] + "..."


def _names(mapping: Mapping[str, Any] | None, what: str) -> dict[str, Any]:
    """``mapping`` with its names NFKC-normalised, as Python reads identifiers (``ｘ`` is ``x``)."""
    out: dict[str, Any] = {}
    for name, item in (mapping or {}).items():
        key = unicodedata.normalize("NFKC", name) if isinstance(name, str) else name
        if key in out:
            raise ExpressionError(f"{key} is given twice in {what} (as {name!r} too)")
        out[key] = item
    return out


def _is_int(value: object) -> TypeGuard[SupportsIndex]:
    """A Python or NumPy integer, not a bool."""
    if isinstance(value, bool):  # NumPy's bool_ has no __index__
        return False
    try:
        operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return False
    return True


@dataclass(frozen=True)
class Term:
    """One sub-expression: its source ``expr``, ``col`` (0-based offset), ``shape``, ``kind``
    (``"name"``, ``"number"``, ``"list"`` or ``"operation"``), the operation's
    ``explanation`` (``None`` for names, numbers and lists) and ``value`` when computed.

    >>> explain("x.T", shapes={"x": (2, 3)}).steps[-1].text
    '(2, 3).T: rows become columns and columns become rows: (3, 2)'
    """

    expr: str
    col: int
    shape: Shape
    kind: str
    explanation: Explanation | None = None
    value: Any = None

    @property
    def text(self) -> str:
        """What this sub-expression does, in words (its shape, for a name)."""
        return str(self.explanation) if self.explanation is not None else format_shape(self.shape)

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data.

        >>> explain("x", shapes={"x": (2,)}).steps[0].to_dict()["shape"]
        [2]
        """
        return {
            "expr": self.expr,
            "col": self.col,
            "shape": list(self.shape),
            "kind": self.kind,
            "text": self.text,
            "explanation": self.explanation.to_dict() if self.explanation else None,
        }


@dataclass(frozen=True)
class ExpressionExplanation:
    """The explained expression: its result ``shape``, ``steps`` (one :class:`Term` per
    sub-expression, in evaluation order, each name once) and the ``value`` when every operand
    had one (a NumPy array), else ``None``.

    >>> explain("np.dot(w, x)", shapes={"w": (3, 4), "x": (4,)}).shape
    (3,)
    """

    expr: str
    shape: Shape
    steps: tuple[Term, ...]
    value: Any = None

    def __str__(self) -> str:
        width = min(max(len(t.expr) for t in self.steps), 40)
        lines = [f"{self.expr} -> {format_shape(self.shape)}"]
        lines += [f"  {t.expr.ljust(width)}  {t.text}" for t in self.steps]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``expr``, ``shape``, ``steps`` and ``value`` (a nested list or None).

        >>> explain("x * 2", values={"x": [1, 2]}).to_dict()["value"]
        [2, 4]
        """
        value = self.value.tolist() if self.value is not None else None
        return {
            "expr": self.expr,
            "shape": list(self.shape),
            "steps": [t.to_dict() for t in self.steps],
            "value": value,
        }

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td><code>{html.escape(t.expr)}</code></td><td>{html.escape(t.text)}</td></tr>"
            for t in self.steps
        )
        return (
            f'<div class="shapekit-expression"><code>{html.escape(self.expr)}</code> &rarr; '
            f"<b>{format_shape(self.shape)}</b><table>{rows}</table></div>"
        )


def _run(text: str, shapes: dict[str, Shape], values: dict[str, Any]) -> ExpressionExplanation:
    shape, records, value = evaluate(text, shapes, values)
    return ExpressionExplanation(text, shape, tuple(Term(*record) for record in records), value)


def explain(
    expr: str, shapes: Mapping[str, Any] | None = None, values: Mapping[str, Any] | None = None
) -> ExpressionExplanation:
    """Explain the shapes of a NumPy expression, step by step, without evaluating it.

    ``shapes`` maps names to shapes (tuples, or text like ``"3,4"``: see :func:`parse_shape`);
    ``values`` maps names to data (nested lists or arrays; their shapes come from
    :func:`shapekit.shape`). When every operand has a value, the result's ``value`` is
    computed with NumPy. On a mismatch raises :class:`~shapekit.errors.MismatchError` with
    ``op``, ``expr`` (the failing sub-expression), ``col`` and ``suggestions`` (whole
    corrected expressions, each re-checked, with their result shapes); unknown names and
    unsupported syntax raise :class:`~shapekit.errors.ExpressionError`.

    >>> from shapekit import MismatchError
    >>> try:
    ...     explain("inputs @ weights + biases",
    ...             shapes={"inputs": (3, 4), "weights": (3, 4), "biases": (3,)})
    ... except MismatchError as error:
    ...     print(error.op, error.col, repr(error.expr), error.suggestions)
    matmul 0 'inputs @ weights' [Suggestion('inputs @ weights.T + biases', shape=(3, 3))]
    >>> explain("np.dot(x, w)", values={"x": [1, 2], "w": [[1, 0], [0, 1]]}).value.tolist()
    [1, 2]
    """
    from shapekit.shapes import shape

    known: dict[str, Shape] = {
        name: parse_shape(spec) for name, spec in _names(shapes, "shapes").items()
    }
    data = _names(values, "values")
    for name, value in data.items():
        found = shape(value, name=name)
        if name in known and known[name] != found:
            raise ExpressionError(
                f"{name} is given the shape {format_shape(known[name])} but "
                f"its value has the shape {format_shape(found)}",
                expr=name,
            )
        known[name] = found
    return _run(expr, known, data)
