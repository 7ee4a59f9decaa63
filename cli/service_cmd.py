"""``shapekit service``: run the visualisation service (``shapekit.service:app``).

By default it runs under gunicorn (``pip install 'shapekit[service]'``) with one worker
process per core, bound to loopback. ``--server wsgiref`` runs Python's own
single-threaded server instead, for a quick look without gunicorn. Each limit is a
:class:`~shapekit.service.settings.Settings` field; its default and bounds are read
from there.
"""

from __future__ import annotations

import os
from typing import Any

import click
from shapekit_cli.address import address_options

#: option -> the Settings field it sets
SETTING_OPTIONS = {
    "max_age": "seconds browsers and caches may reuse a figure (Cache-Control max-age)",
    "max_uri": "longest request URL in bytes (longer is 414; at most 8190)",
    "max_body": "largest POST body in bytes (larger is 413)",
    "render_timeout": "seconds one figure may take to draw (then 503)",
    "cache_bytes": "bytes of rendered figures each worker keeps in memory",
    "rate": "requests per second allowed to one client address, 0 for no limit (then 429)",
}


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _setting_options(command: Any) -> Any:
    from shapekit.service.settings import LIMITS, Settings

    defaults = Settings()
    for name, text in reversed(list(SETTING_OPTIONS.items())):
        low, high = LIMITS[name]
        default = getattr(defaults, name)
        kind = (
            click.FloatRange(low, high) if isinstance(default, float) else click.IntRange(low, high)
        )
        command = click.option(
            "--" + name.replace("_", "-"),
            name,
            type=kind,
            default=None,
            help=f"{text} [default: {default}]",
        )(command)
    return command


@click.command()
@address_options("service")
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes [default: the number of cores].",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=None,
    help="Threads per worker (each serves one connection at a time); more than the "
    "renders a worker may queue, so a saturated worker answers 503 at once instead of "
    "keeping clients waiting [default: SHAPEKIT_SERVICE_MAX_PENDING + 16, i.e. 32].",
)
@click.option(
    "--server",
    type=click.Choice(["gunicorn", "wsgiref"]),
    default="gunicorn",
    show_default=True,
    help="gunicorn for real use; wsgiref (single-threaded) for a quick look without it.",
)
@click.option("--access-log/--no-access-log", default=False, help="Log every request to stderr.")
@_setting_options
def service(
    host: str,
    port: int,
    workers: int | None,
    threads: int | None,
    server: str,
    access_log: bool,
    **limits: Any,
) -> None:
    """Serve every figure and explanation at a URL, at http://HOST:PORT/.

    \b
    Examples (after starting it):
      http://127.0.0.1:8000/                      the playground
      http://127.0.0.1:8000/neuron.svg?inputs=1,2,3&weights=0.2,0.8,-0.5&bias=2
      http://127.0.0.1:8000/explain.svg?expr=inputs@weights.T&inputs=3,4&weights=3,4

    Stop with Ctrl+C. The same application runs under any WSGI server as
    shapekit.service:app (settings from SHAPEKIT_SERVICE_* variables).
    """
    from shapekit.service import create_app
    from shapekit.service.settings import Settings

    chosen = {k: v for k, v in limits.items() if v is not None}
    try:
        settings = Settings.from_env(**chosen)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    count = workers or _cores()
    threads = _threads(threads, settings.max_pending)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    if server == "wsgiref":
        _run_wsgiref(create_app(settings), host, port, url)
        return
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        raise click.ClickException(
            "gunicorn is not installed: pip install 'shapekit[service]', "
            "or try it out with --server wsgiref"
        ) from None
    os.environ.update(settings.to_env())  # workers and reloads see the same settings

    class _Gunicorn(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {
                "bind": f"{host if ':' not in host else f'[{host}]'}:{port}",
                "workers": count,
                "worker_class": "gthread",
                "threads": threads,
                # the service answers an over-long URL itself (414 drawn as an image)
                "limit_request_line": 8190,
                "accesslog": "-" if access_log else None,
                "proc_name": "shapekit-service",
            }
            # gunicorn 27's control socket has one default path per user: two services
            # would fight over it, and nothing here uses it
            if "control_socket_disable" in self.cfg.settings:
                options["control_socket_disable"] = True
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return create_app(settings)

    click.echo(f"shapekit service: {url} ({count} workers × {threads} threads)", err=True)
    _Gunicorn().run()


def _threads(chosen: int | None, max_pending: int) -> int:
    """Threads per worker: by default enough that requests reach the 503 of a full queue.

    Only a request a thread has taken can be refused with ``503`` and ``Retry-After``; with
    fewer threads than ``max_pending`` the rest wait, unanswered, inside the server.

    >>> _threads(None, 16), _threads(8, 16), _threads(None, 100)
    (32, 8, 64)
    """
    if chosen is None:
        return min(64, max_pending + 16)
    if chosen <= max_pending:
        click.echo(
            f"note: with --threads {chosen} a worker takes at most {chosen} requests at once, "
            f"so its limit of {max_pending} queued renders never answers 503: "
            "further clients wait instead",
            err=True,
        )
    return chosen


def _run_wsgiref(app: Any, host: str, port: int, url: str) -> None:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class _Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    try:
        httpd = make_server(host, port, app, handler_class=_Quiet)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(f"shapekit service (wsgiref, one request at a time): {url}", err=True)
    with httpd:
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
