"""The plain-English checks (portal.editorial.plain_english) on an item as
the admin holds it: its words, "when to get help", sources and review date
read from the database, and links to the site's own pages tried against the
URLconf and the published items."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from portal.editorial import plain_english, registry
from portal.editorial.workflow import review_interval
from portal.models import ContentItem, Status


def applies_to(item: Any) -> bool:
    """Pages with words a visitor reads: conditions, remedies, articles."""
    return isinstance(item, ContentItem)


def link_problem(path: str) -> str | None:
    """What is wrong with a link to the site address `path`, or None when
    it leads to a page visitors can open."""
    address = urlsplit(path).path or "/"
    try:
        match = resolve(address)
    except Resolver404:
        return "goes to no page on this site"
    slug = match.kwargs.get("slug")
    if not slug:
        return None
    for kind in registry.kinds():
        model: Any = kind.model
        if not hasattr(model, "slug"):
            continue
        target = model._default_manager.filter(slug=slug).first()
        if target is None or target.get_absolute_url() != address:
            continue
        if target.status != Status.PUBLISHED:
            status = target.get_status_display().lower()
            return f"goes to “{target}”, which is not published ({status})"
        return None
    if match.url_name and match.url_name.endswith("detail") and match.url_name != "tag_detail":
        return "goes to no page on this site"
    return None


def page_text(item: ContentItem) -> plain_english.PageText:
    """What the checks read of `item`, as stored now (inside a staged block,
    its pending draft)."""
    names = ["summary", *getattr(item, "markdown_fields", ())]
    opts: Any = item._meta
    fields = {
        str(opts.get_field(name).verbose_name).capitalize(): getattr(item, name) or ""
        for name in dict.fromkeys(names)
    }
    steps = getattr(item, "steps", None)
    if steps is not None:
        fields["Steps"] = "\n\n".join(step.text for step in steps.all())
    # A page with "when to get help" tiers is a condition page: the core
    # knows its parts by what they declare, not by importing the app.
    tiers = getattr(item, "advice", None)
    advice = [
        plain_english.Advice(
            label=row.get_urgency_display(), text=row.text, urgent=row.needs_number
        )
        for row in (tiers.all() if tiers is not None else ())
    ]
    return plain_english.PageText(
        fields=fields,
        condition_page=tiers is not None,
        advice=advice,
        sources=[
            plain_english.CitedSource(title=source.title, accessed_on=source.accessed_on)
            for source in item.sources.all()
        ],
        reviewed_on=item.last_reviewed,
        today=timezone.localdate(),
        review_interval=review_interval(),
        phone_numbers=tuple(dict.fromkeys([settings.EMERGENCY_NUMBER, settings.URGENT_NUMBER])),
        link_problem=link_problem,
    )


def report(item: ContentItem) -> plain_english.Report:
    return plain_english.check(page_text(item))
