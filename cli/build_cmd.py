"""``shapekit build``: every figure of the TOML specs to SVG and PNG, plus a static site."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

# one way to make untrusted text inert on a terminal, for every command (render, serve and
# explain import it from here)
from shapekit.check.reports import inert
from shapekit.figures.drawing import DEFAULT_DPI


class _Bar:
    """A progress bar on stderr, shown only on a terminal and once there is work."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total == 0:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Rendering figures", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def jobs_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--jobs/-j N`` option of the commands that build (``build``, ``serve --watch``)."""
    return click.option(
        "--jobs", "-j", type=click.IntRange(1, 256), default=None, metavar="N", help=help_text
    )


def _renderer_settings() -> dict[str, Any]:
    from shapekit.render.backends import ENV_VAR, RENDERERS

    def choose(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is not None:
            from shapekit.render import use_renderer

            use_renderer(value)  # through the environment, so worker processes follow

    return {
        "type": click.Choice(RENDERERS),
        "default": None,
        "expose_value": False,
        "callback": choose,
        "help": "Which Graphviz draws: 'inprocess' (the library in the pygraphviz wheel), "
        "'dot' (the Graphviz program on PATH) or 'auto' (inprocess, else dot) "
        f"[default: ${ENV_VAR}, else auto].",
    }


def renderer_option() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--renderer`` option of the commands that draw: which Graphviz backend draws."""
    return click.option("--renderer", **_renderer_settings())


def renderer_param() -> click.Option:
    """The same ``--renderer`` option, for commands built from a list of parameters."""
    return click.Option(["--renderer"], **_renderer_settings())


@click.command()
@click.argument(
    "sources",
    nargs=-1,
    metavar="[SPEC_DIR_OR_FILES]...",
    type=click.Path(exists=True, readable=True),
)
@click.option(
    "--out",
    "-o",
    required=True,
    metavar="DIR",
    type=click.Path(file_okay=False, writable=True),
    help="Folder for the site (index.html, figures/, manifest.json).",
)
@jobs_option("Worker processes that render figures [default: the number of cores].")
@click.option(
    "--dpi",
    type=click.IntRange(24, 1200),
    default=DEFAULT_DPI,
    show_default=True,
    help="Resolution of the PNG files.",
)
@click.option("--force", is_flag=True, help="Render every figure again, even unchanged ones.")
@renderer_option()
@click.pass_context
def build(
    ctx: click.Context, sources: tuple[str, ...], out: str, jobs: int | None, dpi: int, force: bool
) -> None:
    """Build every figure in the spec folders or files (default: gallery/) into DIR.

    Each figure is rendered to SVG and PNG in parallel; unchanged figures are
    reused from the last build. DIR gets index.html (open it in any browser,
    no server needed), one page per figure and manifest.json.

    One bad spec file or figure never stops the build: it is reported, the
    others are built and the site is written.

    \b
    Exit codes:
      0  every figure was built
      1  some spec or figure failed (the others were still built)
      2  usage error (a missing source, an --out that cannot be written)
      3  shapekit itself failed on some figure (an internal error: please report it)
    """
    from shapekit.errors import ShapekitError
    from shapekit.gallery.build import build as run_build

    if not sources:
        if not Path("gallery").is_dir():
            raise click.UsageError("no spec folder given and there is no gallery/ folder here")
        sources = ("gallery",)
    bar = _Bar(sys.stderr.isatty())
    try:
        report = run_build(sources, out, jobs=jobs, dpi=dpi, force=force, progress=bar)
    except ShapekitError as exc:
        bar.close()
        click.echo(f"shapekit build: {inert(exc.message)}", err=True)
        ctx.exit(1)
    except OSError as exc:  # --out points somewhere unwritable: a usage error, not a figure's
        bar.close()
        where = f" {exc.filename}" if exc.filename else ""
        reason = f"cannot write the site{where}: {exc.strerror or exc}"
        click.echo(f"shapekit build: {inert(reason)}", err=True)
        ctx.exit(2)
    except KeyboardInterrupt:
        bar.close()
        click.echo("shapekit build: interrupted", err=True)
        ctx.exit(130)
    bar.close()
    for failure in report.failed:
        click.echo(f"error: {inert(failure.message)}", err=True)
    click.echo(inert(report.summary()))
    ctx.exit(3 if report.internal_errors else 0 if report.ok else 1)
