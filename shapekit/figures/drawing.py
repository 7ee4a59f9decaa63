"""What a figure kind builds (a :class:`Drawing`) and the :class:`Figure` that
renders it to SVG, PNG and PDF, displays itself in Jupyter and saves to files.

Size: every spec has ``width`` and ``scale`` (see
:data:`~shapekit.figures.registry.SIZE_FIELDS`). ``width`` sets the width (the
height follows), ``scale`` multiplies the natural size; with neither, a figure
keeps its natural size unless that is larger than :data:`FIT`, the content
area of a 16:9 slide, which it is then shrunk to fit.

>>> fig = figure("dot", left=[1, 2, 3], right=[2, 3, 4], width="4in")
>>> fig.size("svg")[0]  # CSS pixels, 96 an inch
384
"""

from __future__ import annotations

import base64
import html
import re
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from shapekit.figures.registry import Spec, get_kind, parse_spec

__all__ = [
    "DEFAULT_DPI",
    "FIT",
    "FORMATS",
    "Drawing",
    "Figure",
    "draw",
    "figure",
    "render_many",
    "replace_file",
]

#: PNG resolution used when none is given (matches the Graphviz backend)
DEFAULT_DPI = 192
#: what :meth:`Figure.save` writes, by file suffix
FORMATS = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
#: inches: a 16:9 slide is 13.33 x 7.5; a figure larger than its content area
#: (a title's height and a margin off) is shrunk to fit, unless a width or scale is given
FIT = (12.0, 6.5)
#: a height no width-set figure reaches, so that ``size="W,TALL!"`` sets the width
_TALL = 1000


@dataclass(frozen=True)
class Drawing:
    """The output of a kind's ``build``: DOT source plus the words about it.

    ``title`` is a short name ("A neuron with 3 inputs"), ``description`` the
    accessible text (alt text, SVG ``<desc>``, PNG ``Description``) generated
    from the content, ``explanation`` the longer text a learner reads beside it
    (the arithmetic written out, the shape rules applied).
    """

    source: str
    title: str
    description: str
    explanation: str = ""


class Figure:
    """A drawn figure: ``svg()`` and ``png()`` bytes, cached after the first call.

    >>> fig = figure("dot", left=[1, 2, 3], right=[2, 3, 4])
    >>> fig.drawing.title
    'Dot product of two vectors of length 3'
    """

    def __init__(self, spec: Spec, drawing: Drawing) -> None:
        self.spec = spec
        self.drawing = drawing
        self._cache: dict[tuple[str, int | None], bytes] = {}

    @property
    def description(self) -> str:
        return self.drawing.description

    @property
    def explanation(self) -> str:
        return self.drawing.explanation

    @property
    def ident(self) -> str:
        """A stable id for this figure's SVG elements (from the spec digest)."""
        return "sk-" + self.spec.digest[:10]

    def svg(self) -> bytes:
        """The figure as SVG bytes (UTF-8)."""
        if ("svg", None) not in self._cache:
            render_many([self], formats=("svg",))
        return self._cache[("svg", None)]

    def png(self, dpi: int = DEFAULT_DPI) -> bytes:
        """The figure as PNG bytes at ``dpi``, with Title/Description metadata."""
        if ("png", dpi) not in self._cache:
            render_many([self], formats=("png",), dpi=dpi)
        return self._cache[("png", dpi)]

    def pdf(self) -> bytes:
        """The figure as a vector PDF, with its title and description in the PDF's info."""
        if ("pdf", None) not in self._cache:
            render_many([self], formats=("pdf",))
        return self._cache[("pdf", None)]

    def size(self, fmt: str = "svg", dpi: int = DEFAULT_DPI) -> tuple[int, int]:
        """Width and height: CSS pixels (96 an inch) for ``"svg"``, pixels for ``"png"``."""
        if fmt == "png":
            width, height = struct.unpack(">II", self.png(dpi)[16:24])
            return width, height
        return _svg_size(self.svg())

    def save(self, path: str | Path, *, dpi: int = DEFAULT_DPI) -> Path:
        """Write the figure to ``path``; its suffix (.svg, .png or .pdf) picks the format.

        The folder must exist: a missing one is an :class:`~shapekit.errors.OutputError`
        (an ``OSError``) that says so, as ``shapekit render -o`` does, so that a typo in a
        folder name is caught rather than a new folder made.
        """
        from shapekit.errors import OutputError, SpecError

        target = Path(path)
        fmt = FORMATS.get(target.suffix.lower())
        if fmt is None:
            raise SpecError(
                f"cannot save a figure as {target.suffix or 'a file without suffix'!r}; "
                "use .svg, .png or .pdf",
                field="output",
            )
        folder = target.parent
        if not folder.is_dir():
            raise OutputError(
                f"cannot save the figure as {str(target)!r}: there is no folder {str(folder)!r} "
                f"(create it first, e.g. with Path({str(folder)!r}).mkdir(parents=True))"
            )
        data = self.png(dpi) if fmt == "png" else self.svg() if fmt == "svg" else self.pdf()
        try:
            replace_file(target, data)
        except OSError as exc:
            raise OutputError(
                f"cannot save the figure as {str(target)!r}: {exc.strerror or exc}"
            ) from exc
        return target

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """SVG, PNG, PDF, an ``<img>`` with alt text, and the description as plain text.

        Notebook front ends show the HTML image (the SVG, with the description as
        its alt text, which ``nbconvert --to html`` keeps); ``nbconvert --to
        latex`` and ``--to pdf`` include the vector PDF (without it they would
        need Inkscape to convert the SVG).
        """
        render_many([self], formats=("svg", "png", "pdf"))
        svg, png = self.svg(), self.png()
        width, height = _svg_size(svg)
        alt = html.escape(self.description, quote=True)
        data = {
            "text/plain": self.description,
            "text/html": (
                f'<img src="data:image/svg+xml;base64,{base64.b64encode(svg).decode("ascii")}" '
                f'alt="{alt}" width="{width}" height="{height}">'
            ),
            "image/svg+xml": svg.decode("utf-8"),
            "image/png": base64.b64encode(png).decode("ascii"),
            "application/pdf": base64.b64encode(self.pdf()).decode("ascii"),
        }
        size = {"width": width, "height": height} if width and height else {}
        metadata = {"image/png": {**size, "alt": self.description}}
        if include:
            data = {k: v for k, v in data.items() if k in include}
        if exclude:
            data = {k: v for k, v in data.items() if k not in exclude}
        return data, metadata

    def __repr__(self) -> str:
        return f"<Figure {self.spec.kind}: {self.drawing.title}>"


def draw(spec: Spec) -> Figure:
    """Build the figure for a validated spec (no rendering happens yet).

    The title and description get typographic minus signs and arrows
    (``\u22120.5``, ``\u2192``): screen readers say "minus" for U+2212, not "dash".
    """
    from shapekit.figures.theme import drop_empty_markup

    drawing = get_kind(spec.kind).build(spec)
    description = sentences(typeset(drawing.description))
    drawing = replace(
        drawing,
        title=typeset(drawing.title),
        description=description,
        # an empty name or label leaves "<I></I>", which Graphviz refuses
        source=drop_empty_markup(drawing.source),
    )
    return Figure(spec, drawing)


_MINUS = re.compile(r"(?<![\w.)\]])-(?=\.?\d)|(?<=[\w)\]] )-(?= [\w(\[])")


def typeset(text: str) -> str:
    """Text for people: a true minus before a number, an arrow for ``->``.

    A hyphen inside a word or range (``two-layer``, ``x-1``) is left alone.

    >>> typeset("bias -0.5, so 2 - 3 = -1 and (3, 4) -> (4, 3) in a two-layer net")
    'bias \u22120.5, so 2 \u2212 3 = \u22121 and (3, 4) \u2192 (4, 3) in a two-layer net'
    """
    return _MINUS.sub("\u2212", text.replace("->", "\u2192"))


#: the first word of a sentence, when it is lower case
_SENTENCE_START = re.compile(
    r"(?:^|(?<=[.!?] ))([a-z]+)\b(?![.(\[]|\s*[@=+*/\u00d7\u00b7\u2212-]\s)"
)
#: plain words that may start a sentence in a kind's description (the core's messages
#: start "the list[1] …" or "cannot compute …", a layer's lines "neuron 1: …"); any
#: other word may be a variable's name (``inputs has shape …``) and is left alone
_PLAIN_WORDS = frozenset(
    [
        "a",
        "all",
        "an",
        "and",
        "but",
        "cannot",
        "each",
        "every",
        "it",
        "its",
        "neuron",
        "no",
        "not",
        "one",
        "so",
        "the",
        "there",
        "these",
        "this",
    ]
)
_ABBREVIATIONS = ("e.g. ", "i.e. ", "cf. ")


def sentences(text: str) -> str:
    """A sentence that starts with a plain lower-case word starts upper case.

    Kinds build descriptions from parts, some of them messages that start lower
    case; a screen reader and a teacher read them as sentences. A sentence that
    starts with a name or a formula (``inputs has shape …``, ``y = 2·x``) is kept.

    >>> sentences("The layer outputs [4.8, 1.2]. neuron 1: 4.8. the list[1] has 2, e.g. this.")
    'The layer outputs [4.8, 1.2]. Neuron 1: 4.8. The list[1] has 2, e.g. this.'
    >>> sentences("cannot compute a @ b. inputs has shape (2, 3). y = 2\u00b7x. a @ b fails.")
    'Cannot compute a @ b. inputs has shape (2, 3). y = 2\u00b7x. a @ b fails.'
    """

    def upper(match: re.Match[str]) -> str:
        word = match.group(1)
        before = text[: match.start()]
        if word not in _PLAIN_WORDS or any(before.endswith(a) for a in _ABBREVIATIONS):
            return word
        return word[0].upper() + word[1:]

    return _SENTENCE_START.sub(upper, text)


_SVG_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"')


def _svg_size(svg: bytes) -> tuple[int, int]:
    """The CSS pixel size of a Graphviz SVG (its width and height are in points)."""
    match = _SVG_SIZE.search(svg[:4000])
    if match is None:
        return (0, 0)
    return (round(float(match.group(1)) * 4 / 3), round(float(match.group(2)) * 4 / 3))


def sized_source(spec: Spec, source: str, fmt: str) -> str:
    """``source`` with the graph attributes that give the spec's size in ``fmt``.

    ``width`` becomes ``size="W,…!"`` (exactly W inches wide); ``scale`` becomes
    a ``dpi`` of 72 x scale for SVG and PDF (PNG is drawn at ``dpi`` x scale by
    :func:`render_many`); with neither, ``size`` shrinks a figure larger than
    :data:`FIT` and leaves the others as they are. A PDF gets ``margin=0``, so
    that its page has the size of the SVG.
    """
    width, scale = spec.get("width"), spec.get("scale")
    if width is not None:
        attrs = f'size="{width:g},{_TALL}!"'
    elif scale is not None:
        if fmt == "png":
            return source
        attrs = f"dpi={72 * scale:g}"
    else:
        attrs = f'size="{FIT[0]:g},{FIT[1]:g}"'
    if fmt == "pdf":  # cairo's PDF adds half an inch around the figure; the others add none
        attrs += " margin=0"
    end = source.rstrip().rfind("}")
    if end < 0:
        return source
    return f"{source[:end]}\tgraph [{attrs}]\n{source[end:]}"


def _png_dpi(data: bytes, dpi: int) -> bytes:
    """A PNG with its pHYs chunk set to ``dpi`` (a scaled figure keeps the asked-for DPI,
    so that its physical size follows the scale)."""
    ppm = round(dpi / 0.0254)
    out, pos = [data[:8]], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        chunk = data[pos : pos + 12 + length]
        if ctype == b"pHYs":
            body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
            chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
        out.append(chunk)
        pos += 12 + length
    return b"".join(out)


def figure(kind: str, fields: Mapping[str, Any] | None = None, /, **more: Any) -> Figure:
    """Parse fields for ``kind`` and build its figure.

    >>> figure("dot", left="1, 2, 3", right="2, 3, 4").spec["left"]
    (1, 2, 3)
    """
    return draw(parse_spec(kind, {**(fields or {}), **more}))


def render_many(
    figures: Sequence[Figure],
    *,
    formats: Iterable[str] = ("svg", "png"),
    dpi: int = DEFAULT_DPI,
) -> None:
    """Render many figures, each format in one call of the backend (see :mod:`shapekit.render`).

    The results land in each figure's cache (``fig.svg()``/``fig.png(dpi)``
    then return at once). A failure raises the RenderError of the first
    figure that failed.
    """
    from shapekit.render import Job, render

    for fmt in formats:
        key = (fmt, dpi if fmt == "png" else None)
        todo = [f for f in figures if key not in f._cache]
        # a PNG of a scaled figure is drawn at dpi x scale: one render call per scale
        groups: dict[float, list[Figure]] = {}
        for fig in todo:
            scale = fig.spec.get("scale") if fmt == "png" else None
            groups.setdefault(scale or 1.0, []).append(fig)
        for scale, group in groups.items():
            jobs = [
                Job(
                    sized_source(f.spec, f.drawing.source, fmt),
                    f.drawing.title,
                    f.drawing.description,
                    f.ident,
                )
                for f in group
            ]
            drawn = render(jobs, fmt, dpi=max(1, round(dpi * scale)))
            for fig, data in zip(group, drawn, strict=True):
                fig._cache[key] = _png_dpi(data, dpi) if scale != 1.0 else data


def replace_file(target: Path, data: bytes) -> None:
    """Put ``data`` at ``target`` through a new file created exclusively next to it.

    The temporary file gets a random name and ``O_EXCL | O_NOFOLLOW``, so no file or
    link planted there is ever written through; renaming it over ``target`` replaces
    a link or FIFO found there instead of following it or blocking on it.
    """
    import os
    import secrets

    if target.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(target))
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(temp, flags, 0o644)
        except FileExistsError:  # pragma: no cover - 48 random bits already taken
            continue
        break
    else:  # pragma: no cover - 100 collisions of 48 random bits
        raise FileExistsError(17, "no free temporary name next to it", str(target))
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
