"""``shapekit build``: summary line, exit codes, errors without tracebacks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

SPEC = """\
title = "Dots"

[[figure]]
id = "dot"
title = "Two vectors"
caption = "Pairs multiplied, then added."
kind = "dot"
left = [1, 2, 3]
right = [2, 3, 4]

[[figure]]
id = "dot-bias"
title = "Plus a bias"
caption = "The sum plus 2."
kind = "dot"
left = [1, 2, 3]
right = [2, 3, 4]
bias = 2
"""

SUMMARY = re.compile(r"^2 figures: (\d) built, (\d) reused, (\d) failed in [\d.]+ s -> ", re.M)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "dots.toml").write_text(SPEC, encoding="utf-8")
    return folder


@pytest.mark.needs_dot
def test_build_then_rebuild(specs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, stdout, stderr = run(str(specs), "--out", str(out), "--jobs", "2")
    assert code == 0, stderr
    assert SUMMARY.search(stdout).groups() == ("2", "0", "0")  # type: ignore[union-attr]
    assert (out / "index.html").is_file() and (out / "figures" / "dot.png").is_file()
    assert stderr == ""  # no progress bar when stderr is not a terminal
    code, stdout, _ = run(str(specs / "dots.toml"), "--out", str(out))
    assert code == 0
    assert SUMMARY.search(stdout).groups() == ("0", "2", "0")  # type: ignore[union-attr]
    code, stdout, _ = run(str(specs), "-o", str(out), "--force", "--dpi", "96", "-j", "1")
    assert SUMMARY.search(stdout).groups() == ("2", "0", "0")  # type: ignore[union-attr]


@pytest.mark.needs_dot
def test_a_broken_figure_exits_1_and_the_other_is_built(specs: Path, tmp_path: Path) -> None:
    path = specs / "dots.toml"
    path.write_text(SPEC.replace("bias = 2", "bais = 2"), encoding="utf-8")
    code, stdout, stderr = run(str(specs), "--out", str(tmp_path / "site"))
    assert code == 1
    assert f"error: {path}:18: figure 'dot-bias', field 'bais':" in stderr
    assert "did you mean 'bias'?" in stderr
    assert re.search(r"^1 figure: 1 built, 0 reused, 1 failed", stdout, re.M)
    assert (tmp_path / "site" / "figures" / "dot.svg").is_file()


@pytest.mark.needs_dot
def test_the_default_source_is_gallery(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs.rename(tmp_path / "gallery")
    monkeypatch.chdir(tmp_path)
    code, _stdout, _ = run("--out", "_site")
    assert code == 0
    assert (tmp_path / "_site" / "figures" / "dot-bias.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["nowhere", "--out", "x"], "does not exist", id="missing-source"),
        pytest.param(["{specs}"], "Missing option '--out'", id="no-out"),
        pytest.param(["{specs}", "--out", "x", "--jobs", "0"], "--jobs", id="jobs-zero"),
        pytest.param(["{specs}", "--out", "x", "--dpi", "5"], "--dpi", id="tiny-dpi"),
        pytest.param(["{specs}", "--out", "{specs}/dots.toml"], "is a file", id="out-is-file"),
        pytest.param(["{specs}", "--out", "x", "--colour"], "No such option", id="bad-option"),
        pytest.param(
            ["{specs}", "--out", "{specs}/dots.toml/site"],
            "shapekit build: cannot write the site {specs}/dots.toml/site",
            id="out-under-a-file",
        ),
    ],
)
def test_usage_errors_exit_2(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run(*(a.replace("{specs}", str(specs)) for a in args))
    assert code == 2
    assert message.replace("{specs}", str(specs)) in stderr
    assert "Errno" not in stderr


def test_no_gallery_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run("--out", "site")
    assert code == 2
    assert "no gallery/ folder" in stderr


def test_missing_graphviz_is_one_clear_error(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("SHAPEKIT_RENDERER", "dot")  # the in-process Graphviz needs no PATH
    code, _, stderr = run(str(specs), "--out", str(tmp_path / "site"))
    assert code == 1
    assert stderr.count("was not found") == 1 and stderr.count("\n") == 1  # one line


# --- issue 9: exit codes 0 / 1 / 2 / 3, no traceback -----------------------------------


def test_the_exit_codes_are_in_the_help() -> None:
    code, stdout, _ = run("--help")
    assert code == 0
    text = " ".join(stdout.split())
    for line in (
        "0 every figure was built",
        "1 some spec or figure failed",
        "2 usage error",
        "3 shapekit itself failed on some figure (an internal error: please report it)",
    ):
        assert line in text


@pytest.mark.needs_dot
def test_an_internal_error_in_a_figure_exits_3_and_the_other_is_built(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapekit.gallery.build as builder

    real = builder.draw

    def draw(spec: object) -> object:
        if spec["bias"]:  # type: ignore[index]
            raise ZeroDivisionError("simulated bug")
        return real(spec)

    monkeypatch.setattr(builder, "draw", draw)
    out = tmp_path / "site"
    code, stdout, stderr = run(str(specs), "--out", str(out), "--jobs", "1")
    assert code == 3
    assert "figure 'dot-bias': internal error" in stderr and "please report it" in stderr
    assert "ZeroDivisionError: simulated bug" in stderr
    assert "1 figure: 1 built, 0 reused, 1 failed (1 internal error) in" in stdout
    assert (out / "index.html").is_file() and (out / "figures" / "dot.svg").is_file()


def test_a_figures_folder_that_is_a_link_is_a_usage_error(specs: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "figures").symlink_to(tmp_path)
    code, _, stderr = run(str(specs), "--out", str(out))
    assert code == 2
    assert "figures: is a symbolic link" in stderr


def test_control_characters_in_file_names_are_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "\x1b[2Kbad.toml").write_text("title = [", encoding="utf-8")
    code, _, stderr = run(str(folder), "--out", str(tmp_path / "site"))
    assert code == 1
    assert "\x1b" not in stderr and "\\x1b[2Kbad.toml" in stderr
