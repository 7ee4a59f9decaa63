"""The same spec gives byte-identical SVG, PNG and PDF, whatever the process and its hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

SCRIPT = r"""
import hashlib, json, sys
from shapekit.figures import all_kinds, figure, get_kind, render_many

figs = [figure(k.name, dict(k.example)) for k in all_kinds()]
figs += [
    figure("network", sizes=[784, 128, 10], focus=[1, 2], bias=True),
    figure("network", sizes=[6, 4, 2], labels=["cat", "dog"], scores=[0.7, 0.3]),
    figure("neuron", inputs=[1.0, 2.0], weights=[0.5, -1.0], activation="relu"),
    figure("dot", left=[1, 2, 3], right=[4, 5, 6], width="10cm"),
    figure("dot", left=[1, 2, 3], right=[4, 5, 6], scale=0.5),
]
order = sys.argv[1]
if order == "reversed":  # a different batch order must not change any figure
    render_many(list(reversed(figs)), formats=("svg", "png", "pdf"), dpi=96)
out = {}
for fig in figs:
    key = fig.spec.kind + ":" + fig.spec.digest[:12]
    out[key] = [hashlib.sha256(fig.svg()).hexdigest(), hashlib.sha256(fig.png(96)).hexdigest(),
                hashlib.sha256(fig.pdf()).hexdigest(),
                hashlib.sha256(fig.drawing.source.encode()).hexdigest()]
print(json.dumps(out, sort_keys=True))
"""


def _run(seed: str, order: str) -> dict[str, list[str]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, order],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    return json.loads(proc.stdout)


@pytest.mark.needs_dot
@pytest.mark.slow
def test_two_processes_with_different_hash_seeds_give_the_same_bytes() -> None:
    first = _run("1", "forward")
    second = _run("4242", "reversed")
    assert len(first) >= 13
    assert first == second
