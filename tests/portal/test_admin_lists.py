"""The admin's lists at scale (issue 23): each changelist a moderator opens
runs as many queries at 30 rows as at 3; the header badge counts what
waits in a few queries and is right after every step of the workflow; the
date drill-down above the review history lists the periods Django's own
query would."""

import datetime
import itertools
import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from conditions.models import Urgency
from portal.admin.dates import drill_down
from portal.editorial import inbox, workflow
from portal.models import Feedback, ReviewEvent, Source, Status
from tests import factories
from tests.portal.test_live_drafts import OLD, edit_draft

pytestmark = pytest.mark.django_db

_n = itertools.count()


def _event(**fields):
    item = fields.pop("item", None) or factories.condition()
    return ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        item_title=item.title,
        action="approve",
        from_status=Status.IN_REVIEW,
        to_status=Status.PUBLISHED,
        actor=fields.pop("actor", None),
        **fields,
    )


def _combination():
    return factories.combination([factories.symptom()], Urgency.DOCTOR, name=f"Rule {next(_n)}")


def _feedback():
    return Feedback.objects.create(item=factories.remedy(), helpful=False, comment="Unclear")


def _day():
    """A different day each time: one video a day."""
    return datetime.date(2026, 1, 1) + datetime.timedelta(days=next(_n))


def _review_event():
    return _event(actor=factories.editor(), note="ok")


# (admin url name, builder of one row). The content kinds' lists are
# budgeted for editors in test_admin.py; these are the moderator's.
LISTS = {
    "condition": ("conditions_condition", lambda: factories.condition(tags=["calf"])),
    "symptom": ("conditions_symptom", factories.symptom),
    "urgent combination": ("conditions_urgentcombination", _combination),
    "body area": ("conditions_bodyarea", factories.body_area),
    "remedy": ("remedies_remedy", factories.remedy),
    "article": ("portal_article", factories.article),
    "source": ("portal_source", factories.source),
    "author": ("portal_author", factories.author),
    "review event": ("portal_reviewevent", _review_event),
    "feedback": ("portal_feedback", _feedback),
    "featured video": ("portal_featuredvideo", lambda: factories.featured_video(date=_day())),
    "tag": ("taggit_tag", lambda: Tag.objects.create(name=f"tag {next(_n)}")),
    "image": ("images_image", factories.image),
}
# Queries per list for a moderator, rows or not: the session, the user, their
# permissions and devices, the header badge (2), the list's own count, rows
# and filters.
LIST_QUERY_BUDGET = {
    "condition": 17,
    "symptom": 14,
    "urgent combination": 15,
    "body area": 13,
    "remedy": 18,
    "article": 17,
    "source": 17,
    "author": 13,
    "review event": 17,
    "feedback": 13,
    "featured video": 17,
    "tag": 11,
    "image": 14,
}


@pytest.mark.parametrize("kind", LISTS)
def test_a_moderators_lists_run_the_same_queries_at_3_and_30_rows(
    client, kind, django_assert_max_num_queries
):
    url_name, build = LISTS[kind]
    url = reverse(f"admin:{url_name}_changelist")
    client.force_login(factories.moderator())
    rows = [build() for _ in range(3)]
    client.get(url)  # what each process keeps (content types, permissions)
    with django_assert_max_num_queries(LIST_QUERY_BUDGET[kind]):
        response = client.get(url)
    assert len(response.context["cl"].result_list) >= len(rows)
    rows += [build() for _ in range(27)]
    with django_assert_max_num_queries(LIST_QUERY_BUDGET[kind]):
        response = client.get(url)
    assert len(response.context["cl"].result_list) >= 30


# --- The header badge -------------------------------------------------------------------


def _badge(client):
    """The number the header's badge shows (0 when it shows none)."""
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.context["queue_count"]


def test_the_badge_follows_every_step_of_the_workflow(client):
    editor, moderator = factories.editor(), factories.moderator()
    client.force_login(moderator)
    assert _badge(client) == 0
    item = factories.condition(status=Status.DRAFT, title="New page")
    workflow.apply_transition(item=item, user=editor, name="submit")
    assert _badge(client) == 1
    workflow.apply_transition(item=item, user=moderator, name="request_changes", note="Cite it")
    assert _badge(client) == 0
    client.force_login(editor)
    assert _badge(client) == 1  # sent back to the editor
    workflow.apply_transition(item=item, user=editor, name="submit")
    assert _badge(client) == 0
    client.force_login(moderator)
    assert _badge(client) == 1
    workflow.apply_transition(item=item, user=moderator, name="approve", medical_review=True)
    assert _badge(client) == 0


def test_work_sent_back_stays_counted_while_its_editor_works_on_it(client):
    editor, moderator = factories.editor(), factories.moderator()
    item = factories.condition(status=Status.DRAFT, title="New page")
    workflow.apply_transition(item=item, user=editor, name="submit")
    workflow.apply_transition(item=item, user=moderator, name="request_changes", note="Cite it")
    # Saving the returned draft records an edit in its history; the queue
    # still lists it as sent back, and the badge says so too.
    workflow.record_edit(item=item, user=editor, fields=["summary"], new=False)
    assert [e.item for e in inbox.build(editor).sent_back] == [item]
    client.force_login(editor)
    assert _badge(client) == 1
    workflow.apply_transition(item=item, user=editor, name="submit")
    assert inbox.build(editor).sent_back == []
    assert _badge(client) == 0


def test_the_badge_follows_changes_to_a_live_page(client):
    editor, moderator = factories.editor(), factories.moderator()
    live = factories.condition(title="Cramp", summary=OLD)
    factories.link(live, factories.symptom(name="Calf pain"), weight=3)
    edit_draft(client, live, editor, clinical=False)
    assert _badge(client) == 1  # the editor's own unsubmitted changes
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    assert _badge(client) == 0
    client.force_login(moderator)
    assert _badge(client) == 1
    workflow.apply_transition(item=live, user=moderator, name="return_changes", note="Why?")
    assert _badge(client) == 0
    client.force_login(editor)
    assert _badge(client) == 1  # sent back, counted once though it is also their draft
    workflow.apply_transition(item=live, user=editor, name="submit_changes")
    client.force_login(moderator)
    assert _badge(client) == 1
    workflow.apply_transition(item=live, user=moderator, name="approve_changes")
    assert _badge(client) == 0
    client.force_login(editor)
    assert _badge(client) == 0


def test_the_badge_counts_feedback_and_reviews_coming_due(client):
    moderator = factories.moderator()
    live = factories.condition(title="Live page")
    client.force_login(moderator)
    feedback = Feedback.objects.create(item=live, helpful=False, comment="Typo")
    assert _badge(client) == 1
    client.post(
        reverse("admin:portal_feedback_changelist"),
        {"action": "mark_actioned", "_selected_action": [feedback.pk]},
    )
    assert _badge(client) == 0
    live.next_review_due = timezone.localdate() - datetime.timedelta(days=1)
    live.save()
    assert _badge(client) == 1
    live.next_review_due = timezone.localdate() + datetime.timedelta(days=30)
    live.save()
    assert _badge(client) == 0


def test_the_badge_matches_the_queue_it_links_to(client):
    editor, moderator = factories.editor(), factories.moderator()
    for n in range(3):
        item = factories.condition(status=Status.DRAFT, title=f"Waiting {n}")
        workflow.apply_transition(item=item, user=editor, name="submit")
    factories.remedy(title="Overdue", next_review_due=datetime.date(2020, 1, 1))
    Feedback.objects.create(item=factories.article(), helpful=True)
    queue = inbox.build(moderator)
    shown = len(queue.waiting) + len(queue.due) + len(queue.feedback)
    client.force_login(moderator)
    assert _badge(client) == shown == 5


def test_the_badge_costs_the_same_few_queries_however_much_waits(
    django_assert_max_num_queries,
):
    editor = factories.editor()
    moderator = factories.moderator()
    # A request has read the person's permissions before the badge is drawn.
    inbox.is_moderator(moderator)
    # Their sent-back work (one query), then everything else in one.
    with django_assert_max_num_queries(2):
        assert inbox.count_for(moderator) == 0
    for n in range(5):
        item = factories.remedy(status=Status.DRAFT, title=f"Waiting {n}")
        workflow.apply_transition(item=item, user=editor, name="submit")
        Feedback.objects.create(item=factories.article(), helpful=False)
    with django_assert_max_num_queries(2):
        assert inbox.count_for(moderator) == 10
    # Someone who has submitted work: one more query for its history.
    inbox.is_moderator(editor)
    with django_assert_max_num_queries(3):
        assert inbox.count_for(editor) == 0


# --- The date drill-down ----------------------------------------------------------------


LONDON = zoneinfo.ZoneInfo("Europe/London")


def _at(*parts):
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("kind", "filters"),
    [
        ("year", {}),
        ("month", {"created_at__year": 2025}),
        ("day", {"created_at__year": 2025, "created_at__month": 6}),
        ("day", {"created_at__year": 2025, "created_at__month": 7}),
    ],
)
def test_the_drill_down_lists_the_periods_django_would(kind, filters, settings):
    settings.TIME_ZONE = "Europe/London"
    item = factories.condition()
    for moment in [
        _at(2023, 12, 31, 23, 30),  # 2023 in London (GMT)
        _at(2025, 3, 30, 0, 30),  # the night the clocks go forward
        _at(2025, 6, 30, 23, 30),  # 1 July in London (BST)
        _at(2025, 6, 2, 12, 0),
        _at(2026, 1, 1, 0, 0),
    ]:
        _event(item=item, created_at=moment)
    with timezone.override(LONDON):
        events = ReviewEvent.objects.filter(**filters)
        expected = list(QuerySet.datetimes(events, "created_at", kind))
        found = (
            drill_down(ReviewEvent.objects.all()).filter(**filters).datetimes("created_at", kind)
        )
        newest_first = (
            drill_down(ReviewEvent.objects.all())
            .filter(**filters)
            .datetimes("created_at", kind, order="DESC")
        )
    assert found == expected
    assert newest_first == expected[::-1]
    assert expected  # every case has periods to list


def test_the_drill_down_of_dates_lists_the_years_and_months_django_would():
    for day in [datetime.date(2024, 2, 29), datetime.date(2025, 12, 31), datetime.date(2025, 1, 1)]:
        factories.source(accessed_on=day)
    sources = Source.objects.all()
    for kind in ("year", "month", "day"):
        assert list(drill_down(sources).dates("accessed_on", kind)) == list(
            QuerySet.dates(sources, "accessed_on", kind)
        )


def test_the_review_history_shows_its_years_and_drills_down(client):
    client.force_login(factories.moderator())
    item = factories.condition()
    _event(item=item, created_at=_at(2024, 5, 1, 12))
    _event(item=item, created_at=_at(2025, 5, 1, 12))
    url = reverse("admin:portal_reviewevent_changelist")
    html = client.get(url).content.decode()
    assert "?created_at__year=2024" in html
    assert "?created_at__year=2025" in html
    html = client.get(url, {"created_at__year": "2025"}).content.decode()
    assert "created_at__month=5" in html
