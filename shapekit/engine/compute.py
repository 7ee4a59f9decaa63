"""NumPy's operations computed on data, each with the explanation of its shapes.

``transpose``, ``dot``, ``matmul``, ``add``, ``sub`` and ``mul`` take data (nested lists or
arrays, validated with :func:`shapekit.shape`), check the shapes with the rules of
:mod:`shapekit.engine.ops` (raising :class:`~shapekit.errors.MismatchError` exactly when NumPy would
fail) and return a :class:`Result`. NumPy is imported on the first call, not with the module.
They are documented, and importable, as ``shapekit.engine.ops.matmul`` … and ``shapekit.matmul`` ….

>>> add([1, 2], 10).value.tolist()
[11, 12]
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from shapekit.engine.explanation import Explanation

__all__ = ["Result", "add", "dot", "matmul", "mul", "sub", "transpose"]

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Result:
    """A computed value with its explanation. ``value`` is always a NumPy array.

    >>> r = matmul([[1, 2]], [[3], [4]])
    >>> r.shape, r.value.tolist()
    ((1, 1), [[11]])
    """

    value: Any
    explanation: Explanation

    @property
    def shape(self) -> Shape:
        """The result's shape (the same as ``explanation.shape``)."""
        return tuple(self.value.shape)

    def __str__(self) -> str:
        return f"{self.explanation}\n{self.value!r}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_html_(self) -> str:
        import html

        return f"{self.explanation._repr_html_()}<pre>{html.escape(repr(self.value))}</pre>"


def _data_shape(x: Any, name: str) -> Shape:
    from shapekit.shapes import shape

    return shape(x, name=name)


def _binary_data(
    op: str, a: Any, b: Any, names: tuple[str, str], compute: Callable[[Any, Any], Any]
) -> Result:
    import numpy as np

    from shapekit.engine.ops import (
        binary_shapes,  # not at the top: shapekit.engine.ops re-exports this module
    )

    explanation = binary_shapes(op, _data_shape(a, names[0]), _data_shape(b, names[1]), names=names)
    _small_enough(cast(Shape, explanation.shape), op)
    return Result(np.asarray(compute(np.asarray(a), np.asarray(b))), explanation)


def _small_enough(shape: Shape, op: str) -> None:
    """Refuse, before computing, a result of more elements than shapekit computes values
    for (as ``shapekit explain`` does): two small inputs can broadcast to billions."""
    from shapekit.engine._exprtree import MAX_VALUE_ELEMENTS
    from shapekit.engine.explanation import format_shape
    from shapekit.errors import TooLargeError

    count = math.prod(shape)
    if count > MAX_VALUE_ELEMENTS:
        raise TooLargeError(
            f"the result of {op} would have shape {format_shape(shape)}, {count:,} elements, "
            f"more than the {MAX_VALUE_ELEMENTS:,} whose values shapekit computes; "
            "shapekit.explain gives the shapes of arrays this large"
        )


def matmul(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a @ b`` on data, explained.

    >>> matmul([[1, 2], [3, 4]], [1, 1]).value.tolist()
    [3, 7]
    """
    return _binary_data("matmul", a, b, names, operator.matmul)


def dot(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``np.dot(a, b)`` on data, explained.

    >>> dot([1, 2, 3], [2, 3, 4]).value.tolist()
    20
    """
    import numpy as np

    return _binary_data("dot", a, b, names, np.dot)


def add(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a + b`` on data with broadcasting, explained.

    >>> add([[1, 2], [3, 4]], [10, 20]).value.tolist()
    [[11, 22], [13, 24]]
    """
    return _binary_data("add", a, b, names, operator.add)


def sub(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a - b`` on data with broadcasting, explained.

    >>> sub([5, 6], 1).value.tolist()
    [4, 5]
    """
    return _binary_data("sub", a, b, names, operator.sub)


def mul(a: Any, b: Any, *, names: tuple[str, str] = ("a", "b")) -> Result:
    """Compute ``a * b`` element-wise on data with broadcasting, explained.

    >>> mul([[1], [2]], [1, 10]).value.tolist()
    [[1, 10], [2, 20]]
    """
    return _binary_data("mul", a, b, names, operator.mul)


def transpose(a: Any, axes: Sequence[int] | None = None, *, name: str = "a") -> Result:
    """Transpose data (reverse the dimensions, or reorder them by ``axes``), explained.

    >>> transpose([[1, 2, 3]]).value.tolist()
    [[1], [2], [3]]
    """
    import numpy as np

    from shapekit.engine.ops import transpose_shape

    explanation = transpose_shape(_data_shape(a, name), axes, name=name)
    return Result(np.transpose(np.asarray(a), None if axes is None else tuple(axes)), explanation)
