"""Every way a request can carry a figure spec, turned into one validated :class:`Spec`.

- a readable query (``/neuron.svg?inputs=1,2,3&bias=2``): each value is text, read by the
  same field parsers as the command line's options;
- JSON (``{"inputs": [1, 2, 3], "bias": 2}``, with ``"kind"`` for ``/shapekit/…``);
- TOML written exactly as a gallery file's ``[[figure]]`` table or a Markdown fence
  (``kind = "neuron"`` …), read by :func:`shapekit.gallery.snippet.parse_snippet`;
- Kroki's JSON body ``{"diagram_source": "…", "diagram_options": {…}}``, whose source is
  either of the two above.

Nothing here knows a field name: everything goes through
:func:`shapekit.figures.registry.parse_spec`.

>>> spec = spec_from_text('{"kind": "dot", "left": [1, 2], "right": [3, 4]}', None)
>>> spec.kind, spec["right"]
('dot', (3, 4))
>>> spec_from_text('kind = "dot"\\nleft = [1, 2]\\nright = [3, 4]', "dot")["left"]
(1, 2)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from shapekit.errors import ShapekitError, SpecError
from shapekit.figures.registry import Spec, parse_spec
from shapekit.service.problems import Problem

__all__ = ["META_KEYS", "RESERVED", "spec_from_body", "spec_from_query", "spec_from_text"]

#: query parameters that are not fields of any kind (``v`` pins the shapekit version)
RESERVED = ("v",)
#: keys a spec may carry besides its fields (as in a gallery file); they do not change the drawing
META_KEYS = ("id", "title", "caption")


def spec_from_query(kind: str, params: Iterable[tuple[str, str]]) -> Spec:
    """A spec from query parameters (text values), as the CLI reads ``--field value``."""
    return _validated(kind, _single(params), where="query")


def spec_from_text(text: str, kind: str | None, options: Mapping[str, Any] | None = None) -> Spec:
    """A spec from a source text: JSON (an object) or TOML, told apart by the first character."""
    if text.lstrip().startswith("{"):
        data = _json_object(text, "the spec")
        return _from_mapping(data, kind, options)
    from shapekit.gallery.snippet import parse_snippet

    try:
        snippet = parse_snippet(text)
    except SpecError as exc:
        malformed = exc.field is None and exc.message.startswith("not valid TOML")
        raise Problem.from_error(exc, 400 if malformed else 422) from None
    if kind is not None and snippet.kind != kind:
        raise Problem(
            422,
            f"the spec says kind = {snippet.kind!r} but was sent to the {kind!r} route",
            kind="spec",
            field="kind",
        )
    if not options:
        return snippet.spec
    return _validated(snippet.kind, _merge(snippet.spec.to_data(), options), where="spec")


def spec_from_body(body: bytes, content_type: str, kind: str | None) -> Spec:
    """A spec from a POST body: JSON fields, Kroki's JSON envelope, or plain TOML/JSON text."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, "the request body is not UTF-8 text", kind="encoding") from None
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "application/json" or (not media and text.lstrip().startswith("{")):
        data = _json_object(text, "the request body")
        if "diagram_source" in data:
            return _from_kroki(data, kind)
        return _from_mapping(data, kind, None)
    if media in ("", "text/plain", "application/toml", "text/x-toml", "application/x-toml"):
        return spec_from_text(text, kind)
    raise Problem(
        415,
        f"cannot read a {media!r} body; send application/json or text/plain (TOML or JSON)",
        kind="media_type",
    )


# -- helpers ---------------------------------------------------------------------------


def _from_kroki(data: dict[str, Any], kind: str | None) -> Spec:
    source = data["diagram_source"]
    options = data.get("diagram_options") or {}
    if not isinstance(source, str):
        raise Problem(400, "'diagram_source' must be text", kind="request", field="diagram_source")
    if not isinstance(options, dict):
        raise Problem(
            400, "'diagram_options' must be an object", kind="request", field="diagram_options"
        )
    unknown = sorted(set(data) - {"diagram_source", "diagram_options", "diagram_type"})
    if unknown:
        raise Problem(400, f"unknown key {unknown[0]!r} in the request", field=unknown[0])
    written = data.get("diagram_type")
    if written is not None and written not in ("shapekit", kind):
        raise Problem(
            422,
            f"'diagram_type' is {written!r}; this service draws 'shapekit' diagrams",
            field="diagram_type",
        )
    return spec_from_text(source, kind, {str(k): v for k, v in options.items()})


def _from_mapping(
    data: Mapping[str, Any], kind: str | None, options: Mapping[str, Any] | None
) -> Spec:
    fields = {k: v for k, v in data.items() if k not in META_KEYS and k != "kind"}
    written = data.get("kind")
    if written is not None and not isinstance(written, str):
        raise Problem(422, "'kind' must be text, e.g. \"neuron\"", kind="spec", field="kind")
    if kind is not None and written is not None and written != kind:
        raise Problem(
            422,
            f"the spec says kind {written!r} but was sent to the {kind!r} route",
            kind="spec",
            field="kind",
        )
    name = kind or written
    if name is None:
        raise Problem(
            422, 'the spec needs a \'kind\', e.g. "kind": "neuron"', kind="spec", field="kind"
        )
    for key in META_KEYS:
        if key in data and not isinstance(data[key], str):
            raise Problem(422, f"{key!r} must be text", kind="spec", field=key)
    return _validated(name, _merge(fields, options or {}), where="spec")


def _merge(fields: Mapping[str, Any], options: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(fields)
    for key, value in options.items():
        if key in RESERVED:
            continue
        if key in merged:
            raise Problem(
                422,
                f"{key!r} is given both in the spec and as an option",
                kind="spec",
                field=key,
            )
        merged[key] = value
    return merged


def _validated(kind: str, raw: Mapping[str, Any], *, where: str) -> Spec:
    try:
        return parse_spec(kind, raw)
    except ShapekitError as exc:
        raise Problem.from_error(exc) from None


def _single(params: Iterable[tuple[str, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in params:
        if key in RESERVED:
            continue
        if key in found:
            raise Problem(400, f"{key!r} is given twice in the query", field=key)
        found[key] = value
    return found


def _json_object(text: str, what: str) -> dict[str, Any]:
    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # JSON itself lets the last of two equal keys win silently; a spec must not
        data: dict[str, Any] = {}
        for key, value in pairs:
            if key in data:
                raise Problem(400, f"{key!r} is given twice in {what}", kind="syntax", field=key)
            data[key] = value
        return data

    try:
        data = json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as exc:
        raise Problem(
            400,
            f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            kind="syntax",
        ) from None
    except RecursionError:
        raise Problem(400, f"{what} is nested too deeply", kind="syntax") from None
    except ValueError:  # Python's limit on integer digits, as the TOML reader says it
        raise Problem(
            422,
            f"a number in {what} has more than {sys.get_int_max_str_digits()} digits, "
            "more than any figure can use",
            kind="spec",
        ) from None
    if not isinstance(data, dict):
        raise Problem(400, f"{what} must be a JSON object", kind="syntax")
    return data
