"""Per-client rate limiting (``429`` with ``Retry-After``), off unless a rate is set.

A token bucket per client address, in this process only: with ``N`` processes a client
gets at most ``N`` times the rate, which is what an operator sizes replicas by anyway.
The table of clients is bounded, oldest forgotten first.

>>> clock = iter([0.0, 0.0, 0.0, 1.0]).__next__
>>> limiter = RateLimiter(rate=1, burst=2, clock=clock)
>>> [limiter.allow("10.0.0.1") for _ in range(4)]
[True, True, False, True]
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """``rate`` requests a second per client, with bursts of up to ``burst``."""

    def __init__(
        self,
        rate: float,
        burst: float | None = None,
        *,
        clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, 2 * rate)
        self.clients = clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Take one token for ``client``; False when its bucket is empty."""
        if self.rate <= 0:
            return True
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            allowed = tokens >= 1
            self._buckets[client] = (tokens - 1 if allowed else tokens, now)
            while len(self._buckets) > self.clients:
                self._buckets.popitem(last=False)
            return allowed
