"""Workflow mail: sent to the people a step concerns, after the transition
commits, never for one that rolled back, and a failing mail server loses no
transition."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from portal.editorial import staff_mail, workflow
from portal.models import ReviewEvent, Status
from tests import factories
from tests.members.conftest import database_queue, run_worker, task_rows  # noqa: F401 (a fixture)


@pytest.fixture
def people(db):
    return {
        "editor": factories.editor(email="edie@example.org"),
        "moderator": factories.moderator(email="mo@example.org"),
        "other_moderator": factories.moderator(email="max@example.org"),
        "mute_moderator": factories.moderator(email=""),
    }


def test_a_submission_tells_the_moderators_after_commit(people, django_capture_on_commit_callbacks):
    item = factories.condition(status=Status.DRAFT, title="Night cramps")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(
            item=item, user=people["editor"], name="submit", note="Added a source."
        )
        assert mail.outbox == []  # nothing before the commit
    [message] = mail.outbox
    assert message.to == ["max@example.org", "mo@example.org"]
    assert message.subject.endswith("“Night cramps” waits for review")
    assert "Added a source." in message.body
    assert f"/admin/conditions/condition/{item.pk}/change/" in message.body


def test_a_rolled_back_transition_sends_nothing(people, django_capture_on_commit_callbacks):
    item = factories.condition(status=Status.DRAFT)

    def submit_then_fail():
        with transaction.atomic():
            workflow.apply_transition(item=item, user=people["editor"], name="submit")
            raise RuntimeError("something later in the request failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        submit_then_fail()
    assert mail.outbox == []
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_sending_back_tells_the_submitter_with_the_note(people, django_capture_on_commit_callbacks):
    item = factories.condition(status=Status.DRAFT)
    workflow.apply_transition(item=item, user=people["editor"], name="submit")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(
            item=item, user=people["moderator"], name="request_changes", note="Cite NICE."
        )
    [message] = mail.outbox
    assert message.to == ["edie@example.org"]
    assert "Cite NICE." in message.body


def test_a_failing_mail_server_loses_no_transition(
    client, people, django_capture_on_commit_callbacks
):
    item = factories.condition(status=Status.DRAFT)
    client.force_login(people["editor"])
    broken = mock.patch(
        "portal.editorial.staff_mail.send_mail", side_effect=smtplib.SMTPException("server down")
    )
    with broken, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/conditions/condition/{item.pk}/transition/", {"transition": "submit"}
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert ReviewEvent.objects.filter(action="submit").count() == 1


def test_approving_changes_tells_their_editor(people, client, django_capture_on_commit_callbacks):
    from tests.portal.test_live_drafts import edit_draft

    live = factories.condition(title="Cramp")
    edit_draft(client, live, people["editor"])
    workflow.apply_transition(item=live, user=people["editor"], name="submit_changes")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item=live, user=people["moderator"], name="approve_changes")
    [message] = mail.outbox
    assert message.to == ["edie@example.org"]
    assert "Your changes to “Cramp” are live" in message.subject


@pytest.mark.usefixtures("database_queue")
def test_the_task_table_holds_no_address_even_when_the_mail_fails(
    people, django_capture_on_commit_callbacks
):
    item = factories.condition(status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item=item, user=people["editor"], name="submit")
    refused = smtplib.SMTPRecipientsRefused({"mo@example.org": (550, b"no such mailbox")})
    with mock.patch("portal.editorial.staff_mail.send_mail", side_effect=refused):
        run_worker()
    [row] = task_rows()  # its arguments, result and traceback
    assert "SMTPRecipientsRefused" in row and "@" not in row
    assert mail.outbox == []


@pytest.mark.usefixtures("database_queue")
def test_mail_queued_under_the_old_task_address_is_still_sent(
    people, django_capture_on_commit_callbacks
):
    # Rows queued before the move to portal/editorial/ name the old module.
    from django_tasks_db.models import DBTaskResult

    item = factories.condition(status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item=item, user=people["editor"], name="submit")
    assert DBTaskResult.objects.update(task_path="portal.notifications.send_event_mail") == 1
    run_worker()
    [message] = mail.outbox
    assert sorted(message.to) == ["max@example.org", "mo@example.org"]


@pytest.mark.usefixtures("database_queue")
def test_the_mail_is_queued_with_the_transition_not_after_it(
    people, django_capture_on_commit_callbacks
):
    """A worker killed between the commit and its after-commit callbacks
    used to lose the mail; now the mail's row commits with the transition."""
    from django_tasks_db.models import DBTaskResult

    item = factories.condition(status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.apply_transition(item=item, user=people["editor"], name="submit")
    assert DBTaskResult.objects.count() == 1
    assert not any("enqueue" in repr(callback) for callback in callbacks)

    def submit_then_fail():
        with transaction.atomic():
            workflow.apply_transition(
                item=factories.condition(status=Status.DRAFT), user=people["editor"], name="submit"
            )
            raise RuntimeError("the request fails after the transition")

    with pytest.raises(RuntimeError):
        submit_then_fail()
    assert DBTaskResult.objects.count() == 1  # the rolled-back one queued nothing


def test_the_mail_names_whoever_acted_as_staff_do(people, django_capture_on_commit_callbacks):
    # One rule for a person's name (portal.models.staff_name): the full name,
    # else the user name, and "Someone" once the account has gone.
    editor = factories.editor(first_name="Edie", last_name="Okafor")
    item = factories.condition(status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item=item, user=editor, name="submit")
    assert mail.outbox[-1].body.startswith("Edie Okafor: ")
    event = ReviewEvent.objects.latest("pk")
    ReviewEvent.objects.filter(pk=event.pk).update(actor=None)
    event.refresh_from_db()
    assert event.actor_name == "Someone"
    with django_capture_on_commit_callbacks(execute=True):
        staff_mail.notify(event, [people["moderator"]])
    assert mail.outbox[-1].body.startswith("Someone: ")
