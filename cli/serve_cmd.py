"""``shapekit serve``: preview a built gallery on 127.0.0.1, optionally rebuilding on change."""

from __future__ import annotations

import threading
from pathlib import Path

import click
from shapekit_cli.build_cmd import jobs_option


@click.command()
@click.argument("directory", default="_site", metavar="[DIR]", type=click.Path(file_okay=False))
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; anything but loopback exposes the site to the network.",
)
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

    Only files inside DIR are served. With --watch SPEC_DIR the gallery is
    rebuilt incrementally whenever a spec changes; reload the page to see it.
    Stop with Ctrl+C.
    """
    from shapekit.errors import ShapekitError
    from shapekit.gallery.serve import LOOPBACK, SpecWatcher, make_server

    lock = threading.Lock()

    def rebuild() -> None:
        from shapekit.gallery.build import build

        with lock:
            try:
                report = build(watch, directory, jobs=jobs)  # type: ignore[arg-type]
            except (ShapekitError, OSError) as exc:
                click.echo(f"shapekit serve: the build failed: {exc}", err=True)
                return
        for failure in report.failed:
            click.echo(f"error: {failure.message}", err=True)
        click.echo(report.summary(), err=True)

    if watch is not None:
        rebuild()
    if not Path(directory, "index.html").is_file():
        raise click.UsageError(
            f"{directory} has no index.html; build it first with "
            f"'shapekit build --out {directory}' or use --watch SPEC_DIR"
        )
    if host not in (LOOPBACK, "localhost", "::1"):
        click.echo(f"warning: serving on {host}: other machines can reach this site", err=True)
    try:
        server = make_server(directory, host=host, port=port)
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    watcher = SpecWatcher(watch, rebuild) if watch is not None else None
    if watcher is not None:
        watcher.start()
    bound = server.server_address[1]
    click.echo(f"Serving {directory} at http://{host}:{bound}/ (Ctrl+C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        if watcher is not None:
            watcher.stop()
        server.server_close()
    ctx.exit(0)
