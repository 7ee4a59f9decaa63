"""Random small programs, analysed without running and run with NumPy: they must agree.

The programs are built from the constructs the interpreter follows (array creation, literals,
``@``, ``np.dot``, broadcasting, ``.T``, ``reshape``, reductions, lists of arrays, loops that
append, augmented assignment). The test runs each with ``exec`` (the test is the oracle's
harness; shapekit runs nothing): a program that raises must have a problem at the line that
raised and none before it; one that runs must have no problem; every known shape must be the
shape the program leaves. Unparseable or odd text must give shapekit's own errors only.
"""

from __future__ import annotations

import traceback
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shapekit.engine.program import analyse
from shapekit.errors import InputError

dims = st.integers(1, 3)


@st.composite
def creation(draw: st.DrawFn) -> str:
    a, b = draw(dims), draw(dims)
    forms = [
        f"np.zeros(({a}, {b}))",
        f"np.ones({a})",
        f"np.random.randn({a}, {b})",
        f"np.arange({a * b}).reshape({a}, {b})",
        repr([[float(i + j) for j in range(b)] for i in range(a)]),
        repr([float(i) for i in range(a)]),
        f"np.eye({a})",
        "2.5",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def operation(draw: st.DrawFn, names: list[str]) -> str:
    x, y = draw(st.sampled_from(names)), draw(st.sampled_from(names))
    a = draw(dims)
    forms = [
        f"{x} @ {y}",
        f"np.dot({x}, {y})",
        f"{x} + {y}",
        f"{x} * {y}",
        f"np.array({x}) - {y}",
        f"np.array({x}).T",
        f"{x}.T",
        f"np.array({x}).reshape(-1)",
        f"np.array({x}).reshape({a}, -1)",
        f"np.sum({x}, axis={draw(st.integers(-2, 2))})",
        f"np.mean({x}, axis=0, keepdims=True)",
        f"np.maximum(0, {x})",
        f"[{x}, {y}]",
        f"np.array([{x}, {y}])",
        f"np.array({x})[0]",
        f"np.argmax({x}, axis=-1)",
        f"np.exp({x}) / np.sum(np.exp({x}), axis=0)",
        f"-{x}",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def programs(draw: st.DrawFn) -> str:
    lines = ["import numpy as np"]
    names: list[str] = []
    for i in range(draw(st.integers(2, 6))):
        name = f"v{i}"
        kind = draw(st.integers(0, 9)) if names else 0
        if kind <= 2:
            lines.append(f"{name} = {draw(creation())}")
        elif kind == 9:
            source = draw(st.sampled_from(names))
            lines += [f"{name} = []", f"for row in {source}:", f"    {name}.append(row * 2)"]
        elif kind == 8:
            target, source = draw(st.sampled_from(names)), draw(st.sampled_from(names))
            if target == source:  # a list holding itself: NumPy cannot measure it either
                continue
            lines.append(
                draw(
                    st.sampled_from(
                        [
                            f"{target} += {source}",
                            f"{target}.append({source})",
                            f"{target}[0] = {source}",
                        ]
                    )
                )
            )
            continue
        else:
            lines.append(f"{name} = {draw(operation(names))}")
        names.append(name)
    return "\n".join(lines) + "\n"


def run(code: str) -> tuple[int | None, dict[str, Any]]:
    """The line that raised (or None) and the shapes of the names the program left."""
    namespace: dict[str, Any] = {}
    line = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(code, "<generated>", "exec", dont_inherit=True), namespace)
        except Exception as exc:
            frames = [
                f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<generated>"
            ]
            line = frames[-1].lineno
        shapes = {}
        for name, value in namespace.items():
            if name.startswith("v"):
                try:
                    shapes[name] = np.array(value).shape
                except ValueError:
                    shapes[name] = None
    return line, shapes


def run_cells(cells: list[tuple[int, str]]) -> tuple[tuple[int, int] | None, dict[str, Any]]:
    """Run notebook cells in order, as Jupyter does: where it raised, and the shapes left."""
    namespace: dict[str, Any] = {}
    where = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, source in cells:
            filename = f"<cell {number}>"
            try:
                exec(compile(source, filename, "exec", dont_inherit=True), namespace)
            except Exception as exc:
                frames = [
                    f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename
                ]
                where = (number, frames[-1].lineno or 0)
                break  # "run all" stops at the first error
        shapes = {}
        for name, value in namespace.items():
            if name.startswith("v"):
                try:
                    shapes[name] = np.array(value).shape
                except ValueError:
                    shapes[name] = None
    return where, shapes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(), st.lists(st.integers(1, 4), min_size=1, max_size=3))
def test_random_notebook_cells_agree_with_running_them(code: str, cuts: list[int]) -> None:
    statements: list[str] = []
    for line in code.splitlines():  # a loop's body stays with its loop
        if line.startswith("    ") and statements:
            statements[-1] += "\n" + line
        else:
            statements.append(line)
    cells: list[tuple[int, str]] = []
    start = 0
    for number, cut in enumerate([*cuts, len(statements)], start=2):
        if start < len(statements):
            cells.append((number * 2, "\n".join(statements[start : start + cut]) + "\n"))
            start += cut
    if start < len(statements):
        cells.append((99, "\n".join(statements[start:]) + "\n"))
    raised, shapes = run_cells(cells)
    result = analyse(cells, file="gen.ipynb")
    places = sorted({(p.cell or 0, p.line) for p in result.problems})
    if raised is None:
        assert places == [], cells
    else:
        assert raised in places and places[0] == raised, (cells, raised, places)
    for name, binding in result.names.items():
        before = raised is None or (
            (binding.cell or 0, binding.line) < raised and not _used_after(cells, raised, name)
        )
        if binding.status == "known" and name in shapes and before:
            assert shapes[name] == binding.shape, (cells, name, binding)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_a_random_program_agrees_with_running_it(code: str) -> None:
    raised, shapes = run(code)
    _agrees(code, raised, shapes, first=True)


def _agrees(code: str, raised: int | None, shapes: dict[str, Any], first: bool) -> None:
    """The analysis of ``code`` says what running it said: a problem at the line that
    raised (the first problem, with ``first``), none if nothing raised, and the shapes of the
    names it knows (those not written where running stopped, or after)."""
    result = analyse([(None, code)], file="gen.py")
    lines = sorted({p.line for p in result.problems})
    if raised is None:
        assert lines == [], code
    else:
        assert raised in lines, (code, raised, result.problems)
        assert not first or min(lines) == raised, (code, raised, lines)
    for name, binding in result.names.items():
        if (
            binding.status == "known"
            and name in shapes
            and (raised is None or not _used_from(code, raised, name))
        ):
            assert shapes[name] == binding.shape, (code, name, binding)
        if binding.status == "unknown":
            assert binding.reason


HANDLERS = [
    "ValueError", "TypeError", "IndexError", "AttributeError", "Exception", "", "LookupError",
    "(TypeError, ValueError)", "ArithmeticError",
]  # fmt: skip


@st.composite
def programs_with_try(draw: st.DrawFn) -> str:
    """Random programs whose operations may sit in a ``try`` (a handler of some class, a
    fallback, perhaps ``else`` and ``finally``): whether it fails, and which handler runs,
    is what running them says."""
    out: list[str] = []
    lines = draw(programs()).splitlines()
    for index, line in enumerate(lines):
        head, _, expression = line.partition(" = ")
        if index == 0 or not expression or line.startswith(" ") or not draw(st.booleans()):
            out.append(line)
            continue
        if index + 1 < len(lines) and lines[index + 1].startswith("for "):
            out.append(line)  # the list a loop appends to
            continue
        handler = draw(st.sampled_from(HANDLERS))
        clause = f"except {handler}:" if handler else "except:"
        fallback = draw(creation())
        out += ["try:", f"    {head} = {expression}", clause, f"    {head} = {fallback}"]
        if draw(st.booleans()):
            out += ["else:", f"    {head} = np.array({head}).T"]
        if draw(st.booleans()):
            out += ["finally:", "    done = True"]
    return "\n".join(out) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs_with_try())
def test_a_random_program_with_try_agrees_with_running_it(code: str) -> None:
    raised, shapes = run(code)
    # a handler's problem may come before the line that raised (both are reported)
    _agrees(code, raised, shapes, first=False)


def _used_after(cells: list[tuple[int, str]], raised: tuple[int, int], name: str) -> bool:
    """Whether ``name`` is written where running stopped or after it (the rest of that cell
    and the later cells): the analysis goes on there, so what it leaves may differ (a list
    bound before the error and appended to after it, say)."""
    cell, line = raised
    rest = [
        "\n".join(text.splitlines()[line - 1 :]) if number == cell else text
        for number, text in cells
        if number >= cell
    ]
    return _used_from("\n".join(rest), 1, name)


def _used_from(code: str, line: int, name: str) -> bool:
    """Whether ``name`` is written on line ``line`` or after (where running stopped, but the
    analysis goes on, so what it leaves in ``name`` may differ)."""
    import re

    rest = "\n".join(code.splitlines()[line - 1 :])
    return re.search(rf"\b{re.escape(name)}\b", rest) is not None


FRAGMENTS = [
    "x = np.ones((2, 3))",
    "y = x @ x.T",
    "lambda q: q.T",
    "class A:\n    w = np.ones(3)",
    "with open('f') as fh:\n    z = fh.read()",
    "try:\n    z = x[9]\nexcept IndexError:\n    z = 0",
    "global g",
    "match x:\n    case _:\n        m = 1",
    "async def f():\n    await g",
    "def gen():\n    yield x",
    "a, *b = [1, 2, 3]",
    "if (n := len(x)) > 1:\n    k = n",
    "s = f'{x}'",
    "d = {k: v for k, v in zip('ab', [1, 2])}",
    "@staticmethod\ndef deco(): return 1",
    "x[0, :] = 5",
    "x.shape = (3, 2)",
    "1 < x < 3",
    "del x",
    "for i in x:\n    break\nelse:\n    e = 1",
    "while True:\n    continue",
    "assert x.ndim == 2",
    "raise ValueError('no')",
    "x = x ** 2 // 3 % 2",
    "x = ~np.ones(3, dtype=int) << 2",
    "print(*x, sep='')",
    "f = lambda: 1\nr = f()",
    "x = np.zeros((10**9, 10**9))",
    "x = [[1] * 10**6] * 10**6",
    "x = np.arange(1e300)",
    "x = np.ones(-3)",
    "x = np.random.randn(*x.shape)",
    "x = sum(r for r in range(3))",
    "x = {[1]: 2}",
    "x = np.array(x, dtype=object).reshape(x.shape[::-1])",
    "def f(*a, **k):\n    return f(*a, **k)\nq = f(1, z=2)",
    "import numpy.random as npr\nq = npr.randn(2)",
    "from numpy import *\nq = zeros(3)",
    "x = None\ny = x @ x",
    "x = 'abc'.T",
    "class B(A):\n    def f(self):\n        return super().f()\nb = B()\nb.f()",
    "o = A()\no.w = x\ny = o.w @ x",
    "d = {'a': x}\nd['b'] = d\nz = d['a']\ndel d['a']",
    "while len(x) < 3:\n    x = list(x) + [1]",
    "*p, q = x",
    "x.insert(0, 1)\nx.pop()\nx.remove(1)",
    "class C:\n    def __init__(self, n):\n        self.n = n\n    def __call__(self):\n"
    "        return self\nc = C(1)()\nc.n = c",
    "class E:\n    @property\n    def p(self):\n        return self.p\n    q = p\ne = E().q",
    "x = np.vstack([x, x])\nx = np.append(x, x, axis=1)\nx = np.tile(x, 2)",
    "setattr(A, 'w', x)\nv = getattr(A(), 'w', None)",
    "for i in range(3):\n    if i:\n        break\n    x = x.T",
    "while True:\n    x = x.T\n    if x.ndim:\n        break",
    "try:\n    y = x @ x\nexcept ValueError:\n    raise",
    "try:\n    y = x @ x\nexcept (TypeError, ValueError) as e:\n    y = e\nelse:\n    y = 1",
    "assert x.shape == (1,), 'no'",
    "s = f'{x @ x.T!r:>10}'",
    "x.shape = (3, -1)",
    "def f(*, k=1, **o):\n    return k\nq = f(k=2, **{'z': 1})",
    "def mk(w):\n    def ap(v):\n        return v @ w\n    return ap\nq = mk(x)(x)",
    "q = [r for r in x if len(r) > 1 if r is not None]",
    "q = x.shape() if len(x) else x.T()",
    "q = np.zeros(2, 3) and np.max(np.zeros(0))",
]

fragment_programs = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map(
    lambda parts: "import numpy as np\n" + "\n".join(parts) + "\n"
)


@settings(max_examples=200, deadline=None)
@given(fragment_programs)
def test_any_program_gives_a_result_never_a_crash(code: str) -> None:
    result = analyse([(None, code)], file="odd.py")
    for binding in result.names.values():
        assert binding.status in ("known", "unknown", "error")
        assert binding.status == "known" or binding.reason


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("x=[]()1,.@+-*np\n :T\t#'\"\\{}")), max_size=60))
def test_any_text_is_analysed_or_is_a_syntax_error(text: str) -> None:
    try:
        analyse([(None, text)])
    except InputError as error:
        assert error.kind in ("syntax", "too_deep")


@pytest.mark.parametrize("depth", [50, 5000])
def test_deep_nesting_is_an_input_error_or_unknown(depth: int) -> None:
    code = "x = " + "[" * depth + "1" + "]" * depth + "\ny = " + "-" * depth + "1\n"
    try:
        result = analyse([(None, code)])
    except InputError as error:
        assert error.kind in ("syntax", "too_deep")
    else:
        assert result.binding("x") is not None


small_shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)


@st.composite
def joining_calls(draw: st.DrawFn) -> str:
    """A call joining, repeating or squeezing arrays of random shapes (often mismatched)."""
    shapes = draw(st.lists(small_shapes, min_size=1, max_size=3))
    arrays = [f"np.ones({s!r})" for s in shapes]
    listed = "[" + ", ".join(arrays) + "]"
    axis = draw(st.integers(-3, 3))
    first = arrays[0]
    second = arrays[-1]
    forms = [
        f"np.concatenate({listed})",
        f"np.concatenate({listed}, axis={axis})",
        f"np.concatenate({listed}, axis=None)",
        f"np.stack({listed})",
        f"np.stack({listed}, axis={axis})",
        f"np.vstack({listed})",
        f"np.hstack({listed})",
        f"np.column_stack({listed})",
        f"np.append({first}, {second})",
        f"np.append({first}, {second}, axis={axis})",
        f"np.tile({first}, {draw(st.integers(0, 3))})",
        f"np.tile({first}, {tuple(draw(st.lists(st.integers(0, 3), max_size=3)))!r})",
        f"np.squeeze({first})",
        f"np.squeeze({first}, axis={axis})",
        f"{first}.squeeze()",
        f"np.ravel({first})",
        f"{first}.flatten()",
    ]
    return draw(st.sampled_from(forms))


@settings(max_examples=300, deadline=None)
@given(joining_calls())
def test_joining_arrays_agrees_with_numpy(call: str) -> None:
    code = f"import numpy as np\nx = {call}\n"
    raised, shapes = run(code.replace("x =", "v ="))
    result = analyse([(None, code)], file="join.py")
    binding = result.binding("x")
    assert binding is not None
    if raised is None:
        assert result.problems == [], (call, result.problems)
        assert (binding.status, binding.shape) == ("known", shapes["v"]), (call, binding)
    else:
        assert [p.line for p in result.problems] == [2], (call, result.problems)


@st.composite
def class_programs(draw: st.DrawFn) -> str:
    """A layer class (weights made in __init__, a forward that stores or returns), instances
    of random sizes, and forward passes on inputs of random shapes (often mismatched)."""
    op = draw(st.sampled_from(["np.dot(x, self.w)", "x @ self.w", "np.dot(x, self.w.T)"]))
    bias = draw(st.sampled_from(["", " + self.b", " + self.b.T"]))
    stores = draw(st.booleans())
    body = f"        self.out = {op}{bias}\n" if stores else f"        return {op}{bias}\n"
    lines = [
        "import numpy as np",
        "class Layer:",
        "    def __init__(self, n_in, n_out):",
        "        self.w = np.ones((n_in, n_out))",
        f"        self.b = np.zeros({draw(st.sampled_from(['(1, n_out)', 'n_out', '(n_out, 1)']))})",
        "    def forward(self, x):",
        body.rstrip("\n"),
    ]
    for i in range(draw(st.integers(1, 3))):
        a, b = draw(dims), draw(dims)
        rows = draw(dims)
        cols = draw(st.sampled_from([a, b, draw(dims)]))
        lines.append(f"layer{i} = Layer({a}, {b})")
        call = f"layer{i}.forward(np.ones(({rows}, {cols})))"
        if stores:
            lines += [call, f"v{i} = layer{i}.out"]
        else:
            lines.append(f"v{i} = {call}")
        lines.append(f"vw{i} = layer{i}.w")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(class_programs())
def test_a_random_class_program_agrees_with_running_it(code: str) -> None:
    raised, shapes = run(code)
    result = analyse([(None, code)], file="gen.py")
    lines = sorted({p.line for p in result.problems})
    if raised is None:
        assert lines == [], (code, result.problems)
    else:
        assert raised in lines, (code, raised, result.problems)
    for name, binding in result.names.items():
        if binding.status == "known" and name in shapes and raised is None:
            assert shapes[name] == binding.shape, (code, name, binding)


@st.composite
def indexing(draw: st.DrawFn) -> str:
    """An array of a random shape indexed with integers, slices, None, lists and arrays of
    whole numbers, and ranges (NumPy's advanced indexing, often out of bounds)."""
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    small = st.integers(-3, 3)
    part = st.one_of(
        small.map(str),
        st.sampled_from([":", "1:", "::2", "None"]),
        st.lists(small, max_size=3).map(repr),
        st.lists(st.lists(small, min_size=2, max_size=2), min_size=1, max_size=2).map(repr),
        st.integers(0, 3).map(lambda k: f"np.arange({k})"),
        st.integers(0, 3).map(lambda k: f"range({k})"),
        st.integers(0, 3).map(lambda k: f"range(-1, {k})"),
    )
    parts = draw(st.lists(part, min_size=1, max_size=3))
    return f"np.ones({shape!r})[{', '.join(parts)}]"


@settings(max_examples=300, deadline=None)
@given(indexing())
def test_indexing_with_arrays_agrees_with_numpy(expression: str) -> None:
    code = f"import numpy as np\nx = {expression}\n"
    raised, shapes = run(code.replace("x =", "v ="))
    result = analyse([(None, code)], file="index.py")
    binding = result.binding("x")
    assert binding is not None
    if raised is None:
        assert result.problems == [], (expression, result.problems)
        if binding.status == "known":
            assert binding.shape == shapes["v"], (expression, binding.shape, shapes["v"])
    else:
        assert [p.line for p in result.problems] in ([2], []), (expression, result.problems)
        assert binding.status != "known", (expression, binding)
