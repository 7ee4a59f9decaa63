"""Fonts of the in-process backend: DejaVu Sans found through the wheel's fontconfig, a
warning when only another font is there, an error for bitmaps when there is none."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from shapekit.errors import FontWarning, RenderError
from shapekit.render import fonts, inprocess

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def test_the_wheels_fontconfig_finds_dejavu_sans() -> None:
    found = inprocess.load().fonts
    assert found is not None, "the wheel's fontconfig was not found"
    assert found.ok and found.family == "DejaVu Sans"
    assert found.file is not None and Path(found.file).name == "DejaVuSans.ttf"


def test_shapekits_configuration_is_valid_fontconfig_xml() -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(fonts.config_text())
    assert root.tag == "fontconfig"
    assert any(d.text == "/usr/share/fonts" for d in root.iter("dir")) or sys.platform != "linux"
    assert root.find("cachedir") is not None


def test_another_font_is_a_warning_naming_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(fonts._STATE, "warned", False)
    other = fonts.FontCheck("Liberation Sans", "/x/LiberationSans.ttf")
    with pytest.warns(
        FontWarning, match="DejaVu Sans was not found, so figures are drawn in Liber"
    ):
        fonts.check(other, "svg")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fonts.check(other, "png")  # said once per process


def test_no_font_at_all_refuses_bitmaps_but_not_svg() -> None:
    nothing = fonts.FontCheck(None, None)
    for fmt in ("png", "pdf"):
        with pytest.raises(RenderError, match=r"no font was found .*fonts-dejavu-core"):
            fonts.check(nothing, fmt)
    fonts.check(nothing, "svg")


SCRIPT = """
from shapekit.figures import figure
fig = figure("dot", left=[1, 2], right=[3, 4])
print(len(fig.svg()))
fig.png()
print("png drawn")
"""


def _run_with_fonts(tmp_path: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    folder = tmp_path / "fonts"
    folder.mkdir()
    for file in files:
        (folder / file.name).symlink_to(file)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{folder}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n"
    )
    env = {"FONTCONFIG_FILE": str(conf), "PATH": str(tmp_path), "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_machine_without_fonts_says_so(tmp_path: Path) -> None:
    proc = _run_with_fonts(tmp_path, [])
    assert proc.returncode == 1
    assert "no font was found to write the figure's text" in proc.stderr
    assert "apt-get install fonts-dejavu-core" in proc.stderr
    assert proc.stdout.splitlines()[0].isdigit()  # the SVG was still drawn


@pytest.mark.skipif(not (DEJAVU / "DejaVuSerif.ttf").is_file(), reason="no DejaVu Serif here")
def test_a_machine_with_another_font_warns(tmp_path: Path) -> None:
    proc = _run_with_fonts(tmp_path, [DEJAVU / "DejaVuSerif.ttf"])
    assert proc.returncode == 0, proc.stderr
    assert "png drawn" in proc.stdout
    assert "FontWarning: the font DejaVu Sans was not found" in proc.stderr
    assert "drawn in DejaVu Serif" in proc.stderr
