"""``shapekit check``: lines, formats, several variables, exit codes, safe outputs, isolation."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from shapekit_cli import check_cmd
from shapekit_cli.main import main

from shapekit.check import checker


@pytest.fixture
def class_dir(tmp_path):
    """Student files: two good, one ragged, one syntax error, and a README."""
    (tmp_path / "ana.py").write_text("inputs = [[1, 2, 3, 4],\n [5, 6, 7, 8],\n [9, 10, 11, 12]]\n")
    (tmp_path / "bob.py").write_text(
        "import numpy as np\ninputs = np.array([\n    [1, 2, 3, 4],\n"
        "    [5, 6, 7],\n    [1, 2, 3, 4],\n])\n"
    )
    (tmp_path / "cy.py").write_text("inputs = [[1, 2, 3, 4],\n          [5, 6, 7, 8]\n")
    (tmp_path / "dee.json").write_text('{"inputs": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]}')
    (tmp_path / "README.md").write_text("not an array")
    return tmp_path


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, ["check", *map(str, args)])


def test_text_report(class_dir, monkeypatch):
    monkeypatch.chdir(class_dir)
    result = run(".", "--var", "inputs", "--expect", "?,4")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "ana.py:1:10: ok: inputs has shape (3, 4)",
        "bob.py:4:5: error: inputs[1] has 3 elements, but the other rows along dimension 1 have "
        "4, so the list is not homologous and cannot be an array",
        "    4 |     [5, 6, 7],",
        "      |     ^",
        # (and where Python raises it: the statement's first line)
        "bob.py:2:19: problem: NumPy cannot make an array of this list: the list[1] has 3 "
        "elements, but the other rows along dimension 1 have 4, so the list is not homologous "
        "and cannot be an array",
        "    2 | inputs = np.array([",
        "      |                   ^",
        "cy.py:1:10: error: Python syntax error: '[' was never closed",
        "    1 | inputs = [[1, 2, 3, 4],",
        "      |          ^",
        "dee.json:1:12: ok: inputs has shape (3, 4)",
        "2 passed, 2 failed",
    ]
    assert "\033[" not in result.output


def test_several_variables_and_exit_0(tmp_path):
    (tmp_path / "a.py").write_text(
        "inputs = [[1, 2, 3, 4]] * 3\nweights = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 1, 2, 3]]\n"
        "biases = [1, 2, 3]\n"
    )
    result = run(
        tmp_path, "--expect", "inputs=batch,4", "--expect", "weights=3,4", "--expect", "biases=3"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "1 passed, 0 failed"
    assert [line.split(": ")[1] for line in result.stdout.splitlines()[:-1]] == ["ok"] * 3


def test_the_same_name_twice_with_different_shapes_is_a_usage_error(tmp_path):
    result = run(tmp_path, "--expect", "x=3,4", "--expect", "x=4,3")
    assert result.exit_code == 2
    assert "x is expected twice with different shapes, (3, 4) and (4, 3)" in result.stderr


def test_named_dimension_across_files(tmp_path):
    for name, rows in [("a", 3), ("b", 3), ("c", 2)]:
        (tmp_path / f"{name}.json").write_text(json.dumps({"inputs": [[1, 2, 3, 4]] * rows}))
    result = run(tmp_path, "--expect", "inputs=batch,4")
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'c.json'}:1:12: wrong-shape: inputs has shape (2, 4): dimension 0 (batch) "
        "is 2 here but 3 in the other files"
    ) in result.stdout


def test_csv_needs_its_name(tmp_path):
    (tmp_path / "weights.csv").write_text("1,2,3,4\n5,6,7,8\n9,1,2,3\n")
    (tmp_path / "answer.csv").write_text("1,2,3,4\n5,6,7,8\n9,1,2,3\n")
    result = run(tmp_path, "--var", "weights", "--expect", "3,4")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'answer.csv'}: missing: a CSV table holds one array")
    assert lines[0].endswith("name the file weights.csv")
    assert lines[1] == f"{tmp_path / 'weights.csv'}:1:1: ok: weights has shape (3, 4)"


def test_json_contract(class_dir):
    result = run(class_dir, "--var", "inputs", "--expect", "3,4", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert list(document) == ["ok", "summary", "results"]
    assert document["summary"] == {"files": 4, "passed": 2, "failed": 2, "unknown": 0}
    by_name = {os.path.basename(r["file"]): r for r in document["results"]}
    assert by_name["ana.py"] == {
        "file": str(class_dir / "ana.py"),
        "ok": True,
        "status": "passed",
        "variables": [
            {
                "name": "inputs",
                "status": "ok",
                "shape": [3, 4],
                "expected": [3, 4],
                "line": 1,
                "column": 10,
                "cell": None,
                "message": "inputs has shape (3, 4)",
            }
        ],
        "problems": [],
    }
    bob = by_name["bob.py"]["variables"][0]
    assert (bob["status"], bob["line"], bob["column"]) == ("error", 4, 5)
    assert by_name["bob.py"]["status"] == "failed"


def test_unknown_is_neither_pass_nor_fail_unless_strict(tmp_path):
    (tmp_path / "a.py").write_text("import data\ninputs = data.load()\n")
    result = run(tmp_path, "--expect", "inputs=3,4")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'a.py'}:2:10: unknown: ")
    assert "data.load()" in lines[0]
    assert lines[-1].startswith("0 passed, 0 failed, 1 unknown (not judged")
    strict = run(tmp_path, "--expect", "inputs=3,4", "--strict", "--format", "json")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["summary"] == {
        "files": 1,
        "passed": 0,
        "failed": 1,
        "unknown": 0,
    }


def test_junit_format_to_output_file(class_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.xml"
    result = run(class_dir, "--var", "inputs", "--format", "junit", "--output", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "2 passed, 2 failed\n"
    suite = ET.parse(out).getroot()[0]
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["errors"]) == (
        "5",
        "3",
        "0",
    )
    assert [case.get("name").rsplit("/", 1)[1] for case in suite] == [
        "ana.py::inputs",
        "bob.py::inputs",
        "bob.py::problem at line 2, column 19",  # where Python raises (the ragged row: line 4)
        "cy.py::inputs",
        "dee.json::inputs",
    ]
    assert [case[0].tag for case in suite] == [
        "system-out",
        "failure",
        "failure",
        "failure",
        "system-out",
    ]


def test_gradescope_format_with_points(class_dir):
    result = run(
        class_dir,
        "--var",
        "inputs",
        "--expect",
        "3,4",
        "--format",
        "gradescope",
        "--points",
        "inputs=2",
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    tests = document["tests"]
    # (bob.py's problem where Python raises, line 2, is a test of its own, worth no points)
    assert [t["status"] for t in tests] == ["passed", "failed", "failed", "failed", "passed"]
    assert [t["score"] for t in tests] == [2, 0, 0, 0, 2]
    assert [t["max_score"] for t in tests] == [2, 2, 0, 2, 2]
    assert document["score"] == 4
    assert tests[1]["output"].startswith(f"{class_dir / 'bob.py'}:4:5: inputs[1] has 3 elements")
    assert "    4 |     [5, 6, 7]," in tests[1]["output"]
    assert all(t["visibility"] == "visible" for t in tests)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--points", "inputs=2"], "points go into --format gradescope only", id="not-gradescope"
        ),
        pytest.param(
            ["--format", "gradescope", "--points", "weights=2"],
            "weights is not a checked variable",
            id="unknown-name",
        ),
        pytest.param(
            ["--format", "gradescope", "--points", "inputs=x"],
            "is not a number of points",
            id="nan",
        ),
    ],
)
def test_points_usage_errors(class_dir, args, message):
    result = run(class_dir, "--var", "inputs", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_bad_files_do_not_stop_the_run(tmp_path):
    (tmp_path / "good.json").write_text("[1, 2]")
    (tmp_path / "garbage.json").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00")
    (tmp_path / "latin.json").write_bytes(b'["caf\xe9"]')
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    (tmp_path / "evil.py").write_text(f"import os\nos.system('touch {tmp_path}/pwned')\nx = [1]\n")
    (tmp_path / "empty").mkdir()
    result = run(tmp_path, tmp_path / "empty", tmp_path / "missing.json")
    assert result.exit_code == 1
    out = result.stdout
    assert (
        f"{tmp_path / 'garbage.json'}: error: this looks like a binary file (it contains NUL bytes)"
        in out
    )
    assert f"{tmp_path / 'latin.json'}:1:6: error: the file is not UTF-8 text (byte 0xe9" in out
    assert f"{tmp_path / 'loop.json'}: error: symbolic link loop" in out
    assert f"{tmp_path / 'missing.json'}: error: no such file" in out
    assert (
        f"{tmp_path / 'empty'}: missing: {tmp_path / 'empty'}: no readable files in this directory"
        in out
    )
    assert f"{tmp_path / 'evil.py'}:3:5: ok: x has shape (1,)" in out
    assert f"{tmp_path / 'good.json'}:1:1: ok: good has shape (2,)" in out
    assert out.splitlines()[-1] == "2 passed, 5 failed"
    assert not (tmp_path / "pwned").exists()
    assert "Traceback" not in result.output


def test_one_bad_file_never_ends_the_run_and_the_report_is_written(tmp_path, monkeypatch):
    # issue 9: an exception in one file was a traceback, no report, exit 1
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.json").write_text("[[1,2],[3,4]]")
    (tmp_path / "c" / "m.py").write_text("x = [[1, 2]]\n")
    real = checker.check_program

    def explode(result, *args, **kwargs):
        raise TypeError("unhashable type: 'list'")

    monkeypatch.setattr(checker, "check_program", explode)
    out = tmp_path / "rep.json"
    result = run(tmp_path / "c", "--format", "json", "-o", out)
    assert result.exit_code == 3
    document = json.loads(out.read_text())
    assert document["summary"] == {"files": 2, "passed": 1, "failed": 1, "unknown": 0}
    (problem,) = document["results"][1]["problems"]
    assert problem["message"].startswith(
        "shapekit itself failed on this file (TypeError: unhashable type: 'list')"
    )
    assert "Traceback" not in result.output
    monkeypatch.setattr(checker, "check_program", real)


def test_issue_9_reproducer_set_of_lists(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.json").write_text("[[1,2],[3,4]]\n")
    (tmp_path / "c" / "m.py").write_text("x = {[1, 2]}\n")
    out = tmp_path / "rep.json"
    result = run(tmp_path / "c", "--var", "x", "--format", "json", "-o", out)
    assert result.exit_code == 1
    document = json.loads(out.read_text())
    statuses = [r["variables"][0]["status"] for r in document["results"]]
    assert statuses == ["missing", "error"]  # a.json is a nameless list, not x


def test_max_bytes(tmp_path):
    (tmp_path / "a.json").write_text("[" + "1, " * 100 + "1]")
    result = run(tmp_path / "a.json", "--max-bytes", "100")
    # a file larger than shapekit reads is not judged (it may be right): unknown, not failed
    assert result.exit_code == 0
    assert "unknown: the file is 303 bytes, larger than the limit of 100 bytes" in result.stdout
    assert run(tmp_path / "a.json", "--max-bytes", "100", "--strict").exit_code == 1


def test_python_code_past_the_size_limit_is_unknown_not_an_error(tmp_path):
    # a correct file with a large array written out: running it works, so it is not wrong
    text = "import numpy as np\nx = np.array([" + "0.5, " * 250_000 + "])\n"
    (tmp_path / "big.py").write_text(text)
    namespace: dict = {}
    exec(compile(text, "big.py", "exec", dont_inherit=True), namespace)  # the oracle: it runs
    result = run(tmp_path / "big.py", "--expect", "x=250000", "--format", "json")
    assert result.exit_code == 0, result.output
    variable = json.loads(result.stdout)["results"][0]["variables"][0]
    assert variable["status"] == "unknown"
    assert "more than the 1,000,000 shapekit reads" in variable["message"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["x.json", "--expect", "3;4"],
            "Invalid value for '--expect': cannot read the expected shape '3;4'",
            id="expect",
        ),
        pytest.param(
            ["x.json", "--expect", "²,4"],
            "Invalid value for '--expect': cannot read the expected shape '²,4'",
            id="expect-superscript-digit",
        ),
        pytest.param(
            ["x.json", "--expect", ""],
            "Invalid value for '--expect': the expected shape is empty",
            id="expect-empty",
        ),
        pytest.param(
            ["x.json", "--expect", "1" + "0" * 5000],
            "larger than NumPy allows for a dimension",
            id="expect-5000-digits",
        ),
        pytest.param(
            ["x.json", "--output", "no/such/dir/report.xml"],
            "Invalid value for '--output': cannot write the report to 'no/such/dir/report.xml': there is no folder 'no/such/dir'",
            id="output-folder-missing",
        ),
        pytest.param([], "Missing argument 'FILE_OR_DIR...'", id="no-files"),
        pytest.param(["x.json", "--format", "xml"], "Invalid value for '--format'", id="format"),
        pytest.param(
            ["x.json", "--max-bytes", "0"], "Invalid value for '--max-bytes'", id="max-bytes"
        ),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr) < 1000


def test_output_refuses_a_checked_file(tmp_path):
    # issue 9: -o outt/alice.json overwrote a submission being checked
    (tmp_path / "alice.json").write_text("[1, 2]")
    before = (tmp_path / "alice.json").read_text()
    result = run(tmp_path, "-o", tmp_path / "alice.json", "--format", "json")
    assert result.exit_code == 2
    assert "it is one of the files being checked" in result.stderr
    assert (tmp_path / "alice.json").read_text() == before


def test_output_never_follows_a_symlink(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.json").write_text("[1]")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "rep.json").symlink_to(victim)
    result = run(tmp_path / "subs", "-o", tmp_path / "rep.json")
    assert result.exit_code == 2
    assert "it is a symbolic link" in result.stderr
    assert victim.read_text() == "keep me"


def test_output_refuses_a_fifo_without_hanging(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.json").write_text("[1]")
    os.mkfifo(tmp_path / "pipe")
    result = run(tmp_path / "subs", "-o", tmp_path / "pipe")
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_output_refuses_devices(tmp_path, device):
    (tmp_path / "a.json").write_text("[1]")
    result = run(tmp_path / "a.json", "-o", device)
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_terminal_escapes_in_a_submission_are_shown_escaped(tmp_path):
    # issue 9: a comment erased the ✗ line on a real terminal and printed a fake green ✓
    (tmp_path / "esc").mkdir()
    (tmp_path / "esc" / "a.py").write_text(
        "# \x1b[2K\x1b[1A\x1b[2K\x1b[32m✓ esc/a.py: (2, 2)\nx = [[1, 2], [3]]  # \x1b[2K\n"
    )
    (tmp_path / "esc" / "b\x1b[2K.json").write_text("[1]")
    result = run(tmp_path / "esc", "--var", "x")
    assert "\x1b" not in result.stdout
    assert "\\x1b[2K" in result.stdout


def test_exit_code_contract_is_in_help():
    result = CliRunner().invoke(main, ["check", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for line in [
        "0 every file passed",
        "1 some file failed",
        "2 usage error",
        "3 shapekit itself failed",
    ]:
        assert line in text


def test_progress_bar_on_a_terminal(class_dir, monkeypatch):
    monkeypatch.setattr(check_cmd, "show_progress", lambda stream, count: True)
    result = run(class_dir, "--var", "inputs")
    assert "checking" in result.stderr
    assert result.stdout.splitlines()[-1] == "2 passed, 2 failed"


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(
    ("stream", "no_color", "expected"),
    [
        pytest.param(FakeTerminal(), None, True, id="terminal"),
        pytest.param(FakeTerminal(), "1", False, id="terminal-NO_COLOR"),
        pytest.param(io.StringIO(), None, False, id="pipe"),
    ],
)
def test_use_color(monkeypatch, stream, no_color, expected):
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert check_cmd.use_color(stream) is expected


@pytest.mark.parametrize(
    ("stream", "count", "expected"),
    [
        pytest.param(FakeTerminal(), 500, True, id="many-on-terminal"),
        pytest.param(FakeTerminal(), 3, False, id="few-on-terminal"),
        pytest.param(io.StringIO(), 500, False, id="many-piped"),
    ],
)
def test_show_progress(stream, count, expected):
    assert check_cmd.show_progress(stream, count) is expected


def test_check_module_imports_nothing_heavy():
    code = (
        "import sys, shapekit_cli.check_cmd; "
        "print(sorted(m for m in ('numpy', 'graphviz', 'PIL', 'sphinx', 'shapekit.check.checker') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_output_dash_is_standard_output(class_dir, monkeypatch):
    monkeypatch.chdir(class_dir)
    result = run("ana.py", "--var", "inputs", "--expect", "?,4", "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is True
    assert not (class_dir / "-").exists()


#: a submission that runs (the condition is false when it runs), with a bug in the branch
#: the data decide: shapekit cannot know whether the line runs
DEAD_BRANCH = (
    "import numpy as np\ninputs = np.ones((3, 4))\nweights = np.random.rand(3, 4)\n"
    "out = inputs @ weights.T\n"
    "if out.max() > 100:\n    out = inputs @ weights\n"
)


def test_a_problem_on_a_path_running_may_not_take_is_possible_not_failed(tmp_path):
    """fresh22 and hostile20: a failing operation in a branch whose condition depends on data
    values made the file fail, though running it passes; it is a possible problem now, and
    the file unknown (neither passed nor failed) unless --strict."""
    (tmp_path / "a.py").write_text(DEAD_BRANCH)
    result = run(tmp_path / "a.py", "--expect", "inputs=3,4")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith(f"{tmp_path / 'a.py'}:6:11: possible problem: cannot compute ")
    assert lines[1].endswith(
        "— only if running the file gets there, which depends on the condition at line 5 "
        "(not known without running it)"
    )
    assert "      fix: inputs @ weights.T" in lines
    assert lines[-1].startswith("0 passed, 0 failed, 1 unknown")
    document = json.loads(
        run(tmp_path / "a.py", "--expect", "inputs=3,4", "--format", "json").stdout
    )
    assert document["summary"] == {"files": 1, "passed": 0, "failed": 0, "unknown": 1}
    (problem,) = document["results"][0]["problems"]
    assert (problem["line"], problem["certain"]) == (6, False)
    junit = ET.fromstring(
        run(tmp_path / "a.py", "--expect", "inputs=3,4", "--format", "junit").stdout
    )
    cases = junit[0].findall("testcase")
    assert [c[0].tag for c in cases] == ["system-out", "skipped"]
    grades = json.loads(
        run(tmp_path / "a.py", "--expect", "inputs=3,4", "--format", "gradescope").stdout
    )
    assert "status" not in grades["tests"][1]
    assert "could not tell whether this line runs" in grades["tests"][1]["output"]
    strict = run(tmp_path / "a.py", "--expect", "inputs=3,4", "--strict", "--format", "junit")
    assert strict.exit_code == 1
    assert ET.fromstring(strict.stdout)[0].findall("testcase")[1][0].tag == "failure"


@pytest.mark.parametrize(
    ("tail", "status"),
    [
        ("out = inputs @ weights\n", "failed"),  # certainly runs
        ("for i in range(3):\n    out = inputs @ weights\n", "failed"),  # steps followed
        ("for i in range(5000):\n    out = inputs @ weights\n", "failed"),  # its first step
        ("for i in range(m):\n    out = inputs @ weights\n", "unknown"),
        # a file is read as it runs without arguments: sys.argv is its name alone
        ("n = len(sys.argv)\nfor i in range(n):\n    out = inputs @ weights\n", "failed"),
        ("out = inputs @ weights if out.max() > 100 else out\n", "unknown"),
        ("out = out.max() > 100 and inputs @ weights\n", "unknown"),
        ("def f():\n    return inputs @ weights\nif out.max() > 100:\n    f()\n", "unknown"),
        ("def f():\n    return inputs @ weights\nf()\n", "failed"),
        # a condition on values known (np.ones'): decided
        ("k = np.ones(3)\nout = inputs @ weights if k.max() > 100 else out\n", "passed"),
        ("k = np.ones(3)\nif k.sum() == 3:\n    out = inputs @ weights\n", "failed"),
        ("try:\n    out = inputs @ weights\nexcept TypeError:\n    pass\n", "failed"),
        # the body certainly succeeds: the handler never runs
        ("try:\n    out = out.max()\nexcept TypeError:\n    out = inputs @ weights\n", "passed"),
        ("try:\n    out = out[m]\nexcept IndexError:\n    out = inputs @ weights\n", "unknown"),
        ("try:\n    out = out[n]\nexcept IndexError:\n    out = inputs @ weights\n", "passed"),
        ("try:\n    out = out[n + 3]\nexcept IndexError:\n    out = inputs @ weights\n", "failed"),
    ],
)
def test_what_runs_for_certain_fails_the_file(tmp_path, tail, status):
    source = "import os\nimport sys\nimport numpy as np\ninputs = np.random.rand(3, 4)\n"
    source += "weights = np.ones((3, 4))\nn = len(sys.argv)\nm = len(os.environ)\n"
    source += "out = inputs @ weights.T\n" + tail
    (tmp_path / "a.py").write_text(source)
    document = json.loads(
        run(tmp_path / "a.py", "--expect", "inputs=3,4", "--format", "json").stdout
    )
    summary = document["summary"]
    assert summary[status] == 1, document
