"""The MkDocs plugin, through real MkDocs builds of a small course site."""

from __future__ import annotations

import html
import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

mkdocs_build = pytest.importorskip("mkdocs.commands.build")
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

NEURON = """\
kind = "neuron"
title = "A neuron with three inputs"
caption = "Each input is multiplied by its weight, then the bias is added."
inputs = [1.0, 2.0, 3.0]
weights = [0.2, 0.8, -0.5]
bias = 2.0
"""

INDEX = f"""\
# One neuron

```shapekit
{NEURON}```

The chapter's mistake, explained:

```shapekit-explain
inputs @ weights + biases
inputs = 3, 4
weights = 3, 4
biases = 3
```

And the fix:

~~~shapekit-explain
inputs @ weights.T + biases
inputs = 3, 4
weights = 3, 4
biases = 3
~~~

A fence shown as code stays code:

````markdown
```shapekit
kind = "dot"
```
````
"""

NESTED = """\
# Dot products

1. Two vectors, inside a list item:

    ```shapekit
    kind = "dot"
    left = [1, 2, 3]
    right = [2, 3, 4]
    caption = "Pairs are multiplied, then added."
    ```
"""

TYPO = """\
# A typo

```shapekit
kind = "dot"
left = [1, 2, 3]
rigth = [2, 3, 4]
```
"""


def make_site(root: Path, *, theme: str = "mkdocs", typo: bool = False) -> Path:
    docs = root / "docs"
    (docs / "vectors").mkdir(parents=True)
    (docs / "index.md").write_text(INDEX, encoding="utf-8")
    (docs / "vectors" / "dot.md").write_text(NESTED, encoding="utf-8")
    if typo:
        (docs / "typo.md").write_text(TYPO, encoding="utf-8")
    font = "\n  font: false" if theme == "material" else ""
    (root / "mkdocs.yml").write_text(
        f"site_name: Shapes\ntheme:\n  name: {theme}{font}\nplugins:\n  - shapekit\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def build(config_file: Path, *, strict: bool = False):
    config = load_config(config_file=str(config_file), strict=strict)
    mkdocs_build.build(config)
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mkdocs-site")
    build(make_site(root))
    return root / "site"


def figures(page: str) -> list[tuple[str, str, str]]:
    """(src, alt, caption) of each shapekit figure of a built page."""
    found = re.findall(
        r'<figure class="shapekit-figure"[^>]*>\s*<img src="([^"]+)" alt="([^"]*)"[^>]*>'
        r"(?:\s*<figcaption>(.*?)</figcaption>)?",
        page,
        re.S,
    )
    return [(src, html.unescape(alt), html.unescape(cap)) for src, alt, cap in found]


def test_a_figure_fence_becomes_the_figure_with_alt_text_and_caption(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    ((src, alt, caption),) = figures(page)
    assert src.startswith("_shapekit/neuron-") and src.endswith(".svg")
    assert (site / src).read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert "2.3" in alt  # the generated description carries the neuron's output
    assert "A neuron with three inputs" in caption
    assert "Each input is multiplied by its weight" in caption


def test_a_figure_in_a_list_item_on_a_nested_page_links_up_to_the_assets(site: Path) -> None:
    page = (site / "vectors" / "dot" / "index.html").read_text(encoding="utf-8")
    ((src, alt, caption),) = figures(page)
    assert src.startswith("../../_shapekit/dot-")
    assert (site / "vectors" / "dot" / src).resolve().is_file()
    assert "20" in alt and caption == "Pairs are multiplied, then added."


def test_explain_fences_show_the_mismatch_with_its_fix_and_the_steps(site: Path) -> None:
    page = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    assert "Shape mismatch" in page
    assert "inputs @ weights.T + biases" in page  # the verified fix of the first fence
    assert "-&gt;" not in page and "(3, 3)" in page  # the second fence's result shape


def test_a_fence_inside_a_longer_fence_stays_code(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert page.count('class="shapekit-figure"') == 1
    assert "kind = &quot;dot&quot;" in page or 'kind = "dot"' in page


def test_a_misspelt_field_warns_with_page_and_line_and_shows_an_error_box(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = make_site(tmp_path, typo=True)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(config_file)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        w.startswith("typo.md:6:") and "'rigth'" in w and "did you mean 'right'?" in w
        for w in warnings
    ), warnings
    page = (tmp_path / "site" / "typo" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition failure shapekit-error"' in page
    assert "Traceback" not in page


def test_strict_builds_fail_on_a_bad_fence(tmp_path: Path) -> None:
    with pytest.raises(Abort):
        build(make_site(tmp_path, typo=True), strict=True)


def test_strict_builds_pass_on_good_fences(tmp_path: Path) -> None:
    build(make_site(tmp_path), strict=True)


def test_a_rebuild_after_editing_one_fence_redraws_one_figure(tmp_path: Path) -> None:
    config_file = make_site(tmp_path)
    first = build(config_file).plugins["shapekit"]
    assert (first.drawn, first.reused) == (2, 0)
    again = build(config_file).plugins["shapekit"]
    assert (again.drawn, again.reused) == (0, 2)
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text().replace("bias = 2.0", "bias = 3.0"), encoding="utf-8")
    edited = build(config_file).plugins["shapekit"]
    assert (edited.drawn, edited.reused) == (1, 1)
    assert "3.3" in figures((tmp_path / "site" / "index.html").read_text())[0][1]


def test_an_internal_error_in_one_fence_is_a_warning_and_the_build_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapekit.mkdocs.explain

    def broken(body: str) -> str:
        raise KeyError("boom")

    monkeypatch.setattr(shapekit.mkdocs.explain, "explain_html", broken)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(make_site(tmp_path))
    assert any("internal error" in r.getMessage() for r in caplog.records)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert page.count("shapekit-error") == 2 and len(figures(page)) == 1


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    pytest.importorskip("material")
    root = tmp_path_factory.mktemp("mkdocs-material")
    build(make_site(root, theme="material"))
    yield root / "site"
    shutil.rmtree(root, ignore_errors=True)


def test_material_for_mkdocs_builds_the_same_figures(material_site: Path) -> None:
    page = (material_site / "index.html").read_text(encoding="utf-8")
    assert len(figures(page)) == 1 and "Shape mismatch" in page


@pytest.mark.browser
@pytest.mark.parametrize("which", ["mkdocs", "material"])
def test_the_figures_show_in_chromium(
    which: str, site: Path, tmp_path_factory: pytest.TempPathFactory, request
) -> None:
    from _chromium import Browser, visit

    if shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed")
    root = request.getfixturevalue("material_site") if which == "material" else site
    browser = Browser(tmp_path_factory.mktemp("chromium-mkdocs"))
    try:
        for page in ("index.html", "vectors/dot/index.html"):
            shot = f"mkdocs-{which}-{page.replace('/', '-').removesuffix('.html')}.png"
            result = visit(browser, (root / page).as_uri(), 1000, shot)
            shown = [i for i in result["images"] if "_shapekit/" in (i["src"] or "")]
            assert shown and all(i["complete"] and i["width"] > 0 for i in shown), shown
            assert all(i["alt"] for i in shown)
    finally:
        browser.close()


def one_page_site(root: Path, page: str, *, extensions: str = "") -> Path:
    """A site of one page, ``index.md``; ``extensions`` is YAML for ``markdown_extensions``."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    more = f"markdown_extensions:\n{extensions}" if extensions else ""
    (root / "mkdocs.yml").write_text(
        f"site_name: Shapes\nplugins:\n  - shapekit\n{more}", encoding="utf-8"
    )
    return root / "mkdocs.yml"


MISMATCH = """\
```shapekit-explain
inputs @ weights + biases
inputs = 3, 4
weights = 3, 4
biases = 3
```"""


def test_fences_in_an_admonition_keep_their_html_whole(tmp_path: Path) -> None:
    # Markdown reads HTML nested in an admonition as text: the blank line of the mismatch's
    # <pre> became "</p><p>" inside it, and each block sat in a <p>
    nested = "\n".join("    " + line if line else "" for line in MISMATCH.split("\n"))
    dot = '    ```shapekit\n    kind = "dot"\n    left = [1, 2, 3]\n    right = [2, 3, 4]\n    ```'
    page = f'# Careful\n\n!!! warning "Watch out"\n\n{nested}\n\n{dot}\n'
    build(one_page_site(tmp_path, page, extensions="  - admonition\n"))
    out = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    admonition = out[out.index('<div class="admonition warning">') :]
    (pre,) = re.findall(r"<pre><code>(.*?)</code></pre>", admonition, re.S)
    assert "<p>" not in pre and "do not match" in pre
    assert "\n\n(3, 4) @ (3, 4)" in pre  # the blank line kept, as in the explanation
    assert len(figures(admonition)) == 1
    assert "<p><div" not in out and "<p><figure" not in out


def test_a_fence_that_markdown_reads_as_code_stays_code_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # indented by a tab (or four spaces) with no list around it, a fence is an indented
    # code block: it showed the figure's HTML as code, and warned about its typo
    page = 'Code:\n\n\t```shapekit\n\tkind = "dot"\n\tleft = [1, 2]\n\trigth = [3, 4]\n\t```\n'
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(one_page_site(tmp_path, page), strict=True)
    out = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    (code,) = re.findall(r"<pre><code>(.*?)</code></pre>", out, re.S)
    assert html.unescape(code).split("\n")[:4] == [
        "```shapekit",
        'kind = "dot"',
        "left = [1, 2]",
        "rigth = [3, 4]",
    ]
    assert "shapekit-error" not in out and "shapekit-figure" not in out
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_message_names_its_field_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    page = (
        '```shapekit\nkind = "dot"\nleft = [1, 2, 3]\nright = [2, 3, 4]\nscale = 1000\n```\n\n'
        "```shapekit-explain\ninputs @ weights\ninputs = 3, x\nweights = 4, 2\n```\n"
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(one_page_site(tmp_path, page))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "index.md:5: shapekit fence: field 'scale': must be at most 3, got 1000",
        "index.md:10: shapekit-explain fence: inputs: '3, x' is not a shape; write whole "
        "numbers separated by commas, like 3,4 (or () for a scalar)",
    ]
    out = html.unescape((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert "index.md, line 5: field 'scale': must be at most 3" in out
