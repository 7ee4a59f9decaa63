"""Twentieth pass: each rule decided by running the program (the oracle, see
:func:`tests.engine.test_fifteenth_pass._agrees`): a program that runs through has no certain
problem and ``y`` of the shape running gives; one that raises is reported at its line, or
``y`` is left unknown.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from shapekit.engine.program import analyse
from tests.engine.test_datafiles import folder, run
from tests.engine.test_fifteenth_pass import _agrees
from tests.engine.test_modules import run_and_follow

__all__ = ["folder"]  # the fixture of a folder with data files

# --- a name imported from a module of Python's own that lacks it ------------------------------

#: (module, name) pairs: some this Python has, some it lacks (a later Python's, a slip)
_FROM_STDLIB = (
    ("itertools", "batched"),
    ("itertools", "pairwise"),
    ("itertools", "izip"),
    ("typing", "override"),
    ("typing", "Self"),
    ("math", "cbrt"),
    ("math", "prod"),
    ("math", "sqr"),
    ("collections", "abc"),
    ("collections", "OrderedDict"),
    ("collections", "Orderdict"),
    ("os", "path"),
    ("os", "getcwdu"),
    ("functools", "cache"),
    ("random", "randInt"),
    ("json", "loads"),
    ("statistics", "correlation"),
    ("operator", "matmul"),
    ("dataclasses", "KW_ONLY"),
    ("pathlib", "PurePath"),
    ("string", "letters"),
    ("time", "clock"),
)


@pytest.mark.parametrize(("module", "name"), _FROM_STDLIB)
@pytest.mark.parametrize(
    "around",
    (
        "{imp}\n",
        "try:\n    {imp}\nexcept ImportError:\n    {name} = None\n",
        "def f():\n    {imp}\n    return 1\n",
    ),
)
def test_a_name_python_s_own_module_lacks(module: str, name: str, around: str) -> None:
    imp = f"from {module} import {name}"
    source = around.format(imp=imp, name=name) + "import numpy as np\ny = np.ones((2, 3))\n"
    decided = _agrees(source)
    lacks = not hasattr(__import__(module), name) and f"{module}.{name}" not in sys.modules
    if lacks and around == "{imp}\n":  # decided, at line 1 (where the oracle checked it)
        assert decided
        assert "ImportError" in analyse([(None, source)]).problems[0].message


# --- json.loads of a file's whole text ---------------------------------------------------------

#: how a program gets the value of a JSON file through its text (p: the value)
_JSON_TEXTS = (
    'p = json.loads(Path("data/params.json").read_text())',
    'p = json.loads(Path("data/params.json").read_text(encoding="utf-8"))',
    'p = json.loads(open("data/params.json").read())',
    'p = json.loads(open("data/params.json", "rb").read())',
    'with open("data/params.json") as f:\n    text = f.read()\np = json.loads(text)',
    'with open("data/params.json") as f:\n    f.readline()\n    p = json.loads(f.read())',
    'here = Path(__file__).parent\np = json.loads((here / "data" / "params.json").read_text())',
    'p = json.loads(Path("data/broken.json").read_text())',
    'p = json.loads(Path("data/missing.json").read_text())',
    'text = Path("data/params.json").read_text()\np = json.loads(text.strip())',
    'text = Path("data/params.json").read_text()\np = json.loads(text[1:])',
    'text = Path("data/params.json").read_text()\np = json.loads(text + " ")',
    'text = Path("data/params.json").read_text()\ntext = text.replace("weights", "w")\n'
    "p = json.loads(text)",
    'from json import loads\np = loads(Path("data/params.json").read_text())',
)
#: what the program does with the value
_JSON_USES = (
    'x = np.array(p["weights"]) @ np.ones(4) + np.array(p["biases"])',
    'x = np.array(p["weights"]) @ np.ones(3)',
    'x = np.array(p["w"]).T',
)


def _agrees_in(folder: Path, source: str) -> bool:
    """What the analysis of ``source``, run in ``folder``, says is what running it does
    (as :func:`tests.engine.test_fifteenth_pass._agrees`, for the variable ``x``)."""
    names, stopped = run(folder, source)
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    certain = [p.line for p in program.problems if p.certain and p.past is None]
    binding = program.binding("x")
    known = binding is not None and binding.status == "known"
    if stopped is not None:
        if certain:
            assert certain[0] == stopped
            return True
        assert stopped in [p.line for p in program.problems] or not known
        return False
    assert certain == []
    if known:
        assert binding is not None and binding.shape == np.shape(names["x"])
    return known


@pytest.mark.parametrize("text", _JSON_TEXTS)
@pytest.mark.parametrize("use", _JSON_USES)
def test_json_loads_of_a_file_s_whole_text(folder: Path, text: str, use: str) -> None:
    source = f"import json\nfrom pathlib import Path\nimport numpy as np\n{text}\n{use}\n"
    decided = _agrees_in(folder, source)
    if text.startswith(("p = json.loads(Path", 'p = json.loads(open("data/params.json")')):
        assert decided or "missing" in text


#: what a program makes of a file's text other than its JSON value (none of it followed)
_TEXT_USES = (
    'x = np.array([[float(v) for v in line.split(",")] for line in text.splitlines()])',
    'x = np.array(text.replace(",", " ").split(), dtype=float)',
    "x = np.zeros(len(text))",
    'x = np.array(text.strip().split("\\n"))',
    "x = np.ones(2) if text else np.ones(3)",
    "x = np.array(list(text))",
    'x = np.loadtxt(io.StringIO(text), delimiter=",")',
    'x = np.loadtxt(text.splitlines(), delimiter=",")',
    'x = np.genfromtxt(text.splitlines(), delimiter=",")',
    'x = float(text.split(",")[0]) * np.ones(2)',
    "x = np.array(text)",
    "x = np.array(text.upper())",
    'x = np.array(text.count(","))',
    "x = np.array([ord(c) for c in text[:3]])",
    'x = np.array(text.split("\\n")[0].split(","), dtype=float) @ np.ones(4)',
    'x = np.array(text.split("\\n")[0].split(","), dtype=float) @ np.ones(3)',
    "x = np.loadtxt(text)",
)


@pytest.mark.parametrize(
    "read",
    (
        'text = Path("data/inputs.csv").read_text()',
        'text = open("data/inputs.csv").read()',
        'with open("data/inputs.csv") as f:\n    text = f.read()',
    ),
)
@pytest.mark.parametrize("use", _TEXT_USES)
def test_a_file_s_text_used_otherwise(folder: Path, read: str, use: str) -> None:
    source = f"import io\nfrom pathlib import Path\nimport numpy as np\n{read}\n{use}\n"
    _agrees_in(folder, source)


# --- np.fromfunction: the function called once with the indices ---------------------------------

_FROM_FUNCTIONS = (
    "lambda i, j: i + j",
    "lambda i, j: i * 4 + j",
    "lambda i, j: 1",
    "lambda i, j: (i == j).astype(int)",
    "lambda i, j: np.exp(-(i - j) ** 2)",
    "lambda i, j: i @ j",
    "lambda i, j: i @ j.T",
    "lambda i: i",
    "lambda i, j, k: i + j + k",
    "lambda *ix: sum(ix)",
    "lambda i, j: np.stack([i, j])",
    "lambda i, j: i[0] + j",
    "lambda i, j: i.reshape(-1)",
)


@pytest.mark.parametrize("func", _FROM_FUNCTIONS)
@pytest.mark.parametrize("shape", ("(3, 4)", "[2, 2]", "(3,)", "(2, 3, 4)", "(0, 3)"))
@pytest.mark.parametrize("use", ("y = a", "y = a @ np.ones(4)", "y = a + np.ones((3, 1))"))
def test_np_fromfunction(func: str, shape: str, use: str) -> None:
    source = f"import numpy as np\na = np.fromfunction({func}, {shape})\n{use}\n"
    decided = _agrees(source)
    if func == "lambda i, j: i + j" and shape == "(3, 4)":
        assert decided


# --- match mapping patterns --------------------------------------------------------------------

_SUBJECTS = (
    '{"w": np.ones((3, 4)), "b": np.zeros(3)}',
    '{"w": np.ones((4, 3)), "n": 2}',
    '{"w": [np.ones(4), np.ones(4)], 1: "one"}',
    '{"b": np.zeros(3)}',
    "{}",
    "[np.ones((3, 4))]",
    "np.ones((3, 4))",
    "dict(w=np.ones((3, 4)), b=np.zeros(3))",
    '{**{"w": np.ones((3, 4))}, "n": 2.0}',
)
_MAPPINGS = (
    '{"w": w}',
    '{"w": w, "b": b}',
    '{"w": w, **rest}',
    '{"w": [a, b]}',
    '{"n": 2}',
    '{1: "one", "w": w}',
    "{}",
    '{"w": w} if "b" in rest',
    '{"w": w, **rest} if len(rest) > 0',
)


@pytest.mark.parametrize("subject", _SUBJECTS)
@pytest.mark.parametrize("mapping", _MAPPINGS)
def test_a_match_mapping_pattern(subject: str, mapping: str) -> None:
    pattern, _, guard = mapping.partition(" if ")
    guard = f" if {guard}" if guard else ""
    source = (
        f"import numpy as np\nrest = {{}}\nmatch {subject}:\n"
        f"    case {pattern}{guard}:\n"
        f"        y = {'np.ones(4) @ np.array(w).T' if ' w' in pattern else 'np.ones(2)'}\n"
        "    case _:\n        y = np.zeros(5)\n"
    )
    _agrees(source)
    if subject.startswith("{") and "**{" not in subject and not guard:
        assert _agrees(source)


# --- itertools.islice and itertools.cycle ------------------------------------------------------

_BATCHES = "[np.ones((2, 4)), np.ones((2, 3)), np.ones((1, 4))]"
_SLICED = (
    f"itertools.islice({_BATCHES}, 1)",
    f"itertools.islice({_BATCHES}, 2)",
    f"itertools.islice({_BATCHES}, 1, None)",
    f"itertools.islice({_BATCHES}, 0, 3, 2)",
    f"itertools.islice({_BATCHES}, None)",
    f"itertools.islice(itertools.cycle({_BATCHES}), 5)",
    f"itertools.islice(itertools.cycle({_BATCHES}), 3, 7, 3)",
    f"itertools.islice(itertools.cycle({_BATCHES}[::2]), 4)",
    "itertools.islice(itertools.cycle([]), 3)",
    f"itertools.islice(itertools.cycle({_BATCHES}), 0)",
    f"itertools.islice(iter({_BATCHES}), 2)",
    f"zip(range(4), itertools.cycle({_BATCHES}))",
    f"zip(itertools.cycle({_BATCHES}[:1]), range(3))",
    f"zip(range(0), itertools.cycle({_BATCHES}))",
    f"zip(range(2), itertools.cycle({_BATCHES}), itertools.cycle([1, 2]))",
    f"enumerate(itertools.islice(itertools.cycle({_BATCHES}), 2))",
)
#: the loop's target, for what each gives (b: the batch)
_TARGETS = {"zip(range(4)": "_, b", "zip(range(0)": "_, b", "zip(itert": "b, _",
            "zip(range(2)": "_, b, _", "enumerate(": "_, b"}  # fmt: skip


@pytest.mark.parametrize("sliced", _SLICED)
@pytest.mark.parametrize(
    "use", ("np.ones(4) @ np.array(b).T", "np.array(b).sum(axis=0) + np.ones(4)")
)
def test_islice_and_cycle(sliced: str, use: str) -> None:
    target = next((t for k, t in _TARGETS.items() if sliced.startswith(k)), "b")
    source = (
        "import itertools\nimport numpy as np\nout = []\n"
        f"for {target} in {sliced}:\n    out.append({use})\ny = np.array(out)\n"
    )
    decided = _agrees(source)
    if "iter(" not in sliced:
        assert decided


def test_a_cycle_moved_on_by_next_is_not_taken_from_its_start() -> None:
    source = (
        "import itertools\nimport numpy as np\n"
        "c = itertools.cycle([np.ones(4), np.ones(3)])\nnext(c)\n"
        "y = np.array([np.ones((2, 3)) @ b for b in itertools.islice(c, 1)])\n"
    )
    assert not _agrees(source)


@pytest.mark.parametrize(
    "text",
    ("'[[1, 2], [3, 4]]'", "'[1, 2, 3]'", "'{\"w\": [1, 2]}'", "'[1, 2,'", "'NaN'", "'[1, 2] x'",
     "'\"text\"'", "'[[1, 2], [3]]'", "' [[1.5, 2], [3, 4e2]] '"),
)  # fmt: skip
@pytest.mark.parametrize(
    "use", ("x", "x['w'] if isinstance(x, dict) else x", "np.array(x) @ np.ones(2)")
)
def test_json_loads_of_text_written_in_the_file(text: str, use: str) -> None:
    source = f"import json\nimport numpy as np\nx = json.loads({text})\ny = np.array({use})\n"
    decided = _agrees(source)
    if "isinstance" not in use and text.startswith(("'[", "' [")) and "[3]]" not in text:
        assert decided


def test_a_module_beside_the_file_named_as_python_s_is_what_it_imports(tmp_path: Path) -> None:
    (tmp_path / "itertools_local.py").write_text("")
    (tmp_path / "statistics.py").write_text("import numpy as np\nbatch = np.ones((2, 4))\n")
    source = "from statistics import batch\ny = batch @ np.ones(4)\nimport numpy as np\n"
    (tmp_path / "main.py").write_text(source)
    program = analyse([(None, source)], file=str(tmp_path / "main.py"))
    assert all("ImportError" not in p.message for p in program.problems)


# --- hostile28: correct files that were rejected ------------------------------------------------


@pytest.mark.parametrize(
    "chosen",
    (
        "x @ np.ones((3, 1)) if os.environ.get('SHAPEKIT_UNSET') else x",
        "x if not os.environ.get('SHAPEKIT_UNSET') else x @ np.ones((3, 1))",
        "(x @ np.ones((3, 1)) if os.environ.get('SHAPEKIT_UNSET') else x) + 1",
        "[x @ np.ones((3, 1)) if os.environ.get('SHAPEKIT_UNSET') else x][0]",
        "np.ones((3, 1)) @ x if len(os.environ.get('SHAPEKIT_UNSET', '')) else x",
    ),
)
def test_a_branch_of_a_conditional_expression_that_may_not_run(chosen: str) -> None:
    source = f"import os\nimport numpy as np\nx = np.ones((3, 2))\ny = {chosen}\n"
    _agrees(source)
    assert analyse([(None, source)]).binding("y").status != "error"  # it gets a value


@pytest.mark.parametrize(
    "computed",
    ("math.prod([2, 3], start=2)", "math.prod([2, 3])", "math.prod(*[[2, 3]])",
     "int(math.fsum([6.0, 6.0]))", "math.prod(start=4, iterable=[3])"),
)  # fmt: skip
def test_math_with_keywords(computed: str) -> None:
    source = f"import math\nimport numpy as np\nn = {computed}\ny = np.ones(n) + np.ones(12)\n"
    _agrees(source)


#: ways a program sets an array's shape in place that no `x.shape = …` shows
_SET_SHAPES = (
    'operator.methodcaller("resize", (2, 3))(a)',
    "list(map(np.ndarray.resize, [a], [(2, 3)]))",
    'a.__setattr__("shape", (2, 3))',
    'object.__setattr__(a, "shape", (2, 3))',
    "f = a.resize\nf((2, 3))",
    'getattr(a, "resize")((2, 3))',
    'setattr(a, "shape", (2, 3))',
    "np.ndarray.resize(a, (2, 3))",
    'a.__setattr__("shape", (3, 2))',
    "[t.resize((2, 3)) for t in [a]]",
)


@pytest.mark.parametrize("set_shape", _SET_SHAPES)
def test_an_array_s_shape_set_where_no_assignment_shows_it(set_shape: str) -> None:
    source = (
        f"import operator\nimport numpy as np\na = np.zeros(6)\n{set_shape}\n"
        "y = a @ np.ones((3, 1))\n"
    )
    _agrees(source)


#: ways a program iterates an object of its own class (its __iter__ counts the times)
_ITERATIONS = (
    "a, b = m", "l = list(m)", "s = sum(m)", "t = sorted(m)", "e = list(enumerate(m))",
    "z = list(zip(m, m))", "print(*m)", "x = [*m]", "c = 1 in m", "mx = max(m)",
    "f = list(filter(None, m))", "for q in m:\n    pass", "q = {*m}", "d = [q for q in m]",
    "it = iter(m)", "u = tuple(m) + tuple(m)", "st = set(m)", "mp = list(map(abs, m))",
)  # fmt: skip


@pytest.mark.parametrize("iteration", _ITERATIONS)
@pytest.mark.parametrize("contains", (False, True))
def test_an_object_s_iter_runs_wherever_python_iterates_it(iteration: str, contains: bool) -> None:
    extra = "    def __contains__(self, v):\n        return False\n" if contains else ""
    source = (
        "import numpy as np\nclass M:\n    def __init__(self):\n        self.k = 0\n"
        "    def __iter__(self):\n        self.k += 1\n        return iter([1, 2])\n"
        f"{extra}m = M()\n{iteration}\ny = np.ones(m.k) + np.ones(m.k)\n"
    )
    _agrees(source)


def _module_agrees(folder: Path, files: dict[str, str]) -> bool:
    """``files`` run as ``python main.py`` (the oracle) and followed agree: no certain
    problem in a program that runs through, and ``y`` of the shape running gives (when
    known); whether ``y`` was known."""
    truth, program, certain = run_and_follow(folder, files)
    if "raised" in truth:
        assert not certain or certain[0] == truth["line"]
        if not certain:  # a possible problem there, or y not known
            binding = program.binding("y")
            known = binding is not None and binding.status == "known"
            assert truth["line"] in [p.line for p in program.problems] or not known
        return bool(certain)
    assert certain == []
    binding = program.binding("y")
    assert binding is None or binding.status != "error", binding
    if binding is not None and binding.status == "known":
        assert list(binding.shape) == truth["shapes"]["y"]
        return True
    return False


@pytest.mark.parametrize(
    ("helper", "use"),
    (
        ("class Model:\n    layers = 0\n    def fit(self):\n        Model.layers += 1\n",
         "m = Model()\nm.fit()\ny = np.ones(Model.layers * 3)"),
        ("class Model:\n    layers = 0\n    def fit(self):\n        Model.layers += 1\n",
         "y = np.ones(Model.layers + 2)"),
        ("count = [0]\ndef bump():\n    count.append(1)\n", "y = np.ones(len(count))"),
        ("class C:\n    items = []\n    def add(self, x):\n        C.items.append(x)\n",
         "C().add(1)\ny = np.ones(len(C.items) + 1)"),
    ),
)  # fmt: skip
def test_a_module_s_functions_change_nothing_until_called(
    tmp_path: Path, helper: str, use: str
) -> None:
    main = f"import numpy as np\nfrom helper import *\n{use}\n"
    decided = _module_agrees(tmp_path, {"main.py": main, "helper.py": helper})
    assert decided or ".append" in helper  # (a list a module's call changes: not followed)


@pytest.mark.parametrize(
    "files",
    (
        {"helper.py": 'import numpy as np\ndef write():\n    np.savetxt("d.csv", np.ones((2, 4)), delimiter=",")\n',
         "main.py": 'import numpy as np\nimport helper\nhelper.write()\nd = np.loadtxt("d.csv", delimiter=",")\ny = d @ np.ones((4, 1))\n'},
        {"helper.py": 'import numpy as np\nd = np.loadtxt("d.csv", delimiter=",")\n',
         "main.py": 'import numpy as np\nnp.savetxt("d.csv", np.ones((2, 4)), delimiter=",")\nfrom helper import d\ny = d @ np.ones((4, 1))\n'},
        {"helper.py": 'import numpy as np\ndef load():\n    return np.loadtxt("d.csv", delimiter=",")\n',
         "main.py": 'import numpy as np\nfrom helper import load\nnp.savetxt("d.csv", np.ones((2, 4)), delimiter=",")\ny = load() @ np.ones((4, 1))\n'},
        {"helper.py": 'import numpy as np\ndef load():\n    return np.loadtxt("d.csv", delimiter=",")\n',
         "main.py": 'import numpy as np\nfrom helper import load\ny = load() @ np.ones((2, 1))\n'},
    ),
)  # fmt: skip
def test_a_data_file_another_file_of_the_program_writes(
    tmp_path: Path, files: dict[str, str]
) -> None:
    (tmp_path / "d.csv").write_text("1,2\n3,4\n5,6\n")  # left from an older run: 3 x 2
    decided = _module_agrees(tmp_path, files)
    if "savetxt" not in str(files):
        assert decided


_PATH_TEXTS = (
    'len(Path("..a").suffix)', 'len(Path("..a").stem)', 'len(Path("a.").suffix)',
    'len(Path("a.b.c").stem)', 'len(Path(".bashrc").suffix)', 'len(Path("..a").with_suffix(".xyz").name)',
    'len(Path("a.").with_suffix(".z").name)', '3 if str(Path("~/x").expanduser()).startswith("~") else 4',
    'len(str(Path("x.npy").expanduser()))', 'len(str(Path("data").resolve()))',
    'len(Path("data/../x").resolve().parts)', 'len(str(Path("x").absolute().parent))',
    'len(str(Path(__file__).resolve().parent / "data" / "inputs.csv"))',
    'np.loadtxt(Path("data/inputs.csv").resolve(), delimiter=",").shape[0]',
    'np.loadtxt(Path("data/inputs.csv").absolute(), delimiter=",").shape[1]',
    'len(Path("x").with_suffix(".").name)',
)  # fmt: skip


@pytest.mark.parametrize("counted", _PATH_TEXTS)
def test_a_path_s_text_as_pathlib_makes_it(folder: Path, counted: str) -> None:
    source = f"from pathlib import Path\nimport numpy as np\nn = {counted}\nx = np.ones(n) + np.ones(4)\n"
    _agrees_in(folder, source)


@pytest.mark.parametrize("decorated", ("__enter__", "__exit__", "both"))
@pytest.mark.parametrize("returns", ("True", "False", "None"))
def test_a_with_whose_exit_is_behind_a_decorator(decorated: str, returns: str) -> None:
    enter = "    @_ident\n" if decorated in ("__enter__", "both") else ""
    exit_ = "    @_ident\n" if decorated in ("__exit__", "both") else ""
    source = (
        "import numpy as np\ndef _ident(f):\n    return f\nclass S:\n"
        f"{enter}    def __enter__(self):\n        return self\n"
        f"{exit_}    def __exit__(self, *a):\n        return {returns}\n"
        "n = 2\nwith S():\n    np.ones(3) @ np.ones(4)\n    n = 9\ny = np.ones(n) + np.ones(2)\n"
    )
    _agrees(source)


#: a class of a helper module, and what main does with it (y: the result)
_HELPER_CLASSES = (
    (
        "class Batches:\n    def __iter__(self):\n        yield np.ones((2, 3))\n        yield np.ones((2, 3))\n",
        "for b in Batches():\n    last = b\ny = last @ np.ones(3)",
    ),
    (
        "class Batches:\n    def __iter__(self):\n        yield np.ones((2, 3))\n        yield np.ones((2, 3))\n",
        "y = np.concatenate([b for b in Batches()])",
    ),
    (
        "class Batches:\n    def __iter__(self):\n        yield np.ones((2, 3))\n",
        "y = np.array(list(Batches()))",
    ),
    (
        "class Batches:\n    def __len__(self):\n        return 3\n",
        "y = np.ones(len(Batches()))",
    ),
    ("class Registry:\n    layers = []\n", "a = Registry()\nb = Registry()\na.layers.append(np.ones((2, 3)))\ny = b.layers[0] @ np.ones(3)"),
    ("class Registry:\n    layers = []\n", "Registry.layers.append(np.ones(3))\ny = np.array(Registry().layers)"),
    ("class Registry:\n    layers = []\n", "Registry().layers.extend([1, 2])\ny = np.ones(len(Registry.layers))"),
)  # fmt: skip


_LAYERS = (
    "class Module:\n    def __call__(self, x):\n        return self.forward(x)\n"
    "class Dense(Module):\n    def __init__(self, n_in, n_out):\n        self.W = np.ones((n_in, n_out))\n"
    "    def forward(self, x):\n        return x @ self.W\n"
)
_HELPER_CLASSES += (
    (_LAYERS, "class Relu(Dense):\n    def forward(self, x):\n        return np.maximum(0, super().forward(x))\n"
     "y = Relu(4, 3).forward(np.ones((2, 4)))"),
    (_LAYERS, "class Relu(Dense):\n    def forward(self, x):\n        return np.maximum(0, super().forward(x))\n"
     "y = Relu(4, 3)(np.ones((2, 4)))"),
    (_LAYERS, "class Twice(Module):\n    def __init__(self, inner):\n        self.inner = inner\n"
     "    def forward(self, x):\n        return self.inner(self.inner(x))\ny = Twice(Dense(4, 4))(np.ones((2, 4)))"),
    (_LAYERS, "class Wide(Dense):\n    def __init__(self):\n        super().__init__(4, 6)\ny = Wide()(np.ones((2, 4)))"),
)  # fmt: skip


@pytest.mark.parametrize(("helper", "use"), _HELPER_CLASSES)
def test_a_class_of_a_helper_module(tmp_path: Path, helper: str, use: str) -> None:
    files = {
        "helper.py": f"import numpy as np\n{helper}",
        "main.py": f"import numpy as np\nfrom helper import *\n{use}\n",
    }
    assert _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    "matrix",
    (
        "[[1, 2], [2, 4]]",
        "[[1, 2], [3, 4]]",
        "[[0, 0], [0, 0]]",
        "[[2, 0], [0, 2]]",
        "[[1, 1], [1, 1]]",
        "[[True, False], [False, True]]",
    ),
)  # fmt: skip  (the values of a float list are not kept: its inverse is not judged)
@pytest.mark.parametrize(
    "call", ("np.linalg.inv(a)", "np.linalg.solve(a, np.array([1, 2]))", "np.linalg.det(a)")
)
def test_a_singular_matrix_whose_values_are_known(matrix: str, call: str) -> None:
    source = f"import numpy as np\na = np.array({matrix})\ny = {call}\n"
    decided = _agrees(source)
    if matrix == "[[1, 2], [2, 4]]" and "det" not in call:
        assert decided


#: what a helper module gives that runs where main does not show it
_HELPER_EFFECTS = (
    (
        "from contextlib import contextmanager\n@contextmanager\ndef quiet():\n    try:\n        yield\n    except ValueError:\n        pass\n",
        "n = 2\nwith quiet():\n    np.ones(3) @ np.ones(4)\n    n = 9\ny = np.ones(n) + np.ones(2)",
    ),
    (
        "from contextlib import contextmanager\n@contextmanager\ndef quiet():\n    try:\n        yield\n    except KeyError:\n        pass\n",
        "n = 2\nwith quiet():\n    np.ones(3) @ np.ones(4)\n    n = 9\ny = np.ones(n) + np.ones(2)",
    ),
    (
        "REG = []\nclass Base:\n    def __init_subclass__(cls, **kw):\n        REG.append(cls)\n",
        "class A(Base):\n    pass\nclass B(Base):\n    pass\ny = np.ones(len(REG)) + np.ones(2)",
    ),
    (
        "REG = []\nclass Base:\n    def __init_subclass__(cls, **kw):\n        pass\n",
        "class A(Base):\n    pass\ny = np.ones(len(REG) + 3)",
    ),
)  # fmt: skip


@pytest.mark.parametrize(("helper", "use"), _HELPER_EFFECTS)
@pytest.mark.parametrize("imported", ("from helper import *", "import helper"))
def test_what_a_helper_module_runs_unseen(
    tmp_path: Path, helper: str, use: str, imported: str
) -> None:
    if imported == "import helper":  # with helper.quiet(), class A(helper.Base), helper.REG
        use = use.replace("quiet()", "helper.quiet()").replace("(Base)", "(helper.Base)")
        use = use.replace("len(REG)", "len(helper.REG)")
    files = {"helper.py": helper, "main.py": f"import numpy as np\n{imported}\n{use}\n"}
    _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    "counted",
    ("type(self).count += 1", "self.__class__.count += 1", "type(self).count = type(self).count + 1",
     "Layer.count += 1", "self.count += 1", "type(self).seen = True"),
)  # fmt: skip
def test_a_class_attribute_written_through_the_type_of_self(counted: str) -> None:
    source = (
        "import numpy as np\nclass Layer:\n    count = 0\n    def __init__(self):\n"
        f"        {counted}\nclass Sub(Layer):\n    pass\na = Layer()\nb = Sub()\n"
        "y = np.ones(Layer.count) + np.ones(Sub.count) + np.ones(a.count)\n"
    )
    _agrees(source)


@pytest.mark.xfail(
    strict=True,
    reason="a failure in a helper module's method called back from main's own method is "
    "reported at main's outer call, not at main's inner line running stops at",
)
def test_a_failure_deep_in_a_helper_class_called_back_from_main(tmp_path: Path) -> None:
    use = (
        "class Twice(Module):\n    def __init__(self, inner):\n        self.inner = inner\n"
        "    def forward(self, x):\n        return self.inner(self.inner(x))\n"
        "y = Twice(Dense(4, 3))(np.ones((2, 4)))"
    )
    files = {
        "helper.py": f"import numpy as np\n{_LAYERS}",
        "main.py": f"import numpy as np\nfrom helper import *\n{use}\n",
    }
    assert _module_agrees(tmp_path, files)


@pytest.mark.parametrize(
    "calls",
    ("f(2); f(2); f(3)", "f(2); f(2.0); f(True)", "f(2); f(n=2)", "f(2.0); f(2.0); f(1)",
     "for i in range(3):\n    f(i % 2)", "f((1, 2)); f((1, 2))", 'f("a"); f("a")',
     "f(2); f.cache_clear(); f(2)", "g = f\ng(2); f(2)", "f([1])",
     "import os\nif os.environ.get('SHAPEKIT_UNSET'):\n    f(2)\nf(2)",
     "r = f(2)\nr2 = f(2) + r", "f(None); f(None)"),
)  # fmt: skip
@pytest.mark.parametrize("cache", ("functools.lru_cache", "functools.cache", "functools.lru_cache(maxsize=None)",
                                   "functools.lru_cache(typed=True)", "functools.lru_cache(maxsize=1)"))  # fmt: skip
def test_a_cached_function_runs_its_body_once_per_key(calls: str, cache: str) -> None:
    source = (
        f"import numpy as np\nimport functools\ncalls = []\n@{cache}\ndef f(n):\n"
        f"    calls.append(n)\n    return n\n{calls}\ny = np.ones(len(calls)) + np.ones(2)\n"
    )
    _agrees(source)


@pytest.mark.parametrize(
    "join", ("np.vstack", "np.hstack", "np.stack", "np.concatenate", "np.column_stack", "np.dstack")
)
@pytest.mark.parametrize(
    "given",
    ("map(lambda r: r * 2, x)", "zip(x)", "reversed(list(x))", "iter(x)", "enumerate(x)",
     "list(map(lambda r: r * 2, x))", "tuple(x)", "[r for r in x]"),
)  # fmt: skip
def test_an_iterator_given_to_numpy_s_joins(join: str, given: str) -> None:
    source = f"import numpy as np\nx = np.ones((3, 4))\ny = {join}({given})\n"
    decided = _agrees(source)
    if given.startswith(("map", "zip", "iter")) and join != "np.dstack":  # (dstack: not followed)
        assert decided
        (problem,) = analyse([(None, source)]).problems
        fixed = source.replace(problem.expr, problem.fixes[0]) if problem.fixes else source
        assert not problem.fixes or _agrees(fixed)


_CONFIG = (
    'SIZES = {"in": 4, "hidden": 3}\ndef width():\n    return SIZES["in"]\n'
    'def grow():\n    SIZES["in"] = 5\nclass Net:\n    def __init__(self):\n'
    '        self.W = [[0.0] * SIZES["in"]] * SIZES["hidden"]\n'
    "def flatten(a):\n    a.shape = (a.size,)\n"
)
_CONFIG_USES = (
    'y = np.ones((2, SIZES["in"])) @ np.ones((SIZES["hidden"], SIZES["in"])).T',
    'y = np.ones((2, SIZES["in"])) @ np.ones((SIZES["hidden"], SIZES["hidden"]))',
    'grow()\ny = np.ones(SIZES["in"])',
    'import helper\ngrow()\ny = np.ones(helper.SIZES["in"])',
    'SIZES["in"] = 6\ny = np.ones(width())',
    'SIZES["in"] = 6\ny = np.array(Net().W)',
    'import helper\nhelper.SIZES["hidden"] = 2\ny = np.array(Net().W)',
    "y = np.ones(len(SIZES))",
    "SIZES.update(extra=1)\ny = np.ones(len(SIZES))",
    "x = np.ones((3, 4))\nflatten(x)\ny = x @ np.ones((4, 2))",
    "x = np.ones((3, 4))\nflatten(x)\ny = x @ np.ones((12, 2))",
)


@pytest.mark.parametrize("use", _CONFIG_USES)
def test_a_dict_of_a_helper_module(tmp_path: Path, use: str) -> None:
    files = {"helper.py": _CONFIG, "main.py": f"import numpy as np\nfrom helper import *\n{use}\n"}
    decided = _module_agrees(tmp_path, files)
    if use.startswith("y = np.ones((2"):
        assert decided


@pytest.mark.parametrize(
    "averaged",
    ("np.average(x, axis=0, weights=np.ones(4))", "np.average(x, weights=np.ones(4))",
     "np.average(x, axis=1, weights=np.ones(4))", "np.average(x, axis=0, weights=np.ones((3, 4)))",
     "np.average(x, axis=-1, weights=np.ones(4))", "np.average(x, axis=(0, 1), weights=np.ones((3, 4)))",
     "np.average(x, axis=0, weights=np.ones((3, 1)))", "np.average(x, 0, np.ones(3))",
     "np.average(x, weights=np.ones((3, 4)))", "np.average(x, axis=2, weights=np.ones(4))",
     "np.average(x, axis=(1, 0), weights=np.ones((4, 3)))", "np.average(x, axis=0, weights=None)",
     "np.average(x, axis=1, weights=[1, 2, 3, 4], keepdims=True)"),
)  # fmt: skip
def test_np_average_s_weights(averaged: str) -> None:
    source = f"import numpy as np\nx = np.ones((3, 4))\ny = {averaged}\n"
    decided = _agrees(source)
    if "(0, 1)" not in averaged and "(1, 0)" not in averaged:
        assert decided


_INTO_OUT = (
    "np.matmul(x, W, out=buf)", "np.add(x @ W, 1, out=buf)", "np.exp(x @ W, out=buf)",
    "np.add(buf, 1, out=buf)", "np.add(buf, 1.5, out=buf)", "np.maximum(buf, 0, out=buf)",
    "np.divide(buf, 2, out=buf)", "np.floor_divide(buf, 2, out=buf)", "np.add(x @ W, 1, out=fb)",
    "np.greater(x @ W, 1, out=bb)", 'np.add(x @ W, 1, out=buf, casting="unsafe")',
    "np.sqrt(buf, out=buf)", "np.negative(buf, out=buf)", "np.abs(buf, out=buf)",
    "np.power(buf, 2, out=buf)", "np.true_divide(buf, 1, out=buf)", "np.multiply(buf, True, out=buf)",
    "np.add(bb, bb, out=bb)", "np.subtract(buf, 2.0, out=buf)", "np.add(bb, 1, out=bb)",
    "np.multiply(fb, 2, out=buf)", "np.maximum(0, x @ W, out=buf)", "np.add(fb, 1, out=bb)",
    "np.multiply(x @ W, 2, out=buf, where=True)", "np.dot(x, W, out=fb)",
)  # fmt: skip


@pytest.mark.parametrize("into", _INTO_OUT)
def test_a_ufunc_s_output_cast_into_out(into: str) -> None:
    source = (
        "import numpy as np\nx = np.ones((2, 4))\nW = np.ones((4, 3))\n"
        "buf = np.zeros((2, 3), dtype=int)\nfb = np.zeros((2, 3))\nbb = np.zeros((2, 3), dtype=bool)\n"
        f"{into}\ny = buf\n"
    )
    decided = _agrees(source)
    if "x @ W, 1, out=buf)" in into:
        assert decided


_NUMPY_PARTIALS = (
    ("partial(np.sum, axis=1, keepdims=True)", "f(x)"),
    ("partial(np.sum, axis=0)", "f(x) + np.ones(4)"),
    ("partial(np.sum, axis=0)", "f(x) + np.ones(3)"),
    ("partial(np.concatenate, axis=1)", "f([x, x])"),
    ("partial(np.concatenate, axis=0)", "f([x, x]) @ np.ones((3, 2))"),
    ("partial(np.concatenate, axis=1)", "f([x, x.T])"),
    ("partial(np.mean, axis=3)", "f(x)"),
    ("partial(np.sum, axis=1)", "f(x, axis=0)"),
    ("partial(np.maximum, 0)", "f(x)"),
    ("partial(partial(np.sum, axis=1), keepdims=True)", "f(x)"),
    ("partial(np.sum, axis=1)", "functools.reduce(lambda a, b: a + f(b), [x, x], 0)"),
    ("partial(np.sum, axis=1)", "np.vectorize(f)(x)"),
    ("partial(np.sum, axis=1)", "sorted([x, x], key=lambda a: float(f(a).sum()))[0]"),
    ("partial(np.sum, axis=1)", "list(map(f, [x, x]))[0]"),
    ("partial(np.sum, axis=1)", "np.apply_along_axis(f, 0, x)"),
)


@pytest.mark.parametrize(("made", "use"), _NUMPY_PARTIALS)
def test_a_partial_of_numpy_s_function(made: str, use: str) -> None:
    source = f"import functools\nfrom functools import partial\nimport numpy as np\nx = np.ones((3, 4))\nf = {made}\ny = {use}\n"
    decided = _agrees(source)
    if use.startswith("f(") and "partial(partial" not in made and "maximum" not in made:
        assert decided


# --- hostile28's last families -----------------------------------------------------------------


@pytest.mark.parametrize(
    "set_then_imported",
    ("import string\nstring.N = 3\nfrom string import N",
     'import textwrap\nsetattr(textwrap, "N", 3)\nfrom textwrap import N',
     "import string\nfrom string import N"),
)  # fmt: skip
def test_a_name_set_on_python_s_module_then_imported(set_then_imported: str) -> None:
    source = f"import numpy as np\n{set_then_imported}\ny = np.ones(N) + np.ones(3)\n"
    _agrees(source)


@pytest.mark.parametrize(
    "decorator",
    ("def deco(f):\n    def w(*a):\n        f(*a)\n        return True\n    return w\n",
     "def deco(f):\n    return f\n",
     "def deco(f):\n    def w(*a):\n        return f(*a)\n    return w\n",
     "def deco(f):\n    '''keeps f'''\n    return f\n"),
)  # fmt: skip
@pytest.mark.parametrize("returns", ("True", "False"))
def test_a_decorator_that_may_change_what_exit_returns(decorator: str, returns: str) -> None:
    source = (
        f"import numpy as np\n{decorator}class S:\n    def __enter__(self):\n        return self\n"
        f"    @deco\n    def __exit__(self, *a):\n        return {returns}\n"
        "n = 2\nwith S():\n    np.ones(3) @ np.ones(4)\n    n = 9\ny = np.ones(n) + np.ones(2)\n"
    )
    if returns == "False" and "return f(*a)" in decorator:
        # a wrapper that passes on what __exit__ returns: taken to suppress anything (the
        # error in the body is then not said, a wrong file passed, never a correct one failed)
        assert [p for p in analyse([(None, source)]).problems if p.certain] == []
        return
    _agrees(source)


@pytest.mark.parametrize(
    "read",
    ("next(s)\ny = np.array(list(s)[0]) + np.ones(3)",
     "for b in s:\n    break\ny = np.array(list(s)[0]) + np.ones(3)",
     "first = list(s)\ny = np.ones(len(list(s)) + 1)",
     "y = np.array(list(s)[1]) + np.ones(3)"),
)  # fmt: skip
def test_an_islice_is_read_once(read: str) -> None:
    source = (
        "import itertools\nimport numpy as np\n"
        f"s = itertools.islice([np.ones(2), np.ones(3), np.ones(4)], 3)\n{read}\n"
    )
    _agrees(source)


_DECORATED_MEMBERS = (
    "    @timed\n    def go(self):\n        calls.append(1)\nA().go()",
    "    @keep\n    @property\n    def w(self):\n        calls.append(1)\n        return 1\nA().w",
    "    @keep\n    @functools.cached_property\n    def w(self):\n        calls.append(1)\n        return 1\nA().w",
    "    @staticmethod\n    @keep\n    def go():\n        calls.append(1)\nA.go()",
    "    @classmethod\n    @keep\n    def go(cls):\n        calls.append(1)\nA.go()",
    "    @functools.lru_cache\n    def f(self, n):\n        calls.append(n)\n        return n\na, b = A(), A()\na.f(2); b.f(2); a.f(2)",
    "    @functools.cache\n    def go(self):\n        calls.append(1)\nA().go()",
    "    @property\n    def p(self):\n        return 1\n    @p.deleter\n    def p(self):\n        calls.append(1)\na = A()\ndel a.p",
    "    def __delattr__(self, k):\n        calls.append(k)\na = A()\ndel a.p",
)


@pytest.mark.parametrize("member", _DECORATED_MEMBERS)
def test_a_member_whose_code_runs_unfollowed(member: str) -> None:
    source = (
        "import functools\nimport numpy as np\ndef keep(f):\n    return f\n"
        "def timed(f):\n    def w(*a, **k):\n        return f(*a, **k)\n    return w\n"
        f"calls = []\nclass A:\n{member}\ny = np.ones(len(calls)) + np.ones(1)\n"
    )
    _agrees(source)


@pytest.mark.parametrize(
    "joined",
    ("np.vstack(map(np.ones, [2, 2]))", "np.concatenate(map(np.ones, [2, 3]))",
     "np.stack(itertools.islice([np.ones(2), np.ones(2)], 2))", "np.vstack(list(map(np.ones, [2, 2])))",
     "np.hstack(filter(None, [np.ones(2)]))", "np.stack(zip(np.ones(2)))"),
)  # fmt: skip
def test_an_iterator_of_python_s_given_to_numpy_s_joins(joined: str) -> None:
    source = f"import itertools\nimport numpy as np\ny = {joined}\n"
    decided = _agrees(source)
    assert decided or "list(" in joined or "filter" in joined


# --- review20: the session's own rules, reviewed -----------------------------------------------


@pytest.mark.parametrize(
    "program",
    (
        "def load(f):\n    f.readline()\n    return json.loads(f.read())\n"
        'with open("data/params.json") as f:\n    p = load(f)\nx = np.ones(len(p))',
        'h = open("data/params.json")\nh.readline()\nwith h as f:\n    p = json.loads(f.read() or "[]")\nx = np.ones(len(p))',
        'with open("data/params.json") as f:\n    p = json.loads(f.read())\nx = np.array(p["weights"])',
    ),
)  # fmt: skip
def test_a_handle_read_before_its_text(folder: Path, program: str) -> None:
    source = f"import json\nimport numpy as np\n{program}\n"
    _agrees_in(folder, source)


@pytest.mark.parametrize(
    "changed",
    ("a = np.ones(6)\nresize = a.resize\nlist(map(resize, [(2, 3)]))\ny = a @ np.ones(3)",
     "a = np.ones(6)\nlist(map(a.resize, [(2, 3)]))\ny = a @ np.ones(3)",
     'd = {}\nlist(map(d.setdefault, ["w"], [1]))\nmatch d:\n    case {"w": v}:\n        y = np.ones(1)\n'
     "    case _:\n        y = np.ones(2) @ np.ones(5)",
     'd = {}\nlist(map(d.update, [{"w": 1}]))\ny = np.ones(len(d))'),
)  # fmt: skip
def test_a_bound_method_handed_to_map(changed: str) -> None:
    _agrees(f"import numpy as np\n{changed}\n")


_COUNTED = (
    "class P:\n    def __init__(self):\n        self.k = 0\n    def __contains__(self, x):\n        self.k += 1\n        return True\n",
    "class P:\n    def __init__(self):\n        self.k = 0\n    def __iter__(self):\n        self.k += 1\n        return iter([1])\n"
    "    def __lt__(self, other):\n        return False\n    def __call__(self):\n        return None\n",
)  # fmt: skip


@pytest.mark.parametrize("counted", _COUNTED)
@pytest.mark.parametrize(
    "use",
    ("r = 1 in p", "r = 1 in p in p", "r = 5 < 3 in p", "r = max(p, P())", "r = list(iter(p, None))",
     "r = min([p])", "r = 1 not in p"),
)  # fmt: skip
def test_what_python_calls_of_an_object_to_test_or_iterate_it(counted: str, use: str) -> None:
    source = f"import numpy as np\n{counted}p = P()\n{use}\ny = np.ones(p.k + 1)\n"
    try:
        exec(compile(source, "<test>", "exec", dont_inherit=True), {})
    except Exception:  # (a chain of `in` and what Python refuses of these: not all judged)
        return
    _agrees(source)  # runs through: no problem said


@pytest.mark.parametrize(
    "program",
    ("def load(f):\n    f.readline()\n    return np.loadtxt(f)\nwith open(\"data/spaces.txt\") as f:\n    x = load(f)",
     'h = open("data/comments.csv")\nh.readline()\nwith h as f:\n    x = np.loadtxt(f, delimiter=",")',
     'with open("data/comments.csv") as f:\n    x = np.loadtxt(f, delimiter=",")',
     'from numpy import loadtxt as load\nwith open("data/inputs.csv") as f:\n    x = load(f, delimiter=",")'),
)  # fmt: skip
def test_a_handle_a_reader_is_given(folder: Path, program: str) -> None:
    _agrees_in(folder, f"import numpy as np\n{program}\n")


def test_a_helper_that_patches_python_s_module(tmp_path: Path) -> None:
    compat = (
        "import itertools\nif not hasattr(itertools, 'batched'):\n    def _b(it, n):\n"
        "        it = list(it)\n        return [tuple(it[i:i + n]) for i in range(0, len(it), n)]\n"
        "    itertools.batched = _b\n"
    )
    main = "import compat\nfrom itertools import batched\nimport numpy as np\ny = np.array(list(batched(range(6), 2)))\n"
    _module_agrees(tmp_path, {"compat.py": compat, "main.py": main})


@pytest.mark.parametrize(
    "looped",
    ("a = [np.ones(3)]\nfor i, x in zip(range(3), itertools.cycle(a)):\n    a.append(np.ones(4))",
     "a = [np.ones(3), np.ones(3)]\nfor i, x in enumerate(itertools.islice(a, 2)):\n    a[1] = np.ones(4)",
     "a = [np.ones(3), np.ones(3)]\nfor x in itertools.islice(a, 2):\n    pass"),
)  # fmt: skip
def test_a_lazy_iterator_over_a_list_the_loop_changes(looped: str) -> None:
    _agrees(f"import itertools\nimport numpy as np\n{looped}\ny = x @ np.ones(4)\n")


@pytest.mark.parametrize(
    "made",
    ("z = zip(p, [1])", "z = enumerate(p)", "z = iter(p)", "z = map(lambda a: a, p)", "z = filter(None, p)"),
)  # fmt: skip
def test_an_object_read_later_by_an_iterator(made: str) -> None:
    source = (
        "import numpy as np\nclass P:\n    def __init__(self):\n        self.xs = [np.ones(2)]\n"
        "    def __iter__(self):\n        yield from self.xs\n"
        f"p = P()\n{made}\np.xs = [np.ones(3)]\nfor a in z:\n    y = (a[0] if isinstance(a, tuple) else a) @ np.ones(3)\n"
    )
    _agrees(source)


@pytest.mark.parametrize(
    "moved",
    ("next(c)\nfor x in itertools.islice(iter(c), 1):\n    y = x @ np.ones(3)",
     "next(c)\nsame = lambda it: it\nfor _, x in zip(range(1), same(c)):\n    y = x @ np.ones(3)"),
)  # fmt: skip
def test_a_cycle_moved_on_is_not_taken_from_its_start(moved: str) -> None:
    source = f"import itertools\nimport numpy as np\nc = itertools.cycle([np.ones(2), np.ones(3)])\n{moved}\n"
    _agrees(source)
