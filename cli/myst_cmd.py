"""``shapekit myst-plugin``: the mystmd plugin (Jupyter Book 2) — its path, or a copy in a project."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import sysconfig
from pathlib import Path

import click

#: the console script that is the plugin (see pyproject.toml)
SCRIPT = "shapekit-myst"
#: the file --install writes into a project
PLUGIN_FILE = "shapekit_plugin.py"

_MYST_YML = """\
project:
  plugins:
    - type: executable
      path: {path}
"""


def script_path() -> Path | None:
    """The ``shapekit-myst`` executable installed beside this Python, if there is one."""
    folder = Path(sysconfig.get_path("scripts"))
    for name in (SCRIPT, f"{SCRIPT}.exe"):
        if (folder / name).is_file():
            return folder / name
    found = shutil.which(SCRIPT)
    return Path(found) if found else None


def plugin_source(python: str) -> str:
    """The executable --install writes: a script run by ``python``."""
    return (
        f"#!{python}\n"
        '"""shapekit\'s mystmd plugin, written by `shapekit myst-plugin --install`.\n\n'
        "mystmd runs this file (see myst.yml); it needs shapekit installed for the Python\n"
        'on the line above. Run `shapekit myst-plugin --install` again to change it."""\n\n'
        "import sys\n\n"
        "try:\n"
        "    from shapekit.myst.plugin import main\n"
        "except ImportError as exc:\n"
        '    sys.exit(f"shapekit is not installed for {sys.executable}: {exc}")\n\n'
        "sys.exit(main())\n"
    )


@click.command("myst-plugin")
@click.option(
    "--install",
    "folder",
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Write the plugin into DIR (the folder of myst.yml) as {PLUGIN_FILE}.",
)
@click.option(
    "--python",
    default=None,
    metavar="COMMAND",
    help="The interpreter line of the written plugin, e.g. '/usr/bin/env python3' for a "
    "project shared between machines [default: this Python].",
)
@click.option("--path", "show_path", is_flag=True, help="Print the path of the plugin and stop.")
def myst_plugin(folder: Path | None, python: str | None, show_path: bool) -> None:
    """Use shapekit's directives in a MyST site or a Jupyter Book 2 (mystmd).

    mystmd runs shapekit as an executable plugin. With --install DIR a small
    plugin file is written into the project, next to myst.yml; with --path
    (or no option) the path of the shapekit-myst command is printed, which
    works as the plugin too. Either way, add the printed lines to myst.yml.
    """
    if folder is not None and show_path:
        raise click.UsageError("give --install DIR or --path, not both")
    if python is not None and folder is None:
        raise click.UsageError("--python only changes what --install writes")
    if folder is None:
        found = script_path()
        if found is None:
            raise click.UsageError(
                f"the {SCRIPT} command is not installed beside {sys.executable}; "
                "write the plugin into your project instead: shapekit myst-plugin --install ."
            )
        if show_path:
            click.echo(str(found))
            return
        click.echo(f"The plugin is {found}. Add to myst.yml:\n")
        click.echo(_MYST_YML.format(path=found), nl=False)
        return
    if not folder.is_dir():
        raise click.UsageError(f"--install: there is no folder {str(folder)!r}")
    if python is not None and (not python.strip() or not python.isprintable()):
        raise click.UsageError(f"--python must be one line naming an interpreter, got {python!r}")
    target = folder / PLUGIN_FILE
    try:
        from shapekit.figures.drawing import replace_file

        # a new file renamed into place: a link planted at the target is replaced, not
        # written through (nor made executable)
        replace_file(target, plugin_source(python or sys.executable).encode("utf-8"))
        mode = os.stat(target, follow_symlinks=False).st_mode
        os.chmod(target, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    except OSError as exc:
        raise click.UsageError(f"--install: cannot write {target}: {exc.strerror}") from exc
    click.echo(f"Wrote {target}. Add to {folder / 'myst.yml'}:\n")
    click.echo(_MYST_YML.format(path=PLUGIN_FILE), nl=False)
