"""The statements of a program, followed in order: the interpreter behind
:func:`shapekit.engine.program.analyse`.

:class:`Interpreter` keeps the names of the module and of the function being followed, runs
statements (assignments, unpacking, augmented assignment, ``for``/``while``, ``if``/``else``,
``with``, ``try``, ``def``, ``return``, imports) on :class:`~shapekit.engine._operands.Operand`
values, and hands every expression to a :class:`~shapekit.engine._expressions.Walker`. It is
the walker's host: it looks names up, follows calls of the file's own functions, and turns a
refused operation into a :class:`~shapekit.engine.program.Problem` with verified fixes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from shapekit.engine._expressions import BINARY, SYMBOLS, Refused, Walker, same
from shapekit.engine._numpy_api import KNOWN_FUNCTIONS
from shapekit.engine._operands import (
    PROMOTION,
    Operand,
    array_shape,
    contains,
    describe,
    item_shapes_shape,
    items_of,
    sequence,
    unknown,
)
from shapekit.engine.program import (
    MAX_CALL_DEPTH,
    MAX_ITERATIONS,
    MAX_STATEMENTS,
    Binding,
    Problem,
    Program,
)
from shapekit.errors import MismatchError, NotANumberError, ShapeError, Suggestion


@dataclass
class Frame:
    """The names of the module, or of one call of a function, and what its body returned."""

    names: dict[str, Operand]
    module: bool
    depth: int = 0
    returns: list[Operand] = field(default_factory=list)
    stopped: bool = False


@dataclass(frozen=True)
class Place:
    """Where a binding's value is written."""

    line: int
    column: int
    cell: int | None
    node: ast.AST | None
    text: str


class Interpreter:
    """Follows the cells of one program; the host of its walkers."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.module = Frame({}, module=True)
        self.frame = self.module
        self.frames = [self.module]  # the module, then the calls being followed
        self.walker: Walker | None = None
        self.numpy: str | None = None
        self.budget = MAX_STATEMENTS
        self.problems: list[Problem] = []
        self.seen: set[tuple[int | None, int, int]] = set()
        self.outer: dict[str, tuple[Operand, Place]] = {}
        self.inner: dict[str, tuple[Operand, Place]] = {}
        self.functions: list[Operand] = []
        self.called: set[int] = set()
        self.trees: list[tuple[Walker, ast.Module]] = []
        self.executed: set[int] = set()  # ids of the statements followed at least once

    # -- cells --
    def run_cell(self, cell: int | None, text: str, tree: ast.Module) -> None:
        self.walker = Walker(text, self, cell)
        self.trees.append((self.walker, tree))
        self.block(tree.body)

    def finish(self, program: Program) -> Program:
        """Follow the functions never called, then fill ``program``."""
        for function in self.functions:
            fdef = function.value[0]
            if id(fdef) not in self.called:
                params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
                reason = (
                    f"the parameter `{{}}` of `{fdef.name}()`, which is never called in this file"
                )
                args = [
                    unknown(reason.format(p))
                    for p in params[: len(params) - len(function.value[2])]
                ]
                self.call(function, args, {}, None)
        self.unfollowed()
        names = {name: self.binding(name, *entry) for name, entry in self.inner.items()}
        names.update({name: self.binding(name, *entry) for name, entry in self.outer.items()})
        program.names = names
        program.problems = list(self.problems)
        return program

    def unfollowed(self) -> None:
        """Names assigned in code that was never followed are unknown, with the reason."""
        why = (
            f"more than {MAX_STATEMENTS} steps, which is more than shapekit follows"
            if self.budget <= 0
            else "code that is never reached when the file runs from top to bottom"
        )
        for walker, tree in self.trees:
            for node in _stored_names(tree, self.executed):
                if node.id not in self.outer and node.id not in self.inner:
                    place = self.place(walker, node, None)
                    operand = unknown(f"line {node.lineno}, in {why}")
                    self.inner[node.id] = (operand, place)

    # -- bindings --
    def place(self, walker: Walker, node: ast.AST, value: Operand | None) -> Place:
        line, column = walker.position(node)
        literal = value.node if value is not None and value.place is not None else None
        text = value.place[1] if literal is not None and value and value.place else walker.text
        return Place(line, column, walker.cell, literal or node, text)

    def record(self, name: str, value: Operand, node: ast.AST | None, keep: bool = False) -> None:
        table = self.outer if self.frame.module else self.inner
        old = table.get(name)
        if (keep or node is None) and old is not None:
            place = old[1]
        else:
            assert self.walker is not None  # statements run inside a cell
            place = self.place(self.walker, node if node is not None else ast.Pass(), value)
        table[name] = (value, place)

    def binding(self, name: str, value: Operand, place: Place) -> Binding:
        status, shape, reason, error = "known", None, None, None
        data = value.value if value.kind in ("array", "number", "list", "tuple") else None
        if value.kind == "error":
            status, error, reason = "error", value.error, value.reason
        elif value.kind == "unknown":
            status, reason = "unknown", f"`{name}` comes from {value.reason}"
        elif value.kind in ("array", "number"):
            shape = value.shape
        elif value.kind in ("list", "tuple") and value.items is None and value.value is not None:
            from shapekit.shapes import shape as shape_of

            try:
                shape = shape_of(value.value, name=name, allow_bool=True)
            except ShapeError as exc:
                status, error, reason = "error", exc, exc.message
        elif value.kind in ("list", "tuple"):
            found = item_shapes_shape(value.items) if value.items is not None else value.shape
            if isinstance(found, tuple):
                shape = found
            elif isinstance(found, ShapeError):
                found.name = name
                status, error, reason = "error", found, f"{name}: {found.message}"
            else:
                bad = next((i for i in value.items or () if i.kind == "unknown"), None)
                status = "unknown"
                reason = f"`{name}` comes from {bad.reason if bad else 'a list of unknown items'}"
        else:
            error = _not_an_array(name, value)
            status, reason = "error", error.message
        if status != "known":
            shape = None
        return Binding(
            name, status, shape, data, reason, error, place.line, place.column, place.cell,
            place.node, place.text,
        )  # fmt: skip

    # -- the walker's host --
    def lookup(self, name: str) -> Operand | None:
        found = self.frame.names.get(name)
        if found is None and not self.frame.module:
            found = self.module.names.get(name)
        return found

    def rebind(self, name: str, value: Operand) -> None:
        frame = self.frame if name in self.frame.names else self.module
        self.set_in(frame, name, value)

    def set_in(self, frame: Frame, name: str, value: Operand) -> None:
        frame.names[name] = value
        saved, self.frame = self.frame, frame
        self.record(name, value, None, keep=True)
        self.frame = saved

    def mutate(self, target: Operand, changed: Operand | None, why: str) -> None:
        """A list changed in place: every name holding it sees ``changed`` (or an unknown),
        and every list or tuple that holds it becomes unknown."""
        if target.kind not in ("list", "tuple") or not target.ident:
            return
        for frame in self.frames:
            for name, value in list(frame.names.items()):
                if value.kind in ("list", "tuple", "iter") and contains(value, target.ident):
                    same_list = value.ident == target.ident
                    self.set_in(frame, name, changed if same_list and changed else unknown(why))

    def report(self, walker: Walker, refused: Refused, root: ast.AST) -> None:
        line, column = walker.position(refused.node)
        key = (walker.cell, line, column)
        if key in self.seen:
            return
        self.seen.add(key)
        error = refused.error
        fixes = self.fixes(walker, refused, root)
        error.suggestions = [Suggestion(text, shape) for text, shape in fixes if shape is not None]
        error.expr, error.col = walker.source(refused.node), column - 1
        error.file, error.line, error.column, error.cell = self.file, line, column, walker.cell
        self.problems.append(
            Problem(
                line, column, walker.cell, walker.source(refused.node), error.message,
                [text for text, _ in fixes], error,
            )
        )  # fmt: skip

    def fixes(
        self, walker: Walker, refused: Refused, root: ast.AST
    ) -> list[tuple[str, tuple[int, ...] | None]]:
        """The corrected root expressions that follow without any refused operation."""
        if refused.candidates is None or not isinstance(root, ast.expr):
            return []
        start, end = walker.span(root)
        kept: list[tuple[str, tuple[int, ...] | None]] = []
        for text, _note in refused.candidates(start, walker.text[start:end]):
            try:
                tree = ast.parse(text.strip() if "\n" not in text else f"(\n{text}\n)", mode="eval")
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                continue
            result = Walker(text, self, walker.cell, dry=True).evaluate(tree.body)
            if result.kind == "error" or any(text == t for t, _ in kept):
                continue
            found = array_shape(result)
            kept.append((text, found if isinstance(found, tuple) else None))
        return kept

    def call(
        self,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand],
        node: ast.Call | None,
    ) -> Operand:
        """Follow a call of one of the file's functions: its body with the arguments bound."""
        fdef, walker, defaults = func.value
        where = "" if node is None else f" at line {node.lineno}"
        if self.frame.depth >= MAX_CALL_DEPTH:
            return unknown(
                f"the call of `{fdef.name}()`{where}, nested more than {MAX_CALL_DEPTH} calls deep"
            )
        self.called.add(id(fdef))
        frame = Frame({}, module=False, depth=self.frame.depth + 1)
        params = [a.arg for a in (*fdef.args.posonlyargs, *fdef.args.args)]
        bound = dict(zip(params, args, strict=False))
        for name, value in kwargs.items():
            bound[name] = value
        first_default = len(params) - len(defaults)
        for i, name in enumerate(params):
            if name not in bound:
                bound[name] = (
                    defaults[i - first_default]
                    if i >= first_default
                    else unknown(f"the parameter `{name}` of `{fdef.name}()`, not given{where}")
                )
        for extra in (fdef.args.vararg, fdef.args.kwarg, *fdef.args.kwonlyargs):
            if extra is not None:
                bound[extra.arg] = unknown(f"the parameter `{extra.arg}` of `{fdef.name}()`")
        frame.names.update(bound)
        saved = (self.frame, self.walker)
        self.frame, self.walker = frame, walker
        self.frames.append(frame)
        try:
            for name, value in bound.items():
                self.record(name, value, fdef)
            self.block(fdef.body)
        finally:
            self.frame, self.walker = saved
            self.frames.pop()
        if not frame.returns:
            return Operand("none")
        first = frame.returns[0]
        if all(same(first, other) for other in frame.returns[1:]):
            return first
        return unknown(f"`{fdef.name}()`, whose returns differ in shape")

    # -- statements --
    def block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            if self.budget <= 0 or self.frame.stopped:
                return
            self.budget -= 1
            self.executed.add(id(statement))
            method = getattr(self, "_" + type(statement).__name__, None)
            if method is None:
                self.unknown_targets(statement, "a statement shapekit does not follow")
            else:
                method(statement)

    def evaluate(self, node: ast.AST) -> Operand:
        assert self.walker is not None  # statements run inside a cell
        return self.walker.evaluate(node)

    def unknown_targets(self, statement: ast.AST, why: str) -> None:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.assign(node, unknown(f"line {node.lineno}, {why}"), node)

    def assign(self, target: ast.AST, value: Operand, value_node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.frame.names[target.id] = value
            self.record(target.id, value, value_node)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target, value, value_node)
        elif isinstance(target, ast.Subscript):
            self.assign_item(target, value)
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            old = self.lookup(target.value.id)
            if old is not None and old.kind == "array" and target.attr == "shape":
                why = f"`{target.value.id}.shape` assigned at line {target.lineno}"
                self.rebind(target.value.id, unknown(why))
        elif isinstance(target, ast.Starred):
            self.assign(
                target.value, unknown(f"unpacking with * at line {target.lineno}"), value_node
            )

    def assign_item(self, target: ast.Subscript, value: Operand) -> None:
        """``x[i] = value``: a list's item is replaced (an array keeps its shape)."""
        old = self.evaluate(target.value)
        if old.kind == "array" and old.shape:
            self.assign_into_array(target, value)
            return
        if old.kind in ("number", "tuple", "str") or (old.kind == "array" and old.shape == ()):
            assert self.walker is not None  # statements run inside a cell
            message = (
                f"cannot assign to {self.walker.source(target)}: "
                f"{self.walker.source(target.value)} is {describe(old)}, whose items cannot "
                "be assigned"
            )
            self.report(self.walker, Refused(MismatchError(message, op="assign"), target), target)
            return
        if old.kind not in ("list", "tuple"):
            return
        index = self.evaluate(target.slice)
        items = items_of(old)
        changed = None
        position = index.value if index.kind == "number" and type(index.value) is int else None
        if items is not None and position is not None and -len(items) <= position < len(items):
            listed = list(items)
            listed[position] = value
            changed = sequence("list", tuple(listed), ident=old.ident)
        why = f"`{self.walker.short(target) if self.walker else 'a list'}` assigned at line {target.lineno}"
        self.mutate(old, changed, why)

    def assign_into_array(self, target: ast.Subscript, value: Operand) -> None:
        """``x[...] = value``: NumPy broadcasts the value into the part of ``x`` selected."""
        assert self.walker is not None  # statements run inside a cell
        region = self.evaluate(target)
        given = array_shape(value)
        if region.kind != "array" or region.shape is None or not isinstance(given, tuple):
            return
        dims = list(given)
        while (
            value.kind == "array"
            and region.shape
            and dims[:1] == [1]
            and len(dims) > len(region.shape)
        ):
            dims.pop(0)  # an array's leading 1s are dropped (a list's are not)
        fits = len(dims) <= len(region.shape) and all(
            d in (1, r) for d, r in zip(reversed(dims), reversed(region.shape), strict=False)
        )
        if not fits:
            message = (
                f"cannot assign to {self.walker.source(target)}: a value of shape "
                f"{tuple(given)} cannot be broadcast into the part selected, of shape "
                f"{region.shape}"
            )
            refused = Refused(MismatchError(message, op="assign"), target)
            self.report(self.walker, refused, target)

    def unpack(self, target: ast.Tuple | ast.List, value: Operand, value_node: ast.AST) -> None:
        names = target.elts
        if value.kind in ("unknown", "error") or any(isinstance(t, ast.Starred) for t in names):
            if value.kind not in ("unknown", "error"):
                value = unknown(f"unpacking with * at line {target.lineno}")
            for element in names:
                self.assign(element, value, value_node)
            return
        items = items_of(value)
        if items is None:
            for element in names:
                self.assign(
                    element,
                    unknown(f"unpacking at line {target.lineno}, whose length is not known"),
                    value_node,
                )
            return
        if len(items) != len(names):
            assert self.walker is not None  # statements run inside a cell
            many = "too many" if len(items) > len(names) else "not enough"
            message = (
                f"cannot unpack {self.walker.source(value_node)} into {len(names)} names: "
                f"it has {len(items)} items ({many} values to unpack)"
            )
            refused = Refused(MismatchError(message, op="unpack"), value_node)
            self.report(self.walker, refused, value_node)
            for element in names:
                self.assign(
                    element,
                    Operand("error", error=refused.error, reason=refused.error.message),
                    value_node,
                )
            return
        nodes = (
            value_node.elts
            if isinstance(value_node, (ast.Tuple, ast.List)) and len(value_node.elts) == len(items)
            else [value_node] * len(items)
        )
        for element, item, item_node in zip(names, items, nodes, strict=True):
            self.assign(element, item, item_node)

    def _Assign(self, statement: ast.Assign) -> None:
        value = self.evaluate(statement.value)
        for target in statement.targets:
            self.assign(target, value, statement.value)

    def _AnnAssign(self, statement: ast.AnnAssign) -> None:
        if statement.value is not None:
            self.assign(statement.target, self.evaluate(statement.value), statement.value)

    def _AugAssign(self, statement: ast.AugAssign) -> None:
        assert self.walker is not None  # statements run inside a cell
        left = (
            self.evaluate(statement.target)
            if not isinstance(statement.target, ast.Name)
            else (self.lookup(statement.target.id) or self.evaluate(statement.target))
        )
        right = self.evaluate(statement.value)
        op = BINARY.get(type(statement.op))
        if op is None:
            self.assign(statement.target, self.walker.cannot(statement), statement.value)
            return
        try:
            if (
                left.kind == "list"
                and op == "add"
                and right.kind not in ("array", "unknown", "error")
            ):
                if right.kind in ("number", "none"):
                    target = self.walker.source(statement.target)
                    raise self.walker.refuse(
                        statement,
                        op,
                        f"{target} is a Python list, and += on a list adds the items of "
                        f"another list, but {self.walker.source(statement.value)} is "
                        f"{describe(right)}, which has no items",
                    )
                items, more = items_of(left), items_of(right)
                changed = None
                if items is not None and more is not None:
                    changed = sequence("list", items + more, ident=left.ident)
                why = (
                    f"a list extended at line {statement.lineno} by items whose number is not known"
                )
                self.mutate(left, changed, why)  # += changes the list itself
                result = changed or unknown(why)
            else:
                lo, hi = self.walker.span(statement)
                pair = (statement.target, statement.value)
                result = self.walker.binary(statement, op, pair, (left, right), lo, hi)
                kinds = {"b": "booleans", "i": "integers", "f": "floats"}
                in_place = left.kind == "array" and left.shape != ()  # NumPy scalars rebind
                if (
                    in_place
                    and result.kind == "array"
                    and left.dtype is not None
                    and result.dtype is not None
                    and PROMOTION.index(result.dtype) > PROMOTION.index(left.dtype)
                ):
                    target = self.walker.source(statement.target)
                    raise self.walker.refuse(
                        statement,
                        op,
                        f"the result holds {kinds[result.dtype]} but {target} holds "
                        f"{kinds[left.dtype]}, and NumPy does not convert them in place "
                        f"(write {target} = {target} {SYMBOLS.get(op, op)} … for a new array)",
                    )
                if in_place and result.kind == "array" and result.shape != left.shape:
                    raise self.walker.refuse(
                        statement,
                        op,
                        f"the result has the shape {result.shape} but it is written into "
                        f"{self.walker.source(statement.target)}, of shape {left.shape}, in place "
                        "(an in-place operation cannot change the shape)",
                    )
        except Refused as refused:
            self.report(self.walker, refused, statement)
            result = Operand("error", error=refused.error, reason=refused.error.message)
        self.assign(statement.target, result, statement.value)

    def _Expr(self, statement: ast.Expr) -> None:
        self.evaluate(statement.value)

    def _Return(self, statement: ast.Return) -> None:
        value = Operand("none") if statement.value is None else self.evaluate(statement.value)
        self.frame.returns.append(value)
        self.frame.stopped = True

    def _If(self, statement: ast.If) -> None:
        test = self.evaluate(statement.test)
        if test.kind in ("number", "str", "none") and (
            test.value is not None or test.kind == "none"
        ):
            self.block(statement.body if test.value else statement.orelse)
            return
        self.branches(
            statement,
            [statement.body, statement.orelse],
            f"the condition at line {statement.lineno}",
        )

    def branches(self, statement: ast.stmt, bodies: list[list[ast.stmt]], what: str) -> None:
        """Follow each body from the same start; a name that differs depends on ``what``."""
        before = dict(self.frame.names)
        results = []
        stopped = True
        for body in bodies:
            self.frame.names = dict(before)
            self.frame.stopped = False
            self.block(body)
            stopped = stopped and self.frame.stopped
            results.append(self.frame.names)
        self.frame.stopped = stopped and len(bodies) > 1
        merged = dict(before)
        for name in set().union(*results):
            values = [r.get(name) for r in results]
            first = values[0]
            if all(v is first for v in values):
                merged[name] = first  # type: ignore[assignment]
                continue
            if first is not None and all(v is not None and same(first, v) for v in values):
                found = array_shape(first)
                merged[name] = replace(
                    first,
                    value=None,
                    items=None,
                    node=None,
                    place=None,
                    shape=found if isinstance(found, tuple) else first.shape,
                )
            else:
                merged[name] = unknown(
                    f"an if/else whose branches give it different shapes: it depends on {what}"
                )
            self.frame.names = merged
            self.record(name, merged[name], None, keep=True)
        self.frame.names = merged

    def loop_body(self, statement: ast.For | ast.While, items: tuple[Operand, ...] | None) -> None:
        body = statement.body
        breaks = any(isinstance(n, (ast.Break, ast.Continue, ast.Return)) for n in _own_nodes(body))
        if (
            items is not None
            and len(items) <= MAX_ITERATIONS
            and not breaks
            and isinstance(statement, ast.For)
        ):
            for item in items:
                self.assign(statement.target, item, statement.iter)
                self.block(body)
                if self.budget <= 0:
                    break
            if self.budget > 0:
                self.block(statement.orelse)
                return
        before = dict(self.frame.names)
        if isinstance(statement, ast.For):
            first = (
                items[0]
                if items
                else unknown(f"the loop at line {statement.lineno}, whose items are not known")
            )
            self.assign(statement.target, first, statement.iter)
        self.block(body)
        self.frame.stopped = False
        why = f"a loop at line {statement.lineno} whose number of iterations cannot be known without running the file"
        for name, value in list(self.frame.names.items()):
            old = before.get(name)
            if value is old:
                continue
            if old is not None and same(old, value):
                found = array_shape(value)
                kept = replace(
                    value,
                    value=None,
                    items=None,
                    node=None,
                    place=None,
                    shape=found if isinstance(found, tuple) else value.shape,
                )
                self.frame.names[name] = kept
            else:
                self.frame.names[name] = unknown(why)
            self.record(name, self.frame.names[name], None, keep=True)
        self.block(statement.orelse)

    def _For(self, statement: ast.For) -> None:
        iterable = self.evaluate(statement.iter)
        if iterable.kind == "number" or (iterable.kind == "array" and iterable.shape == ()):
            assert self.walker is not None  # statements run inside a cell
            source = self.walker.source(statement.iter)
            message = (
                f"cannot iterate over {source}: it is {describe(iterable)}, a single number, "
                "which has no items"
            )
            self.report(
                self.walker,
                Refused(MismatchError(message, op="iterate"), statement.iter),
                statement.iter,
            )
            return
        self.loop_body(statement, items_of(iterable))

    def _While(self, statement: ast.While) -> None:
        self.evaluate(statement.test)
        self.loop_body(statement, None)

    def _With(self, statement: ast.With) -> None:
        for item in statement.items:
            value = self.evaluate(item.context_expr)
            if item.optional_vars is not None:
                self.assign(
                    item.optional_vars,
                    unknown(f"the `with` at line {statement.lineno}")
                    if value.kind != "unknown"
                    else value,
                    item.context_expr,
                )
        self.block(statement.body)

    def _Try(self, statement: ast.Try) -> None:
        self.block(statement.body)
        if statement.handlers:
            handlers = [h.body for h in statement.handlers]
            self.branches(
                statement, [[], *handlers], f"whether the try at line {statement.lineno} fails"
            )
        self.block(statement.orelse)
        self.block(statement.finalbody)

    def _FunctionDef(self, statement: ast.FunctionDef) -> None:
        defaults = tuple(self.evaluate(d) for d in statement.args.defaults)
        function = Operand(
            "userfunc", name=statement.name, value=(statement, self.walker, defaults)
        )
        self.frame.names[statement.name] = function
        if self.frame.module:
            self.functions.append(function)

    def _AsyncFunctionDef(self, statement: ast.AsyncFunctionDef) -> None:
        self.frame.names[statement.name] = unknown(f"the async function `{statement.name}`")

    def _ClassDef(self, statement: ast.ClassDef) -> None:
        self.frame.names[statement.name] = unknown(
            f"the class `{statement.name}` at line {statement.lineno}"
        )

    def _Import(self, statement: ast.Import) -> None:
        for alias in statement.names:
            if alias.name == "numpy" or alias.name.startswith("numpy."):
                module = alias.name if alias.asname else "numpy"
                name = alias.asname or "numpy"
                self.frame.names[name] = Operand("module", name=module)
                if module == "numpy":
                    self.numpy = name
            else:
                name = alias.asname or alias.name.split(".")[0]
                self.frame.names[name] = unknown(
                    f"the module `{alias.name}`, which shapekit does not follow"
                )

    def _ImportFrom(self, statement: ast.ImportFrom) -> None:
        module = statement.module or ""
        for alias in statement.names:
            name = alias.asname or alias.name
            full = f"{module}.{alias.name}"
            if module in ("numpy", "numpy.random") and alias.name == "*":
                prefix = "" if module == "numpy" else "random."
                for known in KNOWN_FUNCTIONS:
                    if known.startswith(prefix) and "." not in known.removeprefix(prefix):
                        self.frame.names[known.removeprefix(prefix)] = Operand(
                            "function", name=f"numpy.{known}"
                        )
            elif module == "numpy" and alias.name in ("random", "linalg"):
                self.frame.names[name] = Operand("module", name=full)
            elif (
                module in ("numpy", "numpy.random")
                and full.removeprefix("numpy.") in KNOWN_FUNCTIONS
            ):
                self.frame.names[name] = Operand("function", name=full)
            else:
                self.frame.names[name] = unknown(
                    f"`{alias.name}`, imported from `{module}` at line {statement.lineno}, which shapekit does not follow"
                )

    def _Delete(self, statement: ast.Delete) -> None:
        for target in statement.targets:
            if isinstance(target, ast.Name):
                self.frame.names.pop(target.id, None)

    def _Assert(self, statement: ast.Assert) -> None:
        self.evaluate(statement.test)

    def _Pass(self, statement: ast.stmt) -> None:
        return

    _Global = _Nonlocal = _Break = _Continue = _Pass

    def _Raise(self, statement: ast.Raise) -> None:
        self.frame.stopped = True


_LITERALS = (ast.Constant, ast.List, ast.Tuple, ast.UnaryOp)


def _stored_names(tree: ast.Module, executed: set[int]) -> list[ast.Name]:
    """The names assigned by the statements of ``tree`` that were never followed (not a
    comprehension's own variables), without walking into literal lists of numbers."""
    found: list[ast.Name] = []
    scoped: set[int] = set()
    stack: list[ast.AST] = []
    statements: list[ast.stmt] = list(tree.body)
    while statements:  # followed statements: only their bodies may hold unfollowed code
        statement = statements.pop()
        if id(statement) not in executed:
            stack.append(statement)
            continue
        for name in ("body", "orelse", "handlers", "finalbody"):
            for child in getattr(statement, name, ()):
                if isinstance(child, ast.ExceptHandler):
                    statements.extend(child.body)
                else:
                    statements.append(child)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Store) and id(node) not in scoped:
                found.append(node)
            continue
        if isinstance(node, ast.comprehension):
            scoped.update(id(n) for n in ast.walk(node.target))
        if isinstance(node, (ast.List, ast.Tuple)) and isinstance(node.ctx, ast.Load):
            stack.extend(e for e in node.elts if not isinstance(e, _LITERALS))  # numbers, rows
            continue
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.Constant, ast.expr_context)):
                stack.append(child)
    return found


def _own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of ``body`` outside nested loops and function definitions."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        out.append(node)
        if isinstance(
            node,
            (ast.For, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda),
        ):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


def _not_an_array(name: str, value: Operand) -> ShapeError:
    from shapekit.shapes import shape as shape_of

    if (value.kind in ("str", "none", "other") and value.value is not None) or value.kind == "none":
        try:
            shape_of(value.value, name=name)
        except ShapeError as error:
            return error
    return NotANumberError(f"{name} is {describe(value)}, not an array of numbers", name=name)


__all__ = ["Frame", "Interpreter", "MismatchError"]
