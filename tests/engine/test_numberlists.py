"""Lists of numbers read ahead of Python's parser (``shapekit.engine._numberlists``).

Python is the oracle twice: the tree must be exactly the one :func:`ast.parse` gives (every
node and every position, ``ast.dump(..., include_attributes=True)``) or the same syntax error,
and the values read ahead must be what :func:`ast.literal_eval` and NumPy make of the text.
"""

from __future__ import annotations

import ast
import json
import random
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shapekit.engine._numberlists import NumberList, parse
from shapekit.engine.program import analyse

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))


def parsed_by_python(text: str) -> str | tuple[str, int | None, int | None]:
    try:
        return ast.dump(ast.parse(text, filename="<input>"), include_attributes=True)
    except SyntaxError as error:
        return (error.msg, error.lineno, error.offset)
    except ValueError as error:  # a number of more digits than int() converts
        return (str(error), None, None)


def parsed_ahead(text: str) -> str | tuple[str, int | None, int | None]:
    try:
        return ast.dump(parse(text, "<input>"), include_attributes=True)
    except SyntaxError as error:
        return (error.msg, error.lineno, error.offset)
    except ValueError as error:
        return (str(error), None, None)


def read_ahead(text: str) -> list[NumberList]:
    tree = parse(text)
    found = []
    stack: list[object] = [tree]
    while stack:  # without reading the elements of a list read ahead (that makes them)
        node = stack.pop()
        if type(node) is NumberList:
            found.append(node)
            continue
        for name in getattr(node, "_fields", ()):
            value = getattr(node, name, None)
            stack.extend(value if isinstance(value, list) else [value])
    return found


def corpus_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((HERE / "corpus").iterdir()):
        if path.suffix == ".py":
            texts.append((path.name, path.read_text(encoding="utf-8")))
        elif path.suffix == ".ipynb":
            for number, cell in enumerate(json.loads(path.read_text())["cells"]):
                if cell["cell_type"] == "code":
                    texts.append((f"{path.name}[{number}]", "".join(cell["source"])))
    return texts


CORPUS = corpus_texts()


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[n for n, _ in CORPUS])
def test_every_corpus_file_parses_to_the_tree_python_makes(name, text):
    assert parsed_ahead(text) == parsed_by_python(text)


def test_the_benchmark_files_parse_to_the_tree_python_makes_and_lists_are_read_ahead():
    import test_bench_check as bench

    rng = random.Random(7)
    read = 0
    for index in range(64):
        _name, text, _broken = bench._student(rng, index)
        if _name.endswith(".py"):
            expected = parsed_by_python(text)
            assert parsed_ahead(text) == expected
            if isinstance(expected, str):  # it parses
                read += len(read_ahead(text))
    assert read >= 16 * 2  # weights and biases at least, in every module that parses


TRICKY = [
    "x = [[1, 2.5], [3, -4]]\n",
    "x = [\n    [0.5, 1.5, 2.5],\n    [3.5, 4.5, 5.5],\n]\n",  # trailing comma: not JSON
    "x = [.5, 1., +1, -0.0, 00, 007.5, 1e5, 1E-3, 2e+2]\n",
    "x = [1e400, -1e400, 3.0]\n",
    "x = [9223372036854775807, 1, 2, 3]\n",
    "x = [9223372036854775808, 1, 2, 3]\n",  # past int64: left to the parser
    "x = [1" + "0" * 5000 + ", 2, 3]\n",  # past Python's digits: its own error
    "x = [1_000, 2_000, 3_000]\n",
    "x = [0x10, 0o7, 0b1, 1j]\n",
    "x = [007, 1, 2, 3, 4, 5]\n",  # a syntax error Python must report
    "x = [1.0 -2.0, 3.0, 4.0]\n",  # a missing comma: a subtraction
    "x = [1.0, 2.0 3.0, 4.0]\n",
    "x = [- 1.0, 2.0, 3.0, 4.0]\n",
    "x = [1.0, 2.0, 3.0, 4.0]; y = x[1, 2, 3, 4]\n",
    "y = z [1.0, 2.0, 3.0, 4.0]\n",
    "y = (z\n[1.0, 2.0, 3.0, 4.0])\n",
    "def f():\n    return [1.0, 2.0, 3.0, 4.0]\n",
    "s = \"[1.0, 2.0, 3.0, 4.0]\"\nt = '[5.0, 6.0, 7.0, 8.0]'\n",
    's = """\nx = [1.0, 2.0, 3.0, 4.0]\n"""\ny = [1.0, 2.0, 3.0, 4.0]\n',
    "s = '''it's [1.0, 2.0, 3.0, 4.0] \\''' still'''\n",
    "s = 'a = [1.0, 2.0, 3.0, 4.0]'\nt = \"see: [5.0, 6.0, 7.0, 8.0] here\"\n",
    "s = 'don\\'t = [1.0, 2.0, 3.0, 4.0]'\n",
    "s = b'x = [1.0, 2.0, 3.0, 4.0]' + rb\"y = [5.0, 6.0, 7.0, 8.0]\"\n",
    's = """a =\n[1.0, 2.0, 3.0, 4.0]\n"""\n',
    "s = '''a \"\"\" [1.0, 2.0, 3.0, 4.0]'''\n",
    's = "a\\\n[1.0, 2.0, 3.0, 4.0]"\n',  # a backslash at the end of a line in a string
    "# x = [1.0, 2.0, 3.0, 4.0]\nx = [1.0, 2.0, 3.0]  # [9.0, 9.0, 9.0, 9.0]\n",
    'f = f"{[1.0, 2.0, 3.0, 4.0]}"\n',
    'f = f"{x[0]}" + str([1.0, 2.0, 3.0, 4.0])\n',
    "gewichte_ä = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]; ö = [1.0, 2.0, 3.0, 4.0]\n",
    "x = [\t1.0,\t2.0,\n\t3.0, 4.0]\n",
    "x = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]\n",
    "x = [[[1, 2], [3, 4]], [[5, 6], [7]]]\n",  # ragged
    "x = [[1, 2], [3, 4, 5], [6, 7]]\n",
    "x = [[1.0, 2.0], 3.0, [4.0, 5.0]]\n",
    "x = [[[[1.0, 2.0]], [[3.0, 4.0]]]]\n",  # four levels
    "x = {'w': [[0.1, 0.2], [0.3, 0.4]], 'b': [0.5, 0.6, 0.7]}\n",
    "a, b = [1.0, 2.0, 3.0, 4.0], [[5.0, 6.0], [7.0, 8.0]]\n",
    "x = np.array([[1, 2, 3], [4, 5, 6]]).T @ [[1.0, 2.0], [3.0, 4.0]]\n",
    "for row in [[1, 2, 3], [4, 5, 6]]:\n    total = sum([1.0, 2.0, 3.0, 4.0])\n",
    "x = [1.0, 2.0, 3.0, 4.0\n",  # never closed
    "x = [1.0, 2.0, 3.0, 4.0]]\n",
    "x = '[1.0, 2.0, 3.0, 4.0]\n",  # an unterminated string
    "x = [1.0, 2.0, 3.0, 4.0,]\ny = [[1.0, 2.0,], [3.0, 4.0,],]\n",
    "x = [1.0, 2.0, 3.0, 4.0]" * 3 + "\n",
    "".join(f"x{i} = [{i}.0, 1.0, 2.0, 3.0]\n" for i in range(100)),  # past MAX_LISTS
    "x = [1.0, 2.0, 3.0, 4.0]\r\ny = [5.0, 6.0, 7.0, 8.0]\r\n",
    "x = [1.0, 2.0,\r\n 3.0, 4.0]\n",
    "x = [1.0, 2.0,\x0c 3.0, 4.0]\n",
    "x = [1.0,\\\n 2.0, 3.0, 4.0]\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_parse_as_python_parses_them(text):
    assert parsed_ahead(text) == parsed_by_python(text)


@pytest.mark.parametrize("text", TRICKY)
def test_what_is_read_ahead_is_what_python_and_numpy_make_of_it(text):
    try:
        found = read_ahead(text)
    except (SyntaxError, ValueError):
        return
    for node in found:
        segment = ast.get_source_segment(text, node)
        assert segment is not None
        value, shape, dtype = node.values()
        expected = ast.literal_eval(segment)
        assert value == expected and type(value) is list
        assert repr(value) == repr(expected)  # -0.0 stays -0.0, ints stay ints
        array = np.array(expected)
        assert shape == array.shape and dtype == array.dtype.kind


def test_a_list_is_read_ahead_in_code_and_never_in_strings_comments_or_subscripts():
    text = (
        's = "[1.0, 2.0, 3.0, 4.0]"  # [5.0, 6.0, 7.0, 8.0]\n'
        "y = x[1, 2, 3, 4, 5, 6]\n"
        "w = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]\n"
    )
    (found,) = read_ahead(text)
    assert found.lineno == 3 and found.values()[1] == (2, 3)


def test_a_literal_met_again_in_a_loop_is_a_new_list_each_time():
    source = (
        "rows = []\n"
        "for i in range(3):\n"
        "    row = [1.0, 2.0, 3.0, 4.0]\n"
        "    row.append(5.0)\n"
        "    rows.append(row)\n"
    )
    namespace: dict[str, object] = {}
    exec(source, namespace)  # the oracle: what running it makes
    program = analyse([(None, source)])
    assert program.binding("rows").shape == np.shape(namespace["rows"]) == (3, 5)
    assert program.binding("row").shape == (5,)


def test_the_interpreter_follows_a_tree_read_ahead_as_one_python_parsed():
    from shapekit.engine import program as module

    for name, text in CORPUS:
        fast = analyse([(None, text)], file=name)
        plain_parse = module.parse_numbers
        module.parse_numbers = lambda text, filename: ast.parse(text, filename=filename)
        try:
            plain = analyse([(None, text)], file=name)
        finally:
            module.parse_numbers = plain_parse
        assert {n: (b.status, b.shape, b.line, b.column) for n, b in fast.names.items()} == {
            n: (b.status, b.shape, b.line, b.column) for n, b in plain.names.items()
        }, name
        assert [(p.line, p.column, p.message, p.fixes) for p in fast.problems] == [
            (p.line, p.column, p.message, p.fixes) for p in plain.problems
        ], name


NUMBER = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from([".5", "1.", "+1", "-0.0", "00", "007.5", "1e5", "1_0", "0x1f", "1j", "- 1"]),
)
SPACE = st.sampled_from(["", " ", "  ", "\n", " \n    ", "\t"])


@st.composite
def number_lists(draw, depth: int) -> str:
    if depth == 0:
        return draw(NUMBER)
    items = draw(st.lists(number_lists(depth - 1), min_size=1, max_size=4))
    sep = draw(st.sampled_from([", ", ",", ",\n  ", " ,"]))
    trailing = draw(st.sampled_from(["", ",", ", "]))
    return "[" + draw(SPACE) + sep.join(items) + trailing + draw(SPACE) + "]"


AROUND = st.sampled_from(
    ["x = {}\n", "x = np.array({})\n", "s = '{}'\n", 's = """{}"""\n', "# {}\n", "y = x{}\n",
     "s = 'a = {} b'\n", 's = "a\\" = {}"\n', "s = '''a =\n{}\n'''\n", "x = 1  # x = {}\n",
     "x = ({}, {})\n", "def f():\n    return {}\n", "x = {{'a': {}}}\n", "x = {}.T\n",
     "f'{{ {} }}'\n", "é = {}\n"]
)  # fmt: skip


@st.composite
def programs(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        template = draw(AROUND)
        holes = template.count("{}")
        parts.append(
            template.format(*(draw(number_lists(draw(st.integers(1, 3)))) for _ in range(holes)))
        )
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(programs())
def test_any_program_of_number_lists_parses_as_python_parses_it(text):
    assert parsed_ahead(text) == parsed_by_python(text)
