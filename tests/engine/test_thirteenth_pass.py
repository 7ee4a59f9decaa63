"""The thirteenth pass: Python's built-ins given arrays, as running decides.

``round(outputs, 2)``, ``math.exp(-x)`` of a one-element array, ``complex(x)``, ``pow(x, 2)``
and ``divmod(x, 2)`` were unknown or passed where running raises (NumPy 2.4 converts only
0-d arrays to Python numbers). Each program below runs here, and running is the oracle;
the analysis never runs it.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shapekit.engine._numpy_api import nested_shape
from shapekit.engine._statements import _raised
from shapekit.engine.program import analyse
from tests.engine.test_fresh_eyes import failing_line

#: what the built-ins are given: arrays of several elements, of one (1-D and 0-d), NumPy
#: numbers, Python numbers and lists
GIVEN = (
    "np.ones(3)",
    "np.ones(1)",
    "np.ones((2, 2))",
    "np.ones((1, 1))",
    "np.array(2.0)",
    "np.float64(2.0)",
    "np.ones(3).sum()",
    "np.ones((2, 3)).sum(axis=0)",
    "2.0",
    "3",
    "[1.0]",
    "[1.0, 2.0]",
)

#: the built-ins, written as a student writes them (``a`` is what they are given)
CALLS = (
    "float(a)",
    "int(a)",
    "complex(a)",
    "round(a)",
    "round(a, 2)",
    "math.exp(a)",
    "math.exp(-a)",
    "math.sqrt(a)",
    "math.log(a)",
    "pow(a, 2)",
    "pow(a, 0.5)",
    "divmod(a, 2)[0]",
    "divmod(a, 2)[1]",
    "abs(a)",
)


def _as_running_decides(source: str) -> bool:
    """Running ``source`` runs through (no problem is reported, and ``y``, when known, has
    the shape running gives) or fails (the first problem is at its line, with the class of
    error it raises). Whether ``y`` was known."""
    program = analyse([(None, source)])
    line = failing_line(source)
    namespace: dict[str, object] = {"np": np}
    try:
        with warnings.catch_warnings():  # as a script runs: a warning is no error
            warnings.simplefilter("ignore")
            exec(compile(source, "<test>", "exec"), namespace)
    except Exception as error:
        raised = {kind.__name__ for kind in type(error).__mro__}
        assert [p.line for p in program.problems][:1] == [line]
        assert _raised(program.problems[0].error) in raised
        return True
    assert program.problems == []
    binding = program.binding("y")
    if binding is None or binding.status != "known":
        return False
    assert binding.shape == np.shape(namespace["y"])
    return True


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("given", GIVEN)
def test_builtins_given_arrays_as_running_decides(given, call):
    """The result is then added to an array of 4: a number broadcasts, an array of 3 does
    not, so a wrong kind of result shows as a problem too."""
    source = f"import numpy as np\nimport math\na = {given}\nr = {call}\ny = np.ones(4) + r\n"
    _as_running_decides(source)


def test_most_of_the_grid_is_known():
    """The grid above is not passed by leaving things unknown: most outcomes are decided."""
    decided = sum(
        _as_running_decides(
            f"import numpy as np\nimport math\na = {given}\nr = {call}\ny = np.ones(4) + r\n"
        )
        for given in GIVEN
        for call in CALLS
    )
    assert decided >= 0.8 * len(GIVEN) * len(CALLS)


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        ("print(round(outputs, 2))", "print(np.round(outputs, 2))"),
        ("y = math.exp(-outputs)", "y = np.exp(-outputs)"),
    ],
)
def test_the_fix_offered_is_numpys_function(code, fix):
    source = f"import numpy as np\nimport math\noutputs = np.ones((3, 2))\n{code}\n"
    program = analyse([(None, source)])
    assert [p.line for p in program.problems] == [4]
    assert fix.split("= ")[-1] in program.problems[0].fixes[0] or fix in program.problems[0].fixes
    fixed = source.replace(code, fix)
    assert failing_line(fixed) is None
    assert analyse([(None, fixed)]).problems == []


#: conditions whose value is their last operand when the ones before it are known
CONDITIONS = (
    "n > 0 and x",
    "n < 0 or x",
    "x is not None and x",
    "True and x",
    "n and x and n",
    "n > 0 and n",
    "x.size and x",
    "len(x) > 0 and x.any()",
    "n > 5 or x.all()",
    "n > 0 and x.shape[0] > 2",
)

#: where the truth of the condition is taken
USES = (
    "if {c}:\n    y = x.sum(axis=0)\nelse:\n    y = x.T",
    "while {c}:\n    y = x.sum(axis=0)\n    break",
    "assert {c}\ny = x",
    "y = x if ({c}) else x.sum()",
    "y = np.ones(4) * (not ({c}))",
    "y = np.ones(4) * bool({c})",
)


@pytest.mark.parametrize("use", USES)
@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("made", ["np.ones(3)", "np.ones(1)", "np.ones((2, 2))", "np.zeros(0)"])
def test_the_truth_of_and_or_is_the_truth_of_its_value(made, condition, use):
    """``if n > 0 and x:`` takes the truth of x when n is known: NumPy's ValueError for an
    array of several elements (or none). It passed (the last operand's own truth, not known,
    had made the whole condition unknown)."""
    source = f"import numpy as np\nx = {made}\nn = 2\n" + use.format(c=condition) + "\n"
    _as_running_decides(source)


_LEAVES = st.one_of(
    st.integers(-5, 5), st.floats(-2, 2), st.text(max_size=3), st.none(), st.booleans()
)
_NESTED = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple)),
    max_leaves=24,
)


@given(_NESTED)
@example([[1, "a"], [2]])
@example([["ab", "c"], "de"])
@example([[], []])
@example([[], [1]])
@example(("x", ["y"]))
def test_the_shape_of_a_list_with_text_is_numpys(value):
    """``np.array(["1", 2.0])`` and the like: the shape shapekit gives without NumPy is the one
    ``np.asarray`` makes (and None where NumPy refuses the lists as ragged)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expected = np.asarray(value).shape
        except ValueError:
            expected = None
    assert nested_shape(value) == expected
