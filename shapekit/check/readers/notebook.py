"""Jupyter notebooks: the code cells are read as Python source, never run.

The variable is taken from the last code cell that assigns it at the top
level (what running the notebook top to bottom leaves). Cells are numbered
from 1 in notebook order, counting every cell, as a reader scrolling the
notebook sees them; positions are lines and columns inside that cell.
IPython's own syntax is blanked before parsing so it does not count as a
syntax error: magics and shell lines (``%matplotlib``, ``!pip``, ``x = !ls``),
help requests (``np.dot?``, ``?np.dot``), and the whole body of a cell magic
whose body is not Python (``%%bash``, ``%%writefile``); ``%%time`` and the like
keep their Python body.

What the timing magics run is kept where running it leaves the same names as
IPython does (checked against IPython's own ``InteractiveShell``):

- ``%time STATEMENT`` (and ``%prun [options] STATEMENT``) runs the statement in the
  notebook's namespace, so ``%time hidden = X @ W`` assigns ``hidden``: the line is read as
  ``pass ;hidden = X @ W`` (the statement keeps its columns; a compound
  statement such as ``%time for ...: ...`` moves to the start of the line).
  ``out = %time X @ W`` assigns the expression's value. Inside a ``def``, IPython
  assigns into a copy of the function's locals, so there the line is blanked.
- ``%%writefile PATH`` writes its body to ``PATH``: its first line is read as the
  ``open(PATH, "w")`` it does, so that a later read of ``PATH`` is not judged on a
  copy an older run left on disk (see :mod:`shapekit.engine._datafiles`).
- ``%timeit STATEMENT`` and a ``%%timeit`` cell run in a function of their own:
  what they assign never reaches the notebook (the next cell's ``hidden`` is a
  NameError). Their code is kept only when it binds and changes nothing
  (``%timeit np.dot(X, W)``), where reading it in place raises the same errors;
  otherwise it is blanked, and its names are missing, as they are when it runs.
"""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
import warnings
from collections.abc import Sequence
from typing import Any

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
    r"|^[ \t]*\?{1,2}[\w.*]+[ \t]*$|^[ \t]*[\w.*]+\?{1,2}[ \t]*$"  # ?np.dot, np.dot??
    # y = x? (IPython shows x's help: the whole line, which assigns nothing)
    r"|^[ \t]*[^#'\"\n]*[^\w.#'\"\n?][A-Za-z_][\w.]*\?{1,2}[ \t]*$",
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


def code_cells(
    text: str,
    file: str | None,
    blanked: list[int] | None = None,
    written: dict[int, str] | None = None,
    allowed: set[int] | None = None,
) -> dict[int, str]:
    """The source of each code cell, keyed by its 1-based number among all cells
    (``written`` collects the cells whose IPython syntax was blanked, as they are written;
    ``blanked`` collects the numbers of cells whose IPython syntax was blanked and may bind
    names shapekit does not see: ``x = !ls``, ``%run``, ``%%capture out`` …; a cell whose only
    IPython syntax is ``%time``, ``%%timeit``, ``%matplotlib``, a shell line … is not among
    them, so a notebook of such cells still runs in order as a module does; ``allowed``
    collects the cells tagged ``raises-exception``, whose error Jupyter and nbclient let
    pass, going on with the next cell). A cell tagged ``skip-execution`` is not run (its
    lines are kept, blank).

    >>> code_cells('{"cells": [{"cell_type": "code", "source": "%time\\\\nx = 1"}]}', None)
    {1: '\\nx = 1'}
    """
    notebook = load_json(text, file)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    worksheets = notebook.get("worksheets") if isinstance(notebook, dict) else None
    if cells is None and isinstance(worksheets, list):  # nbformat 3, which Jupyter still opens
        cells = [c for w in worksheets if isinstance(w, dict) for c in w.get("cells") or ()]
        cells = [dict(c, source=c.get("input", "")) if isinstance(c, dict) else c for c in cells]
    if not isinstance(cells, list):
        raise InputError(
            f"{file or '<input>'}: this is JSON but not a Jupyter notebook (it has no list of cells)",
            kind="syntax",
            file=file,
        )
    found: dict[int, str] = {}
    macros: set[str] = set()
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):  # nbformat: text, or a list of lines of text
            raise InputError(
                f"{file or '<input>'}: cell {number} is not a valid notebook cell: its source "
                f"must be text or a list of lines of text, and it is {_json_kind(source)} "
                "(Jupyter cannot open this notebook)",
                kind="syntax",
                file=file,
            )
        tags = _tags(cell)
        if "skip-execution" in tags:  # (Jupyter Book and nbclient do not run it)
            found[number] = "\n" * source.count("\n")
            continue
        if "raises-exception" in tags and allowed is not None:
            allowed.add(number)
        raw, source = source, _leading_indent(source)
        found[number] = _blank_ipython(_automagic(_escaped(_continued(_prompts(source)))))
        if "%macro" in source:  # %macro m 2: a cell `m` runs cell 2 again
            macros.update(_MACRO.findall(source))
        if source.strip() in macros:
            found[number] = "exec(input)" + "\n" * source.count("\n")
        if written is not None and found[number] != raw:  # as written, for the excerpts
            written[number] = raw
        if blanked is not None and found[number] != source and _may_bind(source):
            blanked.append(number)
    if len(found) > MAX_CODE_CELLS:
        raise InputError(
            f"{file or '<input>'}: the notebook has {len(found):,} code cells, more than the "
            f"{MAX_CODE_CELLS:,} shapekit reads (each is parsed on its own)",
            kind="over_limit",  # a limit of shapekit's, not a fault of the notebook: unknown
            file=file,
        )
    check_code_size(sum(len(source) for source in found.values()), file)
    return found


def _tags(cell: dict[str, Any]) -> set[str]:
    """The tags of a notebook cell (``metadata.tags``), those written as text."""
    metadata = cell.get("metadata")
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    return {t for t in tags if isinstance(t, str)} if isinstance(tags, list) else set()


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list holding something other than text"
    return {type(None): "null", bool: "true or false", dict: "an object"}.get(
        type(value), "a number"
    )


def _leading_indent(source: str) -> str:
    """A cell as IPython runs it: when its first line that is not blank is indented, that
    indentation is taken off every line that starts with it (blank lines before it are
    dropped, so they are emptied here, keeping every line in place).

    >>> _leading_indent("\\n    x = 1\\n    y = x\\n")
    '\\nx = 1\\ny = x\\n'
    """
    if not source[:1].isspace():
        return source  # most cells: the first line starts with code
    lines = source.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first == len(lines):
        return source
    space = re.match(r"[ \t]*", lines[first]).group()  # type: ignore[union-attr]
    if not space:
        return source
    n = len(space)
    kept = ["" for _ in lines[:first]]
    kept += [line[n:] if line.startswith(space) else line for line in lines[first:]]
    return "\n".join(kept)


#: IPython's own prompts (``In [3]:`` and ``...:``), which it takes off a cell pasted from
#: a console when the first or second line has one (Python's: see :func:`_doctest_prompts`)
_IPYTHON_PROMPT = re.compile(r"^(((\[nav\]|\[ins\])? )?In \[\d+\]: |\s*\.{3,}: ?)")


def _prompts(source: str) -> str:
    """A cell pasted from a console, as IPython 9 runs it: with a line outside a
    triple-quoted string that starts with ``>>>``, the ``>>>`` and ``...`` prompts are taken
    off every line outside such strings, and those lines dedented; with IPython's prompt on
    the first line that is not blank (or on the second), that prompt is taken off every
    line.

    >>> _prompts(">>> x = [1,\\n...      2]\\n>>> y = x")
    'x = [1,\\n     2]\\ny = x'
    >>> _prompts("In [1]: import numpy as np\\n   ...: x = 1")
    'import numpy as np\\nx = 1'
    >>> _prompts("h = (x +\\n...  w)")  # no >>>: an Ellipsis, as IPython leaves it
    'h = (x +\\n...  w)'
    >>> _prompts("def f():\\n    \'\'\'\\n    >>> f()\\n    \'\'\'\\n    ...")  # a docstring's
    "def f():\\n    \'\'\'\\n    >>> f()\\n    \'\'\'\\n    ..."
    """
    if ">>>" not in source and "In [" not in source and "...:" not in source:
        return source  # most cells
    lines = source.split("\n")
    if ">>>" in source:
        lines = _doctest_prompts(lines)
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    head = lines[first : first + 2]
    if head and any(_IPYTHON_PROMPT.match(line) for line in head):
        lines = [_IPYTHON_PROMPT.sub("", line, count=1) for line in lines]
    return "\n".join(lines)


_TRIPLE_QUOTE = re.compile(r"(?<!\\)(\"\"\"|''')")
_STRING_PREFIX = re.compile(r"(?i)^[rubf]*$")
#: Python's prompts, which IPython takes off where a line has ``>>>``
_DOCTEST_PS1 = re.compile(r"^\s*>>>[ \t]?")
_DOCTEST_PS2 = re.compile(r"^\s*\.\.\.[ \t]?")


def _doctest_prompts(lines: list[str]) -> list[str]:
    """IPython 9's doctest prompts (its ``classic_prompt``): the lines inside a triple-quoted
    string that a line without a prompt opened are kept as they are."""
    inside = _in_triple_quotes(lines)
    if not any(
        not kept and _DOCTEST_PS1.match(line) for line, kept in zip(lines, inside, strict=True)
    ):
        return lines
    out: list[str] = []
    stripped: list[bool] = []
    for line, kept in zip(lines, inside, strict=True):
        new = line
        if not kept:
            new = (_DOCTEST_PS1 if _DOCTEST_PS1.match(line) else _DOCTEST_PS2).sub("", line, 1)
        out.append(new)
        stripped.append(new != line)
    done: list[str] = []
    index = 0
    while index < len(out):  # each run of lines outside such strings, dedented
        end = index
        while end < len(out) and inside[end] == inside[index]:
            end += 1
        segment = out[index:end]
        if not inside[index] and any(stripped[index:end]):
            segment = textwrap.dedent("\n".join(segment)).split("\n")
        done.extend(segment)
        index = end
    return done


def _in_triple_quotes(lines: list[str]) -> list[bool]:
    """For each line, whether it is inside a triple-quoted string that a line without a
    prompt opened (IPython's own guess, line by line)."""
    mask: list[bool] = []
    quote: str | None = None
    keep = seen = False
    for line in lines:
        mask.append(quote is not None and keep)
        for found in _TRIPLE_QUOTE.finditer(line):
            if quote is None:
                quote = found.group(1)
                before = line[: found.start()]
                bare = _DOCTEST_PS2.sub("", _DOCTEST_PS1.sub("", before, 1), 1)
                prompted = bare != before and seen
                keep = not prompted and bool(_STRING_PREFIX.match(bare.strip()))
                mask[-1] = keep
            elif quote == found.group(1):
                quote, keep = None, False
        seen = seen or bool(_DOCTEST_PS1.match(line))
    return mask


def _placeholder_line(line: str) -> str:
    """A shell line or a magic read as a statement of Python where it stands (its
    backslash kept: the lines it continues are its own)."""
    indent = line[: len(line) - len(line.lstrip())]
    return indent + "pass" + (" \\" if line.rstrip().endswith("\\") else "")


def _escape_lines(source: str) -> set[int]:
    """The indexes of the lines IPython reads as its own syntax (a magic, a shell line, a
    help request: see :data:`_MAGIC`): only where a logical line of Python starts, not
    inside a string, a bracket or a backslash's continuation of the Python before it
    (``n = (7`` then ``% 4)`` is Python's modulo). An escape line ends where it ends (its
    brackets continue nothing), so the lines are decided in order, each on the Python
    before it: in one pass of Python's tokenizer, fed line by line, an escape line fed as a
    placeholder statement (the cell is read once, however many escape lines it has)."""
    lines = source.split("\n")
    candidates = {i for i, line in enumerate(lines) if _MAGIC.fullmatch(line)}
    if not candidates:
        return set()
    reader = _LineReader(lines, candidates)
    try:
        for token in tokenize.generate_tokens(reader.readline):
            if token.type == tokenize.OP and token.string in "([{":
                reader.depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                reader.depth -= 1  # (below 0, an unmatched closing one: no line starts)
            reader.last = token.type
    except tokenize.TokenError:  # EOF in a multi-line statement or string: nothing after
        pass
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # Python cannot read the cell past here: each escape line after counts as one
        reader.found |= {i for i in candidates if i >= reader.next}
    return reader.found


class _LineReader:
    """The lines of a cell fed to Python's tokenizer one by one, a candidate escape line
    met where a logical line starts (the last token a NEWLINE or a blank line's NL, no
    bracket open) fed as a placeholder statement and kept in ``found``."""

    def __init__(self, lines: list[str], candidates: set[int]) -> None:
        self.lines, self.candidates = lines, candidates
        self.found: set[int] = set()
        self.next, self.depth = 0, 0
        self.last: int | None = tokenize.NEWLINE  # (the type of the last token read)

    def readline(self) -> str:
        index = self.next
        if index >= len(self.lines):
            return ""
        self.next = index + 1
        starts = self.depth == 0 and self.last in (tokenize.NEWLINE, tokenize.NL)
        self.last = None  # (a line read without a token after: a string, a backslash)
        if index in self.candidates and starts:
            self.found.add(index)
            return _placeholder_line(self.lines[index]) + "\n"
        return self.lines[index] + "\n"


def _sub_escapes(source: str) -> str:
    """``source`` with each line IPython reads as its own syntax (see :func:`_escape_lines`)
    read as :func:`_blanked_line` reads it."""
    if "%" not in source and "!" not in source and "?" not in source:
        return source
    escapes = _escape_lines(source)
    if not escapes:
        return source
    lines = source.split("\n")
    for index in escapes:
        found = _MAGIC.fullmatch(lines[index])
        if found is not None:
            lines[index] = _blanked_line(found)
    return "\n".join(lines)


def _logical_starts(source: str) -> set[int] | None:
    """The indexes of the lines where a logical line of Python starts (not inside brackets
    or a string), as IPython finds its escapes; None when the cell cannot be read so."""
    starts: set[int] = set()
    depth, fresh = 0, True
    # a shell line or a magic (`!echo (`, `!echo \'\'\'`) is no Python: read as blank
    escapes = _escape_lines(source)
    python = "\n".join(
        _placeholder_line(line) if index in escapes else line
        for index, line in enumerate(source.split("\n"))
    )
    try:
        for token in tokenize.generate_tokens(io.StringIO(python).readline):
            kind, text = token.type, token.string
            if kind in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
                if kind == tokenize.NL and depth == 0:
                    fresh = True
                continue
            if kind == tokenize.NEWLINE:
                fresh = True
                continue
            if fresh and depth == 0:
                starts.add(token.start[0] - 1)
            fresh = False
            if kind == tokenize.OP and text in "([{":
                depth += 1
            elif kind == tokenize.OP and text in ")]}":
                depth = max(0, depth - 1)
    except (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return starts


#: a line IPython reads as a magic or a shell line (``out = %time …`` too), which a
#: backslash at its end continues
_MAGIC_START = re.compile(r"[ \t]*(?:[%!]|[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*[%!])")


def _continued(source: str) -> str:
    """A line magic or shell line continued with a backslash, joined as IPython joins it (the
    lines it takes are emptied, keeping every line in place); only where a logical line
    starts (not in a string).

    >>> _continued("%time x = \\\\\\n  1\\ny = x")
    '%time x =    1\\n\\ny = x'
    """
    if "\\\n" not in source:
        return source  # most cells
    lines = source.split("\n")
    candidates = [
        i
        for i, line in enumerate(lines)
        if _MAGIC_START.match(line) and line.rstrip().endswith("\\")
    ]
    if not candidates:
        return source
    starts = _logical_starts(source)
    if starts is None:
        return source
    for index in candidates:
        if index not in starts or not lines[index].rstrip().endswith("\\"):
            continue
        end = index
        parts = [lines[index]]
        while parts[-1].rstrip().endswith("\\") and end + 1 < len(lines):
            end += 1
            parts.append(lines[end])
        joined = " ".join([p.rstrip()[:-1] for p in parts[:-1]] + [parts[-1].rstrip()])
        lines[index : end + 1] = [joined] + [""] * (end - index)
    return "\n".join(lines)


#: a line IPython reads as a call: ``/f a, b`` is ``f(a, b)``, ``,f a b`` is ``f("a", "b")``,
#: ``;f a b`` is ``f("a b")``
_ESCAPED_CALL = re.compile(
    r"^(?P<indent>[ \t]*)(?P<escape>[/,;])(?P<name>[A-Za-z_][\w.]*)(?: (?P<args>.*))?$",
    re.MULTILINE,
)


def _escaped(source: str) -> str:
    """A cell with IPython's escaped calls written as the calls IPython makes of them, on
    lines where a logical line starts (a line of a bracket may start with ``/`` or ``,``).

    >>> _escaped("/f 1 2\\n,g a b\\n;h a b\\nl = [1\\n,b]")
    'f(1, 2)\\ng("a", "b")\\nh("a b")\\nl = [1\\n,b]'
    """
    if _ESCAPED_CALL.search(source) is None:
        return source  # most cells
    starts = _logical_starts(source)
    if starts is None:
        return source
    lines = source.split("\n")
    for index, line in enumerate(lines):
        found = _ESCAPED_CALL.fullmatch(line)
        if found is None or index not in starts:
            continue
        args = found["args"] or ""
        if found["escape"] == "/":
            given = ", ".join(args.split())
        elif found["escape"] == ",":
            given = ", ".join(f'"{a}"' for a in args.split()) if args.split() else '""'
        else:
            given = f'"{args}"'
        lines[index] = f"{found['indent']}{found['name']}({given})"
    return "\n".join(lines)


def _blanked_line(match: re.Match[str]) -> str:
    """What a line of IPython's own syntax is read as: nothing, or ``pass`` where it is the
    body of a block (``for i in range(2):`` then ``    !pip install nnfs``), as IPython
    runs it there as a statement of its own."""
    line = match.group()
    indent = line[: len(line) - len(line.lstrip())]
    if line.lstrip().startswith(("%cd", "%pushd", "%popd")):
        return f"{indent}pass  # %cd"  # kept in a comment: the working directory changes
    magic = re.fullmatch(r"%%([\w-]*)[ \t]*(?:[ \t].*)?", line.strip())
    if magic is not None:  # a cell magic past the cell's first line is run as a line magic,
        # which IPython does not have: its UsageError stops the cell there
        shown = f"%%{magic.group(1)}"
        return (
            f'{indent}raise Exception("IPython raises a UsageError: Line magic function '
            f"`{shown}` not found (a cell magic such as {shown} is one only on the cell's "
            'first line)")'
        )
    if re.match(r"%(?:run|rerun)\b", line.lstrip()):  # code shapekit does not read runs in
        # the notebook's namespace (%run binds its names there, %rerun runs cells again):
        # read as exec() of code not known, which may change any of its names
        return f"{indent}exec(input)"
    return f"{indent}pass" if indent else ""


def _automagic(source: str) -> str:
    """A cell of one line that is IPython's automagic written with its ``%`` (``cd data``,
    ``time h = x @ w``: IPython runs a cell of one line that starts with a line magic's name
    as that magic, when the line is not Python; a name alone, ``pwd``, when the magic needs
    nothing more).

    >>> _automagic("cd data"), _automagic("time h = x"), _automagic("pwd"), _automagic("time = 5")
    ('%cd data', '%time h = x', '%pwd', 'time = 5')
    >>> _automagic("x = [\\n    history\\n]")  # a cell of several lines: Python as written
    'x = [\\n    history\\n]'
    """
    if "\n" in source.strip():
        return source  # IPython applies automagic to a cell of one line only
    found = _AUTOMAGIC.search(source)
    if found is None:
        return source  # most cells
    name = found.start("name")
    rest = source[found.end("name") : found.end()].lstrip(" \t")
    if (
        rest[:1] in ("=", ",", "(", "[")
        or rest[:2] in _AUGMENTED
        or (rest[:1] == "." and rest[1:2].isidentifier())
    ):
        return source  # Python: time = 5, time.sleep(1), ls[0] (but cd .. is a magic)
    if not rest and found["name"] not in _BARE_MAGICS:
        return source
    if rest:
        try:
            ast.parse(found.group().strip())
        except SyntaxError:
            pass
        else:
            return source  # a line Python reads (`run = 3 if x else 4` …) stays Python
    return f"{source[:name]}%{source[name:]}"


#: IPython's line magics a line may start with, without their %, as automagic runs them
_AUTOMAGIC = re.compile(
    r"^[ \t]*(?P<name>cd|time|timeit|pwd|ls|pip|conda|who|whos|env|load_ext|reload_ext|"
    r"matplotlib|run|history|reset|store|mkdir|rm|cp|mv|cat|pylab|precision|xdel|config|"
    r"alias|bookmark|dhist|prun|lsmagic|autoreload|aimport|save|load|sx|system|clear|"
    r"capture|pdb|debug|page|psearch|pinfo|pinfo2|doctest_mode|notebook|logstart|logstop|"
    r"reset_selective|rehashx|sc|tb|xmode|killbgscripts|pycat|macro|recall|rerun|edit|"
    r"colors|automagic|autocall|autoawait|gui|magic|quickref|unalias|popd|pushd|dirs)"
    r"(?=[ \t]|$)[^\n]*$",
    re.MULTILINE,
)
#: those that take nothing more (a line of the name alone runs them)
_BARE_MAGICS = frozenset({"cd", "pwd", "ls", "who", "whos", "env", "history", "lsmagic", "dhist",
                          "clear", "reset", "dirs", "popd", "quickref", "magic"})  # fmt: skip
_AUGMENTED = frozenset({"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "//", "**", "<<",
                        ">>", "==", "!=", "<=", ">=", ":="})  # fmt: skip


def _blank_ipython(source: str) -> str:
    """A cell's source with IPython's own syntax blanked, keeping every line in place.

    >>> _blank_ipython("np.dot?\\nx = 1")
    '\\nx = 1'
    >>> _blank_ipython("%%bash\\necho hi"), _blank_ipython("%%time\\nx = 1")
    ('\\n', '\\nx = 1')
    >>> _blank_ipython("%time h = x @ w"), _blank_ipython("%timeit h = x @ w")
    ('pass ;h = x @ w', '')
    >>> _blank_ipython("%%timeit -n1\\nh = x @ w"), _blank_ipython("%%timeit\\n!ls")
    ('\\nh = x @ w', '\\n')
    """
    if "%" not in source and "!" not in source and "?" not in source:
        return source  # most cells: no magic, shell line or help request to blank
    lead = re.match(r"(?:[ \t]*\n)+", source)  # IPython drops a cell's first blank lines
    if lead is not None and source[lead.end() :].lstrip(" \t").startswith("%%"):
        return "\n" * lead.group().count("\n") + _blank_ipython(source[lead.end() :])
    cell_magic = re.match(r"[ \t]*%%([\w-]*)", source)
    if cell_magic is not None and cell_magic.group(1) == "timeit":
        return _timeit_cell(source)
    if cell_magic is not None and cell_magic.group(1) == "writefile":
        return _writefile(source)
    if cell_magic is not None and cell_magic.group(1) not in _PYTHON_CELL_MAGICS:
        return "\n" * source.count("\n")
    if cell_magic is not None:  # %%time: its body is Python, the magic's line is blanked
        first, end, rest = source.partition("\n")
        indent = first[: len(first) - len(first.lstrip())]
        source = (f"{indent}pass" if indent else "") + end + rest
    if "%time" not in source and "%prun" not in source:
        return _sub_escapes(source)
    lines = source.split("\n")
    kept: dict[int, str] = {}  # line index -> the timed statement read in place of the magic
    for index, line in enumerate(lines):
        statement = _timed_statement(line)
        if statement is not None:
            kept[index] = statement
    if not kept:
        return _sub_escapes(source)
    blanked = _sub_escapes(source).split("\n")
    read = [kept.get(index, text) for index, text in enumerate(blanked)]
    try:
        tree = _compiled("\n".join(read), "exec", ast_only=True)
    except (SyntaxError, ValueError):
        return "\n".join(blanked)  # not kept: the magics alone must not make a syntax error
    except (RecursionError, MemoryError):  # too deep for Python: the parser says so
        return "\n".join(read)
    for node in ast.walk(tree):  # %time inside a def assigns to a copy of its locals
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for index in range(node.lineno - 1, (node.end_lineno or node.lineno)):
                if index in kept:
                    read[index] = blanked[index]
    return "\n".join(read)


#: ``%time`` / ``%timeit`` on a line of its own (``out = %time …`` assigns its value)
_TIMED_LINE = re.compile(
    r"(?P<indent>[ \t]*)(?P<target>[A-Za-z_]\w*[ \t]*=[ \t]*)?"
    r"(?P<magic>%(?P<name>time|timeit|prun)(?:[ \t]+|$))(?P<rest>.*)",
    re.DOTALL,
)
#: options that take a value (``-n 10``, ``-r3``, ``-p 4``), by magic
_VALUED = {"timeit": ("-n", "-r", "-p"), "prun": ("-D", "-T", "-s", "-l")}
#: compound statements, which cannot follow ``pass ;`` on one line
_COMPOUND = (
    ast.For, ast.AsyncFor, ast.While, ast.If, ast.With, ast.AsyncWith, ast.Try,
    ast.TryStar, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Match,
)  # fmt: skip
#: methods that change what they are called on (code doing so many times is not kept)
_MUTATING = frozenset({
    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update",
    "add", "discard", "setdefault", "popitem", "resize", "fill", "put", "itemset", "setflags",
    "shuffle", "write", "seek", "close", "send", "__setitem__", "__delitem__",
})  # fmt: skip


def _timed_statement(line: str) -> str | None:
    """What IPython runs in the notebook's namespace for a ``%time`` / ``%timeit`` /
    ``%prun`` line,
    written in place of the magic so that every column stays where it was (None: blank it).

    >>> _timed_statement("%time h = x @ w"), _timed_statement("out = %time x @ w")
    ('pass ;h = x @ w', 'out =       x @ w')
    >>> _timed_statement("%timeit -n1 -r 2 np.dot(x, w)"), _timed_statement("%timeit y = 1")
    ('pass            ;np.dot(x, w)', None)
    """
    found = _TIMED_LINE.fullmatch(line.rstrip("\r"))
    if found is None or not found.group("rest").strip():
        return None
    indent, target, rest = found.group("indent"), found.group("target"), found.group("rest")
    prefix = found.group("magic")
    if found.group("name") == "timeit":
        if target is not None:
            return None  # ``r = %timeit -o …`` is a TimeitResult, not an array
        options, rest = _timeit_options(rest)
        prefix += options
        if not rest.strip():
            return None
        if not changes_nothing(rest):  # its names stay in timeit's own function, but what
            # it changes in place (L.append(0)) changes, as many times as it runs: read as a
            # comprehension over items not known
            try:
                _compiled(rest, "eval")
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            if len(prefix) < 6:
                return None
            counts = dict(re.findall(r"(?:^|[ \t])-([nr])[ \t]*(\d{1,4})\b", options))
            head = indent + "pass" + " " * (len(prefix) - 6) + ";"
            if "n" in counts:  # -n N -r R: N times R (R is 7 unless told)
                runs = int(counts["n"]) * int(counts.get("r", 7))
                return head + "[" + rest + f" for _ in range({runs})]"
            # without -n, timeit's choice: once at least (where it is written), then more
            return head + rest + ";[" + rest + " for _ in iter(int, 1)]"
    if found.group("name") == "prun":  # run in the notebook's namespace, as %time is
        if target is not None:
            return None
        options, rest = _timeit_options(rest, "prun")
        prefix += options
        if not rest.strip():
            return None
    if target is not None:  # ``out = %time EXPR``: EXPR's value
        try:
            _compiled(rest, "eval")
        except (SyntaxError, ValueError):
            return None
        except (RecursionError, MemoryError):
            pass  # kept: the parser reports code nested too deeply
        return indent + target + " " * len(prefix) + rest
    try:
        tree = _compiled(rest, "exec", ast_only=True)
        _compiled(rest, "exec")  # what only the compiler refuses: ``return`` outside a def
    except (SyntaxError, ValueError):
        return None
    except (RecursionError, MemoryError):  # kept: the parser reports code nested too deeply
        tree = ast.Module(body=[ast.Pass()], type_ignores=[])
    if not tree.body:
        return None
    if isinstance(tree.body[0], _COMPOUND):  # its columns move left by the magic's width
        return indent + rest
    return indent + "pass" + " " * (len(prefix) - 5) + ";" + rest


def _timeit_options(rest: str, magic: str = "timeit") -> tuple[str, str]:
    """``%timeit``'s (or ``magic``'s) options (``-n1 -r 3 -q``, as written) and the statement
    after them.

    >>> _timeit_options("-n 1 -r1 -q x @ w")
    ('-n 1 -r1 -q ', 'x @ w')
    """
    taken = 0
    while True:
        option = re.match(r"(-[A-Za-z]+)([ \t]*)", rest[taken:])
        if option is None:
            return rest[:taken], rest[taken:]
        taken += option.end()
        if option.group(1) in _VALUED[magic]:  # the value written apart: ``-n 10``
            value = re.match(r"\S+[ \t]*", rest[taken:])
            taken += value.end() if value is not None else 0


def _timeit_cell(source: str) -> str:
    """A ``%%timeit`` cell: its set-up (on the magic's line) and its body, each in place
    (how often each runs, in a function of timeit's own, is the checker's: see
    ``shapekit.check.programs``); blanked when either is not Python.

    >>> _timeit_cell("%%timeit -r1\\nnp.dot(x, w)"), _timeit_cell("%%timeit\\nh = 1\\nh")
    ('\\nnp.dot(x, w)', '\\nh = 1\\nh')
    >>> _timeit_cell("%%timeit -n 4 -r 1 L = []\\nL.append(1)")
    'pass              ;L = []\\nL.append(1)'
    """
    first, _, body = source.partition("\n")
    blank = "\n" * source.count("\n")
    start = len(first) - len(first.lstrip()) + len("%%timeit")
    _options, setup = _timeit_options(first[start:].lstrip())
    if not body.strip() or _MAGIC.search(body) is not None:
        return blank  # (IPython syntax inside the timed code)
    for code in (setup, body):
        try:
            _compiled(code, "exec")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return blank
    if not setup.strip():
        return "\n" + body
    width = len(first) - len(setup)  # the set-up where it is written, after ``pass ;``
    glued = "pass" + " " * (width - 5) + ";" + setup
    try:
        _compiled(glued, "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # a compound set-up (`for …: …`) cannot follow `;`: at the start of its line then
        # (what it reports is a few columns to the left of where it is written)
        glued = setup.lstrip()
    return glued + "\n" + body


#: ``%macro NAME …``: the name of a macro, which a cell holding just it runs
_MACRO = re.compile(r"^[ \t]*%macro(?:[ \t]+-\w+)*[ \t]+([A-Za-z_]\w*)", re.MULTILINE)

#: ``%%writefile [-a] PATH`` with the path written out (quoted or not)
_WRITEFILE = re.compile(
    r"[ \t]*%%writefile(?P<append>(?:[ \t]+(?:-a|--append))*)[ \t]+"
    r"(?:\"(?P<double>[^\"]+)\"|'(?P<single>[^']+)'|(?P<bare>[^\s\"']+))[ \t]*\r?"
)


def _writefile(source: str) -> str:
    """A ``%%writefile`` cell writes its body to a file: read as the ``open(path, "w")`` it
    does (``"a"`` with ``-a``), so that a later cell's ``np.loadtxt(path)`` is not judged on
    the copy already on disk. The body (not Python) is blanked, as is a path IPython expands.

    >>> _writefile("%%writefile batch.csv\\n1,2"), _writefile("%%writefile -a 'a b.csv'\\n1")
    ("open('batch.csv', 'w')\\n", "open('a b.csv', 'a')\\n")
    """
    first, _, _body = source.partition("\n")
    found = _WRITEFILE.fullmatch(first)
    blank = "\n" * source.count("\n")
    if found is None:
        return blank
    path = found.group("double") or found.group("single") or found.group("bare") or ""
    if any(c in path for c in "{}$~"):  # expanded by IPython: the path is not written out
        return blank
    mode = "a" if found.group("append") else "w"
    return f"open({path!r}, {mode!r})" + blank


#: cell magics whose body is not Python and that bind no name (without ``--out`` and the like)
_SILENT_CELL_MAGICS = frozenset({
    "bash", "sh", "html", "markdown", "latex", "javascript", "js", "svg", "writefile",
})  # fmt: skip
#: IPython lines that bind no name in the notebook (what ``%time`` runs is read in place)
_SILENT_LINE = re.compile(
    r"[ \t]*(?:%(?:time|timeit|prun|matplotlib(?![ \t]+\S*pylab)|config|precision|autoreload"
    r"|load_ext[ \t]+(?:autoreload|line_profiler|memory_profiler|tensorboard|watermark)"
    r"|pip|conda|xmode|pprint|pdb|env|who|whos|lsmagic|history|cd|pwd|autosave)\b|!)"
    r"|[ \t]*\?{1,2}[\w.*]+[ \t]*\r?$|[ \t]*[\w.*]+\?{1,2}[ \t]*\r?$"
)


def _may_bind(source: str) -> bool:
    """Whether the IPython syntax of a cell may bind names that shapekit does not see.

    >>> _may_bind("%time h = x @ w"), _may_bind("%%timeit\\nh = 1"), _may_bind("!pip install numpy")
    (False, False, False)
    >>> _may_bind("files = !ls"), _may_bind("%run helper.py"), _may_bind("%%capture out\\nx = 1")
    (True, True, False)
    >>> _may_bind("out = %time x @ w"), _may_bind("r = %timeit -o x @ w")
    (False, True)
    >>> _may_bind("%precision 3\\n%load_ext autoreload\\n%autoreload 2"), _may_bind("%aimport m")
    (False, True)
    """
    body = source
    cell_magic = re.match(r"[ \t]*%%([\w-]*)(.*)", source)
    if cell_magic is not None:
        name, args = cell_magic.group(1), cell_magic.group(2).strip()
        if name in _SILENT_CELL_MAGICS:
            return "--" in args  # ``%%bash --out output``
        python_body = name in ("time", "timeit", "prun", "capture")  # %%capture out: its
        # name is bound where the cell is read (see shapekit.check.programs._captured)
        if not python_body:
            return True
        body = source.partition("\n")[2]
    for found in _MAGIC.finditer(body):
        line = found.group(0)
        if re.match(r"[ \t]*[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=", line):
            if _timed_statement(line) is None:  # ``r = %timeit -o …``, ``x = !ls``: unseen
                return True
        elif _SILENT_LINE.match(line) is None:
            return True
    return False


def changes_nothing(code: str, *, names: bool = False) -> bool:
    """Whether ``code`` compiles and neither binds a name nor changes an object (``a[0] = 1``,
    ``lst.append(x)``): run many times in a function of its own, it leaves the notebook as
    reading it once in place does. With ``names``, binding names is allowed (``h = x @ w``:
    only the function's own, as the checker reads a ``%%timeit`` body).

    >>> changes_nothing("np.dot(x, w)"), changes_nothing("h = 1"), changes_nothing("l.sort()")
    (True, False, False)
    >>> changes_nothing("h = x @ w", names=True), changes_nothing("h[0] = 1", names=True)
    (True, False)
    >>> changes_nothing("len(np.dot(x, w))"), changes_nothing("step()")
    (True, False)
    """
    try:
        tree = _compiled(code, "exec", ast_only=True)
        _compiled(code, "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.Delete)):
            return False
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
        stored = isinstance(getattr(node, "ctx", None), (ast.Store, ast.Del))
        if stored and not (names and isinstance(node, ast.Name)):
            return False
        if isinstance(node, (ast.Yield, ast.YieldFrom, ast.Await, ast.Return)):
            return False
        call = node.func if isinstance(node, ast.Call) else None
        if isinstance(call, ast.Attribute) and call.attr in _MUTATING:
            return False
        if isinstance(call, ast.Name) and call.id not in _PURE_BUILTINS:
            return False  # a function of the notebook's may change what it reaches
    return True


#: builtins that change nothing they are given
_PURE_BUILTINS = frozenset({
    "print", "len", "sum", "float", "int", "range", "list", "tuple", "sorted", "max", "min",
    "abs", "round", "str", "repr", "isinstance", "zip", "enumerate", "dict", "set", "any",
    "all", "type", "bool", "divmod", "pow", "reversed", "format", "hash", "id", "complex",
})  # fmt: skip


def _compiled(code: str, mode: str, *, ast_only: bool = False) -> Any:
    """``code`` compiled (never run); Python's warnings about it silenced."""
    flags = ast.PyCF_ONLY_AST if ast_only else 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile(code, "<magic>", mode, flags=flags, dont_inherit=True)
