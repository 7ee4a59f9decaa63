"""The grader how-tos' examples, run as far as each tool installs here.

``docs/howto/examples/`` holds the files the how-tos show: a Gradescope
``run_autograder``, a GitHub Classroom test file and its ``autograding.json``,
an otter-grader test file and an nbgrader test cell. Each is run here with the
tool itself when it is installed (otter-grader, nbgrader), on a correct
submission of the chapter's layer exercise and on one with the chapter's bug.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "howto" / "examples"
BIN = Path(sys.executable).parent

INPUTS = "[[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]"
WEIGHTS = "[[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]"
CORRECT = f"""import numpy as np

inputs = {INPUTS}
weights = {WEIGHTS}
biases = [2.0, 3.0, 0.5]

outputs = np.dot(inputs, np.array(weights).T) + biases
"""
#: the chapter's signature bug: the dot product without .T
WRONG = CORRECT.replace("np.dot(inputs, np.array(weights).T)", "np.dot(inputs, weights)")


def notebook(source: str, *extra_cells: dict) -> str:
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": source,
        }
    ]
    return json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [*cells, *extra_cells]}
    )


def run_numpy(source: str) -> bool:
    """The oracle: does the submission run with NumPy?"""
    done = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True)
    return done.returncode == 0


def test_the_two_submissions_are_what_they_claim():
    assert run_numpy(CORRECT)
    assert not run_numpy(WRONG)


# -- Gradescope ---------------------------------------------------------------------------------


def gradescope(tmp_path: Path, files: dict[str, str]) -> dict:
    submission = tmp_path / "submission"
    submission.mkdir()
    for name, text in files.items():
        (submission / name).write_text(text)
    results = tmp_path / "results.json"
    env = {**os.environ, "SUBMISSION": str(submission), "RESULTS": str(results)}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", str(EXAMPLES / "gradescope" / "run_autograder")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(results.read_text())


def check_gradescope_schema(document: dict) -> None:
    """The fields Gradescope's results.json specification defines, with their types."""
    assert set(document) <= {
        "score",
        "execution_time",
        "output",
        "visibility",
        "stdout_visibility",
        "tests",
    }
    for test in document["tests"]:
        assert set(test) <= {
            "score",
            "max_score",
            "status",
            "name",
            "output",
            "visibility",
            "tags",
            "number",
        }
        assert test.get("status", "passed") in ("passed", "failed")
        assert test["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
    # "score": "optional, but required if not on each test case below"
    assert "score" in document or all("score" in t for t in document["tests"])


def test_gradescope_correct_submission(tmp_path):
    document = gradescope(tmp_path, {"layer.py": CORRECT})
    check_gradescope_schema(document)
    assert [t["status"] for t in document["tests"]] == ["passed"] * 3
    assert document["score"] == 4
    assert sum(t["max_score"] for t in document["tests"]) == 4


def test_gradescope_wrong_submission_shows_the_place_and_the_fix(tmp_path):
    document = gradescope(tmp_path, {"layer.py": WRONG})
    check_gradescope_schema(document)
    problems = [t for t in document["tests"] if "problem at line 7" in t["name"]]
    assert len(problems) == 1, document["tests"]
    (problem,) = problems
    assert problem["status"] == "failed"
    assert "layer.py:7:" in problem["output"]
    assert "A fix that works: np.dot(inputs, np.array(weights).T)" in problem["output"]


def test_gradescope_folder_of_files(tmp_path):
    files = {
        "inputs.csv": "1,2,3,4\n5,6,7,8\n9,1,2,3\n",
        "weights.json": "[[1, 2, 3, 4]]",
        "biases.py": "biases = [1, 2, 3]\n",
    }
    document = gradescope(tmp_path, files)
    by_name = {t["name"].rsplit("/", 1)[1]: t for t in document["tests"]}
    assert by_name["inputs.csv::inputs"]["status"] == "passed"
    assert by_name["weights.json::weights"]["status"] == "failed"
    assert by_name["biases.py::biases"]["status"] == "passed"


# -- GitHub Classroom (pytest) ------------------------------------------------------------------


def classroom(tmp_path: Path, layer: str) -> subprocess.CompletedProcess[str]:
    shutil.copytree(EXAMPLES / "github-classroom", tmp_path / "repo")
    (tmp_path / "repo" / "layer.py").write_text(layer)
    setup = json.loads(
        (tmp_path / "repo" / ".github" / "classroom" / "autograding.json").read_text()
    )
    (test,) = setup["tests"]
    command = test["run"].split()
    assert command[:3] == ["python", "-m", "pytest"]
    return subprocess.run(
        [sys.executable, *command[1:], "-p", "no:cacheprovider"],
        cwd=tmp_path / "repo",
        capture_output=True,
        text=True,
    )


def test_github_classroom_correct_submission_passes(tmp_path):
    done = classroom(tmp_path, CORRECT)
    assert done.returncode == 0, done.stdout
    assert "1 passed" in done.stdout


def test_github_classroom_wrong_submission_fails_with_the_located_message(tmp_path):
    done = classroom(tmp_path, WRONG)
    assert done.returncode == 1
    assert "layer.py:7:" in done.stdout
    assert "fix: np.dot(inputs, np.array(weights).T)" in done.stdout
    assert "shapekit/testing.py" not in done.stdout  # shapekit's frames are hidden


# -- otter-grader ---------------------------------------------------------------------------------


def otter(tmp_path: Path, source: str, env: dict) -> object:
    pytest.importorskip("otter")
    from otter.test_files import ExceptionTestFile

    (tmp_path / "layer.ipynb").write_text(notebook(source))
    test_file = ExceptionTestFile.from_file(str(EXAMPLES / "otter" / "tests" / "q1.py"))
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        test_file.run(env)
    finally:
        os.chdir(here)
    return test_file


def test_otter_correct_notebook(tmp_path):
    test_file = otter(tmp_path, CORRECT, {"weights": json.loads(WEIGHTS)})
    assert test_file.passed_all, test_file.summary()
    assert test_file.grade == 1.0


def test_otter_wrong_notebook(tmp_path):
    transposed = [list(row) for row in zip(*json.loads(WEIGHTS), strict=True)]
    test_file = otter(tmp_path, WRONG, {"weights": transposed})
    assert not test_file.passed_all
    summary = test_file.summary()
    assert "layer.ipynb:7:" in summary and "(cell 1)" in summary
    assert "weights should have shape (3, 4), but it has shape (4, 3)" in summary
    assert "did you mean `weights.T`?" in summary
    assert test_file.grade == 0.0


# -- nbgrader -----------------------------------------------------------------------------------

NBGRADER = textwrap.dedent(
    """
    import json, os, shutil, sys
    from nbgrader.apps import NbGraderAPI
    from nbgrader.api import Gradebook
    from traitlets.config import Config

    course, students = sys.argv[1], sys.argv[2:]
    config = Config()
    config.CourseDirectory.root = course
    config.CourseDirectory.course_id = "shapes"
    config.CourseDirectory.db_assignments = [dict(name="ps1")]
    config.CourseDirectory.db_students = [dict(id=s) for s in students]
    config.Execute.timeout = 120
    api = NbGraderAPI(config=config)
    out = api.generate_assignment("ps1", force=True)
    assert out["success"], out["log"][-3000:]
    scores = {}
    for student in students:
        out = api.autograde("ps1", student, force=True)
        assert out["success"], out["log"][-3000:]
    with Gradebook(f"sqlite:///{course}/gradebook.db") as gb:
        for student in students:
            sub = gb.find_submission("ps1", student)
            scores[student] = [sub.score, sub.max_score]
    print(json.dumps(scores))
    """
)


def nbgrader_notebook(answer: str) -> str:
    grade_cell = {
        "cell_type": "code",
        "id": "shapes",
        "metadata": {
            "nbgrader": {
                "grade": True,
                "solution": False,
                "locked": True,
                "grade_id": "shapes",
                "points": 2,
                "schema_version": 3,
            }
        },
        "execution_count": None,
        "outputs": [],
        "source": (EXAMPLES / "nbgrader" / "grade_cell.py").read_text(),
    }
    answer_cell = {
        "cell_type": "code",
        "id": "answer",
        "metadata": {
            "nbgrader": {
                "grade": False,
                "solution": True,
                "locked": False,
                "grade_id": "answer",
                "schema_version": 3,
            }
        },
        "execution_count": None,
        "outputs": [],
        "source": answer,
    }
    document = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "cells": [answer_cell, grade_cell],
    }
    return json.dumps(document)


@pytest.mark.slow
def test_nbgrader_autograde_scores_the_shapes(tmp_path):
    pytest.importorskip("nbgrader")
    if shutil.which("alembic", path=str(BIN)) is None:
        pytest.skip("nbgrader's alembic command is not installed")
    course = tmp_path / "course"
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "source" / "ps1" / "layer.ipynb").write_text(nbgrader_notebook(CORRECT))
    transposed = CORRECT.replace(
        f"weights = {WEIGHTS}", "weights = np.array(" + WEIGHTS + ").T.tolist()"
    )
    for student, answer in [("ana", CORRECT), ("bob", transposed)]:
        folder = course / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        (folder / "layer.ipynb").write_text(nbgrader_notebook(answer))
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [sys.executable, "-c", NBGRADER, str(course), "ana", "bob"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    scores = json.loads(done.stdout.strip().splitlines()[-1])
    assert scores == {"ana": [2.0, 2.0], "bob": [0.0, 2.0]}
