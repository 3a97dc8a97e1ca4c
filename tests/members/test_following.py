"""Following pages, and the tray: a followed page's medical review (its
approval by a clinician, at once or at its scheduled time) notifies each
follower, with what changed in one line; email goes to those who asked,
after the approval commits, from one task."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from conditions.models import Urgency
from portal.editorial import drafts, workflow
from portal.members import following
from portal.members.models import Follow, Notification
from tests import factories
from tests.members.conftest import log_in, run_worker


@pytest.fixture
def live(db):
    item = factories.condition(title="Cramp", summary="Old words.")
    factories.advice(item, Urgency.SELF_CARE, "Stretch gently.")
    return item


def updates():
    """Mail to members (the workflow mails its editors too)."""
    return [m for m in mail.outbox if "] Updated: " in m.subject]


def draft_changes(item, *, clinical=True):
    """Changes to the live item, submitted for review."""
    editor = factories.editor()
    content = drafts.snapshot(item)
    content["fields"]["summary"] = "New words."
    if clinical:
        content["parts"]["advice"][0]["fields"]["urgency"] = Urgency.DOCTOR
    workflow.save_draft(item=item, content=content, user=editor)
    workflow.apply_transition(item=item, user=editor, name="submit_changes")


def approve(item, **options):
    doctor = factories.moderator(clinician=False)
    factories.reviewer(user=doctor, name="Dr Ada Nwosu")
    return workflow.apply_transition(item=item, user=doctor, name="approve_changes", **options)


def test_a_member_saves_and_removes_a_page(member_client, member, live):
    page = member_client.get(live.get_absolute_url()).content.decode()
    assert "Save to my pages" in page
    response = member_client.post(f"/account/pages/condition/{live.pk}/save/")
    assert response["Location"] == live.get_absolute_url()
    member_client.post(f"/account/pages/condition/{live.pk}/save/")  # twice is once
    assert Follow.objects.filter(member=member).count() == 1
    page = member_client.get(live.get_absolute_url()).content.decode()
    assert "Remove from my pages" in page and "is saved to My pages" in page
    mine = member_client.get("/account/pages/").content.decode()
    assert "Cramp" in mine
    member_client.post(f"/account/pages/condition/{live.pk}/remove/", {"next": "my_pages"})
    assert not Follow.objects.exists()
    assert (
        "You have not saved any pages yet" in member_client.get("/account/pages/").content.decode()
    )


def test_only_published_pages_of_followed_kinds_can_be_saved(member_client, db):
    draft = factories.condition(status="draft")
    assert member_client.post(f"/account/pages/condition/{draft.pk}/save/").status_code == 404
    symptom = factories.symptom()
    assert member_client.post(f"/account/pages/symptom/{symptom.pk}/save/").status_code == 404
    assert member_client.get(f"/account/pages/condition/{draft.pk}/save/").status_code == 405


def test_a_visitor_is_sent_to_log_in_first(client, live):
    page = client.get(live.get_absolute_url()).content.decode()
    assert f'href="/account/log-in/?next={live.get_absolute_url()}"' in page.replace("%2F", "/")
    response = client.post(f"/account/pages/condition/{live.pk}/save/")
    assert response["Location"].startswith("/account/log-in/?next=")


def test_a_medical_review_notifies_each_follower_in_one_line(
    live, django_capture_on_commit_callbacks
):
    fans = [factories.member(), factories.member(opt_in=True), factories.member(confirmed=False)]
    for fan in fans:
        following.follow(member=fan, item=live)
    factories.remedy()  # a page nobody follows
    draft_changes(live)
    with django_capture_on_commit_callbacks(execute=True):
        approve(live, medical_review=True)
    notes = Notification.objects.order_by("member_id")
    assert [n.member for n in notes] == fans
    today = factories.timezone.localdate()
    assert notes[0].summary == (
        f"Reviewed by Dr Ada Nwosu on {today.day} {today:%B %Y}: when to get help changed."
    )
    assert notes[0].url == live.get_absolute_url() and notes[0].title == "Cramp"
    # Email only for the one who opted in and confirmed, and only once committed.
    [message] = updates()
    assert message.to == [fans[1].email]
    assert "when to get help changed" in message.body and live.get_absolute_url() in message.body


def test_email_waits_for_the_commit_and_is_one_task_for_all(
    live, django_capture_on_commit_callbacks
):
    fans = [factories.member(opt_in=True) for _ in range(3)]
    for fan in fans:
        following.follow(member=fan, item=live)
    draft_changes(live)
    with django_capture_on_commit_callbacks() as callbacks:
        approve(live, medical_review=True)
    assert updates() == []  # nothing sent by the approving code itself
    queued = [c for c in callbacks if following.send_update_mail in getattr(c, "args", ())]
    assert len(queued) == 1
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in updates()) == sorted(f.email for f in fans)
    assert all(len(m.to) == 1 for m in updates())  # nobody sees another's address


def test_the_mail_is_queued_with_the_approval_not_after_it(
    live, database_queue, django_capture_on_commit_callbacks
):
    """A worker killed between the approval's commit and its after-commit
    callbacks would lose the followers' mail: its task row commits with
    the approval instead, and a rolled-back approval queues none."""
    from django_tasks_db.models import DBTaskResult

    fan = factories.member(opt_in=True)
    following.follow(member=fan, item=live)
    draft_changes(live)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        approve(live, medical_review=True)
    updates_queued = DBTaskResult.objects.filter(task_path__endswith="send_update_mail")
    assert updates_queued.count() == 1
    assert not any(following.send_update_mail in getattr(c, "args", ()) for c in callbacks)
    run_worker()
    assert [m.to for m in updates()] == [[fan.email]]


def test_several_clinical_changes_are_listed_as_a_reader_would(live):
    fan = factories.member()
    following.follow(member=fan, item=live)
    factories.link(live, factories.symptom(name="Calf pain"), weight=3)
    editor = factories.editor()
    content = drafts.snapshot(live)
    content["parts"]["advice"][0]["fields"]["urgency"] = Urgency.DOCTOR
    content["parts"]["symptom_links"][0]["fields"]["weight"] = 9
    workflow.save_draft(item=live, content=content, user=editor)
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    approve(live, medical_review=True)
    [note] = Notification.objects.all()
    assert note.summary.endswith(": when to get help and symptoms and weights changed.")
    day = datetime.date(2026, 11, 30)
    three = ("symptoms and weights", "when to get help", "checker questions")
    assert following.summary(reviewer="Dr X", day=day, clinical=three) == (
        "Reviewed by Dr X on 30 November 2026: symptoms and weights, when to get help "
        "and checker questions changed."
    )


def test_a_re_review_without_clinical_changes_says_so(live):
    fan = factories.member()
    following.follow(member=fan, item=live)
    draft_changes(live, clinical=False)
    approve(live, medical_review=True)
    [note] = Notification.objects.all()
    assert note.summary.endswith(": its medical advice is unchanged.")


def test_an_update_that_is_no_medical_review_notifies_no_one(live):
    following.follow(member=factories.member(), item=live)
    draft_changes(live, clinical=False)
    approve(live)
    assert not Notification.objects.exists()


def test_a_refused_approval_notifies_no_one(live, django_capture_on_commit_callbacks):
    following.follow(member=factories.member(opt_in=True), item=live)
    draft_changes(live)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.WorkflowError):
        approve(live)  # clinical changes need a medical review
    assert not Notification.objects.exists()
    assert updates() == []


def test_a_rolled_back_approval_notifies_no_one(
    live, monkeypatch, django_capture_on_commit_callbacks
):
    following.follow(member=factories.member(opt_in=True), item=live)
    draft_changes(live)

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    # Fails after the notifications are written, inside the same transaction.
    monkeypatch.setattr(workflow, "_announce", fail)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        approve(live, medical_review=True)
    assert not Notification.objects.exists()
    # The mail was queued for after a commit that never came.
    assert not [c for c in callbacks if following.send_update_mail in getattr(c, "args", ())]
    assert updates() == []


def test_scheduled_changes_notify_when_they_go_live(live, django_capture_on_commit_callbacks):
    fan = factories.member(opt_in=True)
    following.follow(member=fan, item=live)
    draft_changes(live)
    soon = factories.timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        approve(live, medical_review=True, go_live_at=soon)
    # Checked by a dry run that is rolled back: no notification yet.
    assert not Notification.objects.exists() and updates() == []
    with django_capture_on_commit_callbacks(execute=True):
        workflow.run_schedule(now=soon + datetime.timedelta(minutes=1))
    assert Notification.objects.filter(member=fan).count() == 1
    assert len(updates()) == 1


def test_staff_following_nothing_get_nothing_and_deleted_members_are_gone(live):
    fan = factories.member()
    following.follow(member=fan, item=live)
    fan.delete()
    draft_changes(live)
    approve(live, medical_review=True)
    assert not Notification.objects.exists()


def test_the_tray_counts_unread_and_marks_them_read(member_client, member, live):
    page = member_client.get("/account/notifications/").content.decode()
    assert "You're all caught up!" in page
    header = member_client.get(live.get_absolute_url()).content.decode()
    assert "You're all caught up!" in header and 'data-role="unread-count"' not in header
    for n in range(2):
        Notification.objects.create(
            member=member, title=f"Page {n}", summary="Reviewed: advice changed.", url="/x/"
        )
    other = factories.member()
    Notification.objects.create(member=other, title="Not yours", summary="-", url="/")
    header = member_client.get(live.get_absolute_url()).content.decode()
    assert 'data-role="unread-count">2<' in header and "Page 1" in header
    assert "Not yours" not in header
    first = Notification.objects.filter(member=member).last()
    member_client.post(f"/account/notifications/{first.pk}/read/")
    assert Notification.objects.filter(member=member).unread().count() == 1
    # Someone else's notification cannot be marked.
    member_client.post(f"/account/notifications/{Notification.objects.get(member=other).pk}/read/")
    assert Notification.objects.filter(member=other).unread().count() == 1
    member_client.post("/account/notifications/read/")
    page = member_client.get("/account/notifications/").content.decode()
    assert "You're all caught up!" in page and "Page 0" in page  # under "Earlier"


def test_follow_state_is_each_members_own(live):
    fan, other = factories.member(), factories.member()
    following.follow(member=fan, item=live)
    assert (
        "Remove from my pages"
        in log_in(Client(), fan).get(live.get_absolute_url()).content.decode()
    )
    page = log_in(Client(), other).get(live.get_absolute_url()).content.decode()
    assert "Remove from my pages" not in page and "Save to my pages" in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(member_client, member, live):
    note = Notification.objects.create(
        member=member, title=str(live), summary="Reviewed.", url=live.get_absolute_url()
    )
    tray = member_client.get("/account/notifications/").content.decode()
    opener = f'href="/account/notifications/{note.pk}/"'
    assert opener in tray, "the notification links through the opener"
    response = member_client.get(f"/account/notifications/{note.pk}/")
    assert response.status_code == 302 and response["Location"] == live.get_absolute_url()
    assert Notification.objects.filter(member=member).unread().count() == 0


def test_a_notification_opens_only_for_its_member_and_only_to_this_site(member_client, member):
    other = factories.member()
    theirs = Notification.objects.create(member=other, title="T", summary="-", url="/x/")
    assert member_client.get(f"/account/notifications/{theirs.pk}/").status_code == 404
    assert Notification.objects.filter(member=other).unread().count() == 1
    # A stored address off the site is never followed.
    odd = Notification.objects.create(member=member, title="O", summary="-", url="//evil.test/")
    response = member_client.get(f"/account/notifications/{odd.pk}/")
    assert response["Location"] == "/account/notifications/"
