"""Twenty-second pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, which also says whether ``y``'s shape was
known, and :func:`tests.engine.test_twentyfirst_pass._exactly`).
"""

from __future__ import annotations

import pytest

from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentyfirst_pass import _exactly

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
)


@pytest.mark.parametrize("program", _HOSTILE)
def test_hostile30_s_correct_programs(program: str) -> None:
    """hostile30's CR families (and their neighbours, some of which fail): what running
    says, never a certain problem where it runs through."""
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
