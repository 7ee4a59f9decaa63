"""Classes, instances, dicts and the Python the book's students write, with running as the oracle.

Each program is run here with ``exec`` (the test is the oracle's harness; shapekit runs nothing)
and analysed without running: a program that runs has no problem and every name shapekit knows
has the shape running leaves; a program that raises has a problem at the line that raised.
"""

from __future__ import annotations

import traceback
import warnings
from typing import Any

import numpy as np
import pytest

from shapekit.engine.program import Program, analyse

LAYER = """\
import numpy as np

np.random.seed(0)


class Layer_Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.01 * np.random.randn({weights})
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.output = np.dot(inputs, self.weights) + self.biases


class Activation_ReLU:
    def forward(self, inputs):
        self.output = np.maximum(0, inputs)


X = np.random.randn(100, 2)
dense1 = Layer_Dense(2, 3)
activation1 = Activation_ReLU()
dense1.forward(X)
activation1.forward(dense1.output)
out = activation1.output
weights = dense1.weights
"""
BOOK = LAYER.format(weights="n_inputs, n_neurons")
SWAPPED = LAYER.format(weights="n_neurons, n_inputs")


def ran(code: str) -> tuple[int | None, dict[str, Any]]:
    """The line that raised (or None) and the shapes of the arrays the program left."""
    namespace: dict[str, Any] = {}
    line = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(code, "<sub>", "exec", dont_inherit=True), namespace)
        except Exception as exc:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<sub>"]
            line = frames[-1].lineno
    shapes = {
        name: np.shape(value)
        for name, value in namespace.items()
        if isinstance(value, (np.ndarray, np.generic, int, float))
        or (isinstance(value, list) and _regular(value))
    }
    return line, shapes


def _regular(value: list[Any]) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return np.array(value).dtype.kind in "biuf"
    except (ValueError, TypeError, Warning):
        return False


def agree(code: str) -> Program:
    """Analyse ``code`` and check it against running it; the analysis is returned."""
    raised, shapes = ran(code)
    program = analyse([(None, code)], file="sub.py")
    lines = sorted({p.line for p in program.problems})
    if raised is None:
        assert lines == [], (program.problems, code)
    else:
        assert raised in lines, (raised, program.problems)
    for name, binding in program.names.items():
        if binding.status == "known" and name in shapes and raised is None:
            assert binding.shape == shapes[name], (name, binding, shapes[name])
        if binding.status == "unknown":
            assert binding.reason and "line" in binding.reason, binding
    return program


def shape_of(program: Program, name: str) -> tuple[int, ...] | None:
    binding = program.binding(name)
    assert binding is not None, name
    return binding.shape if binding.status == "known" else None


def test_the_books_layer_and_relu_are_followed() -> None:
    program = agree(BOOK)
    assert shape_of(program, "out") == (100, 3)
    assert shape_of(program, "weights") == (2, 3)


def test_weights_swapped_is_a_problem_inside_forward_with_the_fix_in_the_students_words() -> None:
    program = agree(SWAPPED)
    [problem] = program.problems
    assert (problem.line, problem.expr) == (12, "np.dot(inputs, self.weights)")
    assert "(100, 2) and (3, 2)" in problem.message
    assert problem.fixes == ["np.dot(inputs, self.weights.T) + self.biases"]


def test_a_problem_inside_a_method_names_the_call_that_makes_it_fail() -> None:
    code = BOOK.replace(
        "out = activation1.output\n",
        "dense2 = Layer_Dense(2, 3)\ndense2.forward(activation1.output)\nout = dense2.output\n",
    )
    program = agree(code)
    [problem] = program.problems
    call = code.splitlines().index("dense2.forward(activation1.output)") + 1
    assert problem.line == 12
    assert problem.message.endswith(
        f"(in the call `dense2.forward(activation1.output)` at line {call})"
    )
    assert "dense1.forward" not in problem.message  # that call of the same line was fine


def test_a_problem_in_a_notebook_cell_names_the_cell_of_the_call() -> None:
    cells = [
        (1, "import numpy as np\ndef f(a):\n    return np.dot(a, a)\n"),
        (2, "x = np.zeros((2, 3))\ny = f(x)\n"),
    ]
    [problem] = analyse(cells, file="nb.ipynb").problems
    assert (problem.cell, problem.line) == (1, 3)
    assert problem.message.endswith("(in the call `f(x)` at line 2 of cell 2)")


CORRECT = {
    "method returns": """\
import numpy as np
class Layer:
    def __init__(self, n_in, n_out):
        self.w = np.zeros((n_in, n_out))
        self.b = np.zeros(n_out)
    def forward(self, x):
        return x @ self.w + self.b
layer = Layer(4, 3)
y = layer.forward(np.ones((5, 4)))
w = layer.w
""",
    "known base and super": """\
import numpy as np
class Base:
    def __init__(self, n):
        self.n = n
        self.w = np.ones((n, 2))
class Child(Base):
    def __init__(self, n, k):
        super().__init__(n)
        self.k = np.zeros(k)
    def both(self):
        return self.w.sum(axis=1), self.k
c = Child(3, 5)
a, b = c.both()
w = c.w
""",
    "class attribute and static method": """\
import numpy as np
class Config:
    size = 4
    @staticmethod
    def make(n):
        return np.zeros((n, Config.size))
    @classmethod
    def square(cls):
        return np.eye(cls.size)
x = Config.make(2)
e = Config.square()
""",
    "property": """\
import numpy as np
class P:
    def __init__(self):
        self._w = np.ones((2, 3))
    @property
    def wt(self):
        return self._w.T
p = P()
t = p.wt
""",
    "attribute set from outside": """\
import numpy as np
class Box:
    pass
b = Box()
b.data = np.ones((3, 4))
b.data = b.data.T
d = b.data
""",
    "instance called": """\
import numpy as np
class Relu:
    def __call__(self, x):
        return np.maximum(0, x)
r = Relu()
y = r(np.ones((2, 2)))
""",
    "training loop": """\
import numpy as np
class Dense:
    def __init__(self, n_in, n_out):
        self.weights = np.random.randn(n_in, n_out)
    def forward(self, x):
        self.output = x @ self.weights
layer = Dense(2, 3)
X = np.ones((10, 2))
for epoch in range(10001):
    layer.forward(X)
out = layer.output
""",
    "list held by an instance": """\
import numpy as np
class History:
    def __init__(self):
        self.losses = []
    def add(self, value):
        self.losses.append(value)
h = History()
for i in range(4):
    h.add(np.zeros(2))
losses = h.losses
""",
    "dicts": """\
import numpy as np
params = {"w": np.ones((3, 4)), "b": [1.0, 2.0, 3.0]}
w = params["w"]
b = params.get("b")
params["h"] = np.zeros(5)
h = params["h"]
n = len(params)
keys = []
for key, value in params.items():
    keys.append(key)
missing = params.get("z", np.ones(2))
""",
    "dict()": """\
import numpy as np
cfg = dict(n=3, w=np.zeros((2, 2)))
w = cfg["w"]
""",
    "getattr and setattr": """\
import numpy as np
class O:
    pass
o = O()
setattr(o, "w", np.ones(3))
w = getattr(o, "w")
v = getattr(o, "v", np.zeros(2))
""",
    "while with a known bound": """\
import numpy as np
rows = []
while len(rows) < 3:
    rows.append([1.0, 2.0])
n = 0
while n < 10:
    n += 3
a = np.array(rows)
""",
    "starred unpacking": """\
import numpy as np
first, *rest = [np.ones(2), np.ones(2), np.ones(2)]
*init, last = [1.0, 2.0, 3.0]
a, *middle, z = (1, 2)
""",
    "list methods": """\
import numpy as np
x = [1.0, 2.0, 3.0]
x.insert(1, 5.0)
y = x.pop()
x.remove(2.0)
x.extend([7.0, 8.0])
top = x.pop(0)
""",
    "joining arrays": """\
import numpy as np
a = np.ones((2, 3))
rows = np.vstack([a, np.zeros(3)])
cols = np.hstack([a, np.zeros((2, 1))])
flat = np.append(a, [1, 2])
more = np.append(a, [[1, 2, 3]], axis=0)
both = np.concatenate((a, a), axis=1)
st = np.stack([a, a])
t = np.tile([1, 2], (3, 1))
s = np.squeeze(np.ones((1, 3, 1)))
r = np.ravel(a)
f = a.flatten()
z = np.zeros_like(a)
o = np.ones_like(rows)
""",
}


@pytest.mark.parametrize("code", list(CORRECT.values()), ids=list(CORRECT))
def test_correct_programs_run_and_are_known(code: str) -> None:
    program = agree(code)
    known = [n for n, b in program.names.items() if b.status == "known"]
    assert known, program.names


WRONG = {
    "weights swapped": (SWAPPED, 12),
    "attribute read before it is set": (
        """\
import numpy as np
class Layer:
    def forward(self, x):
        self.output = x
layer = Layer()
out = layer.output
""",
        6,
    ),
    "misspelt attribute": (
        """\
import numpy as np
class Layer:
    def __init__(self):
        self.weights = np.ones((2, 2))
layer = Layer()
w = layer.weigths
""",
        6,
    ),
    "method returns a product that fails": (
        """\
import numpy as np
class Layer:
    def __init__(self):
        self.w = np.ones((3, 4))
    def forward(self, x):
        return x @ self.w
out = Layer().forward(np.ones((2, 3)))
bad = Layer().forward(np.ones((2, 4)))
""",
        6,
    ),
    "missing argument": (
        """\
import numpy as np
class Layer:
    def __init__(self, n_in, n_out):
        self.w = np.zeros((n_in, n_out))
layer = Layer(4)
""",
        5,
    ),
    "too many arguments": (
        """\
import numpy as np
class Layer:
    def forward(self, x):
        return x
out = Layer().forward(np.ones(2), 3)
""",
        5,
    ),
    "dict key missing": (
        """\
import numpy as np
params = {"w": np.ones((3, 4))}
b = params["b"]
""",
        3,
    ),
    "vstack rows of different lengths": (
        """\
import numpy as np
a = np.ones((2, 3))
rows = np.vstack([a, np.zeros(4)])
""",
        3,
    ),
    "append along an axis that does not fit": (
        """\
import numpy as np
a = np.ones((2, 3))
more = np.append(a, [1, 2, 3], axis=0)
""",
        3,
    ),
    "list index out of range": (
        """\
x = [0.0, 0.0]
x[2] = 1.0
""",
        2,
    ),
    "pop from an empty list": (
        """\
x = []
y = x.pop()
""",
        2,
    ),
    "starred without enough items": (
        """\
a, b, *rest = [1]
""",
        1,
    ),
    "method on a list of the wrong shape": (
        """\
import numpy as np
class Softmax:
    def forward(self, inputs):
        exp = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp / np.sum(exp, axis=1)
s = Softmax()
s.forward(np.ones((4, 3)))
""",
        5,
    ),
}


@pytest.mark.parametrize(("code", "line"), list(WRONG.values()), ids=list(WRONG))
def test_wrong_programs_are_problems_at_the_line_that_raises(code: str, line: int) -> None:
    assert ran(code)[0] == line  # the oracle agrees with the table
    program = agree(code)
    assert line in {p.line for p in program.problems}


def test_a_missing_attribute_says_which_method_sets_it() -> None:
    program = agree(WRONG["attribute read before it is set"][0])
    [problem] = program.problems
    assert "`self.output` is set by `forward()`, which has not run on it" in problem.message
    program = agree(WRONG["misspelt attribute"][0])
    assert "did you mean `weights`?" in program.problems[0].message


UNKNOWN = {
    "unknown base": (
        "import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n"
        "        self.w = 1\nnet = Net()\nw = net.w\n",
        "w",
        "inherits from `nn.Module`, a class shapekit does not follow",
    ),
    "dynamic setattr": (
        "import numpy as np\nclass O:\n    pass\no = O()\nname = input()\n"
        "setattr(o, name, np.ones(3))\nv = o.w\n",
        "v",
        "read after `setattr(o, name, np.ones(3))` at line 6",
    ),
    "__getattr__": (
        "class O:\n    def __getattr__(self, name):\n        return 1\no = O()\nv = o.anything\n",
        "v",
        "`O` defines `__getattr__`",
    ),
    "handed to code not followed": (
        "import numpy as np\nimport pickle\nclass O:\n    def __init__(self):\n"
        "        self.w = np.ones(3)\no = O()\npickle.loads(o)\nw = o.w\n",
        "w",
        "read after `pickle.loads(o)` at line 7",
    ),
    "set on one branch only": (
        "import numpy as np\nclass O:\n    pass\no = O()\nif input():\n    o.w = np.ones(3)\n"
        "else:\n    o.w = np.ones(4)\nw = o.w\n",
        "w",
        "depends on the condition at line 5",
    ),
    "decorated class": (
        "import functools\n@functools.total_ordering\nclass D:\n    w = 1\nd = D()\nw = d.w\n",
        "w",
        "decorated with `@functools.total_ordering`",
    ),
    "while without a known bound": (
        "x = []\nwhile len(x) < int(input()):\n    x.append(1.0)\n",
        "x",
        "a loop at line 2 whose number of iterations cannot be known",
    ),
    "a range too long to follow": (
        "x = []\nfor i in range(10**6):\n    x.append(1.0)\n",
        "x",
        "which runs 1,000,000 times: too long for shapekit to follow step by step",
    ),
    "dict with a key not known": (
        "import numpy as np\nk = input()\nd = {k: np.ones(3)}\nv = d['w']\n",
        "v",
        "whose keys are not all known",
    ),
}


@pytest.mark.parametrize(("code", "name", "reason"), list(UNKNOWN.values()), ids=list(UNKNOWN))
def test_what_cannot_be_followed_is_unknown_with_the_reason_and_line(
    code: str, name: str, reason: str
) -> None:
    program = analyse([(None, code)], file="sub.py")
    binding = program.binding(name)
    assert binding is not None and binding.status == "unknown", binding
    assert binding.reason is not None and reason in binding.reason, binding.reason
    assert program.problems == []


RAISING = [
    "class A:\n    raise ValueError('no')\n",
    "class A:\n    def __init__(self):\n        raise ValueError('no')\na = A()\nb = a.w\n",
    "class A:\n    def f(self):\n        raise NotImplementedError\nclass B(A):\n    pass\nB().f()\n",
    "class A:\n    x = undefined_name\n    def f(self):\n        return self.f()\nA().f()\n",
    "class A(A):\n    pass\n",
    "class A:\n    def __init__(self):\n        self.me = self\na = A()\nb = a.me.me.me\n",
    "class A:\n    @property\n    def p(self):\n        return self.p\nv = A().p\n",
    "class A:\n    def f(self):\n        return A().f()\nv = A().f()\n",
    "class A:\n    pass\nclass B(A, A):\n    pass\nb = B()\n",
    "class A:\n    def __init__(self, *a, **k):\n        self.a = a\nx = A(1, 2, k=3).a\n",
    "class A:\n    def f(self):\n        super().f()\nA().f()\n",
    "class A:\n    def f(self):\n        return super(A, self).__init__()\nA().f()\n",
    "class A:\n    def __init__(self):\n        setattr(self, 'x', 1)\n        vars(self)['y'] = 2\nA().y\n",
]


@pytest.mark.parametrize("code", RAISING)
def test_odd_classes_never_crash_the_checker(code: str) -> None:
    program = analyse([(None, code)], file="odd.py")
    for binding in program.names.values():
        assert binding.status in ("known", "unknown", "error")


NEVER_CALLED = [
    pytest.param(
        "class Layer:\n    def forward(self, x):\n        self.output = x\n"
        "layer = Layer()\ndef show():\n    print(layer.output)\n",
        id="attribute set later",
    ),
    pytest.param("params = {}\ndef show():\n    return params['w']\n", id="key set later"),
    pytest.param("queue = []\ndef take():\n    return queue.pop()\n", id="pop later"),
    pytest.param("slots = []\ndef fill():\n    slots[0] = 1\n", id="item later"),
]


@pytest.mark.parametrize("code", NEVER_CALLED)
def test_a_function_never_called_is_not_judged_on_what_objects_hold_now(code: str) -> None:
    assert ran(code)[0] is None
    assert analyse([(None, code)], file="sub.py").problems == []


def test_a_function_never_called_changes_no_global_list() -> None:
    code = "import numpy as np\nrows = [[1.0, 2.0]]\ndef more():\n    rows.append([3.0, 4.0])\n"
    assert shape_of(analyse([(None, code)]), "rows") == (1, 2)


MORE_CORRECT = {
    "bound method handed to map": """\
import numpy as np
class Layer:
    def forward(self, x):
        self.output = x
layer = Layer()
results = list(map(layer.forward, [np.ones(2)]))
out = layer.output
""",
    "instances in a list handed to unknown code": """\
import numpy as np
import copy
class Layer:
    pass
layers = [Layer()]
copy.deepcopy(layers)
""",
    "del of attributes, keys and items": """\
import numpy as np
class O:
    def __init__(self):
        self.a = np.ones(2)
        self.b = np.ones(3)
o = O()
del o.a
b = o.b
d = {"x": 1.0, "y": [1.0, 2.0]}
del d["x"]
y = d["y"]
z = [1.0, 2.0, 3.0]
del z[0]
""",
    "hasattr guard": """\
import numpy as np
class O:
    pass
o = O()
if hasattr(o, "w"):
    w = o.w
else:
    w = np.zeros(2)
""",
}


@pytest.mark.parametrize("code", list(MORE_CORRECT.values()), ids=list(MORE_CORRECT))
def test_more_correct_programs_have_no_problem(code: str) -> None:
    agree(code)


def test_del_removes_what_it_names() -> None:
    code = MORE_CORRECT["del of attributes, keys and items"]
    assert shape_of(agree(code), "z") == (2,)
    wrong = code + "a = o.a\n"
    assert ran(wrong)[0] == 14
    assert 14 in {p.line for p in agree(wrong).problems}


LONG_LOOPS = {
    "training loop": """\
import numpy as np
class Dense:
    def __init__(self, n_in, n_out):
        self.weights = np.random.randn(n_in, n_out)
    def forward(self, x):
        self.inputs = x
        self.output = x @ self.weights
    def update(self, dvalues):
        self.weights -= 0.1 * self.inputs.T @ dvalues
layer = Dense(2, 3)
X = np.ones((10, 2))
count = 0
for epoch in range(1500):
    layer.forward(X)
    summed = layer.output.sum(axis=0)
    layer.update(np.ones((10, 3)))
    count += 1
out = layer.output
""",
    "a shape that grows": """\
import numpy as np
x = np.ones(1)
rows = []
for i in range(1500):
    x = np.append(x, 1.0)
    rows.append([1.0, 2.0])
""",
}


def test_a_long_loop_is_followed_twice_and_what_agrees_is_known() -> None:
    program = agree(LONG_LOOPS["training loop"])
    assert [shape_of(program, n) for n in ("out", "summed", "count")] == [(10, 3), (3,), ()]
    assert shape_of(program, "X") == (10, 2)
    program = agree(LONG_LOOPS["a shape that grows"])
    binding = program.binding("x")
    assert binding is not None and binding.status == "unknown"
    assert "which runs 1,500 times: too long for shapekit to follow" in (binding.reason or "")
    # (one row appended at each step, whatever happens: 1,500 rows, as running makes)
    assert shape_of(program, "rows") == (1500, 2)


def test_a_long_loop_that_fails_from_its_second_step_is_a_problem() -> None:
    code = (
        "import numpy as np\nx = np.ones((2, 2))\nfor i in range(1500):\n"
        "    y = x @ np.ones((2, 2))\n    x = np.ones((3, 3))\n"
    )
    assert ran(code)[0] == 4
    agree(code)


def test_not_and_in_place_updates_keep_what_is_known() -> None:
    code = """\
import numpy as np
class Opt:
    def update(self, layer):
        if not hasattr(layer, "momentum"):
            layer.momentum = np.zeros_like(layer.weights)
        layer.weights += layer.momentum * unknown_rate()
def unknown_rate():
    return float(input())
class L:
    def __init__(self):
        self.weights = np.ones((2, 3))
layer = L()
flag = not []
"""
    program = analyse(
        [(None, code + "Opt().update(layer)\nw = layer.weights\nm = layer.momentum\n")]
    )
    assert [shape_of(program, n) for n in ("w", "m")] == [(2, 3), (2, 3)]
    assert program.binding("flag").value is True  # type: ignore[union-attr]


def test_a_method_not_followed_may_change_its_object() -> None:
    code = """\
import functools
import numpy as np
class Layer:
    @functools.lru_cache
    def forward(self, x):
        self.output = x
layer = Layer()
layer.forward(3.0)
out = layer.output
"""
    assert ran(code)[0] is None
    program = agree(code)
    binding = program.binding("out")
    assert binding is not None and binding.status == "unknown"
    assert "read after `layer.forward(3.0)` at line 8" in (binding.reason or "")


def test_a_name_read_before_the_file_binds_it_is_a_name_error_at_its_line() -> None:
    code = (
        "import numpy as np\n"
        "inputs = np.array(inputs)\n"
        "inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0]]\n"
        "weights = np.ones((3, 4))\n"
        "outputs = np.dot(inputs, weights.T)\n"
    )
    with pytest.raises(NameError):
        exec(compile(code, "<sub>", "exec", dont_inherit=True), {})
    program = agree(code)
    [problem] = program.problems
    assert (problem.line, problem.column) == (2, 19)
    assert problem.message == (
        "name `inputs` is not defined when line 2 runs (it is only assigned later, at line 3); "
        "Python stops here with a NameError"
    )


BOUND_UNSEEN_OR_ELSEWHERE = {
    "imported from a module not followed": "from helpers import load_data\nx = load_data()\n",
    "a star import": "from numpy import *\nx = pi\n",
    "exec": "exec('y = 1')\nx = y\ny = 2\n",
    "globals()": "globals()['y'] = 1\nx = y\ny = 2\n",
    "inside a function": "def f():\n    return y\ny = 2\nx = f()\n",
    "caught": "try:\n    x = y\nexcept NameError:\n    x = 0\ny = 1\n",
    "caught by Exception": "try:\n    x = y\nexcept Exception:\n    x = 0\ny = 1\n",
    "a builtin": "x = len([1, 2])\nlen = 3\n",
    "a dunder": "x = __name__\n__name__ = 'a'\n",
    "a comprehension variable": "x = [v * 2 for v in [1, 2]]\nv = 3\n",
    "a lambda in a comprehension": (
        "import numpy as np\n"
        "relu = lambda x: np.maximum(0, x)\n"
        "rows = np.ones((3, 4))\n"
        "w = np.ones((3, 4))\n"
        "out = np.array([relu(w @ x) for x in rows])\n"
        "x = 1\n"
    ),
}


@pytest.mark.parametrize("code", BOUND_UNSEEN_OR_ELSEWHERE.values(), ids=BOUND_UNSEEN_OR_ELSEWHERE)
def test_no_name_error_where_running_binds_the_name_or_may(code: str) -> None:
    program = analyse([(None, code)], file="sub.py")
    assert not [p for p in program.problems if "NameError" in p.message], program.problems


def test_a_name_bound_in_a_later_cell_is_not_a_name_error_in_a_notebook() -> None:
    cells = [(1, "x = y + 1\n"), (2, "y = 1\n")]  # the kernel may have run cell 2 first
    program = analyse(cells, file="nb.ipynb")
    assert program.problems == []


def test_a_lambda_called_in_a_comprehension_reads_its_own_parameter() -> None:
    program = agree(BOUND_UNSEEN_OR_ELSEWHERE["a lambda in a comprehension"])
    assert shape_of(program, "out") == (3, 3)


def test_a_misspelt_name_is_a_name_error_with_the_name_meant() -> None:
    code = (
        "import numpy as np\n"
        "weights = np.ones((3, 4))\n"
        "inputs = np.ones((2, 4))\n"
        "outputs = inputs @ weigths.T\n"
    )
    with pytest.raises(NameError):
        exec(compile(code, "<sub>", "exec", dont_inherit=True), {})
    [problem] = agree(code).problems
    assert (problem.line, problem.column) == (4, 20)
    assert "it is never assigned; did you mean `weights`?" in problem.message


def test_a_method_of_an_object_not_followed_says_why_not_that_running_would_tell() -> None:
    code = (
        "import functools\n"
        "import numpy as np\n"
        "@functools.total_ordering\n"
        "class Layer:\n"
        "    def __init__(self, w):\n"
        "        self.w = w\n"
        "    def forward(self, x):\n"
        "        return x @ self.w.T\n"
        "outputs = Layer(np.zeros((3, 4))).forward(np.zeros((2, 4)))\n"
    )
    reason = analyse([(None, code)], file="sub.py").binding("outputs").reason
    assert "which calls a method of `Layer(np.zeros((3, 4)))` at line 9" in reason
    assert "which is decorated with `@functools.total_ordering`" in reason
    assert "without running" not in reason


@pytest.mark.parametrize("flag", ["True", "False", "0", "1", "None", "''"])
def test_a_conditional_expression_with_a_known_condition_takes_one_branch(flag: str) -> None:
    code = (
        "import numpy as np\n"
        f"TRANSPOSE = {flag}\n"
        "w = np.ones((3, 4))\n"
        "x = np.ones((2, 4))\n"
        "out = x @ w.T if TRANSPOSE else x @ w\n"
    )
    program = agree(code)  # running is the oracle: the branch not taken never fails
    if eval(flag):
        assert shape_of(program, "out") == (2, 3) and program.problems == []
    else:
        assert [p.line for p in program.problems] == [5]


DATACLASSES = {
    "fields and a method": """\
from dataclasses import dataclass
import numpy as np
@dataclass
class Layer:
    weights: np.ndarray
    biases: np.ndarray
    def forward(self, x):
        return x @ self.weights.T + self.biases
layer = Layer(np.ones((3, 4)), np.zeros(3))
out = layer.forward(np.ones((2, 4)))
w = layer.weights
""",
    "defaults, field and __post_init__": """\
import dataclasses
import numpy as np
@dataclasses.dataclass(eq=False)
class Layer:
    n_in: int
    n_out: int = 3
    scale: float = dataclasses.field(default=0.01)
    def __post_init__(self):
        self.w = self.scale * np.ones((self.n_in, self.n_out))
layer = Layer(4)
out = np.ones((2, 4)) @ layer.w
""",
    "keyword arguments": """\
from dataclasses import dataclass
import numpy as np
@dataclass
class P:
    a: np.ndarray
    b: np.ndarray
p = P(b=np.ones(3), a=np.ones((2, 3)))
out = p.a + p.b
""",
}


@pytest.mark.parametrize("code", DATACLASSES.values(), ids=DATACLASSES)
def test_a_plain_dataclass_is_followed(code: str) -> None:
    program = agree(code)
    assert program.problems == []
    assert program.binding("out").status == "known"


def test_a_dataclass_whose_method_fails_is_a_problem_at_its_line() -> None:
    code = DATACLASSES["fields and a method"].replace(
        "np.ones((3, 4)), np.zeros(3)", "np.ones((3, 5)), np.zeros(3)"
    )
    program = agree(code)
    assert [p.line for p in program.problems] == [8]


def test_a_dataclass_shapekit_does_not_read_stays_unknown_with_the_reason() -> None:
    code = (
        "from dataclasses import dataclass, InitVar\n"
        "@dataclass\n"
        "class A:\n"
        "    x: InitVar[int]\n"
        "a = A(1)\n"
    )
    reason = analyse([(None, code)], file="a.py").binding("a").reason
    assert "init-only or keyword-only fields" in reason
