"""Thirtieth pass: each rule decided by running the program (the oracles of the earlier
passes: :func:`tests.engine.test_fifteenth_pass._agrees`, which runs it in this process,
:func:`tests.engine.test_twentyeighth_pass._reported_where_it_raises` and
:func:`tests.engine.test_twentyninth_pass._agrees_apart`, which runs it as a script).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pytest

from shapekit.engine.program import analyse
from tests.engine.test_twentyeighth_pass import _reported_where_it_raises


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path) -> object:
    """Programs that write files write them in a folder of their own."""
    before = os.getcwd()
    os.chdir(tmp_path)
    yield
    os.chdir(before)


# --- keywords an array's method or a ufunc's method refuses, whatever their value --------------

_METHOD_CALLS = [
    "m.reshape(shape=(3, 2))", "m.reshape((3, 2), order='F')", "m.reshape(newshape=(6,))",
    "m.sum(axis=0, keepdims=True)", "m.sum(keepdim=True)", "m.sum(axes=0)",
    "m.mean(axis=1)", "m.mean(dim=1)", "m.astype(dtype=np.float32)", "m.astype(type=float)",
    "m.transpose(axes=(1, 0))", "m.transpose()", "m.argmax(axis=1, keepdims=True)",
    "m.clip(min=0, max=1)", "m.clip(a_min=0, a_max=1)", "m.round(decimals=2)",
    "m.round(ndigits=2)", "m.std(ddof=1)", "m.copy(order='F')", "m.flatten(order='F')",
    "m.swapaxes(axis1=0, axis2=1)", "m.swapaxes(0, 1)", "m.take([0], axis=1)",
    "m.repeat(repeats=2, axis=0)", "m.max(axis=0, initial=0)", "m.max(dim=0)",
    "m.tolist()", "m.squeeze(axis=None)", "m.cumsum(axis=0)", "m.var(ddof=0, axis=0)",
    "m.dot(b=np.ones(3))", "m.any(axis=0)", "m.prod(axis=0, where=m > 0)",
    "np.add.reduce(m, axis=0, keepdims=True)", "np.add.reduce(a=m, axis=0)",
    "np.add.reduce(array=m, axis=1)", "np.maximum.reduce(m, axis=1, initial=0)",
    "np.add.accumulate(m, axis=1)", "np.multiply.outer(x, x)",
]  # fmt: skip


@pytest.mark.parametrize("call", _METHOD_CALLS)
def test_a_method_called_with_a_keyword(call: str) -> None:
    """A keyword NumPy's method refuses is reported where it raises; one it takes is none."""
    _reported_where_it_raises(
        f"import numpy as np\nx = np.ones(3)\nm = np.ones((2, 3))\ny = {call}\n"
    )


@pytest.mark.parametrize(
    "call",
    ["np.add.at(x, [0], 1)", "np.add.at(x, indices=[0], b=1)", "x.fill(value=2)", "x.fill(2)"],
)
def test_a_method_that_takes_no_keyword(call: str) -> None:
    _reported_where_it_raises(f"import numpy as np\nx = np.zeros(3)\n{call}\ny = x\n")


def test_a_keyword_refused_alone_is_refused_whatever_the_arguments() -> None:
    """The rule's ground: each keyword NumPy refuses when given alone to an array's method
    (the question shapekit asks) is refused too (a TypeError) with the arguments students
    give."""
    from shapekit.engine._numpy_api import _keyword_refused

    keywords = {"shape", "newshape", "keepdim", "axes", "dim", "type", "a_min", "ndigits",
                "a", "x", "arr", "array", "value", "b", "axis1", "n", "values"}  # fmt: skip
    refused = []
    for method in dir(np.ones(3)):
        for keyword in sorted(keywords):
            if _keyword_refused(f"x.{method}", keyword) is not None:
                refused.append((method, keyword))
    assert ("reshape", "shape") in refused and ("sum", "keepdim") in refused
    assert ("sum", "axis") not in refused and ("reshape", "order") not in refused
    for method, keyword in refused:
        for first in ([], [0], [(3, 2)], [np.float32]):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    getattr(np.ones((2, 3)), method)(*first, **{keyword: 1})
                except TypeError as error:  # (with too many places, said so first)
                    assert "keyword" in str(error) or first, (method, keyword, error)
                    continue
            pytest.fail(f"x.{method}({first}, {keyword}=1) runs")


# --- an exit through a name bound to SystemExit, or in the text exec runs --------------------

_EXITING = [
    "Done = SystemExit\nraise Done", "Done = SystemExit\nraise Done(0)",
    "Done = SystemExit\nraise Done(3)", "Stop = KeyboardInterrupt\nraise Stop",
    "exec('import sys; sys.exit(0)')", "exec('raise SystemExit')", "exec('n = 3')",
    "exec('print(2)')", "eval('exit(0)')", "exec(compile('raise SystemExit', 'f', 'exec'))",
    "code = 'import sys\\nsys.exit(0)'\nexec(code)", "exec('x = x + 1')",
]  # fmt: skip


@pytest.mark.parametrize("exiting", _EXITING)
@pytest.mark.parametrize("after", ["np.zeros(3) @ np.zeros(4)", "np.zeros(3) @ np.zeros(3)"])
def test_an_exit_python_takes_for_one(exiting: str, after: str, tmp_path: Path) -> None:
    """What follows an exit is no certain failure; the file's verdict is not the opposite of
    running it."""
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    source = f"import numpy as np\nx = np.zeros(3)\n{exiting}\nz = {after}\n"
    _verdict_agrees(tmp_path, source)
    program = analyse([(None, source)])
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", source], capture_output=True, timeout=60)
    if done.returncode == 0:
        assert not [p for p in program.problems if p.certain], program.problems
    else:
        assert program.problems, done.stderr
