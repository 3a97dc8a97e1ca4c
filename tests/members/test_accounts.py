"""Member accounts: sign up, confirm by a signed link, log in and out, reset
a forgotten password, change address and password, delete everything."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client

from portal.members import accounts
from portal.members.models import Follow, MemberProfile, Notification
from tests import factories
from tests.members.conftest import PASSWORD, log_in

User = get_user_model()
SENT = "If this address can be used for a new account, we have sent a link to it."


def link_in(message):
    """The path of the one link to this site in a mail."""
    [url] = re.findall(r"https?://\S+", message.body)[:1]
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, email="new.member@example.org", password=PASSWORD):
    return client.post(
        "/account/sign-up/", {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_mails_a_link_that_confirms_the_address(client, db):
    response = sign_up(client, email="New.Member@Example.org ")
    assert response.status_code == 302
    assert SENT in client.get(response["Location"]).content.decode()
    user = User.objects.get(email="new.member@example.org")
    assert user.username == user.email and not user.is_staff
    assert not user.member_profile.email_confirmed
    [message] = mail.outbox
    assert message.to == ["new.member@example.org"]
    page = client.get(link_in(message))
    assert page.status_code == 200
    assert "Your email address is confirmed" in page.content.decode()
    user.member_profile.refresh_from_db()
    assert user.member_profile.email_confirmed
    # …and they log in with the address and password.
    assert log_in(Client(), user).get("/account/").status_code == 200


def test_sign_up_with_a_taken_address_says_the_same_and_mails_the_owner(client, member):
    response = sign_up(client, email=member.email.upper())
    assert response["Location"] == "/account/sign-up/sent/"
    assert User.objects.filter(email__iexact=member.email).count() == 1
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "already has an account" in message.body and "/account/password-reset/" in message.body


def test_a_staff_address_cannot_become_a_member(client, db):
    staff = factories.editor(email="edie@example.org")
    sign_up(client, email="edie@example.org")
    assert not MemberProfile.objects.exists()
    assert "staff account" in mail.outbox[0].body
    staff.refresh_from_db()
    assert staff.is_staff


def test_sign_up_checks_the_password(client, db):
    response = sign_up(client, password="password")
    assert response.status_code == 400
    assert "too common" in response.content.decode()
    assert not User.objects.exists()
    mismatch = client.post(
        "/account/sign-up/",
        {"email": "a@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert "The two passwords differ." in mismatch.content.decode()


@pytest.mark.parametrize("tamper", ["garbage", "cut"])
def test_a_bad_confirmation_link_gets_a_clear_400(client, member, tamper):
    good = accounts.confirmation_link(member)
    path = re.sub(r"^https?://[^/]+", "", good)
    bad = "/account/confirm/not-a-token/" if tamper == "garbage" else path[:-6] + "/"
    response = client.get(bad)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()


def test_an_expired_confirmation_link_says_so(client, member, monkeypatch):
    path = re.sub(r"^https?://[^/]+", "", accounts.confirmation_link(member))
    later = time.time() + accounts.LINK_MAX_AGE + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.get(path)
    assert response.status_code == 400
    assert "more than three days old" in response.content.decode()


def test_a_confirmation_link_for_an_old_address_no_longer_works(client, member):
    path = re.sub(r"^https?://[^/]+", "", accounts.confirmation_link(member))
    member.email = "other@example.org"
    member.save()
    assert client.get(path).status_code == 400


def test_log_in_rotates_the_session_and_log_out_ends_it(client, member):
    client.get("/account/log-in/")
    client.session["probe"] = 1
    before = client.cookies.get("sessionid")
    log_in(client, member)
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert client.get("/account/").status_code == 200
    client.post("/account/log-out/")
    assert not Session.objects.filter(session_key=after).exists()
    assert client.get("/account/")["Location"].startswith("/account/log-in/")


def test_a_session_key_planted_before_log_in_is_replaced(member):
    client = Client()
    client.get("/account/log-in/")
    session = client.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    client.cookies["sessionid"] = planted
    log_in(client, member)
    assert client.cookies["sessionid"].value != planted


def test_a_wrong_password_says_nothing_about_the_account(client, member):
    pages = [
        client.post("/account/log-in/", {"username": name, "password": "wrong-one"})
        for name in (member.email, "nobody@example.org")
    ]
    # The CSRF token is masked afresh on every page.
    texts = [re.sub(r'value="[A-Za-z0-9]{64}"', "", page.content.decode()) for page in pages]
    assert all("do not match an account" in text for text in texts)
    assert texts[0].replace(member.email, "X") == texts[1].replace("nobody@example.org", "X")


def test_staff_cannot_log_in_as_members_nor_use_member_pages(client, db):
    editor = factories.editor(username="edie", password="pw-editor-1")
    response = client.post("/account/log-in/", {"username": "edie", "password": "pw-editor-1"})
    assert response.status_code == 400
    # The same answer as a wrong password: nothing says the staff password is right.
    wrong = client.post("/account/log-in/", {"username": "edie", "password": "not-it"})
    assert "do not match an account" in response.content.decode()
    assert _without_token(response) == _without_token(wrong)
    client.force_login(editor)
    page = client.get("/account/")
    assert page.status_code == 403
    assert "This is not a member account" in page.content.decode()
    assert client.get("/account/pages/").status_code == 403


def test_members_never_reach_the_admin(member_client):
    response = member_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert member_client.get("/admin/portal/article/").status_code == 302
    login = member_client.post(
        "/admin/login/?next=/admin/", {"username": "x", "password": PASSWORD}
    )
    assert login.status_code == 200  # the admin's form refuses non-staff


def test_password_reset_is_enumeration_safe_and_confirms_the_address(client, db):
    member = factories.member(confirmed=False)
    answers = [
        client.post("/account/password-reset/", {"email": email})
        for email in (member.email, "nobody@example.org")
    ]
    assert [a["Location"] for a in answers] == ["/account/password-reset/sent/"] * 2
    [message] = mail.outbox
    assert message.to == [member.email]
    page = client.get(link_in(message), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "a-new-pw-7719", "new_password2": "a-new-pw-7719"}
    )
    assert done["Location"] == "/account/password-reset/done/"
    member.refresh_from_db()
    assert member.check_password("a-new-pw-7719")
    assert member.member_profile.email_confirmed


def test_staff_get_no_reset_mail_from_the_members_form(client, db):
    factories.editor(email="edie@example.org")
    client.post("/account/password-reset/", {"email": "edie@example.org"})
    assert mail.outbox == []


def test_change_password(member_client, member):
    response = member_client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-pw-5531",
            "new_password2": "another-pw-5531",
        },
    )
    assert response["Location"] == "/account/"
    member.refresh_from_db()
    assert member.check_password("another-pw-5531")
    # Still signed in: Django keeps the session's hash up to date.
    assert member_client.get("/account/").status_code == 200


def test_change_email_waits_for_the_new_address_to_confirm(member_client, member):
    old = member.email
    response = member_client.post(
        "/account/email/", {"email": "Moved@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == old
    # The notice first, while the account still has the address it warns.
    notice, to_new = mail.outbox
    assert to_new.to == ["moved@example.org"] and notice.to == [old]
    assert "moved@example.org" not in notice.body
    page = member_client.get(link_in(to_new))
    assert page.status_code == 200
    member.refresh_from_db()
    assert (member.email, member.username) == ("moved@example.org", "moved@example.org")
    # Used once: the link names the old address, which the account no longer has.
    assert member_client.get(link_in(to_new)).status_code == 400


def test_a_change_of_address_link_names_no_address_and_dies_with_a_password_change(
    member_client, member
):
    old = member.email
    member_client.post("/account/email/", {"email": "thief@example.org", "password": PASSWORD})
    _, to_new = mail.outbox
    link = link_in(to_new)
    assert "thief" not in link and old.split("@")[0] not in link
    # The member heeds the notice and changes their password: the link dies.
    member_client.post(
        "/account/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-pw-5531",
            "new_password2": "another-pw-5531",
        },
    )
    assert member_client.get(link).status_code == 400
    member.refresh_from_db()
    assert member.email == old


def test_a_confirmation_link_names_no_address(client, db):
    sign_up(client, email="quiet.person@example.org")
    [confirm] = mail.outbox
    assert "quiet" not in link_in(confirm)


def test_change_email_needs_the_password(member_client, member):
    response = member_client.post(
        "/account/email/", {"email": "moved@example.org", "password": "wrong"}
    )
    assert "That password is not right." in response.content.decode()
    assert mail.outbox == []


def test_change_email_to_a_taken_address_changes_nothing(member_client, member):
    other = factories.member()
    member_client.post("/account/email/", {"email": other.email, "password": PASSWORD})
    [note] = mail.outbox
    assert note.to == [other.email] and "already has an account" in note.body
    member.refresh_from_db()
    assert member.email != other.email


def test_delete_account_really_deletes_everything(member_client, member):
    item = factories.condition()
    member_client.post(f"/account/pages/condition/{item.pk}/save/")
    Notification.objects.create(member=member, title="X", summary="Y", url="/")
    session_key = member_client.cookies["sessionid"].value
    refused = member_client.post("/account/delete/", {"password": "wrong"})
    assert refused.status_code == 400 and User.objects.filter(pk=member.pk).exists()
    response = member_client.post("/account/delete/", {"password": PASSWORD})
    assert response["Location"] == "/account/goodbye/"
    assert not User.objects.filter(pk=member.pk).exists()
    assert not MemberProfile.objects.exists()
    assert not Follow.objects.exists()
    assert not Notification.objects.exists()
    assert not Session.objects.filter(session_key=session_key).exists()
    from axes.models import AccessLog

    assert not AccessLog.objects.filter(username=member.email).exists()
    assert "Your account is deleted" in member_client.get("/account/goodbye/").content.decode()


def test_every_member_form_carries_a_csrf_token(member_client):
    for path in ("/account/", "/account/email/", "/account/password/", "/account/delete/"):
        html = member_client.get(path).content.decode()
        forms = html.count("<form") - html.count('role="search"')
        assert forms and html.count("csrfmiddlewaretoken") >= forms, path


def test_member_forms_refuse_a_post_without_csrf(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post("/account/delete/", {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=member.pk).exists()


def test_deleting_an_account_takes_its_sign_in_records_even_after_a_new_address(
    client, member, settings
):
    from axes.models import AccessLog

    settings.AXES_ENABLED = True
    old = member.email
    log_in(client, member)
    assert AccessLog.objects.filter(username=old).exists()
    client.post("/account/email/", {"email": "renamed@example.org", "password": PASSWORD})
    _, to_new = mail.outbox
    assert client.get(link_in(to_new)).status_code == 200
    client.post("/account/delete/", {"password": PASSWORD})
    assert not User.objects.filter(pk=member.pk).exists()
    assert not AccessLog.objects.filter(username__in=[old, "renamed@example.org"]).exists()


def test_two_sign_ups_for_one_address_at_once_make_one_account(client, db, monkeypatch):
    first = sign_up(client, email="twice@example.org")
    # The second request looked before the first one's insert committed.
    real_filter = User.objects.filter
    monkeypatch.setattr(
        accounts.get_user_model().objects,
        "filter",
        lambda *a, **k: User.objects.none() if a and not k else real_filter(*a, **k),
    )
    second = sign_up(client, email="twice@example.org")
    assert first.status_code == second.status_code == 302
    assert User.objects.filter(username="twice@example.org").count() == 1


def test_an_address_that_grows_past_the_limit_when_lower_cased_gets_a_message(client, db):
    long_address = "a@" + ".".join(["İ" * 45] * 3) + ".com"
    assert len(long_address) <= 150 < len(long_address.lower())
    response = sign_up(client, email=long_address)
    assert response.status_code == 400
    assert "too long" in response.content.decode()
    assert not User.objects.exists()


def _without_token(response):
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", response.content.decode())


def test_confirming_an_address_logs_its_member_in_with_a_new_session_key(client, db):
    sign_up(client)
    before = client.cookies.get("sessionid")
    page = client.get(link_in(mail.outbox[0]))
    assert "You are logged in as new.member@example.org" in page.content.decode()
    after = client.cookies["sessionid"].value
    assert not before or before.value != after, "the session key is rotated"
    assert client.get("/account/").status_code == 200
    user = User.objects.get(email="new.member@example.org")
    assert Session.objects.get(session_key=after).get_decoded()["_auth_user_id"] == str(user.pk)


def test_a_member_logged_in_by_their_link_gets_the_cached_pages_as_theirs(client, db, settings):
    settings.PAGE_CACHE_ENABLED = True
    page = factories.condition(title="Cramp")
    sign_up(client)
    client.get(link_in(mail.outbox[0]))
    response = client.get(page.get_absolute_url())
    assert response["X-Page-Cache"].startswith("member-")
    assert 'data-role="badge"' in response.content.decode()


def test_a_confirmation_link_logs_in_only_once_and_never_over_someone_else(client, member, db):
    sign_up(client)
    link = link_in(mail.outbox[0])
    # Someone else is signed in on this browser: they stay who they are.
    other = log_in(Client(), member)
    page = other.get(link).content.decode()
    assert "Your email address is confirmed" in page and "You are logged in as" not in page
    assert other.get("/account/").context["user"] == member
    # The address is confirmed now; the same link, opened again, logs no one in.
    fresh = Client()
    assert "Your email address is confirmed" in fresh.get(link).content.decode()
    assert fresh.get("/account/").status_code == 302


def test_mail_is_sent_in_the_sites_name(client, db, settings):
    sign_up(client)
    [message] = mail.outbox
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.from_email.startswith(f"{settings.SITE_NAME} <")
