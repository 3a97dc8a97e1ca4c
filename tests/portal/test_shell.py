"""The site shell every page shares, and the friendly error pages."""

import pytest
from django.urls import path

from tests import factories


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", broken_view)]


@pytest.fixture
def home_html(client, db):
    return client.get("/").content.decode()


def test_every_page_has_a_skip_link_to_the_main_content(home_html):
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in home_html
    assert '<main id="main"' in home_html


def test_header_has_search_and_the_three_sections(home_html):
    assert 'role="search" action="/search/"' in home_html
    for href, label in [
        ("/conditions/", "Conditions A–Z"),
        ("/symptom-checker/", "Symptom checker"),
        ("/remedies/", "Remedy guide"),
    ]:
        assert f'<a href="{href}">{label}</a>' in home_html


def test_footer_carries_the_medical_disclaimer(home_html):
    assert "This site does not give medical advice." in home_html


def test_current_section_is_marked_in_the_navigation(client, db):
    html = client.get("/remedies/").content.decode()
    assert '<a href="/remedies/" aria-current="page">Remedy guide</a>' in html


def test_pages_send_a_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-src https://www.youtube-nocookie.com" in policy
    assert "object-src 'none'" in policy


def test_missing_page_is_a_friendly_404(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can't find that page" in html
    assert 'href="#main"' in html


def test_a_server_error_shows_the_friendly_500(client, db, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    # Whoever needed help still learns where to get it (NHS: 999, then 111).
    assert 'href="tel:999"' in html and 'href="tel:111"' in html


def test_conditional_get_answers_304_when_nothing_changed(client, db):
    page = factories.condition()
    first = client.get(page.get_absolute_url())
    again = client.get(page.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
