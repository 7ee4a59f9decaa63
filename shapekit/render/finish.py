"""The Graphviz backend: runs ``dot`` once for a whole batch of graphs.

Finishing touches make the output deterministic and accessible: the version
comments are removed, the SVG gets ``role="img"`` with a ``<title>`` and
``<desc>``, the PNG gets ``Title``/``Description`` text chunks and its DPI.
"""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Sequence

from shapekit.errors import GraphvizNotFoundError, RenderError

__all__ = ["DEFAULT_DPI", "FONT", "finish_png", "finish_svg", "run_dot"]

#: PNG resolution: 2x a 96 DPI screen, crisp on slides and projectors
DEFAULT_DPI = 192
#: the one font of every figure, and the SVG fallbacks
FONT = "DejaVu Sans"
SVG_FONT_STACK = "DejaVu Sans,Verdana,Arial,sans-serif"
#: the most graphs handed to one dot process
BATCH = 64
#: seconds one dot run may take before it is stopped
TIMEOUT = 120

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INSTALL_HINT = (
    "Graphviz's 'dot' program is needed to draw figures but was not found on PATH. "
    "Install Graphviz: 'apt-get install graphviz' on Debian/Ubuntu, "
    "'brew install graphviz' on macOS, or see https://graphviz.org/download/."
)


def dot_binary() -> str:
    """The path of ``dot``, or a GraphvizNotFoundError saying how to install it."""
    path = shutil.which("dot")
    if path is None:
        raise GraphvizNotFoundError(_INSTALL_HINT)
    return path


def run_dot(sources: Sequence[str], fmt: str, *, dpi: int | None = None) -> list[bytes]:
    """Render each DOT source to ``fmt`` ("svg" or "png"); one dot run per batch.

    If a batch fails, its graphs are run one by one so that the failing one
    raises a :class:`RenderError` naming Graphviz's reason.
    """
    out: list[bytes] = []
    for start in range(0, len(sources), BATCH):
        chunk = sources[start : start + BATCH]
        try:
            out.extend(_run(chunk, fmt, dpi))
        except RenderError:
            if len(chunk) == 1:
                raise
            out.extend(_run([src], fmt, dpi)[0] for src in chunk)
    return out


def _run(sources: Sequence[str], fmt: str, dpi: int | None) -> list[bytes]:
    device = {"svg": "svg", "png": "png:cairo"}[fmt]
    args = [dot_binary(), f"-T{device}"]
    if dpi is not None:
        args.append(f"-Gdpi={dpi}")
    try:
        proc = subprocess.run(
            args,
            input="\n".join(sources).encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:  # removed between which() and run()
        raise GraphvizNotFoundError(_INSTALL_HINT) from exc
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"Graphviz took longer than {TIMEOUT} s and was stopped") from exc
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip() or f"exit code {proc.returncode}"
        raise RenderError(f"Graphviz could not draw the figure: {reason}")
    parts = _split_svg(proc.stdout) if fmt == "svg" else _split_png(proc.stdout)
    if len(parts) != len(sources):
        raise RenderError(f"Graphviz drew {len(parts)} images for {len(sources)} graphs")
    return parts


def _split_svg(data: bytes) -> list[bytes]:
    starts = [m.start() for m in re.finditer(rb"<\?xml ", data)]
    return [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)], strict=True)]


def _split_png(data: bytes) -> list[bytes]:
    images: list[bytes] = []
    pos = 0
    while pos < len(data):
        if data[pos : pos + 8] != _PNG_SIGNATURE:
            raise RenderError("Graphviz wrote something that is not a PNG image")
        end = pos + 8
        while True:
            (length,) = struct.unpack(">I", data[end : end + 4])
            ctype = data[end + 4 : end + 8]
            end += 12 + length
            if ctype == b"IEND":
                break
        images.append(data[pos:end])
        pos = end
    return images


# -- finishing -----------------------------------------------------------------

_COMMENT = re.compile(rb"<!--.*?-->\s*", re.S)
#: element ids Graphviz numbers per graph; in a batch it also prefixes "page0,1_"
_ELEMENT_ID = re.compile(rb'id="(?:page\d+,\d+_)?((?:a_)?(?:graph|node|edge|clust)\d+)"')
_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


_TEXT = re.compile(rb"(<text\b[^>]*>)([^<]*)(</text>)")
_EDGE_SPACES = re.compile(rb"^ +| +$")


def _keep_edge_spaces(match: re.Match[bytes]) -> bytes:
    body = _EDGE_SPACES.sub(lambda m: b"&#160;" * len(m.group(0)), match.group(2))
    return match.group(1) + body + match.group(3)


def finish_svg(raw: bytes, *, title: str, description: str, ident: str) -> bytes:
    """Strip version comments, add role/title/desc and the font fallbacks.

    Element ids are prefixed with ``ident`` (``sk-…-node1``): they no longer
    depend on the figure's place in a ``dot`` batch, and several figures can
    be inlined in one HTML page without clashing ids.
    """
    svg = _COMMENT.sub(b"", raw)
    # the same ids whatever the batch, and unique per figure when many share an HTML page
    svg = _ELEMENT_ID.sub(lambda m: b'id="' + ident.encode() + b"-" + m.group(1) + b'"', svg)
    svg = svg.replace(f'font-family="{FONT}"'.encode(), f'font-family="{SVG_FONT_STACK}"'.encode())
    # SVG collapses the spaces at the ends of a <text>; Graphviz places runs of a
    # label one after another, so "inputs" + " has" would show as "inputshas"
    svg = _TEXT.sub(_keep_edge_spaces, svg)
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise RenderError("Graphviz's SVG has no <svg> element")
    tid, did = f"{ident}-title", f"{ident}-desc"
    opening = match.group(0)[:-1] + f' role="img" aria-labelledby="{tid} {did}">'.encode()
    head = (
        f'\n<title id="{tid}">{html.escape(title, quote=False)}</title>'
        f'\n<desc id="{did}">{html.escape(description, quote=False)}</desc>'
    ).encode()
    return svg[: match.start()] + opening + head + svg[match.end() :]


def finish_png(raw: bytes, *, title: str, description: str, dpi: int) -> bytes:
    """Replace metadata chunks with Title/Description (iTXt) and the DPI (pHYs)."""
    if raw[:8] != _PNG_SIGNATURE:
        raise RenderError("not a PNG image")
    chunks: list[tuple[bytes, bytes]] = []
    pos = 8
    while pos < len(raw):
        (length,) = struct.unpack(">I", raw[pos : pos + 4])
        ctype = raw[pos + 4 : pos + 8]
        chunks.append((ctype, raw[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    keep = [c for c in chunks if c[0] not in {b"pHYs", b"tEXt", b"iTXt", b"zTXt", b"tIME"}]
    ppm = round(dpi / 0.0254)
    meta = [
        (b"pHYs", struct.pack(">IIB", ppm, ppm, 1)),
        (b"iTXt", _itxt("Title", title)),
        (b"iTXt", _itxt("Description", description)),
    ]
    ordered = keep[:1] + meta + keep[1:]  # right after IHDR
    return _PNG_SIGNATURE + b"".join(_chunk(t, d) for t, d in ordered)


def _itxt(key: str, text: str) -> bytes:
    return key.encode("latin-1") + b"\x00\x00\x00" + b"\x00\x00" + text.encode("utf-8")


def _chunk(ctype: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(ctype + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", crc)
