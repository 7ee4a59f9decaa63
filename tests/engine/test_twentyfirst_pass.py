"""Twenty-first pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, and :func:`_exactly` here, which counts a
possible problem in a program that runs through as a disagreement).
"""

from __future__ import annotations

import json
import traceback
import warnings
from pathlib import Path

import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentieth_pass import _module_agrees


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
    "assert np.allclose(x, 1)",
    "assert np.allclose(x, 1.1, atol=0.2), 'near'",
    "assert np.isclose(x, 0).any()",
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
    "r.fill(2)",
    "r.sort()",
    "r.put(0, 1)",
    "np.add(r, 1, out=r)",
    "np.clip(r, 0, 1, out=r)",
    "np.multiply(r, 2, out=r.copy())",
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
    "x = np.ones((3, 4), order='F')",
    "x = np.zeros((3, 4), float, 'F')",
    "x = np.full((3, 4), 2.0, order='F')",
    "x = np.array([[1, 2, 3, 4]] * 3, order='F')",
    "x = np.asarray([[1, 2, 3, 4]] * 3, float, 'F')",
    "x = np.eye(3, 4, order='F')",
    "x = np.eye(3, 4, 0, float, 'F')",
    "x = np.ones((4, 3), order='F').T",
    "x = np.arange(12).reshape((3, 4), order='F')",
    "x = np.reshape(np.arange(12), (3, 4), 'F')",
    "x = np.arange(12).reshape((4, 3), order='F').T",
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
    "t = x.T * 2",
    "t = 2 - x.T",
    "t = x.T + x.T",
    "t = x.T > 0",
    "t = np.copy(x.T)",
    "t = np.ascontiguousarray(x.T)",
    "t = np.asarray(x.T, float)",
    "t = np.array(x.T, order='C')",
    "t = x.T + np.ones(3)",
)
#: the shapes set
_SHAPES = ("(-1,)", "(2, -1)", "(t.shape[0], -1)", "(*t.shape, 1)", "t.shape[::-1]")


@pytest.mark.parametrize("base", _BASES)
@pytest.mark.parametrize("view", _VIEWS)
@pytest.mark.parametrize("shape", _SHAPES)
def test_setting_the_shape_of_a_view(base: str, view: str, shape: str) -> None:
    source = f"import numpy as np\n{base}\n{view}\nt.shape = {shape}\ny = t\n"
    _exactly(source, judged=False)  # (a layout not known is not judged: x.T + 1)
    # the layout of x.T.copy() (NumPy's own) and of a broadcast result is not followed
    copied = ".copy()" in view or "np.ones(3)" in view
    if base in (_BASES[0], _BASES[3]) and not copied:  # (a layout order="F" gives: not judged)
        _exactly(source)
        _agrees(source)


# --- np.clip into out= of another kind ---------------------------------------------------------

_CLIPPED = ("np.ones(3) * 0.5", "np.arange(3)", "np.ones(3, bool)", "np.random.rand(3)")
_BOUNDS = ("0, 1", "0.5, 1", "0, 1.5", "None, 2", "np.zeros(3), 1", "0, np.ones(3, int)")
_OUTS = ("np.zeros(3, int)", "np.zeros(3)", "np.zeros(3, bool)", "np.zeros(3, np.float32)")


@pytest.mark.parametrize("clipped", _CLIPPED)
@pytest.mark.parametrize("bounds", _BOUNDS)
@pytest.mark.parametrize("out", _OUTS)
def test_np_clip_into_out_of_another_kind(clipped: str, bounds: str, out: str) -> None:
    source = f"import numpy as np\nx = {clipped}\no = {out}\nnp.clip(x, {bounds}, out=o)\ny = o\n"
    _exactly(source)


# --- np.linalg.solve of a stack of systems ----------------------------------------------------

_STACKS = ("np.ones((4, 3, 3)) + np.eye(3)", "np.ones((2, 5, 3, 3)) + np.eye(3)", "np.eye(3)")
_RIGHT = ("np.ones(3)", "np.ones((4, 3))", "np.ones((3, 4))", "np.ones((4, 3, 1))",
          "np.ones((4, 3, 2))", "np.ones((1, 3, 2))", "np.ones((5, 3, 1))", "np.ones((2, 5, 3))",
          "np.ones((3, 3))", "np.ones(4)")  # fmt: skip


@pytest.mark.parametrize("a", _STACKS)
@pytest.mark.parametrize("b", _RIGHT)
def test_np_linalg_solve_of_a_stack(a: str, b: str) -> None:
    source = f"import numpy as np\na = {a}\nb = {b}\ny = np.linalg.solve(a, b)\n"
    _exactly(source)
    assert _agrees(source)


# --- hostile29: what the program does that shapekit's reading must not miss -------------------

#: ways a program replaces a.json (2 items) with b.json (3 items) before reading it
_REPLACERS = (
    'from os import replace\nreplace("b.json", "a.json")',
    'import os as o\no.rename("b.json", "a.json")',
    'import shutil as sh\nsh.copyfile("b.json", "a.json")',
    'from shutil import copy\ncopy("b.json", "a.json")',
    'import shutil\nlist(map(shutil.copy, ["b.json"], ["a.json"]))',
    'w = open\nwith w("a.json", "w") as f:\n    f.write("[1, 2, 3]")',
    'import os\ngetattr(os, "replace")("b.json", "a.json")',
    '__import__("os").replace("b.json", "a.json")',
    'import importlib\nimportlib.import_module("shutil").copy("b.json", "a.json")',
    'import os\nfrom functools import partial\npartial(os.replace, "b.json")("a.json")',
    "import helper",
    'import numpy\nnumpy.save("x.npy", numpy.ones(2))',
    'text = "b.json".replace("b", "a")',
    'import os\nos.chdir("sub")',
    "import chdirs",
    'from pathlib import Path\nq = Path("a.json")\nwith q.open("w") as f:\n    f.write("[1, 2, 3]")',
    'from pathlib import Path\np = Path("b.json")\np.rename("a.json")',
    'import io\nwith io.FileIO("a.json", "w") as f:\n    f.write(b"[1, 2, 3]")',
)


@pytest.mark.parametrize("replacer", _REPLACERS)
def test_a_data_file_replaced_before_it_is_read(tmp_path: Path, replacer: str) -> None:
    main = (
        f"import json\nimport numpy as np\n{replacer}\nd = json.load(open('a.json'))\n"
        "y = np.ones(len(d)) @ np.ones(3)\n"
    )
    files = {
        "main.py": main, "a.json": "[1, 2]", "b.json": "[1, 2, 3]", "sub/a.json": "[1, 2, 3]",
        "helper.py": "import os as _o\n_o.replace('b.json', 'a.json')\n",
        "chdirs.py": "import os\nos.chdir('sub')\n",
    }  # fmt: skip
    decided = _module_agrees(tmp_path, files)
    if replacer.startswith(("import numpy", "text =")):  # nothing replaced: decided
        assert decided


@pytest.mark.parametrize(
    "source",
    (
        # a cache per function object: a factory run twice makes two caches
        "def make():\n    @lru_cache(maxsize=None)\n    def g(x):\n        calls.append(x)\n"
        "        return x\n    return g\nmake()(1)\nmake()(1)",
        "for _ in range(2):\n    @cache\n    def g(x):\n        calls.append(x)\n        return x\n"
        "    g(1)",
        # emptied, gone around, or kept nothing (a call that raised)
        "@cache\ndef g(x):\n    calls.append(x)\n    return x\ng(1)\ng.cache_clear()\ng(1)",
        "@cache\ndef g(x):\n    calls.append(x)\n    return x\ng(1)\ng.__wrapped__(1)",
        "@cache\ndef g(x):\n    calls.append(x)\n    if len(calls) == 1:\n        raise ValueError\n"
        "    return x\ntry:\n    g(1)\nexcept ValueError:\n    pass\ng(1)",
        "@cache\ndef g(x):\n    calls.append(x)\n    return x\ng(1)\ng(1)",
    ),
)
def test_what_a_cache_keeps(source: str) -> None:
    head = "import numpy as np\nfrom functools import cache, lru_cache\ncalls = []\n"
    _agrees(head + source + "\ny = np.ones(len(calls)) @ np.ones(2)\n")


@pytest.mark.parametrize(
    "source",
    (
        "import itertools as it\nit.__setattr__('batched', lambda i, n: [1, 2])\n"
        "from itertools import batched\ny = np.ones(len(batched(range(5), 2))) @ np.ones(2)",
        "import itertools\nit = iter([1, 2, 3, 4])\na = list(itertools.islice(it, 2))\n"
        "b = list(it)\ny = np.ones(len(b)) @ np.ones(2)",
        "import ctypes\na = np.ones((2, 2))\nctypes.c_double.from_address(a.ctypes.data).value = 5.0\n"
        "y = np.linalg.inv(a)",
        "a = np.ones((2, 2))\nm = memoryview(a)\nm[0, 0] = 5.0\ny = np.linalg.inv(a)",
    ),
)
def test_what_changes_where_shapekit_does_not_look(source: str) -> None:
    _agrees("import numpy as np\n" + source + "\n")


def test_a_backport_set_by_a_package_s_submodule(tmp_path: Path) -> None:
    files = {
        "main.py": "import numpy as np\nimport pkg\nfrom itertools import batched\n"
        "y = np.ones(len(list(batched(range(5), 2)))) @ np.ones(3)\n",
        "pkg/__init__.py": "from . import compat\n",
        "pkg/compat.py": "import itertools\nitertools.batched = lambda it, n: [1, 2, 3]\n",
    }
    _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    ("shell", "replaced"),
    (
        ("!cp b.csv a.csv", True),
        ("%%bash\ncp b.csv a.csv", True),
        ("%cd sub", True),
        ("cd sub", True),
        ("%run make_data.py", True),
        ("%time x = 1", False),
        ("x = 1  # no shell here: !cp", False),
    ),
)
def test_a_notebook_s_shell_may_replace_a_data_file(
    tmp_path: Path, shell: str, replaced: bool
) -> None:
    """The cells run outside Python (shell lines, %%bash, %cd, %run) may write any file: a
    data file read after them is not read from disk (running, a.csv has 3 columns then)."""
    (tmp_path / "a.csv").write_text("1,2\n3,4\n")
    (tmp_path / "b.csv").write_text("1,2,3\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.csv").write_text("1,2,3\n")
    (tmp_path / "make_data.py").write_text("import shutil\nshutil.copy('b.csv', 'a.csv')\n")
    cells = ["import numpy as np\n", shell, "D = np.loadtxt('a.csv', delimiter=',')\n"
             "out = D @ np.ones(3)\n"]  # fmt: skip
    summary, shown = checked_notebook(tmp_path, cells, "out=()")
    assert summary["failed"] == (0 if replaced else 1), shown


def checked_notebook(folder: Path, cells: list[str], expected: str) -> tuple[dict, str]:
    """``shapekit check`` of a notebook of ``cells`` written as ``nb.ipynb`` in ``folder``,
    asked ``--expect expected``: the JSON report's summary, and the report as printed."""
    from click.testing import CliRunner
    from shapekit_cli.main import main

    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
             "source": text}
            for text in cells
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }  # fmt: skip
    (folder / "nb.ipynb").write_text(json.dumps(notebook))
    result = CliRunner().invoke(
        main, ["check", str(folder / "nb.ipynb"), "--expect", expected, "--format", "json"]
    )
    return json.loads(result.stdout)["summary"], result.stdout


@pytest.mark.parametrize(
    "source",
    (
        "import itertools\nclass Bag:\n    def __init__(self):\n        self.n = 0\n"
        "    def __getitem__(self, i):\n        self.n += 1\n        if i > 2:\n"
        "            raise IndexError\n        return i\nb = Bag()\n2 in b\n"
        "y = np.ones(b.n) @ np.ones(3)",
        "import functools\ns = functools.partial(np.sum, axis=1)\ns.keywords['axis'] = 0\n"
        "y = s(np.ones((2, 3))) @ np.ones(3)",
        "import sys\nsys.argv += ['3']\ny = np.ones(int(sys.argv[1])) @ np.ones(3)",
        "import sys\nsys.argv[1:] = ['3']\ny = np.ones(int(sys.argv[1])) @ np.ones(3)",
        "import sys\na = sys.argv\na.append('3')\ny = np.ones(int(sys.argv[1])) @ np.ones(3)",
        "import sys\nvars(sys)['argv'] = ['m', '3']\ny = np.ones(int(sys.argv[1])) @ np.ones(3)",
        "import sys\nn = len(sys.argv)\ny = np.ones(int(sys.argv[1])) @ np.ones(3)",
        "import math\nmath.__setattr__('three', 3)\ny = np.ones(math.three) @ np.ones(3)",
        "import time\nvars(time).update(three=3)\ny = np.ones(time.three) @ np.ones(3)",
    ),
)
def test_what_a_text_scan_must_not_miss(source: str) -> None:
    _agrees("import numpy as np\n" + source + "\n")


def test_an_attribute_a_helper_sets_on_a_module(tmp_path: Path) -> None:
    files = {
        "main.py": "import numpy as np\nimport math\nimport helper\n"
        "y = np.ones(math.three) @ np.ones(3)\n",
        "helper.py": "import math\nmath.three = 3\n",
    }
    _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    "joined",
    (
        "np.concatenate(d.values())",
        "np.vstack(d.values())",
        "np.hstack(d.values())",
        "np.concatenate(list(d.values()))",
        "np.concatenate(tuple(d.values()))",
        "np.concatenate(iter([np.ones(2)]))",
        "np.stack(iter([np.ones(2)]))",
        "np.concatenate([*d.values()])",
    ),
)
def test_joins_of_what_is_no_sequence(joined: str) -> None:
    _exactly(f"import numpy as np\nd = {{'a': np.ones(3), 'b': np.ones(2)}}\ny = {joined}\n")


@pytest.mark.parametrize(
    "view",
    (
        "B = np.swapaxes(A, 0, 1)\nB += np.eye(3)",
        "B = np.moveaxis(A, 0, 1)\nB[0, 0] = 5",
        "B = np.flip(A)\nB *= 2",
        "B = A.view()\nB += np.eye(3)",
        "B = np.einsum('ii->i', A)\nB += 1",
        "B = np.rot90(A)\nnp.add(B, np.eye(3), out=B)",
        "B = A.ravel()\nB[0] = 7",
        "B = A.reshape(-1)\nB[::4] += 1",
        "np.fill_diagonal(A, 2)",
        "B = np.fliplr(A)\nB -= np.eye(3)",
    ),
)
def test_a_write_through_a_view_made_by_a_function(view: str) -> None:
    """fresh31's CR01: a view NumPy's function makes (whose values shapekit does not keep)
    written into changes the array it views, whose values were known."""
    _exactly(f"import numpy as np\nA = np.ones((3, 3))\n{view}\ny = np.linalg.inv(A)\n", False)


def test_an_annotation_naming_numpy_in_a_helper_sets_nothing(tmp_path: Path) -> None:
    """fresh31's UNK01: ``W: np.ndarray = None`` in a helper's class annotates W; it does not
    set NumPy's ``ndarray``, so NumPy's functions in main.py are still NumPy's."""
    files = {
        "main.py": "import numpy as np\nfrom model import Dense\nlayer = Dense(4, 3)\n"
        "x = np.ones((2, 4))\ny = x @ np.ones((3, 5)).T\n",
        "model.py": "import numpy as np\nclass Dense:\n    W: np.ndarray = None\n"
        "    def __init__(self, n_in, n_out):\n        self.W = np.ones((n_out, n_in))\n",
    }
    assert _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    "change",
    (
        "helper.keep.append(1)",
        "helper.keep.extend([1, 2])",
        "k = helper.keep\nk.append(1)",
        "helper.keep += [1]",
        "from helper import keep\nkeep.append(1)",
        "pass",
    ),
)
def test_a_helper_s_list_changed_by_main(tmp_path: Path, change: str) -> None:
    """hostile29's CR19: main changes a list a helper module holds; the helper's function
    reads it then."""
    files = {
        "main.py": f"import numpy as np\nimport helper\n{change}\ny = np.ones(helper.poke())\n",
        "helper.py": "keep = []\ndef poke():\n    return keep[0] + 2\n",
    }
    _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    ("helper", "use"),
    (
        ("def tag(fn):\n    fn.shape = (3,)\n", "helper.tag(f)"),
        ("def tag(fn):\n    fn.T = 3\n    return fn\n", "f = helper.tag(f)"),
        ("def tag(fn):\n    return fn\n", "helper.tag(f)"),
    ),
)
def test_an_attribute_a_helper_sets_on_a_function(tmp_path: Path, helper: str, use: str) -> None:
    """hostile29's CR18: a helper's function sets ``.shape`` on a function of main.py."""
    files = {
        "main.py": f"import numpy as np\nimport helper\ndef f():\n    return 1\n{use}\n"
        "y = np.ones(f.shape) @ np.ones(3)\n",
        "helper.py": helper,
    }
    _module_agrees(tmp_path, files)
