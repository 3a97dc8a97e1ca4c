"""The same rule for everything visitors see: symptoms, urgent combinations,
body areas and sources change only through review, so the live checker and
pages only ever run on approved data."""

import pytest

from conditions.checker.assessment import load_checker_data
from conditions.models import Symptom, Urgency, UrgentCombination
from portal.editorial import drafts, workflow
from portal.models import Source, Status
from tests import factories
from tests.portal.test_live_drafts import change_url, edit


def checker_urgency(slug):
    return {s.slug: s.urgency for s in load_checker_data().symptoms.values()}.get(slug)


@pytest.fixture
def breathing(db):
    return factories.symptom(name="Trouble breathing", urgency=Urgency.EMERGENCY)


def test_an_editors_change_to_a_symptoms_urgency_waits_for_review(client, breathing):
    editor = factories.editor()
    client.force_login(editor)
    assert edit(client, breathing, urgency=Urgency.SELF_CARE).status_code == 302
    breathing.refresh_from_db()
    assert breathing.urgency == Urgency.EMERGENCY
    assert checker_urgency(breathing.slug) == Urgency.EMERGENCY
    workflow.apply_transition(item=breathing, user=editor, name="submit_changes")
    workflow.apply_transition(item=breathing, user=factories.moderator(), name="approve_changes")
    assert checker_urgency(breathing.slug) == Urgency.SELF_CARE


def test_switching_off_an_urgent_combination_waits_for_review(client, breathing):
    pain = factories.symptom(name="Chest pain")
    combination = factories.combination([breathing, pain], Urgency.EMERGENCY)
    client.force_login(factories.editor())
    data_change = edit(client, combination, is_active="")
    assert data_change.status_code == 302
    combination.refresh_from_db()
    assert combination.is_active
    assert [c.slug for c in load_checker_data().combinations] == [combination.slug]
    assert drafts.pending(combination).content["fields"]["is_active"] is False


def test_repointing_a_cited_source_waits_for_review(client, db):
    source = factories.source(url="https://example.org/guidance")
    page = factories.condition(sources=[source])
    client.force_login(factories.editor())
    assert edit(client, source, url="https://example.net/elsewhere").status_code == 302
    client.logout()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "https://example.org/guidance" in html and "example.net" not in html


def test_new_checker_data_is_not_live_until_approved(client, db):
    area = factories.body_area(status=Status.DRAFT, published_at=None)
    symptom = factories.symptom(body_area=area, status=Status.DRAFT, published_at=None)
    assert symptom.slug not in {s.slug for s in load_checker_data().symptoms.values()}
    editor, moderator = factories.editor(), factories.moderator()
    workflow.apply_transition(item=symptom, user=editor, name="submit")
    with pytest.raises(workflow.WorkflowError, match="Approve the body area"):
        workflow.apply_transition(item=symptom, user=moderator, name="approve")
    workflow.apply_transition(item=area, user=editor, name="submit")
    workflow.apply_transition(item=area, user=moderator, name="approve")
    workflow.apply_transition(item=symptom, user=moderator, name="approve")
    assert symptom.slug in {s.slug for s in load_checker_data().symptoms.values()}


def test_an_unapproved_source_is_not_shown_and_does_not_count(client, db):
    draft_source = factories.source(title="Unchecked blog", status=Status.DRAFT, published_at=None)
    page = factories.condition(sources=[draft_source])
    assert "Unchecked blog" not in client.get(page.get_absolute_url()).content.decode()
    assert "Cite at least one approved source before approving." in page.publish_problems()


def test_the_symptom_list_no_longer_edits_live_rows(client, breathing):
    client.force_login(factories.moderator())
    client.post(
        "/admin/conditions/symptom/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(breathing.pk),
            "form-0-urgency": Urgency.SELF_CARE,
            # All the fields the list used to make editable.
            "form-0-is_listed": "on",
            "form-0-order": "0",
            "_save": "Save",
        },
    )
    breathing.refresh_from_db()
    assert breathing.urgency == Urgency.EMERGENCY


@pytest.mark.parametrize("model", [Symptom, UrgentCombination, Source])
def test_checker_data_waits_in_the_moderators_queue(client, db, model):
    from portal.editorial import inbox

    item = {
        Symptom: lambda: factories.symptom(status=Status.DRAFT, published_at=None),
        UrgentCombination: lambda: factories.combination(
            [factories.symptom()], Urgency.URGENT, status=Status.DRAFT, published_at=None
        ),
        Source: lambda: factories.source(status=Status.DRAFT, published_at=None),
    }[model]()
    workflow.apply_transition(item=item, user=factories.editor(), name="submit")
    assert [entry.item for entry in inbox.build(factories.moderator()).waiting] == [item]
    client.force_login(factories.moderator())
    assert client.get(change_url(item)).status_code == 200


# -- clinical sign-off -----------------------------------------------------------------


def test_only_a_clinician_approves_a_change_to_a_symptoms_urgency(client, db):
    # A red flag talked down to self-care would vanish from the checker's first
    # questions: a moderator who is no clinician cannot approve that.
    pain = factories.symptom(name="Severe pain in the leg", urgency=Urgency.URGENT)
    editor = factories.editor()
    client.force_login(editor)
    assert edit(client, pain, urgency=Urgency.SELF_CARE).status_code == 302
    workflow.apply_transition(item=pain, user=editor, name="submit_changes")
    with pytest.raises(workflow.WorkflowError, match="only a clinician"):
        workflow.apply_transition(
            item=pain, user=factories.moderator(clinician=False), name="approve_changes"
        )
    assert checker_urgency(pain.slug) == Urgency.URGENT
    workflow.apply_transition(item=pain, user=factories.moderator(), name="approve_changes")
    assert checker_urgency(pain.slug) == Urgency.SELF_CARE


@pytest.mark.parametrize("kind", ["symptom", "rule", "tier"])
def test_only_a_clinician_approves_new_clinical_checker_data(db, kind):
    from conditions.models import ConditionTier

    item = {
        "symptom": lambda: factories.symptom(status=Status.DRAFT, published_at=None),
        "rule": lambda: factories.combination(
            [factories.symptom()], Urgency.URGENT, status=Status.DRAFT, published_at=None
        ),
        "tier": lambda: ConditionTier.objects.create(
            key="serious", label="Nothing to worry about", status=Status.DRAFT
        ),
    }[kind]()
    workflow.apply_transition(item=item, user=factories.editor(), name="submit")
    item.refresh_from_db()
    moderator = factories.moderator(clinician=False)
    assert "only a clinician" in workflow.refusal(moderator, workflow.APPROVE, item)
    assert not workflow.refusal(factories.moderator(), workflow.APPROVE, item)


def test_a_non_clinical_change_to_checker_data_needs_no_clinician(client, db):
    cramps = factories.symptom(name="Cramps", description="Old words.")
    editor = factories.editor()
    client.force_login(editor)
    assert edit(client, cramps, description="Plainer words.").status_code == 302
    workflow.apply_transition(item=cramps, user=editor, name="submit_changes")
    workflow.apply_transition(
        item=cramps, user=factories.moderator(clinician=False), name="approve_changes"
    )
    cramps.refresh_from_db()
    assert cramps.description == "Plainer words."
