"""'Was this page helpful?': one click records the answer, the page stays
cacheable, and the answer is protected, limited, filtered, never public."""

import re
import time
import types

import pytest
from django.core.cache import cache
from django.test import Client

from portal.feedback import guard as feedback_guard
from portal.feedback.guard import page_token
from portal.feedback.views import MAX_COMMENT, RATE_LIMIT, RATE_WINDOW
from portal.models import Feedback, Status
from tests import factories


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


@pytest.fixture
def page(db):
    return factories.condition(title="Muscle cramp")


def token_for(item, **kwargs):
    return page_token(item.content_kind.key, item.slug, **kwargs)


def answer(client, item, helpful="yes", **data):
    """Press Yes or No on `item`'s page, as the page's own form does."""
    return client.post(item.feedback_url, {"helpful": helpful, "token": token_for(item), **data})


def token_in(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def answered(client, item, helpful="no"):
    """Answer and return the thanks page's address (with its reference)."""
    response = answer(client, item, helpful)
    assert response.status_code == 303
    return response["Location"]


# The question on the page


def test_content_pages_ask_the_question_in_one_post_form(client, page):
    html = client.get(page.get_absolute_url()).content.decode()
    form = re.search(r'<form class="feedback panel".*?</form>', html, re.DOTALL).group(0)
    assert 'method="post"' in form
    assert f'action="{page.feedback_url}"' in form
    assert re.search(r"<fieldset>\s*<legend><h2[^>]*>Was this page helpful\?</h2></legend>", form)
    assert 'name="helpful" value="yes">Yes</button>' in form
    assert 'name="helpful" value="no">No</button>' in form
    assert 'name="website"' in form
    # No per-visitor token: that would make the page uncacheable.
    assert "csrfmiddlewaretoken" not in html


def test_the_page_is_the_same_for_every_visitor_and_served_from_the_cache(page, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = Client().get(page.get_absolute_url())
    second = Client().get(page.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert "csrftoken" not in first.cookies


def test_fresh_renders_for_two_visitors_are_byte_identical(page, monkeypatch):
    """Within the hour every visitor gets the same token, so even pages
    rendered separately (another worker, an emptied cache) match."""
    moment = time.time()
    monkeypatch.setattr(feedback_guard, "time", types.SimpleNamespace(time=lambda: moment))
    first = Client().get(page.get_absolute_url()).content
    monkeypatch.setattr(feedback_guard, "time", types.SimpleNamespace(time=lambda: moment + 1))
    second = Client().get(page.get_absolute_url()).content
    assert first == second


# One click


def test_one_post_from_the_page_records_the_answer(client, page):
    token = token_in(client.get(page.get_absolute_url()).content.decode())
    response = Client().post(page.feedback_url, {"helpful": "no", "token": token, "website": ""})
    assert response.status_code == 303
    assert response["Location"].startswith(f"{page.feedback_url}thanks/?answer=")
    feedback = Feedback.objects.get()
    assert (feedback.item, feedback.helpful, feedback.comment) == (page, False, "")
    assert feedback.status == Feedback.State.NEW


@pytest.mark.parametrize(("pressed", "stored"), [("yes", True), ("no", False)])
def test_each_press_adds_one_answer_with_its_value(client, page, pressed, stored):
    answer(client, page, pressed)
    answer(client, page, pressed)
    assert list(Feedback.objects.values_list("helpful", flat=True)) == [stored, stored]


def test_the_thanks_page_says_so_and_offers_the_comment_box(client, page):
    response = client.get(answered(client, page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your answer has been recorded" in html
    assert 'name="comment"' in html
    assert "csrfmiddlewaretoken" in html
    assert "no-cache" in response["Cache-Control"]


def test_the_answer_needs_no_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    assert answer(client, page).status_code == 303
    assert Feedback.objects.count() == 1


def test_a_get_records_nothing_and_shows_the_question(client, page):
    # Old copies of pages asked with a GET form; they land here.
    response = client.get(page.feedback_url, {"helpful": "yes"})
    assert response.status_code == 200
    assert "Was this page helpful?" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert not Feedback.objects.exists()


# The comment, after


def test_a_comment_is_added_to_the_same_answer_and_stays_private(client, page):
    thanks = answered(client, page, "no")
    response = client.post(thanks, {"comment": "  Too technical  ", "website": ""})
    assert response.status_code == 303
    assert response["Location"] == thanks
    feedback = Feedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (False, "Too technical")
    html = client.get(thanks).content.decode()
    assert "Your comment has been added" in html
    assert "Too technical" in html
    assert 'name="comment"' not in html
    assert "Too technical" not in client.get(page.get_absolute_url()).content.decode()


def test_the_comment_form_is_csrf_protected(page):
    client = Client(enforce_csrf_checks=True)
    thanks = answered(client, page)
    assert client.post(thanks, {"comment": "Forged"}).status_code == 403
    assert Feedback.objects.get().comment == ""


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("", "Write a comment to send one"),
        ("y" * (MAX_COMMENT + 5), "under 1000 characters"),
    ],
)
def test_a_refused_comment_is_kept_in_the_form_with_a_message(client, page, comment, message):
    thanks = answered(client, page)
    response = client.post(thanks, {"comment": comment})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f">{comment}</textarea>" in html
    assert Feedback.objects.get().comment == ""


def test_one_comment_per_answer_and_a_second_is_kept_for_the_visitor(client, page):
    thanks = answered(client, page)
    client.post(thanks, {"comment": "First"})
    response = client.post(thanks, {"comment": "Second thoughts"})
    assert response.status_code == 400
    assert "already has a comment" in response.content.decode()
    assert "Second thoughts</textarea>" in response.content.decode()
    assert Feedback.objects.get().comment == "First"


def test_a_handled_answer_takes_no_comment(client, page):
    thanks = answered(client, page)
    Feedback.objects.update(status=Feedback.State.ACTIONED)
    assert 'name="comment"' not in client.get(thanks).content.decode()
    assert client.post(thanks, {"comment": "Late"}).status_code == 400
    assert Feedback.objects.get().comment == ""


def test_a_forged_or_misplaced_reference_names_no_answer(client, page):
    thanks = answered(client, page)
    other = factories.condition(title="Cramp elsewhere")
    misplaced = thanks.replace(page.feedback_url, other.feedback_url)
    forged = thanks[:-2] + ("AA" if not thanks.endswith("AA") else "BB")
    for url in (misplaced, forged, f"{page.feedback_url}thanks/?answer=1"):
        response = client.post(url, {"comment": "Hello"})
        assert response.status_code == 400, url
        assert "does not name an answer" in response.content.decode()
    assert Feedback.objects.get().comment == ""


def test_an_expired_reference_keeps_the_typed_comment(client, page, monkeypatch):
    thanks = answered(client, page)
    monkeypatch.setattr(feedback_guard, "COMMENT_MAX_AGE", -1)
    response = client.post(thanks, {"comment": "Written slowly"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "too long since you answered" in html
    assert "Written slowly</textarea>" in html
    assert Feedback.objects.get().comment == ""


def test_the_comment_honeypot_keeps_nothing(client, page):
    thanks = answered(client, page)
    response = client.post(thanks, {"comment": "Buy now", "website": "http://spam"})
    assert response.status_code == 303
    assert Feedback.objects.get().comment == ""


# What protects the one-click form


def test_a_token_from_another_page_is_refused(client, page):
    other = factories.condition(title="Leg cramp")
    response = client.post(page.feedback_url, {"helpful": "yes", "token": token_for(other)})
    assert response.status_code == 400
    assert "was not recorded" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("token", ["", "nonsense", "feedback:condition:x:1:forged"])
def test_a_missing_or_forged_token_is_refused(client, page, token):
    response = client.post(page.feedback_url, {"helpful": "yes", "token": token})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_an_expired_token_is_refused_and_one_more_click_answers(client, page):
    three_days_ago = time.time() - 3 * 24 * 60 * 60
    stale = token_for(page, now=three_days_ago)
    response = client.post(page.feedback_url, {"helpful": "yes", "token": stale})
    html = response.content.decode()
    assert response.status_code == 400
    assert "opened a while ago" in html
    assert f'href="{page.get_absolute_url()}"' in html
    assert not Feedback.objects.exists()
    # The refusal asks again, with a fresh token.
    again = client.post(page.feedback_url, {"helpful": "yes", "token": token_in(html)})
    assert again.status_code == 303
    assert Feedback.objects.count() == 1


def test_a_token_outlives_the_cached_page_by_a_long_way(page):
    rendered = time.time() - 36 * 60 * 60
    feedback_guard.check_page_token(
        token_for(page, now=rendered), kind=page.content_kind.key, slug=page.slug
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/vote.html"},
    ],
)
def test_posts_from_another_site_are_refused(client, page, headers):
    response = client.post(
        page.feedback_url, {"helpful": "no", "token": token_for(page)}, **headers
    )
    assert response.status_code == 403
    assert "only be sent from this site" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://testserver"},
        {"HTTP_REFERER": "http://testserver/conditions/muscle-cramp/"},
        {},
    ],
)
def test_posts_from_this_site_are_accepted(client, page, headers):
    response = client.post(
        page.feedback_url, {"helpful": "no", "token": token_for(page)}, **headers
    )
    assert response.status_code == 303


def test_trusted_origins_count_as_this_site(client, page, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.example.org"]
    response = answer(client, page, HTTP_ORIGIN="https://www.example.org")
    assert response.status_code == 303


def test_the_honeypot_keeps_nothing_but_answers_politely(client, page):
    response = answer(client, page, website="http://spam")
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your feedback" in thanks.content.decode()
    assert 'name="comment"' not in thanks.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("data", [{"helpful": "maybe"}, {}])
def test_no_clear_answer_is_refused_with_a_clear_message(client, page, data):
    response = client.post(page.feedback_url, {"token": token_for(page), **data})
    assert response.status_code == 400
    assert "Choose yes or no." in response.content.decode()
    assert not Feedback.objects.exists()


def test_each_client_is_rate_limited(client, page):
    for _ in range(RATE_LIMIT):
        assert answer(client, page).status_code == 303
    response = answer(client, page)
    assert response.status_code == 429
    assert "a lot of feedback" in response.content.decode()
    assert Feedback.objects.count() == RATE_LIMIT
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert answer(other, page).status_code == 303


def test_the_limit_holds_across_workers_that_share_only_the_database(page):
    """Each post comes from a fresh client and finds an empty cache, as it
    would on another worker or instance: the count lives in the database."""
    statuses = []
    for _ in range(RATE_LIMIT + 3):
        cache.clear()
        statuses.append(answer(Client(), page).status_code)
    assert statuses == [303] * RATE_LIMIT + [429] * 3
    assert Feedback.objects.count() == RATE_LIMIT


def test_old_windows_are_cleared_and_a_new_window_starts_afresh(client, page, monkeypatch):
    import datetime

    from django.utils import timezone

    from portal.models import RateCounter

    for _ in range(RATE_LIMIT + 1):
        answer(client, page)
    later = timezone.now() + datetime.timedelta(seconds=RATE_WINDOW)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert answer(client, page).status_code == 303
    assert RateCounter.objects.count() == 1


def test_answers_and_comments_reach_the_moderators_queue(client, page):
    thanks = answered(client, page)
    client.post(thanks, {"comment": "Step 3 is unclear"})
    client.force_login(factories.moderator())
    assert "Step 3 is unclear" in client.get("/admin/queue/").content.decode()


@pytest.mark.parametrize("url", ["/feedback/condition/nope/", "/feedback/tag/legs/"])
def test_unknown_pages_are_404(client, db, url):
    assert client.get(url).status_code == 404
    assert client.post(url, {"helpful": "yes"}).status_code == 404
    assert client.get(f"{url}thanks/").status_code == 404


def test_drafts_take_no_feedback(client, db):
    draft = factories.condition(status=Status.DRAFT)
    assert answer(client, draft).status_code == 404


def test_behind_a_trusted_proxy_the_limit_is_per_visitor_not_per_proxy(client, page, settings):
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    settings.TRUSTED_PROXY_ADDRESSES = [proxy]
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
    for _ in range(RATE_LIMIT):
        assert answer(first, page).status_code == 303
    assert answer(first, page).status_code == 429
    # Another visitor through the same proxy is counted on their own.
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert answer(second, page).status_code == 303
