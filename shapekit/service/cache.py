"""An in-process LRU of rendered bytes with a byte budget (thread-safe).

Each service process keeps its own: nothing is shared between replicas, so adding
processes or machines needs no coordination (a CDN or nginx cache in front shares work).

>>> cache = ByteLRU(10)
>>> cache.put("a", b"12345"); cache.put("b", b"67890"); cache.get("a")
b'12345'
>>> cache.put("c", b"xyz"); cache.get("b") is None, cache.size
(True, 8)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["ByteLRU", "KeyMemo"]

V = TypeVar("V")


class ByteLRU:
    """Least recently used entries are dropped once the bytes held exceed ``budget``."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            data = self._items.get(key)
            if data is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return data

    def put(self, key: str, data: bytes) -> None:
        if len(data) > self.budget:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self._items[key] = data
            self.size += len(data)
            while self.size > self.budget:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped)

    def __len__(self) -> int:
        return len(self._items)


class KeyMemo(Generic[V]):
    """A bounded map from a request's exact text to what it resolved to (its ETag…).

    A repeated URL then skips parsing and validation entirely.

    >>> memo: KeyMemo[str] = KeyMemo(2)
    >>> memo.put("x", "1"); memo.put("y", "2"); memo.put("z", "3"); memo.get("x") is None
    True
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
