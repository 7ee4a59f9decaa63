"""The options of ``.. shapekit::``, generated from the figure registry.

Every field of every figure kind is an option under the same name as in the
TOML specs and on the command line; Sphinx's figure options sit beside them.
Options reach the directive as raw text and are converted in one place —
:func:`~shapekit.figures.parse_spec` for fields, docutils' own converters for
the figure options — so that a bad value becomes a Sphinx warning with the
option's line instead of a docutils error.

>>> spec = option_spec()
>>> "left" in spec and "caption" in spec and "from" in spec
True
>>> spec["wieghts"]("0.2") == "0.2"   # unknown names pass through, to be reported
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils.parsers.rst import directives

from shapekit.figures.registry import all_kinds

__all__ = [
    "FIGURE_OPTIONS",
    "FROM_OPTION",
    "field_options",
    "option_line",
    "option_spec",
    "shadowed_fields",
]

#: Sphinx's figure options and how docutils converts each
FIGURE_OPTIONS: dict[str, Callable[[str | None], Any]] = {
    "alt": directives.unchanged,
    "width": directives.length_or_percentage_or_unitless,
    "align": lambda arg: directives.choice(arg, ("left", "center", "right")),
    "name": directives.unchanged,
    "class": directives.class_option,
    "caption": directives.unchanged,
}

#: the option naming a gallery figure: ``path/to/spec.toml#figure-id``
FROM_OPTION = "from"


def _raw(argument: str | None) -> str:
    return "" if argument is None else argument.strip()


class _OptionSpec(dict[str, Callable[[str | None], Any]]):
    """An option spec that lets unknown names through as raw text.

    docutils rejects an unknown option before the directive runs, as an error
    that names no alternative and cannot be silenced. Letting it through means
    :func:`~shapekit.figures.parse_spec` reports it instead, with the closest
    field of the figure's kind, as a ``shapekit.spec`` warning.
    """

    def __missing__(self, key: str) -> Callable[[str | None], Any]:
        return _raw


def field_options() -> list[str]:
    """Every field name of every figure kind, in registry order, without repeats."""
    names: dict[str, None] = {}
    for kind in all_kinds():
        names.update(dict.fromkeys(kind.field_names))
    return list(names)


def shadowed_fields() -> list[str]:
    """Field names that are also a figure option; in a directive the figure option wins.

    (A figure kind should not call a field ``name``, ``alt``, ``width``…: the
    directive could not set it, only TOML and the CLI could.)
    """
    return sorted(set(field_options()) & (set(FIGURE_OPTIONS) | {FROM_OPTION}))


def option_spec() -> _OptionSpec:
    """The option spec of ``.. shapekit::``: the kinds' fields, ``from``, the figure options."""
    spec = _OptionSpec({name: _raw for name in field_options()})
    spec[FROM_OPTION] = _raw
    spec.update(dict.fromkeys(FIGURE_OPTIONS, _raw))
    return spec


def option_line(block_text: str, lineno: int, name: str | None) -> int:
    """The line of option ``:name:`` in a directive that starts at ``lineno``.

    >>> option_line(".. shapekit:: dot\\n   :left: 1\\n   :rihgt: 2\\n", 10, "rihgt")
    12
    >>> option_line(".. shapekit:: dot\\n   :left-label: x\\n", 10, "left_label")
    11
    >>> option_line(".. shapekit:: dot\\n", 10, "left")
    10
    """
    if name:
        spelled = "[-_]".join(re.escape(part) for part in name.split("_"))
        pattern = re.compile(rf"^\s*:{spelled}:(\s|$)")
        for offset, line in enumerate(block_text.splitlines()):
            if pattern.match(line):
                return lineno + offset
    return lineno
