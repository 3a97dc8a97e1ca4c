"""Every response says what the browser may let the page use and who may
embed it."""

import pytest

from portal.security_headers import DENIED_FEATURES
from tests import factories


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
