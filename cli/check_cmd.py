"""``shapekit check``: check student files against the shapes their variables should have."""

from __future__ import annotations

import os
import stat
import sys
from typing import IO, Any

import click

#: a progress bar is shown (on a terminal) from this many files on
PROGRESS_FROM = 20
#: exit codes (documented in --help and docs/howto/course-staff.rst)
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE_OR_DIR...")
@click.option(
    "--expect",
    "expects",
    multiple=True,
    metavar="NAME=SHAPE",
    help="Expected shape of a variable: inputs=batch,4 (repeatable). SHAPE is 3,4 or (3, 4); "
    "? accepts any length; a name (batch) must agree across variables and files. "
    "A SHAPE without NAME= belongs to --var (or to each file's one array).",
)
@click.option("--var", metavar="NAME", help="Variable (or JSON key, .npz array) to read.")
@click.option("--allow-bool", is_flag=True, help="Accept True/False as numbers.")
@click.option(
    "--strict", is_flag=True, help="Count variables that cannot be judged (unknown) as failures."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "junit", "gradescope"]),
    default="text",
    show_default=True,
    help="Report format (gradescope: Gradescope's results.json).",
)
@click.option(
    "--points",
    multiple=True,
    metavar="NAME=N",
    help="Points for a variable in the Gradescope report (repeatable).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (never over a checked file, a link or a device); '-' is standard output.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest file read, in bytes (default 50 MB).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    metavar="N",
    help="Check files in N processes (default: one per usable core when there are enough "
    "files for it to pay, else 1; never more than the usable cores). --jobs 1 keeps one "
    "process. The report is the same.",
)
def check(
    paths: tuple[str, ...],
    expects: tuple[str, ...],
    var: str | None,
    allow_bool: bool,
    strict: bool,
    fmt: str,
    points: tuple[str, ...],
    output: str | None,
    max_bytes: int | None,
    jobs: int | None,
) -> None:
    """Check that each file's variables hold arrays of the expected shapes.

    Directories are walked for .json, .py, .ipynb, .npy, .npz, .csv and .tsv
    files. Python files and notebooks are read by shapekit's shape
    interpreter and never run: variables are followed through assignments,
    calls and loops, and every operation NumPy would refuse is reported.
    Files without variable names (.csv, .tsv, .npy, a bare JSON list) hold
    the variable named by the file: weights.csv is weights.

    \b
    Example:
      shapekit check subs/ --expect inputs=batch,4 --expect weights=3,4 --expect biases=3

    A variable whose shape cannot be known without running the file is
    "unknown": neither passed nor failed (--strict fails it).

    \b
    Exit codes:
      0  every file passed (unknown variables allowed unless --strict)
      1  some file failed its check
      2  usage error (bad option, unwritable --output)
      3  shapekit itself failed on some file (the report says which)
    """
    from shapekit.check import checker
    from shapekit.check.expect import Expectations
    from shapekit.check.readers import MAX_BYTES
    from shapekit.errors import SpecError

    try:
        expectations = Expectations.parse(expects, var=var)
    except SpecError as exc:
        hint = "'--var'" if exc.field == "var" else "'--expect'"
        raise click.BadParameter(exc.message, param_hint=hint) from None
    point_values = _points(points, fmt, expectations)
    if output == "-":  # the usual spelling of standard output
        output = None
    files, results = checker.collect_files(paths)
    if output is not None:
        files = _refuse_output(output, files, paths)
    options: dict[str, Any] = {
        "expectations": expectations,
        "allow_bool": allow_bool,
        "max_bytes": max_bytes or MAX_BYTES,
        "skip_reports": True,
    }
    checked: list[Any] = []
    if show_progress(sys.stderr, len(files)):
        with click.progressbar(
            checker.iter_check(files, jobs=jobs, **options),
            length=len(files),
            label="checking",
            file=sys.stderr,
        ) as bar:
            checked.extend(bar)
    else:
        checked.extend(checker.iter_check(files, jobs=jobs, **options))
    checked = checker.skip_data_files(checked)
    _note_skipped(checked)
    results.extend(r for r in checked if r.skipped is None)
    checker.agree_named(results, expectations)
    results.sort(key=lambda r: r.file)

    report = _report(results, fmt, strict, point_values, output is None and use_color(sys.stdout))
    if output is not None:
        _write(output, report + "\n")
        from shapekit.check.reports import summary

        click.echo(summary(results, strict=strict), err=True)
    else:
        click.echo(report)
    click.get_current_context().exit(exit_code(results, strict=strict))


def exit_code(results: list[Any], *, strict: bool = False) -> int:
    """3 when shapekit failed on some file, else 1 when some file failed, else 0.

    >>> exit_code([])
    0
    """
    if any(r.internal_error is not None for r in results):
        return EXIT_INTERNAL
    failing = {"failed", "unknown"} if strict else {"failed"}
    return EXIT_FAILED if any(r.status in failing for r in results) else EXIT_OK


def _report(
    results: list[Any], fmt: str, strict: bool, points: dict[str, float], color: bool
) -> str:
    from shapekit.check import reports

    if fmt == "json":
        return reports.format_json(results, strict=strict)
    if fmt == "junit":
        return reports.format_junit(results, strict=strict)
    if fmt == "gradescope":
        from shapekit.check.gradescope import format_gradescope

        return format_gradescope(results, points=points, strict=strict)
    return reports.format_text(results, color=color, strict=strict)


def _points(points: tuple[str, ...], fmt: str, expectations: Any) -> dict[str, float]:
    if not points:
        return {}
    if fmt != "gradescope":
        raise click.BadParameter("points go into --format gradescope only", param_hint="'--points'")
    from shapekit.check.gradescope import parse_points

    try:
        values = parse_points(points)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--points'") from None
    unknown = [name for name in values if name not in expectations.names]
    if unknown:
        raise click.BadParameter(
            f"{unknown[0]} is not a checked variable; give it with --expect {unknown[0]}=SHAPE",
            param_hint="'--points'",
        )
    return values


def _refuse_output(output: str, files: list[str], paths: tuple[str, ...]) -> list[str]:
    """Refuse, before checking anything, a report path that would clobber or hang.

    The files to check are returned without the report itself when it is already
    there from an earlier run into the checked folder (a report of shapekit check,
    known by its content); any other file found there is a student's, never written over.
    """

    def refuse(reason: str) -> None:
        raise click.BadParameter(
            f"cannot write the report to {output!r}: {reason}", param_hint="'--output'"
        )

    folder = os.path.dirname(output) or "."
    if not os.path.isdir(folder):  # say so now, not after checking every file
        refuse(f"there is no folder {folder!r}")
    if os.path.islink(output):
        refuse("it is a symbolic link (shapekit never writes a report through a link)")
    try:
        info = os.stat(output)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        refuse(exc.strerror or str(exc))
    if info is not None and not stat.S_ISREG(info.st_mode):
        refuse("it is not a regular file (a folder, a pipe or a device)")
    target = os.path.realpath(output)
    named = {os.path.realpath(path) for path in paths if not os.path.isdir(path)}
    kept = []
    for file in files:
        same = os.path.realpath(file) == target
        if not same and info is not None:
            try:
                same = os.path.samefile(file, output)
            except OSError:
                same = False
        if not same:
            kept.append(file)
        elif os.path.realpath(file) in named or not _is_own_report(file):
            refuse(f"it is one of the files being checked ({file})")
    return kept


def _is_own_report(path: str) -> bool:
    """Whether the file at ``path`` is a report that shapekit check wrote (by its content)."""
    from shapekit.check.readers.source import decode_text, read_bytes
    from shapekit.check.reports import own_report
    from shapekit.errors import InputError

    try:
        text = decode_text(read_bytes(path), path)
    except InputError:
        return False
    return own_report(text) is not None


def _note_skipped(results: list[Any]) -> None:
    """Say on standard error which files were not checked, and why."""
    from shapekit.check.reports import inert, location

    for result in results:
        if result.skipped is not None:
            click.echo(f"{location(result.file)}: skipped: {inert(result.skipped)}", err=True)


def _write(output: str, text: str) -> None:
    """Write the report without following a link and without blocking on a pipe."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(output, flags, 0o644)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(0, "it is not a regular file")
            os.ftruncate(fd, 0)
            data = text.encode("utf-8")
            while data:
                data = data[os.write(fd, data) :]
        finally:
            os.close(fd)
    except OSError as exc:  # the report cannot go where it was sent: a usage error
        raise click.BadParameter(
            f"cannot write the report to {output!r}: {exc.strerror or exc}",
            param_hint="'--output'",
        ) from None


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
