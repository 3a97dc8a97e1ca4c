"""The content API's operations: thin, over portal.api.content.

Built with django-ninja: the OpenAPI 3.1 document at /api/v1/openapi.json
is generated from these signatures and portal.api.schemas, so it cannot
drift from the code. The symptom checker adds its operations from its own
app (conditions.checker.api), as the core names no content app.
"""

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.http import urlencode
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError

from portal.api import content, schemas
from portal.api.responses import cached_json, json_bytes, problem
from portal.models import ClinicalArea

# Kinds, slugs and tags as they appear in addresses; anything else (a NUL,
# a space) is refused before it reaches a query.
SLUG = r"^[-a-zA-Z0-9_]+$"
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
POLICY = """\
**Stability.** `/api/v1/` keeps its addresses, fields and meanings: within v1
fields are only ever added (ignore those you do not know), never renamed,
removed or given another meaning. A change that would break a client comes
as `/api/v2/`; v1 then keeps answering, unchanged, for at least 12 months,
its responses carry `Deprecation` and `Sunset` headers from the day v2
ships, and key holders are told by mail.

**Attribution.** Every response names the publisher and the page each item
came from. Show the attribution text with reused content, link to the page,
and do not change its medical meaning. Content is reviewed: check
`nextReviewDue` and fetch again (cheaply, with `If-None-Match`) rather than
keeping copies.

**Fair use.** Anonymous clients may make a limited number of requests per
10 minutes; past it the answer is 429 with `Retry-After`. Ask us for an API
key (sent as `X-API-Key`) for more.
"""

DESCRIPTION = f"""\
The reviewed pages of Clear Health (conditions, remedies, articles) as
JSON shaped after schema.org's MedicalWebPage, and the symptom checker's
questions and assessment, with the same rules as the site.

Only approved, published content is ever returned. Responses carry an
`ETag` and `Last-Modified`: send them back (`If-None-Match`,
`If-Modified-Since`) and an unchanged answer is a `304` with no body.

{POLICY}"""


class ContentApi(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """The document, with the kinds registered now: a kind registered
        after start-up is listed without a change here."""
        document = super().get_openapi_schema(*args, **kwargs)
        keys = [kind.key for kind in content.content_kinds()]
        for path in document["paths"].values():
            for operation in path.values():
                for parameter in operation.get("parameters", []):
                    if parameter["name"] == "kind":
                        parameter["schema"]["enum"] = keys
        return document


api = ContentApi(
    title="Clear Health content API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    # The human docs live at /api/docs/ (portal.api.urls), outside the limit.
    docs_url=None,
)

ERRORS: dict[int, Any] = {
    400: schemas.Problem,
    401: schemas.Problem,
    429: schemas.Problem,
}
CACHED = {304: None, **ERRORS}


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponseBase:
    """A 400 naming the fields at fault, never echoing what was sent (the
    checker's answers are health data)."""
    fields = sorted({".".join(str(part) for part in error["loc"][1:]) for error in exc.errors})
    return problem(f"Check these values: {', '.join(fields) or 'the request body'}.", 400)


def _index(request: HttpRequest) -> dict[str, Any]:
    root = request.build_absolute_uri
    return {
        "version": content.API_VERSION,
        "kinds": [
            {
                "key": kind.key,
                "label": kind.label,
                "plural": kind.plural,
                "list": root(f"{reverse('api:content_list')}?{urlencode({'kind': kind.key})}"),
                "tagged": kind.tagged,
            }
            for kind in content.content_kinds()
        ],
        "checker": root(reverse("api:checker")),
        "openapi": root(reverse("api:openapi-json")),
        "docs": root(reverse("api_docs")),
        "policy": POLICY,
        "publisher": content.publisher(request),
        "attribution": content.attribution(request, root("/")),
    }


@api.get(
    "/", response={200: schemas.Index, **CACHED}, url_name="index", tags=["content"], by_alias=True
)
def index(request: HttpRequest) -> HttpResponseBase:
    """What the API serves: the content kinds, the checker and this document."""
    return cached_json(request, "index", lambda: json_bytes(schemas.Index, _index(request)))


def _in_utc(moment: datetime.datetime) -> datetime.datetime:
    """`moment` in UTC (UTC if it names no zone). ISO 8601 allows offsets
    PostgreSQL refuses (+16:31), so the database is only ever given UTC;
    OverflowError for a moment that leaves the calendar on the way."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


@api.get(
    "/content",
    response={200: schemas.ContentList, **CACHED},
    url_name="content_list",
    by_alias=True,
    tags=["content"],
)
def content_list(
    request: HttpRequest,
    kind: str | None = Query(None, pattern=SLUG, max_length=100, description="A kind's key."),
    tag: str | None = Query(None, pattern=SLUG, max_length=100, description="A tag's slug."),
    area: ClinicalArea | None = Query(None, description="A clinical area."),
    modified_since: datetime.datetime | None = Query(
        None, description="Only items modified at or after this (ISO 8601; UTC if no zone)."
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
) -> HttpResponseBase:
    """Published items of every kind, most recently modified first."""
    if kind and content.content_kind(kind) is None:
        keys = ", ".join(k.key for k in content.content_kinds())
        return problem(f"No such kind: choose one of {keys}.", 400)
    if modified_since is not None:
        try:
            modified_since = _in_utc(modified_since)
        except OverflowError:
            return problem("Check these values: modified_since.", 400)
    filters = content.Filters(
        kind=kind or "", tag=tag or "", area=area or "", modified_since=modified_since
    )
    query = {
        name: value
        for name, value in (
            ("kind", kind),
            ("tag", tag),
            ("area", area),
            ("modified_since", modified_since.isoformat() if modified_since else None),
            ("page_size", page_size if page_size != 20 else None),
        )
        if value
    }

    def build() -> bytes:
        found = content.listing(request, filters, (page - 1) * page_size, page_size)
        address = request.build_absolute_uri(reverse("api:content_list"))

        def link(number: int) -> str:
            return f"{address}?{urlencode({**query, 'page': number})}"

        return json_bytes(
            schemas.ContentList,
            {
                "items": found.items,
                "page": {
                    "number": page,
                    "size": page_size,
                    "count": found.count,
                    "next": link(page + 1) if page * page_size < found.count else None,
                    "previous": link(page - 1) if page > 1 else None,
                },
                "publisher": content.publisher(request),
                "attribution": content.attribution(request, request.build_absolute_uri("/")),
            },
        )

    return cached_json(request, f"list?{urlencode({**query, 'page': page})}", build)


@api.get(
    "/content/{kind}/{slug}",
    response={200: schemas.ContentDetail, 404: schemas.Problem, **CACHED},
    url_name="content_detail",
    by_alias=True,
    tags=["content"],
)
def content_detail(
    request: HttpRequest,
    kind: str = Path(..., pattern=SLUG, max_length=100, description="A kind's key."),
    slug: str = Path(..., pattern=SLUG, max_length=200),
) -> HttpResponseBase:
    """One published item with its sections, sources, reviewer and review dates."""

    def build() -> bytes | None:
        found = content.content_kind(kind)
        item = content.published_item(found, slug) if found else None
        if item is None:
            return None
        return json_bytes(schemas.ContentDetail, content.detail(request, item))

    return cached_json(request, f"detail:{kind}:{slug}", build)
