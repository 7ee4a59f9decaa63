"""Requests a hostile or careless client sends, found by trying the running service:
each gets a documented status and a message, never a 500 or a silently different figure."""

from __future__ import annotations

import json
from typing import Any

import pytest
from _client import Client
from conftest import NEURON

from shapekit.service import create_app, encode
from shapekit.service.settings import Settings

pytestmark = pytest.mark.needs_dot

JSON = {"Accept": "application/json"}
POST_JSON = {"Content-Type": "application/json", **JSON}
SPEC = '{{"kind": "neuron", "inputs": [1, 2], "weights": [1, 2], "bias": {bias}}}'


@pytest.mark.parametrize("digits", [4301, 5000, 60_000])
def test_a_json_number_past_pythons_digit_limit_is_422_not_500(client: Client, digits: int) -> None:
    text = SPEC.format(bias="9" * digits)
    replies = [client.post("/shapekit/svg", text.encode(), headers=POST_JSON)]
    if digits < 6000:  # the longest still fits in a URL
        replies.append(client.get("/shapekit/svg/" + encode(text), headers=JSON))
    for reply in replies:
        assert reply.status == 422, reply.body[:300]
        assert "digits" in reply.json()["error"]["message"]


def test_a_json_number_under_the_digit_limit_still_names_its_field(client: Client) -> None:
    reply = client.post("/shapekit/svg", SPEC.format(bias="9" * 4000).encode(), headers=POST_JSON)
    assert reply.status == 422
    assert reply.json()["error"]["field"] == "bias"


@pytest.mark.parametrize(
    "body",
    [
        '{"kind": "neuron", "inputs": [1, 2], "inputs": [3, 4], "weights": [1, 2]}',
        '{"kind": "neuron", "kind": "dot", "inputs": [1, 2], "weights": [1, 2]}',
        json.dumps({"diagram_source": "kind = 'dot'\nleft = [1]\nright = [2]"})[:-1]
        + ', "diagram_source": "kind = \'neuron\'"}',
    ],
    ids=["field", "kind", "kroki-source"],
)
def test_a_json_key_given_twice_is_400_like_a_query_parameter(client: Client, body: str) -> None:
    # JSON would silently keep the last value: the figure drawn would not be the one written
    for reply in (
        client.post("/shapekit/svg", body.encode(), headers=POST_JSON),
        client.get("/shapekit/svg/" + encode(body), headers=JSON),
    ):
        assert reply.status == 400, reply.body[:300]
        assert "given twice" in reply.json()["error"]["message"]


def test_a_json_key_given_twice_inside_kroki_options_is_400(client: Client) -> None:
    body = (
        '{"diagram_source": "kind = \\"dot\\"\\nleft = [1]\\nright = [2]",'
        ' "diagram_options": {"scale": 1, "scale": 2}}'
    )
    reply = client.post("/shapekit/svg", body.encode(), headers=POST_JSON)
    assert reply.status == 400
    assert reply.json()["error"]["field"] == "scale"


# -- many requests at once -------------------------------------------------------------------


def _slow_drawing(monkeypatch: pytest.MonkeyPatch, seconds: float) -> list[str]:
    """Make every render take ``seconds``; the list records each one drawn."""
    import time

    import shapekit.service.wsgi as app_module

    drawn: list[str] = []
    real = app_module.draw_bytes

    def slow(spec: Any, fmt: str) -> bytes:
        drawn.append(fmt)
        time.sleep(seconds)
        return real(spec, fmt)

    monkeypatch.setattr(app_module, "draw_bytes", slow)
    return drawn


def test_a_class_loading_one_new_figure_at_once_draws_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 40 requests for the same figure, more than max_pending: before, each started its own
    # render and all but the first 16 were refused with 503
    from concurrent.futures import ThreadPoolExecutor

    drawn = _slow_drawing(monkeypatch, 0.3)
    client = Client(create_app(Settings(max_pending=4)))
    with ThreadPoolExecutor(40) as pool:
        statuses = list(pool.map(lambda _: client.get(NEURON, headers=JSON).status, range(40)))
    assert statuses == [200] * 40
    assert drawn == ["svg"]


def test_a_render_past_the_timeout_is_kept_for_the_next_try(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    drawn = _slow_drawing(monkeypatch, 0.4)
    client = Client(create_app(Settings(render_timeout=0.1)))
    assert client.get(NEURON, headers=JSON).status == 503
    time.sleep(0.6)  # the render finishes in the background
    again = client.get(NEURON, headers=JSON)
    assert again.status == 200
    assert again.body.startswith(b"<?xml") or b"<svg" in again.body[:400]
    assert drawn == ["svg"]


def test_the_pending_count_returns_to_zero() -> None:
    # the first render of a process used to reset the count after counting itself: -1
    service = create_app(Settings())
    for bias in ("1", "2"):
        assert Client(service).get(NEURON.replace("bias=2", "bias=" + bias)).status == 200
    assert service.renderer.pending == 0


def test_a_long_explain_url_is_not_told_to_use_post(make_client: Any) -> None:
    # /explain.* answers GET only: "send it with POST" led to a 405
    client = make_client(max_uri=1000)
    names = "".join(f"&x{i}=3,4" for i in range(150))
    reply = client.get("/explain.svg?expr=x0" + names, headers=JSON)
    assert reply.status == 414
    message = reply.json()["error"]["message"]
    assert "POST" not in message and "Shorten" in message
    assert client.post("/explain.svg", b"{}", headers=JSON).status == 405
    figure = client.get("/neuron.svg?inputs=" + ",".join(["1"] * 600), headers=JSON)
    assert "POST" in figure.json()["error"]["message"]


@pytest.mark.parametrize(
    ("target", "status", "words"),
    [
        ("/nueron/svg", 404, "did you mean 'neuron'"),
        ("/neuron/gif", 404, "figures come as svg, png, pdf"),
        ("/neuron/svg", 405, "answers POST"),
    ],
)
def test_a_get_to_a_post_route_names_a_misspelling_first(
    client: Client, target: str, status: int, words: str
) -> None:
    # it used to say "answers POST, not GET" to any /x/y, hiding the typo
    reply = client.get(target, headers=JSON)
    assert reply.status == status
    assert words in reply.json()["error"]["message"]


def test_a_post_with_a_matching_etag_still_gets_the_figure(client: Client) -> None:
    # RFC 9110 allows 304 only for GET and HEAD; a POST's 304 left the client with no figure
    body = b'{"kind": "dot", "left": [1], "right": [2]}'
    headers = {"Content-Type": "application/json"}
    first = client.post("/shapekit/svg", body, headers=headers)
    again = client.post(
        "/shapekit/svg", body, headers={**headers, "If-None-Match": first.headers["etag"]}
    )
    assert again.status == 200
    assert again.body == first.body


def test_a_drawing_fix_without_a_new_version_changes_the_etag(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the ETag named only the versions: after a figure was fixed (a layer of two neurons lost
    # a box), a browser revalidating the broken drawing was told 304 and kept it
    import shapekit.figures.cache as cache_module

    before = client.get(NEURON).headers["etag"]
    monkeypatch.setattr(cache_module, "drawing_code", lambda: "other drawing code")
    fresh = Client(create_app(Settings()))
    after = fresh.get(NEURON, headers={"If-None-Match": before})
    assert after.status == 200
    assert after.headers["etag"] != before
