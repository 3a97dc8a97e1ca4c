"""Only real, reviewed clinicians sign off (issue 21, finding 1).

A person counts as a clinician only through a published profile whose
identity (credentials, registration, areas, account) a superuser or another
clinician approved; a change to any of them needs that approval again, and
linking an account to a profile is a superuser's act, written into the
review history."""

import pytest
from django.core.exceptions import PermissionDenied

from conditions.models import Category
from portal.editorial import workflow
from portal.models import Author, ClinicalArea, ReviewEvent, Status
from tests import factories
from tests.portal.test_live_drafts import edit
from tests.portal.test_revisions import change_form_data


def submitted_change(client, page, **changes):
    """An editor's change to a live page, submitted for review."""
    editor = factories.editor()
    client.force_login(editor)
    assert edit(client, page, **changes).status_code == 302
    workflow.apply_transition(item=page, user=editor, name="submit_changes")
    client.logout()


def test_a_draft_profile_linked_to_oneself_signs_off_nothing(client, db):
    # The attack: a moderator with no profile makes "Mod Two, MD" in every
    # area, links it to himself and approves a clinical change as a review.
    mod = factories.moderator(clinician=False, username="modtwo")
    Author.objects.create(
        name="Mod Two",
        slug="mod-two",
        credentials="MD",
        registration_number="GMC 7777777",
        is_medical_reviewer=True,
        review_areas=list(ClinicalArea.values),
        user=mod,
        status=Status.DRAFT,
    )
    assert workflow.clinician_profile(mod) is None
    page = factories.condition(clinical_area=ClinicalArea.NEUROLOGY)
    submitted_change(client, page, category=Category.URGENT)
    with pytest.raises(workflow.WorkflowError, match="Only a medical reviewer"):
        workflow.apply_transition(item=page, user=mod, name="approve_changes", medical_review=True)


def test_approving_ones_own_clinician_profile_is_refused_even_for_a_superuser(db):
    admin = factories.user(superuser=True, username="boss")
    profile = factories.reviewer(user=admin, status=Status.IN_REVIEW, clinician_approved_at=None)
    assert workflow.refusal(admin, workflow.APPROVE, profile) == workflow.VOUCH_REFUSAL


def test_a_clinician_profile_is_approved_by_a_superuser_or_another_clinician(db):
    person = factories.moderator(clinician=False, username="newdoc")
    profile = factories.reviewer(
        user=person, status=Status.IN_REVIEW, published_at=None, clinician_approved_at=None
    )
    plain_moderator = factories.moderator(clinician=False)
    assert workflow.refusal(plain_moderator, workflow.APPROVE, profile) == workflow.VOUCH_REFUSAL
    assert workflow.clinician_profile(person) is None
    colleague = factories.moderator()
    workflow.apply_transition(item=profile, user=colleague, name="approve")
    profile.refresh_from_db()
    assert profile.clinician_approved_by == colleague
    assert workflow.clinician_profile(person) == profile


def test_unpublishing_ones_own_profile_ends_the_right_to_sign_off(db):
    clinician = factories.moderator()
    profile = clinician.author_profile
    workflow.apply_transition(item=profile, user=clinician, name="unpublish")
    clinician.refresh_from_db()
    assert workflow.clinician_profile(clinician) is None


def test_adding_an_area_to_ones_own_profile_waits_for_someone_else(client, db):
    clinician = factories.moderator(username="drlin")
    profile = clinician.author_profile
    profile.review_areas = [ClinicalArea.GENERAL]
    profile.save()
    # A direct change (a draft profile, a script) drops the approval at once.
    assert workflow.clinician_profile(clinician) is None
    profile.refresh_from_db()
    assert profile.clinician_approved_at is None


def test_a_change_of_areas_on_a_live_profile_needs_a_second_clinician(client, db):
    clinician = factories.moderator(username="drareas")
    profile = clinician.author_profile
    profile.review_areas = [ClinicalArea.GENERAL]
    profile.clinician_approved_at = profile.created_at
    Author.objects.filter(pk=profile.pk).update(
        review_areas=[ClinicalArea.GENERAL], clinician_approved_at=profile.created_at
    )
    client.force_login(clinician)
    url = f"/admin/portal/author/{profile.pk}/change/"
    data = change_form_data(client, url)
    data["review_areas"] = [ClinicalArea.GENERAL, ClinicalArea.NEUROLOGY]
    data.pop("photo", None)
    assert client.post(url, data).status_code == 302
    profile.refresh_from_db()
    assert profile.review_areas == [ClinicalArea.GENERAL]  # a draft, not live
    workflow.apply_transition(item=profile, user=clinician, name="submit_changes")
    with pytest.raises(PermissionDenied):
        workflow.apply_transition(item=profile, user=clinician, name="approve_changes")
    with pytest.raises(workflow.WorkflowError, match="approved by a superuser or by another"):
        workflow.apply_transition(
            item=profile, user=factories.moderator(clinician=False), name="approve_changes"
        )
    colleague = factories.moderator()
    workflow.apply_transition(item=profile, user=colleague, name="approve_changes")
    profile.refresh_from_db()
    assert ClinicalArea.NEUROLOGY in profile.review_areas
    assert profile.clinician_approved_by == colleague
    assert workflow.clinician_profile(clinician) == profile


def test_only_a_superuser_links_an_account_and_the_link_is_recorded(client, db):
    profile = factories.author(name="Writer One", status=Status.DRAFT)
    target = factories.moderator(clinician=False, username="target")
    client.force_login(factories.editor())
    url = f"/admin/portal/author/{profile.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="user"' not in page  # read-only for editors
    admin = factories.user(superuser=True, username="root")
    client.force_login(admin)
    data = change_form_data(client, url)
    data["user"] = str(target.pk)
    data.pop("photo", None)
    assert client.post(url, data).status_code == 302
    event = ReviewEvent.objects.get(object_id=profile.pk, action="link_account")
    assert event.actor == admin and "target" in event.note


def test_linking_a_live_clinician_profile_is_recorded_when_approved(client, db):
    profile = factories.reviewer(name="Dr Unlinked")
    target = factories.moderator(clinician=False, username="newlink")
    admin = factories.user(superuser=True, username="root2")
    client.force_login(admin)
    url = f"/admin/portal/author/{profile.pk}/change/"
    data = change_form_data(client, url)
    data["user"] = str(target.pk)
    data.pop("photo", None)
    assert client.post(url, data).status_code == 302
    assert workflow.clinician_profile(target) is None  # waiting in a draft
    workflow.apply_transition(item=profile, user=admin, name="submit_changes")
    colleague = factories.moderator()
    workflow.apply_transition(item=profile, user=colleague, name="approve_changes")
    event = ReviewEvent.objects.get(object_id=profile.pk, action="link_account")
    assert event.actor == colleague and "newlink" in event.note
    target.refresh_from_db()
    assert workflow.clinician_profile(target) == profile


def test_the_profile_shows_the_registration_anyone_can_check(client, db):
    profile = factories.reviewer(name="Dr Reg Example", registration_number="GMC 1234567")
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "GMC 1234567" in page


def test_a_clinician_profile_needs_a_registration_to_be_approved(db):
    profile = factories.reviewer(registration_number="", status=Status.IN_REVIEW)
    assert profile.publish_problems() == [
        "Give the medical reviewer's professional registration before approving."
    ]
