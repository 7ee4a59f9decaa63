"""``shapekit shape``: print the shape of arrays, or what breaks them."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from shapekit.check.reports import encodable

#: input kinds that mean the command was pointed at the wrong thing (exit 2, not 1)
USAGE_KINDS = frozenset({"not_found", "unreadable", "is_directory", "symlink_loop", "outside_link"})


@click.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option("--var", metavar="NAME", help="Variable (or JSON key, .npz array) to read.")
@click.option("--allow-bool", is_flag=True, help="Accept True/False as numbers.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def shape(
    ctx: click.Context, files: tuple[str, ...], var: str | None, allow_bool: bool, as_json: bool
) -> None:
    """Print the shape of the array in each FILE (JSON, a Python literal, or any file check reads).

    With no FILE, or FILE "-", read standard input. With --json print
    {"ok": true, "shape": [...]} or {"ok": false, "error": {...}} (a list of
    those, each with its "file", for several files).

    Exit codes: 0 every input has a shape, 1 an input has a shape problem,
    2 usage error (such as a missing file).
    """
    from shapekit.check.readers import Position
    from shapekit.errors import InputError, ShapeError

    results: list[dict[str, Any]] = []
    code = 0
    for file in files or ("-",):
        excerpt: str | None = None
        try:
            source = _read(file, var)
        except InputError as exc:
            code = max(code, 2 if exc.kind in USAGE_KINDS else 1)
            if exc.line is not None and file != "-":
                from shapekit.check.readers import source_line

                excerpt = source_line(file, exc.line, exc.cell)
            results.append({"file": file, "ok": False, "error": _error(exc), "excerpt": excerpt})
            continue
        try:
            found = source.shape(allow_bool=allow_bool)
        except ShapeError as exc:
            code = max(code, 1)
            if exc.line is not None:
                excerpt = source.line_text(Position(exc.line, exc.column or 1, exc.cell))
            results.append({"file": file, "ok": False, "error": _error(exc), "excerpt": excerpt})
            continue
        results.append({"file": file, "ok": True, "shape": list(found)})
    if as_json:
        shown = [{k: v for k, v in r.items() if k != "excerpt"} for r in results]
        if len(files) <= 1:
            shown[0].pop("file")
            click.echo(encodable(json.dumps(shown[0], ensure_ascii=False), in_json=True))
        else:
            click.echo(encodable(json.dumps(shown, ensure_ascii=False), in_json=True))
    else:
        for result in results:
            _echo_text(result, several=len(files) > 1)
    ctx.exit(code)


def _read(file: str, var: str | None) -> Any:
    from shapekit.check.readers import MAX_BYTES, read_file, read_text
    from shapekit.errors import InputError

    if file != "-":
        return read_file(file, var=var)
    if sys.stdin.isatty():
        click.echo("reading a list from standard input (end it with Ctrl-D)...", err=True)
    data = sys.stdin.buffer.read(MAX_BYTES + 1) if hasattr(sys.stdin, "buffer") else None
    if data is None:
        text = sys.stdin.read()
    elif len(data) > MAX_BYTES:
        raise InputError("<stdin>: the input is larger than the 50 MB limit", kind="too_large")
    else:
        from shapekit.check.readers.source import decode_text

        text = decode_text(data, "<stdin>")
    if not text.strip():
        raise InputError(
            "<stdin>: no input; give a FILE, or pipe JSON or a Python list into shapekit shape",
            kind="empty",
        )
    return read_text(text, file="<stdin>", var=var)


def _error(exc: Any) -> dict[str, Any]:
    data: dict[str, Any] = exc.to_dict()
    data.pop("file", None)
    data.update(line=exc.line, column=exc.column, cell=exc.cell)
    return data


def _echo_text(result: dict[str, Any], *, several: bool) -> None:
    from shapekit.check.reports import caret_excerpt, inert, location

    file = result["file"]
    if result["ok"]:
        shape = tuple(result["shape"])
        click.echo(f"{inert(file)}: {shape}" if several else str(shape))
        return
    error = result["error"]
    message = inert(error["message"])
    if not error["message"].startswith(file) and not error["message"].startswith("<stdin>"):
        shown = "<stdin>" if file == "-" else file
        where = location(shown, error.get("line"), error.get("column"), error.get("cell"))
        message = f"{where}: {message}"
    click.echo(message, err=error["kind"] not in _SHAPE_KINDS)
    if result["excerpt"] is not None and error.get("column") is not None:
        excerpt = caret_excerpt(result["excerpt"], error["column"], error["line"])
        click.echo(excerpt, err=error["kind"] not in _SHAPE_KINDS)


_SHAPE_KINDS = frozenset({"ragged", "mixed", "not_a_number", "too_deep", "cycle"})
