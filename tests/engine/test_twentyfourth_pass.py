"""Twenty-fourth pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees` and
:func:`tests.engine.test_twentieth_pass._module_agrees`, which runs ``python main.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_twentieth_pass import _module_agrees
from tests.engine.test_twentythird_pass import _never_wrong

#: appended to a program: prints y's shape as JSON (as its last line)
_SHOW_Y = "\nimport json as _json, numpy as _np\nprint(_json.dumps(list(_np.shape(y))))\n"


def _python_agrees(folder: Path, source: str) -> bool:
    """``source`` run as ``python main.py`` in ``folder`` (the oracle: an exit is an exit,
    ``__main__`` is the file) and followed agree: a certain problem only where running
    raises, at its line; none where it runs through or exits with status 0; ``y`` of the
    shape running gives when known. Whether it decided."""
    folder.mkdir(parents=True, exist_ok=True)
    main = folder / "main.py"
    main.write_text(source + _SHOW_Y)
    done = subprocess.run(
        [sys.executable, "main.py"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    program = analyse([(None, source)], file=str(main))
    certain = [p.line for p in program.problems if p.certain and p.past is None]
    if done.returncode:  # raised (its line is the last "main.py" frame of the traceback)
        lines = [
            int(part.split(", line ")[1].split(",")[0])
            for part in done.stderr.splitlines()
            if 'File "' in part and "main.py" in part
        ]
        assert not certain or certain[0] == lines[-1], (source, done.stderr, certain)
        return bool(certain)
    assert certain == [], (source, program.problems)
    binding = program.binding("y")
    if not done.stdout.strip():  # it exited (status 0) before y
        return False
    if binding is not None and binding.status == "known":
        assert list(binding.shape) == json.loads(done.stdout.strip().splitlines()[-1])
        return True
    return False


# --- Python's builtins replaced through the module builtins (hostile31 CR43) ----------------

#: (what replaces a builtin, where: "main" or "helper", the size read through it)
_REPLACED_BUILTINS = (
    ("import builtins\nbuiltins.len = lambda x: 9\n", "helper", "len([1, 2])"),
    ("import builtins\nbuiltins.max = lambda *a: 6\n", "helper", "max(1, 2)"),
    ("import builtins\nbuiltins.range = lambda n: [0] * 4\n", "helper", "len(list(range(3)))"),
    ("import builtins\nbuiltins.int = lambda x: 4\n", "helper", "int('7')"),
    ("import builtins\nsetattr(builtins, 'sum', lambda x: 5)\n", "helper", "sum([1])"),
    ("import builtins\ndef patch():\n    builtins.len = lambda x: 9\n", "helper-call",
     "len([1, 2])"),
    ("import builtins as b\nb.abs = lambda x: 3\n", "helper", "abs(-8)"),
    ("import builtins\nbuiltins.len = lambda x: 9\n", "main", "len([1, 2])"),
    ("__builtins__.len = lambda x: 9\n", "main", "len([1, 2])"),
    ("import builtins\nbuiltins.print('hi')\n", "main", "len([1, 2])"),
    ("import builtins\nbuiltins.len = lambda x: 9\n", "main-after", "len([1, 2])"),
)  # fmt: skip


@pytest.mark.parametrize(("patch", "where", "size"), _REPLACED_BUILTINS)
def test_a_builtin_replaced_is_not_the_builtin(
    tmp_path: Path, patch: str, where: str, size: str
) -> None:
    """``builtins.len = …`` in the file or in a module it imports replaces len for every
    module: the size read through it is not the real builtin's."""
    if where.startswith("helper"):
        call = "import helper\n" + ("helper.patch()\n" if where == "helper-call" else "")
        files = {"helper.py": patch, "main.py": f"import numpy as np\n{call}y = np.zeros({size})\n"}
    elif where == "main-after":  # replaced only after the size is read: the real one
        files = {"main.py": f"import numpy as np\ny = np.zeros({size})\n{patch}"}
    else:
        files = {"main.py": f"import numpy as np\n{patch}y = np.zeros({size})\n"}
    _module_agrees(tmp_path, files)


def test_builtins_untouched_keep_their_sizes(tmp_path: Path) -> None:
    """A file that never reaches the module builtins keeps every size it reads."""
    files = {"main.py": "import numpy as np\ny = np.zeros(len([1, 2]) + max(1, 2))\n"}
    assert _module_agrees(tmp_path, files)


# --- exec of a star import rebinds any name (hostile31 CR42b) ---------------------------------


@pytest.mark.parametrize(
    "code",
    (
        "exec('from numpy import *')",
        "exec('from math import *')",
        'exec("from numpy import pi, e\\nfrom math import *")',
        "exec('import numpy')",
    ),
)
def test_exec_of_a_star_import_may_rebind_any_name(code: str) -> None:
    source = f"import numpy as np\npi = 4\n{code}\ny = np.zeros(int(pi))\n"
    _agrees(source)
    assert _agrees(source) == ("*" not in code)


# --- a raise or an exit that may run: what follows runs only when it does not ---------------

#: programs whose later failure running may never reach (an exit or a raise first, on a
#: condition not known, or past the steps and calls shapekit follows); each is run twice:
#: with the condition true and false (``FLAG``), so both outcomes are the oracle's
_MAY_HALT = (
    "if FLAG:\n    sys.exit(0)\n",
    "if FLAG:\n    raise SystemExit\n",
    "if FLAG:\n    exit()\n",
    "if FLAG:\n    raise ValueError('stop')\n",
    "def check():\n    if FLAG:\n        sys.exit(0)\ncheck()\n",
    "def check(x):\n    if FLAG:\n        raise ValueError(x)\n    return x\ncheck(3)\n",
    "n = 0\nwhile n < 100000:\n    n += 1\n    if n == 99999 and FLAG:\n        sys.exit(0)\n",
    "for n in range(100000):\n    if n == 99998 and FLAG:\n        sys.exit(0)\n",
    "def f(n):\n    if n == 0:\n        if FLAG:\n            sys.exit(0)\n        return 0\n"
    "    return f(n - 1)\nf(30)\n",
    "class A7:\n    def __init__(self):\n        if FLAG:\n            sys.exit(0)\n"
    + "".join(f"class A{i}:\n    def __init__(self):\n        self.c = A{i + 1}()\n"
              for i in range(6, 0, -1))
    + "A1()\n",
    "try:\n    if FLAG:\n        sys.exit(0)\nexcept ValueError:\n    pass\n",
    "def main():\n    if FLAG:\n        return\n    y = np.zeros(2) @ np.zeros(3)\nmain()\n",
)  # fmt: skip


@pytest.mark.parametrize("halt", _MAY_HALT)
@pytest.mark.parametrize("flag", ("len(sys.argv) > 0", "len(sys.argv) > 5", "random.random() < 2"))
def test_a_failure_after_a_raise_or_exit_that_may_run_is_not_certain(
    tmp_path: Path, halt: str, flag: str
) -> None:
    """hostile31 CR46b/CR47b: `if …: sys.exit(0)` before a line that fails: running exits
    with status 0 when the condition holds, so the failure is certain only when shapekit
    knows the condition does not hold."""
    source = (
        "import sys, random\nimport numpy as np\n"
        f"FLAG = {flag}\n{halt}y = np.zeros(2) @ np.zeros(3)\n"
    )
    _python_agrees(tmp_path, source)


@pytest.mark.parametrize(
    "caught",
    (
        "try:\n    if FLAG:\n        raise ValueError\nexcept BaseException:\n    pass\n",
        "try:\n    if FLAG:\n        sys.exit(0)\nexcept:\n    pass\n",
    ),
)
def test_a_raise_caught_by_a_handler_that_takes_everything_leaves_the_path_certain(
    tmp_path: Path, caught: str
) -> None:
    source = (
        "import sys, random\nimport numpy as np\n"
        f"FLAG = random.random() < 2\n{caught}y = np.zeros(2) @ np.zeros(3)\n"
    )
    assert _python_agrees(tmp_path, source)


def test_a_try_whose_loop_may_raise_keeps_the_name_it_binds_open() -> None:
    """hostile31 lx_while_raise_caught: the body binds `out` after a loop that raises late;
    the handler runs from before it."""
    source = (
        "import numpy as np\nout = np.zeros(2)\ntry:\n    n = 0\n    while n < 100000:\n"
        "        n += 1\n        if n == 99999:\n            raise KeyError\n"
        "    out = np.zeros(3)\nexcept KeyError:\n    pass\ny = out\n"
    )
    _agrees(source)


def test_a_deep_call_through_decorators_changes_what_the_innermost_function_changes() -> None:
    """hostile31 dl_decorators_plus_calls: past the depth followed, the wrapped function
    (found through the wrappers' closures) may append to the module's list."""
    source = (
        "import numpy as np, functools\nL = []\ndef deco(f):\n    @functools.wraps(f)\n"
        "    def wrapper(*a, **k):\n        return f(*a, **k)\n    return wrapper\n"
        "@deco\n@deco\n@deco\ndef work():\n    L.append(0)\n"
        "def a(): work()\ndef b(): a()\ndef c(): b()\ndef d(): c()\nd()\ny = np.zeros(len(L))\n"
        "assert y.shape == (1,)\n"
    )
    _agrees(source)


# --- the file's own names rebound through its module object or a frame (hostile31 CR52) -----


@pytest.mark.parametrize(
    "rebind",
    (
        "import __main__\n__main__.n = 6\n",
        "import __main__\nvars(__main__)['n'] = 6\n",
        "import __main__\n__main__.__dict__['n'] = 6\n",
        "import sys\nsys.modules[__name__].n = 6\n",
        "import sys\nm = sys.modules['__main__']\nsetattr(m, 'n', 6)\n",
        "import sys\nsys._getframe().f_globals['n'] = 6\n",
        "import inspect\ninspect.currentframe().f_globals['n'] = 6\n",
        "def f():\n    pass\nf.__globals__['n'] = 6\n",
        "import sys\ng = sys._getframe().f_globals\ndef set_n():\n    g['n'] = 6\nset_n()\n",
        "import sys\nIN_COLAB = 'google.colab' in sys.modules\nprint(IN_COLAB)\n",
    ),
)
def test_a_name_rebound_through_the_module_object_is_not_kept(tmp_path: Path, rebind: str) -> None:
    source = f"import numpy as np\nn = 2\n{rebind}y = np.zeros(n)\n"
    assert _python_agrees(tmp_path, source) == ("COLAB" in rebind)


# --- a dict made from another holds its values themselves (hostile31 CR50) -------------------


@pytest.mark.parametrize(
    "made",
    ("{**a}", "{**a, 'z': 0}", "{'k': [5, 5, 5], **a}", "{**a, 'k': [5, 5, 5]}", "a | {}",
     "{} | a", "a | {'z': [1]}", "a | {'k': [7]}", "dict(a)", "a.copy()"),
)  # fmt: skip
@pytest.mark.parametrize(
    "change", ("b['k'].append(2)", "b['k'].extend([2, 3])", "b['k'].clear()", "b['k'] = [9, 9]")
)
def test_a_dict_made_from_another_shares_its_values(made: str, change: str) -> None:
    source = (
        f"import numpy as np\na = {{'k': [1], 'w': np.zeros(3)}}\nb = {made}\n{change}\n"
        "y = np.zeros((len(a['k']), len(b['k'])))\n"
    )
    assert _agrees(source)


# --- Python's own power of numbers written out (hostile31 WP19) -------------------------------


@pytest.mark.parametrize("base", ("10.0", "10", "0", "0.0", "-8", "2.5", "-0.5", "1e-5", "True"))
@pytest.mark.parametrize("power", ("400", "400.0", "-1", "-1.0", "0.5", "1 / 3", "-400", "3"))
def test_python_s_power_of_numbers_raises_as_python_does(base: str, power: str) -> None:
    source = f"import numpy as np\nx = {base} ** ({power})\ny = np.zeros(2)\n"
    _agrees(source)
    numpy_scalar = f"import numpy as np\nx = np.float64({base}) ** ({power})\ny = np.zeros(2)\n"
    _agrees(numpy_scalar)


# --- a dict written in a list literal is one object (hostile32 CR53) --------------------------


@pytest.mark.parametrize(
    "change",
    (
        "c = cfg[0]\nc['s'] = 5",
        "c = cfg[0]\nc['l'].append(3)",
        "c = cfg[0]\nc['l'] += [3, 4]",
        "for c in cfg[:1]:\n    c['l'].extend([3])",
        "for c in cfg:\n    c['l'].extend([3])",  # (cfg[1] is a list: a TypeError)
        "def grow(c):\n    c['l'] += [3]\ngrow(cfg[0])",
        "cfg[0]['s'] = 7",
        "s = cfg[0]['l']\ns += [3]",
        "c = cfg[1][0]\nc['s'] = 6",
    ),
)
def test_a_dict_in_a_list_literal_is_changed_through_any_name(change: str) -> None:
    source = (
        f"import numpy as np\ncfg = [{{'s': 2, 'l': [1]}}, [{{'s': 3}}]]\n{change}\n"
        "y = np.zeros((cfg[0]['s'], len(cfg[0]['l']), cfg[1][0]['s']))\n"
    )
    assert _agrees(source)


@pytest.mark.parametrize(
    "made", ("[1, 2]", "(1, 2)", "[[1], [2]]", "list(range(3))", "(np.ones(2),)")
)
@pytest.mark.parametrize("index", ("'a'", "1.0", "0", "-1", "True", "slice(0, 1)", "np.int64(0)"))
def test_a_list_or_tuple_indexed_as_python_indexes_it(made: str, index: str) -> None:
    source = f"import numpy as np\nx = {made}\nz = x[{index}]\ny = np.zeros(2)\n"
    assert _agrees(source) or "np.ones" in made


# --- a function's branch or loop changing a global list (hostile32 CR54) ---------------------


@pytest.mark.parametrize(
    "body",
    (
        "    try:\n        log.append(1)\n    except Exception:\n        log.append(2)\n",
        "    try:\n        log.append(1)\n    except Exception:\n        log.append(2)\n"
        "    else:\n        log.append(3)\n    finally:\n        log.append(4)\n",
        "    if random.random() < 2:\n        log.append(1)\n    else:\n        log.extend([1, 2])\n",
        "    if random.random() < 2:\n        log.append(1)\n",
        "    if len(log) == 0:\n        log.append(1)\n    else:\n        log.extend([1, 2])\n",
        "    for x in items[: random.randint(0, 3)]:\n        log.append(x)\n",
        "    for x in items:\n        log.append(x)\n",
        "    while len(log) < random.randint(0, 3):\n        log.append(0)\n",
        "    def inner():\n        if random.random() < 2:\n            log.append(1)\n    inner()\n",
    ),
)
def test_a_global_list_changed_in_a_function_s_branch_or_loop(body: str) -> None:
    source = (
        "import random\nimport numpy as np\nlog = []\nitems = [1, 2, 3]\n"
        f"def f():\n{body}f()\ny = np.zeros(len(log))\n"
    )
    _agrees(source)


# --- values kept through more of NumPy and Python (fresh35 WP02, WP05, WP10) -----------------


@pytest.mark.parametrize(
    "made",
    (
        "np.arange(8) % 3", "np.arange(8) // 3", "np.arange(-4, 4) % 3", "np.arange(-4, 4) // -3",
        "np.arange(8.0) % 2.5", "np.arange(-4.0, 4.0) // 1.5", "np.mod(np.arange(8), 3)",
        "np.arange(6, dtype=float) * 0.5", "np.arange(6, dtype=int) % 4",
        "np.arange(6, dtype=np.float64)", "np.arange(1, 7, 2, dtype=float)",
        "np.arange(6, dtype=np.uint8) % 4",
    ),
)  # fmt: skip
def test_values_kept_where_running_gives_the_same_numbers(made: str) -> None:
    """Labels made by ``% c`` index a probability table: an index past its end is found."""
    source = (
        f"import numpy as np\nlabels = ({made}).astype(int)\nprobs = np.ones((len(labels), 3))\n"
        "y = probs[np.arange(len(labels)), labels]\n"
    )
    assert _never_wrong(source) or "uint8" in made


@pytest.mark.parametrize(
    "items",
    ("[1.0, 2.0, 3.0]", "[0.5, 0.25, -1.0]", "[0.1, 0.2]", "[1e16, 1.0, -1e16]", "[1, 2.5]",
     "[True, 1.5]", "[]", "[0.1] * 10"),
)  # fmt: skip
@pytest.mark.parametrize("total", ("6", "6.0", "-0.25", "0.30000000000000004", "0.3", "3.5", "1.0"))
def test_python_s_sum_of_floats_where_no_step_rounds(items: str, total: str) -> None:
    source = f"import numpy as np\nassert sum({items}) == {total}\ny = np.zeros(2)\n"
    decided = _never_wrong(source)
    assert decided or items in ("[0.1, 0.2]", "[1e16, 1.0, -1e16]", "[0.1] * 10")


@pytest.mark.parametrize("method", ("standard_normal", "random", "standard_exponential"))
@pytest.mark.parametrize(
    "dtype",
    ("np.int32", "np.float32", "np.float64", "float", "int", "'f4'", "'int64'", "np.float16",
     "np.uint8", "'float32'"),
)  # fmt: skip
@pytest.mark.parametrize("by", ("size={size}, dtype={dtype}", "{size}, {dtype}"))
def test_a_generator_s_float_draws_take_float_dtypes_only(method: str, dtype: str, by: str) -> None:
    """fresh35 WP06: ``rng.standard_normal((8, 4), dtype=np.int32)`` is NumPy's TypeError."""
    given = by.format(size="(2, 3)", dtype=dtype)
    source = f"import numpy as np\nrng = np.random.default_rng(0)\ny = rng.{method}({given})\n"
    assert _agrees(source)


# --- values up to rounding through indexing and assert_allclose (fresh35 WP03, WP04) ---------

_SOFTMAX = (
    "z = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])\ne = np.exp(z)\n"
    "p = e / e.sum(axis=1, keepdims=True)\n"
)


@pytest.mark.parametrize(
    "check",
    (
        "assert np.allclose(p[0], 1 / 3)", "assert np.allclose(p[1], 1 / 3)",
        "assert np.allclose(p[1, 2], 1 / 3)", "assert np.allclose(p[:, 0], p[:, 1])",
        "assert np.allclose(p[0, ::-1], p[0])", "assert np.allclose(p[..., 1], 0.5)",
        "assert np.allclose(p[None, 1], 1 / 3)", "assert p[0, 2] > 0.5", "assert p[1, 0] > 0.5",
        "np.testing.assert_allclose(p.sum(axis=0), 1.0)",
        "np.testing.assert_allclose(p.sum(axis=1), 1.0)",
        "np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)",
        "np.testing.assert_allclose(p[1], 1 / 3)",
        "np.testing.assert_allclose(1.0, p.sum(axis=1))",
    ),
)  # fmt: skip
def test_values_up_to_rounding_through_indexing_and_assert_allclose(check: str) -> None:
    source = f"import numpy as np\n{_SOFTMAX}{check}\ny = np.zeros(2)\n"
    decided = _never_wrong(source)
    assert decided or "rtol=1e-12" in check or "p[1, 0] > 0.5" in check or "..." in check


def test_a_library_call_in_a_context_manager_keeps_the_values_known() -> None:
    """fresh35 WP01: ``time.perf_counter()`` in a ``@contextmanager`` timer writes into no
    array, so the labels keep their values and the index past the end is found."""
    source = (
        "import time\nfrom contextlib import contextmanager\nimport numpy as np\n"
        "@contextmanager\ndef timer():\n    t0 = time.perf_counter()\n    yield\n"
        "    print(time.perf_counter() - t0)\nlabels = np.array([0, 1, 2, 3])\n"
        "with timer():\n    probs = np.ones((4, 3))\ny = probs[np.arange(4), labels]\n"
    )
    assert _agrees(source)


# --- fewer unknowns (fresh35 UNK01, UNK02, UNK05) ---------------------------------------------


@pytest.mark.parametrize(
    ("signature", "call"),
    (("argv=None", "main()"), ("argv=None", "main(None)"), ("argv=None", "main([])"),
     ("argv=None", "main(['--batch', '7'])"), ("args=None", "main()"),
     ("argv=None", "main(sys.argv[1:])")),
)  # fmt: skip
def test_argparse_of_a_main_s_argv_parameter(tmp_path: Path, signature: str, call: str) -> None:
    source = (
        "import argparse, sys\nimport numpy as np\n"
        f"def main({signature}):\n    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('--batch', type=int, default=5)\n"
        f"    args = parser.parse_args({signature.split('=')[0]})\n"
        "    return np.zeros((args.batch, 3))\n"
        f"y = {call}\n"
    )
    decided = _python_agrees(tmp_path, source)
    assert decided or "'7'" in call or "sys.argv" in call


@pytest.mark.parametrize(
    "use",
    ("np.zeros((cfg.n_in, cfg.hidden))", "np.zeros(cfg.missing)", "np.zeros((cfg.n_in, cfg.out))",
     "np.zeros(vars(cfg)['n_in'])", "np.zeros(cfg.n_in) @ np.zeros(cfg.hidden)"),
)  # fmt: skip
@pytest.mark.parametrize("made", ("SimpleNamespace(n_in=4, hidden=8)", "SN(n_in=4, hidden=4)"))
def test_a_simple_namespace_holds_its_attributes(made: str, use: str) -> None:
    source = (
        "from types import SimpleNamespace\nfrom types import SimpleNamespace as SN\n"
        f"import numpy as np\ncfg = {made}\ncfg.out = 2\ny = {use}\n"
    )
    assert _agrees(source) or "vars" in use


@pytest.mark.parametrize(
    "stop",
    ("if loss < 0.5:\n        break", "if random.random() < 0.5:\n        break",
     "if epoch > 3 and loss < 0.5:\n        break", "if loss < 0.5:\n        continue"),
)  # fmt: skip
def test_names_bound_before_a_break_that_may_run_in_the_first_step(stop: str) -> None:
    """fresh35 UNK05: an early-stopping loop binds z in its first step, whatever breaks."""
    source = (
        "import random\nimport numpy as np\nrng = np.random.default_rng(0)\n"
        "X = rng.normal(size=(8, 2))\nW = np.zeros((2, 1))\nfor epoch in range(100):\n"
        "    z = X @ W\n    loss = float(np.mean(z ** 2)) + random.random()\n"
        f"    W -= 0.1 * X.T @ z\n    {stop}\ny = z\n"
    )
    assert _agrees(source)


@pytest.mark.parametrize(
    "made",
    ('np.arange(6).reshape(2, 3, order="F")', 'np.reshape(np.arange(6), (2, 3), "F")',
     'np.reshape(np.arange(6), (2, 3), order="C")', 'np.arange(24).reshape(2, 3, 4, order="F")',
     'np.arange(6).reshape((3, 2)).T.reshape(6, order="A")', 'np.arange(6).reshape(2, 3, order="A")',
     'np.arange(6).reshape((2, 3), order="F")'),
)  # fmt: skip
def test_reshape_takes_the_numbers_in_the_order_asked(made: str) -> None:
    """hostile32 CR55: ``reshape(2, 3, order="F")`` fills columns first."""
    at = "1, 0, 0" if "24" in made else "1" if "6, order" in made else "0, 1"
    source = f"import numpy as np\na = {made}\ny = np.zeros(int(a[{at}]) + 1)\n"
    decided = _agrees(source)
    assert decided or '"A"' in made
    summed = f"import numpy as np\na = {made}\ny = np.zeros(int(a.sum(axis=-1)[0]) + 1)\n"
    _agrees(summed)


# --- more of what Python and NumPy refuse (hostile32 WP19b, WP21b, WP32, WP33) ---------------


@pytest.mark.parametrize(
    "line",
    (
        "r = range(0, 5, 0)", "r = range(0, 5, 2)", "r = range(5, 0, -1)", "r = list(range(3, 9, False))",
        "x = np.uint8(1) + 300", "x = np.int8(1) * 1000", "x = np.uint8(200) + 3",
        "x = np.uint8(300)", "x = np.int16(5) - 40000", "x = np.int32(5) + 2**40",
        "x = np.uint8(3) + np.int64(300)", "x = np.uint8(255) + 0", "x = np.int8(-128) - 0",
        "i = np.nanargmax(np.array([np.nan, np.nan]))",
        "i = np.nanargmin(np.array([[np.nan, 1.0], [np.nan, np.nan]]), axis=1)",
        "i = np.nanargmax(np.array([[np.nan, 1.0], [2.0, np.nan]]), axis=1)",
        "i = np.nanargmax(np.array([[np.nan, 1.0], [np.nan, 2.0]]), axis=0)",
        "i = np.nanmax(np.array([np.nan, np.nan]))",
        "n = any([np.ones(2), np.ones(2)])", "n = all([np.zeros(3)])", "n = any([np.ones(1)])",
        "n = sorted([np.ones(2), np.zeros(2)])", "n = sorted([np.ones(2)])",
        "n = sorted([np.ones(1), np.zeros(1)])", "n = any([np.ones(()), np.ones(3)])",
        "n = any([])", "n = sorted([[1, 2], [0, 5]])",
        "a = np.zeros(3, dtype=np.int8)\na.fill(200)", "a = np.zeros(3, dtype=np.int8)\na.fill(100)",
        "a = np.zeros(3, dtype=np.uint8)\na.fill(-1)", "a = np.zeros(3)\na.fill(-1)",
        "x = np.uint8(-1)", "x = max([])", "x = min([])", "x = max([], default=3)",
        "x = max(v for v in [])", "x = max('')", "x = min([2])", "L = [1].append(2)\nz = L[0]",
        "L = [3, 1]\nL = L.sort()\nz = L", "x = np.eye(-2)", "x = np.eye(2, -1)",
        "x = np.identity(-1)", "x = np.eye(0)", "x = [1, 2].index(5)", "x = (1, 2).index(5)",
        "x = np.zeros([1, 2].index(2))", "x = np.zeros([3, 3, 1].count(3))",
        "x = np.zeros(['a', 1.0].index(1))", "x = [True, 2].index(1)",
    ),
)  # fmt: skip
def test_python_and_numpy_refuse_these_as_running_does(line: str) -> None:
    source = f"import numpy as np\n{line}\ny = np.zeros(2)\n"
    assert _agrees(source) or "np.nanmax" in line


# --- NumPy's floating-point errors made errors (fresh35 WP08, hostile32 WP31) ----------------


@pytest.mark.parametrize(
    "code",
    (
        "with np.errstate(divide='raise'):\n    v = np.log(np.array([0.3, 0.0]))",
        "with np.errstate(divide='raise'):\n    v = np.log(np.array([0.3, 0.7]))",
        "with np.errstate(divide='raise'):\n    v = np.array([1.0]) / 0.0",
        "with np.errstate(divide='raise'):\n    v = np.array([0.0]) / 0.0",
        "with np.errstate(invalid='raise'):\n    v = np.array([0.0]) / 0.0",
        "with np.errstate(over='raise'):\n    v = np.exp(np.array([1000.0]))",
        "with np.errstate(invalid='raise'):\n    v = np.sqrt(np.array([-1.0, 4.0]))",
        "with np.errstate(divide='raise'):\n    v = np.array([1, 2]) // 0",
        "with np.errstate(all='ignore'):\n    v = np.log(np.zeros(2))",
        "with np.errstate(all='raise', divide='ignore'):\n    v = np.log(np.zeros(2))",
        "with np.errstate(divide='raise'):\n    pass\nv = np.log(np.zeros(2))",
        "with np.errstate(divide='raise'):\n    with np.errstate(divide='ignore'):\n"
        "        v = np.log(np.zeros(2))",
        "with np.errstate(under='raise'):\n    v = np.array([1e-300]) * 1e-300",
        "np.seterr(all='raise')\nv = np.log(np.zeros(2))",
        "np.seterr(divide='raise')\nv = np.array([1.0]) / 0.0",
        "old = np.seterr(all='raise')\nnp.seterr(**old)\nv = np.log(np.zeros(2))",
        "np.seterr(all='raise')\nnp.seterr(divide='ignore')\nv = np.log(np.zeros(2))",
        "def f():\n    with np.errstate(divide='raise'):\n        return np.log(np.zeros(2))\nv = f()",
    ),
)
def test_floating_point_errors_raise_where_numpy_is_told_to(tmp_path: Path, code: str) -> None:
    source = f"import numpy as np\n{code}\ny = np.zeros(2)\n"
    decided = _python_agrees(tmp_path, source)
    assert decided or "under=" in code


@pytest.mark.parametrize(
    "code",
    ("L[::3] = [1, 2]", "L[::3] = [1, 2, 3, 4]", "L[1:3] = [1, 2, 3, 4]", "L[::-2] = range(5)",
     "L[::-2] = range(4)", "L[8::5] = [0]", "L[8::5] = []", "L[::2] = (9,) * 5", "L[::1] = [1]"),
)  # fmt: skip
def test_an_extended_slice_of_a_list_takes_as_many_items_as_it_has(code: str) -> None:
    """hostile32 WP30: ``L[::3] = [1, 2]`` of a list of ten is Python's ValueError."""
    source = f"import numpy as np\nL = list(range(10))\n{code}\ny = np.zeros(len(L))\n"
    _agrees(source)


@pytest.mark.parametrize(
    "write",
    ("w[0, 0] = 1", "w += 1", "w.fill(1)", "v = w + 1", "w2 = w.copy()\nw2[0, 0] = 1",
     "w[0] = 1"),
)  # fmt: skip
@pytest.mark.parametrize("flag", ("", ", writeable=True", ", writeable=False"))
def test_a_sliding_window_view_is_read_only_unless_asked(write: str, flag: str) -> None:
    """hostile32 WP29: NumPy's sliding windows are a read-only view of the array."""
    source = (
        "import numpy as np\nfrom numpy.lib.stride_tricks import sliding_window_view\n"
        f"a = np.arange(10.0)\nw = sliding_window_view(a, 3{flag})\n{write}\ny = np.zeros(2)\n"
    )
    _agrees(source)


@pytest.mark.parametrize(
    ("made", "called"),
    (("partial(rng.normal, 0.0, 0.1)", "init(size=(4, 5))"),
     ("partial(rng.normal, 0.0, 0.1)", "init(size=(4, 5)) @ np.ones(4)"),
     ("partial(rng.uniform, -1, 1)", "init(size=3)"),
     ("partial(np.zeros, (2, 3))", "init()"), ("partial(np.full, (2, 3))", "init(7.0)"),
     ("partial(np.sum, axis=1)", "init(np.ones((2, 5)))"),
     ("partial(rng.integers, 0, 5)", "init(size=(2, 2))"),
     ("partial(np.ones, 3)", "init() @ np.ones(4)"),
     ("partial(np.zeros, dtype=np.float64)", "init(6) @ np.ones(5)"),
     ("partial(np.zeros, dtype=float)", "init((2, 3))"), ("partial(np.ones, dtype=int)", "init(4)")),
)  # fmt: skip
def test_a_partial_of_numpy_s_function_with_its_numbers_first(made: str, called: str) -> None:
    """fresh35 UNK03: ``partial(rng.normal, 0.0, 0.1)`` called with ``size=``."""
    source = (
        "from functools import partial\nimport numpy as np\nrng = np.random.default_rng(0)\n"
        f"init = {made}\ny = {called}\n"
    )
    assert _agrees(source) or "(2, 3))" in made  # (a tuple given first: not followed)


@pytest.mark.parametrize(
    "code",
    ("b = a\na.resize((2, 4))", "a.resize((2, 4))", "L = [a]\na.resize((2, 4))",
     "b = a\na.resize((2, 4), refcheck=False)", "def f(x):\n    x.resize((2, 4))\nf(a)",
     "b = a\nb = None\na.resize((2, 4))", "def f(x):\n    x.resize((2, 4))\n    return x\na = f(np.zeros(6))",
     "class L:\n    def __init__(self, w):\n        self.W = w\nl = L(a)\nl.W.resize((2, 4))",
     "for x in [a]:\n    x.resize((2, 4))", "b = a\na.resize((3, 2))", "b = a\nb.resize((2, 3))"),
)  # fmt: skip
def test_resizing_an_array_another_name_holds(code: str) -> None:
    """hostile31 WP28: ``a.resize`` of an array another name refers to is NumPy's ValueError."""
    source = f"import numpy as np\na = np.zeros(6)\n{code}\ny = a\n"
    _agrees(source)


# --- review24: a ufunc's dtype=, logical ufuncs, star imports never run --------------------


@pytest.mark.parametrize(
    "code",
    ("out = np.multiply(img, 1000, dtype=np.int32)", "out = np.add(img, 300, dtype=np.int16)",
     "out = np.add(img, 300, dtype=np.int8)", "out = np.add(img, 300, dtype=float)",
     "wide = np.add(img, 2, dtype=np.int32)\nout = wide * 1000",
     "wide = np.add(img, 2, dtype=np.int16)\nout = wide * 100000",
     "out = np.logical_and(img, 1000)", "out = np.logical_or(img, -1)",
     "out = np.heaviside(img, 300)", "out = np.add(img, 300)", "out = img * 1000",
     "out = np.subtract(img, -5, dtype=np.uint8)"),
)  # fmt: skip
def test_a_python_integer_is_judged_against_the_dtype_the_ufunc_computes_in(code: str) -> None:
    """review24 F1, F1b, F2: ``dtype=`` sets the loop NEP 50 casts the Python int to, and the
    logical ufuncs and heaviside compute in booleans and floats."""
    source = f"import numpy as np\nimg = np.zeros((4, 5), dtype=np.uint8)\n{code}\ny = out\n"
    _agrees(source)


@pytest.mark.parametrize(
    "lib", ("numpy.f2py.__main__", "antigravity", "this", "numpy.linalg", "math", "idlelib.idle")
)
def test_a_star_import_of_a_library_never_runs_it(tmp_path: Path, lib: str) -> None:
    """review24 F4: ``from numpy.f2py.__main__ import *`` would run f2py's command line in
    shapekit's own process (and exit it): a library is imported here only when it is one
    of NumPy's or Python's that run nothing."""
    source = (
        "import numpy as np\npi = 4\ny = np.zeros((2, 3))\ntry:\n"
        f"    from {lib} import *\nexcept BaseException:\n    pass\nz = np.zeros(int(pi))\n"
    )
    before = set(sys.modules)
    program = analyse([(None, source)], file=str(tmp_path / "main.py"))
    binding = program.binding("y")
    assert binding is not None and binding.shape == (2, 3)
    assert [p for p in program.problems if p.certain] == []
    if lib not in ("numpy.linalg", "math"):
        assert lib not in set(sys.modules) - before


def test_json_read_inside_the_with_that_dumps_it_is_not_read_back(tmp_path: Path) -> None:
    """review24 F3: the text is written when the ``with`` ends; read inside it, the file is
    empty (JSONDecodeError), so what it holds there is not known."""
    source = (
        "import json\nimport numpy as np\nd = {'w': [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]}\n"
        "with open('d.json', 'w') as f:\n    json.dump(d, f)\n    back = json.load(open('d.json'))\n"
        "y = np.array(back['w'])\n"
    )
    assert not _python_agrees(tmp_path, source)
    after = source.replace("    back = json.load", "back = json.load")
    assert _python_agrees(tmp_path / "after", after)


@pytest.mark.parametrize(
    "caught", ("TypeError", "Exception", "ValueError", "np.exceptions.DTypePromotionError")
)
def test_a_ufunc_s_casting_error_is_a_type_error(caught: str) -> None:
    """review24 F6: NumPy's UFuncTypeError is a TypeError for the handlers that catch it."""
    source = (
        "import numpy as np\nx = np.linspace(0.0, 1.0, 6)\ntry:\n"
        "    out = np.add(x, 1, dtype=np.int64)\n"
        f"except {caught}:\n    out = np.rint(x).astype(np.int64).reshape(2, 3) + 1\ny = out\n"
    )
    assert _agrees(source)


@pytest.mark.parametrize(
    "loop",
    ("for k in d:\n    d[k + 'x'] = 2", "for k in d:\n    d[k] = 5", "for k in d.keys():\n    del d[k]",
     "for k, v in d.items():\n    d.pop(k)", "for k in list(d):\n    d[k + 'x'] = 2",
     "for v in d.values():\n    d['z'] = v", "for k in d:\n    d.update(q=1)",
     "for k in d:\n    d.setdefault(k, 3)",
     "for k in d:\n    d['n'] = 1\n    del d['n']"),
)  # fmt: skip
def test_a_dict_changed_in_size_under_its_loop(loop: str) -> None:
    """hostile31 WP20: Python's next step of the loop finds the dict changed in size."""
    source = f"import numpy as np\nd = {{'a': 1, 'b': 2}}\n{loop}\ny = np.zeros(len(d))\n"
    _agrees(source)


@pytest.mark.parametrize(
    ("source", "variables"),
    (
        ("W = np.ones((3, 2))\nouts = [np.ones((3, 2)), np.ones((1, 2))]\n"
         "all_out = np.concatenate(outs)\n", None),
        ("outs = [np.ones((3, 2)), np.ones((1, 2))]\nall_out = np.concatenate(outs)\n",
         [("all_out", "ok", [4, 2])]),
        ("spec = [('dense', 4), ('relu', 0)]\nW = np.ones((4, 3))\n", [("W", "ok", [4, 3])]),
        ("class Dense:\n    pass\nlayers = [Dense(), Dense()]\nx = np.ones((2, 3))\n",
         [("x", "ok", [2, 3])]),
        ("inputs = [[1, 2.5], [-3, 4]]\n", [("inputs", "ok", [2, 2])]),
        ("inputs = [[1, 2.5], [3]]\n", [("inputs", "error", None)]),
        # fresh35 WP12: one array known, others not: which is meant is not known
        ("import random\ninputs = np.ones((6, 5))\nW1 = np.ones((random.randint(2, 4), 5))\n"
         "hidden = inputs @ W1\n", [("main", "unknown", None)]),
    ),
)  # fmt: skip
def test_a_run_without_names_judges_a_list_written_with_numbers(
    tmp_path: Path, source: str, variables: list | None
) -> None:
    """fresh35 CR03: a list of arrays or objects the file makes is no array it is meant to
    hold, so a run without names never fails it."""
    from click.testing import CliRunner
    from shapekit_cli.main import main

    (tmp_path / "main.py").write_text("import numpy as np\n" + source)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "main.py"), "--format", "json"])
    report = json.loads(result.stdout)
    found = [(v["name"], v["status"], v["shape"]) for v in report["results"][0]["variables"]]
    if variables is None:  # several arrays: the usage question, not judged (no failure)
        assert [status for _name, status, _shape in found] == ["unknown"]
    else:
        assert found == variables


# --- hostile32 CR58: a chained comparison stops at its first false link ----------------------


@pytest.mark.parametrize(
    "chain",
    ("3 < 1 < (a @ np.zeros(3)).sum()", "1 < 3 < (a @ np.zeros(3)).sum()",
     "0 <= i < len(L) < L[i]", "0 <= 0 < len(L) > L[0]", "v(3) < v(1) < v(2)",
     "v(1) < v(2) > v(5) < v(9)", "v(1) == v(2) == v(2)", "v(2) == v(2) == v(3)",
     "v(None) is v(1) is v(None)", "0 < a.sum() < 1", "0 < np.ones(3) < 2", "1 < 2 < 3 < 4",
     "1 < 2 < 3 < 2 < v(7)", "a.shape == (2,) == a.shape", "len(L) in [1] in [[1]]"),
)  # fmt: skip
def test_a_chained_comparison_stops_at_its_first_false_link(chain: str) -> None:
    source = (
        "import numpy as np\na = np.zeros(2)\nL = [4]\ni = 5\nseen = []\n"
        "def v(x):\n    seen.append(x)\n    return x\n"
        f"r = {chain}\ny = np.zeros(len(seen) + 1)\n"
    )
    assert _agrees(source)


@pytest.mark.parametrize(
    "made", ("{v(4): v(2)}", "{v(4): v(2), v(3): v(1)}", "{v(1): [v(2)], **{v(3): v(4)}}",
             "{v(5): v(6) for _ in range(1)}", "dict([(v(4), v(2))])")
)  # fmt: skip
def test_a_dict_display_evaluates_each_key_before_its_value(made: str) -> None:
    """hostile32 CR59: Python 3.8 and later evaluate a dict display's key, then its value."""
    source = (
        "import numpy as np\nseen = []\ndef v(x):\n    seen.append(x)\n    return x\n"
        f"d = {made}\ny = np.zeros(seen[0])\nz = np.zeros(seen[1])\n"
    )
    assert _agrees(source)


@pytest.mark.parametrize(
    "change",
    ("a -= 1", "b *= 2", "b **= 2", "a += np.ones(6)", "a //= 2", "a -= 1\na = a * 2",
     "def step(w):\n    w -= 0.1\nstep(a)", "c = a\nc += 1\nc = np.zeros(3)"),
)  # fmt: skip
def test_an_augmented_assignment_writes_into_the_array_itself(change: str) -> None:
    """hostile32 CR60: ``a -= 1`` keeps the array ``b = a`` holds too: its shape set later is
    the shape of both."""
    source = f"import numpy as np\na = np.zeros(6)\nb = a\n{change}\na.shape = (2, 3)\ny = b\n"
    _agrees(source)


@pytest.mark.parametrize(
    "made",
    ("def mk():\n    a = np.zeros(6)\n    def get():\n        return a\n    return get\ng = mk()",
     "def g(buf=np.zeros(6)):\n    return buf", "g = lambda buf=np.zeros(6): buf",
     "import functools\ndef get(x):\n    return x\ng = functools.partial(get, np.zeros(6))",
     "def mk():\n    store = [np.zeros(6)]\n    def get():\n        return store[0]\n    return get\n"
     "g = mk()", "A = np.zeros(6)\ndef g():\n    return A",
     "def g():\n    return np.zeros(6)"),
)  # fmt: skip
@pytest.mark.parametrize("change", ("x = g()\nx.shape = (3, 2)", "g().shape = (2, 3)"))
def test_an_array_a_function_keeps_is_one_object(made: str, change: str) -> None:
    """hostile32 CR61: every call returns the array the closure, the default or the partial
    holds: its shape set through one result is the shape of the next."""
    source = f"import numpy as np\n{made}\n{change}\ny = g()\n"
    _agrees(source)


@pytest.mark.parametrize(
    "source",
    ("a = np.ones((3, 2))\nw = np.full((3, 2), 0.2)\ntry:\n    out = a @ w\n"
     "except TypeError:\n    out = a @ w.T\nout = out + np.arange(3)\n",
     "X = np.ones((4, 4))\nW = np.ones((4, 2))\nZ = np.empty((2, 4))\nnp.dot(X, W, out=Z)\n"
     "Z += np.zeros(2)\nout = Z\n"),
)  # fmt: skip
def test_a_variable_past_the_stop_points_at_the_stop(tmp_path: Path, source: str) -> None:
    """fresh35 LINE01, LINE02: a variable whose own failure comes only after the line where
    running stops says where running stops, not a second error of its own."""
    from click.testing import CliRunner
    from shapekit_cli.main import main

    (tmp_path / "main.py").write_text("import numpy as np\n" + source)
    result = CliRunner().invoke(
        main, ["check", str(tmp_path / "main.py"), "--var", "out", "--format", "json"]
    )
    report = json.loads(result.stdout)["results"][0]
    (out,) = report["variables"]
    certain = [p["line"] for p in report["problems"] if p.get("certain", True)]
    assert out["status"] == "error" and "stops before it, at line 5" in out["message"], out
    assert certain[:1] == [5]


@pytest.mark.parametrize(
    "drawn",
    ("rng.choice(16, size=8, replace=False)", "rng.choice(16, 4, replace=False)",
     "rng.choice(16, size=5, replace=False)", "rng.choice(16, size=(2, 3), replace=False)",
     "rng.choice(16, size=8)", "np.random.choice(10, 6, replace=False)",
     "rng.choice(16, size=8, replace=False) % 4", "rng.choice(5, size=5, replace=False)"),
)  # fmt: skip
def test_indices_drawn_without_replacement_past_the_axis(drawn: str) -> None:
    """fresh35 WP07: k different whole numbers from 0 up hold one of k-1 or more."""
    source = (
        f"import numpy as np\nrng = np.random.default_rng(0)\ny_train = np.arange(4)\n"
        f"idx = {drawn}\ny = y_train[idx]\n"
    )
    decided = _never_wrong(source)  # (a draw that may or may not reach past: not decided)
    assert decided == any(k in drawn for k in ("size=8, replace", "size=5, r", "(2, 3)", "10, 6"))


@pytest.mark.parametrize(
    "body",
    ("    yield np.ones((2, 4)) @ W\n", "    x = np.ones((2, 3))\n    yield x @ W\n    yield x @ W.T\n",
     "    yield W\n    yield W @ W\n"),
)  # fmt: skip
@pytest.mark.parametrize(
    "reads", ("first = next(g)", "first = next(g)\nsecond = next(g)", "out = list(g)")
)
def test_a_generator_whose_body_fails_is_no_stop_iteration(body: str, reads: str) -> None:
    """fresh35 MSG01: ``next(g)`` of a generator whose body fails raises that failure, in
    the body, not a StopIteration (its fix ``next(g, None)`` would not help)."""
    source = (
        f"import numpy as np\nW = np.ones((3, 2))\ndef gen():\n{body}g = gen()\n{reads}\ny = W\n"
    )
    program = analyse([(None, source)])
    assert not any("StopIteration" in p.message for p in program.problems)
    _agrees(source)


@pytest.mark.parametrize(
    "loop",
    ("for x in L:\n    seen.append(x)\n    L[1] = 4", "for x in L:\n    seen.append(x)\n    L.sort()",
     "for x in L:\n    seen.append(x)\n    L.sort(reverse=True)",
     "for i, x in enumerate(L):\n    seen.append(x)\n    if i + 1 < len(L):\n        L[i + 1] = x + 1",
     "for i, x in enumerate(L):\n    seen.append(x)\n    L[i] = x * 2",
     "for x, y in zip(L, M):\n    seen.append(x)\n    L[2] = 6",
     "for x in L:\n    seen.append(x)\n    M[0] = 9", "for x in list(L):\n    seen.append(x)\n    L[1] = 4"),
)  # fmt: skip
def test_a_loop_reads_each_item_of_its_list_as_it_is_then(loop: str) -> None:
    """hostile32 CR62: ``for x in L: … L[1] = 4`` reads 4 at the second step."""
    source = (
        "import numpy as np\nL = [2, 1, 3]\nM = [5, 5, 5]\nseen = []\n"
        f"{loop}\ny = np.zeros((seen[1], L[1]))\n"
    )
    _agrees(source)


@pytest.mark.parametrize(
    "code",
    ("try:\n    os._exit(0)\nfinally:\n    y = np.zeros(2) @ np.zeros(3)",
     "try:\n    os._exit(0)\nexcept BaseException:\n    y = np.zeros(2) @ np.zeros(3)",
     "from os import _exit\ntry:\n    _exit(0)\nfinally:\n    y = np.zeros(2) @ np.zeros(3)",
     "try:\n    sys.exit(0)\nfinally:\n    y = np.zeros(2) @ np.zeros(3)",
     "try:\n    sys.exit(0)\nexcept SystemExit:\n    y = np.zeros(2) @ np.zeros(3)"),
)  # fmt: skip
def test_os_exit_ends_at_once(tmp_path: Path, code: str) -> None:
    """hostile32 CR64: ``os._exit(0)`` ends the process at once: no handler catches it and
    no ``finally`` runs (``sys.exit`` raises SystemExit, which both see)."""
    source = f"import numpy as np, os, sys\ny = np.zeros(2)\n{code}\n"
    _python_agrees(tmp_path, source)


def test_numbers_past_those_kept_are_not_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """hostile32 RUNAWAY01: ``np.outer`` of two known 1000-vectors makes a million numbers,
    which shapekit does not keep: it does not ask NumPy for them either (19,000 such calls
    took 25 s); small ones keep their values."""
    import numpy as np

    asked: list[int] = []
    real = np.outer

    def counted(a: object, b: object, *args: object, **kwargs: object) -> object:
        asked.append(np.size(a) * np.size(b))
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(np, "outer", counted)
    program = analyse(
        [(None, "import numpy as np\na = np.arange(1000.0)\nm = np.outer(a, a)\n"
                "s = np.outer(np.arange(3), np.arange(2))\n")]
    )  # fmt: skip
    big, small = program.binding("m"), program.binding("s")
    assert big is not None and big.shape == (1000, 1000) and big.value is None
    assert (
        small is not None
        and small.value is not None
        and small.value.tolist() == [[0, 0], [0, 1], [0, 2]]
    )
    assert max(asked) <= 10_000


@pytest.mark.parametrize(
    "code",
    ("def f():\n    a = np.zeros(6)\n    try:\n        return a\n    finally:\n        a.shape = (2, 3)\ny = f()",
     "def g():\n    a = np.zeros(6)\n    yield a\n    a.shape = (2, 3)\nit = g()\nx = next(it)\n"
     "next(it, None)\ny = x",
     "a = np.zeros(6)\nL = [a]\nb = a\nb += 1\nb.shape = (2, 3)\ny = L[0]",
     "a = np.zeros(6)\nL = [a]\na.shape = (3, 2)\ny = L[0]"),
)  # fmt: skip
def test_an_array_changed_after_it_was_handed_on_is_that_array(code: str) -> None:
    """hostile32 CR65, CR60b: what a call returned or yielded, and what a list holds, is the
    array itself: its shape set later is theirs."""
    _agrees(f"import numpy as np\n{code}\n")


@pytest.mark.parametrize(
    "code",
    ("if (\n    a\n):\n    pass", "x = (0 or\n    a or 5)", "x = not (\n    a\n)",
     "x = (1 if\n    a else 2)", "while (\n    a\n):\n    break", "if a.any() and (\n    a\n):\n    pass"),
)  # fmt: skip
def test_the_truth_of_an_array_asked_over_several_lines(code: str) -> None:
    """hostile32 LINE03: CPython names the first line of the construct asking the truth."""
    assert _agrees(f"import numpy as np\na = np.zeros(3)\n{code}\ny = a\n") or "any()" in code


def test_a_class_whose_bases_are_set_again_is_not_followed() -> None:
    """hostile32 CR63: ``B.__bases__ = (Z,)`` makes B's attributes Z's."""
    source = (
        "import numpy as np\nclass A:\n    k = 2\nclass Z:\n    k = 9\nclass B(A):\n    pass\n"
        "B.__bases__ = (Z,)\ny = np.zeros(B.k)\n"
    )
    _agrees(source)
