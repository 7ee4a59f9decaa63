"""Data files a program reads: ``np.loadtxt``, ``np.genfromtxt``, ``np.load``, ``json.load``.

A submission often reads its numbers from a small file beside it::

    inputs = np.loadtxt("data/inputs.csv", delimiter=",")
    with open("params.json") as f:
        params = json.load(f)

Reading a *data* file is not running the submission, so the interpreter reads it: with
NumPy's own reader (or Python's ``json``) on the same file with the same options, which
gives exactly the array, or the error, that running the file would give. Only what is
certain is read, and only what is safe:

- the path and every option are written out in the file (literals: a string, numbers, a
  tuple of column numbers, a type of numbers); an option shapekit does not know (a
  ``converters`` function, ``names=True`` …) leaves the result unknown;
- the path is looked up from the submission's folder (where a grader, and Jupyter, runs it),
  and must lie inside that folder after symbolic links are resolved: ``/etc/passwd`` or
  ``../other/secret.csv`` is never opened;
- the file must be a regular file of at most :data:`MAX_DATA_BYTES` (not a pipe or a
  device, which could block); ``np.load`` never unpickles (``allow_pickle=False``).

A file the program itself may write before it reads it (``np.save("batch.npy", X)`` then
``np.load("batch.npy")``; ``open(path, "w")``, ``np.savetxt``, ``X.tofile``, ``shutil.copy`` …
to the same path, or to a path not written out that could be it) is not read from disk: what
is there may be left from an older run, and running the file reads what it saves. Such a
read is unknown, with the line that writes the file. A write that certainly comes later (a
later top-level statement, while the read is not inside a function) does not count. Any
file the program reads beside it, followed or not, is among the program's ``reads``: a
folder's check judges it through the program, not as a submission of its own.

A file that is not there gives an unknown, not a problem: a grader may check submissions
without their data, and running the file elsewhere could find it. A file that NumPy cannot
read (a header row, a ragged row, a word among the numbers) is a problem at the call, with
NumPy's own message, since running the file with that data raises it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import stat
import warnings
import weakref
import zipfile
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from shapekit.engine._operands import STRING_IO, Operand, array, from_python, sequence
from shapekit.engine._paths import path_text
from shapekit.engine._saved import read_back

if TYPE_CHECKING:
    from shapekit.engine._expressions import Refused, Walker

Args = list[Operand]
Kwargs = dict[str, Operand]

#: the largest data file read (a course's data files are a few kilobytes)
MAX_DATA_BYTES = 5_000_000
#: the largest JSON file read (each object in it becomes a dict shapekit follows)
MAX_JSON_BYTES = 1_000_000
#: the longest line of a text data file read (NumPy's readers are slow on longer ones)
MAX_LINE_CHARS = 100_000
#: the most bytes one program's readers read in all (a loop changing the options), where a
#: byte read by ``np.genfromtxt`` counts four times (it is about four times slower)
MAX_TOTAL_BYTES = 12_000_000
#: suffixes NumPy's readers decompress
_COMPRESSED = (".gz", ".bz2", ".xz", ".lzma", ".zip", ".zst")

#: the functions that read a data file, by their full name
DATA_FUNCTIONS = frozenset(
    {"numpy.loadtxt", "numpy.genfromtxt", "numpy.load", "json.load", "json.loads"}
)
#: the key, in an operand's ``memo``, of the file whose whole text it is (``f.read()``,
#: ``path.read_text()``): the text itself is not followed, but ``json.loads`` of it reads it
TEXT_OF = "text of"

#: the options each reader takes from the file's own call (others leave the result unknown),
#: in the order the function takes them positionally after the file
_OPTIONS = {
    "numpy.loadtxt": ("dtype", "comments", "delimiter", "converters", "skiprows", "usecols",
                      "unpack", "ndmin", "encoding", "max_rows"),
    "numpy.genfromtxt": ("dtype", "comments", "delimiter", "skip_header", "skip_footer",
                         "converters", "missing_values", "filling_values", "usecols"),
    "numpy.load": ("mmap_mode", "allow_pickle"),
    "json.load": (),
    "json.loads": (),
}  # fmt: skip
#: options that may be given only by keyword
_KEYWORD_ONLY = {
    "numpy.loadtxt": ("quotechar", "like"),
    "numpy.genfromtxt": ("max_rows", "encoding", "ndmin", "unpack", "autostrip", "case_sensitive",
                         "invalid_raise", "deletechars", "replace_space", "excludelist"),
    "numpy.load": ("encoding", "fix_imports", "max_header_size"),
    "json.load": (),
    "json.loads": (),
}  # fmt: skip
#: options that would run code of the file's, or give a structured array: not followed
_NOT_FOLLOWED = frozenset({"converters", "like", "names", "mmap_mode", "object_hook"})


@dataclass(frozen=True)
class _TooMuch(Exception):
    """A data file too big for shapekit to read (or one read too many)."""


@dataclass(frozen=True)
class OpenFile:
    """A file the program opens with ``open(path)``: where (or why it is not read)."""

    written: str  # the path as the file writes it
    path: str | None  # the file found inside the submission's folder
    why: str | None  # why it is not read, when path is None
    mode: str = "r"
    #: the ``encoding=`` and ``errors=`` it is opened with (None: Python's defaults)
    encoding: str | None = None
    errors: str | None = None
    #: read by nothing else first: opened right in the reader's call, or in a ``with`` whose
    #: body uses the handle once (a ``readline()`` before ``np.loadtxt(f)`` moves it on)
    fresh: bool = False
    #: lines read one by one from its start before the reader (``header = f.readline()``)
    skipped: int = 0


def open_file(w: Walker, node: ast.Call, args: Args, kwargs: Kwargs) -> Operand:
    """``open(path[, mode])``: a file that a reader below may read."""
    given = args[0] if args else kwargs.get("file")
    mode_op = args[1] if len(args) > 1 else kwargs.get("mode")
    mode = "r" if mode_op is None else mode_op.value
    text = path_text(given) if given is not None else None  # text, or a pathlib path
    if text is None or not isinstance(mode, str):  # (an f-string whose value is not known)
        return w.cannot(node)
    given = Operand("str", value=text)
    if any(c in mode for c in "wax+"):
        return w.cannot(node, "a file opened for writing, which shapekit does not follow")
    texts = []  # open(path, encoding="utf-8-sig"): a BOM skipped, as running does
    for place, key in ((3, "encoding"), (4, "errors")):
        found = args[place] if len(args) > place else kwargs.get(key)
        if found is not None and found.kind != "none" and not isinstance(found.value, str):
            return w.cannot(node)
        texts.append(found.value if found is not None and found.kind == "str" else None)
    path, why = _locate(w, given.value)
    opened = OpenFile(given.value, path, why, mode, texts[0], texts[1])
    return Operand("other", value=opened, name="file")


#: the most rows ``csv.reader`` of a data file gives as known
MAX_CSV_ROWS = 2_000


def csv_rows(
    w: Walker, node: ast.Call, args: Args, kwargs: Kwargs, by_name: bool = False
) -> Operand:
    """``csv.reader(f)`` of a data file beside the submission, opened for reading and read
    by nothing else first, or of ``io.StringIO(text)`` of text written in the file: its rows,
    each a list of texts (``by_name``: ``csv.DictReader``'s, each a dict of the header's
    names), as Python's csv module reads them (an iterator, read once); not followed
    otherwise."""
    import csv
    import io

    source = args[0] if len(args) == 1 else None
    opened = source.value if source is not None else None
    written = _string_io_text(w, node, source)
    direct = (  # csv.reader(open(path)): opened right in the reader's call
        bool(node.args)
        and isinstance(node.args[0], ast.Call)
        and isinstance(node.args[0].func, ast.Name)
        and node.args[0].func.id == "open"
    )
    if written is None and (
        not isinstance(opened, OpenFile)
        or not (opened.fresh or direct)
        or opened.path is None
        or "b" in opened.mode
        or _written_before(w, node, opened.written) is not None
    ):
        return w.cannot(node)
    options: dict[str, Any] = {}
    for key, held in kwargs.items():
        if key not in ("delimiter", "quotechar", "skipinitialspace") or held.kind not in (
            "str",
            "number",
        ):
            return w.cannot(node)
        options[key] = held.value
    try:
        if written is not None:
            text = written
        else:
            assert isinstance(opened, OpenFile) and opened.path is not None
            with open(
                opened.path,
                encoding=opened.encoding or "utf-8",
                errors=opened.errors or "strict",
                newline="",
            ) as handle:
                for _ in range(opened.skipped):  # header = f.readline() before the reader
                    handle.readline()
                text = handle.read(MAX_DATA_BYTES + 1)
        if len(text) > MAX_DATA_BYTES:
            return w.cannot(node)
        reader: Any = (csv.DictReader if by_name else csv.reader)(io.StringIO(text), **options)
        rows: list[Any] = list(reader)
        header = reader.fieldnames if by_name else None
    except (OSError, UnicodeDecodeError, csv.Error, TypeError, ValueError):
        return w.cannot(node)
    if len(rows) > MAX_CSV_ROWS:
        return w.cannot(node)
    if by_name:
        from shapekit.engine._objects import new_dict

        if any(
            not isinstance(k, str) or not isinstance(v, str) for r in rows for k, v in r.items()
        ):
            return w.cannot(node)  # (a row longer or shorter than the header: not followed)
        made = tuple(new_dict(w, {k: Operand("str", value=v) for k, v in r.items()}) for r in rows)
        names = (  # (an empty text has no header: None, as Python gives it)
            sequence("list", tuple(Operand("str", value=k) for k in header))
            if header is not None
            else from_python(None)
        )
        # (its other attributes, line_num and the like, are not followed)
        return Operand("iter", items=made, name="csv.DictReader", memo={"fieldnames": names})
    made = tuple(sequence("list", tuple(Operand("str", value=c) for c in row)) for row in rows)
    return Operand("iter", items=made, name="csv.reader")


def file_text(w: Walker, node: ast.Call, opened: OpenFile, whole: bool) -> Operand:
    """The text ``f.read()`` or ``path.read_text()`` gives (``whole``: from the file's start,
    for certain): not followed, but ``json.loads`` of it reads the file (see :data:`TEXT_OF`)."""
    if not whole or "b" in opened.mode:
        return w.cannot(node, f"the text of `{opened.written}`, which shapekit does not follow")
    # text whose value is not known: what is made of it (text[1:], text.strip()) is another
    made = Operand("str")
    made.memo[TEXT_OF] = replace(opened, fresh=True)
    return made


def read_data(w: Walker, node: ast.Call, name: str, args: Args, kwargs: Kwargs) -> Operand:
    """The operand of ``np.loadtxt(...)`` and the other readers of :data:`DATA_FUNCTIONS`."""
    if not args and not kwargs:
        return w.cannot(node)
    source = args[0] if args else kwargs.get("fname", kwargs.get("file", kwargs.get("fp")))
    if source is None:
        return w.cannot(node)
    reads_text = name in ("numpy.loadtxt", "numpy.genfromtxt") and bool(args)
    text = _string_io_text(w, node, args[0]) if reads_text else None
    if text is not None:  # np.loadtxt(io.StringIO(RAW)): the text written in the file
        return _read_text(w, node, name, text, args[1:], kwargs)
    if name == "json.loads":  # json.loads(path.read_text()): as json.load of the file
        if len(args) != 1 or kwargs:
            return w.cannot(node)
        if source.kind == "str" and isinstance(source.value, str):
            return _json_text(w, node, source.value)
        opened_text = source.memo.get(TEXT_OF)
        if not isinstance(opened_text, OpenFile):
            return w.cannot(node)
        name, source, kwargs = "json.load", Operand("other", value=opened_text, name="file"), {}
    if isinstance(source.value, OpenFile):
        opened: OpenFile = source.value
        written, path, why = opened.written, opened.path, opened.why
        direct = bool(node.args) and isinstance(node.args[0], ast.Call)  # json.load(open(…))
        if not (opened.fresh or direct):
            return w.cannot(
                node, f"which reads `{written}` from a handle that may have been read already"
            )
        if "b" in opened.mode and name == "json.load":
            return w.cannot(node)
        decoding = {"encoding": opened.encoding, "errors": opened.errors}
        skipped = opened.skipped
        if skipped and (name not in ("numpy.loadtxt", "numpy.genfromtxt") or "b" in opened.mode):
            return w.cannot(node, f"which reads `{written}` after lines read one by one")
    elif (text := path_text(source)) is not None and name != "json.load":
        written = text  # text, or a pathlib path
        path, why = _locate(w, written)
        decoding, skipped = {}, 0
    else:
        return w.cannot(node)
    cache = getattr(w.host, "data_files", None)  # a file read in a loop is read once
    writer = _written_before(w, node, written)
    if writer is not None:
        _record(cache, name, path)
        back = read_back(w, node, name, _only_writer(w, written), kwargs) if not args[1:] else None
        if back is not None:  # np.save("w.npy", W) then np.load("w.npy"): W as saved
            return back
        return w.cannot(
            node,
            f"which reads `{written}`, a file the program itself writes ({writer}): running "
            "it reads what it saved there, not the copy on disk, which may be left from an "
            "older run",
        )
    options = _options(name, args[1:], kwargs)
    if isinstance(options, str):
        _record(cache, name, path)
        return w.cannot(node, options)
    if name == "json.load":  # read through the handle: as it decodes
        options = {**options, **decoding}
    if path is None:
        return w.cannot(node, f"which reads `{written}`: {why}")
    said = repr(sorted(options.items(), key=lambda item: item[0]))
    key = (name, path, f"{said} after {skipped} lines" if skipped else said)
    try:
        if cache is not None and key in cache:
            value = cache[key]
            if isinstance(value, (_Unreadable, _NotFollowed)):
                raise value
        else:
            try:
                _budget(w, name, path)
                value = (
                    _read_after(name, path, options, skipped, decoding)
                    if skipped
                    else _read(name, path, options)
                )
            except _Unreadable as error:
                if cache is not None:
                    cache[key] = error
                raise
            except _NOT_FOLLOWED_ERRORS:
                if cache is not None:  # still a file the program reads (see Program.reads)
                    cache[key] = _NotFollowed()
                raise
            if cache is not None:
                cache[key] = value
    except _Unreadable as error:  # running the file with this data raises it too
        raise _refusal(w, node, name, written, path, error) from None
    except (*_NOT_FOLLOWED_ERRORS, _NotFollowed):  # an archive, an unknown encoding …
        return w.cannot(node, f"which reads `{written}` in a way shapekit cannot follow")
    if name == "json.load":
        return json_value(w, value)
    if isinstance(value, _Archive):  # arch["weights"]; arch.files and the like: not followed
        from shapekit.engine._objects import new_dict

        said = f"the array {{}} of `{written}`, not followed"
        arrays = {k: _operand(a) or w.cannot(node, said.format(repr(k))) for k, a in value.items()}
        archive = new_dict(w, arrays)
        archive.value.attributes = f"an archive of NumPy's (`{written}`)"
        return archive
    made = _operand(value)
    if made is None:
        return w.cannot(node, f"which reads `{written}`, data of a kind shapekit does not follow")
    return made


def _string_io_text(w: Walker, node: ast.Call, source: Operand | None) -> str | None:
    """The text of ``io.StringIO(text)`` made in the reader's call itself (so read from its
    start), when the text is known; None otherwise. ``source``: what that argument gave
    (its text is taken from there: the argument is evaluated once, as Python does)."""
    made = node.args[0] if node.args else None
    if source is None or not (isinstance(made, ast.Call) and len(made.args) == 1):
        return None
    callee = w.plain_callee(made.func)
    if callee is None or callee.name != "io.StringIO":
        return None
    text = source.memo.get(STRING_IO)
    if not isinstance(text, str) or len(text) > MAX_JSON_BYTES:
        return None
    return text


def _read_text(
    w: Walker, node: ast.Call, name: str, text: str, positional: Args, kwargs: Kwargs
) -> Operand:
    """``np.loadtxt(io.StringIO(text), …)``: what NumPy reads of that text (nothing is run:
    NumPy parses the text here as it does there), or its ValueError."""
    import io

    options = _options(name, positional, kwargs)
    if isinstance(options, str):
        return w.cannot(node, options)
    try:
        value = _read(name, io.StringIO(text), options)  # type: ignore[arg-type]
    except _Unreadable as error:
        reader = f"np.{name.removeprefix('numpy.')}"
        said = str(error).rstrip(".")
        raise w.refuse(
            node,
            "call",
            f"{reader} cannot read the text given: {said[:160]} (NumPy raises a {error.kind})",
            raises=error.kind,
        ) from None
    except (*_NOT_FOLLOWED_ERRORS, RecursionError):
        return w.cannot(node, "text read in a way shapekit cannot follow")
    made = _operand(value)
    return made if made is not None else w.cannot(node, "data of a kind shapekit does not follow")


def _json_text(w: Walker, node: ast.Call, text: str) -> Operand:
    """``json.loads("[1, 2]")``: the value of JSON text written in the file; Python's
    JSONDecodeError where it is no JSON."""
    if len(text) > MAX_JSON_BYTES:
        return w.cannot(node)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise w.refuse(
            node,
            "read",
            f"json.loads cannot read the text: {error} (Python raises a JSONDecodeError)",
            raises="JSONDecodeError",
        ) from None
    except (ValueError, RecursionError):
        return w.cannot(node)
    return json_value(w, value)


#: what reading may raise that shapekit does not judge (the variable stays unknown)
_NOT_FOLLOWED_ERRORS = (
    OSError, EOFError, LookupError, RecursionError, MemoryError, TypeError, ValueError,
    zipfile.BadZipFile, _TooMuch,
)  # fmt: skip


class _NotFollowed(Exception):
    """A data file read in a way shapekit does not follow (kept so that it counts as read)."""


def _record(cache: dict[tuple[str, str, str], Any] | None, name: str, path: str | None) -> None:
    """Count ``path`` among the files the program reads, though its content is not followed."""
    if cache is not None and path is not None:
        cache.setdefault((name, path, "not followed"), _NotFollowed())


class _Unreadable(Exception):
    """The reader refuses the data; ``kind`` is the exception class running the file raises."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# -- files the program writes --------------------------------------------------------------

#: functions (by their last name) that write the file named by their first argument
_WRITE_FIRST = frozenset({
    "save", "savez", "savez_compressed", "savetxt", "tofile", "to_csv", "to_json", "to_pickle",
    "to_parquet", "to_excel", "to_feather", "to_hdf", "write_text", "write_bytes", "touch",
    "imsave", "savefig", "savemat", "mkfifo",
})  # fmt: skip
#: modules whose functions of these names write the file named by their *second* argument
_WRITE_SECOND = {
    "shutil": frozenset({"copy", "copy2", "copyfile", "move", "copytree"}),
    "os": frozenset({"rename", "replace", "renames", "symlink", "link"}),
    "urllib.request": frozenset({"urlretrieve"}),
    "request": frozenset({"urlretrieve"}),
}
#: ``pathlib.Path(a).rename(b)`` and the like: they write ``b``
_PATH_MOVES = frozenset({"rename", "replace", "symlink_to", "hardlink_to"})
#: calls that may write any file (a shell command, another program)
_WRITE_ANY = {
    "os": frozenset({"system", "popen", "execv", "execvp", "spawnv"}),
    "subprocess": frozenset({"run", "call", "check_call", "check_output", "Popen", "getoutput",
                             "getstatusoutput"}),
}  # fmt: skip
#: modules whose ``open`` takes a mode like the builtin's
_OPENERS = frozenset({"io", "codecs", "gzip", "bz2", "lzma", "tarfile", "zipfile"})


@dataclass(frozen=True)
class _Write:
    """A call that may write a file: where, and which files it may write."""

    what: str  # ``np.save at line 7`` (and the cell)
    path: str | None  # the path written out (relative to the folder), None: not written out
    tail: str  # the end the file's path must have when ``path`` is None ("" : any file)
    at: tuple[int, int]  # (tree index, top-level statement index)
    call: ast.AST | None = None  # the call that writes (None: what may write any file)


@dataclass(frozen=True)
class _Writes:
    """What a program writes, and where each call of it stands."""

    writes: tuple[_Write, ...]
    #: id of each call node -> (tree index, top-level statement index, inside a function)
    places: dict[int, tuple[int, int, bool]]


_WRITES: weakref.WeakKeyDictionary[Any, _Writes] = weakref.WeakKeyDictionary()


def _written_before(w: Walker, node: ast.Call, written: str) -> str | None:
    """The call that may write the file ``written`` before ``node`` reads it (as text for a
    learner), or None."""
    host: Any = w.host
    host_file = getattr(host, "file", None)
    trees = getattr(host, "all_trees", None)
    if not host_file or not trees or "\0" in written:
        return None
    scan = _WRITES.get(host)
    if scan is None:
        scan = _WRITES[host] = _scan_writes(trees, getattr(host, "cell_numbers", []))
    shell = _shell_of(host_file)
    if shell is not None:  # a notebook's `!cp b.csv a.csv`, `%%bash`, `%cd sub`
        return shell
    others = _other_files(host)
    if not others and not scan.writes:
        return None
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(host_file)))
        target = os.path.normcase(os.path.realpath(os.path.join(folder, written)))
    except (ValueError, OSError):  # a path Python cannot encode: not a file it writes
        return None
    for other, shown in others:  # the file's modules, the file importing this one
        for write in other.writes:
            if _writes_to(write, folder, target):
                return f"{write.what} of {shown}"
    if not scan.writes:
        return None
    place = scan.places.get(id(node))
    in_order = bool(getattr(host, "module_file", False))
    for write in scan.writes:
        if place is not None and not place[2]:  # the read runs where it stands
            later = (
                write.at > place[:2]
                if in_order
                else (write.at[0] == place[0] and write.at[1] > place[1])
            )
            if later:
                continue
        if _writes_to(write, folder, target):
            return write.what + (", to a path not written out" if write.path is None else "")
    return None


def _only_writer(w: Walker, written: str) -> ast.AST | None:
    """The one call of the program that may write the file ``written`` (in the file
    checked, by a path written out), or None when another call, a module or a shell line
    may write it too."""
    host: Any = w.host
    host_file = getattr(host, "file", None)
    scan = _WRITES.get(host)
    if not host_file or scan is None or _shell_of(host_file) is not None or _other_files(host):
        return None
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(host_file)))
        target = os.path.normcase(os.path.realpath(os.path.join(folder, written)))
    except (ValueError, OSError):
        return None
    found = [write for write in scan.writes if _writes_to(write, folder, target)]
    if len(found) != 1 or found[0].path is None or found[0].call is None:
        return None
    trees = getattr(host, "trees", ())
    if any(_UNSCANNED.search(walker.text) for walker, _tree in trees):
        return None  # (a link, or a dump whose file the scan does not place)
    return found[0].call


#: writes of files the scan may not place right: links (Path(p).symlink_to(q) makes p, not
#: q), ``arr.dump(file=…)``, ``np.ndarray.dump(a, path)``, pickle's dump
_UNSCANNED = re.compile(r"symlink|hardlink|\blink\(|(?<!json)\.dump\(")


def _shell_of(host_file: str) -> str | None:
    """What in the notebook ``host_file`` runs outside Python and may write any file or
    change the folder (a shell line ``!cp b.csv a.csv``, a ``%%bash`` cell, ``%cd``,
    ``%run``), read from its raw cells; None for a ``.py`` file or a notebook without."""
    if not host_file.endswith(".ipynb"):
        return None
    try:
        status = os.stat(host_file)
    except OSError:
        return None
    key = (host_file, status.st_size, status.st_mtime_ns)
    found = _SHELLS.get(key)
    if found is None:
        found = ""
        try:
            with open(host_file, encoding="utf-8") as handle:
                cells = json.load(handle).get("cells", [])
            for number, cell in enumerate(cells, 1):
                if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                    continue
                text = cell.get("source", "")
                text = "".join(text) if isinstance(text, list) else str(text)
                if _SHELL_LINE.search(text):
                    found = f"a shell command or magic of cell {number}"
                    break
        except (OSError, ValueError, UnicodeDecodeError, AttributeError, RecursionError):
            found = "a notebook shapekit could not read again"
        _SHELLS[key] = found
    return found or None


#: a notebook's lines that run outside Python: shell lines, cell magics of other languages,
#: and the line magics that run programs or change the folder
_SHELL_LINE = re.compile(
    r"\bget_ipython\s*\(|^[ \t]*%%(?:file\b|writefile\b[^\n]*[{$])"  # (IPython's own calls)
    r"|^[ \t]*(?:!|%%(?:bash|sh|script|system|perl|ruby|python\d?|pypy|sx)\b"
    r"|%(?:sx|system|run|cd|cp|mv|rm|mkdir|save|load|store|bookmark|pushd|popd)\b"
    r"|(?:cd|cp|mv|rm|mkdir|pushd|popd)[ \t]+[\w./~\"'-])",  # (automagic: `cd sub`)
    re.MULTILINE,
)
#: what :func:`_shell_of` found, by notebook (and its size and time of change)
_SHELLS: dict[tuple[str, int, int], str] = {}


def _writes_to(write: _Write, folder: str, target: str) -> bool:
    """Whether ``write`` may write the file at ``target`` (a path in ``folder``)."""
    if write.path is not None:
        try:
            return os.path.normcase(os.path.realpath(os.path.join(folder, write.path))) == target
        except (ValueError, OSError):
            return False
    return target.endswith(os.path.normcase(write.tail))


def _other_files(host: Any) -> list[tuple[_Writes, str]]:
    """What the other files of the program write, each with its name: the file's own
    modules (their functions may run before any read), and, in a module, the files that
    import it (they may write before the import)."""
    from shapekit.engine._modules import Module

    found = []
    for module in getattr(host, "modules", {}).values():
        inner = module.host if isinstance(module, Module) else None
        if inner is not None and inner is not host and getattr(inner, "all_trees", None):
            scan = _WRITES.get(inner)
            if scan is None:
                scan = _WRITES[inner] = _scan_writes(inner.all_trees, [])
            found.append((scan, module.shown))
    importers = _IMPORTERS.get(host)
    if importers is None:  # (read once for the module; a notebook's cells are not read here)
        importers = []
        for path in getattr(host, "imported_by", ()):
            try:
                with open(path, encoding="utf-8") as handle:
                    tree = ast.parse(handle.read())
            except (OSError, SyntaxError, ValueError, UnicodeDecodeError, RecursionError):
                continue
            importers.append((_scan_writes([tree], []), os.path.basename(path)))
        _IMPORTERS[host] = importers
    return found + importers


#: what the files importing a module write, by the module's interpreter
_IMPORTERS: weakref.WeakKeyDictionary[Any, list[tuple[_Writes, str]]] = weakref.WeakKeyDictionary()


def _scan_writes(trees: list[ast.Module], cells: list[int | None]) -> _Writes:
    """Every call in the program that may write a file, and where each call stands; and
    what may write any file or move the folder paths are read from (a writer handed on as a
    value, reached by ``getattr`` or ``__import__``, ``os.chdir``)."""
    writes: list[_Write] = []
    places: dict[int, tuple[int, int, bool]] = {}
    held = _paths_held(trees)
    for index, tree in enumerate(trees):
        cell = cells[index] if index < len(cells) else None
        names = _imported_names(tree)
        for top, statement in enumerate(tree.body):
            for call, in_def in _calls(statement):
                places[id(call)] = (index, top, in_def)
                for path, tail, what in _writes_of(call, names, held):
                    where = f"{what} at line {call.lineno}" + (
                        f" of cell {cell}" if cell is not None else ""
                    )
                    writes.append(_Write(where, path, tail, (index, top), call))
            for node, what in _writers_at_large(statement, names):
                where = f"{what} at line {getattr(node, 'lineno', '?')}" + (
                    f" of cell {cell}" if cell is not None else ""
                )
                writes.append(_Write(where, None, "", (index, top)))
    return _Writes(tuple(writes), places)


#: what opens or changes a file named where the scan does not read it
_ANY_FILE = ("FileIO", "open_memmap", "memmap", "truncate", "ftruncate", "exec", "eval")
#: modules whose functions write or move files, or run other programs
_FILE_MODULES = frozenset({"os", "shutil", "pathlib", "subprocess", "fileinput", "zipfile",
                           "tarfile", "importlib", "numpy", "np", "io", "codecs", "gzip"})  # fmt: skip
#: the names, in any module, of functions that write a file or change where paths point
_WRITER_NAMES = (
    _WRITE_FIRST
    | _PATH_MOVES
    | {n for names in _WRITE_SECOND.values() for n in names}
    | {n for names in _WRITE_ANY.values() for n in names}
    | {"chdir", "fchdir", "extractall", "extract", "unpack_archive", "open", "input",
       "import_module", "__import__", "truncate", "write", "writelines", "dump", *_ANY_FILE}
)  # fmt: skip


def _paths_held(trees: list[ast.Module]) -> dict[str, str]:
    """The names the program binds once, at the top level of a module or cell, to a path
    written out (``path = Path("layer.json")``): the path each holds (a name bound anywhere
    else too, or deleted, holds no path known here)."""
    stores: dict[str, int] = {}
    found: dict[str, str] = {}
    for tree in trees:
        for node in ast.walk(tree):
            bound: list[str] = []
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                bound = [node.id]
            elif isinstance(node, ast.arg):  # a parameter of that name: another path, perhaps
                bound = [node.arg, node.arg]
            elif isinstance(node, (ast.Global, ast.Nonlocal, ast.MatchAs, ast.ExceptHandler)):
                named = getattr(node, "names", None) or [getattr(node, "name", None)]
                bound = [n for n in named if n] * 2
            elif isinstance(node, ast.alias):
                bound = [node.asname or node.name.split(".")[0]] * 2
            for name in bound:
                stores[name] = stores.get(name, 0) + 1
        for statement in tree.body:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
            ):
                text = _text(statement.value)
                if text is not None:
                    found[statement.targets[0].id] = text
    return {name: text for name, text in found.items() if stores.get(name) == 1}


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """What each name bound by an import in ``tree`` stands for: ``{"o": "os", "replace":
    "os.replace", "sh": "shutil"}`` (a plain ``import os`` binds ``os``)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _writers_at_large(statement: ast.stmt, names: dict[str, str]) -> list[tuple[ast.AST, str]]:
    """What in ``statement`` may write any file, or make a relative path point elsewhere,
    where the calls that write cannot be read: ``os.chdir(…)``, a writer handed on as a
    value (``map(shutil.copy, …)``, ``st = np.savetxt``, ``w = open``), a module reached by
    ``__import__``/``importlib``/``getattr(os, "replace")``, ``fileinput``, an archive
    extracted."""
    found: list[tuple[ast.AST, str]] = []
    called = {id(n.func) for n in ast.walk(statement) if isinstance(n, ast.Call)}
    for node in ast.walk(statement):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for alias in node.names:
                top = (module or alias.name).split(".")[0]
                if top in ("importlib", "fileinput", "ctypes"):
                    found.append((node, f"the import of {top}"))
            continue
        if isinstance(node, ast.Name):
            meant = names.get(node.id, node.id)
            last = meant.rsplit(".", 1)[-1]
            if (
                last in ("chdir", "fchdir", "__import__", *_ANY_FILE)
                or (last in _WRITER_NAMES and id(node) not in called and meant != node.id)
                or (node.id == "open" and id(node) not in called and isinstance(node.ctx, ast.Load))
            ):
                found.append((node, f"`{node.id}`"))
        elif isinstance(node, ast.Attribute) and node.attr in _WRITER_NAMES:
            owner = dotted(node.value)
            root = owner.split(".")[0] if owner else None
            module = names.get(root, root) if root else None
            if node.attr in ("chdir", "fchdir", "extractall", "unpack_archive", *_ANY_FILE):
                found.append((node, f"`.{node.attr}`"))
            elif module and module.split(".")[0] in _FILE_MODULES and id(node) not in called:
                found.append((node, f"`{owner}.{node.attr}`"))  # shutil.copy handed on
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in _WRITER_NAMES
        ):
            found.append((node, f"getattr(…, {node.args[1].value!r})"))
    return found


def _calls(statement: ast.stmt) -> list[tuple[ast.Call, bool]]:
    """The calls in ``statement``, each with whether it is inside a function."""
    found: list[tuple[ast.Call, bool]] = []
    stack: list[tuple[ast.AST, bool]] = [(statement, False)]
    while stack:
        item, in_def = stack.pop()
        if isinstance(item, ast.Call):
            found.append((item, in_def))
        inner = in_def or isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        stack.extend((child, inner) for child in ast.iter_child_nodes(item))
    return found


def dotted(node: ast.AST) -> str | None:
    """``np.save`` for the expression ``np.save`` (None: not a dotted name)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):  # a loop: a chain may be long
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _writes_of(
    call: ast.Call, names: dict[str, str] | None = None, held: dict[str, str] | None = None
) -> list[tuple[str | None, str, str]]:
    """What ``call`` may write: (path written out, or None and the end its path must have;
    the call's name). Empty when it writes nothing. ``names``: what the names imports bind
    stand for (``o`` for ``os``, ``replace`` for ``os.replace``); ``held``: the paths names
    hold (see :func:`_paths_held`)."""
    func = call.func
    last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    owner = dotted(func.value) if isinstance(func, ast.Attribute) else None
    if names:
        if owner is not None:  # import os as o: o.rename is os.rename
            root, _, rest = owner.partition(".")
            owner = names.get(root, root) + (f".{rest}" if rest else "")
        elif isinstance(func, ast.Name) and "." in names.get(func.id, ""):
            owner, _, last = names[func.id].rpartition(".")  # from os import replace
    name = dotted(func) or f"`.{last}()`"
    if last is None:
        return []
    args = list(call.args)
    keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
    if last == "open":
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
            file_node: ast.AST | None = _first(func.value)  # Path("a").open("w")
            mode_node = args[0] if args else keywords.get("mode")
        elif owner is None or owner in _OPENERS or owner == "os":
            file_node = args[0] if args else keywords.get("file")
            mode_node = args[1] if len(args) > 1 else keywords.get("mode", keywords.get("flags"))
        else:  # p.open("w") of a path held in a name: which file is not read here
            file_node = None
            mode_node = args[0] if args else keywords.get("mode")
            if mode_node is None:
                return []
        mode = _text(mode_node) if mode_node is not None else "r"
        if mode is not None and not any(c in mode for c in "wax+"):
            return []  # opened for reading only
        return [_destination(file_node, "opened for writing", "")]
    if owner in _WRITE_ANY and last in _WRITE_ANY[owner]:
        return [(None, "", name)]
    if owner in _WRITE_SECOND and last in _WRITE_SECOND[owner]:
        second = args[1] if len(args) > 1 else keywords.get("dst", keywords.get("filename"))
        return [_destination(second, name, "")]
    if last in _PATH_MOVES and isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Call) and dotted(func.value.func) in (
            "Path", "pathlib.Path",
        ):  # fmt: skip
            return [_destination(args[0] if args else keywords.get("target"), name, "")]
        if last != "replace" or len(args) + len(keywords) == 1:  # (text.replace(a, b): no)
            return [(None, "", name)]  # p.rename(q) of a path held in a name
        return []
    if last in _WRITE_FIRST:
        if last in ("write_text", "write_bytes", "touch"):  # Path("a").write_text(...)
            if not isinstance(func, ast.Attribute):
                return []
            target: ast.AST | None = (
                _first(func.value) if isinstance(func.value, ast.Call) else None
            )
            if isinstance(func.value, ast.Name) and func.value.id in (held or {}):
                # path = Path("layer.json") … path.write_text(…): that path
                target = ast.Constant((held or {})[func.value.id])
        else:
            named = [keywords.get(k) for k in ("file", "fname", "fid", "path_or_buf")]
            target = args[0] if args else next((k for k in named if k is not None), None)
        suffix = {"save": ".npy", "savez": ".npz", "savez_compressed": ".npz"}.get(last, "")
        return [_destination(target, name, suffix)]
    if last == "dump" and len(args) == 1 and not keywords:  # ndarray.dump("a.pkl")
        return [_destination(args[0], name, "")]
    return []


def _first(call: ast.Call) -> ast.AST | None:
    return call.args[0] if call.args else None


def _destination(node: ast.AST | None, what: str, suffix: str) -> tuple[str | None, str, str]:
    """(the path written out, or None; the end any path it names must have; ``what``).
    ``suffix`` is what NumPy adds to a path without it (``np.save("batch", X)`` writes
    ``batch.npy``)."""
    path = _text(node)
    if path is not None:
        if suffix and not path.endswith(suffix):
            path += suffix
        return path, "", what
    tail = _tail(node) if node is not None else ""
    if suffix and not tail.endswith(suffix):
        tail = suffix  # NumPy adds it, or the name already ends with it
    return None, tail, what


def _text(node: ast.AST | None) -> str | None:
    """The string written out at ``node`` (``"a.npy"``, ``Path("a.npy")``), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    path_call = isinstance(node, ast.Call) and dotted(node.func) in ("Path", "pathlib.Path")
    if path_call and isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        return _text(node.args[0])
    return None


def _tail(node: ast.AST) -> str:
    """The end written out of a path built at run time (``f"out_{i}.npy"`` ends with
    ``.npy``; ``os.path.join(d, "a.csv")`` with ``/a.csv``); "" when none is."""
    if isinstance(node, ast.JoinedStr) and node.values:
        return _tail(node.values[-1])
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div)):
        tail = _tail(node.right)
        return "/" + tail.lstrip("/") if isinstance(node.op, ast.Div) and tail else tail
    if not isinstance(node, ast.Call) or not node.args or node.keywords:
        return ""
    if isinstance(node.args[-1], ast.Starred):
        return ""
    if dotted(node.func) in ("os.path.join", "path.join"):
        tail = _tail(node.args[-1])
        return "/" + tail.lstrip("/") if tail else ""
    if dotted(node.func) in ("Path", "pathlib.Path", "str"):
        return _tail(node.args[-1])
    return ""


def _locate(w: Walker, written: str) -> tuple[str | None, str | None]:
    """The data file ``written`` names, inside the submission's folder: (path, None), or
    (None, why it is not read)."""
    host_file = getattr(w.host, "data_root", None) or getattr(w.host, "file", None)
    if not host_file:
        return None, "a data file, read only when checking a submission on disk"
    if not isinstance(written, str):  # an f-string whose value is not known
        return None, "a path that is not written out in the file"
    try:
        os.fsencode(written)  # a lone surrogate ("\ud800") names no file
    except UnicodeEncodeError:
        return None, "a path that cannot name a file"
    if "\0" in written:
        return None, "a path that cannot name a file"
    moved = getattr(w.host, "moved", None)
    if moved is not None and not os.path.isabs(written):
        return None, f"a path relative to the working directory, which the file's {moved} changes"
    if written.lower().endswith(_COMPRESSED):  # NumPy would decompress it: of any size
        return None, "a compressed file, which shapekit does not read"
    target = within_folder(host_file, written)
    if target is None:
        return None, "a file outside the submission's folder, which shapekit does not read"
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None, (
            "a file not found beside the submission (put the data files in its folder to "
            "have them checked)"
        )
    except OSError:
        return None, "a file shapekit cannot open"
    if not stat.S_ISREG(info.st_mode):
        return None, "not a regular file"
    if info.st_size > MAX_DATA_BYTES:
        return (
            None,
            f"a file larger than {MAX_DATA_BYTES // 1_000_000} MB, which shapekit does not read",
        )
    return target, None


def within_folder(host_file: str, written: str) -> str | None:
    """The real path of ``written``, taken from the folder of ``host_file``, when it stays
    inside that folder once links are resolved (``../other/x.csv`` and a link out do not);
    else None."""
    folder = os.path.realpath(os.path.dirname(os.path.abspath(host_file)))
    target = os.path.realpath(os.path.join(folder, written))
    try:
        return target if os.path.commonpath([folder, target]) == folder else None
    except ValueError:  # another drive (Windows)
        return None


def _budget(w: Walker, name: str, path: str) -> None:
    """Refuse (``_TooMuch``) what would take too long to read: a JSON file over
    :data:`MAX_JSON_BYTES`, a text file with a line over :data:`MAX_LINE_CHARS`, or more
    than :data:`MAX_TOTAL_BYTES` read by one program."""
    size = os.path.getsize(path)
    if name == "json.load" and size > MAX_JSON_BYTES:
        raise _TooMuch(path)
    if name in ("numpy.loadtxt", "numpy.genfromtxt"):
        with open(path, "rb") as handle:
            if any(len(line) > MAX_LINE_CHARS for line in handle):
                raise _TooMuch(path)
    host: Any = w.host
    total = getattr(host, "data_bytes", 0) + size * (4 if name == "numpy.genfromtxt" else 1)
    if total > MAX_TOTAL_BYTES:
        raise _TooMuch(path)
    host.data_bytes = total


def _options(name: str, positional: Args, kwargs: Kwargs) -> dict[str, Any] | str:
    """The reader's options as Python values, or why they cannot be followed."""
    allowed = _OPTIONS[name]
    if len(positional) > len(allowed):
        return "with more arguments than it takes"
    given = dict(zip(allowed, positional, strict=False))
    for key, value in kwargs.items():
        if key in ("fname", "file", "fp"):
            continue
        if key not in allowed and key not in _KEYWORD_ONLY[name] and key != "names":
            return f"with an option `{key}` that shapekit does not follow"
        given[key] = value
    options: dict[str, Any] = {}
    for key, operand in given.items():
        if key in _NOT_FOLLOWED and operand.kind != "none":
            return f"with `{key}=`, which shapekit does not follow"
        if key == "dtype":
            dtype = _dtype(operand)
            if dtype is None:
                return "with a dtype that shapekit does not follow"
            options[key] = dtype
            continue
        value = _literal(operand)
        if value is _NOT_LITERAL:
            return f"with `{key}=` not written out"
        options[key] = value
    if name == "numpy.load":
        if options.get("allow_pickle"):
            return "with allow_pickle=True: shapekit never unpickles a submission's data"
        options["allow_pickle"] = False  # never unpickle a submission's data
    return options


_NOT_LITERAL: Any = object()


def _literal(operand: Operand) -> Any:
    """The Python value of a literal operand (a string, a number, None, a tuple of them)."""
    if operand.kind in ("str", "number", "none"):
        return operand.value if operand.kind != "none" else None
    if operand.kind in ("list", "tuple"):
        items = operand.items
        if items is None:
            value = operand.value
            return tuple(value) if isinstance(value, (list, tuple)) else _NOT_LITERAL
        values = tuple(_literal(item) for item in items)
        return _NOT_LITERAL if _NOT_LITERAL in values else values
    return _NOT_LITERAL


def _dtype(operand: Operand) -> Any:
    """A type of numbers written as ``float``, ``int``, ``np.float32``, ``"f8"`` … (None: not one)."""
    import numpy as np

    if operand.kind == "none":
        return None
    if operand.kind == "str" and isinstance(operand.value, str):
        text = operand.value
    elif operand.kind == "function":
        text = operand.name.removeprefix("builtins.").removeprefix("numpy.")
    else:
        return None
    try:
        dtype = np.dtype({"float": "float64", "int": "int64", "bool": "bool"}.get(text, text))
    except (TypeError, ValueError):
        return None
    return dtype if dtype.kind in "biuf" else None


def _read(name: str, path: str, options: dict[str, Any]) -> Any:
    """Read the data file as running the file would (NumPy's and Python's own readers)."""
    import numpy as np

    if name == "json.load":
        encoding, errors = options.get("encoding") or "utf-8", options.get("errors") or "strict"
        with open(path, encoding=encoding, errors=errors) as handle:
            try:
                return json.load(handle)
            except json.JSONDecodeError as error:
                raise _Unreadable("JSONDecodeError", str(error)) from None
            except UnicodeDecodeError as error:
                raise _Unreadable("UnicodeDecodeError", str(error)) from None
    reader: Any = {"numpy.loadtxt": np.loadtxt, "numpy.genfromtxt": np.genfromtxt,
                   "numpy.load": np.load}[name]  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            if name == "numpy.load":  # opened here, so that it is closed whatever happens
                with open(path, "rb") as handle:
                    result = _arrays_of(reader(handle, **options))
            else:
                result = reader(path, **options)
        except ValueError as error:
            raise _Unreadable(type(error).__name__, str(error).strip()) from None
    return result


def _read_after(
    name: str, path: str, options: dict[str, Any], skipped: int, decoding: dict[str, Any]
) -> Any:
    """``np.loadtxt(f)`` (or ``np.genfromtxt``) of a handle ``open(path)`` gave, from which
    ``skipped`` lines were read first: read as running reads it, from that handle."""
    import numpy as np

    reader: Any = np.loadtxt if name == "numpy.loadtxt" else np.genfromtxt
    with (
        open(
            path,
            encoding=decoding.get("encoding") or "utf-8",
            errors=decoding.get("errors") or "strict",
        ) as handle,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        try:
            for _ in range(skipped):
                handle.readline()
            return reader(handle, **options)
        except (ValueError, UnicodeDecodeError) as error:
            raise _Unreadable(type(error).__name__, str(error).strip()) from None


def _arrays_of(result: Any) -> Any:
    """What ``np.load`` gave: an array, or an ``.npz`` archive's arrays, read while its file
    is open (each as indexing the archive reads it; an object array: not followed)."""
    import numpy as np

    if not hasattr(result, "close") or isinstance(result, np.ndarray):
        return result
    try:
        # members are read while what they hold stays within MAX_TOTAL_BYTES: an archive of a
        # few MB may hold gigabytes compressed (a member past it is not followed)
        sizes = {info.filename: info.file_size for info in result.zip.infolist()}
        arrays, total = _Archive(), 0
        for key in result.files:
            total += sizes.get(f"{key}.npy", sizes.get(key, 0))
            arrays[key] = result[key] if total <= MAX_TOTAL_BYTES else None
        return arrays
    except Exception:
        raise TypeError("an archive of arrays") from None
    finally:
        result.close()


class _Archive(dict[str, Any]):
    """The arrays of an ``.npz`` archive, by name."""


def _operand(value: Any) -> Operand | None:
    """The operand of the array a NumPy reader gave (None: text, records, an archive)."""
    import numpy as np

    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and not value.dtype.names:
        return array(value.shape, value)
    return None


def _refusal(
    w: Walker, node: ast.Call, name: str, written: str, path: str, error: _Unreadable
) -> Refused:
    """The reader's refusal of the data, with the fix for a header row (``skiprows=1``)."""
    from shapekit.engine._expressions import Refused
    from shapekit.errors import MismatchError

    reader = "json.load" if name == "json.load" else f"np.{name.removeprefix('numpy.')}"
    said = str(error).rstrip(".")
    if len(said) > 160:  # NumPy quotes the data: enough of it to see the slip
        said = said[:157] + "..."
    candidates = None
    if _header(path, name, error) and not any(k.arg == "skiprows" for k in node.keywords):
        end = w.span(node)[1] - 1  # before the call's closing parenthesis
        candidates = w.replacing(end, end, ", skiprows=1", "skip the header row")
        message = (
            f"{reader} cannot read `{written}`: its first line is a header, which skiprows=1 "
            f"skips (Python raises a {error.kind}: {said})"
        )
    elif "\\ufeff" in said and "encoding" not in {k.arg for k in node.keywords}:
        # a byte-order mark: Excel's "CSV UTF-8" starts the file with one, NumPy reads it as
        # part of the first number; encoding="utf-8-sig" skips it
        end = w.span(node)[1] - 1
        candidates = w.replacing(end, end, ', encoding="utf-8-sig"', "skip the byte-order mark")
        message = (
            f"{reader} cannot read `{written}`: it starts with a byte-order mark (\\ufeff, "
            'written by Excel\'s "CSV UTF-8"), which encoding="utf-8-sig" skips (Python raises '
            f"a {error.kind}: {said})"
        )
    else:
        message = f"{reader} cannot read `{written}`: {said} (Python raises a {error.kind})"
    refusal = MismatchError(message, op="read")
    refusal.raises = error.kind
    return Refused(refusal, node, candidates)


def _header(path: str, name: str, error: _Unreadable) -> bool:
    """Whether ``np.loadtxt`` met a header row: words on the first line it read."""
    if name != "numpy.loadtxt" or "could not convert" not in str(error):
        return False
    if "at row 0," not in str(error):  # NumPy met the word on another row
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
    except OSError:
        return False
    return any(ch.isalpha() for ch in first)


def json_value(w: Walker, value: Any) -> Operand:
    """The operand of a JSON value: a dict becomes a dict of the file (keys known)."""
    from shapekit.engine._objects import new_dict

    if isinstance(value, dict):
        return new_dict(w, {key: json_value(w, item) for key, item in value.items()})
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        from shapekit.engine._operands import sequence

        return sequence("list", tuple(json_value(w, item) for item in value))
    return from_python(value)
