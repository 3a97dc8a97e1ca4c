"""Who may move content through the workflow, by every route there is:
the service, the admin's buttons, bulk actions and crafted POSTs."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.editorial import workflow
from portal.editorial.roles import EDITORS, MODERATORS
from portal.models import ReviewEvent, Status
from tests import factories

# transition -> the state an item must be in for it
START = {
    "submit": Status.DRAFT,
    "approve": Status.IN_REVIEW,
    "request_changes": Status.IN_REVIEW,
    "unpublish": Status.PUBLISHED,
    "archive": Status.PUBLISHED,
    "restore": Status.ARCHIVED,
}
# role -> transitions it may make (on someone else's work)
ALLOWED = {
    "anonymous": set(),
    "editor": {"submit"},
    "moderator": set(START),
    "superuser": set(START),
}
MODELS = ["condition", "remedy", "article"]


def make_user(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return factories.user(superuser=True)
    return factories.editor() if role == "editor" else factories.moderator()


def make_item(kind, status):
    build = getattr(factories, kind)
    item = build(status=Status.PUBLISHED)
    # Published first (valid dates), then put in the starting state.
    type(item).objects.filter(pk=item.pk).update(status=status)
    item.refresh_from_db()
    return item


def admin_url(item, suffix):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/{suffix}"


@pytest.mark.parametrize("kind", MODELS)
@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("name", list(START))
def test_permission_matrix_in_the_service(db, kind, role, name):
    user = make_user(role)
    item = make_item(kind, START[name])
    if name in ALLOWED[role]:
        event = workflow.apply_transition(item=item, user=user, name=name, note="Fix the summary")
        item.refresh_from_db()
        assert item.status == workflow.TRANSITIONS[name].target
        assert (event.actor, event.from_status) == (user, START[name])
    else:
        with pytest.raises(PermissionDenied):
            workflow.apply_transition(item=item, user=user, name=name, note="x")
        item.refresh_from_db()
        assert item.status == START[name]


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
@pytest.mark.parametrize("name", list(START))
def test_permission_matrix_through_the_admin_buttons(client, db, role, name):
    user = make_user(role)
    item = make_item("condition", START[name])
    client.force_login(user)
    response = client.post(
        admin_url(item, "transition/"), {"transition": name, "note": "Needs a source"}
    )
    allowed = name in ALLOWED[role]
    # Refused either with a message (302) or, for content an editor may not
    # change at all in its state, outright (403).
    assert response.status_code == 302 if allowed else response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.status == (workflow.TRANSITIONS[name].target if allowed else START[name])


def test_anonymous_cannot_reach_the_transition_url(client, db):
    item = make_item("condition", Status.IN_REVIEW)
    response = client.post(admin_url(item, "transition/"), {"transition": "approve"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_an_editor_cannot_publish_by_editing_the_status_field(client, db):
    # No sources, so the form has no inline rows to fill in.
    item = factories.condition(status=Status.DRAFT, sources=[])
    client.force_login(factories.editor())
    page = client.get(admin_url(item, "change/"))
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        title=item.title,
        slug=item.slug,
        summary=item.summary,
        author=item.author_id,
        category=item.category,
        status=Status.PUBLISHED,
        published_at="2026-01-01 00:00:00",
        edit_token=form.fields["edit_token"].initial,
    )
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{field}"] = management[field].value()
    response = client.post(admin_url(item, "change/"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == Status.DRAFT


@pytest.mark.parametrize(
    ("role", "action", "start", "moved"),
    [
        ("editor", "approve_selected", Status.IN_REVIEW, False),
        ("editor", "unpublish_selected", Status.PUBLISHED, False),
        ("editor", "submit_selected", Status.DRAFT, True),
        ("moderator", "approve_selected", Status.IN_REVIEW, True),
        ("moderator", "unpublish_selected", Status.PUBLISHED, True),
    ],
)
def test_bulk_actions_follow_the_same_rules(client, db, role, action, start, moved):
    items = [make_item("remedy", start) for _ in range(2)]
    client.force_login(make_user(role))
    client.post(
        "/admin/remedies/remedy/",
        {"action": action, "_selected_action": [i.pk for i in items]},
    )
    for item in items:
        item.refresh_from_db()
        assert (item.status != start) is moved


def test_nobody_approves_their_own_submission_even_as_moderator(db):
    both = factories.editor()
    both.groups.add(Group.objects.get(name=MODERATORS))
    item = make_item("article", Status.DRAFT)
    workflow.apply_transition(item=item, user=both, name="submit")
    with pytest.raises(PermissionDenied, match="cannot approve your own work"):
        workflow.apply_transition(item=item, user=both, name="approve")
    other = factories.moderator()
    workflow.apply_transition(item=item, user=other, name="approve")
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_an_author_cannot_approve_their_own_writing(db):
    moderator = factories.moderator()
    own = moderator.author_profile
    item = make_item("condition", Status.IN_REVIEW)
    type(item).objects.filter(pk=item.pk).update(author=own)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied):
        workflow.apply_transition(item=item, user=moderator, name="approve")


def test_request_changes_needs_a_note(db):
    item = make_item("condition", Status.IN_REVIEW)
    with pytest.raises(workflow.WorkflowError, match="note is required"):
        workflow.apply_transition(item=item, user=factories.moderator(), name="request_changes")
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_a_first_approval_is_a_medical_review_by_the_approving_clinician(db):
    item = make_item("condition", Status.IN_REVIEW)
    type(item).objects.filter(pk=item.pk).update(medical_reviewer=None)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied, match="only a clinician"):
        workflow.apply_transition(
            item=item, user=factories.moderator(clinician=False), name="approve"
        )
    doctor = factories.moderator()
    workflow.apply_transition(item=item, user=doctor, name="approve")
    item.refresh_from_db()
    assert item.medical_reviewer == doctor.author_profile
    assert item.last_reviewed == timezone.localdate()


def test_the_approver_replaces_a_reviewer_named_earlier(db):
    item = make_item("article", Status.IN_REVIEW)
    assert item.medical_reviewer is not None
    doctor = factories.moderator()
    workflow.apply_transition(item=item, user=doctor, name="approve")
    item.refresh_from_db()
    assert item.medical_reviewer == doctor.author_profile


def test_a_superuser_who_is_no_clinician_publishes_under_the_named_reviewer(db):
    item = make_item("remedy", Status.IN_REVIEW)
    named = item.medical_reviewer
    workflow.apply_transition(item=item, user=factories.user(superuser=True), name="approve")
    item.refresh_from_db()
    assert (item.status, item.medical_reviewer) == (Status.PUBLISHED, named)
    type(item).objects.filter(pk=item.pk).update(status=Status.IN_REVIEW, medical_reviewer=None)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied, match="only a clinician"):
        workflow.apply_transition(item=item, user=factories.user(superuser=True), name="approve")


def test_approving_sets_review_dates_from_the_interval(db, settings):
    settings.REVIEW_INTERVAL_DAYS = 180
    item = make_item("remedy", Status.IN_REVIEW)
    today = datetime.date(2026, 11, 21)
    workflow.apply_transition(item=item, user=factories.moderator(), name="approve", today=today)
    item.refresh_from_db()
    assert item.last_reviewed == today
    assert item.next_review_due == datetime.date(2027, 5, 20)
    assert item.published_at is not None


def test_every_transition_is_recorded_and_shown_in_the_admin(client, db):
    item = make_item("condition", Status.DRAFT)
    editor, moderator = factories.editor(), factories.moderator()
    workflow.apply_transition(item=item, user=editor, name="submit")
    workflow.apply_transition(
        item=item, user=moderator, name="request_changes", note="Add a source please"
    )
    events = list(workflow.events_for(item))
    assert [(e.action, e.actor, e.from_status, e.to_status) for e in events] == [
        ("request_changes", moderator, Status.IN_REVIEW, Status.DRAFT),
        ("submit", editor, Status.DRAFT, Status.IN_REVIEW),
    ]
    client.force_login(moderator)
    html = client.get(admin_url(item, "change/")).content.decode()
    assert "Add a source please" in html
    history = client.get("/admin/portal/reviewevent/?action=request_changes").content.decode()
    assert item.title in history


def test_author_bios_go_through_review_too(db):
    bio = factories.author(status=Status.DRAFT, published_at=None)
    workflow.apply_transition(item=bio, user=factories.editor(), name="submit")
    workflow.apply_transition(item=bio, user=factories.moderator(), name="approve")
    bio.refresh_from_db()
    assert bio.status == Status.PUBLISHED
    assert ReviewEvent.objects.count() == 2


def test_roles_exist_with_the_designed_rights(db):
    editors = Group.objects.get(name=EDITORS)
    assert not editors.permissions.filter(codename__startswith="publish_").exists()
    moderators = Group.objects.get(name=MODERATORS)
    assert moderators.permissions.filter(codename="publish_condition").exists()
    assert moderators.permissions.filter(codename="change_feedback").exists()


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.ARCHIVED])
def test_editors_cannot_change_content_in_review_or_archived(client, db, status):
    item = make_item("condition", status)
    client.force_login(factories.editor())
    page = client.get(admin_url(item, "change/"))
    assert page.status_code == 200  # they may read it
    assert "only moderators can change it" in page.content.decode()
    response = client.post(admin_url(item, "change/"), {"title": "Rewritten", "summary": "x"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title != "Rewritten"


def test_submitting_from_the_form_saves_the_edits_first(client, db):
    from tests.portal.test_revisions import change_form_data

    item = make_item("condition", Status.DRAFT)
    client.force_login(factories.editor())
    data = change_form_data(client, admin_url(item, "change/"))
    data.update(summary="Edited just before submitting.", _transition="submit")
    response = client.post(admin_url(item, "change/"), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.summary == "Edited just before submitting."
    assert item.status == Status.IN_REVIEW


def test_approving_a_stale_page_is_refused(client, db):
    from tests.portal.test_revisions import change_form_data

    item = make_item("condition", Status.IN_REVIEW)
    client.force_login(factories.moderator())
    data = change_form_data(client, admin_url(item, "change/"))
    type(item).objects.filter(pk=item.pk).update(summary="Changed behind the moderator's back")
    item.refresh_from_db()
    item.save()  # a new updated_at, as any save gives
    data["_transition"] = "approve"
    response = client.post(admin_url(item, "change/"), data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_a_save_never_undoes_a_state_change_made_meanwhile(client, db):
    from tests.portal.test_revisions import change_form_data

    item = make_item("condition", Status.PUBLISHED)
    moderator = factories.moderator()
    client.force_login(moderator)
    data = change_form_data(client, admin_url(item, "change/"))
    # The unpublish lands without touching updated_at, as a racing request might.
    type(item).objects.filter(pk=item.pk).update(status=Status.DRAFT)
    assert client.post(admin_url(item, "change/"), data).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DRAFT


@pytest.mark.parametrize(
    "suffix", ["abc/transition/", "abc/history/compare/", "999/history/compare/"]
)
def test_bad_ids_in_admin_workflow_urls_are_404(client, db, suffix):
    client.force_login(factories.moderator())
    url = f"/admin/conditions/condition/{suffix}"
    response = client.post(url) if "transition" in suffix else client.get(url)
    assert response.status_code == 404
