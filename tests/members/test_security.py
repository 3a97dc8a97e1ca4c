"""Safe by default: log-in throttled per account and per address (django-axes),
sign-up and password resets limited per address and per email, no member
address in any log line, checker answers never linked to an account."""

import datetime
import logging

import pytest
from django.core import mail
from django.test import Client

from portal.models import RateCounter
from tests import factories
from tests.members.conftest import PASSWORD, log_in


@pytest.fixture
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def attempt(username, password, address="203.0.113.7"):
    return Client().post(
        "/account/log-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_member_log_in_locks_the_account_after_failures(throttled, member):
    for number in range(3):
        attempt(member.email, "wrong", address=f"198.51.100.{number}")
    locked = attempt(member.email, PASSWORD, address="192.0.2.9")
    assert locked.status_code == 429
    assert member.email not in locked.content.decode()


def test_member_log_in_locks_an_address_guessing_many_accounts(throttled, member):
    for number in range(3):
        attempt(f"guess{number}@example.org", "wrong")
    assert attempt(member.email, PASSWORD).status_code == 429
    assert attempt(member.email, PASSWORD, address="192.0.2.5").status_code == 302


def test_the_password_asked_before_deleting_is_throttled_too(throttled, member):
    client = Client()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(3):
        client.post("/account/delete/", {"password": "wrong"}, REMOTE_ADDR="203.0.113.8")
    response = client.post("/account/delete/", {"password": PASSWORD}, REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 429
    member.refresh_from_db()


def sign_up(email, address="203.0.113.7"):
    return Client().post(
        "/account/sign-up/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )


def test_sign_up_is_limited_per_address(db):
    answers = [sign_up(f"person{n}@example.org").status_code for n in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(mail.outbox) == 5
    assert sign_up("another@example.org", address="192.0.2.1").status_code == 302


def test_sign_up_is_limited_per_email(db):
    answers = [sign_up("same@example.org", address=f"192.0.2.{n}").status_code for n in range(4)]
    assert answers == [302] * 3 + [429]


def test_the_rate_table_keeps_no_address(db):
    sign_up("private@example.org", address="203.0.113.77")
    keys = " ".join(RateCounter.objects.values_list("key", flat=True))
    assert "private" not in keys and "203.0.113" not in keys


def test_password_resets_are_limited(member):
    client = Client()
    codes = [
        client.post("/account/password-reset/", {"email": member.email}).status_code
        for _ in range(4)
    ]
    assert codes == [302] * 3 + [429]
    assert len(mail.outbox) == 3


def test_no_member_address_reaches_a_log_line(throttled, caplog, db):
    caplog.set_level(logging.DEBUG)
    sign_up("secret.person@example.org")
    member = factories.member(email="secret.other@example.org")
    attempt("secret.other@example.org", "wrong")
    client = log_in(Client(), member)
    client.get("/account/")
    client.post("/account/log-out/")
    assert "secret." not in caplog.text


def test_checker_answers_are_never_linked_to_a_member(launch_content, member_client, member):
    from django.contrib.sessions.models import Session

    session_key = member_client.cookies["sessionid"].value
    before = Session.objects.get(session_key=session_key).session_data
    counts = {model: model.objects.count() for model in _all_models()}
    for path in (
        "/symptom-checker/",
        "/symptom-checker/step/symptoms/?p=twitching-or-cramps&age=16-64&s=leg-twitching",
        "/symptom-checker/results/?s=leg-twitching&s=muscle-weakness&done=1",
        "/symptom-checker/all/?s=leg-twitching",
    ):
        response = member_client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path
        assert 'data-role="badge"' in response.content.decode()
    assert {model: model.objects.count() for model in _all_models()} == counts
    assert Session.objects.get(session_key=session_key).session_data == before


def _all_models():
    from django.apps import apps

    return [m for m in apps.get_models() if m._meta.app_label not in {"django_tasks_db"}]
