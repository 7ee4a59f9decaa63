"""Benchmark: the service under gunicorn on loopback, side by side with its baselines.

- cached GETs (LRU hits) against a trivial WSGI app returning the same bytes under the
  same server, workers and threads (target: ratio >= 0.8);
- uncached renders against rendering the same specs in a loop, one process per worker
  (target: ratio >= 0.7);
- p99 latency at 32 concurrent clients for both;
- 10 000 mixed requests, 20 % malformed or over a limit: no 500, every status the documented
  one, resident memory per worker flat after warm-up.

Ratios and p99s are printed and stored in ``extra_info`` (never asserted: timing on a shared
machine is not a test). Run with::

    .venv/bin/python -m pytest tests/benchmarks/test_bench_service.py -o addopts="" -p no:cacheprovider -s

``wrk`` is used for the cached GETs when installed (``apt-get install wrk``); otherwise a
Python load generator (threads in two processes, keep-alive connections).
"""

from __future__ import annotations

import json
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "service"))

from _load import Request, get_for, run_requests, wrk_get
from _server import children, free_port, get, gunicorn, rss_kb, running

from shapekit.service import encode

pytest.importorskip("gunicorn")

WORKERS = 2
THREADS = 4
CLIENTS = 32


def _figure_paths(count: int, salt: int) -> list[str]:
    """``count`` different readable figure URLs of three kinds."""
    paths = []
    for i in range(count):
        bias = salt * 10_000 + i
        kind = i % 3
        if kind == 0:
            paths.append(f"/neuron.svg?inputs=1,2,3&weights=0.2,0.8,-0.5&bias={bias}")
        elif kind == 1:
            paths.append(f"/dot.svg?left=1,2,{bias}&right=2,3,4")
        else:
            rows, inner = 1 + (i // 3) // 12, 1 + (i // 3) % 12
            paths.append(f"/matmul.svg?a_shape={rows},{inner}&b_shape={inner},{1 + salt % 5}")
    return paths


MASTER: dict[int, int] = {}


@pytest.fixture(scope="module")
def service() -> Iterator[int]:
    port = free_port()
    with running(gunicorn("shapekit.service:app", port, WORKERS, THREADS), port) as proc:
        MASTER[port] = proc.pid
        yield port


def _report(name: str, **values: Any) -> None:
    shown = ", ".join(
        f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items()
    )
    print(f"\n[{name}] {shown}")


@pytest.mark.benchmark(group="service")
def test_cached_get_against_a_trivial_app(
    benchmark: Any, service: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _figure_paths(30, salt=1)
    bodies = {}
    for path in paths:
        status, _, body = get(service, path)
        assert status == 200
        bodies[path] = body.decode("latin-1")
    file = tmp_path / "bodies.json"
    file.write_text(json.dumps(bodies))
    monkeypatch.setenv("SHAPEKIT_TRIVIAL_BYTES", str(file))
    trivial_port = free_port()

    def measure(port: int) -> Any:
        return wrk_get(port, paths, seconds=3, clients=CLIENTS) or get_for(port, paths, 3, CLIENTS)

    # paired rounds, trivial then service, so both see the same load from the rest of the machine
    baseline: list[Any] = []
    ours: list[Any] = []
    with running(gunicorn("_trivial:app", trivial_port, WORKERS, THREADS), trivial_port):
        assert get(trivial_port, paths[0])[2] == get(service, paths[0])[2]
        for round_ in range(3):
            baseline.append(measure(trivial_port))
            if round_ == 0:
                ours.append(benchmark.pedantic(measure, args=(service,), rounds=1, iterations=1))
            else:
                ours.append(measure(service))
    ratios = sorted(o.throughput / b.throughput for o, b in zip(ours, baseline, strict=True))
    middle = sorted(
        zip(ours, baseline, strict=True), key=lambda p: p[0].throughput / p[1].throughput
    )[1]
    benchmark.extra_info.update(
        tool=middle[0].tool,
        service_rps=middle[0].throughput,
        trivial_rps=middle[1].throughput,
        ratio_median=ratios[1],
        ratios=", ".join(f"{r:.2f}" for r in ratios),
        service_p99_ms=middle[0].p99 * 1000,
        trivial_p99_ms=middle[1].p99 * 1000,
    )
    _report("cached GET", **benchmark.extra_info)
    assert not [s for r in ours for s in r.statuses if s >= 400]


def _render_share(specs: list[str]) -> int:
    from urllib.parse import parse_qsl, urlsplit

    from shapekit.figures.drawing import draw
    from shapekit.figures.registry import parse_spec

    for path in specs:
        parts = urlsplit(path)
        kind = parts.path.strip("/").split(".")[0]
        draw(parse_spec(kind, dict(parse_qsl(parts.query)))).svg()
    return len(specs)


@pytest.mark.benchmark(group="service")
def test_uncached_renders_against_a_render_loop(benchmark: Any, service: int) -> None:
    count = 240
    loop_paths = _figure_paths(count, salt=2)
    context = multiprocessing.get_context("spawn")  # fresh processes: nothing drawn before
    with context.Pool(WORKERS) as pool:
        pool.map(_render_share, [_figure_paths(6, salt=9)[i::WORKERS] for i in range(WORKERS)])
        start = time.perf_counter()
        done = sum(pool.map(_render_share, [loop_paths[i::WORKERS] for i in range(WORKERS)]))
        loop_rate = done / (time.perf_counter() - start)

    service_paths = _figure_paths(count, salt=3)  # never asked before: every one is drawn
    requests: list[Request] = [("GET", p, {}, b"") for p in service_paths]
    result = benchmark.pedantic(
        run_requests, args=(service, requests, CLIENTS), rounds=1, iterations=1
    )
    assert set(result.statuses) == {200}
    ratio = result.throughput / loop_rate
    benchmark.extra_info.update(
        service_renders_per_s=result.throughput,
        loop_renders_per_s=loop_rate,
        ratio=ratio,
        service_p99_ms=result.p99 * 1000,
    )
    _report("uncached render", **benchmark.extra_info)


def _mixed(port: int, total: int, rng: random.Random) -> tuple[list[Request], list[set[int]]]:
    good = _figure_paths(40, salt=4)
    etags = {p: get(port, p)[1]["etag"] for p in good[:10]}
    explain = "/explain.json?expr=" + quote("a @ b.T + c") + "&a=3,4&b=3,4&c=3"
    bomb = encode("[" * 2_000_000)  # 2 MB of spec in under 3 kB of URL
    json_h = {"Accept": "application/json"}
    img_h = {"Accept": "image/*"}
    bad: list[tuple[Request, set[int]]] = [
        (("GET", good[0].replace("inputs", "inptus"), img_h, b""), {422}),
        (("GET", "/nueron.svg?inputs=1", json_h, b""), {404}),
        (("GET", "/neuron.svg?inputs=1,x&weights=1,2", json_h, b""), {422}),
        (("GET", "/neuron/svg/@@@", img_h, b""), {400}),
        (("GET", "/neuron/svg/" + encode("{not json"), json_h, b""), {400}),
        (("GET", f"/neuron/svg/{bomb}", img_h, b""), {413}),
        (("GET", "/neuron.svg?inputs=" + "1," * 2100 + "1", img_h, b""), {414}),
        (("POST", "/neuron/svg", {"Content-Type": "application/json"}, b"{" * 70_000), {413}),
        (("POST", "/neuron/svg", {"Content-Type": "application/json"}, b'{"inputs": '), {400}),
        (("POST", "/dot/png", {"Content-Type": "text/plain"}, b'kind = "dot"\nleft = [1'), {400}),
        (("DELETE", good[1], json_h, b""), {405}),
        (("GET", "/explain.svg?expr=" + quote("a @@ b") + "&a=3&b=3", img_h, b""), {422}),
    ]
    fine: list[tuple[Request, set[int]]] = [
        *((("GET", p, {}, b""), {200}) for p in good),
        *((("GET", p, {"If-None-Match": etags[p]}, b""), {304}) for p in etags),
        (("GET", explain, {}, b""), {200}),
        (("GET", "/kinds", {}, b""), {200}),
        (("POST", "/shapekit/svg", {"Content-Type": "text/plain"},
          b'kind = "dot"\nleft = [1, 2]\nright = [3, 4]\n'), {200}),
    ]  # fmt: skip
    requests: list[Request] = []
    expected: list[set[int]] = []
    for _ in range(total):
        request, statuses = rng.choice(bad) if rng.random() < 0.2 else rng.choice(fine)
        requests.append(request)
        expected.append(statuses)
    return requests, expected


@pytest.mark.benchmark(group="service-mixed")
def test_ten_thousand_mixed_requests(benchmark: Any, service: int) -> None:
    rng = random.Random(13)
    warm, warm_expected = _mixed(service, 2000, rng)
    first = run_requests(service, warm, CLIENTS)
    assert all(status in warm_expected[i] for i, status in enumerate(first.statuses))
    master = MASTER[service]
    workers = children(master)
    rss_before = {w: rss_kb(w) for w in workers}
    requests, expected = _mixed(service, 10_000, rng)
    result = benchmark.pedantic(
        run_requests, args=(service, requests, CLIENTS), rounds=1, iterations=1
    )
    rss_after = {w: rss_kb(w) for w in children(master)}
    wrong = [
        (requests[i][0], requests[i][1][:80], status, expected[i])
        for i, status in enumerate(result.statuses)
        if status not in expected[i]
    ]
    histogram = dict(sorted(result.histogram().items()))
    growth = {w: rss_after.get(w, 0) - rss_before[w] for w in rss_before}
    benchmark.extra_info.update(
        requests=result.count,
        statuses=str(histogram),
        malformed_share=sum(1 for e in expected if not e & {200, 304}) / len(expected),
        p99_ms=result.p99 * 1000,
        rss_kb_before=str(rss_before),
        rss_growth_kb=str(growth),
    )
    _report("mixed 10k", **benchmark.extra_info)
    assert 500 not in histogram
    assert not wrong, wrong[:10]
    assert set(rss_after) == set(rss_before), "a worker was replaced during the run"
    assert max(growth.values()) < 16 * 1024, growth
