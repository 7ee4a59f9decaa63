"""NumPy's own functions called on stand-ins of the file's arrays, for the functions whose
shapes shapekit has no rules of its own for.

For the functions of :data:`FUNCTIONS` (and the array methods of :data:`METHODS`) the outcome
of a call depends only on what shapekit knows: the shapes and kinds of numbers of the arrays
given, and the numbers, text and tuples written in the file. So NumPy itself is asked, with an
array of zeros of the same shape and kind standing in for each array whose values are not known
(``np.dstack([w, w])`` is ``np.dstack`` of two zero arrays of ``w``'s shape): what it gives is
the call's shape, and what it raises is what running the file raises there. The functions of
:data:`VALUED` depend on the values of the arrays too (``np.flatnonzero``): they are asked only
when every value is known. Nothing of the file is run: only NumPy's functions, on arrays made
here, within bounds on their sizes.

>>> import numpy as np
>>> stand_in(array((3, 4), dtype="i")).dtype.kind, stand_in(number(2))
('i', 2)
"""

from __future__ import annotations

import ast
import builtins
import math
import re
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from shapekit.engine._operands import (
    MAX_VALUE_ELEMENTS,
    ZERO_D,
    Operand,
    array,
    describe,
    items_of,
    new_ident,
    number,
    sequence,
    unknown,
    values_current,
    zero_d,
)

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

Args = list[Operand]
Kwargs = dict[str, Operand]

#: longest text kept from what NumPy gives
MAX_TEXT = 10_000
#: most elements a call's arrays may hold together, and most its result may hold
MAX_GIVEN = MAX_VALUE_ELEMENTS
MAX_MADE = 1 << 20


def _linear(sizes: list[int], ints: list[int]) -> int:
    return 4 * sum(sizes) + 64


def _product(sizes: list[int], ints: list[int]) -> int:
    return math.prod(max(s, 1) for s in sizes)


def _numbers(sizes: list[int], ints: list[int]) -> int:
    """Functions that make an array of a size given by numbers (``np.indices((4, 3))``,
    ``np.vander(x, 5)``, ``np.tri(3)``): at most the product of the numbers, squared, times
    the arrays' elements."""
    return math.prod(max(s, 1) for s in sizes) * math.prod(max(abs(i), 1) for i in ints) ** 2


def _spaced(sizes: list[int], ints: list[int]) -> int:
    """``np.logspace(0, 3, num)``: at most its largest whole number (``num``, 50 unless
    given) of points for each element of the arrays given."""
    return max([abs(i) for i in ints] + [50]) * math.prod(max(s, 1) for s in sizes)


#: NumPy functions asked on stand-ins (see the module's docstring), by how large their result
#: may be, given the elements of the arrays and the whole numbers written in the call
FUNCTIONS: dict[str, Callable[[list[int], list[int]], int]] = {
    **dict.fromkeys(
        ("dstack", "hsplit", "vsplit", "dsplit", "block", "concat", "trace", "diagonal",
         "ediff1d", "gradient", "lexsort", "partition", "argpartition", "permute_dims",
         "matrix_transpose", "unstack", "cumulative_sum", "cumulative_prod", "astype",
         "trapezoid", "real", "imag", "conj", "conjugate", "isin", "polyval", "ix_",
         "asfortranarray", "sort_complex", "linalg.vector_norm", "linalg.matrix_norm",
         "linalg.matrix_transpose", "linalg.diagonal", "linalg.trace", "linalg.norm",
         "expand_dims", "insert", "delete", "flatnonzero", "nonzero", "argwhere", "compress",
         "extract", "trim_zeros", "unravel_index", "ravel_multi_index", "unique_values",
         "unique_counts", "unique_inverse", "unique_all", "setdiff1d", "intersect1d",
         "union1d", "diff", "roll", "average", "fromstring", "frombuffer", "array2string",
         "array_str", "array_repr"),
        _linear,
    ),
    **dict.fromkeys(
        ("cross", "select", "vdot", "vecdot", "matvec", "vecmat", "take", "linalg.matmul",
         "linalg.outer", "linalg.multi_dot", "linalg.vecdot", "linalg.cross",
         "linalg.tensordot"),
        _product,
    ),
    **dict.fromkeys(("indices", "tri", "vander", "histogram2d"), _numbers),
    **dict.fromkeys(("logspace", "geomspace"), _spaced),
}  # fmt: skip
#: functions of :data:`FUNCTIONS` whose outcome depends on the values of the arrays given:
#: asked only when every value is known
VALUED = frozenset(
    {"flatnonzero", "nonzero", "argwhere", "trim_zeros", "unravel_index",
     "ravel_multi_index", "unique_values", "unique_counts", "unique_inverse", "unique_all",
     "setdiff1d", "intersect1d", "union1d", "fromstring", "frombuffer"}
)  # fmt: skip
#: the arguments (by place, and by name) that are the data a function works on: only their
#: shapes and kinds of numbers matter (``"*"``: every argument given by place). Every other
#: argument (an axis, a count, where to insert …) is given to NumPy only when its value is
#: known: ``np.expand_dims(x, n)`` with ``n`` a NumPy number not known is not asked
DATA: dict[str, tuple[int | str, ...]] = {
    **dict.fromkeys(
        ("dstack", "hsplit", "vsplit", "dsplit", "block", "concat", "trace", "diagonal",
         "lexsort", "partition", "argpartition", "permute_dims", "matrix_transpose", "unstack",
         "cumulative_sum", "cumulative_prod", "astype", "real", "imag", "asfortranarray",
         "sort_complex", "linalg.vector_norm", "linalg.matrix_norm", "linalg.matrix_transpose",
         "linalg.diagonal", "linalg.trace", "linalg.norm", "expand_dims", "delete", "vander",
         "linalg.multi_dot", "conj", "conjugate", "roll", "array2string", "array_str",
         "array_repr"),
        (0,),
    ),
    **dict.fromkeys(
        ("cross", "isin", "polyval", "vdot", "vecdot", "matvec", "vecmat", "take",
         "linalg.matmul", "linalg.outer", "linalg.vecdot", "linalg.cross", "linalg.tensordot",
         "histogram2d"),
        (0, 1),
    ),
    "ediff1d": (0, 1, 2, "ary", "to_end", "to_begin"),
    "trapezoid": (0, 1, "y", "x"),
    "diff": (0, "a", "prepend", "append"),
    "average": (0, "a"),  # (weights of zeros sum to zero: their values matter)
    "insert": (0, 2, "arr", "values"),
    "compress": (1, "a"),
    "extract": (1, "arr"),
    "select": (0, 1, 2, "condlist", "choicelist", "default"),
    "gradient": ("*",),
    "ix_": ("*",),
    "logspace": (0, 1, "start", "stop"),  # (geomspace: 0 is refused, so its values count)
}  # fmt: skip
#: array methods asked on stand-ins (methods NumPy has no rule for here), the same way
METHODS: dict[str, Callable[[list[int], list[int]], int]] = {
    **dict.fromkeys(("diagonal", "trace", "view", "conj", "conjugate", "argpartition",
                     "nonzero", "compress", "searchsorted"), _linear),
    "take": _product,
}  # fmt: skip
#: the arguments of a method that are data, besides its array (see :data:`DATA`)
_METHOD_DATA: dict[str, tuple[int | str, ...]] = {"searchsorted": (0, "v"), "take": (0, "indices")}
_VALUED_METHODS = frozenset({"nonzero"})

#: the stand-in dtype of each kind of numbers shapekit knows (None: not known, float taken)
_DTYPES = {"b": "bool", "i": "int64", "f": "float64", None: "float64"}
#: what a dtype written as a Python type is
_PYTHON_TYPES = {"builtins.float": float, "builtins.int": int, "builtins.bool": bool,
                 "builtins.complex": complex}  # fmt: skip
#: the exceptions of NumPy that are no builtins, by name (their ancestors are known apart)
_NUMPY_ERRORS = frozenset({"AxisError", "LinAlgError", "DTypePromotionError"})


class _Unusable(Exception):
    """An argument shapekit cannot give NumPy (its value is needed and not known)."""


class _Call:
    """The stand-ins of one call, with what they tell: whether a dtype was guessed, whether
    every array's values are the file's own, the arrays' sizes and the whole numbers."""

    def __init__(self, need_values: bool) -> None:
        self.need_values = need_values
        self.guessed = False
        self.real = True
        self.sizes: list[int] = []
        self.ints: list[int] = []
        self.given: list[tuple[Any, Operand]] = []
        #: whether the call casts by a rule (casting="safe", "same_kind", "no" …)
        self.strict = False
        #: whether values of views of the arrays given are kept (np.ix_'s index arrays,
        #: stamped when made as every array is: a later write forgets them)
        self.views_kept = False

    def convert(self, op: Operand, valued: bool = False, depth: int = 0) -> Any:
        """The Python or NumPy object that stands in for ``op``."""
        if depth > 8:
            raise _Unusable
        if op.kind == "array":
            return self._array(op, valued or self.need_values)
        if op.kind == "number":
            if type(op.value) not in (int, float, bool):
                raise _Unusable
            if type(op.value) is int:
                self.ints.append(op.value)
            return op.value
        if op.kind == "str" and isinstance(op.value, str):
            return op.value
        if op.kind == "none":
            return None
        if op.kind in ("list", "tuple"):
            items = items_of(op)
            if items is None:
                raise _Unusable
            made = [self.convert(item, valued, depth + 1) for item in items]
            return made if op.kind == "list" else tuple(made)
        if op.kind == "function":
            return _dtype(op)
        if op.kind == "other" and isinstance(op.value, (slice, complex, bytes, type(Ellipsis))):
            return op.value
        raise _Unusable

    def _array(self, op: Operand, valued: bool) -> Any:
        import numpy as np

        if op.shape is None or op.dtype not in _DTYPES:
            raise _Unusable
        elements = math.prod(op.shape)
        self.sizes.append(elements)
        if sum(self.sizes) > MAX_GIVEN:
            raise _Unusable
        value = op.value if values_current(op) else None  # (a write since: not known)
        if value is not None:
            made = np.array(value)  # a copy: what NumPy gives back never shares the file's
            if made.shape != op.shape:
                raise _Unusable
            if made.dtype.kind in "fc" and not np.isfinite(made).all():
                raise _Unusable  # (LAPACK prints its complaints about nan: never asked)
        elif valued:
            raise _Unusable
        else:
            self.real = False
            self.guessed |= op.dtype is None
            made = np.zeros(op.shape, _DTYPES[op.dtype])
        if op.shape == () and not zero_d(op):
            made = made[()]  # a NumPy scalar (np.float64), not an array of 0 dimensions
        self.given.append((made, op))
        return made


def _dtype(op: Operand) -> Any:
    import numpy as np

    from shapekit.engine._numpy_api import DTYPES

    if op.name in _PYTHON_TYPES:
        return _PYTHON_TYPES[op.name]
    name = op.name.removeprefix("numpy.")
    if name in DTYPES:
        return getattr(np, name)
    raise _Unusable


def stand_in(op: Operand) -> Any:
    """The object that stands in for ``op`` in a call of NumPy (zeros for an array whose
    values are not known); raises :class:`_Unusable` when there is none."""
    return _Call(False).convert(op)


#: functions and methods with rules of their own whose arguments NumPy is asked to accept
#: all the same (``np.round(x, "3")``, ``x.astype(np.float32, 3)``): their data, as in
#: :data:`DATA` (a method's array is always data)
VALIDATED: dict[str, tuple[int | str, ...]] = {"round": (0, "a"), "around": (0, "a")}
VALIDATED_METHODS = frozenset({"round", "astype"})


def validate(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand | None:
    """The walker's ``Refused`` when NumPy refuses the arguments of ``np.<name>(...)`` (see
    :data:`VALIDATED`), asked on stand-ins; an unknown when whether it does is not known;
    None otherwise."""
    checked = asked(w, node, name, args, kwargs, VALIDATED[name])
    return checked if checked is not None and checked.kind == "unknown" else None


def asked(
    w: Walker,
    node: ast.Call,
    name: str,
    args: Args,
    kwargs: Kwargs,
    data: tuple[int | str, ...] | None = None,
) -> Operand | None:
    """The operand of ``np.<name>(...)`` as NumPy gives it on stand-ins, or the walker's
    ``Refused`` with what NumPy raises; None when it cannot be asked (a value not known, too
    many elements). ``data``: the data arguments, when not those of :data:`DATA`."""
    bound = FUNCTIONS.get(name, _linear if data is not None else None)
    if bound is None or not _plain(node):
        return None
    import numpy as np

    function: Any = np
    for part in name.split("."):
        function = getattr(function, part, None)
    if function is None:
        return None
    call = _Call(name in VALUED)
    call.views_kept = name == "ix_"
    data = DATA.get(name, ()) if data is None else data
    try:
        given = [
            # np.ix_(mask, cols): a mask's values are which rows, not only its shape; whole
            # numbers known are kept (W[np.ix_(rows, cols)] checks them against W's axes)
            call.convert(
                a,
                valued=not _data(data, i)
                or (
                    name == "ix_"
                    and (a.dtype != "i" or (values_current(a) and a.value is not None))
                ),
            )
            for i, a in enumerate(args)
        ]
        named = {k: call.convert(v, valued=not _data(data, k)) for k, v in kwargs.items()}
    except _Unusable:
        return None
    call.strict = named.get("casting", "unsafe") != "unsafe"
    if "out" in named or bound(call.sizes, call.ints) > MAX_MADE:
        return None
    return _outcome(
        w, node, call, lambda: function(*given, **named), list(zip(node.args, args, strict=False))
    )


def asked_method(
    w: Walker, node: ast.Call, name: str, receiver: Operand, args: Args, kwargs: Kwargs
) -> Operand | None:
    """The operand of the array method ``x.<name>(...)`` as NumPy gives it on a stand-in of
    ``x``, like :func:`asked` (for a method of :data:`VALIDATED_METHODS` too: only what NumPy
    raises then counts)."""
    bound = METHODS.get(name, _linear if name in VALIDATED_METHODS else None)
    if bound is None or not _plain(node) or (name == "view" and (args or kwargs)):
        return None  # (x.view(np.int64): of the dtype's width and the layout, not followed)
    call = _Call(name in _VALUED_METHODS)
    data = _METHOD_DATA.get(name, ())
    try:
        target = call.convert(receiver)
        given = [call.convert(a, valued=not _data(data, i)) for i, a in enumerate(args)]
        named = {k: call.convert(v, valued=not _data(data, k)) for k, v in kwargs.items()}
    except _Unusable:
        return None
    call.strict = named.get("casting", "unsafe") != "unsafe"
    method = getattr(target, name, None)
    if method is None or "out" in named or bound(call.sizes, call.ints) > MAX_MADE:
        return None
    # x.diagonal(): x written; d = x.diagonal … d(): d written
    owner = node.func.value if isinstance(node.func, ast.Attribute) else node.func
    written = [(owner, receiver), *zip(node.args, args, strict=False)]
    return _outcome(w, node, call, lambda: method(*given, **named), written)


#: NumPy's objects indexed to make grids (``np.mgrid[0:4, 0:3]``), asked the same way
GRIDS = frozenset({"numpy.mgrid", "numpy.ogrid"})


def asked_grid(w: Walker, node: ast.Subscript, name: str, index: Operand) -> Operand | None:
    """The operand of ``np.mgrid[...]`` or ``np.ogrid[...]`` as NumPy gives it, when every
    slice's bounds are known (a step ``5j`` counts points), like :func:`asked`."""
    import numpy as np

    call = _Call(False)
    try:
        key = _written_slices(node.slice) or call.convert(index)
    except _Unusable:
        return None
    counts = []
    for part in key if isinstance(key, tuple) else (key,):
        if not isinstance(part, slice) or not isinstance(part.stop, (int, float)):
            return None
        start, step = part.start or 0, 1 if part.step is None else part.step
        if isinstance(step, complex):
            counts.append(int(abs(step)))
        elif isinstance(start, (int, float)) and isinstance(step, (int, float)) and step:
            counts.append(max(0, math.ceil((part.stop - start) / step)))
        else:
            return None
    if math.prod(counts) * max(len(counts), 1) > MAX_MADE:
        return None
    grid = getattr(np, name.removeprefix("numpy."))
    return _outcome(w, node, call, lambda: grid[key], [])


def _written_slices(index: ast.expr) -> tuple[slice, ...] | slice | None:
    """The slices of ``np.mgrid[0:1:5j, -2:2]`` written with numbers (floats and the
    imaginary counts too, which shapekit's slices do not hold)."""
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    made = []
    for part in parts:
        if not isinstance(part, ast.Slice):
            return None
        bounds = []
        for bound in (part.lower, part.upper, part.step):
            try:
                bounds.append(None if bound is None else ast.literal_eval(bound))
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return None
        if not all(b is None or type(b) in (int, float, complex) for b in bounds):
            return None
        made.append(slice(*bounds))
    return tuple(made) if isinstance(index, ast.Tuple) else made[0]


def _plain(node: ast.Call) -> bool:
    """Whether each argument is written in its own place (no ``*args``, no ``**kwargs``)."""
    return not any(isinstance(a, ast.Starred) for a in node.args) and all(
        k.arg is not None for k in node.keywords
    )


def _data(data: tuple[int | str, ...], place: int | str) -> bool:
    """Whether the argument at ``place`` (or of that name) is data (see :data:`DATA`)."""
    return place in data or (isinstance(place, int) and "*" in data)


#: NumPy's words for a cast it refuses ("Cannot cast array data from dtype('int64') …"),
#: not "broadcast"
_CAST = re.compile(r"\bcast", re.IGNORECASE)


def _across_kinds(exc: Exception) -> bool:
    """Whether a cast NumPy refuses goes from floats to whole numbers (or from complex
    numbers to real ones), which it refuses whatever their widths."""
    import numpy as np

    found = re.search(r"from dtype\('([^']+)'\) to dtype\('([^']+)'\)", str(exc))
    if found is None:
        return False
    try:
        source, target = (np.dtype(found.group(i)).kind for i in (1, 2))
    except TypeError:
        return False
    return (source == "f" and target in "iub") or (source == "c" and target != "c")


def _cast_not_known(w: Walker, node: ast.expr) -> Operand:
    return unknown(
        f"`{w.short(node)}` at {w.where(node)}, a cast that depends on how many bits the "
        "numbers have, which is not followed"
    )


def _widths_guessed(call: _Call) -> bool:
    """Whether a stand-in's width is only guessed: whole numbers and floats stand in as 64
    bits, and the file's may be narrower (np.uint8 casts safely to np.float32, np.int64
    does not), so what a cast by a rule does is not known."""
    return any(op.dtype in ("i", "f") for _, op in call.given)


def _outcome(
    w: Walker,
    node: ast.expr,
    call: _Call,
    run: Callable[[], Any],
    written: list[tuple[ast.expr, Operand]],
) -> Operand | None:
    import numpy as np

    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            made = run()
        if call.strict and _widths_guessed(call):  # the file's numbers may not cast so
            return _cast_not_known(w, node)
    except (ValueError, TypeError, IndexError, ArithmeticError) as exc:
        if _CAST.search(str(exc)) and _widths_guessed(call) and not _across_kinds(exc):
            return _cast_not_known(w, node)
        if call.guessed or (_of_values(exc) and not call.real):
            return None  # of a kind of numbers guessed, or of zeros: the real ones may pass
        raise w.refuse(
            node,
            "call",
            _said(w, written) + f"NumPy raises {_article(exc)}: {_first_line(exc)}",
            raises=_builtin(exc),
        ) from None
    except Exception:  # anything else (a MemoryError, a RecursionError …): not judged
        return None
    for held, op in call.given:  # the very array given back (np.real(x) is x)
        if made is held:
            return op
    return _operand(made, call)


def _operand(made: Any, call: _Call, depth: int = 0) -> Operand | None:
    import numpy as np

    if isinstance(made, np.ndarray) and type(made) is not np.ndarray:
        return None  # a subclass (np.matrix, whose * multiplies matrices): not followed
    if isinstance(made, np.ndarray):
        if made.dtype.kind not in "biuf" or made.size > MAX_MADE:
            kind = None
        else:
            kind = {"u": "i"}.get(made.dtype.kind, made.dtype.kind)
        viewed = [
            op
            for held, op in call.given
            if isinstance(held, np.ndarray) and np.may_share_memory(made, held)
        ]
        shared = bool(viewed) and any(
            isinstance(held, np.ndarray) and np.shares_memory(made, held) for held, _ in call.given
        )
        keep = (
            call.real
            and (not shared or call.views_kept)
            and made.size <= MAX_VALUE_ELEMENTS
            and kind is not None
        )
        result = array(made.shape, made if keep else None, None if call.guessed else kind)
        if shared and (not made.flags.writeable or any(op.readonly for op in viewed)):
            # a read-only view (np.diagonal's), or a view of an array NumPy will not write
            result = replace(result, readonly=True)
        return replace(result, name=ZERO_D) if made.ndim == 0 else result
    if isinstance(made, np.generic):
        if made.dtype.kind not in "biuf":
            return array(())
        kind = {"u": "i"}.get(made.dtype.kind, made.dtype.kind)
        return array((), np.asarray(made) if call.real else None, None if call.guessed else kind)
    if isinstance(made, (bool, int, float)):
        return number(made if call.real else None)
    if isinstance(made, str):  # np.array2string(x): text (its words only of real values)
        return Operand("str", value=made if call.real and len(made) <= MAX_TEXT else None)
    if isinstance(made, (tuple, list)) and depth < 2:
        items = [_operand(item, call, depth + 1) for item in made]
        if any(item is None for item in items):
            return None
        kind = "list" if isinstance(made, list) else "tuple"
        return sequence(kind, tuple(i for i in items if i is not None), new_ident())
    return None


def _of_values(exc: BaseException) -> bool:
    """Whether ``exc`` may come of the values given (zeros divided by, a singular matrix, a
    decomposition that does not converge), not of the shapes alone."""
    said = str(exc)
    values = ("converge", "ingular", "positive definite")
    return isinstance(exc, ArithmeticError) or (
        _builtin(exc) == "LinAlgError" and any(v in said for v in values)
    )


def _said(w: Walker, written: list[tuple[ast.expr, Operand]]) -> str:
    """What the call is given, for the message: the shape of each array written in it (in
    a list written out too: ``np.dstack([w, b])``)."""
    parts: list[str] = []
    for text, op in written:
        if op.kind == "array" and not isinstance(text, ast.Constant):
            parts.append(f"{w.source(text)} is {describe(op)}")
        elif isinstance(text, (ast.List, ast.Tuple)) and op.kind in ("list", "tuple"):
            items = items_of(op) or ()
            if len(items) == len(text.elts):
                parts.extend(
                    f"{w.source(t)} is {describe(i)}"
                    for t, i in zip(text.elts, items, strict=True)
                    if i.kind == "array"
                )
    return "; ".join(parts[:4]) + ("; " if parts else "")


def _article(exc: BaseException) -> str:
    name = _builtin(exc)
    return f"an {name}" if name[0] in "AEIOU" else f"a {name}"


def _builtin(exc: BaseException) -> str:
    """The name under which ``exc`` is caught: its own class when a builtin or one of NumPy's
    known errors, else its first ancestor that is."""
    for cls in type(exc).__mro__:
        if cls.__name__ in _NUMPY_ERRORS or getattr(builtins, cls.__name__, None) is cls:
            return cls.__name__
    return "Exception"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
