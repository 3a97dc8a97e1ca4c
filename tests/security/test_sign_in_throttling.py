"""Sign-in is throttled per address and per name, through the database (so
every worker and instance sees the same count): an address is paused after
repeated failures; a name is never locked, but guessing it from anywhere is
slowed by a delay that doubles, which its owner does not meet where they
have signed in before; a success forgets only its own (name, address)
failures. The page does not reveal whether an account exists, and each
lockout is logged without naming anyone (portal/admin/sign_in.py)."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client

from portal.admin import sign_in
from tests import factories

LOGIN = "/admin/login/?next=/admin/"
MEMBER_LOGIN = "/account/log-in/"
LIMIT = 3


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def attempt(client, username, password, address="203.0.113.7", url=LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def later(minutes):
    """Move every recorded failure `minutes` into the past."""
    shift = datetime.timedelta(minutes=minutes)
    for model in (AccessAttempt, AccessFailureLog):
        for row in model.objects.all():
            model.objects.filter(pk=row.pk).update(attempt_time=row.attempt_time - shift)


def test_an_address_is_paused_after_repeated_failures_even_with_the_right_password(db):
    factories.editor(username="qxedit", password="right-one")
    for _ in range(LIMIT - 1):
        assert attempt(Client(), "qxedit", "wrong").status_code == 200
    # The last failure allowed pauses the address: from then on even the
    # right password is refused there.
    assert attempt(Client(), "qxedit", "wrong").status_code == 429
    locked = attempt(Client(), "qxedit", "right-one")
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    # A member who forgot their password is shown the way to reset it.
    assert 'href="/account/password-reset/"' in locked.content.decode()
    assert locked["Retry-After"] == "900"


def test_a_success_on_ones_own_account_does_not_wipe_failures_against_staff(db):
    """Finding 2: a guesser who signs in to a member account they made
    between rounds of guesses used to wipe the failures against staff; five
    rounds of one-short-of-the-limit reached the admin with the password."""
    factories.editor(username="qxstaff", password="right-one")
    own = factories.member(email="guesser@example.org", password="own-pw-5521")
    for _ in range(5):
        for _ in range(LIMIT - 1):
            attempt(Client(), "qxstaff", "wrong")
        attempt(Client(), own.email, "own-pw-5521", url=MEMBER_LOGIN)
    client = Client()
    assert attempt(client, "qxstaff", "right-one").status_code == 429
    assert client.get("/admin/").status_code == 302
    # The address was paused at the limit: the staff password was tried
    # that many times, not 5 × (LIMIT - 1).
    assert AccessFailureLog.objects.filter(username="qxstaff").count() == LIMIT


def test_a_success_forgets_only_its_own_name_and_address(db):
    factories.editor(username="qxedit", password="right-one")
    attempt(Client(), "qxedit", "wrong", address="192.0.2.1")
    attempt(Client(), "qxedit", "wrong", address="192.0.2.2")
    attempt(Client(), "someone-else", "wrong", address="192.0.2.1")
    assert attempt(Client(), "qxedit", "right-one", address="192.0.2.1").status_code == 302
    left = set(AccessFailureLog.objects.values_list("username", "ip_address"))
    assert left == {("qxedit", "192.0.2.2"), ("someone-else", "192.0.2.1")}
    assert set(AccessAttempt.objects.values_list("username", "ip_address")) == left


def test_one_address_guessing_many_accounts_is_paused(db):
    factories.editor(username="qxedit", password="right-one")
    for number in range(LIMIT):
        attempt(Client(), f"guess{number}", "wrong")
    assert attempt(Client(), "qxedit", "right-one").status_code == 429
    # Another address signs in as usual.
    assert attempt(Client(), "qxedit", "right-one", address="192.0.2.5").status_code == 302


def test_the_pause_expires_and_tries_during_it_do_not_lengthen_it(db):
    factories.editor(username="qxedit", password="right-one")
    for _ in range(LIMIT):
        attempt(Client(), "qxedit", "wrong")
    later(10)
    # Knocking while paused is refused and not counted.
    for _ in range(5):
        assert attempt(Client(), "qxedit", "wrong").status_code == 429
    assert AccessFailureLog.objects.count() == LIMIT
    assert int(attempt(Client(), "qxedit", "right-one")["Retry-After"]) <= 5 * 60
    later(6)
    assert attempt(Client(), "qxedit", "right-one").status_code == 302


def test_strangers_cannot_lock_a_name_out_of_where_its_owner_signs_in(db):
    """Finding 8: five failures used to lock any name for everyone for
    15 minutes, again and again, whoever made them."""
    factories.editor(username="qxedit", password="right-one")
    home = "192.0.2.10"
    assert attempt(Client(), "qxedit", "right-one", address=home).status_code == 302
    for number in range(20):
        attempt(Client(), "qxedit", "wrong", address=f"198.51.100.{number}")
    # Guessing from a new address must wait ...
    assert attempt(Client(), "qxedit", "wrong", address="198.51.100.99").status_code == 429
    # ... but the owner, where they have signed in before, does not.
    assert attempt(Client(), "qxedit", "right-one", address=home).status_code == 302


def test_guessing_one_name_from_many_addresses_waits_longer_each_time(db):
    factories.editor(username="qxedit", password="right-one")
    for number in range(LIMIT):
        attempt(Client(), "qxedit", "wrong", address=f"198.51.100.{number}")
    waits = []
    for number in range(LIMIT, LIMIT + 6):
        address = f"198.51.100.{number}"
        refused = attempt(Client(), "qxedit", "wrong", address=address)
        assert refused.status_code == 429
        wait = int(refused["Retry-After"])
        waits.append(wait)
        later(wait / 60)
        # Once the wait is over, one more guess is let through (and fails).
        assert attempt(Client(), "qxedit", "wrong", address=address).status_code == 200
    # 1, 2, 4, 8 minutes, then never more than the address pause (15).
    assert waits == [60, 120, 240, 480, 900, 900]
    # The same wait for a name that has no account: nothing says which exist.
    for number in range(LIMIT):
        attempt(Client(), "qxnobody", "wrong", address=f"203.0.113.{number}")
    assert attempt(Client(), "qxnobody", "wrong", address="203.0.113.50")["Retry-After"] == "60"


def test_a_name_is_forgotten_after_a_day(db):
    factories.editor(username="qxedit", password="right-one")
    for number in range(LIMIT):
        attempt(Client(), "qxedit", "wrong", address=f"198.51.100.{number}")
    later(sign_in.NAME_MEMORY.total_seconds() / 60 + 1)
    attempt(Client(), "someone-else", "wrong", address="192.0.2.77")
    assert not AccessFailureLog.objects.filter(username="qxedit").exists()
    assert attempt(Client(), "qxedit", "right-one", address="192.0.2.8").status_code == 302


def test_the_lockout_looks_the_same_whether_or_not_the_account_exists(db):
    factories.editor(username="qxedit", password="right-one")
    pages = []
    for username, address in (("qxedit", "192.0.2.1"), ("qxnobody", "192.0.2.2")):
        for _ in range(LIMIT):
            attempt(Client(), username, "wrong", address=address)
        response = attempt(Client(), username, "wrong", address=address)
        pages.append((response.status_code, response.content.decode()))
    assert pages[0] == pages[1]
    assert "qxedit" not in pages[0][1] and "qxnobody" not in pages[1][1]
    assert pages[0][0] == 429


def test_each_lockout_is_logged_once_without_the_name_or_address(db, caplog):
    factories.editor(username="qxedit", password="right-one")
    with caplog.at_level(logging.INFO):
        for _ in range(LIMIT):
            attempt(Client(), "qxedit", "wrong")
        for number in range(LIMIT):
            attempt(Client(), "qxother", "wrong", address=f"198.51.100.{number}")
    lockouts = [r.getMessage() for r in caplog.records if "Locking out" in r.getMessage()]
    assert len(lockouts) == 1
    delays = [r.getMessage() for r in caplog.records if "Delaying sign-in" in r.getMessage()]
    assert len(delays) == 2
    for line in lockouts + delays:
        assert "qxedit" not in line and "qxother" not in line
        assert "203.0.113.7" not in line and "198.51.100" not in line
    assert "right-one" not in caplog.text


def test_the_last_minute_of_a_wait_is_still_a_minute(db):
    factories.editor(username="qxedit", password="right-one")
    for _ in range(LIMIT):
        attempt(Client(), "qxedit", "wrong")
    later(14.9)
    refused = attempt(Client(), "qxedit", "right-one")
    assert 0 < int(refused["Retry-After"]) <= 6
    assert "wait 1 minute " in refused.content.decode()
