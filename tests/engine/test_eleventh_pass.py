"""The eleventh pass: NumPy numbers used where a whole number goes, as running decides.

``n = np.sqrt(16)`` then ``np.zeros((n, 4))`` raises a TypeError whatever the value of
``n``: a NumPy float is never a dimension, a count or an index bound. Each program below
runs here, and running is the oracle; the analysis never runs it.
"""

from __future__ import annotations

import numpy as np
import pytest

from shapekit.engine.program import analyse
from tests.engine.test_fresh_eyes import (
    _raised,
    agrees_with_running,
    failing_line,
    fails_where_running_fails,
    known,
    ran,
    running_decides,
)

START = "x = np.zeros((6, 4))\nrng = np.random.default_rng(0)\n"

#: where a whole number goes: a shape, a count, a dimension of a reshape or a draw
USES = (
    "np.zeros((n, 2))",
    "np.ones(n)",
    "np.empty([n, 3])",
    "np.full((2, n), 1.0)",
    "x.reshape(n, -1)",
    "np.random.randn(n, 2)",
    "np.eye(n)",
    "np.identity(n)",
    "np.linspace(0, 1, n)",
)

#: NumPy floats (and arrays of 0 dimensions holding one): each use above raises a TypeError
NUMPY_FLOATS = (
    "np.sqrt(16)",
    "np.float64(3)",
    "np.float32(2)",
    "np.array(3.0)",
    "np.round(2.6)",
    "np.floor(2.5)",
    "np.ceil(2.5)",
    "np.sum(np.ones(3))",
    "x.sum()",
    "x.mean()",
    "np.mean([2, 4])",
    "np.array([3.0, 4.0])[0]",
    "np.int64(6) / 2",
    "x.shape[0] * np.float64(1)",
    "np.log2(8)",
    "np.exp(0)",
    "np.linalg.norm([3, 4])",
    "np.dot([1.0, 2], [1, 1])",
    "np.float64(3) // 1",
)

#: numbers that may or may not be followed: what is judged must be what running gives
OTHERS = (
    "np.int64(3)",
    "np.int32(2)",
    "np.array(3)",
    "np.sum([1, 2])",
    "np.prod((3, 4))",
    "np.max(x.shape)",
    "np.abs(-3)",
    "np.maximum(2, 3)",
    "np.power(2, 3)",
    "np.argmax([1, 5, 2])",
    "np.count_nonzero(x)",
    "np.size(x)",
    "x.size",
    "x.shape[0]",
    "len(x) // 2",
    "np.floor_divide(7, 2)",
    "np.array([3, 4])[0]",
    "int(np.sqrt(16))",
    "np.sqrt(16).astype(int)",
    "np.round(3)",
    "np.int64(6) // 2",
    "2 ** np.int64(2)",
    "np.dot([1, 2], [1, 1])",
    "np.trace(np.eye(3, dtype=int))",
    "np.trace(np.eye(3))",
    "np.median([1, 3])",
    "np.random.randint(1, 5)",
    "rng.integers(1, 5)",
    "np.ceil(2.5).astype(int)",
    "np.uint8(3)",
    "round(np.float64(2.6))",
    "np.sqrt(16).item()",
    "float(np.int64(3))",
    "x.argmax()",
    "np.clip(5, 0, 3)",
    "np.ones(3, int).sum()",
    "np.percentile([1, 2, 3], 50)",
    "np.hypot(3, 4)",
)


def _program(number: str, use: str) -> str:
    return START + f"n = {number}\ny = {use}\n"


@pytest.mark.parametrize("use", USES)
@pytest.mark.parametrize("number", NUMPY_FLOATS)
def test_a_numpy_float_where_a_whole_number_goes_is_the_type_error(number, use):
    running_decides(_program(number, use))


def _never_wrong(body: str) -> None:
    """What the analysis says of ``body`` is what running it does, or not said: no problem
    where running goes through, a problem only at the line and of the class running raises,
    and ``y`` either not known or of the shape running gives."""
    source = "import numpy as np\n" + body
    line = failing_line(source)
    problems = analyse([(None, source)]).problems
    if line is None:
        assert problems == []
        found = known(source, "y")
        assert found is None or found == np.shape(ran(source)["y"])
        return
    try:
        ran(source)
    except Exception as error:  # the class is the oracle too
        raised = {kind.__name__ for kind in type(error).__mro__}
    assert all(p.line == line and _raised(p.error) in raised for p in problems)
    if not problems:  # not reported: then y is not known either (it never gets a value)
        assert known(source, "y") is None


#: more uses, where a number of unknown value must not be judged either way (an index whose
#: value is not known is taken to be in range, as the reference says, so ``x[n]`` is not here)
MORE_USES = (
    "x[:n]",
    "x[:, :n]",
    "np.arange(n)",
    "list(range(n))",
    "[0] * n",
    "np.tile(x, n)",
    "np.repeat(x, n)",
    "np.split(x, n)",
    "np.array_split(x, n)",
    "np.expand_dims(x, n)",
    "x.sum(axis=n)",
    "np.random.rand(n)",
    "rng.normal(size=n)",
    "rng.random((n, 2))",
    "np.random.uniform(size=(n, 2))",
)


@pytest.mark.parametrize("use", [*USES, *MORE_USES])
@pytest.mark.parametrize("number", [*OTHERS, *NUMPY_FLOATS])
def test_other_numbers_where_a_whole_number_goes_are_never_judged_wrongly(number, use):
    _never_wrong(_program(number, use))


@pytest.mark.parametrize(
    "body",
    [
        "y = np.split(np.zeros((6, 4)), np.array(3))\n",
        "y = np.split(np.zeros((6, 4)), np.array(4))\n",
        "y = np.array_split(np.zeros((6, 4)), np.array(3))\n",
        "y = np.split(np.zeros((6, 4)), np.array(0))\n",  # a ValueError: no ZeroDivisionError
        "y = np.split(np.zeros((6, 4)), 0)\n",  # a ZeroDivisionError
        "y = np.split(np.zeros((6, 4)), np.array(-3))\n",
    ],
)
def test_a_numpy_number_splits_into_that_many_sections(body):
    """An array of 0 dimensions has no len(), so NumPy takes it for the number of sections,
    not for a place to cut at (before, np.split(x, np.array(3)) was cut at row 3: a made-up
    shape). Run as a script runs it: NumPy's RuntimeWarning for sections of 0 is printed,
    not raised (the test suite raises warnings)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        running_decides(body)


@pytest.mark.parametrize(
    "body",
    [
        "y = np.split(np.zeros((6, 4)), np.int64(2))\n",
        "y = np.array_split(np.zeros((7, 4)), np.sum([1, 2]))\n",
        "y = np.split(np.zeros((6, 4)), np.array([2]))\n",
        "y = np.split(np.zeros((6, 4)), [np.int64(2)])\n",
    ],
)
def test_a_split_by_numbers_of_unknown_value_is_never_judged_wrongly(body):
    _never_wrong(body)


def test_a_function_called_again_and_again_does_not_search_the_whole_text_each_time():
    """Whether the file has a walrus or a yield is looked for once per file, not at every call
    (a 1 MB file of 110,000 calls took 18 s for that alone; it takes 3 s now)."""
    searched: list[str] = []

    class Counted(str):
        def __contains__(self, part: object) -> bool:
            searched.append(str(part))
            return str.__contains__(self, part)

    source = Counted(
        "import numpy as np\ndef f(a):\n    return g(a)\ndef g(a):\n    return a.T\n"
        "x = np.zeros((3, 4))\n" + "x = f(x)\n" * 500
    )
    program = analyse([(None, source)])
    assert program.binding("x").shape == (3, 4)
    # each word once: a walrus, a yield, what changes the working directory (chdir, %cd),
    # a class (whose private names Python renames), a function of the file's that a call
    # may be handed (def, lambda), and np.dot (whose out= needs the arrays' float widths)
    assert len(searched) == len(set(searched)) <= 8


def _elif_chain(branches: int, condition: str) -> str:
    """An if/elif chain ``branches`` long (Python compiles one of a few thousand): the
    ``elif`` at index 5 makes ``y`` the transpose."""
    chain = "".join(f"elif k == {i}:\n    y = x.T\n" for i in range(1, branches))
    return f"x = np.zeros((3, 4))\nk = {condition}\nif k == 0:\n    y = x\n{chain}"


@pytest.mark.parametrize("branches", [50, 1_000, 2_000])
def test_a_long_elif_chain_is_followed_where_its_condition_is_known(branches):
    """1,000 branches used to be "nested too deeply to read": a correct file rejected."""
    agrees_with_running(_elif_chain(branches, "5"))


@pytest.mark.parametrize("branches", [50, 1_000, 2_000])
def test_a_long_elif_chain_of_unknown_condition_leaves_its_names_unknown(branches):
    """Not an internal error (Python's recursion limit, 1,000 branches deep)."""
    source = "import numpy as np\n" + _elif_chain(branches, "len(__import__('sys').argv)")
    assert failing_line(source) is None
    program = analyse([(None, source)])
    assert program.problems == []
    assert program.binding("x").shape == (3, 4)
    assert program.binding("y").status == "unknown"


def test_a_long_elif_chain_in_the_file_is_checked_as_running_decides(tmp_path):
    from shapekit.check.checker import Expectations, check_file

    path = tmp_path / "deep.py"
    path.write_text("import numpy as np\n" + _elif_chain(2_000, "5"))
    result = check_file(str(path), Expectations.parse(["x=3,4", "y=4,3"]))
    assert result.internal_error is None
    assert [(v.name, v.status) for v in result.variables] == [("x", "ok"), ("y", "ok")]


#: an array of 0 dimensions is assigned into with an index that takes no axis (``()``,
#: ``...``); a NumPy scalar never is; one element takes no list or array of more than one
#: number (how depends on the array's kind of number); a view drops an array's leading 1s
ZERO_D_MADE = ("np.array(0.0)", "np.array(2)", "np.zeros(())", "np.float64(1)", "x.sum()")
ZERO_D_INDEX = ("()", "...", "(...,)", "None", "(None, ...)", "0", ":", "-1", "(0,)", "1:")
ASSIGNED = ("5.0", "[1, 2]", "[1]", "np.ones(1)", "np.ones((1, 1))", "np.ones(2)")
ELEMENT_OF = ("np.zeros((3, 4))", "np.zeros((3, 4), int)", "np.zeros((3, 4), bool)")
ELEMENT_INDEX = ("0, 0", "0", "...", "0, ...", ":, 0", "-1, -1")
ELEMENT_VALUE = (*ASSIGNED, "(1, 2)", "[[1, 2, 3, 4]]", "np.ones((1, 4))", "[1, 2, 3, 4]")


@pytest.mark.parametrize(
    "body",
    [
        f"x = np.ones((3, 4))\nb = {made}\nb[{index}] {op} {value}\ny = b + np.zeros(3)\n"
        for made in ZERO_D_MADE
        for index in ZERO_D_INDEX
        for op, value in [*(("=", v) for v in ASSIGNED), ("+=", "1")]
    ]
    + [
        f"b = {made}\nb[{index}] = {value}\ny = b\n"
        for made in ELEMENT_OF
        for index in ELEMENT_INDEX
        for value in ELEMENT_VALUE
    ],
)
def test_assignment_into_an_array_of_0_dimensions_or_one_element_as_running_decides(body):
    """The fresh21 round: ``b0 = np.array(0.0); b0[()] = 5.0`` was refused as a NumPy
    scalar's, and ``mask[0, 0] = [1, 2]`` (a bool array) runs."""
    _never_wrong(body)


def test_an_array_of_python_objects_is_not_followed():
    """``np.empty(2, dtype=object)`` holds any object in each element: assigning arrays and
    lists into it runs, and what it holds is unknown (it was refused)."""
    source = (
        "import numpy as np\ncells = np.empty(2, dtype=object)\ncells[0] = np.ones((3, 4))\n"
        "cells[1] = [1, 2]\npair = np.zeros(2).astype(object)\n"
        "pair[:] = [np.ones((3, 4)), np.zeros(3)]\nw, b = pair\n"
    )
    assert failing_line(source) is None
    program = analyse([(None, source)])
    assert program.problems == []
    assert [program.binding(n).status for n in ("cells", "pair", "w", "b")] == ["unknown"] * 4


def _ends_as_running_does(body: str) -> None:
    """Running ``body`` runs through (``y`` as running gives it), exits with status 0 (no
    problem, and ``y`` is not known: it never gets a value), or fails (a problem at that
    line, an exit status other than 0 included)."""
    source = "import numpy as np\nimport sys\n" + body
    namespace: dict[str, object] = {"np": np}
    problems = analyse([(None, source)]).problems
    try:
        exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    except SystemExit as stop:
        if stop.code in (None, 0):
            assert problems == []
            assert known(source, "y") is None
        else:
            assert problems  # the file stops with a status that says it failed
        return
    except Exception:  # the line is the oracle
        assert [p.line for p in problems][:1] == [failing_line(source)]
        return
    assert problems == []
    assert known(source, "y") == np.shape(namespace["y"])


HANDLERS = (
    "sys.exit(0)",
    "sys.exit()",
    "raise SystemExit",
    "exit()",
    "sys.exit(1)",
    "sys.exit('bad')",
    "raise",
    "raise ValueError('again')",
    "pass",
    "y = x @ x",
)


@pytest.mark.parametrize("handler", HANDLERS)
@pytest.mark.parametrize(
    "shape",
    [
        "try:\n    z = x @ {t}\nexcept ValueError:\n    {h}\ny = np.zeros(9)\n",
        "def f():\n    try:\n        z = x @ {t}\n    except ValueError:\n        {h}\n"
        "    return np.zeros(4)\ny = f()\n",
        "try:\n    try:\n        z = x @ {t}\n    except ValueError:\n        {h}\n"
        "except BaseException:\n    pass\ny = np.zeros(7)\n",
        "try:\n    try:\n        z = x @ {t}\n    except ValueError:\n        {h}\n"
        "except ValueError:\n    pass\ny = np.zeros(7)\n",
        "for i in range(2):\n    try:\n        z = x @ {t}\n    except ValueError:\n        {h}\n"
        "y = np.zeros(2)\n",
    ],
)
@pytest.mark.parametrize("fails", [True, False])
def test_a_handler_that_exits_or_raises_ends_the_file_as_running_does(shape, handler, fails):
    """The fresh21 round: ``sys.exit(0)`` in the handler of a body that always fails ended
    nothing, so the lines after it were judged; and an error raised again in a handler and
    caught by an outer try was still reported."""
    body = "x = np.ones((3, 4))\n" + shape.format(t="x" if fails else "x.T", h=handler)
    _ends_as_running_does(body)


@pytest.mark.parametrize("beside", ["random", "typing", "struct", "numbers"])
def test_a_module_of_pythons_own_that_numpy_needs_shadowed_beside_the_file(tmp_path, beside):
    """The fresh21 round: a ``random.py`` in the student's folder is imported in place of
    Python's ``random``, and ``np.random.rand`` fails when the file runs (``typing.py`` makes
    ``import numpy`` itself fail). What NumPy gives is then unknown, not a shape."""
    import subprocess
    import sys

    from shapekit.check.checker import Expectations, check_file

    (tmp_path / f"{beside}.py").write_text("x = 1\n")
    submission = tmp_path / "submission.py"
    submission.write_text("import numpy as np\ninputs = np.random.rand(3, 4)\nprint('ran')\n")
    ran = subprocess.run(
        [sys.executable, submission.name], cwd=tmp_path, capture_output=True, text=True
    )
    assert ran.returncode != 0 and "ran" not in ran.stdout  # running fails
    result = check_file(str(submission), Expectations.parse(["inputs=3,4"]))
    (variable,) = result.variables
    assert variable.status == "unknown"
    assert f"{beside}.py beside the checked file" in variable.message


@pytest.mark.parametrize(
    "expression",
    [
        "x.shpae",
        "x.reshpe(4, 3)",
        "x.lenght",
        "x.ptp(axis=0)",
        "x.itemset(0, 1)",
        "x.tostring()",
        "x.newbyteorder()",
        "x.sum().ptp()",
        "x.T.trnspose()",
        "x[0].appendd(1)",
    ],
)
def test_an_attribute_a_numpy_array_does_not_have_is_the_attribute_error(expression):
    """The fresh21 round (``x.ptp()``, removed in NumPy 2) and slips of the keyboard
    (``x.shpae``): running raises an AttributeError at that line; they were not reported."""
    fails_where_running_fails(f"x = np.ones((3, 4))\ny = {expression}\n", "AttributeError")


@pytest.mark.parametrize(
    "expression",
    [
        "x.shape",
        "x.T.shape",
        "x.mT",
        "x.flat",
        "x.ctypes",
        "x.device",
        "x.sum().is_integer()",
        "x.sum().hex()",
        "np.float64(2).as_integer_ratio()",
        "np.array(2.0).is_integer()",
        "x.sum().real",
        "x.itemsize",
        "x.strides",
        "x.base",
    ],
)
def test_an_attribute_a_numpy_array_has_is_not_refused(expression):
    _never_wrong(f"x = np.ones((3, 4))\ny = {expression}\n")


#: the fresh21 round's wrong files that passed: each runs, or fails at its line, as NumPy does
DECIDED_BY_VALUES = [
    # booleans subtracted, whatever the other side is written as
    "m = np.ones((3, 4)) > 0\nm -= True\ny = m\n",
    "y = True - (np.ones(3) > 0)\n",
    "y = (np.ones(4) > 0) - [True, False, True, True]\n",
    "y = (np.ones(4) > 0) - 1\n",
    # whole numbers to a negative whole power
    "y = np.arange(1, 4) ** -1\n",
    "y = np.arange(1, 4) ** -1.0\n",
    "y = 2 ** np.arange(-1, 3)\n",
    "y = 2 ** np.arange(0, 3)\n",
    "y = np.ones(3, int) ** np.array([-1])\n",
    # ~, &, | and ^ of floats, - and + of booleans
    "y = -(np.ones(3) > 0)\n",
    "y = +(np.ones(3) > 0)\n",
    "y = -np.array(True)\n",
    "y = -np.ones(3, int)\n",
    "y = ~1.5\n",
    "y = ~np.ones(3)\n",
    "y = (np.ones((3, 4)) > 0) & 1.5\n",
    "y = np.ones(3) | (np.ones(3) > 0)\n",
    "y = 2.0 ^ np.arange(3)\n",
    "y = ~(np.ones(3) > 0)\n",
    "y = ~np.arange(3)\n",
    # random draws that can never be made
    "y = np.random.normal(0, -0.1, size=(3, 4))\n",
    "y = np.random.normal(0, 0, 3)\n",
    "y = np.random.default_rng(0).normal(0, -1, 3)\n",
    "y = np.random.lognormal(0, -1, 3)\n",
    "y = np.random.randint(0, 0, size=3)\n",
    "y = np.random.randint(0, size=3)\n",
    "y = np.random.randint(5, size=3)\n",
    "y = np.random.randint(-5, 0, size=3)\n",
    "y = np.random.default_rng(0).integers(5, 5, size=3)\n",
    "y = np.random.default_rng(0).integers(5, 5, size=3, endpoint=True)\n",
    "y = np.random.binomial(-1, 0.5, 3)\n",
    "y = np.random.choice(np.ones((3, 4)), size=2)\n",
    "y = np.random.choice(np.ones(4), size=2)\n",
    # NumPy 2's copy=False: never copy, and a list must be copied
    "y = np.array([[1, 2.5], [2.0, 5.0]], copy=False)\n",
    "y = np.asarray([1.0, 2.0], copy=False)\n",
    "y = np.array(np.ones((3, 4)), copy=False)\n",
    "y = np.array([1.0, 2.0], copy=True)\n",
    # text into an array of numbers: read as float() or int() reads it
    'y = np.zeros(3)\ny[0] = "two"\n',
    'y = np.zeros(3)\ny[0] = " 2.5 "\n',
    'y = np.zeros(3, int)\ny[0] = "2.0"\n',
    'y = np.zeros(3, int)\ny[1:] = "2"\n',
    'y = np.zeros((3, 4))\ny[0] = ""\n',
    'y = np.zeros(3, bool)\ny[0] = "a"\n',
]


@pytest.mark.parametrize("body", DECIDED_BY_VALUES)
def test_values_written_out_decide_as_running_does(body):
    running_decides(body)


@pytest.mark.parametrize("q", ["50", "150", "-1", "[25, 75]", "[50, 101]", "0.5", "1.5"])
@pytest.mark.parametrize("function", ["percentile", "quantile", "nanpercentile"])
@pytest.mark.parametrize("rest", ["", ", axis=0", ", axis=1, keepdims=True", ", axis=(0, 1)"])
def test_percentile_and_quantile_as_running_decides(function, q, rest):
    """Followed now (they were unknown), with q out of its range NumPy's ValueError."""
    running_decides(f"x = np.arange(12.0).reshape(3, 4)\ny = np.{function}(x, {q}{rest})\n")


@pytest.mark.parametrize("op", ["&", "|", "^", "<<", ">>"])
@pytest.mark.parametrize(
    "left", ["(x > 0)", "x", "np.arange(4)", "np.ones((3, 1), bool)", "True", "3", "1.5"]
)
@pytest.mark.parametrize(
    "right", ["(x < 1)", "np.ones(4, int)", "np.ones(3, int)", "True", "2", "1.5", "(x > 0).T"]
)
def test_bit_operators_as_running_decides(left, op, right):
    """Followed now, element by element (they were unknown): ``(x > 0) & (x < 1)`` is a mask
    of x's shape; with a float among them NumPy's (or Python's) TypeError (the fresh21
    round's ``(inputs > 0) & 1.5`` passed)."""
    running_decides(f"x = np.ones((3, 4))\ny = {left} {op} {right}\n")


EXITS = ("sys.exit(0)", "sys.exit(2)", "raise SystemExit", "exit()", "leave()")
CATCHING = (
    "except SystemExit:\n    pass",
    "except BaseException:\n    pass",
    "except:\n    pass",
    "except ValueError:\n    pass",
    "except Exception:\n    pass",
    "except KeyboardInterrupt:\n    pass",
    "except E:\n    pass",
    "except ERRS:\n    pass",
    "except BASE:\n    pass",
    "finally:\n    pass",
)


@pytest.mark.parametrize("catching", CATCHING)
@pytest.mark.parametrize("leaving", EXITS)
def test_an_exit_in_a_try_body_ends_the_file_unless_a_handler_catches_it(leaving, catching):
    """The hostile19 round: ``try: sys.exit(0)`` with ``except Exception:`` (which does not
    catch SystemExit) ended nothing, and the failing line after it was reported; a class of
    the file's own never catches SystemExit either."""
    body = (
        "x = np.ones((3, 4))\nclass E(Exception):\n    pass\nERRS = (ValueError, Exception)\n"
        "BASE = (ValueError, BaseException)\ndef leave():\n    sys.exit(0)\n"
        f"try:\n    {leaving}\n{catching}\ny = x @ x\n"
    )
    _ends_as_running_does(body)


@pytest.mark.parametrize("leaving", EXITS)
def test_an_exit_in_the_else_of_a_try_is_not_caught_by_its_handlers(leaving):
    body = (
        "x = np.ones((3, 4))\ndef leave():\n    sys.exit(0)\n"
        f"try:\n    pass\nexcept SystemExit:\n    pass\nelse:\n    {leaving}\ny = x @ x\n"
    )
    _ends_as_running_does(body)


def test_a_long_elif_chain_in_a_file_python_s_compiler_is_asked_about(tmp_path):
    """With ``global`` in it, Python's compiler is asked about the file (see pysource), and
    its syntax tree 1,000 ``elif`` deep was too deep to hand back: "nested too deeply to
    read", a correct file rejected. Its text is compiled instead, as Python runs it."""
    import subprocess
    import sys

    from shapekit.check.checker import Expectations, check_file

    chain = "".join(f"    elif k == {i}:\n        biases = biases + {i}\n" for i in range(1, 1000))
    path = tmp_path / "deep.py"
    path.write_text(
        "import numpy as np\nbiases = np.zeros(3)\ndef f(k):\n    global biases\n"
        f"    if k == 0:\n        biases = biases + 1\n{chain}f(5)\n"
    )
    assert subprocess.run([sys.executable, str(path)], capture_output=True).returncode == 0
    result = check_file(str(path), Expectations.parse(["biases=3"]))
    assert result.internal_error is None
    assert [(v.name, v.status) for v in result.variables] == [("biases", "ok")]


@pytest.mark.parametrize(
    ("expression", "fixed"),
    [
        ("x.shpae", ["x.shape"]),
        ("x.reshpe(4, 3)", ["x.reshape(4, 3)"]),
        ("x.T.reshpe(4, 3)", ["x.T.reshape(4, 3)"]),
        ("x.transpos()", ["x.transpose()"]),
        ("x.itemset((0, 0), 1)", []),  # not x.itemsize(...): a number, never called
    ],
)
def test_the_attribute_meant_is_a_method_only_where_one_is_called(expression, fixed):
    """The hostile19 round: ``x.itemset((0, 0), 1)`` was offered ``x.itemsize((0, 0), 1)``,
    which calls a number (a TypeError). Each fix offered runs."""
    source = f"import numpy as np\nx = np.ones((3, 4))\ny = {expression}\n"
    (problem,) = analyse([(None, source)]).problems
    assert problem.fixes == fixed
    for fix in fixed:
        ran(source.replace(expression, fix))


@pytest.mark.parametrize("k", [5, 150, 999, 2_000])
@pytest.mark.parametrize("fails", [True, False])
def test_the_branch_an_elif_chain_takes_is_judged_however_deep(k, fails):
    """The hostile19 round: branch 150 of a chain failed when run, and shapekit passed the
    file (each elif went one block deeper, past the 100 followed). An elif whose condition
    is known is now followed where it stands."""
    taken = "y = x @ x" if fails else "y = x.T @ x"
    chain = "".join(
        f"elif k == {i}:\n    {taken if i == k else 'y = x.T'}\n" for i in range(1, 1_000)
    )
    running_decides(
        f"x = np.ones((3, 4))\nk = {k}\nif k == 0:\n    y = x\n{chain}else:\n    y = x\n"
    )
