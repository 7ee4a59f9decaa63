"""Shared pytest configuration: markers that skip cleanly when a tool is missing."""

from __future__ import annotations

import shutil

import pytest


def _can_draw() -> bool:
    """Whether some Graphviz backend (the pygraphviz wheel, or dot) can draw here."""
    from shapekit.errors import GraphvizNotFoundError
    from shapekit.render import renderer_info

    try:
        renderer_info()
    except GraphvizNotFoundError:
        return False
    return True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {
        "needs_dot": not _can_draw(),
        "needs_dot_program": shutil.which("dot") is None,
        "browser": shutil.which("chromium") is None,
    }
    for item in items:
        for marker, is_missing in missing.items():
            if is_missing and item.get_closest_marker(marker):
                item.add_marker(
                    pytest.mark.skip(reason=f"{marker}: required program not installed")
                )
