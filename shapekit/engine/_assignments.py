"""Assignments: names, unpacking, items of lists and arrays, augmented assignment.

:class:`Assignments` binds what a statement assigns, the way Python would: a tuple of names
unpacks a sequence of known length (or is a problem, like Python's ``ValueError``), ``x[i] = v``
replaces a list's item (every holder of that list sees it) or is broadcast into an array, and
``x += y`` joins lists in place or computes in place on arrays, where NumPy refuses to change
the shape or to turn integers into floats.
"""

from __future__ import annotations

import ast
import math
import sys
from dataclasses import replace
from typing import Any

from shapekit.engine._access import EXIT_FUNCTIONS
from shapekit.engine._blocks import written_block
from shapekit.engine._classes import Classes, _plain_hierarchy
from shapekit.engine._expressions import _DUNDERS as _IN_PLACE_DUNDERS
from shapekit.engine._expressions import BINARY, PINNING, SYMBOLS, Refused, Walker, _defines
from shapekit.engine._host import own_walk
from shapekit.engine._objects import ClassInfo, Namespace, _key, dict_method, settled
from shapekit.engine._operands import (
    KIND_WORDS,
    MAX_ITEMS,
    PROMOTION,
    WIDTH,
    Operand,
    array,
    array_shape,
    array_value,
    block_of,
    describe,
    dtype_of,
    in_block,
    items_of,
    laid_out,
    result_kind,
    sequence,
    size,
    unhashable,
    unknown,
    values_written,
    width_of,
    written_count,
    zero_d,
)
from shapekit.engine._widths import note_width, written_width
from shapekit.errors import RaggedError

#: the kinds of numbers NumPy promotes (an array of text, "x", is none of them)
PROMOTION_KINDS = tuple(PROMOTION)


def _no_axis_taken(index: ast.expr) -> bool:
    """Whether ``index`` certainly selects no axis: ``()``, ``...``, ``None`` or ``True``
    written out, or a tuple of ``...`` and ``None``: what an array of 0 dimensions takes."""
    if isinstance(index, ast.Constant) and type(index.value) is bool:
        return True
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    return all(
        isinstance(part, ast.Constant) and (part.value is Ellipsis or part.value is None)
        for part in parts
    )


def _takes_an_axis(index: ast.expr) -> bool:
    """Whether ``index`` certainly takes an axis: a whole number or a slice written out
    (alone or in a tuple), which an array of 0 dimensions has none of."""
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    return any(
        isinstance(part, ast.Slice)
        or (isinstance(part, ast.Constant) and type(part.value) is int)
        or (
            isinstance(part, ast.UnaryOp)
            and isinstance(part.operand, ast.Constant)
            and type(part.operand.value) is int
        )
        for part in parts
    )


def _slots(klass: ClassInfo | None) -> set[str] | None:
    """The attributes the instances of ``klass`` may have, when it and each of its bases
    (all the file's, down to ``object``) list them in ``__slots__`` written out (without
    ``__dict__``); None otherwise (they may have any)."""
    if klass is None or not _plain_hierarchy(klass):
        return None
    allowed: set[str] = set()
    depth = 0
    while klass is not None and depth < 64:
        found = None
        bound = [  # __slots__ bound or deleted anywhere in the body (+=, del, in an if …)
            n for n in own_walk(klass.node) if isinstance(n, ast.Name) and n.id == "__slots__"
        ]
        if len(bound) != 1:
            return None
        for statement in klass.node.body:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and statement.targets[0].id == "__slots__"
            ) or (
                isinstance(statement, ast.AnnAssign)
                and getattr(statement.target, "id", None) == "__slots__"
            ):
                found = statement.value
        if found is None:
            return None  # (a class without __slots__ gives its instances a __dict__)
        items = found.elts if isinstance(found, (ast.Tuple, ast.List)) else [found]
        for item in items:
            if not isinstance(item, ast.Constant) or not isinstance(item.value, str):
                return None
            if item.value.startswith("__") and not item.value.endswith("__"):
                return None  # (a private name, which Python mangles: _C__x)
            allowed.add(item.value)
        klass, depth = klass.base, depth + 1
    return None if "__dict__" in allowed or klass is not None else allowed


def _frozen_class(klass: ClassInfo | None) -> str | None:
    """What makes the instances of ``klass`` (or of a base) impossible to set attributes
    on, if anything."""
    depth = 0
    while klass is not None and depth < 64:
        if klass.frozen is not None:
            return klass.frozen
        klass, depth = klass.base, depth + 1
    return None


#: what computing an expression twice may change (a call, a name bound inside it)
_EFFECTS = (ast.Call, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom)
#: the statements ``x[idx()] += 1`` made into ``x[<idx>] += 1``, by the statement's id (the
#: statement kept alive with it, so no id is reused)
_ONCE: dict[int, tuple[ast.AugAssign, ast.AugAssign, dict[str, ast.expr]]] = {}


def _evaluated_once(statement: ast.AugAssign) -> tuple[ast.AugAssign, dict[str, ast.expr]]:
    """``statement`` with the parts of its target (the object, the index) put in hidden
    names, each written where the part is (so messages quote the file), and those parts:
    Python computes them once for reading and writing back."""
    found = _ONCE.get(id(statement))
    if found is not None and found[0] is statement:
        return found[1], found[2]
    target = statement.target
    parts: dict[str, ast.expr] = {}

    def hidden(part: ast.expr) -> ast.expr:
        if not any(isinstance(n, _EFFECTS) for n in ast.walk(part)):
            return part  # (a plain name or constant: the same either way)
        name = f"\x00part{len(parts)}:{id(statement)}"
        parts[name] = part
        return ast.copy_location(ast.Name(id=name, ctx=ast.Load()), part)

    if isinstance(target, ast.Subscript):
        made: ast.Subscript | ast.Attribute = ast.Subscript(
            value=hidden(target.value), slice=hidden(target.slice), ctx=ast.Store()
        )
    else:
        assert isinstance(target, ast.Attribute)
        made = ast.Attribute(value=hidden(target.value), attr=target.attr, ctx=ast.Store())
    ast.copy_location(made, target)
    made.end_lineno, made.end_col_offset = target.end_lineno, target.end_col_offset
    once = ast.copy_location(
        ast.AugAssign(target=made, op=statement.op, value=statement.value), statement
    )
    once.end_lineno, once.end_col_offset = statement.end_lineno, statement.end_col_offset
    if len(_ONCE) > 10_000:
        _ONCE.clear()
    _ONCE[id(statement)] = (statement, once, parts)
    return once, parts


class Assignments(Classes):
    """Binding names as assignments do."""

    def unknown_targets(self, statement: ast.AST, why: str) -> None:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.assign(node, unknown(f"line {node.lineno}, {why}"), node)
            elif isinstance(node, (ast.MatchAs, ast.MatchStar, ast.MatchMapping)):
                bound = node.rest if isinstance(node, ast.MatchMapping) else node.name
                if bound is not None:  # case [a, *rest] / {"w": w, **others} / P() as p
                    name = ast.copy_location(ast.Name(id=bound, ctx=ast.Store()), node)
                    self.assign(name, unknown(f"line {node.lineno}, {why}"), name)

    def assign(self, target: ast.AST, value: Operand, value_node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            frame = self.frame
            if target.id in frame.globals and not self.hypothetical:  # `global` in a call
                self.frame = self.module
            elif target.id in frame.nonlocals and not self.hypothetical:
                self.frame = frame.nonlocals[target.id]  # `nonlocal`: the enclosing call's
            try:
                self.frame.names[target.id] = value
                self.record(target.id, value, value_node)
            finally:
                self.frame = frame
        elif isinstance(target, (ast.Tuple, ast.List)):
            self.unpack(target, value, value_node)
        elif isinstance(target, ast.Subscript):
            self.assign_item(target, value)
        elif isinstance(target, ast.Attribute):
            self.assign_attribute(target, value)
        elif isinstance(target, ast.Starred):
            self.assign(
                target.value, unknown(f"unpacking with * at line {target.lineno}"), value_node
            )

    def touched_module(self, target: ast.Attribute | ast.Subscript) -> None:
        """``helper.cfg.hidden = 5``, ``helper.W[0] = 1``: an object one of the file's own
        modules holds is changed from here; what the module holds (and what its functions
        read) is not known from then on."""
        from shapekit.engine._modules import CODE, Module

        node: ast.expr = target.value
        depth = 0
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node, depth = node.value, depth + 1
        if depth == 0 or not isinstance(node, ast.Name) or self.hypothetical:
            return  # (helper.N = 5 sets the module's name itself: followed as such)
        held = self.lookup(node.id)
        module = held.value if held is not None and held.kind == "module" else None
        if not isinstance(module, Module):
            return
        why = (
            f"`{self.walker.short(target) if self.walker else node.id}` set at line {target.lineno}"
        )
        if module.changed is None:
            module.changed = why
        inner = getattr(getattr(module, "host", None), "module", None)
        own = getattr(inner, "names", None) or {}
        for name, value in list(own.items()):  # its own functions read them
            if value.kind not in CODE and value.kind != "module":
                own[name] = unknown(f"`{name}` of {module.shown}, which {why} may have changed")

    def module_path(self, node: ast.expr) -> str | None:
        """``numpy.ndarray`` for ``np.ndarray`` (attributes of a name holding NumPy or
        builtins), None for anything else."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        held = self.lookup(node.id) if isinstance(node, ast.Name) else None
        if (
            held is None
            or held.kind != "module"
            or held.name.partition(".")[0]
            not in (
                "numpy",
                "builtins",
            )
        ):
            return None
        return ".".join([held.name, *reversed(parts)])

    def assign_attribute(self, target: ast.Attribute, value: Operand) -> None:
        """``obj.attr = value``: an instance's (or a class's) attribute is set."""
        self.touched_module(target)
        base = self.evaluate(target.value)
        if target.attr in ("__bases__", "__dict__", "__mro__") and base.kind == "class":
            # B.__bases__ = (Z,): what its attributes come from is not followed from here on
            self.escape([base], f"`{target.attr}` of a class set at line {target.lineno}")
            return
        if base.kind == "userfunc" and target.attr in (
            "__defaults__",
            "__kwdefaults__",
            "__code__",
        ):
            # f.__defaults__ = (5,): what calling it does is not what its def says any more
            assert self.walker is not None  # statements run inside a cell
            why = f"`{self.walker.short(target)}` assigned at line {target.lineno}"
            self.replace_held(base, unknown(why))
            return
        if base.kind in _NO_ATTRIBUTES and base.bound is None:  # (an IntEnum's member takes)
            # a = [1, 2]; a.shape = (2,): Python's AttributeError
            assert self.walker is not None  # statements run inside a cell
            kind = _NO_ATTRIBUTES[base.kind]
            if base.kind == "number":
                kind = type(base.value).__name__ if base.value is not None else ""
            if kind:
                text = self.walker.source(target.value)
                self.report_here(
                    target,
                    f"cannot assign to {self.walker.source(target)}: {text} is a Python {kind}, "
                    f"which takes no attributes (Python raises an AttributeError: '{kind}' "
                    f"object has no attribute '{target.attr}')"
                    + (
                        "; np.array(...) makes an array, whose shape can be set"
                        if target.attr == "shape"
                        else ""
                    ),
                    "attribute",
                    "AttributeError",
                )
            return
        dotted = base.name if base.kind == "function" and base.bound is None else None
        if base.kind == "unknown":  # np.ndarray, np.ufunc: NumPy's own, not followed
            dotted = self.module_path(target.value)
        if dotted is not None:
            refused = _unpatchable(dotted, target.attr)
            if refused is not None:  # np.float64.foo = 1, len.cache = {}: Python refuses
                assert self.walker is not None  # statements run inside a cell
                said, raises = refused
                self.report_here(
                    target,
                    f"cannot assign to {self.walker.source(target)}: {said}",
                    "attribute",
                    raises,
                )
                return
        if base.kind == "array" and target.attr == "dtype":  # the same bytes read as another
            assert self.walker is not None  # dtype: the last dimension may change
            why = f"`{self.walker.short(target)}` assigned at line {target.lineno}"
            self.reshaped_everywhere(base, unknown(why), why)
            return
        if base.kind == "unknown" and target.attr in ("shape", "dtype") and base.name != "class":
            # r = a.view().base; r.shape = (3, 1): r may be an array the file holds (one of
            # as many elements as the new shape has), reached by a route not followed
            assert self.walker is not None  # statements run inside a cell
            items = (value,) if value.kind == "number" else items_of(value)
            dims = [item.value for item in items or ()]
            known = target.attr == "shape" and items and all(type(d) is int for d in dims)
            elements = size(tuple(dims)) if known and min(dims) >= 0 else None
            why = (
                f"`{self.walker.short(target)}` assigned at line {target.lineno} to a value "
                "shapekit does not know, which may be this array"
            )
            self.reshaped_unseen(elements, why)
            return
        if base.kind == "array" and target.attr == "shape":
            assert self.walker is not None  # statements run inside a cell
            why = f"`{self.walker.short(target)}` assigned at line {target.lineno}"
            changed = self.reshaped_in_place(target, base, value, why)
            # `b = a; b.shape = …`, `params[0].shape = …`: whatever holds that array sees it
            self.reshaped_everywhere(base, changed, why)
            if isinstance(target.value, ast.Name):
                self.rebind(target.value.id, changed)
            return
        if (
            target.attr == "writeable"
            and isinstance(target.value, ast.Attribute)
            and target.value.attr == "flags"
        ):  # x.flags.writeable = False: x is read-only from here
            held = self.evaluate(target.value.value)
            if held.kind == "array":
                assert self.walker is not None  # statements run inside a cell
                why = f"`{self.walker.short(target)}` assigned at line {target.lineno}"
                readonly = value.kind == "number" and value.value is False
                self.reshaped_everywhere(held, replace(held, readonly=readonly), why)
            return
        if target.attr in ("flat", "real", "imag") and base.kind in ("array", "unknown"):
            values_written()  # x.flat = 0 writes into the array
        if base.kind == "array" and target.attr not in _WRITABLE:
            # weights.T = …, x.grad = …: an ndarray has no place for other attributes
            assert self.walker is not None  # statements run inside a cell
            self.report_here(
                target,
                _not_writable(self.walker.source(target), target.attr),
                "attribute",
                "AttributeError",
            )
            return
        if base.kind == "module" and base.value is not None and not isinstance(base.value, str):
            # config.N_NEURONS = 3 after `import config` (a module of the file's): what the
            # module holds from here on, for this file and for the module's own functions
            module = base.value
            certain = not (self.journaling or self.hypothetical)
            assert self.walker is not None  # statements run inside a cell
            held = (
                value
                if certain
                else unknown(f"`{self.walker.short(target)}`, set at line {target.lineno}")
            )
            module.values[target.attr] = held
            if module.bound is not None:
                module.bound = module.bound | {target.attr}
            if module.host is not None:
                module.host.module.names[target.attr] = held
            return
        if base.kind == "unknown" and f"{base.name}.{target.attr}" in EXIT_FUNCTIONS:
            # sys.exit = lambda *a: None: no exit from here on (in a branch: perhaps)
            self.patched[f"{base.name}.{target.attr}"] = unknown(
                f"`{base.name}.{target.attr}`, set by the file"
            )
            return
        if base.kind == "module" and base.value is None and base.name:
            # np.dot = …: the library's function is the file's from here on (not followed
            # in a branch or a loop that may not run)
            certain = not (self.journaling or self.hypothetical)
            self.patched[f"{base.name}.{target.attr}"] = (
                value if certain else unknown(f"`{base.name}.{target.attr}`, set by the file")
            )
            return
        if base.kind not in ("instance", "class") or base.value is None:
            return
        space: Namespace = base.value if base.kind == "instance" else base.value.space
        frozen = _frozen_class(space.cls) if base.kind == "instance" else None
        function = self.frame.function
        if frozen is not None and not (
            function is not None and getattr(function.fdef, "written_by_python", False)
        ):  # p.w = … on a NamedTuple or a frozen dataclass
            assert self.walker is not None  # statements run inside a cell
            self.report_here(
                target,
                f"cannot set .{target.attr}: {self.walker.source(target.value)} is an instance "
                f"of {frozen}",
                "attribute",
                "AttributeError",
            )
            return
        slots = _slots(space.cls) if base.kind == "instance" else None
        if slots is not None and target.attr not in slots and not target.attr.startswith("__"):
            on_class = space.cls.lookup(target.attr) if space.cls is not None else None
            if on_class is None or on_class.kind in ("number", "str", "none", "list", "tuple"):
                assert self.walker is not None and space.cls is not None  # inside a cell
                said = (
                    f"'{space.cls.name}' object has no attribute '{target.attr}'"
                    if on_class is None
                    else f"'{space.cls.name}' object attribute '{target.attr}' is read-only"
                )
                self.report_here(
                    target,
                    f"cannot set .{target.attr}: the class {space.cls.name} lists its "
                    f"instances' attributes in __slots__ ({', '.join(sorted(slots)) or 'none'}), "
                    f"and {target.attr} is not one of them (Python raises an AttributeError: "
                    f"{said})",
                    "attribute",
                    "AttributeError",
                )
                return
        if space.dynamic:
            return
        if target.attr in ("__class__", "__dict__"):  # the object becomes another's
            assert self.walker is not None  # statements run inside a cell
            self.escape([base], f"`{self.walker.short(target)}` set at line {target.lineno}")
            return
        on_class = space.cls.lookup(target.attr) if space.cls is not None else None
        if (
            base.kind == "instance"
            and on_class is not None
            and on_class.kind == "property"
            and on_class.bound is not None
        ):  # its setter runs (what it sets is followed)
            self.call(on_class.bound, [base, value], {}, None)
            return
        if (
            base.kind == "instance"
            and on_class is not None
            and on_class.kind == "property"
            and _plain_hierarchy(space.cls)
        ):  # a property without a setter cannot be assigned
            assert self.walker is not None and space.cls is not None  # inside a cell
            self.report_here(
                target,
                f"cannot assign to {self.walker.source(target)}: `{target.attr}` is a property "
                f"of {space.cls.name} without a setter (Python raises an AttributeError: "
                f"property '{target.attr}' of '{space.cls.name}' object has no setter); set "
                "the attribute it reads, or give it a setter with @"
                f"{target.attr}.setter",
                "attribute",
                "AttributeError",
            )
            return
        if (
            base.kind == "instance"
            and on_class is not None
            and on_class.kind in ("property", "unknown")
        ):
            assert self.walker is not None  # statements run inside a cell
            value = unknown(
                f"`{self.walker.short(target)}` set at line {target.lineno} through "
                f"`{target.attr}` of the class, which shapekit does not follow"
            )
        self.put(space, target.attr, value)

    def reshaped_in_place(
        self, target: ast.Attribute, base: Operand, value: Operand, why: str
    ) -> Operand:
        """``x.shape = (4, 3)``: the array with the new shape (one -1 is worked out), or
        NumPy's ValueError when the number of elements differs; unknown when either
        shape is not known."""
        items = (value,) if value.kind == "number" else items_of(value)
        if base.shape is None or items is None or value.kind not in ("number", "tuple", "list"):
            return unknown(why)
        dims = [item.value for item in items]
        if not all(type(d) is int for d in dims) or sum(d < 0 for d in dims) > 1:
            return unknown(why)
        total = size(base.shape)
        rest = size(tuple(d for d in dims if d >= 0))
        free = [i for i, d in enumerate(dims) if d < 0]  # NumPy takes any negative for it
        if free and rest and total % rest == 0:
            dims[free[0]] = total // rest
        if min(dims, default=0) >= 0 and size(tuple(dims)) == total:
            made = array(tuple(dims), dtype=base.dtype)
            if base.strides is None:
                return made
            strides = laid_out(base, lambda a: _set_shape(a, tuple(dims)))
            if strides is not None:
                return replace(made, strides=strides)
            assert self.walker is not None  # statements run inside a cell
            self.report_here(
                target,
                f"cannot assign to {self.walker.source(target)}: its elements do not lie in "
                f"memory in the order the shape {tuple(dims)} reads them (a transpose or a "
                "slice of another array), so no view of that shape exists (NumPy raises an "
                "AttributeError: Incompatible shape for in-place modification); "
                f"{self.walker.source(target.value)}.reshape(...) makes a copy of that shape",
                "reshape",
                "AttributeError",
            )
            return unknown(why)
        assert self.walker is not None  # statements run inside a cell
        shown = "(" + ", ".join(map(str, dims)) + ("," if len(dims) == 1 else "") + ")"
        self.report_here(
            target,
            f"cannot assign to {self.walker.source(target)}: an array of {total} elements "
            f"cannot take the shape {shown} (NumPy raises a ValueError: cannot reshape)",
            "reshape",
            "ValueError",
        )
        return unknown(why)

    def delete_part(self, target: ast.Attribute | ast.Subscript) -> None:
        """``del obj.attr``, ``del d[key]``, ``del x[i]``: the object loses that part."""
        assert self.walker is not None  # statements run inside a cell
        base = self.evaluate(target.value)
        why = f"`del {self.walker.short(target)}` at line {target.lineno}"
        if isinstance(target, ast.Attribute):
            if base.kind == "instance" and target.attr in base.value.attrs:
                self.drop(base.value, target.attr)
            else:
                self.escape([base], why)
            return
        index = self.evaluate(target.slice)
        shown = self.walker.source(target)
        if base.kind == "dict":
            known, key = _key(index)
            space = base.value
            if known and not space.dynamic and key in space.attrs:
                self.drop(space, key)
                return
            if (
                known
                and not (space.dynamic or space.open or self.hypothetical)
                and space.attributes is None  # (not an .npz archive)
                and settled(self.walker)
            ):  # del d["b"] of a dict that certainly lacks it
                self.report_here(
                    target,
                    f"cannot delete {shown}: {self.walker.source(target.value)} has no key "
                    f"{key!r} (Python raises a KeyError)",
                    "index",
                    "KeyError",
                )
                return
            self.escape([base], why)
            return
        if base.kind == "list":
            items = items_of(base)
            position = index.value if index.kind == "number" and type(index.value) is int else None
            changed = None
            if items is not None and position is not None and -len(items) <= position < len(items):
                listed = list(items)
                del listed[position]
                changed = sequence("list", tuple(listed), ident=base.ident)
            elif items is not None and position is not None and not self.hypothetical:
                self.report_here(
                    target,
                    f"cannot delete {shown}: index {position} is out of range, "
                    f"{self.walker.source(target.value)} has {len(items)} item"
                    f"{'s' * (len(items) != 1)} (Python raises an IndexError: list assignment "
                    "index out of range)",
                    "index",
                    "IndexError",
                )
                return
            self.mutate(base, changed, why)
            return
        if base.kind == "array" and base.shape and not self.hypothetical:
            self.report_here(
                target,
                f"cannot delete {shown}: an array's elements cannot be deleted (NumPy raises a "
                f"ValueError: cannot delete array elements); np.delete("
                f"{self.walker.source(target.value)}, ...) makes a new array without them",
                "index",
                "ValueError",
            )

    def assign_item(self, target: ast.Subscript, value: Operand) -> None:
        """``x[i] = value``: a list's item is replaced (an array keeps its shape);
        ``globals()["name"] = value`` binds that name."""
        self.touched_module(target)
        named = self.namespace_key(target)
        if named is not None:
            frame = self.frame
            if not self.hypothetical:  # globals()["n"] = 5 in a function: the module's n
                self.frame = self.module
            try:
                self.assign(ast.copy_location(ast.Name(named, ast.Store()), target), value, target)
            finally:
                self.frame = frame
            return
        if (
            isinstance(target.value, ast.Attribute)
            and target.value.attr == "flags"
            and isinstance(target.slice, ast.Constant)
            and target.slice.value in ("WRITEABLE", "W")
        ):  # x.flags["WRITEABLE"] = False: as x.flags.writeable = False
            flag = ast.Attribute(target.value, "writeable", ast.Store())
            self.assign_attribute(ast.copy_location(flag, target), value)
            return
        if (
            isinstance(target.value, ast.Attribute)
            and target.value.attr == "flat"
            and isinstance(target.value.value, ast.Name)
            and self.walker is not None
        ):  # B.flat[0] = 3 of np.broadcast_to's view
            held = self.evaluate(target.value.value)
            if held.kind == "array" and held.readonly and held.shape:
                text = self.walker.source(target.value.value)
                self.report_here(
                    target, _read_only(text, "underlying array"), "assign", "ValueError"
                )
                return
        old = self.evaluate(target.value)
        pins = self.pinned
        saved, counted = dict(pins), False
        try:  # each part is evaluated once, as Python does (x[i.pop()] = v pops one item)
            pins[id(target.value)] = old
            pins[id(target.slice)] = self.evaluate(target.slice)
            PINNING[0] += 1
            counted = True
            self.assign_item_of(target, old, value)
        finally:
            PINNING[0] -= counted
            pins.clear()
            pins.update(saved)

    def assign_item_of(self, target: ast.Subscript, old: Operand, value: Operand) -> None:
        """``x[i] = value``, ``old`` being what ``x`` is (see :meth:`assign_item`)."""
        before = (
            array_value(old)
            if old.kind == "array" and old.shape and isinstance(target.value, ast.Name)
            else None
        )
        given = (
            array_value(value)
            if before is not None and value.kind in ("array", "number", "list", "tuple")
            else None
        )
        place = None
        if given is not None and not (self.journaling or self.hypothetical):
            assert self.walker is not None  # statements run inside a cell
            dry = Walker(self.walker.text, self, self.walker.cell, dry=True)
            place = _index_value(dry.evaluate(target.slice))
        block = (
            written_block(self.walker, target.value)
            if old.kind == "array" and self.walker is not None
            else None
        )
        try:
            self.assign_into(target, old, value)
        finally:
            if old.kind not in ("list", "dict"):  # into an array (or a view of one)
                values_written(block)
        if before is not None and given is not None and place is not None:
            self.written_values(target, before, given, place)

    def written_values(self, target: ast.Subscript, before: Any, given: Any, place: Any) -> None:
        """``A[0, 0] = 1.25`` of an array ``A`` whose values were known: its new values are
        known too (every other array's are forgotten: a view of ``A`` may have changed), when
        the index and the value are, and NumPy writes the value as it is (no float made an
        integer, whose value past the integers' range no machine agrees on)."""
        assert isinstance(target.value, ast.Name)
        name = target.value.id
        if given.dtype.kind not in "biuf":
            return
        if before.dtype.kind in "biu" and given.dtype.kind == "f":
            return
        import warnings

        import numpy as np

        made = before.copy()
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                made[place] = given
            except (ValueError, TypeError, IndexError, OverflowError):
                return
        now = self.lookup(name)
        if now is None or now.kind != "array" or now.shape != made.shape:
            return
        written = replace(now, value=made, made=written_count())
        in_block(written, block_of(now))  # (the same memory)
        # the same array wherever it is held (params = [W, b]: W in params finds it itself)
        self.replace_held(now, written)
        if self.lookup(name) is not written:
            self.rebind(name, written)

    def written_in_place(self, left: Operand, result: Operand, block: int | None = None) -> Operand:
        """``W -= 0.5``: NumPy writes the result into W's own memory (so every other array's
        values may change: a view of W). W's new values are the result's, worked out from the
        values before the write, when NumPy writes them as they are (the same dtype: an int8
        array given int64 results would wrap them)."""
        fresh = array_value(result) if result.kind == "array" else None
        before = array_value(left)
        values_written(block)
        if not (
            fresh is None
            or before is None
            or fresh.dtype != before.dtype
            or fresh.shape != before.shape
            or self.hypothetical
            or self.journaling
        ):
            result = replace(result, made=written_count())
        in_block(result, block)  # (written into the same memory)
        return result

    def index_refused(self, target: ast.Subscript) -> bool:
        """Whether reading ``target`` (``img[5]``) is refused: an index out of bounds is
        NumPy's error before anything about the value written there."""
        assert self.walker is not None  # statements run inside a cell
        dry = Walker(self.walker.text, self, self.walker.cell, dry=True)
        read = ast.copy_location(ast.Subscript(target.value, target.slice, ast.Load()), target)
        return dry.evaluate(read).kind == "error"

    def assign_into(self, target: ast.Subscript, old: Operand, value: Operand) -> None:
        """``old[i] = value``, ``old`` being what ``target.value`` is."""
        if old.kind == "array" and (old.shape or (zero_d(old) and _no_axis_taken(target.slice))):
            # b0 = np.array(0.0); b0[()] = 5 or b0[...] += 1: an array of 0 dimensions is
            # assigned into with an index that takes no axis (a NumPy scalar never is)
            if old.readonly:  # a view np.broadcast_to made, x.setflags(write=False)
                assert self.walker is not None  # statements run inside a cell
                self.report_here(
                    target, _read_only(self.walker.source(target)), "assign", "ValueError"
                )
                return
            width = width_of(old)
            whole = _python_ints(value) if width else None
            if width and whole and not self.index_refused(target):
                assert self.walker is not None  # statements run inside a cell
                try:  # small[0] = 300 of an int8 array (NEP 50), small[1:] = [300, 1]
                    for number in whole:
                        self.walker.fits(target, "assign", number, width)
                except Refused as refused:
                    self.report(self.walker, refused, target)
                    return
            if not self.refused_whole(target, old, value):
                self.assign_into_array(target, value)
            return
        if old.kind == "dict":
            given = self.evaluate(target.slice)
            if old.value.attributes is None and unhashable(given) is not None:
                assert self.walker is not None  # statements run inside a cell
                self.report_here(  # d[[1, 2]] = 3
                    target,
                    f"cannot compute {self.walker.source(target)}: {self.walker.source(target.slice)} "
                    f"is {describe(given)}, which Python cannot hash, and a dict's key must be one "
                    f"(Python raises a TypeError: unhashable type: '{unhashable(given)}'); a tuple "
                    "of numbers can be",
                    "index",
                    "TypeError",
                )
                return
            known, key = _key(given)
            try:
                if known and not old.value.dynamic:
                    self.put(old.value, key, value)
                    return
            except TypeError:  # an unhashable key: running the file fails here
                pass
            assert self.walker is not None  # statements run inside a cell
            self.escape([old], f"`{self.walker.short(target)}` assigned at line {target.lineno}")
            return
        if zero_d(old) and not _takes_an_axis(target.slice):
            return  # b0[np.newaxis] = …, b0[i] = …: not judged
        if old.kind in ("number", "tuple", "str") or (old.kind == "array" and old.shape == ()):
            assert self.walker is not None  # statements run inside a cell
            message = (
                f"cannot assign to {self.walker.source(target)}: "
                f"{self.walker.source(target.value)} is {describe(old)}, whose items cannot "
                "be assigned"
            )
            # a NumPy scalar raises a TypeError, an array of 0 dimensions an IndexError
            self.report_here(
                target, message, "assign", "IndexError" if zero_d(old) else "TypeError"
            )
            return
        if old.kind == "instance":  # obj[k] = v calls the file's __setitem__ (if it has one)
            assert self.walker is not None  # statements run inside a cell
            key = self.evaluate(target.slice)
            if self.special(old, "__setitem__", [key, value]) is None:
                self.escape(
                    [old], f"`{self.walker.short(target)}` assigned at line {target.lineno}"
                )
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
        elif (
            items is not None
            and position is not None
            and old.kind == "list"
            and not self.hypothetical
        ):
            assert self.walker is not None  # statements run inside a cell
            message = (
                f"cannot assign to {self.walker.source(target)}: index {position} is out of "
                f"range, {self.walker.source(target.value)} has {len(items)} item"
                f"{'s' * (len(items) != 1)} (Python raises an IndexError; "
                f"{self.walker.source(target.value)}.append(...) adds an item)"
            )
            self.report_here(target, message, "index")
            return
        chosen = index.value if index.kind == "other" and isinstance(index.value, slice) else None
        supplied = items_of(value) if value.kind in ("list", "tuple", "iter") else None
        if (
            items is not None
            and chosen is not None
            and chosen.step not in (None, 1)
            and supplied is not None
            and old.kind == "list"
        ):  # L[::3] = [1, 2]: an extended slice takes as many items as it has places
            try:
                places = len(range(*chosen.indices(len(items))))
            except ValueError:  # a step of 0
                places = None
            if places is not None and places != len(supplied):
                assert self.walker is not None  # statements run inside a cell
                self.report_here(
                    target,
                    f"cannot assign to {self.walker.source(target)}: the extended slice has "
                    f"{places} places and {len(supplied)} items are supplied (Python raises a "
                    f"ValueError: attempt to assign sequence of size {len(supplied)} to extended "
                    f"slice of size {places})",
                    "index",
                    "ValueError",
                )
                return
        why = f"`{self.walker.short(target) if self.walker else 'a list'}` assigned at line {target.lineno}"
        self.mutate(old, changed, why)

    def namespace_key(self, target: ast.Subscript) -> str | None:
        """The name ``globals()["name"]`` (or ``vars()``, ``locals()`` at the top level)
        stands for, when the key is written out; None otherwise."""
        call, key = target.value, target.slice
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and not call.args
            and not call.keywords
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and key.value.isidentifier()
        ):
            return None
        made = call.func.id
        if made != "globals" and not (made in ("vars", "locals") and self.frame.module):
            return None
        return key.value if self.lookup(made) is None else None  # the builtin, not the file's

    def refused_whole(self, target: ast.Subscript, old: Operand, value: Operand) -> bool:
        """Whether ``old[...] = value`` fails whatever part is selected, and it is reported:
        a number no integer holds written into whole numbers (``i[m] = np.nan``: Python's
        numbers are converted one by one, before the mask is counted), or an array of two
        dimensions or more written through a mask of all the array's axes (NumPy's
        TypeError, whatever the mask holds)."""
        assert self.walker is not None  # statements run inside a cell
        refused = _not_whole(value) if old.dtype == "i" else None
        if refused is None:
            mask = self.evaluate(target.slice) if not isinstance(target.slice, ast.Tuple) else None
            given = array_shape(value)
            if (
                mask is not None
                and mask.kind == "array"
                and mask.dtype == "b"
                and mask.shape is not None
                and old.shape is not None
                and len(mask.shape) == len(old.shape)
                and isinstance(given, tuple)
                and len(given) >= 2
            ):
                refused = (
                    "TypeError",
                    f"{self.walker.source(target.slice)} is a mask of all its axes, which "
                    "selects a row of elements, and a value of shape "
                    f"{tuple(given)} has {len(given)} dimensions (NumPy raises a TypeError: "
                    "boolean array indexing assignment requires a 0 or 1-dimensional input); "
                    ".ravel() or .reshape(-1) flattens it",
                )
            else:
                return False
        message = f"cannot assign to {self.walker.source(target)}: " + (
            f"the array holds whole numbers, and {refused[1]}"
            if refused[0] != "TypeError"
            else refused[1]
        )
        self.report_here(target, message, "assign", refused[0])
        return True

    def assign_into_array(self, target: ast.Subscript, value: Operand) -> None:
        """``x[...] = value``: NumPy broadcasts the value into the part of ``x`` selected."""
        assert self.walker is not None  # statements run inside a cell
        region = self.evaluate(target)
        if (
            value.kind == "str"
            and isinstance(value.value, str)
            and region.kind == "array"
            and region.dtype in ("i", "f")
        ):  # biases[0] = "two": NumPy reads the text as float() or int() reads it
            convert = float if region.dtype == "f" else int
            try:
                convert(value.value)
            except ValueError as refused:
                message = (
                    f"cannot assign to {self.walker.source(target)}: the array holds "
                    f"{'floats' if convert is float else 'whole numbers'}, and the text "
                    f"{value.value!r} is no number ({refused})"
                )
                self.report_here(target, message, "assign", "ValueError")
            return
        unheld = _cannot_hold(region, value)
        if unheld is not None:  # a[0] = 1j into floats, w[1] = None into whole numbers
            message = (
                f"cannot assign to {self.walker.source(target)}: the array holds "
                f"{'floats' if region.dtype == 'f' else 'whole numbers'}, and NumPy cannot "
                f"store {unheld[0]} in it (Python raises a TypeError: {unheld[1]})"
            )
            self.report_here(target, message, "assign", "TypeError")
            return
        given = array_shape(value)
        if isinstance(given, RaggedError) and region.kind == "array":
            # NumPy cannot make an array of the value to copy in (Python raises a ValueError)
            message = (
                f"cannot assign to {self.walker.source(target)}: setting an array element "
                f"with a sequence: {given.message}"
            )
            self.report_here(target, message, "assign", "ValueError")
            return
        if region.kind != "array" or region.shape is None or not isinstance(given, tuple):
            return
        dims = list(given)
        # into a view (an index with a slice or ``...``, even of 0 dimensions) an array's
        # leading 1s are dropped (a list's are not); into one element (x[0, 0], b[()]) never
        parts = target.slice.elts if isinstance(target.slice, ast.Tuple) else [target.slice]
        view = bool(region.shape) or any(
            isinstance(p, ast.Constant) and p.value is Ellipsis for p in parts
        )
        while value.kind == "array" and view and dims[:1] == [1] and len(dims) > len(region.shape):
            dims.pop(0)
        fits = len(dims) <= len(region.shape) and all(
            d in (1, r) for d, r in zip(reversed(dims), reversed(region.shape), strict=False)
        )
        if not fits:
            raises = "ValueError"
            if not view:
                # into one element, the value is converted by the array's kind of number:
                # bool() of a list or of an array of one number runs, int() of a list is a
                # TypeError, float() a ValueError (as is either of an array)
                if region.dtype not in ("i", "f") and (
                    region.dtype != "b" or value.kind != "array" or size(tuple(given)) == 1
                ):
                    return
                if region.dtype == "i" and value.kind in ("list", "tuple"):
                    raises = "TypeError"
            message = (
                f"cannot assign to {self.walker.source(target)}: a value of shape "
                f"{tuple(given)} cannot be broadcast into the part selected, of shape "
                f"{region.shape}"
            )
            self.report_here(target, message, "assign", raises)

    def unpack(self, target: ast.Tuple | ast.List, value: Operand, value_node: ast.AST) -> None:
        names = target.elts
        if value.kind == "instance" and self.walker is not None:  # a, b = m: m.__iter__ runs
            value = self.walker.iterated(value)
        if value.kind in ("unknown", "error"):
            for element in names:
                self.assign(element, value, value_node)
            return
        if value.kind in ("number", "none") or (value.kind == "array" and value.shape == ()):
            assert self.walker is not None  # statements run inside a cell
            message = (
                f"cannot unpack {self.walker.source(value_node)} into {len(names)} names: it "
                f"is {describe(value)}, which holds no items (Python raises a TypeError: "
                "cannot unpack non-iterable object)"
            )
            failed = self.refuse_unpack(message, value_node, target, raises="TypeError")
            for element in names:
                self.assign(element, failed, value_node)
            return
        items = items_of(value)
        if value.kind == "iter" and not (self.walker is not None and self.walker.dry):
            self.spend(value, None)  # a, *rest = it reads the iterator through
        stars = [i for i, t in enumerate(names) if isinstance(t, ast.Starred)]
        if stars and items is not None:
            self.unpack_starred(target, stars[0], items, value_node)
            return
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
            failed = self.refuse_unpack(message, value_node, target, raises="ValueError")
            for element in names:
                self.assign(element, failed, value_node)
            return
        nodes = (
            value_node.elts
            if isinstance(value_node, (ast.Tuple, ast.List)) and len(value_node.elts) == len(items)
            else [value_node] * len(items)
        )
        for element, item, item_node in zip(names, items, nodes, strict=True):
            self.assign(element, item, item_node)

    def refuse_unpack(
        self, message: str, value_node: ast.AST, target: ast.AST, raises: str | None = None
    ) -> Operand:
        """Report Python's refusal to unpack ``value_node`` into ``target``, at the value,
        or at the target when it starts on another line (where Python says it fails); the
        error the names get."""
        same = getattr(value_node, "lineno", None) == getattr(target, "lineno", None)
        error = self.report_here(value_node if same else target, message, "unpack", raises)
        return Operand("error", error=error, reason=error.message)

    def unpack_starred(
        self,
        target: ast.Tuple | ast.List,
        star: int,
        items: tuple[Operand, ...],
        value_node: ast.AST,
    ) -> None:
        """``a, *rest, z = items``: the starred name gets a list of what is left over."""
        names = target.elts
        after = len(names) - star - 1
        if len(items) < len(names) - 1:
            assert self.walker is not None  # statements run inside a cell
            message = (
                f"cannot unpack {self.walker.source(value_node)} into {len(names) - 1} names "
                f"and a starred one: it has {len(items)} item{'s' * (len(items) != 1)} (not "
                f"enough values to unpack, expected at least {len(names) - 1})"
            )
            failed = self.refuse_unpack(message, value_node, target)
            for element in names:
                self.assign(
                    element.value if isinstance(element, ast.Starred) else element,
                    failed,
                    value_node,
                )
            return
        rest = sequence("list", items[star : len(items) - after])
        for element, item in zip(names[:star], items[:star], strict=True):
            self.assign(element, item, value_node)
        starred = names[star]
        assert isinstance(starred, ast.Starred)  # found as the starred target
        self.assign(starred.value, rest, value_node)
        for element, item in zip(names[star + 1 :], items[len(items) - after :], strict=True):
            self.assign(element, item, value_node)

    def _Assign(self, statement: ast.Assign) -> None:
        made = self.namedtuple_class(statement)
        if made is not None:  # Params = namedtuple("Params", "w b"): a class statement
            self._ClassDef(made)
            return
        named = isinstance(statement.value, ast.Call) and all(
            isinstance(t, ast.Name) for t in statement.targets
        )
        if named:  # es = np.errstate(…): held, not entered (a `with es:` enters it)
            self.entering = id(statement.value)
        try:
            value = self.evaluate(statement.value)
        finally:
            if named:
                self.entering = None
        block = None
        if value.kind == "array" and self.walker is not None:
            if value.dtype == "f" and self.walker.holds("dot"):  # (widths: for np.dot's out=)
                note_width(value, written_width(self.walker, statement.value))
            if self.writes_in_place:  # (blocks: for writes into arrays)
                block = written_block(self.walker, statement.value)
        kept = statement.value
        if isinstance(kept, ast.GeneratorExp) and value.kind == "iter":
            source = kept.generators[0].iter
            held = self.lookup(source.id) if isinstance(source, ast.Name) else None
            if held is not None and held.kind in ("list", "dict") and isinstance(source, ast.Name):
                # g = (a for a in rows): read later, it reads rows as they are then
                value = unknown(
                    f"the generator at line {kept.lineno}, over `{source.id}`, which may change "
                    "before the generator is read"
                )
        in_block(value, block)
        for target in statement.targets:
            self.assign(target, value, statement.value)

    def _AnnAssign(self, statement: ast.AnnAssign) -> None:
        if statement.value is not None:
            self.assign(statement.target, self.evaluate(statement.value), statement.value)
        if self.frame.module or self.frame.class_body:  # not a function's: evaluated
            self.annotations([statement.annotation])

    def annotations(self, written: list[ast.expr | None]) -> None:
        """Python evaluates the annotations of a ``def`` when it runs, and those of an
        annotated assignment outside a function (unless ``from __future__ import
        annotations`` defers them, as Python 3.14 does): a name in them never bound is
        Python's NameError there (``-> Tensor`` copied from PyTorch code). Only the names
        are read (``Tensor`` in ``list[Tensor]``), not what the expression computes."""
        if sys.version_info >= (3, 14) or self.defers_annotations():
            return
        for annotation in written:
            if annotation is not None and any(
                isinstance(n, ast.Call) for n in ast.walk(annotation)
            ):
                values_written()  # v: x.__setitem__(0, 5) = 1 calls it: what it changes is not followed
            scoped = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)
            if annotation is None or any(isinstance(n, scoped) for n in ast.walk(annotation)):
                continue  # (names bound inside the annotation: not read from outside)
            for node in ast.walk(annotation):
                read = isinstance(node, (ast.Name, ast.Attribute)) and isinstance(
                    node.ctx, ast.Load
                )  # (np.float in `x: np.float`: NumPy 2 has none, an AttributeError)
                root = node
                while isinstance(root, ast.Attribute):
                    root = root.value
                if read and isinstance(root, ast.Name) and self.evaluate(node).kind == "error":
                    return  # Python stops at the first

    def defers_annotations(self) -> bool:
        """Whether a module or cell of the file says ``from __future__ import annotations``
        (a notebook's later cells keep it)."""
        if self.deferred is None:
            self.deferred = any(
                isinstance(node, ast.ImportFrom)
                and node.module == "__future__"
                and any(a.name == "annotations" for a in node.names)
                for _walker, tree in self.trees
                for node in tree.body
            )
        return self.deferred

    def _AugAssign(self, statement: ast.AugAssign) -> None:
        assert self.walker is not None  # statements run inside a cell
        if isinstance(statement.target, (ast.Subscript, ast.Attribute)) and any(
            isinstance(n, _EFFECTS) for n in ast.walk(statement.target)
        ):  # x[idx()] += 1 calls idx() once: its parts are computed once, then used
            once, parts = _evaluated_once(statement)
            for hidden, part in parts.items():
                self.frame.names[hidden] = self.evaluate(part)
            try:
                self._aug_assign(once)
            finally:
                for hidden in parts:
                    self.frame.names.pop(hidden, None)
            return
        self._aug_assign(statement)

    def _aug_assign(self, statement: ast.AugAssign) -> None:
        assert self.walker is not None
        found = self.lookup(statement.target.id) if isinstance(statement.target, ast.Name) else None
        unbound = found is not None and found.kind == "unknown" and found.name == "unbound"
        # a name read before the function binds it is reported as reading it does
        left = found if found is not None and not unbound else self.evaluate(statement.target)
        right = self.evaluate(statement.value)
        if left.kind == "array" and left.readonly and (left.shape or zero_d(left)):
            text = self.walker.source(statement.target)  # b += 1 of np.broadcast_to's view
            self.report_here(statement.target, _read_only(text, "output"), "assign", "ValueError")
            return
        # x += 1 writes into the array x and what it views (np.swapaxes(a, 0, 1) views a,
        # whose values may be known where the view's are not); an array's own new values are
        # worked out first, from the values before the write (see below)
        deferred = left.kind == "array"
        if left.kind not in ("number", "str", "tuple", "list", "none", "dict") and not deferred:
            values_written()
        op = BINARY.get(type(statement.op))
        if (
            left.kind == "instance"
            and op in _IN_PLACE_DUNDERS
            and _defines(left, f"__i{_IN_PLACE_DUNDERS[op]}__")
        ):  # W -= lr * g, W being of a class with __isub__: that method, not __sub__
            found = self.special(left, f"__i{_IN_PLACE_DUNDERS[op]}__", [right])
            self.assign(
                statement.target,
                found
                if found is not None
                else unknown(
                    f"`{self.walker.short(statement)}` at line {statement.lineno}, through the "
                    f"class's __i{_IN_PLACE_DUNDERS[op]}__, which shapekit does not follow"
                ),
                statement.value,
            )
            return
        if left.kind == "dict" and isinstance(statement.op, ast.BitOr):
            # d |= {...}: the dict itself is updated (every name holding it sees it)
            dict_method(self.walker, statement, "update", left, [right], {})  # type: ignore[arg-type]
            self.assign(statement.target, left, statement.value)
            return
        if (
            op is None
            and left.kind == "array"
            and left.shape is not None
            and (left.shape != () or zero_d(left))  # (a NumPy scalar: Python rebinds the name)
        ):
            # a &= 1: NumPy's TypeError of floats, or an array of the same shape and kind
            try:
                pair = (statement.target, statement.value)
                bits = self.walker.bitwise(statement, statement.op, pair, (left, right))
                if bits is not None and bits.kind == "array" and bits.shape != left.shape:
                    raise self.walker.refuse(
                        statement,
                        "bitwise",
                        f"the result has the shape {bits.shape} but it is written into "
                        f"{self.walker.source(statement.target)}, of shape {left.shape}, in "
                        "place (an in-place operation cannot change the shape)",
                        raises="ValueError",
                    )
                written = None if bits is None else _bits_in_place(statement.op, left, right)
                if isinstance(written, tuple):  # flags &= 1 of booleans: no int into them
                    raise self.walker.refuse(
                        statement,
                        "bitwise",
                        f"the result cannot be written back into "
                        f"{self.walker.source(statement.target)} in place (NumPy raises "
                        f"{written[0]}: {written[1]})",
                        raises=written[0].split()[-1],
                    )
                if bits is not None and not written:
                    bits = None  # the kinds are not known well enough to tell
            except Refused as refused:
                self.report(self.walker, refused, statement)
                bits = Operand("error", error=refused.error, reason=refused.error.message)
            if bits is None or bits.kind != "error":
                values_written()  # (the new values are not worked out)
            if bits is not None and bits.kind != "error":
                bits = array(left.shape, dtype=left.dtype)
                if width_of(left):
                    bits.memo[WIDTH] = width_of(left)
            if bits is not None:
                self.assign(statement.target, bits, statement.value)
                return
        if op is None:
            if deferred:
                values_written()
            rebound: Operand | None = None
            if left.kind == "array" and left.shape == () and isinstance(statement.target, ast.Name):
                # flag = x.any(); flag |= 0: a NumPy scalar, so Python binds flag to flag | 0
                # (NumPy's TypeError for floats: s = np.float64(1.5); s &= 1)
                try:
                    pair = (statement.target, statement.value)
                    rebound = self.walker.bitwise(statement, statement.op, pair, (left, right))
                except Refused as refused:
                    self.report(self.walker, refused, statement)
                    rebound = Operand("error", error=refused.error, reason=refused.error.message)
            self.assign(
                statement.target,
                rebound if rebound is not None else self.walker.cannot(statement),
                statement.value,
            )
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
                        raises="TypeError",
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
            elif (
                left.kind == "list"
                and op == "mul"
                and right.kind == "number"
                and type(right.value) is int
            ):  # x *= 3 repeats the list itself: every name holding it sees it
                items = items_of(left)
                changed = None
                if items is not None and len(items) * max(right.value, 0) <= MAX_ITEMS:
                    changed = sequence("list", items * max(right.value, 0), ident=left.ident)
                why = f"a list repeated at line {statement.lineno}"
                self.mutate(left, changed, why)
                result = changed or unknown(why)
            else:
                kinds = KIND_WORDS
                # in place: an array (of 0 dimensions too); a NumPy number is bound anew
                in_place = left.kind == "array" and (left.shape != () or zero_d(left))
                # NumPy settles the kind of the result before the shapes: a result it cannot
                # write in place is its error even where the shapes do not fit either
                made = result_kind(op, dtype_of(left), dtype_of(right))
                if (
                    in_place
                    and left.dtype in PROMOTION_KINDS
                    and right.kind in ("number", "other")
                    and isinstance(right.value, complex)
                    and op in ("add", "sub", "mul", "div", "pow")
                ):  # b += 1j: complex numbers are written into no array of real numbers
                    made = "c"
                if (
                    in_place
                    and op != "matmul"
                    and left.dtype in PROMOTION_KINDS
                    and (
                        made == "c"
                        or (
                            made in PROMOTION_KINDS
                            and PROMOTION.index(made) > PROMOTION.index(left.dtype)
                        )
                    )
                ):
                    target = self.walker.source(statement.target)
                    raise self.walker.refuse(
                        statement,
                        op,
                        f"the result holds {kinds[made]} but {target} holds "
                        f"{kinds[left.dtype or 'f']}, and NumPy does not convert them in place "
                        f"(write {target} = {target} {SYMBOLS.get(op, op)} … for a new array)",
                        raises="TypeError",
                    )
                lo, hi = self.walker.span(statement)
                pair = (statement.target, statement.value)
                result = self.walker.binary(statement, op, pair, (left, right), lo, hi)
                if result.kind == "unknown" and left.kind == "array" and left.shape:
                    # in place, NumPy keeps the array's shape and kind (or refuses)
                    result = array(left.shape, dtype=left.dtype)
                if zero_d(left) and result.kind == "array" and result.shape:
                    target = self.walker.source(statement.target)
                    raise self.walker.refuse(
                        statement,
                        op,
                        f"{target} is an array of 0 dimensions, which keeps its shape in "
                        f"place, and the result has the shape {result.shape} (write {target} = "
                        f"{target} {SYMBOLS.get(op, op)} … for a new array)",
                        raises="ValueError",
                    )
                if in_place and result.kind == "array" and result.shape != left.shape:
                    raise self.walker.refuse(
                        statement,
                        op,
                        f"the result has the shape {result.shape} but it is written into "
                        f"{self.walker.source(statement.target)}, of shape {left.shape}, in place "
                        "(an in-place operation cannot change the shape)",
                        raises="ValueError",
                    )
        except Refused as refused:
            self.report(self.walker, refused, statement)
            result = Operand("error", error=refused.error, reason=refused.error.message)
        if deferred:
            block = written_block(self.walker, statement.target)
            result = self.written_in_place(left, result, block)
        if (
            left.kind == "array"
            and (left.shape or zero_d(left))
            and result.kind == "array"
            and result is not left
            and result.shape == left.shape
            and not self.hypothetical
        ):  # a -= 1 writes into a itself: every name holding that array (b = a) holds it
            self.replace_held(left, result)
        self.assign(statement.target, result, statement.value)


#: the attributes of a NumPy array that an assignment may set (``dtype`` and ``shape`` are
#: followed; the others keep its shape)
_WRITABLE = frozenset({"shape", "dtype", "strides", "flat", "real", "imag"})


def _index_value(index: Operand) -> Any:
    """The Python index ``index`` stands for, when it is made of whole numbers and slices
    whose values are known (``2``, ``1:3``, ``(0, slice(None))``); None otherwise."""
    if index.kind == "array" and index.dtype == "b" and index.shape:  # A[A > 0] = 1.0
        mask = array_value(index)
        return mask if mask is not None and mask.dtype.kind == "b" else None
    parts = items_of(index) if index.kind == "tuple" else (index,)
    if parts is None:
        return None
    found: list[Any] = []
    for part in parts:
        if (part.kind == "number" and type(part.value) is int) or (
            part.kind == "other" and part.name == "slice" and isinstance(part.value, slice)
        ):
            found.append(part.value)
        else:
            return None
    return tuple(found) if index.kind == "tuple" else found[0]


#: kinds of operand whose Python objects take no attribute, by their type's name (a number's
#: is its value's)
_NO_ATTRIBUTES = {"list": "list", "tuple": "tuple", "str": "str", "number": "int"}


def _unpatchable(name: str, attr: str) -> tuple[str, str] | None:
    """Why Python refuses ``<name>.<attr> = …`` of a builtin or NumPy type or function
    (``int.size``: an immutable type; ``len.cache``: no ``__dict__``), with the exception
    class; None when it takes it (``np.mean.cache``: a Python function) or is not known."""
    import builtins
    import types

    import numpy as np

    module, _, path = name.partition(".")
    found: Any = {"builtins": builtins, "numpy": np}.get(module)
    for part in path.split(".") if found is not None else ():
        found = getattr(found, part, None)  # (attributes read, nothing run or set)
    if found is None:
        return None
    if isinstance(found, type) and not found.__flags__ & (1 << 9):  # (Py_TPFLAGS_HEAPTYPE)
        return (
            f"{found.__name__} is a type Python will not change (Python raises a TypeError: "
            f"cannot set '{attr}' attribute of immutable type '{found.__module__ + '.' if found.__module__ != 'builtins' else ''}{found.__name__}')",
            "TypeError",
        )
    if isinstance(found, types.MethodType):  # np.random.rand: a bound method
        return (
            "a bound method takes no attributes of its own (Python raises an AttributeError: "
            f"'method' object has no attribute '{attr}')",
            "AttributeError",
        )
    if isinstance(found, types.BuiltinFunctionType) and hasattr(found, attr):  # print.__doc__
        return (
            f"that attribute of Python's built-in functions cannot be written (Python raises an "
            f"AttributeError: attribute '{attr}' of 'builtin_function_or_method' objects is not "
            "writable)",
            "AttributeError",
        )
    if not isinstance(found, type) and not hasattr(found, "__dict__") and not hasattr(found, attr):
        kind = type(found).__name__
        if type(found).__module__ not in ("builtins", None):
            kind = f"{type(found).__module__}.{kind}"
        return (
            f"Python's {kind} takes no attributes of its own (Python raises an "
            f"AttributeError: '{kind}' object has no attribute '{attr}')",
            "AttributeError",
        )
    return None


def _not_writable(text: str, attr: str) -> str:
    """Why ``x.attr = …`` fails for a NumPy array ``x``: Python's AttributeError."""
    import numpy as np

    if hasattr(np.ndarray, attr):  # weights.T = …: computed from the array
        return (
            f"cannot assign to {text}: `{attr}` is computed from the array, not stored in it "
            f"(Python raises an AttributeError: attribute '{attr}' of 'numpy.ndarray' objects "
            "is not writable); assign the array itself"
        )
    return (
        f"cannot assign to {text}: a NumPy array takes no attributes of its own (Python "
        f"raises an AttributeError: 'numpy.ndarray' object has no attribute '{attr}'); keep "
        "the value in a variable, a dict or an object of your class"
    )


__all__ = ["Assignments"]


def _not_whole(value: Operand) -> tuple[str, str] | None:
    """Why NumPy cannot write ``value``, a Python number or a list of them, into an array of
    integers of any size, and the exception (NaN, infinity, a number past 64 bits), if it
    cannot; None when it can or its numbers are not known (a NumPy float or an array is cast
    whole, NaN too)."""
    if value.kind in ("list", "tuple"):
        for item in items_of(value) or ():
            refused = _not_whole(item)
            if refused is not None:
                return refused
        return None
    number = value.value if value.kind == "number" else None
    if type(number) is float and number != number:
        return (
            "ValueError",
            "NaN is no whole number (ValueError: cannot convert float NaN to integer)",
        )
    if type(number) is float and number in (math.inf, -math.inf):
        return "OverflowError", (
            "infinity is no whole number (OverflowError: cannot convert float infinity to integer)"
        )
    if isinstance(number, (int, float)) and not -(2**63) <= int(number) < 2**64:
        return "OverflowError", (
            f"{number!r} is past what 64 bits hold (OverflowError: Python int too large to "
            "convert to C long)"
        )
    return None


def _read_only(text: str, what: str = "assignment destination") -> str:
    """The message for a write into an array NumPy will not write into."""
    return (
        f"cannot write into {text}: it is read-only (a view NumPy will not write into, such as "
        f"np.broadcast_to's or np.diagonal's, or an array set so with .setflags(write=False)), "
        f"and NumPy raises a ValueError: {what} "
        "is read-only; .copy() makes an array of its own to write into"
    )


def _set_shape(stand: Any, dims: tuple[int, ...]) -> Any:
    """``stand`` (a stand-in of an array's layout, see :func:`laid_out`) viewed in the shape
    ``dims`` as ``x.shape = dims`` does, or None when NumPy refuses to."""
    view = stand.view()
    try:
        view.shape = dims
    except AttributeError:
        return None
    return view


def _python_ints(value: Operand) -> list[int] | None:
    """The Python integers ``value`` is made of (a number, or a list or tuple of them, at any
    depth), when it holds only known numbers and at least one integer; None otherwise."""
    if value.kind == "number":
        found = value.value
        return [found] if type(found) is int else [] if type(found) in (float, bool) else None
    items = items_of(value) if value.kind in ("list", "tuple") else None
    if items is None or len(items) > MAX_ITEMS:
        return None
    ints: list[int] = []
    for item in items:
        more = _python_ints(item)
        if more is None:
            return None
        ints += more
    return ints


def _cannot_hold(region: Operand, value: Operand) -> tuple[str, str] | None:
    """What an array of floats or whole numbers cannot hold and Python's TypeError about it:
    a complex number (``a[0] = 1j``), ``None`` among whole numbers, or a list written out with
    one of them (``a[1:] = [1j, 2]``). Asked of NumPy on a stand-in of the value's shape (no
    width of floats or whole numbers takes either), so nothing is listed by hand."""
    if region.kind != "array" or region.dtype not in ("i", "f"):
        return None
    if value.kind == "none":
        raw: Any = None
        what = "None"
    elif value.kind == "other" and isinstance(value.value, complex):
        raw, what = value.value, "a complex number"
    elif value.kind in ("list", "tuple") and value.items is None and value.value is not None:
        raw, what = value.value, "the numbers written out"
    else:
        return None
    import numpy as np

    try:  # the shape of the value as NumPy reads it, whatever its numbers are
        given = np.shape(np.asarray(raw, dtype=object)) if value.kind in ("list", "tuple") else ()
    except ValueError:  # ragged: NumPy's other error, said elsewhere
        return None
    if math.prod(given) > 10_000:
        return None
    stand_in = np.zeros(given, dtype=np.float64 if region.dtype == "f" else np.int64)
    try:
        stand_in[...] = raw
    except TypeError as error:
        return what, str(error)
    except (ValueError, OverflowError):  # text, a ragged list, a number past int64: not here
        return None
    return None


def _bits_in_place(
    op: ast.operator, left: Operand, right: Operand
) -> bool | tuple[str, str] | None:
    """Whether NumPy writes ``left op= right`` (``&=``, ``|=`` …) back into ``left``: True
    when it does, NumPy's error (a TypeError, an OverflowError) when it refuses (booleans
    take no whole numbers in place; uint8 no int64), None when the kinds or widths are not
    known. Asked of NumPy on stand-ins of one element."""
    import operator

    import numpy as np

    def stand_in(given: Operand) -> Any:
        if given.kind == "number" and type(given.value) in (bool, int):
            return given.value  # a Python number: its value decides (NEP 50)
        if given.kind == "array" and given.dtype == "b":
            return np.zeros(1, dtype=bool)
        if given.kind == "array" and width_of(given):
            return np.zeros(1, dtype=width_of(given))
        return None

    into, other = stand_in(left), stand_in(right)
    if not isinstance(into, np.ndarray) or other is None:
        return None
    doing = {ast.BitAnd: operator.iand, ast.BitOr: operator.ior, ast.BitXor: operator.ixor,
             ast.LShift: operator.ilshift, ast.RShift: operator.irshift}[type(op)]  # fmt: skip
    try:
        doing(into, other)
    except (TypeError, OverflowError) as error:
        name = type(error).__name__
        return ("an " if name[0] in "AEIOU" else "a ") + name, str(error)
    return True
