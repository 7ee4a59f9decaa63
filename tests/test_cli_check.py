"""``shapekit check``: per-file lines, formats, exit codes, colour and progress rules."""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from shapekit_cli import check_cmd
from shapekit_cli.main import main


@pytest.fixture
def class_dir(tmp_path):
    """Three student files: two good, one ragged, and one syntax error."""
    (tmp_path / "ana.json").write_text("[[1, 2, 3, 4],\n [5, 6, 7, 8],\n [9, 10, 11, 12]]\n")
    (tmp_path / "bob.py").write_text(
        "import numpy as np\ninputs = np.array([\n    [1, 2, 3, 4],\n"
        "    [5, 6, 7],\n    [1, 2, 3, 4],\n])\n"
    )
    (tmp_path / "cy.py").write_text("inputs = [[1, 2, 3, 4],\n          [5, 6, 7, 8]\n")
    (tmp_path / "dee.json").write_text("[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]")
    (tmp_path / "README.md").write_text("not an array")
    return tmp_path


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, ["check", *map(str, args)])


def test_text_report(class_dir, monkeypatch):
    monkeypatch.chdir(class_dir)
    result = run(".", "--var", "inputs", "--expect", "?,4")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "✓ ana.json: (3, 4)"
    assert lines[1].startswith("✗ bob.py:4:5: inputs[1] has 3 elements")
    assert lines[2:4] == ["    4 |     [5, 6, 7],", "      |     ^"]
    assert lines[4] == "✗ cy.py:1:10: Python syntax error: '[' was never closed"
    assert lines[5:7] == ["    1 | inputs = [[1, 2, 3, 4],", "      |          ^"]
    assert lines[7] == "✓ dee.json: (3, 4)"
    assert lines[8] == "2 passed, 2 failed"
    assert "\033[" not in result.output


def test_all_passed_exits_0(class_dir):
    result = run(class_dir / "ana.json", class_dir / "dee.json", "--expect", "(3, 4)")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "2 passed, 0 failed"


def test_named_dimension_message(class_dir):
    (class_dir / "eve.json").write_text("[[1, 2, 3, 4], [5, 6, 7, 8]]")
    result = run(
        class_dir / "ana.json",
        class_dir / "dee.json",
        class_dir / "eve.json",
        "--expect",
        "batch,4",
    )
    assert result.exit_code == 1
    assert (
        f"✗ {class_dir / 'eve.json'}:1:1: the array has shape (2, 4): dimension 0 (batch) is 2 "
        "here but 3 in the other files"
    ) in result.stdout


def test_json_format(class_dir):
    result = run(class_dir, "--var", "inputs", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["ok"], document["passed"], document["failed"]) == (False, 2, 2)
    by_name = {r["file"].rsplit("/", 1)[1]: r for r in document["results"]}
    assert by_name["ana.json"] == {
        "file": str(class_dir / "ana.json"),
        "ok": True,
        "shape": [3, 4],
        "error": None,
    }
    error = by_name["bob.py"]["error"]
    assert {
        k: error[k] for k in ("kind", "axis", "path", "expected", "found", "line", "column")
    } == {
        "kind": "ragged",
        "axis": 1,
        "path": [1],
        "expected": 4,
        "found": 3,
        "line": 4,
        "column": 5,
    }
    assert by_name["cy.py"]["error"]["kind"] == "syntax"


def test_junit_format_to_output_file(class_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "report.xml"
    result = run(class_dir, "--var", "inputs", "--format", "junit", "--output", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "2 passed, 2 failed\n"
    suite = ET.parse(out).getroot()[0]
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["errors"]) == (
        "4",
        "1",
        "1",
    )
    assert [case[0].tag for case in suite] == ["system-out", "failure", "error", "system-out"]


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
        f"✗ {tmp_path / 'garbage.json'}: this looks like a binary file (it contains NUL bytes)"
        in out
    )
    assert f"✗ {tmp_path / 'latin.json'}:1:6: the file is not UTF-8 text (byte 0xe9" in out
    assert f"✗ {tmp_path / 'loop.json'}: symbolic link loop" in out
    assert f"✗ {tmp_path / 'missing.json'}: no such file" in out
    assert f"✗ {tmp_path / 'empty'}: no readable files in this directory" in out
    assert f"✓ {tmp_path / 'evil.py'}: (1,)" in out
    assert f"✓ {tmp_path / 'good.json'}: (2,)" in out
    assert out.splitlines()[-1] == "2 passed, 5 failed"
    assert not (tmp_path / "pwned").exists()
    assert "Traceback" not in result.output


def test_max_bytes(tmp_path):
    (tmp_path / "a.json").write_text("[" + "1, " * 100 + "1]")
    result = run(tmp_path / "a.json", "--max-bytes", "100")
    assert result.exit_code == 1
    assert "the file is 303 bytes, larger than the limit of 100 bytes" in result.stdout


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
            ["x.json", "--output", "no/such/dir/report.xml"],
            "Invalid value for '--output': cannot write the report to "
            "'no/such/dir/report.xml': there is no folder 'no/such/dir'",
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


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_report_that_cannot_be_written_is_a_usage_error(class_dir):
    # was click.FileError: exit 1, which autograders read as "a student file failed"
    result = run(class_dir / "ana.json", "--format", "junit", "--output", "/dev/full")
    assert result.exit_code == 2
    assert "Invalid value for '--output': cannot write the report to '/dev/full'" in result.stderr
    assert "Traceback" not in result.output


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
    import subprocess
    import sys

    code = (
        "import sys, shapekit_cli.check_cmd; "
        "print(sorted(m for m in ('numpy', 'graphviz', 'PIL', 'sphinx', 'shapekit.check.checker') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
