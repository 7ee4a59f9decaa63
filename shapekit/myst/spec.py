"""The ``PLUGIN_SPEC`` mystmd reads from the plugin: its directives and their options.

mystmd runs the plugin once without arguments and reads this JSON from its
standard output. Every option is generated from the figure registry (through
:mod:`shapekit.directives`), so the mystmd directive takes exactly the options
of the Sphinx one.

Field options are declared without one of mystmd's value types: mystmd then
passes their values through untouched (a YAML list stays a list) and the
plugin converts them with the fields' own rules. Declaring them all still
matters: mystmd reports an option it does not know as
``unexpected option "rigth" provided (in shapekit)`` at the option's line.

>>> spec = plugin_spec()
>>> [d["name"] for d in spec["directives"]]
['shapekit', 'shapekit-explain']
>>> {"left", "weights", "from", "alt", "caption"} <= set(spec["directives"][0]["options"])
True
"""

from __future__ import annotations

from typing import Any

from shapekit.directives import FIGURE_OPTION_NAMES, FROM_OPTION
from shapekit.figures.registry import all_kinds

__all__ = ["EXPLAIN", "FIGURE", "NAME_ALIAS", "RAW", "plugin_spec"]

#: the directive names, as in Sphinx
FIGURE = "shapekit"
EXPLAIN = "shapekit-explain"
#: mystmd's usual name for a label; ``name`` (as in Sphinx) works too
NAME_ALIAS = "label"
#: no mystmd value type: the value reaches the plugin as written (text, number, list)
RAW = "raw"

_FIGURE_OPTION_DOCS = {
    "alt": "the alternative text (by default the figure's generated description)",
    "width": "the width of the image, e.g. 60% or 300px",
    "align": "left, center or right",
    "name": "a label for cross-references (also spelt 'label')",
    "class": "CSS classes of the figure, separated by spaces",
    "caption": "a one-line caption (the directive's body, when given, is the caption instead)",
}


def _field_options() -> dict[str, dict[str, Any]]:
    options: dict[str, dict[str, Any]] = {}
    kinds: dict[str, list[str]] = {}
    for kind in all_kinds():
        for field in kind.fields:
            kinds.setdefault(field.name, []).append(kind.name)
            options.setdefault(field.name, {"type": RAW, "doc": field.describe()})
            for alias in field.aliases:  # another name of the field (array's old 'value')
                options[field.name].setdefault("alias", []).append(alias)
    for name, names in kinds.items():
        options[name]["doc"] += f" — a field of {', '.join(names)} figures"
        dashed = name.replace("_", "-")
        if dashed != name:  # the command line's spelling, as in Sphinx
            options[name].setdefault("alias", []).append(dashed)
    return options


def plugin_spec() -> dict[str, Any]:
    """The plugin's specification, as JSON-ready data."""
    figure_options = _field_options()
    figure_options[FROM_OPTION] = {
        "type": "string",
        "doc": "a gallery figure, 'path/to/spec.toml#figure-id' (relative to the project folder)",
    }
    for name in FIGURE_OPTION_NAMES:
        # the caption is MyST markup, read by mystmd; the others are plain text
        kind = "myst" if name == "caption" else "string"
        figure_options[name] = {"type": kind, "doc": _FIGURE_OPTION_DOCS[name]}
    figure_options["name"]["alias"] = [NAME_ALIAS]
    return {
        "name": "shapekit",
        "directives": [
            {
                "name": FIGURE,
                "doc": "A shapekit figure drawn at build time: name its kind and give its fields "
                "as options, or take a gallery figure with 'from'.",
                "arg": {"type": "string", "doc": "the figure kind, e.g. dot or layer"},
                "options": figure_options,
                "body": {
                    "type": "myst",
                    "doc": "the caption (first paragraph); further paragraphs are the legend",
                },
            },
            {
                "name": EXPLAIN,
                "doc": "The shapes of an expression, explained step by step; a mismatch is shown "
                "with the fixes shapekit checked.",
                "arg": {
                    "type": "string",
                    "required": True,
                    "doc": "the expression, e.g. inputs @ weights.T",
                },
                "options": {
                    "shapes": {"type": "string", "doc": "the shapes, e.g. inputs=3,4 weights=3,4"},
                    "name": {"type": "string", "alias": [NAME_ALIAS], "doc": "a label"},
                    "class": {"type": "string", "doc": "CSS classes, separated by spaces"},
                },
            },
        ],
    }
