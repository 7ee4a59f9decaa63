r"""The one loader of TOML figure specs (gallery, ``shapekit render``, Sphinx).

A spec file holds one topic: a ``title`` (and optional ``order`` and
``intro``), then one ``[[figure]]`` table per figure with ``id``, ``title``,
``caption``, ``kind`` and that kind's fields::

    title = "Neurons"
    order = 1

    [[figure]]
    id = "neuron-3"
    title = "A neuron with three inputs"
    caption = "Each input is multiplied by its weight; the bias is added last."
    kind = "neuron"
    inputs = [1.0, 2.0, 3.0]
    weights = [0.2, 0.8, -0.5]
    bias = 2.0

Errors are :class:`~shapekit.errors.SpecError` with ``file``, ``line``,
``figure`` and ``field`` set (tomllib reports no lines for values, so the
line is found by scanning the text for the figure's table and the key). Pass
``errors=[]`` to collect every error and keep the figures that are fine.

>>> import pathlib, tempfile
>>> text = '\n'.join(['title = "Dot products"', '[[figure]]', 'id = "dot"',
...     'title = "Two vectors"', 'caption = "Pairs are multiplied, then added."',
...     'kind = "dot"', 'left = [1, 2, 3]', 'right = [2, 3, 4]'])
>>> with tempfile.TemporaryDirectory() as folder:
...     _ = pathlib.Path(folder, "dots.toml").write_text(text)
...     [(e.id, e.kind, e.topic.title, e.line) for e in load_specs(folder)]
[('dot', 'dot', 'Dot products', 2)]
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from shapekit.errors import ShapekitError, SpecError, closest, internal_error_reason
from shapekit.figures.registry import KIND_NAMES, Spec, get_kind, parse_spec
from shapekit.gallery._tomltext import Source, parse

__all__ = [
    "ID_PATTERN",
    "Entry",
    "Topic",
    "entry_toml",
    "format_error",
    "internal_error",
    "load_specs",
    "spec_files",
]

#: what a figure id may look like (match it with ``fullmatch``): it names files, so it can
#: never leave the output folder
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID = 64
MAX_TITLE = 200
MAX_CAPTION = 2000
MAX_INTRO = 4000
#: the largest spec file read (bounded work)
MAX_FILE_BYTES = 1_000_000
#: the range of a topic's ``order``
MAX_ORDER = 10**6
#: unknown topic settings reported one by one; the rest are counted in one more error
MAX_UNKNOWN_REPORTED = 10
#: the keys of a figure table that are not the kind's fields
FIGURE_KEYS = ("id", "title", "caption", "kind")
TOPIC_KEYS = ("title", "order", "intro", "figure")

#: text with a control character a title, caption or intro may not hold (tabs and newlines may)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Topic:
    """One spec file: a topic of the gallery."""

    slug: str
    title: str
    order: int
    intro: str
    file: str


@dataclass(frozen=True)
class Entry:
    """One figure of a spec file, with a validated :class:`Spec`."""

    id: str
    title: str
    caption: str
    kind: str
    spec: Spec
    topic: Topic
    file: str
    line: int


def spec_files(path: str | os.PathLike[str]) -> list[Path]:
    """The TOML files of ``path``: the file itself, or a folder's ``*.toml`` sorted."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.glob("*.toml") if f.is_file())
    if p.is_file():
        return [p]
    raise SpecError(f"no spec file or folder at {str(p)!r}", file=str(p))


def load_specs(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    errors: list[SpecError] | None = None,
) -> list[Entry]:
    """Load every figure of a spec file, a folder of them, or several of either.

    Without ``errors`` the first problem raises; with a list, each problem is
    appended (one per figure at most) and the good figures are returned.
    Figure ids must be unique over everything loaded in one call; a file named
    twice (``specs specs/a.toml``) is read once.
    """
    sink: list[SpecError] = [] if errors is None else errors
    start = len(sink)
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    read: set[Path] = set()
    for item in items:
        try:
            files = spec_files(item)
        except SpecError as exc:
            sink.append(exc)
            continue
        for file in files:
            if file.resolve() in read:
                continue
            read.add(file.resolve())
            try:
                loaded = _load_file(file, sink)
            except Exception as exc:  # isolation boundary: the file fails, not the whole load
                sink.append(internal_error(exc, file=str(file)))
                continue
            for entry in loaded:
                first = seen.get(entry.id)
                if first is not None:
                    sink.append(
                        SpecError(
                            f"figure id {entry.id!r} is used twice "
                            f"(first at {first.file}:{first.line})",
                            field="id",
                            figure=entry.id,
                            file=entry.file,
                            line=entry.line,
                        )
                    )
                    continue
                seen[entry.id] = entry
                entries.append(entry)
    if errors is None and len(sink) > start:
        raise sink[start]
    return entries


def format_error(error: SpecError) -> str:
    """``file:line: figure 'id', field 'name': message`` — as much as is known."""
    where = ":".join(str(p) for p in (error.file, error.line) if p is not None)
    about = ", ".join(
        f"{label} {value!r}"
        for label, value in (("figure", error.figure), ("field", error.field))
        if value
    )
    parts = [p for p in (where, about) if p]
    return ": ".join([*parts, error.message])


# -- one file ------------------------------------------------------------------


def _load_file(file: Path, sink: list[SpecError]) -> list[Entry]:
    name = str(file)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise SpecError(f"spec file is larger than {MAX_FILE_BYTES} bytes", file=name)
        text = file.read_text(encoding="utf-8")
    except SpecError as exc:
        sink.append(exc)
        return []
    except (OSError, UnicodeDecodeError) as exc:
        sink.append(SpecError(f"cannot read the spec file: {exc}", file=name))
        return []
    try:
        data = parse(text, name)
    except SpecError as exc:
        sink.append(exc)
        return []
    source = Source(text)
    topic = _topic(file, data, source, sink)
    figures = data.get("figure", [])
    if not isinstance(figures, list) or not all(isinstance(f, dict) for f in figures):
        sink.append(
            SpecError(
                "'figure' must be a list of [[figure]] tables",
                field="figure",
                file=name,
                line=source.key_line((0, source.end), "figure"),
            )
        )
        return []
    spans = source.figure_spans(figures)
    entries = []
    for table, span in zip(figures, spans, strict=True):
        try:
            entries.append(_entry(table, topic, name, span))
        except SpecError as exc:
            exc.file = name
            if exc.line is None:
                exc.line = (source.key_line(span, exc.field) if exc.field else None) or span[0] + 1
            sink.append(exc)
        except Exception as exc:  # isolation boundary: this figure fails, not its file
            ident = table.get("id")
            figure = ident if isinstance(ident, str) and ID_PATTERN.fullmatch(ident) else None
            sink.append(internal_error(exc, figure=figure, file=name, line=span[0] + 1))
    return entries


def internal_error(
    exc: BaseException,
    *,
    figure: str | None = None,
    file: str | None = None,
    line: int | None = None,
) -> SpecError:
    """The error of a spec file or figure on which shapekit itself failed with ``exc``:
    its ``kind`` is ``"internal-error"`` and its message asks to report it."""
    error = SpecError(internal_error_reason(exc), figure=figure, file=file, line=line)
    error.kind = "internal-error"
    return error


def _topic(file: Path, data: dict[str, Any], source: Source, sink: list[SpecError]) -> Topic:
    name = str(file)
    top = (0, source.first_header)
    unknown = [key for key in data if key not in TOPIC_KEYS]
    for key in unknown[:MAX_UNKNOWN_REPORTED]:
        hint = closest(key, TOPIC_KEYS)
        sink.append(
            SpecError(
                f"a spec file has no setting {key!r}"
                + (
                    f"; did you mean {hint!r}?"
                    if hint
                    else f"; the settings are {', '.join(TOPIC_KEYS[:3])}"
                ),
                field=key,
                suggestion=hint,
                file=name,
                line=source.key_line(top, key),
            )
        )
    if len(unknown) > MAX_UNKNOWN_REPORTED:
        sink.append(
            SpecError(
                f"{len(unknown) - MAX_UNKNOWN_REPORTED} more unknown settings "
                f"(the settings are {', '.join(TOPIC_KEYS[:3])} and [[figure]] tables)",
                file=name,
                line=source.key_line(top, unknown[MAX_UNKNOWN_REPORTED]),
            )
        )
    title = data.get("title")
    if not _is_text(title, MAX_TITLE):
        sink.append(
            SpecError(
                f"a spec file needs a 'title' (text of at most {MAX_TITLE} characters, "
                "no control characters) for its topic",
                field="title",
                file=name,
                line=source.key_line(top, "title") or 1,
            )
        )
        title = file.stem.replace("-", " ").capitalize()
    order = data.get("order", 0)
    if isinstance(order, bool) or not isinstance(order, int) or abs(order) > MAX_ORDER:
        sink.append(
            SpecError(
                f"'order' must be a whole number from -{MAX_ORDER} to {MAX_ORDER}",
                field="order",
                file=name,
                line=source.key_line(top, "order"),
            )
        )
        order = 0
    intro = data.get("intro", "")
    if not _is_text(intro, MAX_INTRO, empty=True):
        sink.append(
            SpecError(
                f"'intro' must be text of at most {MAX_INTRO} characters, "
                "with no control characters but tabs and newlines",
                field="intro",
                file=name,
                line=source.key_line(top, "intro"),
            )
        )
        intro = ""
    return Topic(slug=file.stem, title=title.strip(), order=order, intro=intro.strip(), file=name)


def _is_text(value: Any, limit: int, *, empty: bool = False) -> TypeGuard[str]:
    """Whether ``value`` is text of at most ``limit`` characters, fit to show to a reader."""
    return (
        isinstance(value, str)
        and (empty or bool(value.strip()))
        and len(value) <= limit
        and _CONTROL.search(value) is None
    )


def _entry(table: dict[str, Any], topic: Topic, file: str, span: tuple[int, int]) -> Entry:
    ident = table.get("id")
    if not isinstance(ident, str) or not ID_PATTERN.fullmatch(ident) or len(ident) > MAX_ID:
        shown = "missing" if ident is None else f"{ident!r}"
        raise SpecError(
            f"figure id is {shown}; an id is lowercase letters, digits and '-', starting with a "
            f"letter or digit, at most {MAX_ID} characters (e.g. 'neuron-3')",
            field="id",
            figure=ident if isinstance(ident, str) and ID_PATTERN.fullmatch(ident) else None,
        )
    kind_name = table.get("kind")
    fields: tuple[str, ...] = ()
    if isinstance(kind_name, str) and kind_name in KIND_NAMES:
        fields = get_kind(kind_name).field_names
    # the first unknown key only: the kind's own check reports it otherwise
    key = next((k for k in table if k not in FIGURE_KEYS and k not in fields), None)
    meta = closest(key, FIGURE_KEYS) if key is not None else None
    if key is not None and meta and not closest(key, fields):
        raise SpecError(
            f"figures have no setting {key!r}; did you mean {meta!r}?",
            field=key,
            suggestion=meta,
            figure=ident,
        )
    texts = {}
    for name, limit in (("title", MAX_TITLE), ("caption", MAX_CAPTION)):
        value = table.get(name)
        if not _is_text(value, limit):
            raise SpecError(
                f"every figure needs a {name!r}: text of at most {limit} characters, "
                "with no control characters but tabs and newlines",
                field=name,
                figure=ident,
            )
        texts[name] = value.strip()
    if not isinstance(kind_name, str):
        raise SpecError(
            "every figure needs a 'kind', e.g. kind = \"neuron\"", field="kind", figure=ident
        )
    raw = {k: v for k, v in table.items() if k not in FIGURE_KEYS}
    try:
        spec = parse_spec(kind_name, raw, figure=ident)
    except SpecError as exc:
        exc.figure = ident
        raise
    except ShapekitError as exc:  # a value the core refused before the kind could say so
        raise SpecError(exc.message, figure=ident) from exc
    return Entry(
        id=ident,
        title=texts["title"],
        caption=texts["caption"],
        kind=kind_name,
        spec=spec,
        topic=topic,
        file=file,
        line=span[0] + 1,
    )


# -- writing a spec back ----------------------------------------------------------


def entry_toml(entry: Entry) -> str:
    """A standalone spec file holding just this figure (loads back to the same spec).

    The kind's defaults are left out, so the file shows what the author chose.
    """
    out = [f"title = {_toml_value(entry.topic.title)}", "", "[[figure]]"]
    head = {"id": entry.id, "title": entry.title, "caption": entry.caption, "kind": entry.kind}
    for key, value in [*head.items(), *entry.spec.to_data().items()]:
        if value is not None:
            out.append(f"{key} = {_toml_value(value)}")
    return "\n".join(out) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML cannot hold {value!r} here")
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _toml_string(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
