"""The ``renderer`` fixture: a test that takes it runs once per Graphviz backend."""

from __future__ import annotations

import pytest

from shapekit.render import ENV_VAR


@pytest.fixture(
    params=["inprocess", pytest.param("dot", marks=pytest.mark.needs_dot_program)],
)
def renderer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Draw with this backend for the whole test (through SHAPEKIT_RENDERER)."""
    monkeypatch.setenv(ENV_VAR, request.param)
    return str(request.param)


@pytest.fixture(autouse=True)
def _own_renderer_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a test (or the CLI it calls) sets, the next test starts from the default."""
    monkeypatch.delenv(ENV_VAR, raising=False)
