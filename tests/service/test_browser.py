"""The service in headless Chromium: the playground (with and without scripts), and a page
that embeds figures by URL — a figure, an explanation, and a misspelt field whose error
image names it. A second load revalidates and gets 304 from the server."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _server import free_port, gunicorn, running

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _chromium import IMAGES, Browser, evaluate, open_tab, page_errors, screenshot

pytest.importorskip("gunicorn")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot, pytest.mark.slow]

FIGURE = "/neuron.svg?inputs=1,2,3&weights=0.2,0.8,-0.5&bias=2"
TYPO = "/neuron.svg?inputs=1,2,3&wieghts=0.2,0.8,-0.5&bias=2"
EXPLAIN = "/explain.svg?expr=inputs%20@%20weights%20+%20biases&inputs=3,4&weights=3,4&biases=3"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    port = free_port()
    log = tmp_path_factory.mktemp("service") / "access.log"
    args = [*gunicorn("shapekit.service:app", port, workers=1), "--access-logfile", str(log)]
    # max-age 0: every load revalidates, so the second one must be a 304
    with running(args, port, env={"SHAPEKIT_SERVICE_MAX_AGE": "0"}):
        yield port, log


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chrome = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chrome
    finally:
        chrome.close()


def _open(
    browser: Browser, url: str, shot: str, *, scripts: bool = True, action: str = ""
) -> dict[str, Any]:
    target, session = open_tab(browser, url, 1100, scripts=scripts)
    if action:
        evaluate(browser, session, action)
        _until(browser, session, "document.getElementById('figure').complete", 30)
        time.sleep(1.5)  # the page waits 250 ms after typing, then fetches the description
        _until(browser, session, "document.getElementById('figure').complete", 30)
    result = {
        "images": evaluate(browser, session, IMAGES),
        "copies": evaluate(
            browser, session, "Array.from(document.querySelectorAll('textarea'), t => t.value)"
        ),
        "buttons_hidden": evaluate(
            browser,
            session,
            "Array.from(document.querySelectorAll('button[data-copy]'), b => b.hidden)",
        ),
    }
    screenshot(browser, session, shot)
    # figures answered 4xx on purpose are logged by the browser: only exceptions count here
    result["errors"] = page_errors(browser, session, console=False)
    browser.call("Target.closeTarget", targetId=target)
    return result


def _until(browser: Browser, session: str, expression: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if evaluate(browser, session, expression):
            return
        time.sleep(0.1)
    raise TimeoutError(expression)


def test_the_playground_redraws_as_one_types(server: tuple[int, Path], browser: Browser) -> None:
    port, _ = server
    typing = (
        "(() => { const el = document.getElementById('field-bias'); el.value = '5';"
        " el.dispatchEvent(new Event('input', {bubbles: true})); })()"
    )
    page = _open(
        browser,
        f"http://127.0.0.1:{port}/?kind=neuron",
        "service-playground-typed.png",
        action=typing,
    )
    assert not page["errors"]
    (figure,) = page["images"]
    assert "bias=5" in figure["src"] and figure["complete"] and figure["width"] > 100
    assert "bias 5" in figure["alt"], figure["alt"]
    img, markdown, url = page["copies"]
    assert url.endswith("bias=5") and "bias=5" in img and "bias 5" in markdown


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
def test_the_playground_shows_the_figure(
    server: tuple[int, Path], browser: Browser, scripts: bool
) -> None:
    port, _ = server
    shot = f"service-playground-{'js' if scripts else 'nojs'}.png"
    page = _open(browser, f"http://127.0.0.1:{port}/?kind=neuron", shot, scripts=scripts)
    assert not page["errors"]
    (figure,) = page["images"]
    assert figure["complete"] and figure["width"] > 100, figure
    assert figure["src"].startswith("/neuron.svg?inputs=")
    assert "A neuron" in figure["alt"] or "neuron" in figure["alt"].lower()
    if scripts:
        img, markdown, url = page["copies"]
        assert img.startswith(f'<img src="http://127.0.0.1:{port}/neuron.svg?')
        assert markdown.startswith("![") and f"](http://127.0.0.1:{port}/neuron.svg?" in markdown
        assert url == f"http://127.0.0.1:{port}{figure['src']}"
        assert page["buttons_hidden"] == [False, False, False]
    else:
        assert page["buttons_hidden"] == [True, True, True]


def test_figures_by_url_in_a_page(
    server: tuple[int, Path], browser: Browser, tmp_path: Path
) -> None:
    port, log = server
    base = f"http://127.0.0.1:{port}"
    html = f"""<!DOCTYPE html><html><body style="font-family:sans-serif">
<h1>Figures by URL</h1>
<p><img id="figure" src="{base}{FIGURE}" alt="a neuron"></p>
<p><img id="explain" src="{base}{EXPLAIN}" alt="an explanation"></p>
<p><img id="typo" src="{base}{TYPO}" alt="a misspelt field"></p>
</body></html>"""
    page_file = tmp_path / "page.html"
    page_file.write_text(html)
    first = _open(browser, page_file.as_uri(), "service-embedded.png")
    for image in first["images"]:
        assert image["complete"] and image["width"] > 100, image
    second = _open(browser, page_file.as_uri(), "service-embedded-again.png")
    assert [i["width"] for i in second["images"]] == [i["width"] for i in first["images"]]
    lines = log.read_text().splitlines()
    figure_lines = [ln for ln in lines if "/neuron.svg?inputs=1,2,3&weights" in ln]
    assert any('" 200 ' in ln for ln in figure_lines), figure_lines
    assert any('" 304 ' in ln for ln in figure_lines), figure_lines
    assert any("wieghts" in ln and '" 422 ' in ln for ln in lines)
