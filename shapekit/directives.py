"""What the ``shapekit`` and ``shapekit-explain`` directives mean, in any markup.

Sphinx (reStructuredText, and MyST through myst-parser) and mystmd (Jupyter
Book 2) each run directives their own way. What the directives *mean* is
kept here, free of both, so that an option name, a default, a limit or a
message is written once:

- the option names: every field of every figure kind (from the registry),
  ``from`` (a gallery figure) and the figure options;
- :func:`figure_spec`: raw option values — text from a field list, or the
  native values of a YAML options block — to a validated spec;
- :func:`parse_shapes`: the ``shapes`` option of ``shapekit-explain``, and the
  words of its mismatch and fix boxes.

>>> spec, caption = figure_spec("dot", {"left": "1, 2, 3", "right-label": "x", "right": [2, 3, 4]})
>>> spec.kind, spec["right"], spec["right_label"], caption
('dot', (2, 3, 4), 'x', None)
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from shapekit.errors import ExpressionError, MismatchError, SpecError, closest
from shapekit.figures.registry import Spec, all_kinds, get_kind, parse_spec

__all__ = [
    "ALIGN_CHOICES",
    "FIGURE_OPTION_NAMES",
    "FROM_OPTION",
    "MYST",
    "RST",
    "Syntax",
    "field_options",
    "figure_fields",
    "figure_spec",
    "fixes_heading",
    "mismatch_text",
    "option_names",
    "parse_shapes",
]

#: the option naming a gallery figure: ``path/to/spec.toml#figure-id``
FROM_OPTION = "from"
#: the options of a figure (not of its kind), as in Sphinx's ``figure`` directive
FIGURE_OPTION_NAMES = ("alt", "width", "align", "name", "class", "caption")
#: the values of the ``align`` option
ALIGN_CHOICES = ("left", "center", "right")

#: the words of the ``shapekit-explain`` boxes
MISMATCH_TITLE = "Shape mismatch"
NO_FIX_TITLE = "No fix found"
NO_FIX_TEXT = "No transposition or swap of the operands makes these shapes fit."
FIXES_INTRO = "Checked with NumPy's shape rules before being offered:"
GIVES_SHAPE = " gives the shape "


@dataclass(frozen=True)
class Syntax:
    """How a directive is written in one markup, for messages that show it."""

    #: the opening of a ``shapekit`` directive with a kind, e.g. ``.. shapekit:: dot``
    opening: str

    def directive(self, kind: str) -> str:
        return self.opening.format(kind=kind)


RST = Syntax(".. shapekit:: {kind}")
MYST = Syntax("```{{shapekit}} {kind}")


def field_options() -> list[str]:
    """Every field name of every figure kind, in registry order, without repeats.

    >>> {"left", "weights", "sizes"} <= set(field_options())
    True
    """
    names: dict[str, None] = {}
    for kind in all_kinds():
        names.update(dict.fromkeys(kind.field_names))
    return list(names)


def option_names() -> list[str]:
    """Every option of the ``shapekit`` directive: the fields, ``from``, the figure options."""
    return [*field_options(), FROM_OPTION, *FIGURE_OPTION_NAMES]


def figure_fields(kind: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Options as field values of ``kind``.

    A name may be spelt as in TOML (``left_label``) or as on the command line
    (``left-label``); a flag written without a value means true.

    >>> figure_fields("matmul", {"transpose-b": "", "a": [[1, 2]]})
    {'transpose_b': 'true', 'a': [[1, 2]]}
    """
    flags = {f.name for f in get_kind(kind).fields if f.type == "flag"}
    fields = {k.replace("-", "_"): v for k, v in raw.items()}
    return {k: ("true" if k in flags and v in ("", None) else v) for k, v in fields.items()}


def figure_spec(
    kind: str | None,
    raw: Mapping[str, Any],
    resolve: Callable[[str], str] | None = None,
    *,
    syntax: Syntax = RST,
) -> tuple[Spec, str | None]:
    """The validated spec of a ``shapekit`` directive, and its gallery caption (with ``from``).

    ``raw`` holds the field options and ``from`` (not the figure options);
    ``resolve`` turns the path of ``from`` into a file name (relative to the
    page, by the front end's rules). Raises :class:`~shapekit.errors.SpecError`
    whose ``field`` names the option at fault.

    >>> figure_spec(None, {"left": "1"})
    Traceback (most recent call last):
    ...
    shapekit.errors.SpecError: give a figure kind (e.g. '.. shapekit:: dot') or a gallery figure (':from: file.toml#figure-id')
    """
    raw = dict(raw)
    source = raw.pop(FROM_OPTION, None)
    if source is None:
        if kind is None:
            raise SpecError(
                f"give a figure kind (e.g. '{syntax.directive('dot')}') or a "
                "gallery figure (':from: file.toml#figure-id')",
                field=None,
            )
        get_kind(kind)  # an unknown kind is reported before its fields
        return parse_spec(kind, figure_fields(kind, raw)), None
    entry = gallery_entry(str(source), resolve or os.path.abspath)
    if kind is not None and kind != entry.kind:
        raise SpecError(
            f"figure {entry.id!r} is a {entry.kind} figure, not {kind}; "
            f"leave out the kind or write '{syntax.directive(entry.kind)}'",
            field=FROM_OPTION,
        )
    fields = {**entry.spec.to_data(), **figure_fields(entry.kind, raw)}
    return parse_spec(entry.kind, fields, figure=entry.id), entry.caption


def gallery_entry(source: str, resolve: Callable[[str], str]) -> Any:
    """The gallery entry named by ``path.toml#figure-id`` (``resolve`` finds the file)."""
    path, sep, ident = source.partition("#")
    if not sep or not path.strip() or not ident.strip():
        raise SpecError(f"':from:' needs 'file.toml#figure-id', got {source!r}", field=FROM_OPTION)
    filename = resolve(path.strip())
    if not os.path.isfile(filename):
        raise SpecError(
            f"':from:' names {path.strip()!r}, but there is no such spec file "
            f"(looked for {filename})",
            field=FROM_OPTION,
        )
    entries, errors = _load(filename)
    ident = ident.strip()
    for entry in entries:
        if entry.id == ident:
            return entry
    from shapekit.gallery.specs import format_error

    for error in errors:
        if error.figure in (ident, None):
            raise SpecError(f"{path.strip()}#{ident}: {format_error(error)}", field=FROM_OPTION)
    ids = [e.id for e in entries]
    hint = closest(ident, ids)
    raise SpecError(
        f"{path.strip()} has no figure {ident!r}"
        + (f"; did you mean {hint!r}?" if hint else f"; its figures are {', '.join(ids)}"),
        field=FROM_OPTION,
        suggestion=hint,
    )


#: gallery spec files already loaded in this process: path -> (stamp, entries, errors)
_LOADED: dict[str, tuple[tuple[int, int], list[Any], list[SpecError]]] = {}


def _load(filename: str) -> tuple[list[Any], list[SpecError]]:
    """Entries and errors of a gallery spec file, loaded once per change."""
    from shapekit.gallery.specs import load_specs

    try:
        stat = os.stat(filename)
    except OSError:
        return [], [SpecError(f"no spec file at {filename}", file=filename)]
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _LOADED.get(filename)
    if known is None or known[0] != stamp:
        errors: list[SpecError] = []
        entries = load_specs(filename, errors=errors)
        known = (stamp, entries, errors)
        _LOADED[filename] = known
    return known[1], known[2]


def align_option(value: Any) -> str:
    """The ``align`` option, checked as docutils checks it (same message).

    >>> align_option("Center")
    'center'
    >>> align_option("middle")
    Traceback (most recent call last):
    ...
    ValueError: "middle" unknown; choose from "left", "center", or "right"
    """
    text = str(value).strip().lower()
    if text not in ALIGN_CHOICES:
        choices = ", ".join(f'"{c}"' for c in ALIGN_CHOICES[:-1])
        raise ValueError(f'"{value}" unknown; choose from {choices}, or "{ALIGN_CHOICES[-1]}"')
    return text


# -- shapekit-explain -----------------------------------------------------------

#: ``NAME=``: a Python identifier, in any script Python allows (``ｘ``, ``𝑦``)
_BINDING = re.compile(r"([^\W\d]\w*)\s*=")


def parse_shapes(text: str) -> dict[str, tuple[int, ...]]:
    """``inputs=3,4 weights=(3, 4) biases=3`` as a mapping of names to shapes.

    Each shape is read by :func:`shapekit.engine.expr.parse_shape`, as for
    ``shapekit explain --shape``; ``NAME=`` is a scalar.

    >>> parse_shapes("inputs=3,4 weights=(3, 4) biases=3 scale=")
    {'inputs': (3, 4), 'weights': (3, 4), 'biases': (3,), 'scale': ()}

    Names are NFKC-normalised as Python reads identifiers (``ｘ`` is ``x``):

    >>> parse_shapes("ｘ=3,4 𝑦=4")
    {'x': (3, 4), 'y': (4,)}

    Raises :class:`~shapekit.errors.ExpressionError` naming the part that is wrong.
    """
    from shapekit.engine.expr import parse_shape

    text = text.strip()
    if not text:
        return {}
    starts = list(_BINDING.finditer(text))
    if not starts or text[: starts[0].start()].strip():
        raise ExpressionError(f"':shapes:' should look like 'inputs=3,4 weights=3,4', got {text!r}")
    shapes = {}
    for match, after in zip(starts, [*starts[1:], None], strict=True):
        name = unicodedata.normalize("NFKC", match.group(1))
        dims = text[match.end() : after.start() if after else len(text)].strip().rstrip(";")
        if name in shapes:
            raise ExpressionError(f"':shapes:' gives {name!r} twice")
        try:
            shapes[name] = parse_shape(dims)
        except ExpressionError as exc:
            raise ExpressionError(f"':shapes:' {name}: {exc.message}") from exc
    return shapes


def mismatch_text(expr: str, exc: MismatchError) -> str:
    """The expression with carets under the failing part, then the steps up to it."""
    lines = [expr]
    if exc.col is not None and exc.expr:
        lines.append(" " * exc.col + "^" * max(1, len(exc.expr)))
    if exc.explanation is not None:
        lines += ["", str(exc.explanation)]
    return "\n".join(lines)


def fixes_heading(exc: MismatchError) -> str:
    """The title of the fixes box."""
    if not exc.suggestions:
        return NO_FIX_TITLE
    return "Verified fix" if len(exc.suggestions) == 1 else "Verified fixes"
