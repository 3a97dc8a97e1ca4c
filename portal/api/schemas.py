"""The API's shapes, from which the OpenAPI document is generated.

Field names follow schema.org (camelCase, `@type`), as the pages' JSON-LD
does; the few that schema.org lacks (`nextReviewDue`, `kind`) are ours and
documented here. Every response is checked against these before it is
cached, so a response that breaks the document cannot be served.
"""

from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class JsonLd(Schema):
    model_config = ConfigDict(populate_by_name=True)


class Organization(JsonLd):
    type: Literal["Organization"] = Field("Organization", alias="@type")
    id: str = Field(alias="@id")
    name: str
    url: str
    publishingPrinciples: str


class Person(JsonLd):
    type: Literal["Person"] = Field("Person", alias="@type")
    name: str
    url: str | None = None
    honorificSuffix: str | None = Field(None, description="Credentials, e.g. “MBBS, MRCGP”.")
    jobTitle: str | None = None
    knowsAbout: list[str] = []
    qualifiedToReview: str | None = Field(
        None, description="The page's clinical area, while the reviewer is qualified in it."
    )


class Attribution(Schema):
    publisher: str
    url: str = Field(description="The page to link back to.")
    text: str = Field(description="The notice to show with reused content.")
    license: str = Field(description="The editorial policy: how the content is written.")


class Citation(JsonLd):
    type: Literal["CreativeWork"] = Field("CreativeWork", alias="@type")
    name: str
    publisher: str
    url: str
    dateAccessed: str = Field(description="When the source was read (ISO 8601 date).")


class Linked(Schema):
    name: str
    url: str
    identifier: str
    kind: str


class UrgencyTier(Schema):
    urgency: Literal["self-care", "doctor", "urgent", "emergency"]
    label: str
    text: str


class CallNumbers(Schema):
    emergency: str = Field(description="Call in an emergency (EMERGENCY_NUMBER).")
    urgent: str = Field(description="Call for urgent advice (URGENT_NUMBER).")


class RemedyLink(Linked):
    safetyNotes: str | None = Field(None, description="The remedy's safety notes (HTML).")


class Part(JsonLd):
    """One section of a page, in the page's order."""

    type: Literal["WebPageElement"] = Field("WebPageElement", alias="@type")
    identifier: str
    name: str = Field(description="The section's heading on the page.")
    text: str | None = Field(None, description="Sanitised HTML, as the page shows it.")
    tiers: list[UrgencyTier] | None = Field(
        None, description="When to get help, most urgent first."
    )
    callNumbers: CallNumbers | None = None
    items: list[str] | None = Field(None, description="A list the section shows (symptoms).")
    steps: list[str] | None = Field(None, description="Ordered steps (a remedy's).")
    pages: list[Linked] | None = Field(None, description="Pages the section links to.")
    remedies: list[RemedyLink] | None = None


class ContentSummary(JsonLd):
    type: Literal["MedicalWebPage"] = Field("MedicalWebPage", alias="@type")
    identifier: str = Field(description="The page's slug.")
    kind: str = Field(description="The content kind, as listed at /api/v1/.")
    name: str
    description: str
    url: str = Field(description="The canonical page: link back to it.")
    dateModified: str
    datePublished: str | None
    lastReviewed: str | None
    nextReviewDue: str | None
    clinicalArea: str
    specialty: str
    keywords: list[str]
    detail: str = Field(description="This item's address in the API.")


class ContentDetail(JsonLd):
    context: Literal["https://schema.org"] = Field("https://schema.org", alias="@context")
    type: Literal["MedicalWebPage"] = Field("MedicalWebPage", alias="@type")
    identifier: str
    kind: str
    name: str
    headline: str
    description: str
    url: str
    inLanguage: str
    dateModified: str
    datePublished: str | None
    lastReviewed: str | None = Field(description="The last full medical review (ISO date).")
    nextReviewDue: str | None = Field(description="When the next medical review is due.")
    lastUpdated: str | None = Field(description="An approved change since the last review.")
    clinicalArea: str
    specialty: str
    keywords: list[str]
    author: Person
    reviewedBy: Person | None
    publisher: Organization
    citation: list[Citation]
    hasPart: list[Part]
    detail: str
    attribution: Attribution


class Page(Schema):
    number: int
    size: int
    count: int = Field(description="Items matching the filters, on every page.")
    next: str | None
    previous: str | None


class ContentList(Schema):
    items: list[ContentSummary]
    page: Page
    publisher: Organization
    attribution: Attribution


class Kind(Schema):
    key: str
    label: str
    plural: str
    list: str
    tagged: bool


class Index(Schema):
    version: str
    kinds: list[Kind]
    checker: str
    openapi: str
    docs: str
    policy: str = Field(description="Stability and deprecation of /api/v1/.")
    publisher: Organization
    attribution: Attribution


class Problem(Schema):
    detail: str
