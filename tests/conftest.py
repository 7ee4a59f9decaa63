"""Shared pytest configuration: markers that skip cleanly when a tool is missing."""

from __future__ import annotations

import shutil

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = {
        "needs_dot": shutil.which("dot") is None,
        "browser": shutil.which("chromium") is None,
    }
    for item in items:
        for marker, is_missing in missing.items():
            if is_missing and item.get_closest_marker(marker):
                item.add_marker(
                    pytest.mark.skip(reason=f"{marker}: required program not installed")
                )
