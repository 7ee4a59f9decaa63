"""Values known up to rounding: what ``np.exp``, a product of matrices of floats or the sum
of floats gives, whose last digits depend on the machine (its BLAS, its ``exp``) and on the
order of the sums, each kept with a bound on how far running the file may be from it.

They are never used where an exact value is asked (``x == 0.3``, an index, a shape): only
to decide what no rounding can change (``np.allclose(p.sum(axis=1), 1)`` when the sums are
0.6 and 1.4; ``p.argmax(axis=1)`` when the largest leads by more than the bounds; ``x > 0``
for numbers far from 0). An answer the bounds leave open is not known, as before.

The bound of each number is a running error analysis (Higham, *Accuracy and Stability of
Numerical Algorithms*, ch. 3): each operation adds the error of its operands, scaled by how
much the operation stretches it, and its own rounding, ``U`` of the result (a product of
matrices: ``n U`` of the sum of the magnitudes of its terms, in any order of the sums).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shapekit.engine._operands import Operand, array_value, size, written_count

#: the key of an operand's memo holding (values, bounds) known up to rounding
APPROX = "approx"
#: a number's rounding, with room to spare: twice float64's unit roundoff (2**-53) for a
#: correctly rounded operation, and libm's exp, log and tanh, within one ulp, fit it too
U = 4.5e-16
#: most elements whose values known up to rounding are kept
MAX_APPROX = 10_000


def approx(op: Operand) -> tuple[Any, Any] | None:
    """The values of ``op`` (floats) and a bound on how far running the file may give
    numbers from them (zeros for values known exactly); None when neither is known."""
    import numpy as np

    exact = array_value(op)
    if exact is not None:
        if exact.dtype.kind not in "iuf" or exact.size > MAX_APPROX:
            return None  # (np.exp of booleans computes in float16: not bounded here)
        if exact.dtype.kind != "b" and exact.dtype.itemsize < (8 if exact.dtype.kind == "f" else 4):
            return None  # (float32 rounds far coarser; np.sqrt of int8 gives float16)
        values = exact.astype(np.float64)
        if np.isnan(values).any():
            return None
        return values, np.zeros_like(values)
    if op.kind != "array" or op.made != written_count() or op.shape is None:
        return None
    found = op.memo.get(APPROX)
    if callable(found):  # worked out when first asked (most never are)
        found = op.memo[APPROX] = _checked(found(), op.shape)
    if found is None or found[0].shape != op.shape:
        return None  # (an operand replaced with another shape shares the memo: not used)
    return found


def _checked(found: tuple[Any, Any] | None, shape: Any) -> tuple[Any, Any] | None:
    """``found`` as values and bounds of ``shape``, finite numbers; else None."""
    import numpy as np

    if found is None:
        return None
    values, bounds = found
    values = np.asarray(values, dtype=np.float64)
    if values.shape != shape or values.size > MAX_APPROX:
        return None
    bounds = np.array(np.broadcast_to(bounds, values.shape), dtype=np.float64)
    if not np.isfinite(bounds).all() or np.isnan(values).any():
        return None
    if not (np.isfinite(values) | (bounds == 0)).all():
        return None  # (an infinity is kept only when exact: -np.log(0.0))
    return values, bounds


def approximated(made: Operand, work: Callable[[], tuple[Any, Any] | None]) -> Operand:
    """``made`` (an array without values, just made) with values known up to rounding, which ``work``
    works out when they are first asked (None when they are not finite numbers of its
    shape): the operands it reads are those of the moment ``made`` is made, since no array
    is written into before (else ``made``'s own are not used either)."""
    if made.kind != "array" or made.value is not None or made.shape is None:
        return made
    if size(made.shape) > MAX_APPROX:
        return made
    # ``made`` is the operand its operation has just made, held nowhere yet: completed in
    # place (a copy made by dataclasses.replace costs a tenth of a check's time here)
    made.made = written_count()
    made.memo = {APPROX: work}
    return made


def laid_again(made: Operand, base: Operand) -> Operand:
    """``made``, ``base``'s numbers in C order in another shape (``p.ravel()``,
    ``p.reshape(2, 3)``, ``p.flatten()``): known up to rounding as ``base``'s are."""
    if made is base or made.memo or made.shape is None or base.shape is None:
        return made
    if size(made.shape) != size(base.shape) or base.kind != "array":
        return made
    shape = made.shape

    def work() -> tuple[Any, Any] | None:
        import numpy as np

        found = approx(base)
        if found is None:
            return None
        values, bounds = found
        return values.reshape(shape), np.broadcast_to(bounds, values.shape).reshape(shape)

    return approximated(made, work)


def binary(op: str, operands: tuple[Operand, Operand]) -> tuple[Any, Any] | None:
    """``a + b``, ``a * b``, ``a @ b`` … of numbers known up to rounding."""
    import numpy as np

    left, right = approx(operands[0]), approx(operands[1])
    if left is None or right is None:
        return None
    (a, ea), (b, eb) = left, right
    with np.errstate(all="ignore"):
        try:
            if op in ("add", "sub"):
                r = a + b if op == "add" else a - b
                e = ea + eb + U * np.abs(r)
            elif op == "mul":
                r = a * b
                e = np.abs(a) * eb + np.abs(b) * ea + ea * eb + U * np.abs(r)
            elif op == "div":
                if not (np.abs(b) > eb).all():
                    return None  # (a divisor that may be 0)
                r = a / b
                e = (np.abs(a) * eb + np.abs(b) * ea) / (np.abs(b) * (np.abs(b) - eb))
                e = e + U * np.abs(r)
            elif op in ("maximum", "minimum"):
                r = np.maximum(a, b) if op == "maximum" else np.minimum(a, b)
                high = a - ea > b + eb  # (where one side wins whatever the rounding, its
                low = b - eb > a + ea  # own bound)
                first = high if op == "maximum" else low
                second = low if op == "maximum" else high
                e = np.where(first, ea, np.where(second, eb, np.maximum(ea, eb))) + 0 * r
            elif op in ("matmul", "dot"):
                product = np.matmul if op == "matmul" else np.dot
                if a.ndim == 0 or b.ndim == 0:
                    return None
                n = a.shape[-1]
                r = product(a, b)
                e = (
                    product(np.abs(a), eb)
                    + product(ea, np.abs(b))
                    + product(ea, eb)
                    + (n + 2) * U * product(np.abs(a), np.abs(b))
                )
            else:
                return None
        except (ValueError, TypeError, MemoryError, ArithmeticError):
            return None
    r, e = np.asarray(r), np.asarray(e)
    if not np.isfinite(r).all():  # (an infinity met by rounding: its bound says nothing)
        return None
    return r, e


def unary(name: str, op: Operand) -> tuple[Any, Any] | None:
    """``np.exp(x)``, ``np.log(x)`` … of numbers known up to rounding."""
    import numpy as np

    found = approx(op)
    if found is None:
        return None
    a, ea = found
    if not np.isfinite(a).all() and name not in (
        "negative",
        "abs",
        "absolute",
        "fabs",
        "isfinite",
        "isinf",
        "isnan",
    ):
        return None
    with np.errstate(all="ignore"):
        if name == "exp":
            r = np.exp(a)
            e = r * np.expm1(ea) + U * r
        elif name == "log":
            zero = (a == 0) & (ea == 0)  # log(0.0) is -inf, exactly, on any machine
            if not ((a - ea > 0) | zero).all():
                return None
            r = np.log(a)
            e = np.where(zero, 0.0, -np.log1p(-ea / np.where(zero, 1.0, a)) + U * np.abs(r))
        elif name == "sqrt":
            if not (a - ea >= 0).all():
                return None
            r = np.sqrt(a)
            e = ea / (np.sqrt(a - ea) + r + (ea == 0)) + U * r
        elif name == "tanh":
            r = np.tanh(a)
            e = ea + U
        elif name in ("negative", "abs", "absolute", "fabs"):
            r = -a if name == "negative" else np.abs(a)
            e = ea
        elif name in ("isfinite", "isinf", "isnan"):
            finite = np.isfinite(a)  # (an infinity kept is exact; a finite value's bound is)
            r = finite if name == "isfinite" else ~finite if name == "isinf" else finite & False
            return r, np.zeros(r.shape)
        elif name == "square":
            r = a * a
            e = 2 * np.abs(a) * ea + ea * ea + U * r
        else:
            return None
    return r, e


def reduced(name: str, found: tuple[Any, Any], given: dict[str, Any]) -> tuple[Any, Any] | None:
    """``x.sum(axis=…)``, ``x.mean(…)``, ``x.std(…)``, ``x.var(…)``, ``x.max(…)``,
    ``x.min(…)`` of numbers known up to rounding (``given``: the axis and keepdims NumPy is
    given)."""
    import numpy as np

    a, ea = found
    if not a.size:
        return None
    with np.errstate(all="ignore"):
        try:
            if name in ("sum", "mean"):
                r = np.sum(a, **given)
                count = a.size // max(np.asarray(r).size, 1)
                e = np.sum(ea, **given) + (count + 2) * U * np.sum(np.abs(a), **given)
                if name == "mean":
                    r, e = r / count, e / count + U * np.abs(r / count)
            elif name in ("std", "var"):  # the mean of squared distances to the mean
                count = a.size // max(np.asarray(np.sum(a, **given)).size, 1)
                if count == 0:
                    return None
                kept = {**given, "keepdims": True}
                m = np.sum(a, **kept) / count
                em = (np.sum(ea, **kept) + (count + 2) * U * np.sum(np.abs(a), **kept)) / count
                em = em + U * np.abs(m)
                d = a - m
                ed = ea + em + U * np.abs(d)
                sq = d * d
                esq = 2 * np.abs(d) * ed + ed * ed + U * sq
                r = np.sum(sq, **given) / count
                e = (np.sum(esq, **given) + (count + 2) * U * np.sum(sq, **given)) / count
                e = e + U * np.abs(r)
                if name == "std":
                    if not (r - e >= 0).all():
                        return None
                    root = np.sqrt(r)
                    e = e / (np.sqrt(np.maximum(r - e, 0)) + root + (e == 0)) + U * root
                    r = root
            elif name in ("max", "amax", "min", "amin"):
                r = (np.max if name in ("max", "amax") else np.min)(a, **given)
                e = np.where(np.isinf(r), 0.0, np.max(ea, **given))  # (an infinity met: exact)
            else:
                return None
        except (ValueError, TypeError, MemoryError, ArithmeticError):
            return None
    return np.asarray(r), np.asarray(e)


def norm(op: Operand, axes: tuple[int, ...] | None, keepdims: bool) -> tuple[Any, Any] | None:
    """``np.linalg.norm(x, axis=…)`` (no ``ord``) of numbers known up to rounding: the
    square root of the sum of their squares, its bound good for any order of the sum."""
    import numpy as np

    found = approx(op)
    if found is None:
        return None
    a, ea = found
    if a.dtype.kind not in "biuf" or not a.size or not np.isfinite(a).all():
        return None
    a, ea = a.astype(float), ea.astype(float)
    given: dict[str, Any] = {"keepdims": keepdims}
    if axes is not None:
        given["axis"] = axes
    with np.errstate(all="ignore"):
        try:
            sq = a * a
            esq = 2 * np.abs(a) * ea + ea * ea + U * sq
            r = np.sum(sq, **given)
            count = a.size // max(np.asarray(r).size, 1)
            e = np.sum(esq, **given) + (count + 2) * U * r
            root = np.sqrt(r)
            e = e / (np.sqrt(np.maximum(r - e, 0)) + root + (e == 0)) + U * root
        except (ValueError, TypeError, MemoryError, ArithmeticError):
            return None
    if not (np.isfinite(root).all() and np.isfinite(e).all()):
        return None
    return np.asarray(root), np.asarray(e)


def picked(name: str, found: tuple[Any, Any], axis: int | None) -> Any:
    """``x.argmax(axis=…)`` (or argmin) of numbers known up to rounding, when in every row
    the one picked leads all others by more than their bounds (no rounding changes it); else
    None."""
    import numpy as np

    a, ea = found
    if not a.size:
        return None
    sign = 1.0 if name == "argmax" else -1.0
    if axis is None:
        values, bounds = (sign * a).reshape(-1), ea.reshape(-1)
    else:
        values, bounds = np.moveaxis(sign * a, axis, -1), np.moveaxis(ea, axis, -1)
    best = np.argmax(values, axis=-1)
    top = np.take_along_axis(values, np.expand_dims(best, -1), -1)
    top_bound = np.take_along_axis(bounds, np.expand_dims(best, -1), -1)
    others = np.ones(values.shape, dtype=bool)
    np.put_along_axis(others, np.expand_dims(best, -1), False, -1)
    lead = (top - top_bound) > (values + bounds)
    if not (lead | ~others).all():
        return None
    return np.asarray(best)


def close(name: str, a: Operand, b: Operand, rtol: float, atol: float) -> Any:
    """``np.isclose(a, b)`` (bools) or ``np.allclose`` (one bool) of numbers known up to
    rounding, when no rounding changes it; else None."""
    import numpy as np

    left, right = approx(a), approx(b)
    if left is None or right is None:
        return None
    (x, ex), (y, ey) = left, right
    try:
        shape = np.broadcast_shapes(x.shape, y.shape)
    except ValueError:
        return None
    with np.errstate(all="ignore"):
        gap = np.abs(x - y)
        slack = ex + ey
        smallest = atol + rtol * np.maximum(np.abs(y) - ey, 0)
        largest = atol + rtol * (np.abs(y) + ey)
        surely = np.broadcast_to(gap + slack * 1.001 < smallest, shape)
        surely_not = np.broadcast_to(gap - slack * 1.001 > largest, shape)
    if name == "allclose":
        if surely.all():
            return True
        return False if surely_not.any() else None
    if not (surely | surely_not).all():
        return None
    return np.asarray(surely)


def compared(ufunc: str, a: Operand, b: Operand) -> Any:
    """``a > b``, ``a <= b`` … of numbers known up to rounding, when no rounding changes
    any of them (bools); else None."""
    import numpy as np

    left, right = approx(a), approx(b)
    if left is None or right is None:
        return None
    (x, ex), (y, ey) = left, right
    with np.errstate(all="ignore"):
        try:
            apart = np.abs(x - y) > (ex + ey) * 1.001 + 1e-300
            apart |= (ex == 0) & (ey == 0)  # (two numbers known exactly)
        except ValueError:
            return None
        if not apart.all():
            return None  # (two numbers that may be equal, or in the other order)
        return np.asarray(getattr(np, ufunc)(x, y))


def indexed(base: Operand, index: Operand) -> tuple[Any, Any] | None:
    """``base[index]`` of an array known up to rounding, for an index of whole numbers,
    slices, ``None`` and ``...`` (each element is one of ``base``'s, its bound too)."""
    found = approx(base)
    key = _python_index(index)
    if found is None or key is _NOT_AN_INDEX:
        return None
    values, bounds = found
    try:
        return values[key], bounds[key]
    except (IndexError, TypeError, ValueError):
        return None


_NOT_AN_INDEX = object()


def _python_index(index: Operand, depth: int = 0) -> Any:
    """The Python object of a basic index written with known numbers, else _NOT_AN_INDEX."""
    if index.kind == "number" and type(index.value) is int:
        return index.value
    if index.kind == "none":
        return None
    if index.kind == "other" and isinstance(index.value, slice):
        return index.value
    if index.kind == "other" and index.value is Ellipsis:
        return Ellipsis
    if index.kind == "tuple" and depth == 0 and index.items is not None:
        parts = tuple(_python_index(item, 1) for item in index.items)
        return _NOT_AN_INDEX if any(p is _NOT_AN_INDEX for p in parts) else parts
    return _NOT_AN_INDEX
