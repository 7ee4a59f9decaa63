"""Files the program writes and reads back: ``np.save("w.npy", W)`` then ``np.load("w.npy")``,
``np.savetxt``/``np.loadtxt``, ``json.dump(params, f)``/``json.load(f)``.

Running the file reads what it saved, not the copy on disk (which may be left from an older
run), so the readers of :mod:`shapekit.engine._datafiles` do not read such a file. What was
saved is known when the writing call runs for certain, once, with what it writes known, and
is the only call of the program that may write that file: then reading it gives what NumPy
or json gives back for it, worked out here on the values (or on stand-ins of their shape)
in memory. Anything else stays unknown, as before.
"""

from __future__ import annotations

import ast
import io
import json
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from shapekit.engine._operands import (
    KIND_LETTERS,
    Operand,
    array,
    array_shape,
    array_value,
    size,
)

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

#: the writers followed, by their name, and what reads back what each writes
SAVERS = frozenset(
    {"numpy.save", "numpy.savetxt", "json.dump", "numpy.savez", "numpy.savez_compressed"}
)
#: the readers of what each writer writes
READ_BACK = {
    "numpy.save": "numpy.load", "numpy.savetxt": "numpy.loadtxt", "json.dump": "json.load",
    "numpy.savez": "numpy.load", "numpy.savez_compressed": "numpy.load",
    "pathlib.write_text": "json.load",
}  # fmt: skip
#: the archives of arrays, each saved under its keyword (or ``arr_0``, … by place)
_ARCHIVERS = frozenset({"numpy.savez", "numpy.savez_compressed"})
#: the keywords followed (numbers and text written out) of each writer and reader
_WRITER_OPTIONS = {
    "pathlib.write_text": frozenset(),
    "numpy.savez": frozenset(),
    "numpy.savez_compressed": frozenset(),
    "numpy.save": frozenset({"allow_pickle"}),
    "numpy.savetxt": frozenset({"delimiter", "fmt", "header", "footer", "comments", "newline"}),
    "json.dump": frozenset({"indent", "sort_keys", "separators"}),
}
_READER_OPTIONS = {
    "numpy.load": frozenset({"allow_pickle"}),
    "numpy.loadtxt": frozenset({"delimiter", "skiprows", "comments", "ndmin", "usecols"}),
    "numpy.genfromtxt": frozenset({"delimiter", "skip_header", "comments"}),
    "json.load": frozenset(),
}
#: most elements saved that are read back
_MOST = 100_000


@dataclass
class Saved:
    """What a writing call put in a file: the call, its name, the value and its options."""

    call: ast.Call
    name: str
    value: Operand
    options: dict[str, Any]
    #: the ``with open(…) as f`` whose end writes the text (a read inside it finds the file
    #: not yet written); None when written at once
    pending: ast.With | None = None


def _constant(operand: Operand) -> tuple[bool, Any]:
    """Whether ``operand`` is a number, text, None or a tuple of them written out, and it."""
    if operand.kind in ("number", "str") and operand.value is not None:
        return True, operand.value
    if operand.kind == "none":
        return True, None
    if operand.kind == "tuple" and operand.items is not None:
        found = [_constant(item) for item in operand.items]
        if all(ok for ok, _ in found):
            return True, tuple(value for _, value in found)
    return False, None


def _options(given: dict[str, Operand], allowed: frozenset[str]) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for key, held in given.items():
        ok, value = _constant(held)
        if key not in allowed or not ok:
            return None
        out[key] = value
    return out


def json_value(operand: Operand, depth: int = 0) -> tuple[bool, Any]:
    """Whether ``operand`` is a value json writes (numbers, text, None, lists and dicts of
    them) whose every part is known, and that value as Python's."""
    if depth > 32:
        return False, None
    if operand.kind == "number" and type(operand.value) in (int, float, bool):
        return True, operand.value
    if operand.kind == "str" and isinstance(operand.value, str):
        return True, operand.value
    if operand.kind == "none":
        return True, None
    if operand.kind in ("list", "tuple"):
        if operand.items is None:
            value = operand.value
            return (True, list(value)) if isinstance(value, (list, tuple)) else (False, None)
        items = [json_value(item, depth + 1) for item in operand.items]
        return (all(ok for ok, _ in items), [value for _, value in items])
    if operand.kind == "dict" and operand.value is not None and not operand.value.dynamic:
        out: dict[Any, Any] = {}
        for key, held in operand.value.attrs.items():
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                return False, None
            ok, value = json_value(held, depth + 1)
            if not ok:
                return False, None
            out[key] = value
        return True, out
    return False, None


def record(
    w: Walker, node: ast.Call, name: str, args: list[Operand], kwargs: dict[str, Operand]
) -> None:
    """``np.save(path, x)``, ``np.savetxt(path, x, …)`` or ``json.dump(obj, f)`` running for
    certain (not in a branch or a loop, nor a function never called): what the file holds.
    Run where that is not known, what it wrote before is forgotten."""
    host: Any = w.host
    if w.dry or getattr(host, "hypothetical", False):
        return
    call: ast.Call | None = node
    pending = None
    if name == "json.dump":  # the open(path, "w") whose file it writes
        handle = node.args[1] if len(node.args) > 1 else None
        call, pending = _opened_by(w, handle, node) if handle is not None else (None, None)
        if call is None:
            return
    saved = host.__dict__.setdefault("saved_files", {})
    saved.pop(id(call), None)
    reached = getattr(host, "certainly_reached", None)
    if (
        getattr(host, "journaling", False)
        or getattr(host, "loop_depth", 0)
        or reached is None
        or not reached()
        or any(isinstance(a, ast.Starred) for a in node.args)
        or any(k.arg is None for k in node.keywords)
    ):
        return
    if name in _ARCHIVERS:  # np.savez("m.npz", W=W, b=b): its arrays, by name
        if not args:
            return
        named = {f"arr_{i}": a for i, a in enumerate(args[1:])}
        if kwargs.keys() & named.keys() or any(
            a.kind != "array" or not isinstance(array_shape(a), tuple)
            for a in (*named.values(), *kwargs.values())
        ):
            return
        archive = Operand("other", value={**named, **kwargs})
        saved[id(call)] = Saved(call, name, archive, {})  # type: ignore[arg-type]
        return
    value = args[1] if len(args) > 1 else None
    rest = args[2:]
    if name == "json.dump" and value is not None:
        value, rest = args[0], args[2:]
    options = _options(kwargs, _WRITER_OPTIONS[name])
    if value is None or rest or options is None:
        return
    if name == "json.dump":  # its text as it is now (the dict may change after)
        known, python = json_value(value)
        try:
            text = json.dumps(python, **options) if known else None
        except (TypeError, ValueError, RecursionError):
            text = None
        if text is None:
            return
        value = Operand("str", value=text)
    saved[id(call)] = Saved(call, name, value, options, pending)  # type: ignore[arg-type]


def _is_open(node: ast.AST) -> bool:
    """Whether ``node`` is ``open(path, "w")`` (text, from the start: not appended to)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return False
    if node.func.id != "open" or len(node.args) > 2:
        return False
    mode = node.args[1] if len(node.args) > 1 else None
    for keyword in node.keywords:
        if keyword.arg == "mode":
            mode = keyword.value
        elif keyword.arg not in ("encoding", "newline"):
            return False
    return isinstance(mode, ast.Constant) and mode.value in ("w", "wt", "tw")


def _opened_by(
    w: Walker, handle: ast.expr, dump: ast.Call
) -> tuple[ast.Call | None, ast.With | None]:
    """The ``open(…)`` call the file ``handle`` is: itself, or the ``with open(…) as f``
    whose body holds ``dump`` and uses ``f`` nowhere else (its text is then written when the
    ``with`` ends: that ``with`` too)."""
    if _is_open(handle):
        return handle, None  # type: ignore[return-value]
    if not isinstance(handle, ast.Name):
        return None, None
    trees = getattr(w.host, "all_trees", None) or []
    for tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.With) or len(node.items) != 1:
                continue
            item = node.items[0]
            if not (
                isinstance(item.optional_vars, ast.Name)
                and item.optional_vars.id == handle.id
                and _is_open(item.context_expr)
            ):
                continue
            inside = [n for b in node.body for n in ast.walk(b)]
            if not any(n is dump for n in inside):
                continue
            used = [n for n in inside if isinstance(n, ast.Name) and n.id == handle.id]
            if used != [handle]:
                return None, None
            return item.context_expr, node  # type: ignore[return-value]
    return None, None  # (f = open(…): its text is written only once it is closed or flushed)


def read_back(
    w: Walker, node: ast.Call, reader: str, written_by: ast.AST | None, kwargs: dict[str, Operand]
) -> Operand | None:
    """What ``reader`` (``np.load`` …) gives reading back the file the call ``written_by``
    wrote, when what that call wrote is known (see :func:`record`); None otherwise."""
    saved = getattr(w.host, "saved_files", {}).get(id(written_by)) if written_by else None
    if saved is None or saved.call is not written_by:
        return None
    if saved.pending is not None and any(n is node for n in ast.walk(saved.pending)):
        return None  # read inside the `with` that writes it: not written yet
    if READ_BACK[saved.name] != reader and not (
        saved.name == "numpy.savetxt" and reader == "numpy.genfromtxt"
    ):
        return None
    options = _options(kwargs, _READER_OPTIONS[reader])
    if options is None:
        return None
    import numpy as np

    if saved.name in ("json.dump", "pathlib.write_text"):  # the text as it was written
        from shapekit.engine._datafiles import _json_text

        return _json_text(w, node, saved.value.value)
    if saved.name in _ARCHIVERS:
        return _archive(w, saved.value.value, getattr(saved.call, "lineno", node.lineno))
    shape = array_shape(saved.value)
    if not isinstance(shape, tuple) or size(shape) > _MOST:
        return None
    values = array_value(saved.value)
    known = values is not None
    if values is None:  # zeros stand in: the shape and the kind of numbers read back
        kind = saved.value.dtype
        if kind not in ("b", "i", "f"):
            return None
        values = np.zeros(shape, dtype={"b": bool, "i": np.int64, "f": np.float64}[kind])
    if values.dtype.kind not in "biuf":
        return None
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if saved.name == "numpy.save":
                found = np.array(values)
            else:
                buffer = io.StringIO()
                np.savetxt(buffer, values, **saved.options)
                buffer.seek(0)
                found = getattr(np, reader.removeprefix("numpy."))(buffer, **options)
        except Exception:  # (what NumPy refuses to write or read: not followed)
            return None
    found = np.asarray(found)
    if found.dtype.kind not in "biuf":
        return None
    kind = KIND_LETTERS[found.dtype.kind]
    return array(found.shape, found if known else None, kind)


def _archive(w: Walker, arrays: dict[str, Operand], line: int) -> Operand | None:
    """``np.load`` of what ``np.savez`` saved: an archive of those arrays, each as saved (a
    copy: what it holds now, whatever becomes of the array later), by name."""
    from shapekit.engine._objects import new_dict

    kept: dict[str, Operand] = {}
    for key, saved in arrays.items():
        shape = array_shape(saved)
        if not isinstance(shape, tuple) or saved.dtype not in ("b", "i", "f"):
            return None
        values = array_value(saved)
        kept[key] = array(shape, values, saved.dtype)
    archive = new_dict(w, kept)
    archive.value.attributes = f"an archive of NumPy's (saved at line {line})"
    return archive
