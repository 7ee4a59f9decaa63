"""``shapekit render``: options generated from the registry, clear errors, spec files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from shapekit_cli.main import main
from shapekit_cli.render_cmd import OWN_OPTIONS, option_name

from shapekit.figures import KIND_NAMES, get_kind

NEURON = ["--inputs", "1.0,2.0,3.0", "--weights", "0.2,0.8,-0.5", "--bias", "2"]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["render", *args])


@pytest.mark.parametrize("name", KIND_NAMES)
def test_help_lists_every_field_of_the_kind(name: str) -> None:
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    for field in get_kind(name).fields:
        assert option_name(field) in text
        assert " ".join(field.describe().split()) in text
        assert option_name(field) not in OWN_OPTIONS


def test_group_help_lists_the_kinds_and_both_forms() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "KIND [--field VALUE ...] -o OUT.svg|OUT.png" in result.output
    assert "SPEC.toml -o DIR/" in result.output
    for name in KIND_NAMES:
        assert name in result.output


@pytest.mark.needs_dot
def test_render_svg(tmp_path: Path) -> None:
    out = tmp_path / "neuron.svg"
    result = invoke("neuron", *NEURON, "--activation", "relu", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    svg = out.read_text()
    assert "<title" in svg and "ReLU" in svg and "2.3" in svg


@pytest.mark.needs_dot
def test_render_png_with_dpi(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "net.png"
    result = invoke(
        "network",
        "--sizes",
        "4, 4, 4, 2",
        "--labels",
        "cat, dog",
        "--bias",
        "--focus",
        "1,0",
        "-o",
        str(out),
        "--dpi",
        "72",
    )
    assert result.exit_code == 0, result.output
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.info["dpi"] == pytest.approx((72, 72), abs=0.01)
    assert "A bias node feeds" in image.info["Description"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nueron"], "'nueron' is neither a figure kind nor a spec file. Did you mean 'neuron'?"),
        (
            ["neuron", "--inputs", "1,2,3", "--weights", "1,2", "-o", "x.svg"],
            "--weights: a neuron needs one weight per input, but there are 3 inputs and 2 weights",
        ),
        (
            ["neuron", "--inputs", "1,2", "-o", "x.svg"],
            "--weights: neuron figures need the field 'weights'",
        ),
        (["neuron", *NEURON, "--activation", "rellu", "-o", "x.svg"], "did you mean 'relu'?"),
        (
            ["neuron", *NEURON, "--wieghts", "1", "-o", "x.svg"],
            "No such option '--wieghts'. (Did you mean one of: '--weights', '--width'?)",
        ),
        (["neuron", *NEURON, "-o", "x.gif"], "the file name must end in .svg, .png or .pdf"),
        (["neuron", *NEURON], "Missing option '-o' / '--output'"),
        (
            [
                "layer",
                "--inputs",
                "1,2",
                "--weights",
                "[[1,2],[3]]",
                "--biases",
                "1,2",
                "-o",
                "x.svg",
            ],
            "--weights: weights[1] has 1 element",
        ),
        (
            ["network", "--sizes", "4,128", "--focus", "1,60", "-o", "x.svg"],
            "hidden in the ellipsis",
        ),
        (["neuron", *NEURON, "-o", "x.png", "--dpi", "5"], "--dpi"),
        (
            ["neuron", *NEURON, "-o", "no/such/dir/n.svg"],
            "Invalid value for '-o' / '--output': there is no folder 'no/such/dir' "
            "to write 'n.svg' into",
        ),
    ],
    ids=[
        "unknown-kind",
        "bad-lengths",
        "missing-field",
        "bad-choice",
        "unknown-option",
        "bad-suffix",
        "no-output",
        "ragged-matrix",
        "hidden-focus",
        "bad-dpi",
        "output-folder-missing",
    ],
)
def test_usage_errors_exit_2_without_traceback(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_missing_dot_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("SHAPEKIT_RENDERER", "dot")  # the in-process Graphviz needs no PATH
    result = CliRunner().invoke(
        main, ["render", "neuron", *NEURON, "-o", str(tmp_path / "n.svg")], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "Error: Graphviz's 'dot' program was not found on PATH" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "n.svg").exists()


SPECS = """title = "Neurons"

[[figure]]
id = "neuron-3"
title = "A neuron"
caption = "Three inputs."
kind = "neuron"
inputs = [1.0, 2.0, 3.0]
weights = [0.2, 0.8, -0.5]
bias = 2.0

[[figure]]
id = "net"
title = "A network"
caption = "Layers."
kind = "network"
sizes = [3, 4, 2]
"""


@pytest.mark.needs_dot
@pytest.mark.parametrize(("fmt", "suffixes"), [("both", ["png", "svg"]), ("svg", ["svg"])])
def test_spec_file_renders_every_figure(tmp_path: Path, fmt: str, suffixes: list[str]) -> None:
    spec = tmp_path / "neurons.toml"
    spec.write_text(SPECS)
    out = tmp_path / "out"
    result = invoke(str(spec), "-o", str(out), "--format", fmt, "--dpi", "72")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{i}.{s}" for i in ("neuron-3", "net") for s in suffixes
    )


@pytest.mark.needs_dot
def test_spec_file_errors_name_file_line_figure_and_field(tmp_path: Path) -> None:
    spec = tmp_path / "bad.toml"
    spec.write_text(SPECS.replace("bias = 2.0", "bais = 2.0"))
    out = tmp_path / "out"
    result = invoke(str(spec), "-o", str(out), "--format", "svg")
    assert result.exit_code == 1  # as for `shapekit build`: a figure failed, the others are drawn
    assert (
        f"{spec}:10: figure 'neuron-3', field 'bais': neuron figures have no field 'bais'; "
        "did you mean 'bias'?"
    ) in result.output
    assert [p.name for p in out.iterdir()] == ["net.svg"]  # the good figure is still drawn


def test_missing_spec_file(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope.toml"), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_spec_file_output_that_cannot_be_created_is_a_usage_error(tmp_path: Path) -> None:
    # was exit 1 with "[Errno 20] Not a directory: ..." (1 means a shape problem)
    spec = tmp_path / "neurons.toml"
    spec.write_text(SPECS)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = invoke(str(spec), "-o", str(blocker / "out"))
    assert result.exit_code == 2, result.output
    assert f"Error: cannot write {blocker / 'out'}: Not a directory" in result.output
    assert "Errno" not in result.output
    assert "Traceback" not in result.output


# --- issue 9: one figure never ends a run; exit codes 0 / 1 / 2 / 3; no traceback -----------


@pytest.mark.needs_dot
def test_an_internal_error_in_one_figure_exits_3_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapekit.figures.drawing as drawing

    real = drawing.draw

    def draw(spec: Any) -> Any:
        if spec.kind == "network":
            raise IndexError("simulated bug")
        return real(spec)

    monkeypatch.setattr(drawing, "draw", draw)
    spec = tmp_path / "neurons.toml"
    spec.write_text(SPECS)
    out = tmp_path / "out"
    result = invoke(str(spec), "-o", str(out), "--format", "svg")
    assert result.exit_code == 3, result.output
    assert f"{spec}:12: figure 'net': internal error" in result.stderr
    assert "please report it" in result.stderr and "IndexError: simulated bug" in result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["neuron-3.svg"]


@pytest.mark.needs_dot
def test_a_folder_of_spec_files_with_bad_ones_draws_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "good.toml").write_text(SPECS)
    (folder / "deep.toml").write_text('title = "D"\nx = ' + "[" * 5000 + "]" * 5000 + "\n")
    (folder / "digits.toml").write_text('title = "D"\norder = 1' + "0" * 5000 + "\n")
    (folder / "binary.toml").write_bytes(bytes(range(256)))
    out = tmp_path / "out"
    result = invoke(str(folder), "-o", str(out), "--format", "svg")
    assert result.exit_code == 1, result.output
    assert "nested more than 64 levels deep" in result.stderr
    assert "more than 4300 digits" in result.stderr
    assert "cannot read the spec file" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["net.svg", "neuron-3.svg"]


@pytest.mark.parametrize(
    "label",
    ["\udcff", "a\udced\udca0\udc80b", "\ud800"],
    ids=["undecodable-byte", "utf8-encoded-surrogate", "lone-surrogate"],
)
def test_undecodable_text_in_an_option_is_a_usage_error(tmp_path: Path, label: str) -> None:
    out = str(tmp_path / "d.svg")
    # `render dot --left-label $'\xff'` raised UnicodeEncodeError; Python decodes argv with
    # surrogateescape, so undecodable bytes arrive as lone surrogates
    result = CliRunner().invoke(
        main,
        ["render", "dot", "--left", "1,2", "--right", "3,4", "--left-label", label, "-o", out],
    )
    assert result.exit_code == 2, result.output
    assert "--left-label" in result.output and "lone surrogate" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not Path(out).exists()
