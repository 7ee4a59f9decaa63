"""Requests a hostile or careless client sends, found by trying the running service:
each gets a documented status and a message, never a 500 or a silently different figure."""

from __future__ import annotations

import json

import pytest
from _client import Client

from shapekit.service import encode

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
