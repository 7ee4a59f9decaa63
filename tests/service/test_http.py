"""The service's HTTP contract, through an in-process client that validates WSGI on every call:
statuses, caching headers and 304, error images vs JSON, limits, CORS and CSP."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from _client import Client
from conftest import NEURON

import shapekit
from shapekit.figures.drawing import figure
from shapekit.service import encode

pytestmark = pytest.mark.needs_dot

IMG = {"Accept": "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
FIELDS = {"inputs": [1, 2, 3], "weights": [0.2, 0.8, -0.5], "bias": 2}


def _same_figure(svg: bytes) -> None:
    expected = figure("neuron", FIELDS).svg()
    assert svg == expected


# -- figures -----------------------------------------------------------------------------


def test_readable_url_draws_the_figure_with_its_headers(client: Client) -> None:
    reply = client.get(NEURON)
    assert reply.status == 200
    assert reply.type == "image/svg+xml"
    _same_figure(reply.body)
    assert re.fullmatch(r'"[0-9a-f]{32}"', reply.headers["etag"])
    assert reply.headers["cache-control"] == "public, max-age=86400"
    assert reply.headers["access-control-allow-origin"] == "*"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert (
        reply.headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    )


def test_png_is_a_png(client: Client) -> None:
    reply = client.get(NEURON.replace(".svg", ".png"))
    assert reply.status == 200
    assert reply.type == "image/png"
    assert reply.body == figure("neuron", FIELDS).png()
    assert "content-security-policy" not in reply.headers


def test_pdf_when_the_renderer_has_it(client: Client) -> None:
    reply = client.get(NEURON.replace(".svg", ".pdf"))
    if hasattr(figure("dot", left=[1], right=[2]), "pdf"):
        assert reply.status == 200
        assert reply.type == "application/pdf"
        assert reply.body.startswith(b"%PDF")
    else:
        assert reply.status == 404
        assert "PDF" in reply.json()["error"]["message"]


@pytest.mark.parametrize("kind_in_path", ["neuron", "shapekit"])
def test_kroki_encoded_json(client: Client, kind_in_path: str) -> None:
    spec = dict(FIELDS, kind="neuron") if kind_in_path == "shapekit" else FIELDS
    reply = client.get(f"/{kind_in_path}/svg/{encode(json.dumps(spec))}")
    assert reply.status == 200
    _same_figure(reply.body)


TOML = """kind = "neuron"
title = "A neuron with three inputs"
caption = "Each input is multiplied by its weight; the bias comes last."
inputs = [1, 2, 3]
weights = [0.2, 0.8, -0.5]
bias = 2
"""


def test_the_same_toml_text_in_both_routes(client: Client) -> None:
    by_get = client.get(f"/shapekit/svg/{encode(TOML)}")
    by_post = client.post("/shapekit/svg", TOML.encode(), headers={"Content-Type": "text/plain"})
    kroki = client.post(
        "/shapekit/svg",
        json.dumps({"diagram_source": TOML, "diagram_options": {}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert by_get.status == by_post.status == kroki.status == 200
    _same_figure(by_get.body)
    assert by_get.body == by_post.body == kroki.body
    assert by_get.headers["etag"] == by_post.headers["etag"]


def test_a_gallery_figure_table_is_accepted_unchanged(client: Client) -> None:
    text = '[[figure]]\nid = "neuron-3"\n' + TOML
    reply = client.post("/shapekit/svg", text.encode(), headers={"Content-Type": "text/plain"})
    assert reply.status == 200
    _same_figure(reply.body)


def test_kroki_options_add_fields(client: Client) -> None:
    source = 'kind = "neuron"\ninputs = [1, 2, 3]\nweights = [0.2, 0.8, -0.5]'
    body = {"diagram_source": source, "diagram_options": {"bias": 2}}
    reply = client.post(
        "/shapekit/svg", json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    assert reply.status == 200
    _same_figure(reply.body)


def test_post_json_fields(client: Client) -> None:
    reply = client.post(
        "/neuron/png", json.dumps(FIELDS).encode(), headers={"Content-Type": "application/json"}
    )
    assert reply.status == 200
    assert reply.body == figure("neuron", FIELDS).png()


def test_the_etag_is_the_canonical_spec(client: Client) -> None:
    """Defaults filled and order ignored: three spellings of one figure share one ETag."""
    a = client.get(NEURON).headers["etag"]
    b = client.get("/neuron.svg?bias=2&weights=0.2,0.8,-0.5&inputs=1,2,3").headers["etag"]
    c = client.get(f"/neuron/svg/{encode(json.dumps(FIELDS))}").headers["etag"]
    png = client.get(NEURON.replace(".svg", ".png")).headers["etag"]
    other = client.get(NEURON.replace("bias=2", "bias=3")).headers["etag"]
    assert a == b == c
    assert len({a, png, other}) == 3


def test_if_none_match_is_304(client: Client) -> None:
    etag = client.get(NEURON).headers["etag"]
    for header in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        reply = client.get(NEURON, headers={"If-None-Match": header})
        assert reply.status == 304, header
        assert reply.body == b""
        assert reply.headers["etag"] == etag
        assert reply.headers["cache-control"] == "public, max-age=86400"
    assert client.get(NEURON, headers={"If-None-Match": '"other"'}).status == 200


def test_304_without_the_figure_in_memory(make_client: Any) -> None:
    """A revalidation never needs the bytes: a process with no cache still answers 304."""
    first = make_client(cache_bytes=0)
    etag = first.get(NEURON).headers["etag"]
    fresh = make_client(cache_bytes=0)
    assert fresh.get(NEURON, headers={"If-None-Match": etag}).status == 304


def test_version_pinning_makes_it_immutable(client: Client) -> None:
    pinned = client.get(f"{NEURON}&v={shapekit.__version__}")
    assert pinned.headers["cache-control"] == "public, max-age=31536000, immutable"
    stale = client.get(f"{NEURON}&v=0.0.0-old")
    assert stale.headers["cache-control"] == "public, max-age=86400"
    assert pinned.body == stale.body == client.get(NEURON).body


def test_max_age_is_configurable(make_client: Any) -> None:
    reply = make_client(max_age=600).get(NEURON)
    assert reply.headers["cache-control"] == "public, max-age=600"


def test_head_has_the_headers_and_no_body(client: Client) -> None:
    reply = client.request("HEAD", NEURON)
    assert reply.status == 200
    assert reply.body == b""
    assert int(reply.headers["content-length"]) == len(client.get(NEURON).body)


def test_the_lru_keeps_rendered_bytes(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    client.get(NEURON)
    import shapekit.service.wsgi as app_module

    def fail(*args: Any) -> bytes:
        raise AssertionError("rendered again")

    monkeypatch.setattr(app_module, "draw_bytes", fail)
    assert client.get(NEURON).status == 200


# -- errors ------------------------------------------------------------------------------


def test_a_misspelt_field_is_an_error_image_naming_it(client: Client) -> None:
    reply = client.get(NEURON.replace("weights", "wieghts"), headers=IMG)
    assert reply.status == 422
    assert reply.type == "image/svg+xml"
    assert "did you mean 'weights'" in reply.headers["x-shapekit-error"]
    assert b"wieghts" in reply.body and b"did you mean" in reply.body
    assert reply.headers["cache-control"] == "no-store"
    assert reply.headers["content-security-policy"].startswith("default-src 'none'")


def test_the_image_url_alone_gets_an_image(client: Client) -> None:
    reply = client.get(NEURON.replace("weights", "wieghts").replace(".svg", ".png"))
    assert reply.status == 422
    assert reply.type == "image/png"
    assert reply.body.startswith(b"\x89PNG")


def test_a_program_asking_for_json_gets_the_error_fields(client: Client) -> None:
    reply = client.get(NEURON.replace("weights", "wieghts"), headers=JSON)
    assert reply.status == 422
    error = reply.json()["error"]
    assert error["field"] == "wieghts"
    assert error["suggestion"] == "weights"
    assert error["kind"] == "spec"


@pytest.mark.parametrize(
    ("target", "status", "words"),
    [
        ("/nueron.svg?inputs=1", 404, "did you mean 'neuron'"),
        ("/neuron.sgv?inputs=1", 404, "did you mean 'svg'"),
        ("/neuron/svgz/eJyrVgIAAXMAug==", 404, "figures come as svg, png, pdf"),
        ("/neuron.svg?inputs=1,2,3&weights=0.2,x&bias=2", 422, "field 'weights'"),
        ("/neuron.svg?inputs=1,2,3&weights=0.2,0.8&bias=2", 422, "weights"),
        ("/neuron.svg?weights=0.2", 422, "need the field 'inputs'"),
        ("/neuron.svg?inputs=1&inputs=2", 400, "given twice"),
        ("/neuron/svg/!!!", 400, "only letters"),
        ("/neuron/svg/" + encode("[1, 2]"), 400, "not valid TOML"),
        ("/neuron/svg/" + encode('{"inputs": [1, 2'), 400, "not valid JSON"),
        ("/neuron/svg/" + encode('{"kind": "dot"}'), 422, "sent to the 'neuron' route"),
        ("/shapekit/svg/" + encode('{"inputs": [1]}'), 422, "needs a 'kind'"),
        ("/shapekit/svg/" + encode('kind = "nueron"'), 422, "did you mean 'neuron'"),
        ("/a/b/c/d", 404, "nothing at"),
        ("/explain.png?expr=a", 404, "explanations come as"),
    ],
    ids=lambda v: v if isinstance(v, int) else None,
)
def test_documented_error_statuses(client: Client, target: str, status: int, words: str) -> None:
    for headers in (IMG, JSON):
        reply = client.get(target, headers=headers)
        assert reply.status == status, reply.body[:300]
        assert words in reply.headers["x-shapekit-error"]
    assert words in client.get(target, headers=JSON).json()["error"]["message"]


def test_error_header_is_one_ascii_line(client: Client) -> None:
    reply = client.get("/neuron.svg?inputs=caf%C3%A9%0Aline")
    header = reply.headers["x-shapekit-error"]
    assert header.isascii() and "\n" not in header


def test_wrong_method_is_405_with_allow(client: Client) -> None:
    reply = client.post(NEURON, b"{}", headers=JSON)
    assert reply.status == 405
    assert reply.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.get("/neuron/svg", headers=JSON).status == 405


def test_unknown_body_type_is_415(client: Client) -> None:
    reply = client.post("/neuron/svg", b"<xml/>", headers={"Content-Type": "application/xml"})
    assert reply.status == 415


# -- limits ------------------------------------------------------------------------------


def test_long_urls_are_414_as_an_image(make_client: Any) -> None:
    client = make_client(max_uri=1000)
    reply = client.get("/neuron.svg?inputs=" + ",".join(["1"] * 600), headers=IMG)
    assert reply.status == 414
    assert reply.type == "image/svg+xml"
    assert "POST" in reply.headers["x-shapekit-error"]


def test_the_default_uri_limit_is_4094(client: Client) -> None:
    head = "/neuron.svg?inputs="
    near = head + "1" * (4094 - len(head))
    assert client.get(near, headers=JSON).status != 414
    assert client.get(near + "1", headers=JSON).status == 414


def test_bodies_over_64_kb_are_413_before_reading(client: Client) -> None:
    body = b"x" * (64 * 1024 + 1)
    reply = client.post("/neuron/svg", body, headers=JSON)
    assert reply.status == 413


def test_an_encoded_deflate_bomb_is_413(make_client: Any) -> None:
    client = make_client(max_uri=8190)
    bomb = encode('{"inputs": [' + "1," * 3_000_000 + "1]}")
    assert len(bomb) < 8000
    reply = client.get(f"/neuron/svg/{bomb}", headers=IMG)
    assert reply.status == 413


def test_registry_size_limits_are_422(client: Client) -> None:
    reply = client.post(
        "/neuron/svg",
        json.dumps({"inputs": [1] * 10_001, "weights": [1] * 10_001}).encode(),
        headers={"Content-Type": "application/json", **JSON},
    )
    assert reply.status == 422
    assert "limit" in reply.json()["error"]["message"]


def test_saturation_is_503_with_retry_after() -> None:
    from shapekit.service import create_app
    from shapekit.service.settings import Settings

    service = create_app(Settings(max_pending=1, retry_after=7))
    service.renderer._pending = 1  # one render already in flight
    reply = Client(service).get(NEURON, headers=IMG)
    assert reply.status == 503
    assert reply.headers["retry-after"] == "7"
    assert reply.type == "image/svg+xml"


def test_slow_renders_are_503(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import shapekit.service.wsgi as app_module
    from shapekit.service import create_app
    from shapekit.service.settings import Settings

    monkeypatch.setattr(app_module, "draw_bytes", lambda spec, fmt: time.sleep(0.5) or b"")
    reply = Client(create_app(Settings(render_timeout=0.1))).get(NEURON, headers=JSON)
    assert reply.status == 503
    assert "longer than 0.1 s" in reply.json()["error"]["message"]
    assert "retry-after" in reply.headers


def test_rate_limit_is_429(make_client: Any) -> None:
    client = make_client(rate=1.0)
    statuses = [client.get(NEURON, headers=JSON).status for _ in range(4)]
    assert statuses[:2] == [200, 200]
    assert 429 in statuses
    other = client.get(NEURON, headers=JSON, remote="127.0.0.2")
    assert other.status == 200


def test_an_internal_failure_is_a_500_for_that_request_only(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapekit.service.wsgi as app_module

    def boom(spec: Any, fmt: str) -> bytes:
        raise KeyError("a bug")

    monkeypatch.setattr(app_module, "draw_bytes", boom)
    reply = client.get(NEURON, headers=IMG)
    assert reply.status == 500
    assert reply.type == "image/svg+xml"
    monkeypatch.undo()
    assert client.get(NEURON).status == 200


# -- CORS, kinds, health ------------------------------------------------------------------------


def test_cors_preflight(client: Client) -> None:
    reply = client.request(
        "OPTIONS",
        "/neuron/svg",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert reply.status == 204
    assert reply.headers["access-control-allow-origin"] == "*"
    assert reply.headers["access-control-allow-methods"] == "GET, POST, OPTIONS"
    assert "Content-Type" in reply.headers["access-control-allow-headers"]
    assert "ETag" in client.get(NEURON).headers["access-control-expose-headers"]


def test_kinds_lists_every_field_from_the_registry(client: Client) -> None:
    from shapekit.figures.registry import all_kinds

    data = client.get("/kinds").json()
    assert [k["name"] for k in data["kinds"]] == [k.name for k in all_kinds()]
    for listed, kind in zip(data["kinds"], all_kinds(), strict=True):
        assert [f["name"] for f in listed["fields"]] == list(kind.field_names)
        example = client.get(listed["example_url"])
        assert example.status == 200, listed["example_url"]


def test_healthz(client: Client) -> None:
    data = client.get("/healthz").json()
    assert data["ok"] is True
    assert data["shapekit"] == shapekit.__version__


# -- explanations -------------------------------------------------------------------------------

EXPR = (
    "/explain.{fmt}?expr="
    + quote("inputs @ weights.T + biases")
    + "&inputs=3,4&weights=3,4&biases=3"
)


def test_explain_json_matches_the_library(client: Client) -> None:
    data = client.get(EXPR.format(fmt="json")).json()
    expected = shapekit.explain(
        "inputs @ weights.T + biases", shapes={"inputs": "3,4", "weights": "3,4", "biases": "3"}
    )
    assert data["ok"] is True
    assert tuple(data["shape"]) == expected.shape == (3, 3)
    assert [s["expr"] for s in data["steps"]] == [t.expr for t in expected.steps]


def test_explain_plus_typed_in_a_url_is_the_operator(client: Client) -> None:
    reply = client.get("/explain.json?expr=a%20@%20b%20+%20c&a=2,3&b=3,4&c=4")
    assert reply.json()["shape"] == [2, 4]


def test_explain_a_mismatch_shows_the_verified_fixes(client: Client) -> None:
    target = EXPR.replace("weights.T", "weights")
    data = client.get(target.format(fmt="json")).json()
    assert data["ok"] is False
    assert data["error"]["op"] == "matmul"
    assert data["error"]["suggestions"][0]["expr"] == "inputs @ weights.T + biases"
    svg = client.get(target.format(fmt="svg"))
    assert svg.status == 200 and svg.type == "image/svg+xml"
    assert b"Fixes that work" in svg.body and b"inputs @ weights.T + biases" in svg.body
    page = client.get(target.format(fmt="html")).body.decode()
    assert "<code>inputs @ weights.T + biases</code>" in page


def test_explain_html_escapes_the_expression(client: Client) -> None:
    reply = client.get("/explain.html?expr=" + quote("a<b>") + "&a=3")
    assert reply.status == 422
    ok = client.get("/explain.html?expr=" + quote("x.T") + "&x=2,3").body.decode()
    assert "<code>x.T</code>" in ok and "(3, 2)" in ok


@pytest.mark.parametrize(
    ("query", "field"),
    [("expr=a%20@%20b&a=3,x&b=3", "a"), ("a=3", "expr"), ("expr=a%20@@%20b&a=3&b=3", "expr")],
)
def test_explain_errors_name_the_part(client: Client, query: str, field: str) -> None:
    reply = client.get("/explain.json?" + query)
    assert reply.status == 422
    assert reply.json()["error"]["field"] == field


def test_explain_has_an_etag_and_304(client: Client) -> None:
    first = client.get(EXPR.format(fmt="svg"))
    again = client.get(EXPR.format(fmt="svg"), headers={"If-None-Match": first.headers["etag"]})
    assert again.status == 304


def test_no_field_is_named_like_a_service_parameter() -> None:
    from shapekit.figures.registry import all_kinds
    from shapekit.service.sources import META_KEYS, RESERVED

    for kind in all_kinds():
        clash = set(kind.field_names) & {*RESERVED, *META_KEYS, "kind", "format"}
        assert not clash, f"{kind.name}: {clash}"


def test_kroki_diagram_type_must_be_shapekit(client: Client) -> None:
    body = {"diagram_source": TOML, "diagram_type": "plantuml"}
    reply = client.post(
        "/shapekit/svg",
        json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **JSON},
    )
    assert reply.status == 422
    assert reply.json()["error"]["field"] == "diagram_type"
    body["diagram_type"] = "shapekit"
    ok = client.post(
        "/shapekit/svg", json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    assert ok.status == 200


def test_favicon_is_a_quiet_404(client: Client) -> None:
    reply = client.get("/favicon.ico")
    assert reply.status == 404 and reply.body == b""


def test_width_and_scale_are_fields_with_bounds(client: Client) -> None:
    import struct

    from shapekit.figures.registry import get_kind

    if "scale" not in get_kind("neuron").field_names:
        pytest.skip("this registry has no scale field")
    small = client.get(NEURON.replace(".svg", ".png") + "&scale=1").body
    large = client.get(NEURON.replace(".svg", ".png") + "&scale=2").body
    width = [struct.unpack(">I", png[16:20])[0] for png in (small, large)]
    assert width[1] > 1.5 * width[0]
    reply = client.get(NEURON + "&scale=1000", headers=JSON)
    assert reply.status == 422
    assert reply.json()["error"]["field"] == "scale"


def test_figures_are_drawn_in_the_helper_process_not_in_the_worker(client: Client) -> None:
    """A render drawn in the worker would hold the interpreter lock and stall its other
    threads; the service draws every figure in the render helper instead."""
    from shapekit.render import inprocess, renderer_info

    if renderer_info().name != "inprocess":
        pytest.skip("the in-process renderer is not the one in use here")
    before = inprocess.drawn_here()
    reply = client.request("GET", "/neuron.png?inputs=1,2,3,4&weights=0.5,0.5,1,1&bias=1")
    assert reply.status == 200 and reply.body[:4] == b"\x89PNG"
    assert inprocess.drawn_here() == before  # drawn, but not in this process


def test_drawing_away_is_only_for_the_thread_that_asks() -> None:
    import threading

    from shapekit.render import Job, helper, inprocess, render

    if not inprocess.available():
        pytest.skip("the in-process renderer is not available here")
    job = Job("digraph { a -> b }", "t", "d", "sk-t")
    before = inprocess.drawn_here()
    with inprocess.drawing_away():
        away = render([job], "svg", renderer="inprocess")
        other: list[bytes] = []
        thread = threading.Thread(
            target=lambda: other.extend(render([job], "svg", renderer="inprocess"))
        )
        thread.start()
        thread.join()
    assert inprocess.drawn_here() == before + 1  # only the other thread drew here
    assert away == other == render([job], "svg", renderer="inprocess")
    assert helper.shared().drawn >= 1
