"""``argparse`` as a file run without arguments (``python main.py``) sees it: each option's
default, read off the ``add_argument`` calls that certainly run before ``parse_args()``.

A parser is an :class:`Operand` of kind ``"other"`` holding its :class:`Parser` record, which
its ``add_argument`` and ``set_defaults`` calls fill in as they are followed. Whatever
shapekit cannot be sure of spoils the record, and ``parse_args()`` is then unknown, with the
reason: an argument added on a path that may not run, or by code not followed (the parser
handed to another library), a required argument (running the file without arguments
exits), options of ``add_argument`` not followed, a notebook (whose kernel passes its own
arguments), or arguments given to ``parse_args`` itself.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shapekit.engine._objects import ClassInfo, Namespace, host_of
from shapekit.engine._operands import Operand, from_python, items_of, sequence, unknown

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

__all__ = ["PARSER", "Parser", "new_parser", "parser_method", "spoil_parsers"]

PARSER = "argparse.ArgumentParser"
#: ArgumentParser's keywords that change nothing a run without arguments reads
_PARSER_KEYWORDS = frozenset(
    {"prog", "usage", "description", "epilog", "formatter_class", "add_help", "allow_abbrev",
     "exit_on_error", "prefix_chars"}
)  # fmt: skip
#: add_argument's keywords that are followed
_ARGUMENT_KEYWORDS = frozenset(
    {"dest", "type", "default", "help", "action", "required", "metavar", "nargs", "choices",
     "const"}
)  # fmt: skip
#: the types whose conversion of a default given as text is followed
_TYPES = {"builtins.int": int, "builtins.float": float, "builtins.str": str}


@dataclass(eq=False)
class Action:
    """One argument added: where its value goes, its default, how text is converted."""

    dest: str
    default: Operand
    #: what converts a default given as text (argparse's type=), None: kept as text
    convert: type | None
    #: whether argparse converts a default given as text (not for a positional nargs="*")
    converts: bool = True


@dataclass(eq=False)
class Parser:
    """What the ``add_argument`` and ``set_defaults`` calls followed so far made."""

    actions: list[Action] = field(default_factory=list)
    #: the option strings taken (argparse refuses one given twice)
    options: set[str] = field(default_factory=set)
    #: what ``set_defaults`` gave
    defaults: dict[str, Operand] = field(default_factory=dict)
    #: why the namespace cannot be known (None while it can)
    spoiled: str | None = None


#: the words of a line that may reach sys.argv (read, or set before the parser reads it):
#: ``sys`` and ``argv`` on one line (``sys.argv``, ``from sys import argv``, ``import sys as
#: s; s.argv`` written on one line …)
_SYS = re.compile(r"\bsys\b")
_ARGV = re.compile(r"\bargv")


def _reaches_argv(text: str) -> bool:
    """Whether a line of ``text`` names both ``sys`` and ``argv`` (each line searched a
    bounded number of times: no backtracking across a long line)."""
    return any(
        "sys" in line and _ARGV.search(line) and _SYS.search(line)
        for line in text.splitlines()
        if "argv" in line
    )


def new_parser(
    w: Walker, node: ast.Call, args: list[Operand], kwargs: dict[str, Operand]
) -> Operand:
    """``argparse.ArgumentParser(...)``: a parser with no argument yet."""
    record = Parser()
    if len(args) > 3 or set(kwargs) - _PARSER_KEYWORDS:
        record.spoiled = f"`{w.short(node)}` at {w.where(node)}, whose options are not followed"
    prefix = kwargs.get("prefix_chars")
    if prefix is not None and not (prefix.kind == "str" and prefix.value == "-"):
        record.spoiled = f"`{w.short(node)}` at {w.where(node)}, with prefix_chars= not followed"
    return Operand("other", name=PARSER, value=record, node=node)


def spoil_parsers(handed: list[Operand], why: str) -> None:
    """Parsers given to code that is not followed, which may add arguments to them."""
    for operand in handed:
        if operand.kind == "other" and operand.name == PARSER and operand.value.spoiled is None:
            operand.value.spoiled = why


def parser_method(
    w: Walker,
    node: ast.Call,
    name: str,
    receiver: Operand,
    args: list[Operand],
    kwargs: dict[str, Operand],
) -> Operand:
    """A call of a parser's method: ``add_argument``, ``set_defaults``, ``parse_args``,
    ``parse_known_args``; any other (a group, subparsers …) spoils the parser."""
    record: Parser = receiver.value
    said = f"`{w.short(node)}` at {w.where(node)}"
    if name in ("parse_args", "parse_known_args"):
        return _parsed(w, node, name, record, args, kwargs)
    host = host_of(w)
    if host is None:  # a dry walk (a fix tried out): it changes nothing
        return unknown(f"{said}, not followed")
    if name not in ("add_argument", "set_defaults"):
        record.spoiled = record.spoiled or f"{said}, which shapekit does not follow"
        return unknown(f"{said}, which shapekit does not follow")
    every_path = getattr(host, "on_every_path", None)
    if every_path is None or not every_path():
        record.spoiled = record.spoiled or f"{said}, which may not run"
        return unknown(f"{said}, not followed")
    if name == "set_defaults":  # the parser's own defaults, and its arguments' from now on
        if args:
            record.spoiled = record.spoiled or f"{said}, not followed"
        record.defaults.update(kwargs)
        for action in record.actions:
            if action.dest in kwargs:
                action.default = kwargs[action.dest]
        return from_python(None)
    why = _added(record, args, kwargs)
    if why is not None:
        record.spoiled = record.spoiled or f"{said}, {why}"
    return unknown(f"the action {said} makes, not followed")


def _added(record: Parser, args: list[Operand], kwargs: dict[str, Operand]) -> str | None:
    """Add the argument to ``record``; why it is not followed, or None."""
    flags = [a.value for a in args if a.kind == "str" and isinstance(a.value, str)]
    if not flags or len(flags) != len(args) or set(kwargs) - _ARGUMENT_KEYWORDS:
        return "an argument whose options are not followed"
    if any(flag in record.options for flag in flags):
        return "an option given twice (argparse raises an ArgumentError)"
    record.options.update(flags)
    action = kwargs.get("action")
    said = "store" if action is None else action.value if action.kind == "str" else None
    nargs = kwargs.get("nargs")
    required = kwargs.get("required")
    if required is not None and not (required.kind == "number" and required.value is False):
        return "a required argument (running the file without arguments stops there)"
    dest_given = kwargs.get("dest")
    positional = not flags[0].startswith("-")
    if positional:  # required unless nargs says it may be left out
        optional = nargs is not None and nargs.kind == "str" and nargs.value in ("?", "*")
        if len(flags) != 1 or dest_given is not None or not optional:
            return "a positional argument (running the file without arguments stops there)"
        dest = flags[0]
    elif dest_given is not None:
        if dest_given.kind != "str" or not isinstance(dest_given.value, str):
            return "a dest= not followed"
        dest = dest_given.value
    else:
        if any(not flag.startswith("-") for flag in flags):
            return "options not followed"
        long = next((f for f in flags if f.startswith("--")), flags[0])
        dest = long.lstrip("-").replace("-", "_")
    if said in ("help", "version"):
        return None  # no attribute of its own
    if said not in ("store", "store_const", "store_true", "store_false", "count", "append",
                    "extend"):  # fmt: skip
        return "an action= not followed"
    if "type" in kwargs and said in ("store_const", "store_true", "store_false", "count"):
        return "a type= its action does not take (argparse raises a TypeError)"
    if positional and "choices" in kwargs:
        return "a positional argument with choices (its default is checked against them)"
    # the default: written, else the parser's own (set_defaults before), else the action's
    default = kwargs.get("default") or record.defaults.get(dest)
    if default is None:
        default = (
            from_python(said == "store_false")
            if said in ("store_true", "store_false")
            else from_python(None)
        )
    kind = kwargs.get("type")
    convert = None
    if kind is not None:
        convert = _TYPES.get(kind.name or "") if kind.kind == "function" else None
        if convert is None:
            convert = _UNFOLLOWED
    star = positional and nargs is not None and nargs.value == "*"
    if star and default.kind == "none":  # a positional nargs="*" left out: an empty list
        default = sequence("list", ())
    record.actions.append(Action(dest, default, convert, converts=not star))
    return None


#: a type= whose conversion of text is not followed
_UNFOLLOWED: Any = object()


def _parsed(
    w: Walker,
    node: ast.Call,
    name: str,
    record: Parser,
    args: list[Operand],
    kwargs: dict[str, Operand],
) -> Operand:
    """``parser.parse_args()`` of a file run without arguments: a namespace of the defaults
    (``parse_known_args()``: it and the empty list of what is left)."""
    said = f"`{w.short(node)}` at {w.where(node)}"
    given = args[0] if args else kwargs.get("args")
    if len(args) > 1 or set(kwargs) - {"args"}:  # parse_args(namespace=cfg) fills cfg
        objects = host_of(w)
        if objects is not None:
            objects.escape([*args, *kwargs.values()], said)
        return unknown(f"{said}, with arguments not followed")
    if given is not None and given.kind != "none":
        items = items_of(given) if given.kind in ("list", "tuple") else None
        if items is None or items:
            return unknown(f"{said}, which reads the arguments it is given (not followed)")
    elif w.cell is not None:
        return unknown(f"{said}, which reads the arguments of the notebook's kernel, not followed")
    elif "argv" in w.text and _reaches_argv(w.text):  # sys.argv = ["x", "--n", "4"]
        # before it: what it reads then (a parameter named argv is not sys.argv)
        return unknown(f"{said}, in a file that reads or sets sys.argv (not followed)")
    if record.spoiled is not None:
        return unknown(f"{said}, from a parser with {record.spoiled}")
    # as argparse fills it: each argument's default (the first for a dest given twice),
    # text converted by its type=, then the parser's own defaults for any other dest
    values: dict[str, Operand] = {}
    for action in record.actions:
        if action.dest in values:
            continue
        value = action.default
        if value.kind == "str" and action.converts and action.convert is not None:
            if action.convert is _UNFOLLOWED or not isinstance(value.value, str):
                return unknown(f"{said}, a default given as text converted by a type= not followed")
            try:
                value = from_python(action.convert(value.value))
            except ValueError:
                return unknown(
                    f"{said}, a default its type= cannot convert (argparse stops the file)"
                )
        values[action.dest] = value
    for dest, value in record.defaults.items():
        values.setdefault(dest, value)
    # every attribute it has is known: another is Python's AttributeError
    space = Namespace("instance", values, cls=_NAMESPACE)
    namespace = Operand("instance", name="Namespace", value=space)
    if name == "parse_known_args":
        return sequence("tuple", (namespace, sequence("list", ())))
    return namespace


_NAMESPACE = ClassInfo(
    "argparse.Namespace",
    ast.ClassDef(name="Namespace", bases=[], keywords=[], body=[ast.Pass()], decorator_list=[]),
    None,
    Namespace("class", {}),
)
# a Namespace's own methods (vars(args) and args._get_kwargs() list what it holds)
for _method in ("_get_kwargs", "_get_args"):
    _NAMESPACE.space.attrs[_method] = unknown(f"argparse's Namespace.{_method}(), not followed")
