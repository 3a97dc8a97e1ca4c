"""Sixteen requests writing at once get no "database is locked".

On SQLite the database is one file: with the default rollback journal and
deferred transactions, a transaction that reads and then writes (a sign-up
checking its address, django-axes counting a failure, an admin save) can be
refused at once, with no wait, when another writer holds the file. The
settings put SQLite in WAL mode with immediate transactions and a busy
timeout (portal/settings.py); this runs the same mix of writes as the report
that found the 500s, on a database file configured by those settings.

On PostgreSQL (DATABASE_URL set) the same writers run against the test
database, where row locks make them wait for one another.
"""

import functools
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F, Sum

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 16
ROUNDS = 20
# Each round is three transactions: a sign-up, a failed sign-in counted,
# an admin-style save of one shared row.
TRANSACTIONS_PER_ROUND = 3


def _sign_up(writer: int, round_: int) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    name = f"writer{writer}-{round_}@example.org"
    with transaction.atomic():
        # Read, then write: the shape that SQLite refuses without waiting.
        if not User.objects.filter(username=name).exists():
            User.objects.create_user(name, email=name, password=None)


def _count_failure() -> None:
    # What django-axes does for each failed sign-in.
    from axes.models import AccessAttempt

    with transaction.atomic():
        attempt, created = AccessAttempt.objects.select_for_update().get_or_create(
            username="shared",
            ip_address="203.0.113.9",
            user_agent="concurrency",
            defaults={"failures_since_start": 1, "get_data": "", "post_data": ""},
        )
        if not created:
            AccessAttempt.objects.filter(pk=attempt.pk).update(
                failures_since_start=F("failures_since_start") + 1
            )


def _admin_save() -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    with transaction.atomic():
        editor = get_user_model().objects.get(username="shared-editor")
        editor.last_login = timezone.now()
        editor.save(update_fields=["last_login"])


def hammer(writers: int = WRITERS, rounds: int = ROUNDS) -> dict:
    """Start `writers` threads at once, each writing `rounds` times; return
    the transactions committed, the errors and the failures counted."""
    from axes.models import AccessAttempt
    from django.contrib.auth import get_user_model

    get_user_model().objects.get_or_create(username="shared-editor")
    start = threading.Barrier(writers)
    errors: list[str] = []
    committed = [0] * writers

    def write(writer: int) -> None:
        try:
            start.wait()
            for round_ in range(rounds):
                for step in (
                    functools.partial(_sign_up, writer, round_),
                    _count_failure,
                    _admin_save,
                ):
                    try:
                        step()
                        committed[writer] += 1
                    except Exception as error:  # every error is the finding
                        errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counted = AccessAttempt.objects.filter(username="shared").aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return {
        "committed": sum(committed),
        "errors": errors,
        "failures_counted": counted,
        "vendor": connection.vendor,
        "journal_mode": _journal_mode(),
    }


def _journal_mode() -> str:
    if connection.vendor != "sqlite":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        return cursor.fetchone()[0]


def _create_tables() -> None:
    """The tables the writers touch (a full `migrate` takes ten seconds)."""
    from axes.models import AccessAttempt
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType

    with connection.schema_editor() as editor:
        for model in (ContentType, Permission, Group, User, AccessAttempt):
            editor.create_model(model)


def main() -> None:
    """Run in a fresh process configured by portal.settings (DATABASE_URL
    names a temporary SQLite file): print what `hammer` found, as JSON."""
    import django

    django.setup()
    _create_tables()
    print(json.dumps(hammer()))


def _on_a_file_database(tmp_path: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DJANGO_ENV="development",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", "from tests.portal.test_sqlite_concurrency import main; main()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _assert_no_errors(found: dict) -> None:
    expected = WRITERS * ROUNDS * TRANSACTIONS_PER_ROUND
    errors = found["errors"]
    assert errors == [], f"{len(errors)} of {expected} transactions failed; first: {errors[:3]}"
    assert found["committed"] == expected
    # No failure lost to a race between two writers.
    assert found["failures_counted"] == WRITERS * ROUNDS


def test_sixteen_writers_on_a_sqlite_file_get_no_locked_errors(tmp_path):
    found = _on_a_file_database(tmp_path)
    assert found["vendor"] == "sqlite"
    _assert_no_errors(found)
    assert found["journal_mode"] == "wal"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",
    reason="runs in CI's PostgreSQL pass; on SQLite the test database is in memory, shared by "
    "no threads, so the test above runs the same writers on a SQLite file instead",
)
def test_sixteen_writers_on_the_test_database_get_no_errors():
    _assert_no_errors(hammer())
