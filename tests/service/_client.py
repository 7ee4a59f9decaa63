"""A WSGI test client: every request goes through :func:`wsgiref.validate.validator`,
so each test also checks that the application keeps PEP 3333."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def type(self) -> str:
        return self.headers.get("content-type", "")


class Client:
    """Calls a WSGI app in process, as a server would."""

    def __init__(self, app: Any) -> None:
        self.app = validator(app)

    def request(
        self,
        method: str,
        target: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        remote: str = "127.0.0.1",
    ) -> Reply:
        parts = urlsplit(target)
        environ: dict[str, Any] = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": parts.path.encode("utf-8").decode("latin-1"),
            "QUERY_STRING": parts.query,
            "RAW_URI": target,
            "REMOTE_ADDR": remote,
            "wsgi.input": io.BytesIO(body),
        }
        if body:
            environ["CONTENT_LENGTH"] = str(len(body))
        for name, value in (headers or {}).items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            else:
                environ["HTTP_" + key] = value
        setup_testing_defaults(environ)
        captured: dict[str, Any] = {}

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Any:
            captured["status"] = int(status.split()[0])
            captured["headers"] = {k.lower(): v for k, v in headers}
            return lambda data: None

        result = self.app(environ, start_response)
        try:
            data = b"".join(result)
        finally:
            result.close()  # type: ignore[attr-defined]
        return Reply(captured["status"], captured["headers"], data)

    def get(self, target: str, **kwargs: Any) -> Reply:
        return self.request("GET", target, **kwargs)

    def post(self, target: str, body: bytes, **kwargs: Any) -> Reply:
        return self.request("POST", target, body, **kwargs)
