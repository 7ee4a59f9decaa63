"""The built site in a real browser: headless Chromium opens ``index.html`` and a
figure page from ``file://``; every image has loaded and nothing was logged as
an error. Screenshots are saved under ``test-artifacts/``.

Chromium is driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: NUL-separated JSON on file descriptors 3 and 4),
so no websocket library is needed. The checks run in the test; the only script
of the site is the index's search, tested here against an oracle computed from
the manifest, and with scripts off (every figure still listed).
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _chromium import ARTIFACTS, ROOT, Browser, visit

from shapekit.gallery.build import build

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot, pytest.mark.slow]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    report = build(ROOT / "gallery", out, jobs=2)
    assert report.failed == [], [f.message for f in report.failed]
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chrome = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chrome
    finally:
        chrome.close()


@pytest.mark.parametrize(
    ("page", "width", "count"),
    [
        pytest.param("index.html", 1280, 28, id="index-wide"),
        pytest.param("index.html", 420, 28, id="index-phone"),
        pytest.param("figures/layer-3.html", 1280, 1, id="figure-page"),
        pytest.param("figures/batch-plus-bias.html", 420, 1, id="figure-page-phone"),
    ],
)
def test_pages_load_every_image_without_errors(
    site: Path, browser: Browser, page: str, width: int, count: int
) -> None:
    shot = f"gallery-{page.replace('/', '-').removesuffix('.html')}-{width}.png"
    result = visit(browser, (site / page).as_uri(), width, shot)
    assert len(result["images"]) >= count
    broken = [i for i in result["images"] if not (i["complete"] and i["width"] > 0)]
    assert broken == []
    assert result["errors"] == []
    assert (ARTIFACTS / shot).read_bytes().startswith(b"\x89PNG")


def test_a_missing_image_is_noticed(site: Path, browser: Browser, tmp_path: Path) -> None:
    """The check above can fail: a page whose SVG is gone reports it."""
    broken = tmp_path / "broken"
    shutil.copytree(site, broken)
    (broken / "figures" / "dot.svg").unlink()
    result = visit(browser, (broken / "figures" / "dot.html").as_uri(), 800, "gallery-broken.png")
    assert [i["width"] for i in result["images"]] == [0]
    assert result["errors"], "the failed load is logged"


# -- the site for teachers (issue 12): search, downloads above the fold, scroll cue ------------


def _open(
    browser: Browser, url: str, width: int, height: int, *, scripts: bool = True
) -> tuple[str, str]:
    """Open ``url`` in a fresh tab of ``width`` x ``height``: (target, session)."""
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime"):
        browser.call(f"{domain}.enable", session)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=height,
        deviceScaleFactor=1,
        mobile=False,
    )
    if not scripts:
        browser.call("Emulation.setScriptExecutionDisabled", session, value=True)
    browser.call("Page.navigate", session, url=url)
    browser.wait_for("Page.loadEventFired", session)
    return target, session


def _eval(browser: Browser, session: str, expression: str) -> Any:
    answer = browser.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
    return answer["result"].get("value")


def _screenshot(browser: Browser, session: str, name: str) -> None:
    """The visible viewport only: what a teacher sees before scrolling."""
    data = browser.call("Page.captureScreenshot", session, format="png")["data"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(base64.b64decode(data))


_VISIBLE_TILES = (
    "Array.from(document.querySelectorAll('.tile'))"
    ".filter(t => t.offsetParent !== null)"
    ".map(t => t.querySelector('a').getAttribute('href').slice(8, -5))"
)


def _search(browser: Browser, session: str, query: str) -> dict[str, Any]:
    value: dict[str, Any] = _eval(
        browser,
        session,
        "(() => { const i = document.querySelector('#search');"
        f" i.value = {json.dumps(query)}; i.dispatchEvent(new Event('input'));"
        f" return {{tiles: {_VISIBLE_TILES},"
        " status: document.querySelector('.search-status').textContent,"
        " topics: Array.from(document.querySelectorAll('.topic'))"
        ".filter(t => !t.hidden).length,"
        " chips: Array.from(document.querySelectorAll('.toc li'))"
        ".filter(t => !t.hidden).length}; })()",
    )
    return value


def _expected(site: Path, *words: str) -> list[str]:
    """The oracle: figures whose title, caption or topic title hold every word."""
    records = json.loads((site / "manifest.json").read_text(encoding="utf-8"))["figures"]
    index = (site / "index.html").read_text(encoding="utf-8")
    topics = dict(re.findall(r'<section class="topic" id="([^"]+)">\s*<h2>([^<]*)</h2>', index))
    anchors = re.findall(r'<section class="topic" id="([^"]+)">', index)
    assert anchors and len(topics) == len(anchors)

    def fold(text: str) -> str:
        return html.unescape(text).replace("\u2212", "-").lower()

    found = []
    for record in records:
        topic = next(v for k, v in topics.items() if k.removeprefix("topic-") == record["topic"])
        text = fold(" ".join([record["title"], record["caption"], topic]))
        if all(w in text for w in words):
            found.append(record["id"])
    return found


def test_search_filters_titles_and_captions(site: Path, browser: Browser) -> None:
    target, session = _open(browser, (site / "index.html").as_uri(), 1280, 800)
    try:
        assert _eval(browser, session, "document.querySelector('.search').hidden") is False
        every = _eval(browser, session, _VISIBLE_TILES)
        assert len(every) >= 28
        for query, words in [
            ("ReLU", ("relu",)),
            ("  transpose ", ("transpose",)),
            ("bias row", ("bias", "row")),
            ("\u22120.5", ("-0.5",)),  # a typed true minus finds the captions' minus
            ("-0.5", ("-0.5",)),
        ]:
            result = _search(browser, session, query)
            expected = _expected(site, *words)
            assert expected, f"the oracle finds nothing for {query!r}: pick another word"
            assert sorted(result["tiles"]) == sorted(expected), query
            assert result["chips"] == result["topics"] >= 1  # the topic list follows
            n = len(expected)
            assert result["status"] == (f"{n} figures match." if n > 1 else "1 figure matches.")
            if query == "ReLU":
                _screenshot(browser, session, "gallery-search-relu-1280.png")
        nothing = _search(browser, session, "zebra")
        assert nothing == {
            "tiles": [],
            "status": "No figure matches \u201czebra\u201d.",
            "topics": 0,
            "chips": 0,
        }
        cleared = _search(browser, session, "")
        assert sorted(cleared["tiles"]) == sorted(every) and cleared["status"] == ""
    finally:
        browser.call("Target.closeTarget", targetId=target)


def test_search_reads_the_query_from_the_address(site: Path, browser: Browser) -> None:
    url = (site / "index.html").as_uri() + "?q=step"
    target, session = _open(browser, url, 1280, 800)
    try:
        assert _eval(browser, session, "document.querySelector('#search').value") == "step"
        assert sorted(_eval(browser, session, _VISIBLE_TILES)) == sorted(_expected(site, "step"))
    finally:
        browser.call("Target.closeTarget", targetId=target)


def test_without_javascript_every_figure_is_listed_and_no_dead_search_box(
    site: Path, browser: Browser
) -> None:
    target, session = _open(browser, (site / "index.html").as_uri(), 1280, 800, scripts=False)
    try:
        # evaluated by the protocol, not by the page, whose own scripts are off
        box = _eval(browser, session, "getComputedStyle(document.querySelector('.search')).display")
        assert box == "none"
        records = json.loads((site / "manifest.json").read_text(encoding="utf-8"))["figures"]
        assert len(_eval(browser, session, _VISIBLE_TILES)) == len(records)
    finally:
        browser.call("Target.closeTarget", targetId=target)


def test_downloads_are_above_the_fold_on_every_figure_page(site: Path, browser: Browser) -> None:
    """At 1280 x 800 a teacher sees the SVG, PNG, PDF and spec buttons without scrolling."""
    records = json.loads((site / "manifest.json").read_text(encoding="utf-8"))["figures"]
    tallest = 0
    for record in records:
        page = site / "figures" / f"{record['id']}.html"
        target, session = _open(browser, page.as_uri(), 1280, 800)
        try:
            links = _eval(
                browser,
                session,
                "Array.from(document.querySelectorAll('.downloads a'), a => "
                "({href: a.getAttribute('href'), download: a.hasAttribute('download'), "
                "bottom: a.getBoundingClientRect().bottom, text: a.textContent}))",
            )
            assert [link["href"].rsplit(".", 1)[-1] for link in links] == [
                "svg",
                "png",
                "pdf",
                "toml",
            ]
            for link in links:
                assert link["download"] and (page.parent / link["href"]).is_file()
                assert 0 < link["bottom"] <= 800, (record["id"], link)
            tallest = max(tallest, max(link["bottom"] for link in links))
            if record["id"] == "batch-plus-bias":
                _screenshot(browser, session, "gallery-figure-above-the-fold-1280x800.png")
        finally:
            browser.call("Target.closeTarget", targetId=target)
    assert tallest > 0


@pytest.mark.parametrize(
    ("width", "hint"), [(400, True), (1280, False)], ids=["narrow-400", "wide-1280"]
)
def test_a_figure_wider_than_the_screen_says_it_scrolls(
    site: Path, browser: Browser, width: int, hint: bool
) -> None:
    page = site / "figures" / "batch-plus-bias.html"
    target, session = _open(browser, page.as_uri(), width, 800)
    try:
        state = _eval(
            browser,
            session,
            "(() => { const s = document.querySelector('.stage'),"
            " h = document.querySelector('.scroll-hint'), r = h.getBoundingClientRect();"
            " return {display: getComputedStyle(h).display, top: r.top, height: r.height,"
            " text: h.textContent, overflow: s.scrollWidth > s.clientWidth,"
            " page: document.documentElement.scrollWidth}; })()",
        )
        _screenshot(browser, session, f"gallery-scroll-cue-{width}.png")
    finally:
        browser.call("Target.closeTarget", targetId=target)
    assert state["overflow"] is hint  # the figure keeps its size and scrolls in its box
    assert state["page"] <= width  # the page itself never scrolls sideways
    if hint:
        assert state["display"] == "flex" and state["height"] > 0
        assert 0 < state["top"] < 800 and "scroll it sideways" in state["text"]
    else:
        assert state["display"] == "none"


def test_thumbnails_are_legible_whatever_the_aspect_ratio(site: Path, browser: Browser) -> None:
    """At 1280 px every thumbnail shows its figure at half its natural size or more (a wide
    figure gets a wide tile), so its numbers stay readable; none is a thin strip."""
    target, session = _open(browser, (site / "index.html").as_uri(), 1280, 800)
    try:
        thumbs = _eval(
            browser,
            session,
            "Array.from(document.querySelectorAll('.thumb img'), i => ({src: i.getAttribute('src'),"
            " natural: +i.getAttribute('width'), width: i.getBoundingClientRect().width,"
            " height: i.getBoundingClientRect().height}))",
        )
    finally:
        browser.call("Target.closeTarget", targetId=target)
    assert len(thumbs) >= 28
    for thumb in thumbs:
        assert thumb["natural"] > 0, thumb
        assert thumb["width"] / thumb["natural"] >= 0.5, thumb
        assert thumb["height"] >= 120, thumb
