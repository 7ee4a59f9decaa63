"""The thirteenth pass: Python's built-ins given arrays, as running decides.

``round(outputs, 2)``, ``math.exp(-x)`` of a one-element array, ``complex(x)``, ``pow(x, 2)``
and ``divmod(x, 2)`` were unknown or passed where running raises (NumPy 2.4 converts only
0-d arrays to Python numbers). Each program below runs here, and running is the oracle;
the analysis never runs it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import traceback
import warnings

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shapekit.check.checker import Expectations, check_file
from shapekit.engine._numpy_api import BINARY_FUNCTIONS, ELEMENTWISE, REDUCTIONS, nested_shape
from shapekit.engine._statements import _raised
from shapekit.engine.program import analyse
from tests.engine.test_fresh_eyes import failing_line

#: what the built-ins are given: arrays of several elements, of one (1-D and 0-d), NumPy
#: numbers, Python numbers and lists
GIVEN = (
    "np.ones(3)",
    "np.ones(1)",
    "np.ones((2, 2))",
    "np.ones((1, 1))",
    "np.array(2.0)",
    "np.float64(2.0)",
    "np.ones(3).sum()",
    "np.ones((2, 3)).sum(axis=0)",
    "2.0",
    "3",
    "[1.0]",
    "[1.0, 2.0]",
)

#: the built-ins, written as a student writes them (``a`` is what they are given)
CALLS = (
    "float(a)",
    "int(a)",
    "complex(a)",
    "round(a)",
    "round(a, 2)",
    "math.exp(a)",
    "math.exp(-a)",
    "math.sqrt(a)",
    "math.log(a)",
    "pow(a, 2)",
    "pow(a, 0.5)",
    "divmod(a, 2)[0]",
    "divmod(a, 2)[1]",
    "abs(a)",
)


def _as_running_decides(source: str) -> bool:
    """Running ``source`` runs through (no problem is reported, and ``y``, when known, has
    the shape running gives) or fails (the first problem is at its line, with the class of
    error it raises). Whether ``y`` was known."""
    program = analyse([(None, source)])
    namespace: dict[str, object] = {"np": np}
    try:
        with warnings.catch_warnings():  # as a script runs: a warning is no error
            warnings.simplefilter("ignore")
            exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        line = [f.lineno for f in frames if f.filename == "<test>"][-1]
        raised = {kind.__name__ for kind in type(error).__mro__}
        assert [p.line for p in program.problems][:1] == [line]
        assert _raised(program.problems[0].error) in raised
        return True
    assert program.problems == []
    binding = program.binding("y")
    if binding is None or binding.status != "known":
        return False
    assert binding.shape == np.shape(namespace["y"])
    return True


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("given", GIVEN)
def test_builtins_given_arrays_as_running_decides(given, call):
    """The result is then added to an array of 4: a number broadcasts, an array of 3 does
    not, so a wrong kind of result shows as a problem too."""
    source = f"import numpy as np\nimport math\na = {given}\nr = {call}\ny = np.ones(4) + r\n"
    _as_running_decides(source)


def test_most_of_the_grid_is_known():
    """The grid above is not passed by leaving things unknown: most outcomes are decided."""
    decided = sum(
        _as_running_decides(
            f"import numpy as np\nimport math\na = {given}\nr = {call}\ny = np.ones(4) + r\n"
        )
        for given in GIVEN
        for call in CALLS
    )
    assert decided >= 0.8 * len(GIVEN) * len(CALLS)


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        ("print(round(outputs, 2))", "print(np.round(outputs, 2))"),
        ("y = math.exp(-outputs)", "y = np.exp(-outputs)"),
    ],
)
def test_the_fix_offered_is_numpys_function(code, fix):
    source = f"import numpy as np\nimport math\noutputs = np.ones((3, 2))\n{code}\n"
    program = analyse([(None, source)])
    assert [p.line for p in program.problems] == [4]
    assert fix.split("= ")[-1] in program.problems[0].fixes[0] or fix in program.problems[0].fixes
    fixed = source.replace(code, fix)
    assert failing_line(fixed) is None
    assert analyse([(None, fixed)]).problems == []


#: conditions whose value is their last operand when the ones before it are known
CONDITIONS = (
    "n > 0 and x",
    "n < 0 or x",
    "x is not None and x",
    "True and x",
    "n and x and n",
    "n > 0 and n",
    "x.size and x",
    "len(x) > 0 and x.any()",
    "n > 5 or x.all()",
    "n > 0 and x.shape[0] > 2",
)

#: where the truth of the condition is taken
USES = (
    "if {c}:\n    y = x.sum(axis=0)\nelse:\n    y = x.T",
    "while {c}:\n    y = x.sum(axis=0)\n    break",
    "assert {c}\ny = x",
    "y = x if ({c}) else x.sum()",
    "y = np.ones(4) * (not ({c}))",
    "y = np.ones(4) * bool({c})",
)


@pytest.mark.parametrize("use", USES)
@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("made", ["np.ones(3)", "np.ones(1)", "np.ones((2, 2))", "np.zeros(0)"])
def test_the_truth_of_and_or_is_the_truth_of_its_value(made, condition, use):
    """``if n > 0 and x:`` takes the truth of x when n is known: NumPy's ValueError for an
    array of several elements (or none). It passed (the last operand's own truth, not known,
    had made the whole condition unknown)."""
    source = f"import numpy as np\nx = {made}\nn = 2\n" + use.format(c=condition) + "\n"
    _as_running_decides(source)


_LEAVES = st.one_of(
    st.integers(-5, 5), st.floats(-2, 2), st.text(max_size=3), st.none(), st.booleans()
)
_NESTED = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.lists(inner, max_size=3).map(tuple)),
    max_leaves=24,
)


@given(_NESTED)
@example([[1, "a"], [2]])
@example([["ab", "c"], "de"])
@example([[], []])
@example([[], [1]])
@example(("x", ["y"]))
def test_the_shape_of_a_list_with_text_is_numpys(value):
    """``np.array(["1", 2.0])`` and the like: the shape shapekit gives without NumPy is the one
    ``np.asarray`` makes (and None where NumPy refuses the lists as ragged)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expected = np.asarray(value).shape
        except ValueError:
            expected = None
    assert nested_shape(value) == expected


#: functions followed now, written as a course writes them (with what NumPy refuses of them)
MEASURED = (
    "np.diagflat(np.ones(3))",
    "np.diagflat(np.ones((2, 2)), k=1)",
    "np.diagflat(np.ones(3), -2)",
    "np.digitize(np.ones((3, 4)), [0.0, 0.5, 1.0])",
    "np.digitize(np.ones(5), np.array([0.0, 2.0]), right=True)",
    "np.searchsorted([1, 2, 3], np.ones(4))",
    "np.searchsorted(np.arange(5), 2.5)",
    "np.searchsorted(np.arange(5), np.ones((2, 3)), side='right')",
    "np.interp(np.ones(4), [0, 1], [0, 10])",
    "np.interp(np.ones((2, 3)), np.arange(3), np.arange(3.0))",
    "np.interp(2.5, [0, 1], [0, 10])",
    "np.histogram(np.ones(10), bins=5)[0]",
    "np.histogram(np.ones(10), bins=5)[1]",
    "np.histogram(np.ones((3, 4)))[0]",
    "np.histogram(np.ones(10), bins=[0, 1, 2, 4])[0]",
    "np.histogram(np.ones(10), [0, 1, 2, 4])[1]",
    "np.convolve(np.ones(5), np.ones(3))",
    "np.convolve(np.ones(5), np.ones(3), 'same')",
    "np.convolve(np.ones(3), np.ones(5), mode='valid')",
    "np.convolve(np.arange(4), [1, 2])",
    "np.convolve(2.0, np.ones(3))",
    "np.polyfit(np.arange(5), np.arange(5.0), 1)",
    "np.polyfit(np.arange(5), np.ones((5, 3)), 2)",
    "np.polyfit(np.arange(5.0), np.arange(5.0) ** 2, 2)",
    "np.logical_and(np.ones(3) > 0, np.ones(3) < 2)",
    "np.logical_or(np.ones((3, 1)) > 0, np.ones(4) > 0)",
    "np.logical_xor(np.ones(3), np.zeros(3))",
    "np.logical_and(np.ones(3), np.ones(4))",
    "np.logical_not(np.ones((2, 3)) > 0)",
    "np.heaviside(np.ones((3, 4)), 0.5)",
    "np.heaviside(np.arange(4) - 2, 1)",
    "np.heaviside(np.ones(3), np.ones(4))",
    "np.isinf(np.ones(3))",
    "np.signbit(-np.ones(3))",
)

#: what comes next: the result's shape and kind show (a mask indexes, @ and + need a fit)
AFTER = ("", " @ np.ones(4)", " + np.ones(3)", ".T @ np.ones(3)")


@pytest.mark.parametrize("after", AFTER)
@pytest.mark.parametrize("made", MEASURED)
def test_measured_functions_as_running_decides(made, after):
    _as_running_decides(f"import numpy as np\ny = {made}{after}\n")


@pytest.mark.parametrize(
    "masking",
    [
        "x[np.isnan(x)] = 0",
        "x[~np.isfinite(x)] = 0.0",
        "y = x[np.isinf(x)]",
        "y = x[np.logical_not(np.isnan(x))]",
        "y = x[np.logical_and(x > 0, ~np.isnan(x))]",
        "y = x[np.heaviside(x, 0)]",
    ],
)
def test_masks_made_by_is_functions_index(masking):
    """``x[np.isnan(x)] = 0``: np.isnan gives booleans, a mask (it was taken for floats, and
    the line reported as an IndexError running never raises)."""
    _as_running_decides(f"import numpy as np\nx = np.ones((3, 4))\n{masking}\ny = x\n")


def test_measured_functions_are_followed():
    """Each is known (or its error reported), not left unknown."""
    assert all(_as_running_decides(f"import numpy as np\ny = {made}\n") for made in MEASURED)


#: element-wise functions and operators, each given booleans, whole numbers and floats
KINDS_GIVEN = {"b": "np.array([True, False, True])", "i": "np.arange(3)", "f": "np.ones(3)"}
KIND_OF = (
    *(f"np.{n}(x)" for n in sorted(ELEMENTWISE)),
    *(f"np.{n}(x, x)" for n in sorted(set(BINARY_FUNCTIONS) - {"power"})),
    "x > 0", "x + 1", "x * 2.0", "x / 2", "x // 2", "-x", "abs(x)", "np.clip(x, 0, 1)",
    "np.where(x > 0, x, 0)", "np.cumsum(x)", "np.sort(x)", "np.argsort(x)", "x.astype(bool)",
    "np.random.rand(3) > 0.5", "np.maximum(x, 0)", "np.minimum(x, 0.5)", "x[::-1]",
)  # fmt: skip


@pytest.mark.parametrize("given", KINDS_GIVEN)
def test_the_kind_of_numbers_is_numpys(given, monkeypatch):
    """The kind of numbers each result holds (booleans, whole numbers, floats) is the one
    NumPy gives: it decides what indexing with it does (np.isnan gave floats, so a mask of
    it was taken for an index of floats)."""
    from shapekit.engine import _host

    kept: dict[str, object] = {}
    record = _host.ProgramHost.record

    def keep(self, name, value, node):  # the operand the analysis binds to y
        if name == "y":
            kept["y"] = value
        return record(self, name, value, node)

    monkeypatch.setattr(_host.ProgramHost, "record", keep)
    wrong = []
    for expression in KIND_OF:
        source = f"import numpy as np\nx = {KINDS_GIVEN[given]}\ny = {expression}\n"
        namespace: dict[str, object] = {"np": np}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
        except TypeError:  # -x of booleans: NumPy refuses it (see the tests of operators)
            continue
        kind = np.asarray(namespace["y"]).dtype.kind.replace("u", "i")
        kept.clear()
        analyse([(None, source)])
        found = getattr(kept.get("y"), "dtype", None)
        if found is not None and found != kind:
            wrong.append((expression, kind, found))
    assert wrong == []


@pytest.mark.parametrize("op", ["+=", "-=", "*=", "/=", "//=", "%=", "**="])
@pytest.mark.parametrize(
    "given", ["1", "0.5", "True", "np.ones(3)", "np.arange(3)", "np.ones(4)", "np.ones((2, 2))"]
)
@pytest.mark.parametrize(
    "target", ["np.arange(3)", "np.ones(3)", "np.array([True, False, True])", "np.zeros((2, 3))"]
)
def test_in_place_operations_as_running_decides(target, given, op):
    """``x /= 255`` of whole numbers is NumPy's casting error, and it is the error NumPy
    raises where the shapes do not fit either (``x += np.ones((2, 2))`` of integers): the
    kind of the result is settled first."""
    _as_running_decides(
        f"import numpy as np\nx = {target}\nx {op} {given}\ny = x\nx[0:1] {op} {given}\n"
    )


#: calls that raise nothing when the shapes they are given are known and fit
CANNOT_RAISE = (
    "np.squeeze(x)", "np.square(x)", "np.abs(x)", "np.sign(x)", "np.round(x, 2)", "x.round(1)",
    "np.floor(x)", "np.log10(x + 1)", "np.prod(x, axis=0)", "x.std(axis=1)", "np.var(x)",
    "np.all(x > 0)", "x.any(axis=0)", "np.cumsum(x, axis=1)", "np.sort(x)", "x.argsort()",
    "np.swapaxes(x, 0, 1)", "np.where(x > 0, x, 0)", "np.concatenate([x, x])",
    "np.vstack([x, x])", "np.hstack([x, x])", "np.stack([x, x])", "np.column_stack([x, x])",
    "np.tile(x, 2)", "np.flip(x)", "np.isnan(x)",
)  # fmt: skip


@pytest.mark.parametrize("handler", ["ValueError", "Exception", "(ValueError, IndexError)"])
@pytest.mark.parametrize("call", CANNOT_RAISE)
def test_a_try_body_that_cannot_raise_runs_no_handler(call, handler):
    """``try: v = np.squeeze(x) except ValueError: v = None`` then ``v + 1``: the body runs
    through whenever the file runs, so no handler does (a possible problem was said in the
    handler's None + 1, and v was unknown)."""
    source = (
        f"import numpy as np\nx = np.ones((3, 1))\ntry:\n    v = {call}\nexcept {handler}:\n"
        "    v = None\ny = v + 1\nz = y @ np.ones((5, 5))\n"
    )
    assert _as_running_decides(source)


@pytest.mark.parametrize(
    "use",
    ["y = z.copy()\ny += np.ones(3)", "y = z @ z", "y = round(z)", "y = z.astype(int)\ny += 1"],
)
@pytest.mark.parametrize(
    "made",
    [
        "np.full((), 2.5)", "np.zeros(())", "np.ones(1).reshape(())", "np.array(2.0).reshape(())",
        "np.float64(2.0).reshape(())", "np.reshape(np.float64(1.0), ())", "np.array(2.0).copy()",
        "np.float64(2.0).copy()", "np.ones(3).sum()", "np.array(2.0).astype(int)",
    ],
)  # fmt: skip
def test_arrays_of_no_dimensions_and_numpy_numbers_as_running_decides(made, use):
    """An array of 0 dimensions keeps its shape in place (``z += np.ones(3)`` fails) and has
    no ``@`` of NumPy numbers' kind; ``.copy()``, ``.astype()`` and ``.reshape(())`` keep it
    an array (a NumPy number's stay numbers)."""
    _as_running_decides(f"import numpy as np\nz = {made}\n{use}\n")


#: a method whose body fails before it sets self.output (the first line, or a later one)
FAILING_METHODS = (
    "        e = x - np.max(x, axis=1)\n        self.output = e\n",
    "        self.inputs = x\n        e = x @ x\n        self.output = np.exp(e)\n",
    "        self.output = x - np.max(x, axis=1)\n",
)

#: how the file calls it: at the top, in a try that catches the error, in a function
CALLING = (
    "layer.forward(np.ones((4, 3)))\n",
    # (a caught method's failing statement ends the call: what it would assign is never set)
    "try:\n    layer.forward(np.ones((4, 3)))\nexcept ValueError:\n    print('no')\n",
    "def run():\n    layer.forward(np.ones((4, 3)))\nrun()\n",
)


@pytest.mark.parametrize("calling", CALLING)
@pytest.mark.parametrize("method", FAILING_METHODS)
def test_an_attribute_a_failed_method_never_set_is_no_second_error(method, calling):
    """``activation2.forward(dense2.output)`` fails inside, before ``self.output = …``: running
    stops there, and ``activation2.output`` on the lines after is not an AttributeError of
    its own (each was reported, saying forward() had not run). Caught by a try, the method's
    failure lets the file go on, and reading the attribute is the AttributeError it raises."""
    source = (
        f"import numpy as np\nclass Layer:\n    def forward(self, x):\n{method}"
        f"layer = Layer()\n{calling}print(layer.output)\ny = layer.output\n"
    )
    _as_running_decides(source)
    if "try" not in calling:  # running stops in the method: one problem, the first
        assert len(analyse([(None, source)]).problems) == 1


@pytest.mark.parametrize(
    "handler",
    [
        "ValueError", "json.JSONDecodeError", "Exception", "KeyError",
        "(KeyError, json.JSONDecodeError)", "JSONDecodeError", "json.decoder.JSONDecodeError",
    ],
)  # fmt: skip
@pytest.mark.parametrize("data", ['{"scale": 2.0,}', '{"scale": 2.0}'])
def test_a_handler_around_json_load_as_running_decides(tmp_path, data, handler):
    """fresh23's INT01: any handler around ``json.load`` of a malformed file beside the
    script made shapekit fail on the file itself (JSONDecodeError is json's own class, and
    was looked up among Python's builtins)."""
    (tmp_path / "cfg.json").write_text(data)
    script = tmp_path / "main.py"
    script.write_text(
        "import json\nfrom json import JSONDecodeError\nimport numpy as np\n"
        "inputs = np.ones((2, 4))\ntry:\n    cfg = json.load(open('cfg.json'))\n"
        f"except {handler}:\n    cfg = {{'scale': 1.0}}\ny = inputs * cfg['scale']\n"
    )
    ran = subprocess.run(
        [sys.executable, "-W", "ignore", str(script)], cwd=tmp_path, capture_output=True
    )
    result = check_file(str(script), Expectations.parse(["y=2,4"]))
    assert result.internal_error is None
    assert (result.status == "failed") == (ran.returncode != 0), result


@pytest.mark.parametrize("attr", sorted(a for a in dir(np.ndarray) if not a.startswith("_")))
def test_every_attribute_of_an_array_read_as_running_decides(attr):
    """hostile21's CR12: ``inputs.nbytes + biases.itemsize`` was reported as methods not
    called. Every public attribute NumPy's arrays have is read without a problem (its value
    printed, kept, and for the whole numbers among them added)."""
    added = " + 1" if attr in ("nbytes", "itemsize", "ndim", "size") else ""
    _as_running_decides(
        f"import numpy as np\nx = np.ones((3, 4))\nv = x.{attr}{added}\nprint(x.{attr})\ny = x\n"
    )


@pytest.mark.parametrize(
    "use",
    [
        "n = len(labels[0])", "n = [s.upper() for s in labels]", "n = labels[0][0]",
        "names = labels.tolist()\nn = len(names[0])", "n = labels.shape", "n = labels == 'cat'",
        "n = labels.reshape(-1, 1)", "for s in labels:\n    n = s.startswith('c')",
        "n = labels + 1", "n = labels @ labels", "n = labels.T", "n = labels[:1]",
        "n = [len(s) for s in labels.ravel()]",
    ],
)  # fmt: skip
@pytest.mark.parametrize(
    "made",
    [
        'np.array(["cat", "horse"])', 'np.array(["cat", "horse"], dtype=str)',
        'np.array([["a", "b"], ["c", "d"]])', 'np.array([1, 2], dtype=str)',
        'np.array(["1.5", "2"], dtype="U5")', 'np.array(["a", "b"], dtype=np.str_)',
    ],
)  # fmt: skip
def test_arrays_of_text_as_running_decides(made, use):
    """hostile21's CR13-CR15: ``np.array(["cat", "horse"], dtype=str)`` was refused as not
    numbers, an element of an array of text was taken for a number (``len(labels[0])``,
    ``s.startswith("c")``) and so were the items of its ``.tolist()``."""
    _as_running_decides(f"import numpy as np\nlabels = {made}\n{use}\ny = labels\n")


def _by_place(name: str, method: bool) -> str:
    """A call of the reduction ``name`` with keepdims=True given by place (its other places
    None), as NumPy's signature orders them."""
    from shapekit.engine._signatures import _signature

    signature = _signature(name)
    assert signature is not None
    places = [
        p.name
        for p in signature.parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if "keepdims" not in places:
        return f"np.{name}(x, 1, keepdims=True)" if not method else f"x.{name}(1, keepdims=True)"
    defaults = {p.name: p.default for p in signature.parameters.values()}
    given = [
        "1" if p == "axis" else "True" if p == "keepdims" else repr(defaults[p]) for p in places
    ]
    given = given[: places.index("keepdims") + 1]
    return (
        f"np.{name}(x, {', '.join(given[1:])})"
        if not method
        else f"x.{name}({', '.join(given[1:])})"
    )


@pytest.mark.parametrize("method", [False, True])
@pytest.mark.parametrize("name", sorted(REDUCTIONS))
def test_keepdims_given_by_place_as_running_decides(name, method):
    """hostile21's CR16: ``e / np.sum(e, 1, None, None, True)`` keeps the axis (keepdims by
    place), and the division broadcasts; shapekit ignored it and reported the division."""
    if method and name in ("amax", "amin"):
        pytest.skip("arrays have no .amax() method")
    if method and name in ("all", "any"):
        pytest.skip("x.all(1, None, True) puts None in the dtype's place: NumPy's own order")
    call = _by_place(name, method)
    assert _as_running_decides(
        f"import numpy as np\nx = np.ones((3, 4))\ny = x / {call}\nz = y @ np.ones((4, 2))\n"
    )


def _folder(tmp_path, main: str) -> str:
    """A submission whose folder holds w.csv of shape (4, 3) and sub/w.csv of (3, 4)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "w.csv").write_text("1,2,3\n4,5,6\n7,8,9\n1,2,3\n")
    (tmp_path / "sub" / "w.csv").write_text("1,2,3,4\n5,6,7,8\n9,1,2,3\n")
    (tmp_path / "main.py").write_text(main)
    return str(tmp_path / "main.py")


@pytest.mark.parametrize(
    "moving",
    ["import os\nos.chdir('sub')", "from os import chdir\nchdir('sub')", "pass", "import os"],
)
def test_a_relative_path_after_the_working_directory_changes(tmp_path, moving):
    """hostile21's CR10: after ``os.chdir("sub")``, ``np.loadtxt("w.csv")`` reads sub/w.csv;
    shapekit read the one beside the file and rejected a correct file. A relative path is
    not known once the file changes its working directory."""
    path = _folder(
        tmp_path,
        f"import numpy as np\n{moving}\ninputs = np.ones((2, 4))\n"
        "weights = np.loadtxt('w.csv', delimiter=',')\ny = inputs @ weights.T\n",
    )
    ran = subprocess.run([sys.executable, path], cwd=tmp_path, capture_output=True)
    result = check_file(path, Expectations.parse(["y=2,3"]))
    assert (result.status == "failed") == (ran.returncode != 0), result


def test_a_module_in_a_package_reads_from_the_working_directory(tmp_path):
    """hostile21's CR09: pkg/data.py's ``np.loadtxt("w.csv")`` reads the w.csv of the folder
    the file runs in, not pkg/w.csv."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "data.py").write_text(
        "import numpy as np\nweights = np.loadtxt('w.csv', delimiter=',')\n"
    )
    (tmp_path / "pkg" / "w.csv").write_text("1,2,3\n4,5,6\n7,8,9\n1,2,3\n")
    (tmp_path / "w.csv").write_text("1,2,3,4\n5,6,7,8\n9,1,2,3\n")
    main = tmp_path / "main.py"
    main.write_text(
        "import numpy as np\nfrom pkg.data import weights\ninputs = np.ones((2, 4))\n"
        "y = inputs @ weights.T\n"
    )
    ran = subprocess.run([sys.executable, str(main)], cwd=tmp_path, capture_output=True)
    assert ran.returncode == 0
    assert check_file(str(main), Expectations.parse(["y=2,3"])).status == "passed"


def test_cd_in_a_notebook_leaves_a_relative_path_unknown(tmp_path):
    """hostile21's CR11: ``%cd sub`` (common in Colab) moves the working directory."""
    cells = [
        "import numpy as np\ninputs = np.ones((2, 4))",
        "%cd sub",
        "weights = np.loadtxt('w.csv', delimiter=',')\ny = inputs @ weights.T",
    ]
    _folder(tmp_path, "")
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": c} for c in cells]}))
    assert check_file(str(notebook), Expectations.parse(["y=2,3"])).status != "failed"


@pytest.mark.parametrize("shape", [(5, 3), (2, 3), (4, 6), (1, 3)])
@pytest.mark.parametrize(
    "line",
    [
        "y = e / np.sum(e, axis=1)",
        "y = e - np.max(e, axis=1)",
        "y = e / np.linalg.norm(e, axis=1)",
        "y = np.exp(e - e.max(axis=1))",
        "y = (e - e.mean(axis=1)) * 2",
    ],
)
def test_the_first_fix_keeps_the_shape_the_student_was_making(line, shape):
    """fresh23's FIX03: for a softmax without keepdims the first fix offered was
    ``e.T / np.sum(e, axis=1)``, which runs and gives the probabilities transposed; the one
    that keeps the rows, ``[:, None]``, came second."""
    source = f"import numpy as np\ne = np.ones({shape})\n{line}\n"
    problems = analyse([(None, source)]).problems
    if shape[0] == 1:  # (1, 3) with (1,): it broadcasts
        assert problems == []
        return
    (problem,) = problems
    fixed = source.replace(line.split(" = ", 1)[1], problem.fixes[0])
    namespace: dict[str, object] = {"np": np}
    exec(compile(fixed, "<test>", "exec", dont_inherit=True), namespace)
    assert np.shape(namespace["y"]) == shape, problem.fixes


@pytest.mark.parametrize(
    "parts",
    [
        "[np.full((2, 4), 0.5), np.ones((4, 2))]", "[np.ones((2, 4)), np.ones(4)]",
        "[np.ones(4), np.ones((2, 4)), np.ones((3, 4))]", "[np.ones((2, 4)), 1.5]",
        "[np.ones(3), np.ones(3), np.ones(3)]", "[np.ones((1, 3)), np.ones((2, 1))]",
        "list(np.ones((3, 4)))", "[x for x in np.ones((2, 3))]", "[np.ones(2), np.ones(3)]",
    ],
)  # fmt: skip
def test_the_builtin_sum_of_arrays_as_running_decides(parts):
    """fresh23's UNK02: ``sum([a, b])`` of (2, 4) and (4, 2) certainly raises NumPy's
    ValueError (0 + a + b broadcasts in turn); it was unknown."""
    assert _as_running_decides(f"import numpy as np\ny = sum({parts})\n")


@pytest.mark.parametrize("made", ["np.ones(3)", "np.zeros(3)", "np.random.rand(3)", "w @ w.T"])
@pytest.mark.parametrize(
    "test",
    [
        "x.any() and inputs",
        "x.all() or inputs",
        "x.sum() > 1 and inputs",
        "x.any() and x.all() and inputs",
    ],
)
def test_an_array_that_may_be_the_value_of_and_or_is_a_possible_problem(test, made):
    """fresh23's WP11: ``if outputs.any() and inputs:`` takes the truth of inputs whenever
    outputs.any() is true (NumPy's ValueError), which shapekit cannot know when the values
    of x are not: a possible problem at that line (the file passed). Since the twenty-first
    pass the values of np.ones and np.zeros are known: running fails on np.ones and runs on
    np.zeros, and so does the analysis, for certain."""
    source = (
        f"import numpy as np\nw = np.random.rand(3, 3)\nx = {made}\n"
        f"inputs = np.ones((2, 4))\nif {test}:\n    pass\n"
    )
    problems = analyse([(None, source)]).problems
    if made.startswith(("np.ones", "np.zeros")):
        reached = (made == "np.ones(3)") is not ("or" in test)  # `or` goes on when x is false
        assert (failing_line(source) == 5) is reached
        assert [(p.line, p.certain) for p in problems] == ([(5, True)] if reached else [])
    else:
        assert [(p.line, p.certain) for p in problems] == [(5, False)]


@pytest.mark.parametrize(
    "body",
    [
        "def f(x):\n    if (n := x.shape[0]) > 0:\n        pass\n    return np.ones((n, 3))\ny = f(np.ones((2, 4)))",
        "def f(x):\n    m = (n := x.shape[0])\n    return np.ones((n, 3))\ny = f(np.ones((2, 4)))",
        "def f(x):\n    [w := v for v in (x,)]\n    return w\ny = f(np.ones((2, 4)))",
        "def f(x):\n    while (k := 0) > 1:\n        pass\n    return np.ones(k + 1)\ny = f(np.ones(2))",
        "n = 5\ndef f(x):\n    global n\n    (n := 2)\nf(1)\ny = np.ones(n)",
        "n = 5\ndef f(x):\n    (n := 2)\nf(1)\ny = np.ones(n)",
        "y = [(t := v) for v in range(3)]\ny = np.ones(t)",
        "def g():\n    n = 1\n    def h():\n        nonlocal n\n        (n := 4)\n    h()\n    return np.ones(n)\ny = g()",
        "def f(x):\n    if (n := x.shape[0]) > 0:\n        pass\n    return x @ np.ones((n, 3))\ny = f(np.ones((2, 4)))",
        "class A:\n    def forward(self, x):\n        return np.ones((k := x.shape[1], k))\ny = A().forward(np.ones((2, 3)))",
    ],
)  # fmt: skip
def test_a_walrus_binds_where_its_code_runs(body):
    """hostile21's CR27/CR28: ``if (n := x.shape[0]) > 0:`` in a function bound n in the
    module, and reading n in the function was an UnboundLocalError (a correct file failed)."""
    assert _as_running_decides(f"import numpy as np\n{body}\n")


@pytest.mark.parametrize(
    "body",
    [
        "a = np.zeros(12)\nb = np.asarray(a)\nb.shape = (3, 4)\ny = a @ np.ones(4)",
        "a = np.zeros(12)\nb = np.asanyarray(a)\nb.shape = (3, 4)\ny = a.T @ np.ones(3)",
        "a = np.zeros(12)\nb = np.asarray(a)\nb = b.reshape(3, 4)\ny = a @ np.ones(12)",
        "a = np.zeros(12)\nb = np.asarray(a, dtype=int)\nb.shape = (3, 4)\ny = a @ np.ones(12)",
        "a = [1.0, 2.0]\nb = np.asarray(a)\nb.shape = (2, 1)\ny = np.array(a) @ np.ones(2)",
        "a = np.zeros(12)\nb = np.array(a)\nb.shape = (3, 4)\ny = a @ np.ones(12)",
    ],
)
def test_asarray_of_an_array_is_that_array(body):
    """hostile21's CR38: ``b = np.asarray(a); b.shape = (3, 4)`` reshapes ``a`` too (asarray
    of an array makes no copy); np.array(a), or another dtype, copies."""
    assert _as_running_decides(f"import numpy as np\n{body}\n")


@pytest.mark.parametrize(
    "body",
    [
        "p = np.array([1j, -1j, 1])\ny = np.ones(3) * p",
        "p = np.array([1j, -1j, 1])\ny = np.ones(4) * p",
        "p = np.array([[1j, 2], [3, 4]])\ny = p @ p.T",
        "p = np.array([[1j, 2], [3, 4]])\ny = p @ np.ones((3, 2))",
        "p = np.array([1j, 'a'])\ny = p * 2",
        "y = np.array([1j, 2]).real + np.ones(2)",
        "y = np.asarray([2 + 1j, 3]).reshape(2, 1) + np.ones(3)",
    ],
)
def test_complex_numbers_written_out_are_numbers(body):
    """hostile21's CR01: ``np.array([1j, -1j, 1])`` was taken for not numbers, and its
    arithmetic refused."""
    assert _as_running_decides(f"import numpy as np\n{body}\n")


_LAYER = "x = np.ones((2, 4))\nweights = np.ones((3, 4))\n"


@pytest.mark.parametrize(
    "body",
    [
        "w = weights.T\nclass Layer:\n    w = weights\n    f = lambda self: x @ w\ny = Layer().f()",
        "w = weights\nclass Layer:\n    w = weights.T\n    f = lambda self: x @ w\ny = Layer().f()",
        "def make():\n    w = weights.T\n    class L:\n        w = weights\n        def f(self):\n            return x @ w\n    return L().f()\ny = make()",
        "def make():\n    w = weights\n    class L:\n        w = weights.T\n        def f(self):\n            return x @ w\n    return L().f()\ny = make()",
        "def make():\n    w = weights\n    class L:\n        nonlocal w\n        w = weights.T\n    return x @ w\ny = make()",
        "def make():\n    w = weights.T\n    class L:\n        v = w\n    return x @ L.v\ny = make()",
        "class Layer:\n    w = weights.T\n    def f(self):\n        return x @ self.w\ny = Layer().f()",
    ],
)  # fmt: skip
def test_a_class_body_is_not_seen_by_its_functions_and_lambdas(body):
    """hostile21's CR18, CR19, CR21: a lambda in a class body read the class's w, where
    Python reads the module's; a method of a class made in a function did not see that
    function's names (a false NameError); `nonlocal` in such a class body was not applied."""
    assert _as_running_decides(f"import numpy as np\n{_LAYER}{body}\n")


def test_a_csv_with_a_byte_order_mark_is_said_and_fixed(tmp_path):
    """fresh23's MSG03: Excel's "CSV UTF-8" starts with a byte-order mark, and np.loadtxt
    reads it as part of the first number; the message named '\\ufeff1.0' with no hint."""
    (tmp_path / "inputs.csv").write_bytes(b"\xef\xbb\xbf1.0,2.0,3.0,4.0\n5.0,6.0,7.0,8.0\n")
    script = tmp_path / "main.py"
    script.write_text("import numpy as np\ninputs = np.loadtxt('inputs.csv', delimiter=',')\n")
    result = check_file(str(script), Expectations.parse(["inputs=2,4"]))
    (problem,) = result.problems
    assert "byte-order mark" in problem.message
    script.write_text(f"import numpy as np\ninputs = {problem.fixes[0]}\n")
    ran = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True)
    assert ran.returncode == 0
    assert check_file(str(script), Expectations.parse(["inputs=2,4"])).status == "passed"


@pytest.mark.parametrize("attr", ["tolist()", "item()", "round(2)", "cumsum()", "nonzero()", "T"])
@pytest.mark.parametrize(
    "made", ["[1.0, 2.0]", "(1.0, 2.0)", "2.5", "3", "np.ones(2).tolist() + [1.0]"]
)
def test_what_only_arrays_have_as_running_decides(made, attr):
    """fresh23's WP01: ``outputs.tolist()`` of a list (``(x @ w.T).tolist() + biases``) is
    Python's AttributeError; it passed."""
    assert _as_running_decides(f"import numpy as np\nv = {made}\ny = v.{attr}\n")


@pytest.mark.parametrize("reads", [1, 2, 3])
@pytest.mark.parametrize(
    "made",
    ["iter(x)", "iter([1, 2])", "zip(x, x)", "(r for r in x)", "map(len, x)", "enumerate(x)"],
)
def test_next_past_the_last_item_as_running_decides(made, reads):
    """fresh23's WP03: a third next() of an iterator over two rows is StopIteration."""
    nexts = "\n".join(f"v{k} = next(it)" for k in range(reads))
    assert _as_running_decides(
        f"import numpy as np\nx = np.ones((2, 3))\nit = {made}\n{nexts}\ny = x\n"
    )


@pytest.mark.parametrize(
    "call",
    [
        'np.array([1, 2, 3], "flaot32")', 'np.array([1, 2, 3], "float32")',
        'np.sum(np.ones((2, 3)), 1, "x")', "np.sum(np.ones((2, 3)), 1, float)",
        'np.zeros(3, "in8")', 'np.zeros(3, "int8")', 'np.ones((2, 2), "bool")',
        'np.reshape(np.ones((2, 3)), (3, 2), "Q")', 'np.reshape(np.ones((2, 3)), (3, 2), "F")',
        'np.mean(np.ones((2, 3)), 0, "flot")', 'np.full(3, 2.0, "float64")',
    ],
)  # fmt: skip
def test_a_dtype_or_order_given_by_place_as_running_decides(call):
    """hostile21's WP03, WP04: ``np.array(x, "flaot32")`` and ``np.sum(a, 1, "x")`` raise
    NumPy's TypeError as the keyword forms do; they passed."""
    assert _as_running_decides(f"import numpy as np\ny = {call}\n")


@pytest.mark.parametrize(
    "call",
    [
        "np.round(x, 1.5)", "np.round(x, decimals=1.5)", "x.round(1.5)", "np.around(x, 1.0)",
        "np.round(x, 2)", "x.round(2)", "np.sum(x, axis=[0, 1])", "np.mean(x, axis=[0])",
        "x.sum(axis=[0, 1])", "np.max(x, [0])", "np.sum(x, (0, 1))", "np.sum(x, 1.0)",
        "x.max(1.0)", "x.sum(0)", "np.exp(x, np.ones(3))", "np.exp(x, np.ones((2, 3)))",
        "np.sqrt(x, np.ones((1, 3)))", "np.exp(x, out=np.ones(3))",
    ],
)  # fmt: skip
def test_values_numpy_refuses_given_by_place_or_keyword(call):
    """hostile21's WP06, WP08, WP27: ``np.round(x, 1.5)`` (decimals must be whole),
    ``np.sum(x, axis=[0, 1])`` (a list is no axis) and ``np.exp(x, buffer)`` with a buffer of
    another shape (the second place is out=) raise as running does; they passed."""
    assert _as_running_decides(f"import numpy as np\nx = np.ones((2, 3))\ny = {call}\n")


@pytest.mark.parametrize(
    "body",
    [
        "w = weights.T\nclass Layer:\n    w = weights\n    outs = [x @ w for _ in range(1)]\ny = Layer.outs[0]",
        "class Layer:\n    w = weights.T\n    outs = [x @ w for _ in range(1)]\ny = x",
        "class Layer:\n    ws = [weights.T, weights.T]\n    outs = [x @ v for v in ws]\ny = Layer.outs[1]",
        "class Layer:\n    n = 2\n    rows = [np.ones(n) for _ in range(3)]\ny = x",
        "n = 3\nclass Layer:\n    n = 2\n    rows = [np.ones(n) for _ in range(n)]\ny = np.array(Layer.rows)",
        "def make():\n    w = weights.T\n    class L:\n        w = weights\n        outs = [x @ w for _ in range(1)]\n    return L.outs[0]\ny = make()",
    ],
)  # fmt: skip
def test_a_comprehension_in_a_class_body_does_not_see_the_class(body):
    """hostile21's CR17, WP26: a comprehension in a class body runs as a function of its
    own; only its first iterable is read in the class. It read the class's w (a correct file
    rejected), or passed where running raises the NameError."""
    assert _as_running_decides(f"import numpy as np\n{_LAYER}{body}\n")


@pytest.mark.parametrize(
    "body",
    [
        "np.sort(np.array([1, None]))", 'np.cumsum(np.array(["a"]))', 'np.abs(np.array(["a"]))',
        "np.floor(np.array([1, None]))", "np.squeeze(np.ones((3, 1)))", "np.concatenate([])",
        "np.tile(np.ones(2), 2)",
    ],
)  # fmt: skip
def test_a_try_body_on_text_or_objects_may_raise(body):
    """A try body that makes an array of text or of Python objects may raise what shapekit
    does not follow (NumPy refuses to sort None among numbers): its handler may run, and the
    line after it was a correct file's certain problem."""
    _as_running_decides(
        f"import numpy as np\ntry:\n    v = {body}\nexcept Exception:\n    v = np.ones(5)\n"
        "y = v + np.ones(5)\n"
    )


_FIELDS = 'np.array([(1, 2.0), (0, 1.0)], dtype=[("x", int), ("y", float)])'


@pytest.mark.parametrize(
    "call",
    [
        "np.expand_dims(x, [0, 1])", "np.expand_dims(x, axis=[0])", "np.flip(x, [0])",
        "np.flip(x, axis=[0, 1])", "np.roll(x, [1, 1], [0, 1])", "np.average(x, [0, 1])",
        "np.percentile(x, 50, [0, 1])", "np.quantile(x, 0.5, axis=[0, 1])",
        "np.sum(x, axis=[0, 1])", "x.max(axis=[0])", f"np.sort({_FIELDS}, -1, None, 'y')",
        f"np.argsort({_FIELDS}, order='y')", "np.random.default_rng(0).integers(10).item()",
        "np.random.default_rng(0).integers(0, 10).round()", "np.random.randint(5).item()",
    ],
)  # fmt: skip
def test_what_the_review_found_as_running_decides(call):
    """A review of the session's changes: an axis as a list is refused by the reductions
    only (np.flip, np.expand_dims, np.percentile … take one); order= of sort names a field;
    Generator.integers gives a NumPy int, which has .item() and .round()."""
    _as_running_decides(f"import numpy as np\nx = np.ones((2, 3))\ny = {call}\n")


@pytest.mark.parametrize(
    "reading", ["list(rows(x))", "tuple(rows(x))", "sum(rows(x))", "sorted(rows(x), key=len)"]
)
@pytest.mark.parametrize(
    "body",
    [
        "for r in batch:\n        yield r @ w",
        "for r in batch:\n        yield r @ w.T",
        "for r in batch:\n        if r.sum() > 100:\n            yield r @ w\n        yield r",
        "yield batch[0]\n    yield batch @ w",
    ],
)  # fmt: skip
def test_a_generator_read_to_its_end_runs_its_body(body, reading):
    """fresh23's UNK01: ``list(rows(inputs))`` reads every item, so the ValueError in the
    generator's body certainly runs: a problem, not a possible one (the file was unknown).
    A problem in a branch of the body stays possible."""
    source = (
        f"import numpy as np\nx = np.ones((2, 4))\nw = np.ones((3, 4))\n"
        f"def rows(batch):\n    {body}\ny = {reading}\n"
    )
    line = failing_line(source)
    problems = analyse([(None, source)]).problems
    certain = [p.line for p in problems if p.certain]
    if line is None:
        assert certain == []
    elif "if r.sum()" not in body:
        assert certain[:1] == [line]
