"""The gallery build: every seed figure from gallery/, the manifest, incremental
rebuilds, failures that stay alone, escaping, path safety and determinism."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import shapekit
from shapekit.figures.registry import KIND_NAMES
from shapekit.gallery.build import BuildReport, build
from shapekit.gallery.site import prose
from shapekit.render import renderer_info

pytestmark = pytest.mark.needs_dot

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "gallery"

#: the figures of the seed chapter (FIGURES.md), except the two marked "later"
SEED_FIGURES = (
    "neuron-3",
    "neuron-4",
    "layer-3",
    "network-4-4",
    "classify",
    "array-1d",
    "array-2d",
    "array-3d",
    "ragged",
    "dot",
    "dot-neuron",
    "dot-plus-bias",
    "layer-dot",
    "layer-dot-bias",
    "matmul-5x4-4x5",
    "row-times-column",
    "transpose-4x5",
    "transpose-5x5",
    "why-transpose",
    "after-transpose",
    "batch-dot",
    "batch-plus-bias",
)

SMALL = """\
title = "Small"

[[figure]]
id = "first"
title = "First"
caption = "The first figure."
kind = "dot"
left = [1, 2, 3]
right = [2, 3, 4]

[[figure]]
id = "second"
title = "Second"
caption = "The second figure."
kind = "dot"
left = [0.5, 1.5]
right = [2, 4]
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BuildReport]:
    """gallery/ copied and built once (2 jobs): (specs, out, report)."""
    base = tmp_path_factory.mktemp("gallery")
    specs = base / "specs"
    shutil.copytree(GALLERY, specs)
    out = base / "site"
    return specs, out, build(specs, out, jobs=2)


@pytest.fixture
def copy(site: tuple[Path, Path, BuildReport], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the built gallery and its specs, to change and rebuild."""
    specs, out, _ = site
    shutil.copytree(specs, tmp_path / "specs")
    shutil.copytree(out, tmp_path / "site")
    return tmp_path / "specs", tmp_path / "site"


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def manifest(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return data


def keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in keys(v)]
    return []


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def small(tmp_path: Path, text: str = SMALL) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir(exist_ok=True)
    (folder / "small.toml").write_text(text, encoding="utf-8")
    return folder


# -- the gallery -------------------------------------------------------------------


def test_the_gallery_builds_without_failures(site: tuple[Path, Path, BuildReport]) -> None:
    _, _out, report = site
    assert report.failed == [], [f.message for f in report.failed]
    assert report.reused == []
    assert len(report.built) >= len(SEED_FIGURES) + 3
    assert re.fullmatch(
        r"\d+ figures: \d+ built, 0 reused, 0 failed in [\d.]+ s -> .+", report.summary()
    )


def test_every_seed_figure_is_in_the_site(site: tuple[Path, Path, BuildReport]) -> None:
    _, out, report = site
    for ident in SEED_FIGURES:
        assert ident in report.built
        for suffix in (".html", ".svg", ".png", ".toml"):
            assert (out / "figures" / f"{ident}{suffix}").stat().st_size > 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="figures/{ident}.html"' in index for ident in SEED_FIGURES)


def test_beyond_the_seed(site: tuple[Path, Path, BuildReport]) -> None:
    _, out, _ = site
    figures = {f["id"]: f for f in manifest(out)["figures"]}
    wide = [f for f in figures.values() if f["kind"] == "network" and "128" in f["description"]]
    assert wide, "a network with a collapsed 128-neuron layer"
    assert any(f["kind"] == "forward" and f["id"] not in SEED_FIGURES for f in figures.values())
    mismatch = figures["matmul-mismatch"]
    assert mismatch["kind"] == "matmul"
    assert ".T" in mismatch["description"] + mismatch["explanation"]


def test_the_manifest_validates(site: tuple[Path, Path, BuildReport]) -> None:
    _, out, report = site
    data = manifest(out)
    assert set(data) == {"shapekit", "renderer", "dpi", "figures"}
    assert data["shapekit"] == shapekit.__version__
    assert data["renderer"] == renderer_info().key  # which Graphviz drew, and its version
    ids = [f["id"] for f in data["figures"]]
    assert ids == sorted(ids) == sorted(report.built)
    text = (out / "manifest.json").read_text(encoding="utf-8")
    assert not re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d", text)  # no timestamps
    assert not any(re.search("time|date|mtime", key) for key in keys(data))
    for fig in data["figures"]:
        assert set(fig) >= {
            "id",
            "kind",
            "title",
            "files",
            "spec_hash",
            "outputs",
            "shapekit",
            "key",
            "description",
            "explanation",
            "caption",
            "topic",
        }
        assert fig["shapekit"] == shapekit.__version__
        assert fig["kind"] in KIND_NAMES
        assert re.fullmatch(r"[0-9a-f]{64}", fig["spec_hash"])
        assert set(fig["files"]) == {"page", "svg", "png", "pdf", "spec"}
        for role, name in fig["files"].items():
            suffix = {"page": "html", "spec": "toml"}.get(role, role)
            assert name == f"figures/{fig['id']}.{suffix}"
            assert (out / name).is_file()
        assert fig["outputs"] == {
            "svg": sha(out / fig["files"]["svg"]),
            "png": sha(out / fig["files"]["png"]),
            "pdf": sha(out / fig["files"]["pdf"]),
        }
        assert fig["description"].strip() and fig["title"].strip()


def test_pages_link_relatively_and_load_nothing_from_the_network(
    site: tuple[Path, Path, BuildReport],
) -> None:
    _, out, _ = site
    for page in [out / "index.html", *sorted((out / "figures").glob("*.html"))]:
        html = page.read_text(encoding="utf-8")
        links = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert links
        for link in links:
            assert not re.match(r"[a-z]+:|/", link), (page.name, link)
            if not link.startswith("#"):
                assert (page.parent / link.split("#")[0]).is_file(), (page.name, link)
        # the index's search is inline: no script is loaded, and figure pages have none
        assert "<script src" not in html.lower()
        assert html.lower().count("<script") == (page.name == "index.html")
        assert "@import" not in (out / "style.css").read_text()


def test_a_figure_page_has_everything(site: tuple[Path, Path, BuildReport]) -> None:
    _, out, _ = site
    fig = next(f for f in manifest(out)["figures"] if f["id"] == "neuron-3")
    html = (out / "figures" / "neuron-3.html").read_text(encoding="utf-8")
    assert f'<img src="neuron-3.svg" alt="{fig["description"]}"' in html
    for part in (
        fig["caption"],
        'href="neuron-3.svg" download',
        'href="neuron-3.png" download',
        'href="neuron-3.toml" download',
        'href="neuron-3.pdf" download',
        "weights = [0.2, 0.8, -0.5]",
        prose(fig["explanation"].split("\n")[0])[0],
    ):
        assert part in html
    assert "2.3" in fig["explanation"]


# -- incremental ----------------------------------------------------------------------


def test_a_second_build_renders_and_writes_nothing(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    report = build(specs, out, jobs=2)
    assert report.built == [] and report.failed == [] and report.removed == []
    assert report.written == []
    assert len(report.reused) >= len(SEED_FIGURES)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_a_changed_spec_renders_only_its_figure(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    path = specs / "neurons.toml"
    path.write_text(path.read_text().replace("bias = 2.0\n", "bias = 3.0\n", 1))
    old_png = (out / "figures" / "neuron-4.png").read_bytes()
    report = build(specs, out, jobs=2)
    assert report.built == ["neuron-3"]
    assert "neuron-3" not in report.reused and report.failed == []
    changed = {
        "figures/neuron-3.svg",
        "figures/neuron-3.png",
        "figures/neuron-3.pdf",
        "figures/neuron-3.html",
        "figures/neuron-3.toml",
        "manifest.json",
        "index.html",
    }  # index: its alt text
    assert set(report.written) == changed
    assert "3.3" in (out / "figures" / "neuron-3.html").read_text()
    assert (out / "figures" / "neuron-4.png").read_bytes() == old_png


def test_a_new_caption_rewrites_pages_but_renders_nothing(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    path = specs / "neurons.toml"
    text = path.read_text()
    path.write_text(text.replace('title = "A neuron with three inputs"', 'title = "Three in"'))
    report = build(specs, out, jobs=2)
    assert report.built == []
    assert {
        "index.html",
        "figures/neuron-3.html",
        "figures/neuron-3.toml",
        "figures/neuron-4.html",
    } <= set(report.written)  # neuron-4 links back by title
    assert not any(name.endswith((".svg", ".png")) for name in report.written)


def test_force_renders_everything_but_writes_no_identical_file(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    report = build(specs, out, jobs=2, force=True)
    assert report.reused == [] and len(report.built) >= len(SEED_FIGURES)
    assert report.written == []


def test_a_broken_spec_fails_alone(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    path = specs / "dot-product.toml"
    lines = path.read_text().splitlines(keepends=True)
    number = next(i for i, ln in enumerate(lines) if ln.startswith('left_label = "weights"')) + 1
    lines[number - 1] = lines[number - 1].replace("left_label", "left_lable")
    path.write_text("".join(lines))
    report = build(specs, out, jobs=2)
    (failure,) = report.failed
    assert (failure.file, failure.line, failure.figure, failure.field) == (
        str(path),
        number,
        "dot-neuron",
        "left_lable",
    )
    assert failure.message.startswith(f"{path}:{number}: figure 'dot-neuron', field 'left_lable'")
    assert "did you mean 'left_label'?" in failure.message
    assert report.built == [] and "dot" in report.reused
    assert not (out / "figures" / "dot-neuron.svg").exists()
    index = (out / "index.html").read_text()
    assert "1 problem in the specs" in index and "left_lable" in index
    assert "figures/dot-neuron.html" not in index


def test_a_removed_figure_loses_its_files(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    (specs / "transposition.toml").unlink()
    report = build(specs, out, jobs=2)
    assert report.removed == ["transpose-4x5", "transpose-5x5"]
    assert not list((out / "figures").glob("transpose-*"))
    assert "transpose-4x5" not in (out / "manifest.json").read_text()


def test_a_damaged_output_is_rendered_again(copy: tuple[Path, Path]) -> None:
    specs, out = copy
    (out / "figures" / "dot.png").write_bytes(b"not a png")
    (out / "figures" / "dot.svg").unlink()
    report = build(specs, out, jobs=2)
    assert report.built == ["dot"]
    assert (out / "figures" / "dot.png").read_bytes().startswith(b"\x89PNG")


def test_another_dpi_renders_again(tmp_path: Path) -> None:
    specs, out = small(tmp_path), tmp_path / "out"
    build(specs, out, jobs=1)
    report = build(specs, out, jobs=1, dpi=96)
    assert report.built == ["first", "second"]
    assert manifest(out)["dpi"] == 96
    assert build(specs, out, jobs=1, dpi=96).built == []


def test_a_bug_in_a_kind_fails_only_that_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapekit.gallery.build as builder

    real = builder.draw

    def draw(spec: Any) -> Any:
        if spec["left"] == (0.5, 1.5):
            raise TypeError("simulated bug")
        return real(spec)

    monkeypatch.setattr(builder, "draw", draw)
    report = build(small(tmp_path), tmp_path / "out", jobs=1)  # in this process
    assert report.built == ["first"]
    (failure,) = report.failed
    assert failure.figure == "second" and failure.line == 11
    assert "internal error" in failure.message and "TypeError: simulated bug" in failure.message
    assert failure.status == "internal-error" and "please report it" in failure.message


# -- safety ------------------------------------------------------------------------------


def test_user_text_is_escaped_in_html_and_svg(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    text = (
        SMALL.replace('caption = "The first figure."', f'caption = "{evil} & \\"q\\""')
        .replace('title = "First"', f'title = "{evil}"')
        .replace('title = "Small"', f'title = "{evil}"')
        .replace("left = [1, 2, 3]", f'left = [1, 2, 3]\nleft_label = "{evil}"')
    )
    out = tmp_path / "out"
    report = build(small(tmp_path, text), out, jobs=1)
    assert report.failed == []
    for name in ("index.html", "figures/first.html", "figures/second.html"):
        html = (out / name).read_text(encoding="utf-8")
        assert evil not in html and html.count("<script") == (name == "index.html")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; &quot;q&quot;" in (out / "figures/first.html").read_text()
    assert b"<script" not in (out / "figures/first.svg").read_bytes()
    assert evil in manifest(out)["figures"][0]["caption"]


def test_ids_that_could_leave_the_folder_are_refused(tmp_path: Path) -> None:
    text = SMALL.replace('id = "first"', 'id = "../../escaped"')
    out = tmp_path / "deep" / "out"
    report = build(small(tmp_path, text), out, jobs=1)
    assert [f.field for f in report.failed] == ["id"]
    assert report.built == ["second"]
    assert not list(tmp_path.rglob("escaped*"))


def test_a_tampered_manifest_cannot_delete_outside_files(tmp_path: Path) -> None:
    specs, out = small(tmp_path), tmp_path / "out"
    build(specs, out, jobs=1)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    data = manifest(out)
    data["figures"].append(
        {"id": "gone", "files": {"svg": "../victim.txt", "png": "figures/../../victim.txt"}}
    )
    (out / "manifest.json").write_text(json.dumps(data))
    report = build(specs, out, jobs=1)
    assert report.removed == ["gone"]
    assert victim.read_text() == "keep me"


def test_only_its_own_files_are_touched(tmp_path: Path) -> None:
    specs, out = small(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    build(specs, out, jobs=1)
    (specs / "small.toml").write_text('title = "Empty"\n')
    report = build(specs, out, jobs=1)
    assert report.removed == ["first", "second"]
    assert (out / "notes.txt").read_text() == "mine"
    assert "No figures yet" in (out / "index.html").read_text()


# -- issue 9: one bad item never ends a build; writes never go through a link ---------------


def test_a_planted_tmp_link_is_never_written_through(tmp_path: Path) -> None:
    # build wrote through out/.NAME.tmp: a link planted there sent the bytes anywhere
    specs, out = small(tmp_path), tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "figures").mkdir(parents=True)
    for name in (".index.html.tmp", ".manifest.json.tmp", "figures/.first.svg.tmp"):
        (out / name).symlink_to(victim)
    report = build(specs, out, jobs=1)
    assert report.ok and report.built == ["first", "second"]
    assert victim.read_text() == "keep me"
    assert "<html" in (out / "index.html").read_text()
    assert not [p.name for p in out.rglob("*.tmp") if not p.is_symlink()]  # no leftovers


def test_a_link_in_place_of_an_output_is_replaced_not_followed(tmp_path: Path) -> None:
    specs, out = small(tmp_path), tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "figures").mkdir(parents=True)
    (out / "index.html").symlink_to(victim)
    (out / "figures" / "first.svg").symlink_to(victim)
    build(specs, out, jobs=1)
    assert victim.read_text() == "keep me"
    for name in ("index.html", "figures/first.svg"):
        assert not (out / name).is_symlink() and (out / name).stat().st_size > 100


def test_a_figures_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "figures").symlink_to(elsewhere)
    with pytest.raises(OSError, match="symbolic link"):
        build(small(tmp_path), out, jobs=1)
    assert list(elsewhere.iterdir()) == []


def test_an_internal_error_in_one_page_fails_only_that_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shapekit.gallery import site as site_module

    real = site_module.Site.figure_page

    def figure_page(self: Any, ident: str) -> str:
        if ident == "second":
            raise KeyError("simulated bug")
        return real(self, ident)

    monkeypatch.setattr(site_module.Site, "figure_page", figure_page)
    out = tmp_path / "out"
    report = build(small(tmp_path), out, jobs=1)
    (failure,) = report.failed
    assert (failure.figure, failure.status) == ("second", "internal-error")
    assert "please report it" in failure.message and "KeyError" in failure.message
    assert report.built == ["first"] and report.internal_errors == [failure]
    assert (out / "figures" / "first.html").is_file()
    assert not (out / "figures" / "second.html").exists()
    assert [r["id"] for r in manifest(out)["figures"]] == ["first"]
    assert "1 failed (1 internal error)" in report.summary()


def test_an_internal_error_in_the_index_still_writes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shapekit.gallery import site as site_module

    def index_page(self: Any) -> str:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(site_module.Site, "index_page", index_page)
    out = tmp_path / "out"
    report = build(small(tmp_path), out, jobs=1)
    (failure,) = report.internal_errors
    assert failure.file == "index.html" and "RuntimeError: simulated bug" in failure.message
    assert [r["id"] for r in manifest(out)["figures"]] == ["first", "second"]
    assert (out / "figures" / "second.html").is_file()


def test_an_internal_error_while_loading_one_figure_fails_only_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shapekit.gallery import specs as specs_module

    real = specs_module._entry

    def entry(table: dict[str, Any], *args: Any) -> Any:
        if table["id"] == "first":
            raise AttributeError("simulated bug")
        return real(table, *args)

    monkeypatch.setattr(specs_module, "_entry", entry)
    report = build(small(tmp_path), tmp_path / "out", jobs=1)
    (failure,) = report.failed
    assert (failure.figure, failure.line, failure.status) == ("first", 3, "internal-error")
    assert report.built == ["second"]


def test_a_bad_spec_file_fails_alone(tmp_path: Path) -> None:
    specs = small(tmp_path)
    (specs / "deep.toml").write_text('title = "Deep"\nx = ' + "[" * 5000 + "]" * 5000 + "\n")
    (specs / "order.toml").write_text('title = "Big"\norder = 1' + "0" * 5000 + "\n")
    (specs / "junk.toml").write_bytes(b"\xff\xfe\x00junk")
    out = tmp_path / "out"
    report = build(specs, out, jobs=1)
    assert report.built == ["first", "second"]
    assert sorted(Path(str(f.file)).name for f in report.failed) == [
        "deep.toml",
        "junk.toml",
        "order.toml",
    ]
    assert all(f.status == "failed" for f in report.failed)
    assert (out / "index.html").is_file()


# -- determinism ---------------------------------------------------------------------------


@pytest.mark.slow
def test_builds_in_processes_with_other_hash_seeds_are_identical(
    site: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    specs, out, _ = site
    code = (
        "import sys; from shapekit.gallery.build import build; "
        "r = build(sys.argv[1], sys.argv[2], jobs=2); sys.exit(0 if r.ok else 1)"
    )
    trees = []
    for seed in ("1", "4242"):
        target = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", code, str(specs), str(target)], env=env, check=True, timeout=600
        )
        trees.append(tree(target))
    assert trees[0] == trees[1]
    assert trees[0] == tree(out)


def test_fifos_in_the_output_folder_never_block_a_build(tmp_path: Path) -> None:
    # the manifest and old outputs are read back to reuse them: a FIFO there blocked open()
    specs, out = small(tmp_path), tmp_path / "out"
    build(specs, out, jobs=1)
    for name in ("manifest.json", "figures/first.svg"):
        (out / name).unlink()
        os.mkfifo(out / name)
    report = build(specs, out, jobs=1)  # would hang here
    assert report.ok and report.built == ["first", "second"]
    assert (out / "figures" / "first.svg").is_file() and (out / "manifest.json").is_file()
