"""Fuzzing the command line through Click's runner (issue 9): ``render``, ``build`` and
``serve``'s arguments.

Every input either succeeds or ends with one of the documented exit codes (0, 1, 2) and
a message, never a traceback and never an internal error (3). Budget: about 15 s.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from shapekit_cli.main import main
from strategies import spec_documents, toml_texts

from shapekit.figures.registry import KIND_NAMES, get_kind

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: option values: numbers, lists, nested lists, huge numbers, junk and control characters
VALUES = st.one_of(
    st.sampled_from(
        [
            "1,2,3",
            "1, 2",
            "[[1, 2], [3, 4]]",
            "[[1, 2], [3]]",
            "3,4",
            "(3, 4)",
            "0",
            "-1",
            "1e999",
            "nan",
            "1" + "0" * 5000,
            "[" * 5000,
            "relu",
            "",
            "x" * 5000,
            "a\x1b[2Kb",
            "\udcff",
            "1,,2",
            "true",
        ]
    ),
    st.text(max_size=15),
    st.lists(st.integers(-(10**30), 10**30), max_size=6).map(lambda xs: ",".join(map(str, xs))),
)


def run(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    text = result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in text
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, text[-2000:])
    return result


@pytest.mark.needs_dot
@settings(FUZZ, max_examples=30)
@given(data=st.data())
def test_render_a_kind_with_random_values(tmp_path: Path, data: Any) -> None:
    kind = get_kind(data.draw(st.sampled_from(KIND_NAMES)))
    # the kind's example, with up to 3 fields given random values instead
    values = {
        name: kind.field(name).format(kind.field(name).convert(value))
        for name, value in kind.example.items()
    }
    names = [f.name for f in kind.fields if f.type != "flag"]
    for name in data.draw(st.lists(st.sampled_from(names), unique=True, max_size=3)):
        values[name] = data.draw(VALUES)
    args = ["render", kind.name]
    for name, value in values.items():
        args += ["--" + name.replace("_", "-"), value]
    args += [
        "-o",
        str(tmp_path / data.draw(st.sampled_from(["f.svg", "f.png", "f.txt", "no/f.svg"]))),
    ]
    result = run(args)
    event(f"exit {result.exit_code}")
    if result.exit_code == 0:
        assert Path(args[-1]).is_file()


@pytest.mark.needs_dot
@settings(FUZZ, max_examples=15)
@given(text=toml_texts() | spec_documents(), command=st.sampled_from(["render", "build"]))
def test_render_and_build_a_random_spec_file(tmp_path: Path, text: str, command: str) -> None:
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    (folder / "fuzz.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    out = tmp_path / "out"
    if command == "render":
        result = run(["render", str(folder / "fuzz.toml"), "-o", str(out), "--format", "svg"])
    else:
        result = run(["build", str(folder), "--out", str(out), "--jobs", "1"])
        assert (out / "index.html").is_file() and (out / "manifest.json").is_file()
    event(f"{command}: exit {result.exit_code}")
    assert result.exit_code in (0, 1)


@settings(FUZZ, max_examples=60)
@given(
    port=st.one_of(st.integers(-10, 70000).map(str), st.text(max_size=6)),
    host=st.sampled_from(["127.0.0.1", "::1", "[::1]", "", "999.1.1.1", "::g", "1.2.3.4.5"]),
    jobs=st.one_of(st.none(), st.integers(-1, 300).map(str), st.text(max_size=3)),
    folder=st.sampled_from(["missing", "empty", "file"]),
)
def test_serve_arguments(
    tmp_path: Path, port: str, host: str, jobs: str | None, folder: str
) -> None:
    # DIR never has an index.html here, so no server is left running
    target = tmp_path / folder
    if folder == "empty":
        target.mkdir(exist_ok=True)
    elif folder == "file":
        target.write_text("not a folder")
    args = ["serve", str(target), "--port", port, "--host", host]
    if jobs is not None:
        args += ["--jobs", jobs]
    result = run(args)
    assert result.exit_code == 2
