"""'Was this page helpful?': protected, limited, filtered, never public."""

import pytest
from django.core.cache import cache
from django.test import Client

from portal.feedback import MAX_COMMENT, RATE_LIMIT
from portal.models import Feedback, Status
from tests import factories


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.fixture
def page(db):
    return factories.condition(title="Muscle cramp")


def test_content_pages_ask_the_question(client, page):
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Was this page helpful?" in html
    assert f'action="{page.feedback_url}"' in html


def test_answering_stores_feedback_for_moderators_only(client, page):
    form = client.get(page.feedback_url, {"helpful": "no"})
    assert 'value="no" checked' in form.content.decode() or "checked" in form.content.decode()
    response = client.post(page.feedback_url, {"helpful": "no", "comment": "Too technical"})
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.item, feedback.helpful, feedback.comment) == (page, False, "Too technical")
    assert "Too technical" not in client.get(page.get_absolute_url()).content.decode()


def test_posts_need_a_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(page.feedback_url, {"helpful": "yes"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_the_honeypot_keeps_nothing(client, page):
    response = client.post(page.feedback_url, {"helpful": "yes", "website": "http://spam"})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"helpful": "maybe"}, "Select a valid choice"),
        ({}, "Choose yes or no."),
        ({"helpful": "yes", "comment": "x" * (MAX_COMMENT + 1)}, "under 1000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, page, data, message):
    response = client.post(page.feedback_url, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_oversized_comment_is_kept_in_the_form(client, page):
    long = "y" * (MAX_COMMENT + 5)
    response = client.post(page.feedback_url, {"helpful": "yes", "comment": long})
    assert long in response.content.decode()


def test_each_client_is_rate_limited(client, page):
    for _ in range(RATE_LIMIT):
        assert client.post(page.feedback_url, {"helpful": "yes"}).status_code == 200
    response = client.post(page.feedback_url, {"helpful": "yes"})
    assert response.status_code == 429
    assert "a lot of feedback" in response.content.decode()
    assert Feedback.objects.count() == RATE_LIMIT
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(page.feedback_url, {"helpful": "yes"}).status_code == 200


def test_the_limit_holds_across_workers_that_share_only_the_database(page):
    """Each post comes from a fresh client and finds an empty cache, as it
    would on another worker or instance: the count lives in the database."""
    statuses = []
    for _ in range(RATE_LIMIT + 3):
        cache.clear()
        statuses.append(Client().post(page.feedback_url, {"helpful": "yes"}).status_code)
    assert statuses == [200] * RATE_LIMIT + [429] * 3
    assert Feedback.objects.count() == RATE_LIMIT


def test_old_windows_are_cleared_and_a_new_window_starts_afresh(client, page, monkeypatch):
    from portal import feedback
    from portal.models import RateCounter

    for _ in range(RATE_LIMIT + 1):
        client.post(page.feedback_url, {"helpful": "yes"})
    later = feedback.timezone.now() + feedback.timezone.timedelta(seconds=feedback.RATE_WINDOW)
    monkeypatch.setattr(feedback.timezone, "now", lambda: later)
    assert client.post(page.feedback_url, {"helpful": "yes"}).status_code == 200
    assert RateCounter.objects.count() == 1


@pytest.mark.parametrize("url", ["/feedback/condition/nope/", "/feedback/tag/legs/"])
def test_unknown_pages_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_drafts_take_no_feedback(client, db):
    draft = factories.condition(status=Status.DRAFT)
    assert client.post(draft.feedback_url, {"helpful": "yes"}).status_code == 404
