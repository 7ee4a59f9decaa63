"""Whom a failed shape walk blames, and the message that says so.

:class:`Blame` is the half of the walk of :mod:`shapekit.shapes` that runs once something is
wrong (and at the last depth, to check the leaves): it finds the offending elements (the first
one, or up to :data:`~shapekit.shapes.MAX_PATHS` with ``all_paths``) and builds the
:class:`~shapekit.errors.ShapeError` subclass, written for a learner.

>>> _where("lol", (0, 2)), _describe("3"), _describe([1, 2])
('lol[0][2]', "the string '3'", 'a list of 2 elements')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, compress, count, islice
from typing import Any

from shapekit._nesting import (
    ARRAY,
    BAD,
    BOOL,
    INT,
    INT64_MAX,
    INT64_MIN,
    LIST,
    MAX_DIMS,
    MAX_PATHS,
    NUMBER,
    Types,
    category_of,
    dtype_category,
    ints_fit,
    original,
    unravel,
)
from shapekit.errors import (
    CycleError,
    MixedError,
    NotANumberError,
    RaggedError,
    ShapeError,
    TooDeepError,
    TooLargeError,
)


class Blame:
    """What a walk does after a failure: find the offenders, build the error."""

    # set by the walk
    root: Any
    name: str | None
    allow_bool: bool
    all_paths: bool
    dims: list[int]  # the dimensions found so far
    seen: set[int]  # ids of the lists on the depths above
    split: bool  # some NumPy array was compared with lists row by row
    bad_split: bool  # ... and one of them was not numeric

    def _is_bad(self, category: int) -> bool:
        return category == BAD or (category == BOOL and not self.allow_bool)

    def _pairs(
        self, parents: list[Any], types: Types, wanted: set[type]
    ) -> Iterator[tuple[int, Any]]:
        """``(index, element)`` at the current depth for the elements of the ``wanted`` types."""
        if types.list and types.list[0] in wanted:
            elements = zip(count(), chain.from_iterable(parents))
            return compress(elements, map(wanted.__contains__, types.list))
        return ((i, original(self.root, unravel(i, self.dims))) for i in types.indices(wanted))

    def _check_leaves(self, parents: list[Any], types: Types, cats: dict[type, int]) -> None:
        """Raise NotANumberError if a leaf at the last depth is not a real number."""
        bad = {t for t, c in cats.items() if self._is_bad(c)}
        ints = [t for t, c in cats.items() if c == INT]
        suspects = bad | {t for t in ints if not ints_fit(parents, types.list, t, len(cats))}
        if not suspects and not self.bad_split:
            return
        if self.split:  # arrays were flattened into stand-ins: search the original
            offenders: Iterable[tuple[tuple[int, ...], Any]] = self._search_leaves()
        else:
            offenders = (
                (unravel(i, self.dims), v)
                for i, v in self._pairs(parents, types, suspects)
                if type(v) in bad or not INT64_MIN <= v <= INT64_MAX
            )
        raise self._not_a_number(list(self._cap(offenders)))

    def _search_leaves(self) -> Iterator[tuple[tuple[int, ...], Any]]:
        """Every leaf that is not a number, in document order (arrays as units)."""
        stack: list[tuple[tuple[int, ...], Any]] = [((), self.root)]
        while stack:
            path, value = stack.pop()
            category = category_of(type(value))
            if category == LIST:
                stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
            elif category == ARRAY:
                if self._is_bad(dtype_category(value.dtype)):
                    yield path, value
            elif self._is_bad(category) or (
                category == INT and not INT64_MIN <= value <= INT64_MAX
            ):
                yield path, value

    def _not_a_number(self, offenders: list[tuple[tuple[int, ...], Any]]) -> ShapeError:
        path, value = offenders[0]
        where = _where(self.name, path)
        whole = "the list" if path else "it"
        found = _type_name(value)
        if category_of(type(value)) == BOOL or found == "array of dtype bool":
            what = "the boolean " + str(value) if found == "bool" else _describe(value)
            message = (
                f"{where} is {what}: shapekit does not count booleans as numbers "
                "(NumPy would silently turn them into 1 and 0); pass allow_bool=True to accept them"
            )
        elif found == "int":
            found = "int beyond int64"
            message = (
                f"{where} is {_integer(value)}, a number too large to be an array element: "
                "it does not fit in 64 bits (-2**63 to 2**63 - 1), "
                "so NumPy would silently make an array of Python objects"
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
            other = _where(self.name, unravel(lengths.index(expected), self.dims))
            majority = (
                f"{other} has {expected}, and no length is more common along dimension {depth}"
            )
        where = _where(self.name, unravel(first, self.dims))
        message = (
            f"{where} has {_elements(n)}, but {majority}, "
            "so the list is not homologous and cannot be an array"
        )
        offenders = [(unravel(i, self.dims), nodes[i]) for i in self._cap(compress(count(), flags))]
        return self._error(RaggedError, message, offenders, expected=expected, found=n)

    def _ragged_empty(
        self, rests: list[tuple[int, ...]], tally: Counter[tuple[int, ...]]
    ) -> ShapeError:
        """Empty lists or arrays at one depth that stand for different numbers of dimensions."""
        expected = max(tally, key=tally.__getitem__)  # ties: the first seen
        flags = [rest != expected for rest in rests]
        first = flags.index(True)
        other = _where(self.name, unravel(rests.index(expected), self.dims[:-1]))
        where = _where(self.name, unravel(first, self.dims[:-1]))
        message = (
            f"{where} is empty with shape {(0, *rests[first])}, but {other} is empty with "
            f"shape {(0, *expected)}: empty lists and arrays side by side must have the same "
            "shape, so the list is not homologous and cannot be an array"
        )
        offenders = [
            (unravel(i, self.dims[:-1]), None) for i in self._cap(compress(count(), flags))
        ]
        # NumPy's "inhomogeneous after N dimensions" counts the dimensions the two shapes
        # still share: (0, 1) beside (0, 1, 0) agree on two
        shared = next(
            (i for i, (a, b) in enumerate(zip(rests[first], expected, strict=False)) if a != b),
            min(len(rests[first]), len(expected)),
        )
        return self._error(
            RaggedError,
            message,
            offenders,
            expected=(0, *expected),
            found=(0, *rests[first]),
            axis=len(self.dims) + shared,
        )

    def _mixed(self, types: Types) -> ShapeError:
        census = types.census()
        lists = {t for t in census if category_of(t) == LIST}
        n_lists = sum(census[t][0] for t in lists)
        n_leaves = len(types.list) - n_lists
        first_list = min(census[t][1] for t in lists)
        first_leaf = min(first for t, (_, first) in census.items() if t not in lists)
        want_list = n_lists > n_leaves or (n_lists == n_leaves and first_list < first_leaf)
        blamed = set(census) - lists if want_list else lists
        first = min(census[t][1] for t in blamed)
        path = unravel(first, self.dims)
        value = original(self.root, path)
        others = "lists" if want_list else "numbers"
        if min(n_lists, n_leaves) == 1:
            majority = f"the other elements at the same depth are {others}"
        elif n_lists != n_leaves:
            majority = f"most elements at the same depth are {others}"
        else:
            what = "a list" if want_list else "a number"
            majority = f"{_where(self.name, unravel(0, self.dims))} is {what}"
        message = (
            f"{_where(self.name, path)} is {_describe(value)}, but {majority}, "
            "so the list is not homologous and cannot be an array"
        )
        offenders = [(unravel(i, self.dims), None) for i in self._cap(types.indices(blamed))]
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
            path = unravel(i, self.dims)
            ancestor = self.root
            for depth, index in enumerate(path):
                if ancestor is node:
                    cycles.append((path, path[:depth]))
                    break
                if category_of(type(ancestor)) != LIST:
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

    def _too_large(self, size: int, limit: int) -> ShapeError:
        message = (
            f"the list would have at least {size} elements, more than shapekit's limit of "
            f"{limit} (sublists shared many times over can describe huge arrays)"
        )
        return self._error(TooLargeError, message, [], expected=limit, found=size)

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


def _integer(value: int) -> str:
    """``the integer 12``, or ``an integer of 5001 digits`` when printing it would be long.

    Python refuses to print an int of more than 4300 digits, and a long one says nothing to a
    learner anyway, so a big one is described by its number of digits.

    >>> _integer(-12), _integer(10**5000), _integer(-(10**5000) + 1)
    ('the integer -12', 'an integer of 5001 digits', 'an integer of 5000 digits')
    """
    value = int(value)
    if value.bit_length() <= 120:
        return f"the integer {value}"
    return f"an integer of {_digits(abs(value))} digits"


def _digits(value: int) -> str:
    """How many decimal digits the positive ``value`` has, without printing it."""
    estimate = int(value.bit_length() * math.log10(2))  # the count, or one less
    if value.bit_length() > 2**17:  # 10**estimate would take a while: say about how many
        return f"about {estimate + 1}"
    return str(estimate + 1 if value >= 10**estimate else estimate)


def _is_numeric_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _type_name(value: Any) -> str:
    if value is None:
        return "None"
    if category_of(type(value)) == ARRAY:
        return f"array of dtype {value.dtype}"
    if category_of(type(value)) == BOOL:
        return "bool"
    return type(value).__name__


def _describe(value: Any) -> str:
    """A learner's description: ``the string '3'``, ``a list of 2 elements``…"""
    category = category_of(type(value))
    if value is None:
        return "None"
    if category == ARRAY:
        if value.dtype.kind == "b":
            return f"a NumPy array of booleans of shape {value.shape}"
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    if category == LIST:
        return f"a {'tuple' if isinstance(value, tuple) else 'list'} of {_elements(len(value))}"
    if isinstance(value, str):
        return f"the string {_short(repr(str(value)))}"
    if category == BOOL:
        return f"the boolean {value}"
    if category == INT:
        return _integer(value)
    if category == NUMBER:
        return f"the number {value}"
    if isinstance(value, complex) or type(value).__name__.startswith("complex"):
        return f"the complex number {value}"
    return f"a {type(value).__name__}"
