"""The directives in MyST Markdown through myst-parser: both fence styles, YAML options blocks."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from shapekit.directives import FIGURE_OPTION_NAMES
from shapekit.figures import figure
from shapekit.sphinxext.options import FIGURE_OPTIONS

pytest.importorskip("myst_parser", reason="myst-parser is not installed (pip install '.[test]')")

pytestmark = pytest.mark.needs_dot

_IMG = re.compile(r'<img alt="([^"]*)" src="_images/([^"]+)"')
_CAPTION = re.compile(r'<span class="caption-text">(.*?)</span>', re.S)


def images(page: Path) -> list[tuple[str, str]]:
    """(alt, file name) of every image of a built HTML page."""
    return [(html.unescape(alt), name) for alt, name in _IMG.findall(page.read_text())]


@pytest.mark.sphinx("html", testroot="myst-basic", srcdir="myst-basic")
def test_both_fences_and_both_list_styles_draw_figures(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = app.outdir / "index.html"
    found = images(page)
    assert len(found) == 4
    assert all(name.endswith(".svg") for _, name in found)
    layer = figure(
        "layer",
        inputs=[1.0, 2.0, 3.0],
        weights=[[0.2, 0.8, -0.5], [0.5, -0.91, 0.26]],
        biases=[2.0, 3.0],
    )
    alts = [alt for alt, _ in found]
    assert alts[0] == figure("dot", left=[1, 2, 3], right=[2, 3, 4]).description
    assert alts[1] == figure("dot", left=[4, 5], right=[6, 7]).description
    # the block-style list and the flow-style list give the same figure
    assert alts[2] == layer.description
    assert found[2][1] == found[3][1]
    assert alts[3] == "Two neurons reading three inputs"
    captions = [html.unescape(c) for c in _CAPTION.findall(page.read_text())]
    assert captions[:3] == [
        "Matching elements are multiplied, then added up.",
        "A colon fence draws the same kind of figure.",
        "A layer whose weights are a block-style YAML list.",
    ]


@pytest.mark.sphinx("html", testroot="myst-basic", srcdir="myst-numref")
def test_numref_and_explanations_in_myst(app):
    app.build()
    text = (app.outdir / "index.html").read_text()
    for number, label in enumerate(["fig-backticks", "fig-colons", "fig-block-list"], 1):
        assert re.search(
            rf'href="#{label}"><span class="std std-numref">Fig\. {number}</span>', text
        )
    assert text.count('class="shapekit-explain') == 2
    assert '<p class="admonition-title">Shape mismatch</p>' in text
    assert '<p class="admonition-title">Verified fix</p>' in text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (6, "dot figures have no field 'rigth'; did you mean 'right'? [shapekit.spec]"),
        (12, "field 'right': expected a list of numbers"),
        (18, "field 'weights':"),
        (28, "':shapes:' b:"),
        (40, "give a figure kind (e.g. '```{shapekit} dot') or a gallery figure"),
    ],
    ids=[
        "yaml-unknown-field",
        "colon-bad-value",
        "yaml-block-list-ragged",
        "yaml-explain-shapes",
        "no-kind-in-myst-syntax",
    ],
)
@pytest.mark.sphinx("html", testroot="myst-warnings", srcdir="myst-warnings", freshenv=True)
def test_warnings_name_the_line_of_the_field(app, warning_lines, line, message):
    app.build()
    warnings = warning_lines(app)
    prefix = f"{app.srcdir / 'index.md'}:{line}: WARNING: "
    assert any(w.startswith(prefix) and message in w for w in warnings), warnings


@pytest.mark.sphinx("html", testroot="myst-warnings", srcdir="myst-warnings-continue")
def test_myst_build_continues_after_mistakes(app, warning_lines):
    app.build()
    assert len(warning_lines(app)) == 5
    page = app.outdir / "index.html"
    assert len(images(page)) == 1
    assert "This one is fine." in page.read_text()


def test_sphinx_converts_exactly_the_shared_figure_options():
    assert tuple(FIGURE_OPTIONS) == FIGURE_OPTION_NAMES
