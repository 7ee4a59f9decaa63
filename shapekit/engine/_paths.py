"""Paths of ``pathlib`` the interpreter follows: ``Path("data") / "weights.npy"`` as text.

A path is an operand of kind ``other`` named :data:`PATH` whose value is the path's text
(as ``str(path)`` gives it). Readers and ``open()`` take it as they take the same text; its
``parent``, ``name``, ``stem`` and ``suffix``, ``/``, ``with_suffix``, ``resolve()`` and
``open()`` are followed; anything else about it is not known.
"""

from __future__ import annotations

import ast
import os
import posixpath
from typing import TYPE_CHECKING

from shapekit.engine._operands import Operand, unknown

if TYPE_CHECKING:
    from shapekit.engine._expressions import Walker

#: the ``name`` of a path operand
PATH = "pathlib.Path"
#: pathlib's classes that make a path of this system's kind from text
PATH_CLASSES = frozenset(
    {"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath", "pathlib.PurePosixPath"}
)
#: a path's methods that give the same path (for the readers): as text, it is unchanged
_SAME = frozenset({"resolve", "absolute", "expanduser"})


def _split_suffix(name: str) -> tuple[str, str]:
    """A file name's stem and suffix, as pathlib splits them (``a.tar.gz``: ``a.tar`` and
    ``.gz``; ``.bashrc`` and ``a.``: itself and none; ``..a``: ``.`` and ``.a``)."""
    i = name.rfind(".")
    if 0 < i < len(name) - 1:
        return name[:i], name[i:]
    return name, ""


def _resolved(w: Walker, node: ast.Call, name: str, text: str) -> Operand:
    """``path.resolve()``, ``.absolute()`` (a relative path joined to the folder the file
    runs in, its own, as its data files are read) and ``.expanduser()`` (not followed for a
    path starting with ``~``)."""
    if name == "expanduser":
        return make_path(text) if not text.startswith("~") else w.cannot(node)
    if not posixpath.isabs(text):
        host_file = getattr(w.host, "data_root", None) or getattr(w.host, "file", None)
        if not host_file:
            return w.cannot(node)
        text = posixpath.join(os.path.dirname(os.path.abspath(host_file)), text)
    try:
        return make_path(os.path.realpath(text) if name == "resolve" else text)
    except (ValueError, OSError):  # text Python cannot encode as a path
        return w.cannot(node)


def run_folder(w: Walker) -> str | None:
    """The absolute folder of the file checked, which is where the grader runs it from only
    by chance: its text (``Path(__file__).parent.name``) is not known, only its files are."""
    host_file = getattr(w.host, "data_root", None) or getattr(w.host, "file", None)
    return os.path.dirname(os.path.abspath(str(host_file))) if host_file else None


def where_run(w: Walker, text: str) -> bool:
    """Whether the path ``text`` is the checked file's folder, one above it or one inside
    it (what ``__file__`` and ``resolve()`` make): a path whose text depends on where the
    file is put to run.

    >>> class _W:
    ...     class host:
    ...         file = "/srv/subs/ada/main.py"
    >>> [where_run(_W, t) for t in ("/srv/subs", "/srv/subs/ada/w.csv", "/usr/w.csv", "/")]
    [True, True, False, False]
    """
    folder = run_folder(w)
    if folder is None or not text.startswith("/") or text == "/":
        return False
    if folder == text or folder.startswith(text + "/") or text.startswith(folder + "/"):
        return True
    # beside it (os.path.abspath("../x")): under the same top folder, it may be made from it
    return text.split("/")[1] == folder.split("/")[1]


def run_text(w: Walker, path: Operand, what: str) -> Operand:
    """The text of ``path``, a path of the folder the file runs in: text whose value only
    running tells, which still names the same file to the readers (``open(str(p))``)."""
    return Operand("str", bound=path, reason=what)


def path_text(operand: Operand) -> str | None:
    """The text of a path, or of text given where a path goes; None when not known."""
    if operand.kind == "other" and operand.name == PATH and isinstance(operand.value, str):
        return operand.value
    if operand.kind == "str" and operand.value is None and operand.bound is not None:
        return path_text(operand.bound)  # str(Path(__file__).parent / "w.csv")
    if operand.kind == "str" and isinstance(operand.value, str):
        return operand.value
    return None


def make_path(text: str) -> Operand:
    """The path of ``text``, normalised as pathlib does (``a//b/./c/`` is ``a/b/c``)."""
    if not text:
        return Operand("other", value=".", name=PATH)
    head = "//" if text.startswith("//") and not text.startswith("///") else ""
    parts = [p for p in text.split("/") if p not in ("", ".")]
    shown = ("/" if text.startswith("/") and not head else head) + "/".join(parts)
    return Operand("other", value=shown or ".", name=PATH)


def new_path(w: Walker, node: ast.Call, args: list[Operand], kwargs: dict[str, Operand]) -> Operand:
    """``Path("data", "w.csv")``, ``Path(__file__)``: the path of the texts joined."""
    texts = [path_text(a) for a in args]
    if kwargs or any(t is None for t in texts):
        return w.cannot(node)
    return make_path(posixpath.join(*texts) if texts else "")  # type: ignore[arg-type]


def joined(left: Operand, right: Operand) -> Operand | None:
    """``path / "w.csv"`` (or text / a path): the joined path; None when either side is
    neither a path nor text whose value is known, or when neither is a path."""
    if PATH not in (
        left.name if left.kind == "other" else "",
        right.name if right.kind == "other" else "",
    ):
        return None
    a, b = path_text(left), path_text(right)
    if a is None or b is None:
        return None
    return make_path(posixpath.join(a, b))


def path_attribute(w: Walker, node: ast.Attribute, base: Operand) -> Operand:
    """``path.parent``, ``.name``, ``.stem``, ``.suffix``, and its methods."""
    text: str = base.value
    attr = node.attr
    name = posixpath.basename(text) if text not in (".", "/") else ""
    if attr == "parent":
        return make_path(posixpath.dirname(text) or ("/" if text.startswith("/") else "."))
    folder = run_folder(w) if text.startswith("/") and text != "/" else None
    if attr in ("name", "stem", "suffix") and folder and (folder + "/").startswith(text + "/"):
        # the folder itself or one above it (a file inside it has its own name, known)
        return unknown(
            f"`{w.short(node)}`, the name of a folder the file is put in to run, which only "
            "running it tells"
        )
    if attr == "name":
        return Operand("str", value=name)
    if attr in ("stem", "suffix"):
        stem, suffix = _split_suffix(name)
        return Operand("str", value=stem if attr == "stem" else suffix)
    if attr in (
        *_SAME,
        "open",
        "read_text",
        "write_text",
        "with_suffix",
        "with_name",
        "as_posix",
        "__str__",
        "__fspath__",
    ):
        return Operand("method", name=attr, bound=base, node=node.value)
    return unknown(f"`{w.short(node)}`, which shapekit does not follow")


def path_method(
    w: Walker,
    node: ast.Call,
    name: str,
    path: Operand,
    args: list[Operand],
    kwargs: dict[str, Operand],
) -> Operand:
    """``path.resolve()``, ``path.with_suffix(".csv")``, ``path.open()``, ``path.as_posix()``."""
    from shapekit.engine._datafiles import OpenFile, file_text, open_file

    text: str = path.value
    if name in _SAME and not args and not kwargs:
        return _resolved(w, node, name, text)
    if name in ("as_posix", "__str__", "__fspath__") and not args and not kwargs:
        if where_run(w, text):
            return run_text(
                w, path, f"the text of `{w.short(node)}`, a path that only running tells"
            )
        return Operand("str", value=text)
    if name == "with_suffix" and len(args) == 1 and not kwargs:
        suffix = path_text(args[0]) if args[0].kind == "str" else None
        base = posixpath.basename(text)
        if (
            suffix is None
            or not base
            or (suffix and not suffix.startswith("."))
            or suffix == "."
            or "/" in suffix
        ):  # (Python's ValueError: Invalid suffix, not followed)
            return w.cannot(node)
        return make_path(posixpath.join(posixpath.dirname(text), _split_suffix(base)[0] + suffix))
    if name == "with_name" and len(args) == 1 and not kwargs:  # Path(__file__).with_name(…)
        new = path_text(args[0]) if args[0].kind == "str" else None
        base = posixpath.basename(text)
        if new is None or not new or "/" in new or new == "." or not base or text in (".", "/"):
            return w.cannot(node)  # (Python's ValueError: not followed)
        return make_path(posixpath.join(posixpath.dirname(text), new))
    if name == "open":
        return open_file(w, node, [Operand("str", value=text), *args], kwargs)
    if name == "write_text" and len(args) == 1 and not kwargs:
        written = args[0].value if args[0].kind == "str" else None
        if isinstance(written, str):  # path.write_text(json.dumps(cfg)): read back later
            from shapekit.engine._operands import number
            from shapekit.engine._saved import record

            record(w, node, "pathlib.write_text", [Operand("str", value=text), args[0]], {})
            return number(len(written))
    if name == "read_text" and not args and set(kwargs) <= {"encoding", "errors"}:
        opened = open_file(w, node, [Operand("str", value=text)], kwargs)
        if isinstance(opened.value, OpenFile):
            return file_text(w, node, opened.value, whole=True)
        return opened
    return w.cannot(node)


#: the functions of ``os.path`` followed on paths whose text is known
OS_PATH_FUNCTIONS = frozenset(
    f"os.path.{n}" for n in ("join", "dirname", "basename", "abspath", "splitext", "split")
)


def os_path_call(
    w: Walker, node: ast.Call, name: str, args: list[Operand], kwargs: dict[str, Operand]
) -> Operand:
    """``os.path.join(os.path.dirname(__file__), "w.csv")`` and the like, on paths or text
    whose value is known: what Python gives (text of the folder the file runs in stays a
    path whose text only running tells, which still names the same file to the readers)."""
    texts = [path_text(a) for a in args]
    if (
        kwargs
        or any(t is None for t in texts)
        or any(isinstance(a, ast.Starred) for a in node.args)
    ):
        return w.cannot(node)
    short = name.removeprefix("os.path.")
    if (short != "join" and len(texts) != 1) or not texts:
        return w.cannot(node)  # (Python's TypeError: not followed)
    text: str = texts[0]  # type: ignore[assignment]

    def made(result: str) -> Operand:
        if where_run(w, result):
            return run_text(
                w, make_path(result), f"`{w.short(node)}`, a path that only running tells"
            )
        return Operand("str", value=result)

    if short == "join":
        return made(posixpath.join(*texts))  # type: ignore[arg-type]
    if short == "dirname":
        return made(posixpath.dirname(text))
    if short == "abspath":
        if not posixpath.isabs(text):  # joined to the folder it runs in: text not known
            folder = run_folder(w)
            if folder is None:
                return w.cannot(node)
            path = make_path(posixpath.normpath(posixpath.join(folder, text)))
            return run_text(w, path, f"`{w.short(node)}`, a path that only running tells")
        return made(posixpath.normpath(text))
    head, tail = posixpath.split(text)
    # the name of a file inside the folder is known, the folder's own is not
    folder = run_folder(w) if text.startswith("/") else None
    last = (
        unknown(
            f"`{w.short(node)}`, the name of a folder the file is put in to run, which only "
            "running it tells"
        )
        if folder and (folder + "/").startswith(posixpath.normpath(text) + "/")
        else Operand("str", value=tail)
    )
    if short == "split":
        return Operand("tuple", items=(made(head), last))
    if short == "splitext":
        root, ext = posixpath.splitext(text)
        known = last.kind == "str"  # (the suffix of a folder's own name is not known)
        return Operand("tuple", items=(made(root), Operand("str", value=ext) if known else last))
    return last


__all__ = [
    "OS_PATH_FUNCTIONS",
    "PATH",
    "PATH_CLASSES",
    "joined",
    "make_path",
    "new_path",
    "os_path_call",
    "path_attribute",
    "path_method",
    "path_text",
    "run_text",
    "where_run",
]
