"""The ``shapekit`` command: a Click group whose subcommands load on demand.

Each subcommand lives in its own module of this package, so ``shapekit shape``
never imports Graphviz or Sphinx.
"""

from __future__ import annotations

import importlib

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


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is used."""

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


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(shapekit.__version__, prog_name="shapekit")
def main() -> None:
    """Teach tensor shapes: check arrays, explain operations, draw figures.

    Exit codes: 0 ok, 1 the input has a shape problem, 2 usage error.
    """
