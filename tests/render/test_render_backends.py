"""Choosing the backend: SHAPEKIT_RENDERER, --renderer, the automatic fallback to ``dot``, the
error naming both fixes, and the caches that record backend and Graphviz version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

from shapekit.errors import GraphvizNotFoundError, RenderError, SpecError
from shapekit.figures import figure, parse_spec
from shapekit.figures.cache import FigureCache
from shapekit.render import ENV_VAR, Job, dotcmd, inprocess, render, renderer_info, use_renderer

NEURON = ["--inputs", "1.0,2.0,3.0", "--weights", "0.2,0.8,-0.5", "--bias", "2"]
JOB = Job("digraph { a -> b }", "t", "d", "sk-t")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the graphs each backend is handed (and still draw them)."""
    counts = {"inprocess": 0, "dot": 0}
    for name, module in (("inprocess", inprocess), ("dot", dotcmd)):
        real = module.run

        def spy(
            sources: Any, fmt: str, *, dpi: Any = None, _real: Any = real, _n: str = name
        ) -> Any:
            counts[_n] += len(sources)
            return _real(sources, fmt, dpi=dpi)

        monkeypatch.setattr(module, "run", spy)
    return counts


@pytest.fixture
def broken_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the pygraphviz wheel could not load its libraries."""
    monkeypatch.setitem(inprocess._LOADED, "library", "ImportError: libgvc.so.7: cannot open")


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))


def test_in_process_is_the_default() -> None:
    import pygraphviz

    info = renderer_info()
    assert info.name == "inprocess"
    assert info.graphviz == pygraphviz.__graphviz_version__
    assert info.key == f"inprocess graphviz {pygraphviz.__graphviz_version__}"


@pytest.mark.needs_dot_program
@pytest.mark.parametrize("value", ["dot", " DOT "])
def test_the_environment_variable_picks_dot(
    value: str, monkeypatch: pytest.MonkeyPatch, calls: dict[str, int]
) -> None:
    monkeypatch.setenv(ENV_VAR, value)
    assert renderer_info().name == "dot"
    assert renderer_info().graphviz[0].isdigit()
    render([JOB, JOB], "svg")
    assert calls == {"inprocess": 0, "dot": 2}


def test_an_unknown_renderer_is_a_spec_error_with_a_suggestion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_VAR, "inproces")
    with pytest.raises(SpecError, match=r"no renderer 'inproces' \(from SHAPEKIT_RENDERER\); "):
        renderer_info()
    with pytest.raises(SpecError, match="did you mean 'inprocess'"):
        render([JOB], "svg")
    with pytest.raises(SpecError, match="use auto, inprocess or dot"):
        renderer_info("cairo")


def test_use_renderer_sets_and_clears_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    use_renderer("dot")
    assert os.environ[ENV_VAR] == "dot"
    use_renderer("auto")
    assert ENV_VAR not in os.environ
    use_renderer("inprocess")
    use_renderer(None)
    assert ENV_VAR not in os.environ


@pytest.mark.needs_dot_program
@pytest.mark.usefixtures("broken_wheel")
def test_auto_falls_back_to_dot_when_the_wheel_cannot_load(calls: dict[str, int]) -> None:
    assert renderer_info().name == "dot"
    svg = figure("dot", left=[1, 2], right=[3, 4]).svg()
    assert svg.startswith(b"<?xml") and calls["dot"] == 1


@pytest.mark.usefixtures("broken_wheel", "no_dot")
def test_neither_backend_is_one_error_naming_both_fixes() -> None:
    with pytest.raises(GraphvizNotFoundError) as info:
        figure("dot", left=[1], right=[2]).svg()
    message = info.value.message
    assert "libgvc.so.7: cannot open" in message
    assert "'pip install --force-reinstall pygraphviz'" in message
    assert "'apt-get install graphviz'" in message and "'brew install graphviz'" in message
    assert isinstance(info.value, RenderError)


@pytest.mark.usefixtures("broken_wheel")
def test_asking_for_inprocess_when_it_cannot_load_names_its_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_VAR, "inprocess")
    with pytest.raises(GraphvizNotFoundError, match=r"bundled with pygraphviz cannot be loaded"):
        renderer_info()


@pytest.mark.usefixtures("no_dot")
def test_asking_for_dot_when_it_is_missing_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_VAR, "dot")
    with pytest.raises(GraphvizNotFoundError, match="'dot' program was not found on PATH; install"):
        figure("dot", left=[1], right=[2]).png()


def test_render_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="the formats are svg, png, pdf"):
        render([JOB], "gif")
    assert render([], "svg") == []


# -- the CLI -----------------------------------------------------------------------


@pytest.mark.needs_dot_program
@pytest.mark.parametrize("suffix", ["svg", "png"])
def test_cli_renderer_option(tmp_path: Path, suffix: str, calls: dict[str, int]) -> None:
    out = tmp_path / f"n.{suffix}"
    args = ["render", "neuron", *NEURON, "-o", str(out), "--renderer", "dot"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert calls == {"inprocess": 0, "dot": 1}
    result = CliRunner().invoke(main, [*args[:-1], "inprocess"])
    assert result.exit_code == 0, result.output
    assert calls == {"inprocess": 1, "dot": 1}


def test_cli_renderer_option_refuses_other_values(tmp_path: Path) -> None:
    args = ["render", "neuron", *NEURON, "-o", str(tmp_path / "n.svg"), "--renderer", "fast"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "'fast' is not one of 'auto', 'inprocess', 'dot'" in result.output


@pytest.mark.usefixtures("broken_wheel", "no_dot")
def test_cli_without_any_graphviz_names_both_fixes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", "neuron", *NEURON, "-o", str(tmp_path / "n.png")])
    assert result.exit_code == 1
    assert "pip install --force-reinstall pygraphviz" in result.output
    assert "apt-get install graphviz" in result.output
    assert "Traceback" not in result.output


# -- caches record the backend ---------------------------------------------------------

SPEC = """\
title = "Dots"
[[figure]]
id = "dot-a"
title = "A"
caption = "Two pairs."
kind = "dot"
left = [1, 2]
right = [3, 4]
"""


@pytest.mark.needs_dot_program
def test_gallery_manifest_records_the_renderer_and_a_change_redraws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shapekit.gallery.build import build

    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "dots.toml").write_text(SPEC)
    site = tmp_path / "site"
    first = build(tmp_path / "specs", site, jobs=1)
    manifest = json.loads((site / "manifest.json").read_text())
    assert first.built == ["dot-a"] and manifest["renderer"] == renderer_info().key
    assert build(tmp_path / "specs", site, jobs=1).reused == ["dot-a"]
    monkeypatch.setenv(ENV_VAR, "dot")
    again = build(tmp_path / "specs", site, jobs=1)
    assert again.built == ["dot-a"] and again.reused == []
    manifest = json.loads((site / "manifest.json").read_text())
    assert manifest["renderer"].startswith("dot graphviz ")


@pytest.mark.needs_dot_program
def test_figure_cache_names_change_with_the_renderer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = FigureCache(tmp_path, dpi=96)
    spec = parse_spec("dot", {"left": [1, 2], "right": [3, 4]})
    default = cache.name(spec)
    monkeypatch.setenv(ENV_VAR, "dot")
    assert cache.name(spec) != default
    monkeypatch.setenv(ENV_VAR, "inprocess")
    assert cache.name(spec) == default


@pytest.mark.usefixtures("broken_wheel", "no_dot")
def test_figure_cache_names_without_graphviz_do_not_raise(tmp_path: Path) -> None:
    cache = FigureCache(tmp_path, dpi=96)
    spec = parse_spec("dot", {"left": [1, 2], "right": [3, 4]})
    assert cache.lookup(spec) is None
