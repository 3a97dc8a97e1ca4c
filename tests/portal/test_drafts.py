"""Unpublished content is private: a 404 for visitors, absent from every
list, feed, sitemap and search; staff see a marked, uncached preview."""

import pytest

from portal.models import Status
from tests import factories

DRAFT_TITLE = "Unreleased zebra condition"


@pytest.fixture(params=[Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED])
def hidden(request, db):
    condition = factories.condition(title=DRAFT_TITLE, status=request.param, tags=["zebra"])
    factories.condition(title="Public page", tags=["zebra"])
    return condition


def test_visitors_get_404_for_unpublished_content(client, hidden):
    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/", "/conditions/", "/tags/zebra/", "/search/?q=zebra", "/sitemap.xml", "/feeds/latest/"],
)
def test_unpublished_content_is_left_out_of_lists(client, hidden, url):
    assert DRAFT_TITLE not in client.get(url).content.decode()


def test_staff_preview_drafts_with_a_banner_and_no_caching(client, db):
    draft = factories.condition(title=DRAFT_TITLE, status=Status.DRAFT)
    client.force_login(factories.editor())
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview: this page is <strong>draft</strong>" in html
    assert f'href="/admin/conditions/condition/{draft.pk}/change/">Back to the editor' in html
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_staff_without_view_permission_get_404(client, db):
    draft = factories.condition(title=DRAFT_TITLE, status=Status.DRAFT)
    client.force_login(factories.user(is_staff=True))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_published_pages_have_no_preview_banner_for_staff(client, db):
    page = factories.condition()
    client.force_login(factories.editor())
    assert "Preview:" not in client.get(page.get_absolute_url()).content.decode()
