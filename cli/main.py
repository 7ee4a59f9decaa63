"""The ``shapekit`` command: a Click group whose subcommands load on demand.

Each subcommand lives in its own module of this package, so ``shapekit shape``
never imports Graphviz or Sphinx.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

import shapekit

# command name -> ("module:attribute" inside this package, one-line help for the listing)
COMMANDS: dict[str, tuple[str, str]] = {
    "shape": ("shape_cmd:shape", "Print the shape of arrays, or what breaks them."),
    "explain": (
        "explain_cmd:explain",
        "Explain the shapes in an expression like inputs @ weights.T.",
    ),
    "check": ("check_cmd:check", "Check student array files against an expected shape."),
    "render": ("render_cmd:render", "Draw one figure kind, or every figure of a spec file."),
    "build": ("build_cmd:build", "Build the figure gallery site from TOML specs."),
    "serve": ("serve_cmd:serve", "Preview a built gallery on 127.0.0.1."),
    "service": ("service_cmd:service", "Serve every figure and explanation at a URL."),
    "myst-plugin": ("myst_cmd:myst_plugin", "Set up the mystmd plugin (MyST, Jupyter Book 2)."),
}


#: set to 1 to see the Python traceback of an internal error (as ``shapekit --debug``)
DEBUG_ENV = "SHAPEKIT_DEBUG"
#: the exit code when shapekit itself failed (an internal error)
EXIT_INTERNAL = 3


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is used.

    It is also the last resort of every command: an exception shapekit did not expect
    prints one line (the reason and a request to report it) and exits 3, never a
    traceback, unless ``--debug`` or ``SHAPEKIT_DEBUG=1`` asks for it.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (``shapekit ... | head``): stop quietly
            _silence_stdout()
            ctx.exit(1)
        except Exception as exc:
            if ctx.meta.get("shapekit.debug") or os.environ.get(DEBUG_ENV, "") not in ("", "0"):
                raise
            from shapekit.errors import internal_error_reason

            command = " ".join(["shapekit", *filter(None, [ctx.invoked_subcommand])])
            click.echo(f"{command}: {internal_error_reason(exc)}", err=True)
            click.echo(f"(run with --debug or {DEBUG_ENV}=1 to see the traceback)", err=True)
            ctx.exit(EXIT_INTERNAL)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        module = importlib.import_module(f"shapekit_cli.{module_name}")
        command: click.Command = getattr(module, attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # list the commands from COMMANDS without importing them
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's): nothing to silence
        pass


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(shapekit.__version__, prog_name="shapekit")
@click.option(
    "--debug",
    is_flag=True,
    help=f"Show the Python traceback of an internal error (also {DEBUG_ENV}=1).",
)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Teach tensor shapes: check arrays, explain operations, draw figures.

    \b
    Exit codes (every command):
      0  ok: every input passed
      1  some input has a problem (a shape, a spec, a figure); the rest was still done
      2  usage error (an unknown option, a missing file or folder ...)
      3  shapekit itself failed on some input (an internal error: please report it)
    """
    ctx.meta["shapekit.debug"] = debug
