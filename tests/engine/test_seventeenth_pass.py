"""Seventeenth pass: what running a program does, decided by running it (the oracle), for
NumPy's functions that shapekit asks NumPy itself about, on stand-ins of the file's arrays
(:mod:`shapekit.engine._oracle`).

Each test runs the program with NumPy and compares (see :func:`_agrees`): a program that
runs through has no certain problem and ``y`` of the shape running gives; one that raises
is reported at its line, or ``y`` is left unknown.
"""

from __future__ import annotations

import itertools

import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees

#: how the arrays are made: their values written out, or only their shapes known
_MAKERS = {
    "ones": "np.ones({shape})",
    "ints": "np.arange({size}).reshape({shape})",
    "written": "np.array({values})",
}
_SHAPES = ((3, 4), (4, 3), (3,), (2, 3, 4), (3, 3))


def _made(maker: str, shape: tuple[int, ...], seed: int) -> str:
    size = 1
    for d in shape:
        size *= d
    flat = [round(0.5 * ((i * 7 + seed) % 5) - 1.0, 1) for i in range(size)]

    def nest(items: list[float], dims: tuple[int, ...]) -> object:
        if len(dims) == 1:
            return items
        step = len(items) // dims[0]
        return [nest(items[i * step : (i + 1) * step], dims[1:]) for i in range(dims[0])]

    return _MAKERS[maker].format(shape=shape, size=size, values=nest(flat, shape))


#: calls of the functions NumPy is asked about (a and b are arrays of the grid's shapes)
CALLS = (
    "np.dstack([a, b])",
    "np.hsplit(a, 2)[0]",
    "np.vsplit(a, 3)[-1]",
    "np.dsplit(np.dstack([a, a]), 2)[1]",
    "np.block([[a, b]])",
    "np.block([a, b])",
    "np.concat([a, b])",
    "np.concat([a, b], axis=1)",
    "np.trace(a)",
    "np.diagonal(a)",
    "np.cross(a, b)",
    "np.ediff1d(a)",
    "np.gradient(a)[0]",
    "np.gradient(a, axis=0)",
    "np.lexsort(a)",
    "np.partition(a, 2)",
    "np.argpartition(a, 3, axis=0)",
    "np.permute_dims(a, (1, 0))",
    "np.matrix_transpose(a)",
    "np.unstack(a)[0]",
    "np.cumulative_sum(a, axis=0)",
    "np.astype(a, np.float32)",
    "np.trapezoid(a, axis=1)",
    "np.real(a)",
    "np.isin(a, b)",
    "np.polyval(b[0], a)",
    "np.asfortranarray(a)",
    "np.linalg.vector_norm(a, axis=1)",
    "np.linalg.matrix_norm(a)",
    "np.linalg.norm(a, ord=2, axis=1)",
    "np.linalg.norm(a, 2)",
    "np.expand_dims(a, axis=(0, 2))",
    "np.insert(a, 1, b, axis=0)",
    "np.delete(a, 1, axis=1)",
    "np.compress([True, False, True], a, axis=0)",
    "np.select([a > 0], [b])",
    "np.vdot(a, b)",
    "np.vecdot(a, b)",
    "np.matvec(a, b)",
    "np.linalg.matmul(a, b)",
    "np.linalg.outer(a, b)",
    "np.linalg.multi_dot([a, b, a])",
    "np.linalg.cross(a, b)",
    "np.indices(a.shape)",
    "np.vander(a, 3)",
    "np.histogram2d(a, b, bins=4)[0]",
    "a.diagonal()",
    "a.trace()",
    "a.view()",
    "a.conj()",
    "a.argpartition(1)",
    "a.take([0, 2], axis=1)",
    "a.compress([True, False, True], axis=0)",
    # the kind of numbers decides: NumPy refuses booleans where it subtracts, floats as
    # conditions and as indices
    "np.cross(a > 0, b > 0)",
    "np.gradient(a > 0)",
    "np.ediff1d(b > 0)",
    "np.select([a], [b])",
    "np.take(a, b)",
    "np.vecdot(a > 0, b)",
)


@pytest.mark.parametrize(
    ("call", "shapes", "maker"),
    list(itertools.product(CALLS, itertools.combinations(_SHAPES, 2), ("ones", "ints", "written"))),
)
def test_numpy_asked_on_stand_ins_agrees_with_running(
    call: str, shapes: tuple[tuple[int, ...], tuple[int, ...]], maker: str
) -> None:
    source = (
        f"import numpy as np\na = {_made(maker, shapes[0], 1)}\nb = {_made(maker, shapes[1], 2)}"
        f"\ny = {call}\nz = y @ np.ones((4, 4))\n"
    )
    assert _agrees(source)  # decided: y's shape known, or the error said at its line


#: what is done with the array a call gives back: the very array given (np.real of floats)
#: is reshaped with it; a view (w.view()) is not
_IDENTITY_CALLS = ("np.real(w)", "w.view()", "np.conj(w)", "np.expand_dims(w, (0, 1))",
                   "np.astype(w, np.float64)",
                   "np.astype(w, np.float64, copy=False)", "w.conj()")  # fmt: skip


@pytest.mark.parametrize(
    ("call", "made"), list(itertools.product(_IDENTITY_CALLS, ("np.ones((3, 4))", "np.ones(12)")))
)
def test_the_array_given_back_is_the_one_given(call: str, made: str) -> None:
    source = f"import numpy as np\nw = {made}\nr = {call}\nr.shape = (2, 6)\ny = w\n"
    assert _agrees(source)


def test_an_array_that_may_be_given_back_is_judged_as_running_does() -> None:
    """np.asfortranarray gives back an array of one dimension itself, a copy of a matrix
    (in another layout, which .shape = refuses): running decides, shapekit never
    contradicts it."""
    for made in ("np.ones(12)", "np.ones((3, 4))"):
        _agrees(
            f"import numpy as np\nw = {made}\nr = np.asfortranarray(w)\nr.shape = (2, 6)\ny = w\n"
        )


def test_a_function_of_values_not_known_is_unknown_with_its_reason() -> None:
    source = "import numpy as np\nw = np.ones((3, 4))\ny = np.flatnonzero(w)\n"
    binding = analyse([(None, source)]).binding("y")
    assert binding is not None and binding.status == "unknown"
    assert "depends on the values of its arrays" in (binding.reason or "")
    written = "import numpy as np\nw = np.arange(-2, 2)\ny = np.flatnonzero(w)\n"
    assert _agrees(written)
    known = analyse([(None, written)]).binding("y")
    assert known is not None and known.shape == (3,)


def test_a_refusal_names_the_shapes_of_the_arrays_given() -> None:
    source = "import numpy as np\nw = np.ones((3, 4))\nb = np.ones(3)\ny = np.dstack([w, b])\n"
    (problem,) = analyse([(None, source)]).problems
    assert problem.line == 4 and problem.certain
    assert problem.message.startswith(
        "cannot compute np.dstack([w, b]): w is an array of shape (3, 4); b is an array of "
        "shape (3,); NumPy raises a ValueError: all the input array dimensions"
    )


_GRID_INDEXES = ("0:3, 0:4", "0:4", "0:1:5j, 0:2:3j", "1:7:2, -2:2", "0:3, 0:4, 0:2", "0:1:0.25")


@pytest.mark.parametrize(
    ("grid", "index", "taken"),
    list(itertools.product(("mgrid", "ogrid"), _GRID_INDEXES, ("", "[0]", "[-1]"))),
)
def test_grids_of_index_tricks_agree_with_running(grid: str, index: str, taken: str) -> None:
    source = f"import numpy as np\ny = np.{grid}[{index}]{taken}\nz = y @ np.ones((4, 4))\n"
    assert _agrees(source)


#: a whole number whose value shapekit does not know (a NumPy number, a random draw)
_NOT_KNOWN = ("np.int64(3)", "rng.integers(0, 3)", "int(rng.integers(3, 4))", "len(str(x.sum()))")
#: calls where such a number is no data: an axis, a count, a place (never a zero stand-in)
_COUNTED = (
    "np.expand_dims(x, n)",
    "np.partition(x, n)",
    "np.hsplit(x, n)",
    "np.vander(x[0], n)",
    "np.indices((n, 2))",
    "np.tri(n)",
    "np.delete(x, n, axis=1)",
    "np.insert(x, n, 0.5, axis=0)",
    "np.unstack(x, axis=n)",
    "np.trace(x, offset=n)",
    "np.concat([x, x], axis=n)",
    "np.linalg.vector_norm(x, axis=n)",
    "np.histogram2d(x[0], x[1], bins=n)[0]",
    "x.diagonal(n)",
    "x.argpartition(n)",
    "np.mgrid[0:n, 0:2]",
)


@pytest.mark.parametrize(("count", "call"), list(itertools.product(_NOT_KNOWN, _COUNTED)))
def test_a_number_not_known_is_never_guessed(count: str, call: str) -> None:
    source = (
        "import numpy as np\nrng = np.random.default_rng(0)\nx = np.ones((6, 4))\n"
        f"n = {count}\ny = {call}\n"
    )
    _agrees(source)
    binding = analyse([(None, source)]).binding("y")
    assert binding is None or binding.status != "known"
