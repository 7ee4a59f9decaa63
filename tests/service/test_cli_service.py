"""``shapekit service``: its options come from the service's settings, its mistakes are usage errors."""

from __future__ import annotations

import pytest
from _server import free_port, get, running
from click.testing import CliRunner
from shapekit_cli.main import main

from shapekit.service.settings import LIMITS, Settings


def test_help_lists_every_limit_with_its_default() -> None:
    result = CliRunner().invoke(main, ["service", "--help"])
    assert result.exit_code == 0
    assert "gunicorn" in result.output
    for name in ("max_age", "max_uri", "max_body", "render_timeout", "cache_bytes", "rate"):
        assert f"--{name.replace('_', '-')}" in result.output
        assert f"[default: {getattr(Settings(), name)}]" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--max-uri", "9000"], "8190"),
        (["--port", "70000"], "65535"),
        (["--workers", "0"], "1<=x"),
    ],
)
def test_out_of_range_options_are_usage_errors(args: list[str], words: str) -> None:
    result = CliRunner().invoke(main, ["service", *args])
    assert result.exit_code == 2
    assert words in result.output


def test_a_bad_environment_setting_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHAPEKIT_SERVICE_MAX_AGE", "a day")
    result = CliRunner().invoke(main, ["service"])
    assert result.exit_code == 2
    assert "SHAPEKIT_SERVICE_MAX_AGE must be a number" in result.output


def test_limits_cover_every_setting() -> None:
    import dataclasses

    assert {f.name for f in dataclasses.fields(Settings)} == set(LIMITS)


@pytest.mark.needs_dot
def test_wsgiref_server_runs_without_gunicorn() -> None:
    import sys

    port = free_port()
    args = [sys.executable, "-m", "shapekit", "service", "--server", "wsgiref", "--port", str(port)]
    with running(args, port):
        status, headers, _ = get(port, "/dot.svg?left=1,2&right=3,4")
        assert status == 200
        assert headers["content-type"] == "image/svg+xml"


def test_default_threads_let_a_full_worker_answer_503() -> None:
    # with the old default of 4 threads no more than 4 requests reached a worker, so its
    # limit of 16 queued renders never answered 503: 250 clients at once waited a minute
    from shapekit_cli.service_cmd import _threads

    assert _threads(None, Settings().max_pending) > Settings().max_pending
    assert _threads(None, 1000) == 64  # the option's own maximum
    assert _threads(6, 16) == 6


def test_too_few_threads_for_the_queue_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    from shapekit_cli.service_cmd import _threads

    _threads(4, 16)
    assert "never answers 503" in capsys.readouterr().err
