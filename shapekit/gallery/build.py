"""Build the gallery: every figure of the spec files to SVG and PNG, in
parallel and incrementally, plus a static site to browse them.

The output folder holds ``index.html``, ``style.css``, ``manifest.json`` and
``figures/<id>.{html,svg,png,pdf,toml}``. Each figure's outputs are keyed by a hash
of its spec digest (which includes the kind's code version), the output
options and shapekit's version; the key is kept in the manifest, so the next
build reuses what has not changed. Files are written only when their bytes
change, and the outputs of figures that are gone are removed.

One bad item never ends a build: a spec file or figure that fails, even inside
shapekit (an ``internal-error`` failure, with a request to report it), is listed in
the report and the site is written with everything else.  Every file is written
through a temporary file created exclusively (``O_EXCL | O_NOFOLLOW``, a random name)
in its folder and renamed into place, so a link planted in the output folder is
replaced, never written through.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import errno
import hashlib
import json
import multiprocessing
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapekit
from shapekit.errors import RenderError, ShapekitError, SpecError, internal_error_reason
from shapekit.figures.cache import drawing_code
from shapekit.figures.drawing import DEFAULT_DPI, Figure, draw, render_many, replace_file
from shapekit.figures.registry import Spec
from shapekit.gallery import site
from shapekit.gallery.specs import ID_PATTERN, Entry, entry_toml, format_error, load_specs
from shapekit.render import renderer_info

__all__ = ["FIGURES_DIR", "MANIFEST", "BuildReport", "Failure", "build", "output_key"]

MANIFEST = "manifest.json"
FIGURES_DIR = "figures"
#: bumped when the builder changes what it writes for a figure
OUTPUT_FORMAT = 3  # 3: a PDF per figure
#: what a figure's files are called, by role
SUFFIXES = {"page": ".html", "svg": ".svg", "png": ".png", "pdf": ".pdf", "spec": ".toml"}

#: called with (figures rendered so far, figures to render)
Progress = Callable[[int, int], None]


#: a failure's status: the input is wrong, or shapekit itself failed on it
FAILED, INTERNAL_ERROR = "failed", "internal-error"


@dataclass(frozen=True)
class Failure:
    """A figure (or a whole spec file) that could not be built.

    ``status`` is ``"failed"`` (the spec is wrong, or the figure could not be drawn) or
    ``"internal-error"`` (shapekit itself failed on it; the message asks to report it).
    """

    message: str
    figure: str | None = None
    file: str | None = None
    line: int | None = None
    field: str | None = None
    status: str = FAILED

    @classmethod
    def from_error(cls, error: SpecError) -> Failure:
        status = INTERNAL_ERROR if error.kind == INTERNAL_ERROR else FAILED
        return cls(format_error(error), error.figure, error.file, error.line, error.field, status)

    @classmethod
    def internal(
        cls, exc: BaseException, figure: str | None, file: str | None, line: int | None
    ) -> Failure:
        """The failure of an item on which shapekit itself failed with ``exc``."""
        where = ":".join(str(p) for p in (file, line) if p is not None)
        parts = [p for p in (where, f"figure {figure!r}" if figure else "") if p]
        message = ": ".join([*parts, internal_error_reason(exc)])
        return cls(message, figure, file, line, status=INTERNAL_ERROR)

    def __str__(self) -> str:
        return self.message


@dataclass
class BuildReport:
    """What a build did: ids built (rendered now), reused, removed, and the failures."""

    out: Path
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    #: files written because their bytes changed (relative to ``out``)
    written: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def internal_errors(self) -> list[Failure]:
        """The failures where shapekit itself failed (exit code 3 on the command line)."""
        return [f for f in self.failed if f.status == INTERNAL_ERROR]

    def summary(self) -> str:
        """One line: ``12 figures: 3 built, 9 reused, 1 failed in 1.4 s -> _site``."""
        total = len(self.built) + len(self.reused)
        text = (
            f"{total} figure{'s' if total != 1 else ''}: {len(self.built)} built, "
            f"{len(self.reused)} reused, {len(self.failed)} failed"
        )
        if self.internal_errors:
            text += f" ({len(self.internal_errors)} internal error{'s' if len(self.internal_errors) != 1 else ''})"
        if self.removed:
            text += f", {len(self.removed)} removed"
        return f"{text} in {self.seconds:.1f} s -> {self.out}"


@dataclass(frozen=True)
class _Rendered:
    id: str
    svg: bytes
    png: bytes
    pdf: bytes
    title: str
    description: str
    explanation: str


def output_key(spec: Spec, dpi: int, renderer: str = "") -> str:
    """The cache key of a figure's outputs: spec digest (with the kind's version),
    output options, shapekit's version and drawing code, the builder's format and the renderer
    with its Graphviz version (``renderer_info().key``: an upgrade redraws)."""
    payload = json.dumps(
        {
            "spec": spec.digest,
            "dpi": dpi,
            "formats": ["svg", "png", "pdf"],
            "shapekit": shapekit.__version__,
            "code": drawing_code(),
            "builder": OUTPUT_FORMAT,
            "renderer": renderer,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def build(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    dpi: int = DEFAULT_DPI,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every figure of ``sources`` (spec files or folders) into the site ``out``.

    ``jobs`` worker processes render (default: the number of cores); ``force``
    renders every figure again. Failing figures are reported, never raised:
    the others are still built.
    """
    start = time.perf_counter()
    root = Path(out)
    report = BuildReport(out=root)
    errors: list[SpecError] = []
    entries = load_specs(sources, errors=errors)
    report.failed.extend(Failure.from_error(e) for e in errors)

    figures_dir = root / FIGURES_DIR
    if figures_dir.is_symlink():  # the figures would land wherever the link points
        raise OSError(
            errno.ELOOP, "is a symbolic link; shapekit writes only into a folder", str(figures_dir)
        )
    figures_dir.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(root)
    drawn_by = renderer_info().key  # no Graphviz: one clear error, not one per figure
    keys = {e.id: output_key(e.spec, dpi, drawn_by) for e in entries}

    done: dict[str, dict[str, Any]] = {}
    todo: list[Entry] = []
    for entry in entries:
        try:
            record = None if force else _reusable(root, old.get(entry.id), keys[entry.id])
        except Exception:  # isolation boundary: an old record shapekit cannot read is redrawn
            record = None
        if record is None:
            todo.append(entry)
        else:
            done[entry.id] = record
            report.reused.append(entry.id)

    by_id = {e.id: e for e in todo}
    for item in _render(todo, dpi, jobs, progress):
        if isinstance(item, Failure):
            report.failed.append(item)
            continue
        entry = by_id[item.id]
        try:
            size = site.svg_size(item.svg)
        except Exception as exc:  # isolation boundary: one figure's internal error
            report.failed.append(Failure.internal(exc, entry.id, entry.file, entry.line))
            continue
        for fmt, data in (("svg", item.svg), ("png", item.png), ("pdf", item.pdf)):
            _write(root, _file(entry.id, fmt), data, report)
        done[item.id] = {
            "title": item.title,
            "description": item.description,
            "explanation": item.explanation,
            "outputs": {"svg": _sha(item.svg), "png": _sha(item.png), "pdf": _sha(item.pdf)},
            "size": size,
        }
        report.built.append(item.id)

    live = [e for e in entries if e.id in done]
    records = [_record(e, keys[e.id], done[e.id]) for e in live]
    live, records = _write_site(root, live, records, report, dpi)
    _remove_stale(root, old, {e.id for e in live}, report)
    gone = {f.figure for f in report.failed}
    report.built = sorted(i for i in report.built if i not in gone)
    report.reused = sorted(i for i in report.reused if i not in gone)
    report.seconds = time.perf_counter() - start
    return report


# -- reuse -----------------------------------------------------------------------


def _read_manifest(root: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_read_own(root / MANIFEST) or b"")  # never a FIFO: it would block
        figures = data["figures"]
        return {f["id"]: f for f in figures if isinstance(f, dict) and isinstance(f.get("id"), str)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _reusable(root: Path, record: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    """The old record when its key matches and its SVG and PNG are intact."""
    if record is None or record.get("key") != key or not ID_PATTERN.fullmatch(record["id"]):
        return None
    try:
        outputs = record["outputs"]
        svg, png, pdf = (_read_own(root / _file(record["id"], f)) for f in ("svg", "png", "pdf"))
        if svg is None or png is None or pdf is None:
            return None
        if (_sha(svg), _sha(png), _sha(pdf)) != (outputs["svg"], outputs["png"], outputs["pdf"]):
            return None
        return {
            "title": str(record["figure_title"]),
            "description": str(record["description"]),
            "explanation": str(record["explanation"]),
            "outputs": dict(outputs),
            "size": site.svg_size(svg),
        }
    except (OSError, KeyError, TypeError):
        return None


# -- rendering -------------------------------------------------------------------


def _render(
    todo: Sequence[Entry], dpi: int, jobs: int | None, progress: Progress | None
) -> Iterable[_Rendered | Failure]:
    """Render in chunks (each chunk batches its dot runs), over ``jobs`` processes."""
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    total = len(todo)
    if progress:
        progress(0, total)
    if not todo:
        return
    # a few chunks per worker keeps them all busy when figures differ in cost
    count = min(total, workers * 3) if workers > 1 else 1
    chunks = [[(e.id, e.spec, e.file, e.line) for e in todo[i::count]] for i in range(count)]
    finished = 0
    if workers == 1:
        results: Iterable[list[_Rendered | Failure]] = (_render_chunk(c, dpi) for c in chunks)
    else:
        results = _in_pool(chunks, dpi, min(workers, count))
    for batch in results:
        finished += len(batch)
        if progress:
            progress(finished, total)
        yield from batch


def _in_pool(
    chunks: list[list[Any]], dpi: int, workers: int
) -> Iterable[list[_Rendered | Failure]]:
    # fork is quick, but forking a process that runs threads (shapekit serve
    # --watch) can deadlock the child: use a fork server there
    methods = multiprocessing.get_all_start_methods()
    if threading.active_count() == 1 and "fork" in methods:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(_render_chunk, chunk, dpi): chunk for chunk in chunks}
        for future in concurrent.futures.as_completed(futures):
            try:
                yield future.result()
            except concurrent.futures.process.BrokenProcessPool as exc:
                yield [
                    Failure(
                        f"{file}:{line}: figure {ident!r}: the worker process died ({exc})",
                        ident,
                        file,
                        line,
                        status=INTERNAL_ERROR,
                    )
                    for ident, _, file, line in futures[future]
                ]
            except Exception as exc:  # isolation boundary: the chunk's figures fail, not the build
                yield [Failure.internal(exc, i, file, line) for i, _, file, line in futures[future]]


def _render_chunk(chunk: list[tuple[str, Spec, str, int]], dpi: int) -> list[_Rendered | Failure]:
    """Draw and render a chunk of figures (runs in a worker process).

    Each figure fails alone: a spec or render error, and also a bug in a
    figure kind, becomes that figure's :class:`Failure`.
    """
    out: list[_Rendered | Failure] = []
    figures: list[tuple[str, Figure, str, int]] = []
    for ident, spec, file, line in chunk:
        try:
            figures.append((ident, draw(spec), file, line))
        except Exception as exc:
            out.append(_failure(exc, ident, file, line))
    # one batch for the chunk; if it fails, the loop below finds the figure(s) at fault
    with contextlib.suppress(RenderError):
        render_many([f for _, f, _, _ in figures], formats=("svg", "png", "pdf"), dpi=dpi)
    for ident, fig, file, line in figures:
        try:
            render_many([fig], formats=("svg", "png", "pdf"), dpi=dpi)
            out.append(
                _Rendered(
                    ident,
                    fig.svg(),
                    fig.png(dpi),
                    fig.pdf(),
                    fig.drawing.title,
                    fig.description,
                    fig.explanation,
                )
            )
        except Exception as exc:
            out.append(_failure(exc, ident, file, line))
    return out


def _failure(exc: Exception, ident: str, file: str, line: int) -> Failure:
    if isinstance(exc, SpecError):
        exc.figure, exc.file = ident, file
        exc.line = exc.line or line
        return Failure.from_error(exc)
    if isinstance(exc, ShapekitError):
        return Failure(f"{file}:{line}: figure {ident!r}: {exc.message}", ident, file, line)
    return Failure.internal(exc, ident, file, line)  # not the user's fault: say so


# -- writing ---------------------------------------------------------------------


def _file(ident: str, role: str) -> str:
    return f"{FIGURES_DIR}/{ident}{SUFFIXES[role]}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(root: Path, name: str, data: bytes, report: BuildReport) -> None:
    """Write ``data`` to ``root/name`` only if the bytes differ (atomically, never through a
    link: a link there is replaced by the file)."""
    target = root / name
    if _read_own(target) == data:
        return
    replace_file(target, data)
    report.written.append(name)


def _read_own(path: Path) -> bytes | None:
    """The bytes of the regular file ``path`` (not followed if it is a link), else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return file.read()


def _record(entry: Entry, key: str, done: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "title": entry.title,
        "caption": entry.caption,
        "topic": entry.topic.slug,
        "figure_title": done["title"],
        "description": done["description"],
        "explanation": done["explanation"],
        "files": {role: _file(entry.id, role) for role in SUFFIXES},
        "spec_hash": entry.spec.digest,
        "key": key,
        "outputs": done["outputs"],
        "size": list(done["size"]),
        "shapekit": shapekit.__version__,
    }


def _write_site(
    root: Path, entries: list[Entry], records: list[dict[str, Any]], report: BuildReport, dpi: int
) -> tuple[list[Entry], list[dict[str, Any]]]:
    """Write the pages, the stylesheet and the manifest; return the figures written.

    A figure whose page fails inside shapekit becomes an internal-error failure and is left
    out of the site; if the index page itself fails, the figures' pages and the manifest
    are still written and the failure is reported.
    """
    pages = site.Site(entries, records, report.failed, dpi)
    kept: list[tuple[Entry, dict[str, Any]]] = []
    for entry, record in zip(entries, records, strict=True):
        try:
            page = pages.figure_page(entry.id).encode("utf-8")
            spec = entry_toml(entry).encode("utf-8")
        except Exception as exc:  # isolation boundary: one figure's internal error
            report.failed.append(Failure.internal(exc, entry.id, entry.file, entry.line))
            continue
        _write(root, _file(entry.id, "spec"), spec, report)
        _write(root, _file(entry.id, "page"), page, report)
        kept.append((entry, record))
    entries = [e for e, _ in kept]
    records = [r for _, r in kept]
    try:
        index = site.Site(entries, records, report.failed, dpi).index_page().encode("utf-8")
    except Exception as exc:  # isolation boundary: the figures are still written
        report.failed.append(Failure.internal(exc, None, "index.html", None))
    else:
        _write(root, "index.html", index, report)
    _write(root, site.STYLESHEET, site.stylesheet(), report)
    manifest = {
        "shapekit": shapekit.__version__,
        "renderer": renderer_info().key,
        "dpi": dpi,
        "figures": sorted(records, key=lambda r: r["id"]),
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    _write(root, MANIFEST, text.encode("utf-8"), report)
    return entries, records


_OWN_FILE = re.compile(rf"{FIGURES_DIR}/({ID_PATTERN.pattern})\.(html|svg|png|pdf|toml)")


def _remove_stale(
    root: Path, old: dict[str, dict[str, Any]], live: set[str], report: BuildReport
) -> None:
    """Delete the files of figures the previous build wrote and this one did not."""
    for ident in sorted(set(old) - live):
        files = old[ident].get("files")
        if not isinstance(files, dict):
            continue
        for name in files.values():
            match = _OWN_FILE.fullmatch(str(name))
            if match and match.group(1) == ident:  # never a path outside figures/
                (root / name).unlink(missing_ok=True)
        report.removed.append(ident)
