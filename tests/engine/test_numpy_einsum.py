"""``np.einsum`` and the index tricks ``np.r_[...]``/``np.c_[...]`` as the interpreter follows
them. NumPy is the oracle: each snippet runs here on small arrays (shapekit itself never runs a
submission) and the analysis must agree: the shape of the result, or a problem at the line
that raised, which the file's own ``except`` of NumPy's exception class catches. Random
subscripts and shapes (hypothesis) check the same for einsum.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shapekit.engine._einsum import _Refusal, einsum_shape
from shapekit.engine.program import analyse
from tests.engine.test_numpy_more import HEADER, agrees, problem_lines, refused, run, shape_left

EINSUM_SHAPED = [
    "r = np.einsum('ij,jk->ik', np.ones((2, 3)), np.ones((3, 4)))",
    "r = np.einsum('ij,jk', np.ones((2, 3)), np.ones((3, 4)))",
    "r = np.einsum('ij->ji', np.ones((2, 3)))",
    "r = np.einsum('ji', np.ones((2, 3)))",
    "r = np.einsum('ii', np.ones((3, 3)))",
    "r = np.einsum('ii->i', np.ones((3, 3)))",
    "r = np.einsum('iij->ij', np.ones((2, 2, 5)))",
    "r = np.einsum('i,i', np.ones(4), np.ones(4))",
    "r = np.einsum('i,j->ij', np.ones(4), [1, 2])",
    "r = np.einsum('bij,bjk->bik', np.ones((5, 2, 3)), np.ones((5, 3, 4)))",
    "r = np.einsum('Ab,b', np.ones((2, 3)), np.ones(3))",
    "r = np.einsum('aA->Aa', np.ones((2, 3)))",
    "r = np.einsum('i j , j', np.ones((2, 3)), np.ones(3))",
    "r = np.einsum('ij,jk->ik', np.ones((2, 1)), np.ones((3, 4)))",
    "r = np.einsum('i,i', np.ones(1), np.ones(3))",
    "r = np.einsum('->', 3.0)",
    "r = np.einsum('ij->', [[1, 2], [3, 4]])",
    "r = np.einsum('...ij->...ji', np.ones((5, 2, 3)))",
    "r = np.einsum('...i,...i', np.ones((2, 3)), np.ones((4, 1, 3)))",
    "r = np.einsum('...i,...i->...', np.ones((2, 3)), np.ones((4, 1, 3)))",
    "r = np.einsum('...ii->...i', np.ones((2, 3, 3)))",
    "r = np.einsum('i...i', np.ones((2, 3, 2)))",
    "r = np.einsum('ij...,jk...->ik...', np.ones((2, 3, 7)), np.ones((3, 4, 1)))",
    "r = np.einsum('ii->i', np.ones((0, 3)))",
    "r = np.einsum('i,i->i', np.ones(0), np.ones(1))",
    "a = np.ones((2, 3))\nops = [a, a]\nr = np.einsum('ij,ij->i', *ops)",
    "r = np.einsum('ij,jk->ik', np.ones((2, 3)), np.ones((3, 4)), optimize=True)",
    "r = np.einsum('ij,jk->ik', np.ones((2, 3)), np.ones((3, 4)), optimize=False)",
    "r = np.einsum('ij->j', np.ones((2, 3)), order='C')",
    "r = np.einsum(np.ones((2, 3)), [0, 1], np.ones((3, 4)), [1, 2], [0, 2])",
    "r = np.einsum(np.ones((2, 3)), [0, 1], np.ones((3, 4)), [1, 2])",
    "r = np.einsum(np.ones((2, 3)), (1, 0))",
    "r = np.einsum(np.ones((2, 3)), [0, 1], [1, 0])",
    "r = np.einsum(np.ones((5, 2, 3)), [..., 0, 27], [27, ...])",
    "r = np.einsum(np.ones((3, 3)), [51, 51], [51])",
]

EINSUM_RAISING = [
    "r = np.einsum('ij,jk->ik', np.ones((2, 4)), np.ones((3, 4)))",
    "r = np.einsum('ij,jk', np.ones((2, 3)), np.ones((2, 3)))",
    "r = np.einsum('ij', np.ones((2, 2)), np.ones(2))",
    "r = np.einsum('i,j', np.ones(2))",
    "r = np.einsum('ij')",
    "r = np.einsum('ijk', np.ones((2, 2)))",
    "r = np.einsum('i', np.ones((2, 2)))",
    "r = np.einsum('ij->ii', np.ones((2, 2)))",
    "r = np.einsum('ij->k', np.ones((2, 2)))",
    "r = np.einsum('ij->ij->', np.ones((2, 2)))",
    "r = np.einsum('ij-', np.ones((2, 2)))",
    "r = np.einsum('ij>', np.ones((2, 2)))",
    "r = np.einsum('i1', np.ones((2, 2)))",
    "r = np.einsum('i..', np.ones((2, 2)))",
    "r = np.einsum('ii', np.ones((2, 3)))",
    "r = np.einsum('ii->i', np.ones((3, 0)))",
    "r = np.einsum('iij->ij', np.ones((2, 3, 4)))",
    "r = np.einsum('iij,j->ij', np.ones((2, 3, 4)), np.ones(4))",
    "r = np.einsum('ij,j->ij', np.ones((2, 1, 4)), np.ones(4))",
    "r = np.einsum('...,...', np.ones((2, 3)), np.ones((3, 2)))",
    "r = np.einsum('...ii->i', np.ones((2, 3, 3)))",
    "r = np.einsum('i,i', np.ones(0), np.ones(3))",
    "r = np.einsum(np.ones((2, 3)), [0, 1], np.ones((2, 4)), [1, 2])",
    "r = np.einsum(np.ones((2, 3)), [0, 1], [1, 1])",
    "r = np.einsum(np.ones((2, 3)), [0], [0])",
    "r = np.einsum(np.ones((2, 3)), [0, 0])",
]

TRICKS_SHAPED = [
    "r = np.c_[np.ones(3), np.zeros(3)]",
    "r = np.c_[np.ones(3), np.ones((3, 2))]",
    "r = np.c_[np.ones((2, 3)), np.ones((2, 1))]",
    "r = np.c_[np.ones((2, 3, 4)), np.ones((2, 3, 1))]",
    "r = np.c_[[1, 2, 3], [4, 5, 6]]",
    "r = np.c_[np.array(1.0), 2]",
    "r = np.c_[0:3, 1:4]",
    "r = np.c_[1:4, np.zeros(3)]",
    "r = np.c_[[]]",
    "r = np.c_[np.ones(4)]",
    "r = np.r_[np.ones(3), np.zeros(2)]",
    "r = np.r_[np.ones((2, 3)), np.ones((4, 3))]",
    "r = np.r_[1, 2, 3]",
    "r = np.r_[0:5]",
    "r = np.r_[:5]",
    "r = np.r_[3:]",
    "r = np.r_[5:0:-1]",
    "r = np.r_[0:10:3, [7, 8]]",
    "r = np.r_[np.ones(3), 0:3, 7]",
    "r = np.r_[True, 2.5]",
    "r = np.r_[np.array(2.0)]",
    "a = np.ones(2)\nparts = (a, a, a)\nr = np.r_[parts]",
]

TRICKS_RAISING = [
    "r = np.r_[np.ones(3), np.ones((3, 2))]",
    "r = np.r_[[1, 2], [[3]]]",
    "r = np.r_[np.ones((2, 3)), np.ones((2, 4))]",
    "r = np.r_[()]",
    "r = np.r_[np.ones(3), 'r']",
    "r = np.c_[np.ones(3), np.ones(4)]",
    "r = np.c_[np.ones((2, 3)), np.ones((3, 3))]",
    "r = np.c_[np.ones((2, 3, 4)), np.ones((2, 3))]",
]

UNKNOWN = [
    "r = np.r_['0,2', [1, 2], [3, 4]]",
    "r = np.r_['r', [1, 2]]",
    "r = np.c_['c', [1, 2]]",
    "r = np.r_[0:1:5j]",
    "r = np.r_[0.0:1.0:0.5]",
    "s = 'ij->ji'\nr = np.einsum(s.zfill(2), np.ones((2, 3)))",
    "r = np.einsum('ij->ji', np.ones((2, 3)), dtype=int)",
    "r = np.einsum('ij,jk', np.ones((2, 3)), np.ones((4, 5)), optimize=True)",
    "r = np.einsum(np.ones((2, 3)), [0, 60])",
    "r = np.einsum(np.ones((2, 3)), [0, 1.0])",
]


@pytest.mark.parametrize("snippet", EINSUM_SHAPED + TRICKS_SHAPED)
def test_the_shape_is_the_one_numpy_gives(snippet):
    source = HEADER + snippet + "\n"
    exc, _, namespace = run(source)
    assert exc is None, (snippet, exc)
    assert problem_lines(source) == [], snippet
    assert shape_left(source) == np.shape(namespace["r"]), snippet


@pytest.mark.parametrize("snippet", EINSUM_RAISING + TRICKS_RAISING)
def test_what_numpy_refuses_is_a_problem_at_its_line(snippet):
    refused(HEADER + snippet + "\n")


@pytest.mark.parametrize("snippet", UNKNOWN)
def test_what_is_not_certain_is_unknown_with_a_reason(snippet):
    source = HEADER + snippet + "\n"
    exc = run(source)[0]
    # NumPy's other path (optimize=) raises, as do lists of subscripts shapekit leaves alone
    assert exc is None or "optimize" in snippet or "[0, " in snippet, (snippet, exc)
    result = analyse([(None, source)])
    binding = result.binding("r")
    assert binding is not None and binding.status == "unknown", snippet
    assert result.problems == []


def test_a_failing_einsum_says_which_letter_and_which_arrays():
    source = (
        HEADER + "a = np.ones((2, 4))\nb = np.ones((3, 5))\n" + "c = np.einsum('ij,jk->ik', a, b)\n"
    )
    problems = analyse([(None, source)]).problems
    assert [p.line for p in problems] == [4]
    message = problems[0].message
    assert "the letter j is 4 in a" in message and "3 in b" in message
    assert "ValueError" in message


def test_a_term_with_the_wrong_number_of_letters_says_the_shape():
    source = HEADER + "x = np.ones((2, 3))\ny = np.einsum('i->i', x)\n"
    problems = analyse([(None, source)]).problems
    assert [p.line for p in problems] == [3]
    assert "has 1 letter but x has 2 dimensions (shape (2, 3))" in problems[0].message


def test_lists_of_subscripts_are_said_as_numbers():
    source = HEADER + "a = np.ones((2, 3))\nr = np.einsum(a, [0, 1], a, [0, 1], [1, 1])\n"
    problems = analyse([(None, source)]).problems
    assert [p.line for p in problems] == [3]
    assert "the subscript 1 is written twice in the output [1, 1]" in problems[0].message


def test_the_result_is_followed_further():
    source = HEADER + (
        "a = np.ones((2, 3))\n"
        "b = np.einsum('ij,kj->ik', a, np.ones((5, 3)))\n"
        "r = b @ np.ones((4, 1))\n"
    )
    assert problem_lines(source) == [4]


def test_huge_shapes_are_never_made():
    source = HEADER + (
        "a = np.empty((100000, 100000), dtype=np.float32)\nr = np.einsum('ij,jk->ik', a, a)\n"
    )
    assert shape_left(source) == (100000, 100000)
    assert einsum_shape("ij,jk->ki", [(10**9, 10**9), (10**9, 7)]) == ((7, 10**9), False)


# -- random subscripts and shapes: NumPy's shape or ValueError, every time -----------------

LETTERS = "ijkIJ"


@st.composite
def einsum_calls(draw) -> tuple[str, list[tuple[int, ...]]]:
    """Subscripts and shapes near a valid call: right most of the time, off by a little
    (a size, a dimension, an output letter, an operand) often enough to reach every
    refusal."""
    sizes = {c: draw(st.integers(1, 3)) for c in LETTERS}
    broadcast = [draw(st.integers(1, 3)) for _ in range(2)]  # what '...' stands for
    count = draw(st.integers(1, 3))
    terms: list[str] = []
    shapes: list[tuple[int, ...]] = []
    for _ in range(count):
        letters = draw(st.lists(st.sampled_from(LETTERS), max_size=3))
        ellipsis = draw(st.booleans()) and draw(st.booleans())
        extra = draw(st.integers(0, 2)) if ellipsis else 0
        where = draw(st.integers(0, len(letters)))
        term = "".join(letters[:where]) + ("..." if ellipsis else "") + "".join(letters[where:])
        shape = [sizes[c] for c in letters[:where]]
        shape += broadcast[len(broadcast) - extra :]
        shape += [sizes[c] for c in letters[where:]]
        if shape and draw(st.integers(0, 5)) == 3:  # a size off: 0, 1 or another
            k = draw(st.integers(0, len(shape) - 1))
            shape[k] = draw(st.integers(0, 4))
        if draw(st.integers(0, 9)) == 7:  # a dimension too many or too few
            shape = shape[:-1] if shape and draw(st.booleans()) else [*shape, 2]
        terms.append(term)
        shapes.append(tuple(shape))
    used = sorted({c for t in terms for c in t if c.isalpha()})
    text = ",".join(terms)
    mode = draw(st.integers(0, 2))
    if mode:
        out = draw(st.permutations(used))
        out = out[: draw(st.integers(0, len(out)))]
        if any("..." in t for t in terms) and draw(st.integers(0, 4)):
            k = draw(st.integers(0, len(out)))
            out = [*out[:k], "...", *out[k:]]
        if draw(st.integers(0, 9)) == 7:
            out = [*out, draw(st.sampled_from(LETTERS))]
        text += "->" + "".join(out)
    if draw(st.integers(0, 14)) == 7:  # an operand too many or too few
        shapes = shapes[:-1] if draw(st.booleans()) else [*shapes, (2,)]
    return text, shapes


def _numpy_einsum(text: str, shapes: list[tuple[int, ...]]) -> tuple[int, ...] | str:
    try:
        return np.shape(np.einsum(text, *(np.ones(s) for s in shapes)))
    except Exception as exc:  # the class is what is compared
        return type(exc).__name__


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(einsum_calls())
def test_einsum_shape_is_numpys(call):
    text, shapes = call
    expected = _numpy_einsum(text, shapes)
    try:
        found: tuple[int, ...] | str | None = einsum_shape(text, shapes)[0]
    except _Refusal:
        found = "ValueError"
    assert found == expected, (text, shapes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(einsum_calls())
@example(("ii->i", [(0, 2)]))  # NumPy's C path takes the diagonal of sizes 0 and 2; optimize= not
def test_with_optimize_a_shape_is_given_only_where_numpys_other_path_agrees(call):
    """With ``optimize=`` NumPy checks the subscripts in Python, not C: shapekit gives a shape
    only for calls without ``...`` or a stretched size of 1, and NumPy's other path must give
    that shape."""
    text, shapes = call
    try:
        found, stretched = einsum_shape(text, shapes)
    except _Refusal:
        return  # with optimize=, unknown (see UNKNOWN)
    if stretched or "." in text:
        return  # unknown too
    arrays = [np.ones(s) for s in shapes]
    assert np.shape(np.einsum(text, *arrays, optimize=True)) == found, (text, shapes)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(einsum_calls())
def test_einsum_in_a_program_is_numpys(call):
    text, shapes = call
    lines = [f"a{k} = np.ones({s!r})" for k, s in enumerate(shapes)]
    names = ", ".join(f"a{k}" for k in range(len(shapes)))
    lines.append(f"r = np.einsum({text!r}{', ' if shapes else ''}{names})")
    source = HEADER + "\n".join(lines) + "\n"
    exc, line, namespace = run(source)
    if exc is None:
        assert problem_lines(source) == [], source
        assert shape_left(source) == np.shape(namespace["r"]), source
    else:
        assert type(exc) is ValueError, (source, exc)
        assert problem_lines(source) == [line], (source, exc)


def _as_lists(text: str) -> list[str]:
    """The lists of subscripts NumPy reads as ``text`` (``'ij,j->i'``: ``[34, 35]``, …)."""
    number = {c: str(i) for i, c in enumerate(LETTERS_ALL)}
    inputs, _, output = text.partition("->")
    terms = inputs.split(",") + ([output] if "->" in text else [])
    return [
        "[" + ", ".join("..." if c == "." else number[c] for c in t.replace("...", ".")) + "]"
        for t in terms
    ]


LETTERS_ALL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(einsum_calls())
def test_einsum_with_lists_of_subscripts_is_numpys(call):
    text, shapes = call
    lists = _as_lists(text)
    if len(shapes) != text.partition("->")[0].count(",") + 1:
        return  # operands and lists come in pairs: a missing one is another call
    lines = [f"a{k} = np.ones({s!r})" for k, s in enumerate(shapes)]
    parts = [f"a{k}, {lists[k]}" for k in range(len(shapes))] + lists[len(shapes) :]
    lines.append(f"r = np.einsum({', '.join(parts)})")
    source = HEADER + "\n".join(lines) + "\n"
    agrees(source)


@st.composite
def joined_calls(draw) -> str:
    """``np.r_[...]``/``np.c_[...]`` of a few arrays, numbers and ranges of small shapes."""
    trick = draw(st.sampled_from(["r_", "c_"]))
    base = draw(st.lists(st.integers(0, 3), max_size=3))
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(str(draw(st.integers(0, 9))))
        elif kind == 1:
            start, stop = (draw(st.one_of(st.none(), st.integers(-3, 5))) for _ in "ab")
            step = draw(st.one_of(st.none(), st.integers(-2, 3).filter(bool)))
            bounds = ("" if x is None else str(x) for x in (start, stop))
            parts.append(":".join(bounds) + ("" if step is None else f":{step}"))
        else:
            shape = list(base)
            if shape and draw(st.booleans()):
                k = draw(st.integers(0, len(shape) - 1))
                shape[k] = draw(st.integers(0, 3))
            if draw(st.integers(0, 5)) == 0:
                shape = shape[:-1]
            parts.append(f"np.ones({tuple(shape)!r})")
    return f"r = np.{trick}[{', '.join(parts)}]"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(joined_calls())
def test_index_tricks_are_numpys(snippet):
    agrees(HEADER + snippet + "\n")
