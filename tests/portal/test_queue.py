"""The moderators' queue, its badge, and the review-due command."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command

from portal.editorial import inbox, workflow
from portal.editorial.inbox import build
from portal.editorial.roles import MODERATORS
from portal.models import Feedback, Status
from tests import factories


def submitted(user, title, note=""):
    item = factories.condition(title=title, status=Status.DRAFT)
    workflow.apply_transition(item=item, user=user, name="submit", note=note)
    return item


def test_an_empty_queue_says_so(client, db):
    client.force_login(factories.moderator())
    html = client.get("/admin/queue/").content.decode()
    assert "You're all caught up" in html


def test_waiting_items_come_oldest_first_with_submitter_and_note(client, db):
    editor = factories.editor(username="edie")
    submitted(editor, "First in", note="Please check the dosage")
    submitted(editor, "Second in")
    client.force_login(factories.moderator())
    html = client.get("/admin/queue/").content.decode()
    assert html.index("First in") < html.index("Second in")
    assert "edie" in html
    assert "Please check the dosage" in html


def test_overdue_reviews_and_new_feedback_are_listed(client, db):
    overdue = factories.condition(title="Old page")
    overdue.next_review_due = datetime.date(2020, 1, 1)
    overdue.save()
    page = factories.remedy(title="Rated page")
    Feedback.objects.create(item=page, helpful=False, comment="Step 3 is unclear")
    client.force_login(factories.moderator())
    html = client.get("/admin/queue/").content.decode()
    assert "Old page" in html
    assert "Step 3 is unclear" in html


def test_the_badge_counts_what_waits(client, db):
    submitted(factories.editor(), "Waiting")
    Feedback.objects.create(item=factories.article(), helpful=True)
    client.force_login(factories.moderator())
    html = client.get("/admin/").content.decode()
    assert '<span class="queue-badge" aria-label="2 waiting">2</span>' in html


def test_editors_see_their_sent_back_work_counted_and_in_their_inbox(client, db):
    editor = factories.editor()
    item = submitted(editor, "Needs work")
    client.force_login(editor)
    front = client.get("/admin/")
    assert front.context["queue_count"] == 0
    assert "You're all caught up" in front.content.decode()
    workflow.apply_transition(
        item=item, user=factories.moderator(), name="request_changes", note="Cite a source"
    )
    front = client.get("/admin/")
    assert front.context["queue_count"] == 1
    [entry] = front.context["inbox"].sent_back
    assert entry.item == item
    assert "Cite a source" in front.content.decode()
    html = client.get("/admin/queue/").content.decode()
    assert "Sent back to you" in html
    assert "Cite a source" in html


def test_other_editors_do_not_see_someone_elses_returned_work(db):
    item = submitted(factories.editor(), "Not yours")
    workflow.apply_transition(
        item=item, user=factories.moderator(), name="request_changes", note="x"
    )
    assert build(factories.editor()).sent_back == []


@pytest.mark.parametrize("state", [Feedback.State.ACTIONED, Feedback.State.SPAM])
def test_moderators_triage_feedback(client, db, state):
    feedback = Feedback.objects.create(item=factories.condition(), helpful=False)
    client.force_login(factories.moderator())
    action = "mark_actioned" if state == Feedback.State.ACTIONED else "mark_spam"
    client.post("/admin/portal/feedback/", {"action": action, "_selected_action": [feedback.pk]})
    feedback.refresh_from_db()
    assert feedback.status == state
    assert "You're all caught up" in client.get("/admin/queue/").content.decode()


def test_editors_cannot_read_feedback(client, db):
    client.force_login(factories.editor())
    assert client.get("/admin/portal/feedback/").status_code == 403


def test_review_due_command_lists_and_emails(db):
    moderator = factories.moderator(email="mo@example.org")
    assert moderator.email
    due = factories.condition(title="Due page")
    due.next_review_due = datetime.date(2020, 1, 1)
    due.save()
    factories.condition(title="Fresh page")
    out = StringIO()
    call_command("review_due", "--email", stdout=out)
    assert "1 item(s) due for review" in out.getvalue()
    assert "Due page" in out.getvalue()
    assert "Fresh page" not in out.getvalue()
    assert mail.outbox[0].to == ["mo@example.org"]


def test_review_due_mails_whoever_may_publish_the_kind_as_the_workflow_does(db):
    # The reminder and a submission reach the same people: whoever holds the
    # publish permission (here given directly), not whoever sits in a group
    # named Moderators (here one who is no longer staff).
    publisher = factories.user(is_staff=True, email="pub@example.org")
    publisher.user_permissions.add(Permission.objects.get(codename="publish_condition"))
    factories.user(group=MODERATORS, is_staff=False, email="former@example.org")
    due = factories.condition(title="Due page")
    due.next_review_due = datetime.date(2020, 1, 1)
    due.save()
    out = StringIO()
    call_command("review_due", "--email", stdout=out)
    assert mail.outbox[0].to == ["pub@example.org"]
    assert {u.email for u in workflow.moderators_of(type(due))} == {"pub@example.org"}
    assert "Emailed 1 moderator(s)." in out.getvalue()


def test_feedback_list_sorts_by_any_column_without_error(client, db):
    Feedback.objects.create(item=factories.condition(), helpful=True)
    client.force_login(factories.moderator())
    for column in range(1, 7):
        assert client.get(f"/admin/portal/feedback/?o={column}").status_code == 200


def test_moderators_see_the_queue_on_the_front_page(client, db):
    submitted(factories.editor(), "Waiting page")
    client.force_login(factories.moderator())
    front = client.get("/admin/")
    assert [entry.item.title for entry in front.context["inbox"].waiting] == ["Waiting page"]
    assert "1 waiting for review" in front.content.decode()


def test_the_count_of_work_sent_back_matches_the_list(db):
    editor, moderator = factories.editor(), factories.moderator()
    returned = submitted(editor, "Returned")
    workflow.apply_transition(item=returned, user=moderator, name="request_changes", note="x")
    resubmitted = submitted(editor, "Resubmitted")
    workflow.apply_transition(item=resubmitted, user=moderator, name="request_changes", note="x")
    workflow.apply_transition(item=resubmitted, user=editor, name="submit")
    submitted(editor, "Still waiting")
    assert [e.item for e in build(editor).sent_back] == [returned]
    assert inbox.count_sent_back_to(editor) == 1
    assert inbox.count_sent_back_to(factories.editor()) == 0


def test_the_queue_and_the_item_survive_the_deletion_of_an_account_that_acted(client, db):
    # An editor who submitted an item, and started a draft of a live page,
    # leaves: the queue and the change pages say "Someone", not a 500.
    from portal.editorial import drafts

    editor = factories.editor()
    item = factories.article(status=Status.DRAFT)
    workflow.apply_transition(item=item, user=editor, name="submit")
    live = factories.article()
    content = drafts.snapshot(live)
    content["fields"]["summary"] = "Changed."
    workflow.save_draft(item=live, content=content, user=editor)
    editor.delete()
    client.force_login(factories.moderator())
    assert client.get("/admin/queue/").status_code == 200
    for page in (item, live):
        response = client.get(f"/admin/portal/article/{page.pk}/change/")
        assert response.status_code == 200
        assert "Someone" in response.content.decode()
