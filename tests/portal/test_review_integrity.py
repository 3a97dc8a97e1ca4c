"""Nobody approves what they wrote or edited, and scheduling is a
moderator's decision at approval (issue 21, findings 4 and 5)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.editorial import workflow
from portal.models import ReviewEvent, Source, Status
from tests import factories
from tests.portal.test_revisions import change_form_data


def source_url(source):
    return f"/admin/portal/source/{source.pk}/change/"


def test_a_moderator_who_edited_a_new_item_in_review_cannot_approve_it(client, db):
    source = factories.source(url="https://www.nhs.uk/conditions/", status=Status.DRAFT)
    editor = factories.editor()
    workflow.apply_transition(item=source, user=editor, name="submit")
    moderator = factories.moderator()
    client.force_login(moderator)
    data = change_form_data(client, source_url(source))
    data["url"] = "https://example.net/elsewhere"
    assert client.post(source_url(source), data).status_code == 302
    source.refresh_from_db()
    with pytest.raises(PermissionDenied, match="your own work"):
        workflow.apply_transition(item=source, user=moderator, name="approve")
    # The review history says who changed what inside the review.
    event = ReviewEvent.objects.get(object_id=source.pk, action=workflow.EDIT)
    assert event.actor == moderator and event.note == "Changed url."
    workflow.apply_transition(item=source, user=factories.moderator(), name="approve")


def test_editors_cannot_schedule_a_take_down_on_an_add_form(client, db):
    client.force_login(factories.editor())
    page = client.get("/admin/portal/source/add/").content.decode()
    assert 'name="expires_at' not in page and 'name="go_live_at' not in page
    later = timezone.now() + datetime.timedelta(days=3)
    client.post(
        "/admin/portal/source/add/",
        {
            "title": "Guidance",
            "publisher": "NHS",
            "url": "https://www.nhs.uk/guidance/",
            "accessed_on": "2026-11-01",
            "expires_at_0": later.strftime("%Y-%m-%d"),
            "expires_at_1": "10:00:00",
        },
    )
    created = Source.objects.get(url="https://www.nhs.uk/guidance/")
    assert created.expires_at is None
