"""Reports of a check run: text for people, JSON for programs, JUnit XML for graders and CI.

Text shows one line per file (✓ with the shape, ✗ with ``file:line:col`` and
the reason), the offending source line with a caret under the bracket or
element to blame, the way compilers do, and a summary line.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from shapekit.check.checker import FileResult

__all__ = ["caret_excerpt", "format_json", "format_junit", "format_text", "location", "summary"]

#: widest source excerpt shown; longer lines are cut around the caret
EXCERPT_WIDTH = 72
_COLORS = {"green": "\033[32m", "red": "\033[31m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def caret_excerpt(line_text: str, column: int, line: int | None = None) -> str:
    """The source line and a caret under ``column`` (1-based), like a compiler's message.

    >>> print(caret_excerpt("x = [[1, 2], [3]]", 14, line=1))
        1 | x = [[1, 2], [3]]
          |              ^
    """
    text, column = _window(line_text.rstrip("\r\n"), column)
    # keep tabs under tabs so the caret lines up however wide a tab is shown
    pad = "".join("\t" if char == "\t" else " " for char in text[: column - 1])
    gutter = f"{line:>5} | " if line is not None else "      | "
    return f"{gutter}{text}\n{' ' * (len(gutter) - 2)}| {pad}^"


def _window(text: str, column: int) -> tuple[str, int]:
    """Cut a long line to :data:`EXCERPT_WIDTH` characters around ``column``."""
    if len(text) <= EXCERPT_WIDTH:
        return text, column
    start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
    piece = text[start : start + EXCERPT_WIDTH]
    if start > 0:
        piece = "…" + piece[1:]
    if start + EXCERPT_WIDTH < len(text):
        piece = piece[:-1] + "…"
    return piece, column - start


def location(file: str, error: Mapping[str, Any] | None) -> str:
    """``file:line:col`` (with the notebook cell) for an error dict, or just the file.

    >>> location("a.ipynb", {"line": 2, "column": 5, "cell": 3})
    'a.ipynb:2:5 (cell 3)'
    """
    if not error or error.get("line") is None:
        return file
    where = f"{file}:{error['line']}"
    if error.get("column") is not None:
        where += f":{error['column']}"
    if error.get("cell") is not None:
        where += f" (cell {error['cell']})"
    return where


def summary(results: Sequence[FileResult]) -> str:
    """``41 passed, 3 failed``.

    >>> summary([FileResult("a", True, (1,)), FileResult("b", False)])
    '1 passed, 1 failed'
    """
    passed = sum(1 for r in results if r.ok)
    return f"{passed} passed, {len(results) - passed} failed"


def describe(result: FileResult) -> str:
    """One line for a result: the shape, or where and why it failed.

    >>> describe(FileResult("a.json", True, (3, 4)))
    'a.json: (3, 4)'
    """
    if result.ok:
        return f"{result.file}: {_shape_text(result.shape)}"
    error = result.error or {}
    message = str(error.get("message", "failed"))
    if message.startswith(result.file):  # input errors already name their file and place
        return message
    return f"{location(result.file, error)}: {message}"


def format_text(results: Sequence[FileResult], *, color: bool = False) -> str:
    """The text report: ✓/✗ per file, caret excerpts for failures, then the summary.

    >>> print(format_text([FileResult("a.json", True, (2, 3))]))
    ✓ a.json: (2, 3)
    1 passed, 0 failed
    """
    paint = _painter(color)
    lines = []
    for result in results:
        mark = paint("✓", "green") if result.ok else paint("✗", "red")
        lines.append(f"{mark} {describe(result)}")
        error = result.error or {}
        if not result.ok and result.excerpt is not None and error.get("column") is not None:
            lines.append(
                paint(caret_excerpt(result.excerpt, error["column"], error["line"]), "dim")
            )
    failed = any(not r.ok for r in results)
    lines.append(paint(summary(results), "red" if failed else "green"))
    return "\n".join(lines)


def format_json(results: Sequence[FileResult]) -> str:
    """One JSON document: overall ``ok``, counts, and a result per file.

    >>> print(format_json([FileResult("a.json", True, (2,))]))  # doctest: +NORMALIZE_WHITESPACE
    {"ok": true, "passed": 1, "failed": 0,
     "results": [{"file": "a.json", "ok": true, "shape": [2], "error": null}]}
    """
    passed = sum(1 for r in results if r.ok)
    document = {
        "ok": passed == len(results),
        "passed": passed,
        "failed": len(results) - passed,
        "results": [r.to_dict() for r in results],
    }
    return json.dumps(document, ensure_ascii=False)


def format_junit(results: Sequence[FileResult], *, name: str = "shapekit check") -> str:
    """JUnit XML: ``testsuites`` > ``testsuite`` > one ``testcase`` per file.

    Shape problems are ``failure`` elements, unreadable inputs ``error``
    elements (``type`` is the error kind); passing files carry their shape in
    ``system-out``.

    >>> print(format_junit([FileResult("a.json", False, error={"kind": "ragged",
    ...     "message": "rows differ", "line": 2, "column": 3})]))  # doctest: +ELLIPSIS
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="shapekit check" tests="1" failures="1" errors="0" time="0.000">
      <testsuite name="shapekit check" tests="1" failures="1" errors="0" skipped="0" time="0.000">
        <testcase name="a.json" classname="shapekit.check" time="0.000">
          <failure type="ragged" message="a.json:2:3: rows differ">a.json:2:3: rows differ</failure>
        </testcase>
      </testsuite>
    </testsuites>
    """
    failures = sum(1 for r in results if not r.ok and not _is_input_error(r))
    errors = sum(1 for r in results if not r.ok and _is_input_error(r))
    total = f"{sum(r.seconds for r in results):.3f}"
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": name, **counts, "time": total})
    suite = ET.SubElement(
        root, "testsuite", {"name": name, **counts, "skipped": "0", "time": total}
    )
    for result in results:
        case = ET.SubElement(
            suite,
            "testcase",
            {
                "name": _xml_text(result.file),
                "classname": "shapekit.check",
                "time": f"{result.seconds:.3f}",
            },
        )
        if result.ok:
            ET.SubElement(case, "system-out").text = f"shape {_shape_text(result.shape)}"
            continue
        error = result.error or {}
        tag = "error" if _is_input_error(result) else "failure"
        headline = _xml_text(describe(result))
        body = headline
        if result.excerpt is not None and error.get("column") is not None:
            body += "\n" + _xml_text(caret_excerpt(result.excerpt, error["column"], error["line"]))
        attributes = {"type": str(error.get("kind", "error")), "message": headline}
        ET.SubElement(case, tag, attributes).text = body
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


#: error kinds that are shape problems (a ``failure``); any other kind is an unreadable input
SHAPE_KINDS = frozenset({"ragged", "mixed", "not_a_number", "too_deep", "cycle", "wrong_shape"})


def _is_input_error(result: FileResult) -> bool:
    return (result.error or {}).get("kind") not in SHAPE_KINDS


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def _shape_text(shape: tuple[int, ...] | None) -> str:
    shape = shape or ()
    return f"({shape[0]},)" if len(shape) == 1 else f"({', '.join(map(str, shape))})"


def _painter(color: bool) -> Any:
    def paint(text: str, style: str) -> str:
        return f"{_COLORS[style]}{text}{_RESET}" if color else text

    return paint
