"""Benchmark: loading spec files is linear in their size (issue 9).

Group ``spec-keys`` loads files with 10 000 and 100 000 unknown top-level keys
(each an error), group ``spec-figures`` files with 400 and 4 000 figures under quoted
``[["figure"]]`` headers. Linear loading means each pair's ratio is about 10 (it was
quadratic: 8 000 keys took 9 s, 50 000 more than 60 s); 10^5 keys should take well
under a second. The ratios are printed by the last test (run with ``-s``)::

    .venv/bin/python -m pytest tests/benchmarks/test_bench_specs.py \\
        -o addopts="" -p no:cacheprovider -s
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shapekit.errors import SpecError
from shapekit.gallery.specs import load_specs

FIGURE = '[["figure"]]\nid = "f{i}"\ntitle = "T"\ncaption = "C"\nkind = "dot"\n'
FIGURE += "left = [1, 2]\nright = [3, 4]\n"
MEANS: dict[str, float] = {}


def _keys(folder: Path, n: int) -> Path:
    path = folder / f"keys-{n}.toml"
    keys = "".join(f"k{i}=1\n" for i in range(n))  # 10^5 of them stay under 1 MB
    path.write_text(f'title = "T"\n{keys}')
    return path


def _figures(folder: Path, n: int) -> Path:
    path = folder / f"figures-{n}.toml"
    path.write_text('title = "T"\n' + "".join(FIGURE.format(i=i) for i in range(n)))
    return path


def _load(path: Path) -> int:
    errors: list[SpecError] = []
    return len(load_specs(path, errors=errors)) + len(errors)


@pytest.mark.benchmark(group="spec-keys")
@pytest.mark.parametrize("n", [10_000, 100_000])
def test_unknown_keys(benchmark: pytest.FixtureRequest, tmp_path: Path, n: int) -> None:
    path = _keys(tmp_path, n)
    assert benchmark.pedantic(_load, (path,), rounds=3) == 11  # type: ignore[attr-defined]
    MEANS[f"keys-{n}"] = benchmark.stats.stats.mean  # type: ignore[attr-defined]


@pytest.mark.benchmark(group="spec-figures")
@pytest.mark.parametrize("n", [400, 4000])
def test_quoted_figure_headers(benchmark: pytest.FixtureRequest, tmp_path: Path, n: int) -> None:
    path = _figures(tmp_path, n)
    assert benchmark.pedantic(_load, (path,), rounds=3) == n  # type: ignore[attr-defined]
    MEANS[f"figures-{n}"] = benchmark.stats.stats.mean  # type: ignore[attr-defined]


def test_print_ratios() -> None:
    if len(MEANS) < 4:
        pytest.skip("run the whole file to compare")
    keys = MEANS["keys-100000"] / MEANS["keys-10000"]
    figures = MEANS["figures-4000"] / MEANS["figures-400"]
    print(f"\n10x the keys: {keys:.1f}x the time; 10x the figures: {figures:.1f}x the time")
    print(f"100 000 keys: {MEANS['keys-100000']:.3f} s")
