"""schema.org JSON-LD for public pages, built from what each page shows.

Every page names its publisher: the pages with data of their own carry it
as `publisher`, and the footer gives every other page the Organization on
its own (portal.templatetags.publisher).
"""

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from portal.models import ClinicalArea, SitePageSlug
from portal.public.links import site_root

# A JSON-LD object: what json.dumps takes.
JsonObject = dict[str, Any]

LOGO = "img/logo.png"
# The schema.org type of each site page.
SITE_PAGE_TYPES = {SitePageSlug.ABOUT: "AboutPage", SitePageSlug.CONTACT: "ContactPage"}

# The same escapes as Django's json_script: no "</script>" can end the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data: JsonObject) -> SafeString:
    """A `<script type="application/ld+json">` element, safe inside HTML."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_SCRIPT_ESCAPES)

    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def organization(request: HttpRequest | None = None) -> JsonObject:
    """The publisher: the site itself, its address, logo and editorial policy.

    Built from settings alone (no query), so every page can carry it.
    """
    root = site_root(request)
    policy = reverse("portal:site_page", kwargs={"slug": SitePageSlug.EDITORIAL_POLICY})
    return {
        "@type": "Organization",
        "@id": f"{root}#publisher",
        "name": settings.SITE_NAME,
        "url": root,
        "logo": {"@type": "ImageObject", "url": _absolute(root, static(LOGO))},
        "publishingPrinciples": _absolute(root, policy),
    }


def _absolute(root: str, path: str) -> str:
    # Static files may live on another host already (a CDN's STATIC_URL).
    return path if "://" in path else root.rstrip("/") + path


def person(author: Any, request: HttpRequest) -> JsonObject:
    data: JsonObject = {"@type": "Person", "name": author.name}
    # Like the page: a profile and credentials only once the bio is approved.
    if not author.is_published:
        return data
    data["url"] = request.build_absolute_uri(author.get_absolute_url())
    if author.credentials:
        data["honorificSuffix"] = author.credentials
    if author.role:
        data["jobTitle"] = author.role
    if areas := author.review_area_labels:
        data["knowsAbout"] = areas
    return data


def medical_web_page(
    item: Any, request: HttpRequest, *, about: JsonObject | None = None
) -> JsonObject:
    """MedicalWebPage for a condition, remedy or article page."""
    data: JsonObject = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": item.title,
        "headline": item.title,
        "description": item.summary,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "author": person(item.author, request),
        "dateModified": item.updated_at.isoformat(),
        "inLanguage": "en-GB",
        "publisher": organization(request),
        "specialty": ClinicalArea(item.clinical_area).schema_specialty,
    }
    if item.published_at:
        data["datePublished"] = item.published_at.isoformat()
    if item.last_reviewed:
        data["lastReviewed"] = item.last_reviewed.isoformat()
    if item.medical_reviewer:
        data["reviewedBy"] = person(item.medical_reviewer, request)
    if about:
        data["about"] = about
    return data


def medical_condition(
    condition: Any, request: HttpRequest, *, symptoms: Iterable[Any], remedies: Iterable[Any]
) -> JsonObject:
    data: JsonObject = {
        "@type": "MedicalCondition",
        "name": condition.title,
        "url": request.build_absolute_uri(condition.get_absolute_url()),
        "description": condition.summary,
        "signOrSymptom": [
            {"@type": "MedicalSignOrSymptom", "name": symptom.name} for symptom in symptoms
        ],
        "possibleTreatment": [
            {
                "@type": "MedicalTherapy",
                "name": remedy.title,
                "url": request.build_absolute_uri(remedy.get_absolute_url()),
            }
            for remedy in remedies
        ],
    }
    if condition.also_called_names:
        data["alternateName"] = condition.also_called_names
    return data


def profile_page(author: Any, request: HttpRequest) -> JsonObject:
    data = person(author, request)
    # What they write about, then what they are qualified to review.
    known = [*author.interests, *author.review_area_labels]
    if author.is_published and known:
        data["knowsAbout"] = list(dict.fromkeys(known))
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "mainEntity": data,
        "publisher": organization(request),
    }


def site_page(page: Any, request: HttpRequest) -> JsonObject:
    """AboutPage, ContactPage or WebPage for one of the site's own pages."""
    data: JsonObject = {
        "@context": "https://schema.org",
        "@type": SITE_PAGE_TYPES.get(page.slug, "WebPage"),
        "name": page.title,
        "description": page.summary,
        "url": request.build_absolute_uri(page.get_absolute_url()),
        "inLanguage": "en-GB",
        "publisher": organization(request),
    }
    if page.last_updated:
        data["dateModified"] = page.last_updated.isoformat()
    if page.slug == SitePageSlug.ABOUT:
        data["about"] = {"@id": data["publisher"]["@id"]}
    return data


def publisher_page(request: HttpRequest | None = None) -> JsonObject:
    """The Organization on its own, for a page with no data of its own."""
    return {"@context": "https://schema.org", **organization(request)}
