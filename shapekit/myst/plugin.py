"""The executable mystmd runs: shapekit's directives for MyST sites and Jupyter Book 2.

mystmd talks to an executable plugin over standard input and output:

- run without arguments, the plugin prints its ``PLUGIN_SPEC`` (JSON): its
  name and the directives it adds, with their argument, options and body;
- run as ``PLUGIN --directive NAME``, it reads the directive's data as JSON
  on standard input — ``{"name", "arg", "options", "body", "node"}``, where
  ``node`` is the parsed directive with every option as written and the line
  of each — and prints the list of MyST AST nodes that replace it.

A non-zero exit makes mystmd drop the whole page, so every mistake in a
directive (and even a failure of shapekit itself, as the isolation boundary
of this one item) becomes nodes: an error box, and a report at the line.

In ``myst.yml``::

    project:
      plugins:
        - type: executable
          path: shapekit_plugin.py   # written by: shapekit myst-plugin --install

>>> import io, json
>>> out = io.StringIO()
>>> main([], stdout=out)
0
>>> json.loads(out.getvalue())["name"]
'shapekit'
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from shapekit.directives import (
    FIGURE_OPTION_NAMES,
    MYST,
    align_option,
    figure_spec,
    parse_shapes,
)
from shapekit.errors import MismatchError, ShapekitError, SpecError
from shapekit.figures.registry import KIND_NAMES, get_kind
from shapekit.myst import nodes
from shapekit.myst.spec import EXPLAIN, FIGURE, NAME_ALIAS, plugin_spec

__all__ = ["USAGE", "cache_folder", "main", "run_directive"]

USAGE = """\
usage: shapekit-myst [--directive NAME]

shapekit's executable plugin for mystmd (MyST sites, Jupyter Book 2).
mystmd runs it: without arguments it prints the plugin's specification;
with --directive NAME it reads the directive's data (JSON) on standard input
and prints the MyST nodes that replace it.

Add it to myst.yml (see: shapekit myst-plugin --help):

  project:
    plugins:
      - type: executable
        path: shapekit_plugin.py
"""

#: where drawn figures are kept between builds, relative to the folder mystmd runs in
CACHE_ENV = "SHAPEKIT_MYST_CACHE"


def cache_folder() -> Path:
    """``$SHAPEKIT_MYST_CACHE``, else ``_build/shapekit`` beside mystmd's own build folder."""
    return Path(os.environ.get(CACHE_ENV) or Path("_build", "shapekit"))


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Answer one call from mystmd (see the module docstring); the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    if not args:
        out.write(json.dumps(plugin_spec()) + "\n")
        return 0
    if args[0] in ("-h", "--help"):
        out.write(USAGE)
        return 0
    if len(args) != 2 or args[0] not in ("--directive", "--role", "--transform"):
        sys.stderr.write(USAGE)
        return 2
    if args[0] != "--directive" or args[1] not in (FIGURE, EXPLAIN):
        sys.stderr.write(f"shapekit-myst: this plugin has no {args[0][2:]} named {args[1]!r}\n")
        return 2
    try:
        data = json.load(stdin or sys.stdin)
    except ValueError as exc:
        sys.stderr.write(f"shapekit-myst: the directive's data is not JSON: {exc}\n")
        return 2
    out.write(json.dumps(run_directive(args[1], data)) + "\n")
    return 0


def run_directive(name: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The nodes of one directive; never raises (a failure is this directive's error box)."""
    directive = _Directive(data)
    try:
        if name == EXPLAIN:
            return directive.explain()
        return directive.figure()
    except Exception as exc:  # the isolation boundary of one directive (DESIGN.md)
        message = f"shapekit failed on this directive (internal error, please report it): {exc!r}"
        return nodes.problem(message, directive.line(None))


class _Directive:
    """One directive's data as mystmd sends it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.node: dict[str, Any] = data.get("node") or {}
        self.arg: str | None = data.get("arg") if isinstance(data.get("arg"), str) else None
        self.parsed: dict[str, Any] = data.get("options") or {}
        self.body: list[dict[str, Any]] = data.get("body") or []
        self.raw: dict[str, Any] = dict(self.node.get("options") or {})

    def _name_alias(self, raw: dict[str, Any], kind: str | None) -> None:
        """``label`` (mystmd's usual spelling) is ``name``, the cross-reference label — unless
        the kind has a field ``label`` (a transpose figure's matrix name), which it then sets."""
        if NAME_ALIAS not in raw or "name" in raw:
            return
        if kind in KIND_NAMES and NAME_ALIAS in get_kind(kind).field_names:
            return
        raw["name"] = raw.pop(NAME_ALIAS)

    def line(self, option: str | None) -> int | None:
        """The line of ``option`` as mystmd saw it (in a YAML block, the block's), or the
        directive's."""
        spellings = {option, option.replace("_", "-")} if option else set()
        for child in self.node.get("children") or []:
            if child.get("type") == "mystOption" and child.get("name") in spellings:
                return _start(child)
        return _start(self.node)

    def problem(self, exc: ShapekitError, field: str | None = None) -> list[dict[str, Any]]:
        name = field if field is not None else getattr(exc, "field", None)
        return nodes.problem(exc.message, self.line(name))

    # -- shapekit ------------------------------------------------------------------

    def figure(self) -> list[dict[str, Any]]:
        raw = dict(self.raw)
        kind = self.arg.strip() if self.arg and self.arg.strip() else None
        self._name_alias(raw, kind)
        shown = {n: raw.pop(n) for n in FIGURE_OPTION_NAMES if n in raw}
        try:
            spec, gallery_caption = figure_spec(kind, raw, _resolve, syntax=MYST)
            align = None
            if "align" in shown:
                try:
                    align = align_option(shown["align"])
                except ValueError as exc:
                    raise SpecError(f"option 'align': {exc}", field="align") from exc
        except SpecError as exc:
            return self.problem(exc)
        from shapekit.figures.cache import FigureCache
        from shapekit.figures.drawing import DEFAULT_DPI, draw

        cache = FigureCache(cache_folder(), dpi=DEFAULT_DPI, formats=("svg",))
        cached = cache.lookup(spec)
        if cached is None:
            try:
                cached = cache.store([draw(spec)])[0]
            except ShapekitError as exc:
                message = f"cannot draw this {spec.kind} figure: {exc.message}"
                return nodes.problem(message, self.line(None))
        svg = cache.path(cached.name, "svg").read_bytes()
        caption, legend = self._caption(gallery_caption or cached.title)
        classes = " ".join(["shapekit", *str(shown.get("class", "")).split()])
        return [
            nodes.figure(
                svg,
                alt=str(shown.get("alt", cached.description)),
                caption=caption,
                legend=legend,
                width=str(shown["width"]).strip() if "width" in shown else None,
                align=align,
                classes=classes,
                name=str(shown["name"]) if "name" in shown else None,
            )
        ]

    def _caption(self, plain: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The body's first paragraph (the rest is the legend), else ``caption``, else
        ``plain`` (the gallery caption or the figure's title) — as in Sphinx."""
        if self.body:
            first, rest = self.body[0], self.body[1:]
            if first.get("type") == "paragraph":
                return [first], rest
            return [nodes.paragraph(nodes.text(plain))], self.body
        caption = self.parsed.get("caption")
        if isinstance(caption, list) and caption:
            return caption, []
        return [nodes.paragraph(nodes.text(plain))], []

    # -- shapekit-explain ------------------------------------------------------------

    def explain(self) -> list[dict[str, Any]]:
        import shapekit

        expr = " ".join((self.arg or "").split())
        self._name_alias(self.raw, None)
        name = str(self.raw["name"]) if "name" in self.raw else None
        classes = " ".join(["shapekit-explain", *str(self.raw.get("class", "")).split()])
        try:
            shapes = parse_shapes(str(self.raw.get("shapes", "")))
        except ShapekitError as exc:
            return self.problem(exc, "shapes")
        try:
            result = shapekit.explain(expr, shapes=shapes)
        except MismatchError as exc:
            return [nodes.mismatch(expr, exc, classes=classes, name=name)]
        except ShapekitError as exc:
            return nodes.problem(f"cannot explain {expr!r}: {exc.message}", self.line(None))
        return [nodes.explanation(str(result), classes=classes, name=name)]


def _start(node: dict[str, Any]) -> int | None:
    line = ((node.get("position") or {}).get("start") or {}).get("line")
    return line if isinstance(line, int) else None


def _resolve(path: str) -> str:
    """A ``from`` path: relative to the folder mystmd runs in (the project's, with myst.yml)."""
    return os.path.abspath(path.lstrip("/"))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
