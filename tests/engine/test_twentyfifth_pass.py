"""Twenty-fifth pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, which runs it in this process, and
:func:`tests.engine.test_twentyfourth_pass._python_agrees`, which runs ``python main.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentyfourth_pass import _python_agrees

# --- NaN and infinity kept as an array's values (hostile32 WP33b) ---------------------------

#: what is done with an array of NaN (or infinity) made by np.full: the first ones raise
_NOT_FINITE = (
    "x = np.nanargmin(np.full(3, np.nan))",
    "x = np.nanargmax(np.full((2, 3), np.nan), axis=1)",
    "x = int(np.full(3, np.nan)[0])",
    "x = int(np.full(3, -np.inf)[1])",
    "x = np.zeros(int(np.full(2, np.inf).max()))",
    "x = np.full(3, np.nan) + 1",
    "x = np.full(3, np.nan) > 0",
    "x = np.full(3, np.inf).astype(int)",
    "x = np.where(np.isnan(np.full(3, np.nan)), 0, 1)",
    "x = np.nanmax(np.full(3, np.nan))",
    "x = np.argmax(np.full(3, np.nan))",
    "x = np.zeros(int(np.isnan(np.full(3, np.nan)).sum()))",
    "x = np.exp(np.full(2, -np.inf))",
    "x = np.sort(np.full(2, np.nan))",
)


@pytest.mark.parametrize("line", _NOT_FINITE)
def test_arrays_of_nan_or_infinity_as_running_makes_them(line: str) -> None:
    _agrees(f"import numpy as np\n{line}\ny = np.zeros(2)\n")


@pytest.mark.parametrize("line", _NOT_FINITE[:4])
def test_nan_or_infinity_where_python_refuses_is_reported(line: str) -> None:
    assert _agrees(f"import numpy as np\n{line}\ny = np.zeros(2)\n")


# --- del of what is not there (hostile32 WP39) ----------------------------------------------

_DELETIONS = (
    ("L = [1, 2]\ndel L[5]", True),
    ("L = [1, 2]\ndel L[-3]", True),
    ("L = [1, 2]\ndel L[1]\ndel L[1]", True),
    ('d = {"a": 1}\ndel d["b"]', True),
    ('d = {"a": 1}\ndel d["a"]\ndel d["a"]', True),
    ('d = dict(a=1)\ndel d["b"]', True),
    ("a = np.zeros(3)\ndel a[0]", True),
    ("a = np.zeros((2, 3))\ndel a[:, 1]", True),
    ("L = [1, 2, 3]\nfor i in range(len(L)):\n    del L[i]", True),
    ("L = [1, 2]\ndel L[0:5]", False),
    ("L = [1, 2]\ndel L[1]", False),
    ('d = {"a": 1}\ndel d["a"]', False),
    ('d = {}\nd.update(b=2)\ndel d["b"]', False),
    ('d = {"a": 1}\ndef f():\n    d["b"] = 1\nf()\ndel d["b"]', False),
    ("L = [1]\ndef f():\n    L.append(2)\nf()\ndel L[1]", False),
    ('d = {"a": 1}\ntry:\n    del d["b"]\nexcept KeyError:\n    pass', False),
    ("L = [1, 2]\nif len(L) > 5:\n    del L[4]", False),
    ('import collections\nd = collections.Counter()\ndel d["b"]', False),
)


@pytest.mark.parametrize(("code", "raises"), _DELETIONS)
def test_del_of_an_item_that_is_not_there_raises_as_python_does(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- complex numbers written in place into real arrays (hostile32 WP40) ---------------------

_COMPLEX_IN_PLACE = (
    ("b = np.zeros(3)\nb += 1j", True),
    ("b = np.zeros(3)\nb *= 1j", True),
    ("b = np.zeros(3)\nb += 0j", True),
    ("b = np.zeros((2, 3), int)\nb[0] -= 2j", True),
    ("b = np.zeros(3, bool)\nb **= 1j", True),
    ("b = np.zeros(3, complex)\nb *= 1j", False),
    ("b = np.zeros(3)\nb = b + 1j", False),
    ("b = 2.0\nb += 1j", False),
    ("b = np.float64(2.0)\nb += 1j", False),
    ("b = [1.0]\nb += [1j]", False),
)


@pytest.mark.parametrize(("code", "raises"), _COMPLEX_IN_PLACE)
def test_complex_numbers_are_not_written_into_real_arrays_in_place(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- np.dot's out= of another kind of number (fresh35 WP09, hostile32 WP41) -----------------

_DOT_OUT = (
    ("a = np.ones((2, 2))\nb = np.zeros((2, 2), int)\nnp.dot(a, a, out=b)", True),
    ("a = np.ones((2, 2), int)\nb = np.zeros((2, 2))\nnp.dot(a, a, out=b)", True),
    ("a = np.ones(2, int)\nb = np.zeros(())\nnp.dot(a, a, out=b)", True),
    ("a = np.ones((2, 2), bool)\nb = np.zeros((2, 2), int)\nnp.dot(a, a, out=b)", True),
    ("a = np.ones((2, 2), int)\nb = np.zeros((2, 2))\nnp.dot(a, a * 1.0, out=b)", False),
    ("a = np.ones((2, 2), bool)\nb = np.zeros((2, 2), bool)\nnp.dot(a, a, out=b)", False),
    ("a = np.ones((2, 2))\nb = np.zeros((2, 2))\nnp.dot(a, a, out=b)", False),
    ("a = np.ones((2, 2), int)\nb = np.zeros((2, 2), int)\nnp.dot(a, a, out=b)", False),
)


@pytest.mark.parametrize(("code", "raises"), _DOT_OUT)
def test_np_dot_writes_only_into_an_out_of_the_product_s_kind(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- Python integers written into narrow integer arrays (fresh35 WP13) ----------------------

_NARROW_WRITES = (
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1:] = [300, 1]", True),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1:] = (-1, 2)", True),
    ("img = np.zeros(3, dtype=np.int8)\nimg[[0, 1]] = [1, 200]", True),
    ("img = np.zeros((2, 2), dtype=np.int8)\nimg[:] = [[1, 2], [3, 999]]", True),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1:] = [1.5, 300]", True),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1:] = [300, 1, 2]", True),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[5] = 300", True),
    ("img = np.zeros(3, dtype=np.uint8)\ntry:\n    img[5] = 300\nexcept IndexError:\n    pass",
     False),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1:] = [255, 0]", False),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1:] = [True, 1]", False),
    ("img = np.zeros(3, dtype=np.uint8)\nimg[1] = 2.5", False),
    ("img = np.zeros(3, dtype=np.int16)\nimg[:2] = [300, -300]", False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "raises"), _NARROW_WRITES)
def test_python_integers_written_into_narrow_integers_must_fit(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- the values of an array raised to a power (fresh35 WP19) --------------------------------

_POWERS = (
    ("h = np.arange(15, dtype=float).reshape(5, 3) ** 2\nassert h.sum() == 5", True),
    ("h = np.arange(4.0) ** 2\nassert h[1] == 5", True),
    ("h = np.arange(4) ** 2\nassert h[1] == 5", True),
    ("h = np.arange(4) ** np.arange(4)\nassert h[3] == 28", True),
    ("h = np.arange(4) ** 3\nx = np.zeros(h[2])\nassert x.shape == (9,)", True),
    ("h = 2 ** np.arange(70)\nassert h[65] == 0", False),
    ("h = np.arange(4.0) ** 0.5\nassert h[1] == 1", False),
    ("h = np.arange(4) ** 2.0\nassert h[3] == 9", False),
    ("h = np.array([1.5, 2.5]) ** 2\nassert h[0] == 2.25", False),
    ("h = np.arange(4, dtype=np.uint8) ** 5\nassert h[3] == 243", False),
    ("h = np.array([0.1, 0.2]) ** 2\nassert h.sum() != 0.05", False),
)


@pytest.mark.parametrize(("code", "raises"), _POWERS)
def test_powers_of_known_values_as_numpy_computes_them(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- a draw's probability out of its range (fresh35 WP16) -----------------------------------

_PROBABILITY_DRAWS = (
    ("m = np.random.binomial(1, 1 / (1 - 0.1), size=(4, 3))", True),
    ("m = np.random.default_rng(0).binomial(1, 1.2, size=3)", True),
    ("m = np.random.geometric(0.0, size=3)", True),
    ("m = np.random.binomial(n=1, p=-0.5)", True),
    ("p = 2\nm = np.random.binomial(1, p, 3)", True),
    ("m = np.random.logseries(1.0)", True),
    ("m = np.random.default_rng(1).negative_binomial(3, 1.5)", True),
    ("m = np.random.binomial(1, 0.9, size=3)", False),
    ("m = np.random.binomial(1, 1.0)", False),
    ("m = np.random.binomial(1, 0)", False),
    ("m = np.random.geometric(1.0, size=2)", False),
    ("m = np.random.logseries(0.0)", False),
    ("m = np.random.negative_binomial(3, 0.0)", False),
    ("p = 0.5\nm = np.random.binomial(1, p)", False),
)


@pytest.mark.parametrize(("code", "raises"), _PROBABILITY_DRAWS)
def test_a_draw_s_probability_must_be_one(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- np.put_along_axis: the places of take_along_axis, and values that fit them (fresh35 WP15)

_PUT_ALONG = (
    ("y0 = np.array([0, 2, 1, 2])\noh = np.zeros((4, 3))\n"
     "np.put_along_axis(oh, y0[:3, None], 1.0, axis=1)", True),
    ("oh = np.zeros((4, 3))\nnp.put_along_axis(oh, np.zeros((4, 1), int), np.ones(2), axis=1)",
     True),
    ("oh = np.zeros((4, 3))\nnp.put_along_axis(oh, np.zeros(4, int), 1, axis=1)", True),
    ("oh = np.zeros((4, 3))\nr = np.put_along_axis(oh, np.zeros((4, 1), int), 1, 1)\nr.shape",
     True),
    ("y0 = np.array([0, 2, 1, 2])\noh = np.zeros((4, 3))\n"
     "np.put_along_axis(oh, y0[:, None], 1.0, axis=1)\nassert oh.sum() == 4", False),
    ("oh = np.zeros((4, 3))\nnp.put_along_axis(oh, np.zeros(2, int), 1, None)", False),
    ("oh = np.zeros((4, 3))\n"
     "np.put_along_axis(oh, np.zeros((1, 1), int), np.ones((4, 1)), axis=1)", False),
    ("oh = np.zeros((4, 3))\n"
     "np.put_along_axis(oh, np.zeros((4, 2), int), np.ones((4, 2)), axis=1)", False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "raises"), _PUT_ALONG)
def test_put_along_axis_writes_where_take_along_axis_reads(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- an .npz archive the program saves and loads back (fresh35 WP17) ------------------------

_SAVED_ARCHIVE = 'W = np.ones((3, 2))\nnp.savez("m.npz", W=W, b=np.zeros(2))\n'

_ARCHIVE_READS = (
    ('m = np.load("m.npz")\nb = m["bias"]', True),
    ('W2 = np.load("m.npz")["W"]\nz = W2 @ np.ones(3)', True),
    ('d = np.load("m.npz")\nz = d["W"] @ np.ones((3, 1))', True),
    ('with np.load("m.npz") as d:\n    W2 = d["W"]\nassert W2.shape == (3, 2)', False),
    ('d = np.load("m.npz")\nx = np.zeros(len(d.files))\nassert x.shape == (2,)', False),
    ('d = dict(np.load("m.npz"))\nW2 = d["W"] @ np.ones(2)', False),
    ('d = np.load("m.npz")\nfor k in d:\n    print(d[k].shape)\nd.close()', False),
    ('d = np.load("m.npz")\nz = d["W"] @ d["b"]\nassert z.shape == (3,)', False),
    ('d = np.load("m.npz")\nz = d["W.npy"]', False),
    ('d = np.load("m.npz")\nz = d.get("W")\nassert z is not None', False),
    ('W[0, 0] = 5\nd = np.load("m.npz")\nassert d["W"][0, 0] == 1', False),
    ('np.savez("n.npz", W, W)\nd = np.load("n.npz")\nz = d["arr_1"] @ np.ones(2)', False),
    ('np.savez("n.npz", W, W)\nd = np.load("n.npz")\nz = d["W"]', True),
)


@pytest.mark.parametrize(("code", "raises"), _ARCHIVE_READS)
def test_an_archive_the_program_saves_reads_back_as_saved(
    tmp_path: Path, code: str, raises: bool
) -> None:
    decided = _python_agrees(
        tmp_path, f"import numpy as np\n{_SAVED_ARCHIVE}{code}\ny = np.zeros(2)"
    )
    assert decided or not raises


# --- an iterator given as a shape (hostile32 WP45) ------------------------------------------

_ITERATOR_SHAPES = (
    ("def f():\n    if False:\n        yield\n    return 3\nz = np.zeros(f())", True),
    ("def f():\n    yield 3\nz = np.ones(f())", True),
    ("z = np.zeros(zip([1], [2]))", True),
    ("z = np.zeros(map(int, [2, 3]))", True),
    ("z = np.zeros(x for x in (2, 3))", True),
    ("z = np.full(iter([2]), 1.0)", True),
    ("z = np.random.normal(0, 1, size=iter([2]))", True),
    ("z = np.zeros(2).reshape(x for x in [2])", True),
    ("z = np.zeros(range(2, 4))", False),
    ("z = np.zeros(tuple(x for x in (2, 3)))", False),
    ("z = np.random.rand(*iter([2]))", False),
    ("z = np.zeros(list(map(int, [2, 3])))", False),
)


@pytest.mark.parametrize(("code", "raises"), _ITERATOR_SHAPES)
def test_an_iterator_is_no_shape(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- a raise that may run, caught by its own try's handler (review25 F6) -------------------

#: (the try around a raise that may run, whether what follows it is then certain to run)
_CAUGHT_RAISES = (
    ("try:\n    if flag:\n        raise ValueError('debug')\nexcept ValueError:\n    pass",
     True),
    ("try:\n    if flag:\n        raise KeyError\nexcept LookupError:\n    print('x')", True),
    ("try:\n    if flag:\n        raise ValueError\nexcept (TypeError, ValueError) as e:\n"
     "    print(e)", True),
    ("def f():\n    if flag:\n        raise ValueError\ntry:\n    f()\nexcept Exception:\n"
     "    pass", True),
    ("try:\n    try:\n        if flag:\n            raise ValueError\n    except KeyError:\n"
     "        pass\nexcept ValueError:\n    pass", True),
    ("try:\n    if flag:\n        raise ValueError\nexcept KeyError:\n    pass", False),
    ("try:\n    if flag:\n        raise ValueError\nexcept ValueError:\n    raise", False),
    ("try:\n    if flag:\n        sys.exit(0)\nexcept ValueError:\n    pass", False),
    ("try:\n    if flag:\n        raise ValueError\nexcept ValueError:\n    sys.exit(0)", False),
    ("class E(Exception):\n    pass\ntry:\n    if flag:\n        raise E\nexcept E:\n    pass",
     False),
    ("try:\n    try:\n        if flag:\n            raise ValueError\n    except KeyError:\n"
     "        pass\n    x = 1\nexcept ValueError:\n    pass", True),
)  # fmt: skip


@pytest.mark.parametrize(("guard", "certain"), _CAUGHT_RAISES)
def test_a_raise_its_try_catches_leaves_what_follows_the_try_certain(
    tmp_path: Path, guard: str, certain: bool
) -> None:
    source = (
        "import os\nimport sys\nimport numpy as np\n"
        "flag = os.environ.get('SHAPEKIT_NEVER_SET_25')\n"
        f"{guard}\ny = np.ones((3, 4)) @ np.ones((3, 4))"
    )
    assert _python_agrees(tmp_path, source) == certain


# --- review25: correct files the last pass rejected ----------------------------------------

#: files that run through (each prints nothing wrong); their y of a shape running gives
_REVIEW25_RUNNING = (
    # a generator's body runs as it is read, under the np.errstate of that moment (F1)
    "x = np.array([0.0, 1.0])\ndef logs_of(values):\n    for v in values:\n"
    "        yield np.log(v)\nwith np.errstate(divide='raise'):\n    logs = logs_of([x])\n"
    "y = np.stack(list(logs))",
    # np.seterr inside a `with np.errstate(…)` changes it until the with ends (F2, F2b)
    "x = np.array([0.0, 1.0])\nwith np.errstate(all='raise'):\n"
    "    np.seterr(divide='ignore')\n    y = np.log(x)",
    "x = np.array([0.0, 1.0])\nwith np.errstate(divide='ignore'):\n"
    "    np.seterr(divide='raise')\ny = np.log(x)",
    "x = np.array([0.0, 1.0])\ndef f():\n    np.seterr(divide='raise')\n"
    "with np.errstate(divide='ignore'):\n    f()\ny = np.log(x)",
    # the loop goes on over the dict it started with, whatever the name is bound to (F3)
    "sizes = {'inputs': 4, 'hidden': 3}\nfor name in sizes:\n"
    "    sizes = dict(sizes, output=2)\ny = np.zeros((sizes['hidden'], sizes['output']))",
    # np.seterr's arguments are evaluated once (F4)
    "modes = ['ignore', 'warn']\nnp.seterr(all=modes.pop())\ny = np.zeros((2, len(modes[0])))",
    # a partial of a method not followed may change the list it is given (F7)
    "import functools\nlosses = []\nrecord = functools.partial(list.append, losses)\n"
    "record(0.5)\nrecord(0.25)\ny = np.zeros((2, int(max(losses) * 4)))",
    # 0.0 ** -inf is inf in Python (F8)
    "import math\nscale = 0.0 ** -math.inf\ny = np.full((2, 3), scale)",
)


@pytest.mark.parametrize("source", _REVIEW25_RUNNING)
def test_review25_correct_files_are_not_rejected(tmp_path: Path, source: str) -> None:
    _python_agrees(tmp_path, f"import numpy as np\n{source}")


@pytest.mark.parametrize(
    ("guard", "raises"),
    [
        ("with np.errstate(divide='ignore'):\n    np.seterr(divide='raise')\n    y = np.log(x)",
         True),
        ("np.seterr(divide='raise')\nwith np.errstate(divide='ignore'):\n    y = np.log(x)\n"
         "y = np.log(x)", True),
        ("with np.errstate(all='ignore'):\n    np.seterr(all='raise')\n"
         "    with np.errstate(over='ignore'):\n        y = np.log(x)", True),
    ],
)  # fmt: skip
def test_np_seterr_inside_an_errstate_holds_until_it_ends(
    tmp_path: Path, guard: str, raises: bool
) -> None:
    source = f"import numpy as np\nx = np.array([0.0, 1.0])\n{guard}"
    assert _python_agrees(tmp_path, source) == raises


def test_a_sum_of_a_whole_number_too_large_for_a_float_is_no_crash() -> None:
    big = str(2**1100)
    program = analyse([(None, f"import numpy as np\ny = np.zeros(2)\nt = sum([{big}, 1.0])\n")])
    assert program.binding("y").status == "known"


# --- itertools.accumulate with a function (fresh36 UNK02) ----------------------------------

_ACCUMULATED = (
    ("lrs = list(itertools.accumulate([0.5] * 3, lambda a, _: a * 0.9))\nfor lr in lrs:\n"
     "    y = np.ones((2, 4)) * lr", True),
    ("ws = list(itertools.accumulate([np.ones(4)] * 3, lambda a, b: a @ np.ones((4, 4)) + b))\n"
     "y = ws[2]", True),
    ("ws = list(itertools.accumulate([1, 2], lambda a, b: a + b, initial=np.ones(3)))\n"
     "y = ws[-1]", True),
    ("ws = list(itertools.accumulate([], lambda a, b: a + b))\ny = np.zeros(len(ws))", True),
    ("def f(a, b):\n    return a * b\nws = list(itertools.accumulate([1.0, 2.0], func=f))\n"
     "y = np.zeros(len(ws))", True),
    # Python calls the function only as the items are read: a failure there is not certain
    ("acc = itertools.accumulate([np.ones(4)] * 3, lambda a, b: a @ np.ones((3, 4)) + b)\n"
     "y = np.zeros(2)", True),
    ("ws = list(itertools.accumulate([np.ones(4)] * 3, lambda a, b: a @ np.ones((3, 4)) + b))\n"
     "y = ws[2]", False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "known"), _ACCUMULATED)
def test_accumulate_with_a_function_of_the_file(code: str, known: bool) -> None:
    assert _agrees(f"import itertools\nimport numpy as np\n{code}\n") == known


# --- a run without names, on a file whose arrays are all unknown (fresh36 CR01) -------------


def test_a_run_without_names_of_arrays_all_unknown_is_unknown_not_missing(tmp_path: Path) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(
        "import json\nfrom pathlib import Path\nimport numpy as np\n"
        'path = Path("layer.json")\n'
        'path.write_text(json.dumps({"weights": [[0.2, 0.8], [0.5, -0.9]], "biases": [2.0, 3.0]}))\n'
        "cfg = json.loads(path.read_text())\nweights = np.array(cfg['weights'])\n"
        "output = np.ones((3, 2)) @ weights.T\n"
    )
    (variable,) = check_file(str(path), Expectations()).variables
    assert variable.status == "unknown" and "output" in variable.message


def test_a_run_without_names_of_a_file_without_arrays_is_unknown(tmp_path: Path) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text("total = 1 + 2\nprint(total)\n")
    (variable,) = check_file(str(path), Expectations()).variables
    # (nothing to judge: unknown since the thirtieth pass, as the file runs through; it was
    # "missing", a failure)
    assert variable.status == "unknown"


# --- hostile33: correct files rejected ------------------------------------------------------

#: functions handed to NumPy inside a dict, a list or a tuple: NumPy calls them (CR67)
_FUNCTIONS_HANDED = (
    'np.set_printoptions(formatter={"float": fmt})\ns = str(np.ones(3))',
    'with np.printoptions(formatter={"all": fmt}):\n    s = repr(np.ones(3))',
    'np.array2string(np.ones(3), formatter={"float_kind": fmt})',
    'opts = {"float": fmt}\nnp.set_printoptions(formatter=opts)\ns = f"{np.ones(3)}"',
    'np.loadtxt(["1 2", "3 4", "5 6"], converters={0: fmt})',
    "import itertools, operator\n"
    "list(itertools.starmap(operator.call, [(fmt, 1.0), (fmt, 2.0), (fmt, 3.0)]))",
)


@pytest.mark.parametrize("call", _FUNCTIONS_HANDED)
def test_a_function_held_in_what_numpy_is_given_may_run(tmp_path: Path, call: str) -> None:
    source = (
        "import numpy as np\nL = []\ndef fmt(x):\n    L.append(x)\n    return str(x)\n"
        f"{call}\ny = np.zeros(len(L)) + np.ones(3)"
    )
    _python_agrees(tmp_path, source)


def _notebook(tmp_path: Path, cells: list[str]) -> Path:
    import json

    path = tmp_path / "main.ipynb"
    path.write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "code", "metadata": {}, "source": c, "outputs": [],
                     "execution_count": None}
                    for c in cells
                ],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
            }
        )
    )  # fmt: skip
    return path


@pytest.mark.parametrize(
    "cell",
    [
        "async def gen():\n    for i in range(3):\n        yield i\nL = []\n"
        "async for i in gen():\n    L.append(i)\n",
        "import asyncio\nL = []\nasync def f(i):\n    L.append(i)\n"
        "await asyncio.gather(f(1), f(2), f(3))\n",
    ],
)
def test_a_notebook_s_top_level_async_code_runs(tmp_path: Path, cell: str) -> None:
    """IPython runs `async for` and `await` at a notebook's top level (its autoawait)."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = _notebook(tmp_path, ["import numpy as np\n" + cell, "y = np.zeros(len(L)) + np.ones(3)"])
    result = check_file(str(path), Expectations.parse(["y=3"]))
    assert not [p for p in result.problems if p.certain]
    assert [v.status for v in result.variables] in (["ok"], ["unknown"])


def test_a_name_holding_an_array_of_one_object_does_not_stop_the_file(tmp_path: Path) -> None:
    """np.array(gen) runs (a 0-d array of one object): no claim that running stops (CR66)."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text("import numpy as np\ng = np.array(x * 2 for x in range(3))\nout = g\n")
    (variable,) = check_file(str(path), Expectations.parse(["out=()"])).variables
    assert "stops" not in variable.message and "holds what g holds" in variable.message


def test_what_one_file_sets_on_simple_namespace_is_not_another_file_s(tmp_path: Path) -> None:
    """review25 F5: SimpleNamespace's class is each program's own."""
    from shapekit.check.checker import check_paths
    from shapekit.check.expect import Expectations

    head = "import numpy as np\nfrom types import SimpleNamespace\ncfg = SimpleNamespace(n=4)\n"
    (tmp_path / "a.py").write_text(head + "type(cfg).hidden = 3\ny = 1\n")
    (tmp_path / "b.py").write_text(head + "y = np.zeros((cfg.n, cfg.hidden))\n")
    results = check_paths([str(tmp_path)], Expectations.parse(var="y"), jobs=1)
    (b,) = [r for r in results if r.file.endswith("b.py")]
    assert [v.status for v in b.variables] == ["error"]


# --- review25 F10, F11: guards that never fire keep a later failure certain ------------------

_GUARDS = (
    # F10: a key looked up among a dict's keys, all known
    "def get(params, key):\n    if key not in params:\n        raise KeyError(key)\n"
    '    return params[key]\nparams = {"w": np.ones((3, 4))}\nw = get(params, "w")',
    'params = {"w": np.ones((3, 4))}\nif "w" not in params:\n    raise SystemExit(1)\n'
    'w = params["w"]',
    # F11: a try whose body fails nowhere shapekit sees, whose handler exits or raises
    "def load():\n    return np.ones((3, 4))\ntry:\n    w = load()\nexcept Exception as e:\n"
    "    print(e)\n    sys.exit(1)",
    "try:\n    w = np.array([[1.0] * 4] * 3, dtype=float)\nexcept (TypeError, ValueError):\n"
    "    raise SystemExit('bad data')",
    "def main():\n    try:\n        return np.ones((3, 4))\n    except Exception as e:\n"
    "        raise RuntimeError('failed') from e\nw = main()",
)


@pytest.mark.parametrize("guard", _GUARDS)
def test_a_guard_that_never_fires_leaves_the_later_failure_certain(
    tmp_path: Path, guard: str
) -> None:
    source = f"import sys\nimport numpy as np\n{guard}\ny = np.ones((3, 4)) @ w"
    assert _python_agrees(tmp_path, source)


#: (membership in a dict, whether it is decided)
_DICT_MEMBERSHIP = (
    ('d = {"a": 1}\nz = np.zeros(2 if "a" in d else 3)', True),
    ('d = {"a": 1}\nz = np.zeros(2 if "b" not in d else 3)', True),
    ('d = {}\nd["x"] = 1\nz = np.zeros(2 if "x" in d else 3)', True),
    ("d = {1: 2}\nz = np.zeros(2 if 1.0 in d else 3)", True),
    ('d = dict(a=1)\ndef f():\n    d["q"] = 1\nf()\nz = np.zeros(2 if "q" in d else 3)', True),
    ('d = {"a": 1}\nd.pop("a")\nz = np.zeros(2 if "a" in d else 3)', True),
    ('import collections\nd = collections.defaultdict(int)\nd["a"]\n'
     'z = np.zeros(2 if "a" in d else 3)', False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "decided"), _DICT_MEMBERSHIP)
def test_membership_among_a_dict_s_known_keys(code: str, decided: bool) -> None:
    assert _agrees(f"import numpy as np\n{code}\ny = z\n") == decided


# --- a run without names (fresh36 CR02-CR04) ------------------------------------------------


def test_a_run_without_names_reads_the_main_guard(tmp_path: Path) -> None:
    """The array the `if __name__ == "__main__":` block assigns is the file's one array."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(
        "import numpy as np\ndef main():\n    x = np.ones((3, 4))\n    return x @ np.ones((4, 3))\n"
        'if __name__ == "__main__":\n    result = main()\n'
    )
    done = subprocess.run(
        [sys.executable, "-c", path.read_text() + "\nprint(result.shape)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    (variable,) = check_file(str(path), Expectations()).variables
    assert (variable.name, variable.status, str(variable.shape)) == (
        "result", "ok", done.stdout.strip()
    )  # fmt: skip


@pytest.mark.parametrize(
    "source",
    [
        # a list to be filled is no array written out
        "import numpy as np\nX = np.ones((10, 4))\nouts = []\nfor s in range(0, 10, 4):\n"
        "    outs.append(X[s:s + 4] @ np.ones((4, 3)))\nall_out = np.concatenate(outs)\n",
        "import numpy as np\nlosses = []\nfor i in range(3):\n    losses.append(np.zeros(i + 1))\n"
        "curve = np.concatenate(losses)\n",
    ],
)
def test_a_run_without_names_does_not_judge_a_list_to_be_filled(
    tmp_path: Path, source: str
) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(source)
    exec(compile(source, str(path), "exec"), {})  # the oracle: it runs
    result = check_file(str(path), Expectations())
    assert result.status != "failed"


def test_a_run_without_names_of_a_notebook_ending_in_a_shown_value(tmp_path: Path) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    cells = [
        "import numpy as np",
        "inputs = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0]]\nweights = [[0.2, 0.8, -0.5, 1]]",
        "output = np.dot(inputs, np.array(weights).T)",
        "output.shape",
    ]
    result = check_file(str(_notebook(tmp_path, cells)), Expectations())
    assert result.status == "unknown" and [v.status for v in result.variables] == ["unknown"]
    assert "output" in result.variables[0].message


# --- an array's values after an in-place operation (fresh36 WP04) --------------------------

_IN_PLACE_VALUES = (
    ("W = np.array([1.0, 2.0])\nW -= 0.5\nassert np.allclose(W, 1.0)", True),
    ("W = np.array([1.0, 2.0])\nV = W\nW -= 0.5\nassert V[0] == 1.0", True),
    ("x = np.ones(3)\ny = x\nx += 1\nz = np.zeros(int(y[0]))\nassert z.shape == (1,)", True),
    ("x = np.ones(3)\nfor i in range(3):\n    x *= 2\nassert x[0] == 4", True),
    ("W = np.array([1.0, 2.0])\nV = W[:]\nW -= 0.5\nassert V[0] == 0.5", False),
    ("a = np.arange(4)\nv = a[1:]\nv += 10\nassert a[1] == 11", False),
    ("a = np.array([100, 100], dtype=np.int8)\na += np.array([100, 100])\nassert a[0] == -56",
     False),
    ("a = np.arange(4.0)\na += a[::-1]\nassert a[0] == 3.0", False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "raises"), _IN_PLACE_VALUES)
def test_an_array_s_values_after_an_in_place_operation(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- np.loadtxt of io.StringIO(text written in the file) (fresh36 UNK03) --------------------

_TEXT_READS = (
    ('d = np.loadtxt(io.StringIO(RAW), delimiter=",")', True),
    ('d = np.genfromtxt(io.StringIO(RAW), delimiter=",")', True),
    ('d = np.loadtxt(io.StringIO(RAW), delimiter=",", skiprows=1)', True),
    ('d = np.loadtxt(io.StringIO(RAW), delimiter=",", usecols=(0, 2))', True),
    ('from io import StringIO\nd = np.loadtxt(StringIO(RAW), delimiter=",")', True),
    ('d = np.loadtxt(io.StringIO(""), delimiter=",")', True),
    ("d = np.loadtxt(io.StringIO(RAW))", True),
    ('d = np.loadtxt(io.StringIO("a,b\\n" + RAW), delimiter=",")', True),
    ('d = np.loadtxt(io.StringIO("1,2\\n3"), delimiter=",")', True),
    ('d = np.genfromtxt(io.StringIO("1,2\\n3"), delimiter=",")', True),
    ('d = np.loadtxt(io.StringIO(RAW), delimiter=",", dtype=int)', True),
    ('s = io.StringIO(RAW)\nd = np.loadtxt(s, delimiter=",")', False),
)


@pytest.mark.parametrize(("code", "decided"), _TEXT_READS)
def test_a_reader_of_text_written_in_the_file(code: str, decided: bool) -> None:
    head = 'import io\nimport numpy as np\nRAW = """1.0,2.0,3.0\n4.0,5.0,6.0"""\n'
    assert _agrees(f"{head}{code}\ny = d\n") == decided


# --- a while True loop with a bias that becomes a NumPy float (fresh36 UNK08) ---------------

_WHILE_TRUE = (
    ("b = 0.0\nwhile True:\n    p = x @ w + b\n    b -= 0.5 * p.mean()\n    k += 1\n"
     "    if p.sum() > 100 or k >= 5:\n        break\ny = x @ w + b", True),
    ("while True:\n    p = x @ w\n    k += 1\n    if p.sum() > 100 or k >= 5:\n        break\n"
     "y = p", True),
    ("b = 0.0\nfor i in range(k, 9):\n    b -= 0.5 * x.mean()\n    if x.sum() > 2 * k:\n"
     "        break\ny = x @ w + b", True),
    ("b = 0.0\nwhile True:\n    b -= 0.5 * x.mean()\n    k += 1\n    if k >= 3:\n        break\n"
     "y = np.zeros(3) + b.item()", True),
    ("while True:\n    k += 1\n    if k > 1:\n        break\n    p = x @ w\ny = p", False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "known"), _WHILE_TRUE)
def test_a_loop_that_runs_at_least_once_keeps_what_keeps_its_shape(code: str, known: bool) -> None:
    head = "import numpy as np\nx = np.ones((8, 3))\nw = np.ones((3, 1))\n"
    head += "k = int(np.random.rand() * 2)\n"
    assert _agrees(head + code + "\n") == known


# --- JSON the program writes through pathlib and reads back (fresh36 UNK01) ----------------

_WRITTEN_TEXT = (
    ('path.write_text(json.dumps({"w": [[1.0, 2.0]]}))\ncfg = json.loads(path.read_text())\n'
     'y = np.array(cfg["w"])', True),
    ('path.write_text(json.dumps({"w": [1, 2]}))\nwith open("layer.json") as f:\n'
     '    cfg = json.load(f)\ny = np.array(cfg["w"])', True),
    ('path.write_text(json.dumps({"w": [1, 2]}))\n'
     'cfg = json.loads(Path("layer.json").read_text())\ny = np.array(cfg["w"]) @ np.ones(3)', True),
    ('path.write_text("not json")\ncfg = json.loads(path.read_text())\ny = np.zeros(2)', True),
    ('if np.random.rand() > 2:\n    path.write_text(json.dumps({"w": [[1.0, 2.0]]}))\n'
     'y = np.zeros(2)', True),
    ('path.write_text(json.dumps({"w": [1]}))\npath.write_text(json.dumps({"w": [1, 2]}))\n'
     'cfg = json.loads(path.read_text())\ny = np.array(cfg["w"])', False),
    ('def save(path):\n    path.write_text(json.dumps({"w": [9]}))\nsave(Path("other.json"))\n'
     'path.write_text(json.dumps({"w": [1, 2]}))\n'
     'y = np.array(json.loads(path.read_text())["w"])', False),
)  # fmt: skip


@pytest.mark.parametrize(("code", "decided"), _WRITTEN_TEXT)
def test_json_written_through_pathlib_reads_back_as_written(
    tmp_path: Path, code: str, decided: bool
) -> None:
    head = 'import json\nfrom pathlib import Path\nimport numpy as np\npath = Path("layer.json")\n'
    assert _python_agrees(tmp_path, head + code) == decided


# --- choice's chances that are no probabilities (fresh36 WP07) ------------------------------

_CHANCES = (
    ("rng = np.random.default_rng(0)\nm = rng.choice(3, size=4, p=[0.5, 0.3, 0.3])", True),
    ("m = np.random.choice(3, size=4, p=[0.5, 0.3, 0.3])", True),
    ("m = np.random.choice(3, 4, True, [1.2, -0.2, 0.0])", True),
    ("m = np.random.choice(10, p=[0.1] * 10)", False),
    ("m = np.random.choice(3, p=[1 / 3] * 3)", False),
    ("m = np.random.choice(3, p=[0.5, 0.5, -0.0])", False),
    ("p = np.array([1, 2, 1]) / 4\nm = np.random.choice(3, 2, p=p)", False),
    ("p = np.exp(np.ones(3))\np /= p.sum()\nm = np.random.choice(3, 2, p=p)", False),
)


@pytest.mark.parametrize(("code", "raises"), _CHANCES)
def test_choice_s_chances_must_be_probabilities(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


# --- exact elementwise values: np.round, np.floor, np.abs … (fresh36 WP06) -------------------

_EXACT = (
    ("x = np.array([0.1, 2.7, 1.2])\nk = np.round(x).astype(int)\noh = np.eye(3)[k]", True),
    ("x = np.array([-1.5, 2.0])\nassert np.floor(x)[0] == -1.0", True),
    ("x = np.array([3, -2])\nassert np.sign(x)[1] == 1", True),
    ("x = np.array([0.5, 1.5, 2.5])\nk = np.round(x)\nassert k[0] == 0.0 and k[1] == 2.0", False),
    ("x = np.array([1.234, 2.345])\nassert np.round(x, 2)[0] == 1.23", False),
    ("x = np.array([-1.5, 2.0])\nassert np.abs(x)[0] == 1.5", False),
    ("x = np.array([1e200])\ns = np.square(x)\nassert np.isinf(s[0])", False),
    ("x = np.array([True, False])\nr = np.round(x)\nassert r[0]", False),
)


@pytest.mark.parametrize(("code", "raises"), _EXACT)
def test_exact_elementwise_values_are_known(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


@pytest.mark.parametrize(
    "code",
    [
        # hostile33 CR71: exec puts what the code binds into the dict it is given
        'config = "hidden = 5\\nW = np.zeros((4, hidden))"\nns = {"np": np}\n'
        'exec(config, ns)\nW = ns["W"]\ny = W @ np.ones(5)',
        # hostile33 CR72: globals()["name"] = … in a function binds the module's name
        'hidden = 3\ndef configure():\n    globals()["hidden"] = 5\nconfigure()\n'
        "y = np.zeros(hidden) + np.ones(5)",
        'h = 3\ndef f():\n    h = 2\n    globals()["h"] = 5\n    return np.zeros(h)\ny = f()',
    ],
)
def test_names_bound_through_exec_s_dict_or_globals_in_a_function(code: str) -> None:
    _agrees(f"import numpy as np\n{code}\n")


# --- review25 F17, F18: the sum of floats checked in whole numbers; sys.argv found by line --


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([0.5, 0.25, 1.0, 3.0, 0.1, -0.75, 2.0**-30, 1e16, 1 / 3, 2.0**60]),
            st.integers(-(2**70), 2**70),
        ),
        max_size=8,
    )
)
def test_an_exact_sum_of_floats_is_python_s_when_no_step_rounds(values: list) -> None:
    """The oracle: Python's own additions, each checked exact with fractions."""
    from fractions import Fraction

    from shapekit.engine._access import _exact_float_sum

    total: float | int = 0
    exact = True
    for value in values:
        try:
            added = total + value
        except OverflowError:
            exact = False
            break
        if Fraction(added) != Fraction(total) + Fraction(value):
            exact = False
            break
        total = added
    found = _exact_float_sum(0, values)
    assert (found is not None) == exact
    if exact:
        assert found == total and type(found) is type(total)


@pytest.mark.parametrize(
    ("text", "reaches"),
    [
        ("import sys\nn = int(sys.argv[1])\n", True),
        ("from sys import argv\n", True),
        ("import sys as s; s.argv = ['x']\n", True),
        ('# argv is read by argparse\nsys_x = "sys " * 3\n', False),
        ('s = "sys " * 25000\n# argv\n', False),
        ("args = parser.parse_args(argv)\n", False),
    ],
)
def test_what_reaches_sys_argv_is_found_line_by_line(text: str, reaches: bool) -> None:
    from shapekit.engine._argparse import _reaches_argv

    assert _reaches_argv(text) is reaches


# --- review25 F20, F22, F23: arrays held by functions, generators, the module ---------------

_HELD_ARRAYS = (
    # F20: the module's name is the one reference .resize() finds from inside a function
    "buffer = np.zeros(4)\ndef grow():\n    buffer.resize(6)\ngrow()\ny = buffer",
    "def outer():\n    buf = np.zeros(4)\n    def grow():\n        buf.resize(6)\n    grow()\n"
    "    return buf\ny = outer()",
    "a = np.zeros(4)\ndef grow(x):\n    x.resize(6)\ngrow(a)\ny = a",
    "buffer = np.zeros(4)\nb2 = buffer\ndef grow():\n    buffer.resize(6)\ngrow()\ny = buffer",
    # F22: an in-place reshape in a branch that does not run leaves partials and defaults be
    "import os\nfrom functools import partial\na = np.zeros(6)\ndef project(x):\n"
    "    return x @ np.ones(6)\nget = partial(project, a)\n"
    "if os.environ.get('SHAPEKIT_NEVER_SET_25'):\n    a.shape = (2, 3)\ny = get()",
    "import os\na = np.zeros(6)\ndef project(x=a):\n    return x @ np.ones(6)\n"
    "if os.environ.get('SHAPEKIT_NEVER_SET_25'):\n    a.shape = (2, 3)\ny = project()",
    # F23: a paused generator has not reshaped what it yielded yet
    "def batches():\n    buf = np.zeros(6)\n    yield buf\n    buf.shape = (2, 3)\n    yield buf\n"
    "stream = batches()\nfirst = next(stream)\ny = first @ np.ones(6)",
)


@pytest.mark.parametrize("code", _HELD_ARRAYS)
def test_arrays_held_by_functions_generators_and_the_module(tmp_path: Path, code: str) -> None:
    _python_agrees(tmp_path, f"import numpy as np\n{code}")


# --- review25 F29, F15: where CPython says a multi-line comparison's truth is asked ---------


@pytest.mark.parametrize(
    "code",
    [
        "if (\n    a > 0\n):\n    pass",
        "flag = True\nif (flag and\n    a > 0 and\n    flag):\n    pass",
        "x = (1 if\n    a > 0\n    else 2)",
        "while (\n    a >= 0\n):\n    break",
        "if (\n    a\n):\n    pass",
        "flag = True\nfor p, q in [(np.ones(1), np.ones(1)), (np.ones(2), np.ones(3))]:\n"
        "    if (flag and\n            p < q and\n            flag):\n        pass",
    ],
)
def test_a_multi_line_truth_test_at_the_line_cpython_names(code: str) -> None:
    assert _agrees(f"import numpy as np\na = np.zeros(3)\n{code}\ny = a\n")


# --- review25 F14, F25 -----------------------------------------------------------------------


def test_a_counter_rebound_in_its_loop_writes_another_step_s_item() -> None:
    """F14: `rows[i] = …` after `i += 1` writes the item the next step reads."""
    source = (
        "import numpy as np\nw = np.ones((5, 2))\nrows = [np.ones(5), np.ones(3)]\n"
        "for i, r in enumerate(rows):\n    y = r @ w\n    i += 1\n    if i < len(rows):\n"
        "        rows[i] = np.ones(5)\n"
    )
    _agrees(source)


@pytest.mark.parametrize(
    "words",
    ["# note: we never touch __builtins__ here", "# see sys.modules[__name__] in the docs"],
)
def test_a_comment_naming_builtins_or_sys_modules_is_no_code(words: str) -> None:
    """F25: a comment changes nothing the file does."""
    source = (
        f"import numpy as np\n{words}\nrows = [[1.0, 2.0], [3.0, 4.0]]\nw = np.ones((2, 3))\n"
        "for i in range(len(rows)):\n    y = np.array(rows[i]) @ w\n"
    )
    assert _agrees(source)


@pytest.mark.parametrize(
    ("code", "known"),
    [
        ('rows = ["a", "", "b"]\nz = list(filter(None, rows))\ny = np.zeros(len(z))', True),
        ("c = filter(None, [1, 0, 2])\nz = list(c)\nw = list(c)\ny = np.zeros(len(w) + 1)", True),
        ("z = filter(None, [np.ones(2), np.zeros(2)])\ny = np.zeros(3)", True),
        ("def keep(r):\n    return r > 0\nz = list(filter(keep, [1, -1, 2]))\n"
         "y = np.zeros(len(z))", False),
        ("L = []\ndef keep(r):\n    L.append(r)\n    return True\n"
         "z = list(filter(keep, [1, 2]))\ny = np.zeros(len(L))", False),
    ],
)  # fmt: skip
def test_filter_of_none_keeps_the_true_items(code: str, known: bool) -> None:
    """fresh36 UNK05: filter(None, rows) of rows known one by one."""
    assert _agrees(f"import numpy as np\n{code}\n") == known


_CSV_TEXT = (
    'import csv\nimport io\nimport numpy as np\nDATA = """x1,x2,label\n1.0,2.0,0\n2.0,5.0,1\n"""\n'
)


@pytest.mark.parametrize(
    ("code", "decided"),
    [
        ('records = list(csv.DictReader(io.StringIO(DATA)))\n'
         'y = np.array([[float(r[f]) for f in ("x1", "x2")] for r in records])', True),
        ('records = list(csv.DictReader(io.StringIO(DATA)))\n'
         'y = np.array([float(r["x3"]) for r in records])', True),
        ("rows = list(csv.reader(io.StringIO(DATA)))\ny = np.zeros(len(rows))", True),
        ('records = list(csv.DictReader(io.StringIO(DATA + "1,2\\n")))\n'
         "y = np.zeros(len(records))", False),
    ],
)  # fmt: skip
def test_csv_readers_of_text_written_in_the_file(code: str, decided: bool) -> None:
    """fresh36 UNK04: csv.reader and csv.DictReader of io.StringIO(text)."""
    assert _agrees(_CSV_TEXT + code + "\n") == decided


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("if True:\n    out = np.ones((2, 5))", "out"),
        ("for i in range(2):\n    W = np.ones((i + 1, 2))", "W"),
        ("while True:\n    W = np.ones(2)\n    break", "W"),
        ('with np.errstate(all="ignore"):\n    W = np.log(np.ones(3))', "W"),
        ("(W := np.ones((2, 2)))", "W"),
        ("try:\n    W = np.ones((3, 4))\nexcept OSError:\n    W = np.ones((3, 4))", "W"),
    ],
)
def test_a_run_without_names_reads_the_module_s_compound_statements(
    tmp_path: Path, code: str, name: str
) -> None:
    """fresh36 CR06: the array a module's `for`, `with`, `try` … binds is the file's one array."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    source = f"import numpy as np\n{code}\n"
    path = tmp_path / "main.py"
    path.write_text(source)
    namespace: dict = {}
    exec(compile(source, str(path), "exec"), namespace)  # the oracle
    (variable,) = check_file(str(path), Expectations()).variables
    assert (variable.name, variable.status, variable.shape) == (
        name, "ok", tuple(namespace[name].shape)
    )  # fmt: skip


@pytest.mark.parametrize(
    "code",
    [
        'params = {"W": np.ones((3, 4)), "b": np.zeros(3)}',
        "layers = [np.ones((3, 4)), np.ones((4, 2))]",
        "class Layer:\n    def __init__(self):\n        self.W = np.ones((3, 4))\nlayer = Layer()",
    ],
)
def test_a_run_without_names_of_arrays_held_in_containers_is_unknown(
    tmp_path: Path, code: str
) -> None:
    """fresh36 CR08: not judged (no failure), with a message that says why."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(f"import numpy as np\n{code}\n")
    result = check_file(str(path), Expectations())
    assert result.status == "unknown" and "no array is assigned on its own" in (
        result.variables[0].message
    )


def test_a_run_without_names_of_a_list_changed_later_is_not_judged_on_it(tmp_path: Path) -> None:
    """fresh36 CR07: written as an array, changed later into a ragged list, never made one."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    source = "out = [[1, 2], [3, 4]]\nout[0].append(5)\nprint(len(out[0]))\n"
    path = tmp_path / "main.py"
    path.write_text(source)
    exec(compile(source, str(path), "exec"), {})  # it runs
    (variable,) = check_file(str(path), Expectations()).variables
    assert variable.status == "unknown"
    path.write_text("inputs = [[1, 2.5], [3]]\n")  # written ragged: judged, an error
    (variable,) = check_file(str(path), Expectations()).variables
    assert variable.status == "error"


@pytest.mark.parametrize(
    "code",
    [
        # hostile33 CR73: super().__setattr__ sets the attribute on the object
        "class Layer:\n    def __init__(self, n):\n        super().__setattr__('w', np.zeros((4, n)))\n"
        "layer = Layer(5)\ny = layer.w @ np.ones(5)",
        # hostile33 CR74: a class body reads a name it binds itself from the module, not
        # from the function around it
        "hidden = 5\ndef build():\n    hidden = 4\n    class Layer:\n        size = hidden\n"
        "        hidden = 3\n    return np.zeros(Layer.size)\ny = build() + np.ones(5)",
        "def build():\n    hidden = 4\n    class Layer:\n        size = hidden\n"
        "    return np.zeros(Layer.size)\ny = build() + np.ones(4)",
    ],
)
def test_attributes_and_names_of_class_bodies_as_python_binds_them(code: str) -> None:
    _agrees(f"import numpy as np\n{code}\n")


@pytest.mark.parametrize(
    ("code", "raises"),
    [
        ("a = np.array([3.0, -1.0])\nassert np.array_equal(a, np.maximum(a, 0))", True),
        ("assert np.array_equal(np.ones(2), np.ones(3))", True),
        ("x = np.random.rand(3)\nassert np.array_equal(x, x.reshape(3, 1))", True),
        ("a = np.array([3.0, 1.0, 2.0])\nassert np.argsort(a)[0] == 0", True),
        ("a = np.array([3.0, 1.0])\nassert np.array_equal(a, np.maximum(a, 0))", False),
        ("assert np.array_equal([1, 2], (1, 2))", False),
        ("x = np.random.rand(3)\nassert np.array_equal(x, x)", False),
        ("assert not np.array_equal(np.full(2, np.nan), np.full(2, np.nan))", False),
        ("a = np.array([3.0, 1.0, 1.0])\nassert np.argsort(a)[0] == 1", False),
        ("a = np.array([3.0, 1.0, 2.0])\nk = np.argsort(a)[::-1][:2]\nassert list(k) == [0, 2]",
         False),
    ],
)  # fmt: skip
def test_array_equal_and_sorted_places_of_known_values(code: str, raises: bool) -> None:
    """fresh36 WP05, WP09."""
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


@pytest.mark.parametrize(
    ("code", "known"),
    [
        ("from collections import Counter\nlabels = [0, 2, 1, 2]\ncounts = Counter(labels)\n"
         "y = np.zeros(len(labels))", True),
        ("import statistics\nL = [1.0, 2.0]\nm = statistics.mean(L)\ny = np.zeros(len(L))", True),
        ("from collections import Counter\nit = iter([1, 2])\nc = Counter(it)\n"
         "y = np.zeros(len(list(it)) + 1)", True),
    ],
)  # fmt: skip
def test_a_standard_library_call_that_only_reads_its_list(code: str, known: bool) -> None:
    """fresh36 UNK09: Counter(labels) changes no label."""
    assert _agrees(f"import numpy as np\n{code}\n") == known


_ARRAY_LOOPS = (
    ("for lab in labels:\n    counts[lab] += 1", True),
    ("for lab in labels:\n    counts[lab] = 1", True),
    ("for lab in labels:\n    labels[1] = 1\n    counts[lab] = 1", False),
    ("v = labels[1:]\nfor lab in labels:\n    v[0] = 1\n    counts[lab] = 1", False),
    ("for lab in labels:\n    counts[lab % 2] += lab\nassert counts[0] == 2", False),
)


@pytest.mark.parametrize(("code", "raises"), _ARRAY_LOOPS)
def test_a_loop_over_an_array_reads_each_number_at_its_step(code: str, raises: bool) -> None:
    """fresh36 WP01: `counts[lab] += 1` over labels of known values, out of bounds."""
    head = "import numpy as np\ncounts = np.zeros(2, dtype=int)\nlabels = np.array([0, 2, 1, 0])\n"
    decided = _agrees(head + code + "\ny = np.zeros(2)\n")
    assert decided or not raises


def test_a_notebook_cell_s_shown_value_runs_its_repr_methods(tmp_path: Path) -> None:
    """hostile33 CR75: IPython shows a cell's last value through its _repr_html_ …"""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    cells = [
        "import numpy as np\nL = []\nclass W:\n    def _repr_html_(self):\n"
        "        L.append(1)\n        return '<b>w</b>'\nW()",
        "out = np.zeros(len(L)) + np.ones(1)",
    ]
    result = check_file(str(_notebook(tmp_path, cells)), Expectations.parse(["out=1"]))
    assert result.status != "failed"


@pytest.mark.parametrize(
    "change",
    ["helper.cfg.hidden = 5", "helper.D['n'] = 5", "helper.cfg.__dict__['hidden'] = 5"],
)
def test_an_object_a_helper_module_holds_changed_from_main(tmp_path: Path, change: str) -> None:
    """hostile33 CR69: what the module holds, and what its functions read, may change."""
    (tmp_path / "helper.py").write_text(
        "import numpy as np\nclass Config:\n    hidden = 3\ncfg = Config()\nD = {'n': 3}\n"
        "def layer_output():\n    return np.zeros((2, cfg.hidden + D['n'] - 3))\n"
    )
    source = f"import numpy as np\nimport helper\n{change}\nh = helper.layer_output()\ny = h @ np.ones(5)"
    _python_agrees(tmp_path, source)


def test_a_run_without_names_of_a_file_holding_only_a_docstring(tmp_path: Path) -> None:
    """hostile33: a docstring is no value to judge (no array: unknown, not an error)."""
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text('"""The layer exercise."""\n')
    (variable,) = check_file(str(path), Expectations()).variables
    assert variable.status == "unknown"  # (no array: nothing to judge; "missing" before)


@pytest.mark.parametrize(
    ("code", "decided"),
    [
        ("from numpy import seterr\nnp.seterr(divide='raise')\nseterr(divide='ignore')\n"
         "y = np.log(x)", True),
        ("from numpy import seterr\nseterr(divide='raise')\ny = np.log(x)", True),
        ("from numpy import errstate\nwith errstate(divide='raise'):\n    y = np.log(x)", True),
    ],
)  # fmt: skip
def test_numpy_s_settings_imported_by_name(tmp_path: Path, code: str, decided: bool) -> None:
    """review25 F2c: `from numpy import seterr` is NumPy's seterr."""
    source = f"import numpy as np\nx = np.array([0.0, 1.0])\n{code}"
    assert _python_agrees(tmp_path, source) == decided


@pytest.mark.parametrize(
    "code",
    [
        "log = []\ndef record(x):\n    log.append(x)\nrecord.__call__(5)\ny = np.zeros(len(log))",
        "class Base:\n    w = np.zeros(3)\nclass Layer(Base):\n    def __init__(self):\n"
        "        self.w = np.zeros(5)\nlayer = Layer()\nlayer.__delattr__('w')\n"
        "y = layer.w + np.ones(3)",
        "class Base:\n    def __init__(self, n):\n        self.w = np.zeros(n)\n"
        "class Layer(Base):\n    def __init__(self):\n        super().__init__(4)\n"
        "y = Layer().w + np.ones(4)",
    ],
)
def test_special_methods_called_by_name_run(code: str) -> None:
    """hostile33 CR73b: record.__call__(5), layer.__delattr__("w")."""
    _agrees(f"import numpy as np\n{code}\n")


@pytest.mark.parametrize(
    ("code", "raises"),
    [
        ("a = np.array([3.0, -1.0])\nassert np.where(a > 0, a, 0.0)[1] == -1.0", True),
        ("z = np.array([[1.5, -0.2], [-1.0, 2.2]])\nleaky = np.where(z > 0, z, 0.01 * z)\n"
         "assert np.array_equal(np.maximum(0, z), leaky)", True),
        ("a = np.array([1, -2])\nb = np.where(a > 0, a, 0)\nassert b[1] == 0", False),
        ("a = np.array([1, -2])\nb = np.where(a > 0, a, 0.5)\nassert b[1] == 0.5", False),
    ],
)  # fmt: skip
def test_np_where_picks_known_values(code: str, raises: bool) -> None:
    """fresh36 WP05: leaky ReLU by np.where is not ReLU."""
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=1, max_size=12),
    st.sampled_from(["std", "var"]),
)
def test_the_bound_of_a_standard_deviation_holds_numpy_s(values: list, name: str) -> None:
    """fresh36 WP08: .std() and .var() known up to rounding; NumPy's own is inside."""
    import numpy as np

    from shapekit.engine._approx import reduced

    a = np.array(values)
    found = reduced(name, (a, np.zeros(a.shape)), {})
    if found is not None:
        r, e = found
        assert abs(float(getattr(np, name)(a)) - float(r)) <= float(e)


@pytest.mark.parametrize(
    ("code", "raises"),
    [
        ("v = np.array([1.0, 2.0, 3.0])\nassert v.std() < 0.5", True),
        ("X = np.array([[1.0, 2.0, 3.0], [2.0, 0.0, 1.0], [4.0, 5.0, 0.5]])\n"
         "Xs = (X - X.mean(axis=0)) / X.std(axis=1, keepdims=True)\n"
         "assert np.allclose(Xs.std(axis=0), 1)", True),
        ("v = np.array([1.0, 2.0, 3.0])\nassert v.std() > 0.5", False),
        ("X = np.random.rand(5, 3)\nXs = (X - X.mean(axis=0)) / X.std(axis=0)\n"
         "assert np.allclose(Xs.std(axis=0), 1)", False),
        ("v = np.array([0.1, 0.2, 0.3])\nassert np.isclose(v.var(), 0.006666666666666667)", False),
    ],
)  # fmt: skip
def test_a_standard_deviation_known_up_to_rounding(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


@pytest.mark.parametrize(
    ("code", "raises"),
    [
        ("v = np.array([1.0, 2.0, 4.0])\nassert np.median(v) == 3.0", True),
        ("v = np.array([1.0, 2.0, 4.0, 7.0])\nassert np.median(v) == 3.0", False),
        ("v = np.array([[1.0, 2.0], [4.0, 8.0]])\nassert np.median(v, axis=0)[1] == 5.0", False),
        ("v = np.array([0.1, 0.2])\nassert np.median(v) == 0.15000000000000002", False),
    ],
)
def test_a_median_of_known_values(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=2, max_size=12
    ).filter(lambda v: len(v) % 2 == 0),
    st.sampled_from([None, (0,), (1,), (0, 1)]),
    st.booleans(),
)
def test_the_bound_of_a_norm_holds_numpy_s(values: list, axes: tuple | None, keep: bool) -> None:
    """fresh36 WP02: np.linalg.norm known up to rounding; NumPy's own is inside."""
    import numpy as np

    from shapekit.engine._approx import norm
    from shapekit.engine._operands import array

    a = np.array(values).reshape(2, -1)
    found = norm(array(a.shape, a, "f"), axes, keep)
    if found is not None:
        r, e = found
        told = np.linalg.norm(a, axis=axes, keepdims=keep)
        assert np.all(np.abs(told - r) <= e)


@pytest.mark.parametrize(
    ("code", "raises"),
    [
        ("x = np.array([[3.0, 4.0], [6.0, 8.0]])\nunit = x / np.linalg.norm(x, axis=1, "
         "keepdims=True)\nassert np.allclose(np.linalg.norm(unit, axis=0), 1)", True),
        ("x = np.array([3.0, 4.0])\nassert np.linalg.norm(x) > 6", True),
        ("x = np.array([[3.0, 4.0], [6.0, 8.0]])\nunit = x / np.linalg.norm(x, axis=1, "
         "keepdims=True)\nassert np.allclose(np.linalg.norm(unit, axis=1), 1)", False),
        ("x = np.random.rand(4, 3)\nu = x / np.linalg.norm(x, axis=1, keepdims=True)\n"
         "assert np.allclose(np.linalg.norm(u, axis=1), 1)", False),
        ("x = np.array([[1.0, 2.0], [3.0, 4.0]])\nn = np.linalg.norm(x, axis=(0, 1))\n"
         "assert abs(n - 30 ** 0.5) < 1e-12", False),
    ],
)  # fmt: skip
def test_a_norm_known_up_to_rounding(code: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\n{code}\ny = np.zeros(2)\n")
    assert decided or not raises
