"""The ``--host`` and ``--port`` options of the commands that serve over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["address_options"]

F = TypeVar("F", bound=Callable[..., Any])


def address_options(what: str, port_help: str = "Port to listen on.") -> Callable[[F], F]:
    """``--host`` (loopback by default) and ``--port``/``-p`` (8000) for a server of ``what``."""

    def decorate(command: F) -> F:
        command = click.option(
            "--port",
            "-p",
            type=click.IntRange(0, 65535),
            default=8000,
            show_default=True,
            help=port_help,
        )(command)
        return click.option(
            "--host",
            default="127.0.0.1",
            show_default=True,
            help=f"Address to bind; anything but loopback exposes the {what} to the network.",
        )(command)

    return decorate
