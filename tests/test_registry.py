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


# -- one name per thing, sizes for every kind (issue 12) ---------------------------------


def test_array_and_transpose_take_values_and_array_keeps_value_as_an_alias() -> None:
    new = parse_spec("array", {"values": [[1, 2], [3, 4]]})
    old = parse_spec("array", {"value": [[1, 2], [3, 4]]})
    assert new == old and new.digest == old.digest
    assert old.to_data() == {"values": [[1, 2], [3, 4]]}
    assert "values" in get_kind("transpose").field_names
    field = get_kind("array").field("value")
    assert field.name == "values" and "Also accepted under 'value'" in field.describe()
    assert get_kind("array").aliases == {"value": "values"}


def test_a_field_and_its_alias_together_are_refused() -> None:
    with pytest.raises(
        SpecError, match="array figures take 'values' once, but got both 'values' and 'value'"
    ) as info:
        parse_spec("array", {"values": [1], "value": [2]})
    assert info.value.field == "values"


def test_a_misspelt_alias_suggests_the_field() -> None:
    with pytest.raises(SpecError, match="did you mean 'values'") as info:
        parse_spec("array", {"valeu": [1]})
    assert info.value.suggestion == "values"


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_kind_has_width_and_scale_last(name: str) -> None:
    kind = get_kind(name)
    assert kind.field_names[-2:] == ("width", "scale")
    spec = parse_spec(name, {**kind.example, "width": "10cm"})
    assert spec["width"] == pytest.approx(10 / 2.54) and spec["scale"] is None
    assert parse_spec(name, {**kind.example, "scale": "1.5"})["scale"] == 1.5
    assert parse_spec(name, kind.example).digest != spec.digest


def test_width_and_scale_together_are_refused() -> None:
    with pytest.raises(SpecError, match="give width or scale, not both") as info:
        parse_spec("dot", {"left": [1], "right": [2], "width": 4, "scale": 2})
    assert info.value.field == "scale"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"width": "0.1in"}, "field 'width': must be at least 0.5in, got 0.1in"),
        ({"width": "2m"}, "field 'width': expected a length such as 6in or 15cm"),
        ({"scale": 0}, "field 'scale': must be at least 0.1, got 0"),
        ({"scale": 30}, "field 'scale': must be at most 3, got 30"),
    ],
)
def test_size_limits(raw: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        parse_spec("dot", {"left": [1], "right": [2], **raw})


def test_a_kind_cannot_redefine_a_size_field_or_repeat_a_name() -> None:
    from shapekit.figures import Field, Kind

    with pytest.raises(ValueError, match="redefines a size field"):
        Kind("k", "k", (Field("width", "number", "w"),), build=lambda spec: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(ValueError, match="uses a field name twice"):
        Kind(
            "k",
            "k",
            (Field("a", "number", "a"), Field("b", "number", "b", aliases=("a",))),
            build=lambda spec: None,  # type: ignore[arg-type,return-value]
        )


def test_an_int_and_an_equal_float_are_different_specs_that_read_back() -> None:
    """Found by the fuzzer: a bias of 0 (drawn "0") equals the default 0.0 (drawn "0.0"),
    so to_data() left it out and the spec read back as another figure."""
    whole = parse_spec("neuron", {"inputs": [1], "weights": [2], "bias": 0})
    assert whole.to_data()["bias"] == 0 and type(whole.to_data()["bias"]) is int
    again = parse_spec("neuron", whole.to_data())
    assert again == whole and again.digest == whole.digest
    default = parse_spec("neuron", {"inputs": [1], "weights": [2]})
    assert default != whole and hash(default) != hash(whole)
    assert "bias" not in default.to_data()
