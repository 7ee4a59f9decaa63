"""Fixtures of the service tests: a fresh application and its in-process client."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _client import Client

from shapekit.service import create_app
from shapekit.service.settings import Settings

NEURON = "/neuron.svg?inputs=1,2,3&weights=0.2,0.8,-0.5&bias=2"


@pytest.fixture
def client() -> Client:
    return Client(create_app(Settings()))


@pytest.fixture
def make_client() -> object:
    def make(**settings: object) -> Client:
        return Client(create_app(Settings(**settings)))  # type: ignore[arg-type]

    return make
