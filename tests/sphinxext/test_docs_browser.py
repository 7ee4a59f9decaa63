"""A real browser opens the built tutorial: every figure loads, nothing errors, a screenshot is kept.

Headless Chromium is driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages separated by NUL bytes on file
descriptors 3 and 4), so no WebSocket library is needed and the page itself
runs no JavaScript of ours. The screenshot lands in ``test-artifacts/``.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
#: how long to wait for one answer from the browser before giving up (a hang guard)
PATIENCE = 60.0

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot, pytest.mark.slow]


class DevTools:
    """A minimal DevTools-protocol client for one headless Chromium on a pipe."""

    def __init__(self, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def as_fds_3_and_4() -> None:
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [
                shutil.which("chromium") or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=as_fds_3_and_4,
            pass_fds=(3, 4),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, event: str) -> dict[str, Any]:
        while True:
            for seen in self.events:
                if seen.get("method") == event:
                    return seen
            self.events.append(self._read())

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], PATIENCE)
            if not ready:
                raise TimeoutError(f"Chromium sent nothing for {PATIENCE} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)


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
def browser(tmp_path: Path):
    tools = DevTools(tmp_path / "profile")
    yield tools
    tools.close()


def test_tutorial_figures_load_in_chromium(built_docs: Path, browser: DevTools) -> None:
    page = built_docs / "tutorial.html"
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.call(f"{domain}.enable", session)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=1280,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.call("Page.navigate", session, url=page.as_uri())
    browser.wait_for("Page.loadEventFired")

    found = browser.call(
        "Runtime.evaluate",
        session,
        returnByValue=True,
        expression=(
            "Array.from(document.images).map(i => ({src: i.currentSrc, complete: i.complete,"
            " width: i.naturalWidth, alt: i.alt}))"
        ),
    )["result"]["value"]
    figures = [img for img in found if "/_images/" in img["src"]]
    source = (ROOT / "docs" / "tutorial.rst").read_text()
    assert len(figures) == len(re.findall(r"^\.\. shapekit::", source, re.M))
    for img in figures:
        assert img["complete"] and img["width"] > 0, img
        assert img["alt"], img
        assert img["src"].endswith(".svg")
        ET.fromstring(Path(img["src"].removeprefix("file://")).read_bytes())  # valid SVG

    problems = [
        e
        for e in browser.events
        if e.get("method") in {"Runtime.exceptionThrown", "Log.entryAdded"}
        and (e["method"] == "Runtime.exceptionThrown" or e["params"]["entry"]["level"] == "error")
    ]
    assert problems == []

    size = browser.call("Page.getLayoutMetrics", session)["cssContentSize"]
    shot = browser.call(
        "Page.captureScreenshot",
        session,
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": size["height"], "scale": 1},
    )
    png = base64.b64decode(shot["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "docs-tutorial.png").write_bytes(png)
    with Image.open(BytesIO(png)) as image:
        assert image.size[0] == 1280 and image.size[1] > 2000
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 50  # not a blank page
