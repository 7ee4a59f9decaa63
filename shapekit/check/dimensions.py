"""Named dimensions: ``batch`` in ``inputs=batch,4`` must agree within a file and across files.

Within one file every variable using a name must give it the same length;
across the files of a run the length most files agree on wins (ties go to the
first file in sorted order), and the variables that differ fail, pointed at
the row where that dimension starts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from shapekit.check.expect import Expectations
from shapekit.check.results import FileResult, Variable, shape_text

__all__ = ["AxisPlaces", "agree_named", "agree_within", "settle_named", "settle_places"]

#: where a dimension starts: line, column, cell and the source line
Place = tuple[int | None, int | None, int | None, str | None]


#: a passing variable's named dimension: its result, the variable, the name, axis and length
_Occurrence = tuple[FileResult, Variable, str, int, int]


def _occurrences(
    results: Iterable[FileResult], expectations: Expectations
) -> Iterator[_Occurrence]:
    """Each (result, variable, dimension name, axis, length) of a passing variable."""
    if not expectations.named:  # no dimension has a name: nothing to agree on
        return
    named = bool(expectations.names)
    for result in results:
        for variable in result.variables:
            if variable.status != "ok" or variable.shape is None:
                continue
            expect = expectations.get(variable.name) if named else expectations.anonymous
            if expect is None or len(expect.dims) != len(variable.shape):
                continue
            for axis, dim in expect.named_axes:
                yield result, variable, dim, axis, variable.shape[axis]


def settle_named(result: FileResult, expectations: Expectations) -> None:
    """What a checked file's named dimensions need before the file is let go: they agree
    within it (:func:`agree_within`), and the places where they start are kept
    (:func:`settle_places`); the named dimensions of its variables are listed once for both."""
    found = list(_occurrences([result], expectations))
    agree_within(found)
    settle_places(result, found)


def agree_within(occurrences: list[_Occurrence]) -> None:
    """Named dimensions shared by several variables of one file (its ``occurrences``) must
    agree there."""
    first: dict[str, tuple[Variable, int, int]] = {}
    for _result, variable, dim, axis, length in occurrences:
        if variable.status != "ok":
            continue
        if dim not in first:
            first[dim] = (variable, axis, length)
            continue
        other, other_axis, agreed = first[dim]
        if length != agreed and other is not variable:
            message = (
                f"{variable.name} has shape {shape_text(variable.shape)}: dimension {axis} ({dim}) "
                f"is {length}, but it is {agreed} in {other.name} (dimension {other_axis}); "
                f"the two must be equal"
            )
            _fail_axis(variable, axis, message)


class AxisPlaces:
    """Where each named dimension of one variable starts, found once while its file was at hand.

    A variable's ``locate_axis`` first reads the file's syntax tree or text; once the
    file is checked, only its named dimensions can still fail (across files), so their
    places are kept and the tree is let go. Plain data: it travels from a worker process.

    >>> AxisPlaces({0: (2, 5, None, "x = [[1]]")}, (1, 1, None, None))(0)
    (2, 5, None, 'x = [[1]]')
    """

    __slots__ = ("default", "places")

    def __init__(self, places: dict[int, Place], default: Place) -> None:
        self.places = places
        self.default = default

    def __call__(self, axis: int) -> Place:
        return self.places.get(axis, self.default)


def settle_places(result: FileResult, occurrences: list[_Occurrence]) -> None:
    """Replace each variable's ``locate_axis`` by the places of its named dimensions (its
    ``occurrences``).

    Done when a file is checked, so its result holds no syntax tree or text (which
    would keep them alive for the whole run) and can be sent between processes.
    """
    places: dict[int, dict[int, Place]] = {}
    for _result, variable, _dim, axis, _length in occurrences:
        if variable.status == "ok" and variable.locate_axis is not None:
            places.setdefault(id(variable), {})[axis] = variable.locate_axis(axis)
    for variable in result.variables:
        found = places.get(id(variable))
        default = (variable.line, variable.column, variable.cell, variable.excerpt)
        variable.locate_axis = None if found is None else AxisPlaces(found, default)


def agree_named(results: list[FileResult], expectations: Expectations) -> None:
    """Fail the variables whose named dimensions differ from what most files agree on.

    >>> from shapekit.check.results import Variable
    >>> results = [FileResult(f, [Variable("x", "ok", shape=s)]) for f, s in
    ...            [("a", (3, 4)), ("b", (5, 4)), ("c", (3, 4))]]
    >>> agree_named(results, Expectations.parse(["x=batch,4"]))
    >>> [r.ok for r in results], results[1].variables[0].message
    ([True, False, True], 'x has shape (5, 4): dimension 0 (batch) is 5 here but 3 in the other files')
    """
    votes: dict[str, list[tuple[FileResult, Variable, int, int]]] = {}
    for result, variable, dim, axis, length in _occurrences(results, expectations):
        votes.setdefault(dim, []).append((result, variable, axis, length))
    for dim, found in votes.items():
        per_file: dict[str, int] = {}
        for result, _variable, _axis, length in found:
            per_file.setdefault(result.file, length)  # each file votes once
        if len(per_file) < 2:
            continue
        order = list(per_file.values())
        counts = Counter(order)
        agreed = max(counts, key=lambda n: (counts[n], -order.index(n)))
        for _result, variable, axis, length in found:
            if length != agreed and variable.status == "ok":
                message = (
                    f"{variable.name} has shape {shape_text(variable.shape)}: dimension {axis} "
                    f"({dim}) is {length} here but {agreed} in the other files"
                )
                _fail_axis(variable, axis, message)


def _fail_axis(variable: Variable, axis: int, message: str) -> None:
    variable.status, variable.message, variable.kind = "wrong-shape", message, "wrong_shape"
    if variable.locate_axis is not None:
        line, column, cell, excerpt = variable.locate_axis(axis)
        variable.line, variable.column, variable.cell, variable.excerpt = (
            line,
            column,
            cell,
            excerpt,
        )
