"""Benchmark: the shape interpreter on the corpus of submissions, next to parsing them.

``analyse`` follows every name and operation of each file of ``tests/engine/corpus`` (the
realistic submissions of the chapter's layer exercise); the baseline only parses them with
``ast.parse``. Both are in the group ``engine-corpus`` to read side by side: the interpreter's
own cost is the difference. Measured on the shared 2-core machine (26 Nov 2026): about 6x the
parse alone before that afternoon's speed-ups, 3.7-4x after, parsing included (the interpreter
walks in Python what ``ast.parse`` builds in C).

    .venv/bin/python -m pytest tests/benchmarks/test_bench_engine.py -o addopts="" -p no:cacheprovider
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from shapekit.engine.program import analyse

CORPUS = Path(__file__).parent.parent / "engine" / "corpus"


def _cells(path: Path) -> list[tuple[int | None, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return [(None, text)]
    cells = json.loads(text)["cells"]
    return [(i, "".join(c["source"])) for i, c in enumerate(cells, 1) if c["cell_type"] == "code"]


@pytest.fixture(scope="module")
def submissions() -> list[list[tuple[int | None, str]]]:
    paths = sorted(p for p in CORPUS.iterdir() if p.suffix in (".py", ".ipynb"))
    return [_cells(p) for p in paths] * 10


@pytest.mark.benchmark(group="engine-corpus")
def test_parse_only(benchmark, submissions):  # type: ignore[no-untyped-def]
    def run() -> int:
        return sum(len(ast.parse(text).body) for cells in submissions for _, text in cells)

    assert benchmark(run) > 0


@pytest.mark.benchmark(group="engine-corpus")
def test_analyse(benchmark, submissions):  # type: ignore[no-untyped-def]
    def run() -> int:
        return sum(len(analyse(cells).problems) for cells in submissions)

    assert benchmark(run) > 0
