"""Every response says what the browser may let the page use and who may
embed it; what a signed-in person is sent, that no cache may keep it."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings

from portal.serving.headers import DENIED_FEATURES
from tests import factories
from tests.members.conftest import log_in


@pytest.mark.parametrize(
    "path", ["/", "/conditions/", "/symptom-checker/", "/search/?q=cramp", "/nowhere/", "/healthz"]
)
def test_pages_deny_unused_features_and_cross_origin_loading(client, db, path):
    response = client.get(path)
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy
    assert len(DENIED_FEATURES) == policy.count("=()")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_page_from_the_page_cache_carries_them_too(client, db, settings):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/conditions/")
    again = client.get("/conditions/")
    assert again["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in again["Permissions-Policy"]


@pytest.mark.parametrize("data", [{"q": "\x00"}, {"status__exact": "draft\x00"}, {"o": "1\x00"}])
def test_a_nul_character_sent_to_the_admin_is_a_bad_request(client, db, data):
    """On PostgreSQL it would fail every admin search and filter with a 500."""
    client.force_login(factories.user(superuser=True))
    assert client.get("/admin/conditions/condition/", data).status_code == 400


# --- Nothing sent to a signed-in person is kept by a cache ------------------------------------


def _private(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/conditions/condition/", "/", "/conditions/", "/search/?q=cramp"]
)
def test_staff_are_sent_nothing_a_cache_may_keep(client, db, page_cache_on, path):
    factories.condition(title="Cramp")
    client.force_login(factories.editor())
    response = client.get(path)
    assert response.status_code == 200
    assert _private(response)


def test_a_staff_preview_of_a_public_file_is_private_too(client, db):
    """The view's own "public, max-age" is merged, not kept as it was."""
    author = factories.author()
    author.photo = default_storage.save("authors/face.png", ContentFile(factories.png()))
    author.save()
    assert "public" in client.get(f"/media/{author.photo.name}")["Cache-Control"]
    client.force_login(factories.editor())
    response = client.get(f"/media/{author.photo.name}")
    assert _private(response)
    assert "max-age=86400" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/account/", "/account/pages/", "/account/notifications/", "/conditions/nowhere/"]
)
def test_members_are_sent_nothing_a_cache_may_keep(db, page_cache_on, path):
    member = log_in(Client(), factories.member())
    response = member.get(path)
    assert response.status_code in (200, 404)
    assert _private(response)


def test_a_members_copy_of_a_cached_page_is_private(db, page_cache_on):
    page = factories.condition().get_absolute_url()
    Client().get(page)
    response = log_in(Client(), factories.member()).get(page)
    assert response["X-Page-Cache"] == "member-hit"
    assert _private(response)


def test_a_member_with_a_message_waiting_gets_a_private_page(db, page_cache_on):
    """Messages waiting send the member the normal page, not the cache's copy."""
    member = log_in(Client(), factories.member())
    member.cookies["messages"] = "waiting"
    response = member.get("/conditions/")
    assert not response.has_header("X-Page-Cache")
    assert _private(response)


def test_an_anonymous_condition_page_stays_publicly_cacheable(client, db, page_cache_on):
    page = factories.condition().get_absolute_url()
    client.get(page)
    response = client.get(page)
    assert response["X-Page-Cache"] == "hit"
    cache_control = response.get("Cache-Control", "")
    assert "private" not in cache_control and "no-store" not in cache_control
    # Nor when the cache is off and the page is rendered afresh.
    with override_settings(PAGE_CACHE_ENABLED=False):
        fresh = client.get(page)
    assert "X-Page-Cache" not in fresh
    assert "private" not in fresh.get("Cache-Control", "")
