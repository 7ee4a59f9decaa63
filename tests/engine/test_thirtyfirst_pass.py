"""Thirty-first pass: each rule decided by running the program (the oracles of the earlier
passes: :func:`tests.engine.test_fifteenth_pass._agrees`, which runs it in this process and
says whether the outcome was decided, and
:func:`tests.engine.test_twentyeighth_pass._reported_where_it_raises`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentyeighth_pass import _reported_where_it_raises


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path) -> object:
    """Programs that write files write them in a folder of their own."""
    before = os.getcwd()
    os.chdir(tmp_path)
    yield
    os.chdir(before)


# --- a slice held in a name: part = slice(0, 100), then X[part] --------------------------------

_SLICES = [
    "slice(0, 3)", "slice(3)", "slice(1, None)", "slice(None, None, -1)", "slice(0, 5, 2)",
    "slice(2, 100)", "slice(-2, None)", "slice(None)", "slice(1, 4, 0)", "slice(0, 1.5)",
    "slice(n)", "slice(n, 2 * n)", "slice(None, n // 2)",
]  # fmt: skip
_READS = ["X[part]", "X[part, 0]", "X[:, part]", "X[part].T @ np.ones((5, 2))", "xs[part]",
          "X[(part, 1)]", "X[part.start:part.stop]", "X[part][:, part]"]  # fmt: skip


@pytest.mark.parametrize("read", _READS)
@pytest.mark.parametrize("held", _SLICES)
def test_a_slice_held_in_a_name(held: str, read: str) -> None:
    """The slice is followed as if written in the brackets: the shape read, and the
    TypeError/ValueError running raises where it raises (a float bound, a step of 0)."""
    source = (
        "import numpy as np\nn = 2\nX = np.zeros((5, 4))\nxs = [1, 2, 3, 4, 5]\n"
        f"part = {held}\ny = np.array({read})\n"
    )
    if ".start" in read and held in ("slice(3)", "slice(None)", "slice(None, n // 2)"):
        assert _agrees(source)  # X[None:3]: None is no index of an axis, a new one
    elif held == "slice(0, 1.5)" and ".start" in read:  # a float bound is not kept
        _reported_where_it_raises(source, unknown_allowed=True)
    elif held in ("slice(1, 4, 0)", "slice(0, 1.5)") or "@" in read:
        _reported_where_it_raises(source)
    else:
        assert _agrees(source)


@pytest.mark.parametrize(
    "value", ["np.stack([r, r], axis=0)", "np.stack([r, r], axis=1)", "r", "r[:, None]", "0"]
)
def test_an_assignment_into_a_slice_held_in_a_name(value: str) -> None:
    source = (
        "import numpy as np\nX = np.zeros((300, 2))\nr = np.linspace(0, 1, 100)\n"
        f"part = slice(0, 100)\nX[part] = {value}\ny = X\n"
    )
    assert _agrees(source)


# --- .item() gives the Python number a known array of one element holds ------------------------


@pytest.mark.parametrize(
    "made",
    ["x.max().item() + 1", "x.max().item()", "x.argmin().item()", "x[0].item() - 1",
     "np.array([2.0]).item()", "x.sum().item()", "(x > 1).sum().item()"],
)  # fmt: skip
def test_the_value_of_item(made: str) -> None:
    source = f"import numpy as np\nx = np.arange(3)\ni = {made}\ny = x[i]\n"
    assert _agrees(source)


# --- what an array of floats or whole numbers cannot hold ---------------------------------------


@pytest.mark.parametrize("dtype", ["float", "int", "np.float32", "np.uint8", "bool"])
@pytest.mark.parametrize(
    "store",
    ["a[0] = 1j", "a[0] = None", "a[1:] = [1j, 2]", "a[1:] = [None, 2]", "a[:] = 2j",
     "a[1:] = (1.5, None)", "a[0] = 2", "a[1:] = [1, 2]", "a[:] = np.array([1j, 2, 3])",
     "a[2] = -1j"],
)  # fmt: skip
def test_a_number_an_array_cannot_hold(store: str, dtype: str) -> None:
    """A complex number into floats or whole numbers, None into whole numbers: Python's
    TypeError where it is stored (None among floats is NaN; an array of complex numbers is
    cast, with a warning)."""
    _reported_where_it_raises(
        f"import numpy as np\na = np.zeros(3, dtype={dtype})\n{store}\ny = a\n"
    )


# --- in-place bit operators: NumPy's TypeError of floats, else the same array ------------------


@pytest.mark.parametrize("dtype", ["float", "int", "bool", "np.uint8"])
@pytest.mark.parametrize(
    "update",
    ["a &= 1", "a |= np.ones(3, dtype=int)", "a ^= a", "a <<= 1", "a >>= 2", "a &= 1.5",
     "a |= np.ones((2, 3), dtype=int)", "a &= np.ones(1, dtype=bool)", "a ^= True",
     "a |= np.ones(3)"],
)  # fmt: skip
def test_an_in_place_bit_operator(update: str, dtype: str) -> None:
    """Decided either way: the shape kept, or NumPy's error where it raises (a float among
    the operands, a result of a kind the array does not take in place, another shape)."""
    assert _agrees(f"import numpy as np\na = np.zeros(3, dtype={dtype})\n{update}\ny = a\n")


# --- NumPy 2's other names of the functions shapekit follows ------------------------------------


@pytest.mark.parametrize(
    "call",
    ["np.pow(x, 2)", "np.acos(x / 4)", "np.asin(x / 4)", "np.atan(x)", "np.acosh(x + 1)",
     "np.pow(x, np.ones((2, 1)))", "np.pow(x, np.ones(4))"],
)  # fmt: skip
def test_another_name_of_a_numpy_function(call: str) -> None:
    assert _agrees(f"import numpy as np\nx = np.arange(3.0)\ny = {call}\n")


@pytest.mark.parametrize(
    "call",
    ["np.linspace(start=0, stop=1, num=7)", "np.linspace(0, stop=2, num=5)",
     "np.linspace(start=0, stop=1, num=4, endpoint=False)", "np.linspace(stop=1, start=0)",
     "np.linspace(start=0, stop=1, num=4, retstep=True)[0]", "np.linspace(0, 1, 6)"],
)  # fmt: skip
def test_linspace_with_its_bounds_by_name(call: str) -> None:
    assert _agrees(f"import numpy as np\ny = {call}\n")


# --- a list indexed by a NumPy number -----------------------------------------------------------


@pytest.mark.parametrize(
    "index",
    ["np.mean([0, 2])", "np.argmax(a)", "np.float64(1)", "np.round(a[1])", "a.sum() // 3",
     "np.int64(2)", "a[1]", "np.floor(1.5)", "len(xs) // 2", "np.sqrt(4)", "int(np.sqrt(4))",
     "a.max() - 1", "np.median(a).astype(int)", "np.array(1.0)", "np.array(1)"],
)  # fmt: skip
@pytest.mark.parametrize("base", ["xs", "tuple(xs)"])
def test_a_list_indexed_by_a_numpy_number(index: str, base: str) -> None:
    source = (
        f"import numpy as np\nxs = [10, 20, 30]\na = np.arange(3)\ni = {index}\n"
        f"y = np.array({base}[i])\n"
    )
    _reported_where_it_raises(source)


# --- np.copyto of a complex number written out -------------------------------------------------


@pytest.mark.parametrize("dtype", ["float", "int", "complex", "np.float32"])
@pytest.mark.parametrize("src", ["1j", "-2j", "1.5", "2", "[1j, 2, 3]", "(1, 2j, 3)", "True"])
def test_copyto_of_a_complex_number(src: str, dtype: str) -> None:
    _reported_where_it_raises(
        f"import numpy as np\na = np.zeros(3, dtype={dtype})\nnp.copyto(a, {src})\ny = a\n"
    )


# --- np.pad: a mode it does not have, a keyword its mode does not take --------------------------


@pytest.mark.parametrize(
    "call",
    ['np.pad(x, 1, mod="edge")', 'np.pad(x, 1, mode="egde")', 'np.pad(x, 1, mode="edge")',
     "np.pad(x, 1, constant_values=2)", 'np.pad(x, 1, "constant", constant_values=2)',
     'np.pad(x, 1, mode="edge", constant_values=0)', 'np.pad(x, (1, 2), mode="reflect")',
     'np.pad(x, 1, mode="mean", stat_length=2)', 'np.pad(x, 1, mode="wrap", stat_length=2)',
     "np.pad(x, 1, value=0)", 'np.pad(x, 1, "linear_ramp", end_values=(1, 2))',
     'np.pad(x, 1, mode="symmetric", reflect_type="odd")', 'np.pad(x, 2, mode="Edge")'],
)  # fmt: skip
def test_pad_modes_and_their_keywords(call: str) -> None:
    _reported_where_it_raises(f"import numpy as np\nx = np.arange(4.0)\ny = {call}\n")


# --- a ufunc's out given by place ---------------------------------------------------------------


@pytest.mark.parametrize("out", ["np.empty((2, 3), dtype=int)", "np.empty((2, 3))",
                                 "np.empty((2, 3), dtype=bool)", "np.empty((2, 3), dtype=np.float32)",
                                 "np.broadcast_to(np.zeros(3), (2, 3))"])  # fmt: skip
@pytest.mark.parametrize(
    "call", ["np.add(a, 1, out)", "np.multiply(a, a, out)", "np.exp(a, out)", "np.add(k, k, out)",
             "np.sqrt(k, out)", "np.negative(a, out)", "np.maximum(a, 0, out)", "np.add(a, 1, out=out)"]
)  # fmt: skip
def test_a_ufunc_given_out_by_place(call: str, out: str) -> None:
    _reported_where_it_raises(
        f"import numpy as np\na = np.ones((2, 3))\nk = np.ones((2, 3), dtype=int)\nout = {out}\n"
        f"{call}\ny = out\n"
    )


# --- np.arange with a dtype that cannot hold its bounds ------------------------------------------


@pytest.mark.parametrize(
    "call",
    ["np.arange(-1, 2, dtype=np.uint8)", "np.arange(0, 300, dtype=np.uint8)",
     "np.arange(0, 300, 100, dtype=np.uint8)", "np.arange(3, dtype=np.uint8)",
     "np.arange(0.5, 3, dtype=int)", "np.arange(-3, 0, dtype=np.int8)",
     "np.arange(250, 260, dtype=np.uint8)", "np.arange(0, 1, 0.25, dtype=np.float32)",
     "np.arange(5, dtype=bool)", "np.arange(2, dtype=bool)", "np.arange(-129, 0, dtype=np.int8)"],
)  # fmt: skip
def test_arange_with_a_dtype(call: str) -> None:
    _reported_where_it_raises(f"import numpy as np\ny = {call}\n")


# --- np.average of weights that sum to zero ----------------------------------------------------


@pytest.mark.parametrize(
    "call",
    ["np.average(a, weights=np.zeros(3))", "np.average(a, weights=[1, -1, 0])",
     "np.average(a, weights=[1, 2, 3])", "np.average(m, axis=1, weights=[1, -1, 0])",
     "np.average(m, axis=0, weights=[0, 1])", "np.average(m, axis=0, weights=[1, -1])",
     "np.average(m, weights=np.zeros((2, 3)))", "np.average(m, axis=1, weights=np.eye(2, 3))",
     "np.average(m, axis=1, weights=np.eye(3)[0])", "np.average(a, weights=[1e-300, 0, 0])"],
)  # fmt: skip
def test_average_of_weights_that_sum_to_zero(call: str) -> None:
    _reported_where_it_raises(
        f"import numpy as np\na = np.arange(3.0)\nm = np.ones((2, 3))\ny = {call}\n"
    )


# --- an __exit__ that exits with a status first thing -------------------------------------------

_EXIT_BODIES = ["sys.exit(1)", "sys.exit(0)", "sys.exit('shapes are wrong')", "print('bye')\n        sys.exit(2)",
                "sys.exit(256)", "if exc_type:\n            sys.exit(1)", "exit(3)", "pass\n        sys.exit(1)",
                "return None", "os._exit(1)"]  # fmt: skip
_WITH_BODIES = ["print(y)", "y @ y.T", "raise ValueError('no')", "sys.exit(0)", "pass"]


@pytest.mark.parametrize("inner", _WITH_BODIES)
@pytest.mark.parametrize("exit_body", _EXIT_BODIES)
@pytest.mark.parametrize("around", [False, True])
def test_an_exit_that_exits(
    exit_body: str, inner: str, around: bool, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """``with Guard(): …`` of an ``__exit__`` that calls ``sys.exit`` (or ``os._exit``, which
    no handler catches): the verdict is what running the file says."""
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    if exit_body.startswith("if exc_type") and inner == _WITH_BODIES[3]:
        request.applymarker(
            pytest.mark.xfail(
                not around,
                reason="an exit only when the body fails, around a body that certainly fails: "
                "the file fails both ways (the exit's status 1, or the error raised again), "
                "and an if whose every branch fails is not taken for a certain failure (a "
                "wrong file passed)",
                strict=True,
            )
        )

    with_block = f"with Guard():\n    {inner}\n"
    if around:
        with_block = (
            "try:\n"
            + "".join(f"    {line}\n" for line in with_block.splitlines())
            + "except SystemExit:\n    pass\n"
        )
    source = (
        "import os\nimport sys\nimport numpy as np\n\n\nclass Guard:\n    def __enter__(self):\n"
        "        return self\n\n    def __exit__(self, exc_type, exc, tb):\n"
        f"        {exit_body}\n\n\ny = np.ones((3, 4))\n{with_block}"
    )
    _verdict_agrees(tmp_path, source)


# --- a guard in a merged loop that reads nothing of the index -----------------------------------


@pytest.mark.parametrize(
    "guarded",
    ["if t > 0:\n        a[i] += 1", "if t > 100:\n        a[i] += 1",
     "if i < 300:\n        a[i] += 1", "if i % 2 == 0 and i < 300:\n        a[i] += 1",
     "if t > 0 and i < 300:\n        a[i] += 1", "a[i] += 1"],
)  # fmt: skip
def test_a_guard_that_reads_nothing_of_the_index(guarded: str) -> None:
    """Only a guard whose condition reads the index keeps its IndexError from being said:
    ``if t > 0:`` may hold on every step."""
    source = (
        "import numpy as np\na = np.zeros(300)\nfor i in range(400):\n    for k in range(60):\n"
        f"        t = k + 1\n    {guarded}\ny = a\n"
    )
    _reported_where_it_raises(source)


# --- the class a generator's handler catches, given by a default --------------------------------


@pytest.mark.parametrize(
    "setup",
    ["Expected = ValueError\n@contextmanager\ndef expecting(kind=Expected):\n    try:\n        yield\n"
     "    except kind:\n        print('caught')\nExpected = KeyError\n",
     "@contextmanager\ndef expecting(kind=ValueError):\n    try:\n        yield\n    except kind:\n"
     "        print('caught')\n",
     "@contextmanager\ndef expecting(kind=KeyError):\n    try:\n        yield\n    except kind:\n"
     "        print('caught')\n",
     "@contextmanager\ndef expecting(kind=ValueError):\n    kind = ValueError\n    try:\n        yield\n"
     "    except kind:\n        print('caught')\n"],
)  # fmt: skip
def test_a_default_class_of_a_handler(setup: str) -> None:
    source = (
        "from contextlib import contextmanager\nimport numpy as np\n"
        f"{setup}with expecting():\n    np.ones(3) @ np.ones(4)\ny = np.ones(3)\n"
    )
    _reported_where_it_raises(source)


def test_a_float_among_large_counts_is_not_tried_on_a_large_stand_in() -> None:
    """np.tile(x, (10000, 1.5)) is not asked of NumPy on a stand-in of 10,000 copies (1.6 GB)."""
    import tracemalloc

    from shapekit.engine.program import analyse

    tracemalloc.start()
    try:
        analyse(
            [(None, "import numpy as np\nx = np.zeros((100, 100))\ny = np.tile(x, (10000, 1.5))\n")]
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200_000_000


# --- hasattr() lets every error but an AttributeError through -----------------------------------


@pytest.mark.parametrize(
    "attr", ["mT", "T", "shape", "weights", "real", "flat", "device", "itemset"]
)
@pytest.mark.parametrize(
    "made", ["np.ones(3)", "np.ones((2, 3))", "np.float64(2.0)", "np.array(1.0)", "np.ones((2, 2, 2))",
             "np.arange(4) > 1", "2.5", "[1, 2]"]
)  # fmt: skip
def test_hasattr_of_an_array(made: str, attr: str) -> None:
    source = f"import numpy as np\nx = {made}\nhas = hasattr(x, {attr!r})\ny = np.ones(3) if has else np.ones(4)\n"
    _reported_where_it_raises(source)


# --- a strict zip whose loop may leave early, or changes what it reads --------------------------

_ZIP_BODIES = [
    "break", "check(a)", "drop(xs)", "next(it)", "out.append(a * b)", "print(a, b)",
    "if a == 1:\n        drop(xs)", "if a > 5:\n        break", "out.append(np.sqrt(a))",
    "total = a + b", "raise KeyError(a)",
]  # fmt: skip


@pytest.mark.parametrize("body", _ZIP_BODIES)
@pytest.mark.parametrize("lengths", [(3, 2), (2, 2), (3, 3)])
@pytest.mark.parametrize("around", [False, True])
def test_a_strict_zip_whose_loop_may_leave(
    body: str, lengths: tuple[int, int], around: bool
) -> None:
    first, second = (list(range(1, n + 1)) for n in lengths)
    loop = f"for a, b in zip(it, {second}, strict=True):\n    {body}\n"
    if around:
        loop = (
            "try:\n"
            + "".join(f"    {line}\n" for line in loop.splitlines())
            + "except KeyError:\n    pass\n"
        )
    source = (
        "import numpy as np\n\n\ndef check(a):\n    if a > 0:\n        raise KeyError(a)\n\n\n"
        "def drop(lst):\n    lst.pop()\n\n\n"
        f"xs = {first}\nit = {'iter(xs)' if 'next' in body else 'xs'}\nout = []\n{loop}y = np.ones(3)\n"
    )
    if body in ("drop(xs)", "next(it)", "if a == 1:\n        drop(xs)"):
        # what a call of the file's or next() does to the zip's lists is not followed: no
        # certain problem where running goes through (the error running raises is missed)
        _no_certain_problem_where_it_runs(source)
    else:
        _reported_where_it_raises(source)


def _no_certain_problem_where_it_runs(source: str) -> None:
    from shapekit.engine.program import analyse

    program = analyse([(None, source)])
    try:
        exec(compile(source, "<test>", "exec", dont_inherit=True), {})
    except Exception:
        return
    assert not [p for p in program.problems if p.certain], program.problems


# --- SystemExit by another name: a subclass, builtins.SystemExit --------------------------------


@pytest.mark.parametrize(
    "setup",
    ["class Done(SystemExit):\n    pass\n", "import builtins\nDone = builtins.SystemExit\n",
     "class Done(ValueError):\n    pass\n", "import builtins\nDone = builtins.KeyError\n",
     "class Base(SystemExit):\n    pass\nclass Done(Base):\n    pass\n"],
)  # fmt: skip
@pytest.mark.parametrize("code", ["0", "1", "'bye'", ""])
def test_an_exit_by_another_name(setup: str, code: str, tmp_path: Path) -> None:
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    _verdict_agrees(tmp_path, f"import numpy as np\n{setup}y = np.ones(3)\nraise Done({code})\n")


# --- a ufunc's where= leaves out what it masks, under np.seterr(all="raise") too ------------------


@pytest.mark.parametrize(
    "setting", ["np.seterr(all='raise')", "warnings.simplefilter('error')", "pass"]
)
@pytest.mark.parametrize(
    "call",
    ["np.divide(a, b, out=np.zeros(3), where=b != 0)", "np.divide(a, b, out=np.zeros(3), where=b > 5)",
     "np.divide(a, b)", "np.power(b, -1.0, out=np.zeros(3), where=b != 0)",
     "np.log(b, out=np.zeros(3), where=b > 0)", "np.log(b)", "np.true_divide(a, b, where=True)",
     "np.floor_divide(a, b, out=np.zeros(3), where=b != 0)"],
)  # fmt: skip
def test_a_masked_ufunc_under_raising_settings(call: str, setting: str) -> None:
    source = (
        f"import warnings\nimport numpy as np\n{setting}\na = np.array([1.0, 2.0, 0.0])\n"
        f"b = np.array([0.0, 1.0, 2.0])\nr = {call}\ny = np.ones(3)\n"
    )
    import numpy as np

    before = np.geterr()
    try:
        _reported_where_it_raises(source)
    finally:
        np.seterr(**before)  # (the program sets NumPy's settings of this process)


@pytest.mark.parametrize(
    "made", ["np.fmax(np.array([np.nan, 2.0]), 1.0)", "np.fmin(np.array([np.nan, 2.0]), 1.0)",
             "np.maximum(np.array([np.nan, 2.0]), 1.0)", "np.fmax(np.array([0.5, 2.0]), 1.0)"]
)  # fmt: skip
def test_fmax_and_fmin_leave_nan_out(made: str) -> None:
    _reported_where_it_raises(
        f"import numpy as np\nx = {made}\ny = np.ones((3, 4)) if x[0] == 1.0 else np.ones(2)\nz = y @ np.ones(4)\n"
    )


# --- a file of dense arithmetic is cut short, not followed for minutes --------------------------


def test_a_file_past_the_operations_budget_is_cut_short() -> None:
    from shapekit.engine.program import MAX_OPERATIONS, analyse

    line = "y = " + "+".join(["v"] * 100) + "\n"
    lines = MAX_OPERATIONS // 200 + 10  # (each line: 100 names and 99 additions)
    source = "import numpy as np\nv = np.ones(3)\n" + line * lines + "z = np.ones((2, 3))\n"
    program = analyse([(None, source)])
    assert program.binding("v").shape == (3,)
    z = program.binding("z")
    assert z is not None and z.status == "unknown" and "operations" in (z.reason or "")


# --- a special method that exits, in a second base ----------------------------------------------


@pytest.mark.parametrize(
    "bases", ["Base, ExitOnMissing", "ExitOnMissing", "ExitOnMissing, Base", "Base"]
)
@pytest.mark.parametrize("read", ["m.weights", "m.__class__", "print(m)"])
def test_a_special_method_that_exits_in_a_mixin(bases: str, read: str, tmp_path: Path) -> None:
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    source = (
        "import sys\nimport numpy as np\n\n\nclass Base:\n    pass\n\n\nclass ExitOnMissing:\n"
        "    def __getattr__(self, name):\n        sys.exit(0)\n\n\n"
        f"class Model({bases}):\n    pass\n\n\nm = Model()\nx = np.ones(3)\nw = {read}\n"
        "y = np.ones(3) @ np.ones(4)\n"
    )
    _verdict_agrees(tmp_path, source)


@pytest.mark.parametrize("keyword", ["expected_exception", "exception"])
def test_pytest_raises_takes_expected_exception_only(keyword: str, tmp_path: Path) -> None:
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    _verdict_agrees(
        tmp_path,
        "import numpy as np\nimport pytest\n"
        f"with pytest.raises({keyword}=ValueError):\n    np.ones((2, 3)) @ np.ones(2)\ny = np.ones(3)\n",
    )


# --- a Python number on one way, a NumPy number on the other ------------------------------------


@pytest.mark.parametrize("start", ["9999999", "1.0", "0", "float('inf')", "np.float64(1.0)"])
@pytest.mark.parametrize(
    "use",
    ["y = np.array([best, best])", "y = np.ones(3) * best", "y = np.full((2, 3), best)",
     "y = np.zeros(int(best) % 3 + 1)", "y = np.array(best)", "y = np.ones(3)[:1] + best",
     "y = np.array([best]).reshape(1, 1)", "y = np.ones((2, 2)) @ np.ones(3) * best"],
)  # fmt: skip
def test_a_number_of_either_kind(start: str, use: str) -> None:
    source = (
        f"import numpy as np\nrng = np.random.default_rng(1)\nX = rng.normal(size=(40, 2))\n"
        f"best = {start}\nfor i in range(30):\n    loss = np.mean(X[i] ** 2)\n"
        f"    if loss < best:\n        best = loss\n{use}\n"
    )
    _reported_where_it_raises(source, unknown_allowed="int(best)" in use)


@pytest.mark.parametrize("strict", ["True", "False"])
@pytest.mark.parametrize(
    "exiting",
    ["if self.strict:\n            sys.exit(1)", "self.stop()", "if self.strict:\n            sys.exit(0)",
     "if self.strict:\n            sys.exit(2)\n        print('done')"],
)  # fmt: skip
@pytest.mark.parametrize("inner", ["y = np.ones(3) @ np.ones(4)", "y = np.ones(3)"])
def test_an_exit_that_may_exit(
    exiting: str, strict: str, inner: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """An ``__exit__`` whose exit runs on a condition: when each exit it may make has a status
    other than 0, the body's error fails the file either way (it is said, certain)."""
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    if "sys.exit(0)" in exiting and strict == "False" and "@" in inner:
        request.applymarker(
            pytest.mark.xfail(
                reason="an __exit__ that may end the file with status 0 when the body fails "
                "drops the body's error, though whether it exits depends on a condition (a "
                "wrong file passed, as before this pass)",
                strict=True,
            )
        )

    source = (
        "import sys\nimport numpy as np\n\n\nclass Guard:\n    def __init__(self, strict):\n"
        "        self.strict = strict\n\n    def stop(self):\n        if self.strict:\n"
        "            sys.exit(1)\n\n    def __enter__(self):\n        return self\n\n"
        f"    def __exit__(self, kind, value, tb):\n        {exiting}\n\n\nx = np.ones(3)\n"
        f"with Guard(strict={strict}):\n    {inner}\n"
    )
    _verdict_agrees(tmp_path, source)


@pytest.mark.parametrize(
    "manager",
    ["warnings.catch_warnings()", "cw", "quiet_zone()", "open('notes.txt', 'w')"],
)
def test_an_ignore_inside_a_catch_warnings_by_another_name(manager: str) -> None:
    source = (
        "import warnings\nfrom warnings import catch_warnings as quiet_zone\nimport numpy as np\n"
        "warnings.simplefilter('error')\ncw = warnings.catch_warnings()\n"
        f"with {manager}:\n    warnings.simplefilter('ignore')\nz = np.log(np.zeros(3))\ny = np.ones(3)\n"
    )
    with warnings_kept():
        _reported_where_it_raises(source)


def warnings_kept() -> object:
    import warnings

    return warnings.catch_warnings()


# --- annotations and keyword-only defaults are evaluated when the def runs ----------------------


@pytest.mark.parametrize("future", ["", "from __future__ import annotations\n"])
@pytest.mark.parametrize(
    "header",
    ["def relu(x: np.float) -> np.float:", "def relu(x: np.ndarray) -> np.ndarray:",
     "def relu(x: np.float64) -> 'np.float':", "def relu(x, *, dtype=np.float):",
     "def relu(x, *, dtype=np.float64):", "def relu(x: list[np.int]):", "def relu(x: np.typing.NDArray):",
     "def relu(x: 'Tensor') -> None:", "def relu(x, y: int = np.int):"],
)  # fmt: skip
def test_what_a_def_evaluates_when_it_runs(header: str, future: str) -> None:
    source = (
        f"{future}import numpy as np\nimport numpy.typing\n{header}\n    return x\ny = np.ones(3)\n"
    )
    _reported_where_it_raises(source)


@pytest.mark.parametrize(
    "undo",
    ["from warnings import filterwarnings as fw\nfw('ignore')", "f = warnings.simplefilter\nf('ignore')",
     "getattr(warnings, 'simplefilter')('ignore')", "sys.modules['warnings'].simplefilter('ignore')",
     "warnings.simplefilter('ignore')", "from warnings import resetwarnings as rw\nrw()", "pass"],
)  # fmt: skip
def test_warnings_as_errors_undone_by_another_name(undo: str) -> None:
    source = (
        "import sys\nimport warnings\nimport numpy as np\nwarnings.simplefilter('error')\n"
        f"{undo}\nm = np.array([1.0]) / 0\ny = np.ones(3)\n"
    )
    with warnings_kept():
        _reported_where_it_raises(source)


# --- a variable bound after an exit that may run is not judged wrong ------------------------------


@pytest.mark.parametrize(
    "guard",
    ["if random.random() < 2:\n    sys.exit(0)", "exec('raise SystemExit')", "if len(sys.argv) < 2:\n    sys.exit()",
     "if random.random() < 2:\n    sys.exit(1)", "if random.random() < 2:\n    raise ValueError('no')",
     "pass", "np.errstate(divide='ignore').__enter__()"],
)  # fmt: skip
@pytest.mark.parametrize("later", ["np.ones(2)", "np.ones((3, 4))"])
def test_a_variable_after_an_exit_that_may_run(guard: str, later: str, tmp_path: Path) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    source = f"import random\nimport sys\nimport numpy as np\ninputs = np.ones((3, 4))\n{guard}\ninputs = {later}\n"
    path = tmp_path / "main.py"
    path.write_text(source)
    ran = tmp_path / "ran.py"  # (the file as it runs, saying the shape it ends with)
    ran.write_text(
        "import atexit\natexit.register(lambda: print('SHAPE', globals()['inputs'].shape))\n"
        + source
    )
    done = __import__("subprocess").run(
        [__import__("sys").executable, str(ran)], capture_output=True, timeout=60, cwd=tmp_path
    )
    correct = done.returncode == 0 and b"SHAPE (3, 4)" in done.stdout
    result = check_file(str(path), Expectations.parse(["inputs=3,4"]))
    # (a guard's raise or exit(1) under a condition not known is no failure, by design: the
    # other way is not asked here)
    if correct:  # it exits before the wrong shape, or runs through with the right one
        assert result.status != "failed", result
    else:  # (a guard's raise or exit(1) under a condition not known passes, by design)
        assert result.status != "passed" or "random" in guard, result


@pytest.mark.parametrize(
    "raised",
    ["finished()", "Stops[0]", "Stops[2]", "errors['bad']", "errors['stop']", "ValueError('no')",
     "finished()(0)"],
)  # fmt: skip
def test_a_raise_of_a_class_only_running_tells(raised: str, tmp_path: Path) -> None:
    from tests.engine.test_twentyninth_pass import _verdict_agrees

    source = (
        "import numpy as np\n\n\ndef finished():\n    return SystemExit\n\n\n"
        "Stops = (SystemExit, KeyboardInterrupt, ValueError)\n"
        "errors = {'bad': ValueError('bad'), 'stop': SystemExit(0)}\n"
        f"y = np.ones(3)\nraise {raised}\n"
    )
    _verdict_agrees(tmp_path, source)


# --- rules of the thirtieth pass no test held (review31's mutation run) --------------------------


@pytest.mark.parametrize("dtype", ["np.uint8", "np.int8", "np.int64", "np.uint16"])
@pytest.mark.parametrize("value", ["300", "-1", "100"])
def test_the_width_rng_integers_gives(dtype: str, value: str) -> None:
    source = (
        "import numpy as np\nrng = np.random.default_rng(0)\n"
        f"a = rng.integers(0, 10, size=3, dtype={dtype})\na[0] = {value}\ny = a\n"
    )
    _reported_where_it_raises(source)


@pytest.mark.parametrize("text", ["'print(1)'", "'x = 1'", "'raise SystemExit'"])
def test_exec_of_harmless_text_is_no_exit(text: str, tmp_path: Path) -> None:
    """exec() of text that cannot exit does not make the wrong shape after it uncertain."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(
        f"import numpy as np\ninputs = np.ones((3, 4))\nexec({text})\ninputs = np.ones(2)\n"
    )
    status = check_file(str(path), Expectations.parse(["inputs=3,4"])).status
    assert status == ("unknown" if "SystemExit" in text else "failed")
