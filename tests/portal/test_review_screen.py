"""The review screen (an item's change form) as a moderator reads it: the
editor's latest note first, and a history in words in which an approval says
what kind it was."""

from portal.editorial import workflow
from portal.models import ReviewEvent
from tests import factories
from tests.portal.test_live_drafts import change_url, edit, live  # noqa: F401 (a fixture)

NOTE = "Please check the new sentence on cramps at night."


def test_the_editors_note_comes_before_everything_else(client, live):  # noqa: F811
    editor = factories.editor()
    client.force_login(editor)
    assert edit(client, live, summary="Cramps ease with rest.").status_code == 302
    workflow.apply_transition(item=live, user=editor, name="submit_changes", note=NOTE)
    client.force_login(factories.moderator())
    html = client.get(change_url(live)).content.decode()
    note = html.index('data-role="editor-note"')
    assert NOTE in html[note : html.index("</div>", note)]
    assert "Submitted changes for review: note from" in html
    # Before the state, the checks and the buttons.
    assert note < html.index('class="workflow-state"') < html.index('id="workflow-actions-top"')


def test_the_history_names_each_step_in_words():
    labels = {action: ReviewEvent(action=action).label for action in ("submit_changes", "edit")}
    assert labels == {"submit_changes": "Submitted changes for review", "edit": "Edited"}
    assert ReviewEvent(action="something_new").label == "Something new"


def test_an_approval_row_says_whether_it_was_a_medical_review(client, live):  # noqa: F811
    editor, moderator = factories.editor(), factories.moderator()
    client.force_login(editor)
    assert edit(client, live, summary="Cramps ease with rest.").status_code == 302
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    workflow.apply_transition(item=live, user=moderator, name="approve_changes")
    event = workflow.events_for(live).first()
    assert (event.action, event.note) == ("approve_changes", "(An update, not a medical review.)")
    client.force_login(moderator)
    history = client.get(change_url(live)).content.decode().split('data-role="review-history"')[1]
    assert "Approved and published changes" in history
    assert "(An update, not a medical review.)" in history
    assert "Approvechanges" not in history and "Submitchanges" not in history
