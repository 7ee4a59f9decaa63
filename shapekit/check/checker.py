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

import ast
import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from shapekit.check.expect import Expect, Expectations
from shapekit.check.readers import MAX_BYTES, SUFFIXES, Source, read_bytes, source_line
from shapekit.check.readers.csvtable import read_csv
from shapekit.check.readers.jsontext import load_json, missing_name, read_json
from shapekit.check.readers.notebook import code_cells
from shapekit.check.readers.pysource import node_at, node_position
from shapekit.check.readers.source import Position, decode_text, line_of
from shapekit.check.results import FileResult, Problem, Variable, shape_text
from shapekit.errors import InputError, ShapeError

__all__ = [
    "Expect",
    "Expectations",
    "FileResult",
    "agree_named",
    "check_file",
    "check_paths",
    "collect_files",
    "iter_check",
]

#: a message longer than this is cut (a file cannot make a report huge)
MAX_MESSAGE = 2000


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
            empty.append(FileResult(path, [Variable("*", "missing", message=message)]))
        files.update(found)
    return sorted(files), empty


def check_file(
    path: str,
    expectations: Expectations | None = None,
    *,
    allow_bool: bool = False,
    max_bytes: int = MAX_BYTES,
) -> FileResult:
    """Check one file against ``expectations``; never raises for a bad file.

    Named dimensions are compared across files by :func:`agree_named`.

    >>> check_file("/no/such.json").variables[0].message
    'no such file'
    """
    start = time.perf_counter()
    expectations = expectations or Expectations()
    try:
        result = _check(path, expectations, allow_bool, max_bytes)
        _agree_within(result, expectations)
    except Exception as exc:  # the isolation boundary: one file's failure is its own result
        result = FileResult(path, internal_error=_internal(exc))
    result.seconds = time.perf_counter() - start
    return result


def _internal(exc: BaseException) -> str:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    detail = detail if len(detail) <= 200 else detail[:197] + "..."
    reason = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return (
        f"shapekit itself failed on this file ({reason}); this is a bug in shapekit, not in the "
        "file: please report it to the shapekit developers with the file attached"
    )


def iter_check(files: Iterable[str], **options: Any) -> Iterator[FileResult]:
    """:func:`check_file` on each file in turn (options as for it), for progress bars."""
    for path in files:
        yield check_file(path, **options)


def check_paths(
    paths: Sequence[str],
    expectations: Expectations | None = None,
    *,
    allow_bool: bool = False,
    max_bytes: int = MAX_BYTES,
) -> list[FileResult]:
    """Check every file under ``paths``; results sorted by file name.

    >>> [r.ok for r in check_paths(["/no/such.json"])]
    [False]
    """
    files, results = collect_files(paths)
    options = {"expectations": expectations, "allow_bool": allow_bool, "max_bytes": max_bytes}
    results.extend(iter_check(files, **options))
    agree_named(results, expectations or Expectations())
    return sorted(results, key=lambda r: r.file)


# -- one file ---------------------------------------------------------------------------------


def _check(path: str, expectations: Expectations, allow_bool: bool, max_bytes: int) -> FileResult:
    suffix = os.path.splitext(path)[1].lower()
    kind = SUFFIXES.get(suffix, "text")
    result = FileResult(path)
    try:
        data = read_bytes(path, max_bytes)
        if kind in ("npy", "npz"):
            _check_arrays(result, data, kind, expectations, allow_bool, max_bytes)
            return result
        text = decode_text(data, path)
        if not text.strip():
            raise InputError(
                f"{path}: the file is empty; there is no array in it", kind="empty", file=path
            )
        if kind == "text":  # another suffix, named on the command line: JSON or Python
            try:
                load_json(text, path)
                kind = "json"
            except InputError as exc:
                kind = "json" if exc.kind != "syntax" else "python"
        if kind in ("python", "notebook"):
            cells: list[tuple[int | None, str]] = (
                list(code_cells(text, path).items()) if kind == "notebook" else [(None, text)]
            )
            _check_program(result, cells, expectations, allow_bool)
        elif kind == "json":
            _check_json(result, text, expectations, allow_bool)
        else:
            source = read_csv(text, file=path, delimiter="\t" if suffix == ".tsv" else ",")
            _check_nameless(result, source, expectations, allow_bool)
    except InputError as exc:  # the file as a whole cannot be read: every variable says why
        names = expectations.names or (_stem(path),)
        excerpt = source_line(path, exc.line, exc.cell, max_bytes) if exc.line else None
        result.variables = [
            _error_variable(name, exc, expectations.get(name), excerpt) for name in names
        ]
    return result


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _check_nameless(
    result: FileResult, source: Source, expectations: Expectations, allow_bool: bool
) -> None:
    """A file that holds one unnamed array: its name is the file's stem."""
    stem = _stem(result.file)
    if not expectations.names:
        result.variables.append(_judge_source(stem, source, expectations.anonymous, allow_bool))
        return
    if stem in expectations.names:
        result.variables.append(_judge_source(stem, source, expectations.get(stem), allow_bool))
        return
    what = {"csv": "a CSV table", "npy": "a .npy file", "json": "a JSON list"}.get(
        source.format, "this file"
    )
    suffix = os.path.splitext(result.file)[1] or ".json"
    wanted = list(expectations.names)
    for name in wanted:
        message = (
            f"{what} holds one array without a name, so it is read as the "
            f"variable named by the file ({stem!r}), which is not {_names(wanted)}; to check it as {name}, name the file {name}{suffix}"
        )
        result.variables.append(
            Variable(
                name,
                "missing",
                expected=_expected(expectations.get(name)),
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
    result: FileResult, text: str, expectations: Expectations, allow_bool: bool
) -> None:
    value = load_json(text, result.file)
    if not isinstance(value, dict):
        source = read_json(text, file=result.file)
        _check_nameless(result, source, expectations, allow_bool)
        return
    names = list(expectations.names)
    if not names:
        arrays = [k for k, v in value.items() if isinstance(v, list)]
        if len(arrays) != 1:
            keys = ", ".join(_short(k) for k in list(value)[:20]) or "none"
            message = (
                f"this JSON object has {len(value)} keys ({keys}); "
                "choose the array to check with --var NAME or --expect NAME=SHAPE"
            )
            result.variables.append(Variable(_stem(result.file), "missing", message=message))
            return
        source = read_json(text, file=result.file, var=arrays[0])
        result.variables.append(
            _judge_source(arrays[0], source, expectations.anonymous, allow_bool)
        )
        return
    for name in names:
        if name not in value:
            exc = missing_name(name, list(value), result.file, what="key")
            result.variables.append(_missing(name, exc, expectations.get(name)))
            continue
        source = read_json(text, file=result.file, var=name)
        result.variables.append(_judge_source(name, source, expectations.get(name), allow_bool))


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
            _judge_source(
                source.name or _stem(result.file), source, expectations.anonymous, allow_bool
            )
        )
        return
    present = npz_names(data, result.file)
    for name in names:
        if name not in present:
            exc = missing_name(name, present, result.file, what="array")
            result.variables.append(_missing(name, exc, expectations.get(name)))
            continue
        try:
            source = read_npz(data, file=result.file, var=name, max_bytes=max_bytes)
        except InputError as exc:
            result.variables.append(_error_variable(name, exc, expectations.get(name), None))
            continue
        result.variables.append(_judge_source(name, source, expectations.get(name), allow_bool))


# -- Python and notebooks ---------------------------------------------------------------------


def _check_program(
    result: FileResult,
    cells: list[tuple[int | None, str]],
    expectations: Expectations,
    allow_bool: bool,
) -> None:
    from shapekit.check.programs import analyse_cells

    if not cells:
        raise InputError(
            f"{result.file}: this notebook has no code cells", kind="no_variable", file=result.file
        )
    analysis = analyse_cells(cells, result.file, find_default=not expectations.names)
    if analysis.syntax and None in analysis.texts:  # a module that does not parse has no values
        raise analysis.syntax[0]
    own = _own_problems(analysis, result.file)
    engine = _engine_problems(analysis, result.file)
    names = list(expectations.names)
    if not names:
        if analysis.lone is not None:
            _check_lone(result, analysis, expectations, allow_bool)
        elif analysis.default is None:
            exc = analysis.default_error or InputError(
                f"{result.file}: no list or array is assigned at the top level of this code",
                kind="no_variable",
                file=result.file,
            )
            result.variables.append(_missing(_stem(result.file), exc, expectations.anonymous))
        names = [analysis.default] if analysis.default is not None else []
    hints = [s for s in analysis.slips if not s.certain]
    for name in names:
        expect = expectations.get(name) if expectations.names else expectations.anonymous
        binding = analysis.program.binding(name)
        if binding is None:
            exc = missing_name(name, list(analysis.program.names), result.file, what="variable")
            result.variables.append(_missing(name, exc, expect))
            continue
        variable = _judge_binding(result.file, binding, expect, allow_bool, analysis.texts)
        if variable.status in ("wrong-shape", "error"):
            _add_hints(variable, binding, hints)
        if variable.status == "error":  # the value's own failure is reported once, on it
            engine = [p for p in engine if not _inside(p, binding)]
        result.variables.append(variable)
    result.problems = sorted(own + engine, key=lambda p: (p.cell or 0, p.line or 0, p.column or 0))


def _own_problems(analysis: Any, file: str) -> list[Problem]:
    """Notebook cells that do not parse, and missing commas that fail when the file runs."""
    problems = []
    for exc in analysis.syntax:  # a notebook cell that does not parse fails when it runs
        excerpt = _line(analysis.texts, exc.line, exc.cell)
        message = _bare(exc.message, file)
        problems.append(Problem(exc.line, exc.column, exc.cell, message, [], None, excerpt))
    for slip in analysis.slips:
        if slip.certain:
            line, column, cell = slip.position
            excerpt = _line(analysis.texts, line, cell)
            problems.append(Problem(line, column, cell, slip.message, [], None, excerpt))
    return problems


def _engine_problems(analysis: Any, file: str) -> list[Problem]:
    """The interpreter's problems, except where a missing comma already explains them."""
    slipped = {
        (s.position.cell, line)
        for s in analysis.slips
        if s.certain
        for line in range(s.position.line, s.end_line + 1)
    }
    problems = []
    for problem in getattr(analysis.program, "problems", []):
        if (problem.cell, problem.line) in slipped:
            continue
        problems.append(
            Problem(
                problem.line,
                problem.column,
                problem.cell,
                _bare(problem.message, file),
                list(problem.fixes),
                getattr(problem, "expr", None),
                _line(analysis.texts, problem.line, problem.cell),
            )
        )
    return problems


def _check_lone(
    result: FileResult, analysis: Any, expectations: Expectations, allow_bool: bool
) -> None:
    """A file that is one expression, a literal (``[[1, 2], [3, 4]]`` in a ``.py``)."""
    from shapekit.check.readers import read_text

    text = next(iter(analysis.texts.values()))
    source = read_text(text, file=result.file)
    result.variables.append(
        _judge_source(_stem(result.file), source, expectations.anonymous, allow_bool)
    )


def _judge_binding(
    file: str,
    binding: Any,
    expect: Expect | None,
    allow_bool: bool,
    texts: dict[int | None, str],
) -> Variable:
    """The verdict on what the interpreter knows of one name."""
    name, cell = binding.name, binding.cell
    text = texts.get(cell, "")
    line, column = binding.line, binding.column
    if binding.status == "unknown":
        reason = binding.reason or f"the shape of {name} cannot be known without running the file"
        return Variable(
            name,
            "unknown",
            expected=_expected(expect),
            line=line,
            column=column,
            cell=cell,
            message=_clip(_bare(reason, file)),
            excerpt=_line(texts, line, cell),
            kind="unknown",
        )
    if binding.status == "error":
        error = _literal_error(binding, file, allow_bool) or binding.error
        if error is None:
            error = InputError(binding.reason or f"{name} is not an array", kind="error")
        _place(error, binding, text)
        return _error_variable(name, error, expect, _line(texts, error.line, error.cell), file=file)
    found = tuple(binding.shape)
    node = binding.node
    if binding.value is not None and not isinstance(binding.value, (int, float, complex)):
        from shapekit.shapes import shape

        try:
            found = shape(binding.value, name=name, allow_bool=allow_bool)
        except ShapeError as error:
            _place(error, binding, text)
            return _error_variable(
                name, error, expect, _line(texts, error.line, error.cell), file=file
            )

    def anchor(axis: int) -> tuple[int | None, int | None, int | None, str | None]:
        target = None
        if node is not None and 0 not in found[:axis]:
            target = node_at(node, (0,) * axis)
        if target is None:
            return line, column, cell, _line(texts, line, cell)
        position = node_position(target, text, cell)
        return position.line, position.column, cell, _line(texts, position.line, cell)

    return _judge_shape(name, found, expect, anchor, (line, column, cell))


def _literal_error(binding: Any, file: str, allow_bool: bool) -> ShapeError | InputError | None:
    """For a literal value (or ``np.array`` of one), the reader's own error, placed at its element."""
    from shapekit.check.readers.pysource import literal
    from shapekit.shapes import shape

    node = binding.node
    if node is None or binding.text is None or node_at(node, ()) is None:
        return None
    inner = node_at(node, ())
    if not isinstance(inner, (ast.List, ast.Tuple)):
        return None
    try:
        value = literal(inner, binding.text, file, binding.name, binding.cell)
        shape(value, name=binding.name, allow_bool=allow_bool)
    except (InputError, ShapeError) as error:
        if isinstance(error, InputError) and error.kind == "not_literal":
            return None
        return error
    return None


def _place(error: Any, binding: Any, text: str) -> None:
    """Give an error from the interpreter a position: its own, its path's, or the binding's."""
    path = getattr(error, "path", None)
    if getattr(error, "line", None) is not None and path is None:
        if getattr(error, "cell", None) is None:
            error.cell = binding.cell
        return
    node = node_at(binding.node, path) if binding.node is not None and path is not None else None
    if node is not None:
        error.line, error.column, _ = node_position(node, text)
    else:
        error.line, error.column = binding.line, binding.column
    error.cell = binding.cell


def _inside(problem: Problem, binding: Any) -> bool:
    """Whether ``problem`` is the failure of ``binding``'s own value (reported once, there)."""
    node = binding.node
    if node is None or problem.line is None or problem.cell != binding.cell:
        return False
    return node.lineno <= problem.line <= (node.end_lineno or node.lineno)


def _add_hints(variable: Variable, binding: Any, hints: list[Any]) -> None:
    node = binding.node
    if node is None:
        return
    first, last = node.lineno, node.end_lineno or node.lineno
    for slip in hints:
        if slip.position.cell == binding.cell and first <= slip.position.line <= last:
            variable.message = _clip(
                f"{variable.message} (line {slip.position.line}, column {slip.position.column}: "
                f"{slip.message})"
            )
            return


# -- verdicts ---------------------------------------------------------------------------------


def _judge_source(name: str, source: Source, expect: Expect | None, allow_bool: bool) -> Variable:
    """The verdict on a value a reader read (JSON, CSV, NumPy files, literals)."""
    try:
        found = source.shape(allow_bool=allow_bool)
    except ShapeError as error:
        here = Position(error.line, error.column or 1, error.cell) if error.line else None
        return _error_variable(name, error, expect, source.line_text(here), file=source.file)

    def anchor(axis: int) -> tuple[int | None, int | None, int | None, str | None]:
        path = (0,) * axis if 0 not in found[:axis] else ()
        position = source.locate(path)
        if position is None:
            return None, None, None, None
        return position.line, position.column, position.cell, source.line_text(position)

    variable = _judge_shape(name, found, expect, anchor, None)
    for note in getattr(source, "notes", ()):
        variable.message = f"{variable.message} ({note})"
    return variable


def _judge_shape(
    name: str,
    found: tuple[int, ...],
    expect: Expect | None,
    anchor: Any,
    where: tuple[int | None, int | None, int | None] | None,
) -> Variable:
    line, column, cell = where or anchor(0)[:3]
    variable = Variable(
        name, "ok", shape=found, expected=_expected(expect), line=line, column=column, cell=cell
    )
    variable.locate_axis = anchor
    if expect is None:
        return variable
    problem = _compare(name, found, expect)
    if problem is not None:
        message, axis = problem
        line, column, cell, excerpt = anchor(axis)
        variable.status, variable.message, variable.kind = "wrong-shape", message, "wrong_shape"
        variable.line, variable.column, variable.cell, variable.excerpt = (
            line,
            column,
            cell,
            excerpt,
        )
    return variable


def _compare(name: str, found: tuple[int, ...], expect: Expect) -> tuple[str, int] | None:
    """Why ``found`` does not fit ``expect`` (message, axis to point at), or ``None``."""
    head = f"{name} has shape {shape_text(found)}, but {expect} was expected"
    if len(found) != len(expect.dims):
        dims = "dimension" if len(found) == 1 else "dimensions"
        return f"{head}: {len(found)} {dims} instead of {len(expect.dims)}", 0
    seen: dict[str, int] = {}
    for axis, (want, have) in enumerate(zip(expect.dims, found, strict=True)):
        if isinstance(want, int) and want != have:
            return f"{head}: dimension {axis} is {have}, not {want}", axis
        if isinstance(want, str):
            first = seen.setdefault(want, axis)
            if first != axis and found[first] != have:
                return (
                    f"{head}: dimension {axis} ({want}) is {have} but dimension {first} ({want}) "
                    f"is {found[first]}; they must be equal"
                ), axis
    return None


def _expected(expect: Expect | None) -> list[Any] | None:
    return expect.to_json() if expect is not None else None


def _missing(name: str, exc: InputError, expect: Expect | None) -> Variable:
    message = _bare(exc.message, exc.file)
    return Variable(name, "missing", expected=_expected(expect), message=message, kind=exc.kind)


def _error_variable(
    name: str,
    error: ShapeError | InputError,
    expect: Expect | None,
    excerpt: str | None,
    *,
    file: str | None = None,
) -> Variable:
    message = _bare(error.message, file or getattr(error, "file", None))
    status = "missing" if getattr(error, "kind", None) == "no_variable" else "error"
    return Variable(
        name,
        status,
        expected=_expected(expect),
        line=error.line,
        column=error.column,
        cell=error.cell,
        message=_clip(message),
        excerpt=excerpt,
        kind=getattr(error, "kind", "error"),
    )


def _bare(message: str, file: str | None) -> str:
    """A reader's message without its leading ``file:line:col:`` (reports add their own).

    >>> _bare("a.py:3:5 (cell 2): not valid", "a.py")
    'not valid'
    """
    for where in (file, "<input>"):
        if where and message.startswith(where):
            match = _LOCATION.match(message, len(where))
            if match is not None:
                return _clip(message[match.end() :])
    return _clip(message)


_LOCATION = re.compile(r"(?::\d+)?(?::\d+)?(?: \(cell \d+\))?: ")


def _line(texts: dict[int | None, str], line: int | None, cell: int | None) -> str | None:
    text = texts.get(cell)
    return None if text is None or line is None else line_of(text, line)


def _clip(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def _short(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


# -- named dimensions ---------------------------------------------------------------------------


def _occurrences(
    results: Iterable[FileResult], expectations: Expectations
) -> Iterator[tuple[FileResult, Variable, str, int, int]]:
    """Each (result, variable, dimension name, axis, length) of a passing variable."""
    for result in results:
        for variable in result.variables:
            expect = (
                expectations.get(variable.name) if expectations.names else expectations.anonymous
            )
            if variable.status != "ok" or variable.shape is None or expect is None:
                continue
            if len(expect.dims) != len(variable.shape):
                continue
            for axis, dim in enumerate(expect.dims):
                if isinstance(dim, str):
                    yield result, variable, dim, axis, variable.shape[axis]


def _agree_within(result: FileResult, expectations: Expectations) -> None:
    """Named dimensions shared by several variables of one file must agree there."""
    first: dict[str, tuple[Variable, int, int]] = {}
    for _result, variable, dim, axis, length in list(_occurrences([result], expectations)):
        if variable.status != "ok":
            continue
        if dim not in first:
            first[dim] = (variable, axis, length)
            continue
        other, other_axis, agreed = first[dim]
        if length != agreed and other is not variable:
            message = (
                f"{variable.name} has shape {shape_text(variable.shape)}: dimension {axis} ({dim}) "
                f"is {length}, but it is {agreed} in {other.name} (dimension {other_axis}); "
                f"the two must be equal"
            )
            _fail_axis(variable, axis, message)


def agree_named(results: list[FileResult], expectations: Expectations) -> None:
    """Fail the variables whose named dimensions differ from what most files agree on.

    >>> from shapekit.check.results import Variable
    >>> results = [FileResult(f, [Variable("x", "ok", shape=s)]) for f, s in
    ...            [("a", (3, 4)), ("b", (5, 4)), ("c", (3, 4))]]
    >>> agree_named(results, Expectations.parse(["x=batch,4"]))
    >>> [r.ok for r in results], results[1].variables[0].message
    ([True, False, True], 'x has shape (5, 4): dimension 0 (batch) is 5 here but 3 in the other files')
    """
    votes: dict[str, list[tuple[FileResult, Variable, int, int]]] = {}
    for result, variable, dim, axis, length in _occurrences(results, expectations):
        votes.setdefault(dim, []).append((result, variable, axis, length))
    for dim, found in votes.items():
        per_file: dict[str, int] = {}
        for result, _variable, _axis, length in found:
            per_file.setdefault(result.file, length)  # each file votes once
        if len(per_file) < 2:
            continue
        order = list(per_file.values())
        counts = Counter(order)
        agreed = max(counts, key=lambda n: (counts[n], -order.index(n)))
        for _result, variable, axis, length in found:
            if length != agreed and variable.status == "ok":
                message = (
                    f"{variable.name} has shape {shape_text(variable.shape)}: dimension {axis} "
                    f"({dim}) is {length} here but {agreed} in the other files"
                )
                _fail_axis(variable, axis, message)


def _fail_axis(variable: Variable, axis: int, message: str) -> None:
    variable.status, variable.message, variable.kind = "wrong-shape", message, "wrong_shape"
    if variable.locate_axis is not None:
        line, column, cell, excerpt = variable.locate_axis(axis)
        variable.line, variable.column, variable.cell, variable.excerpt = (
            line,
            column,
            cell,
            excerpt,
        )
