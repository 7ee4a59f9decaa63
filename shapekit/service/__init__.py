"""The visualisation service: every figure and explanation at a URL.

``shapekit.service:app`` is a stateless WSGI application (run it with ``shapekit
service`` or ``gunicorn 'shapekit.service:app'``). Its routes, all derived from the
figure registry:

- ``GET /{kind}.{svg|png|pdf}?field=value&…`` — a figure from a readable query;
- ``GET /{kind}/{format}/{encoded}`` — Kroki's encoding (base64url of the deflated JSON or
  TOML spec); ``/shapekit/{format}/{encoded}`` when the spec names its ``kind``;
- ``POST /{kind}/{format}`` and ``POST /shapekit/{format}`` — JSON, TOML, or Kroki's
  ``{"diagram_source": …, "diagram_options": …}``;
- ``GET /explain.{svg|json|html}?expr=…&name=3,4`` — an expression's shapes explained;
- ``GET /kinds``, ``GET /healthz`` and ``GET /``, the playground.

Settings come from ``SHAPEKIT_SERVICE_*`` environment variables
(:class:`~shapekit.service.settings.Settings`).
"""

from __future__ import annotations

from shapekit.service.codec import decode, encode
from shapekit.service.settings import Settings
from shapekit.service.wsgi import ServiceApp, create_app, kinds_data

__all__ = ["ServiceApp", "Settings", "app", "create_app", "decode", "encode", "kinds_data"]

#: the application servers import: ``gunicorn 'shapekit.service:app'``
app = create_app()
