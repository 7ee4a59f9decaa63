"""The documentation builds with its own extension, warnings as errors, in parallel, and its
doctests pass — what ``./dev.sh test`` checks on every run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

pytestmark = [pytest.mark.slow, pytest.mark.needs_dot, pytest.mark.sphinx]


def sphinx_build(builder: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-b",
            builder,
            *extra,
            str(DOCS),
            str(out / builder),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    done = sphinx_build("html", out, "-j", "2")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr
    return out / "html"


def test_html_builds_without_warnings(html: Path) -> None:
    for page in (
        "index",
        "tutorial",
        "howto/course-staff",
        "howto/gallery",
        "howto/sphinx",
        "reference/cli",
        "reference/api",
        "reference/figures",
        "changelog",
    ):
        assert (html / f"{page}.html").is_file(), page


def test_cli_reference_lists_every_command_and_option(html: Path) -> None:
    import click
    from shapekit_cli.main import main

    page = (html / "reference" / "cli.html").read_text()
    ctx = click.Context(main, info_name="shapekit")
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        assert f'id="cli-shapekit-{name}"' in page, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in page, (name, opt)


def test_figure_reference_has_every_kind_and_field(html: Path) -> None:
    from shapekit.figures.registry import all_kinds

    page = (html / "reference" / "figures.html").read_text()
    for kind in all_kinds():
        assert f'id="kind-{kind.name}"' in page, kind.name
        for field in kind.fields:
            assert f'<span class="pre">{field.name}</span>' in page, (kind.name, field.name)


def test_doctests_pass(tmp_path: Path) -> None:
    done = sphinx_build("doctest", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 failures in tests" in (tmp_path / "doctest" / "output.txt").read_text()
