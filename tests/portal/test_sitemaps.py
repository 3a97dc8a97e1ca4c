"""The sitemap: an index of sections, each listing published pages only, a
large section in pages, rendered once per content version, and a query
count that does not grow with the content."""

from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.editorial import registry
from portal.models import Status
from portal.public import sitemaps
from tests import factories

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rendered sections are kept in the cache, which outlives a test's data.
    cache.clear()
    yield
    cache.clear()


def locations(response):
    assert response.status_code == 200
    return [e.text for e in ElementTree.fromstring(response.content).iter(f"{NS}loc")]


def paths(response):
    return [location.removeprefix("http://testserver") for location in locations(response)]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_the_index_lists_one_section_per_kind_and_the_fixed_pages(client, db):
    factories.condition()
    index = client.get("/sitemap.xml")
    assert ElementTree.fromstring(index.content).tag == f"{NS}sitemapindex"
    sections = [f"/sitemap-{kind.section}.xml" for kind in registry.mapped()]
    assert paths(index) == ["/sitemap-pages.xml", *sections]
    assert {"/sitemap-conditions.xml", "/sitemap-authors.xml"} <= set(sections)
    assert client.get("/sitemap-no-such-section.xml").status_code == 404


def test_a_section_lists_published_items_only(client, db):
    live = factories.condition(title="Live")
    draft = factories.condition(status=Status.DRAFT, published_at=None)
    expired = factories.condition(expires_at=live.published_at)
    listed = paths(client.get("/sitemap-conditions.xml"))
    assert listed == [live.get_absolute_url()]
    assert draft.get_absolute_url() not in listed and expired.get_absolute_url() not in listed


def test_a_large_section_is_split_into_pages(client, db, monkeypatch):
    monkeypatch.setattr(sitemaps.PublishedSitemap, "limit", 2)
    conditions = [factories.condition() for _ in range(5)]
    index = paths(client.get("/sitemap.xml"))
    assert [p for p in index if "conditions" in p] == [
        "/sitemap-conditions.xml",
        "/sitemap-conditions.xml?p=2",
        "/sitemap-conditions.xml?p=3",
    ]
    pages = [paths(client.get(p)) for p in index if "conditions" in p]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [path for page in pages for path in page] == [c.get_absolute_url() for c in conditions]
    assert client.get("/sitemap-conditions.xml?p=4").status_code == 404


def test_a_section_is_rendered_once_per_content_version(client, db):
    factories.condition(title="First")
    first = client.get("/sitemap-conditions.xml").content
    # Kept: at most the content version is read (its cached copy may lapse).
    assert queries(client, "/sitemap-conditions.xml") <= 1
    assert client.get("/sitemap-conditions.xml").content == first
    added = factories.condition(title="Second")
    assert added.get_absolute_url() in client.get("/sitemap-conditions.xml").content.decode()


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-conditions.xml"])
def test_sitemap_queries_do_not_grow_with_the_content(client, db, url):
    reviewer = factories.reviewer()
    factories.condition(medical_reviewer=reviewer)
    few = queries(client, url)
    for _ in range(40):
        factories.condition(medical_reviewer=reviewer)
    # The content changed: a fresh render, with the same queries.
    assert queries(client, url) == few
    # The index: the content version, the live site pages and one
    # count-and-date query a kind.
    assert few <= 6


def test_live_site_pages_are_in_the_fixed_pages_section(client, db):
    from django.utils import timezone

    from portal.models import SitePage, Status

    SitePage.objects.create(
        slug="about", title="About us", summary="Who we are.", body="Text.",
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    SitePage.objects.create(
        slug="privacy", title="Privacy", summary="What we keep.", body="Text.",
        status=Status.DRAFT,
    )  # fmt: skip
    listed = client.get("/sitemap-pages.xml").content.decode()
    assert "/about/</loc>" in listed
    assert "/privacy/</loc>" not in listed
