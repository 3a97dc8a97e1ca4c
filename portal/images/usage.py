"""Which pages place an image: shown beside it in the admin, so whoever
changes or approves it knows which pages change with it."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q

from portal.editorial import registry
from portal.models import ContentItem


def pages_placing(slug: str) -> list[ContentItem]:
    """The conditions, remedies and articles (any state) whose Markdown has
    a "[figure: slug]" line, by kind then title (a query per kind)."""
    # A slug holds letters, digits, "-" and "_": literal in either
    # database's regular expressions.
    pattern = rf"\[figure:\s*{slug}\s*\]"
    found: list[ContentItem] = []
    for kind in registry.of_type(ContentItem):
        fields = kind.model.markdown_fields
        where = reduce(or_, (Q(**{f"{field}__iregex": pattern}) for field in fields))
        found += kind.model.objects.filter(where).only("pk", "title", "slug", "status")
    return found
