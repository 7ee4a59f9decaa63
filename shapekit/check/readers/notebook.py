"""Jupyter notebooks: the code cells are read as Python source, never run.

The variable is taken from the last code cell that assigns it at the top
level (what running the notebook top to bottom leaves). Cells are numbered
from 1 in notebook order, counting every cell, as a reader scrolling the
notebook sees them; positions are lines and columns inside that cell.
IPython's own syntax is blanked before parsing so it does not count as a
syntax error: magics and shell lines (``%time``, ``!pip``, ``x = !ls``), help
requests (``np.dot?``, ``?np.dot``), and the whole body of a cell magic whose
body is not Python (``%%bash``, ``%%writefile``); ``%%time`` and the like keep
their Python body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shapekit.check.readers.jsontext import load_json, missing_name
from shapekit.check.readers.pysource import (
    assignments,
    check_code_size,
    literal,
    node_at,
    node_position,
    parse,
    pick,
)
from shapekit.check.readers.source import Position, Source
from shapekit.errors import InputError

__all__ = ["code_cells", "read_notebook"]

_MAGIC = re.compile(
    r"^[ \t]*(?:[%!]|[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*[%!]).*$"  # %time, x = !ls
    r"|^[ \t]*\?{1,2}[\w.*]+[ \t]*$|^[ \t]*[\w.*]+\?{1,2}[ \t]*$",  # ?np.dot, np.dot??
    re.MULTILINE,
)
#: cell magics whose body is Python, run in the notebook's namespace
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})


def read_notebook(text: str, *, file: str | None = None, var: str | None = None) -> Source:
    """Read the array assigned to ``var`` in a notebook's code cells.

    >>> nb = '{"cells": [{"cell_type": "markdown", "source": "# Hi"},' \\
    ...      ' {"cell_type": "code", "source": ["x = [[1, 2],\\\\n", "     [3]]"]}]}'
    >>> src = read_notebook(nb, var="x")
    >>> src.value, src.locate((1,))
    ([[1, 2], [3]], Position(line=2, column=6, cell=2))
    """
    cells = code_cells(text, file)
    chosen = None
    names: list[str] = []
    first_syntax_error: InputError | None = None
    for number, source in cells.items():
        try:
            tree = parse(source, file, cell=number)
        except InputError as exc:
            first_syntax_error = first_syntax_error or exc
            continue
        assigned = assignments(tree)
        names.extend(assigned)
        if var is None:
            try:
                node, name = pick(tree, None, file)
            except InputError:
                continue
            chosen = (number, node, name)
        elif var in assigned:
            chosen = (number, assigned[var], var)
    if chosen is None:
        if first_syntax_error is not None:
            raise first_syntax_error
        if var is None:
            raise InputError(
                f"{file or '<input>'}: no code cell assigns a list or array; choose one with --var NAME",
                kind="no_variable",
                file=file,
            )
        raise missing_name(var, names, file, what="variable")
    cell, node, name = chosen
    value = literal(node, cells[cell], file, name, cell)

    def locate(path: Sequence[int | str]) -> Position | None:
        found = node_at(node, path)
        return None if found is None else node_position(found, cells[cell], cell)

    texts: dict[int | None, str] = {number: text for number, text in cells.items()}
    return Source(value, file=file, name=name, format="notebook", texts=texts, locator=locate)


#: most code cells read from one notebook (real notebooks have hundreds at most)
MAX_CODE_CELLS = 10_000


def code_cells(text: str, file: str | None, blanked: list[int] | None = None) -> dict[int, str]:
    """The source of each code cell, keyed by its 1-based number among all cells
    (``blanked`` collects the numbers of cells whose IPython syntax was blanked).

    >>> code_cells('{"cells": [{"cell_type": "code", "source": "%time\\\\nx = 1"}]}', None)
    {1: '\\nx = 1'}
    """
    notebook = load_json(text, file)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise InputError(
            f"{file or '<input>'}: this is JSON but not a Jupyter notebook (it has no list of cells)",
            kind="syntax",
            file=file,
        )
    found: dict[int, str] = {}
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        found[number] = _blank_ipython(str(source))
        if blanked is not None and found[number] != source:
            blanked.append(number)
    if len(found) > MAX_CODE_CELLS:
        raise InputError(
            f"{file or '<input>'}: the notebook has {len(found):,} code cells, more than the "
            f"{MAX_CODE_CELLS:,} shapekit reads (each is parsed on its own)",
            kind="too_large",
            file=file,
        )
    check_code_size(sum(len(source) for source in found.values()), file)
    return found


def _blank_ipython(source: str) -> str:
    """A cell's source with IPython's own syntax blanked, keeping every line in place.

    >>> _blank_ipython("np.dot?\\nx = 1")
    '\\nx = 1'
    >>> _blank_ipython("%%bash\\necho hi"), _blank_ipython("%%time\\nx = 1")
    ('\\n', '\\nx = 1')
    """
    if "%" not in source and "!" not in source and "?" not in source:
        return source  # most cells: no magic, shell line or help request to blank
    cell_magic = re.match(r"[ \t]*%%([\w-]*)", source)
    if cell_magic is not None and cell_magic.group(1) not in _PYTHON_CELL_MAGICS:
        return "\n" * source.count("\n")
    return _MAGIC.sub("", source)
