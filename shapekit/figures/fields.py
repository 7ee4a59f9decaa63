"""Typed fields of a figure spec: the one place where a field's type, default,
allowed values and limits are declared, and where raw values are converted.

Front ends hand over raw values: strings from the CLI, Sphinx options or URL
queries, native values from TOML. :meth:`Field.convert` accepts both.

>>> Field("inputs", "numbers", "input values").convert("1.0, 2.0, 3.0")
(1.0, 2.0, 3.0)
>>> Field("sizes", "integers", "layer sizes").convert([4, 4, 2])
(4, 4, 2)
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

from shapekit._nesting import MAX_DIMS
from shapekit.errors import ShapeError, SpecError, closest

__all__ = ["FIELD_TYPES", "REQUIRED", "Field", "closest"]


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


#: marks a field without a default
REQUIRED: Any = _Required()

#: every field type and what it holds
FIELD_TYPES: dict[str, str] = {
    "number": "a real number",
    "integer": "a whole number",
    "text": "a piece of text",
    "flag": "true or false",
    "choice": "one of a fixed set of names",
    "numbers": "a list of numbers, e.g. 1.0, 2.0, 3.0",
    "integers": "a list of whole numbers, e.g. 4, 4, 2",
    "texts": "a list of texts, e.g. cat, dog",
    "matrix": "a list of rows of numbers, e.g. [[1, 2], [3, 4]]",
    "nested": "a nested list of numbers of any depth (may be ragged)",
    "shape": "a shape, e.g. 3,4 or (3, 4)",
}

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Field:
    """One field of a figure kind's spec."""

    name: str
    type: str
    help: str
    default: Any = REQUIRED
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    #: most items in a list field (or elements in a matrix/nested field)
    max_items: int = 10_000

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"unknown field type {self.type!r} for field {self.name!r}")
        if self.type == "choice" and not self.choices:
            raise ValueError(f"choice field {self.name!r} needs choices")

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def metavar(self) -> str:
        if self.type == "choice":
            return "[" + "|".join(self.choices) + "]"
        return self.type.upper()

    def describe(self) -> str:
        """The help text with type, choices and default, for --help and docs."""
        text = f"{self.help} ({FIELD_TYPES[self.type]}"
        if self.type == "choice":
            text += ": " + ", ".join(self.choices)
        if not self.required and self.default not in (None, (), ""):
            text += f"; default {self.format(self.default)}"
        return text + ")"

    def format(self, value: Any) -> str:
        """A value of this field as text that :meth:`convert` reads back."""
        if self.type == "flag":
            return "true" if value else "false"
        if isinstance(value, tuple):
            return repr(_listify(value)).replace("'", '"')
        return str(value)

    # -- conversion ---------------------------------------------------------

    def convert(self, raw: Any) -> Any:
        """Convert a raw value (a string, or a native TOML/Python value)."""
        try:
            return getattr(self, f"_convert_{self.type}")(raw)
        except SpecError:
            raise
        except ShapeError as exc:
            raise self._error(exc.message) from exc
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as exc:
            raise self._error(f"expected {FIELD_TYPES[self.type]}, got {_show(raw)}") from exc

    def _error(self, reason: str) -> SpecError:
        return SpecError(f"field {self.name!r}: {reason}", field=self.name)

    def _convert_number(self, raw: Any) -> float | int:
        value = _number(_literal(raw) if isinstance(raw, str) else raw)
        return self._bounded(value)

    def _convert_integer(self, raw: Any) -> int:
        value = _literal(raw) if isinstance(raw, str) else raw
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(value)
        return int(self._bounded(value))

    def _convert_text(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise TypeError(raw)
        if len(raw) > self.max_items:
            raise self._error(f"is longer than {self.max_items} characters")
        return raw

    def _convert_flag(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise TypeError(raw)

    def _convert_choice(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise TypeError(raw)
        value = raw.strip()
        if value not in self.choices:
            hint = closest(value, self.choices)
            msg = f"{value!r} is not one of {', '.join(self.choices)}"
            raise SpecError(
                f"field {self.name!r}: {msg}" + (f"; did you mean {hint!r}?" if hint else ""),
                field=self.name,
                suggestion=hint,
            )
        return value

    def _convert_numbers(self, raw: Any) -> tuple[float | int, ...]:
        items = self._list(raw)
        return tuple(self._bounded(_number(v)) for v in items)

    def _convert_integers(self, raw: Any) -> tuple[int, ...]:
        return tuple(self._convert_integer(v) for v in self._list(raw))

    def _convert_texts(self, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str) and not raw.strip().startswith(("[", "(")):
            raw = [part.strip() for part in raw.split(",")] if raw.strip() else []
        items = self._list(raw)
        if not all(isinstance(v, str) for v in items):
            raise TypeError(raw)
        return tuple(items)

    def _convert_shape(self, raw: Any) -> tuple[int, ...]:
        items = self._list(raw)
        dims = tuple(self._convert_integer(v) for v in items)
        if any(d < 0 for d in dims):
            raise self._error(f"dimensions cannot be negative, got {dims}")
        if len(dims) > MAX_DIMS:
            raise self._error(f"has more than {MAX_DIMS} dimensions")
        return dims

    def _convert_matrix(self, raw: Any) -> tuple[tuple[float | int, ...], ...]:
        from shapekit.shapes import shape

        value = _literal(raw) if isinstance(raw, str) else raw
        dims = shape(value, name=self.name)
        if len(dims) != 2:
            raise self._error(f"expected a matrix (2 dimensions), got shape {dims}")
        if dims[0] * dims[1] > self.max_items:
            raise self._error(f"has {dims[0] * dims[1]} numbers; the limit is {self.max_items}")
        return tuple(tuple(_number(v) for v in row) for row in value)

    def _convert_nested(self, raw: Any) -> Any:
        value = _literal(raw) if isinstance(raw, str) else raw
        count = [0]
        try:
            frozen = _freeze(value, count, self.max_items, depth=0)
        except OverflowError as exc:
            raise self._error(f"has more than {self.max_items} numbers") from exc
        if not isinstance(frozen, tuple):
            raise self._error(f"expected a list, got {_show(raw)}")
        return frozen

    def _list(self, raw: Any) -> list[Any]:
        value = raw
        if isinstance(raw, str):
            text = raw.strip()
            value = _literal(text if text.startswith(("[", "(")) else f"[{text}]") if text else []
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise TypeError(raw)
        if len(value) > self.max_items:
            raise self._error(f"has {len(value)} items; the limit is {self.max_items}")
        return list(value)

    def _bounded(self, value: float | int) -> float | int:
        if self.minimum is not None and value < self.minimum:
            raise self._error(f"must be at least {self.minimum:g}, got {value}")
        if self.maximum is not None and value > self.maximum:
            raise self._error(f"must be at most {self.maximum:g}, got {value}")
        return value


def _literal(text: str) -> Any:
    """Parse a Python/JSON literal without evaluating code."""
    text = text.strip()
    if len(text) > 1_000_000:
        raise ValueError("value too long")
    lowered = {"true": "True", "false": "False"}.get(text, text)
    return ast.literal_eval(lowered)


def _number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(value)
    return value


def _freeze(value: Any, count: list[int], limit: int, depth: int) -> Any:
    if depth > MAX_DIMS:
        raise ValueError("nested too deeply")
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v, count, limit, depth + 1) for v in value)
    count[0] += 1
    if count[0] > limit:
        raise OverflowError(limit)
    return _number(value)


def _listify(value: Any) -> Any:
    return [_listify(v) for v in value] if isinstance(value, tuple) else value


def _show(raw: Any) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."
