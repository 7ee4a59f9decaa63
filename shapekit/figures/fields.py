"""Typed fields of a figure spec: the one place where a field's type, default,
allowed values and limits are declared, and where raw values are converted.

Front ends hand over raw values: strings from the CLI, Sphinx options or URL
queries, native values from TOML, Python and NumPy values from the API.
:meth:`Field.convert` accepts them all and returns plain Python values (NumPy
arrays become tuples, NumPy scalars ints and floats), so that a spec's digest
and its TOML text do not depend on where the values came from.

>>> Field("inputs", "numbers", "input values").convert("1.0, 2.0, 3.0")
(1.0, 2.0, 3.0)
>>> Field("sizes", "integers", "layer sizes").convert([4, 4, 2])
(4, 4, 2)
>>> import numpy as np
>>> Field("inputs", "numbers", "input values").convert(np.array([0.5, -1.0], dtype=np.float32))
(0.5, -1.0)
>>> Field("width", "length", "how wide").convert("15.24cm")
6.0

Limits are part of a field: a number must fit in 64 bits (as in a NumPy
array), a text holds no control characters, a list at most ``max_items``
items; past them :meth:`Field.convert` raises a
:class:`~shapekit.errors.SpecError` that names the field and the limit.
"""

from __future__ import annotations

import math
import re
import reprlib
import sys
import unicodedata
from dataclasses import dataclass
from typing import Any

from shapekit._nesting import INT64_MAX, INT64_MIN, MAX_DIMS
from shapekit.errors import ShapeError, SpecError, closest

__all__ = ["FIELD_TYPES", "LENGTH_UNITS", "REQUIRED", "Field", "closest"]


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
    "length": "a length in inches, or with a unit: 6in, 15cm, 150mm, 432pt, 800px",
}

#: units a length may be written in, as inches per unit (px: CSS pixels, 96 per inch)
LENGTH_UNITS: dict[str, float] = {
    "in": 1.0,
    "cm": 1 / 2.54,
    "mm": 1 / 25.4,
    "pt": 1 / 72,
    "px": 1 / 96,
}
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*$")
#: Python refuses to read an integer longer than this from text
_MAX_DIGITS = 4300
#: characters a figure's text may not hold, besides the control categories
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: field types a NumPy array can give
_ARRAY_TYPES = frozenset({"numbers", "integers", "matrix", "nested", "shape"})
#: list items looked at for NumPy values inside lists, per conversion
_WALK_BUDGET = 200_000
_CHARACTER_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\x1b": "an escape",
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
    #: other names accepted for this field (an older name, another kind's word)
    aliases: tuple[str, ...] = ()

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
        text += ")"
        if self.aliases:
            text += " Also accepted under " + ", ".join(repr(a) for a in self.aliases) + "."
        return text

    def format(self, value: Any) -> str:
        """A value of this field as text that :meth:`convert` reads back."""
        if self.type == "flag":
            return "true" if value else "false"
        if isinstance(value, tuple):
            return repr(_listify(value)).replace("'", '"')
        if self.type == "length":
            return f"{value:g}in"
        return str(value)

    @property
    def takes_array(self) -> bool:
        """Whether a NumPy array can give this field's value (a list of numbers, a matrix…)."""
        return self.type in _ARRAY_TYPES

    def cli_value(self, text: str) -> Any:
        """A command-line value: ``text`` itself, or the array in the ``.npy`` file it names.

        Only the command line reads files this way (a TOML file, a Sphinx option or
        a URL never makes shapekit open a file by naming it). The file is read as
        ``shapekit check`` reads it: never unpickled, its size checked from the header.
        """
        if not (self.takes_array and text.strip().lower().endswith(".npy")):
            return text
        from shapekit.check.readers import read_file
        from shapekit.errors import InputError

        try:
            return read_file(text.strip()).value
        except InputError as exc:
            raise self._error(exc.message) from None

    # -- conversion ---------------------------------------------------------

    def convert(self, raw: Any) -> Any:
        """Convert a raw value (a string, a native TOML/Python value, or a NumPy value)."""
        try:
            plain = _from_numpy(raw, self.max_items, [_WALK_BUDGET])
            return getattr(self, f"_convert_{self.type}")(plain)
        except SpecError:
            raise
        except _Refused as exc:
            raise self._error(exc.reason) from None
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
        return int(self._bounded(_number(value)))

    def _convert_text(self, raw: Any) -> str:
        if not isinstance(raw, str):
            raise TypeError(raw)
        if len(raw) > self.max_items:
            raise self._error(f"is longer than {self.max_items} characters")
        _printable(raw)
        return str(raw)

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
        for item in items:
            _printable(item)
        return tuple(str(v) for v in items)

    def _convert_length(self, raw: Any) -> float:
        if isinstance(raw, str):
            match = _LENGTH.match(raw.lower())
            if match is None or match.group(2) not in ("", *LENGTH_UNITS):
                units = ", ".join(LENGTH_UNITS)
                raise _Refused(
                    f"expected a length such as 6in or 15cm (units: {units}), got {_show(raw)}"
                )
            inches = _number(float(match.group(1))) * LENGTH_UNITS[match.group(2) or "in"]
        else:
            inches = float(_number(raw))
        inches = round(inches, 6)  # 15.24cm is 6in, not 5.999999999999999in
        if self.minimum is not None and inches < self.minimum:
            raise self._error(f"must be at least {self.minimum:g}in, got {inches:g}in")
        if self.maximum is not None and inches > self.maximum:
            raise self._error(f"must be at most {self.maximum:g}in, got {inches:g}in")
        return inches

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


class _Refused(ValueError):
    """A value past a limit; ``reason`` says which, for the field's error."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_LIMIT_64 = (
    "numbers must fit in 64 bits, as in a NumPy array (whole numbers from -2**63 to 2**63 - 1)"
)


def _literal(text: str) -> Any:
    """Parse a Python/JSON literal without evaluating code."""
    text = text.strip()
    if len(text) > 1_000_000:
        raise _Refused(f"is {len(text)} characters long; the limit is 1000000")
    longest = max((len(run) for run in re.findall(rf"[0-9_]{{{_MAX_DIGITS},}}", text)), default=0)
    if longest:
        raise _Refused(f"has a number of {longest} digits, far too large: {_LIMIT_64}")
    lowered = {"true": "True", "false": "False"}.get(text, text)
    from shapekit.figures.theme import written_literal

    # ast.literal_eval, each decimal remembering its text: "1.00" is drawn as 1.00
    return written_literal(lowered)


def _number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(value)
    if isinstance(value, float) and math.isnan(value):
        raise _Refused("is not a number (nan); a figure needs real numbers")
    if isinstance(value, float) and math.isinf(value):
        raise _Refused(
            "is infinite, or too large for a float (the limit is about 1.8e308); "
            "a figure needs finite numbers"
        )
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        raise _Refused(f"has {_integer(value)}, too large: {_LIMIT_64}")
    if isinstance(value, float):
        # a float that remembers how it was written (theme.Written, "1.00") stays itself
        # + 0.0 turns -0.0 into 0.0: they are drawn alike, so they are one spec
        return value if hasattr(value, "text") else float(value) + 0.0
    return int(value)


def _integer(value: int) -> str:
    """``the integer 12``, or ``an integer of 5001 digits`` without printing a huge one."""
    if value.bit_length() <= 200:
        return f"the integer {value}"
    digits = int(abs(value).bit_length() * math.log10(2)) + 1
    return f"an integer of about {digits} digits"


def _printable(text: str) -> None:
    """Refuse control characters: Graphviz, terminals and SVG readers each treat them differently."""
    for position, char in enumerate(text, 1):
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS:
            what = _CHARACTER_NAMES.get(char, "a control character")
            if category == "Cs":
                what = "an undecodable byte or lone surrogate"
            raise _Refused(
                f"has {what} (U+{ord(char):04X}) at character {position}; "
                "a figure's text may hold only printable characters"
            )


def _from_numpy(value: Any, limit: int, budget: list[int], depth: int = 0) -> Any:
    """NumPy arrays and scalars (also inside lists) as plain Python values.

    NumPy is never imported here: if the caller has not imported it, the
    value holds no NumPy objects. Low-precision floats keep the digits they
    print with (``np.float32(0.1)`` is 0.1, not 0.10000000149011612).
    """
    np = sys.modules.get("numpy")
    if np is None:
        return value
    if isinstance(value, np.ndarray):
        if value.size > limit:
            raise _Refused(f"has {value.size} numbers; the limit is {limit}")
        if value.dtype.kind == "f" and value.dtype.itemsize != 8:
            value = np.array([float(str(v)) for v in value.ravel()]).reshape(value.shape)
        elif value.dtype.kind == "O" and depth <= MAX_DIMS:
            return _from_numpy(value.tolist(), limit, budget, depth + 1)
        return value.tolist()
    if isinstance(value, np.generic):
        if isinstance(value, np.floating):
            return float(str(value)) if value.dtype.itemsize < 8 else float(value)
        return value.item()
    if isinstance(value, (list, tuple)) and depth <= MAX_DIMS and len(value) <= budget[0]:
        budget[0] -= len(value)
        return type(value)(_from_numpy(v, limit, budget, depth + 1) for v in value)
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
    """A short repr for a message, also of a huge list or an int too long to print."""
    text = _Short().repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


class _Short(reprlib.Repr):
    def __init__(self) -> None:
        super().__init__()
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = 8
        self.maxstring, self.maxother, self.maxlevel = 60, 60, 4

    def repr_int(self, x: int, level: int) -> str:
        return repr(x) if x.bit_length() <= 200 else f"<{_integer(x)[3:]}>"
