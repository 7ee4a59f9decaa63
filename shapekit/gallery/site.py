"""The gallery's HTML: an index of thumbnails grouped by topic and one page per
figure. Static, relative links only, no JavaScript, nothing from the network;
every piece of user text goes through :func:`esc`.

>>> esc('<script>alert(1)</script>')
'&lt;script&gt;alert(1)&lt;/script&gt;'
>>> svg_size(b'<svg width="150pt" height="75pt" viewBox="0 0 150 75">')
(200, 100)
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, Protocol

import shapekit
from shapekit.gallery.specs import Entry, Topic, entry_toml

__all__ = ["STYLESHEET", "Site", "esc", "stylesheet", "svg_size"]

#: the stylesheet's name in the output folder (and in this package)
STYLESHEET = "style.css"

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
        body = [
            '<header class="intro">',
            "<h1>Figure gallery</h1>",
            f'<p class="lede">{count} figure{"s" if count != 1 else ""} about tensor shapes, '
            "ready for slides and web pages. Open a figure for its explanation, "
            "its text description and downloads as SVG, PNG and spec.</p>",
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
        return _page("Figure gallery", "", "\n".join(body))

    def _tile(self, entry: Entry) -> str:
        record = self.records[entry.id]
        width, height = record["size"]
        return (
            f'<li class="tile"><a href="figures/{esc(entry.id)}.html">'
            f'<span class="thumb"><img src="figures/{esc(entry.id)}.svg" '
            f'alt="{esc(record["description"])}"{_dims(width, height)}></span>'
            f'<span class="tile-text"><span class="tile-title">{esc(entry.title)}</span>'
            f'<span class="tile-caption">{esc(entry.caption)}</span>'
            f'<span class="badge">{esc(entry.kind)}</span></span></a></li>'
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
            "<p>" + "<br>".join(esc(line) for line in par.strip().split("\n")) + "</p>"
            for par in record["explanation"].split("\n\n")
            if par.strip()
        )
        body = [
            '<nav class="crumbs" aria-label="Breadcrumb"><a href="../index.html">Gallery</a>'
            f' <span aria-hidden="true">›</span> <a href="../index.html#{anchor}">'
            f"{esc(entry.topic.title)}</a></nav>",
            f"<h1>{esc(entry.title)}</h1>",
            f'<p class="caption">{esc(entry.caption)}</p>',
            f'<figure class="stage"><img src="{name}.svg" alt="{esc(record["description"])}"'
            f"{_dims(width, height)}></figure>",
            '<ul class="downloads" aria-label="Downloads">'
            f'<li><a href="{name}.svg" download>SVG <small>for the web and slides</small></a></li>'
            f'<li><a href="{name}.png" download>PNG <small>{self.dpi} dpi</small></a></li>'
            f'<li><a href="{name}.toml" download>Spec <small>TOML</small></a></li></ul>',
            '<div class="details">',
            '<section class="explanation"><h2>What it shows</h2>'
            f"{explanation or '<p>' + esc(record['description']) + '</p>'}</section>",
            '<section class="description"><h2>Text description</h2>'
            f"<p>{esc(record['description'])}</p>"
            f'<p class="meta">Kind <code>{esc(entry.kind)}</code> · spec hash '
            f"<code>{esc(record['spec_hash'][:12])}</code></p></section>",
            "</div>",
            '<section class="spec"><h2>Spec</h2>'
            f"<pre><code>{esc(entry_toml(entry))}</code></pre>"
            f"<p>Draw it again with <code>shapekit render {name}.toml -o out/</code>, "
            "or change the numbers and rebuild the gallery.</p></section>",
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
