"""What the edge cache is told (portal/caching/edge.py): which pages it may
keep and under which keys, and which keys each change bans, once, after
commit. tests/portal/test_edge_varnish.py runs the same against a real
Varnish."""

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from taggit.models import Tag

from conditions.models import Condition
from portal.caching import edge
from portal.models import Status
from tests import factories
from tests.served import free_port


class Edge:
    """A stand-in edge that records the ban patterns it is sent."""

    def __init__(self, status=200):
        self.bans = []
        self.status = status
        edge_double = self

        class Handler(BaseHTTPRequestHandler):
            def do_BAN(self):
                edge_double.bans.append(self.headers[edge.BAN_HEADER])
                self.send_response(edge_double.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def banned(self, key):
        return [pattern for pattern in self.bans if matches(pattern, key)]


@pytest.fixture
def edge_cache(settings):
    fake = Edge()
    settings.EDGE_CACHE_URLS = [fake.url]
    settings.PAGE_CACHE_ENABLED = True
    yield fake
    fake.server.shutdown()


def matches(pattern, header):
    """Whether Varnish's ban `pattern` (POSIX classes, which Python's re
    lacks) names a page whose Surrogate-Key is `header`."""
    return re.search(pattern.replace("[[:space:]]", " "), header)


def keys(response):
    return response["Surrogate-Key"].split()


@pytest.fixture
def condition(db, edge_cache, django_capture_on_commit_callbacks):
    # Committed (its after-commit ban sent) before the test's own changes.
    with django_capture_on_commit_callbacks(execute=True):
        cramp = factories.condition(title="Calf cramp", tags=["legs"])
    edge_cache.bans.clear()
    return cramp


def test_a_shared_page_may_be_kept_by_the_edge_under_what_it_shows(client, edge_cache, condition):
    response = client.get(condition.get_absolute_url())
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=600" in control
    assert "stale-while-revalidate=30" in control and "stale-if-error=86400" in control
    assert {"site", edge.item_key(Condition, condition.pk)} <= set(keys(response))
    # The copy the page cache serves next says the same.
    again = client.get(condition.get_absolute_url())
    assert again["X-Page-Cache"] == "hit" and keys(again) == keys(response)


def test_list_pages_name_what_they_list_and_each_item_shown(client, edge_cache, condition):
    listed = keys(client.get("/conditions/"))
    assert {"list-conditions.condition", edge.item_key(Condition, condition.pk)} <= set(listed)
    assert "list-all" in keys(client.get("/"))
    assert "list-all" in keys(client.get("/sitemap.xml"))


def test_a_page_of_many_items_names_their_kind_instead(client, edge_cache, condition, monkeypatch):
    monkeypatch.setattr(edge, "MAX_ITEM_KEYS", 1)
    factories.condition(title="Restless legs")
    page = keys(client.get("/conditions/"))
    assert not [key for key in page if key.startswith("item-conditions.condition-")]
    assert "list-conditions.condition" in page


def test_pages_not_for_everyone_are_never_given_to_the_edge(client, edge_cache, db):
    checker = client.get("/symptom-checker/")
    assert "Surrogate-Key" not in checker and "s-maxage" not in checker.get("Cache-Control", "")
    missing = client.get("/conditions/no-such-page/")
    assert missing.status_code == 404 and "Surrogate-Key" not in missing


def test_without_an_edge_pages_say_nothing_to_shared_caches(client, settings, db):
    settings.PAGE_CACHE_ENABLED = True
    page = factories.condition()
    response = client.get(page.get_absolute_url())
    assert "Surrogate-Key" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_a_change_bans_its_item_and_the_lists_once_after_commit(
    edge_cache, condition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        condition.summary = "Tight calves at night."
        condition.save()
        factories.link(condition, factories.symptom(name="Cramp"))
        condition.tags.add("night")
    [pattern] = edge_cache.bans
    assert matches(pattern, edge.item_key(Condition, condition.pk))
    assert matches(pattern, "list-conditions.condition") and matches(pattern, "list-all")
    assert not matches(pattern, "site")
    # Another condition's pages stay.
    assert not matches(pattern, edge.item_key(Condition, condition.pk + 1000))


def test_a_rolled_back_change_bans_nothing(
    edge_cache, condition, django_capture_on_commit_callbacks
):
    def change_then_fail():
        with transaction.atomic():
            condition.summary = "Never published."
            condition.save()
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_then_fail()
    assert edge_cache.bans == []


def test_a_change_to_what_no_item_owns_bans_the_whole_site(
    edge_cache, condition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Tag.objects.filter(name="legs").update(name="Legs")  # no signal: a bulk update
        tag = Tag.objects.get(name="Legs")
        tag.name = "Lower legs"
        tag.save()
    [pattern] = edge_cache.bans
    assert matches(pattern, "site")


def test_unpublishing_bans_the_pages_that_showed_it(
    edge_cache, condition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Condition.objects.filter(pk=condition.pk).first().delete()
    assert edge_cache.banned(edge.item_key(Condition, condition.pk))


def test_the_ban_pattern_matches_whole_keys_only():
    pattern = edge.ban_pattern(["item-conditions.condition-12"])
    assert matches(pattern, "site item-conditions.condition-12 list-all")
    assert not matches(pattern, "site item-conditions.condition-123")
    assert not matches(pattern, "item-conditionsXcondition-12")


def test_an_edge_that_is_down_costs_the_ban_not_the_change(
    settings, condition, django_capture_on_commit_callbacks, caplog
):
    settings.EDGE_CACHE_URLS = [f"http://127.0.0.1:{free_port()}"]  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        condition.summary = "Still saved."
        condition.save()
    assert Condition.objects.get(pk=condition.pk).summary == "Still saved."
    assert "could not be told to drop pages" in caplog.text


def test_drafts_and_unpublished_items_are_never_shown_at_the_edge(client, edge_cache, db):
    draft = factories.condition(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
