"""Issue 9: one directive never ends a Sphinx build.

Hostile input (a 5000-digit ``:shapes:``, an expression past the engine's limits, a
5000-digit field, control characters) is a warning at its line, and an unexpected
exception inside shapekit is a ``shapekit.internal`` warning: the other directives
of the page are still built.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.needs_dot

#: the warnings of the hostile page: (line, subtype, what the message says)
EXPECTED = [
    # a 5000-digit :shapes: was "ValueError: Exceeds the limit (4300 digits)" and no build
    (14, "explain", "has a dimension of 5001 digits"),
    (16, "explain", "the expression has 10397 characters, more than the 10000 allowed"),
    (19, "explain", "nested more than 100 levels deep"),
    (23, "spec", "has a number of 5001 digits, far too large"),
    (29, "spec", "has a control character (U+0001)"),
]


def shapekit_warnings(lines: list[str]) -> dict[int, str]:
    found = {}
    for line in lines:
        match = re.search(r"index\.rst:(\d+): WARNING: (.*)", line)
        if match:
            found[int(match.group(1))] = match.group(2)
    return found


def assert_the_good_directives_are_built(app: Any) -> None:
    page = (app.outdir / "index.html").read_text()
    assert page.count('class="figure shapekit') + page.count('<figure class="shapekit') == 2
    assert "The first figure." in page and "The last figure." in page
    assert "shapekit-explain last" in page  # the explanation after the hostile ones


@pytest.mark.sphinx("html", testroot="hostile", srcdir="hostile", freshenv=True)
def test_hostile_directives_are_warnings_and_the_page_is_built(app: Any, warning_lines: Any):
    app.build()
    warnings = shapekit_warnings(warning_lines(app))
    for line, subtype, text in EXPECTED:
        assert text in warnings[line] and warnings[line].endswith(f"[shapekit.{subtype}]")
    assert len(warnings) == 5, warnings
    assert all(len(message) < 600 for message in warnings.values())  # expressions are cut
    assert_the_good_directives_are_built(app)


@pytest.mark.sphinx("html", testroot="hostile", srcdir="hostile-bug", freshenv=True)
def test_a_bug_in_a_directive_is_a_located_internal_warning(
    app: Any, warning_lines: Any, monkeypatch: pytest.MonkeyPatch
):
    import shapekit
    from shapekit.sphinxext import figure

    real_explain, real_spec = shapekit.explain, figure.figure_spec

    def explain(expr: str, **kwargs: Any) -> Any:
        if expr == "a @ b":
            raise TypeError("simulated bug")
        return real_explain(expr, **kwargs)

    def figure_spec(kind: Any, raw: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        if raw.get("left") == "4, 5":
            raise KeyError("simulated bug")
        return real_spec(kind, raw, *args, **kwargs)

    monkeypatch.setattr(shapekit, "explain", explain)
    monkeypatch.setattr(figure, "figure_spec", figure_spec)
    app.build()
    warnings = shapekit_warnings(warning_lines(app))
    for line, error in ((31, "TypeError: simulated bug"), (35, "KeyError: 'simulated bug'")):
        assert warnings[line].startswith("shapekit failed on this directive, which is left out")
        assert "please report it" in warnings[line] and error in warnings[line]
        assert warnings[line].endswith("[shapekit.internal]")
    page = (app.outdir / "index.html").read_text()
    assert "The first figure." in page and "The last figure." not in page


@pytest.mark.sphinx("html", testroot="hostile", srcdir="hostile-store", freshenv=True)
def test_a_bug_while_storing_figures_is_a_warning_per_figure(
    app: Any, warning_lines: Any, monkeypatch: pytest.MonkeyPatch
):
    from shapekit.figures.cache import FigureCache

    def store(self: Any, figures: list[Any]) -> None:
        raise MemoryError("simulated")

    monkeypatch.setattr(FigureCache, "store", store)
    app.build()
    internal = [w for w in warning_lines(app) if "MemoryError: simulated" in w]
    assert len(internal) == 2 and all(w.endswith("[shapekit.internal]") for w in internal)
    assert ["index.rst:6:" in internal[0], "index.rst:35:" in internal[1]] == [True, True]
    assert (app.outdir / "index.html").is_file()
