"""The demo member: made by create_demo_accounts (development only), following
two launch pages with one unread notification, printed with the other logins."""

import io

from django.core.management import call_command
from django.test import Client

from portal.members.models import Follow, Notification


def test_the_demo_member_follows_two_pages_with_one_unread(launch_content):
    call_command("create_demo_accounts", stdout=io.StringIO())
    call_command("create_demo_accounts", stdout=io.StringIO())  # idempotent
    client = Client()
    response = client.post("/account/log-in/", {"username": "member", "password": "member-demo"})
    assert response.status_code == 302
    assert Follow.objects.count() == 2
    [note] = Notification.objects.unread()
    assert note.url == "/conditions/als/" and note.summary.startswith("Reviewed by Dr ")
    html = client.get("/conditions/als/").content.decode()
    assert 'data-role="unread-count">1<' in html and "Remove from my pages" in html
    pages = client.get("/account/pages/").content.decode()
    assert "ALS" in pages and "Muscle twitches in the legs" in pages.replace("legs</a>", "legs")


def test_the_demo_members_password_is_never_reset(launch_content):
    from django.contrib.auth import get_user_model

    call_command("create_demo_accounts", stdout=io.StringIO())
    member = get_user_model().objects.get(username="member")
    member.set_password("chosen-by-them-8812")
    member.save()
    call_command("create_demo_accounts", stdout=io.StringIO())
    member.refresh_from_db()
    assert member.check_password("chosen-by-them-8812")


def test_the_banner_prints_the_member_login():
    out = io.StringIO()
    call_command("demo_banner", stdout=out)
    assert "member     / member-demo" in out.getvalue()
    assert "/account/log-in/" in out.getvalue()
