"""End to end: ``shapekit check`` over the corpus of submissions, with running them as the oracle.

The corpus (``tests/engine/corpus/``) is the chapter's layer exercise written the ways students
write it. Each file is run with NumPy in a subprocess (``tests/engine/_oracle.py``: the test
runs it, shapekit never does). A file is *correct* when it runs without error and leaves
``inputs``, ``weights`` and ``biases`` (at the top level or in a function) with the expected
shapes; any other file is *wrong*. ``shapekit check`` must reject no correct file and pass no
wrong one; a file it cannot judge is ``unknown``, listed here with its reasons.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

ENGINE = Path(__file__).parent / "engine"
CORPUS = ENGINE / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".py", ".ipynb"))
EXPECT = tomllib.loads((CORPUS / "corpus.toml").read_text())["expect"]


@cache
def oracle(name: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(ENGINE / "_oracle.py"), str(CORPUS / name)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=CORPUS,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def truly_correct(name: str) -> bool:
    ran = oracle(name)
    if ran["error"] is not None:
        return False
    for var, spec in EXPECT.items():
        found = ran["globals"].get(var) or ran["inner"].get(var)
        want = [int(n) for n in spec.split(",")]
        if found is None or found.get("kind") != "array" or found["shape"] != want:
            return False
    return True


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, Any]]:
    args = ["check", str(CORPUS), "--format", "json"]
    for var, spec in EXPECT.items():
        args += ["--expect", f"{var}={spec}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    return {Path(r["file"]).name: r for r in document["results"]}


def status(result: dict[str, Any]) -> str:
    if result["problems"] or any(v["status"] not in ("ok", "unknown") for v in result["variables"]):
        return "failed"
    if any(v["status"] == "unknown" for v in result["variables"]):
        return "unknown"
    return "passed"


def test_the_corpus_is_there():
    assert len(FILES) >= 45
    assert any(truly_correct(name) for name in FILES)
    assert not all(truly_correct(name) for name in FILES)


def test_no_correct_file_rejected_no_wrong_file_passed(report):
    rejected = [n for n in FILES if truly_correct(n) and status(report[n]) == "failed"]
    passed = [n for n in FILES if not truly_correct(n) and status(report[n]) == "passed"]
    assert rejected == [], {n: report[n] for n in rejected}
    assert passed == [], {n: report[n] for n in passed}


def test_unknowns_are_listed_with_their_reasons(report):
    unknown = {
        name: [
            (v["name"], v["line"], v["message"]) for v in r["variables"] if v["status"] == "unknown"
        ]
        for name, r in report.items()
        if status(r) == "unknown"
    }
    print(f"\n{len(unknown)} of {len(FILES)} files unknown:")
    for name, variables in unknown.items():
        for var, line, message in variables:
            print(f"  {name}:{line}: {var}: {message}")
            assert line is not None and "line" in message
    assert len(unknown) <= len(FILES) // 10


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith("w_")])
def test_every_error_running_raises_is_reported_at_its_line(report, name):
    error = oracle(name)["error"]
    if error is None:
        pytest.skip(f"{name} runs; it is wrong by its shapes")
    result = report[name]
    places = {(p["cell"], p["line"]) for p in result["problems"]}
    places |= {(v["cell"], v["line"]) for v in result["variables"] if v["status"] == "error"}
    assert (error["cell"], error["line"]) in places, (error, result)
