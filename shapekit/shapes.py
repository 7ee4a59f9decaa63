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
after a failure was detected, by ``shapekit._blame``.  The limits and the
categories of element types are defined in ``shapekit._nesting``; the limits'
public place is here.

Limits: :data:`MAX_DIMS` dimensions (NumPy's), :data:`MAX_ELEMENTS` elements,
:data:`MAX_PATHS` offending paths reported with ``all_paths=True``.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain, compress, count
from operator import attrgetter
from typing import Any

from shapekit._blame import Blame
from shapekit._nesting import (
    ARRAY,
    CONTAINERS,
    INT64_MAX,
    INT64_MIN,
    LIST,
    MAX_DIMS,
    MAX_ELEMENTS,
    MAX_PATHS,
    TOKENS,
    Block,
    Types,
    category_of,
    dtype_category,
    unravel,
)

__all__ = ["MAX_DIMS", "MAX_ELEMENTS", "MAX_PATHS", "shape"]

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


class _Walk(Blame):
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
            types = Types(list(map(type, chain.from_iterable(parents))))
            cats = {t: category_of(t) for t in types.distinct()}
            kinds = set(cats.values())
            if not kinds & CONTAINERS:
                self._check_leaves(parents, types, cats)
                return tuple(dims)
            if dims:
                self.seen.update(map(id, parents))
            if ARRAY not in kinds and kinds != {LIST}:  # lists and numbers side by side
                lists = {t for t, c in cats.items() if c == LIST}
                self._check_cycle(self._pairs(parents, types, lists))
                raise self._mixed(types)
            del types
            nodes = list(chain.from_iterable(parents))
            del parents
            if self.seen and not self.seen.isdisjoint(map(id, nodes)):
                self._check_cycle(enumerate(nodes))
            if ARRAY in kinds:
                if kinds == {ARRAY}:
                    shapes = set(map(_SHAPE, nodes))
                    if len(shapes) == 1:
                        self._check_arrays(nodes, shapes.pop())
                        return tuple(dims)
                nodes = self._split(nodes, cats)
                types = Types(list(map(type, nodes)))
                cats = {t: category_of(t) for t in types.distinct()}
                if LIST not in cats.values():  # only 0-d arrays and numbers: the last depth
                    self._check_leaves([nodes], types, cats)
                    return tuple(dims)
                if set(cats.values()) != {LIST}:
                    raise self._mixed(types)
                del types
            lengths = set(map(len, nodes))
            if len(lengths) != 1:
                raise self._ragged(nodes)
            dims.append(lengths.pop())
            if not dims[-1] and self.split:
                dims.extend(self._empty_rest(nodes))
            if len(dims) > MAX_DIMS:
                raise self._too_deep()
            if len(nodes) * dims[-1] > MAX_ELEMENTS:
                raise self._too_large(len(nodes) * dims[-1], MAX_ELEMENTS)
            parents = nodes

    # --- NumPy arrays -------------------------------------------------------

    def _check_arrays(self, arrays: list[Any], dims: tuple[int, ...]) -> None:
        """Every element at this depth is an array of shape ``dims``."""
        depth = len(self.dims)
        self.dims.extend(dims)
        if len(self.dims) > MAX_DIMS:
            raise self._too_deep()
        bad = {d for d in set(map(_DTYPE, arrays)) if self._is_bad(dtype_category(d))}
        if bad:
            flags = [a.dtype in bad for a in arrays]
            found = compress(count(), flags)
            raise self._not_a_number(
                [(unravel(i, self.dims[:depth]), arrays[i]) for i in self._cap(found)]
            )

    def _empty_rest(self, nodes: list[Any]) -> tuple[int, ...]:
        """The dimensions below a depth of empty lists and empty arrays, which must agree.

        An empty list ends the shape (``[]`` is ``(0,)``) while an empty array keeps its
        own (``np.zeros((0, 3))``): NumPy refuses to put them, or empty arrays of different
        shapes, side by side.
        """
        rests = [node.rest if type(node) is Block else () for node in nodes]
        tally = Counter(rests)
        if len(tally) == 1:
            return rests[0]
        raise self._ragged_empty(rests, tally)

    def _split(self, nodes: list[Any], cats: dict[type, int]) -> list[Any]:
        """Replace each array by a stand-in that iterates like its rows."""
        self.split = True
        out = []
        for node in nodes:
            if cats[type(node)] == ARRAY:
                category = dtype_category(node.dtype)
                self.bad_split = self.bad_split or self._is_bad(category)
                token = TOKENS[category]
                node = Block(node.shape, token) if node.ndim else token
            out.append(node)
        return out
