"""The benchmark's baseline: a WSGI app that answers each path with bytes it already holds.

The bytes come from a JSON file named by ``SHAPEKIT_TRIVIAL_BYTES`` (path -> latin-1
text), written by the benchmark from the service's own answers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

with open(os.environ.get("SHAPEKIT_TRIVIAL_BYTES", os.devnull), encoding="utf-8") as _file:
    _text = _file.read()
BODIES: dict[str, bytes] = {k: v.encode("latin-1") for k, v in json.loads(_text or "{}").items()}


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    query = environ.get("QUERY_STRING", "")
    body = BODIES.get(environ["PATH_INFO"] + ("?" + query if query else ""), b"")
    start_response(
        "200 OK", [("Content-Type", "image/svg+xml"), ("Content-Length", str(len(body)))]
    )
    return [body]


# ``/healthz`` for the readiness probe of the test servers
BODIES.setdefault("/healthz", b'{"ok": true}')
