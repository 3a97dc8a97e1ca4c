"""Stale but safe while the database is down (issue 23, finding 3): a page
already cached and the symptom checker, whose data is in memory, need no
query at all once the content version is known, and the version falls back
to the last one read when the database cannot be asked; what needs the
database fails with the error page, which still gives 999 and 111."""

import pytest
from django.db import OperationalError

from portal.caching import content_version, shared_cache

RESULTS = "/symptom-checker/results/"
PAGE = "/conditions/muscle-overexertion/"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    shared_cache.reset()


@pytest.fixture
def version_unreadable(monkeypatch):
    """The database refuses the content version's query, and the cache's
    copy of the version has expired."""

    def refuse():
        raise OperationalError("could not connect to server: Connection refused")

    def away():
        shared_cache.delete(content_version.VERSION_KEY)
        monkeypatch.setattr(content_version, "_stored_version", refuse)

    return away


@pytest.mark.usefixtures("page_cache")
def test_a_cached_page_needs_no_database(
    launch, client, version_unreadable, django_assert_num_queries
):
    assert client.get(PAGE).status_code == 200
    version_unreadable()
    with django_assert_num_queries(0):
        response = client.get(PAGE)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert 'href="tel:999"' in response.content.decode()


def test_the_checker_answers_from_what_it_holds(
    launch, client, version_unreadable, django_assert_num_queries
):
    query = {"s": ["chest-pain"], "age": "16-64"}
    assert client.get(RESULTS, query).status_code == 200
    version_unreadable()
    with django_assert_num_queries(0):
        during = client.get(RESULTS, query)
    assert during.status_code == 200
    assert 'data-urgency="emergency"' in during.content.decode()


def test_a_process_that_never_read_the_version_fails_as_before(db, client, version_unreadable):
    content_version._last_read = None
    version_unreadable()
    client.raise_request_exception = False
    failed = client.get(RESULTS, {"s": ["chest-pain"]})
    assert failed.status_code == 500
    page = failed.content.decode()
    assert 'href="tel:999"' in page and 'href="tel:111"' in page
