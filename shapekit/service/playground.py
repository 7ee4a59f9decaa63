"""``GET /``: the playground, a page generated from the figure registry.

A teacher picks a kind, fills in its fields and sees the figure; the page gives the
``<img>`` tag, the Markdown and the URL to copy. It is a plain HTML form that submits
with GET, so the figure shows with scripts blocked; a small inline script (allowed by
its hash in the page's Content-Security-Policy) redraws as one types and adds copy
buttons. Nothing here names a field: inputs, help texts, defaults and examples all come
from :mod:`shapekit.figures.registry`.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping
from urllib.parse import quote

from shapekit.errors import ShapekitError
from shapekit.figures.fields import Field
from shapekit.figures.registry import KIND_NAMES, Kind, get_kind

__all__ = ["CSP", "figure_path", "page", "readable"]

#: characters left as they are in a readable figure URL
URL_SAFE = ",-.[]"

_SCRIPT = """
(function () {
  var form = document.getElementById("spec");
  var img = document.getElementById("figure");
  var base = form.getAttribute("data-base");
  var kind = form.elements["kind"];
  function url() {
    var parts = [];
    Array.prototype.forEach.call(form.querySelectorAll("[data-field]"), function (el) {
      if (el.value.trim() !== "") {
        parts.push(el.name + "=" + encodeURIComponent(el.value.trim())
          .replace(/%2C/g, ",").replace(/%20/g, "+"));
      }
    });
    var fmt = form.elements["format"].value;
    return "/" + kind.value + "." + fmt + (parts.length ? "?" + parts.join("&") : "");
  }
  function snippets(path, alt) {
    img.alt = alt;
    document.getElementById("copy-url").value = base + path;
    document.getElementById("copy-img").value =
      '<img src="' + base + path + '" alt="' + alt.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + '">';
    document.getElementById("copy-md").value =
      "![" + alt.replace(/([\\[\\]\\\\])/g, "\\\\$1") + "](" + base + path + ")";
  }
  function update() {
    var path = url();
    img.src = path;
    snippets(path, img.alt);
    history.replaceState(null, "", "/?" + new URLSearchParams(new FormData(form)).toString());
    // the alt text is the figure's own description: the <desc> of its SVG
    var query = path.indexOf("?") >= 0 ? path.slice(path.indexOf("?")) : "";
    var svg = "/" + kind.value + ".svg" + query;
    fetch(svg).then(function (reply) {
      if (!reply.ok) {
        snippets(path, "shapekit: " + (reply.headers.get("X-Shapekit-Error") || reply.status));
        return null;
      }
      return reply.text();
    }).then(function (text) {
      if (text === null || url() !== path) { return; }
      var doc = new DOMParser().parseFromString(text, "image/svg+xml");
      var desc = doc.querySelector("desc");
      if (desc) { snippets(path, desc.textContent); }
    }).catch(function () {});
  }
  var timer = null;
  form.addEventListener("input", function (event) {
    if (event.target === kind) { return; }
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  kind.addEventListener("change", function () { location.href = "/?kind=" + kind.value; });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var box = document.getElementById(b.getAttribute("data-copy"));
      box.select();
      if (navigator.clipboard) { navigator.clipboard.writeText(box.value); }
      else { document.execCommand("copy"); }
      b.textContent = "Copied";
      setTimeout(function () { b.textContent = "Copy"; }, 1200);
    });
  });
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()

#: the playground's own policy: its inline script by hash, images from this service only
CSP = (
    "default-src 'none'; img-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

_STYLE = """
body { font: 16px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; background: #fafbfc; }
header { background: #1d2430; color: #fff; padding: .8rem 1.5rem; }
header h1 { font-size: 1.2rem; margin: 0; }
main { display: flex; flex-wrap: wrap; gap: 1.5rem; padding: 1.5rem; }
form, .result { background: #fff; border: 1px solid #d8dee4; border-radius: 8px; padding: 1rem; }
form { flex: 1 1 22rem; max-width: 30rem; }
.result { flex: 2 1 28rem; }
label { display: block; font-weight: 600; margin-top: .7rem; }
label small { display: block; font-weight: 400; color: #57606a; }
input, select, textarea { width: 100%; box-sizing: border-box; font: 14px ui-monospace, monospace;
  padding: .35rem; border: 1px solid #d0d7de; border-radius: 4px; }
button { margin-top: 1rem; padding: .45rem 1rem; border-radius: 4px; border: 1px solid #1f6feb;
  background: #1f6feb; color: #fff; font-weight: 600; }
.figure { text-align: center; padding: 1rem; background: #fff; min-height: 8rem; }
.figure img { max-width: 100%; }
.copy { display: flex; gap: .5rem; align-items: start; margin-top: .5rem; }
.copy textarea { height: 3.2rem; }
.copy button { margin: 0; }
"""


def figure_path(kind: str, values: Mapping[str, str], fmt: str = "svg") -> str:
    """The readable URL path of a figure: ``/neuron.svg?inputs=1,2,3&bias=2``.

    >>> figure_path("dot", {"left": "1, 2, 3", "right": "2,3,4"})
    '/dot.svg?left=1,+2,+3&right=2,3,4'
    """
    query = "&".join(f"{_quote(k)}={_quote(v.strip())}" for k, v in values.items() if v.strip())
    return f"/{kind}.{fmt}" + (f"?{query}" if query else "")


def _quote(text: str) -> str:
    return quote(text, safe=URL_SAFE).replace("%20", "+")


def page(query: Mapping[str, str], base: str) -> str:
    """The playground's HTML for a request's ``query`` (kind, field values, format)."""
    kind_name = query.get("kind", KIND_NAMES[0])
    if kind_name not in KIND_NAMES:
        kind_name = KIND_NAMES[0]
    kind = get_kind(kind_name)
    fmt = query.get("format", "svg") if query.get("format") in ("svg", "png") else "svg"
    given = any(f.name in query for f in kind.fields)
    values = {f.name: query.get(f.name, "") if given else _example(kind, f) for f in kind.fields}
    path = figure_path(kind.name, values, fmt)
    alt = _description(kind, values)
    esc = html.escape
    kinds = "".join(
        f'<option value="{n}"{" selected" if n == kind.name else ""}>{n}: '
        f"{esc(get_kind(n).summary)}</option>"
        for n in KIND_NAMES
    )
    inputs = "".join(_input(f, values[f.name]) for f in kind.fields)
    formats = "".join(
        f'<option value="{f}"{" selected" if f == fmt else ""}>{f.upper()}</option>'
        for f in ("svg", "png")
    )
    url = base + path
    img_tag = f'<img src="{esc(url)}" alt="{esc(alt)}">'
    markdown = f"![{_md_escape(alt)}]({url})"
    copies = "".join(
        f'<label for="{ident}">{label}</label><div class="copy">'
        f'<textarea id="{ident}" readonly>{esc(text)}</textarea>'
        f'<button type="button" data-copy="{ident}" hidden>Copy</button></div>'
        for ident, label, text in (
            ("copy-img", "HTML", img_tag),
            ("copy-md", "Markdown", markdown),
            ("copy-url", "URL", url),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>shapekit figures playground</title><style>{_STYLE}</style></head>
<body><header><h1>shapekit figures: a figure at a URL</h1></header>
<main>
<form id="spec" method="get" action="/" data-base="{esc(base)}">
<label for="kind">Kind</label><select id="kind" name="kind">{kinds}</select>
<p><small>{esc(kind.summary)}</small></p>
{inputs}
<label for="format">Format</label><select id="format" name="format">{formats}</select>
<button type="submit">Draw</button>
</form>
<section class="result">
<div class="figure"><img id="figure" src="{esc(path)}" alt="{esc(alt)}"></div>
{copies}
<p><small>Every field is optional unless marked required; an empty field takes its default.
The figure list and each field's type, default and limits are at <a href="/kinds">/kinds</a>.
</small></p>
</section>
</main>
<script>{_SCRIPT}</script>
</body></html>
"""


def _example(kind: Kind, field: Field) -> str:
    if field.name not in kind.example:
        return ""
    return readable(field, field.convert(kind.example[field.name]))


def readable(field: Field, value: object) -> str:
    """A field's value as short text for a URL, which the field reads back.

    >>> from shapekit.figures.fields import Field
    >>> readable(Field("inputs", "numbers", ""), (1.0, 2.0, 3.0))
    '1.0,2.0,3.0'
    >>> readable(Field("weights", "matrix", ""), ((0.2, 0.8), (0.5, -0.9)))
    '[[0.2,0.8],[0.5,-0.9]]'
    """
    if isinstance(value, tuple):
        flat = all(not isinstance(v, tuple) for v in value)
        if flat and not any(isinstance(v, str) and "," in v for v in value):
            return ",".join(str(v) for v in value)
        if field.type in ("matrix", "nested"):
            return field.format(value).replace(", ", ",")
    return field.format(value)


def _input(field: Field, value: str) -> str:
    esc = html.escape
    ident = f"field-{field.name}"
    need = " (required)" if field.required else ""
    label = f'<label for="{ident}">{esc(field.name)}{need}<small>{esc(field.describe())}</small></label>'
    if field.type in ("choice", "flag"):
        options = field.choices if field.type == "choice" else ("true", "false")
        default = "" if field.required else field.format(field.default)
        items = f'<option value="">default ({esc(default)})</option>' + "".join(
            f"<option{' selected' if value == o else ''}>{esc(o)}</option>" for o in options
        )
        return f'{label}<select id="{ident}" name="{field.name}" data-field>{items}</select>'
    empty = field.required or field.default in (None, (), "")
    placeholder = "" if empty else readable(field, field.default)
    return (
        f'{label}<input id="{ident}" name="{field.name}" value="{esc(value)}" '
        f'placeholder="{esc(placeholder)}" data-field autocomplete="off" spellcheck="false">'
    )


def _description(kind: Kind, values: Mapping[str, str]) -> str:
    from shapekit.figures.drawing import draw
    from shapekit.figures.registry import parse_spec

    try:
        spec = parse_spec(kind.name, {k: v for k, v in values.items() if v.strip()})
        return draw(spec).description
    except ShapekitError:
        return f"{kind.summary} (the spec has a problem: the image says which)"


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "[]\\" else ch for ch in text)
