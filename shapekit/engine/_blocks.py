"""Which block of memory an array bound to a name lies in, where the code tells it.

A write into an array in place (``X[mask] = 0``, ``W -= lr * g``) may change every array
that shares its memory, and views are not followed one by one: so by default every value
known is forgotten at a write (see :func:`~shapekit.engine._operands.values_written`). But
an array NumPy has just made (``X.sum(axis=1) > 20``, ``np.zeros(3)``, ``a @ b``,
``x.copy()``) lies in memory of its own, and views of it (``.T``, ``reshape``, an index)
in the same: an array bound to a name from such code is given a block
(:func:`~shapekit.engine._operands.new_block`), a view of a name's array its block, and a
write into an array of a known block leaves the values of arrays of other blocks known.

Nothing of the file's own code is asked (an operand's ``__add__`` may give anything): code
counts as NumPy's only when every part of it is a number, a name of an array, number or
list, or NumPy's own function of such parts.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from shapekit.engine._operands import block_of, new_block
from shapekit.engine._widths import pure

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

#: NumPy's functions that give an array in new memory (without ``out=``)
_NEW_ARRAYS = frozenset(
    {"zeros", "ones", "empty", "full", "eye", "identity", "arange", "linspace", "logspace",
     "zeros_like", "ones_like", "empty_like", "full_like", "array", "copy", "dot", "matmul",
     "outer", "inner", "tensordot", "concatenate", "stack", "vstack", "hstack",
     "column_stack", "exp", "log", "tanh", "sqrt", "abs", "absolute", "square", "negative",
     "maximum", "minimum", "add", "subtract", "multiply", "divide", "power", "where", "clip",
     "sum", "mean", "max", "min", "prod", "std", "var", "argmax", "argmin", "cumsum",
     "cumprod", "sort", "argsort", "round", "around", "tile", "repeat", "diff", "unique",
     "random.rand", "random.randn", "random.random", "random.normal", "random.uniform",
     "random.randint", "random.permutation", "random.standard_normal", "random.choice",
     "isnan", "isfinite", "logical_not", "logical_and", "logical_or", "equal", "greater",
     "less", "exp2", "log1p", "expm1", "sign", "floor", "ceil", "rint", "reciprocal",
     "sin", "cos"}
)  # fmt: skip
#: an array's methods giving an array in new memory (without ``out=``)
_NEW_ARRAY_METHODS = frozenset(
    {"copy", "astype", "sum", "mean", "max", "min", "prod", "std", "var", "argmax",
     "argmin", "cumsum", "cumprod", "round", "clip", "dot", "flatten", "repeat", "argsort"}
)  # fmt: skip
#: NumPy's functions that may give a view of their first argument (or the argument itself)
_VIEWING = frozenset(
    {"reshape", "transpose", "ravel", "squeeze", "expand_dims", "swapaxes", "moveaxis",
     "asarray", "asanyarray", "ascontiguousarray", "atleast_1d", "atleast_2d",
     "atleast_3d", "broadcast_to"}
)  # fmt: skip
#: an array's methods that may give a view of it (or the array itself)
_VIEWING_METHODS = frozenset({"reshape", "transpose", "ravel", "squeeze", "swapaxes", "view"})
#: the kinds of operands NumPy computes with as they are (never the file's own code)
_PLAIN_KINDS = frozenset({"array", "number", "list", "tuple"})
_OPERATORS = (ast.BinOp, ast.UnaryOp, ast.Compare)


def written_block(w: Walker, node: ast.AST, depth: int = 0) -> int | None:
    """The block of memory of the array ``node`` makes: a new one when NumPy makes it in
    memory of its own, a name's when it is a view of that name's array; None when not known
    (asked before the names the statement binds are bound)."""
    if depth > 24 or (  # (a := only where the walker's text has one: most have none)
        w.holds(":=") and any(isinstance(n, ast.NamedExpr) for n in ast.walk(node))
    ):
        return None
    saved = dict(_PLAIN)  # (what is plain, asked once per node of this one expression)
    _PLAIN.clear()
    try:
        return _block(w, node, depth)
    finally:
        _PLAIN.clear()
        _PLAIN.update(saved)


def _block(w: Walker, node: ast.AST, depth: int) -> int | None:
    if depth > 24:
        return None
    if isinstance(node, ast.Name):
        found = pure(w, node)
        return block_of(found) if found is not None else None
    viewed = _viewed(w, node)
    if viewed is not None:
        return _block(w, viewed, depth + 1)
    if _new_memory(w, node, depth) or _returns_new_memory(w, node):
        return new_block()
    return None


def _returns_new_memory(w: Walker, node: ast.AST) -> bool:
    """Whether ``node`` calls a function of the file's whose every return gives an array
    NumPy makes there of numbers written out (``return np.array([0, 1, 1])``)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
        return False
    called = pure(w, node.func) if isinstance(node.func, ast.Name) else None
    fdef = (
        getattr(called.value, "fdef", None)
        if called is not None and called.kind == "userfunc"
        else None
    )
    if not isinstance(fdef, (ast.FunctionDef, ast.AsyncFunctionDef)) or fdef.decorator_list:
        return False  # (@functools.lru_cache gives the array it made before, not a new one)
    returns = [n for n in ast.walk(fdef) if isinstance(n, ast.Return)]
    if not returns or any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(fdef)):
        return False
    return all(_made_of_literals(r.value) for r in returns)


def _made_of_literals(node: ast.AST | None) -> bool:
    """``np.array([0, 1, 1])``, ``np.zeros((3, 4), dtype=np.float32)``: a maker of new
    memory (by the usual name ``np``) of numbers written out only."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return False
    base = node.func.value
    if not (isinstance(base, ast.Name) and base.id in ("np", "numpy")):
        return False
    if node.func.attr not in _NEW_ARRAYS or any(
        k.arg in (None, "copy", "out", "like") for k in node.keywords
    ):
        return False
    for inner in ast.walk(node):
        if inner is node:
            continue
        if isinstance(inner, ast.Name) and inner.id not in ("np", "numpy", "float", "int", "bool"):
            return False
        if isinstance(inner, (ast.Call, ast.Lambda, ast.NamedExpr, ast.Starred, ast.Await)):
            return False
    return True


def _viewed(w: Walker, node: ast.AST) -> ast.expr | None:
    """What ``node`` may be a view of (``x`` of ``x.T``, ``x[0]``, ``x.reshape(3, 4)``,
    ``np.asarray(x)``), or None."""
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT", "real"):
        return node.value
    if isinstance(node, ast.Subscript):
        return node.value
    if not isinstance(node, ast.Call) or _unplain_arguments(node):
        return None
    if isinstance(node.func, ast.Attribute) and node.func.attr in _VIEWING_METHODS:
        if _plain(w, node.func.value, 0):
            return node.func.value
        return None
    name = _numpy_name(w, node)
    return node.args[0] if name in _VIEWING and node.args else None


def _new_memory(w: Walker, node: ast.AST, depth: int) -> bool:
    """Whether ``node`` certainly gives an array in memory NumPy has just allocated."""
    if isinstance(node, _OPERATORS):
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return False
        parts = (
            [node.left, node.right]
            if isinstance(node, ast.BinOp)
            else [node.operand]
            if isinstance(node, ast.UnaryOp)
            else [node.left, *node.comparators]
        )
        if isinstance(node, ast.Compare) and len(node.ops) > 1:
            return False  # (a < b < c is `and` of two: one of them is given)
        return all(_plain(w, p, depth + 1) for p in parts)
    if not isinstance(node, ast.Call) or _unplain_arguments(node):
        return False
    if any(k.arg == "out" for k in node.keywords):
        return False
    if isinstance(node.func, ast.Attribute) and node.func.attr in _NEW_ARRAY_METHODS:
        if node.func.attr == "astype" and (
            any(k.arg == "copy" for k in node.keywords) or len(node.args) > 1
        ):  # (copy=False, by keyword or by its place, may give the array itself)
            return False
        if _plain(w, node.func.value, depth + 1) and _numpy_name(w, node) is None:
            return _array_receiver(w, node.func.value, depth + 1)
    name = _numpy_name(w, node)
    if name not in _NEW_ARRAYS:
        return False
    if name == "array" and any(k.arg == "copy" for k in node.keywords):
        return False
    if name == "diff":  # np.diff(m, 0) is m itself
        given = (
            node.args[1]
            if len(node.args) > 1
            else next((k.value for k in node.keywords if k.arg == "n"), None)
        )
        if given is not None and not (
            isinstance(given, ast.Constant) and type(given.value) is int and given.value > 0
        ):
            return False
    if name in ("sort", "argsort", "clip", "round", "around") and len(node.args) > 3:
        return False  # (an out= given by place)
    return all(_plain(w, a, depth + 1) for a in node.args) and all(
        k.arg != "like" and (_plain(w, k.value, depth + 1) or _a_type(w, k.value))
        for k in node.keywords
    )


def _a_type(w: Walker, node: ast.AST) -> bool:
    """Whether ``node`` names a type (``dtype=np.float32``, ``dtype=float``)."""
    found = pure(w, node)
    return found is not None and found.kind == "function"


def _array_receiver(w: Walker, node: ast.AST, depth: int) -> bool:
    """Whether ``node`` is certainly a NumPy array (or number), whose methods are NumPy's."""
    if isinstance(node, ast.Name):
        found = pure(w, node)
        return found is not None and found.kind == "array"
    viewed = _viewed(w, node)
    if viewed is not None:
        return _array_receiver(w, viewed, depth + 1)
    return _new_memory(w, node, depth + 1)


#: whether each node (by id) of the expression being asked is plain (see written_block): a
#: chain of methods (``a.reshape(3).reshape(3)…``) asks each link once, not twice per link
_PLAIN: dict[int, bool] = {}


def _plain(w: Walker, node: ast.AST, depth: int) -> bool:
    """Whether ``node`` is made without any of the file's own code: numbers, names of
    arrays, numbers and lists, and NumPy's own functions and operators of these."""
    if depth > 24:
        return False
    found = _PLAIN.get(id(node))
    if found is None:
        found = _PLAIN[id(node)] = _plain_now(w, node, depth)
    return found


def _plain_now(w: Walker, node: ast.AST, depth: int) -> bool:
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float, bool, complex, str, bytes) or node.value is None
    if isinstance(node, ast.Name):
        found = pure(w, node)
        return found is not None and found.kind in _PLAIN_KINDS
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(_plain(w, e, depth + 1) for e in node.elts)
    if isinstance(node, ast.Slice):
        return all(
            p is None or _plain(w, p, depth + 1) for p in (node.lower, node.upper, node.step)
        )
    if isinstance(node, ast.Subscript):
        return _plain(w, node.value, depth + 1) and _plain(w, node.slice, depth + 1)
    if isinstance(node, ast.Attribute):
        return node.attr in ("T", "mT", "real", "shape", "size", "ndim") and _plain(
            w, node.value, depth + 1
        )
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _PLAIN_BUILTINS
        and not node.keywords
        and not _unplain_arguments(node)
    ):  # np.zeros((len(inputs), len(weights))): Python's own len of plain things
        called = pure(w, node.func)
        if (
            called is not None
            and called.kind == "function"
            and called.name == (f"builtins.{node.func.id}")
        ):
            return all(_plain(w, a, depth + 1) for a in node.args)
    viewed = _viewed(w, node)
    if viewed is not None:
        return _plain(w, viewed, depth + 1)
    return _new_memory(w, node, depth + 1)


#: Python's functions that read plain things (numbers, arrays, lists) without code of the file
_PLAIN_BUILTINS = frozenset({"len", "int", "float", "abs", "round", "min", "max"})


def _unplain_arguments(node: ast.Call) -> bool:
    return any(isinstance(a, ast.Starred) for a in node.args) or any(
        k.arg is None for k in node.keywords
    )


def _numpy_name(w: Walker, node: ast.Call) -> str | None:
    """``"zeros"`` for ``np.zeros(…)``, ``"random.randn"`` for ``np.random.randn(…)``."""
    called = pure(w, node.func)
    if called is None or called.kind != "function" or not called.name.startswith("numpy."):
        return None
    return called.name.removeprefix("numpy.")
