"""shapekit.testing: assertion helpers whose failures explain themselves."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from shapekit.testing import NoShape, assert_file, assert_shape, shape_of

PASSING = {
    "exact": ([[1, 2, 3], [4, 5, 6]], (2, 3)),
    "any-rows": ([[1, 2], [3, 4], [5, 6]], (None, 2)),
    "all-any": ([[[1]]], (None, None, None)),
    "scalar": (3.0, ()),
    "numpy": (np.zeros((4, 2)), [4, 2]),
}


@pytest.mark.parametrize(("value", "expected"), PASSING.values(), ids=PASSING.keys())
def test_assert_shape_passes(value: Any, expected: Any) -> None:
    assert_shape(value, expected)


FAILING = {
    "wrong-length": (
        [[1, 2, 3, 4, 5]] * 3,
        (3, 4),
        "inputs",
        "inputs should have shape (3, 4), but it has shape (3, 5): dimension 1 is 5, not 4",
    ),
    "two-wrong": (
        [[1, 2]] * 4,
        (3, 4),
        "inputs",
        "inputs should have shape (3, 4), but it has shape (4, 2): dimension 0 is 4, not 3; "
        "dimension 1 is 2, not 4",
    ),
    "wrong-ndim": (
        [1, 2, 3],
        (None, 3),
        None,
        "the value should have shape (?, 3), but it has shape (3,): "
        "it has 1 dimension where 2 were expected",
    ),
    "ragged": (
        [[1, 2, 3], [4, 5, 6], [7, 8]],
        (3, 3),
        "inputs",
        "inputs should have shape (3, 3), but it is not an array: inputs[2] has 2 elements, "
        "but the other rows along dimension 1 have 3, so the list is not homologous and cannot "
        "be an array; its shape starts (3,) and then breaks",
    ),
    "mixed-deeper": (
        [[[1, 2], [3, 4]], [[5, 6], 7]],
        (2, 2, 2),
        "batch",
        "batch should have shape (2, 2, 2), but it is not an array: batch[1][1] is the "
        "integer 7, but the other elements at the same depth are lists, so the list is not "
        "homologous and cannot be an array; its shape starts (2, 2) and then breaks",
    ),
    "not-a-number": (
        [[1, "2"]],
        (1, 2),
        "w",
        "w should have shape (1, 2), but it is not an array: w[0][1] is the string '2', not a real "
        "number, so the list cannot be a numeric array; write 2 without quotes to make it a number",
    ),
}


@pytest.mark.parametrize(
    ("value", "expected", "name", "message"), FAILING.values(), ids=FAILING.keys()
)
def test_assert_shape_explains_failures(
    value: Any, expected: Any, name: str | None, message: str
) -> None:
    with pytest.raises(AssertionError) as info:
        assert_shape(value, expected, name=name)
    assert str(info.value) == message


def test_assert_shape_bool_option() -> None:
    with pytest.raises(AssertionError, match="allow_bool=True"):
        assert_shape([True, False], (2,))
    assert_shape([True, False], (2,), allow_bool=True)


def test_shape_of() -> None:
    assert shape_of([[1, 2]]) == (1, 2)
    broken = shape_of([[1], [2, 3], [4, 5]], name="x")
    assert isinstance(broken, NoShape)
    assert broken != (2, 2)
    assert broken.error.kind == "ragged"
    assert repr(broken) == (
        "<no shape: x[0] has 1 element, but the other rows along dimension 1 have 2, "
        "so the list is not homologous and cannot be an array>"
    )


def test_failures_read_well_in_a_students_pytest_run(tmp_path: Path) -> None:
    test_file = tmp_path / "test_student.py"
    test_file.write_text(
        textwrap.dedent(
            """
            from shapekit.testing import assert_shape, shape_of

            inputs = [[1, 2, 3, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3]]

            def test_with_assert_shape():
                assert_shape(inputs, (3, 4), name="inputs")

            def test_with_shape_of():
                assert shape_of(inputs, name="inputs") == (3, 4)
            """
        )
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    explanation = "inputs[2] has 3 elements, but the other rows along dimension 1 have 4"
    assert result.stdout.count(explanation) >= 2, result.stdout
    assert "2 failed" in result.stdout


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param([1.0, 2.0, 3.0], "3", id="string-one-dimension"),
        pytest.param([[1, 2, 3, 4]] * 3, "3,4", id="string"),
        pytest.param([[1, 2, 3, 4]] * 3, "(?, 4)", id="string-wildcard"),
        pytest.param([1.0, 2.0, 3.0], 3, id="int"),
        pytest.param(np.zeros((3, 4)), (np.int64(3), np.int64(4)), id="numpy-ints"),
    ],
)
def test_assert_shape_accepts_written_shapes(value: Any, expected: Any) -> None:
    # issue 10: "3" was compared as ('3',) ("(3,) but it has (3,)"), "3,4" as (3, ',', 4)
    assert_shape(value, expected)


def test_assert_shape_string_failure_message() -> None:
    with pytest.raises(AssertionError) as info:
        assert_shape([1.0, 2.0, 3.0], "4", name="biases")
    assert str(info.value) == (
        "biases should have shape (4,), but it has shape (3,): dimension 0 is 3, not 4"
    )


@pytest.mark.parametrize(
    ("expected", "error", "match"),
    [
        pytest.param(3.5, TypeError, "must be a tuple like", id="float"),
        pytest.param(
            (3, "4"), TypeError, "each expected length must be an int or None", id="str-dim"
        ),
        pytest.param(True, TypeError, "must be a tuple", id="bool"),
        pytest.param("3;4", ValueError, "cannot read the expected shape", id="bad-string"),
        pytest.param("batch,4", ValueError, "names a dimension", id="named"),
    ],
)
def test_assert_shape_refuses_unusable_expected_shapes(
    expected: Any, error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        assert_shape([1, 2, 3], expected)


def test_transposed_array_gets_the_hint() -> None:
    with pytest.raises(AssertionError, match=r"did you mean `weights\.T`\?$"):
        assert_shape(np.zeros((4, 3)), (3, 4), name="weights")
    with pytest.raises(AssertionError) as info:  # not a transpose: no hint
        assert_shape(np.zeros((4, 5)), (3, 4), name="weights")
    assert ".T" not in str(info.value)


def test_shapekit_frames_are_hidden_from_pytest_tracebacks(tmp_path: Path) -> None:
    test_file = tmp_path / "test_hidden.py"
    test_file.write_text(
        "from shapekit.testing import assert_shape\n\n"
        "def test_it():\n    assert_shape([1, 2], (3,), name='b')\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "b should have shape (3,), but it has shape (2,)" in result.stdout
    assert "shapekit/testing.py" not in result.stdout


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    path = tmp_path / "sub.py"
    path.write_text(
        "import numpy as np\n"
        "inputs = [[1.0, 2.0, 3.0, 2.5], [2.0, 5.0, -1.0, 2.0], [-1.5, 2.7, 3.3, -0.8]]\n"
        "weights = [[0.2, 0.8, -0.5, 1.0], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]]\n"
        "biases = [2.0, 3.0]\n"
    )
    return path


def test_assert_file_passes_and_returns_the_result(submission: Path, capfd: Any) -> None:
    result = assert_file(submission, inputs="3,4", weights="3,4")
    assert result.ok
    assert [v.name for v in result.variables] == ["inputs", "weights"]
    assert capfd.readouterr() == ("", "")


def test_assert_file_fails_with_the_located_message_and_no_stderr(
    submission: Path, capfd: Any
) -> None:
    with pytest.raises(AssertionError) as info:
        assert_file(submission, inputs="3,4", weights="3,4", biases="3")
    assert str(info.value).splitlines() == [
        f"{submission}:4:10: wrong-shape: biases has shape (2,), but (3,) was expected: "
        "dimension 0 is 2, not 3",
        "    4 | biases = [2.0, 3.0]",
        "      |          ^",
    ]
    assert capfd.readouterr() == ("", "")  # nbgrader scores any stderr output as a failure


def test_assert_file_mapping_and_unknown(tmp_path: Path) -> None:
    path = tmp_path / "sub.py"
    path.write_text("import data\ninputs = data.load()\n")
    assert assert_file(path, {"inputs": "3,4"}).status == "unknown"
    with pytest.raises(AssertionError, match=r"2:10: unknown: .*data\.load\(\)"):
        assert_file(path, {"inputs": "3,4"}, strict=True)
    with pytest.raises(ValueError, match="expected twice"):
        assert_file(path, {"inputs": "3,4"}, inputs="4,3")


@pytest.mark.parametrize("module", ["tokenize", "csv", "zipfile", "pickle"])
def test_assert_file_from_the_submissions_folder_imports_nothing_from_it(
    tmp_path: Path, module: str
) -> None:
    # a grader run from the submission's folder (python -c, a kernel started there) has the
    # folder first on sys.path: the modules shapekit imports while checking must still be
    # the standard library's, never a submitted file of that name
    canary = tmp_path / "ran"
    (tmp_path / f"{module}.py").write_text(f"open({str(canary)!r}, 'w').write('ran')\n")
    (tmp_path / "sub.py").write_text("import numpy as np\ny = np.ones(3)\n")
    code = (
        "import sys, shapekit.testing\n"
        "before = list(sys.path)\n"
        "print(shapekit.testing.assert_file('sub.py', y='3').status, sys.path == before)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    # (NumPy imports tokenize and pickle: running sub.py in that folder runs the file beside
    # in their place, which may break NumPy, so the submission is not judged there; csv and
    # zipfile NumPy does not import)
    judged = "unknown" if module in ("tokenize", "pickle") else "passed"
    assert run.stdout.split() == [judged, "True"], run.stderr
    assert not canary.exists()
