"""Validate homologous nested lists and infer their shapes, the way NumPy does.

A nested list is *homologous* when every sublist at the same depth has the
same length and every leaf is a real number: exactly the lists NumPy turns
into a numeric array.

>>> shape([[1, 2, 3], [4, 5, 6]])
(2, 3)
>>> shape([[], []])
(2, 0)

The walk goes depth by depth, never recursing: each depth is checked with a
few C-level passes over all of its elements (``map(type, ...)``,
``map(len, ...)``, ``chain.from_iterable``), so validating a list costs about
as much as ``np.asarray`` on it.  Where something is wrong is worked out only
after a failure was detected.

Limits: :data:`MAX_DIMS` dimensions (NumPy's), :data:`MAX_ELEMENTS` elements,
:data:`MAX_PATHS` offending paths reported with ``all_paths=True``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, compress, count, islice, repeat
from operator import attrgetter, is_
from typing import Any

from shapekit.errors import (
    CycleError,
    MixedError,
    NotANumberError,
    RaggedError,
    ShapeError,
    TooDeepError,
    TooLargeError,
)

__all__ = ["MAX_DIMS", "MAX_ELEMENTS", "MAX_PATHS", "shape"]

#: most dimensions an array may have (NumPy's own limit)
MAX_DIMS = 64
#: most elements a validated value may have (guards against lists that share
#: sublists, which can describe astronomically large arrays in little memory)
MAX_ELEMENTS = 10**8
#: most offending paths listed in ``error.paths`` with ``all_paths=True``
MAX_PATHS = 100
#: a Python int outside this range makes NumPy fall back to object arrays
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# what a type is, as far as shapes go
_LIST, _ARRAY, _NUMBER, _INT, _BOOL, _BAD = range(6)
_CONTAINERS = frozenset((_LIST, _ARRAY))
_KNOWN: dict[type, int] = {
    list: _LIST,
    tuple: _LIST,
    float: _NUMBER,
    int: _INT,
    bool: _BOOL,
    str: _BAD,
    type(None): _BAD,
    complex: _BAD,
    dict: _BAD,
}
_SHAPE = attrgetter("shape")
_DTYPE = attrgetter("dtype")


def shape(
    x: Any, *, name: str | None = None, allow_bool: bool = False, all_paths: bool = False
) -> tuple[int, ...]:
    """Return the shape of ``x``, a nested list/tuple of numbers, as NumPy would.

    NumPy arrays and NumPy scalars may appear anywhere inside.  Empty lists
    follow NumPy: ``[]`` is ``(0,)``, ``[[]]`` is ``(1, 0)``.  Raises a
    :class:`~shapekit.ShapeError` subclass (``RaggedError``, ``MixedError``,
    ``NotANumberError``, ``TooDeepError``, ``CycleError``, ``TooLargeError``)
    whose message names the element to blame; ``name`` is the variable name
    used in it.  Booleans are not numbers unless ``allow_bool`` is true.
    With ``all_paths``, ``error.paths`` lists every offending path (at most
    :data:`MAX_PATHS`).

    >>> shape([[1, 2, 3], [4, 5, 6]])
    (2, 3)
    >>> shape([[1, 2, 3], [4, 5]], name="lol")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    shapekit.errors.RaggedError: lol[1] has 2 elements, but the other rows along dimension 1 ...
    >>> shape([True, False], allow_bool=True)
    (2,)
    """
    dims = _quick_shape(x)
    if dims is not None:
        return dims
    return _Walk(x, name, allow_bool, all_paths).run()


#: the most elements one depth may have for :func:`_quick_shape` to handle it
QUICK_LIMIT = 4096
_PLAIN_LISTS = frozenset((list, tuple))
_PLAIN_NUMBERS = frozenset((float, int))


def _quick_shape(x: Any) -> tuple[int, ...] | None:
    """The shape of a small, valid, plain list of floats and ints; None otherwise.

    Most values a course checks are small and valid, and the full walk's
    set-up costs more than the walk itself on them. This path accepts only
    exact lists/tuples of exact floats and in-range ints, at most
    :data:`QUICK_LIMIT` elements per depth and :data:`MAX_DIMS` depths, so
    its work is bounded (a self-containing list just exceeds a bound).
    Anything else, valid or not, goes to the full walk, which also explains
    failures.
    """
    if type(x) not in _PLAIN_LISTS:
        return None
    dims: list[int] = []
    level: list[Any] = [x]
    while len(dims) <= MAX_DIMS:
        types = set(map(type, level))
        if types <= _PLAIN_LISTS:
            lengths = set(map(len, level))
            if len(lengths) != 1:
                return None
            (n,) = lengths
            dims.append(n)
            if n == 0:
                return tuple(dims) if len(dims) <= MAX_DIMS else None
            if len(level) * n > min(QUICK_LIMIT, MAX_ELEMENTS):
                return None  # big: the full walk is as fast, and explains failures
            level = list(chain.from_iterable(level))
        elif types <= _PLAIN_NUMBERS:
            if int in types and any(
                not INT64_MIN <= v <= INT64_MAX for v in level if type(v) is int
            ):
                return None
            return tuple(dims)
        else:
            return None
    return None


class _Block:
    """Stands for a NumPy array while it is compared with lists, row by row."""

    __slots__ = ("_child", "_len")

    def __init__(self, dims: tuple[int, ...], token: object) -> None:
        self._len = dims[0]
        self._child = _Block(dims[1:], token) if len(dims) > 1 else token

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[object]:
        return repeat(self._child, self._len)


class _NotANumberToken:
    """Stands for the elements of a NumPy array whose dtype is not numeric."""


_KNOWN[_Block] = _LIST
_KNOWN[_NotANumberToken] = _BAD


class _Walk:
    """One validation: walks ``root`` depth by depth, collecting ``dims``."""

    def __init__(self, root: Any, name: str | None, allow_bool: bool, all_paths: bool) -> None:
        self.root = root
        self.name = name
        self.allow_bool = allow_bool
        self.all_paths = all_paths
        self.dims: list[int] = []
        self.seen: set[int] = set()  # ids of the lists on the depths above
        self.split = False  # some NumPy array was compared with lists row by row
        self.bad_split = False  # ... and one of them was not numeric

    def run(self) -> tuple[int, ...]:
        dims = self.dims
        parents: list[Any] = [[self.root]]  # the current depth is their concatenation
        while True:
            types = _Types(list(map(type, chain.from_iterable(parents))))
            cats = {t: _category(t) for t in types.distinct()}
            kinds = set(cats.values())
            if not kinds & _CONTAINERS:
                self._check_leaves(parents, types, cats)
                return tuple(dims)
            if dims:
                self.seen.update(map(id, parents))
            if _ARRAY not in kinds and kinds != {_LIST}:  # lists and numbers side by side
                lists = {t for t, c in cats.items() if c == _LIST}
                self._check_cycle(self._pairs(parents, types, lists))
                raise self._mixed(types)
            del types
            nodes = list(chain.from_iterable(parents))
            del parents
            if self.seen and not self.seen.isdisjoint(map(id, nodes)):
                self._check_cycle(enumerate(nodes))
            if _ARRAY in kinds:
                if kinds == {_ARRAY}:
                    shapes = set(map(_SHAPE, nodes))
                    if len(shapes) == 1:
                        self._check_arrays(nodes, shapes.pop())
                        return tuple(dims)
                nodes = self._split(nodes, cats)
                types = _Types(list(map(type, nodes)))
                cats = {t: _category(t) for t in types.distinct()}
                if _LIST not in cats.values():  # only 0-d arrays and numbers: the last depth
                    self._check_leaves([nodes], types, cats)
                    return tuple(dims)
                if set(cats.values()) != {_LIST}:
                    raise self._mixed(types)
                del types
            lengths = set(map(len, nodes))
            if len(lengths) != 1:
                raise self._ragged(nodes)
            dims.append(lengths.pop())
            if len(dims) > MAX_DIMS:
                raise self._too_deep()
            if len(nodes) * dims[-1] > MAX_ELEMENTS:
                raise self._too_large(len(nodes) * dims[-1])
            parents = nodes

    def _pairs(
        self, parents: list[Any], types: _Types, wanted: set[type]
    ) -> Iterator[tuple[int, Any]]:
        """``(index, element)`` at the current depth for the elements of the ``wanted`` types."""
        if types.list and types.list[0] in wanted:
            elements = zip(count(), chain.from_iterable(parents))
            return compress(elements, map(wanted.__contains__, types.list))
        return ((i, _original(self.root, _unravel(i, self.dims))) for i in types.indices(wanted))

    # --- NumPy arrays -------------------------------------------------------

    def _dtype_category(self, dtype: Any) -> int:
        kind = dtype.kind
        return _NUMBER if kind in "iuf" else _BOOL if kind == "b" else _BAD

    def _is_bad(self, category: int) -> bool:
        return category == _BAD or (category == _BOOL and not self.allow_bool)

    def _check_arrays(self, arrays: list[Any], dims: tuple[int, ...]) -> None:
        """Every element at this depth is an array of shape ``dims``."""
        depth = len(self.dims)
        self.dims.extend(dims)
        if len(self.dims) > MAX_DIMS:
            raise self._too_deep()
        bad = {d for d in set(map(_DTYPE, arrays)) if self._is_bad(self._dtype_category(d))}
        if bad:
            flags = [a.dtype in bad for a in arrays]
            found = compress(count(), flags)
            raise self._not_a_number(
                [(_unravel(i, self.dims[:depth]), arrays[i]) for i in self._cap(found)]
            )

    def _split(self, nodes: list[Any], cats: dict[type, int]) -> list[Any]:
        """Replace each array by a stand-in that iterates like its rows."""
        self.split = True
        out = []
        for node in nodes:
            if cats[type(node)] == _ARRAY:
                category = self._dtype_category(node.dtype)
                self.bad_split = self.bad_split or self._is_bad(category)
                token = _TOKENS[category]
                node = _Block(node.shape, token) if node.ndim else token
            out.append(node)
        return out

    # --- failures, and whom they blame --------------------------------------

    def _check_leaves(self, parents: list[Any], types: _Types, cats: dict[type, int]) -> None:
        """Raise NotANumberError if a leaf at the last depth is not a real number."""
        bad = {t for t, c in cats.items() if self._is_bad(c)}
        ints = [t for t, c in cats.items() if c == _INT]
        suspects = bad | {t for t in ints if not _ints_fit(parents, types.list, t, len(cats))}
        if not suspects and not self.bad_split:
            return
        if self.split:  # arrays were flattened into stand-ins: search the original
            offenders: Iterable[tuple[tuple[int, ...], Any]] = self._search_leaves()
        else:
            offenders = (
                (_unravel(i, self.dims), v)
                for i, v in self._pairs(parents, types, suspects)
                if type(v) in bad or not INT64_MIN <= v <= INT64_MAX
            )
        raise self._not_a_number(list(self._cap(offenders)))

    def _search_leaves(self) -> Iterator[tuple[tuple[int, ...], Any]]:
        """Every leaf that is not a number, in document order (arrays as units)."""
        stack: list[tuple[tuple[int, ...], Any]] = [((), self.root)]
        while stack:
            path, value = stack.pop()
            category = _category(type(value))
            if category == _LIST:
                stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
            elif category == _ARRAY:
                if self._is_bad(self._dtype_category(value.dtype)):
                    yield path, value
            elif self._is_bad(category) or (
                category == _INT and not INT64_MIN <= value <= INT64_MAX
            ):
                yield path, value

    def _not_a_number(self, offenders: list[tuple[tuple[int, ...], Any]]) -> ShapeError:
        path, value = offenders[0]
        where = _where(self.name, path)
        whole = "the list" if path else "it"
        found = _type_name(value)
        if _category(type(value)) == _BOOL or found == "array of dtype bool":
            what = "the boolean " + str(value) if found == "bool" else _describe(value)
            message = (
                f"{where} is {what}: shapekit does not count booleans as numbers "
                "(NumPy would silently turn them into 1 and 0); pass allow_bool=True to accept them"
            )
        elif found == "int":
            found = "int beyond int64"
            message = (
                f"{where} is the integer {_short(str(value))}, which does not fit in 64 bits "
                "(-2**63 to 2**63 - 1), so NumPy would silently make an array of Python objects"
            )
        elif found.startswith("array"):
            message = (
                f"{where} is {_describe(value)}, whose elements are not real numbers, "
                f"so {whole} cannot be a numeric array"
            )
        else:
            message = (
                f"{where} is {_describe(value)}, not a real number, "
                f"so {whole} cannot be a numeric array"
            )
            if isinstance(value, str) and _is_numeric_text(value):
                message += f"; write {value.strip()} without quotes to make it a number"
        return self._error(NotANumberError, message, offenders, expected="number", found=found)

    def _ragged(self, nodes: list[Any]) -> ShapeError:
        lengths = list(map(len, nodes))
        tally = Counter(lengths)
        expected = max(tally, key=tally.__getitem__)  # ties: the first seen
        flags = list(map(expected.__ne__, lengths))
        first = flags.index(True)
        depth = len(self.dims)
        rows = "rows" if depth == 1 else "sublists"
        n = lengths[first]
        if tally[expected] == len(nodes) - 1:
            majority = f"the other {rows} along dimension {depth} have {expected}"
        elif sorted(tally.values())[-2] < tally[expected]:
            majority = f"most {rows} along dimension {depth} have {expected}"
        else:
            other = _where(self.name, _unravel(lengths.index(expected), self.dims))
            majority = (
                f"{other} has {expected}, and no length is more common along dimension {depth}"
            )
        where = _where(self.name, _unravel(first, self.dims))
        message = (
            f"{where} has {_elements(n)}, but {majority}, "
            "so the list is not homologous and cannot be an array"
        )
        offenders = [
            (_unravel(i, self.dims), nodes[i]) for i in self._cap(compress(count(), flags))
        ]
        return self._error(RaggedError, message, offenders, expected=expected, found=n)

    def _mixed(self, types: _Types) -> ShapeError:
        census = types.census()
        lists = {t for t in census if _category(t) == _LIST}
        n_lists = sum(census[t][0] for t in lists)
        n_leaves = len(types.list) - n_lists
        first_list = min(census[t][1] for t in lists)
        first_leaf = min(first for t, (_, first) in census.items() if t not in lists)
        want_list = n_lists > n_leaves or (n_lists == n_leaves and first_list < first_leaf)
        blamed = set(census) - lists if want_list else lists
        first = min(census[t][1] for t in blamed)
        path = _unravel(first, self.dims)
        value = _original(self.root, path)
        others = "lists" if want_list else "numbers"
        if min(n_lists, n_leaves) == 1:
            majority = f"the other elements at the same depth are {others}"
        elif n_lists != n_leaves:
            majority = f"most elements at the same depth are {others}"
        else:
            what = "a list" if want_list else "a number"
            majority = f"{_where(self.name, _unravel(0, self.dims))} is {what}"
        message = (
            f"{_where(self.name, path)} is {_describe(value)}, but {majority}, "
            "so the list is not homologous and cannot be an array"
        )
        offenders = [(_unravel(i, self.dims), None) for i in self._cap(types.indices(blamed))]
        found = "list" if not want_list else _type_name(value)
        return self._error(
            MixedError, message, offenders, expected="list" if want_list else "number", found=found
        )

    def _check_cycle(self, candidates: Iterable[tuple[int, Any]]) -> None:
        """Raise CycleError if a list at this depth is one of its own ancestors."""
        if not self.seen:
            return
        cycles = []
        for i, node in candidates:
            if id(node) not in self.seen:
                continue
            path = _unravel(i, self.dims)
            ancestor = self.root
            for depth, index in enumerate(path):
                if ancestor is node:
                    cycles.append((path, path[:depth]))
                    break
                if _category(type(ancestor)) != _LIST:
                    break
                ancestor = ancestor[index]
            if cycles and (not self.all_paths or len(cycles) >= MAX_PATHS):
                break
        if cycles:
            raise self._cycle(cycles)

    def _cycle(
        self, cycles: list[tuple[tuple[int, ...], tuple[int, ...]]], axis: int | None = None
    ) -> ShapeError:
        path, ancestor = cycles[0]
        whole = self.name or "the list"
        message = (
            f"{_where(self.name, path)} is {_where(self.name, ancestor) if ancestor else whole} "
            "itself: "
            "the list contains itself, so it has no finite shape and cannot be an array"
        )
        return self._error(CycleError, message, cycles, expected=None, found=ancestor, axis=axis)

    def _too_deep(self) -> ShapeError:
        loop = _first_path_cycle(self.root)
        if loop is not None:
            return self._cycle([loop], axis=MAX_DIMS)
        path = (0,) * MAX_DIMS
        message = (
            f"the list has more than {MAX_DIMS} dimensions: {_where(self.name, path)} is still "
            f"a list, and NumPy arrays can have at most {MAX_DIMS} dimensions"
        )
        return self._error(
            TooDeepError,
            message,
            [(path, None)],
            expected=MAX_DIMS,
            found=len(self.dims),
            axis=MAX_DIMS,
        )

    def _too_large(self, size: int) -> ShapeError:
        message = (
            f"the list would have at least {size} elements, more than shapekit's limit of "
            f"{MAX_ELEMENTS} (sublists shared many times over can describe huge arrays)"
        )
        return self._error(TooLargeError, message, [], expected=MAX_ELEMENTS, found=size)

    def _cap(self, items: Iterable[Any]) -> list[Any]:
        return list(islice(items, MAX_PATHS if self.all_paths else 1))

    def _error(
        self,
        cls: type[ShapeError],
        message: str,
        offenders: list[tuple[tuple[int, ...], Any]],
        *,
        expected: Any,
        found: Any,
        axis: int | None = None,
    ) -> ShapeError:
        paths = [p for p, _ in offenders]
        return cls(
            message,
            axis=len(self.dims) if axis is None else axis,
            path=paths[0] if paths else None,
            expected=expected,
            found=found,
            name=self.name,
            paths=paths if self.all_paths else None,
        )


_TOKENS: dict[int, object] = {_NUMBER: 0.0, _BOOL: True, _BAD: _NotANumberToken()}


def _category(t: type) -> int:
    known = _KNOWN.get(t)
    if known is not None:
        return known
    if issubclass(t, bool):
        return _BOOL
    if issubclass(t, (list, tuple)):
        return _LIST
    if issubclass(t, int):
        return _INT
    if issubclass(t, float):
        return _NUMBER
    np = sys.modules.get("numpy")  # no NumPy value can exist before NumPy is imported
    if np is not None:
        if issubclass(t, np.ndarray):
            return _ARRAY
        if issubclass(t, np.bool_):
            return _BOOL
        if issubclass(t, (np.integer, np.floating)):
            return _NUMBER
    return _BAD


class _Types:
    """The types of the elements at one depth, and where the unusual ones are.

    ``list.count`` of the dominant type runs at memory speed (it compares by
    identity first), so the few chunks that hold another type are found in
    about a millisecond per million elements, where any per-element ``map``
    would take ten.  Only those chunks are looked at afterwards.
    """

    CHUNK = 4096
    __slots__ = ("impure", "list", "n_first")

    def __init__(self, types: list[type]) -> None:
        self.list = types
        self.impure: list[tuple[int, list[type]]] = []
        self.n_first = types.count(types[0]) if types else 0
        if self.n_first != len(types):
            first, size = types[0], self.CHUNK
            for start in range(0, len(types), size):
                chunk = types[start : start + size]
                if chunk.count(first) != len(chunk):
                    self.impure.append((start, chunk))

    def distinct(self) -> set[type]:
        found = set(self.list[:1])
        for _, chunk in self.impure:
            found.update(chunk)
        return found

    def census(self) -> dict[type, list[int]]:
        """``{type: [count, first index]}``, in the order the types are first seen."""
        first = self.list[0]
        census = {first: [self.n_first, 0]}
        for start, chunk in self.impure:
            for t, n in Counter(chunk).items():
                if t is not first:
                    census.setdefault(t, [0, start + chunk.index(t)])[0] += n
        return census

    def indices(self, wanted: set[type]) -> Iterator[int]:
        """The indices of the elements whose type is in ``wanted``, in order."""
        if self.list and self.list[0] in wanted:
            yield from compress(count(), map(wanted.__contains__, self.list))
            return
        for start, chunk in self.impure:
            for i, t in enumerate(chunk, start):
                if t in wanted:
                    yield i


def _ints_fit(parents: list[Any], types: list[type], t: type, n_types: int) -> bool:
    """Whether every leaf of type ``t`` (an int type) fits in NumPy's int64."""

    def values() -> Iterator[int]:
        leaves = chain.from_iterable(parents)
        return leaves if n_types == 1 else compress(leaves, map(is_, types, repeat(t)))

    return min(values()) >= INT64_MIN and max(values()) <= INT64_MAX


def _unravel(index: int, dims: list[int]) -> tuple[int, ...]:
    """The index path of element ``index`` of a depth whose parents have ``dims``."""
    path = []
    for n in reversed(dims):
        index, rest = divmod(index, n)
        path.append(rest)
    return tuple(reversed(path))


def _original(root: Any, path: tuple[int, ...]) -> Any:
    for index in path:
        root = root[index]
    return root


def _first_path_cycle(
    root: Any, limit: int = 10**7
) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Follow the first element down; a list met twice on the way is a cycle."""
    depth_of: dict[int, int] = {}
    node = root
    for depth in range(limit):
        if not isinstance(node, (list, tuple)) or not node:
            return None
        if id(node) in depth_of:
            return (0,) * depth, (0,) * depth_of[id(node)]
        depth_of[id(node)] = depth
        node = node[0]
    return None


def _where(name: str | None, path: tuple[int, ...]) -> str:
    """``lol[0][2]``: how the element at ``path`` is written."""
    base = name or ("the list" if path else "the value")
    if len(path) > 8:
        return (
            base
            + "".join(f"[{i}]" for i in path[:3])
            + "…"
            + f"[{path[-1]}] ({len(path)} levels down)"
        )
    return base + "".join(f"[{i}]" for i in path)


def _elements(n: int) -> str:
    return f"{n} element{'' if n == 1 else 's'}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_numeric_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _type_name(value: Any) -> str:
    if value is None:
        return "None"
    if _category(type(value)) == _ARRAY:
        return f"array of dtype {value.dtype}"
    if _category(type(value)) == _BOOL:
        return "bool"
    return type(value).__name__


def _describe(value: Any) -> str:
    """A learner's description: ``the string '3'``, ``a list of 2 elements``…"""
    category = _category(type(value))
    if value is None:
        return "None"
    if category == _ARRAY:
        if value.dtype.kind == "b":
            return f"a NumPy array of booleans of shape {value.shape}"
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    if category == _LIST:
        return f"a {'tuple' if isinstance(value, tuple) else 'list'} of {_elements(len(value))}"
    if isinstance(value, str):
        return f"the string {_short(repr(str(value)))}"
    if category == _BOOL:
        return f"the boolean {value}"
    if category == _INT:
        return f"the integer {_short(str(value))}"
    if category == _NUMBER:
        return f"the number {value}"
    if isinstance(value, complex) or type(value).__name__.startswith("complex"):
        return f"the complex number {value}"
    return f"a {type(value).__name__}"
