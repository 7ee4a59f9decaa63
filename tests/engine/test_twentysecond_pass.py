"""Twenty-second pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, which also says whether ``y``'s shape was
known, and :func:`tests.engine.test_twentyfirst_pass._exactly`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentyfirst_pass import _exactly, checked_notebook

# --- Enum and IntEnum members, auto() ------------------------------------------------------

#: the classes of constants, and the axis of rows they name
_ENUMS = (
    "class Ax(IntEnum):\n    ROWS = 0\n    COLS = 1\n",
    "class Ax(IntEnum):\n    ROWS = 0\n    COLS = auto()\n",
    "class Ax(IntEnum):\n    COLS = 1\n    ROWS = 0\n",
    "class Ax(Enum):\n    ROWS = 0\n    COLS = 1\n",
    "class Ax(Enum):\n    ROWS = auto()\n    COLS = auto()\n",
    "class Ax(enum.Enum):\n    ROWS = 0\n    COLS = auto()\n",
    "class Ax(enum.IntEnum):\n    ROWS = auto()\n    COLS = auto()\n",
)
#: what is done with a member (each raises for some of the classes, or for some axes)
_USES = (
    "y = z.sum(axis=Ax.COLS)",
    "y = z.sum(axis=Ax.COLS, keepdims=True)",
    "y = z / z.sum(axis=Ax.COLS)",
    "y = z / z.sum(axis=Ax.COLS.value, keepdims=True)",
    "y = z.max(axis=Ax.ROWS)",
    "y = np.zeros(Ax.COLS + 2)",
    "y = np.zeros((Ax.COLS.value + 1, 2))",
    "y = np.ones(3)[Ax.COLS]",
    "y = z[Ax.ROWS.value]",
    "y = np.ones(2) if Ax.COLS is Ax.COLS else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax.COLS == 1 else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax.COLS is 1 else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax(1) is Ax.COLS else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax.ROWS else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax.COLS.name == 'COLS' else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax.ROWS != Ax.COLS else np.ones(3) @ np.ones(2)",
    "y = np.ones(2) if Ax.ROWS < Ax.COLS else np.ones(3) @ np.ones(2)",
    "y = np.ones(Ax.COLS.value * 3)",
)


@pytest.mark.parametrize("klass", _ENUMS)
@pytest.mark.parametrize("use", _USES)
def test_an_enum_member_as_an_axis_or_a_size(klass: str, use: str) -> None:
    """An ``IntEnum``'s member is an int wherever NumPy or Python takes one, and a member of
    either still is itself for ``is`` and ``.value``; ``auto()`` counts from 1."""
    source = (
        "import enum\nimport numpy as np\nfrom enum import Enum, IntEnum, auto\n"
        f"{klass}z = np.arange(6.0).reshape(2, 3)\n{use}\n"
    )
    decided = _agrees(source)
    _exactly(source)
    plain = "(Enum)" in klass or "(enum.Enum)" in klass
    if not plain or ".value" in use or " is Ax" in use or "name" in use:
        assert decided, source


def test_an_enum_s_branch_that_never_runs() -> None:
    """fresh31's UNK02: ``act is Act.RELU`` with ``auto()`` members is decided, so the
    branch that would fail is never reached."""
    source = (
        "import numpy as np\nfrom enum import Enum, auto\n"
        "class Act(Enum):\n    RELU = auto()\n    SOFTMAX = auto()\n"
        "def apply(act, x):\n    if act is Act.RELU:\n        return np.maximum(0, x)\n"
        "    e = np.exp(x)\n    return e / e.sum(axis=1)\n"
        "y = apply(Act.RELU, np.ones((2, 3)))\n"
    )
    assert _agrees(source)
    _exactly(source)


# --- dataclasses that inherit fields, and default_factory -----------------------------------

#: the base class (with one field, weights)
_BASES = (
    "@dataclass\nclass Base:\n    weights: np.ndarray\n",
    "@dataclass\nclass Base:\n    weights: np.ndarray\n    scale: float = 1.0\n",
    "@dataclass(frozen=True)\nclass Base:\n    weights: np.ndarray\n",
    "class Base:\n    def double(self):\n        return self.weights * 2\n",
    "@dataclass\nclass Root:\n    weights: np.ndarray\nclass Base(Root):\n    pass\n",
)
#: the subclass (a field biases, perhaps with a default)
_SUBCLASSES = (
    "@dataclass\nclass Dense(Base):\n    biases: np.ndarray\n",
    "@dataclass\nclass Dense(Base):\n    biases: np.ndarray = field(default_factory="
    "lambda: np.zeros(3))\n",
    "@dataclass\nclass Dense(Base):\n    biases: np.ndarray = field(default_factory="
    "lambda: np.zeros(4))\n",
    "@dataclass\nclass Dense(Base):\n    biases: list = field(default_factory=list)\n",
    "@dataclass\nclass Dense(Base):\n    weights: np.ndarray = None\n    biases: np.ndarray = None\n",
    "@dataclass(frozen=True)\nclass Dense(Base):\n    biases: np.ndarray = None\n",
)
#: how an instance is made and used (biases (3,) given, or its default)
_MADE = (
    "layer = Dense(np.ones((3, 4)), np.zeros(3))\ny = np.ones((2, 4)) @ layer.weights.T + "
    "layer.biases",
    "layer = Dense(np.ones((3, 4)))\ny = np.ones((2, 4)) @ layer.weights.T + layer.biases",
    "layer = Dense(weights=np.ones((3, 4)))\ny = np.dot(np.ones((2, 4)), layer.weights.T)",
    "layer = Dense(np.ones((3, 4)), np.zeros(3))\ny = np.ones((2, 4)) @ layer.weights",
    "a = Dense(np.ones((3, 4)))\nb = Dense(np.ones((3, 4)))\na.biases.append(1)\n"
    "y = np.zeros(len(b.biases) + 2)",
)


@pytest.mark.parametrize("base", _BASES)
@pytest.mark.parametrize("sub", _SUBCLASSES)
@pytest.mark.parametrize("made", _MADE)
def test_a_dataclass_that_inherits_fields(base: str, sub: str, made: str) -> None:
    """A ``@dataclass`` whose base is a dataclass of the file's (or a class below one) takes
    its fields first, as Python's ``__init__`` does; a ``default_factory`` of the file's
    (or ``list``) makes a new default for each instance. A frozen base under a plain
    subclass (Python's TypeError) is not followed, never judged."""
    source = f"import numpy as np\nfrom dataclasses import dataclass, field\n{base}{sub}{made}\n"
    _agrees(source)
    _exactly(source, judged=("frozen" in base) == ("frozen" in sub))


def test_an_inherited_dataclass_s_forward() -> None:
    """fresh31's UNK04 and UNK07: the failure inside ``forward`` is reported, at its line."""
    for fields, made in (
        (
            "@dataclass\nclass Base:\n    weights: np.ndarray\n@dataclass\nclass Dense(Base):\n"
            "    biases: np.ndarray\n",
            "Dense(np.ones((3, 4)), np.zeros(3))",
        ),
        (
            "@dataclass\nclass Dense:\n    weights: np.ndarray\n    biases: np.ndarray = "
            "field(default_factory=lambda: np.zeros(5))\n",
            "Dense(np.ones((3, 4)))",
        ),
    ):
        source = (
            f"import numpy as np\nfrom dataclasses import dataclass, field\n{fields}"
            "    def forward(self, x):\n        return x @ self.weights + self.biases\n"
            f"layer = {made}\ny = layer.forward(np.ones((2, 4)))\n"
        )
        _exactly(source)
        fixed = source.replace("self.weights +", "self.weights.T +")
        _exactly(fixed)


# --- @np.vectorize, itertools.accumulate, sum of whole numbers ------------------------------

_VECTORIZED = (
    "y = relu(np.ones((3, 4)))",
    "y = relu(np.ones((3, 4))) + np.ones(4)",
    "y = relu(np.ones((3, 4))) + np.ones(3)",
    "y = relu(2.0) * np.ones(2)",
    "y = relu([[1.0, -1.0], [2.0, 3.0]]).T @ np.ones(3)",
)


@pytest.mark.parametrize("use", _VECTORIZED)
def test_np_vectorize_as_a_decorator(use: str) -> None:
    """``@np.vectorize`` on a function is ``np.vectorize(f)``: the shape of what it is
    given, each element through ``f``."""
    source = (
        f"import numpy as np\n@np.vectorize\ndef relu(v):\n    return v if v > 0 else 0.0\n{use}\n"
    )
    assert _agrees(source), source
    _exactly(source)


_SIZES = ("[4, 5, 3]", "[2, 2]", "(3, 1, 4, 2)", "[True, 2]", "[1.5, 2.5]", "[]")
_RUNNING = (
    "n = list(accumulate(s * t for s, t in pairwise(sizes)))[-1]",
    "n = list(accumulate(sizes))[-1]",
    "n = list(accumulate(sizes, initial=2))[-1]",
    "n = list(accumulate(sizes, initial=None))[-1]",
    "n = len(list(accumulate(x for x in sizes)))",
    "n = sum(s * t for s, t in pairwise(sizes))",
    "n = sum(sizes)",
    "n = sum(sizes, 3)",
    "n = sum([s + 1 for s in sizes], start=-1)",
)


@pytest.mark.parametrize("sizes", _SIZES)
@pytest.mark.parametrize("running", _RUNNING)
def test_running_sums_and_sums_of_whole_numbers(sizes: str, running: str) -> None:
    """``itertools.accumulate`` of numbers gives one running sum per number (their values
    when all are whole numbers), and ``sum`` of whole numbers its value: a size made of
    them is known; of fractions, only that it is a number."""
    source = (
        "import numpy as np\nfrom itertools import accumulate, pairwise\n"
        f"sizes = {sizes}\n{running}\ny = np.zeros((n, 2))\n"
    )
    decided = _agrees(source)
    _exactly(source, judged="." not in sizes)
    if "." not in sizes and sizes != "[]":
        assert decided, source


_PLAIN_MISUSES = (
    "y = np.zeros((Ax.COLS, 2))",
    "y = np.zeros([2, Ax.COLS])",
    "y = np.ones(Ax.COLS)",
    "y = np.eye(Ax.COLS)",
    "y = np.random.randn(2, Ax.COLS)",
    "y = z.reshape(Ax.COLS, -1)",
    "y = z.mean(axis=Ax.COLS)",
    "y = np.sum(z, axis=Ax.COLS)",
    "y = np.concatenate([z, z], axis=Ax.COLS)",
    "y = z[Ax.ROWS]",
    "y = z[Ax.ROWS.value]",
    "y = Ax.COLS + 1",
    "y = 2 * Ax.COLS",
    "y = np.ones(3) * Ax.COLS",
    "y = list(range(Ax.COLS))",
    "y = list(range(Ax.COLS.value))",
    "y = np.array([Ax.COLS, Ax.ROWS])",
    "y = [Ax.COLS] * 2",
    "y = str(Ax.COLS) + 'x'",
    "y = {Ax.COLS: np.ones(2)}[Ax.COLS]",
)


@pytest.mark.parametrize("use", _PLAIN_MISUSES)
def test_a_plain_enum_s_member_used_as_a_number(use: str) -> None:
    """A plain Enum's member is no number: NumPy's TypeError as an axis or a size, NumPy's
    IndexError as an index, Python's TypeError in arithmetic; ``.value`` is the number,
    and what takes any object (a list, a dict's key, ``np.array``'s objects) is fine."""
    source = (
        "import numpy as np\nfrom enum import Enum\nclass Ax(Enum):\n    ROWS = 0\n    COLS = 1\n"
        f"z = np.arange(6.0).reshape(2, 3)\n{use}\n"
    )
    _exactly(source)


_STRICT_READERS = (
    "y = np.ones(sum(1 for _ in zip(a, b, strict=True)))",
    "y = np.array(list(p for p in zip(a, b, strict=True)))",
    "y = np.array(sorted(p for p, q in zip(a, b, strict=True)))",
    "y = np.array(tuple(p * q for p, q in zip(a, b, strict=True) if p > 1))",
    "y = np.ones(3) if any(p for p in zip(a, b, strict=True)) else None",
    "y = np.array(next(p for p in zip(a, b, strict=True)))",
    "y = np.ones(max(p for p, q in zip(a, b, strict=True)))",
)


@pytest.mark.parametrize("b", ("[1, 2]", "[1, 2, 3]", "[]"))
@pytest.mark.parametrize("reader", _STRICT_READERS)
def test_a_generator_over_a_strict_zip_raises_when_read_to_its_end(b: str, reader: str) -> None:
    """A generator over ``zip(..., strict=True)`` of lengths that differ raises when what
    reads it reads it to its end (``sum``, ``list``, ``sorted``), not when it stops early
    (``any``, ``next``)."""
    source = f"import numpy as np\na = [1, 2, 3]\nb = {b}\n{reader}\n"
    _exactly(source)


_CHAINS = (
    "y = (x\n     .reshape(3, 4)\n     .reshape(5, 2)\n     .T)",
    "y = (x\n     .reshape(3, 4)\n     .T\n     .reshape(4, 3))",
    "y = (x.reshape(3, 4)\n     .sum(axis=2))",
    "y = (x.reshape(3, 4).T\n     @ x.reshape(3, 4))",
    "y = x.reshape(\n    5, 2)",
    "y = (x.tolist()\n     .T)",
    "y = (np.ones((2, 3))\n     .dot(np.ones(2)))",
    "y = np.dot(\n    x.reshape(3, 4),\n    x.reshape(3, 4))",
    "y = (x.reshape(3, 4)\n     .mean(axis=0)\n     .reshape(2, 2))",
    "y = (x.reshape(3, 4)\n     .mean(axis=0)\n     .reshape(2, 3))",
)


@pytest.mark.parametrize("chain", _CHAINS)
def test_a_method_chain_over_several_lines_raises_at_the_method_s_line(chain: str) -> None:
    """fresh31's LINE01: a method called on a later line than its chain starts raises, as
    CPython's traceback says, at the line of the method's name."""
    _exactly(f"import numpy as np\nx = np.arange(12.0)\n{chain}\n")


_HOSTILE = (
    # hostile30 CR01: a range is a sequence a `case [a, b]` matches
    "match range(2):\n    case [a, b]:\n        y = np.zeros(b + 1)\n    case _:\n"
    "        y = np.zeros((2, 3)) @ np.zeros((2, 3))",
    "match range(3):\n    case [a, *rest]:\n        y = np.zeros(len(rest))\n    case _:\n"
    "        y = np.zeros((2, 3)) @ np.zeros((2, 3))",
    "match range(3):\n    case [a, b]:\n        y = np.zeros((2, 3)) @ np.zeros((2, 3))\n"
    "    case _:\n        y = np.zeros(2)",
    "match zip([1], [2]):\n    case [a]:\n        y = np.zeros((2, 3)) @ np.zeros((2, 3))\n"
    "    case _:\n        y = np.zeros(2)",
    # hostile30 CR03: sys.stdout replaced by the file, or read through __stdout__
    "import sys, io\nsys.stdout = io.StringIO()\nprint('hi')\ns = sys.stdout.getvalue()\n"
    "sys.stdout = sys.__stdout__\ny = np.zeros(len(s))",
    "import sys\nsys.__stdout__.write('')\ny = np.zeros(2)",
    "import os\ny = np.zeros(len(os.__name__.upper()))",
    "import sys\ny = sys.stdout.getvalue()",
    "import time\ny = time.perf_count()",
    # hostile30 CR04: a property whose getter raises AttributeError, read by hasattr
    "class C:\n    @property\n    def w(self):\n        raise AttributeError('no')\n"
    "y = np.zeros(2) if not hasattr(C(), 'w') else np.zeros(2) @ np.zeros(3)",
    "class C:\n    @property\n    def w(self):\n        raise AttributeError('no')\n"
    "y = getattr(C(), 'w', np.zeros(2)) + np.zeros(2)",
    "class C:\n    def __init__(self):\n        self.w = np.ones(2)\n"
    "y = np.zeros(2) if hasattr(C(), 'w') else np.zeros(2) @ np.zeros(3)",
    "class C:\n    def __init__(self):\n        self.w = np.ones(2)\n"
    "y = np.zeros(2) if hasattr(C(), 'v') else np.zeros(2) @ np.zeros(3)",
    # hostile30 CR05: t[0] += [...] extends the list before the tuple refuses the store
    "t = ([],)\ntry:\n    t[0] += [1, 2]\nexcept TypeError:\n    pass\ny = np.zeros(len(t[0]))\n"
    "assert y.shape == (2,)",
    "t = ([],)\nt[0] += [1, 2]\ny = np.zeros(3)",
    "t = [[]]\ntry:\n    t[0] += [1, 2]\nexcept TypeError:\n    pass\ny = np.zeros(len(t[0]))\n"
    "assert y.shape == (2,)",
    # hostile30 CR06: sys.exit() in a finally ends the file, whatever the try raised
    "import sys\ndef f():\n    try:\n        np.zeros(3) @ np.zeros(5)\n    finally:\n"
    "        sys.exit(0)\ny = np.zeros(2)\nf()",
    "import sys\ntry:\n    y = np.zeros(3) @ np.zeros(5)\nfinally:\n    sys.exit()",
    "import sys\ntry:\n    y = np.zeros(3) @ np.zeros(5)\nfinally:\n    print('done')",
    "import sys\ntry:\n    y = np.zeros(3) @ np.zeros(5)\nexcept ValueError:\n"
    "    y = np.ones(2) @ np.ones(3)\nfinally:\n    sys.exit(0)",
)


@pytest.mark.parametrize("program", _HOSTILE)
def test_hostile30_s_correct_programs(program: str) -> None:
    """hostile30's CR families (and their neighbours, some of which fail): what running
    says, never a certain problem where it runs through."""
    if "finally:\n" in program and "exit(" in program:  # (SystemExit: no Exception)
        from shapekit.engine.program import analyse

        with pytest.raises(SystemExit) as ended:
            exec(compile(f"import numpy as np\n{program}\n", "<test>", "exec"), {})
        assert ended.value.code in (0, None)
        found = analyse([(None, f"import numpy as np\n{program}\n")]).problems
        assert [p for p in found if p.certain] == []
        return
    _exactly(f"import numpy as np\n{program}\n", judged=False)
    if "hasattr(C(), 'v')" in program or "perf_count" in program:
        _exactly(f"import numpy as np\n{program}\n")


def test_hostile30_s_exec_that_writes_a_data_file(tmp_path) -> None:
    """hostile30 CR02: ``exec`` of text may write any file: the data file read after it is
    not the copy on disk."""
    from shapekit.engine.program import analyse

    (tmp_path / "a.csv").write_text("1,2,3\n")
    source = (
        "import numpy as np\nexec(\"open('a.csv','w').write('1,2\\\\n')\")\n"
        "y = np.loadtxt('a.csv', delimiter=',')\nassert y.shape == (2,)\n"
    )
    (tmp_path / "main.py").write_text(source)
    program = analyse([(None, source)], file=str(tmp_path / "main.py"))
    assert [p for p in program.problems if p.certain] == []
    binding = program.binding("y")
    assert binding is None or binding.status != "known"


# --- values NumPy places anew (diag, stack, outer …) and sums of halves and quarters --------

_PLACED = (
    "A = np.diag([2.0, 0.5, 0.0])",
    "A = np.diag([2.0, 0.5, 1.0])",
    "A = np.diag(np.ones(3))",
    "A = np.diag(np.arange(3))",
    "A = np.outer([1.0, 2.0], [3.0, 6.0])",
    "A = np.outer(np.ones(2), [1.0, 2.0]) + np.eye(2)",
    "A = np.stack([np.ones(2), np.ones(2)])",
    "A = np.vstack([[1.0, 2.0], [2.0, 4.0]])",
    "A = np.vstack([[1.0, 2.0], [2.0, 5.0]])",
    "A = np.hstack([np.ones((2, 1)), np.zeros((2, 1))])",
    "A = np.concatenate([np.eye(2), np.eye(2)], axis=0)[:2]",
    "A = np.column_stack([[1.0, 2.0], [0.5, 1.0]])",
    "A = np.tril(np.ones((3, 3)))",
    "A = np.triu(np.ones((3, 3)), k=1)",
    "A = np.flip(np.eye(3), axis=0)",
    "A = np.roll(np.eye(3), 1, axis=1)",
    "A = np.transpose([[1.0, 1.0], [1.0, 1.0]])",
    "A = np.tile([[1.0, 0.0]], (2, 1))",
    "A = np.diag(np.random.randn(3))",
    "A = np.abs(np.diag([-1.0, 0.0]))",
    "A = np.negative(np.eye(2))",
)
_ASKED = (
    "y = np.linalg.inv(A)",
    "y = np.linalg.solve(A, np.ones(A.shape[0]))",
    "y = np.linalg.solve(A, np.random.randn(A.shape[0]))",
    "y = np.linalg.solve(A, np.random.randn(A.shape[0] + 1))",
    "assert A.sum() > 1.5\ny = A",
    "assert A[0, 0] == 1\ny = A",
    "y = np.zeros(int(A.sum()))",
)


@pytest.mark.parametrize("placed", _PLACED)
@pytest.mark.parametrize("asked", _ASKED)
def test_values_placed_anew_by_numpy(placed: str, asked: str) -> None:
    """WP11/WP12 of fresh31: the values of ``np.diag``, ``np.outer``, the joins, ``tril``,
    ``flip`` … of known values are known (a singular matrix, a false assert); ``solve`` of
    a singular matrix fails whatever its right-hand side holds."""
    source = f"import numpy as np\n{placed}\n{asked}\n"
    _exactly(source, judged="random" not in placed)


_HALVES = (
    "a = np.full((2, 6), 0.5)",
    "a = np.full((2, 6), 0.25) * 3",
    "a = np.array([[0.5, 1.5], [2.5, -0.75]])",
    "a = np.ones((2, 3)) / 4",
    "a = np.ones((2, 3)) / 10",
    "a = np.array([[0.1, 0.2], [0.3, 0.4]])",
    "a = np.full((2, 2), 1e-30)",
    "a = np.full((2, 2), 3.0e5)",
)
_EXACT = (
    "c = a @ a.T\nassert c[0, 0] == 1.5",
    "c = a @ a.T\nassert c[0, 0] < 2",
    "c = a.sum()\nassert c == 6",
    "c = a.sum(axis=1)\nassert c[0] == 3",
    "c = a.mean()\nassert c == 0.5",
    "c = np.dot(a, np.ones(a.shape[1]))\nassert c[0] > 1",
)


@pytest.mark.parametrize("made", _HALVES)
@pytest.mark.parametrize("exact", _EXACT)
def test_sums_and_products_of_halves_are_exact(made: str, exact: str) -> None:
    """WP13 of fresh31: sums and products of halves, quarters … (whole numbers once
    multiplied by a power of two) are exact in any order, so an assert on them is decided;
    of tenths, the last digit may hang on the order NumPy adds in: not judged."""
    source = f"import numpy as np\n{made}\n{exact}\n"
    inexact = "10" in made or "0.1" in made or "e-30" in made or "e5" in made
    _exactly(source, judged=not inexact)


# --- read-only arrays, np.put's places, layouts kept by *_like and ufuncs --------------------

_READ_ONLY = (
    "d = np.diag(W)",
    "d = np.diagonal(W)",
    "d = W.diagonal()",
    "d = np.diag(W).copy()",
    "d = np.diag(np.ones(3))",
    "d = W\nd.flags['WRITEABLE'] = False",
    "d = W\nd.flags['W'] = False",
    "d = W\nd.flags['WRITEABLE'] = True",
    "d = W.copy()\nd.flags.writeable = False\nd = d.copy()",
)
_WRITES_INTO = (
    "d[0] = 5.0",
    "d += 1",
    "np.put(d, [0], 1.0)",
    "np.copyto(d, 1.0)",
    "np.putmask(d, d > 0, 1.0)",
    "d.fill(2.0)",
    "d.put([1], 2.0)",
    "np.add(d, 1, out=d)",
    "y = d + 1",
)


@pytest.mark.parametrize("made", _READ_ONLY)
@pytest.mark.parametrize("write", _WRITES_INTO)
def test_writes_into_read_only_arrays(made: str, write: str) -> None:
    """fresh31's WP02, WP10 and WP18: the diagonal of a matrix is a read-only view, and
    ``x.flags["WRITEABLE"] = False`` is ``x.flags.writeable = False``; ``np.put`` and
    ``np.copyto`` write into the array given first."""
    _exactly(f"import numpy as np\nW = np.ones((3, 3))\n{made}\n{write}\ny = 1\n")


_PUT = (
    "np.put(w, [0, 5], 1.0)",
    "np.put(w, [6], 1.0)",
    "np.put(w, [-6], 1.0)",
    "np.put(w, [-7], 1.0)",
    "np.put(w, np.arange(7), 1.0)",
    "np.put(w, [9], 1.0, mode='clip')",
    "np.put(w, [9], 1.0, mode='wrap')",
    "np.put(w, [], 1.0)",
    "w.put([6], 2.0)",
    "w.put([5], 2.0)",
    "np.put(w, [1.0], 2.0)",
)


@pytest.mark.parametrize("put", _PUT)
def test_np_put_places_past_the_end(put: str) -> None:
    """fresh31's WP04: a flat place past the array's elements is NumPy's IndexError."""
    _exactly(f"import numpy as np\nw = np.zeros((2, 3))\n{put}\ny = w\n")


_LAID_OUT = (
    "g = np.exp(w.T)",
    "g = np.zeros_like(w.T)",
    "g = np.ones_like(w.T, order='C')",
    "g = np.full_like(w.T, 2.0)",
    "g = np.empty_like(w[:, ::2])",
    "g = np.zeros_like(w)",
    "g = np.full_like(w.T, 2.0, float, 'C')",
    "g = np.sqrt(w[::2].T)",
    "g = np.negative(w.T, order='C')",
    "g = np.abs(w.T.copy())",
)


@pytest.mark.parametrize("made", _LAID_OUT)
@pytest.mark.parametrize("shape", ("(-1,)", "(4, 3)", "(2, 6)"))
def test_the_layout_of_like_arrays_and_ufuncs(made: str, shape: str) -> None:
    """fresh31's WP09: ``np.zeros_like`` and NumPy's functions of one array lay their result
    out as the array given (order "K"), so ``.shape =`` of one made of ``w.T`` fails."""
    _exactly(f"import numpy as np\nw = np.ones((3, 4))\n{made}\ng.shape = {shape}\ny = g\n")


_SET_ON = (
    "a = [1, 2, 3]\na.shape = (3,)",
    "a = [[1, 2], [3, 4]]\na.shape = (4,)",
    "a = (1, 2)\na.x = 1",
    "a = 'ab'\na.x = 1",
    "a = 2.5\na.x = 1",
    "a = True\na.x = 1",
    "a = len([1])\na.x = 1",
    "a = np.array([1, 2, 3])\na.shape = (3, 1)",
    "class Ax(IntEnum):\n    A = 1\na = Ax.A\na.x = 1",
    "class L(list):\n    pass\na = L([1, 2])\na.shape = (2,)",
)


@pytest.mark.parametrize("made", _SET_ON)
def test_an_attribute_set_on_a_python_list_or_number(made: str) -> None:
    """hostile30's WP03: Python's lists, tuples, text and numbers take no attribute
    (``a.shape = (3,)`` of a list is an AttributeError); an array, a subclass of list and
    an IntEnum's member do."""
    _exactly(f"import numpy as np\nfrom enum import IntEnum\n{made}\ny = 1\n")


# --- review22 of the twenty-first pass -------------------------------------------------------

_REVIEWED = (
    # F1: two arrays of equal values but other dtypes are not one array
    "import os\nc = os.environ.get('SHAPEKIT_NOT_SET')\n"
    "x = np.ones(3, dtype=np.int8) if c else np.ones(3, dtype=np.int64)\n"
    "y = x * 100 * 2\nassert y[0] == 200",
    "import os\ndef make(n):\n    if os.environ.get('SHAPEKIT_NOT_SET'):\n"
    "        return np.zeros(n, dtype=np.uint8)\n    return np.zeros(n, dtype=np.int64)\n"
    "y = make(3) + 255\ny = y + 1\nif y.max() != 256:\n    raise ValueError('overflowed')",
    # F2: the order np.copy is given by place
    "x = np.arange(12).reshape(3, 4)\ny = np.copy(x.T, 'C')\ny.shape = (12,)",
    "x = np.arange(12).reshape(3, 4)\ny = np.copy(x.T, 'K')\ny.shape = (12,)",
    "x = np.arange(12).reshape(3, 4)\ny = np.asarray(x.T, float, 'C')\ny.shape = (12,)",
    # F3: a float past the integers' range is no value (and no warning escapes)
    "y = np.full(3, 1000.5, dtype=np.int8)\nz = np.full(3, -1.5, dtype=np.uint8)\n"
    "w = np.full(3, 1e10, dtype=np.float16)",
    "y = np.full(3, 2.5, dtype=np.int8)\nassert y[0] == 2",
    # F4: read-only on one branch only: unknown (a write may fail or not), never a problem
    "import os\nx = np.zeros(3)\nif os.environ.get('SHAPEKIT_NOT_SET'):\n"
    "    x.setflags(write=False)\nx[0] = 1\ny = x",
    "import os\na = np.ones(3)\n"
    "x = np.broadcast_to(a, (3,)) if os.environ.get('SHAPEKIT_NOT_SET') else a.copy()\n"
    "x[0] = 2\ny = x",
    # F5, F6: big comparisons and stacks of systems are only shapes
    "y = np.isclose(np.zeros((300, 1)), np.ones((1, 300)))\nassert y.shape == (300, 300)",
    "y = np.allclose(np.zeros((3, 1)), np.zeros((1, 3)))\nassert y",
    "y = np.linalg.solve(np.ones((30, 1, 4, 4)) + np.eye(4), np.ones((1, 90, 4, 2)))",
    "y = np.linalg.solve(np.ones((3, 1, 4, 4)) + np.eye(4), np.ones((2, 1, 4, 2)))",
)


@pytest.mark.parametrize("program", _REVIEWED)
def test_review22_s_findings(program: str) -> None:
    """review22's findings: what running says (an unknown condition read from the
    environment, set by no test), and no NumPy warning escapes (pytest makes it an error)."""
    _exactly(f"import numpy as np\n{program}\n", judged=False)
    _exactly(f"import numpy as np\n{program}\n", judged="SHAPEKIT_NOT_SET" not in program)


_VECTORIZE_KINDS = (
    "f = np.vectorize(lambda v: 1 if v > 0 else 0)",
    "f = np.vectorize(lambda v: 1 if v > 0 else 0, otypes=[float])",
    "f = np.vectorize(lambda v: 1.0 if v > 0 else 0.0)",
    "f = np.vectorize(lambda v: v > 0)",
    "f = np.vectorize(lambda v: max(0.0, v))",
    "f = np.vectorize(lambda v: max(0.0, v), otypes=['float64'])",
    "f = np.vectorize(lambda v: 1 if v > 0 else 0.5)",
)
_VECTORIZED_INPUTS = ("np.array([1.5, -0.5, 2.0])", "np.ones((0, 3))", "np.ones((2, 0))")
_THEN = ("a += 0.25", "a = a + 0.25", "a -= 1")


@pytest.mark.parametrize("made", _VECTORIZE_KINDS)
@pytest.mark.parametrize("given", _VECTORIZED_INPUTS)
@pytest.mark.parametrize("then", _THEN)
def test_the_kind_of_what_np_vectorize_makes(made: str, given: str, then: str) -> None:
    """fresh31's WP14 and WP15: np.vectorize's result holds what ``f`` gives (whole numbers
    from ``1 if … else 0``, unless ``otypes=`` says otherwise), and on no elements at all it
    needs ``otypes``."""
    _exactly(f"import numpy as np\n{made}\na = f({given})\n{then}\ny = a\n", "0.5)" not in made)


# --- hostile30: writes shapekit does not see happen, data files written by IPython ----------

_HIDDEN_WRITES = (
    "f = np.add\nf(np.full(3, 2.0), 3.0, x)",
    "g = np.multiply\ng(np.full(3, 2.5), 2.0, out=x)",
    "np.modf(np.full(3, 5.0), x)",
    "np.modf(np.full(3, 5.0), None, x)",
    "np.divmod(np.full(3, 11.0), 2.0, None, x)",
    "class Sink:\n    def write(self, s):\n        x[0] = 5\n    def flush(self):\n"
    "        pass\nprint('hi', file=Sink())",
    "import asyncio\nasync def f():\n    x[0] = 5\nasyncio.run(f())",
    "def init(self):\n    x[0] = 5\nC = type('C', (), {'__init__': init})\nC()",
    "v: x.__setitem__(0, 5) = 1",
    "import struct\nstruct.pack_into('d', memoryview(x).cast('B'), 0, 5.0)",
    "import threading\nt = threading.Thread(target=lambda: x.fill(5))\nt.start()\nt.join()",
    "def bump():\n    x[:] = 5\nimport atexit\natexit.register(bump)\nbump()",
    "x[0] = 5",
    "np.copyto(x, 5.0)",
)


@pytest.mark.parametrize("write", _HIDDEN_WRITES)
def test_writes_through_calls_python_makes(write: str) -> None:
    """hostile30's CR07-CR13: an array written where shapekit does not follow the write (a
    ufunc's output given by place, through a name; a callback a library calls; asyncio; a
    class made by ``type()``; an annotation; a memoryview) keeps no stale values."""
    source = f"import numpy as np\nx = np.zeros(3)\n{write}\nassert x[0] == 5 or x[0] == 1\ny = x\n"
    _exactly(source, judged=False)


_PATCHED = (
    "globals()['np'].dot = lambda a, b: np.zeros((2, 2))\ny = np.dot(np.zeros(3), np.zeros(4))",
    "np.linalg.inv = np.linalg.pinv\ny = np.linalg.inv(np.ones((3, 3)))",
    "__import__('numpy').dot = lambda a, b: 0\ny = np.dot(np.zeros(3), np.zeros(4))",
)


@pytest.mark.parametrize("patched", _PATCHED)
def test_numpy_replaced_by_the_file(tmp_path: Path, patched: str) -> None:
    """hostile30's CR14: a NumPy function replaced through ``globals()`` or ``__import__``
    is not NumPy's (run in a process of its own: it changes NumPy)."""
    from tests.engine.test_twentieth_pass import _module_agrees

    _module_agrees(tmp_path, {"main.py": f"import numpy as np\n{patched}\n"})


def test_numpy_replaced_by_a_helper_module(tmp_path: Path) -> None:
    """hostile30's CR15: a helper module that sets ``numpy.linalg.inv``."""
    from tests.engine.test_twentieth_pass import _module_agrees

    helper = "import numpy.linalg\nnumpy.linalg.inv = numpy.linalg.pinv\n"
    main = "import numpy as np\nimport patch\ny = np.linalg.inv(np.ones((3, 3)))\n"
    _module_agrees(tmp_path, {"main.py": main, "patch.py": helper})


@pytest.mark.parametrize(
    "writer",
    (
        "%%file a.csv\n1,2\n3,4\n5,6\n",
        "%%writefile {name}\n1,2\n3,4\n5,6\n",
        "%%writefile $name\n1,2\n3,4\n5,6\n",
        "get_ipython().system('cp b.csv a.csv')\n",
        "get_ipython().run_cell_magic('writefile', 'a.csv', '1,2\\n3,4\\n5,6\\n')\n",
    ),
)
def test_a_notebook_s_magics_that_write_data_files(tmp_path: Path, writer: str) -> None:
    """hostile30's CR16-CR18: ``%%file`` (``%%writefile``'s other name), ``%%writefile``
    of a name in a variable, and IPython's ``get_ipython()`` calls may write the data file
    read later: the copy on disk is not what running reads."""

    (tmp_path / "a.csv").write_text("1,2\n")
    (tmp_path / "b.csv").write_text("1,2\n3,4\n5,6\n")
    cells = [
        "import numpy as np\nname = 'a.csv'\n",
        writer,
        "out = np.loadtxt('a.csv', delimiter=',')\nassert out.shape == (3, 2)\n",
    ]
    summary, shown = checked_notebook(tmp_path, cells, "out=3,2")
    assert summary["failed"] == 0, shown


_GROWING = (
    "for node in queue:\n    for child in (2 * node + 1, 2 * node + 2):\n        if child < 7:\n"
    "            queue.append(child)",
    "for i, r in enumerate(queue):\n    if i < 3:\n        queue.append(i)",
    "for a, b in zip(queue, [1, 2, 3, 4, 5]):\n    queue.append(a)",
    "for q in queue:\n    pass\nqueue.append(1)",
    "for q in list(queue):\n    queue.append(q)",
)


@pytest.mark.parametrize("loop", _GROWING)
def test_a_list_that_grows_while_a_loop_reads_it(loop: str) -> None:
    """hostile30's CR19: a loop reads the list as it is at each step (a queue it appends
    to, in an inner loop, through enumerate or zip): its length is not the first one."""
    source = f"import numpy as np\nqueue = [0]\n{loop}\ny = np.zeros(len(queue))\nassert y.shape[0] < 8\n"
    _exactly(source, judged=False)


def test_a_helper_that_sets_a_name_of_main(tmp_path: Path) -> None:
    """hostile30's CR20: ``import __main__; __main__.N = 5`` in a helper changes main's N."""
    from tests.engine.test_twentieth_pass import _module_agrees

    helper = "import __main__\n__main__.N = 5\n"
    main = "import numpy as np\nN = 2\nimport helper\ny = np.zeros(N)\nassert y.shape == (5,)\n"
    _module_agrees(tmp_path, {"main.py": main, "helper.py": helper})


def test_a_helper_compiled_unchecked_in_pycache(tmp_path: Path) -> None:
    """hostile30's CR21: a ``.pyc`` Python imports without reading the source (PEP 552's
    unchecked hash) is what runs: the source is not followed."""
    import py_compile

    from tests.engine.test_twentieth_pass import _module_agrees

    (tmp_path / "helper.py").write_text("n = 3\n")
    py_compile.compile(
        str(tmp_path / "helper.py"),
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
    )
    main = "import numpy as np\nimport helper\ny = np.zeros(helper.n)\nassert y.shape == (3,)\n"
    _module_agrees(tmp_path, {"main.py": main, "helper.py": "n = 2\n"})


@pytest.mark.parametrize("ufunc", ("exp", "sqrt", "tanh", "round", "around", "log"))
@pytest.mark.parametrize("defined", (True, False))
def test_numpy_calls_a_method_of_an_object_of_the_file_s(ufunc: str, defined: bool) -> None:
    """hostile30's CR22: NumPy's loop over Python objects calls the method of that name
    (``np.exp(t)`` calls ``t.exp()``); without it, NumPy's TypeError."""
    method = "round" if ufunc == "around" else ufunc
    body = (
        f"    def {method}(self, *a, **k):\n        return np.zeros((2, 3))\n"
        if defined
        else "    pass\n"
    )
    source = f"import numpy as np\nclass T:\n{body}y = np.{ufunc}(T())\n"
    _exactly(source, judged=not defined)


_VIEWS_OF_READ_ONLY = (
    "y = x.ravel()",
    "y = np.ravel(x)",
    "y = x.reshape(2, 3)",
    "y = np.reshape(x, (3, 2))",
    "y = x.T.ravel()",
    "y = x.T.reshape(6)",
    "y = x.flatten()",
    "y = x.reshape(2, 3).copy()",
)


@pytest.mark.parametrize("view", _VIEWS_OF_READ_ONLY)
@pytest.mark.parametrize("made", ("x = np.zeros((3, 2))", "x = np.zeros((3, 2)).T.copy()"))
def test_reshaped_views_of_a_read_only_array(made: str, view: str) -> None:
    """hostile30's WP09: ``ravel`` and ``reshape`` of a C-ordered read-only array are views
    of it, read-only too; of another layout, or ``flatten``, copies."""
    source = f"import numpy as np\n{made}\nx.flags.writeable = False\n{view}\ny[0] = 1\n"
    _exactly(source)


_RANGES = (
    "r = np.arange(2.0)",
    "r = np.arange(0, 1, 0.1)",
    "r = np.arange(1, 2, 0.25)",
    "r = np.arange(5.0)",
    "r = np.arange(3)",
)
_ASKED_OF_RANGES = (
    "y = np.linalg.inv(np.stack([r[:2], r[:2]]))",
    "assert r[-1] < 0.95\ny = r",
    "assert r[3] == 0.30000000000000004\ny = r",
    "assert r.sum() == 10\ny = r",
    "y = np.zeros(int(r.sum()))",
)


@pytest.mark.parametrize("made", _RANGES)
@pytest.mark.parametrize("asked", _ASKED_OF_RANGES)
def test_the_values_of_np_arange(made: str, asked: str) -> None:
    """hostile30's WP11: ``np.arange`` of floats keeps its values (``start + i * step``,
    the same on every machine)."""
    inexact = "0.1" in made and "sum" in asked  # (sums of tenths: not kept, on purpose)
    _exactly(f"import numpy as np\n{made}\n{asked}\n", judged=not inexact)


_HISTORIES = (
    "    out = x @ w\n    hist.append(float(np.mean(out ** 2)))",
    "    w = w - 0.001 * w\n    hist.append(w.copy())",
    "    hist.append(w.sum(axis=0))",
    "    if len(hist) < 3:\n        hist.append(w)",
    "    hist.append(w)\n    hist.append(w)",
    "    w = np.vstack([w, w[:1]])\n    hist.append(w)",
    "    if step % 100 == 0:\n        continue\n    hist.append(w)",
    "    hist.append(step)\n    hist = hist[-5:]",
    "    for k in range(2):\n        hist.append(k)",
    "    hist.append(w @ np.ones(2))",
    "    hist.append(w @ np.ones(3))",
)


@pytest.mark.parametrize("body", _HISTORIES)
@pytest.mark.parametrize("steps", (1200, 3000))
def test_a_history_appended_at_each_step_of_a_long_loop(body: str, steps: int) -> None:
    """A loop too long to follow step by step that appends one item at each step (a history
    of losses) leaves a list of that many items, when the item's shape holds from one step
    to the next; a branch, a continue, a second append or a growing item leave it unknown."""
    source = (
        f"import numpy as np\nx = np.ones((8, 2))\nw = np.full((2, 3), 0.5)\nhist = [0.0]\n"
        f"for step in range({steps}):\n{body}\ny = np.array(hist)\n"
    )
    decided = _agrees(source)
    _exactly(source, judged=False)
    if body in _HISTORIES[:3]:
        assert decided, source


@pytest.mark.parametrize(
    "call",
    (
        "a = f(z, alpha=0.01)",
        "a = f(z, alpha=np.ones(3))",
        "a = f(z, 0.01)",
        "a = f(z, beta=0.01)",
    ),
)
@pytest.mark.parametrize("excluded", ("['alpha']", "{'alpha'}", "[]"))
def test_np_vectorize_with_excluded_keywords(call: str, excluded: str) -> None:
    """``np.vectorize(f, excluded=['alpha'])``: ``alpha`` goes to ``f`` as it is given."""
    source = (
        "import numpy as np\ndef leaky(v, alpha):\n    return v if v > 0 else alpha * v\n"
        f"f = np.vectorize(leaky, excluded={excluded})\nz = np.ones((2, 3))\n{call}\n"
        "y = a @ np.ones((3, 2))\n"
    )
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "draw",
    (
        "rng.choice(X, size=2, replace=False)",
        "rng.choice(X, size=(2,), axis=1)",
        "rng.choice(X, 7, replace=False)",
        "rng.choice(X, 7)",
        "rng.choice(X)",
        "rng.choice(X, size=(2, 3), axis=1)",
        "rng.choice(X, size=5, replace=False, axis=1)",
        "rng.choice(X, size=4, replace=False, axis=1)",
        "rng.choice(X, size=2, axis=-1)",
    ),
)
def test_a_generator_s_choice_of_rows(draw: str) -> None:
    """``rng.choice`` of an array of rows draws whole rows (or columns, with ``axis``);
    without replacement, no more than there are."""
    source = (
        f"import numpy as np\nrng = np.random.default_rng(0)\nX = np.ones((5, 4))\ny = {draw}\n"
    )
    assert _agrees(source), source
    _exactly(source)


_ITEM_WRITES = (
    "A[0, 0] = 1.25",
    "A[0, 0] = 0.25",
    "A[1] = 0.5",
    "A[:, 0] = 2.0",
    "A[-1, -1] = 0",
    "A[0] = [1.0, 2.0, 3.0]",
    "A[1:, 1:] = np.eye(2)",
    "B = A[0]\nA[0, 0] = 9.0",
    "B = A.T\nA[1, 0] = 9.0",
    "for i in range(3):\n    A[i, i] = 1.0",
    "A[A > 0] = 1.0",
    "i = len(__name__)\nA[0, i % 3] = 7.0",
)
_AFTER_WRITES = (
    "y = np.linalg.inv(A)",
    "assert A[0, 0] == 1.25\ny = A",
    "assert A.sum() == 2.25\ny = A",
    "y = np.linalg.inv(B) if 'B' in dir() else np.linalg.inv(A.T @ A)",
    "assert B[0] == 9.0 if 'B' in dir() else True\ny = A",
)


@pytest.mark.parametrize("write", _ITEM_WRITES)
@pytest.mark.parametrize("after", _AFTER_WRITES)
def test_an_item_written_into_an_array_whose_values_are_known(write: str, after: str) -> None:
    """fresh31's WP07: ``A[0, 0] = 1.25`` of ``np.full((3, 3), 0.25)``: ``A``'s new values
    are known (a singular matrix, or not); every other array's (a view of ``A``) are
    forgotten, and so are ``A``'s after a write in a loop or at a place not known."""
    source = f"import numpy as np\nA = np.full((3, 3), 0.25)\n{write}\n{after}\n"
    _exactly(source, judged="__name__" not in write and "dir()" not in after)


_HOSTILE_LATE = (
    # CRASH01: a list nested past NumPy's 64 dimensions
    "x = 1\nfor i in range(70):\n    x = [x]\ntry:\n    a = np.array(x)\nexcept ValueError:\n"
    "    a = np.zeros(2)\ny = a",
    # CR23: a ufunc's order= lays its result out
    "a = np.arange(6.0).reshape(2, 3)\nb = np.maximum(a.T, 0, order='C')\nb.shape = (6,)\ny = b",
    "a = np.arange(6.0).reshape(2, 3)\nb = np.maximum(a.T, 0)\nb.shape = (6,)\ny = b",
    # CR24, CR25: dataclass fields keyword-only, a NumPy number as a default
    "from dataclasses import dataclass, field\n@dataclass\nclass L:\n    n: int = 2\n"
    "    m: int = field(kw_only=True)\ny = np.zeros((L(m=3).n, L(m=3).m))",
    "from dataclasses import dataclass\n@dataclass\nclass L:\n    lr: float = np.float64(0.5)\n"
    "y = np.zeros(2) * L().lr",
    # CR26-CR28: writes by a computed name, exec with its own globals, __setstate__
    "x = np.zeros(3)\ngetattr(x, 'fi' + 'll')(5)\nassert x[0] == 5\ny = x",
    "x = np.zeros(3)\nexec('v.fill(5)', {'v': x})\nassert x[0] == 5\ny = x",
    "x = np.zeros(3)\nx.__setstate__(np.full(3, 5.0).__reduce__()[2])\nassert x[0] == 5\ny = x",
    # CR29: a generator kept in a name reads its list as it is when read
    "rows = [np.zeros(2)]\ng = (a for a in rows)\nrows.append(np.zeros(3))\ny = np.zeros(len(list(g)))\n"
    "assert y.shape == (2,)",
    # CR30: dict() reads a zip through
    "z = zip([1, 2], [3, 4])\nd = dict(z)\ny = np.zeros(len(list(z)) + 1)\nassert y.shape == (1,)",
)


@pytest.mark.parametrize("program", _HOSTILE_LATE)
def test_hostile30_s_later_families(program: str) -> None:
    """hostile30's CRASH01 and CR23-CR30: no crash, no certain problem in a program that
    runs through."""
    _exactly(f"import numpy as np\n{program}\n", judged=False)


_TRY_BODIES = (
    "    if random.random() > 0.5:\n        raise ValueError('bad batch')\n    x = x.T",
    "    x = x.T\n    if random.random() > 0.5:\n        raise ValueError('bad batch')",
    "    x = x.reshape(3, 2)\n    x = np.vstack([x, x]) if random.random() > 2 else x",
    "    x = x + 1\n    if random.random() > 0.5:\n        raise ValueError('bad batch')",
)
_HANDLERS = (
    "    x = x.reshape(-1, x.shape[-1])",
    "    x = x.reshape(2, 3)",
    "    pass",
)


@pytest.mark.parametrize("body", _TRY_BODIES)
@pytest.mark.parametrize("handler", _HANDLERS)
def test_a_handler_may_run_from_any_point_of_its_try(body: str, handler: str) -> None:
    """hostile30's CR34: a try that may fail before or after it rebinds a name leaves the
    handler that name as it was before, or after: its shape when both agree, else unknown."""
    source = (
        "import numpy as np, random\nrandom.seed(0)\nx = np.zeros((2, 3))\ntry:\n"
        f"{body}\nexcept ValueError:\n{handler}\ny = x\nassert y.shape == (2, 3)\n"
    )
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "program",
    (
        "calls = []\ndef f():\n    calls.append(1)\n    return len(calls)\n"
        "r = list(filter(lambda v: f(), range(2)))\ny = np.zeros(len(calls))\n"
        "assert y.shape == (2,)",
        "import threading\ncount = 0\ndef work():\n    global count\n    count += 1\n"
        "threads = [threading.Thread(target=work) for _ in range(2)]\nfor t in threads:\n"
        "    t.start()\nfor t in threads:\n    t.join()\ny = np.zeros(count)\nassert y.shape == (2,)",
        "seen = []\ndef note(v):\n    seen.append(v)\n    return v\n"
        "r = sorted([3, 1, 2], key=note)\ny = np.zeros(len(seen))\nassert y.shape == (3,)",
    ),
)
def test_functions_a_library_calls_change_what_they_reach(program: str) -> None:
    """hostile30's CR33: a function handed to code shapekit does not follow (``filter``,
    a thread's target, a sort key) changes the lists and globals it reaches, also through
    the file's functions it calls."""
    _exactly(f"import numpy as np\n{program}\n", judged=False)


@pytest.mark.parametrize(
    "program",
    (
        # CR31: a finally that changes the list being returned
        "L = []\ndef f():\n    try:\n        return L\n    finally:\n        L.extend([1, 2, 3])\n"
        "y = np.zeros(len(f()))\nassert y.shape == (3,)",
        "L = []\ndef f():\n    try:\n        return L\n    finally:\n        print('done')\n"
        "y = np.zeros(len(f()) + 1)\nassert y.shape == (1,)",
        # CR36: a name no one binds (get_ipython run by python) raises a NameError
        "try:\n    get_ipython()\n    y = np.zeros(2) @ np.zeros(3)\nexcept NameError:\n"
        "    y = np.zeros(2)",
        "try:\n    display(1)\n    y = np.zeros(2)\nexcept NameError:\n    y = np.zeros(2) @ np.zeros(3)",
        # CR37: arrays of Python objects or text: their items are no NumPy numbers
        "o = np.full(2, None)\no[0] = np.zeros(3)\ny = o[0]\ny[0] = 5",
        "a = np.array([12, 3]).astype(str)\ny = np.zeros(len(a[0]))\nassert y.shape == (2,)",
        "a = np.full(2, 'abc')\ny = np.zeros(len(a[0]))",
        "x = np.ones(3).sum()\nn = len(x)\ny = x",
    ),
)
def test_hostile30_s_last_families(program: str) -> None:
    """hostile30's CR31, CR36, CR37: what running says, no certain problem where it runs
    through."""
    _exactly(f"import numpy as np\n{program}\n", judged="len(x)" in program)


@pytest.mark.parametrize(
    "write",
    (
        "np.nan_to_num(x, copy=False, nan=5)",
        "np.add(*(x, 5.0, x))",
        "np.add(x, 5.0, **{'out': x})",
        "y = np.nan_to_num(x, nan=5)",
    ),
)
def test_writes_through_copy_false_star_arguments_and_keyword_dicts(write: str) -> None:
    """hostile30's CR40 and CR07b: ``copy=False``, outputs given through ``*args`` or
    ``**kwargs`` write into the array: its known values (an item written before) are not
    kept."""
    source = (
        f"import numpy as np\nx = np.zeros(3)\nx[0] = np.nan\n{write}\n"
        "assert x[0] == 5 or np.isnan(x[0]) or x[0] == 0\ny = x\n"
    )
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "use",
    (
        "y = np.ones((Size.BATCH, Size.INPUTS)) @ np.ones((Size.INPUTS, Size.HIDDEN))",
        "y = np.zeros(Size.HIDDEN + Size.INPUTS) + np.ones((3, 3))",
        "y = np.zeros(3) if Size.BATCH is Size.HIDDEN else np.zeros(2) @ np.zeros(3)",
        "y = np.zeros(3) if Size.BATCH.name == 'HIDDEN' else np.zeros(2) @ np.zeros(3)",
        "y = np.zeros(3) if Size(3) is Size.BATCH else np.zeros(2) @ np.zeros(3)",
        "y = np.zeros(3) if Kind.B is Kind.A else np.zeros(2) @ np.zeros(3)",
    ),
)
def test_an_enum_whose_values_repeat(use: str) -> None:
    """fresh32's UNK02: a value given twice in an Enum makes the later name an alias of the
    first (``Size.BATCH is Size.HIDDEN``): the class is followed, not left unknown."""
    source = (
        "import numpy as np\nfrom enum import Enum, IntEnum\nclass Size(IntEnum):\n"
        "    INPUTS = 4\n    HIDDEN = 3\n    BATCH = 3\nclass Kind(Enum):\n    A = 1\n    B = 1.0\n"
        f"{use}\n"
    )
    assert _agrees(source), source
    _exactly(source)


@pytest.mark.parametrize(
    "read",
    (
        "s = set(z)",
        "print(*z)",
        "f = lambda *a: len(a)\nn = f(*z)",
        "s = frozenset(z)",
        "from collections import deque\ns = deque(z)",
        "s = set([1, 2])",
        "s = tuple(z)",
    ),
)
def test_an_iterator_read_through_by_set_deque_or_a_star(read: str) -> None:
    """hostile30's CR30b: ``set(it)``, ``deque(it)`` and ``f(*it)`` read the iterator
    through: nothing is left in it."""
    source = (
        f"import numpy as np\nz = zip([1, 2], [3, 4])\n{read}\n"
        "y = np.zeros(len(list(z)) + 1)\nassert y.shape == (1,)\n"
    )
    _exactly(source)
