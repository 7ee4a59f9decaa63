"""Benchmark: ``shapekit check`` on 1 000 small student files against only parsing them.

Target (issue 3): checking, with diagnosis and positions for the broken files,
costs at most 2x a baseline that only ``json.load``s / ``ast.parse``s the same
files. Both are in the benchmark group ``check-1000-files`` to read side by side::

    .venv/bin/python -m pytest tests/benchmarks/test_bench_check.py -o addopts="" -p no:cacheprovider
"""

from __future__ import annotations

import ast
import json
import os
import random

import pytest

from shapekit.check.checker import Expect, check_paths
from shapekit.check.reports import format_text

FILES = 1000


def _rows(rng: random.Random, n_rows: int, n_cols: int) -> list[list[float]]:
    return [[round(rng.uniform(-1, 1), 2) for _ in range(n_cols)] for _ in range(n_rows)]


def _student(rng: random.Random, index: int) -> tuple[str, str, bool]:
    """One student file: (name, text, is_broken); a quarter are broken in some way."""
    rows = _rows(rng, 3, 4)
    broken = index % 4 == 0
    flaw = (index // 4) % 3
    if broken and flaw == 0:
        rows[rng.randrange(3)].pop()  # ragged
    elif broken and flaw == 1:
        rows[rng.randrange(3)][1] = "0.5"  # a string, not a number
    if index % 2:
        body = ",\n".join("    " + json.dumps(r) for r in rows)
        text = f"# student {index}\nimport numpy as np\n\ninputs = np.array([\n{body},\n])\n"
        if broken and flaw == 2:
            text = text.replace("])\n", ")\n")  # a syntax error
        return f"s{index:04d}.py", text, broken
    text = "[\n" + ",\n".join("  " + json.dumps(r) for r in rows) + "\n]\n"
    if broken and flaw == 2:
        text = text.rstrip().rstrip("]")  # unclosed
    return f"s{index:04d}.json", text, broken


@pytest.fixture(scope="module")
def students(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], int]:
    root = tmp_path_factory.mktemp("class")
    rng = random.Random(2024)
    broken = 0
    for index in range(FILES):
        name, text, is_broken = _student(rng, index)
        (root / name).write_text(text, encoding="utf-8")
        broken += is_broken
    files = sorted(str(root / name) for name in os.listdir(root))
    return str(root), files, broken


def _baseline(files: list[str]) -> int:
    """Only parse: json.load each .json, ast.parse each .py; count what parsed."""
    parsed = 0
    for path in files:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            if path.endswith(".json"):
                json.loads(data)
            else:
                ast.parse(data)
        except (ValueError, SyntaxError):
            continue
        parsed += 1
    return parsed


@pytest.mark.benchmark(group="check-1000-files")
def test_baseline_parse_only(benchmark, students):
    _root, files, broken = students
    parsed = benchmark(_baseline, files)
    assert FILES - broken < parsed < FILES


@pytest.mark.benchmark(group="check-1000-files")
def test_shapekit_check(benchmark, students):
    root, _files, broken = students
    expect = Expect.parse("batch,4")

    def run() -> tuple[list, str]:
        results = check_paths([root], var="inputs", expect=expect)
        return results, format_text(results)

    results, report = benchmark(run)
    assert len(results) == FILES
    assert sum(not r.ok for r in results) == broken
    assert report.endswith(f"{FILES - broken} passed, {broken} failed")
