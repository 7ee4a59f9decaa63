"""Kroki's encoding of a diagram source in a URL: base64url of the zlib-deflated UTF-8 text.

Existing Kroki encoders (``base64.urlsafe_b64encode(zlib.compress(text, 9))``, pako's
``deflate`` plus ``+/`` -> ``-_``) produce what :func:`decode` reads; padding is optional,
and raw deflate without the zlib header is accepted too.

Inflating is bounded before any byte of the result is parsed: at most ``limit`` bytes come
out of :func:`decode`, however small the encoded text (a deflate bomb stops at the cap).

>>> encoded = encode('{"kind": "dot", "left": [1, 2], "right": [3, 4]}')
>>> decode(encoded, limit=1000)
'{"kind": "dot", "left": [1, 2], "right": [3, 4]}'
>>> decode(encode("x" * 5000), limit=1000)
Traceback (most recent call last):
...
shapekit.service.problems.Problem: the decoded spec is longer than 1000 bytes
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from shapekit.service.problems import Problem

__all__ = ["decode", "encode"]

_ALPHABET = re.compile(r"[A-Za-z0-9_-]+={0,2}")


def encode(text: str) -> str:
    """The Kroki encoding of ``text`` (what a client puts in the URL)."""
    return base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def decode(encoded: str, *, limit: int) -> str:
    """The text inside a Kroki-encoded URL part; a :class:`Problem` when it is not one."""
    if not _ALPHABET.fullmatch(encoded):
        raise Problem(
            400,
            "the encoded spec may use only letters, digits, '-' and '_' "
            "(base64url of the deflated text, as Kroki encodes)",
            kind="encoding",
        )
    padded = encoded.rstrip("=")
    padded += "=" * (-len(padded) % 4)
    try:
        packed = base64.urlsafe_b64decode(padded)
    except (binascii.Error, ValueError):
        raise Problem(400, "the encoded spec is not valid base64url", kind="encoding") from None
    data = _inflate(packed, zlib.MAX_WBITS, limit)
    if data is None:
        data = _inflate(packed, -zlib.MAX_WBITS, limit)
    if data is None:
        raise Problem(
            400,
            "the encoded spec is not deflated data (encode it as Kroki does: "
            "base64url of zlib.compress(text))",
            kind="encoding",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Problem(400, "the decoded spec is not UTF-8 text", kind="encoding") from None


def _inflate(packed: bytes, wbits: int, limit: int) -> bytes | None:
    inflater = zlib.decompressobj(wbits)
    try:
        data = inflater.decompress(packed, limit + 1)
    except zlib.error:
        return None
    if len(data) > limit or inflater.unconsumed_tail:
        raise Problem(413, f"the decoded spec is longer than {limit} bytes", kind="too_large")
    if not inflater.eof:
        return None
    return data
