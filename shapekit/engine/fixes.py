"""Fixes for a failing operation, each checked to work, and how operations are written.

:func:`transpose_text` and :func:`operation_text` write an operation on its operands' texts as
NumPy code, with the parentheses that precedence needs. :func:`suggest_fixes` tries the usual
corrections of a binary operation (transpose an operand, swap them) on shapes and keeps those
NumPy's rules accept; :func:`rewrite_candidates` makes the same corrections inside a whole
expression (:func:`shapekit.explain` checks each by explaining it again).

>>> suggest_fixes("add", (3, 4), (3,), "x", "b")
[Suggestion('x.T + b', shape=(4, 3))]
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from typing import TypeVar

from shapekit.engine._binops import BINARY_OPS, RULES, as_shape
from shapekit.errors import Suggestion

__all__ = [
    "fewest_edits",
    "operation_text",
    "rewrite_candidates",
    "suggest_fixes",
    "transpose_text",
]

T = TypeVar("T")

_PRECEDENCE = {
    ast.Add: 10,
    ast.Sub: 10,
    ast.Mult: 11,
    ast.MatMult: 11,
    ast.Div: 11,
    ast.FloorDiv: 11,
    ast.Mod: 11,
    ast.Pow: 13,
}
_SYMBOL_PRECEDENCE = {"+": 10, "-": 10, "*": 11, "@": 11, "/": 11, "//": 11, "%": 11, "**": 13}


def _is_wrapped(text: str) -> bool:
    """True when ``text`` is entirely inside one pair of parentheses."""
    text = text.strip()
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i == len(text) - 1
    return False


def _parse(text: str) -> ast.expr | None:
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def transpose_text(text: str) -> str:
    """Write ``.T`` on an operand, parenthesising it when it is an expression; an operand
    already transposed loses its ``.T`` (``weights.T.T`` is ``weights``).

    >>> transpose_text("weights"), transpose_text("np.array(w)"), transpose_text("a @ b")
    ('weights.T', 'np.array(w).T', '(a @ b).T')
    >>> transpose_text("weights.T"), transpose_text("(a @ b).T")
    ('weights', '(a @ b)')
    """
    text = text.strip()
    node = _parse(text)
    if isinstance(node, ast.Attribute) and node.attr == "T" and text.endswith(".T"):
        return text[:-2].rstrip()
    atomic = isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.List))
    return f"{text}.T" if atomic or _is_wrapped(text) else f"({text}).T"


def _column(text: str, sequence: bool, module: str | None) -> str | None:
    """``text`` (a 1-D operand) as a column, ``[:, None]``: one number per row of the
    other operand (a list is made an array first, with ``module``).

    >>> _column("norms", False, "np"), _column("a + b", False, "np"), _column("[1, 2]", True, "np")
    ('norms[:, None]', '(a + b)[:, None]', 'np.array([1, 2])[:, None]')
    """
    text = text.strip()
    if sequence:
        return None if module is None else f"{module}.array({text})[:, None]"
    node = _parse(text)
    atomic = isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript))
    return f"{text}[:, None]" if atomic or _is_wrapped(text) else f"({text})[:, None]"


def _operand(text: str, symbol: str, side: str) -> str:
    """``text`` as the ``side`` operand of ``symbol``, in parentheses if precedence needs them."""
    text = text.strip()
    node = _parse(text)
    if node is None and not _is_wrapped(text):
        return f"({text})"
    if isinstance(node, ast.BinOp) and not _is_wrapped(text):
        mine, theirs = _PRECEDENCE.get(type(node.op), 0), _SYMBOL_PRECEDENCE[symbol]
        if mine < theirs or (mine == theirs and side == "right"):
            return f"({text})"
    return text


def operation_text(op: str, a_text: str, b_text: str) -> str:
    """Write a binary operation on two operand texts, as NumPy code.

    >>> operation_text("matmul", "x + y", "w"), operation_text("dot", "a", "b.T")
    ('(x + y) @ w', 'np.dot(a, b.T)')
    """
    symbol = BINARY_OPS[op]
    if op == "dot":
        return f"np.dot({a_text.strip()}, {b_text.strip()})"
    return f"{_operand(a_text, symbol, 'left')} {symbol} {_operand(b_text, symbol, 'right')}"


#: the candidate that makes the edits of both single transposes
BOTH_TRANSPOSED = "transpose both operands"
_ONE_TRANSPOSED = frozenset({"transpose the left operand", "transpose the right operand"})


def fewest_edits(fixes: list[T], note: Callable[[T], str]) -> list[T]:
    """The working fixes to offer (``note`` gives what each changed): transposing both
    operands only when transposing one does not work (with a square operand, ``a.T @ w.T``
    also computes where ``a @ w.T`` does, and its ``.T`` of ``a`` is no repair but a change
    of meaning).

    >>> fewest_edits(["transpose the right operand", "transpose both operands"], str)
    ['transpose the right operand']
    >>> fewest_edits(["transpose both operands", "swap the operands"], str)
    ['transpose both operands', 'swap the operands']
    """
    single = any(note(fix) in _ONE_TRANSPOSED for fix in fixes)
    return [fix for fix in fixes if not (single and note(fix) == BOTH_TRANSPOSED)]


def suggest_fixes(
    op: str, a_shape: Sequence[int], b_shape: Sequence[int], a_text: str = "a", b_text: str = "b"
) -> list[Suggestion]:
    """Fixes for a failing binary operation that the shape algebra accepts, with their shapes.

    Tried in order: transpose the right operand, the left, both, and (for ``matmul`` and
    ``dot``) swap the operands. Transposing an operand with fewer than 2 dimensions does
    nothing, so it is not tried. Each suggestion's ``expr`` is NumPy code written with
    ``a_text`` and ``b_text``; its ``shape`` the result shape; its ``note`` what changed.

    >>> suggest_fixes("matmul", (3, 4), (3, 4), "inputs", "weights")
    [Suggestion('inputs @ weights.T', shape=(3, 3)), Suggestion('inputs.T @ weights', shape=(4, 4))]
    """
    a, b = as_shape(a_shape), as_shape(b_shape)
    ta, tb = transpose_text(a_text), transpose_text(b_text)
    candidates = []
    if len(b) >= 2:
        candidates.append((a, b[::-1], a_text, tb, "transpose the right operand"))
    if len(a) >= 2:
        candidates.append((a[::-1], b, ta, b_text, "transpose the left operand"))
    if len(a) >= 2 and len(b) >= 2:
        candidates.append((a[::-1], b[::-1], ta, tb, "transpose both operands"))
    if op in ("matmul", "dot"):
        candidates.append((b, a, b_text, a_text, "swap the operands"))
    fixes: list[Suggestion] = []
    for x, y, x_text, y_text, note in candidates:
        explanation, failure = RULES[op](x, y, (x_text, y_text))
        if failure is None and explanation.shape is not None:
            fix = Suggestion(operation_text(op, x_text, y_text), explanation.shape, note)
            if fix not in fixes:
                fixes.append(fix)
    return fewest_edits(fixes, lambda fix: fix.note)


def rewrite_candidates(
    text: str,
    op: str,
    regions: list[tuple[int, int]],
    ndims: tuple[int, int],
    wrap_left: bool,
    sequences: tuple[bool, bool] = (False, False),
    module: str | None = "np",
) -> list[tuple[str, str]]:
    """Whole corrected expressions (unverified) with notes: transposes, then a swap.

    ``regions`` are where the left and right operands of the failing ``op`` are written in
    ``text``, ``ndims`` their numbers of dimensions; ``wrap_left`` puts the left operand in
    parentheses when a swap moves it to the right (an operation of the same precedence).
    An operand that is a Python list or tuple (``sequences``) has no ``.T``: it is transposed
    as ``np.array(...).T``, written with ``module`` (the name NumPy is imported as), or not
    at all when ``module`` is ``None``.

    >>> fixes = rewrite_candidates("x @ w + b", "matmul", [(0, 1), (4, 5)], (2, 1), False)
    >>> [text for text, note in fixes]
    ['x.T @ w + b', 'w @ x + b']
    >>> rewrite_candidates("x - [[1, 2, 3]]", "sub", [(0, 1), (4, 15)], (1, 2), False,
    ...                    sequences=(False, True))[0][0]
    'x - np.array([[1, 2, 3]]).T'
    """
    (ls, le), (rs, re) = regions
    lt, rt = text[ls:le], text[rs:re]

    def transposed(operand: str, sequence: bool) -> str | None:
        if not sequence:
            return transpose_text(operand)
        return None if module is None else f"{module}.array({operand.strip()}).T"

    tl, tr = transposed(lt, sequences[0]), transposed(rt, sequences[1])
    edits: list[tuple[list[tuple[int, int, str]], str]] = []
    if ndims[1] >= 2 and tr is not None:
        edits.append(([(rs, re, tr)], "transpose the right operand"))
    if ndims[0] >= 2 and tl is not None:
        edits.append(([(ls, le, tl)], "transpose the left operand"))
    if ndims[0] >= 2 and ndims[1] >= 2 and tl is not None and tr is not None:
        edits.append(([(ls, le, tl), (rs, re, tr)], "transpose both operands"))
    if op in ("matmul", "dot"):
        moved = f"({lt})" if wrap_left else lt
        edits.append(([(ls, le, rt), (rs, re, moved)], "swap the operands"))
    elif ndims in ((1, 2), (2, 1)):  # x / norms: one number per row, as a column
        side, (start, end), sequence = (
            (rt, regions[1], sequences[1]) if ndims[1] == 1 else (lt, regions[0], sequences[0])
        )
        made = _column(side, sequence, module)
        if made is not None:
            edits.append(([(start, end, made)], "make the 1-D operand a column"))
    out = []
    for changes, note in edits:
        rewritten = text
        for start, end, new in sorted(changes, reverse=True):
            rewritten = rewritten[:start] + new + rewritten[end:]
        out.append((rewritten, note))
    return out
