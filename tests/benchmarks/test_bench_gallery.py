"""Benchmark: building the gallery (every figure of ``gallery/`` to SVG and PNG plus the site).

Group ``gallery-full`` compares, on the same figures, each with both renderers
(``inprocess``: the pygraphviz wheel, the default; ``dot``: the dot program, as before):

- ``parallel``: ``build(gallery, out, jobs=2)`` into an empty folder;
- ``one-process``: ``build(..., jobs=1)``, everything in this process (dot runs batched);
- ``one-by-one``: each figure drawn and rendered after the other in this process
  (``fig.svg()``, ``fig.png()``), no site.

Group ``gallery-rebuild`` compares a no-change rebuild with a full build.

Targets (issue 5): parallel <= 0.65x one-by-one (with dot); no-change rebuild <= 5% of a full
build; issue 11: the in-process build no slower than the dot one. The ratios are printed by the
last test (run with ``-s``)::

    .venv/bin/python -m pytest tests/benchmarks/test_bench_gallery.py \\
        -o addopts="" -p no:cacheprovider -s
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from shapekit.figures import draw
from shapekit.gallery.build import build
from shapekit.gallery.specs import load_specs
from shapekit.render import inprocess

pytestmark = pytest.mark.needs_dot_program  # the dot cases are the baseline

GALLERY = Path(__file__).resolve().parents[2] / "gallery"
ROUNDS = 3
MEANS: dict[str, float] = {}


def _record(benchmark: pytest.FixtureRequest, name: str) -> None:
    MEANS[name] = benchmark.stats.stats.mean  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build is a fresh process that never reaches the hand-over to the helper."""
    monkeypatch.setattr(inprocess, "OWN_LIMIT", 10**9)


RENDERERS = pytest.mark.parametrize("renderer", ["inprocess", "dot"])


@pytest.mark.benchmark(group="gallery-full")
@RENDERERS
@pytest.mark.parametrize("jobs", [2, 1], ids=["parallel", "one-process"])
def test_full_build(benchmark, tmp_path: Path, jobs: int, renderer: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SHAPEKIT_RENDERER", renderer)
    counter = itertools.count()

    def setup() -> tuple[tuple[Path, Path], dict[str, int]]:
        return (GALLERY, tmp_path / f"site-{next(counter)}"), {"jobs": jobs}

    report = benchmark.pedantic(build, setup=setup, rounds=ROUNDS, iterations=1)
    assert report.failed == [] and report.reused == []
    _record(benchmark, f"build-jobs-{jobs}-{renderer}")


@pytest.mark.benchmark(group="gallery-full")
@RENDERERS
def test_one_by_one(benchmark, renderer: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SHAPEKIT_RENDERER", renderer)
    entries = load_specs(GALLERY)

    def render_each() -> int:
        total = 0
        for entry in entries:
            fig = draw(entry.spec)
            total += len(fig.svg()) + len(fig.png())
        return total

    assert benchmark.pedantic(render_each, rounds=ROUNDS, iterations=1) > 0
    _record(benchmark, f"one-by-one-{renderer}")


@pytest.mark.benchmark(group="gallery-rebuild")
def test_no_change_rebuild(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(GALLERY, out, jobs=2)
    report = benchmark.pedantic(
        build, args=(GALLERY, out), kwargs={"jobs": 2}, rounds=ROUNDS * 4, iterations=1
    )
    assert report.built == [] and report.written == [] and report.failed == []
    _record(benchmark, "no-change")
    shutil.rmtree(out)


def test_report_ratios() -> None:
    """Print the ratios of the benchmarks above (run in file order)."""
    names = {
        f"{n}-{r}"
        for n in ("build-jobs-2", "build-jobs-1", "one-by-one")
        for r in ("inprocess", "dot")
    }
    if not names | {"no-change"} <= set(MEANS):
        pytest.skip("run the whole file to get the ratios")
    lines = []
    for r in ("inprocess", "dot"):
        parallel = MEANS[f"build-jobs-2-{r}"]
        lines.append(
            f"gallery ({r}): parallel (jobs=2) / one-by-one = "
            f"{parallel / MEANS[f'one-by-one-{r}']:.2f}; parallel / one process = "
            f"{parallel / MEANS[f'build-jobs-1-{r}']:.2f}"
        )
    for n in ("build-jobs-2", "build-jobs-1", "one-by-one"):
        lines.append(
            f"{n}: inprocess / dot = {MEANS[f'{n}-inprocess'] / MEANS[f'{n}-dot']:.2f}"
            " (issue 11: <= 1)"
        )
    lines.append(
        f"no-change rebuild / full build = {MEANS['no-change'] / MEANS['build-jobs-2-inprocess']:.3f}"
        " (target <= 0.05)"
    )
    print("\n" + "\n".join(lines))
