import json
import threading
import time

from django.db import DatabaseError

from portal.serving import health


def test_healthz_answers_ok_with_the_database_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"] == "error"


def test_healthz_answers_503_within_2_seconds_when_the_database_is_frozen(client, db, monkeypatch):
    """Finding 3: with the database frozen every request, /healthz included,
    hung about 20 s and never reported 503."""
    released = threading.Event()

    class FrozenDatabase:
        def cursor(self):
            released.wait(10)  # a server that took the connection and went quiet
            raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(health, "connection", FrozenDatabase())
    try:
        started = time.monotonic()
        first = client.get("/healthz")
        second = client.get("/healthz")
        assert time.monotonic() - started < 4
        assert (first.status_code, second.status_code) == (503, 503)
    finally:
        released.set()
