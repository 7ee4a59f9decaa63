"""The service's settings: limits and caching, from keyword arguments or the environment.

Every setting has an environment variable ``SHAPEKIT_SERVICE_<NAME>`` so that
``gunicorn 'shapekit.service:app'`` and ``shapekit service`` configure the same
application the same way.

>>> Settings.from_env({"SHAPEKIT_SERVICE_MAX_AGE": "60"}).max_age
60
>>> Settings(max_uri=9000)
Traceback (most recent call last):
...
ValueError: max_uri must be between 256 and 8190, got 9000
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["ENV_PREFIX", "LIMITS", "Settings"]

ENV_PREFIX = "SHAPEKIT_SERVICE_"

#: setting -> (lowest, highest) accepted value
LIMITS: dict[str, tuple[float, float]] = {
    "max_age": (0, 365 * 86400),
    "max_uri": (256, 8190),
    "max_body": (1024, 1024 * 1024),
    "max_source": (1024, 1024 * 1024),
    "render_timeout": (0.1, 120),
    "cache_bytes": (0, 4 * 1024**3),
    "render_threads": (1, 64),
    "max_pending": (1, 10_000),
    "rate": (0, 1_000_000),
    "retry_after": (1, 3600),
}


@dataclass(frozen=True)
class Settings:
    """Limits and caching of one service process (every field has a documented default)."""

    #: seconds a figure may be reused without asking again (``Cache-Control: max-age``)
    max_age: int = 86400
    #: the longest request target (path and query), in bytes; longer is 414
    max_uri: int = 4094
    #: the largest POST body, in bytes; larger is 413
    max_body: int = 64 * 1024
    #: the largest spec text after inflating an encoded URL; larger is 413
    max_source: int = 64 * 1024
    #: seconds one render may take before the request is answered 503
    render_timeout: float = 5.0
    #: bytes of rendered figures kept in memory (least recently used dropped first)
    cache_bytes: int = 64 * 1024 * 1024
    #: renders run at once in one process
    render_threads: int = 2
    #: renders waiting or running in one process before new ones are refused with 503
    max_pending: int = 16
    #: requests per second allowed to one client address (0: no limit); over it is 429
    rate: float = 0.0
    #: seconds a refused client is told to wait (``Retry-After``)
    retry_after: int = 2

    def __post_init__(self) -> None:
        for name, (low, high) in LIMITS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not low <= value <= high:
                raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``SHAPEKIT_SERVICE_*`` variables (then ``overrides``)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in dataclasses.fields(cls):
            text = env.get(ENV_PREFIX + field.name.upper())
            if text is None or not text.strip():
                continue
            kind = float if field.type in ("float", float) else int
            try:
                values[field.name] = kind(text)
            except ValueError:
                raise ValueError(
                    f"{ENV_PREFIX}{field.name.upper()} must be a number, got {text!r}"
                ) from None
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The environment variables that reproduce these settings in another process."""
        return {
            ENV_PREFIX + f.name.upper(): str(getattr(self, f.name))
            for f in dataclasses.fields(self)
        }
