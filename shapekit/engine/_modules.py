"""The file's own modules: ``from data import inputs`` with ``data.py`` beside the file.

Python puts the folder of the script (or of a notebook's kernel) first on its path, so a
module written beside the submission is what ``import data`` finds. shapekit follows such a
module as it follows the file itself, without running it, and takes from it the values it
knows (arrays, numbers, lists, text). Its functions and classes are not carried over: they
belong to the module's own analysis. A module is followed at most :data:`MAX_IMPORT_DEPTH`
imports deep, never into a cycle, and only inside the submission's folder.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import stat
from dataclasses import dataclass, field, replace
from typing import Any

from shapekit.engine._datafiles import within_folder
from shapekit.engine._operands import Operand, unknown
from shapekit.errors import closest

#: how many imports deep the file's own modules are followed (main imports data, which
#: imports constants)
MAX_IMPORT_DEPTH = 5
#: how many of its own modules are followed for one file, in all
MAX_MODULES = 20
#: the largest module read, in bytes (as the largest file checked)
MAX_MODULE_BYTES = 1_000_000
_NO_ARGUMENTS = ast.arguments(
    posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]
)
#: what a module holds that is code, not data (a call never changes it)
CODE = frozenset({"userfunc", "class"})
#: the values carried from a module into the file importing it: data, and the module's
#: functions and classes (followed by the module's own interpreter when they are called)
_CARRIED = frozenset({"array", "number", "list", "tuple", "str", "none", "dict"}) | CODE


def module_path(host_file: str | None, module: str) -> str | None:
    """The file of ``module`` beside ``host_file`` (``data.py``, ``data/__init__.py``;
    ``pkg.data`` is ``pkg/data.py``), inside its folder; None when there is none."""
    if not host_file or not module:
        return None
    parts = module.split(".")
    if not all(part.isidentifier() for part in parts):
        return None
    base = os.path.join(*parts)
    # a package (a folder with __init__.py) comes before a module of the same name
    for candidate in (os.path.join(base, "__init__.py"), base + ".py"):
        target = within_folder(host_file, candidate)
        try:
            if target is not None and stat.S_ISREG(os.stat(target).st_mode):
                return target
        except OSError:
            continue
    return None


@dataclass
class Module:
    """What one of the file's own modules ends with."""

    shown: str  # how messages name it (data.py)
    values: dict[str, Operand]  # the value each name ends with, as shapekit follows it
    #: every name its top level binds, when that is certain (None: it may bind names
    #: shapekit does not see, with a star import, globals(), exec or a module __getattr__)
    bound: frozenset[str] | None
    #: the module's interpreter, kept open to follow calls of its functions and classes
    host: Any = field(default=None, repr=False)
    #: why what it holds may have changed since it was imported (a call of one of its
    #: functions that may change things): its values are unknown from then on
    changed: str | None = None
    #: the names ``from module import *`` binds, when its ``__all__`` lists them
    exported: frozenset[str] | None = None
    #: whether it sets ``__all__`` in a way not followed (in a branch, by a comprehension):
    #: which names a star import binds is then not known
    exports_unknown: bool = False


class Failing(str):
    """Why a module's names are not known when running it certainly fails: the message,
    with the exception it raises (``raises``) and where (``line``)."""

    raises: str | None = None
    line: int = 0
    problem: str = ""


class Exiting(str):
    """Why a module's names are not known when running it certainly ends the program (an
    exit with status 0 at its top level: ``sys.exit(0)``): the import ends it too, at
    ``line`` of the module."""

    line: int = 0


class Reaching(str):
    """Why a module's names are not known when its code reaches into other modules or into
    the file importing it (``sys.modules``, ``builtins``, ``__main__``, frames …): then any
    name of the importing file may be bound by it, and ``patches`` says whether it sets
    attributes of NumPy's (``np.FEATURES = 4``)."""

    patches: bool = False
    #: whether it may replace Python's builtins (``builtins.len = …``): see BUILTINS_REPLACED
    replaces_builtins: bool = False


#: what may replace Python's builtins for every module (``builtins.len = f``,
#: ``setattr(builtins, "len", f)``, ``__builtins__.len = f``): the module builtins reached at
#: all (it is rarely imported to do anything else)
BUILTINS_REPLACED = re.compile(
    r"\bimport\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*builtins\b|\bfrom\s+builtins\s+import\b"
    r"|__builtins__|['\"]builtins['\"]"
)
#: an attribute of NumPy's set (``np.FEATURES = 4``), and one set by name on another object
_NUMPY_SET = r"(?:\A|(?<=\n)|(?<=;))[ \t]*(?:np|numpy)(?:\s*\.\s*\w+)+\s*(?:[-+*/|&]?=)(?!=)"
# (at the start of a statement: `W: np.ndarray = None` annotates W, it sets nothing of NumPy's)
_SET_BY_NAME = r"\bsetattr\s*\((?!\s*self\b)"
#: what reaches past a module into others, or into the module importing it: where Python
#: finds modules and what it keeps of them, the names every module sees, the importing
#: module itself, namespaces and frames, NumPy's attributes
REACHING = re.compile(
    r"\bsys\s*\.\s*(?:path|modules|meta_path|path_hooks)\b|from\s+sys\s+import[^\n]*\b(?:path|modules)\b"
    r"|\bimportlib\b|__import__|\bimport\s+builtins\b|\bbuiltins\s*\.|\bfrom\s+builtins\b"
    r"|__builtins__|\bimport\s+__main__|__main__\s*\.|(?<!self\.)__dict__"
    r"|\bvars\s*\((?!\s*self\b)|_getframe|\bimport\s+inspect\b|\binspect\s*\.|f_globals|__globals__"
    rf"|\bglobals\s*\(|{_NUMPY_SET}"
)
#: the same in a module the file imports, where an attribute set by name may be another
#: module's (the file's own ``setattr(config, "N", 3)`` is followed)
REACHING_FROM_MODULE = re.compile(f"{REACHING.pattern}|{_SET_BY_NAME}")
#: what may set attributes of NumPy's (``np.FEATURES = 4``, ``numpy.N = …``, by name)
_PATCHING = re.compile(f"{_NUMPY_SET}|{_SET_BY_NAME}")


def _unchecked_cache(path: str) -> bool:
    """Whether ``__pycache__`` beside the module at ``path`` holds a compiled copy Python
    imports without checking it against the source (a hash-based ``.pyc`` marked
    unchecked, PEP 552): what runs is that copy, not the text shapekit reads."""
    folder, name = os.path.split(path)
    stem = name[: -len(".py")] if name.endswith(".py") else name
    try:
        cached = [
            f for f in os.listdir(os.path.join(folder, "__pycache__")) if f.startswith(stem + ".")
        ]
    except OSError:
        return False
    for found in cached[:8]:
        try:
            with open(os.path.join(folder, "__pycache__", found), "rb") as handle:
                head = handle.read(8)
        except OSError:
            continue
        if len(head) == 8 and int.from_bytes(head[4:8], "little") & 0b11 == 0b01:
            return True
    return False


def module_names(
    path: str, module: str, importing: tuple[str, ...], modules: dict[str, Any]
) -> Module | str:
    """The values the module at ``path`` ends with, by name, or why they are not known.
    ``modules`` is what the check has found of each module so far (shared by the modules
    it follows, so each is followed once, and at most :data:`MAX_MODULES` in all)."""
    from shapekit.engine._host import _binds_unseen, local_names
    from shapekit.engine._statements import _raised
    from shapekit.engine.program import Bindings, analyse, parse_cell
    from shapekit.errors import InputError

    shown = os.path.basename(path) if not path.endswith("__init__.py") else module
    if len(modules) >= MAX_MODULES:
        return f"`{module}`, one module more than the {MAX_MODULES} shapekit follows for a file"
    if _unchecked_cache(path):
        return f"{shown}, whose compiled copy in __pycache__ Python runs without reading it"
    try:
        if os.path.getsize(path) > MAX_MODULE_BYTES:
            return f"{shown}, which is larger than shapekit reads"
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError, ValueError):
        return f"{shown}, which shapekit cannot read"
    if REACHING_FROM_MODULE.search(text):
        reaching = Reaching(
            f"{shown}, whose code reaches into other modules or into the file importing it "
            "(sys.modules, builtins, __main__, frames …), which shapekit does not follow"
        )
        reaching.patches = bool(_PATCHING.search(text))
        reaching.replaces_builtins = bool(BUILTINS_REPLACED.search(text))
        return reaching
    try:
        tree = parse_cell(text, path, None)
        if _imports_back(tree, path, (*importing, path)):
            # Python would run a module of the cycle a second time, half done: not followed
            return f"{shown}, which imports a file that imports it (a cycle)"
        program = analyse(
            [(None, text, tree)],
            file=path,
            fixes=False,
            importing=importing,
            modules=modules,
            keep_open=True,
            module_name=module,
        )
    except InputError:
        return f"{shown}, which has a syntax error (importing it fails)"
    exited = getattr(program.host, "exited", None)
    if exited is not None and not program.problems:
        program.host.close()
        exiting = Exiting(f"{shown}, which ends the program when it runs (line {exited})")
        exiting.line = exited
        return exiting
    if program.problems:
        program.host.close()
        first = program.problems[0]
        said = f"{shown}, which fails when it runs (line {first.line}: {first.message})"
        if not first.certain or first.past is not None:
            return said
        failing = Failing(said)  # running it certainly stops there: so does the import
        failing.raises = _raised(first.error)
        failing.line, failing.problem = first.line, first.message
        return failing
    found: dict[str, Operand] = {}
    names = program.names
    if isinstance(names, Bindings):
        for name in names:
            value = names.operand(name)
            if value is not None:
                found[name] = value
    for name, value in program.host.module.names.items():  # its functions and classes
        if value.kind in CODE or (value.kind == "unknown" and value.name == "decorated"):
            found.setdefault(name, value)
    bound = None
    module_getattr = any(
        isinstance(s, ast.FunctionDef) and s.name == "__getattr__" for s in tree.body
    )
    if not module_getattr and not _binds_unseen(tree):
        # the names bound anywhere at its top level (as a function's locals are found)
        whole = ast.FunctionDef(
            name="<module>", args=_NO_ARGUMENTS, body=tree.body, decorator_list=[]
        )
        bound = local_names(whole, ":=" in text)
    exported = _exported(tree)
    return Module(
        shown,
        found,
        bound,
        host=program.host,
        exported=exported,
        exports_unknown=exported is None and "__all__" in text,
    )


def _exported(tree: ast.Module) -> frozenset[str] | None:
    """The names of a module's ``__all__``, when its top level sets it once, to a list or
    tuple of names written out (and nothing changes it: ``__all__.extend``); None otherwise."""
    settings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "__all__":
            return None  # __all__.extend([...]), __all__.append(...)
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in targets
        ):
            settings.append(node)
    if len(settings) != 1 or settings[0] not in tree.body:
        return None
    value = settings[0].value
    if not isinstance(value, (ast.List, ast.Tuple)) or not all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return None
    return frozenset(e.value for e in value.elts)  # type: ignore[attr-defined]


def _slipped_submodule(host_file: str | None, module: str) -> str | None:
    """For ``nnlib.op`` where ``nnlib`` is a package beside the file with no module ``op``
    (and whose ``__init__.py`` does not touch the import machinery): its module of the
    closest name (``nnlib.ops``); else None."""
    parts = module.split(".")
    for depth in range(1, len(parts)):
        package = module_path(host_file, ".".join(parts[:depth]))
        if package is None or not package.endswith("__init__.py"):
            return None
        try:
            with open(package, encoding="utf-8") as handle:
                text = handle.read(MAX_MODULE_BYTES)
        except (OSError, UnicodeDecodeError):
            return None
        if "sys.modules" in text or "__path__" in text or "importlib" in text:
            return None
        if module_path(host_file, ".".join(parts[: depth + 1])) is not None:
            continue
        folder = os.path.dirname(package)
        with contextlib.suppress(OSError):
            listed = sorted(os.listdir(folder))[:1000]
            siblings = [
                name.removesuffix(".py")
                for name in listed
                if module_path(host_file, ".".join([*parts[:depth], name.removesuffix(".py")]))
            ]
            close = closest(parts[depth], siblings)
            if close:
                return ".".join([*parts[:depth], close])
        return None
    return None


def slipped_module(host_file: str | None, module: str) -> str | None:
    """For a module that Python would not find (``from dataa import inputs``) and whose
    name is one slip of the keyboard from a module beside the file (``data.py``) or from
    NumPy: that name (the import is then certainly a ModuleNotFoundError); else None."""
    import importlib.machinery
    import sys

    top = module.split(".")[0]
    if not top.isidentifier() or top in sys.builtin_module_names or top in sys.modules:
        return None
    from shapekit.engine._host import _one_slip

    if "." in module:  # nnlib.op in a package of the file's own: one of its modules?
        return _slipped_submodule(host_file, module)

    names = {"numpy"}
    if host_file:
        with contextlib.suppress(OSError):
            listed = os.listdir(os.path.dirname(os.path.abspath(host_file)))[:1000]
            names.update(name.removesuffix(".py") for name in listed)
    # only a name one slip away is looked at on disk: a module (data.py) or a package
    close = sorted(
        name
        for name in names
        if _one_slip(top, name) and (name == "numpy" or module_path(host_file, name) is not None)
    )
    if not close or module_path(host_file, top) is not None:
        return None
    if importlib.machinery.PathFinder.find_spec(top) is not None:  # installed: it is found
        return None
    return close[0]


def _imports_back(tree: ast.Module, path: str, chain: tuple[str, ...]) -> bool:
    """Whether the module ``tree`` (at ``path``) imports one of the files in ``chain``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        if any(module_path(chain[0], name) in chain for name in names):  # (from sys.path[0])
            return True
    return False


def imported(found: Module | str, name: str, line: int) -> Operand:
    """The value ``name`` has in the module (unknown with the reason when it is not one
    shapekit carries over)."""
    if isinstance(found, str):
        return unknown(f"`{name}`, imported from {found} at line {line}")
    value: Any = found.values.get(name)
    shown = found.shown
    if found.changed is not None and (value is None or value.kind not in CODE):
        return unknown(f"`{name}` of {shown}, which {found.changed} may have changed")
    if value is None:
        return unknown(
            f"`{name}`, imported from {shown} at line {line}, which does not assign it at its "
            "top level as shapekit follows it"
        )
    if value.kind == "unknown":
        made = unknown(f"`{name}`, imported from {shown} at line {line}: {value.reason}")
        if value.name == "decorated":  # its def kept: what a @contextmanager suppresses
            made = replace(made, name=value.name, node=value.node)
        return made
    if value.kind not in _CARRIED:
        return unknown(
            f"`{name}`, imported from {shown} at line {line}: {value.kind} values are not "
            "followed from one file into another"
        )
    # where it is written belongs to the other file: the file checked places it at its import
    return replace(value, node=None, place=None)


__all__ = [
    "MAX_IMPORT_DEPTH",
    "MAX_MODULES",
    "Module",
    "imported",
    "module_names",
    "module_path",
    "slipped_module",
]
