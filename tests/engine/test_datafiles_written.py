"""A data file the program itself writes before it reads it (fresh15 finding C7), and data
files a program reads beside it in a folder's check (finding G1).

The oracle is running each program (the test runs it, in a copy of its folder so that the
stale file stays for shapekit): a file the program may write before reading it must not be
judged from the copy on disk, which an older run may have left; a write that certainly
comes after the read does not change what the read gives.
"""

from __future__ import annotations

import gc
import os
import runpy
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest

from shapekit.check.checker import check_paths
from shapekit.check.expect import Expectations
from shapekit.engine.program import analyse

HEAD = "import json\nimport shutil\nimport numpy as np\nX = np.ones((6, 4))\n"

#: programs whose read of a file they may have written first is unknown
WRITTEN = {
    "save-then-load": 'np.save("batch.npy", X)\nx = np.load("batch.npy")',
    "save-adds-npy": 'np.save("batch", X)\nx = np.load("batch.npy")',
    "save-path-object": 'from pathlib import Path\nnp.save(Path("batch.npy"), X)\n'
    'x = np.load("batch.npy")',
    "save-dot-slash": 'np.save("./batch.npy", X)\nx = np.load("batch.npy")',
    "savetxt-then-loadtxt": 'np.savetxt("batch.csv", X, delimiter=",")\n'
    'x = np.loadtxt("batch.csv", delimiter=",")',
    "open-write-then-loadtxt": 'with open("batch.csv", "w") as f:\n'
    '    f.write("1,2\\n3,4\\n")\nx = np.loadtxt("batch.csv", delimiter=",")',
    "json-dump-then-load": 'with open("params.json", "w") as f:\n'
    '    json.dump({"w": [[1, 2]]}, f)\nx = np.array(json.load(open("params.json"))["w"])',
    "path-not-written-out": 'stem = "batch"\nnp.save(stem + ".npy", X)\nx = np.load("batch.npy")',
    "f-string-path": 'stem = "batch"\nnp.save(f"{stem}.npy", X)\nx = np.load("batch.npy")',
    "copied-over": 'np.save("other.npy", X)\nshutil.copy("other.npy", "batch.npy")\n'
    'x = np.load("batch.npy")',
    "read-in-a-function": 'def load():\n    return np.load("batch.npy")\n\n'
    'np.save("batch.npy", X)\nx = load()',
    "loop-writes-then-reads-again": 'for _ in range(2):\n    x = np.load("batch.npy")\n'
    '    np.save("batch.npy", X)',
}

#: programs whose read is followed: nothing they write can be the file before it is read
FOLLOWED = {
    "another-file-written": 'np.save("out.npy", X)\nx = np.load("batch.npy")',
    "written-after-the-read": 'x = np.load("batch.npy")\nnp.save("batch.npy", X)',
    "f-string-after-the-read": 'x = np.load("batch.npy")\nfor i in range(2):\n'
    '    np.save(f"out_{i}.npy", x)',
    "other-suffix-not-written-out": 'stem = "out"\nnp.savetxt(stem + ".txt", X)\n'
    'x = np.load("batch.npy")',
    "opened-for-reading": 'with open("batch.csv") as f:\n    f.readline()\n'
    'x = np.loadtxt("batch.csv", delimiter=",")',
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A submission's folder with the files an older run of it left: a (5, 3) batch."""
    here = tmp_path / "sub"
    here.mkdir()
    np.save(here / "batch.npy", np.ones((5, 3)))
    np.savetxt(here / "batch.csv", np.ones((5, 3)), delimiter=",")
    (here / "params.json").write_text('{"w": [[1, 2, 3]]}')
    return here


def run_copy(folder: Path, source: str, tmp_path: Path) -> tuple[int, ...]:
    """The shape of ``x`` after running ``source`` in a copy of ``folder``."""
    copy = tmp_path / "run"
    shutil.copytree(folder, copy)
    path = copy / "sub.py"
    path.write_text(source)
    here = os.getcwd()
    os.chdir(copy)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            names = runpy.run_path(str(path))
    finally:
        os.chdir(here)
    gc.collect()
    return tuple(np.shape(names["x"]))


#: the programs of WRITTEN whose one writing call certainly runs, with what it writes known:
#: the read gives what was saved (see shapekit.engine._saved), not the stale copy on disk
READ_BACK = {
    "save-then-load", "save-adds-npy", "save-path-object", "save-dot-slash",
    "savetxt-then-loadtxt", "json-dump-then-load", "read-in-a-function",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_a_file_the_program_writes_first_is_not_read_from_disk(folder, tmp_path, name):
    source = HEAD + WRITTEN[name] + "\n"
    running = run_copy(folder, source, tmp_path)
    (folder / "sub.py").write_text(source)
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    assert program.problems == []
    binding = program.binding("x")
    assert binding is not None
    if name in READ_BACK:  # what the program saved, as running reads it back
        assert binding.status == "known" and binding.shape == running, binding
        return
    assert binding.status == "unknown", (binding.shape, running)
    assert "writes" in (binding.reason or ""), binding.reason


@pytest.mark.parametrize("name", sorted(FOLLOWED))
def test_a_file_written_only_elsewhere_or_later_is_read_from_disk(folder, tmp_path, name):
    source = HEAD + FOLLOWED[name] + "\n"
    running = run_copy(folder, source, tmp_path)
    (folder / "sub.py").write_text(source)
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    binding = program.binding("x")
    assert binding is not None and binding.status == "known", binding
    assert binding.shape == running


#: two calls write the file: what the read gives is not followed
TWICE = 'np.save("batch.npy", X)\nnp.save("batch.npy", X[:2])\nx = np.load("batch.npy")'


def test_the_reason_names_the_line_that_writes_the_file(folder):
    source = HEAD + TWICE + "\n"
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    binding = program.binding("x")
    assert binding is not None
    assert "the program itself writes (np.save at line 5)" in (binding.reason or "")


def test_a_notebook_cell_that_writes_before_a_later_cell_reads(folder):
    cells = [(1, HEAD), (2, 'np.save("batch.npy", X)'), (3, 'x = np.load("batch.npy")')]
    program = analyse(cells, file=str(folder / "nb.ipynb"), in_order=True)
    binding = program.binding("x")
    assert binding is not None and binding.status == "known" and binding.shape == (6, 4)
    cells.insert(2, (4, 'np.save("batch.npy", X[:2])'))
    program = analyse(cells, file=str(folder / "nb.ipynb"), in_order=True)
    binding = program.binding("x")
    assert binding is not None and binding.status == "unknown"
    assert "np.save at line 1 of cell 2" in (binding.reason or "")


def test_without_the_stale_file_the_reason_is_still_that_the_program_writes_it(tmp_path):
    source = HEAD + TWICE + "\n"
    (tmp_path / "sub.py").write_text(source)
    program = analyse([(None, source)], file=str(tmp_path / "sub.py"))
    binding = program.binding("x")
    assert binding is not None and "writes" in (binding.reason or "")


# -- G1: data files a program reads are judged through it, not as submissions ------------


def test_an_npz_the_script_reads_is_not_a_submission_of_its_own(tmp_path):
    here = tmp_path / "student"
    here.mkdir()
    np.savez(here / "data.npz", X=np.ones((6, 4)))
    source = (
        'import numpy as np\n\ndata = np.load("data.npz")\nX = data["X"]\n'
        "W1 = np.ones((4, 5))\nprobs = X @ W1\n"
    )
    (here / "net.py").write_text(source)
    here_now = os.getcwd()
    os.chdir(here)
    try:
        names = runpy.run_path("net.py")  # the oracle: it runs, and X, probs are right
    finally:
        os.chdir(here_now)
    assert np.shape(names["X"]) == (6, 4) and np.shape(names["probs"]) == (6, 5)
    results = check_paths([str(here)], Expectations.parse(["X=?,4", "probs=?,5"]))
    assert [Path(r.file).name for r in results] == ["net.py"]
    assert all(r.status != "failed" for r in results)


def test_a_file_read_with_options_not_followed_is_still_read_by_the_program(tmp_path):
    here = tmp_path / "student"
    here.mkdir()
    np.savetxt(here / "X.csv", np.ones((6, 4)), delimiter=",")
    source = (
        "import numpy as np\n\n"
        'X = np.loadtxt("X.csv", delimiter=",", converters={0: float}, usecols=(0, 1))\n'
    )
    (here / "net.py").write_text(source)
    results = check_paths([str(here)], Expectations.parse(["X=?,2"]))
    # judged as a submission, X.csv would be a (6, 4) X: the wrong shape running never gives
    assert [Path(r.file).name for r in results] == ["net.py"]
