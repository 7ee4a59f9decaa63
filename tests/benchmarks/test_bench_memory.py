"""A long-running process does not grow: 10 000 renders, resident memory measured.

Graphviz's dot layout keeps a little memory per graph; after OWN_LIMIT graphs a
process hands its drawing to a helper process that is replaced every RECYCLE
graphs (see shapekit.render.inprocess). It takes a minute or two, so it lives
with the benchmarks (not in the default test run); ``-s`` shows the numbers::

    ./dev.sh bench -k memory -s
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux", reason="/proc")]

RENDERS = 10_000

SCRIPT = r"""
import json, sys
from shapekit.figures import all_kinds, figure
from shapekit.render import Job, helper, inprocess, render

if sys.argv[2] == "never":
    inprocess.OWN_LIMIT = 10**9
figs = [figure(k.name, dict(k.example)) for k in all_kinds()]
jobs = [Job(f.drawing.source, f.drawing.title, f.description, f.ident) for f in figs]

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

samples = {}
for i in range(int(sys.argv[1])):
    render([jobs[i % len(jobs)]], ("svg", "png")[i % 2], dpi=96)
    if (i + 1) % 1000 == 0:
        samples[i + 1] = round(rss_mb(), 1)
shared = helper._SHARED.get("helper")
print(json.dumps({"rss": samples, "helpers": shared.started if shared else 0,
                  "here": inprocess.drawn_here()}))
"""


def _measure(renders: int, mode: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(renders), mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    return dict(json.loads(proc.stdout))


def test_ten_thousand_renders_keep_the_memory_flat() -> None:
    from shapekit.render import inprocess

    result = _measure(RENDERS, "recycle")
    rss = {int(k): v for k, v in result["rss"].items()}  # type: ignore[attr-defined]
    print(f"\nresident MB after n renders (svg and png, every kind): {rss}")
    print(f"helper processes started: {result['helpers']}, drawn in process: {result['here']}")
    assert result["here"] == inprocess.OWN_LIMIT
    assert result["helpers"] >= (RENDERS - inprocess.OWN_LIMIT) // inprocess.RECYCLE
    # after the hand-over the process holds still: within 3 MB from 2 000 to 10 000 renders
    assert rss[RENDERS] - rss[2000] < 3.0
