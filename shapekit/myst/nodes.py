"""MyST AST nodes for shapekit's directives: a figure, an explanation, an error.

mystmd inserts what the plugin prints where the directive was. The nodes
are the ones mystmd's own directives make:

- a figure is a ``container`` of kind ``figure`` holding an ``image`` (the
  SVG as a ``data:`` URL, which mystmd writes out as a file of the built site)
  and a ``caption``, so mystmd numbers it and ``{numref}`` finds it;
- an explanation is a ``div`` with a ``code`` block, or two admonitions (the
  mismatch and the fixes shapekit checked), worded as in Sphinx;
- a mistake is an ``error`` admonition in the page *and* a report in mystmd's
  output at the option's line (see :func:`problem`).

>>> text("x")
{'type': 'text', 'value': 'x'}
"""

from __future__ import annotations

import base64
from typing import Any

from shapekit.directives import (
    FIXES_INTRO,
    GIVES_SHAPE,
    MISMATCH_TITLE,
    NO_FIX_TEXT,
    fixes_heading,
    mismatch_text,
)
from shapekit.errors import MismatchError

__all__ = ["explanation", "figure", "label", "mismatch", "problem", "text"]

Node = dict[str, Any]


def text(value: str) -> Node:
    return {"type": "text", "value": value}


def paragraph(*children: Node) -> Node:
    return {"type": "paragraph", "children": list(children)}


def code(value: str) -> Node:
    return {"type": "code", "lang": "text", "value": value}


def label(node: Node, name: str | None) -> Node:
    """Give ``node`` a cross-reference label, normalised as mystmd normalises labels.

    >>> label({"type": "container"}, "Fig Dot")["identifier"]
    'fig dot'
    """
    if name:
        identifier = " ".join(name.split()).replace('"', "").replace("'", "").lower()
        node.update(label=name, identifier=identifier)
    return node


def figure(
    svg: bytes,
    *,
    alt: str,
    caption: list[Node],
    legend: list[Node],
    width: str | None,
    align: str | None,
    classes: str,
    name: str | None,
) -> Node:
    """A numbered figure showing ``svg``."""
    image: Node = {
        "type": "image",
        "url": "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"),
        "alt": alt,
    }
    if width:
        image["width"] = width
    if align:
        image["align"] = align
    children = [image, {"type": "caption", "children": caption}]
    if legend:
        children.append({"type": "legend", "children": legend})
    container = {"type": "container", "kind": "figure", "class": classes, "children": children}
    return label(container, name)


def explanation(steps: str, *, classes: str, name: str | None) -> Node:
    """The steps of an expression that works, in a block."""
    return label({"type": "div", "class": classes, "children": [code(steps)]}, name)


def mismatch(expr: str, exc: MismatchError, *, classes: str, name: str | None) -> Node:
    """Where the expression breaks and why, then the fixes shapekit checked."""
    broken = admonition(
        "error",
        "shapekit-mismatch",
        MISMATCH_TITLE,
        [code(mismatch_text(expr, exc)), paragraph(text(exc.message))],
    )
    if exc.suggestions:
        items = [
            {
                "type": "listItem",
                "children": [
                    paragraph(
                        {"type": "inlineCode", "value": s.expr},
                        text(GIVES_SHAPE),
                        {"type": "inlineCode", "value": str(tuple(s.shape))},
                    )
                ],
            }
            for s in exc.suggestions
        ]
        body = [paragraph(text(FIXES_INTRO)), {"type": "list", "ordered": False, "children": items}]
    else:
        body = [paragraph(text(NO_FIX_TEXT))]
    fixes = admonition("tip", "shapekit-fix", fixes_heading(exc), body)
    return label({"type": "div", "class": classes, "children": [broken, fixes]}, name)


def admonition(kind: str, classes: str, title: str, body: list[Node]) -> Node:
    heading = {"type": "admonitionTitle", "children": [text(title)]}
    return {"type": "admonition", "kind": kind, "class": classes, "children": [heading, *body]}


def problem(message: str, line: int | None) -> list[Node]:
    """A mistake: an error box in the page, and a report by mystmd at ``line``.

    An executable plugin has no way to log a message of its own (mystmd keeps
    what it writes on standard error for ``--debug``, and a non-zero exit
    loses the whole page). mystmd does report, with file and line, a role it
    does not know; so a comment beside the box (invisible in the page) holds an
    unknown role named after the message, and the build prints
    ``page.md:LINE unknown role: shapekit: MESSAGE``.
    """
    report: Node = {
        "type": "mystRole",
        "name": f"shapekit: {' '.join(message.split())}",
        "processed": False,
        "children": [],
    }
    if line is not None:
        point = {"line": line, "column": 1}
        report["position"] = {"start": point, "end": point}
    # a comment shows nothing in the page, but mystmd still finds the role inside
    hidden = {"type": "comment", "value": f" shapekit: {message} ", "children": [report]}
    return [admonition("error", "shapekit-error", "shapekit", [paragraph(text(message))]), hidden]
