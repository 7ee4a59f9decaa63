"""Kroki's URL encoding: what Kroki's clients send decodes, and nothing decodes without bound."""

from __future__ import annotations

import base64
import zlib

import pytest

from shapekit.service.codec import decode, encode
from shapekit.service.problems import Problem

TEXT = '{"kind": "neuron", "inputs": [1, 2, 3], "weights": [0.2, 0.8, -0.5], "bias": 2}'


def test_round_trip() -> None:
    assert decode(encode(TEXT), limit=10_000) == TEXT


@pytest.mark.parametrize(
    "encoded",
    [
        # Python, as Kroki's docs show it
        base64.urlsafe_b64encode(zlib.compress(TEXT.encode(), 9)).decode(),
        # the same without padding
        base64.urlsafe_b64encode(zlib.compress(TEXT.encode(), 9)).decode().rstrip("="),
        # pako.deflate then base64 with + and / replaced (the Node.js recipe)
        base64.b64encode(zlib.compress(TEXT.encode(), 6))
        .decode()
        .replace("+", "-")
        .replace("/", "_"),
        # raw deflate without the zlib header
        base64.urlsafe_b64encode(zlib.compress(TEXT.encode(), 9)[2:-4]).decode(),
    ],
    ids=["python", "no-padding", "pako", "raw-deflate"],
)
def test_kroki_clients_encodings_decode(encoded: str) -> None:
    assert decode(encoded, limit=10_000) == TEXT


def test_a_deflate_bomb_stops_at_the_cap() -> None:
    bomb = encode("[" * 50_000_000)  # 50 MB of text in about 50 kB of URL
    assert len(bomb) < 100_000
    with pytest.raises(Problem) as caught:
        decode(bomb, limit=65_536)
    assert caught.value.status == 413
    assert "longer than 65536 bytes" in caught.value.message


@pytest.mark.parametrize(
    ("encoded", "reason"),
    [
        ("not base64!", "may use only letters"),
        ("abcde", "not valid base64url"),
        (base64.urlsafe_b64encode(b"plain text, not deflated").decode(), "not deflated data"),
        (base64.urlsafe_b64encode(zlib.compress(TEXT.encode())[:-8]).decode(), "not deflated"),
        (base64.urlsafe_b64encode(zlib.compress(b"\xff\xfe")).decode(), "not UTF-8"),
    ],
    ids=["alphabet", "base64", "not-deflate", "truncated", "not-utf8"],
)
def test_malformed_encodings_are_400(encoded: str, reason: str) -> None:
    with pytest.raises(Problem) as caught:
        decode(encoded, limit=10_000)
    assert caught.value.status == 400
    assert reason in caught.value.message
