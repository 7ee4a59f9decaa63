"""The fourteenth pass: what outside testers and reviewers of the thirteenth found.

Each program below runs here, and running is the oracle; the analysis never runs it.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest

from shapekit.check.checker import Expectations, check_file
from shapekit.engine.fixes import suggest_fixes
from shapekit.engine.program import analyse
from tests.engine.test_thirteenth_pass import _as_running_decides


def _ran(source: str) -> dict[str, object]:
    namespace: dict[str, object] = {}
    with warnings.catch_warnings():  # as a script runs: a warning is no error
        warnings.simplefilter("ignore")
        exec(compile(source, "<test>", "exec"), namespace)
    return namespace


# --- an array's operator methods: x.__add__(b) is x + b -------------------------------------

OPERATOR_METHODS = ("__add__", "__sub__", "__mul__", "__matmul__", "__truediv__", "__pow__")
#: what the receiver and its operand are: shapes that broadcast, multiply, or neither
RECEIVERS = ("np.ones((2, 3))", "np.ones((3, 3))", "np.ones(3)", "np.arange(6).reshape(3, 2)")
OPERANDS = ("np.ones(3)", "np.ones((3, 2))", "np.ones(4)", "[1.0, 2.0, 3.0]", "2.0")


@pytest.mark.parametrize("operand", OPERANDS)
@pytest.mark.parametrize("receiver", RECEIVERS)
@pytest.mark.parametrize("method", OPERATOR_METHODS)
def test_an_arrays_operator_method_is_its_operator(method, receiver, operand):
    source = f"import numpy as np\na = {receiver}\ny = a.{method}({operand})\n"
    assert _as_running_decides(source)  # and y is known where running gives it


def test_a_chained_operator_method_keeps_only_the_fix_that_runs_in_it():
    """``x.T.dot(w).__add__(b)``: both ``x.dot(w.T)`` and ``w.dot(x.T)`` compute the product,
    but only the first can then have the biases added (fresh23 FIX01)."""
    source = (
        "import numpy as np\ninputs = np.ones((2, 4))\nweights = np.ones((3, 4))\n"
        "biases = np.zeros(3)\noutputs = inputs.T.dot(weights).__add__(biases)\n"
    )
    with pytest.raises(ValueError):
        _ran(source)
    (problem,) = analyse([(None, source)]).problems
    assert problem.fixes == ["inputs.dot(weights.T).__add__(biases)"]
    start, end = problem.span
    assert np.shape(_ran(source[:start] + problem.fixes[0] + source[end:])["outputs"]) == (2, 3)


# --- fixes make the fewest edits: both operands transposed only when one is not enough ------

SHAPES = [(2, 2), (3, 3), (4, 4), (3, 4), (4, 3), (2, 3), (3, 2), (4, 2)]


@pytest.mark.parametrize(("a", "b"), list(itertools.product(SHAPES, repeat=2)))
@pytest.mark.parametrize("op", ["matmul", "dot", "add"])
def test_both_operands_are_transposed_only_when_one_transpose_does_not_work(op, a, b):
    """With a square operand, ``a.T @ w.T`` computes wherever ``a @ w.T`` does: its ``.T`` of
    ``a`` changes what is computed and repairs nothing (fresh23 FIX02, a batch of 4 with 4
    features). NumPy decides which single transposes run."""
    fixes = suggest_fixes(op, a, b, "a", "w")
    compute = {"matmul": np.matmul, "dot": np.dot, "add": np.add}[op]

    def runs(x, y) -> bool:
        try:
            compute(np.ones(x), np.ones(y))
        except ValueError:
            return False
        return True

    if runs(a, b):
        return  # nothing to fix
    single = runs(a[::-1], b) or runs(a, b[::-1])
    both = [f for f in fixes if f.note == "transpose both operands"]
    assert bool(both) == (not single and runs(a[::-1], b[::-1]))
    for fix in fixes:  # each fix offered runs
        assert _ran(f"import numpy as np\na = np.ones({a})\nw = np.ones({b})\ny = {fix.expr}\n")


def test_a_batch_as_long_as_the_features_gets_one_fix_in_a_file():
    source = (
        "import numpy as np\ninputs = np.arange(16.0).reshape(4, 4)\nweights = np.ones((3, 4))\n"
        "biases = np.zeros(3)\noutputs = np.dot(inputs, weights) + biases\n"
    )
    (problem,) = analyse([(None, source)]).problems
    assert problem.fixes == ["np.dot(inputs, weights.T) + biases"]


# --- properties with setters, and functools.cached_property ---------------------------------

LAYER = """import numpy as np
from functools import cached_property


class Layer:
    def __init__(self, w):
        self._w = np.asarray(w)

    @property
    def w(self):
        return self._w

    @w.setter
    def w(self, value):
        self._w = {setter}

    @property
    def n(self):
        return self._w.shape[0]

    @cached_property
    def wt(self):
        return self._w.T


layer = Layer(np.ones((3, 4)))
"""

#: what is done with the layer, then y: each runs or raises, and running decides
USES = (
    "layer.w = np.ones((5, 4))\ny = np.ones((2, 4)) @ layer.w.T",
    "layer.w = np.ones((5, 4))\ny = np.ones((2, 4)) @ layer._w.T",
    "layer.w = np.ones((5, 4))\ny = np.ones((2, 4)) @ layer.w",
    "layer.w = np.ones(12)\ny = layer.w",
    "layer.w = [[1.0, 2.0], [3.0, 4.0]]\ny = layer.w @ np.ones(2)",
    "layer.n = 4\ny = layer.w",
    "y = np.ones((2, 4)) @ layer.wt",
    "y = np.ones((2, 3)) @ layer.wt",
    "a = layer.wt\nlayer.w = np.ones((5, 4))\ny = np.ones((2, 4)) @ layer.wt",
    "a = layer.wt\nlayer.w = np.ones((5, 4))\ny = np.ones((2, 5)) @ layer.wt",
    "layer.wt = np.ones((2, 2))\ny = layer.wt @ np.ones(2)",
    "try:\n    layer.w = np.ones(3)\nexcept ValueError:\n    pass\ny = layer.w",
    "if layer.n == 3:\n    layer.w = np.ones((5, 4))\ny = layer.w @ np.ones(4)",
)
SETTERS = (
    "np.asarray(value)",
    "np.asarray(value).reshape(3, 4)",
    "np.atleast_2d(value)",
)


@pytest.mark.parametrize("use", USES)
@pytest.mark.parametrize("setter", SETTERS)
def test_a_property_setter_and_a_cached_property_as_running_decides(setter, use):
    """The setter runs where its property is assigned (fresh23 WP05: a setter that reshapes
    8 numbers into (3, 4)); a cached property is computed at its first read and kept (WP06);
    a property without a setter cannot be assigned (Python's AttributeError)."""
    _as_running_decides(LAYER.format(setter=setter) + use + "\n")


def test_most_of_the_property_grid_is_known():
    decided = sum(
        _as_running_decides(LAYER.format(setter=setter) + use + "\n")
        for setter in SETTERS
        for use in USES
    )
    assert decided >= len(SETTERS) * len(USES) - len(SETTERS)  # all but a caught failure


def test_an_attribute_a_setter_sets_is_read_anew():
    """Before, the assignment through the property was unknown, and the attribute the setter
    sets kept its old shape: ``layer._w`` was still (3, 4), a correct file rejected."""
    source = (
        LAYER.format(setter="value") + "layer.w = np.ones((4, 3))\ny = np.ones((2, 4)) @ layer._w\n"
    )
    program = analyse([(None, source)])
    assert program.problems == []
    assert program.binding("y").shape == (2, 3)


# --- a loop over an instance of the file's class goes through what its __iter__ gives -------

BATCHES = """import numpy as np
inputs = np.ones((4, 4))
weights = np.ones((3, 4))


class Batches:
    def __init__(self, data, size):
        self.data = data
        self.size = size

    def __iter__(self):
{body}
"""
ITER_BODIES = (
    "        for s in range(0, len(self.data), self.size):\n"
    "            yield self.data[s:s + self.size]",
    "        return iter([self.data[:self.size], self.data[self.size:]])",
    "        yield from (row for row in self.data)",
)
LOOPS = (
    "for b in Batches(inputs, 2):\n    y = b @ weights.T",
    "for b in Batches(inputs, 2):\n    y = b @ weights",
    "y = [b @ weights.T for b in Batches(inputs, 2)]",
    "y = [b @ weights for b in Batches(inputs, 2)]",
    "y = [np.sum(b, axis=1) for b in Batches(inputs, 1) if b.size]",
)


@pytest.mark.parametrize("loop", LOOPS)
@pytest.mark.parametrize("body", ITER_BODIES)
def test_a_loop_over_an_instance_goes_through_its_iter_as_running_does(body, loop):
    """fresh23 WP02: ``[b @ weights + biases for b in Batches(inputs)]`` with a generator
    ``__iter__`` certainly raises, and passed as unknown."""
    _as_running_decides(BATCHES.format(body=body) + loop + "\n")


def test_most_loops_over_instances_are_known():
    decided = sum(
        _as_running_decides(BATCHES.format(body=body) + loop + "\n")
        for body in ITER_BODIES
        for loop in LOOPS
    )
    assert decided >= len(ITER_BODIES) * len(LOOPS) - 1


# --- fresh24's first findings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "imports",
    ["import numpy", "import numpy\nimport math", "import json\nimport numpy as numpy"],
)
def test_np_without_its_alias_is_the_name_error_running_gives(imports):
    source = f"{imports}\ny = np.array([1.0, 2.0])\n"
    with pytest.raises(NameError):
        _ran(source)
    (problem,) = analyse([(None, source)]).problems
    assert problem.line == source.count("\n") and "import numpy as np" in problem.message


def test_a_name_never_bound_and_no_alias_stays_unknown():
    """A grader may run a file in a namespace it prepared: a name the file never binds, and
    that is no usual alias of a module it imports, is not called an error."""
    program = analyse([(None, "import numpy as np\ny = nn.array([1.0])\n")])
    assert program.problems == []
    assert program.binding("y").status == "unknown"


@pytest.mark.parametrize("name", ["vstack", "hstack", "column_stack", "concatenate", "stack"])
@pytest.mark.parametrize("count", [1, 2, 3])
@pytest.mark.parametrize("shape", ["(2, 3)", "(3,)"])
def test_arrays_unpacked_into_a_joining_function_as_running_decides(name, count, shape):
    """``np.vstack(*outs)`` gives the arrays apart (fresh24): Python's TypeError from two on,
    with the fix that drops the ``*``, which runs."""
    items = ", ".join([f"np.ones({shape})"] * count)
    source = f"import numpy as np\nouts = [{items}]\ny = np.{name}(*outs)\n"
    _as_running_decides(source)
    problems = analyse([(None, source)]).problems
    for problem in problems:
        for fix in problem.fixes:
            start, end = problem.span
            _ran(source[:start] + fix + source[end:])


@pytest.mark.parametrize(
    "call", ["np.where(z > 0, z)", "np.where(z > 0, 1.0)", "np.where(z > 0, z, 0)", "np.where(z)"]
)
def test_np_where_with_one_of_its_values_as_running_decides(call):
    source = f"import numpy as np\nz = np.arange(6.0).reshape(2, 3) - 2\ny = {call}\n"
    _as_running_decides(source)
    for problem in analyse([(None, source)]).problems:
        (fix,) = problem.fixes
        start, end = problem.span
        assert np.shape(_ran(source[:start] + fix + source[end:])["y"]) == (2, 3)


SPECS = (".2d", ".2", ".2f", ".<5d", "5.1%", ".2x", "x<10.3", "+08.3f", ">10", "_.3e", "3d")
FORMATTED = ("i", "n", "True", "np.int64(5)", "np.array(5)", "2.5", "np.float64(2.5)", "x")


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("value", FORMATTED)
def test_a_format_spec_of_a_whole_number_as_running_decides(value, spec):
    """``f"{i:.2d}"``: a precision is no whole number's (fresh24), unless written as a float."""
    source = (
        "import numpy as np\nx = np.ones(3)\nn = len(x)\n"
        f'for i in range(2):\n    s = f"{{{value}:{spec}}}"\ny = x\n'
    )
    _as_running_decides(source)


BOOLEAN_ARRAYS = {
    "np.zeros(3, dtype=bool)": True,
    "np.array([1.0, 0.0, 2.0]) > 0": True,
    "np.isnan(np.ones(3))": True,
    "(np.ones(3) > 0).astype(float)": False,
    "np.where(np.ones(3) > 0, 1.0, 0.0)": False,
    "np.zeros(3)": False,
    "np.ones(3, dtype=int)": False,
}


@pytest.mark.parametrize(("made", "booleans"), BOOLEAN_ARRAYS.items())
@pytest.mark.parametrize("allow_bool", [False, True])
def test_an_array_of_booleans_is_refused_as_booleans_written_out_are(
    tmp_path, made, booleans, allow_bool
):
    """``biases = np.zeros(3, dtype=bool)`` passed while ``[True, False, True]`` was refused
    (fresh24); NumPy's dtype says which arrays hold booleans."""
    script = tmp_path / "main.py"
    script.write_text(f"import numpy as np\nbiases = {made}\n", encoding="utf-8")
    assert (_ran(script.read_text())["biases"].dtype == bool) is booleans
    result = check_file(str(script), Expectations.parse(["biases=3"]), allow_bool=allow_bool)
    (variable,) = result.variables
    assert variable.status == ("error" if booleans and not allow_bool else "ok")
    assert variable.line == 2
