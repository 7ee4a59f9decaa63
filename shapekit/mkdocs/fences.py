"""Find the ``shapekit`` and ``shapekit-explain`` fences of a Markdown page (no MkDocs needed).

A fence opens with three or more backticks or tildes, at most three spaces in (or at any
indentation inside a list item), followed by the language. Fences of other languages are
skipped whole, so a page that *shows* a ``shapekit`` fence inside a longer ````markdown`
fence keeps it as code.

>>> page = "Intro\\n\\n```shapekit\\nkind = \\"dot\\"\\n```\\n\\n````md\\n```shapekit\\n```\\n````\\n"
>>> [(f.lang, f.line, f.body) for f in find_fences(page)]
[('shapekit', 3, 'kind = "dot"')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LANGUAGES", "Fence", "find_fences", "replace_fences"]

#: the fence languages this plugin turns into figures and explanations
LANGUAGES = ("shapekit", "shapekit-explain")

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$")


@dataclass(frozen=True)
class Fence:
    """One fence: its language, body text, 1-based opening line and the lines it spans."""

    lang: str
    body: str
    line: int
    indent: str
    start: int  # 0-based index of the opening line
    end: int  # 0-based index one past the closing line


def find_fences(markdown: str) -> list[Fence]:
    """Every ``shapekit``/``shapekit-explain`` fence of ``markdown``, in page order."""
    lines = markdown.split("\n")
    found = []
    i = 0
    while i < len(lines):
        opened = _OPEN.match(lines[i])
        if opened is None or (opened["mark"][0] == "`" and "`" in opened["info"]):
            i += 1
            continue
        mark, indent = opened["mark"], opened["indent"]
        close = re.compile(rf"^[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if close.match(lines[j])), len(lines))
        words = opened["info"].strip().lstrip("{").rstrip("}").split()
        lang = words[0].lstrip(".") if words else ""
        if lang in LANGUAGES:
            body = [_dedent(line, indent) for line in lines[i + 1 : end]]
            found.append(Fence(lang, "\n".join(body), i + 1, indent, i, min(end + 1, len(lines))))
        i = end + 1
    return found


def replace_fences(markdown: str, fences: list[Fence], blocks: list[str]) -> str:
    """``markdown`` with each fence replaced by its HTML block (indented like the fence)."""
    lines = markdown.split("\n")
    for fence, block in sorted(zip(fences, blocks, strict=True), key=lambda p: -p[0].start):
        html = [fence.indent + line if line else line for line in block.split("\n")]
        lines[fence.start : fence.end] = ["", *html, ""]
    return "\n".join(lines)


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")
