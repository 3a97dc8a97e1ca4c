"""Scheduled publishing and expiry, with a controlled clock: a page is
never shown before its time, the cron command puts it live and takes it off
once, and it says what it did."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal import workflow
from portal.models import ReviewEvent, Status
from tests import factories

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch):
    """Move time by setting clock.now."""

    class Clock:
        now = START

    clock = Clock()
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def in_review(title="Winter cramps"):
    item = factories.article(title=title, status=Status.PUBLISHED)
    type(item).objects.filter(pk=item.pk).update(status=Status.IN_REVIEW, published_at=None)
    item.refresh_from_db()
    return item


def test_a_scheduled_page_stays_off_the_site_until_its_time(client, db, clock, settings):
    settings.PAGE_CACHE_ENABLED = True
    item = in_review()
    go_live = START + datetime.timedelta(hours=2)
    workflow.apply_transition(
        item=item, user=factories.moderator(), name="approve", go_live_at=go_live
    )
    item.refresh_from_db()
    assert item.is_scheduled and item.published_at == go_live
    for url in (
        item.get_absolute_url(),
        "/",
        "/feeds/latest/",
        "/sitemap.xml",
        "/search/?q=winter",
    ):
        response = client.get(url)
        assert item.title not in response.content.decode(), url
    assert client.get(item.get_absolute_url()).status_code == 404
    clock.now = go_live + datetime.timedelta(seconds=1)
    # Visible at its time even before cron runs (the page cache held no copy).
    assert client.get(item.get_absolute_url()).status_code == 200
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assert f"Live now: {item.title}" in out.getvalue()
    assert item.title in client.get("/feeds/latest/").content.decode()
    again = StringIO()
    call_command("publish_scheduled", stdout=again)
    assert again.getvalue().strip() == "Nothing is due."
    assert ReviewEvent.objects.filter(action="go_live").count() == 1


def test_an_expiring_page_comes_off_the_site(client, db, clock):
    item = in_review("Seasonal advice")
    expiry = START + datetime.timedelta(days=30)
    workflow.apply_transition(
        item=item, user=factories.moderator(), name="approve", expires_at=expiry
    )
    assert client.get(item.get_absolute_url()).status_code == 200
    clock.now = expiry
    assert client.get(item.get_absolute_url()).status_code == 404
    run = workflow.run_schedule()
    assert run.expired == [item]
    item.refresh_from_db()
    assert (item.status, item.expires_at) == (Status.ARCHIVED, None)
    assert workflow.run_schedule().expired == []


@pytest.mark.parametrize(
    ("go_live", "expires", "message"),
    [
        (START - datetime.timedelta(minutes=1), None, "in the future"),
        (START + datetime.timedelta(days=2), START + datetime.timedelta(days=1), "after the page"),
    ],
)
def test_a_schedule_that_makes_no_sense_is_refused(db, clock, go_live, expires, message):
    item = in_review()
    with pytest.raises(workflow.WorkflowError, match=message):
        workflow.apply_transition(
            item=item,
            user=factories.moderator(),
            name="approve",
            go_live_at=go_live,
            expires_at=expires,
        )
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_the_approval_form_takes_a_go_live_time_and_rejects_nonsense(client, db, clock):
    item = in_review()
    client.force_login(factories.moderator())
    url = f"/admin/portal/article/{item.pk}/transition/"
    client.post(url, {"transition": "approve", "_go_live_at": "next tuesday"})
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    client.post(url, {"transition": "approve", "_go_live_at": "2026-12-24T08:00"})
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED
    assert timezone.localtime(item.go_live_at).strftime("%Y-%m-%d %H:%M") == "2026-12-24 08:00"
