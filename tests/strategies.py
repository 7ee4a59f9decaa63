"""Hypothesis strategies shared by the property tests (import as ``from strategies import ...``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import strategies as st

# --- nested lists ---

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

#: real numbers NumPy stores without surprises (ints within int64, any float)
numbers = st.one_of(
    st.integers(-1000, 1000),
    st.integers(INT64_MIN, INT64_MAX),
    st.floats(allow_nan=True, allow_infinity=True),
)

#: leaves that are not numbers for shapekit (NumPy would make str/object/complex arrays)
not_numbers = st.one_of(
    st.text(max_size=3),
    st.none(),
    st.complex_numbers(max_magnitude=10),
    st.dictionaries(st.text(max_size=1), st.integers(), max_size=1),
    st.integers(INT64_MAX + 1, 2**70),
    st.integers(-(2**70), INT64_MIN - 1),
)


def shapes(
    min_dims: int = 0, max_dims: int = 4, max_side: int = 4
) -> st.SearchStrategy[tuple[int, ...]]:
    """Array shapes such as ``(3, 0, 2)``."""
    return st.lists(st.integers(0, max_side), min_size=min_dims, max_size=max_dims).map(tuple)


@st.composite
def nested_lists(
    draw: st.DrawFn,
    shape: st.SearchStrategy[tuple[int, ...]] | None = None,
    leaves: st.SearchStrategy[Any] = numbers,
    tuples: bool = True,
) -> tuple[Any, tuple[int, ...]]:
    """A homologous nested list (some nodes tuples when ``tuples``) and its shape."""
    dims = draw(shape if shape is not None else shapes())
    if 0 in dims:  # nothing below an empty list: [[], []] is (2, 0), whatever follows
        dims = dims[: dims.index(0) + 1]
    flat = draw(st.lists(leaves, min_size=math.prod(dims), max_size=math.prod(dims)))
    if not dims:
        return flat[0], dims
    return _nest(
        dims, flat, draw(st.lists(st.booleans(), min_size=1, max_size=5)) if tuples else [False]
    ), dims


def _nest(dims: tuple[int, ...], flat: list[Any], tuple_flags: list[bool]) -> Any:
    level: list[Any] = flat
    counter = 0
    for depth in range(len(dims) - 1, -1, -1):
        n = dims[depth]
        parents = math.prod(dims[:depth])
        groups = []
        for i in range(parents):
            group = level[i * n : (i + 1) * n]
            counter += 1
            groups.append(tuple(group) if tuple_flags[counter % len(tuple_flags)] else group)
        level = groups
    return level[0]


def _to_lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_to_lists(v) for v in value]
    return value


def _sublists(value: Any, path: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    """Paths of every list inside ``value`` (the root included), in document order."""
    out = [path]
    for i, v in enumerate(value):
        if isinstance(v, list):
            out.extend(_sublists(v, (*path, i)))
    return out


def _at(value: Any, path: tuple[int, ...]) -> Any:
    for i in path:
        value = value[i]
    return value


@st.composite
def ragged_lists(draw: st.DrawFn, leaves: st.SearchStrategy[Any] = numbers) -> Any:
    """A nested list with one random mutation: usually no longer homologous.

    Mutations: drop an element, append a number, append a copy of a sibling,
    wrap a number in a list, replace a sublist by a number.
    """
    value, _ = draw(nested_lists(shapes(min_dims=1), leaves=leaves, tuples=False))
    value = _to_lists(value)
    path = draw(st.sampled_from(_sublists(value)))
    node = _at(value, path)
    mutation = draw(st.sampled_from(["drop", "append_number", "append_copy", "wrap", "flatten"]))
    if mutation == "drop" and node:
        del node[draw(st.integers(0, len(node) - 1))]
    elif mutation == "append_copy" and node:
        node.append(_to_lists(node[draw(st.integers(0, len(node) - 1))]))
    elif mutation == "wrap" and node:
        i = draw(st.integers(0, len(node) - 1))
        node[i] = [node[i]]
    elif mutation == "flatten" and path:
        parent = _at(value, path[:-1])
        parent[path[-1]] = draw(leaves)
    else:
        node.append(draw(leaves))
    return value


@st.composite
def lists_with_arrays(draw: st.DrawFn) -> Any:
    """A list of 1-3 parts, each a nested list, a NumPy array or a NumPy scalar.

    The parts' shapes come from a small pool, so they often agree.
    """
    pool = draw(st.lists(shapes(max_dims=3, max_side=3), min_size=1, max_size=2))
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        dims = draw(st.sampled_from(pool))
        value, _ = draw(nested_lists(st.just(dims), leaves=st.integers(-9, 9) | st.floats(-9, 9)))
        form = draw(st.sampled_from(["list", "array", "float32"]))
        if form == "array":
            value = np.asarray(value)
        elif form == "float32":
            value = np.asarray(value, dtype=np.float32)
        if isinstance(value, np.ndarray) and value.ndim == 0 and draw(st.booleans()):
            value = value[()]  # a NumPy scalar
        parts.append(value)
    return parts


@st.composite
def lists_mixing_empties(draw: st.DrawFn) -> Any:
    """A list of 1-3 parts that are often empty: arrays such as ``np.zeros((0, 3))``, their
    ``tolist()`` (``[]``, which loses the 3), or lists of their rows, some rows arrays.

    NumPy keeps an empty array's trailing dimensions but ends the shape at an empty list, so
    these decide whether the two may stand side by side.  The shapes come from a small pool
    of sides 0-2, so parts often agree and often are empty.
    """
    pool = draw(st.lists(shapes(max_dims=3, max_side=2), min_size=1, max_size=3))
    parts: list[Any] = []
    for _ in range(draw(st.integers(1, 3))):
        dims = draw(st.sampled_from(pool))
        array = np.zeros(dims) if draw(st.booleans()) else np.ones(dims, dtype=np.int8)
        form = draw(st.sampled_from(["array", "list", "rows"]))
        if form == "array" or not dims:
            parts.append(array)
        elif form == "list":
            parts.append(array.tolist())
        else:
            parts.append([row if draw(st.booleans()) else row.tolist() for row in array])
    return parts if draw(st.integers(0, 3)) else [parts]


#: Python ints past the 4300 digits ``str()`` accepts, which NumPy keeps as objects
huge_integers = st.builds(
    lambda digits, sign: sign * 10 ** (digits - 1),
    st.integers(4301, 6000),
    st.sampled_from([1, -1]),
)


# --- operand shapes ---


def operand_shapes(
    min_dims: int = 0, max_dims: int = 4, max_side: int = 4
) -> st.SearchStrategy[tuple[int, ...]]:
    """Shapes of operands for transpose, dot, matmul and + - * (small, so NumPy is quick)."""
    return shapes(min_dims=min_dims, max_dims=max_dims, max_side=max_side)


@st.composite
def _broadcastable(draw: st.DrawFn, a: tuple[int, ...]) -> tuple[int, ...]:
    """A shape that usually broadcasts with ``a``: a suffix, some dims 1, maybe more in front."""
    suffix = a[len(a) - draw(st.integers(0, len(a))) :]
    dims = [1 if draw(st.integers(0, 3)) == 0 else d for d in suffix]
    front = draw(st.lists(st.integers(0, 3), max_size=2))
    return (*front, *dims)


@st.composite
def binary_operands(draw: st.DrawFn, op: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Two operand shapes for ``op`` ("matmul", "dot", "add", "sub", "mul").

    About half are built to fit (shared inner dimension, broadcastable batch or element-wise
    dimensions), the rest are independent; either may come out fitting or not, and the
    operands are swapped at random.
    """
    a = draw(operand_shapes())
    if draw(st.booleans()):
        b = draw(operand_shapes())
    elif op in ("add", "sub", "mul"):
        b = draw(_broadcastable(a))
    elif not a:
        b = draw(operand_shapes())
    elif op == "matmul" and len(a) >= 2 and draw(st.booleans()):
        batch = draw(_broadcastable(a[:-2]))
        b = (*batch, a[-1], draw(st.integers(0, 4)))
    else:  # dot, or matmul with a 1-D right operand: share the summed dimension
        front = draw(st.lists(st.integers(0, 3), max_size=2))
        b = (a[-1],) if draw(st.booleans()) else (*front, a[-1], draw(st.integers(0, 4)))
    return (b, a) if draw(st.booleans()) else (a, b)


@st.composite
def transpose_axes(draw: st.DrawFn, ndim: int) -> tuple[int, ...] | None:
    """``None`` (reverse), a permutation of the axes (some negative), or usually-invalid axes."""
    kind = draw(st.sampled_from(["none", "permutation", "permutation", "any"]))
    if kind == "none":
        return None
    if kind == "permutation":
        axes = draw(st.permutations(range(ndim)))
        return tuple(ax - ndim if draw(st.booleans()) else ax for ax in axes)
    return tuple(draw(st.lists(st.integers(-ndim - 1, ndim), max_size=ndim + 1)))


# --- TOML spec files (issue 9: the loader's fuzz tests) ---

#: pieces of TOML, valid and broken, that random spec texts are made of
_TOML_PIECES = [
    'title = "T"',
    "[[figure]]",
    '[["figure"]]',
    "[figure]",
    'id = "a"',
    'id = "ok-\\n"',
    'title = "A"',
    'caption = "C"',
    'kind = "dot"',
    'kind = "neuron"',
    "left = [1, 2]",
    "right = [3, 4]",
    "inputs = [1.0, 2.0]",
    "weights = [0.5, -1]",
    "bias = 2",
    "order = 1" + "0" * 5000,
    "order = -3",
    "x = " + "[" * 70 + "]" * 70,
    "y = " + "{a = " * 40 + "1" + "}" * 40,
    "figure = [{id = 'b', title = 'B', caption = 'C', kind = 'dot', left = [1], right = [2]}]",
    'intro = """multi\nline"""',
    "'quoted key' = 1",
    '"bad\\u0000" = "x\\u001b[2K"',
    "= 1",
    "[",
    "]",
    "{",
    '"',
    "'''",
    "#",
    "\\",
    "nan",
    "inf",
    "1e999",
    "0x" + "f" * 200,
    "2021-02-30",
]


@st.composite
def toml_texts(draw: st.DrawFn) -> str:
    """Text that is sometimes a spec file, often almost one, sometimes junk."""
    pieces = draw(
        st.lists(st.sampled_from(_TOML_PIECES) | st.text(max_size=12), min_size=0, max_size=25)
    )
    separators = draw(
        st.lists(
            st.sampled_from(["\n", " ", "", "\r\n"]), min_size=len(pieces), max_size=len(pieces)
        )
    )
    return "".join(p + s for p, s in zip(pieces, separators, strict=True))


def _toml_string(text: str) -> str:
    escaped = (c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
    return '"' + "".join(escaped) + '"'


def _toml_float(value: float) -> str:
    if value != value:
        return "nan"
    if abs(value) == float("inf"):
        return "inf" if value > 0 else "-inf"
    return repr(value)


_SCALARS = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.integers(4301, 6000).map(lambda n: "9" * n),  # past the 4300 digits int() reads
    st.floats(allow_nan=True, allow_infinity=True).map(_toml_float),
    st.booleans().map(lambda b: "true" if b else "false"),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=20).map(_toml_string),
)

_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(st.sampled_from(["a", "b", "left", "id"]), inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k} = {v}" for k, v in d.items()) + "}"
        ),
    ),
    max_leaves=12,
)

_FIGURE_KEYS = [
    "id",
    "title",
    "caption",
    "kind",
    "left",
    "right",
    "bias",
    "inputs",
    "weights",
    "sizes",
    "value",
    "scale",
    "captoin",
    "left_label",
]


@st.composite
def spec_documents(draw: st.DrawFn) -> str:
    """A spec file with a random topic and figures: right key names, random values."""
    lines = []
    for key in draw(st.lists(st.sampled_from(["title", "order", "intro", "titel"]), unique=True)):
        lines.append(f"{key} = {draw(_VALUES)}")
    for _ in range(draw(st.integers(0, 3))):
        lines.append(draw(st.sampled_from(["[[figure]]", '[["figure"]]'])))
        for key in draw(st.lists(st.sampled_from(_FIGURE_KEYS), unique=True, max_size=8)):
            if key == "kind" and draw(st.booleans()):
                value = _toml_string(draw(st.sampled_from(["dot", "neuron", "matmul", "array"])))
            elif key == "id" and draw(st.booleans()):
                value = _toml_string(
                    draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,70}", fullmatch=True))
                )
            else:
                value = draw(_VALUES)
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"
