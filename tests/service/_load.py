"""A small, bounded HTTP load generator for loopback servers (threads in a few processes,
keep-alive connections), and ``wrk`` when it is installed, for the service benchmarks.

Every run is bounded by a request count or a duration, and only talks to 127.0.0.1.
"""

from __future__ import annotations

import http.client
import multiprocessing
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"

#: one request: (method, target, headers, body)
Request = tuple[str, str, dict[str, str], bytes]


@dataclass
class Result:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    count: int = 0
    tool: str = "python"
    p99_reported: float | None = None

    @property
    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    @property
    def p99(self) -> float:
        if self.p99_reported is not None:
            return self.p99_reported
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0

    def histogram(self) -> Counter[int]:
        return Counter(self.statuses)


def _worker(
    port: int, requests: list[tuple[int, Request]], threads: int, out: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    lock = threading.Lock()
    queue = list(reversed(requests))
    found: list[tuple[int, int, float]] = []

    def run() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                index, (method, target, headers, body) = queue.pop()
            start = time.perf_counter()
            for attempt in range(3):
                try:
                    conn.request(method, target, body=body or None, headers=headers)
                    reply = conn.getresponse()
                    reply.read()
                    status = reply.status
                    if reply.getheader("Connection", "").lower() == "close":
                        conn.close()
                    break
                except (OSError, http.client.HTTPException):
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=60)
                    status = -1
                    if attempt == 2:
                        break
            found.append((index, status, time.perf_counter() - start))
        conn.close()

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put(found)


def run_requests(
    port: int, requests: list[Request], clients: int = 32, processes: int = 2
) -> Result:
    """Send every request once, ``clients`` at a time; statuses come back in request order."""
    indexed = list(enumerate(requests))
    shares = [indexed[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork")
    out: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    procs = [
        context.Process(target=_worker, args=(port, share, clients // processes, out))
        for share in shares
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    gathered: list[tuple[int, int, float]] = []
    for _ in procs:
        gathered.extend(out.get(timeout=600))
    seconds = time.perf_counter() - start
    for p in procs:
        p.join(timeout=60)
    gathered.sort()
    return Result(
        seconds=seconds,
        latencies=[g[2] for g in gathered],
        statuses=[g[1] for g in gathered],
        count=len(gathered),
    )


_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def wrk_get(port: int, paths: list[str], seconds: int = 5, clients: int = 32) -> Result | None:
    """GET ``paths`` round-robin with wrk for ``seconds``; None when wrk is not installed."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder, "paths.lua")
        script.write_text(_LUA % ", ".join(f'"{p}"' for p in paths))
        done = subprocess.run(
            [wrk, "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "-s", str(script),
             f"http://{HOST}:{port}/"],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        )  # fmt: skip
    text = done.stdout
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", text).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    result = Result(seconds=total / rate, count=total, tool="wrk")
    result.p99_reported = float(p99.group(1)) * scale[p99.group(2)] if p99 else None
    result.statuses = [500] * int(errors.group(1)) if errors else []
    return result


def get_for(port: int, paths: list[str], seconds: float = 5, clients: int = 32) -> Result:
    """Like :func:`wrk_get` with the Python generator: the paths repeated for about ``seconds``."""
    probe = run_requests(port, [("GET", p, {}, b"") for p in paths] * 4, clients)
    per_second = max(probe.throughput, 1.0)
    rounds = max(1, int(per_second * seconds / len(paths)))
    return run_requests(port, [("GET", p, {}, b"") for p in paths] * rounds, clients)
