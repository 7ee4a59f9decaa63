"""Objects in a program: the file's own functions and classes, their instances, and dicts.

A function of the file is a :class:`FunctionInfo` (its ``def``, where it is written, its
defaults and, for a method, its class). A class is a :class:`ClassInfo`; an instance, a class's
own attributes and a dict each keep what they hold in a :class:`Namespace`, which is changed in
place, so every name holding the object sees the change, as in Python.

:func:`object_attribute`, :func:`object_item`, :func:`dict_method` and :func:`object_builtin`
give the walker of ``shapekit.engine._expressions`` what ``obj.attr``, ``d[key]``,
``d.get(...)`` and ``getattr``/``setattr``/``hasattr``/``super``/``dict`` give. Reading an
attribute that a known instance certainly lacks is Python's ``AttributeError``, and a key a
known dict lacks its ``KeyError``: both raise the walker's ``Refused``. Whatever cannot be
followed (a class with ``__getattr__``, an object changed by code shapekit does not follow) is
an honest unknown.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from shapekit.engine._operands import (
    Operand,
    describe,
    from_python,
    items_of,
    number,
    sequence,
    unhashable,
    unknown,
)
from shapekit.errors import MismatchError

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

Args = list[Operand]
Kwargs = dict[str, Operand]

#: methods of a dict the walker follows (the others make the dict unknown)
DICT_METHODS = frozenset({"get", "keys", "values", "items", "copy"})
DICT_CHANGES = frozenset({"update", "pop", "popitem", "setdefault", "clear"})
#: built-ins about objects, followed here
OBJECT_BUILTINS = frozenset(
    {"getattr", "setattr", "hasattr", "delattr", "vars", "super", "isinstance", "dict",
     "issubclass"}
)  # fmt: skip
#: special methods that make an instance's attributes impossible to follow
SPECIAL = ("__getattr__", "__getattribute__", "__setattr__", "__delattr__")


class ObjectHost(Protocol):
    """What following objects needs from the interpreter (the program's host has it; the
    host of ``shapekit explain``'s expressions does not)."""

    def put(self, space: Namespace, key: Any, value: Operand) -> None: ...

    def track(self, space: Namespace) -> None: ...

    def escape(self, operands: list[Operand], why: str) -> None: ...

    def ran_unfollowed(self, fdef: ast.AST, why: str) -> None: ...

    def lists_escape(self, operands: list[Operand], why: str) -> None: ...

    def reshaped_everywhere(self, target: Operand, changed: Operand, why: str) -> None: ...

    def assign_attribute(self, target: ast.Attribute, value: Operand) -> None: ...

    def super_of(self, klass: ClassInfo | None, receiver: Operand | None) -> Operand | None: ...

    def call(
        self, func: Operand, args: list[Operand], kwargs: dict[str, Operand], node: ast.Call | None
    ) -> Operand: ...


def settled(w: Walker) -> bool:
    """Whether what objects hold is settled at this point: not so in a function followed
    without a call, where an attribute or key missing now may be there when it is called."""
    return not getattr(w.host, "hypothetical", False)


def host_of(w: Walker) -> ObjectHost | None:
    """The walker's host when it follows objects and the walker may change them (not dry)."""
    host = w.host
    if w.dry or not hasattr(host, "escape"):
        return None
    return host  # type: ignore[return-value]


class Enclosing:
    """The names a closure sees: those of the call it was made in, as they are when it
    reads them (Python's closures bind late: ``n`` assigned after the lambda is made is the
    ``n`` it reads), then those that call's own closure sees."""

    __slots__ = ("frame",)

    def __init__(self, frame: Any) -> None:
        self.frame = frame  # the host's Frame of the enclosing call

    def get(self, name: str) -> Operand | None:
        found: Operand | None = self.frame.names.get(name)
        if found is None and self.frame.closure is not None:
            found = self.frame.closure.get(name)
        return found


#: the ``name`` of a parameter's default that a call makes anew each time: ``value`` is the
#: function that makes it (a dataclass's ``field(default_factory=…)``)
FACTORY = "a default made by its default_factory"


@dataclass(frozen=True)
class FunctionInfo:
    """A function (or method, or lambda) written in the file."""

    fdef: ast.FunctionDef
    walker: Walker
    defaults: tuple[Operand, ...]
    owner: ClassInfo | None = None  # the class a method is defined in
    binding: str = "function"  # "function", "method", "static", "classmethod" or "property"
    #: the comprehension variables a lambda written inside a comprehension sees
    scopes: tuple[dict[str, Operand], ...] = ()
    #: the names of the call a function is defined in (what a closure sees), None at the top
    closure: Enclosing | None = None
    #: decorated with ``functools.cache`` or ``lru_cache``: its arguments must be hashable
    cached: str | None = None

    @property
    def qualname(self) -> str:
        return f"{self.owner.name}.{self.fdef.name}" if self.owner else self.fdef.name


@dataclass(eq=False)
class Namespace:
    """What an instance, a class or a dict holds, by attribute name or key."""

    kind: str  # "instance", "class" or "dict"
    attrs: dict[Any, Operand]
    cls: ClassInfo | None = None
    dynamic: str | None = None  # why what it holds cannot be known any more
    open: str | None = None  # why an attribute it lacks may still exist (not an error)
    #: for a dict of names (``globals()``): why keys it lacks may be there (not an error),
    #: though every key it lists is there
    unlisted: str | None = None
    #: for a dict: why attributes a dict lacks are still there (an .npz archive's .files)
    attributes: str | None = None
    #: the error of a method of this instance that certainly failed before its end (the file
    #: stops there): an attribute it would have set is that error, not an AttributeError
    broken: Any = None


@dataclass(eq=False)
class ClassInfo:
    """A class written in the file: its attributes (methods included) and its known base."""

    name: str
    node: ast.ClassDef
    base: ClassInfo | None
    space: Namespace
    special: str | None = None  # why its instances' attributes cannot be followed
    obstacle: str | None = None  # why the class itself cannot be followed (an unknown base …)
    #: for a class made from ``abc.ABC`` (or from one that is): the names of the methods its
    #: body marks ``@abstractmethod``; None for any other class
    abstract: set[str] | None = None
    #: for a ``typing.NamedTuple`` class that leaves iterating to the tuple: its fields, in
    #: order (what unpacking an instance gives); None for any other class
    fields: tuple[str, ...] | None = None
    #: why its instances' attributes cannot be set (a frozen dataclass, a NamedTuple); None
    #: for any other class
    frozen: str | None = None
    #: for a ``@dataclass``: its fields in order, its bases' first (name, default or None,
    #: whether ``__init__`` takes it); None for any other class
    dataclass: tuple[tuple[str, Operand | None, bool], ...] | None = None

    def dataclass_fields(self) -> tuple[tuple[str, Operand | None, bool], ...]:
        """The fields a ``@dataclass`` made from this class inherits: those of the nearest
        class up its bases that is a dataclass (none when there is none)."""
        klass: ClassInfo | None = self
        depth = 0
        while klass is not None and depth < 64:
            if klass.dataclass is not None:
                return klass.dataclass
            klass, depth = klass.base, depth + 1
        return ()

    def lookup(self, attr: str) -> Operand | None:
        """The attribute of the class or of its bases, as Python finds it."""
        klass: ClassInfo | None = self
        depth = 0
        while klass is not None and depth < 64:
            if klass.space.dynamic:
                return unknown(klass.space.dynamic)
            found = klass.space.attrs.get(attr)
            if found is not None:
                return found
            klass, depth = klass.base, depth + 1
        if klass is not None:  # bases deeper than shapekit looks: it may be further up
            return unknown(f"an attribute of `{self.name}`, whose bases go more than 64 deep")
        return None

    def setters(self, attr: str) -> list[str]:
        """The methods of the class (and its bases) that assign ``self.<attr>``."""
        out: list[str] = []
        klass: ClassInfo | None = self
        while klass is not None and len(out) < 8:
            for statement in klass.node.body:
                if isinstance(statement, ast.FunctionDef) and any(
                    isinstance(n, ast.Attribute) and n.attr == attr and isinstance(n.ctx, ast.Store)
                    for n in ast.walk(statement)
                ):
                    out.append(statement.name)
            klass = klass.base
        return out


def bound(found: Operand, receiver: Operand, klass: Operand | None = None) -> Operand:
    """An attribute found on a class, as reading it on ``receiver`` gives it (a method is
    bound to the instance, a class method to the class)."""
    if found.kind == "unknown":  # a method not followed: calling it may change the object
        return replace(found, bound=receiver)
    if found.kind != "userfunc" or not isinstance(found.value, FunctionInfo):
        return found
    how = found.value.binding
    if how == "static":
        return found  # a plain function or a lambda on the class is bound, as a def is
    if how == "classmethod":
        return replace(found, bound=klass) if klass is not None else found
    return replace(found, bound=receiver)


def _descriptor(found: Operand) -> bool:
    """Whether ``found``, a class attribute, is an instance of a class of the file that
    defines ``__get__`` (a descriptor: reading the attribute calls it)."""
    space = found.value if found.kind == "instance" else None
    cls = getattr(space, "cls", None)
    return cls is not None and cls.lookup("__get__") is not None


def plain_classes(info: ClassInfo) -> bool:
    """Whether ``info`` and its bases are all classes of the file's, written plainly (no
    unknown base, decorator or metaclass), so that what they lack, no one gives them."""
    klass: ClassInfo | None = info
    depth = 0
    while klass is not None and depth < 64:
        node = klass.node
        if klass.obstacle or klass.special or node.decorator_list or node.keywords:
            return False
        bases = node.bases
        plain_object = (
            len(bases) == 1 and isinstance(bases[0], ast.Name) and bases[0].id == "object"
        )
        if len(bases) > 1 or (bases and klass.base is None and not plain_object):
            return False
        klass, depth = klass.base, depth + 1
    return klass is None


def instance_class(receiver: Operand) -> Operand:
    space: Namespace = receiver.value
    info = space.cls
    assert info is not None  # an instance always has its class
    return Operand("class", name=info.name, value=info)


def object_attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """The operand of ``base.attr`` for an instance, a class, a dict or ``super()``."""
    attr = node.attr
    if base.kind == "dict":
        if attr in DICT_METHODS or attr in DICT_CHANGES:
            return Operand("method", name=attr, bound=base, node=node.value)
        if hasattr(dict, attr):  # d.fromkeys, d.__len__ …: there, not followed
            host = host_of(w)
            if attr not in DICT_READS and host is not None:  # d.__setitem__: may change it
                host.escape([base], f"`{w.short(node)}` at {w.where(node)}")
            return w.cannot(node, f"the dict attribute .{attr}, not followed")
        if base.value.attributes:  # np.load("model.npz").files: no dict's, but there
            return w.cannot(node, f"the attribute .{attr} of {base.value.attributes}, not followed")
        raise _refuse(w, node, f"{w.source(node.value)} is a dict, which has no attribute `{attr}`")
    if base.kind == "super":
        start, receiver = base.value
        found = start.lookup(attr) if start is not None else None
        if found is None:
            if attr == "__init__":  # object's (known to be when every class up is plain)
                klass = receiver.value.cls if receiver.kind == "instance" else None
                plain = klass is not None and plain_classes(klass)
                return Operand("function", name="builtins.object.__init__", value=plain and klass)
            return w.cannot(node)
        return bound(found, receiver, instance_class(receiver))
    if base.kind == "class":
        info: ClassInfo = base.value
        found = info.lookup(attr)
        if found is None or found.kind in ("property", "cached_property"):
            return w.cannot(node)
        if found.kind == "userfunc" and isinstance(found.value, FunctionInfo):
            # on the class a method is its plain function (Base.__init__(self, …) passes self
            # itself); only a class method is bound, to the class
            return replace(found, bound=base) if found.value.binding == "classmethod" else found
        return found
    space: Namespace = base.value
    info = space.cls  # type: ignore[assignment]
    if space.dynamic:
        return unknown(f"`{w.short(node)}` at {w.where(node)}, read after {space.dynamic}")
    on_class = info.lookup(attr)
    if on_class is not None and _descriptor(on_class):  # its __get__ gives what is read
        return w.cannot(node, f"an attribute given by a descriptor of the class {info.name}")
    if on_class is not None and on_class.kind == "property":  # it comes before the instance's
        host = host_of(w)
        if host is None:
            return w.cannot(node)
        return host.call(on_class.value, [base], {}, None)
    found = space.attrs.get(attr)
    if found is not None:
        return found
    if on_class is not None and on_class.kind == "cached_property":
        # computed at the first read, then kept by the instance (an attribute of its own)
        host = host_of(w)
        if host is None:
            return w.cannot(node)
        made = host.call(on_class.value, [base], {}, None)
        host.put(space, attr, made)
        return made
    if (
        on_class is not None
        and on_class.kind == "unknown"
        and on_class.name == "decorated"
        and isinstance(on_class.node, ast.FunctionDef)
        and any("property" in ast.unparse(d) for d in on_class.node.decorator_list)
    ):  # @keep @property: reading it runs its body, not followed
        host = host_of(w)
        if host is not None:
            why = f"`{w.short(node)}` at {w.where(node)}"
            host.ran_unfollowed(on_class.node, why)
            host.escape([base], why)
        return w.cannot(node, f"which reads {on_class.reason}")
    if on_class is not None:
        return bound(on_class, base, instance_class(base))
    if attr == "__class__" and base.kind == "instance" and not space.dynamic and not info.obstacle:
        return Operand("class", name=info.name, value=info)  # self.__class__.count += 1
    host = host_of(w)
    if attr == "__dict__" and host is not None:
        host.escape([base], f"`{w.short(node)}` at {w.where(node)}")
    if space.broken is not None:  # a method that failed midway: running stopped there
        return Operand("error", error=space.broken, reason=space.broken.message)
    if (
        space.open
        or info.special
        or (attr.startswith("__") and attr.endswith("__"))
        or not settled(w)
    ):
        return w.cannot(
            node,
            f"an attribute shapekit does not follow ({space.open or info.special or 'a special name'})",
        )
    implicit = [
        m for m in info.setters(attr) if m != "__init__" and m.startswith("__") and m.endswith("__")
    ]
    if implicit:  # self.last = … in __next__, __enter__, __array__: Python calls it where no
        return w.cannot(  # call is written (a for loop, a with, np.asarray)
            node, f"an attribute set by `{implicit[0]}`, which Python calls where it needs it"
        )
    raise _refuse(w, node, _missing(w, node, info, space))


def _missing(w: Walker, node: ast.Attribute, info: ClassInfo, space: Namespace) -> str:
    attr = node.attr
    written = w.source(node).rsplit(".", 1)[-1].strip()
    shown = written if written.startswith("__") and attr.endswith(written) else attr
    text = f"{w.source(node.value)} has no attribute `{shown}`"
    setters = [m for m in info.setters(attr) if m != "__init__"]
    if setters:
        text += (
            f": `self.{attr}` is set by `{setters[0]}()`, which has not run on it before "
            f"{w.where(node)}"
        )
    else:
        names = [str(a) for a in space.attrs] + [
            str(a) for a in info.space.attrs if not str(a).startswith("__")
        ]
        private = _private_hint(w, node, names)
        if private:
            return text + private + "; Python stops here with an AttributeError"
        close = difflib.get_close_matches(attr, names, n=1)
        text += (
            f" (did you mean `{close[0]}`?)"
            if close
            else f" (the instance of {info.name} has none)"
        )
    return text + "; Python stops here with an AttributeError"


def _private_hint(w: Walker, node: ast.Attribute, names: list[str]) -> str:
    """Why a private attribute (``self.__w``) is missing: Python renames ``__w`` written in
    class ``Dense`` to ``_Dense__w`` (see :func:`shapekit.engine.program.mangle_private`), so
    the one a base class or the class itself set has another name ("" when not so)."""
    written = w.source(node).rsplit(".", 1)[-1].strip()
    if not written.startswith("__") or written.endswith("__"):
        return ""
    held = [n for n in names if n.endswith(written) and n != node.attr and n.startswith("_")]
    if not held and node.attr != written:  # self.__wieghts for self.__weights: a slip
        prefix = node.attr[: len(node.attr) - len(written)]
        mine = [n[len(prefix) :] for n in names if n.startswith(prefix + "__")]
        close = difflib.get_close_matches(written, mine, n=1)
        return f" (did you mean `{close[0]}`?)" if close else ""
    where = f", and the one the object has is `{held[0]}`" if held else ""
    if node.attr != written:  # written inside a class
        return (
            f": Python renames a private name `{written}` written in a class to `{node.attr}`"
            f"{where}; name it `{written[1:]}` (one underscore) for an attribute that "
            "subclasses share"
        )
    if held:
        return (
            f": Python renames a private name `{written}` written in a class (it is stored as "
            f"`{held[0]}`); read it inside the class, or name it `{written[1:]}`"
        )
    return ""


def _refuse(w: Walker, node: ast.AST, message: str, raises: str | None = None) -> Any:
    """What Python refuses of an object: an attribute it lacks (AttributeError), or
    ``raises`` (a missing key is a KeyError, which ``except AttributeError`` does not catch)."""
    from shapekit.engine._expressions import Refused

    error = MismatchError(message, op="attribute")
    if raises is not None:
        error.raises = raises
    return Refused(error, node)


def _key(operand: Operand) -> tuple[bool, Any]:
    """Whether ``operand`` is a key whose value is known, and that value."""
    if operand.kind == "none" or (operand.kind == "str" and isinstance(operand.value, str)):
        return True, operand.value  # (text whose value is not known is no known key)
    if operand.kind == "number" and operand.value is not None:
        return True, operand.value
    if operand.kind == "tuple" and operand.items is None and operand.value is not None:
        return True, operand.value
    return False, None


def refuse_unhashable(w: Walker, node: ast.AST, written: ast.AST, key: Operand, use: str) -> None:
    """Python's TypeError for a list, a dict or an array (``key``, written ``written``) used
    as a dict's key or a set's item (``use``)."""
    what = unhashable(key)
    if what is not None:
        raise w.refuse(
            node,
            "index",
            f"{w.source(written)} is {describe(key)}, which Python cannot hash, and {use} "
            f"(Python raises a TypeError: unhashable type: '{what}'); a tuple of numbers can be",
            raises="TypeError",
        )


def object_item(w: Walker, node: ast.Subscript, base: Operand, index: Operand) -> Operand:
    """``d[key]`` for a dict: the value, a ``KeyError`` when the dict certainly lacks it."""
    space: Namespace = base.value
    if space.attributes is None:
        refuse_unhashable(w, node, node.slice, index, "a dict's key must be one")
    known, key = _key(index)
    if space.dynamic:
        return unknown(f"`{w.short(node)}` at {w.where(node)}, read after {space.dynamic}")
    if not known:
        return w.cannot(node, "a key that is not known without running the file")
    try:
        found = space.attrs.get(key)
    except TypeError:  # an unhashable key: Python refuses it too
        found = None
    if space.attributes is not None:  # an .npz archive: "w.npy" names "w" too, and each read
        if found is None and isinstance(key, str) and key.endswith(".npy"):  # is an array of
            found = space.attrs.get(key[:-4])  # its own (a.shape = … changes no other read)
        if found is not None and found.kind == "array":
            return replace(found)
    if found is not None:
        return found
    if space.open or space.unlisted or not settled(w):
        return w.cannot(node)
    shown = ", ".join(repr(k) for k in list(space.attrs)[:6]) or "no keys"
    raise _refuse(
        w,
        node,
        f"{w.source(node.value)} has no key {key!r} (it has {shown}); Python stops here with "
        "a KeyError",
        raises="KeyError",
    )


#: the name of an iterator that is a view of a dict (``d.keys()``; its ``bound`` is the dict)
DICT_VIEW = "dict view"


#: the methods of a dict that read it, without changing it
DICT_READS = DICT_METHODS | {
    "fromkeys", "__getitem__", "__contains__", "__len__", "__iter__", "__repr__", "__str__",
    "__eq__", "__ne__", "__or__", "__ror__", "__format__", "__sizeof__", "__reversed__",
}  # fmt: skip


def dict_method(
    w: Walker, node: ast.Call, name: str, receiver: Operand, args: Args, kwargs: Kwargs
) -> Operand:
    space: Namespace = receiver.value
    if name in DICT_CHANGES:
        host = host_of(w)
        if host is not None and not w.dry and _followed(receiver):
            changed = _dict_changed(w, node, host, name, space, args, kwargs)
            if changed is not None:
                return changed
        if host is not None:
            host.escape([receiver], f"`{w.short(node)}` at {w.where(node)}")
        return w.cannot(node)
    if space.dynamic:
        return unknown(f"`{w.short(node)}` at {w.where(node)}, read after {space.dynamic}")
    if name == "get" and 1 <= len(args) <= 2:
        known, key = _key(args[0])
        if not known:
            return w.cannot(node)
        found = space.attrs.get(key)
        if found is not None:
            return found
        if space.open or space.unlisted:
            return w.cannot(node)
        return args[1] if len(args) == 2 else from_python(None)
    if name in ("keys", "values", "items") and space.open:
        # which keys it holds is not known: what a loop over them changes is not known
        host = host_of(w)
        if host is not None and not w.dry:
            host.escape([receiver], f"`{w.short(node)}` at {w.where(node)}")
        return w.cannot(node, f"the keys of a dict not known ({space.open})")
    if name in ("keys", "values", "items"):
        # a view: it shows the dict as it is when read (see ProgramHost.viewed)
        viewed = getattr(w.host, "viewed", None)
        if viewed is not None and not w.dry:
            viewed.add(id(space))
        if name == "keys":
            items = tuple(from_python(k) for k in space.attrs)
        elif name == "values":
            items = tuple(space.attrs.values())
        else:
            items = tuple(sequence("tuple", (from_python(k), v)) for k, v in space.attrs.items())
        return Operand("iter", items=items, name=DICT_VIEW, bound=receiver)
    if name == "copy":
        return new_dict(w, dict(space.attrs))
    return w.cannot(node)


#: the kind of operand each built-in type (and np.ndarray) holds, as isinstance sees it
_TYPE_KINDS = {
    "list": "list", "tuple": "tuple", "dict": "dict", "str": "str", "ndarray": "array",
    "int": "number", "float": "number", "bool": "number", "complex": "number",
}  # fmt: skip


def _isinstance(value: Operand, written: ast.expr) -> bool | None:
    """``isinstance(value, written)`` when the type is written as a built-in type (or
    ``np.ndarray``, or a tuple of them) and what ``value`` is, is known; else None."""
    types = written.elts if isinstance(written, ast.Tuple) else [written]
    names = []
    for t in types:
        if isinstance(t, ast.Name) and t.id in _TYPE_KINDS and t.id != "ndarray":
            names.append(t.id)
        elif isinstance(t, ast.Attribute) and t.attr == "ndarray":
            names.append("ndarray")
        else:
            return None  # a class of the file's, or a type shapekit does not know
    kind = value.kind
    if kind == "array" and value.shape == ():
        return None  # a NumPy scalar: np.float64 is a float too
    if kind == "number":
        if value.value is None:
            return None
        python = type(value.value).__name__  # bool is an int too; an int is no float
        return any(n == python or (n == "int" and python == "bool") for n in names)
    if kind == "dict" and value.value is not None and value.value.attributes:
        return None  # np.load("m.npz"): read as a dict, but an archive of NumPy's is none
    if kind in ("list", "tuple", "dict", "str", "array", "none"):
        return any(_TYPE_KINDS[n] == kind for n in names)
    return None


def _dict_changed(
    w: Walker, node: ast.Call, host: Any, name: str, space: Namespace, args: Args, kwargs: Kwargs
) -> Operand | None:
    """A dict whose keys are all known changed in place as Python changes it (``update``
    with a dict, pairs or keywords, ``setdefault``, ``pop``, ``popitem``, ``clear``): what the
    method returns; None when it cannot be followed (a key not known …)."""
    if name == "update" and len(args) <= 1:
        pairs: list[tuple[Any, Operand]] = []
        if args:
            given = args[0]
            if given.kind == "dict" and _followed(given):
                pairs.extend(given.value.attrs.items())
            else:  # pairs: [("w", w), ("b", b)]
                items = items_of(given) if given.kind in ("list", "tuple") else None
                if items is None:
                    return None
                for item in items:
                    parts = items_of(item) if item.kind in ("list", "tuple") else None
                    if parts is None or len(parts) != 2:
                        return None
                    known, key = _key(parts[0])
                    if not known:
                        return None
                    pairs.append((key, parts[1]))
        pairs.extend(kwargs.items())
        for key, value in pairs:
            host.put(space, key, value)
        return from_python(None)
    if kwargs:
        return None
    if name == "clear" and not args:
        for key in list(space.attrs):
            host.drop(space, key)
        return from_python(None)
    if name == "popitem" and not args:
        if not space.attrs:
            raise w.refuse(
                node,
                "call",
                f"{w.source(node.func)}() of an empty dict (Python raises a KeyError: "
                "'popitem(): dictionary is empty')",
                raises="KeyError",
            )
        key, value = list(space.attrs.items())[-1]
        host.drop(space, key)
        return sequence("tuple", (from_python(key), value))
    if name not in ("pop", "setdefault") or not 1 <= len(args) <= 2:
        return None
    known, key = _key(args[0])
    if not known:
        return None
    found = space.attrs.get(key)
    if name == "setdefault":
        if found is not None:
            return found
        made = args[1] if len(args) == 2 else from_python(None)
        host.put(space, key, made)
        return made
    if found is not None:
        host.drop(space, key)
        return found
    if len(args) == 2:
        return args[1]
    raise w.refuse(
        node,
        "call",
        f"{w.source(node.func)}({w.source(node.args[0])}) of a dict without that key (Python "
        f"raises a KeyError: {key!r})",
        raises="KeyError",
    )


def new_dict(w: Walker, attrs: dict[Any, Operand], dynamic: str | None = None) -> Operand:
    space = Namespace("dict", attrs, dynamic=dynamic)
    host = host_of(w)
    if host is not None:
        host.track(space)
    return Operand("dict", value=space)


def _followed(given: Operand) -> bool:
    """Whether what the dict or object ``given`` holds is known, every key of it."""
    space = given.value
    return (
        isinstance(space, Namespace)
        and space.dynamic is None
        and space.open is None
        and space.attributes is None
    )


#: the methods by which a class says how ``copy.copy`` copies its instances
_COPY_PROTOCOL = ("__copy__", "__getstate__", "__setstate__", "__reduce__", "__reduce_ex__")


def shallow_copy(w: Walker, given: Operand) -> Operand | None:
    """``copy.copy(x)`` of a dict or an instance shapekit follows: a new one holding the same
    values (an array in it is the same array); None when not followed."""
    if given.kind == "dict" and _followed(given):
        return new_dict(w, dict(given.value.attrs))
    space = given.value
    if given.kind != "instance" or not _followed(given) or space.cls is None or space.cls.special:
        return None
    if any(space.cls.lookup(name) is not None for name in _COPY_PROTOCOL):
        return None  # the class says how it is copied: not followed
    copied = Namespace("instance", dict(space.attrs), cls=space.cls)
    host = host_of(w)
    if host is not None:
        host.track(copied)
    return replace(given, value=copied)


#: a value of each kind whose attributes are those of every value of that kind
_PLAIN: dict[str, Any] = {"list": [], "tuple": (), "str": "", "dict": {}, "none": None}


def _like(target: Operand) -> list[Any] | None:
    """A stand-in of the array ``target`` (its shape and kind of numbers), when it has one."""
    from shapekit.engine._oracle import _Unusable, stand_in

    if target.kind != "array" or target.shape is None or target.dtype is None:
        return None
    try:
        return [stand_in(target)]
    except _Unusable:
        return None


def _numpy_values() -> tuple[Any, ...]:
    import numpy as np

    return (np.zeros((1, 1)), np.zeros(()), np.float64(0), np.int64(0), np.bool_(False))


#: what an operand of each kind may be, when only its kind is known: a Python number, or a
#: NumPy array or scalar of any kind of number
_MAY_BE: dict[str, Any] = {"number": lambda: (0, 0.0, False), "array": _numpy_values}


#: kinds of operands that are never a class
_NO_CLASS = frozenset({"none", "number", "str", "list", "tuple", "array", "dict"})


def object_builtin(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """``getattr``, ``setattr``, ``hasattr``, ``delattr``, ``vars``, ``super``,
    ``isinstance`` and ``dict``."""
    if name == "isinstance":
        if len(node.args) == 2 and not kwargs and args:
            return number(_isinstance(args[0], node.args[1]))
        return number()
    if name == "issubclass":
        if len(args) == 2 and not kwargs and args[0].kind in _NO_CLASS:
            # issubclass(exc_type, ValueError) in an __exit__ the body left without an error
            shown, said = w.source(node.args[0]), describe(args[0])
            shown = shown if shown == said else f"{shown}, {said}"
            raise _refuse(
                w,
                node,
                f"issubclass() needs a class as its first argument, and is given {shown} "
                "(Python raises a TypeError: issubclass() arg 1 must be a class)",
                "TypeError",
            )
        return w.cannot(node)
    if name == "super":
        if args and not (len(args) == 2 and args[0].kind == "class"):
            return w.cannot(node)
        host = host_of(w)
        found = (
            None
            if host is None
            else host.super_of(args[0].value if args else None, args[1] if args else None)
        )
        return found or w.cannot(node, "a super() shapekit cannot follow")
    if name == "dict":
        given = args[0] if len(args) == 1 else None
        if given is not None and given.kind == "dict" and _followed(given):
            # dict(d): a new dict holding the same values (an array in it is d's array)
            return new_dict(w, {**given.value.attrs, **kwargs})
        if args:
            return w.cannot(node)
        return new_dict(w, dict(kwargs))
    target = args[0] if args else None
    if (
        name == "hasattr"
        and len(args) == 2
        and target is not None
        and target.kind == "module"
        and target.name.startswith("numpy")
        and args[1].kind == "str"
        and isinstance(args[1].value, str)
    ):  # hasattr(np, "float"): what the installed NumPy has
        from shapekit.engine._access import _numpy_has

        return number(_numpy_has(target.name, args[1].value))
    if name == "hasattr" and len(args) == 2 and target is not None and target.kind in _PLAIN:
        attr = args[1].value if args[1].kind == "str" else None
        if isinstance(attr, str):  # hasattr(a_list, "shape"): what Python's types have
            return number(hasattr(_PLAIN[target.kind], attr))
    if name == "hasattr" and len(args) == 2 and target is not None:
        attr = args[1].value if args[1].kind == "str" else None
        if isinstance(attr, str) and target.kind in ("number", "array"):
            # hasattr(noise, "shape") of np.random.randn(), a Python float: what every kind
            # of value the operand may be has (a Python number's own kind when known)
            samples = (
                [target.value]
                if target.kind == "number" and target.value is not None
                else _like(target) or _MAY_BE[target.kind]()
            )
            try:  # (hasattr lets any error but an AttributeError through: x.mT of a vector)
                has = {hasattr(v, attr) for v in samples}
            except Exception as error:
                if len(samples) > 1:
                    return w.cannot(node, "whose attribute may raise when read")
                raise w.refuse(
                    node,
                    "attribute",
                    f"reading .{attr} of {w.source(node.args[0])} raises, and hasattr() lets "
                    f"every error but an AttributeError through (Python raises "
                    f"{type(error).__name__}: {error})",
                    raises=type(error).__name__,
                ) from None
            if len(has) == 1:
                return number(has.pop())
    if name == "setattr" and target is not None and target.kind == "array" and len(args) == 3:
        # setattr(x, "shape", (3, 4)) is x.shape = (3, 4); another name, or one not known,
        # may change its shape (dtype): not followed
        host = host_of(w)
        written = args[1].value if args[1].kind == "str" else None
        if (
            host is not None
            and written in ("shape", "dtype")
            and isinstance(node.args[0], ast.Name)
        ):
            at = ast.copy_location(ast.Attribute(node.args[0], written, ast.Store()), node)
            host.assign_attribute(at, args[2])
        elif host is not None and not isinstance(written, str):
            why = f"`{w.short(node)}` at {w.where(node)}"
            host.reshaped_everywhere(target, unknown(why), why)
        return from_python(None)
    if (
        name == "setattr"
        and target is not None
        and target.kind == "module"
        and target.value is not None
        and len(args) == 3
        and isinstance(node.args[0], ast.Name)
    ):  # setattr(config, "N", 3) of a module of the file's: config.N = 3
        host = host_of(w)
        written = args[1].value if args[1].kind == "str" else None
        if host is not None and isinstance(written, str) and written.isidentifier():
            at = ast.copy_location(ast.Attribute(node.args[0], written, ast.Store()), node)
            host.assign_attribute(at, args[2])
            return from_python(None)
        return w.cannot(node)
    if name == "setattr" and (target is None or target.kind in ("unknown", "module")):
        # setattr(sys.modules[__name__], "w", …): a name of the module, perhaps, made as the
        # file runs (that one, or any when the name is not known)
        at_run_time = getattr(w.host, "made_at_run_time", None)
        known, attr = _key(args[1]) if len(args) > 1 else (False, None)
        if at_run_time is not None and not w.dry:
            at_run_time(node, "setattr", {attr} if known and isinstance(attr, str) else None)
        return w.cannot(node)
    if target is None or target.kind not in ("instance", "class"):
        return w.cannot(node)
    known, attr = _key(args[1]) if len(args) > 1 else (False, None)
    if name == "vars" and target.kind == "instance" and getattr(node, "shapekit_reads_only", False):
        own: Namespace = target.value  # vars(self).values(), only read: what it holds now
        if not own.dynamic:
            return new_dict(w, {k: v for k, v in own.attrs.items() if isinstance(k, str)})
    if name in ("setattr", "delattr", "vars") or not known or not isinstance(attr, str):
        host = host_of(w)
        if host is not None and name in ("setattr", "delattr", "vars"):
            space: Namespace = target.value if target.kind == "instance" else target.value.space
            if name == "setattr" and known and isinstance(attr, str) and len(args) == 3:
                host.put(space, attr, args[2])
                return from_python(None)
            host.escape([target], f"`{w.short(node)}` at {w.where(node)}")
        return w.cannot(node)
    from shapekit.engine._expressions import Refused

    if name == "hasattr" or len(args) == 3:
        klass = target.value.cls if target.kind == "instance" else target.value
        held = klass.lookup(attr) if isinstance(klass, ClassInfo) else None
        if held is not None and held.kind in ("property", "cached_property", "unknown"):
            # its getter runs, and an AttributeError it raises is what hasattr() and
            # getattr(…, default) catch: not followed
            return w.cannot(node, "a property read by hasattr() or getattr() with a default")
    read = ast.copy_location(ast.Attribute(value=node.args[0], attr=attr, ctx=ast.Load()), node)
    try:
        found = object_attribute(w, read, target)
    except Refused:  # an attribute the object certainly lacks
        if name == "hasattr":
            return number(False)
        if len(args) == 3:
            return args[2]
        raise
    if name == "hasattr":
        return number(True) if found.kind != "unknown" else number()
    return found


__all__ = [
    "ClassInfo",
    "FunctionInfo",
    "Namespace",
    "bound",
    "dict_method",
    "host_of",
    "new_dict",
    "object_attribute",
    "object_builtin",
    "object_item",
    "settled",
]
