"""The registry of figure kinds: lookup, parse_spec, and every kind's example."""

from __future__ import annotations

import pytest

from shapekit.errors import SpecError
from shapekit.figures import KIND_NAMES, Spec, all_kinds, draw, get_kind, parse_spec


def test_unknown_kind_suggests_the_closest() -> None:
    with pytest.raises(
        SpecError, match=r"unknown figure kind 'nuerons'.*did you mean 'neuron'"
    ) as info:
        get_kind("nuerons")
    assert info.value.field == "kind" and info.value.suggestion == "neuron"


def test_unknown_kind_far_from_everything_lists_them() -> None:
    with pytest.raises(SpecError, match="the kinds are neuron, layer, network") as info:
        get_kind("zzzz")
    assert info.value.suggestion is None


def test_unknown_field_suggests_the_closest() -> None:
    with pytest.raises(
        SpecError, match="neuron figures have no field 'wieghts'; did you mean 'weights'"
    ) as info:
        parse_spec("neuron", {"inputs": [1], "wieghts": [1]}, figure="fig-1")
    assert (info.value.field, info.value.suggestion, info.value.figure) == (
        "wieghts",
        "weights",
        "fig-1",
    )


def test_unknown_field_far_from_everything_lists_the_fields() -> None:
    with pytest.raises(SpecError, match="the fields are inputs, weights, bias"):
        parse_spec("neuron", {"colour": "red"})


def test_missing_required_field() -> None:
    with pytest.raises(
        SpecError, match=r"neuron figures need the field 'weights' \(one weight per input\)"
    ) as info:
        parse_spec("neuron", {"inputs": [1, 2]}, figure="f")
    assert info.value.field == "weights" and info.value.figure == "f"


def test_bad_value_and_check_errors_carry_the_figure() -> None:
    with pytest.raises(SpecError) as info:
        parse_spec("neuron", {"inputs": [1, 2], "weights": "x"}, figure="f")
    assert info.value.figure == "f" and info.value.field == "weights"
    with pytest.raises(SpecError) as info:
        parse_spec("neuron", {"inputs": [1, 2], "weights": [1]}, figure="g")
    assert info.value.figure == "g"


def test_defaults_fill_in_and_to_data_leaves_them_out() -> None:
    spec = parse_spec("neuron", {"inputs": "1, 2", "weights": [0.5, 0.25]})
    assert spec["bias"] == 0.0 and spec["activation"] == "none"
    assert spec.to_data() == {"inputs": [1, 2], "weights": [0.5, 0.25]}
    assert spec.to_data(defaults=True)["activation"] == "none"


def test_strings_and_native_values_give_equal_specs_and_digests() -> None:
    a = parse_spec("layer", {"inputs": "1, 2", "weights": "[[1, 2]]", "biases": "0.5"})
    b = parse_spec("layer", {"inputs": [1, 2], "weights": [[1, 2]], "biases": [0.5]})
    assert a == b and hash(a) == hash(b) and a.digest == b.digest
    c = parse_spec("layer", {"inputs": [1, 2], "weights": [[1, 2]], "biases": [0.75]})
    assert c.digest != a.digest
    assert len(a.digest) == 64 and isinstance(a, Spec) and dict(a)["biases"] == (0.5,)


def test_kinds_are_listed_in_documentation_order() -> None:
    assert [k.name for k in all_kinds()] == list(KIND_NAMES)


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_kind_example_parses_and_builds(name: str) -> None:
    kind = get_kind(name)
    assert kind.name == name and kind.summary and kind.example
    assert len(set(kind.field_names)) == len(kind.field_names)
    spec = parse_spec(name, kind.example)
    drawing = draw(spec).drawing
    assert drawing.source.strip()
    assert drawing.title and drawing.description
    assert str(spec.digest) == parse_spec(name, spec.to_data()).digest


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_field_is_documented(name: str) -> None:
    for field in get_kind(name).fields:
        assert field.help and field.describe().startswith(field.help)
        if not field.required and field.default is not None:
            assert field.convert(field.format(field.default)) == field.default
