"""The distribution: what the wheel installs, the entry points, a light import."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_only_shapekit_and_shapekit_cli(tmp_path: Path) -> None:
    # build from a copy of the tracked files: setuptools writes build/ next to the sources
    src = tmp_path / "src"
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("shapekit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top_level == {"shapekit", "shapekit_cli"}
    assert "cli/__init__.py" not in names
    assert "shapekit/py.typed" in names
    assert "shapekit_cli/main.py" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "shapekit = shapekit_cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_import_is_light() -> None:
    code = (
        "import sys, json, shapekit; shapekit.ShapeError;"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('graphviz', 'PIL', 'sphinx', 'docutils', 'click', 'numpy'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "shapekit", "--help"], check=True, capture_output=True, text=True
    )
    assert "Usage: shapekit" in out.stdout
    for command in ("check", "explain", "render", "shape", "build", "serve"):
        assert command in out.stdout


def test_version_matches_metadata() -> None:
    from importlib.metadata import version

    import shapekit

    assert shapekit.__version__ == version("shapekit")
