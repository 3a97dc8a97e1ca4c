"""No rebuild storms, part two: a new content version's shared values (the
checker's data, the A–Z, the home page's items, the sitemap) are built by
the task worker, not by web processes, which keep answering with the values
they have until the worker's are in the shared cache; without a worker they
build them themselves, a little later."""

import time

import pytest
from django.core.cache import caches
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from conditions.checker.assessment import load_checker_data, published_checker_data
from portal.caching import content_version, precompute, shared_cache
from portal.caching.content_version import (
    RUNNING,
    PerContentVersion,
    mark_precompute,
    precompute_pending,
    served_stale,
    watching_staleness,
)
from portal.public import sitemaps
from portal.public import views as public_views
from tests import factories
from tests.members.conftest import run_worker


@pytest.fixture(autouse=True)
def empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture
def database_queue(settings):
    """Content changes queue the precompute task in the task table, as in
    production."""
    settings.PRECOMPUTE_IN_WORKER = True
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def queued_versions():
    return [
        row.args_kwargs["kwargs"]["version"]
        for row in DBTaskResult.objects.filter(task_path__endswith="build_shared_values")
    ]


def stored_version():
    return content_version._stored_version()


@pytest.mark.usefixtures("database_queue")
def test_a_content_change_queues_one_precompute_for_its_version(db):
    with transaction.atomic():
        # One approval saves many rows: one task names them all.
        factories.condition(title="Calf cramp", tags=["legs"])
        factories.condition(title="Shin splints")
    assert queued_versions() == [stored_version()]
    assert precompute_pending(stored_version())


@pytest.mark.usefixtures("database_queue")
def test_a_rolled_back_change_queues_nothing(db):
    before = stored_version()

    @transaction.atomic
    def failed_approval():
        factories.condition(title="Calf cramp")
        raise RuntimeError("the approval failed")

    with pytest.raises(RuntimeError):
        failed_approval()
    assert stored_version() == before
    assert queued_versions() == []


def not_built_here():
    raise AssertionError("built by a web process")


@pytest.mark.usefixtures("database_queue")
def keys_set_by(function, monkeypatch):
    """The shared cache keys `function()` stores."""
    real_set, stored = shared_cache.set, []

    def recording(key, *args):
        stored.append(key)
        return real_set(key, *args)

    with monkeypatch.context() as patch:
        patch.setattr(shared_cache, "set", recording)
        function()
    return stored


def in_use(*values):
    """Each value built for the current version, as visitors' requests do."""
    for value in values:
        value()
    PerContentVersion.forget_all()
    DBTaskResult.objects.all().delete()


@pytest.mark.usefixtures("database_queue")
def test_the_worker_builds_and_stores_every_shared_value_for_the_new_version(db, monkeypatch):
    in_use(published_checker_data, public_views.home_items)
    with transaction.atomic():  # as an approval saves it
        factories.condition(title="Calf cramp")
    version = stored_version()
    stored = keys_set_by(run_worker, monkeypatch)
    row = DBTaskResult.objects.get(task_path__endswith="build_shared_values")
    assert row.status == "SUCCESSFUL", row.traceback
    # Only visitors' requests keep a value in use, not the worker's builds.
    assert not [key for key in stored if key.endswith(":in-use")]
    assert not precompute_pending(version)  # done: nobody waits for it any more
    for value in (published_checker_data, public_views.home_items):
        assert shared_cache.has(f"per-version:{value.shared_as}:{version}"), value.shared_as
        assert value.shared_as in row.return_value
    # A web process takes them from the cache instead of building them.
    PerContentVersion.forget_all()
    for value in (published_checker_data, public_views.home_items):
        monkeypatch.setattr(value, "load", not_built_here)
    assert published_checker_data() == load_checker_data()
    _featured, latest = public_views.home_items()
    assert [item.title for item in latest] == ["Calf cramp"]


@pytest.mark.usefixtures("database_queue")
def test_a_worker_that_finds_the_content_moved_on_leaves_it_to_the_later_task(db):
    in_use(published_checker_data)
    factories.condition(title="Calf cramp")
    first = stored_version()
    factories.condition(title="Shin splints")
    run_worker()
    assert not shared_cache.has(f"per-version:{published_checker_data.shared_as}:{first}")
    assert shared_cache.has(f"per-version:{published_checker_data.shared_as}:{stored_version()}")


class Versions:
    """The content version, moved by hand."""

    def __init__(self, monkeypatch):
        self.now = 1
        monkeypatch.setattr(content_version, "content_version", lambda: self.now)


class CountingLoad:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"built {self.calls}"


@pytest.fixture
def toy(monkeypatch):
    """A shared value of its own, and the version moved by hand; the
    registry of values holds only it."""
    monkeypatch.setattr(PerContentVersion, "instances", [])
    versions = Versions(monkeypatch)
    load = CountingLoad()
    value = PerContentVersion(load, shared_as="toy")
    assert value() == "built 1"
    versions.now = 2
    return load, value


def test_while_the_worker_is_to_build_a_web_process_serves_the_old_value_and_builds_nothing(toy):
    load, web = toy
    mark_precompute(2, 10)
    for _ in range(3):
        with watching_staleness():
            assert web() == "built 1"
            assert served_stale()
    assert load.calls == 1
    # The worker's copy of the same value.
    assert web.precompute(2)
    assert load.calls == 2
    with watching_staleness():
        assert web() == "built 2"
        assert not served_stale()
    assert load.calls == 2  # taken from the shared cache


def test_the_worker_does_not_build_what_is_there_already(toy):
    load, web = toy
    assert web() == "built 2"  # no worker was asked: the web process built it
    assert not web.precompute(2)
    assert load.calls == 2


def test_with_no_worker_running_a_web_process_builds_it_itself_soon_after(
    toy, monkeypatch, db, settings
):
    """The change queued the task, but no worker takes it: once the mark
    expires (PRECOMPUTE_QUEUED_SECONDS) the web process builds."""
    settings.PRECOMPUTE_IN_WORKER = True
    load, web = toy
    monkeypatch.setattr(precompute, "PRECOMPUTE_QUEUED_SECONDS", 0.3)
    monkeypatch.setattr(precompute, "enqueue_with_transaction", lambda *a, **k: None)
    precompute.queue(2)
    assert web() == "built 1"
    time.sleep(0.4)
    assert web() == "built 2"
    assert load.calls == 2


def test_a_process_that_has_not_needed_the_value_yet_takes_the_last_one_stored(toy):
    """With the page cache, a process may never have built the A–Z before a
    publish: it answers with the value last stored for everyone meanwhile."""
    load, web = toy
    mark_precompute(2, 10, RUNNING)
    fresh = PerContentVersion(load, shared_as="toy")  # e.g. the other web worker
    with watching_staleness():
        assert fresh() == "built 1"
        assert served_stale()
    assert load.calls == 1
    web.precompute(2)
    assert fresh() == "built 2"


def test_with_nothing_stored_a_fresh_process_waits_for_the_building_worker(toy, monkeypatch):
    load, web = toy
    caches["default"].clear()  # a new cache: no value of any version
    mark_precompute(2, 10, RUNNING)
    fresh = PerContentVersion(load, shared_as="toy")  # a web worker just started
    monkeypatch.setattr(content_version, "BUILD_WAIT_SECONDS", 1.0)
    real_get = shared_cache.get
    waited = []

    def get(key):
        if key == f"per-version:{web.shared_as}:2":
            waited.append(key)
            if len(waited) == 3:
                web.precompute(2)  # the worker stores it while the process waits
        return real_get(key)

    monkeypatch.setattr(shared_cache, "get", get)
    assert fresh() == "built 2"
    assert load.calls == 2  # the worker's build only


def test_with_nothing_stored_a_fresh_process_does_not_wait_for_a_worker_not_started(
    toy, monkeypatch
):
    """No worker may be running: a process with nothing to answer with
    builds at once rather than keep a visitor waiting."""
    load, _web = toy
    caches["default"].clear()
    mark_precompute(2, 10)  # queued only
    monkeypatch.setattr(content_version, "BUILD_WAIT_SECONDS", 30.0)
    started = time.monotonic()
    assert PerContentVersion(load, shared_as="toy")() == "built 2"
    assert time.monotonic() - started < 1


@pytest.mark.usefixtures("database_queue")
def test_the_sitemap_is_rendered_for_the_site_address_by_the_worker(
    db, settings, client, monkeypatch
):
    settings.SITE_URL = "http://testserver"
    assert client.get("/sitemap-conditions.xml").status_code == 200  # crawlers ask for it
    page = factories.condition(title="Calf cramp")
    stored = keys_set_by(run_worker, monkeypatch)
    assert sitemaps.IN_USE_KEY not in stored  # only crawlers keep it in use
    # Served from what the worker stored: no query renders it.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap-conditions.xml")
    assert response.status_code == 200
    assert page.get_absolute_url() in response.content.decode()
    assert not [q for q in queries if "conditions_condition" in q["sql"]]


@pytest.mark.usefixtures("database_queue")
def test_what_no_one_has_asked_for_is_left_to_the_first_request(db, settings, client):
    """The search vocabulary of a site nobody searches, a sitemap no crawler
    reads: the worker does not spend a publish's CPU on them."""
    settings.SITE_URL = "http://testserver"
    in_use(published_checker_data)
    with transaction.atomic():
        factories.condition(title="Calf cramp")
    run_worker()
    row = DBTaskResult.objects.get(task_path__endswith="build_shared_values")
    assert row.return_value == [published_checker_data.shared_as]


def test_changes_made_while_no_precompute_is_wanted_mark_nothing(db, settings):
    settings.PRECOMPUTE_IN_WORKER = False
    factories.condition(title="Calf cramp")
    assert not precompute_pending(stored_version())
