"""The TOML spec loader: entries, topics, and errors that name file, line, figure and field."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from shapekit.errors import SpecError
from shapekit.figures import parse_spec
from shapekit.gallery.specs import Entry, entry_toml, format_error, load_specs

GOOD = """\
title = "Dot products"
order = 4
intro = "Pairs multiplied, then added."

[[figure]]
id = "dot"
title = "Two vectors"
caption = "1×2 + 2×3 + 3×4 = 20"
kind = "dot"
left = [1, 2, 3]
right = [2, 3, 4]

[[figure]]  # the neuron's sum
id = "dot-neuron"
title = "Weights and inputs"
caption = "A neuron's sum before the bias."
kind = "dot"
left = [0.2, 0.8, -0.5, 1.0]
right = [1.0, 2.0, 3.0, 2.5]
left_label = "weights"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_errors(path: Path) -> tuple[list[Entry], list[SpecError]]:
    errors: list[SpecError] = []
    return load_specs(path, errors=errors), errors


def figure_text(**fields: str) -> str:
    head = {
        "id": '"v"',
        "title": '"A title"',
        "caption": '"A caption"',
        "kind": '"dot"',
        "left": "[1, 2]",
        "right": "[3, 4]",
    }
    head.update(fields)
    body = "\n".join(f"{k} = {v}" for k, v in head.items() if v)
    return f'title = "T"\n\n[[figure]]\n{body}\n'


def test_entries_carry_topic_file_line_and_a_validated_spec(tmp_path: Path) -> None:
    path = write(tmp_path, "dots.toml", GOOD)
    first, second = load_specs(path)
    assert (first.id, first.kind, first.title, first.line) == ("dot", "dot", "Two vectors", 5)
    assert (second.id, second.line) == ("dot-neuron", 13)
    assert first.file == second.file == str(path)
    assert first.topic.title == "Dot products"
    assert (first.topic.slug, first.topic.order) == ("dots", 4)
    assert first.topic.intro == "Pairs multiplied, then added."
    assert second.spec == parse_spec(
        "dot",
        {"left": [0.2, 0.8, -0.5, 1.0], "right": [1.0, 2.0, 3.0, 2.5], "left_label": "weights"},
    )


def test_a_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    """Some Windows editors start UTF-8 files with one; tomllib calls it an invalid statement."""
    path = write(tmp_path, "dots.toml", "\ufeff" + GOOD)
    first, second = load_specs(path)
    assert (first.id, first.line, second.line) == ("dot", 5, 13)


def test_a_folder_loads_its_toml_files_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.toml", figure_text(id='"second"'))
    write(tmp_path, "a.toml", figure_text(id='"first"'))
    write(tmp_path, "notes.txt", "not a spec")
    assert [e.id for e in load_specs(tmp_path)] == ["first", "second"]


@pytest.mark.parametrize(
    ("fields", "line", "field", "message"),
    [
        pytest.param({"left": "[1, 2, 3]"}, 9, "right", "same length", id="check-names-field"),
        pytest.param(
            {"rihgt": "[3, 4]", "right": ""},
            9,
            "rihgt",
            "did you mean 'right'",
            id="unknown-field-suggests",
        ),
        pytest.param({"left": '"one, two"'}, 8, "left", "field 'left'", id="bad-value"),
        pytest.param({"kind": '"dott"'}, 7, "kind", "did you mean 'dot'", id="unknown-kind"),
        pytest.param(
            {"captoin": '"x"', "caption": ""},
            9,
            "captoin",
            "did you mean 'caption'",
            id="figure-setting-typo",
        ),
        pytest.param({"caption": ""}, 3, "caption", "needs a 'caption'", id="missing-caption"),
        pytest.param({"left": ""}, 3, "left", "need the field 'left'", id="missing-field"),
        pytest.param({"id": '"Neuron_3"'}, 4, "id", "lowercase letters", id="bad-id"),
        pytest.param({"id": '"../../etc/x"'}, 4, "id", "lowercase letters", id="path-id"),
        pytest.param({"id": '"-x"'}, 4, "id", "starting with a letter", id="dash-id"),
        pytest.param({"id": ""}, 3, "id", "figure id is missing", id="missing-id"),
    ],
)
def test_errors_name_file_line_figure_and_field(
    tmp_path: Path, fields: dict[str, str], line: int, field: str, message: str
) -> None:
    path = write(tmp_path, "t.toml", figure_text(**fields))
    entries, errors = load_errors(path)
    assert entries == []
    (error,) = errors
    assert (error.file, error.line, error.field) == (str(path), line, field)
    assert message in error.message
    if field != "id":
        assert error.figure == "v"
    text = format_error(error)
    assert text.startswith(f"{path}:{line}: ")
    assert f"field {field!r}" in text


def test_without_an_error_list_the_first_error_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "t.toml", figure_text(kind='"nueron"'))
    with pytest.raises(SpecError, match="did you mean 'neuron'") as info:
        load_specs(path)
    assert info.value.suggestion == "neuron"
    assert info.value.line == 7


def test_a_broken_figure_does_not_stop_the_others(tmp_path: Path) -> None:
    text = GOOD.replace("left = [1, 2, 3]", "left = [1, 2]")
    entries, errors = load_errors(write(tmp_path, "dots.toml", text))
    assert [e.id for e in entries] == ["dot-neuron"]
    assert [(e.figure, e.line, e.field) for e in errors] == [("dot", 11, "right")]


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", figure_text())
    write(tmp_path, "b.toml", figure_text())
    entries, errors = load_errors(tmp_path)
    assert [e.file for e in entries] == [str(tmp_path / "a.toml")]
    (error,) = errors
    assert error.file == str(tmp_path / "b.toml")
    assert error.line == 3
    assert "used twice" in error.message and "a.toml:3" in error.message


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    # ``shapekit build specs specs/a.toml`` used to report every figure of a.toml as
    # "used twice (first at a.toml:3)", pointing at itself
    path = write(tmp_path, "a.toml", figure_text())
    errors: list[SpecError] = []
    entries = load_specs([tmp_path, path, tmp_path / "." / "a.toml"], errors=errors)
    assert errors == []
    assert [e.file for e in entries] == [str(path)]


def test_invalid_toml_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "t.toml", 'title = "T"\n\n[[figure]]\nid = "x\n')
    entries, errors = load_errors(path)
    assert entries == []
    (error,) = errors
    assert (error.file, error.line) == (str(path), 4)
    assert error.message.startswith("not valid TOML")


@pytest.mark.parametrize(
    ("head", "field", "message"),
    [
        pytest.param('titel = "T"', "titel", "did you mean 'title'", id="typo"),
        pytest.param('title = "T"\norder = "first"', "order", "whole number", id="order"),
        pytest.param("", "title", "needs a 'title'", id="no-title"),
    ],
)
def test_topic_settings_are_checked_and_the_figures_still_load(
    tmp_path: Path, head: str, field: str, message: str
) -> None:
    body = figure_text().split("\n", 1)[1]
    path = write(tmp_path, "my-topic.toml", f"{head}\n{body}")
    entries, errors = load_errors(path)
    assert [e.id for e in entries] == ["v"]
    assert any(e.field == field and message in e.message for e in errors), errors
    if head == "":
        assert entries[0].topic.title == "My topic"


def test_a_topic_without_figures_is_fine(tmp_path: Path) -> None:
    assert load_errors(write(tmp_path, "t.toml", 'title = "Soon"\n')) == ([], [])


def test_a_missing_source_is_an_error(tmp_path: Path) -> None:
    entries, errors = load_errors(tmp_path / "nowhere")
    assert entries == []
    assert "no spec file or folder" in errors[0].message


def test_oversized_files_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.toml", figure_text() + "#" * 1_000_001)
    _, errors = load_errors(path)
    assert "larger than" in errors[0].message


def test_line_of_a_multiline_value_is_its_key(tmp_path: Path) -> None:
    text = GOOD.replace("right = [1.0, 2.0, 3.0, 2.5]", "right = [\n  1.0,\n  2.0,\n]")
    _, errors = load_errors(write(tmp_path, "dots.toml", text))
    assert [(e.figure, e.line, e.field) for e in errors] == [("dot-neuron", 19, "right")]


def test_entry_toml_round_trips_to_the_same_spec(tmp_path: Path) -> None:
    text = GOOD.replace(
        'caption = "1×2 + 2×3 + 3×4 = 20"',
        'caption = "quote \\" backslash \\\\ tab \\t <b>&amp;</b>"',
    )
    for entry in load_specs(write(tmp_path, "dots.toml", text)):
        again = write(tmp_path / "..", f"again-{entry.id}.toml", entry_toml(entry))
        (back,) = load_specs(again)
        assert back.spec.digest == entry.spec.digest
        assert (back.id, back.title, back.caption) == (entry.id, entry.title, entry.caption)
        assert tomllib.loads(entry_toml(entry))["title"] == "Dot products"
    assert "left_label" not in entry_toml(load_specs(tmp_path / "dots.toml")[0])


# --- issue 9: hostile spec files end in one SpecError naming the file, never a traceback ----

FIGURE = figure_text().split("\n", 1)[1]


@pytest.mark.parametrize(
    ("value", "line"),
    [
        pytest.param("[" * 5000 + "]" * 5000, 2, id="array-5000-deep"),
        pytest.param("{a = " * 3000 + "1" + "}" * 3000, 2, id="inline-tables-3000-deep"),
        pytest.param("[" * 65 + "]" * 65, 2, id="array-65-deep"),
        pytest.param("[[1], '" + "[" * 100 + "']\n# " + "{" * 100, None, id="brackets-in-text"),
    ],
)
def test_deep_nesting_is_refused_with_the_limit(
    tmp_path: Path, value: str, line: int | None
) -> None:
    path = write(tmp_path, "deep.toml", f'title = "T"\nx = {value}\n{FIGURE}')
    entries, errors = load_errors(path)
    if line is None:  # brackets inside strings and comments are not nesting
        assert [e.id for e in entries] == ["v"]
        assert [e.field for e in errors] == ["x"]
        return
    assert entries == []
    (error,) = errors
    assert (error.file, error.line) == (str(path), line)
    assert "nested more than 64 levels deep" in error.message


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "t.toml", f'title = "T"\nx = {"[" * 64}{"]" * 64}\n{FIGURE}')
    entries, errors = load_errors(path)
    assert [e.id for e in entries] == ["v"]
    assert [e.field for e in errors] == ["x"]  # an unknown setting, not a nesting error


@pytest.mark.parametrize(
    "text",
    [
        "x = '''a ] ' '' {b} '''''",
        'x = """a \\""" {b} """""',
        'x = "a \\" {b}"',
        "x = 'a {b}'",
        "# {b}",
    ],
    ids=["multiline-literal", "multiline-basic", "basic-escaped-quote", "literal", "comment"],
)
def test_the_nesting_scan_skips_strings(text: str) -> None:
    from shapekit.gallery import _tomltext

    padded = (
        text.format(b="[" * 70) + "\n" + "".join(f"y{i} = [[1]]\n" for i in range(40))
    )  # past the quick path
    assert tomllib.loads(padded)
    assert _tomltext._too_deep(padded) is None
    assert _tomltext._too_deep(padded + "z = " + "[" * 65 + "]" * 65) is not None


def test_a_5000_digit_order_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "t.toml", f'title = "T"\norder = 1{"0" * 5000}\n{FIGURE}')
    _, errors = load_errors(path)
    (error,) = errors
    assert (error.file, error.line) == (str(path), 2)
    assert "more than 4300 digits" in error.message


@pytest.mark.parametrize("order", ["10000000", "-10000001", "1" + "0" * 4000])
def test_order_has_a_range(tmp_path: Path, order: str) -> None:
    path = write(tmp_path, "t.toml", f'title = "T"\norder = {order}\n{FIGURE}')
    entries, errors = load_errors(path)
    assert [e.id for e in entries] == ["v"]
    (error,) = errors
    assert error.field == "order" and "from -1000000 to 1000000" in error.message


@pytest.mark.parametrize("ident", ['"ok-\\n"', '"ok\\n"', '"ok-\\r"', "'''ok\n'''"])
def test_an_id_with_a_final_newline_is_refused(tmp_path: Path, ident: str) -> None:
    # `$` matches before a final newline: "ok-\n" passed and wrote figures/ok-\n.svg
    path = write(tmp_path, "t.toml", figure_text(id=ident))
    entries, errors = load_errors(path)
    assert entries == []
    (error,) = errors
    assert error.field == "id" and "lowercase letters" in error.message
    assert error.figure is None  # not a usable id, so not named as one


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": '"bad\\u001b[2K"'}, "title"),
        ({"caption": '"a\\u0000b"'}, "caption"),
        ({"caption": '"a\\u0085b"'}, "caption"),
    ],
    ids=["escape-in-title", "nul-in-caption", "c1-in-caption"],
)
def test_control_characters_in_texts_are_refused(
    tmp_path: Path, fields: dict[str, str], field: str
) -> None:
    entries, errors = load_errors(write(tmp_path, "t.toml", figure_text(**fields)))
    assert entries == []
    (error,) = errors
    assert error.field == field and "no control characters" in error.message


def test_tabs_and_newlines_in_a_caption_are_fine(tmp_path: Path) -> None:
    (entry,) = load_specs(write(tmp_path, "t.toml", figure_text(caption='"a\\tb\\nc\\r\\nd"')))
    assert entry.caption == "a\tb\nc\r\nd"


@pytest.mark.parametrize("n_keys", [8000, 50_000])
def test_many_unknown_settings_are_reported_briefly(tmp_path: Path, n_keys: int) -> None:
    # 8 000 unknown keys took 9 s and 50 000 more than 60 s (each error rescanned the file)
    keys = "".join(f"k{i} = 1\n" for i in range(n_keys))
    path = write(tmp_path, "t.toml", f'title = "T"\n{keys}{FIGURE}')
    entries, errors = load_errors(path)
    assert [e.id for e in entries] == ["v"]
    assert [(e.field, e.line) for e in errors[:10]] == [(f"k{i}", i + 2) for i in range(10)]
    (rest,) = errors[10:]
    assert rest.message.startswith(f"{n_keys - 10} more unknown settings")
    assert rest.line == 12


def test_many_unknown_fields_of_a_figure_give_one_error(tmp_path: Path) -> None:
    keys = "".join(f"k{i} = 1\n" for i in range(50_000))
    path = write(tmp_path, "t.toml", figure_text() + keys)
    entries, errors = load_errors(path)
    assert entries == []
    (error,) = errors
    assert (error.field, error.line) == ("k0", 10)


def test_4000_figures_under_quoted_headers_are_placed_by_their_headers(tmp_path: Path) -> None:
    # [["figure"]] did not match the header pattern: each figure searched the whole file
    text = 'title = "T"\n' + "".join(
        f'[["figure"]]\nid = "f{i}"\ntitle = "T"\ncaption = "C"\nkind = "dot"\n'
        f"left = [1, 2]\nright = [3, {4 if i % 1000 else '4, 5'}]\n"
        for i in range(4000)
    )
    entries, errors = load_errors(write(tmp_path, "t.toml", text))
    assert len(entries) == 3996
    assert (entries[0].id, entries[0].line) == ("f1", 9)
    assert [(e.figure, e.field, e.line) for e in errors] == [
        (f"f{i}", "right", 7 * i + 8) for i in range(0, 4000, 1000)
    ]


def test_inline_figure_tables_are_placed_by_their_ids(tmp_path: Path) -> None:
    tables = ", ".join(
        f'{{id = "f{i}", title = "T", caption = "C", kind = "dot", left = [1], right = [2]}}'
        for i in range(3)
    )
    text = f'title = "T"\nfigure = [\n  {tables},\n  {{id = "x", title = "T"}},\n]\n'
    entries, errors = load_errors(write(tmp_path, "t.toml", text))
    assert [e.id for e in entries] == ["f0", "f1", "f2"]
    (error,) = errors
    assert (error.figure, error.field, error.line) == ("x", "caption", 2)


def test_a_fifo_in_a_spec_folder_is_skipped(tmp_path: Path) -> None:
    import os

    write(tmp_path, "a.toml", figure_text())
    os.mkfifo(tmp_path / "b.toml")
    entries, errors = load_errors(tmp_path)
    assert ([e.id for e in entries], errors) == (["v"], [])


def test_errors_on_many_different_keys_are_all_located(tmp_path: Path) -> None:
    # past Source.KEYS_SCANNED different keys, one pass indexes every key at once
    text = 'title = "T"\n' + "".join(
        f'[[figure]]\nid = "f{i}"\ntitle = "T"\ncaption = "C"\nkind = "dot"\n'
        f"left = [1]\nright = [2]\n'odd-{i}' = 1\n"
        for i in range(40)
    )
    entries, errors = load_errors(write(tmp_path, "t.toml", text))
    assert entries == []
    assert [(e.field, e.line) for e in errors] == [(f"odd-{i}", 8 * i + 9) for i in range(40)]
