"""``shapekit render``: draw one figure kind, or every figure of a spec file.

::

    shapekit render KIND [--field value ...] -o OUT.svg|OUT.png [--dpi N]
    shapekit render SPEC.toml -o DIR/ [--format svg|png|both] [--dpi N]

Each kind is a subcommand whose options are generated from the figure
registry — one ``--<field>`` per field of the kind, its help from
:meth:`Field.describe` — so no option name, default or choice is written here.
Values are handed to :func:`~shapekit.figures.parse_spec` as text, the one
place where they are checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from shapekit_cli.build_cmd import inert, renderer_option, renderer_param

from shapekit.errors import (
    GraphvizNotFoundError,
    RenderError,
    ShapekitError,
    SpecError,
    closest,
    internal_error_reason,
)
from shapekit.figures.drawing import DEFAULT_DPI
from shapekit.figures.fields import Field
from shapekit.figures.registry import KIND_NAMES, Kind, get_kind

if TYPE_CHECKING:
    from shapekit.gallery.specs import Entry

__all__ = ["render"]

#: the options every kind command has besides its fields
OWN_OPTIONS = ("--output", "-o", "--dpi", "--renderer", "--help", "-h")
FORMATS = {
    "svg": ("svg",),
    "png": ("png",),
    "pdf": ("pdf",),
    "both": ("svg", "png"),
    "all": ("svg", "png", "pdf"),
}
_DPI = click.IntRange(24, 1200)


def option_name(field: Field) -> str:
    """The command-line option of a field: ``input_names`` -> ``--input-names``."""
    return "--" + field.name.replace("_", "-")


def _param_name(field: Field) -> str:
    return f"field__{field.name}"


def _field_option(field: Field) -> click.Option:
    name = option_name(field)
    if name in OWN_OPTIONS:  # a kind's field would shadow the command's own option
        raise RuntimeError(f"field {field.name!r} clashes with the render option {name}")
    help_text = field.describe() + (" [required]" if field.required else "")
    if field.type == "flag":
        return click.Option(
            [f"{name}/--no-{name[2:]}", _param_name(field)], default=None, help=help_text
        )
    aliases = ["--" + alias.replace("_", "-") for alias in field.aliases]
    return click.Option(
        [name, *aliases, _param_name(field)], default=None, metavar=field.metavar, help=help_text
    )


def kind_command(kind: Kind) -> click.Command:
    """The ``shapekit render KIND`` command, built from the kind's fields."""
    params: list[click.Parameter] = [_field_option(f) for f in kind.fields]
    params += [
        click.Option(
            ["-o", "--output"],
            required=True,
            metavar="OUT.svg|OUT.png|OUT.pdf",
            type=click.Path(dir_okay=False, path_type=Path),
            help="the file to write; its suffix picks SVG, PNG or PDF",
        ),
        click.Option(
            ["--dpi"], type=_DPI, default=DEFAULT_DPI, show_default=True, help="resolution of a PNG"
        ),
        renderer_param(),
    ]

    def callback(output: Path, dpi: int, **values: Any) -> None:
        if output.suffix.lower() not in (".svg", ".png", ".pdf"):
            raise click.BadParameter(
                "the file name must end in .svg, .png or .pdf", param_hint="'-o' / '--output'"
            )
        try:  # an array-valued option may name a .npy file
            raw = {
                f.name: f.cli_value(values[_param_name(f)])
                for f in kind.fields
                if values.get(_param_name(f)) is not None
            }
        except SpecError as exc:
            raise _usage_error(kind, exc) from None
        if not output.parent.is_dir():  # say so before drawing, and as a usage error
            raise click.BadParameter(
                f"there is no folder {str(output.parent)!r} to write {output.name!r} into",
                param_hint="'-o' / '--output'",
            )
        from shapekit.figures.drawing import draw
        from shapekit.figures.registry import parse_spec

        try:
            fig = draw(parse_spec(kind.name, raw))
        except SpecError as exc:
            raise _usage_error(kind, exc) from None
        _write(lambda: fig.save(output, dpi=dpi))
        click.echo(str(output))

    return click.Command(
        kind.name,
        params=params,
        callback=callback,
        help=f"Draw {kind.summary}.\n\nExample: {_example(kind)}",
        short_help=kind.summary,
        no_args_is_help=True,
    )


def _example(kind: Kind) -> str:
    parts = [f"shapekit render {kind.name}"]
    for name, value in kind.example.items():
        field = kind.field(name)
        parts.append(f"{option_name(field)} '{field.format(field.convert(value))}'")
    return " ".join([*parts, f"-o {kind.name}.svg"])


def _usage_error(kind: Kind, exc: SpecError) -> click.UsageError:
    if exc.field in kind.field_names:
        message = exc.message.removeprefix(f"field {exc.field!r}: ")
        return click.UsageError(f"{option_name(kind.field(exc.field))}: {message}")
    return click.UsageError(exc.message)


def _write(action: Any) -> Any:
    """Run a rendering action; a Graphviz or file problem becomes a clear error."""
    try:
        return action()
    except RenderError as exc:  # GraphvizNotFoundError included
        raise click.ClickException(exc.message) from None
    except OSError as exc:  # the output path is wrong: a usage error (exit 2), not a shape problem
        where = f" {exc.filename}" if exc.filename else ""
        raise click.UsageError(f"cannot write{where}: {exc.strerror or exc}") from None


class _SpecFileCommand(click.Command):
    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        parent = ctx.parent.command_path if ctx.parent else "shapekit render"
        formatter.write_usage(parent, "SPEC.toml -o DIR/ [OPTIONS]")


@click.command("spec-file", cls=_SpecFileCommand, no_args_is_help=True)
@click.argument("spec", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="DIR/",
    type=click.Path(file_okay=False, path_type=Path),
    help="the folder to write every figure into (created when missing)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="both",
    show_default=True,
    help="which files to write per figure",
)
@click.option(
    "--dpi", type=_DPI, default=DEFAULT_DPI, show_default=True, help="resolution of the PNGs"
)
@renderer_option()
def spec_file(spec: Path, output: Path, fmt: str, dpi: int) -> None:
    """Draw every figure of a TOML spec file (or a folder of them) into DIR.

    Each figure is drawn on its own: one that fails is reported and the others
    are still written.

    \b
    Exit codes:
      0  every figure was written
      1  some spec or figure failed (the others were still written)
      2  usage error (DIR cannot be made or written ...)
      3  shapekit itself failed on some figure (an internal error: please report it)
    """
    from shapekit.gallery.specs import format_error, load_specs

    errors: list[SpecError] = []
    entries = load_specs(spec, errors=errors)
    for error in errors:
        click.echo(f"Error: {inert(format_error(error))}", err=True)
    internal = sum(error.kind == "internal-error" for error in errors)
    tally = {"failed": len(errors) - internal, "internal": internal}
    if entries:
        _draw_each(entries, output, FORMATS[fmt], dpi, tally)
    if tally["internal"]:
        raise click.exceptions.Exit(3)
    if tally["failed"]:  # like `shapekit build`: the good figures are drawn, the run fails
        raise click.exceptions.Exit(1)


def _draw_each(
    entries: Sequence[Entry], output: Path, formats: Sequence[str], dpi: int, tally: dict[str, int]
) -> None:
    """Draw and save each figure; a failing one is reported and counted in ``tally``."""
    from shapekit.figures.drawing import draw, render_many

    def fail(entry: Entry, exc: Exception) -> None:
        internal = not isinstance(exc, ShapekitError)
        reason = internal_error_reason(exc) if internal else str(exc)
        tally["internal" if internal else "failed"] += 1
        where = f"{entry.file}:{entry.line}: figure {entry.id!r}"
        click.echo(f"Error: {inert(where)}: {inert(reason)}", err=True)

    figures = []
    for entry in entries:
        try:
            figures.append((entry, draw(entry.spec)))
        except Exception as exc:  # isolation boundary: this figure fails, not the run
            fail(entry, exc)
    if not figures:
        return
    _write(lambda: output.mkdir(parents=True, exist_ok=True))
    try:  # one batch for every figure; if it fails, the loop below finds the figure(s) at fault
        render_many([fig for _, fig in figures], formats=formats, dpi=dpi)
    except GraphvizNotFoundError as exc:  # one clear error, not one per figure
        raise click.ClickException(exc.message) from None
    except Exception:  # isolation boundary: each figure is tried again alone below
        pass
    for entry, fig in figures:
        try:
            paths = [fig.save(output / f"{entry.id}.{suffix}", dpi=dpi) for suffix in formats]
        except OSError as exc:  # the folder cannot be written: a usage error, for every figure
            where = f" {exc.filename}" if exc.filename else ""
            raise click.UsageError(f"cannot write{where}: {exc.strerror or exc}") from None
        except Exception as exc:  # isolation boundary: this figure fails, not the run
            fail(entry, exc)
            continue
        for path in paths:
            click.echo(inert(str(path)))


def _is_spec_path(name: str) -> bool:
    if name in KIND_NAMES:
        return False
    path = Path(name)
    return name.endswith(".toml") or path.is_dir() or path.is_file()


def _summary(name: str) -> str:
    return get_kind(name).summary


class RenderGroup(click.Group):
    """A group with one generated subcommand per figure kind, plus spec files."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(KIND_NAMES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in KIND_NAMES:
            return None
        return kind_command(get_kind(cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if _is_spec_path(name):
            return name, spec_file, args
        command = self.get_command(ctx, name)
        if command is None:
            hint = closest(name, KIND_NAMES)
            ctx.fail(
                f"{name!r} is neither a figure kind nor a spec file."
                + (f" Did you mean {hint!r}?" if hint else "")
                + f"\nThe kinds are: {', '.join(KIND_NAMES)}."
            )
        return name, command, args[1:]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "KIND [--field VALUE ...] -o OUT.svg|OUT.png")
        formatter.write_usage(ctx.command_path, "SPEC.toml -o DIR/", prefix="   or: ")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows: Sequence[tuple[str, str]] = [(n, _summary(n)) for n in KIND_NAMES]
        with formatter.section("Kinds (shapekit render KIND --help lists its fields)"):
            formatter.write_dl(rows)


@click.group(
    "render",
    cls=RenderGroup,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def render() -> None:
    """Draw one figure kind, or every figure of a TOML spec file.

    Options of a kind come from its fields, e.g.
    shapekit render neuron --inputs 1.0,2.0,3.0 --weights 0.2,0.8,-0.5 --bias 2 -o neuron.svg

    \b
    Exit codes:
      0  every figure was written
      1  some figure of a spec file failed (the others were written), or no Graphviz
      2  usage error, including a field value that is not allowed
      3  shapekit itself failed on some figure (an internal error: please report it)
    """
