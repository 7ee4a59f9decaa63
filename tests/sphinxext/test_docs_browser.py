"""A real browser opens the built tutorial: every figure loads, nothing errors, a screenshot is kept.

Headless Chromium is driven by ``tests/_chromium.py`` (the DevTools protocol on a
pipe); the page itself runs no JavaScript of ours. The screenshot lands in
``test-artifacts/``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from _chromium import ARTIFACTS, ROOT, Browser, visit
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot, pytest.mark.slow]


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-j",
            "2",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(out),
        ],
        check=True,
        cwd=ROOT,
    )
    return out


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    chrome = Browser(tmp_path / "profile")
    try:
        yield chrome
    finally:
        chrome.close()


def test_tutorial_figures_load_in_chromium(built_docs: Path, browser: Browser) -> None:
    result = visit(browser, (built_docs / "tutorial.html").as_uri(), 1280, "docs-tutorial.png")
    figures = [img for img in result["images"] if "/_images/" in img["current"]]
    source = (ROOT / "docs" / "tutorial.rst").read_text()
    assert len(figures) == len(re.findall(r"^\.\. shapekit::", source, re.M))
    for img in figures:
        assert img["complete"] and img["width"] > 0, img
        assert img["alt"], img
        assert img["current"].endswith(".svg")
        ET.fromstring(Path(img["current"].removeprefix("file://")).read_bytes())  # valid SVG
    assert result["errors"] == []
    with Image.open(ARTIFACTS / "docs-tutorial.png") as image:
        assert image.size[0] == 1280 and image.size[1] > 2000
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 50  # not a blank page
