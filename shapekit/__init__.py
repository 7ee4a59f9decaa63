"""shapekit: teach tensor shapes.

Validate homologous nested lists and infer their shapes, explain matrix
products, dot products, transposition and broadcasting the way NumPy does
them, and draw lecture figures.

>>> import shapekit
>>> shapekit.shape([[1, 2, 3], [4, 5, 6]])
(2, 3)

``import shapekit`` stays light: the public names are loaded on first use,
and Graphviz, Pillow and Sphinx are imported only when a figure is drawn.
"""

from __future__ import annotations

import os as _os
import sys as _sys

# ``python -m shapekit check .`` in a folder of submissions: Python put that folder first on
# the path, so a student's ``typing.py`` or ``click.py`` would be imported (run) in place of
# the real module. While ``-m`` imports this package, take the folder off the path, as
# ``python -P`` does (nothing is ever imported from a submission).
if _sys.argv[:1] == ["-m"] and not _sys.flags.safe_path and _sys.path[:1] == [_os.getcwd()]:
    del _sys.path[0]

import importlib
from typing import TYPE_CHECKING, Any

from shapekit.errors import (
    CycleError,
    ExpressionError,
    GraphvizNotFoundError,
    InputError,
    MismatchError,
    MixedError,
    NotANumberError,
    RaggedError,
    RenderError,
    ShapeError,
    ShapekitError,
    SpecError,
    Suggestion,
    TooDeepError,
    TooLargeError,
)

__version__ = "0.2.0"

# public name -> module that defines it (imported on first attribute access)
_LAZY: dict[str, str] = {
    "shape": "shapekit.shapes",
    "explain": "shapekit.engine.expr",
    "Explanation": "shapekit.engine.explanation",
    "Step": "shapekit.engine.explanation",
    "transpose": "shapekit.engine.compute",
    "dot": "shapekit.engine.compute",
    "matmul": "shapekit.engine.compute",
    "add": "shapekit.engine.compute",
    "sub": "shapekit.engine.compute",
    "mul": "shapekit.engine.compute",
}

if TYPE_CHECKING:  # pragma: no cover
    from shapekit.engine.compute import add, dot, matmul, mul, sub, transpose
    from shapekit.engine.explanation import Explanation, Step
    from shapekit.engine.expr import explain
    from shapekit.shapes import shape

__all__ = [
    "CycleError",
    "Explanation",
    "ExpressionError",
    "GraphvizNotFoundError",
    "InputError",
    "MismatchError",
    "MixedError",
    "NotANumberError",
    "RaggedError",
    "RenderError",
    "ShapeError",
    "ShapekitError",
    "SpecError",
    "Step",
    "Suggestion",
    "TooDeepError",
    "TooLargeError",
    "__version__",
    "add",
    "dot",
    "explain",
    "matmul",
    "mul",
    "shape",
    "sub",
    "transpose",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'shapekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
