"""``.. shapekit-explain::``: explanations, mismatches with their verified fixes, mistakes."""

from __future__ import annotations

import html
import re

import pytest

import shapekit
from shapekit.errors import ExpressionError, MismatchError
from shapekit.sphinxext.explain import parse_shapes

SHAPES = {"inputs": (3, 4), "weights": (3, 4), "biases": (3,)}


def block(page: str, cls: str) -> str:
    """The HTML of the explanation container with class ``cls``."""
    match = re.search(
        rf'<div class="shapekit-explain {cls} docutils container">(.*?)\n</div>\n'
        rf'(?=<div class="shapekit-explain|</section>)',
        page,
        re.S,
    )
    assert match, f"no explanation block {cls!r}"
    return match.group(1)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.sphinx("html", testroot="explain", srcdir="explain")
def test_explanations_in_html(app, warning_lines):
    app.build()
    page = (app.outdir / "index.html").read_text()

    fits = block(page, "fits")
    assert "admonition" not in fits
    assert str(shapekit.explain("inputs @ weights.T + biases", shapes=SHAPES)) in text_of(fits)

    breaks = block(page, "breaks")
    with pytest.raises(MismatchError) as info:
        shapekit.explain("inputs @ weights + biases", shapes=SHAPES)
    error = info.value
    mismatch, fix = breaks.split('<div class="tip shapekit-fix admonition">')
    assert '<div class="error shapekit-mismatch admonition">' in mismatch
    assert "Shape mismatch" in mismatch
    shown = text_of(mismatch)
    assert "inputs @ weights + biases\n" + " " * error.col + "^" * len(error.expr) in shown
    assert error.message in shown
    assert "Verified fix" in fix
    for suggestion in error.suggestions:
        assert f"{suggestion.expr} gives the shape {suggestion.shape}" in " ".join(
            text_of(fix).split()
        )
    assert error.suggestions  # the page shows at least one fix


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (13, "':shapes:' weights: '3,x' is not a shape"),
        (15, "cannot explain 'inputs ** weights': the operator ** is not supported"),
    ],
    ids=["bad-shapes", "unsupported-syntax"],
)
@pytest.mark.sphinx("html", testroot="explain", srcdir="explain-warnings", freshenv=True)
def test_directive_mistakes_are_warnings(app, warning_lines, line, message):
    app.build()
    warnings = warning_lines(app)
    assert len(warnings) == 2
    prefix = f"{app.srcdir / 'index.rst'}:{line}: WARNING: "
    assert any(
        w.startswith(prefix) and message in w and w.endswith("[shapekit.explain]") for w in warnings
    ), warnings


@pytest.mark.sphinx("latex", testroot="explain", srcdir="explain-latex")
def test_explanations_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert re.search(r"\\begin\{sphinxadmonition\}\{\w+\}\{Shape mismatch\}", tex)
    assert re.search(r"\\begin\{sphinxadmonition\}\{\w+\}\{Verified fix\}", tex)
    assert "inputs @ weights.T + biases" in tex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("inputs=3,4 weights=3,4 biases=3", SHAPES),
        ("inputs=(3, 4)  weights=[3,4]\nbiases=3,", SHAPES),
        ("x=", {"x": ()}),
        ("  ", {}),
    ],
    ids=["plain", "brackets-and-newlines", "scalar", "none"],
)
def test_parse_shapes(text, expected):
    assert parse_shapes(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3,4", "':shapes:' should look like 'inputs=3,4 weights=3,4', got '3,4'"),
        ("a=3 a=4", "':shapes:' gives 'a' twice"),
        ("a=3,-4", "':shapes:' a: '3,-4' is not a shape"),
    ],
    ids=["no-name", "twice", "negative"],
)
def test_parse_shapes_errors(text, message):
    with pytest.raises(ExpressionError, match=re.escape(message)):
        parse_shapes(text)
