import json
import os

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError

from portal import health


def test_healthz_answers_ok_with_the_database_up(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db, monkeypatch):
    class UnreachableDatabase:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["database"] == "error"


def test_healthz_checks_the_cache_when_one_is_configured(client, db, settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(health, "check_cache", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {"database": "ok", "cache": "error"}


def test_the_cache_check_talks_to_a_real_redis(monkeypatch):
    real = RedisCache("redis://127.0.0.1:6379/15", {})
    try:
        real.set("probe", 1)
    except Exception:
        # CI and the team's machines run Redis; a laptop may not.
        if os.environ.get("CI"):
            pytest.fail("CI needs Redis on 127.0.0.1:6379 for the cache check.")
        pytest.skip("no Redis listening on 127.0.0.1:6379 (REDIS_URL is optional)")
    monkeypatch.setattr(health, "cache", real)
    assert health.check_cache() is True
