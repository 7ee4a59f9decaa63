"""Benchmark: 50 figures of mixed kinds to SVG and PNG through shapekit, side by side
with running the plain ``dot`` command once per figure per format on the same DOT sources.

shapekit batches every figure of a format into one ``dot`` process and finishes
the output (ids, title/desc, PNG metadata); the baseline pays a process start
per figure and format. Both are in the group ``render-50`` to read side by side::

    .venv/bin/python -m pytest tests/benchmarks/test_bench_render.py -o addopts="" -p no:cacheprovider
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest

from shapekit.figures import DEFAULT_DPI, Figure, all_kinds, figure, get_kind, render_many

FIGURES = 50

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz dot")


def _variants(i: int) -> list[tuple[str, dict[str, Any]]]:
    """A few hand-made figures of the graph kinds, varied by ``i``."""
    return [
        (
            "neuron",
            {
                "inputs": [1.0, 2.0, 3.0, 2.5],
                "weights": [0.2, 0.8, -0.5, i / 10],
                "bias": 2.0,
                "activation": ("none", "relu", "step")[i % 3],
            },
        ),
        (
            "network",
            {"sizes": [4, 4 + i % 3, 4, 2], "labels": ["cat", "dog"], "scores": [0.8, 0.2]},
        ),
        ("network", {"sizes": [784, 128 + i, 10], "focus": [1, 0], "bias": True}),
    ]


def _specs() -> list[tuple[str, dict[str, Any]]]:
    examples = [(k.name, dict(k.example)) for k in all_kinds()]
    specs: list[tuple[str, dict[str, Any]]] = []
    i = 0
    while len(specs) < FIGURES:
        specs.extend(examples if i % 2 == 0 else _variants(i))
        i += 1
    return specs[:FIGURES]


def _figures() -> list[Figure]:
    return [figure(kind, fields) for kind, fields in _specs()]


@pytest.fixture(scope="module")
def sources() -> list[str]:
    figs = _figures()
    assert len({f.spec.digest for f in figs}) > 15
    assert {f.spec.kind for f in figs} == {k.name for k in all_kinds()}
    return [f.drawing.source for f in figs]


@pytest.mark.benchmark(group="render-50")
def test_shapekit_render_many(benchmark: Any) -> None:
    def run() -> list[Figure]:
        figs = _figures()  # fresh figures: nothing cached
        render_many(figs, formats=("svg", "png"))
        return figs

    figs = benchmark.pedantic(run, rounds=3, warmup_rounds=1)
    assert all(f.svg().startswith(b"<?xml") and f.png()[:4] == b"\x89PNG" for f in figs)


@pytest.mark.benchmark(group="render-50")
def test_plain_dot_once_per_figure_and_format(benchmark: Any, sources: list[str]) -> None:
    dot = shutil.which("dot")
    assert dot is not None

    def run() -> int:
        done = 0
        for source in sources:
            for args in (["-Tsvg"], ["-Tpng:cairo", f"-Gdpi={DEFAULT_DPI}"]):
                subprocess.run([dot, *args], input=source.encode(), capture_output=True, check=True)
                done += 1
        return done

    assert benchmark.pedantic(run, rounds=3, warmup_rounds=1) == 2 * FIGURES
    assert get_kind("neuron")  # the registry stays usable after the baseline
