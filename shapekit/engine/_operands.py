"""What the program interpreter knows about a value: an :class:`Operand`.

An operand is what a name or an expression holds as far as shapes go: a NumPy array of a
known shape (and perhaps its values), a Python number, a Python list or tuple (its items, or
its literal value and the syntax node it was written as), a module or function, or an honest
*unknown* with the reason. Python's own rules about lists (``[1, 2] + [3]`` joins them, a list
has no ``.T``) are kept apart from NumPy's, because running the file would keep them apart.

>>> ops = literal_list([[1, 2], [3, 4]])
>>> ops.kind, array_shape(ops)
('list', (2, 2))
>>> array_shape(unknown("`load()` at line 3, which cannot be followed"))
"""

from __future__ import annotations

import ast
import contextlib
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from shapekit.engine.explanation import format_shape
from shapekit.errors import RaggedError, ShapeError, detached

Shape = tuple[int, ...]

#: kinds of operand that NumPy reads as an array (with a shape)
ARRAYLIKE = frozenset({"array", "number", "list", "tuple"})
#: longest list whose items are followed one by one (longer ones keep only their shape)
MAX_ITEMS = 10_000
#: most elements of an array whose values are computed (above it only the shape is kept)
MAX_VALUE_ELEMENTS = 100_000


@dataclass(slots=True)
class Operand:
    """One value as the interpreter knows it (never changed once made: a changed value is a
    new operand, made with :func:`dataclasses.replace`; the class is not frozen only because
    a frozen dataclass is four times slower to make, and operands are made by the thousand).

    ``kind`` is ``array`` (a NumPy array or NumPy scalar), ``number`` (a Python int, float or
    bool), ``list``/``tuple``, ``str``, ``none``, ``other`` (another Python object with a
    literal ``value``), ``module``/``function``/``method``/``generator``/``userfunc`` (things
    to call), ``unknown`` (``reason`` says why) or ``error`` (running would fail: ``error``).
    """

    kind: str
    shape: Shape | None = None
    value: Any = None
    items: tuple[Operand, ...] | None = None
    reason: str | None = None
    node: ast.AST | None = None
    name: str = ""
    bound: Operand | None = None
    error: ShapeError | None = None
    place: tuple[int | None, str] | None = None  # (cell, text) the literal node is written in
    dtype: str | None = None  # "b", "i" or "f" for an array when known
    ident: tuple[int, ...] = ()  # which Python list this is (a sub-list extends its parent's)
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: when an array's values were made (see :func:`values_written`): values made before the
    #: last write into any array may be stale, and are not used
    made: int = field(default=0, compare=False, repr=False)
    #: an array NumPy will not write into (``np.broadcast_to``'s, ``x.setflags(write=False)``,
    #: a view of one); False also when not known
    readonly: bool = field(default=False, compare=False, repr=False)
    #: how far apart an array's elements lie along each axis, in elements, when known (an
    #: array NumPy makes is C-contiguous, ``x.T`` reverses them, ``x[:, ::2]`` doubles one):
    #: whether ``x.shape = …`` can view the same memory in that shape
    strides: tuple[int, ...] | None = field(default=None, compare=False, repr=False)


#: the ``name`` of an array of 0 dimensions (``np.array(2.5)``), which Python and NumPy treat
#: apart from a NumPy scalar (``np.float64``, what reductions and items give): a list times it
#: is computed, not refused; in place it keeps its shape
ZERO_D = "an array of 0 dimensions"


def zero_d(op: Operand) -> bool:
    """Whether ``op`` is an array of 0 dimensions, not a NumPy scalar.

    >>> zero_d(Operand("array", (), name=ZERO_D)), zero_d(array(()))
    (True, False)
    """
    return op.kind == "array" and op.shape == () and op.name == ZERO_D


def unknown(reason: str) -> Operand:
    """An operand nothing is known about, with the reason (a phrase: where it comes from)."""
    return Operand("unknown", reason=reason)


def number(value: Any = None) -> Operand:
    """A Python number (its value when known)."""
    return Operand("number", (), value)


def array(shape: Shape, value: Any = None, dtype: str | None = None) -> Operand:
    """A NumPy array of ``shape`` (its values when known and not too many) and the kind of
    its numbers (``dtype``: ``"b"``, ``"i"``, ``"f"`` or ``None`` when not known)."""
    if value is not None:
        dtype = KIND_LETTERS.get(getattr(getattr(value, "dtype", None), "kind", ""), dtype)
        if _size(shape) > MAX_VALUE_ELEMENTS:
            value = None
        return Operand("array", tuple(shape), value, dtype=dtype, made=_WRITES[0])
    return Operand("array", tuple(shape), value, dtype=dtype)


#: how many times the program followed may have written into an array in place (an item
#: set, ``+=``, ``out=``, ``.sort()``, ``np.copyto`` …): values of arrays made before the last
#: write are not used, since the array, or another it is a view of, may have changed
_WRITES = [0]


#: the key, in an operand's ``memo``, of the lists (by their ``ident``) an iterator reads
#: as it goes (``iter(a)``, ``zip(a, b)``): one of them changed, what it gives is not known
READS = "reads"

#: the key, in an operand's ``memo``, of n for an array that holds each of 0 … n-1 once, in
#: an order not known (``rng.permutation(n)``): an index past n-1 is certainly among them
COVERS = "covers"
#: the key, in an operand's ``memo``, of k for an array of k whole numbers from 0 up, each
#: another (``rng.choice(n, k, replace=False)``): one of them is k-1 or more
DISTINCT = "distinct"
#: the key of an array's ``memo`` holding a number all its values are below, each drawn at
#: random from 0 up (``rng.integers(0, 4, size=10)``, a part of ``rng.permutation(12)``): an
#: axis shorter may meet one or not
DRAWN = "drawn below"
#: the key, in an unknown operand's ``memo``, of the shapes it has on each way through the
#: code that made it (an if/else whose branches give it different shapes): an operation
#: that fails for one of them is a possible problem (see Walker.either_fails)
EITHER = "one of the shapes"
#: the key of a whole number's ``memo`` holding (first, last, line): the number is one of
#: first … last, the items of the loop at that line whose steps are merged (followed once)
SPAN = "one of"


def drawn_kept(made: Operand, base: Operand) -> Operand:
    """``made``, elements taken from ``base`` (a slice, an index, a section of a split): when
    ``base`` holds whole numbers from 0 up below some n (``rng.permutation(n)``,
    ``rng.integers(0, n, size)``, labels written out), so do they, which ones not known."""
    if made.kind != "array" or base.kind != "array" or made.value is not None:
        return made
    bound = base.memo.get(DRAWN, base.memo.get(COVERS))
    if type(bound) is not int and base.dtype == "i" and base.value is not None:
        values = array_value(base)  # y[sel] of labels written out: which ones, not known
        if values is not None and values.size and values.dtype.kind in "iu" and values.min() >= 0:
            bound = int(values.max()) + 1
    if type(bound) is not int or not values_current(base):
        return made
    return replace(made, memo={**made.memo, DRAWN: bound}, made=written_count())


#: the key, in an operand's ``memo``, of the NumPy name of an array's integer dtype when a
#: ``dtype=`` gives it (``"uint8"``): a Python integer outside its range is NumPy 2's
#: OverflowError in arithmetic with it (NEP 50) and written into it
WIDTH = "width"


def width_of(op: Operand) -> str | None:
    """The integer dtype (``"int8"`` …) of the array ``op`` when it is known."""
    found = op.memo.get(WIDTH) if op.kind == "array" and op.dtype == "i" else None
    return found if isinstance(found, str) else None


def written_count() -> int:
    """How many writes into arrays the program has made so far (what an array's values
    made now are stamped with: see :func:`values_written`)."""
    return _WRITES[0]


def values_written(block: int | None = None) -> None:
    """The program writes into an array in place here: every array's values known so far
    may have changed (views share their values, and are not followed), so none is used;
    but for those in another :func:`block_of` memory than ``block``, when it is known."""
    _WRITES[0] += 1
    if len(_BLOCK_WRITES) > _MAX_BLOCKS:  # (a long run: forgotten, as a write of any)
        _BLOCK_WRITES.clear()
        block = None
    _BLOCK_WRITES[block] = _WRITES[0]


def values_current(op: Operand) -> bool:
    """Whether the values the array ``op`` was made with are still its own: no array was
    written into since, or none that may share its memory."""
    if op.made == _WRITES[0]:
        return True
    block = block_of(op)
    return (
        block is not None
        and _BLOCK_WRITES.get(None, 0) <= op.made
        and _BLOCK_WRITES.get(block, 0) <= op.made
    )


#: the key, in an array's ``memo``, of ``(block, operand)``: the allocation of memory the
#: very operand's elements lie in, trusted for that operand only (an operand made from it
#: by :func:`dataclasses.replace` may be another array). Two arrays of two blocks share no
#: element, so a write into one leaves the other's values known
BLOCK = "block"
#: the last block given (see :func:`new_block`)
_BLOCKS = [0]
#: when each block was last written into (the count of writes then); None: memory not known
_BLOCK_WRITES: dict[int | None, int] = {}
_MAX_BLOCKS = 4096


def new_block() -> int:
    """A block of memory no array has yet (what NumPy allocates for a new array)."""
    _BLOCKS[0] += 1
    return _BLOCKS[0]


def block_of(op: Operand) -> int | None:
    """The block of memory the array ``op`` lies in, when known."""
    return own_fact(op, BLOCK) if op.kind == "array" else None


def in_block(op: Operand, block: int | None) -> None:
    """Keep on the array ``op`` that it lies in ``block``."""
    if block is not None and op.kind == "array":
        keep_fact(op, BLOCK, block)


def own_fact(op: Operand, key: str) -> Any:
    """What ``op``'s memo says under ``key`` of that very operand (see :func:`keep_fact`),
    or None: an operand made from it by :func:`dataclasses.replace` shares its memo, and
    may be another array."""
    found = op.memo.get(key)
    return found[0] if isinstance(found, tuple) and found[1] is op else None


def keep_fact(op: Operand, key: str, value: Any) -> None:
    """Keep ``value`` under ``key`` of ``op``'s memo, for that very operand (two values said
    of one operand: neither is kept)."""
    known = own_fact(op, key)
    if known is not None and known != value:
        del op.memo[key]
    else:
        op.memo[key] = (value, op)


#: the key of an array's ``memo`` saying its values are those a write in place being
#: followed gives it (``np.add(a, b, out=x)``): known once that write is counted
WRITTEN_HERE = "written here"
#: the key of an operand's ``memo`` holding the text of ``io.StringIO(text)``
STRING_IO = "io.StringIO text"
#: the kind of numbers (``"b"``, ``"i"``, ``"f"``) of each NumPy dtype kind followed
KIND_LETTERS = {"b": "b", "i": "i", "u": "i", "f": "f"}
#: how messages name each kind of numbers
KIND_WORDS = {"b": "booleans", "i": "integers", "f": "floats", "c": "complex numbers"}
#: the order in which NumPy promotes the kinds of numbers
PROMOTION = "bif"


def dtype_of(op: Operand) -> str | None:
    """The kind of numbers NumPy would make of ``op`` (``"b"``, ``"i"``, ``"f"``), if known."""
    if op.kind == "array":
        return op.dtype
    if op.kind == "number":
        value = op.value
        if isinstance(value, bool):
            return "b"
        if value is None:  # float(x): a float whose value is not known
            return op.dtype
        return "i" if isinstance(value, int) else "f" if isinstance(value, float) else None
    if op.kind in ("list", "tuple") and op.items is None and op.value is not None:
        return _memo(op, "dtype", lambda: _literal_kind(op.value))
    if op.kind in ("list", "tuple") and op.items is not None:
        items = op.items
        return _memo(op, "dtype", lambda: _items_kind(items))
    return None


def _items_kind(items: tuple[Operand, ...]) -> str | None:
    """The kind of numbers NumPy makes of a list of these items (once per list)."""
    kinds = [dtype_of(item) for item in items]
    if not kinds or any(k is None or k not in PROMOTION for k in kinds):
        return None  # not known, or text among them
    return max(kinds, key=lambda k: PROMOTION.index(k or "b"))


def _literal_kind(value: Any) -> str | None:
    """The kind of numbers NumPy makes of a literal list, found without NumPy.

    Depth by depth, on the set of the types met (a literal holds exact built-in types only).

    >>> _literal_kind([[1, 2.5], (True, 3)]), _literal_kind([1, "a"]), _literal_kind([[]])
    ('f', None, 'f')
    """
    kinds: set[str] = set()
    level = [value]
    while level:
        types = set(map(type, level))
        leaves = types - _SEQUENCES
        for kind in leaves:
            found = _KIND_OF_TYPE.get(kind)
            if found is None:
                return None
            kinds.add(found)
        if len(leaves) == len(types):
            break
        if leaves:
            level = [item for item in level if type(item) in _SEQUENCES]
        level = list(itertools.chain.from_iterable(level))
    return max(kinds, key=PROMOTION.index) if kinds else "f"


_SEQUENCES = frozenset({list, tuple})
_KIND_OF_TYPE = {bool: "b", int: "i", float: "f"}


def promoted(a: str | None, b: str | None) -> str | None:
    """The kind of the result of an arithmetic operation on kinds ``a`` and ``b``."""
    if a is None or b is None or a not in PROMOTION or b not in PROMOTION:
        return None  # not known, or text ("x"): not a kind of numbers
    return max(a, b, key=PROMOTION.index)


def result_kind(op: str, a: str | None, b: str | None) -> str | None:
    """The kind of numbers NumPy's binary operation ``op`` gives operands of kinds ``a`` and
    ``b``: booleans for a comparison, floats for a division, whole numbers (int8) for ``//``,
    ``%`` and ``**`` of booleans, else the promoted kind."""
    if op in ("compare", "logical"):
        return "b"
    if op in ("div", "heaviside"):
        return "f"
    kind = promoted(a, b)
    return "i" if kind == "b" and op in ("floordiv", "mod", "pow") else kind


_IDENTS = itertools.count(1)


def new_ident() -> tuple[int, ...]:
    """A new list's identity (lists are mutable: who else holds this one matters)."""
    return (next(_IDENTS),)


#: the longest text whose value is kept (keys, file names and labels are short)
MAX_TEXT = 10_000


def wide_spec(spec: str) -> bool:
    """Whether a format spec asks for a width or precision of tens of thousands or more
    (such text is not written out here)."""
    return any(len(digits) > 4 for digits in re.findall(r"[0-9]+", spec))


def known_text_value(value: Operand) -> str | None:
    """What ``str(value)`` is, for a number or text whose value is known; else None."""
    if value.kind == "number" and type(value.value) in (int, float, bool):
        return str(value.value)
    if value.kind == "str" and isinstance(value.value, str):
        return value.value
    return None


def sequence(kind: str, items: tuple[Operand, ...], ident: tuple[int, ...] = ()) -> Operand:
    """A list or tuple built item by item (``ident``: the list it stays, when changed)."""
    ident = ident or new_ident()
    if len(items) > MAX_ITEMS:
        shape = item_shapes_shape(items)
        return (
            Operand(kind, shape, ident=ident)
            if isinstance(shape, tuple)
            else unknown(f"a {kind} of more than {MAX_ITEMS} items built one by one")
        )
    return Operand(kind, items=items, ident=ident)


def literal_list(
    value: Any, node: ast.AST | None = None, place: tuple[int | None, str] | None = None
) -> Operand:
    """A list or tuple written out as a literal (``value`` is the Python object)."""
    kind = "tuple" if isinstance(value, tuple) else "list"
    return Operand(kind, value=value, node=node, place=place, ident=new_ident())


def from_python(value: Any) -> Operand:
    """The operand of a literal Python value (a number, a string, a list …)."""
    if isinstance(value, (bool, int, float)):
        return number(value)
    if isinstance(value, (list, tuple)):
        return literal_list(value)
    if isinstance(value, str):
        return Operand("str", value=value)
    if value is None:
        return Operand("none")
    return Operand("other", value=value)


def _size(shape: Shape) -> int:
    size = 1
    for d in shape:
        size *= d
    return size


def size(shape: Shape) -> int:
    """The number of elements of an array of ``shape``."""
    return _size(shape)


#: the iterators that give their items once (a range gives them again each time)
ONE_SHOT = frozenset(
    {"zip", "map", "enumerate", "generator", "reversed", "product", "iter", "islice"}
    | {"csv.reader", "csv.DictReader"}
)


def length(op: Operand) -> int | None:
    """How many items iterating over ``op`` gives, when known."""
    if op.kind == "iter":
        if op.items is not None:
            return len(op.items)
        return len(op.value) if isinstance(op.value, range) else None
    if op.kind in ("list", "tuple"):
        if op.items is not None:
            return len(op.items)
        if op.value is not None:
            return len(op.value)
        return op.shape[0] if op.shape else None
    if op.kind == "array" and op.shape:
        return op.shape[0]
    if op.kind == "str" and isinstance(op.value, str):
        return len(op.value)
    if op.kind == "dict" and not (op.value.dynamic or op.value.open or op.value.unlisted):
        return len(op.value.attrs)  # (open: it may hold keys not known, or lack some)
    return None


def items_of(op: Operand) -> tuple[Operand, ...] | None:
    """The operands iterating over ``op`` gives (rows of an array, items of a list)."""
    if op.kind == "instance":  # a NamedTuple's: its fields, in order
        return _fields_of(op)
    n = length(op)
    if n is None or n > MAX_ITEMS:
        return None
    if op.kind == "iter":
        return op.items
    if op.kind in ("list", "tuple"):
        if op.items is not None:
            return op.items
        if op.value is not None:
            return tuple(_item(v, (*op.ident, i)) for i, v in enumerate(op.value))
        if op.shape is None:
            return None
        row = op.shape[1:]
        return tuple(
            Operand("list", row, ident=(*op.ident, i)) if row else number() for i in range(n)
        )
    if op.kind == "array" and op.shape and op.dtype == "x":
        # an array of text (or of objects): its rows are such arrays, and an element is a
        # string (np.str_) or another object, not followed
        if len(op.shape) == 1:
            return tuple(unknown("an element of an array of text") for _ in range(n))
        return tuple(Operand("array", op.shape[1:], dtype="x", error=op.error) for _ in range(n))
    if op.kind == "array" and op.shape:
        values = array_value(op)
        rows = None if values is None else list(values)
        return tuple(
            array(op.shape[1:], None if rows is None else rows[i], op.dtype) for i in range(n)
        )  # the rows keep the array's kind of numbers
    if op.kind == "str" and isinstance(op.value, str):
        return tuple(Operand("str", value=c) for c in op.value)
    if op.kind == "dict":
        return tuple(from_python(key) for key in op.value.attrs)
    return None


def _fields_of(op: Operand) -> tuple[Operand, ...] | None:
    """The fields of an instance of a ``typing.NamedTuple`` class of the file, in order."""
    space = op.value
    cls = getattr(space, "cls", None)
    if cls is None or cls.fields is None or space.dynamic:
        return None
    found = tuple(space.attrs.get(name) for name in cls.fields)
    return None if any(f is None for f in found) else found


def _item(value: Any, ident: tuple[int, ...]) -> Operand:
    """An item of a literal list: a sub-list keeps its place in its parent as identity."""
    if isinstance(value, (list, tuple)):
        return replace(literal_list(value), ident=ident)
    return from_python(value)


def contains(op: Operand, ident: tuple[int, ...], depth: int = 0) -> bool:
    """Whether ``op`` is, or holds, the list ``ident`` (so changing that list changes it)."""
    if op.kind not in ("list", "tuple", "iter") or not ident or depth > 64:
        return False
    if op.ident and ident[: len(op.ident)] == op.ident:
        return True
    inner = op.memo.get("lists")
    if inner is None:  # the items that may hold lists, found once (an operand never changes)
        inner = op.memo["lists"] = tuple(
            item for item in op.items or () if item.kind in ("list", "tuple", "iter")
        )
    return any(contains(item, ident, depth + 1) for item in inner)


def item_shapes_shape(items: tuple[Operand, ...]) -> Shape | ShapeError | None:
    """The array shape of a list of operands: ``(n,) + item shape``; an error when ragged."""
    shapes = []
    for item in items:
        found = array_shape(item)
        if not isinstance(found, tuple):
            return found
        shapes.append(found)
    if not shapes:
        return (0,)
    first = shapes[0]
    for i, other in enumerate(shapes):
        if other != first:
            return RaggedError(
                f"item {i} has the shape {format_shape(other)} but item 0 has "
                f"{format_shape(first)}, so the items do not make one array",
                axis=1,
                path=(i,),
                expected=first,
                found=other,
            )
    return (len(shapes), *first)


def array_shape(op: Operand) -> Shape | ShapeError | None:
    """The shape ``np.asarray`` gives ``op``, a :class:`ShapeError` when NumPy refuses it,
    or ``None`` when it is not known."""
    if op.kind == "error":
        return None
    if op.kind in ("array", "number"):
        return op.shape
    if op.kind in ("list", "tuple"):
        if op.items is not None:  # once per list: rows shared by reference are measured once
            return _memo(op, "shape", lambda: item_shapes_shape(op.items))
        if op.value is not None:
            return _memo(op, "shape", lambda: literal_shape(op.value))
        return op.shape
    return None


def complex_shape(op: Operand) -> Shape | None:
    """The shape of a list written out with complex numbers among its numbers (``[1j, 2]``,
    which ``shapekit.shape`` refuses as no real numbers, and NumPy computes with)."""
    raw = op.value if op.kind in ("list", "tuple") and op.items is None else None
    if raw is None:
        return None
    import numpy as np

    try:
        made = np.asarray(raw)
    except (ValueError, TypeError, OverflowError):
        return None
    return tuple(made.shape) if made.dtype.kind == "c" else None


def _memo(op: Operand, key: str, compute: Any) -> Any:
    """``compute()`` once per operand (literal lists are converted and measured once)."""
    if key not in op.memo:
        op.memo[key] = compute()
    return op.memo[key]


def literal_shape(value: Any, name: str | None = None) -> Shape | ShapeError:
    """``shapekit.shape`` of a literal value (booleans count as numbers, as in NumPy)."""
    from shapekit.shapes import shape

    try:
        return shape(value, name=name, allow_bool=True)
    except ShapeError as error:
        return detached(error)


def array_value(op: Operand) -> Any:
    """The values of ``op`` as a NumPy array, when known, valid and not too many."""
    found = array_shape(op)
    if not isinstance(found, tuple) or _size(found) > MAX_VALUE_ELEMENTS or len(found) > 64:
        return None
    if op.kind == "array":
        return op.value if values_current(op) else None
    if op.kind == "number":
        if op.value is None:
            return None
        import numpy as np

        return np.asarray(op.value)
    return _memo(op, f"value{_WRITES[0]}", lambda: _converted(op))  # (stale after a write)


def _converted(op: Operand) -> Any:
    raw = op.value if op.items is None else _items_value(op.items)
    if raw is None:
        return None
    import numpy as np

    # (Python's numbers and lists of them: NumPy computes nothing, so nothing warns)
    try:
        return np.asarray(raw)
    except (ValueError, TypeError, OverflowError, MemoryError):  # (past 64 dimensions …)
        return None


def dyadic(values: Any, bound: int) -> bool:
    """Whether every number of the array ``values`` is a whole number below ``bound`` once
    multiplied by one power of two up to 2**16 (``0.5``, ``0.25``, ``3``): sums of such
    numbers, and products of two, are then exact in float64 whatever their order (below
    2**53 times that power), so NumPy gives the same on every machine.

    >>> import numpy as np
    >>> dyadic(np.array([0.5, 2.0, -0.25]), 2**16), dyadic(np.array([0.1]), 2**16)
    (True, False)
    """
    import numpy as np

    if not values.size:
        return True
    if values.dtype.kind in "biu":
        return bool((np.abs(values) < bound).all())
    finest = values * 65536.0  # (NaN and infinity fail here too)
    if not (finest == np.rint(finest)).all():
        return False  # (0.1, 0.2 …: the common case, in one pass)
    for power in (1, 2**4, 2**8, 2**16):
        scaled = values * power
        if (scaled == np.rint(scaled)).all():
            return bool((np.abs(scaled) < bound).all())
    return False


def _items_value(items: tuple[Operand, ...]) -> list[Any] | None:
    values = []
    for item in items:
        if item.kind == "number":
            value = item.value  # (a Python number, as np.asarray takes it in a list)
        elif item.kind in ("list", "tuple") and item.items is None:
            value = item.value
        else:
            value = array_value(item)
        if value is None:
            return None
        values.append(value)
    return values


#: most results a table of :func:`remember` keeps (it starts afresh past it)
MAX_REMEMBERED = 4096


def remember(table: dict[Any, Any], key: Any, value: Any) -> None:
    """Keep a pure result ``value`` under ``key`` in ``table``, which never grows past a bound.

    >>> table = {}
    >>> remember(table, ("add", (3,), (3,)), (3,))
    >>> table
    {('add', (3,), (3,)): (3,)}
    """
    if len(table) >= MAX_REMEMBERED:
        table.clear()
    table[key] = value


def ambiguous(op: Operand) -> int | None:
    """How many elements ``op`` has when it is an array of more than one, whose truth
    (``if x > 0:``) NumPy refuses with a ValueError; None otherwise."""
    if op.kind != "array" or op.shape is None:
        return None
    count = _size(op.shape)
    return count if count > 1 else None


def known_truth(op: Operand) -> bool | None:
    """Whether a condition is true, when its value is known (a number, text or None);
    None when it is not known.

    >>> known_truth(number(0)), known_truth(from_python(None)), known_truth(number())
    (False, False, None)
    """
    if op.kind in ("number", "str", "none") and (op.value is not None or op.kind == "none"):
        return bool(op.value)
    if op.kind == "array" and op.shape is not None and op.dtype in ("b", "i", "f"):
        if _size(op.shape) != 1:  # (more elements: NumPy refuses; none: refused too)
            return None
        values = array_value(op)  # x.sum() == 7: a NumPy bool whose value is known
        return None if values is None else bool(values.reshape(()))
    return None


def unhashable(op: Operand, depth: int = 0) -> str | None:
    """The type Python names when ``op`` is hashed or used as a key (``'list'``), or None:
    hashable or not known (an array of no dimensions may stand for a NumPy number here)."""
    if op.kind in ("list", "dict", "set"):
        return op.kind
    if op.kind == "array" and op.shape:  # a 0-d array may stand for a NumPy scalar here
        return "numpy.ndarray"
    if op.kind == "tuple" and depth < 8:
        for item in items_of(op) or ():
            inner = unhashable(item, depth + 1)
            if inner is not None:
                return inner
    return None


def with_reason(op: Operand, reason: str) -> Operand:
    """``op`` as an unknown with ``reason``, unless it already is one."""
    return op if op.kind == "unknown" else replace(op, kind="unknown", reason=reason, memo={})


def describe(op: Operand) -> str:
    """A short phrase for what ``op`` is (for messages)."""
    names = {
        "list": "a Python list",
        "tuple": "a Python tuple",
        "number": "a Python number",
        "str": "a string",
        "none": "None",
        "module": f"the module {op.name}",
        "function": (
            f"Python's built-in {op.name.removeprefix('builtins.')}"
            if (op.name or "").startswith("builtins.")
            else f"the function {op.name}"
        ),
        "method": f"the method {op.name}",
        "generator": "a random number generator",
        "userfunc": f"the function {op.name}()",
        "partial": f"a partial of the function {op.name}()",
        "instance": f"an instance of {op.name}",
        "class": f"the class {op.name}",
        "dict": "a dict",
    }
    if op.kind == "array":
        if op.shape == ():
            return "a NumPy scalar"
        return f"an array of shape {format_shape(op.shape)}"
    if op.kind == "iter" and op.name == "generator":
        return "a generator (list(...) makes a list of what it gives)"
    if op.kind == "iter" and op.name in ("zip", "map", "range"):
        return f"a {op.name} object (list(...) makes a list of what it gives)"
    return names.get(op.kind, "a Python object")


@contextlib.contextmanager
def lazily(host: Any, why: str) -> Iterator[None]:
    """Follow code Python runs only when (and if) something reads it (a generator's items,
    ``map()``'s calls, a function NumPy calls once per slice): what it changes in place is
    unknown, for ``why`` (see ``ProgramHost.lazy``; inside such code already, the outer
    reason stays)."""
    saved = host.lazy
    if saved is None:
        host.lazy = why
    try:
        yield
    finally:
        host.lazy = saved


#: the most bytes a stand-in of an array's layout may span (see :func:`laid_out`)
MAX_LAYOUT = 1 << 22


def c_strides(shape: Shape) -> tuple[int, ...]:
    """The strides, in elements, of a C-contiguous array of ``shape`` (NumPy's own layout).

    >>> c_strides((3, 4, 5)), c_strides(())
    ((20, 5, 1), ())
    """
    strides = []
    step = 1
    for d in reversed(shape):
        strides.append(step)
        step *= max(d, 1)
    return tuple(reversed(strides))


def copied_layout(op: Operand) -> tuple[int, ...] | None:
    """The strides of a copy of ``op`` that keeps its order of axes in memory (NumPy's
    ``order="K"``: ``np.array(x.T)``, ``x.T * 2``, ``np.exp(x.T)``), when ``op``'s layout is
    known."""
    shape, strides = op.shape, op.strides
    if shape is not None and strides is not None:
        if strides == c_strides(shape):
            return strides  # (a copy of a C-ordered array is C-ordered: no stand-in needed)
        if strides == c_strides(shape[::-1])[::-1]:
            return strides  # (and of a Fortran-ordered one, Fortran-ordered)
    import numpy as np

    return laid_out(op, lambda a: np.copy(a, order="K"))


def laid_out(op: Operand, change: Any) -> tuple[int, ...] | None:
    """The strides of the view ``change`` makes of ``op`` (NumPy is asked, on a stand-in of
    one byte per element laid out as ``op`` is: ``lambda a: a[:, ::2]``), or None when
    ``op``'s layout is not known, or NumPy refuses. ``change`` may set ``.shape`` (which
    raises AttributeError when no view of that shape exists): that is left to the caller."""
    shape, strides = op.shape, op.strides
    if shape is None or strides is None or len(shape) != len(strides):
        return None
    import numpy as np
    from numpy.lib.stride_tricks import as_strided

    if any(d == 0 for d in shape):
        span, start = 1, 0
    else:
        span = 1 + sum(abs(s) * (d - 1) for d, s in zip(shape, strides, strict=True))
        start = sum(-s * (d - 1) for d, s in zip(shape, strides, strict=True) if s < 0)
    if span > MAX_LAYOUT:
        return None
    memory = np.zeros(span, dtype=np.int8)
    stand = as_strided(memory[start:], shape=shape, strides=strides, writeable=False)
    try:
        made = change(stand)
    except (IndexError, ValueError, TypeError):  # NumPy refuses it (judged elsewhere)
        return None
    if made is None:
        return None
    if not isinstance(made, np.ndarray):
        return None
    if not np.may_share_memory(made, memory):  # a copy, laid out as NumPy chose (order="K")
        return tuple(s // made.itemsize for s in made.strides)
    return tuple(made.strides)


def possible(w: Any, refused: Any, what: str) -> None:
    """Report ``refused`` (whose ``depends`` says what it depends on) as a possible problem
    where ``w`` is, and go on: running may stop there (``what``), or go on with the result."""
    report = getattr(w.host, "report", None)
    halt = getattr(w.host, "may_halt", None)
    if w.dry or report is None or halt is None:
        return
    report(w, refused, refused.node)
    halt(refused.node, what, getattr(refused.error, "raises", None))  # (the error it may be)


def placed_call(node: ast.Call, count: int) -> ast.Call:
    """``node`` with one argument written for each of the ``count`` operands given by place,
    as the rules read them (``node.args[1]`` is what the second operand is written as):
    ``divmod(*(x, 2))`` as ``divmod(x, 2)``; an operand of a star not written out is written
    as what the star unpacks (``f(*pair)``: ``pair`` for each). ``node`` itself when its
    arguments are written one by one already."""
    if not any(isinstance(a, ast.Starred) for a in node.args) and len(node.args) == count:
        return node
    made: dict[int, ast.Call] = node.__dict__.setdefault("shapekit_placed", {})
    if count not in made:  # (one node for each count: what is remembered of it stays)
        made[count] = _placed(node, count)
    return made[count]


def _placed(node: ast.Call, count: int) -> ast.Call:
    written: list[ast.expr] = []
    for given in node.args:
        if not isinstance(given, ast.Starred):
            written.append(given)
        elif isinstance(given.value, (ast.Tuple, ast.List)) and not any(
            isinstance(e, ast.Starred) for e in given.value.elts
        ):
            written.extend(given.value.elts)
        else:
            written.append(given.value)
    while 0 < len(written) < count:  # (a star of what is not written out stands for several)
        written.append(next(a.value for a in reversed(node.args) if isinstance(a, ast.Starred)))
    placed = ast.Call(func=node.func, args=written[:count], keywords=node.keywords)
    return ast.copy_location(placed, node)


def slice_operand(parts: Sequence[tuple[ast.expr, Operand] | None]) -> Operand:
    """The slice ``start:stop:step`` (or ``slice(start, stop, step)``) of its three parts,
    each the node written and its operand, or None when left out. Its bounds are known when
    each is a whole number or None; a float is kept (memo ``"float"``) for the TypeError a list
    or an array raises when indexed with it."""
    values: list[int | None] = []
    for part in parts:
        found = None if part is None else part[1]
        if found is None or found.kind == "none":
            values.append(None)
        elif found.kind == "number" and type(found.value) is int:
            values.append(found.value)
        elif (found.kind == "number" and type(found.value) is float) or (
            found.kind == "array" and found.shape == () and found.dtype == "f"
        ):  # refused by a list or an array, not by np.r_[0.0:1.0:0.5]: see _Subscript
            assert part is not None
            made = Operand("other", name="slice")
            made.memo["float"] = part[0]
            return made
        else:
            return Operand("other", name="slice")
    return Operand("other", value=slice(*values), name="slice")


def masks(node: ast.AST) -> bool:
    """Whether the call ``node`` gives a ufunc ``where=`` other than ``True``: the elements it
    masks are not computed (their floating-point errors are not met)."""
    return isinstance(node, ast.Call) and any(
        k.arg == "where" and not (isinstance(k.value, ast.Constant) and k.value.value is True)
        for k in node.keywords
    )


#: the largest Python int that float() takes (2**1024 - 2**970 - 1: one more rounds up past
#: the largest float, 10**400 is far past it)
FLOAT_MAX_INT = 2**1024 - 2**970 - 1


def finite(value: Any) -> bool:
    """Whether the Python number ``value`` is finite: a whole number always is (even one past
    the largest float, 10**400, which ``math.isfinite`` cannot take), a float when it is not
    inf or nan."""
    return not isinstance(value, float) or math.isfinite(value)


def one_of_shapes(shapes: Sequence[tuple[int, ...]], reason: str) -> Operand:
    """An operand not known, which has one of ``shapes`` (see :data:`EITHER`)."""
    made = unknown(reason)
    made.memo[EITHER] = tuple(shapes)
    return made
