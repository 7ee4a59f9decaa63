"""Data files a submission reads (``np.loadtxt``, ``np.genfromtxt``, ``np.load``, ``json.load``).

The oracle is running each program in the folder that holds its data (the test runs it;
shapekit never runs a submission, it reads the data file with the same reader).
"""

from __future__ import annotations

import gc
import io
import json
import os
import runpy
import traceback
import warnings
from pathlib import Path

import numpy as np
import pytest

from shapekit.engine.program import analyse

INPUTS = "1,2,3,2.5\n2,5,-1,2\n-1.5,2.7,3.3,-0.8\n"
DATA = {
    "inputs.csv": INPUTS,
    "header.csv": "a,b,c,d\n" + INPUTS,
    "spaces.txt": INPUTS.replace(",", " "),
    "comments.csv": "# the batch\n" + INPUTS,
    "ragged.csv": "1,2,3,4\n5,6,7\n",
    "word.csv": "1,2,x,4\n",
    "params.json": json.dumps({"weights": [[0.2, 0.8, -0.5, 1.0]] * 3, "biases": [2, 3, 0.5]}),
    "list.json": json.dumps([[1, 2], [3, 4], [5, 6]]),
    "broken.json": '{"weights": [1, 2,',
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in DATA.items():
        (data / name).write_text(text)
    np.save(data / "w.npy", np.ones((3, 4)))
    return tmp_path


def run(folder: Path, source: str) -> tuple[dict[str, object], int | None]:
    """What running ``source`` in ``folder`` leaves, and the line where it stops (if it does)."""
    path = folder / "sub.py"
    path.write_text(source)
    here = os.getcwd()
    os.chdir(folder)
    names: dict[str, object] = {}
    stopped = None
    # json.load(open(...)) leaves its file to the collector: collected here, not in a later test
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            names = runpy.run_path(str(path))
        except Exception as error:  # whatever running it raises is the oracle
            frames = traceback.extract_tb(error.__traceback__)
            stopped = [f.lineno for f in frames if f.filename == str(path)][-1]
            del error
        finally:
            os.chdir(here)
        for value in names.values():  # a file left open by the program: closed here, quietly
            if isinstance(value, io.IOBase):
                value.close()
        gc.collect()
    return names, stopped


READING = {
    "loadtxt-comma": 'x = np.loadtxt("data/inputs.csv", delimiter=",")',
    "loadtxt-spaces": 'x = np.loadtxt("data/spaces.txt")',
    "loadtxt-skiprows": 'x = np.loadtxt("data/header.csv", delimiter=",", skiprows=1)',
    "loadtxt-usecols": 'x = np.loadtxt("data/inputs.csv", delimiter=",", usecols=(0, 1, 2))',
    "loadtxt-one-col": 'x = np.loadtxt("data/inputs.csv", delimiter=",", usecols=2)',
    "loadtxt-ndmin": 'x = np.loadtxt("data/inputs.csv", delimiter=",", usecols=2, ndmin=2)',
    "loadtxt-unpack": 'x = np.loadtxt("data/inputs.csv", delimiter=",", unpack=True)',
    "loadtxt-max-rows": 'x = np.loadtxt("data/inputs.csv", delimiter=",", max_rows=2)',
    "loadtxt-comments": 'x = np.loadtxt("data/comments.csv", delimiter=",")',
    "loadtxt-dtype": 'x = np.loadtxt("data/inputs.csv", delimiter=",", dtype=np.float32)',
    "genfromtxt-header": 'x = np.genfromtxt("data/header.csv", delimiter=",", skip_header=1)',
    "genfromtxt-header-kept": 'x = np.genfromtxt("data/header.csv", delimiter=",")',
    "np-load": 'x = np.load("data/w.npy")',
    "json-with": (
        'with open("data/params.json") as f:\n    p = json.load(f)\n'
        'x = np.array(p["weights"]) @ np.ones(4) + np.array(p["biases"])'
    ),
    "json-open-inline": 'x = np.array(json.load(open("data/list.json"))).T',
    "from-import": 'from numpy import loadtxt\nx = loadtxt("data/inputs.csv", delimiter=",")',
}


@pytest.mark.parametrize("name", sorted(READING))
def test_a_data_file_gives_the_shape_running_the_file_gives(folder, name):
    source = "import json\nimport numpy as np\n" + READING[name] + "\n"
    names, stopped = run(folder, source)
    assert stopped is None
    expected = np.shape(names["x"])
    (folder / "sub.py").write_text(source)
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    assert program.problems == []
    binding = program.binding("x")
    assert binding is not None and binding.status == "known", binding
    assert binding.shape == expected


FAILING = {
    "header-not-skipped": 'x = np.loadtxt("data/header.csv", delimiter=",")',
    "ragged": 'x = np.loadtxt("data/ragged.csv", delimiter=",")',
    "word": 'x = np.loadtxt("data/word.csv", delimiter=",")',
    "wrong-delimiter": 'x = np.loadtxt("data/inputs.csv")',
    "broken-json": 'x = json.load(open("data/broken.json"))',
    "shape-after-loading": 'x = np.loadtxt("data/inputs.csv", delimiter=",") @ np.ones(3)',
}


@pytest.mark.parametrize("name", sorted(FAILING))
def test_data_that_running_the_file_cannot_read_is_a_problem_at_its_line(folder, name):
    source = "import json\nimport numpy as np\n" + FAILING[name] + "\n"
    _names, stopped = run(folder, source)
    assert stopped == 3
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    assert [p.line for p in program.problems] == [3]


def test_a_header_row_has_the_fix_skiprows_1_which_reads_it(folder):
    source = 'import numpy as np\nx = np.loadtxt("data/header.csv", delimiter=",")\n'
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    (problem,) = program.problems
    assert "header" in problem.message
    assert problem.fixes == ['np.loadtxt("data/header.csv", delimiter=",", skiprows=1)']
    fixed = source.replace(problem.expr, problem.fixes[0])
    names, stopped = run(folder, fixed)
    assert stopped is None and np.shape(names["x"]) == (3, 4)


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ('np.loadtxt("data/nothere.csv")', "not found"),
        ('np.loadtxt("/etc/passwd")', "outside"),
        ('np.loadtxt("../secret.csv")', "outside"),
        ('np.loadtxt("data/inputs.csv", delimiter=",", converters={0: float})', "converters"),
        ('np.loadtxt(name, delimiter=",")', "name"),
        ('np.load("data/w.npy", mmap_mode="r")', "mmap_mode"),
    ],
)
def test_what_cannot_or_must_not_be_read_is_unknown_with_the_reason(folder, call, why):
    (folder.parent / "secret.csv").write_text("1,2\n")
    source = f"import numpy as np\nname = input()\nx = {call}\n"
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    assert program.problems == []
    binding = program.binding("x")
    assert binding is not None and binding.status == "unknown"
    assert why in (binding.reason or "")


def test_a_pipe_is_never_opened(folder):
    os.mkfifo(folder / "data" / "pipe.csv")  # opening it would block for ever
    source = 'import numpy as np\nx = np.loadtxt("data/pipe.csv")\n'
    binding = analyse([(None, source)], file=str(folder / "sub.py")).binding("x")
    assert binding is not None and binding.status == "unknown"
    assert "not a regular file" in (binding.reason or "")


def test_without_a_file_on_disk_nothing_is_read():
    source = 'import numpy as np\nx = np.loadtxt("data/inputs.csv", delimiter=",")\n'
    binding = analyse([(None, source)]).binding("x")
    assert binding is not None and binding.status == "unknown"


# --- **kwargs, *args and dict comprehensions (running each program is the oracle) ----------

CALLS = {
    "kwargs-subscript": (
        "def forward(x, **params):\n    return np.dot(x, params['w'].T) + params.get('b', 0)\n"
        "y = forward(np.ones((3, 4)), w=np.ones((3, 4)), b=np.zeros(3))\n"
    ),
    "kwargs-default": (
        "def forward(x, **params):\n    w = params.get('w', np.ones((5, 4)))\n"
        "    return x @ w.T\ny = forward(np.ones((3, 4)), weight=np.ones((3, 4)))\n"
    ),
    "varargs": (
        "def stack(*rows):\n    return np.array(rows)\ny = stack([1, 2], [3, 4], [5, 6])\n"
    ),
    "dict-comprehension": (
        "layers = {name: np.zeros((n, 4)) for name, n in [('a', 3), ('b', 5)]}\n"
        "y = layers['b'] @ np.ones(4)\n"
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_arguments_gathered_by_star_and_dict_comprehensions_give_numpys_shape(name):
    source = "import numpy as np\n" + CALLS[name]
    namespace: dict[str, object] = {}
    exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    program = analyse([(None, source)])
    assert program.problems == []
    binding = program.binding("y")
    assert binding is not None and binding.status == "known"
    assert binding.shape == np.shape(namespace["y"])


def test_a_missing_keyword_in_kwargs_is_the_key_error_running_gives():
    source = (
        "import numpy as np\ndef forward(x, **params):\n    return x @ params['weights'].T\n"
        "y = forward(np.ones((3, 4)), w=np.ones((3, 4)))\n"
    )
    with pytest.raises(KeyError):
        exec(compile(source, "<test>", "exec", dont_inherit=True), {})
    assert [p.line for p in analyse([(None, source)]).problems] == [3]


def test_a_link_to_a_file_outside_the_folder_is_not_followed(folder):
    (folder.parent / "outside.csv").write_text("1,2\n3,4\n")
    (folder / "data" / "link.csv").symlink_to(folder.parent / "outside.csv")
    source = 'import numpy as np\nx = np.loadtxt("data/link.csv", delimiter=",")\n'
    binding = analyse([(None, source)], file=str(folder / "sub.py")).binding("x")
    assert binding is not None and binding.status == "unknown"
    assert "outside" in (binding.reason or "")


def test_a_data_file_read_in_a_long_loop_is_read_once(folder, monkeypatch):
    import shapekit.engine._datafiles as datafiles

    reads = []
    real = datafiles._read
    monkeypatch.setattr(datafiles, "_read", lambda *a: reads.append(a) or real(*a))
    source = (
        "import numpy as np\nfor i in range(500):\n"
        '    x = np.loadtxt("data/inputs.csv", delimiter=",")\n'
    )
    binding = analyse([(None, source)], file=str(folder / "sub.py")).binding("x")
    assert binding is not None and binding.shape == (3, 4)
    assert len(reads) == 1


@pytest.mark.parametrize(
    "source",
    [
        # the handle was moved on before the reader reads it
        'f = open("data/header.csv")\nheader = f.readline()\nx = np.loadtxt(f, delimiter=",")\n',
        # (in a `with` whose body reads the header line first, it is read: test_thirtythird_pass)
        'with open("data/header.csv") as f:\n    f.read(3)\n'
        '    x = np.loadtxt(f, delimiter=",", skiprows=1)\n',
        'x = np.load("data/w.npy", allow_pickle=True)\n',
        'x = np.loadtxt("data/w.csv.gz")\n',
    ],
)
def test_what_cannot_be_read_as_running_reads_it_is_unknown_not_a_problem(folder, source):
    import gzip

    with gzip.open(folder / "data" / "w.csv.gz", "wt") as handle:
        handle.write("1 2\n" * 10)
    source = "import numpy as np\n" + source
    _names, stopped = run(folder, source)
    assert stopped is None
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    assert program.problems == []
    binding = program.binding("x")
    assert binding is not None and binding.status == "unknown"


def test_a_word_below_the_first_row_is_not_called_a_header(folder):
    (folder / "data" / "sci.csv").write_text("1e-3,2\n3,4\n5,x\n")
    source = 'import numpy as np\nx = np.loadtxt("data/sci.csv", delimiter=",")\n'
    _names, stopped = run(folder, source)
    assert stopped == 2
    (problem,) = analyse([(None, source)], file=str(folder / "sub.py")).problems
    assert "header" not in problem.message and problem.fixes == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.npy", b""),
        ("bad.npz", b"PK\x03\x04 not a zip"),
        ("big.json", b"[" + b"9" * 5000 + b"]"),
    ],
)
def test_data_that_breaks_the_reader_is_unknown_not_an_internal_error(folder, name, data):
    (folder / "data" / name).write_bytes(data)
    reader = "json.load(open" if name.endswith(".json") else "np.load"
    call = f'{reader}("data/{name}"))' if reader.startswith("json") else f'np.load("data/{name}")'
    source = f"import json\nimport numpy as np\nx = {call}\n"
    program = analyse([(None, source)], file=str(folder / "sub.py"))
    binding = program.binding("x")
    assert binding is not None and binding.status in ("unknown", "error")
