"""The workflow announces a live page's approved changes
(portal/editorial/signals.py): the apps built on the core (members) listen,
the core never calls them."""

import pytest

from conditions.models import Urgency
from portal.editorial import drafts, signals, workflow
from portal.models import Status
from tests import factories


@pytest.fixture
def live(db):
    item = factories.condition(title="Cramp", summary="Old words.")
    factories.link(item, factories.symptom(name="Calf pain"), weight=3)
    factories.advice(item, Urgency.SELF_CARE, "Stretch gently.")
    return item


@pytest.fixture
def announced():
    """The (sender, arguments) of every changes_approved sent meanwhile."""
    heard = []

    def listen(sender, **kwargs):
        heard.append((sender, kwargs))

    signals.changes_approved.connect(listen)
    yield heard
    signals.changes_approved.disconnect(listen)


def submit_changes(item, *, clinical):
    editor = factories.editor()
    content = drafts.snapshot(item)
    content["fields"]["summary"] = "New words."
    if clinical:
        content["parts"]["advice"][0]["fields"]["urgency"] = Urgency.DOCTOR
        content["parts"]["symptom_links"][0]["fields"]["weight"] = 9
    workflow.save_draft(item=item, content=content, user=editor)
    workflow.apply_transition(item=item, user=editor, name="submit_changes")


def test_a_medical_review_is_announced_with_each_clinical_change_by_name(live, announced):
    submit_changes(live, clinical=True)
    workflow.apply_transition(
        item=live, user=factories.moderator(), name="approve_changes", medical_review=True
    )
    [(sender, arguments)] = announced
    assert sender is type(live)
    assert arguments["item"].pk == live.pk and arguments["item"].summary == "New words."
    assert arguments["medical_review"] is True
    assert arguments["day"] == factories.timezone.localdate()
    # One label per change, never joined into one string to be split again.
    assert arguments["clinical"] == ("when to get help", "symptoms and weights")


def test_other_approved_changes_are_announced_too(live, announced):
    submit_changes(live, clinical=False)
    workflow.apply_transition(item=live, user=factories.moderator(), name="approve_changes")
    [(_, arguments)] = announced
    assert (arguments["medical_review"], arguments["clinical"]) == (False, ())


def test_a_refused_approval_is_not_announced(live, announced):
    submit_changes(live, clinical=True)
    with pytest.raises(workflow.WorkflowError, match="touch clinical content"):
        workflow.apply_transition(item=live, user=factories.moderator(), name="approve_changes")
    assert announced == []
    assert drafts.pending(live).status == Status.IN_REVIEW
