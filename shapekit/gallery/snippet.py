"""One figure written as TOML on its own: the text of a Markdown fence or a service request.

A snippet is the body of a gallery file's ``[[figure]]`` table, so a teacher can move a figure
between a gallery file, an MkDocs page and a request to the service without changing a line::

    kind = "neuron"
    title = "A neuron with three inputs"      # optional here
    caption = "Each input times its weight."  # optional here
    inputs = [1.0, 2.0, 3.0]
    weights = [0.2, 0.8, -0.5]
    bias = 2.0

``id`` is allowed (and checked) but not needed; a whole one-figure gallery file, with its
``title`` line and ``[[figure]]`` header, is read too. Errors are the gallery's
:class:`~shapekit.errors.SpecError`, with ``line`` counted inside the snippet and a
"did you mean" for a misspelt field.

>>> s = parse_snippet('kind = "dot"\\nleft = [1, 2, 3]\\nright = [2, 3, 4]\\n')
>>> s.kind, s.spec["left"], s.caption
('dot', (1, 2, 3), '')
>>> parse_snippet('kind = "dot"\\nleft = [1, 2]\\nrigth = [2, 3]\\n')
Traceback (most recent call last):
...
shapekit.errors.SpecError: dot figures have no field 'rigth'; did you mean 'right'?
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shapekit.errors import ShapekitError, SpecError
from shapekit.figures.registry import Spec, parse_spec
from shapekit.gallery._tomltext import Source, parse
from shapekit.gallery.specs import (
    FIGURE_KEYS,
    ID_PATTERN,
    MAX_CAPTION,
    MAX_FILE_BYTES,
    MAX_ID,
    MAX_TITLE,
)

__all__ = ["Snippet", "parse_snippet"]


@dataclass(frozen=True)
class Snippet:
    """A figure read from a snippet: its validated ``spec`` and the words around it."""

    kind: str
    spec: Spec
    title: str = ""
    caption: str = ""
    id: str | None = None


def parse_snippet(text: str, *, file: str | None = None) -> Snippet:
    """Read one figure from TOML text; raise :class:`SpecError` with the line inside ``text``."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise SpecError(f"a figure spec is limited to {MAX_FILE_BYTES} bytes", file=file)
    try:
        data = parse(text, file or "<spec>")
    except SpecError as exc:
        exc.file = file
        raise
    table = _figure_table(data, file)
    try:
        return _snippet(table)
    except SpecError as exc:
        exc.file = file
        if exc.line is None and exc.field:
            source = Source(text)
            exc.line = source.key_line((0, source.end), exc.field)
        raise


def _figure_table(data: dict[str, Any], file: str | None) -> dict[str, Any]:
    figures = data.get("figure")
    if figures is None:
        return data
    if not isinstance(figures, list) or len(figures) != 1 or not isinstance(figures[0], dict):
        raise SpecError(
            "a snippet holds one figure: its fields, or one [[figure]] table",
            field="figure",
            file=file,
        )
    return dict(figures[0])


def _snippet(table: dict[str, Any]) -> Snippet:
    kind = table.get("kind")
    if not isinstance(kind, str):
        raise SpecError("a figure spec needs a 'kind', e.g. kind = \"neuron\"", field="kind")
    ident = table.get("id")
    if ident is not None and (
        not isinstance(ident, str) or not ID_PATTERN.fullmatch(ident) or len(ident) > MAX_ID
    ):
        raise SpecError(
            "an id is lowercase letters, digits and '-', starting with a letter or digit, "
            f"at most {MAX_ID} characters (e.g. 'neuron-3')",
            field="id",
        )
    texts = {}
    for key, limit in (("title", MAX_TITLE), ("caption", MAX_CAPTION)):
        value = table.get(key, "")
        if not isinstance(value, str) or len(value) > limit:
            raise SpecError(f"{key!r} must be text of at most {limit} characters", field=key)
        texts[key] = value.strip()
    raw = {k: v for k, v in table.items() if k not in FIGURE_KEYS}
    try:
        spec = parse_spec(kind, raw, figure=ident)
    except SpecError:
        raise
    except ShapekitError as exc:  # a value the core refused before the kind could say so
        raise SpecError(exc.message, figure=ident) from exc
    return Snippet(kind, spec, texts["title"], texts["caption"], ident)
