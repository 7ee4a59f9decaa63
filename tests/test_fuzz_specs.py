"""Fuzzing the TOML spec loader (issue 9): random text and random structures.

Every input either loads or gives :class:`~shapekit.errors.SpecError` s (with
``errors=[]`` it never raises at all), never another exception, and nothing is
loaded that breaks the rules the loader promises (ids, titles, order).
Budget: about 5 s in all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import spec_documents, toml_texts

from shapekit.errors import SpecError
from shapekit.gallery.specs import ID_PATTERN, MAX_ORDER, load_specs

FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def load(folder: Path, text: str) -> tuple[list[Any], list[SpecError]]:
    path = folder / "fuzz.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    errors: list[SpecError] = []
    entries = load_specs(path, errors=errors)
    try:
        load_specs(path)  # without a list: the first error raises, and only a SpecError
    except SpecError:
        assert errors
    return entries, errors


def check(entries: list[Any], errors: list[SpecError]) -> None:
    assert all(isinstance(e, SpecError) for e in errors)
    for error in errors:
        assert error.kind in ("spec", "internal-error")
        assert error.kind != "internal-error", error.message  # a bug, not a bad spec
        assert error.file is not None and "\n" not in (error.figure or "")
    for entry in entries:
        assert ID_PATTERN.fullmatch(entry.id) and len(entry.id) <= 64
        assert entry.title and entry.caption and -MAX_ORDER <= entry.topic.order <= MAX_ORDER


@FUZZ
@given(text=toml_texts())
def test_random_toml_text_loads_or_gives_spec_errors(tmp_path: Path, text: str) -> None:
    check(*load(tmp_path, text))


@settings(FUZZ, max_examples=60)
@given(text=spec_documents())
def test_random_spec_structures_load_or_give_spec_errors(tmp_path: Path, text: str) -> None:
    check(*load(tmp_path, text))


@pytest.mark.parametrize("depth", [63, 64, 65, 1000, 100_000])
@pytest.mark.parametrize("opener", ["[", "{a = "], ids=["array", "inline-table"])
def test_nesting_at_and_past_the_limit(tmp_path: Path, depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    leaf = "" if opener == "[" else "1"
    text = f'title = "T"\nx = {opener * depth}{leaf}{closer * depth}\n'
    _, errors = load(tmp_path, text)
    (error,) = errors
    if depth <= 64:
        assert error.field == "x"  # read, then refused as an unknown setting
    else:
        assert "nested more than 64 levels deep" in error.message and error.line == 2
