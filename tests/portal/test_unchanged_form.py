"""A live page's change form sent back as it was shown: the moderator's
button acts at once, and anything else (an edit, a draft saved meanwhile,
a token that is missing or forged) goes the full way, so no one's work is
lost and no one approves changes they have not seen."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.test import Client
from django.utils.datastructures import MultiValueDict

from portal.admin import unchanged
from portal.editorial import drafts, workflow
from portal.models import ContentVersion, Status
from tests import factories
from tests.portal.test_live_drafts import NEW, OLD, change_url, edit_draft, live  # noqa: F401
from tests.portal.test_revisions import change_form_data

FORM = """
<form id="logout-form" method="post"><input name="csrfmiddlewaretoken" value="x"></form>
<form id="thing_form" method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="secret">
  <input name="title" value="Cramp &amp; spasm">
  <input type="number" name="weight" value="3">
  <input type="text" name="blank">
  <input type="checkbox" name="listed" checked>
  <input type="checkbox" name="advice-0-DELETE">
  <input type="radio" name="tier" value="gp">
  <input type="radio" name="tier" value="urgent" checked>
  <input name="locked" value="no" disabled>
  <input type="file" name="photo">
  <input type="submit" name="_save" value="Save">
  <textarea name="body">
Line one &lt;b&gt;
line two</textarea>
  <select name="area"><option value="">---------</option><option value="legs">Legs</option></select>
  <select name="reviewer"><option value="1">A</option><option value="2" selected>B</option></select>
  <select name="sources" multiple>
    <option value="4" selected>Four</option><option value="5">Five</option>
    <option value="6" selected disabled>Six</option><option selected> Seven  days </option>
  </select>
  <input name="advice-__prefix__-text" value="">
</form>
<input name="note" value="outside" form="thing_form">
<input name="stray" value="not ours">
"""


def test_the_fields_are_read_as_a_browser_sends_them():
    fields, checkboxes = unchanged.fields_as_sent(FORM, "thing_form")
    assert fields == [
        ("csrfmiddlewaretoken", "secret"),
        ("title", "Cramp & spasm"),
        ("weight", "3"),
        ("blank", ""),
        ("listed", "on"),
        ("tier", "urgent"),
        ("body", "Line one <b>\nline two"),
        ("area", ""),
        ("reviewer", "2"),
        ("sources", "4"),
        ("sources", "Seven days"),
        ("advice-__prefix__-text", ""),
        ("note", "outside"),
    ]
    assert checkboxes == {"listed", "advice-0-DELETE"}


def _post(pairs):
    data = QueryDict(mutable=True)
    for name, value in pairs:
        data.appendlist(name, value)
    return data


def _signed(state="state"):
    """A page drawing FORM, signed, and its token."""
    page = HttpResponse(FORM)
    unchanged.sign_form(page, form_id="thing_form", state=state)
    html = page.content.decode()
    return re.search(rf'name="{unchanged.FIELD}" value="([^"]+)"', html)[1]


SENT = [
    ("csrfmiddlewaretoken", "another"),
    ("title", "Cramp & spasm"),
    ("weight", "3"),
    ("listed", "on"),
    ("advice-0-DELETE", "false"),
    ("tier", "urgent"),
    ("body", "Line one <b>\r\nline two"),
    ("reviewer", "2"),
    ("sources", "Seven days"),
    ("sources", "4"),
    ("note", "outside"),
    ("_transition", "approve_changes"),
]


def test_a_form_sent_back_as_shown_is_known_as_unchanged():
    token = _signed()
    # Line ends, order, an unticked box sent as "false", an empty field left
    # out and the buttons pressed make no difference; the form reads them alike.
    data = _post([*SENT, (unchanged.FIELD, token)])
    assert unchanged.sent_back_unchanged(data, MultiValueDict(), state="state")


@pytest.mark.parametrize(
    "change",
    [
        ("title", "Cramp and spasm"),
        ("advice-0-DELETE", "on"),
        ("listed", "false"),
        ("sources", "5"),
        ("blank", "now filled"),
        ("body", "Line one <b>\nline two\n"),
    ],
)
def test_any_change_to_what_the_form_reads_is_noticed(change):
    token = _signed()
    name, value = change
    pairs = [pair for pair in SENT if pair[0] != name or name == "sources"]
    data = _post([*pairs, (name, value), (unchanged.FIELD, token)])
    assert not unchanged.sent_back_unchanged(data, MultiValueDict(), state="state")


def test_another_state_a_file_or_a_forged_token_is_not_unchanged():
    token = _signed()
    data = _post([*SENT, (unchanged.FIELD, token)])
    assert not unchanged.sent_back_unchanged(data, MultiValueDict(), state="draft saved since")
    assert not unchanged.sent_back_unchanged(
        data, MultiValueDict({"photo": ["a file"]}), state="state"
    )
    forged = _post([*SENT, (unchanged.FIELD, token[:-2] + "xx")])
    assert not unchanged.sent_back_unchanged(forged, MultiValueDict(), state="state")
    assert not unchanged.sent_back_unchanged(_post(SENT), MultiValueDict(), state="state")


# Through the admin ---------------------------------------------------------


@pytest.fixture
def in_review(client, live):  # noqa: F811
    """The live condition with an editor's changes submitted for review."""
    editor = factories.editor()
    edit_draft(client, live, editor, clinical=False)
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    return live


def _approve(client, item, **changes):
    data = change_form_data(client, change_url(item))
    data.update(changes, _transition="approve_changes")
    return client.post(change_url(item), data)


def test_approving_an_unchanged_form_approves_the_changes_without_saving_the_form(
    client, in_review
):
    client.force_login(factories.moderator())
    logged = LogEntry.objects.count()
    response = _approve(client, in_review)
    assert response.status_code == 302
    assert [m.message for m in response.wsgi_request._messages] == [
        f"The changes to “{in_review}” are live."
    ]
    in_review.refresh_from_db()
    assert in_review.summary == NEW and drafts.pending(in_review) is None
    # Nothing was saved from the form, so the admin logs no change of its own.
    assert LogEntry.objects.count() == logged


def test_a_moderators_edit_on_the_form_is_kept_and_makes_the_changes_theirs(client, in_review):
    client.force_login(factories.moderator())
    edited = NEW + " Drink water through the day."
    response = _approve(client, in_review, summary=edited)
    assert response.status_code == 302
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages[-1] == (
        "You cannot approve changes you made or submitted; another moderator must."
    )
    in_review.refresh_from_db()
    assert in_review.summary == OLD
    assert drafts.pending(in_review).content["fields"]["summary"] == edited


def test_a_draft_saved_again_after_the_form_was_opened_is_not_approved_unseen(client, in_review):
    client.force_login(factories.moderator())
    shown = change_form_data(client, change_url(in_review))
    # Meanwhile another moderator corrects the draft on the same form.
    other = Client()
    other.force_login(factories.moderator(username="second-moderator"))
    corrected = {**change_form_data(other, change_url(in_review)), "summary": "Corrected."}
    assert other.post(change_url(in_review), corrected).status_code == 302
    response = client.post(change_url(in_review), {**shown, "_transition": "approve_changes"})
    in_review.refresh_from_db()
    assert in_review.summary == OLD
    assert drafts.pending(in_review).content["fields"]["summary"] == "Corrected."
    assert "after you opened it" in response.content.decode()


def test_the_service_refuses_changes_saved_after_they_were_shown(in_review):
    shown = drafts.pending(in_review)
    draft = drafts.pending(in_review)
    workflow.save_draft(
        item=in_review,
        content={**draft.content, "fields": {**draft.content["fields"], "summary": "Later."}},
        user=factories.moderator(username="corrector"),
        draft=draft,
    )
    moderator = factories.moderator()
    before = ContentVersion.objects.get().value
    with pytest.raises(ValidationError, match="saved again after you opened them"):
        workflow.apply_transition(
            item=in_review, user=moderator, name="approve_changes", shown_draft=shown
        )
    in_review.refresh_from_db()
    assert in_review.summary == OLD and ContentVersion.objects.get().value == before
    workflow.apply_transition(
        item=in_review,
        user=moderator,
        name="approve_changes",
        shown_draft=drafts.pending(in_review),
    )
    in_review.refresh_from_db()
    assert in_review.summary == "Later."


def test_an_unchanged_form_is_still_refused_to_someone_who_may_not_change_it(client, in_review):
    # The changes are in review: their editor may read the form, not act on it.
    editor = factories.editor(username="another-editor")
    client.force_login(editor)
    data = change_form_data(client, change_url(in_review))
    response = client.post(change_url(in_review), {**data, "_transition": "approve_changes"})
    assert response.status_code == 403
    assert drafts.pending(in_review).status == Status.IN_REVIEW


def test_only_a_live_pages_form_as_shown_carries_the_token(client, live):  # noqa: F811
    client.force_login(factories.moderator())
    assert unchanged.FIELD in client.get(change_url(live)).content.decode()
    draft_item = factories.condition(title="Unpublished", status=Status.DRAFT)
    assert unchanged.FIELD not in client.get(change_url(draft_item)).content.decode()
    # A form shown again with the errors of a failed save carries none: what
    # it shows is the failed edit, not the page.
    data = change_form_data(client, change_url(live))
    failed = client.post(change_url(live), {**data, "title": ""})
    assert failed.status_code == 200
    assert unchanged.FIELD not in failed.content.decode()
