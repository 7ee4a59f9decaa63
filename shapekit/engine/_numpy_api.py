"""NumPy's functions and array methods as the program interpreter follows them.

The functions here give the operand of a call of NumPy for the walker of
``shapekit.engine._expressions`` (reached through ``shapekit.engine._access``): array creation
(``np.zeros``, ``np.random.randn``, ``rng.normal`` …), conversion, ``.T``/``transpose``,
``reshape`` (with ``-1``), reductions (``sum``, ``mean``, ``argmax`` … with ``axis`` and
``keepdims``), element-wise functions and the binary ones (``np.dot``, ``np.maximum`` …), each
with the kind of numbers it gives; also ``np.outer``, ``np.where`` of three, ``sort``/
``argsort``, ``swapaxes``/``moveaxis``, ``np.atleast_1d/2d/3d``, ``repeat``, ``np.split``/
``np.array_split`` (a list of arrays), ``np.tensordot``, ``clip`` (``min=``/``max=`` too),
``np.einsum`` (in ``shapekit.engine._einsum``) and the index tricks ``np.r_[...]``/``np.c_[...]``.
A call that NumPy would refuse raises the walker's ``Refused`` (``np.random.randn((3, 4))``
with its fix too); one that is not known gives an unknown.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import itertools
import math
import re
import warnings
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from shapekit.engine import ops
from shapekit.engine._approx import approx, approximated, laid_again
from shapekit.engine._approx import close as approx_close
from shapekit.engine._approx import norm as approx_norm
from shapekit.engine._approx import picked as approx_picked
from shapekit.engine._approx import reduced as approx_reduced
from shapekit.engine._approx import unary as approx_unary
from shapekit.engine._einsum import einsum
from shapekit.engine._joining import JOINING, check_one_sequence, concatenate, joined
from shapekit.engine._operands import (
    COVERS,
    DISTINCT,
    DRAWN,
    KIND_LETTERS,
    KIND_WORDS,
    MAX_ITEMS,
    MAX_VALUE_ELEMENTS,
    ONE_SHOT,
    WIDTH,
    WRITTEN_HERE,
    ZERO_D,
    Operand,
    array,
    array_shape,
    array_value,
    c_strides,
    complex_shape,
    copied_layout,
    describe,
    drawn_kept,
    dtype_of,
    dyadic,
    finite,
    from_python,
    items_of,
    laid_out,
    lazily,
    new_ident,
    number,
    placed_call,
    possible,
    promoted,
    remember,
    result_kind,
    sequence,
    size,
    unknown,
    values_current,
    width_of,
    written_count,
    zero_d,
)
from shapekit.engine._oracle import FUNCTIONS as ORACLE_FUNCTIONS
from shapekit.engine._oracle import (
    VALIDATED,
    VALIDATED_METHODS,
    asked,
    asked_method,
    validate,
)
from shapekit.engine._oracle import VALUED as ORACLE_VALUED
from shapekit.engine._signatures import (
    METHODS_AS_FUNCTIONS,
    named_arguments,
    refused_arguments,
)
from shapekit.engine._widths import product_width, written_width
from shapekit.engine.explanation import format_shape
from shapekit.engine.program import UNDECIDED
from shapekit.errors import NotANumberError, ShapeError

if TYPE_CHECKING:
    from collections.abc import Callable

    from shapekit.engine._expressions import Refused, Walker

Shape = tuple[int, ...]
Args = list[Operand]
Kwargs = dict[str, Operand]

CREATION = frozenset({"zeros", "ones", "empty", "full"})
LIKE = frozenset({"zeros_like", "ones_like", "empty_like", "full_like"})
CONVERSION = frozenset({"array", "asarray", "asanyarray", "copy", "ascontiguousarray"})
ELEMENTWISE = frozenset(
    {
        "exp", "log", "log2", "log10", "log1p", "expm1", "tanh", "sqrt", "abs", "absolute",
        "square", "sign", "sin", "cos", "tan", "negative", "floor", "ceil", "round", "around",
        "rint", "sinh", "cosh", "reciprocal", "isnan", "isfinite", "isinf", "logical_not",
        "signbit", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "cbrt",
        "fabs", "exp2", "deg2rad", "rad2deg", "degrees", "radians",
    }
)  # fmt: skip
#: element-wise functions whose results are booleans (x[np.isnan(x)] = 0 is a mask)
BOOL_RESULTS = frozenset({"isnan", "isfinite", "isinf", "logical_not", "signbit"})
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
    "logical_and": "logical",
    "logical_or": "logical",
    "logical_xor": "logical",
    "heaviside": "heaviside",
    "floor_divide": "floordiv",
    "mod": "mod",
    "remainder": "mod",
    "fmax": "maximum",
    "fmin": "minimum",
    **dict.fromkeys(
        ("equal", "not_equal", "greater", "greater_equal", "less", "less_equal"), "compare"
    ),
}
#: element-wise functions whose results are floats whatever numbers they are given
FLOAT_RESULTS = frozenset(
    {
        "arcsin",
        "arccos",
        "arctan",
        "arcsinh",
        "arccosh",
        "arctanh",
        "cbrt",
        "fabs",
        "exp2",
        "deg2rad",
        "rad2deg",
        "degrees",
        "radians",
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
    {"sum", "mean", "max", "min", "amax", "amin", "argmax", "argmin", "std", "var", "prod",
     "all", "any"}
)  # fmt: skip
#: reductions that are NumPy functions only (arrays have no .median())
FUNCTION_REDUCTIONS = frozenset(
    {"median", "nanmedian", "nanmean", "nansum", "nanprod", "nanmax", "nanmin", "nanstd",
     "nanvar", "nanargmax", "nanargmin", "count_nonzero"}
)  # fmt: skip
RANDOM_SHAPED = frozenset({"randn", "rand"})
RANDOM_SIZED = {  # parameters before size
    "random": (),
    "random_sample": (),
    "standard_normal": (),
    "normal": ("loc", "scale"),
    "uniform": ("low", "high"),
    "randint": ("low", "high"),
    "integers": ("low", "high"),
    "binomial": ("n", "p"),
    "poisson": ("lam",),
    "geometric": ("p",),
    "exponential": ("scale",),
    "standard_exponential": (),
    "laplace": ("loc", "scale"),
    "logistic": ("loc", "scale"),
    "lognormal": ("mean", "sigma"),
    "beta": ("a", "b"),
    "gamma": ("shape", "scale"),
    "chisquare": ("df",),
    "choice": ("a",),
    "permutation": (),
    "standard_t": ("df",),
    "f": ("dfnum", "dfden"),
    "standard_gamma": ("shape",),
    "standard_cauchy": (),
    "weibull": ("a",),
    "pareto": ("a",),
    "power": ("a",),
    "rayleigh": ("scale",),
    "gumbel": ("loc", "scale"),
    "triangular": ("left", "mode", "right"),
    "wald": ("mean", "scale"),
    "vonmises": ("mu", "kappa"),
    "negative_binomial": ("n", "p"),
    "zipf": ("a",),
    "logseries": ("p",),
    "noncentral_chisquare": ("df", "nonc"),
    "noncentral_f": ("dfnum", "dfden", "nonc"),
    "hypergeometric": ("ngood", "nbad", "nsample"),
}
#: the random functions that draw a vector each time: its length is the last axis
RANDOM_VECTORS = {"dirichlet": ("alpha",), "multivariate_normal": ("mean", "cov"),
                  "multinomial": ("n", "pvals")}  # fmt: skip
#: the random functions that draw whole numbers
_RANDOM_INTEGERS = frozenset(
    {"randint", "integers", "binomial", "poisson", "geometric", "negative_binomial", "zipf",
     "logseries", "hypergeometric", "multinomial"}
)  # fmt: skip
#: numpy.lib.stride_tricks.sliding_window_view, as its name is followed
WINDOWS = "lib.stride_tricks.sliding_window_view"
#: functions with shapes of their own rules (see :func:`_rearranged` and :func:`_combined`)
MORE = frozenset(
    {"outer", "inner", "where", "sort", "argsort", "swapaxes", "moveaxis", "atleast_1d", "atleast_2d",
     "atleast_3d", "repeat", "split", "array_split", "tensordot", "random.RandomState",
     "cumsum", "cumprod", "flip", "roll", "diag", "linalg.norm", "linalg.inv", "linalg.det",
     "einsum", "broadcast_to", "copyto", "insert", "apply_along_axis", "vectorize",
     "take_along_axis", "put_along_axis", "pad", "resize", "diff", "linalg.pinv", "fromiter",
     "triu", "tril", "rot90", "kron", "take", "delete", "average", "meshgrid", "broadcast_arrays",
     "linalg.solve", "corrcoef", "cov", "ptp", "diagflat", "digitize", "searchsorted", "interp",
     "histogram", "convolve", "polyfit", "unique", "bincount", "fromfunction", "put",
     "putmask", "place", "fill_diagonal"}
    | {f"linalg.{name}" for name in ("svd", "svdvals", "qr", "cholesky", "eigh", "eigvalsh",
                                     "eig", "eigvals", "lstsq", "matrix_power", "matrix_rank",
                                     "slogdet", "cond")}
)  # fmt: skip
#: the named tuples np.linalg returns, by their name, and their fields (``np.linalg.svd(a).S``)
RESULT_FIELDS = {
    "numpy.linalg.SVDResult": ("U", "S", "Vh"),
    "numpy.linalg.QRResult": ("Q", "R"),
    "numpy.linalg.EighResult": ("eigenvalues", "eigenvectors"),
    "numpy.linalg.EigResult": ("eigenvalues", "eigenvectors"),
    "numpy.linalg.SlogdetResult": ("sign", "logabsdet"),
}
#: functions that take arrays of text as well as of numbers (np.sort(["b", "a"]) runs)
TEXT_TOO = frozenset(
    {"where", "sort", "argsort", "swapaxes", "moveaxis", "atleast_1d", "atleast_2d",
     "atleast_3d", "repeat", "split", "array_split", "flip", "roll", "diag"}
)  # fmt: skip
_OWN_RULES = (
    CREATION | LIKE | CONVERSION | ELEMENTWISE | REDUCTIONS | set(BINARY_FUNCTIONS)
    | {"arange", "eye", "identity", "expand_dims", "transpose", "reshape", "shape", "ndim",
       "ndindex",
       "size", "linspace", "random.seed", "random.default_rng", "squeeze", "ravel", "clip",
       "random.shuffle", "row_stack", "nan_to_num",
       "allclose", "isclose", "dtype", "array_equal", "triu_indices", "tril_indices"}
    | MORE
    | JOINING
    | {"set_printoptions"}  # its keywords checked (np.printoptions checks them only entered)
    | {"percentile", "nanpercentile", "quantile", "nanquantile", "fliplr", "flipud",
       WINDOWS}
    | FUNCTION_REDUCTIONS
    | {f"random.{name}" for name in RANDOM_SHAPED | set(RANDOM_SIZED) | set(RANDOM_VECTORS)}
    | {f"testing.{name}" for name in ("assert_equal", "assert_array_equal", "assert_allclose",
                                      "assert_array_almost_equal", "assert_almost_equal")}
)  # fmt: skip
#: NumPy's functions shapekit follows: by rules of its own, or by asking NumPy on stand-ins
KNOWN_FUNCTIONS = _OWN_RULES | set(ORACLE_FUNCTIONS)


#: the keywords a ufunc takes (np.exp(x, axis=1) is Python's TypeError)
_UFUNC_KEYWORDS = frozenset({"out", "where", "casting", "order", "dtype", "subok", "signature"})
_UFUNCS = (ELEMENTWISE - {"round", "around"}) | (set(BINARY_FUNCTIONS) - {"dot"})
#: the same, for the module that calls them (see _access._cast_into_out)
UFUNCS = _UFUNCS
#: the ufuncs of one array (np.exp(x, out)): a second positional argument is out=
_UNARY_UFUNCS = ELEMENTWISE - {"round", "around"}
#: NumPy's functions of numbers that no array of text or of other objects has a loop for
_MATH_UFUNCS = frozenset(
    {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "sin", "cos",
     "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh",
     "arctanh"}
)  # fmt: skip


#: NumPy's functions whose value is worked out for one number whose value is known
_VALUED = frozenset({"sqrt", "exp", "log", "log2", "log10", "abs", "absolute", "square",
                     "negative", "floor", "ceil", "cbrt", "fabs", "reciprocal"})  # fmt: skip


def _value_of_number(name: str, given: Operand) -> Any:
    """``np.sqrt(0.5)``: NumPy's number (as an array of 0 dimensions), when ``given`` is a
    number whose value is known and the result is a finite number; else None (``np.log(0)``
    warns, or raises under ``np.seterr``)."""
    value = array_value(given) if given.kind in ("number", "array") else None
    if value is None or value.dtype.kind not in "if":
        return None
    import numpy as np

    with np.errstate(all="ignore"):
        found = getattr(np, name)(value)
    if found.dtype.kind not in "if" or not np.isfinite(found) or not np.isfinite(value):
        return None
    if (name == "sqrt" and value < 0) or (name.startswith("log") and value <= 0):
        return None  # a warning, which the file may make an error
    return np.asarray(found)


#: the ufuncs of two arrays whose methods reduce, accumulate and outer are followed, by
#: the reduction each reduce is
UFUNC_METHODS = {"add": "sum", "multiply": "prod", "maximum": "max", "minimum": "min",
                 "logical_and": "all", "logical_or": "any", "subtract": None, "divide": None,
                 "true_divide": None, "power": None}  # fmt: skip


def _ufunc_at(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``np.add.at(E, ids, d)``: the part ``E[ids]`` selects (an index past the end is NumPy's
    IndexError), into which ``d`` must broadcast (else NumPy's ValueError); E is written in
    place, and None is returned."""
    from shapekit.engine._access import subscript
    from shapekit.engine._operands import values_written

    if kwargs or len(args) not in (2, 3) or len(node.args) != len(args):
        values_written()
        return w.cannot(node)
    if any(isinstance(a, ast.Starred) for a in node.args) or args[0].kind != "array":
        values_written()
        return w.cannot(node)
    picked = ast.copy_location(
        ast.Subscript(value=node.args[0], slice=node.args[1], ctx=ast.Load()), node
    )
    picked.end_lineno, picked.end_col_offset = node.end_lineno, node.end_col_offset
    part = subscript(w, picked, args[0], args[1])
    shape, given = array_shape(part), array_shape(args[2]) if len(args) == 3 else ()
    if isinstance(shape, tuple) and isinstance(given, tuple) and _broadcast(shape, given) != shape:
        raise w.refuse(
            node,
            "call",
            f"{w.source(node.args[2])} has shape {format_shape(given)}, and the part of "
            f"{w.source(node.args[0])} that {w.source(node.args[1])} selects has shape "
            f"{format_shape(shape)}: it does not broadcast into it (NumPy raises a "
            "ValueError: array is not broadcastable to correct shape)",
            raises="ValueError",
        )
    values_written()  # (E changed in place: no array's values known before are used)
    return from_python(None)


def _ufunc_method(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.add.reduce(x, axis=0)`` (axis 0 unless said), ``np.add.accumulate(x, axis=0)``
    (the shape kept) and ``np.multiply.outer(a, b)`` (``a``'s shape then ``b``'s)."""
    ufunc, method = name.rsplit(".", 1)
    _refuse_keywords(w, node, f"np.{name}", kwargs)
    if method == "at":
        return _ufunc_at(w, node, args, kwargs)
    stop = w.merge_unknown(node, *args, *kwargs.values())
    if stop is not None:
        return stop
    if method == "outer":
        if len(args) != 2 or kwargs:
            return w.cannot(node)
        a, b = (array_shape(o) for o in args)
        if not isinstance(a, tuple) or not isinstance(b, tuple):
            return w.cannot(node)
        if ufunc == "subtract" and "b" in (dtype_of(args[0]), dtype_of(args[1])):
            return w.cannot(node)  # booleans are not subtracted (a TypeError, not judged here)
        kind = result_kind(BINARY_FUNCTIONS[ufunc], dtype_of(args[0]), dtype_of(args[1]))
        return array((*a, *b), dtype=kind)
    first = _param(args, kwargs, 0, "array")
    found = array_shape(first) if first is not None else None
    if (
        first is None
        or len(args) > 2
        or set(kwargs) - {"array", "axis", "keepdims"}
        or not isinstance(found, tuple)
        or not found  # of a single number: not followed
    ):
        return w.cannot(node)
    axis = _param(args, kwargs, 1, "axis")
    if method == "accumulate":
        if set(kwargs) - {"array", "axis"}:
            return w.cannot(node)
        if axis is not None and axis.kind != "number":
            return w.cannot(node)
        try:
            _axis_of(w, node, axis or number(0), len(found))
        except _Unknown:
            return w.cannot(node)
        return array(found, dtype=dtype_of(first))
    reduction = UFUNC_METHODS[ufunc]
    if reduction is None:
        return w.cannot(node)
    named = {k: v for k, v in kwargs.items() if k == "keepdims"}
    return _reduce(w, node, reduction, first, found, axis or number(0), named)


def _numpy(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    if (
        name.endswith((".reduce", ".accumulate", ".outer", ".at"))
        and name.rsplit(".", 1)[0] in UFUNC_METHODS
    ):
        return _ufunc_method(w, node, name, args, kwargs)
    if name.startswith("testing."):
        return _testing_assert(w, node, name, args, kwargs)
    if name == "ndindex":
        return _ndindex(w, node, args, kwargs)
    if (name in BINARY_FUNCTIONS or name in ELEMENTWISE) and any(
        a.kind == "instance" for a in args
    ):  # np.dot(act, w) for np.dot(act.output, w): no array
        inert = getattr(w.host, "inert_instance", None)
        operands = args[: len(node.args)]
        if (
            inert is not None
            and len(operands) == len(node.args)
            and not any(isinstance(a, ast.Starred) for a in node.args)
            and all(inert(a) for a in operands if a.kind == "instance")
            and not any(_has_method(a, name) for a in operands)
            and all(a.kind in ("array", "number", "list", "tuple", "instance") for a in operands)
        ):
            op = BINARY_FUNCTIONS.get(name, "call")
            raise w.inert_refused(node, op, tuple(node.args), tuple(operands), f"np.{name}")
    if (
        name in BINARY_FUNCTIONS
        and BINARY_FUNCTIONS[name] in ("dot", "matmul", "add", "sub", "mul", "div")
        and len(args) >= 2
        and any(a.kind == "str" for a in args[:2])
        and all(
            a.kind in ("str", "number") or (a.kind == "array" and a.dtype in ("f", "i", "b"))
            for a in args[:2]
        )
        and any(a.kind in ("array", "number") for a in args[:2])
    ):  # np.dot(w, inputs) with w a key of a dict (for w, b in layer.items()): text
        text = next(i for i, a in enumerate(args[:2]) if a.kind == "str")
        raise w.refuse(
            node,
            "call",
            f"np.{name} computes with numbers, and {w.source(node.args[text]) if len(node.args) > text else 'one of them'} "
            "is text (a str): NumPy has no loop for it (a TypeError: ufunc did not contain a "
            "loop with signature matching types); a loop over a dict's .items() gives each "
            "key first, then its value",
            raises="UFuncTypeError",
        )
    if name == "matmul" and kwargs.keys() & {"axes", "axis", "keepdims"}:
        return w.cannot(node, "np.matmul over axes= of its own, which shapekit does not follow")
    if name in _UFUNCS and (kwargs.keys() - _UFUNC_KEYWORDS):
        wrong = sorted(kwargs.keys() - _UFUNC_KEYWORDS)[0]
        raise w.refuse(
            node,
            "call",
            f"np.{name}() got an unexpected keyword argument '{wrong}' (Python raises a "
            f"TypeError): np.{name} works element by element and takes no {wrong}",
            raises="TypeError",
        )
    if (
        name in _UNARY_UFUNCS
        and len(args) == 2
        and len(node.args) == 2
        and args[1].kind in ("number", "list", "tuple", "str")
    ):  # np.exp(x, 2): the second place is out=, an array to write into
        raise w.refuse(
            node,
            "call",
            f"np.{name} works on one array; what comes second, {w.source(node.args[1])}, is "
            "taken for out=, the array to write the result into (NumPy raises a TypeError: "
            "return arrays must be of ArrayType)",
            raises="TypeError",
        )
    _check_arguments(w, node, name, args, kwargs)
    if (
        name in _MATH_UFUNCS
        and args
        and args[0].kind == "array"
        and args[0].dtype == "x"
        and args[0].error is not None
    ):  # np.exp of text, or of an array holding a map object: NumPy has no loop for them
        raise w.refuse(
            node,
            "call",
            f"np.{name} computes with numbers, and {args[0].error.message} (NumPy raises a "
            f"TypeError: ufunc '{name}' not supported for the input types)",
            raises="TypeError",
        )
    starred = any(isinstance(a, ast.Starred) for a in node.args)
    placed_out = (
        name in BINARY_FUNCTIONS
        and len(args) == 3
        and (len(node.args) == 3 or starred)  # (np.add(*(a, b, x)): x is out= too)
        and "out" not in kwargs
    )
    if placed_out:  # np.matmul(x, w.T, b): the third place is out=, where the result goes
        args, kwargs = args[:2], {**kwargs, "out": args[2]}
    # a dtype or an order given by place is checked as one given by keyword
    # (np.concatenate(a, b): b taken for the axis is said with its fix by check_one_sequence)
    placed = named_arguments(name, args, kwargs, skip=("a", "axis") if name in JOINING else ("a",))
    _check_values(w, node, name, [], placed)
    if name in _WHOLE_NUMBERS:
        _whole_numbers_refused(
            w, node, name, _param(args, kwargs, 0, _FIRST.get(name, "a")), placed
        )
    if name == "digitize":
        _monotonic_bins(w, node, _param(args, kwargs, 1, "bins"))
    by_keyword = sorted(set(kwargs) & _POSITIONAL_ONLY.get(name, frozenset()))
    if by_keyword:  # np.where(c, x=a, y=b): NumPy takes them by place only
        said = ", ".join(by_keyword)
        raise w.refuse(
            node,
            "call",
            f"np.{name}() takes {said} by place only, not by keyword (Python raises a "
            f"TypeError: {name}() refuses the keyword {said})",
            raises="TypeError",
        )
    unexpected = _unexpected_keywords(name, kwargs)
    if unexpected:  # np.concatenate(arrays=…): NumPy has no such parameter
        raise w.refuse(
            node,
            "call",
            f"np.{name}() has no parameter {unexpected[0]} (Python raises a TypeError: "
            f"{name}() got an unexpected keyword argument '{unexpected[0]}')",
            raises="TypeError",
        )
    if name in _NONE_REFUSED and len(args) == len(node.args):
        # the operands: one for np.exp (whose second place is out=, None by default), two
        # for np.maximum or np.dot
        first_two = tuple(args[: 1 if name in _UNARY_UFUNCS else 2])
        if any(a.kind == "none" for a in first_two) and not any(
            a.kind in ("unknown", "error") for a in first_two
        ):
            raise w.refuse_none(node, "call", tuple(node.args[:2]), first_two, f"np.{name}")
    # (np.add(*(a, b)): read as np.add(a, b); an out= given by place is still written there)
    node = placed_call(node, len(args) + placed_out)
    if name not in ORACLE_FUNCTIONS or name in _OWN_RULES:
        result = _numpy_result(w, node, name, args, kwargs)
        if result.kind == "unknown" and name in ORACLE_FUNCTIONS:  # a form without a rule
            result = asked(w, node, name, args, kwargs) or result
        elif result.kind != "unknown" and name in VALIDATED:  # np.round(x, "3")
            result = validate(w, node, name, args, kwargs) or result
    else:  # NumPy itself, asked on stand-ins of the arrays
        result = (
            asked(w, node, name, args, kwargs)
            or w.merge_unknown(node, *args, *kwargs.values())
            or w.cannot(
                node,
                _NOT_ASKED
                if name in ORACLE_VALUED
                else "which cannot be followed without running the file",
            )
        )
    if args:
        c_order = not kwargs.keys() - {"a", "shape", "newshape"} and len(args) <= (
            2 if name == "reshape" else 1
        )
        result = read_only_kept(name, args[0], result, c_order)
        if name == "take":  # np.take(y, order[:4]): y's labels, which ones not known
            result = drawn_kept(result, args[0])
    if result.kind == "array" and args and args[0].kind == "array" and name in _MAY_BE_SAME:
        same = _same_object(name, node, args, kwargs)
        if same:
            return args[0]  # np.asarray(w): w itself (b.shape = … reshapes w too)
        if same is None:
            return may_be(w, args[0], result)
    where = kwargs.get("where")
    if where is not None and where.kind != "none" and result.kind == "array":
        result = _where_fits(w, node, name, args, where, result)
    out = kwargs.get("out")
    out_node = next((k.value for k in node.keywords if k.arg == "out"), None)
    if placed_out and not starred:
        out_node = node.args[2]
    if (
        out is None
        and name in _UNARY_UFUNCS
        and len(args) == len(node.args) == 2
        and args[1].kind == "array"
    ):  # np.exp(x, buffer): the second place is out=
        out, out_node = args[1], node.args[1]
    if name == "dot" and out is not None:
        _dot_into(w, node, args, result, out, out_node)
    if name in _REDUCED_INTO_OUT:
        return reduced_into_out(w, node, name, result, kwargs, args[0] if args else None)
    if name in _UFUNCS and out is not None and result.kind == "array" and result.shape is not None:
        given = array_shape(out)
        if isinstance(given, tuple) and _broadcast(result.shape, given) != given:
            raise w.refuse(
                node,
                "call",
                f"the result has shape {format_shape(result.shape)}, which does not fit in "
                f"out={w.source(out_node) if out_node is not None else '…'}"
                f" of shape {format_shape(given)} (NumPy raises a ValueError: non-broadcastable "
                "output operand)",
                raises="ValueError",
            )
        if isinstance(given, tuple):  # the result is written there, and out is returned
            if out.kind == "array":
                return _written_into(w, out, result, given)
            return array(given, dtype=out.dtype or result.dtype)
    if name == "dot" and out is not None and out.kind == "array" and result.kind == "array":
        return out
    return result


def _monotonic_bins(w: Walker, node: ast.Call, bins: Operand | None) -> None:
    """``np.digitize(x, bins)`` of bins whose values are known: NumPy's ValueError when they
    go neither up nor down throughout."""
    edges = (
        array_value(bins) if bins is not None and bins.kind in ("array", "list", "tuple") else None
    )
    if edges is None or edges.ndim != 1 or edges.size < 2 or edges.dtype.kind not in "iuf":
        return
    import numpy as np

    if edges.dtype.kind == "f" and not np.isfinite(edges).all():
        return  # (NaN or inf edges: not judged here)
    steps = np.diff(edges)
    if (steps >= 0).all() or (steps <= 0).all():
        return
    raise w.refuse(
        node,
        "call",
        f"its bins {edges.tolist()!r} go neither up nor down throughout (NumPy raises a "
        "ValueError: bins must be monotonically increasing or decreasing); np.sort(bins) puts "
        "them in order",
        raises="ValueError",
    )


def _dot_into(
    w: Walker,
    node: ast.Call,
    args: Args,
    result: Operand,
    out: Operand,
    out_node: ast.expr | None,
) -> None:
    """``np.dot(a, b, out=o)`` (``a.dot(b, o)``): NumPy writes the product into ``o`` only
    when ``o`` has exactly its shape and its dtype and is C-contiguous (else a ValueError)."""
    if result.kind != "array" or result.shape is None:
        return
    given = array_shape(out)  # np.dot writes into out only of exactly its shape
    if isinstance(given, tuple) and given != result.shape:
        raise w.refuse(
            node,
            "call",
            f"the product has shape {format_shape(result.shape)}, and out= has shape "
            f"{format_shape(given)} (NumPy raises a ValueError: output array has wrong "
            "dimensions)",
            raises="ValueError",
        )
    kinds = {k: v for k, v in KIND_WORDS.items() if k != "c"}
    if (
        isinstance(given, tuple)
        and out.kind == "array"
        and out.dtype in kinds
        and result.dtype in kinds
        and out.dtype != result.dtype
        and all(a.kind == "array" and a.shape for a in args[:2])
    ):  # np.dot writes only into an array of the product's own dtype
        raise w.refuse(
            node,
            "call",
            f"the product holds {kinds[result.dtype]}, and out= holds {kinds[out.dtype]} "
            "(NumPy raises a ValueError: output array is not acceptable (must have the "
            "right datatype, number of dimensions, and be a C-Array))",
            raises="ValueError",
        )
    product = product_width(w, node) if out_node is not None else None
    written = written_width(w, out_node) if product is not None and out_node else None
    if product is not None and written is not None and product != written:
        raise w.refuse(
            node,
            "call",
            f"the product holds {product}, and out= holds {written} (NumPy raises a "
            "ValueError: output array is not acceptable (must have the right datatype, "
            "number of dimensions, and be a C-Array)); np.dot writes only into an array "
            "of the product's own dtype",
            raises="ValueError",
        )
    if isinstance(given, tuple) and out.kind == "array" and not _c_contiguous(out):
        raise w.refuse(
            node,
            "call",
            "out= is not laid out row after row in one block of memory (NumPy raises a "
            "ValueError: output array is not acceptable (must have the right datatype, "
            "number of dimensions, and be a C-Array)); np.dot writes only into such an "
            "array",
            raises="ValueError",
        )
    if (
        isinstance(given, tuple)
        and out.kind == "array"
        and out.dtype == result.dtype == "f"
        and (product is None or written is None or out.strides is None)
    ):  # whether NumPy takes out= depends on what shapekit does not know
        refused = w.refuse(
            node,
            "call",
            "np.dot writes into out= only when out= holds floats of the product's own width "
            "(float32 or float64) and is C-contiguous, which shapekit cannot tell here "
            "(NumPy raises a ValueError if not: output array is not acceptable)",
            raises="ValueError",
        )
        refused.depends = UNDECIDED  # (the message says what it depends on)
        possible(w, refused, f"whether np.dot takes out= at {w.where(node)}")


def _c_contiguous(op: Operand) -> bool:
    """Whether the array ``op`` is C-contiguous (True too when its layout is not known)."""
    if op.strides is None or op.shape is None or 0 in op.shape:
        return True
    expected = c_strides(op.shape)
    return all(d <= 1 or s == e for d, s, e in zip(op.shape, op.strides, expected, strict=True))


def _written_into(w: Walker, out: Operand, result: Operand, given: Shape) -> Operand:
    """``np.add(a, b, out=x)``: x, holding the result's values from here on when they are
    known and NumPy writes them as they are (the same dtype, the same shape)."""
    host: Any = w.host
    fresh = array_value(result) if result.kind == "array" else None
    old = out.value
    if (
        fresh is None
        or old is None
        or getattr(old, "dtype", None) != fresh.dtype
        or fresh.shape != given
        or w.dry
        or not hasattr(host, "replace_held")
        or host.hypothetical
        or host.journaling
        or host.lazy is not None  # (a generator's body, read as far as running reads)
        or not host.on_every_path()  # (under `and`/`or`, after a return that may run …)
    ):
        return out
    made = replace(array(given, fresh, out.dtype), strides=out.strides, readonly=out.readonly)
    made = replace(made, memo={WRITTEN_HERE: True})  # (stamped after the write: see _Call)
    host.replace_held(out, made)
    return made


#: why a function of values (np.flatnonzero(x)) is not followed
_NOT_ASKED = "whose result depends on the values of its arrays, which shapekit does not know"

#: NumPy's functions with parameters taken by place only, as NumPy itself refuses them by
#: keyword (its signatures say more than it refuses: np.empty_like(prototype=x) runs, so
#: each entry is one NumPy refuses, checked by the tests against NumPy itself)
_POSITIONAL_ONLY: dict[str, frozenset[str]] = {
    "where": frozenset({"condition", "x", "y"}),
    "putmask": frozenset({"a"}),
    "inner": frozenset({"a", "b"}),
    "vdot": frozenset({"a", "b"}),
    "bincount": frozenset({"x"}),
    "packbits": frozenset({"a"}),
    "shares_memory": frozenset({"a", "b"}),
    "min_scalar_type": frozenset({"a"}),
    "concatenate": frozenset({"arrays"}),
    "concat": frozenset({"arrays"}),
    "reshape": frozenset({"a"}),
    "astype": frozenset({"x", "dtype"}),
    "cumulative_sum": frozenset({"x"}),
    "cumulative_prod": frozenset({"x"}),
    "matrix_transpose": frozenset({"x"}),
    "unstack": frozenset({"x"}),
}

#: the kinds of numbers in the order NumPy's rule "same_kind" casts them (to one at its
#: right, or the same, only)
_CAST_ORDER = "bifc"

#: NumPy's functions that may give back the array they are given, not a new one
_MAY_BE_SAME = frozenset(
    {"array", "asarray", "asanyarray", "ascontiguousarray", "asfortranarray", "atleast_1d",
     "atleast_2d", "atleast_3d", "squeeze", "nan_to_num"}
)  # fmt: skip


#: NumPy's functions (and array methods) that always give a view of the array they are
#: given (or the array itself): of a read-only array, a read-only one
ALWAYS_VIEWS = frozenset(
    {"squeeze", "expand_dims", "swapaxes", "moveaxis", "atleast_1d", "atleast_2d",
     "atleast_3d", "view"}
)  # fmt: skip


#: NumPy's functions (and array methods) that lay an array's numbers out in another shape,
#: in C order unless told another
_LAID_AGAIN = frozenset({"ravel", "reshape", "flatten"})


def read_only_kept(name: str, given: Operand, made: Operand, c_order: bool = False) -> Operand:
    """``made`` by ``np.<name>(given, …)`` (or ``given.<name>(…)``): read-only when it is a
    view of a read-only array (``np.squeeze(np.broadcast_to(b, (1, 3)))``); for a reshape in
    C order (``c_order``: no order given), of values known up to rounding when ``given``'s
    are."""
    if name in _LAID_AGAIN and c_order:
        made = laid_again(made, given)
    if (
        name in ALWAYS_VIEWS
        and given.kind == "array"
        and given.readonly
        and made.kind == "array"
        and not made.readonly
    ):
        return replace(made, readonly=True)
    return made


def _same_object(name: str, node: ast.Call, args: Args, kwargs: Kwargs) -> bool | None:
    """Whether ``np.<name>(x, …)`` of an array ``x`` gives ``x`` itself (True), a new array
    (False), or either, by what shapekit does not follow (None: a dtype, the memory order)."""
    first: Operand = args[0]
    ndim = len(first.shape) if first.shape is not None else None
    if name == "array" and _written_constant(node, "copy") not in (False, None):
        return False  # np.array(x) copies, unless told not to
    dtype = kwargs.get("dtype") or (args[1] if len(args) == 2 and name in CONVERSION else None)
    wanted = dtype_letter(dtype) if dtype is not None else None
    if wanted and first.dtype and wanted != first.dtype:
        return False  # another kind of number: a new array
    if len(node.args) != 1 or ndim is None:
        return False if name.startswith("atleast") or name == "squeeze" else None
    if name.startswith("atleast_"):
        return not kwargs and ndim >= int(name[-2])
    if name == "squeeze":
        return not kwargs and 1 not in (first.shape or ())
    if name == "nan_to_num":
        return _written_constant(node, "copy") is False and kwargs.keys() <= {"copy"}
    if name in ("ascontiguousarray", "asfortranarray"):
        return None  # whether it is laid out so already is not followed
    extra = kwargs.keys() - {"copy"}
    if not extra:
        return True
    ndmin = _written_constant(node, "ndmin")
    if type(ndmin) is int and ndmin > ndim:
        return False  # np.array(x, ndmin=3) of a matrix: a new array with an axis in front
    if extra == {"ndmin"} and type(ndmin) is int:
        return True
    return None  # dtype=, order=, like=: the same array only where nothing changes


def _written_constant(node: ast.Call, keyword: str) -> Any:
    """The constant written for ``keyword=`` in the call (``...`` when not a constant)."""
    for given in node.keywords:
        if given.arg == keyword:
            return given.value.value if isinstance(given.value, ast.Constant) else ...
    return ...


def may_be(w: Walker, given: Operand, made: Operand) -> Operand:
    """``made``, an array that may be ``given`` itself: a shape set in place on either one
    later leaves the other not known (only looked after in a file that sets shapes so)."""
    host: Any = w.host
    if w.dry or not hasattr(host, "may_alias") or not host.reshapes_in_place():
        return made
    host.may_alias.append((given, made))
    return made


def _where_fits(
    w: Walker, node: ast.Call, name: str, args: Args, where: Operand, result: Operand
) -> Operand:
    """``where=`` of a ufunc broadcasts with its operands (the result takes the shape of all
    of them), and ``where=`` of a reduction broadcasts to the array reduced; else NumPy's
    ValueError. The result (its shape once ``where=`` is in) when that is known."""
    found = array_shape(where)
    if not isinstance(found, tuple) or result.shape is None:
        return result if name not in _UFUNCS else w.cannot(node)
    keyword = next(k.value for k in node.keywords if k.arg == "where")
    if name in _UFUNCS:
        joined = _broadcast(result.shape, found)
        if joined is None:
            raise w.refuse(
                node,
                "broadcast",
                f"where={w.source(keyword)} has shape {format_shape(found)}, which does not "
                f"broadcast with the operands' shape {format_shape(result.shape)} (NumPy raises a "
                "ValueError: operands could not be broadcast together)",
                raises="ValueError",
            )
        return replace(result, shape=joined, value=None, memo={})
    if name in REDUCTIONS and args:
        reduced = array_shape(args[0])
        if isinstance(reduced, tuple) and _broadcast(reduced, found) != reduced:
            raise w.refuse(
                node,
                "broadcast",
                f"where={w.source(keyword)} has shape {format_shape(found)}, which does not "
                f"broadcast to the shape {format_shape(reduced)} of the array reduced (NumPy "
                "raises a ValueError)",
                raises="ValueError",
            )
    return result


def _cast_inputs(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> None:
    """NumPy's UFuncTypeError for ``np.add(x, 1.5, dtype=np.int32)``: a ufunc casts its
    inputs into ``dtype=`` by the rule ``same_kind``, which refuses floats to integers."""
    given = kwargs.get("dtype")
    if given is None or "casting" in kwargs or name == "dot" or dtype_letter(given) != "i":
        return
    for index, operand in enumerate(args[:2]):
        floats = operand.kind in ("array", "number") and dtype_of(operand) == "f"
        if floats and not (operand.kind == "number" and type(operand.value) is not float):
            raise w.refuse(
                node,
                "call",
                f"dtype= asks np.{name} to compute in whole numbers, and "
                f"{w.source(node.args[index])} holds floats: NumPy does not cast them so "
                f"(a UFuncTypeError: Cannot cast ufunc '{name}' input {index} from float to an "
                "integer dtype with casting rule 'same_kind'); round them first "
                "(np.rint(...).astype(int)) or compute in floats",
                raises="UFuncTypeError",
            )


def _ndindex(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``np.ndindex(W.shape)`` (or ``np.ndindex(3, 2)``): each index of an array of that
    shape, in C order, as a tuple of whole numbers (an iterator, read once)."""
    given = items_of(args[0]) if len(args) == 1 and args[0].kind == "tuple" else args
    dims = [a.value for a in given or ()]
    if (
        kwargs
        or given is None
        or not all(type(d) is int and d >= 0 for d in dims)
        or math.prod(dims) > MAX_ITEMS
    ):
        return w.cannot(node)
    places = itertools.product(*(range(d) for d in dims))
    made = tuple(sequence("tuple", tuple(number(i) for i in place)) for place in places)
    return Operand("iter", items=made, name="iter")


def _testing_assert(
    w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs | None = None
) -> Operand:
    """``np.testing.assert_equal(x.shape, (3, 4))``, ``assert_allclose(out, expected)``: the
    AssertionError running raises when the values written out (or known) differ, or two
    arrays (neither a single number) have different shapes; it returns None."""
    if len(args) < 2 or len(node.args) < 2:
        return from_python(None)
    first, second = args[0], args[1]
    fails = _known_assert(name, args, kwargs or {})
    values = (
        (_written_out(first), _written_out(second))
        if name == "testing.assert_equal"
        and first.kind in ("number", "list", "tuple")
        and second.kind in ("number", "list", "tuple")
        else (None, None)
    )
    if fails is None and values[0] is not None and values[1] is not None:
        # written out: compare them as NumPy does
        import numpy as np

        try:
            np.testing.assert_equal(*values)
            fails = False
        except AssertionError:
            fails = True
        except Exception:  # anything else: not judged
            fails = None
    if fails is None:
        shapes = array_shape(first), array_shape(second)
        if all(isinstance(found, tuple) and found for found in shapes) and shapes[0] != shapes[1]:
            fails = True
    if fails:
        shapes_said = ""
        if isinstance(array_shape(first), tuple) and isinstance(array_shape(second), tuple):
            shapes_said = (
                f" (shapes {format_shape(array_shape(first))} and "  # type: ignore[arg-type]
                f"{format_shape(array_shape(second))})"  # type: ignore[arg-type]
            )
        raise w.refuse(
            node,
            "call",
            f"np.{name} compares {w.source(node.args[0])} with {w.source(node.args[1])}, and "
            f"they differ{shapes_said}: NumPy raises an AssertionError",
            raises="AssertionError",
        )
    return from_python(None)


#: the keywords of NumPy's assertions that change what they compare (numbers written out)
_ASSERT_KEYWORDS = frozenset({"rtol", "atol", "decimal", "equal_nan", "err_msg", "verbose"})


def _known_assert(name: str, args: Args, kwargs: Kwargs) -> bool | None:
    """Whether ``np.testing.<name>`` of arrays whose values are known fails (NumPy itself is
    asked), or for ``assert_allclose`` of values known up to rounding, whether it fails
    whatever the rounding; None when not known."""
    import numpy as np

    given: dict[str, Any] = {}
    for key, held in kwargs.items():
        if key not in _ASSERT_KEYWORDS or held.kind not in ("number", "str") or held.value is None:
            return None
        given[key] = held.value
    if len(args) != 2:
        return None
    values = [
        array_value(a) if a.kind in ("array", "number", "list", "tuple") else None for a in args
    ]
    if all(v is not None and v.dtype.kind in "biuf" and v.size <= MAX_FILLED for v in values):
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                getattr(np.testing, name.removeprefix("testing."))(*values, **given)
            except AssertionError:
                return True
            except Exception:  # anything else: not judged
                return None
        return False
    if name != "testing.assert_allclose" or given.keys() - {"rtol", "atol", "err_msg", "verbose"}:
        return None
    shapes = [array_shape(a) for a in args]
    if not all(isinstance(found, tuple) for found in shapes) or (
        shapes[0] != shapes[1] and () not in shapes
    ):
        return None  # (assert_allclose broadcasts shapes: only a number against an array here)
    decided = approx_close(
        "allclose", args[0], args[1], float(given.get("rtol", 1e-7)), float(given.get("atol", 0))
    )
    return None if decided is None else not decided


def reduced_into_out(
    w: Walker, node: ast.Call, name: str, result: Operand, kwargs: Kwargs,
    reduced: Operand | None = None,
) -> Operand:  # fmt: skip
    """A reduction (``np.sum``, ``x.mean`` …) given ``out=``: written there when it has
    exactly the result's shape (and that array is what it returns), else NumPy's ValueError.
    ``reduced``: the array reduced (the positions ``argmax`` gives are below its axis's size)."""
    if name in ("argmax", "argmin") and reduced is not None and "out" not in kwargs:
        result = _positions_below(reduced, result)
    out = kwargs.get("out")
    if name not in _REDUCED_INTO_OUT or out is None or result.kind not in ("array", "number"):
        return result
    given, found = array_shape(out), array_shape(result)
    if not isinstance(given, tuple) or not isinstance(found, tuple):
        return result
    if given != found:
        raise w.refuse(
            node,
            "call",
            f"the result has shape {format_shape(found)}, and out= has shape "
            f"{format_shape(given)}: a reduction writes only into an array of exactly its "
            "result's shape (NumPy raises a ValueError)",
            raises="ValueError",
        )
    return array(given, dtype=out.dtype or result.dtype)


#: the key of an array's ``memo`` holding a number all its values are below (the positions
#: ``argmax`` gives along an axis are below that axis's size)
BELOW = "values below"


def _positions_below(given: Operand, result: Operand) -> Operand:
    """``x.argmax(axis=1)``: the result, knowing its values are below the size of the axis
    reduced (the largest such size, when which axis it was is not told by the shapes)."""
    shape, made = given.shape, result.shape if result.kind == "array" else None
    if shape is None or made is None or result.value is not None:
        return result
    if made == ():
        sizes = [size(shape)]
    else:
        sizes = [n for i, n in enumerate(shape) if shape[:i] + shape[i + 1 :] == made]
        sizes += [n for i, n in enumerate(shape) if (*shape[:i], 1, *shape[i + 1 :]) == made]
    if not sizes:
        return result
    # (stamped as values are: a write into the array since, and it is not known any more)
    return replace(result, memo={**result.memo, BELOW: max(sizes)}, made=written_count())


#: the reductions whose out= must have exactly the result's shape (checked against NumPy 2)
_REDUCED_INTO_OUT = frozenset(
    {"sum", "mean", "max", "min", "amax", "amin", "prod", "std", "var", "any", "all"}
    | {"argmax", "argmin"}
)

#: the NumPy functions that refuse None as one of their first two arguments (np.sum(None) and
#: np.array(None), for example, take it)
_NONE_REFUSED = frozenset(
    {"maximum", "minimum", "exp", "log", "sqrt", "tanh", "abs", "absolute", "add", "subtract"}
    | {"multiply", "divide", "true_divide", "power", "square", "dot", "matmul", "log1p"}
)


def _check_arguments(
    w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs,
    receiver: Operand | None = None,
) -> None:  # fmt: skip
    """Python's TypeError for arguments NumPy's signature refuses (a misspelt keyword, one
    missing or too many), with the keyword it likely meant as a fix; for a reduction, also
    a number where the dtype or ``out`` goes."""
    if receiver is None and name in JOINING and len(node.args) > 1:
        return  # np.vstack(a, b): said with its fix, np.vstack((a, b)), by check_one_sequence
    values = name in REDUCTIONS or (
        name in CONVERSION and receiver is None and (len(node.args) > 1 or "dtype" in kwargs)
    )  # np.array(3, 3): a number where the dtype goes
    dtypes = name not in CREATION  # (np.zeros(3, 4): said with its fix where shapes are read)
    found = refused_arguments(name, node, args, kwargs, receiver, values=values, dtypes=dtypes)
    if found is None:
        return
    reason, meant = found[0].replace("{call}", w.source(node.func)), found[1]
    candidates = None
    if meant in _VALUES_CHECKED:  # a fix offered is one whose value is checked too
        wrong = reason.rsplit("'", 2)[1]
        keyword = next(k for k in node.keywords if k.arg == wrong)
        lo = w.span(keyword)[0]
        candidates = w.replacing(lo, lo + len(wrong), meant, f"the keyword {meant}")
    said = f"; did you mean {meant}=?" if meant is not None else ""
    raise w.refuse(
        node,
        "call",
        f"{reason} (Python raises a TypeError when the file runs){said}",
        candidates,
        raises="TypeError",
    )


#: the keywords whose values shapekit checks as NumPy does: a misspelt one is fixed by
#: its name only when the value it is given is then checked too (np.argsort(x, ord=1) is
#: not fixed by order=1, which NumPy refuses for an array without fields)
_VALUES_CHECKED = frozenset({"axis", "axes", "keepdims", "dtype", "num", "shape", "decimals"})
#: the functions (and methods) whose order= is a field name of a structured array
_FIELD_ORDER = frozenset({"sort", "argsort", "partition", "argpartition", "lexsort"})


#: the functions (and methods) that refuse axis=True, as NumPy 2.4 does: those written in C
#: (the others take a bool for the whole number it is, np.linalg.norm(x, axis=True) say)
_BOOL_AXIS_REFUSED = frozenset(
    {"all", "amax", "amin", "any", "append", "apply_over_axes", "argmax", "argmin",
     "argpartition", "argsort", "compress", "concatenate", "count_nonzero", "cumprod",
     "cumsum", "cumulative_sum", "max", "mean", "min", "nancumsum", "prod", "repeat",
     "squeeze", "std", "sum", "take", "trapezoid", "var", "ptp", "nanmean", "nansum",
     "nanmax", "nanmin", "nanstd", "nanvar", "nanprod", "nanargmax", "nanargmin",
     "nancumprod"}
)  # fmt: skip


def _held_elsewhere(w: Walker, node: ast.Call, receiver: Operand) -> str | None:
    """Another name (or a list, or an attribute) holding the array ``x.resize(...)`` is
    called on, said as such; None when only the name it is called through holds it."""
    if receiver.kind != "array" or not isinstance(node.func, ast.Attribute):
        return None
    through = node.func.value.id if isinstance(node.func.value, ast.Name) else None
    host = w.host
    current = getattr(host, "frame", None)
    owner = current  # the frame whose binding `through` is: the call's, a closure's, the module's
    if through is not None and current is not None and through not in current.names:
        closure, owner = current.closure, getattr(host, "module", None)
        while closure is not None:
            if through in closure.frame.names:
                owner = closure.frame
                break
            closure = closure.frame.closure
    frames = list(getattr(host, "frames", ()))
    if owner is not None and all(owner is not f for f in frames):
        frames.append(owner)
    for frame in frames:
        for name, value in frame.names.items():
            if frame is owner and name == through:
                continue
            if value is receiver:
                return f"`{name}`"
            if value.kind in ("list", "tuple") and any(i is receiver for i in value.items or ()):
                return f"the {value.kind} `{name}`"
    return None


def _resized(
    w: Walker, node: ast.Call, receiver: Operand, args: Args, kwargs: Kwargs, why: str
) -> Operand:
    """What ``x.resize((4, 3))`` leaves in x: an array of that shape (its numbers cut, or
    zeros added). Where NumPy refuses (another array shares the data), running stops at
    the call, so only a ``try`` around it (which may go on with x as it was) leaves x
    unknown, as does a shape not known."""
    given = args[0] if len(args) == 1 else sequence("tuple", tuple(args))
    if kwargs.keys() - {"refcheck"} or not args:
        return unknown(why)
    items = (given,) if given.kind == "number" else items_of(given)
    dims = [i.value for i in items] if items is not None else [None]
    if getattr(w.host, "tries", True) or not all(type(d) is int and d >= 0 for d in dims):
        return unknown(why)
    return array(tuple(dims), dtype=receiver.dtype)  # type: ignore[arg-type]


#: the parameters of NumPy's functions that take whole numbers only (a float, even 2.0, is
#: NumPy's TypeError), alone or in a tuple or list
_WHOLE_NUMBERS = {
    "tile": ("reps",), "swapaxes": ("axis1", "axis2"), "broadcast_to": ("shape",),
    "diag": ("k",), "bincount": ("minlength",), "resize": ("new_shape",),
    "moveaxis": ("source", "destination"), "pad": ("pad_width",), "histogram": ("bins",),
    **dict.fromkeys(("zeros_like", "ones_like", "empty_like", "full_like"), ("shape",)),
}  # fmt: skip


#: the name of the array parameter of those functions, where it is not ``a``
_FIRST = {"tile": "A", "diag": "v", "bincount": "x", "broadcast_to": "array", "pad": "array",
          **dict.fromkeys(("zeros_like", "ones_like", "empty_like", "full_like"), "prototype")}  # fmt: skip


def _a_fraction(given: Operand, *, sequence: bool) -> float | None:
    """The float ``given`` is, or (with ``sequence``) one of the items of the tuple or list
    it is, a Python float or NumPy's; None when there is none known."""
    items = items_of(given) if sequence and given.kind in ("list", "tuple") else None
    for each in (given,) if items is None else items:
        value = _raw(each) if each.kind == "number" or each.shape == () else None
        if value is not None and (
            isinstance(value, float) or getattr(getattr(value, "dtype", None), "kind", "") == "f"
        ):
            return float(value)
    return None


def _small_alike(value: Any) -> Any:
    """A small number NumPy treats as it treats ``value`` where it takes whole numbers: 1 (or
    1.0) kept, any other whole number 2 (2.0 for a float), a fraction 1.5, of its own type."""
    plain = value.item() if hasattr(value, "item") else value  # (NumPy's numbers too)
    if not isinstance(plain, (int, float)) or isinstance(plain, bool) or plain in (0, 1):
        return value
    if isinstance(plain, float) and not (finite(plain) and plain == int(plain)):
        return type(value)(1.5) if finite(plain) else value
    return type(value)(2 if plain > 0 else -2)


def _whole_numbers_refused(
    w: Walker, node: ast.Call, name: str, data: Operand | None, kwargs: Kwargs
) -> None:
    """A float given where NumPy takes whole numbers (``np.tile(x, n / 2)``): NumPy itself
    is asked, on a stand-in of ``data`` (the array the function works on), whether it
    refuses it (``np.tile(x, 1.0)`` runs), and its TypeError is reported."""
    found = array_shape(data) if data is not None else None
    if not isinstance(found, tuple) or size(found) > 10_000:
        return
    for param in _WHOLE_NUMBERS.get(name, ()):
        given = kwargs.get(param)
        sequence = param != "bins"
        if given is None or _a_fraction(given, sequence=sequence) is None:
            continue
        items = items_of(given) if sequence and given.kind in ("list", "tuple") else None
        values = [_raw(each) for each in ((given,) if items is None else items)]
        if any(v is None or getattr(v, "ndim", 0) for v in values):
            continue  # (a number not known)
        values = [v[()] if hasattr(v, "ndim") else v for v in values]  # (NumPy's scalars)
        value = tuple(values) if items is not None else values[0]
        grown = max(size(found), 1) * math.prod(
            min(abs(v), 10**9) if finite(v) else 10**9
            for v in values
            if isinstance(v, (int, float)) and v
        )
        shape = found
        if grown > 1_000_000:  # np.tile(x, (10000, 1.5)): asked of a small stand-in, each
            shape = tuple(min(d, 2) for d in found)  # number made small, its kind and
            small = [_small_alike(v) for v in values]  # whether it is 1 or whole kept
            value = tuple(small) if items is not None else small[0]
        said = _numpy_refuses(
            name, shape, (dtype_of(data) if data is not None else None) or "f", param, value
        )
        if said is not None:
            shown = w.source(_keyword(node, param)) if param in _keywords(node) else None
            raise w.refuse(
                node,
                "call",
                f"{param}{'' if shown is None else ' ' + shown} is not made of whole numbers, "
                f"and np.{name}() takes whole numbers there (NumPy raises a TypeError: {said}); "
                "n // 2 or int(…) makes one",
                raises="TypeError",
            )


def _keywords(node: ast.Call) -> set[str]:
    return {k.arg for k in node.keywords if k.arg is not None}


@functools.lru_cache(maxsize=1024)
def _numpy_refuses(name: str, shape: Shape, kind: str, param: str, value: Any) -> str | None:
    """NumPy's TypeError when ``np.<name>`` of an array of ``shape`` (of the kind of numbers
    ``kind``) is given ``value`` for ``param``, None when it runs or raises something else."""
    import warnings

    import numpy

    stand_in = numpy.zeros(shape, {"i": "int64", "b": "bool"}.get(kind, "float64"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            getattr(numpy, name)(stand_in, **{param: value})
    except TypeError as error:
        return str(error)
    except Exception:  # (another error: not the one asked about)
        return None
    return None


def _check_values(w: Walker, node: ast.Call, name: str, dtypes: Args, kwargs: Kwargs) -> None:
    """The errors NumPy raises for a value it refuses, written out in the call: an axis
    that is not a whole number (``axis=1.0``, ``axis="0"``), a dtype name it does not know
    (``dtype="flot"``, ``astype("int33")``), an ``order`` other than C, F, A or K."""
    axis = kwargs.get("axis")
    if axis is not None and axis.kind == "list" and name in REDUCTIONS:
        # a tuple of axes, yes; a list, no (np.flip, np.expand_dims … take a list too)
        raise w.refuse(
            node,
            "call",
            "the axis is a list, and NumPy's reductions take a whole number or a tuple of "
            "them (Python raises a TypeError: 'list' object cannot be interpreted as an "
            "integer); write a tuple, axis=(0, 1)",
            raises="TypeError",
        )
    decimals = kwargs.get("decimals")
    if decimals is not None and decimals.kind == "number" and type(decimals.value) is float:
        raise w.refuse(
            node,
            "call",
            f"decimals={decimals.value!r} is not a whole number (Python raises a TypeError: "
            "'float' object cannot be interpreted as an integer)",
            raises="TypeError",
        )
    if name == "linalg.norm":
        axis = None  # its axis is made a tuple and read by Python's int(): 1.0 and True go
    if axis is not None and (
        (axis.kind == "number" and type(axis.value) is float)
        or (axis.kind == "number" and type(axis.value) is bool and name in _BOOL_AXIS_REFUSED)
        or axis.kind == "str"
    ):
        what = type(axis.value).__name__ if axis.value is not None else "number"
        raise w.refuse(
            node,
            "call",
            f"axis={axis.value!r} is not a whole number (Python raises a TypeError: '{what}' "
            "object cannot be interpreted as an integer)"
            if what != "bool"
            else f"axis={axis.value!r} is not a whole number (NumPy raises a TypeError)",
            raises="TypeError",
        )
    for dtype in [*dtypes[:1], *([kwargs["dtype"]] if "dtype" in kwargs else [])]:
        text = dtype.value if dtype.kind == "str" else None
        if isinstance(text, str) and len(text) <= 64 and not _known_dtype(text):
            raise w.refuse(
                node,
                "call",
                f"NumPy does not know the dtype {text!r} (a TypeError: data type {text!r} not "
                "understood); float, int, 'float32' or 'int64' are dtypes",
                raises="TypeError",
            )
    # (to sort, order= names the fields of a structured array, not the layout)
    order = kwargs.get("order") if name not in _FIELD_ORDER else None
    text = order.value if order is not None and order.kind == "str" else None
    if isinstance(text, str):
        if text.upper() not in ("C", "F", "A", "K") or len(text) != 1:
            raise w.refuse(
                node,
                "call",
                f"order must be one of 'C', 'F', 'A', or 'K' (NumPy raises a ValueError: got "
                f"{text!r})",
                raises="ValueError",
            )
        if text.upper() == "K" and name == "reshape":
            raise w.refuse(
                node,
                "call",
                "order 'K' is not permitted for reshaping (NumPy raises a ValueError)",
                raises="ValueError",
            )


def _known_dtype(text: str) -> bool:
    """Whether NumPy takes ``text`` for a dtype (it only parses it)."""
    import numpy

    try:
        numpy.dtype(text)
    except TypeError:
        return False
    except (ValueError, SyntaxError):  # a malformed structure: not judged here
        return True
    return True


def _broadcast(a: Shape, b: Shape) -> Shape | None:
    """The shape NumPy broadcasts ``a`` and ``b`` to, or None when they do not broadcast."""
    out = []
    for x, y in zip(reversed((1,) * (len(b) - len(a)) + tuple(a)),
                    reversed((1,) * (len(a) - len(b)) + tuple(b)), strict=True):  # fmt: skip
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y) if 0 not in (x, y) else 0)
    return tuple(reversed(out))


def _numpy_result(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    first = _param(args, kwargs, 0, "a")
    # a dtype (np.float32, np.int64…) changes no shape: what it is does not matter here
    slot = _DTYPE_SLOT.get(name)
    written_dtype = _written(node, 99 if slot is None else slot, "dtype")
    held = args[slot] if slot is not None and slot < len(args) == len(node.args) else None
    if (
        held is not None
        and slot is not None
        and (
            (held.kind == "number" and name in CONVERSION)
            or (
                held.kind == "list"
                and items_of(held)
                and all(i.kind in ("number", "list") for i in items_of(held) or ())
            )
        )
    ):  # np.array([1.0, 2.0], [3.0, 4.0]): the second list is taken for the dtype
        raise w.refuse(
            node,
            "call",
            f"np.{name} takes {w.source(node.args[slot])} in the place of the dtype, and it is "
            "no dtype (NumPy raises a TypeError"
            + (
                f": Cannot interpret '{w.source(node.args[slot])}' as a data type)"
                if held.kind == "number"
                else ": Field elements must be 2- or 3-tuples)"
            )
            + (
                "; the rows of one array go in one list: np.array([[…], […]])"
                if name in CONVERSION and held.kind == "list"
                else ""
            ),
            raises="TypeError",
        )
    if _object_dtype(written_dtype) and name not in CONVERSION:
        # np.empty(2, dtype=object): each element any Python object, a list, an array … (a
        # list written out keeps its shape, see below)
        return w.cannot(
            node, "an array of Python objects (dtype=object), which shapekit does not follow"
        )
    if _compound_dtype(written_dtype):
        # dtype=(float, (2, 3)) adds axes of its own, [("a", int), ("b", float)] takes some
        return w.cannot(
            node, "an array of a structured or sub-array dtype, which shapekit does not follow"
        )
    if written_dtype is not None and _named(written_dtype) and not _text_written(written_dtype):
        held = kwargs.get("dtype") or (
            args[slot] if slot is not None and slot < len(args) else None
        )
        if held is not None and _compound_held(held):  # dt = np.dtype(("i4", (2, 3)))
            return w.cannot(
                node,
                f"an array of the dtype {w.source(written_dtype)}, which may be a structured or "
                "sub-array dtype (that changes the shape): shapekit does not follow it",
            )
    shaping = [a for i, a in enumerate(args) if i != slot]
    stop = w.merge_unknown(node, *shaping, *(v for k, v in kwargs.items() if k != "dtype"))
    if name == "array_equal":  # one True or False: the values compared, when known
        if len(args) != 2 or kwargs.keys() - {"equal_nan"}:
            return w.cannot(node)
        values = [array_value(a) for a in args]
        shapes = [array_shape(a) for a in args]
        if all(isinstance(s, tuple) for s in shapes) and shapes[0] != shapes[1]:
            return number(False)  # arrays of two shapes are never equal
        if any(v is None or v.dtype.kind not in "biuf" for v in values):
            return number()
        import numpy as np

        nan = kwargs.get("equal_nan")
        if nan is not None and not (nan.kind == "number" and isinstance(nan.value, bool)):
            return number()
        return number(bool(np.array_equal(values[0], values[1], equal_nan=bool(nan and nan.value))))
    if name in ("allclose", "isclose"):  # compared element by element: shapes broadcast
        if len(node.args) < 2 or stop is not None:
            return stop or w.cannot(node)
        if any(o.kind not in ("array", "number", "list", "tuple") for o in args[:2]):
            return w.cannot(node)
        lo, hi = _inside(w, node)
        pair = (node.args[0], node.args[1])
        compared = w.numpy_binary(node, "compare", pair, (args[0], args[1]), lo, hi)
        return _close(name, args, kwargs, compared)
    if name in BINARY_FUNCTIONS:
        if len(args) != 2 or len(node.args) not in (2, 3) or stop is not None:
            return stop or w.cannot(node)
        if any(o.kind in ("function", "userfunc", "method") for o in args):
            # np.dot(input, w) for np.dot(inputs, w): a function is no number
            side = 0 if args[0].kind in ("function", "userfunc", "method") else 1
            meant = w.meant(node.args[side], args[side])
            raise w.refuse(
                node,
                "call",
                f"{w.source(node.args[side])} is {describe(args[side])}, not an array: "
                f"np.{name} cannot compute with it (running it raises a "
                f"{'ValueError' if name == 'matmul' else 'TypeError'})"
                + (f"; did you mean `{meant}`?" if meant else ""),
                w.renaming(node.args[side], meant),
                raises="ValueError" if name == "matmul" else "TypeError",
            )
        if any(o.kind not in ("array", "number", "list", "tuple") for o in args):
            return w.cannot(node)
        _cast_inputs(w, node, name, args, kwargs)
        lo, hi = _inside(w, node)
        pair = (node.args[0], node.args[1])
        made = w.numpy_binary(node, BINARY_FUNCTIONS[name], pair, (args[0], args[1]), lo, hi)
        if name in ("fmax", "fmin") and made.kind == "array" and made.value is not None:
            # np.maximum's shapes and kinds, not its values: fmax leaves a NaN out
            return replace(made, value=None)
        return made
    if name == "dtype":  # np.dtype("f8"): one kind of number (a structure stays unknown)
        spec = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if stop is not None or spec is None or _compound_dtype(spec):
            return stop or w.cannot(node, "a dtype shapekit does not follow")
        if _named(spec) and _compound_held(args[0]):
            return w.cannot(node, f"a dtype made of {w.source(spec)}, not followed")
        return Operand("function", name="numpy.dtype")
    if name == "row_stack":  # the old name of np.vstack (NumPy 2 warns, and still runs it)
        return joined(w, node, "vstack", args, kwargs) if stop is None else stop
    if name == "nan_to_num":  # the same shape, numbers in place of nan and inf
        found = array_shape(first) if first is not None else None
        if stop is not None or first is None or not isinstance(found, tuple):
            return stop or w.cannot(node)
        return array(found, dtype=dtype_of(first)) if found else number()
    if name == "random.shuffle":  # in place: returns None (x = np.random.shuffle(x) loses x)
        if stop is None and args:
            _shuffled_number(w, node, args[0])
        return from_python(None) if stop is None else stop
    if name in ("random.seed",):
        seed = _param(args, kwargs, 0, "seed")
        if seed is not None and seed.kind == "number" and seed.value is not None:
            if isinstance(seed.value, float):
                raise w.refuse(
                    node,
                    "call",
                    f"the seed {seed.value!r} is not a whole number (NumPy raises a TypeError: "
                    "Cannot cast scalar from dtype('float64') to dtype('int64'))",
                    raises="TypeError",
                )
            if isinstance(seed.value, int) and not 0 <= seed.value < 2**32:
                raise w.refuse(
                    node,
                    "call",
                    f"the seed {seed.value} is outside 0 to 2**32 - 1 (NumPy raises a ValueError)",
                    raises="ValueError",
                )
        return from_python(None)
    if name == "random.default_rng":
        seed = _param(args, kwargs, 0, "seed")
        fraction = _a_fraction(seed, sequence=True) if seed is not None else None
        value = seed.value if seed is not None and seed.kind == "number" else None
        if fraction is not None or (type(value) is int and value < 0):
            raise w.refuse(
                node,
                "call",
                f"the seed {w.source(_keyword(node, 'seed') if kwargs else node.args[0])} is "
                + (
                    "not a whole number (NumPy raises a TypeError); int(…) makes one"
                    if fraction is not None
                    else "negative (NumPy raises a ValueError: expected non-negative integer)"
                ),
                raises="TypeError" if fraction is not None else "ValueError",
            )
        return Operand("generator", name="numpy.random.Generator")
    if name == "random.RandomState":
        return Operand("generator", name="numpy.random.RandomState")
    if name.startswith("random."):
        return _random(w, node, name.removeprefix("random."), args, kwargs, generator=False)
    if name in JOINING and not any(a.kind == "error" for a in args):
        check_one_sequence(w, node, name, args)  # np.vstack(a, b) fails whatever a and b are
    if (
        name == "where"
        and len(args) == len(node.args) == 2
        and not kwargs
        and not any(isinstance(a, ast.Starred) for a in node.args)
    ):  # np.where(z > 0, z): what to take where the condition is false is missing
        raise w.refuse(
            node,
            "call",
            f"np.where takes the values for where the condition is true and for where it is "
            f"false, and {w.source(node)} gives only the first (NumPy raises a ValueError: "
            f"either both or neither of x and y should be given); np.where(cond, x, 0) takes "
            "0 elsewhere",
            w.replacing(w.span(node.args[1])[1], w.span(node.args[1])[1], ", 0", "0 elsewhere"),
            raises="ValueError",
        )
    if stop is not None:
        return stop
    if name == WINDOWS:
        return _windows(w, node, args, kwargs)
    if name in ("unique", "bincount"):
        return _counted(w, node, name, args, kwargs)
    if name == "einsum":
        return einsum(w, node, args, kwargs)
    if name == "fromiter":
        return _fromiter(w, node, args, kwargs)
    if name in ("meshgrid", "broadcast_arrays"):
        return _grids(w, node, name, args, kwargs)
    if name == "apply_along_axis":
        return _along_axis(w, node, args, kwargs)
    if name == "fromfunction":
        return _fromfunction(w, node, args, kwargs)
    if name == "take_along_axis":
        return _take_along_axis(w, node, args, kwargs)
    if name == "put_along_axis":
        return _put_along_axis(w, node, args, kwargs)
    if name == "vectorize":  # np.vectorize(f): f called on each element (see _vectorized)
        func = _param(args, kwargs, 0, "pyfunc")
        if func is None or func.kind not in ("userfunc", "partial") or len(args) > 1:
            return w.cannot(node)
        if kwargs.keys() - {"pyfunc", "otypes", "excluded"}:
            return w.cannot(node)
        excluded = kwargs.get("excluded")
        left_out = items_of(excluded) if excluded is not None else ()
        if left_out is None or any(i.kind != "str" or i.value is None for i in left_out):
            return w.cannot(node)  # (excluded by place, or names not written out)
        otypes = kwargs.get("otypes")
        kind = None
        if otypes is not None:
            kinds = {_dtype_letter_of(t) for t in items_of(otypes) or ()}
            if otypes.kind not in ("list", "tuple", "str") or len(kinds) != 1 or None in kinds:
                return w.cannot(node)  # (several outputs, or a type not known)
            kind = kinds.pop()
        made = Operand("vectorized", name=func.name, value=func, dtype=kind)
        made.memo["excluded"] = frozenset(i.value for i in left_out)
        return made
    if name == "fill_diagonal":  # in place (None back)
        if args:
            _diagonal_filled(w, node, args[0])
        return from_python(None)
    if name == "put":  # np.put(a, ind, v): writes v at the flat places ind (None back)
        _put_in_bounds(w, node, args, kwargs)
        return from_python(None)
    if name in ("putmask", "place"):  # np.putmask(a, mask, v): writes into a (None back)
        data = _param(args, kwargs, 0, "arr" if name == "place" else "a")
        mask = _param(args, kwargs, 1, "mask")
        into = array_shape(data) if data is not None and data.kind == "array" else None
        found = array_shape(mask) if mask is not None else None
        if isinstance(into, tuple) and isinstance(found, tuple) and size(into) != size(found):
            raise w.refuse(
                node,
                "call",
                f"the mask has {size(found)} elements and the array {size(into)} (NumPy "
                f"raises a ValueError: {name}: mask and data must be the same size)",
                raises="ValueError",
            )
        return from_python(None)
    if name == "copyto":  # np.copyto(dst, src): src stretched over dst, which keeps its shape
        dst, src = _param(args, kwargs, 0, "dst"), _param(args, kwargs, 1, "src")
        into = array_shape(dst) if dst is not None and dst.kind == "array" else None
        found = array_shape(src) if src is not None else None
        mine = dst.dtype if dst is not None and dst.kind == "array" else None
        theirs = (
            dtype_of(src)
            if src is not None and src.kind in ("array", "number", "list", "tuple")
            else "c"  # np.copyto(a, 1j): a complex number, written out
            if src is not None and src.kind == "other" and isinstance(src.value, complex)
            else None
        )
        theirs = (
            "c"  # np.copyto(a, [1j, 2, 3]): a list with a complex number
            if theirs is None and src is not None and complex_shape(src) is not None
            else theirs
        )
        if (
            "casting" not in kwargs
            and len(args) < 3
            and mine is not None
            and theirs is not None
            and mine in _CAST_ORDER
            and theirs in _CAST_ORDER
            and _CAST_ORDER.index(theirs) > _CAST_ORDER.index(mine)
        ):  # np.copyto(labels, probs): floats into whole numbers, not by the default rule
            words = {"b": "booleans", "i": "whole numbers", "f": "floats", "c": "complex numbers"}
            raise w.refuse(
                node,
                "call",
                f"np.copyto writes {words[theirs]} into an array of {words[mine]}, which the "
                "default casting rule 'same_kind' refuses (NumPy raises a TypeError: Cannot "
                "cast array data according to the rule 'same_kind'); casting='unsafe' casts "
                "them, or .astype() makes an array of the same kind",
                raises="TypeError",
            )
        width = width_of(dst) if dst is not None and dst.kind == "array" else None
        if width and src is not None and src.kind == "number" and type(src.value) is int:
            w.fits(node, "call", src.value, width, meets=", the integers it is copied into")
        if (
            width
            and width.startswith("uint")
            and "casting" not in kwargs
            and len(args) < 3
            and src is not None
            and src.kind == "array"
            and src.dtype == "i"
            and (width_of(src) or "uint").startswith("int")  # (a width not followed: no)
        ):  # np.copyto(u8, np.arange(3)): integers with a sign into ones without
            raise w.refuse(
                node,
                "call",
                f"np.copyto writes integers with a sign into an array of {width}, which the "
                "default casting rule 'same_kind' refuses (NumPy raises a TypeError: Cannot "
                f"cast array data to dtype('{width}') according to the rule 'same_kind'); "
                "casting='unsafe' casts them, or .astype() makes an array of the same kind",
                raises="TypeError",
            )
        masked = kwargs.get("where")
        masked_shape = array_shape(masked) if masked is not None and masked.kind != "none" else None
        if (
            isinstance(into, tuple)
            and isinstance(masked_shape, tuple)
            and _broadcast(masked_shape, into) != into
        ):
            raise w.refuse(
                node,
                "call",
                f"where= has shape {format_shape(masked_shape)}, which does not broadcast to the shape "
                f"{format_shape(into)} of the array written (NumPy raises a ValueError: could "
                "not broadcast where mask)",
                raises="ValueError",
            )
        if (
            isinstance(into, tuple)
            and isinstance(found, tuple)
            and (len(found) > len(into) or _broadcast(found, into) != into)
            and not (  # leading axes of length 1 are dropped (np.copyto(b, row[None]))
                len(found) > len(into)
                and all(d == 1 for d in found[: len(found) - len(into)])
                and _broadcast(found[len(found) - len(into) :], into) == into
            )
        ):
            raise w.refuse(
                node,
                "call",
                f"an array of shape {format_shape(found)} cannot be copied into one of shape "
                f"{format_shape(into)} (NumPy raises a ValueError: could not broadcast input "
                "array)",
                raises="ValueError",
            )
        return from_python(None)
    if name == "broadcast_to":  # np.broadcast_to(b, (5, 3)): b stretched to that shape
        stretched = _param(args, kwargs, 0, "array")
        wanted = _ints(_param(args, kwargs, 1, "shape"))
        found = array_shape(stretched) if stretched is not None else None
        if stretched is None or wanted is None or not isinstance(found, tuple):
            return w.cannot(node)
        if any(d < 0 for d in wanted):
            return w.cannot(node)
        if len(found) > len(wanted) or _broadcast(found, wanted) != wanted:
            raise w.refuse(
                node,
                "call",
                f"an array of shape {format_shape(found)} cannot be stretched to the shape "
                f"{format_shape(wanted)} (NumPy raises a ValueError: operands could not be "
                "broadcast together with remapped shapes)",
                raises="ValueError",
            )
        return replace(array(wanted, None, dtype_of(stretched)), readonly=True)  # a view
    if name in JOINING:
        return joined(w, node, name, args, kwargs)
    if name in _QUANTILES:
        return _quantile(w, node, name, args, kwargs)
    if name in ("pad", "resize"):
        return _padded(w, node, name, args, kwargs)
    if name in ("outer", "inner", "where", "tensordot") or name.startswith("atleast_"):
        return _combined(w, node, name, args, kwargs)
    dtype = kwargs.get("dtype") or (args[slot] if slot is not None and slot < len(args) else None)
    if (
        name in CREATION
        and name != "full"
        and dtype is not None
        and dtype.kind == "number"
        and "dtype" not in kwargs
        and len(args) >= 2
    ):  # np.zeros(3, 4): the shape is one argument, a tuple; 4 is taken for the dtype
        shown = ", ".join(w.source(a) for a in node.args)
        lo, hi = w.span(node.args[0])[0], w.span(node.args[-1])[1]
        starred = any(isinstance(a, ast.Starred) for a in node.args)
        candidates = None if starred else w.replacing(lo, hi, f"({w.text[lo:hi]})", "one shape")
        second = repr(args[1].value) if starred else w.source(node.args[1])
        if starred and len(node.args) == 1:  # np.zeros(*shape): the shape itself
            shown = w.source(node.args[0].value)  # type: ignore[attr-defined]
        grouped = args[0].kind == "number"  # np.zeros(3, 4); np.ones((3, 4), 1) is not
        raise w.refuse(
            node,
            "call",
            f"np.{name} takes the shape as one argument, a tuple, and {second} "
            f"is taken for the dtype, which is not one (TypeError: Cannot interpret "
            f"'{second}' as a data type)"
            + (
                f"; write np.{name}("
                + (f"{shown})" if starred and len(node.args) == 1 else f"({shown}))")
                if grouped or starred
                else ""
            ),
            candidates if len(node.args) == 2 and grouped else None,
            raises="TypeError",
        )
    if (
        name == "full"
        and len(args) == len(node.args) >= 3
        and args[2].kind == "number"
        and "dtype" not in kwargs
        and not any(isinstance(a, ast.Starred) for a in node.args)
    ):  # np.full(3, 4, 0.1): the shape is one argument; 0.1 is taken for the dtype
        third = w.source(node.args[2])
        grouped = args[0].kind == args[1].kind == "number"
        lo, hi = w.span(node.args[0])[0], w.span(node.args[1])[1]
        one = f"({w.text[lo:hi]})"
        raise w.refuse(
            node,
            "call",
            f"np.full takes the shape, the value to fill it with, then the dtype, and {third} "
            f"is taken for the dtype, which is not one (TypeError: Cannot interpret '{third}' "
            "as a data type)"
            + (f"; write np.full({one}, {third}) to fill the shape {one}" if grouped else ""),
            w.replacing(lo, hi, one, "one shape") if grouped and len(args) == 3 else None,
            raises="TypeError",
        )
    if name in CREATION:
        fill = _param(args, kwargs, 1, "fill_value") if name == "full" else number(0.0)
        if fill is not None and fill.kind not in ("number", "array", "list", "tuple"):
            # np.full(2, None), np.full(2, "ab"): Python objects or text, not numbers
            return w.cannot(node, "an array filled with something that is not a number")
        kind = (
            dtype_letter(dtype) if dtype is not None else None if fill is None else dtype_of(fill)
        )
        shape_arg = _param(args, kwargs, 0, "shape")
        made = _created(w, node, shape_arg, kind, _written(node, 0, "shape"))
        if "order" in kwargs or len(args) > (3 if name == "full" else 2):
            made = replace(made, strides=None)  # order="F": another layout
        fill_shape = array_shape(fill) if name == "full" and fill is not None else None
        if (
            isinstance(fill_shape, tuple)
            and made.kind == "array"
            and made.shape is not None
            and _broadcast(fill_shape, made.shape) != made.shape
        ):  # np.full((3, 4), [1, 2]): the fill value must stretch over the whole shape
            raise w.refuse(
                node,
                "broadcast",
                f"could not broadcast the fill value of shape {format_shape(fill_shape)} into "
                f"shape {format_shape(made.shape)} (NumPy raises a ValueError)",
                raises="ValueError",
            )
        return _filled(made, name, fill, dtype)
    if name in ("arange", "linspace", "eye", "identity"):
        return _sequence_function(w, node, name, args, kwargs)
    if name in ("triu_indices", "tril_indices"):
        return _triangle_indices(w, node, name, args, kwargs)
    if first is None:
        return w.cannot(node)
    if name in DTYPES and len(args) == 1 and not kwargs and first.kind != "str":
        given = _shape_of(w, node, 0, first)  # np.float64(x): a NumPy number, or an array
        if given is None:
            return w.cannot(node)
        return _numpy_number(name, first) if given == () else array(given, dtype=DTYPES[name])
    copy = kwargs.get("copy")
    if (
        name in ("array", "asarray")
        and copy is not None
        and copy.kind == "number"
        and copy.value is False
        and first.kind in ("list", "tuple", "number")
    ):  # NumPy 2: copy=False means never copy, and a list is always copied into an array
        raise w.refuse(
            node,
            "call",
            f"copy=False asks NumPy 2 never to copy, and {w.source(node.args[0])} is "
            f"{describe(first)}, which must be copied to make an array (a ValueError: Unable "
            "to avoid copy while creating an array as requested); np.asarray(...) copies only "
            "when it must",
            raises="ValueError",
        )
    if (
        name in ("asarray", "asanyarray")
        and first.kind == "array"
        and len(args) == 1
        and not kwargs
    ):
        return first  # np.asarray(a) of an array is that array (b.shape = … reshapes a too)
    if (
        name in ("array", "asarray", "asanyarray")
        and first.kind == "iter"
        and first.name in ONE_SHOT
        and len(args) == 1
        and not kwargs
    ):  # np.array(map(f, rows)): NumPy does not read an iterator; it holds the object itself
        return Operand(
            "array",
            (),
            dtype="x",
            error=NotANumberError(
                f"{w.source(node)} is an array of one object, the {first.name} object itself "
                f"(NumPy does not read an iterator: np.array(list(...)) does)"
            ),
        )
    if name in CONVERSION and first.kind == "iter" and first.name == "range":
        counted = items_of(first)  # np.array(range(12)): the whole numbers of the range
        if counted is None:
            return w.cannot(node)
        first = sequence("list", counted)
        args = [first, *args[1:]]
    if name in CONVERSION and dtype is None:  # np.asarray(x, float) gives it by place
        text_array = _text_array(first)
        if text_array is not None:
            return text_array
    if name in CONVERSION and dtype is None and _past_int64(first):
        return w.cannot(  # np.array([10**20]): NumPy's object array (uint64, float64 below)
            node,
            "an array of Python ints past 64 bits, which NumPy makes of uint64, floats or "
            "Python objects (dtype=object): shapekit does not follow it",
        )
    if name in CONVERSION and (text_dtype(dtype) or _text_written(written_dtype)):
        # np.array(["cat", "dog"], dtype=str): an array of text, of the list's shape
        written = _written_out(first)
        found = None if written is None else nested_shape(written)
        if found is None:
            return w.cannot(node, "an array of text whose shape is not known")
        return Operand(
            "array", found, dtype="x", error=NotANumberError(f"{w.source(node)} holds text")
        )
    if name in CONVERSION and dtype is not None:
        converted = _text_converted(first, dtype_letter(dtype))
        if isinstance(converted, str):  # np.array(["2", "x"], float)
            raise w.refuse(
                node,
                "call",
                f"NumPy reads the text as numbers of that dtype, and cannot: {converted} "
                "(a ValueError)",
                raises="ValueError",
            )
        if converted is not None:
            return converted
    if name in TEXT_TOO and isinstance(array_shape(first), NotANumberError):
        return w.cannot(node)  # text is no error here, and shapekit follows numbers only
    if (
        name in CONVERSION
        and dtype is not None
        and dtype.kind == "unknown"
        and isinstance(array_shape(first), NotANumberError)
    ):  # text with a dtype not known (str, object …): not refused
        return w.cannot(node, "an array of a dtype shapekit does not know, of text")
    if (
        name in CONVERSION
        and _object_dtype(written_dtype)
        and not isinstance(array_shape(first), tuple)
    ):
        # np.array([[1, 2], [3]], dtype=object): NumPy makes an array of Python objects
        return w.cannot(
            node, "an array of Python objects (dtype=object), which shapekit does not follow"
        )
    shape = _shape_of(w, node, 0, first, name)
    if shape is None:
        return w.cannot(node)
    kind = dtype_letter(dtype) if dtype is not None else dtype_of(first)
    if (
        name in CONVERSION
        and dtype is not None
        and kind == "i"
        and not _fits_integers(w, node, first, dtype)
    ):
        return w.cannot(
            node, "NumPy's numbers in a list cast to a small integer dtype, not followed"
        )
    if name in CONVERSION:
        ndmin = kwargs.get("ndmin")
        if ndmin is not None:  # np.array(x, ndmin=2): ones are put in front of the shape
            if name != "array" or ndmin.kind != "number" or type(ndmin.value) is not int:
                return w.cannot(node)
            shape = (1,) * max(0, ndmin.value - len(shape)) + tuple(shape)
        if name == "ascontiguousarray" and not shape:
            shape = (1,)  # at least one dimension (as np.asfortranarray)
        if (
            dtype is None
            and ndmin is None
            and kind in ("i", "b", "f")
            and size(shape) <= (MAX_VALUE_ELEMENTS if kind != "f" else MAX_FILLED)
        ):
            # whole numbers may index an array later: their values tell whether they fit; a
            # matrix of floats may be singular, a sum of them asserted
            made = array(shape, array_value(first), kind)
        else:
            made = array(shape, None, kind)  # other values are not needed for shapes
        # the order, by keyword or by place (np.copy(a, "C"), np.asarray(a, float, "F"))
        slot = 1 if name == "copy" else 2 if name in ("asarray", "asanyarray") else None
        written_order = kwargs.get("order") or (
            args[slot] if slot is not None and len(args) > slot else None
        )
        order = (
            "K" if written_order is None or written_order.kind == "none" else written_order.value
        )
        dims = tuple(made.shape or ())
        if len(args) > 3 or ndmin is not None or not isinstance(order, str):
            pass  # (not known)
        elif name == "ascontiguousarray" or order == "C":
            made = replace(made, strides=c_strides(dims))
        elif order == "F":
            made = replace(made, strides=c_strides(dims[::-1])[::-1])
        elif first.kind in ("list", "tuple") and order in ("K", "A"):
            made = replace(made, strides=c_strides(dims))  # NumPy's own layout
        elif first.kind == "array" and order == "K":
            made = replace(made, strides=copied_layout(first))  # np.array(x.T): x.T's order
        return replace(made, name=ZERO_D) if not shape else made  # np.array(2.5): not a scalar
    if name == "clip":
        return _clip(w, node, first, args[1:], kwargs)
    if name == "insert":
        return _insert(w, node, first, shape, args[1:], kwargs)
    if name in ("sort", "argsort", "swapaxes", "moveaxis", "repeat", "split", "array_split"):
        return _rearranged(w, node, name, first, shape, args[1:], kwargs)
    if name in ("cumsum", "cumprod", "flip", "roll", "diag"):
        kept = _kept(w, node, name, first, shape, args[1:], kwargs)
        if name == "diag" and len(shape) == 2 and kept.kind == "array":
            kept = replace(kept, readonly=True)  # the diagonal of a matrix: a read-only view
        return kept
    if name == "diff":
        return _diff(w, node, first, shape, args[1:], kwargs)
    if name in ("triu", "tril", "rot90", "kron", "take", "delete", "average", "corrcoef", "ptp",
                "cov"):  # fmt: skip
        try:
            return _reshaped_by(w, node, name, first, shape, args[1:], kwargs)
        except _Unknown:
            return w.cannot(node)
    if name == "polyfit":
        _polyfit_refused(w, node, shape, _param(args, kwargs, 1, "y"))
    if name in _MEASURED:
        try:
            return _measured(name, first, shape, args[1:], kwargs)
        except _Unknown:
            return w.cannot(node)
    if name.startswith("linalg."):
        made = _linalg(w, node, name.removeprefix("linalg."), shape, args[1:], kwargs)
        if name == "linalg.norm" and made.kind == "array" and first is not None:
            made = _rough_norm(made, first, shape, args[1:], kwargs)
        if name in ("linalg.inv", "linalg.solve") and made.kind == "array":
            _singular(w, node, name, first, args[1:], kwargs)
        power = _param(args[1:], kwargs, 0, "n") if name == "linalg.matrix_power" else None
        if (
            power is not None
            and power.kind == "number"
            and type(power.value) is int
            and power.value < 0
            and made.kind == "array"
        ):  # matrix_power(a, -1) inverts a first
            _singular(w, node, "linalg.inv", first, [], {})
        if name == "linalg.cholesky" and made.kind == "array":
            _not_positive_definite(w, node, first)
        return made
    if name in LIKE:  # shape= (by keyword, or in its place) makes another shape
        made_as = _param(args, kwargs, 5 if name == "full_like" else 4, "shape")
        if made_as is not None and made_as.kind != "none":
            wanted = _ints(made_as)
            if wanted is None or any(d < 0 for d in wanted):
                return w.cannot(node)
            return array(wanted, dtype=kind)
    if name in LIKE or name in ELEMENTWISE:
        # (of complex numbers, or of numbers whose kind is not known, not said to be floats)
        floats = "f" if kind in ("b", "i", "f") else None
        letter = floats if name in FLOAT_RESULTS else "b" if name in BOOL_RESULTS else kind
        if kind == "b" and name in ("square", "reciprocal"):
            letter = "i"  # booleans made numbers (int8)
        elif (kind == "b" and name in ("round", "around")) or (
            kind in ("b", "i") and name == "rint"
        ):
            letter = "f"
        if shape == () and name in _VALUED and len(args) == 1 and not kwargs:
            found = _value_of_number(name, first)  # -np.sqrt(2 / n): its value
            if found is not None:
                return array((), found)
        made = array(shape, dtype=letter)
        if (
            first is not None
            and first.kind == "array"
            and first.strides is not None
            and "order" not in kwargs
            and "out" not in kwargs
            and all(a.kind == "number" for a in args[1:])
            and not (name in LIKE and len(args) > 3)  # (order given by place)
        ):  # np.zeros_like(w.T), np.exp(w.T): laid out as what they are given (order "K")
            made = replace(made, strides=copied_layout(first))
        exact = _exact_elementwise(name, first, args, kwargs, letter)
        if exact is not None and made.shape is not None and exact.shape == made.shape:
            return replace(array(made.shape, exact, letter), strides=made.strides)
        if name in ("isfinite", "isinf", "isnan") and len(args) == 1 and not kwargs:
            told = approx_unary(name, first) if first is not None else None
            if told is not None and made.shape is not None and told[0].shape == made.shape:
                return array(made.shape, told[0], "b")  # finite up to rounding, or exactly not
        if len(args) == 1 and not kwargs and first is not None and letter == "f":
            of = first  # np.exp(z): known up to rounding
            made = approximated(made, lambda: approx_unary(name, of))
        return made
    if name in REDUCTIONS or name in FUNCTION_REDUCTIONS:  # keepdims … may be given by place
        named = named_arguments(name, args, kwargs)
        return _reduce(w, node, name, first, shape, _param(args, kwargs, 1, "axis"), named)
    if name in ("fliplr", "flipud"):  # left to right (axis 1), up to down (axis 0)
        need = 2 if name == "fliplr" else 1
        if len(shape) < need:
            raise w.refuse(
                node,
                "call",
                f"np.{name} flips axis {need - 1}, and this array has shape "
                f"{format_shape(shape)} (NumPy raises a ValueError: Input must be >= {need}-d.)",
                raises="ValueError",
            )
        return array(shape, dtype=kind)
    if name == "transpose":
        axes = _param(args, kwargs, 1, "axes")
        written = node.args[0] if node.args else _keyword(node, "a")
        if axes is None or axes.kind == "none":  # axes=None: all of them reversed
            return transpose(w, node, written, first, None)
        order = _ints(axes)
        if order is None:
            return w.cannot(node)
        return transpose(w, node, written, first, order)
    if name == "reshape":
        new = _param(args, kwargs, 1, "newshape") or _param(args, kwargs, 1, "shape")
        return _reshape(w, node, shape, [new] if new is not None else [], first)
    if name == "expand_dims":
        return replace(
            _expand_dims(w, node, shape, _param(args, kwargs, 1, "axis")), dtype=kind, memo={}
        )
    if name == "ravel":
        return _raveled(first, kind, shape)
    if name == "squeeze":
        return _squeeze(w, node, shape, _param(args, kwargs, 1, "axis"), kind)
    if name == "shape":
        return sequence("tuple", tuple(number(d) for d in shape))
    if name == "size" and _param(args, kwargs, 1, "axis") is not None:
        try:  # np.size(x, 0): the length of that axis (NumPy's AxisError past the last)
            return number(shape[_axis_of(w, node, _param(args, kwargs, 1, "axis"), len(shape))])
        except _Unknown:
            return w.cannot(node)
    if name in ("ndim", "size"):
        return number(len(shape) if name == "ndim" else size(shape))
    return w.cannot(node)


#: NumPy's functions of one array whose every value is exact (the same on every machine:
#: IEEE arithmetic rounds them one way), computed when the array's values are known
_EXACT_ELEMENTWISE = frozenset(
    {"round", "around", "rint", "floor", "ceil", "trunc", "fix", "abs", "absolute",
     "negative", "positive", "sign", "square", "fabs", "logical_not"}
)  # fmt: skip


def _exact_elementwise(
    name: str, first: Operand | None, args: Args, kwargs: Kwargs, letter: str | None
) -> Any:
    """The values of ``np.<name>(x)`` (``np.round(x, 2)``) of an array ``x`` whose values are
    known, when they are exact and of the kind ``letter`` of numbers; None otherwise."""
    if name not in _EXACT_ELEMENTWISE or first is None or first.kind != "array" or kwargs:
        return None
    decimals = args[1] if len(args) == 2 and name in ("round", "around") else None
    if len(args) != 1 and not (
        decimals is not None and decimals.kind == "number" and type(decimals.value) is int
    ):
        return None
    values = array_value(first)
    if values is None or values.dtype.kind not in "biuf":
        return None
    import numpy as np

    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = getattr(np, name)(values, *([decimals.value] if decimals else []))
        except (TypeError, ValueError, ArithmeticError):
            return None
    found = np.asarray(found)
    kind = KIND_LETTERS.get(found.dtype.kind)
    return found if kind == letter else None


#: NumPy's types of numbers, as ``np.<name>``, by the kind of numbers they hold
DTYPES: dict[str, str | None] = {
    **dict.fromkeys(("float16", "float32", "float64", "double", "single", "longdouble"), "f"),
    **dict.fromkeys(
        ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "intp", "int_"), "i"
    ),
    # unsigned 64-bit integers: with signed ones NumPy promotes them to floats (the kind of
    # what they make is not followed)
    **dict.fromkeys(("uint64", "uintp", "uint"), None),
    "bool_": "b",
}  # fmt: skip


def text_dtype(dtype: Operand | None) -> bool:
    """Whether a ``dtype=`` argument is text: ``str``, ``np.str_``, ``"U10"``, ``bytes`` …"""
    if dtype is None:
        return False
    if dtype.kind == "str" and isinstance(dtype.value, str):
        import numpy as np

        try:
            return np.dtype(dtype.value).kind in ("U", "S")
        except (TypeError, ValueError):
            return False
    return dtype.kind == "function" and dtype.name in (
        "builtins.str", "builtins.bytes", "numpy.str_", "numpy.bytes_"
    )  # fmt: skip


def _text_written(written: ast.AST | None) -> bool:
    """Whether a dtype, as written, is text: ``str``, ``bytes``, ``np.str_``, ``"U10"``."""
    if isinstance(written, ast.Name):
        return written.id in ("str", "bytes")
    if isinstance(written, ast.Attribute):
        return written.attr in ("str_", "bytes_")
    return text_dtype(from_python(written.value)) if isinstance(written, ast.Constant) else False


def dtype_letter(dtype: Operand) -> str | None:
    """The kind of numbers (``"b"``, ``"i"``, ``"f"``) a ``dtype=`` argument gives, if known:
    ``"uint8"``, ``int``, ``float``, ``bool`` or ``np.float32`` …"""
    if dtype.kind == "str" and isinstance(dtype.value, str):
        import numpy as np

        try:
            letter = np.dtype(dtype.value).kind
            wide_unsigned = np.dtype(dtype.value) == np.uint64
        except (TypeError, ValueError):
            return None
        return None if wide_unsigned else KIND_LETTERS.get(letter)
    if dtype.kind == "function":
        name = dtype.name.removeprefix("builtins.").removeprefix("numpy.")
        return {"int": "i", "float": "f", "bool": "b"}.get(name) or DTYPES.get(name)
    return None


#: NumPy's functions that make an array of the ``dtype=`` they are given, by its place
_WIDE_MAKERS = {
    "array": 1, "asarray": 1, "zeros": 1, "ones": 1, "empty": 1, "full": 2, "arange": 3,
    "eye": 3, "identity": 1, "zeros_like": 1, "ones_like": 1, "empty_like": 1, "full_like": 2,
}  # fmt: skip


def with_width(
    w: Walker, node: ast.Call, name: str, made: Operand, args: Args, kwargs: Kwargs
) -> Operand:
    """``made`` (what ``np.<name>(…, dtype=np.uint8)`` or ``x.astype(np.int8)`` makes) with
    the integer dtype it holds (see :data:`WIDTH`); ``np.full(3, 300, dtype=np.int8)``'s
    OverflowError."""
    if name in _NARROW_SCALARS and made.kind == "array" and made.shape == () and not kwargs:
        # np.uint8(1): a NumPy integer of that width (np.uint8(300) is NEP 50's OverflowError)
        if len(args) == 1 and args[0].kind == "number" and type(args[0].value) is int:
            w.fits(node, "call", args[0].value, name, meets="")
        return replace(made, memo={**made.memo, WIDTH: name})
    slot = 0 if name == "astype" else _WIDE_MAKERS.get(name)
    if slot is None or made.kind != "array" or made.dtype != "i":
        return made
    if name in ("arange", "array", "asarray") and _default_integers(node):
        # np.arange(3), np.array([1, 2, 3]): NumPy's default integers, int64
        return replace(made, memo={**made.memo, WIDTH: "int64"})
    given = _param(args, kwargs, slot, "dtype")
    dtype = numpy_dtype(given) if given is not None and given.kind != "none" else None
    if dtype is None or dtype.kind not in "iu":
        return made
    fill = _param(args, kwargs, 1, "fill_value") if name in ("full", "full_like") else None
    if fill is not None and fill.kind == "number" and type(fill.value) is int:
        w.fits(node, "call", fill.value, dtype.name, meets="")
    return replace(made, memo={**made.memo, WIDTH: dtype.name})


#: NumPy's integer types of a small width, called to make one number
_NARROW_SCALARS = frozenset({"int8", "uint8", "int16", "uint16", "int32", "uint32"})


def _cast_values(values: Any, dtype: Any) -> Any:
    """``values.astype(dtype)`` where every machine gives the same numbers: to float64,
    int64 or bool, from whole numbers, booleans, or finite floats within int64's range (a
    float past it, or nan, is cast as the machine does); None otherwise."""
    import numpy as np

    if values is None or dtype is None or str(dtype) not in ("float64", "int64", "bool"):
        return None
    if values.dtype.kind not in "biuf" or values.size > 10_000:
        return None
    if (
        values.dtype.kind == "f"
        and str(dtype) == "int64"
        and (not np.isfinite(values).all() or (np.abs(values) >= 2.0**62).any())
    ):
        return None
    return values.astype(dtype)


def numpy_dtype(dtype: Operand | None) -> Any:
    """The NumPy dtype a ``dtype=`` argument names (``"uint8"``, ``int``, ``np.float32``),
    float64 when none is given, or None when it is not known or holds no numbers."""
    import numpy as np

    if dtype is None:
        return np.dtype(float)
    if dtype_letter(dtype) is None:
        return None
    if dtype.kind == "str":
        return np.dtype(dtype.value)
    name = dtype.name.removeprefix("builtins.").removeprefix("numpy.")
    found = {"int": int, "float": float, "bool": bool}.get(name) or getattr(np, name, None)
    try:
        return np.dtype(found) if found is not None else None
    except TypeError:
        return None


#: the positional place of ``dtype`` in the functions that take one
_DTYPE_SLOT = {
    "array": 1, "asarray": 1, "asanyarray": 1, "ascontiguousarray": 1,
    "zeros": 1, "ones": 1, "empty": 1, "full": 2,
    "arange": 3, "eye": 3, "identity": 1, "linspace": 5,
}  # fmt: skip


#: functions whose signature does not say which keywords they refuse (see the test of
#: _unexpected_keywords, which asks NumPy for every other one)
_SIGNATURE_UNSURE = frozenset({"fromiter", "fromstring"})
#: keywords NumPy takes that the function's signature does not name (np.arange(start=1,
#: stop=6) runs; its signature says start_or_stop, by place only)
_BEYOND_SIGNATURE = {"arange": frozenset({"start"})}


@functools.cache
def _parameters(name: str) -> frozenset[str] | None:
    """The names of the parameters of ``np.<name>`` (a dotted name: ``linalg.norm``), by its
    signature; None when it has none to read, takes ``**kwargs``, or is a ufunc."""
    import inspect

    import numpy

    if name in _SIGNATURE_UNSURE:
        return None
    found: Any = numpy
    for part in name.split("."):
        found = getattr(found, part, None)
    if found is None or isinstance(found, numpy.ufunc) or not callable(found):
        return None
    try:
        params = inspect.signature(found).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_KEYWORD for p in params):
        return None
    # (one it says is positional-only may be taken by keyword all the same:
    # np.empty_like(prototype=x) runs; _POSITIONAL_ONLY lists those NumPy refuses)
    return frozenset(p.name for p in params) | _BEYOND_SIGNATURE.get(name, frozenset())


def _unexpected_keywords(name: str, kwargs: Kwargs) -> list[str]:
    """The keywords of a call of ``np.<name>`` that NumPy has no parameter for."""
    if not kwargs or "?" in kwargs:
        return []
    params = _parameters(name)
    return [] if params is None else sorted(k for k in kwargs if k not in params)


def _refuse_keywords(w: Walker, node: ast.Call, called: str, kwargs: Kwargs) -> None:
    """A keyword an array's method (``x.reshape(shape=…)``) or a ufunc's
    (``np.add.reduce(a=x)``) refuses, whatever its value: NumPy's TypeError."""
    if "?" in kwargs:
        return
    for keyword in sorted(kwargs):
        said = _keyword_refused(called, keyword)
        if said is None:
            continue
        shown = called.removeprefix("x")  # .reshape, np.add.reduce
        raise w.refuse(
            node,
            "call",
            f"{shown}() takes its arguments by place only, not by keyword (Python raises a "
            f"TypeError: {said})"
            if said.endswith("takes no keyword arguments")
            else f"{shown}() has no parameter {keyword} (Python raises a TypeError: {said})",
            raises="TypeError",
        )


#: methods not asked about their keywords (they read or write files)
_FILE_METHODS = frozenset({"tofile", "dump", "dumps"})


@functools.cache
def _keyword_refused(called: str, keyword: str) -> str | None:
    """NumPy's message when the method ``called`` (``x.sum``, ``np.add.reduce``) refuses
    the keyword ``keyword`` whatever its value, None when it takes it or that is not known:
    NumPy itself is asked, with the keyword alone, on an array of its own."""
    import warnings

    import numpy

    owner, _, method = called.rpartition(".")
    if method.startswith("_") or method in _FILE_METHODS:
        return None
    if owner == "x":
        found = getattr(numpy.zeros((2, 2)), method, None)
    else:
        ufunc = getattr(numpy, owner.removeprefix("np."), None)
        found = getattr(ufunc, method, None) if isinstance(ufunc, numpy.ufunc) else None
    if found is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found(**{keyword: None})
    except TypeError as error:
        text = str(error)
        if f"'{keyword}'" in text and (
            "invalid keyword argument" in text or "unexpected keyword argument" in text
        ):
            return text
        if text == f"{method}() takes no keyword arguments":
            return text
    except Exception:  # (a value refused: the keyword is taken)
        return None
    return None


def _keyword(node: ast.Call, name: str) -> ast.expr:
    """What the keyword ``name`` of ``node`` is written as (``node`` itself without it)."""
    return next((k.value for k in node.keywords if k.arg == name), node)


def _param(args: Args, kwargs: Kwargs, index: int, name: str) -> Operand | None:
    if index < len(args):
        return args[index]
    return kwargs.get(name)


def _inside(w: Walker, node: ast.Call) -> tuple[int, int]:
    """Where the arguments of a call are written (inside its parentheses)."""
    end_func = w.span(node.func)[1]
    hi = w.span(node)[1]
    return end_func + w.text[end_func:hi].index("(") + 1, hi - 1


def _text_array(operand: Operand) -> Operand | None:
    """``np.array`` of a literal list with strings or ``None`` among its numbers: NumPy makes
    an array of text or of objects (no error yet: the arithmetic on it fails), which is not an
    array of numbers (the operand keeps shapekit's error, located at the element)."""
    found = array_shape(operand)
    if not isinstance(found, NotANumberError):
        return None
    written = _written_out(operand)
    shape = None if written is None else nested_shape(written)
    if shape is None:
        return None  # ragged too: NumPy refuses it, as the caller will say
    if _complex_numbers(written):  # np.array([1j, -1j, 1]): numbers, complex ones
        return Operand("array", shape)
    return Operand("array", shape, dtype="x", error=found)


def _complex_numbers(value: Any) -> bool:
    """Whether a value written out holds numbers only, some of them complex (``1j``)."""
    leaves: list[Any] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) in (list, tuple):
            stack.extend(item)
        else:
            leaves.append(item)
    numbers = all(type(v) in (int, float, bool, complex) for v in leaves)
    return numbers and any(type(v) is complex for v in leaves)


def nested_shape(value: Any) -> Shape | None:
    """The shape NumPy gives a value written out of lists and tuples, whose other items
    (numbers, text, None) are each one element; None where the lists are ragged (NumPy's
    ValueError: an inhomogeneous shape). Worked out here, not by ``np.asarray``, which
    takes 20 times as long to make an array of text.

    >>> nested_shape([[1, "a"], (None, 2.5)]), nested_shape([[1, 2], [3]]), nested_shape([])
    ((2, 2), None, (0,))
    """
    if type(value) is not list and type(value) is not tuple:
        return ()
    if not value:
        return (0,)
    first = nested_shape(value[0])
    if first is None:
        return None
    for item in value[1:]:
        if nested_shape(item) != first:
            return None
    return (len(value), *first)


#: the largest float, past which a Python int does not become one (an OverflowError)
_FLOAT_MAX = 1.7976931348623157e308


#: a run of digits as long as int64's largest (9223372036854775807) or longer
_LONG_DIGITS = re.compile(r"\d{19}")


def _past_int64(operand: Operand) -> bool:
    """Whether a list or tuple holds a Python int that int64 does not (``10**20``, ``2**63``),
    among its first 10,000 numbers."""
    if operand.kind not in ("list", "tuple"):
        return False
    todo: list[Any] = [operand]
    budget = 10_000
    while todo and budget > 0:
        budget -= 1
        item = todo.pop()
        if isinstance(item, Operand):
            if item.kind in ("list", "tuple") and item.value is not None:
                item = item.value
                if not _LONG_DIGITS.search(repr(item)):
                    continue  # (no int of 19 digits or more: a float's repr has at most 17)
            elif item.kind in ("list", "tuple"):
                todo.extend(items_of(item) or ())
                continue
            elif item.kind == "number":
                item = item.value
        if isinstance(item, (list, tuple)):
            todo.extend(item)
        elif type(item) is int and not -(2**63) <= item < 2**63:
            return True
    return False


def _written_out(operand: Operand) -> Any:
    """The Python value of a list whose numbers and strings are all known (a literal, or made
    of literals: ``[["1", "2"]] * 3``), of at most a million items; None otherwise."""
    budget = [1_000_000]

    def value(op: Operand, depth: int) -> Any:
        if op.kind in ("list", "tuple") and op.value is not None:
            return op.value
        if op.kind in ("number", "str"):
            return op.value
        items = items_of(op) if op.kind in ("list", "tuple") and depth < 32 else None
        if items is None:
            return None
        budget[0] -= len(items)
        if budget[0] < 0:
            return None
        values = []
        for item in items:
            made = value(item, depth + 1)
            if made is None:
                return None
            values.append(made)
        return values

    return value(operand, 0)


def _text_converted(operand: Operand, kind: str | None) -> Operand | str | None:
    """``np.array(["1.0", "2.5"], dtype=float)``: NumPy reads numbers written as text when
    the dtype is a number; the array it makes, or NumPy's message when it cannot read one
    (None when there is no text among the numbers, or it is not all known, or NumPy refuses
    it another way: the caller then says which element is not a number)."""
    # (a list of csv's rows, each a list of texts, has no array shape said either)
    if kind not in ("f", "i", "b") or isinstance(array_shape(operand), tuple):
        return None
    written = _written_out(operand)
    if written is None or not _holds_text(written):
        return None
    import numpy as np

    try:
        data: Any = np.asarray(written, dtype={"f": float, "i": int, "b": bool}[kind])
    except ValueError as exc:
        text = str(exc).splitlines()[0] if str(exc) else ""
        # (rows of text of different lengths: NumPy's message says which dimension)
        said = ("could not convert", "invalid literal", "setting an array element")
        return text if text.startswith(said) else None
    except (TypeError, OverflowError):
        return None
    return array(tuple(data.shape), dtype=kind)


def _holds_text(written: Any) -> bool:
    """Whether a value :func:`_written_out` gave has a string among its items."""
    if isinstance(written, str):
        return True
    return isinstance(written, (list, tuple)) and any(_holds_text(v) for v in written)


#: NumPy's functions that take an array of anything (of text, of None …): its shape alone
_ANY_ELEMENTS = frozenset(
    {"size", "shape", "ndim", "ravel", "count_nonzero", "any", "all", "transpose", "squeeze",
     "expand_dims", "atleast_1d", "atleast_2d", "atleast_3d", "flip", "fliplr", "flipud",
     "roll", "rot90", "repeat", "tile", "swapaxes", "moveaxis"}
)  # fmt: skip
#: and those that take an array of text as well (they compare its elements)
_TEXT_ELEMENTS = frozenset(
    {"argmax", "argmin", "sort", "argsort", "unique", "max", "min", "amax", "amin", "isin",
     "searchsorted"}
)  # fmt: skip


def _shape_of(
    w: Walker, node: ast.Call, index: int, operand: Operand, name: str = ""
) -> Shape | None:
    """The shape of the array ``np.<name>`` makes of ``operand`` (its argument at
    ``index``); NumPy's refusal of a ragged list, or of a list of text or None where ``name``
    computes with numbers, raises the walker's ``Refused``."""
    found = array_shape(operand)
    if isinstance(found, NotANumberError) and found.found == "complex":
        numbers = complex_shape(operand)  # complex numbers: NumPy computes with them too
        if numbers is not None:
            return numbers
    if isinstance(found, NotANumberError) and (
        name in _ANY_ELEMENTS or (name in _TEXT_ELEMENTS and found.found == "str")
    ):
        return None  # an array of them, which np.<name> takes (its shape not followed)
    if isinstance(found, ShapeError):
        where = node.args[index] if index < len(node.args) else node
        raise w.not_an_array(where, found)
    return found


def _ints(operand: Operand | None) -> tuple[int, ...] | None:
    """Whole numbers given as an int, or a tuple or list of them (a shape, axes)."""
    if operand is None:
        return None
    if operand.kind == "number" or (operand.kind == "array" and operand.shape == ()):
        value = _whole(_raw(operand))
        return None if value is None else (value,)
    items = items_of(operand) if operand.kind in ("list", "tuple") else None
    if items is None:
        return None
    values = [_whole(_raw(item)) if item.kind in ("number", "array") else None for item in items]
    if all(v is not None for v in values):
        return tuple(values)  # type: ignore[arg-type]
    return None


def _raw(operand: Operand) -> Any:
    """The value of a number, or of an array when it is known (not stale)."""
    return operand.value if operand.kind != "array" else array_value(operand)


def _whole(value: Any) -> int | None:
    """``value`` as a whole number: a Python int, or NumPy's (a 0-D array of ints)."""
    if type(value) is int:
        return value
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind in ("i", "u") and getattr(value, "shape", None) == ():
        return int(value)
    return None


_SIMPLE_DTYPE = re.compile(r"[<>|=]?[A-Za-z_]+\d*")


def _compound_dtype(written: ast.AST | None) -> bool:
    """Whether a dtype, as written, is more than one kind of number: a structure (a list of
    fields, ``"i4,f8"``) or a sub-array (``(float, (2, 3))``, ``"3f8"``), which change the
    shape NumPy makes."""
    if isinstance(written, (ast.List, ast.Tuple, ast.Dict)):
        return True
    if isinstance(written, ast.Constant) and isinstance(written.value, str):
        return _SIMPLE_DTYPE.fullmatch(written.value.strip()) is None
    if isinstance(written, ast.Call):  # np.dtype(...): as compound as what it is given
        given = written.args[0] if written.args else None
        return given is None or len(written.args) > 1 or _compound_dtype(given)
    return False


#: Python's own types, which NumPy takes for dtypes of one kind
_BUILTIN_DTYPES = frozenset({"float", "int", "bool", "complex", "object", "str", "bytes"})


def _named(written: ast.AST | None) -> bool:
    """Whether a dtype is written as a name or a part of an object (``dt``, ``self.dtype``),
    whose value says what it is; Python's own types (``float``) are dtypes of one kind."""
    if isinstance(written, ast.Name):
        return written.id not in _BUILTIN_DTYPES
    return isinstance(written, (ast.Attribute, ast.Subscript))


def _compound_held(dtype: Operand) -> bool:
    """Whether the dtype a name holds may be structured or a sub-array: one not known
    (``np.dtype(...)`` made earlier), fields or a shape in a list, tuple or dict, or text
    that is more than one kind of number."""
    if dtype.kind in ("unknown", "list", "tuple", "dict"):
        return True
    if dtype.kind == "str":
        return (
            not isinstance(dtype.value, str) or _SIMPLE_DTYPE.fullmatch(dtype.value.strip()) is None
        )
    return False


def _object_dtype(written: ast.AST | None) -> bool:
    """Whether a dtype, as written, is ``object`` (``object``, ``np.object_``, ``"O"``)."""
    if isinstance(written, ast.Name):
        return written.id == "object"
    if isinstance(written, ast.Attribute):
        return written.attr == "object_"
    return isinstance(written, ast.Constant) and written.value in ("O", "object")


def _written(node: ast.Call, index: int, name: str) -> ast.AST | None:
    """Where the argument at ``index`` (or the keyword ``name``) is written in the call."""
    if any(isinstance(a, ast.Starred) for a in node.args):
        return None
    if index < len(node.args):
        return node.args[index]
    return next((k.value for k in node.keywords if k.arg == name), None)


def _float_dimension(
    w: Walker, node: ast.Call, shape_arg: Operand | None, written: ast.AST | None
) -> None:
    """A dimension that is a float (``np.zeros(n / 2)``): Python's TypeError, with the fix
    ``int(...)`` around it when it is written in the call."""
    if shape_arg is None:
        return
    if shape_arg.kind == "iter" and shape_arg.name in ONE_SHOT:  # np.zeros(gen()), zip(…)
        raise w.refuse(
            node,
            "call",
            f"the shape is {'a generator' if shape_arg.name == 'generator' else 'an iterator'}, "
            "and NumPy takes a whole number or a sequence of them (a TypeError: expected a "
            "sequence of integers or a single integer); tuple(...) makes a sequence of its items",
            raises="TypeError",
        )
    items = (
        (shape_arg,)
        if shape_arg.kind in ("number", "str")
        or (shape_arg.kind == "array" and shape_arg.shape == ())
        else items_of(shape_arg)
        if shape_arg.kind in ("list", "tuple")
        else None
    )
    nested = next((i for i, item in enumerate(items or ()) if item.kind == "tuple"), None)
    if items is not None and nested is not None and shape_arg.kind in ("list", "tuple"):
        # n = x.shape, then np.zeros((n, 3)): a shape where one dimension goes
        target = _written_item(shape_arg, items, nested, written)
        raise _shape_for_a_dimension(w, node, target, items[nested])
    text = next((i for i in items or () if i.kind == "str" and i.value is not None), None)
    if text is not None:  # n_hidden = "5" (read from input() or a file, and not converted)
        raise w.refuse(
            node,
            "call",
            f"a dimension must be a whole number, and {text.value!r} is text (Python raises a "
            f"TypeError: 'str' object cannot be interpreted as an integer); int({text.value!r}) "
            "reads the number",
            raises="TypeError",
        )
    numpy_float = next((i for i, item in enumerate(items or ()) if _numpy_float(item)), None)
    if items is not None and numpy_float is not None:  # np.sqrt(16): a NumPy float, whatever
        _numpy_float_dimension(w, node, shape_arg, items, numpy_float, written)  # its value
    bad = next(
        (
            i
            for i, item in enumerate(items or ())
            if item.kind == "number" and type(item.value) is float
        ),
        None,
    )
    if items is None or bad is None:
        return
    target = _written_item(shape_arg, items, bad, written)
    candidates = None
    shown = repr(items[bad].value)
    value = items[bad].value
    literal = isinstance(target, ast.Constant)
    if target is not None and (not literal or value.is_integer()):
        lo, hi = w.span(target)
        written_as = w.source(target)
        shown = written_as if written_as == shown else f"{written_as} (which is {shown})"
        whole = str(int(value)) if literal else f"int({w.text[lo:hi]})"
        candidates = w.replacing(lo, hi, whole, "a whole number")

    raise w.refuse(
        node,
        "call",
        f"a dimension must be a whole number, and {shown} is a float (Python raises a TypeError)",
        candidates,
        raises="TypeError",
    )


def _written_item(
    shape_arg: Operand, items: tuple[Operand, ...], bad: int, written: ast.AST | None
) -> ast.AST | None:
    """Where the dimension ``items[bad]`` of a shape is written in the call: the shape
    itself when it is one number, its item when it is a tuple or list written out."""
    if shape_arg.kind not in ("list", "tuple"):
        return written
    if (
        isinstance(written, (ast.Tuple, ast.List))
        and len(written.elts) == len(items)
        and not any(isinstance(e, ast.Starred) for e in written.elts)
    ):
        return written.elts[bad]
    return None


def _numpy_float(operand: Operand) -> bool:
    """Whether ``operand`` is a NumPy float (or an array of 0 dimensions holding one), which
    is never a whole number for Python, whatever its value."""
    return operand.kind == "array" and operand.shape == () and operand.dtype == "f"


def _numpy_float_said(operand: Operand) -> tuple[str, str]:
    """What a NumPy float is called, and the TypeError running says of it as a count."""
    if zero_d(operand):
        return (
            "an array of 0 dimensions holding a float",
            "only integer scalar arrays can be converted to a scalar index",
        )
    return "a NumPy float", "'numpy.float64' object cannot be interpreted as an integer"


def _numpy_float_dimension(
    w: Walker,
    node: ast.Call,
    shape_arg: Operand,
    items: tuple[Operand, ...],
    bad: int,
    written: ast.AST | None,
) -> None:
    """A dimension that is a NumPy float (``np.zeros((np.sqrt(16), 4))``): Python's
    TypeError whatever its value, with ``int(...)`` around it when it is written in the call."""
    target = _written_item(shape_arg, items, bad, written)
    what, said = _numpy_float_said(items[bad])
    candidates, shown = None, "it"
    if target is not None:
        lo, hi = w.span(target)
        shown = w.source(target)
        candidates = w.replacing(lo, hi, f"int({w.text[lo:hi]})", "a whole number")
    raise w.refuse(
        node,
        "call",
        f"a dimension must be a whole number, and {shown} is {what} (Python raises a TypeError: "
        f"{said}); int() makes a whole number of it",
        candidates,
        raises="TypeError",
    )


def _created(
    w: Walker,
    node: ast.Call,
    shape_arg: Operand | None,
    dtype: str | None = "f",
    written: ast.AST | None = None,
) -> Operand:
    dims = _ints(shape_arg)
    if dims is None:
        _float_dimension(w, node, shape_arg, written)
        return w.cannot(node, "whose shape is not known without running the file")
    if any(d < 0 for d in dims):
        raise w.refuse(node, "shape", "negative dimensions are not allowed")
    if len(dims) > 64:
        raise w.refuse(node, "shape", f"{len(dims)} dimensions are more than NumPy's 64")
    if any(d >= 2**63 for d in dims):  # past what an index holds: NumPy's ValueError
        raise w.refuse(
            node,
            "shape",
            "a dimension of 2**63 or more is past what NumPy can index (a ValueError: Maximum "
            "allowed dimension exceeded)",
            raises="ValueError",
        )
    made = replace(array(dims, dtype=dtype), strides=c_strides(dims))  # NumPy's own layout
    return made if dims else replace(made, name=ZERO_D)  # np.zeros(()): an array, no scalar


def _random(
    w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs, *, generator: bool
) -> Operand:
    stop = w.merge_unknown(node, *args, *kwargs.values())
    if stop is not None:
        return stop
    if "out" in kwargs:  # rng.random(out=o): drawn into o, which is returned
        return w.cannot(node, "numbers drawn into the array given as out=, not followed")
    if name == "shuffle" and len(args) == 1:  # in place: it returns None
        _shuffled_number(w, node, args[0])
        axis, laid = kwargs.get("axis"), array_shape(args[0])
        if axis is not None and isinstance(laid, tuple) and args[0].kind == "array":
            with contextlib.suppress(_Unknown):  # rng.shuffle(x, axis=2) of a matrix
                _axis_of(w, node, axis, len(laid))
        return from_python(None)
    if name in RANDOM_SHAPED and not generator:
        if not args:
            return number()
        together = next((i for i, a in enumerate(args) if a.kind in ("tuple", "list")), None)
        starred = any(isinstance(a, ast.Starred) for a in node.args)
        if together is not None and not starred and len(args) == len(node.args):
            raise _shape_as_one(w, node, together, args[together])
        dims = [_ints(a) for a in args]
        for i, (a, d) in enumerate(zip(args, dims, strict=True)):
            if d is None and len(args) == len(node.args):
                _float_dimension(w, node, a, _written(node, i, ""))
        if any(d is None or len(d) != 1 for d in dims):
            return w.cannot(node)
        return _created(w, node, sequence("tuple", tuple(number(d[0]) for d in dims if d)))
    if name in RANDOM_VECTORS:
        return _random_vectors(w, node, name, args, kwargs)
    if name not in RANDOM_SIZED:
        return w.cannot(node)
    if name == "permutation":  # of n: the numbers 0 … n-1; of an array: its rows shuffled
        given = _param(args, kwargs, 0, "x")
        if given is None or len(args) + len(kwargs) != 1:
            return w.cannot(node)
        if given.kind == "number" and isinstance(given.value, int):
            made = array((max(given.value, 0),), None, "i")
            made.made = written_count()  # (every one of 0 … n-1, in some order: see COVERS)
            made.memo[COVERS] = max(given.value, 0)
            return made
        found = array_shape(given)
        if not isinstance(found, tuple) or not found:
            return w.cannot(node)
        made = array(found, None, dtype_of(given))
        values = array_value(given) if given.kind in ("array", "list", "tuple") else None
        if values is None or values.ndim != 1 or values.dtype.kind not in "iu" or not values.size:
            return drawn_kept(made, given)
        if int(values.min()) >= 0:  # of np.arange(12): each of 0 … 11, in some order
            import numpy as np

            made.made = written_count()
            arranged = (np.sort(values) == np.arange(values.size)).all()
            made.memo[COVERS if arranged else DRAWN] = int(values.max()) + 1
        return made
    if name == "choice":  # drawn from a 1-D array (or range(a)): size gives the shape
        pool = _param(args, kwargs, 0, "a")
        pool_shape = None if pool is None else array_shape(pool)
        if (
            not generator
            and pool is not None
            and pool.kind == "array"
            and isinstance(pool_shape, tuple)
            and len(pool_shape) > 1
        ):  # a Generator's choice takes rows (axis=0); the old np.random.choice does not
            raise w.refuse(
                node,
                "call",
                f"np.random.choice draws from a 1-D array, and this one has shape "
                f"{format_shape(pool_shape)} (NumPy raises a ValueError: a must be "
                "1-dimensional); np.random.default_rng().choice(rows) draws whole rows",
                raises="ValueError",
            )
        if (
            generator
            and pool is not None
            and pool.kind == "array"
            and isinstance(pool_shape, tuple)
            and len(pool_shape) > 1
        ):  # rng.choice(rows, size=2, axis=0): whole rows (or columns) drawn
            return _rows_chosen(w, node, pool_shape, dtype_of(pool), args, kwargs)
        if not (pool is not None and pool.kind == "number") and (
            not isinstance(pool_shape, tuple) or len(pool_shape) != 1
        ):
            return w.cannot(node)
        chances = _param(args, kwargs, 3, "p")
        chances_shape = None if chances is None else array_shape(chances)
        count = (
            pool.value
            if pool is not None and pool.kind == "number"
            else pool_shape[0]
            if isinstance(pool_shape, tuple) and pool_shape
            else None
        )
        if (
            isinstance(chances_shape, tuple)
            and isinstance(count, int)
            and chances is not None
            and chances.kind != "none"
            and (len(chances_shape) != 1 or chances_shape[0] != count)
        ):  # rng.choice(4, p=[0.5, 0.5]): one chance for each of what may be drawn
            raise w.refuse(
                node,
                "call",
                f"p gives the chance of each of the {count} that may be drawn, and it has shape "
                f"{format_shape(chances_shape)} (NumPy raises a ValueError: "
                + (
                    "p must be 1-dimensional)"
                    if len(chances_shape) != 1
                    else "a and p must have same size)"
                ),
                raises="ValueError",
            )
        _chances_refused(w, node, chances, generator)
        size_arg = _param(args, kwargs, 1, "size")
        kind = (
            "i" if pool is not None and pool.kind == "number" else dtype_of(pool) if pool else None
        )
        if size_arg is None or size_arg.kind == "none":
            return array((), None, kind)
        made = _created(w, node, size_arg, kind, _written(node, 1, "size"))
        replace_arg = _param(args, kwargs, 2, "replace")
        if replace_arg is not None and (replace_arg.kind != "number" or replace_arg.value is None):
            return w.cannot(node)  # with or without replacement: not known
        population = count
        drawn = size(made.shape) if made.kind == "array" and made.shape is not None else None
        if (
            replace_arg is not None
            and not replace_arg.value
            and isinstance(population, int)
            and drawn is not None
            and drawn > population
        ):
            raise w.refuse(
                node,
                "call",
                f"choice() without replacement draws {drawn} of {population} (NumPy raises a "
                "ValueError: Cannot take a larger sample than population when replace is False)",
                raises="ValueError",
            )
        if (
            replace_arg is not None
            and not replace_arg.value
            and pool is not None
            and pool.kind == "number"
            and drawn
            and made.kind == "array"
            and not made.memo
        ):  # rng.choice(16, 8, replace=False): 8 whole numbers, each another, so one is 7 or more
            made.made = written_count()
            made.memo[DISTINCT] = drawn
        if (
            pool is not None
            and pool.kind == "number"
            and type(pool.value) is int
            and pool.value > 0
            and made.kind == "array"
            and made.value is None
        ):  # rng.choice(4, size=12): whole numbers from 0 up to 3, which ones not known
            made.made = written_count()
            made.memo[DRAWN] = pool.value
        return made
    params = RANDOM_SIZED[name]
    _random_values(w, node, name, params, args, kwargs, generator=generator)
    extra = node.args[len(params) + 1 :]
    spread = next((a for a in node.args if isinstance(a, ast.Starred)), None)
    if spread is not None and len(args) > len(params) + 1:  # rng.random(*z.shape)
        extra = [spread]
    if (extra and len(args) == len(node.args)) or (spread is not None and extra == [spread]):
        # rng.normal(0, 1, 3, 4), rng.random(*z.shape): one size, one tuple
        typed = name in (_GENERATOR_DTYPE if generator else {"randint"})
        given = args[len(params) + 1]
        if not typed:
            most = len(params) + 1
            raise w.refuse(
                node,
                "call",
                f"{name}() takes at most {most} positional argument{'s' * (most > 1)} "
                f"({len(args)} given): the size is one argument, a tuple "
                f"(Python raises a TypeError)",
                raises="TypeError",
            )
        if given.kind == "number":
            shown = w.source(extra[0])
            value = shown if spread is None or given.value is None else repr(given.value)
            raise w.refuse(
                node,
                "call",
                f"{name}() takes the size as one argument, a tuple, and "
                + (f"{shown} is" if spread is None else f"the second number of {shown} is")
                + f" taken for the dtype (NumPy raises a TypeError: Cannot interpret "
                f"'{value}' as a data type)",
                raises="TypeError",
            )
    size_arg = _param(args, kwargs, len(params), "size")
    kind = "i" if name in _RANDOM_INTEGERS else "f"
    dtype = _param(args, kwargs, len(params) + 1, "dtype") if generator else None
    exact = numpy_dtype(dtype) if dtype is not None and name in _FLOAT_DRAWS else None
    if exact is not None and str(exact) not in ("float32", "float64"):
        raise w.refuse(
            node,
            "call",
            f"{name}() draws floats, float64 or float32 only, and the dtype asked is {exact} "
            f"(NumPy raises a TypeError: Unsupported dtype dtype('{exact}') for {name}); "
            "rng.integers(low, high, size) draws whole numbers",
            raises="TypeError",
        )
    wanted = (dtype or kwargs.get("dtype")) if name in ("integers", "randint") else None
    exact = numpy_dtype(wanted) if wanted is not None and wanted.kind != "none" else None
    if wanted is not None and wanted.kind != "none" and exact is None:
        kind = None  # (dtype=np.uint64, or one not read: whole numbers of a kind not followed)
    if exact is not None and exact.kind in "fc":  # rng.integers(0, 10, dtype=float)
        raise w.refuse(
            node,
            "call",
            f"{name}() draws whole numbers, and the dtype asked is {exact} (NumPy raises a "
            f"TypeError: Unsupported dtype dtype('{exact}') for {name}); rng.uniform(low, "
            "high, size) draws floats, or .astype(float) makes floats of the whole numbers",
            raises="TypeError",
        )
    if size_arg is not None and size_arg.kind != "none":
        made = _created(w, node, size_arg, kind, _written(node, len(params), "size"))
        for i, param in enumerate(params):  # normal(np.zeros(3), 1, size=2): loc must fit
            given = _param(args, kwargs, i, param)
            found = None if given is None else array_shape(given)
            if (
                isinstance(found, tuple)
                and made.kind == "array"
                and made.shape is not None
                and _broadcast(found, made.shape) != made.shape
            ):
                raise w.refuse(
                    node,
                    "broadcast",
                    f"{param} has shape {format_shape(found)}, which does not fit the size "
                    f"{format_shape(made.shape)} (NumPy raises a ValueError: shape "
                    "mismatch: objects cannot be broadcast to a single shape)",
                    raises="ValueError",
                )
        drawn = _drawn_below(name, args, kwargs) if made.kind == "array" else None
        if drawn is not None:  # rng.integers(0, 4, size=10): each below 4
            made = replace(made, memo={**made.memo, DRAWN: drawn}, made=written_count())
        if exact is not None and exact.kind in "iu" and made.kind == "array":
            # rng.integers(0, 10, size=3, dtype=np.uint64): whole numbers of that width
            made = replace(made, memo={**made.memo, WIDTH: exact.name})
        return made
    shapes: list[Shape] = []
    for i, param in enumerate(params):
        given = _param(args, kwargs, i, param)
        found = None if given is None else array_shape(given)
        if isinstance(found, tuple):
            shapes.append(found)
        elif given is not None:
            return w.cannot(node)
    if all(s == () for s in shapes) and all(a.kind == "number" for a in args):
        # one draw: a Python number, but Generator.integers gives a NumPy int (it has .item)
        return array((), dtype="i") if generator and name == "integers" else number()
    result: Shape = ()
    for found in shapes:
        explanation, error = ops.try_binary("add", result, found, suggest=False)
        if error is not None:
            raise w.refuse(node, "broadcast", error.message.split(": ", 1)[-1])
        result = explanation.shape or ()
    return array(result, dtype=kind)


def _drawn_below(name: str, args: Args, kwargs: Kwargs) -> int | None:
    """``high`` of ``rng.integers(low, high, size)`` (``np.random.randint``), each draw from
    ``low`` (0 or more) up to it, not included; None when not known so."""
    if name not in ("integers", "randint"):
        return None
    ends = kwargs.get("endpoint")
    included = False if ends is None else ends.value if ends.kind == "number" else None
    if type(included) is not bool:
        return None
    low, high = _param(args, kwargs, 0, "low"), _param(args, kwargs, 1, "high")
    if high is None or high.kind == "none":  # integers(4, size=10): from 0 up to 4
        low, high = number(0), low
    bottom = low.value if low is not None and low.kind == "number" else None
    top = high.value if high is not None and high.kind == "number" else None
    if type(bottom) is not int or type(top) is not int or bottom < 0 or top <= bottom:
        return None
    return top + 1 if included else top  # (endpoint=True: up to high, included)


def _random_vectors(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``dirichlet(alpha, size)``, ``multivariate_normal(mean, cov, size)`` and
    ``multinomial(n, pvals, size)``: a vector as long as ``alpha``, ``mean`` or ``pvals`` for
    each draw, so the size's shape and that length (NumPy's ValueErrors for a mean and a
    covariance that do not fit)."""
    params = RANDOM_VECTORS[name]
    extra = {"check_valid", "tol", "method"} if name == "multivariate_normal" else set()
    if len(args) > len(params) + 1 or set(kwargs) - {*params, "size", *extra}:
        return w.cannot(node)
    given = [_param(args, kwargs, i, p) for i, p in enumerate(params)]
    if any(g is None for g in given):
        return w.cannot(node)
    shapes = [array_shape(g) if g is not None else None for g in given]
    vector = shapes[1] if name == "multinomial" else shapes[0]
    if name == "multivariate_normal":
        mean, cov = shapes
        if not isinstance(mean, tuple) or not isinstance(cov, tuple):
            return w.cannot(node)
        why = (
            "mean must be 1 dimensional"
            if len(mean) != 1
            else "cov must be 2 dimensional and square"
            if len(cov) != 2 or cov[0] != cov[1]
            else "mean and cov must have same length"
            if cov[0] != mean[0]
            else None
        )
        if why is not None:
            raise w.refuse(
                node,
                "call",
                f"multivariate_normal draws vectors as long as the mean, with a square "
                f"covariance matrix as wide: the mean has shape {format_shape(mean)} and the "
                f"covariance {format_shape(cov)} (NumPy raises a ValueError: {why})",
                raises="ValueError",
            )
    if name == "multinomial" and not (given[0] is not None and given[0].kind == "number"):
        return w.cannot(node)  # counts of several sizes: broadcast, not followed
    if not isinstance(vector, tuple) or len(vector) != 1:
        return w.cannot(node)
    kind = "i" if name in _RANDOM_INTEGERS else "f"
    size_arg = _param(args, kwargs, len(params), "size")
    if size_arg is None or size_arg.kind == "none":
        return array(vector, dtype=kind)
    made = _created(w, node, size_arg, kind, _written(node, len(params), "size"))
    if made.kind != "array" or made.shape is None:
        return made
    return array((*made.shape, *vector), dtype=kind)


#: a Generator's methods whose argument after the size is the dtype
_GENERATOR_DTYPE = frozenset({"random", "standard_normal", "standard_exponential", "integers"})
#: those of them that draw floats (of float64 or float32 only)
_FLOAT_DRAWS = frozenset({"random", "standard_normal", "standard_exponential"})


def _shape_as_one(w: Walker, node: ast.Call, index: int, given: Operand) -> Exception:
    """``np.random.randn((3, 4))``: randn and rand take each dimension as its own argument."""
    written = node.args[index]
    lo, hi = w.span(written)
    if isinstance(written, (ast.Tuple, ast.List)):
        spread = ", ".join(w.source(e) for e in written.elts)
    else:
        spread = f"*{w.source(written)}"
    func = w.source(node.func)
    candidates = w.replacing(lo, hi, spread, "one argument per dimension")
    return w.refuse(
        node,
        "call",
        f"{func} takes each dimension as its own argument, not a {given.kind} of them (Python "
        f"raises a TypeError: '{given.kind}' object cannot be interpreted as an integer); write "
        f"{func}({spread})",
        candidates,
        raises="TypeError",
    )


def _arange_by_keyword(args: Args, kwargs: Kwargs) -> Args | None:
    """``np.arange``'s start, stop and step in their places when some are given by keyword
    (``np.arange(6, step=2)``: 0 to 6 by 2), or None when NumPy refuses them or it is not
    plain (a name given both ways, no stop)."""
    start, stop, step = kwargs.get("start"), kwargs.get("stop"), kwargs.get("step")
    if stop is not None:
        if len(args) > 1 or (start is not None and args):
            return None
        first = start if start is not None else args[0] if args else number(0)
        return [first, stop] if step is None else [first, stop, step]
    if start is not None or not 1 <= len(args) <= 2 or (step is not None and len(args) > 2):
        return None
    bounds = [number(0), args[0]] if len(args) == 1 else list(args)
    return bounds if step is None else [*bounds, step]


def _sequence_function(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    slot = _DTYPE_SLOT[name]
    dtype = kwargs.get("dtype") or (args[slot] if len(args) > slot else None)
    kind = None if dtype is None else dtype_letter(dtype)
    if dtype is not None and kind is None:
        return w.cannot(node)  # a dtype shapekit does not know (complex, a structured one …)
    args = args[:slot]
    if name == "arange" and kwargs.keys() & {"start", "stop", "step"}:
        refused = (
            "arange() requires stop to be specified."
            if not args and "stop" not in kwargs
            else "argument for arange() given by name ('start') and position (position 0)"
            if args and "start" in kwargs
            else None
        )
        if refused is not None:
            raise w.refuse(node, "call", f"NumPy raises a TypeError: {refused}", raises="TypeError")
        placed = _arange_by_keyword(args, kwargs)
        if placed is None:
            return w.cannot(node)
        args = placed
    if name == "linspace" and kwargs.keys() & {"start", "stop"}:
        # np.linspace(start=0, stop=1, num=7): the bounds by keyword, in their places
        named = [k for k in ("start", "stop") if k in kwargs]
        if named != ["start", "stop"][len(args) :]:
            return w.cannot(node)  # a bound left out, or given twice: not followed
        args = [*args, *(kwargs[k] for k in named)]
    counts = {"eye": (0, 1), "identity": (0,), "linspace": (2,)}.get(name, ())
    for index in counts:  # np.eye(np.sqrt(9)): a NumPy float is no count, whatever its value
        count_arg = args[index] if index < len(args) else None
        if count_arg is not None and _numpy_float(count_arg):
            what, said = _numpy_float_said(count_arg)
            shown = w.source(node.args[index]) if index < len(node.args) else "a count"
            raise w.refuse(
                node,
                "call",
                f"{shown} is {what}, and a count must be a whole number (Python raises a "
                f"TypeError: {said}); int() makes one",
                raises="TypeError",
            )
    if name == "eye" and len(args) == 1 and "M" in kwargs and kwargs["M"].kind != "none":
        args = [*args, kwargs["M"]]  # np.eye(3, M=0): the columns by keyword
    values: list[int | float] = []
    for index, a in enumerate(args[:3] if name == "linspace" else args):  # (then endpoint …)
        if a.kind in ("tuple", "list") and name in ("arange", "eye", "identity"):
            # n = x.shape, then np.arange(n) or np.eye(n): a shape where a number goes
            shown = w.source(node.args[index]) if index < len(node.args) else "an argument"
            said = (
                f"'{a.kind}' object cannot be interpreted as an integer"
                if name != "arange"
                else "arange: scalar arguments expected instead of a tuple."
                if a.kind == "tuple"
                else "unsupported operand type(s) for -: 'list' and 'int'"
            )
            raise w.refuse(
                node,
                "call",
                f"np.{name} takes numbers, and {shown} is {describe(a)} (NumPy raises a "
                f"TypeError: {said})",
                raises="TypeError",
            )
        v = a.value if a.kind == "number" else None
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not finite(v):
            return w.cannot(node)
        values.append(v)
    if not values or len(values) > 3:
        return w.cannot(node)
    if name == "arange":
        start: float = 0 if len(values) == 1 else values[0]
        stop: float = values[0] if len(values) == 1 else values[1]
        step: float = values[2] if len(values) == 3 else 1
        if any(type(v) is int and not -(2**63) <= v < 2**63 for v in values):
            return w.cannot(node)  # past a 64-bit integer: NumPy's own rules, not followed
        if step == 0:
            raise w.refuse(
                node,
                "arange",
                "the step of np.arange cannot be 0 (NumPy raises a ZeroDivisionError)",
                raises="ZeroDivisionError",
            )
        spans = (stop - start) / step
        if not finite(spans) or spans > 2**62:  # np.arange(0, 10, 1e-320)
            raise w.refuse(
                node,
                "arange",
                f"np.arange would make about {spans:.3g} numbers, more than an array can hold "
                "(NumPy raises a ValueError: Maximum allowed size exceeded)",
                raises="ValueError",
            )
        n = max(0, math.ceil(spans))
        kind = kind or ("i" if all(type(v) is int for v in values) else "f")
        value = None
        exact = numpy_dtype(kwargs.get("dtype"))  # float64 when not given
        if "dtype" in kwargs and exact is not None and n <= 10_000 and len(args) == len(values):
            import numpy as np

            try:  # np.arange(-1, 3, dtype=np.uint8): a bound its dtype cannot hold
                np.arange(*values, dtype=exact)
            except (OverflowError, ValueError, TypeError) as error:
                said = f"{type(error).__name__}: {error}"
                raise w.refuse(
                    node, "arange", f"NumPy raises {said}", raises=type(error).__name__
                ) from None
        if (
            n <= 10_000
            and all(type(v) in (int, float) for v in values)
            # (np.uint8 numbers wrap around as int64 ones do not: float64 and int64 only)
            and ("dtype" not in kwargs or str(exact) in ("float64", "int64"))
            and len(args) == len(values)  # (a dtype given by place)
        ):  # (NumPy's floats are start + i * step, the same on every machine)
            import numpy as np

            value = np.arange(*values, dtype=exact if "dtype" in kwargs else None)
            if {"u": "i"}.get(value.dtype.kind, value.dtype.kind) != kind:
                value = None  # (a dtype given by place: np.arange(0, 12, 1, float))
        return replace(array((n,), value, kind), strides=(1,))
    if name == "linspace":
        num = _param(args, kwargs, 2, "num")
        count = 50 if num is None else num.value
        if type(count) is float:
            raise _not_a_whole_number(w, node, "num", count)
        if type(count) is int and count < 0:
            raise w.refuse(
                node,
                "call",
                f"np.linspace makes num={count} numbers, and a count cannot be negative (NumPy "
                f"raises a ValueError: Number of samples, {count}, must be non-negative)",
                raises="ValueError",
            )
        if type(count) is not int:
            return w.cannot(node)
        if any(a.kind != "number" for a in args[:2]):  # arrays of starts: more axes
            return w.cannot(node)
        made = _linspace_values(args, kwargs, count) or array((count,), dtype=kind or "f")
        retstep = _param(args, kwargs, 4, "retstep")
        if retstep is None:
            return made
        if retstep.kind != "number" or retstep.value is None:
            return w.cannot(node)
        # retstep=True: the numbers and the step between them (a NumPy float)
        return sequence("tuple", (made, array((), dtype="f"))) if retstep.value else made
    rows = values[0]
    columns = values[1] if name == "eye" and len(values) > 1 else rows
    for given in (rows, columns):
        if type(given) is float:
            raise _not_a_whole_number(w, node, "size", given)
    if type(rows) is int and type(columns) is int and min(rows, columns) < 0:
        raise w.refuse(
            node,
            "call",
            f"np.{name} is asked for {min(rows, columns)} rows or columns (NumPy raises a "
            "ValueError: negative dimensions are not allowed)",
            raises="ValueError",
        )
    if type(rows) is not int or type(columns) is not int:
        return w.cannot(node)
    made = array((rows, columns), dtype=kind or "f")
    if "order" not in kwargs and len(node.args) <= 4:
        made = replace(made, strides=(columns, 1))
    exact = numpy_dtype(dtype)
    if (
        rows * columns > MAX_FILLED
        or len(args) > 2
        or kwargs.keys() - {"M", "dtype"}
        or exact is None
    ):
        return made  # (np.eye(3, k=1): the diagonal moved, not followed)
    import numpy as np

    ones = np.eye(rows, columns, dtype=exact)
    return replace(array((rows, columns), ones, made.dtype), strides=made.strides)


#: most elements an array made of one number (``np.ones``, ``np.eye``) keeps the values of
MAX_FILLED = 10_000


def _filled(made: Operand, name: str, fill: Operand | None, dtype: Operand | None) -> Operand:
    """``made``, from ``np.zeros``, ``np.ones``, ``np.empty`` or ``np.full``, with its values
    (in the dtype given: what is computed of them is rounded or wraps around as running the
    file does): every element the same number, ``inv(np.ones((3, 3)))`` is singular
    (``np.empty``'s are not known)."""
    if (
        made.kind != "array"
        or name == "empty"
        or made.dtype not in ("b", "i", "f")
        or made.shape is None
        or size(made.shape) > MAX_FILLED
    ):
        return made
    value = {"zeros": 0, "ones": 1}.get(name)
    if name == "full" and fill is not None and fill.kind == "number":
        value = fill.value
    if name == "full" and dtype is None:
        dtype = fill  # np.full(3, 2): the fill's type (ints, or bools) gives the dtype
    kind = numpy_dtype(dtype) if dtype is not fill else None
    if (kind is None and dtype is not fill) or not (
        isinstance(value, (int, float))
        and (abs(value) < 2**53 or (made.dtype == "f" and not finite(value)))
    ):
        return made
    import numpy as np

    if kind is not None and np.dtype(kind).kind in "iu":
        bounds = np.iinfo(kind)
        if not bounds.min <= value <= bounds.max:
            return made  # (a float past the integers' range: C leaves the cast undefined)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = np.full(made.shape, value, dtype=kind)
        except (OverflowError, ValueError, TypeError):  # np.full(2, -1, np.uint8)
            return made
    return replace(array(made.shape, values, made.dtype), name=made.name, strides=made.strides)


#: np.percentile and np.quantile: q in [0, 100] or [0, 1]
_QUANTILES = {"percentile": 100, "nanpercentile": 100, "quantile": 1, "nanquantile": 1}


def _quantile(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.percentile(a, q, axis, keepdims=…)``: ``q``'s shape, then ``a`` reduced along
    ``axis`` (as ``np.mean`` reduces it); a ``q`` written out of its range is NumPy's
    ValueError."""
    a, q = _param(args, kwargs, 0, "a"), _param(args, kwargs, 1, "q")
    if a is None or q is None or set(kwargs) - {"a", "q", "axis", "keepdims", "method"}:
        return w.cannot(node)
    top = _QUANTILES[name]
    if q.kind == "number":
        values = [q.value]
    elif q.kind in ("list", "tuple"):
        values = [i.value if i.kind == "number" else None for i in items_of(q) or ()]
    else:
        flat = getattr(array_value(q), "flat", ())  # an array's numbers, as Python's
        values = [v.item() if hasattr(v, "item") else v for v in flat]
    if any(type(v) in (int, float) and not 0 <= v <= top for v in values):
        what = "Percentiles" if top == 100 else "Quantiles"
        raise w.refuse(
            node,
            "call",
            f"np.{name} takes q from 0 to {top}, and {w.source(node.args[1]) if len(node.args) > 1 else 'q'} "
            f"goes past that (NumPy raises a ValueError: {what} must be in the range [0, {top}])",
            raises="ValueError",
        )
    q_shape, a_shape = array_shape(q), array_shape(a)
    if not isinstance(q_shape, tuple) or not isinstance(a_shape, tuple):
        return w.cannot(node)
    axis = _param(args, kwargs, 2, "axis")
    kept = {k: v for k, v in kwargs.items() if k == "keepdims"}
    reduced = _reduce(w, node, "mean", a, a_shape, axis, kept)
    if reduced.kind not in ("array", "number"):
        return reduced
    over = _ints(axis) if axis is not None and axis.kind != "none" else tuple(range(len(a_shape)))
    if (
        not name.startswith("nan")
        and over is not None
        and all(-len(a_shape) <= i < len(a_shape) for i in over)
        and size(tuple(a_shape[i] for i in over)) == 0
    ):
        # each result is read from no numbers (np.percentile(np.array([]), 50))
        raise w.refuse(
            node,
            "call",
            f"np.{name} reads each result from the numbers of "
            f"{w.source(node.args[0]) if node.args else 'a'} along the axis, and it has shape "
            f"{format_shape(a_shape)}, no numbers there (NumPy raises an IndexError: index -1 "
            "is out of bounds for axis 0 with size 0)",
            raises="IndexError",
        )
    found = (*q_shape, *(reduced.shape or ()))
    # method="nearest", "lower" …: one of a's own numbers, whole numbers kept (not known
    # here); "linear", "midpoint" and the other interpolating ones: floats
    method = kwargs.get("method")
    kind = "f" if method is None or method.value in _INTERPOLATING else None
    return array(found, dtype=kind)


#: np.percentile's methods that compute a float between two of the numbers
_INTERPOLATING = frozenset(
    {"linear", "midpoint", "weibull", "hazen", "median_unbiased", "normal_unbiased",
     "interpolated_inverted_cdf", "averaged_inverted_cdf"}
)  # fmt: skip


#: parameters of random draws that NumPy refuses below 0 (as ``scale < 0``)
_NOT_NEGATIVE = frozenset({"scale", "sigma", "lam", "n"})
#: the draws whose parameter p is a probability: the range NumPy takes, in words and as a test
#: (negative_binomial's p of 0 is refused by the Generator only, so it is let through)
_PROBABILITIES: dict[str, tuple[str, Callable[[float], bool]]] = {
    "binomial": ("from 0 to 1", lambda p: 0 <= p <= 1),
    "negative_binomial": ("from 0 to 1", lambda p: 0 <= p <= 1),
    "geometric": ("above 0, up to 1", lambda p: 0 < p <= 1),
    "logseries": ("from 0, below 1", lambda p: 0 <= p < 1),
}
#: NumPy's words for a probability out of range, by draw
_PROBABILITY_REFUSED = {
    "binomial": "p < 0, p > 1 or p is NaN",
    "negative_binomial": "p < 0, p > 1 or p is NaN",
    "geometric": "p <= 0, p > 1 or p contains NaNs",
    "logseries": "p < 0, p >= 1 or p is NaN",
}


def _chances_refused(w: Walker, node: ast.Call, chances: Operand | None, generator: bool) -> None:
    """``choice(…, p=[0.5, 0.3, 0.3])`` of chances known: NumPy's ValueError for a negative
    one, or for chances whose sum is not 1 (far past NumPy's tolerance, about 1.5e-8)."""
    import numpy as np

    values = array_value(chances) if chances is not None and chances.kind != "none" else None
    slack = 0.0
    if values is None and chances is not None and chances.kind == "array":
        found = approx(chances)  # e / e.sum(axis=0): known up to rounding
        if found is not None and found[0].dtype.kind == "f" and np.isfinite(found[1]).all():
            values, bounds = found
            slack = float(np.sum(bounds))
            if ((values < 0) & (values + bounds >= 0)).any():
                return  # (a chance near 0: negative or not, only running tells)
    if values is None or values.ndim != 1 or values.dtype.kind not in "biuf" or not values.size:
        return
    total = float(np.sum(values, dtype=np.float64))
    words = (
        "probabilities are not non-negative"
        if (values < 0).any()
        else "probabilities do not sum to 1"
        if abs(total - 1.0) - slack > 1e-6
        else None
    )
    if words is None:
        return
    shown = words[0].upper() + words[1:] if generator else words
    raise w.refuse(
        node,
        "call",
        "p gives the chance of each that may be drawn, and "
        + ("one of them is negative" if "negative" in words else f"they add up to {total:g}, not 1")
        + f" (NumPy raises a ValueError: {shown})",
        raises="ValueError",
    )


def _random_values(
    w: Walker,
    node: ast.Call,
    name: str,
    params: tuple[str, ...],
    args: Args,
    kwargs: Kwargs,
    *,
    generator: bool = False,
) -> None:
    """NumPy's ValueError for parameters of a draw that can never hold, when they are
    numbers written out or known: a negative scale (``normal(0, -0.1)``), or integers drawn
    from an empty range (``randint(0, 0)``, ``rng.integers(5, 5)``)."""
    values = {}
    for i, param in enumerate(params):
        given = _param(args, kwargs, i, param)
        if given is not None and given.kind == "number" and type(given.value) in (int, float):
            values[param] = given.value
        elif given is not None and given.kind == "array" and given.shape == ():
            found = array_value(given)  # -np.sqrt(2 / n): a NumPy number whose value is known
            if found is not None and found.dtype.kind in "if":
                values[param] = found.item()
    for param, value in values.items():
        # NumPy refuses a scale of -0.0 too (it looks at the sign)
        signed = param in ("scale", "sigma") and math.copysign(1, value) < 0
        if param in _NOT_NEGATIVE and (value < 0 or signed):
            raise w.refuse(
                node,
                "call",
                f"{param}={value!r} is negative, and a draw's {param} cannot be (NumPy raises a "
                f"ValueError: {param} < 0)",
                raises="ValueError",
            )
    if name == "uniform":
        for param in ("low", "high"):
            if _param(args, kwargs, params.index(param), param) is None:
                values[param] = 0.0 if param == "low" else 1.0  # uniform(10): high is 1.0
            elif type(values.get(param)) is int and abs(values[param]) > _FLOAT_MAX:
                raise w.refuse(  # uniform(0, 10**400): made a float first
                    node,
                    "call",
                    f"{param}, a whole number of {len(str(abs(values[param])))} digits, is past "
                    "what a float holds (NumPy raises an "
                    "OverflowError: int too large to convert to float)",
                    raises="OverflowError",
                )
    low, high = values.get("low"), values.get("high")
    if name == "uniform" and generator and low is not None and high is not None:
        # (the old np.random.uniform draws from a range written backwards; a Generator not)
        if not finite(high - low):
            raise w.refuse(
                node,
                "call",
                f"uniform() draws between {low!r} and {high!r}, a range too wide for a float "
                "(NumPy raises an OverflowError: high - low range exceeds valid bounds)",
                raises="OverflowError",
            )
        if high < low:
            raise w.refuse(
                node,
                "call",
                f"uniform() draws from low={low!r} up to high={high!r}, and high is below low "
                "(NumPy raises a ValueError: high - low < 0); give the smaller one first",
                raises="ValueError",
            )
    chance = values.get("p") if name in _PROBABILITIES else None
    if chance is not None and not _PROBABILITIES[name][1](chance):
        raise w.refuse(
            node,
            "call",
            f"{name}() takes a probability p {_PROBABILITIES[name][0]}, and p={chance!r} is "
            f"not one (NumPy raises a ValueError: {_PROBABILITY_REFUSED[name]})",
            raises="ValueError",
        )
    if name not in ("randint", "integers") or "endpoint" in kwargs:
        return
    drawn = _param(args, kwargs, 2, "size")
    counts: list[Any] = []
    if drawn is not None and (drawn.kind == "number" or drawn.shape == ()):
        counts = [_whole(_raw(drawn))]  # (size=np.sum(mask): a NumPy int, when known)
    elif drawn is not None and drawn.kind in ("list", "tuple"):
        counts = [
            _whole(_raw(i)) if i.kind in ("number", "array") else None
            for i in items_of(drawn) or ()
        ]
    if counts and all(type(c) is int for c in counts) and math.prod(counts) == 0:
        return  # size=0, (2, 0): NumPy draws nothing, and asks nothing of low and high
    low, high = values.get("low"), values.get("high")
    given_high = _param(args, kwargs, 1, "high")
    if type(low) is int and given_high is None and low <= 0:  # randint(0): from 0 to low
        raise w.refuse(
            node,
            "call",
            f"{name}({low}) draws from 0 up to {low}, which holds no whole number (NumPy raises "
            "a ValueError: high <= 0)",
            raises="ValueError",
        )
    if type(low) is int and type(high) is int and low >= high:
        raise w.refuse(
            node,
            "call",
            f"{name} draws from {low} up to {high} (not included), which holds no whole number "
            "(NumPy raises a ValueError: low >= high)",
            raises="ValueError",
        )


def _not_a_whole_number(w: Walker, node: ast.Call, what: str, value: float) -> Refused:
    """NumPy's TypeError for a float where a count goes (``np.eye(6 / 2)``)."""
    return w.refuse(
        node,
        "call",
        f"the {what} {value!r} is a float, and it must be a whole number (Python raises a "
        "TypeError: 'float' object cannot be interpreted as an integer; // divides into a whole "
        "number, int() makes one)",
        raises="TypeError",
    )


def transpose(
    w: Walker, node: ast.AST, operand_node: ast.AST, base: Operand, axes: tuple[int, ...] | None
) -> Operand:
    """``.T``, ``.transpose(...)`` or ``np.transpose(...)`` with NumPy's rules."""
    shape = array_shape(base)
    if isinstance(shape, ShapeError):
        raise w.not_an_array(operand_node, shape)
    if shape is None:
        return w.cannot(node)
    key = (shape, axes)
    result = TRANSPOSED.get(key)
    if result is None:  # not met before: explained, and refused if NumPy would refuse it
        explanation, error = ops.try_transpose(
            shape, axes, name=w.source(operand_node), written=w.source(node)
        )
        if error is not None:
            from shapekit.engine._expressions import Refused

            raise Refused(error, node)
        result = explanation.shape or ()
        remember(TRANSPOSED, key, result)
    value = array_value(base)
    if value is not None:
        value = value.transpose(axes) if axes else value.T
    made = array(result, value, dtype_of(base))
    if base.dtype == "x":  # an array of text stays one (its first element that is not a number)
        made = replace(made, error=base.error)
    if base.kind == "array" and base.readonly:  # a view of an array NumPy will not write
        made = replace(made, readonly=True)
    if base.kind == "array" and base.strides is not None:  # the same memory, axes turned
        turned = base.strides[::-1] if axes is None else laid_out(base, lambda a: a.transpose(axes))
        made = replace(made, strides=turned)
    return replace(made, name=ZERO_D) if zero_d(base) else made  # np.array(2.5).T


#: the shape of each transpose NumPy allowed, by (shape, axes): it depends on them alone
TRANSPOSED: dict[tuple[Shape, tuple[int, ...] | None], Shape] = {}


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
        for index, part in enumerate(given):  # reshape(n / 2, 2): a float is Python's TypeError
            if len(given) > 1 and part.kind in ("tuple", "list"):  # x.reshape(x.shape, 4)
                target = node.args[index] if index < len(node.args) else None
                raise _shape_for_a_dimension(w, node, target, part)
            _float_dimension(w, node, part, None)
        return w.cannot(node, "a new shape that is not known without running the file")
    total = size(shape)
    # NumPy takes any negative number for the one dimension it works out (-1 by custom)
    free = [i for i, d in enumerate(dims) if d < 0]
    if len(free) > 1:
        raise w.refuse(
            node,
            "reshape",
            f"a new shape {format_shape(dims)} has {len(free)} negative numbers, and NumPy "
            "works out only one dimension (a ValueError: can only specify one unknown "
            "dimension)",
        )
    known = size(tuple(d for d in dims if d >= 0))
    if free:
        if known == 0 or total % known:
            raise w.refuse(
                node,
                "reshape",
                f"the array of shape {format_shape(shape)} has {total} elements, which cannot "
                f"be arranged as {format_shape(dims)}",
            )
        dims = tuple(total // known if d < 0 else d for d in dims)
    elif known != total:
        raise w.refuse(
            node,
            "reshape",
            f"the array of shape {format_shape(shape)} has {total} elements but the shape "
            f"{format_shape(dims)} holds {known}",
        )
    value = array_value(base) if len(dims) <= 64 else None  # (more: NumPy's error, below)
    ordered = any(k.arg == "order" for k in node.keywords) or any(
        not (isinstance(a, ast.Constant) and type(a.value) is int) for a in node.args[2:]
    )  # np.reshape(x, (2, 3), "F"): another order (x.reshape(2, 3, 4) is three dimensions)
    if value is not None and ordered:  # the numbers taken in the order asked ("A": not known)
        order = next((k.value for k in node.keywords if k.arg == "order"), None)
        if order is None:  # np.reshape(x, (2, 3), "F")
            order = next((a for a in node.args[2:] if isinstance(a, ast.Constant)), None)
        said = order.value if isinstance(order, ast.Constant) else None
        value = value.reshape(dims, order=said) if said in ("C", "F") else None
    else:
        value = None if value is None else value.reshape(dims)
    made = array(dims, value, dtype_of(base))
    if base.kind == "array" and base.strides is not None and len(dims) <= 64 and not ordered:
        made = replace(made, strides=laid_out(base, lambda a: a.reshape(dims)))  # or a copy
        if base.readonly and base.strides == c_strides(tuple(shape)):
            made = replace(made, readonly=True)  # (a view of a C-ordered read-only array)
    if not dims and (shape or zero_d(base)):  # x.reshape(()): an array of 0 dimensions
        made = replace(made, name=ZERO_D)  # (a NumPy number's .reshape(()) is the number)
    return replace(made, error=base.error) if base.dtype == "x" else made  # text stays text


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
        if a % ndim in out:
            raise w.refuse(
                node, "axis", f"duplicate value in 'axis': axis {a % ndim} is given twice"
            )
        out.append(a % ndim)
    return tuple(out)


class _Unknown(Exception):
    """An argument whose value is not known."""


#: functions whose result is measured by their arguments (see :func:`_measured`)
_MEASURED = frozenset(
    {"diagflat", "digitize", "searchsorted", "interp", "histogram", "convolve", "polyfit"}
)


def _measured(name: str, first: Operand, shape: Shape, rest: Args, kwargs: Kwargs) -> Operand:
    """``np.diagflat``, ``np.digitize``, ``np.searchsorted``, ``np.interp``, ``np.histogram``
    (of a number of bins, or of their edges), ``np.convolve`` and ``np.polyfit`` of ``first``,
    of ``shape``; :class:`_Unknown` for what is not followed (what NumPy refuses among it)."""
    kind = dtype_of(first)

    def shape_of(operand: Operand | None) -> Shape:
        found = array_shape(operand) if operand is not None else None
        if not isinstance(found, tuple):
            raise _Unknown
        return found

    def whole(operand: Operand | None, default: int) -> int:
        if operand is None:
            return default
        if operand.kind != "number" or type(operand.value) is not int:
            raise _Unknown
        return operand.value

    if name == "diagflat":  # the numbers, flattened, on a diagonal k off the main one
        if len(rest) > 1 or set(kwargs) - {"v", "k"}:
            raise _Unknown
        side = size(shape) + abs(whole(_param(rest, kwargs, 0, "k"), 0))
        return array((side, side), dtype=kind)
    if name == "digitize":  # the bin of each number
        if len(rest) > 2 or set(kwargs) - {"x", "bins", "right"}:
            raise _Unknown
        if len(shape_of(_param(rest, kwargs, 0, "bins"))) != 1:
            raise _Unknown
        return array(shape, dtype="i")
    if name == "searchsorted":  # where each of v goes in the sorted a
        if len(rest) > 3 or set(kwargs) - {"a", "v", "side", "sorter"} or len(shape) != 1:
            raise _Unknown
        return array(shape_of(_param(rest, kwargs, 0, "v")), dtype="i")
    if name == "interp":  # each x read off the line through (xp, fp)
        if len(rest) > 5 or set(kwargs) - {"x", "xp", "fp", "left", "right", "period"}:
            raise _Unknown
        xp, fp = (shape_of(_param(rest, kwargs, i, n)) for i, n in ((0, "xp"), (1, "fp")))
        if len(xp) != 1 or xp != fp or not xp[0]:
            raise _Unknown
        return array(shape, dtype="f")
    if name == "histogram":  # (counts, edges)
        if len(rest) > 1 or set(kwargs) - {"a", "bins", "range"}:
            raise _Unknown
        bins = _param(rest, kwargs, 0, "bins")
        if bins is not None and bins.kind in ("list", "tuple", "array"):
            edges = shape_of(bins)
            if len(edges) != 1 or edges[0] < 2:
                raise _Unknown
            count = edges[0] - 1
        else:
            count = whole(bins, 10)
            if count < 1:
                raise _Unknown
        return sequence("tuple", (array((count,), dtype="i"), array((count + 1,), dtype="f")))
    if name == "convolve":  # of two sequences of numbers, as long as mode says
        other = _param(rest, kwargs, 0, "v")
        mode = _param(rest, kwargs, 1, "mode")
        if len(rest) > 2 or set(kwargs) - {"a", "v", "mode"} or other is None:
            raise _Unknown
        sizes = [size(s) for s in (shape, shape_of(other)) if len(s) <= 1]
        said = "full" if mode is None else mode.value if mode.kind == "str" else None
        if len(sizes) != 2 or 0 in sizes or said not in ("full", "same", "valid"):
            raise _Unknown
        n, m = max(sizes), min(sizes)
        length = {"full": n + m - 1, "same": n, "valid": n - m + 1}[said]
        kinds = (kind, dtype_of(other))
        return array((length,), dtype="f" if "f" in kinds else promoted(*kinds))
    # polyfit(x, y, deg): the coefficients, highest power first (a column per column of y)
    if len(rest) != 2 or kwargs or len(shape) != 1:
        raise _Unknown
    ys, deg = shape_of(rest[0]), whole(rest[1], -1)
    if deg < 0 or len(ys) not in (1, 2) or ys[0] != shape[0]:
        raise _Unknown
    return array((deg + 1, *ys[1:]), dtype="f")


def _shape_for_a_dimension(
    w: Walker, node: ast.Call, target: ast.AST | None, given: Operand
) -> Refused:
    """``np.zeros((n, 3))``, ``x.reshape(n, 4)`` with ``n = x.shape``: a tuple (or a list)
    where one dimension goes is Python's TypeError."""
    shown = w.source(target) if target is not None else "a dimension"
    return w.refuse(
        node,
        "call",
        f"a dimension must be a whole number, and {shown} is {describe(given)} (Python raises "
        f"a TypeError: '{given.kind}' object cannot be interpreted as an integer); "
        f"{shown}[0] is its first number",
        raises="TypeError",
    )


def _shown_first(w: Walker, node: ast.Call) -> str:
    """The first argument as written (``x.fill(np.nan)``: ``np.nan``)."""
    if node.args and not isinstance(node.args[0], ast.Starred):
        return w.source(node.args[0])
    return "the value given"


def _default_integers(node: ast.AST | None) -> bool:
    """Whether ``node`` makes an array of NumPy's default integers (int64, with a sign) as
    written: ``np.arange(3)``, ``np.array([1, 2, 3])`` of Python ints and no dtype (an array
    of another name may hold unsigned ones its width was not followed through)."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("np", "numpy")
        and node.func.attr in ("arange", "array", "asarray")
        and not node.keywords
    ):
        return False
    return all(
        isinstance(n, (ast.Constant, ast.List, ast.Tuple, ast.UnaryOp, ast.USub, ast.Load))
        and not (isinstance(n, ast.Constant) and type(n.value) is not int)
        for a in node.args
        for n in ast.walk(a)
    ) and (node.func.attr == "arange" or len(node.args) == 1)


def _diagonal_filled(w: Walker, node: ast.Call, given: Operand) -> None:
    """``np.fill_diagonal(a, v)``: ``a`` has two axes or more, all of one length past two
    (NumPy's ValueError)."""
    if given.kind in ("list", "tuple", "number", "str", "none"):  # np.fill_diagonal(rows, 0)
        raise w.refuse(
            node,
            "call",
            f"np.fill_diagonal writes into a NumPy array, and "
            f"{w.source(node.args[0]) if node.args else 'a'} is {describe(given)} (Python raises "
            f"an AttributeError: it has no attribute 'ndim'); fill np.array(…) of it",
            w.wrap_candidates(list[ast.AST](node.args[:1]), "convert it to a NumPy array first"),
            raises="AttributeError",
        )
    found = array_shape(given) if given.kind == "array" else None
    if not isinstance(found, tuple):
        return
    if len(found) < 2:
        refused = "array must be at least 2-d"
    elif len(found) > 2 and len(set(found)) > 1:
        refused = "All dimensions of input must be of equal length"
    else:
        return
    raise w.refuse(
        node,
        "call",
        f"np.fill_diagonal fills the diagonal of an array of two axes or more (all of one "
        f"length past two), and {w.source(node.args[0]) if node.args else 'a'} has shape "
        f"{format_shape(found)} (NumPy raises a ValueError: {refused})",
        raises="ValueError",
    )


def _shuffled_number(w: Walker, node: ast.Call, given: Operand) -> None:
    """``rng.shuffle(len(x))``: a number (a Python or NumPy one) has no order to shuffle
    (NumPy's TypeError); ``rng.permutation(n)`` gives 0 … n-1 in an order of chance. And a
    read-only array is not shuffled (NumPy's ValueError)."""
    if given.kind == "array" and given.readonly and given.shape and node.args:
        raise w.refuse(
            node,
            "call",
            f"shuffle() reorders {w.source(node.args[0])} in place, and it is read-only (a "
            "view NumPy will not write into, or an array set so with .setflags(write=False)): "
            "NumPy raises a ValueError (array is read-only); .copy() makes an array of its own "
            "to shuffle",
            raises="ValueError",
        )
    shown = w.source(node.args[0]) if node.args else "the argument"
    length = len(given.value) if given.kind == "str" and given.value is not None else None
    items = items_of(given) if given.kind == "tuple" else None
    if items is not None:
        length = len(items)
    if length is not None and length > 1:  # (one item or none: nothing is swapped)
        raise w.refuse(
            node,
            "call",
            f"shuffle() changes the order of {shown} in place, and it is a {given.kind}, which "
            f"cannot be changed (Python raises a TypeError: '{given.kind}' object does not "
            "support item assignment); a list or an array can be",
            raises="TypeError",
        )
    if given.kind != "number" and not (given.kind == "array" and given.shape == ()):
        return
    raise w.refuse(
        node,
        "call",
        f"shuffle changes the order of an array in place, and {shown} is {describe(given)} "
        "(NumPy raises a TypeError: a number has no len()); permutation(n) gives the "
        "numbers 0 … n-1 in an order of chance",
        raises="TypeError",
    )


def _polyfit_refused(w: Walker, node: ast.Call, xs: Shape, y: Operand | None) -> None:
    """``np.polyfit(x, y, deg)``: NumPy's TypeError when x is not one line of numbers, or y
    not one or two dimensions with a row per number of x."""
    ys = array_shape(y) if y is not None else None
    if len(xs) != 1:
        why = "expected 1D vector for x"
    elif not xs[0]:
        why = "expected non-empty vector for x"
    elif not isinstance(ys, tuple):
        return
    elif len(ys) not in (1, 2):
        why = "expected 1D or 2D array for y"
    elif ys[0] != xs[0]:
        why = "expected x and y to have same length"
    else:
        return
    raise w.refuse(
        node,
        "call",
        f"np.polyfit fits y against x, one y (or a row of ys) for each x, and x has shape "
        f"{format_shape(xs)}"
        + (f" and y {format_shape(ys)}" if isinstance(ys, tuple) else "")
        + f" (NumPy raises a TypeError: {why})",
        raises="TypeError",
    )


def _counted(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.unique`` (its sorted values, and what ``return_index``, ``return_inverse`` and
    ``return_counts`` add) and ``np.bincount`` (as long as the largest value, plus one, or
    ``minlength``) of values that are known, as NumPy itself gives them for those values."""
    import numpy as np

    first = _param(args, kwargs, 0, "ar" if name == "unique" else "x")
    if name == "bincount" and first is not None and first.kind == "array" and first.dtype == "f":
        raise w.refuse(  # np.bincount(labels) of labels read as floats
            node,
            "call",
            f"np.bincount counts whole numbers, and {_shown_first(w, node)} is an array of "
            "floats (NumPy raises a TypeError: Cannot cast array data from dtype('float64') "
            "to dtype('int64') according to the rule 'safe'); .astype(int) makes whole numbers",
            raises="TypeError",
        )
    known = array_value(first) if first is not None and first.kind == "array" else None
    if first is not None and first.kind in ("list", "tuple") and node.args:
        _shape_of(w, node, 0, first, name)  # np.unique([[1, 2, 3], [4, 5]]): ragged, refused
    if known is None and first is not None and first.kind in ("list", "tuple"):
        written = _written_out(first)
        known = None if written is None else np.asarray(written)
    flags = ("return_index", "return_inverse", "return_counts")
    allowed = {"ar", *flags} if name == "unique" else {"x", "minlength"}
    below = (
        first.memo.get(BELOW)
        if first is not None and first.kind == "array" and values_current(first)
        else None
    )
    if known is None and name == "bincount" and below is not None and len(args) == 1:
        # np.bincount(scores.argmax(axis=1), minlength=3): every position is below 3
        length = kwargs.get("minlength")
        shape = first.shape if first is not None else None
        if (
            set(kwargs) <= {"minlength"}
            and length is not None
            and length.kind == "number"
            and type(length.value) is int
            and length.value >= below
            and shape is not None
            and len(shape) == 1
        ):
            return array((length.value,), None, "i")
    if known is None or len(args) > 1 or set(kwargs) - allowed or known.dtype.kind not in "iubU":
        return w.cannot(node)
    if name == "bincount":
        length = _param(args, kwargs, 1, "minlength")
        if length is not None and not (length.kind == "number" and type(length.value) is int):
            return w.cannot(node)
        if known.ndim == 1 and known.dtype.kind in "iub" and known.size and known.min() < 0:
            raise w.refuse(  # labels with -1 for "none": np.bincount counts from 0
                node,
                "call",
                f"np.bincount counts whole numbers from 0, and {_shown_first(w, node)} holds "
                f"{int(known.min())} (NumPy raises a ValueError: 'list' argument must have no "
                "negative elements)",
                raises="ValueError",
            )
        if known.ndim != 1 or known.dtype.kind not in "iub":
            return w.cannot(node)  # (NumPy's ValueError of 2 dimensions: not judged here)
        least = max(length.value if length else 0, 0)
        top = max(int(known.max()) + 1 if known.size else 0, least)
        if top >= 2**63:  # (NumPy's OverflowError: not judged here)
            return w.cannot(node)
        if top > MAX_VALUE_ELEMENTS:  # as long as the largest value: not counted here
            return array((top,), None, "i")
        counts = np.bincount(known, minlength=least)
        return array(counts.shape, counts, "i")
    wanted = []
    for i, flag in enumerate(flags):
        given = kwargs.get(flag)
        if given is not None and not (given.kind == "number" and given.value is not None):
            return w.cannot(node)
        wanted.append(bool(given is not None and given.value))
        del i
    values = np.unique(known)
    text = values.dtype.kind == "U"
    shown = (
        Operand(
            "array", values.shape, dtype="x", error=NotANumberError(f"{w.source(node)} holds text")
        )
        if text
        else array(values.shape, values, "b" if values.dtype.kind == "b" else "i")
    )
    if not any(wanted):
        return shown
    found = np.unique(known, return_index=True, return_inverse=True, return_counts=True)
    extra = [
        array(part.shape, part, "i") for part, keep in zip(found[1:], wanted, strict=True) if keep
    ]
    return sequence("tuple", (shown, *extra))


def _windows(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``sliding_window_view(x, window_shape, axis=None)``: each axis slid along keeps the
    places a window fits in (its length less the window's, plus one), and the windows' own
    axes come last."""
    x = _param(args, kwargs, 0, "x")
    found = array_shape(x) if x is not None else None
    window = _ints(_param(args, kwargs, 1, "window_shape"))
    axis = _param(args, kwargs, 2, "axis")
    if (
        len(args) > 3
        or kwargs.keys() - {"x", "window_shape", "axis", "subok", "writeable"}
        or not isinstance(found, tuple)
        or window is None
    ):
        return w.cannot(node)
    if axis is None or axis.kind == "none":
        axes = list(range(len(found)))
    else:
        listed = _ints(axis)
        if listed is None or any(not -len(found) <= a < len(found) for a in listed):
            return w.cannot(node)
        axes = [a % len(found) for a in listed]
    if len(axes) != len(window):
        raise w.refuse(
            node,
            "call",
            f"sliding_window_view takes one window length per axis slid along: "
            f"{len(window)} for {len(axes)} ax{'is' if len(axes) == 1 else 'es'} of the array of "
            f"shape {format_shape(found)} (NumPy raises a ValueError)",
            raises="ValueError",
        )
    slid = list(found)
    for a, length in zip(axes, window, strict=True):
        if length < 0:
            return w.cannot(node)
        if slid[a] < length:
            raise w.refuse(
                node,
                "call",
                f"a window of {length} does not fit in axis {a} of the array of shape "
                f"{format_shape(found)} (NumPy raises a ValueError: window shape cannot be "
                "larger than input array shape)",
                raises="ValueError",
            )
        slid[a] -= length - 1
    assert x is not None  # its shape is known
    made = array((*slid, *window), dtype=dtype_of(x))
    writeable = kwargs.get("writeable")
    if writeable is None or (writeable.kind == "number" and writeable.value is False):
        made = replace(made, readonly=True)  # a read-only view unless writeable=True
    return made


def _array_for_axis(w: Walker, node: ast.Call, name: str, base: Operand, axis: Operand) -> None:
    """``np.max(0, z)``: the second argument of a reduction is its axis, and an array is
    none (Python raises a TypeError); the element-wise maximum is ``np.maximum(0, z)``."""
    pairwise = {"max": "maximum", "amax": "maximum", "min": "minimum", "amin": "minimum"}
    better = pairwise.get(name)
    candidates = None
    advice = ""
    if better is not None and isinstance(node.func, ast.Attribute) and len(node.args) == 2:
        lo, hi = w.span(node.func)
        module = w.source(node.func.value)
        candidates = w.replacing(lo, hi, f"{module}.{better}", "element by element")
        advice = f"; {module}.{better}({w.source(node.args[0])}, {w.source(node.args[1])}) "
        advice += "compares element by element"
    raise w.refuse(
        node,
        "call",
        f"np.{name} takes {w.source(node.args[-1]) if node.args else 'an argument'}, "
        f"{describe(axis)}, for its axis, which must "
        f"be a whole number or a tuple of them (Python raises a TypeError){advice}",
        candidates,
        raises="TypeError",
    )


#: reductions that have no value for no elements (np.sum of nothing is 0, np.max is not)
_NO_IDENTITY = frozenset(
    {"max", "min", "amax", "amin", "argmax", "argmin", "ptp", "nanmax", "nanmin", "nanargmax",
     "nanargmin"}
)  # fmt: skip


#: reductions that divide by how many numbers they read: of none, NumPy warns (Mean of
#: empty slice) and meets 0 / 0 (an invalid value)
_EMPTY_WARNED = frozenset({"mean", "std", "var", "nanmean", "nanstd", "nanvar"})


def _empty_mean(w: Walker, node: ast.Call, name: str, shape: Shape, axis: Operand | None) -> None:
    """``np.mean`` of no numbers (an array of size 0) where NumPy's floating-point errors
    raise (``np.seterr(all="raise")``, warnings made errors): asked of NumPy, on an array of
    zeros of that shape, under the same settings (see floating_refused)."""
    import numpy as np

    from shapekit.engine._access import floating_refused

    axes = None if axis is None or axis.kind == "none" else _ints(axis)
    if w.dry or (axes is None and axis is not None and axis.kind != "none"):
        return
    stand_in, function = np.zeros(shape), getattr(np, name)

    def compute() -> None:
        try:
            function(stand_in, axis=axes)
        except (FloatingPointError, Warning):
            raise
        except Exception:  # (an axis out of range …: said elsewhere)
            return

    raising = getattr(w.host, "warnings_raise", False)
    if raising:  # NumPy's own warning comes first (Mean of empty slice …)
        import warnings

        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("error")
                compute()
        except Warning as warned:
            refused = w.refuse(
                node,
                "call",
                f"np.{name} reads no numbers here, and NumPy warns of it ({warned}); the "
                "warnings filter makes the warning an error (Python raises a "
                f"{type(warned).__name__}: {warned})",
                raises=type(warned).__name__,
            )
            if raising != "perhaps":
                raise refused from None
            from shapekit.engine._access import possible
            from shapekit.engine.program import UNDECIDED

            refused.depends = UNDECIDED
            possible(w, refused, f"whether the warning at {w.where(node)} is an error")
            return
    floating_refused(w, node, compute, f"np.{name}")


def _reduce(
    w: Walker,
    node: ast.Call,
    name: str,
    base: Operand,
    shape: Shape,
    axis: Operand | None,
    kwargs: Kwargs,
) -> Operand:
    if axis is not None and axis.kind == "array" and axis.shape and "axis" not in kwargs:
        _array_for_axis(w, node, name, base, axis)
    keep = kwargs.get("keepdims")
    if keep is not None and not (keep.kind == "number" and keep.value is not None):
        return w.cannot(node)
    keepdims = bool(keep.value) if keep is not None else False
    if name in _EMPTY_WARNED and not size(shape) and getattr(w.host, "fp_states", None):
        _empty_mean(w, node, name, shape, axis)
    kind = {
        "mean": "f",
        "std": "f",
        "var": "f",
        "argmax": "i",
        "argmin": "i",
        "all": "b",
        "any": "b",
        **dict.fromkeys(("median", "nanmedian", "nanmean", "nanstd", "nanvar"), "f"),
        **dict.fromkeys(("nanargmax", "nanargmin", "count_nonzero"), "i"),
    }.get(name, dtype_of(base))
    if kind == "b" and name in ("sum", "prod", "nansum", "nanprod"):
        kind = "i"
    if "dtype" in kwargs:  # np.mean(a, dtype=int): the kind asked for
        given = kwargs["dtype"]
        kind = None if given.kind == "none" else dtype_letter(given)
    legacy = {"sum", "max", "min", "amax", "amin", "prod", "argmax", "argmin", "all", "any",
              "nansum", "nanprod", "nanmax", "nanmin", "nanargmax", "nanargmin", "count_nonzero",
              "ptp"}  # fmt: skip
    if not shape and name in ("nanmean", "nanstd", "nanvar") and axis is not None:
        return w.cannot(node)  # an axis of a 0-D array: taken for floats, not for booleans
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
    initial = kwargs.get("initial")
    if name in _NO_IDENTITY and (initial is None or initial.kind == "none"):
        # nothing to take the maximum of along an axis of length 0 (initial= gives one)
        empty = [a for a in (range(len(shape)) if axes is None else axes) if shape[a] == 0]
        if empty:
            what = (
                f"the array of shape {format_shape(shape)} has no elements"
                if axes is None
                else f"axis {empty[0]} of the array of shape {format_shape(shape)} has length 0"
            )
            raise w.refuse(
                node,
                "reduce",
                f"{what}, and np.{name} of no elements is not defined (NumPy raises a ValueError)",
            )
    if name in ("nanargmax", "nanargmin", "nanmax", "nanmin") and "where" not in kwargs:
        _all_nan(w, node, name, base, axes)
    if axes is None:
        plain = not keepdims and kwargs.keys() <= {"keepdims", "axis"}  # no initial=, where=
        if plain and kind in ("i", "b") and name in _WHOLE_TOTALS:
            # np.prod(x.shape[1:]): its value is known, for a shape that depends on it;
            # loss.any(): whether it holds (`loss.any() and loss > 0.1`)
            value = array_value(base)
            kinds = "iubf" if kind == "b" else "iub"  # the truth of floats is exact too
            if value is not None and value.size and value.dtype.kind in kinds:
                import numpy as np

                total = getattr(np, _WHOLE_TOTALS[name])(value)
                return array((), np.asarray(total), kind)
        whole = tuple(1 for _ in shape) if keepdims else ()
        return _reduced(array(whole, dtype=kind), name, base, axes, keepdims, kwargs)
    if name in ("argmax", "argmin", "nanargmax", "nanargmin") and len(axes) > 1:
        return w.cannot(node)
    kept = (
        tuple(1 if i in axes else d for i, d in enumerate(shape))
        if keepdims
        else tuple(d for i, d in enumerate(shape) if i not in axes)
    )
    if name in ("argmax", "argmin") and all(shape[a] == 1 for a in axes) and size(kept) <= 1000:
        import numpy as np  # along an axis of length 1 the place is 0, whatever the values

        return array(kept, np.zeros(kept, dtype=np.intp), kind)
    return _reduced(array(kept, dtype=kind), name, base, axes, keepdims, kwargs)


def _all_nan(
    w: Walker, node: ast.Call, name: str, base: Operand, axes: tuple[int, ...] | None
) -> None:
    """``np.nanargmax`` of values known to be all NaN (along an axis): NumPy's ValueError
    (``np.nanmax`` only warns and gives nan)."""
    import numpy as np

    values = array_value(base)
    if (
        values is None
        or values.dtype.kind != "f"
        or not values.size
        or not name.endswith(("argmax", "argmin"))
    ):
        return
    if axes is not None and len(axes) != 1:
        return
    empty = np.isnan(values).all() if axes is None else np.isnan(values).all(axis=axes[0]).any()
    if empty:
        raise w.refuse(
            node,
            "reduce",
            f"{w.source(node.args[0]) if node.args else 'the array'} holds only NaN "
            f"{'' if axes is None else 'along an axis '}(its values are known), and "
            f"np.{name} has no place to give for it (NumPy raises a ValueError: All-NaN slice "
            "encountered)",
            raises="ValueError",
        )


#: reductions whose values are computed when those of the array are known (see
#: :func:`_reduced`): those that pick or count (exact for any numbers), and those that sum
#: (exact for whole numbers)
_PICKING = frozenset(
    {"max", "min", "amax", "amin", "argmax", "argmin", "any", "all", "count_nonzero",
     "median"}  # (a middle number, or the half of two middle ones' sum: one rounding)
)  # fmt: skip
_SUMMING = frozenset({"sum", "prod", "mean"})


def _reduced(
    made: Operand,
    name: str,
    base: Operand,
    axes: tuple[int, ...] | None,
    keepdims: bool,
    kwargs: Kwargs,
) -> Operand:
    """``made``, the result of reduction ``name`` of ``base``, with its values when
    ``base``'s are known and running the file gives the very same numbers on any machine:
    a maximum, a place, a count; a sum or mean of whole numbers (of floats, the order of
    the sum may change the last digits: not kept)."""
    if (
        made.kind != "array"
        or made.dtype not in ("b", "i", "f")
        or name not in _PICKING | _SUMMING | {"std", "var"}
        or kwargs.keys() - {"axis", "keepdims"}
        or (name in ("argmax", "argmin") and axes is not None and len(axes) > 1)
    ):
        return made
    given: dict[str, Any] = {}
    if axes is not None:
        given["axis"] = axes[0] if name in ("argmax", "argmin") else axes
    if keepdims:
        given["keepdims"] = True
    values = array_value(base)
    if (
        values is None
        or values.dtype.kind not in "biuf"
        or values.size > MAX_FILLED
        or name in ("std", "var")  # (known up to rounding only: a square root, a mean)
    ):
        return _roughly_reduced(made, name, base, given)
    import numpy as np

    if name in _SUMMING and (values.dtype.kind == "f" or name == "mean"):  # (means of floats)
        if values.dtype.kind == "f" and values.dtype != np.float64:
            return made  # (float32 sums are exact only below 2**24)
        if not dyadic(values, 2**20):  # (NaN and infinity are not whole numbers, nor 0.1 a
            return _roughly_reduced(made, name, base, given)  # sum of halves)
        if name == "prod" and values.dtype.kind == "f":
            return made
    if name in _NO_IDENTITY and values.size == 0:
        return made
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (the mean of no elements: NumPy warns, gives NaN)
        try:
            found = np.asarray(getattr(np, _NUMPY_NAMES.get(name, name))(values, **given))
        except (ValueError, TypeError, ArithmeticError, MemoryError):
            return made
    if found.shape != made.shape:
        return made
    return array(made.shape, found, made.dtype)


#: NumPy's names of reductions of other names
_NUMPY_NAMES = {"amax": "max", "amin": "min"}


def _roughly_reduced(made: Operand, name: str, base: Operand, given: dict[str, Any]) -> Operand:
    """``made`` with values known up to rounding, for a sum, mean, maximum or minimum of
    numbers known so (see :mod:`shapekit.engine._approx`), or with its places, for an argmax
    whose largest leads by more than any rounding."""
    if made.kind != "array" or (base.kind == "array" and base.dtype not in ("b", "i", "f")):
        return made
    if name not in ("argmax", "argmin"):

        def work() -> Any:
            found = approx(base)
            return None if found is None else approx_reduced(name, found, given)

        return approximated(made, work)
    found = approx(base)
    if found is not None:
        if given.get("keepdims"):
            return made
        places = approx_picked(name, found, given.get("axis"))
        if places is None or made.shape is None or places.shape != made.shape:
            return made
        return array(made.shape, places, made.dtype)
    return made


#: the reductions of whole numbers whose value is worked out (by NumPy's function)
_WHOLE_TOTALS = {"sum": "sum", "prod": "prod", "max": "max", "min": "min", "amax": "max",
                 "amin": "min", "any": "any", "all": "all"}  # fmt: skip


def _squeeze(
    w: Walker, node: ast.Call, shape: Shape, axis: Operand | None, kind: str | None
) -> Operand:
    """``np.squeeze``: the axes of size 1 dropped (all of them, or those of ``axis``)."""
    if not shape and axis is not None and axis.kind == "number" and axis.value in (0, -1):
        return array((), dtype=kind)  # as for reductions, NumPy takes axis 0 or -1 of a 0-D array
    try:
        axes = _axes(w, node, axis, len(shape))
    except _Unknown:
        return w.cannot(node)
    if axes is None:
        return array(tuple(d for d in shape if d != 1), dtype=kind)
    for a in axes:
        if shape[a] != 1:
            raise w.refuse(
                node,
                "squeeze",
                f"axis {a} has size {shape[a]}, and only an axis of size 1 can be squeezed out",
            )
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


def _insert(
    w: Walker, node: ast.Call, base: Operand, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``np.insert(x, i, number, axis=a)`` (the bias trick): one more along ``a`` for each
    index ``i`` gives, each within the axis (else NumPy's IndexError); without ``axis`` the
    array is flattened first. Values other than a single number are not followed."""
    where, values = _param(rest, kwargs, 0, "obj"), _param(rest, kwargs, 1, "values")
    axis = _param(rest, kwargs, 2, "axis")
    if where is None or values is None or values.kind != "number":
        return w.cannot(node)
    if axis is None or axis.kind == "none":
        shape = (size(shape),)
        a = 0
    else:
        try:
            a = _axis_of(w, node, axis, len(shape))
        except _Unknown:
            return w.cannot(node)
    indices = _ints(where) if where.kind in ("list", "tuple") else None
    if where.kind == "number" and type(where.value) is int:
        indices = (where.value,)
    if not indices:
        return w.cannot(node)
    for index in indices:
        if not -shape[a] <= index <= shape[a]:
            raise w.refuse(
                node,
                "index",
                f"index {index} is out of bounds for axis {a} with size {shape[a]} (np.insert "
                f"puts values before an index from {-shape[a]} to {shape[a]}; NumPy raises an "
                "IndexError)",
                raises="IndexError",
            )
    grown = (*shape[:a], shape[a] + len(indices), *shape[a + 1 :])
    return array(grown, dtype=dtype_of(base))


def _fits_integers(w: Walker, node: ast.Call, given: Operand, dtype: Operand) -> bool:
    """``np.array([300], dtype=np.uint8)``: numbers written out that the integer dtype cannot
    hold are NumPy's OverflowError (NumPy 2 no longer wraps them; a float is taken as its
    int()). An array cast so wraps its values. False where NumPy's own numbers in a list
    meet a small dtype: NumPy refuses some and wraps others, which is not followed."""
    import numpy as np

    name = dtype.value if dtype.kind == "str" else (dtype.name or "").removeprefix("numpy.")
    try:
        target = np.dtype(name if isinstance(name, str) else None)
    except TypeError:
        return True
    if not _python_numbers(given):  # an array cast to the dtype wraps its values
        return target.itemsize >= 8 or not _numpy_scalars(given)
    values = array_value(given)
    if values is None or getattr(values, "dtype", None) is None or values.dtype.kind not in "iuf":
        return True
    if values.dtype.kind == "f":  # NumPy takes int() of each float written out
        if not values.size or not np.isfinite(values).all():
            return True  # (nan and inf: errors of their own, not judged here)
        values = np.asarray(np.trunc(values)).astype(object)
    if target.kind not in "iu" or not values.size:
        return True
    limits = np.iinfo(target)
    low, high = int(values.min()), int(values.max())
    if low >= limits.min and high <= limits.max:
        return True
    bad = high if high > limits.max else low
    raise w.refuse(
        node,
        "call",
        f"{bad} does not fit in {target.name}, whose numbers go from {limits.min} to "
        f"{limits.max} (NumPy raises an OverflowError: Python integer {bad} out of bounds for "
        f"{target.name})",
        raises="OverflowError",
    )


def _python_numbers(given: Operand, depth: int = 0) -> bool:
    """Whether ``given`` is Python's numbers (a number, or lists and tuples of them written
    out), with no NumPy array or scalar among them."""
    if given.kind == "number":
        return given.value is not None and type(given.value) in (int, float, bool)
    if given.kind not in ("list", "tuple") or depth > 32:
        return False
    if given.items is None:
        return given.value is not None  # a list written out: Python's own values
    return all(_python_numbers(item, depth + 1) for item in given.items)


def _numpy_scalars(given: Operand, depth: int = 0) -> bool:
    """Whether the list or tuple ``given`` holds NumPy's own numbers (``np.int64(300)``)."""
    if given.kind == "number" or (given.kind == "array" and given.shape == ()):
        return (
            depth > 0
            and (given.dtype is not None or given.kind == "array")
            and given.name != ZERO_D
        )
    if given.kind not in ("list", "tuple") or given.items is None or depth > 32:
        return False
    return any(_numpy_scalars(item, depth + 1) for item in given.items)


def _put_along_axis(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``np.put_along_axis(x, idx, values, axis)``: the places are those
    ``np.take_along_axis(x, idx, axis)`` reads, and ``values`` must stretch over them
    (NumPy's ValueError); it gives None."""
    places = _take_along_axis(w, node, args, kwargs, put=True)
    values = _param(args, kwargs, 2, "values")
    found = array_shape(values) if values is not None else None
    if (
        places.kind == "array"
        and places.shape is not None
        and isinstance(found, tuple)
        and _broadcast(found, places.shape) != places.shape
    ):
        raise w.refuse(
            node,
            "broadcast",
            f"the values of shape {format_shape(found)} do not stretch over the "
            f"{format_shape(places.shape)} places the indices pick (NumPy raises a ValueError: "
            f"shape mismatch: value array of shape {format_shape(found)} could not be broadcast "
            f"to indexing result of shape {format_shape(places.shape)})",
            raises="ValueError",
        )
    return Operand("none")


def _take_along_axis(
    w: Walker, node: ast.Call, args: Args, kwargs: Kwargs, put: bool = False
) -> Operand:
    """``np.take_along_axis(x, idx, axis)``: ``idx`` has as many dimensions as ``x`` (else
    NumPy's ValueError); the result has ``idx``'s length along the axis, and the other
    axes of both broadcast (``put``: the places ``np.put_along_axis`` writes)."""
    given, indices = _param(args, kwargs, 0, "arr"), _param(args, kwargs, 1, "indices")
    axis = _param(args, kwargs, 3 if put else 2, "axis")
    shape = array_shape(given) if given is not None else None
    picks = array_shape(indices) if indices is not None else None
    if given is None or axis is None or not isinstance(shape, tuple):
        return w.cannot(node)
    if not isinstance(picks, tuple) or dtype_of(indices) not in ("i", None):  # type: ignore[arg-type]
        return w.cannot(node)
    if axis.kind == "none":
        shape, a = (size(shape),), 0
    else:
        try:
            a = _axis_of(w, node, axis, len(shape))
        except _Unknown:
            return w.cannot(node)
    if len(picks) != len(shape):
        raise w.refuse(
            node,
            "call",
            f"the indices have {len(picks)} dimension{'s' * (len(picks) != 1)} and the array "
            f"{len(shape)}: {'put' if put else 'take'}_along_axis needs as many (NumPy raises a "
            "ValueError: `indices` and `arr` must have the same number of dimensions); "
            "np.expand_dims(indices, axis) adds the one the indices lack",
            raises="ValueError",
        )
    out = []
    for d, (x, i) in enumerate(zip(shape, picks, strict=True)):
        if d == a:
            out.append(i)
        elif x == i or 1 in (x, i):
            out.append(max(x, i) if 0 not in (x, i) else 0)
        else:
            raise w.refuse(
                node,
                "broadcast",
                f"the indices of shape {format_shape(picks)} do not fit the array of shape "
                f"{format_shape(shape)} along axis {d} (NumPy raises an IndexError: shape "
                "mismatch: indexing arrays could not be broadcast together)",
                raises="IndexError",
            )
    return array(tuple(out), dtype=dtype_of(given))


def _along_axis(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``np.apply_along_axis(f, axis, x)``: ``f`` of one 1-D slice along the axis (followed
    once, as the slices share a shape); its result's shape takes the axis's place."""
    func, axis, given = (
        _param(args, kwargs, i, n) for i, n in enumerate(("func1d", "axis", "arr"))
    )
    shape = array_shape(given) if given is not None else None
    if (
        func is None
        or given is None
        or func.kind not in ("userfunc", "partial")
        or not isinstance(shape, tuple)
        or len(args) > 3
        or kwargs
        or w.dry
    ):
        return w.cannot(node)
    try:
        a = _axis_of(w, node, axis, len(shape))
    except _Unknown:
        return w.cannot(node)
    if 0 in shape:
        return w.cannot(node)  # NumPy refuses to apply to no slices
    why = f"a list changed by the calls of `{w.short(node)}` at {w.where(node)}"
    with lazily(w.host, why):  # called once per slice
        one = w.call_operand(node, func, [array((shape[a],), dtype=dtype_of(given))])
    found = array_shape(one)
    if one.kind == "error":
        return one
    if not isinstance(found, tuple):
        return w.cannot(node)
    return array((*shape[:a], *found, *shape[a + 1 :]), dtype=dtype_of(one))


def _fromfunction(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``np.fromfunction(f, shape)``: what ``f`` gives, called once with one array of
    ``shape`` per dimension, the indices along it (floats, NumPy's default dtype): it is
    called once, right there, as a call of the file's."""
    func, given = _param(args, kwargs, 0, "function"), _param(args, kwargs, 1, "shape")
    shape = _ints(given) if given is not None and given.kind in ("list", "tuple") else None
    if (
        func is None
        or func.kind not in ("userfunc", "partial")
        or shape is None
        or any(n < 0 for n in shape)
        or len(args) > 2
        or kwargs.keys() - {"function", "shape"}
        or any(isinstance(a, ast.Starred) for a in node.args)
        or w.dry
    ):
        return w.cannot(node)
    return w.call_operand(node, func, [array(shape, dtype="f") for _ in shape])  # called once


def _axis_of(w: Walker, node: ast.AST, given: Operand | None, ndim: int, what: str = "") -> int:
    """One axis, normalised; NumPy's AxisError when out of bounds (``what`` names the
    argument, as NumPy does: ``"axis2: "``); :class:`_Unknown` when not a known int."""
    if given is None or given.kind != "number" or type(given.value) is not int:
        raise _Unknown
    a = given.value
    if not -ndim <= a < ndim:
        raise w.refuse(
            node, "axis", f"{what}axis {a} is out of bounds for an array of dimension {ndim}"
        )
    return a % ndim


def _diff(
    w: Walker, node: ast.Call, base: Operand, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``np.diff(a, n=1, axis=-1)``: ``n`` fewer along ``axis`` (none left below zero)."""
    if set(kwargs) - {"a", "n", "axis"} or len(rest) > 2:
        return w.cannot(node)  # prepend=, append= add their own
    n = _param(rest, kwargs, 0, "n") or number(1)
    if n.kind != "number" or type(n.value) is not int:
        return w.cannot(node)
    if n.value < 0:
        raise w.refuse(
            node,
            "call",
            f"np.diff takes n={n.value} differences, and n cannot be negative (NumPy raises a "
            f"ValueError: order must be non-negative but got {n.value})",
            raises="ValueError",
        )
    if n.value == 0:  # the array itself, before NumPy looks at its axes
        return array(shape, dtype=dtype_of(base))
    if not shape:
        raise w.refuse(
            node,
            "call",
            "np.diff takes the differences along an axis, and a single number has none (NumPy "
            "raises a ValueError: diff requires input that is at least one dimensional)",
            raises="ValueError",
        )
    try:
        axis = _axis_of(w, node, _param(rest, kwargs, 1, "axis") or number(-1), len(shape))
    except _Unknown:
        return w.cannot(node)
    made = list(shape)
    made[axis] = max(made[axis] - n.value, 0)
    return array(tuple(made), dtype=dtype_of(base))


def _reshaped_by(
    w: Walker, node: ast.Call, name: str, base: Operand, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``np.triu``/``np.tril``, ``np.rot90``, ``np.kron``, ``np.take``, ``np.delete`` and
    ``np.average`` (without weights) of ``base``; :class:`_Unknown` for what is not followed."""
    kind = dtype_of(base)
    if name in ("triu", "tril"):
        k = _param(rest, kwargs, 0, "k") or number(0)
        if k.kind != "number" or type(k.value) is not int or not shape:
            raise _Unknown
        return array(shape * 2 if len(shape) == 1 else shape, dtype=kind)
    if name == "rot90":
        k = _param(rest, kwargs, 0, "k") or number(1)
        axes = (
            _ints(_param(rest, kwargs, 1, "axes")) if len(rest) > 1 or "axes" in kwargs else (0, 1)
        )
        if k.kind != "number" or type(k.value) is not int or axes is None or len(axes) != 2:
            raise _Unknown
        if len(shape) < 2:
            raise w.refuse(
                node,
                "call",
                f"np.rot90 turns an array in the plane of two axes, and this array has "
                f"{len(shape)} (shape {format_shape(shape)}; NumPy raises a ValueError)",
                raises="ValueError",
            )
        first, second = (_axis_of(w, node, number(a), len(shape)) for a in axes)
        if first == second:
            raise _Unknown  # NumPy's ValueError: Axes must be different
        turned = list(shape)
        if k.value % 2:
            turned[first], turned[second] = turned[second], turned[first]
        return array(tuple(turned), dtype=kind)
    if name == "kron":
        other = _param(rest, kwargs, 0, "b")
        found = array_shape(other) if other is not None else None
        if other is None or not isinstance(found, tuple) or len(rest) != 1 or kwargs:
            raise _Unknown
        ndim = max(len(shape), len(found))
        a, b = (1,) * (ndim - len(shape)) + shape, (1,) * (ndim - len(found)) + found
        kinds = {kind, dtype_of(other)}
        made = "f" if "f" in kinds else "i" if "i" in kinds else None if None in kinds else "b"
        return array(tuple(x * y for x, y in zip(a, b, strict=True)), dtype=made)
    if name == "take":
        indices = _param(rest, kwargs, 0, "indices")
        axis = _param(rest, kwargs, 1, "axis")
        if indices is None or set(kwargs) - {"a", "indices", "axis"} or len(rest) > 2:
            raise _Unknown
        picked = array_shape(indices)
        if not isinstance(picked, tuple) or dtype_of(indices) != "i":
            raise _Unknown
        before: Shape = ()
        after: Shape = ()
        if axis is None or axis.kind == "none":
            across = size(shape)
        else:  # along an axis a 0-d array is taken as one of a single element
            spread = shape or (1,)
            place = _axis_of(w, node, axis, len(spread))
            across, before, after = spread[place], spread[:place], spread[place + 1 :]
        values = array_value(indices)
        if values is None:
            raise _Unknown
        wrong = [int(v) for v in getattr(values, "flat", [values]) if not -across <= v < across]
        if wrong:
            raise w.refuse(
                node,
                "index",
                f"index {wrong[0]} is out of bounds for size {across} (NumPy raises an IndexError)",
                raises="IndexError",
            )
        return array((*before, *picked, *after), dtype=kind)
    if name == "delete":
        obj = _param(rest, kwargs, 0, "obj")
        axis = _param(rest, kwargs, 1, "axis")
        if obj is None or set(kwargs) - {"arr", "obj", "axis"} or len(rest) > 2:
            raise _Unknown
        at: int | None = None
        kept: Shape = (size(shape),)
        if axis is None or axis.kind == "none":
            along = size(shape)
        else:
            at = _axis_of(w, node, axis, len(shape))
            along, kept = shape[at], shape
        if obj.kind == "other" and isinstance(obj.value, slice):
            count = len(range(*obj.value.indices(along)))
        else:
            listed = _ints(obj)
            if listed is None:
                raise _Unknown
            wrong = [i for i in listed if not -along <= i < along]
            if wrong:
                raise w.refuse(
                    node,
                    "index",
                    f"index {wrong[0]} is out of bounds for axis {0 if at is None else at} with "
                    f"size {along} (NumPy raises an IndexError)",
                    raises="IndexError",
                )
            count = len({i % along for i in listed})
        left = list(kept)
        left[0 if at is None else at] = along - count
        return array(tuple(left), dtype=kind)
    if name == "corrcoef":  # rows are variables: one coefficient per pair of them
        if rest or kwargs or len(shape) not in (1, 2):
            raise _Unknown
        return array(() if len(shape) == 1 or shape[0] == 1 else (shape[0],) * 2, dtype="f")
    if name == "cov":  # the variables (rows, or columns with rowvar=False) by themselves
        if len(rest) > 1 or kwargs.keys() - {"m", "y", "rowvar", "bias", "ddof"}:
            raise _Unknown
        rowvar = kwargs.get("rowvar")
        if rowvar is not None and not (rowvar.kind == "number" and rowvar.value is not None):
            raise _Unknown
        across = rowvar is None or bool(rowvar.value)
        other = _param(rest, kwargs, 0, "y")
        shapes = [shape] if other is None or other.kind == "none" else [shape, array_shape(other)]
        grids = []
        for said, found in zip("my", shapes, strict=False):
            if not isinstance(found, tuple) or not found:
                raise _Unknown  # (of a single number: not followed)
            if len(found) > 2:
                raise w.refuse(
                    node,
                    "call",
                    f"np.cov takes a vector or a matrix of variables, and {said} has shape "
                    f"{format_shape(found)} (NumPy raises a ValueError: {said} has more than "
                    "2 dimensions)",
                    raises="ValueError",
                )
            # a vector is one variable; rowvar=False turns a matrix (y: of more than one row)
            grid = (1, *found) if len(found) == 1 else found
            transposed = not across and (len(found) == 2 if said == "m" else grid[0] != 1)
            grids.append(grid[::-1] if transposed else grid)
        if grids[0][0] == 0:
            return array((0, 0), dtype="f")
        if len({g[1] for g in grids}) > 1:
            raise _Unknown  # (NumPy's ValueError: the observations do not match)
        variables = sum(g[0] for g in grids)
        return array(() if variables == 1 else (variables, variables), dtype="f")
    if name == "ptp":  # the range along axis: np.max's shape (and its refusal of no elements)
        if len(rest) > 2 or kwargs.keys() - {"a", "axis", "keepdims"}:
            raise _Unknown
        return _reduce(w, node, "ptp", base, shape, _param(rest, kwargs, 0, "axis"), kwargs)
    # average: np.mean's shape (and float numbers); weights of the shape NumPy wants
    weights = _param(rest, kwargs, 1, "weights")
    if kwargs.keys() - {"a", "axis", "keepdims", "weights"}:
        raise _Unknown
    axis = _param(rest, kwargs, 0, "axis")
    if len(rest) > 2 or (axis is not None and axis.kind == "array" and axis.shape):
        raise _Unknown  # (np.average takes an array of axes, which np.mean refuses)
    if weights is not None and weights.kind != "none":
        _weights_fit(w, node, shape, axis, weights)
        _weights_sum_to_zero(w, node, shape, axis, weights)
    kept_kwargs = {k: v for k, v in kwargs.items() if k == "keepdims"}
    averaged = _reduce(w, node, "mean", base, shape, axis, kept_kwargs)
    if weights is not None and weights.kind != "none" and averaged.kind == "array":
        # (weighted: not the mean's values; its shape and kind of numbers only)
        return array(averaged.shape or (), None, averaged.dtype)
    return averaged


def _weights_sum_to_zero(
    w: Walker, node: ast.Call, shape: Shape, axis: Operand | None, weights: Operand
) -> None:
    """NumPy's ZeroDivisionError for weights whose values are known and sum to zero (along
    the axis averaged): asked of NumPy, with ones standing in for the array."""
    values = array_value(weights)
    axes = None if axis is None or axis.kind == "none" else _ints(axis)
    if values is None or values.dtype.kind not in "biuf" or size(shape) > 10_000:
        return
    if axis is not None and axis.kind != "none" and axes is None:
        return
    import numpy as np

    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            np.average(np.ones(shape), axis=axes, weights=values)
    except ZeroDivisionError as error:
        raise w.refuse(
            node,
            "call",
            f"the weights sum to zero, so np.average cannot divide by their sum (NumPy raises "
            f"a ZeroDivisionError: {error})",
            raises="ZeroDivisionError",
        ) from None
    except Exception:  # (the shapes, an axis: said elsewhere)
        return


def _weights_fit(
    w: Walker, node: ast.Call, shape: Shape, axis: Operand | None, weights: Operand
) -> None:
    """NumPy's refusal of ``np.average``'s weights: of another shape than the array's, they
    need an axis (a TypeError), and then the shape of the array along it (a ValueError)."""
    given = array_shape(weights)
    if not isinstance(given, tuple) or given == shape:
        if not isinstance(given, tuple):
            raise _Unknown
        return
    if axis is None or axis.kind == "none":
        raise w.refuse(
            node,
            "call",
            f"the weights have shape {format_shape(given)} and the array {format_shape(shape)}: "
            "weights of another shape need axis= (NumPy raises a TypeError: Axis must be "
            "specified when shapes of a and weights differ.)",
            raises="TypeError",
        )
    axes = _ints(axis)
    if axes is None:
        raise _Unknown
    if any(not -len(shape) <= a < len(shape) for a in axes):
        return  # NumPy's AxisError first (see _reduce)
    along = tuple(shape[a % len(shape)] for a in axes)
    if given != along:
        raise w.refuse(
            node,
            "call",
            f"the weights have shape {format_shape(given)}, and the array has "
            f"{format_shape(along)} along axis {', '.join(map(str, axes))} (NumPy raises a "
            "ValueError: Shape of weights must be consistent with shape of a along specified "
            "axis.)",
            raises="ValueError",
        )


def _grids(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.meshgrid(x, y, …)`` (each input flattened; ``indexing="xy"`` puts the second
    first) and ``np.broadcast_arrays(a, b, …)`` (each stretched to the shape of all): a tuple
    of arrays of one shape."""
    shapes = [array_shape(a) for a in args]
    if not args or not all(isinstance(s, tuple) for s in shapes):
        return w.cannot(node)
    found: list[Shape] = [s for s in shapes if isinstance(s, tuple)]
    kinds = [dtype_of(a) for a in args]
    if name == "meshgrid":
        indexing = kwargs.get("indexing")
        if kwargs.keys() - {"indexing", "copy"} or (
            indexing is not None and indexing.value not in ("xy", "ij")
        ):
            return w.cannot(node)
        lengths = [size(s) for s in found]
        if (indexing is None or indexing.value == "xy") and len(lengths) > 1:
            lengths[0], lengths[1] = lengths[1], lengths[0]
        return sequence("tuple", tuple(array(tuple(lengths), dtype=k) for k in kinds))
    if kwargs:
        return w.cannot(node)
    joined: Shape | None = ()
    for one in found:
        joined = _broadcast(joined, one) if joined is not None else None
    if joined is None:
        raise w.refuse(
            node,
            "broadcast",
            "the arrays have shapes " + ", ".join(format_shape(s) for s in found) + ", which do "
            "not broadcast to one shape (NumPy raises a ValueError: shape mismatch)",
            raises="ValueError",
        )
    return sequence("tuple", tuple(array(joined, dtype=k) for k in kinds))


def _fromiter(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``np.fromiter(iterable, dtype)``: one number per item (``count=`` not followed)."""
    given = _param(args, kwargs, 0, "iter")
    dtype = _param(args, kwargs, 1, "dtype")
    if given is None or dtype is None or len(args) > 2 or set(kwargs) - {"iter", "dtype"}:
        return w.cannot(node)
    kind = dtype_letter(dtype)
    items = items_of(given) if given.kind in ("iter", "list", "tuple") else None
    if items is None or kind is None:
        return w.cannot(node)
    if not all(i.kind == "number" or (i.kind == "array" and i.shape == ()) for i in items):
        return w.cannot(node)  # rows, text …: NumPy's own rules
    return array((len(items),), dtype=kind)


def _rearranged(
    w: Walker, node: ast.Call, name: str, base: Operand, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``sort``/``argsort``, ``swapaxes``/``moveaxis``, ``repeat``, ``split``/``array_split``
    of one array ``base`` (``rest``: the arguments after the array)."""
    kind = dtype_of(base)
    try:
        if name in ("sort", "argsort"):
            axis = _param(rest, kwargs, 0, "axis")
            if axis is not None and axis.kind == "none":
                return array((size(shape),), dtype="i" if name == "argsort" else kind)
            if name == "argsort" and not shape:
                shape = (1,)  # NumPy sorts a single number as an array of one element
            at = _axis_of(w, node, axis or number(-1), len(shape))
            made = array(shape, dtype="i" if name == "argsort" else kind)
            return _sorted_values(made, name, base, at, rest, kwargs)
        if name == "swapaxes":
            one = _axis_of(w, node, _param(rest, kwargs, 0, "axis1"), len(shape), "axis1: ")
            two = _axis_of(w, node, _param(rest, kwargs, 1, "axis2"), len(shape), "axis2: ")
            dims = list(shape)
            dims[one], dims[two] = dims[two], dims[one]
            return array(tuple(dims), dtype=kind)
        if name == "moveaxis":
            return _moveaxis(w, node, shape, rest, kwargs, kind)
        if name == "repeat":
            return _repeat(w, node, shape, rest, kwargs, kind)
        if name == "split" and base.kind != "array":
            _split_of_a_list(w, node, base, _param(rest, kwargs, 0, "indices_or_sections"))
        parts = _split(w, node, name, shape, rest, kwargs, kind)
        items = items_of(parts) if base.kind == "array" else None
        if items is not None and (DRAWN in base.memo or COVERS in base.memo):
            parts = replace(parts, items=tuple(drawn_kept(item, base) for item in items))
        return parts
    except _Unknown:
        return w.cannot(node)


def _sorted_values(
    made: Operand, name: str, base: Operand, axis: int, rest: Args, kwargs: Kwargs
) -> Operand:
    """``made``, what ``np.sort``/``np.argsort`` of ``base`` along ``axis`` gives, with its
    values when ``base``'s are known: sorted numbers are the same however they are sorted,
    and places are when no two numbers along the axis are equal (ties may come out in
    another order)."""
    if len(rest) > 1 or kwargs.keys() - {"axis"} or made.shape is None:
        return made
    values = array_value(base)
    if values is None or values.dtype.kind not in "biuf" or values.shape != made.shape:
        return made
    import numpy as np

    if values.dtype.kind == "f" and np.isnan(values).any():
        return made
    if name == "argsort":
        ordered = np.sort(values, axis=axis)
        if (np.diff(ordered, axis=axis) == 0).any():
            return made  # (ties)
        found = np.argsort(values, axis=axis)
    else:
        found = np.sort(values, axis=axis)
    return replace(array(made.shape, found, made.dtype), strides=made.strides)


def _triangle_indices(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.triu_indices(n, k=1)`` (``tril_indices``): the rows and the columns of the
    triangle, two arrays of whole numbers, computed by NumPy when the sizes are written out
    (and not too large)."""
    given = [_param(args, kwargs, i, key) for i, key in enumerate(("n", "k", "m"))]
    if len(args) + len(kwargs) > 3 or kwargs.keys() - {"n", "k", "m"}:
        return w.cannot(node)
    values = [None if g is None or g.kind == "none" else g.value for g in given]
    if any(
        v is None and g is not None and g.kind != "none" for v, g in zip(values, given, strict=True)
    ):
        return w.cannot(node)  # (a k given whose value is not known is no k of 0)
    n, k, m = values[0], 0 if values[1] is None else values[1], values[2]
    if type(n) is not int or type(k) is not int or (m is not None and type(m) is not int):
        return w.cannot(node)
    if n < 0 or (m is not None and m < 0) or n * (n if m is None else m) > MAX_ITEMS:
        return w.cannot(node)
    import numpy as np

    rows, columns = getattr(np, name)(n, k, m)
    return sequence(
        "tuple",
        tuple(replace(array(v.shape, v, "i"), strides=(1,)) for v in (rows, columns)),
    )


def _numpy_number(name: str, given: Operand) -> Operand:
    """``np.float64(2)``: a NumPy number, its value known when NumPy makes it of the Python
    number written without a warning or an error (no overflow, no rounding to note)."""
    made = array((), dtype=DTYPES[name])
    if given.kind != "number" or type(given.value) not in (bool, int, float):
        return made
    import numpy as np

    kind = getattr(np, name, None)
    if not isinstance(kind, type) or not issubclass(kind, np.generic):
        return made
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            value = np.asarray(kind(given.value))
        except (TypeError, ValueError, OverflowError, ArithmeticError, Warning):
            return made
    return array((), value, DTYPES[name]) if value.dtype.kind in "biuf" else made


def _linspace_values(args: Args, kwargs: Kwargs, count: int) -> Operand | None:
    """``np.linspace(0, 1, 5)``: its numbers, when the ends are Python numbers written out
    and no dtype is given (computed by NumPy itself: the same on every machine)."""
    ends = [a.value for a in args[:2]]
    endpoint = _param(args, kwargs, 3, "endpoint")
    if (
        len(ends) != 2
        or not all(type(v) in (int, float) for v in ends)
        or (endpoint is not None and (endpoint.kind != "number" or endpoint.value is None))
        or "dtype" in kwargs
        or len(args) > 4
        or count > MAX_ITEMS
    ):
        return None
    import numpy as np

    try:  # (ends past the largest float: NumPy's OverflowError, not followed here)
        values = np.linspace(
            ends[0], ends[1], count, endpoint=bool(endpoint.value) if endpoint else True
        )
    except (OverflowError, ValueError, TypeError):
        return None
    return replace(array((count,), values, "f"), strides=(1,))


def _accumulated_into(w: Walker, node: ast.Call, made: Operand, out: Operand | None) -> Operand:
    """``np.cumsum(x, out=o)``: written into ``o`` when it has exactly the result's shape
    (and that array is what it gives), else NumPy's ValueError."""
    given = array_shape(out) if out is not None and out.kind == "array" else None
    if not isinstance(given, tuple) or made.shape is None:
        return made
    if given != made.shape:
        raise w.refuse(
            node,
            "call",
            f"the result has shape {format_shape(made.shape)}, and out= has shape "
            f"{format_shape(given)}: a running sum or product writes only into an array of "
            "exactly its result's shape (NumPy raises a ValueError)",
            raises="ValueError",
        )
    assert out is not None  # (its shape is known)
    return out  # (that very array: r = np.cumsum(x, out=o); r.shape = … reshapes o)


def _kept(
    w: Walker, node: ast.Call, name: str, base: Operand, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``cumsum``/``cumprod``, ``flip``, ``roll`` (the shape kept, or flattened) and
    ``np.diag`` (a vector made a square matrix, a matrix's diagonal taken)."""
    kind = dtype_of(base)
    try:
        if name in ("cumsum", "cumprod"):
            if kind == "b":
                kind = "i"
            axis = _param(rest, kwargs, 0, "axis")
            if axis is None or axis.kind == "none":
                made = array((size(shape),), dtype=kind)
            else:
                shape = shape or (1,)  # NumPy takes a single number as an array of one element
                _axis_of(w, node, axis, len(shape))
                made = array(shape, dtype=kind)
            return _accumulated_into(w, node, made, _param(rest, kwargs, 2, "out"))
        if name in ("flip", "roll"):
            if name == "roll":
                shift = _param(rest, kwargs, 0, "shift")
                if shift is None or shift.kind != "number" or type(shift.value) is not int:
                    raise _Unknown
            axis = _param(rest, kwargs, 1 if name == "roll" else 0, "axis")
            if axis is None or axis.kind == "none":
                return array(shape, dtype=kind)
            listed = [axis] if axis.kind == "number" else items_of(axis)
            if listed is None or axis.kind not in ("number", "list", "tuple"):
                raise _Unknown
            seen = [_axis_of(w, node, a, len(shape)) for a in listed]
            if name == "flip" and len(set(seen)) != len(seen):
                raise w.refuse(
                    node,
                    "call",
                    "repeated axis: an axis is given twice (NumPy raises a ValueError)",
                    raises="ValueError",
                )
            return array(shape, dtype=kind)
        k = _param(rest, kwargs, 0, "k") or number(0)
        if k.kind != "number" or type(k.value) is not int:
            raise _Unknown
        if len(shape) == 1:
            n = shape[0] + abs(k.value)
            return array((n, n), dtype=kind)
        if len(shape) == 2:
            rows, columns = shape
            if k.value >= 0:
                return array((max(0, min(rows, columns - k.value)),), dtype=kind)
            return array((max(0, min(rows + k.value, columns)),), dtype=kind)
        raise w.refuse(
            node,
            "call",
            f"np.diag takes a vector (to make a matrix) or a matrix (to take its diagonal), "
            f"and this array has shape {format_shape(shape)} (NumPy raises a ValueError: "
            "Input must be 1- or 2-d.)",
            raises="ValueError",
        )
    except _Unknown:
        return w.cannot(node)


def _singular(
    w: Walker, node: ast.Call, name: str, first: Operand, rest: Args, kwargs: Kwargs
) -> None:
    """NumPy's LinAlgError for ``np.linalg.inv(a)`` or ``np.linalg.solve(a, b)`` of a
    matrix whose values are known and singular (``np.ones((3, 3))``): NumPy is asked, with
    those values."""
    import numpy as np

    values = array_value(first)
    if values is None or values.dtype.kind not in "biuf" or values.size > 10_000:
        return
    other = _param(rest, kwargs, 0, "b") if name == "linalg.solve" else None
    right = array_value(other) if other is not None else None
    if name == "linalg.solve" and right is None:
        # whether a is singular does not hang on b's values: zeros of b's shape stand in
        shaped = array_shape(other) if other is not None else None
        if not isinstance(shaped, tuple) or size(shaped) > 10_000:
            return
        right = np.zeros(shaped)
    try:
        with np.errstate(all="ignore"):
            np.linalg.inv(values) if right is None else np.linalg.solve(values, right)
    except np.linalg.LinAlgError as error:
        raise w.refuse(
            node,
            "call",
            f"{w.source(node.args[0]) if node.args else 'the matrix'} is singular (its values "
            f"are known): it has no inverse (NumPy raises a LinAlgError: {error})",
            raises="LinAlgError",
        ) from None
    except (ValueError, TypeError, MemoryError):
        return


def _not_positive_definite(w: Walker, node: ast.Call, first: Operand) -> None:
    """NumPy's LinAlgError for ``np.linalg.cholesky(a)`` of a matrix whose values are known
    and that is certainly not positive definite: all zeros, or an eigenvalue below zero by
    far more than any rounding (NumPy is asked for them)."""
    import numpy as np

    values = array_value(first)
    if values is None or values.dtype.kind not in "biuf" or values.ndim != 2 or values.size > 400:
        return
    if values.shape[0] != values.shape[1] or not values.size or not np.isfinite(values).all():
        return
    if not np.array_equal(values, values.T):
        return  # (cholesky reads one triangle only: not judged)
    with np.errstate(all="ignore"):
        lowest = float(np.linalg.eigvalsh(values.astype(float)).min())
    scale = float(np.abs(values).max())
    if not (scale == 0 or lowest < -1e-6 * scale):
        return
    raise w.refuse(
        node,
        "call",
        f"{w.source(node.args[0]) if node.args else 'the matrix'} is not positive definite "
        f"(its values are known; its smallest eigenvalue is {lowest:.3g}): NumPy raises a "
        "LinAlgError (Matrix is not positive definite)",
        raises="LinAlgError",
    )


def _close(name: str, args: Args, kwargs: Kwargs, compared: Operand) -> Operand:
    """``np.allclose(a, b)`` (a bool) or ``np.isclose(a, b)`` (bools of ``compared``'s
    shape), their values when those of the arrays and tolerances are known: NumPy is asked."""
    import numpy as np

    made = number() if name == "allclose" else compared
    values = [array_value(a) for a in args[:2]]
    given: dict[str, Any] = {}
    for key, held in kwargs.items():
        if key not in ("rtol", "atol", "equal_nan") or held.kind != "number" or held.value is None:
            return made
        given[key] = held.value
    if len(args) == 2 and any(v is None for v in values):  # known up to rounding?
        rough = approx_close(
            name, args[0], args[1], float(given.get("rtol", 1e-5)), float(given.get("atol", 1e-8))
        )
        if rough is None:
            return made
        if name == "allclose":
            return number(bool(rough))
        if made.kind != "array" or made.shape is None or rough.shape != made.shape:
            return made
        return array(made.shape, rough, "b")
    if len(args) > 2 or any(v is None or v.dtype.kind not in "biuf" for v in values):
        return made
    try:  # (the comparison of every pair: no more than MAX_FILLED of them)
        if size(np.broadcast_shapes(values[0].shape, values[1].shape)) > MAX_FILLED:
            return made
    except ValueError:
        return made
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = getattr(np, name)(values[0], values[1], **given)
        except (ValueError, TypeError, ArithmeticError, MemoryError):
            return made
    if name == "allclose":
        return number(bool(found))
    found = np.asarray(found)
    if made.kind != "array" or found.shape != made.shape:
        return made
    return array(made.shape, found, "b")


def _stacked_solve(w: Walker, node: ast.Call, shape: Shape, given: Shape) -> Operand:
    """``np.linalg.solve`` of a stack of systems (``a`` of shape (…, m, m)): NumPy itself
    is asked, on identity matrices and zeros of those shapes (NumPy 2 reads ``b`` as one
    vector only when it has one dimension, else as a stack of matrices (…, m, k))."""
    import numpy as np

    if size(shape) + size(given) > MAX_VALUE_ELEMENTS or shape[-1] == 0:
        return w.cannot(node)
    if len(given) > 1:  # (…, m, k): the stacks broadcast, the result is no bigger than that
        try:
            stacks = np.broadcast_shapes(shape[:-2], given[:-2])
        except ValueError:
            stacks = ()  # (NumPy's own error, from the small stand-ins below)
        if size(stacks) * shape[-1] * given[-1] > MAX_VALUE_ELEMENTS:
            return w.cannot(node)
    a = np.broadcast_to(np.eye(shape[-1]), shape)
    try:
        made = np.linalg.solve(a, np.zeros(given))
    except ValueError as refused:
        raise w.refuse(
            node,
            "call",
            f"np.linalg.solve of matrices of shape {format_shape(shape)} cannot take a right "
            f"side of shape {format_shape(given)}: NumPy reads it as one vector only when it "
            "has one dimension, and as a stack of matrices (…, m, k) otherwise (a ValueError: "
            f"{refused})",
            raises="ValueError",
        ) from None
    except (np.linalg.LinAlgError, TypeError, MemoryError):
        return w.cannot(node)
    return array(made.shape, dtype="f")


def _linalg(
    w: Walker, node: ast.Call, name: str, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``np.linalg.norm`` (without ``ord``), ``np.linalg.inv``, ``np.linalg.det``,
    ``np.linalg.solve`` (of one system or a stack), ``np.linalg.pinv`` and the
    factorisations (see :func:`_factorised`)."""
    if name not in ("inv", "det", "solve", "pinv", "norm"):
        return _factorised(w, node, name, shape, rest, kwargs)
    if name in ("inv", "det", "solve") and (len(shape) < 2 or shape[-1] != shape[-2]):
        why = (
            f"{len(shape)}-dimensional array given. Array must be at least two-dimensional"
            if len(shape) < 2
            else "Last 2 dimensions of the array must be square"
        )
        raise w.refuse(
            node,
            "call",
            f"np.linalg.{name} needs square matrices (the last two axes of one size), and "
            f"this array has shape {format_shape(shape)} (NumPy raises a LinAlgError, a "
            f"ValueError: {why})",
            raises="LinAlgError",
        )
    if name == "solve":  # a (m, m), b (m,) or (m, k): b's shape
        b = _param(rest, kwargs, 0, "b")
        found = array_shape(b) if b is not None else None
        if isinstance(found, tuple) and found and (len(shape) > 2 or len(found) > 2):
            return _stacked_solve(w, node, shape, found)
        if not isinstance(found, tuple) or len(found) not in (1, 2):
            return w.cannot(node)
        if found[0] != shape[0]:
            raise w.refuse(
                node,
                "call",
                f"np.linalg.solve of a matrix of shape {format_shape(shape)} needs {shape[0]} "
                f"rows on the right, and it has shape {format_shape(found)} (NumPy raises a "
                "ValueError)",
                raises="ValueError",
            )
        return array(found, dtype="f")
    if name == "pinv":  # (…, m, n) to (…, n, m)
        if len(shape) < 2 or rest or set(kwargs) - {"rcond", "hermitian", "rtol"}:
            return w.cannot(node)  # (a 1-D array: LinAlgError, not judged here)
        return array((*shape[:-2], shape[-1], shape[-2]), dtype="f")
    if name in ("inv", "det"):
        return array(shape if name == "inv" else shape[:-2], dtype="f")
    ord_ = _param(rest, kwargs, 0, "ord")
    axis = _param(rest, kwargs, 1, "axis")
    keep = _param(rest, kwargs, 2, "keepdims")
    if (ord_ is not None and ord_.kind != "none") or len(rest) > 3:
        return w.cannot(node)  # the norms of each order have their own rules
    if keep is not None and not (keep.kind == "number" and keep.value is not None):
        return w.cannot(node)
    keepdims = keep is not None and bool(keep.value)
    if axis is None or axis.kind == "none":
        return array((1,) * len(shape) if keepdims else (), dtype="f")
    if axis.kind == "number" and type(axis.value) in (float, bool):
        if not finite(axis.value):
            return w.cannot(node)
        axis = number(int(axis.value))  # one axis is read by Python's int(): 1.0, True
    listed = [axis] if axis.kind == "number" else items_of(axis)
    if listed is None or axis.kind not in ("number", "tuple", "list"):
        return w.cannot(node)
    try:
        axes = [_axis_of(w, node, a, len(shape)) for a in listed]
    except _Unknown:
        return w.cannot(node)
    if len(axes) > 2 or len(set(axes)) != len(axes):
        raise w.refuse(
            node,
            "call",
            ("Duplicate axes given" if len(axes) == 2 else "Improper number of dimensions to norm")
            + ": np.linalg.norm takes one axis (vectors) or two different ones (matrices) "
            "(NumPy raises a ValueError)",
            raises="ValueError",
        )
    if keepdims:
        return array(tuple(1 if i in axes else d for i, d in enumerate(shape)), dtype="f")
    return array(tuple(d for i, d in enumerate(shape) if i not in axes), dtype="f")


def _rough_norm(made: Operand, first: Operand, shape: Shape, rest: Args, kwargs: Kwargs) -> Operand:
    """``made``, what ``np.linalg.norm(x)`` (no ``ord``: the square root of the sum of
    squares, over all elements or the axes given) gives, with its values known up to
    rounding when ``x``'s are (see :mod:`shapekit.engine._approx`)."""
    given = {**dict(zip(("ord", "axis", "keepdims"), rest, strict=False)), **kwargs}
    if given.keys() - {"ord", "axis", "keepdims"} or made.shape is None:
        return made
    ord_, axis, keep = given.get("ord"), given.get("axis"), given.get("keepdims")
    if ord_ is not None and ord_.kind != "none":
        return made
    if keep is not None and not (keep.kind == "number" and isinstance(keep.value, bool)):
        return made
    axes: tuple[int, ...] | None = None
    if axis is not None and axis.kind != "none":
        listed = [axis] if axis.kind == "number" else items_of(axis) or []
        if not listed or any(a.kind != "number" or type(a.value) is not int for a in listed):
            return made
        axes = tuple(a.value % len(shape) for a in listed if len(shape))
    keepdims = bool(keep.value) if keep is not None else False
    return approximated(made, lambda: approx_norm(first, axes, keepdims))


#: the parameters of np.linalg's factorisations after the matrix (``rest`` by place)
_FACTOR_PARAMETERS = {
    "svd": ("full_matrices", "compute_uv", "hermitian"),
    "svdvals": (),
    "qr": ("mode",),
    "cholesky": ("upper",),
    "eigh": ("UPLO",),
    "eigvalsh": ("UPLO",),
    "eig": (),
    "eigvals": (),
    "lstsq": ("b", "rcond"),
    "matrix_power": ("n",),
    "matrix_rank": ("tol", "hermitian", "rtol"),
    "slogdet": (),
    "cond": ("p",),
}
#: those that need square matrices (the last two axes of one size)
_SQUARE = frozenset({"cholesky", "eigh", "eigvalsh", "eig", "eigvals", "matrix_power", "slogdet"})


def _factorised(
    w: Walker, node: ast.Call, name: str, shape: Shape, rest: Args, kwargs: Kwargs
) -> Operand:
    """``np.linalg.svd``, ``qr``, ``cholesky``, ``eigh``, ``eig``, ``lstsq``, ``matrix_power``,
    ``matrix_rank``, ``slogdet``, ``cond`` and the eigenvalues and singular values alone, of
    a (stack of) matrices of ``shape``: their shapes, and NumPy's LinAlgError for an array
    of fewer than two dimensions or a matrix that is not square where it must be. What
    depends on the numbers (a matrix that is not positive definite, a rank) is not judged."""
    names = _FACTOR_PARAMETERS[name]
    if len(rest) > len(names) or set(kwargs) - set(names):
        return w.cannot(node)
    given = {n: _param(rest, kwargs, i, n) for i, n in enumerate(names)}
    matrix_norm = name == "cond" and given.get("p") is not None
    if (name == "matrix_rank" or matrix_norm) and len(shape) < 2:
        return w.cannot(node)  # a vector's rank (0 or 1) and norms' rules: not followed
    need = 2 if name != "lstsq" else 0
    if len(shape) < need or (name == "lstsq" and len(shape) != 2):
        raise w.refuse(
            node,
            "call",
            f"np.linalg.{name} takes {'a matrix' if name == 'lstsq' else 'matrices'}, and "
            f"this array has shape {format_shape(shape)} (NumPy raises a LinAlgError: "
            f"{len(shape)}-dimensional array given. Array must be "
            f"{'two-dimensional' if name == 'lstsq' else 'at least two-dimensional'})",
            raises="LinAlgError",
        )
    stack, (m, n) = shape[:-2], shape[-2:]
    if name in _SQUARE and m != n:
        raise w.refuse(
            node,
            "call",
            f"np.linalg.{name} needs square matrices (the last two axes of one size), and this "
            f"array has shape {format_shape(shape)} (NumPy raises a LinAlgError: Last 2 "
            "dimensions of the array must be square)",
            raises="LinAlgError",
        )
    k = min(m, n)

    def flag(param: str, default: bool) -> bool | None:
        value = given.get(param)
        if value is None:
            return default
        return bool(value.value) if value.kind == "number" and value.value is not None else None

    def named(kind: str, *items: Operand) -> Operand:
        return replace(sequence("tuple", items), name=f"numpy.linalg.{kind}")

    if name in ("svd", "svdvals"):
        full, uv = flag("full_matrices", True), flag("compute_uv", True)
        if full is None or uv is None:
            return w.cannot(node)
        values = array((*stack, k), dtype="f")
        if name == "svdvals" or not uv:
            return values
        left = (m, m) if full else (m, k)
        right = (n, n) if full else (k, n)
        return named("SVDResult", array((*stack, *left), dtype="f"), values,
                     array((*stack, *right), dtype="f"))  # fmt: skip
    if name == "qr":
        mode = given.get("mode")
        said = "reduced" if mode is None else mode.value if mode.kind == "str" else None
        if said not in ("reduced", "complete", "r", "raw"):
            return w.cannot(node)
        if said == "raw":  # Householder's reflectors, transposed, and their factors
            return sequence(
                "tuple", (array((*stack, n, m), dtype="f"), array((*stack, k), dtype="f"))
            )
        r = array((*stack, m if said == "complete" else k, n), dtype="f")
        if said == "r":
            return r
        q = array((*stack, m, m if said == "complete" else k), dtype="f")
        return named("QRResult", q, r)
    if name in ("cholesky", "matrix_power"):
        if name == "matrix_power":
            power = given.get("n")
            if power is None or power.kind != "number" or type(power.value) is not int:
                return w.cannot(node)  # (a float is NumPy's TypeError, not judged here)
        return array(shape, dtype="f")
    if name in ("eigh", "eig"):  # eig's values may be complex: their dtype is not said
        kind = "f" if name == "eigh" else None
        vectors = array(shape, dtype=kind)
        return named(f"{'Eigh' if name == 'eigh' else 'Eig'}Result",
                     array((*stack, n), dtype=kind), vectors)  # fmt: skip
    if name in ("eigvalsh", "eigvals"):
        return array((*stack, n), dtype="f" if name == "eigvalsh" else None)
    if name == "slogdet":
        return named("SlogdetResult", array(stack, dtype="f"), array(stack, dtype="f"))
    if name in ("matrix_rank", "cond"):
        return array(stack, dtype="i" if name == "matrix_rank" else "f")
    # lstsq(a, b): the solution, the residuals (how many: by the rank), the rank, the
    # singular values
    b = given.get("b")
    found = array_shape(b) if b is not None else None
    if not isinstance(found, tuple):
        return w.cannot(node)
    if len(found) not in (1, 2) or found[0] != m:
        why = (
            "Incompatible dimensions"
            if len(found) in (1, 2)
            else f"{len(found)}-dimensional array given. Array must be "
            + ("at least one-dimensional" if not found else "two-dimensional")
        )
        raise w.refuse(
            node,
            "call",
            f"np.linalg.lstsq of a matrix of shape {format_shape(shape)} needs {m} rows on the "
            f"right, and it has shape {format_shape(found)} (NumPy raises a LinAlgError: {why})",
            raises="LinAlgError",
        )
    residuals = unknown(
        f"the residuals of `{w.short(node)}` at {w.where(node)}, as many as the rank allows "
        "(not known without running the file)"
    )
    return sequence("tuple", (array((n, *found[1:]), dtype="f"), residuals, number(),
                              array((k,), dtype="f")))  # fmt: skip


def _moveaxis(
    w: Walker, node: ast.Call, shape: Shape, rest: Args, kwargs: Kwargs, kind: str | None
) -> Operand:
    sides = []
    for i, what in enumerate(("source", "destination")):
        given = _param(rest, kwargs, i, what)
        listed = (
            [given]
            if given is not None and given.kind == "number"
            else items_of(given)
            if given is not None and given.kind in ("list", "tuple")
            else None
        )
        if listed is None:
            raise _Unknown
        axes = [_axis_of(w, node, a, len(shape), f"{what}: ") for a in listed]
        if len(set(axes)) != len(axes):
            raise w.refuse(
                node,
                "call",
                f"repeated axis in `{what}` argument (NumPy raises a ValueError)",
                raises="ValueError",
            )
        sides.append(axes)
    source, destination = sides
    if len(source) != len(destination):
        raise w.refuse(
            node,
            "call",
            "`source` and `destination` arguments must have the same number of elements "
            "(NumPy raises a ValueError)",
            raises="ValueError",
        )
    order = [n for n in range(len(shape)) if n not in source]
    for dest, src in sorted(zip(destination, source, strict=True)):
        order.insert(dest, src)
    return array(tuple(shape[i] for i in order), dtype=kind)


def _repeat(
    w: Walker, node: ast.Call, shape: Shape, rest: Args, kwargs: Kwargs, kind: str | None
) -> Operand:
    times = _param(rest, kwargs, 0, "repeats")
    if times is not None and times.kind == "number" and type(times.value) is int:
        if times.value < 0:
            raise w.refuse(node, "shape", "negative dimensions are not allowed (a negative repeat)")
        counts: tuple[int, ...] = (times.value,)
    elif times is not None and times.kind in ("list", "tuple", "array"):
        # a count for each element (each row, with axis=0), or one for all
        found = _ints(times) if times.kind != "array" else None
        if times.kind == "array" and times.shape is not None and len(times.shape) == 1:
            values = array_value(times)
            if values is not None and values.dtype.kind in "iu":
                found = tuple(int(v) for v in values)
        if found is None:
            raise _Unknown
        counts = found
        if any(c < 0 for c in counts):
            written = (
                _keyword(node, "repeats")
                if "repeats" in kwargs
                else node.args[1]
                if len(node.args) > 1
                else node
            )
            raise w.refuse(
                node,
                "call",
                f"the counts {w.source(written)} hold a negative one (NumPy raises a "
                "ValueError: repeats may not contain negative values.)",
                raises="ValueError",
            )
    else:
        raise _Unknown  # repeats not known
    axis = _param(rest, kwargs, 1, "axis")
    flat = axis is None or axis.kind == "none"
    shape = (size(shape),) if flat else shape or (1,)  # (a single number: one element)
    a = 0 if flat else _axis_of(w, node, axis, len(shape))
    if len(counts) not in (1, shape[a]):  # np.repeat(x, [1, 0]) of 3 elements
        raise w.refuse(
            node,
            "call",
            f"np.repeat takes one count, or one for each of the {shape[a]} "
            + ("elements" if flat else f"places along axis {a}")
            + f", and {len(counts)} are given (NumPy raises a ValueError: operands could not "
            f"be broadcast together with shape ({shape[a]},) ({len(counts)},))",
            raises="ValueError",
        )
    total = shape[a] * counts[0] if len(counts) == 1 else sum(counts)
    return array((*shape[:a], total, *shape[a + 1 :]), dtype=kind)


def _split_of_a_list(w: Walker, node: ast.Call, base: Operand, given: Operand | None) -> None:
    """``np.split(a_list, 2)``: NumPy reads ``.shape`` of what it is given to count the
    sections, and a Python list has none (an AttributeError; indices are no problem)."""
    if given is None or given.kind != "number" or type(given.value) is not int:
        return
    if not node.args or base.kind not in ("list", "tuple", "number"):
        return
    what = {"list": "a Python list", "tuple": "a Python tuple", "number": "a Python number"}
    raise w.refuse(
        node,
        "attribute",
        f"np.split into a number of sections reads .shape of what it splits, and "
        f"{w.source(node.args[0])} is {what[base.kind]}, which has none (Python raises an "
        "AttributeError: np.array_split, or np.split of np.array(...), takes it)",
        w.wrap_candidates([node.args[0]], "convert it to a NumPy array first"),
    )


def _split(
    w: Walker,
    node: ast.Call,
    name: str,
    shape: Shape,
    rest: Args,
    kwargs: Kwargs,
    kind: str | None,
) -> Operand:
    """``np.split``/``np.array_split``: a list of arrays."""
    given = _param(rest, kwargs, 0, "indices_or_sections")
    axis = _param(rest, kwargs, 1, "axis") or number(0)
    if axis.kind != "number" or type(axis.value) is not int:
        raise _Unknown
    if not -len(shape) <= axis.value < len(shape):
        raise w.refuse(
            node,
            "index",
            f"axis {axis.value} is out of range for an array of dimension {len(shape)} "
            "(NumPy raises an IndexError: tuple index out of range)",
            raises="IndexError",
        )
    a = axis.value % len(shape)
    n = shape[a]
    # a NumPy number (np.int64(3), np.array(3)) has no len(), so it is a number of sections
    # too, not a list of places to cut at
    scalar = given is not None and given.kind == "array" and given.shape == ()
    sections = _ints(given) if scalar else None
    if scalar and sections is None:
        raise _Unknown
    if sections is not None or (
        given is not None and given.kind == "number" and type(given.value) is int
    ):
        parts = sections[0] if sections is not None else given.value  # type: ignore[union-attr]
        if parts == 0 and name == "split" and sections is None:  # NumPy's 0: no division
            raise w.refuse(
                node,
                "call",
                "np.split into 0 sections divides by zero (Python raises a ZeroDivisionError)",
                raises="ZeroDivisionError",
            )
        if parts <= 0 and (name == "array_split" or parts == 0 or n % parts == 0):
            raise w.refuse(
                node,
                "call",
                f"number sections must be larger than 0, and {parts} is not (NumPy raises a "
                "ValueError)",
                raises="ValueError",
            )
        if name == "split" and n % parts:
            raise w.refuse(
                node,
                "call",
                f"array split does not result in an equal division: axis {a} has size {n}, "
                f"which {parts} does not divide (NumPy raises a ValueError)",
                raises="ValueError",
            )
        if parts > MAX_ITEMS:  # np.array_split(x, 10**9): a list too long to follow
            raise _Unknown
        each, extra = divmod(n, parts)
        sizes = [each + 1] * extra + [each] * (parts - extra)
    else:
        cuts = _ints(given)
        if cuts is None or given is None or given.kind == "number":
            raise _Unknown
        bounds = [0, *cuts, n]
        sizes = [len(range(n)[slice(lo, hi)]) for lo, hi in itertools.pairwise(bounds)]
    if len(sizes) > MAX_ITEMS:
        raise _Unknown
    return sequence(
        "list", tuple(array((*shape[:a], d, *shape[a + 1 :]), dtype=kind) for d in sizes)
    )


def _clip(w: Walker, node: ast.Call, base: Operand, rest: Args, kwargs: Kwargs) -> Operand:
    """``np.clip(x, lo, hi)`` and ``x.clip(min=..., max=...)``: the bounds broadcast with
    ``x`` (``rest``: the arguments after the array)."""
    old = [_param(rest, kwargs, i, n) for i, n in ((0, "a_min"), (1, "a_max"))]
    new = [kwargs.get("min"), kwargs.get("max")]
    if "out" in kwargs or len(rest) > 2:
        return w.cannot(node)
    if any(b is not None for b in old) and any(b is not None for b in new):
        return w.cannot(node)
    shape = array_shape(base)
    if not isinstance(shape, tuple):
        return w.cannot(node)
    kind = dtype_of(base)
    result: Shape = shape
    for bound in (*old, *new):
        if bound is None or bound.kind == "none":
            continue
        found = array_shape(bound)
        if not isinstance(found, tuple):
            return w.cannot(node)
        together = _broadcast(result, found)
        if together is None:
            raise w.refuse(
                node,
                "broadcast",
                f"the bounds cannot be broadcast with the array: shapes {format_shape(result)} "
                f"and {format_shape(found)} (NumPy raises a ValueError)",
                raises="ValueError",
            )
        result = together
        kind = promoted(kind, dtype_of(bound))
    return array(result, dtype=kind)


def _combined(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.outer``, ``np.inner``, ``np.where`` (of three), ``np.tensordot`` and
    ``np.atleast_1d/2d/3d``."""
    shapes: list[Shape] = []
    for i, operand in enumerate(args):
        if name in TEXT_TOO and isinstance(array_shape(operand), NotANumberError):
            return w.cannot(node)  # np.where(ok, "yes", "no") runs
        found = _shape_of(w, node, i, operand)
        if found is None:
            return w.cannot(node)
        shapes.append(found)
    if name.startswith("atleast_"):
        if not shapes or kwargs:
            return w.cannot(node)
        made = tuple(
            array(_at_least(int(name[-2]), s), dtype=dtype_of(a))
            for s, a in zip(shapes, args, strict=True)
        )
        return made[0] if len(made) == 1 else sequence("tuple", made)
    if name == "outer":
        if len(args) != 2 or kwargs:
            return w.cannot(node)
        return array(
            (size(shapes[0]), size(shapes[1])), dtype=promoted(dtype_of(args[0]), dtype_of(args[1]))
        )
    if name == "inner":  # the sum over the last axes of both (a row times a row)
        if len(args) != 2 or kwargs:
            return w.cannot(node)
        a, b = shapes
        kind = promoted(dtype_of(args[0]), dtype_of(args[1]))
        if not a or not b:  # a number times the other
            return array(b or a, dtype=kind)
        if a[-1] != b[-1]:
            first, second = (w.source(n) for n in node.args)
            raise w.refuse(
                node,
                "inner",
                f"np.inner multiplies the last axes of both arrays element by element, and "
                f"{first} has {a[-1]} there (shape {format_shape(a)}) while {second} has "
                f"{b[-1]} (shape {format_shape(b)}) (NumPy raises a ValueError: shapes not "
                f"aligned); np.dot({first}, {second}) multiplies rows by columns",
                raises="ValueError",
            )
        return array(a[:-1] + b[:-1], dtype=kind)
    if name == "where":
        if len(args) == 1 and not kwargs and len(shapes[0]) >= 1:
            # np.where(mask): a tuple of the indices along each axis (how many: the data's)
            known = array_value(args[0]) if args[0].kind == "array" else None
            if known is not None and known.dtype.kind in "biuf":
                import numpy as np

                where = np.nonzero(known)  # (its values known: NumPy's own positions)
                return sequence(
                    "tuple",
                    tuple(replace(array(p.shape, p, "i"), strides=(1,)) for p in where),
                )
            why = f"the indices `{w.short(node)}` gives at {w.where(node)}, as many as hold"
            return sequence("tuple", tuple(unknown(why) for _ in shapes[0]))
        if len(args) != 3 or kwargs:
            return w.cannot(node)  # np.where(cond) gives the indices: how many is not known
        result: Shape | None = ()
        for found in shapes:
            result = None if result is None else _broadcast(result, found)
        if result is None:
            raise w.refuse(
                node,
                "broadcast",
                "operands could not be broadcast together with shapes "
                + " ".join(format_shape(s) for s in shapes)
                + " (NumPy raises a ValueError)",
                raises="ValueError",
            )
        picked = array(result, dtype=promoted(dtype_of(args[1]), dtype_of(args[2])))
        return _where_values(picked, args)
    return _tensordot(w, node, args, shapes, kwargs)


def _where_values(made: Operand, args: Args) -> Operand:
    """``made``, what ``np.where(c, a, b)`` gives, with its values when those of ``c``, ``a``
    and ``b`` are known (each element picked as it is, of the kind NumPy makes of both)."""
    import numpy as np

    values = [array_value(a) if a.kind != "number" else a.value for a in args]
    if made.shape is None or any(v is None for v in values):
        return made
    if any(isinstance(v, np.ndarray) and v.dtype.kind not in "biuf" for v in values):
        return made
    try:
        found = np.asarray(np.where(*values))
    except (ValueError, TypeError):
        return made
    kind = KIND_LETTERS.get(found.dtype.kind)
    if found.shape != made.shape or kind != made.dtype:
        return made
    return array(made.shape, found, kind)


def _padded(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``np.resize(a, shape)``: that shape (the numbers repeated or cut to fill it);
    ``np.pad(a, pad_width)``: each axis longer by what is added before and after it."""
    given = _param(args, kwargs, 0, "array")
    found = array_shape(given) if given is not None else None
    if given is None or not isinstance(found, tuple):
        return w.cannot(node)
    if name == "resize":
        wanted = _ints(_param(args, kwargs, 1, "new_shape"))
        if wanted is None or any(d < 0 for d in wanted):
            return w.cannot(node)
        return array(wanted, None, dtype_of(given))
    written = _param(args, kwargs, 1, "pad_width")
    widths = _written_out(written) if written is not None else None
    if widths is None:
        return w.cannot(node)
    import numpy as np

    try:  # NumPy's own reading of the widths: one pair for each axis
        pairs = np.broadcast_to(np.asarray(widths), (len(found), 2))
    except (ValueError, TypeError):
        raise w.refuse(
            node,
            "call",
            f"pad_width {w.source(node.args[1]) if len(node.args) > 1 else ''} does not give a "
            f"pair of widths for each of the {len(found)} axes (NumPy raises a ValueError)",
            raises="ValueError",
        ) from None
    if pairs.dtype.kind not in "iu":
        return w.cannot(node)  # floats: NumPy refuses them, not judged here
    if (pairs < 0).any():
        raise w.refuse(
            node,
            "call",
            "np.pad adds widths before and after each axis, and a width cannot be negative "
            "(NumPy raises a ValueError: index can't contain negative values)",
            raises="ValueError",
        )
    refused = _pad_keywords_refused(_param(args, kwargs, 2, "mode"), kwargs)
    if refused is not None:  # np.pad(x, 1, mod="edge"), mode="egde"
        raise w.refuse(node, "call", f"NumPy raises a ValueError: {refused}", raises="ValueError")
    return array(
        tuple(int(d + before + after) for d, (before, after) in zip(found, pairs, strict=True)),
        dtype=dtype_of(given),
    )


def _pad_keywords_refused(mode: Operand | None, kwargs: Kwargs) -> str | None:
    """NumPy's ValueError for a mode ``np.pad`` does not have, or a keyword its mode does not
    take (``mod="edge"`` lands in ``**kwargs``, checked against mode 'constant'). Asked of
    NumPy with stand-in values: only that ValueError counts, not what the values would do."""
    if mode is not None and not (mode.kind == "str" and isinstance(mode.value, str)):
        return None  # a mode shapekit does not know (a function): not judged
    extra = kwargs.keys() - {"array", "pad_width", "mode"}
    import numpy as np

    try:
        given: Any = "constant" if mode is None else mode.value
        np.pad(np.zeros(1), 0, mode=given, **dict.fromkeys(extra))
    except ValueError as error:
        said = str(error)
        return said if said.startswith(("unsupported keyword", "mode '")) else None
    except Exception:  # what the stand-in values do: not the file's
        return None
    return None


def _at_least(n: int, shape: Shape) -> Shape:
    if len(shape) >= n:
        return shape
    if n == 1:
        return (1,)
    if n == 2:
        return (1, *shape) if shape else (1, 1)
    return {0: (1, 1, 1), 1: (1, *shape, 1), 2: (*shape, 1)}[len(shape)]


def _tensordot(
    w: Walker, node: ast.Call, args: Args, shapes: list[Shape], kwargs: Kwargs
) -> Operand:
    if len(args) not in (2, 3):  # np.tensordot(a, b, 1): the axes by place
        return w.cannot(node)
    a, b = shapes[:2]
    axes = _param(args[2:], kwargs, 0, "axes")
    if axes is None:
        axes = number(2)
    pair = items_of(axes) if axes.kind in ("list", "tuple") else None
    if axes.kind == "number" and type(axes.value) is int and axes.value >= 0:
        n = axes.value
        if n > len(a) or n > len(b):
            raise w.refuse(
                node,
                "index",
                f"axes={n} asks for the last {n} axes of an array of shape {format_shape(a)} "
                f"and the first {n} of one of shape {format_shape(b)}, but one has fewer "
                "(NumPy raises an IndexError: tuple index out of range)",
                raises="IndexError",
            )
        left, right = list(range(len(a) - n, len(a))), list(range(n))
    elif pair is not None and len(pair) == 2:
        sides = [_ints(p) for p in pair]
        if sides[0] is None or sides[1] is None:
            return w.cannot(node)
        left, right = list(sides[0]), list(sides[1])
        if len(left) != len(right):
            raise w.refuse(
                node,
                "call",
                "the two lists of axes must be as long as each other "
                "(NumPy raises a ValueError: shape-mismatch for sum)",
                raises="ValueError",
            )
        for axes_of, s in ((left, a), (right, b)):
            for k in axes_of:
                if not -len(s) <= k < len(s):
                    raise w.refuse(
                        node,
                        "index",
                        f"axis {k} is out of range for an array of shape {format_shape(s)} "
                        "(NumPy raises an IndexError: tuple index out of range)",
                        raises="IndexError",
                    )
        left = [k % len(a) for k in left]
        right = [k % len(b) for k in right]
        if len(set(left)) != len(left) or len(set(right)) != len(right):
            raise w.refuse(
                node,
                "call",
                "duplicate axes are not allowed in tensordot (NumPy raises a ValueError)",
                raises="ValueError",
            )
    else:
        return w.cannot(node)
    for i, j in zip(left, right, strict=True):
        if a[i] != b[j]:
            raise w.refuse(
                node,
                "call",
                f"axis {i} of the first array (size {a[i]}) and axis {j} of the second (size "
                f"{b[j]}) are summed together, so they must have the same size (NumPy raises "
                "a ValueError: shape-mismatch for sum)",
                raises="ValueError",
            )
    kept = [d for k, d in enumerate(a) if k not in left] + [
        d for k, d in enumerate(b) if k not in right
    ]
    return array(tuple(kept), dtype=promoted(dtype_of(args[0]), dtype_of(args[1])))


#: an array's methods that are its operators (x.__add__(b) is x + b)
_OPERATOR_METHODS = {
    "__add__": "add",
    "__sub__": "sub",
    "__mul__": "mul",
    "__matmul__": "matmul",
    "__truediv__": "div",
    "__floordiv__": "floordiv",
    "__mod__": "mod",
    "__pow__": "pow",
}


#: the array methods that write into the array, with what NumPy says of a read-only one
_WRITING_METHODS = {
    "fill": "assignment destination", "sort": "sort array", "put": "put: output array",
    "partition": "partition array", "itemset": "assignment destination",
}  # fmt: skip


def _rows_chosen(
    w: Walker, node: ast.Call, pool: Shape, kind: str | None, args: Args, kwargs: Kwargs
) -> Operand:
    """``rng.choice(x, size, replace, axis=…)`` of an array of two or more dimensions: the
    axis drawn along (0 unless said) takes the shape of ``size`` (or goes, without one);
    more draws than there are rows without replacement is NumPy's ValueError."""
    if len(args) > 3 or kwargs.keys() - {"a", "size", "replace", "axis", "shuffle"}:
        return w.cannot(node)
    wanted, again = _param(args, kwargs, 1, "size"), _param(args, kwargs, 2, "replace")
    axis_given = kwargs.get("axis")
    axis = 0 if axis_given is None else axis_given.value
    if type(axis) is not int or not -len(pool) <= axis < len(pool):
        return w.cannot(node)
    axis %= len(pool)
    drawn: Shape = ()
    if wanted is not None and wanted.kind != "none":
        found = (
            _ints(wanted)
            if wanted.kind in ("tuple", "list")
            else (
                (wanted.value,) if wanted.kind == "number" and type(wanted.value) is int else None
            )
        )
        if found is None or any(d < 0 for d in found):
            return w.cannot(node)
        drawn = tuple(found)
    if again is not None and not (again.kind == "number" and again.value in (True, False)):
        return w.cannot(node)
    if again is not None and again.value is False and drawn and size(drawn) > pool[axis]:
        raise w.refuse(
            node,
            "call",
            f"rng.choice draws {size(drawn)} of the {pool[axis]} along axis {axis} without "
            "putting any back (NumPy raises a ValueError: Cannot take a larger sample than "
            "population when replace is False)",
            raises="ValueError",
        )
    return array((*pool[:axis], *drawn, *pool[axis + 1 :]), None, kind)


def _raveled(base: Operand | None, kind: str | None, shape: Shape) -> Operand:
    """``x.ravel()``: one dimension; a view of ``x`` when it is C-ordered (read-only with
    it, laid out in a row)."""
    made = array((size(shape),), dtype=kind)
    if base is not None and base.kind == "array" and base.strides == c_strides(tuple(shape)):
        made = replace(made, strides=(1,), readonly=base.readonly)
    return made


def _has_method(given: Operand, name: str) -> bool:
    """Whether ``given`` is an instance of the file's class with a method NumPy's loop of
    Python objects calls for ``np.<name>`` (``np.exp(t)`` calls ``t.exp()``)."""
    if given.kind != "instance" or given.value is None:
        return False
    klass = getattr(given.value, "cls", None)
    method = {"around": "round", "round_": "round"}.get(name, name)
    return klass is None or klass.lookup(method) is not None or method in given.value.attrs


def _dtype_letter_of(written: Operand) -> str | None:
    """The kind of numbers (``"f"``, ``"i"``, ``"b"``) a dtype written as ``float``,
    ``np.int64`` or ``"float32"`` stands for; None when not known."""
    letter = dtype_letter(written)
    return letter if letter in ("f", "i", "b") else None


def _put_in_bounds(
    w: Walker, node: ast.Call, args: Args, kwargs: Kwargs, written: ast.AST | None = None
) -> None:
    """NumPy's IndexError for ``np.put(a, ind, v)`` (or ``a.put(ind, v)``) with a flat
    place past ``a``'s elements, when the places are known (mode ``"raise"``, the default)."""
    target, places = _param(args, kwargs, 0, "a"), _param(args, kwargs, 1, "ind")
    mode = _param(args, kwargs, 3, "mode")
    if mode is not None and not (mode.kind == "str" and mode.value == "raise"):
        return
    shaped = array_shape(target) if target is not None and target.kind == "array" else None
    values = array_value(places) if places is not None else None
    if not isinstance(shaped, tuple) or values is None or values.dtype.kind not in "iu":
        return
    count = size(shaped)
    wrong = [int(i) for i in values.ravel() if not -count <= i < count]
    if wrong and (count or len(values.ravel())):
        raise w.refuse(
            node,
            "call",
            f"the place {wrong[0]} is past the {count} elements of "
            f"{w.source(written or (node.args[0] if node.args else _keyword(node, 'a')))}, "
            "counted flat (NumPy "
            f"raises an IndexError: index {wrong[0]} is out of bounds for axis 0 with size "
            f"{count})",
            raises="IndexError",
        )


def _array_method(
    w: Walker, node: ast.Call, name: str, receiver: Operand, args: Args, kwargs: Kwargs
) -> Operand:
    shape = receiver.shape or ()
    if kwargs:  # x.sum(keepdim=True): by the function's signature (with its fix), or else
        if name in METHODS_AS_FUNCTIONS:  # NumPy asked (x.reshape(shape=…))
            _check_arguments(w, node, name, args, kwargs, receiver)
        _refuse_keywords(w, node, f"x.{name}", kwargs)
    stop = w.merge_unknown(node, *args, *kwargs.values())
    if stop is not None:
        return stop
    if name in VALIDATED_METHODS:  # x.astype(np.float32, 3): NumPy's TypeError
        checked = asked_method(w, node, name, receiver, args, kwargs)
        if checked is not None and checked.kind == "unknown":
            return checked  # x.astype(np.float32, casting="safe") of numbers of a width guessed
    _check_values(
        w,
        node,
        name,
        args if name == "astype" else [],
        named_arguments(name, args, kwargs, method=True, skip=()),
    )
    if name == "reshape":
        return _reshape(w, node, shape, args or [kwargs.get("shape", unknown(""))], receiver)
    if name == "__setattr__":  # x.__setattr__("shape", (2, 3)): as x.shape = … may set it
        if not w.dry:
            why = f"`{w.short(node)}` at {w.where(node)}, which may set the array's attributes"
            w.host.reshaped_everywhere(receiver, unknown(why), why)
        return w.cannot(node)
    if name == "resize":  # in place, and NumPy refuses it when another array shares the data
        refcheck = kwargs.get("refcheck")
        why = f"`{w.short(node)}` at {w.where(node)}, which resizes the array in place"
        wanted = _resized(w, node, receiver, args, kwargs, why)
        # (the data moves only when the number of elements changes: then NumPy checks)
        grows = (
            wanted.kind == "array"
            and wanted.shape is not None
            and size(wanted.shape) != size(shape)
        )
        held = _held_elsewhere(w, node, receiver) if grows else None
        if not w.dry and held is not None and (refcheck is None or refcheck.value is True):
            raise w.refuse(
                node,
                "call",
                f".resize() changes the array in place, and {held} refers to it too (NumPy "
                "raises a ValueError: cannot resize an array that references or is "
                "referenced by another array in this way); np.resize(x, shape) makes a new one",
                raises="ValueError",
            )
        if not w.dry:
            w.host.reshaped_everywhere(receiver, wanted, why)
        return from_python(None)
    if name in _WRITING_METHODS and receiver.readonly:  # b.fill(2) of np.broadcast_to's view
        written = node.func.value if isinstance(node.func, ast.Attribute) else node.func
        raise w.refuse(
            node,
            "call",
            f".{name}() writes into {w.source(written)}, which is read-only (a view NumPy "
            "will not write into, or an array set so with .setflags(write=False)): NumPy "
            f"raises a ValueError ({_WRITING_METHODS[name]} is read-only); .copy() makes an "
            "array of its own to write into",
            raises="ValueError",
        )
    if name == "fill" and len(args) == 1 and not kwargs and not w.dry:
        width = width_of(receiver)  # a.fill(200) of int8: NEP 50's OverflowError
        given = args[0]
        if width and given.kind == "number" and type(given.value) is int:
            w.fits(node, "call", given.value, width, meets="")
        if given.kind in ("list", "tuple") or (
            given.kind == "array" and given.shape is not None and given.shape != ()
        ):  # x.fill(np.ones(3)): one number only
            raise w.refuse(
                node,
                "call",
                f".fill() sets every element to one number, and {_shown_first(w, node)} is "
                f"{describe(given)} (NumPy raises a ValueError: setting an array element with "
                "a sequence); x[...] = values broadcasts an array into x",
                raises="ValueError",
            )
        if receiver.dtype == "i" and given.kind == "number":  # labels.fill(np.nan)
            from shapekit.engine._assignments import _not_whole

            refused = _not_whole(given)
            if refused is not None:
                raise w.refuse(
                    node,
                    "call",
                    f".fill() writes {_shown_first(w, node)} into an "
                    f"array of whole numbers, and {refused[1]}",
                    raises=refused[0],
                )
    if name == "put" and node.args and isinstance(node.func, ast.Attribute):
        # (x.put(ind, v): ind, then v)
        _put_in_bounds(w, node, [receiver, *args], kwargs, node.func.value)
    if name == "setflags" and not w.dry:  # x.setflags(write=False): x is read-only from here
        write = _param(args, kwargs, 0, "write")
        if write is not None:
            held = write.value if write.kind == "number" else None
            why = f"`{w.short(node)}` at {w.where(node)}"
            w.host.reshaped_everywhere(receiver, replace(receiver, readonly=held is False), why)
        return from_python(None)
    if name == "transpose":
        axes = (
            None
            if not args
            else (_ints(args[0]) if len(args) == 1 else _ints(sequence("tuple", tuple(args))))
        )
        if args and axes is None:
            return w.cannot(node)
        # x.transpose(): x written; t = x.transpose … t(): t written
        written = node.func.value if isinstance(node.func, ast.Attribute) else node.func
        return transpose(w, node, written, receiver, axes)
    if name in METHODS_AS_FUNCTIONS:
        _check_arguments(w, node, name, args, kwargs, receiver)
    if name in REDUCTIONS:  # x.max(1, None, True): keepdims by place
        named = named_arguments(name, args, kwargs, method=True)
        return _reduce(w, node, name, receiver, shape, _param(args, kwargs, 0, "axis"), named)
    if name == "astype" and _compound_dtype(_written(node, 0, "dtype")):
        return w.cannot(  # x.astype("(2,)f8"): a sub-array dtype adds axes
            node, "an array of a structured or sub-array dtype, which shapekit does not follow"
        )
    if name == "astype" and _object_dtype(_written(node, 0, "dtype")):
        return w.cannot(
            node, "an array of Python objects (dtype=object), which shapekit does not follow"
        )
    if name in ("copy", "astype"):
        kind = receiver.dtype if name == "copy" else (args and dtype_letter(args[0])) or None
        made = array(shape, None, kind)
        made = replace(made, name=ZERO_D) if zero_d(receiver) else made  # 0-d stays an array
        if name == "astype" and _written_constant(node, "copy") is False:
            return may_be(w, receiver, made)  # the array itself where the dtype is its own
        if name == "astype" and len(args) == 1 and not kwargs:
            cast = _cast_values(array_value(receiver), numpy_dtype(args[0]))
            if cast is not None:  # labels.astype(int): the same numbers on every machine
                made = replace(made, value=cast, made=written_count())
        if name == "copy" and not args and not kwargs and shape:  # x.copy(): order "C"
            values = array_value(receiver)
            made = replace(
                made,
                strides=c_strides(tuple(shape)),
                value=None if values is None else values.copy(),
                made=written_count(),
            )
        return made
    if name == "ravel" and not args and not kwargs:
        return _raveled(receiver, receiver.dtype, shape)
    if name in ("flatten", "ravel"):
        return array((size(shape),), dtype=receiver.dtype)
    if name == "squeeze":
        if not args and not kwargs and 1 not in shape:
            return receiver  # nothing to take away: the array itself
        return _squeeze(w, node, shape, _param(args, kwargs, 0, "axis"), receiver.dtype)
    if (
        name == "dot"
        and len(node.args) in (1, 2)
        and isinstance(node.func, ast.Attribute)
        and not any(isinstance(a, ast.Starred) for a in node.args)
        and [k.arg for k in node.keywords] in ([], ["out"])
        and len(node.args) + len(node.keywords) == len(args) + len(kwargs)
    ):  # x.dot(w), x.dot(w, out) or x.dot(w, out=o)
        pair = (node.func.value, node.args[0])
        lo, hi = w.span(node)
        made = w.numpy_binary(node, "dot", pair, (receiver, args[0]), lo, hi)
        out = args[1] if len(args) == 2 else kwargs.get("out")
        if out is None or out.kind == "none":
            return made
        out_node = node.args[1] if len(node.args) == 2 else node.keywords[0].value
        _dot_into(w, node, [receiver, args[0]], made, out, out_node)
        return out if out.kind == "array" and made.kind == "array" else made
    if (
        name in _OPERATOR_METHODS
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.func, ast.Attribute)
        and args[0].kind in ("array", "number", "list", "tuple")
    ):  # x.__add__(b) is x + b (chained: x.dot(w).__add__(b))
        lo, hi = w.span(node)
        pair = (node.func.value, node.args[0])
        return w.binary(node, _OPERATOR_METHODS[name], pair, (receiver, args[0]), lo, hi)
    if name == "clip":
        return _clip(w, node, receiver, args, kwargs)
    if name in ("cumsum", "cumprod"):
        return _kept(w, node, name, receiver, shape, args, kwargs)
    if name in ("sort", "argsort", "swapaxes", "repeat"):
        result = _rearranged(w, node, name, receiver, shape, args, kwargs)
        return from_python(None) if name == "sort" else result  # .sort() sorts in place
    if name == "tolist":
        if receiver.dtype == "x":  # a list of text (or of Python objects): not followed
            return w.cannot(node, "a list made of an array of text")
        values = array_value(receiver)
        if (
            values is not None
            and values.dtype.kind in "biuf"
            and values.size <= 1000
            and not args
            and not kwargs
        ):  # W.tolist(): Python's numbers, as they are (a new list)
            return from_python(values.tolist())
        if receiver.shape == ():  # of 0 dimensions (or a NumPy number): a Python number
            return replace(number(), dtype=receiver.dtype) if receiver.dtype == "f" else number()
        return Operand("list", shape, ident=new_ident())  # a new list, which may grow
    if name == "round" and len(args) <= 1 and kwargs.keys() <= {"decimals"}:
        # x.round(2): the same shape, each number rounded (booleans become floats)
        return array(shape, dtype="f" if receiver.dtype == "b" else receiver.dtype)
    if name == "item":
        if not args and not kwargs and size(shape) != 1:
            raise w.refuse(
                node,
                "call",
                f"{w.source(node.func)}() gives the one element of an array, and this one has "
                f"shape {format_shape(shape)} ({size(shape)} elements): NumPy raises a "
                "ValueError (can only convert an array of size 1 to a Python scalar)",
                raises="ValueError",
            )
        indices = [a.value for a in args]
        if (
            args
            and not kwargs
            and all(a.kind == "number" and type(a.value) is int for a in args)
            and (len(args) == 1 or len(args) == len(shape))
        ):  # x.item(2) of 2 elements: NumPy's IndexError
            bounds = [size(shape)] if len(args) == 1 else list(shape)
            for at, n in zip(indices, bounds, strict=True):
                if not -n <= at < n:
                    raise w.refuse(
                        node,
                        "call",
                        f"{w.source(node.func)}({', '.join(map(str, indices))}) reads past the "
                        f"array of shape {format_shape(shape)}: {at} is out of bounds for "
                        f"{n} (NumPy raises an IndexError: index {at} is out of bounds for size "
                        f"{n})",
                        raises="IndexError",
                    )
        values = array_value(receiver) if not args and not kwargs else None
        if values is not None and values.size == 1 and values.dtype.kind in "biuf":
            return from_python(values.item())  # x.max().item(): the Python number it holds
        return number()
    return asked_method(w, node, name, receiver, args, kwargs) or w.cannot(node)


#: ``np.r_`` and ``np.c_``: objects indexed to join arrays (the axis they join along)
INDEX_TRICKS = {"numpy.r_": 0, "numpy.c_": -1}


def index_trick(w: Walker, node: ast.Subscript, name: str, index: Operand) -> Operand:
    """The operand of ``np.r_[...]`` (joined along the first axis, a number taken as an array
    of one) or ``np.c_[...]`` (joined along the last axis, each array made at least 2-D with a
    vector as a column); a slice ``start:stop:step`` is ``np.arange(start, stop, step)``. A
    string directive (``np.r_['0,2', a, b]``) gives an unknown, and one that is not the first
    entry NumPy's ValueError."""
    parts = items_of(index) if index.kind == "tuple" else (index,)
    if parts is None:
        return w.cannot(node)
    elts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    if len(elts) != len(parts) or any(isinstance(e, ast.Starred) for e in elts):
        elts = [node.slice] * len(parts)
    column = name == "numpy.c_"
    shapes: list[Shape] = []
    kind: str | None = None
    for k, part in enumerate(parts):
        if part.kind in ("unknown", "error"):
            return part
        if part.kind == "str":
            if k == 0:
                return w.cannot(node, "with a string directive, which shapekit does not follow")
            raise w.refuse(
                node,
                "call",
                f"a string in {name.removeprefix('numpy.')}[...] is a directive and must be its "
                "first entry (NumPy raises a ValueError: special directives must be the first "
                "entry)",
                raises="ValueError",
            )
        if part.kind == "other" and part.name == "slice":
            bounds = part.value
            if not isinstance(bounds, slice) or bounds.step == 0:
                return w.cannot(node, "with a slice shapekit does not follow")
            start = 0 if bounds.start is None else bounds.start
            step = 1 if bounds.step is None else bounds.step
            found: Shape = (
                (len(range(0, start, step)),)
                if bounds.stop is None
                else (len(range(start, bounds.stop, step)),)
            )
            part_kind: str | None = "i"
        elif part.kind in ("array", "number", "list", "tuple"):
            shown = array_shape(part)
            if isinstance(shown, ShapeError):
                raise w.not_an_array(elts[k], shown)
            if shown is None:
                return w.cannot(node)
            found = tuple(shown)
            part_kind = dtype_of(part)
        else:
            return w.cannot(node, "with an entry shapekit does not follow")
        if column:
            found = (1, 1) if not found else (found[0], 1) if len(found) == 1 else found
        else:
            found = found or (1,)
        shapes.append(found)
        kind = part_kind if k == 0 else promoted(kind, part_kind)
    return array(concatenate(w, node, shapes, -1 if column else 0), dtype=kind)


__all__ = ["INDEX_TRICKS", "KNOWN_FUNCTIONS", "index_trick", "transpose"]


@functools.cache
def _followed_by_identity() -> dict[int, str]:
    """The functions of NumPy's own namespace that shapekit follows, by the identity of the
    object each name is bound to."""
    import numpy as np

    found: dict[int, str] = {}
    for name in sorted(KNOWN_FUNCTIONS):
        made = getattr(np, name, None) if "." not in name else None
        if made is not None:
            found.setdefault(id(made), name)
    return found


def numpy_alias(attr: str) -> str | None:
    """The name shapekit follows of the function NumPy binds ``attr`` to, when it is another
    name of it (NumPy 2's ``np.pow`` is ``np.power``, ``np.acos`` is ``np.arccos``): asked of
    the NumPy installed, so no table of aliases is kept by hand."""
    import numpy as np

    if attr.startswith("_") or attr in KNOWN_FUNCTIONS:
        return None
    made = getattr(np, attr, None)
    return None if made is None else _followed_by_identity().get(id(made))
