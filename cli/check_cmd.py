"""``shapekit check``: check student array files against an expected shape."""

from __future__ import annotations

import os
import sys
from typing import IO, Any

import click

#: a progress bar is shown (on a terminal) from this many files on
PROGRESS_FROM = 20


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option("--var", metavar="NAME", help="Variable (or JSON key, .npz array) to read.")
@click.option(
    "--expect",
    metavar="SHAPE",
    help="Expected shape: 3,4 or (3, 4); ? for any length; a name (batch,4) must agree across files.",
)
@click.option("--allow-bool", is_flag=True, help="Accept True/False as numbers.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest file read, in bytes (default 50 MB).",
)
def check(
    paths: tuple[str, ...],
    var: str | None,
    expect: str | None,
    allow_bool: bool,
    fmt: str,
    output: str | None,
    max_bytes: int | None,
) -> None:
    """Check that each file holds a homologous array (of the expected shape).

    Directories are walked for .json, .py, .ipynb, .npy, .npz, .csv and .tsv
    files. Python files and notebooks are parsed, never run.

    Exit codes: 0 all files passed, 1 some failed, 2 usage error.
    """
    from shapekit.check import checker, reports
    from shapekit.check.readers import MAX_BYTES
    from shapekit.errors import SpecError

    try:
        spec = checker.Expect.parse(expect) if expect is not None else None
    except SpecError as exc:
        raise click.BadParameter(exc.message, param_hint="'--expect'") from None
    if output is not None:
        folder = os.path.dirname(output) or "."
        if not os.path.isdir(folder):  # say so now, not after checking every file
            raise click.BadParameter(
                f"cannot write the report to {output!r}: there is no folder {folder!r}",
                param_hint="'--output'",
            )
    files, results = checker.collect_files(paths)
    options: dict[str, Any] = {
        "expect": spec,
        "var": var,
        "allow_bool": allow_bool,
        "max_bytes": max_bytes or MAX_BYTES,
    }
    if show_progress(sys.stderr, len(files)):
        with click.progressbar(
            checker.iter_check(files, **options),
            length=len(files),
            label="checking",
            file=sys.stderr,
        ) as bar:
            results.extend(bar)
    else:
        results.extend(checker.iter_check(files, **options))
    if spec is not None:
        checker.agree_named(results, spec)
    results.sort(key=lambda r: r.file)

    if fmt == "json":
        report = reports.format_json(results)
    elif fmt == "junit":
        report = reports.format_junit(results)
    else:
        report = reports.format_text(results, color=output is None and use_color(sys.stdout))
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(report + "\n")
        except OSError as exc:  # the report cannot go where it was sent: a usage error
            raise click.BadParameter(
                f"cannot write the report to {output!r}: {exc.strerror or exc}",
                param_hint="'--output'",
            ) from None
        click.echo(reports.summary(results), err=True)
    else:
        click.echo(report)
    click.get_current_context().exit(0 if all(r.ok for r in results) else 1)


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org).

    >>> import io
    >>> use_color(io.StringIO())
    False
    """
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def show_progress(stream: IO[str], count: int) -> bool:
    """A progress bar only for many files, and only when ``stream`` is a terminal.

    >>> import io
    >>> show_progress(io.StringIO(), 1000)
    False
    """
    isatty = getattr(stream, "isatty", None)
    return count >= PROGRESS_FROM and bool(isatty and isatty())
