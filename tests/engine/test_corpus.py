"""The corpus of submissions, judged by :func:`shapekit.engine.program.analyse` and by running.

Each file of ``corpus/`` is run with NumPy in a subprocess (``_oracle.py``: the test runs it,
shapekit never does) and analysed without running. Python is the oracle: a file that runs
without error has no problem, a file that raises has a problem at the line that raised, and a
variable's known shape is the shape it has when the file has run. Unknowns must say why.
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

from shapekit.engine.program import Program, analyse

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".py", ".ipynb"))
TABLE = tomllib.loads((CORPUS / "corpus.toml").read_text())


def cells_of(path: Path) -> list[tuple[int | None, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return [(None, text)]
    cells = json.loads(text)["cells"]
    return [
        (number, "".join(cell["source"]))
        for number, cell in enumerate(cells, start=1)
        if cell["cell_type"] == "code"
    ]


@cache
def run(name: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "_oracle.py"), str(CORPUS / name)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=CORPUS,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


@cache
def analysed(name: str) -> Program:
    return analyse(cells_of(CORPUS / name), file=name)


def test_the_corpus_has_every_kind_of_file() -> None:
    kinds = {name[:2] for name in FILES}
    assert kinds == {"c_", "w_", "u_"}
    assert len(FILES) >= 45
    assert any(name.endswith(".ipynb") for name in FILES)


@pytest.mark.parametrize("name", FILES)
def test_problems_agree_with_running_the_file(name: str) -> None:
    ran, program = run(name), analysed(name)
    problems = [(p.cell, p.line, p.message) for p in program.problems]
    error = ran["error"]
    if error is None:
        assert problems == [], f"{name} runs without error, yet: {problems}"
    else:
        assert name.startswith("w_"), f"{name} raised {error}"
        where = (error["cell"], error["line"])
        assert where in {(cell, line) for cell, line, _ in problems}, (
            f"{name} raises {error['type']}: {error['message']} at {where}; reported: {problems}"
        )
    assert name.startswith("w_") == (error is not None)


@pytest.mark.parametrize("name", FILES)
def test_known_shapes_agree_with_running_the_file(name: str) -> None:
    ran, program = run(name), analysed(name)
    for var, binding in program.names.items():
        actual = ran["globals"].get(var) or ran["inner"].get(var)
        if binding.status == "unknown":
            assert binding.reason and binding.reason.startswith(f"`{var}` comes from"), binding
            continue
        if actual is None or binding.status != "known":
            continue
        assert actual["kind"] == "array", f"{name}: {var} is {actual}, shapekit says {binding}"
        assert tuple(actual["shape"]) == binding.shape, (
            f"{name}: {var} has the shape {tuple(actual['shape'])} when run, "
            f"shapekit says {binding.shape}"
        )


@pytest.mark.parametrize("name", sorted(TABLE["unknown"]))
def test_what_cannot_be_followed_is_unknown_with_a_reason(name: str) -> None:
    program = analysed(name)
    for var in TABLE["unknown"][name]:
        binding = program.binding(var)
        assert binding is not None and binding.status == "unknown", binding
        assert binding.reason and "line" in binding.reason


def expected(name: str) -> dict[str, tuple[int, ...]]:
    """The shapes a grader expects in ``name`` (the table's [expect], or the file's overrides)."""
    from shapekit.engine.expr import parse_shape

    table = TABLE["expect_overrides"].get(name, TABLE["expect"])
    return {var: parse_shape(spec) for var, spec in table.items()}


@pytest.mark.parametrize("name", [n for n in FILES if n.startswith("c_")])
def test_every_correct_file_has_the_expected_shapes(name: str) -> None:
    program = analysed(name)
    for var, shape in expected(name).items():
        binding = program.binding(var)
        assert binding is not None and (binding.status, binding.shape) == ("known", shape), binding


def test_unknown_rate() -> None:
    """Of the variables a run leaves, how many shapekit cannot judge (printed; at most 10 %)."""
    total = unknown = 0
    for name in FILES:
        ran, program = run(name), analysed(name)
        for var, binding in program.names.items():
            if var in ran["globals"] or var in ran["inner"]:
                total += 1
                unknown += binding.status == "unknown"
    rate = unknown / total
    print(f"\n{unknown} of {total} variables unknown ({rate:.1%}) in {len(FILES)} files")
    assert rate <= 0.10
