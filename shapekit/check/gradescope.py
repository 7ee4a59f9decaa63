"""Gradescope's ``results.json``: one test per file × variable and one per problem.

Gradescope runs an autograder per submission and reads
``/autograder/results/results.json``; its format has a list of ``tests``,
each with a ``name``, a ``status`` (``passed`` or ``failed``), an ``output``
the student reads, and, when points are given, ``score`` and ``max_score``.
A submission may be one file or a folder of them: every file's tests go into
one document.

Points come from ``--points NAME=N``: the variable ``NAME`` is worth ``N``
points in every file, awarded when its shape is right. A problem (an
operation NumPy would refuse) is a failed test worth nothing, shown so the
student sees where. An ``unknown`` variable is neither passed nor failed: it
gets no status and no points yet, and its output says the course staff will
look at it (``--strict`` makes it a failure). Gradescope needs a ``score``
in the document or on every test: without ``--points`` the document's score
is the number of variables whose shape is right (a point each).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from shapekit.check.reports import (
    caret_excerpt,
    encodable,
    inert,
    location,
    problem_label,
    summary,
)
from shapekit.check.results import FileResult

__all__ = ["format_gradescope", "parse_points"]


def parse_points(values: Sequence[str]) -> dict[str, float]:
    """``NAME=N`` pairs from ``--points``; a bad one is a ValueError with the reason.

    >>> parse_points(["weights=2", "biases=0.5"])
    {'weights': 2.0, 'biases': 0.5}
    """
    points: dict[str, float] = {}
    for value in values:
        name, sep, number = value.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise ValueError(f"{value!r} is not NAME=POINTS (for example weights=2)")
        try:
            amount = float(number)
        except ValueError:
            raise ValueError(f"{value!r}: {number.strip()!r} is not a number of points") from None
        if not 0 <= amount < 1e9 or amount != amount:
            raise ValueError(f"{value!r}: points must be a number from 0 up")
        if name in points and points[name] != amount:
            raise ValueError(f"{name} is given points twice ({points[name]:g} and {amount:g})")
        points[name] = amount
    return points


def format_gradescope(
    results: Sequence[FileResult],
    *,
    points: Mapping[str, float] | None = None,
    strict: bool = False,
    visibility: str = "visible",
) -> str:
    """Gradescope's ``results.json`` for the checked files.

    >>> from shapekit.check.results import Variable
    >>> doc = json.loads(format_gradescope(
    ...     [FileResult("sub/a.py", [Variable("weights", "ok", shape=(3, 4), line=2, column=1)])],
    ...     points={"weights": 2}))
    >>> doc["tests"][0]["name"], doc["tests"][0]["status"], doc["tests"][0]["score"], doc["score"]
    ('sub/a.py::weights', 'passed', 2.0, 2.0)
    """
    points = {name: float(n) for name, n in (points or {}).items()}
    tests: list[dict[str, Any]] = []
    for result in results:
        tests.extend(_tests(result, points, strict, visibility))
    document: dict[str, Any] = {
        "output": summary(results, strict=strict),
        "visibility": visibility,
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    if points:
        document["score"] = sum(t.get("score", 0.0) for t in tests)
    else:  # Gradescope refuses a results.json with no score at all: a point per right variable
        document["score"] = float(sum(t.get("status") == "passed" for t in tests))
    return encodable(json.dumps(document, ensure_ascii=False, indent=2), in_json=True)


def _tests(
    result: FileResult, points: Mapping[str, float], strict: bool, visibility: str
) -> list[dict[str, Any]]:
    tests = []
    if result.internal_error is not None:
        tests.append(
            {
                "name": inert(f"{result.file}::internal-error"),
                "status": "failed",
                "output": inert(result.internal_error),
                "visibility": visibility,
            }
        )
    for variable in result.variables:
        where = location(result.file, variable.line, variable.column, variable.cell)
        output = [f"{where}: {inert(variable.message)}"]
        if variable.status != "ok" and variable.excerpt is not None and variable.column:
            output.append(caret_excerpt(variable.excerpt, variable.column, variable.line))
        test: dict[str, Any] = {
            "name": inert(f"{result.file}::{variable.name}"),
            "output": "\n".join(output),
            "visibility": visibility,
        }
        passed = variable.status == "ok"
        if variable.status == "unknown" and not strict:
            test["output"] += (
                "\nshapekit could not check this without running your code; "
                "the course staff will look at it."
            )
        else:
            test["status"] = "passed" if passed else "failed"
        if variable.name in points:
            test["max_score"] = points[variable.name]
            test["score"] = points[variable.name] if passed else 0.0
        tests.append(test)
    for problem in result.problems:
        where = location(result.file, problem.line, problem.column, problem.cell)
        output = [f"{where}: {inert(problem.message)}"]
        if problem.excerpt is not None and problem.column:
            output.append(caret_excerpt(problem.excerpt, problem.column, problem.line))
        output += [f"A fix that works: {inert(fix)}" for fix in problem.fixes[:3]]
        test = {
            "name": inert(f"{result.file}::{problem_label(problem)}"),
            "status": "failed",
            "output": "\n".join(output),
            "visibility": visibility,
        }
        if not problem.certain and not problem.fails_file and not strict:
            # a line running may never reach
            del test["status"]
            test["output"] += (
                "\nshapekit could not tell whether this line runs without running your code; "
                "the course staff will look at it."
            )
        if points:
            test["max_score"], test["score"] = 0.0, 0.0
        tests.append(test)
    return tests
