"""``np.einsum`` as the program interpreter follows it: the shape of the result, from the
subscripts string and the shapes of the operands, with NumPy's rules and its refusals.

The subscripts are read the way NumPy's own C parser reads them (``numpy.einsum`` with the
default ``optimize=False``): one term per operand separated by commas, letters for axes
(upper and lower case are different letters), spaces ignored, ``...`` for the axes no letter
names, and an output after ``->`` or, without it, the letters used once in alphabetical order
(upper case first) after the ``...`` axes. A letter repeated in one term takes that operand's
diagonal (the axes must have one size); a letter shared by operands broadcasts (a size of 1
stretches); a letter missing from the output is summed over. Only shapes are worked out:
no value is computed and no array is made.

What NumPy refuses (a term for each operand, as many letters as dimensions, an output letter
found in no input or written twice, sizes that do not match) raises the walker's ``Refused``
with a ValueError, as NumPy does, and the reason for a learner; what is not certain (the
subscripts not a literal string, ``out=``, ``dtype=``, ``optimize=`` with a call NumPy's
other path might treat differently) gives an unknown with the reason.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from shapekit.engine._operands import (
    ARRAYLIKE,
    Operand,
    array,
    array_shape,
    dtype_of,
    items_of,
    promoted,
)
from shapekit.engine.explanation import format_shape
from shapekit.errors import ShapeError, closest

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

Shape = tuple[int, ...]
Label = str | None  # a letter, or None for an axis that ``...`` stands for

#: most operands (and axes of the work) shapekit follows; NumPy 1 allows 32, NumPy 2 64
_MOST = 32
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class _Refusal(Exception):
    """What NumPy refuses, with the reason for a learner."""


#: the keywords np.einsum takes
_EINSUM_KEYWORDS = frozenset({"out", "optimize", "dtype", "order", "casting"})


def einsum(w: Walker, node: ast.Call, args: list[Operand], kwargs: dict[str, Operand]) -> Operand:
    """The operand of ``np.einsum(subscripts, *operands, **kwargs)``."""
    if not args:
        return w.cannot(node)
    subscripts = args[0]
    operands = args[1:]
    places = list(range(1, len(args)))  # where each operand is written among node.args
    if subscripts.kind in ARRAYLIKE and len(args) >= 2:  # np.einsum(a, [0, 1], b, [1, 2])
        interleaved = _from_lists(args)
        if interleaved is None:
            return w.cannot(node, "whose lists of subscripts shapekit does not follow")
        text = interleaved
        operands = args[0 : len(args) - 1 : 2] if len(args) % 2 else args[0::2]
        places = list(range(0, 2 * len(operands), 2))
    elif subscripts.kind != "str" or not isinstance(subscripts.value, str):
        return w.cannot(node, "whose subscripts are not a string written in the file")
    else:
        text = subscripts.value
    if any(not 32 <= ord(c) < 127 for c in text):
        return w.cannot(node, "whose subscripts have a character that is not plain ASCII")
    optimized = False
    unknown_keys = sorted(set(kwargs) - _EINSUM_KEYWORDS)
    if unknown_keys:  # np.einsum(..., optimise=True): Python's TypeError
        meant = closest(unknown_keys[0], sorted(_EINSUM_KEYWORDS))
        raise w.refuse(
            node,
            "call",
            f"np.einsum takes no keyword {unknown_keys[0]}= (Python raises a TypeError: "
            f"einsum() got an unexpected keyword argument '{unknown_keys[0]}')"
            + (f"; did you mean {meant}=?" if meant else ""),
            raises="TypeError",
        )
    for key, value in kwargs.items():
        if key == "optimize":
            optimized = not (value.kind == "number" and value.value is False)
        elif key == "order" and value.kind == "str" and value.value in ("C", "F", "A", "K"):
            continue
        else:
            return w.cannot(node, f"with {key}=, which shapekit does not follow for np.einsum")
    if len(operands) > _MOST:
        return w.cannot(node, f"with more than {_MOST} arrays")
    starred = any(isinstance(a, ast.Starred) for a in node.args)
    names: list[str] = []
    shapes: list[Shape] = []
    for k, operand in enumerate(operands):
        written = None if starred or places[k] >= len(node.args) else node.args[places[k]]
        names.append(w.short(written) if written is not None else f"operand {k}")
        found = array_shape(operand)
        if isinstance(found, ShapeError):
            raise w.not_an_array(written or node, found)
        if found is None:
            return w.cannot(node)
        shapes.append(tuple(found))
    try:
        shape, broadcast = einsum_shape(text, shapes, names)
    except _Refusal as refusal:
        if optimized:
            return w.cannot(node, "with optimize=, which checks the subscripts another way")
        said = str(refusal) if subscripts.kind == "str" else _in_lists(str(refusal))
        reason = f"{said} (NumPy raises a ValueError)"
        raise w.refuse(node, "call", reason, raises="ValueError") from None
    if shape is None:
        return w.cannot(node, "which needs more axes than shapekit follows")
    if optimized and (broadcast or "." in text):
        return w.cannot(
            node,
            "with optimize= and axes that broadcast, which NumPy's other path treats its own way",
        )
    kind: str | None = "b" if operands else None
    for i, operand in enumerate(operands):
        kind = dtype_of(operand) if i == 0 else promoted(kind, dtype_of(operand))
    return array(shape, dtype=kind)


def _from_lists(args: list[Operand]) -> str | None:
    """The subscripts string of ``np.einsum(a, [0, 1], b, [1, 2], [0, 2])`` as NumPy builds it
    (0-25 are ``A``-``Z``, 26-51 ``a``-``z``, ``Ellipsis`` is ``...``), or None when a list is
    not known or holds something else (NumPy's TypeError or ValueError then: not followed)."""
    lists = [args[k] for k in range(1, len(args), 2)]
    if len(args) % 2:
        lists.append(args[-1])
    terms: list[str] = []
    for given in lists:
        items = items_of(given) if given.kind in ("list", "tuple") else None
        if items is None:
            return None
        term = ""
        for item in items:
            value = item.value
            if item.kind == "other" and value is Ellipsis and "..." not in term:
                term += "..."
            elif item.kind == "number" and type(value) is int and 0 <= value < 52:
                term += chr(ord("A") + value) if value < 26 else chr(ord("a") + value - 26)
            else:
                return None
        terms.append(term)
    inputs = ",".join(terms[: len(args) // 2])
    return inputs + (f"->{terms[-1]}" if len(args) % 2 else "")


def _in_lists(message: str) -> str:
    """A reason written with letters, said with the numbers of the lists of subscripts.

    >>> print(_in_lists("the letter b is 3 in a but the term 'Ab...' has 2"))
    the subscript 27 is 3 in a but the term [0, 27, ...] has 2
    """

    def number(c: str) -> str:
        return str(ord(c) - ord("A") if c.isupper() else ord(c) - ord("a") + 26)

    def listed(match: re.Match[str]) -> str:
        text = match.group(1).replace(" ", "")
        parts = ["..." if c == "." else number(c) for c in text.replace("...", ".")]
        return "[" + ", ".join(parts) + "]"

    message = re.sub(r"'([A-Za-z. ]*)'", listed, message)
    message = re.sub(r"letter ([A-Za-z])\b", lambda m: f"subscript {number(m.group(1))}", message)
    return message.replace(" letters", " subscripts").replace(" letter ", " subscript ")


def einsum_shape(
    text: str, shapes: list[Shape], names: list[str] | None = None
) -> tuple[Shape | None, bool]:
    """The shape ``np.einsum(text, *arrays)`` gives arrays of ``shapes`` and whether a size
    of 1 was stretched on the way (None for the shape when it needs more axes than shapekit
    follows); raises :class:`_Refusal` where NumPy raises its ValueError.

    >>> einsum_shape("ij,jk->ik", [(2, 3), (3, 4)])
    ((2, 4), False)
    >>> einsum_shape("ii", [(3, 3)]), einsum_shape("...ij->...ji", [(5, 2, 3)])
    (((), False), ((5, 3, 2), False))
    >>> try:
    ...     einsum_shape("ij,jk", [(2, 3), (4, 5)])
    ... except _Refusal as refusal:
    ...     print(refusal)
    the letter j is 3 in operand 0 (axis 1) but 4 in operand 1 (axis 0), and only a size of 1 stretches to match
    """
    names = names or [f"operand {k}" for k in range(len(shapes))]
    if not shapes:
        raise _Refusal("np.einsum needs at least one array after the subscripts")
    inputs = text.split("-")[0]
    written = inputs.count(",") + 1
    labels: list[list[Label]] = []
    terms: list[str] = []
    counts: dict[str, int] = {}
    pos = 0
    for k, shape in enumerate(shapes):
        end = pos
        while end < len(text) and text[end] not in ",-":
            end += 1
        after = text[end] if end < len(text) else ""
        last = k == len(shapes) - 1
        if (last and after == ",") or (not last and after != ","):
            raise _Refusal(
                f"the subscripts '{inputs}' have {written} term{'s' * (written != 1)} (one per "
                f"array, separated by commas) but {len(shapes)} "
                f"array{'s are' if len(shapes) != 1 else ' is'} given"
            )
        terms.append(text[pos:end].strip())
        labels.append(_term(text[pos:end], shape, names[k], counts))
        pos = end + (0 if last else 1)
    extra = max(sum(1 for label in term if label is None) for term in labels)
    rest = text[pos:]
    if not rest:  # implicit: the ... axes, then each letter used once, in ASCII order
        output: list[Label] = [None] * extra
        output += sorted(letter for letter, n in counts.items() if n == 1)
    else:
        if not rest.startswith("->"):
            raise _Refusal(
                "a '-' in the subscripts must begin the '->' that comes before the output's letters"
            )
        output = _output(rest[2:], extra, counts)
    summed: list[Label] = [c for c in sorted(counts) if c not in output]
    if len(output) + len(summed) > _MOST:
        return None, False
    if len(shapes) == 1:
        view = _single_view(labels[0], shapes[0], output, f"{terms[0]!r} for {names[0]}")
        if view is not None:
            return view
    sizes = [
        _diagonal(axes, shape, f"{term!r} for {name}")
        for axes, shape, term, name in zip(labels, shapes, terms, names, strict=True)
    ]
    return _broadcast(output + summed, sizes, names, len(output))


def _symbols(text: str, where: str) -> Iterator[tuple[int, str]]:
    """The letters of a term or of the output with their places, in order, ``"..."`` for an
    ellipsis; a lone '.', a second '...' or another character is refused where it stands
    (``where`` names the term in the refusal)."""
    ellipsis = False
    i = 0
    while i < len(text):
        c = text[i]
        if c in _LETTERS:
            yield i, c
        elif c == ".":
            if ellipsis or text[i : i + 3] != "..." or i + 2 >= len(text):
                raise _Refusal(f"the '.' in {where} is not part of an ellipsis '...'")
            ellipsis = True
            yield i, "..."
            i += 2
        elif c != " ":
            raise _Refusal(_not_a_letter(c))
        i += 1


def _term(term: str, shape: Shape, name: str, counts: dict[str, int]) -> list[Label]:
    """The label of each axis of an operand of ``shape`` written ``term``."""
    before: list[str] = []
    after: list[str] = []
    ellipsis = False
    for _place, symbol in _symbols(term, f"the term '{term.strip()}' for {name}"):
        if symbol == "...":
            ellipsis = True
            continue
        if len(before) + len(after) >= len(shape):
            raise _Refusal(
                f"the term '{term.strip()}' has more letters than {name} has dimensions "
                f"(its shape is {format_shape(shape)}): one letter names one axis"
            )
        (after if ellipsis else before).append(symbol)
        counts[symbol] = counts.get(symbol, 0) + 1
    named = len(before) + len(after)
    if not ellipsis and named != len(shape):
        raise _Refusal(
            f"the term '{term.strip()}' has {named} letter{'s' * (named != 1)} but {name} has "
            f"{len(shape)} dimension{'s' * (len(shape) != 1)} (shape {format_shape(shape)}): "
            "write one letter per axis, or '...' for the axes not named"
        )
    return [*before, *([None] * (len(shape) - named)), *after]


def _not_a_letter(c: str) -> str:
    return (
        f"'{c}' cannot be a subscript: the axes are named by letters, with ',' between the "
        "arrays, '...' for axes not named, and '->' before the output"
    )


def _output(text: str, extra: int, counts: dict[str, int]) -> list[Label]:
    """The labels of the output written ``text`` after ``->``."""
    output: list[Label] = []
    ellipsis = False
    for place, symbol in _symbols(text, f"the output '{text.strip()}'"):
        if symbol == "...":
            ellipsis = True
            output += [None] * extra
            continue
        if symbol in text[place + 1 :]:
            raise _Refusal(
                f"the letter {symbol} is written twice in the output '{text.strip()}': each "
                "letter of the output is one axis of the result"
            )
        if symbol not in counts:
            raise _Refusal(
                f"the output letter {symbol} is in none of the arrays' terms, so its size is "
                "not known"
            )
        output.append(symbol)
    if extra and not ellipsis:
        raise _Refusal(
            "the arrays have axes that '...' stands for, so the output needs '...' too "
            "(write it after '->')"
        )
    return output


def _single_view(
    labels: list[Label], shape: Shape, output: list[Label], name: str
) -> tuple[Shape, bool] | None:
    """NumPy's result for one operand whose letters are all in the output (a view of it,
    taken with NumPy's own check of a diagonal), or None when letters are summed; and
    whether that check let a diagonal of sizes 0 and n through (``'ii->i'`` of shape (0, 2)
    gives (2,)), which NumPy's other path (``optimize=``) refuses."""
    dims = [0] * len(output)
    slot = 0
    for label, n in zip(labels, shape, strict=True):
        if label is None:
            while slot < len(output) and output[slot] is not None:
                slot += 1
            if slot == len(output):  # not reached: the output has every '...' axis
                return None
            dims[slot] = n
            slot += 1
            continue
        if label not in output:
            return None
        i = output.index(label)
        if dims[i] not in (0, n):
            raise _Refusal(_diagonal_reason(label, name, dims[i], n))
        dims[i] = n
    sizes: dict[Label, set[int]] = {}
    for label, n in zip(labels, shape, strict=True):
        if label is not None:
            sizes.setdefault(label, set()).add(n)
    return tuple(dims), any(len(found) > 1 for found in sizes.values())


def _diagonal_reason(label: str, where: str, first: int, second: int) -> str:
    return (
        f"the letter {label} is repeated in the term {where}, "
        f"which takes a diagonal, so those axes must have one size, but they are {first} and "
        f"{second}"
    )


def _diagonal(labels: list[Label], shape: Shape, name: str) -> list[tuple[Label, int, int]]:
    """The axes of an operand once a repeated letter has taken its diagonal: (label, size,
    axis where it was first written)."""
    kept: list[tuple[Label, int, int]] = []
    for axis, (label, n) in enumerate(zip(labels, shape, strict=True)):
        if label is not None:
            seen = next((k for k in kept if k[0] == label), None)
            if seen is not None:
                if seen[1] != n:
                    raise _Refusal(_diagonal_reason(label, name, seen[1], n))
                continue
        kept.append((label, n, axis))
    return kept


def _broadcast(
    iteration: list[Label], operands: list[list[tuple[Label, int, int]]], names: list[str], out: int
) -> tuple[Shape, bool]:
    """The size of each axis of the work, broadcast over the operands as NumPy's iterator
    does (the ``...`` axes from the right), and the first ``out`` of them as the shape."""
    sizes: list[int] = []
    stretched = False
    extras = iteration.count(None)
    for index, label in enumerate(iteration):
        seen: list[tuple[int, str, int]] = []  # size, operand, axis
        for axes, name in zip(operands, names, strict=True):
            if label is None:
                mine = [a for a in axes if a[0] is None]
                rank = extras - iteration[: index + 1].count(None)  # from the right
                if rank < len(mine):
                    _, n, axis = mine[len(mine) - 1 - rank]
                    seen.append((n, name, axis))
            else:
                found = next((a for a in axes if a[0] == label), None)
                if found is not None:
                    seen.append((found[1], name, found[2]))
        size = 1
        for n, name, axis in seen:
            if n == 1:
                continue
            if size not in (1, n):
                first = next(s for s in seen if s[0] != 1)
                what = f"the letter {label} is" if label else "an axis that '...' stands for is"
                raise _Refusal(
                    f"{what} {first[0]} in {first[1]} (axis {first[2]}) but {n} in {name} "
                    f"(axis {axis}), and only a size of 1 stretches to match"
                )
            size = n
        stretched = stretched or any(n != size for n, _, _ in seen)
        sizes.append(size)
    return tuple(sizes[:out]), stretched


__all__ = ["einsum", "einsum_shape"]
