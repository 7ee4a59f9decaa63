"""NumPy calls whose arguments Python refuses before NumPy runs: a misspelt keyword
(``keepdim=True``), one missing (``np.clip(p, 1e-7)``) or too many, a number where the dtype
or ``out`` of a reduction goes. Running each call with NumPy is the oracle."""

from __future__ import annotations

import pytest

from shapekit.engine.program import analyse

PRE = (
    "import numpy as np\nx = np.ones((3, 4))\na = np.ones((3, 4))\nb = np.ones((4, 2))\nc = x > 0\n"
)
LINE = PRE.count("\n") + 1  # the line of the call

#: calls NumPy takes (each runs here)
TAKEN = [
    "np.arange(0, 12, 1, float)",  # its own signature says dtype is keyword-only
    "np.arange(stop=5)",
    "np.arange(1, stop=5)",
    "np.eye(3, 3, 0, int)",
    "np.identity(3, int)",
    "np.reshape(x, (4, 3))",
    "np.random.normal(0, 1, (3, 4))",
    "np.random.randn(3, 4)",
    "np.array(x, float)",
    "np.zeros((3, 4), float)",
    "np.eye(3, dtype=int)",
    "np.linspace(0, 1, 5)",
    "np.concatenate((a, x), axis=1)",
    "np.einsum('ij,jk->ik', a, b)",
    "np.where(c, a, x)",
    "np.random.rand(3)",
    "np.random.uniform(low=0, high=1, size=(3,))",
    "np.arange(0, 10, 2)",
    "np.full((2, 2), 7)",
    "np.mean(x, axis=0, keepdims=True)",
    "np.maximum(0, x)",
    "np.exp(x)",
    "np.log(x)",
    "np.argmax(x, axis=1)",
    "np.sum(x, axis=1, keepdims=True)",
    "x.sum(axis=1, keepdims=True)",
    "x.max(1)",
    "x.mean(0)",
    "np.std(x)",
    "np.clip(x, 1e-7, 1 - 1e-7)",
    "np.dot(a, b)",
    "np.matmul(a, b)",
    "np.transpose(x, (1, 0))",
    "np.expand_dims(x, 0)",
    "np.squeeze(x)",
    "np.float64(3)",
    "np.array([1, 2], dtype=np.float32)",
    "np.vstack([a, x])",
    "np.stack([a, x], axis=0)",
    "np.sum(x, 1, float)",
    "np.max(x, 1, None, True)",
    "np.mean(x, 1, float, None, True)",
    "x.argmax(axis=1)",
    "x.std(ddof=1)",
    "np.clip(x, 0, None)",
    "np.clip(x, a_min=0, a_max=1)",
    "np.ones(3)",
    "np.random.seed(0)",
    "np.tile(x, (2, 1))",
    "np.repeat(x, 2, axis=0)",
    "np.sqrt(x)",
    "np.abs(x)",
    "np.tanh(x)",
    "np.add(a, x)",
    "np.multiply(a, x, out=a)",
    "np.sum(x, axis=(0, 1))",
    "np.round(x, 2)",
    "np.allclose(a, x)",
    "np.linalg.norm(x, axis=1)",
    "np.outer(x[0], x[1])",
    "np.cumsum(x, axis=0)",
    "x.cumsum(0)",
    "np.prod(x, axis=0)",
    "np.zeros_like(x)",
    "np.ones_like(x, dtype=int)",
    "np.argsort(x, axis=1)",
    "np.sort(x, axis=0)",
    "np.mean(x, axis=1, dtype=np.float64)",
]
#: calls Python refuses with a TypeError before NumPy computes anything
REFUSED = [
    "np.arange(0, 12, 1, float, None)",
    "np.clip(x, 1e-7)",
    "np.sum(x, axis=1, keepdim=True)",
    "np.zeros((3, 4), dtpye=float)",
    "x.max(axis=1, keepdim=True)",
    "np.sum(x, 1, True)",
    "np.mean(x, 1, True)",
    "np.maximum(x)",
    "np.exp(x, x, x)",
    "np.dot(a)",
    "np.reshape(x)",
    "np.random.randn(3, dtype=float)",
    "np.array([1, 2], dtpye=float)",
    "np.transpose(x, axis=(1, 0))",
    "np.concatenate([a], axes=0)",
    "np.argmax(x, 1, True)",
    "x.sum(axis=1, keepdim=True)",
    "np.mean(x, axis=1, keepdim=True)",
    "np.random.normal(0, 1, shape=(3, 4))",
    "np.ones(3, dtyp=int)",
    "np.max(x, axes=1)",
    "np.linspace(0, 1, nums=5)",
    "np.clip(x, a_max=3)",
    "np.sum(x, dtype=1)",
    "np.sum(x, 1, None, [1, 2, 3])",
    "x.mean(axis=0, keepdim=True)",
]


def ran(expression: str) -> str | None:
    """The exception class running the call raises (None: it runs)."""
    namespace: dict[str, object] = {}
    try:
        exec(PRE + f"y = {expression}\n", namespace)
    except Exception as error:  # whatever it raises is the oracle
        return type(error).__name__
    return None


def problems_at_the_call(expression: str) -> list:
    return [p for p in analyse([(None, PRE + f"y = {expression}\n")]).problems if p.line == LINE]


@pytest.mark.parametrize("expression", TAKEN)
def test_a_call_numpy_takes_is_no_problem(expression):
    assert ran(expression) is None
    assert problems_at_the_call(expression) == []


@pytest.mark.parametrize("expression", REFUSED)
def test_arguments_python_refuses_are_the_type_error_running_raises(expression):
    assert ran(expression) == "TypeError"
    found = problems_at_the_call(expression)
    assert len(found) == 1
    assert found[0].error.raises == "TypeError"
    assert "Python raises a TypeError" in found[0].message


@pytest.mark.parametrize(
    ("expression", "fixed"),
    [
        ("np.sum(x, axis=1, keepdim=True)", "np.sum(x, axis=1, keepdims=True)"),
        ("x.max(axis=1, keepdim=True)", "x.max(axis=1, keepdims=True)"),
        ("np.zeros((3, 4), dtpye=float)", "np.zeros((3, 4), dtype=float)"),
        ("np.transpose(x, axis=(1, 0))", "np.transpose(x, axes=(1, 0))"),
        ("np.linspace(0, 1, nums=5)", "np.linspace(0, 1, num=5)"),
    ],
)
def test_a_misspelt_keyword_has_the_fix_that_runs(expression, fixed):
    (problem,) = problems_at_the_call(expression)
    assert problem.fixes == [fixed]
    assert ran(fixed) is None


def test_the_function_is_named_as_the_file_writes_it():
    source = "import numpy\nx = numpy.ones((2, 2))\ny = numpy.sum(x, keepdim=True)\nz = x.sum(keepdim=True)\n"
    messages = [p.message for p in analyse([(None, source)]).problems]
    assert "numpy.sum() got an unexpected keyword argument 'keepdim'" in messages[0]
    assert "x.sum() got an unexpected keyword argument 'keepdim'" in messages[1]
