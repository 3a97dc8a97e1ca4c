"""The shared cache fails, freezes and comes back: against a real Redis
server that each test stops, freezes and restarts.

Pages keep answering (uncached) within a short timeout, publishing keeps
working, the change reaches visitors once the cache is back, and /healthz
stays in rotation while reporting the cache as degraded.
"""

import json
import signal
import socket
import subprocess
import time

import pytest

from portal.caching import shared_cache
from portal.models import Status
from tests import factories
from tests.programs import require_program

# Generous against a loaded CI machine, far below the 5 s a frozen Redis
# used to cost (and the 30 s a worker has before it is killed).
SHORT = 1.5


class RedisServer:
    """A private redis-server on a free port that a test can stop, freeze
    and restart without touching anyone else's Redis."""

    def __init__(self, program: str) -> None:
        self.program = program
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGCONT)  # a frozen server cannot exit
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def redis_server(settings):
    program = require_program("redis-server", "redis-server", "to stop and freeze a real Redis")
    server = RedisServer(program)
    server.start()
    settings.REDIS_URL = server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    yield server
    server.stop()


@pytest.fixture
def site(db):
    condition = factories.condition(title="Calf cramp", tags=["legs"])
    factories.remedy(title="Leg elevation")
    factories.article(title="Twitches explained")
    return condition


def public_pages(condition):
    return [
        "/",
        "/conditions/",
        condition.get_absolute_url(),
        "/remedies/",
        "/tags/legs/",
        "/search/?q=calf",
        "/sitemap.xml",
        "/feeds/latest/",
    ]


def timed_get(client, path):
    start = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - start


def test_pages_are_cached_in_redis_while_it_runs(client, site, redis_server):
    page = site.get_absolute_url()
    assert client.get(page)["X-Page-Cache"] == "miss"
    assert client.get(page)["X-Page-Cache"] == "hit"


def test_with_redis_stopped_every_page_answers_and_a_publish_reaches_visitors(
    client, site, redis_server
):
    for path in public_pages(site):
        client.get(path)  # cached while Redis runs
    redis_server.stop()

    for path in public_pages(site):
        response, took = timed_get(client, path)
        assert response.status_code == 200, path
        assert took < SHORT, path
        assert response.get("X-Page-Cache") != "hit"

    site.title = "Calf cramp at night"
    site.save()  # publishing does not need the cache
    assert "Calf cramp at night" in client.get(site.get_absolute_url()).content.decode()

    redis_server.start()  # back, and empty
    shared_cache.reset()  # no need to wait out the pause in a test
    assert "Calf cramp at night" in client.get(site.get_absolute_url()).content.decode()


def test_with_redis_frozen_pages_answer_within_a_short_timeout(client, site, redis_server):
    for path in public_pages(site):
        client.get(path)
    redis_server.freeze()
    try:
        start = time.monotonic()
        for path in public_pages(site):
            response, took = timed_get(client, path)
            assert response.status_code == 200, path
            assert took < SHORT, path
        # One timeout, then this process stops asking for a while.
        assert time.monotonic() - start < SHORT * 2
    finally:
        redis_server.thaw()


def test_a_change_made_while_redis_was_frozen_shows_once_it_thaws(
    client, site, redis_server, monkeypatch
):
    page = site.get_absolute_url()
    client.get(page)
    assert client.get(page)["X-Page-Cache"] == "hit"
    redis_server.freeze()
    try:
        # The cache still holds the old page and the old version's copy; the
        # change could not drop either.
        site.title = "Calf cramp, revised"
        site.save()
    finally:
        redis_server.thaw()
    monkeypatch.setattr(shared_cache, "PAUSE_SECONDS", 0.0)
    response = client.get(page)
    assert "Calf cramp, revised" in response.content.decode()
    assert response.get("X-Page-Cache") == "miss"


def test_an_unpublish_during_an_outage_is_not_undone_by_the_cache(client, site, redis_server):
    page = site.get_absolute_url()
    client.get(page)
    redis_server.freeze()
    try:
        site.status = Status.DRAFT
        site.save()
        assert client.get(page).status_code == 404
    finally:
        redis_server.thaw()
    shared_cache.reset()
    assert client.get(page).status_code == 404


def test_healthz_reports_a_stopped_cache_as_degraded_and_stays_in_rotation(
    client, db, redis_server
):
    ok = client.get("/healthz")
    assert ok.status_code == 200
    assert json.loads(ok.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    redis_server.stop()
    degraded, took = timed_get(client, "/healthz")
    assert degraded.status_code == 200
    assert took < SHORT
    assert json.loads(degraded.content) == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "degraded"},
    }
    redis_server.start()
    assert json.loads(client.get("/healthz").content)["status"] == "ok"


def test_healthz_answers_quickly_with_a_frozen_cache(client, db, redis_server):
    redis_server.freeze()
    try:
        response, took = timed_get(client, "/healthz")
    finally:
        redis_server.thaw()
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "degraded"
    assert took < SHORT


def test_the_file_cache_failing_does_not_break_pages(client, site, settings, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocked),
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    for path in public_pages(site):
        assert client.get(path).status_code == 200, path
    assert json.loads(client.get("/healthz").content)["status"] == "degraded"
