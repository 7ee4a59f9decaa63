"""``.. shapekit::`` built by real Sphinx builders, one tiny project per scenario."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from shapekit.figures import figure
from shapekit.sphinxext.figure import GraphvizMissing

pytestmark = pytest.mark.needs_dot

_SRC = re.compile(r'<img alt="([^"]*)" src="_images/([^"]+)"')


def images(page: Path) -> list[tuple[str, str]]:
    """(alt, file name) of every image of a built HTML page."""
    return [(html.unescape(alt), name) for alt, name in _SRC.findall(page.read_text())]


def cache_files(app) -> dict[str, int]:
    """The rendered figures in the build's cache, with their modification times."""
    folder = Path(app.doctreedir) / "shapekit"
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.*"))}


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-html")
def test_html_gets_svg_with_description_as_alt(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = app.outdir / "index.html"
    found = images(page)
    assert len(found) == 2
    (alt, name), (custom_alt, _) = found
    assert name.endswith(".svg")
    assert (app.outdir / "_images" / name).read_bytes().lstrip().startswith(b"<?xml")
    assert alt == figure("dot", left="1, 2, 3", right="2, 3, 4").description
    assert custom_alt == "One neuron's weighted sum"
    text = page.read_text()
    assert 'style="width: 60%;"' in text
    assert '<figure class="shapekit wide align-center" id="fig-neuron">' in text
    assert "A neuron is a dot product <em>plus</em> a bias." in text


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-numref")
def test_numref_points_at_numbered_figures(app):
    app.build()
    text = (app.outdir / "index.html").read_text()
    assert "Matching elements are multiplied, then added up." in text
    assert re.search(r'href="#fig-dot"><span class="std std-numref">Fig\. 1</span>', text)
    assert re.search(r'href="#fig-neuron"><span class="std std-numref">Fig\. 2</span>', text)


@pytest.mark.sphinx("latex", testroot="basic", srcdir="basic-latex")
def test_latex_gets_png(app):
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    names = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{(dot-[0-9a-f]+)\}\.png\}", tex)
    assert len(names) == 2
    for name in names:
        assert (app.outdir / f"{name}.png").read_bytes().startswith(b"\x89PNG")
    assert r"\label{\detokenize{index:fig-dot}}" in tex
    assert r"width=0.600\linewidth" in tex


@pytest.mark.sphinx("html", testroot="parallel", srcdir="parallel", parallel=2)
def test_parallel_build(app):
    assert app.is_parallel_allowed("read") and app.is_parallel_allowed("write")
    app.build()
    assert app.warning.getvalue() == ""
    for i in range(1, 9):
        page = app.outdir / f"page{i}.html"
        found = images(page)
        assert len(found) == 2
        assert all((app.outdir / "_images" / name).is_file() for _, name in found)
        link = f'href="#fig-page{i}"><span class="std std-numref">Fig. {2 * i - 1}</span>'
        assert link in page.read_text()
    # documents were read in chunks by worker processes ("index .. page3")
    assert re.search(r"reading sources\.\.\. .*\w \.\. \w", strip_colors(app.status.getvalue()))
    # 8 different figures plus the one every page shares, each as SVG and PNG
    assert len(cache_files(app)) == 18


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (6, "dot figures have no field 'rigth'; did you mean 'right'? [shapekit.spec]"),
        (10, "field 'right': expected a list of numbers"),
        (14, "field 'weights':"),
        (17, "unknown figure kind 'dott'"),
        (17, "(did you mean 'dot'?) [shapekit.spec]"),
        (23, 'option \'align\': "middle" unknown; choose from "left", "center", or "right"'),
    ],
    ids=["unknown-option", "bad-value", "ragged-data", "unknown-kind", "kind-hint", "bad-align"],
)
@pytest.mark.sphinx("html", testroot="bad-options", srcdir="bad-options", freshenv=True)
def test_mistakes_are_located_warnings(app, warning_lines, line, message):
    app.build()
    warnings = warning_lines(app)
    prefix = f"{app.srcdir / 'index.rst'}:{line}: WARNING: "
    assert any(w.startswith(prefix) and message in w for w in warnings), warnings


@pytest.mark.sphinx("html", testroot="bad-options", srcdir="bad-options-continues")
def test_the_build_continues_after_mistakes(app, warning_lines):
    app.build()
    assert len(warning_lines(app)) == 5
    assert len(images(app.outdir / "index.html")) == 1
    assert "This one is fine." in (app.outdir / "index.html").read_text()


@pytest.mark.sphinx("html", testroot="suppress", srcdir="suppress")
def test_suppress_warnings_silences_shapekit_spec(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert len(images(app.outdir / "index.html")) == 1


@pytest.mark.sphinx("html", testroot="missing-dot", srcdir="missing-dot")
def test_missing_dot_is_one_clear_error(app, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("SHAPEKIT_RENDERER", "dot")  # the in-process Graphviz needs no PATH
    with pytest.raises(GraphvizMissing, match="apt-get install graphviz") as info:
        app.build()
    assert "dot" in str(info.value)
    assert GraphvizMissing.category == "shapekit: Graphviz not found"


@pytest.mark.sphinx("html", testroot="from", srcdir="from")
def test_from_includes_a_gallery_figure(app, warning_lines):
    app.build()
    page = (app.outdir / "index.html").read_text()
    (alt, name), (other_alt, other_name) = images(app.outdir / "index.html")
    assert alt == figure("dot", left=[1, 2, 3], right=[2, 3, 4]).description
    assert "Two short vectors, multiplied pair by pair and summed." in page
    assert other_alt == figure("dot", left=[1, 2, 3], right=[4, 5, 6]).description
    assert "The same figure with other numbers on the right." in page
    assert name != other_name
    assert app.srcdir / "specs" / "products.toml" in app.env.dependencies["index"]
    warnings = warning_lines(app)
    where = f"{app.srcdir / 'index.rst'}"
    expected = [
        f"{where}:15: WARNING: specs/products.toml has no figure 'dot-smal'; "
        "did you mean 'dot-small'? [shapekit.spec]",
        f"{where}:18: WARNING: specs/products.toml#dot-broken: ",
        f"{where}:21: WARNING: ':from:' names 'specs/missing.toml', but there is no such spec "
        "file (looked for ",
    ]
    assert len(warnings) == len(expected), warnings
    for line, start in zip(warnings, expected, strict=True):
        assert line.startswith(start.removesuffix(" [shapekit.spec]")), (line, start)
        assert line.endswith("[shapekit.spec]")
    assert "same length" in warnings[1]
