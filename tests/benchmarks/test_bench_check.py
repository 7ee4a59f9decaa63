"""Benchmark: ``shapekit check`` on 1 000 mixed student files against only parsing them.

Target (issues 3 and 10): checking — the shape interpreter following every
name and operation, with diagnosis and positions for the broken files — costs
at most 2x a baseline that only parses the same files (``json.loads``,
``ast.parse`` of each module and notebook cell, ``csv.reader``). A quarter of
the files are broken: a ragged row, a string among the numbers, a syntax
error, or the chapter's ``np.dot`` without ``.T``. All are in the benchmark
group ``check-1000-files`` to read side by side.

Two checks are measured: ``test_shapekit_check`` is what ``shapekit check`` does by
default (worker processes, as many as :func:`~shapekit.check.workers.auto_jobs` gives for
1 000 files: one per usable core, 2 here), ``test_shapekit_check_one_process`` is
``--jobs 1``. Each runs one warm-up round, then 10; the minimum is compared. NumPy is
imported up front (see the fixture: the interpreter imports it for a list with a string
among its numbers, and the workers are forked anew every round).

Not 2x yet. Measured 26 Nov 2026 between 16:33 and 16:37 on the shared 2-core machine at
load 1.5-2.3 (others' work took about one core; ratios of the minima, baseline 102-106 ms):

* one process: 3.60-3.73x (4.8x at 15:45 on an idle machine). Part of that is the
  interpreter's own speed-up of the same afternoon: with today's interpreter, the checker
  as it was at 15:45 measures 4.2-4.7x and today's 3.6-4.0x (interleaved runs, load 2.2),
  so the checker's changes save about a sixth of check's time. They are: the expectations' names and table built once, a
  checked file keeps only the places of its named dimensions (not its syntax tree and text,
  so the garbage collector walks less), the heap that exists before a run set aside from
  the collector (``gc.freeze``), a JSON file parsed once (not again per variable), a
  notebook's cells parsed under one warnings filter, IPython blanking skipped for cells
  without ``%``/``!``/``?``, the encoding detection skipped for ASCII heads without a coding
  line, the place of a dimension found once, the comma-slip gate as two searches. Where the
  time goes now (one process, load ~1.5): the interpreter
  (:func:`shapekit.engine.program.analyse`) about a third, parsing a quarter (as much as
  the whole baseline), the checker's own reading, verdicts and bookkeeping the rest, spread
  over many small steps (reading the files alone is about 5 %).
* default, 2 workers: 2.63-4.87x, swinging with the load: the workers only gain when a
  core is free (at load ~1 in a quieter moment, outside this benchmark, 1 000 files took
  about 270 ms with 2 workers against 400 ms in one process). Starting the workers costs
  about 20-30 ms, sending results back about 10 ms; each worker's CPU time is 10-25 %
  above its share of the one-process run.

Again at 16:51 (final code, the interpreter as committed then, load 1.4-1.5, three runs):
default 2.67x, 3.13x, 3.10x; one process 3.86x, 4.01x (and 5.5x in a run hit by load).

Last, at 17:36 on an idle machine (load 0.2), after classes, the NameError check and the
fixes tried in the whole file (a broken file's fixes each cost one more analysis): default
2.71x, one process 3.82x (baseline 99 ms). An eager walk of every tree for the NameError
check had cost about 15 % (4.51x); it now runs only when a name is read before it is bound.

So with 2 cores the target needs the interpreter faster too: even with no checker work
at all, parsing plus the interpreter alone are about 2.4x the baseline in one process.

26 Nov 2026, 19:50, third session (load ~1, no other work running; the interpreter now
also follows try/except outcomes, loops that break, asserts, raises and some 40 more NumPy
functions): default 2.44x and 2.54x, one process 3.84x and 3.96x (two runs, baseline
97-98 ms). Two processes do not give two cores' work on this machine: two independent
``check --jobs 1`` processes started together each took 0.65 s for what one alone did in
0.40-0.48 s (and a plain CPU loop scales to 1.0-1.3x), so two workers can at best make
the one-process ratio about 1.3-1.5x smaller. A prototype where the main process checks
files alongside one forked worker (no pool, results through a pipe) measured 2.81x against
the pool's 3.02x in the same run: too little to pay for a second crash-handling path.
Where one process's time goes (py-spy, 25 runs): parsing 23-24 %, the interpreter about
40 % (no function above 5 %), the checker's reading, verdicts and positions the rest.
26 Nov 2026, fourth session: compiling with mypyc measured and rejected. A clone with the
interpreter, the checker and its readers compiled (36 modules, 3 minutes of gcc) took 16 %
less CPU time than pure Python for ``--jobs 1`` (332 ms against 398 ms, best of 5 interleaved
rounds) and moved the ratios from 2.6-2.7x to 2.35-2.4x (default) and from 4.0x to 3.4-3.5x
(one process); ``analyse()`` alone was only 1.3x faster, because a ``perf`` profile of the
compiled build has 6 % of its samples in compiled code and 64 % inside CPython (the parser,
making and reading ``ast`` nodes, dict lookups, allocation, garbage collection). mypyc also
needed five source changes and still crashed (a segfault on closing the worker pool early,
results that could not be unpickled), so the gain does not pay for the risk. What is left
is algorithmic: fewer ``ast`` walks and fewer objects per file.

End of the fourth session (23:21, three runs back to back, load 1.2-1.4 with nothing of ours
running; the baseline itself was slow, 159-182 ms against 97 ms earlier in the evening, so
the host was busy): default 2.15x, 2.21x, 2.51x; one process 2.83x, 2.48x, 3.71x. The
interpreter follows much more than in the third session (data files, einsum, r_/c_, math,
notebooks in order, certain stops). At 23:40, with the host quick again (baseline 95-97 ms,
load ~1): default 2.48x and 2.54x, one process 3.93x and 3.95x, the third session's ratios:
the slow host of 23:21 had only made the ratios look smaller.

27 Nov 2026, fifth session (the interpreter now also checks NumPy's signatures, the truth of
arrays, None from functions without return …): at 23:57 on a quiet host, before the
session's changes, default 2.57x and one process 4.02x (baseline 99 ms). Chunks of up to 128
files per worker halved the main process's CPU time but were about 15 % slower in wall time
(interleaved rounds: best 2.29x with 16, 2.71x with 128), so 16 stays. Interleaved one-process
rounds of the session's first and last code (ratios to the baseline in the same process,
4 rounds each): medians 3.76x and 3.82x, so the new checks cost about 2 %. The host swung
widely all evening (the same code measured 2.4x to 4.4x within minutes, and the baseline
96 to 171 ms); the last runs, 01:43-01:46: default 2.54x, 3.17x, 3.33x, 3.28x; one process
4.08x, 4.20x, 4.41x, 4.42x. The target is not met.

27 Nov 2026, sixth session. Tried and reverted: reading each list of numbers written out with
one regular expression (stepping over strings and comments) and ``json`` before ``ast.parse``,
parsing the code with those lists blanked out, and marking their nodes with the values (the
tree stayed exactly ``ast.parse``'s, checked on every corpus file). Python's parser spends
about two thirds of a module's parse on the numbers (120 against 52 us for a student module),
but the scan, the reads and finding each blanked node cost as much as they save (130 us in
all), so the 250 lines went; a first A/B that showed 25 % had been run while other work
loaded the machine. Kept: imports done on every call of a NumPy function (1.7 us each, ten per
module) moved to the top of their modules, about 5 %. The session's new checks (locals and
``UnboundLocalError``, decorators, text formats …) add about 1.5 % more Python calls. The host
swung again (baseline 100-182 ms); at a normal baseline (100 ms, load ~1), 04:19: default
3.02x and 2.96x, one process 4.38x and 4.51x. The target is not met.

27 Nov 2026, seventh session (the interpreter now also follows exits, iterators read once,
match, suppressing context managers, the file's own special methods, format specs, more
random draws and standard-library helpers): at 06:40 on a quiet host (baseline 95.6-97.0 ms),
three runs back to back: default 2.83x, 2.88x, 2.78x; one process 4.30x, 4.40x, 4.36x. The
new checks cost nothing measurable (the sixth session ended at 2.96-3.02x and 4.38-4.51x).
Where one process's time goes (py-spy, 10,500 samples): Python's parser 25 %, reading files
5 %, and the rest spread over some 800 Python calls per module, none above 2 %: reaching 2x
would need everything but the parse to cost less than a third of what it does. The target is
not met.

27 Nov 2026, eighth session. Kept: a finished analysis drops its host, walkers and frames
(``ProgramHost.close``), and errors kept as data drop their tracebacks
(``shapekit.errors.detached``). Before, every file left its syntax trees in reference cycles
(24,071 objects for the 1,000 files) for the garbage collector to find; now none. Interleaved
``--jobs 1`` rounds (CPU time, 6 each, 07:40): 474 ms before, 435 ms after; in-process rounds
with the collector on and off put the collector's share at about 5 % after the change (10-14 %
before). Later interleaved rounds, on a host that had become noisy, could not separate the
two. Instruction counts under valgrind (``cachegrind``, 200 of the files, a third pass less the
first, with ``OPENBLAS_NUM_THREADS=1`` and ``PYTHONHASHSEED=0``: without them OpenBLAS's idle
thread adds a varying 5-10 %) are deterministic: the baseline takes 107.0 M instructions a
pass, the seventh session's check 317.7 M (2.97x), this session's 316.7 M (2.96x) with its new
checks included. The cycles cost memory traffic and collector time, not instructions. The host
was noisy at the end of the session (the baseline 103-194 ms within minutes); at a baseline of
103-109 ms, 09:20-09:40: default 3.70x, 4.21x, 3.39x, 4.39x, 3.70x; one process 4.82x, 4.27x,
5.03x, 4.85x (with the baseline at 163-194 ms: 2.37x-2.78x and 2.94x-3.91x). The target is not
met.

27 Nov 2026, ninth session (the interpreter now also follows the file's own modules' functions
and classes, generators, NamedTuple, Enum and ABC classes, masks, partial/reduce/vectorize and
more): instruction counts (as above) 315.7 M a pass at the start, 314.7 M at the end (2.94x the
baseline's 107.0 M). The new checks were paid for by resolving a file's real path only when it
imports one of its own modules, and by looking for ``yield`` in a called function only when
the file's text has one (a first version walked every called function's body: 331 M, +5 %).
Tried and reverted: skipping JSON values with the C decoder (0.2 % fewer instructions here,
60 % slower on a 2 MB file). At 12:29 (load 0.2-0.8, baseline 103-109 ms), three runs:
default 3.31x, 3.53x, 2.88x; one process 4.32x, 4.31x, 4.34x. The target is not met.

27 Nov 2026, tenth session (a new machine; the interpreter now also stops where running
certainly stops, follows match, cache, map of builtins, NamedTuple unpacking, np.pad …, and
check asks Python's compiler about files with await/yield/global/walrus/starred targets,
looks for libraries shadowed beside a submission, and bounds f-strings and large tables).
Instructions (cachegrind, as above, but each kind's 250 files of the 1 000 in turn, a third
pass less the first): the baseline 533.3 M a pass (csv 14.6, json 15.8, py 241.5, ipynb
261.4); check 1,468 M at the start of the session (2.75x) and 1,530 M at the end (2.87x:
csv 73.2, json 71.0, py 667.7, ipynb 718.7). Two first versions cost much more and were
cut before the end: one regular expression for the compiler's words (62 M, +4 %: now a few
substring searches) and two ``stat`` calls at every import (9 M: now once per folder). On
this machine the baseline is faster (65.6-67.5 ms against 103-109 ms); at 14:48, load
0.7-0.8, three runs: default 2.99x, 3.01x, 3.02x; one process 4.32x, 4.37x, 4.55x. In one
process, of 102 ms for the 234 modules that parse: parsing 22.6 ms, the interpreter about
50 ms, the checker's own reading, fixes tried in the whole file and verdicts 29 ms: the
target needs the interpreter and the checker together to cost what parsing does, about
3.5x less than now. The target is not met.

27 Nov 2026, eleventh session. The default mode's workers are forked without a task queue or
threads in the main process (:func:`shapekit.check.workers._forked`): each takes the next chunk
from a counter they share and writes its results to a pipe of its own. The main process's CPU
time for the 1 000 files went from 46-55 ms (ProcessPoolExecutor) to 24-35 ms, on 2 cores it
shares with the workers; in interleaved runs of the session's first and last code, default
2.77-2.88x against 2.53-2.68x. Also cut: a folder listed without a ``stat`` or ``normpath``
per file, a JSON key's place not searched past the key when no later key can repeat it, a
file's named dimensions listed once, a regular file read in one read, the text report not
painted when not asked. Instructions (cachegrind, as in the tenth session, each kind's 250
files, a third pass less the first): the baseline 533.4 M a pass (csv 14.6, json 15.8, py
241.3, ipynb 261.7); the session's first code 1,530 M (2.87x: csv 73.3, json 71.0, py 666.7,
ipynb 719.0), its last 1,520 M (2.85x: csv 71.2, json 63.6, py 665.3, ipynb 720.1) with
its new checks included. At 17:14 (load 1.2, baseline 64.9-65.5 ms), three runs: default
2.80x, 2.80x, 2.74x; one process 4.40x, 4.34x, 4.35x; the session's first code in the same minutes: default 2.97x, one process 4.50x.
With two cores, halving the one-process time is the best two workers can do: 2.2x here, so
the target needs the interpreter and the checker about a third cheaper as well. The target is
not met.

27 Nov 2026, twelfth session. During a run of many files the youngest generation is collected
every 100,000 allocations instead of 700 (:data:`shapekit.check.workers.YOUNG_THRESHOLD`): a
checked file leaves no cycles, so the collector only walked what reference counting frees
anyway (in-process rounds: 283 ms with Python's default, 270 ms at 20,000, 269 ms with the
collector off). Instructions (cachegrind, as in the tenth session, all 1 000 files, a third
pass less the first): the baseline 536.2 M a pass; the session's first code 1,524.4 M, its
last 1,527.3 M (2.85x) with the session's new checks (exits where running meets them, possible
problems, handlers, NameError in calls, more NumPy functions). At 19:18 (load 1.2-1.5, baseline
64.6-65.3 ms), three runs: default 2.72x, 2.76x, 2.72x; one process 4.32x, 4.36x, 4.33x.
Interleaved with the session's first code (three rounds each, ratios to the baseline of the
same round): default 2.60-2.65x against 2.68-2.70x, one process 4.26-4.35x against 4.37-4.45x.
Two checks running side by side now take what one takes alone (275 ms each), so the two
workers use both cores; each worker's CPU time is its half of the one-process run (147-154 ms
of 292 ms), and the run adds the fork (3-4 ms), the folder's listing (4 ms) and the text
report (4-5 ms). Reaching 2x (130 ms) needs the one-process check at about 215 ms, a quarter
less than now. The target is not met.

27 Nov 2026, thirteenth session. Where one process's time goes, measured anew (timers around
each step over the 1 000 files, 271 ms in all): parsing 69 ms (the baseline's whole run is
65 ms), the interpreter 113 ms (of which trying fixes 17 ms), reading, verdicts and
bookkeeping about 85 ms; a typical correct module costs 155 us in the interpreter against
95 us to parse. Kept: a run's survivors move to the oldest generation at its end unwalked
(with the threshold back at 700 the next allocation walked every object the run kept: 4-10
ms), a report line with nothing to escape is kept as it is, and the shape of a list with text
among its numbers is worked out without NumPy. Instructions (cachegrind, as in the twelfth
session): the session's first code 1,522 M a pass, its last 1,550 M (+1.8 %) with the
session's new checks (NumPy's parameters by place, builtins given arrays, text arrays, the
working directory …). At 22:00 (load 0.5, baseline 64.5-65.5 ms), three runs: default 2.77x,
2.71x, 2.75x; one process 4.44x, 4.43x, 4.38x; with the last code, 22:36-22:38 (baseline
64.8-66.7 ms): default 2.81x, 3.25x, 2.75x, one process 4.66x, 4.42x, 4.36x (a run whose
baseline took 105 ms, the host being busy, read 1.97x: not comparable). Interleaved with the session's first code
(three rounds each): default 2.60-2.74x against 2.65-2.69x, one process 4.40-4.62x against
4.43-4.52x: no change the noise hides. The target is not met: with two cores it needs the
one-process check about a quarter cheaper, and no step of it is more than a few percent.

27-28 Nov 2026, fourteenth session (the interpreter now also follows the file's own exception
classes, exits caught in calls, property setters, a module's attributes set by the file,
context managers that suppress, iterators read in part, dict views, automagic lines, and
checks fixes further). Two of its first versions cost more and were cut: ranking every fix
by what it makes of the refused operation followed each fix twice (about 15 ms; now only
when the rest of the expression is not followed), and looking for an ``assert`` around a
problem walked the whole tree (now its own top-level statement). Instructions (cachegrind,
as in the twelfth session, all 1 000 files, a third pass less the first): the session's
first code 1,547 M a pass, its last 1,567 M (+1.3 %). At 00:52 (load 0.5, baseline
64.4-66.6 ms), two runs: default 2.83x and 2.92x, one process 4.56x and 4.52x; the
session's first code in the same minutes: default 2.74x and 2.89x, one process 4.36x and
4.32x. The target is not met.

28 Nov 2026, fifteenth session (the interpreter now also follows loops that stop on a loss,
argparse's defaults, text made of known values, np.linalg's factorisations, more random
draws and reductions, ufunc methods, np.cov, sliding windows, np.unique and np.bincount of
known values, and keeps what a loop may leave at each break and continue). Instructions
(cachegrind, as above): the session's first code 1,574 M a pass, its last 1,586 M
(+0.8 %). At 03:07 (load 1.7, baseline 63.0-64.0 ms), interleaved, three rounds of the last
code and two of the first: default 2.94x, 2.90x, 2.93x against 2.81x, 2.81x; one process
4.84x, 4.64x, 4.63x against 4.49x, 4.54x (about 3 % more). The target is not met.

28 Nov 2026, sixteenth session (the interpreter now also renames private names, works out
what a raise raises, keeps arrays that calls give back as the same array, reads notebook
cells as IPython 9 does, and claims a try body succeeds only for what cannot raise for its
values). Instructions (cachegrind, as above): the session's first code 1,592 M a pass, the
code as of 3095de0 1,608 M (+1.0 %). At 05:42-05:44 (load 0.6-1.0, baseline 63.9-65.7 ms),
interleaved, four rounds each: default 2.78x, 2.94x, 2.83x, 2.79x against the first code's
2.81x, 2.84x, 2.81x, 2.83x; one process 4.51x, 4.71x, 4.47x, 4.51x against 4.51x, 4.54x,
4.51x, 4.57x. The target is not met.

28 Nov 2026, seventeenth session (NumPy asked on stand-ins for the functions shapekit has no
rules for, and many more constructs followed). Instructions: the session's first code
(cb16017) 1,608 M a pass, the code as of 70e46db 1,629 M (+1.3 %). At 09:08 (load 1.1-1.5,
baseline 63.8-64.5 ms), interleaved, two rounds each: default 3.01x, 2.91x against the first
code's 3.01x, 2.97x; one process 4.67x, 4.76x against 4.59x, 4.60x. The target is not met.

28 Nov 2026, nineteenth session (the interpreter now also sees writes into arrays that no item
assignment shows, follows annotations, pathlib paths, sys.argv, keys of sorted/min/max and
more). Interleaved with the session's first code (f9629ee), two rounds each, 14:40 (load ~1.5,
baseline 63.9-64.1 ms): default 3.23x and 3.27x against 3.17x and 3.18x, one process 4.89x
and 4.94x against 4.63x and 4.78x. A first version cost 7 % in one process: a pattern searched
by every walker of a text (each call of a function makes one) is now searched once per text,
and the modules' reaches only when an import names a module beside the file. The target is
not met.

28 Nov 2026, twentieth session (a new machine, whose virtualenv ``./dev.sh`` built anew; the
interpreter now also follows json.loads of a file's text, islice/cycle, match mappings,
lru_cache keys, helper modules' classes and dicts, and more). Interleaved with the session's
first code (e640c39), two rounds each, 17:14 (load 0.8-1.1, baseline 62.3-62.9 ms): default
4.16x and 4.13x against 4.10x and 4.09x, one process 6.32x and 6.34x against 6.38x and 6.21x.
The session's changes cost nothing measurable; the same e640c39 measured 3.23x and 4.89x on
the nineteenth session's machine, so the ratios moved with the machine (not measured in
instructions this session). The target is not met.

29 Nov 2026, twenty-eighth session (no entry was written for sessions 21-27: their closing
notes give their interleaved in-process timings). At the end of the session, 17:05, load ~1,
baseline 62.6 ms: default 6.25x, one process 11.05x. The interpreter grew a great deal over
sessions 21-28; this session's own cost, interleaved in-process ``check_paths`` against its
first commit (a9087a9), three rounds each: 0.552 s against 0.567 s (+2.7 %). The target is
not met.

29 Nov 2026, twenty-ninth session (a new machine; load 0.9-2.4 at the end, 19:45). This
benchmark alone: baseline 96.7 ms, default 4.83x, one process 7.93x. Interleaved with the
session's first commit (0a0a38a, its own clone), two rounds each, minima: default 466 and
449 ms before, 474 and 470 ms after (about +3 %); one process 872 and 828 ms before, 784 and
894 ms after (no difference the noise lets through); ratios 4.4-5.0x and 7.3-9.5x with the
baseline at 94-107 ms. The target is not met.


Run it with::

    .venv/bin/python -m pytest tests/benchmarks/test_bench_check.py -o addopts="" -p no:cacheprovider
"""

from __future__ import annotations

import ast
import csv
import importlib
import io
import json
import os
import random

import pytest

from shapekit.check.checker import Expectations, check_paths
from shapekit.check.reports import format_text
from shapekit.check.workers import auto_jobs

FILES = 1000
#: rounds of each check (after one to warm up: imports, the interpreter's tables); the
#: shared machine's load swings, and the minimum is what is compared
ROUNDS = 10
KINDS = ("py", "ipynb", "json", "csv")


def _rows(rng: random.Random, n_rows: int, n_cols: int) -> list[list[float]]:
    return [[round(rng.uniform(-1, 1), 2) for _ in range(n_cols)] for _ in range(n_rows)]


def _layer(rng: random.Random, broken: bool, flaw: int) -> tuple[str, bool]:
    """A layer module: inputs, weights, biases and the forward pass (the chapter's exercise)."""
    inputs, weights = _rows(rng, 3, 4), _rows(rng, 3, 4)
    if broken and flaw == 0:
        inputs[rng.randrange(3)].pop()  # ragged
    elif broken and flaw == 1:
        inputs[rng.randrange(3)][1] = "0.5"  # a string, not a number
    dot = (
        "np.dot(inputs, weights)" if broken and flaw == 3 else "np.dot(inputs, np.array(weights).T)"
    )
    body = ",\n".join("    " + json.dumps(r) for r in inputs)
    text = (
        "import numpy as np\n\n"
        f"inputs = np.array([\n{body},\n])\n"
        f"weights = {json.dumps(weights)}\n"
        f"biases = {json.dumps([round(rng.uniform(-1, 1), 2) for _ in range(3)])}\n\n"
        "def forward(x):\n"
        f"    return {dot.replace('inputs', 'x')} + biases\n\n"
        "outputs = forward(inputs)\n"
    )
    if broken and flaw == 2:
        text = text.replace("])\n", ")\n", 1)  # a syntax error
    return text, broken


def _student(rng: random.Random, index: int) -> tuple[str, str, bool]:
    """One student file: (name, text, is_broken); a quarter are broken in some way."""
    broken = index % 4 == 0
    # broken files cycle through every kind, and each kind through every flaw
    kind = KINDS[(index + index // 4) % len(KINDS)]
    flaw = (index // 16) % 4
    if kind in ("py", "ipynb"):
        text, _ = _layer(rng, broken, flaw)
        if kind == "ipynb":
            cells = [{"cell_type": "code", "source": part} for part in text.split("\n\n")]
            text = json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5, "metadata": {}})
        return f"s{index:04d}.{kind}", text, broken
    rows = _rows(rng, 3, 4)
    if broken and flaw in (0, 3):
        rows[rng.randrange(3)].pop()
    elif broken and flaw == 1:
        rows[rng.randrange(3)][1] = "x"
    if kind == "json":
        text = json.dumps({"inputs": rows})
        if broken and flaw == 2:
            text = text.rstrip("}")  # unclosed
        return f"s{index:04d}.json", text, broken
    folder = f"s{index:04d}"
    text = "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"
    if broken and flaw == 2:
        text = text.replace(",", ";", 1)  # a stray separator: one row short of a cell
    return f"{folder}/inputs.csv", text, broken


@pytest.fixture(scope="module")
def students(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], int]:
    # The interpreter imports NumPy for a list with a string among its numbers (a quarter of
    # the broken files). The one-process rounds keep it from their first round on; importing
    # it here lets the workers, forked anew in every round, start with it too, so both
    # measure a run's own work (a one-off CLI run pays the import once, in either mode).
    importlib.import_module("numpy")
    root = tmp_path_factory.mktemp("class")
    rng = random.Random(2024)
    broken = 0
    for index in range(FILES):
        name, text, is_broken = _student(rng, index)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
        broken += is_broken
    files = sorted(
        os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names
    )
    return str(root), files, broken


def _baseline(files: list[str]) -> int:
    """Only parse: json.loads, ast.parse (each notebook cell), csv.reader; count what parsed."""
    parsed = 0
    for path in files:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        try:
            if path.endswith(".json"):
                json.loads(text)
            elif path.endswith(".ipynb"):
                for cell in json.loads(text)["cells"]:
                    ast.parse(cell["source"])
            elif path.endswith(".csv"):
                list(csv.reader(io.StringIO(text)))
            else:
                ast.parse(text)
        except (ValueError, SyntaxError):
            continue
        parsed += 1
    return parsed


@pytest.mark.benchmark(group="check-1000-files")
def test_baseline_parse_only(benchmark, students):
    _root, files, broken = students
    parsed = benchmark(_baseline, files)
    assert FILES - broken < parsed < FILES


def _check(root: str, jobs: int) -> tuple[list, str]:
    results = check_paths([root], Expectations.parse(["inputs=batch,4"]), jobs=jobs)
    return results, format_text(results)


def _verify(results: list, report: str, broken: int) -> None:
    assert len(results) == FILES
    assert sum(r.status == "failed" for r in results) == broken
    assert report.endswith(f"{FILES - broken} passed, {broken} failed")


@pytest.mark.benchmark(group="check-1000-files")
def test_shapekit_check(benchmark, students):
    """What ``shapekit check`` does by default: as many worker processes as usable cores."""
    root, _files, broken = students
    jobs = auto_jobs(FILES)  # the CLI's default for this many files
    benchmark.extra_info["jobs"] = jobs
    _verify(*benchmark.pedantic(_check, (root, jobs), rounds=ROUNDS, warmup_rounds=1), broken)


@pytest.mark.benchmark(group="check-1000-files")
def test_shapekit_check_one_process(benchmark, students):
    """``shapekit check --jobs 1``: the same work in one process."""
    root, _files, broken = students
    benchmark.extra_info["jobs"] = 1
    _verify(*benchmark.pedantic(_check, (root, 1), rounds=ROUNDS, warmup_rounds=1), broken)
