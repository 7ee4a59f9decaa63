"""Attributes, indexing and calls in a program: what ``x.attr``, ``x[i]`` and ``f(...)`` give.

:func:`attribute`, :func:`subscript` and :func:`call` give the walker of
``shapekit.engine._expressions`` the operand of each: NumPy's modules and functions, an
array's ``.T``/``.shape``/methods, basic indexing and slicing of arrays (with ``None`` for a
new axis and ``...`` for the axes left), indexing with arrays of whole numbers, the methods
of random generators (``default_rng()`` and the legacy ``RandomState``), the items of lists,
the methods of lists (``append`` changes the list for every name holding it) and a few of
Python's built-ins (``len``, ``range``, ``zip``, ``enumerate``, ``list`` …). What NumPy or
Python would refuse (a list's ``.T``, an index out of bounds) raises the walker's ``Refused``;
NumPy's functions themselves are in ``shapekit.engine._numpy_api``.
"""

from __future__ import annotations

import ast
import builtins
import functools
import itertools
import json
import math
import os
import re
import string
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from shapekit.engine import ops
from shapekit.engine._argparse import PARSER, new_parser, parser_method
from shapekit.engine._datafiles import DATA_FUNCTIONS, OpenFile, file_text, open_file, read_data
from shapekit.engine._exprtree import SETS_AN_ATTRIBUTE
from shapekit.engine._numpy_api import (
    BINARY_FUNCTIONS,
    DTYPES,
    INDEX_TRICKS,
    KNOWN_FUNCTIONS,
    REDUCTIONS,
    RESULT_FIELDS,
    UFUNC_METHODS,
    UFUNCS,
    _array_method,
    _broadcast,
    _check_arguments,
    _inside,
    _not_a_whole_number,
    _numpy,
    _param,
    _random,
    index_trick,
    may_be,
    numpy_alias,
    read_only_kept,
    reduced_into_out,
    transpose,
    with_width,
)
from shapekit.engine._objects import (
    DICT_VIEW,
    OBJECT_BUILTINS,
    ClassInfo,
    dict_method,
    new_dict,
    object_attribute,
    object_builtin,
    object_item,
    settled,
)
from shapekit.engine._operands import (
    ARRAYLIKE,
    COVERS,
    DISTINCT,
    DRAWN,
    FLOAT_MAX_INT,
    KIND_LETTERS,
    MAX_ITEMS,
    MAX_TEXT,
    ONE_SHOT,
    PROMOTION,
    READS,
    SPAN,
    Operand,
    array,
    array_shape,
    array_value,
    c_strides,
    describe,
    drawn_kept,
    dtype_of,
    finite,
    from_python,
    items_of,
    known_text_value,
    known_truth,
    laid_out,
    lazily,
    length,
    literal_list,
    masks,
    new_ident,
    number,
    placed_call,
    possible,
    sequence,
    size,
    slice_operand,
    unhashable,
    unknown,
    values_current,
    values_written,
    wide_spec,
    written_count,
    zero_d,
)
from shapekit.engine._oracle import GRIDS, asked_grid
from shapekit.engine._paths import (
    OS_PATH_FUNCTIONS,
    PATH,
    PATH_CLASSES,
    new_path,
    os_path_call,
    path_attribute,
    path_method,
    path_text,
    run_text,
    where_run,
)
from shapekit.engine._saved import json_value
from shapekit.engine._saved import record as record_saved
from shapekit.engine.explanation import format_shape
from shapekit.errors import MismatchError, closest

if TYPE_CHECKING:
    from shapekit.engine._expressions import Refused, Walker

Shape = tuple[int, ...]
Args = list[Operand]
Kwargs = dict[str, Operand]


SUBMODULES = frozenset(
    {"numpy.random", "numpy.linalg", "numpy.testing", "numpy.lib", "numpy.lib.stride_tricks"}
)
CONSTANTS = {"numpy.pi": math.pi, "numpy.e": math.e, "numpy.inf": math.inf, "numpy.nan": math.nan,
             "math.pi": math.pi, "math.e": math.e, "math.inf": math.inf}  # fmt: skip
#: functions of Python's ``math`` module: a number in, a number out (an array of more than
#: one element is Python's TypeError: only length-1 arrays become Python numbers)
MATH_FUNCTIONS = frozenset(
    {"exp", "log", "log2", "log10", "sqrt", "tanh", "sin", "cos", "tan", "fabs", "floor",
     "ceil", "pow", "atan", "asin", "acos", "sinh", "cosh", "expm1", "log1p", "fsum", "prod"}
)  # fmt: skip
ARRAY_ATTRIBUTES = frozenset(
    {
        "T",
        "shape",
        "ndim",
        "size",
        "reshape",
        "transpose",
        "dot",
        "flatten",
        "ravel",
        "astype",
        "squeeze",
        "argsort",
        "swapaxes",
        "repeat",
        "clip",
    }
    | REDUCTIONS
)
#: what arrays have and lists and tuples do not (a "number" may be a NumPy number, which has
#: them: rng.integers(10).item() runs)
_NOT_ON_LISTS = frozenset({"tolist", "item", "round", "cumsum", "cumprod", "nonzero"})
#: what a Python int or float has (anything else is an AttributeError)
NUMBER_ATTRIBUTES = frozenset(
    {"real", "imag", "conjugate", "is_integer", "hex", "as_integer_ratio", "bit_length",
     "bit_count", "to_bytes", "numerator", "denominator", "fromhex", "from_bytes"}
)  # fmt: skip


def _number_has(number: Operand, attr: str) -> bool:
    """Whether a Python number has ``attr`` (``n.__index__``): of its own type when known,
    else of any of bool, int and float."""
    kind = type(number.value)
    kinds = (kind,) if kind in (bool, int, float, complex) else (bool, int, float)
    return any(hasattr(k, attr) for k in kinds)


#: what each kind of random generator does not have (the other kind has it)
_NOT_ON = {
    "numpy.random.Generator": frozenset({"randn", "rand", "randint", "random_sample"}),
    "numpy.random.RandomState": frozenset({"integers"}),
}
#: what a Generator offers instead of the legacy methods
_GENERATOR_FORM = {
    "randn": ".standard_normal(size)",
    "rand": ".random(size)",
    "randint": ".integers(low, high, size)",
    "random_sample": ".random(size)",
}
LIST_METHODS = frozenset(
    {"append", "extend", "copy", "pop", "insert", "remove", "index", "count"}
    | {"reverse", "sort", "clear"}
)
#: the list methods that change the list in place and return None
_IN_PLACE = frozenset({"append", "extend", "insert", "remove", "reverse", "sort", "clear"})


#: the functions of modules not followed that end the program (``sys.exit``, ``from sys
#: import exit``, ``os._exit``, ``builtins.exit``; see Interpreter._exits)
EXIT_FUNCTIONS = frozenset(
    {"sys.exit", "os._exit", "builtins.exit", "builtins.quit", "unittest.main"}
)


def attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """The operand of ``base.attr``."""
    attr = node.attr
    if base.kind == "unknown" and f"{base.name}.{attr}" in EXIT_FUNCTIONS:
        patched = getattr(w.host, "patched", None)
        if patched and f"{base.name}.{attr}" in patched:  # sys.exit = …: the file's own
            return patched[f"{base.name}.{attr}"]
        return replace(base, name=f"{base.name}.{attr}")  # e = sys.exit … e(): known by it
    if (
        base.kind == "unknown"
        and base.name == "builtins"
        and (base.reason or "").startswith("the module `")
        and isinstance(getattr(builtins, attr, None), type)
        and issubclass(getattr(builtins, attr), BaseException)
        and not _set_elsewhere(w, attr)
    ):  # Done = builtins.SystemExit: Python's own class, as SystemExit is
        return Operand("function", name=f"builtins.{attr}")
    if (
        base.kind == "unknown"
        and f"{base.name}.{attr}" in OS_PATH_FUNCTIONS
        and not _set_elsewhere(w, attr)
    ):  # os.path.join, or `from os import path` then path.join: followed
        return Operand("function", name=f"{base.name}.{attr}")
    if (
        base.kind == "unknown"
        and base.name in _PLAIN_STDLIB
        and (base.reason or "").startswith("the module `")
        and (attr.startswith("_") or _set_elsewhere(w, attr))
    ):  # sys.__stdout__, sys.stdout after `sys.stdout = io.StringIO()`: not the module
        return unknown(f"`{base.name}.{attr}`, which shapekit does not follow")
    if (
        base.kind == "unknown"
        and base.name in _PLAIN_STDLIB
        and (base.reason or "").startswith("the module `")
    ):  # logging.getlogger, time.perf_count: Python's AttributeError
        lacking = _stdlib_lacks(base.name, attr)
        if lacking is not None:
            raise w.refuse(node, "attribute", lacking, raises="AttributeError")
        if base.name == "sys" and attr == "argv":
            argv = _argv(w)
            if argv is not None:
                return argv
        return replace(base, name=f"{base.name}.{attr}")  # os.path: not os itself
    raised = base.name.removeprefix(CAUGHT)
    if (
        base.kind == "unknown"
        and raised != base.name
        and (not _no_error_has(raised, attr) or _set_elsewhere(w, attr))
    ):  # (an attribute the file sets on an error: e.shape = …, then raise)
        return unknown(base.reason or "")  # err.args, err.__traceback__: not the error
    if base.kind == "unknown" and raised != base.name:
        raise w.refuse(
            node,
            "attribute",
            f"{w.source(node.value)} is the {raised} the handler caught, which has no "
            f".{attr} (Python raises an AttributeError: '{raised}' object has no attribute "
            f"'{attr}')",
            raises="AttributeError",
        )
    if base.kind in ("unknown", "error"):
        return base
    if base.kind == "function" and attr == "__call__":  # np.add.__call__ is np.add
        return base
    if base.kind == "other" and base.name == PATH and isinstance(base.value, str):
        return path_attribute(w, node, base)
    if base.kind == "other" and base.name == "file" and attr == "read":  # json.loads(f.read())
        return Operand("method", name=attr, bound=base, node=node.value)
    if base.kind in ("enumclass", "enum"):
        return _enum_attribute(w, node, base)
    if (
        base.kind == "other"
        and base.name == "slice"
        and isinstance(base.value, slice)
        and attr in ("start", "stop", "step")
    ):  # part.stop of part = slice(0, 100)
        return from_python(getattr(base.value, attr))
    if base.kind == "number" and base.bound is not None and base.bound.kind == "enum":
        if attr in ("value", "name"):
            return _enum_attribute(w, node, base.bound)  # Ax.COLS.value
        return w.cannot(node, "an attribute of a member of an IntEnum")
    if base.kind == "none" and not attr.startswith("__"):
        raise w.refuse(
            node,
            "attribute",
            f"{w.none_is(node.value)}, which has no .{attr} (Python raises an AttributeError: "
            f"'NoneType' object has no attribute '{attr}')",
            raises="AttributeError",
        )
    if base.kind in ("instance", "class", "dict", "super"):
        return object_attribute(w, node, base)
    if base.kind == "function" and base.name == "builtins.super" and attr == "__init__":
        return Operand("function", name="builtins.super.__init__")  # refused when called
    if (
        base.kind == "function"
        and (base.name or "").removeprefix("numpy.") in UFUNC_METHODS
        and attr in ("reduce", "accumulate", "outer", "at")
    ):  # np.add.reduce(x, axis=0), np.multiply.outer(a, b), np.add.at(E, ids, d)
        return Operand("function", name=f"{base.name}.{attr}")
    if (
        base.kind == "function"
        and (base.name or "").startswith("builtins.")
        and (
            attr in ARRAY_ATTRIBUTES
            or attr in ("append", "extend", "items", "keys")
            or (base.name == "builtins.list" and attr in LIST_METHODS)
        )
    ):  # input.shape for inputs.shape: Python's own function has no such attribute
        return _builtin_attribute(w, node, base)
    if (
        base.kind == "userfunc" and attr in ARRAY_ATTRIBUTES and not _set_elsewhere(w, attr)
    ):  # g = loss_fn.grad (no call), then g.T: a function has no array's attributes
        what = "method" if base.bound is not None else "function"
        raise w.refuse(
            node,
            "attribute",
            f"{w.source(node.value)} is the {what} {base.name}() itself, not what calling it "
            f"gives (Python raises an AttributeError: 'function' object has no attribute "
            f"'{attr}'); did you forget the () that calls it?",
            raises="AttributeError",
        )
    if base.kind == "str" and attr == "format" and isinstance(base.value, str):
        return Operand("method", name="format", bound=base, node=node.value)
    if base.kind == "str" and attr == "join":
        return Operand("method", name="join", bound=base, node=node.value)
    if base.kind == "str" and attr in TEXT_METHODS and isinstance(base.value, str):
        return Operand("method", name=attr, bound=base, node=node.value)
    if base.kind == "module" and base.value is not None:  # the file's own module (import data)
        return own_module_attribute(w, node, base)
    if base.kind == "module":
        full = f"{base.name}.{attr}"
        patched = getattr(w.host, "patched", None)
        if patched and full in patched:  # np.dot = …: the file's own value
            return patched[full]
        if full in SUBMODULES:
            return Operand("module", name=full)
        if full in CONSTANTS:
            return number(CONSTANTS[full])
        if full == "numpy.newaxis":
            return from_python(None)
        if full in INDEX_TRICKS or full in GRIDS:  # np.r_, np.mgrid: indexed, not called
            return Operand("other", name=full)
        if base.name == "math" or base.name in STDLIB_MODULES:
            if attr in MATH_FUNCTIONS if base.name == "math" else full in STDLIB_FUNCTIONS:
                return Operand("function", name=full)
            if full in DATA_FUNCTIONS:
                return Operand("function", name=full)
            lacking = _stdlib_lacks(base.name, attr)
            if lacking is not None and not _set_elsewhere(w, attr):
                # math.sqr, random.randInt: Python's AttributeError
                raise w.refuse(node, "attribute", lacking, raises="AttributeError")
            return w.cannot(node, "which shapekit does not follow")
        if (
            full in DATA_FUNCTIONS
            or full.removeprefix("numpy.") in KNOWN_FUNCTIONS
            or attr in DTYPES
        ):
            return Operand("function", name=full)
        if base.name == "numpy" and numpy_alias(attr) is not None:  # np.pow is np.power
            return Operand("function", name=f"numpy.{numpy_alias(attr)}")
        if (
            base.name.startswith("numpy")
            and not _numpy_has(base.name, attr)
            and not getattr(w.host, "libraries_patched", False)  # a module set np.N = 4
        ):
            instead = _REMOVED.get(attr)
            raise w.refuse(
                node,
                "attribute",
                f"{base.name.replace('numpy', 'NumPy', 1)} has no {attr} (Python raises an "
                f"AttributeError: module '{base.name}' has no attribute '{attr}')"
                + (f"; NumPy removed it: write {instead}" if instead else ""),
                raises="AttributeError",
            )
        return w.cannot(node, "which shapekit does not follow")
    if base.kind == "array":
        shape = base.shape or ()
        if attr == "T":
            return transpose(w, node, node.value, base, None)
        if attr == "mT" and base.shape is not None:  # the last two axes swapped
            if len(shape) < 2:
                raise w.refuse(
                    node,
                    "transpose",
                    f"{w.source(node.value)} has {len(shape)} dimension"
                    f"{'s' * (len(shape) != 1)}, and .mT swaps the last two (NumPy raises a "
                    "ValueError: matrix transpose with ndim < 2 is undefined)",
                    raises="ValueError",
                )
            axes = (*range(len(shape) - 2), len(shape) - 1, len(shape) - 2)
            return transpose(w, node, node.value, base, axes)
        if attr == "real" and base.dtype in ("b", "i", "f"):
            return base  # of an array of real numbers: the array itself
        if attr in ("real", "imag") and base.shape is not None:
            return array(shape, None, base.dtype)
        if attr == "shape":
            return sequence("tuple", tuple(number(d) for d in shape))
        if attr == "ndim":
            return number(len(shape))
        if attr == "size":
            return number(size(shape))
        if attr in ("nbytes", "itemsize"):  # whole numbers (how many bytes: not followed)
            return number()
        if attr in _ARRAY_DATA:  # attributes that are no methods: not followed
            if attr in ("data", "ctypes", "base", "flat"):
                values_written()  # its memory may be written through them (ctypes …)
            return w.cannot(node, f"the attribute .{attr} of an array, not followed")
        if attr in ("append", "extend", "insert", "remove", "pop"):
            raise w.refuse(
                node,
                "attribute",
                f"{w.source(node.value)} is {describe(base)}, which has no .{attr} "
                f"(a Python list has it; np.{attr if attr != 'extend' else 'append'}(...) "
                "returns a new array)",
            )
        if not _array_has(base, attr):
            raise _no_such_attribute(w, node, base, attr)
        return Operand("method", name=attr, bound=base, node=node.value)
    if base.kind == "other" and base.name == PARSER:  # parser.add_argument …
        return Operand("method", name=attr, bound=base, node=node.value)
    fields = RESULT_FIELDS.get(base.name or "") if base.kind == "tuple" else None
    if fields is not None and attr in fields:  # np.linalg.svd(a).S: a named tuple's field
        items = items_of(base)
        return items[fields.index(attr)] if items is not None else w.cannot(node)
    if base.kind in ("list", "tuple") and attr in LIST_METHODS:
        return Operand("method", name=attr, bound=base, node=node.value)
    if (base.kind in ("list", "tuple", "number") and attr in ARRAY_ATTRIBUTES) or (
        base.kind in ("list", "tuple") and attr in _NOT_ON_LISTS
    ):
        what = describe(base)
        raise w.refuse(
            node,
            "attribute",
            f"{w.source(node.value)} is {what}, which has no .{attr} (a NumPy array has it)",
            w.wrap_candidates([node.value], "convert it to a NumPy array first"),
        )
    if base.kind == "number" and attr not in NUMBER_ATTRIBUTES and not _number_has(base, attr):
        raise w.refuse(
            node, "attribute", f"{w.source(node.value)} is a Python number, which has no .{attr}"
        )
    if base.kind == "generator":
        missing = _NOT_ON.get(base.name, frozenset())
        if attr in missing:
            legacy = base.name.endswith("RandomState")
            other = "np.random.default_rng()" if legacy else "np.random.RandomState(seed)"
            raise w.refuse(
                node,
                "attribute",
                f"{w.source(node.value)} is a {base.name.removeprefix('numpy.random.')}, which "
                f"has no .{attr} (Python raises an AttributeError; {other} has it"
                + ("" if legacy else f", and {_GENERATOR_FORM[attr]} is the Generator's way")
                + ")",
            )
        return Operand("method", name=attr, bound=base, node=node.value)
    if base.kind == "iter" and base.name == "csv.DictReader" and attr == "fieldnames":
        names = base.memo.get("fieldnames")  # the header's names (read before its rows)
        return names if isinstance(names, Operand) else w.cannot(node)
    if (
        base.kind == "iter"
        and base.name in _ITERATOR_ATTRIBUTES
        and not attr.startswith("__")
        and attr not in _ITERATOR_ATTRIBUTES[base.name]
    ):  # map(f, out).shape: an iterator has none of a list's or an array's attributes
        raise w.refuse(
            node,
            "attribute",
            f"{w.source(node.value)} is {describe(base)}, which has no .{attr} (Python raises "
            f"an AttributeError: object has no attribute '{attr}')",
            raises="AttributeError",
        )
    return w.cannot(node)


#: the ``name`` of what ``except … as err`` binds when the class of the error caught is known,
#: before that class (``caught ValueError``)
CAUGHT = "caught "


def caught(raised: str, line: int) -> Operand:
    """The error of the class ``raised`` (one of Python's or NumPy's) caught by the handler at
    ``line``: nothing is followed but the attributes no error has."""
    reason = f"the error caught at line {line}, which shapekit does not follow"
    return Operand("unknown", reason=reason, name=CAUGHT + raised)


@functools.cache
def _error_attributes(raised: str) -> frozenset[str] | None:
    """What an error of the class ``raised`` (or of any of Python's or NumPy's subclasses of
    it: an axis out of range is NumPy's AxisError, a ValueError and an IndexError) has:
    ``err.args``, ``err.errno``, ``err.axis`` …; None when the class is not one of those."""
    import json

    import numpy as np

    classes = [getattr(builtins, n) for n in dir(builtins)]
    classes += [getattr(np.exceptions, n) for n in dir(np.exceptions)]
    classes += [np.linalg.LinAlgError, json.JSONDecodeError]
    errors = [c for c in classes if isinstance(c, type) and issubclass(c, BaseException)]
    named = next((c for c in errors if c.__name__ == raised), None)
    if named is None:
        return None
    return frozenset(attr for cls in errors if issubclass(cls, named) for attr in dir(cls))


def _no_error_has(raised: str, attr: str) -> bool:
    """Whether no error of the class ``raised`` has the attribute ``attr`` (``err.shape``;
    not ``err.__notes__``, which add_note makes)."""
    known = _error_attributes(raised)
    return known is not None and not attr.startswith("__") and attr not in known


#: the attributes Python's iterators have (besides those written __like_this__), by the
#: name shapekit gives each kind of iterator
_ITERATOR_ATTRIBUTES = {
    **dict.fromkeys(("zip", "map", "enumerate", "reversed", "product", "iter"), frozenset()),
    "generator": frozenset({"send", "throw", "close", "gi_code", "gi_frame", "gi_running",
                            "gi_yieldfrom", "gi_suspended"}),
    "range": frozenset({"start", "stop", "step", "count", "index"}),
}  # fmt: skip


#: what an array holds that is no method (x.strides, x.flags …), besides those followed
_ARRAY_DATA = frozenset({"strides", "flags", "base", "data", "flat", "ctypes", "device"})


def _array_has(base: Operand, attr: str) -> bool:
    """Whether a NumPy array (or, of no dimensions, a NumPy number) has ``attr``, as the
    installed NumPy's classes say (``x.ptp()`` was removed in NumPy 2, ``x.shpae`` is a slip)."""
    import numpy as np

    if hasattr(np.ndarray, attr):
        return True
    if base.shape == ():  # a NumPy number or an array of 0 dimensions: either has it
        return any(hasattr(t, attr) for t in (np.float64, np.int64, np.bool_, np.complex128))
    return False


def _no_such_attribute(w: Walker, node: ast.Attribute, base: Operand, attr: str) -> Refused:
    """Python's AttributeError for ``x.attr`` that a NumPy array does not have, with the
    attribute it may stand for (``x.shpae``: ``x.shape``)."""
    import numpy as np

    kind = "numpy.ndarray" if base.shape != () or zero_d(base) else "NumPy number"
    called = w.calling is node  # x.reshpe(4, 3): a method is meant, x.shpae: a value
    public = [
        name
        for name in dir(np.ndarray)
        if not name.startswith("_") and callable(getattr(np.ndarray, name)) == called
    ]
    close = closest(attr, public, cutoff=0.75)
    instead = {"ptp": "np.ptp(x)", "itemset": "x[index] = value", "tostring": "x.tobytes()",
               "newbyteorder": "x.view(x.dtype.newbyteorder())"}.get(attr)  # fmt: skip
    hi = w.span(node)[1]
    candidates = None
    if close and w.text[hi - len(attr) : hi] == attr:
        candidates = w.replacing(hi - len(attr), hi, close, f"the attribute {close}")
    return w.refuse(
        node,
        "attribute",
        f"{w.source(node.value)} is {describe(base)}, which has no attribute {attr!r} (Python "
        f"raises an AttributeError: {kind!r} object has no attribute {attr!r})"
        + (f"; did you mean .{close}?" if close else "")
        + (f"; NumPy removed it: write {instead}" if instead and not close else ""),
        candidates,
        raises="AttributeError",
    )


def enum_member(enum: Operand, name: str) -> Operand:
    """The member ``name`` of an Enum of the file's (one object, known by its name); an
    ``IntEnum``'s member is a Python int to everything but ``.name``/``.value`` and ``is``
    (the member itself is its ``bound``)."""
    value = enum.value[name]
    first: dict[Any, str] = {}
    for each, held in enum.value.items():  # an alias (a value given again) is the first
        first.setdefault(held, each)
    name = first.get(value, name)
    member = Operand("enum", name=f"{enum.name}.{name}", value=(name, value))
    if enum.dtype == "i":
        return Operand("number", (), value, bound=member)
    return member


def enum_of(op: Operand) -> Operand | None:
    """The member of an Enum of the file's that ``op`` is (an ``IntEnum``'s member is a
    number whose ``bound`` is the member), or None."""
    if op.kind == "enum":
        return op
    if op.kind == "number" and op.bound is not None and op.bound.kind == "enum":
        return op.bound
    return None


def _enum_attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """``Act.RELU`` (a member), ``Act.RELU.value`` and ``.name``; anything else of an Enum
    is not followed."""
    if base.kind == "enumclass" and node.attr in base.value:
        return enum_member(base, node.attr)
    if base.kind == "enum" and node.attr in ("value", "name"):
        name, value = base.value
        return from_python(value if node.attr == "value" else name)
    import enum

    members = base.value if base.kind == "enumclass" else None
    if members is not None and not hasattr(enum.Enum, node.attr) and not node.attr.startswith("_"):
        close = closest(node.attr, members)
        raise w.refuse(
            node,
            "attribute",
            f"the Enum {base.name} has no member {node.attr} (Python raises an AttributeError: "
            f"{node.attr})" + (f"; did you mean {base.name}.{close}?" if close else ""),
            raises="AttributeError",
        )
    slip = closest(node.attr, ["value", "name"], cutoff=0.75) if base.kind == "enum" else None
    if slip is not None and not hasattr(enum.Enum, node.attr):  # Act.RELU.valeu
        raise w.refuse(
            node,
            "attribute",
            f"a member of an Enum has no .{node.attr} (Python raises an AttributeError: "
            f"{node.attr}); did you mean .{slip}?",
            raises="AttributeError",
        )
    return w.cannot(node, "an attribute of an Enum that shapekit does not follow")


#: NumPy's (and Python's) functions whose positional arguments are sizes (whole numbers)
_SIZES_GIVEN = frozenset(
    {"numpy.zeros", "numpy.ones", "numpy.empty", "numpy.full", "numpy.eye", "numpy.identity",
     "numpy.random.randn", "numpy.random.rand", "builtins.range"}
)  # fmt: skip


def _enum_as_number(w: Walker, node: ast.Call, func: Operand, args: Args, kwargs: Kwargs) -> None:
    """Python's TypeError for a member of a plain Enum of the file's given to NumPy as an
    axis (``axis=Ax.COLS``), or as a size (``np.zeros((Ax.N, 2))``, ``x.reshape(Ax.N, -1)``,
    ``range(Ax.N)``): an Enum's member is no number (its ``.value`` is)."""
    numpy = func.name.startswith("numpy.") or (
        func.kind == "method" and func.bound is not None and func.bound.kind == "array"
    )
    axis = kwargs.get("axis")
    if numpy and axis is not None and axis.kind == "enum":
        written = next(k.value for k in node.keywords if k.arg == "axis")
        raise w.enum_refused(node, "call", written, axis)
    sizes = func.name in _SIZES_GIVEN or (
        func.kind == "method" and func.name == "reshape" and numpy
    )
    if not sizes:
        return
    count = 1 if func.name in _SIZES_GIVEN and func.name.startswith("numpy.") else len(args)
    if func.name.startswith("numpy.random."):
        count = len(args)
    for given, written in zip(args[:count], node.args, strict=False):
        if isinstance(written, ast.Starred):
            return
        if given.kind == "enum":
            raise w.enum_refused(node, "call", written, given)
        if isinstance(written, (ast.Tuple, ast.List)) and given.kind in ("tuple", "list"):
            for item, each in zip(items_of(given) or (), written.elts, strict=False):
                if item.kind == "enum" and not isinstance(each, ast.Starred):
                    raise w.enum_refused(node, "call", each, item)


def enum_call(w: Walker, node: ast.Call, enum: Operand, args: Args, kwargs: Kwargs) -> Operand:
    """``Act("relu")``: the member of that value, or Python's ValueError when none has it."""
    if len(args) != 1 or kwargs or args[0].kind not in ("number", "str", "enum"):
        return w.cannot(node)
    given = args[0]
    if given.kind == "enum":
        return given if given.name.split(".")[0] == enum.name else w.cannot(node)
    if given.value is None:
        return w.cannot(node, f"a member of `{enum.name}` chosen by a value not known")
    for name, value in enum.value.items():
        if type(value) is type(given.value) and value == given.value:
            return enum_member(enum, name)
    raise w.refuse(
        node,
        "call",
        f"{given.value!r} is not a valid {enum.name}: its members' values are "
        + ", ".join(repr(v) for v in enum.value.values())
        + " (Python raises a ValueError)",
        raises="ValueError",
    )


def own_module_attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """``data.inputs`` after ``import data``: the value the module ends with, or Python's
    AttributeError for a name the module certainly does not define."""
    from shapekit.engine._modules import imported, module_path

    found = base.value
    if node.attr.startswith("__") and node.attr.endswith("__") and node.attr not in found.values:
        return w.cannot(node, f"the module's {node.attr}")  # nn.__file__, nn.__name__ …
    if found.bound is not None and node.attr not in found.bound:
        if module_path(getattr(w.host, "file", None), f"{base.name}.{node.attr}") is not None:
            # pkg.sub: a module of the package, an attribute of it once anything imports it
            return w.cannot(node, f"the module {base.name}.{node.attr}, not followed here")
        raise w.refuse(
            node,
            "attribute",
            f"{found.shown} does not define {node.attr} (Python raises an AttributeError: module "
            f"'{base.name}' has no attribute '{node.attr}')",
            raises="AttributeError",
        )
    return imported(found, node.attr, node.lineno)


def _builtin_attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """Python's AttributeError for an array's attribute read on one of Python's own
    functions or types, with the file's name it likely meant."""
    import builtins

    name = (base.name or "").removeprefix("builtins.")
    found = getattr(builtins, name, None)
    if found is list and node.attr in LIST_METHODS:  # list.append(l, x): l.append(x)
        return Operand("function", name=f"builtins.list.{node.attr}")
    if found is None or hasattr(found, node.attr):  # dict.items, tuple.count …: not followed
        return w.cannot(node)
    said = (
        f"type object '{name}'" if isinstance(found, type) else f"'{type(found).__name__}' object"
    )
    meant = w.meant(node.value, base)
    raise w.refuse(
        node,
        "attribute",
        f"{w.source(node.value)} is Python's built-in {name}, which has no .{node.attr} (Python "
        f"raises an AttributeError: {said} has no attribute '{node.attr}')"
        + (f"; did you mean `{meant}`?" if meant else ""),
        w.renaming(node.value, meant),
        raises="AttributeError",
    )


def subscript(w: Walker, node: ast.Subscript, base: Operand, index: Operand) -> Operand:
    """The operand of ``base[index]``: an item of a list, basic indexing of an array."""
    stop = w.merge_unknown(node, base, index)
    if stop is not None:
        return stop
    if base.kind == "enumclass":  # Act["RELU"]: the member of that name
        if index.kind == "str" and index.value in base.value:
            return enum_member(base, index.value)
        return w.cannot(node, "a member of an Enum looked up by a name not written out")
    if base.kind == "array" and index.kind == "enum":  # x[Ax.COLS]: no number
        raise w.enum_refused(node, "index", node.slice, index)
    if base.kind == "number":  # np.allclose(a, b)[0], x.shape[0][0], len(x)[0]
        known = type(base.value).__name__ if base.value is not None else None
        raise w.refuse(
            node,
            "index",
            f"{w.source(node.value)} is a Python number, which has no items (Python raises a "
            + (f"TypeError: '{known}' object is not subscriptable)" if known else "TypeError)"),
            raises="TypeError",
        )
    if base.kind == "str" and index.kind in ("str", "none", "list", "dict"):
        # for n in layer: n["w"], n a key of the dict layer: text is indexed by numbers
        raise w.refuse(
            node,
            "index",
            f"{w.source(node.value)} is text (a str), whose characters are taken by whole "
            f"numbers, and {w.source(node.slice)} is {describe(index)} (Python raises a "
            "TypeError: string indices must be integers); a loop over a dict gives its keys: "
            ".values() or .items() give what they hold",
            raises="TypeError",
        )
    if base.kind == "iter" and (base.name in ONE_SHOT or base.name == DICT_VIEW):
        # gen()[0], zip(a, b)[0], d.keys()[0]: an iterator (or a view) has no items by place
        what = {"iter": "an iterator", DICT_VIEW: "a view of a dict"}.get(base.name, base.name)
        raise w.refuse(
            node,
            "index",
            f"{w.source(node.value)} is {what if ' ' in what else 'a ' + what + ' object'}, "
            "which cannot be indexed (Python raises a TypeError: object is not subscriptable); "
            f"list({w.source(node.value)}) makes a list of its items",
            w.replacing(*w.span(node.value), f"list({w.source(node.value)})", "a list"),
            raises="TypeError",
        )
    if base.kind in ("list", "tuple", "iter"):
        items = items_of(base)
        if items is None:
            return w.cannot(node)
        if index.kind == "number" and type(index.value) in (int, bool):  # (True is 1)
            at = int(index.value)
            if not -len(items) <= at < len(items):
                raise w.refuse(
                    node, "index", f"index {at} is out of range: it has {len(items)} items"
                )
            return items[at]
        if index.kind == "other" and isinstance(index.value, slice):
            if index.value.step == 0:
                raise w.refuse(node, "index", "slice step cannot be zero")
            return sequence(base.kind, items[index.value])
        if index.kind == "array" and index.shape == () and index.dtype == "i":
            # sizes[np.argmax(p)], labels[np.int64(0)]: a NumPy integer is an index too
            value = array_value(index) if values_current(index) else None
            if value is not None:
                at = int(value)
                if not -len(items) <= at < len(items):
                    raise w.refuse(
                        node, "index", f"index {at} is out of range: it has {len(items)} items"
                    )
                return items[at]
            from shapekit.engine._classes import shape_only
            from shapekit.engine._expressions import same

            if items and all(
                item.kind == "number" and item.value is not None and item.value == items[0].value
                for item in items
            ):
                return items[0]  # ([3, 3, 3][k]: 3, whichever k is)
            if items and all(same(items[0], item) for item in items):
                return shape_only(items[0])  # (which one not known, all alike)
            return w.cannot(node)
        if index.kind == "array" and index.shape is not None and index.shape != ():
            raise w.refuse(  # rows[np.array([1])]: a list takes one whole number
                node,
                "index",
                f"{w.source(node.value)} is {describe(base)}, and its index is an array of "
                f"shape {format_shape(index.shape)}: Python raises a TypeError (only integer "
                "scalar arrays can be converted to a scalar index); a NumPy array of the list "
                "takes such an index",
                w.wrap_candidates([node.value], "convert it to a NumPy array first"),
                raises="TypeError",
            )
        if index.kind == "tuple":  # inputs[:, 0] of a list: only an array takes two indices
            raise w.refuse(
                node,
                "index",
                f"{w.source(node.value)} is {describe(base)}, whose indices are whole numbers "
                f"or slices, one at a time, not a tuple (Python raises a TypeError); a NumPy "
                "array takes one index per dimension",
                w.wrap_candidates([node.value], "convert it to a NumPy array first"),
                raises="TypeError",
            )
        if base.kind in ("list", "tuple") and (
            index.kind == "none" or (index.kind == "number" and type(index.value) is float)
        ):  # biases[np.newaxis] of the chapter's list of biases; rows[n / 2]
            what = "None (np.newaxis)" if index.kind == "none" else f"the float {index.value!r}"
            raise w.refuse(
                node,
                "index",
                f"{w.source(node.value)} is {describe(base)}, whose indices are whole numbers "
                f"or slices, not {what} (Python raises a TypeError)"
                + ("; a NumPy array takes np.newaxis" if index.kind == "none" else ""),
                w.wrap_candidates([node.value], "convert it to a NumPy array first")
                if index.kind == "none"
                else None,
                raises="TypeError",
            )
        return w.cannot(node)
    if base.kind == "dict":
        return object_item(w, node, base, index)
    if (
        base.kind == "other"
        and type(base.value) is dict
        and index.kind in ("number", "str")
        and index.value is not None
    ):  # a dict written out inside a list (for spec in [{"in": 4, "out": 6}, ...])
        if index.value in base.value:
            return from_python(base.value[index.value])
        return w.cannot(node, "a key that is not in the dict")
    if base.kind == "other" and base.name in INDEX_TRICKS:
        return index_trick(w, node, base.name, index)
    if base.kind == "other" and base.name in GRIDS:
        return (
            w.merge_unknown(node, index) or asked_grid(w, node, base.name, index) or w.cannot(node)
        )
    if base.kind != "array" or base.shape is None:
        return w.cannot(node)
    return _index_array(w, node, base, index)


def _index_array(w: Walker, node: ast.Subscript, base: Operand, index: Operand) -> Operand:
    shape = base.shape or ()
    parts = items_of(index) if index.kind == "tuple" else (index,)
    if parts is None:
        return w.cannot(node)
    stop = w.merge_unknown(node, *parts)  # x[:, k] with k not known: the reason is k's
    if stop is not None:
        return stop
    parts = _without_ellipsis(w, node, shape, parts)
    if parts is None:
        return w.cannot(node, "an index shapekit does not follow")
    for part in parts:  # NumPy indexes with whole numbers (and booleans) only
        if part.kind == "array" and part.dtype == "x" and part.shape:
            # probs[range(4), y] with labels read as text (np.array(["0", "2"])): no index
            raise w.refuse(
                node,
                "index",
                f"the index holds text or Python objects ({describe(part)}), and NumPy "
                "indexes with arrays of whole numbers or booleans only (an IndexError: arrays "
                "used as indices must be of integer (or boolean) type); .astype(int) reads "
                "numbers written as text",
                raises="IndexError",
            )
        if part.kind in ("str", "dict") and base.dtype in ("f", "i", "b"):
            # X["W1"] of an array of numbers (not a dict of parameters): no field names
            raise w.refuse(
                node,
                "index",
                f"{w.source(node.value)} is an array of numbers, not a dict, and "
                f"{describe(part)} is no index of it (NumPy raises an IndexError: only "
                "integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
                "or boolean arrays are valid indices)",
                raises="IndexError",
            )
        if (part.kind == "number" and type(part.value) is float) or (
            part.kind in ("array", "list", "tuple")
            and dtype_of(part) == "f"
            and (part.kind == "array" or length(part) != 0)  # [] is an empty index
        ):
            what = (
                f"the float {part.value!r}"
                if part.kind == "number"
                else f"{'an array' if part.kind == 'array' else 'a ' + part.kind} of floats"
            )
            raise w.refuse(
                node,
                "index",
                f"the index is {what}, and NumPy indexes with whole numbers (or booleans) only "
                "(Python raises an IndexError; .astype(int) makes whole numbers of floats)",
                raises="IndexError",
            )
    if len(parts) == 1 and _index_kind(parts[0]) == "mask":
        return _masked(w, node, base, parts[0])
    if any(_index_kind(part) in ("ints", "mask") for part in parts):
        return _advanced(w, node, base, parts)
    out: list[int] = []
    axis = 0
    for part in parts:
        if part.kind == "none":
            out.append(1)
            continue
        if _is_ellipsis(part):
            continue  # one that stands for no axis
        is_int = part.kind == "number" and (part.value is None or type(part.value) is int)
        is_slice = part.kind == "other" and part.name == "slice"
        if not (is_int or is_slice):
            return w.cannot(node, "an index shapekit does not follow")
        if axis >= len(shape):
            raise _too_many_indices(w, node, shape)
        n = shape[axis]
        if is_slice:
            if part.value is None:
                return w.cannot(node, "a slice whose bounds are not known")
            if part.value.step == 0:
                raise w.refuse(node, "index", "slice step cannot be zero")
            out.append(len(range(*part.value.indices(n))))
        elif part.value is not None and not -n <= part.value < n:
            raise w.refuse(
                node, "index", f"index {part.value} is out of bounds for axis {axis} with size {n}"
            )
        elif part.value is None and SPAN in part.memo:
            _past_the_axis(w, node, part, axis, n)
        axis += 1
    made = replace(array((*out, *shape[axis:]), dtype=base.dtype), readonly=base.readonly)
    if any(p.kind == "number" and p.value is None for p in parts):
        return made
    picked = tuple(None if p.kind == "none" else p.value for p in parts)
    if base.strides is not None:  # a view: its elements lie as the index picks them
        made = replace(made, strides=_picked_strides(base, picked))
    return drawn_kept(_selected(made, base, picked), base)


def _picked_strides(base: Operand, picked: tuple[Any, ...]) -> tuple[int, ...] | None:
    """The strides of the view ``base[picked]`` (whole numbers, slices and None), as NumPy
    makes them: a number drops its axis, a slice multiplies its stride by its step, None
    adds an axis of stride 0 (NumPy is asked only for what else an index holds)."""
    strides, shape = base.strides, base.shape
    if strides is None or shape is None or len(strides) != len(shape):
        return None
    made: list[int] = []
    axis = 0
    for part in picked:
        if part is None:
            made.append(0)
        elif type(part) is int and axis < len(shape) and -shape[axis] <= part < shape[axis]:
            axis += 1
        elif (
            isinstance(part, slice)
            and axis < len(shape)
            and len(range(*part.indices(shape[axis]))) > 1
        ):
            made.append(strides[axis] * (1 if part.step is None else part.step))
            axis += 1
        else:  # (an axis of one element or none, an Ellipsis …): NumPy is asked
            return laid_out(base, lambda a: a[picked])
    if (not made and axis == len(shape)) or any(d < 2 for d in shape[axis:]):
        return laid_out(base, lambda a: a[picked])
    return (*made, *strides[axis:])


def _selected(made: Operand, base: Operand, index: Any) -> Operand:
    """``made``, the part ``index`` of ``base`` selects, with its values when ``base``'s and
    the index's are known (``x.sum(axis=0)[0] == 2``, ``x[x > 0].sum()``)."""
    values = array_value(base) if made.dtype in ("b", "i", "f") else None
    if values is None or (
        isinstance(index, tuple)
        and any(
            p is not None and p is not Ellipsis and not isinstance(p, (int, slice)) for p in index
        )
    ):
        return made
    try:
        found = values[index]
    except (IndexError, ValueError, TypeError):
        return made
    import numpy as np

    found = np.asarray(found)
    if found.shape != made.shape:
        return made
    return replace(
        array(made.shape, found, made.dtype), readonly=made.readonly, strides=made.strides
    )


def _is_ellipsis(part: Operand) -> bool:
    return part.kind == "other" and part.value is Ellipsis


def _past_the_axis(w: Walker, node: ast.Subscript, part: Operand, axis: int, n: int) -> None:
    """An index that is one of the items of a loop whose steps are merged (see
    :data:`SPAN`): a possible IndexError when one of them is past the axis."""
    first, last, line = part.memo[SPAN]
    bad = max(first, n) if last >= n else first if first < -n else None
    if bad is None or _guarded_in_loop(w, node, line):
        return
    from shapekit.engine.program import UNDECIDED

    refused = w.refuse(
        node,
        "index",
        f"the index runs from {first} to {last} in the loop at line {line}, and axis {axis} "
        f"has {n}: at {bad} it is out of bounds (NumPy raises an IndexError: index {bad} is "
        f"out of bounds for axis {axis} with size {n})",
        raises="IndexError",
    )
    refused.depends = UNDECIDED
    possible(w, refused, f"whether the loop at line {line} gets that far")


def _guarded_in_loop(w: Walker, node: ast.Subscript, line: int) -> bool:
    """Whether ``node`` sits under a condition inside the loop at ``line`` that reads a name
    its index reads (``if i < 300: a[i] += 1``), or in a handler: the steps that reach it are
    not known (not all of the loop's). A guard that reads none of them (``if t > 0:``) may hold
    on every step: the index is still checked."""
    from shapekit.engine._expressions import tree_of

    tree = tree_of(w)
    if tree is None:
        return True
    read = {n.id for n in ast.walk(node.slice) if isinstance(n, ast.Name)}
    return any(
        id(node) in inside and (names is None or names & read)
        for names, inside in _loop_guards(w, tree, line)
    )


def _loop_guards(w: Walker, tree: ast.AST, line: int) -> list[tuple[set[str] | None, set[int]]]:
    """The guards inside the loop at ``line`` of ``tree``, each as the names its condition
    reads (None for a handler or an ``else`` of a try, which any error may reach) and the
    nodes under it; found once per loop (a loop of 150 writes asked 150 times)."""
    cache = w.host.__dict__.setdefault("loop_guards", {})
    key = (id(tree), line)
    if key in cache:
        return cache[key]
    found: list[tuple[set[str] | None, set[int]]] = []
    for loop in ast.walk(tree):
        if not isinstance(loop, (ast.For, ast.AsyncFor)) or loop.lineno != line:
            continue
        for inner in ast.walk(loop):
            guarded: list[ast.AST] = []
            test: list[ast.AST] | None = None
            if isinstance(inner, (ast.If, ast.While)):
                guarded, test = [*inner.body, *inner.orelse], [inner.test]
            elif isinstance(inner, ast.IfExp):
                guarded, test = [inner.body, inner.orelse], [inner.test]
            elif isinstance(inner, ast.BoolOp):
                guarded, test = list(inner.values[1:]), list(inner.values[:-1])
            elif isinstance(inner, ast.Try):
                guarded = [*inner.handlers, *inner.orelse]
            if not guarded:
                continue
            names = (
                None
                if test is None
                else {n.id for t in test for n in ast.walk(t) if isinstance(n, ast.Name)}
            )
            found.append((names, {id(n) for part in guarded for n in ast.walk(part)}))
    cache[key] = found
    return found


def _whole_number(given: Operand) -> Any:
    """The value of a Python number, or of a NumPy integer (``np.int32(3)``, ``np.argmax(p)``)
    as a Python int; else what ``given`` holds (None when not known)."""
    if given.kind == "array" and given.shape == () and given.dtype == "i":
        value = array_value(given) if values_current(given) else None
        return int(value) if value is not None else None
    return given.value


def _without_ellipsis(
    w: Walker, node: ast.Subscript, shape: Shape, parts: tuple[Operand, ...]
) -> tuple[Operand, ...] | None:
    """The index with its ``...`` written out as the full slices it stands for (as many as
    the axes the other parts leave; kept when that is none, as NumPy still takes it to
    separate the index arrays around it); None when that is not known (a boolean mask,
    whose dimensions count, or an index of a kind not followed)."""
    places = [i for i, part in enumerate(parts) if _is_ellipsis(part)]
    if not places:
        return parts
    if len(places) > 1:
        raise w.refuse(node, "index", "an index can only have a single ellipsis ('...')")
    used = 0
    for part in parts:
        kind = _index_kind(part)
        if kind in ("int", "slice", "ints"):
            used += 1
        elif kind != "new" and not _is_ellipsis(part):
            return None
    if used > len(shape):
        raise _too_many_indices(w, node, shape)
    full = Operand("other", value=slice(None), name="slice")
    at = places[0]
    if used == len(shape):  # it stands for no axis, but still parts the arrays around it
        return parts
    return (*parts[:at], *(full,) * (len(shape) - used), *parts[at + 1 :])


def _too_many_indices(w: Walker, node: ast.AST, shape: Shape) -> Refused:
    """NumPy's refusal of more indices than the array has dimensions."""
    return w.refuse(
        node,
        "index",
        f"too many indices: the array has {len(shape)} dimension"
        f"{'s' * (len(shape) != 1)} ({format_shape(shape)})",
    )


def _index_kind(part: Operand) -> str | None:
    """``"int"``, ``"slice"``, ``"new"`` (``None``), ``"ints"`` (an array of whole numbers),
    ``"mask"`` (of booleans) or ``None`` (not known) for a part of an index."""
    kind = part.kind
    if kind == "number":
        return "int" if part.value is None or type(part.value) is int else None
    if kind == "other" and part.name == "slice":
        return "slice"
    if kind == "none":
        return "new"
    if kind == "iter" and part.name == "range":
        return "ints"
    if kind in ("array", "list", "tuple"):
        letter = dtype_of(part)
        if kind != "array" and length(part) == 0:
            return "ints"  # NumPy takes an empty list as an empty array of indices
        return "ints" if letter == "i" else "mask" if letter == "b" else None
    return None


def _masked(w: Walker, node: ast.Subscript, base: Operand, mask: Operand) -> Operand:
    """``x[mask]`` with a mask of booleans: its shape must be that of the axes it covers
    (else NumPy's IndexError); the elements kept, as many as it has True, come first."""
    shape = base.shape or ()
    found = array_shape(mask)
    if not isinstance(found, tuple) or not found:
        return w.cannot(node, "an index shapekit does not follow")
    if found == (0,) and shape:  # an empty mask of one axis: NumPy takes it for no indices
        return array((0, *shape[1:]), dtype=dtype_of(base))
    if len(found) > len(shape):
        raise _too_many_indices(w, node, shape)
    for axis, (size_here, covered) in enumerate(zip(shape, found, strict=False)):
        if size_here != covered:
            raise w.refuse(
                node,
                "index",
                f"the mask {w.source(node.slice)} has shape {format_shape(found)}, but the "
                f"array has {size_here} along axis {axis}, not {covered} (NumPy raises an "
                f"IndexError: boolean index did not match indexed array along axis {axis})",
                raises="IndexError",
            )
    values = array_value(mask)
    if values is None:
        return w.cannot(node, "a boolean mask whose values are not known")
    import numpy as np

    kept = int(np.count_nonzero(values))
    made = array((kept, *shape[len(found) :]), dtype=dtype_of(base))
    return _selected(made, base, values.astype(bool)) if values.dtype.kind == "b" else made


def _masks_as_positions(
    w: Walker, node: ast.Subscript, parts: tuple[Operand, ...], shape: Shape
) -> tuple[Operand, ...]:
    """``X[y == 1, :2]``: a mask of one dimension among the parts of an index, whose values
    are known, is NumPy's array of the positions of its True values (what NumPy makes of
    it), or NumPy's IndexError when its length is not that of its axis; the parts as they
    are otherwise."""
    import numpy as np

    made = list(parts)
    for place, part in enumerate(parts):
        if _index_kind(part) != "mask":
            continue
        found = array_shape(part)
        before = parts[:place]
        if (
            not isinstance(found, tuple)
            or len(found) != 1
            or any(_index_kind(p) not in ("int", "slice", "ints") for p in before)
            or place >= len(shape)
        ):
            return parts
        if found[0] != shape[place]:
            raise w.refuse(
                node,
                "index",
                f"the mask given for axis {place} has {found[0]} elements, and that axis has "
                f"{shape[place]} (NumPy raises an IndexError: boolean index did not match "
                "indexed array along axis)",
                raises="IndexError",
            )
        values = array_value(part) if part.kind == "array" else None
        if values is None:
            return parts
        positions = np.flatnonzero(values)
        made[place] = replace(array(positions.shape, positions, "i"), strides=(1,))
    return tuple(made)


def _advanced(w: Walker, node: ast.Subscript, base: Operand, parts: tuple[Operand, ...]) -> Operand:
    """Indexing with arrays of whole numbers (``x[range(n), y]``, ``x[[0, 2]]``): NumPy
    broadcasts the index arrays together and puts their shape where they stand (first when
    they are apart)."""
    from shapekit.engine._expressions import Refused

    shape = base.shape or ()
    parts = _masks_as_positions(w, node, parts, shape)
    basic_before: list[int] = []
    basic_after: list[int] = []
    shapes: list[Shape] = []
    places: list[int] = []
    bounds: list[tuple[Any, int, int]] = []  # the known indices, their axis and its size
    python: list[Any] | None = []  # the index as NumPy takes it, while every part is known
    axis = 0
    for place, part in enumerate(parts):
        if _is_ellipsis(part):
            if python is not None:
                python.append(Ellipsis)
            continue  # one that stands for no axis (it parts the index arrays around it)
        kind = _index_kind(part)
        if kind is None or kind == "mask":
            return w.cannot(node, "an index shapekit does not follow")
        if kind == "new":
            (basic_after if shapes else basic_before).append(1)
            if python is not None:
                python.append(None)
            continue
        if axis >= len(shape):
            raise _too_many_indices(w, node, shape)
        n = shape[axis]
        if kind == "slice":
            if part.value is None:
                return w.cannot(node, "a slice whose bounds are not known")
            if part.value.step == 0:
                raise w.refuse(node, "index", "slice step cannot be zero")
            (basic_after if shapes else basic_before).append(len(range(*part.value.indices(n))))
            if python is not None:
                python.append(part.value)
        else:
            count = length(part) if part.kind == "iter" else None
            found = (count,) if count is not None else array_shape(part)
            if not isinstance(found, tuple):
                return w.cannot(node)
            values: Any
            if isinstance(part.value, range):
                values = part.value
            elif part.kind == "iter":
                values = [item.value for item in part.items or ()]
            else:
                known = array_value(part)
                values = None if known is None else known.ravel().tolist()
            if python is not None and values is not None and isinstance(found, tuple):
                python.append((values, found))
            else:
                python = None
            covers = part.memo.get(COVERS) if part.kind == "array" else None
            if (
                values is None
                and isinstance(covers, int)
                and part.shape == (covers,)
                and part.made == written_count()
                and covers > n
            ):  # rng.permutation(31) holds 30, past an axis of 30
                raise w.refuse(
                    node,
                    "index",
                    f"{'the index' if isinstance(node.slice, ast.Tuple) else w.source(node.slice)}"
                    f" holds every whole number from 0 to {covers - 1}, "
                    f"and axis {axis} has {n} (NumPy raises an IndexError: index {n} or more is "
                    f"out of bounds for axis {axis} with size {n})",
                    raises="IndexError",
                )
            distinct = part.memo.get(DISTINCT) if part.kind == "array" else None
            if (
                values is None
                and isinstance(distinct, int)
                and part.made == written_count()
                and distinct > n
            ):  # rng.choice(16, 8, replace=False) holds one of 7 or more: past an axis of 4
                raise w.refuse(
                    node,
                    "index",
                    f"{'the index' if isinstance(node.slice, ast.Tuple) else w.source(node.slice)}"
                    f" holds {distinct} different whole numbers from 0 up, so one of them is "
                    f"{distinct - 1} or more, and axis {axis} has {n} (NumPy raises an "
                    f"IndexError: index out of bounds for axis {axis} with size {n})",
                    raises="IndexError",
                )
            drawn = part.memo.get(DRAWN) if part.kind == "array" else None
            if (
                values is None
                and isinstance(drawn, int)
                and values_current(part)
                and drawn > n
                and part.shape
                and size(part.shape)
            ):  # Y = np.eye(3)[rng.integers(0, 4, size=10)]: a 3 may be drawn, or not
                from shapekit.engine.program import UNDECIDED

                refused = w.refuse(
                    node,
                    "index",
                    f"{'the index' if isinstance(node.slice, ast.Tuple) else w.source(node.slice)}"
                    f" holds whole numbers from 0 up to {drawn - 1} (drawn at random, or taken "
                    f"from such numbers by an index only running tells), and axis {axis} has "
                    f"{n}: one of {n} or more is out of bounds (NumPy raises an IndexError "
                    "then), which only running tells",
                    raises="IndexError",
                )
                refused.depends = UNDECIDED
                possible(w, refused, f"whether a draw at {w.where(node)} is {n} or more")
            if kind == "int":  # a single index is checked even when nothing is taken
                bad = next((v for v in values or () if not -n <= v < n), None)
                if bad is not None:
                    raise w.refuse(
                        node, "index", f"index {bad} is out of bounds for axis {axis} with size {n}"
                    )
            else:
                bounds.append((values or (), axis, n))
            shapes.append(found)
            places.append(place)
        axis += 1
    together: Shape = ()
    for found in shapes:
        explanation, error = ops.try_binary("add", together, found, suggest=False)
        if error is not None:
            shown = " ".join(format_shape(s) for s in shapes)
            message = (
                f"cannot compute {w.source(node)}: the index arrays cannot be broadcast "
                f"together (shapes {shown})"
            )
            raise Refused(MismatchError(message, op="index"), node)
        together = explanation.shape or ()
    for values, where, n in bounds if size(together) else ():  # nothing taken: nothing checked
        bad = next((v for v in values if not -n <= v < n), None)
        if bad is not None:
            raise w.refuse(
                node, "index", f"index {bad} is out of bounds for axis {where} with size {n}"
            )
    rest = shape[axis:]
    if places == list(range(places[0], places[0] + len(places))):  # side by side
        made = array((*basic_before, *together, *basic_after, *rest), dtype=base.dtype)
    else:
        made = array((*together, *basic_before, *basic_after, *rest), dtype=base.dtype)
    return drawn_kept(_taken(made, base, python), base)


def _taken(made: Operand, base: Operand, python: list[Any] | None) -> Operand:
    """``made``, what ``x[rows, cols]`` takes, with its values when ``x``'s and the index
    arrays' are known (NumPy itself takes them)."""
    values = array_value(base) if python is not None and made.dtype in ("b", "i", "f") else None
    if values is None or python is None or made.shape is None or size(made.shape) > 10_000:
        return made
    import numpy as np

    index: list[Any] = []
    for part in python:
        if isinstance(part, tuple):  # (the numbers, the index array's shape)
            numbers, shape = part
            picked = np.asarray(list(numbers), dtype=np.intp)
            if picked.size != size(shape):
                return made
            index.append(picked.reshape(shape))
        else:
            index.append(part)
    try:
        found = np.asarray(values[tuple(index)])
    except (IndexError, ValueError, TypeError):
        return made
    if found.shape != made.shape:
        return made
    return array(made.shape, found, made.dtype)


def _str_format(w: Walker, node: ast.Call, text: Operand, args: Args) -> Operand:
    """``"{} x {}".format(*x.shape)``: Python's IndexError when the text has more ``{}``
    than the arguments given (a 1-D shape has one number); the result is text."""
    needed = format_fields(text.value)
    if needed is not None and needed > len(args):
        raise w.refuse(
            node,
            "call",
            f"the text has {needed} places to fill and {len(args)} "
            f"argument{'s' * (len(args) != 1)} {'is' if len(args) == 1 else 'are'} given "
            f"(Python raises an IndexError: Replacement index {len(args)} out of range)",
            raises="IndexError",
        )
    if needed is not None and needed <= len(args):
        for index, spec in _format_specs(text.value):
            refused = spec_refused(args[index], spec) if index < len(args) else None
            if refused is not None:
                message, raises = refused
                raise w.refuse(
                    node,
                    "call",
                    f"argument {index} of .format() is {describe(args[index])}, and the format "
                    f"{{:{spec}}} {message}",
                    raises=raises,
                )
    known = [known_text_value(a) for a in args]
    if (
        needed is not None
        and isinstance(text.value, str)
        and all(k is not None for k in known)
        and not wide_spec(text.value)
        and not _FIELD_PARTS.search(text.value)
        and not any(_large(a.value) for a in args)
    ):
        try:  # "W{}".format(l): Python's own formatting of values written in the file
            done = text.value.format(*(a.value for a in args))
        except AttributeError as error:  # "{0.nope}".format(1): read off Python's own value
            raise w.refuse(
                node,
                "call",
                f"the format reads an attribute its value lacks (Python raises an "
                f"AttributeError: {error})",
                raises="AttributeError",
            ) from None
        except (ValueError, IndexError, KeyError, TypeError, MemoryError):
            return Operand("str")
        return Operand("str", value=done) if len(done) <= MAX_TEXT else Operand("str")
    return Operand("str")


#: a field whose width is given by another field ("{:{}}"): not formatted here
_FIELD_PARTS = re.compile(r"\{[^{}]*\{")


def _large(value: Any) -> bool:
    """A whole number that, as a width or a precision, asks for gigabytes of text."""
    return type(value) is int and abs(value) > 100_000


#: the conversions of ``%`` and of format specs that take one number
NUMERIC_CODES = frozenset("diouxXeEfFgGn%")


#: a format spec's parts (Python's format mini-language)
_SPEC = re.compile(
    r"(?:.?[<>=^])?[+\- ]?z?#?0?\d*[_,]?(?:\.(?P<precision>\d+))?(?P<code>[bcdeEfFgGnosxX%]?)",
    re.DOTALL,
)
#: the codes that take a precision for a whole number (it is written as a float)
_PRECISE = frozenset("eEfFgG%")


def spec_refused(value: Operand, spec: str) -> tuple[str, str] | None:
    """Why Python refuses to format ``value`` with the format spec ``spec`` (``.3f`` …), with
    the class it raises; None when it does not (or when that is not known).

    >>> from shapekit.engine._operands import array, number
    >>> spec_refused(array((3,)), ".3f")[1], spec_refused(array(()), ".3f")
    ('TypeError', None)
    >>> spec_refused(number(2.5), "3d")[1], spec_refused(number(2), "3d")
    ('ValueError', None)
    """
    if not spec:
        return None
    if value.kind == "array" and value.shape:
        return (
            "is refused (Python raises a TypeError: unsupported format string passed to "
            "numpy.ndarray.__format__); format one number, or print the array as it is",
            "TypeError",
        )
    if value.kind in ("list", "tuple", "dict", "none"):
        what = {"none": "NoneType"}.get(value.kind, value.kind)
        return (
            f"is refused (Python raises a TypeError: unsupported format string passed to "
            f"{what}.__format__)",
            "TypeError",
        )
    code = spec[-1]
    floats = (value.kind == "number" and (type(value.value) is float or value.dtype == "f")) or (
        value.kind == "array" and value.shape == () and value.dtype == "f"
    )
    if floats and code in "dxXobc":
        return (
            f"is refused (Python raises a ValueError: Unknown format code '{code}' for object "
            "of type 'float'); a float takes f, e or g",
            "ValueError",
        )
    whole = (value.kind == "number" and type(value.value) in (int, bool)) or (
        value.kind == "array" and value.shape == () and value.dtype in ("i", "b")
    )
    parts = _SPEC.fullmatch(spec)
    if whole and parts is not None and parts["precision"] and parts["code"] not in _PRECISE:
        return (
            "is refused (Python raises a ValueError: Precision not allowed in integer format "
            "specifier); a whole number takes no .digits unless written as a float (.2f)",
            "ValueError",
        )
    if value.kind == "str" and code in NUMERIC_CODES | {"c"}:
        return (
            f"is refused (Python raises a ValueError: Unknown format code '{code}' for object "
            "of type 'str')",
            "ValueError",
        )
    return None


def _str_join(w: Walker, node: ast.Call, glue: Operand, args: Args) -> Operand:
    """``" ".join(items)``: Python's TypeError when an item is not text (a number, a row of
    an array, a shape's numbers); the result is text."""
    given = args[0] if len(args) == 1 else None
    readable = given is not None and (given.kind != "iter" or given.name == "range")
    items = items_of(given) if given is not None and readable else None  # (range: not used up)
    for index, item in enumerate(items or ()):
        if item.kind in ("str", "unknown", "error"):
            continue
        if item.kind == "number" and item.value is not None:
            found = type(item.value).__name__
        elif item.kind == "array" and item.dtype in ("b", "i", "f"):  # NumPy text is a str
            found = "numpy.ndarray" if item.shape else "a NumPy number"
        elif item.kind in ("list", "tuple", "none"):
            found = {"none": "NoneType"}.get(item.kind, item.kind)
        else:
            continue
        shown = w.source(node.args[0])
        raise w.refuse(
            node,
            "call",
            f"item {index} of {shown} is {describe(item)}, and .join() joins only text (Python "
            f"raises a TypeError: sequence item {index}: expected str instance, {found} found); "
            f"join(str(v) for v in {shown}) joins their text",
            raises="TypeError",
        )
    texts = [i.value for i in items or () if i.kind == "str" and isinstance(i.value, str)]
    if items is not None and len(texts) == len(items) and isinstance(glue.value, str):
        done = glue.value.join(texts)  # "_".join(["W", "1"])
        if len(done) <= MAX_TEXT:
            return Operand("str", value=done)
    return Operand("str")


#: the methods of text written in the file that are followed, by what they give: text,
#: a list of texts, a number or a truth
TEXT_METHODS = {
    **dict.fromkeys(("strip", "lstrip", "rstrip", "lower", "upper", "replace", "title",
                     "capitalize", "casefold", "removeprefix", "removesuffix"), "str"),
    **dict.fromkeys(("split", "rsplit", "splitlines"), "list"),
    **dict.fromkeys(("count", "find", "rfind"), "int"),
    **dict.fromkeys(("startswith", "endswith", "isdigit", "isalpha", "isspace", "isnumeric",
                     "isdecimal", "isalnum", "islower", "isupper"), "bool"),
}  # fmt: skip


def _text_method(
    w: Walker, node: ast.Call, name: str, text: Operand, args: Args, kwargs: Kwargs
) -> Operand:
    """``"1,2,3".split(",")`` and the like on text whose value is known: what Python gives,
    when every argument is known too (text, a whole number or None); else not followed."""
    given = [*args, *kwargs.values()]
    if not all(
        (a.kind == "str" and isinstance(a.value, str))
        or (a.kind == "number" and type(a.value) in (int, bool))
        or a.kind == "none"
        or (a.kind == "tuple" and items_of(a) is not None)
        for a in given
    ):
        return w.cannot(node)
    values = [_plain(a) for a in args]
    named = {k: _plain(v) for k, v in kwargs.items()}
    if (
        name == "replace"
        and len(text.value)
        * max(  # "a" * 10_000 with each "a" 10_000 long
            (len(v) for v in values if isinstance(v, str)), default=0
        )
        > MAX_TEXT * 100
    ):
        return Operand("str")
    try:
        found = getattr(text.value, name)(*values, **named)
    except (TypeError, ValueError, OverflowError):
        return w.cannot(node)  # (Python's own refusals: not judged here)
    if isinstance(found, str):
        return Operand("str", value=found) if len(found) <= MAX_TEXT else Operand("str")
    if isinstance(found, bool):
        return from_python(found)
    if isinstance(found, int):
        return number(found)
    if isinstance(found, list) and len(found) <= MAX_ITEMS:
        return sequence("list", tuple(Operand("str", value=part) for part in found))
    return w.cannot(node)


def _plain(operand: Operand) -> Any:
    """The Python value of a known text, whole number, None or tuple of texts."""
    if operand.kind == "tuple":
        return tuple(_plain(i) for i in items_of(operand) or ())
    return None if operand.kind == "none" else operand.value


def _format_specs(text: str) -> list[tuple[int, str]]:
    """The format spec of each positional field of ``text.format(...)`` (by the index of the
    argument it formats), for the fields with a spec and no conversion."""
    out, auto = [], 0
    for _text, field, spec, conversion in string.Formatter().parse(text):
        if field is None:
            continue
        index = auto if field == "" else int(field) if field.isdigit() else None
        auto += field == ""
        if index is not None and spec and conversion is None and "{" not in spec:
            out.append((index, spec))
    return out


def format_fields(text: str) -> int | None:
    """How many positional arguments ``text.format(...)`` reads, or None when it cannot
    be told (a field named by a word, nested fields, text str.format refuses).

    >>> format_fields("{} x {}"), format_fields("{0}, {1}, {0}"), format_fields("{n}")
    (2, 2, None)
    """
    try:
        parts = [
            (f, spec) for _text, f, spec, _conv in string.Formatter().parse(text) if f is not None
        ]
    except ValueError:
        return None
    if any("{" in (spec or "") for _f, spec in parts):
        return None
    fields = [f for f, _spec in parts]
    automatic = [f for f in fields if f == "" or f[0] in ".["]
    numbered = [int(m.group()) for f in fields if (m := re.match(r"[0-9]+", f))]
    if len(automatic) + len(numbered) != len(fields) or (automatic and numbered):
        return None
    return len(automatic) if automatic else max(numbered, default=-1) + 1


def _not_an_integer(arg: Operand) -> str | None:
    """What ``arg`` is when it is certainly not a whole number (range() refuses it), else
    None: a float, an array or tuple of more than one number, a list, a string."""
    if arg.kind == "number" and type(arg.value) is float:
        return f"a float ({arg.value!r})"
    if arg.kind == "array" and arg.shape == ():
        return "a NumPy float" if arg.dtype == "f" else None
    if arg.kind == "array" and arg.shape is not None:
        return describe(arg)  # only a single whole number converts
    if arg.kind in ("tuple", "list", "str"):
        return describe(arg)
    return None


def _dtype_named(given: Operand) -> Operand:
    """A ``dtype=`` given as a type (``np.float64``, ``float``) as the text of its NumPy name
    (``"float64"``), which NumPy takes the same; as it is otherwise."""
    if given.kind != "function":
        return given
    from shapekit.engine._numpy_api import numpy_dtype

    found = numpy_dtype(given)
    return Operand("str", value=str(found)) if found is not None else given


def _constant(operand: Operand) -> bool:
    """Whether ``operand`` is a value Python writes as a constant (a number, text, None)."""
    if operand.kind == "none":
        return True
    return operand.kind in ("number", "str") and type(operand.value) in (int, float, bool, str)


def _class_of(instance: Operand) -> Operand | None:
    """The class of an object of the file's class (``type(self)``, ``self.__class__``);
    None when its attributes are not followed."""
    space = instance.value
    cls = getattr(space, "cls", None)
    if cls is None or space.dynamic or cls.obstacle or cls.space.dynamic:
        return None
    return Operand("class", name=cls.name, value=cls)


def _as_now(w: Walker, held: Operand) -> Operand:
    """The list ``held`` (a method kept in a name holds it as it was then) as a name, an
    attribute or an item holds it now, after the changes made to it since."""
    host: Any = w.host
    if not held.ident:
        return held
    for frame in getattr(host, "frames", ()):
        for value in frame.names.values():
            if value.kind == "list" and value.ident == held.ident:
                return value
    for space in getattr(host, "holders", {}).values():
        for value in space.attrs.values():
            if value.kind == "list" and value.ident == held.ident:
                return value
    return held


#: functions that read an iterator they are given through, at once (``np.fromiter(it)``;
#: ``deque``, ``Counter``, ``set`` … are not followed: see _READ_BY_UNFOLLOWED)
_USED_UP_BY = frozenset(
    {"numpy.fromiter", "functools.reduce", "statistics.mean", "statistics.median",
     "statistics.fmean"}
)  # fmt: skip


def _iterators_read(w: Walker, node: ast.Call, func: Operand, args: Args, kwargs: Kwargs) -> None:
    """An iterator handed to a function that reads it through (``np.fromiter(values)``) is
    used up; one handed to ``itertools``' own (``accumulate(values)``), read as that one is
    read, has what is left of it not known."""
    spend = None if w.dry else getattr(w.host, "spend", None)
    if spend is None or func.kind != "function":
        return
    through = func.name in _USED_UP_BY
    lazy = func.name.startswith("itertools.") and func.name not in (
        "itertools.islice",
        "itertools.cycle",
        "itertools.chain",
    )
    if not (through or lazy):
        return
    partly = func.name == "numpy.fromiter" and (len(node.args) > 2 or "count" in kwargs)
    for given in args:
        if given.kind == "iter" and given.name in ONE_SHOT:
            why = f"what is left of an iterator `{w.short(node)}` at {w.where(node)} reads"
            spend(given, None if through and not partly else why)


def call(w: Walker, node: ast.Call, func: Operand, args: Args, kwargs: Kwargs) -> Operand:
    """The operand of a call of a NumPy or built-in function, or of a method."""
    _iterators_read(w, node, func, args, kwargs)
    if any(
        a.kind == "enum"
        or (a.kind in ("tuple", "list") and a.items and any(i.kind == "enum" for i in a.items))
        for a in (*args, *kwargs.values())
    ):
        _enum_as_number(w, node, func, args, kwargs)
    if func.kind == "method":
        receiver = func.bound
        assert receiver is not None  # a method always has its receiver
        if receiver.kind == "list" and getattr(node.func, "attr", None) != func.name:
            receiver = _as_now(w, receiver)  # add = l.append … add(i): l as it is now
        if receiver.kind in ("list", "tuple"):
            return _list_method(w, node, func.name, receiver, args, kwargs)
        if receiver.kind == "other" and receiver.name == PARSER:
            return parser_method(w, node, func.name, receiver, args, kwargs)
        if receiver.kind == "other" and receiver.name == PATH:
            return path_method(w, node, func.name, receiver, args, kwargs)
        if receiver.kind == "other" and receiver.name == "file" and func.name == "read":
            opened: OpenFile = receiver.value  # open(p).read() (a handle may have been read)
            direct = isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call)
            whole = not args and not kwargs and direct
            return file_text(w, node, opened, whole)
        if receiver.kind == "generator":  # RandomState has the functions of np.random
            legacy = receiver.name == "numpy.random.RandomState"
            # rng.normal(0, sigma=1): Python's TypeError, by the method's own signature
            kind = "RandomState" if legacy else "Generator"
            _check_arguments(w, node, f"random.{kind}.{func.name}", args, kwargs, receiver)
            return _random(w, node, func.name, args, kwargs, generator=not legacy)
        if receiver.kind == "dict":
            return dict_method(w, node, func.name, receiver, args, kwargs)
        if receiver.kind == "str" and func.name == "join":
            return _str_join(w, node, receiver, args)
        if receiver.kind == "str" and func.name in TEXT_METHODS:
            return _text_method(w, node, func.name, receiver, args, kwargs)
        if receiver.kind == "str":
            return _str_format(w, node, receiver, args)
        c_order = not kwargs.keys() - {"shape"} and (func.name == "reshape" or not args)
        made = read_only_kept(
            func.name, receiver, _array_method(w, node, func.name, receiver, args, kwargs), c_order
        )
        if func.name == "astype" and made is not receiver:  # x.astype(np.uint8)
            made = with_width(w, node, "astype", made, args, kwargs)
        where = kwargs.get("where")
        if where is not None and func.name in REDUCTIONS and made.kind == "array":
            from shapekit.engine._numpy_api import _where_fits

            made = _where_fits(w, node, func.name, [receiver, *args], where, made)
        if func.name == "clip" and "out" in kwargs:  # p.clip(lo, hi, out=q)
            without = {k: v for k, v in kwargs.items() if k != "out"}
            alone = _array_method(w, node, "clip", receiver, args, without)
            _clipped_into_out(w, node, alone, kwargs["out"])
        return reduced_into_out(w, node, func.name, made, kwargs, receiver)
    if func.name.startswith("numpy.") and func.kind == "function" and _numpy_replaced(w):
        return w.cannot(node, "a function of NumPy's that the submission may replace")
    if func.name in DATA_FUNCTIONS:
        return read_data(w, node, func.name, args, kwargs)
    if func.name == PARSER:
        return new_parser(w, node, args, kwargs)
    if func.name.startswith("builtins.list.") and args and args[0].kind in _NOT_LISTS:
        raise w.refuse(
            node,
            "call",
            f"{func.name.removeprefix('builtins.')}() works on a list, and "
            f"{w.source(node.args[0])} is {describe(args[0])} (Python raises a TypeError: "
            "descriptor doesn't apply to that object)",
            raises="TypeError",
        )
    if func.name.startswith("builtins.list.") and args and args[0].kind == "list":
        # list.append(l, x): the method of the list given first, called with the rest
        name = func.name.rsplit(".", 1)[1]
        return _list_method(w, node, name, _as_now(w, args[0]), args[1:], kwargs)
    if func.name in PY_RANDOM_PICKS:  # random.sample(range(n), k): k items of the population
        return _picked(w, node, func.name.removeprefix("random."), args, kwargs)
    if func.name.startswith("random.") and func.name.removeprefix("random.") in PY_RANDOM:
        # random.uniform(-1, 1): one Python number (a whole one from randint, randrange)
        least, most = PY_RANDOM[func.name.removeprefix("random.")]
        count = len(args) + len(kwargs)
        if not least <= count <= most or any(isinstance(a, ast.Starred) for a in node.args):
            return w.cannot(node)
        return from_python(None) if func.name == "random.seed" else number()
    if func.name in OS_PATH_FUNCTIONS:
        return os_path_call(w, node, func.name, args, kwargs)
    if func.name.startswith("math."):
        if kwargs or any(isinstance(a, ast.Starred) for a in node.args):
            return w.cannot(node)  # math.prod(xs, start=2): not followed
        return _math(w, node, func.name.removeprefix("math."), args)
    if func.name in ("copy.copy", "copy.deepcopy"):
        return _copied(w, node, func.name == "copy.deepcopy", args, kwargs)
    if func.name == "types.SimpleNamespace":
        return _simple_namespace(w, node, args, kwargs)
    if func.name == "functools.reduce":  # reduce(layer, params, x): f(f(x, p0), p1) …
        return _reduce_call(w, node, args, kwargs)
    if func.name == "functools.partial":  # partial(dense, w=weights): called with them later
        if re.search(r"\.\s*(?:keywords|args|func)\b", w.text):
            # p.keywords["axis"] = 0 changes what the call is given: not followed
            return w.cannot(node, "a partial whose parts the file may read or change")
        numpy_method = bool(args) and args[0].kind == "method" and args[0].bound is not None
        if args and (
            (args[0].kind == "function" and args[0].name.startswith("numpy.")) or numpy_method
        ):
            # partial(np.sum, axis=1, keepdims=True), partial(rng.normal, 0.0, 0.1): NumPy's
            # function given its arguments (written out as numbers, text, True/False or None)
            # when it is called; a dtype (np.float64, float) by its NumPy name
            kwargs = {k: _dtype_named(v) if k == "dtype" else v for k, v in kwargs.items()}
            if (len(args) > 1 or kwargs) and all(
                _constant(v) for v in [*args[1:], *kwargs.values()]
            ):
                return Operand(
                    "partial", name=args[0].name, value=(args[0], tuple(args[1:]), dict(kwargs))
                )
            return w.cannot(node, "a partial of NumPy's function given more than numbers")
        if not args or args[0].kind not in ("userfunc", "partial"):
            # partial(list.append, losses): what it is given may change whenever it is called
            w.handed_to_unfollowed(node, func, [*args, *kwargs.values()])
            return w.cannot(node, "a partial of a function shapekit does not follow into")
        target, given, named = args[0], tuple(args[1:]), dict(kwargs)
        if target.kind == "partial":  # partial(partial(f, a), b) is partial(f, a, b)
            target, given, named = (
                target.value[0], target.value[1] + given, {**target.value[2], **named},
            )  # fmt: skip
        return Operand("partial", name=target.name, value=(target, given, named))
    if func.name == "itertools.product":
        return _product(w, node, args, kwargs)
    if func.name in PATH_CLASSES:  # Path("data") / "w.csv"
        return new_path(w, node, args, kwargs)
    if func.name in CHOOSING:
        return _chosen(w, node, func.name, args, kwargs)
    if func.name == "itertools.accumulate":  # accumulate(sizes): the running sums
        return _accumulated(w, node, args, kwargs)
    if func.name == "itertools.pairwise":  # pairwise(sizes): (sizes[0], sizes[1]), …
        pool = items_of(args[0]) if len(args) == 1 and not kwargs else None
        if pool is None:
            return w.cannot(node)
        pairs = tuple(sequence("tuple", p) for p in itertools.pairwise(pool))
        return Operand("iter", items=pairs, name="product")
    if func.name == "itertools.cycle":  # known to islice() and zip() it is handed to
        pool = (
            items_of(args[0])
            if len(args) == 1 and not kwargs and _left_alone(w, node.args[0], args[0])
            else None
        )
        made = w.cannot(node, "an endless iterator")
        if pool is not None:
            made.memo[CYCLE] = pool
        return made
    if func.name == "itertools.islice":
        return _sliced(w, node, args, kwargs)
    if func.name in ("json.dumps", "json.dump"):
        return _json_written(w, node, func.name, args, kwargs)
    if func.name in TIMED:
        return _timed(w, node, func.name, args, kwargs)
    if func.name in OPERATOR_FUNCTIONS:  # operator.matmul(x, w): x @ w
        if len(args) != 2 or kwargs or len(node.args) != 2:
            return w.cannot(node)
        lo, hi = w.span(node)
        pair = (node.args[0], node.args[1])
        return w.binary(node, OPERATOR_FUNCTIONS[func.name], pair, (args[0], args[1]), lo, hi)
    if func.name in ("csv.reader", "csv.DictReader"):  # its rows, of a file or of text
        from shapekit.engine._datafiles import csv_rows

        return csv_rows(w, node, args, kwargs, by_name=func.name == "csv.DictReader")
    if func.name == "array.array":  # array.array("d", values): a list of those numbers
        if kwargs or not args or args[0].kind != "str" or len(args) > 2:
            return w.cannot(node)
        items = items_of(args[1]) if len(args) == 2 else ()
        if items is None or not all(i.kind == "number" for i in items):
            return w.cannot(node)
        floats = [i for i in items if type(i.value) is float or i.value is None]
        if args[0].value in _ARRAY_INTEGER_CODES and floats:
            if any(i.value is None for i in floats):
                return w.cannot(node)  # whole numbers or not: not known
            raise w.refuse(
                node,
                "call",
                f"array.array({args[0].value!r}, ...) holds whole numbers, and it is given "
                f"{floats[0].value!r} (Python raises a TypeError: 'float' object cannot be "
                "interpreted as an integer); the type code 'd' holds floats",
                raises="TypeError",
            )
        return sequence("list", items)
    if func.name.startswith("statistics."):  # statistics.mean(numbers): a number
        items = items_of(args[0]) if len(args) == 1 and not kwargs else None
        if items and all(i.kind == "number" for i in items):
            return number()
        wrong = next(
            (
                i
                for i in items or ()
                if i.kind in ("list", "tuple") or (i.kind == "array" and i.shape)
            ),
            None,
        )
        if wrong is not None:  # statistics.mean(rows): numbers only, not rows
            raise w.refuse(
                node,
                "call",
                f"{func.name}() takes numbers, and the items of {w.source(node.args[0])} are "
                f"{describe(wrong)} (Python raises a TypeError: can't convert type "
                f"'{'list' if wrong.kind != 'array' else 'numpy.ndarray'}' to "
                "numerator/denominator); np.mean(..., axis=...) averages rows",
                raises="TypeError",
            )
        return w.cannot(node)
    if func.name == "builtins.super.__init__" and isinstance(node.func, ast.Attribute):
        # super.__init__() for super().__init__(): the class super's own __init__
        end = w.span(node.func.value)[1]
        raise w.refuse(
            node,
            "call",
            f"{w.source(node.func)}() calls the __init__ of the class super itself, which needs "
            "a super object (Python raises a TypeError: descriptor '__init__' of 'super' object "
            "needs an argument); super().__init__() calls the base class's",
            w.replacing(end, end, "()", "super() called"),
            raises="TypeError",
        )
    if func.name.startswith("builtins."):
        name = func.name.removeprefix("builtins.")
        if name in _RUN_TIME_NAMES and not (name == "vars" and args):
            at_run_time = getattr(w.host, "made_at_run_time", None)
            if getattr(node, "shapekit_reads_only", False):  # globals()[name].shape
                at_run_time = None
                frame = getattr(w.host, "module" if name == "globals" else "frame", None)
                if name in ("globals", "locals") and frame is not None and not args:
                    # what it holds now: the very objects the names hold, so an array
                    # resized or a list appended to through it is the names' own
                    # (and names it holds that shapekit does not bind: __name__, what
                    # exec makes, keys set through the dict itself; no KeyError is known)
                    made = new_dict(w, dict(frame.names))
                    made.value.unlisted = f"`{name}()`, whose names shapekit may miss"
                    return made
            if at_run_time is not None and not w.dry:
                at_run_time(node, name, _assigned_by(args[0]) if name == "exec" and args else None)
            if name in ("exec", "eval") and (args[1:] or kwargs):
                # exec(code, ns): what the code binds goes into the dicts it is given
                w.handed_to_unfollowed(node, func, [*args[1:], *kwargs.values()])
            return w.cannot(node, f"`{name}()`, whose names shapekit does not follow")
        if name in OBJECT_BUILTINS:
            made = object_builtin(w, node, name, args, kwargs)
            spend = getattr(w.host, "spend", None)
            if name == "dict" and args and args[0].kind == "iter" and spend is not None:
                spend(args[0], None)  # dict(z) reads the zip z through: nothing is left in it
            return made
        if name == "object.__init__":
            if (args or kwargs) and isinstance(func.value, ClassInfo):
                _object_init(w, node, func.value)
            return from_python(None)
        if name == "type" and len(args) == 1 and not kwargs and args[0].kind == "instance":
            of = _class_of(args[0])  # type(self).count += 1: the class itself
            if of is not None:
                return of
        return _builtin(w, node, name, args, kwargs)
    name = func.name.removeprefix("numpy.")
    if name == "frombuffer" and args and args[0].kind in ("list", "tuple"):
        return w.cannot(node)  # (an array.array is read as a list: its buffer is not one)
    if name == "clip" and len(args) == 4 and "out" not in kwargs and len(node.args) == 4:
        args, kwargs = args[:3], {**kwargs, "out": args[3]}  # np.clip(p, lo, hi, q): out=q
    if getattr(w.host, "fp_states", None) and name in _FLOATING_CHECKED and not kwargs:
        _floating_error(w, node, name, args)
    made = _numpy(w, node, name, args, kwargs)
    if not (args and made is args[0]):  # np.zeros(3, dtype=np.uint8): its integers' width
        made = with_width(w, node, name, made, args, kwargs)
    if "order" in kwargs and made.kind == "array" and made.shape and name in UFUNCS:
        # np.maximum(a.T, 0, order="C"): laid out as asked (unknown for "K" and "A")
        order, dims = kwargs["order"].value, tuple(made.shape)
        made = replace(
            made,
            strides=c_strides(dims)
            if order == "C"
            else c_strides(dims[::-1])[::-1]
            if order == "F"
            else None,
        )
    if name in _REARRANGING and made.kind == "array" and made.value is None and made.shape:
        made = _rearranged(made, name, args, kwargs)
    into = args[0] if args and name in _WRITE_FIRST_ARGUMENT else None
    if into is not None and into.kind == "array" and into.readonly and into.shape:
        # np.put(w, …), np.copyto(w, …) of a read-only w: NumPy's ValueError
        what = "put: output array" if name == "put" else "assignment destination"
        raise w.refuse(
            node,
            "call",
            f"np.{name} writes into {w.source(node.args[0])}, which is read-only (a view NumPy "
            "will not write into, or an array set so with .setflags(write=False)): NumPy raises "
            f"a ValueError ({what} is read-only); .copy() makes an array of its own",
            raises="ValueError",
        )
    out = kwargs.get("out")
    if out is None and name in UFUNCS and len(args) > _inputs_of(name) and "out" not in kwargs:
        out = args[_inputs_of(name)]  # np.add(a, 1, y): out= by place
        args = args[: _inputs_of(name)]
    if (
        out is not None
        and out.kind == "array"
        and out.readonly
        and (name in UFUNCS or name in ("clip", "copyto", "put"))
    ):  # np.add(b, 1, out=b) of np.broadcast_to's view
        raise w.refuse(
            node,
            "call",
            "the array given as out= is read-only (a view NumPy will not write into, or an array "
            "set so with .setflags(write=False)): NumPy raises a ValueError (output array is "
            "read-only); .copy() makes an array of its own to write into",
            raises="ValueError",
        )
    if out is not None and ((made.kind == "array" and name in UFUNCS) or name == "clip"):
        # (np.clip with out= is not followed, but what it makes without it is)
        # what it makes without out= (the array it returns is out itself)
        from shapekit.engine._expressions import Refused

        try:
            alone = _numpy(w, node, name, args, {k: v for k, v in kwargs.items() if k != "out"})
        except Refused:
            if name == "clip":  # bounds that do not broadcast with the array: no out= helps
                raise
            return made
        if alone.kind == "array":
            _cast_into_out(w, node, name, alone, out, kwargs)
            if name == "clip":
                _clipped_into_out(w, node, alone, out)
    return made


@functools.cache
def _inputs_of(name: str) -> int:
    """How many arrays NumPy's ufunc ``name`` takes before its ``out`` (``np.add``: 2)."""
    import numpy as np

    found = getattr(np, name, None)
    return found.nin if isinstance(found, np.ufunc) else 99


def _clipped_into_out(w: Walker, node: ast.Call, made: Operand, out: Operand) -> None:
    """``np.clip(p, lo, hi, out=q)`` (or ``p.clip(…, out=q)``): NumPy's ValueError when what
    it makes does not broadcast into ``q``'s shape, as a ufunc's ``out=`` must."""
    given = array_shape(out)
    if made.kind != "array" or made.shape is None or not isinstance(given, tuple):
        return
    from shapekit.engine._numpy_api import _broadcast

    if _broadcast(made.shape, given) == given:
        return
    written = [k.value for k in node.keywords if k.arg == "out"] or node.args[3:4]
    shown = w.source(written[0]) if written else "…"
    raise w.refuse(
        node,
        "call",
        f"the result has shape {format_shape(made.shape)}, which does not fit in out={shown} "
        f"of shape {format_shape(given)} (NumPy raises a ValueError: operands could not be "
        "broadcast together)",
        raises="ValueError",
    )


#: NumPy's functions that write into the array given first
_WRITE_FIRST_ARGUMENT = frozenset({"put", "copyto", "place", "putmask", "fill_diagonal"})

#: NumPy's functions whose values are those they are given, placed anew (or each one
#: multiplied once, negated, made positive): the same on every machine, so worked out
_REARRANGING = frozenset(
    {"diag", "diagflat", "tril", "triu", "outer", "stack", "vstack", "hstack", "concatenate",
     "column_stack", "transpose", "flip", "fliplr", "flipud", "roll", "tile", "repeat",
     "negative", "absolute", "abs", "atleast_2d", "squeeze", "ravel", "expand_dims",
     "digitize", "searchsorted", "clip"}
)  # fmt: skip


def _rearranged(made: Operand, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``made`` (what ``np.<name>`` of ``args`` makes) with its values, when all those it
    is given are known (arrays and lists whose values are, numbers and keywords written
    out): NumPy is asked; ``made`` as it is otherwise."""
    import warnings

    import numpy as np

    if made.shape is None or size(made.shape) > 10_000:
        return made  # (kept only up to 10,000 numbers: not computed past them)
    given: list[Any] = []
    for arg in args:
        if arg.kind == "number" and arg.value is not None:
            given.append(arg.value)
            continue
        if arg.kind == "none":  # np.clip(p, 1e-7, None)
            given.append(None)
            continue
        if arg.kind in ("list", "tuple") and name in _JOINING:
            parts = items_of(arg)
            values = [array_value(p) for p in parts] if parts is not None else None
            if values is None or any(v is None for v in values):
                return made
            given.append(values)
            continue
        value = array_value(arg) if arg.kind in ("array", "list", "tuple") else None
        if value is None or value.dtype.kind not in "biuf":
            return made
        given.append(value)
    options: dict[str, Any] = {}
    for key, held in kwargs.items():
        if key == "side" and held.kind == "str" and held.value in ("left", "right"):
            options[key] = held.value  # np.searchsorted(bins, x, side="right")
            continue
        if key not in ("axis", "k", "shift", "axes", "right") or held.kind not in (
            "number",
            "tuple",
        ):
            return made
        value = held.value if held.kind == "number" else _plain_ints(held)
        if value is None:
            return made
        options[key] = value
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = np.asarray(getattr(np, name)(*given, **options))
        except (ValueError, TypeError, IndexError, ArithmeticError, MemoryError):
            return made
    if found.shape != made.shape or found.dtype.kind not in "biuf" or found.size > 10_000:
        return made
    kind = KIND_LETTERS[found.dtype.kind]
    return replace(made, value=found, made=written_count(), dtype=made.dtype or kind)


#: the joining functions of :data:`_REARRANGING`, given a list of arrays
_JOINING = frozenset({"stack", "vstack", "hstack", "concatenate", "column_stack"})


def _plain_ints(held: Operand) -> tuple[int, ...] | None:
    """A tuple of whole numbers written out, as Python's; None otherwise."""
    items = items_of(held)
    if items is None or any(i.kind != "number" or type(i.value) is not int for i in items):
        return None
    return tuple(i.value for i in items)


def _cast_into_out(
    w: Walker, node: ast.Call, name: str, made: Operand, out: Operand, kwargs: Kwargs
) -> None:
    """NumPy's UFuncTypeError for a ufunc whose floats go into ``out=`` of whole numbers or
    booleans (``np.matmul(x, w, out=counts)``): ufuncs cast their output by the rule
    ``same_kind``, which refuses floats to ints."""
    if (
        kwargs.keys() & {"casting", "dtype", "signature"}
        or out.kind != "array"
        or made.dtype not in ("f", "i")
        or out.dtype is None
        or PROMOTION.index(out.dtype) >= PROMOTION.index(made.dtype)
    ):
        return
    names = {"f": ("floats", "float64"), "i": ("whole numbers", "int64"), "b": ("booleans", "bool")}
    (made_said, made_type), (out_said, out_type) = names[made.dtype], names[out.dtype]
    raise w.refuse(
        node,
        "call",
        f"np.{name} makes {made_said}, and out= holds {out_said}: NumPy does not cast the "
        f"one into the other (a UFuncTypeError: Cannot cast ufunc '{name}' output from "
        f"dtype('{made_type}') to dtype('{out_type}') with casting rule 'same_kind'); give "
        f"out= an array of {made_said}",
        raises="UFuncTypeError",
    )


def _list_method(
    w: Walker, node: ast.Call, name: str, receiver: Operand, args: Args, kwargs: Kwargs
) -> Operand:
    if (
        name in ("index", "count")
        and len(args) == 1
        and not kwargs
        and receiver.kind in ("list", "tuple")
    ):
        found = _position(receiver, args[0], name)  # [1, 2].index(5): Python's ValueError
        if found is _NOT_THERE:
            raise w.refuse(
                node,
                "call",
                f"{args[0].value!r} is not in {w.source(node.func.value) if isinstance(node.func, ast.Attribute) else 'it'} "
                f"(Python raises a ValueError: {args[0].value!r} is not in {receiver.kind})",
                raises="ValueError",
            )
        return number(found)
    if name in ("copy", "index", "count"):
        return _new_lists(receiver) if name == "copy" else number()
    items = items_of(receiver) if receiver.kind == "list" and settled(w) else None
    after, result = None, None
    if items is not None and (not kwargs or name == "sort"):
        after, result = _changed_list(w, node, name, items, args, kwargs)
    changed = None if after is None else sequence("list", after, ident=receiver.ident)
    if not w.dry:
        why = f"a list changed by `{w.short(node)}` at {w.where(node)} in a way shapekit does not follow"
        w.host.mutate(receiver, changed, why)
    if name in _IN_PLACE:
        return from_python(None)
    return result or w.cannot(node)


def _object_init(w: Walker, node: ast.Call, klass: ClassInfo) -> None:
    """``super().__init__(n)`` reaching ``object.__init__`` from a method of ``klass``
    (whose bases are all the file's, written plainly): Python's TypeError for arguments
    object takes none of, unless the class gives ``__new__`` and no ``__init__``."""
    init, new = klass.lookup("__init__"), klass.lookup("__new__")
    if init is not None and init.kind != "userfunc":
        return
    if init is None and new is not None:
        return
    said = (
        "object.__init__() takes exactly one argument (the instance to initialize)"
        if init is not None
        else f"{klass.name}() takes no arguments"
    )
    raise w.refuse(
        node,
        "call",
        f"no base class of {klass.name} has an __init__, so this calls object's, which takes "
        f"no arguments (Python raises a TypeError: {said}); drop the arguments of "
        f"{w.source(node.func)}(...)",
        raises="TypeError",
    )


def _changed_list(
    w: Walker, node: ast.Call, name: str, items: tuple[Operand, ...], args: Args, kwargs: Kwargs
) -> tuple[tuple[Operand, ...] | None, Operand | None]:
    """A list's items after ``list.<name>(*args)`` (None: not known), and what it returns;
    what Python refuses (``pop`` from an empty list …) raises the walker's ``Refused``."""
    if name == "reverse" and not args:
        return items[::-1], None
    if name == "clear" and not args:
        return (), None
    if name == "sort" and not args:
        return _one_of(w, items, _sorted(items, kwargs)), None
    if name == "append" and len(args) == 1:
        return (*items, args[0]), None
    if name == "extend" and len(args) == 1:
        added = items_of(args[0])
        return (None if added is None else items + added), None
    if name == "insert" and len(args) == 2:
        where = args[0].value if args[0].kind == "number" else None
        if type(where) is not int or abs(where) > sys.maxsize:  # (Python's OverflowError)
            return None, None
        listed = list(items)
        listed.insert(where, args[1])
        return tuple(listed), None
    if name == "pop" and len(args) <= 1:
        where = args[0].value if args and args[0].kind == "number" else (-1 if not args else None)
        if type(where) is not int:
            return None, None
        if not -len(items) <= where < len(items):
            reason = "pop from empty list" if not items else "pop index out of range"
            raise w.refuse(
                node, "index", f"{reason} (it has {len(items)} items); Python raises an IndexError"
            )
        listed = list(items)
        return tuple(listed[: where % len(items)] + listed[where % len(items) + 1 :]), items[where]
    if name == "remove" and len(args) == 1:
        wanted = args[0]
        if wanted.kind not in ("number", "str") or wanted.value is None:
            return None, None
        for i, item in enumerate(items):
            if item.kind not in ("number", "str") or item.value is None:
                return None, None  # an item whose value is not known might be the one
            if item.value == wanted.value:
                return items[:i] + items[i + 1 :], None
        raise w.refuse(
            node, "remove", f"{wanted.value!r} is not in the list; Python raises a ValueError"
        )
    return None, None


_NOT_THERE = object()


def _position(receiver: Operand, wanted: Operand, name: str) -> Any:
    """``L.index(x)`` (or ``L.count(x)``) of a list or tuple of numbers and texts whose values
    are known, for a number or text ``x``: where it is (how many), _NOT_THERE when it is not
    there; None when not known."""
    items = items_of(receiver)
    if items is None or wanted.kind not in ("number", "str") or wanted.value is None:
        return None
    values = []
    for item in items:
        if item.kind not in ("number", "str") or item.value is None:
            return None  # an item whose value is not known might be the one
        values.append(item.value)
    if name == "count":
        return values.count(wanted.value)
    return values.index(wanted.value) if wanted.value in values else _NOT_THERE


def _sorted(items: tuple[Operand, ...], kwargs: Kwargs) -> tuple[Operand, ...] | None:
    """The items of a list after ``.sort()``: in order when they are numbers (or texts) whose
    values are known and no ``key`` is given; else, when every item has the same shape, the
    same shapes with their values forgotten (their order is not known); else None."""
    reverse = kwargs.get("reverse")
    if len(items) < 2 or all(i is items[0] for i in items):  # nothing compared
        return items
    if set(kwargs) <= {"reverse"} and (reverse is None or reverse.kind == "number"):
        for kind in ("number", "str"):
            if all(i.kind == kind and i.value is not None for i in items):
                try:
                    order = sorted(items, key=lambda i: i.value, reverse=bool(
                        reverse is not None and reverse.value))  # fmt: skip
                except TypeError:  # values Python cannot compare (complex numbers)
                    return None
                return tuple(order)
    shapes = {(i.kind, array_shape(i) if i.kind in ARRAYLIKE else None) for i in items}
    if len(shapes) == 1 and all(isinstance(s, tuple) for _k, s in shapes):
        kind, shape = next(iter(shapes))
        if kind in ("array", "number"):
            dtypes = {i.dtype for i in items}
            dtype = dtypes.pop() if len(dtypes) == 1 else None
            return tuple(
                number() if kind == "number" else array(shape, dtype=dtype)  # type: ignore[arg-type]
                for _ in items
            )
    return None


def _one_of(
    w: Walker, items: tuple[Operand, ...] | None, made: tuple[Operand, ...] | None
) -> tuple[Operand, ...] | None:
    """``made``, items each of which is one of ``items`` in an order not known: an array
    among them may be any array of ``items`` itself (a shape set in place on it later
    leaves those not known, see :func:`may_be`)."""
    for one in made or ():
        if one.kind == "array" and not any(one is i for i in items or ()):
            for given in items or ():
                if given.kind == "array":
                    may_be(w, given, one)
    return made


#: the key of an iterator's ``memo`` holding why reading it to its end raises (the message):
#: ``zip(a, b, strict=True)`` of lengths that differ
STRICT = "raises at its end"
#: the built-in functions that read an iterator through, and those that may stop early
_READ_THROUGH = frozenset({"list", "tuple", "sorted", "sum", "max", "min", "dict"})
_READ_IN_PART = frozenset({"any", "all"})
#: those that make an iterator reading what they are given later
_LAZY_ITERATORS = frozenset({"enumerate", "zip", "iter", "filter", "map"})
#: the built-in functions that iterate their first argument (an object's __iter__ runs)
_ITERATING = _READ_THROUGH | _READ_IN_PART | _LAZY_ITERATORS | {"set", "frozenset"}


def _builtin(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    taken = _BUILTIN_KEYWORDS.get(name)
    wrong = sorted(kwargs.keys() - taken) if taken is not None else []
    if wrong and not any(k.arg is None for k in node.keywords):  # list(x, strict=True)
        raise w.refuse(
            node,
            "call",
            f"{name}() takes no keyword {wrong[0]}= (Python raises a TypeError)"
            + (f"; it takes {', '.join(f'{k}=' for k in sorted(taken))}" if taken else ""),
            raises="TypeError",
        )
    if name in _ITERATING or name == "reversed":
        _iterates_a_number(w, node, name, args)
    if (
        name in _ITERATING
        and any(a.kind == "instance" for a in args)
        and not (name in ("max", "min", "iter") and len(args) > 1)  # max(a, b), iter(f, end)
    ):
        # list(m), sum(m), zip(m, m) … of an object of the file's class: its __iter__ runs
        # (once for each place it is given in), followed
        first = 1 if name in ("map", "filter") else 0
        last = len(args) if name in ("zip", "map") else first + 1
        objects = {i for i, a in enumerate(args) if a.kind == "instance" and first <= i < last}
        args = [w.iterated(a) if i in objects else a for i, a in enumerate(args)]
        if name in _LAZY_ITERATORS:  # zip(m): its __iter__ runs now, its items are read later
            later = unknown(f"the items of an object read later by `{w.short(node)}`")
            args = [later if i in objects else a for i, a in enumerate(args)]
    if (
        args
        and args[0].kind == "iter"
        and STRICT in args[0].memo
        and (name in _READ_THROUGH or (name in _READ_IN_PART and args[0].items == ()))
    ):
        # list(zip(a, b, strict=True)) of lengths that differ: read to the end, it raises
        # (any() and all() too, when there is no item to stop at)
        raise w.refuse(node, "call", args[0].memo[STRICT], raises="ValueError")
    # (divmod(*(x, 2)): read as divmod(x, 2))
    result = _builtin_value(w, placed_call(node, len(args)), name, args, kwargs)
    if name in _LAZY_READERS and result.kind == "iter":  # iter(a): it reads a as it goes
        sources = tuple(a.ident for a in args if a.kind == "list" and a.ident)
        if sources:
            result = replace(result, memo={**result.memo, READS: sources})
    if args and args[0].kind == "iter" and not w.dry:  # list(pairs): nothing is left in pairs
        deferred = args[0].memo.get("deferred")
        on_every_path = getattr(w.host, "on_every_path", None)
        if deferred and name in _READ_THROUGH and on_every_path is not None and on_every_path():
            problems = getattr(w.host, "problems", [])  # list(rows(x)) reads every item:
            for index, problem in enumerate(problems):  # the body certainly runs
                if id(problem) in deferred:
                    problems[index] = replace(problem, certain=True, depends=None)
        spend = getattr(w.host, "spend", None)
        if spend is not None and name in _READ_THROUGH:
            spend(args[0], None)
        elif spend is not None and name in _READ_IN_PART:
            spend(args[0], f"what is left of an iterator after {name}() at line {node.lineno}")
    return result


def _iterates_a_number(w: Walker, node: ast.Call, name: str, args: Args) -> None:
    """``sum(X.mean())``, ``list(3.0)``, ``zip(a, b.max())``: a built-in function that
    iterates what it is given, given a single number (a NumPy scalar, a 0-d array), which
    has no items: Python's TypeError."""
    if any(isinstance(a, ast.Starred) for a in node.args) or len(node.args) != len(args):
        return
    if name in ("max", "min", "iter") and len(args) != 1:
        return  # max(a, b) compares them; iter(f, end) calls f
    first = 1 if name in ("map", "filter") else 0
    last = len(args) if name in ("zip", "map") else first + 1
    for index in range(first, min(last, len(args))):
        given = args[index]
        if given.kind == "number" or (given.kind == "array" and given.shape == ()):
            raise w.refuse(
                node,
                "call",
                f"{name}() reads the items of {w.source(node.args[index])}, which is "
                f"{describe(given)}, a single number with no items (Python raises a TypeError: "
                "object is not iterable)",
                raises="TypeError",
            )


def _stopped_early(w: Walker, node: ast.Call, name: str) -> None:
    """``any((n := k) == 4 for k in ks)``: Python stops at the first item that decides, so a
    name a ``:=`` of the generator binds holds what that item gave, not the last: unknown."""
    assign = getattr(w.host, "assign", None)
    if w.dry or assign is None:
        return
    for part in ast.walk(node.args[0]):
        if isinstance(part, ast.NamedExpr) and isinstance(part.target, ast.Name):
            why = f"`{part.target.id}`, bound by := in a generator {name}() may stop early"
            assign(part.target, unknown(why), None)


#: the keywords some of Python's built-in functions take (any other is Python's TypeError)
_BUILTIN_KEYWORDS: dict[str, frozenset[str]] = {
    "list": frozenset(), "tuple": frozenset(), "len": frozenset(), "abs": frozenset(),
    "range": frozenset(), "iter": frozenset(), "next": frozenset(), "divmod": frozenset(),
    "any": frozenset(), "all": frozenset(), "reversed": frozenset(), "float": frozenset(),
    "zip": frozenset({"strict"}), "enumerate": frozenset({"iterable", "start"}),
    "sorted": frozenset({"key", "reverse"}), "sum": frozenset({"start"}),
    "round": frozenset({"number", "ndigits"}), "pow": frozenset({"base", "exp", "mod"}),
}  # fmt: skip
#: the builtins through which a file makes or changes names at run time
_RUN_TIME_NAMES = frozenset({"exec", "eval", "globals", "locals", "vars"})


def _assigned_by(code: Operand) -> set[str] | None:
    """The names ``exec`` of this text may change: those it mentions (None: not known
    which, or any)."""
    if code.kind != "str" or not isinstance(code.value, str) or len(code.value) > 100_000:
        return None
    try:
        tree = ast.parse(code.value)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    names: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in (*_RUN_TIME_NAMES, "setattr", "__import__")
        ):
            return None  # it makes names its own way
        if isinstance(node, ast.Name):  # assigned, or changed in place (x.shape = …, f(x))
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any(a.name == "*" for a in node.names):
                return None  # exec("from numpy import *"): every name numpy has
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    return names


#: the functions ``map()`` is followed with when given one (``map(float, row)``): they
#: change nothing they are given, so calling them at once is calling them as the map is read
_MAPPED = frozenset(
    {f"builtins.{n}" for n in ("float", "int", "abs", "round", "len", "str", "bool", "sum")}
    | {f"builtins.{n}" for n in ("list", "tuple", "sorted", "max", "min")}
    | {"numpy.array", "numpy.asarray"}
)


def _lend(w: Walker, node: ast.Call, given: Args) -> None:
    """Iterators given to ``zip``, ``enumerate``, ``map``, ``any`` … are read by them, in
    part or through (when what they make is read): what is left in each is not known."""
    spend = None if w.dry else getattr(w.host, "spend", None)
    if spend is None:
        return
    for one in given:
        if one.kind == "iter" and one.name in ONE_SHOT and one.items:
            spend(one, f"what is left of an iterator read by `{w.short(node)}` at {w.where(node)}")


def _map_builtin(w: Walker, node: ast.Call, args: Args) -> Operand:
    """``map(float, row)``, ``map(len, rows)``, ``map(math.exp, xs)``: the function called
    with each item (of each iterable, side by side). What one of those calls would refuse
    is not said here (its text is not the file's): the map is then not followed."""
    from shapekit.engine._expressions import Refused

    func = args[0]
    if func.name not in _MAPPED and not func.name.startswith("math."):
        if func.kind not in ("userfunc", "partial"):  # map(np.ndarray.resize, arrays, …)
            receiver = [func.bound] if func.bound is not None else []  # map(a.resize, …)
            w.handed_to_unfollowed(node, func, [*args[1:], *receiver])
        return w.cannot(node)
    columns = [items_of(a) for a in args[1:]]
    if any(c is None or len(c) > MAX_ITEMS for c in columns) or any(
        isinstance(a, ast.Starred) for a in node.args
    ):
        return w.cannot(node)
    each = ast.copy_location(ast.Call(func=node.args[0], args=node.args[1:], keywords=[]), node)
    _lend(w, node, args[1:])
    try:
        results = tuple(
            call(w, each, func, list(row), {})
            for row in zip(*[c for c in columns if c is not None], strict=False)
        )
    except Refused:
        return w.cannot(node, "a call that map() makes, which shapekit cannot follow")
    if any(r.kind in ("unknown", "error") for r in results):
        return w.cannot(node)
    return Operand("iter", items=results, name="map")


#: NumPy's functions of two arrays that ``functools.reduce`` is followed with
_REDUCED_WITH = frozenset(
    f"numpy.{n}" for n in ("dot", "matmul", "add", "subtract", "multiply", "maximum", "minimum")
)


def _reduce_with_numpy(
    w: Walker, node: ast.Call, func: Operand, items: tuple[Operand, ...]
) -> Operand:
    """``functools.reduce(np.dot, [x, w1, w2])``: NumPy's function of the running result and
    each item in turn (by NumPy's rules for two arrays). A step NumPy refuses is reported at
    the reduce, with the shapes."""
    from shapekit.engine._expressions import Refused

    operator = OPERATOR_FUNCTIONS.get(func.name)  # reduce(operator.matmul, mats): a @ b
    op = operator or BINARY_FUNCTIONS[func.name.removeprefix("numpy.")]
    written = node.args[1]  # the items, as the file writes them (steps have no text)
    lo, hi = w.span(node)
    total, rest = items[0], items[1:]
    for step, item in enumerate(rest, 1):
        if any(o.kind not in ("array", "number", "list", "tuple") for o in (total, item)):
            return w.cannot(node)
        if operator is not None and (total.kind != "array" or item.kind != "array"):
            return w.cannot(node)  # (operator.add of lists joins them: not followed here)
        try:
            total = w.numpy_binary(node, op, (written, written), (total, item), lo, hi)
        except Refused as refused:
            left, right = array_shape(total), array_shape(item)
            if not isinstance(left, tuple) or not isinstance(right, tuple):
                return w.cannot(node)
            raise w.refuse(
                node,
                "call",
                f"step {step} of the reduce computes "
                f"{func.name.replace('numpy.', 'np.')} of "
                f"shapes {format_shape(left)} and {format_shape(right)}, which NumPy refuses "
                # NumPy's reason, without the sources of the step (they are not written)
                f"({refused.error.message.split(': ', 1)[-1].split(': ')[0]})",
                raises=_raised_by(refused),
            ) from None
        if total.kind in ("error", "unknown"):
            return w.cannot(node)
    return total


def _raised_by(refused: Any) -> str | None:
    from shapekit.engine._statements import _raised

    return _raised(refused.error)


def _reduce_call(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``functools.reduce(f, items[, start])`` with a function of the file and known items:
    each call followed in turn; Python's TypeError for no items and no start."""
    numpy_function = (
        args[0].kind == "function"
        and (args[0].name in _REDUCED_WITH or args[0].name in OPERATOR_FUNCTIONS)
        if args
        else False
    )
    if (
        kwargs
        or len(args) not in (2, 3)
        or (args[0].kind not in ("userfunc", "partial") and not numpy_function)
        or w.dry
    ):
        return w.cannot(node)
    items = items_of(args[1]) if args[1].kind in ("list", "tuple", "iter") else None
    if items is None or len(items) > MAX_ITEMS:
        return w.cannot(node)
    if numpy_function:  # reduce(np.dot, layers): no start given, and at least one item
        if len(args) == 3 or not items:
            return w.cannot(node)
        return _reduce_with_numpy(w, node, args[0], items)
    if len(args) == 2 and not items:
        raise w.refuse(
            node,
            "call",
            "reduce() of an empty sequence with no initial value (Python raises a TypeError)",
            raises="TypeError",
        )
    total, rest = (args[2], items) if len(args) == 3 else (items[0], items[1:])
    for item in rest:
        total = w.call_operand(node, args[0], [total, item])
        if total.kind in ("error", "unknown"):
            return total
    return total


def _sorted_call(w: Walker, node: ast.Call, given: Operand, kwargs: Kwargs) -> Operand:
    """``sorted(x)``: a new list, in order when the values are known, else the same shapes
    in an order not known (see :func:`_sorted`); the rows of an array sorted by a key."""
    if given.kind == "dict":  # sorted(layers): its keys, when each is known
        space = given.value
        if space is None or space.dynamic or space.open:
            return w.cannot(node)
        given = sequence("list", tuple(from_python(k) for k in space.attrs))
    if given.kind in ("list", "tuple", "iter"):
        items = items_of(given)
        keys = _keys(w, node, items, kwargs.get("key")) if items is not None else None
        if items is not None and keys is not None:  # sorted(layers, key=lambda t: t[0])
            reverse = kwargs.get("reverse")
            if reverse is not None and (reverse.kind != "number" or reverse.value is None):
                return w.cannot(node)
            try:
                ranks = sorted(range(len(items)), key=keys.__getitem__, reverse=bool(
                    reverse is not None and reverse.value))  # fmt: skip
            except TypeError:  # keys Python cannot compare: not said here
                return w.cannot(node)
            return sequence("list", tuple(items[r] for r in ranks))
        order = _one_of(w, items, _sorted(items, kwargs)) if items is not None else None
        return w.cannot(node) if order is None else sequence("list", order)
    rows = given.shape if given.kind == "array" else None
    if rows and rows[0] <= MAX_ITEMS and ("key" in kwargs or len(rows) == 1):
        # the keys (or the numbers of a 1-D array) are compared
        return sequence(
            "list", tuple(array(rows[1:], dtype=dtype_of(given)) for _ in range(rows[0]))
        )
    return w.cannot(node)


def _keys(
    w: Walker, node: ast.Call, items: tuple[Operand, ...], key: Operand | None
) -> list[Any] | None:
    """The values the file's function ``key`` gives for each of ``items`` (each call
    followed, as running calls it once per item), when each is a number or a text whose
    value is known (``key=len``: each item's length, when known); else None."""
    if key is not None and key.kind == "function" and key.name == "builtins.len":
        lengths = [
            i.shape[0]
            if i.kind == "array" and i.shape
            else length(i)
            if i.kind in ("list", "tuple", "str")
            else None
            for i in items
        ]
        return None if any(n is None for n in lengths) else lengths
    if key is None or key.kind not in ("userfunc", "partial") or w.dry or len(items) > 64:
        return None
    values = []
    for item in items:
        got = w.call_operand(node, key, [item])
        parts = items_of(got) if got.kind == "tuple" else (got,)  # key=lambda t: (t.n, t.name)
        if parts is None or any(p.kind not in ("number", "str") or p.value is None for p in parts):
            return None
        values.append(tuple(p.value for p in parts) if got.kind == "tuple" else got.value)
    return values


def _keyed_extreme(
    w: Walker, node: ast.Call, name: str, given: Operand, key: Operand
) -> Operand | None:
    """``min(layers, key=lambda t: t[0].shape[1])``: the first item whose key is the
    smallest (largest), when the items and their keys are known; else None."""
    items = items_of(given) if given.kind in ("list", "tuple", "iter") else None
    if items == () and key.kind in ("userfunc", "partial"):
        raise w.refuse(
            node,
            "call",
            f"{name}() of {w.source(node.args[0])}, which has no items (Python raises a "
            f"ValueError: {name}() iterable argument is empty)",
            raises="ValueError",
        )
    keys = _keys(w, node, items, key) if items else None
    if items is None or keys is None:
        return None
    try:
        pick = (min if name == "min" else max)(range(len(items)), key=keys.__getitem__)
    except TypeError:  # keys Python cannot compare: not said here
        return None
    return items[pick]


def _next(w: Walker, node: ast.Call, args: Args) -> Operand:
    """``next(it)`` of an iterator whose items are known (a generator, zip, map …): its
    first item, and every name holding it now holds the rest; ``next(it, default)`` of an
    empty one is the default."""
    it = args[0]
    if it.kind != "iter" or it.name not in ONE_SHOT or it.items is None:
        return w.cannot(node)
    if not it.items and len(args) == 2:
        return args[1]
    if not it.items and it.memo.get("deferred"):
        # a generator whose body fails as it is read: the next item is that failure, which
        # is reported in its body (not a StopIteration)
        return w.cannot(node, "the next item of a generator whose body fails there")
    if not it.items:  # every item read already: Python's StopIteration
        raise w.refuse(
            node,
            "call",
            f"{w.source(node.args[0])} has no item left: every one was read before (Python "
            "raises a StopIteration); next(it, None) gives None instead",
            raises="StopIteration",
        )
    replace_held = getattr(w.host, "replace_held", None)
    if replace_held is not None and not w.dry:
        kept = {k: it.memo[k] for k in (READS, "deferred") if k in it.memo}
        replace_held(it, Operand("iter", items=it.items[1:], name=it.name, memo=kept))
    return it.items[0]


#: Python's functions that call what they are given (its first argument, or key=)
_CALLING = frozenset({"map", "filter", "iter", "sorted", "min", "max"})


def _callable_object(operand: Operand) -> bool:
    """Whether ``operand`` is an instance of a class of the file's with a ``__call__``."""
    klass = getattr(operand.value, "cls", None) if operand.kind == "instance" else None
    return klass is not None and klass.lookup("__call__") is not None


#: Python's iterators that read the lists they are given only as they are read
_LAZY_READERS = frozenset({"iter", "zip", "enumerate", "map", "reversed", "filter"})


def _builtin_value(
    w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs
) -> Operand:  # fmt: skip
    if name == "zip" and not kwargs:
        args = _cycles_turned(node, args)
    if name in ("map", "filter") and args and args[0].kind == "unknown":
        w.handed_to_unfollowed(node, args[0], list(args[1:]))  # map(np.ndarray.resize, …)
    called = [*args[:1], kwargs.get("key")] if name in _CALLING else []
    objects = [c for c in called if c is not None and _callable_object(c)]
    if objects and not w.dry:  # map(counter, xs): its __call__ runs, unseen
        w.handed_to_unfollowed(node, objects[0], objects)
    stop = w.merge_unknown(node, *args)
    if name == "str" and len(args) == 1 and not kwargs and args[0].kind == "other":
        text = path_text(args[0])  # str(Path("data") / "w.npy")
        if text is not None and where_run(w, text):
            return run_text(w, args[0], f"`{w.short(node)}`, a path that only running tells")
        if text is not None:
            return Operand("str", value=text)
    if name == "print":
        for given in args:  # print(layer) makes its text: Layer.__str__ runs
            w.text_of(given)
        out = kwargs.get("file")
        hooks_run = getattr(w.host, "hooks_run", None)
        if (
            (out is None or out.kind != "instance")
            and hooks_run is not None
            and not w.dry
            and w.matches(SETS_AN_ATTRIBUTE)
        ):
            hooks_run("sys", f"`{w.short(node)}` at {w.where(node)}, which writes to sys.stdout")
        special = getattr(w.host, "special", None)
        if out is not None and out.kind == "instance" and special is not None and not w.dry:
            # print(x, file=log): log.write() of each item, each separator and the end
            for _ in range(max(2 * len(args), 1)):
                if special(out, "write", [Operand("str")]) is None:
                    w.handed_to_unfollowed(node, out, [out])
                    break
        return from_python(None)
    if name == "len" and len(args) == 1 and args[0].kind == "instance":
        special = getattr(w.host, "special", None)
        found = special(args[0], "__len__", []) if special is not None else None
        if found is not None:
            return found
    if (
        name in ("id", "hash", "ord", "repr", "chr", "bin", "hex", "oct", "ascii")
        and len(args) == 1
    ):
        what = unhashable(args[0]) if name == "hash" else None
        if what is not None:
            raise w.refuse(
                node,
                "call",
                f"{w.source(node.args[0])} is {describe(args[0])}, which Python cannot hash "
                f"(a TypeError: unhashable type: '{what}'); tuple(...) of numbers can be",
                raises="TypeError",
            )
        if name in ("id", "hash") or (stop is None and name != "ord"):
            return number() if name in ("id", "hash", "ord") else Operand("str")
    if name == "len" and len(args) == 1 and args[0].kind in ("function", "userfunc", "class"):
        meant = w.meant(node.args[0], args[0])
        kind = {"function": "builtin_function_or_method", "userfunc": "function"}
        raise w.refuse(
            node,
            "len",
            f"{w.source(node.args[0])} is {describe(args[0])}, which has no length (Python "
            f"raises a TypeError: object of type '{kind.get(args[0].kind, 'type')}' has no "
            "len())" + (f"; did you mean `{meant}`?" if meant else ""),
            w.renaming(node.args[0], meant),
            raises="TypeError",
        )
    if stop is not None:
        return stop
    if name == "open":
        return open_file(w, node, args, kwargs)
    if name == "len" and len(args) == 1:
        n = length(args[0])
        if (
            n is None
            and args[0].kind == "array"
            and args[0].shape == ()
            and args[0].dtype in ("b", "i", "f")  # (an item of text, np.str_, has a length)
        ):
            raise w.refuse(node, "len", "len() of a 0-D array (a single number) is not defined")
        if args[0].kind == "iter" and args[0].name in ONE_SHOT:  # len(map(f, rows))
            raise w.refuse(
                node,
                "len",
                f"{w.source(node.args[0])} is {describe(args[0])}, an iterator, which has no "
                "length (Python raises a TypeError: object has no len())",
                raises="TypeError",
            )
        if args[0].kind in ("number", "none"):
            what = "None" if args[0].kind == "none" else "a Python number"
            raise w.refuse(
                node,
                "len",
                f"{w.source(node.args[0])} is {what}, which has no length (Python raises a "
                "TypeError)",
                raises="TypeError",
            )
        return number(n) if n is not None else w.cannot(node)
    if name == "range":
        for arg, written in zip(args, node.args, strict=False):
            wrong = _not_an_integer(arg)
            if wrong is not None:
                raise w.refuse(
                    node,
                    "call",
                    f"range() takes whole numbers, and {w.source(written)} is {wrong} (Python "
                    f"raises a TypeError: object cannot be interpreted as an integer)"
                    + ("; // divides into a whole number" if "float" in wrong else ""),
                    raises="TypeError",
                )
        values = [_whole_number(a) for a in args]  # (range(np.int32(3)) too)
        if len(args) == 3 and type(values[2]) in (int, bool) and values[2] == 0:
            raise w.refuse(
                node,
                "call",
                f"the step {w.source(node.args[2])} of range() is 0, and a range cannot step "
                "by nothing (Python raises a ValueError: range() arg 3 must not be zero)",
                raises="ValueError",
            )
        if args and all(type(v) is int for v in values) and len(args) <= 3:
            try:
                span = range(*values)
                # each item a number with its value, up to a budget per program: ranges made
                # in a loop or a comprehension a million times over are kept by their length
                made = getattr(w.host, "range_items", 0)
                if len(span) <= 10_000 and made + len(span) <= MAX_RANGE_ITEMS:
                    if hasattr(w.host, "range_items"):
                        w.host.range_items = made + len(span)
                    return Operand("iter", items=tuple(number(i) for i in span), name="range")
            except (ValueError, OverflowError):
                return w.cannot(node)
            return Operand("iter", value=span, name="range")  # only its length is kept
        return w.cannot(node, "a range whose length is not known without running the file")
    if name in ("list", "tuple") and len(args) <= 1:
        if not args:
            return sequence(name, ())
        items = items_of(args[0])
        return sequence(name, items) if items is not None else w.cannot(node)
    if name == "zip" and args:
        for index, given in enumerate(args):
            if given.kind in ("number", "none") or (given.kind == "array" and given.shape == ()):
                raise w.refuse(
                    node,
                    "call",
                    f"zip() is given {describe(given)} as its argument #{index + 1}, which has "
                    f"no items to pair (Python raises a TypeError: zip argument #{index + 1} "
                    "must support iteration)",
                    raises="TypeError",
                )
        columns = [items_of(a) for a in args]
        if any(c is None for c in columns):
            return w.cannot(node)
        shared = [a for a in args if a.kind == "iter" and a.name in ONE_SHOT]
        if len({id(a) for a in shared}) < len(shared):
            # zip(it, it): one iterator read in turn by each place (pairs of its items)
            return w.cannot(node, "a zip of one iterator with itself, not followed")
        strict = kwargs.get("strict")
        lengths = [len(c) for c in columns if c is not None]
        memo = {}
        if strict is not None and strict.value is True and len(set(lengths)) > 1:
            # Python raises only past the shortest's items: a loop runs them first, and one
            # that leaves early, or a next(), never meets the error
            memo[STRICT] = (
                f"zip(..., strict=True) is given lengths {', '.join(map(str, lengths))}, which "
                "differ (Python raises a ValueError when it reaches the end of the shortest)"
            )
        rows = zip(*[c for c in columns if c is not None], strict=False)
        _lend(w, node, args)
        made = tuple(sequence("tuple", tuple(r)) for r in rows)
        return Operand("iter", items=made, name="zip", memo=memo)
    if name == "reversed" and len(args) == 1 and not kwargs:
        if args[0].kind in ("iter", "dict") and args[0].name not in ("range", ""):
            return w.cannot(node)  # reversed() of a zip or a generator: Python's TypeError
        items = items_of(args[0])
        if items is None:
            return w.cannot(node)
        return Operand("iter", items=tuple(reversed(items)), name="reversed")
    if name == "format" and len(args) == 2 and not kwargs and args[1].kind == "str":
        spec = args[1].value
        refused = spec_refused(args[0], spec) if isinstance(spec, str) else None
        if refused is not None:
            message, raises = refused
            raise w.refuse(
                node,
                "call",
                f"{w.source(node.args[0])} is {describe(args[0])}, and format(..., {spec!r}) "
                f"{message}",
                raises=raises,
            )
        return Operand("str")
    if name == "enumerate" and len(args) in (1, 2) and kwargs.keys() <= {"start"}:
        items = items_of(args[0])
        first = args[1] if len(args) == 2 else kwargs.get("start", number(0))
        if items is None or first.kind != "number" or type(first.value) is not int:
            return w.cannot(node)
        _lend(w, node, args[:1])
        return Operand(
            "iter",
            items=tuple(
                sequence("tuple", (number(i), v)) for i, v in enumerate(items, first.value)
            ),
            name="enumerate",
            # enumerate(zip(a, b, strict=True)) raises where the zip does
            memo={STRICT: args[0].memo[STRICT]} if STRICT in args[0].memo else {},
        )
    if (
        name == "filter"
        and len(args) == 2
        and args[0].kind in ("userfunc", "partial")
        and (args[0].kind == "partial" or _may_change(args[0].value.fdef))
    ):  # filter(pad, rows): the file's function is called with each item, which it may
        # change (not followed call by call): the items are handed over to it (not to
        # `lambda r: len(r) == 2`, which changes nothing)
        w.handed_to_unfollowed(node, args[0], [args[1]])
    if name == "filter" and len(args) == 2 and not kwargs and args[0].kind == "none":
        items = items_of(args[1]) if args[1].kind in ("list", "tuple") else None
        truths = [w.truth(i) for i in items] if items is not None else None
        if items is not None and truths is not None and all(t is not None for t in truths):
            # filter(None, rows): the items that are true, known one by one (read once)
            kept = tuple(i for i, t in zip(items, truths, strict=True) if t)
            return Operand("iter", items=kept, name="iter")
    if name == "map" and len(args) >= 2 and args[0].kind == "userfunc" and not w.dry:
        columns = [items_of(a) for a in args[1:]]  # map(f, a, b) calls f(a[i], b[i])
        if any(c is None or len(c) > 10_000 for c in columns):
            return w.cannot(node)
        later = getattr(w.host, "changed_after", None)
        if w.read_now is node:  # list(map(f, rows)): read there and then
            w.read_now = None
        elif later is not None:
            from shapekit.engine._expressions import free_names

            changed = later(free_names(args[0].value.fdef), w.cell, node.end_lineno or node.lineno)
            if changed is not None:  # n = 5 after m = map(lambda _: np.zeros(n), …)
                return w.cannot(
                    node,
                    f"a map kept to be read later, whose function reads `{changed}`, which the "
                    "file changes after it is made (Python calls it only as the map is read)",
                )
        calls = zip(*[c for c in columns if c is not None], strict=False)
        why = (  # Python calls f only as the map is read (if ever)
            f"a list changed by the calls of `{w.short(node)}` at {w.where(node)}, made only "
            "as the map is read"
        )
        with lazily(w.host, why):
            results = tuple(w.host.call(args[0], list(row), {}, node) for row in calls)
        return Operand("iter", items=results, name="map")
    if name == "map" and len(args) >= 2 and args[0].kind == "function" and not kwargs:
        return _map_builtin(w, node, args)
    if name == "next" and len(args) in (1, 2) and not kwargs:
        return _next(w, node, args)
    if name == "iter" and len(args) == 1 and not kwargs and args[0].kind != "instance":
        items = items_of(args[0])  # iter(rows): read once, by next() or a loop
        if args[0].kind == "iter" and args[0].name in ONE_SHOT:
            return args[0]  # iter() of an iterator is that iterator
        if items is None:
            return w.cannot(node)
        return Operand("iter", items=tuple(items), name="iter")  # iter(range(5)) too
    if name in _REDUCED_BY_KEYWORD and kwargs.keys() - _REDUCED_BY_KEYWORD[name]:
        # sum(x, axis=1), max(out, axis=0): Python's own, which takes no NumPy keyword
        wrong = sorted(kwargs.keys() - _REDUCED_BY_KEYWORD[name])[0]
        raise w.refuse(
            node,
            "call",
            f"Python's built-in {name}() takes no {wrong}= ('{wrong}' is an invalid keyword "
            f"argument for {name}(): Python raises a TypeError); np.{name}(..., {wrong}=...) "
            "is NumPy's",
            raises="TypeError",
        )
    if name == "sum" and len(args) == 1 and not kwargs:
        return _builtin_sum(w, node, args[0])
    if name == "sum" and len(args) + len(kwargs) == 2 and len(args) >= 1 and stop is None:
        begun = args[1] if len(args) == 2 else kwargs["start"]
        if begun.kind == "str":  # sum(words, ""): Python sums no text
            raise w.refuse(
                node,
                "call",
                "sum() adds numbers and refuses to start from text (Python raises a TypeError: "
                "sum() can't sum strings [use ''.join(seq) instead]); ''.join(...) joins texts",
                raises="TypeError",
            )
        if begun.kind in ("list", "tuple"):
            return _joined_sum(w, node, args[0], begun)
        if begun.kind == "number":
            return _builtin_sum(w, node, args[0], begun)
    if (
        name in ("any", "all", "sorted")
        and len(args) == 1
        and args[0].kind == "array"
        and "key" not in kwargs  # sorted(rows, key=…) compares the keys, not the rows
    ):
        _truth_of_rows(w, node, name, args[0])
    if name in ("any", "all", "sorted") and len(args) == 1 and not kwargs:
        _truth_of_arrays(w, node, name, args[0])
    if name == "sorted" and len(args) == 1 and kwargs.keys() <= {"key", "reverse"}:
        return _sorted_call(w, node, args[0], kwargs)
    if name in ("any", "all") and len(args) == 1 and not kwargs:
        items = items_of(args[0]) if args[0].kind in ("list", "tuple", "iter") else None
        truths = [known_truth(i) for i in items] if items is not None else [None]
        _lend(w, node, args[:1])
        stops_early = (name == "any") in truths[:-1]  # Python stops at the first that decides
        if (None in truths or stops_early) and isinstance(node.args[0], ast.GeneratorExp):
            _stopped_early(w, node, name)
        if None not in truths and not (stops_early and args[0].kind == "iter"):
            # any(d == 5 for d in x.shape): each truth is known, and a generator (whose
            # later items would not run in Python) was read no further than Python reads it
            return number(any(truths) if name == "any" else all(truths))
        return number()  # True or False
    if name in ("max", "min") and len(args) == 1 and "default" not in kwargs:
        given = args[0]
        items = items_of(given) if given.kind in ("list", "tuple", "iter") else None
        if items == () or (given.kind == "str" and given.value == ""):
            raise w.refuse(  # max([]): nothing to take the largest of
                node,
                "call",
                f"{name}() of {w.source(node.args[0])}, which has no items (Python raises a "
                f"ValueError: {name}() arg is an empty sequence); {name}(…, default=…) gives "
                "a value then",
                raises="ValueError",
            )
    if name in ("max", "min") and not kwargs:
        _compares_arrays(w, node, name, args)
    if name in ("max", "min") and len(args) == 1 and kwargs.keys() == {"key"}:
        picked = _keyed_extreme(w, node, name, args[0], kwargs["key"])
        if picked is not None:
            return picked
    if name in ("max", "min") and len(args) >= 2 and kwargs.keys() == {"key"}:
        # max(a, b, key=len): the first of its arguments whose key is the largest, itself
        picked = _keyed_extreme(w, node, name, sequence("tuple", tuple(args)), kwargs["key"])
        if picked is not None:
            return picked
    if (
        name in ("max", "min")
        and len(args) == 1
        and args[0].kind == "array"
        and args[0].shape
        and kwargs.keys() <= {"key"}
        and (not kwargs or kwargs["key"].kind in ("userfunc", "partial", "function"))
    ):  # max(x): the largest of its rows (of numbers for a 1-D array), as Python compares
        dims: Shape = args[0].shape
        if dims[0] == 0:
            raise w.refuse(
                node,
                "call",
                f"{name}() of {w.source(node.args[0])}, which has no rows (Python raises a "
                f"ValueError: {name}() iterable argument is empty)",
                raises="ValueError",
            )
        if len(dims) == 1 or dims[0] == 1 or "key" in kwargs:  # else compared rows (above)
            return array(dims[1:], dtype=dtype_of(args[0]))
    if name in ("max", "min") and len(args) == 1 and not kwargs and args[0].kind != "array":
        items = items_of(args[0])
        if items and all(_scalar(item) for item in items):
            return number()  # the largest (smallest) of numbers: a number
    if name in ("max", "min") and len(args) >= 2 and all(_scalar(a) for a in args):
        if any(a.kind == "array" for a in args):
            return number()  # one of them, a number either way (its shape is ())
        values = [a.value for a in args]
        if kwargs or not all(isinstance(v, (int, float)) for v in values):
            return number()
        return number(max(values) if name == "max" else min(values))
    if name == "bool" and len(args) == 1 and not kwargs and args[0].kind == "array":
        truthless = w.truth_refused(node.args[0], args[0], "bool()", node)  # bool(weights)
        if truthless is not None:
            raise truthless
    if name in ("float", "int", "complex") and len(args) == 1 and args[0].kind == "array":
        found = args[0].shape
        if found is not None and _converts(found):
            # a NumPy number (or an array of one) becomes a Python number (a float of float())
            value = array_value(args[0]) if found == () else None
            if name == "int" and value is not None and value.dtype.kind == "f":
                _whole_refused(w, node, float(value))
            if value is not None and value.dtype.kind in "bif" and np_finite(value):
                return number(
                    int(value)
                    if name == "int"
                    else complex(value)
                    if name == "complex"
                    else float(value)
                )
            return replace(number(), dtype="f") if name == "float" else number()
        if found is not None:
            raise w.refuse(
                node,
                "call",
                f"{name}() takes one number, and {w.source(node.args[0])} is "
                f"{describe(args[0])} (Python raises a TypeError: {_scalars_refused()}); "
                + (
                    f"{w.source(node.args[0])}.item() is its number"
                    if size(found) == 1
                    else f".astype({name}) converts every element"
                ),
                raises="TypeError",
            )
    if (
        name in ("float", "int", "complex", "round", "abs")
        and 1 <= len(args) <= (2 if name == "round" else 1)
        and not kwargs
        and args[0].kind in ("list", "tuple")
    ):  # float(row), abs(weights): Python's numbers only
        module = w.host.numpy
        lo, hi = w.span(node.func)
        fixed = name in ("round", "abs") and module is not None
        raise w.refuse(
            node,
            "call",
            f"{w.source(node.args[0])} is {describe(args[0])}, not a number (Python raises a "
            f"TypeError: {_python_refuses(name, args[0].kind)})"
            + (
                f"; {module}.{name} works element by element"
                if fixed
                else f"; np.array({w.source(node.args[0])}, dtype={name}) converts every element"
                if name != "complex"
                else ""
            ),
            w.replacing(lo, hi, f"{module}.{name}", "element by element") if fixed else None,
            raises="TypeError",
        )
    if (
        name == "round"
        and 1 <= len(args) <= 2
        and kwargs.keys() <= {"ndigits"}
        and args[0].kind == "array"
        and args[0].shape is not None
        and (args[0].shape != () or zero_d(args[0]))
    ):  # round(outputs, 2): an array has no __round__ (a NumPy number has)
        module = w.host.numpy
        lo, hi = w.span(node.func)
        raise w.refuse(
            node,
            "call",
            f"Python's round() takes one number, and {w.source(node.args[0])} is "
            f"{describe(args[0])} (Python raises a TypeError: type numpy.ndarray doesn't define "
            f"__round__ method); {module or 'np'}.round rounds every element",
            w.replacing(lo, hi, f"{module}.round", "element by element") if module else None,
            raises="TypeError",
        )
    if (
        name == "round"
        and len(args) + len(kwargs) == 2
        and len(args) >= 1
        and (args[0].kind == "number" or (args[0].kind == "array" and args[0].shape == ()))
    ):  # round(loss, "2"), round(x, 2.0): the digits are a whole number
        digits = args[1] if len(args) == 2 else kwargs.get("ndigits")
        wrong = _not_whole(digits) if digits is not None else None
        if wrong is not None and digits is not None:
            shown_at: ast.AST = next(
                (k.value for k in node.keywords if k.arg == "ndigits"),
                node.args[1] if len(node.args) == 2 else node,
            )
            raise w.refuse(
                node,
                "call",
                f"round() rounds to a whole number of digits, and {w.source(shown_at)}"
                f" is {describe(digits)} (Python raises a TypeError: '{wrong}' object cannot be "
                "interpreted as an integer)",
                raises="TypeError",
            )
    if name == "pow" and len(args) == 2 and not kwargs and stop is None:
        # pow(x, 2) is x ** 2, with the same rules for numbers, lists and arrays
        lo, hi = _inside(w, node)
        return w.binary(node, "pow", (node.args[0], node.args[1]), (args[0], args[1]), lo, hi)
    if name == "slice" and 1 <= len(args) <= 3 and not kwargs and stop is None:
        # part = slice(0, 100), then X[part]: the slice 0:100 (slice(5) is :5)
        bounds: list[tuple[ast.expr, Operand] | None] = list(zip(node.args, args, strict=True))
        return slice_operand([None, *bounds, None] if len(bounds) == 1 else [*bounds, None][:3])
    if name == "divmod" and len(args) == 2 and not kwargs and stop is None:
        lo, hi = _inside(w, node)  # divmod(x, 2) is (x // 2, x % 2)
        pair = (node.args[0], node.args[1])
        quotient = w.binary(node, "floordiv", pair, (args[0], args[1]), lo, hi)
        remainder = w.binary(node, "mod", pair, (args[0], args[1]), lo, hi)
        return sequence("tuple", (quotient, remainder))
    if name == "int" and (len(args) == 2 or kwargs):  # int("11", base=2)
        base = args[1] if len(args) == 2 else kwargs.get("base")
        text = args[0].value if len(args) >= 1 and args[0].kind == "str" else None
        if (
            not isinstance(text, str)
            or base is None
            or type(base.value) is not int
            or kwargs.keys() - {"base"}
        ):
            return w.cannot(node)
        try:
            return number(int(text, base.value))
        except ValueError as exc:
            raise w.refuse(
                node, "call", f"{exc} (Python raises a ValueError)", raises="ValueError"
            ) from None
    if name in ("float", "int", "round", "abs") and len(args) >= 1:
        if args[0].kind == "number":
            value = args[0].value
            if name == "float" and type(value) is int and abs(value) > FLOAT_MAX_INT:
                raise w.refuse(  # float(10**400)
                    node,
                    "call",
                    f"{w.source(node.args[0]) if node.args else 'the number'} is past the "
                    "largest float, about 1.8e308 (Python raises an OverflowError: int too large "
                    "to convert to float)",
                    raises="OverflowError",
                )
            if name in ("float", "int") and isinstance(value, (int, float)) and finite(value):
                return number(float(value) if name == "float" else int(value))
            if name == "abs" and type(value) in (int, float):
                return number(abs(value))  # (abs(True) is 1: not kept)
            digits = args[1] if len(args) == 2 else kwargs.get("ndigits")
            if (
                name == "round"
                and type(value) in (int, float)
                and finite(value)
                and (digits is None or digits.kind == "none" or type(digits.value) is int)
                and not (len(args) == 2 and "ndigits" in kwargs)
            ):  # round(n_inputs * 1.5): Python's own rounding (half to even), an int
                places = None if digits is None or digits.kind == "none" else digits.value
                return number(round(value) if places is None else round(value, places))
            return replace(number(), dtype="f") if name == "float" else number()
        if name == "abs" and args[0].kind == "array":
            known = array_value(args[0]) if values_current(args[0]) else None
            if known is not None and known.dtype.kind in "if":
                import numpy as np

                with np.errstate(all="ignore"):  # (abs of the smallest int64 wraps, as NumPy's)
                    value = np.abs(known)
                return array(args[0].shape or (), value, args[0].dtype)
            return array(args[0].shape or (), dtype=args[0].dtype)
        text = args[0].value if args[0].kind == "str" else None
        if name in ("float", "int") and len(args) == 1 and isinstance(text, str):
            try:  # Python's own reading of the text written in the file ("1.5", " 3 ")
                return number(float(text) if name == "float" else int(text))
            except ValueError as exc:
                raise w.refuse(
                    node, "call", f"{exc} (Python raises a ValueError)", raises="ValueError"
                ) from None
    if name == "str" and len(args) == 1 and not kwargs:  # str(l): the text of a number
        shown = known_text_value(args[0])
        if shown is not None:
            return Operand("str", value=shown)
        if args[0].kind in ("number", "str", "none"):
            return Operand("str")
    return w.cannot(node)


def np_finite(value: Any) -> bool:
    """Whether the NumPy number ``value`` is finite (``int()`` of it is a number)."""
    import numpy as np

    return bool(np.isfinite(value))


def _converts(shape: Shape) -> bool:
    """Whether ``float()``, ``int()`` or ``math.exp()`` take an array of ``shape`` for one
    number: 0-d, or (in the NumPy installed) of one element."""
    return shape == () or (size(shape) == 1 and _one_converts())


@functools.cache
def _one_converts() -> bool:
    """Whether the NumPy installed converts an array of one element that is not 0-d to a
    Python number (``int(np.ones(1))``: NumPy 1.x did; NumPy 2.4 raises a TypeError)."""
    import warnings

    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            int(np.ones(1))
        except TypeError:
            return False
    return True


@functools.cache
def _python_refuses(name: str, kind: str) -> str:
    """Python's own words when the built-in ``name`` is given a list or a tuple (they
    differ between Python's versions): asked of it, with an empty one."""
    import builtins

    try:
        getattr(builtins, name)(list() if kind == "list" else tuple())
    except TypeError as exc:
        return str(exc)
    return f"{name}() cannot take a {kind}"  # pragma: no cover


@functools.cache
def _scalars_refused() -> str:
    """NumPy's own words when an array of several numbers is taken for one (``float(x)``):
    they changed in NumPy 2.4 ("only 0-dimensional arrays …", "only length-1 arrays …")."""
    import numpy as np

    try:
        float(np.ones(2))
    except TypeError as exc:
        return str(exc)
    return "only length-1 arrays can be converted to Python scalars"  # pragma: no cover


def _scalar(op: Operand) -> bool:
    """A Python number or a NumPy number (an array of no dimensions)."""
    return op.kind == "number" or (op.kind == "array" and op.shape == ())


#: names NumPy removed (1.24, 2.0), and what to write instead
_REMOVED = {
    "int": "int or np.int64", "float": "float or np.float64", "bool": "bool or np.bool_",
    "object": "object", "str": "str", "complex": "complex or np.complex128",
    "float_": "np.float64", "complex_": "np.complex128", "NaN": "np.nan", "NAN": "np.nan",
    "Inf": "np.inf", "Infinity": "np.inf", "infty": "np.inf", "PINF": "np.inf",
    "NINF": "-np.inf", "mat": "np.asmatrix", "alltrue": "np.all", "sometrue": "np.any",
    "product": "np.prod", "cumproduct": "np.cumprod", "in1d": "np.isin",
    "trapz": "np.trapezoid", "round_": "np.round", "asfarray": "np.asarray(x, dtype=float)",
}  # fmt: skip


def _numpy_has(module: str, attr: str) -> bool:
    """Whether the installed NumPy's ``module`` (``numpy``, ``numpy.random`` …) has ``attr``
    (what running the file finds); True when that cannot be told."""
    import importlib

    try:
        found = importlib.import_module(module)
    except ImportError:
        return True
    try:
        return hasattr(found, attr)
    except Exception:  # a module's own __getattr__ failing: not a verdict on the file
        return True


#: the most numbers the ranges of one program are given as items (the rest keep a length)
MAX_RANGE_ITEMS = 500_000
#: the type codes of array.array that hold whole numbers
_ARRAY_INTEGER_CODES = frozenset("bBhHiIlLqQ")
#: the functions of Python's own modules that are followed (besides math and json), and
#: those modules
#: Python's random module's draws of one number, by how many arguments each takes (least,
#: most); random.seed gives None
PY_RANDOM = {"random": (0, 0), "uniform": (2, 2), "gauss": (0, 2), "normalvariate": (0, 2),
             "randint": (2, 2), "randrange": (1, 3), "triangular": (0, 3),
             "betavariate": (2, 2), "expovariate": (0, 1), "seed": (0, 2)}  # fmt: skip


@functools.lru_cache(maxsize=256)
def _setting(attr: str) -> re.Pattern[str]:
    """What sets the attribute ``attr`` on a module, or any attribute (see _set_elsewhere)."""
    return re.compile(rf"\.\s*{re.escape(attr)}\s*=(?!=)|setattr(?:__)?\s*\(|__dict__|\bvars\s*\(")


def _set_elsewhere(w: Walker, attr: str) -> bool:
    """Whether the program may set the attribute ``attr`` on a module (``math.three = 3``,
    ``setattr``, ``__setattr__``, ``vars(m)``, ``__dict__``), in the file or a module of
    its own (see the interpreter's ``sets_attribute``)."""
    if w.matches(_setting(attr)):  # (each text searched once per attribute)
        return True
    sets = getattr(w.host, "sets_attribute", None)
    return bool(sets(attr)) if sets is not None else False


def _stdlib_lacks(module: str, attr: str) -> str | None:
    """Why ``module.attr`` is Python's AttributeError, for a module of Python's own that
    has no such attribute (with the one it likely means); None when it has it."""
    import importlib

    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    if hasattr(found, attr) or attr.startswith("__"):
        return None
    close = closest(attr, [n for n in dir(found) if not n.startswith("_")])
    return (
        f"Python's module {module} has no {attr} (Python raises an AttributeError: module "
        f"'{module}' has no attribute '{attr}')"
        + (f"; did you mean {module}.{close}?" if close else "")
    )


def stdlib_import_lacks(module: str, name: str) -> str | None:
    """Why ``from module import name`` is Python's ImportError, for a module of Python's own
    shapekit may import to look (:data:`_PLAIN_STDLIB`, the ones it follows and ``math``)
    that neither has ``name`` nor a submodule of that name (``from itertools import
    batched`` before Python 3.12); None when the import works or the module is another."""
    import importlib
    import importlib.util

    if module not in _PLAIN_STDLIB and module not in STDLIB_MODULES and module != "math":
        return None
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    if name == "*" or name.startswith("__") or hasattr(found, name):
        return None
    if hasattr(found, "__path__"):  # a package: from collections import abc
        try:
            if importlib.util.find_spec(f"{module}.{name}") is not None:
                return None
        except (ImportError, ValueError):
            pass
    close = closest(name, [n for n in dir(found) if not n.startswith("_")])
    version = ".".join(map(str, sys.version_info[:2]))
    return (
        f"cannot import name '{name}' from '{module}': Python {version}'s module {module} has "
        f"no {name} (Python raises an ImportError)" + (f"; did you mean {close}?" if close else "")
    )


#: modules of Python's own that shapekit does not follow but may import to see what they
#: hold (importing them runs nothing of the file's, prints nothing, opens nothing)
_PLAIN_STDLIB = frozenset(
    {"os", "os.path", "sys", "time", "logging", "re", "string", "collections", "typing",
     "dataclasses",
     "pathlib", "csv", "pickle", "datetime", "textwrap", "enum", "abc", "timeit", "warnings",
     "contextlib", "shutil", "glob", "io", "struct", "heapq", "bisect", "decimal", "fractions",
     "pprint", "traceback", "inspect", "types", "uuid", "hashlib", "base64", "gzip", "zipfile"}
)  # fmt: skip
#: kinds of operand that are certainly no list (``list.append((), 1)`` refuses them)
_NOT_LISTS = frozenset({"tuple", "str", "number", "array", "dict", "none"})
#: the functions of the module random that pick items of a population (or shuffle a list)
PY_RANDOM_PICKS = frozenset({"random.sample", "random.choices", "random.choice", "random.shuffle"})


def _picked(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``random.sample(population, k)``, ``random.choices(population, k=n)``,
    ``random.choice(seq)`` and ``random.shuffle(x)``: as many items as asked, each one of
    the population's (known when they are alike: numbers, or arrays of one shape), with
    Python's ValueError or IndexError when the population cannot give them."""
    population = args[0] if args else kwargs.get("population", kwargs.get("seq", kwargs.get("x")))
    if population is None or any(isinstance(a, ast.Starred) for a in node.args):
        return w.cannot(node)
    each: Operand | None
    if population.kind == "iter" and population.name == "range":
        count, each = length(population), number()
    elif population.kind in ("list", "tuple", "str"):
        count = length(population)
        items = items_of(population) if population.kind != "str" else None
        each = Operand("str") if population.kind == "str" else _alike(items)
        if each is not None:  # random.choice([a, b]) is one of them itself
            _one_of(w, items, (each,))
    else:
        return w.cannot(node)
    if count is None:
        return w.cannot(node)
    shown = w.source(node.args[0]) if node.args else "the population"
    if name == "shuffle":
        if population.kind != "list" or len(args) != 1 or kwargs:
            return w.cannot(node)
        if not w.dry:
            why = f"`{w.short(node)}` at {w.where(node)}, which shuffles it"
            changed = None if each is None else sequence("list", (each,) * count, population.ident)
            w.host.mutate(population, changed, why)
        return from_python(None)
    if name == "choice":
        if len(args) != 1 or kwargs:
            return w.cannot(node)
        if count == 0:
            raise w.refuse(
                node,
                "call",
                f"{shown} is empty (Python raises an IndexError: Cannot choose from an empty "
                "sequence)",
                raises="IndexError",
            )
        return each or w.cannot(node)
    asked = (
        (args[1] if len(args) > 1 else kwargs.get("k"))
        if name == "sample"
        else kwargs.get("k", number(1))
    )
    if asked is None or asked.kind != "number" or type(asked.value) is not int:
        return w.cannot(node)
    if name == "sample" and (len(args) > 2 or kwargs.keys() - {"k", "population"}):
        return w.cannot(node)  # (counts=: each item repeated, not followed)
    if name == "sample" and not 0 <= asked.value <= count:
        raise w.refuse(
            node,
            "call",
            f"random.sample() takes {asked.value} of the {count} items of {shown} (Python raises "
            "a ValueError: Sample larger than population or is negative)",
            raises="ValueError",
        )
    if name == "choices" and (len(args) > 1 or kwargs.keys() - {"k"}):
        return w.cannot(node)  # (weights= and cum_weights= are not followed)
    if name == "choices" and count == 0 and asked.value > 0:
        raise w.refuse(
            node,
            "call",
            f"{shown} is empty (Python raises an IndexError: Cannot choose from an empty sequence)",
            raises="IndexError",
        )
    if asked.value <= 0:
        return sequence("list", ())
    if each is None or asked.value > MAX_ITEMS:
        return w.cannot(node)
    return sequence("list", (each,) * asked.value)


def _alike(items: tuple[Operand, ...] | None) -> Operand | None:
    """What any one of ``items`` is, when they are alike: a number, or an array of one shape
    and kind (their values not known); None otherwise."""
    if not items:
        return None
    first = items[0]
    if all(i is first for i in items):  # random.choice([a]) is a itself
        return first
    if all(i.kind == "number" for i in items):
        return number()
    shapes = {(i.shape, i.dtype) for i in items if i.kind == "array"}
    if first.kind == "array" and len(shapes) == 1 and all(i.kind == "array" for i in items):
        return array(first.shape or (), dtype=first.dtype)
    return None


#: the functions of the module operator that are binary operators (operator.matmul(a, b)
#: is a @ b), by the operation each is
OPERATOR_FUNCTIONS = {
    "operator.matmul": "matmul", "operator.add": "add", "operator.sub": "sub",
    "operator.mul": "mul", "operator.truediv": "div", "operator.floordiv": "floordiv",
    "operator.mod": "mod", "operator.pow": "pow",
}  # fmt: skip


#: NumPy's functions replaced by name or through its namespace (``setattr(np, "dot", f)``,
#: ``vars(np)["dot"] = f``, ``sys.modules["numpy"].dot = f``)
_REPLACING_NUMPY = re.compile(
    r"setattr\(\s*(?:np|numpy)\b|vars\(\s*(?:np|numpy)\s*\)|n(?<!\wn)(?:p|umpy)\s*\.\s*__dict__"
    r"|sys\.modules\[\s*['\"]numpy|g(?<!\wg)lobals\(\s*\)\s*\[\s*['\"](?:np|numpy)['\"]|__import__\(\s*['\"]numpy"
    r"|import_module\(\s*['\"]numpy"
)  # (n(?<!\wn)p is \bnp: every branch starts with a letter, so the search skips to the places
#: where one may start; a branch starting with \b made it try all of them at every place)


def _numpy_replaced(w: Walker) -> bool:
    """Whether the submission may replace NumPy's functions in ways not followed (in this
    text, or in a module of its that sets NumPy's attributes)."""
    if getattr(w.host, "libraries_patched", False):
        return True
    return w.matches(_REPLACING_NUMPY)  # (each text searched once: see Tree.matches)


def _argv(w: Walker) -> Operand | None:
    """``sys.argv`` of a ``.py`` file read as it runs without arguments (``python main.py``
    in its folder, as the checks are made): the file's name alone; None in a notebook (the
    kernel's own), or where the file changes it."""
    file = getattr(w.host, "file", None)
    if w.cell is not None or not str(file).endswith(".py") or getattr(w.host, "imported_by", None):
        return None  # (in a module it imports: the argv of whatever runs it)
    texts = [w.text]
    for module in getattr(w.host, "modules", {}).values():  # a module of the file's may too
        texts.extend(t.text for t, _tree in getattr(getattr(module, "host", None), "trees", ()))
    if not all(_argv_only_read(text) for text in texts):
        return None  # sys.argv = [...], sys.argv += …, a = sys.argv; a.append(…)
    return sequence("list", (Operand("str", value=os.path.basename(str(file))),))


def _argv_only_read(text: str) -> bool:
    """Whether ``text`` only reads ``sys.argv``: each ``argv`` in it is indexed or sliced
    (not assigned to) or measured (``len(sys.argv)``), and ``sys`` is not changed through
    ``vars``, ``__dict__`` or ``setattr``."""
    if re.search(r"\bvars\s*\(\s*sys\b|\bsys\s*\.\s*__dict__|setattr(?:__)?\s*\(", text):
        return False
    for found in re.finditer(r"\bargv\b", text):
        after = text[found.end() : found.end() + 200]
        before = text[max(0, found.start() - 12) : found.start()]
        indexed = re.match(r"\s*\[[^\]\n]*\](?!\s*(?:=(?!=)|[-+*/|&^%@]=))", after)
        measured = re.search(r"len\(\s*sys\s*\.\s*$", before) and re.match(r"\s*\)", after)
        if not (indexed or measured):
            return False
    return True


#: itertools' functions that choose r items of one iterable, by the function doing it
CHOOSING = {
    "itertools.combinations": itertools.combinations,
    "itertools.permutations": itertools.permutations,
    "itertools.combinations_with_replacement": itertools.combinations_with_replacement,
}
#: the functions of the module timeit that time a statement (text) or a function
TIMED = frozenset({"timeit.timeit", "timeit.repeat"})
STDLIB_FUNCTIONS = frozenset(
    {"copy.copy", "copy.deepcopy", "itertools.product", "itertools.pairwise", *CHOOSING,
     "itertools.cycle", "itertools.islice", "itertools.accumulate",
     *PATH_CLASSES, "array.array", "csv.reader", "csv.DictReader",
     "functools.partial",
     "functools.reduce", "functools.lru_cache", "functools.cache", PARSER, *OPERATOR_FUNCTIONS,
     "json.dumps", "json.dump", *PY_RANDOM_PICKS, *TIMED, "types.SimpleNamespace"}
    | {f"random.{n}" for n in PY_RANDOM}
    | {f"statistics.{n}" for n in ("mean", "fmean", "median", "stdev", "pstdev", "variance",
                                    "pvariance")}
)  # fmt: skip
STDLIB_MODULES = frozenset(name.split(".")[0] for name in STDLIB_FUNCTIONS)


def _timed(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``timeit.timeit(stmt, setup, …)``: Python's ValueError when the statement or the set-up
    is neither text nor something to call (``timeit.timeit(f(x))`` times f's result, which
    is not run again); the time in seconds (``repeat``: a list of them, not followed)."""
    for place, param in enumerate(("stmt", "setup")):
        given = _param(args, kwargs, place, param)
        if given is not None and given.kind in _NEVER_CALLED:
            raise w.refuse(
                node,
                "call",
                f"{name}() runs text or calls a function, and its {param} is {describe(given)} "
                f"(Python raises a ValueError: {param} is neither a string nor callable); give "
                "it the function, or a lambda: that calls it",
                raises="ValueError",
            )
    if name == "timeit.timeit" and "globals" not in kwargs:
        return replace(number(), dtype="f")
    return w.cannot(node)


#: the kinds of values that are never called (not text, not functions, not objects)
_NEVER_CALLED = frozenset({"array", "number", "list", "tuple", "dict", "none"})


#: Python's built-ins that NumPy has functions of the same name for, and the keywords each
#: takes (``axis=`` is NumPy's)
_REDUCED_BY_KEYWORD = {
    "sum": frozenset({"start"}),
    "max": frozenset({"key", "default"}),
    "min": frozenset({"key", "default"}),
}


def _not_whole(operand: Operand) -> str | None:
    """The Python type of ``operand`` when it is certainly no whole number (what ``round``
    refuses for its digits): text, a float, a list …; None when it may be one."""
    if operand.kind in ("str", "list", "tuple", "dict"):
        return operand.kind
    if operand.kind == "number" and type(operand.value) is float:
        return "float"
    return None


def _json_written(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``json.dumps(results)``: Python's TypeError when what is written holds a NumPy array
    (json writes numbers, text, lists and dicts; ``.tolist()`` makes an array lists); text
    for ``dumps``, None for ``dump``."""
    made = Operand("str") if name == "json.dumps" else from_python(None)
    if not args or any(kwargs.get(k, from_python(None)).kind != "none" for k in ("default", "cls")):
        return made  # (a default= may write arrays)
    found = _array_held(args[0], 0)
    if found is not None:
        scalar = found.shape == () and not zero_d(found)
        raise w.refuse(
            node,
            "call",
            f"{w.source(node.args[0])} holds {describe(found)}, and json writes only Python's "
            "numbers, text, lists and dicts (Python raises a TypeError: Object of type "
            + (
                "int64 (or bool) is not JSON serializable); int() or .item() makes it a "
                "Python number"
                if scalar
                else "ndarray is not JSON serializable); .tolist() makes an array lists of numbers"
            ),
            raises="TypeError",
        )
    if name == "json.dump":  # json.dump(params, f): what the file holds, read back later
        record_saved(w, node, name, list(args), dict(kwargs))
    if name == "json.dumps" and len(args) == 1 and not kwargs:  # its text, when known
        known, value = json_value(args[0])
        if known:
            try:
                text = json.dumps(value)
            except (TypeError, ValueError, RecursionError):
                return made
            return Operand("str", value=text) if len(text) <= MAX_TEXT else made
    return made


def _array_held(value: Operand, depth: int) -> Operand | None:
    """The first NumPy array (of at least one dimension) ``value`` holds, in lists, tuples
    and dicts written out; None when it holds none that is known."""
    if value.kind == "array":  # (np.float64 is a Python float: json writes it)
        return value if value.shape or zero_d(value) or value.dtype in ("i", "b") else None
    if depth > 20:
        return None
    if value.kind in ("list", "tuple"):
        items = items_of(value) if value.items is not None else None
    elif value.kind == "dict" and value.value is not None and not value.value.dynamic:
        items = tuple(value.value.attrs.values())
    else:
        return None
    for item in items or ():
        found = _array_held(item, depth + 1)
        if found is not None:
            return found
    return None


def _product(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``itertools.product(range(3), range(4))``: each combination, in order, as a tuple."""
    repeat = kwargs.get("repeat", number(1))
    if kwargs.keys() - {"repeat"} or repeat.kind != "number" or type(repeat.value) is not int:
        return w.cannot(node)
    pools = [items_of(a) for a in args] * max(repeat.value, 0)
    if any(p is None for p in pools) or math.prod(len(p or ()) for p in pools) > MAX_ITEMS:
        return w.cannot(node)
    combos = itertools.product(*[p for p in pools if p is not None])
    return Operand("iter", items=tuple(sequence("tuple", c) for c in combos), name="product")


#: the key, in an operand's ``memo``, of the items ``itertools.cycle(items)`` goes round
CYCLE = "cycle"


def _cycled(node: ast.Call, index: int, given: Operand) -> tuple[Operand, ...] | None:
    """The items ``itertools.cycle`` goes round, for the argument ``index`` of ``node``
    written as the cycle's own call (no ``next()`` elsewhere has moved it on)."""
    written = node.args[index] if index < len(node.args) else None
    func = written.func if isinstance(written, ast.Call) else None
    named = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if named != "cycle" or CYCLE not in given.memo:  # itertools.cycle(...) written there
        return None
    pool: tuple[Operand, ...] = given.memo[CYCLE]
    return pool


def _cycles_turned(node: ast.Call, args: Args) -> Args:
    """The arguments of ``zip(range(steps), itertools.cycle(batches))`` with each cycle
    written in place as the items it gives in as many turns as the shortest other gives."""
    cycles = {i: c for i, a in enumerate(args) if (c := _cycled(node, i, a)) is not None}
    if not cycles:
        return args
    ends = [
        len(c) for i, a in enumerate(args) if i not in cycles and (c := items_of(a)) is not None
    ]
    if len(ends) + len(cycles) != len(args) or not ends:
        return args
    turned = list(args)
    for i, pool in cycles.items():  # (a cycle of nothing stops at once)
        turns = min(ends) if pool else 0
        turned[i] = sequence("tuple", tuple(pool[k % len(pool)] for k in range(turns)))
    return turned


def _sliced(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``itertools.islice(items, stop)`` and ``islice(items, start, stop[, step])``: those
    items, of a known list or of ``itertools.cycle(items)`` written in its place."""
    if kwargs or not 2 <= len(args) <= 4 or any(isinstance(a, ast.Starred) for a in node.args):
        return w.cannot(node)
    bounds = [None if a.kind == "none" else a.value for a in args[1:]]
    for place, (a, b) in enumerate(zip(args[1:], bounds, strict=True)):
        is_step = place == 2
        wrong = (
            a.kind == "number"
            and b is not None
            and (
                type(b) is float
                or (type(b) in (int, bool) and not (1 if is_step else 0) <= b <= sys.maxsize)
            )
        ) or a.kind in ("str", "list", "tuple")
        if wrong:  # islice(it, 3.5): Python's ValueError, as the iterator is made
            said = (
                "Step for islice() must be a positive integer or None."
                if is_step
                else "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
                if len(bounds) == 1 or place == 1
                else "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            )
            raise w.refuse(
                node,
                "call",
                f"islice() takes whole numbers from 0 up to say where to stop, and "
                f"{w.source(node.args[place + 1]) if len(node.args) > place + 1 else 'one'} is "
                f"{describe(a)} (Python raises a ValueError: {said})",
                raises="ValueError",
            )
    if any(not (b is None or (type(b) is int and 0 <= b <= sys.maxsize)) for b in bounds):
        return w.cannot(node)  # (not known)
    start, stop, step = (0, bounds[0], 1) if len(bounds) == 1 else (*bounds, 1)[:3]
    start, step = start or 0, step or 1
    cycled = _cycled(node, 0, args[0])
    if cycled is not None:
        if not cycled:  # a cycle of nothing stops at once
            return Operand("iter", items=(), name="islice")
        if stop is None:
            return w.cannot(node)  # endless
        picked = range(start, min(stop, start + MAX_ITEMS * step), step)
        if len(picked) > MAX_ITEMS:
            return w.cannot(node)
        items = tuple(cycled[i % len(cycled)] for i in picked)
        return Operand("iter", items=items, name="islice")
    pool = items_of(args[0]) if _left_alone(w, node.args[0], args[0]) else None
    spend = None if w.dry else getattr(w.host, "spend", None)
    if args[0].kind == "iter" and args[0].name in ONE_SHOT and spend is not None:
        # islice(it, 2) reads it as its own items are read: what is left of it is not known
        spend(args[0], f"what is left of an iterator `{w.short(node)}` at {w.where(node)} reads")
    if pool is None or (args[0].kind == "iter" and args[0].name in ONE_SHOT):
        return w.cannot(node)
    return Operand("iter", items=tuple(pool[start:stop:step]), name="islice")


def _left_alone(w: Walker, written: ast.expr, given: Operand) -> bool:
    """Whether the items of ``given`` (read lazily, by an iterator made of it) stay as they
    are now: a tuple or a range, a list written out right there, or a list named by a name
    the file never changes in place (no ``a.append``, ``a[i] = …``, ``a += …``)."""
    if given.kind != "list" or isinstance(written, (ast.List, ast.Tuple, ast.ListComp)):
        return True
    if isinstance(written, ast.Subscript) and isinstance(written.slice, ast.Slice):
        return True  # a[::2]: a new list, which nothing else holds
    if not isinstance(written, ast.Name):
        return False
    name = re.escape(written.id)
    return not re.search(
        rf"\b{name}\s*(?:\.\s*(?:append|extend|insert|remove|pop|clear|sort|reverse|__\w+__)\b"
        rf"|\[[^\]\n]*\]\s*(?:[-+*/@%&|^]|//|\*\*)?=(?!=)|[-+*/]?=(?!=)[^\n]*\bcycle\b|\+=|\*=)",
        w.text,
    )


def _chosen(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``itertools.combinations(range(4), 2)``, ``permutations(xs)``: each choice, in
    order, as a tuple of the items (r is the length of the iterable when permutations is
    not given it)."""
    if kwargs.keys() - {"r"} or len(args) + len(kwargs) > 2 or not args:
        return w.cannot(node)
    pool = items_of(args[0])
    given = args[1] if len(args) > 1 else kwargs.get("r")
    if given is None and name == "itertools.permutations" and pool is not None:
        given = number(len(pool))
    if given is not None and given.kind == "number" and type(given.value) is float:
        raise _not_a_whole_number(w, node, f"r of {name}", given.value)
    if pool is None or given is None or given.kind != "number" or type(given.value) is not int:
        return w.cannot(node)
    if given.value < 0:  # Python's ValueError: r must be non-negative
        raise w.refuse(
            node,
            "call",
            f"{name}'s r must not be negative (Python raises a ValueError: r must be non-negative)",
            raises="ValueError",
        )
    n, r = len(pool), given.value
    count = (
        math.comb(n + r - 1, r)
        if name.endswith("replacement")
        else math.comb(n, r) * (math.factorial(r) if name.endswith("permutations") else 1)
    )
    if count > MAX_ITEMS:
        return w.cannot(node)
    choices = CHOOSING[name](pool, r)
    return Operand("iter", items=tuple(sequence("tuple", c) for c in choices), name="product")


def _copied(w: Walker, node: ast.Call, deep: bool, args: Args, kwargs: Kwargs) -> Operand:
    """``copy.copy(x)`` and ``copy.deepcopy(x)``: the same shapes in a new list (the rows of a
    deep copy are new lists too); an array, a number, text are copies of the same shape."""
    if len(args) != 1 or kwargs:
        return w.cannot(node)
    given = args[0]
    if given.kind in ("array", "number", "str", "none", "unknown", "error"):
        return given if given.kind != "array" else array(given.shape or (), None, given.dtype)
    if given.kind in ("list", "tuple") and deep:
        made = _deep_copy(given, {})
        return (
            made
            if made is not None
            else w.cannot(node, "a deep copy of what shapekit does not follow")
        )
    if given.kind in ("list", "tuple"):
        return _new_lists(given)
    if not deep and given.kind in ("dict", "instance"):
        from shapekit.engine._objects import shallow_copy

        copied = shallow_copy(w, given)
        if copied is not None:
            return copied
    return w.cannot(node, "a copy of an object, which shapekit does not follow")


def _deep_copy(op: Operand, made: dict[int, Operand]) -> Operand | None:
    """``copy.deepcopy`` of a list or tuple: new lists, and new arrays of the same shapes and
    values (an object held twice is copied once: ``[a, a]`` stays one array twice); None
    when it holds what shapekit does not copy (a dict, an object)."""
    if id(op) in made:
        return made[id(op)]
    if op.kind in ("number", "str", "none"):
        return op
    if op.kind == "array":
        copied = replace(op, memo={}, readonly=False)
    elif op.kind in ("list", "tuple") and op.items is not None:
        items = []
        for item in op.items:
            inner = _deep_copy(item, made)
            if inner is None:
                return None
            items.append(inner)
        copied = sequence(op.kind, tuple(items))
    elif op.kind in ("list", "tuple") and op.value is not None:
        copied = literal_list(op.value)
    else:
        return None
    made[id(op)] = copied
    return copied


def _new_lists(op: Operand) -> Operand:
    """``op`` as a new list holding the same items (a shallow copy: ``m[0].append`` is
    ``l[0]``'s; a deep one is :func:`_deep_copy`)."""
    if op.kind not in ("list", "tuple"):
        return op
    if op.items is None:
        rows = items_of(op) if op.value is not None else None
        if rows is not None:
            return sequence(op.kind, tuple(rows))
        return replace(op, ident=new_ident(), memo={})
    return sequence(op.kind, op.items)


def _math(w: Walker, node: ast.Call, name: str, args: Args) -> Operand:
    """``math.exp(x)`` and the like: a Python float of a number; an array of more than one
    element is Python's TypeError, with the fix ``np.exp(x)``."""
    stop = w.merge_unknown(node, *args)
    if stop is not None:
        return stop
    if name in ("fsum", "prod"):  # the sum (product) of numbers: a number
        items = items_of(args[0]) if len(args) == 1 else None
        if items is not None and all(
            i.kind == "number" or (i.kind == "array" and i.shape == ()) for i in items
        ):
            values = [i.value for i in items]
            small = len(values) <= 64 and all(
                type(v) in (int, float) and abs(v) <= 1e6 for v in values
            )
            if small:  # math.prod(x.shape[1:]): a shape may depend on it (kept small)
                import math

                return number(math.prod(values) if name == "prod" else math.fsum(values))
            return number()
        return w.cannot(node)
    for index, given in enumerate(args):
        if given.kind in ("array", "list", "tuple"):
            found = array_shape(given)
            if not isinstance(found, tuple):
                return w.cannot(node)
            if given.kind != "array" or not _converts(found):  # math.exp([1.0]) too
                module = w.host.numpy
                candidates = None
                if module is not None and name not in ("fabs", "pow"):
                    lo, hi = w.span(node.func)
                    candidates = w.replacing(lo, hi, f"{module}.{name}", "element by element")
                said = (
                    _scalars_refused()
                    if given.kind == "array"
                    else f"must be real number, not {given.kind}"
                )
                raise w.refuse(
                    node,
                    "call",
                    f"math.{name} takes one number, and {w.source(node.args[index])} is "
                    f"{describe(given)} (Python raises a TypeError: {said}); "
                    f"np.{name} works element by element",
                    candidates,
                    raises="TypeError",
                )
        elif given.kind != "number":
            return w.cannot(node)
    values = [a.value for a in args]
    if args and all(type(v) in (int, float) and abs(v) < 1e300 for v in values):
        import math

        try:  # math.sqrt(-1.0): Python's own verdict on numbers written in the file
            found = getattr(math, name)(*values)
        except (ValueError, OverflowError, ZeroDivisionError) as exc:  # log(8, 1) too
            kind = type(exc).__name__
            raise w.refuse(
                node,
                "call",
                f"math.{name} of {', '.join(repr(v) for v in values)} is not a number Python "
                f"can give (a {kind}: {exc})",
                raises=kind,
            ) from None
        except TypeError:
            return number()
        if type(found) in (int, float) and finite(found):
            return number(found)
    return number()


def _truth_of_rows(w: Walker, node: ast.Call, name: str, arg: Operand) -> None:
    """Python's ``any(x)``, ``all(x)`` and ``sorted(x)`` take the truth of (or compare) the
    rows of ``x``: for rows of more than one element that is NumPy's ValueError."""
    shape = arg.shape
    if shape is None or len(shape) < 2 or size(shape[1:]) < 2 or shape[0] < 1:
        return
    if name == "sorted" and shape[0] < 2:
        return  # one row: nothing is compared
    source = w.source(node.args[0])
    better = {"any": f"{source}.any()", "all": f"{source}.all()", "sorted": f"np.sort({source})"}
    raise w.refuse(
        node,
        "call",
        f"{name}() {'compares' if name == 'sorted' else 'takes the truth of'} the rows of "
        f"{source}, {describe(arg)}, and the truth of a row of several numbers is ambiguous "
        f"(NumPy raises a ValueError); {better[name]} works on every element",
        raises="ValueError",
    )


#: the kinds of Python objects max() and min() may compare with each other, by kind
_ORDERED_AS = {"number": "number", "list": "list", "tuple": "tuple", "str": "str"}


def _python_kinds_compared(w: Walker, node: ast.Call, name: str, args: Args) -> None:
    """``max(0, inputs)`` of a list: Python orders a number and a list by ``>``, which
    it refuses (a TypeError); np.maximum(0, inputs) takes the larger element by element."""
    kinds = [_ORDERED_AS.get(a.kind) for a in args]
    if None in kinds or len(set(kinds)) < 2:
        return  # (arrays, objects of the file's …: not asked here)
    index = next(i for i, k in enumerate(kinds) if k != kinds[0])
    better = "maximum" if name == "max" else "minimum"
    fix = len(args) == 2 and w.host.numpy is not None and set(kinds) < {"number", "list", "tuple"}
    where = f"{w.host.numpy}.{better}" if fix else f"np.{better}"
    lo, hi = w.span(node.func)
    sign = ">" if name == "max" else "<"
    raise w.refuse(
        node,
        "call",
        f"Python's {name}() orders its arguments with `{sign}`, and "
        f"{w.source(node.args[index])} is {describe(args[index])} while "
        f"{w.source(node.args[0])} is {describe(args[0])}: Python raises a TypeError "
        f"('{sign}' not supported between instances of those)"
        + (f"; {where} compares element by element" if "str" not in kinds else ""),
        w.replacing(lo, hi, where, "element by element") if fix else None,
        raises="TypeError",
    )


def _compares_arrays(w: Walker, node: ast.Call, name: str, args: Args) -> None:
    """Python's ``max(0, x)`` compares ``x`` as a whole: for an array of more than one
    element its truth is ambiguous (ValueError); ``max(x)`` of a 2-D array compares rows.
    The ReLU a student means is ``np.maximum(0, x)``, element by element."""
    if len(args) >= 2 and not node.keywords and len(args) == len(node.args):
        _python_kinds_compared(w, node, name, args)
    if len(args) >= 2:  # each argument is compared with another
        arrays = [
            (i, a) for i, a in enumerate(args)
            if a.kind == "array" and a.shape is not None and size(a.shape) > 1
        ]  # fmt: skip
        if not arrays or any(isinstance(a, ast.Starred) for a in node.args):
            return
        index, big = arrays[0]
        what = f"{w.source(node.args[index])}, {describe(big)},"
        better = "maximum" if name == "max" else "minimum"
        fix = len(args) == 2 and w.host.numpy is not None
        where = f"{w.host.numpy}.{better}" if fix else f"np.{better}"
        lo, hi = w.span(node.func)
        candidates = w.replacing(lo, hi, where, "element by element") if fix else None
        advice = f"{where} compares element by element"
    elif len(args) == 1 and args[0].kind == "array" and args[0].shape is not None:
        shape = args[0].shape
        if len(shape) < 2 or shape[0] < 2 or size(shape[1:]) < 2:
            return  # the items compared are numbers (or there is one row)
        what = f"the rows of {w.source(node.args[0])}, {describe(args[0])},"
        module = w.host.numpy
        where = f"{module or 'np'}.{name}({w.source(node.args[0])})"
        lo, hi = w.span(node)
        candidates = w.replacing(lo, hi, where, "over every element") if module else None
        advice = (
            f"{where} gives the largest element"
            if name == "max"
            else (f"{where} gives the smallest element")
        )
    else:
        return
    raise w.refuse(
        node,
        "call",
        f"Python's {name}() compares {what} as a whole with `>`, and the truth of an array "
        f"of more than one element is ambiguous (Python raises a ValueError); {advice}",
        candidates,
        raises="ValueError",
    )


def _joined_sum(w: Walker, node: ast.Call, given: Operand, start: Operand) -> Operand:
    """``sum(rows, [])``: the lists (or tuples) joined after ``start``; Python's TypeError
    when an item is not of the start's kind."""
    parts, first = items_of(given), items_of(start)
    if parts is None or first is None:
        return w.cannot(node)
    joined = [*first]
    for part in parts:
        if part.kind in ("number", "list", "tuple", "str") and part.kind != start.kind:
            # [] + 1, [] + (1,): only a list joins a list ([] + an array is NumPy's sum)
            raise w.refuse(
                node,
                "call",
                f"sum() joins the items of {w.source(node.args[0])} after a {start.kind}, "
                f"and one is {describe(part)} (Python raises a TypeError: can only "
                f'concatenate {start.kind} (not "{_python_type(part)}") to {start.kind})',
                raises="TypeError",
            )
        more = items_of(part) if part.kind == start.kind else None
        if more is None or len(joined) + len(more) > MAX_ITEMS:
            return w.cannot(node)
        joined.extend(more)
    return sequence(start.kind, tuple(joined))


def _python_type(operand: Operand) -> str:
    """The name of the Python type of a number, a list, a tuple, text or a NumPy array."""
    if operand.kind == "number":
        if operand.value is not None:
            return type(operand.value).__name__
        return "float" if operand.dtype == "f" else "int"
    return {"array": "numpy.ndarray"}.get(operand.kind, operand.kind)


def _accumulated(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``itertools.accumulate(numbers)`` (and ``initial=``): one running sum per number (and
    the initial one first), their values when all are whole numbers known; anything else
    (another function than adding, arrays, an iterator held in a name) is not followed."""
    func = args[1] if len(args) == 2 else kwargs.get("func")
    if func is not None and len(node.args) + len(node.keywords) == len(args) + len(kwargs):
        return _accumulated_by(w, node, args[0], func, kwargs.get("initial"))
    if len(args) != 1 or not set(kwargs) <= {"initial"} or len(node.args) != 1:
        return w.cannot(node)
    fresh = isinstance(node.args[0], (ast.GeneratorExp, ast.Call, ast.List, ast.Tuple))
    if not fresh and args[0].kind not in ("list", "tuple"):
        return w.cannot(node)  # an iterator in a name: what is left of it is not followed
    pool = items_of(args[0])
    initial = kwargs.get("initial")
    if initial is not None and initial.kind == "none":
        initial = None
    if pool is None or any(i.kind != "number" for i in pool):
        return w.cannot(node)
    if initial is not None and initial.kind != "number":
        return w.cannot(node)
    values = [] if initial is None else [initial.value]
    for item in pool:
        if not values:
            values.append(item.value)
        else:
            before = values[-1]
            values.append(None if before is None or item.value is None else before + item.value)
    whole = all(type(v) in (int, bool) for v in values)
    return Operand(
        "iter", items=tuple(number(v if whole else None) for v in values), name="product"
    )


def _accumulated_by(
    w: Walker, node: ast.Call, given: Operand, func: Operand, initial: Operand | None
) -> Operand:
    """``itertools.accumulate(items, f)`` with a function of the file and items known: the
    first item (or ``initial``), then ``f`` of the last result and each item in turn, each
    call followed as code run only when it is read (see :func:`_reduce_call`)."""
    fresh = isinstance(node.args[0], (ast.GeneratorExp, ast.Call, ast.List, ast.Tuple))
    pool = items_of(given) if fresh or given.kind in ("list", "tuple") else None
    if pool is None or len(pool) > MAX_ITEMS or func.kind not in ("userfunc", "partial") or w.dry:
        return w.cannot(node)
    if initial is not None and initial.kind == "none":
        initial = None
    made = [] if initial is None else [initial]
    why = (  # Python calls f only as the items are read (if ever)
        f"a list changed by the calls of `{w.short(node)}` at {w.where(node)}, made only as "
        "its items are read"
    )
    with lazily(w.host, why):
        for item in pool:
            made.append(w.call_operand(node, func, [made[-1], item]) if made else item)
            if made[-1].kind in ("error", "unknown"):
                return w.cannot(node)
    return Operand("iter", items=tuple(made), name="product")


def _truth_of_arrays(w: Walker, node: ast.Call, name: str, given: Operand) -> None:
    """``any([a, b])``, ``sorted([a, b])`` of a list whose first item (its first two, for
    sorted) is an array of more than one element: Python asks its truth (sorted: of a
    comparison of two), NumPy's ValueError."""
    if given.kind not in ("list", "tuple"):
        return
    items = items_of(given)
    if not items or (name == "sorted" and len(items) < 2):
        return
    first = items[: 2 if name == "sorted" else 1]
    shapes = [i.shape if i.kind == "array" else None for i in first]
    if any(s is None or size(s) <= 1 for s in shapes):
        return
    if name == "sorted" and (first[0].dtype == "x" or first[1].dtype == "x"):
        return
    asked = (
        "compares two of its arrays (item by item)"
        if name == "sorted"
        else "asks the truth of its first item"
    )
    raise w.refuse(
        node,
        "call",
        f"{name}() {asked}, an array of more than one element, whose truth is ambiguous "
        "(NumPy raises a ValueError: The truth value of an array with more than one element "
        "is ambiguous); a.any() or a.all() says which is meant",
        raises="ValueError",
    )


#: NumPy's functions whose floating-point errors ``np.errstate(...="raise")`` makes raise
_FLOATING_CHECKED = frozenset(
    {"log", "log2", "log10", "log1p", "sqrt", "exp", "exp2", "expm1", "power", "divide",
     "true_divide", "floor_divide", "reciprocal", "arccos", "arcsin", "arctanh", "multiply",
     "add", "subtract", "remainder", "mod", "float_power"}
)  # fmt: skip


def seterr(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> None:
    """``np.seterr(all="raise")``: from here on (the first entry of the host's settings),
    as written when it certainly runs with settings written out; else not known."""
    host = w.host
    known = (
        not args
        and all(v.kind == "str" and isinstance(v.value, str) for v in kwargs.values())
        and host.on_every_path()  # type: ignore[attr-defined]
        and not host.hypothetical  # type: ignore[attr-defined]
    )
    state = {k: v.value for k, v in kwargs.items()} if known else None
    states = host.fp_states  # type: ignore[attr-defined]
    if any(s is not _GLOBAL for s in states):
        # inside `with np.errstate(…)`: until it ends, which restores what was set before
        last = states[-1]
        states[-1] = (
            None
            if state is None or last is None
            else state
            if "all" in state
            else {**last, **state}
        )
        return
    previous = host.fp_global  # type: ignore[attr-defined]
    if state is not None and previous:  # (settings not given are kept)
        state = {**previous, **state} if "all" not in state else state
    host.fp_global = state  # type: ignore[attr-defined]
    if not host.fp_states or host.fp_states[0] is not _GLOBAL:  # type: ignore[attr-defined]
        host.fp_states.insert(0, _GLOBAL)  # type: ignore[attr-defined]


#: the place of np.seterr's settings among the host's (see floating_settings)
_GLOBAL: dict[str, str] = {}


def warnings_made_errors(w: Walker, certain: bool) -> None:
    """``warnings.simplefilter("error")``: from here on NumPy's RuntimeWarnings (what its
    floating-point errors do by default, ``np.seterr``'s "warn") are exceptions, for
    ``certain`` or perhaps (a filter of some messages, a call that may not run)."""
    host: Any = w.host
    if host.hypothetical:
        return
    perhaps = not certain or getattr(host, "warnings_raise", None) == "perhaps"
    host.warnings_raise = "perhaps" if perhaps else True
    if not host.fp_states or host.fp_states[0] is not _GLOBAL:
        host.fp_states.insert(0, _GLOBAL)


#: NumPy's floating-point error settings by default
_DEFAULT_FP = {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}


def _warned(w: Walker) -> set[str]:
    """The categories whose floating-point errors raise only because warnings are errors."""
    if not getattr(w.host, "warnings_raise", False):
        return set()
    return {k for k, v in _raw_settings(w).items() if v == "warn"}


def _raw_settings(w: Walker) -> dict[str, str]:
    settings = dict(_DEFAULT_FP)
    for state in getattr(w.host, "fp_states", None) or ():
        if state is _GLOBAL:
            state = getattr(w.host, "fp_global", None)
        if state is None:
            return {}
        if "all" in state:
            settings = dict.fromkeys(("divide", "over", "under", "invalid"), state["all"])
        settings.update({k: v for k, v in state.items() if k != "all"})
    return settings


def floating_settings(w: Walker) -> dict[str, str] | None:
    """What ``np.errstate`` sets where ``w`` is followed (the ``with`` blocks around it,
    innermost winning), or None when not known or when nothing raises ("warn" raises too
    where warnings are made errors: see :func:`warnings_made_errors`)."""
    states = getattr(w.host, "fp_states", None)
    if not states:
        return None
    if getattr(w.host, "warnings_raise", False):
        raw = _raw_settings(w)
        if not raw:
            return None
        kept = {k: v for k, v in raw.items() if k in ("divide", "over", "invalid")}
        return {k: ("raise" if v in ("raise", "warn") else "ignore") for k, v in kept.items()}
    settings: dict[str, str] = {}
    for state in states:
        if state is _GLOBAL:
            state = getattr(w.host, "fp_global", None)
        if state is None:
            return None
        if "all" in state:
            settings = dict.fromkeys(("divide", "over", "under", "invalid"), state["all"])
        settings.update({k: v for k, v in state.items() if k != "all"})
    if not any(v == "raise" for v in settings.values()):
        return None
    # (underflow is flagged or not as the machine flushes tiny numbers: only ever possible)
    kept = {k: v for k, v in settings.items() if k in ("divide", "over", "under", "invalid")}
    if any(v not in ("raise", "ignore", "warn", "print", "log", "call") for v in kept.values()):
        return None
    return {k: ("raise" if v == "raise" else "ignore") for k, v in kept.items()}


def floating_refused(w: Walker, node: ast.AST, compute: Callable[[], Any], said: str) -> None:
    """NumPy's FloatingPointError for ``compute`` (on values known exactly) under the
    ``np.errstate`` around ``node``."""
    import numpy as np

    settings = floating_settings(w)
    if settings is None:
        if _settings_unknown(w):  # es.__enter__(), np.seterr(**saved): perhaps "raise"
            _raises_perhaps(w, node, compute, said)
        return
    flushed = settings.pop("under", "ignore") == "raise"
    try:
        with np.errstate(under="ignore", **settings), warnings.catch_warnings():  # type: ignore[arg-type]
            warnings.simplefilter("ignore")
            compute()
        if flushed:
            _underflow_possible(w, node, compute, said)
    except FloatingPointError as error:
        said_error = str(error)
        category = (
            "divide"
            if "divide" in said_error
            else "over"
            if "overflow" in said_error
            else "invalid"
        )
        if category in _warned(w):  # warnings.simplefilter("error"): NumPy's warning raised
            if getattr(w.host, "warnings_raise", None) == "perhaps":
                from shapekit.engine.program import UNDECIDED

                refused = w.refuse(
                    node,
                    "call",
                    f"{said} meets {error} (its values are known): NumPy warns of it, and a "
                    "warnings filter may make the warning an error (Python raises a "
                    "RuntimeWarning then), which only running tells",
                    raises="RuntimeWarning",
                )
                refused.depends = UNDECIDED
                possible(w, refused, f"whether the warning at {w.where(node)} is an error")
                return
            raise w.refuse(
                node,
                "call",
                f"{said} meets {error} (its values are known): NumPy warns of it, and the "
                "warnings filter makes the warning an error (Python raises a RuntimeWarning: "
                f"{error})",
                raises="RuntimeWarning",
            ) from None
        raise w.refuse(
            node,
            "call",
            f"{said} meets {error} (its values are known), and the np.errstate around it "
            "makes that an error (NumPy raises a FloatingPointError)",
            raises="FloatingPointError",
        ) from None
    except (ValueError, TypeError, ArithmeticError, MemoryError):
        return


def _settings_unknown(w: Walker) -> bool:
    """Whether NumPy's floating-point settings where ``w`` is followed are not known (an
    ``np.errstate`` entered where shapekit does not see it, ``np.seterr(**saved)``)."""
    states = getattr(w.host, "fp_states", None)
    if not states or getattr(w.host, "warnings_raise", False):
        return False
    return any(
        (getattr(w.host, "fp_global", None) if state is _GLOBAL else state) is None
        for state in states
    )


def _raises_perhaps(w: Walker, node: ast.AST, compute: Callable[[], Any], said: str) -> None:
    """Under settings not known: where ``compute`` meets a floating-point error, a possible
    FloatingPointError (the settings may make it one)."""
    _possibly_floating(
        w, node, compute, said, {"all": "raise", "under": "ignore"},
        "NumPy's floating-point settings here are not known: they may make that an error "
        "(NumPy raises a FloatingPointError then)",
        "whether NumPy's floating-point settings make it an error here",
    )  # fmt: skip


def _underflow_possible(w: Walker, node: ast.AST, compute: Callable[[], Any], said: str) -> None:
    """``np.exp(z)`` of values known, under ``np.errstate(under="raise")``: where a result is
    too small for a float, whether NumPy raises depends on whether the processor flushes such
    numbers to zero (a library built with fast math makes it do so), so a possible problem."""
    _possibly_floating(
        w, node, compute, said, {"all": "ignore", "under": "raise"},
        "the np.errstate (or np.seterr) around it makes that an error (NumPy raises a "
        "FloatingPointError), unless the processor flushes numbers that small to zero, which "
        "only running tells",
        f"whether {w.short(node)} at {w.where(node)} meets an underflow",
    )  # fmt: skip


def _possibly_floating(
    w: Walker,
    node: ast.AST,
    compute: Callable[[], Any],
    said: str,
    settings: dict[str, str],
    why: str,
    depends: str,
) -> None:
    """A possible FloatingPointError where ``compute`` (of ``said``), under NumPy's
    ``settings``, meets one (``why`` it may be an error; ``depends``: on what)."""
    import numpy as np

    from shapekit.engine.program import UNDECIDED

    try:
        with np.errstate(**settings), warnings.catch_warnings():  # type: ignore[arg-type]
            warnings.simplefilter("ignore")
            compute()
    except FloatingPointError as error:
        refused = w.refuse(
            node,
            "call",
            f"{said} meets {error} (its values are known), and {why}",
            raises="FloatingPointError",
        )
        refused.depends = UNDECIDED
        possible(w, refused, depends)
    except (ValueError, TypeError, ArithmeticError, MemoryError):
        return


def _floating_error(w: Walker, node: ast.Call, name: str, args: Args) -> None:
    """``np.log(p)`` of known values with a 0 in them, under ``np.errstate(divide="raise")``
    (not with ``where=``, which leaves out the elements it masks: not followed)."""
    import numpy as np

    if masks(node):
        return
    values = [
        array_value(a) if a.kind in ("array", "number", "list", "tuple") else None for a in args
    ]
    if values and any(v is None for v in values):
        floating_may_fail(w, node, name, args)
        return
    if not values or any(
        v is None or v.dtype.kind not in "biuf" or v.size > 10_000 for v in values
    ):
        return
    function = getattr(np, name)
    floating_refused(w, node, lambda: function(*values), f"np.{name}")


#: what each function NumPy checks may meet (see np.errstate), when its values are not known
_MAY_MEET = {
    "add": ("over", "invalid"), "subtract": ("over", "invalid"),
    "multiply": ("over", "under", "invalid"),
    "exp": ("over", "under"), "exp2": ("over", "under"), "expm1": ("over",), "sqrt": ("invalid",),
    "arccos": ("invalid",), "arcsin": ("invalid",), "log": ("divide", "invalid"),
    "log2": ("divide", "invalid"), "log10": ("divide", "invalid"), "log1p": ("divide", "invalid"),
}  # fmt: skip


def _bounded_safely(name: str, operands: Sequence[Operand], raised: Sequence[str] = ()) -> bool:
    """Whether values known up to rounding (see :mod:`shapekit.engine._approx`) keep
    ``np.<name>`` of ``operands`` far from any overflow, division by zero or invalid value
    (``p * np.log(p)`` of probabilities between 0.1 and 0.9), and from an underflow when
    ``raised`` has it."""
    import numpy as np

    from shapekit.engine._approx import approx

    if "under" in raised and name not in ("exp", "exp2") and not _far_from_tiny(operands):
        return False
    spans = []
    for operand in operands:
        if operand.kind == "number" and type(operand.value) in (int, float):
            value = float(operand.value)
            spans.append((value, value))
            continue
        found = approx(operand) if operand.kind == "array" else None
        if found is None or not found[0].size:
            return False
        values, bounds = found
        with np.errstate(all="ignore"):
            low, high = float(np.min(values - bounds)), float(np.max(values + bounds))
        if not (np.isfinite(low) and np.isfinite(high)):
            return False
        spans.append((low, high))
    largest = max(max(abs(lo), abs(hi)) for lo, hi in spans) if spans else 0.0
    if name in ("add", "subtract", "multiply"):
        return largest < 1e150
    if name in ("exp", "exp2", "expm1") and len(spans) == 1:
        return spans[0][1] < 700 and ("under" not in raised or spans[0][0] > -700)
    if name in ("log", "log2", "log10") and len(spans) == 1:
        return spans[0][0] > 0
    if name == "log1p" and len(spans) == 1:
        return spans[0][0] > -1
    if name == "sqrt" and len(spans) == 1:
        return spans[0][0] >= 0
    if name in ("divide", "true_divide") and len(spans) == 2:
        low, high = spans[1]
        smallest = min(abs(low), abs(high)) if low * high > 0 else 0.0
        return smallest > 0 and largest / smallest < 1e300
    return False


def _far_from_tiny(operands: Sequence[Operand]) -> bool:
    """Whether every value of ``operands``, known up to rounding, is 0 exactly or at least
    1e-150 in size (so that a product or a quotient of two of them is no underflow)."""
    import numpy as np

    from shapekit.engine._approx import approx

    for operand in operands:
        if operand.kind == "number" and type(operand.value) in (int, float):
            value = abs(float(operand.value))
            if value and value < 1e-150:
                return False
            continue
        found = approx(operand) if operand.kind == "array" else None
        if found is None:
            return False
        values, bounds = found
        with np.errstate(all="ignore"):
            exact_zero = (values == 0) & (bounds == 0)
            large = np.abs(values) - bounds >= 1e-150
        if not bool(np.all(exact_zero | large)):
            return False
    return True


def floating_may_fail(w: Walker, node: ast.AST, name: str, operands: Sequence[Operand]) -> None:
    """``np.exp(logits)`` of floats whose values are not known, under ``np.errstate`` (or
    ``np.seterr``) that makes an overflow (a division by zero, an invalid value) an error:
    a possible problem, which only running tells (as an ``assert`` whose truth is not known)."""
    settings = floating_settings(w)
    if settings is None or getattr(w.host, "hypothetical", True) or w.dry:
        return
    met = _MAY_MEET.get(name, ("divide", "over", "under", "invalid"))
    raised = [k for k in met if settings.get(k) == "raise"]
    if raised and _bounded_safely(name, operands, raised):
        return  # (values known up to rounding, far from what could overflow …)
    floats = any(o.kind == "array" and o.dtype in ("f", None) for o in operands)
    unary = (
        name in _MAY_MEET
        and len(_MAY_MEET[name]) <= 2
        and name not in ("add", "subtract", "multiply")
    )
    if not raised or not (floats or (unary and any(o.kind == "array" for o in operands))):
        return
    from shapekit.engine.program import UNDECIDED

    words = {
        "over": "an overflow",
        "under": "an underflow",
        "divide": "a division by zero",
        "invalid": "an invalid value",
    }
    said = " or ".join(words[k] for k in raised)
    warned = set(raised) <= _warned(w)
    refused = w.refuse(
        node,
        "call",
        f"it may meet {said}, which "
        + (
            "the warnings filter makes an error (Python raises a RuntimeWarning)"
            if warned
            else "the np.errstate (or np.seterr) around it makes an error (NumPy raises a "
            "FloatingPointError)"
        )
        + "; whether it does depends on values shapekit does not know without running the file",
        raises="RuntimeWarning" if warned else "FloatingPointError",
    )
    refused.depends = UNDECIDED
    possible(w, refused, f"whether {w.short(node)} at {w.where(node)} meets {said}")


def _simple_namespace(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``types.SimpleNamespace(n_in=4, hidden=8)``: an object holding those attributes (and
    what the file sets on it later; another is Python's AttributeError)."""
    from shapekit.engine._objects import Namespace, host_of

    if args or any(k.arg is None for k in node.keywords):
        return w.cannot(node)  # (a mapping given, or **options not written out)
    # the class is the program's own (what one file sets on it is not another file's)
    kept = getattr(w.host, "__dict__", {})
    cls = kept.setdefault("simple_namespace_class", None) or _simple_namespace_class()
    kept["simple_namespace_class"] = cls
    space = Namespace("instance", dict(kwargs), cls=cls)
    host = host_of(w)
    if host is not None:
        host.track(space)
    return Operand("instance", name="SimpleNamespace", value=space)


def _simple_namespace_class() -> Any:
    from shapekit.engine._objects import Namespace

    body: list[ast.stmt] = [ast.Pass()]
    node = ast.ClassDef(name="SimpleNamespace", bases=[], keywords=[], body=body, decorator_list=[])
    return ClassInfo("types.SimpleNamespace", node, None, Namespace("class", {}))


def _exact_float_sum(start: Any, values: list[Any]) -> float | None:
    """Python's ``sum`` of Python floats (and whole numbers) when no step of it rounds: then
    every way of adding them gives it (Python 3.12 adds floats with a compensated sum, 3.11
    and before one after the other); None when a step rounds, or a value is not known.
    Each step is checked in whole numbers: every value is a multiple of one power of two.

    >>> _exact_float_sum(0, [1.0, 2.5, -0.25]), _exact_float_sum(0, [0.1, 0.2])
    (3.25, None)
    """
    kinds = (int, bool, float)
    if (
        type(start) not in kinds
        or any(type(v) not in kinds for v in values)
        or len(values) > 10_000
        or not all(finite(v) for v in values if type(v) is float)
    ):
        return None
    ratios = [v.as_integer_ratio() if type(v) is float else (int(v), 1) for v in (start, *values)]
    scale = max(d.bit_length() - 1 for _, d in ratios)  # every denominator is a power of 2
    if scale > 1100:
        return None
    scaled = [n << (scale - d.bit_length() + 1) for n, d in ratios]
    total: Any = start
    exact = scaled[0]
    for value, whole in zip(values, scaled[1:], strict=True):
        try:
            added = total + value
        except OverflowError:  # a whole number too large for a float: Python raises it too
            return None
        if isinstance(added, float) and not finite(added):
            return None
        exact += whole
        n, d = added.as_integer_ratio() if type(added) is float else (int(added), 1)
        power = d.bit_length() - 1
        if power > scale or n << (scale - power) != exact:
            return None  # this step rounds: another order or method may differ
        total = added
    return total


def _builtin_sum(
    w: Walker, node: ast.Call, given: Operand, start: Operand | None = None
) -> Operand:
    """Python's ``sum``: ``start`` (0) plus each item in turn (the rows of an array, the
    items of a list), so the sum of rows of one shape has that shape."""
    items = items_of(given)
    if items is None:
        if given.kind == "array" and given.shape:  # too many rows to list: they share a shape
            return array(given.shape[1:], dtype=given.dtype)
        return w.cannot(node)
    if not items:
        return start or number(0)
    if all(i.kind == "number" for i in items):
        begun = 0 if start is None else start.value
        whole = [i.value for i in items if type(i.value) in (int, bool)]
        if len(whole) == len(items) and type(begun) in (int, bool):
            return number(begun + sum(whole))  # whole numbers: exact in any order
        kept = given.memo.get("exact sum")  # (the same list summed at each step of a loop)
        if not (isinstance(kept, tuple) and kept[0] is items and kept[1] == (type(begun), begun)):
            kept = (items, (type(begun), begun), _exact_float_sum(begun, [i.value for i in items]))
            given.memo["exact sum"] = kept
        return number(kept[2])
    if items[0].kind in ("list", "tuple", "str"):  # 0 + [1.0, 2.0]: Python's TypeError
        what = {"list": "list", "tuple": "tuple", "str": "str"}[items[0].kind]
        first = "0" if start is None else w.source(node.args[1] if len(node.args) == 2 else node)
        number_type = "int" if start is None else _python_type(start)
        raise w.refuse(
            node,
            "call",
            f"sum() adds the items of {w.source(node.args[0])} to {first}, and its first item "
            f"is a {what}: a number + a {what} is Python's TypeError (unsupported operand "
            f"type(s) for +: '{number_type}' and '{what}'); np.sum(x, axis=0) adds the rows",
            raises="TypeError",
        )
    shapes = [s for s in map(array_shape, items) if isinstance(s, tuple)]
    if (
        any(i.kind == "array" for i in items)
        and all(i.kind in ("array", "number") for i in items)
        and len(shapes) == len(items)
    ):  # 0 + a + b + …: each added in turn, as NumPy broadcasts
        total: Shape = ()
        for k, shape in enumerate(shapes):
            merged = _broadcast(total, shape)
            if merged is None:
                raise w.refuse(
                    node,
                    "call",
                    f"sum() adds the items of {w.source(node.args[0])} one after another, and "
                    f"item {k}, of shape {format_shape(shape)}, does not broadcast with the "
                    f"sum of those before it, of shape {format_shape(total)} (NumPy raises a "
                    "ValueError: operands could not be broadcast together)",
                    raises="ValueError",
                )
            total = merged
        kinds = {i.dtype for i in items if i.kind == "array"}
        return array(total, dtype=kinds.pop() if len(kinds) == 1 else None)
    return w.cannot(node, "a sum of items whose shapes are not all known")


__all__ = ["attribute", "call", "subscript"]


def _whole_refused(w: Walker, node: ast.Call, value: float) -> None:
    """``int()`` of a NaN or an infinity, known: Python's ValueError or OverflowError."""
    if value != value:
        error, words = "a ValueError", "cannot convert float NaN to integer"
    elif value in (float("inf"), float("-inf")):
        error, words = "an OverflowError", "cannot convert float infinity to integer"
    else:
        return
    raise w.refuse(
        node,
        "call",
        f"{w.source(node.args[0])} is {value} (its value is known), which no integer holds "
        f"(Python raises {error}: {words})",
        raises=error.split()[1],
    )


def _may_change(fdef: ast.AST) -> bool:
    """Whether a function of the file may change what it is given (see ``may_write``)."""
    from shapekit.engine._expressions import may_write

    return may_write(fdef)
