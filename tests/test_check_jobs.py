"""Checking in worker processes: the same results, in the same order, as one process."""

from __future__ import annotations

import json
import os
import signal

import pytest
from click.testing import CliRunner
from shapekit_cli import check_cmd
from shapekit_cli.main import main as cli

from shapekit.check import checker, workers
from shapekit.check.checker import Expectations, FileResult, check_paths, collect_files, iter_check
from shapekit.check.reports import format_json, format_junit, format_text

needs_fork = pytest.mark.skipif(
    not workers._fork_usable(), reason="a patched checker reaches the workers only through fork"
)

EXPECT = Expectations.parse(["inputs=batch,4", "weights=3,4"])


def _module(batch: int, index: int) -> str:
    rows = [[round(0.1 * (index + r + c), 2) for c in range(4)] for r in range(batch)]
    flaw = index % 7
    dot = "np.dot(inputs, weights)" if flaw == 1 else "np.dot(inputs, np.array(weights).T)"
    weights = "[[1, 2, 3, 4]] * 3" if flaw != 2 else "[[1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4]]"
    text = f"import numpy as np\ninputs = {json.dumps(rows)}\nweights = {weights}\nout = {dot}\n"
    if flaw == 3:
        text = text.replace("]]\n", "]\n", 1)  # a syntax error
    return text


def _class_folder(root) -> list[str]:
    """A mixed class: modules, notebooks, JSON, CSV; most with batch 3, some 5, some broken."""
    for index in range(60):
        batch = 5 if index % 11 == 4 else 3
        kind = ("py", "ipynb", "json", "csv")[index % 4]
        text = _module(batch, index)
        if kind == "ipynb":
            cells = [{"cell_type": "code", "source": line} for line in text.splitlines(True)]
            text = json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {}})
        elif kind == "json":
            rows = [[1, 2, 3, 4]] * batch if index % 9 else [[1, 2, 3], [1, 2, 3, 4]]
            text = json.dumps({"inputs": rows, "weights": [[0.5] * 4] * 3})
        elif kind == "csv":
            (root / f"s{index:02d}").mkdir()
            name = f"s{index:02d}/inputs.csv"
            rows = [[1, 2, 3, 4]] * batch if index % 5 else [[1, 2, 3, 4], [1, "x", 3, 4]]
            (root / name).write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n")
            continue
        (root / f"s{index:02d}.{kind}").write_text(text, encoding="utf-8")
    files, _ = collect_files([str(root)])
    return files


def _everything(results: list[FileResult]) -> list[tuple]:
    """All a report can show of the results (the time taken aside)."""
    return [
        (
            r.to_dict(),
            r.status,
            [(v.excerpt, v.kind) for v in r.variables],
            [(p.excerpt, p.expr) for p in r.problems],
        )
        for r in results
    ]


def test_workers_give_the_same_results_in_the_same_order(tmp_path):
    files = _class_folder(tmp_path)
    serial = check_paths([str(tmp_path)], EXPECT, jobs=1)
    parallel = check_paths([str(tmp_path)], EXPECT, jobs=2)
    assert len(serial) == len(files) == 60
    assert _everything(parallel) == _everything(serial)
    assert format_text(parallel) == format_text(serial)
    assert format_json(parallel) == format_json(serial)
    statuses = {r.status for r in serial}
    assert statuses >= {"passed", "failed"}
    # named dimensions agree across files, also when the files were checked in workers
    other = [r for r in parallel if "here but 3 in the other files" in json.dumps(r.to_dict())]
    assert len(other) >= 3
    located = [v for r in other for v in r.variables if v.status == "wrong-shape"]
    assert all(v.line is not None for v in located if v.name == "inputs")


def test_iter_check_yields_each_file_in_order(tmp_path):
    files = _class_folder(tmp_path)
    seen = [r.file for r in iter_check(files, jobs=2, expectations=EXPECT)]
    assert seen == files


def test_auto_jobs_uses_the_cores_only_when_it_pays(monkeypatch):
    monkeypatch.setattr(workers, "usable_cores", lambda: 4)
    monkeypatch.setattr(workers, "_fork_usable", lambda: True)
    assert workers.auto_jobs(1) == 1
    assert workers.auto_jobs(workers.MIN_FILES_FORK - 1) == 1
    assert workers.auto_jobs(workers.MIN_FILES_FORK) == 4
    monkeypatch.setattr(workers, "_fork_usable", lambda: False)  # spawn: dearer to start
    assert workers.auto_jobs(workers.MIN_FILES_FORK) == 1
    assert workers.auto_jobs(workers.MIN_FILES_SPAWN) == 4
    monkeypatch.setattr(workers, "usable_cores", lambda: 1)
    assert workers.auto_jobs(10_000) == 1


def test_usable_cores_is_the_affinity():
    if hasattr(os, "sched_getaffinity"):
        assert workers.usable_cores() == len(os.sched_getaffinity(0))


def test_no_worker_can_start_checks_here(tmp_path, monkeypatch):
    files = _class_folder(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", refuse)  # spawned workers
    monkeypatch.setattr("multiprocessing.context.ForkProcess._Popen", refuse)  # forked ones
    serial = check_paths([str(tmp_path)], EXPECT, jobs=1)
    assert _everything(check_paths([str(tmp_path)], EXPECT, jobs=2)) == _everything(serial)
    assert len(files) == len(serial)


@needs_fork
def test_internal_error_in_a_worker_is_that_files_result(tmp_path, monkeypatch):
    files = _class_folder(tmp_path)
    victim = files[7]
    real = checker._check

    def failing(path, *args):
        if path == victim:
            raise KeyError("boom")
        return real(path, *args)

    monkeypatch.setattr(checker, "_check", failing)
    results = check_paths([str(tmp_path)], EXPECT, jobs=2)
    bad = [r for r in results if r.internal_error is not None]
    assert [r.file for r in bad] == [victim]
    assert "KeyError: 'boom'" in bad[0].internal_error
    assert [r.file for r in results] == files


@needs_fork
def test_a_worker_that_dies_does_not_hang_the_run(tmp_path, monkeypatch):
    files = _class_folder(tmp_path)
    serial = check_paths([str(tmp_path)], EXPECT, jobs=1)
    victim, parent = files[20], os.getpid()
    real = checker._check

    def dying(path, *args):
        if path == victim and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args)

    monkeypatch.setattr(checker, "_check", dying)
    results = check_paths([str(tmp_path)], EXPECT, jobs=2)
    assert [r.file for r in results] == files
    (dead,) = [r for r in results if r.internal_error is not None]
    assert dead.file == victim
    assert "worker process checking this file stopped" in dead.internal_error
    others = [x for x in results if x.file != victim]
    assert _everything(others) == _everything([s for s in serial if s.file != victim])


def test_cli_jobs_gives_the_same_report(tmp_path):
    _class_folder(tmp_path)
    runner = CliRunner()
    args = ["check", str(tmp_path), "--expect", "inputs=batch,4", "--expect", "weights=3,4"]
    one = runner.invoke(cli, [*args, "--jobs", "1"])
    two = runner.invoke(cli, [*args, "--jobs", "2"])
    auto = runner.invoke(cli, args)
    assert one.exit_code == two.exit_code == auto.exit_code == 1
    assert one.output == two.output == auto.output
    assert one.output.rstrip().endswith("failed")
    junit = [runner.invoke(cli, [*args, "--format", "junit", "-j", j]).output for j in "12"]
    assert _no_times(junit[0]) == _no_times(junit[1])


def test_cli_jobs_must_be_positive(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_progress_bar_advances_per_file(tmp_path, monkeypatch):
    files = _class_folder(tmp_path)
    shown: list[str] = []

    class Bar:
        def __init__(self, iterable, length, **kwargs):
            self.iterable, self.length = iterable, length

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def __iter__(self):
            for item in self.iterable:
                shown.append(item.file)
                yield item

    monkeypatch.setattr(check_cmd, "show_progress", lambda stream, count: True)
    monkeypatch.setattr("click.progressbar", Bar)
    result = CliRunner().invoke(
        cli, ["check", str(tmp_path), "--expect", "inputs=batch,4", "-j", "2"]
    )
    assert result.exit_code == 1
    assert shown == files


def _no_times(junit: str) -> str:
    import re

    return re.sub(r'time="[0-9.]+"', 'time=""', junit)


def test_formats_agree_for_junit(tmp_path):
    _class_folder(tmp_path)
    serial = check_paths([str(tmp_path)], EXPECT, jobs=1)
    parallel = check_paths([str(tmp_path)], EXPECT, jobs=2)
    assert _no_times(format_junit(parallel)) == _no_times(format_junit(serial))


def test_spawned_workers_give_the_same_results(tmp_path, monkeypatch):
    """Where fork is not used (macOS, Windows, a process with threads), workers are spawned."""
    files = _class_folder(tmp_path)[:12]
    serial = check_paths(files, EXPECT, jobs=1)
    monkeypatch.setattr(workers, "_fork_usable", lambda: False)
    assert _everything(check_paths(files, EXPECT, jobs=2)) == _everything(serial)


def test_a_run_leaves_no_process_and_no_frozen_heap_behind(tmp_path):
    import gc
    import multiprocessing

    files = _class_folder(tmp_path)
    check_paths(files, EXPECT, jobs=2)
    assert multiprocessing.active_children() == []
    assert gc.get_freeze_count() == 0
    stopped = iter_check(files, jobs=2, expectations=EXPECT)
    next(stopped)  # a consumer that stops early (Ctrl-C in a progress bar)
    assert gc.get_freeze_count() > 0
    stopped.close()
    assert gc.get_freeze_count() == 0
    assert multiprocessing.active_children() == []


def test_more_jobs_than_cores_start_no_more_workers_than_cores(tmp_path, monkeypatch):
    import shapekit.check.workers as workers

    for index in range(40):
        (tmp_path / f"s{index}.json").write_text('{"inputs": [[1, 2, 3, 4]]}')
    started = []
    real_pool, real_forked = workers._chunks, workers._forked

    def spy_pool(chunks, jobs, options, *, retried):
        started.append(jobs)
        return real_pool(chunks, jobs, options, retried=retried)

    def spy_forked(chunks, jobs, options):
        started.append(jobs)
        return real_forked(chunks, jobs, options)

    monkeypatch.setattr(workers, "_chunks", spy_pool)
    monkeypatch.setattr(workers, "_forked", spy_forked)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    results = check_paths([str(tmp_path)], EXPECT, jobs=64)
    assert started == [2] and len(results) == 40
