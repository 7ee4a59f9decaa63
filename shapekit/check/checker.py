"""Checking student files: is each array homologous, and does it have the expected shape?

An expected shape (:class:`Expect`) is written ``3,4`` or ``(3, 4)``; ``?``
accepts any length on a dimension (``?,4``) and a name (``batch,4``) accepts
any length as long as it is the same in every file of one run: the length
most files agree on wins (ties go to the first file in sorted order) and the
others are told "dimension 0 (batch) is 5 here but 3 in the other files".

Results are data (:class:`FileResult`): the file, whether it passed, its
shape, and the error as a dict with the fields of ``shapekit shape --json``
plus the line, column and notebook cell, and the source line for excerpts.
A file that cannot be read is a failed result like any other; a run never
stops at one bad file.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from shapekit.check.readers import MAX_BYTES, SUFFIXES, Position, Source, read_file, source_line
from shapekit.errors import InputError, ShapeError, SpecError

__all__ = [
    "Expect",
    "FileResult",
    "agree_named",
    "check_file",
    "check_paths",
    "collect_files",
    "iter_check",
]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
#: keys of every error dict, in order (``None`` where a field does not apply)
ERROR_FIELDS = ("kind", "axis", "path", "expected", "found", "message", "line", "column", "cell")

Dim = int | str | None


@dataclass(frozen=True)
class Expect:
    """An expected shape: each dimension a length, ``None`` for ``?``, or a name.

    >>> Expect.parse("(batch, ?, 4)")
    Expect(dims=('batch', None, 4))
    >>> str(Expect.parse("3,4")), str(Expect.parse("()"))
    ('(3, 4)', '()')
    """

    dims: tuple[Dim, ...]

    @classmethod
    def parse(cls, text: str) -> Expect:
        """Parse ``3,4``, ``(3, 4)``, ``[3, 4]``, ``?,4``, ``batch,4``; a bad spec is a SpecError."""
        body = text.strip()
        if body[:1] + body[-1:] in ("()", "[]"):
            body = body[1:-1]
        parts = [part.strip() for part in body.split(",")]
        if parts and parts[-1] == "" and len(parts) > 1:
            parts.pop()  # "3," is the 1-D shape (3,)
        if parts == [""]:
            if text.strip() != body:  # "()" or "[]": a scalar
                return cls(())
            raise SpecError(
                "the expected shape is empty; write () for a scalar, or a shape like 3,4",
                field="expect",
            )
        dims: list[Dim] = []
        for part in parts:
            if part.isascii() and part.isdigit():  # not "²" or "٣", which int() refuses or reads
                dims.append(int(part))
            elif part == "?":
                dims.append(None)
            elif _NAME.match(part):
                dims.append(part)
            else:
                raise SpecError(
                    f"cannot read the expected shape {text!r}: {part!r} is not a length, "
                    "'?' or a dimension name (write it like 3,4 or (batch, 4) or ?,4)",
                    field="expect",
                )
        return cls(tuple(dims))

    @property
    def repeated(self) -> frozenset[str]:
        """Names used for more than one dimension (``n,n``): those must also agree in one file."""
        names = [d for d in self.dims if isinstance(d, str)]
        return frozenset(n for n in names if names.count(n) > 1)

    def __str__(self) -> str:
        shown = ["?" if d is None else str(d) for d in self.dims]
        return f"({shown[0]},)" if len(shown) == 1 else f"({', '.join(shown)})"


@dataclass
class FileResult:
    """The outcome of checking one file.

    >>> FileResult("a.json", True, (3, 4)).to_dict()
    {'file': 'a.json', 'ok': True, 'shape': [3, 4], 'error': None}
    """

    file: str
    ok: bool
    shape: tuple[int, ...] | None = None
    error: dict[str, Any] | None = None
    excerpt: str | None = None
    seconds: float = 0.0
    subject: str = field(default="the array", repr=False, compare=False)
    #: finds (position, source line) of the first sublist at a depth, for named
    #: dimensions; it reads the file again, so only the files that disagree pay for it
    locate_axis: Callable[[int], tuple[Position | None, str | None]] | None = field(
        default=None, repr=False, compare=False
    )

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (what ``--format json`` prints per file)."""
        return {
            "file": self.file,
            "ok": self.ok,
            "shape": list(self.shape) if self.shape is not None else None,
            "error": self.error,
        }


def collect_files(paths: Iterable[str]) -> tuple[list[str], list[FileResult]]:
    """The files to check under ``paths`` (directories walked for readable suffixes), sorted.

    Also returns a failed result for each directory that holds no readable
    file. Symbolic links to directories are not followed (no loops).

    >>> collect_files(["/no/such.json"])
    (['/no/such.json'], [])
    """
    files: set[str] = set()
    empty: list[FileResult] = []
    for path in paths:
        if not os.path.isdir(path):
            files.add(path)  # missing or unreadable files become per-file errors
            continue
        found = [
            os.path.normpath(os.path.join(root, name))
            for root, _dirs, names in os.walk(path)
            for name in names
            if os.path.splitext(name)[1].lower() in SUFFIXES
        ]
        if not found:
            suffixes = ", ".join(SUFFIXES)
            message = f"{path}: no readable files in this directory (looked for {suffixes})"
            error = _error_dict(InputError(message, kind="empty_directory", file=path))
            empty.append(FileResult(path, False, error=error))
        files.update(found)
    return sorted(files), empty


def check_file(
    path: str,
    *,
    expect: Expect | None = None,
    var: str | None = None,
    allow_bool: bool = False,
    max_bytes: int = MAX_BYTES,
) -> FileResult:
    """Read and validate one file, and compare its shape with the fixed lengths of ``expect``.

    Named dimensions are compared across files by :func:`agree_named`.

    >>> check_file("/no/such.json").error["message"]
    '/no/such.json: no such file'
    """
    start = time.perf_counter()
    source: Source | None = None
    try:
        source = read_file(path, var=var, max_bytes=max_bytes)
        found = source.shape(allow_bool=allow_bool)
    except InputError as exc:
        excerpt = source_line(path, exc.line, exc.cell, max_bytes) if exc.line else None
        return FileResult(
            path,
            False,
            error=_error_dict(exc),
            excerpt=excerpt,
            seconds=time.perf_counter() - start,
        )
    except ShapeError as exc:
        error = _error_dict(exc)
        here = Position(exc.line, exc.column or 1, exc.cell) if exc.line else None
        excerpt = source.line_text(here) if source is not None else None
        return FileResult(
            path, False, error=error, excerpt=excerpt, seconds=time.perf_counter() - start
        )
    result = FileResult(path, True, found, subject=source.name or "the array")
    if expect is not None:
        _compare_fixed(result, expect, source)
        if result.ok and any(isinstance(dim, str) for dim in expect.dims):
            result.locate_axis = partial(_reread_anchor, path, var, max_bytes, found)
    result.seconds = time.perf_counter() - start
    return result


def iter_check(files: Iterable[str], **options: Any) -> Iterator[FileResult]:
    """:func:`check_file` on each file in turn (options as for it), for progress bars."""
    for path in files:
        yield check_file(path, **options)


def check_paths(
    paths: Sequence[str],
    *,
    expect: Expect | None = None,
    var: str | None = None,
    allow_bool: bool = False,
    max_bytes: int = MAX_BYTES,
) -> list[FileResult]:
    """Check every file under ``paths``; results sorted by file name.

    >>> [r.ok for r in check_paths(["/no/such.json"])]
    [False]
    """
    files, results = collect_files(paths)
    options = {"expect": expect, "var": var, "allow_bool": allow_bool, "max_bytes": max_bytes}
    results.extend(iter_check(files, **options))
    if expect is not None:
        agree_named(results, expect)
    return sorted(results, key=lambda r: r.file)


def agree_named(results: list[FileResult], expect: Expect) -> None:
    """Fail the results whose named dimensions differ from what most files agree on.

    >>> results = [FileResult(f, True, s) for f, s in [("a", (3, 4)), ("b", (5, 4)), ("c", (3, 4))]]
    >>> agree_named(results, Expect.parse("batch,4"))
    >>> [r.ok for r in results], results[1].error["message"]
    ([True, False, True], 'the array has shape (5, 4): dimension 0 (batch) is 5 here but 3 in the other files')
    """
    names = {d for d in expect.dims if isinstance(d, str)}
    for name in sorted(names, key=lambda n: expect.dims.index(n)):
        axis = expect.dims.index(name)
        voters = [r for r in results if r.ok and r.shape is not None]
        counts = Counter(r.shape[axis] for r in voters if r.shape is not None)
        if not counts:
            continue
        order = [r.shape[axis] for r in voters if r.shape is not None]
        agreed = max(counts, key=lambda n: (counts[n], -order.index(n)))
        for result in voters:
            found = result.shape[axis] if result.shape is not None else None
            if found != agreed:
                message = (
                    f"{result.subject} has shape {_shape_text(result.shape)}: dimension {axis} ({name}) "
                    f"is {found} here but {agreed} in the other files"
                )
                located = result.locate_axis(axis) if result.locate_axis else None
                position, excerpt = located or (None, None)
                _fail(result, message, axis, agreed, found, position, excerpt)


def _compare_fixed(result: FileResult, expect: Expect, source: Source) -> None:
    found = result.shape or ()
    if len(found) == len(expect.dims) and all(
        want is None or want == have or (isinstance(want, str) and want not in expect.repeated)
        for want, have in zip(expect.dims, found, strict=True)
    ):
        return
    head = f"{result.subject} has shape {_shape_text(found)}, but {expect} was expected"
    if len(found) != len(expect.dims):
        dims = "dimension" if len(found) == 1 else "dimensions"
        message = f"{head}: {len(found)} {dims} instead of {len(expect.dims)}"
        _fail(result, message, None, len(expect.dims), len(found), *_anchor(source, found, 0))
        return
    seen: dict[str, int] = {}
    for axis, (want, have) in enumerate(zip(expect.dims, found, strict=True)):
        if isinstance(want, int) and want != have:
            message = f"{head}: dimension {axis} is {have}, not {want}"
        elif isinstance(want, str) and seen.setdefault(want, axis) != axis:
            first = seen[want]
            if found[first] == have:
                continue
            message = (
                f"{head}: dimension {axis} ({want}) is {have} but dimension {first} ({want}) "
                f"is {found[first]}; they must be equal"
            )
            want = found[first]
        else:
            continue
        _fail(result, message, axis, want, have, *_anchor(source, found, axis))
        return


def _anchor(
    source: Source, shape: tuple[int, ...], axis: int
) -> tuple[Position | None, str | None]:
    """Where dimension ``axis`` starts in the file: the first sublist at that depth."""
    path = (0,) * axis if 0 not in shape[:axis] else ()
    position = source.locate(path)
    return position, source.line_text(position)


def _reread_anchor(
    path: str, var: str | None, max_bytes: int, shape: tuple[int, ...], axis: int
) -> tuple[Position | None, str | None]:
    try:
        source = read_file(path, var=var, max_bytes=max_bytes)
    except InputError:  # changed or gone since it was checked: no position then
        return None, None
    return _anchor(source, shape, axis)


def _fail(
    result: FileResult,
    message: str,
    axis: int | None,
    expected: Any,
    found: Any,
    position: Position | None,
    excerpt: str | None,
) -> None:
    """Turn a passing result into a ``wrong_shape`` failure at ``position``."""
    result.ok = False
    result.error = {
        "kind": "wrong_shape",
        "axis": axis,
        "path": None,
        "expected": expected,
        "found": found,
        "message": message,
        "line": position.line if position else None,
        "column": position.column if position else None,
        "cell": position.cell if position else None,
    }
    result.excerpt = excerpt


def _error_dict(error: ShapeError | InputError) -> dict[str, Any]:
    data = error.to_dict()
    data.pop("file", None)
    data.update(line=error.line, column=error.column, cell=error.cell)
    return {key: data.get(key) for key in ERROR_FIELDS} | {
        key: value for key, value in data.items() if key not in ERROR_FIELDS
    }


def _shape_text(shape: tuple[int, ...] | None) -> str:
    shape = shape or ()
    return f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(map(str, shape))})"
