"""NumPy files: ``.npy`` and ``.npz``, loaded with ``allow_pickle=False``.

Such files hold real arrays, so their shape is never ragged; what can go
wrong is the file itself (not NumPy's format, or an object array that could
only be loaded by unpickling, which shapekit never does). NumPy is imported
only when such a file is read.
"""

from __future__ import annotations

import io

from shapekit.check.readers.jsontext import missing_name
from shapekit.check.readers.source import Source
from shapekit.errors import InputError

__all__ = ["read_npy", "read_npz"]


def read_npy(data: bytes, *, file: str | None = None) -> Source:
    """Read a ``.npy`` file's bytes.

    >>> import numpy as np
    >>> buffer = io.BytesIO(); np.save(buffer, np.zeros((2, 3)))
    >>> read_npy(buffer.getvalue()).value.shape
    (2, 3)
    """
    import numpy as np

    try:
        value = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise _load_error(exc, file, ".npy") from None
    if not isinstance(value, np.ndarray):
        raise InputError(f"{file or '<input>'}: this is not a .npy file", kind="syntax", file=file)
    return Source(value, file=file, format="npy")


def read_npz(data: bytes, *, file: str | None = None, var: str | None = None) -> Source:
    """Read one array of a ``.npz`` archive: ``var``, or the only one.

    >>> import numpy as np
    >>> buffer = io.BytesIO(); np.savez(buffer, inputs=np.ones((3, 4)))
    >>> read_npz(buffer.getvalue(), var="inputs").value.shape
    (3, 4)
    """
    import numpy as np

    where = file or "<input>"
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            if not isinstance(archive, np.lib.npyio.NpzFile):
                raise InputError(f"{where}: this is not a .npz archive", kind="syntax", file=file)
            names = list(archive.files)
            if var is None:
                if len(names) != 1:
                    listed = ", ".join(names) or "none"
                    raise InputError(
                        f"{where}: the archive holds {len(names)} arrays ({listed}); "
                        "choose one with --var NAME",
                        kind="no_variable",
                        file=file,
                    )
                name = names[0]
            elif var in names:
                name = var
            else:
                raise missing_name(var, names, file, what="array")
            value = archive[name]
    except (ValueError, OSError, EOFError) as exc:
        raise _load_error(exc, file, ".npz") from None
    return Source(value, file=file, name=name, format="npz")


def _load_error(exc: Exception, file: str | None, suffix: str) -> InputError:
    where = file or "<input>"
    if "allow_pickle" in str(exc):
        return InputError(
            f"{where}: the array holds Python objects, which can only be loaded by unpickling; "
            "shapekit never unpickles files (allow_pickle=False): save numbers, not objects",
            kind="unsafe",
            file=file,
        )
    return InputError(
        f"{where}: this is not a valid {suffix} file ({exc})", kind="syntax", file=file
    )
