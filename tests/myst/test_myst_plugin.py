"""The mystmd plugin's protocol and nodes, without mystmd: JSON in, JSON out."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main as cli

from shapekit.directives import FIGURE_OPTION_NAMES
from shapekit.figures import all_kinds, figure
from shapekit.myst import main, plugin_spec, run_directive


def directive(arg: str | None, options: dict[str, Any], *, line: int = 3, **more: Any) -> dict:
    """A directive's data as mystmd sends it: ``:name: value`` options one per line."""
    children = [
        {"type": "mystOption", "name": name, "value": value, "position": _at(line + 1 + i)}
        for i, name_value in enumerate(options.items())
        for name, value in [name_value]
    ]
    node = {"type": "mystDirective", "options": options, "position": _at(line)}
    node["children"] = children
    return {"name": "shapekit", "arg": arg, "node": node, **more}


def _at(line: int) -> dict:
    return {"start": {"line": line, "column": 1}, "end": {"line": line, "column": 1}}


def roles(nodes: list[dict]) -> list[tuple[int, str]]:
    """(line, name) of the roles the nodes hand to mystmd to report."""
    found = []
    for node in nodes:
        for child in node.get("children", []):
            if child.get("type") == "mystRole":
                found.append((child["position"]["start"]["line"], child["name"]))
    return found


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHAPEKIT_MYST_CACHE", str(tmp_path / "cache"))


# -- the specification ------------------------------------------------------------------


def test_without_arguments_the_plugin_prints_its_spec() -> None:
    out = io.StringIO()
    assert main([], stdout=out) == 0
    assert json.loads(out.getvalue()) == plugin_spec()


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda k: k.name)
def test_every_field_of_every_kind_is_an_option(kind) -> None:
    options = plugin_spec()["directives"][0]["options"]
    assert set(kind.field_names) <= set(options)
    assert {"from", *FIGURE_OPTION_NAMES} <= set(options)


def test_field_options_reach_the_plugin_untouched() -> None:
    # a type mystmd does not know: it neither converts (a list would become '1,2') nor warns
    options = plugin_spec()["directives"][0]["options"]
    assert {options[name]["type"] for name in ("left", "weights", "bias")} == {"raw"}
    assert options["left_label"]["alias"] == ["left-label"]
    assert options["name"]["alias"] == ["label"]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--directive"], 2, "usage: shapekit-myst"),
        (["--directive", "figure"], 2, "no directive named 'figure'"),
        (["--role", "shapekit"], 2, "no role named 'shapekit'"),
        (["--bogus", "x"], 2, "usage: shapekit-myst"),
    ],
    ids=["no-name", "unknown-directive", "role", "unknown-flag"],
)
def test_calls_that_are_not_the_protocol_are_usage_errors(argv, code, message, capsys) -> None:
    assert main(argv, stdin=io.StringIO("{}"), stdout=io.StringIO()) == code
    assert message in capsys.readouterr().err


def test_data_that_is_not_json_is_a_usage_error(capsys) -> None:
    assert main(["--directive", "shapekit"], stdin=io.StringIO("{"), stdout=io.StringIO()) == 2
    assert "the directive's data is not JSON" in capsys.readouterr().err


# -- figures ------------------------------------------------------------------------------


@pytest.mark.needs_dot
def test_a_figure_is_a_container_with_the_svg_its_alt_and_a_caption() -> None:
    data = directive("dot", {"left": "1, 2, 3", "right": [2, 3, 4], "label": "fig-dot"})
    data["body"] = [{"type": "paragraph", "children": [{"type": "text", "value": "Cap."}]}]
    out = io.StringIO()
    main(["--directive", "shapekit"], stdin=io.StringIO(json.dumps(data)), stdout=out)
    [node] = json.loads(out.getvalue())
    expected = figure("dot", left=[1, 2, 3], right=[2, 3, 4])
    assert node["type"] == "container" and node["kind"] == "figure"
    assert (node["label"], node["identifier"], node["class"]) == ("fig-dot", "fig-dot", "shapekit")
    image, caption = node["children"]
    assert image["url"].startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(image["url"].split(",", 1)[1]) == expected.svg()
    assert image["alt"] == expected.description
    assert caption == {"type": "caption", "children": data["body"]}


@pytest.mark.needs_dot
@pytest.mark.needs_dot
def test_label_is_the_matrix_name_of_a_transpose_figure_and_the_label_of_others() -> None:
    # 'label' was always taken as the cross-reference label, so a transpose figure's
    # matrix could not be named W, and 'W' became a label shared with every other W
    [node] = run_directive("shapekit", directive("transpose", {"shape": "4, 5", "label": "W"}))
    assert "identifier" not in node
    assert node["children"][0]["alt"] == figure("transpose", shape=(4, 5), label="W").description
    assert "matrix W" in node["children"][0]["alt"]
    both = {"shape": "4, 5", "label": "W", "name": "fig-t"}
    [node] = run_directive("shapekit", directive("transpose", both))
    assert node["identifier"] == "fig-t" and "matrix W" in node["children"][0]["alt"]
    [node] = run_directive("shapekit", directive("dot", {"left": "1", "right": "2", "label": "d"}))
    assert node["identifier"] == "d"


def test_figure_options() -> None:
    options = {
        "left": [1, 2],
        "right": [3, 4],
        "alt": "Two numbers twice",
        "width": "60%",
        "align": "Center",
        "class": "wide dark",
    }
    data = directive("dot", options)
    data["options"] = {"caption": [{"type": "paragraph", "children": []}]}
    [node] = run_directive("shapekit", data)
    image, caption = node["children"]
    assert (image["alt"], image["width"], image["align"]) == ("Two numbers twice", "60%", "center")
    assert node["class"] == "shapekit wide dark"
    assert caption["children"] == data["options"]["caption"]


@pytest.mark.needs_dot
def test_without_body_or_caption_the_title_is_the_caption_and_more_paragraphs_the_legend() -> None:
    [node] = run_directive("shapekit", directive("dot", {"left": "1", "right": "2"}))
    title = figure("dot", left=[1], right=[2]).drawing.title
    assert node["children"][1]["children"][0]["children"] == [{"type": "text", "value": title}]
    body = [{"type": "paragraph", "children": []}, {"type": "code", "value": "x"}]
    [node] = run_directive("shapekit", directive("dot", {"left": "1", "right": "2"}, body=body))
    assert node["children"][2] == {"type": "legend", "children": body[1:]}


@pytest.mark.parametrize(
    ("options", "line", "message"),
    [
        (
            {"left": "1", "rigth": "2"},
            5,
            "dot figures have no field 'rigth'; did you mean 'right'?",
        ),
        ({"left": "1, x"}, 4, "field 'left': expected a list of numbers"),
        ({"left": "1", "right": "2", "align": "middle"}, 6, '"middle" unknown; choose from'),
        ({"from": "nowhere.toml#a"}, 4, "':from:' names 'nowhere.toml', but there is no such"),
    ],
    ids=["misspelt", "bad-value", "align", "from"],
)
def test_mistakes_are_an_error_box_and_a_report_at_the_option(options, line, message) -> None:
    nodes = run_directive("shapekit", directive("dot", options))
    box, hidden = nodes
    assert box["type"] == "admonition" and box["kind"] == "error"
    assert message in box["children"][1]["children"][0]["value"]
    assert hidden["type"] == "comment"
    [(where, name)] = roles([hidden])
    assert where == line and name.startswith("shapekit: ") and message in name


def test_no_kind_names_the_myst_syntax() -> None:
    [(line, name)] = roles(run_directive("shapekit", directive(None, {"left": "1"})))
    assert line == 3
    assert "give a figure kind (e.g. '```{shapekit} dot')" in name


def test_an_unknown_kind_suggests_one() -> None:
    [(_, name)] = roles(run_directive("shapekit", directive("dott", {})))
    assert "unknown figure kind 'dott'" in name and "'dot'" in name


@pytest.mark.needs_dot
def test_from_reads_a_gallery_figure_relative_to_the_project(tmp_path, monkeypatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "g.toml").write_text(
        'title = "G"\n\n[[figure]]\nid = "d"\ntitle = "T"\ncaption = "From the gallery."\n'
        'kind = "dot"\nleft = [1, 2]\nright = [3, 4]\n'
    )
    monkeypatch.chdir(tmp_path)
    [node] = run_directive("shapekit", directive(None, {"from": "specs/g.toml#d", "right": "5, 6"}))
    assert node["children"][0]["alt"] == figure("dot", left=[1, 2], right=[5, 6]).description
    text = node["children"][1]["children"][0]["children"][0]["value"]
    assert text == "From the gallery."


def test_an_internal_failure_stays_in_its_directive(monkeypatch) -> None:
    import shapekit.directives

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("shapekit.myst.plugin.figure_spec", broken)
    assert shapekit.directives.figure_spec is not broken
    [(line, name)] = roles(run_directive("shapekit", directive("dot", {})))
    assert line == 3 and "internal error" in name and "ZeroDivisionError('boom')" in name


# -- explanations -------------------------------------------------------------------------


def test_an_expression_that_works_is_a_block_of_steps() -> None:
    data = directive("inputs @ weights.T", {"shapes": "inputs=3,4 weights=3,4", "name": "ex"})
    [node] = run_directive("shapekit-explain", data)
    assert (node["type"], node["class"], node["label"]) == ("div", "shapekit-explain", "ex")
    assert node["children"][0]["value"].startswith("inputs @ weights.T -> (3, 3)")


def test_a_mismatch_shows_where_and_the_checked_fixes() -> None:
    data = directive("np.dot(inputs, weights)", {"shapes": "inputs=3,4 weights=3,4"})
    [node] = run_directive("shapekit-explain", data)
    broken, fixes = node["children"]
    assert (broken["kind"], broken["children"][0]["children"][0]["value"]) == (
        "error",
        "Shape mismatch",
    )
    assert fixes["children"][0]["children"][0]["value"] == "Verified fixes"
    items = fixes["children"][2]["children"]
    first = [item["children"][0]["children"] for item in items]
    assert {"type": "inlineCode", "value": "np.dot(inputs, weights.T)"} in [f[0] for f in first]
    assert all(f[1] == {"type": "text", "value": " gives the shape "} for f in first)


def test_bad_shapes_are_reported_at_the_shapes_option() -> None:
    data = directive("a @ b", {"name": "x", "shapes": "a=3,4 b=three"})
    [(line, name)] = roles(run_directive("shapekit-explain", data))
    assert line == 5 and "':shapes:' b:" in name


# -- the console script and the command ------------------------------------------------------


def test_the_console_script_answers_mystmd() -> None:
    script = Path(sys.executable).with_name("shapekit-myst")
    if not script.exists():
        pytest.skip("shapekit-myst is not installed (pip install -e .)")
    done = subprocess.run([str(script)], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout)["name"] == "shapekit"


def test_myst_plugin_install_writes_an_executable_plugin(tmp_path) -> None:
    result = CliRunner().invoke(cli, ["myst-plugin", "--install", str(tmp_path)])
    assert result.exit_code == 0, result.output
    plugin = tmp_path / "shapekit_plugin.py"
    assert os.access(plugin, os.X_OK)
    assert plugin.read_text().startswith(f"#!{sys.executable}\n")
    assert "    - type: executable\n      path: shapekit_plugin.py\n" in result.output
    done = subprocess.run([str(plugin)], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == plugin_spec()


def test_myst_plugin_install_with_another_python(tmp_path) -> None:
    args = ["myst-plugin", "--install", str(tmp_path), "--python", "/usr/bin/env python3"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert (tmp_path / "shapekit_plugin.py").read_text().startswith("#!/usr/bin/env python3\n")


def test_myst_plugin_path(monkeypatch, tmp_path) -> None:
    (tmp_path / "shapekit-myst").write_text("")
    monkeypatch.setattr("sysconfig.get_path", lambda name: str(tmp_path))
    result = CliRunner().invoke(cli, ["myst-plugin", "--path"])
    assert (result.exit_code, result.output) == (0, f"{tmp_path / 'shapekit-myst'}\n")
    result = CliRunner().invoke(cli, ["myst-plugin"])
    assert f"path: {tmp_path / 'shapekit-myst'}\n" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--install", "{missing}"], "--install: there is no folder"),
        (["--install", "{tmp}", "--path"], "give --install DIR or --path, not both"),
        (["--python", "python3"], "--python only changes what --install writes"),
    ],
    ids=["missing-folder", "both", "python-alone"],
)
def test_myst_plugin_usage_errors(tmp_path, args, message) -> None:
    args = [a.format(missing=tmp_path / "nope", tmp=tmp_path) for a in args]
    result = CliRunner().invoke(cli, ["myst-plugin", *args])
    assert result.exit_code == 2 and message in result.output


def test_the_plugin_needs_neither_sphinx_nor_docutils() -> None:
    # Jupyter Book 2 does not install Sphinx: the plugin must not import it
    code = (
        "import sys, shapekit.myst.plugin\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
