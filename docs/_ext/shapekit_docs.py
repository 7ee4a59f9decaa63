"""Directives that generate shapekit's reference pages from the code itself.

``.. shapekit-cli::``
    every command of the ``shapekit`` Click application, walked recursively,
    each with its ``--help`` text as Click prints it — never copied by hand.
``.. shapekit-kinds::``
    every figure kind of the registry: its summary, a table of its fields
    (type, default, allowed values) and its example drawn with ``.. shapekit::``.

Only this project's documentation uses them, so they live beside ``conf.py``.
"""

from __future__ import annotations

from typing import Any

import click
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

#: Click's help is wrapped at this width in the generated pages
HELP_WIDTH = 88
#: the underline of each heading level the directives generate
LEVELS = "-~^"


class _Generated(SphinxDirective):
    """Parse generated reStructuredText (headings allowed) in place of the directive."""

    def lines(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        source, _ = self.get_source_info()
        text = StringList()
        for i, line in enumerate(self.lines()):
            text.append(line, source, i)
        box = nodes.section()
        box.document = self.state.document
        nested_parse_with_titles(self.state, text, box)
        return list(box.children)


def _heading(text: str, level: int) -> list[str]:
    return [text, LEVELS[level] * len(text), ""]


class CliReference(_Generated):
    """``.. shapekit-cli::`` — the whole command tree of ``shapekit_cli.main:main``."""

    def lines(self) -> list[str]:
        from shapekit_cli.main import main

        root = click.Context(
            main, info_name="shapekit", terminal_width=HELP_WIDTH, max_content_width=HELP_WIDTH
        )
        out = _help_block(main, root)
        out += _commands(main, root, level=0)
        return out


def _commands(group: click.Group, parent: click.Context, level: int) -> list[str]:
    out: list[str] = []
    for name in group.list_commands(parent):
        command = group.get_command(parent, name)
        if command is None:
            continue
        ctx = click.Context(command, info_name=name, parent=parent)
        out += [f".. _cli-{ctx.command_path.replace(' ', '-')}:", ""]
        out += _heading(ctx.command_path, min(level, len(LEVELS) - 1))
        out += _help_block(command, ctx)
        if isinstance(command, click.Group):
            out += _commands(command, ctx, level + 1)
    return out


def _help_block(command: click.Command, ctx: click.Context) -> list[str]:
    text = command.get_help(ctx)
    return (
        [".. code-block:: text", ""] + [f"   {line}".rstrip() for line in text.splitlines()] + [""]
    )


class KindReference(_Generated):
    """``.. shapekit-kinds::`` — every figure kind, its fields and its example figure."""

    def lines(self) -> list[str]:
        from shapekit.figures.registry import all_kinds

        out: list[str] = []
        for kind in all_kinds():
            out += [f".. _kind-{kind.name}:", ""]
            out += _heading(kind.name, 0)
            out += [kind.summary[:1].upper() + kind.summary[1:] + ".", ""]
            out += _field_table(kind)
            if kind.example:
                out += _example(kind)
        return out


def _field_table(kind: Any) -> list[str]:
    out = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 20 15 20 45",
        "",
        "   * - Field",
        "     - Type",
        "     - Default",
        "     - Meaning",
    ]
    for field in kind.fields:
        if field.required:
            default = "*required*"
        elif field.default in (None, (), ""):
            default = "*none*"
        else:
            default = f"``{field.format(field.default)}``"
        meaning = _escape(field.help)
        if field.choices:  # markup added after escaping the (plain text) help
            meaning += "; one of " + ", ".join(f"``{c}``" for c in field.choices)
        out += [
            f"   * - ``{field.name}``",
            f"     - {field.type}",
            f"     - {default}",
            f"     - {meaning}",
        ]
    return [*out, ""]


def _example(kind: Any) -> list[str]:
    out = [
        f"An example (``.. shapekit:: {kind.name}`` with these options):",
        "",
        ".. code-block:: rst",
        "",
        f"   .. shapekit:: {kind.name}",
    ]
    options = [
        f":{name}: {kind.field(name).format(kind.field(name).convert(value))}"
        for name, value in kind.example.items()
    ]
    out += [f"      {option}" for option in options] + [""]
    out += [f".. shapekit:: {kind.name}"] + [f"   {option}" for option in options] + [""]
    return out


def _escape(text: str) -> str:
    """Plain text safe inside reStructuredText (no accidental markup)."""
    for char in "\\*`|_":
        text = text.replace(char, "\\" + char)
    return text


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("shapekit-cli", CliReference)
    app.add_directive("shapekit-kinds", KindReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
