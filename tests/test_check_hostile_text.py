"""Text no encoder writes, and line endings of other systems, in students' files.

A lone surrogate (``"\\ud800"`` written in a student's Python string, a JSON key, or a byte
of a file name that is not UTF-8) reached the report and ended the whole run with exit 3;
a file whose lines end in a lone carriage return was an internal error. Each report stays
valid UTF-8 (and valid JSON or XML), and positions are the lines Python reads.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.dom.minidom

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

from shapekit.check.checker import Expectations, check_paths
from shapekit.engine.program import analyse

FORMATS = ["text", "json", "junit", "gradescope"]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "alice.py").write_text("import numpy as np\ninputs = np.ones((3, 4))\n")
    (tmp_path / "mallory.py").write_text(
        'import numpy as np\ninputs = np.ones((3, 4))\nraise ValueError("\\ud800")\n'
    )
    (tmp_path / "key.json").write_text('{"inputs\\ud800": [1], "inputs": [[1, 2, 3, 4]]}')
    name = os.fsencode(tmp_path) + b"/b\xff.py"
    with open(name, "wb") as handle:
        handle.write(b"import numpy as np\ninputs = np.zeros((2, 4))\n")
    return tmp_path


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_with_lone_surrogates_is_written_and_valid(folder, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    run = CliRunner().invoke(
        main,
        ["check", str(folder), "--expect", "inputs=batch,4", "--format", fmt, "-o", str(out)],
    )
    assert run.exit_code == 1, run.output  # a file fails; shapekit itself does not
    data = out.read_bytes()
    text = data.decode("utf-8")  # strict: valid UTF-8
    assert "\\ud800" in text or "\\\\ud800" in text
    if fmt in ("json", "gradescope"):
        json.loads(text)
    elif fmt == "junit":
        xml.dom.minidom.parseString(data)


def test_the_surrogates_are_shown_escaped_in_the_text_report(folder):
    from shapekit.check.reports import format_text

    report = format_text(check_paths([str(folder)], Expectations.parse(["inputs=batch,4"])))
    report.encode("utf-8")  # no lone surrogate is left
    assert "ValueError: \\ud800" in report
    assert "b\\udcff.py" in report


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_lines_ending_in_a_carriage_return_are_the_lines_python_reads(tmp_path, ending):
    source = ending.join(["import numpy as np", "a = np.ones((3, 4))", "b = a @ a", ""])
    path = tmp_path / "old_mac.py"
    path.write_bytes(source.encode())
    run = subprocess.run([sys.executable, str(path)], capture_output=True, text=True)
    assert "line 3" in run.stderr and "ValueError" in run.stderr  # the oracle
    (result,) = check_paths([str(path)], Expectations.parse(["b=a,b"]))
    assert result.internal_error is None
    assert [p.line for p in result.problems] == [3]
    assert analyse([(None, source.replace(ending, "\n"))]).problems[0].line == 3


@pytest.mark.parametrize(
    "source",
    [
        "x = []\nfor i in range(200):\n    row = []\n    for j in range(200):\n"
        "        row.append(j)\n    x.append(row)\n",
        "x = [[[k for k in range(1000)] for j in range(1000)] for i in range(10)]\n",
        "def g():\n    return [[0 for j in range(100)] for i in range(100)]\n"
        "for n in range(1000):\n    x = g()\n",
        "import numpy as np\ninputs = np.ones((3, 4))\n" + "y = np.dot(inputs, inputs)\n" * 3000,
        "import numpy as np\ny = np.array([[0] * 10**4] * 10**4)\n",
        "import numpy as np\nx = [1.0]\nfor _ in range(60):\n    x = [x, x]\ny = np.array(x)\n",
        "import numpy as np\na = np.ones((2, 3))\ny = np.dot(a," + "  # c\n \n" * 4000 + "a)\n",
        "import numpy as np\ny = np.array([list(range(5000)) for _ in range(5000)])\n",
        "import numpy as np\ny = np.array([[0.5] * 10000 for _ in range(10000)])\n",
        "import numpy as np\nd = {i: list(range(3000)) for i in range(3000)}\n"
        "y = np.array(list(d.values()))\n",
        "import numpy as np\nrows = []\nfor i in range(1000):\n    rows.append(list(range(5000)))\n"
        "y = np.array(rows)\n",
        "import numpy as np\ny = np.array(list(map(lambda _: list(range(3000)), range(3000))))\n",
        "import numpy as np\n"
        + "".join(f"r{i} = [list(range(500)) for _ in range(499)]\n" for i in range(40)),
    ],
    ids=["nested-appends", "a-billion-items", "comprehensions-in-a-loop", "3000-failing-lines",
         "a-repeated-list-of-10**8", "a-list-doubled-60-times", "4000-blank-lines-in-a-call",
         "rows-of-ranges-in-a-comprehension", "rows-repeated-in-a-comprehension",
         "ranges-in-a-dict-comprehension", "ranges-appended-in-a-loop", "ranges-from-a-map",
         "forty-comprehensions-of-ranges"],
)  # fmt: skip
def test_programs_that_would_run_away_are_checked_in_a_bounded_time(tmp_path, source):
    """What the interpreter follows is budgeted (steps, comprehension items, fixes worked
    out and tried): each of these took from 10 s to minutes, or gigabytes, before. The bound
    is checked by a budget, not a clock: the analysis stops following and says so."""
    path = tmp_path / "big.py"
    path.write_text(source)
    run = subprocess.run(
        [sys.executable, "-c", "import resource, sys\n"
         "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
         "from shapekit.check.checker import check_file\n"
         f"r = check_file({str(path)!r})\nprint(r.internal_error)"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "None"


@pytest.mark.parametrize(
    ("source", "status"),
    [
        # an f-string's text is known now: as running them, a file not found, and a file
        # of numbers separated by commas read without delimiter=","
        ("x = open(f'a.csv')\n", "error"),
        ("import numpy as np\nx = np.loadtxt(f'good.csv')\n", "error"),
        ("import numpy as np\nx = np.loadtxt(f'good.csv', delimiter=',')\n", "ok"),
        ("import numpy as np\nx = np.loadtxt('\\ud800.csv')\n", "unknown"),
        ("import numpy as np\nx = np.load('\\udcff.npy')\n", "unknown"),
        ("import numpy as np\nx = np.array_split(np.ones((3, 4)), 10**9)\n", "unknown"),
    ],
    ids=[
        "open-f-string",
        "loadtxt-f-string",
        "loadtxt-f-string-commas",
        "surrogate-path",
        "undecodable-path",
        "split-1e9",
    ],
)
def test_data_paths_and_calls_that_crashed_are_followed_or_unknown(tmp_path, source, status):
    (tmp_path / "good.csv").write_text("1,2\n3,4\n")
    path = tmp_path / "s.py"
    path.write_text(source, errors="surrogateescape")
    (result,) = check_paths([str(path)], Expectations.parse(["x=a,b"]))
    assert result.internal_error is None
    assert [v.status for v in result.variables] == [status]


def test_a_npy_header_with_a_boolean_length_is_a_malformed_file(tmp_path):
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (True, 4), }"
    header += " " * (63 - len(header)) + "\n"
    path = tmp_path / "inputs.npy"
    path.write_bytes(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode())
    (result,) = check_paths([str(path)], Expectations.parse(["inputs=a,4"]))
    assert result.internal_error is None
    assert result.variables[0].status == "error"
    assert "malformed header" in result.variables[0].message


def test_a_link_in_a_folder_to_a_file_outside_it_is_never_read(tmp_path):
    outside = tmp_path / "secret.py"
    outside.write_text("inputs = [[1, 2, 3, 4]]  # the grader's own key\n")
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "alice.py").write_text("inputs = [[1, 2, 3, 4]]\n")
    (folder / "mallory.py").symlink_to(outside)
    (folder / "passwd.py").symlink_to("/etc/passwd")
    (folder / "same.py").symlink_to(folder / "alice.py")  # inside: read as usual
    results = {os.path.basename(r.file): r for r in check_paths([str(folder)])}
    assert results["alice.py"].ok and results["same.py"].ok
    for name in ("mallory.py", "passwd.py"):
        (variable,) = results[name].variables
        assert variable.status == "error" and "outside the folder" in variable.message
    from shapekit.check.gradescope import format_gradescope

    report = format_gradescope(list(results.values()))
    assert "root:" not in report and "grader's own key" not in report


def test_a_link_named_on_its_own_to_a_file_outside_its_folder_is_never_read(tmp_path):
    from shapekit.testing import assert_file

    outside = tmp_path / "key"
    outside.mkdir()
    (outside / "solution.py").write_text("GRADER_KEY = [[1, 2, 3, 4]]\n")
    (outside / "data.csv").write_text("1,2,3,4\n5,6,7,8\n9,10,11,12\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "main.py").symlink_to(outside / "solution.py")
    (sub / "main.csv").symlink_to(outside / "data.csv")
    (sub / "real.py").write_text("inputs = [[1, 2, 3, 4]] * 3\n")
    (sub / "here.py").symlink_to(sub / "real.py")  # a link inside its folder: read
    for name, expect in (("main.py", "inputs=3,4"), ("main.csv", "main=3,4")):
        (result,) = check_paths([str(sub / name)], Expectations.parse([expect]))
        (variable,) = result.variables
        assert variable.status == "error" and "outside its folder" in variable.message
        assert "GRADER_KEY" not in json.dumps(result.to_dict())
        out = CliRunner().invoke(main, ["shape", str(sub / name)])
        assert out.exit_code == 2 and "GRADER_KEY" not in out.output and "(3, 4)" not in out.output
    with pytest.raises(AssertionError, match="outside its folder") as raised:
        assert_file(str(sub / "main.py"), inputs="3,4")
    assert "GRADER_KEY" not in str(raised.value)
    (here,) = check_paths([str(sub / "here.py")], Expectations.parse(["inputs=3,4"]))
    assert here.ok


def test_a_folder_thousands_of_levels_deep_is_walked_without_a_crash(tmp_path):
    (tmp_path / "top.py").write_text("inputs = [[1, 2, 3, 4]] * 3\n")
    folders = [tmp_path]
    for _ in range(1500):  # os.walk recurses once per level: past Python's recursion limit
        folders.append(folders[-1] / "d")
        folders[-1].mkdir()
    (folders[-1] / "a.py").write_text("inputs = [[1, 2, 3]] * 3\n")
    try:
        results = check_paths([str(tmp_path)], Expectations.parse(["inputs=3,4"]))
    finally:  # removed here, one level at a time: shutil.rmtree (pytest's) recurses too
        (folders[-1] / "a.py").unlink()
        for folder in reversed(folders[1:]):
            folder.rmdir()
    assert [r.ok for r in results] == [False, True]  # the deep file, then top.py
    assert all(r.internal_error is None for r in results)


MISPLACED = [
    "x = [1, 2]\nreturn x\n",
    "for i in range(3):\n    pass\nelse:\n    break\n",
    "x = [1.0]\nif len(x) > 0:\n    continue\n",
    "class A:\n    return 1\n",
    "nonlocal y\n",
    "def f():\n    break\n",
    "for i in range(2):\n    class B:\n        break\n",
    # found by the eighth hostile round: refused when Python compiles the file
    "x = [1]\ndef layer(w, w):\n    return w\n",
    "x = [1]\ndef f(a, *, b, **b):\n    return a\n",
    "import math\nfrom __future__ import annotations\nx = [1]\n",
    "x = [1]\nyield x\n",
    "x = [1]\nclass C:\n    yield from x\n",
    # ninth round: a nonlocal name needs a function around the function to be bound in
    "x = [1]\ndef f():\n    nonlocal x\n    x = [2]\n",
    "class C:\n    def f(self):\n        nonlocal z\nx = [1]\n",
    "x = [1]\nfor i in range(2):\n    def f():\n        nonlocal i\n",
]
PLACED = [
    "def f():\n    for i in range(3):\n        break\n    return 1\nx = [f()]\n",
    "while True:\n    try:\n        break\n    finally:\n        pass\nx = [1]\n",
    "for i in range(2):\n    if i:\n        continue\nelse:\n    x = [i]\n",
    "def f():\n    y = 1\n    def g():\n        nonlocal y\n        return y\n    return g()\nx = [f()]\n",
    '"""A layer."""\nfrom __future__ import annotations\nfrom __future__ import division\nx = [1]\n',
    "def g(n):\n    yield n\n    yield from range(n)\nx = list(g(2))\n",
    "def f(a, b=1, *args, c, **kw):\n    return a\nx = [f(1, c=2)]\n",
    "def g():\n    y = 1\n    class C:\n        def f(self):\n            nonlocal y\n    return C\nx = [1]\n",
    "def g():\n    y = 1\n    def h():\n        def f():\n            nonlocal y\n        return f\n    return h\nx = [1]\n",
]


@pytest.mark.parametrize("source", MISPLACED + PLACED)
def test_statements_the_compiler_refuses_where_they_stand_are_syntax_errors(tmp_path, source):
    try:  # the oracle: Python compiles it (it never runs here)
        compile(source, "<test>", "exec")
        expected = None
    except SyntaxError as error:
        expected = error.lineno
    path = tmp_path / "s.py"
    path.write_text(source)
    (result,) = check_paths([str(path)], Expectations.parse(["x=a"]))
    (variable,) = result.variables
    if expected is None:
        assert variable.status != "error", variable.message
    else:
        assert variable.status == "error" and variable.line == expected
        assert "Python syntax error" in variable.message


@pytest.mark.parametrize(
    "source",
    [
        "x = []\nfor i in range(100):\n    x.append([0.0] * 100)\n",
        "x = [[1.0, 2.0]]\nx += [[3.0, 4.0]]\n",
        "x = [[1.0, 2.0]]\nx[0] = [1.0, 2.0, 3.0]\n",
    ],
)
def test_shape_of_a_literal_the_code_changes_afterwards_is_refused_not_made_up(tmp_path, source):
    path = tmp_path / "grown.py"
    path.write_text(source)
    namespace: dict[str, object] = {}
    exec(
        compile(source, "<test>", "exec", dont_inherit=True), namespace
    )  # the oracle: what the file ends with
    run = CliRunner().invoke(main, ["shape", str(path)])
    assert run.exit_code == 1
    assert "is changed after it is written" in run.output
    assert "shapekit check" in run.output


def test_shape_of_a_literal_assigned_again_before_is_the_last_one(tmp_path):
    path = tmp_path / "twice.py"
    path.write_text("x = [1, 2]\nx = [[1, 2], [3, 4]]\n")
    run = CliRunner().invoke(main, ["shape", str(path)])
    assert run.exit_code == 0 and "(2, 2)" in run.output


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("null", "null"),
        ("3", "a number"),
        ('{"a": 1}', "an object"),
        ('["x = 1\\n", 2]', "a list holding something other than text"),
    ],
)
def test_a_notebook_cell_whose_source_is_not_text_is_an_error_not_a_crash(tmp_path, source, said):
    path = tmp_path / "nb.ipynb"
    path.write_text(
        '{"cells": [{"cell_type": "code", "source": "import numpy as np"},'
        f' {{"cell_type": "code", "source": {source}}}]}}'
    )
    (result,) = check_paths([str(path)], Expectations.parse(["y=?"]))
    assert result.internal_error is None
    (variable,) = result.variables
    assert variable.status == "error"
    assert "cell 2 is not a valid notebook cell" in variable.message and said in variable.message


def test_a_notebook_of_nbformat_3_is_read_as_jupyter_reads_it(tmp_path):
    nb = {
        "nbformat": 3,
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "heading", "level": 1, "source": ["A layer"]},
                    {"cell_type": "code", "language": "python",
                     "input": ["import numpy as np\n", "y = np.ones((2, 5))"]},
                    {"cell_type": "code", "language": "python",
                     "input": "z = y @ np.ones((4, 2))"},
                ]
            }
        ],
    }  # fmt: skip
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(nb))
    (result,) = check_paths([str(path)], Expectations.parse(["y=2,5"]))
    assert [(v.status, v.shape, v.cell) for v in result.variables] == [("ok", (2, 5), 2)]
    assert [(p.cell, p.line) for p in result.problems] == [(3, 1)]


def test_a_json_file_of_long_numbers_then_a_number_too_long_is_read_in_linear_time(tmp_path):
    """Finding the number Python refuses (more than 4300 digits) was tried at every digit of
    every long number before it: 15 s for 865 KB. Its place is reported."""
    path = tmp_path / "y.json"
    path.write_text('{"y": [' + ", ".join(["9" * 4300] * 400) + ",\n 1" + "0" * 4301 + "]}")
    (result,) = check_paths([str(path)], Expectations.parse(["y=?"]))
    (variable,) = result.variables
    assert variable.status == "error" and variable.line == 2 and variable.column == 2


def test_python_m_shapekit_in_a_folder_of_submissions_imports_none_of_them(tmp_path):
    """``python -m`` puts the current folder first on the path: a submitted ``typing.py`` or
    ``click.py`` would have been imported (and run) in place of the real module."""
    canary = tmp_path / "ran"
    subs = tmp_path / "subs"
    subs.mkdir()
    for module in ("typing", "click", "difflib", "heapq", "json", "re", "ast", "tokenize"):
        (subs / f"{module}.py").write_text(f"open({str(canary)!r}, 'a').write({module!r})\n")
    (subs / "a.py").write_text("import numpy as np\ninputs = np.ones((3, 4))\n")
    run = subprocess.run(
        [sys.executable, "-m", "shapekit", "check", ".", "--expect", "inputs=3,4"],
        cwd=subs, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert not canary.exists(), canary.read_text()
    # running a.py in that folder would import its ast.py and typing.py in place of Python's,
    # which NumPy imports, so what NumPy gives is not judged (and never a crash)
    assert run.returncode == 1, run.stdout + run.stderr  # the modules have no inputs
    assert "a.py:2:10: unknown: `inputs` comes from `np.ones((3, 4))`" in run.stdout
    assert "ast.py beside the checked file" in run.stdout


def test_a_line_separator_in_a_students_text_cannot_forge_a_report_line(tmp_path):
    """U+2028 and U+2029 end a line for str.splitlines(): printed raw, a student's string
    made a line of its own reading ``fake.py:1:1: ok``."""
    path = tmp_path / "a.py"
    path.write_text(
        'import numpy as np\ny = np.ones((2, 3)) @ np.ones((2, len("a\u2028fake.py:1:1: ok")))\n'
    )
    run = CliRunner().invoke(main, ["check", str(path), "--expect", "y=?"])
    assert not any(line.startswith("fake.py") for line in run.output.splitlines())
    assert "\\u2028fake.py" in run.output


@pytest.mark.parametrize(
    "data",
    [
        "# poids synaptiques, entrées\nx = [1.0, 2.0]\n".encode("latin-1"),
        "x = [1.0, 2.0]\ny = 'fenêtre'\n".encode("latin-1"),
        "x = [1.0, 2.0]\n\n\n# r\xe9sum\xe9\n".encode("latin-1"),
    ],
    ids=["first-line", "second-line", "a-later-line"],
)
def test_bytes_that_are_not_utf8_without_a_coding_line_are_located(tmp_path, data):
    """Python refuses the file (no coding line says it is not UTF-8): the error names the
    line of the first byte that is not UTF-8, and says nothing of a coding line."""
    path = tmp_path / "s.py"
    path.write_bytes(data)
    # the oracle: `python s.py` (compile() of the bytes is more lenient with comments)
    run = subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode != 0 and "SyntaxError: Non-UTF-8 code" in run.stderr
    line = int(re.search(r"on line (\d+)", run.stderr).group(1))  # type: ignore[union-attr]
    (result,) = check_paths([str(path)], Expectations.parse(["x=2"]))
    (variable,) = result.variables
    assert variable.status == "error"
    assert variable.line == line
    assert "not UTF-8" in variable.message and "coding line" not in variable.message
