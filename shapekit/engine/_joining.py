"""Joining and repeating arrays: ``np.concatenate``, ``np.stack``, ``np.vstack``, ``np.hstack``,
``np.column_stack``, ``np.append`` and ``np.tile``, with NumPy's rules and its refusals.

Each gives the walker of ``shapekit.engine._expressions`` the operand of the call (reached
through ``shapekit.engine._numpy_api``). The shapes follow NumPy exactly: ``vstack`` makes
every operand at least 2-D (a vector ``(n,)`` is the row ``(1, n)``), ``hstack`` joins 1-D
operands end to end and anything else along axis 1, ``np.append`` without ``axis`` flattens
both. What NumPy refuses (sizes that differ off the joined axis, a different number of
dimensions, an axis out of bounds, nothing to join) raises the walker's ``Refused`` with
NumPy's reason in plain words, and so does Python's refusal of the arrays given as separate
arguments (``np.vstack(a, b)``, ``np.concatenate(a, b)``: a TypeError, with the fix
``np.vstack((a, b))``); what is not known gives an unknown.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from shapekit.engine._objects import DICT_VIEW
from shapekit.engine._operands import (
    ONE_SHOT,
    Operand,
    array,
    array_shape,
    dtype_of,
    items_of,
    promoted,
    size,
)
from shapekit.errors import MismatchError, ShapeError

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

Shape = tuple[int, ...]
Args = list[Operand]
Kwargs = dict[str, Operand]

#: the functions of this module, by their name under ``numpy``
JOINING = frozenset({"concatenate", "stack", "vstack", "hstack", "column_stack", "append", "tile"})


def joined(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """The operand of ``np.<name>(...)`` for a function of :data:`JOINING`."""
    if name == "append":
        return _append(w, node, args, kwargs)
    if name == "tile":
        return _tile(w, node, args, kwargs)
    check_one_sequence(w, node, name, args)
    sequence = args[0] if args else kwargs.get("arrays", kwargs.get("tup"))
    items = None if sequence is None else items_of(sequence)
    if items is None or sequence is None or sequence.kind not in ("list", "tuple", "array"):
        return w.cannot(node)
    where = node.args[0] if node.args else node
    shapes = [_shape(w, where, item) for item in items]
    if any(s is None for s in shapes):
        return w.cannot(node)
    known = [s for s in shapes if s is not None]
    kind = _kind(items)
    if name in ("concatenate", "stack"):
        given = args[1] if len(args) > 1 else kwargs.get("axis")
        axis: int | None = 0
        if given is not None:
            if given.kind == "none":
                axis = None
            elif given.kind == "number" and type(given.value) is int:
                axis = given.value
            else:
                return w.cannot(node)
        if name == "stack":
            if axis is None:
                return w.cannot(node)
            return array(_stack(w, node, known, axis), dtype=kind)
        return array(concatenate(w, node, known, axis), dtype=kind)
    if name == "vstack":
        return array(concatenate(w, node, [_at_least_2d(s) for s in known], 0), dtype=kind)
    if name == "hstack":
        ones = [s if s else (1,) for s in known]
        axis = 0 if ones and len(ones[0]) == 1 else 1
        return array(concatenate(w, node, ones, axis), dtype=kind)
    columns = [s if len(s) >= 2 else (s[0] if s else 1, 1) for s in known]  # column_stack
    return array(concatenate(w, node, columns, 1), dtype=kind)


#: Python's functions that make an iterator, whatever they are given
_ITERATOR_MAKERS = frozenset(
    {"builtins.map", "builtins.filter", "builtins.zip", "builtins.enumerate", "builtins.reversed",
     "builtins.iter", "itertools.islice", "itertools.cycle", "itertools.chain"}
)  # fmt: skip


def _makes_an_iterator(w: Walker, written: ast.expr) -> bool:
    """Whether ``written`` is a call of one of Python's functions that make an iterator
    (``map(np.ones, sizes)``: what it gives is not followed, but it is an iterator)."""
    callee = w.plain_callee(written.func) if isinstance(written, ast.Call) else None
    return callee is not None and callee.kind == "function" and callee.name in _ITERATOR_MAKERS


def check_one_sequence(w: Walker, node: ast.Call, name: str, args: Args) -> None:
    """``np.vstack(a, b)``: the arrays to join are one argument, a tuple or list of them;
    given apart, Python refuses the call (a TypeError) and the fix is ``np.vstack((a, b))``
    (the walker's ``Refused``; nothing when the call is not of that form). A generator
    (``np.stack(r @ w.T for r in x)``) is refused too: NumPy wants a list or tuple."""
    first = node.args[0] if node.args else None
    generator = isinstance(first, ast.GeneratorExp) and args and args[0].kind in ("iter", "unknown")
    iterator = (
        first is not None
        and not isinstance(first, (ast.Starred, ast.GeneratorExp))
        and args
        and (
            (args[0].kind == "iter" and args[0].name in (*ONE_SHOT, DICT_VIEW))
            or (args[0].kind in ("unknown", "iter") and _makes_an_iterator(w, first))
        )
    )  # np.vstack(map(f, rows)), np.concatenate(d.values()): no sequence either
    if first is not None and (generator or iterator):
        lo, hi = w.span(first)
        inner = w.text[lo:hi]
        if generator:
            inner = inner[1:-1] if inner.startswith("(") and inner.endswith(")") else inner
            given, listed = "a generator", f"[{inner}]"
            shown = f"[{' '.join(inner.split())}]"
        else:
            made = args[0].name or w.short(first.func) if isinstance(first, ast.Call) else ""
            given, listed, shown = f"an iterator ({made})", f"list({inner})", "list(...)"
        why = (
            "The first input argument needs to be a sequence"
            if name == "concatenate"
            else 'arrays to stack must be passed as a "sequence" type such as list or tuple.'
        )
        raise w.refuse(
            node,
            "call",
            f"np.{name} is given {given}, and NumPy wants the arrays in a list or tuple "
            f"(a TypeError: {why}); write np.{name}({shown})",
            w.replacing(lo, hi, listed, "the arrays in a list") if len(node.args) == 1 else None,
            raises="TypeError",
        )
    # np.vstack(*outs): the list unpacked gives the arrays apart too (its fix drops the *)
    starred = len(node.args) == 1 and isinstance(node.args[0], ast.Starred)
    if len(args) < 2 or (len(args) != len(node.args) and not starred):
        return
    if not starred and any(isinstance(a, ast.Starred) for a in node.args):
        return
    if name in ("concatenate", "stack"):  # the second argument is taken for the axis
        second = args[1]
        second_text = (
            f"(the second item of {w.source(node.args[0].value)})"  # type: ignore[attr-defined]
            if starred
            else w.source(node.args[1])
        )
        found = array_shape(second) if second.kind == "array" else None
        if second.kind in ("list", "tuple"):
            why = f"'{second.kind}' object cannot be interpreted as an integer"
        elif second.kind == "array" and isinstance(found, tuple) and found:
            why = "only integer scalar arrays can be converted to a scalar index"
        elif second.kind == "number" and type(second.value) is float:
            why = "'float' object cannot be interpreted as an integer"
        else:
            return
        reason = (
            f"np.{name} takes the arrays as one argument, a tuple or list, and its second "
            f"argument {second_text} is taken for the axis (Python raises a "
            f"TypeError: {why})"
        )
    elif name in ("vstack", "hstack", "column_stack"):
        reason = (
            f"np.{name} takes the arrays as one argument, a tuple or list (Python raises a "
            f"TypeError: {name}() takes 1 positional argument but {len(args)} were given)"
        )
    else:
        return
    lo, hi = w.span(node.args[0])[0], w.span(node.args[-1])[1]
    if starred:
        assert isinstance(node.args[0], ast.Starred)
        together = w.source(node.args[0].value)
        unpacked = node.args[0].value  # a list or tuple (not zip(...), no sequence)
        candidates = (
            w.replacing(lo, hi, together, "the list itself, not unpacked")
            if isinstance(unpacked, (ast.Name, ast.List, ast.Tuple, ast.Attribute))
            else None
        )
    else:
        together = f"({w.text[lo:hi]})"
        candidates = w.replacing(lo, hi, together, "the arrays as one tuple")
    call_lo, call_hi = w.span(node)
    fixed = w.text[call_lo:lo] + together + w.text[hi:call_hi]
    shown = f"; write {fixed}" if "\n" not in fixed and len(fixed) <= 60 else ""
    raise w.refuse(node, "call", reason + shown, candidates, raises="TypeError")


def concatenate(w: Walker, node: ast.AST, shapes: list[Shape], axis: int | None) -> Shape:
    """The shape ``np.concatenate`` gives arrays of ``shapes`` along ``axis`` (None: all of
    them flattened), or the walker's ``Refused`` with NumPy's reason."""
    if not shapes:
        raise _refuse(w, node, "concatenate", "there is nothing to join (an empty list of arrays)")
    if axis is None:
        return (sum(size(s) for s in shapes),)
    first = shapes[0]
    ndim = len(first)
    if ndim == 0:
        raise _refuse(
            w, node, "concatenate", "a single number (a 0-D array) cannot be joined to anything"
        )
    if not -ndim <= axis < ndim:
        raise _refuse(
            w, node, "axis", f"axis {axis} is out of bounds for arrays of dimension {ndim}"
        )
    axis %= ndim
    for index, other in enumerate(shapes[1:], start=1):
        if len(other) != ndim:
            raise _refuse(
                w,
                node,
                "concatenate",
                f"the arrays must have the same number of dimensions, but the array at "
                f"index 0 has {ndim} and the array at index {index} has {len(other)}",
            )
        for dim in range(ndim):
            if dim != axis and other[dim] != first[dim]:
                raise _refuse(
                    w,
                    node,
                    "concatenate",
                    f"joined along axis {axis}, the arrays must have the same size along every "
                    f"other axis, but along axis {dim} the array at index 0 has size "
                    f"{first[dim]} and the array at index {index} has size {other[dim]}",
                )
    return (*first[:axis], sum(s[axis] for s in shapes), *first[axis + 1 :])


def _stack(w: Walker, node: ast.AST, shapes: list[Shape], axis: int) -> Shape:
    if not shapes:
        raise _refuse(w, node, "stack", "there is nothing to stack (an empty list of arrays)")
    first = shapes[0]
    for index, other in enumerate(shapes[1:], start=1):
        if other != first:
            raise _refuse(
                w,
                node,
                "stack",
                f"np.stack needs arrays of one shape, but the array at index 0 has the shape "
                f"{first} and the array at index {index} has {other}",
            )
    ndim = len(first) + 1
    if not -ndim <= axis < ndim:
        raise _refuse(w, node, "axis", f"axis {axis} is out of bounds for the result's {ndim} axes")
    axis %= ndim
    return (*first[:axis], len(shapes), *first[axis:])


def _refuse(w: Walker, node: ast.AST, op: str, reason: str) -> Exception:
    """What NumPy refuses, with the call shown on one line (the problem is located anyway)."""
    from shapekit.engine._expressions import Refused

    text = w.source(node)
    shown = text if "\n" not in text and len(text) <= 60 else w.short(node)
    return Refused(MismatchError(f"cannot compute {shown}: {reason}", op=op), node)


def _at_least_2d(shape: Shape) -> Shape:
    if len(shape) >= 2:
        return shape
    return (1, shape[0]) if shape else (1, 1)


def _shape(w: Walker, where: ast.AST, item: Operand) -> Shape | None:
    found = array_shape(item)
    if isinstance(found, ShapeError):
        raise w.not_an_array(where, found)
    return found


def _kind(items: tuple[Operand, ...]) -> str | None:
    kinds = [dtype_of(item) for item in items]
    if not kinds:
        return "f"
    kind = kinds[0]
    for other in kinds[1:]:
        kind = promoted(kind, other)
    return kind


def _append(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    base = args[0] if args else kwargs.get("arr")
    values = args[1] if len(args) > 1 else kwargs.get("values")
    axis = args[2] if len(args) > 2 else kwargs.get("axis")
    if base is None or values is None:
        return w.cannot(node)
    where = [node.args[i] if i < len(node.args) else node for i in (0, 1)]
    shapes = [_shape(w, where[0], base), _shape(w, where[1], values)]
    known = [s for s in shapes if s is not None]
    if len(known) < 2:
        return w.cannot(node)
    kind = promoted(dtype_of(base), dtype_of(values))
    if axis is None or axis.kind == "none":
        return array(concatenate(w, node, known, None), dtype=kind)
    if axis.kind != "number" or type(axis.value) is not int:
        return w.cannot(node)
    return array(concatenate(w, node, known, axis.value), dtype=kind)


def _tile(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    from shapekit.engine._numpy_api import _ints

    base = args[0] if args else kwargs.get("A")
    reps = args[1] if len(args) > 1 else kwargs.get("reps")
    if base is None or reps is None:
        return w.cannot(node)
    shape = _shape(w, node.args[0] if node.args else node, base)
    times = _ints(reps)
    if shape is None or times is None:
        return w.cannot(node)
    if any(t < 0 for t in times):
        raise _refuse(w, node, "tile", "negative repetitions are not allowed")
    padded = (1,) * max(0, len(times) - len(shape)) + shape
    times = (1,) * (len(padded) - len(times)) + times
    return array(tuple(d * t for d, t in zip(padded, times, strict=True)), dtype=dtype_of(base))


__all__ = ["JOINING", "check_one_sequence", "concatenate", "joined"]
