"""Checking student files: does each expected variable hold an array of the expected shape?

Each file gives a :class:`~shapekit.check.results.FileResult`: a verdict per
expected variable (``ok``, ``wrong-shape``, ``error``, ``missing`` or
``unknown``) and a problem per operation NumPy would refuse. Python files and
notebooks go through the static shape interpreter (never run); JSON objects
and ``.npz`` archives name their arrays by key; files without names
(``.csv``/``.tsv``, ``.npy``, a bare JSON list) hold the variable named by the
file's stem (``weights.csv`` is ``weights``).

Named dimensions (``batch,4``) must agree within a file (``inputs`` and
``outputs`` share ``batch``) and across the files of a run: the length most
files agree on wins (ties go to the first file in sorted order).

:func:`check_file` is the isolation boundary of a run: an unexpected
exception while checking one file becomes that file's ``internal-error``
result, and the run goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from typing import Any

from shapekit.check.dimensions import agree_named, settle_named
from shapekit.check.expect import Expect, Expectations
from shapekit.check.programs import check_program
from shapekit.check.readers import MAX_BYTES, SUFFIXES, Source, read_bytes, source_line
from shapekit.check.readers.csvtable import read_csv
from shapekit.check.readers.jsontext import json_source, load_json, missing_name
from shapekit.check.readers.notebook import code_cells
from shapekit.check.readers.source import decode_text
from shapekit.check.reports import own_report
from shapekit.check.results import FileResult, Variable
from shapekit.check.verdicts import (
    error_variable,
    expected_json,
    judge_source,
    missing_variable,
    short,
    stem,
)
from shapekit.engine.program import collector_paused
from shapekit.errors import InputError, detached

__all__ = [
    "Expect",
    "Expectations",
    "FileResult",
    "agree_named",
    "check_file",
    "check_paths",
    "collect_files",
    "internal_error",
    "iter_check",
    "skip_data_files",
]


def _walk(top: str) -> tuple[list[str], list[str], list[str]]:
    """The files with a readable suffix under ``top``, those of them that are symbolic
    links, and the folders that could not be listed; one folder at a time, without
    recursion (a tree thousands of folders deep is walked like any other), never through a
    link to a folder (no loops). What a directory entry is comes with the listing (no
    ``stat`` of each file), and a path is normalised once per folder (its names hold no
    separator)."""
    found: list[str] = []
    links: list[str] = []
    unreadable: list[str] = []
    folders = [os.path.normpath(top)]
    while folders:
        folder = folders.pop()
        # "/" ends with the separator already; the names in "." are written without it
        prefix = "" if folder == os.curdir else folder.rstrip(os.sep) + os.sep
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir()
                    except OSError:
                        is_folder = False
                    name = entry.name
                    if is_folder:
                        if not entry.is_symlink():
                            folders.append(prefix + name)
                        continue
                    if os.path.splitext(name)[1].lower() in SUFFIXES:
                        found.append(prefix + name)
                        if entry.is_symlink():
                            links.append(prefix + name)
        except OSError:
            unreadable.append(folder)
    return found, links, unreadable


def collect_files(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """The files to check under ``paths`` (directories walked for readable suffixes), sorted.

    Also returns a failed result for each directory that holds no readable
    file or cannot be listed, and for each symbolic link found in a directory to a file outside it (never
    read: a submission must not make a report quote a file of the grader's machine).
    Symbolic links to directories are not followed (no loops).

    >>> collect_files(["/no/such.json"])
    (['/no/such.json'], [])
    """
    files: set[str] = set()
    empty: list[FileResult] = []
    for path in paths:
        if not os.path.isdir(path):
            files.add(path)  # missing or unreadable files become per-file errors
            continue
        found, links, unreadable = _walk(path)
        for folder in unreadable:
            message = f"{folder}: this folder cannot be read, so its files are not checked"
            empty.append(FileResult(folder, [Variable("*", "error", message=message)]))
        inside, refused = os.path.realpath(path), len(unreadable)
        for link in links:
            if os.path.commonpath([os.path.realpath(link), inside]) != inside:
                found.remove(link)  # a submission must not make shapekit quote /etc/passwd
                message = (
                    "a symbolic link to a file outside the folder checked; shapekit does not "
                    "read it (put the file itself in the folder)"
                )
                empty.append(FileResult(link, [Variable("*", "error", message=message)]))
                refused += 1
        if not found and not refused:
            suffixes = ", ".join(SUFFIXES)
            message = f"{path}: no readable files in this directory (looked for {suffixes})"
            empty.append(FileResult(path, [Variable("*", "missing", message=message)]))
        files.update(found)
    return sorted(files), empty


def check_file(
    path: str,
    expectations: Expectations | None = None,
    *,
    allow_bool: bool = False,
    max_bytes: int = MAX_BYTES,
    skip_reports: bool = False,
) -> FileResult:
    """Check one file against ``expectations``; never raises for a bad file.

    Named dimensions are compared across files by :func:`agree_named`. With
    ``skip_reports``, a report that ``shapekit check`` wrote (text, JSON,
    JUnit, Gradescope; known by its content) is not judged: its result says so in
    ``skipped``, and a run leaves it out.

    >>> check_file("/no/such.json").variables[0].message
    'no such file'
    """
    start = time.perf_counter()
    expectations = expectations or Expectations()
    try:
        # a large file's syntax tree is a million objects: the collector, walking them again
        # and again as the interpreter makes its own (few of them cycles), is kept off
        with collector_paused() if _size(path) > _LARGE_FILE else nullcontext():
            result = _check(path, expectations, allow_bool, max_bytes, skip_reports)
        settle_named(result, expectations)
    except Exception as exc:  # the isolation boundary: one file's failure is its own result
        result = FileResult(path, internal_error=_internal(exc))
    result.seconds = time.perf_counter() - start
    return result


#: the size past which a file is checked with the garbage collector off (see check_file):
#: a 1 MB file of dense arithmetic took 13 s of CPU with it, 9.6 s without, and as much memory
_LARGE_FILE = 100_000


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:  # (no such file: said by the check itself)
        return 0


def _internal(exc: BaseException) -> str:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    detail = detail if len(detail) <= 200 else detail[:197] + "..."
    return internal_error(f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)


def internal_error(reason: str) -> str:
    """The message of a file that shapekit itself failed on, for ``reason``.

    >>> internal_error("KeyError: 'x'").split(";")[0]
    "shapekit itself failed on this file (KeyError: 'x')"
    """
    return (
        f"shapekit itself failed on this file ({reason}); this is a bug in shapekit, not in the "
        "file: please report it to the shapekit developers with the file attached"
    )


def iter_check(
    files: Iterable[str], *, jobs: int | None = 1, **options: Any
) -> Iterator[FileResult]:
    """:func:`check_file` on each file (options as for it), yielding each result in order.

    ``jobs`` processes share the work (``None``: :func:`~shapekit.check.workers.auto_jobs`,
    every usable core when there are enough files); the results are the same as in
    one process, one per file and in the order given, so a progress bar advances per file.
    """
    from shapekit.check.workers import auto_jobs, check_in_workers

    files = list(files)
    count = auto_jobs(len(files)) if jobs is None else jobs
    return check_in_workers(files, count, options)


def check_paths(
    paths: Sequence[str],
    expectations: Expectations | None = None,
    *,
    allow_bool: bool = False,
    max_bytes: int = MAX_BYTES,
    jobs: int | None = 1,
) -> list[FileResult]:
    """Check every file under ``paths``; results sorted by file name.

    ``jobs`` as for :func:`iter_check` (``None``: automatic, as ``shapekit check`` does).
    Reports that ``shapekit check`` wrote among the files are left out (see :func:`check_file`).

    >>> [r.ok for r in check_paths(["/no/such.json"])]
    [False]
    """
    files, results = collect_files(paths)
    options = {
        "expectations": expectations,
        "allow_bool": allow_bool,
        "max_bytes": max_bytes,
        "skip_reports": True,
    }
    checked = skip_data_files(list(iter_check(files, jobs=jobs, **options)))
    results.extend(r for r in checked if r.skipped is None)
    agree_named(results, expectations or Expectations())
    return sorted(results, key=lambda r: r.file)


def skip_data_files(results: list[FileResult]) -> list[FileResult]:
    """Mark as skipped the data files that a checked program reads beside it (its
    ``params.json``, its ``X.csv``) when the program itself has every expected variable the
    data file holds: they are judged through that program, which reads them with its own
    options (``usecols=…``), not as submissions of their own. A data file that holds an
    expected variable the program lacks, or that no program reads, is still judged.

    >>> a = FileResult("s/a.py", [Variable("X", "ok")], reads=(os.path.realpath("s/X.csv"),))
    >>> b = FileResult("s/X.csv", [Variable("X", "wrong-shape")])
    >>> [r.skipped for r in skip_data_files([a, b])]
    [None, 'a data file that s/a.py reads, which is judged on X itself']
    """
    readers: dict[str, FileResult] = {}
    for result in results:
        for path in result.reads:
            readers.setdefault(path, result)
    if not readers:
        return results
    for result in results:
        suffix = os.path.splitext(result.file)[1].lower()
        kind = SUFFIXES.get(suffix)
        if result.skipped is not None or (kind not in _DATA_KINDS and kind != "python"):
            continue  # a program's .py is among what it reads when it imports it
        reader = readers.get(os.path.realpath(result.file))
        if reader is None or reader is result or not result.variables:
            continue
        held = [v.name for v in result.variables if v.status != "missing"]
        judged = {v.name for v in reader.variables if v.status != "missing"}
        if all(name in judged for name in held):
            what = (
                f"which is judged on {', '.join(held)} itself"
                if held
                else ("holding none of the expected variables")
            )
            how = "a module that {} imports" if kind == "python" else "a data file that {} reads"
            result.skipped = f"{how.format(reader.file)}, {what}"
    return results


#: the kinds of files a program may read as data
_DATA_KINDS = frozenset({"json", "csv", "tsv", "npy", "npz"})


# -- one file ---------------------------------------------------------------------------------


def _check(
    path: str, expectations: Expectations, allow_bool: bool, max_bytes: int, skip_reports: bool
) -> FileResult:
    suffix = os.path.splitext(path)[1].lower()
    kind = SUFFIXES.get(suffix, "text")
    result = FileResult(path)
    try:
        data = read_bytes(path, max_bytes)
        if kind in ("npy", "npz"):
            _check_arrays(result, data, kind, expectations, allow_bool, max_bytes)
            return result
        text = decode_text(data, path, python=kind == "python")
        if not text.strip():
            raise InputError(
                f"{path}: the file is empty; there is no array in it", kind="empty", file=path
            )
        value: Any = None
        if kind == "text":  # another suffix, named on the command line: JSON or Python
            if skip_reports and _skip_report(result, text, None):
                return result
            try:
                value = load_json(text, path)
                kind = "json"
            except InputError as exc:
                if exc.kind != "syntax":
                    raise
                kind = "python"
        elif kind == "json":
            try:
                value = load_json(text, path)
            except InputError:
                if skip_reports and _skip_report(result, text, None):  # a text report
                    return result
                raise
        if kind in ("python", "notebook"):
            blanked: list[int] = []
            written: dict[int, str] = {}
            allowed: set[int] = set()
            cells: list[tuple[int | None, str]] = (
                list(code_cells(text, path, blanked, written, allowed).items())
                if kind == "notebook"
                else [(None, text)]
            )
            # a notebook without IPython syntax runs from a fresh kernel as a module would
            check_program(
                result,
                cells,
                expectations,
                allow_bool,
                in_order=not blanked,
                unseen=blanked,
                written=written,
                allowed=allowed,
            )
        elif kind == "json":
            if skip_reports and _skip_report(result, text, value):
                return result
            _check_json(result, text, value, expectations, allow_bool)
        else:
            source = read_csv(text, file=path, delimiter="\t" if suffix == ".tsv" else ",")
            _check_nameless(result, source, expectations, allow_bool)
    except InputError as exc:  # the file as a whole cannot be read: every variable says why
        names = expectations.names or (stem(path),)
        if exc.kind == "too_deep" and kind == "python":
            # code nested deeper than shapekit reads may still be within Python's own limit
            # (its compiler counts from the top of its stack, shapekit from deeper): not judged
            result.variables = [
                Variable(
                    name,
                    "unknown",
                    expected=expected_json(expectations.get(name)),
                    message=f"{exc.message.removeprefix(f'{path}: ')}, which Python itself may "
                    "or may not refuse",
                )
                for name in names
            ]
            detached(exc)
            return result
        excerpt = source_line(path, exc.line, exc.cell, max_bytes) if exc.line else None
        result.variables = [
            error_variable(name, exc, expectations.get(name), excerpt) for name in names
        ]
        detached(exc)  # a notebook's stored syntax error, raised again, holds its frames
    return result


def _skip_report(result: FileResult, text: str, value: Any) -> bool:
    """Mark a report written by ``shapekit check`` as skipped (known by its content)."""
    what = own_report(text, value)
    if what is not None:
        result.skipped = (
            f"{what} written by shapekit check (known by its content), not a student's file"
        )
    return what is not None


def _check_nameless(
    result: FileResult, source: Source, expectations: Expectations, allow_bool: bool
) -> None:
    """A file that holds one unnamed array: its name is the file's stem."""
    name_of_file = stem(result.file)
    if not expectations.names:
        result.variables.append(
            judge_source(name_of_file, source, expectations.anonymous, allow_bool)
        )
        return
    if name_of_file in expectations.names:
        result.variables.append(
            judge_source(name_of_file, source, expectations.get(name_of_file), allow_bool)
        )
        return
    what = {"csv": "a CSV table", "npy": "a .npy file", "json": "a JSON list"}.get(
        source.format, "this file"
    )
    suffix = os.path.splitext(result.file)[1] or ".json"
    wanted = list(expectations.names)
    for name in wanted:
        message = (
            f"{what} holds one array without a name, so it is read as the "
            f"variable named by the file ({name_of_file!r}), which is not {_names(wanted)}; to check it as {name}, name the file {name}{suffix}"
        )
        result.variables.append(
            Variable(
                name,
                "missing",
                expected=expected_json(expectations.get(name)),
                message=message,
                kind="no_variable",
            )
        )


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return f"the expected name {names[0]}"
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    return f"one of the expected names ({shown})"


def _check_json(
    result: FileResult, text: str, value: Any, expectations: Expectations, allow_bool: bool
) -> None:
    if not isinstance(value, dict):
        source = json_source(text, value, file=result.file)
        _check_nameless(result, source, expectations, allow_bool)
        return
    names = list(expectations.names)
    if not names:
        arrays = [k for k, v in value.items() if isinstance(v, list)]
        if len(arrays) > 1 and expectations.anonymous is None:
            # {"inputs": …, "weights": …, "biases": …} and no shape asked: each array is
            # judged (is it one NumPy can make?), as the arrays written out in code are
            for name in arrays:
                source = json_source(text, value, file=result.file, var=name)
                result.variables.append(judge_source(name, source, None, allow_bool))
            return
        if not arrays:
            keys = ", ".join(short(k) for k in list(value)[:20]) or "none"
            result.variables.append(
                Variable(
                    stem(result.file),
                    "unknown",
                    message=f"this JSON object has no list among its keys ({keys}), so there "
                    "is no array to judge: name the one to check with --expect NAME=SHAPE",
                )
            )
            return
        if len(arrays) != 1:
            keys = ", ".join(short(k) for k in list(value)[:20]) or "none"
            message = (
                f"this JSON object has {len(value)} keys ({keys}); "
                "choose the array to check with --var NAME or --expect NAME=SHAPE"
            )
            result.variables.append(Variable(stem(result.file), "missing", message=message))
            return
        source = json_source(text, value, file=result.file, var=arrays[0])
        result.variables.append(judge_source(arrays[0], source, expectations.anonymous, allow_bool))
        return
    for name in names:
        if name not in value:
            exc = missing_name(name, list(value), result.file, what="key")
            result.variables.append(missing_variable(name, exc, expectations.get(name)))
            continue
        source = json_source(text, value, file=result.file, var=name)
        result.variables.append(judge_source(name, source, expectations.get(name), allow_bool))


def _check_arrays(
    result: FileResult,
    data: bytes,
    kind: str,
    expectations: Expectations,
    allow_bool: bool,
    max_bytes: int,
) -> None:
    from shapekit.check.readers.arrays import npz_names, read_npy, read_npz

    if kind == "npy":
        source = read_npy(data, file=result.file, max_bytes=max_bytes)
        _check_nameless(result, source, expectations, allow_bool)
        return
    names = list(expectations.names)
    if not names:
        source = read_npz(data, file=result.file, max_bytes=max_bytes)
        result.variables.append(
            judge_source(
                source.name or stem(result.file), source, expectations.anonymous, allow_bool
            )
        )
        return
    present = npz_names(data, result.file)
    for name in names:
        if name not in present:
            exc = missing_name(name, present, result.file, what="array")
            result.variables.append(missing_variable(name, exc, expectations.get(name)))
            continue
        try:
            source = read_npz(data, file=result.file, var=name, max_bytes=max_bytes)
        except InputError as exc:
            result.variables.append(error_variable(name, exc, expectations.get(name), None))
            continue
        result.variables.append(judge_source(name, source, expectations.get(name), allow_bool))
