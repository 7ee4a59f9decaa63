"""The file's own classes, followed: class statements, instances, methods, and what changes
inside objects along branches and loops.

:class:`Classes` runs a ``class`` statement's body (its methods and class attributes become a
:class:`~shapekit.engine._objects.ClassInfo`), makes an instance when the class is called
(following ``__init__`` with the arguments, one more level of calls), binds methods to their
instance, and merges what objects hold after ``if``/``else`` branches and loops the way names
are merged. A plain ``@dataclass`` gets the ``__init__`` Python writes for it. A class that
cannot be followed (a base from outside the file, another decorator, a metaclass, several
bases) is an honest unknown with the reason; its methods are still read for the problems they
certainly have.
"""

from __future__ import annotations

import ast
import keyword
import math
import re
import weakref
from dataclasses import replace
from typing import Any

from shapekit.engine._expressions import Refused, same
from shapekit.engine._host import DYNAMIC, MISSING, OPEN, Frame, ProgramHost, _exit_in, halting
from shapekit.engine._objects import (
    DICT_CHANGES,
    FACTORY,
    SPECIAL,
    ClassInfo,
    Enclosing,
    FunctionInfo,
    Namespace,
    plain_classes,
)
from shapekit.engine._operands import EITHER, Operand, array_shape, lazily, unknown, zero_d
from shapekit.engine.program import MAX_CALL_DEPTH
from shapekit.errors import MismatchError

#: what a call runs the file's own code for
_CALLED_CODE = frozenset({"userfunc", "class", "instance", "partial"})
#: decorators of a method that are followed, and how they bind it
DECORATORS = {"staticmethod": "static", "classmethod": "classmethod", "property": "property"}


class Classes(ProgramHost):
    """Classes, instances and the merging of what objects hold."""

    # -- class statements --
    def _ClassDef(self, statement: ast.ClassDef) -> None:
        members = self.enum_members(statement)
        if members is not None:  # class Act(Enum): RELU = "relu" …
            ints = self.from_library(statement.bases, "enum", "IntEnum")
            self.frame.names[statement.name] = Operand(
                "enumclass", name=statement.name, value=members, dtype="i" if ints else None
            )
            return
        base, obstacle = self.class_base(statement)
        info = ClassInfo(statement.name, statement, base, Namespace("class", {}), obstacle=obstacle)
        if self.from_library(statement.bases[:1], "abc", "ABC") or (
            base is not None and base.abstract is not None
        ):
            info.abstract = set()  # its @abstractmethod methods must be defined by a subclass
        info.space.cls = info
        # what a class body's functions and lambdas see past it: the call it is made in (a
        # class made in a function), never the class body itself, as in Python
        closure = None if self.frame.module or self.frame.class_body else Enclosing(self.frame)
        frame = Frame(
            {}, module=False, depth=self.frame.depth, owner=info, class_body=True, closure=closure
        )
        saved = self.frame
        self.frame = frame
        self.frames.append(frame)
        try:
            self.block(statement.body)
        finally:
            self.frame = saved
            self.frames.pop()
        for key, value in frame.names.items():
            info.space.attrs[key] = value
            if value.kind == "userfunc" and isinstance(value.value, FunctionInfo):
                self.functions.append(value)
            elif value.kind in ("property", "cached_property"):
                self.functions.append(value.value)
                if value.bound is not None:  # its setter
                    self.functions.append(value.bound)
        if obstacle is None and statement.decorator_list:  # a plain dataclass
            obstacle = self.dataclass_init(statement, info)
            info.obstacle = obstacle
            if _frozen(statement.decorator_list[0]):
                info.frozen = "a frozen dataclass (Python raises a FrozenInstanceError)"
        if obstacle is None and self.named_tuple(statement):  # class Layer(NamedTuple)
            obstacle = _named_tuple_obstacle(statement) or self.dataclass_init(
                statement, info, mutable_allowed=True
            )
            if obstacle is None:
                _named_tuple_methods(statement, info, self.walker)
                info.frozen = "a NamedTuple (Python raises an AttributeError: can't set attribute)"
            info.obstacle = obstacle
        self.track(info.space)
        self.defining_may_exit(statement)
        hook = base.lookup("__init_subclass__") if base is not None else None
        if hook is not None:  # it runs now, with the new class: what it does is not followed
            why = f"`__init_subclass__`, which runs when `{statement.name}` is defined"
            above: ClassInfo | None = base
            while above is not None:
                self.escape([Operand("class", name=above.name, value=above)], why)
                above = above.base
            self.module_changed_by(hook, why)
        for held in list(info.space.attrs.values()):  # d = Desc(): Desc.__set_name__ runs now
            cls = held.value.cls if held.kind == "instance" else None
            setter = cls.lookup("__set_name__") if cls is not None else None
            if setter is None and held.kind == "unknown" and held.name == "instance":
                setter = held if _defines(held.node, "__set_name__") else None
            if setter is not None:
                why = f"`__set_name__`, which runs when `{statement.name}` is defined"
                self.escape([Operand("class", name=statement.name, value=info)], why)
                self.module_changed_by(setter, why)
        effects = _implicit_effects(statement, every=obstacle is not None)
        if obstacle is not None:  # class D(B, C): what B's and C's methods change too
            effects += [
                e for above in self.file_bases(statement) for e in _implicit_effects(above, True)
            ]
        for method, name in effects:
            why = (
                f"`{statement.name}.{method}`, which Python calls implicitly, at times "
                "shapekit does not follow"
                if obstacle is None
                else f"`{statement.name}.{method}`, a method of a class shapekit does not follow"
            )
            if name == statement.name:  # K.log.append(…) in K.__getattr__: K's own objects
                self.escape([Operand("class", name=statement.name, value=info)], why)
            elif self.frame.module:  # a special method that changes the module's objects
                self.volatile.setdefault(name, f"`{name}`, changed by {why}")
        special = [name for name in SPECIAL if info.lookup(name) is not None]
        if special:
            info.special = f"`{statement.name}` defines `{special[0]}`"
        if obstacle is not None:
            self.frame.names[statement.name] = Operand(
                "unknown",
                reason=f"the class `{statement.name}` at line {statement.lineno}, which {obstacle}",
                name="class",
                node=statement,
            )
        else:
            self.frame.names[statement.name] = Operand("class", name=statement.name, value=info)
        if statement.decorator_list and not _plain_dataclass(statement.decorator_list):
            self.decorate_class(statement)

    def unfollowed_class_made(self, node: ast.Call, statement: ast.AST | None) -> None:
        """``Model()`` of a class shapekit does not follow (``class Model(Base, Mixin)``):
        when it or a base of the file's has a special method that may exit (``__getattr__``
        calling ``sys.exit``), the program may end where Python calls it."""

        if not isinstance(statement, ast.ClassDef) or self.hypothetical:
            return
        for klass in (statement, *self.file_bases(statement), *self.metaclasses(statement)):
            exiting = _exiting_dunder(klass)
            if exiting is not None:
                self.may_halt(  # type: ignore[attr-defined]
                    node,
                    f"whether `{exiting}` of the `{statement.name}` made at line {node.lineno} runs",
                )
                return

    def defining_may_exit(self, statement: ast.ClassDef) -> None:
        """A class statement runs code of the file's where no call is written: its bases'
        ``__init_subclass__`` and its metaclass's ``__prepare__``, ``__new__`` and
        ``__init__``. When one of them may exit, the program may end there."""
        if self.hypothetical:
            return
        ran: list[tuple[ast.ClassDef, tuple[str, ...]]]
        ran = [(b, ("__init_subclass__",)) for b in self.file_bases(statement)]
        ran += [(m, ("__prepare__", "__new__", "__init__")) for m in self.metaclasses(statement)]
        for klass, names in ran:
            exiting = _exiting_dunder(klass, names)
            if exiting is not None:
                said = (
                    f"`{klass.name}.{exiting}`, which runs when `{statement.name}` is defined at "
                    f"line {statement.lineno}"
                )
                if not self.exits_well(klass, exiting):  # type: ignore[attr-defined]
                    self.report_here(
                        statement,
                        f"the file may stop here with an exit status that is not 0 (a "
                        f"failure): {said} may exit",
                        "raise",
                        "SystemExit",
                        depends=f"whether {said} exits, and how",
                    )
                self.may_halt(statement, f"whether {said} exits")  # type: ignore[attr-defined]
                return

    def metaclasses(self, statement: ast.ClassDef) -> list[ast.ClassDef]:
        """The class statements of the file's that are the metaclass of ``statement`` or of
        one of its bases (``class Model(metaclass=Meta)``), with their own bases."""
        found: list[ast.ClassDef] = []
        for klass in (statement, *self.file_bases(statement)):
            for given in klass.keywords:
                if given.arg != "metaclass" or not isinstance(given.value, ast.Name):
                    continue
                held = self.lookup(given.value.id)
                node = held.value.node if held is not None and held.kind == "class" else None
                if held is not None and held.kind == "unknown" and held.name == "class":
                    node = held.node  # a metaclass shapekit does not follow (class Meta(type))
                if isinstance(node, ast.ClassDef) and node not in found:
                    found += [node, *(b for b in self.file_bases(node) if b not in found)]
        return found

    def file_bases(self, statement: ast.ClassDef) -> list[ast.ClassDef]:
        """The classes of the file ``statement`` inherits from, near or far, followed or not
        (``class Base(metaclass=Meta)``)."""
        found: list[ast.ClassDef] = []
        todo = [statement]
        while todo and len(found) < 64:
            for written in todo.pop().bases:
                held = self.lookup(written.id) if isinstance(written, ast.Name) else None
                node: ast.AST | None = None
                if held is not None and held.kind == "class" and isinstance(held.value, ClassInfo):
                    node = held.value.node
                elif held is not None and held.kind == "unknown" and held.name == "class":
                    node = held.node
                if isinstance(node, ast.ClassDef) and node is not statement and node not in found:
                    found.append(node)
                    todo.append(node)
        return found

    def decorate_class(self, statement: ast.ClassDef) -> None:
        """Python calls a class's decorators with it, innermost first: a decorator that is a
        function of the file's is followed as the call it is (``@register`` appending the
        class to a registry); what it returns is what the name holds (unknown when the class
        itself is not followed, as a decorated class is not)."""
        made = self.frame.names[statement.name]
        for decorator in reversed(statement.decorator_list):
            found = self.evaluate(decorator)
            if found.kind != "userfunc":
                return  # a decorator of a library's, or written as a call: not followed
            result = self.call(found, [made], {}, None)
            if result.kind != "unknown" and result is not made:
                made = unknown(
                    f"what `@{ast.unparse(decorator)}` makes of the class `{statement.name}`"
                )
        self.frame.names[statement.name] = made

    def enum_members(self, statement: ast.ClassDef) -> dict[str, Any] | None:
        """The members of a plain ``Enum`` or ``IntEnum`` of the file's (its only base, a body
        of ``NAME = value`` written out or ``NAME = auto()``, values all different), by name:
        their values; None for any other class (followed as a class, or not at all).

        ``auto()`` gives what Python's ``Enum`` gives: 1 for the first member, else one more
        than the value before it when that is a whole number no smaller than any before."""
        if statement.keywords or statement.decorator_list:
            return None
        ints = self.from_library(statement.bases, "enum", "IntEnum")
        if not ints and not self.from_library(statement.bases, "enum", "Enum"):
            return None
        members: dict[str, Any] = {}
        for item in statement.body:
            if isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant):
                continue  # a docstring
            if not (
                isinstance(item, ast.Assign)
                and len(item.targets) == 1
                and isinstance(item.targets[0], ast.Name)
                and not item.targets[0].id.startswith("_")
            ):
                return None  # methods, aliases …: not followed
            if isinstance(item.value, ast.Constant):
                value = item.value.value
            elif (
                isinstance(item.value, ast.Call)
                and not item.value.args
                and not item.value.keywords
                and self.from_library([item.value.func], "enum", "auto")
            ):
                before = list(members.values())
                if not before:
                    value = 1
                elif all(type(v) is int for v in before) and before[-1] == max(before):
                    value = before[-1] + 1
                else:
                    return None  # (Python's older rule, with a warning: not followed)
            else:
                return None
            if ints and type(value) is not int:
                return None  # IntEnum("1.5"), a float made whole …: not followed
            members[item.targets[0].id] = value
        if not members:
            return None
        try:  # (a value given twice makes the later name an alias of the first)
            {v: None for v in members.values()}
        except TypeError:
            return None
        return members

    def namedtuple_class(self, statement: ast.Assign) -> ast.ClassDef | None:
        """``Params = namedtuple("Params", ["w", "b"])`` as the class statement it makes,
        followed as a ``typing.NamedTuple`` (``class Params(NamedTuple): w; b``, with the
        ``defaults=`` written out); None for any other assignment, or fields not written out
        as Python takes them."""
        value = statement.value
        if (
            len(statement.targets) != 1
            or not isinstance(statement.targets[0], ast.Name)
            or not isinstance(value, ast.Call)
            or len(value.args) != 2
            or any(k.arg != "defaults" for k in value.keywords)
            or not self.from_library([value.func], "collections", "namedtuple")
        ):
            return None
        typename, spec = value.args
        if isinstance(spec, ast.Constant) and isinstance(spec.value, str):
            fields = spec.value.replace(",", " ").split()
        elif isinstance(spec, (ast.List, ast.Tuple)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in spec.elts
        ):
            fields = [e.value for e in spec.elts]  # type: ignore[attr-defined]
        else:
            return None
        valid = all(
            f.isidentifier() and not keyword.iskeyword(f) and not f.startswith("_") for f in fields
        )
        named = isinstance(typename, ast.Constant) and isinstance(typename.value, str)
        if not valid or not named or len(set(fields)) != len(fields):
            return None  # (Python's ValueError, not judged here)
        defaults: list[ast.expr] = []
        for given in value.keywords:
            if not isinstance(given.value, (ast.List, ast.Tuple)):
                return None
            defaults = list(given.value.elts)
        if len(defaults) > len(fields):
            return None
        padded: list[ast.expr | None] = [None] * (len(fields) - len(defaults))
        body: list[ast.stmt] = [
            ast.AnnAssign(ast.Name(f, ast.Store()), ast.Name("object", ast.Load()), d, 1)
            for f, d in zip(fields, [*padded, *defaults], strict=True)
        ]
        made = ast.ClassDef(
            name=statement.targets[0].id, bases=[], keywords=[], body=body or [ast.Pass()],
            decorator_list=[],
        )  # fmt: skip
        for node in ast.walk(made):
            if not hasattr(node, "lineno"):
                ast.copy_location(node, statement)
        made.made_by_namedtuple = True  # type: ignore[attr-defined]
        return made

    def named_tuple(self, statement: ast.ClassDef) -> bool:
        """Whether the class statement makes a ``typing.NamedTuple`` (its one base), or is
        what ``collections.namedtuple`` makes (see :meth:`namedtuple_class`)."""
        if getattr(statement, "made_by_namedtuple", False):
            return True
        if len(statement.bases) != 1 or statement.keywords or statement.decorator_list:
            return False
        return self.from_library(statement.bases, "typing", "NamedTuple")

    def from_library(self, written: list[ast.expr], module: str, name: str) -> bool:
        """Whether ``written`` is one expression naming ``module.name`` as imported by the
        file (``from typing import NamedTuple`` then ``NamedTuple``, or ``typing.NamedTuple``
        after ``import typing``)."""
        if len(written) != 1:
            return False
        node = written[0]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found = self.lookup(node.value.id)
            return node.attr == name and found is not None and found.name == module
        if isinstance(node, ast.Name):
            found = self.lookup(node.id)
            return found is not None and found.name == f"{module}.{name}"
        return False

    def class_base(self, statement: ast.ClassDef) -> tuple[ClassInfo | None, str | None]:
        """The class's known base (None: ``object``), or why the class cannot be followed."""
        assert self.walker is not None  # statements run inside a cell
        if self.named_tuple(statement):  # a tuple of named fields: followed as a class
            return None, None
        if not statement.keywords and self.from_library(statement.bases, "abc", "ABC"):
            return None, None  # abc.ABC: what it adds is checked when an instance is made
        if statement.decorator_list:
            if not _plain_dataclass(statement.decorator_list):
                decorator = statement.decorator_list[0]
                return None, f"is decorated with `@{self.walker.short(decorator)}`"
            if statement.bases or statement.keywords:
                return self.dataclass_base(statement)
        if statement.keywords:
            return None, f"is made with `{self.walker.short(statement.keywords[0])}`"
        bases = [b for b in statement.bases if not (isinstance(b, ast.Name) and b.id == "object")]
        if len(bases) > 1:
            return None, "inherits from several classes (shapekit follows one base class)"
        if not bases:
            return None, None
        found = self.evaluate(bases[0])
        if found.kind == "class" and isinstance(found.value, ClassInfo):
            return found.value, found.value.obstacle
        return None, (
            f"inherits from `{self.walker.short(bases[0])}`, a class shapekit does not follow"
        )

    def dataclass_base(self, statement: ast.ClassDef) -> tuple[ClassInfo | None, str | None]:
        """The base of a ``@dataclass`` that inherits from one class of the file's (its
        fields come first), or why it is not followed: a base not the file's, several, or a
        frozen dataclass and a plain one mixed (Python's TypeError)."""
        plain = (None, "is a dataclass with a base class shapekit does not follow")
        if statement.keywords or len(statement.bases) != 1:
            return plain
        found = self.evaluate(statement.bases[0])
        if found.kind != "class" or not isinstance(found.value, ClassInfo):
            return plain
        base: ClassInfo = found.value
        if base.obstacle is not None:
            return base, base.obstacle
        above: ClassInfo | None = base
        depth = 0
        while above is not None and above.dataclass is None and depth < 64:
            above, depth = above.base, depth + 1
        if above is not None and (above.frozen is not None) != _frozen(statement.decorator_list[0]):
            return None, "is a dataclass whose base is frozen and it not, or the other way"
        return base, None

    def dataclass_init(
        self, statement: ast.ClassDef, info: ClassInfo, *, mutable_allowed: bool = False
    ) -> str | None:
        """Give a ``@dataclass`` (or a ``NamedTuple``, whose defaults may be lists) the
        ``__init__`` Python writes for it: one parameter per field in order (the fields of
        the dataclass it inherits from first, ``field(init=False)`` left out), each stored on
        ``self``, then ``__post_init__()``. Returns why the class cannot be followed, or
        None."""
        assert self.walker is not None  # statements run inside a cell
        mutable = None if mutable_allowed else self.mutable_default(statement, info)
        if mutable is not None:
            return mutable
        fields: dict[str, tuple[Operand | None, bool]] = {}
        if not mutable_allowed and info.base is not None:
            fields = {name: (d, i) for name, d, i in info.base.dataclass_fields()}
        for item in statement.body:
            if not isinstance(item, ast.AnnAssign) or not isinstance(item.target, ast.Name):
                continue
            annotation = ast.unparse(item.annotation)
            if "ClassVar" in annotation:
                continue
            if "InitVar" in annotation or "KW_ONLY" in annotation:
                return "is a dataclass with init-only or keyword-only fields"
            name, value = item.target.id, item.value
            default: Operand | None = None
            if _is_field_call(value):
                assert isinstance(value, ast.Call)
                options = {k.arg: k.value for k in value.keywords}
                if value.args or None in options or "kw_only" in options:
                    return "is a dataclass whose `field()` shapekit does not read"
                info.space.attrs.pop(name, None)  # Python leaves the default, or nothing
                if "default" in options:
                    default = self.evaluate(options["default"])
                    info.space.attrs[name] = default
                elif "default_factory" in options:
                    default = _factory_default(
                        self.evaluate(options["default_factory"]),
                        f"the default of the field `{name}` of `{info.name}`, made by its "
                        "default_factory",
                    )
                in_init = options.get("init")
                if isinstance(in_init, ast.Constant) and in_init.value is False:
                    fields[name] = (default, False)
                    continue
            elif value is not None:  # the class body has just evaluated it
                default = info.space.attrs.get(name) or unknown(
                    f"the default of the field `{name}` of `{info.name}`"
                )
            fields[name] = (default, True)  # (a field given again keeps its place)
        if not mutable_allowed:
            info.dataclass = tuple((name, d, i) for name, (d, i) in fields.items())
        if "__init__" in info.space.attrs:  # its own __init__ wins (init=False, or written)
            return None
        names: list[str] = []
        defaults: list[Operand] = []
        for name, (default, taken) in fields.items():
            if not taken:
                continue
            if default is None and defaults:  # Python refuses to make the class
                before = next(n for n, (d, t) in fields.items() if t and d is not None)
                said = (
                    f"Non-default namedtuple field {name} cannot follow default field {before}"
                    if mutable_allowed
                    else f"non-default argument {name!r} follows default argument"
                )
                self.report_here(
                    statement.decorator_list[0] if statement.decorator_list else statement,
                    f"cannot make the class {statement.name}: its field {name} has no default "
                    f"and comes after the field {before}, which has one (Python raises a "
                    f"TypeError: {said}); give {name} a default, or put it before {before}",
                    "call",
                    "TypeError",
                )
                return "is a class Python refuses to make"
            names.append(name)
            if default is not None:
                defaults.append(default)
        post = info.lookup("__post_init__") is not None
        fdef = _dataclass_init_def(statement, names, len(defaults), post)
        init = FunctionInfo(fdef, self.walker, tuple(defaults), info, "method")
        info.space.attrs["__init__"] = Operand("userfunc", name="__init__", value=init)
        return None

    def mutable_default(self, statement: ast.ClassDef, info: ClassInfo) -> str | None:
        """Python's ValueError for a dataclass field whose default is a list, a dict or an
        array (every instance would share it: ``default_factory`` makes one each), reported
        at the decorator, where running the file stops."""
        for item in statement.body:
            if not isinstance(item, ast.AnnAssign) or not isinstance(item.target, ast.Name):
                continue
            if item.value is None or "ClassVar" in ast.unparse(item.annotation):
                continue
            value = item.value
            if _is_field_call(value):
                assert isinstance(value, ast.Call)
                given = {k.arg: k.value for k in value.keywords}.get("default")
                default = None if given is None else self.evaluate(given)
            else:
                default = info.space.attrs.get(item.target.id)
            kinds = {"list": "list", "dict": "dict", "array": "numpy.ndarray"}
            if default is not None and default.kind == "instance" and default.value is not None:
                owner = default.value.cls  # an instance of a dataclass (or a class with __eq__)
                assert self.walker is not None  # statements run inside a cell
                # (a __hash__ given in a branch, or set later; not `__hash__ = None`)
                hashed = re.search(r"__hash__(?!\s*=\s*None\b)", self.walker.text)
                if owner is not None and not hashed and _unhashable(owner):
                    kinds["instance"] = f"__main__.{owner.name}"
            if default is None or default.kind not in kinds:
                continue
            if default.kind == "array" and (
                default.shape is None or (default.shape == () and not zero_d(default))
            ):
                continue  # (a NumPy number, np.float64(0.5), can be hashed: no mutable default)
            kind = kinds[default.kind]
            message = (
                f"cannot make the dataclass {statement.name}: the default of its field "
                f"{item.target.id} is a {kind}, which every instance would share (Python raises "
                f"a ValueError: mutable default <class '{kind}'> for field {item.target.id} is "
                "not allowed: use default_factory)"
            )
            self.report_here(statement.decorator_list[0], message, "call", "ValueError")
            return "is a dataclass Python refuses to make"
        return None

    def method(self, statement: ast.FunctionDef, defaults: tuple[Operand, ...]) -> Operand:
        """A ``def`` inside a class body: a method (bound to its instance when read on one)."""
        assert self.walker is not None  # statements run inside a cell
        owner: ClassInfo = self.frame.owner
        how = "method"
        getter = None  # @w.setter: the property it gives a setter to
        for decorator in statement.decorator_list:
            if self.from_library([decorator], "abc", "abstractmethod"):
                if owner.abstract is not None:  # a subclass must define it (see instantiate)
                    owner.abstract.add(statement.name)
                continue
            if self.from_library([decorator], "functools", "cached_property") and how == "method":
                how = "cached_property"
                continue
            getter = _setter_of(decorator, self.frame.names) if how == "method" else None
            if getter is not None:
                how = "setter"
                continue
            name = decorator.id if isinstance(decorator, ast.Name) else None
            if name not in DECORATORS or how != "method":
                made = replace(
                    unknown(
                        f"the method `{owner.name}.{statement.name}`, decorated with "
                        f"`@{self.walker.short(decorator)}` at line {decorator.lineno}, which "
                        "shapekit does not follow"
                    ),
                    name="decorated",  # its def kept: a call of it runs code not followed
                    node=statement,
                )
                for outer in reversed(statement.decorator_list):  # each called, innermost first
                    found = self.evaluate(outer)
                    if found.kind != "userfunc":
                        break
                    self.call(found, [made], {}, None)  # what it changes (a registry) is followed
                return made
            how = DECORATORS[name]
        info = FunctionInfo(
            statement,
            self.walker,
            defaults,
            owner,
            "method" if how in ("setter", "cached_property") else how,
            closure=self.frame.closure,
        )
        if any(d.kind == "list" for d in defaults):
            self.list_defaults.append(info)
        function = Operand("userfunc", name=statement.name, value=info)
        if how == "setter":  # a new property: the same getter, and this setter
            assert getter is not None
            return replace(getter, bound=function)
        if how in ("property", "cached_property"):
            return Operand(how, name=statement.name, value=function)
        return function

    def receiving(self, function: Operand, args: list[Operand]) -> Operand:
        """A method followed without a call: its ``self`` is an instance of its class whose
        attributes are not known (its class methods get the class)."""
        info: FunctionInfo = function.value
        owner = info.owner
        if owner is None or info.binding in ("function", "static") or not args:
            return function
        args.pop(0)  # given by the binding
        if info.binding == "classmethod":
            klass = Operand("class", name=owner.name, value=owner)
            return replace(function, bound=klass)
        why = f"`self` in `{info.qualname}()`, which is read without a call"
        space = Namespace("instance", {}, cls=owner, open=why)
        return replace(function, bound=Operand("instance", name=owner.name, value=space))

    # -- special methods: what an operator, len() or print() calls on an instance --
    def special(self, target: Operand, dunder: str, args: list[Operand]) -> Operand | None:
        """The result of the special method ``dunder`` of the file's class of ``target``
        (``layer @ x`` calls ``__matmul__``, ``len(layer)`` ``__len__``, ``print(layer)``
        ``__str__``), followed as a call; None when the class does not define it (or its
        attributes cannot be followed)."""
        if target.kind != "instance" or (self.walker is not None and self.walker.dry):
            return None
        space: Namespace = target.value
        method = space.cls.lookup(dunder) if space.cls is not None else None
        if space.dynamic is not None or method is None or method.kind != "userfunc":
            return None
        # (a method of a class of one of the file's modules: followed by that module's)
        return self.call(replace(method, bound=target), args, {}, None)

    def not_iterable(self, target: Operand) -> bool:
        """Whether an instance of the file's class certainly has no items: its class and
        bases, all written in the file, define neither ``__iter__`` nor ``__getitem__``
        (``for l in layer:`` is Python's TypeError)."""
        space: Namespace = target.value
        klass = space.cls
        if target.kind != "instance" or klass is None:
            return False  # (Python looks for them on the class: the instance's own do not count)
        found = klass.lookup("__iter__")
        if found is not None and found.kind == "none":  # __iter__ = None: no items
            return _plain_hierarchy(klass, attributes=False)
        if found is not None or klass.lookup("__getitem__") is not None:
            return False
        return _plain_hierarchy(klass, attributes=False)

    def inert_instance(self, target: Operand) -> bool:
        """Whether an instance of the file's class is certainly nothing NumPy computes with:
        its class and bases, all written in the file, define no arithmetic, no conversion to
        a number or an array, no items, and no ``__getattr__`` (``np.dot(act, w)`` for
        ``np.dot(act.output, w)`` is Python's TypeError)."""
        if target.kind != "instance":
            return False
        space: Namespace = target.value
        klass = space.cls
        if klass is None or space.dynamic is not None or klass.special is not None:
            return False
        if any(klass.lookup(d) is not None or d in space.attrs for d in _NUMERIC_HOOKS):
            return False
        return _plain_hierarchy(klass)

    def instance_truth(self, target: Operand) -> bool | None:
        """The truth of an instance of the file's class (``if layer:``): what its
        ``__bool__`` returns, else whether its ``__len__`` is not 0, each followed as a call;
        true when its class and bases, all written in the file, define neither."""
        space: Namespace = target.value
        klass = space.cls
        if klass is None or space.dynamic is not None:
            return None
        for dunder in ("__bool__", "__len__"):
            method = klass.lookup(dunder)
            if method is None:
                continue
            result = self.special(target, dunder, [])
            if result is None or result.kind != "number" or result.value is None:
                return None
            return bool(result.value)
        return True if _plain_hierarchy(klass) else None

    # -- calls of classes and instances --
    def call(
        self,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand],
        node: ast.Call | None,
    ) -> Operand:
        if not self.perhaps or self.hypothetical or func.kind not in _CALLED_CODE:
            return self.call_now(func, args, kwargs, node)
        # f() if flag else None, flag and f(): a call that may not run; what it binds in the
        # module is the module's value or that one, not known which
        frames = [self.module, *(f for f in self.frames if f is not self.module)]
        held = [(frame, dict(frame.names)) for frame in frames]  # (nonlocal ones too)
        line = getattr(node, "lineno", "?")
        mark = len(self.journal)
        self.journaling += 1  # (what it changes in objects is journaled, to be merged)
        try:
            made = self.call_now(func, args, kwargs, node)
        finally:
            self.journaling -= 1
            if len(self.journal) > mark:  # attributes and items: as after an if without else
                ran = {
                    ident: (space, key, self.current(space, key))
                    for ident, (space, key, _old) in self.changes_since(mark).items()
                }
                self.undo(mark)
                self.merge_objects([ran, {}], f"whether the call at line {line} runs")
        why = f"a call at line {line} that may not run, which may change it"
        for frame, before in held:
            for name, value in list(frame.names.items()):
                old = before.get(name)
                if old is not value and (old is None or not same(old, value)):
                    self.set_in(frame, name, unknown(why))
        return made

    def call_now(
        self,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand],
        node: ast.Call | None,
    ) -> Operand:
        """Follow the call of ``func`` (see :meth:`call`)."""
        owner = _owner(func)
        if owner is not None and owner is not self:  # a function or class of another module
            return self.foreign_call(owner, func, args, kwargs, node)
        if func.kind == "class":
            return self.instantiate(func.value, args, kwargs, node)
        if func.kind == "instance":
            space: Namespace = func.value
            method = space.cls.lookup("__call__") if space.cls else None
            if space.dynamic is None and method is not None and method.kind == "userfunc":
                return self.call(replace(method, bound=func), args, kwargs, node)
            if (
                method is None
                and node is not None
                and self.walker is not None
                and space.cls is not None
                and space.dynamic is None
                and not space.open
                and not self.hypothetical
                and plain_classes(space.cls)
            ):  # `net(X)` on a class of the file's without __call__ (PyTorch's habit)
                hint = (
                    f"; call its method: {self.walker.source(node.func)}.forward(...)"
                    if space.cls.lookup("forward") is not None
                    else ""
                )
                error = MismatchError(
                    f"cannot call {self.walker.source(node)}: an instance of "
                    f"{space.cls.name} cannot be called, since the class defines no __call__ "
                    f"(Python raises a TypeError: '{space.cls.name}' object is not callable){hint}",
                    op="call",
                )
                error.raises = "TypeError"
                raise Refused(error, node)
            return unknown(
                f"the call of an instance of `{func.name}`, which shapekit does not follow"
            )
        if func.kind == "userfunc" and func.value.cached is not None and node is not None:
            return self.cached_call(func, args, kwargs, node)
        return super().call(func, args, kwargs, node)

    def cached_call(
        self, func: Operand, args: list[Operand], kwargs: dict[str, Operand], node: ast.Call
    ) -> Operand:
        """A call of a function behind ``functools.cache``: its body runs only the first
        time it is given those values; a later call gives the result kept (and runs nothing).
        Where whether a result is kept is not known, what the body changes is not known."""
        info, how = func.value, func.value.cached
        key = _cache_key([*args, *kwargs.values()], tuple(kwargs)) if func.bound is None else None
        if "typed" in how:  # int and float kept apart: not followed
            key = None
        # one cache per function object (a def run twice, in a factory, makes two)
        self.cache_owners.setdefault(id(info), info)  # (kept alive: its id stays its own)
        kept = self.cache_results.setdefault(id(info), {})
        if info.closure is not None or _cache_bypassed(self, info):
            self.cache_unsure.add(id(info))  # made in a call, cleared, raising, or bypassed
        unsure = (
            id(info) in self.cache_unsure
            or (key is None and bool(kept))
            or len(kept) >= _kept_at_most(how)  # an older result may have been dropped
        )
        if key is not None and key in kept and not unsure:
            found = kept[key]  # (an object, a list or an array it gave may have changed since)
            if (
                found.kind in ("number", "str", "none")
                or (found.kind == "tuple" and found.items is None)
                or (found.kind == "array" and not self.reshapes_in_place())
            ):  # (an array's values are dated: see values_written)
                return found
            return unknown(f"what the cache of `{func.name}()` keeps, given at line {node.lineno}")
        if unsure:
            with lazily(self, f"the call of `{func.name}()` at line {node.lineno}, whose "
                        "body runs or not as its kept results say"):  # fmt: skip
                return super().call(func, args, kwargs, node)
        result = super().call(func, args, kwargs, node)
        if key is not None and self.on_every_path() and not self.hypothetical:
            kept[key] = result
        else:
            self.cache_unsure.add(id(info))
        return result

    def module_changed_by(self, function: Operand, why: str) -> None:
        """A function of one of the file's modules run where it is not followed (a base's
        ``__init_subclass__``): what that module holds may have changed."""
        from shapekit.engine._modules import CODE

        owner = _owner(function) if function.kind == "userfunc" else None
        if owner is None or owner is self:
            return
        for module in self.modules.values():
            if getattr(module, "host", None) is owner:
                if module.changed is None:
                    module.changed = why
                held = [v for v in module.values.values() if v.kind not in CODE]
                self.escape(held, why)
                self.lists_escape(held, why)

    def foreign_call(
        self,
        owner: Any,
        func: Operand,
        args: list[Operand],
        kwargs: dict[str, Operand],
        node: ast.Call | None,
    ) -> Operand:
        """A call of a function or class of one of the file's own modules: followed by the
        module's interpreter, in the module's names. A failure inside it is reported here,
        at the call (running the file fails there), with where in the module it fails."""
        from shapekit.engine._host import _may_change_things
        from shapekit.engine._modules import CODE
        from shapekit.engine._statements import _raised

        where = "" if node is None else f" at line {node.lineno}"
        shown = f"`{func.name}()`"
        module = next((m for m in self.modules.values() if getattr(m, "host", None) is owner), None)
        target = func.value.fdef if func.kind == "userfunc" else None
        if node is not None and target is not None:  # Python's TypeError, at the call
            params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
            if func.value.binding != "function" or not target.decorator_list:
                given = len(args) + (func.bound is not None)
                self.check_arguments(func.value, params, given, kwargs, node)
        before = len(owner.problems)
        # as this file follows it: in a branch that may not run (the changes it makes to
        # shared objects go in this file's journal, to be merged), lazily, without fixes
        saved = owner.hypothetical, owner.lazy, owner.fix_budget, owner.journal, owner.journaling
        owner.hypothetical, owner.lazy, owner.fix_budget = self.hypothetical, self.lazy, 0
        owner.journal, owner.journaling = self.journal, self.journaling
        exited, halts = owner.exited, owner.frame.halts
        try:
            result = owner.call(func, args, kwargs, None)
        finally:
            (
                owner.hypothetical, owner.lazy, owner.fix_budget, owner.journal,
                owner.journaling,
            ) = saved  # fmt: skip
            ended, halted = owner.exited, owner.frame.halts
            owner.exited, owner.frame.halts = exited, halts  # (the module's own run is over)
        if node is not None and ended is not None and ended != exited:
            # helper.stop() doing sys.exit(0): the program ends at this call
            self.exit_here(node, None)  # type: ignore[attr-defined]
            return unknown(f"the call of {shown}{where}, which ends the program")
        if node is not None and halted is not None and halted != halts:
            self.may_halt(node, f"whether the call of {shown}{where} ends the program")  # type: ignore[attr-defined]
        found = owner.problems[before:]
        del owner.problems[before:]
        # what it may have changed: what it was given (the objects it changes are shared,
        # but this file's names holding a list it changed are not seen by the module's
        # interpreter), and the data its module holds
        if target is None and func.kind == "class":
            init = func.value.lookup("__init__")
            target = init.value.fdef if init is not None and init.kind == "userfunc" else None
        if target is None or _may_change_things(target):
            why = f"the call of {shown}{where}, which may change what it is given"
            handed = [*args, *kwargs.values()]
            self.escape(handed, why)
            self.lists_escape(handed, why)
            if owner.reshapes_in_place() and not self.hypothetical:  # a.shape = … in the module
                for one in handed:
                    if one.kind == "array":
                        self.reshaped_everywhere(one, unknown(why), why)
            if module is not None and module.changed is None:
                module.changed = f"the call of {shown}{where}"
                held = [v for v in module.values.values() if v.kind not in CODE]
                self.escape(held, why)
                self.lists_escape(held, why)
        if found and node is not None and self.walker is not None:
            first = found[0]
            error = MismatchError(
                f"the call {self.walker.short(node)} fails inside "
                f"{module.shown if module is not None else 'the module'}, at line "
                f"{first.line}: {first.message}",
                op="call",
            )
            error.raises = _raised(first.error)  # the class running raises, from inside
            raise Refused(error, node)
        if result.kind == "error":
            return unknown(f"the call of {shown}{where}, which fails inside its module")
        return result

    def instantiate(
        self,
        info: ClassInfo,
        args: list[Operand],
        kwargs: dict[str, Operand],
        node: ast.Call | None,
    ) -> Operand:
        """``Class(...)``: a new instance, with ``__init__`` followed."""
        where = "" if node is None else f" at line {node.lineno}"
        if self.frame.depth >= MAX_CALL_DEPTH:
            deep = f"the call of `{info.name}()`{where}, not followed"
            self.escape([*args, *kwargs.values()], deep)
            self.lists_escape([*args, *kwargs.values()], deep)
            self.ran_unfollowed(info.node, deep)  # its __init__ and what that calls
            if any(halting(body) for body in (info.node, *self._bodies_called(info.node))):
                self.may_halt(info.node, f"a raise or an exit in {deep}")  # type: ignore[attr-defined]
            return unknown(
                f"the `{info.name}` made{where}, nested more than {MAX_CALL_DEPTH} calls deep"
            )
        exiting = _exiting_special(info, self.lookup)
        if exiting is not None and node is not None:  # __getattr__ that calls sys.exit(0)
            self.may_halt(  # type: ignore[attr-defined]
                node, f"whether `{exiting}` of the `{info.name}` made at line {node.lineno} runs"
            )
        made_by = info.lookup("__new__")
        if made_by is not None:
            why = made_by.reason if made_by.kind == "unknown" else "whose class defines `__new__`"
            return unknown(f"the `{info.name}` made{where}, {why}")
        left = _abstract_left(info)
        if left and node is not None:
            names = ", ".join(sorted(left))
            error = MismatchError(
                f"cannot make {info.name}: it does not define its abstract method"
                f"{'s' * (len(left) > 1)} {names} (Python raises a TypeError: Can't instantiate "
                f"abstract class {info.name})",
                op="call",
            )
            error.raises = "TypeError"
            raise Refused(error, node)
        space = Namespace("instance", {}, cls=info, dynamic=info.special)
        instance = Operand("instance", name=info.name, value=space)
        init = info.lookup("__init__")
        if init is None:
            if (args or kwargs) and node is not None and self.walker is not None:
                message = (
                    f"cannot call {self.walker.source(node)}: the class {info.name} has no "
                    "__init__, so it takes no arguments (Python raises a TypeError)"
                )
                raise Refused(MismatchError(message, op="call"), node)
        elif init.kind == "userfunc" and isinstance(init.value, FunctionInfo):
            # (an __init__ of a base from one of the file's modules: followed by that module's)
            self.call(replace(init, bound=instance), args, kwargs, node)
        else:
            space.dynamic = f"`{info.name}.__init__`, which shapekit does not follow"
        return instance

    def super_of(self, klass: ClassInfo | None, receiver: Operand | None) -> Operand | None:
        """``super()`` inside a method (or ``super(Class, obj)``): where lookups start."""
        if klass is None:
            klass, receiver = self.frame.owner, self.frame.receiver
        if klass is None or receiver is None or receiver.kind != "instance":
            return None
        return Operand("super", value=(klass.base, receiver))

    # -- objects changed along branches and loops --
    def changes_since(self, mark: int) -> dict[tuple[int, Any], tuple[Namespace, Any, Any]]:
        """What changed in objects since the journal's ``mark``: (space, key, value before)."""
        out: dict[tuple[int, Any], tuple[Namespace, Any, Any]] = {}
        for space, key, old in self.journal[mark:]:
            out.setdefault((id(space), key), (space, key, old))
        return out

    def undo(self, mark: int) -> None:
        for space, key, old in reversed(self.journal[mark:]):
            if key is DYNAMIC:
                space.dynamic = old
            elif key is OPEN:
                space.open = old
            elif old is MISSING:
                space.attrs.pop(key, None)
            else:
                space.attrs[key] = old
        del self.journal[mark:]

    @staticmethod
    def current(space: Namespace, key: Any) -> Any:
        return space.dynamic if key is DYNAMIC else space.attrs.get(key, MISSING)

    def merge_objects(self, outcomes: list[dict[tuple[int, Any], Any]], what: str) -> None:
        """After branches (each undone): every attribute or item that differs between them
        depends on ``what``; one they agree on keeps its shape."""
        keys: dict[tuple[int, Any], tuple[Namespace, Any]] = {}
        for outcome in outcomes:
            for ident, (space, key, _value) in outcome.items():
                keys.setdefault(ident, (space, key))
        for ident, (space, key) in keys.items():
            before = self.current(space, key)
            values = [o[ident][2] if ident in o else before for o in outcomes]
            if key is DYNAMIC:
                reason = next((v for v in values if v), None)
                if reason and not space.dynamic:
                    if self.journaling:
                        self.journal.append((space, DYNAMIC, None))
                    space.dynamic = reason
                continue
            self.put(space, key, self.agreed(values, what))
            if space.kind == "dict" and not space.open and any(v is MISSING for v in values):
                # if flag: params["b"] = …: whether the dict holds the key depends on it
                if self.journaling:
                    self.journal.append((space, OPEN, space.open))
                space.open = f"a key set on one way only: it depends on {what}"

    def agreed(self, values: list[Any], what: str) -> Operand:
        first = values[0]
        if all(v is first for v in values) and first is not MISSING:
            return first
        if first is not MISSING and all(v is not MISSING and same(first, v) for v in values):
            return shape_only(first)
        if first is not MISSING and all(
            v is not MISSING and same(replace(first, readonly=v.readonly), v) for v in values
        ):  # the same shape, read-only on one way only: whether a write fails depends on it
            return unknown(
                f"an if/else that makes it read-only on one way only: it depends on {what}"
            )
        return unknown(f"an if/else whose branches give it different shapes: it depends on {what}")

    def merge_loop(
        self, mark: int, why: str, breaks: list[dict[Any, Any] | None] | None = None
    ) -> None:
        """After a loop's body was followed once for an unknown number of iterations (what
        objects held at each ``break`` met in it: ``breaks``, by (id of the space, key))."""
        for space, key, old in self.changes_since(mark).values():
            if key is DYNAMIC:
                continue
            new = space.attrs.get(key, MISSING)
            if new is old or new is MISSING:
                continue
            # at a break or continue with a finally still to run (None): anything may change
            held = [
                b[id(space), key] if b is not None else MISSING
                for b in breaks or ()
                if b is None or (id(space), key) in b
            ]
            if (
                old is not MISSING
                and all(h is not MISSING and (h is new or same(h, new)) for h in held)
                and same(old, new)
            ):
                self.put(space, key, shape_only(new))
            else:
                self.put(space, key, unknown(why))


def shape_only(op: Operand) -> Operand:
    """``op`` with its shape and kind but none of its values: what two ways through the code
    (if/else branches, a loop run once or more) agree on when only their shapes are the same.
    The memo starts empty: what was worked out for one way's value is not the merge's; the
    layout in memory is not known either (each way may have made it otherwise)."""
    found = array_shape(op)
    # (a tuple keeps its items, each by its shape: best = (W1.copy(), b1.copy()), of two
    # shapes, is still a pair after a loop)
    items = (
        tuple(shape_only(i) for i in op.items)
        if op.kind == "tuple" and op.items is not None and len(op.items) <= 64
        else None
    )
    return replace(
        op,
        value=None,
        items=items,
        node=None,
        place=None,
        strides=None,
        # (an unknown keeps the shapes it may have: they are shapes, not values)
        memo={EITHER: op.memo[EITHER]} if EITHER in op.memo else {},
        shape=found if isinstance(found, tuple) else op.shape,
    )


__all__ = ["Classes", "shape_only"]


#: the options of ``@dataclass(...)`` that leave its ``__init__`` as followed here
_DATACLASS_OPTIONS = frozenset({"eq", "order", "repr", "frozen", "unsafe_hash", "slots"})


def _unhashable(klass: ClassInfo) -> bool:
    """Whether instances of the file's class certainly cannot be hashed (Python's dataclass
    then refuses one as a field's default): the nearest class that says defines ``__eq__``
    and no ``__hash__`` (a plain ``@dataclass`` does, unless frozen), or sets ``__hash__ =
    None``; False when that is not certain (a base not known). A file naming ``__hash__``
    is not asked (see ``mutable_default``): it may give one in a branch, or later."""
    found: ClassInfo | None = klass
    for _ in range(32):
        if found is None:
            return False
        node = found.node
        body = {
            target.id
            for item in node.body
            for target in (
                item.targets if isinstance(item, ast.Assign) else [getattr(item, "target", None)]
            )
            if isinstance(target, ast.Name)
        } | {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
        if "__hash__" in body:
            return any(
                isinstance(item, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__hash__" for t in item.targets)
                and isinstance(item.value, ast.Constant)
                and item.value.value is None
                for item in node.body
            )
        decorators = node.decorator_list
        if decorators and _plain_dataclass(decorators):
            options = decorators[0].keywords if isinstance(decorators[0], ast.Call) else []
            said = {k.arg: k.value for k in options}
            plain = all(
                isinstance(v, ast.Constant) and v.value is (k == "eq")
                for k, v in said.items()
                if k in ("eq", "frozen", "unsafe_hash")
            )
            return plain  # eq=True, frozen=False, unsafe_hash=False: __hash__ = None
        if decorators:
            return False
        if "__eq__" in body:
            return True
        if found.base is None and node.bases:
            return False  # a base that is not the file's: not known
        found = found.base
    return False


def _plain_dataclass(decorators: list[ast.expr]) -> bool:
    """Whether the only decorator is ``@dataclass`` (or ``@dataclasses.dataclass``), with
    no option that changes its ``__init__``."""
    if len(decorators) != 1:
        return False
    decorator = decorators[0]
    options: list[ast.keyword] = []
    if isinstance(decorator, ast.Call):
        if decorator.args:
            return False
        options, decorator = decorator.keywords, decorator.func
    name = decorator.attr if isinstance(decorator, ast.Attribute) else getattr(decorator, "id", "")
    return name == "dataclass" and all(k.arg in _DATACLASS_OPTIONS for k in options)


#: Python's types a default_factory may be, and what calling one gives
_EMPTY_FACTORIES = frozenset({"builtins.list", "builtins.dict"})


def _factory_default(factory: Operand, reason: str) -> Operand:
    """The default of a field whose ``default_factory`` is ``factory``: made anew by each
    call of ``__init__`` when it is a function of the file's, ``list`` or ``dict`` (see
    :meth:`~shapekit.engine._host.ProgramHost.call`); unknown otherwise."""
    if factory.kind == "userfunc" or (
        factory.kind == "function" and factory.name in _EMPTY_FACTORIES
    ):
        return Operand("other", name=FACTORY, value=factory, reason=reason)
    return unknown(reason)


def _is_field_call(value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name == "field"


#: what a NamedTuple's instances have besides their fields (a tuple's methods and the
#: helpers namedtuple writes): not followed, but there
_TUPLE_ATTRIBUTES = ("_replace", "_asdict", "_fields", "_field_defaults", "_make", "count", "index")


def _named_tuple_obstacle(statement: ast.ClassDef) -> str | None:
    """Why a NamedTuple class is not followed (None: it is)."""
    for item in statement.body:
        if isinstance(item, ast.AnnAssign) and "ClassVar" in ast.unparse(item.annotation):
            return "is a NamedTuple with a ClassVar (Python refuses to make it)"
    return None


def _named_tuple_methods(statement: ast.ClassDef, info: ClassInfo, walker: Any) -> None:
    """A NamedTuple's instances are tuples of its fields: ``layer[0]`` and ``len(layer)``
    (``__getitem__`` and ``__len__`` written for it), and unpacking or iterating over one
    (its fields in order, unless its body defines how it is iterated)."""
    fields = [
        item.target.id
        for item in statement.body
        if isinstance(item, ast.AnnAssign)
        and isinstance(item.target, ast.Name)
        and "ClassVar" not in ast.unparse(item.annotation)
    ]
    defined = {item.name for item in statement.body if isinstance(item, ast.FunctionDef)}
    if not defined & {"__iter__", "__getitem__", "__len__"}:
        info.fields = tuple(fields)
    load = ast.Load()
    items = ast.Tuple([ast.Attribute(ast.Name("self", load), f, load) for f in fields], load)
    methods = {
        "__getitem__": (
            ["self", "index"],
            ast.Return(ast.Subscript(items, ast.Name("index", load), load)),
        ),
        "__len__": (["self"], ast.Return(ast.Constant(len(fields)))),
    }
    for name, (params, body) in methods.items():
        fdef = ast.FunctionDef(
            name=name,
            args=ast.arguments(
                posonlyargs=[], args=[ast.arg(p) for p in params], vararg=None, kwonlyargs=[],
                kw_defaults=[], kwarg=None, defaults=[],
            ),
            body=[body], decorator_list=[], returns=None, type_comment=None,
        )  # fmt: skip
        for node in ast.walk(fdef):
            ast.copy_location(node, statement)
        made = FunctionInfo(fdef, walker, (), info, "method")
        info.space.attrs.setdefault(name, Operand("userfunc", name=name, value=made))
    for name in _TUPLE_ATTRIBUTES:
        info.space.attrs.setdefault(
            name, unknown(f"`{name}` of the NamedTuple `{info.name}`, not followed")
        )


def _frozen(decorator: ast.expr) -> bool:
    """Whether a ``@dataclass(...)`` decorator says ``frozen=True``."""
    return isinstance(decorator, ast.Call) and any(
        k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in decorator.keywords
    )


def _dataclass_init_def(
    statement: ast.ClassDef, names: list[str], defaulted: int, post: bool
) -> ast.FunctionDef:
    """``def __init__(self, a, b=…): self.a = a; self.b = b; self.__post_init__()``, placed
    at the class statement (the last ``defaulted`` parameters have defaults, whose values
    are given apart)."""
    load, store = ast.Load(), ast.Store()
    body: list[ast.stmt] = [
        ast.Assign(
            targets=[ast.Attribute(ast.Name("self", load), name, store)],
            value=ast.Name(name, load),
        )
        for name in names
    ]
    if post:
        call = ast.Call(ast.Attribute(ast.Name("self", load), "__post_init__", load), [], [])
        body.append(ast.Expr(call))
    fdef = ast.FunctionDef(
        name="__init__",
        args=ast.arguments(
            posonlyargs=[],
            args=[ast.arg("self"), *(ast.arg(name) for name in names)],
            vararg=None,
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=[ast.Constant(None) for _ in range(defaulted)],
        ),
        body=body or [ast.Pass()],
        decorator_list=[],
        returns=None,
        type_comment=None,
    )
    for node in ast.walk(fdef):
        ast.copy_location(node, statement)
    fdef.written_by_python = True  # type: ignore[attr-defined]  # (sets even frozen fields)
    return fdef


def _abstract_left(info: ClassInfo) -> set[str]:
    """The abstract methods of an ``abc.ABC`` class that it and its bases leave undefined."""
    if info.abstract is None:
        return set()
    seen: set[str] = set()
    left: set[str] = set()
    klass: ClassInfo | None = info
    depth = 0
    while klass is not None and depth < 64:  # the nearest definition of a name decides
        for name in klass.space.attrs:
            if name not in seen:
                seen.add(name)
                if klass.abstract and name in klass.abstract:
                    left.add(name)
        klass, depth = klass.base, depth + 1
    return left


def _cache_bypassed(host: Any, info: Any) -> bool:
    """Whether what a cache keeps may not be what its calls gave: the function may raise
    (a call that raises keeps nothing), or the file reads ``.cache_clear``,
    ``.__wrapped__``, ``.cache_parameters`` of something (which empties or goes around a
    cache)."""
    fdef = info.fdef
    found = _BYPASSED.get(fdef)
    if found is None:
        found = any(isinstance(n, (ast.Raise, ast.Assert)) for n in ast.walk(fdef))
        _BYPASSED[fdef] = found
    if found:
        return True
    trees = getattr(host, "all_trees", None) or ()
    return any(_bypasses(tree) for tree in trees)


def _bypasses(tree: ast.AST) -> bool:
    found = _BYPASSES.get(tree)
    if found is None:
        found = any(
            (isinstance(n, ast.Attribute) and n.attr in _CACHE_DOORS)
            or (isinstance(n, ast.Constant) and n.value in _CACHE_DOORS)  # getattr(g, "…")
            for n in ast.walk(tree)
        )
        _BYPASSES[tree] = found
    return found


#: what empties a cache or goes around it
_CACHE_DOORS = frozenset({"cache_clear", "__wrapped__", "cache_parameters", "__dict__"})
_BYPASSED: weakref.WeakKeyDictionary[ast.AST, bool] = weakref.WeakKeyDictionary()
_BYPASSES: weakref.WeakKeyDictionary[ast.AST, bool] = weakref.WeakKeyDictionary()


def _exiting_special(info: Any, lookup: Any) -> str | None:
    """The name of a special method of the class ``info`` (or of any base of the file's, a
    mixin too, found by ``lookup``) that may end the program (``sys.exit`` in
    ``__getattr__``, ``__hash__``, ``__float__`` …), which Python calls where no call is
    written; None when there is none."""

    todo, seen = [info], 0
    while todo and seen < 32:
        klass = todo.pop()
        seen += 1
        if klass is None:
            continue
        exiting = _exiting_dunder(klass.node)
        if exiting is not None:
            return exiting
        todo.append(getattr(klass, "base", None))
        for written in getattr(klass.node, "bases", ()):  # class Model(Base, ExitOnMissing)
            found = lookup(written.id) if isinstance(written, ast.Name) else None
            if found is not None and found.kind == "class" and found.value is not klass:
                todo.append(found.value)
    return None


def _cache_key(given: list[Operand], names: tuple[str, ...]) -> Any:
    """The key ``functools.cache`` keeps a result by, made as ``functools._make_key`` makes
    it, when every argument's value is known (numbers, text, None, tuples written out);
    None otherwise. ``f(2)`` and ``f(n=2)`` are two keys, and so are ``f(2)`` and
    ``f(2.0)`` (one int or str alone is its own key, anything else a tuple), as for Python."""
    values: list[Any] = []
    for operand in given:
        if operand.kind in ("number", "str") and operand.value is not None:
            values.append(operand.value)
        elif operand.kind == "none":
            values.append(None)
        elif operand.kind == "tuple" and operand.items is None and operand.value is not None:
            values.append(operand.value)
        else:
            return None
    if not names and len(values) == 1 and type(values[0]) in (int, str):
        key: Any = values[0]
    else:
        places = len(values) - len(names)
        key = (
            "tuple",
            *values[:places],
            *((_KEYWORDS, *zip(names, values[places:], strict=True)) if names else ()),
        )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _kept_at_most(how: str) -> float:
    """How many results a cache written as ``how`` keeps (``lru_cache``: 128, or its
    ``maxsize``; ``cache`` and ``maxsize=None``: all)."""
    if "lru_cache" not in how or re.search(r"maxsize\s*=\s*None|lru_cache\(\s*None", how):
        return math.inf
    given = re.search(r"maxsize\s*=\s*(\d+)|lru_cache\(\s*(\d+)", how)
    if given is None:
        return 0 if "maxsize" in how or re.search(r"lru_cache\(\s*\w", how) else 128
    return int(given.group(1) or given.group(2))


#: what parts a cache's key of the keyword arguments from the others
_KEYWORDS = object()


def _owner(func: Operand) -> Any:
    """The interpreter a function, class or instance belongs to (None: not known)."""
    if func.kind == "userfunc":
        return func.value.walker.host
    klass = func.value if func.kind == "class" else None
    if func.kind == "instance":
        klass = func.value.cls
    depth = 0
    while klass is not None and depth < 64:  # any method of the class or its bases
        for value in klass.space.attrs.values():
            if value.kind == "userfunc":
                return value.value.walker.host
        klass, depth = klass.base, depth + 1
    return None


#: what makes an object something NumPy or Python's arithmetic computes with
_NUMERIC_HOOKS = frozenset(
    {f"__{op}__" for op in ("add", "sub", "mul", "matmul", "truediv", "floordiv", "pow", "mod")}
    | {f"__r{op}__" for op in ("add", "sub", "mul", "matmul", "truediv", "floordiv", "pow", "mod")}
    | {"__array__", "__array_interface__", "__array_struct__", "__array_ufunc__",
       "__array_function__", "__array_priority__", "__float__", "__int__", "__index__",
       "__complex__", "__len__", "__getitem__", "__iter__", "__buffer__", "__lt__", "__le__",
       "__gt__", "__ge__", "__eq__", "__ne__", "__neg__", "__abs__", "__exp__", "__log__"}
)  # fmt: skip
#: special methods a class may define that shapekit follows wherever Python calls them
_FOLLOWED_SPECIAL = frozenset({"__init__", "__new__", "__post_init__"})
#: the methods of Python's lists, dicts and sets that change them in place
_CHANGING = DICT_CHANGES | {"append", "extend", "insert", "remove", "add", "discard", "sort",
                            "reverse", "__setitem__", "__delitem__"}  # fmt: skip


def _implicit_effects(statement: ast.ClassDef, every: bool = False) -> list[tuple[str, str]]:
    """The module's names whose objects the class's special methods change (``__eq__``
    appending to a module's list ``log``, ``__hash__`` counting in a ``global n``), with the
    method: Python calls these methods implicitly (``x in items``, ``{k: 1}``, ``f"{k}"``),
    in places shapekit does not follow. With ``every`` (a class shapekit does not follow,
    whose calls are not followed either), those of all its methods."""
    found: list[tuple[str, str]] = []
    for item in statement.body:
        if not isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        name = item.name
        special = name.startswith("__") and name.endswith("__")
        if not every and (not special or name in _FOLLOWED_SPECIAL):
            continue
        args = item.args
        params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        params |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        declared = {n for s in ast.walk(item) if isinstance(s, ast.Global) for n in s.names}
        assigned = {
            n.id
            for n in ast.walk(item)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id not in declared
        }
        local = params | assigned
        for node in ast.walk(item):
            target: ast.expr | None = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in _CHANGING:
                    target = node.func.value
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
                targets = (
                    node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                )
                for written in targets:
                    if isinstance(written, (ast.Subscript, ast.Attribute)):
                        target = written.value
                    elif isinstance(written, ast.Name) and written.id in declared:
                        target = written
            while isinstance(target, (ast.Attribute, ast.Subscript)):
                target = target.value
            if isinstance(target, ast.Name) and target.id not in local:
                found.append((name, target.id))
    return found


def _plain_hierarchy(klass: ClassInfo | None, attributes: bool = True) -> bool:
    """Whether a class and its bases are all written in the file, with no metaclass and no
    decorator other than ``@dataclass`` (which gives no ``__bool__`` or ``__len__``): then
    nothing outside the file decides the truth of its instances. With ``attributes``, its
    instances' attributes must be followed too (no ``__getattr__`` …)."""
    depth = 0
    while klass is not None and depth < 64:
        node = klass.node
        special = klass.special is not None and attributes
        if klass.obstacle is not None or special or node.keywords:
            return False
        if len(node.bases) > (klass.base is not None):
            return False  # a base that is not one of the file's classes (object included)
        for decorator in node.decorator_list:
            called = decorator.func if isinstance(decorator, ast.Call) else decorator
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name != "dataclass":
                return False
        klass, depth = klass.base, depth + 1
    return klass is None


def _setter_of(decorator: ast.expr, names: dict[str, Operand]) -> Operand | None:
    """The property ``decorator`` gives a setter to (``@w.setter`` after ``@property def
    w``), else None."""
    if not (
        isinstance(decorator, ast.Attribute)
        and decorator.attr == "setter"
        and isinstance(decorator.value, ast.Name)
    ):
        return None
    found = names.get(decorator.value.id)
    return found if found is not None and found.kind == "property" else None


def _exiting_dunder(node: Any, only: tuple[str, ...] | None = None) -> str | None:
    """The name of a special method written in the class statement ``node`` (one of
    ``only``; else any but ``__init__``, ``__enter__`` and ``__exit__``, followed where they
    run, and ``__del__``, whose exit Python ignores) that may call ``sys.exit``; None when
    there is none."""
    for method in getattr(node, "body", ()):
        name = getattr(method, "name", "")
        if (
            isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (
                name in only
                if only is not None
                else len(name) > 4
                and name.startswith("__")
                and name.endswith("__")
                and name not in ("__init__", "__enter__", "__exit__", "__del__")
            )
            and _exit_in(method) is not None
        ):
            return name
    return None


def _defines(node: ast.AST | None, name: str) -> bool:
    """Whether ``node`` is a class statement whose body defines the method ``name``."""
    return isinstance(node, ast.ClassDef) and any(
        isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == name for f in node.body
    )
