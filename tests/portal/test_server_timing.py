"""Every response says what the server did; staff also see it on the page."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


def timing(response):
    return {part.split(";")[0].strip(): part for part in response["Server-Timing"].split(",")}


def test_a_rendered_page_reports_its_time_and_its_queries(client, db):
    page = factories.condition()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.get_absolute_url())
    parts = timing(response)
    assert re.fullmatch(r"total;dur=\d+\.\d", parts["total"])
    assert f'desc="{len(queries)} queries"' in parts["db"]
    assert "server-stats" not in response.content.decode()


def test_a_cache_hit_reports_the_hit_not_the_render_that_filled_it(client, db, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    page = factories.condition()
    first = timing(client.get(page.get_absolute_url()))
    assert first["cache"] == ' cache;desc="miss"'
    hit = client.get(page.get_absolute_url())
    parts = timing(hit)
    assert parts["cache"] == ' cache;desc="hit"'
    assert "db" not in parts
    assert hit["Server-Timing"].count("total;") == 1


def test_errors_and_redirects_carry_it_too(client, db):
    assert "total;dur=" in client.get("/conditions/no-such-page/")["Server-Timing"]
    assert "total;dur=" in client.get("/admin/")["Server-Timing"]


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_staff_see_the_figures_at_the_foot_of_the_page(client, db, who):
    page = factories.condition()
    client.force_login(getattr(factories, who)())
    response = client.get(page.get_absolute_url())
    html = response.content.decode()
    line = re.search(r'<p class="server-stats"[^>]*>(.*?)</p>', html)
    assert line, "no server figures for staff"
    assert re.fullmatch(
        r"Served in \d+\.\d ms with \d+ database queries \(\d+\.\d ms\); "
        r"this worker uses \d+ MB\.",
        line.group(1),
    )
    assert html.index("server-stats") > html.index("</footer>")
    assert int(response["Content-Length"]) == len(response.content)


def test_the_staff_line_never_reaches_the_shared_page_cache(client, db, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    page = factories.condition()
    staff = client.__class__()
    staff.force_login(factories.editor())
    assert "server-stats" in staff.get(page.get_absolute_url()).content.decode()
    for _ in range(2):
        anonymous = client.get(page.get_absolute_url())
        assert "server-stats" not in anonymous.content.decode()
    assert anonymous["X-Page-Cache"] == "hit"


def test_a_visitors_form_post_reports_its_time_but_not_its_queries(client, db):
    response = client.post("/account/sign-up/", {"email": "someone@example.org"})
    header = response["Server-Timing"]
    assert header.startswith("total;dur=")
    assert "db;" not in header and "queries" not in header


def test_staff_posts_report_their_queries(client, db):
    client.force_login(factories.editor())
    response = client.post("/account/sign-up/", {"email": "someone@example.org"})
    assert "queries" in response["Server-Timing"]
