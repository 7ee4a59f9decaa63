"""Explanations: the ordered steps by which an operation's result shape is found.

An :class:`Explanation` is data (which rule, which dimensions, did they fit)
that also knows how to say itself in words, as JSON, and in Jupyter.

>>> step = Step("inner dimensions", (4, 4), True, "the inner dimensions 4 and 4 match")
>>> print(Explanation("matmul", ((5, 4), (4, 7)), "(5, 4) @ (4, 7)", (step,), None))
(5, 4) @ (4, 7): the inner dimensions 4 and 4 match
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

__all__ = ["RULES", "Explanation", "Step", "format_shape"]

Shape = tuple[int, ...]

#: every rule name a step may carry, with what it means
RULES: dict[str, str] = {
    "inner dimensions": "the dimensions summed over by a dot or matrix product must be equal",
    "right-aligned broadcasting": "element-wise shapes are compared from the right; "
    "equal, 1 or missing dimensions fit",
    "batch dimensions": "matmul broadcasts the dimensions before the last two",
    "1-D promotion": "matmul treats a 1-D operand as a row (left) or a column (right)",
    "1-D removal": "the dimension added by 1-D promotion is removed from the result",
    "scalar": "a 0-D operand multiplies or combines with every element",
    "transpose": "transposition reorders the dimensions",
    "conversion": "np.array / np.asarray keep the shape",
    "result": "how the result's shape is assembled",
}


def format_shape(shape: Shape | None) -> str:
    """Write a shape the way NumPy prints it.

    >>> format_shape((5, 7)), format_shape((3,)), format_shape(())
    ('(5, 7)', '(3,)', '()')
    """
    if shape is None:
        return "(no shape)"
    return str(tuple(int(d) for d in shape))


@dataclass(frozen=True)
class Step:
    """One rule applied: its name, the dimensions it compared, whether they fit.

    ``rule`` is a key of :data:`RULES`; ``dims`` the dimensions compared (for a
    ``result`` step, the shape produced); ``text`` the sentence a learner reads.

    >>> Step("inner dimensions", (4, 3), False, "the inner dimensions 4 and 3 do not match").ok
    False
    """

    rule: str
    dims: tuple[int | None, ...]
    ok: bool
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data.

        >>> Step("result", (5, 7), True, "the result: (5, 7)").to_dict()["dims"]
        [5, 7]
        """
        return {"rule": self.rule, "dims": list(self.dims), "ok": self.ok, "text": self.text}


@dataclass(frozen=True)
class Explanation:
    """How one operation's result shape comes about (or where it fails).

    ``op`` is ``"matmul"``, ``"dot"``, ``"add"``, ``"sub"``, ``"mul"``,
    ``"transpose"`` or ``"array"``; ``operands`` their shapes; ``header`` the
    operation written with shapes (``(5, 4) @ (4, 7)``); ``steps`` in order;
    ``shape`` the result, or ``None`` when a step failed.

    >>> from shapekit.engine.ops import matmul_shapes
    >>> e = matmul_shapes((5, 4), (4, 7))
    >>> e.shape, [s.rule for s in e.steps]
    ((5, 7), ['inner dimensions', 'result'])
    """

    op: str
    operands: tuple[Shape, ...]
    header: str
    steps: tuple[Step, ...]
    shape: Shape | None

    @property
    def ok(self) -> bool:
        """True when every step fits and there is a result shape."""
        return self.shape is not None

    @property
    def text(self) -> str:
        """The explanation as one sentence (same as ``str()``)."""
        return f"{self.header}: " + "; ".join(step.text for step in self.steps)

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """The explanation as JSON-ready data.

        >>> from shapekit.engine.ops import transpose_shape
        >>> transpose_shape((3,)).to_dict()["text"]
        '(3,).T: transposing a 1-D array does nothing: (3,)'
        """
        return {
            "op": self.op,
            "operands": [list(s) for s in self.operands],
            "shape": list(self.shape) if self.shape is not None else None,
            "ok": self.ok,
            "text": self.text,
            "steps": [step.to_dict() for step in self.steps],
        }

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)

    def _repr_html_(self) -> str:
        result = format_shape(self.shape) if self.ok else "fails"
        items = "".join(
            f'<li style="color:{"inherit" if s.ok else "#b00"}">'
            f"{'&#10003;' if s.ok else '&#10007;'} <i>{html.escape(s.rule)}</i>: "
            f"{html.escape(s.text)}</li>"
            for s in self.steps
        )
        return (
            f'<div class="shapekit-explanation"><code>{html.escape(self.header)}</code>'
            f" &rarr; <b>{html.escape(result)}</b><ol>{items}</ol></div>"
        )
