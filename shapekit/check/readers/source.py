"""What every reader returns: the value read, and where each part of it sits in the file.

A :class:`Source` holds the value a reader found (a nested list, a NumPy
array…) and a *locator*, a function from an index path such as ``(1, 0)`` to
the :class:`Position` of that sublist or element in the file. Positions are
computed only when an error needs one, so reading a valid file costs little
more than parsing it.

This module also holds the byte-level guards every file reader shares: the
size limit, binary and encoding checks, and the file-system errors turned into
:class:`~shapekit.errors.InputError`.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tokenize
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from shapekit.errors import InputError, ShapeError
from shapekit.shapes import shape

__all__ = ["MAX_BYTES", "Position", "Source", "decode_text", "line_of", "position_at", "read_bytes"]

#: Default largest file a reader accepts, in bytes (50 MB); every reader takes ``max_bytes``.
MAX_BYTES = 50 * 1024 * 1024


class Position(NamedTuple):
    """A place in a text: 1-based ``line`` and ``column`` (in characters), and the notebook ``cell``.

    >>> Position(2, 5)
    Position(line=2, column=5, cell=None)
    """

    line: int
    column: int
    cell: int | None = None


Locator = Callable[[Sequence[int | str]], Position | None]


def _no_position(path: Sequence[int | str]) -> Position | None:
    return None


@dataclass
class Source:
    """A value read from a file or text, with the way back to its position in that text.

    ``value`` is what was read, ``file`` where it came from (``None`` for
    text), ``name`` the variable it was assigned to (for messages), ``format``
    the reader that read it, ``texts`` the text of the file (or of each
    notebook cell, keyed by cell number) for excerpts.

    >>> src = Source([[1, 2], [3]], texts={None: "[[1, 2],\\n [3]]"},
    ...              locator=lambda path: Position(2, 2) if tuple(path) == (1,) else None)
    >>> src.locate((1,))
    Position(line=2, column=2, cell=None)
    >>> src.line_text(Position(2, 2))
    ' [3]]'
    """

    value: Any
    file: str | None = None
    name: str | None = None
    format: str = "text"
    texts: dict[int | None, str] = field(default_factory=dict)
    locator: Locator = _no_position
    #: things a reader did that the user should hear about (a header row it skipped…)
    notes: list[str] = field(default_factory=list)

    def locate(self, path: Sequence[int | str] | None) -> Position | None:
        """The position of the sublist or element at index ``path``, or ``None`` when unknown."""
        if path is None:
            return None
        return self.locator(tuple(path))

    def line_text(self, position: Position | None) -> str | None:
        """The text of the line at ``position`` (without its line break), for caret excerpts."""
        if position is None:
            return None
        text = self.texts.get(position.cell)
        return None if text is None else line_of(text, position.line)

    def place(self, error: ShapeError) -> ShapeError:
        """Fill ``error``'s ``file``, ``line``, ``column`` and ``cell`` from its ``path``.

        >>> from shapekit.errors import RaggedError
        >>> src = Source([[1], []], file="a.json", locator=lambda p: Position(1, 7))
        >>> err = src.place(RaggedError("ragged", path=(1,)))
        >>> (err.file, err.line, err.column)
        ('a.json', 1, 7)
        """
        error.file = self.file
        position = self.locate(error.path)
        if position is not None:
            error.line, error.column, error.cell = position
        return error

    def shape(self, *, allow_bool: bool = False) -> tuple[int, ...]:
        """Validate the value with :func:`shapekit.shape`; errors come back placed in the file.

        >>> Source([[1, 2, 3], [4, 5, 6]]).shape()
        (2, 3)
        """
        try:
            return shape(self.value, name=self.name, allow_bool=allow_bool)
        except ShapeError as error:
            raise self.place(error) from None


def line_of(text: str, line: int) -> str | None:
    """Line number ``line`` (1-based) of ``text`` without its line break, or ``None``.

    >>> line_of("a\\nbc\\r\\nd", 2)
    'bc'
    """
    if line < 1:
        return None
    lines = text.split("\n", line)
    return lines[line - 1].rstrip("\r") if len(lines) >= line else None


def position_at(text: str, offset: int, cell: int | None = None) -> Position:
    """The line and column (both 1-based) of character ``offset`` in ``text``.

    >>> position_at("ab\\ncd", 4)
    Position(line=2, column=2, cell=None)
    """
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return Position(line, offset - start + 1, cell)


def _open_link(path: str, flags: int) -> int:
    """Open the target of the link ``path`` — only when it is in the folder that holds the
    link: a submission must not make a report quote a file of the grader's machine — and
    never through a link put in its place since (O_NOFOLLOW)."""
    home = os.path.realpath(os.path.dirname(os.path.abspath(path)))
    target = os.path.realpath(path)
    if os.path.commonpath([home, target]) != home:
        raise InputError(
            f"{path}: a symbolic link to a file outside its folder; shapekit does not read "
            "it (put the file itself in the folder)",
            kind="outside_link",
            file=path,
        )
    try:
        return os.open(target, flags)
    except OSError as exc:
        raise _os_error(path, exc) from None


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a whole file, refusing what is missing, unreadable, a directory or too large.

    >>> read_bytes("/no/such/file.json")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: /no/such/file.json: no such file
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:  # a file, not a link: opened as it is (O_NOFOLLOW)
        fd = os.open(path, flags)
    except OSError as exc:
        if not os.path.islink(path):
            raise _os_error(path, exc) from None
        fd = _open_link(path, flags)
    info = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = InputError(f"{path}: is a directory, not a file", kind="is_directory", file=path)
    elif not stat.S_ISREG(info.st_mode):
        problem = InputError(f"{path}: is not a regular file", kind="unreadable", file=path)
    elif info.st_size > max_bytes:
        problem = _too_large(path, info.st_size, max_bytes)
    if problem is not None:
        os.close(fd)
        raise problem
    chunks, size = [], 0
    try:
        # read to the end of the file, or just past the limit if it grew since fstat
        while size <= max_bytes:
            wanted = min(max(info.st_size + 1 - size, 1 << 16), max_bytes + 1 - size)
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size == info.st_size < wanted:
                break  # all that fstat gave, and no more came: the end, without a read for it
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        os.close(fd)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    return data


def decode_text(data: bytes, file: str | None, *, python: bool = False) -> str:
    """Decode UTF-8 text (a BOM is allowed), refusing binary data and other encodings.

    Python source (``python``) is decoded as Python decodes it: in the
    encoding its ``# -*- coding: ... -*-`` line declares, UTF-8 without one.

    >>> decode_text(b"[1, 2]", "a.json")
    '[1, 2]'
    >>> decode_text(b"# coding: latin-1\\nx = '\\xe9'\\n", "a.py", python=True)
    "# coding: latin-1\\nx = '\xe9'\\n"
    >>> decode_text(b"[1,\\n\\xff]", "a.json")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.json:2:1: the file is not UTF-8 text (byte 0xff cannot be decoded); save it as UTF-8
    """
    where = file or "<input>"
    if b"\x00" in data:
        raise InputError(
            f"{where}: this looks like a binary file (it contains NUL bytes), not text",
            kind="binary",
            file=file,
        )
    try:
        # a coding line is a comment naming "coding" on line 1 or 2 (PEP 263): most files have none
        declared = _declared_encoding(data, where) if python and _may_declare(data) else None
        if declared is not None:
            return _decode_declared(data, declared, where)
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, column, _ = position_at(good, len(good))
        raise InputError(
            f"{where}:{line}:{column}: the file is not UTF-8 text "
            f"(byte 0x{data[exc.start]:02x} cannot be decoded); save it as UTF-8",
            kind="encoding",
            file=file,
            line=line,
            column=column,
        ) from None


def _may_declare(data: bytes) -> bool:
    """Whether the first two lines could declare an encoding (or Python could refuse them)."""
    head = data[: data.find(b"\n", data.find(b"\n") + 1) + 1 or len(data)]
    return b"coding" in head or not head.isascii()


def _decode_declared(data: bytes, encoding: str, where: str) -> str:
    """Decode Python source in the encoding its coding line names, as Python would."""
    try:
        return data.decode(encoding)
    except (LookupError, ValueError, TypeError) as exc:  # not for text (rot13, punycode)
        raise InputError(
            f"{where}: Python cannot read this file in the encoding its coding line names "
            f"({exc}); remove the coding line or name an encoding Python knows, like utf-8",
            kind="encoding",
            file=None if where == "<input>" else where,
        ) from None


def _declared_encoding(data: bytes, where: str) -> str | None:
    """The encoding a PEP 263 ``coding`` line declares, when it is not UTF-8 (None otherwise)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # an unknown encoding, or one that contradicts a BOM
        head = data[: data.find(b"\n", data.find(b"\n") + 1) + 1 or len(data)]
        if b"coding" not in head:  # no coding line: bytes that are not UTF-8, located below
            return None
        raise InputError(
            f"{where}: Python cannot read this file ({exc}); remove the coding line or name "
            "an encoding Python knows, like utf-8",
            kind="encoding",
            file=None if where == "<input>" else where,
        ) from None
    return None if encoding.replace("_", "-") in ("utf-8", "utf-8-sig") else encoding


def _too_large(path: str, size: int, limit: int) -> InputError:
    return InputError(
        f"{path}: the file is {_megabytes(size)}, larger than the limit of {_megabytes(limit)} "
        "(raise it with max_bytes, or --max-bytes on the command line)",
        kind="over_limit",
        file=path,
    )


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def _os_error(path: str, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError(f"{path}: symbolic link loop", kind="symlink_loop", file=path)
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            target = os.readlink(path)
            return InputError(
                f"{path}: symbolic link to a missing file ({target})", kind="not_found", file=path
            )
        return InputError(f"{path}: no such file", kind="not_found", file=path)
    if exc.errno == errno.EISDIR:
        return InputError(f"{path}: is a directory, not a file", kind="is_directory", file=path)
    reason = exc.strerror or type(exc).__name__
    return InputError(f"{path}: cannot be read ({reason.lower()})", kind="unreadable", file=path)
