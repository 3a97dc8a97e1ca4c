"""The content API's data: every registered kind of page, as JSON shaped
after schema.org (MedicalWebPage with `hasPart` sections), built from the
JSON-LD the pages already carry (portal.public.structured_data).

Only what visitors see is returned: each kind's `published()` rows, never
a pending draft (drafts live apart, in portal.models.Draft, and are never
read here).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.urls import reverse

from portal.api import parts
from portal.editorial import registry
from portal.models import ClinicalArea, ContentItem, published_sources
from portal.public import structured_data

type JsonObject = dict[str, Any]

API_VERSION = "v1"
# The page's own heading for a Markdown field, where it has one.
SECTION_TITLES = {
    "body": "Overview",
    "symptoms_text": "Symptoms",
    "causes": "Causes",
    "treatment": "Treatment",
    "prevention": "Prevention",
    "how_it_helps": "How it helps",
    "safety_notes": "Stay safe",
    "caution": "When to see a doctor",
}
# Where the identifier of a section differs from its field's name.
SECTION_IDS = {"body": "overview", "symptoms_text": "symptoms"}
# What names a part rather than fills it.
NAMING = {"identifier", "name", "position"}
ATTRIBUTION = (
    "Reviewed content from {publisher}. Reuse it with this notice and a link to the page "
    "it came from ({url}); do not change its medical meaning."
)


def content_kinds() -> tuple[registry.ContentKind[ContentItem], ...]:
    """The kinds the API serves: every registered kind with pages of its own."""
    return registry.of_type(ContentItem)


def content_kind(key: str) -> registry.ContentKind[ContentItem] | None:
    return next((kind for kind in content_kinds() if kind.key == key), None)


def publisher(request: HttpRequest) -> JsonObject:
    return structured_data.organization(request)


def attribution(request: HttpRequest, url: str) -> JsonObject:
    """Who published it and the page to link back to: on every response."""
    name = settings.SITE_NAME
    return {
        "publisher": name,
        "url": url,
        "text": ATTRIBUTION.format(publisher=name, url=url),
        "license": request.build_absolute_uri(
            reverse("portal:site_page", kwargs={"slug": "editorial-policy"})
        ),
    }


def detail_url(request: HttpRequest, kind: str, slug: str) -> str:
    return request.build_absolute_uri(reverse("api:content_detail", args=[kind, slug]))


@dataclass(frozen=True, kw_only=True)
class Filters:
    kind: str = ""
    tag: str = ""
    area: str = ""
    modified_since: datetime.datetime | None = None


def filtered(kind: registry.ContentKind[ContentItem], filters: Filters) -> models.QuerySet[Any]:
    rows = kind.model.objects.published()
    if filters.tag:
        if not kind.tagged:
            return rows.none()
        # Each tagged kind has its own through model; the registry says it has tags.
        rows = rows.filter(tags__slug=filters.tag)  # type: ignore[misc]
    if filters.area:
        rows = rows.filter(clinical_area=filters.area)
    if filters.modified_since:
        rows = rows.filter(updated_at__gte=filters.modified_since)
    return rows


@dataclass(frozen=True)
class Listing:
    items: list[JsonObject]
    count: int


def listing(request: HttpRequest, filters: Filters, offset: int, limit: int) -> Listing:
    """One page of every kind's published items, most recently modified
    first. The page's (kind, id) pairs come from one query over all kinds
    (a UNION), their rows from one query per kind on the page and one for
    its tags: the same number of queries for 3 items or 300."""
    kinds = [k for k in content_kinds() if not filters.kind or k.key == filters.kind]
    keyed = [
        filtered(kind, filters)
        .annotate(api_kind=models.Value(kind.key, output_field=models.CharField()))
        .values_list("api_kind", "pk", "updated_at")
        .order_by()
        for kind in kinds
    ]
    if not keyed:
        return Listing([], 0)
    union = keyed[0].union(*keyed[1:], all=True) if len(keyed) > 1 else keyed[0]
    count = union.count()
    page = list(union.order_by("-updated_at", "api_kind", "pk")[offset : offset + limit])
    rows: dict[tuple[str, int], Any] = {}
    for kind in kinds:
        ids = [pk for key, pk, _ in page if key == kind.key]
        if not ids:
            continue
        queryset = kind.model.objects.filter(pk__in=ids)
        if kind.tagged:
            queryset = queryset.prefetch_related("tags")  # type: ignore[misc]
        rows.update({(kind.key, row.pk): row for row in queryset})
    return Listing([summary(request, rows[key, pk]) for key, pk, _ in page], count)


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def summary(request: HttpRequest, item: Any) -> JsonObject:
    """What a list shows of an item: enough to choose it and to link back."""
    kind = item.content_kind
    url = request.build_absolute_uri(item.get_absolute_url())
    return {
        "@type": "MedicalWebPage",
        "identifier": item.slug,
        "kind": kind.key,
        "name": item.title,
        "description": item.summary,
        "url": url,
        "dateModified": item.updated_at.isoformat(),
        "datePublished": item.published_at.isoformat() if item.published_at else None,
        "lastReviewed": _date(item.last_reviewed),
        "nextReviewDue": _date(item.next_review_due),
        "clinicalArea": item.clinical_area,
        "specialty": ClinicalArea(item.clinical_area).schema_specialty,
        "keywords": [tag.name for tag in item.tags.all()] if kind.tagged else [],
        "detail": detail_url(request, kind.key, item.slug),
    }


def published_item(kind: registry.ContentKind[ContentItem], slug: str) -> Any | None:
    """The published item of `kind` at `slug`, with what its page shows."""
    rows = kind.model.objects.published()
    if hasattr(rows, "with_page_relations"):
        rows = rows.with_page_relations()
    else:
        rows = rows.select_related("author", "medical_reviewer").prefetch_related(
            published_sources(kind.model)
        )
    return rows.filter(slug=slug).first()


def detail(request: HttpRequest, item: Any) -> JsonObject:
    """An item as its page shows it: MedicalWebPage with its sections as
    `hasPart`, its sources, reviewer and review dates."""
    kind = item.content_kind
    data = structured_data.medical_web_page(item, request)
    data.update(
        identifier=item.slug,
        kind=kind.key,
        datePublished=data.get("datePublished"),
        lastReviewed=data.get("lastReviewed"),
        nextReviewDue=_date(item.next_review_due),
        lastUpdated=_date(item.last_updated) if item.updated_since_review else None,
        clinicalArea=item.clinical_area,
        keywords=[tag.name for tag in item.tags.all()] if kind.tagged else [],
        citation=[_citation(source) for source in item.sources.all()],
        hasPart=sections(item, request),
        reviewedBy=_reviewer(item, data),
        detail=detail_url(request, kind.key, item.slug),
        attribution=attribution(request, data["url"]),
    )
    return data


def _reviewer(item: Any, data: JsonObject) -> JsonObject | None:
    reviewer = data.get("reviewedBy")
    if reviewer is None:
        return None
    # As the byline says: the area only while they are qualified in it.
    if item.reviewer_qualified:
        reviewer["qualifiedToReview"] = item.get_clinical_area_display()
    return reviewer


def _citation(source: Any) -> JsonObject:
    return {
        "@type": "CreativeWork",
        "name": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "dateAccessed": source.accessed_on.isoformat(),
    }


def sections(item: Any, request: HttpRequest) -> list[JsonObject]:
    """The page's parts in its order: a part its app puts first (a
    condition's "when to get help"), then each Markdown section, joined by
    any part its app adds under the same identifier (the symptoms list),
    then the app's other parts. Parts with nothing in them are left out, as
    the page leaves them out."""
    extra = parts.extra_parts(item, request)
    found: dict[str, JsonObject] = {}
    for part in extra:
        if part.get("position") == "first":
            found[part["identifier"]] = part
    for field in item.markdown_fields:
        identifier = SECTION_IDS.get(field, field.replace("_", "-"))
        title = SECTION_TITLES.get(field) or str(item._meta.get_field(field).verbose_name)
        found[identifier] = {
            "identifier": identifier,
            "name": title[:1].upper() + title[1:],
            "text": getattr(item, f"{field}_html", "") or None,
        }
    for part in extra:
        if part.get("position") != "first":
            found[part["identifier"]] = {**found.get(part["identifier"], {}), **part}
    # "after:<identifier>" places a part where the page shows it.
    order = list(found)
    for identifier, part in found.items():
        after = str(part.get("position", "")).removeprefix("after:")
        if after in found and after != part.get("position"):
            order.remove(identifier)
            order.insert(order.index(after) + 1, identifier)
    return [
        {"@type": "WebPageElement", **{k: v for k, v in part.items() if k != "position"}}
        for part in (found[identifier] for identifier in order)
        if any(value for key, value in part.items() if key not in NAMING)
    ]


def linked(request: HttpRequest, items: Iterable[Any]) -> list[JsonObject]:
    """Other published pages named on a page, with their addresses."""
    return [
        {
            "name": other.title,
            "url": request.build_absolute_uri(other.get_absolute_url()),
            "identifier": other.slug,
            "kind": other.content_kind.key,
        }
        for other in items
    ]
