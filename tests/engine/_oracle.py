"""Run one corpus file with NumPy (in a subprocess of the test) and print what happened as JSON.

Usage: ``python _oracle.py FILE``. Prints ``{"error": null | {"cell", "line", "type",
"message"}, "globals": {name: description}, "inner": {name: description}}``: where running the
file raised (the innermost line of the file), and the shape of every variable left at the top
level and, for functions, when they returned. The test harness runs this; shapekit never runs
a submission.
"""

from __future__ import annotations

import json
import sys
import types
import warnings
from typing import Any

import numpy as np


def describe(value: Any) -> dict[str, Any] | None:
    if isinstance(value, (types.ModuleType, types.FunctionType, type)) or callable(value):
        return None
    if isinstance(value, (bool, int, float, np.generic, np.ndarray, list, tuple)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                data = np.array(value)
        except (ValueError, TypeError, Warning):
            return {"kind": "ragged"}
        if data.dtype.kind in "iuf":
            return {"kind": "array", "shape": list(data.shape)}
        if data.dtype.kind == "b" and not isinstance(value, bool):
            return {"kind": "array", "shape": list(data.shape)}
    return {"kind": "other"}


def cells_of(path: str) -> list[tuple[int | None, str]]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if not path.endswith(".ipynb"):
        return [(None, text)]
    notebook = json.loads(text)
    out = []
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] == "code":
            source = cell["source"]
            out.append((number, "".join(source) if isinstance(source, list) else source))
    return out


def main(path: str) -> None:
    cells = cells_of(path)
    names = {f"<cell {cell}>" if cell is not None else path: cell for cell, _ in cells}
    inner: dict[str, Any] = {}

    def local(frame: Any, event: str, arg: Any) -> Any:
        if event == "return":
            for key, value in frame.f_locals.items():
                found = describe(value)
                if found is not None:
                    inner[key] = found
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        code = frame.f_code
        if code.co_filename in names and not code.co_name.startswith("<"):
            return local
        return None

    namespace: dict[str, Any] = {"__name__": "__main__"}
    error = None
    sys.settrace(tracer)
    try:
        for cell, source in cells:
            code = compile(
                source, f"<cell {cell}>" if cell is not None else path, "exec", dont_inherit=True
            )
            exec(code, namespace)
    except Exception as exc:
        tb = exc.__traceback__
        line, cell = None, None
        while tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            if filename in names:
                line, cell = tb.tb_lineno, names[filename]
            tb = tb.tb_next
        error = {"cell": cell, "line": line, "type": type(exc).__name__, "message": str(exc)}
    finally:
        sys.settrace(None)
    found = {}
    for key, value in namespace.items():
        if not key.startswith("__"):
            described = describe(value)
            if described is not None:
                found[key] = described
    print(json.dumps({"error": error, "globals": found, "inner": inner}))


if __name__ == "__main__":
    main(sys.argv[1])
