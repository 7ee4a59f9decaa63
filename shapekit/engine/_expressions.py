"""Expressions inside a program: each node's operand, and the operations NumPy would refuse.

:class:`Walker` walks one expression of a module or notebook cell (never evaluating it) with
the names the interpreter knows, through its :class:`Host`. Operations are explained by the
rules of :mod:`shapekit.engine.ops`, as ``shapekit explain`` does; an operation that NumPy (or
Python, for lists) would refuse becomes a :class:`Refused` signal, caught at the root of the
expression and reported once, with whole corrected expressions checked by walking them again.
Functions and methods of NumPy live in ``shapekit.engine._numpy_api``.
"""

from __future__ import annotations

import ast
import builtins
import functools
import os
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from shapekit.engine import ops
from shapekit.engine._access import (
    _IN_PLACE,
    EXIT_FUNCTIONS,
    NUMERIC_CODES,
    STRICT,
    attribute,
    call,
    enum_of,
    spec_refused,
    subscript,
)
from shapekit.engine._approx import APPROX, approximated
from shapekit.engine._approx import binary as approx_binary
from shapekit.engine._approx import compared as approx_compared
from shapekit.engine._approx import indexed as approx_indexed
from shapekit.engine._approx import unary as approx_unary
from shapekit.engine._argparse import spoil_parsers
from shapekit.engine._exprtree import SETS_AN_ATTRIBUTE, Tree
from shapekit.engine._modules import BUILTINS_REPLACED
from shapekit.engine._objects import DICT_READS, host_of
from shapekit.engine._operands import (
    ARRAYLIKE,
    EITHER,
    FLOAT_MAX_INT,
    KIND_LETTERS,
    MAX_ITEMS,
    MAX_TEXT,
    ONE_SHOT,
    SPAN,
    STRING_IO,
    WIDTH,
    WRITTEN_HERE,
    Operand,
    ambiguous,
    array,
    array_shape,
    array_value,
    complex_shape,
    copied_layout,
    describe,
    dtype_of,
    dyadic,
    finite,
    from_python,
    items_of,
    known_text_value,
    known_truth,
    lazily,
    length,
    literal_list,
    masks,
    number,
    one_of_shapes,
    possible,
    remember,
    result_kind,
    sequence,
    size,
    slice_operand,
    unknown,
    values_written,
    wide_spec,
    width_of,
    written_count,
    zero_d,
)
from shapekit.engine._paths import joined, make_path, run_text
from shapekit.engine._saved import SAVERS
from shapekit.engine._saved import record as record_saved
from shapekit.engine.explanation import format_shape
from shapekit.engine.fixes import rewrite_candidates, transpose_text
from shapekit.errors import MismatchError, NotANumberError, RaggedError, ShapeError

Shape = tuple[int, ...]
Candidates = Callable[[int, str], list[tuple[str, str]]]

#: binary operators, by the name of their rule in :mod:`shapekit.engine.ops`
BINARY = {
    ast.Add: "add",
    ast.Sub: "sub",
    ast.Mult: "mul",
    ast.MatMult: "matmul",
    ast.Div: "div",
    ast.FloorDiv: "floordiv",
    ast.Mod: "mod",
    ast.Pow: "pow",
}
SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "matmul": "@", "div": "/", "floordiv": "//"}
#: Python's built-in functions the interpreter follows (others give an unknown)
BUILTINS = frozenset(
    {"len", "range", "zip", "list", "tuple", "enumerate", "print", "float", "int", "abs", "round",
     "bool", "sum", "max", "min", "map", "open", "any", "all", "sorted", "reversed", "format",
     "getattr", "setattr", "hasattr", "delattr", "vars", "super", "isinstance", "dict",
     "pow", "complex", "iter", "str", "filter"}
    # known as Python's own (what is not followed of them is unknown): `input.shape` for
    # `inputs.shape` is the AttributeError running raises
    | {"input", "id", "type", "hash", "repr", "chr", "ord", "callable", "dir", "help",
       "divmod", "bin", "hex", "oct", "ascii", "issubclass", "object", "slice", "next"}
    # what makes names at run time (followed as far as saying which names may change)
    | {"exec", "eval", "globals", "locals"}
    # the exception classes (``E = ValueError`` … ``except E:`` catches what ValueError does)
    | {name for name, value in vars(builtins).items()
       if isinstance(value, type) and issubclass(value, BaseException)}
)  # fmt: skip


#: operands that are functions or methods, not values (``w.transpose`` without its call)
_CALLABLE = frozenset({"method", "function", "userfunc"})
#: operators that are never arithmetic between text and a number (``"ab" * 3`` repeats,
#: ``"%d" % n`` formats: those are not among them)
_NO_TEXT_OPS = frozenset({"add", "sub", "div", "floordiv", "pow", "matmul"})


class Refused(Exception):
    """An operation NumPy or Python would refuse: the error, where, and how to fix it."""

    def __init__(
        self, error: MismatchError, node: ast.AST, candidates: Candidates | None = None
    ) -> None:
        super().__init__(error.message)
        self.error, self.node, self.candidates = error, node, candidates
        #: set when it was met where the expression may not get (``a if cond else b`` with
        #: ``cond`` not known): what that depends on
        self.depends: str | None = None


class Host(Protocol):
    """What the walker needs from the interpreter."""

    numpy: str | None  # the name NumPy is imported as, for fixes
    lazy: str | None  # why what is changed now is not known to change (see ProgramHost.lazy)
    operations: int  # how many more parts of expressions are followed (see ProgramHost)
    budget: int  # how many more statements are followed

    def lookup(self, name: str) -> Operand | None: ...

    def rebind(self, name: str, value: Operand) -> None: ...

    def mutate(self, target: Operand, changed: Operand | None, why: str) -> None: ...

    def replace_held(self, target: Operand, changed: Operand) -> None: ...

    def reshaped_everywhere(self, target: Operand, changed: Operand, why: str) -> None: ...

    def call(
        self, func: Operand, args: list[Operand], kwargs: dict[str, Operand], node: ast.Call
    ) -> Operand: ...

    def report(self, walker: Walker, refused: Refused, root: ast.AST) -> None: ...


#: the result shape of each binary operation NumPy allowed, by (rule, shape, shape): the
#: rules depend on the shapes alone, so an operation met again is not explained again
BINARY_RESULTS: dict[tuple[str, Shape, Shape], Shape] = {}
_UNSEEN: Any = object()
#: the most dimensions a NumPy array has
MAX_DIMENSIONS = 64
#: the most items (counting the items of each item that is a list) a comprehension makes
MAX_MADE = 250_000
#: the items of a list whose text (its items' __repr__) is followed when it is printed
MAX_TEXTS = 16
#: the method that walks each class of node, by (walker class, node class); None: not followed
_METHODS: dict[tuple[type, type], Any] = {}


class Walker(Tree):
    """Walks expressions written in ``text`` (a module or a cell) with the host's names."""

    def __init__(self, text: str, host: Host, cell: int | None = None, dry: bool = False) -> None:
        super().__init__(text)
        self.host, self.cell, self.dry = host, cell, dry
        self.scopes: list[dict[str, Operand]] = []  # comprehension variables
        self.first_iterable = False  # reading the outermost comprehension's first iterable
        self.read_now: ast.AST | None = None  # a generator a call reads as it is made
        #: the generator being made reads a ``zip(..., strict=True)`` of lengths that differ
        #: (the message of the ValueError it raises when read to its end)
        self.strict_ends: str | None = None
        self.made = 0  # the items (and their items) the outermost comprehension has made
        self.calling: ast.AST | None = None  # the function of the call being walked

    # -- entry point --
    def evaluate(self, root: ast.AST) -> Operand:
        """The operand of ``root``; a refused operation is reported (unless dry) and gives
        an ``error`` operand."""
        try:
            result = self.walk(root)
            if result.kind == "array" and result.shape is not None:
                self.check_size(root, result)
            return result
        except Refused as refused:
            if not self.dry:
                self.host.report(self, refused, root)
            if refused.depends is not None:  # x @ w if flag else x: the part that fails may
                return unknown(  # not run
                    f"`{self.short(root)}` at {self.where(root)}, which fails only if "
                    f"running gets there ({refused.depends})"
                )
            return Operand("error", error=refused.error, reason=refused.error.message)
        except RecursionError:
            return unknown(f"the expression at {self.where(root)}, which is nested too deeply")

    def check_size(self, node: ast.AST, result: Operand) -> None:
        """NumPy's ValueError for an array of more than 64 dimensions, or of more bytes than
        a 64-bit size can count (``np.zeros((10**6,) * 4)``)."""
        shape = result.shape or ()
        if len(shape) > MAX_DIMENSIONS:
            raise self.refuse(
                node,
                "shape",
                f"the result has {len(shape)} dimensions, and NumPy arrays have at most "
                f"{MAX_DIMENSIONS} (NumPy raises a ValueError: maximum supported dimension "
                f"for an ndarray is currently {MAX_DIMENSIONS})",
                raises="ValueError",
            )
        count = size(shape)
        if count * (1 if result.dtype == "b" else 8) >= 2**63:
            # (a count past the largest float is said by its power of ten)
            many = (
                f"{count:.3g}"
                if count.bit_length() < 1000
                else f"about 10**{int(count.bit_length() * 0.30103)}"
            )
            raise self.refuse(
                node,
                "shape",
                f"the result would have shape {format_shape(shape)}, {many} elements, more "
                "than a computer can count in bytes (NumPy raises a ValueError: array is too "
                "big)",
                raises="ValueError",
            )

    def walk(self, node: ast.AST) -> Operand:
        host = self.host
        if host.operations <= 0:  # (see ProgramHost.operations)
            host.budget = 0
        else:
            host.operations -= 1
        if PINNING[0]:  # (a part of the statement run, evaluated once: see ProgramHost.pinned)
            pinned = getattr(self.host, "pinned", None)
            if pinned and id(node) in pinned:
                return pinned[id(node)]
        key = (type(self), type(node))
        method = _METHODS.get(key, _UNSEEN)
        if method is _UNSEEN:  # looked up once per class of walker and of node
            method = _METHODS[key] = getattr(type(self), "_" + type(node).__name__, None)
        if method is None:
            return self.cannot(node)
        result: Operand = method(self, node)
        return result

    # -- places and messages --
    def where(self, node: ast.AST) -> str:
        line = getattr(node, "lineno", 1)
        return f"line {line}" + (f" of cell {self.cell}" if self.cell is not None else "")

    def position(self, node: ast.AST) -> tuple[int, int]:
        """1-based line and character column of ``node``."""
        line = getattr(node, "lineno", 1)
        start = self._offset(line, getattr(node, "col_offset", 0))
        return line, start - self._line_start[line - 1] + 1

    def raised_at(self, node: ast.AST) -> tuple[int, int]:
        """1-based line and character column where Python says ``node`` raised: a method
        call or an attribute whose name is on a later line than its start (a chain
        ``(x\n .reshape(3, 4)\n .T)``) raises at the name, as CPython's traceback says."""
        asked = getattr(node, "shapekit_truth_at", None)
        if asked is not None:  # the truth of a test written over several lines
            return asked
        named = node.func if isinstance(node, ast.Call) else node
        if (
            isinstance(named, ast.Attribute)
            and isinstance(named.ctx, ast.Load)
            and named.end_lineno is not None
            and named.end_col_offset is not None
            and named.end_lineno != getattr(node, "lineno", None)
            and len(named.attr) <= named.end_col_offset
        ):
            line = named.end_lineno
            start = self._offset(line, named.end_col_offset - len(named.attr))
            return line, start - self._line_start[line - 1] + 1
        return self.position(node)

    def short(self, node: ast.AST) -> str:
        text = " ".join(self.source(node).split())
        return text if len(text) <= 40 else text[:37] + "..."

    def cannot(
        self, node: ast.AST, why: str = "which cannot be followed without running the file"
    ) -> Operand:
        return unknown(f"`{self.short(node)}` at {self.where(node)}, {why}")

    def refuse(
        self,
        node: ast.AST,
        op: str,
        reason: str,
        candidates: Candidates | None = None,
        raises: str | None = None,
    ) -> Refused:
        """A refusal of ``node``: "cannot compute <its text>: <reason>" (``raises``: the
        builtin exception running it raises, when the operation alone does not tell)."""
        error = MismatchError(f"cannot compute {self.source(node)}: {reason}", op=op)
        error.raises = raises
        return Refused(error, node, candidates)

    def replacing(self, lo: int, hi: int, new: str, note: str) -> Candidates:
        """A fix that writes ``new`` in place of the text at offsets [lo, hi)."""

        def candidates(start: int, text: str) -> list[tuple[str, str]]:
            return [(text[: lo - start] + new + text[hi - start :], note)]

        return candidates

    def wrap_candidates(self, operands: list[ast.AST], note: str) -> Candidates | None:
        """A fix that converts ``operands`` with ``np.array(...)`` (None without NumPy)."""
        module = self.host.numpy
        if module is None:
            return None
        spans = sorted((self.span(o) for o in operands), reverse=True)

        def candidates(start: int, text: str) -> list[tuple[str, str]]:
            out = text
            for lo, hi in spans:
                inner = self.text[lo:hi]
                out = out[: lo - start] + f"{module}.array({inner})" + out[hi - start :]
            return [(out, note)]

        return candidates

    # -- leaves --
    def _Name(self, node: ast.Name) -> Operand:
        for scope in reversed(self.scopes):
            if node.id in scope:
                return scope[node.id]
        frame = getattr(self.host, "frame", None)
        if self.scopes and not self.first_iterable and frame is not None and frame.class_body:
            # a comprehension in a class body runs as a function of its own: the class's
            # names are not seen there (only its first iterable is read in the class)
            closure = frame.closure.get(node.id) if frame.closure is not None else None
            found = closure or self.host.module.names.get(node.id)  # type: ignore[attr-defined]
            if (
                found is None
                and node.id in frame.names
                and node.id not in BUILTINS
                and getattr(self.host, "dynamic", None) is None
            ):
                raise self.refuse(
                    node,
                    "name",
                    f"`{node.id}` is a name of the class body, and a comprehension there runs "
                    "as a function of its own, which does not see the class's names (Python "
                    f"raises a NameError: name '{node.id}' is not defined)",
                    raises="NameError",
                )
        else:
            found = self.host.lookup(node.id)
        if found is not None:
            if found.kind == "unknown" and found.name == "unbound":
                unbound = self.refuse(
                    node,
                    "name",
                    "it is " + (found.reason or "").replace(f"`{node.id}` ", "", 1),
                    raises="UnboundLocalError",
                )
                # the call stops there: the name is not said to be unbound again
                frame = getattr(self.host, "frame", None)
                if frame is not None:
                    frame.names[node.id] = Operand(
                        "error", error=unbound.error, reason=unbound.error.message
                    )
                raise unbound
            return found
        if node.id in BUILTINS:
            if getattr(self.host, "builtins_replaced", False) or (
                self.holds("builtins") and self.matches(BUILTINS_REPLACED)
            ):  # builtins.len = lambda x: 9 (here or in a module): not known which it is
                return self.cannot(node, "a builtin of Python's that the submission may replace")
            return Operand("function", name=f"builtins.{node.id}")
        if node.id == "__name__":  # "__main__" in the file checked, a module's own name
            return from_python(getattr(self.host, "module_name", "__main__"))
        file = getattr(self.host, "file", None)
        if node.id == "__file__" and self.cell is None and str(file).endswith(".py"):
            # a module's own file, as Python (3.9 and later) gives it: an absolute path (a
            # notebook has none: its name is not bound there)
            return run_text(
                self,
                make_path(os.path.abspath(str(file))),
                "`__file__`, the path of the file where the grader puts it, which only running "
                "it tells",
            )
        if node.id == "__file__" and self.cell is not None and not self.dry:
            # a notebook's kernel binds no __file__ (nbclient, Jupyter: a NameError), some
            # front ends do: either may be
            from shapekit.engine._operands import possible
            from shapekit.engine.program import UNDECIDED

            no_file = self.refuse(
                node,
                "name",
                "a notebook has no `__file__` when its kernel runs it as Jupyter does (Python "
                "raises a NameError: name '__file__' is not defined); some editors bind it",
                raises="NameError",
            )
            no_file.depends = UNDECIDED
            possible(self, no_file, "whether the kernel binds `__file__`")
            return unknown(f"`__file__` at {self.where(node)}, which a notebook may not have")
        name_error = getattr(self.host, "name_error", None)
        refused = name_error(self, node) if name_error is not None else None
        if refused is not None:
            raise refused
        return unknown(
            f"the name `{node.id}` at {self.where(node)}, which is not assigned before it is used"
        )

    def _Constant(self, node: ast.Constant) -> Operand:
        return from_python(node.value)

    def _JoinedStr(self, node: ast.JoinedStr) -> Operand:
        pieces: list[str] | None = []  # the text, while each part of it is known
        for part in node.values:  # f"{x @ w}" computes x @ w
            if isinstance(part, ast.Constant) and pieces is not None:
                pieces.append(str(part.value))
            if isinstance(part, ast.FormattedValue):
                value = self.walk(part.value)
                if pieces is not None:
                    pieces = _formatted(pieces, value, part)
                formats = (  # a class with __format__ of its own makes its text itself
                    value.kind == "instance"
                    and part.conversion == -1
                    and value.value is not None
                    and (value.value.cls is None or value.value.cls.lookup("__format__"))
                )
                if value.kind in ("instance", "list", "tuple") and not formats:
                    self.text_of(value, repr_=part.conversion == ord("r"))  # its __str__ runs
                spec = part.format_spec
                if part.conversion != -1 or not isinstance(spec, ast.JoinedStr):
                    continue  # f"{x!r:>20}" formats the text of x
                if all(isinstance(p, ast.Constant) for p in spec.values):
                    text = "".join(str(p.value) for p in spec.values)  # type: ignore[attr-defined]
                    refused = spec_refused(value, text)
                    if refused is not None:
                        message, raises = refused
                        shown = self.source(part.value)
                        raise self.refuse(
                            part.value,
                            "format",
                            f"{shown} is {describe(value)}, and {{{shown}:{text}}} {message}",
                            raises=raises,
                        )
        return Operand("str", value="".join(pieces)) if pieces is not None else Operand("str")

    def _List(self, node: ast.List | ast.Tuple) -> Operand:
        kind = "list" if isinstance(node, ast.List) else "tuple"
        rows = _number_rows(node)
        if rows is not None:  # the common case: numbers, or rows of them, measured as read
            operand = literal_list(rows[0], node, (self.cell, self.text))
            operand.memo["shape"], operand.memo["dtype"] = rows[1], rows[2]
            return operand
        literal = _literal(node)
        if literal is not None:
            return literal_list(literal, node, (self.cell, self.text))
        items: list[Operand] = []
        for element in node.elts:
            if isinstance(element, ast.Starred):  # [*m]: m.__iter__ runs
                given = self.walk(element.value)
                inner = items_of(self.iterated(given))
                self.used_up(given)  # ([*values] reads the iterator values through)
                if inner is None:
                    return self.cannot(element, "whose length is not known")
                items.extend(inner)
            else:
                items.append(self.walk(element))
        return sequence(kind, tuple(items))

    _Tuple = _List

    def used_up(self, given: Operand) -> None:
        """An iterator read through here (``[*values]``): every name holding it holds an
        iterator with nothing left."""
        spend = None if self.dry else getattr(self.host, "spend", None)
        if spend is not None and given.kind == "iter" and given.name in ONE_SHOT:
            spend(given, None)

    def _Set(self, node: ast.Set) -> Operand:
        from shapekit.engine._objects import refuse_unhashable

        for child in node.elts:
            if isinstance(child, ast.Starred):  # {*m}: m.__iter__ runs
                given = self.walk(child.value)
                self.iterated(given)
                self.used_up(given)
            else:
                refuse_unhashable(self, node, child, self.walk(child), "a set's item must be one")
        return Operand("other", reason="a set")

    def _Dict(self, node: ast.Dict) -> Operand:
        """A dict: its items by key when every key is written out, else what it holds is
        not known."""
        from shapekit.engine._objects import _followed, _key, new_dict, refuse_unhashable

        attrs: dict[Any, Operand] = {}
        dynamic = None
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            given = self.walk(key_node) if key_node is not None else None  # the key first
            value = self.walk(value_node)
            if key_node is None and value.kind == "dict" and _followed(value):
                attrs.update(value.value.attrs)  # {**a}: a's values themselves (not copies)
                continue
            if key_node is None or given is None:  # {**other}
                dynamic = f"`{self.short(node)}` at {self.where(node)}, which unpacks another dict"
                continue
            refuse_unhashable(self, node, key_node, given, "a dict's key must be one")
            known, key = _key(given)
            try:
                if known:
                    attrs[key] = value
                    continue
            except TypeError:  # an unhashable key: running the file fails here
                pass
            dynamic = f"`{self.short(node)}` at {self.where(node)}, whose keys are not all known"
        return new_dict(self, attrs, dynamic)

    # -- operators --
    def _UnaryOp(self, node: ast.UnaryOp) -> Operand:
        inner = self.walk(node.operand)
        if isinstance(node.op, ast.Not):  # Python's truth of what is known: a number, a list
            refused = self.truth_refused(node.operand, inner, "`not`", node)
            if refused is not None:
                raise refused
            truth = self.truth(inner)
            return number() if truth is None else number(not truth)
        if inner.kind in ("unknown", "error"):
            return inner
        if inner.kind == "instance":  # -layer calls the file's __neg__
            dunder = {ast.USub: "__neg__", ast.UAdd: "__pos__", ast.Invert: "__invert__"}
            special = getattr(self.host, "special", None)
            found = None if special is None else special(inner, dunder[type(node.op)], [])
            return found if found is not None else self.cannot(node)
        symbol = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}[type(node.op)]
        if (
            inner.kind == "other"
            and isinstance(inner.value, complex)
            and not isinstance(node.op, ast.Invert)
        ):  # -1j, as written out
            return from_python(-inner.value if symbol == "-" else +inner.value)
        if inner.kind == "number":
            value = inner.value
            if isinstance(value, (int, float)) and not isinstance(node.op, ast.Invert):
                return number(-value if symbol == "-" else +value)
            if value is None and SPAN in inner.memo and symbol != "~":
                first, last, line = inner.memo[SPAN]  # -i of a merged loop's i
                spanned = (-last, -first, line) if symbol == "-" else inner.memo[SPAN]
                return replace(number(), memo={SPAN: spanned})
            if type(value) is float:  # ~1.5
                raise self.refuse(
                    node,
                    "unary",
                    f"{self.source(node.operand)} is a float, and ~ inverts the bits of whole "
                    "numbers only (Python raises a TypeError: bad operand type for unary ~)",
                    raises="TypeError",
                )
            return number()
        if inner.kind == "array" and symbol in "-+" and inner.dtype == "b":
            raise self.refuse(
                node,
                "unary",
                f"{self.source(node.operand)} holds booleans, and NumPy has no unary {symbol} for "
                "them (a TypeError); ~ or np.logical_not flips them, .astype(int) makes numbers",
                raises="TypeError",
            )
        if inner.kind == "array" and symbol == "~" and inner.dtype == "f":
            raise self.refuse(
                node,
                "unary",
                f"{self.source(node.operand)} holds floats, and ~ inverts the bits of whole "
                "numbers and booleans only (NumPy raises a TypeError: ufunc 'invert' not "
                "supported for the input types)",
                raises="TypeError",
            )
        if inner.kind == "array":
            value = inner.value
            if value is not None and symbol == "~" and value.dtype.kind not in "biu":
                value = None
            if value is not None:
                import numpy as np

                with np.errstate(all="ignore"):  # (~mask flips booleans, ~i inverts bits)
                    value = -value if symbol == "-" else +value if symbol == "+" else ~value
            made = array(inner.shape or (), value, inner.dtype)
            if value is None and symbol == "-" and inner.dtype == "f":  # -np.log(p)
                made = approximated(made, lambda: approx_unary("negative", inner))
            return made
        if inner.kind in ("list", "tuple"):
            raise self.refuse(
                node,
                "unary",
                f"{self.source(node.operand)} is {describe(inner)}, and Python has no unary "
                f"{symbol} for a {inner.kind} (a NumPy array has one)",
                self.wrap_candidates([node.operand], "convert it to an array"),
            )
        return self.cannot(node)

    def _BinOp(self, node: ast.BinOp) -> Operand:
        left, right = self.walk(node.left), self.walk(node.right)
        op = BINARY.get(type(node.op))
        if op is None:  # bit operators and shifts: only their operands are followed
            stop = self.merge_unknown(node, left, right)
            if stop is not None:
                return stop
            made = self.bitwise(node, node.op, (node.left, node.right), (left, right))
            if made is not None:
                return made
            if isinstance(node.op, ast.BitOr) and left.kind == right.kind == "dict":
                from shapekit.engine._objects import _followed, new_dict

                if _followed(left) and _followed(right):  # a | b: a new dict, their values
                    return new_dict(self, {**left.value.attrs, **right.value.attrs})
            return number() if left.kind == right.kind == "number" else self.cannot(node)
        if op == "div" and "other" in (left.kind, right.kind):
            path = joined(left, right)  # Path("data") / "w.csv"
            if path is not None:
                return path
        lo, hi = self.span(node)
        made = self.binary(node, op, (node.left, node.right), (left, right), lo, hi)
        if made.kind == "number" and made.value is None and left.kind == right.kind == "number":
            return _spanned(op, left, right, made)
        return made

    def bitwise(
        self,
        node: ast.AST,
        op: ast.operator,
        nodes: tuple[ast.expr, ast.expr],
        operands: tuple[Operand, Operand],
    ) -> Operand | None:
        """``a & b`` (or ``|``, ``^``, ``<<``, ``>>``, in place too) of arrays and numbers:
        NumPy's TypeError when a float is among them, else the shapes broadcast. None when
        neither side is an array or a number."""
        left, right = operands
        bits = isinstance(op, (ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift))
        arrays = any(o.kind == "array" for o in (left, right))
        numbers = left.kind == right.kind == "number"
        if bits and (arrays or numbers) and any(dtype_of(o) == "f" for o in (left, right)):
            # (inputs > 0) & 1.5: bits of whole numbers and booleans only
            symbol = {ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<",
                      ast.RShift: ">>"}[type(op)]  # fmt: skip
            raise self.refuse(
                node,
                "bitwise",
                f"{symbol} works on the bits of whole numbers and booleans, and a float is "
                + (
                    "among them (Python raises a TypeError: unsupported operand type(s))"
                    if numbers
                    else "among them (NumPy raises a TypeError: ufunc not supported for the "
                    "input types); for a condition on both, compare first: (a > 0) & (b > 0)"
                ),
                raises="TypeError",
            )
        if bits and arrays and all(o.kind in ("array", "number") for o in (left, right)):
            # (x > 0) & (x < 1): element by element, the shapes broadcast
            lo, hi = self.span(node)
            made = self.numpy_binary(node, "bitwise", nodes, (left, right), lo, hi)
            return _bits_of(op, left, right, made)
        return None

    def inert_refused(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ...],
        operands: tuple[Operand, ...],
        what: str | None = None,
    ) -> Refused:
        """An instance of the file's class that is nothing to compute with (see
        ``inert_instance``) given to arithmetic or to NumPy: Python's TypeError (NumPy's
        ValueError for a matrix product with an array, which takes it for 0 dimensions), with
        the array it holds as the likely meaning (``act.output``)."""
        side = next(i for i, o in enumerate(operands) if o.kind == "instance")
        instance, written = operands[side], nodes[side]
        others = [o for i, o in enumerate(operands) if i != side]
        raises = (
            "ValueError"
            if op == "matmul" and any(o.kind == "array" for o in others)
            else "TypeError"
        )
        held = [
            k for k, v in instance.value.attrs.items() if v.kind == "array" and isinstance(k, str)
        ]
        source = self.source(written)
        meant = f"{source}.{held[0]}" if len(held) == 1 else None
        doing = what or f"the operator {ops.BINARY_OPS.get(op, op)}"
        hi = self.span(written)[1]
        return self.refuse(
            node,
            op,
            f"{source} is {describe(instance)}, an object of the file's class, not an array, and "
            f"{doing} cannot compute with it (running it raises a {raises})"
            + (f"; did you mean `{meant}`, the array it holds?" if meant else ""),
            self.replacing(hi, hi, f".{held[0]}", "the array it holds") if meant else None,
            raises=raises,
        )

    def merge_unknown(self, node: ast.AST, *operands: Operand) -> Operand | None:
        """The first unknown or failed operand, which makes ``node`` unknown too."""
        for operand in operands:
            if operand.kind in ("unknown", "error"):
                return operand
        return None

    def either_fails(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ast.AST],
        operands: tuple[Operand, Operand],
        stop: Operand,
    ) -> Operand:
        """``stop``, the unknown that an operation of an operand not known gives, unless an
        operand is one of several shapes (see :data:`EITHER`) and the other known: for each
        shape, NumPy's rule; one that fails is a possible problem (running fails there when
        the way through the code that gives that shape is taken), and the result is one of
        the shapes the others give."""
        from shapekit.engine._binops import RULES

        if self.dry or op not in RULES or not any(EITHER in o.memo for o in operands):
            return stop
        choices: list[tuple[Shape, ...]] = []
        for operand in operands:
            if EITHER in operand.memo:
                choices.append(operand.memo[EITHER])
            elif operand.kind in ("array", "number", "list", "tuple"):
                found = array_shape(operand)
                if not isinstance(found, tuple):
                    return stop
                choices.append((found,))
            else:
                return stop
        made: list[Shape] = []
        for a in choices[0]:
            for b in choices[1]:
                explanation, error = ops.try_binary(op, a, b, suggest=False)
                if error is None:
                    if explanation.shape is not None and explanation.shape not in made:
                        made.append(explanation.shape)
                    continue
                from shapekit.engine.program import UNDECIDED

                side = 0 if EITHER in operands[0].memo else 1
                refused = self.refuse(
                    node,
                    op,
                    f"{self.source(nodes[side])} may have the shape "
                    f"{format_shape(a if side == 0 else b)} ({operands[side].reason}), and "
                    f"then: {error.message}",
                    raises="ValueError",
                )
                refused.depends = UNDECIDED
                way = f"the way through the code that gives {self.source(nodes[side])} that shape"
                possible(self, refused, way)
                return stop
        if made and len(made) > 1:
            return one_of_shapes(made, stop.reason or "")
        return stop

    def not_called(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ast.AST],
        operands: tuple[Operand, Operand],
    ) -> Refused:
        """``x @ w.transpose`` or ``x + w.sum``: a function that is not called is no value
        (NumPy's ValueError for a matrix product with an array, else Python's TypeError)."""
        side = 0 if operands[0].kind in _CALLABLE else 1
        written, other = self.source(nodes[side]), operands[1 - side]
        hi = self.span(nodes[side])[1]
        raises = "ValueError" if op == "matmul" and other.kind == "array" else "TypeError"
        meant = self.meant(nodes[side], operands[side])
        return self.refuse(
            node,
            op,
            f"{written} is {describe(operands[side])}, which is not called, so it has no value "
            f"to compute with (running it raises a {raises}); "
            + (f"did you mean `{meant}`?" if meant else f"write {written}() to call it"),
            # a method of an array is called with nothing (the file's own may need arguments)
            self.replacing(hi, hi, "()", "call it")
            if operands[side].kind == "method"
            else self.renaming(nodes[side], meant),
            raises=raises,
        )

    def meant(self, node: ast.AST, operand: Operand) -> str | None:
        """For Python's own function written where a name of the file was meant (``input``
        for ``inputs``): that name, one slip of the keyboard away; else None."""
        if not (isinstance(node, ast.Name) and (operand.name or "").startswith("builtins.")):
            return None
        frame = getattr(self.host, "frame", None)
        module = getattr(self.host, "module", None)
        names = {*getattr(frame, "names", {}), *getattr(module, "names", {})}
        for scope in self.scopes:
            names.update(scope)
        from shapekit.engine._host import _one_slip

        close = sorted(n for n in names if n != node.id and _one_slip(node.id, n))
        return close[0] if close else None

    def renaming(self, node: ast.AST, meant: str | None) -> Candidates | None:
        """The fix that writes the name ``meant`` in place of ``node`` (see :meth:`meant`);
        None without one."""
        return (
            None if meant is None else self.replacing(*self.span(node), meant, f"the name {meant}")
        )

    def formatted(self, node: ast.AST, text: str, values: Operand) -> Operand:
        """``"%d by %d" % x.shape``: Python's TypeError when the text asks for more values
        than it is given, or fewer; the result is text."""
        wanted = percent_fields(text)
        given = length(values) if values.kind == "tuple" else 1
        if values.kind in ("unknown", "error", "dict"):
            given = None
        if wanted is not None and given is not None and wanted == given:
            each = items_of(values) if values.kind == "tuple" else (values,)
            for conversion, value in zip(percent_conversions(text), each or (), strict=False):
                if conversion in NUMERIC_CODES and value.kind in ("array", "list", "tuple"):
                    if value.kind == "array" and value.shape in ((), None):
                        continue  # a single number converts
                    raise self.refuse(
                        node,
                        "mod",
                        f"%{conversion} takes one number, and it is given {describe(value)} "
                        "(Python raises a TypeError: only 0-dimensional arrays can be converted "
                        "to Python scalars)",
                        raises="TypeError",
                    )
        if wanted is not None and given is not None and wanted != given:
            problem = (
                "not enough arguments for format string"
                if wanted > given
                else "not all arguments converted during string formatting"
            )
            raise self.refuse(
                node,
                "mod",
                f"the text asks for {wanted} value{'s' * (wanted != 1)} and is given {given} "
                f"(Python raises a TypeError: {problem})",
                raises="TypeError",
            )
        each = items_of(values) if values.kind == "tuple" else (values,)
        known = [known_text_value(v) for v in each or ()]
        if each and all(k is not None for k in known) and not wide_spec(text) and "*" not in text:
            try:  # "W%d" % l: Python's own formatting of values written in the file (not
                done = text % tuple(v.value for v in each)  # "%0*d", whose width is a value)
            except (TypeError, ValueError, OverflowError, MemoryError):
                return Operand("str")
            return Operand("str", value=done) if len(done) <= MAX_TEXT else Operand("str")
        return Operand("str")

    def binary(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ast.AST],
        operands: tuple[Operand, Operand],
        lo: int,
        hi: int,
    ) -> Operand:
        """A binary operation with Python's rules for numbers and lists, NumPy's for arrays."""
        left, right = operands
        stop = self.merge_unknown(node, left, right)
        if stop is not None:
            return self.either_fails(node, op, nodes, operands, stop)
        kinds = {left.kind, right.kind}
        if "str" in kinds and op in _NO_TEXT_OPS:
            other, side = (right, 1) if left.kind == "str" else (left, 0)
            if other.kind == "number" or (other.kind == "array" and other.dtype in ("b", "i", "f")):
                text = self.source(nodes[1 - side])
                raise self.refuse(
                    node,
                    op,
                    f"{text} is text, {describe(operands[1 - side])}, and "
                    f"{self.source(nodes[side])} is {describe(other)}: Python and NumPy do "
                    f"not do arithmetic on text (a TypeError); float({text}) reads a number "
                    "written as text",
                    raises="TypeError",
                )
        if left.kind == "str" and op == "mod" and isinstance(left.value, str):
            return self.formatted(node, left.value, right)
        if op == "mul" and "str" in kinds:  # "-" * 40 repeats the text; "-" * 7.5 fails
            other, side = (right, 1) if left.kind == "str" else (left, 0)
            if other.kind == "number" and isinstance(other.value, int):
                return Operand("str")
            floats = (other.kind == "number" and type(other.value) is float) or (
                other.kind == "array" and other.shape == () and other.dtype == "f"
            )
            if floats:
                raise self.refuse(
                    node,
                    op,
                    f"{self.source(nodes[side])} is {describe(other)}, and text repeats a whole "
                    "number of times (Python raises a TypeError: can't multiply sequence by "
                    f"non-int of type 'float'); int({self.source(nodes[side])}) is a whole number",
                    raises="TypeError",
                )
        if op == "add" and "str" in kinds and kinds & {"tuple", "list"}:
            other = right if left.kind == "str" else left
            raise self.refuse(
                node,
                op,
                f"{self.source(nodes[0])} is {describe(left)} and {self.source(nodes[1])} is "
                f"{describe(right)}: + joins text only to text (Python raises a TypeError); "
                f"str({self.source(nodes[1] if other is right else nodes[0])}) is its text",
                raises="TypeError",
            )
        if "none" in kinds and kinds - {"none"} <= ARRAYLIKE | {"none"}:
            raise self.refuse_none(node, op, nodes, operands)
        if "enum" in kinds and kinds <= ARRAYLIKE | {"enum", "str"}:
            side = 0 if left.kind == "enum" else 1
            raise self.enum_refused(node, op, nodes[side], operands[side])
        if kinds & _CALLABLE and kinds <= ARRAYLIKE | _CALLABLE:
            raise self.not_called(node, op, nodes, operands)
        if (
            "instance" in kinds
            and op in _DUNDERS
            and not (
                left.kind == right.kind == "instance" and left.value.cls is not right.value.cls
            )
        ):  # layer @ x calls Layer.__matmul__ (two classes: which goes first is not followed)
            special = getattr(self.host, "special", None)
            found = None
            if special is not None and left.kind == "instance":
                found = special(left, f"__{_DUNDERS[op]}__", [right])
            if (
                found is None
                and special is not None
                and right.kind == "instance"
                and (
                    left.kind in ("number", "list", "tuple", "str")  # an array does not defer
                )
            ):
                found = special(right, f"__r{_DUNDERS[op]}__", [left])
            if found is not None:
                return found
        if op == "add" and kinds == {"str"}:  # "W" + str(l): text joined
            both = (left.value, right.value)
            if all(isinstance(t, str) for t in both) and sum(map(len, both)) <= MAX_TEXT:
                return Operand("str", value=left.value + right.value)
            return Operand("str")
        if op in _DUNDERS and "instance" in kinds and kinds <= ARRAYLIKE | {"instance"}:
            inert = getattr(self.host, "inert_instance", None)
            if inert is not None and all(inert(o) for o in operands if o.kind == "instance"):
                raise self.inert_refused(node, op, nodes, operands)
        if not kinds <= ARRAYLIKE:
            return self.cannot(node, f"an operation on {describe(left)} and {describe(right)}")
        if kinds == {"number"}:
            if op == "matmul":
                raise self.refuse(
                    node,
                    op,
                    "both operands are Python numbers, and @ multiplies matrices "
                    "(use * to multiply numbers)",
                    raises="TypeError",
                )
            if (
                op in ("div", "floordiv", "mod")
                and type(right.value) in (int, float, bool)
                and right.value == 0
            ):  # Python numbers (a NumPy number gives inf with a warning instead)
                raise self.refuse(
                    node,
                    op,
                    (
                        "the divisor is 0"
                        if self.source(nodes[1]) == "0"
                        else f"the divisor {self.source(nodes[1])} is 0"
                    )
                    + ", and Python refuses to divide a number by zero (a ZeroDivisionError)",
                    raises="ZeroDivisionError",
                )
            if op == "pow":
                refused = _python_power_refused(left.value, right.value)
                if refused is not None:
                    raise self.refuse(node, op, refused[0], raises=refused[1])
            return number(_python_arithmetic(op, left.value, right.value))
        if "array" not in kinds and op not in ("dot", "maximum"):
            return self.python_sequences(node, op, nodes, left, right)
        if op == "mul" and kinds & {"list", "tuple"} and (left.shape == () or right.shape == ()):
            return self.scalar_times_sequence(node, nodes, left, right)
        return self.numpy_binary(node, op, nodes, operands, lo, hi)

    def truth(self, operand: Operand) -> bool | None:
        """Whether a condition is true, when that is known: its value (a number, text,
        None), a function or class (always true), or an instance of the file's class (what
        its ``__bool__`` or ``__len__`` gives, followed; true when it has neither)."""
        found = known_truth(operand)
        if found is not None:
            return found
        if operand.kind in _ALWAYS_TRUE:
            return True
        if operand.kind in ("list", "tuple"):  # true when it has items
            count = length(operand)
            return None if count is None else count > 0
        judge = getattr(self.host, "instance_truth", None)
        if operand.kind == "instance" and judge is not None and not self.dry:
            return judge(operand)
        return None

    def truth_refused(
        self, node: ast.AST, operand: Operand, used: str, at: ast.AST | None = None
    ) -> Refused | None:
        """NumPy's ValueError for the truth of an array of more than one element (``if x >
        0:``, ``not x``, ``x < y < z``), or None (``at``: the construct asking for it, whose
        first line CPython names when the operand starts on a later one)."""
        count = ambiguous(operand)
        empty = (
            count is None
            and operand.kind == "array"
            and operand.shape is not None
            and 0 in operand.shape
            and _empty_truth_refused()
        )
        if count is None and not empty:
            return None
        if (
            at is not None
            and getattr(at, "lineno", None) != getattr(node, "lineno", None)
            and (
                not isinstance(node, ast.Compare)
                or (  # not (…) whose value is kept, bool(…): their own instruction raises
                    isinstance(at, (ast.UnaryOp, ast.Call))
                    and not getattr(at, "shapekit_jumps", False)
                )
            )
        ):  # `if (\n    a\n):` is asked on the if's line; `if (\n    a > 0\n):` on the
            # comparison's own (CPython 3.10 on); `not (\n    a > 0\n)` by the not itself
            node.shapekit_truth_at = (at.lineno, at.col_offset + 1)  # type: ignore[attr-defined]
        while isinstance(node, ast.BoolOp):  # `n > 0 and x`: its value is x (see _BoolOp)
            node = node.values[-1]
        text = self.source(node)
        shown = text if len(text) <= 40 and "\n" not in text else "this array"
        simple = isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call))
        whole = shown if simple else f"({shown})"
        if empty:  # NumPy 2.2 on: an error, no longer False with a warning
            return self.refuse(
                node,
                "truth",
                f"{shown} is an empty array of shape {format_shape(operand.shape or ())}, and "
                f"{used} needs one True or False: NumPy raises a ValueError (the truth value of "
                f"an empty array is ambiguous); write {whole}.size > 0 to ask whether it has "
                "elements",
                raises="ValueError",
            )
        hint = (
            "write (x < y) & (y < z) to compare element by element"
            if isinstance(node, ast.Compare) and len(node.ops) > 1
            else f"write {whole}.any() or {whole}.all()"
        )
        return self.refuse(
            node,
            "truth",
            f"{shown} is an array of shape {format_shape(operand.shape or ())} ({count} "
            f"elements), and {used} needs one True or False: NumPy raises a ValueError (the "
            f"truth value of an array with more than one element is ambiguous); {hint}",
            raises="ValueError",
        )

    def enum_refused(self, node: ast.AST, op: str, where: ast.AST, member: Operand) -> Refused:
        """A member of a plain Enum of the file's used as a number (in arithmetic, as an
        axis, a size or an index): Python's TypeError (NumPy's IndexError as an index); the
        fix reads its ``.value``."""
        klass, _, _ = member.name.partition(".")
        text = self.source(where)
        lo, hi = self.span(where)
        raises = "IndexError" if op == "index" else "TypeError"
        said = (
            "only integers, slices … are valid indices"
            if raises == "IndexError"
            else f"'{klass}' object cannot be interpreted as an integer"
            if op == "call"
            else "unsupported operand type(s)"
        )
        return self.refuse(
            node,
            op,
            f"{text} is a member of the Enum {klass}, not its value {member.value[1]!r}: an "
            f"Enum's members are no numbers (Python raises a {raises}: {said}); "
            f"{text}.value is the number",
            self.replacing(lo, hi, f"{text}.value", "the member's value"),
            raises=raises,
        )

    def refuse_none(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ...],
        operands: tuple[Operand, ...],
        who: str | None = None,
    ) -> Refused:
        """Arithmetic with ``None`` (what a function without ``return`` gives), or a NumPy
        function ``who`` (``np.maximum``) given it: Python's TypeError, or NumPy's
        ValueError for a matrix product of an array and ``None``."""
        side = next(i for i, o in enumerate(operands) if o.kind == "none")
        other = operands[1 - side] if len(operands) == 2 else operands[side]
        product = op == "matmul" or who == "np.matmul"
        raises = "ValueError" if product and other.kind == "array" else "TypeError"
        by = who or ("NumPy" if other.kind == "array" else "Python")
        return self.refuse(
            node,
            op,
            f"{self.none_is(nodes[side])}, and {by} computes nothing with None (a {raises})",
            raises=raises,
        )

    def none_is(self, node: ast.AST) -> str:
        """``x is None``, with the reason when ``x`` is a call of a function."""
        text = self.source(node)
        if isinstance(node, ast.Constant):
            return "the argument is None"
        if isinstance(node, ast.Call):
            return (
                f"{text} gives None (a function that ends without `return value` gives None; "
                "did it forget to return its result?)"
            )
        return f"{text} is None"

    def python_sequences(
        self, node: ast.AST, op: str, nodes: tuple[ast.AST, ast.AST], left: Operand, right: Operand
    ) -> Operand:
        """``+`` and ``*`` on Python lists and tuples join and repeat them; the rest fails."""
        if op == "add" and left.kind == right.kind:
            a, b = items_of(left), items_of(right)
            if a is None or b is None:
                return self.cannot(node, "a joined list whose length is not known")
            return sequence(left.kind, a + b)
        if op == "mul":
            seq, times = (left, right) if left.kind in ("list", "tuple") else (right, left)
            # (a bool is a whole number to Python: [0.0] * flag is [] or [0.0])
            if times.kind == "number" and (times.value is None or isinstance(times.value, int)):
                items = items_of(seq)
                count = None if times.value is None else max(int(times.value), 0)
                if (
                    count is None
                    or items is None
                    or len(items) * count > 10_000
                    or count > sys.maxsize  # () * 2**63: Python's OverflowError, not said
                ):
                    return self.cannot(node, "a repeated list whose length is not known")
                return sequence(seq.kind, items * count)
        symbol = SYMBOLS.get(op, op)
        raise self.refuse(
            node,
            op,
            f"Python refuses {symbol} between {describe(left)} and {describe(right)}: "
            "a list is not an array, and only NumPy arrays compute "
            + ("matrix products" if op == "matmul" else "element by element"),
            self.converted_candidates(op, nodes, (left, right)),
            raises="TypeError",
        )

    def converted_candidates(
        self, op: str, nodes: tuple[ast.AST, ast.AST], operands: tuple[Operand, Operand]
    ) -> Candidates | None:
        """Fixes for an operation Python refuses on lists: the first list made an array, and
        (for the products) the transposes NumPy might then need."""
        module = self.host.numpy
        if module is None:
            return None
        spans = [self.span(n) for n in nodes]
        lists = [o.kind in ("list", "tuple") for o in operands]
        first = lists.index(True)
        ndims = [len(s) if isinstance(s := array_shape(o), tuple) else 0 for o in operands]

        def text_of(i: int, wrap: bool, transpose: bool) -> str:
            inner = self.text[slice(*spans[i])]
            written = f"{module}.array({inner})" if wrap else inner
            return transpose_text(written) if transpose else written

        variants = [((first == 0, False), (first == 1, False))]
        if ndims[1] >= 2:
            variants.append(((lists[0], False), (lists[1], True)))
        if ndims[0] >= 2:
            variants.append(((lists[0], True), (lists[1], False)))

        def candidates(start: int, text: str) -> list[tuple[str, str]]:
            out = []
            for (wrap_a, t_a), (wrap_b, t_b) in variants:
                new = text
                for i, wrap, t in sorted(
                    ((0, wrap_a, t_a), (1, wrap_b, t_b)), key=lambda e: -spans[e[0]][0]
                ):
                    lo, hi = spans[i]
                    new = new[: lo - start] + text_of(i, wrap, t) + new[hi - start :]
                out.append((new, "convert the list to a NumPy array"))
            return out

        return candidates

    def scalar_times_sequence(
        self, node: ast.AST, nodes: tuple[ast.AST, ast.AST], left: Operand, right: Operand
    ) -> Operand:
        """A NumPy scalar times a list: Python repeats the list (an integer scalar) or refuses
        (a float), before NumPy is asked."""
        seq, scalar = (left, right) if left.kind in ("list", "tuple") else (right, left)
        if scalar.dtype == "i" and not zero_d(scalar):
            times = scalar.value
            items = items_of(seq)
            if (
                times is not None
                and items is not None
                and len(items) * max(int(times), 0) <= MAX_ITEMS
            ):
                return sequence(seq.kind, items * max(int(times), 0))  # [0.0] * np.int64(2)
            return self.cannot(node, "a list repeated a number of times not known")
        if zero_d(scalar):  # np.array(2.5) * [1, 2]: NumPy multiplies element by element
            return self.cannot(node, "a list times an array of 0 dimensions")
        if scalar.dtype in ("f", "b") and scalar.kind == "array":
            raise self.refuse(
                node,
                "mul",
                f"Python multiplies a {seq.kind} only by a whole number (repeating it), and "
                "this is a NumPy float; convert the list first so that NumPy multiplies "
                "element by element",
                self.wrap_candidates(
                    [n for n, o in zip(nodes, (left, right), strict=True) if o is seq],
                    "convert it to a NumPy array",
                ),
                raises="TypeError",
            )
        return self.cannot(node)

    def saved_homogeneous(
        self, node: ast.Call, saver: str, args: list[Operand], kwargs: dict[str, Operand]
    ) -> None:
        """``np.save(path, [W1, W2])`` of a list NumPy cannot make one array of (arrays of
        other shapes): its ValueError (``np.savez`` of each array given, the same)."""
        given = (
            list(args[1:2])
            if saver in ("numpy.save", "numpy.savetxt")
            else [*args[1:], *kwargs.values()]
        )
        if saver == "numpy.savetxt":
            self.savetxt_format(node, args, kwargs)
        for value in given:
            if value.kind not in ("list", "tuple"):
                continue
            found = array_shape(value)
            if isinstance(found, RaggedError):
                raise self.refuse(
                    node,
                    "call",
                    f"NumPy makes one array of what it saves, and {found.message} (NumPy raises "
                    "a ValueError: setting an array element with a sequence; the requested array "
                    "has an inhomogeneous shape); np.savez(path, W1=W1, W2=W2) keeps each array "
                    "apart",
                    raises="ValueError",
                )

    def savetxt_format(
        self, node: ast.Call, args: list[Operand], kwargs: dict[str, Operand]
    ) -> None:
        """``np.savetxt(path, X, fmt=…, delimiter=…)`` of an array of known shape and kind,
        with its format and delimiter written out: what NumPy refuses (an array of 3
        dimensions, ``fmt="%d %d"`` for 4 columns, ``"%x"`` of floats), found by saving a row
        of zeros of that kind into memory (which of them fails does not hang on the values)."""
        import io

        import numpy

        names = ("fname", "X", "fmt", "delimiter")
        given = dict(zip(names, args, strict=False))
        if len(args) > len(names) or given.keys() & kwargs.keys():
            return
        given.update(kwargs)
        if given.keys() - {*names, "header", "footer", "comments", "newline", "encoding"}:
            return
        value = given.get("X")
        if value is None or value.kind != "array" or value.dtype not in ("b", "i", "f"):
            return
        shape = value.shape
        if shape is None or any(not isinstance(d, int) for d in shape):
            return
        options: dict[str, Any] = {}
        for key in ("fmt", "delimiter"):
            option = given.get(key)
            if option is None:
                continue
            items = items_of(option) if option.kind in ("list", "tuple") else None
            written = (
                option.value
                if option.kind == "str"
                else [i.value for i in items]
                if items is not None and all(i.kind == "str" for i in items)
                else None
            )
            if not isinstance(written, (str, list)):
                return
            options[key] = written
        if len(shape) == 2 and shape[1] > 10_000:
            return  # (too wide a row to try)
        texts = [options.get("fmt")] if isinstance(options.get("fmt"), str) else options.get("fmt")
        if any(
            len(t) > 10_000 or any(len(d) > 4 for d in re.findall(r"\d+", t))
            for t in (texts or [])
            if isinstance(t, str)
        ):
            return  # ("%1500000000d": a width not tried, the text would take gigabytes)
        # one row stands for them all (a 2-D array's columns kept); of no rows, none is
        # formatted (the array itself is tried: its columns are still counted)
        row = (
            tuple(shape)
            if not all(shape)
            else (1, shape[1])
            if len(shape) == 2
            else (1,) * len(shape)
        )
        kind = {"b": numpy.bool_, "i": numpy.int64, "f": numpy.float64}[value.dtype]
        try:
            numpy.savetxt(io.StringIO(), numpy.zeros(row, kind), **options)
        except (ValueError, TypeError, AttributeError) as error:
            raise self.refuse(
                node,
                "call",
                f"NumPy refuses to write {self.source(node.args[1]) if len(node.args) > 1 else 'X'}"
                f" of shape {format_shape(shape)} as text ({type(error).__name__}: {error})",
                raises=type(error).__name__,
            ) from None

    def array_in_items(self, node: ast.Compare, item: Operand, held: Operand) -> None:
        """``x in items`` of an array ``x``: Python takes each item in turn, stops at one that
        is ``x`` itself, and else takes the truth of ``item == x``: NumPy's ValueError when
        their shapes do not broadcast, or when that gives more than one bool."""
        from shapekit.engine._numpy_api import _broadcast

        items = items_of(held)
        if items is None or item.shape is None:
            return
        shown, where = self.source(node.left), self.source(node.comparators[0])
        for other in items:
            if other is item:
                return  # (found: nothing after it is compared)
            if other.kind != "array" or other.shape is None:
                return  # (a number, a list …: not judged here)
            met = _broadcast(item.shape, other.shape)
            if met is None:
                raise self.refuse(
                    node,
                    "compare",
                    f"`{shown} in {where}` compares {shown}, {describe(item)}, with each item of "
                    f"{where} in turn, and meets one of shape {other.shape}, which does not "
                    "broadcast with it (NumPy raises a ValueError: operands could not be "
                    "broadcast together); any(item is x for item in items) asks whether it is "
                    "there",
                    raises="ValueError",
                )
            if size(met) != 1:
                raise self.refuse(
                    node,
                    "compare",
                    f"`{shown} in {where}` compares {shown}, {describe(item)}, with each item of "
                    f"{where} in turn, and Python cannot take the truth of the array of bools a "
                    "comparison gives (NumPy raises a ValueError: The truth value of an array "
                    "with more than one element is ambiguous); any(item is x for item in items) "
                    "asks whether it is there",
                    raises="ValueError",
                )
            mine, theirs = array_value(item), array_value(other)
            if mine is None or theirs is None:
                return  # (one element each: True or False, not known which)
            if bool((mine == theirs).all()):
                return  # (equal: found, nothing after it is compared)

    def numpy_binary(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ast.AST],
        operands: tuple[Operand, Operand],
        lo: int,
        hi: int,
    ) -> Operand:
        """An operation NumPy computes; an array of small integers met by a Python integer
        keeps its width (NEP 50), or refuses one outside it (see :meth:`fits`)."""
        width = None
        for array_side, number_side in (operands, operands[::-1]):
            if (
                array_side.kind == "array"
                and array_side.dtype in ("f", "c")
                and number_side.kind == "number"
                and type(number_side.value) is int
                and abs(number_side.value) > FLOAT_MAX_INT
            ):  # np.zeros(3) * 10**400: NumPy makes a float of the Python int first
                raise self.refuse(
                    node,
                    op,
                    f"{self.source(nodes[0] if number_side is operands[0] else nodes[1])} is "
                    "past the largest "
                    "float (about 1.8e308), and the array it meets holds floats, so NumPy makes "
                    "a float of it first and cannot (an OverflowError: int too large to convert "
                    "to float)",
                    raises="OverflowError",
                )
        asked = self.dtype_asked(node)  # np.add(u8, 300, dtype=np.int32): computed in int32
        if op not in ("div", "compare", "matmul", "dot", "logical", "heaviside") and asked != "":
            # (logical_and and heaviside compute in booleans and floats: no cast to uint8)
            for array_side, number_side in (operands, operands[::-1]):
                found = width_of(array_side) if asked is None else asked
                if (
                    found == "int64"  # (NumPy's default integers: a width not followed, no)
                    and array_side.kind == "array"
                    and array_side.dtype == "i"
                    and number_side.kind == "number"
                    and type(number_side.value) is int
                    and not -(2**63) <= number_side.value < 2**63
                ):  # np.arange(3) + 2**63: the integers NumPy makes by default (int64, or
                    # int32 on a 32-bit system) hold none past 64 bits with a sign
                    raise self.refuse(
                        node,
                        op,
                        f"{number_side.value} is past what NumPy's integers with a sign hold "
                        "(64 bits), and the array it meets holds such integers: NumPy raises "
                        "an OverflowError (Python int too large to convert to C long)"
                        + (
                            f"; a float ({float(number_side.value):g}) or .astype(float) "
                            "computes in floats"
                            if abs(number_side.value) <= FLOAT_MAX_INT
                            else ""
                        ),
                        raises="OverflowError",
                    )
                elif (
                    not found
                    and array_side.kind == "array"
                    and array_side.dtype == "i"
                    and number_side.kind == "number"
                    and type(number_side.value) is int
                    and not -(2**63) <= number_side.value < 2**63
                ):  # integers of a width not followed: none hold it, or only uint64 may
                    self.past_every_width(node, op, number_side.value)
                elif found and number_side.kind == "number" and type(number_side.value) is int:
                    self.fits(node, op, number_side.value, found)  # uint8 + 300
                    width = found
                elif found and number_side.kind == "number" and type(number_side.value) is bool:
                    width = found
        made = self.computed_by_numpy(node, op, nodes, operands, lo, hi)
        if (
            width
            and made.kind == "array"
            and made.dtype == "i"
            and all(made is not o for o in operands)
        ):
            return replace(made, memo={**made.memo, WIDTH: width})
        return made

    def past_every_width(self, node: ast.AST, op: str, value: int) -> None:
        """A Python int past int64 met by integers of a width not followed: NumPy's
        OverflowError, certain past uint64 too (or below int64's least), else possible (an
        array of uint64 holds 2**63)."""
        from shapekit.engine._operands import possible
        from shapekit.engine.program import UNDECIDED

        refused = self.refuse(
            node,
            op,
            f"{value} is past what NumPy's integers hold (64 bits), and the array it meets "
            "holds integers: NumPy raises an OverflowError (Python int too large to convert to "
            "C long)"
            + (
                f"; a float ({float(value):g}) or .astype(float) computes in floats"
                if abs(value) <= FLOAT_MAX_INT
                else ""
            ),
            raises="OverflowError",
        )
        if not 0 <= value < 2**64:
            raise refused
        refused.depends = UNDECIDED
        possible(self, refused, "whether the array holds uint64, the one kind of integers "
                 f"that holds {value}")  # fmt: skip

    def dtype_asked(self, node: ast.AST) -> str | None:
        """The integer dtype a ufunc's ``dtype=`` asks for (``"int16"``); ``""`` when it
        asks for floats, or one not known (``signature=``); None when it asks for none."""
        if not isinstance(node, ast.Call):
            return None
        given = next((k for k in node.keywords if k.arg in ("dtype", "signature")), None)
        if given is None:
            return None
        from shapekit.engine._numpy_api import numpy_dtype

        try:
            dtype = numpy_dtype(self.walk(given.value)) if given.arg == "dtype" else None
        except Refused:
            return ""
        return str(dtype.name) if dtype is not None and dtype.kind in "iu" else ""

    def computed_by_numpy(
        self,
        node: ast.AST,
        op: str,
        nodes: tuple[ast.AST, ast.AST],
        operands: tuple[Operand, Operand],
        lo: int,
        hi: int,
    ) -> Operand:
        """The operation of :meth:`numpy_binary`, by NumPy's rules of shapes and kinds."""
        if (
            op in _FLOATING_OPS
            and getattr(self.host, "fp_states", None)
            and not masks(node)  # np.divide(a, b, where=b != 0): what it masks is not computed
        ):
            self.floating_binary(node, op, operands)
        if (
            op == "sub"
            and all(_bool_like(o) for o in operands)
            and any(o.kind == "array" for o in operands)
        ):  # mask - True, mask -= other_mask
            raise self.refuse(
                node,
                op,
                "both are booleans, and NumPy does not subtract booleans (a TypeError: "
                "numpy boolean subtract is not supported); ^ or np.logical_xor gives where they "
                "differ, and .astype(int) makes numbers of them",
                raises="TypeError",
            )
        if op == "pow" and _negative_integer_power(operands, called=isinstance(node, ast.Call)):
            raise self.refuse(
                node,
                op,
                "both are whole numbers, and NumPy does not raise whole numbers to a negative "
                "whole power (a ValueError: Integers to negative integer powers are not "
                "allowed); a float exponent (-1.0) or base gives fractions",
                raises="ValueError",
            )
        shapes = []
        # text and text: NumPy compares them, and (NumPy 2) adds them, joining the strings
        texts = all(o.kind == "str" or o.dtype == "x" for o in operands)
        for operand_node, operand in zip(nodes, operands, strict=True):
            found = array_shape(operand)
            if operand.dtype == "x":  # an array of text: its first element that is not a number
                found = operand.error or NotANumberError(
                    f"{self.source(operand_node)} is an array of text, not of numbers"
                )
            if (op in ("compare", "logical") or (op == "add" and texts)) and (
                operand.kind == "str" or operand.dtype == "x"
            ):
                found = () if operand.kind == "str" else operand.shape  # text compares
            if isinstance(found, NotANumberError) and found.found == "complex":
                found = complex_shape(operand) or found  # [1j, 2]: NumPy computes with it
            if isinstance(found, NotANumberError) and found.found == "int beyond int64":
                # np.array([2**70]) + 1.0: an array of Python objects, each computed by Python
                return self.cannot(
                    operand_node,
                    "an array of Python integers too large for 64 bits (dtype=object), which "
                    "shapekit does not follow",
                )
            if isinstance(found, NotANumberError):
                message = (
                    f"cannot compute {self.source(node)}: {self.source(operand_node)} holds "
                    f"something that is not a number ({found.message})"
                )
                refusal = MismatchError(message, op=op)
                refusal.raises = "TypeError"  # NumPy's: no loop of the ufunc for text, or None
                raise Refused(refusal, node)
            if isinstance(found, ShapeError):
                raise self.not_an_array(operand_node, found)
            if found is None:
                return self.cannot(operand_node)
            shapes.append(found)
        rule = op if op in ops.BINARY_OPS else "add"
        key = (rule, shapes[0], shapes[1])
        shape = BINARY_RESULTS.get(key)
        if shape is None:  # not met before: explained, and refused with its fixes if it fails
            regions = [self.region(n, lo, hi) for n in nodes]
            names = (self.text[slice(*regions[0])], self.text[slice(*regions[1])])
            explanation, error = ops.try_binary(
                rule, shapes[0], shapes[1], names=names, suggest=False, written=self.source(node)
            )
            if error is not None:
                if rule == "matmul":  # with a 0-D operand, what raises depends on the others
                    arrays = any((o.kind == "array" and o.shape) or zero_d(o) for o in operands)
                    # NumPy's matmul refuses it, or Python finds no @ for a NumPy scalar (the
                    # function np.matmul is NumPy's, whatever it is given)
                    error.raises = (
                        "ValueError"
                        if () not in shapes or arrays or isinstance(node, ast.Call)
                        else "TypeError"
                    )
                raise Refused(
                    error, node, self.binary_candidates(node, rule, regions, shapes, operands)
                )
            shape = explanation.shape or ()
            remember(BINARY_RESULTS, key, shape)
        if op == "add" and texts:  # still text: arithmetic on it fails
            held = next((o.error for o in operands if o.error is not None), None)
            return Operand("array", shape, dtype="x", error=held or NotANumberError("text"))
        kind = result_kind(op, dtype_of(operands[0]), dtype_of(operands[1]))
        made = array(shape, None, kind)
        laid = [o for o in operands if o.kind == "array" and o.shape]
        if (
            laid
            and all(o.strides is not None and o.strides == laid[0].strides for o in laid)
            and all(o.shape == tuple(shape) for o in laid)
            and all(o.kind in ("number", "array") for o in operands)  # (not a list)
        ):  # x.T * 2: NumPy lays the result out as x.T is (order="K")
            made = replace(made, strides=copied_layout(laid[0]))
        if (
            kind in ("b", "i", "f")
            and size(shape) <= MAX_COMPUTED
            and not (  # (dtype=np.float32 …: out= alone keeps the values NumPy computes)
                isinstance(node, ast.Call) and any(k.arg != "out" for k in node.keywords)
            )
        ):
            values = _computed(node, op, operands, shape)
            if values is not None:  # a mask over known numbers, a sum asserted
                return replace(array(shape, values, kind), name=made.name, strides=made.strides)
            if op == "compare" and isinstance(node, ast.Compare) and len(node.ops) == 1:
                ufunc = _COMPARED.get(type(node.ops[0]))
                sure = approx_compared(ufunc, *operands) if ufunc else None
                if sure is not None and sure.shape == tuple(shape):  # p > 0, p far from 0
                    return replace(array(shape, sure, "b"), name=made.name, strides=made.strides)
            elif kind == "f":  # z @ w of floats: known up to rounding
                return approximated(made, lambda: approx_binary(op, operands))
        return made

    def floating_binary(self, node: ast.AST, op: str, operands: tuple[Operand, Operand]) -> None:
        """``p / q`` of values known exactly under ``np.errstate(divide="raise")``: NumPy's
        FloatingPointError where the values meet it."""
        import numpy as np

        from shapekit.engine._access import floating_refused

        given = []
        for operand in operands:
            if operand.kind == "number" and type(operand.value) in (int, float, bool):
                given.append(operand.value)  # (a Python number: NumPy takes the array's type)
                continue
            values = array_value(operand)
            if values is None and operand.kind in ("array", "number"):
                from shapekit.engine._access import floating_may_fail

                floating_may_fail(self, node, _FLOATING_OPS[op], operands)
                return
            if values is None or values.dtype.kind not in "biuf" or values.size > 10_000:
                return
            given.append(values)
        if not any(isinstance(g, np.ndarray) for g in given):
            return  # (Python numbers alone: Python's own arithmetic)
        function = getattr(np, _FLOATING_OPS[op])
        floating_refused(self, node, lambda: function(*given), self.source(node))

    def fits(
        self,
        node: ast.AST,
        op: str,
        value: int,
        width: str,
        meets: str = ", the integers of the array it meets",
    ) -> None:
        """NumPy 2's OverflowError for the Python integer ``value`` met in arithmetic (or
        made into an array, ``meets`` says how) by an array of integers of ``width``
        (``"uint8"``) outside its range."""
        import numpy as np

        bounds = np.iinfo(width)
        if not bounds.min <= value <= bounds.max:
            raise self.refuse(
                node,
                op,
                f"{value} does not fit in {width} (from {bounds.min} to {bounds.max}){meets}: "
                f"NumPy 2 raises an OverflowError (Python integer {value} out of bounds for "
                f"{width}); make the array wider (.astype(np.int64)), or use a number in range",
                raises="OverflowError",
            )

    def binary_candidates(
        self,
        node: ast.AST,
        op: str,
        regions: list[tuple[int, int]],
        shapes: list[Shape],
        operands: tuple[Operand, Operand],
    ) -> Candidates:
        wrap_left = (
            isinstance(node, ast.BinOp)
            and isinstance(node.left, ast.BinOp)
            and regions[0] == self.span(node.left)
            and _same_precedence(node.left.op, node.op)
        )
        sequences = (operands[0].kind in ("list", "tuple"), operands[1].kind in ("list", "tuple"))
        module = self.host.numpy

        def candidates(start: int, text: str) -> list[tuple[str, str]]:
            shifted = [(a - start, b - start) for a, b in regions]
            ndims = (len(shapes[0]), len(shapes[1]))
            return rewrite_candidates(text, op, shifted, ndims, wrap_left, sequences, module)

        return candidates

    def not_an_array(self, node: ast.AST, error: ShapeError) -> Refused:
        text = self.source(node)
        shown = text if "\n" not in text and len(text) <= 60 else "this list"  # it is located
        message = f"NumPy cannot make an array of {shown}: {error.message}"
        refused = Refused(MismatchError(message, op="array"), node)
        refused.error.path = error.path
        if error.kind in ("ragged", "mixed"):  # NumPy: "inhomogeneous shape", a ValueError
            refused.error.raises = "ValueError"
        return refused

    def _Compare(self, node: ast.Compare) -> Operand:
        if len(node.ops) > 1:
            return self.chained(node)
        operands = [self.walk(node.left)] + [self.walk(c) for c in node.comparators]
        if (
            len(node.ops) > 1
            and any(o.kind == "instance" for o in operands)
            and not self.dry
            and hasattr(self.host, "escape")
        ):  # 1 in p in p: which of p's special methods run, and how often, is not followed
            why = f"`{self.short(node)}` at {self.where(node)}"
            self.host.escape([o for o in operands if o.kind == "instance"], why)
            return self.cannot(node, "a chain of comparisons of objects, not followed")
        spend = None if self.dry else getattr(self.host, "spend", None)
        for op, right in zip(node.ops, operands[1:], strict=True):
            if isinstance(op, (ast.In, ast.NotIn)) and right.kind == "iter" and spend:
                # 2 in it reads the iterator up to the 2: what is left is not followed
                spend(
                    right,
                    f"what is left of an iterator after `{self.short(node)}` at line {node.lineno}",
                )
        held = operands[-1]
        if (
            len(node.ops) == 1
            and isinstance(node.ops[0], (ast.In, ast.NotIn))
            and held.kind == "instance"
            and getattr(held.value, "cls", None) is not None
            and held.value.cls.lookup("__contains__") is None
        ):  # x in m of a class without __contains__: its __iter__ runs
            cls = held.value.cls
            if cls.lookup("__iter__") is None and cls.lookup("__getitem__") is not None:
                # or m[0], m[1] … until one is x (the old protocol): not followed
                why = f"`{self.short(node)}` at {self.where(node)}, which calls its __getitem__"
                escape = None if self.dry else getattr(self.host, "escape", None)
                if escape is not None:
                    escape([held], why)
                return self.cannot(node, "a test of membership by __getitem__, not followed")
            self.iterated(held)
        stop = self.merge_unknown(node, *operands)
        if stop is not None:
            return stop
        if (
            len(operands) == 2
            and isinstance(node.ops[0], (ast.Lt, ast.Gt, ast.LtE, ast.GtE))
            and {operands[0].kind, operands[1].kind} & {"str"}
            and any(_numeric(o) for o in operands)
        ):  # inputs > "0": numbers are not ordered with text
            text, number_side = (
                (operands[0], operands[1]) if operands[0].kind == "str" else operands[::-1]
            )
            by = "NumPy" if number_side.kind == "array" else "Python"
            raise self.refuse(
                node,
                "compare",
                f"{by} does not order numbers and text: {self.source(node)} compares "
                f"{describe(number_side)} with the text {text.value!r} (a TypeError); "
                "write the number itself, without quotes",
                raises="TypeError",
            )
        if len(operands) == 2 and "instance" in (operands[0].kind, operands[1].kind):
            called = self.compare_instance(node, node.ops[0], operands[0], operands[1])
            if called is not None:  # the file's __eq__, __lt__, __contains__ …
                return called
        if len(operands) == 2 and (
            "enum" in (operands[0].kind, operands[1].kind)
            or (
                isinstance(node.ops[0], (ast.Is, ast.IsNot))
                and (enum_of(operands[0]) is not None or enum_of(operands[1]) is not None)
            )
        ):
            decided = _same_member(node.ops[0], *operands)  # kind is Act.RELU
            if decided is not None:
                return number(decided)
        if len(operands) == 2 and isinstance(node.ops[0], (ast.Is, ast.IsNot)):
            decided = _is_none(*operands)  # `b is None`, with b an array given to the call
            if decided is None:
                decided = _same_constant(*operands)
            if decided is not None:
                return number(decided is isinstance(node.ops[0], ast.Is))
            if {operands[0].kind, operands[1].kind} <= {"number", "str"}:
                return number()  # 1000 is 1000: one object or two, as CPython makes them
        if (
            len(operands) == 2
            and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
            and {operands[0].kind, operands[1].kind} == {"array", "none"}
        ):  # `b == None` with b an array: NumPy compares each element (an array of bools)
            compared = operands[0] if operands[0].kind == "array" else operands[1]
            return compared if compared.shape is None else array(compared.shape, None, "b")
        if (
            len(operands) == 2
            and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
            and _dtypes_differ(*operands)
        ):  # `x.dtype == np.float64` with x an array of whole numbers
            return number(isinstance(node.ops[0], ast.NotEq))
        if len(operands) == 2 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            found = _contains(*operands)  # `5 in x.shape`, `"b" in names`
            if found is not None:
                return number(found is isinstance(node.ops[0], ast.In))
        if (
            len(operands) == 2
            and isinstance(node.ops[0], (ast.In, ast.NotIn))
            and operands[1].kind in ("list", "tuple")
            and _fresh_array(node.left, operands[0], self)
            and length(operands[1])
        ):  # row in rows: Python compares row with the first item (it is never that very
            # object), and the truth of an array of more than one bool is NumPy's ValueError
            shown, where = self.source(node.left), self.source(node.comparators[0])
            raise self.refuse(
                node,
                "compare",
                f"`{shown} in {where}` compares {shown}, {describe(operands[0])}, with the "
                f"items of {where}, element by element, and Python cannot take the truth of "
                "the array of bools that gives (NumPy raises a ValueError: The truth value of "
                "an array with more than one element is ambiguous); "
                f"any(np.array_equal({shown}, item) for item in {where}) asks it",
                raises="ValueError",
            )
        if (
            len(operands) == 2
            and isinstance(node.ops[0], (ast.In, ast.NotIn))
            and operands[0].kind == "array"
            and operands[1].kind in ("list", "tuple")
        ):  # weights in [biases, weights]: each item compared in turn, until one is it
            self.array_in_items(node, operands[0], operands[1])
        first_pair = (operands[0].kind, operands[1].kind)
        if isinstance(node.ops[0], (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) and _unordered(
            *first_pair
        ):  # best = None … if loss < best; inputs > 0 of a list: Python orders neither
            symbol = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}[type(node.ops[0])]
            if "none" in first_pair:
                side = node.left if operands[0].kind == "none" else node.comparators[0]
                other = operands[1] if operands[0].kind == "none" else operands[0]
                said = (
                    f"{self.source(side)} is None, which {symbol} cannot compare with "
                    f"{describe(other)} (Python raises a TypeError: '{symbol}' not supported "
                    "with NoneType); give it a number first (float('inf') for a best loss so far)"
                )
            else:
                said = (
                    f"{self.source(node.left)} is {describe(operands[0])} and "
                    f"{self.source(node.comparators[0])} is {describe(operands[1])}, which "
                    f"Python cannot order with {symbol} (a TypeError)"
                    + (
                        "; np.array(...) of the list compares each element"
                        if "list" in first_pair or "tuple" in first_pair
                        else ""
                    )
                )
            raise self.refuse(node, "compare", said, raises="TypeError")
        if (
            len(operands) == 2
            and isinstance(node.ops[0], (ast.In, ast.NotIn))
            and operands[1].kind == "array"
            and operands[0].kind in ("array", "number")
        ):  # a in grid: NumPy's (grid == a).any(), whose shapes must broadcast
            self.numpy_binary(
                node, "compare", (node.left, node.comparators[0]), (operands[0], operands[1]),
                *self.span(node),
            )  # fmt: skip
        if any(o.kind == "array" for o in operands) and any(
            isinstance(op, (ast.In, ast.NotIn, ast.Is, ast.IsNot)) for op in node.ops
        ):  # `1.0 in x`, `x is None`: one True or False, not an array
            return number()
        if len(operands) > 2 and any(o.kind == "array" for o in operands[:2]):
            # x < y < z is (x < y) and (y < z): the truth of the first comparison is taken
            first = self.numpy_binary(
                node, "compare", (node.left, node.comparators[0]), (operands[0], operands[1]),
                *self.span(node),
            )  # fmt: skip
            refused = self.truth_refused(node, first, "a chained comparison (x < y < z)")
            if refused is not None:
                raise refused
        if any(o.kind == "array" for o in operands) and len(operands) == 2:
            lo, hi = self.span(node)
            return self.numpy_binary(
                node,
                "compare",
                (node.left, node.comparators[0]),
                (operands[0], operands[1]),
                lo,
                hi,
            )
        if all(
            o.kind in ("number", "str", "none") and o.value is not None for o in operands
        ) or all(o.kind in ("number", "str", "none") for o in operands):
            found = _compare(node.ops, [o.value for o in operands], operands)
            if found is None and all(o.kind == "number" for o in operands):
                return Operand("number", (), None, dtype="b")  # True or False, not known which
            return number(found)
        plain = [_plain(o) for o in operands]
        if all(v is not _NO_VALUE for v in plain) and all(
            isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops
        ):  # x.shape == (3, 4): tuples of numbers that are known
            return number(_compare(node.ops, plain, operands))
        return number()

    def compare_instance(
        self, node: ast.Compare, op: ast.cmpop, left: Operand, right: Operand
    ) -> Operand | None:
        """``a == b``, ``a < b``, ``x in a`` where an instance of the file's class defines
        the special method Python calls (``__eq__``, then the other's reflected one;
        ``__contains__`` of the right): its result, followed as a call; unknown when it is
        defined but cannot be followed; None when neither defines it (Python's default)."""
        if isinstance(op, (ast.Is, ast.IsNot)):
            return None
        special = getattr(self.host, "special", None)
        if isinstance(op, (ast.In, ast.NotIn)):
            tries = [(right, "__contains__", left)]
        else:
            forward, reflected = _COMPARISONS[type(op)]
            tries = [(left, forward, right), (right, reflected, left)]
            if isinstance(op, ast.NotEq):  # without __ne__, Python inverts __eq__
                tries += [(left, "__eq__", right), (right, "__eq__", left)]
        for target, dunder, other in tries:
            if target.kind != "instance" or not _defines(target, dunder):
                continue
            result = None if special is None or self.dry else special(target, dunder, [other])
            if result is None:
                return self.cannot(node, f"the file's {dunder}() of {target.name}, not followed")
            if (dunder == "__eq__" and isinstance(op, ast.NotEq)) or isinstance(op, ast.NotIn):
                truth = self.truth(result)  # Python takes its truth and inverts it
                return number() if truth is None else number(not truth)
            if isinstance(op, ast.In):
                truth = self.truth(result)
                return number() if truth is None else number(truth)
            return result
        return None

    def chained(self, node: ast.Compare) -> Operand:
        """``a < b < c``: ``a < b``, then, only when that is true, ``b < c`` (``b`` evaluated
        once); Python stops at the first comparison that is false, and what follows it never
        runs. A comparison whose truth is not known leaves what follows only possible."""
        left, left_node = self.walk(node.left), node.left
        decided = True
        link = left
        last = len(node.ops) - 1
        for index, (op, written) in enumerate(zip(node.ops, node.comparators, strict=True)):
            right = self.walk(written) if decided else self.perhaps(written)
            link = self.compared_pair(node, op, (left_node, written), (left, right))
            if index == last:
                break
            refused = self.truth_refused(node, link, "a chained comparison (x < y < z)")
            if refused is not None:
                raise refused
            truth = self.truth(link)
            decided = decided and truth is not None
            if decided and truth is False:
                return link  # Python stops here: what follows never runs
            left, left_node = right, written
        if decided:
            return link
        return number() if link.kind == "number" else self.cannot(node)

    def compared_pair(
        self,
        node: ast.Compare,
        op: ast.cmpop,
        written: tuple[ast.expr, ast.expr],
        operands: tuple[Operand, Operand],
    ) -> Operand:
        """One comparison of a chain, on operands already evaluated (each read where it is
        written)."""
        names = ("\x00left", "\x00right")
        placed = [
            ast.copy_location(ast.Name(id=name, ctx=ast.Load()), at)
            for name, at in zip(names, written, strict=True)
        ]
        for held, at in zip(placed, written, strict=True):
            held.end_lineno, held.end_col_offset = at.end_lineno, at.end_col_offset
        pair = ast.Compare(left=placed[0], ops=[op], comparators=[placed[1]])
        ast.copy_location(pair, written[0])
        pair.end_lineno, pair.end_col_offset = written[1].end_lineno, written[1].end_col_offset
        self.scopes.append(dict(zip(names, operands, strict=True)))
        try:
            return self.walk(pair)
        finally:
            self.scopes.pop()

    def _BoolOp(self, node: ast.BoolOp) -> Operand:
        operands = []
        decided = True  # every operand so far has a known truth
        for index, value in enumerate(node.values):
            # evaluated when it runs if each operand before it has a known truth (else the
            # file stops there, below): then it certainly is
            if index < len(node.values) - 1:
                jumping(value)
            operand = self.walk(value) if decided else self.perhaps(value)
            operands.append(operand)
            if index == len(node.values) - 1:  # the last is the value, whatever its truth
                break
            refused = self.truth_refused(value, operand, "`and`/`or`", node)  # go on?
            if refused is not None:
                raise refused
            truth = self.truth(operand)
            decided = decided and truth is not None
            if decided and truth is isinstance(node.op, ast.Or):
                return operand  # Python stops here: what follows never runs
        if decided:  # `n > 0 and x` with n known: x (whose truth an `if` then takes)
            return operands[-1]
        if all(o.kind == "number" for o in operands):
            return number()
        result = self.merge_unknown(node, *operands) or self.cannot(node)
        if result.kind == "unknown" and ambiguous(operands[-1]) is not None:
            # `x.any() and inputs`: its value may be inputs, whose truth an `if` then takes
            result = replace(result, memo={"maybe": operands[-1]})
        return result

    def _IfExp(self, node: ast.IfExp) -> Operand:
        test = self.walk(jumping(node.test))
        refused = self.truth_refused(node.test, test, "`... if ... else ...`", node)
        if refused is not None:
            raise refused
        truth = self.truth(test)
        if truth is not None:  # only the branch Python takes runs (the other may fail)
            return self.walk(node.body if truth else node.orelse)
        body, orelse = self.perhaps(node.body), self.perhaps(node.orelse)
        merged = either(body, orelse)
        if merged is not None:
            return merged
        return unknown(
            f"`{self.short(node)}`, whose shape depends on the condition at {self.where(node)}"
        )

    def perhaps(self, node: ast.expr) -> Operand:
        """Walk ``node``, a part of an expression that may not be evaluated when it runs: what
        a call from there raises or exits with is not certain (see ProgramHost.perhaps)."""
        host: Any = self.host  # a ProgramHost (explain's hosts follow no paths)
        if not hasattr(host, "perhaps"):
            return self.walk(node)
        host.perhaps += 1
        host.depends.append(f"the condition at line {node.lineno}")
        try:
            return self.walk(node)
        except Refused as refused:  # reported by the statement, once out of here
            if refused.depends is None:
                refused.depends = host.depends[-1]
            raise
        finally:
            host.perhaps -= 1
            host.depends.pop()

    # -- attributes, indexing and calls --
    def _Attribute(self, node: ast.Attribute) -> Operand:
        if node.attr in _WRITING and self.calling is not node:
            # s = counts.__setitem__, map(x.fill, …), Thread(target=x.fill): a method that
            # writes into its array, called later where shapekit may not see it
            values_written()
        if node.attr in DICT_READS:
            _only_read(node.value)  # globals().get(name): read, nothing bound
        base = self.walk(node.value)
        if base.kind == "unknown" and EITHER in base.memo and node.attr in ("T", "mT"):
            # W.T of a W of one of several shapes: one of those shapes reversed
            shapes = [
                s[::-1] if node.attr == "T" else (*s[:-2], *s[-2:][::-1]) for s in base.memo[EITHER]
            ]
            return one_of_shapes(shapes, base.reason or "")
        if (
            base.kind == "list"
            and node.attr in _LIST_CHANGERS
            and (self.calling is not node or node.attr.startswith("__"))
            and not self.dry
        ):  # d = l.__delitem__, map(l.remove, …), l.__setitem__(slice(0, 2), []): changed
            self.host.mutate(base, None, f"`{self.short(node)}` at {self.where(node)}")
        if (
            base.kind == "dict"
            and node.attr in _DICT_CHANGERS
            and self.calling is not node
            and not self.dry
            and hasattr(self.host, "escape")
        ):  # map(d.setdefault, keys, values): the dict changes where it is not followed
            self.host.escape([base], f"`{self.short(node)}` at {self.where(node)}")
        if (
            base.kind == "array"
            and node.attr == "resize"
            and self.calling is not node
            and not self.dry
            and hasattr(self.host, "reshaped_everywhere")
        ):  # r = a.resize, map(a.resize, …): a's shape may be set where it is not followed
            why = f"`{self.short(node)}` at {self.where(node)}, which may resize it in place"
            self.host.reshaped_everywhere(base, unknown(why), why)
        return attribute(self, node, base)

    def _Subscript(self, node: ast.Subscript) -> Operand:
        if isinstance(node.ctx, ast.Load):
            _only_read(node.value)  # globals()[name]: read, nothing bound
        base, index = self.walk(node.value), self.walk(node.slice)
        if base.kind == "instance":  # layers[0] calls Network.__getitem__
            special = getattr(self.host, "special", None)
            found = special(base, "__getitem__", [index]) if special is not None else None
            if found is not None:
                return found
        if base.kind == "none":  # L = [1].append(2); L[0]: append gives None
            raise self.refuse(
                node,
                "index",
                f"{self.source(node.value)} is None, which has no items (Python raises a "
                "TypeError: 'NoneType' object is not subscriptable); a method that changes a "
                "list in place (.append, .sort) gives None, not the list",
                raises="TypeError",
            )
        if base.kind in ("list", "tuple") and (
            index.kind == "str" or (index.kind == "number" and type(index.value) is float)
        ):  # layers["W"] of a list: Python's TypeError
            kind = "str" if index.kind == "str" else "float"
            raise self.refuse(
                node,
                "index",
                f"{self.source(node.value)} is a {base.kind}, whose items are found by their "
                f"position, and {self.source(node.slice)} is a {kind} (Python raises a "
                f"TypeError: {base.kind} indices must be integers or slices, not {kind})",
                raises="TypeError",
            )
        if (
            base.kind in ("list", "tuple")
            and index.kind == "array"
            and index.shape == ()
            and index.dtype == "f"
        ):  # xs[np.mean(ids)]: a NumPy float is no position either
            raise self.refuse(
                node,
                "index",
                f"{self.source(node.value)} is a {base.kind}, whose items are found by their "
                f"position, and {self.source(node.slice)} is a NumPy float (Python raises a "
                f"TypeError: {base.kind} indices must be integers or slices); int() makes a "
                "whole number of it",
                raises="TypeError",
            )
        if base.kind in ("array", "list", "tuple", "str"):
            parts = index.items or () if index.kind == "tuple" else (index,)
            bad = next((p.memo["float"] for p in parts if "float" in p.memo), None)
            if bad is not None:
                written_here = any(n is bad for n in ast.walk(node.slice))
                raise self.refuse(
                    bad if written_here else node,
                    "index",
                    ("it is" if written_here else f"{self.source(bad)}, at {self.where(bad)}, is")
                    + " a float where a slice takes a whole number (Python raises a "
                    "TypeError: slice indices must be integers); // divides into a whole number",
                    raises="TypeError",
                )
        result = subscript(self, node, base, index)
        if (
            base.kind == "array"
            and base.value is None
            and result.kind == "array"
            and result is not base
            and result.value is None
            and not result.memo
            and base.memo.get(APPROX) is not None
        ):  # p[0] of p known up to rounding: its numbers too
            result = approximated(result, lambda: approx_indexed(base, index))
        if base.kind == "array" and base.dtype == "x" and result.kind == "array":
            if result.shape == ():  # labels[0]: a string (np.str_), or an object, not a number
                return self.cannot(node, "an element of an array of text")
            result = replace(result, dtype="x", error=base.error)  # a part of it: text too
        shape = result.shape if result.kind == "array" else None
        if shape is not None and len(shape) > MAX_DIMENSIONS:  # x[None] of a 64-D array
            raise self.refuse(
                node,
                "index",
                f"the result would have {len(shape)} dimensions, and NumPy arrays "
                f"have at most {MAX_DIMENSIONS} (NumPy raises an IndexError: number of "
                f"dimensions must be within [0, {MAX_DIMENSIONS}])",
                raises="IndexError",
            )
        return result

    def _Slice(self, node: ast.Slice) -> Operand:
        parts = (node.lower, node.upper, node.step)
        return slice_operand([None if p is None else (p, self.walk(p)) for p in parts])

    def _Call(self, node: ast.Call) -> Operand:
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        if receiver is not None and node.func.attr in DICT_READS:  # type: ignore[attr-defined]
            _only_read(receiver)  # globals().get(name): read, nothing bound
        pins = getattr(self.host, "pinned", None)
        if (
            pins is None
            or not isinstance(receiver, (ast.Call, ast.Subscript))
            or id(receiver) in pins
        ):
            return self.called(node)
        # rows.pop().__call__(x): what the method is called on is evaluated once, however
        # often the call's rules read it
        pins[id(receiver)] = self.walk(receiver)
        PINNING[0] += 1
        try:
            return self.called(node)
        finally:
            PINNING[0] -= 1
            pins.pop(id(receiver), None)

    def called(self, node: ast.Call) -> Operand:
        """What the call ``node`` gives (see :meth:`_Call`)."""
        read_through = (
            (isinstance(node.func, ast.Name) and node.func.id in _READ_BY_UNFOLLOWED)
            or (
                isinstance(node.func, ast.Attribute)
                and node.func.attr in _READ_BY_UNFOLLOWED
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "collections"
            )
        ) and bool(node.args)
        if read_through and isinstance(node.func, ast.Name) and not self.dry:
            own = self.host.lookup(node.func.id)  # def deque(x): of the file's, not Python's
            read_through = own is None or not (
                own.kind in ("userfunc", "class")
                or isinstance(own.node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            )
        held = (
            self.host.lookup(node.args[0].id)
            if read_through and isinstance(node.args[0], ast.Name) and not self.dry
            else None
        )
        spend = getattr(self.host, "spend", None)
        if held is not None and spend is not None:
            # set(pairs), deque(pairs): the iterator is read through, to its end (what they
            # make is not followed, so it is spent before the call is)
            spend(held, None)
        made = self.call_made(node)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in ("__setattr__", "__delattr__")
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id == "super"
            and not self.dry
        ):  # super().__setattr__("w", v): the object the method runs on gets w
            frame = getattr(self.host, "frame", None)
            receiver = getattr(frame, "receiver", None)
            escape = getattr(self.host, "escape", None)
            if receiver is not None and escape is not None:
                escape([receiver], f"`{self.short(node)}` at {self.where(node)}")
        elif (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "__set__"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr in ("shape", "dtype")
            and len(node.args) == 2
            and not node.keywords
            and not self.dry
            and hasattr(self.host, "assign_attribute")
        ):  # type(a).shape.__set__(a, (3, 1)): the descriptor called as a.shape = (3, 1) is
            target = ast.copy_location(
                ast.Attribute(node.args[0], node.func.value.attr, ast.Store()), node
            )
            self.host.assign_attribute(target, self.walk(node.args[1]))
        elif (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in _DUNDER_CALLS
            and not (  # (object.__setattr__(self, …) and super()'s: followed apart)
                isinstance(node.func.value, ast.Name) and node.func.value.id == "object"
            )
            and not self.dry
            and hasattr(self.host, "escape")
        ):  # record.__call__(5), layer.__delattr__("w"): run where they are not followed
            receiver = Walker(self.text, self.host, self.cell, dry=True).evaluate(node.func.value)
            fdef = getattr(receiver.value, "fdef", None) if receiver.kind == "userfunc" else None
            unfollowed = getattr(self.host, "ran_unfollowed", None)
            if fdef is not None and unfollowed is not None:
                unfollowed(fdef, f"`{self.short(node)}` at {self.where(node)}")
            self.handed_to_unfollowed(node, receiver, [receiver])
        if (
            not self.dry
            and hasattr(self.host, "fp_states")
            and numpy_attribute(self.host.lookup, node.func, "seterr")
        ):  # np.seterr(all="raise"): NumPy's floating-point errors raise from here on
            from shapekit.engine._access import seterr

            # (the call above has evaluated its arguments: settings written out are read
            # from the text, others are not known, and nothing is evaluated twice)
            given = {
                k.arg: from_python(k.value.value)
                if isinstance(k.value, ast.Constant)
                else unknown("a setting not written out")
                for k in node.keywords
                if k.arg is not None
            }
            if any(k.arg is None for k in node.keywords):
                given = {"?": unknown("**settings")}
            seterr(self, node, [unknown("a setting given by place") for _ in node.args], given)
        if (
            not self.dry
            and hasattr(self.host, "fp_states")
            and getattr(self.host, "entering", None) != id(node)
            and (
                numpy_attribute(self.host.lookup, node.func, "errstate")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "__enter__")
            )
        ):  # stack.enter_context(np.errstate(divide="ignore")), es.__enter__(): entered
            from shapekit.engine._access import seterr  # where a `with` does not show it

            seterr(self, node, [], {"?": unknown("an np.errstate entered where not followed")})
        if (
            isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and not self.dry
            and self.matches(SETS_AN_ATTRIBUTE)
            and getattr(self.host, "hooks", None)
        ):  # warnings.warn(…) after warnings.showwarning = log: log runs, unseen
            module = self.host.module_aliases.get(node.func.value.id)  # type: ignore[attr-defined]
            if module is not None and module.partition(".")[0] == "numpy":
                module = "warnings"  # (np.log(0) warns: a warnings hook runs)
            if module in self.host.hooks:  # type: ignore[attr-defined]
                why = f"`{self.short(node)}` at {self.where(node)}"
                self.host.hooks_run(module, why)  # type: ignore[attr-defined]
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in ("run", "runctx")
            and isinstance(node.func.value, ast.Name)
            and node.args
            and not self.dry
            and getattr(self.host, "module_aliases", {}).get(node.func.value.id)
            in ("cProfile", "profile")
        ):  # cProfile.run("main()"): the text runs in the module's names, as exec runs it
            at_run_time = getattr(self.host, "made_at_run_time", None)
            if at_run_time is not None:
                at_run_time(node, "exec", None, f"`{self.short(node)}` at {self.where(node)}")
        made_errors = (
            _warnings_as_errors(self, node)
            if not self.dry and hasattr(self.host, "fp_states")
            else None
        )
        if made_errors is not None:
            from shapekit.engine._access import warnings_made_errors

            warnings_made_errors(self, made_errors)
        undone = (
            warnings_undone(self, node)
            if not self.dry and getattr(self.host, "warnings_raise", False)
            else None
        )
        if undone is not None and not getattr(self.host, "hypothetical", True):
            # warnings.simplefilter("ignore") after "error": warnings are no errors now
            self.host.warnings_raise = False if undone else "perhaps"  # type: ignore[attr-defined]
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr in _RUNS_CODE
            and not self.dry
            and made.kind == "unknown"
        ):  # get_ipython().run_cell("L.append(2)"): code run in the notebook's namespace
            at_run_time = getattr(self.host, "made_at_run_time", None)
            if at_run_time is not None:
                at_run_time(node, node.func.attr, None)
        if (
            _writes_in_place(node, self.followed_callee(node))
            or _by_a_name_not_written(node)
            or _out_by_place(node)
            or self.hands_over_a_writer(node)
            or self.writer_by_another_name(node)
        ):
            values_written()  # np.add(x, 1, out=x), x.sort(), np.copyto(x, y) …
            if not self.dry and self.hands_over_a_writer(node):  # filter(lambda v: f(), …)
                self.handed_writers(node)
            if made.kind == "array" and made.memo.get(WRITTEN_HERE) and not self.dry:
                # np.add(a, b, out=x): x holds the values this very write gave it
                fresh = replace(made, made=written_count(), memo={})
                replace_held = getattr(self.host, "replace_held", None)
                if replace_held is not None:
                    replace_held(made, fresh)
                made = fresh
        if (
            isinstance(node.func, ast.Name)
            and not self.dry
            and getattr(self.host, "behind_decorators", False)
        ):
            # a function of the file's behind a decorator shapekit does not follow
            found = self.host.lookup(node.func.id)
            unfollowed = getattr(self.host, "ran_unfollowed", None)
            if found is not None and found.name == "decorated" and unfollowed is not None:
                unfollowed(found.node, f"`{self.short(node)}` at {self.where(node)}")
        return made

    def followed_callee(self, node: ast.Call) -> bool:
        """Whether ``node`` calls a function or class of the file's (by its name, or a
        ``super()`` method), whose body is followed: what it does with ``**options`` is seen
        there."""
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
        ):
            return True
        if not isinstance(func, ast.Name):
            return False
        found = self.host.lookup(func.id)
        return found is not None and found.kind in ("userfunc", "class")

    def writer_by_another_name(self, node: ast.Call) -> bool:
        """Whether the call is of one of NumPy's functions that write, imported under another
        name (``from numpy import copyto as cp``)."""
        if not isinstance(node.func, ast.Name) or not self.matches(_IMPORTED_WRITERS):
            return False
        found = self.host.lookup(node.func.id)
        return (
            found is not None
            and found.kind == "function"
            and found.name.rpartition(".")[2] in _WRITING
        )

    def handed_writers(self, node: ast.Call) -> None:
        """The functions of the file's a call hands over (lambdas, names of its functions)
        run where shapekit does not follow them: what they may change is not known."""
        unfollowed = getattr(self.host, "ran_unfollowed", None)
        if unfollowed is None:
            return
        why = f"`{self.short(node)}` at {self.where(node)}, which calls a function it is given"
        for given in (*node.args, *(k.value for k in node.keywords)):
            if isinstance(given, ast.Starred):
                given = given.value
            if isinstance(given, ast.Lambda):
                unfollowed(given, why)
            elif isinstance(given, ast.Name):
                found = self.host.lookup(given.id)
                fdef = getattr(getattr(found, "value", None), "fdef", None)
                if found is not None and found.kind == "userfunc" and isinstance(fdef, ast.AST):
                    unfollowed(fdef, why)

    def hands_over_a_writer(self, node: ast.Call) -> bool:
        """Whether the call is given a function of the file's that may write into an array
        (``np.vectorize(f)``, ``defaultdict(lambda: …)``, ``timeit(lambda: …)``): the library
        may call it, where shapekit does not follow it."""
        if not (self.holds("lambda") or self.holds("def ")):
            return False  # no function of the file's to hand over
        for given in (*node.args, *(k.value for k in node.keywords)):
            if isinstance(given, ast.Starred):
                given = given.value
            if isinstance(given, ast.Lambda) and may_write(given):
                return True
            if isinstance(given, ast.Name):
                found = self.host.lookup(given.id)
                fdef = getattr(found.value, "node", None) if found is not None else None
                if (
                    found is not None
                    and found.kind in ("userfunc", "partial")
                    and (not isinstance(fdef, ast.AST) or may_write(fdef))
                ):
                    return True
        return False

    def numpy_named(self, func: ast.expr) -> str | None:
        """``"numpy.modf"`` for ``np.modf`` written with the file's name of NumPy (its
        functions shapekit does not follow are unknown operands); None otherwise."""
        parts: list[str] = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if not isinstance(func, ast.Name) or not parts or func.id != self.host.numpy:
            return None
        return "numpy." + ".".join(reversed(parts))

    def static_method(self, node: ast.Call) -> Operand | None:
        """``staticmethod(sys.exit)``, ``staticmethod(np.dot)`` in a class: Python's function
        itself, called through the class or an instance alike (a function of Python's or
        NumPy's takes no ``self``); None for any other call."""
        func = node.func
        if not (
            isinstance(func, ast.Name)
            and func.id == "staticmethod"
            and len(node.args) == 1
            and not node.keywords
            and isinstance(node.args[0], (ast.Name, ast.Attribute))
            and getattr(self.host, "lookup", None) is not None
            and self.host.lookup(func.id) is None
        ):
            return None
        given = self.walk(node.args[0])
        if given.kind == "function" or (given.kind == "unknown" and given.name in EXIT_FUNCTIONS):
            return given
        return None

    def call_made(self, node: ast.Call) -> Operand:
        imported = None if self.dry else getattr(self.host, "python_module", None)
        module = None if imported is None else imported(node)
        if module is not None:  # __import__("sys"): Python's module sys
            return module
        held = self.static_method(node)
        if held is not None:
            return held
        saved, self.calling = self.calling, node.func  # what is called (see _access)
        try:
            func = self.walk(node.func)
        finally:
            self.calling = saved
        called = func.name if func.kind == "function" else self.numpy_named(node.func)
        if called is not None:  # np.add.__call__(a, b, x) is np.add(a, b, x)
            called = called.removesuffix(".__call__")
        if (
            called is not None
            and called.startswith("numpy.")
            and (
                len(node.args) > _ufunc_inputs(called)
                or any(isinstance(a, ast.Starred) for a in node.args)
            )
        ):  # f = np.add; f(a, b, x), np.modf(a, x), np.add(*args): outputs given by place
            values_written()
        if func.kind == "function" and func.name == "builtins.getattr":
            named = self.named_getattr(node)
            if named is not None:
                return self.walk(named)  # getattr(w, "reshape"): w.reshape
        args: list[Operand] = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):  # f(*m): m.__iter__ runs
                given = self.iterated(self.walk(arg.value))
                inner = items_of(given)
                if inner is None:
                    return self.cannot(node)
                args.extend(inner)
                spend = None if self.dry else getattr(self.host, "spend", None)
                if spend is not None:  # print(*pairs): the iterator is read through
                    spend(given, None)
            else:
                if _lazy(arg) and _reads_all(func):
                    self.read_now = arg  # sum(x * w for …): read there and then, to its end
                args.append(self.walk(arg))
        kwargs: dict[str, Operand] = {}
        for keyword in node.keywords:
            value = self.walk(keyword.value)
            if keyword.arg is None:  # **options: a dict whose keys are all known
                space = value.value if value.kind == "dict" else None
                if space is None or space.dynamic or not all(type(k) is str for k in space.attrs):
                    return self.cannot(node)
                kwargs.update(space.attrs)
                continue
            kwargs[keyword.arg] = value
        if func.kind == "function" and func.name in _WRAPPERS and not self.dry:
            shared = [a for a in args if a.kind == "iter" and a.name in ONE_SHOT]
            spend = getattr(self.host, "spend", None)
            if spend is not None:
                for given in shared:  # next(filter(f, it)): how far it is read is not known
                    spend(given, f"what is left of an iterator given to `{self.short(node)}`")
            if len({id(a) for a in shared}) < len(shared):  # zip(it, it): pairs of one iterator
                return self.cannot(node, "which reads one iterator twice over")
        if func.kind == "unknown" and not self.dry:  # sys.exit(0) inside an expression
            leave = getattr(self.host, "exit_from", None)
            if leave is not None and leave(node, args, kwargs, func):
                return unknown(
                    f"`{self.short(node)}` at {self.where(node)}, which ends the program"
                )
        if (
            not self.dry
            and (
                (
                    func.kind == "unknown"
                    and _may_name_exec(node.func, getattr(self.host, "exec_names", frozenset()))
                    and not _imports_a_module(node)
                )
                or (func.kind == "partial" and _runs_code(func))
                or any(_runs_code(o) for o in (*args, *kwargs.values()))
                or any(  # map(exec, codes) with builtins imported (exec not known then)
                    isinstance(a, ast.Name) and a.id in ("exec", "eval") for a in node.args
                )
            )
            # (last: the file's trees are walked only for a call that may run code)
            and getattr(self.host, "may_exec", False)
        ):  # builtins.exec(code), partial(exec, code)(), map(exec, codes): any name may change
            self.host.made_at_run_time(  # type: ignore[attr-defined]
                node,
                "exec",
                None,
                f"the call `{self.short(node)}` at {self.where(node)}, which may run exec()",
            )
        if (
            func.kind == "unknown"
            and isinstance(node.func, ast.Attribute)
            and not self.dry
            and node.func.attr in getattr(self.host, "methods_by_name", {})
        ):  # model.fit() of a model not known (MLP() if … else CNN()): any fit of the file's
            why = (
                f"`{self.short(node)}` at {self.where(node)}, which may run a method of the file's"
            )
            for fdef in self.host.methods_by_name[node.func.attr]:  # type: ignore[attr-defined]
                self.host.ran_unfollowed(fdef, why)  # type: ignore[attr-defined]
        if (
            func.kind == "unknown"
            and isinstance(node.func, ast.Name)
            and not self.dry
            and node.func.id in getattr(self.host, "functions_by_name", {})
        ):  # try: from fastmod import f / except ImportError: def f(): …, then f(): that f
            why = (
                f"`{self.short(node)}` at {self.where(node)}, which may run a function of the "
                "file's"
            )
            for fdef in self.host.functions_by_name[node.func.id]:  # type: ignore[attr-defined]
                self.host.ran_unfollowed(fdef, why)  # type: ignore[attr-defined]
        if func.kind in ("userfunc", "class", "instance"):
            if self.dry:
                return self.cannot(node)
            return self.host.call(func, args, kwargs, node)
        if func.kind == "enumclass":  # Act("relu"): its member of that value
            from shapekit.engine._access import enum_call

            return enum_call(self, node, func, args, kwargs)
        if func.kind == "vectorized":  # np.vectorize(f)(x, …): f of each element
            return self.vectorized(
                node, func.value, args, kwargs, func.dtype, func.memo.get("excluded", frozenset())
            )
        if func.kind == "partial":  # its arguments first, then those of the call
            if self.dry:
                return self.cannot(node)
            target, given, named = func.value
            if target.kind in ("function", "method"):  # partial(np.sum, axis=1): as if
                # written in the call (partial(rng.normal, 0.0, 0.1): its numbers first)
                from shapekit.engine._access import _constant

                if not all(_constant(v) for v in [*given, *named.values()]):
                    return self.cannot(node)
                if given and any(isinstance(a, ast.Starred) for a in node.args):
                    return self.cannot(node)
                keywords = [
                    ast.copy_location(
                        ast.keyword(arg=k, value=ast.copy_location(ast.Constant(v.value), node)),
                        node,
                    )
                    for k, v in named.items()
                    if k not in kwargs
                ]
                first = [ast.copy_location(ast.Constant(v.value), node) for v in given]
                written = ast.copy_location(
                    ast.Call(
                        func=node.func,
                        args=[*first, *node.args],
                        keywords=[*node.keywords, *keywords],
                    ),
                    node,
                )
                return call(self, written, target, [*given, *args], {**named, **kwargs})
            return self.host.call(target, [*given, *args], {**named, **kwargs}, node)
        if func.kind in ("function", "method"):
            if func.name != "builtins.map" and not self.dry:
                self.handing_over(node, func, [*args, *kwargs.values()])
            return call(self, node, func, args, kwargs)
        if func.kind == "error":
            return func
        if func.kind in ("tuple", "list", "number", "str", "none") or (
            func.kind == "array" and func.shape is not None
        ):  # x.shape(), x.T(): what is called is data, not a function
            hi, end = self.span(node.func)[1], self.span(node)[1]

            plain = not node.args and not node.keywords
            raise self.refuse(
                node,
                "call",
                f"{self.source(node.func)} is {describe(func)}, not a function, so it cannot be "
                f"called (TypeError: object is not callable)"
                + (f"; write {self.source(node.func)} without ()" if plain else ""),
                self.replacing(hi, end, "", "without the parentheses") if plain else None,
                raises="TypeError",
            )
        if func.kind == "unknown" and func.name == "decorated":
            # its body runs, not followed: what it reads may change, and what it is given
            unfollowed = getattr(self.host, "ran_unfollowed", None)
            if (
                unfollowed is not None
                and not self.dry
                and isinstance(func.node, (ast.FunctionDef, ast.AsyncFunctionDef))
            ):
                unfollowed(func.node, f"`{self.short(node)}` at {self.where(node)}")
            self.handed_to_unfollowed(
                node,
                func,
                [*args, *kwargs.values(), *([func.bound] if func.bound is not None else [])],
            )
            return self.cannot(node, f"which calls {func.reason}")
        if func.kind == "unknown" and func.name == "class":  # a class shapekit does not follow
            made_here = getattr(self.host, "unfollowed_class_made", None)
            if made_here is not None and not self.dry:
                made_here(node, func.node)
            made = unknown(
                f"`{self.short(node)}` at {self.where(node)}, an instance of {func.reason}"
            )  # its class's statement kept: its own __exit__ may suppress (a `with` of it)
            return replace(made, name="instance", node=func.node)
        if func.name == "io.StringIO" and len(args) == 1 and not kwargs and args[0].kind == "str":
            # its text kept for a reader it is given to at once (np.loadtxt(io.StringIO(t)))
            return replace(self.cannot(node), memo={STRING_IO: args[0].value})
        saver = func.name if func.name in SAVERS else self.numpy_named(node.func)
        if saver in SAVERS:  # np.save("w.npy", W): what the file holds, read back later
            if saver.startswith("numpy."):
                self.saved_homogeneous(node, saver, args, kwargs)
            record_saved(self, node, saver, list(args), dict(kwargs))
        if (
            func.name not in _READS_ONLY or kwargs or any(a.kind == "iter" for a in args)
        ):  # Counter(labels) changes no label (an iterator it reads through is spent)
            self.handed_to_unfollowed(
                node,
                func,
                [*args, *kwargs.values(), *([func.bound] if func.bound is not None else [])],
            )
        if func.kind == "unknown" and func.reason and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            while isinstance(owner, ast.Attribute):
                owner = owner.value
            module = self.walk(node.func.value)
            if isinstance(owner, ast.Name) and module.kind == "module":
                library = "NumPy" if (module.name or "").startswith("numpy") else module.name
                return self.cannot(node, f"a function of {library} that shapekit does not follow")
            # say why the method is not known (its object is an instance of a class shapekit
            # does not follow …) rather than that running the file would tell
            return self.cannot(node, f"which calls a method of {func.reason}")
        return self.cannot(node)

    def named_getattr(self, node: ast.Call) -> ast.Attribute | None:
        """``getattr(w, "reshape")`` (or with the name in a variable) as the attribute
        ``w.reshape`` it reads, when the object is a name (or names' attributes) and the
        attribute's name is known; else None."""
        if len(node.args) != 2 or node.keywords:
            return None
        owner, attr = node.args
        inner = owner
        while isinstance(inner, ast.Attribute):
            inner = inner.value
        if not isinstance(inner, ast.Name) or not isinstance(attr, (ast.Constant, ast.Name)):
            return None
        name = self.walk(attr)
        if name.kind != "str" or not isinstance(name.value, str) or not name.value.isidentifier():
            return None
        return ast.copy_location(ast.Attribute(owner, name.value, ast.Load()), node)

    def vectorized(
        self,
        node: ast.Call,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand],
        otypes: str | None = None,
        excluded: frozenset[str] = frozenset(),
    ) -> Operand:
        """``np.vectorize(f)(x, y)``: ``f`` of one element of each (followed once), over the
        shape the arguments broadcast to, when it gives a number (of the kind ``otypes``
        says, when given); keywords named in ``excluded`` are given to ``f`` as they are."""
        shapes = [array_shape(a) for a in args]
        passed = {k: v for k, v in kwargs.items() if k in excluded}
        if (
            self.dry
            or kwargs.keys() - excluded
            or not args
            or not all(isinstance(s, tuple) for s in shapes)
        ):
            return self.cannot(node)
        out: tuple[int, ...] = ()
        for found in shapes:
            explanation, error = ops.try_binary("add", out, found, suggest=False)  # type: ignore[arg-type]
            if error is not None:
                raise self.refuse(node, "broadcast", error.message.split(": ", 1)[-1])
            out = explanation.shape or ()
        if 0 in out and otypes is None:  # (NumPy calls f once to learn what it gives)
            raise self.refuse(
                node,
                "call",
                f"{self.short(node)} is given no elements (shape {out}), and np.vectorize "
                "learns the type of its results from a first call (NumPy raises a ValueError: "
                "cannot call `vectorize` on size 0 inputs unless `otypes` is set); "
                "np.vectorize(f, otypes=[float]) says it",
                raises="ValueError",
            )
        with lazily(self.host, f"a list changed by the calls of `{self.short(node)}`"):
            elements = [_element_of(a, f"an element of {self.short(node)}") for a in args]
            one = self.call_operand(node, func, elements, passed)  # once each
        if one.kind == "error":
            return one
        if one.kind != "number" and not (one.kind == "array" and one.shape == ()):
            return self.cannot(node)
        if otypes is not None:
            return array(out, dtype=otypes)
        return array(out, dtype=dtype_of(one))

    def call_operand(
        self,
        node: ast.Call,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand] | None = None,
    ) -> Operand:
        """A call of a function of the file (or a partial of one) made by a function that
        is followed (``reduce``, ``apply_along_axis``): its arguments are given, not
        written at ``node``."""
        if func.kind == "partial":
            target, given, named = func.value
            if target.kind == "function":  # a partial of NumPy's: not followed from here
                return self.cannot(node)
            return self.host.call(target, [*given, *args], {**named, **(kwargs or {})}, node)
        return self.host.call(func, args, dict(kwargs or {}), node)

    def plain_callee(self, func: ast.expr) -> Operand | None:
        """What ``func`` names when it is a name or a module's attribute (``np.loadtxt``,
        ``map``), read without side effects; None for any other expression."""
        if isinstance(func, ast.Name) or (
            isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
        ):
            try:
                return self.walk(func)
            except Refused:  # (said where the call itself is followed)
                return None
        return None

    def handed_to_unfollowed(self, node: ast.Call, func: Operand, handed: list[Operand]) -> None:
        """Objects, lists and functions handed to code that is not followed may change
        there (``helpers.fill(rows)`` may append to rows; ``filter(keep, …)`` calls keep; an
        array's shape may be set when the file's code sets shapes anywhere)."""
        objects = host_of(self)
        if objects is None:
            return
        why = f"`{self.short(node)}` at {self.where(node)}"
        objects.escape(handed, why)
        spoil_parsers(handed, f"{why}, which is given the parser and not followed")
        objects.lists_escape(handed, f"a list given to {why}, which may change it")
        unfollowed = None if self.dry else getattr(self.host, "ran_unfollowed", None)
        for given in handed:
            klass = getattr(given.value, "cls", None) if given.kind == "instance" else None
            depth = 0
            while unfollowed is not None and klass is not None and depth < 8:
                # closing(r) calls r.close() at its end
                for item in klass.node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        unfollowed(item, f"{why}, which may call the methods of what it is given")
                klass, depth = klass.base, depth + 1
        reshapes = getattr(objects, "reshapes_in_place", None)
        if reshapes is not None and reshapes():  # the file's own code may reshape them
            for given in handed:  # (an array in a list handed over too)
                inside = items_of(given) if given.kind in ("list", "tuple") else None
                for one in (given, *(inside or ())):
                    if one.kind == "array" and not self.dry:
                        said = f"an array given to {why}, whose shape may be set there"
                        objects.reshaped_everywhere(one, unknown(said), said)
        self.handing_over(node, func, handed)

    def handing_over(self, node: ast.Call, func: Operand, given: list[Operand]) -> None:
        """The file's functions given to a function shapekit does not follow into
        (``sorted(rows, key=f)``): see :meth:`ProgramHost.handed_over`."""
        handed_over = getattr(self.host, "handed_over", None)
        for operand in _functions_held(given):
            if operand.kind == "userfunc" and handed_over is not None:
                who = "the lambda" if operand.name == "<lambda>" else f"`{operand.name}()`"
                handed_over(
                    operand,
                    f"a list that {who} given to `{self.short(node)}` at {self.where(node)} "
                    "may change each time it is called",
                )

    def _Await(self, node: ast.Await) -> Operand:
        """``await f(x)`` (at a notebook's top level, or in an async function): what is
        awaited is evaluated (a call of the file's async function runs its body, not
        followed); what it gives is not known."""
        self.walk(node.value)
        return unknown(f"what is awaited at {self.where(node)}")

    def _Yield(self, node: ast.Yield) -> Operand:
        """``yield value``: the generator's next item (what a yield gives back is what is
        sent into the generator, not known here)."""
        value = Operand("none") if node.value is None else self.walk(node.value)
        yielded = getattr(self.host, "yielded", None)
        if yielded is not None and not self.dry:
            yielded((value,))
        return unknown(f"what is sent into the generator at {self.where(node)}")

    def _YieldFrom(self, node: ast.YieldFrom) -> Operand:
        """``yield from items``: each of them, when they are known."""
        inner = self.walk(node.value)
        # yield from rows: each row of the array (a 0-d one has none: not followed)
        rows = inner.kind == "array" and bool(inner.shape)
        items = items_of(inner) if inner.kind in ("list", "tuple", "iter") or rows else None
        yielded = getattr(self.host, "yielded", None)
        if yielded is not None and not self.dry:
            yielded(items)
        return unknown(f"what the generator at {self.where(node)} returns")

    def _Lambda(self, node: ast.Lambda) -> Operand:
        body = ast.copy_location(ast.Return(value=node.body), node.body)
        fdef = ast.copy_location(
            ast.FunctionDef(name="<lambda>", args=node.args, body=[body], decorator_list=[]),
            node,
        )
        from shapekit.engine._objects import FunctionInfo

        defaults = tuple(self.walk(d) for d in node.args.defaults)
        # the comprehensions' scopes themselves, not copies: a lambda made in a comprehension
        # sees its variable as it is when the lambda is called (its last value), as in Python
        scopes = tuple(self.scopes)
        from shapekit.engine._objects import Enclosing

        closure = None
        frame = getattr(self.host, "frame", None)
        if frame is not None and frame.class_body:  # a class body's names are not seen
            closure = frame.closure
        elif frame is not None and not frame.module:  # a lambda made in a call sees its names
            closure = Enclosing(frame)
        info = FunctionInfo(fdef, self, defaults, scopes=scopes, closure=closure)
        return Operand("userfunc", name="<lambda>", value=info)

    def _ListComp(self, node: ast.ListComp | ast.GeneratorExp) -> Operand:
        results: list[Operand] = []
        if not self.comprehend(node, results):
            return self.cannot(node, self.uncounted("a comprehension"))
        return sequence("list", tuple(results))

    def _GeneratorExp(self, node: ast.GeneratorExp) -> Operand:
        """A generator: what iterating it gives is followed (``sum(...)``, ``list(...)``, a
        loop), but it is no list and no array (``np.array`` of one is a 0-d object array)."""
        saved, self.strict_ends = self.strict_ends, None
        try:
            made = self.generator_made(node)
            if self.strict_ends is not None and made.kind == "iter":
                made.memo[STRICT] = self.strict_ends
            return made
        finally:
            self.strict_ends = saved
            self.walrus_read_in_part(node)

    def walrus_read_in_part(self, node: ast.GeneratorExp) -> None:
        """``(z := v) for v in data``: Python binds ``z`` only for the items read (``next``,
        ``in``, a ``break``, ``zip`` stop early), so what it holds after is not known."""
        assign = None if self.dry else getattr(self.host, "assign", None)
        if assign is None:
            return
        for inner in ast.walk(node):
            if isinstance(inner, ast.NamedExpr) and isinstance(inner.target, ast.Name):
                why = (
                    f"`{inner.target.id}`, bound by the generator at {self.where(node)} for "
                    "the items read from it, as many as running reads"
                )
                assign(inner.target, unknown(why), inner.value)

    def generator_made(self, node: ast.GeneratorExp) -> Operand:
        """The generator ``node`` makes (see :meth:`_GeneratorExp`)."""
        results: list[Operand] = []
        if self.read_now is node:
            self.read_now = None
            if not self.comprehend(node, results):
                return self.cannot(node, self.uncounted("a generator"))
            return Operand("iter", items=tuple(results), name="generator")
        # kept to be read later, or read in part (any(), next(), zip() …): Python computes
        # its items only then, and only those read (all but its first iterable, which it
        # reads at once); what they change in place is not known to be changed
        first = node.generators[0].iter
        later = getattr(self.host, "changed_after", None)
        read = _read_when_iterated(node)
        changed = (
            later(read, self.cell, node.end_lineno or node.lineno)
            if later is not None and not self.dry
            else None
        )
        if changed is None and later is not None and not self.dry:
            # [(np.zeros(i) for _ in …) for i in range(3)]: i is bound again on the next turn
            around = self.host.rebound_around(node, self.cell)  # type: ignore[attr-defined]
            changed = next(iter(sorted(read & around)), None)
        if changed is not None:  # n = 5 after g = (np.zeros(n) for …): read with 5
            return self.cannot(
                node,
                f"a generator kept to be read later, whose items read `{changed}`, which the "
                "file changes after it is made (Python makes each item only as it is read)",
            )
        why = (
            f"a list changed by the generator at {self.where(node)}, whose items are made "
            "only as they are read"
        )
        try:
            with lazily(self.host, why):
                known = self.comprehend(node, results)
        except Refused as refused:
            inside = getattr(refused.node, "lineno", None) is not None and _within(
                refused.node, first
            )
            if inside:
                raise
            return self.cannot(
                node, f"a generator whose items fail when it is read ({refused.error.message})"
            )
        if not known:
            return self.cannot(node, self.uncounted("a generator"))
        return Operand("iter", items=tuple(results), name="generator")

    def _SetComp(self, node: ast.SetComp) -> Operand:
        """A set comprehension: its items are made as a list's are (what they change in
        place is followed); the set itself is not."""
        results: list[Operand] = []
        if not self.comprehend(node, results):  # type: ignore[arg-type]
            return self.cannot(node, self.uncounted("a comprehension"))
        return Operand("other", reason="a set")

    def _DictComp(self, node: ast.DictComp) -> Operand:
        """A dict comprehension over known items whose keys are known: a dict of them."""
        from shapekit.engine._objects import _key, new_dict

        pairs: list[Operand] = []
        if not self.comprehend(node, pairs):
            return self.cannot(node, self.uncounted("a comprehension"))
        attrs: dict[Any, Operand] = {}
        for pair in pairs:
            assert pair.items is not None  # made below as (key, value)
            known, key = _key(pair.items[0])
            try:
                if not known:
                    return self.cannot(node, "a dict comprehension whose keys are not known")
                attrs[key] = pair.items[1]
            except TypeError:  # an unhashable key: running the file fails here
                return self.cannot(node)
        return new_dict(self, attrs)

    def text_of(self, value: Operand, repr_: bool = False, depth: int = 0) -> None:
        """Follow what making the text of an instance of the file's class runs: its
        ``__str__`` (or ``__repr__``, which ``__str__`` falls back on)."""
        special = getattr(self.host, "special", None)
        if special is None:
            return
        if (
            value.kind in ("list", "tuple")
            and value.items is not None
            and depth < 2
            and (self.holds("__repr__") or self.holds("__str__"))  # (a class of the file's)
        ):
            # print([layer, layer]): a list's text holds the __repr__ of each of its items
            held = [i for i in value.items if i.kind in ("instance", "list", "tuple")]
            for item in held[:MAX_TEXTS]:
                self.text_of(item, repr_=True, depth=depth + 1)
            return
        if value.kind != "instance":
            return
        if repr_ or special(value, "__str__", []) is None:
            special(value, "__repr__", [])

    def iterated(self, iterable: Operand) -> Operand:
        """What a loop over ``iterable`` goes through: for an instance of the file's class,
        what its ``__iter__`` returns (a generator of its own, say), followed as a call."""
        if iterable.kind != "instance":
            return iterable
        special = getattr(self.host, "special", None)
        made = special(iterable, "__iter__", []) if special is not None else None
        return iterable if made is None else made

    def uncounted(self, what: str) -> str:
        """Why the items of a comprehension are not known."""
        if self.made > MAX_MADE:
            return f"{what} of more than {MAX_MADE:,} items, more than shapekit follows"
        return f"{what} whose length is not known"

    def comprehend(
        self, node: ast.ListComp | ast.GeneratorExp | ast.DictComp, out: list[Operand]
    ) -> bool:
        """The items of a comprehension into ``out``; False when they are not known. Its
        variables live in one scope, rebound item by item, as Python keeps them."""
        scope: dict[str, Operand] = {}
        if not self.scopes:  # the outermost comprehension: its items and theirs are counted
            self.made = 0
        self.scopes.append(scope)
        try:
            return self._comprehend(node, 0, out, scope)
        finally:
            self.scopes.pop()

    def _comprehend(
        self,
        node: ast.ListComp | ast.GeneratorExp | ast.DictComp,
        index: int,
        out: list[Operand],
        scope: dict[str, Operand],
    ) -> bool:
        if index == len(node.generators):
            # each item is a step of the program's budget: nested comprehensions of a million
            # items, or one in a loop, end in an honest unknown, not in minutes and gigabytes
            budget = getattr(self.host, "budget", None)
            if budget is not None:
                if budget <= 0:
                    return False
                self.host.budget = budget - 1
            if isinstance(node, ast.DictComp):
                out.append(sequence("tuple", (self.walk(node.key), self.walk(node.value))))
            else:
                out.append(self.walk(node.elt))
            # rows of a thousand numbers a thousand times are a million operands: counted,
            # and beyond MAX_MADE an honest unknown, not gigabytes
            made = out[-1].items
            self.made += 1 + (len(made) if made is not None else 0)
            return len(out) <= 10_000 and self.made <= MAX_MADE
        generator = node.generators[index]
        outermost = index == 0 and len(self.scopes) == 1
        saved, self.first_iterable = self.first_iterable, outermost  # read where it is written
        try:
            iterable = self.iterated(self.walk(generator.iter))
        finally:
            self.first_iterable = saved
        if iterable.kind == "number" or (iterable.kind == "array" and iterable.shape == ()):
            raise self.refuse(
                generator.iter,
                "iterate",
                f"{self.source(generator.iter)} is {describe(iterable)}, a single number, "
                "which has no items to iterate over",
            )
        not_iterable = getattr(self.host, "not_iterable", None)
        eager = index == 0 or not isinstance(node, ast.GeneratorExp)  # (a generator's inner
        # loops run as it is read)
        if (
            eager
            and iterable.kind == "instance"
            and not_iterable is not None
            and not_iterable(iterable)
        ):
            raise self.refuse(  # [b for b in Batches(x)], Batches defining only __next__
                generator.iter,
                "iterate",
                f"{self.source(generator.iter)} is {describe(iterable)}, whose class defines no "
                "__iter__ (Python raises a TypeError: object is not iterable)",
                raises="TypeError",
            )
        items = items_of(iterable)
        if items is None or generator.is_async:
            unfollowed = None if self.dry else getattr(self.host, "ran_unfollowed", None)
            if unfollowed is not None:  # [L.append(v) for v in rows]: what it changes
                unfollowed(
                    node,
                    f"the comprehension at {self.where(node)}, which may change it (its items "
                    "are not known)",
                )
            return False
        spend = None if self.dry else getattr(self.host, "spend", None)
        if spend is not None:  # Python's iterators give their items once: none are left
            # (a generator read as it is read, by any() or next(), may stop before the end)
            lazy = getattr(self.host, "lazy", None)
            spend(iterable, None if lazy is None else _READ_IN_PART)
        for item in items:
            if not bind_target(generator.target, item, scope):
                return False
            kept = True
            for condition in generator.ifs:  # an item is kept when every `if` is true
                kept_by = self.walk(condition)
                refused = self.truth_refused(condition, kept_by, "the `if` of a comprehension")
                if refused is not None:
                    raise refused
                truth = self.truth(kept_by)
                if truth is None:
                    return False
                if not truth:
                    kept = False
                    break
            if kept and not self._comprehend(node, index + 1, out, scope):
                return False
        ends = iterable.memo.get(STRICT) if iterable.kind == "iter" else None
        if ends is not None and not isinstance(node, ast.GeneratorExp):
            # [a for a, b in zip(x, y, strict=True)]: read to the end, it raises there
            raise self.refuse(generator.iter, "call", ends, raises="ValueError")
        if ends is not None and index == 0:  # (a generator raises when it is read to its end)
            self.strict_ends = ends
        return True

    def _NamedExpr(self, node: ast.NamedExpr) -> Operand:
        value = self.walk(node.value)
        if not self.dry:
            # bound where the code runs: in the function (a comprehension's too), as `n = …`
            # would be there (with `global`/`nonlocal` as declared); it went to the module
            assign = getattr(self.host, "assign", None)
            if assign is not None:
                assign(node.target, value, node.value)
            else:
                self.host.rebind(node.target.id, value)
        return value


@functools.cache
def _empty_truth_refused() -> bool:
    """Whether the NumPy installed refuses the truth of an empty array (2.2 and later; before,
    it was False, with a DeprecationWarning)."""
    import warnings

    import numpy as np

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            bool(np.array([]))
    except ValueError:
        return True
    return False


def bind_target(target: ast.AST, value: Operand, scope: dict[str, Operand]) -> bool:
    """Assign ``value`` to a name or a tuple of names in ``scope``; False when it cannot."""
    if isinstance(target, ast.Name):
        scope[target.id] = value
        return True
    if isinstance(target, (ast.Tuple, ast.List)):
        items = items_of(value)
        starred = [i for i, t in enumerate(target.elts) if isinstance(t, ast.Starred)]
        if items is not None and len(starred) == 1 and len(items) >= len(target.elts) - 1:
            # *_, n = (4, 3, 2): the starred name takes a list of what is left between
            at = starred[0]
            after = len(target.elts) - at - 1
            middle = sequence("list", tuple(items[at : len(items) - after]))
            items = (*items[:at], middle, *items[len(items) - after :])
            elts = [t.value if isinstance(t, ast.Starred) else t for t in target.elts]
            return all(bind_target(t, v, scope) for t, v in zip(elts, items, strict=True))
        if items is None or len(items) != len(target.elts):
            return False
        return all(bind_target(t, v, scope) for t, v in zip(target.elts, items, strict=True))
    return False


def _formatted(pieces: list[str], value: Operand, part: ast.FormattedValue) -> list[str] | None:
    """``pieces`` and the text of ``{value}`` in an f-string, when it is known: a whole
    number, a float or text, with a written-out format spec (``f"W{l}"``, ``f"{i:02d}"``);
    else None."""
    known = value.value
    if known_text_value(value) is None:
        return None
    spec = part.format_spec
    if spec is not None and not (
        isinstance(spec, ast.JoinedStr) and all(isinstance(p, ast.Constant) for p in spec.values)
    ):
        return None
    text = "" if spec is None else "".join(str(p.value) for p in spec.values)  # type: ignore[attr-defined]
    if wide_spec(text):
        return None
    convert = {-1: None, ord("s"): str, ord("r"): repr, ord("a"): ascii}.get(part.conversion)
    try:
        shown = format(known if convert is None else convert(known), text)
    except (ValueError, TypeError):
        return None
    if len(shown) + sum(map(len, pieces)) > MAX_TEXT:
        return None
    return [*pieces, shown]


def same(a: Operand, b: Operand) -> bool:
    """Whether two operands certainly have the same kind and shape."""
    if a is b:
        return True
    if a.kind != b.kind or a.kind not in ARRAYLIKE or a.readonly != b.readonly:
        return False  # (one read-only, the other not: a write may fail or not)
    sa, sb = array_shape(a), array_shape(b)
    return isinstance(sa, tuple) and sa == sb


def numbers_merged(values: list[Operand | None]) -> Operand | None:
    """What two ways through the code leave in a name that holds a Python number on one and
    a NumPy number on the other (``best = 9999999``, then ``best = loss`` in a branch), both
    of shape (): a NumPy number, of their kind when they share one (np.float64 is a Python
    float too); None when they are not all such numbers."""
    if any(v is None for v in values):
        return None
    known = [v for v in values if v is not None]
    scalars = [v for v in known if v.kind == "array" and v.shape == () and not zero_d(v)]
    plain = [v for v in known if v.kind == "number" and not v.memo]
    if not scalars or not plain or len(scalars) + len(plain) != len(known):
        return None
    kinds = {dtype_of(v) for v in known}
    return array((), None, kinds.pop() if len(kinds) == 1 else None)


def either(a: Operand, b: Operand) -> Operand | None:
    """What ``a if c else b`` is known to be when ``c`` is not known: its shape, when both
    have one, and its value only when both are the same value (``2 if flag else 3`` is a
    whole number, not 2); None when they differ in kind or shape, or are two lists with
    different items (each may then be changed in place)."""
    if a is b:
        return a
    merged = numbers_merged([a, b])
    if merged is not None:  # best = 9999999, later best = loss (a NumPy float)
        return merged
    if not same(a, b):
        return None
    if a.kind == "number":
        equal = a.value is not None and (type(a.value), a.value) == (type(b.value), b.value)
        if equal:
            return a
        kind = dtype_of(a)  # (1 if c else 0: a whole number, its value not known)
        return Operand("number", (), None, dtype=kind) if kind == dtype_of(b) else number()
    shape = array_shape(a)
    assert isinstance(shape, tuple)  # same() compared them
    if a.kind == "array":
        kind = a.dtype if a.dtype == b.dtype else None
        if (
            a.value is None
            or b.value is None
            or kind is None
            or a.value.dtype != b.value.dtype  # (int8 and int64 ones: not one array)
        ):
            return array(shape, None, kind)
        import numpy as np

        if not np.array_equal(a.value, b.value):
            return array(shape, None, kind)
        if a.strides == b.strides and a.readonly == b.readonly:
            return a
        return replace(a, strides=a.strides if a.strides == b.strides else None, readonly=False)
    if a.value is not None and b.value is not None and _plain_equal(a.value, b.value):
        return a
    if a.kind == "list":  # one of two lists, each changed in place as itself: not followed
        return None
    return Operand(a.kind, shape)  # rows of the same lengths, their numbers not known


def _plain_equal(a: Any, b: Any) -> bool:
    """Whether two values written out (numbers, text, nested lists and tuples) are equal,
    of the same types."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_plain_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


_NO_VALUE = object()
_SIGNED = (int, float, complex)


def _plain_literal(node: ast.AST) -> Any:
    """What :func:`ast.literal_eval` gives a list or tuple written with constants and signed
    numbers only, found without its general walk; ``_NO_VALUE`` for anything else (numbers
    nested in lists are the common case: rows of numbers are read in one pass)."""
    kind = type(node)
    if kind is ast.Constant:
        return node.value  # type: ignore[attr-defined]
    if kind is ast.List or kind is ast.Tuple:
        values = []
        for element in node.elts:  # type: ignore[attr-defined]
            if type(element) is ast.Constant:
                values.append(element.value)
                continue
            value = _plain_literal(element)
            if value is _NO_VALUE:
                return _NO_VALUE
            values.append(value)
        return values if kind is ast.List else tuple(values)
    if kind is ast.UnaryOp and type(node.operand) is ast.Constant:  # type: ignore[attr-defined]
        number: Any = node.operand.value  # type: ignore[attr-defined]
        if type(number) in _SIGNED:
            if type(node.op) is ast.USub:  # type: ignore[attr-defined]
                return -number
            if type(node.op) is ast.UAdd:  # type: ignore[attr-defined]
                return +number
    return _NO_VALUE


_KIND_OF_TYPE = {bool: "b", int: "i", float: "f"}
_INT64 = 2**63


_PERCENT = re.compile(r"%(\([^)]*\))?[#0\- +]*(\*|[0-9]+)?(?:\.(\*|[0-9]+))?[hlL]?(.)", re.S)


def percent_conversions(text: str) -> list[str]:
    """The conversion letter of each value ``text % values`` takes, in order."""
    return [m.group(4) for m in _PERCENT.finditer(text) if m.group(4) != "%"]


def percent_fields(text: str) -> int | None:
    """How many values ``text % values`` takes, or None when that cannot be told (a
    mapping key, a ``*`` width, a conversion Python refuses).

    >>> percent_fields("%d by %d"), percent_fields("100%% of %s"), percent_fields("%(n)s")
    (2, 1, None)
    """
    count = signs = 0
    for match in _PERCENT.finditer(text):
        key, width, precision, conversion = match.groups()
        signs += match.group().count("%")
        if conversion == "%":
            continue
        if key is not None or "*" in (width, precision) or conversion not in "diouxXeEfFgGcrsa":
            return None
        count += 1
    return count if signs == text.count("%") else None  # a lone % at the end: ValueError


def _bool_like(operand: Operand) -> bool:
    """Whether NumPy takes ``operand`` for booleans: an array of them, ``True``/``False``, or a
    list of them."""
    if operand.kind == "number":
        return type(operand.value) is bool
    if operand.kind in ("array", "list", "tuple"):
        return dtype_of(operand) == "b"
    return False


def _negative_integer_power(operands: tuple[Operand, Operand], called: bool = False) -> bool:
    """Whether ``a ** b`` is NumPy's whole numbers to a negative whole power: both of whole
    numbers, at least one an array (or both Python ints given to ``np.power``, ``called``,
    which makes arrays of them), and a negative exponent among those known."""
    base, exponent = operands
    if not called and not any(o.kind == "array" for o in operands):
        return False
    if dtype_of(base) != "i" or dtype_of(exponent) != "i":
        return False
    if exponent.kind == "number":
        return type(exponent.value) is int and exponent.value < 0
    value = exponent.value
    if exponent.kind == "array" and value is not None and int(getattr(value, "size", 0)):
        return bool((value < 0).any())
    return False


def _spanned(op: str, left: Operand, right: Operand, made: Operand) -> Operand:
    """``made``, the number ``i + 1``, ``2 * i``, ``i // 2`` … of a merged loop's ``i`` (see
    :data:`SPAN`) and a whole number written out: one of the numbers those give."""
    spans = [o.memo.get(SPAN) for o in (left, right)]
    side = 0 if spans[0] is not None else 1
    spanned = spans[side]
    if spanned is None or spans[1 - side] is not None:
        return made
    first, last, line = spanned
    other = (right, left)[side].value
    if type(other) is not int or op not in ("add", "sub", "mul", "floordiv"):
        return made
    if op == "floordiv" and (side == 1 or other == 0):
        return made  # (n // i: not one way; // 0 is refused elsewhere)

    def at(value: int) -> int:
        pair = (value, other) if side == 0 else (other, value)
        if op == "add":
            return pair[0] + pair[1]
        if op == "sub":
            return pair[0] - pair[1]
        return pair[0] * pair[1] if op == "mul" else pair[0] // pair[1]

    ends = (at(first), at(last))  # (each of these is monotonic in i)
    return replace(made, memo={**made.memo, SPAN: (min(ends), max(ends), line)})


def _numbers(elements: list[ast.expr]) -> list[Any] | None:
    """The values of ``elements`` when each is a number written out (perhaps signed)."""
    values = [e.value for e in elements if type(e) is ast.Constant]
    if len(values) == len(elements):
        return values
    values = []
    for element in elements:
        kind = type(element)
        if kind is ast.Constant:
            values.append(element.value)  # type: ignore[attr-defined]
        elif kind is ast.UnaryOp and type(element.operand) is ast.Constant:  # type: ignore[attr-defined]
            value: Any = element.operand.value  # type: ignore[attr-defined]
            sign = type(element.op)  # type: ignore[attr-defined]
            if type(value) not in _SIGNED or sign not in (ast.USub, ast.UAdd):
                return None
            values.append(-value if sign is ast.USub else +value)
        else:
            return None
    return values


def _number_rows(node: ast.List | ast.Tuple) -> tuple[Any, Shape, str] | None:
    """A non-empty list or tuple of numbers, or of rows of numbers all of one length: its
    value, shape and kind of numbers, found in one pass (what :func:`_literal`,
    ``literal_shape`` and ``dtype_of`` would find); ``None`` for anything else.

    >>> _number_rows(ast.parse("[[1, -2.5], (3, +4)]", mode="eval").body)
    ([[1, -2.5], (3, 4)], (2, 2), 'f')
    >>> _number_rows(ast.parse("[[1, 2], [3]]", mode="eval").body) is None
    True
    """
    elements = node.elts
    if not elements:
        return None
    first = type(elements[0])
    if first is ast.List or first is ast.Tuple:
        rows: list[Any] = []
        width = len(elements[0].elts)  # type: ignore[attr-defined]
        flat: list[Any] = []
        for element in elements:
            kind = type(element)
            if (kind is not ast.List and kind is not ast.Tuple) or len(element.elts) != width:  # type: ignore[attr-defined]
                return None
            row = _numbers(element.elts)  # type: ignore[attr-defined]
            if row is None:
                return None
            flat.extend(row)
            rows.append(row if kind is ast.List else tuple(row))
        shape: Shape = (len(rows), width)
        if not width:
            return None
    else:
        found = _numbers(elements)
        if found is None:
            return None
        rows = flat = found
        shape = (len(found),)
    kinds = set()
    for kind in set(map(type, flat)):
        letter = _KIND_OF_TYPE.get(kind)
        if letter is None:
            return None
        kinds.add(letter)
    if "i" in kinds and any(not -_INT64 <= v < _INT64 for v in flat if type(v) is int):
        return None
    value = rows if type(node) is ast.List else tuple(rows)
    return value, shape, "f" if "f" in kinds else "i" if "i" in kinds else "b"


def _literal(node: ast.AST) -> Any:
    """The value of a list or tuple written only with numbers, strings and signs, else None.

    >>> _literal(ast.parse("[[1, -2.5], (+3, 'a')]", mode="eval").body)
    [[1, -2.5], (3, 'a')]
    >>> _literal(ast.parse("[1, x]", mode="eval").body) is None
    True
    """
    try:
        value = _plain_literal(node)  # (numbers and text only: no dict in it)
        if value is _NO_VALUE:
            value = ast.literal_eval(node)
            if _holds_dicts(value):
                return None  # [{"s": 2}]: each dict is an object of its own, followed as one
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return None
    return value if isinstance(value, (list, tuple)) else None


def _holds_dicts(value: Any, depth: int = 0) -> bool:
    """Whether a literal list or tuple holds a dict or a set (at any depth)."""
    if isinstance(value, (dict, set, frozenset)):
        return True
    if isinstance(value, (list, tuple)) and depth < 64:
        return any(
            _holds_dicts(item, depth + 1)
            for item in value
            if isinstance(item, (list, tuple, dict, set, frozenset))
        )
    return False


def _python_power_refused(a: Any, b: Any) -> tuple[str, str] | None:
    """What Python's ``a ** b`` of Python numbers (not NumPy's, which give inf or 0) raises:
    0 to a negative power, and a float result too large for a float; None when it gives a
    number (or when that is not worked out here).

    >>> _python_power_refused(10.0, 400)[1], _python_power_refused(0, -1)[1]
    ('OverflowError', 'ZeroDivisionError')
    >>> _python_power_refused(2.0, 10), _python_power_refused(10, 400), _python_power_refused(-8, 1 / 3)
    (None, None, None)
    """
    if type(a) not in (int, float, bool) or type(b) not in (int, float, bool):
        return None
    if a == 0 and b < 0 and finite(b):  # (0.0 ** -inf is inf)
        return (
            "0 raised to a negative power divides by zero (Python raises a ZeroDivisionError: "
            "zero to a negative power); NumPy's np.power(0.0, -1) gives inf",
            "ZeroDivisionError",
        )
    if type(a) is not float and type(b) is not float:
        return None  # whole numbers: a whole number (large, perhaps), never an error
    try:
        float(a) ** float(b)
    except OverflowError:
        return (
            f"{a!r} ** {b!r} is larger than the largest float (Python raises an OverflowError: "
            "Numerical result out of range); np.power gives inf instead",
            "OverflowError",
        )
    except (ZeroDivisionError, ValueError):
        return None
    return None


def _python_arithmetic(op: str, a: Any, b: Any) -> Any:
    """The result of ``a op b`` on Python numbers when it is safe to compute, else None."""
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return None
    try:
        if op == "add":
            result = a + b
        elif op == "sub":
            result = a - b
        elif op == "mul":
            result = a * b
        elif op == "div":
            result = a / b
        elif op == "floordiv":
            result = a // b
        elif op == "mod":
            result = a % b
        elif op == "pow" and abs(b) <= 256 and abs(a) <= 2**16:
            result = a**b
        else:
            return None
    except (ZeroDivisionError, OverflowError, ValueError):
        return None
    # (a whole number past 64 bits is kept, as written out it would be, up to a bound)
    if (isinstance(result, int) and result.bit_length() > 256) or isinstance(result, complex):
        return None
    return result


def _plain(operand: Operand) -> Any:
    """The Python value of a number, text, None, or a tuple or list of them that is known
    item by item (``x.shape``); :data:`_NO_VALUE` otherwise."""
    if operand.kind in ("number", "str", "none"):
        known = operand.value is not None or operand.kind == "none"
        return operand.value if known else _NO_VALUE
    if operand.kind in ("tuple", "list"):
        items = items_of(operand)
        if items is None or len(items) > 64:
            return _NO_VALUE
        values = [_plain(item) for item in items]
        if any(v is _NO_VALUE for v in values):
            return _NO_VALUE
        return tuple(values) if operand.kind == "tuple" else values
    return _NO_VALUE


def _compare(operators: list[ast.cmpop], values: list[Any], operands: list[Operand]) -> Any:
    if any(v is None for v in values) and not all(o.kind == "none" for o in operands):
        return None
    table: dict[type, Callable[[Any, Any], Any]] = {
        ast.Eq: lambda x, y: x == y,
        ast.NotEq: lambda x, y: x != y,
        ast.Lt: lambda x, y: x < y,
        ast.LtE: lambda x, y: x <= y,
        ast.Gt: lambda x, y: x > y,
        ast.GtE: lambda x, y: x >= y,
        ast.Is: lambda x, y: x is y,
        ast.IsNot: lambda x, y: x is not y,
    }
    result = True
    for operator_, x, y in zip(operators, values, values[1:], strict=False):
        function = table.get(type(operator_))
        if function is None:
            return None
        try:
            result = result and bool(function(x, y))
        except TypeError:
            return None
    return result


def _unordered(left: str, right: str) -> bool:
    """Whether Python refuses ``<`` between operands of these kinds: None with anything but
    an array (NumPy's TypeError then too), or a list, a tuple or a dict with another kind of
    Python value (``[1, 2] > 0``; a list with a list is compared item by item)."""
    if "none" in (left, right):
        return all(k in ("none", "number", "str", "array", "list", "tuple") for k in (left, right))
    containers = ("list", "tuple", "dict")
    plain = ("number", "str", "list", "tuple", "dict")
    if left not in plain or right not in plain:
        return False
    if "dict" in (left, right):
        return True
    return (left in containers or right in containers) and left != right


#: the special method (without its underscores) an operator calls on an instance
_DUNDERS = {
    "add": "add", "sub": "sub", "mul": "mul", "matmul": "matmul", "div": "truediv",
    "floordiv": "floordiv", "pow": "pow", "mod": "mod",
}  # fmt: skip

#: methods and functions that write into an array they are given (or its receiver), by name
_WRITING = frozenset(
    {"fill", "sort", "put", "itemset", "resize", "partition", "byteswap", "setfield",
     "shuffle", "copyto", "place", "putmask", "put_along_axis", "fill_diagonal", "at",
     "__setitem__", "setitem", "memoryview", "exec", "eval", "__setstate__"}
    # in place: x.__iadd__(1), operator.iadd(x, 1) …
    | {f"{dunder}i{op}{dunder}" for op in (*_DUNDERS.values(), "or", "and", "xor")
       for dunder in ("__", "")}
)  # fmt: skip


#: the methods of a dict that change it
_DICT_CHANGERS = frozenset(
    {"setdefault", "update", "pop", "popitem", "clear", "__setitem__", "__delitem__", "__ior__"}
)


def _writes_in_place(node: ast.Call, followed: bool = False) -> bool:
    """Whether a call may write into an array: ``out=`` (or NumPy's out in its place,
    ``np.add(x, 1, x)``), a method or function of :data:`_WRITING`, ``setattr``, or one
    given the name of such a method (``operator.methodcaller("fill", 0)``). ``followed``:
    the callee is the file's own, whose body is followed (``**options`` given to it)."""
    if any(
        k.arg == "out"
        or (k.arg is None and not followed)  # (**{"out": x})
        or (
            k.arg in ("copy", "inplace") and isinstance(k.value, ast.Constant) and not k.value.value
        )
        for k in node.keywords
    ):  # np.nan_to_num(x, copy=False, nan=5): x itself is written
        return True
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name in _WRITING or name == "setattr":
        return True
    if name in _OUT_IN_PLACE and len(node.args) > _OUT_IN_PLACE[name]:
        return True
    return any(isinstance(a, ast.Constant) and a.value in _WRITING for a in node.args)


@functools.lru_cache(maxsize=512)
def _ufunc_inputs(name: str) -> int:
    """How many arrays NumPy's ufunc ``name`` (``"numpy.add"``) takes before its outputs,
    which may be given by place; a large number for anything else."""
    import numpy as np

    found: Any = np
    for part in name.split(".")[1:]:
        found = getattr(found, part, None)
    return found.nin if isinstance(found, np.ufunc) else 1_000


def _by_a_name_not_written(node: ast.Call) -> bool:
    """Whether the call is of what ``getattr`` gives for a name not written out
    (``getattr(x, "fi" + "ll")(5)``): any method, one that writes too."""
    inner = node.func
    return (
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Name)
        and inner.func.id == "getattr"
        and len(inner.args) >= 2
        and not isinstance(inner.args[1], ast.Constant)
    )


def _out_by_place(node: ast.Call) -> bool:
    """Whether a call may be given an array to write into by place (NumPy's ``out``):
    ``a.dot(b, counts)``, ``np.sum(a, 0, None, counts)``, ``np.round(a, 0, counts)``: a
    name or an item given after a method's first argument, or after a function's second
    (and third, for functions of three arrays), when the call is an attribute's."""
    if not isinstance(node.func, ast.Attribute) or node.func.attr not in _OUT_TAKERS:
        return False
    root = node.func.value
    while isinstance(root, ast.Attribute):
        root = root.value
    module = isinstance(root, ast.Name) and root.id in ("np", "numpy")
    first = 3 if module and node.func.attr in ("clip", "where", "take", "choose") else 2
    start = first if module else 1
    return any(isinstance(a, (ast.Name, ast.Attribute, ast.Subscript)) for a in node.args[start:])


def numpy_attribute(lookup: Any, func: ast.expr, attr: str) -> bool:
    """Whether ``func`` is NumPy's ``attr`` written through the module (``np.errstate``), or
    a name bound to it (``from numpy import seterr``)."""
    if isinstance(func, ast.Name):
        bound = lookup(func.id)
        return bound is not None and bound.kind == "function" and bound.name == f"numpy.{attr}"
    if not (
        isinstance(func, ast.Attribute) and func.attr == attr and isinstance(func.value, ast.Name)
    ):
        return False
    module = lookup(func.value.id)
    return module is not None and module.kind == "module" and module.name == "numpy"


_Body = TypeVar("_Body", bound=ast.AST)
_Made = TypeVar("_Made")


def per_body(work: Callable[[_Body], _Made]) -> Callable[[_Body], _Made]:
    """``work`` of a body of the file's, worked out once per body (its tree never
    changes): a call too deep to follow, met again and again in a loop, asks it again."""
    kept: dict[int, tuple[_Body, _Made]] = {}

    def worked(body: _Body) -> _Made:
        found = kept.get(id(body))
        if found is not None and found[0] is body:
            return found[1]
        if len(kept) > 4096:
            kept.clear()
        made = work(body)
        kept[id(body)] = (body, made)
        return made

    worked.__doc__ = work.__doc__
    return worked


@per_body
def may_write(function: ast.AST) -> bool:
    """Whether a function of the file may write into an array when called: an item or
    attribute set, ``+=``, a method of :data:`_WRITING`, or a call of anything not a
    built-in (which may)."""
    for node in ast.walk(function):
        if isinstance(node, (ast.AugAssign, ast.Global, ast.Nonlocal)):
            return True
        if isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(
            node.ctx, (ast.Store, ast.Del)
        ):
            return True
        if isinstance(node, ast.Attribute) and node.attr in _WRITING:
            return True
        if isinstance(node, ast.Call) and not _pure_call(node):
            return True
    return False


def _pure_call(node: ast.Call) -> bool:
    """Whether a call writes into no array: a built-in's, NumPy's or math's without out=,
    or a method of :data:`_PURE_METHODS`."""
    func = node.func
    if any(k.arg == "out" for k in node.keywords):
        return False
    if isinstance(func, ast.Name):
        return hasattr(builtins, func.id) and func.id != "setattr"
    if not isinstance(func, ast.Attribute) or func.attr in _WRITING:
        return False
    root = func.value
    while isinstance(root, ast.Attribute):
        root = root.value
    library = isinstance(root, ast.Name) and root.id in _PURE_LIBRARIES
    return library or func.attr in _PURE_METHODS


#: the special methods a file may call by name, running code not followed from there
_DUNDER_CALLS = frozenset(
    {"__call__", "__getattribute__", "__getattr__", "__delattr__", "__setattr__"}
)  # fmt: skip
#: the standard library's calls that change none of what they are given and whose results
#: hold none of it (a count, a statistic, a text), though their results are not followed
#: (deque(layers) and OrderedDict(params) hold the very objects given: not among them)
_READS_ONLY = frozenset(
    {"collections.Counter", "statistics.mean",
     "statistics.median", "statistics.stdev", "statistics.variance", "statistics.fmean",
     "statistics.mode", "math.fsum", "math.prod", "pprint.pformat", "textwrap.dedent"}
)  # fmt: skip
#: the operators whose floating-point errors np.errstate may make raise, by NumPy's ufunc
_FLOATING_OPS = {
    "div": "true_divide", "floordiv": "floor_divide", "mod": "remainder", "pow": "power",
    "mul": "multiply", "add": "add", "sub": "subtract",
}  # fmt: skip
#: IPython's methods that run code in the notebook's namespace
_RUNS_CODE = frozenset(
    {"run_cell", "run_line_magic", "run_cell_magic", "safe_execfile", "safe_run_module"}
)
#: modules whose functions write into no array and no file (``time.perf_counter()``,
#: ``random.random()``; ``random.shuffle`` is of :data:`_WRITING`)
_PURE_LIBRARIES = frozenset(
    {"np", "numpy", "math", "time", "random", "statistics", "datetime", "logging", "warnings",
     "string", "textwrap"}
)  # fmt: skip


#: NumPy's functions whose out may be given in its place, by how many arguments come first
_OUT_IN_PLACE = {
    **dict.fromkeys(
        ("add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "power",
         "maximum", "minimum", "matmul", "dot", "mod", "remainder", "fmod", "fmax", "fmin",
         "logical_and", "logical_or", "logical_xor", "bitwise_and", "bitwise_or",
         "bitwise_xor", "left_shift", "right_shift", "greater", "less", "equal", "not_equal",
         "greater_equal", "less_equal", "hypot", "arctan2", "copysign", "heaviside",
         "float_power", "ldexp", "nextafter", "lcm", "gcd"),
        2,
    ),
    **dict.fromkeys(
        ("exp", "log", "log2", "log10", "log1p", "expm1", "tanh", "sqrt", "abs", "absolute",
         "square", "sign", "sin", "cos", "tan", "negative", "positive", "floor", "ceil", "rint",
         "sinh", "cosh", "reciprocal", "isnan", "isfinite", "isinf", "logical_not", "signbit",
         "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "cbrt", "fabs", "exp2",
         "deg2rad", "rad2deg", "degrees", "radians", "invert", "conjugate", "trunc", "fix"),
        1,
    ),
    "clip": 3,
    "cumsum": 3,
    "cumprod": 3,
}  # fmt: skip
#: NumPy's functions that write into an array, imported by name (perhaps under another)
_IMPORTED_WRITERS = re.compile(
    r"import[^\n]*\b(?:copyto|put|place|putmask|put_along_axis|fill_diagonal|shuffle)\b"
)
#: a list's methods that change it, by their names
_LIST_CHANGERS = _IN_PLACE | {"pop", "__delitem__", "__setitem__", "__iadd__", "__imul__"}
#: NumPy's functions and arrays' methods that take an array to write into (out) by place
_OUT_TAKERS = frozenset(
    {"dot", "sum", "prod", "max", "min", "amax", "amin", "mean", "std", "var", "round",
     "around", "clip", "take", "argmax", "argmin", "cumsum", "cumprod", "any", "all",
     "concatenate", "matmul", "trace", "median", "percentile", "quantile", "nansum",
     "nanprod", "nanmax", "nanmin", "nanmean", "ptp", "compress", "choose", "cross", "inner",
     "outer", "vdot", "einsum", "nancumsum", "nancumprod"}
)  # fmt: skip
#: methods that write into nothing (what a function handed over may call freely)
_PURE_METHODS = frozenset(
    {"sum", "mean", "max", "min", "dot", "reshape", "copy", "astype", "format", "join",
     "item", "tolist", "argmax", "argmin", "std", "var", "transpose", "get", "keys", "values",
     "items", "split", "strip", "lower", "upper", "startswith", "endswith", "any", "all"}
)  # fmt: skip


#: the special methods a comparison calls: the left operand's, then the right one's
_COMPARISONS = {
    ast.Eq: ("__eq__", "__eq__"), ast.NotEq: ("__ne__", "__ne__"), ast.Lt: ("__lt__", "__gt__"),
    ast.LtE: ("__le__", "__ge__"), ast.Gt: ("__gt__", "__lt__"), ast.GtE: ("__ge__", "__le__"),
}  # fmt: skip


def _defines(target: Operand, dunder: str) -> bool:
    """Whether the class of an instance (or one of its bases in the file) defines
    ``dunder``, or may (what the class holds is not known)."""
    space = target.value
    klass = getattr(space, "cls", None)
    if klass is None or space.dynamic is not None:
        return True
    return klass.lookup(dunder) is not None


#: objects whose truth is always True: functions, classes, modules
_ALWAYS_TRUE = frozenset({"userfunc", "function", "class", "module", "partial", "enum"})
#: what an operand of these kinds is, it certainly is not None
_NOT_NONE = frozenset(
    {"array", "number", "list", "tuple", "str", "dict", "instance", "class", "userfunc",
     "function", "method", "module", "iter", "generator"}
)  # fmt: skip


def _fresh_array(node: ast.expr, value: Operand, walker: Walker) -> bool:
    """Whether ``node`` makes a new array of more than one element each time it runs (a row
    ``x[0]`` of an array ``x``, ``x.T``, ``a + b``), so that no list can hold that very object
    (a list's own item, ``rows[0]``, is the object the list holds)."""
    if value.kind != "array" or not value.shape or size(value.shape) < 2:
        return False
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        return True
    if isinstance(node, ast.Attribute):
        return node.attr == "T"
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return walker.walk(node.value).kind == "array"
    return False


def _contains(item: Operand, sequence: Operand) -> bool | None:
    """``item in sequence`` for a number or text in a list or tuple of numbers or text whose
    values are all known, or in a dict whose keys are all known; else None."""
    if item.kind not in ("number", "str") or item.value is None:
        return None
    space = sequence.value if sequence.kind == "dict" else None
    if (
        space is not None
        and not (space.dynamic or space.open or space.unlisted)
        and space.attributes is None
    ):
        return item.value in space.attrs  # "w" in params: among the dict's keys, all known
    if sequence.kind not in ("list", "tuple"):
        return None
    items = items_of(sequence)
    if items is None or any(i.kind not in ("number", "str") or i.value is None for i in items):
        return None
    return item.value in [i.value for i in items]


def _same_member(op: ast.cmpop, a: Operand, b: Operand) -> bool | None:
    """``a is b`` / ``a == b`` (and their negations) when one is a member of an Enum of the
    file's: members are one object each, equal only to themselves (a plain Enum's member
    is never equal to its value, nor to anything else); None when not known."""
    if not isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)):
        return None
    ea, eb = enum_of(a), enum_of(b)
    if ea is not None and eb is not None:
        if isinstance(op, (ast.Eq, ast.NotEq)) and "number" in (a.kind, b.kind):
            return None  # an IntEnum's member equals any int of its value
        same = ea.name == eb.name
    elif ea is None and eb is None:
        return None
    elif (b if ea is not None else a).kind in _PLAIN_VALUES:
        same = False  # a number, a text, None or an array is no member
    else:
        return None
    return same if isinstance(op, (ast.Is, ast.Eq)) else not same


#: values that are never a member of an Enum of the file's
_PLAIN_VALUES = frozenset({"number", "str", "none", "array", "list", "tuple", "dict"})


def _is_none(a: Operand, b: Operand) -> bool | None:
    """Whether ``a is b`` when one of them is None and what the other is, is known."""
    if "none" not in (a.kind, b.kind):
        return None
    other = b if a.kind == "none" else a
    if other.kind == "none":
        return True
    return False if other.kind in _NOT_NONE else None


def _same_constant(a: Operand, b: Operand) -> bool | None:
    """Whether ``a is b`` of two Python numbers or texts whose values are known: never when
    the values differ; always for True, False and the small whole numbers CPython keeps one
    of each (-5 to 256); else None (equal numbers or texts may be one object or two)."""
    if a.kind not in ("number", "str") or b.kind not in ("number", "str"):
        return None
    x, y = a.value, b.value
    if x is None or y is None or isinstance(x, complex) or isinstance(y, complex):
        return None
    if x != x or y != y:  # NaN: the same one (x is x) or another
        return None
    if type(x) is not type(y) or x != y:
        return False
    if type(x) is bool or (type(x) is int and -5 <= x <= 256):
        return True
    return None


def _dtypes_differ(a: Operand, b: Operand) -> bool:
    """Whether one of ``a`` and ``b`` is the dtype of an array (``x.dtype``) and the other a
    dtype of another kind of number (``np.float64``, ``float``, ``"float32"`` for an array of
    whole numbers): they are certainly not equal. Two of one kind (float32 and float64) are
    not decided: shapekit knows the kind of an array's numbers, not their size."""
    for held, other in ((a, b), (b, a)):
        base = held.bound
        if held.kind == "method" and held.name == "dtype" and base is not None:
            mine, theirs = KIND_LETTERS.get(base.dtype or ""), _dtype_kind(other)
            if mine is not None and theirs is not None:
                return mine != theirs
    return False


#: the kinds of numbers a dtype can be compared by (unsigned whole numbers are whole numbers)


def _dtype_kind(op: Operand) -> str | None:
    """The kind of numbers of a dtype written as ``np.float32``, ``float`` or ``"int64"``."""
    if op.kind == "function" and op.name:
        from shapekit.engine._numpy_api import DTYPES

        if op.name.startswith("numpy."):
            return DTYPES.get(op.name.removeprefix("numpy."))
        return {"builtins.float": "f", "builtins.int": "i", "builtins.bool": "b"}.get(op.name)
    if op.kind == "str" and isinstance(op.value, str) and len(op.value) <= 16:
        import numpy

        try:
            return KIND_LETTERS.get(numpy.dtype(op.value).kind)
        except (TypeError, ValueError, SyntaxError):  # not the name of a dtype
            return None
    return None


#: Python's functions, not followed, that read an iterator given to them to its end
_READ_BY_UNFOLLOWED = frozenset({"set", "frozenset", "deque", "Counter", "OrderedDict"})

#: Python's functions that read an iterator given to them as they are read themselves
_WRAPPERS = frozenset(
    f"builtins.{name}" for name in ("zip", "filter", "map", "enumerate", "reversed")
)

#: the functions that read a generator given to them to its end, there and then (any(),
#: next(), zip() … read it in part, np.array() not at all, a function of the file maybe)
_READ_TO_THE_END = frozenset(
    f"builtins.{name}"
    for name in ("list", "tuple", "set", "frozenset", "dict", "sum", "sorted", "max", "min")
) | {"math.fsum", "math.prod", "numpy.fromiter"}


def free_names(fdef: ast.AST) -> set[str]:
    """The names a function reads that it does not bind (its globals and closure's)."""
    args = getattr(fdef, "args", None)
    own = {a.arg for a in ast.walk(args) if isinstance(a, ast.arg)} if args is not None else set()
    read: set[str] = set()
    todo: list[ast.AST] = (
        [fdef.body] if isinstance(fdef, ast.Lambda) else list(getattr(fdef, "body", []))
    )
    while todo:
        node = todo.pop()
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else own).add(node.id)
    return read - own


def _warnings_as_errors(w: Walker, node: ast.Call) -> bool | None:
    """Whether ``node`` is ``warnings.simplefilter("error")`` (or ``filterwarnings``, for
    every warning or RuntimeWarning): True when it makes every RuntimeWarning an error for
    certain (run at the top of the module, outside any ``catch_warnings``, whose end would
    undo it), False when it may (a ``message=`` or ``module=`` filter, a branch …), None
    when it is no such call."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in ("simplefilter", "filterwarnings"):
        return None
    action, category = _filter_action(node, name)
    if isinstance(action, ast.Constant) and action.value != "error":
        return None
    if category is not None and not (
        isinstance(category, ast.Name) and category.id in ("Warning", "RuntimeWarning")
    ):
        return None  # (DeprecationWarning …: NumPy's floating-point warnings are not those)
    called = Walker(w.text, w.host, w.cell, dry=True).evaluate(func)
    if called.kind not in ("function", "unknown") or called.name != f"warnings.{name}":
        return None  # (the module warnings is not followed: its functions are named so)
    given = {k.arg for k in node.keywords} - {"action", "category", "append"}
    host: Any = w.host
    appended = any(  # (append=True: after the filters set before, which may match first)
        k.arg == "append" and not (isinstance(k.value, ast.Constant) and not k.value.value)
        for k in node.keywords
    ) or (name == "filterwarnings" and len(node.args) > 5)
    return not (
        not isinstance(action, ast.Constant)  # (an action not written out)
        or appended
        or given  # (message= or module= make some warnings errors only)
        or len(node.args) > (2 if name == "simplefilter" else 1)
        or w.matches(_CATCHING)
        or not host.on_every_path()
        or getattr(host, "frame", None) is not getattr(host, "module", None)
    )


_CATCHING = re.compile(r"catch_warnings")


def _filter_action(node: ast.Call, name: str) -> tuple[ast.expr | None, ast.expr | None]:
    """The action and the category written in ``warnings.simplefilter(…)`` or
    ``filterwarnings(…)`` (``name``), by place or by keyword."""
    action = (
        node.args[0]
        if node.args
        else next((k.value for k in node.keywords if k.arg == "action"), None)
    )
    category = (
        node.args[1]
        if len(node.args) > 1 and name == "simplefilter"
        else next((k.value for k in node.keywords if k.arg == "category"), None)
    )
    return action, category


def warnings_undone(w: Walker, node: ast.Call) -> bool | None:
    """Whether ``node``, after ``warnings.simplefilter("error")``, undoes it: True for
    certain (``simplefilter("ignore")`` of every warning, ``resetwarnings()``, at the top of
    the module), False when it may (a filter of some messages or categories only, one in a
    branch, ``warnings.filters`` changed), None when it is no such call."""
    func = node.func
    if not getattr(w.host, "warnings_raise", False):
        return None
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Attribute)
        and func.value.attr == "filters"
    ):
        return False  # warnings.filters.clear(), .insert(…): not followed
    filters = ("simplefilter", "filterwarnings", "resetwarnings")
    called = Walker(w.text, w.host, w.cell, dry=True).evaluate(func)
    resolved = (called.name or "") if called.kind in ("function", "unknown") else ""
    name = resolved.removeprefix("warnings.")
    if not resolved.startswith("warnings.") or name not in filters:
        # fw = warnings.filterwarnings is followed above; getattr(warnings, "simplefilter"),
        # sys.modules["warnings"]…: not followed, it may undo them
        return False if any(word in w.source(func) for word in filters) else None
    if name == "resetwarnings":
        certain = True
    else:
        action, category = _filter_action(node, name)
        if isinstance(action, ast.Constant) and action.value == "error":
            return None  # (made errors again: see _warnings_as_errors)
        given = {k.arg for k in node.keywords} - {"action", "category", "append"}
        certain = (
            isinstance(action, ast.Constant)
            and not given
            and (
                category is None
                or (isinstance(category, ast.Name) and category.id in ("Warning", "RuntimeWarning"))
            )
            and not any(k.arg == "append" for k in node.keywords)
            and len(node.args) <= (2 if name == "simplefilter" else 1)
        )
    host: Any = w.host
    return (
        certain
        and not _within_catch_warnings(w, node)  # (its end puts "error" back)
        and host.on_every_path()
        and getattr(host, "frame", None) is getattr(host, "module", None)
    )


def tree_of(w: Walker) -> ast.Module | None:
    """The tree of the module or cell ``w`` reads, as its host keeps it (None: not kept)."""
    return next((t for walker, t in getattr(w.host, "trees", ()) if walker is w), None)


def _within_catch_warnings(w: Walker, node: ast.AST) -> bool:
    """Whether ``node`` may be inside a ``with warnings.catch_warnings():`` of the module's
    top level (one inside a function is not where ``node``, at the top, runs): inside any
    ``with`` of a file that names catch_warnings."""
    if not w.matches(_CATCHING):
        return False
    from shapekit.engine._statements import _own_nodes

    tree = tree_of(w)
    if tree is None:
        return True  # (not known where it is: it may be)
    # (any `with`: the file names catch_warnings, and `cw = warnings.catch_warnings()`,
    # `with cw:` or `from warnings import catch_warnings as quiet` is one too)
    return any(
        isinstance(statement, (ast.With, ast.AsyncWith))
        and not all(_not_catching(item.context_expr) for item in statement.items)
        and any(n is node for part in statement.body for n in ast.walk(part))
        for statement in _own_nodes(tree.body, loops=True)
    )


def _not_catching(made: ast.expr) -> bool:
    """Whether a ``with`` item is certainly no ``catch_warnings``: ``open(…)``, or a call of
    NumPy's (``np.printoptions``, ``np.errstate``)."""
    if not isinstance(made, ast.Call):
        return False
    func = made.func
    if isinstance(func, ast.Name):
        return func.id == "open"
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in ("np", "numpy")
    )


def _lazy(node: ast.AST) -> bool:
    """Whether ``node`` makes what Python computes only as it is read: a generator
    expression, ``map(f, …)``."""
    return isinstance(node, ast.GeneratorExp) or (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "map"
    )


def _read_when_iterated(node: ast.GeneratorExp) -> set[str]:
    """The names a generator expression reads as it is iterated (all but its first
    iterable, which Python reads when the generator is made; its own names aside)."""
    own = {
        n.id
        for generator in node.generators
        for n in ast.walk(generator.target)
        if isinstance(n, ast.Name)
    }
    parts: list[ast.AST] = [node.elt, *node.generators[0].ifs]
    for generator in node.generators[1:]:
        parts += [generator.iter, *generator.ifs]
    return {
        n.id
        for part in parts
        for n in ast.walk(part)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in own
    }


def _may_name_exec(func: ast.expr, routed: frozenset[str]) -> bool:
    """Whether a call's function, not known, may be ``exec``: a name bound to what reaches
    it (``run = getattr(builtins, "ex" + "ec")``: one of ``routed``), what a call or an
    index gives, or an attribute named so (``builtins.exec``); not a method of a value
    (``(pred == y).mean()``) nor a name a ``%run`` may make."""
    if isinstance(func, ast.Attribute):
        return func.attr in ("exec", "eval") or (
            isinstance(func.value, ast.Name) and func.value.id in ("builtins", "__builtins__")
        )
    if isinstance(func, ast.Name):
        return func.id in routed or func.id in ("exec", "eval")
    return isinstance(func, (ast.Call, ast.Subscript))


def _imports_a_module(node: ast.Call) -> bool:
    """Whether ``node`` is ``__import__("sys")`` (or ``importlib.import_module``) of a module
    named in the code, not builtins: it runs no code of the file's."""
    called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
    first = node.args[0] if node.args else None
    return (
        called in ("__import__", "import_module")
        and isinstance(first, ast.Constant)
        and isinstance(first.value, str)
        and first.value.partition(".")[0] not in ("builtins", "importlib")
    )


def _runs_code(op: Operand) -> bool:
    """Whether ``op`` is ``exec`` or ``eval`` (or a ``partial`` of them)."""
    if op.kind == "function":
        return op.name in ("builtins.exec", "builtins.eval")
    if op.kind == "partial" and isinstance(op.value, tuple) and op.value:
        return isinstance(op.value[0], Operand) and _runs_code(op.value[0])
    return False


def _only_read(made: ast.expr) -> None:
    """Mark a call of ``globals()``, ``locals()`` or ``vars(obj)`` whose dict is only read
    where it is made (``globals()[name]``, ``vars(self).values()``): it binds nothing."""
    if (
        isinstance(made, ast.Call)
        and isinstance(made.func, ast.Name)
        and (
            (made.func.id in ("globals", "locals") and not made.args)
            or (made.func.id == "vars" and len(made.args) == 1)  # vars(self).values()
        )
        and not made.keywords
    ):
        made.shapekit_reads_only = True  # type: ignore[attr-defined]


def jumping(test: ast.expr) -> ast.expr:
    """``test``, marked as a condition CPython jumps on (an ``if``'s, a ``while``'s …): a
    ``not`` there raises on its operand's line, not its own."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test.shapekit_jumps = True  # type: ignore[attr-defined]
    return test


def _bits_of(op: ast.operator, left: Operand, right: Operand, made: Operand) -> Operand:
    """``a & b``, ``a | b``, ``a ^ b`` of booleans or whole numbers whose values are known:
    the result with its values (exact: no rounding)."""
    if made.kind != "array" or not isinstance(op, (ast.BitAnd, ast.BitOr, ast.BitXor)):
        return made
    values = [array_value(o) if o.kind == "array" else o.value for o in (left, right)]
    if any(v is None for v in values) or not all(
        (getattr(v, "dtype", None) is not None and v.dtype.kind in "biu") or type(v) in (bool, int)
        for v in values
    ):
        return made
    import numpy as np

    try:
        found = {ast.BitAnd: np.bitwise_and, ast.BitOr: np.bitwise_or, ast.BitXor: np.bitwise_xor}[
            type(op)
        ](*values)
    except (TypeError, ValueError, OverflowError):
        return made
    found = np.asarray(found)
    if found.shape != made.shape or KIND_LETTERS.get(found.dtype.kind) != made.dtype:
        return made
    return replace(array(made.shape, found, made.dtype), strides=made.strides)


def _element_of(given: Operand, why: str) -> Operand:
    """What ``np.vectorize`` hands its function of ``given``: a number from an array (or a
    list) of numbers; of text or objects (an np.str_, which has a length) not known. NumPy
    calls the function on the first elements first, to learn the dtype of its results: so
    where an array's values are known, its first element (a NumPy scalar) is handed, and
    ``np.vectorize(lambda v: v if v > 0 else 0)`` of ``[-1.5, 2.0]`` gives whole numbers."""
    if given.kind == "array" and given.dtype in ("b", "i", "f"):
        values = array_value(given)
        if values is not None and values.size and values.dtype.kind in "biuf":
            return array((), values.flat[0:1].reshape(()), given.dtype)
    return number() if _numbers_only(given, 0) else unknown(why)


def _numbers_only(given: Operand, depth: int) -> bool:
    """Whether ``given`` is a number, or an array or (nested) list of numbers only."""
    if given.kind == "number" or (given.kind == "array" and given.dtype in ("b", "i", "f", "c")):
        return True
    if given.kind not in ("list", "tuple") or depth > 8:
        return False
    if given.items is None and given.value is not None:
        stack = [given.value]
        while stack:
            item = stack.pop()
            if isinstance(item, (list, tuple)):
                stack.extend(item)
            elif type(item) not in (bool, int, float):
                return False
        return True
    items = items_of(given)
    return bool(items) and all(_numbers_only(i, depth + 1) for i in items or ())


#: how many parts of statements are pinned now (see ProgramHost.pinned): a walker looks for
#: them only then
PINNING = [0]


def _reads_all(func: Operand) -> bool:
    """Whether calling ``func`` reads a generator it is given to its end at once (a
    function of the file is taken to: its body is followed with the items known)."""
    if func.kind == "method":
        return func.name in ("join", "extend", "update")
    return (func.kind == "function" and func.name in _READ_TO_THE_END) or func.kind in (
        "userfunc",
        "partial",
        "class",
    )


def _within(node: ast.AST, outer: ast.AST) -> bool:
    """Whether ``node`` is written inside ``outer`` (by their places in the text)."""
    start = (node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end = (outer.end_lineno, outer.end_col_offset)  # type: ignore[attr-defined]
    return (outer.lineno, outer.col_offset) <= start and start < end  # type: ignore[attr-defined]


def _same_precedence(a: ast.operator, b: ast.operator) -> bool:
    groups = ({ast.Add, ast.Sub}, {ast.Mult, ast.MatMult, ast.Div, ast.FloorDiv, ast.Mod})
    return any(type(a) in g and type(b) in g for g in groups)


def _numeric(op: Operand) -> bool:
    """Whether ``op`` is certainly a number or an array of numbers (booleans included)."""
    return (op.kind == "number" and op.value is not None and not isinstance(op.value, str)) or (
        op.kind == "array" and op.dtype in ("b", "i", "f")
    )


#: what is left of an iterator a generator reads from (any(), next() may stop it early)
_READ_IN_PART = "what is left of an iterator that a generator reads only as far as it is read"


__all__ = [
    "BINARY",
    "Host",
    "Refused",
    "Walker",
    "bind_target",
    "either",
    "format_shape",
    "length",
    "same",
]


#: most elements an operation's result may have for its values to be computed
MAX_COMPUTED = 10_000
#: NumPy's functions of the operations whose values are computed when every value given is
#: known: each rounds its result as IEEE 754 says, so running the file on any machine gives
#: the same numbers (``@`` of floats may sum in another order: see :func:`_computed`)
_COMPUTED = {
    "add": "add", "sub": "subtract", "mul": "multiply", "div": "true_divide",
    "maximum": "maximum", "minimum": "minimum", "matmul": "matmul", "dot": "dot",
    # (exact: fmod is, and the rest is IEEE arithmetic, the same on every machine)
    "floordiv": "floor_divide", "mod": "remainder",
    # (exact: whole numbers multiplied, or floats squared; see _computed)
    "pow": "power",
}  # fmt: skip
#: the ufuncs of Python's comparison operators
_COMPARED = {
    ast.Lt: "less", ast.LtE: "less_equal", ast.Gt: "greater", ast.GtE: "greater_equal",
    ast.Eq: "equal", ast.NotEq: "not_equal",
}  # fmt: skip


def _computed(node: ast.AST, op: str, operands: tuple[Operand, Operand], shape: Shape) -> Any:
    """The values of ``op`` on ``operands``, when all of theirs are known and running the
    file would give the very same numbers: NumPy computes them (nothing of the file is
    run). A product of matrices of floats is kept only when its numbers are whole and small
    enough that the order of the sums does not change them; None otherwise."""
    name = _COMPUTED.get(op)
    if op == "compare" and isinstance(node, ast.Compare) and len(node.ops) == 1:
        name = _COMPARED.get(type(node.ops[0]))
    if name is None:
        return None
    left, right = array_value(operands[0]), array_value(operands[1])
    if left is None or right is None or not {left.dtype.kind, right.dtype.kind} <= set("biuf"):
        return None
    import numpy as np

    if op in ("matmul", "dot"):
        inner = left.shape[-1] if left.ndim else 1
        if left.size * max(inner, 1) > MAX_COMPUTED * 10 or right.size > MAX_COMPUTED:
            return None
        if "f" in (left.dtype.kind, right.dtype.kind) and not all(
            v.dtype.kind != "f" or (v.dtype == np.float64 and dyadic(v, 2**16))
            for v in (left, right)
        ):
            return None  # (sums of whole numbers below 2**53 are the same in any order)
    if (
        op == "pow"
        and "f" in (left.dtype.kind, right.dtype.kind)
        and not (right.size and np.isin(right, (0, 1, 2)).all())
    ):
        return None  # (x ** 0.5 is the C library's pow, which may round otherwise elsewhere)
    # a Python number as itself: NumPy takes its type from the array's (NEP 50)
    given = [
        o.value if o.kind == "number" else v for o, v in zip(operands, (left, right), strict=True)
    ]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = getattr(np, name)(*given)
        except (ValueError, TypeError, OverflowError, MemoryError, ArithmeticError):
            return None
    found = np.asarray(found)
    return found if found.shape == tuple(shape) else None


def _functions_held(given: list[Operand], depth: int = 0) -> list[Operand]:
    """The functions of the file among ``given``, and those held in the lists, tuples and
    dicts among them (``formatter={"float": fmt}``: NumPy calls fmt), a partial's own."""
    found: list[Operand] = []
    for operand in given:
        if operand.kind == "partial" and isinstance(operand.value, tuple):
            operand = operand.value[0]
        if operand.kind == "userfunc":
            found.append(operand)
        elif depth < 3 and operand.kind in ("list", "tuple"):
            found += _functions_held(list(operand.items or ()), depth + 1)
        elif depth < 3 and operand.kind == "dict" and operand.value is not None:
            found += _functions_held(list(operand.value.attrs.values()), depth + 1)
    return found
