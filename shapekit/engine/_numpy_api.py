"""NumPy's functions and methods as the program interpreter follows them: result shapes.

:func:`attribute`, :func:`subscript` and :func:`call` give the operand of ``x.attr``,
``x[i]`` and ``f(...)`` for the walker of ``shapekit.engine._expressions``: array creation
(``np.zeros``, ``np.random.randn``, ``rng.normal`` …), conversion, ``.T``/``transpose``,
``reshape`` (with ``-1``), reductions (``sum``, ``mean``, ``argmax`` … with ``axis`` and
``keepdims``), element-wise functions, the binary ones (``np.dot``, ``np.maximum`` …) and a
few of Python's built-ins (``len``, ``range``, ``zip``, ``list`` …). A call that NumPy would
refuse raises the walker's ``Refused``; one it does not know gives an unknown.
"""

from __future__ import annotations

import ast
import math
from dataclasses import replace
from typing import TYPE_CHECKING

from shapekit.engine import ops
from shapekit.engine._operands import (
    Operand,
    array,
    array_shape,
    array_value,
    describe,
    dtype_of,
    from_python,
    items_of,
    length,
    new_ident,
    number,
    sequence,
    size,
    unknown,
)
from shapekit.engine.explanation import format_shape
from shapekit.errors import ShapeError

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

Shape = tuple[int, ...]
Args = list[Operand]
Kwargs = dict[str, Operand]

SUBMODULES = frozenset({"numpy.random", "numpy.linalg"})
CONSTANTS = {"numpy.pi": math.pi, "numpy.e": math.e, "numpy.inf": math.inf, "numpy.nan": math.nan}
CREATION = frozenset({"zeros", "ones", "empty", "full"})
LIKE = frozenset({"zeros_like", "ones_like", "empty_like", "full_like"})
CONVERSION = frozenset({"array", "asarray", "asanyarray", "copy", "ascontiguousarray"})
ELEMENTWISE = frozenset(
    {
        "exp", "log", "log2", "log10", "log1p", "expm1", "tanh", "sqrt", "abs", "absolute",
        "square", "sign", "sin", "cos", "tan", "negative", "floor", "ceil", "round", "around",
        "rint", "sinh", "cosh", "reciprocal", "isnan", "isfinite",
    }
)  # fmt: skip
BINARY_FUNCTIONS = {
    "dot": "dot",
    "matmul": "matmul",
    "add": "add",
    "subtract": "sub",
    "multiply": "mul",
    "divide": "div",
    "true_divide": "div",
    "power": "pow",
    "maximum": "maximum",
    "minimum": "minimum",
}
#: element-wise functions whose results are floats whatever numbers they are given
FLOAT_RESULTS = frozenset(
    {
        "exp",
        "log",
        "log2",
        "log10",
        "log1p",
        "expm1",
        "tanh",
        "sqrt",
        "sin",
        "cos",
        "tan",
        "sinh",
        "cosh",
    }
)
REDUCTIONS = frozenset(
    {"sum", "mean", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var", "prod"}
)
RANDOM_SHAPED = frozenset({"randn", "rand"})
RANDOM_SIZED = {  # parameters before size
    "random": (),
    "random_sample": (),
    "standard_normal": (),
    "normal": ("loc", "scale"),
    "uniform": ("low", "high"),
    "randint": ("low", "high"),
    "integers": ("low", "high"),
}
ARRAY_ATTRIBUTES = frozenset(
    {"T", "shape", "ndim", "size", "reshape", "transpose", "dot", "flatten", "ravel", "astype"}
    | REDUCTIONS
)
#: what a Python int or float has (anything else is an AttributeError)
NUMBER_ATTRIBUTES = frozenset(
    {"real", "imag", "conjugate", "is_integer", "hex", "as_integer_ratio", "bit_length",
     "bit_count", "to_bytes", "numerator", "denominator", "fromhex", "from_bytes"}
)  # fmt: skip
LIST_METHODS = frozenset({"append", "extend", "copy", "pop", "insert", "remove", "index", "count"})
KNOWN_FUNCTIONS = (
    CREATION | LIKE | CONVERSION | ELEMENTWISE | REDUCTIONS | set(BINARY_FUNCTIONS)
    | {"arange", "eye", "identity", "expand_dims", "transpose", "reshape", "shape", "ndim",
       "size", "linspace", "random.seed", "random.default_rng"}
    | {f"random.{name}" for name in RANDOM_SHAPED | set(RANDOM_SIZED)}
)  # fmt: skip


def attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """The operand of ``base.attr``."""
    attr = node.attr
    if base.kind in ("unknown", "error"):
        return base
    if base.kind == "module":
        full = f"{base.name}.{attr}"
        if full in SUBMODULES:
            return Operand("module", name=full)
        if full in CONSTANTS:
            return number(CONSTANTS[full])
        if full == "numpy.newaxis":
            return from_python(None)
        if full.removeprefix("numpy.") in KNOWN_FUNCTIONS:
            return Operand("function", name=full)
        return w.cannot(node, "which shapekit does not follow")
    if base.kind == "array":
        shape = base.shape or ()
        if attr == "T":
            return transpose(w, node, node.value, base, None)
        if attr == "shape":
            return sequence("tuple", tuple(number(d) for d in shape))
        if attr == "ndim":
            return number(len(shape))
        if attr == "size":
            return number(size(shape))
        if attr in ("append", "extend", "insert", "remove", "pop"):
            raise w.refuse(
                node,
                "attribute",
                f"{w.source(node.value)} is {describe(base)}, which has no .{attr} "
                f"(a Python list has it; np.{attr if attr != 'extend' else 'append'}(...) "
                "returns a new array)",
            )
        return Operand("method", name=attr, bound=base, node=node.value)
    if base.kind in ("list", "tuple") and attr in LIST_METHODS:
        return Operand("method", name=attr, bound=base, node=node.value)
    if base.kind in ("list", "tuple", "number") and attr in ARRAY_ATTRIBUTES:
        what = describe(base)
        raise w.refuse(
            node,
            "attribute",
            f"{w.source(node.value)} is {what}, which has no .{attr} (a NumPy array has it)",
            w.wrap_candidates([node.value], "convert it to a NumPy array first"),
        )
    if base.kind == "number" and attr not in NUMBER_ATTRIBUTES:
        raise w.refuse(
            node, "attribute", f"{w.source(node.value)} is a Python number, which has no .{attr}"
        )
    if base.kind == "generator":
        return Operand("method", name=attr, bound=base, node=node.value)
    return w.cannot(node)


def subscript(w: Walker, node: ast.Subscript, base: Operand, index: Operand) -> Operand:
    """The operand of ``base[index]``: an item of a list, basic indexing of an array."""
    stop = w.merge_unknown(node, base, index)
    if stop is not None:
        return stop
    if base.kind in ("list", "tuple", "iter"):
        items = items_of(base)
        if items is None:
            return w.cannot(node)
        if index.kind == "number" and type(index.value) is int:
            if not -len(items) <= index.value < len(items):
                raise w.refuse(
                    node, "index", f"index {index.value} is out of range: it has {len(items)} items"
                )
            return items[index.value]
        if index.kind == "other" and isinstance(index.value, slice):
            return sequence(base.kind, items[index.value])
        return w.cannot(node)
    if base.kind != "array" or base.shape is None:
        return w.cannot(node)
    return _index_array(w, node, base, index)


def _index_array(w: Walker, node: ast.Subscript, base: Operand, index: Operand) -> Operand:
    shape = base.shape or ()
    parts = items_of(index) if index.kind == "tuple" else (index,)
    if parts is None:
        return w.cannot(node)
    out: list[int] = []
    axis = 0
    for part in parts:
        if part.kind == "none":
            out.append(1)
            continue
        is_int = part.kind == "number" and (part.value is None or type(part.value) is int)
        is_slice = part.kind == "other" and part.name == "slice"
        if not (is_int or is_slice):
            return w.cannot(node, "an index shapekit does not follow")
        if axis >= len(shape):
            raise w.refuse(
                node,
                "index",
                f"too many indices: the array has {len(shape)} dimension"
                f"{'s' * (len(shape) != 1)} ({format_shape(shape)})",
            )
        n = shape[axis]
        if is_slice:
            if part.value is None:
                return w.cannot(node, "a slice whose bounds are not known")
            out.append(len(range(*part.value.indices(n))))
        elif part.value is not None and not -n <= part.value < n:
            raise w.refuse(
                node, "index", f"index {part.value} is out of bounds for axis {axis} with size {n}"
            )
        axis += 1
    return array((*out, *shape[axis:]), dtype=base.dtype)


def call(w: Walker, node: ast.Call, func: Operand, args: Args, kwargs: Kwargs) -> Operand:
    """The operand of a call of a NumPy or built-in function, or of a method."""
    if func.kind == "method":
        receiver = func.bound
        assert receiver is not None  # a method always has its receiver
        if receiver.kind in ("list", "tuple"):
            return _list_method(w, node, func.name, receiver, args)
        if receiver.kind == "generator":
            return _random(w, node, func.name, args, kwargs, generator=True)
        return _array_method(w, node, func.name, receiver, args, kwargs)
    if func.name.startswith("builtins."):
        return _builtin(w, node, func.name.removeprefix("builtins."), args, kwargs)
    return _numpy(w, node, func.name.removeprefix("numpy."), args, kwargs)


def _numpy(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    first = _param(args, kwargs, 0, "a")
    stop = w.merge_unknown(node, *args, *kwargs.values())
    if name in BINARY_FUNCTIONS:
        if len(node.args) != 2 or stop is not None:
            return stop or w.cannot(node)
        if any(o.kind not in ("array", "number", "list", "tuple") for o in args):
            return w.cannot(node)
        lo, hi = _inside(w, node)
        pair = (node.args[0], node.args[1])
        return w.numpy_binary(node, BINARY_FUNCTIONS[name], pair, (args[0], args[1]), lo, hi)
    if name in ("random.seed",):
        return from_python(None)
    if name == "random.default_rng":
        return Operand("generator", name="numpy.random.Generator")
    if name.startswith("random."):
        return _random(w, node, name.removeprefix("random."), args, kwargs, generator=False)
    if stop is not None:
        return stop
    if name in CREATION:
        fill = _param(args, kwargs, 1, "fill_value") if name == "full" else number(0.0)
        kind = None if "dtype" in kwargs or fill is None else dtype_of(fill)
        return _created(w, node, _param(args, kwargs, 0, "shape"), kind)
    if name in ("arange", "linspace", "eye", "identity"):
        return _sequence_function(w, node, name, args, kwargs)
    if first is None:
        return w.cannot(node)
    shape = _shape_of(w, node, 0, first)
    if shape is None:
        return w.cannot(node)
    kind = None if "dtype" in kwargs else dtype_of(first)
    if name in CONVERSION:
        return array(shape, None if "dtype" in kwargs else array_value(first), kind)
    if name in LIKE or name in ELEMENTWISE:
        return array(shape, dtype="f" if name in FLOAT_RESULTS else kind)
    if name in REDUCTIONS:
        return _reduce(w, node, name, first, shape, _param(args, kwargs, 1, "axis"), kwargs)
    if name == "transpose":
        axes = _param(args, kwargs, 1, "axes")
        return transpose(w, node, node.args[0], first, None if axes is None else _ints(axes) or ())
    if name == "reshape":
        new = _param(args, kwargs, 1, "newshape") or _param(args, kwargs, 1, "shape")
        return _reshape(w, node, shape, [new] if new is not None else [], first)
    if name == "expand_dims":
        return replace(_expand_dims(w, node, shape, _param(args, kwargs, 1, "axis")), dtype=kind)
    if name == "shape":
        return sequence("tuple", tuple(number(d) for d in shape))
    if name in ("ndim", "size"):
        return number(len(shape) if name == "ndim" else size(shape))
    return w.cannot(node)


def _param(args: Args, kwargs: Kwargs, index: int, name: str) -> Operand | None:
    if index < len(args):
        return args[index]
    return kwargs.get(name)


def _inside(w: Walker, node: ast.Call) -> tuple[int, int]:
    """Where the arguments of a call are written (inside its parentheses)."""
    end_func = w.span(node.func)[1]
    hi = w.span(node)[1]
    return end_func + w.text[end_func:hi].index("(") + 1, hi - 1


def _shape_of(w: Walker, node: ast.Call, index: int, operand: Operand) -> Shape | None:
    found = array_shape(operand)
    if isinstance(found, ShapeError):
        where = node.args[index] if index < len(node.args) else node
        raise w.not_an_array(where, found)
    return found


def _ints(operand: Operand | None) -> tuple[int, ...] | None:
    """Whole numbers given as an int, or a tuple or list of them (a shape, axes)."""
    if operand is None:
        return None
    if operand.kind == "number":
        value = operand.value
        return (value,) if type(value) is int else None
    items = items_of(operand) if operand.kind in ("list", "tuple") else None
    if items is None:
        return None
    values = [item.value for item in items]
    if all(type(v) is int for v in values):
        return tuple(values)
    return None


def _created(
    w: Walker, node: ast.Call, shape_arg: Operand | None, dtype: str | None = "f"
) -> Operand:
    dims = _ints(shape_arg)
    if dims is None:
        return w.cannot(node, "whose shape is not known without running the file")
    if any(d < 0 for d in dims):
        raise w.refuse(node, "shape", "negative dimensions are not allowed")
    if len(dims) > 64:
        raise w.refuse(node, "shape", f"{len(dims)} dimensions are more than NumPy's 64")
    return array(dims, dtype=dtype)


def _random(
    w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs, *, generator: bool
) -> Operand:
    stop = w.merge_unknown(node, *args, *kwargs.values())
    if stop is not None:
        return stop
    if name in RANDOM_SHAPED and not generator:
        if not args:
            return number()
        dims = [_ints(a) for a in args]
        if any(d is None or len(d) != 1 for d in dims):
            return w.cannot(node)
        return _created(w, node, sequence("tuple", tuple(number(d[0]) for d in dims if d)))
    if name not in RANDOM_SIZED:
        return w.cannot(node)
    params = RANDOM_SIZED[name]
    size_arg = _param(args, kwargs, len(params), "size")
    kind = "i" if name in ("randint", "integers") else "f"
    if size_arg is not None and size_arg.kind != "none":
        return _created(w, node, size_arg, kind)
    shapes: list[Shape] = []
    for i, param in enumerate(params):
        given = _param(args, kwargs, i, param)
        found = None if given is None else array_shape(given)
        if isinstance(found, tuple):
            shapes.append(found)
        elif given is not None:
            return w.cannot(node)
    if all(s == () for s in shapes) and all(a.kind == "number" for a in args):
        return number()
    result: Shape = ()
    for found in shapes:
        explanation, error = ops.try_binary("add", result, found, suggest=False)
        if error is not None:
            raise w.refuse(node, "broadcast", error.message.split(": ", 1)[-1])
        result = explanation.shape or ()
    return array(result, dtype=kind)


def _sequence_function(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    values: list[int | float] = []
    for a in args:
        v = a.value if a.kind == "number" else None
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
            return w.cannot(node)
        values.append(v)
    if not values or len(values) > 3:
        return w.cannot(node)
    if name == "arange":
        start: float = 0 if len(values) == 1 else values[0]
        stop: float = values[0] if len(values) == 1 else values[1]
        step: float = values[2] if len(values) == 3 else 1
        if step == 0:
            raise w.refuse(node, "arange", "the step of np.arange cannot be 0")
        n = max(0, math.ceil((stop - start) / step))
        value = None
        if n <= 10_000 and all(type(v) is int for v in values):
            import numpy as np

            value = np.arange(*[int(v) for v in values])
        return array((n,), value, "i" if all(type(v) is int for v in values) else "f")
    if name == "linspace":
        num = _param(args, kwargs, 2, "num")
        count = 50 if num is None else num.value
        return array((count,), dtype="f") if type(count) is int and count >= 0 else w.cannot(node)
    rows = values[0]
    columns = values[1] if name == "eye" and len(values) > 1 else rows
    if type(rows) is not int or type(columns) is not int or rows < 0 or columns < 0:
        return w.cannot(node)
    return array((rows, columns), dtype="f")


def transpose(
    w: Walker, node: ast.AST, operand_node: ast.AST, base: Operand, axes: tuple[int, ...] | None
) -> Operand:
    """``.T``, ``.transpose(...)`` or ``np.transpose(...)`` with NumPy's rules."""
    shape = array_shape(base)
    if isinstance(shape, ShapeError):
        raise w.not_an_array(operand_node, shape)
    if shape is None:
        return w.cannot(node)
    explanation, error = ops.try_transpose(
        shape, axes, name=w.source(operand_node), written=w.source(node)
    )
    if error is not None:
        from shapekit.engine._expressions import Refused

        raise Refused(error, node)
    value = array_value(base)
    if value is not None:
        value = value.transpose(axes) if axes else value.T
    return array(explanation.shape or (), value, dtype_of(base))


def _reshape(
    w: Walker, node: ast.Call, shape: Shape, given: list[Operand], base: Operand
) -> Operand:
    if len(given) == 1:
        dims = _ints(given[0])
    else:
        parts = [_ints(g) for g in given]
        dims = (
            None
            if any(p is None or len(p) != 1 for p in parts)
            else tuple(p[0] for p in parts if p)
        )
    if dims is None:
        return w.cannot(node, "a new shape that is not known without running the file")
    total = size(shape)
    free = [i for i, d in enumerate(dims) if d == -1]
    if len(free) > 1 or any(d < -1 for d in dims):
        raise w.refuse(
            node,
            "reshape",
            f"a new shape {format_shape(dims)} may have one -1 and no other negative number",
        )
    known = size(tuple(d for d in dims if d != -1))
    if free:
        if known == 0 or total % known:
            raise w.refuse(
                node,
                "reshape",
                f"the array of shape {format_shape(shape)} has {total} elements, which cannot "
                f"be arranged as {format_shape(dims)}",
            )
        dims = tuple(total // known if d == -1 else d for d in dims)
    elif known != total:
        raise w.refuse(
            node,
            "reshape",
            f"the array of shape {format_shape(shape)} has {total} elements but the shape "
            f"{format_shape(dims)} holds {known}",
        )
    value = array_value(base)
    return array(dims, None if value is None else value.reshape(dims), dtype_of(base))


def _axes(w: Walker, node: ast.AST, axis: Operand | None, ndim: int) -> tuple[int, ...] | None:
    """The normalised axes of a reduction (``None``: all of them)."""
    if axis is None or axis.kind == "none":
        return None
    given = _ints(axis)
    if given is None:
        raise _Unknown
    out = []
    for a in given:
        if not -ndim <= a < ndim:
            raise w.refuse(
                node, "axis", f"axis {a} is out of bounds for an array of dimension {ndim}"
            )
        out.append(a % ndim)
    return tuple(out)


class _Unknown(Exception):
    """An argument whose value is not known."""


def _reduce(
    w: Walker,
    node: ast.Call,
    name: str,
    base: Operand,
    shape: Shape,
    axis: Operand | None,
    kwargs: Kwargs,
) -> Operand:
    keep = kwargs.get("keepdims")
    if keep is not None and not (keep.kind == "number" and keep.value is not None):
        return w.cannot(node)
    keepdims = bool(keep.value) if keep is not None else False
    kind = {"mean": "f", "std": "f", "var": "f", "argmax": "i", "argmin": "i"}.get(
        name, dtype_of(base)
    )
    if kind == "b" and name in ("sum", "prod"):
        kind = "i"
    legacy = {"sum", "max", "min", "amax", "amin", "prod", "argmax", "argmin"}
    if (
        not shape
        and name in legacy
        and axis is not None
        and axis.kind == "number"
        and axis.value in (0, -1)
    ):
        return array((), dtype=kind)  # NumPy's reductions take axis 0 or -1 of a 0-D array
    try:
        axes = _axes(w, node, axis, len(shape))
    except _Unknown:
        return w.cannot(node)
    if axes is None:
        return array(tuple(1 for _ in shape) if keepdims else (), dtype=kind)
    if name in ("argmax", "argmin") and len(axes) > 1:
        return w.cannot(node)
    if keepdims:
        return array(tuple(1 if i in axes else d for i, d in enumerate(shape)), dtype=kind)
    return array(tuple(d for i, d in enumerate(shape) if i not in axes), dtype=kind)


def _expand_dims(w: Walker, node: ast.Call, shape: Shape, axis: Operand | None) -> Operand:
    given = _ints(axis)
    if given is None or len(given) != 1:
        return w.cannot(node)
    ndim = len(shape) + 1
    a = given[0]
    if not -ndim <= a < ndim:
        raise w.refuse(node, "axis", f"axis {a} is out of bounds for an array of dimension {ndim}")
    a %= ndim
    return array((*shape[:a], 1, *shape[a:]))


def _array_method(
    w: Walker, node: ast.Call, name: str, receiver: Operand, args: Args, kwargs: Kwargs
) -> Operand:
    shape = receiver.shape or ()
    stop = w.merge_unknown(node, *args, *kwargs.values())
    if stop is not None:
        return stop
    if name == "reshape":
        return _reshape(w, node, shape, args or [kwargs.get("shape", unknown(""))], receiver)
    if name == "transpose":
        axes = (
            None
            if not args
            else (_ints(args[0]) if len(args) == 1 else _ints(sequence("tuple", tuple(args))))
        )
        if args and axes is None:
            return w.cannot(node)
        assert isinstance(node.func, ast.Attribute)  # a method call is written x.name(...)
        return transpose(w, node, node.func.value, receiver, axes)
    if name in REDUCTIONS:
        return _reduce(w, node, name, receiver, shape, _param(args, kwargs, 0, "axis"), kwargs)
    if name in ("copy", "astype"):
        return array(shape, None, receiver.dtype if name == "copy" else None)
    if name in ("flatten", "ravel"):
        return array((size(shape),), dtype=receiver.dtype)
    if name == "dot" and len(node.args) == 1 and isinstance(node.func, ast.Attribute):
        pair = (node.func.value, node.args[0])
        lo, hi = w.span(node)
        return w.numpy_binary(node, "dot", pair, (receiver, args[0]), lo, hi)
    if name == "tolist":
        return Operand("list", shape)
    if name == "item":
        return number()
    return w.cannot(node)


def _list_method(w: Walker, node: ast.Call, name: str, receiver: Operand, args: Args) -> Operand:
    if name in ("copy", "index", "count"):
        return replace(receiver, ident=new_ident()) if name == "copy" else number()
    changed: Operand | None = None
    if name in ("append", "extend") and len(args) == 1 and receiver.kind == "list":
        items = items_of(receiver)
        added = (args[0],) if name == "append" else items_of(args[0])
        if items is not None and added is not None:
            changed = sequence("list", items + added, ident=receiver.ident)
    if not w.dry:
        why = f"a list changed by `{w.short(node)}` at {w.where(node)} in a way shapekit does not follow"
        w.host.mutate(receiver, changed, why)
    return from_python(None) if name in ("append", "extend") else w.cannot(node)


def _builtin(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    stop = w.merge_unknown(node, *args)
    if name == "print":
        return from_python(None)
    if stop is not None:
        return stop
    if name == "len" and len(args) == 1:
        n = length(args[0])
        if n is None and args[0].kind == "array" and args[0].shape == ():
            raise w.refuse(node, "len", "len() of a 0-D array (a single number) is not defined")
        return number(n) if n is not None else w.cannot(node)
    if name == "range":
        values = [a.value for a in args]
        if args and all(type(v) is int for v in values) and len(args) <= 3:
            try:
                return (
                    Operand(
                        "iter",
                        items=tuple(number(i) for i in range(*values)[:10_001]),
                        name="range",
                    )
                    if len(range(*values)) <= 10_000
                    else w.cannot(node, "a range too long to follow")
                )
            except ValueError:
                return w.cannot(node)
        return w.cannot(node, "a range whose length is not known without running the file")
    if name in ("list", "tuple") and len(args) <= 1:
        if not args:
            return sequence(name, ())
        items = items_of(args[0])
        return sequence(name, items) if items is not None else w.cannot(node)
    if name == "zip" and args:
        columns = [items_of(a) for a in args]
        if any(c is None for c in columns):
            return w.cannot(node)
        rows = zip(*[c for c in columns if c is not None], strict=False)
        return Operand("iter", items=tuple(sequence("tuple", tuple(r)) for r in rows), name="zip")
    if name == "enumerate" and len(args) == 1:
        items = items_of(args[0])
        if items is None:
            return w.cannot(node)
        return Operand(
            "iter", items=tuple(sequence("tuple", (number(i), v)) for i, v in enumerate(items))
        )
    if name in ("float", "int", "round", "abs") and len(args) >= 1:
        if args[0].kind == "number":
            value = args[0].value
            if (
                name in ("float", "int")
                and isinstance(value, (int, float))
                and math.isfinite(value)
            ):
                return number(float(value) if name == "float" else int(value))
            return number()
        if name == "abs" and args[0].kind == "array":
            return array(args[0].shape or (), dtype=args[0].dtype)
    return w.cannot(node)


def describe_call(name: str) -> str:
    """How a NumPy function is written in messages."""
    return f"np.{name}"


__all__ = ["attribute", "call", "describe_call", "subscript", "transpose", "unknown"]
