"""Headless Chromium for the browser tests, driven over the DevTools protocol on a pipe.

``--remote-debugging-pipe`` speaks NUL-separated JSON on file descriptors 3 and
4, so no websocket library is needed, and the checks run here, not in the
pages (which have no JavaScript of their own). Screenshots go to
``test-artifacts/``.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: seconds any one browser step may take
STEP = 60

IMAGES = (
    "Array.from(document.images, i => ({src: i.getAttribute('src'), current: i.currentSrc, "
    "alt: i.alt, complete: i.complete, width: i.naturalWidth}))"
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


def open_tab(browser: Browser, url: str, width: int, *, scripts: bool = True) -> tuple[str, str]:
    """Open ``url`` in a fresh tab ``width`` pixels wide, once loaded: (target, session)."""
    target = browser.call("Target.createTarget", url="about:blank")["targetId"]
    session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.call(f"{domain}.enable", session)
    if not scripts:
        browser.call("Emulation.setScriptExecutionDisabled", session, value=True)
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
    return target, session


def evaluate(browser: Browser, session: str, expression: str) -> Any:
    """The value of a JavaScript expression in the tab."""
    answer = browser.call("Runtime.evaluate", session, expression=expression, returnByValue=True)
    return answer["result"].get("value")


def screenshot(browser: Browser, session: str, shot: str) -> float:
    """Save the whole page as ``shot`` in :data:`ARTIFACTS`; return its height."""
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
    return float(size["height"])


def page_errors(browser: Browser, session: str, *, console: bool = True) -> list[dict[str, Any]]:
    """The tab's uncaught exceptions, and (with ``console``) its console and log errors."""

    def wanted(event: dict[str, Any]) -> bool:
        if event["method"] == "Runtime.exceptionThrown":
            return True
        if not console:
            return False
        if event["method"] == "Runtime.consoleAPICalled":
            return bool(event["params"]["type"] in ("error", "assert"))
        return bool(
            event["method"] == "Log.entryAdded" and event["params"]["entry"]["level"] == "error"
        )

    return [e for e in browser.events if e.get("sessionId") == session and wanted(e)]


def visit(browser: Browser, url: str, width: int, shot: str) -> dict[str, Any]:
    """Open ``url`` in a fresh tab; return its images, its errors and save a screenshot."""
    target, session = open_tab(browser, url, width)
    images = evaluate(browser, session, IMAGES)
    height = screenshot(browser, session, shot)
    errors = page_errors(browser, session)
    browser.call("Target.closeTarget", targetId=target)
    return {"images": images, "errors": errors, "height": height}
