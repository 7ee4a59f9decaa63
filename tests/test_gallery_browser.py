"""The built site in a real browser: headless Chromium opens ``index.html`` and a
figure page from ``file://``; every image has loaded and nothing was logged as
an error. Screenshots are saved under ``test-artifacts/``.

Chromium is driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: NUL-separated JSON on file descriptors 3 and 4),
so no websocket library is needed. The checks run in the test, not in the
site: the pages themselves have no JavaScript.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
