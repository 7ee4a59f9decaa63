"""Twenty-sixth pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, which runs it in this process, and
:func:`tests.engine.test_twentyfourth_pass._python_agrees`, which runs ``python main.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentyfourth_pass import _python_agrees

# --- an array's shape set through a route back to it (hostile33 CR70) -----------------------

#: expressions that give ``a`` itself (or one of the arrays given), then ``r.shape = …``
_ROUTES_BACK = (
    "a.view().base",
    "a[...].base",
    "a.reshape(3).base",
    "a[:].base",
    "a.__array__()",
    "functools.partial(print, a).args[0]",
    "(lambda x: lambda: x)(a).__closure__[0].cell_contents",
    "max([a], key=len)",
    "min((a,), key=len)",
    "sorted([a], key=len)[0]",
    "sorted([a])[0]",
    "random.choice([a])",
    "random.choice([a, a])",
    'collections.ChainMap({"a": a})["a"]',
    "np.asarray(a)",
    "a.view()",
    "[a][0]",
    "next(iter([a]))",
    "copy.copy([a])[0]",
    'getattr(a, "T").T.base',
)


@pytest.mark.parametrize("route", _ROUTES_BACK)
@pytest.mark.parametrize("shape", ["(3, 1)", "(1, 3)"])
def test_a_shape_set_through_a_route_back_to_the_array(route: str, shape: str) -> None:
    _agrees(
        "import numpy as np, functools, random, collections, copy\n"
        f"a = np.zeros(3)\nr = {route}\nr.shape = {shape}\ny = a + np.ones((3, 4))\n"
    )


@pytest.mark.parametrize(
    "code",
    [
        "type(a).shape.__set__(a, (3, 1))",
        "np.ndarray.shape.__set__(a, (3, 1))",
        "type(a).shape.__set__(a, (4, 1))",
        "type(a).shape.__set__(a, (1, 3))",
    ],
)
def test_the_shape_descriptor_called_by_hand_sets_the_shape(code: str) -> None:
    assert _agrees(f"import numpy as np\na = np.zeros(3)\n{code}\ny = a + np.ones((3, 4))\n")


@pytest.mark.parametrize(
    ("pick", "decided"),
    [
        ("random.choice([a, b])", False),
        ("sorted([a, b], key=len)[1]", True),  # (a stable sort of equal lengths: b itself)
        ("sorted([b, a], key=len)[0]", True),
        ("max([a, b], key=len)", True),  # (the first of the largest: a itself)
    ],
)
def test_a_pick_among_arrays_reshaped_leaves_each_not_known(pick: str, decided: bool) -> None:
    source = (
        "import numpy as np, random\na = np.zeros(3)\nb = np.zeros(3)\n"
        f"r = {pick}\nr.shape = (3, 1)\ny = a + b + np.ones((3, 4))\n"
    )
    assert _agrees(source) == decided


def test_a_shape_set_on_an_unknown_value_spares_arrays_of_another_size() -> None:
    # x has 3 elements after x.shape = (3, 1): the 4 elements of w are not x's
    assert _agrees(
        "import numpy as np, pickle\nw = np.ones(4)\nx = pickle.loads(pickle.dumps(np.ones(3)))\n"
        "x.shape = (3, 1)\n"
        "y = w + np.ones((2, 3))\n"
    )


# --- a context manager's __exit__ returning a false value (hostile33 WP46) ------------------


@pytest.mark.parametrize("returned", ["[]", "()", "{}", "0", "''", "None", "False", "1"])
def test_an_exit_that_returns_a_false_value_lets_the_error_through(returned: str) -> None:
    source = (
        "import numpy as np\nclass Quiet:\n    def __enter__(self):\n        return self\n"
        f"    def __exit__(self, *exc):\n        return {returned}\n"
        "with Quiet():\n    y = np.zeros(2)\n    y = y @ np.ones(5)\ny = y + np.ones(2)\n"
    )
    decided = _agrees(source)
    assert decided or returned == "1"


# --- super().__init__(…) reaching object.__init__ (hostile33 WP48) --------------------------

_SUPER_INITS = (
    # (classes, raises)
    ("class L:\n    def __init__(self, n):\n        super().__init__(n)\n", True),
    ("class L(object):\n    def __init__(self, n):\n        super().__init__(n=n)\n", True),
    (
        "class B:\n    pass\nclass L(B):\n    def __init__(self, n):\n        super().__init__(n)\n",
        True,
    ),
    ("class L:\n    def __init__(self, n):\n        super().__init__()\n", False),
    (
        "class B:\n    def __init__(self, n):\n        self.n = n\n"
        "class L(B):\n    def __init__(self, n):\n        super().__init__(n)\n",
        False,
    ),
    (
        "class A:\n    def __init__(self, n):\n        super().__init__(n)\n"
        "class B:\n    def __init__(self, n):\n        self.n = n\n"
        "class L(A, B):\n    pass\n",
        False,
    ),
    (
        "class L:\n    def __new__(cls, n):\n        return super().__new__(cls)\n"
        "    def setup(self, n):\n        super().__init__(n)\n",
        False,
    ),
    ("class L(dict):\n    def __init__(self, n):\n        super().__init__(n=n)\n", False),
    (
        "import collections\nclass L(collections.OrderedDict):\n"
        "    def __init__(self, n):\n        super().__init__(n=n)\n",
        False,
    ),
)


@pytest.mark.parametrize(("classes", "raises"), _SUPER_INITS)
def test_super_init_with_arguments_reaching_object_raises(classes: str, raises: bool) -> None:
    call = "L(3).setup(3)" if "setup" in classes else "L(3)"
    decided = _agrees(f"import numpy as np\n{classes}layer = {call}\ny = np.zeros(3)\n")
    assert decided


# --- a built-in function iterating a single number (hostile33 WP53) -------------------------

_ITERATED = (
    ("sum(X.mean())", True),
    ("sum(np.mean(X))", True),
    ("sum(X[0, 0])", True),
    ("list(X.max())", True),
    ("max(X.mean())", True),
    ("sorted(X.sum())", True),
    ("tuple(np.float64(2))", True),
    ("reversed(X.sum())", True),
    ("map(float, X.mean())", True),
    ("enumerate(np.float32(1))", True),
    ("zip(X[0], X.sum())", True),
    ("sum(3.0)", True),
    ("sum(X.mean(axis=0))", False),
    ("max(X.mean(), 2)", False),
    ("set(X.mean(axis=1))", False),
    ("sum([X.mean()])", False),
    ("list(X.mean(keepdims=True))", False),
    ("min(X.mean(axis=None, keepdims=True))", False),
)


@pytest.mark.parametrize(("call", "raises"), _ITERATED)
def test_a_builtin_that_iterates_a_single_number_raises(call: str, raises: bool) -> None:
    decided = _agrees(
        f"import numpy as np\nX = np.random.rand(4, 3)\nz = {call}\ny = np.zeros(3)\n"
    )
    assert decided


# --- a number given by place where NumPy takes the dtype (hostile33 WP55) -------------------

_DTYPE_PLACES = (
    ("np.ones_like(w, 3)", True),
    ("np.zeros_like(w, 2.0)", True),
    ("np.arange(3, 4, 5, 6)", True),
    ("np.eye(2, 3, 4, 5)", True),
    ("np.linspace(0, 1, 5, 6, 7, 8)", True),
    ("np.random.default_rng(0).integers(0, 5, 3, 2)", True),
    ("np.cumsum(w, 0, 3)", True),
    ("np.asarray(w, 3)", True),
    ("np.ones_like(w, float)", False),
    ("np.arange(0, 12, 1, float)", False),
    ("np.eye(3, 3, 0, int)", False),
    ("np.linspace(0, 1, 5, True, False, np.float32)", False),
    ("np.random.default_rng(0).integers(0, 5, 3, np.int8)", False),
    ("np.cumsum(w, 0, None)", False),
)


@pytest.mark.parametrize(("call", "raises"), _DTYPE_PLACES)
def test_a_number_where_the_dtype_goes_is_python_s_type_error(call: str, raises: bool) -> None:
    decided = _agrees(
        f"import numpy as np\nw = np.random.rand(2, 3)\nz = {call}\ny = np.zeros(3)\n"
    )
    assert decided


# --- out= of a running sum or product (hostile33 WP54) ---------------------------------------

_ACCUMULATED_INTO = (
    ("np.cumsum(X, out=np.empty(5))", True),
    ("np.cumsum(X, out=np.empty((6, 1)))", True),
    ("np.cumsum(X, out=np.empty((2, 3)))", True),
    ("np.cumsum(X, axis=1, out=np.empty((3, 2)))", True),
    ("np.cumsum(X, axis=1, out=np.empty(6))", True),
    ("np.cumprod(X, 0, None, np.empty((1, 2, 3)))", True),
    ("X.cumsum(out=np.empty(5))", True),
    ("X.cumsum(1, None, np.empty((2, 2)))", True),
    ("np.cumsum(X, out=np.empty(6))", False),
    ("np.cumsum(X, axis=1, out=np.empty((2, 3)))", False),
    ("X.cumprod(axis=0, out=np.zeros((2, 3)))", False),
    ("np.cumsum(X, 1, None, np.empty((2, 3), dtype=np.float32))", False),
)


@pytest.mark.parametrize(("call", "raises"), _ACCUMULATED_INTO)
def test_a_running_sum_writes_only_into_an_out_of_its_shape(call: str, raises: bool) -> None:
    decided = _agrees(f"import numpy as np\nX = np.random.rand(2, 3)\nz = {call}\ny = z\n")
    assert decided


# --- the numbers np.linspace makes (fresh36 WP11) --------------------------------------------

_LINSPACES = (
    ("np.eye(4)[(np.linspace(0, 1, 5) * 4).astype(int)]", True),
    ("np.eye(5)[(np.linspace(0, 1, 5) * 4).astype(int)]", False),
    ("np.eye(4)[(np.linspace(0, 1, 5, endpoint=False) * 5).astype(int)]", False),
    ("np.eye(4)[(np.linspace(0, 1, 5, False) * 5).astype(int)]", True),
    ("np.eye(5)[(np.linspace(0, 1, 5, False, True)[0] * 5).astype(int)]", False),
    ("np.zeros(3)[int(np.linspace(-1, 2, 4)[3])]", False),
    ("np.zeros(3)[int(np.linspace(-1, 3, 5)[4])]", True),
    ("np.zeros(2)[int(np.linspace(0.0, 1.0, 11)[7] * 3)]", True),
)


@pytest.mark.parametrize(("code", "raises"), _LINSPACES)
def test_the_numbers_of_linspace_are_numpy_s(code: str, raises: bool) -> None:
    assert _agrees(f"import numpy as np\nz = {code}\ny = np.zeros(2)\n")


# --- the kind of numbers NumPy's elementwise functions give (review26 F5) --------------------


def _elementwise_names() -> list[str]:
    from shapekit.engine._numpy_api import ELEMENTWISE, FLOAT_RESULTS

    return sorted(n for n in FLOAT_RESULTS | ELEMENTWISE if "." not in n and hasattr(np, n))


@pytest.mark.parametrize("name", _elementwise_names())
@pytest.mark.parametrize(
    "made", ["np.ones(3, dtype=complex)", "np.arange(3.0).astype(complex) - 5", "np.arange(3) + 0j"]
)
def test_an_elementwise_function_of_complex_numbers_is_not_said_to_give_floats(
    name: str, made: str
) -> None:
    from shapekit.engine._operands import KIND_LETTERS
    from shapekit.engine.program import analyse

    namespace: dict[str, object] = {"np": np}
    try:
        with np.errstate(all="ignore"):
            exec(f"y = np.{name}({made})", namespace)
    except (TypeError, ValueError):
        return  # NumPy refuses complex numbers there
    found = analyse([(None, f"import numpy as np\ny = np.{name}({made})\n")]).binding("y")
    if found is not None and found.status == "known" and found.dtype is not None:
        kind = np.asarray(namespace["y"]).dtype.kind
        assert found.dtype == KIND_LETTERS.get(kind, kind)


# --- a raise or an exit in a try's else (review26 F3) -----------------------------------------

_ELSE_ENDS = (
    "try:\n    import click\nexcept ImportError:\n    click = None\nelse:\n    sys.exit(0)\n",
    "try:\n    import PIL\nexcept ImportError:\n    pass\nelse:\n    raise SystemExit\n",
    "try:\n    n = 3\nexcept ValueError:\n    n = 4\nelse:\n    if len(sys.argv) >= 1:\n"
    "        sys.exit(0)\n",
    "try:\n    import json\nexcept ImportError:\n    json = None\nelse:\n"
    "    raise RuntimeError('stop')\n",
    "try:\n    if random.random() > 2:\n        raise ValueError\nexcept ValueError:\n"
    "    pass\nelse:\n    if random.random() < 2:\n        sys.exit(0)\n",
    "try:\n    import json\nexcept ImportError:\n    sys.exit(1)\nelse:\n    json = None\n",
)


@pytest.mark.parametrize("ending", _ELSE_ENDS)
def test_a_raise_or_exit_in_a_try_s_else_ends_the_file_there(tmp_path: Path, ending: str) -> None:
    source = (
        "import random, sys\nimport numpy as np\n"
        f"{ending}y = np.dot(np.ones((3, 4)), np.ones((3, 4)))\n"
    )
    _python_agrees(tmp_path, source)


# --- an item written evaluates its target's parts once (review26 F9) -------------------------

_WRITTEN_ONCE = (
    "ranks = np.zeros(3)\norder = [2, 0, 1]\nfor k in range(3):\n    ranks[order.pop()] = k\n",
    "a = np.zeros(4)\nidx = [0, 1]\na[idx.pop()] = 5.0\na[idx.pop()] = 5.0\n",
    "rows = [np.zeros(3)]\nrows.pop()[0] = 5\n",
    "small = np.zeros(2)\nit = iter([1])\nsmall[next(it)] = 5\n",
    "m = {'a': np.zeros(2)}\nm.pop('a')[0] = 5\n",
    "L = [0, 0]\nidx = [0, 1]\nL[idx.pop()] = 5\nL[idx.pop()] = 5\n",
    "d = {}\nkeys = ['a', 'b']\nd[keys.pop()] = 1\nd[keys.pop()] = 2\nz = d['a'] + d['b']\n",
    "a = np.zeros(2)\nidx = [0, 1]\na[idx.pop()] += 1\na[idx.pop()] += 1\n",
    "a = np.zeros(2)\nidx = [0]\na[idx.pop()] = 1\na[idx.pop()] = 1\n",
    "a = np.zeros((2, 2))\nidx = [0, 1]\na[idx.pop(), idx.pop()] = 7\n",
)


@pytest.mark.parametrize("code", _WRITTEN_ONCE)
def test_an_item_written_evaluates_its_target_once(code: str) -> None:
    _agrees(f"import numpy as np\n{code}y = np.zeros(2)\n")


# --- what deque() and OrderedDict() hold; csv readers; archives (review26 F6, F7, F10) -------

_HELD_AND_READ = (
    "from collections import deque\nclass L:\n    def __init__(self):\n"
    "        self.W = np.zeros((3, 4))\nlayers = [L()]\nfor layer in deque(layers):\n"
    "    layer.W = layer.W.T\ny = layers[0].W @ np.ones(3)\n",
    "from collections import OrderedDict\nparams = {'W': np.zeros((3, 4))}\n"
    "ordered = OrderedDict(params)\nordered['W'].shape = (4, 3)\ny = params['W'] @ np.ones(3)\n",
    "from collections import deque\nrows = [[1.0, 2.0], [3.0, 4.0]]\ndeque(rows)[0].append(9.0)\n"
    "y = np.array(rows)\n",
    "import csv, io\nreader = csv.DictReader(io.StringIO('a,b\\n1,2\\n3,4\\n'))\n"
    "columns = reader.fieldnames\ny = np.array([[float(r[c]) for c in columns] for r in reader])\n",
    "import csv, io\nreader = csv.reader(io.StringIO('1,2\\n3,4\\n'))\nrows = list(reader)\n"
    "n = reader.line_num\ny = np.zeros(n)\n",
    "import io\ntexts = ['1 2 3\\n4 5 6\\n', '1 2\\n3 4\\n']\n"
    "first = np.loadtxt(io.StringIO(texts.pop()))\nsecond = np.loadtxt(io.StringIO(texts.pop()))\n"
    "y = first @ second\n",
)


@pytest.mark.parametrize("code", _HELD_AND_READ)
def test_what_a_library_object_holds_or_reads(code: str) -> None:
    _agrees(f"import numpy as np\n{code}")


def test_an_archive_of_numpy_s_is_no_dict(tmp_path: Path) -> None:
    source = (
        "import numpy as np\nnp.savez('model.npz', W=np.zeros((3, 4)))\n"
        "params = np.load('model.npz')\nif isinstance(params, dict):\n    y = params['W']\n"
        "else:\n    y = params['W'].T\nz = y @ np.ones(3)\n"
    )
    _python_agrees(tmp_path, source)


# --- a '#' in a string is no comment (review26 F13) ------------------------------------------


def test_code_after_a_hash_in_a_string_is_code(tmp_path: Path) -> None:
    source = (
        "import numpy as np\nW = np.zeros((3, 4))\n"
        'print("# set-up"); import __main__\n__main__.W = np.zeros((4, 3))\ny = W @ np.ones(3)\n'
    )
    _python_agrees(tmp_path, source)


# --- what a method is called on is evaluated once (review26 F12) -----------------------------

_RECEIVED_ONCE = (
    "handlers = [lambda x: x * 2, lambda x: x + 1]\nhandlers.pop().__call__(np.zeros(3))\n"
    "y = np.zeros(len(handlers))\n",
    "calls = []\ndef make():\n    calls.append(1)\n    return lambda v: v\nmake().__call__(1)\n"
    "y = np.zeros(len(calls))\n",
    "ls = [[1], [2]]\nls.pop().append(3)\ny = np.zeros(len(ls))\n",
    "ls = [{'a': 1}, {'a': 2}]\nls.pop().__getitem__('a')\ny = np.zeros(len(ls))\n",
    "ls = [np.zeros(3), np.zeros(4)]\nz = ls.pop().reshape(2, 2)\ny = np.zeros(len(ls))\n",
    "ls = [np.zeros(3), np.zeros(4)]\nz = ls.pop().reshape(3, 1)\ny = z\n",
)


@pytest.mark.parametrize("code", _RECEIVED_ONCE)
def test_what_a_method_is_called_on_is_evaluated_once(code: str) -> None:
    _agrees(f"import numpy as np\n{code}")


# --- copy.deepcopy makes new arrays (hostile34 CR77) -----------------------------------------

_DEEP_COPIES = (
    "L = [np.zeros(6)]\nM = copy.deepcopy(L)\nM[0].shape = (3, 2)\ny = L[0]\n",
    "L = [np.zeros(6)]\nM = copy.deepcopy(L)\nM[0].resize(8, refcheck=False)\ny = L[0]\n",
    "L = (np.zeros(6), 1)\nM = copy.deepcopy(L)\nM[0].shape = (3, 2)\ny = L[0]\n",
    "L = [np.zeros(2, int)]\nM = copy.deepcopy(L)\nM[0] += 3\ny = np.zeros(L[0][0] + 1)\n",
    "a = np.zeros(6)\nM = copy.deepcopy([a, a])\nM[0].shape = (3, 2)\ny = M[1]\n",
    "L = [[1.0], [2.0]]\nM = copy.deepcopy(L)\nM[0].append(3.0)\ny = np.array(L)\n",
    "L = [np.zeros(6)]\nM = copy.copy(L)\nM[0].shape = (3, 2)\ny = L[0]\n",
    "L = [np.broadcast_to(np.zeros(3), (2, 3))]\nM = copy.deepcopy(L)\nM[0][0, 0] = 1\ny = M[0]\n",
)


@pytest.mark.parametrize("code", _DEEP_COPIES)
def test_a_deep_copy_holds_new_arrays(code: str) -> None:
    _agrees(f"import numpy as np, copy\n{code}")


# --- what np.vectorize hands its function (hostile34 CR76) -----------------------------------

_VECTORIZED = (
    ('np.array(["ab", "c"])', "len(x)"),
    ('np.array(["ab", "c"])', "x.upper()"),
    ('np.array(["ab", "c"])', "x[0]"),
    ('np.array([b"ab", b"c"])', "x.decode()"),
    ('["ab", "c"]', "len(x)"),
    ("np.array([1.0, 2.0])", "x * 2"),
    ("np.array([1.0, 2.0])", "len(x)"),
    ("[[1, 2], [3, 4]]", "x + 1"),
    ("np.arange(3)", "x.shape"),
)


@pytest.mark.parametrize(("given", "body"), _VECTORIZED)
def test_vectorize_hands_its_function_each_element(given: str, body: str) -> None:
    source = f"import numpy as np\n@np.vectorize\ndef f(x):\n    return {body}\ny = f({given})\n"
    _agrees(source)
    try:
        exec(compile(source, "<test>", "exec", dont_inherit=True), {})
    except Exception:
        return
    found = analyse([(None, source)]).binding("y")  # it runs: y is no error
    assert found is not None and found.status != "error", found


# --- `is` between equal numbers or texts (hostile34 CR78) ------------------------------------

_IDENTITIES = (
    "x = 1000\nv = 1000\nok = x is v",
    "x = 2.5\nv = 2.5\nok = x is v",
    "x = 'hello'\nv = 'hel' + 'lo'\nok = x is v",
    "x = 10 ** 3\nv = 1000\nok = x is v",
    "x = 5\nv = 5\nok = x is v",
    "x = 5\nv = 6\nok = x is v",
    "x = 1000\nv = 1001\nok = x is not v",
    "x = True\nv = True\nok = x is v",
    "x = 1\nv = True\nok = x is v",
    "x = float('nan')\nok = x is x",
)


@pytest.mark.parametrize("code", _IDENTITIES)
def test_is_between_equal_constants_is_not_made_up(code: str) -> None:
    namespace: dict[str, object] = {}
    exec(compile(code, "<test>", "exec", dont_inherit=True), namespace)
    source = f"import numpy as np\n{code}\ny = np.zeros(2) if ok else np.zeros(3)\n"
    _agrees(source)


# --- a function's defaults or code replaced (hostile34 CR83) ---------------------------------

_REPLACED_PARTS = (
    "def f(n=2):\n    return np.zeros(n)\nf.__defaults__ = (5,)\ny = f()\n",
    "def f(*, n=2):\n    return np.zeros(n)\nf.__kwdefaults__ = {'n': 4}\ny = f()\n",
    "def f(n=2):\n    return np.zeros(n)\ndef g(n=2):\n    return np.zeros(n + 4)\n"
    "f.__code__ = g.__code__\ny = f()\n",
    "def f(n=2):\n    return np.zeros(n)\nf.calls = 0\ny = f()\n",
)


@pytest.mark.parametrize("code", _REPLACED_PARTS)
def test_a_function_whose_defaults_or_code_are_replaced(code: str) -> None:
    _agrees(f"import numpy as np\n{code}")


# --- the module builtins imported beside others (hostile34 CR79) -----------------------------


@pytest.mark.parametrize(
    "imports",
    ["import numpy as np, builtins", "import builtins as b, numpy as np", "import os, builtins"],
)
def test_a_builtin_replaced_through_builtins_imported_in_a_list(
    tmp_path: Path, imports: str
) -> None:
    alias = "b" if "as b" in imports else "builtins"
    source = (
        f"{imports}\nimport numpy as np\n"
        f"{alias}.len = lambda x, _len=len: 4 if x == [1] else _len(x)\ny = np.zeros(len([1]))\n"
    )
    _python_agrees(tmp_path, source)


# --- a loop over zip() or enumerate() of arrays writing counts (fresh37 WP02) ----------------

_ZIPPED_COUNTS = (
    "cm = np.zeros((1, 1), dtype=int)\nfor p, t in zip(pred, y):\n    cm[t, p] += 1\n",
    "cm = np.zeros((2, 2), dtype=int)\nfor p, t in zip(pred, y):\n    cm[t, p] += 1\n",
    "cm = np.zeros((2, 2), dtype=int)\nfor t, p in zip(y, pred):\n    cm[t, p] += 1\n",
    "counts = np.zeros(2)\nfor i, lab in enumerate(pred):\n    counts[lab] += i\n",
    "counts = np.zeros(3)\nfor i, lab in enumerate(pred):\n    counts[i] += lab\n",
    "counts = np.zeros(2)\nfor i, lab in enumerate(pred):\n    counts[i] += lab\n",
    "cm = np.zeros((2, 2), dtype=int)\nfor p, t in zip(pred, [0, 1, 1]):\n    cm[t, p] += 1\n",
    "cm = np.zeros((2, 1), dtype=int)\nfor p, t in zip(pred, [0, 1, 1]):\n    cm[t, p] += 1\n",
    "cm = np.zeros((2, 2), dtype=int)\nfor p, t in zip(pred, y):\n    pred[0] = 5\n    cm[t, p] += 1\n",
)


@pytest.mark.parametrize("loop", _ZIPPED_COUNTS)
def test_a_loop_over_zipped_arrays_writes_where_its_items_say(loop: str) -> None:
    _agrees(f"import numpy as np\npred = np.array([0, 1, 1])\ny = np.array([0, 0, 1])\n{loop}")


# --- np.triu_indices and np.tril_indices (fresh37 WP06) --------------------------------------

_TRIANGLES = (
    "M = np.zeros((4, 4))\nM[np.triu_indices(4, k=1)] = np.arange(7)\ny = M",
    "M = np.zeros((4, 4))\nM[np.triu_indices(4, k=1)] = np.arange(6)\ny = M",
    "M = np.zeros((4, 4))\nM[np.tril_indices(4)] = np.arange(10)\ny = M",
    "M = np.zeros((3, 5))\nM[np.triu_indices(3, 0, 5)] = 1\ny = M[np.triu_indices(3, 0, 5)]",
    "M = np.zeros((3, 3))\ny = M[np.tril_indices(4)]",
    "r, c = np.triu_indices(5, 2)\ny = np.zeros(len(r) + len(c))",
    "y = np.zeros((2, 2))[np.triu_indices(2, -1)]",
)


@pytest.mark.parametrize("code", _TRIANGLES)
def test_the_indices_of_a_triangle_are_numpy_s(code: str) -> None:
    assert _agrees(f"import numpy as np\n{code}\n")


# --- an assert whose truth only running tells (fresh37 WP01) ---------------------------------

_UNDECIDED_ASSERTS = (
    "z = rng.normal(size=(3, 3))\ne = np.exp(z)\np = e / e.sum(axis=1)\n"
    "assert np.allclose(p.sum(axis=1), 1.0)\n",
    "z = rng.normal(size=(3, 3))\ne = np.exp(z)\np = e / e.sum(axis=1, keepdims=True)\n"
    "assert np.allclose(p.sum(axis=1), 1.0)\n",
    "w = rng.random(4)\nassert (w >= 0).all()\n",
    "w = rng.random(4)\nassert (w > 1).all(), 'weights too small'\n",
    "def f(x):\n    assert np.allclose(x.sum(), 1)\n    return x\nq = f(rng.random(3))\n",
)


@pytest.mark.parametrize("code", _UNDECIDED_ASSERTS)
def test_an_assert_only_running_decides_is_a_possible_problem(code: str) -> None:
    source = f"import numpy as np\nrng = np.random.default_rng(0)\n{code}y = np.zeros(2)\n"
    _agrees(source)
    program = analyse([(None, source)])
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "assert" in text)
    assert any(p.line == line and not p.certain for p in program.problems)
    found = program.binding("y")  # what follows is followed (and may not run)
    assert found is not None and found.status == "known"


def test_what_fails_after_an_assert_only_running_decides_is_possible() -> None:
    source = (
        "import numpy as np\nx = np.random.default_rng(0).normal(size=3)\n"
        "assert x.sum() > 100\nW = np.ones((3, 4))\ny = W @ W\n"
    )
    _agrees(source)  # (running stops at the assert: nothing certain may be said after it)
    program = analyse([(None, source)])
    assert [(p.line, p.certain) for p in program.problems] == [(3, False), (5, False)]


# --- a loop over a dict's keys writing each key's value (fresh37 UNK01) ----------------------

_DICT_STEPS = (
    "for name in params:\n    params[name] -= 0.1 * grads[name]\n",
    "for name in params:\n    params[name] = params[name].T\n",
    "for name in params:\n    params[name] = params[name].reshape(-1)\n",
    "for name in params:\n    params['b'] = np.zeros(5)\n",
    "for name in params:\n    params[name] = np.zeros(2)\n    name = 'b'\n",
)


@pytest.mark.parametrize(("loop", "decided"), [(loop, i < 3) for i, loop in enumerate(_DICT_STEPS)])
def test_a_loop_over_a_dict_s_keys_writing_their_values(loop: str, decided: bool) -> None:
    source = (
        "import numpy as np\nparams = {'W': np.full((4, 3), 0.1), 'b': np.zeros(3)}\n"
        f"grads = {{'W': np.ones((4, 3)), 'b': np.ones(3)}}\n{loop}"
        "y = np.ones((2, 4)) @ params['W'] + params['b']\n"
    )
    assert _agrees(source) or not decided


# --- masks flipped and combined keep their values (fresh37 UNK04, WP04) ----------------------

_MASKS = (
    "y = X[np.logical_not(labels)]",
    "y = X[~(X.argmax(axis=1) == np.array([1, 1, 0]))]",
    "y = X[~(X.argmax(axis=1) == np.array([1, 0, 0]))]",
    "y = X[(X[:, 0] > 0) & (X[:, 1] > 0)]",
    "y = X[(X[:, 0] > 0) | (X[:, 1] > 0)]",
    "y = X[(X[:, 0] > 0) ^ (X[:, 1] > 0)]",
    "inside = (X >= -1) & (X <= 2)\nassert inside.all()\ny = X",
    "inside = (X >= -1) & (X <= 3)\nassert inside.all()\ny = X",
    "y = np.zeros(int((~labels.astype(bool)).sum()))",
    "y = np.zeros(int((labels & 1).sum() + (labels | 2).sum()))",
    "y = np.zeros(int((~labels).sum() + 10))",
)


@pytest.mark.parametrize("code", _MASKS)
def test_masks_flipped_and_combined_keep_their_values(code: str) -> None:
    source = (
        "import numpy as np\nX = np.array([[0.5, 1.2, -0.3], [-1.0, 0.8, 0.1], [2.2, -0.5, 0.9]])\n"
        f"labels = np.array([1, 0, 1])\n{code}\n"
    )
    assert _agrees(source)


# --- where the truth of a multi-line `not (…)` is asked (review26 F8) ------------------------

_MULTILINE_TRUTHS = (
    "negative = not (\n    x > 0\n)\n",
    "if not (\n    x > 0\n):\n    pass\n",
    "if (\n    x > 0\n):\n    pass\n",
    "ok = bool(\n    x > 0\n)\n",
    "while (\n    x\n):\n    break\n",
)


@pytest.mark.parametrize("code", _MULTILINE_TRUTHS)
def test_the_truth_of_an_array_is_refused_where_cpython_says(code: str) -> None:
    assert _agrees(f"import numpy as np\nx = np.array([1.0, -1.0])\n{code}y = x\n")


# --- a mask beside other parts of an index (fresh37 UNK03) -----------------------------------

_MASKED_PARTS = (
    "y = X[labels == 1, :2]",
    "y = X[labels == 1, 1]",
    "y = X[:, labels == 1]",
    "y = X[1:, labels[:3] == 1]",
    "y = X[labels == 1, [0, 2]]",
    "y = X[labels == 1, [0, 1, 2]]",
    "y = X[np.array([True, False]), :2]",
    "y = X[labels == 1, :2][:, 5]",
    "y = X[labels == 1, ::-1]",
)


@pytest.mark.parametrize("code", _MASKED_PARTS)
def test_a_mask_beside_other_parts_of_an_index(code: str) -> None:
    source = (
        "import numpy as np\nX = np.arange(12.0).reshape(4, 3)\n"
        f"labels = np.array([1, 0, 1, 1])\n{code}\n"
    )
    assert _agrees(source)


# --- np.bincount of argmax positions with minlength (fresh37 UNK02) --------------------------

_POSITION_COUNTS = (
    ("np.bincount(S.argmax(axis=1), minlength=3)", True),
    ("np.bincount(np.argmax(S, axis=1), minlength=3)", True),
    ("np.bincount(S.argmin(1), minlength=5)", True),
    ("np.bincount(S.argmax(axis=0), minlength=20)", True),
    ("np.bincount(S.argmax(axis=0), minlength=3)", False),
    ("np.bincount(S.argmax(axis=1), minlength=2)", False),
    ("np.bincount(S.argmax(axis=1, keepdims=True).ravel(), minlength=3)", False),
)


@pytest.mark.parametrize(("call", "known"), _POSITION_COUNTS)
def test_the_counts_of_argmax_positions_are_as_long_as_minlength(call: str, known: bool) -> None:
    source = f"import numpy as np\nS = np.random.default_rng(0).normal(size=(20, 3))\ny = {call}\n"
    assert _agrees(source) == known


# --- globals() only read binds nothing (fresh37 UNK05) ---------------------------------------

_GLOBALS_READ = (
    ("for name in ['W']:\n    print(globals()[name].shape)\n", True),
    ("print(globals().get('W').shape)\n", True),
    ("print(sorted(globals().keys())[:1])\n", True),
    ("globals()['W'] = np.zeros((4, 2))\n", True),
    ("globals().update(W=np.zeros((4, 2)))\n", False),
    ("g = globals()\ng['W'] = np.zeros((4, 2))\n", False),
)


@pytest.mark.parametrize(("code", "known"), _GLOBALS_READ)
def test_globals_only_read_binds_nothing(code: str, known: bool) -> None:
    source = f"import numpy as np\nW = np.ones((3, 4))\n{code}y = W @ np.ones((4, 2))\n"
    assert _agrees(source) == known


# --- a starred name in a comprehension's target (fresh37 UNK08) ------------------------------

_STARRED_TARGETS = (
    "y = [np.zeros(n) for *_, n in specs][-1]",
    "y = [np.zeros(len(rest)) for _, *rest in specs][0]",
    "y = [np.zeros((a, b)) for _, a, *more, b in specs][1]",
    "y = np.array([len(m) for k, *m in specs])",
)


@pytest.mark.parametrize("code", _STARRED_TARGETS)
def test_a_starred_name_in_a_comprehension_s_target(code: str) -> None:
    assert _agrees(f"import numpy as np\nspecs = [('he', 4, 3), ('he', 3, 2)]\n{code}\n")


# --- vars(self) only read (fresh37 UNK07) ----------------------------------------------------

_VARS_READ = (
    ("return sum(v.size for v in vars(self).values())", True),
    ("return len(vars(self).keys())", True),
    ("return vars(self)['W'].size", True),
    ("vars(self)['W'] = np.zeros((3, 4))\n        return 0", False),
    ("vars(self).update(W=np.zeros((3, 4)))\n        return 0", False),
)


@pytest.mark.parametrize(("body", "decided"), _VARS_READ)
def test_vars_of_an_object_only_read_changes_nothing(body: str, decided: bool) -> None:
    source = (
        "import numpy as np\nclass Dense:\n    def __init__(self):\n"
        "        self.W = np.zeros((4, 3))\n    def count(self):\n"
        f"        {body}\nlayer = Dense()\nn = layer.count()\ny = layer.W @ np.ones(3)\n"
    )
    assert _agrees(source) == decided


# --- an exit in a finally or a match case; a call that may not run (review26 F15, F18, F19) --

_ENDS_ELSEWHERE = (
    "try:\n    n = 1\nfinally:\n    if random.random() < 2:\n        sys.exit(0)\n",
    "try:\n    n = 1\nexcept ValueError:\n    pass\nfinally:\n    sys.exit(0)\n",
    "match random.random() < 2:\n    case True:\n        sys.exit(0)\n    case _:\n        pass\n",
    "match random.random() < 2:\n    case True:\n        raise SystemExit\n    case _:\n"
    "        pass\n",
)


@pytest.mark.parametrize("ending", _ENDS_ELSEWHERE)
def test_an_exit_in_a_finally_or_a_case_may_end_the_file(tmp_path: Path, ending: str) -> None:
    source = f"import random, sys\nimport numpy as np\n{ending}y = np.dot(np.ones((3, 4)), np.ones((3, 4)))\n"
    _python_agrees(tmp_path, source)


_CALLS_THAT_MAY_NOT_RUN = (
    "def t():\n    global W\n    W = W.T\nflipped = t() if random.random() > 2 else None\n",
    "def t():\n    globals()['W'] = W.T\nrandom.random() > 2 and t()\n",
    "def t():\n    global W\n    W = W.T\nflipped = t() if random.random() < 2 else None\n",
    "def t():\n    global W\n    W = W.T\nok = random.random() > 2 or t()\n",
)


@pytest.mark.parametrize("code", _CALLS_THAT_MAY_NOT_RUN)
def test_what_a_call_that_may_not_run_binds_is_not_certain(code: str) -> None:
    _agrees(f"import random\nimport numpy as np\nW = np.zeros((3, 4))\n{code}y = W @ np.ones(4)\n")


def test_filter_with_a_function_that_changes_the_rows(tmp_path: Path) -> None:
    source = (
        "import numpy as np\nrows = [[1.0, 2.0], [3.0]]\ndef padded(row):\n"
        "    while len(row) < 2:\n        row.append(0.0)\n    return True\n"
        "kept = list(filter(padded, rows))\ny = np.array(rows)\n"
    )
    _agrees(source)


# --- np.where(mask) of a known mask (fresh37 UNK10) ------------------------------------------

_POSITIONS = (
    "r, c = np.where(np.array([[True, False], [False, True]]))\ny = np.zeros(len(r) + 3)[r + c]",
    "pos = np.where(np.array([0.5, -1.0, 2.0]) > 0)[0]\ny = np.zeros(2)[pos]",
    "pos = np.where(np.array([0.5, -1.0, 2.0]) > 0)[0]\ny = np.zeros(3)[pos]",
    "y = np.zeros(4)[np.where(np.arange(6) % 2 == 0)[0]]",
)


@pytest.mark.parametrize("code", _POSITIONS)
def test_where_of_a_known_mask_gives_its_positions(code: str) -> None:
    assert _agrees(f"import numpy as np\n{code}\n")


# --- a NumPy number made of a Python number keeps its value ----------------------------------

_NUMPY_NUMBERS = (
    "np.int64(3)",
    "np.float64(2.0)",
    "np.int32(-1)",
    "np.int64(7)",
    "np.float32(0.5)",
)


@pytest.mark.parametrize("made", _NUMPY_NUMBERS)
@pytest.mark.parametrize("use", ["y = np.zeros(int(n) + 2)", "y = np.ones(4) if n else np.ones(2)"])
def test_a_numpy_number_of_a_python_number_is_known(made: str, use: str) -> None:
    assert _agrees(f"import numpy as np\nn = {made}\n{use}\n")


def test_a_fix_is_offered_before_an_assert_only_running_decides(tmp_path: Path) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    source = (
        "import numpy as np\nz = np.array([-0.44, 1.15, -1.47])\ns = np.exp(z) / np.exp(z).sum()\n"
        "col = s.reshape(-1, 1)\nJ = np.diagflat(s) - np.dot(col, col)\n"
        "assert np.allclose(J, J.T)\n"
    )
    path = tmp_path / "main.py"
    path.write_text(source)
    result = check_file(str(path), Expectations.parse(["J=3,3"]))
    (problem,) = [p for p in result.problems if p.certain]
    assert problem.fixes
    for fix in problem.fixes:  # each runs, the assert after it too
        patched = source.replace("np.dot(col, col)", fix)
        exec(compile(patched, "<fix>", "exec", dont_inherit=True), {})


# --- a loop's variable is not "another array" in a run without names (review26 F29) ---------


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("X = np.ones((3, 4))\nfor row in X:\n    print(row.sum())\n", "ok"),
        ("X = np.ones((3, 4))\nfor i, row in enumerate(X):\n    pass\n", "ok"),
        ("X = np.ones((3, 4))\nwith open(__file__) as f:\n    pass\n", "ok"),
        ("X = np.ones((3, 4))\nfor row in X:\n    last = row * 2\n", "unknown"),
        ("X = np.ones((3, 4))\nfor row in X:\n    pass\nrow = X[0]\n", "unknown"),
    ],
)
def test_a_loop_s_variable_is_no_array_of_a_run_without_names(
    tmp_path: Path, code: str, status: str
) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(f"import numpy as np\n{code}")
    (variable,) = check_file(str(path), Expectations()).variables
    assert variable.status == status, variable


# --- max/min/sorted with key=len give the items themselves (hostile34 CR90, CR84b) -----------

_BY_LENGTH = (
    "biggest = max(clusters, key=len)\nbiggest.append(4)\ny = np.array(clusters[0])\n",
    "small = min(clusters, key=len)\nsmall.append(9)\ny = np.array(clusters)\n",
    "order = sorted(clusters, key=len)\norder[1].append(9)\ny = np.array(clusters[0])\n",
    "order = sorted(clusters, key=len, reverse=True)\ny = np.array(order[0])\n",
    "y = np.zeros(len(max(clusters, key=len)))\n",
    "y = np.zeros(len(max([np.ones(2), np.ones(5)], key=len)))\n",
)


@pytest.mark.parametrize("code", _BY_LENGTH)
def test_max_min_sorted_by_length_give_the_items_themselves(code: str) -> None:
    assert _agrees(f"import numpy as np\nclusters = [[1, 2], [3]]\n{code}")
