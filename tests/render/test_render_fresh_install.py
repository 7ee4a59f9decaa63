"""``pip install shapekit`` alone draws SVG and PNG on a machine without Graphviz's ``dot``.

A fresh virtualenv, shapekit installed into it from this checkout (its dependencies from the
package index, or pip's cache), then ``shapekit render`` with a PATH that holds only the
virtualenv: no ``dot`` anywhere.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")]

ROOT = Path(__file__).resolve().parents[2]
NEURON = ["--inputs", "1,2,3", "--weights", "0.2,0.8,-0.5", "--bias", "2"]


def test_a_fresh_virtualenv_without_dot_renders_svg_and_png(tmp_path: Path) -> None:
    from PIL import Image

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / "bin"
    install = subprocess.run(
        [
            bin_dir / "python",
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    work = tmp_path / "work"
    work.mkdir()
    probe = subprocess.run(
        [bin_dir / "python", "-c", "import shutil; print(shutil.which('dot'))"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert probe.stdout.strip() == "None"
    for name in ("n.svg", "n.png"):
        proc = subprocess.run(
            [bin_dir / "shapekit", "render", "neuron", *NEURON, "-o", name],
            capture_output=True,
            text=True,
            env=env,
            cwd=work,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""  # no Fontconfig warning, no Graphviz chatter
    svg = (work / "n.svg").read_text()
    assert "<title" in svg and ">2.3<" in svg
    image = Image.open(work / "n.png")
    assert image.info["Title"] == "A neuron with 3 inputs"
    assert image.width > 500 and len(image.getcolors(1 << 16) or []) > 50  # drawn, with text
