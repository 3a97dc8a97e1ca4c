"""Parts of a page that only its own app knows how to describe.

The content API builds every kind's detail from what all content items
share (summary, Markdown sections, sources, reviewer, dates, tags). A kind
with more on its page (a condition's "when to get help", a remedy's steps)
contributes those parts from its own app, so the core names no content
model: `@contributes(Condition)` above a function of (item, request).
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

# A part as JSON: what portal.api.schemas.Part validates.
type JsonObject = dict[str, Any]
type PartsBuilder = Callable[[Any, HttpRequest], list[JsonObject]]

_builders: dict[type, PartsBuilder] = {}


def contributes(model: type) -> Callable[[PartsBuilder], PartsBuilder]:
    def register(builder: PartsBuilder) -> PartsBuilder:
        _builders[model] = builder
        return builder

    return register


def extra_parts(item: Any, request: HttpRequest) -> list[JsonObject]:
    builder = _builders.get(type(item))
    return builder(item, request) if builder else []
