"""Settings come from the environment; production refuses unsafe defaults."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string

from portal.settings import mailers_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "SECRET_KEY": "tests-only-3f9a1c7e5b2d8046-QWERTYUIOPASDFGHJKLZXCVBNM-qwertyuiop",
    "ALLOWED_HOSTS": "health.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
}


def run_manage(*args, env):
    # The test run's own settings (development, async-unsafe) must not leak in.
    leaked = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in leaked}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY is not set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS is not set"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_debug_is_off_in_production_by_default():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=PRODUCTION
    )
    assert result.stdout.strip().endswith("False"), result.stderr


def test_an_unknown_environment_name_is_refused():
    result = run_manage("check", env={**PRODUCTION, "DJANGO_ENV": "staging"})
    assert "DJANGO_ENV must be 'production' or 'development'" in result.stderr


@pytest.mark.parametrize(
    ("url", "options"),
    [
        (
            "smtp://mail.example.org",
            {"host": "mail.example.org", "use_tls": False, "use_ssl": False},
        ),
        (
            "smtp+tls://u:p%40ss@mail.example.org:587",
            {"port": 587, "use_tls": True, "username": "u", "password": "p@ss"},
        ),
        ("smtps://mail.example.org:465", {"port": 465, "use_ssl": True}),
    ],
)
def test_email_url_becomes_an_smtp_mailer(url, options):
    mailer = mailers_from_url(url)
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert options.items() <= mailer["OPTIONS"].items()


@pytest.mark.parametrize("url", ["http://mail.example.org", "smtp://", "ftp://x"])
def test_a_malformed_email_url_is_refused_with_a_reason(url):
    with pytest.raises(ImproperlyConfigured):
        mailers_from_url(url)


def test_missing_migrations_fail_the_suite(db):
    from django.core.management import call_command

    # --check exits non-zero when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def database_options(url):
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
        env={**PRODUCTION, "DATABASE_URL": url},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_waits_for_the_write_lock_instead_of_failing(tmp_path):
    """Finding 7: "database is locked" 500s under modest concurrency
    (tests/portal/test_sqlite_concurrency.py runs sixteen writers)."""
    options = database_options(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


def test_postgresql_gets_no_sqlite_options():
    options = database_options("postgres://portal:secret@127.0.0.1:5432/portal")
    assert not {"transaction_mode", "init_command", "timeout"} & options.keys()
    # A server that does not answer fails a request in seconds, not minutes.
    assert options["connect_timeout"] == 3


def _file_cache(tmp_path):
    """The file cache as the settings without Redis make it, with its options."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CACHES['default']))",
        env={"DJANGO_ENV": "development", "CACHE_DIR": str(tmp_path)},
    )
    settings = json.loads(result.stdout)
    return import_string(settings["BACKEND"]), settings["OPTIONS"]


def test_postgresql_cancels_statements_only_where_asked():
    url = "postgres://portal:secret@127.0.0.1:5432/portal"
    assert "options" not in database_options(url)
    with_timeout = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default']['OPTIONS']))",
        env={**PRODUCTION, "DATABASE_URL": url, "DB_STATEMENT_TIMEOUT": "7"},
    )
    options = json.loads(with_timeout.stdout.strip().splitlines()[-1])
    assert options["options"] == "-c statement_timeout=7000"


def test_web_processes_have_a_statement_timeout_unless_one_is_set():
    """gunicorn.conf.py sets it before the app loads; the task worker and
    management commands (migrations) go without."""
    read = (
        "import os, runpy; runpy.run_path('gunicorn.conf.py'); "
        "print(os.environ['DB_STATEMENT_TIMEOUT'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DB_STATEMENT_TIMEOUT"}
    for env, expected in ((clean, "25"), ({**clean, "DB_STATEMENT_TIMEOUT": "60"}, "60")):
        shown = subprocess.run(
            [sys.executable, "-c", read], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert shown.stdout.strip() == expected, shown.stderr


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="statement_timeout is PostgreSQL's own (SQLite has none); CI's PostgreSQL pass runs it",
)
def test_a_statement_past_the_timeout_is_cancelled_by_the_server(db):
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    started = time.monotonic()
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('SELECT pg_sleep(10)')",
        env={"DJANGO_ENV": "development", "DATABASE_URL": url, "DB_STATEMENT_TIMEOUT": "1"},
    )
    assert result.returncode != 0
    assert "statement timeout" in result.stderr
    assert time.monotonic() - started < 8


def test_the_file_cache_holds_a_whole_small_site_of_pages(tmp_path):
    """Finding 5: Django's default kept about 300 pages, so after a crawl of
    1,000 condition pages 5 of 300 revisited ones were still cached."""
    backend, options = _file_cache(tmp_path)
    assert options["MAX_ENTRIES"] >= 5000
    cache = backend(str(tmp_path / "pages"), {"OPTIONS": options})
    for n in range(400):
        cache.set(f"page-{n}", "<html>", 600)
    assert all(cache.get(f"page-{n}") for n in range(400))


def test_a_full_file_cache_keeps_the_pages_people_read(tmp_path):
    """Finding 5's other half: a crawl through a full cache deleted random
    entries, the pages visitors read among them. Ten pages read all along
    stay while 300 crawled once pass through a cache of 60."""
    backend, options = _file_cache(tmp_path)
    cache = backend(str(tmp_path / "pages"), {"OPTIONS": {**options, "MAX_ENTRIES": 60}})
    read = [f"read-{n}" for n in range(10)]
    for key in read:
        cache.set(key, "<html>", 600)
    for n in range(300):
        cache.set(f"crawled-{n}", "<html>", 600)
        assert all(cache.get(key) for key in read), f"a page people read went at page {n}"
    assert len(os.listdir(tmp_path / "pages")) <= 60
    assert cache.get("crawled-299") and not cache.get("crawled-0")


def test_mail_is_sent_in_the_sites_name_whatever_name_the_address_carries():
    shown = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEFAULT_FROM_EMAIL); "
        "print(settings.SERVER_EMAIL)",
        env={
            "DJANGO_ENV": "development",
            "SITE_NAME": "Clear Health",
            "DEFAULT_FROM_EMAIL": "Health Portal <mail@clinic.test>",
            "SERVER_EMAIL": "",
        },
    )
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()[-2:]
    assert lines == ["Clear Health <mail@clinic.test>"] * 2
