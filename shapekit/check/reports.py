"""Reports of a check run: text for people, JSON for programs, JUnit XML for graders and CI.

Text has one line per variable and per problem, each starting with
``file:line:col:`` (and the notebook cell) the way compilers write them, then
the verdict and the reason, the offending source line with a caret under the
place to blame, and a summary line. Everything that came from a file (names,
excerpts, messages) is made inert first: control characters are shown escaped
(``\\x1b``), so a submission cannot move the cursor or repaint the terminal.

The JSON report is a stable contract, documented in ``docs/howto/course-staff.rst``.
Gradescope's ``results.json`` is written by :mod:`shapekit.check.gradescope`.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from shapekit.check.results import FileResult, Problem, Variable

__all__ = [
    "caret_excerpt",
    "counts",
    "format_json",
    "format_junit",
    "format_text",
    "inert",
    "location",
    "own_report",
    "problem_label",
    "summary",
]

#: widest source excerpt shown; longer lines are cut around the caret
EXCERPT_WIDTH = 72
_COLORS = {
    "green": "\033[32m",
    "red": "\033[31m",
    "yellow": "\033[33m",
    "bold": "\033[1m",
    "dim": "\033[2m",
}
_RESET = "\033[0m"
#: C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows
#: control characters, bidirectional marks, and the line and paragraph separators that
#: str.splitlines() breaks lines at (U+2028, U+2029: a forged report line otherwise)
_CONTROL = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
#: a lone surrogate: a string escape in a student's file ("\ud800"), or a byte of a file name
#: that is not UTF-8 (Python keeps it as one); no encoder writes it, so it is shown escaped
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str, *, in_json: bool = False) -> str:
    """``text`` with every lone surrogate written out as ``\\udcff`` (in a JSON text, with
    its backslash escaped), so that a report is always valid UTF-8.

    >>> print(encodable("a" + chr(0xDCFF) + "b"))
    a\\udcffb
    """
    slash = "\\\\" if in_json else "\\"
    return _SURROGATE.sub(lambda m: f"{slash}u{ord(m.group()):04x}", text)


_STYLE = {
    "ok": "green",
    "wrong-shape": "red",
    "error": "red",
    "missing": "red",
    "unknown": "yellow",
    "problem": "red",
    "possible problem": "yellow",
    "internal-error": "red",
}


def inert(text: str, *, tabs: bool = False) -> str:
    """``text`` with every control character shown escaped, so a terminal only prints it.

    Tabs are kept when ``tabs`` is true (source excerpts line up with them).

    >>> inert("ok\\x1b[2K\\x1b[1A✓ fake")
    'ok\\\\x1b[2K\\\\x1b[1A✓ fake'
    >>> inert("a\\nb\\u202e")
    'a\\\\nb\\\\u202e'
    >>> inert("x\\u2028fake.py:1:1: ok")
    'x\\\\u2028fake.py:1:1: ok'
    """

    if text.isprintable():  # most messages: nothing to escape (every control is unprintable)
        return text

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\n":
            return "\\n"
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    escaped = _CONTROL.sub(escape, text)
    return escaped if tabs else escaped.replace("\t", "\\t")


def caret_excerpt(line_text: str, column: int, line: int | None = None) -> str:
    """The source line and a caret under ``column`` (1-based), like a compiler's message.

    >>> print(caret_excerpt("x = [[1, 2], [3]]", 14, line=1))
        1 | x = [[1, 2], [3]]
          |              ^
    """
    text, column = _window(line_text.rstrip("\r\n"), column)
    before = inert(text[: column - 1], tabs=True)
    text = before + inert(text[column - 1 :], tabs=True)
    # keep tabs under tabs so the caret lines up however wide a tab is shown
    pad = "".join("\t" if char == "\t" else " " for char in before)
    gutter = f"{line:>5} | " if line is not None else "      | "
    return f"{gutter}{text}\n{' ' * (len(gutter) - 2)}| {pad}^"


def _window(text: str, column: int) -> tuple[str, int]:
    """Cut a long line to :data:`EXCERPT_WIDTH` characters around ``column``."""
    column = max(1, min(column, len(text) + 1))
    if len(text) <= EXCERPT_WIDTH:
        return text, column
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
    piece = text[start : start + EXCERPT_WIDTH]
    if start > 0:
        piece = "…" + piece[1:]
    if start + EXCERPT_WIDTH < len(text):
        piece = piece[:-1] + "…"
    return piece, column - start


def location(
    file: str, line: int | None = None, column: int | None = None, cell: int | None = None
) -> str:
    """``file:line:col`` (with the notebook cell), or just the file when the line is unknown.

    >>> location("a.ipynb", 2, 5, 3)
    'a.ipynb:2:5 (cell 3)'
    """
    where = inert(file)
    if line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    if cell is not None:
        where += f" (cell {cell})"
    return where


def counts(results: Sequence[FileResult], *, strict: bool = False) -> dict[str, int]:
    """The report's ``summary``: files, and how many passed, failed, or could not be judged.

    A file shapekit failed on counts as failed; with ``strict`` so does an unknown one.

    >>> counts([FileResult("a", [Variable("x", "ok", shape=(1,))]),
    ...         FileResult("b", [Variable("x", "unknown")])])
    {'files': 2, 'passed': 1, 'failed': 0, 'unknown': 1}
    """
    statuses = [r.status for r in results]
    unknown = statuses.count("unknown")
    failed = len(statuses) - statuses.count("passed") - unknown
    if strict:
        failed, unknown = failed + unknown, 0
    return {
        "files": len(results),
        "passed": statuses.count("passed"),
        "failed": failed,
        "unknown": unknown,
    }


def summary(
    results: Sequence[FileResult], *, strict: bool = False, numbers: dict[str, int] | None = None
) -> str:
    """``41 passed, 3 failed`` (and the unknown and internal errors, when there are any).

    >>> summary([FileResult("a", [Variable("x", "ok", shape=(1,))]), FileResult("b")])
    '2 passed, 0 failed'
    """
    numbers = numbers or counts(results, strict=strict)  # given when the caller has them
    text = f"{numbers['passed']} passed, {numbers['failed']} failed"
    if numbers["unknown"]:
        text += (
            f", {numbers['unknown']} unknown (not judged: shapekit cannot know some shapes, or "
            "whether some lines run, without running the file; --strict counts them as failures)"
        )
    internal = sum(1 for r in results if r.internal_error is not None)
    if internal:
        text += f"; shapekit itself failed on {internal} file{'s' if internal > 1 else ''}"
    return text


def _variable_line(result: FileResult, variable: Variable) -> str:
    where = location(result.file, variable.line, variable.column, variable.cell)
    return f"{where}: {variable.status}: {inert(variable.message)}"


def _problem_line(result: FileResult, problem: Problem) -> str:
    where = location(result.file, problem.line, problem.column, problem.cell)
    return f"{where}: {_kind(problem)}: {inert(problem.message)}"


def _kind(problem: Problem) -> str:
    """``problem``, or ``possible problem`` for one on a path that may not run."""
    return "problem" if problem.certain else "possible problem"


def format_text(results: Sequence[FileResult], *, color: bool = False, strict: bool = False) -> str:
    """The text report: a line per variable and problem, caret excerpts, then the summary.

    >>> print(format_text([FileResult("a.json", [Variable("a", "ok", shape=(2, 3), line=1, column=1)])]))
    a.json:1:1: ok: a has shape (2, 3)
    1 passed, 0 failed
    """
    paint = _painter(color)
    lines = []
    for result in results:
        if result.internal_error is not None:
            status = paint("internal-error", "red")
            lines.append(f"{location(result.file)}: {status}: {inert(result.internal_error)}")
        shown = set()
        for variable in result.variables:
            line = _variable_line(result, variable)
            if line in shown:  # a file that cannot be read: its one reason, not once per name
                continue
            shown.add(line)
            status = variable.status
            if color:
                line = line.replace(f": {status}: ", f": {paint(status, _STYLE[status])}: ", 1)
            lines.append(line)
            if variable.status != "ok":
                lines.extend(_excerpt(variable.excerpt, variable.line, variable.column, paint))
        for problem in result.problems:
            line = _problem_line(result, problem)
            if color:
                kind = _kind(problem)
                line = line.replace(f": {kind}: ", f": {paint(kind, _STYLE[kind])}: ", 1)
            lines.append(line)
            lines.extend(_excerpt(problem.excerpt, problem.line, problem.column, paint))
            for fix in problem.fixes[:3]:
                lines.append(f"      fix: {inert(fix)}")
    numbers = counts(results, strict=strict)
    lines.append(
        paint(
            summary(results, strict=strict, numbers=numbers),
            "red" if numbers["failed"] else "green",
        )
    )
    return encodable("\n".join(lines))


def _excerpt(text: str | None, line: int | None, column: int | None, paint: Any) -> list[str]:
    if text is None or column is None:
        return []
    return [paint(caret_excerpt(text, column, line), "dim")]


def format_json(results: Sequence[FileResult], *, strict: bool = False) -> str:
    """The JSON report (the documented contract): ``ok``, ``summary`` and a result per file.

    ``ok`` is true when nothing failed (with ``strict``, nothing was unknown either).

    >>> print(format_json([FileResult("a.json", [Variable("a", "ok", shape=(2,))])]))  # doctest: +NORMALIZE_WHITESPACE
    {"ok": true, "summary": {"files": 1, "passed": 1, "failed": 0, "unknown": 0},
     "results": [{"file": "a.json", "ok": true, "status": "passed",
     "variables": [{"name": "a", "status": "ok",
     "shape": [2], "expected": null, "line": null, "column": null, "cell": null,
     "message": "a has shape (2,)"}], "problems": []}]}
    """
    numbers = counts(results, strict=strict)
    document = {
        "ok": numbers["failed"] == 0,
        "summary": numbers,
        "results": [r.to_dict() for r in results],
    }
    # json escapes every control character below U+0020; ensure_ascii=False keeps names readable
    return encodable(json.dumps(document, ensure_ascii=False), in_json=True)


def format_junit(
    results: Sequence[FileResult], *, name: str = "shapekit check", strict: bool = False
) -> str:
    """JUnit XML: one ``testcase`` per file × variable (``file::name``) and per problem.

    A wrong shape, a value that is no array, a missing variable and a problem
    are ``failure`` elements; an unknown variable is ``skipped`` (a failure
    with ``strict``); shapekit's own failure on a file is an ``error``.

    >>> print(format_junit([FileResult("a.json", [Variable("a", "wrong-shape", shape=(2,),
    ...     message="a has shape (2,), but (3,) was expected", line=1, column=1)])]))
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="shapekit check" tests="1" failures="1" errors="0" skipped="0" time="0.000">
      <testsuite name="shapekit check" tests="1" failures="1" errors="0" skipped="0" time="0.000">
        <testcase name="a.json::a" classname="shapekit.check" time="0.000">
          <failure type="wrong-shape" message="a.json:1:1: a has shape (2,), but (3,) was expected">a.json:1:1: a has shape (2,), but (3,) was expected</failure>
        </testcase>
      </testsuite>
    </testsuites>
    """
    cases: list[ET.Element] = []
    tally = {"failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        cases.extend(_junit_cases(result, tally, strict))
    total = f"{sum(r.seconds for r in results):.3f}"
    numbers = {"tests": str(len(cases)), **{k: str(v) for k, v in tally.items()}}
    root = ET.Element("testsuites", {"name": name, **numbers, "time": total})
    suite = ET.SubElement(root, "testsuite", {"name": name, **numbers, "time": total})
    suite.extend(cases)
    ET.indent(root)
    return encodable(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    )


def _junit_cases(result: FileResult, tally: dict[str, int], strict: bool) -> list[ET.Element]:
    cases = []
    seconds = f"{result.seconds:.3f}"

    def case(label: str) -> ET.Element:
        element = ET.Element(
            "testcase",
            {
                "name": inert(f"{result.file}::{label}"),
                "classname": "shapekit.check",
                "time": seconds,
            },
        )
        cases.append(element)
        return element

    if result.internal_error is not None:
        tally["errors"] += 1
        text = f"{location(result.file)}: {inert(result.internal_error)}"
        ET.SubElement(
            case("internal-error"), "error", {"type": "internal-error", "message": text}
        ).text = text
    for variable in result.variables:
        element = case(variable.name)
        headline = _variable_line(result, variable).replace(f": {variable.status}: ", ": ", 1)
        if variable.status == "ok":
            ET.SubElement(element, "system-out").text = inert(variable.message)
            continue
        if variable.status == "unknown" and not strict:
            tally["skipped"] += 1
            ET.SubElement(element, "skipped", {"message": headline})
            continue
        tally["failures"] += 1
        body = "\n".join(
            [headline, *_excerpt(variable.excerpt, variable.line, variable.column, _plain)]
        )
        ET.SubElement(
            element, "failure", {"type": variable.status, "message": headline}
        ).text = body
    for problem in result.problems:
        element = case(problem_label(problem))
        headline = _problem_line(result, problem).replace(f": {_kind(problem)}: ", ": ", 1)
        if not problem.certain and not problem.fails_file and not strict:
            # running may never get there: not judged
            tally["skipped"] += 1
            ET.SubElement(element, "skipped", {"message": headline})
            continue
        tally["failures"] += 1
        parts = [headline, *_excerpt(problem.excerpt, problem.line, problem.column, _plain)]
        parts += [f"fix: {inert(fix)}" for fix in problem.fixes[:3]]
        ET.SubElement(
            element, "failure", {"type": "problem", "message": headline}
        ).text = "\n".join(parts)
    return cases


def problem_label(problem: Problem) -> str:
    """How a problem is named in JUnit and Gradescope: ``problem at line 3, column 7``.

    >>> problem_label(Problem(3, 7, 2, "..."))
    'problem at line 3, column 7 (cell 2)'
    """
    label = f"problem at line {problem.line}" if problem.line is not None else "problem"
    if problem.line is not None and problem.column is not None:
        label += f", column {problem.column}"
    if problem.cell is not None:
        label += f" (cell {problem.cell})"
    return label


#: the keys of the JSON report, and of its summary (the documented contract)
_JSON_KEYS = frozenset({"ok", "summary", "results"})
_SUMMARY_KEYS = frozenset({"files", "passed", "failed", "unknown"})
#: keys every Gradescope results.json written by shapekit has
_GRADESCOPE_KEYS = frozenset({"output", "visibility", "stdout_visibility", "tests"})
#: how a JUnit report written by shapekit starts
_JUNIT_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="shapekit check"'
#: the last line of a text report (see :func:`summary`), and how its other lines start
_SUMMARY_LINE = re.compile(
    r"\d+ passed, \d+ failed(?:, \d+ unknown \(not judged: [^\n]*\))?"
    r"(?:; shapekit itself failed on \d+ files?)?"
)
_REPORT_LINE = re.compile(
    r"[^\n]*?: (?:ok|wrong-shape|error|missing|unknown|problem|possible problem|"
    r"internal-error): "
)


def own_report(text: str, value: Any = None) -> str | None:
    """Which report of ``shapekit check`` ``text`` is, by its content, or ``None``.

    A report written into the folder it checks must not be judged as a student's
    file on the next run. ``value`` is the JSON already parsed from ``text``, if any.

    >>> own_report(format_json([])), own_report(format_junit([])), own_report('{"inputs": [1]}')
    ('a JSON report', 'a JUnit report', None)
    >>> own_report(format_text([FileResult("a.py", [Variable("x", "ok", shape=(2,))])]))
    'a text report'
    """
    if text.startswith(_JUNIT_HEAD):
        return "a JUnit report"
    last = text[-500:].rstrip().rpartition("\n")[2]
    if _SUMMARY_LINE.fullmatch(last) and (
        text.strip() == last or _REPORT_LINE.match(text.lstrip()) is not None
    ):
        return "a text report"
    if value is None:
        if not text.lstrip().startswith("{"):
            return None
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return None
    if not isinstance(value, dict):
        return None
    if (
        value.keys() == _JSON_KEYS
        and isinstance(value["summary"], dict)
        and value["summary"].keys() == _SUMMARY_KEYS
        and isinstance(value["results"], list)
    ):
        return "a JSON report"
    if value.keys() >= _GRADESCOPE_KEYS and isinstance(value["tests"], list):
        return "a Gradescope results.json"
    return None


def _plain(text: str, style: str) -> str:
    return text


def _painter(color: bool) -> Any:
    def paint(text: str, style: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if color else text

    return paint
