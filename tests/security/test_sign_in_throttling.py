"""Sign-in is throttled per account and per address, through the database
(so every worker and instance sees the same count), with a lockout that
expires, a page that does not reveal whether an account exists, and an
audit line per lockout that names no one."""

import datetime
import logging

import pytest
from django.test import Client

from tests import factories

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password(db):
    factories.editor(username="qxedit", password="right-one")
    for _ in range(2):
        assert attempt(Client(), "qxedit", "wrong").status_code == 200
    # The third failure locks: from then on even the right password is refused.
    assert attempt(Client(), "qxedit", "wrong").status_code == 429
    locked = attempt(Client(), "qxedit", "right-one")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # A member who forgot their password is shown the way to reset it.
    assert 'href="/account/password-reset/"' in locked.content.decode()
    assert locked["Retry-After"] == "900"


def test_failures_from_other_addresses_still_count_for_the_account(db):
    factories.editor(username="qxedit", password="right-one")
    for number in range(3):
        attempt(Client(), "qxedit", "wrong", address=f"198.51.100.{number}")
    # A fresh address, a fresh client (another worker, say): still locked.
    assert attempt(Client(), "qxedit", "right-one", address="192.0.2.99").status_code == 429


def test_one_address_guessing_many_accounts_is_locked(db):
    factories.editor(username="qxedit", password="right-one")
    for number in range(3):
        attempt(Client(), f"guess{number}", "wrong")
    assert attempt(Client(), "qxedit", "right-one").status_code == 429
    # Another address signs in as usual.
    assert attempt(Client(), "qxedit", "right-one", address="192.0.2.5").status_code == 302


def test_the_lockout_expires(db, settings):
    factories.editor(username="qxedit", password="right-one")
    for _ in range(3):
        attempt(Client(), "qxedit", "wrong")
    assert attempt(Client(), "qxedit", "right-one").status_code == 429
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(
        attempt_time=factories.timezone.now() - datetime.timedelta(minutes=16)
    )
    assert attempt(Client(), "qxedit", "right-one").status_code == 302


def test_the_lockout_looks_the_same_whether_or_not_the_account_exists(db):
    factories.editor(username="qxedit", password="right-one")
    pages = []
    for username, address in (("qxedit", "192.0.2.1"), ("qxnobody", "192.0.2.2")):
        for _ in range(3):
            attempt(Client(), username, "wrong", address=address)
        response = attempt(Client(), username, "wrong", address=address)
        pages.append((response.status_code, response.content.decode()))
    assert pages[0] == pages[1]
    assert "qxedit" not in pages[0][1] and "qxnobody" not in pages[1][1]
    assert pages[0][0] == 429


def test_each_lockout_is_logged_once_without_the_name_or_address(db, caplog):
    factories.editor(username="qxedit", password="right-one")
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            attempt(Client(), "qxedit", "wrong")
    lockouts = [r.getMessage() for r in caplog.records if "Locking out" in r.getMessage()]
    assert len(lockouts) == 1
    assert "qxedit" not in lockouts[0] and "203.0.113.7" not in lockouts[0]
    assert "right-one" not in caplog.text
