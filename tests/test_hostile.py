"""Hostile-input smoke test (issue 9): every command on a corpus of nasty inputs.

Each command runs in its own process under a 2 GiB address-space limit
(``RLIMIT_AS``) and a 20 s timeout, on control characters, huge numbers, deep
nesting, binary junk, empty files and FIFOs. None may print a Python traceback
or say it failed internally; each exits with a documented code (0, 1 or 2: 3
means shapekit itself failed), and a batch (``check -o``, ``build``, ``render
DIR``) writes its whole report. The commands run a few at a time, in about a
minute in all.

Also here: the command line's last-resort handler (exit 3, one line, ``--debug``).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from shapekit_cli.main import main

MEMORY_LIMIT = 2 * 1024**3
TIMEOUT = 20
DIGITS = "1" + "0" * 5000
JUNK = bytes(range(256)) * 8


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _npy(header: bytes) -> bytes:
    """A .npy file (format 1.0) with this header dictionary text and no data."""
    header += b" " * (-(len(header) + 11) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header


def _notebook(source: str) -> str:
    cell = {"cell_type": "code", "source": source, "metadata": {}, "outputs": []}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


#: the corpus of submissions, by file name
FILES: dict[str, bytes | str] = {
    "ok.json": "[[1, 2], [3, 4]]",
    "empty.json": "",
    "empty.py": "",
    "empty.ipynb": "",
    "empty.npy": "",
    "empty.npz": "",
    "empty.csv": "",
    "junk.json": JUNK,
    "junk.py": JUNK,
    "junk.ipynb": JUNK,
    "junk.npy": JUNK,
    "junk.npz": JUNK,
    "junk.csv": JUNK,
    "huge.json": f"[1{'0' * 5000}]",
    "huge-hex.py": f"x = [[1, 0x{'f' * 5000}]]\n",
    "huge.py": f"x = [[1, {DIGITS}]]\n",
    "huge.csv": f"1,{DIGITS}\n",
    "huge.ipynb": _notebook(f"x = [{DIGITS}]"),
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "deep.py": "x = " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep.ipynb": '{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "unhashable.py": "x = {[1, 2]}\n",
    "control\x1b[2K\x1b[1A.py": "# \x1b[2K\x1b[1A\x1b[32m✓ fake\nx = [[1, 2], [3]]\n",
    "bomb.npy": _npy(b"{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"),
    "bad-header.npy": _npy(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3,"),
    "text.npz": "just text",
    "many-keys.json": json.dumps({f"k{i}": [i] for i in range(200_000)}),
}

#: spec files for render and build: one good, the rest hostile
GOOD_SPEC = """title = "Good"

[[figure]]
id = "good"
title = "Good"
caption = "A good figure."
kind = "dot"
left = [1, 2]
right = [3, 4]
"""
SPECS: dict[str, bytes | str] = {
    "good.toml": GOOD_SPEC,
    "deep-array.toml": 'title = "T"\nx = ' + "[" * 5000 + "]" * 5000 + "\n",
    "deep-tables.toml": 'title = "T"\nx = ' + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    "order.toml": f'title = "T"\norder = {DIGITS}\n',
    "keys.toml": 'title = "T"\n' + "".join(f"k{i} = 1\n" for i in range(8000)),
    "id.toml": GOOD_SPEC.replace('"good"', '"ok-\\n"'),
    "control.toml": GOOD_SPEC.replace('"Good"', '"\\u001b[2KGood"').replace('"good"', '"ctl"'),
    "big-value.toml": GOOD_SPEC.replace("[1, 2]", f"[{DIGITS}, 2]").replace('"good"', '"big"'),
    "empty.toml": "",
    "junk.toml": JUNK,
    "quoted.toml": 'title = "Quoted"\n'
    + "".join(
        GOOD_SPEC.split("\n", 2)[2]
        .replace("[[figure]]", '[["figure"]]')
        .replace('"good"', f'"q{i}"')
        for i in range(3)
    ),
}


@dataclass
class Case:
    args: list[str | bytes]
    stdin: bytes = b""
    #: files a batch run must have written, relative to the corpus folder
    writes: tuple[str, ...] = ()


def cases() -> dict[str, Case]:
    """Every command on the corpus (paths are relative to the corpus folder)."""
    out: dict[str, Case] = {}
    for name in [*FILES, "fifo.json"]:
        out[f"shape {name!r}"] = Case(["shape", f"subs/{name}"])
    for label, text in {
        "unhashable": "{[1]: 2}",
        "huge": f"[{DIGITS}]",
        "deep": "[" * 100_000,
        "junk": JUNK.decode("latin-1"),
    }.items():
        out[f"shape stdin {label}"] = Case(["shape", "-"], stdin=text.encode("utf-8", "replace"))
    out["check class json -o"] = Case(
        ["check", "subs", "--var", "x", "--format", "json", "-o", "reports/rep.json"],
        writes=("reports/rep.json",),
    )
    out["check class text"] = Case(["check", "subs", "--expect", "x=2,2"])
    out["check --expect 5000 digits"] = Case(["check", "subs/ok.json", "--expect", DIGITS])
    out["check -o a checked file"] = Case(["check", "subs/ok.json", "-o", "subs/ok.json"])
    out["check -o a fifo"] = Case(["check", "subs/ok.json", "-o", "subs/fifo.json"])
    out["check -o a link"] = Case(["check", "subs/ok.json", "-o", "reports/link.json"])
    for label, args in {
        "unary minus on a value": ["-x", "--value", "x=[1,2]"],
        "unary plus on a list": ["+[1, 2]"],
        "5000-digit shape": ["x @ x", "--shape", f"x={DIGITS}"],
        "5000-digit value": ["x + 1", "--value", f"x=[{DIGITS}]"],
        "value 30000 deep": ["x", "--value", "x=" + "[" * 30_000 + "]" * 30_000],
        # four list literals of 480 elements, shaped (480,), (480, 1), (480, 1, 1) and
        # (480, 1, 1, 1): they broadcast to 480**4 elements
        "broadcast bomb": [
            " + ".join("[" + ",".join(["[" * k + "1" + "]" * k] * 480) + "]" for k in range(4))
        ],
        "long expression": [" + ".join(["x"] * 5000), "--shape", "x=3"],
        "control characters": ["x\x1b[2K @ y", "--shape", "x=3"],
        "fullwidth names": ["ｘ @ 𝑦", "--shape", "ｘ=3,4", "--shape", "𝑦=4"],
        "empty": [""],
    }.items():
        out[f"explain {label}"] = Case(["explain", *args])
    out["render dot undecodable label"] = Case(
        ["render", "dot", "--left", "1,2", "--right", "3,4", "--left-label", b"\xff", "-o", "d.svg"]
    )
    out["render dot surrogate label"] = Case(
        [
            "render",
            "dot",
            "--left",
            "1,2",
            "--right",
            "3,4",
            "--left-label",
            b"\xed\xa0\x80",
            "-o",
            "d.svg",
        ]
    )
    out["render dot 5000-digit bias"] = Case(
        ["render", "dot", "--left", "1,2", "--right", "3,4", "--bias", DIGITS, "-o", "d.svg"]
    )
    out["render spec folder"] = Case(
        ["render", "specs", "-o", "rendered", "--format", "svg"], writes=("rendered/good.svg",)
    )
    out["build spec folder"] = Case(
        ["build", "specs", "--out", "site", "--jobs", "1"],
        writes=("site/index.html", "site/manifest.json", "site/figures/good.svg"),
    )
    out["build with a planted tmp link"] = Case(
        ["build", "specs/good.toml", "--out", "planted", "--jobs", "1"],
        writes=("planted/index.html",),
    )
    out["serve a missing folder"] = Case(["serve", "nowhere"])
    out["serve --host ::1 without index"] = Case(["serve", "specs", "--host", "::1"])
    out["serve --port 99999"] = Case(["serve", "site", "--port", "99999"])
    out["service --port 99999"] = Case(["service", "--port", "99999"])
    return out


CASES = cases()


def _corpus(root: Path) -> Path:
    subs = root / "subs"
    subs.mkdir()
    for name, data in FILES.items():
        path = subs / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    os.mkfifo(subs / "fifo.json")
    specs = root / "specs"
    specs.mkdir()
    for name, data in SPECS.items():
        (specs / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    os.mkfifo(specs / "fifo.toml")
    reports = root / "reports"
    reports.mkdir()
    (root / "victim.txt").write_text("keep me")
    (reports / "link.json").symlink_to(root / "victim.txt")
    (root / "planted").mkdir()
    (root / "planted" / ".index.html.tmp").symlink_to(root / "victim.txt")
    return root


def _run(root: Path, case: Case) -> tuple[int | None, str]:
    env = {k: v for k, v in os.environ.items() if k != "SHAPEKIT_DEBUG"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "shapekit", *case.args],
            cwd=root,
            input=case.stdin,
            capture_output=True,
            timeout=TIMEOUT,
            preexec_fn=_limit_memory,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"no answer in {TIMEOUT} s"
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    return done.returncode, text


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = _corpus(tmp_path_factory.mktemp("hostile"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(_run, root, case) for name, case in CASES.items()}
        return root, {name: future.result() for name, future in futures.items()}


#: cases that still fail in other people's areas (strict: they must fail, or be removed)
KNOWN: dict[str, str] = {}


def _param(name: str) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[name])] if name in KNOWN else []
    return pytest.param(name, id=name, marks=marks)


@pytest.mark.slow
@pytest.mark.needs_dot
@pytest.mark.parametrize("name", [_param(n) for n in CASES])
def test_no_traceback_no_hang_documented_exit_code(
    results: tuple[Path, dict[str, Any]], name: str
) -> None:
    root, found = results
    code, text = found[name]
    assert code is not None, text
    assert "Traceback" not in text, text[-3000:]
    assert "internal error" not in text, text[-3000:]
    assert code in (0, 1, 2), (code, text[-3000:])
    for written in CASES[name].writes:
        assert (root / written).is_file(), (written, text[-3000:])
    assert (root / "victim.txt").read_text() == "keep me"
    assert "\x1b" not in text  # control characters are shown escaped


# --- the last resort of every command --------------------------------------------


def _break_build(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    import shapekit.gallery.build as builder

    def build(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("simulated bug \x1b[2K")

    monkeypatch.setattr(builder, "build", build)
    return build


def test_an_unexpected_exception_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_build(monkeypatch)
    (tmp_path / "a.toml").write_text(GOOD_SPEC)
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 3
    assert isinstance(result.exception, SystemExit)
    first, second = result.stderr.splitlines()
    assert first == (
        "shapekit build: internal error (a bug in shapekit; please report it with the input): "
        "RuntimeError: simulated bug \\x1b[2K"
    )
    assert second == "(run with --debug or SHAPEKIT_DEBUG=1 to see the traceback)"


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_shows_the_real_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    _break_build(monkeypatch)
    args = ["build", str(tmp_path), "--out", str(tmp_path / "o")]
    if how == "option":
        args.insert(0, "--debug")
    else:
        monkeypatch.setenv("SHAPEKIT_DEBUG", "1")
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, RuntimeError)


def test_the_exit_codes_and_debug_are_in_the_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    text = " ".join(result.output.split())
    assert "3 shapekit itself failed on some input (an internal error: please report it)" in text
    assert "--debug Show the Python traceback of an internal error (also SHAPEKIT_DEBUG=1)" in text
