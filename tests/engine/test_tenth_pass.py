"""The tenth pass over ways students write the exercise that ``check`` did not follow.

Each program runs here: running it is the oracle (the shape it leaves in ``y``, or the line
and the class of the error it raises); the analysis never runs it.
"""

from __future__ import annotations

import ast

import pytest

from shapekit.check.readers.pysource import parse
from shapekit.errors import InputError
from tests.engine.test_fresh_eyes import agrees_with_running, fails_where_running_fails

#: programs that run through: ``y`` has the shape running gives, and no problem is reported
TENTH_RUNS = {
    "map-float-over-rows": (
        "rows = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]\n"
        "y = np.array([list(map(float, r)) for r in rows])\n"
    ),
    "map-float-over-text": "y = np.array(list(map(float, ['1.5', '2', '-3e2'])))\n",
    "map-len-of-rows": "y = list(map(len, [[1, 2], [3, 4, 5], []]))\n",
    "map-sum-of-rows": "y = np.array(list(map(sum, [[1, 2], [3, 4], [5, 6]])))\n",
    "map-math-exp": "import math\ny = np.array(list(map(math.exp, [0.0, 1.0, 2.0])))\n",
    "map-np-array-of-rows": "y = np.stack(list(map(np.array, [[1, 2], [3, 4]])))\n",
    "map-two-iterables": "y = list(map(max, [1, 5, 3], [4, 2, 6]))\n",
    "map-tuple-of-rows": "y = np.array(tuple(map(tuple, [[1, 2, 3], [4, 5, 6]])))\n",
    "map-int-of-floats": "y = list(map(int, [1.7, 2.2, -3.9]))\n",
    "lru-cache-plain": (
        "from functools import lru_cache\n"
        "@lru_cache\ndef make(n):\n    return np.ones((n, 4))\n"
        "y = make(3) @ make(3).T\n"
    ),
    "lru-cache-maxsize": (
        "import functools\n"
        "@functools.lru_cache(maxsize=None)\ndef layer(n_in, n_out):\n"
        "    return np.zeros((n_in, n_out))\n"
        "y = np.ones((2, 4)) @ layer(4, 3)\n"
    ),
    "cache-with-a-tuple-argument": (
        "from functools import cache\n"
        "@cache\ndef table(shape):\n    return np.zeros(shape)\n"
        "y = table((3, 4)) + np.ones(4)\n"
    ),
    "lru-cache-positional-size": (
        "from functools import lru_cache\n"
        "@lru_cache(64)\ndef bias(n):\n    return np.zeros(n)\n"
        "y = np.ones((3, 3)) + bias(3)\n"
    ),
    "named-tuple-unpacked": (
        "from typing import NamedTuple\n"
        "class Layer(NamedTuple):\n    weights: np.ndarray\n    biases: np.ndarray\n"
        "weights, biases = Layer(np.ones((3, 4)), np.zeros(3))\n"
        "y = np.ones((2, 4)) @ weights.T + biases\n"
    ),
    "named-tuple-iterated": (
        "from typing import NamedTuple\n"
        "class Params(NamedTuple):\n    w: np.ndarray\n    b: np.ndarray\n"
        "y = [p.ndim for p in Params(np.ones((3, 4)), np.zeros(3))]\n"
    ),
    "named-tuple-starred": (
        "from typing import NamedTuple\n"
        "class Params(NamedTuple):\n    w: np.ndarray\n    b: np.ndarray\n"
        "def dense(x, w, b):\n    return x @ w.T + b\n"
        "y = dense(np.ones((5, 4)), *Params(np.ones((3, 4)), np.zeros(3)))\n"
    ),
    # the seventh session's: not followed then (unknown), followed now
    "match-capture": (
        "y = np.ones((2, 3))\nmatch np.ones((5, 5)):\n    case y:\n        pass\nz = y @ y\n"
    ),
    "match-sequence-capture": (
        "y = np.ones((2, 3))\nmatch [np.ones((5, 5)), 1]:\n    case [y, 1]:\n        pass\n"
        "z = y @ y\n"
    ),
    "match-on-the-shape": (
        "x = np.ones((3, 4))\nmatch x.shape:\n    case (3, 4):\n        y = x.T\n"
        "    case _:\n        y = x\n"
    ),
    "match-a-string-with-or": (
        "x = np.ones((3, 4))\nmode = 'leaky'\nmatch mode:\n    case 'sigmoid':\n"
        "        y = 1 / (1 + np.exp(-x))\n    case 'relu' | 'leaky':\n"
        "        y = np.maximum(0.1 * x, x)[:2]\n"
    ),
    "match-captures-the-rest": (
        "layers = [np.ones((3, 4)), np.ones((4, 5)), np.ones((5, 2))]\n"
        "match layers:\n    case [first, *rest]:\n        y = first @ rest[0] @ rest[1]\n"
    ),
    "match-guard-false-then-the-next-case": (
        "x = np.ones((3, 4))\nmatch x.shape:\n    case (rows, cols) if rows > 5:\n"
        "        y = x @ x\n    case (rows, cols):\n        y = np.zeros((rows, cols + 1))\n"
    ),
    "match-no-case-matches": (
        "y = np.ones((2, 2))\nmatch 'tanh':\n    case 'relu':\n        y = y @ np.ones(5)\n"
    ),
    "match-an-array-is-not-a-sequence": (
        "match np.ones(2):\n    case (a, b):\n        y = np.ones(5)\n    case _:\n"
        "        y = np.ones(2)\n"
    ),
    "match-a-float-equals-an-int": (
        "match 1.0:\n    case 1:\n        y = np.ones(3)\n    case _:\n        y = np.ones(4)\n"
    ),
    "match-a-string-is-not-a-sequence": (
        "match 'ab':\n    case (a, b):\n        y = np.ones(5)\n    case _:\n"
        "        y = np.ones(2)\n"
    ),
    "match-too-short-for-the-pattern": (
        "match [1, 2]:\n    case [a, b, c, *rest]:\n        y = np.ones(5)\n    case [a, *rest]:\n"
        "        y = np.ones((a, len(rest)))\n"
    ),
}

#: programs that stop: the one problem reported is at the line running stops at, with the
#: class of the error it raises
TENTH_FAILS = {
    "lru-cache-given-a-list": (
        "from functools import lru_cache\n"
        "@lru_cache(maxsize=None)\ndef layer(w):\n    return np.array(w).T\n"
        "y = layer([[1.0, 2.0], [3.0, 4.0]])\n",
        "TypeError",
    ),
    "cache-given-an-array": (
        "import functools\n"
        "@functools.cache\ndef forward(x):\n    return x * 2\n"
        "y = forward(np.ones((3, 4)))\n",
        "TypeError",
    ),
    "cache-given-a-tuple-holding-a-list": (
        "from functools import cache\n@cache\ndef f(pair):\n    return pair\ny = f((1, [2, 3]))\n",
        "TypeError",
    ),
    "cache-given-a-list-by-keyword": (
        "from functools import cache\n"
        "@cache\ndef f(n, rows=()):\n    return n\n"
        "y = f(3, rows=[1, 2])\n",
        "TypeError",
    ),
    "named-tuple-unpacked-into-too-many": (
        "from typing import NamedTuple\n"
        "class Layer(NamedTuple):\n    weights: np.ndarray\n    biases: np.ndarray\n"
        "w, b, extra = Layer(np.ones((3, 4)), np.zeros(3))\ny = w\n",
        "ValueError",
    ),
    "named-tuple-fields-mismatched-after-unpacking": (
        "from typing import NamedTuple\n"
        "class Layer(NamedTuple):\n    weights: np.ndarray\n    biases: np.ndarray\n"
        "biases, weights = Layer(np.ones((3, 4)), np.zeros(3))\n"
        "y = np.ones((2, 4)) @ weights.T + biases\n",
        "ValueError",
    ),
    "match-the-case-that-runs-fails": (
        "x = np.ones((3, 4))\nmatch x.shape:\n    case (1, 1):\n        y = x\n"
        "    case (rows, cols):\n        y = x @ x\n",
        "ValueError",
    ),
    "match-the-guard-decides": (
        "x = np.ones((3, 4))\nmatch x.shape:\n    case (rows, cols) if rows < cols:\n"
        "        y = x @ np.ones((3, 2))\n    case _:\n        y = x\n",
        "ValueError",
    ),
}


@pytest.mark.parametrize("name", sorted(TENTH_RUNS))
def test_tenth_pass_runs(name):
    agrees_with_running(TENTH_RUNS[name])


@pytest.mark.parametrize("name", sorted(TENTH_FAILS))
def test_tenth_pass_fails(name):
    fails_where_running_fails(*TENTH_FAILS[name])


def test_a_cached_function_given_a_list_says_what_python_says():
    error = fails_where_running_fails(*TENTH_FAILS["lru-cache-given-a-list"])
    assert "unhashable type: 'list'" in str(error)
    from shapekit.engine.program import analyse

    source = "import numpy as np\n" + TENTH_FAILS["cache-given-an-array"][0]
    message = str(analyse([(None, source)]).problems[0].error)
    assert "unhashable type: 'numpy.ndarray'" in message
    assert "@functools.cache" in message


#: a keyword given twice: Python's compiler refuses the whole file (the parser takes it)
REPEATED = {
    "one-call": "import numpy as np\ny = np.sum(np.ones(3), axis=0, axis=0)\n",
    "two-calls-the-first-is-named": (
        "def f(**k):\n    return k\na = f(x=1, x=2)\nb = f(y=1, y=2)\n"
    ),
    "nested-deeper-but-earlier": "a = f(g(h(k=1, k=2)))\nb = f(j=1, j=2)\n",
    "class-keywords": "class A(object, metaclass=type, metaclass=type):\n    pass\n",
    "in-a-function-never-called": "def f():\n    return dict(\n        a=1,\n        a=2)\n",
    "spread-over-lines": "x = dict(a=1,\n         b=2,\n         a=3)\n",
}

#: the same name given as a keyword in different calls, or after ** : Python runs these
NOT_REPEATED = {
    "two-calls": "a = dict(x=1)\nb = dict(x=2)\n",
    "assignment-and-keyword": "x = 1\ny = dict(x=2)\n",
    "comparison": "y = (1, 2 == 2, 2 == 3)\n",
    "double-star": "k = {'a': 1}\ny = dict(**k, b=2)\nz = dict(**k, c=1)\n",
    "default-and-call": "def f(a=1):\n    return a\ny = f(a=2)\n",
}


@pytest.mark.parametrize("name", sorted(REPEATED))
def test_a_repeated_keyword_is_the_syntax_error_python_reports(name):
    text = REPEATED[name]
    with pytest.raises(SyntaxError) as compiled:
        compile(text, "<test>", "exec")
    with pytest.raises(InputError) as read:
        parse(text, "a.py")
    assert read.value.kind == "syntax"
    assert (read.value.line, read.value.column) == (compiled.value.lineno, compiled.value.offset)
    assert compiled.value.msg in str(read.value)


@pytest.mark.parametrize("name", sorted(NOT_REPEATED))
def test_a_keyword_used_in_several_calls_is_not_an_error(name):
    text = NOT_REPEATED[name]
    compile(text, "<test>", "exec")  # Python takes it
    assert isinstance(parse(text, "a.py"), ast.Module)


def test_a_match_whose_case_is_not_known_leaves_its_names_unknown():
    from shapekit.engine.program import analyse

    source = (
        "import numpy as np\nx = np.ones((3, 4))\nmatch x:\n    case np.ndarray():\n"
        "        y = x.T\n    case _:\n        y = x\n"
    )
    assert analyse([(None, source)]).binding("y").status == "unknown"


def test_a_name_assigned_in_a_match_before_the_file_stops_keeps_its_value():
    """Running stops after the match: what its case assigned is there (it was reported as
    never getting a value, since the names a match assigns were not looked for)."""
    from shapekit.engine.program import analyse

    for case in ("case (3, 4)", "case (r, c)", "case _"):
        source = (
            f"import numpy as np\nx = np.ones((3, 4))\nmatch x.shape:\n    {case}:\n"
            "        out = x @ x.T\nbad = x @ x\n"
        )
        program = analyse([(None, source)])
        assert program.binding("out").shape == (3, 3)
        assert [p.line for p in program.problems] == [6]
