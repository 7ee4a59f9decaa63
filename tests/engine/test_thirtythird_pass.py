"""Thirty-third pass: each rule decided by running the program (the oracles of the earlier
passes: :func:`tests.engine.test_twentyeighth_pass._reported_where_it_raises` and
:func:`tests.engine.test_thirtysecond_pass._expected_verdict_agrees`, which runs the file in a
subprocess as a grader would).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.engine.test_twentyeighth_pass import _reported_where_it_raises


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path) -> object:
    """Programs that write files write them in a folder of their own."""
    before = os.getcwd()
    os.chdir(tmp_path)
    yield
    os.chdir(before)


# --- a range too long to list: its loop's variable is still one of its numbers ----------------


@pytest.mark.parametrize("n", [20, 2_000, 20_000, 200_000])
@pytest.mark.parametrize(
    ("loop", "raises"),
    [("for i in range(len(x) + 1):\n    x[i] = i", True),
     ("for i in range(len(x)):\n    x[i] = i", False),
     ("for i in range(len(x) + 1):\n    v = x[i]", True),
     ("for i in range(len(x), -1, -1):\n    x[i] += 1", True),
     ("for i in range(len(x)):\n    x[-i - 1] = 1", False),
     ("for i in range(1, len(x) + 1):\n    x[-i] = 1", False),
     ("for i in range(1, len(x) + 2):\n    x[-i] = 1", True),
     ("for i in range(len(x)):\n    x[i + 1] = 2", True),
     ("for i in range(len(x)):\n    v = x[i - 1]", False),
     ("for i in range(len(x)):\n    if i + 1 < len(x):\n        x[i + 1] = 3", False),
     ("for i in range(0, len(x) + 2, 2):\n    x[i] = 1", True),
     ("for i in range(0, len(x), 3):\n    x[i] = 1", False)],
)  # fmt: skip
def test_an_index_past_the_axis_at_the_last_step_of_a_long_loop(
    loop: str, raises: bool, n: int
) -> None:
    source = f"import numpy as np\nx = np.zeros({n})\n{loop}\ny = x\n"
    assert _reported_where_it_raises(source) == raises
