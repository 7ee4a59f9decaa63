"""Field conversion: strings (CLI, Sphinx, URLs) and native values (TOML) give the same value."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
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


# -- NumPy values (issue 12: a lecturer passes arrays straight from a notebook) --


@pytest.mark.parametrize(
    ("type_", "raw", "value"),
    [
        ("numbers", np.array([1.0, 2.0, 3.0]), (1.0, 2.0, 3.0)),
        ("numbers", np.array([1, 2, 3], dtype=np.int32), (1, 2, 3)),
        ("numbers", np.array([0.1, -0.7], dtype=np.float32), (0.1, -0.7)),
        ("numbers", [np.float64(0.5), np.int64(2)], (0.5, 2)),
        ("numbers", np.float64(4.0), (4.0,)),
        ("integers", np.array([4, 4, 2]), (4, 4, 2)),
        ("number", np.float32(0.1), 0.1),
        ("number", np.float16(-0.5), -0.5),
        ("number", np.int8(-3), -3),
        ("number", np.uint64(2**63 - 1), 2**63 - 1),
        ("number", np.longdouble(1.5), 1.5),
        ("number", np.array(2.5), 2.5),
        ("integer", np.int64(7), 7),
        ("flag", np.bool_(True), True),
        ("text", np.str_("cat"), "cat"),
        ("texts", np.array(["cat", "dog"]), ("cat", "dog")),
        ("matrix", np.arange(6).reshape(2, 3), ((0, 1, 2), (3, 4, 5))),
        ("matrix", [np.array([1.5, 2.0]), np.array([3.0, 4.0])], ((1.5, 2.0), (3.0, 4.0))),
        ("nested", np.zeros((2, 1, 2)), (((0.0, 0.0),), ((0.0, 0.0),))),
        ("nested", [np.array([1, 2]), np.array([3])], ((1, 2), (3,))),
        ("shape", np.array([3, 4]), (3, 4)),
        ("shape", (np.int64(3), np.int32(4)), (3, 4)),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_numpy_values_become_plain_python(type_: str, raw: Any, value: Any) -> None:
    converted = Field("f", type_, "help").convert(raw)
    assert converted == value
    leaves = _leaves(converted)
    assert all(type(v) in (int, float, bool, str) for v in leaves), [type(v) for v in leaves]


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, tuple):
        return [leaf for v in value for leaf in _leaves(v)]
    return [value]


def test_numpy_and_python_values_give_the_same_spec_digest() -> None:
    from shapekit.figures import parse_spec

    weights = np.array([[0.2, 0.8, -0.5], [0.5, -0.91, 0.26]])
    a = parse_spec(
        "layer",
        {"inputs": np.array([1.0, 2.0, 3.0]), "weights": weights, "biases": np.array([2.0, 3.0])},
    )
    b = parse_spec(
        "layer", {"inputs": [1.0, 2.0, 3.0], "weights": weights.tolist(), "biases": [2.0, 3.0]}
    )
    assert a == b and a.digest == b.digest


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        (Field("xs", "numbers", "x", max_items=3), np.zeros(4), "has 4 numbers; the limit is 3"),
        (Field("xs", "numbers", "x", max_items=3), np.zeros((1000, 1000)), "has 1000000 numbers"),
        (Field("b", "number", "b"), np.complex128(1j), "expected a real number"),
        (Field("b", "number", "b"), np.float64("nan"), "is not a number (nan)"),
        (Field("b", "number", "b"), np.bool_(True), "expected a real number"),
        (Field("xs", "numbers", "x"), np.array([True, False]), "expected a list of numbers"),
        (Field("m", "matrix", "m"), np.array([[1, 2]], dtype=object) * 10**30, "too large"),
    ],
    ids=lambda v: v.name if isinstance(v, Field) else repr(v)[:20],
)
def test_bad_numpy_values_name_the_field(field: Field, raw: Any, message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)) as info:
        field.convert(raw)
    assert info.value.field == field.name


# -- limits: huge numbers and control characters (issue 9) --------------------

HUGE = "1" + "0" * 5000


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        (Field("bias", "number", "b"), HUGE, "field 'bias': has a number of 5001 digits"),
        (
            Field("bias", "number", "b"),
            10**5000,
            "field 'bias': has an integer of about 5001 digits",
        ),
        (Field("bias", "number", "b"), -(10**5000), "has an integer of about 5001 digits"),
        (Field("bias", "number", "b"), 2**63, "has the integer 9223372036854775808, too large"),
        (Field("bias", "number", "b"), "1e400", "too large for a float"),
        (Field("xs", "numbers", "x"), f"1, {HUGE}", "field 'xs': has a number of 5001 digits"),
        (Field("xs", "numbers", "x"), [1, 10**5000], "has an integer of about 5001 digits"),
        (Field("n", "integer", "n"), HUGE, "field 'n': has a number of 5001 digits"),
        (Field("n", "integer", "n"), 10**5000, "has an integer of about 5001 digits"),
        (Field("n", "nested", "n"), f"[[{HUGE}]]", "has a number of 5001 digits"),
        (Field("m", "matrix", "m"), f"[[{HUGE}]]", "has a number of 5001 digits"),
        (Field("s", "shape", "s"), HUGE, "has a number of 5001 digits"),
        (Field("s", "shape", "s"), (10**5000,), "has an integer of about 5001 digits"),
        (Field("w", "length", "w"), HUGE, "too large for a float"),
    ],
    ids=lambda v: v.name if isinstance(v, Field) else f"{type(v).__name__}",
)
def test_huge_numbers_name_the_field_and_the_limit(field: Field, raw: Any, message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)) as info:
        field.convert(raw)
    assert info.value.field == field.name
    assert "Exceeds the limit" not in info.value.message
    if "digits" in message:
        assert "64 bits" in info.value.message


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        ("a\x07b", "a control character (U+0007) at character 2"),
        ("two\nlines", "a line break (U+000A) at character 4"),
        ("\x1b[2Kfake", "an escape (U+001B) at character 1"),
        ("tab\there", "a tab (U+0009)"),
        ("\udcff", "an undecodable byte or lone surrogate (U+DCFF)"),
        ("ab\u202ecd", "a control character (U+202E)"),
        ("x\x85", "a control character (U+0085)"),
        ("a\u2028b", "a control character (U+2028)"),
    ],
    ids=["bell", "newline", "escape", "tab", "surrogate", "bidi-override", "c1", "line-sep"],
)
def test_control_characters_in_texts_are_refused(raw: str, what: str) -> None:
    with pytest.raises(SpecError, match=re.escape(f"field 't': has {what}")):
        Field("t", "text", "t").convert(raw)
    with pytest.raises(SpecError, match=re.escape(what)):
        Field("ts", "texts", "ts").convert(["fine", raw])


@pytest.mark.parametrize("text", ["x\u2081", "caf\u00e9", "\u03c3(z)", "\U0001f431 cat", "a b"])
def test_printable_unicode_is_kept(text: str) -> None:
    assert Field("t", "text", "t").convert(text) == text


def test_control_characters_fail_at_validation_not_in_graphviz() -> None:
    from shapekit.figures import figure

    with pytest.raises(SpecError, match="field 'left_label': has a control character"):
        figure("dot", left=[1], right=[2], left_label="a\x00b")


# -- lengths -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "inches"),
    [
        ("6in", 6.0),
        ("6", 6.0),
        (6, 6.0),
        (2.5, 2.5),
        ("15.24cm", 6.0),
        ("152.4 mm", 6.0),
        ("432pt", 6.0),
        ("576px", 6.0),
        (" 6 IN ", 6.0),
        (np.float64(6.0), 6.0),
    ],
)
def test_length_units(raw: Any, inches: float) -> None:
    field = Field("w", "length", "w")
    assert field.convert(raw) == inches
    assert field.convert(field.format(inches)) == inches


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("6 furlongs", "expected a length such as 6in or 15cm (units: in, cm, mm, pt, px)"),
        ("-3in", "expected a length"),
        ("0.1in", "must be at least 0.5in, got 0.1in"),
        ("1000cm", "must be at most 30in, got 393.701in"),
        (True, "expected a length"),
    ],
)
def test_bad_lengths(raw: Any, message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(f"field 'w': {message}")):
        Field("w", "length", "w", minimum=0.5, maximum=30).convert(raw)


# -- aliases and .npy files on the command line ---------------------------------


def test_aliases_are_described() -> None:
    field = Field("values", "nested", "the numbers", aliases=("value",))
    assert field.describe().endswith("Also accepted under 'value'.")


def test_cli_value_reads_an_npy_file(tmp_path: Any) -> None:
    path = tmp_path / "w.npy"
    np.save(path, np.array([[0.2, 0.8], [-0.5, 1.0]]))
    field = Field("weights", "matrix", "w")
    assert field.convert(field.cli_value(str(path))) == ((0.2, 0.8), (-0.5, 1.0))
    assert field.cli_value("[[1, 2]]") == "[[1, 2]]"
    assert Field("label", "text", "l").cli_value("w.npy") == "w.npy"  # a text stays a text


def test_cli_value_refuses_a_bad_npy_file(tmp_path: Any) -> None:
    field = Field("weights", "matrix", "w")
    with pytest.raises(SpecError, match=r"field 'weights': .*no such file"):
        field.cli_value(str(tmp_path / "missing.npy"))
    bogus = tmp_path / "bomb.npy"
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"
    bogus.write_bytes(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode())
    with pytest.raises(SpecError, match=r"field 'weights': .*more than the limit"):
        field.cli_value(str(bogus))
    pickled = tmp_path / "objects.npy"
    np.save(pickled, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(SpecError, match="never unpickles"):
        field.cli_value(str(pickled))
