"""``shapekit render`` options as the figure fields make them (issues 9 and 12): limits
named per option, .npy files for array options, aliases, sizes and PDF output."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

pytestmark = pytest.mark.needs_dot

DOT = ["--left", "1,2,3", "--right", "4,5,6"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["dot", *DOT, "--bias", "1" + "0" * 5000],
            "--bias: has a number of 5001 digits, far too large: numbers must fit in 64 bits",
        ),
        (["dot", *DOT, "--bias", str(2**63)], "--bias: has the integer 9223372036854775808"),
        (["dot", "--left", "1e400", "--right", "1"], "--left: is infinite, or too large"),
        (
            ["dot", *DOT, "--left-label", "a\x1b[31mb"],
            "--left-label: has an escape (U+001B) at character 2",
        ),
        (["dot", *DOT, "--left-label", "\udcff"], "--left-label: has an undecodable byte"),
        (["dot", *DOT, "--width", "2m"], "--width: expected a length such as 6in or 15cm"),
        (["dot", *DOT, "--width", "4in", "--scale", "2"], "give width or scale, not both"),
        (["dot", "--left", "nowhere.npy", "--right", "1"], "--left: nowhere.npy: no such file"),
    ],
    ids=[
        "5000-digits",
        "past-int64",
        "inf",
        "escape",
        "surrogate",
        "bad-width",
        "width-and-scale",
        "missing-npy",
    ],
)
def test_bad_values_are_usage_errors_naming_the_option(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, output = run(*args, "-o", str(tmp_path / "x.svg"))
    assert code == 2, output
    assert message in output
    assert "Traceback" not in output and "Exceeds the limit" not in output
    assert not (tmp_path / "x.svg").exists()


def test_array_options_read_npy_files(tmp_path: Path) -> None:
    np.save(tmp_path / "x.npy", np.array([1.0, 2.0, 3.0]))
    np.save(tmp_path / "w.npy", np.array([[0.2, 0.8, -0.5], [0.5, -0.9, 0.3]], dtype=np.float32))
    out = tmp_path / "layer.svg"
    code, output = run(
        "layer",
        "--inputs",
        str(tmp_path / "x.npy"),
        "--weights",
        str(tmp_path / "w.npy"),
        "--biases",
        "2,3",
        "-o",
        str(out),
    )
    assert code == 0, output
    svg = out.read_text(encoding="utf-8")
    assert ">\u22120.9<" in svg or "\u22120.9" in svg  # float32 keeps its printed digits
    assert "0.8999999" not in svg


def test_the_old_name_of_a_field_is_an_option_too(tmp_path: Path) -> None:
    new, old = tmp_path / "new.svg", tmp_path / "old.svg"
    assert run("array", "--values", "[[1, 2], [3, 4]]", "-o", str(new))[0] == 0
    assert run("array", "--value", "[[1, 2], [3, 4]]", "-o", str(old))[0] == 0
    assert new.read_bytes() == old.read_bytes()
    _, help_text = run("array", "--help")
    assert "--values, --value" in help_text and "Also accepted under 'value'" in help_text


def test_width_and_pdf(tmp_path: Path) -> None:
    out = tmp_path / "dot.pdf"
    code, output = run("dot", *DOT, "--width", "10cm", "-o", str(out))
    assert code == 0, output
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ", data)
    assert box and float(box.group(1)) == pytest.approx(10 / 2.54 * 72, abs=1)


def test_every_kind_has_width_and_scale_options() -> None:
    from shapekit.figures import KIND_NAMES

    for kind in KIND_NAMES:
        _, help_text = run(kind, "--help")
        assert "--width LENGTH" in help_text and "--scale NUMBER" in help_text, kind
