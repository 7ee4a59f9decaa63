"""Twenty-seventh pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`, which runs it in this process).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.test_fifteenth_pass import _agrees

# --- np.dot writes only into an out= of the product's own dtype, C-contiguous ---------------

#: float arrays of shape (2, 3), each of a width the code says (or does not)
_LEFT = (
    "np.ones((2, 3))",
    "np.ones((2, 3), dtype=np.float32)",
    "np.zeros((2, 3), dtype='float32')",
    "np.full((2, 3), 0.5)",
    "np.full((2, 3), 1, dtype=np.float32)",
    "np.arange(6.0).reshape(2, 3)",
    "np.arange(6, dtype=np.float32).reshape(2, 3)",
    "np.array([[1.0, 2, 3], [4, 5, 6]])",
    "np.array([[1.0, 2, 3], [4, 5, 6]], dtype=np.float32)",
    "np.random.rand(2, 3)",
    "np.random.default_rng(0).random((2, 3), dtype=np.float32)",
    "np.random.default_rng(0).standard_normal((2, 3))",
    "np.ones((3, 2)).T",
    "np.ones((2, 3)).astype(np.float32)",
    "np.ones((2, 3), np.float16)",
    "np.ones((2, 3), dtype=np.float32) * 2.0",
    "np.ones((2, 3), dtype=np.float32) + np.ones((2, 3))",
    "np.exp(np.ones((2, 3), dtype=np.float32))",
    "np.ones((2, 3), dtype=np.float32) @ np.eye(3)",
    "np.eye(3, dtype=np.float32)[:2]",
    "np.asarray(np.ones((2, 3), dtype=np.float32))",
    "np.ones_like(np.ones((2, 3), dtype=np.float32))",
    "np.zeros_like(np.ones((2, 3), dtype=np.float32), dtype=float)",
    "-np.ones((2, 3), np.float32)",
    "np.linspace(0, 1, 6).reshape(2, 3)",
    "np.ones((2, 3), dtype=np.float32) / 3",
    "np.array([[1, 2, 3], [4, 5, 6]]) * 1.5",
    "np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int8) * np.float32(1.5)",
    "np.ones((2, 3), dtype=np.float64).astype('float32').T.T",
    "np.float32(np.ones((2, 3)))",
    "np.ones((2, 3)).astype(np.float32).copy()",
    "np.ones((2, 3), dtype=np.float32)[[0, 1]]",
)
#: where the product goes, of shape (2, 2)
_OUT = (
    "np.empty((2, 2))",
    "np.empty((2, 2), dtype=np.float32)",
    "np.zeros((2, 2), 'float32')",
    "np.ones((2, 2), dtype=np.float16)",
    "np.empty((2, 4))[:, ::2]",
    "np.empty((4, 2))[::2]",
    "np.empty((2, 2)).T",
    "np.empty((2, 2), dtype=np.float32).T",
    "np.empty((1, 2, 2))[0]",
    "np.empty((2, 3))[:, :2]",
    "np.empty((2, 2))[:]",
)
_CASES = sorted(
    random.Random(27).sample(list(itertools.product(range(len(_LEFT)), range(len(_OUT)))), 120)
)


@pytest.mark.parametrize(("left", "out"), _CASES)
def test_dot_into_out_of_another_dtype_or_layout(left: int, out: int) -> None:
    right = _LEFT[(left * 7 + out) % len(_LEFT)].replace("(2, 3)", "(3, 2)")
    right = right.replace("[[1.0, 2, 3], [4, 5, 6]]", "[[1.0, 2], [3, 4], [5, 6]]")
    right = right.replace("[[1, 2, 3], [4, 5, 6]]", "[[1, 2], [3, 4], [5, 6]]")
    right = right.replace("np.ones((3, 2)).T", "np.ones((2, 3)).T").replace(
        "6.0).reshape(3", "6.0).reshape(3"
    )
    right = right.replace("np.eye(3, dtype=np.float32)[:2]", "np.eye(3, dtype=np.float32)[:, :2]")
    right = right.replace(
        "np.ones((3, 2), dtype=np.float32) @ np.eye(3)",
        "np.eye(3, dtype=np.float32) @ np.ones((3, 2), np.float32)",
    )
    named = (
        f"import numpy as np\na = {_LEFT[left]}\nb = {right}\nout = {_OUT[out]}\n"
        "np.dot(a, b, out=out)\ny = out\n"
    )
    _agrees(named)
    _agrees(
        f"import numpy as np\nout = {_OUT[out]}\nnp.dot({_LEFT[left]}, {right}, out=out)\ny = out\n"
    )
    _agrees(f"import numpy as np\nout = {_OUT[out]}\n({_LEFT[left]}).dot({right}, out)\ny = out\n")


# --- a write into one array keeps the values of arrays in other memory ---------------------

#: arrays made of others: views, copies and new arrays (``{}`` is the array it is made of)
_MADE_OF = (
    "{}.T", "{}[1:]", "{}[:, 0]", "{}.reshape(12)", "{}.ravel()", "{}.copy()", "{} + 0",
    "{} * 2", "np.asarray({})", "{}[[0, 1]]", "np.array({})", "{}.view()", "{}[...]",
    "{}.astype(float)", "np.transpose({})", "{}.sum(axis=0)", "{} > 3", "{}[0]",
    "np.ascontiguousarray({}.T)", "{}.T.reshape(12)", "{}.reshape(3, 4)", "np.squeeze({})",
    "np.expand_dims({}, 0)[0]", "{}[None][0]", "np.maximum({}, 0)", "np.atleast_2d({})",
    "{}", "{}.T.T", "np.asarray({}, dtype=float)", "({} > 3).astype(float)",
    "np.where({} > 3, {}, 0.0)", "{}.flatten()", "{}[:, ::2]", "np.ravel({})",
)  # fmt: skip
#: writes in place (``{}`` is an array of shape (3, 4), or a view of one)
_WRITES = (
    "{}[...] = 7.0", "{} += 1", "{} *= 2", "{}[{} > 5] = -1.0", "{}.fill(3.0)",
    "np.add({}, 1, out={})", "put({})", "{}[:] = {}[::-1]", "{}.sort(axis=1)",
    "np.copyto({}, 5.0)", "{}[0] = 9.0", "{} -= {}", "for _ in range(2):\n    {} += 1",
    "def g(a):\n    a *= 3\ng({})", "if {}.sum() > 1e9:\n    {}[0] = 1.0",
    "r = {}\nr[1] = 8.0", "{}.T[0] = 6.0", "{}.reshape(12)[3] = 4.0",
)  # fmt: skip


def _block_program(seed: int) -> list[str]:
    """Lines: two arrays, three made of them, writes into some, the names' last lines."""
    rng = random.Random(seed)
    lines = [
        "import numpy as np",
        "def put(a):\n    a[0] = 42.0",
        "A = np.arange(12.0).reshape(3, 4)",
        "B = np.zeros((3, 4))",
    ]
    names = ["A", "B"]
    full = {"A", "B"}  # (arrays of shape (3, 4))
    for index in range(3):
        base = rng.choice(names)
        made = rng.choice(_MADE_OF)
        name = f"D{index}"
        lines.append(f"{name} = {made.format(base, base)}")
        names.append(name)
        if made in ("{}", "{}.T.T", "{}.copy()", "{} + 0", "{} * 2", "np.asarray({})",
                    "np.array({})", "{}.view()", "{}[...]", "{}.astype(float)",
                    "{}.reshape(3, 4)", "np.squeeze({})", "np.expand_dims({}, 0)[0]",
                    "{}[None][0]", "np.maximum({}, 0)", "np.atleast_2d({})",
                    "np.asarray({}, dtype=float)", "({} > 3).astype(float)",
                    "np.where({} > 3, {}, 0.0)") and base in full:  # fmt: skip
            full.add(name)
    for _ in range(rng.choice((1, 2, 3))):
        target = rng.choice(sorted(full))
        lines.append(rng.choice(_WRITES).format(target, target))
    return lines


def _element_checks(lines: list[str]) -> list[tuple[str, str]]:
    """For each array bound, an assert of one of its elements holding (as running tells)
    and one that fails."""
    import numpy as np

    namespace: dict[str, object] = {}
    exec("\n".join(lines), namespace)
    checks = []
    for name, value in sorted(namespace.items()):
        if isinstance(value, np.ndarray) and value.size and name[0] in "ABD":
            where = tuple(d - 1 for d in value.shape)
            index = ", ".join(map(str, where)) if where else "..."
            held = value[where].item() if where else value.item()
            checks.append(
                (f"assert {name}[{index}] == {held!r}", f"assert {name}[{index}] == {held!r} + 1")
            )
    return checks


@pytest.mark.parametrize("seed", range(80))
def test_values_after_writes_into_arrays_in_other_memory(seed: int) -> None:
    lines = _block_program(seed)
    try:
        checks = _element_checks(lines)
    except Exception:  # (the writes themselves fail: judged as they are)
        _agrees("\n".join([*lines, "y = A"]) + "\n")
        return
    for holds, fails in checks:
        assert _agrees("\n".join([*lines, holds, "y = A"]) + "\n") is not None
        _agrees("\n".join([*lines, fails, "y = A"]) + "\n")


# --- review27: handlers, triangles, globals() and positions after writes --------------------


_TRY = "x = np.random.rand(4)\ntry:\n    assert x.sum() > 100\nexcept {}:\n    pass\n"
_MATCH = (
    "import random\ntry:\n    match random.randint(0, 5):\n        case 7:\n"
    "            raise {}('never')\n        case _:\n            pass\n"
    "except ValueError:\n    pass\n"
)


@pytest.mark.parametrize(
    ("code", "decided"),
    [
        # an assert that may fail, its AssertionError caught: running goes on (F1)
        (_TRY.format("AssertionError"), True),
        (_TRY.format("Exception"), True),
        (_TRY.format("(ValueError, AssertionError)"), True),
        (_TRY.format("ValueError"), False),  # (not caught: running may stop at the assert)
        # a raise in a case that may run, caught (F7)
        (_MATCH.format("ValueError"), True),
        (_MATCH.format("KeyError"), False),
    ],
)
def test_a_halt_its_handler_catches_leaves_what_follows_certain(code: str, decided: bool) -> None:
    source = f"import numpy as np\n{code}y = np.ones((3, 4)) @ np.ones((3, 4))\n"
    assert _agrees(source) == decided


@pytest.mark.parametrize("k", ["k", "1", "-1", "0"])
@pytest.mark.parametrize("m", ["", ", m=5", ", m=m"])
def test_triangle_indices_of_a_number_not_known(k: str, m: str) -> None:
    _agrees(
        "import numpy as np\nk = int(np.random.randint(1, 2))\nm = int(np.random.randint(5, 6))\n"
        f"r, c = np.triu_indices(4, {k}{m})\ny = r\npairs = np.zeros((6, 2))\npairs[:, 0] = r\n"
    )


@pytest.mark.parametrize(
    "code",
    [
        'globals()["W"].resize((4, 3), refcheck=False)',
        'globals().get("W").resize((4, 3), refcheck=False)',
        'globals()["W"].shape = (4, 3)',
        'globals()["params"].append(np.zeros(3))',
        'globals()["d"]["b"] = np.zeros((4, 3))\nW = d["b"]',
        "for v in list(globals().values()):\n    if isinstance(v, np.ndarray) and v.size == 12:\n"
        "        v.resize((4, 3), refcheck=False)",
        'locals()["W"].resize((4, 3), refcheck=False)',
        'x = globals()["W"].shape',
        'W = globals()["W"].T',
    ],
)
def test_what_globals_holds_is_the_names_own(code: str) -> None:
    _agrees(
        "import numpy as np\nW = np.zeros((3, 4))\nparams = [np.zeros(3)]\nd = {}\n"
        f"{code}\ny = np.array(params)\nz = W @ np.ones(3)\n"
    )


@pytest.mark.parametrize(
    "write",
    ["idx[0] = 7", "idx.fill(7)", "np.add(idx, 4, out=idx)", "np.put(idx, [0], [9])",
     "np.copyto(idx, 8)", "idx[idx == 0] = 4", "v = idx[:2]\nv += 5", "idx += 5", "pass"],
)  # fmt: skip
def test_positions_below_a_size_after_a_write(write: str) -> None:
    _agrees(
        "import numpy as np\nscores = np.random.rand(5, 3)\nidx = scores.argmax(axis=1)\n"
        f"{write}\ncounts = np.bincount(idx, minlength=3)\ny = counts @ np.ones(3)\n"
    )


# --- a loop reading an array item by item, written through another name (review27 F3) ------


@pytest.mark.parametrize("alias", ["a", "a[:]", "a.copy()", "np.array(a)", "a.view()", "a[::-1]"])
@pytest.mark.parametrize(
    "loop",
    [
        "for i, v in enumerate(b):",
        "for v in b:",
        "for v, w in zip(b, c):",
        "for w, v in zip(c, b):",
    ],
)
@pytest.mark.parametrize("write", ["a[1:] = v + 1", "a[-1] += v + 1", "a += 1", "c[1:] = v + 2"])
@pytest.mark.parametrize("last", ["a[-1]", "a[-1] + c[-1]"])
def test_items_read_at_their_step_see_writes_through_another_name(
    alias: str, loop: str, write: str, last: str
) -> None:
    _agrees(
        f"import numpy as np\na = np.array([0, 0, 0, 0])\nc = np.array([1, 2, 3, 4])\nb = {alias}\n"
        f"{loop}\n    {write}\ny = np.zeros(int({last}) + 1)\n"
    )


@pytest.mark.parametrize("alias", ["rows", "rows[:]", "list(rows)"])
@pytest.mark.parametrize("write", ["rows[1:] = [r + 1] * 3", "rows[-1] += r + 1", "rows.sort()"])
def test_a_list_read_item_by_item_written_through_another_name(alias: str, write: str) -> None:
    _agrees(
        f"import numpy as np\nrows = [0, 0, 0, 0]\nseen = {alias}\nfor r in seen:\n    {write}\n"
        "y = np.zeros(rows[-1] + 1)\n"
    )


# --- a call that may not run, changing an object's attribute or a dict's item (F9) ----------

_MAY_NOT_RUN = (
    "_ = random.random() > 2 and {}",
    "_ = random.random() < 2 and {}",
    "_ = {} if random.random() > 2 else None",
    "_ = {} if random.random() < 2 else None",
    "_ = random.random() > 2 or {}",
    "_ = [{} for _ in range(random.randint(0, 1))]",
)


@pytest.mark.parametrize("form", _MAY_NOT_RUN)
@pytest.mark.parametrize(
    ("setup", "call", "read"),
    [
        (
            "class Net:\n    def __init__(self):\n        self.W = np.zeros((3, 4))\n"
            "    def flip(self):\n        self.W = self.W.T\nnet = Net()",
            "net.flip()",
            "net.W @ np.ones(4)",
        ),
        (
            'def flip(p):\n    p["W"] = p["W"].T\nparams = {"W": np.zeros((3, 4))}',
            "flip(params)",
            'params["W"] @ np.ones(4)',
        ),
        (
            "class Box:\n    pass\nbox = Box()\nbox.rows = [1, 2]\n"
            "def grow(b):\n    b.rows = b.rows + [3]",
            "grow(box)",
            "np.zeros(len(box.rows)) @ np.ones(2)",
        ),
    ],
)
def test_what_a_call_that_may_not_run_changes_in_objects(
    form: str, setup: str, call: str, read: str
) -> None:
    _agrees(f"import numpy as np, random\n{setup}\n{form.format(call)}\ny = {read}\n")


# --- a run without names: what is computed from the list written out (fresh37 WP03) ---------


@pytest.mark.parametrize(
    ("code", "status"),
    [
        # computed from X, not followed: whether the file runs on is not known
        ("uniq = np.unique(X, axis=0)\nout = uniq @ np.ones((3, 3))", "unknown"),
        (
            "class A:\n    pass\nclass L(A, object):\n    def __call__(self, x):\n"
            "        return x @ np.ones((3, 3))\nclass M(A, L):\n    pass\nh = M()(X)",
            "unknown",
        ),
        ("h = X @ np.ones((3, 3))", "failed"),
        # not computed from X: the list written out is what is judged
        ("import os\nrows = os.cpu_count()", "passed"),
        ("Y = X.T @ X", "passed"),
    ],
)
def test_a_run_without_names_says_what_it_cannot_follow_from_the_list(
    tmp_path: Path, code: str, status: str
) -> None:
    from shapekit.check.checker import check_file
    from shapekit.check.expect import Expectations

    path = tmp_path / "main.py"
    path.write_text(f"import numpy as np\nX = np.array([[1, 2], [1, 2], [3, 4]])\n{code}\n")
    assert check_file(str(path), Expectations(())).status == status


# --- what a generator or a map reads, it reads when it is read (hostile35 CR91, WP81) -------

_LAZY = (
    "g = (np.zeros(n) for _ in range(1))",
    "g = (np.zeros(len(L)) for _ in range(1))",
    "g = (np.zeros(c.n) for _ in range(1))",
    "g = map(lambda _: np.zeros(n), [0])",
    "def make():\n    yield np.zeros(n)\ng = make()",
    "def make():\n    k = len(L)\n    yield np.zeros(k)\ng = make()",
    "g = (np.zeros(m) for m in [n])",  # (its first iterable is read at once)
    "g = iter([np.zeros(n)])",
)
_CHANGES = ("n = 5", "n = -1", "L.append(2)", "c.n = 4", "n += 2", "pass", "L = [1, 2, 3]")
_READS = ("y = next(g)", "y = list(g)[0]", "for y in g:\n    pass", "y = sum(g)")


@pytest.mark.parametrize("made", _LAZY)
@pytest.mark.parametrize("change", _CHANGES)
@pytest.mark.parametrize("read", _READS)
def test_a_generator_reads_names_as_they_are_when_it_is_read(
    made: str, change: str, read: str
) -> None:
    _agrees(
        "import numpy as np\nclass C:\n    n = 2\nc = C()\nn = 2\nL = [1]\n"
        f"{made}\n{change}\n{read}\n"
    )


@pytest.mark.parametrize(
    "code",
    [
        "y = sum(np.zeros(n) for _ in range(1))\nn = 5",
        "y = list(map(lambda _: np.zeros(n), [0]))[0]\nn = 5",
        "y = np.array([np.zeros(n) for _ in range(2)])\nn = 5",
    ],
)
def test_a_generator_read_at_once_is_known(code: str) -> None:
    assert _agrees(f"import numpy as np\nn = 2\n{code}\n")


# --- an attribute set on a builtin or NumPy type or function (hostile35 WP82) ---------------


@pytest.mark.parametrize(
    "code",
    [
        "np.ndarray.sum = lambda self: 0", "int.size = 3", "len.cache = {}", "np.exp.x = 1",
        "np.mean.x = 1", "np.float64.foo = 1", "list.append = print", "np.dot.x = 1",
        "np.random.rand.x = 1", "np.linalg.norm.x = 1", "float.__doc__ = 'x'",
        "np.int64.bits = 64", "print.__doc__ = 'x'", "dict.get = 1", "np.zeros.x = 1",
        "np.random.default_rng.x = 1", "object.x = 1", "sum.start = 1", "np.ufunc.x = 1",
        "range.step2 = 1",
    ],
)  # fmt: skip
def test_an_attribute_set_on_what_python_or_numpy_makes(code: str) -> None:
    _agrees(f"import numpy as np\n{code}\ny = np.zeros(3)\n")


@pytest.mark.parametrize(
    ("keep", "decided"),
    [
        ("lambda r: len(r) == 2", True),
        ("lambda r: r[0] > 0", True),
        ("lambda r: r.append(0.0) or True", False),
        ("lambda r: r.pop() > 0", False),
    ],
)
def test_filter_hands_the_rows_only_to_a_function_that_may_change_them(
    keep: str, decided: bool
) -> None:
    source = (
        "import numpy as np\nrows = [[1.0, 2.0], [1.0, 2.0], [3.0]]\n"
        f"kept = list(filter({keep}, rows))\ny = np.array(rows[:2])\n"
    )
    assert _agrees(source) == decided


@pytest.mark.parametrize(
    "call",
    [
        "print('a', file=W())",
        "print('a', 'b', 'c', sep='', end='', file=W())",
        "print(file=W())",
        "print(np.ones(2), 3, file=W())",
        "w = W()\nfor _ in range(2):\n    print('x', file=w)",
    ],
)
def test_print_into_an_object_of_the_file_calls_its_write(call: str) -> None:
    assert _agrees(
        "import numpy as np\nL = []\nclass W:\n    def write(self, s):\n        L.append(s)\n"
        f"{call}\ny = np.zeros(len(L))\n"
    )


# --- a shape set through a route back to an array the file holds deep (review27 F10) --------


@pytest.mark.parametrize(
    ("setup", "route", "read"),
    [
        (
            "def make():\n    W = np.zeros((3, 4))\n    def use():\n        return W @ np.ones(3)\n"
            "    return use\nuse = make()",
            "use.__closure__[0].cell_contents",
            "use()",
        ),
        ("class C:\n    W = np.zeros((3, 4))", "C.W.view().base", "C.W @ np.ones(3)"),
        (
            'net = {"a": [{"b": [{"c": [np.zeros((3, 4))]}]}]}',
            'net["a"][0]["b"][0]["c"][0].view().base',
            'net["a"][0]["b"][0]["c"][0] @ np.ones(3)',
        ),
        (
            "def f(x, W=np.zeros((3, 4))):\n    return W @ x",
            "f.__defaults__[0].view().base",
            "f(np.ones(3))",
        ),
        (
            "import functools\ng = functools.partial(np.matmul, np.zeros((3, 4)))",
            "g.args[0].view().base",
            "g(np.ones(3))",
        ),
        (
            "class Net:\n    def __init__(self):\n        self.layers = [{'W': np.zeros((3, 4))}]\n"
            "net = Net()",
            "net.layers[0]['W'].view().base",
            "net.layers[0]['W'] @ np.ones(3)",
        ),
    ],
)
@pytest.mark.parametrize("shape", ["(4, 3)", "(3, 4)", "(12,)"])
def test_a_shape_set_through_a_route_to_an_array_held_deep(
    setup: str, route: str, read: str, shape: str
) -> None:
    _agrees(f"import numpy as np\n{setup}\nr = {route}\nr.shape = {shape}\ny = {read}\n")


# --- floating-point errors made exceptions: np.seterr, np.errstate, warnings as errors ------

_SETTINGS = (
    "",
    "np.seterr(all='raise')",
    "np.seterr(divide='raise')",
    "np.seterr(over='raise', invalid='raise')",
    "warnings.simplefilter('error')",
    "warnings.filterwarnings('error', category=RuntimeWarning)",
    "warnings.simplefilter('error', DeprecationWarning)",
    "np.seterr(all='ignore')\nwarnings.simplefilter('error')",
    "warnings.simplefilter('error')\nnp.seterr(divide='ignore')",
    "with warnings.catch_warnings():\n    warnings.simplefilter('error')",
    "warnings.filterwarnings('error', message='overflow')",
)
_FLOATING = (
    "np.log(np.array([0.5, 0.0]))",
    "np.array([1.0, 2.0]) / np.array([0.0, 1.0])",
    "np.exp(np.array([1000.0]))",
    "np.exp(rng.normal(size=3) * 1000)",
    "np.log(rng.random(3))",
    "np.sqrt(np.array([-1.0, 4.0]))",
    "np.array([1e308]) * 10",
    "rng.normal(size=3) / 3",
    "np.log(np.array([1.0, 2.0]))",
    "np.array([3, 4]) // np.array([0, 1])",
)


@pytest.fixture
def numpy_errors_restored() -> Iterator[None]:
    """The program run sets NumPy's error handling for the whole process: put back after."""
    import numpy as np

    kept = np.geterr()
    try:
        yield
    finally:
        np.seterr(**kept)


@pytest.mark.usefixtures("numpy_errors_restored")
@pytest.mark.parametrize("setting", _SETTINGS)
@pytest.mark.parametrize("computed", _FLOATING)
def test_floating_point_errors_raised_as_set(setting: str, computed: str) -> None:
    _agrees(
        f"import numpy as np, warnings\nrng = np.random.default_rng(0)\n{setting}\ny = {computed}\n"
    )


# --- IPython's escape lines decided in one pass of the tokenizer (review27 F13) -------------


def _escapes_by_prefix(source: str) -> set[int]:
    """The escape lines as the twenty-sixth pass decided them: each candidate on the
    Python before it, tokenized from the cell's start (quadratic; the reference here)."""
    import io
    import tokenize

    from shapekit.check.readers.notebook import _MAGIC, _placeholder_line

    def complete(text: str) -> bool:
        try:
            for _token in tokenize.generate_tokens(io.StringIO(text + "\n").readline):
                pass
        except tokenize.TokenError:
            return False
        except (SyntaxError, ValueError):
            return True
        return True

    lines = source.split("\n")
    found: set[int] = set()
    read = list(lines)
    for index, line in enumerate(lines):
        if _MAGIC.fullmatch(line) and complete("\n".join(read[:index])):
            found.add(index)
            read[index] = _placeholder_line(line)
    return found


_CELL_LINES = (
    "x = 1", "%time y = 2", "!ls", "n = (7", "% 4)", "s = '''", "%matplotlib inline", "'''",
    "z = 3 \\", "!echo hi", "    %timeit x", "if x:", "    y = 1", "", "# %time", "w = [",
    "1, 2]", "x?", "%%time", "a = 5 +\\", "  6", "   bad_indent = 1", "t = \"\"\"%run x\"\"\"",
)  # fmt: skip


@pytest.mark.parametrize("seed", range(600))
def test_escape_lines_in_one_pass_are_those_each_prefix_decides(seed: int) -> None:
    from shapekit.check.readers.notebook import _escape_lines

    rng = random.Random(seed)
    source = "\n".join(rng.choice(_CELL_LINES) for _ in range(rng.randint(1, 14)))
    assert _escape_lines(source) == _escapes_by_prefix(source)


def test_escape_lines_of_a_long_cell_are_read_once() -> None:
    """12,000 lines with 200 magics took 15 s (each magic tokenized the cell before it)."""
    from shapekit.check.readers.notebook import _escape_lines

    lines = [f"x{i} = {i}" if i % 60 else f"%time y{i} = {i}" for i in range(12_000)]
    assert len(_escape_lines("\n".join(lines))) == 200


# --- exits that may run where they were not seen; several arguments of max (review27) ------

_FAILING = "out = np.dot(np.ones((3, 4)), np.ones((3, 4)))\n"


@pytest.mark.parametrize(
    "code",
    [
        # an exit in a match case, through a call or inside a loop (F18)
        "def main():\n    sys.exit(0)\nmatch len(sys.argv) > 0:\n    case True:\n        main()\n",
        "match len(sys.argv) > 0:\n    case True:\n        for _ in range(1):\n            sys.exit(0)\n",
        "match os.environ.get('NO_SUCH_NAME'):\n    case None:\n        raise SystemExit\n",
        # a conditional exit in a try's else, in the handler of a body that fails (F26)
        "try:\n    import json\nexcept ImportError:\n    json = None\nelse:\n"
        "    if os.environ.get('NO_SUCH_NAME') is None:\n        sys.exit(0)\n",
        "try:\n    v = int('x')\nexcept ValueError:\n"
        "    if os.environ.get('NO_SUCH_NAME') is None:\n        sys.exit(0)\n",
        "try:\n    v = int('x')\nexcept ValueError:\n"
        "    if os.environ.get('NO_SUCH_NAME') is not None:\n        sys.exit(0)\n",
    ],
)
def test_an_exit_that_may_run_before_a_failing_line(tmp_path: Path, code: str) -> None:
    from tests.engine.test_twentyfourth_pass import _python_agrees

    _python_agrees(tmp_path, f"import numpy as np, os, sys\n{code}{_FAILING}y = out\n")


@pytest.mark.parametrize("runs", ["random.random() > 2", "random.random() < 2"])
def test_a_nonlocal_rebound_by_a_call_that_may_not_run(runs: str) -> None:
    _agrees(
        "import numpy as np, random\ndef outer():\n    W = np.zeros((3, 4))\n    def flip():\n"
        f"        nonlocal W\n        W = W.T\n    {runs} and flip()\n    return W @ np.ones(4)\n"
        "y = outer()\n"
    )


@pytest.mark.parametrize("pick", ["max", "min"])
@pytest.mark.parametrize("lists", ["a, b", "b, a", "a, b, c", "c, a"])
def test_max_of_several_lists_by_length_is_one_of_them(pick: str, lists: str) -> None:
    assert _agrees(
        "import numpy as np\na = [1.0, 2.0]\nb = [3.0]\nc = [4.0, 5.0, 6.0]\n"
        f"m = {pick}({lists}, key=len)\nm.append(9.0)\ny = np.array(a) + np.array(b) @ np.ones(len(b))\n"
    )


# --- a loop over the module's own namespace that grows it (review27 F19) --------------------


@pytest.mark.parametrize("before", ["", "name = value = None\n", "name = None\n", "k = v = 0\n"])
@pytest.mark.parametrize(
    "loop",
    [
        "for name, value in globals().items():\n    pass\n",
        "for name, value in globals().items():\n    if isinstance(value, np.ndarray):\n        print(name, value.shape)\n",
        "for name in globals():\n    pass\n",
        "for name in globals().keys():\n    count = 1\n",
        "for value in vars().values():\n    pass\n",
        "for name, value in locals().items():\n    break\n",
        "for name, value in list(globals().items()):\n    extra = name\n",
        "for k, v in globals().items():\n    pass\n",
    ],
)
def test_a_loop_over_globals_that_binds_new_names(tmp_path: Path, before: str, loop: str) -> None:
    from tests.engine.test_twentyfourth_pass import _python_agrees

    _python_agrees(
        tmp_path, f"import numpy as np\nW = np.zeros((3, 4))\n{before}{loop}y = W @ np.ones(4)\n"
    )


@pytest.mark.parametrize(
    "call",
    [
        "np.where(a > 0, x=a, y=1.0)",
        "np.putmask(a=a, values=1.0, mask=a > 0)",
        "np.where(a > 0, a, y=1.0)",
        "np.dot(a=a, b=a)",
        "np.add(x1=a, x2=a)",
        "np.sum(a=a)",
        "np.reshape(a=a, newshape=(3, 1))",
        "np.clip(a=a, a_min=0, a_max=1)",
    ],
)
def test_arguments_given_by_keyword_that_numpy_takes_by_place_only(call: str) -> None:
    """hostile35's internal error on NumPy's own tests (np.putmask(a=…)): now what Python says."""
    _agrees(f"import numpy as np\na = np.zeros(3)\ny = {call}\n")


# --- a helper module, or a function of it, ending the program (hostile35 CR97) --------------


@pytest.mark.parametrize(
    ("helper", "call"),
    [
        ("import sys\nsys.exit(0)\n", ""),
        ("import sys\nsys.exit()\n", ""),
        ("raise SystemExit\n", ""),
        ("import sys\ndef stop():\n    sys.exit(0)\n", "helper.stop()\n"),
        ("import sys, os\ndef stop():\n    if os.environ.get('NO_SUCH_NAME') is None:\n"
         "        sys.exit(0)\n", "helper.stop()\n"),
        ("import sys, os\ndef stop():\n    if os.environ.get('NO_SUCH_NAME') is not None:\n"
         "        sys.exit(0)\n", "helper.stop()\n"),
        ("import sys\nif __name__ == '__main__':\n    sys.exit(0)\n", ""),
        ("def stop():\n    pass\n", "helper.stop()\n"),
    ],
)  # fmt: skip
def test_a_helper_that_ends_the_program(tmp_path: Path, helper: str, call: str) -> None:
    from tests.engine.test_twentyfourth_pass import _python_agrees

    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "helper.py").write_text(helper)
    _python_agrees(
        tmp_path, f"import numpy as np\nimport helper\n{call}y = np.ones(3) @ np.ones(4)\n"
    )


# --- an array looked for in a list of arrays (fresh38 WP06) ---------------------------------


@pytest.mark.parametrize(
    "items",
    ["[biases, weights]", "[weights, biases]", "(biases,)", "[weights]", "[np.ones((3, 4))]",
     "[np.ones(4), weights]", "[np.ones(1)]", "[scalar, weights]", "[weights.T]", "[]",
     "[biases[:1], weights]"],
)  # fmt: skip
@pytest.mark.parametrize("sought", ["weights", "biases", "scalar", "np.ones((3, 4))"])
def test_an_array_in_a_list_of_arrays(items: str, sought: str) -> None:
    _agrees(
        "import numpy as np\nweights = np.ones((3, 4))\nbiases = np.zeros(3)\n"
        f"scalar = np.ones(1)\nhas = {sought} in {items}\ny = weights\n"
    )


# --- whole numbers drawn at random used as an index (fresh38 WP07) --------------------------


@pytest.mark.parametrize(
    "drawn",
    ["rng.integers(0, 4, size=10)", "rng.integers(4, size=10)", "rng.integers(0, 3, size=10)",
     "rng.integers(1, 3, size=(2, 5))", "np.random.randint(0, 4, size=12)",
     "np.random.randint(3, size=12)", "rng.integers(0, 4, size=10, endpoint=True)",
     "rng.integers(-3, 3, size=10)", "rng.integers(0, 40, size=50)"],
)  # fmt: skip
@pytest.mark.parametrize("table", ["np.eye(3)", "np.zeros((3, 2))"])
def test_random_whole_numbers_as_an_index(drawn: str, table: str) -> None:
    _agrees(
        f"import numpy as np\nrng = np.random.default_rng(0)\nnp.random.seed(0)\nlabels = {drawn}\n"
        f"y = {table}[labels]\n"
    )


@pytest.mark.parametrize(
    "bins",
    ["[1.0, 0.5, 0.0, 0.3]", "[0.0, 0.5, 1.0]", "[1.0, 0.5, 0.0]", "[0, 0, 1]", "[2, 1, 1]",
     "[0.0, 1.0, 0.5]", "[3]", "np.array([0.1, 0.9, 0.5])", "np.linspace(0, 1, 5)",
     "np.linspace(1, 0, 5)"],
)  # fmt: skip
def test_digitize_bins_that_go_neither_up_nor_down(bins: str) -> None:
    _agrees(f"import numpy as np\nx = np.array([0.1, 0.5, 0.9])\ny = np.digitize(x, {bins})\n")


@pytest.mark.parametrize(
    "call",
    ["np.save(path, [W1, W2])", "np.save(path, [W1, W1])", "np.save(path, (W1, W2))",
     "np.savetxt(path, [W2[0], W2[1][:1]])", "np.savez(path, W1, W2)", "np.savez(path, [W1, W2])",
     "np.save(path, [[1, 2], [3]])", "np.save(path, [W1, W2], allow_pickle=True)"],
)  # fmt: skip
def test_saving_a_list_numpy_cannot_make_one_array_of(tmp_path: Path, call: str) -> None:
    _agrees(
        f"import numpy as np\npath = {str(tmp_path / 'w.npy')!r}\nW1 = np.ones((3, 4))\n"
        f"W2 = np.ones((3, 2))\n{call}\ny = W1\n"
    )


# --- exec reached by another route than its name (hostile35 CR93) ---------------------------


@pytest.mark.parametrize(
    "code",
    [
        "builtins.exec('n = 5')",
        "getattr(builtins, 'ex' + 'ec')('n = 5')",
        "run = getattr(builtins, 'ex' + 'ec')\nrun('n = 5')",
        "__builtins__.exec('n = 5')",
        "from builtins import exec as run\nrun('n = 5')",
        "builtins.eval('(n := 5)')",
        "functools.partial(exec, 'n = 5')()",
        "list(map(exec, ['n = 5']))",
        "operator.methodcaller('__call__', 'n = 5')(exec)",
        "exec('n = 5')",
        "m = __import__('math')\nn = int(m.sqrt(4))",
        "print(len('exec'))",
    ],
)
def test_exec_reached_by_another_route_makes_names_unknown(tmp_path: Path, code: str) -> None:
    from tests.engine.test_twentyfourth_pass import _python_agrees

    _python_agrees(
        tmp_path,
        f"import numpy as np, builtins, functools, operator\nn = 2\n{code}\ny = np.zeros(n)\n",
    )


@pytest.mark.parametrize("text", ["", "a,b\n", "a,b\n1,2\n", "\n"])
def test_the_fieldnames_of_a_dict_reader(text: str) -> None:
    _agrees(
        "import numpy as np, csv, io\n"
        f"reader = csv.DictReader(io.StringIO({text!r}))\nnames = reader.fieldnames\n"
        "y = np.zeros(3 if names is None else len(names) + 4)\n"
    )


@pytest.mark.parametrize("shape", ["(3, 1)", "(1, 3)", "(3,)"])
def test_a_running_sum_into_out_is_out_itself(shape: str) -> None:
    _agrees(
        "import numpy as np\no = np.zeros(3)\nr = np.cumsum(np.ones(3), out=o)\n"
        f"r.shape = {shape}\ny = o @ np.ones((1, 2))\n"
    )


@pytest.mark.parametrize("helper", [None, "def f():\n    pass\n", "def f():\n    import sys\n"])
def test_a_function_one_of_several_by_an_import_fallback(
    tmp_path: Path, helper: str | None
) -> None:
    """hostile35 CR98c: ``try: from fastmod import f / except ImportError: def f(): …``."""
    from tests.engine.test_twentyfourth_pass import _python_agrees

    tmp_path.mkdir(parents=True, exist_ok=True)
    if helper is not None:
        (tmp_path / "fastmod.py").write_text(helper)
    _python_agrees(
        tmp_path,
        "import numpy as np\nL = []\ntry:\n    from fastmod import f\nexcept ImportError:\n"
        "    def f():\n        L.append(1)\nf()\ny = np.zeros(len(L))\n",
    )
