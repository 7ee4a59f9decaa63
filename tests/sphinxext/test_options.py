"""The directive's options come from the figure registry, not from a hand-written list."""

from __future__ import annotations

import pytest

from shapekit.figures.registry import all_kinds
from shapekit.sphinxext.figure import ShapekitFigure
from shapekit.sphinxext.options import FIGURE_OPTIONS, option_line, option_spec


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda k: k.name)
def test_every_field_of_every_kind_is_an_option(kind):
    spec = option_spec()
    assert set(kind.field_names) <= set(spec)
    assert set(kind.field_names) <= set(ShapekitFigure.option_spec)


def test_figure_options_and_from_are_options():
    assert {"alt", "width", "align", "name", "class", "caption", "from"} <= set(option_spec())
    assert set(FIGURE_OPTIONS) == {"alt", "width", "align", "name", "class", "caption"}


def test_unknown_options_reach_the_directive_as_text():
    # so parse_spec can name the closest field instead of docutils refusing the block
    assert "wieghts" not in option_spec()
    assert option_spec()["wieghts"](" 0.2, 0.8 ") == "0.2, 0.8"
    assert option_spec()["bias"](None) == ""


@pytest.mark.parametrize(
    ("name", "line"),
    [("left", 11), ("right", 12), ("missing", 10), (None, 10)],
    ids=["first", "second", "absent", "no-field"],
)
def test_option_line(name, line):
    block = ".. shapekit:: dot\n   :left: 1\n   :right: 2\n\n   caption :right: here\n"
    assert option_line(block, 10, name) == line
