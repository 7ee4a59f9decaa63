"""The ``shapekit`` command: a Click group whose subcommands load on demand.

Each subcommand lives in its own module of this package, so ``shapekit shape``
never imports Graphviz or Sphinx.
"""

from __future__ import annotations

import importlib

import click

import shapekit

# command name -> "module:attribute" inside this package
COMMANDS: dict[str, str] = {
    "shape": "shape_cmd:shape",
    "explain": "explain_cmd:explain",
    "check": "check_cmd:check",
    "render": "render_cmd:render",
    "build": "build_cmd:build",
    "serve": "serve_cmd:serve",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"shapekit_cli.{module_name}")
        command: click.Command = getattr(module, attr)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(shapekit.__version__, prog_name="shapekit")
def main() -> None:
    """Teach tensor shapes: check arrays, explain operations, draw figures.

    Exit codes: 0 ok, 1 the input has a shape problem, 2 usage error.
    """
