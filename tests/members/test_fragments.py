"""Public pages stay cached for everyone: a signed-in member gets the
anonymous page with their own tray, badge and follow button swapped in, and
their copy is never stored. What their parts show is kept as their card: the
first page builds it in four queries, the next ones ask only for the
session, and any change to what it shows is seen on the next page."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client

from portal.caching import page_cache
from portal.members import accounts, following, fragments
from portal.members.models import Notification
from tests import factories
from tests.members.conftest import PASSWORD, log_in

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


@pytest.fixture
def page(db):
    return factories.condition(title="ALS")


def test_members_get_the_cached_page_with_their_own_parts(page, member):
    anonymous = Client().get(page.get_absolute_url())
    assert anonymous["X-Page-Cache"] == "miss"
    following.follow(member=member, item=page)
    client = log_in(Client(), member)
    response = client.get(page.get_absolute_url())
    assert response["X-Page-Cache"] == "member-hit"
    html = response.content.decode()
    assert 'data-role="badge"' in html and "Remove from my pages" in html
    assert TOKEN.search(html)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    # The page around the personal parts is the anonymous one.
    outside = re.sub(r"<!--member-bar-->.*?<!--/member-bar-->", "", html, flags=re.DOTALL)
    outside = re.sub(r"<!--follow:.*?<!--/follow-->", "", outside, flags=re.DOTALL)
    shared = anonymous.content.decode()
    shared = re.sub(r"<!--member-bar-->.*?<!--/member-bar-->", "", shared, flags=re.DOTALL)
    shared = re.sub(r"<!--follow:.*?<!--/follow-->", "", shared, flags=re.DOTALL)
    assert outside == shared


def test_a_members_visit_never_stores_their_page(page, member):
    following.follow(member=member, item=page)
    Notification.objects.create(member=member, title="Private title", summary="-", url="/")
    client = log_in(Client(), member)
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "member-miss"
    again = Client().get(page.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    html = again.content.decode()
    assert "Private title" not in html and member.email not in html
    assert "csrfmiddlewaretoken" not in html and "Remove from my pages" not in html
    assert ">Log in<" in html


def test_a_member_page_costs_at_most_four_queries_then_one(
    page, member, django_assert_max_num_queries
):
    Client().get(page.get_absolute_url())  # cached, and the content version with it
    following.follow(member=member, item=page)
    Notification.objects.create(member=member, title="Cramp", summary="Reviewed.", url="/")
    client = log_in(Client(), member)
    # The session, the member's counts, the tray's unread lines, their follows.
    with django_assert_max_num_queries(4):
        response = client.get(page.get_absolute_url())
    assert response["X-Page-Cache"] == "member-hit"
    assert 'data-role="unread-count">1<' in response.content.decode()
    # The next page: the session only.
    with django_assert_max_num_queries(1):
        again = client.get(page.get_absolute_url())
    html = again.content.decode()
    assert 'data-role="unread-count">1<' in html and "Remove from my pages" in html
    # Each page has a working token of its own, never the placeholder.
    assert fragments.CSRF_PLACEHOLDER not in html and TOKEN.search(html)


def test_a_member_without_a_csrf_cookie_gets_one(page, member):
    client = log_in(Client(), member)
    del client.cookies["csrftoken"]
    response = client.get(page.get_absolute_url())
    assert response["X-Page-Cache"].startswith("member-")
    assert "csrftoken" in response.cookies
    # …and its form works with it.
    form_client = Client(enforce_csrf_checks=True)
    form_client.cookies = client.cookies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    saved = form_client.post(
        f"/account/pages/condition/{page.pk}/save/", {"csrfmiddlewaretoken": token.group(1)}
    )
    assert saved.status_code == 302


def test_staff_still_get_uncached_pages(page, client):
    Client().get(page.get_absolute_url())
    client.force_login(factories.editor())
    assert "X-Page-Cache" not in client.get(page.get_absolute_url())


def test_a_session_whose_password_changed_is_not_served_as_the_member(page, member):
    client = log_in(Client(), member)
    member.set_password("changed-elsewhere-1")
    member.save()
    response = client.get(page.get_absolute_url())
    assert "X-Page-Cache" not in response  # the normal stack, which ends the session
    assert 'data-role="badge"' not in response.content.decode()


def test_messages_waiting_are_shown_by_the_normal_page(page, member):
    client = log_in(Client(), member)
    response = client.post(f"/account/pages/condition/{page.pk}/save/", follow=True)
    html = response.content.decode()
    assert "is saved to My pages" in html and "Remove from my pages" in html
    # Shown once; the next visit is the shared page again.
    assert client.get(page.get_absolute_url())["X-Page-Cache"].startswith("member-")


def test_the_page_cache_personalises_only_through_the_hook_members_register(
    page, member, monkeypatch
):
    # The page cache knows nothing of members: without their hook, a member
    # gets the normal page, still theirs, never the shared one.
    following.follow(member=member, item=page)
    client = log_in(Client(), member)
    assert client.get(page.get_absolute_url())["X-Page-Cache"] == "member-miss"
    monkeypatch.setattr(page_cache, "_personaliser", None)
    response = client.get(page.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "Remove from my pages" in response.content.decode()


def test_pages_render_the_same_for_members_with_the_cache_off(page, member, settings):
    settings.PAGE_CACHE_ENABLED = False
    following.follow(member=member, item=page)
    html = log_in(Client(), member).get(page.get_absolute_url()).content.decode()
    assert 'data-role="badge"' in html and "Remove from my pages" in html


def test_the_log_in_and_account_pages_are_never_cached(member):
    assert "X-Page-Cache" not in Client().get("/account/log-in/")
    client = log_in(Client(), member, PASSWORD)
    response = client.get("/account/")
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_page_the_member_does_not_follow_costs_no_more(
    page, member, django_assert_max_num_queries
):
    Client().get(page.get_absolute_url())
    Notification.objects.create(member=member, title="Cramp", summary="Reviewed.", url="/")
    client = log_in(Client(), member)
    with django_assert_max_num_queries(4):
        response = client.get(page.get_absolute_url())
    assert response["X-Page-Cache"] == "member-hit"
    assert "Save to my pages" in response.content.decode()


def test_a_page_not_for_everyone_is_rendered_once_for_a_member_after_the_first(
    member, monkeypatch, settings
):
    from portal.planner import views as planner_views

    client = log_in(Client(), member)
    answers = (
        "/calorie-planner/?sex=female&age=35&height_cm=165&weight_kg=70"
        "&activity=moderate&goal=lose-1"
    )
    calls = []
    real_plan = planner_views.planner.plan
    monkeypatch.setattr(planner_views.planner, "plan", lambda p: calls.append(p) or real_plan(p))
    assert client.get(answers).status_code == 200
    first = len(calls)
    assert client.get(answers).status_code == 200
    assert len(calls) - first == 1


# The card: every change to what it shows is seen on the next page --------


def _unread(client, page):
    html = client.get(page.get_absolute_url()).content.decode()
    found = re.search(r'data-role="unread-count">(\d+)<', html)
    return int(found.group(1)) if found else 0


def _tell_followers(page):
    return following.tell_followers(
        item=page, reviewer="Dr Test", day=datetime.date(2026, 12, 1), clinical=()
    )


def test_a_new_notification_for_followers_shows_on_the_next_page(page, member):
    following.follow(member=member, item=page)
    client = log_in(Client(), member)
    assert _unread(client, page) == 0
    # Notifications for followers are made in bulk (no signals).
    assert _tell_followers(page) == 1
    assert _unread(client, page) == 1


def test_marking_the_tray_read_shows_on_the_next_page(page, member):
    Notification.objects.create(member=member, title="Cramp", summary="-", url="/")
    client = log_in(Client(), member)
    assert _unread(client, page) == 1
    assert client.post("/account/notifications/read/").status_code == 302
    assert _unread(client, page) == 0


def test_following_and_unfollowing_elsewhere_show_on_the_next_page(page, member):
    client = log_in(Client(), member)
    assert "Save to my pages" in client.get(page.get_absolute_url()).content.decode()
    following.follow(member=member, item=page)
    assert "Remove from my pages" in client.get(page.get_absolute_url()).content.decode()
    following.unfollow(member=member, item=page)
    assert "Save to my pages" in client.get(page.get_absolute_url()).content.decode()


def test_a_confirmed_address_moves_the_badge_on_the_next_page(member):
    pages = [factories.condition(title=f"Page {n}") for n in range(3)]
    member.member_profile.__class__.objects.filter(user=member).update(email_confirmed_at=None)
    for item in pages:
        following.follow(member=member, item=item)
    client = log_in(Client(), member)
    badge = re.compile(r'data-role="badge">.*?</a>', re.DOTALL)
    assert "Member" in badge.search(client.get(pages[0].get_absolute_url()).content.decode())[0]
    accounts.mark_confirmed(member)  # a queryset update: no signals
    assert "Silver" in badge.search(client.get(pages[0].get_absolute_url()).content.decode())[0]


def test_a_deleted_account_is_never_served_from_its_card(page, member):
    client = log_in(Client(), member)
    assert client.get(page.get_absolute_url())["X-Page-Cache"].startswith("member-")
    member.delete()
    response = client.get(page.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert 'data-role="badge"' not in response.content.decode()


def test_without_the_shared_cache_members_still_see_their_own_changes(page, member, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    following.follow(member=member, item=page)
    client = log_in(Client(), member)
    assert _unread(client, page) == 0
    _tell_followers(page)
    assert _unread(client, page) == 1


def test_an_expired_or_made_up_session_is_never_served_as_the_member(page, member):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = log_in(Client(), member)
    assert client.get(page.get_absolute_url())["X-Page-Cache"].startswith("member-")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(page.get_absolute_url())
    assert not response.get("X-Page-Cache", "").startswith("member-")
    assert 'data-role="badge"' not in response.content.decode()
    stranger = Client()
    stranger.cookies["sessionid"] = "x' OR '1'='1"
    html = stranger.get(page.get_absolute_url()).content.decode()
    assert 'data-role="badge"' not in html and ">Log in<" in html
