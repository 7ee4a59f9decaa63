"""Readers: arrays from files and text, with the source position of every part.

Supported files (by suffix): ``.json``, ``.py``, ``.ipynb``, ``.npy``,
``.npz``, ``.csv``/``.tsv``; other suffixes and standard input are read as
JSON or, failing that, a Python literal. Python code is parsed with ``ast``
and never run. Files larger than :data:`MAX_BYTES` (50 MB) are refused unless
``max_bytes`` is raised.

>>> src = read_text("[[1, 2, 3],\\n [4, 5]]")
>>> src.value, src.locate((1,))
([[1, 2, 3], [4, 5]], Position(line=2, column=2, cell=None))

Every problem with the input itself (missing, unreadable, too large, binary,
not UTF-8, a syntax error, a missing variable) is an
:class:`~shapekit.errors.InputError` with a ``kind`` and, when known, a line
and column.
"""

from __future__ import annotations

import os

from shapekit.check.readers.arrays import read_npy, read_npz
from shapekit.check.readers.csvtable import read_csv
from shapekit.check.readers.jsontext import read_json
from shapekit.check.readers.notebook import code_cells, read_notebook
from shapekit.check.readers.pysource import read_python
from shapekit.check.readers.source import MAX_BYTES, Position, Source, decode_text, read_bytes
from shapekit.errors import InputError

__all__ = ["MAX_BYTES", "SUFFIXES", "Position", "Source", "read_file", "read_text", "source_line"]

#: the file suffixes a directory walk picks up, each with the reader that reads it
SUFFIXES: dict[str, str] = {
    ".json": "json",
    ".py": "python",
    ".ipynb": "notebook",
    ".npy": "npy",
    ".npz": "npz",
    ".csv": "csv",
    ".tsv": "csv",
}


def read_file(path: str, *, var: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read the array in the file at ``path``, choosing the reader by its suffix.

    ``var`` names the variable (Python, notebooks), key (JSON objects) or
    array (``.npz``) to read.

    >>> read_file("/no/such/dir/inputs.py")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: /no/such/dir/inputs.py: no such file
    """
    suffix = os.path.splitext(path)[1].lower()
    data = read_bytes(path, max_bytes)
    if suffix == ".npy":
        return read_npy(data, file=path, max_bytes=max_bytes)
    if suffix == ".npz":
        return read_npz(data, file=path, var=var, max_bytes=max_bytes)
    text = decode_text(data, path, python=suffix == ".py")
    if not text.strip():
        raise InputError(
            f"{path}: the file is empty; there is no array in it", kind="empty", file=path
        )
    if suffix == ".json":
        return read_json(text, file=path, var=var)
    if suffix == ".py":
        return read_python(text, file=path, var=var)
    if suffix == ".ipynb":
        return read_notebook(text, file=path, var=var)
    if suffix in (".csv", ".tsv"):
        return read_csv(text, file=path, delimiter="\t" if suffix == ".tsv" else ",")
    return read_text(text, file=path, var=var)


def read_text(text: str, *, file: str | None = None, var: str | None = None) -> Source:
    """Read text that is JSON or Python (a literal, or source assigning ``var``).

    When neither parser accepts the text, the error of the one that read
    further is reported, since it is the likelier intent.

    >>> read_text("[(1, 2), (3, 4),]").value
    [(1, 2), (3, 4)]
    >>> read_text("[[1, 2], [3, 4]")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: <input>:1:16: this is not valid JSON: Expecting ',' delimiter
    """
    try:
        return read_json(text, file=file, var=var)
    except InputError as json_error:
        if json_error.kind != "syntax":
            raise
        try:
            return read_python(text, file=file, var=var)
        except InputError as python_error:
            if json_error.kind == "syntax" and python_error.kind == "syntax":
                if (python_error.line or 0, python_error.column or 0) > (
                    json_error.line or 0,
                    json_error.column or 0,
                ):
                    raise python_error from None
                raise json_error from None
            raise python_error from None


def source_line(
    path: str, line: int | None, cell: int | None = None, max_bytes: int = MAX_BYTES
) -> str | None:
    """The text of ``line`` (of notebook ``cell``) in the file at ``path``, for excerpts.

    Used for errors found before a value was read (syntax, encoding); any
    problem reading the file again gives ``None``.

    >>> source_line("/no/such/file.py", 1) is None
    True
    """
    if line is None:
        return None
    try:
        text = read_bytes(path, max_bytes).replace(b"\x00", b" ").decode("utf-8", "replace")
        if cell is not None:
            text = code_cells(text, path).get(cell, "")
    except InputError:
        return None
    lines = text.splitlines()
    return lines[line - 1] if 1 <= line <= len(lines) else None
