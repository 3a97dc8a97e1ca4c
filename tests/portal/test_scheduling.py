"""Scheduled publishing and expiry, with a controlled clock: a page is
never shown before its time, the cron command puts it live and takes it off
once, and it says what it did."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.editorial import drafts, workflow
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


# Approved changes to a live page, scheduled -----------------------------------


def changes_in_review(summary="Cramps ease with a slow calf stretch."):
    """A live article with an editor's submitted change to its summary."""
    item = factories.article(title="Night cramps", summary="Old summary.")
    editor = factories.editor()
    content = drafts.snapshot(item)
    content["fields"]["summary"] = summary
    workflow.save_draft(item=item, content=content, user=editor)
    workflow.apply_transition(item=item, user=editor, name="submit_changes")
    return item, editor


def test_approved_changes_wait_for_their_go_live_time(client, db, clock, settings):
    settings.PAGE_CACHE_ENABLED = True
    item, editor = changes_in_review()
    moderator = factories.moderator()
    go_live = START + datetime.timedelta(hours=3)
    workflow.apply_transition(item=item, user=moderator, name="approve_changes", go_live_at=go_live)
    draft = drafts.pending(item)
    assert draft.is_scheduled and draft.go_live_at == go_live
    assert "Old summary." in client.get(item.get_absolute_url()).content.decode()  # cached now
    # Approved as it stands: nobody edits it, the moderator included.
    assert not workflow.may_edit(editor, item)
    assert not workflow.may_edit(moderator, item)
    assert "go live at" in workflow.draft_notice(editor, item, draft)
    clock.now = go_live - datetime.timedelta(seconds=1)
    assert workflow.run_schedule().went_live == []
    clock.now = go_live
    assert [live.pk for live in workflow.run_schedule().went_live] == [item.pk]
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Cramps ease with a slow calf stretch." in page and "Old summary." not in page
    assert drafts.pending(item) is None
    item.refresh_from_db()
    assert item.last_updated == timezone.localdate(go_live)
    assert workflow.run_schedule().went_live == []
    event = workflow.events_for(item).first()
    assert (event.action, event.note) == (
        "go_live",
        "Approved changes went live at their scheduled time.",
    )


def test_requesting_changes_stops_a_schedule(db, clock):
    item, editor = changes_in_review()
    moderator = factories.moderator()
    workflow.apply_transition(
        item=item,
        user=moderator,
        name="approve_changes",
        go_live_at=START + datetime.timedelta(hours=1),
    )
    workflow.apply_transition(
        item=item, user=moderator, name="return_changes", note="Hold it: the source moved."
    )
    draft = drafts.pending(item)
    assert (draft.status, draft.go_live_at, draft.approved_by) == (Status.DRAFT, None, None)
    clock.now = START + datetime.timedelta(hours=2)
    assert workflow.run_schedule().went_live == []
    item.refresh_from_db()
    assert item.summary == "Old summary."
    assert workflow.may_edit(editor, item)


def test_a_schedule_is_refused_when_the_approval_would_be(client, db, clock):
    item, _ = changes_in_review()
    item.sources.clear()  # nothing goes live without a source; the draft keeps none either
    content = drafts.pending(item).content
    content["fields"]["sources"] = []
    drafts.pending(item).__class__.objects.update(content=content)
    with pytest.raises(workflow.WorkflowError, match="source"):
        workflow.apply_transition(
            item=item,
            user=factories.moderator(),
            name="approve_changes",
            go_live_at=START + datetime.timedelta(hours=1),
        )
    draft = drafts.pending(item)
    assert draft.status == Status.IN_REVIEW and not draft.is_scheduled


def test_scheduled_changes_that_can_no_longer_go_live_return_to_review(
    db, clock, mailoutbox, django_capture_on_commit_callbacks
):
    item, _ = changes_in_review()
    moderator = factories.moderator(email="mo@example.org")
    workflow.apply_transition(
        item=item,
        user=moderator,
        name="approve_changes",
        go_live_at=START + datetime.timedelta(hours=1),
    )
    # The only source the changes cite is withdrawn before their time.
    for source in item.sources.all():
        type(source).objects.filter(pk=source.pk).update(status=Status.DRAFT)
    mailoutbox.clear()
    clock.now = START + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.run_schedule()
    item.refresh_from_db()
    assert item.summary == "Old summary."
    draft = drafts.pending(item)
    assert (draft.status, draft.go_live_at) == (Status.IN_REVIEW, None)
    event = workflow.events_for(item).first()
    assert "could not go live" in event.note and "source" in event.note
    assert [message.to for message in mailoutbox] == [["mo@example.org"]]
    assert workflow.run_schedule().went_live == []


def test_the_changes_form_offers_a_go_live_time(client, db, clock):
    item, _ = changes_in_review()
    client.force_login(factories.moderator())
    page = client.get(f"/admin/portal/article/{item.pk}/change/").content.decode()
    assert 'name="_go_live_at"' in page
    client.post(
        f"/admin/portal/article/{item.pk}/transition/",
        {"transition": "approve_changes", "_go_live_at": "2026-12-24T08:00"},
    )
    draft = drafts.pending(item)
    assert draft.is_scheduled
    assert timezone.localtime(draft.go_live_at).strftime("%Y-%m-%d %H:%M") == "2026-12-24 08:00"
