"""``shapekit serve``: preview a built gallery on 127.0.0.1, optionally rebuilding on change."""

from __future__ import annotations

import threading
from pathlib import Path

import click
from shapekit_cli.address import address_options
from shapekit_cli.build_cmd import inert, jobs_option


@click.command()
@click.argument("directory", default="_site", metavar="[DIR]", type=click.Path(file_okay=False))
@address_options("site", "Port to listen on (0 picks a free one).")
@click.option(
    "--watch",
    "watch",
    metavar="SPEC_DIR",
    type=click.Path(exists=True),
    help="Build SPEC_DIR into DIR now and again whenever a spec file changes.",
)
@jobs_option("Worker processes for the rebuilds [default: the number of cores].")
@click.pass_context
def serve(
    ctx: click.Context, directory: str, port: int, host: str, watch: str | None, jobs: int | None
) -> None:
    """Serve the gallery in DIR (default: _site) at http://127.0.0.1:PORT/.

    Only regular files inside DIR are served. --host takes an IPv4 or IPv6
    address (--host ::1) or a name. With --watch SPEC_DIR the gallery is
    rebuilt incrementally whenever a spec changes; reload the page to see it.
    Stop with Ctrl+C.

    \b
    Exit codes:
      0  stopped with Ctrl+C
      2  usage error (no index.html in DIR, an address or port that cannot be used)
      3  shapekit itself failed (an internal error: please report it)
    """
    from shapekit.errors import ShapekitError, internal_error_reason
    from shapekit.gallery.serve import LOOPBACK, SpecWatcher, make_server, url_of

    lock = threading.Lock()

    def rebuild() -> None:
        from shapekit.gallery.build import build

        with lock:
            try:
                report = build(watch, directory, jobs=jobs)  # type: ignore[arg-type]
            except (ShapekitError, OSError) as exc:
                click.echo(f"shapekit serve: the build failed: {inert(str(exc))}", err=True)
                return
            except Exception as exc:  # the server keeps running: a rebuild is one item
                click.echo(
                    f"shapekit serve: the build failed: {internal_error_reason(exc)}", err=True
                )
                return
        for failure in report.failed:
            click.echo(f"error: {inert(failure.message)}", err=True)
        click.echo(inert(report.summary()), err=True)

    if watch is not None:
        rebuild()
    if not Path(directory, "index.html").is_file():
        raise click.UsageError(
            f"{directory} has no index.html; build it first with "
            f"'shapekit build --out {directory}' or use --watch SPEC_DIR"
        )
    if host not in (LOOPBACK, "localhost", "::1", "[::1]"):
        click.echo(f"warning: serving on {host}: other machines can reach this site", err=True)
    host = host.removeprefix("[").removesuffix("]")  # [::1] as in a URL
    try:
        server = make_server(directory, host=host, port=port)
    except (OSError, UnicodeError) as exc:  # socket.gaierror is an OSError
        reason = getattr(exc, "strerror", None) or exc
        raise click.UsageError(f"cannot listen on {host!r} port {port}: {reason}") from None
    watcher = SpecWatcher(watch, rebuild) if watch is not None else None
    if watcher is not None:
        watcher.start()
    click.echo(f"Serving {directory} at {url_of(server)} (Ctrl+C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        if watcher is not None:
            watcher.stop()
        server.server_close()
    ctx.exit(0)
