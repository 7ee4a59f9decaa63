"""Rendered figures are reused across builds and builders, and drawn only when missing."""

from __future__ import annotations

from pathlib import Path

import pytest

import shapekit.figures.cache as cache_module
from shapekit.errors import RenderError
from shapekit.figures.cache import FigureCache

pytestmark = pytest.mark.needs_dot


def cache_files(app) -> dict[str, int]:
    folder = Path(app.doctreedir) / "shapekit"
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.*"))}


@pytest.fixture
def render_calls(monkeypatch):
    """Count the figures handed to Graphviz from now on."""
    calls: list[list[str]] = []
    real = cache_module.render_many

    def counting(figures, **kwargs):
        calls.append([f.spec.kind for f in figures])
        return real(figures, **kwargs)

    monkeypatch.setattr(cache_module, "render_many", counting)
    return calls


@pytest.mark.sphinx("html", testroot="basic", srcdir="cache-reuse")
def test_rebuild_after_touching_text_draws_nothing(app, make_app, render_calls):
    app.build()
    assert render_calls == [["dot", "dot"]]  # one batch for the document
    first = cache_files(app)
    assert len(first) == 4

    index = app.srcdir / "index.rst"
    index.write_text(index.read_text() + "\nA new closing sentence.\n")
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "index" in again.env.all_docs
    assert "A new closing sentence." in (again.outdir / "index.html").read_text()
    assert render_calls == [["dot", "dot"]]
    assert cache_files(again) == first  # nothing rewritten


@pytest.mark.sphinx("html", testroot="basic", srcdir="cache-change")
def test_a_changed_figure_is_drawn_alone(app, make_app, render_calls):
    app.build()
    before = cache_files(app)
    index = app.srcdir / "index.rst"
    index.write_text(index.read_text().replace(":right: 2, 3, 4", ":right: 2, 3, 5"))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert render_calls == [["dot", "dot"], ["dot"]]
    after = cache_files(again)
    assert len(after) == len(before) + 2
    assert all(after[name] == mtime for name, mtime in before.items())


@pytest.mark.sphinx("html", testroot="basic", srcdir="cache-builders")
def test_latex_reuses_what_html_drew(app, make_app, render_calls):
    app.build()
    latex = make_app("latex", srcdir=app.srcdir, freshenv=True)
    latex.build()
    assert render_calls == [["dot", "dot"]]
    assert len(list(latex.outdir.glob("dot-*.png"))) == 2


@pytest.mark.sphinx("html", testroot="basic", srcdir="cache-render-error")
def test_a_figure_graphviz_cannot_draw_is_a_located_warning(app, monkeypatch, warning_lines):
    real = cache_module.render_many

    def failing(figures, **kwargs):
        if any(fig.spec["bias"] is not None for fig in figures):  # the second figure
            raise RenderError("Graphviz could not draw the figure: syntax error in line 1")
        return real(figures, **kwargs)

    monkeypatch.setattr(cache_module, "render_many", failing)
    app.build()
    warnings = [w for w in warning_lines(app) if "[shapekit" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{app.srcdir / 'index.rst'}:13: WARNING: cannot draw this dot")
    assert warnings[0].endswith("syntax error in line 1 [shapekit.render]")
    page = (app.outdir / "index.html").read_text()
    assert page.count("<figure") == 1  # the other figure of the batch was still drawn


def test_cache_names_follow_content_and_resolution(tmp_path):
    from shapekit.figures import parse_spec

    spec = parse_spec("dot", {"left": "1, 2", "right": "3, 4"})
    same = parse_spec("dot", {"left": [1, 2], "right": [3, 4]})
    other = parse_spec("dot", {"left": "1, 2", "right": "3, 5"})
    cache = FigureCache(tmp_path, dpi=96)
    assert cache.name(spec) == cache.name(same)
    assert cache.name(spec) != cache.name(other)
    assert cache.name(spec) != FigureCache(tmp_path, dpi=192).name(spec)
    assert cache.lookup(spec) is None
