"""NumPy functions, methods and indexing forms the interpreter follows beyond the basics.

``np.outer``, ``np.where``, ``np.sort``/``np.argsort`` and ``.sort()``, ``np.swapaxes``,
``np.moveaxis``, ``np.atleast_1d/2d/3d``, ``None``/``...`` in an index, the calls students
write with the shape in the wrong place (``np.random.randn((3, 4))``, ``np.vstack(a, b)``),
``np.repeat``, ``np.split``, ``np.tensordot``, ``clip(min=..., max=...)`` and
``np.random.RandomState``. Each snippet is small enough to run here: the test runs it with
NumPy (shapekit never runs a submission) and the analysis must agree, the shape of the result
or a problem at the line that raised, which the file's own ``except`` of that exception
catches.
"""

from __future__ import annotations

import traceback
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapekit.engine.program import analyse

HEADER = "import numpy as np\n"


def run(source: str) -> tuple[BaseException | None, int | None, dict[str, Any]]:
    """What running ``source`` does: the exception (and the line of the file it was raised
    at) or None, and the names it leaves."""
    namespace: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(source, "<snippet>", "exec", dont_inherit=True), namespace)
        except Exception as exc:
            frames = [
                f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<snippet>"
            ]
            return exc, frames[-1].lineno, namespace
    return None, None, namespace


def shape_left(source: str, name: str = "r") -> tuple[int, ...] | None:
    binding = analyse([(None, source)]).binding(name)
    assert binding is not None
    return binding.shape if binding.status == "known" else None


def problem_lines(source: str) -> list[int]:
    return [p.line for p in analyse([(None, source)]).problems]


def agrees(source: str, name: str = "r") -> None:
    """The analysis of ``source`` says what running it does."""
    exc, line, namespace = run(source)
    if exc is None:
        assert problem_lines(source) == [], source
        assert shape_left(source, name) == np.shape(namespace[name]), source
    else:
        assert problem_lines(source) == [line], (source, exc)


def builtin_class(exc: BaseException) -> str:
    """The first builtin exception class ``exc`` is an instance of (AxisError: ValueError)."""
    import builtins

    return next(c.__name__ for c in type(exc).__mro__ if getattr(builtins, c.__name__, None) is c)


def caught(source: str, handler: str) -> str:
    """``source`` with its last line put in a ``try`` with ``except <handler>: pass``."""
    *head, last = source.rstrip("\n").split("\n")
    return "\n".join([*head, "try:", f"    {last}", f"except {handler}:", "    pass"]) + "\n"


def refused(source: str) -> None:
    """The last line of ``source`` raises when run; the analysis has the problem there, and
    a handler of the exception NumPy raises catches it while one of another does not."""
    exc, line, _ = run(source)
    assert exc is not None, source
    assert line == source.rstrip("\n").count("\n") + 1
    assert problem_lines(source) == [line], (source, exc)
    assert problem_lines(caught(source, builtin_class(exc))) == []
    other = "KeyError" if builtin_class(exc) != "KeyError" else "ZeroDivisionError"
    assert problem_lines(caught(source, other)) == [line + 1]


# -- 1. outer, where, sort/argsort, swapaxes/moveaxis, atleast_nd ------------------------

SHAPED = [
    "r = np.outer(np.ones((3, 4)), np.ones(5))",
    "r = np.outer([1, 2, 3], np.ones((2, 2)))",
    "r = np.outer(2.0, np.ones(3))",
    "r = np.where(np.ones((3, 4)) > 0, np.ones((3, 4)), 0)",
    "r = np.where(np.ones((3, 1)) > 0, np.ones(4), np.zeros((2, 1, 1)))",
    "r = np.where([True, False], 1, 2)",
    "r = np.sort(np.ones((3, 4)))",
    "r = np.sort(np.ones((3, 4)), axis=0)",
    "r = np.sort(np.ones((3, 4)), axis=None)",
    "r = np.sort([[3, 1], [2, 0]], axis=-2)",
    "r = np.argsort(np.ones((3, 4)), axis=1)",
    "r = np.argsort(np.ones((3, 4)), axis=None)",
    "r = np.argsort(np.array(2.0))",
    "r = np.ones((3, 4))\nr.sort(axis=0)",
    "x = np.ones((3, 4))\nr = x.argsort()",
    "r = np.swapaxes(np.ones((2, 3, 4)), 0, 2)",
    "r = np.swapaxes(np.ones((2, 3)), -1, 0)",
    "r = np.ones((2, 3, 4)).swapaxes(1, 2)",
    "r = np.moveaxis(np.ones((2, 3, 4)), 0, -1)",
    "r = np.moveaxis(np.ones((2, 3, 4)), [0, 1], [2, 0])",
    "r = np.moveaxis(np.ones((2, 3, 4, 5)), (3, 0), (0, 3))",
    "r = np.atleast_1d(5.0)",
    "r = np.atleast_2d(np.ones(3))",
    "r = np.atleast_2d(np.ones((2, 3, 4)))",
    "r = np.atleast_3d(np.ones(3))",
    "r = np.atleast_3d(np.ones((2, 3)))",
    "r = np.atleast_3d(7)",
    "r = np.atleast_1d(np.ones(2), 3.0)[1]",
]

RAISING = [
    "r = np.where(np.ones(3) > 0, np.ones(4), 0)",
    "r = np.where(np.ones((2, 3)) > 0, 1, np.ones((3, 2)))",
    "r = np.sort(np.ones((3, 4)), axis=2)",
    "r = np.sort(np.array(1.0))",
    "r = np.argsort(np.ones(3), axis=-2)",
    "x = np.ones((3, 4))\nx.sort(axis=2)",
    "r = np.swapaxes(np.ones(3), 0, 1)",
    "r = np.moveaxis(np.ones((2, 3)), 0, 2)",
    "r = np.moveaxis(np.ones((2, 3, 4)), [0, 0], [1, 2])",
    "r = np.moveaxis(np.ones((2, 3, 4)), [0, 1], [2])",
]


@pytest.mark.parametrize("snippet", SHAPED)
def test_functions_give_the_shape_numpy_gives(snippet):
    source = HEADER + snippet + "\n"
    exc, _, namespace = run(source)
    assert exc is None
    assert problem_lines(source) == []
    assert shape_left(source) == np.shape(namespace["r"])


@pytest.mark.parametrize("snippet", RAISING)
def test_what_numpy_refuses_is_a_problem_at_its_line(snippet):
    refused(HEADER + snippet + "\n")


def test_sort_in_place_returns_none():
    source = HEADER + "x = np.ones((3, 4))\nr = x.sort()\n"
    exc, _, namespace = run(source)
    assert exc is None and namespace["r"] is None
    binding = analyse([(None, source)]).binding("r")
    assert binding is not None and binding.status == "error" and "None" in str(binding.reason)
    assert shape_left(source, "x") == (3, 4)


def test_where_of_one_argument_is_not_followed():
    # (of values not known: np.where of a mask whose values are known gives its positions,
    # see the twenty-sixth pass)
    source = HEADER + "r = np.where(np.random.rand(3, 4) > 0.5)\n"
    assert run(source)[0] is None
    assert shape_left(source) is None
    assert problem_lines(source) == []


def test_where_of_one_argument_of_known_values_gives_their_positions():
    source = HEADER + "r = np.where(np.ones((3, 4)) > 0)\n"
    assert run(source)[0] is None
    assert shape_left(source) == (2, 12)


# -- 2. None and ... in an index -------------------------------------------------------

INDEXED = [
    "x = np.ones((3, 4))\nr = x[..., None]",
    "x = np.ones((3, 4))\nr = x[None, ...]",
    "x = np.ones((3, 4))\nr = x[:, None]",
    "x = np.ones((3, 4))\nr = x[None]",
    "x = np.ones((3, 4))\nr = x[..., 0]",
    "x = np.ones((3, 4))\nr = x[np.newaxis, :, np.newaxis]",
    "x = np.ones((2, 3, 4))\nr = x[0, ..., 1:3]",
    "x = np.ones((2, 3, 4))\nr = x[..., 1, :]",
    "x = np.ones((2, 3, 4))\nr = x[1, 2, 3, ...]",
    "x = np.ones((2, 3, 4))\nr = x[...]",
    "x = np.ones((2, 3, 4))\nr = x[[0, 1], ..., None]",
    "x = np.ones((2, 3, 4))\nr = x[..., [0, 2], :]",
    "x = np.ones((3, 4))\nr = x[[0, 1], ..., [0, 1]]",
    "r = np.ones(())[..., None]",
    "x = np.ones((1, 1, 1))\nr = x[:, [0, 0], ..., 0]",
    "x = np.ones((3, 4, 5))\nr = x[:, [0, 1], ..., [0, 1]]",
    "x = np.ones((3, 4, 5))\nr = x[:, [0, 1], None, [0, 1]]",
]


@pytest.mark.parametrize("snippet", INDEXED)
def test_none_and_ellipsis_in_an_index(snippet):
    agrees(HEADER + snippet + "\n")


@pytest.mark.parametrize(
    "snippet",
    [
        "x = np.ones((3, 4))\nr = x[..., ...]",
        "x = np.ones((3, 4))\nr = x[0, 0, 0, ...]",
        "x = np.ones((3, 4))\nr = x[..., 4]",
    ],
)
def test_ellipsis_indexing_numpy_refuses(snippet):
    refused(HEADER + snippet + "\n")


# -- 3. the shape or the arrays as separate arguments ------------------------------------

FIXED = [
    ("r = np.random.randn((3, 4))", "np.random.randn(3, 4)"),
    ("r = np.random.rand((3, 4))", "np.random.rand(3, 4)"),
    ("r = np.random.rand([2, 5])", "np.random.rand(2, 5)"),
    ("shape = (3, 4)\nr = np.random.randn(shape)", "np.random.randn(*shape)"),
    ("a = np.ones((2, 3))\nb = np.ones((2, 3))\nr = np.vstack(a, b)", "np.vstack((a, b))"),
    ("a = np.ones((2, 3))\nb = np.ones((2, 3))\nr = np.hstack(a, b)", "np.hstack((a, b))"),
    (
        "a = np.ones((2, 3))\nb = np.ones((2, 3))\nr = np.concatenate(a, b)",
        "np.concatenate((a, b))",
    ),
    ("a = np.ones(3)\nr = np.concatenate(a, [1, 2])", "np.concatenate((a, [1, 2]))"),
    ("a = np.ones(3)\nr = np.column_stack(a, a, a)", "np.column_stack((a, a, a))"),
]


@pytest.mark.parametrize(("snippet", "fix"), FIXED)
def test_a_shape_or_arrays_given_apart_is_a_type_error_with_its_fix(snippet, fix):
    source = HEADER + snippet + "\n"
    refused(source)
    exc = run(source)[0]
    assert isinstance(exc, TypeError)
    (problem,) = analyse([(None, source)]).problems
    assert fix in problem.fixes[0]
    fixed = source.replace(source.rstrip("\n").split("\n")[-1].split(" = ", 1)[1], fix)
    assert run(fixed)[0] is None  # the fix runs
    assert problem_lines(fixed) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "a = np.ones((2, 3))\nr = np.concatenate((a, a), 1)",
        "a = np.ones((2, 3))\nr = np.vstack((a, a))",
        "shape = (3, 4)\nr = np.random.randn(*shape)",
    ],
)
def test_the_right_forms_are_not_refused(snippet):
    agrees(HEADER + snippet + "\n")


def test_arrays_given_apart_are_refused_even_when_their_shapes_are_not_known():
    source = HEADER + "import json\na = np.array(json.loads('[1, 2]'))\nr = np.vstack(a, a)\n"
    exc, line, _ = run(source)
    assert isinstance(exc, TypeError)
    assert problem_lines(source) == [line]


def test_an_axis_given_as_a_0d_array_is_not_refused():
    source = HEADER + "a = np.ones((2, 3))\nr = np.concatenate([a, a], np.array(1))\n"
    assert run(source)[0] is None
    assert problem_lines(source) == []


# -- 4. repeat, split, tensordot, clip keywords, RandomState -----------------------------

MORE = [
    "r = np.repeat(np.ones((2, 3)), 2)",
    "r = np.repeat(np.ones((2, 3)), 3, axis=1)",
    "r = np.repeat(np.ones((2, 3)), 0, axis=-2)",
    "r = np.ones((2, 3)).repeat(2, axis=0)",
    "r = np.split(np.ones((4, 6)), 3, axis=1)",
    "r = np.split(np.ones(6), 2)[1]",
    "r = np.split(np.ones(6), [2, 5])[1]",
    "r = np.array_split(np.ones((7, 2)), 3)[2]",
    "r = np.array_split([1.0, 2.0, 3.0], 2)[0]",
    "r = np.split([1.0, 2.0, 3.0], [1])[1]",
    "r = np.split(np.array([1.0, 2.0]), 2)",
    "r = np.tensordot(np.ones((2, 3, 4)), np.ones((3, 4, 5)))",
    "r = np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=1)",
    "r = np.tensordot(np.ones((2, 3)), np.ones((4, 5)), axes=0)",
    "r = np.tensordot(np.ones((2, 3, 4)), np.ones((3, 4, 5)), axes=(1, 0))",
    "r = np.tensordot(np.ones((2, 3, 4)), np.ones((3, 4, 5)), axes=([1, 2], [0, 1]))",
    "r = np.tensordot(np.ones((2, 3, 4)), np.ones((3, 4, 5)), axes=(-2, -3))",
    "r = np.ones((3, 4)).clip(min=0)",
    "r = np.ones((3, 4)).clip(max=1.0)",
    "r = np.ones((3, 4)).clip(0, 1)",
    "r = np.clip(np.ones((3, 4)), min=0, max=1)",
    "r = np.clip(np.ones((3, 4)), 0, 1)",
    "r = np.clip(np.ones(4), np.zeros((2, 1)), 1)",
    "rs = np.random.RandomState(0)\nr = rs.randn(2, 3)",
    "rs = np.random.RandomState(seed=1)\nr = rs.rand(4)",
    "rs = np.random.RandomState(0)\nr = rs.uniform(-1, 1, (2, 3))",
    "rs = np.random.RandomState(0)\nr = rs.normal(0, 1, size=5)",
    "rs = np.random.RandomState(0)\nr = rs.randint(0, 5, size=(2, 2))",
]

MORE_RAISING = [
    "r = np.repeat(np.ones((2, 3)), 2, axis=2)",
    "r = np.repeat(np.ones((2, 3)), -1)",
    "r = np.split(np.ones(5), 2)",
    "r = np.split(np.ones((4, 6)), 4, axis=1)",
    "r = np.split(np.ones(3), 3, axis=1)",
    "r = np.split(np.ones(3), 0)",
    "r = np.split([1.0, 2.0], 2)",
    "r = np.split((1, 2, 3), 3, axis=0)",
    "r = np.split(np.ones(6), -1)",
    "r = np.split(np.ones(6), -4)",
    "r = np.array_split(np.ones(6), 0)",
    "r = np.tensordot(np.ones((2, 2)), np.ones((2, 2)), axes=([0, 0], [0, 1]))",
    "r = [3, 1, 2].argsort()",
    "r = (2.5).clip(0, 1)",
    "r = np.tensordot(np.ones((2, 3, 4)), np.ones((3, 4, 5)), axes=1)",
    "r = np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=3)",
    "r = np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=(5, 0))",
    "r = np.tensordot(np.ones((2, 3)), np.ones((3, 4)), axes=([0], [0]))",
    "r = np.clip(np.ones(4), np.zeros(3), 1)",
    "rs = np.random.RandomState(0)\nr = rs.integers(0, 5)",
    "rng = np.random.default_rng(0)\nr = rng.randn(3)",
]


@pytest.mark.parametrize("snippet", MORE)
def test_more_functions_give_the_shape_numpy_gives(snippet):
    agrees(HEADER + snippet + "\n")


@pytest.mark.parametrize("snippet", MORE_RAISING)
def test_more_functions_numpy_refuses(snippet):
    refused(HEADER + snippet + "\n")


def test_split_gives_a_list_of_arrays():
    source = HEADER + "parts = np.split(np.ones((4, 6)), 3, axis=1)\nn = len(parts)\n"
    namespace = run(source)[2]
    result = analyse([(None, source)])
    n = result.binding("n")
    assert n is not None and n.value == len(namespace["parts"]) == 3


# -- properties over random shapes and axes ---------------------------------------------

shapes = st.lists(st.integers(1, 4), min_size=0, max_size=4).map(tuple)
small = st.integers(-5, 5)
settle = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settle
@given(shapes, shapes)
def test_outer_property(a, b):
    agrees(HEADER + f"r = np.outer(np.ones({a}), np.ones({b}))\n")


@settle
@given(shapes, shapes, shapes)
def test_where_property(c, x, y):
    agrees(HEADER + f"r = np.where(np.ones({c}) > 0, np.ones({x}), np.zeros({y}))\n")


@settle
@given(shapes, small, small, st.sampled_from(["swapaxes", "moveaxis"]))
def test_swapaxes_and_moveaxis_property(shape, a, b, name):
    agrees(HEADER + f"r = np.{name}(np.ones({shape}), {a}, {b})\n")


@settle
@given(shapes, st.lists(small, max_size=3), st.lists(small, max_size=3))
def test_moveaxis_of_lists_property(shape, source, destination):
    agrees(HEADER + f"r = np.moveaxis(np.ones({shape}), {source}, {destination})\n")


@settle
@given(shapes, st.integers(0, 3), st.one_of(st.none(), small))
def test_repeat_property(shape, times, axis):
    agrees(HEADER + f"r = np.repeat(np.ones({shape}), {times}, axis={axis})\n")


@settle
@given(shapes, st.integers(1, 4), small, st.sampled_from(["split", "array_split"]))
def test_split_property(shape, parts, axis, name):
    agrees(HEADER + f"x = np.{name}(np.ones({shape}), {parts}, axis={axis})\nr = x[-1]\n")


@settle
@given(shapes, shapes, st.one_of(st.integers(0, 3), st.tuples(small, small)))
def test_tensordot_property(a, b, axes):
    agrees(HEADER + f"r = np.tensordot(np.ones({a}), np.ones({b}), axes={axes})\n")


@settle
@given(shapes, small, st.sampled_from(["sort", "argsort"]))
def test_sort_property(shape, axis, name):
    agrees(HEADER + f"r = np.{name}(np.ones({shape}), axis={axis})\n")


index_parts = st.sampled_from(
    ["None", "...", ":", "0", "-1", "1:", "::2", "[0, 0]", "[[0], [-1]]", "np.array([1, 0, 0])"]
)


@settle
@given(shapes, st.lists(index_parts, min_size=1, max_size=5))
def test_none_and_ellipsis_indexing_property(shape, parts):
    agrees(HEADER + f"x = np.ones({shape})\nr = x[{', '.join(parts)}]\n")


# -- a dimension that is a float ---------------------------------------------------------

FLOAT_DIMENSIONS = [
    ("n = 10\nr = np.zeros(n / 2)", "np.zeros(int(n / 2))"),
    ("n = 10\nr = np.ones((n / 2, 3))", "np.ones((int(n / 2), 3))"),
    ("n = 10\nr = np.random.randn(n / 5, 2)", "np.random.randn(int(n / 5), 2)"),
    ("r = np.random.normal(0, 1, size=(2.0, 3))", "np.random.normal(0, 1, size=(2, 3))"),
    ("rng = np.random.default_rng(0)\nr = rng.normal(size=4 / 2)", "rng.normal(size=int(4 / 2))"),
    ("r = np.ones([3, 1.5])", None),
    ("shape = (2, 2.5)\nr = np.zeros(shape)", None),
]


@pytest.mark.parametrize(("snippet", "fix"), FLOAT_DIMENSIONS)
def test_a_float_dimension_is_a_type_error(snippet, fix):
    source = HEADER + snippet + "\n"
    refused(source)
    assert isinstance(run(source)[0], TypeError)
    (problem,) = analyse([(None, source)]).problems
    if fix is None:
        assert problem.fixes == []
        return
    assert fix in problem.fixes[0]
    fixed = source.replace(source.rstrip("\n").split("\n")[-1].split(" = ", 1)[1], fix)
    assert run(fixed)[0] is None
    assert problem_lines(fixed) == []


def test_an_index_not_known_says_why():
    source = "import json\nimport os\nimport numpy as np\nx = np.ones(3)\n"
    source += "k = json.loads(os.environ['K'])\nr = x[:, k]\n"
    binding = analyse([(None, source)]).binding("r")
    assert binding is not None and binding.status == "unknown"
    assert "json.loads" in str(binding.reason)


# -- also followed: all/any, cumsum/cumprod, flip, roll, diag ----------------------------

KEPT = [
    "r = np.all(np.ones((3, 4)) > 0, axis=0)",
    "r = np.any(np.ones((3, 4)) > 0)",
    "r = (np.ones((3, 4)) > 0).any(axis=1, keepdims=True)",
    "r = np.cumsum(np.ones((3, 4)))",
    "r = np.cumsum(np.ones((3, 4)), axis=1)",
    "r = np.ones((3, 4)).cumprod(axis=0)",
    "r = np.cumsum(np.array(2.0), axis=0)",
    "r = np.flip(np.ones((3, 4)))",
    "r = np.flip(np.ones((3, 4)), axis=(0, 1))",
    "r = np.roll(np.ones((3, 4)), 1)",
    "r = np.roll(np.ones((3, 4)), -2, axis=1)",
    "r = np.diag(np.ones(3))",
    "r = np.diag(np.ones(3), k=-2)",
    "r = np.diag(np.ones((3, 5)))",
    "r = np.diag(np.ones((3, 5)), 4)",
    "r = np.diag(np.ones((3, 5)), k=-5)",
]

KEPT_RAISING = [
    "r = np.any(np.ones(3), axis=1)",
    "r = np.cumsum(np.ones((3, 4)), axis=2)",
    "r = np.flip(np.ones((3, 4)), axis=(0, 0))",
    "r = np.flip(np.ones((3, 4)), axis=-3)",
    "r = np.roll(np.ones((3, 4)), 1, axis=2)",
    "r = np.diag(np.ones((2, 3, 4)))",
    "r = np.diag(np.array(1.0))",
]


@pytest.mark.parametrize("snippet", KEPT)
def test_shape_keeping_functions_give_the_shape_numpy_gives(snippet):
    agrees(HEADER + snippet + "\n")


@pytest.mark.parametrize("snippet", KEPT_RAISING)
def test_shape_keeping_functions_numpy_refuses(snippet):
    refused(HEADER + snippet + "\n")


@settle
@given(
    shapes,
    st.one_of(st.none(), small, st.tuples(small, small)),
    st.sampled_from(["cumsum", "cumprod", "flip", "roll", "all", "any"]),
)
def test_axis_functions_property(shape, axis, name):
    if name in ("cumsum", "cumprod") and isinstance(axis, tuple):
        axis = axis[0]
    shift = "1, " if name == "roll" else ""
    agrees(HEADER + f"r = np.{name}(np.ones({shape}), {shift}axis={axis})\n")


@settle
@given(shapes, small)
def test_diag_property(shape, k):
    agrees(HEADER + f"r = np.diag(np.ones({shape}), k={k})\n")


def test_whole_numbers_converted_with_np_array_are_checked_as_indices():
    source = HEADER + "x = np.ones((2, 3))\nidx = np.array([0, 2])\nr = x[idx]\n"
    refused(source)
    agrees(source.replace("[0, 2]", "[0, 1]"))


# -- np.linalg.norm (without ord), inv, det ----------------------------------------------

LINALG = [
    "r = np.linalg.norm(np.ones((2, 3, 4)))",
    "r = np.linalg.norm(np.ones((2, 3, 4)), keepdims=True)",
    "r = np.linalg.norm(np.ones((2, 3, 4)), axis=1)",
    "r = np.linalg.norm(np.ones((2, 3)), axis=-1, keepdims=True)",
    "r = np.linalg.norm(np.ones((2, 3, 4)), axis=(0, 2))",
    "r = np.linalg.norm(np.ones(3), axis=(0,))",
    "r = np.linalg.inv(np.eye(3))",
    "r = np.linalg.inv(np.ones((4, 2, 2)) + np.eye(2))",
    "r = np.linalg.det(np.ones((5, 2, 2)))",
]

LINALG_RAISING = [
    "r = np.linalg.norm(np.ones((2, 3)), axis=2)",
    "r = np.linalg.norm(np.ones((2, 3, 4)), axis=(0, 0))",
    "r = np.linalg.norm(np.ones((2, 3, 4)), axis=(0, 1, 2))",
    "r = np.linalg.inv(np.ones(3))",
    "r = np.linalg.inv(np.ones((2, 3)))",
    "r = np.linalg.det(np.ones((3, 2)))",
]


@pytest.mark.parametrize("snippet", LINALG)
def test_linalg_gives_the_shape_numpy_gives(snippet):
    agrees(HEADER + snippet + "\n")


@pytest.mark.parametrize("snippet", LINALG_RAISING)
def test_linalg_numpy_refuses(snippet):
    source = HEADER + "import warnings\nwarnings.simplefilter('ignore')\n" + snippet + "\n"
    refused(source)


@settle
@given(shapes, st.one_of(st.none(), small, st.tuples(small, small)), st.booleans())
def test_norm_property(shape, axis, keepdims):
    agrees(HEADER + f"r = np.linalg.norm(np.ones({shape}), axis={axis}, keepdims={keepdims})\n")


@settle
@given(shapes, st.sampled_from(["inv", "det"]))
def test_inv_det_property(shape, name):
    agrees(
        HEADER + f"r = np.linalg.{name}(np.ones({shape}) + np.eye({shape[-1] if shape else 1}))\n"
    )


@pytest.mark.parametrize(
    "snippet",
    [
        'r = np.where([True, False], "yes", "no")',
        'r = np.repeat(["a", "b"], 2)',
        'r = np.sort(["b", "a"])',
        'r = np.atleast_1d("x")',
        'r = np.flip(["a", "b"])',
        'r = np.array_split(["a", "b"], 2)',
        'r = np.split(["a", "b"], [1])',
        'r = np.moveaxis([["a", "b"]], 0, 1)',
    ],
)
def test_text_is_no_problem_where_numpy_takes_it(snippet):
    source = HEADER + snippet + "\n"
    assert run(source)[0] is None
    assert problem_lines(source) == []
