"""What a nested value is made of, as far as shapes go: limits, categories, paths.

The walk of :mod:`shapekit.shapes` and the blame of ``shapekit._blame`` share this: the
limits a value must keep, the category of each element's type (:func:`category_of`), stand-ins
for NumPy arrays compared with lists row by row (:class:`Block`), the census of the types at
one depth (:class:`Types`) and the index paths of its elements (:func:`unravel`).

>>> category_of(list) == LIST, category_of(bool) == BOOL, unravel(5, [2, 3])
(True, True, (1, 2))
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from itertools import chain, compress, count, repeat
from operator import is_
from typing import Any

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
LIST, ARRAY, NUMBER, INT, BOOL, BAD = range(6)
CONTAINERS = frozenset((LIST, ARRAY))
_KNOWN: dict[type, int] = {
    list: LIST,
    tuple: LIST,
    float: NUMBER,
    int: INT,
    bool: BOOL,
    str: BAD,
    type(None): BAD,
    complex: BAD,
    dict: BAD,
}


def category_of(t: type) -> int:
    """What the type ``t`` is, as far as shapes go: ``LIST``, ``ARRAY``, ``NUMBER``…"""
    known = _KNOWN.get(t)
    if known is not None:
        return known
    if issubclass(t, bool):
        return BOOL
    if issubclass(t, (list, tuple)):
        return LIST
    if issubclass(t, int):
        return INT
    if issubclass(t, float):
        return NUMBER
    np = sys.modules.get("numpy")  # no NumPy value can exist before NumPy is imported
    if np is not None:
        if issubclass(t, np.ndarray):
            return ARRAY
        if issubclass(t, np.bool_):
            return BOOL
        if issubclass(t, (np.integer, np.floating)):
            return NUMBER
    return BAD


def dtype_category(dtype: Any) -> int:
    """What the elements of a NumPy array of ``dtype`` are: ``NUMBER``, ``BOOL`` or ``BAD``."""
    kind = dtype.kind
    return NUMBER if kind in "iuf" else BOOL if kind == "b" else BAD


class Block:
    """Stands for a NumPy array while it is compared with lists, row by row."""

    __slots__ = ("_child", "_len", "rest")

    def __init__(self, dims: tuple[int, ...], token: object) -> None:
        self._len = dims[0]
        #: the dimensions below this one, which an empty block keeps though it has no rows
        self.rest = dims[1:]
        self._child = Block(dims[1:], token) if len(dims) > 1 else token

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[object]:
        return repeat(self._child, self._len)


class _NotANumberToken:
    """Stands for the elements of a NumPy array whose dtype is not numeric."""


_KNOWN[Block] = LIST
_KNOWN[_NotANumberToken] = BAD

#: what stands for an element of an array of each category
TOKENS: dict[int, object] = {NUMBER: 0.0, BOOL: True, BAD: _NotANumberToken()}


class Types:
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


def ints_fit(parents: list[Any], types: list[type], t: type, n_types: int) -> bool:
    """Whether every leaf of type ``t`` (an int type) fits in NumPy's int64."""

    def values() -> Iterator[int]:
        leaves = chain.from_iterable(parents)
        return leaves if n_types == 1 else compress(leaves, map(is_, types, repeat(t)))

    return min(values()) >= INT64_MIN and max(values()) <= INT64_MAX


def unravel(index: int, dims: list[int]) -> tuple[int, ...]:
    """The index path of element ``index`` of a depth whose parents have ``dims``."""
    path = []
    for n in reversed(dims):
        index, rest = divmod(index, n)
        path.append(rest)
    return tuple(reversed(path))


def original(root: Any, path: tuple[int, ...]) -> Any:
    """The element of ``root`` at ``path``."""
    for index in path:
        root = root[index]
    return root
