"""Checking many files at once: worker processes, one per usable core.

Each file is checked on its own (:func:`~shapekit.check.checker.check_file`),
so a run over a folder splits into chunks of files that worker processes
check side by side. The results come back in the order of the files, exactly
as one process would give them; only named dimensions, which compare files
with each other, are settled afterwards by the caller.

Workers are started with ``fork`` where the platform has it and the process
has a single thread (cheap: nothing is imported again), else with ``spawn``;
if no worker can be started at all, the files are checked in this process.

The isolation boundary holds in a worker too: a file that raises is that
file's ``internal-error`` result. A worker that dies (killed, out of memory, a
crash in C code) cannot hang the run: its unfinished files are checked again
in fresh workers, then one at a time, and a file that still kills its worker
is reported as an internal error.
"""

from __future__ import annotations

import gc
import importlib
import os
import struct
import sys
import threading
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from shapekit.check.results import FileResult

if TYPE_CHECKING:  # the process machinery is imported only when a run uses it
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["auto_jobs", "check_in_workers", "usable_cores"]

#: the fewest files worth workers started with ``fork``: starting them (the process machinery
#: imported, the workers forked) costs about 60 ms, and two workers save about a quarter of a
#: millisecond per small file (measured on 2 cores), so a few hundred files are needed to gain
MIN_FILES_FORK = 200
#: the fewest files worth workers started with ``spawn``: each imports shapekit and its
#: interpreter anew (0.3 s and more), which only a large class pays back
MIN_FILES_SPAWN = 1000
#: most files sent to a worker at once. Small chunks share the work out evenly: chunks of up
#: to 128 files halved the main process's own CPU time for 1 000 files (fewer round trips) but
#: left one worker finishing a long last chunk alone, and the run took about 15 % longer
#: (interleaved rounds, 27 Nov 2026: best ratio 2.29x with 16 against 2.71x with 128)
MAX_CHUNK = 16
#: what checking imports on first use (the interpreter's statements pull in the rest of it):
#: imported before the workers fork, so that each has it instead of importing it again
#: (without cached bytecode, PYTHONDONTWRITEBYTECODE, that is compiling it again: ~0.1 s)
PRELOAD = (
    "shapekit.engine.program",
    "shapekit.engine._statements",
    "shapekit.shapes",
    "encodings.utf_8_sig",
)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1.

    >>> usable_cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def auto_jobs(count: int) -> int:
    """How many processes check ``count`` files by default: every usable core when it pays.

    Starting workers costs time, so a run of few files stays in one process.

    >>> auto_jobs(1)
    1
    """
    cores = usable_cores()
    if cores < 2 or count < MIN_FILES_FORK:
        return 1
    enough = MIN_FILES_FORK if _fork_usable() else MIN_FILES_SPAWN
    return cores if count >= enough else 1


def check_in_workers(
    files: Sequence[str], jobs: int, options: dict[str, Any]
) -> Iterator[FileResult]:
    """:func:`~shapekit.check.checker.check_file` on each file, in ``jobs`` processes.

    Results are yielded one per file, in the order of ``files``; ``options``
    are :func:`check_file`'s keyword arguments.
    """
    from shapekit.check.checker import check_file

    files = list(files)
    with _heap_set_aside(len(files)):
        if jobs <= 1 or len(files) < 2:
            for path in files:
                yield check_file(path, **options)
        else:
            yield from _in_workers(files, jobs, options)


#: objects made between two collections of the youngest generation during a run of many
#: files (Python's default is 700). A checked file leaves no cycles behind, so what the
#: collector would walk is freed by reference counting anyway: collecting a hundred times
#: less often saves about 4 % of a run, and a file's cyclic garbage, if any, waits at most
#: this many allocations
YOUNG_THRESHOLD = 100_000


@contextmanager
def _heap_set_aside(count: int) -> Iterator[None]:
    """For a run of many files, the objects that exist before it (modules, tables) are set
    aside from the garbage collector, which otherwise walks them again and again while
    each file's syntax trees come and go, and the youngest objects are collected less
    often; both are given back when the run ends."""
    if count < 2 or gc.get_freeze_count():  # a caller's own frozen objects stay theirs
        yield
        return
    gc.freeze()
    thresholds = gc.get_threshold()
    if thresholds[0]:  # (0: the caller turned collecting off)
        gc.set_threshold(max(thresholds[0], YOUNG_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        # what the run made and keeps (its results) is moved to the oldest generation
        # unwalked, as the heap before it is: with the threshold back at 700, the next
        # allocation would otherwise walk every object made since the last collection, up
        # to YOUNG_THRESHOLD of them (4-10 ms at the end of a run of 1 000 files)
        gc.freeze()
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _in_workers(files: list[str], jobs: int, options: dict[str, Any]) -> Iterator[FileResult]:
    from shapekit.check.checker import check_file

    for module in PRELOAD:  # once here rather than once in every worker
        try:
            importlib.import_module(module)
        except ImportError:  # moved: only a head start is lost
            continue
    # more processes than cores only share the same cores out (256 on 2 cores: 5x slower)
    jobs = min(jobs, usable_cores())
    size = max(1, min(MAX_CHUNK, len(files) // (jobs * 4)))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    jobs = min(jobs, len(chunks))
    done = 0
    try:
        if _fork_usable():
            results = _forked(chunks, jobs, options)
        else:
            results = _chunks(chunks, jobs, options, retried=False)
        for result in results:
            done += 1
            yield result
    except _NoWorkers:  # this platform cannot start processes: check the rest here
        for path in files[done:]:
            yield check_file(path, **options)


def _forked(
    chunks: list[list[str]], jobs: int, options: dict[str, Any]
) -> Generator[FileResult, None, None]:
    """The results of ``chunks`` in order, from ``jobs`` forked workers.

    Each worker already holds the chunks (a fork copies them), takes the next chunk from a
    counter they share, and writes the chunk's results to a pipe of its own; no task is
    sent and no thread runs in this process, which only reads the pipes. A pool of the
    standard library (:class:`~concurrent.futures.ProcessPoolExecutor`) does the same
    through a task queue, a result queue and two threads, and cost this process a third
    more CPU time for 1 000 small files (measured 27 Nov 2026: 46-55 ms against 32-35 ms, on
    2 cores shared with the workers). A chunk whose worker died before sending it is
    checked again as a pool would (:func:`_chunks`): in a fresh worker, then file by file.
    """
    import multiprocessing
    import selectors

    context = multiprocessing.get_context("fork")
    try:
        counter = context.Value("q", 0)  # the next chunk to take, under its own lock
    except (OSError, ImportError) as exc:  # no semaphores (some sandboxes)
        raise _NoWorkers from exc
    processes: list[Any] = []
    pipes: dict[int, bytearray] = {}
    selector = selectors.DefaultSelector()
    try:
        for _ in range(jobs):
            read, write = os.pipe()
            process = context.Process(
                target=_serve, args=(chunks, options, counter, write), daemon=True
            )
            try:
                process.start()
            except OSError as exc:  # no more processes: go on with those started
                os.close(read)
                if not processes:
                    raise _NoWorkers from exc
                break
            finally:
                os.close(write)  # the worker's end: the pipe ends when the worker does
            processes.append(process)
            pipes[read] = bytearray()
            selector.register(read, selectors.EVENT_READ)
        received: dict[int, list[FileResult]] = {}
        following = 0
        while following < len(chunks):
            while following in received:
                yield from received.pop(following)
                following += 1
            if following >= len(chunks) or not pipes:
                break
            for key, _events in selector.select():
                _receive(key.fd, pipes, selector, received)
        for process in processes:
            process.join()
        if following < len(chunks):  # a worker died: what it had taken is checked again
            missing = [i for i in range(following, len(chunks)) if i not in received]
            again = _chunks([chunks[i] for i in missing], jobs, options, retried=True)
            try:
                for index in range(following, len(chunks)):
                    if index in received:
                        yield from received.pop(index)
                    else:
                        yield from (next(again) for _ in chunks[index])
            finally:
                again.close()
    finally:
        for process in processes:  # a consumer that stopped early (Ctrl-C)
            if process.is_alive():
                process.kill()
            process.join()
        for read in pipes:
            selector.unregister(read)
            os.close(read)
        selector.close()


def _receive(
    read: int,
    pipes: dict[int, bytearray],
    selector: Any,
    received: dict[int, list[FileResult]],
) -> None:
    """Read what a worker has written; keep each chunk whose results are complete."""
    import pickle

    data = os.read(read, 1 << 20)
    if not data:  # the worker is done (or died): nothing more comes from it
        selector.unregister(read)
        os.close(read)
        del pipes[read]
        return
    buffer = pipes[read]
    buffer += data
    while len(buffer) >= _HEADER.size:
        index, length = _HEADER.unpack_from(buffer)
        end = _HEADER.size + length
        if len(buffer) < end:
            break
        received[index] = pickle.loads(memoryview(buffer)[_HEADER.size : end])
        del buffer[:end]


#: what precedes a chunk's results in a worker's pipe: the chunk's index and the length
_HEADER = struct.Struct("<QQ")


def _serve(chunks: list[list[str]], options: dict[str, Any], counter: Any, write: int) -> None:
    """In a forked worker: take chunks until none is left, write each one's results."""
    import pickle

    from shapekit.check.checker import check_file

    _worker_start()
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value = index + 1
        if index >= len(chunks):
            break
        results = [check_file(path, **options) for path in chunks[index]]
        try:
            data = pickle.dumps(results, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # a result that cannot be sent back
            results = [lost(path, f"{type(exc).__name__}: {exc}") for path in chunks[index]]
            data = pickle.dumps(results, pickle.HIGHEST_PROTOCOL)
        view = memoryview(_HEADER.pack(index, len(data)) + data)
        while view:
            view = view[os.write(write, view) :]
    os.close(write)


class _NoWorkers(Exception):
    """No worker process could be started."""


def _chunks(
    chunks: list[list[str]], jobs: int, options: dict[str, Any], *, retried: bool
) -> Generator[FileResult, None, None]:
    """The results of ``chunks`` in order; after a worker died, what was unfinished again."""
    from concurrent.futures.process import BrokenProcessPool

    if not chunks:
        return
    pool, futures = _start(chunks, jobs, options)
    finished: dict[int, list[FileResult]] = {}
    broken_at = None
    try:
        for index, (chunk, future) in enumerate(zip(chunks, futures, strict=True)):
            try:
                results = future.result()
            except BrokenProcessPool:
                broken_at = index
                finished = _salvage(futures[index + 1 :], index + 1)
                if not retried and index == 0 and not finished and not _fork_usable():
                    # spawned workers that die before any result cannot start at all (a
                    # script that starts a run when imported, without `if __name__ ...`)
                    raise _NoWorkers from None
                break
            except Exception as exc:  # a result that could not be sent back (not picklable)
                results = [lost(path, f"{type(exc).__name__}: {exc}") for path in chunk]
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if broken_at is None:
        return
    if retried:  # it broke twice: find the file to blame, one at a time
        yield from _one_by_one(chunks[broken_at], options)
        broken_at += 1
    rest = chunks[broken_at:]
    pending = [c for i, c in enumerate(rest, start=broken_at) if i not in finished]
    again = _chunks(pending, jobs, options, retried=True)
    try:
        for index in range(broken_at, len(chunks)):
            if index in finished:
                yield from finished[index]
            else:
                yield from (next(again) for _ in chunks[index])
    finally:
        again.close()  # its workers are shut down now, not whenever it is collected


def _salvage(futures: list[Future[list[FileResult]]], start: int) -> dict[int, list[FileResult]]:
    """The chunks that finished before the pool broke (they need not be checked again)."""
    finished = {}
    for index, future in enumerate(futures, start=start):
        if future.done() and not future.cancelled() and future.exception() is None:
            finished[index] = future.result()
    return finished


def _one_by_one(files: list[str], options: dict[str, Any]) -> Iterator[FileResult]:
    """Each file in a worker of its own: a file that kills it is an internal error."""
    from concurrent.futures.process import BrokenProcessPool

    for path in files:
        pool, (future,) = _start([[path]], 1, options)
        try:
            yield from future.result()
        except BrokenProcessPool:
            yield lost(
                path,
                "the worker process checking this file stopped without a result "
                "(it crashed or was killed, perhaps for lack of memory)",
            )
        except Exception as exc:  # a result that could not be sent back
            yield lost(path, f"{type(exc).__name__}: {exc}")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _start(
    chunks: list[list[str]], jobs: int, options: dict[str, Any]
) -> tuple[ProcessPoolExecutor, list[Future[list[FileResult]]]]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_worker_start)
    except (OSError, ImportError, NotImplementedError) as exc:  # no semaphores (some sandboxes)
        raise _NoWorkers from exc
    try:
        futures = [pool.submit(_check_chunk, chunk, options) for chunk in chunks]
    except (OSError, BrokenProcessPool) as exc:  # the processes themselves cannot start
        pool.shutdown(wait=False, cancel_futures=True)
        raise _NoWorkers from exc
    return pool, futures


def _context() -> Any:
    import multiprocessing

    return multiprocessing.get_context("fork" if _fork_usable() else "spawn")


def _fork_usable() -> bool:
    """``fork`` is cheap and safe here: offered, not macOS (where system libraries break
    in a forked child), and this process runs one thread (a fork copies held locks)."""
    import multiprocessing

    return (
        "fork" in multiprocessing.get_all_start_methods()
        and sys.platform != "darwin"
        and threading.active_count() == 1
    )


def _worker_start() -> None:
    """In each worker: Ctrl-C is for the main process, which stops the run; what the worker
    inherited is set aside from the garbage collector (and so never copied by touching it)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()


def _check_chunk(files: list[str], options: dict[str, Any]) -> list[FileResult]:
    from shapekit.check.checker import check_file

    return [check_file(path, **options) for path in files]


def lost(path: str, reason: str) -> FileResult:
    """The result of a file whose check never came back from its worker."""
    from shapekit.check.checker import internal_error

    return FileResult(path, internal_error=internal_error(reason))
