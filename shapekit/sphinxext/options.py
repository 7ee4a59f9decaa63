"""The options of ``.. shapekit::``, generated from the figure registry.

Every field of every figure kind is an option under the same name as in the
TOML specs and on the command line; Sphinx's figure options sit beside them.
The names come from :mod:`shapekit.directives`, which the mystmd plugin
shares. Options reach the directive as raw text and are converted in one place —
:func:`~shapekit.figures.parse_spec` for fields, docutils' own converters for
the figure options — so that a bad value becomes a Sphinx warning with the
option's line instead of a docutils error.

In MyST (myst-parser), options may also come as a YAML block between ``---``
lines. myst-parser reads its values as plain text, which folds a block-style
list (``weights:`` then ``- [0.2, 0.8]`` lines) into one line;
:func:`yaml_values` reads the block again with full YAML so that lists keep
their structure, and :func:`option_line` finds a YAML key's line as well as a
``:name:`` line.

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

from shapekit.directives import FROM_OPTION, align_option, field_options

__all__ = [
    "FIGURE_OPTIONS",
    "FROM_OPTION",
    "field_options",
    "option_line",
    "option_spec",
    "shadowed_fields",
    "yaml_values",
]

#: Sphinx's figure options and how docutils converts each
FIGURE_OPTIONS: dict[str, Callable[[str | None], Any]] = {
    "alt": directives.unchanged,
    "width": directives.length_or_percentage_or_unitless,
    "align": align_option,
    "name": directives.unchanged,
    "class": directives.class_option,
    "caption": directives.unchanged,
}


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


def _yaml_lines(block_text: str) -> tuple[list[str], int, int] | None:
    """The lines of a MyST directive and where its ``---`` options block starts and ends."""
    lines = block_text.splitlines()
    if len(lines) < 2 or not lines[1].startswith("---"):
        return None
    for end in range(2, len(lines)):
        if lines[end].startswith("---"):
            return lines, 2, end
    return lines, 2, len(lines)


def _key_pattern(name: str, *, yaml: bool) -> re.Pattern[str]:
    spelled = "[-_]".join(re.escape(part) for part in name.split("_"))
    if yaml:  # a top-level key, plain or quoted
        return re.compile(rf"^(?:{spelled}|'{spelled}'|\"{spelled}\")\s*:(\s|$)")
    return re.compile(rf"^\s*:{spelled}:(\s|$)")


def option_line(block_text: str, lineno: int, name: str | None) -> int:
    """The line of option ``name`` in a directive that starts at ``lineno``.

    The option is a ``:name:`` line (reStructuredText, MyST) or a key of a
    MyST ``---`` YAML block:

    >>> option_line(".. shapekit:: dot\\n   :left: 1\\n   :rihgt: 2\\n", 10, "rihgt")
    12
    >>> option_line(".. shapekit:: dot\\n   :left-label: x\\n", 10, "left_label")
    11
    >>> option_line("```{shapekit} dot\\n---\\nleft: 1\\nrihgt: 2\\n---\\n```\\n", 10, "rihgt")
    13
    >>> option_line(".. shapekit:: dot\\n", 10, "left")
    10
    """
    if not name:
        return lineno
    block = _yaml_lines(block_text)
    if block is not None:
        lines, start, end = block
        indent = min((len(x) - len(x.lstrip()) for x in lines[start:end] if x.strip()), default=0)
        key = _key_pattern(name, yaml=True)
        for offset in range(start, end):
            if key.match(lines[offset][indent:]):
                return lineno + offset
    option = _key_pattern(name, yaml=False)
    for offset, line in enumerate(block_text.splitlines()):
        if option.match(line):
            return lineno + offset
    return lineno


def yaml_values(block_text: str, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with the lists of a MyST YAML options block read as YAML lists.

    myst-parser gives every option as text, and folds a block-style list into
    one line (``'- [1, 2] - [3, 4]'``); here such a value is replaced by the
    list read from the block with PyYAML (myst-parser's own dependency).
    Scalars are left as myst-parser read them, so ``flag: false`` stays the
    text ``'false'`` as in a ``:flag: false`` line.

    >>> text = "```{shapekit} layer\\n---\\nweights:\\n  - [1, 2]\\n  - [3, 4]\\nbiases: 0, 0\\n---\\n```\\n"
    >>> yaml_values(text, {"weights": "- [1, 2] - [3, 4]", "biases": "0, 0"})
    {'weights': [[1, 2], [3, 4]], 'biases': '0, 0'}
    """
    block = _yaml_lines(block_text)
    if block is None:
        return options
    lines, start, end = block
    try:
        import yaml
    except ImportError:  # pragma: no cover - myst-parser depends on PyYAML
        return options
    from textwrap import dedent

    try:
        data = yaml.safe_load(dedent("\n".join(lines[start:end])))
    except (yaml.YAMLError, ValueError, RecursionError):
        return options  # myst-parser has reported the block already
    if not isinstance(data, dict):
        return options
    values = dict(options)
    for key, value in data.items():
        if isinstance(key, str) and key in values and isinstance(value, (list, dict)):
            values[key] = value
    return values
