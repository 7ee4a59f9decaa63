"""The in-process backend: one lock for many threads, forked workers, the recycled helper
process of long runs, the graph's own layout engine, and the same bytes in every process."""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import re
import subprocess
import sys
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shapekit.errors import RenderError
from shapekit.figures import all_kinds, figure
from shapekit.render import Job, helper, inprocess, render


def _jobs() -> list[Job]:
    figs = [figure(k.name, dict(k.example)) for k in all_kinds()]
    return [Job(f.drawing.source, f.drawing.title, f.description, f.ident) for f in figs]


def test_threads_drawing_at_once_get_what_one_thread_gets() -> None:
    jobs = _jobs()
    expected = {fmt: render(jobs, fmt, dpi=72) for fmt in ("svg", "png")}
    start = threading.Barrier(6)

    def work(index: int) -> list[bytes]:
        fmt = ("svg", "png")[index % 2]
        start.wait()
        return [render([job], fmt, dpi=72)[0] for job in jobs]

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        results = list(pool.map(work, range(6)))
    for index, drawn in enumerate(results):
        assert drawn == expected[("svg", "png")[index % 2]]


def test_the_lock_is_held_while_graphviz_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    library = inprocess.load()
    seen = []
    real = library.draw

    def draw(*args: Any) -> bytes:
        seen.append(inprocess.LOCK.locked())
        return real(*args)

    monkeypatch.setattr(library, "draw", draw)
    render(_jobs()[:2], "svg")
    assert seen == [True, True]


def _draw_in_child(source: str) -> bytes:
    return render([Job(source, "t", "d", "sk-c")], "png", dpi=72)[0]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_forked_worker_draws_like_its_parent() -> None:
    job = _jobs()[0]
    mine = render([Job(job.source, "t", "d", "sk-c")], "png", dpi=72)[0]
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
        theirs = list(pool.map(_draw_in_child, [job.source] * 4))
    assert theirs == [mine] * 4


def test_a_long_run_moves_to_a_recycled_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _jobs()
    expected = render(jobs, "png", dpi=72) + render(jobs, "pdf")
    own = helper.Helper(recycle=5)
    monkeypatch.setitem(helper._SHARED, "helper", own)
    monkeypatch.setattr(inprocess, "OWN_LIMIT", inprocess.drawn_here() + 3)
    try:
        before = inprocess.drawn_here()
        drawn = render(jobs[:3], "png", dpi=72)  # still here: exactly the limit
        assert inprocess.drawn_here() == before + 3 and own.started == 0
        drawn += render(jobs[3:], "png", dpi=72) + render(jobs, "pdf")
        assert drawn == expected
        assert inprocess.drawn_here() == before + 3
        assert own.started == -(-(len(jobs) - 3 + len(jobs)) // 5) or own.started >= 2
        with pytest.raises(RenderError, match="syntax error in line 1"):
            render([Job("digraph { a -> }", "t", "d", "sk-x")], "svg")
        assert render(jobs[:1], "png", dpi=72) == expected[:1]  # the helper still works
    finally:
        own.close()


def test_a_large_batch_is_shared_with_the_helper_and_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jobs = _jobs() * 2
    monkeypatch.setattr(inprocess, "PARALLEL_MIN", 0)  # 0: never shared
    alone = {fmt: render(jobs, fmt, dpi=72) for fmt in ("png", "pdf")}
    own = helper.Helper()
    monkeypatch.setitem(helper._SHARED, "helper", own)
    monkeypatch.setattr(inprocess, "PARALLEL_MIN", 4)
    monkeypatch.setattr(inprocess, "_two_processes_pay", lambda: True)  # whatever the cores
    bad = Job("digraph { a -> }", "t", "d", "sk-x")
    try:
        before = inprocess.drawn_here()
        assert render(jobs, "png", dpi=72) == alone["png"]  # a starting helper: a smaller share
        cold = own.drawn
        assert 0 < cold < len(jobs) // 2 and own.started == 1
        assert render(jobs, "pdf") == alone["pdf"]  # a running one: about half the work
        half = len(inprocess._half([j.source for j in jobs]))
        assert 0 < half < len(jobs) and own.drawn - cold == half
        assert render(jobs[:3], "png", dpi=72) == alone["png"][:3]  # too few to share
        assert own.drawn - cold == half
        assert inprocess.drawn_here() - before == 2 * len(jobs) + 3 - own.drawn
        # the error is the first failing figure's, whichever process drew it
        with pytest.raises(RenderError, match="syntax error in line 1"):
            render([*jobs[:-1], bad], "png", dpi=72)
        with pytest.raises(RenderError, match="syntax error in line 1"):
            render([bad, *jobs[1:]], "png", dpi=72)
        assert not own.lock.locked()
        with own.lock:  # busy with another thread's batch: all drawn here
            drawn_by_helper = own.drawn
            assert render(jobs, "png", dpi=72) == alone["png"]
            assert own.drawn == drawn_by_helper
        assert render(jobs, "png", dpi=72) == alone["png"]
        assert own.started == 1
    finally:
        own.close()


@given(st.lists(st.integers(1, 5000), min_size=1, max_size=60))
def test_half_splits_the_work_within_one_graph(lengths: list[int]) -> None:
    sources = ["x" * n for n in lengths]
    picked = inprocess._half(sources)
    assert picked == sorted(set(picked)) and all(0 <= i < len(sources) for i in picked)
    theirs = sum(lengths[i] for i in picked)
    mine = sum(lengths) - theirs
    assert abs(theirs - mine) <= max(lengths)


def test_no_batch_is_shared_in_a_worker_process() -> None:
    assert multiprocessing.parent_process() is None
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(inprocess._two_processes_pay).result() is False


def test_the_helper_dying_is_a_render_error_and_the_next_call_starts_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    own = helper.Helper(recycle=100)
    try:
        job = _jobs()[0]
        first = own.run([job.source], "svg", None)
        assert own.proc is not None
        own.proc.kill()
        own.proc.wait()
        with pytest.raises(RenderError, match="stopped unexpectedly"):
            own.run([job.source], "svg", None)
        assert own.run([job.source], "svg", None) == first
        assert own.started == 2
    finally:
        own.close()


def test_the_graph_chooses_its_layout_engine() -> None:
    pinned = 'digraph { layout=neato; a [pos="0,0!" shape=box]; b [pos="3,2!" shape=box]; a -> b }'
    svg = render([Job(pinned, "t", "d", "sk-p")], "svg")[0].decode()
    boxes = re.findall(r'<polygon fill="none" stroke="black" points="([^"]+)"', svg)
    xs = sorted({round(float(p.split(",")[0])) for box in boxes for p in box.split()})
    assert xs[-1] - xs[0] > 3 * 72  # b is pinned 3 inches right of a: neato, not dot


SCRIPT = r"""
import hashlib, json, sys
from shapekit.figures import all_kinds, figure, render_many

figs = [figure(k.name, dict(k.example)) for k in all_kinds()]
if sys.argv[1] == "reversed":
    figs.reverse()
render_many(figs, formats=("svg", "png", "pdf"), dpi=96)
print(json.dumps({f.spec.digest: [hashlib.sha256(f._cache[k]).hexdigest()
                  for k in (("svg", None), ("png", 96), ("pdf", None))] for f in figs}))
"""


def test_two_processes_give_the_same_bytes(renderer: str) -> None:
    def run(seed: str, order: str) -> dict[str, Any]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", SCRIPT, order],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        assert proc.stderr == ""  # no Fontconfig or Graphviz chatter
        return dict(json.loads(proc.stdout))

    first, second = run("1", "forward"), run("977", "reversed")
    assert len(first) == len(list(all_kinds()))
    assert first == second
    pdf_hashes = {v[2] for v in first.values()}
    assert len(pdf_hashes) == len(first)  # a real PDF per figure, not one constant
    assert all(hashlib.sha256(b"").hexdigest() not in v for v in first.values())
