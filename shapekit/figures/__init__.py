"""Figures: one registry of figure kinds, each a typed spec and a drawing.

>>> from shapekit.figures import figure
>>> fig = figure("dot", left=[1, 2, 3], right=[2, 3, 4])
>>> fig.description.startswith("The dot product")
True
"""

from shapekit.figures.drawing import DEFAULT_DPI, Drawing, Figure, draw, figure, render_many
from shapekit.figures.fields import Field
from shapekit.figures.registry import KIND_NAMES, Kind, Spec, all_kinds, get_kind, parse_spec

__all__ = [
    "DEFAULT_DPI",
    "KIND_NAMES",
    "Drawing",
    "Field",
    "Figure",
    "Kind",
    "Spec",
    "all_kinds",
    "draw",
    "figure",
    "get_kind",
    "parse_spec",
    "render_many",
]
