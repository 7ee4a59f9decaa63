"""Sphinx test fixtures (``app``, ``make_app``, ``warning``…) and our test roots.

Each scenario is a tiny Sphinx project in ``roots/test-<name>/``, built with
``@pytest.mark.sphinx("html", testroot="<name>", srcdir="<unique>")``; a
unique ``srcdir`` gives each test its own copy and build folder.

``pytest_plugins`` is only honoured in the top-level conftest, so the
fixtures of ``sphinx.testing.fixtures`` are imported here instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.fixtures import (  # noqa: F401 - fixtures are found by name
    _shared_result_cache,
    app,
    app_params,
    make_app,
    shared_result,
    sphinx_test_tempdir,
    status,
    test_params,
    warning,
)
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).parent / "roots"

# the roots' conf.py files are Sphinx configuration, not test modules
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def warning_lines() -> Callable[..., list[str]]:
    """The warnings an app logged, one per line, without terminal colours."""

    def lines(sphinx_app) -> list[str]:
        return strip_colors(sphinx_app.warning.getvalue()).splitlines()

    return lines
