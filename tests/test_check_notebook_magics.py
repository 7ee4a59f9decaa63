"""IPython's timing magics in a checked notebook: the names they leave are the names running
the notebook in IPython leaves (fresh15 findings N1 and N2).

Each case was run in IPython's own ``InteractiveShell`` (9.18): cell by cell, stopping at the
first error, then reading the shapes of the names. :func:`test_ipython_agrees` runs them again
wherever IPython is installed, so the table below is the oracle, not a guess.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest

from shapekit.check.checker import check_file
from shapekit.check.expect import Expectations

SETUP = "import numpy as np\nX = np.ones((6, 4))\nW = np.ones((4, 5))"

#: name: (cells, {name: shape after running, or None when the name is not there},
#: the cell where running stops with an error, or None)
CASES: dict[str, tuple[list[str], dict[str, tuple[int, ...] | None], int | None]] = {
    # %time runs its statement in the notebook's namespace
    # IPython takes the indentation of a cell's first line off every line (and drops the
    # blank lines before it)
    "indented_cell": (
        [SETUP, "    hidden = X @ W\n    if hidden.size:\n        out = hidden.T\n"],
        {"hidden": (6, 5), "out": (5, 6)},
        None,
    ),
    "indented_after_blank_lines": (
        [SETUP, "\n  \n\thidden = X @ W\n\tbad = hidden @ W\n"],
        {"hidden": (6, 5), "bad": None},
        2,
    ),
    # magics that bind no name keep a misspelt name Python's NameError
    "magics_that_bind_nothing": (
        [
            "%precision 3\n%load_ext autoreload\n%autoreload 2",
            SETUP,
            "hidden = X @ W",
            "out = hiden + 1",
        ],
        {"hidden": (6, 5), "out": None},
        4,
    ),
    "time_line_assigns": (
        [SETUP, "%time hidden = X @ W", "probs = hidden @ np.ones((5, 3))"],
        {"hidden": (6, 5), "probs": (6, 3)},
        None,
    ),
    "time_line_two_statements": (
        [SETUP, "%time a = np.ones(2); b = np.ones(3)"],
        {"a": (2,), "b": (3,)},
        None,
    ),
    "time_line_value_assigned": ([SETUP, "out = %time X @ W"], {"out": (6, 5)}, None),
    "time_line_compound": (
        [SETUP, "%time for i in range(3): acc = np.ones(i + 1)"],
        {"acc": (3,)},
        None,
    ),
    "time_line_in_a_loop": (
        [SETUP, "for j in range(2):\n    %time z = np.ones(j + 2)"],
        {"z": (3,)},
        None,
    ),
    "time_line_error_stops": (
        [SETUP, "%time X @ np.ones((3, 5))\nafter = np.ones(2)"],
        {"after": None},
        2,
    ),
    "prun_line_assigns": (
        [SETUP, "%prun -q -l 3 hidden = X @ W", "probs = hidden @ np.ones((5, 3))"],
        {"hidden": (6, 5), "probs": (6, 3)},
        None,
    ),
    # a notebook whose only IPython syntax binds nothing unseen still runs in order: a name
    # read in a cell before the cell that assigns it is Python's NameError
    "time_line_then_name_read_too_early": (
        [SETUP, "%time a = X @ W", "b = c * 2", "c = np.ones(3)"],
        {"a": (6, 5), "b": None, "c": None},
        3,
    ),
    "timeit_cell_then_name_read_too_early": (
        [SETUP, "%%timeit -n1 -r1\nX @ W", "b = c * 2", "c = np.ones(3)"],
        {"b": None, "c": None},
        3,
    ),
    # inside a def, %time assigns to a copy of the function's locals: `return q` fails
    "time_line_in_a_def": (
        [SETUP, "def f():\n    %time q = np.ones(5)\n    return q\nres = f()"],
        {"res": None},
        2,
    ),
    # %timeit runs its statement in a function of its own: nothing it assigns persists
    "timeit_line_assignment_local": (
        [SETUP, "%timeit -n1 -r1 t = X @ W", "u = t"],
        {"t": None, "u": None},
        3,
    ),
    "timeit_line_error_stops": (
        [SETUP, "%timeit -n1 -r1 X @ np.ones((3, 5))\nafter = np.ones(2)"],
        {"after": None},
        2,
    ),
    "timeit_line_fine": (
        [SETUP, "%timeit -n 1 -r 1 -q np.dot(X, W)\nafter = X @ W"],
        {"after": (6, 5)},
        None,
    ),
    # what a timed statement or cell changes, it changes as many times as it runs: -n times
    # in each of -r repeats (7 unless told), the set-up once in each (hostile31 CR44b)
    "timeit_cell_appends_n_times_r": (
        [SETUP, "L = []", "%%timeit -n 4 -r 2\nL.append(0)", "out = np.array(L)"],
        {"out": (8,)},
        None,
    ),
    "timeit_cell_setup_runs_each_repeat": (
        [SETUP, "L = []", "%%timeit -n 2 -r 3 L.append(1)\nL.append(0)", "out = np.array(L)"],
        {"out": (9,)},
        None,
    ),
    "timeit_cell_default_repeat": (
        [SETUP, "L = []", "%%timeit -n 2\nL.append(0)\nL.append(1)", "out = np.array(L)"],
        {"out": (28,)},
        None,
    ),
    "timeit_cell_calls_a_function_that_appends": (
        [
            SETUP,
            "L = []\ndef step():\n    L.append(1)",
            "%%timeit -n 3 -r 1\nstep()",
            "out = np.array(L)",
        ],
        {"out": (3,)},
        None,
    ),
    "timeit_line_calls_a_function_that_appends": (
        [
            SETUP,
            "L = []\ndef step():\n    L.append(1)",
            "%timeit -n 3 -r 2 step()",
            "out = np.array(L)",
        ],
        {"out": (6,)},
        None,
    ),
    "timeit_cell_counter_then_shape": (
        [SETUP, "n = [0]", "%%timeit -n 5 -r 1\nn[0] += 1", "out = np.zeros((n[0], 2))"],
        {"out": (5, 2)},
        None,
    ),
    # %%timeit: the body's assignments stay in timeit's function (N2)
    "timeit_cell_assignments_local": (
        [SETUP, "%%timeit -n1 -r1\nhidden = X @ W", "probs = hidden @ np.ones((5, 3))"],
        {"hidden": None, "probs": None},
        3,
    ),
    # the body of a %%timeit cell runs (in a function of timeit's): its error stops there
    "timeit_cell_body_fails": (
        [SETUP, "%%timeit -n1 -r1\nout = X @ W.T", "after = X @ W"],
        {"out": None, "after": None},
        2,
    ),
    "timeit_cell_body_reads_the_notebook": (
        [SETUP, "%%timeit -n1 -r1\nout = X @ W\nout.sum()", "after = X @ W"],
        {"after": (6, 5)},
        None,
    ),
    "timeit_cell_setup_local": (
        [SETUP, "%%timeit -n1 -r1 s = np.ones(3)\nh = s * 2", "k = s"],
        {"s": None, "h": None, "k": None},
        3,
    ),
    "timeit_cell_error_stops": (
        [SETUP, "%%timeit -n1 -r1\nX @ np.ones((3, 5))", "after = np.ones(2)"],
        {"after": None},
        2,
    ),
    # review25 F26: timeit runs its statement at least once, whatever it chooses after
    "timeit_line_calls_a_function_that_fails": (
        [SETUP, "def forward(x):\n    return np.dot(x, X)", "%timeit forward(X)", "after = 1"],
        {"after": None},
        3,
    ),
    # review25 F21: a set-up that is a compound statement
    "timeit_cell_compound_setup": (
        [
            SETUP,
            "batches = []",
            "%%timeit -n 1 -r 1 for _ in range(3): batches.append(np.ones((2, 4)))\n"
            "np.dot(batches[0], W)",
            "out = np.concatenate(batches)",
        ],
        {"out": (6, 4)},
        None,
    ),
    # fresh36 UNK06: IPython keeps the value a cell shows in `_` (and the one before in `__`)
    "underscore_last_output": (
        [SETUP, "X @ W", "h = _", "final = h * 2"],
        {"h": (6, 5), "final": (6, 5)},
        None,
    ),
    "underscore_output_before": ([SETUP, "X @ W", "X", "h = __"], {"h": (6, 5)}, None),
    # a notebook that binds `_` itself: IPython no longer puts what a cell shows there
    "underscore_bound_by_the_notebook": (
        [SETUP, "for _ in range(3):\n    pass", "X @ W", "h = np.zeros(_)"],
        {"h": (2,)},
        None,
    ),
    # the display hook stops putting values there only once the notebook binds one (review26
    # F11); before that, `_` is IPython's
    "underscore_bound_after_outputs": (
        [SETUP, "X.T", "_ = np.zeros(5)", "X", "h = _"],
        {"h": (5,)},
        None,
    ),
    "underscore_read_before_the_notebook_binds_it": (
        [SETUP, "X.T", "h = _", "_ = np.zeros(5)", "X", "g = _"],
        {"h": (4, 6), "g": (5,)},
        None,
    ),
    # an array shown, then changed in place, is still what `_` holds: the hook goes on
    # (review27 F8)
    "underscore_shown_then_changed_in_place": (
        [
            SETUP,
            "x = np.zeros(3)",
            "x",
            "x += 1",
            "np.ones(5)",
            "h = _",
            "for _ in range(2):\n    pass",
        ],
        {"h": (5,)},
        None,
    ),
    "underscore_shown_then_reshaped_in_place": (
        [SETUP, "x = np.zeros(3)", "x", "x.shape = (3, 1)", "np.ones(5)", "h = _", "_ = 1"],
        {"h": (5,)},
        None,
    ),
    "double_underscore_bound_later": (
        [SETUP, "X.T", "X @ W", "h = __", "__ = 1", "W", "g = _"],
        {"h": (4, 6), "g": (6, 5)},
        None,
    ),
    # IPython reads its syntax only where a logical line starts: a line beginning with % or !
    # inside a string, a bracket or a backslash's continuation is Python's (hostile34 CR80)
    "magic_text_inside_a_string": (
        [SETUP, 'doc = """\n%matplotlib inline\n!echo hi\n"""\nh = np.zeros(len(doc.split()))'],
        {"h": (4,)},
        None,
    ),
    "modulo_starting_a_line_in_brackets": (
        [SETUP, "n = (7\n% 4)\nvals = [\n    10\n    % 4,\n    3,\n]\nh = np.zeros(n + len(vals))"],
        {"h": (5,)},
        None,
    ),
    "modulo_after_a_backslash": ([SETUP, "n = 5 \\\n    % 3\nh = np.zeros(n)"], {"h": (2,)}, None),
    "magic_after_a_closed_bracket": (
        [SETUP, "n = (7\n% 4)\n%time h = np.zeros(n)"],
        {"h": (3,)},
        None,
    ),
    # a line ending in name? shows that name's help: the whole line, which assigns nothing
    # (hostile34 CR85)
    "help_after_an_assignment": (
        [SETUP, "h = X @ W\ny = X?\ng = np.zeros(3)", "z = np.ones(2)\nz = W??"],
        {"h": (6, 5), "g": (3,), "z": (2,)},
        None,
    ),
    "help_after_a_statement_on_its_line": (
        [SETUP, "b = np.zeros(1)", "b = np.zeros(2); X?"],
        {"b": (1,)},
        None,
    ),
    "timeit_cell_fine": (
        [SETUP, "%%timeit -n1 -r1\nX @ W", "after = X @ W"],
        {"after": (6, 5)},
        None,
    ),
    # a shell line or a help request as the body of a block is a statement of its own
    # (hostile21's CR02 and CR03: a syntax error, "expected an indented block")
    "shell_line_in_a_loop": (
        [SETUP, "for i in range(2):\n    !echo hi\nafter = X @ W"],
        {"after": (6, 5)},
        None,
    ),
    "help_line_in_a_block": (
        [SETUP, "if X.size:\n    np.dot?\nafter = X @ W"],
        {"after": (6, 5)},
        None,
    ),
    "shell_line_in_a_def": (
        [SETUP, "def setup():\n    !echo hi\nsetup()\nafter = X @ W"],
        {"after": (6, 5)},
        None,
    ),
    # %%time and %%capture run the body in the notebook's namespace
    "time_cell_assigns": ([SETUP, "%%time\nh = X @ W"], {"h": (6, 5)}, None),
    "capture_cell_assigns": ([SETUP, "%%capture\nh = X @ W\nprint(h)"], {"h": (6, 5)}, None),
    # %%capture runs its cell to the first error, which does not stop the notebook
    # (hostile23 CR13)
    "capture_cell_error_swallowed": (
        [SETUP, "%%capture\nh = X @ W\nbad = X @ X\nafter = 1", "out = h.T"],
        {"h": (6, 5), "out": (5, 6)},
        None,
    ),
    "capture_out_cell_name_error": (
        [SETUP, "%%capture out\nz = X @ W\nundefined_name\nw2 = z", "k = z.T"],
        {"z": (6, 5), "k": (5, 6)},
        None,
    ),
    "capture_cell_exit_swallowed": (  # (hostile24 CR75)
        [SETUP, "%%capture\nimport sys\nh = X @ W\nsys.exit(3)\nafter = 1", "out = h.T"],
        {"h": (6, 5), "out": (5, 6)},
        None,
    ),
    "capture_out_cell_name_read_later": (  # the name its failed line never bound
        [SETUP, "%%capture out\nrelu = X @ X", "r = relu.T"],
        {"r": None},
        3,
    ),
    "capture_out_cell_output_read_later": (
        [SETUP, "%%capture out\nh = X @ W\nprint(h)", "text = out.stdout\nk = h.T"],
        {"k": (5, 6)},
        None,
    ),
    "capture_cell_then_error_outside": (
        [SETUP, "%%capture\nh = X @ W", "bad = h @ h"],
        {"h": (6, 5), "bad": None},
        3,
    ),
    # a cell pasted from a console: IPython takes its prompts off (hostile24 CR12, CR13)
    "doctest_prompts": (
        [">>> import numpy as np\n>>> X = np.ones((6, 4))\n>>> h = X @ np.ones(\n...     (4, 5))"],
        {"h": (6, 5)},
        None,
    ),
    "doctest_prompts_wrong": (
        [">>> import numpy as np\n>>> X = np.ones((6, 4))\n>>> h = X @ np.ones((5, 4))"],
        {"h": None},
        1,
    ),
    "ipython_prompts": (
        [SETUP, "In [3]: h = X @ W\n   ...: out = h.T"],
        {"h": (6, 5), "out": (5, 6)},
        None,
    ),
    "ellipsis_without_a_doctest_prompt_is_python": (  # X @ ...: NumPy's TypeError
        [SETUP, "h = (X @\n...  W)"],
        {"h": None},
        2,
    ),
    # a line magic continued with a backslash takes the next line (hostile24 CR11)
    "magic_line_continued": (
        [SETUP, "%time h = \\\n  X @ W", "out = h.T"],
        {"h": (6, 5), "out": (5, 6)},
        None,
    ),
    # IPython's escaped calls (hostile24 CR14): /f a is f(a)
    "escaped_call": (
        [SETUP, "def make(n):\n    global h\n    h = np.ones((int(n), 2))", "/make 3", "out = h"],
        {"out": (3, 2)},
        None,
    ),
    "escaped_call_after_a_shell_line": (  # (review16 CR39, CR40)
        [
            SETUP,
            "def make(n):\n    global h\n    h = np.ones((int(n), 2))",
            "!echo '" + "''\n/make 3",
            "out = h",
        ],
        {"out": (3, 2)},
        None,
    ),
    "escaped_call_after_a_shell_bracket": (
        [
            SETUP,
            "def make(n):\n    global h\n    h = np.ones((int(n), 2))",
            "!echo (\n/make 3",
            "out = h",
        ],
        {"out": (3, 2)},
        None,
    ),
    # a cell magic is one only on the cell's first line (after blank lines); elsewhere IPython
    # runs it as a line magic it does not have (hostile33 WP50)
    "cell_magic_after_a_comment": (
        [SETUP, "# time it\n%%time\nhidden = X @ W", "out = hidden.T"],
        {"hidden": None, "out": None},
        2,
    ),
    "cell_magic_after_a_statement": (
        [SETUP, "a = X.T\n%%time\nhidden = X @ W"],
        {"a": (4, 6), "hidden": None},
        2,
    ),
    "cell_magic_in_a_try": (
        [SETUP, "try:\n    %%time\nexcept Exception:\n    pass\nhidden = X @ W"],
        {"hidden": (6, 5)},
        None,
    ),
    "cell_magic_after_blank_lines": (
        [SETUP, "\n  \n%%time\nhidden = X @ W"],
        {"hidden": (6, 5)},
        None,
    ),
    "shell_cell_magic_after_blank_lines": (
        [SETUP, "\n\n%%bash\necho hi\nls", "hidden = X @ W"],
        {"hidden": (6, 5)},
        None,
    ),
    "indented_cell_magic": (
        [SETUP, "  %%time\n  hidden = X @ W"],
        {"hidden": (6, 5)},
        None,
    ),
    "slash_continuing_a_bracket_is_python": (
        [SETUP, "h = (X @ W\n/2)"],
        {"h": (6, 5)},
        None,
    ),
}


@pytest.fixture(autouse=True)
def _interpreter_state_restored() -> Any:
    """IPython's shell takes over ``__main__``, the display and exception hooks and some
    builtins of this process; they are given back after each test, or tests run later that
    start processes with ``spawn`` (the gallery's build) fail for want of ``__main__.__spec__``."""
    import builtins
    import sys

    main, hooks = sys.modules.get("__main__"), (sys.displayhook, sys.excepthook)
    names = set(vars(builtins))
    yield
    if main is not None:
        sys.modules["__main__"] = main
    sys.displayhook, sys.excepthook = hooks
    for name in set(vars(builtins)) - names:
        delattr(builtins, name)
    if "IPython" in sys.modules:
        from IPython.core.interactiveshell import InteractiveShell

        if InteractiveShell.initialized():
            InteractiveShell.clear_instance()


def _notebook(tmp_path: Path, cells: list[str]) -> str:
    path = tmp_path / "nb.ipynb"
    nb = {"cells": [{"cell_type": "code", "source": cell} for cell in cells]}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case", sorted(CASES))
def test_ipython_agrees(case: str) -> None:
    """The table is what IPython itself does (where IPython is installed)."""
    pytest.importorskip("IPython")
    import numpy as np
    from IPython.core.interactiveshell import InteractiveShell

    cells, names, stops = CASES[case]
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    stopped = None
    for number, cell in enumerate(cells, start=1):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            outcome = shell.run_cell(cell)
        if outcome.error_before_exec is not None or outcome.error_in_exec is not None:
            stopped = number
            break
    assert stopped == stops
    found: dict[str, Any] = {
        name: tuple(np.shape(shell.user_ns[name])) if name in shell.user_ns else None
        for name in names
    }
    assert found == names


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_says_what_running_says(tmp_path: Path, case: str) -> None:
    cells, names, stops = CASES[case]
    expectations = Expectations(tuple((name, None) for name in names))
    result = check_file(_notebook(tmp_path, cells), expectations)
    assert result.internal_error is None
    verdicts = {v.name: v for v in result.variables}
    for name, shape in names.items():
        verdict = verdicts[name]
        if shape is None:  # running leaves no such name: never judged ok
            assert verdict.status != "ok", (name, verdict)
        else:
            assert (verdict.status, verdict.shape) == ("ok", shape), (name, verdict)
    assert result.ok == (stops is None)
    if stops is not None and case not in NEVER_ASSIGNED:  # running raises: a failure
        assert result.status == "failed", result


@pytest.mark.parametrize(
    "cells",
    (
        # without -n, timeit chooses how often: what the body changes is not known
        [SETUP, "L = []", "%%timeit\nL.append(0)", "out = np.array(L)"],
        [SETUP, "L = []", "%%timeit -r 1\nL.append(0)", "out = np.array(L)"],
        [SETUP, "L = []", "%timeit L.append(0)", "out = np.array(L)"],
        [SETUP, "L = []\ndef step():\n    L.append(1)", "%timeit -r 1 step()", "out = np.array(L)"],
        # %rerun runs earlier input again, %run -i a script in the notebook's namespace,
        # %run one whose names replace the notebook's
        [SETUP, "L = []", "L.append(0)", "%rerun -l 1", "out = np.array(L)"],
        [SETUP, "L = []", "%run -i step.py", "out = np.array(L)"],
        [SETUP, "L = [1]", "%run step.py", "out = np.array(L)"],
        # code IPython runs in the notebook's namespace (hostile32 CR57)
        [SETUP, "L = []", "get_ipython().run_cell('L.append(2)')", "out = np.array(L)"],
        [SETUP, "L = []", "ip = get_ipython()\nip.run_cell('L = [1, 2, 3]')", "out = np.array(L)"],
        # a cell holding just a macro's name runs it again (hostile32 CR57b)
        [SETUP, "L = []", "L.append(0)", "%macro m 3", "m", "out = np.array(L)"],
    ),
)
def test_code_run_a_number_of_times_not_known_leaves_what_it_changes_unknown(
    tmp_path: Path, cells: list[str]
) -> None:
    """hostile31 CR44b: the list the timed code or the rerun cells append to holds more
    items than reading each cell once gives (IPython's nbclient run gave (2,) and more); it
    is never judged with the shape of one run."""
    (tmp_path / "step.py").write_text("L = [0, 0, 0]\n")
    result = check_file(_notebook(tmp_path, cells), Expectations((("out", None),)))
    assert [v.status for v in result.variables] == ["unknown"], result.variables
    assert [p for p in result.problems if p.certain] == []


#: cases whose NameError is about a name no statement of the notebook assigns: the engine
#: leaves such a name unknown (as in a module), so the file is unknown, not passed
NEVER_ASSIGNED = frozenset({"time_line_in_a_def"})


def test_time_line_keeps_the_statement_columns(tmp_path: Path) -> None:
    """The timed statement is read where it stands in the cell: its verdict points there."""
    cells = [SETUP, "%time hidden = X @ W"]
    result = check_file(_notebook(tmp_path, cells), Expectations((("hidden", (None)),)))
    (hidden,) = result.variables
    assert (hidden.status, hidden.cell, hidden.line, hidden.column) == ("ok", 2, 1, 16)
    assert cells[1][hidden.column - 1 :].startswith("X @ W")


def test_timeit_cell_error_is_reported_in_the_cell(tmp_path: Path) -> None:
    cells = [SETUP, "%%timeit -n1 -r1\nX @ np.ones((3, 5))", "after = np.ones(2)"]
    result = check_file(_notebook(tmp_path, cells), Expectations((("after", None),)))
    assert [(p.cell, p.line) for p in result.problems][:1] == [(2, 2)]


def test_timeit_cell_names_are_missing_not_judged(tmp_path: Path) -> None:
    cells = [SETUP, "%%timeit -n1 -r1\nhidden = X @ W"]
    result = check_file(_notebook(tmp_path, cells), Expectations((("hidden", None),)))
    assert [v.status for v in result.variables] == ["missing"]


def test_writefile_cell_is_the_file_a_later_cell_reads(tmp_path: Path) -> None:
    """``%%writefile batch.csv`` writes the file the next cell reads: running reads the two
    rows the cell wrote, not the (5, 3) copy an older run left on disk."""
    import numpy as np

    np.savetxt(tmp_path / "batch.csv", np.ones((5, 3)), delimiter=",")  # the stale copy
    cells = [
        "import numpy as np",
        "%%writefile batch.csv\n1,2\n3,4",
        'x = np.loadtxt("batch.csv", delimiter=",")\nok = np.ones(2)',
    ]
    path = _notebook(tmp_path, cells)
    result = check_file(path, Expectations((("x", (None)), ("ok", None))))
    x, ok = result.variables
    assert x.status == "unknown", x
    assert "writes (opened for writing at line 1 of cell 2)" in x.message, x.message
    assert (ok.status, ok.shape) == ("ok", (2,))
    assert result.problems == []


def test_ipython_writefile_writes_the_file_read_later(tmp_path: Path) -> None:
    """The oracle of the test above, where IPython is installed."""
    pytest.importorskip("IPython")
    import os

    import numpy as np
    from IPython.core.interactiveshell import InteractiveShell

    np.savetxt(tmp_path / "batch.csv", np.ones((5, 3)), delimiter=",")
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        for cell in ("import numpy as np", "%%writefile batch.csv\n1,2\n3,4",
                     'x = np.loadtxt("batch.csv", delimiter=",")'):  # fmt: skip
            with contextlib.redirect_stdout(io.StringIO()):
                assert shell.run_cell(cell).success
    finally:
        os.chdir(here)
    assert np.shape(shell.user_ns["x"]) == (2, 2)


@pytest.mark.parametrize("deep", ["-" * 100_000 + "1", "a." * 100_000 + "b"])
@pytest.mark.parametrize("cell", ["%time y = {}", "y = %time {}", "%%timeit\n{}", "%timeit {}"])
def test_timed_code_too_deep_for_python_is_not_an_internal_error(
    tmp_path: Path, deep: str, cell: str
) -> None:
    result = check_file(_notebook(tmp_path, [cell.format(deep)]), Expectations((("y", None),)))
    assert result.internal_error is None
    assert not result.ok


@pytest.mark.parametrize("magic", ["%run helper.py", "inputs = !echo", "%run -i helper.py"])
def test_a_name_ipython_syntax_may_make_is_unknown_not_missing(tmp_path: Path, magic: str):
    """fresh23's NB02: ``%run helper.py`` defines ``inputs`` in Jupyter; shapekit said the
    name was missing and failed a notebook that runs (the docs promise unknown)."""
    (tmp_path / "helper.py").write_text("import numpy as np\ninputs = np.ones((2, 4))\n")
    path = _notebook(tmp_path, ["import numpy as np\n" + magic, "outputs = inputs * 2"])
    result = check_file(path, Expectations.parse(["inputs=2,4"]))
    assert [(v.name, v.status) for v in result.variables] == [("inputs", "unknown")]
    assert result.status == "unknown"


@pytest.mark.parametrize(
    "cell",
    ["%time out = X @ W.T", "%timeit X @ W.T", "for i in range(1):\n    %time out = X @ W.T"],
)
def test_the_excerpt_shows_the_line_as_written(tmp_path: Path, cell: str) -> None:
    """fresh23's MSG01: the source line under a problem on a magic's line was shapekit's own
    reading of it (``pass   ;inputs @ weights``), not the student's ``%timeit`` line."""
    result = check_file(_notebook(tmp_path, [SETUP, cell]), Expectations.parse(["X=6,4"]))
    (problem,) = result.problems
    written = cell.splitlines()[problem.line - 1]
    assert problem.excerpt == written
    assert written[problem.column - 1 :].startswith("X @ W.T")


@pytest.mark.parametrize(
    "cell",
    [">>> out = X @ W.T", "In [3]: out = X @ W.T", ">>> a = 1\n... out = X @ W.T",
     "In [3]: a = 1\n   ...: out = X @ W.T", "    >>> out = X @ W.T",
     ">>> for i in range(1):\n...     out = X @ W.T", "out = X @ W.T"],
)  # fmt: skip
def test_the_column_counts_in_the_line_as_written(tmp_path: Path, cell: str) -> None:
    """fresh26's MSG04: in a cell pasted from a console, the column of a problem counted
    from the line without its prompt, while the excerpt shows the prompt."""
    result = check_file(_notebook(tmp_path, [SETUP, cell]), Expectations.parse(["X=6,4"]))
    (problem,) = result.problems
    written = cell.splitlines()[problem.line - 1]
    assert problem.excerpt == written
    assert written[problem.column - 1 :].startswith("X @ W.T")


@pytest.mark.parametrize("cell", ["print(ouput.shape)", "z = ouput + 1", "ouptut"])
def test_a_name_a_notebook_never_assigns_is_a_name_error(tmp_path: Path, cell: str) -> None:
    """fresh27 WP11: from a fresh kernel, as graders run a notebook, a name none of its
    cells assigns is Python's NameError (the file passed)."""
    cells = [SETUP, "out = X @ W", cell]
    result = check_file(_notebook(tmp_path, cells), Expectations.parse(["out=6,5"]))
    assert result.status == "failed"
    (problem,) = result.problems
    assert (problem.cell, problem.line) == (3, 1) and "NameError" in problem.message


#: a notebook that writes its module (%%writefile) and imports it; a stale copy is on disk
_MODULE_CELLS = (
    "import numpy as np",
    "%%writefile layers.py\nN = 4",
    "from layers import N\nx = np.ones((2, N)) @ np.ones((4, 3))",
)


def test_a_module_the_notebook_writes_is_not_its_stale_copy(tmp_path: Path) -> None:
    """hostile26 CR20: ``layers.py`` on disk says N = 2; the cell that writes it says 4, and
    running imports what it wrote: no problem, x not judged."""
    (tmp_path / "layers.py").write_text("N = 2\n")
    result = check_file(_notebook(tmp_path, list(_MODULE_CELLS)), Expectations((("x", None),)))
    (x,) = result.variables
    assert result.problems == []
    assert x.status == "unknown", x


def test_ipython_imports_the_module_the_notebook_wrote(tmp_path: Path) -> None:
    """The oracle of the test above, where IPython is installed."""
    pytest.importorskip("IPython")
    import os
    import sys

    from IPython.core.interactiveshell import InteractiveShell

    (tmp_path / "layers.py").write_text("N = 2\n")
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    here = os.getcwd()
    os.chdir(tmp_path)
    sys.path.insert(0, str(tmp_path))
    try:
        for cell in _MODULE_CELLS:
            with contextlib.redirect_stdout(io.StringIO()):
                assert shell.run_cell(cell).success
    finally:
        os.chdir(here)
        sys.path.remove(str(tmp_path))
        sys.modules.pop("layers", None)
    assert shell.user_ns["x"].shape == (2, 3)


def test_a_list_handed_to_a_call_beside_a_writefile_cell_is_no_internal_error(
    tmp_path: Path,
) -> None:
    """A list given to a call shapekit does not follow is looked for in the modules the
    notebook imports, among which a file a ``%%writefile`` cell writes is only a reason
    (hostile27 CRASH03: an AttributeError of shapekit's)."""
    cells = [
        "import numpy as np\nimport subprocess\nsubprocess.run(['true'])\nX = np.ones((2, 4))",
        "%%writefile notes.txt\nsome notes\n",
        "Y = X.T",
    ]
    result = check_file(_notebook(tmp_path, cells), Expectations.parse(["Y=4,2"]))
    assert result.internal_error is None
    assert [(v.name, v.status) for v in result.variables] == [("Y", "ok")]


def test_a_writefile_cell_is_not_the_notebook_s_one_value(tmp_path: Path) -> None:
    """fresh35 CR01: checked without names, a notebook whose first cell is ``%%writefile``
    is judged by its array, not by the file the cell writes."""
    from click.testing import CliRunner
    from shapekit_cli.main import main

    cells = [
        "%%writefile layers.py\nimport numpy as np\n",
        "import numpy as np\nout = np.ones((2, 3))",
    ]
    result = CliRunner().invoke(main, ["check", _notebook(tmp_path, cells), "--format", "json"])
    report = json.loads(result.stdout)
    variables = report["results"][0]["variables"]
    assert [(v["name"], v["status"], v["shape"]) for v in variables] == [("out", "ok", [2, 3])]
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("cells", "expected", "fails"),
    (
        ([SETUP, "out = np.zeros(2)\nquit()\nout = np.zeros((3, 4))"], (3, 4), False),
        ([SETUP, "out = np.zeros(2)\nexit()\nbad = np.zeros(2) @ np.zeros(3)"], (2,), True),
        ([SETUP, "def stop():\n    exit()\nstop()\nout = np.zeros(6)"], (6,), False),
    ),
)
def test_ipython_s_exit_raises_nothing_in_a_kernel(
    tmp_path: Path, cells: list[str], expected: tuple[int, ...], fails: bool
) -> None:
    """hostile32 CR56, WP34: in a Jupyter kernel ``exit()`` and ``quit()`` only ask the
    kernel to stop once the cell is done (nbclient, a fresh ipykernel: the rest of the cell
    runs; a plain InteractiveShell, the table's oracle, does otherwise)."""
    result = check_file(_notebook(tmp_path, cells), Expectations((("out", None),)))
    (out,) = result.variables
    assert (out.status, out.shape) == ("ok", expected)
    assert [p.line for p in result.problems if p.certain] == ([3] if fails else [])
