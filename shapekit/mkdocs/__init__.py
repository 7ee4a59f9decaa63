"""shapekit's MkDocs plugin: ```` ```shapekit ```` and ```` ```shapekit-explain ```` fences.

In ``mkdocs.yml``::

    plugins:
      - search
      - shapekit          # options: cache_dir (default .cache/shapekit)

A ```` ```shapekit ```` fence holds one figure written as in a gallery file (see
:mod:`shapekit.gallery.snippet`); it becomes ``<figure>`` with the SVG as an ``<img>`` (its
description as alt text) and the caption under it. The SVG files are written to ``_shapekit/``
in the site. A ```` ```shapekit-explain ```` fence (see :mod:`shapekit.mkdocs.explain`) becomes
the explanation. Figures are kept in ``cache_dir`` by a hash of their spec, the renderer and
shapekit's version, so a rebuild (and each reload of ``mkdocs serve``) draws only the figures
whose fence changed.

A mistake in a fence is a warning naming the page, the line and the field (so
``mkdocs build --strict`` fails on it), and the page shows an error box in its place.

The HTML of a fence does not go through Markdown: the fence is replaced by a one-word
placeholder, and the placeholder's paragraph by the HTML once the page is converted. So a
figure inside an admonition, a list item or a tab keeps its markup whole (Markdown would turn
the blank lines of an explanation's ``<pre>`` into paragraphs), and a fence that Markdown
reads as code (indented four spaces or a tab, with no list or admonition around it) stays
code, without a warning.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.utils import get_relative_url

from shapekit.errors import ShapekitError, SpecError
from shapekit.figures.cache import FigureCache
from shapekit.mkdocs.fences import Fence, find_fences, replace_fences

__all__ = ["ShapekitPlugin"]

log = logging.getLogger("mkdocs.plugins.shapekit")

#: the folder of the built site that holds the figures
ASSETS = "_shapekit"


@dataclass(frozen=True)
class _Placed:
    """What a placeholder stands for: the fence's HTML, its source, and its warning if any."""

    block: str
    source: str
    warning: str | None


class ShapekitConfig(Config):
    cache_dir = config_options.Type(str, default=".cache/shapekit")


class ShapekitPlugin(BasePlugin[ShapekitConfig]):
    """Turns shapekit fences into figures and explanations (see the module docstring)."""

    def __init__(self) -> None:
        self.cache: FigureCache | None = None
        self.used: dict[str, Path] = {}
        self.drawn = 0
        self.reused = 0
        self.placed: dict[str, _Placed] = {}

    def on_config(self, config: Any) -> Any:
        folder = Path(self.config.cache_dir)
        if not folder.is_absolute():
            folder = Path(config.config_file_path or ".").resolve().parent / folder
        self.cache = FigureCache(folder, dpi=96, formats=("svg",))
        return config

    def on_pre_build(self, *, config: Any) -> None:
        self.used = {}
        self.placed = {}
        self.drawn = self.reused = 0

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        fences = find_fences(markdown)
        if not fences:
            return markdown
        where = page.file.src_uri
        lines = markdown.split("\n")
        seed = hashlib.sha1(where.encode("utf-8")).hexdigest()[:12]
        tokens = []
        for number, fence in enumerate(fences):
            token = f"shapekitfence{seed}n{number}end"  # letters and digits: Markdown keeps it
            block, warning = self._block(fence, where, page.url)
            source = "\n".join(
                _unindent(line, fence.indent) for line in lines[fence.start : fence.end]
            )
            self.placed[token] = _Placed(block, source, warning)
            tokens.append(token)
        return replace_fences(markdown, fences, tokens)

    def on_page_content(self, content: str, *, page: Any, config: Any, files: Any) -> str:
        for token in [token for token in self.placed if token in content]:
            content = _put(content, token, self.placed.pop(token))
        return content

    def on_post_build(self, *, config: Any) -> None:
        if not self.used:
            return
        target = Path(config.site_dir) / ASSETS
        target.mkdir(parents=True, exist_ok=True)
        for name, source in sorted(self.used.items()):
            shutil.copyfile(source, target / name)
        log.info("shapekit: %d figure(s) drawn, %d taken from the cache", self.drawn, self.reused)

    # -- one fence -----------------------------------------------------------------------

    def _block(self, fence: Fence, page: str, url: str) -> tuple[str, str | None]:
        """The fence's HTML, and the warning to log if the fence is shown (not code)."""
        try:
            if fence.lang == "shapekit-explain":
                from shapekit.mkdocs.explain import explain_html

                return explain_html(fence.body), None
            return self._figure(fence, url), None
        except ShapekitError as exc:
            return self._problem(fence, page, exc)
        except Exception as exc:  # the isolation boundary: one fence never ends the build
            warning = (
                f"{page}:{fence.line}: shapekit failed on this fence (an internal error; "
                f"please report it): {type(exc).__name__}: {exc}"
            )
            box = _error_box("shapekit failed on this fence (an internal error)", str(exc))
            return box, warning

    def _figure(self, fence: Fence, url: str) -> str:
        from shapekit.figures import draw
        from shapekit.gallery.snippet import parse_snippet

        snippet = parse_snippet(fence.body)
        if self.cache is None:  # on_config runs first in every MkDocs build
            raise RuntimeError("the shapekit plugin was used before MkDocs configured it")
        cached = self.cache.lookup(snippet.spec)
        if cached is None:
            (cached,) = self.cache.store([draw(snippet.spec)])
            self.drawn += 1
        else:
            self.reused += 1
        file = f"{cached.name}.svg"
        self.used[file] = self.cache.path(cached.name, "svg")
        src = get_relative_url(f"{ASSETS}/{file}", url)
        title = snippet.title + ("" if snippet.title[-1:] in ".!?:" else ".")
        words = [f"<strong>{html.escape(title)}</strong>"] if snippet.title else []
        words += [html.escape(snippet.caption)] if snippet.caption else []
        caption = f"\n<figcaption>{' '.join(words)}</figcaption>" if words else ""
        ident = f' id="{html.escape(snippet.id)}"' if snippet.id else ""
        return (
            f'<figure class="shapekit-figure"{ident}>\n'
            f'<img src="{html.escape(src)}" alt="{html.escape(cached.description)}" '
            f'title="{html.escape(cached.title)}">{caption}\n</figure>'
        )

    def _problem(self, fence: Fence, page: str, exc: ShapekitError) -> tuple[str, str]:
        line = fence.line
        inner = getattr(exc, "line", None)
        if isinstance(inner, int):
            line += inner
        field = getattr(exc, "field", None)
        about = f"field {field!r}: " if field and isinstance(exc, SpecError) else ""
        if exc.message.startswith(about):  # the message names the field itself
            about = ""
        warning = f"{page}:{line}: {fence.lang} fence: {about}{exc.message}"
        title = "This figure cannot be drawn" if fence.lang == "shapekit" else "Cannot explain"
        box = _error_box(title, f"{os.path.basename(page)}, line {line}: {about}{exc.message}")
        return box, warning


def _put(page: str, token: str, placed: _Placed) -> str:
    """``page`` with ``token`` replaced: by the fence's HTML where Markdown made it a
    paragraph (or left it bare), by the fence's own text where Markdown made it code."""

    def one(match: re.Match[str]) -> str:
        before = page[: match.start()]
        if before.rfind("<pre") > before.rfind("</pre>"):
            return html.escape(placed.source, quote=False)
        if placed.warning is not None:
            log.warning("%s", placed.warning)
        return placed.block

    return re.sub(rf"<p>{token}</p>|{token}", one, page)


def _unindent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip(" \t")


def _error_box(title: str, message: str) -> str:
    return (
        '<div class="admonition failure shapekit-error">\n'
        f'<p class="admonition-title">{html.escape(title)}</p>\n'
        f"<p>{html.escape(message)}</p>\n</div>"
    )
