"""Live pages change only through review: edits to a published item are
kept as its pending draft, visitors see the published version until a
moderator approves, and approval writes everything at once."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from conditions.checker.assessment import load_checker_data
from conditions.models import Condition, Urgency
from portal.editorial import diff, drafts, inbox, workflow
from portal.editorial.roles import MODERATORS
from portal.models import Draft, ReviewEvent, Status
from tests import factories
from tests.portal.test_revisions import change_form_data

OLD, NEW = "Twitches settle with rest.", "Twitches settle with rest and fluids."


@pytest.fixture
def live(db):
    """A published condition with a symptom link, an advice tier and a tag."""
    item = factories.condition(title="Cramp", summary=OLD, tags=["legs"])
    factories.link(item, factories.symptom(name="Calf pain"), weight=3)
    factories.advice(item, Urgency.SELF_CARE, "Stretch gently.")
    return item


def change_url(item, suffix="change/"):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/{suffix}"


def edit(client, item, **changes):
    """Post the change form with `changes` applied, as a browser would."""
    data = change_form_data(client, change_url(item))
    data.update(changes)
    return client.post(change_url(item), data)


def edit_draft(client, item, user, *, clinical=True):
    """Edit the live condition into a draft: its summary and tags, and unless
    told otherwise its clinical content too (a weight and an advice tier)."""
    client.force_login(user)
    changes = {"symptom_links-0-weight": "9", "advice-0-urgency": Urgency.DOCTOR}
    response = edit(
        client, item, summary=NEW, tags="legs, hydration", **(changes if clinical else {})
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return drafts.pending(item)


def visible(client, item):
    client.logout()
    return client.get(item.get_absolute_url()).content.decode()


def test_an_editor_edits_a_live_page_into_a_draft_and_visitors_see_no_change(client, live):
    editor = factories.editor()
    draft = edit_draft(client, live, editor)
    assert draft.created_by == editor and draft.status == Status.DRAFT
    live.refresh_from_db()
    assert (live.summary, live.status) == (OLD, Status.PUBLISHED)
    assert [link.weight for link in live.symptom_links.all()] == [3]
    assert [a.urgency for a in live.advice.all()] == [Urgency.SELF_CARE]
    assert sorted(live.tags.names()) == ["legs"]
    page = visible(client, live)
    assert OLD in page and NEW not in page
    assert NEW not in client.get("/search/?q=fluids").content.decode()
    weights = {c.slug: dict(c.weights) for c in load_checker_data().conditions}
    assert list(weights[live.slug].values()) == [3]


def test_the_form_shows_the_draft_and_staff_preview_it(client, live):
    editor = factories.editor()
    edit_draft(client, live, editor)
    client.force_login(editor)
    form = client.get(change_url(live)).context["adminform"].form
    assert form.initial["summary"] == NEW
    preview = client.get(live.get_absolute_url() + "?preview=draft")
    assert NEW in preview.content.decode()
    assert "pending changes" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    # Visitors asking for the preview get the live page.
    assert NEW not in visible(client, live)
    assert NEW not in client.get(live.get_absolute_url() + "?preview=draft").content.decode()


def test_a_second_editor_is_told_who_holds_the_draft_and_cannot_change_it(client, live):
    holder = factories.editor(first_name="Edie", last_name="Holder")
    edit_draft(client, live, holder)
    client.force_login(factories.editor())
    page = client.get(change_url(live))
    assert "Edie Holder started a draft of this live page" in page.content.decode()
    assert client.post(change_url(live), {"summary": "Mine instead"}).status_code == 403
    assert drafts.pending(live).content["fields"]["summary"] == NEW


def test_approval_writes_everything_live_at_once(client, live, settings):
    settings.PAGE_CACHE_ENABLED = True
    editor, moderator = factories.editor(), factories.moderator()
    edit_draft(client, live, editor)
    assert OLD in visible(client, live)  # now cached
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    assert OLD in visible(client, live)
    workflow.apply_transition(
        item=live, user=moderator, name="approve_changes", medical_review=True
    )
    live.refresh_from_db()
    assert live.summary == NEW and live.status == Status.PUBLISHED
    assert [link.weight for link in live.symptom_links.all()] == [9]
    assert [a.urgency for a in live.advice.all()] == [Urgency.DOCTOR]
    assert sorted(live.tags.names()) == ["hydration", "legs"]
    assert drafts.pending(live) is None
    page = visible(client, live)
    assert NEW in page and OLD not in page
    assert live.title in client.get("/search/?q=fluids").content.decode()
    assert NEW in client.get("/feeds/latest/").content.decode()
    assert client.get("/tags/hydration/").status_code == 200
    weights = {c.slug: dict(c.weights) for c in load_checker_data().conditions}
    assert list(weights[live.slug].values()) == [9]
    actions = [e.action for e in workflow.events_for(live)]
    assert actions == ["approve_changes", "submit_changes"]


def test_requesting_changes_leaves_the_live_page_and_returns_the_draft(client, live):
    editor, moderator = factories.editor(), factories.moderator()
    edit_draft(client, live, editor)
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    with pytest.raises(workflow.WorkflowError, match="note is required"):
        workflow.apply_transition(item=live, user=moderator, name="return_changes")
    workflow.apply_transition(
        item=live, user=moderator, name="return_changes", note="Cite the fluids advice."
    )
    live.refresh_from_db()
    assert live.summary == OLD
    assert drafts.pending(live).status == Status.DRAFT
    [entry] = inbox.sent_back_to(editor)
    assert entry.item == live and entry.changes
    assert entry.event.note == "Cite the fluids advice."


def test_an_editor_cannot_change_a_draft_in_review(client, live):
    editor = factories.editor()
    edit_draft(client, live, editor)
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    client.force_login(editor)
    assert client.post(change_url(live), {"summary": "Sneaked in"}).status_code == 403


def test_changes_in_review_wait_in_the_queue(client, live):
    editor, moderator = factories.editor(), factories.moderator()
    edit_draft(client, live, editor)
    assert inbox.build(moderator).waiting == []
    assert [entry.item for entry in inbox.build(editor).drafts] == [live]
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    [entry] = inbox.build(moderator).waiting
    assert entry.item == live and entry.changes and entry.event.actor == editor
    assert inbox.count_for_moderator() == 1
    client.force_login(moderator)
    assert "changes to the live page" in client.get("/admin/queue/").content.decode()


@pytest.mark.parametrize("route", ["service", "button", "transition url"])
def test_nobody_approves_changes_they_made_a_moderator_included(client, live, route):
    moderator = factories.moderator()
    edit_draft(client, live, moderator)
    workflow.apply_transition(item=live, user=moderator, name="submit_changes")
    if route == "service":
        with pytest.raises(PermissionDenied, match="changes you made"):
            workflow.apply_transition(item=live, user=moderator, name="approve_changes")
    else:
        client.force_login(moderator)
        if route == "button":
            edit(client, live, _transition="approve_changes")
        else:
            client.post(change_url(live, "transition/"), {"transition": "approve_changes"})
    live.refresh_from_db()
    assert live.summary == OLD
    assert drafts.pending(live).status == Status.IN_REVIEW


def test_a_moderator_who_only_submitted_cannot_approve_either(client, live):
    both = factories.editor()
    both.groups.add(Group.objects.get(name=MODERATORS))
    edit_draft(client, live, factories.editor())
    draft = drafts.pending(live)
    draft.created_by = both
    draft.save()
    workflow.apply_transition(item=live, user=both, name="submit_changes")
    with pytest.raises(PermissionDenied):
        workflow.apply_transition(item=live, user=both, name="approve_changes")


@pytest.mark.parametrize("name", ["submit_changes", "approve_changes", "return_changes"])
def test_editors_cannot_move_someone_elses_draft_by_crafted_post(client, live, name):
    edit_draft(client, live, factories.editor())
    if name != "submit_changes":
        workflow.apply_transition(
            item=live, user=drafts.pending(live).created_by, name="submit_changes"
        )
    before = drafts.pending(live).status
    client.force_login(factories.editor())
    client.post(change_url(live, "transition/"), {"transition": name, "note": "x"})
    assert drafts.pending(live).status == before
    live.refresh_from_db()
    assert live.summary == OLD


def test_a_superuser_may_publish_their_own_changes_and_it_is_recorded(client, live):
    boss = factories.user(superuser=True)
    edit_draft(client, live, boss, clinical=False)
    workflow.apply_transition(item=live, user=boss, name="submit_changes")
    event = workflow.apply_transition(item=live, user=boss, name="approve_changes")
    assert "superuser approved their own changes" in event.note
    live.refresh_from_db()
    assert live.summary == NEW


def test_plain_approval_updates_the_page_date_not_the_review_date(client, live):
    reviewed = live.last_reviewed
    edit_draft(client, live, factories.editor(), clinical=False)
    workflow.apply_transition(
        item=live, user=drafts.pending(live).created_by, name="submit_changes"
    )
    today = factories.timezone.localdate()
    workflow.apply_transition(item=live, user=factories.moderator(), name="approve_changes")
    live.refresh_from_db()
    assert (live.last_reviewed, live.last_updated) == (reviewed, today)
    assert "Page last updated" in visible(client, live)


def test_clinical_changes_go_live_only_as_a_medical_review(client, live):
    reviewed = live.last_reviewed
    edit_draft(client, live, factories.editor())  # a weight and an advice tier change
    workflow.apply_transition(
        item=live, user=drafts.pending(live).created_by, name="submit_changes"
    )
    doctor = factories.moderator()
    with pytest.raises(workflow.WorkflowError, match="touch clinical content"):
        workflow.apply_transition(item=live, user=doctor, name="approve_changes")
    live.refresh_from_db()
    assert [a.urgency for a in live.advice.all()] == [Urgency.SELF_CARE]
    assert drafts.pending(live).status == Status.IN_REVIEW
    workflow.apply_transition(item=live, user=doctor, name="approve_changes", medical_review=True)
    live.refresh_from_db()
    assert [a.urgency for a in live.advice.all()] == [Urgency.DOCTOR]
    assert live.medical_reviewer == doctor.author_profile
    assert live.last_reviewed == factories.timezone.localdate() != reviewed


def test_a_medical_review_needs_a_clinician_and_names_them(client, live):
    edit_draft(client, live, factories.editor())
    workflow.apply_transition(
        item=live, user=drafts.pending(live).created_by, name="submit_changes"
    )
    with pytest.raises(workflow.WorkflowError, match="Only a medical reviewer"):
        workflow.apply_transition(
            item=live,
            user=factories.moderator(clinician=False),
            name="approve_changes",
            medical_review=True,
        )
    doctor = factories.moderator(clinician=False)
    profile = factories.reviewer(user=doctor, name="Dr Ada Nwosu")
    today = factories.timezone.localdate()
    workflow.apply_transition(item=live, user=doctor, name="approve_changes", medical_review=True)
    live.refresh_from_db()
    assert (live.medical_reviewer, live.last_reviewed) == (profile, today)
    assert live.next_review_due > today


def test_changes_cannot_go_live_without_a_source(client, live):
    editor = factories.editor()
    client.force_login(editor)
    data = change_form_data(client, change_url(live))
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "sources" in key)
    data[prefix.replace("TOTAL_FORMS", "0-DELETE")] = "on"
    assert client.post(change_url(live), data).status_code == 302
    assert drafts.pending(live).content["fields"]["sources"] == []
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    with pytest.raises(workflow.WorkflowError, match="at least one approved source"):
        workflow.apply_transition(item=live, user=factories.moderator(), name="approve_changes")
    live.refresh_from_db()
    assert live.sources.count() == 1


def test_discarding_drops_the_draft_and_keeps_the_live_page(client, live):
    editor = factories.editor()
    edit_draft(client, live, editor)
    workflow.apply_transition(item=live, user=editor, name="discard_changes")
    assert drafts.pending(live) is None
    live.refresh_from_db()
    assert live.summary == OLD


def test_unpublishing_folds_the_pending_changes_into_the_draft_page(client, live):
    edit_draft(client, live, factories.editor())
    workflow.apply_transition(item=live, user=factories.moderator(), name="unpublish")
    live.refresh_from_db()
    assert (live.status, live.summary) == (Status.DRAFT, NEW)
    assert not Draft.objects.exists()


def test_one_draft_per_item(client, live):
    editor = factories.editor()
    edit_draft(client, live, editor)
    client.force_login(editor)
    edit(client, live, summary="Second go.")
    assert Draft.objects.count() == 1
    assert drafts.pending(live).content["fields"]["summary"] == "Second go."


def test_a_stale_draft_form_is_refused(client, live):
    moderator, editor = factories.moderator(), factories.editor()
    edit_draft(client, live, editor)
    client.force_login(moderator)
    stale = change_form_data(client, change_url(live))
    client.force_login(editor)
    edit(client, live, summary="The editor's newer words.")
    client.force_login(moderator)
    stale["summary"] = "The moderator's older form."
    response = client.post(change_url(live), stale)
    assert response.status_code == 200
    assert "saved this condition" in response.content.decode()
    assert drafts.pending(live).content["fields"]["summary"] == "The editor's newer words."


def test_a_part_id_reused_by_another_item_is_not_overwritten(live):
    """SQLite hands out the id of a rolled-back row again; a draft's part
    whose id now belongs to another item becomes a new row."""
    content = drafts.snapshot(live)
    other = factories.condition()
    link = content["parts"]["symptom_links"][0]
    taken = factories.link(other, factories.symptom(), weight=2)
    link["pk"] = taken.pk
    drafts.write(Condition, live.pk, content)
    taken.refresh_from_db()
    assert (taken.condition, taken.weight) == (other, 2)
    assert live.symptom_links.count() == 1


@pytest.mark.parametrize(("kind", "budget"), [("condition", 12), ("remedy", 9), ("article", 7)])
def test_public_pages_keep_their_query_budget_with_a_pending_draft(
    client, db, django_assert_max_num_queries, kind, budget
):
    item = getattr(factories, kind)(summary=OLD)
    content = drafts.snapshot(item)
    content["fields"]["summary"] = NEW
    workflow.save_draft(item=item, content=content, user=factories.editor())
    assert drafts.pending(item) is not None
    with django_assert_max_num_queries(budget):
        response = client.get(item.get_absolute_url())
    assert OLD in response.content.decode() and NEW not in response.content.decode()


def test_every_change_is_an_event_with_its_actor(client, live):
    editor = factories.editor()
    edit_draft(client, live, editor)
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    assert ReviewEvent.objects.filter(action="submit_changes", actor=editor).count() == 1


def test_the_review_shows_every_change_readably_clinical_first(client, live):
    live.sources.add(factories.source(title="Old guidance"))
    edit_draft(client, live, factories.editor())
    client.force_login(factories.moderator())
    page = client.get(change_url(live, "history/compare/"))
    assert page.context["newer"] == "draft" and page.context["older"] == "current"
    changes = {change.name: change for change in page.context["changes"]}
    assert [c.name for c in page.context["clinical"]] == ["advice", "symptom_links"]
    # Clinical changes lead the list.
    assert [c.name for c in page.context["changes"][:2]] == ["advice", "symptom_links"]
    [(tier, advice)] = changes["advice"].changed
    assert (tier, advice[0].before, advice[0].after) == ("Self-care", "Self-care", "See a doctor")
    [(symptom, weight)] = changes["symptom_links"].changed
    assert (symptom, weight[0].before, weight[0].after) == ("Calf pain", "3", "9")
    assert changes["tags"].added == ("hydration",)
    assert changes["summary"].text_diff.changed_pairs() == [
        ("Twitches settle with rest.", "Twitches settle with rest<ins> and fluids</ins>.")
    ]
    html = page.content.decode()
    for text in ("Clinically significant changes", "See a doctor", "Calf pain"):
        assert text in html
    # No internal values: labels, not codes.
    assert "self-care</" not in html and "in_review" not in html


def test_the_review_names_related_items(client, live):
    editor = factories.editor()
    client.force_login(editor)
    data = change_form_data(client, change_url(live))
    new_source = factories.source(title="Hydration and cramp")
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "sources" in key)
    base, rows = prefix.removesuffix("TOTAL_FORMS"), int(data[prefix])
    data[f"{base}TOTAL_FORMS"] = str(rows + 1)
    data[f"{base}{rows}-source"] = str(new_source.pk)
    assert client.post(change_url(live), data).status_code == 302
    client.force_login(factories.moderator())
    page = client.get(change_url(live, "history/compare/"))
    changes = {change.name: change for change in page.context["changes"]}
    assert (changes["sources"].added, changes["sources"].removed) == ((str(new_source),), ())


def test_line_endings_a_browser_sends_are_not_a_change(live):
    before = drafts.snapshot(live)
    after = drafts.snapshot(live)
    before["fields"]["body"] = "One line.\nAnother line."
    after["fields"]["body"] = "One line.\r\nAnother line."
    assert diff.compare(Condition, before, after) == []


def test_the_review_shows_body_text_as_visitors_read_it(live):
    before, after = drafts.snapshot(live), drafts.snapshot(live)
    before["fields"]["body"] = (
        "## When to get help\n\nSee a **GP** if it lasts.\n\n- [Rest](https://a.example/)"
    )
    after["fields"]["body"] = (
        "## When to get help\n\nSee a **GP** if it lasts a week.\n\n- [Rest](https://b.example/)"
    )
    [change] = diff.compare(Condition, before, after)
    # Rendered words, no Markdown marks; a link's address is part of the text.
    assert change.text_diff.changed_pairs() == [
        ("See a GP if it lasts.", "See a GP if it lasts<ins> a week</ins>."),
        ("• Rest (https://<del>a</del>.example/)", "• Rest (https://<ins>b</ins>.example/)"),
    ]
    after["fields"]["body"] = before["fields"]["body"].replace("**GP**", "*GP*")
    [change] = diff.compare(Condition, before, after)
    assert change.label == "Body (formatting only)"
    [(old, new)] = change.text_diff.changed_pairs()
    assert (old, new) == (
        "See a *<del>*</del>GP<del>*</del>* if it lasts.",
        "See a *GP* if it lasts.",
    )


def test_approving_from_the_form_without_editing_is_not_an_edit(client, live):
    editor, moderator = factories.editor(), factories.moderator()
    edit_draft(client, live, editor, clinical=False)
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    client.force_login(moderator)
    assert edit(client, live, _transition="approve_changes").status_code == 302
    live.refresh_from_db()
    assert live.summary == NEW
    assert drafts.pending(live) is None


def test_saving_a_live_page_unchanged_makes_no_draft(client, live):
    client.force_login(factories.editor())
    assert edit(client, live).status_code == 302
    assert drafts.pending(live) is None


# The permission matrix for changes to live pages, by the service and by
# crafted POSTs to the admin's transition address.
DRAFT_START = {
    "submit_changes": Status.DRAFT,
    "discard_changes": Status.DRAFT,
    "approve_changes": Status.IN_REVIEW,
    "return_changes": Status.IN_REVIEW,
}
DRAFT_ALLOWED = {
    "holder": {"submit_changes", "discard_changes"},
    "other editor": set(),
    "moderator": set(DRAFT_START),
    "superuser": set(DRAFT_START),
}


def draft_in(live, client, status):
    holder = factories.editor()
    edit_draft(client, live, holder, clinical=False)
    Draft.objects.update(status=status)
    return holder


def make_role(role, holder):
    return {
        "holder": lambda: holder,
        "other editor": factories.editor,
        "moderator": factories.moderator,
        "superuser": lambda: factories.user(superuser=True),
    }[role]()


def outcome(live):
    draft = drafts.pending(live)
    live.refresh_from_db()
    return (draft.status if draft else None, live.summary)


def expected(name):
    return {
        "submit_changes": (Status.IN_REVIEW, OLD),
        "discard_changes": (None, OLD),
        "approve_changes": (None, NEW),
        "return_changes": (Status.DRAFT, OLD),
    }[name]


@pytest.mark.parametrize("role", list(DRAFT_ALLOWED))
@pytest.mark.parametrize("name", list(DRAFT_START))
def test_draft_permission_matrix_in_the_service(client, live, role, name):
    holder = draft_in(live, client, DRAFT_START[name])
    user = make_role(role, holder)
    if name in DRAFT_ALLOWED[role]:
        workflow.apply_transition(item=live, user=user, name=name, note="Please cite it.")
        assert outcome(live) == expected(name)
    else:
        with pytest.raises(PermissionDenied):
            workflow.apply_transition(item=live, user=user, name=name, note="x")
        assert outcome(live) == (DRAFT_START[name], OLD)


@pytest.mark.parametrize("role", list(DRAFT_ALLOWED))
@pytest.mark.parametrize("name", list(DRAFT_START))
def test_draft_permission_matrix_by_crafted_post(client, live, role, name):
    holder = draft_in(live, client, DRAFT_START[name])
    client.force_login(make_role(role, holder))
    response = client.post(
        change_url(live, "transition/"), {"transition": name, "note": "Please cite it."}
    )
    assert response.status_code in (302, 403)
    if name in DRAFT_ALLOWED[role]:
        assert outcome(live) == expected(name)
    else:
        assert outcome(live) == (DRAFT_START[name], OLD)


def test_visitors_cannot_reach_draft_transitions(client, live):
    draft_in(live, client, Status.IN_REVIEW)
    client.logout()
    response = client.post(change_url(live, "transition/"), {"transition": "approve_changes"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert outcome(live) == (Status.IN_REVIEW, OLD)


def test_a_time_stored_to_the_millisecond_and_to_the_microsecond_is_no_change(live):
    """Versions saved before dumps kept microseconds hold milliseconds only."""
    before, after = drafts.snapshot(live), drafts.snapshot(live)
    before["fields"]["published_at"] = "2026-11-29T08:23:41.123Z"
    after["fields"]["published_at"] = "2026-11-29T08:23:41.123456Z"
    assert diff.compare(Condition, before, after) == []
    after["fields"]["published_at"] = "2026-11-29T08:23:42.123456Z"
    assert [change.name for change in diff.compare(Condition, before, after)] == ["published_at"]
