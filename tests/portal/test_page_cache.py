"""Anonymous visitors get cached pages that are never stale after a change."""

import pytest
from django.core.cache import cache

from portal.models import Status
from tests import factories


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


def test_second_anonymous_visit_is_served_from_the_cache(client, db):
    page = factories.condition()
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_publish_shows_at_once(client, db):
    client.get("/conditions/")
    draft = factories.condition(title="Fresh condition", status=Status.DRAFT)
    assert "Fresh condition" not in client.get("/conditions/").content.decode()
    draft.status = Status.PUBLISHED
    draft.published_at = draft.created_at
    draft.save()
    assert "Fresh condition" in client.get("/conditions/").content.decode()


def test_an_unpublish_removes_the_page_at_once(client, db):
    page = factories.condition(title="Going away")
    assert client.get(page.get_absolute_url()).status_code == 200
    page.status = Status.DRAFT
    page.save()
    assert client.get(page.get_absolute_url()).status_code == 404


def test_a_tag_change_shows_at_once(client, db):
    factories.condition(tags=["legs"])
    client.get("/tags/legs/")
    other = factories.remedy(title="Newly tagged")
    other.tags.add("legs")
    assert "Newly tagged" in client.get("/tags/legs/").content.decode()


def test_logged_in_staff_never_get_cached_pages(client, db):
    page = factories.condition()
    client.get(page.get_absolute_url())
    client.force_login(factories.editor())
    assert "X-Page-Cache" not in client.get(page.get_absolute_url())


def test_symptom_checker_results_are_never_cached(client, db):
    response = client.get("/symptom-checker/results/?s=x")
    assert "X-Page-Cache" not in response


def test_visitor_feedback_does_not_empty_the_cache(client, db):
    from portal.models import Feedback

    page = factories.condition()
    client.get(page.get_absolute_url())
    Feedback.objects.create(item=page, helpful=True)
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "hit"


def test_each_host_gets_its_own_cached_pages(client, db, settings):
    settings.ALLOWED_HOSTS = ["public.example", "internal.example"]
    factories.condition()
    client.get("/sitemap.xml", HTTP_HOST="internal.example")
    public = client.get("/sitemap.xml", HTTP_HOST="public.example")
    assert public["X-Page-Cache"] == "miss"
    assert "internal.example" not in public.content.decode()


def test_a_copy_read_while_a_change_was_open_is_dropped_when_it_commits(
    db, django_capture_on_commit_callbacks
):
    from portal.page_cache import VERSION_KEY, content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        factories.condition()
        # Another worker read the committed (old) number meanwhile.
        cache.set(VERSION_KEY, before, 5)
    assert callbacks
    assert content_version() != before


def test_the_version_lives_in_the_database_and_moves_with_the_change(db):
    from django.db import transaction

    from portal.models import ContentVersion
    from portal.page_cache import content_version

    cache.clear()
    first = content_version()

    def change_then_fail():
        with transaction.atomic():
            factories.condition()
            raise RuntimeError("the change is rolled back")

    with pytest.raises(RuntimeError):
        change_then_fail()
    cache.clear()
    assert content_version() == first  # nothing changed, nothing moved
    factories.condition()
    moved = content_version()
    assert moved != first
    assert ContentVersion.objects.get().value == moved


def test_with_the_cache_down_the_version_comes_from_the_database(db, monkeypatch):
    from portal import page_cache, shared_cache

    factories.condition()
    expected = page_cache.content_version()

    def down(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for name in ("get", "set", "delete"):
        monkeypatch.setattr(shared_cache.cache, name, down)
    assert page_cache.content_version() == expected
    factories.condition()  # publishing still works, and moves the version
    assert page_cache.content_version() != expected
