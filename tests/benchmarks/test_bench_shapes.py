"""shapekit.shape against np.asarray on the same data, side by side.

Run with ``./dev.sh bench`` (or ``pytest tests/benchmarks/test_bench_shapes.py -o addopts=""``).
Targets (issue 2): ``shape`` no slower than ``np.asarray`` on the valid lists,
and at most 1.5x its time to fail on the ragged one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from shapekit import ShapeError
from shapekit.shapes import shape


def _floats(rows: int, cols: int) -> list[list[float]]:
    rng = random.Random(0)
    return [[rng.random() for _ in range(cols)] for _ in range(rows)]


def _ragged_last_row() -> list[list[float]]:
    data = _floats(1000, 1000)
    data[-1].pop()
    return data


def _mixed_last_row() -> list[list[Any]]:
    data: list[list[Any]] = _floats(1000, 1000)
    data[-1][-1] = [0.5]
    return data


INPUTS: dict[str, Callable[[], Any]] = {
    "valid-1000x1000": lambda: _floats(1000, 1000),
    "valid-100000x10": lambda: _floats(100_000, 10),
    "ragged-1000x1000-last-row-short": _ragged_last_row,
    "ragged-1000x1000-last-element-a-list": _mixed_last_row,
}


def _shapekit(data: Any) -> object:
    try:
        return shape(data)
    except ShapeError as error:
        return error


def _numpy(data: Any) -> object:
    try:
        return np.asarray(data).shape
    except ValueError as error:
        return error


@pytest.fixture(scope="module", params=list(INPUTS), ids=list(INPUTS))
def case(request: pytest.FixtureRequest) -> tuple[str, Any]:
    return request.param, INPUTS[request.param]()


@pytest.mark.parametrize("impl", [_shapekit, _numpy], ids=["shapekit.shape", "np.asarray"])
def test_shape_vs_asarray(
    benchmark: Any, case: tuple[str, Any], impl: Callable[[Any], object]
) -> None:
    label, data = case
    benchmark.group = label
    result = benchmark.pedantic(impl, args=(data,), rounds=15, iterations=1, warmup_rounds=2)
    valid = label.startswith("valid")
    assert isinstance(result, tuple) == valid
