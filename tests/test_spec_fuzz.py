"""parse_spec over every kind, fuzzed (issue 9): whatever a front end hands over —
text from the CLI or a URL, native TOML values, Python or NumPy values from the
API — the result is a valid :class:`Spec` or a :class:`SpecError`, never another
exception. A spec that parses also reads back from its own data, and builds
(drawing it is left out: that is Graphviz's time, not the parser's).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapekit.errors import ShapekitError, SpecError
from shapekit.figures import KIND_NAMES, Field, Spec, draw, get_kind, parse_spec

#: numbers that are fine in a figure
small_numbers = st.one_of(
    st.integers(-100, 100), st.floats(-10, 10, allow_nan=False).map(lambda x: round(x, 2))
)

#: values no field accepts, or accepts only as text to be parsed
junk = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "[",
            "]]",
            "1e400",
            "nan",
            "-inf",
            "1" + "0" * 5000,
            "[" * 300,
            "a\x1b[2K",
            "\udcff",
            "__import__('os')",
            "{1: 2}",
            "[[1, 2], [3]]",
            "(1,)",
            "1_000",
            "0x10",
            "True",
            "6in",
        ]
    ),
    st.integers(-(2**70), 2**70),
    st.just(10**5000),
    st.floats(),
    st.booleans(),
    st.binary(max_size=4),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.lists(st.one_of(st.none(), st.text(max_size=2), st.floats()), max_size=3),
    st.just(np.array([[1.0, np.nan]])),
    st.just(np.zeros((2, 0))),
    st.just(np.array(["a", "b"])),
    st.just(np.complex64(1j)),
    st.just(np.float32(0.1)),
)


def _matrix(draw: st.DrawFn) -> list[list[Any]]:
    rows, cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return [[draw(small_numbers) for _ in range(cols)] for _ in range(rows)]


@st.composite
def valid_value(draw: st.DrawFn, field: Field) -> Any:
    """A value of the field's type (not always within its limits or its kind's rules)."""
    kind = field.type
    if kind == "number":
        return draw(small_numbers)
    if kind == "integer":
        return draw(st.integers(-2, 12))
    if kind in ("numbers", "integers"):
        leaf = small_numbers if kind == "numbers" else st.integers(0, 9)
        return draw(st.lists(leaf, min_size=0, max_size=6))
    if kind == "matrix":
        return _matrix(draw)
    if kind == "nested":
        return draw(
            st.recursive(small_numbers, lambda inner: st.lists(inner, max_size=3), max_leaves=12)
        )
    if kind == "text":
        return draw(st.text(max_size=10))
    if kind == "texts":
        return draw(st.lists(st.text(max_size=5), max_size=4))
    if kind == "flag":
        return draw(st.sampled_from([True, False, "yes", "off", "1"]))
    if kind == "choice":
        return draw(st.sampled_from(field.choices))
    if kind == "shape":
        return draw(st.lists(st.integers(0, 5), min_size=1, max_size=3))
    if kind == "length":
        return draw(st.sampled_from([6, 2.5, "10cm", "300px", "12in", "0.2in"]))
    raise AssertionError(f"no strategy for field type {kind!r}")


@st.composite
def raw_value(draw: st.DrawFn, field: Field) -> Any:
    """A value as a front end might hand it over: native, as text, as NumPy, or junk."""
    how = draw(st.sampled_from(["native", "native", "text", "numpy", "junk"]))
    if how == "junk":
        return draw(junk)
    value = draw(valid_value(field))
    if how == "text":
        try:
            return field.format(field.convert(value))
        except SpecError:
            return str(value)
    if how == "numpy" and field.takes_array:
        try:
            return np.array(value)
        except ValueError:  # a ragged nested list
            return value
    return value


@st.composite
def raw_specs(draw: st.DrawFn, kind_name: str) -> dict[str, Any]:
    kind = get_kind(kind_name)
    raw: dict[str, Any] = {}
    for field in kind.fields:
        if field.required or draw(st.booleans()):
            names = [field.name, *field.aliases]
            raw[draw(st.sampled_from(names))] = draw(raw_value(field))
    if draw(st.integers(0, 9)) == 0:
        raw[draw(st.text(min_size=1, max_size=8))] = draw(junk)
    return raw


@pytest.mark.parametrize("kind_name", KIND_NAMES)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(data=st.data())
def test_parse_spec_gives_a_spec_or_a_spec_error(kind_name: str, data: st.DataObject) -> None:
    raw = data.draw(raw_specs(kind_name))
    try:
        spec = parse_spec(kind_name, raw)
    except SpecError as exc:
        assert exc.message and exc.field is not None
        return
    assert isinstance(spec, Spec) and len(spec.digest) == 64
    again = parse_spec(kind_name, spec.to_data())
    assert again == spec and again.digest == spec.digest
    try:
        drawing = draw(spec).drawing
    except ShapekitError:  # a kind may refuse what its fields allow (too big to draw…)
        return
    assert drawing.source.strip() and drawing.title and drawing.description


@pytest.mark.parametrize("kind_name", KIND_NAMES)
def test_every_field_of_every_kind_takes_numpy(kind_name: str) -> None:
    """The example of each kind, every array-like field given as a NumPy array and every
    number as a NumPy scalar, gives the same spec as the plain example."""
    kind = get_kind(kind_name)
    numpy_raw: dict[str, Any] = {}
    plain_raw: dict[str, Any] = {}  # what NumPy makes of the values, as plain Python
    for name, value in parse_spec(kind_name, kind.example).to_data().items():
        field = kind.field(name)
        if field.takes_array and _rectangular(value):
            numpy_raw[name] = np.array(value)  # [1, 2.5] becomes floats, as in NumPy
            plain_raw[name] = numpy_raw[name].tolist()
        elif field.type == "number":
            numpy_raw[name], plain_raw[name] = np.float64(value), float(value)
        elif field.type == "integer":
            numpy_raw[name], plain_raw[name] = np.int64(value), int(value)
        else:
            numpy_raw[name] = plain_raw[name] = value
    assert any(isinstance(v, np.ndarray) for v in numpy_raw.values()), "arrays are tried"
    assert parse_spec(kind_name, numpy_raw) == parse_spec(kind_name, plain_raw)


def _rectangular(value: Any) -> bool:
    try:
        array = np.array(value)
    except ValueError:
        return False
    return array.dtype.kind in "iuf"
