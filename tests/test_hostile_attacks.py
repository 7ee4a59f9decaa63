"""Regressions from an attacker's corpus kept outside the repository (issue 9, second round).

Each test is the minimal reproducer of one input that ended a run with an
internal error or gave an answer NumPy would not give.
"""

from __future__ import annotations

import io
import struct

import numpy as np
import pytest

from shapekit.check.readers import read_file
from shapekit.check.readers.arrays import read_npy
from shapekit.errors import InputError


def _npy(header: str, payload: bytes = b"", version: tuple[int, int] = (1, 0)) -> bytes:
    """A ``.npy`` file with this header dict, padded as NumPy pads it."""
    text = header.encode("latin1")
    text += b" " * (64 - (10 + len(text) + 1) % 64) + b"\n"
    return b"\x93NUMPY" + bytes(version) + struct.pack("<H", len(text)) + text + payload


def test_npy_with_more_dimensions_than_numpy_allows_is_refused_from_the_header() -> None:
    data = _npy("{'descr': '<f8', 'fortran_order': False, 'shape': (" + "1," * 100 + "), }")
    with pytest.raises(InputError, match=r"a\.npy: the header says the array has 100 dimensions"):
        read_npy(data + b"\0" * 8, file="a.npy")


@pytest.mark.parametrize("version", [(4, 0), (9, 0), (1, 1)], ids=str)
def test_npy_format_version_numpy_refuses_is_refused(version: tuple[int, int]) -> None:
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"
    data = _npy(header, b"\0" * 16, version=(1, 0))
    data = data[:6] + bytes(version) + data[8:]
    with pytest.raises(ValueError, match="we only support format version"):
        np.load(io.BytesIO(data))
    with pytest.raises(InputError, match=r"malformed header \(format version .*NumPy does not"):
        read_npy(data, file="a.npy")


@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)], ids=str)
def test_npy_format_versions_numpy_writes_are_read(version: tuple[int, int]) -> None:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.zeros((2, 3)), version=version)
    assert read_npy(buffer.getvalue()).value.shape == np.load(io.BytesIO(buffer.getvalue())).shape


@pytest.mark.parametrize("descr", ["|V0", "<U0", "|S0"])
def test_npy_of_zero_byte_elements_has_numpys_shape(descr: str) -> None:
    data = _npy(f"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({10**12},), }}")
    assert read_npy(data).value.shape == np.load(io.BytesIO(data)).shape == (10**12,)


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (b"# -*- coding: rot13 -*-\nx = [1]\n", "'rot13' is not a text encoding"),
        (b"# coding: ascii\nx = [1]  # \xe9\n", "'ascii' codec can't decode byte 0xe9"),
    ],
    ids=["not-a-text-codec", "byte-outside-the-declared-encoding"],
)
def test_python_file_whose_coding_line_cannot_decode_it_is_an_input_error(
    tmp_path, source: bytes, reason: str
) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(source)
    with pytest.raises(SyntaxError):
        compile(source, "a.py", "exec")
    with pytest.raises(InputError, match=r"Python cannot read this file in the encoding") as info:
        read_file(str(path), var="x")
    assert reason in str(info.value)


@pytest.mark.parametrize(
    "codec",
    ["punycode", "idna", "utf-7", "unicode_escape", "raw_unicode_escape", "uu_codec", "hex"],
)
def test_a_coding_line_of_any_codec_is_read_as_python_reads_it(tmp_path, codec: str) -> None:
    """Python decodes the file with the codec its coding line names, or refuses it with a
    SyntaxError; shapekit agrees, and never fails itself (punycode raised a UnicodeError)."""
    source = f"# coding: {codec}\nx = [1, 2]\n".encode()
    path = tmp_path / "a.py"
    path.write_bytes(source)
    try:
        namespace: dict = {}
        exec(compile(source, "a.py", "exec", dont_inherit=True), namespace)
    except SyntaxError:
        with pytest.raises(InputError, match=r"Python cannot read this file in the encoding"):
            read_file(str(path), var="x")
    else:
        assert read_file(str(path), var="x").value == namespace["x"]


def test_shape_of_a_python_file_honours_its_coding_line_like_check(tmp_path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\nx = [1, 2]  # \xe9\n")
    assert read_file(str(path), var="x").value == [1, 2]


def test_figure_save_replaces_a_planted_link_instead_of_writing_through_it(tmp_path) -> None:
    from shapekit.figures.drawing import figure

    victim = tmp_path / "victim.txt"
    victim.write_text("secret")
    (tmp_path / "out.svg").symlink_to(victim)
    figure("dot", left=[1, 2], right=[3, 4]).save(tmp_path / "out.svg")
    assert victim.read_text() == "secret"
    assert not (tmp_path / "out.svg").is_symlink()
    assert (tmp_path / "out.svg").read_bytes().startswith(b"<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.svg", "victim.txt"]


def test_figure_save_over_a_fifo_does_not_wait_for_a_reader(tmp_path) -> None:
    import os
    import signal

    from shapekit.figures.drawing import figure

    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("save() blocked opening the FIFO")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        figure("dot", left=[1, 2], right=[3, 4]).save(fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert fifo.is_file()


def test_figure_save_into_a_folder_is_an_output_error(tmp_path) -> None:
    from shapekit.errors import OutputError
    from shapekit.figures.drawing import figure

    (tmp_path / "d.svg").mkdir()
    with pytest.raises(OutputError, match=r"cannot save the figure as .*d\.svg'"):
        figure("dot", left=[1, 2], right=[3, 4]).save(tmp_path / "d.svg")


@pytest.mark.parametrize("tail", ["\n", "\n\n", "\r\n", "%0A"], ids=repr)
def test_service_refuses_an_encoded_spec_with_a_line_break_after_it(tail: str) -> None:
    from shapekit.service.codec import decode, encode
    from shapekit.service.problems import Problem

    encoded = encode('kind = "dot"')
    assert decode(encoded, limit=1000) == 'kind = "dot"'
    with pytest.raises(Problem, match="may use only letters, digits"):
        decode(encoded + tail, limit=1000)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("module.py", "x = [1]\n" + "y = 1\n" * 200_000),
        ("list.py", "x = [" + "0," * 600_000 + "]\n"),
    ],
    ids=["many-statements", "one-long-list"],
)
def test_python_code_past_the_size_limit_is_refused_before_parsing(
    tmp_path, name: str, text: str
) -> None:
    from shapekit.check.readers.pysource import MAX_CODE_CHARS

    assert len(text) > MAX_CODE_CHARS
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError, match=r"the Python code has [\d,]+ characters, more than"):
        read_file(str(path), var="x")


def test_check_reports_oversized_python_as_that_files_error(tmp_path) -> None:
    from shapekit.check.checker import check_paths

    (tmp_path / "big.py").write_text("x = [" + "0," * 600_000 + "]\n")
    (tmp_path / "ok.py").write_text("x = [1, 2]\n")
    results = {r.file.rsplit("/", 1)[1]: r.to_dict() for r in check_paths([str(tmp_path)])}
    assert "the Python code has 1,200,007 characters" in str(results["big.py"])
    assert results["big.py"]["ok"] is False
    assert results["ok.py"]["ok"] is True


def test_notebook_code_cells_count_together_against_the_size_limit() -> None:
    import json

    from shapekit.check.readers.notebook import code_cells

    cells = [{"cell_type": "code", "source": "x = [1]\n" * 1000} for _ in range(200)]
    with pytest.raises(InputError, match=r"a\.ipynb: the Python code has 1,600,000 characters"):
        code_cells(json.dumps({"cells": cells}), "a.ipynb")


_CELLS = [
    "0",
    "-0",
    "7",
    "+1",
    "1.",
    ".5",
    "-2.5",
    "1e5",
    "1E+5",
    "007",
    "1e400",
    "-",
    "e",
    " 3 ",
    "",
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_csv_plain_number_fast_path_reads_as_the_careful_reader(delimiter, monkeypatch) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from shapekit.check.readers import csvtable

    careful = csvtable.read_csv

    def slow(text: str) -> object:
        with monkeypatch.context() as patch:
            patch.setattr(csvtable, "_plain_rows", lambda text, delimiter: None)
            try:
                return careful(text, delimiter="\t" if delimiter == "\t" else ",").value
            except InputError as exc:
                return str(exc)

    rows = st.lists(
        st.lists(st.sampled_from(_CELLS), min_size=1, max_size=4), min_size=1, max_size=4
    )

    @settings(max_examples=150, deadline=None)
    @given(rows, st.sampled_from(["\n", "\r\n"]), st.booleans())
    def agree(table: list[list[str]], newline: str, final: bool) -> None:
        text = newline.join(delimiter.join(row) for row in table) + (newline if final else "")
        try:
            fast: object = careful(text, delimiter="\t" if delimiter == "\t" else ",").value
        except InputError as exc:
            fast = str(exc)
        assert fast == slow(text)

    agree()


def test_csv_of_a_million_numbers_is_read_by_the_json_parser() -> None:
    from shapekit.check.readers.csvtable import _plain_rows, read_csv

    text = "1,2.5,3\n" * 400_000
    assert _plain_rows(text, ",") is not None
    assert len(read_csv(text).value) == 400_000


def test_explain_directive_shapes_take_names_as_python_reads_them() -> None:
    import shapekit
    from shapekit.directives import parse_shapes

    shapes = parse_shapes("ｘ=3,4 𝑦=4")
    assert shapes == {"x": (3, 4), "y": (4,)}
    assert shapekit.explain("ｘ @ 𝑦", shapes=shapes).shape == (3,)
    with pytest.raises(shapekit.ShapekitError, match="gives 'x' twice"):
        parse_shapes("x=3 ｘ=4")


def test_myst_plugin_install_replaces_a_planted_link_instead_of_writing_through_it(
    tmp_path,
) -> None:
    import os

    from click.testing import CliRunner
    from shapekit_cli.main import main

    victim = tmp_path / "victim.txt"
    victim.write_text("secret")
    victim.chmod(0o644)
    project = tmp_path / "book"
    project.mkdir()
    (project / "shapekit_plugin.py").symlink_to(victim)
    result = CliRunner().invoke(main, ["myst-plugin", "--install", str(project)])
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "secret"
    assert victim.stat().st_mode & 0o777 == 0o644
    plugin = project / "shapekit_plugin.py"
    assert not plugin.is_symlink() and os.access(plugin, os.X_OK)
    assert plugin.read_text().startswith("#!")


def test_myst_plugin_python_line_must_be_one_line(tmp_path) -> None:
    from click.testing import CliRunner
    from shapekit_cli.main import main

    args = ["myst-plugin", "--install", str(tmp_path), "--python", "python3\nimport os"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "--python must be one line" in result.output
    assert not (tmp_path / "shapekit_plugin.py").exists()


@pytest.mark.parametrize(
    "expected",
    [(10**5000, 3), 10**5000, (-1, 3), (2, -3), (2**63, 3)],
    ids=["5000-digits-in-tuple", "5000-digits", "minus-one", "negative", "past-int64"],
)
def test_assert_shape_refuses_an_expected_length_numpy_never_has(expected: object) -> None:
    from shapekit.testing import assert_shape

    with pytest.raises(ValueError, match="each expected length must be a whole number from 0"):
        assert_shape(np.zeros((2, 3)), expected)


@pytest.mark.parametrize(
    "code",
    ["x = np.zeros((2, 3))[::0]", "x = np.zeros((2, 3))[:, 1:2:0]", "x = [1, 2][::0]"],
    ids=["array", "array-second-axis", "list"],
)
def test_a_slice_step_of_zero_is_refused_as_python_and_numpy_refuse_it(code: str) -> None:
    from shapekit.engine.program import analyse

    with pytest.raises(ValueError, match="slice step cannot be zero"):
        exec(compile("import numpy as np\n" + code, "<test>", "exec", dont_inherit=True), {})
    program = analyse([(None, "import numpy as np\n" + code + "\n")])
    assert [p.message for p in program.problems] == [
        f"cannot compute {code[4:]}: slice step cannot be zero"
    ]


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"weights": [1e308], "biases": [0]}, "weights", "go past the largest float"),
        ({"weights": [1e300], "biases": [0], "x_range": [-1e300, 1e300]}, "weights", "largest"),
        ({"weights": [1], "biases": [0], "x_range": [-1e308, 1e308]}, "x_range", "at most"),
        ({"weights": [1], "biases": [0], "x_range": [0, 1e-12]}, "x_range", "at least 1e-06"),
        ({"weights": [1], "biases": [0], "y_range": [0, 1e-300]}, "y_range", "at least 1e-06"),
    ],
    ids=["huge-weight", "huge-range-and-weight", "range-past-float", "tiny-x", "tiny-y"],
)
def test_function_figure_refuses_ranges_it_cannot_draw(fields, field, reason) -> None:
    from shapekit.errors import SpecError
    from shapekit.figures.drawing import figure

    with pytest.raises(SpecError, match=reason) as info:
        figure("function", **fields)
    assert info.value.field == field


def test_function_figure_of_large_but_finite_lines_is_drawn() -> None:
    from shapekit.figures.drawing import figure

    fig = figure("function", weights=[1e308], biases=[-1e308], x_range=[0, 1])
    assert b"<svg" in fig.svg()


def test_a_name_assigned_again_past_the_statement_budget_is_unknown_not_stale() -> None:
    from shapekit.engine.program import MAX_STATEMENTS, analyse

    text = "x = [1]\n" * (MAX_STATEMENTS + 10) + "x = [[1, 2]]\n"
    namespace: dict[str, object] = {}
    exec(compile(text, "<test>", "exec", dont_inherit=True), namespace)
    assert np.array(namespace["x"]).shape == (1, 2)
    binding = analyse([(None, text)]).binding("x")
    assert binding is not None
    assert binding.status == "unknown", binding
    assert binding.line == MAX_STATEMENTS + 11
    assert f"more than {MAX_STATEMENTS} steps" in (binding.reason or "")


@pytest.mark.parametrize(
    "code",
    [
        "np.zeros((2, 3)).sum(axis=(0, 0))",
        "np.zeros((2, 3)).mean(axis=(0, -2))",
        "np.sum(np.zeros((2, 3)), axis=(1, -1))",
    ],
    ids=["sum-method", "mean-negative", "np-sum"],
)
def test_a_reduction_over_the_same_axis_twice_is_refused_as_numpy_refuses_it(code: str) -> None:
    from shapekit.engine.program import analyse

    with pytest.raises(ValueError, match="duplicate value in 'axis'"):
        eval(code, {"np": np})
    program = analyse([(None, f"import numpy as np\nx = {code}\n")])
    assert program.binding("x").status == "error"
    assert [p.message for p in program.problems] == [
        f"cannot compute {code}: duplicate value in 'axis': axis "
        f"{0 if '0' in code.split('axis=')[1] else 1} is given twice"
    ]


def test_notebook_of_more_code_cells_than_the_limit_is_refused_before_parsing() -> None:
    import json

    from shapekit.check.readers.notebook import MAX_CODE_CELLS, code_cells

    cells = [{"cell_type": "code", "source": "x = [1]"}] * (MAX_CODE_CELLS + 1)
    with pytest.raises(InputError, match=r"a\.ipynb: the notebook has 10,001 code cells, more"):
        code_cells(json.dumps({"cells": cells}), "a.ipynb")
    assert len(code_cells(json.dumps({"cells": cells[:MAX_CODE_CELLS]}), "a.ipynb")) == 10_000


def test_a_notebook_of_more_code_cells_than_the_limit_is_unknown_not_an_error(tmp_path) -> None:
    """The hostile19 round: 10,001 cells of ``a = 1`` run, and the notebook was failed (an
    ``error``); a limit of shapekit's own is ``unknown``, as for a .py file over its size."""
    import json

    from shapekit.check.checker import Expectations, check_file
    from shapekit.check.readers.notebook import MAX_CODE_CELLS

    cells = [{"cell_type": "code", "source": "import numpy as np\ninputs = np.ones((3, 4))"}]
    cells += [{"cell_type": "code", "source": "a = 1"}] * MAX_CODE_CELLS
    path = tmp_path / "many.ipynb"
    path.write_text(json.dumps({"cells": cells, "nbformat": 4, "nbformat_minor": 5}))
    (variable,) = check_file(str(path), Expectations.parse(["inputs=3,4"])).variables
    assert variable.status == "unknown" and "10,001 code cells" in variable.message
