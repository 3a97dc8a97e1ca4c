"""Fair use: a limit per client that every worker shares, API keys for a
higher one (managed in the admin, stored hashed, revocable), 429 with
Retry-After."""

import pytest
from django.urls import reverse

from portal.api.models import ApiKey, digest
from tests import factories
from tests.served import free_port, get, start_gunicorn, stop

pytestmark = pytest.mark.django_db


def test_past_the_limit_a_client_gets_429_with_retry_after(client, settings):
    settings.API_ANONYMOUS_LIMIT = 3
    statuses = [client.get("/api/v1/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/")
    assert 0 < int(refused["Retry-After"]) <= 600
    assert refused.json()["detail"].startswith("Too many requests")
    assert refused["Access-Control-Allow-Origin"] == "*"
    # Another client is counted apart.
    assert client.get("/api/v1/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_key_gets_its_own_higher_limit_and_can_be_revoked(client, settings):
    settings.API_ANONYMOUS_LIMIT = 1
    key = ApiKey(name="Riverside surgery", rate_limit=5)
    raw = key.issue()
    key.save()
    assert key.hashed_key == digest(raw) and raw not in key.hashed_key
    headers = {"X-API-Key": raw}
    assert [client.get("/api/v1/", headers=headers).status_code for _ in range(6)] == [
        *[200] * 5,
        429,
    ]
    key.refresh_from_db()
    assert key.last_used_at is not None
    key.revoke()
    refused = client.get("/api/v1/", headers=headers)
    assert refused.status_code == 401
    assert client.get("/api/v1/", headers={"X-API-Key": "ch_made_up"}).status_code == 401


def test_the_admin_issues_a_key_once_and_revokes_it(client):
    client.force_login(factories.user(superuser=True))
    response = client.post(
        reverse("admin:api_apikey_add"),
        {"name": "Symptom bot", "contact": "", "rate_limit": 6000},
        follow=True,
    )
    key = ApiKey.objects.get(name="Symptom bot")
    shown = next(str(m) for m in response.context["messages"] if "copy it now" in str(m))
    raw = shown.split(" is ")[1].split(" ")[0]
    assert digest(raw) == key.hashed_key
    listing = client.get(reverse("admin:api_apikey_changelist")).content.decode()
    assert key.prefix in listing and raw not in listing
    client.post(
        reverse("admin:api_apikey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk]},
    )
    key.refresh_from_db()
    assert not key.is_active


def test_the_limit_holds_across_two_workers(served_env, tmp_path):
    """Two separately started servers (gunicorn, one worker each) over one
    database: the count is shared, so a client gets the limit in total, not
    the limit from each."""
    env, _ = served_env
    env = {**env, "API_ANONYMOUS_LIMIT": "4"}
    ports = [free_port(), free_port()]
    servers = [start_gunicorn(env, port, tmp_path / f"{port}.log") for port in ports]
    try:
        statuses = [get(f"http://127.0.0.1:{ports[n % 2]}/api/v1/")[0] for n in range(6)]
        status, headers, _ = get(f"http://127.0.0.1:{ports[1]}/api/v1/")
    finally:
        for server in servers:
            stop(server)
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert status == 429 and int(headers["Retry-After"]) > 0
