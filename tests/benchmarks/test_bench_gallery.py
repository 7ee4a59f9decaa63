"""Benchmark: building the gallery (every figure of ``gallery/`` to SVG and PNG plus the site).

Group ``gallery-full`` compares, on the same figures:

- ``parallel``: ``build(gallery, out, jobs=2)`` into an empty folder;
- ``one-process``: ``build(..., jobs=1)``, everything in this process (its dot runs batched);
- ``one-by-one``: each figure drawn and rendered after the other in this process
  (``fig.svg()``, ``fig.png()``: a dot run per figure and format), no site.

Group ``gallery-rebuild`` compares a no-change rebuild with a full build.

Targets (issue 5): parallel <= 0.65x one-by-one; no-change rebuild <= 5% of a full
build. The ratios are printed by the last test (run with ``-s``)::

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

pytestmark = pytest.mark.needs_dot

GALLERY = Path(__file__).resolve().parents[2] / "gallery"
ROUNDS = 5
MEANS: dict[str, float] = {}


def _record(benchmark: pytest.FixtureRequest, name: str) -> None:
    MEANS[name] = benchmark.stats.stats.mean  # type: ignore[attr-defined]


@pytest.mark.benchmark(group="gallery-full")
@pytest.mark.parametrize("jobs", [2, 1], ids=["parallel", "one-process"])
def test_full_build(benchmark, tmp_path: Path, jobs: int) -> None:  # type: ignore[no-untyped-def]
    counter = itertools.count()

    def setup() -> tuple[tuple[Path, Path], dict[str, int]]:
        return (GALLERY, tmp_path / f"site-{next(counter)}"), {"jobs": jobs}

    report = benchmark.pedantic(build, setup=setup, rounds=ROUNDS, iterations=1)
    assert report.failed == [] and report.reused == []
    _record(benchmark, f"build-jobs-{jobs}")


@pytest.mark.benchmark(group="gallery-full")
def test_one_by_one(benchmark) -> None:  # type: ignore[no-untyped-def]
    entries = load_specs(GALLERY)

    def render_each() -> int:
        total = 0
        for entry in entries:
            fig = draw(entry.spec)
            total += len(fig.svg()) + len(fig.png())
        return total

    assert benchmark.pedantic(render_each, rounds=ROUNDS, iterations=1) > 0
    _record(benchmark, "one-by-one")


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
    if not {"build-jobs-2", "build-jobs-1", "one-by-one", "no-change"} <= set(MEANS):
        pytest.skip("run the whole file to get the ratios")
    parallel = MEANS["build-jobs-2"]
    print(
        f"\ngallery: parallel (jobs=2) / one-by-one = {parallel / MEANS['one-by-one']:.2f}"
        f" (target <= 0.65); parallel / one process batched = "
        f"{parallel / MEANS['build-jobs-1']:.2f}; no-change rebuild / full build = "
        f"{MEANS['no-change'] / parallel:.3f} (target <= 0.05)"
    )
