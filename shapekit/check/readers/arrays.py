"""NumPy files: ``.npy`` and ``.npz``, read without unpickling and sized before allocating.

Such files hold real arrays, so their shape is never ragged; what can go
wrong is the file itself: not NumPy's format, an object array that could only
be loaded by unpickling (which shapekit never does), a header that claims more
data than the file holds, or a ``.npz`` member that would inflate past the
byte limit (a zip bomb). Each is refused from the header, before anything is
allocated. The array is a view of the bytes already read, never a copy.
NumPy is imported only when such a file is read.
"""

from __future__ import annotations

import io
import re
import tokenize
import zipfile
from typing import Any

from shapekit.check.readers.jsontext import missing_name
from shapekit.check.readers.source import MAX_BYTES, Source, _megabytes
from shapekit.errors import InputError

__all__ = ["read_npy", "read_npz"]

_NPY_MAGIC = b"\x93NUMPY"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
#: the format versions NumPy writes and reads (np.load refuses any other)
_NPY_VERSIONS = ((1, 0), (2, 0), (3, 0))
#: NumPy's largest number of dimensions
_MAX_DIMENSIONS = 64


def read_npy(data: bytes, *, file: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """Read a ``.npy`` file's bytes.

    >>> import numpy as np
    >>> buffer = io.BytesIO(); np.save(buffer, np.zeros((2, 3)))
    >>> read_npy(buffer.getvalue()).value.shape
    (2, 3)
    >>> read_npy(b"[[1, 2]]", file="a.npy")
    Traceback (most recent call last):
    ...
    shapekit.errors.InputError: a.npy: this is not a .npy file (it does not start with NumPy's magic bytes \\x93NUMPY; it starts with '[[1, 2]]')
    """
    return Source(_npy_array(data, file, ".npy", max_bytes), file=file, format="npy")


def _npy_array(data: bytes, file: str | None, what: str, max_bytes: int) -> Any:
    import numpy as np
    from numpy.lib import format as npformat

    where = file or "<input>"
    if not data.startswith(_NPY_MAGIC):
        raise InputError(
            f"{where}: this is not a {what} file (it does not start with NumPy's magic bytes "
            f"\\x93NUMPY; it starts with {_start(data)})",
            kind="syntax",
            file=file,
        )
    stream = io.BytesIO(data)
    try:
        version = npformat.read_magic(stream)
        if version not in _NPY_VERSIONS:
            raise ValueError(f"format version {version[0]}.{version[1]}, which NumPy does not read")
        # version 3.0 differs from 2.0 only in allowing UTF-8 in field names
        header = npformat.read_array_header_1_0 if version == (1, 0) else None
        header = header or npformat.read_array_header_2_0
        shape, fortran, dtype = header(stream, max_header_size=10_000)
    except (ValueError, OSError, EOFError, SyntaxError, tokenize.TokenError, TypeError) as exc:
        raise InputError(
            f"{where}: this {what} file has a malformed header ({_first_line(exc)})",
            kind="syntax",
            file=file,
        ) from None
    if not isinstance(shape, tuple) or any(type(n) is not int or n < 0 for n in shape):
        raise InputError(
            f"{where}: this {what} file has a malformed header (the shape {shape!r} is not a "
            "tuple of lengths)",
            kind="syntax",
            file=file,
        )
    if len(shape) > _MAX_DIMENSIONS:
        raise InputError(
            f"{where}: the header says the array has {len(shape)} dimensions; NumPy arrays have "
            f"at most {_MAX_DIMENSIONS}",
            kind="too_deep",
            file=file,
        )
    if dtype.hasobject:
        raise InputError(
            f"{where}: the array holds Python objects, which can only be loaded by unpickling; "
            "shapekit never unpickles files (allow_pickle=False): save numbers, not objects",
            kind="unsafe",
            file=file,
        )
    count = 1
    for n in shape:
        count *= n
    needed = count * dtype.itemsize
    present = len(data) - stream.tell()
    if needed > max_bytes:
        raise InputError(
            f"{where}: the header says the array has shape {shape}, {_megabytes(needed)} of "
            f"data, more than the limit of {_megabytes(max_bytes)}",
            kind="too_large",
            file=file,
        )
    if needed > present:
        raise InputError(
            f"{where}: the header says the array has shape {shape} ({needed} bytes of data), "
            f"but the file holds only {present} bytes after it; the file is cut short",
            kind="syntax",
            file=file,
        )
    if dtype.itemsize == 0:  # elements of no bytes (as np.load makes them): nothing to read
        return np.ndarray(shape, dtype=dtype, order="F" if fortran else "C")
    flat = np.frombuffer(data, dtype=dtype, count=count, offset=stream.tell())
    return flat.reshape(shape, order="F" if fortran else "C")


def read_npz(
    data: bytes, *, file: str | None = None, var: str | None = None, max_bytes: int = MAX_BYTES
) -> Source:
    """Read one array of a ``.npz`` archive: ``var``, or the only one.

    Every member's uncompressed size is checked against ``max_bytes`` before
    it is inflated.

    >>> import numpy as np
    >>> buffer = io.BytesIO(); np.savez(buffer, inputs=np.ones((3, 4)))
    >>> read_npz(buffer.getvalue(), var="inputs").value.shape
    (3, 4)
    """
    where = file or "<input>"
    archive = _open_zip(data, file)
    with archive:
        members = {
            info.filename.removesuffix(".npy"): info
            for info in archive.infolist()
            if not info.is_dir()
        }
        names = list(members)
        if var is None:
            if len(names) != 1:
                listed = ", ".join(names[:20]) or "none"
                raise InputError(
                    f"{where}: the archive holds {len(names)} arrays ({listed}); "
                    "choose one with --var NAME",
                    kind="no_variable",
                    file=file,
                )
            name = names[0]
        elif var in members:
            name = var
        else:
            raise missing_name(var, names, file, what="array")
        info = members[name]
        if info.file_size > max_bytes:
            raise InputError(
                f"{where}: the array {name!r} would inflate to {_megabytes(info.file_size)}, "
                f"more than the limit of {_megabytes(max_bytes)}",
                kind="too_large",
                file=file,
            )
        try:
            with archive.open(info) as member:
                payload = member.read(max_bytes + 1)  # the size in the header may lie
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InputError(
                f"{where}: the array {name!r} cannot be read from the archive ({_first_line(exc)})",
                kind="syntax",
                file=file,
            ) from None
        if len(payload) > max_bytes:
            raise InputError(
                f"{where}: the array {name!r} inflates past the limit of {_megabytes(max_bytes)}",
                kind="too_large",
                file=file,
            )
    value = _npy_array(payload, f"{where} ({name})", ".npy", max_bytes)
    return Source(value, file=file, name=name, format="npz")


def npz_names(data: bytes, file: str | None) -> list[str]:
    """The names of the arrays in a ``.npz`` archive (without reading them)."""
    with _open_zip(data, file) as archive:
        return [i.filename.removesuffix(".npy") for i in archive.infolist() if not i.is_dir()]


def _open_zip(data: bytes, file: str | None) -> zipfile.ZipFile:
    where = file or "<input>"
    if not data.startswith(_ZIP_MAGICS):
        raise InputError(
            f"{where}: this is not a .npz archive (a .npz file is a zip archive of .npy files; "
            f"this one starts with {_start(data)})",
            kind="syntax",
            file=file,
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(
            f"{where}: this is not a valid .npz archive ({_first_line(exc)})",
            kind="syntax",
            file=file,
        ) from None


def _start(data: bytes) -> str:
    """The first bytes of a file, shown safely (as text when they are text)."""
    head = data[:12]
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        return repr(head)
    return repr(text) if text.isprintable() else repr(head)


def _first_line(exc: BaseException) -> str:
    """The first line of NumPy's message, without the addresses of objects in it (``<ast.Call
    object at 0x7f…>``), which differ from run to run: a report says the same each time."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    text = _ADDRESS.sub("", text)
    return text if len(text) <= 120 else text[:117] + "..."


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
