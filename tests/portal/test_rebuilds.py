"""No rebuild storms: after a publish, data kept per content version (the
checker's, the home page's, the A–Z's) is rebuilt by one thread of one
process while the others keep answering with what they have, and a page
answered from data a version behind is never cached as the new version's."""

import threading
import time

import pytest
from django.core.cache import caches
from django.db import connections

from portal.caching import content_version
from portal.caching.content_version import PerContentVersion, served_stale, watching_staleness
from tests import factories


class Versions:
    """The content version, moved by hand."""

    def __init__(self, monkeypatch):
        self.now = 1
        monkeypatch.setattr(content_version, "content_version", lambda: self.now)


@pytest.fixture
def versions(monkeypatch):
    return Versions(monkeypatch)


class SlowLoad:
    def __init__(self, seconds=0.3):
        self.seconds = seconds
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.calls += 1
            call = self.calls
        time.sleep(self.seconds)
        return f"built {call}"


def in_threads(function, count):
    results = [None] * count

    def run(n):
        try:
            with watching_staleness():
                results[n] = (function(), served_stale())
        finally:
            # Each thread's own connection: left open, PostgreSQL's test
            # database is still in use when the session drops it.
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_after_a_publish_one_thread_rebuilds_and_the_rest_answer_at_once(versions):
    load = SlowLoad()
    value = PerContentVersion(load)
    assert value() == "built 1"
    versions.now = 2
    started = time.monotonic()
    results = in_threads(value, 16)
    assert load.calls == 2  # one rebuild, not sixteen
    assert results.count(("built 2", False)) == 1
    assert results.count(("built 1", True)) == 15  # the old value, marked stale
    assert time.monotonic() - started < 2 * load.seconds
    assert value() == "built 2"


def eventually(check, seconds=5):
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.02)
    return check()


def test_in_production_even_the_request_that_notices_answers_at_once(versions, settings):
    """The rebuild runs on a thread of its own (REBUILD_IN_BACKGROUND, on in
    production): at 10,000 conditions the request that noticed a publish
    waited up to 10 s for it under load."""
    settings.REBUILD_IN_BACKGROUND = True
    load = SlowLoad(0.3)
    value = PerContentVersion(load)
    assert value() == "built 1"  # nothing held yet: the first load is waited for
    versions.now = 2
    started = time.monotonic()
    with watching_staleness():
        assert value() == "built 1"
        assert served_stale()
    assert time.monotonic() - started < load.seconds / 2
    assert eventually(lambda: value() == "built 2")
    assert load.calls == 2


def test_a_failed_background_rebuild_keeps_the_old_value_and_is_tried_again(
    versions, settings, caplog
):
    settings.REBUILD_IN_BACKGROUND = True
    outcomes = iter(["built 1", RuntimeError("database went away"), "built 2"])

    def load():
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    value = PerContentVersion(load)
    value()
    versions.now = 2
    assert value() == "built 1"
    assert eventually(lambda: "Could not rebuild" in caplog.text)
    assert eventually(lambda: value() == "built 2")


def test_with_nothing_held_every_thread_waits_for_the_one_build(versions):
    load = SlowLoad(0.1)
    value = PerContentVersion(load)
    results = in_threads(value, 8)
    assert load.calls == 1
    assert results == [("built 1", False)] * 8


def test_a_failed_rebuild_is_tried_again_by_the_next_caller(versions):
    attempts = []

    def load():
        attempts.append(versions.now)
        if len(attempts) == 2:
            raise RuntimeError("database went away")
        return f"built for {versions.now}"

    value = PerContentVersion(load)
    value()
    versions.now = 2
    with pytest.raises(RuntimeError):
        value()
    assert value() == "built for 2"


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.mark.usefixtures("shared_cache")
def test_across_processes_one_builds_and_the_others_take_its_value(versions):
    load = SlowLoad(0.05)
    # Two workers' copies of the same data: separate instances, one cache.
    first, second = PerContentVersion(load, shared_as="t1"), PerContentVersion(load, shared_as="t1")
    assert first() == "built 1"
    assert second() == "built 1"
    assert load.calls == 1


@pytest.mark.usefixtures("shared_cache")
def test_while_another_process_builds_a_worker_answers_with_what_it_has(versions):
    from portal.caching import shared_cache as cache

    load = SlowLoad(0.01)
    worker = PerContentVersion(load, shared_as="t2")
    assert worker() == "built 1"
    versions.now = 2
    # Another process holds the build lock for version 2.
    assert cache.add(f"per-version:{worker.shared_as}:2:building", True, 60)
    with watching_staleness():
        assert worker() == "built 1"
        assert served_stale()
    assert load.calls == 1
    cache.set(f"per-version:{worker.shared_as}:2", "theirs", 60)
    assert worker() == "theirs"


def test_a_page_answered_from_stale_data_is_not_cached(client, settings, db, monkeypatch):
    settings.PAGE_CACHE_ENABLED = True
    factories.condition(title="Calf cramp")
    from portal.public import views

    real = views.home_items

    def a_version_behind():
        content_version._served_stale.set(True)
        return real()

    monkeypatch.setattr(views, "home_items", a_version_behind)
    first = client.get("/")
    assert first.status_code == 200 and first.get("X-Page-Cache") is None
    assert client.get("/").get("X-Page-Cache") is None  # rendered again, not a hit


def test_while_one_request_renders_a_page_anew_the_others_get_it_as_it_was(
    client, settings, db, monkeypatch
):
    """After a publish every cached page misses at once; only one request
    renders each page, the rest get the page as it was until it is done."""
    from portal.caching import shared_cache

    settings.PAGE_CACHE_ENABLED = True
    settings.EDGE_CACHE_URLS = ["http://127.0.0.1:9"]  # pages carry edge headers
    page = factories.condition(title="Calf cramp", summary="The summary before.")
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "miss"
    page.summary = "The summary after."
    page.save()  # a new content version
    real_add = shared_cache.add
    monkeypatch.setattr(
        shared_cache,
        "add",
        lambda key, *args: False if key.endswith(":rendering") else real_add(key, *args),
    )
    meanwhile = client.get(page.get_absolute_url())
    assert meanwhile["X-Page-Cache"] == "as-it-was"
    assert "The summary before." in meanwhile.content.decode()
    # Not for the edge to keep: its ban for the new version has gone out.
    assert "s-maxage" not in meanwhile["Cache-Control"] and "Surrogate-Key" not in meanwhile
    monkeypatch.setattr(shared_cache, "add", real_add)
    after = client.get(page.get_absolute_url())
    assert after["X-Page-Cache"] == "miss"
    assert "The summary after." in after.content.decode()
