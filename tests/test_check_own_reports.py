"""A report written into the checked folder is never judged as a student's file."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from shapekit_cli import build_cmd
from shapekit_cli.main import main

from shapekit.check import reports
from shapekit.check.checker import Expectations, check_file, check_paths

GOOD = "inputs = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]\n"
BAD = "inputs = [[1, 2, 3, 4], [5, 6, 7]]\n"


@pytest.fixture
def subs(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "ana.py").write_text(GOOD)
    (folder / "bob.py").write_text(BAD)
    (folder / "cy.json").write_text(json.dumps({"inputs": [[1, 2, 3, 4]] * 3}))
    return folder


def run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("json", "report.json"), ("gradescope", "results.json"), ("text", "report.json")],
)
def test_report_written_into_the_checked_folder_is_not_read_next_time(subs, fmt, name):
    report = subs / name
    first = run(subs, "--expect", "inputs=?,4", "--format", fmt, "-o", report)
    text = report.read_text()
    second = run(subs, "--expect", "inputs=?,4", "--format", fmt, "-o", report)
    assert first.exit_code == second.exit_code == 1
    assert report.read_text() == text
    assert name not in text
    assert second.stderr == first.stderr == "2 passed, 1 failed\n"


def test_junit_report_in_the_folder_is_rewritten(subs):
    report = subs / "report.xml"
    first = run(subs, "--expect", "inputs=?,4", "--format", "junit", "-o", report)
    second = run(subs, "--expect", "inputs=?,4", "--format", "junit", "-o", report)
    assert first.exit_code == second.exit_code == 1
    assert "report.xml" not in report.read_text()


@pytest.mark.parametrize("fmt", ["json", "gradescope", "text"])
def test_an_older_report_in_the_folder_is_skipped_with_a_note(subs, fmt):
    old = run(subs, "--expect", "inputs=?,4", "--format", fmt).stdout
    (subs / "last-week.json").write_text(old)
    result = run(subs, "--expect", "inputs=?,4", "--format", "json")
    document = json.loads(result.stdout)
    assert document["summary"] == {"files": 3, "passed": 2, "failed": 1, "unknown": 0}
    assert all(not r["file"].endswith("last-week.json") for r in document["results"])
    what = {"json": "a JSON report", "gradescope": "a Gradescope results.json"}.get(
        fmt, "a text report"
    )
    assert f"last-week.json: skipped: {what} written by shapekit check" in result.stderr
    files = [r.file for r in check_paths([str(subs)], Expectations.parse(["inputs=?,4"]))]
    assert len(files) == 3 and not any(f.endswith("last-week.json") for f in files)


def test_a_junit_report_named_on_the_command_line_is_skipped(subs):
    (subs / "old.xml").write_text(run(subs, "--expect", "inputs=?,4", "--format", "junit").stdout)
    result = run(subs / "old.xml", subs / "ana.py", "--expect", "inputs=?,4")
    assert result.exit_code == 0
    assert "old.xml: skipped: a JUnit report written by shapekit check" in result.stderr
    assert result.stdout.strip().endswith("1 passed, 0 failed")


def test_a_student_file_at_the_report_path_is_never_written_over(subs):
    result = run(subs, "--expect", "inputs=?,4", "-o", subs / "cy.json")
    assert result.exit_code == 2
    assert "it is one of the files being checked" in result.stderr
    assert json.loads((subs / "cy.json").read_text()) == {"inputs": [[1, 2, 3, 4]] * 3}


def test_a_report_named_as_input_and_output_is_refused(subs):
    report = subs / "report.json"
    run(subs, "--expect", "inputs=?,4", "--format", "json", "-o", report)
    result = run(report, "--expect", "inputs=?,4", "-o", report)
    assert result.exit_code == 2
    assert "it is one of the files being checked" in result.stderr


def test_check_file_alone_still_judges_a_report(subs):
    """A grader's assert_file on a submission never skips it: a report is no student's work."""
    report = subs / "report.json"
    report.write_text(reports.format_json([]))
    result = check_file(str(report), Expectations.parse(["inputs=?,4"]))
    assert result.skipped is None
    assert result.variables[0].status == "missing"
    skipped = check_file(str(report), Expectations.parse(["inputs=?,4"]), skip_reports=True)
    assert skipped.skipped is not None and not skipped.variables


@pytest.mark.parametrize(
    "text",
    [
        '{"ok": true, "summary": {"files": 1}, "results": []}',  # another summary
        '{"ok": true, "summary": {"files": 1, "passed": 1, "failed": 0, "unknown": 0}}',
        '{"tests": "none", "output": "", "visibility": "", "stdout_visibility": ""}',
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pytest">',
        "[1, 2, 3]",
        "{not json",
        "x = [1, 2]\n1 passed, 0 failed\n",  # a student's last line that looks like a summary
        "a.py:1:1: ok: x has shape (2,)\n1 passed, 0 failed, and more\n",
    ],
)
def test_only_shapekits_own_reports_are_recognised(text):
    assert reports.own_report(text) is None


def test_one_inert_for_every_command():
    assert build_cmd.inert is reports.inert
    assert build_cmd.inert("specs/\x1b[2Kx.toml") == "specs/\\x1b[2Kx.toml"
    assert build_cmd.inert("a\tb\rc") == "a\\tb\\x0dc"
