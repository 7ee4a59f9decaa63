"""How many bits a float array's numbers have (``np.float32`` or ``np.float64``), where the
file says so.

Most of NumPy does not care: arithmetic promotes, and a ufunc's ``out=`` casts within a kind.
``np.dot`` with ``out=`` does care: it writes only into a C-contiguous array of exactly the
product's dtype, so ``np.dot(x32, w32, out=z64)`` is a ValueError that no shape tells.

A width is known only where the code writes it: a maker given a dtype (or making float64
by default: ``np.zeros``, ``np.random.randn``, a list of Python floats), ``astype``, the
views and indexes of an array whose width is known, arithmetic of known widths (a Python
number takes the array's width: NEP 50), and a name bound to one of these. The width is
kept on the very operand bound (:data:`FLOAT_BITS` holds the operand itself), so an operand
made from it by :func:`dataclasses.replace` (another array, perhaps of another dtype) does
not inherit it.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

from shapekit.engine._operands import Operand, keep_fact, own_fact

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

#: the key, in an array's ``memo``, of ``(width, operand)``: the NumPy name of its float
#: dtype (``"float32"``), trusted only for that very operand
FLOAT_BITS = "float bits"

#: NumPy's makers given a ``dtype=`` (by its place) that make float64 when given none
_FLOAT_MAKERS = {"zeros": 1, "ones": 1, "empty": 1, "eye": 3, "identity": 1, "linspace": 5}
#: NumPy's makers that make the dtype of the array they are given, unless given another
_LIKE_MAKERS = {"zeros_like": 1, "ones_like": 1, "empty_like": 1, "full_like": 2}
#: NumPy's makers whose dtype, given none, comes of the numbers they are given
_CONVERTERS = {"array": 1, "asarray": 1, "asanyarray": 1, "ascontiguousarray": 1}
#: np.random's functions (the legacy ones), which always give float64
_LEGACY_DRAWS = frozenset(
    {"rand", "randn", "random", "random_sample", "ranf", "sample", "normal", "uniform",
     "standard_normal"}
)  # fmt: skip
#: a Generator's draws of floats: those that take a dtype (its place), the others float64
_GENERATOR_DRAWS = {"random": 1, "standard_normal": 1, "normal": None, "uniform": None}
#: the methods of an array giving an array of the same dtype (a view or a copy)
_SAME_DTYPE_METHODS = frozenset(
    {"reshape", "transpose", "ravel", "flatten", "copy", "squeeze", "swapaxes"}
)
#: NumPy's functions of one float array giving floats of its width
_SAME_WIDTH_UNARY = frozenset(
    {"exp", "log", "tanh", "sqrt", "abs", "absolute", "negative", "square", "transpose",
     "ravel", "squeeze", "copy", "ascontiguousarray"}
)  # fmt: skip
#: NumPy's functions of two arrays giving their promoted dtype
_PROMOTING = frozenset(
    {"dot", "matmul", "add", "subtract", "multiply", "divide", "maximum", "minimum"}
)
#: NumPy's functions that give an array, whatever they are given
_ARRAY_MAKERS = frozenset(
    {"array", "asarray", "zeros", "ones", "empty", "full", "arange", "eye", "identity",
     "linspace", "zeros_like", "ones_like", "empty_like", "full_like"}
)  # fmt: skip
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.MatMult)


def float_width(op: Operand) -> str | None:
    """The NumPy name of the float dtype of the array ``op`` when the file says it."""
    if op.kind != "array" or op.dtype != "f":
        return None
    found = own_fact(op, FLOAT_BITS)
    return found if isinstance(found, str) else None


def note_width(op: Operand, width: str | None) -> None:
    """``name = …`` binding ``op``, made of code whose width is ``width`` (see
    :func:`written_width`, asked before the names are bound): kept on ``op``."""
    if width is not None and op.kind == "array" and op.dtype == "f":
        keep_fact(op, FLOAT_BITS, width)


def written_width(w: Walker, node: ast.AST, depth: int = 0) -> str | None:
    """The NumPy name of the float dtype of what ``node`` makes, when the code says it."""
    if depth > 24:
        return None
    if isinstance(node, ast.Name):
        found = _looked_up(w, node)
        return float_width(found) if found is not None else None
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT", "real"):
        return written_width(w, node.value, depth + 1)
    if isinstance(node, ast.Subscript):
        return written_width(w, node.value, depth + 1)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return written_width(w, node.operand, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ARITHMETIC):
        return _promoted(w, node.left, node.right, depth)
    if isinstance(node, ast.Call):
        return _called_width(w, node, depth)
    return None


def _promoted(
    w: Walker, left: ast.AST, right: ast.AST, depth: int, *, weak: bool = True
) -> str | None:
    """The width NumPy computes ``left <op> right`` in, both arrays of known widths, or one
    a Python number written out: a ufunc's (``weak``) takes the array's width (NEP 50);
    ``np.dot``, no ufunc, makes an array of it first (float64, int64)."""
    import numpy as np

    widths = [None if _python_number(s) else written_width(w, s, depth + 1) for s in (left, right)]
    if not weak:
        widths = [
            _strong(s) if _python_number(s) else x
            for s, x in zip((left, right), widths, strict=True)
        ]
    known = [x for x in widths if x is not None]
    if len(known) == 2:
        return str(np.result_type(np.dtype(known[0]), np.dtype(known[1])).name)
    if len(known) == 1 and any(_python_number(s) for s in (left, right)):
        return known[0]
    return None


def _strong(node: ast.AST) -> str:
    """The dtype NumPy makes of a Python number written out, as an array of its own."""
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return "float64" if isinstance(node, ast.Constant) and type(node.value) is float else "int64"


def _python_number(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _called_width(w: Walker, node: ast.Call, depth: int) -> str | None:
    if any(isinstance(a, ast.Starred) for a in node.args) or any(
        k.arg is None for k in node.keywords
    ):
        return None
    func = node.func
    if isinstance(func, ast.Attribute):
        inner = written_width(w, func.value, depth + 1)  # (once: a chain is walked linearly)
        receiver = "array" if inner is not None else _receiver_kind(w, func.value, depth, False)
        if receiver == "array":
            if func.attr == "astype" and node.args:
                return _dtype_width(w, node.args[0])
            if func.attr in _SAME_DTYPE_METHODS:
                return inner
            return None
        if receiver == "generator":
            if func.attr not in _GENERATOR_DRAWS:
                return None
            slot = _GENERATOR_DRAWS[func.attr]
            given = _argument(node, slot, "dtype") if slot is not None else None
            return "float64" if given is None else _dtype_width(w, given)
    called = pure(w, func)
    if called is not None and called.kind == "function" and called.name.startswith("numpy."):
        return _numpy_width(w, node, called.name.removeprefix("numpy."), depth)
    return None


def _receiver_kind(w: Walker, node: ast.AST, depth: int, width: bool = True) -> str | None:
    """``"array"`` when ``node`` is a NumPy array (or number), ``"generator"`` when it is
    NumPy's random Generator, None when it may be anything else (``width``: whether its
    float width is still to be asked)."""
    if width and written_width(w, node, depth + 1) is not None:
        return "array"
    if isinstance(node, ast.Call):
        called = pure(w, node.func)
        if called is None or called.kind != "function":
            return None
        if called.name == "numpy.random.default_rng":
            return "generator"
        # what NumPy's makers give (np.arange(6).astype(np.float32))
        return "array" if called.name.removeprefix("numpy.") in _ARRAY_MAKERS else None
    found = pure(w, node)
    return found.kind if found is not None else None


def _numpy_width(w: Walker, node: ast.Call, name: str, depth: int) -> str | None:
    if name.startswith("random."):
        return "float64" if name.removeprefix("random.") in _LEGACY_DRAWS else None
    if name in _FLOAT_MAKERS:
        given = _argument(node, _FLOAT_MAKERS[name], "dtype")
        return "float64" if given is None else _dtype_width(w, given)
    if name in _LIKE_MAKERS:
        given = _argument(node, _LIKE_MAKERS[name], "dtype")
        if given is not None:
            return _dtype_width(w, given)
        return written_width(w, node.args[0], depth + 1) if node.args else None
    if name in _CONVERTERS:
        given = _argument(node, _CONVERTERS[name], "dtype")
        if given is not None:
            return _dtype_width(w, given)
        if not node.args or len(node.args) > 1 or node.keywords:
            return None
        if _floats_written(node.args[0]):
            return "float64"
        return written_width(w, node.args[0], depth + 1)
    if name == "full":
        given = _argument(node, 2, "dtype")
        if given is not None:
            return _dtype_width(w, given)
        fill = _argument(node, 1, "fill_value")
        written = isinstance(fill, ast.Constant) and type(fill.value) is float
        return "float64" if written else None
    if name == "arange":
        given = _argument(node, 3, "dtype")
        if given is not None:
            return _dtype_width(w, given)
        return "float64" if any(_python_float(a) for a in node.args) else None
    if node.keywords:
        return None
    if name in _SAME_WIDTH_UNARY and len(node.args) == 1:
        return written_width(w, node.args[0], depth + 1)
    if name in _PROMOTING and len(node.args) == 2:
        return _promoted(w, node.args[0], node.args[1], depth, weak=name not in ("dot", "matmul"))
    return None


def _python_float(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and type(node.value) is float


def _floats_written(node: ast.AST) -> bool:
    """Whether ``node`` is a list (or tuple) of Python numbers written out, one a float at
    least, nested to any depth: NumPy makes float64 of it."""
    numbers: list[ast.AST] = []
    todo = [node]
    while todo:
        if len(numbers) > 4096:
            return False  # (a long list: its width is not worked out)
        part = todo.pop()
        if isinstance(part, (ast.List, ast.Tuple)):
            todo.extend(part.elts)
        elif _python_number(part):
            numbers.append(part)
        else:
            return False
    return isinstance(node, (ast.List, ast.Tuple)) and any(_python_float(n) for n in numbers)


def _argument(node: ast.Call, place: int, keyword: str) -> ast.expr | None:
    if place < len(node.args):
        return node.args[place]
    return next((k.value for k in node.keywords if k.arg == keyword), None)


def _dtype_width(w: Walker, node: ast.AST) -> str | None:
    """The NumPy name of the float dtype ``node`` names (``np.float32``, ``"float32"``,
    ``float``), or None (not a float dtype, or not known)."""
    from shapekit.engine._numpy_api import numpy_dtype

    given = Operand("str", value=node.value) if isinstance(node, ast.Constant) else pure(w, node)
    if given is None or given.kind == "none":
        return None
    found: Any = numpy_dtype(given)
    return str(found.name) if found is not None and found.kind == "f" else None


def _looked_up(w: Walker, node: ast.Name) -> Operand | None:
    try:
        return _dry(w).walk(node)
    except Exception:  # (a name not bound yet is refused: no width)
        return None


#: the kinds of operands whose attributes are read without running any of the file's code
_PLAIN_KINDS = frozenset({"module", "array", "generator"})


def pure(w: Walker, node: ast.AST) -> Operand | None:
    """What a name, or attributes of a name read on modules, arrays and NumPy's Generators
    (``np.random.randn``, ``x.astype``, ``rng.random``), is; None for anything else (an
    object's attribute may be a property: the file's code, not run here)."""
    if isinstance(node, ast.Name):
        return _looked_up(w, node)
    if not isinstance(node, ast.Attribute):
        return None
    base = pure(w, node.value)
    if base is None or base.kind not in _PLAIN_KINDS:
        return None
    try:
        return _dry(w).walk(node)
    except Exception:  # (NumPy's refusal of an attribute it has not: no width)
        return None


def _dry(w: Walker) -> Walker:
    """A walker of the same names that reports nothing and changes nothing (one per
    walker, kept: making one reads the whole text)."""
    if w.dry:
        return w
    twin: Walker | None = w.__dict__.get("dry_twin")
    if twin is None:
        from shapekit.engine._expressions import Walker

        twin = w.__dict__["dry_twin"] = Walker(w.text, w.host, w.cell, dry=True)
    twin.scopes = w.scopes  # (the comprehension's names it is in now)
    return twin


def product_width(w: Walker, node: ast.Call) -> str | None:
    """The width of the product ``np.dot(a, b, …)`` or ``a.dot(b, …)`` makes, when known."""
    if any(isinstance(a, ast.Starred) for a in node.args) or not node.args:
        return None
    if isinstance(node.func, ast.Attribute) and node.func.attr == "dot":
        receiver = written_width(w, node.func.value)
        if receiver is not None:  # an array's own method
            return _promoted(w, node.func.value, node.args[0], 0, weak=False)
    called = pure(w, node.func)
    if called is not None and called.kind == "function" and called.name == "numpy.dot":
        if len(node.args) < 2:
            return None
        return _promoted(w, node.args[0], node.args[1], 0, weak=False)
    return None
