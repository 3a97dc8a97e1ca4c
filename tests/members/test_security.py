"""Safe by default: log-in throttled per account and per address (django-axes),
sign-up and password resets limited per address and per email, no member
address in any log line, checker answers never linked to an account; the
task table holds no address or link, and answers about an address do the
same work whether or not it has an account."""

import datetime
import importlib
import logging
import re
import smtplib
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from portal.members import accounts
from portal.members.models import MemberProfile
from portal.models import RateCounter
from tests import factories
from tests.members.conftest import PASSWORD, log_in, run_worker, task_rows


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

    return [m for m in apps.get_models() if m._meta.app_label != "django_tasks_database"]


# Secrets at rest: account mail is queued as an account id and a purpose.


def _link_path(message):
    [url] = re.findall(r"https?://\S+", message.body)[:1]
    return re.sub(r"^https?://[^/]+", "", url)


def test_the_task_table_holds_no_address_and_no_link(database_queue, db):
    member = factories.member(email="kept.private@example.org", confirmed=False)
    staff = factories.editor(email="staff.private@example.org")
    addresses = [member.email, staff.email, "brand.new@example.org", "moved.here@example.org"]
    sign_up("brand.new@example.org", address="192.0.2.1")
    sign_up(member.email, address="192.0.2.2")
    sign_up(staff.email, address="192.0.2.3")
    for email in (member.email, staff.email, "nobody.here@example.org"):
        Client().post("/account/password-reset/", {"email": email}, REMOTE_ADDR="192.0.2.4")
    client = log_in(Client(), member)
    client.post("/account/confirm-again/")
    client.post("/account/email/", {"email": "moved.here@example.org", "password": PASSWORD})
    client.post("/account/email/", {"email": staff.email, "password": PASSWORD})
    assert mail.outbox == []  # queued, not sent
    queued = task_rows()
    run_worker()
    # Every mail went, with its link, written by the worker…
    assert len(mail.outbox) == 8
    reset = next(m for m in mail.outbox if "/password-reset/" in m.body and m.to == [member.email])
    token = _link_path(reset).strip("/").split("/")[-1]
    links = [_link_path(m) for m in mail.outbox if "/confirm/" in m.body]
    assert len(links) == 3  # two confirmations and the change of address
    # …and the table names none of them, before or after sending.
    rows = task_rows()
    for row in queued + rows:
        assert "@" not in row and "/account/" not in row and token not in row, row
        assert not any(address.split("@")[0] in row for address in addresses), row
    assert len(rows) == 10  # one for each mail, and two resets that found no member


def test_a_reset_link_written_by_the_worker_resets_the_password(database_queue, db):
    member = factories.member()
    Client().post("/account/password-reset/", {"email": member.email})
    [row] = DBTaskResult.objects.all()
    assert row.args_kwargs["kwargs"] == {"user_id": member.pk, "purpose": "reset", "origin": ""}
    run_worker()
    [message] = mail.outbox
    client = Client()
    page = client.get(_link_path(message), follow=True)
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a-new-pw-7719", "new_password2": "a-new-pw-7719"},
    )
    assert done["Location"] == "/account/password-reset/done/"
    member.refresh_from_db()
    assert member.check_password("a-new-pw-7719")


def test_deleting_an_account_takes_its_queued_mail(database_queue, db):
    member = factories.member(confirmed=False)
    other = factories.member()
    client = log_in(Client(), member)
    client.post("/account/confirm-again/")
    client.post("/account/email/", {"email": "leaving@example.org", "password": PASSWORD})
    Client().post("/account/password-reset/", {"email": other.email})
    assert DBTaskResult.objects.count() == 4
    client.post("/account/delete/", {"password": PASSWORD})
    assert not get_user_model().objects.filter(pk=member.pk).exists()
    [left] = DBTaskResult.objects.all()
    assert left.args_kwargs["kwargs"]["user_id"] == other.pk
    run_worker()
    assert [m.to for m in mail.outbox] == [[other.email]]


def test_mail_queued_for_an_account_deleted_meanwhile_sends_nothing(database_queue, db):
    member = factories.member()
    Client().post("/account/password-reset/", {"email": member.email})
    member.delete()  # say, by an administrator
    run_worker()
    assert mail.outbox == []
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_mail_server_refusal_leaves_no_address_in_the_task_table(database_queue, db):
    member = factories.member()
    refused = smtplib.SMTPRecipientsRefused({member.email: (550, b"no such mailbox")})
    Client().post("/account/password-reset/", {"email": member.email})
    with mock.patch("portal.members.accounts.send_mail", side_effect=refused):
        run_worker()
    [row] = DBTaskResult.objects.all()
    assert row.status == "FAILED"
    assert "SMTPRecipientsRefused" in row.traceback
    assert member.email not in row.traceback and "@" not in row.traceback


def test_upgrading_forgets_mail_queued_written_out(database_queue, db):
    """Rows from before mail was queued by id held the mail itself."""
    accounts.send_account_mail.enqueue(user_id=None, purpose="reset")
    DBTaskResult.objects.create(
        task_path=accounts.send_account_mail.module_path,
        args_kwargs={"args": [], "kwargs": {"subject": "Reset", "body": "…", "to": "a@b.org"}},
        backend_name="default",
        run_after=DBTaskResult.objects.get().run_after,
    )
    migration = importlib.import_module(
        "portal.members.migrations.0003_forget_account_mail_with_addresses"
    )
    migration.forget_written_mail(django_apps, None)
    assert [row.args_kwargs["kwargs"]["purpose"] for row in DBTaskResult.objects.all()] == ["reset"]


# The same work whatever the address: every query of one answer, by its
# kind and table, is the same for an address with an account and without.


def _work(queries):
    """Each statement as its verb and table ("INSERT auth_user"). Savepoints
    are left out: a sign-up for a taken address rolls its rows back, which
    closes a savepoint in two statements where keeping them takes one (in
    production that transaction is the outermost: one COMMIT or ROLLBACK)."""
    work = []
    for query in queries:
        sql = query["sql"]
        if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")):
            table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)', sql)
            work.append(f"{sql.split()[0]} {table.group(1) if table else ''}")
    return work


def _work_of(path, data, address):
    # A client address and an email address of its own for each request,
    # so the rate limit's counters do the same work too.
    with CaptureQueriesContext(connection) as queries:
        response = Client().post(path, data, REMOTE_ADDR=address)
    assert response.status_code == 302
    return _work(queries.captured_queries)


def test_a_reset_does_the_same_work_for_any_address(database_queue, db):
    member = factories.member(email="has.account@example.org")
    factories.editor(email="staff.account@example.org")
    path = "/account/password-reset/"
    work = {
        email: _work_of(path, {"email": email}, f"192.0.2.{n}")
        for n, email in enumerate(
            [member.email, "staff.account@example.org", "no.account@example.org"], start=1
        )
    }
    first = work[member.email]
    assert first.count("INSERT django_tasks_database_dbtaskresult") == 1
    assert all(each == first for each in work.values()), work


def test_a_sign_up_does_the_same_work_for_any_address(database_queue, db):
    member = factories.member(email="has.account@example.org")
    path = "/account/sign-up/"
    taken, new = (
        _work_of(path, {"email": email, "password1": PASSWORD, "password2": PASSWORD}, address)
        for email, address in ((member.email, "192.0.2.1"), ("no.account@example.org", "192.0.2.2"))
    )
    assert taken == new, (taken, new)
    for write in ("INSERT auth_user", "INSERT members_memberprofile"):
        assert new.count(write) == 1
    assert get_user_model().objects.count() == 2  # the taken address's rows rolled back


def test_a_database_refusing_writes_fails_a_sign_up_whatever_the_address(db):
    # Named, not numbered by the factory: an address like member21@… is too
    # like the password for Django's validator, and the sign-up is then a 400.
    member = factories.member(email="has.account@example.org")
    locked = mock.patch.object(
        MemberProfile.objects, "create", side_effect=OperationalError("database is locked")
    )
    client = Client(raise_request_exception=False)
    with locked:
        answers = [
            client.post(
                "/account/sign-up/",
                {"email": email, "password1": PASSWORD, "password2": PASSWORD},
                REMOTE_ADDR=f"192.0.2.{n}",
            ).status_code
            for n, email in enumerate([member.email, "no.account@example.org"])
        ]
    assert answers == [500, 500]
    assert mail.outbox == []
