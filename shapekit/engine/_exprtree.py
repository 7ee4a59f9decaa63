"""Reading a shape expression: parsed with :mod:`ast` within limits, never evaluated.

:func:`parse` refuses a text of more than :data:`MAX_EXPR_CHARS` characters or nested more
than :data:`MAX_DEPTH` levels. A :class:`Tree` knows where each node is written in the text
and refuses, with an :class:`~shapekit.errors.ExpressionError` naming it, every construct
that shape expressions do not support; walking it is the work of ``shapekit.engine._evaluation``.

>>> tree = Tree("a @ (b + c)")
>>> tree.source(parse(tree.text).right), tree.region(parse(tree.text).right, 0, 11)
('b + c', (4, 11))
"""

from __future__ import annotations

import ast
import bisect
import functools
import io
import re
import tokenize
from collections.abc import Iterator
from typing import Any

from shapekit.errors import ExpressionError

#: longest expression text accepted
MAX_EXPR_CHARS = 10_000
#: deepest nesting of sub-expressions accepted
MAX_DEPTH = 100
#: most syntax nodes (names, numbers, operations …) in one expression
MAX_NODES = 2_000
#: most elements of a value computed from --value data (decided from the shapes first)
MAX_VALUE_ELEMENTS = 10**6
#: most corrected expressions tried for one failing operation
MAX_CANDIDATES = 8

#: the supported binary operators, by the name of their operation
BINARY = {ast.MatMult: "matmul", ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul"}
#: the supported functions, called as ``np.<name>`` (or ``numpy.<name>``)
FUNCTIONS = ("dot", "matmul", "transpose", "array", "asarray")
#: the names NumPy goes by
MODULES = ("np", "numpy")

_OPERATORS = {
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.Pow: "**",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: "^",
}
_CONSTRUCTS = {
    ast.Subscript: "indexing",
    ast.Compare: "a comparison",
    ast.BoolOp: "and/or",
    ast.Lambda: "a lambda",
    ast.IfExp: "a conditional expression",
    ast.Dict: "a dict",
    ast.Set: "a set",
    ast.ListComp: "a list comprehension",
    ast.SetComp: "a set comprehension",
    ast.DictComp: "a dict comprehension",
    ast.GeneratorExp: "a generator expression",
    ast.JoinedStr: "an f-string",
    ast.Tuple: "a tuple",
    ast.NamedExpr: "the := operator",
    ast.Starred: "unpacking with *",
    ast.Await: "await",
    ast.Slice: "a slice",
}


#: a line setting an attribute of a name other than ``self`` (``sys.stdout = Tee()``, ``real,
#: sys.stdout = …``, ``setattr(sys, "stdout", …)``): only then may the file have set something
#: a module of Python's calls back
class _AttributeSetting:
    """A search, in time linear in the text, for the lines that set an attribute (a regular
    expression of the target list alone backtracks in time quadratic in a long line of
    ``np.pi, np.pi, …``): the targets before an ``=`` are read apart, in Python."""

    pattern = "<a line setting an attribute>"
    _TARGETS = re.compile(r"^[ \t]*([\w.][\w. \t,]*)=(?!=)|\bsetattr\(", re.M)
    _NAME = re.compile(r"[\w.]+")
    _ATTRIBUTE = re.compile(r"(?!self\.)[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for found in self._TARGETS.finditer(text):
            targets = found.group(1)
            if targets is None:  # setattr(
                yield found
                continue
            parts = [part.strip() for part in targets.split(",")]
            if all(self._NAME.fullmatch(p) for p in parts if p) and any(
                self._ATTRIBUTE.fullmatch(p) for p in parts
            ):
                yield found


SETS_AN_ATTRIBUTE: Any = _AttributeSetting()


def parse(text: str) -> ast.expr:
    """The expression's tree, or an :class:`~shapekit.errors.ExpressionError`: too long,
    empty, not Python, or nested too deeply."""
    if len(text) > MAX_EXPR_CHARS:
        raise ExpressionError(
            f"the expression has {len(text)} characters, more than the {MAX_EXPR_CHARS} allowed",
            expr=text[:40] + "…",
            col=0,
        )
    if not text.strip():
        raise ExpressionError(
            "the expression is empty; write one such as 'inputs @ weights.T + biases'",
            expr=text,
            col=0,
        )
    try:
        tree = _parse_indented(text)
    except (SyntaxError, ValueError) as exc:
        message = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        col = max((exc.offset or 1) - 1, 0) if isinstance(exc, SyntaxError) else 0
        if "digits" in message and "limit" in message:
            message = (
                "a number in it has more than 4300 digits, too large to be an array element "
                "(NumPy's integers stop at 2**63 - 1)"
            )
        raise ExpressionError(
            f"cannot read the expression: {message}", expr=text, col=col
        ) from None
    except (RecursionError, MemoryError):
        operators = _long_chain(text)
        if operators:
            raise ExpressionError(_chain_message(operators, "about "), expr=text, col=0) from None
        raise ExpressionError(
            "cannot read the expression: it is nested too deeply", expr=text, col=0
        ) from None
    stack: list[tuple[ast.AST, int, bool]] = [(tree, 1, False)]
    depth = nodes = 0
    while stack:
        node, level, in_list = stack.pop()
        depth = max(depth, level)
        nodes += not in_list  # a list of numbers is read at once, not walked
        if nodes > MAX_NODES:
            raise ExpressionError(
                f"the expression has more than {MAX_NODES} parts (names, numbers, operations), "
                "more than shapekit explains at once",
                expr=text[:40] + "…",
                col=0,
            )
        if depth > MAX_DEPTH:
            chained = _chain(tree)
            if chained > MAX_DEPTH // 2:
                raise ExpressionError(_chain_message(chained), expr=text, col=0)
            raise ExpressionError(
                f"the expression is nested more than {MAX_DEPTH} levels deep", expr=text, col=0
            )
        inside = in_list or isinstance(node, ast.List)
        stack.extend(
            (child, level + 1, inside)
            for child in ast.iter_child_nodes(node)
            if not isinstance(child, ast.expr_context)
        )
    return tree


def _parse_indented(text: str) -> ast.expr:
    """``ast.parse`` in eval mode, also for text with leading spaces (``" a @ b"``).

    Python refuses an indented first line; the first space of that line becomes an
    opening parenthesis (closed on a line of its own), so every offset stays where
    it was in ``text``.
    """
    try:
        return ast.parse(text, mode="eval").body
    except IndentationError:
        first = len(text) - len(text.lstrip())  # the first token
        line = text.rfind("\n", 0, first) + 1  # the start of its line
        if line == first or text[line] not in " \t\f":
            raise
    lineno = text.count("\n", 0, line) + 1
    try:
        body = ast.parse(f"{text[:line]}({text[line + 1 :]}\n)", mode="eval").body
    except SyntaxError:
        body = None
    if body is not None and (body.lineno, body.col_offset) != (lineno, 0):
        return body  # the added parentheses are not part of any node
    if isinstance(body, ast.Tuple) and body.elts:  # " a, b": the tuple without them
        body.lineno, body.col_offset = body.elts[0].lineno, body.elts[0].col_offset
        body.end_lineno = body.elts[-1].end_lineno
        body.end_col_offset = body.elts[-1].end_col_offset
        return body
    try:  # report the error the text has without its indentation, where it is
        return ast.parse(text[first:], mode="eval").body
    except SyntaxError as exc:
        if exc.lineno == 1 and exc.offset is not None:
            exc.offset += first
        raise


@functools.lru_cache(maxsize=16)
def _line_table(text: str) -> tuple[tuple[str, ...], tuple[int, ...], bool]:
    """The lines of ``text``, where each starts, and whether it is ASCII: worked out once per
    text (a program's walkers, and the dry ones that try its fixes, share one)."""
    lines = tuple(text.split("\n"))
    starts = [0]
    start = 0
    for line in lines[:-1]:
        start += len(line) + 1
        starts.append(start)
    return lines, tuple(starts), text.isascii()


class Tree:
    """The text of an expression: where each node is written, and what is not supported."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines, self._line_start, ascii_only = _line_table(text)
        # ASCII text (most code): a byte column is a character column, nothing to decode
        self._line_bytes: list[bytes] | None = None if ascii_only else []
        self._holds: dict[str, bool] = {}

    def matches(self, pattern: re.Pattern[str]) -> bool:
        """Whether the text has a match of ``pattern`` anywhere (looked for once, as
        :meth:`holds` looks for a word)."""
        key = "\x00" + pattern.pattern
        found = self._holds.get(key)
        if found is None:  # (a text walked again, by each call of its functions: searched once)
            found = self._holds[key] = _searched(pattern, self.text)
        return found

    def holds(self, word: str) -> bool:
        """Whether the text has ``word`` anywhere: looked for once per word, not at every
        call of a function (a search of a 1 MB file at each of 10,000 calls took 10 s)."""
        found = self._holds.get(word)
        if found is None:
            found = self._holds[word] = word in self.text
        return found

    # -- positions --
    def _offset(self, lineno: int, byte_col: int) -> int:
        if self._line_bytes is None:
            return self._line_start[lineno - 1] + byte_col
        if not self._line_bytes:
            self._line_bytes = [line.encode() for line in self._lines]
        return self._line_start[lineno - 1] + len(self._line_bytes[lineno - 1][:byte_col].decode())

    def span(self, node: ast.AST) -> tuple[int, int]:
        """Character offsets of ``node`` in the text (without its own parentheses)."""
        return (
            self._offset(node.lineno, node.col_offset),  # type: ignore[attr-defined]
            self._offset(node.end_lineno, node.end_col_offset),  # type: ignore[attr-defined]
        )

    def region(self, node: ast.AST, lo: int, hi: int) -> tuple[int, int]:
        """``node``'s span widened over the parentheses around it, staying within [lo, hi)."""
        start, end = self.span(node)
        while True:
            before = self.text[lo:start].rstrip()
            after_text = self.text[end:hi]
            after = after_text.lstrip()
            if not (before.endswith("(") and after.startswith(")")):
                return start, end
            outside = before[:-1].rstrip()[-1:]
            if outside.isalnum() or outside in ("_", ")", "]"):  # a call's parentheses
                return start, end
            start = lo + len(before) - 1
            end = end + (len(after_text) - len(after)) + 1

    def source(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def fail(self, message: str, node: ast.AST) -> ExpressionError:
        return ExpressionError(message, expr=self.source(node), col=self.span(node)[0])

    # -- what is refused --
    def refusal(self, node: ast.AST) -> ExpressionError:
        """The error for a node that is no supported construct."""
        kind = type(node)
        if kind is ast.UnaryOp:
            symbol = {ast.Not: "not", ast.Invert: "~"}[type(node.op)]  # type: ignore[attr-defined]
            return self.fail(
                f"the operator {symbol} is not supported in shape expressions: {self.source(node)}",
                node,
            )
        construct = _CONSTRUCTS.get(kind, kind.__name__)
        return self.fail(
            f"{construct} is not supported in shape expressions: {self.source(node)}", node
        )

    def number(self, node: ast.Constant) -> Any:
        """The value of a constant, which must be an int or a float."""
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            what = {
                bool: "a boolean",
                str: "a string",
                bytes: "bytes",
                complex: "a complex number",
                type(None): "None",
                type(...): "...",
            }.get(type(value), "this constant")
            raise self.fail(
                f"{what} is not supported in shape expressions: {self.source(node)}", node
            )
        return value

    def binary_op(self, node: ast.BinOp) -> str:
        """The name of a supported binary operation (a value of ``BINARY``)."""
        op = BINARY.get(type(node.op))
        if op is None:
            symbol = _OPERATORS.get(type(node.op), type(node.op).__name__)
            raise self.fail(
                f"the operator {symbol} is not supported in shape expressions: "
                f"{self.source(node)}; use @, +, - or *",
                node,
            )
        return op

    def check_attribute(self, node: ast.Attribute) -> None:
        """Refuse every attribute but ``.T``, and a NumPy function that is not called."""
        base = node.value
        if isinstance(base, ast.Name) and base.id in MODULES:
            raise self.fail(
                f"{self.source(node)} is not supported in shape expressions; use "
                + ", ".join(f"{base.id}.{f}" for f in FUNCTIONS),
                node,
            )
        if node.attr != "T":
            raise self.fail(
                f"the attribute .{node.attr} is not supported in shape expressions "
                f"(only .T is): {self.source(node)}",
                node,
            )

    def call_arguments(self, node: ast.Call) -> tuple[str, tuple[int, int], dict[Any, ast.expr]]:
        """Check a call: the NumPy function's name, where its arguments are, its keywords."""
        func = node.func
        name = self.source(func)
        if not (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in MODULES
            and func.attr in FUNCTIONS
        ):
            raise self.fail(
                f"the function {name}() is not supported in shape expressions; use "
                "np.dot, np.matmul, np.transpose, np.array or np.asarray",
                node,
            )
        hi = self.span(node)[1]
        inside = (self.span(func)[1] + self.text[self.span(func)[1] : hi].index("(") + 1, hi - 1)
        keywords = {k.arg: k.value for k in node.keywords}
        allowed = {"axes"} if func.attr == "transpose" else set()
        arity = {"dot": (2, 2), "matmul": (2, 2), "transpose": (1, 2)}.get(func.attr, (1, 1))
        bad = [k for k in keywords if k not in allowed]
        if (
            bad
            or any(isinstance(a, ast.Starred) for a in node.args)
            or not (arity[0] <= len(node.args) + len(keywords) <= arity[1])
            or None in keywords
        ):
            what = f"the argument {bad[0]}=" if bad and bad[0] else "these arguments"
            count = f"{arity[0]}" if arity[0] == arity[1] else f"{arity[0]} or {arity[1]}"
            raise self.fail(
                f"{what} of {name}() {'is' if bad else 'are'} not supported; "
                f"{name}() takes {count} argument{'s' * (arity[1] > 1)}",
                node,
            )
        return func.attr, inside, keywords

    def axes(self, node: ast.AST | None) -> tuple[int, ...] | None:
        """The axes given to ``np.transpose``, which must be written as whole numbers."""
        if node is None:
            return None
        try:
            axes = ast.literal_eval(node)
        except ValueError:
            axes = "bad"
        if axes is None:
            return None
        if isinstance(axes, (tuple, list)) and all(
            isinstance(a, int) and not isinstance(a, bool) for a in axes
        ):
            return tuple(axes)
        raise self.fail(
            "the axes of np.transpose must be written as whole numbers, like (1, 0): "
            f"{self.source(node)}",
            node,
        )


def is_axes(func: str, call: ast.Call, arg: ast.AST) -> bool:
    """Whether ``arg`` is the axes given to ``np.transpose`` by position."""
    return func == "transpose" and len(call.args) > 1 and arg is call.args[1]


def _chain(tree: ast.AST) -> int:
    """How many binary operations ``a + b - c …`` are chained at the top of ``tree``."""
    node = tree.body if isinstance(tree, ast.Expression) else tree
    count = 0
    while isinstance(node, ast.BinOp):
        count += 1
        node = node.left
    return count


def _long_chain(text: str) -> int:
    """How many operators ``text`` (too deep for Python's parser) chains, if that is why it
    is too deep rather than deeply nested brackets (else 0)."""
    operators = sum(text.count(op) for op in "+-*/@%")
    level = deepest = 0
    for char in text:
        if char in "([{":
            level += 1
            deepest = max(deepest, level)
        elif char in ")]}":
            level -= 1
    return operators if operators > MAX_DEPTH and deepest <= MAX_DEPTH // 2 else 0


#: the longest chain ``a + b + …`` read (its first operand takes the last level)
MAX_CHAIN = MAX_DEPTH - 1


def _chain_message(count: int, about: str = "") -> str:
    return (
        f"the expression chains {about}{count} operations, more than the {MAX_CHAIN} that "
        "shapekit follows at once (Python reads a + b + c as (a + b) + c, one level deeper "
        "for each operation); compute it in steps, e.g. s = a + b, then s + c"
    )


@functools.lru_cache(maxsize=64)
def _searched(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` has a match of ``pattern`` outside a comment (each text searched
    once, whichever of its walkers asks): ``# we never touch __builtins__`` is no code."""
    return any(not in_comment(text, found.start()) for found in pattern.finditer(text))


def in_comment(text: str, at: int) -> bool:
    """Whether the place ``at`` of ``text`` is inside a comment (a ``#`` in a string before
    it on its line is no comment; a text Python cannot read has none)."""
    start = text.rfind("\n", 0, at) + 1
    if "#" not in text[start:at]:
        return False
    comments = _comment_starts(text)
    index = bisect.bisect_left(comments, start)
    return index < len(comments) and comments[index] < at


@functools.lru_cache(maxsize=8)
def _comment_starts(text: str) -> tuple[int, ...]:
    """Where the comments of ``text`` start (offsets), in order, as Python's tokenizer finds
    them."""
    offsets = [0]  # where each line starts (the tokenizer's lines end at "\n" alone here)
    offsets.extend(m.end() for m in re.finditer("\n", text))
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                row, column = token.start
                found.append(offsets[row - 1] + column)
    except (tokenize.TokenError, SyntaxError, ValueError):
        return tuple(found)
    return tuple(found)
