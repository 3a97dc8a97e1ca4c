"""The content API's list and detail: what they return, what they never
return, and what they cost."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from portal.editorial import registry
from portal.models import Draft, Status
from tests import factories
from tests.registry_app.models import Leaflet

pytestmark = pytest.mark.django_db


def _get(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, (response.json() if response.content else None)


def _page_time(html, role):
    found = re.search(rf'data-role="{role}" datetime="([0-9-]+)"', html)
    return found.group(1) if found else None


# The page's sections (conditions.views.condition_sections) and its panels.
SECTION_IDS = "help|overview|symptoms|causes|treatment|prevention|remedies|unsafe|related"


@pytest.mark.parametrize("slug", ["als", "blood-clot-in-the-leg", "poor-circulation"])
def test_a_condition_carries_every_section_its_page_shows(client, launch_content, slug):
    page = client.get(f"/conditions/{slug}/").content.decode()
    _, data = _get(client, f"/api/v1/content/condition/{slug}")
    shown = re.findall(rf'<h2 id="(?:{SECTION_IDS})-heading">([^<]+)</h2>', page)
    names = [part["name"] for part in data["hasPart"]]
    assert shown and [name for name in names if name in shown] == shown
    # The same review dates, reviewer and sources as the byline and source list.
    assert data["lastReviewed"] == _page_time(page, "last-reviewed")
    assert data["nextReviewDue"] == _page_time(page, "next-review-due")
    assert data["reviewedBy"]["name"] in page
    assert data["reviewedBy"]["honorificSuffix"]
    cited = re.findall(r'<li><a href="([^"]+)" rel="noopener">', page)
    assert [c["url"] for c in data["citation"]] == cited
    assert all(c["dateAccessed"] for c in data["citation"])
    help_part = next(p for p in data["hasPart"] if p["identifier"] == "when-to-get-help")
    assert help_part["callNumbers"] == {"emergency": "999", "urgent": "111"}
    assert [t["urgency"] for t in help_part["tiers"]] == re.findall(
        r'class="advice advice--[a-z-]+" data-urgency="([a-z-]+)"', page
    )
    # Attribution: the publisher and the page to link back to.
    assert data["attribution"]["url"] == data["url"]
    assert data["url"].endswith(f"/conditions/{slug}/")
    assert data["publisher"]["name"] == "Clear Health"


def test_a_remedy_carries_its_steps_and_safety_notes(client):
    clot = factories.condition(title="Clot")
    remedy = factories.remedy(
        title="Calf stretch", steps=["Stand", "Lean"], unsafe_for=[clot], safety_notes="Not if hot."
    )
    _, data = _get(client, f"/api/v1/content/remedy/{remedy.slug}")
    parts = {part["identifier"]: part for part in data["hasPart"]}
    assert list(parts)[:3] == ["unsafe-for", "overview", "steps"]
    assert parts["steps"]["steps"] == ["Stand", "Lean"]
    assert "Not if hot." in parts["safety-notes"]["text"]
    assert parts["unsafe-for"]["pages"][0]["name"] == "Clot"


def test_nothing_unpublished_is_ever_returned(client):
    live = factories.condition(title="Live page")
    hidden = [
        factories.condition(status=Status.DRAFT),
        factories.condition(status=Status.IN_REVIEW),
        factories.condition(go_live_at=timezone.now() + datetime.timedelta(days=1)),
        factories.condition(expires_at=timezone.now() - datetime.timedelta(minutes=1)),
    ]
    # A pending draft of the live page: visitors see the approved version.
    Draft.objects.create(
        content_type=ContentType.objects.get_for_model(live),
        object_id=live.pk,
        content={"fields": {"title": "Draft title", "summary": "Draft summary"}},
    )
    _, listed = _get(client, "/api/v1/content?page_size=100")
    assert [item["identifier"] for item in listed["items"]] == [live.slug]
    assert listed["page"]["count"] == 1
    for item in hidden:
        response, _ = _get(client, f"/api/v1/content/condition/{item.slug}")
        assert response.status_code == 404
    response, data = _get(client, f"/api/v1/content/condition/{live.slug}")
    assert data["name"] == "Live page" and "Draft" not in response.content.decode()


def test_lists_filter_by_kind_tag_area_and_modified_since(client):
    old = factories.condition(title="Old", tags=["legs"], clinical_area="neurology")
    factories.Condition.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=30)
    )
    new = factories.condition(title="New", tags=["sleep"])
    remedy = factories.remedy(title="Stretch", tags=["legs"])

    def slugs(query):
        _, data = _get(client, f"/api/v1/content?{query}")
        return [item["identifier"] for item in data["items"]]

    assert slugs("") == [remedy.slug, new.slug, old.slug]  # most recently modified first
    assert slugs("kind=remedy") == [remedy.slug]
    assert slugs("tag=legs") == [remedy.slug, old.slug]
    assert slugs("area=neurology") == [old.slug]
    since = (timezone.now() - datetime.timedelta(days=1)).date().isoformat()
    assert slugs(f"modified_since={since}") == [remedy.slug, new.slug]
    assert slugs("page_size=1&page=2") == [new.slug]


@pytest.mark.parametrize(
    ("since", "status"),
    [
        # Offsets ISO 8601 allows and PostgreSQL refuses (found by Schemathesis).
        ("0128-10-22T12:19:52+16:31", 200),
        ("2026-12-01T10:00:00-23:59", 200),
        # Leaves the calendar once moved to UTC.
        ("0001-01-01T00:00:00+01:00", 400),
        ("not-a-date", 400),
    ],
)
def test_any_modified_since_is_answered_never_a_500(client, since, status):
    factories.condition(title="Any")
    response, _ = _get(client, f"/api/v1/content?modified_since={since.replace('+', '%2B')}")
    assert response.status_code == status


@pytest.mark.parametrize(
    "query", ["kind=nothing", "page=0", "page_size=1000", "area=astrology", "tag=a%00b"]
)
def test_bad_filters_get_a_clear_400(client, query):
    response, data = _get(client, f"/api/v1/content?{query}")
    assert response.status_code == 400 and data["detail"]


def test_pages_link_to_each_other(client):
    for _ in range(3):
        factories.condition()
    _, first = _get(client, "/api/v1/content?page_size=2")
    assert first["page"]["previous"] is None
    _, second = _get(client, first["page"]["next"].removeprefix("http://testserver"))
    assert len(second["items"]) == 1 and second["page"]["next"] is None


def _list_queries(client, django_assert_max_num_queries, budget):
    client.get("/api/v1/")  # the first request of a window starts its counter
    with django_assert_max_num_queries(budget):
        response = client.get("/api/v1/content?page_size=100")
    return response.json()["items"]


def test_a_list_costs_the_same_queries_for_3_items_or_30(client, django_assert_max_num_queries):
    tags = ["legs", "sleep", "cramp"]
    for n in range(3):
        factories.condition(tags=tags[: n + 1])
    # The rate limit's count (1), the page's kinds and their count (2), then
    # each kind's rows and tags (2 each, conditions only here).
    budget = 5
    assert len(_list_queries(client, django_assert_max_num_queries, budget)) == 3
    for n in range(27):
        factories.condition(tags=tags[: n % 3 + 1])
        factories.remedy(tags=tags[:1]) if n < 3 else None
    assert len(_list_queries(client, django_assert_max_num_queries, budget + 2)) == 33


def test_a_detail_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    thin = factories.condition()
    rich = factories.condition(
        tags=["a", "b", "c", "d"], sources=[factories.source() for _ in range(8)]
    )
    for urgency in ["self-care", "doctor", "urgent", "emergency"]:
        factories.advice(rich, urgency, f"When {urgency}.")
    for _ in range(10):
        rich.remedies.add(factories.remedy())
        rich.related_conditions.add(factories.condition())
    counts = []
    client.get("/api/v1/")  # the first request of a window starts its counter
    for item in (thin, rich):
        with django_assert_max_num_queries(20) as captured:
            assert client.get(f"/api/v1/content/condition/{item.slug}").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_unchanged_content_is_a_304_and_a_change_is_not(client):
    item = factories.condition(title="Cramp")
    path = f"/api/v1/content/condition/{item.slug}"
    first, _ = _get(client, path)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "public, no-cache"
    again, _ = _get(client, path, if_none_match=etag)
    assert again.status_code == 304 and not again.content
    assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    since, _ = _get(client, path, if_modified_since=modified)
    assert since.status_code == 304
    item.title = "Cramp in the calf"
    item.save()
    changed, data = _get(client, path, if_none_match=etag)
    assert changed.status_code == 200 and data["name"] == "Cramp in the calf"
    assert changed["ETag"] != etag


def test_with_the_page_cache_on_a_repeat_costs_no_content_query(
    client, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = True
    item = factories.condition()
    path = f"/api/v1/content/condition/{item.slug}"
    first = client.get(path)
    # The limit's count and the content version: nothing of the item.
    with django_assert_max_num_queries(2):
        repeat = client.get(path)
    assert repeat.content == first.content
    item.save()  # moves the content version: the next answer is built again
    assert client.get(path).json()["dateModified"] != first.json()["dateModified"]


def test_reading_is_open_to_other_sites_and_writing_is_not(client):
    item = factories.condition()
    response = client.get(
        f"/api/v1/content/condition/{item.slug}", headers={"Origin": "https://gp.example"}
    )
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/checker/assessments",
        headers={"Origin": "https://gp.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    head = client.head(f"/api/v1/content/condition/{item.slug}")
    assert head.status_code == 200 and head["Access-Control-Allow-Origin"] == "*"


@pytest.fixture
def leaflet_kind(db):
    registry.register(search_fields={"title": "A", "summary": "B", "body": "C"})(Leaflet)
    yield
    registry.unregister(Leaflet)


def test_a_newly_registered_kind_is_served_without_new_code(client, leaflet_kind):
    leaflet = Leaflet.objects.create(
        **factories._content_defaults(Status.PUBLISHED, {"title": "Cramp leaflet"})
    )
    _, index = _get(client, "/api/v1/")
    assert "leaflet" in [kind["key"] for kind in index["kinds"]]
    _, listed = _get(client, "/api/v1/content?kind=leaflet")
    assert [item["name"] for item in listed["items"]] == ["Cramp leaflet"]
    _, data = _get(client, f"/api/v1/content/leaflet/{leaflet.slug}")
    assert [part["name"] for part in data["hasPart"]] == ["Overview"]
