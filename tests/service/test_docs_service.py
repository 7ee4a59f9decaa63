"""The how-to pages stay true: every service URL they show draws, and the settings table
matches :class:`~shapekit.service.settings.Settings`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from _client import Client

from shapekit.service.settings import ENV_PREFIX, Settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "howto"
URL = re.compile(r"http://127\.0\.0\.1:8000(/[^\s)`\"']+)|``(/[a-z]+\.(?:svg|png|pdf)\?[^`]+)``")


def _urls() -> list[str]:
    found = []
    for page in ("service.rst", "markdown.rst"):
        for absolute, relative in URL.findall((DOCS / page).read_text()):
            path = absolute or relative
            posted = path.count("/") == 2 and "." not in path  # POST /shapekit/svg
            if "{" not in path and path != "/" and not path.endswith("/") and not posted:
                found.append(path)
    return sorted(set(found))


@pytest.mark.needs_dot
@pytest.mark.parametrize("path", _urls())
def test_every_url_in_the_how_tos_draws(client: Client, path: str) -> None:
    reply = client.get(path, headers={"Accept": "application/json"})
    assert reply.status == 200, reply.body[:300]
    assert reply.type.startswith("image/")


def test_the_settings_table_matches_the_defaults() -> None:
    text = (DOCS / "service.rst").read_text()
    rows = dict(re.findall(r"\* - ``" + ENV_PREFIX + r"(\w+)``\n\s+- ([\d.]+)", text))
    defaults = Settings()
    expected = {f.name.upper(): getattr(defaults, f.name) for f in dataclasses.fields(Settings)}
    assert set(rows) == set(expected)
    for name, shown in rows.items():
        assert float(shown) == float(expected[name]), name


@pytest.mark.needs_dot
def test_the_error_example_is_what_the_service_says(client: Client) -> None:
    text = (DOCS / "service.rst").read_text()
    reply = client.get(
        "/neuron.svg?inputs=1,2,3&wieghts=0.2,0.8,-0.5", headers={"Accept": "application/json"}
    )
    assert reply.json()["error"]["message"] in " ".join(text.split())


def test_the_start_line_shows_the_default_threads() -> None:
    from shapekit_cli.service_cmd import _threads

    text = (DOCS / "service.rst").read_text()
    shown = re.search(r"\(2 workers × (\d+) threads\)", text)
    assert shown is not None
    assert int(shown.group(1)) == _threads(None, Settings().max_pending)
    assert f"--threads {shown.group(1)}" in text  # the gunicorn example agrees
