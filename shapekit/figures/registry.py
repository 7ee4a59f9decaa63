"""The one registry of figure kinds.

A kind is declared once, in its own module under :mod:`shapekit.figures.kinds`,
as a :class:`Kind`: its fields (types, defaults, allowed values) and a
``build`` function that turns a validated :class:`Spec` into a
:class:`~shapekit.figures.drawing.Drawing`. Every front end (CLI options, TOML
tables, Sphinx directive options, URL queries) turns its own syntax into a
spec through :func:`parse_spec` — nothing else validates figure options.

>>> spec = parse_spec("dot", {"left": "1, 2, 3", "right": [2, 3, 4]})
>>> spec.kind, spec["left"], spec["right"]
('dot', (1, 2, 3), (2, 3, 4))

Every kind also has the :data:`SIZE_FIELDS` ``width`` and ``scale``, added
here so that each front end gets them from the kind's fields like any other:

>>> parse_spec("dot", {"left": [1], "right": [2], "width": "10cm"})["width"]
3.937008

A field may accept other names (``aliases``): ``array`` figures take
``values``, as ``transpose`` figures do, and still accept ``value``.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shapekit.errors import SpecError, closest
from shapekit.figures.fields import Field

if TYPE_CHECKING:  # pragma: no cover
    from shapekit.figures.drawing import Drawing

__all__ = ["KIND_NAMES", "SIZE_FIELDS", "Kind", "Spec", "all_kinds", "get_kind", "parse_spec"]

#: the fields every kind has, after its own: how big the figure is drawn
SIZE_FIELDS: tuple[Field, ...] = (
    Field(
        "width",
        "length",
        "the figure's width, its height following; by default its natural size, "
        "shrunk if needed to fit a 16:9 slide",
        default=None,
        minimum=0.5,
        maximum=30,
    ),
    Field(
        "scale",
        "number",
        "a factor on the figure's natural size, e.g. 0.8 or 1.5 (give width or scale, not both)",
        default=None,
        minimum=0.1,
        maximum=3,
    ),
)

#: every figure kind, in the order documentation lists them; each is the
#: module ``shapekit.figures.kinds.<name>`` exposing ``KIND``
KIND_NAMES: tuple[str, ...] = (
    "neuron",
    "layer",
    "network",
    "dot",
    "matmul",
    "transpose",
    "forward",
    "array",
    "function",
)


@dataclass(frozen=True)
class Kind:
    """A figure kind: its name, fields and how it is drawn.

    ``check`` validates relations between fields (lengths that must agree…)
    and raises :class:`~shapekit.errors.SpecError` naming the field.
    ``version`` is bumped whenever the drawing changes, so caches re-render.
    """

    name: str
    summary: str
    fields: tuple[Field, ...]
    build: Callable[[Spec], Drawing]
    check: Callable[[Spec], None] | None = None
    version: int = 1
    #: an example spec (field -> raw value) used by docs and tests
    example: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        own = {f.name for f in self.fields}
        common = tuple(f for f in SIZE_FIELDS if f.name not in own)
        if len(common) != len(SIZE_FIELDS):
            raise ValueError(f"kind {self.name!r} redefines a size field ({', '.join(own)})")
        object.__setattr__(self, "fields", (*self.fields, *common))
        names = [n for f in self.fields for n in (f.name, *f.aliases)]
        if len(set(names)) != len(names):
            raise ValueError(f"kind {self.name!r} uses a field name twice: {names}")

    def field(self, name: str) -> Field:
        """The field called ``name`` (or that accepts ``name`` as an alias)."""
        for f in self.fields:
            if f.name == name or name in f.aliases:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def aliases(self) -> dict[str, str]:
        """Every other name a field accepts, mapped to the field's name."""
        return {alias: f.name for f in self.fields for alias in f.aliases}


_LOADED: dict[str, Kind] = {}


def get_kind(name: str) -> Kind:
    """The kind called ``name``; a SpecError suggests the closest one.

    >>> get_kind("matmul").name
    'matmul'
    """
    if name not in KIND_NAMES:
        hint = closest(name, KIND_NAMES)
        msg = f"unknown figure kind {name!r}; the kinds are {', '.join(KIND_NAMES)}"
        raise SpecError(
            msg + (f" (did you mean {hint!r}?)" if hint else ""), field="kind", suggestion=hint
        )
    kind = _LOADED.get(name)
    if kind is None:
        module = importlib.import_module(f"shapekit.figures.kinds.{name}")
        kind = module.KIND
        _LOADED[name] = kind
    return kind


def all_kinds() -> list[Kind]:
    """Every registered kind, in documentation order."""
    return [get_kind(name) for name in KIND_NAMES]


class Spec(Mapping[str, Any]):
    """A validated figure spec: the kind and a value for every field.

    Immutable and hashable; :attr:`digest` keys caches.
    """

    __slots__ = ("_values", "kind")

    def __init__(self, kind: str, values: Mapping[str, Any]) -> None:
        self.kind = kind
        self._values = dict(values)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Spec({self.kind!r}, {self._values!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Spec):
            return NotImplemented
        # by digest, as hashed: a bias of 0 is not the same spec as 0.0 (it is drawn "0")
        return (self.kind, self._values) == (other.kind, other._values) and (
            self.digest == other.digest
        )

    def __hash__(self) -> int:
        return hash(self.digest)

    def to_data(self, *, defaults: bool = False) -> dict[str, Any]:
        """The fields as plain data (lists, not tuples); defaults left out unless asked."""
        kind = get_kind(self.kind)
        data: dict[str, Any] = {}
        for f in kind.fields:
            value = self._values[f.name]
            # 0 equals a default of 0.0 but is drawn "0": only the very same value is left out
            if defaults or f.required or not _same(value, f.default):
                data[f.name] = _plain(value)
        return data

    @property
    def digest(self) -> str:
        """SHA-256 of the kind, its code version and every field value."""
        kind = get_kind(self.kind)
        data: dict[str, Any] = {
            "kind": self.kind,
            "version": kind.version,
            "values": self.to_data(defaults=True),
        }
        # 1.00 and 1.0 are equal floats but drawn differently (theme.Written)
        written = _written(tuple(self._values.values()))
        if written:
            data["written"] = written
        payload = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()


def parse_spec(kind_name: str, raw: Mapping[str, Any], *, figure: str | None = None) -> Spec:
    """Turn raw values (strings or native values) into a validated :class:`Spec`.

    Unknown field names raise :class:`SpecError` with the closest valid name;
    missing required fields and bad values name the field.
    """
    kind = get_kind(kind_name)
    names = kind.field_names
    aliases = kind.aliases
    values: dict[str, Any] = {}
    given: dict[str, str] = {}
    for key, raw_value in raw.items():
        name = aliases.get(key, key)
        if name not in names:
            hint = closest(key, [*names, *aliases])
            hint = aliases.get(hint, hint) if hint else None
            msg = f"{kind.name} figures have no field {key!r}"
            msg += f"; did you mean {hint!r}?" if hint else f"; the fields are {', '.join(names)}"
            raise SpecError(msg, field=key, suggestion=hint, figure=figure)
        if name in given:
            raise SpecError(
                f"{kind.name} figures take {name!r} once, but got both {given[name]!r} and "
                f"{key!r} ({'another name' if name != key else 'the field'} for the same field)",
                field=name,
                figure=figure,
            )
        given[name] = key
        try:
            values[name] = kind.field(name).convert(raw_value)
        except SpecError as exc:
            exc.figure = figure
            raise
    for f in kind.fields:
        if f.name not in values:
            if f.required:
                raise SpecError(
                    f"{kind.name} figures need the field {f.name!r} ({f.help})",
                    field=f.name,
                    figure=figure,
                )
            values[f.name] = f.default
    if values.get("width") is not None and values.get("scale") is not None:
        raise SpecError(
            "give width or scale, not both: width sets the figure's width, "
            "scale multiplies its natural size",
            field="scale",
            figure=figure,
        )
    spec = Spec(kind.name, values)
    if kind.check is not None:
        try:
            kind.check(spec)
        except SpecError as exc:
            exc.figure = figure
            raise
    return spec


def _written(value: Any) -> list[str]:
    """The texts of the numbers that remember how they were written, in order."""
    if isinstance(value, tuple):
        return [text for v in value for text in _written(v)]
    text = getattr(value, "text", None) if isinstance(value, float) else None
    return [text] if isinstance(text, str) else []


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (``0`` is not ``0.0`` here)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _plain(value: Any) -> Any:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value
