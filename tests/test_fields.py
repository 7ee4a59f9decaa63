"""Field conversion: strings (CLI, Sphinx, URLs) and native values (TOML) give the same value."""

from __future__ import annotations

from typing import Any

import pytest

from shapekit.errors import SpecError, closest
from shapekit.figures.fields import FIELD_TYPES, REQUIRED, Field


@pytest.mark.parametrize(
    ("type_", "raw", "value"),
    [
        ("number", "2.5", 2.5),
        ("number", 3, 3),
        ("number", "-0.5", -0.5),
        ("integer", "7", 7),
        ("integer", 4.0, 4),
        ("text", "cat", "cat"),
        ("flag", "yes", True),
        ("flag", "off", False),
        ("flag", True, True),
        ("numbers", "1.0, 2.0, 3.0", (1.0, 2.0, 3.0)),
        ("numbers", "[1, 2.5]", (1, 2.5)),
        ("numbers", [0.2, -0.5], (0.2, -0.5)),
        ("numbers", 4, (4,)),
        ("numbers", "", ()),
        ("integers", "4, 4, 2", (4, 4, 2)),
        ("integers", [4, 4.0], (4, 4)),
        ("texts", "cat, dog", ("cat", "dog")),
        ("texts", ["cat", "dog"], ("cat", "dog")),
        ("matrix", "[[1, 2], [3, 4]]", ((1, 2), (3, 4))),
        ("matrix", [[1.5], [2.5]], ((1.5,), (2.5,))),
        ("nested", "[[1, 2], [3]]", ((1, 2), (3,))),
        ("shape", "3,4", (3, 4)),
        ("shape", "(3, 4)", (3, 4)),
        ("shape", [5], (5,)),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_convert(type_: str, raw: Any, value: Any) -> None:
    assert Field("f", type_, "help").convert(raw) == value


def test_choice_and_its_suggestion() -> None:
    field = Field("activation", "choice", "act", choices=("none", "step", "relu"))
    assert field.convert(" relu ") == "relu"
    with pytest.raises(
        SpecError, match="'rleu' is not one of none, step, relu; did you mean 'relu'"
    ) as info:
        field.convert("rleu")
    assert info.value.field == "activation" and info.value.suggestion == "relu"


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        (Field("bias", "number", "b"), "abc", "field 'bias': expected a real number, got 'abc'"),
        (Field("bias", "number", "b"), "nan", "expected a real number"),
        (Field("bias", "number", "b"), True, "expected a real number"),
        (Field("n", "integer", "n"), "2.5", "expected a whole number"),
        (Field("n", "integer", "n", minimum=1), "0", "field 'n': must be at least 1, got 0"),
        (Field("n", "integer", "n", maximum=10), 11, "must be at most 10, got 11"),
        (Field("xs", "numbers", "xs", max_items=3), "1,2,3,4", "has 4 items; the limit is 3"),
        (Field("xs", "numbers", "xs"), "1, 'a'", "expected a list of numbers"),
        (Field("xs", "numbers", "xs"), "__import__('os')", "expected a list of numbers"),
        (Field("f", "flag", "f"), "maybe", "expected true or false"),
        (Field("m", "matrix", "m"), "[[1, 2], [3]]", "not homologous"),
        (Field("m", "matrix", "m"), "[1, 2]", "expected a matrix"),
        (Field("m", "matrix", "m", max_items=4), [[1, 2, 3]] * 2, "has 6 numbers; the limit is 4"),
        (Field("s", "shape", "s"), "3,-1", "cannot be negative"),
        (Field("t", "text", "t", max_items=3), "long", "longer than 3 characters"),
        (Field("n", "nested", "n", max_items=3), [[1, 2], [3, 4]], "more than 3 numbers"),
        (Field("n", "nested", "n"), "5", "expected a list"),
    ],
    ids=lambda v: v.name if isinstance(v, Field) else repr(v)[:24],
)
def test_bad_values_name_the_field(field: Field, raw: Any, message: str) -> None:
    with pytest.raises(SpecError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        field.convert(raw)
    assert info.value.field == field.name


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    with pytest.raises(SpecError, match="field 'n'"):
        Field("n", "nested", "n").convert("[" * 200 + "]" * 200)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (Field("xs", "numbers", "x"), (1.0, -0.5)),
        (Field("m", "matrix", "m"), ((1, 2), (3, 4))),
        (Field("f", "flag", "f"), False),
        (Field("t", "texts", "t"), ("cat", "dog")),
        (Field("b", "number", "b"), 2.5),
    ],
    ids=lambda v: v.name if isinstance(v, Field) else "",
)
def test_format_reads_back(field: Field, value: Any) -> None:
    assert field.convert(field.format(value)) == value


def test_describe() -> None:
    assert Field("bias", "number", "the bias", default=2.0).describe() == (
        "the bias (a real number; default 2.0)"
    )
    assert Field("names", "texts", "names", default=()).describe() == (
        "names (a list of texts, e.g. cat, dog)"
    )
    choice = Field("act", "choice", "how", default="none", choices=("none", "relu"))
    assert choice.describe() == "how (one of a fixed set of names: none, relu; default none)"
    assert choice.metavar == "[none|relu]"


def test_required_and_declaration_errors() -> None:
    assert Field("x", "number", "x").required and Field("x", "number", "x").default is REQUIRED
    assert not Field("x", "number", "x", default=None).required
    with pytest.raises(ValueError, match="unknown field type 'vector'"):
        Field("x", "vector", "x")
    with pytest.raises(ValueError, match="needs choices"):
        Field("x", "choice", "x")
    assert set(FIELD_TYPES) >= {"number", "numbers", "matrix", "choice", "flag"}


def test_closest() -> None:
    assert closest("wieghts", ["inputs", "weights"]) == "weights"
    assert closest("zzz", ["inputs", "weights"]) is None
