"""Expected shapes (--expect SHAPE) and the variables a run expects (--expect NAME=SHAPE, --var)."""

from __future__ import annotations

import pytest

from shapekit.check.expect import Expect, Expectations
from shapekit.errors import SpecError


@pytest.mark.parametrize(
    ("text", "dims"),
    [
        pytest.param("3,4", (3, 4), id="plain"),
        pytest.param("(3, 4)", (3, 4), id="tuple"),
        pytest.param("[3, 4]", (3, 4), id="list"),
        pytest.param("?,4", (None, 4), id="wildcard"),
        pytest.param("batch, 4", ("batch", 4), id="named"),
        pytest.param("(3,)", (3,), id="one-dimension"),
        pytest.param("3", (3,), id="bare-length"),
        pytest.param("()", (), id="scalar"),
        pytest.param("[ ]", (), id="scalar-list"),
        pytest.param(str(2**63 - 1), (2**63 - 1,), id="largest-length"),
    ],
)
def test_expect_parse(text, dims):
    assert Expect.parse(text).dims == dims


@pytest.mark.parametrize("text", ["3,,4", "3.5,4", "-1,4", "3 4", "(3, *)"], ids=str)
def test_expect_parse_rejects(text):
    with pytest.raises(
        SpecError,
        match=r"cannot read the expected shape .*: .* is not a length, "
        r"'\?' or a dimension name \(write it like 3,4",
    ):
        Expect.parse(text)


@pytest.mark.parametrize("text", ["²,4", "٣,4"], ids=["superscript", "arabic-indic"])
def test_expect_parse_rejects_non_ascii_digits(text):
    with pytest.raises(SpecError, match=r"is not a length, '\?' or a dimension name"):
        Expect.parse(text)


@pytest.mark.parametrize("text", ["", "  "], ids=["empty", "blank"])
def test_expect_parse_rejects_empty(text):
    with pytest.raises(SpecError, match=r"the expected shape is empty; write \(\) for a scalar"):
        Expect.parse(text)


@pytest.mark.parametrize(
    "text",
    ["1" + "0" * 5000, "3," + "9" * 20, str(2**63)],
    ids=["5000-digits", "20-digits", "2**63"],
)
def test_expect_parse_refuses_lengths_numpy_cannot_have(text):
    # issue 9: a 5000-digit --expect was "ValueError: Exceeds the limit (4300 digits)"
    with pytest.raises(SpecError, match=r"larger than NumPy allows for a dimension") as info:
        Expect.parse(text)
    assert len(info.value.message) < 200


def test_expect_parse_refuses_more_than_64_dimensions():
    with pytest.raises(SpecError, match="NumPy allows at most 64"):
        Expect.parse(",".join(["1"] * 65))


def test_expectations_named_and_var():
    e = Expectations.parse(["inputs=batch,4", "weights=3,4", "biases = 3"])
    assert e.names == ("inputs", "weights", "biases")
    assert e.get("biases") == Expect((3,))
    assert e.anonymous is None
    e = Expectations.parse(["3,4"], var="x")
    assert (e.names, e.get("x")) == (("x",), Expect((3, 4)))
    e = Expectations.parse(["3,4"])
    assert (e.names, e.anonymous) == ((), Expect((3, 4)))
    e = Expectations.parse([], var="x")
    assert (e.names, e.get("x")) == (("x",), None)


def test_expectations_same_name_twice():
    assert Expectations.parse(["x=3,4", "x=(3, 4)"]).get("x") == Expect((3, 4))
    with pytest.raises(
        SpecError, match=r"x is expected twice with different shapes, \(3,\) and \(4,\)"
    ):
        Expectations.parse(["x=3", "x=4"])
    with pytest.raises(SpecError, match="expected twice"):
        Expectations.parse(["x=3", "4"], var="x")


def test_expectations_unnamed_shapes():
    with pytest.raises(SpecError, match="--expect is given 2 shapes without a name"):
        Expectations.parse(["3", "4"])
    with pytest.raises(SpecError, match="has no name while other expectations do"):
        Expectations.parse(["3", "x=4"])
    with pytest.raises(SpecError, match="is not a variable name"):
        Expectations.parse([], var="1x")
