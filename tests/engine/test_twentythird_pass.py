"""Twenty-third pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees` and
:func:`tests.engine.test_twentyfirst_pass._exactly`).
"""

from __future__ import annotations

import json
import subprocess
import sys
import traceback
import warnings
from pathlib import Path

import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentyfirst_pass import _exactly

# --- the folder a file runs in: its files are known, its name is not -----------------------

#: sizes taken from the path of the file (CR35): some depend on the folder it is put in
_FROM_PATHS = (
    "len(__file__)",
    "len(Path(__file__).parent.name)",
    "len(Path(__file__).resolve().parent.name) + 1",
    "len(str(Path(__file__).parent))",
    "len(str(Path(__file__).parent / 'w.csv'))",
    "len(Path(__file__).parent.as_posix())",
    "len(os.path.dirname(os.path.abspath(__file__)))",
    "len(os.path.basename(os.path.dirname(__file__)))",
    "len(os.path.split(os.path.dirname(__file__))[1])",
    "len(os.path.abspath('w.csv'))",
    "len(os.path.basename(__file__))",
    "len(Path(__file__).name)",
    "len(Path(__file__).stem)",
    "len(os.path.splitext(__file__)[1])",
    "len(os.path.splitext(os.path.basename(__file__))[0])",
    "len(os.path.join('data', 'w.csv'))",
    "len(os.path.dirname('data/w.csv'))",
    "len(os.path.split('data/w.csv')[0])",
    "np.loadtxt(os.path.join(os.path.dirname(__file__), 'w.csv'), delimiter=',').shape[0]",
    "np.loadtxt(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'w.csv'), delimiter=',').shape[1]",
    "np.loadtxt(str(Path(__file__).parent / 'w.csv'), delimiter=',').shape[1]",
    "np.loadtxt(Path(__file__).resolve().parent / 'w.csv', delimiter=',').shape[0]",
    "np.loadtxt(path.join(path.dirname(__file__), 'w.csv'), delimiter=',').shape[0]",
)


def _run_in(folder: Path, source: str) -> list[int] | str:
    """``python main.py`` in ``folder`` (as a grader runs it): y's shape, or the error."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.py").write_text(source + "print(json.dumps(list(np.shape(y))))\n")
    (folder / "w.csv").write_text("1,2,3\n4,5,6\n")
    done = subprocess.run(
        [sys.executable, "main.py"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    if done.returncode:
        return done.stderr.strip().splitlines()[-1]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("size", _FROM_PATHS)
def test_a_size_taken_from_the_file_s_path(tmp_path: Path, size: str) -> None:
    """A grader runs a copy of the file in a folder of its own: what depends on the folder's
    name is not known, what the folder holds is, and text written out is."""
    source = (
        "import json, os\nfrom os import path\nfrom pathlib import Path\nimport numpy as np\n"
        f"y = np.zeros({size})\n"
    )
    here = _run_in(tmp_path / "sub", source)
    there = _run_in(tmp_path / "graders-copy-of-sub", source)
    program = analyse([(None, source)], file=str(tmp_path / "sub" / "main.py"))
    assert [p for p in program.problems if p.certain] == []
    binding = program.binding("y")
    assert binding is not None
    if here != there:  # the folder's name matters: not known
        assert binding.status == "unknown", (size, binding)
    else:
        assert isinstance(here, list)
        assert binding.status == "known", (size, binding)
        assert list(binding.shape) == here


# --- x[idx()] += 1: the target's parts are computed once --------------------------------------

#: targets of an augmented assignment whose parts call a function that counts its calls
_ONCE_TARGETS = (
    ("x = np.zeros(3)\n", "x[idx()] += 1"),
    ("x = np.zeros((2, 3))\n", "x[idx(), idx()] -= 2.0"),
    ("x = np.zeros((2, 3))\n", "x[idx()] *= np.ones(3)"),
    ("x = np.zeros((2, 3))\n", "x[idx()] += np.ones(2)"),
    ("x = np.zeros(3)\n", "x[idx() + 5] += 1"),
    ("d = {0: 1}\n", "d[idx()] += 1"),
    ("d = {0: [1]}\n", "d[idx()] += [2, 3]"),
    ("L = [[1], [2]]\n", "L[idx()] += [4]"),
    ("L = [1, 2]\n", "L[idx()] += 1"),
    ("class O:\n    n = 0\no = O()\ndef get():\n    calls.append(2)\n    return o\n", "get().n += 1"),
    ("class O:\n    n = np.zeros(2)\no = O()\ndef get():\n    calls.append(2)\n    return o\n",
     "get().n += np.ones(2)"),
    ("xs = [np.zeros(2), np.zeros(2)]\n", "xs[idx()][idx()] += 1"),
    ("x = np.zeros(3)\n", "x[(k := idx())] += 1\ncalls.append(k)"),
)  # fmt: skip


@pytest.mark.parametrize(("made", "target"), _ONCE_TARGETS)
def test_an_augmented_target_s_parts_are_computed_once(made: str, target: str) -> None:
    """hostile30 CR32: ``x[idx()] += 1`` calls ``idx()`` once, for reading and writing."""
    source = (
        "import numpy as np\ncalls = []\ndef idx():\n    calls.append(1)\n    return 0\n"
        f"{made}{target}\ny = np.zeros(len(calls))\n"
    )
    assert _agrees(source) or "+ 5" in target or "ones(2)" in target
    _exactly(source)


# --- iterators read by `in` and by unpacking ---------------------------------------------------

_ITERATORS = (
    "iter([1, 2, 3, 4])",
    "zip([1, 2, 3, 4], [5, 6, 7, 8])",
    "map(abs, [1, 2, 3, 4])",
    "(v for v in [1, 2, 3, 4])",
    "enumerate([1, 2, 3, 4])",
    "reversed([1, 2, 3, 4])",
    "[1, 2, 3, 4]",
)
_READS = (
    "found = 2 in it",
    "found = 9 not in it",
    "found = (2, 6) in it",
    "a, *rest = it",
    "*rest, b = it",
    "a, b, c, d = it",
    "a, b = it",
    "found = 1 < 2 in it",
)


@pytest.mark.parametrize("made", _ITERATORS)
@pytest.mark.parametrize("read", _READS)
def test_what_is_left_of_an_iterator_after_in_or_unpacking(made: str, read: str) -> None:
    """hostile30 CR30c: ``2 in it`` reads ``it`` up to the 2, and unpacking reads it through;
    a list is left as it is."""
    source = f"import numpy as np\nit = {made}\n{read}\ny = np.zeros(len(list(it)) + 1)\n"
    decided = _agrees(source)
    _exactly(source)
    if " in " not in read or made.startswith("["):
        assert decided or "a, b = it" in read, source


# --- the file's code run by code shapekit does not follow ------------------------------------

_COUNTER = (
    "L = []\nclass R:\n    def __init__(self):\n        self.n = 0\n"
    "    def close(self):\n        L.append(1)\n    def __call__(self, *a):\n"
    "        self.n += 1\n        L.append(2)\n        return True\n"
    "    def __enter__(self):\n        return self\n    def __exit__(self, *e):\n"
    "        L.append(3)\n"
)
_RUN_UNSEEN = (
    "with contextlib.closing(R()):\n    pass\nk = len(L)",
    "r = R()\nwith contextlib.closing(r) as c:\n    pass\nk = len(L)",
    "r = R()\nout = list(map(r, [1, 2]))\nk = r.n",
    "r = R()\nout = list(map(r, [1, 2]))\nk = len(L)",
    "r = R()\nout = list(filter(r, [1, 2, 3]))\nk = r.n",
    "r = R()\nout = sorted([3, 1], key=r)\nk = r.n",
    "r = R()\nout = max([3, 1], key=r)\nk = len(L)",
    "r = R()\nk = r.n",
    "with contextlib.ExitStack() as s:\n    s.enter_context(R())\nk = len(L)",
    "r = R()\nk = len(L) + r.n",
)


@pytest.mark.parametrize("use", _RUN_UNSEEN)
def test_methods_run_by_code_not_followed(use: str) -> None:
    """hostile30 CR38, CR33c: ``contextlib.closing(r)`` calls ``r.close()``, ``map(r, …)``
    and ``sorted(key=r)`` call ``r.__call__``: what they change is not known after."""
    source = f"import contextlib\nimport numpy as np\n{_COUNTER}{use}\ny = np.zeros(k + 1)\n"
    decided = _agrees(source)
    _exactly(source)
    if use == "r = R()\nk = r.n":
        assert decided


_ASYNC = (
    "async def main():\n    await asyncio.gather(w())\nasyncio.run(main())",
    "async def main():\n    t = asyncio.create_task(w())\n    await t\nasyncio.run(main())",
    "async def main():\n    await w()\nasyncio.run(main())",
    "async def main():\n    await asyncio.wait_for(w(), 1)\nasyncio.run(main())",
    "asyncio.run(w())",
    "async def main():\n    pass\nasyncio.run(main())",
    "c = w()\nc.close()",
)


@pytest.mark.parametrize("run", _ASYNC)
def test_coroutines_run_by_asyncio(run: str) -> None:
    """hostile30 CR39: ``asyncio.gather(w())``, ``create_task(w())`` run ``w``'s body."""
    source = (
        "import asyncio\nimport numpy as np\nL = []\nasync def w():\n    L.append(1)\n"
        f"{run}\ny = np.zeros(len(L) + 1)\n"
    )
    _agrees(source)
    _exactly(source)


@pytest.mark.parametrize(
    "call",
    (
        "np.add.__call__(np.full(3, 2.0), 3.0, x)",
        "np.multiply.__call__(x + 1, 5.0, out=x)",
        "f = np.add.__call__\nf(np.ones(3), 4.0, x)",
        "np.add(*(np.full(3, 2.0), 3.0, x))",
        "np.add(np.ones(3), 4.0, **{'out': x})",
    ),
)
def test_a_ufunc_called_through_its_call_method_writes_its_out(call: str) -> None:
    """hostile30 CR07b: ``np.add.__call__(a, b, x)`` writes x as ``np.add(a, b, x)`` does.
    Through ``*`` and ``**`` the values written are not followed: the assert on them is a
    possible problem there (an assert only running decides, twenty-sixth pass), not none."""
    source = f"import numpy as np\nx = np.zeros(3)\n{call}\nassert x[0] == 5\ny = x\n"
    _agrees(source)
    _exactly(source, judged="*" not in call)


# --- the line Python names for an assert or an unpacking written over several lines ---------

_MULTILINE = (
    "assert (\n    a.shape == (4,)\n), 'bad'",
    "assert a.shape == \\\n    (4,), 'bad'",
    "assert (a.shape ==\n    (4,)), 'bad'",
    "assert a.shape == (4,), (\n    'bad'\n)",
    "assert (\n    a.ndim == 1 and\n    a.shape == (4,)\n)",
    "assert (\n    a.shape == (4,) or\n    a.ndim == 2\n)",
    "assert \\\n    a.shape == (4,)",
    "assert all([\n    a.shape == (4,)])",
    "assert not (\n    a.shape == (3,))",
    "assert (\n    a.shape[0]\n    == 4\n)",
    "assert (\n    a.shape\n) == (4,)",
    "assert np.allclose(\n    a,\n    np.ones(3))",
    "(p,\n q) = a",
    "p, \\\n q = a",
    "[p,\n q] = a",
    "p, q = (\n    a)",
    "p, q = \\\n    a",
    "(p, q,\n) = \\\n    a",
    "(p,\n *q, r, s, t) = a",
    "for (p,\n     q) in [a]:\n    pass",
    "(p,\n q) = 3",
)


@pytest.mark.parametrize("statement", _MULTILINE)
def test_the_line_of_a_statement_written_over_several_lines(statement: str) -> None:
    """hostile30 LINE01/02: the AssertionError is raised at the line of the condition's
    last test, an unpacking fails at the line its target starts on, as CPython says."""
    source = f"import numpy as np\na = np.zeros(3)\n{statement}\ny = a\n"
    assert _agrees(source) or "allclose" in statement or "all([" in statement
    _exactly(source)


# --- values known up to rounding: what no rounding changes is decided ------------------------

_ROUGH = (
    "p = np.array([[0.5, -1.0], [0.25, 2.0]]) @ np.array([[0.9, 0.5], [-0.1, 0.8]])",
    "p = np.dot([[0.5, -1.0], [0.25, 2.0]], np.array([[0.9, 0.5], [-0.1, 0.8]]).T)",
    "z = np.array([[1., 2., 3.], [1., 1., 1.]])\ne = np.exp(z - z.max(axis=1, keepdims=True))\n"
    "p = e / e.sum(axis=1, keepdims=True)",
    "z = np.array([[1., 2., 3.], [1., 1., 1.]])\ne = np.exp(z - z.max(axis=1, keepdims=True))\n"
    "p = e / e.sum(axis=0, keepdims=True)",
    "z = np.array([[0.1, 0.2], [0.3, 0.4]])\np = np.log(np.exp(z)) * 3",
    "p = np.sqrt(np.array([[0.1, 0.2], [0.3, 0.4]])) - 0.5",
    "p = np.tanh(np.array([[0.1, -0.2], [0.3, 0.4]]) * 10)",
    "p = np.array([[0.1, 0.2], [0.3, 0.4]]).mean(axis=0, keepdims=True) + np.zeros((2, 2))",
    "p = np.maximum(0, np.array([[0.1, -0.2], [0.3, -0.4]]) @ np.array([[0.7, 0.1], [0.3, 0.3]]))",
    "p = np.array([[0.1, 0.2], [0.3, 0.4]]) * 1e-9",
    "p = np.array([[0.1, 0.2], [0.3, 0.4]]) / 3 * 3",
    "p = np.full((2, 2), 0.1) + np.full((2, 2), 0.2)",
    "p = np.exp(np.array([[1.0, 2.0], [2.0, 1.0]]))",
    "p = np.array([[1e-5, 0.0], [0.0, 0.0]]) + np.exp(np.zeros((2, 2))) - 1",
)
_ROUGH_ASKED = (
    "assert np.allclose(p.sum(axis=1), 1.0)",
    "assert np.allclose(p, p.T)",
    "assert np.allclose(p, np.array([[0.55, -0.75], [0.025, 1.725]]))",
    "assert np.isclose(p, 0.3).any()",
    "assert not np.allclose(p, 0)",
    "assert np.allclose(p, 0, atol=1e-8)",
    "assert (p > 0).all()",
    "assert (p >= -1).all() and (p <= 1).all()",
    "assert list(p.argmax(axis=1)) == [1, 1]",
    "assert list(np.argmax(p, axis=0)) == [0, 1]",
    "assert p.max() < 2",
    "assert p.sum() > 0.9999",
    "assert p.mean() != 0.25",
    "y = np.zeros(3)[p.argmax(axis=1)]",
)


@pytest.mark.parametrize("made", _ROUGH)
@pytest.mark.parametrize("asked", _ROUGH_ASKED)
def test_what_no_rounding_changes(made: str, asked: str) -> None:
    """fresh33 WP01, WP01b, WP01c: asserts on floats that ``np.exp``, a product of matrices
    or a sum gives (their last digits vary with the machine and the order of the sums) are
    decided when the bounds of rounding cannot change the answer, and only then."""
    source = f"import numpy as np\n{made}\n{asked}\ny = p\n"
    decided = _never_wrong(source)
    _exactly(source, judged=False)
    if (made, asked) in _SURELY:
        assert decided, source


#: what must be decided (the bounds leave no doubt)
_SURELY = {
    (_ROUGH[3], _ROUGH_ASKED[0]),  # softmax over the wrong axis: rows do not sum to 1
    (_ROUGH[2], _ROUGH_ASKED[0]),  # over the right one
    (_ROUGH[0], _ROUGH_ASKED[2]),
    (_ROUGH[1], _ROUGH_ASKED[2]),  # (the product with the transpose: not those numbers)
    (_ROUGH[12], _ROUGH_ASKED[10]),
    (_ROUGH[12], _ROUGH_ASKED[13]),
    (_ROUGH[8], _ROUGH_ASKED[6]),
}


def _never_wrong(source: str) -> bool:
    """What the analysis says of ``source`` is never wrong, though it may leave the value of
    an assert open: a certain problem only where running raises, at its line; none where it
    runs through. Whether it decided."""
    program = analyse([(None, source)])
    certain = [p.line for p in program.problems if p.certain and p.past is None]
    namespace: dict[str, object] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        line = [f.lineno for f in frames if f.filename == "<test>"][-1]
        assert not certain or certain[0] == line, source
        return bool(certain)
    assert certain == [], source
    return True


def _rough_programs(seed: int) -> list[str]:
    """Programs on floats whose last digits rounding decides: asserts at, just off and far
    from the numbers running gives (written out by running the same steps here)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    m, k, n = (int(v) for v in rng.integers(1, 4, size=3))
    a = np.round(rng.normal(size=(m, k)), int(rng.integers(1, 3)))
    b = np.round(rng.normal(size=(k, n)), int(rng.integers(1, 3)))
    steps = (
        ("a @ b", a @ b),
        ("np.exp(a @ b)", np.exp(a @ b)),
        (
            "np.exp(a) / np.exp(a).sum(axis=1, keepdims=True)",
            np.exp(a) / np.exp(a).sum(axis=1, keepdims=True),
        ),
        ("np.maximum(0, a @ b) - 0.1", np.maximum(0, a @ b) - 0.1),
        ("np.tanh(a).mean(axis=0)", np.tanh(a).mean(axis=0)),
        ("np.log(np.abs(a) + 0.5) * 0.3", np.log(np.abs(a) + 0.5) * 0.3),
        ("np.sqrt(np.abs(b)).T @ a.T", np.sqrt(np.abs(b)).T @ a.T),
    )
    out = []
    for text, value in steps:
        top = float(value.max())
        for delta in (0.0, 1e-15, 1e-12, 1e-7, 1e-3):
            for sign in (1, -1):
                edge = top + sign * delta * max(abs(top), 1)
                out.extend(
                    (
                        f"p = {text}\nassert p.max() <= {edge!r}",
                        f"p = {text}\nassert (p < {edge!r}).any()",
                        f"p = {text}\nassert np.allclose(p.max(), {edge!r})",
                        f"p = {text}\nassert np.isclose(p, {edge!r}, rtol=0, atol=1e-9).any()",
                    )
                )
        out.append(f"p = {text}\nassert list(p.ravel().argsort()[-1:]) == [{int(value.argmax())}]")
        out.append(f"p = {text}\ny = np.zeros(9)[p.ravel().argmax()]")
    header = f"a = np.array({a.tolist()!r})\nb = np.array({b.tolist()!r})\n"
    return [f"import numpy as np\n{header}{body}\n" for body in out]


@pytest.mark.parametrize("seed", range(12))
def test_asserts_at_the_edge_of_rounding_are_never_decided_wrong(seed: int) -> None:
    """Bounds of rounding, tried at the very numbers running gives and a hair off them: a
    verdict is never the wrong one (most there are left open)."""
    for source in _rough_programs(seed):
        _never_wrong(source)


@pytest.mark.parametrize("p", ("(2, 2)", "(2,)", "(3, 2, 2)", "(1, 2)", "(4,)"))
@pytest.mark.parametrize("q", ("(4,)", "(2, 2)", "(2,)", "(3, 2, 2)", "(2, 1)"))
@pytest.mark.parametrize(
    "call",
    (
        "np.clip(p, 1e-7, 1 - 1e-7, out=q)",
        "p.clip(0, 1, out=q)",
        "np.clip(p, np.zeros(2), 1, out=q)",
        "np.clip(p, 0, 1, q)",
    ),
)
def test_np_clip_into_out_of_another_shape(p: str, q: str, call: str) -> None:
    """fresh32 WP01: ``np.clip(p, lo, hi, out=q)`` refuses a ``q`` its result does not
    broadcast into, as a ufunc's ``out=``."""
    source = f"import numpy as np\np = np.zeros({p})\nq = np.empty({q})\n{call}\ny = q\n"
    decided = _agrees(source)
    _exactly(source)
    if "out=" in call and "zeros(2)" not in call:
        assert decided, source


@pytest.mark.parametrize(
    "x",
    (
        "[0.2, 6.4, 3.0, 11.6]",
        "[0.2, 6.4, 3.0, 9.9]",
        "[-1.0, 0.0, 4.0]",
        "[[0.5, 2.5], [10.0, 1.0]]",
    ),
)
@pytest.mark.parametrize(
    "made",
    (
        "idx = np.digitize(x, bins)",
        "idx = np.digitize(x, bins, right=True)",
        "idx = np.digitize(x, bins) - 1",
        "idx = np.searchsorted(bins, x)",
        "idx = np.searchsorted(bins, x, side='right')",
    ),
)
def test_places_np_digitize_gives_used_as_an_index(x: str, made: str) -> None:
    """fresh32 WP02: ``np.digitize`` of known values gives known places, so an index past
    the end (``np.eye(5)[idx]``) is NumPy's IndexError at its line."""
    source = (
        f"import numpy as np\nx = np.array({x})\nbins = np.array([0.0, 1.0, 2.5, 4.0, 10.0])\n"
        f"{made}\ny = np.eye(5)[idx]\n"
    )
    decided = _agrees(source)
    _exactly(source)
    assert decided or "side=" in made, source


def _at_the_edge(made: str, expr: str, narrow: object, wide: object) -> str | None:
    """A program asserting ``expr`` against the number half way between its value as it is
    computed (``narrow``) and in float64 (``wide``), on the side running takes; None when
    the two are equal."""
    import numpy as np

    real, float64 = float(np.ravel(narrow)[0]), float(np.ravel(wide)[0])  # type: ignore[call-overload]
    if real == float64:
        return None
    edge = (real + float64) / 2
    sign = ">" if real > edge else "<"
    return f"import numpy as np\np = {made}\nassert np.all({expr} {sign} {edge!r})\ny = p\n"


def _narrow_programs() -> list[str]:
    """Asserts on a number whose float64 value and whose value in the array's own narrow
    dtype lie on either side of the bound asked (half way between them)."""
    import numpy as np

    out = []
    for dtype, values in (
        ("float32", (0.1, 0.7, 1.3)),
        ("float16", (0.1, 0.7, 1.3)),
        ("int8", (2, 3, 5)),
        ("uint8", (2, 3, 5)),
        ("int16", (2, 3, 5)),
    ):
        for expr in ("np.sqrt(p)", "np.exp(p)", "np.tanh(p / 9)", "np.log(p)", "np.exp(p) @ p"):
            for value in values:
                made = f"np.full(3, {value!r}, dtype=np.{dtype})"
                narrow = eval(expr, {"np": np, "p": eval(made, {"np": np})})
                wide = eval(expr, {"np": np, "p": np.full(3, float(value))})
                out.append(_at_the_edge(made, expr, narrow, wide) or "")
    for expr in (  # float64 numbers, computed in float32 as asked
        "np.multiply(np.exp(p), 3.3, dtype=np.float32)",
        "np.add(np.exp(p), 0.1, dtype=np.float32)",
        "np.exp(p) * np.float32(3.3)",
        "np.matmul(np.exp(p), p, dtype=np.float32)",
        "np.sum(np.exp(p), dtype=np.float32)",
        "np.exp(p).sum(dtype=np.float32)",
        "np.exp(p).mean(dtype=np.float32)",
        "np.maximum(np.exp(p), 0, dtype=np.float32)",
        "np.exp(p).astype(np.float32) * 1.1",
        "np.exp(p, dtype=np.float32)",
        "np.sqrt(p, dtype=np.float32)",
    ):
        for value in (0.1, 0.7, 1.3):
            narrow = eval(expr, {"np": np, "p": np.full(3, value)})
            plain = (
                expr.replace(", dtype=np.float32", "")
                .replace("np.float32(3.3)", "3.3")
                .replace(".astype(np.float32)", "")
            )
            wide = eval(plain, {"np": np, "p": np.full(3, value)})
            out.append(_at_the_edge(f"np.full(3, {value!r})", expr, narrow, wide) or "")
    return [program for program in out if program]


@pytest.mark.parametrize("source", _narrow_programs())
def test_narrow_dtypes_are_not_known_up_to_float64_rounding(source: str) -> None:
    """float32 rounds some 10**9 times coarser than float64, and np.sqrt of int8 gives
    float16: their values are not bounded as float64's are (each assert holds in the
    array's own dtype, and would not in float64)."""
    _never_wrong(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "made",
    (
        "np.add(np.full(3, 0.1), 0.2, dtype=np.float32)",
        "np.multiply(np.full(3, 0.1), 3, dtype=np.float32)",
        "np.subtract(np.full(3, 0.3), 0.1, dtype=np.float32)",
        "np.divide(np.full(3, 1.0), 3, dtype=np.float32)",
        "np.add(np.full(3, 0.1), 0.2)",
    ),
)
@pytest.mark.parametrize("asked", ("!=", "=="))
def test_a_ufunc_computed_in_the_dtype_it_is_given(made: str, asked: str) -> None:
    """``np.add(a, b, dtype=np.float32)`` computes in float32: its numbers are not those of
    float64."""
    wide = made.replace(", dtype=np.float32", "")
    source = f"import numpy as np\nq = {made}\nassert (q {asked} {wide}).all()\ny = q\n"
    _never_wrong(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "pair",
    (
        "np.zeros(2), np.ones(2)",
        "np.zeros(2), np.zeros(2)",
        "np.arange(3) * 0.5, [0, 0.5, 1.0]",
        "np.arange(3) * 0.1, [0, 0.1, 0.2]",
        "np.arange(3) * 0.1, [0, 0.1, 0.2000001]",
        "np.arange(3) * 0.1, [0, 0.1, 0.21]",
        "np.exp(np.zeros(2)), np.ones(2)",
        "np.exp(np.ones(2)), np.full(2, 2.718281828)",
        "np.exp(np.ones(2)), np.full(2, 2.7182818284590)",
        "np.array([[0.5, -1.0], [0.25, 2.0]]) @ np.array([[0.9, 0.5], [-0.1, 0.8]]), "
        "[[0.55, -0.55], [0.025, 1.725]]",
        "np.array([[0.5, -1.0], [0.25, 2.0]]) @ np.array([[0.9, 0.5], [-0.1, 0.8]]), "
        "[[0.55, -0.55], [0.0251, 1.725]]",
        "np.sqrt(np.full(3, 2.0)) ** 2, np.full(3, 2.0)",
        "np.zeros(2), 0",
        "np.zeros((2, 2)), np.zeros(2)",
    ),
)
@pytest.mark.parametrize(
    ("check", "options"),
    (
        ("assert_array_equal", ""),
        ("assert_allclose", ""),
        ("assert_allclose", ", rtol=1e-3"),
        ("assert_allclose", ", atol=1e-6"),
        ("assert_array_almost_equal", ""),
        ("assert_array_almost_equal", ", decimal=3"),
        ("assert_almost_equal", ""),
        ("assert_almost_equal", ", decimal=3"),
        ("assert_equal", ""),
    ),
)
def test_np_testing_asserts_on_known_values(pair: str, check: str, options: str) -> None:
    """hostile30 WP13: ``np.testing.assert_array_equal(np.zeros(2), np.ones(2))`` and the
    others raise their AssertionError on values known before running (NumPy is asked), and
    ``assert_allclose`` on values known up to rounding when no rounding changes it."""
    source = f"import numpy as np\nnp.testing.{check}({pair}{options})\ny = np.zeros(2)\n"
    decided = _never_wrong(source)
    _exactly(source, judged=False)
    if "exp" not in pair and "@" not in pair and "sqrt" not in pair:
        assert decided, source


@pytest.mark.parametrize(
    "value",
    (
        "np.arange(3).sum()", "np.int64(3)", "np.argmax(np.ones(2))", "np.ones(3)[0]",
        "np.arange(3)[1]", "np.array(3)", "np.array(2.5)", "np.bool_(True)", "np.ones(2)[0] > 0",
        "np.ones(3).sum()", "np.float64(2.5)", "int(np.arange(3).sum())", "np.arange(3).sum().item()",
        "len(np.ones(3))", "np.ones((2, 3)).shape[0]", "np.ones(3).size", "float(np.ones(3)[0])",
        "[np.arange(3).max()]", "{'n': np.arange(3).max()}", "{'n': np.ones(3).mean()}",
        "(np.arange(3) > 1).sum()", "np.count_nonzero(np.ones(3))", "np.arange(3).max().tolist()",
        "round(np.ones(3).mean())",
    ),
)  # fmt: skip
def test_json_of_numpy_numbers(value: str) -> None:
    """hostile30 WP12: json writes np.float64 (a Python float) but refuses NumPy's integers,
    bools and arrays of 0 dimensions (a TypeError)."""
    source = f"import json\nimport numpy as np\ns = json.dumps({value})\ny = np.zeros(2)\n"
    decided = _agrees(source)
    _exactly(source)
    assert decided, source


@pytest.mark.parametrize(
    "klass",
    (
        "class C:\n    __slots__ = ('w',)\n",
        "class C:\n    __slots__ = ['w', 'b']\n",
        "class C:\n    __slots__ = 'w'\n",
        "class C:\n    __slots__ = ('w', '__dict__')\n",
        "class B:\n    __slots__ = ('b',)\nclass C(B):\n    __slots__ = ('w',)\n",
        "class B:\n    pass\nclass C(B):\n    __slots__ = ('w',)\n",
        "class B:\n    __slots__ = ('b',)\nclass C(B):\n    pass\n",
        "class C:\n    __slots__ = ('w',)\n    b = 0\n",
        "class C:\n    __slots__ = ('w',)\n    @property\n    def b(self):\n        return 1\n"
        "    @b.setter\n    def b(self, v):\n        self.w = v\n",
        "class C:\n    w = None\n",
    ),
)
@pytest.mark.parametrize("sets", ("self.b = np.zeros(2)", "self.w = np.zeros(2)"))
def test_attributes_a_class_with_slots_refuses(klass: str, sets: str) -> None:
    """hostile30 WP07: a class whose ``__slots__`` (and its bases') do not list an
    attribute refuses it: Python's AttributeError at the line that sets it."""
    source = (
        f"import numpy as np\n{klass}"
        f"    def __init__(self):\n        self.w = np.ones(3)\n        {sets}\n"
        "c = C()\ny = c.w\n"
    )
    decided = _agrees(source)
    _exactly(source)
    assert decided, source


@pytest.mark.parametrize(
    "matrix",
    (
        "np.ones((2, 2))", "np.zeros((2, 2))", "np.eye(3)", "np.eye(2) * 2.5",
        "np.array([[2.0, 1.0], [1.0, 2.0]])", "np.array([[1.0, 2.0], [2.0, 1.0]])",
        "np.array([[4.0, 2.0], [2.0, 1.0]])", "np.diag([1.0, -1e-3])", "np.array([[0.0, 1.0], [1.0, 0.0]])",
        "np.arange(4.0).reshape(2, 2)",
    ),
)  # fmt: skip
@pytest.mark.parametrize(
    "call",
    ("np.linalg.matrix_power(m, -1)", "np.linalg.matrix_power(m, -2)",
     "np.linalg.matrix_power(m, 2)", "np.linalg.cholesky(m)", "np.linalg.inv(m)"),
)  # fmt: skip
def test_linalg_errors_of_known_matrices(matrix: str, call: str) -> None:
    """hostile30 WP05: ``matrix_power(a, -1)`` inverts a (singular: LinAlgError), and
    ``cholesky`` of a symmetric matrix that is certainly not positive definite fails."""
    source = f"import numpy as np\nm = {matrix}\ny = {call}\n"
    decided = _never_wrong(source)
    _exactly(source, judged=False)
    borderline = ("ones", "4.0, 2.0", "arange")  # (singular but not below zero; not symmetric)
    if "cholesky" not in call or not any(b in matrix for b in borderline):
        assert decided, source


# --- files the program writes, then reads back --------------------------------------------

_SAVES = (
    ("np.save('w.npy', W)", "A = np.load('w.npy')"),
    ("np.save('w', W)", "A = np.load('w.npy')"),
    ("np.save('w.npy', W.T)", "A = np.load('w.npy')"),
    ("np.save('w.npy', [[1, 2, 3, 4]] * 3)", "A = np.load('w.npy')"),
    ("np.savetxt('w.csv', W, delimiter=',')", "A = np.loadtxt('w.csv', delimiter=',')"),
    ("np.savetxt('w.csv', W)", "A = np.loadtxt('w.csv')"),
    ("np.savetxt('w.csv', W[:1])", "A = np.loadtxt('w.csv')"),
    ("np.savetxt('w.csv', W[:, :1])", "A = np.loadtxt('w.csv')"),
    ("np.savetxt('w.csv', W[:1], delimiter=',')", "A = np.loadtxt('w.csv', delimiter=',', ndmin=2)"),
    ("np.savetxt('w.csv', W, delimiter=',', header='a,b,c,d')", "A = np.loadtxt('w.csv', delimiter=',')"),
    ("np.savetxt('w.csv', W, delimiter=',', header='a,b,c,d', comments='')",
     "A = np.loadtxt('w.csv', delimiter=',')"),
    ("np.savetxt('w.csv', W, delimiter=',', header='a,b,c,d', comments='')",
     "A = np.loadtxt('w.csv', delimiter=',', skiprows=1)"),
    ("np.savetxt('w.csv', W, delimiter=';')", "A = np.loadtxt('w.csv', delimiter=',')"),
    ("np.savetxt('w.csv', W, fmt='%d', delimiter=',')", "A = np.genfromtxt('w.csv', delimiter=',')"),
    ("with open('p.json', 'w') as f:\n    json.dump({'w': W.tolist()}, f)",
     "with open('p.json') as f:\n    A = np.array(json.load(f)['w'])"),
    ("with open('p.json', 'w') as f:\n    json.dump({'w': [[1.0] * 4] * 3, 'b': [0.0] * 3}, f)",
     "with open('p.json') as f:\n    d = json.load(f)\nA = np.array(d['w'])"),
    ("with open('p.json', 'w') as f:\n    json.dump([[1, 2, 3, 4]] * 3, f, indent=2)",
     "A = np.array(json.load(open('p.json')))"),
    ("f = open('p.json', 'w')\njson.dump([[1, 2, 3, 4]] * 3, f)\nf.close()",
     "A = np.array(json.load(open('p.json')))"),
    ("with open('p.json', 'w') as f:\n    json.dump([[1, 2, 3, 4]] * 3, f)\n    f.write('x')",
     "A = np.array(json.load(open('p.json')))"),
    ("np.save('w.npy', W)\nnp.save('w.npy', W[:2])", "A = np.load('w.npy')"),
    ("if W.sum() > 100:\n    np.save('w.npy', W)", "A = np.load('w.npy')"),
    ("for i in range(2):\n    np.save('w.npy', W[: i + 1])", "A = np.load('w.npy')"),
)  # fmt: skip


@pytest.mark.parametrize(("save", "load"), _SAVES)
@pytest.mark.parametrize(
    "use", ("y = A @ np.ones((4, 2))", "y = A @ np.ones((3, 2))", "y = np.zeros(A.shape)")
)
def test_a_file_the_program_saves_and_reads_back(
    tmp_path: Path, save: str, load: str, use: str
) -> None:
    """fresh32 UNK01, fresh33's WPu, fresh31's 36 unknowns: ``np.save`` then ``np.load``
    (and savetxt/loadtxt, json.dump/json.load) reads what was saved, when one call that runs
    for certain writes that file."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = f"import json\nimport numpy as np\nW = np.ones((3, 4))\n{save}\n{load}\n{use}\n"
    decided = _module_agrees(tmp_path, {"main.py": main})
    plain = not any(k in save for k in ("f.write", "W[:2]", "if ", "for ", "f.close()"))
    if plain and "ndmin" not in load and ";" not in save and "header" not in save:
        assert decided, main


@pytest.mark.parametrize(
    "made", ("np.ones((3, 4))", "np.arange(6).reshape(2, 3)", "np.array(2.5)", "np.arange(3) > 1",
             "np.eye(2)[0]", "np.zeros((2, 0))"),
)  # fmt: skip
@pytest.mark.parametrize(
    "use",
    ("y = np.zeros(len(L))", "L.append(1)\ny = np.zeros(len(L))", "y = np.array(L) @ np.ones(3)",
     "y = np.zeros(int(L[0][0]) + 2) if isinstance(L, list) else 0",
     "y = np.zeros(3) if L == W.tolist() else np.zeros(2) @ np.zeros(3)",
     "L2 = W.tolist()\nL2.append(0)\ny = np.zeros(len(W.tolist()))"),
)  # fmt: skip
def test_tolist_of_known_values(made: str, use: str) -> None:
    """``W.tolist()`` of values known is Python's lists of those numbers, a new list each
    time."""
    source = f"import numpy as np\nW = {made}\nL = W.tolist()\n{use}\n"
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "value",
    ("{'W': W.tolist()}", "W.tolist()", "[1, 2.5, None, True, 'a']", "{'a': {'b': [1, 2]}}",
     "{1: 2}", "(1, 2)", "[W.tolist(), W.tolist()]"),
)  # fmt: skip
@pytest.mark.parametrize(
    "use",
    ("y = np.array(json.loads(s)['W']) @ np.ones(3)", "y = np.array(json.loads(s)) @ np.ones(4)",
     "y = np.zeros(len(s))", "y = np.zeros(len(json.loads(s)))"),
)  # fmt: skip
def test_json_text_of_known_values(value: str, use: str) -> None:
    """fresh32 UNK04: ``json.dumps`` of values known is their text, and ``json.loads`` of
    it gives them back (keys made text, tuples made lists)."""
    source = f"import json\nimport numpy as np\nW = np.arange(12.0).reshape(3, 4)\ns = json.dumps({value})\n{use}\n"
    decided = _agrees(source)
    _exactly(source, judged=False)
    indexed = "['W']" in use
    if (
        "len(" in use
        or (indexed and value.startswith("{'W'"))
        or not (indexed or value.startswith("{"))
    ):  # (a list indexed by text, an array of a dict: Python's errors not followed here)
        assert decided, source


@pytest.mark.parametrize(
    "program",
    (
        "def save(w):\n    np.save('w.npy', w)\nsave(W)\nfor i in range(3):\n    save(W[:2])\n"
        "A = np.load('w.npy')",
        "def save(w):\n    np.save('w.npy', w)\nsave(W)\nif W.sum() > 0:\n    save(W[:2])\n"
        "A = np.load('w.npy')",
        "def save(w):\n    np.save('w.npy', w)\nsave(W)\nsave(W[:2])\nA = np.load('w.npy')",
        "def save(w):\n    with open('p.json', 'w') as f:\n        json.dump(w.tolist(), f)\n"
        "save(W)\nfor i in range(2):\n    save(W[:2])\nA = np.array(json.load(open('p.json')))",
        "with open('p.json', 'w') as f:\n    json.dump(W.tolist(), f)\n"
        "with open('p.json', 'a') as f:\n    json.dump(W.tolist(), f)\n"
        "A = np.array(json.load(open('p.json')))",
        "with open('p.json', 'a') as f:\n    json.dump(W.tolist(), f)\n"
        "A = np.array(json.load(open('p.json')))",
    ),
)
def test_a_file_written_again_where_it_is_not_followed(tmp_path: Path, program: str) -> None:
    """What a call wrote is forgotten when the call runs again in a loop or a branch, or
    when the file is appended to."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = f"import json\nimport numpy as np\nW = np.ones((3, 4))\n{program}\ny = A @ np.ones((4, 2))\n"
    _module_agrees(tmp_path, {"main.py": main})


@pytest.mark.parametrize(
    "picked",
    ("p[range(len(p)), t]", "p[range(2), t]", "p[np.arange(2), t]", "p[[0, 1], [1, 1]]",
     "p[:, [2, 0]]", "p[[[0], [1]], [0, 2]]", "p[0, [1, 2]]", "p[[1, 0]][:, 0]", "p[t]",
     "np.clip(p[0], 1e-7, 1 - 1e-7)", "np.clip(p, 1e-7, None)[range(2), t]",
     "np.sum(p * np.eye(3)[t], axis=1)"),
)  # fmt: skip
@pytest.mark.parametrize(
    "asked",
    ("assert np.isfinite(loss).all(), 'loss is inf'", "assert not np.isinf(loss).any()",
     "assert np.isnan(loss).sum() == 0", "assert loss.max() < 10",
     "assert (loss >= 0).all()", "y = np.zeros(3)[int(np.isinf(loss).sum())]"),
)  # fmt: skip
def test_the_loss_of_a_confidence_of_zero(picked: str, asked: str) -> None:
    """fresh33 WP04: ``-np.log`` of a confidence picked out as exactly 0.0 is infinite (on
    any machine), so an assert that the loss is finite fails for certain; the confidences
    picked by index arrays of known values are known."""
    source = (
        "import numpy as np\np = np.array([[1.0, 0.0, 0.0], [0.2, 0.5, 0.3]])\n"
        f"t = np.array([1, 1])\nc = {picked}\nloss = -np.log(c)\n{asked}\ny = loss\n"
    )
    decided = _never_wrong(source)
    _exactly(source, judged=False)
    if "eye" not in picked:
        assert decided, source


@pytest.mark.parametrize(
    "reads",
    ("g = ((z := v) for v in data)\nnext(g)",
     "first = next(v for v in data if (z := v) > 2)",
     "found = 5 in ((z := v) for v in data)",
     "for w in ((z := v) for v in data):\n    if w == 5:\n        break",
     "pairs = list(zip([1, 2], ((z := v) for v in data)))",
     "total = sum((z := v) for v in data)",
     "rows = list((z := v) for v in data)",
     "ok = any((z := v) > 4 for v in data)",
     "import itertools\nt = list(itertools.takewhile(lambda v: v < 3, ((z := v) for v in data)))"),
)  # fmt: skip
def test_a_walrus_in_a_generator_binds_what_is_read(reads: str) -> None:
    """hostile31 CR41: ``(z := v) for v in data`` binds ``z`` only for the items read: a
    generator read in part leaves it at the last item read, not the source's last."""
    source = f"import numpy as np\ndata = [2, 5, 9]\nz = 0\n{reads}\ny = np.zeros(z)\n"
    _agrees(source)
    _exactly(source, judged=False)


def _nested(depth: int, indent: str) -> str:
    lines = [f"{indent * d}for i{d} in range(1):" for d in range(depth)]
    return "\n".join([*lines, f"{indent * depth}pass"]) + "\n"


@pytest.mark.parametrize(
    "code",
    (
        "from __future__ import braces\n",
        "from __future__ import nonsense\n",
        "from __future__ import annotations\n",
        "from __future__ import annotations, generator_stop\n",
        _nested(21, " "),
        _nested(21, "  "),
        _nested(21, "\t"),
        _nested(20, "    "),
        _nested(20, "\t"),
        "x = f(1,\n" + " " * 30 + "2) if False else 0\n",
    ),
)
def test_what_only_the_compiler_refuses(tmp_path: Path, code: str) -> None:
    """hostile31 WP16: ``from __future__ import braces`` and blocks nested more than 20 deep
    are SyntaxErrors of Python's compiler, which the parser takes: the file never runs."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    source = f"{code}import numpy as np\ny = np.zeros(2)\n"
    path = tmp_path / "main.py"
    path.write_text(source)
    try:
        compile(source, "main.py", "exec", dont_inherit=True)
        refused = False
    except SyntaxError:
        refused = True
    result = check_file(str(path), Expectations.parse(["y=2"]))
    assert (result.status == "failed") is refused, result
    assert all(v.status == ("error" if refused else "ok") for v in result.variables), result


@pytest.mark.parametrize("n", (29, 30, 31, 40))
@pytest.mark.parametrize(
    "use",
    ("y = X[idx]", "y = X[idx, 0]", "y = X[idx][:, 1:]", "y = X[:, idx]", "idx[0] = 0\ny = X[idx]",
     "y = X[idx[:30]]", "y = X[np.sort(idx)]", "y = X[idx - 1]"),
)  # fmt: skip
@pytest.mark.parametrize("maker", ("rng.permutation({n})", "np.random.permutation({n})"))
def test_a_permutation_used_as_an_index(n: int, use: str, maker: str) -> None:
    """fresh34 WP02: ``rng.permutation(31)`` holds every index 0 … 30, whatever the draw, so
    it indexes no axis of 30 (an off-by-one in a shuffle)."""
    source = (
        "import numpy as np\nrng = np.random.default_rng(0)\nX = np.ones((30, 3))\n"
        f"idx = {maker.format(n=n)}\n{use}\n"
    )
    decided = _never_wrong(source)
    _exactly(source, judged=False)
    if use in ("y = X[idx]", "y = X[idx, 0]") and n > 30:
        assert decided, source


@pytest.mark.parametrize(
    "pattern",
    ('{"units": units}', "{'units': int(units)}", "int(units)", "units", "[units, *_]",
     "{'units': units, **rest}", "int() as units"),
)  # fmt: skip
@pytest.mark.parametrize(
    "specs",
    ('[{"units": 5}, {"units": 2}]', "[5, 2]", "[[5, 0], [2, 1]]", '[{"other": 1}]'),
)
def test_a_case_that_may_run_in_a_loop_changes_lists(pattern: str, specs: str) -> None:
    """fresh34 CR01: a ``case`` whose match shapekit cannot tell may run: the list its body
    appends to is not known after (it was left empty, a wrong shape)."""
    source = (
        f"import numpy as np\nshapes = []\nfor spec in {specs}:\n    match spec:\n"
        f"        case {pattern}:\n            shapes.append(units)\ny = np.ones(len(shapes))\n"
    )
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "test",
    ("(out := np.ones(2) + bias) != 0", "np.ones(2) > 0", "bias", "out.any() and bias",
     "out.any() or bias", "len(out) == 2 and out > 0", "bias if False else 0", "(bias > 9).any()"),
)  # fmt: skip
@pytest.mark.parametrize("kind", ("if", "while"))
def test_a_condition_that_fails_stops_the_file(test: str, kind: str) -> None:
    """fresh34 LINE01: ``if (out := …) != 0:`` of an array fails there: the file stops at
    that line, and a later failure is only a possible one."""
    body = "    print(out)\n" + ("    break\n" if kind == "while" else "")
    source = (
        "import numpy as np\nbias = np.array([2.0, 3.0])\nout = np.zeros(2)\n"
        f"{kind} {test}:\n{body}y = out * np.ones(3)\n"
    )
    decided = _agrees(source)
    _exactly(source)
    assert decided, source
    try:
        exec(compile(source, "<test>", "exec", dont_inherit=True), {})
    except ValueError as error:
        if traceback.extract_tb(error.__traceback__)[-1].lineno == 4:  # it stops there
            later = [p for p in analyse([(None, source)]).problems if p.line > 4]
            assert all(p.past is not None for p in later), later


@pytest.mark.parametrize(
    "loop",
    ("for idx in np.ndindex(W.shape):\n    numeric[idx] = 1.0",
     "for i, j in np.ndindex(W.shape):\n    numeric[i, j] = W[i, j]",
     "for idx in np.ndindex(*W.shape):\n    numeric[idx] += 1",
     "for idx in np.ndindex(W.T.shape):\n    numeric[idx] = 2.0",
     "count = 0\nfor idx in np.ndindex(2, 3, 0):\n    count += 1\nassert count == 0",
     "it = np.ndindex(2, 2)\nfirst = next(it)\nrest = list(it)\nassert len(rest) == 3",
     "places = list(np.ndindex((3,)))\nassert places[-1] == (2,)"),
)  # fmt: skip
@pytest.mark.parametrize("made", ("np.zeros_like(W.T)", "np.zeros_like(W)"))
def test_a_loop_over_np_ndindex(loop: str, made: str) -> None:
    """fresh34 LINE02: a loop over ``np.ndindex(W.shape)`` is followed index by index, so an
    index past a transposed array's end is NumPy's IndexError in the loop."""
    source = f"import numpy as np\nW = np.ones((3, 2))\nnumeric = {made}\n{loop}\ny = W - numeric\n"
    decided = _agrees(source)
    _exactly(source)
    assert decided, source


@pytest.mark.parametrize(
    "ids", ("[1, 4, 1, 0]", "[1, 4, 1, 6]", "[-1, -6]", "[-7]", "([0, 1], [2, 2])", "([0, 1], [2, 3])",
            "slice(None)", "([0, 5],)")
)  # fmt: skip
@pytest.mark.parametrize(
    "values", ("np.ones((4, 3))", "np.ones((3, 4))", "np.ones(3)", "2.5", "np.ones((4, 1))", "np.ones(2)")
)  # fmt: skip
@pytest.mark.parametrize("ufunc", ("add", "subtract", "maximum"))
def test_np_ufunc_at(ids: str, values: str, ufunc: str) -> None:
    """fresh34 WP04: ``np.add.at(E, ids, d)`` selects ``E[ids]`` (an index past the end is
    NumPy's IndexError) and ``d`` must broadcast into it (NumPy's ValueError)."""
    source = f"import numpy as np\nE = np.zeros((6, 3))\nnp.{ufunc}.at(E, {ids}, {values})\ny = E\n"
    if "slice" in ids:  # (a slice made by slice(): not followed)
        _never_wrong(source)
        return
    decided = _agrees(source)
    _exactly(source)
    assert decided, source


@pytest.mark.parametrize(
    "made",
    ("np.zeros(3, dtype=np.uint8)", "np.ones(3, dtype=np.int8)", "np.zeros(3, np.int16)",
     "np.array([1, 2, 3], dtype=np.uint8)", "np.arange(3, dtype=np.int8)",
     "np.zeros_like(np.ones(3), dtype=np.uint8)", "np.ones(3).astype(np.uint8)",
     "np.ones(3).astype('int8')", "np.full(3, 5, dtype=np.int32)", "np.zeros(3, dtype=int)",
     "np.zeros(3)", "np.zeros(3, dtype=np.uint64)"),
)  # fmt: skip
@pytest.mark.parametrize(
    "use",
    ("y = a + 300", "y = a - 1", "y = a + (-1)", "y = a * -1 + 255", "y = a / 300", "y = a // 300",
     "y = a > 300", "y = a == -1", "y = np.maximum(a, 300)", "y = 300 + a", "y = a + True",
     "y = a + 1.5", "y = a * 255", "a += 200\ny = a", "a[0] = 300\ny = a", "a[0] = -1\ny = a",
     "a[:] = 127\ny = a", "y = np.full(3, 300, dtype=a.dtype)", "y = a % 70000",
     "y = a + 2 ** 40", "y = np.add(a, 128)"),
)  # fmt: skip
def test_a_python_integer_outside_an_array_s_integers(made: str, use: str) -> None:
    """fresh33 WP05, fresh32 WP05, fresh34 WP07/WP08: NumPy 2 refuses a Python integer that
    does not fit the array of small integers it meets (NEP 50's OverflowError), in
    arithmetic (not ``/``, not comparisons) and written into it; in range, or with floats
    and booleans, it runs."""
    source = f"import numpy as np\na = {made}\n{use}\n"
    if "uint64" in made or "a.dtype" in use:  # (widths not followed there)
        _never_wrong(source)
        return
    decided = _agrees(source)
    _exactly(source, judged=False)
    if any(t in made for t in ("int8", "int16", "int32", "'int8'")):
        assert decided, source


@pytest.mark.parametrize(
    "made", ("np.full(3, 300, dtype=np.int8)", "np.full(3, -1, dtype=np.uint8)",
             "np.full(3, 255, dtype=np.uint8)", "np.full_like(np.ones(3), 200, dtype=np.int8)",
             "np.full((2, 2), 70000, np.int16)"),
)  # fmt: skip
def test_np_full_of_a_python_integer_outside_its_dtype(made: str) -> None:
    """fresh34 WP08b: ``np.full(3, 300, dtype=np.int8)`` is NumPy 2's OverflowError."""
    source = f"import numpy as np\ny = {made}\n"
    assert _agrees(source)
    _exactly(source)


# --- review23's findings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "asked",
    ("y = np.zeros(int(np.allclose(e, np.exp(np.array([1.0, 0.0])), rtol=1e-9, atol=0)) + 1)",
     "y = np.zeros(int((e > np.array([2.7185, 0.5]))[0]) + 1)",
     "y = np.zeros(int(np.isclose(np.sqrt(x + 0.0), 1.0).all()) + 1)"),
)  # fmt: skip
def test_ufuncs_of_booleans_are_not_float64(asked: str) -> None:
    """review23 F1: ``np.exp`` of booleans computes in float16: not bounded as float64."""
    source = f"import numpy as np\nx = np.array([True, False])\ne = np.exp(x)\n{asked}\n"
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "after",
    ('d["n"] = 5', 'd["a"].append(3)', "d.clear()", "def bump(c):\n    c['n'] = 7\nbump(d)", ""),
)
def test_json_read_back_is_what_was_dumped(tmp_path: Path, after: str) -> None:
    """review23 F2: ``json.dump(d, f)`` writes ``d`` as it is then; changed after, the file
    still holds the old text."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = (
        'import json\nimport numpy as np\nd = {"n": 3, "a": [1, 2]}\n'
        "with open('p.json', 'w') as f:\n    json.dump(d, f)\n"
        f"{after}\nwith open('p.json') as f:\n    e = json.load(f)\n"
        "y = np.zeros((e['n'], len(e['a'])))\n"
    )
    assert _module_agrees(tmp_path, {"main.py": main}), main


@pytest.mark.parametrize(
    "klass",
    ('class C:\n    __slots__ = ("__x",)\n', 'class C:\n    __slots__ = ("a",)\n    __slots__ += ("n",)\n',
     'class C:\n    __slots__ = ("a",)\n    del __slots__\n',
     'class C:\n    __slots__ = names = ("a", "n", "_C__x")\n',
     'class C:\n    if True:\n        __slots__ = ("a", "n", "_C__x")\n    else:\n        __slots__ = ("a",)\n'),
)  # fmt: skip
def test_slots_python_would_take(klass: str) -> None:
    """review23 F4/F5: a private slot is mangled (``_C__x``), and ``__slots__`` bound more
    than once (``+=``, ``del``, in an ``if``) is not followed."""
    source = f"import numpy as np\n{klass}c = C()\nc._C__x = 3\nc.n = 2\ny = np.zeros(3)\n"
    _never_wrong(source)
    _exactly(source, judged=False)


def test_a_save_run_again_by_code_not_followed(tmp_path: Path) -> None:
    """review23 F7: the same ``np.save`` run again by a thread forgets what was saved."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = (
        "import threading\nimport numpy as np\ndef run(n):\n    np.save('w.npy', np.zeros(n))\n"
        "    if n == 3:\n        t = threading.Thread(target=run, args=(5,))\n        t.start()\n"
        "        t.join()\n    return np.load('w.npy')\ny = run(3)\n"
    )
    _module_agrees(tmp_path, {"main.py": main})


@pytest.mark.parametrize(
    "value",
    ("np.average([1, 2, 3], weights=[0, 0, 1])", "np.average([1, 3], weights=[3, 1]) * 2",
     "np.average([[1, 5], [3, 7]], axis=0, weights=[1, 0])[1]",
     "np.average([1, 2], weights=[0.7, 0.3]) * 10", "np.average([1, 2, 3])",
     "np.average([1, 2, 3], None, [1, 1, 4])"),
)  # fmt: skip
def test_a_weighted_average(value: str) -> None:
    """hostile31 CR48: ``np.average(a, weights=w)`` is not ``a``'s mean."""
    source = f"import numpy as np\nn = int({value})\ny = np.zeros(n)\nassert y.shape == (2,)\n"
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "loop",
    ("n = 0\nk = 2\nwhile n < 5000:\n    n += 1\n    if n == 4999:\n        k = 7",
     "n = 0\nk = 1\nwhile n < 3000:\n    n += 1\n    if n % 1000 == 0:\n        k += 1",
     "n = 0\nk = 2\nrows = []\nwhile n < 2000:\n    n += 1\n    if n > 1500:\n        rows.append(n)\nk = len(rows) % 5 + 1",
     "n = 0\nk = 3\nwhile n < 5000:\n    n += 1\nk = k + 1",
     "n = 0\nk = 2\nW = np.ones((2, 2))\nwhile n < 5000:\n    n += 1\n    W = W * 0.5\nk = W.shape[0]"),
)  # fmt: skip
def test_a_while_loop_longer_than_followed(loop: str) -> None:
    """hostile31 CR46: a ``while`` loop past the steps shapekit follows goes on changing what
    its steps changed: what it sets under an ``if`` is not the value before the loop."""
    source = f"import numpy as np\n{loop}\ny = np.zeros(k)\n"
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "other",
    ("np.zeros(5).dump(file='w.npy')", "np.ndarray.dump(np.zeros(5), 'w.npy')",
     "import pathlib\npathlib.Path('v.npy').unlink(missing_ok=True)\nnp.save('v.npy', np.zeros(5))\n"
     "pathlib.Path('w.npy').unlink()\npathlib.Path('w.npy').symlink_to('v.npy')",
     "import pathlib\nnp.save('v.npy', np.zeros(5))\npathlib.Path('w.npy').unlink()\n"
     "pathlib.Path('w.npy').hardlink_to('v.npy')"),
)  # fmt: skip
def test_a_saved_file_rewritten_where_the_scan_does_not_place_it(
    tmp_path: Path, other: str
) -> None:
    """review23 F9: a file saved, then replaced by ``arr.dump(file=…)`` or made a link to
    another: reading it back is not followed."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = f"import numpy as np\nnp.save('w.npy', np.zeros(3))\n{other}\ny = np.load('w.npy', allow_pickle=True)\n"
    _module_agrees(tmp_path, {"main.py": main})


@pytest.mark.parametrize(
    ("effect", "size"),
    (("global k\n    k = 6", "k"), ("L.append(0)\n    L.append(0)", "len(L) + 1"),
     ("s.k = 6", "s.k"), ('d["k"] = 6', 'd["k"]'), ("pass", "k")),
)  # fmt: skip
def test_effects_of_calls_nested_deeper_than_followed(effect: str, size: str) -> None:
    """hostile31 CR47: a call nested deeper than shapekit follows may change the globals,
    lists and objects that it, or the functions it calls, reach."""
    chain = "".join(f"def f{i}():\n    f{i + 1}()\n" for i in range(1, 9))
    source = (
        "import numpy as np\nk = 2\nL = []\nclass S:\n    k = 2\ns = S()\n"
        f'd = {{"k": 2}}\ndef f9():\n    {effect}\n{chain}f1()\ny = np.zeros({size})\n'
    )
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    ("before", "star"),
    (("e = 3", "from numpy import *"), ("pi = 4", "from numpy import *"),
     ("inf = 3", "from numpy import *"), ("newaxis = 3", "from numpy import *"),
     ("euler_gamma = 3", "from numpy import *"), ("pi = 4", "from math import *"),
     ("e = 5", "from math import *"), ("norm = 3", "from numpy.linalg import *"),
     ("k = 3", "from numpy import *"), ("sum = 3", "from numpy import *")),
)  # fmt: skip
def test_a_star_import_rebinds_the_file_s_names(before: str, star: str) -> None:
    """hostile31 CR42: ``e = 3; from numpy import *`` makes ``e`` NumPy's."""
    name = before.split()[0]
    size = "1" if name in ("newaxis", "norm", "sum") else f"int({name}) % 4 + 1"
    source = f"import numpy as np\n{before}\n{star}\ny = np.zeros({size})\nz = {name}\n"
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "reads",
    ("next(g())", "g()", "list(g())", "it = g()\nnext(it)\nnext(it)", "for v in g():\n    break",
     "total = sum(g())"),
)  # fmt: skip
def test_a_global_rebound_by_a_generator_as_it_is_read(reads: str) -> None:
    """hostile31 CR45: a generator's body runs only as its items are read: a global it
    rebinds holds what the steps read so far made."""
    source = (
        "import numpy as np\nn = 5\ndef g():\n    global n\n    for v in [1, 2, 3]:\n"
        f"        n = v\n        yield v\n{reads}\ny = np.zeros(n)\n"
    )
    _agrees(source)
    _exactly(source, judged=False)


@pytest.mark.parametrize(
    "made",
    ("[L.append(v) for v in rows]", "[L.append(v) for v in rows if v > 0]",
     "{v: L.append(v) for v in rows}", "list(L.append(v) for v in rows)",
     "[L.extend([v, v]) for v in rows]", "[v for v in rows]"),
)  # fmt: skip
def test_a_comprehension_over_items_not_known_changes_lists(tmp_path: Path, made: str) -> None:
    """A comprehension whose items are not known (rows read from a file) still runs its
    body for each: the list it appends to is not known to stay empty."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = (
        "import numpy as np\nrows = sorted(set(np.random.randint(1, 9, 5).tolist()))\nL = []\n"
        f"{made}\ny = np.zeros(len(L) + 1)\n"
    )
    _module_agrees(tmp_path, {"main.py": main, "r.csv": "1\n2\n3\n"})


def test_a_timeit_line_that_changes_a_list(tmp_path: Path) -> None:
    """hostile31 CR44: ``%timeit L.append(0)`` runs its statement many times: the list is not
    known to stay empty."""
    from tests.engine.test_twentyfirst_pass import checked_notebook

    cells = ["import numpy as np\nL = []", "%timeit -n 2 -r 1 L.append(0)",
             "out = np.array(L)\nassert out.shape == (2,)"]  # fmt: skip
    summary, shown = checked_notebook(tmp_path, cells, "out=2")
    assert summary["failed"] == 0, shown  # (it runs: out has 2 items)


_CSV = "a,b\n1.5,2\n3,4\n5,6\n"


@pytest.mark.parametrize(
    "body",
    ("    reader = csv.reader(f)\n    next(reader)\n    rows = [[float(v) for v in row] for row in reader]",
     "    reader = csv.reader(f)\n    rows = [[float(v) for v in row] for row in reader]",
     "    rows = [list(map(float, r)) for r in list(csv.reader(f))[1:]]",
     "    f.readline()\n    rows = [[float(v) for v in row] for row in csv.reader(f)]",
     "    rows = [[float(v) for v in row[:1]] for row in csv.reader(f, delimiter=';')][1:]",
     "    rows = []\n    for i, row in enumerate(csv.reader(f)):\n        if i:\n            rows.append([float(v) for v in row])"),
)  # fmt: skip
@pytest.mark.parametrize(
    "use",
    (
        "y = np.array(rows)",
        "y = np.array(rows) @ np.ones((2, 3))",
        "y = np.array(rows) @ np.ones(3)",
    ),
)
def test_rows_csv_reader_reads(tmp_path: Path, body: str, use: str) -> None:
    """fresh34 UNK02: ``csv.reader`` of a data file beside the submission gives its rows,
    each a list of texts, as Python's csv module reads them."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = f"import csv\nimport numpy as np\nwith open('d.csv', newline='') as f:\n{body}\n{use}\n"
    decided = _module_agrees(tmp_path, {"main.py": main, "d.csv": _CSV})
    if "next(reader)" in body or "[1:]]" in body or "if i:" in body:  # (the header skipped)
        assert decided, main


@pytest.mark.parametrize("name", ("config.json", "sub/config.json", "", "."))
def test_path_with_name(tmp_path: Path, name: str) -> None:
    """fresh34 UNK01: ``Path(__file__).with_name("config.json")`` names the file beside it."""
    from tests.engine.test_twentieth_pass import _module_agrees

    main = (
        "import json\nfrom pathlib import Path\nimport numpy as np\n"
        f"cfg = json.loads(Path(__file__).with_name({name!r}).read_text())\n"
        "y = np.ones((4, cfg['layers'][0]))\n"
    )
    files = {"main.py": main, "config.json": '{"layers": [3, 2]}', "sub/config.json": "{}"}
    decided = _module_agrees(tmp_path, files)
    assert decided or name != "config.json"


@pytest.mark.parametrize(
    "made",
    ("it = iter(a)", "it = map(lambda v: v, a)", "it = enumerate(a)", "it = zip(a, [7, 8, 9])",
     "it = (v for v in a)", "it = iter(a)\nnext(it)", "it = filter(None, a)"),
)  # fmt: skip
@pytest.mark.parametrize("start", ("[1, 2]", "[]"))
@pytest.mark.parametrize("change", ("a.append(3)", "b.append(3)", "a.extend([4, 5])", "a += [6]"))
def test_an_iterator_made_before_its_list_grows(made: str, start: str, change: str) -> None:
    """hostile31 CR49: ``iter(a)`` reads ``a`` as it goes: items appended before it is read
    are read too (a change to another list changes nothing of it)."""
    source = (
        f"import numpy as np\na = {start}\nb = [1]\n{made}\n{change}\ny = np.zeros(len(list(it)))\n"
    )
    decided = _agrees(source)
    _exactly(source, judged=False)
    if change.startswith("b") and "(v for" not in made and "filter" not in made:
        assert decided, source


@pytest.mark.parametrize(
    "call",
    ("np.add(a, 1.5, dtype=np.int32)", "np.add(a, 1, dtype=np.int32)",
     "np.add(a, 1.5, dtype=np.float32)", "np.multiply(np.ones(3), 2, dtype=int)",
     "np.add(np.ones(3), 2, dtype=np.int64)", "np.add(a, True, dtype=np.int8)",
     "np.maximum(np.ones(3), 0, dtype=int)", "np.add(a, 2, dtype=float)",
     "np.add(a, np.float32(1.5), dtype=np.int32)", "np.subtract(a, a, dtype='int16')",
     "np.add(a, 1.5, dtype=np.int32, casting='unsafe')", "np.add(a, 0.5 * 2, dtype=int)"),
)  # fmt: skip
def test_a_ufunc_asked_to_compute_floats_in_integers(call: str) -> None:
    """fresh34 WP09: ``np.add(x, 1.5, dtype=np.int32)`` is NumPy's UFuncTypeError (inputs
    are cast by ``same_kind``, which refuses floats to integers)."""
    source = f"import numpy as np\na = np.zeros(3, dtype=np.int32)\ny = {call}\n"
    decided = _agrees(source)
    _exactly(source, judged=False)
    if "float32(1.5)" not in call:
        assert decided, source


@pytest.mark.parametrize(
    "use",
    ("with np.load('m.npz') as data:\n    W1 = data['W1']\ny = W1 @ np.ones((6, 2))",
     "with np.load('m.npz') as data:\n    W1 = data['W1']\ny = W1 @ np.ones((3, 2))",
     "with np.load('m.npz') as data:\n    names = list(data.keys())\ny = np.zeros(len(names))",
     "with np.load('m.npz') as data:\n    W2 = data['W2']\ny = W2"),
)  # fmt: skip
def test_an_npz_opened_by_with(tmp_path: Path, use: str) -> None:
    """fresh34 UNK03: ``with np.load("m.npz") as data`` binds the NpzFile itself."""
    import numpy as np

    from tests.engine.test_twentieth_pass import _module_agrees

    np.savez(tmp_path / "m.npz", W1=np.ones((3, 6)))
    main = f"import numpy as np\n{use}\n"
    decided = _module_agrees(tmp_path, {"main.py": main})
    assert decided or "keys" in use, main
