"""Twenty-first pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, and :func:`_exactly` here, which counts a
possible problem in a program that runs through as a disagreement).
"""

from __future__ import annotations

import traceback
import warnings

import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees


def _exactly(source: str, judged: bool = True) -> None:
    """The analysis of ``source`` says what running it says, without hedging on a program
    that runs through: it has no problem at all, certain or possible; one that raises has a
    problem (certain or possible) at the line that raised, and no certain one before it.
    Not ``judged`` (values shapekit does not know): only no certain problem where running
    goes through, none before the line that raised."""
    program = analyse([(None, source)])
    try:
        with warnings.catch_warnings():  # as a script runs: a warning is no error
            warnings.simplefilter("ignore")
            exec(compile(source, "<test>", "exec", dont_inherit=True), {})
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        line = [f.lineno for f in frames if f.filename == "<test>"][-1]
        assert not judged or line in [p.line for p in program.problems], source
        assert all(p.line >= line for p in program.problems if p.certain), program.problems
        return
    assert [p for p in program.problems if p.certain or judged] == [], source


# --- a value written into an array of integers: NaN, infinity, a float past the dtype --------

#: arrays of integers (and one of floats) written into
_TARGETS = (
    "a = np.arange(6).reshape(2, 3)",
    "a = np.zeros((2, 3), int)",
    "a = np.zeros((2, 3), np.uint8)",
    "a = np.zeros((2, 3), np.int8)",
    "a = np.ones((2, 3), bool)",
    "a = np.zeros((2, 3))",
)
#: what is written (v): numbers known, NumPy numbers and arrays whose values are not known
_VALUES = (
    "v = 2.5",
    "v = -1.5",
    "v = 127.9",
    "v = 128.0",
    "v = 300.0",
    "v = 1e19",
    "v = float('nan')",
    "v = 7",
    "v = True",
    "v = np.random.randn(3)",
    "v = np.random.randn(2, 3)",
    "v = np.full(3, np.nan)",
    "v = np.array(np.inf)",
    "v = np.zeros(3) / 0",
    "v = [np.random.randn(3)]",
    "v = np.random.randn()",
    "v = np.sum(np.random.randn(3))",
    "v = [np.nan, 1.0, 2.0]",
)
#: numbers whose fate depends on how many bits the integers have (-1.5 fits int8, not uint8)
_BY_WIDTH = ("v = -1.5", "v = 128.0", "v = 300.0", "v = 1e19", "v = np.random.randn()")
#: where it is written
_WRITES = ("a[0] = v", "a[1, 2] = v", "a[:] = v", "a[a > 0] = v")


@pytest.mark.parametrize("target", _TARGETS)
@pytest.mark.parametrize("value", _VALUES)
@pytest.mark.parametrize("write", _WRITES)
def test_a_value_written_into_an_array(target: str, value: str, write: str) -> None:
    """A number that no integer takes (NaN, infinity, past 64 bits) is refused for certain;
    one past int8's or uint8's is not judged (shapekit knows an array holds whole numbers,
    not how many bits they have); an array, or a NumPy float, is cast whole."""
    by_width = value in _BY_WIDTH and "bool" not in target and target != _TARGETS[-1]
    _exactly(f"import numpy as np\n{target}\n{value}\n{write}\n", judged=not by_width)


@pytest.mark.parametrize("target", _TARGETS[:3])
@pytest.mark.parametrize("value", _VALUES)
def test_a_handler_that_never_runs_is_no_problem(target: str, value: str) -> None:
    """The write may raise or not: its handler (which would raise for certain) is a problem
    only when it may run (a number whose fate depends on the integers' bits may raise)."""
    if value in (*_BY_WIDTH, _VALUES[16]):  # (a NumPy float not known may be NaN: hedged)
        return
    source = (
        f"import numpy as np\n{target}\n{value}\ntry:\n    a[0] = v\n"
        "except (ValueError, OverflowError):\n    a[0] = np.zeros((1, 4))\n"
    )
    _exactly(source)


# --- values known without running: np.ones, np.zeros, np.eye, np.full and what is computed ---

#: square matrices whose values are known (some singular), and some whose are not
_MATRICES = (
    "np.ones((3, 3))",
    "np.zeros((2, 2))",
    "np.eye(3)",
    "np.full((3, 3), 2.0)",
    "np.eye(3) * 2",
    "np.ones((3, 3)) - np.eye(3)",
    "np.eye(3) + np.ones((3, 3))",
    "np.ones((3, 1)) @ np.ones((1, 3))",
    "np.eye(3).T",
    "np.ones((3, 3)) / 3",
    "np.eye(3)[:2, :2]",
    "np.maximum(np.eye(2), 0)",
    "np.arange(4).reshape(2, 2)",
    "np.arange(9).reshape(3, 3)",
    "np.eye(3, dtype=np.float32) * 0",
    "np.random.randn(3, 3)",
    "np.dot(np.ones((2, 2)), np.eye(2))",
    "np.array([[1.0, 2.0], [2.0, 4.0]])",
    "np.array([[0.5, 1.5], [1.0, 3.0]])",
    "np.array([[0.2, 0.8], [0.5, -0.91]])",
)
#: those whose values are not kept: a dtype given, fractions multiplied, random
_NOT_KEPT = ("np.eye(3, dtype=np.float32) * 0", "np.ones((3, 3)) / 3", "np.random.randn(3, 3)")
_SOLVED = (
    "y = np.linalg.inv(A)",
    "y = np.linalg.solve(A, np.ones(A.shape[0]))",
    "y = np.linalg.det(A) * np.ones(2)",
    "y = np.linalg.pinv(A)",
    "y = np.linalg.inv(A.T @ A)",
)


@pytest.mark.parametrize("matrix", _MATRICES)
@pytest.mark.parametrize("use", _SOLVED)
def test_a_matrix_whose_values_are_known(matrix: str, use: str) -> None:
    source = f"import numpy as np\nA = {matrix}\n{use}\n"
    fractions = "0.5" in matrix or "0.2" in matrix  # (their products are not computed)
    _exactly(source, judged=matrix not in _NOT_KEPT and not (fractions and "@" in use))
    if use == _SOLVED[0] and matrix in _MATRICES[:3]:  # the plainest: decided
        assert _agrees(source)


#: arrays whose values are known (or not: random, fractions summed)
_KNOWN = (
    "x = np.ones((2, 3))",
    "x = np.zeros((2, 3)) + 1",
    "x = np.arange(6).reshape(2, 3)",
    "x = np.eye(3)",
    "x = np.full((2, 2), -2)",
    "x = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])",
    "x = np.array([[1, 2], [3, 4]])",
    "x = np.ones((2, 3)) / 3",
    "x = np.full((2, 2), 0.5)",
    "x = np.ones(3, dtype=np.float32)",
)
#: what is asked of their values
_ASKED = (
    "assert x.sum() == 6",
    "assert np.sum(x) == 6, 'six'",
    "assert x.mean() == 1",
    "assert x.max() <= 1",
    "assert np.all(x >= 0)",
    "assert (x > 0).any()",
    "assert x.argmax() == 0",
    "assert np.count_nonzero(x) == 6",
    "assert x.sum(axis=0)[0] == 2",
    "if x.sum() == 6:\n    q = np.zeros(2) + np.zeros(3)",
    "if x.min() < 0:\n    q = np.zeros(2) + np.zeros(3)",
    "q = x[x > 0] + np.ones(6)",
    "q = x[x.sum(axis=1) > 2] @ np.ones((3, 1))",
    "q = x[np.argmax(x)] if x.ndim == 1 else x[np.argmax(x.sum(axis=1))] + np.ones(3)",
    "while x.sum() > 100:\n    x = x / 2",
)


@pytest.mark.parametrize("known", _KNOWN)
@pytest.mark.parametrize("asked", _ASKED)
def test_what_is_asked_of_known_values(known: str, asked: str) -> None:
    """Whole numbers are judged; sums of fractions (whose last digits may depend on the order
    NumPy adds them in) and numbers of a dtype given are not."""
    source = f"import numpy as np\n{known}\n{asked}\ny = x * 2\n"
    judged = _KNOWN.index(known) < 7
    _exactly(source, judged)
    if judged:
        _agrees(source)


# --- arrays NumPy will not write into ----------------------------------------------------------

#: how r is made: read-only or not
_MADE = (
    "r = np.broadcast_to(np.ones(3), (2, 3))",
    "r = np.broadcast_to(np.arange(3), (4, 3)).T",
    "r = np.ones((2, 3))\nr.setflags(write=False)",
    "r = np.ones((2, 3))\nr.flags.writeable = False",
    "r = np.ones((2, 3))\nr.setflags(write=False)\nr.setflags(write=True)",
    "r = np.broadcast_to(np.ones(3), (2, 3)).copy()",
    "r = np.array(np.broadcast_to(np.ones(3), (2, 3)))",
    "r = np.broadcast_to(np.ones(3), (2, 3)) + 0",
    "r = np.broadcast_to(np.ones(3), (2, 3)).reshape(3, 2)",
    "q = np.ones((2, 3))\nr = q.T\nq.setflags(write=False)",
    "r = np.ones((2, 3))\nif r.sum() > 100:\n    r.setflags(write=False)",
    "r = np.random.rand(2, 3)\nif r.sum() > 100:\n    r.setflags(write=False)",
    "r = np.random.rand(2, 3)\nif r.sum() < 100:\n    r.flags.writeable = False",
    "r = np.ones((2, 3))\nfor _ in range(len(__name__) - 8):\n    r.setflags(write=False)",
    "r = np.ones((2, 3))\ntry:\n    r.setflags(write=False)\n    r[0] = 1\nexcept ValueError:\n    r = r.copy()",
)
#: what is written into it (or a view of it)
_INTO = (
    "r[0] = 1",
    "r[:, 0] = 2.5",
    "r += 1",
    "r *= np.ones(r.shape)",
    "v = r[0]\nv[0] = 7",
    "v = r.T\nv[0] = 7",
    "r[...] = 0",
)


@pytest.mark.parametrize("made", _MADE)
@pytest.mark.parametrize("into", _INTO)
def test_a_write_into_an_array_numpy_will_not_write_into(made: str, into: str) -> None:
    source = f"import numpy as np\n{made}\n{into}\ny = r\n"
    _exactly(source, judged="random" not in made)
    assert _agrees(source) or "setflags(write=True)" in made or "random" in made


# --- x.shape = … of a view whose elements do not lie in that order -----------------------------

#: arrays (C-contiguous as NumPy makes them, or not known)
_BASES = (
    "x = np.ones((3, 4))",
    "x = np.random.randn(3, 4)",
    "x = np.zeros((2, 3, 4))[0]",
    "x = np.arange(12).reshape(3, 4)",
    "x = np.ones((4, 3)).T",
    "x = np.ones((4, 3)).T + 1",
    "x = np.ones((4, 3)).T if len(__name__) > 100 else np.ones((3, 4))",
)
#: views of them
_VIEWS = (
    "t = x",
    "t = x.T",
    "t = x.transpose()",
    "t = np.transpose(x)",
    "t = x[:, :2]",
    "t = x[:2]",
    "t = x[::2]",
    "t = x[:, ::-1]",
    "t = x.T.reshape(-1)",
    "t = x.T[0]",
    "t = x.T.T",
    "t = x.reshape(4, 3)",
    "t = x.T.copy()",
    "t = np.array(x.T)",
    "t = x[None].T",
)
#: the shapes set
_SHAPES = ("(-1,)", "(2, -1)", "(t.shape[0], -1)", "(*t.shape, 1)", "t.shape[::-1]")


@pytest.mark.parametrize("base", _BASES)
@pytest.mark.parametrize("view", _VIEWS)
@pytest.mark.parametrize("shape", _SHAPES)
def test_setting_the_shape_of_a_view(base: str, view: str, shape: str) -> None:
    source = f"import numpy as np\n{base}\n{view}\nt.shape = {shape}\ny = t\n"
    _exactly(source, judged=False)  # (a layout not known is not judged: x.T + 1)
    # a copy's layout is not followed: np.array(x.T) keeps x.T's, x.T.copy() is NumPy's own
    copied = "copy" in view or "np.array" in view
    if base.startswith(("x = np.ones((3, 4))", "x = np.arange")) and not copied:
        _exactly(source)
        _agrees(source)
