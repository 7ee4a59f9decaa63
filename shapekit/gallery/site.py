"""The gallery's HTML: an index of thumbnails grouped by topic and one page per
figure. Static, relative links only, nothing from the network; every piece of
user text goes through :func:`esc`.

The pages are written for teachers: titles, captions, explanations, the text
description and the downloads. Internal names (the figure kind, the spec
hash) stay in ``manifest.json``. The index has a search box over titles and
captions: a few lines of plain JavaScript inline in the page (so it works
from ``file://``), filtering the tiles by a ``data-search`` text generated
here. Without JavaScript the box stays hidden and every figure is listed.

>>> esc('<script>alert(1)</script>')
'&lt;script&gt;alert(1)&lt;/script&gt;'
>>> svg_size(b'<svg width="150pt" height="75pt" viewBox="0 0 150 75">')
(200, 100)
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Protocol

import shapekit
from shapekit.figures.drawing import sentences, typeset
from shapekit.gallery.specs import Entry, Topic, entry_toml

__all__ = ["STYLESHEET", "Site", "esc", "prose", "search_text", "stylesheet", "svg_size"]

#: the stylesheet's name in the output folder (and in this package)
STYLESHEET = "style.css"
#: a thumbnail's target scale: its tile is about this share of the figure's width
THUMB_SCALE = 0.6
#: the narrowest and widest a tile is asked to be (CSS pixels)
TILE_MIN, TILE_MAX = 280, 1140
#: downloads offered on a figure page, in order: file role, label, what it is for
DOWNLOADS = (
    ("svg", "SVG", "sharp at any size"),
    ("png", "PNG", "for slides, {dpi} dpi"),
    ("pdf", "PDF", "for LaTeX and print"),
    ("spec", "Spec", "TOML, to redraw"),
)
#: a line that reads as code or a formula (kept as it is, shown in monospace)
_CODE = re.compile(r"^[A-Za-z_]\w*(?:\.\w+|\[|\(|\s*[@+\-*/=]\s)")

_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"')


class _Failure(Protocol):
    @property
    def message(self) -> str: ...


def esc(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def stylesheet() -> bytes:
    """The site's stylesheet (package data next to this module)."""
    return resources.files("shapekit.gallery").joinpath(STYLESHEET).read_bytes()


def prose(line: str) -> tuple[str, bool]:
    """A line of an explanation for the page: ``(text, is_code)``.

    A line that starts like code or a formula (``inputs @ weights.T``,
    ``y = 2·x``) is kept as it is; any other line is a sentence and starts
    upper case. Both get true minus signs and arrows.

    >>> prose("the list[1] has 2 elements")
    ('The list[1] has 2 elements', False)
    >>> prose("inputs @ weights.T -> (3, 2)")
    ('inputs @ weights.T \u2192 (3, 2)', True)
    >>> prose("y = 1\u00b7x - 0.7")
    ('y = 1\u00b7x \u2212 0.7', True)
    """
    text = typeset(line.strip())
    if _CODE.match(text):
        return text, True
    return (sentences(text[:1].upper() + text[1:]), False)


def search_text(*parts: str) -> str:
    """Text to search in: lower case, accents and typographic signs folded.

    The page's script folds the query the same way (``fold`` in :data:`_SEARCH_JS`).

    >>> search_text("Ein Neuron mit Gewicht \u22120.5", "ReLU")
    'ein neuron mit gewicht -0.5 relu'
    """
    text = " ".join(parts).replace("\u2212", "-").replace("\u00d7", "x").lower()
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def svg_size(svg: bytes) -> tuple[int, int]:
    """The CSS pixel size of a Graphviz SVG (its width/height are in points)."""
    match = _SIZE.search(svg[:4000])
    if match is None:
        return (0, 0)
    return (round(float(match.group(1)) * 4 / 3), round(float(match.group(2)) * 4 / 3))


class Site:
    """The pages of one build: ``entries`` in file order, their manifest ``records``."""

    def __init__(
        self,
        entries: Sequence[Entry],
        records: Sequence[Mapping[str, Any]],
        failures: Sequence[_Failure],
        dpi: int,
    ) -> None:
        self.records = {r["id"]: r for r in records}
        self.topics: list[tuple[Topic, list[Entry]]] = []
        groups: dict[str, list[Entry]] = {}
        for entry in entries:
            if entry.topic.file not in groups:
                groups[entry.topic.file] = []
                self.topics.append((entry.topic, groups[entry.topic.file]))
            groups[entry.topic.file].append(entry)
        self.topics.sort(key=lambda t: (t[0].order, t[0].title.lower(), t[0].file))
        self.order = [e for _, group in self.topics for e in group]
        self.anchors = _anchors([t for t, _ in self.topics])
        self.failures = failures
        self.dpi = dpi

    # -- index ------------------------------------------------------------------

    def index_page(self) -> str:
        count = len(self.order)
        toc = "".join(
            f'<li><a href="#{self.anchors[t.file]}">{esc(t.title)}'
            f' <span class="count">{len(group)}</span></a></li>'
            for t, group in self.topics
        )
        formats = ", ".join(label for role, label, _ in DOWNLOADS if self._offers(role))
        body = [
            '<header class="intro">',
            "<h1>Figure gallery</h1>",
            f'<p class="lede">{count} figure{"s" if count != 1 else ""} about tensor shapes, '
            "ready for slides and web pages. Open a figure for its explanation, "
            f"its text description and downloads ({formats}).</p>",
            self._search_box() if self.order else "",
            f'<nav class="toc" aria-label="Topics"><ul>{toc}</ul></nav>' if self.topics else "",
            "</header>",
            self._problems(),
        ]
        for topic, group in self.topics:
            body.append(f'<section class="topic" id="{self.anchors[topic.file]}">')
            body.append(f"<h2>{esc(topic.title)}</h2>")
            if topic.intro:
                body.append(f'<p class="topic-intro">{esc(topic.intro)}</p>')
            body.append('<ul class="grid">')
            body.extend(self._tile(e) for e in group)
            body.append("</ul></section>")
        if not self.order and not self.failures:
            body.append('<p class="empty">No figures yet: add a [[figure]] to a spec file.</p>')
        if self.order:
            body.append(f"<script>{_SEARCH_JS}</script>")
        return _page("Figure gallery", "", "\n".join(body))

    def _offers(self, role: str) -> bool:
        """Whether the build wrote this kind of file for every figure."""
        return all(role in self.records[e.id].get("files", {}) for e in self.order)

    @staticmethod
    def _search_box() -> str:
        return (
            '<div class="search" role="search" hidden>'
            '<label for="search">Find a figure by its title or caption</label>'
            '<input id="search" type="search" autocomplete="off" spellcheck="false" '
            'placeholder="e.g. transpose, bias, ReLU" '
            'aria-describedby="search-status">'
            '<p id="search-status" class="search-status" aria-live="polite"></p></div>'
        )

    def _tile(self, entry: Entry) -> str:
        record = self.records[entry.id]
        width, height = record["size"]
        # the tile's width follows the figure's, so a wide figure gets a wide tile
        # and every thumbnail shows its figure at about THUMB_SCALE
        basis = min(TILE_MAX, max(TILE_MIN, round(width * THUMB_SCALE))) if width else TILE_MIN
        text = search_text(entry.title, entry.caption, entry.topic.title)
        return (
            f'<li class="tile" style="--basis: {basis}px" data-search="{esc(text)}">'
            f'<a href="figures/{esc(entry.id)}.html">'
            f'<span class="thumb"><img src="figures/{esc(entry.id)}.svg" '
            f'alt="{esc(record["description"])}"{_dims(width, height)}></span>'
            f'<span class="tile-text"><span class="tile-title">{esc(entry.title)}</span>'
            f'<span class="tile-caption">{esc(entry.caption)}</span></span></a></li>'
        )

    def _problems(self) -> str:
        if not self.failures:
            return ""
        n = len(self.failures)
        items = "".join(f"<li><code>{esc(f.message)}</code></li>" for f in self.failures)
        return (
            f'<section class="problems" role="alert"><h2>{n} problem{"s" if n != 1 else ""} '
            f"in the specs</h2><p>These figures were not built; the others were.</p>"
            f"<ul>{items}</ul></section>"
        )

    # -- one figure ---------------------------------------------------------------

    def figure_page(self, ident: str) -> str:
        index = next(i for i, e in enumerate(self.order) if e.id == ident)
        entry = self.order[index]
        record = self.records[ident]
        width, height = record["size"]
        name = esc(ident)
        anchor = self.anchors[entry.topic.file]
        explanation = "".join(
            "<p>" + "<br>".join(_line(line) for line in par.strip().split("\n")) + "</p>"
            for par in record["explanation"].split("\n\n")
            if par.strip()
        )
        files = record.get("files", {})
        downloads = "".join(
            f'<li><a href="{esc(files[role].rsplit("/", 1)[-1])}" download>{label} '
            f"<small>{esc(note.format(dpi=self.dpi))}</small></a></li>"
            for role, label, note in DOWNLOADS
            if role in files
        )
        # on a screen narrower than the figure it scrolls sideways, and says so
        narrow = f"@media (max-width: {width + 60}px) {{ .scroll-hint {{ display: flex; }} }}"
        body = [
            '<nav class="crumbs" aria-label="Breadcrumb"><a href="../index.html">Gallery</a>'
            f' <span aria-hidden="true">›</span> <a href="../index.html#{anchor}">'
            f"{esc(entry.topic.title)}</a></nav>",
            f"<h1>{esc(entry.title)}</h1>",
            f'<p class="caption">{esc(entry.caption)}</p>',
            f'<ul class="downloads" aria-label="Download this figure">{downloads}</ul>',
            f"<style>{narrow}</style>" if width else "",
            '<p class="scroll-hint" id="scroll-hint"><span aria-hidden="true">←</span> '
            "The figure is wider than the screen: scroll it sideways "
            '<span aria-hidden="true">→</span></p>',
            '<figure class="stage" tabindex="0" aria-describedby="scroll-hint">'
            f'<img src="{name}.svg" alt="{esc(record["description"])}"'
            f"{_dims(width, height)}></figure>",
            '<div class="details">',
            '<section class="explanation"><h2>What it shows</h2>'
            f"{explanation or '<p>' + esc(record['description']) + '</p>'}</section>",
            '<section class="description"><h2>Text description</h2>'
            f"<p>{esc(record['description'])}</p></section>",
            "</div>",
            '<details class="spec"><summary>Redraw or change this figure</summary>'
            f"<pre><code>{esc(entry_toml(entry))}</code></pre>"
            f"<p>Save the spec, change its numbers and draw it again with "
            f"<code>shapekit render {name}.toml -o out/</code>.</p></details>",
            self._pager(index),
        ]
        return _page(entry.title, "../", "\n".join(body))

    def _pager(self, index: int) -> str:
        links = []
        if index > 0:
            prev = self.order[index - 1]
            links.append(
                f'<a class="prev" rel="prev" href="{esc(prev.id)}.html">'
                f"<small>Previous</small>{esc(prev.title)}</a>"
            )
        if index + 1 < len(self.order):
            nxt = self.order[index + 1]
            links.append(
                f'<a class="next" rel="next" href="{esc(nxt.id)}.html">'
                f"<small>Next</small>{esc(nxt.title)}</a>"
            )
        return f'<nav class="pager" aria-label="More figures">{"".join(links)}</nav>'


def _anchors(topics: list[Topic]) -> dict[str, str]:
    """A unique, safe fragment id per topic (from its file name)."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for topic in topics:
        base = "topic-" + (re.sub(r"[^a-z0-9-]+", "-", topic.slug.lower()).strip("-") or "x")
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        anchors[topic.file] = anchor
    return anchors


def _line(line: str) -> str:
    text, code = prose(line)
    return f"<code>{esc(text)}</code>" if code else esc(text)


#: the index's search: folds text as :func:`search_text` does, shows the tiles
#: whose text holds every word of the query, hides empty topics (and their links
#: in the list of topics), says how many
_SEARCH_JS = r"""
(function () {
  var box = document.querySelector(".search");
  if (!box || !("normalize" in String.prototype)) return;
  var input = box.querySelector("input"), status = box.querySelector(".search-status");
  var tiles = Array.prototype.slice.call(document.querySelectorAll(".tile[data-search]"));
  var topics = Array.prototype.slice.call(document.querySelectorAll(".topic"));
  function fold(text) {
    return text.replace(/\u2212/g, "-").replace(/\u00d7/g, "x").toLowerCase()
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }
  function run() {
    var words = fold(input.value).split(" ").filter(Boolean), shown = 0;
    tiles.forEach(function (tile) {
      var text = tile.getAttribute("data-search");
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      tile.hidden = !hit;
      if (hit) shown += 1;
    });
    topics.forEach(function (topic) {
      topic.hidden = !topic.querySelector(".tile:not([hidden])");
      var chip = document.querySelector('.toc a[href="#' + topic.id + '"]');
      if (chip) chip.parentNode.hidden = topic.hidden;
    });
    status.textContent = !words.length ? "" : shown === 0
      ? "No figure matches \u201c" + input.value.trim() + "\u201d."
      : shown + (shown === 1 ? " figure matches." : " figures match.");
  }
  box.hidden = false;
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; run(); }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; run(); }
})();
"""


def _dims(width: int, height: int) -> str:
    return f' width="{width}" height="{height}"' if width and height else ""


def _page(title: str, up: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} · shapekit gallery</title>
<link rel="stylesheet" href="{up}{STYLESHEET}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar"><div class="wrap"><a class="brand" href="{up}index.html">shapekit</a>
<span class="tagline">figures for teaching tensor shapes</span></div></header>
<main id="main" class="wrap">
{body}
</main>
<footer class="wrap foot">Built with shapekit {esc(shapekit.__version__)} from TOML figure specs.
</footer>
</body>
</html>
"""
