"""The built site in a real browser: headless Chromium opens ``index.html`` and a
figure page from ``file://``; every image has loaded and nothing was logged as
an error. Screenshots are saved under ``test-artifacts/``.

Chromium is driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: NUL-separated JSON on file descriptors 3 and 4),
so no websocket library is needed. The checks run in the test, not in the
site: the pages themselves have no JavaScript.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shapekit.gallery.build import build

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: seconds any one browser step may take
STEP = 60

IMAGES = (
    "Array.from(document.images, i => ({src: i.getAttribute('src'), "
    "complete: i.complete, width: i.naturalWidth}))"
)


class Browser:
    """Headless Chromium with the DevTools protocol on a pipe."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._out = os.pipe()
        self._in, from_chrome_w = os.pipe()
        args = [
            shutil.which("chromium") or "/usr/bin/chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        # the protocol pipe must be file descriptors 3 (commands) and 4 (answers):
        # a tiny Python trampoline moves them there, then becomes Chromium
        trampoline = (
            "import os, sys; os.dup2(int(sys.argv[1]), 3); "
            "os.dup2(int(sys.argv[2]), 4); os.execv(sys.argv[3], sys.argv[3:])"
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", trampoline, str(to_chrome_r), str(from_chrome_w), *args],
            pass_fds=(to_chrome_r, from_chrome_w),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + STEP
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
            self.events.append(answer)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + STEP
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            event = self._receive(deadline)
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return event

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._in], [], [], left)
            if ready:
                chunk = os.read(self._in, 1 << 20)
                if not chunk:
                    raise EOFError("Chromium closed the protocol pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError, EOFError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)
        os.close(self._out)
        os.close(self._in)


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


def visit(browser: Browser, url: str, width: int, shot: str) -> dict[str, Any]:
    """Open ``url`` in a fresh tab; return its images, its errors and save a screenshot."""
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.call(f"{domain}.enable", session)
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.call("Page.navigate", session, url=url)
    browser.wait_for("Page.loadEventFired", session)
    images = browser.call("Runtime.evaluate", session, expression=IMAGES, returnByValue=True)[
        "result"
    ]["value"]
    size = browser.call("Page.getLayoutMetrics", session)["cssContentSize"]
    data = browser.call(
        "Page.captureScreenshot",
        session,
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
    )["data"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / shot).write_bytes(base64.b64decode(data))
    errors = [
        e
        for e in browser.events
        if e.get("sessionId") == session
        and (
            e["method"] == "Runtime.exceptionThrown"
            or (
                e["method"] == "Runtime.consoleAPICalled"
                and e["params"]["type"] in ("error", "assert")
            )
            or (e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
        )
    ]
    browser.call("Target.closeTarget", targetId=target)
    return {"images": images, "errors": errors, "height": size["height"]}


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
