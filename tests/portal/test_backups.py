"""Backups are exact: the launch content, with revisions and review history,
dumped and loaded into an empty database serves every public page byte for
byte as before (feeds, sitemap and JSON-LD included).

Both routes the README documents run: the fixture route, and the
database's own backup (pg_dump on PostgreSQL, SQLite's online backup).
"""

import html
import io
import json
import re
import sqlite3
import subprocess
from urllib.parse import urlsplit

import pytest
import reversion
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from reversion.models import Revision, Version

from conditions.models import Condition
from portal.caching.content_version import PerContentVersion
from portal.editorial import drafts, workflow
from portal.editorial.roles import sync_roles
from portal.models import Draft, ReviewEvent, Source, Status
from remedies.models import Remedy
from tests import factories
from tests.programs import require_program

pytestmark = pytest.mark.django_db(transaction=True)

# The README's command, flag for flag: content types and permissions are
# created by `migrate` in the new database (with other ids), so they are left
# out and every reference to them is written as a natural key; so are groups,
# which `migrate` creates too (portal.serializers names them, so the backup's
# update the new database's instead of clashing). Every other row keeps its
# id, which sessions, queued tasks and stored versions refer to.
DUMP_OPTIONS = {
    "natural_foreign": True,
    # As the README says: the task table holds nothing worth restoring.
    "exclude": ["contenttypes", "auth.permission", "sessions", "django_tasks_database"],
    "indent": 2,
}
# Where a crawl starts: the fixed pages, the sitemap and the feeds link to
# every other public page.
START = [
    "/",
    "/conditions/",
    "/remedies/",
    "/search/?q=cramp",
    "/sitemap.xml",
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/robots.txt",
    # The checker's answers: what its data (weights, urgent combinations) gives.
    "/symptom-checker/results/?s=cramps&s=leg-twitching&s=alcohol&age=16-64",
]
# Not public pages, or not ones a backup decides: the admin, static files,
# forms that carry a visitor's CSRF token, the checker's per-visitor steps.
SKIPPED = ("/admin/", "/static/", "/media/", "/feedback/", "/favicon.ico")
LINK = re.compile(r"""(?:href=|src=)["']([^"']+)["']|<(?:loc|link|id)>([^<]+)</""")
# A cap, so a crawl that has gone wrong (endless pages) fails rather than hangs.
MAX_PAGES = 500


def _local_path(link):
    """The site path a link names, or None for other hosts and skipped paths."""
    parts = urlsplit(html.unescape(link.strip()))
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def public_pages(client):
    """{path: body} for every public page reachable from START."""
    pages, queue = {}, list(START)
    while queue:
        path = queue.pop(0)
        if path in pages:
            continue
        assert len(pages) < MAX_PAGES, "The crawl found more pages than any site this size has."
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if "private" in response.get("Cache-Control", "") or response.cookies:
            # A form with its visitor's own CSRF token (signing in): not
            # content, and different for every visitor.
            continue
        pages[path] = response.content
        for match in LINK.finditer(response.content.decode()):
            found = _local_path(match.group(1) or match.group(2))
            if found and found not in pages:
                queue.append(found)
    return pages


def history():
    """Revisions and review history, every field as stored."""
    return {
        "revisions": list(Revision.objects.order_by("pk").values()),
        "versions": list(
            Version.objects.order_by("pk").values(
                "pk",
                "revision_id",
                "object_id",
                "content_type__app_label",
                "content_type__model",
                "db",
                "format",
                "serialized_data",
                "object_repr",
            )
        ),
        "drafts": list(
            Draft.objects.order_by("pk").values(
                "pk", "object_id", "content", "status", "created_by__username", "updated_at"
            )
        ),
        "review_events": list(
            ReviewEvent.objects.order_by("pk").values(
                "pk",
                "content_type__app_label",
                "content_type__model",
                "object_id",
                "item_title",
                "action",
                "from_status",
                "to_status",
                "actor__username",
                "note",
                "created_at",
            )
        ),
    }


def dump():
    out = io.StringIO()
    call_command("dumpdata", stdout=out, **DUMP_OPTIONS)
    return out.getvalue()


def _without_content_version(fixture):
    # Loading content moves the page cache's version, as any save does; a
    # fresh random number is all it is (portal.caching.content_version).
    return [row for row in json.loads(fixture) if row["model"] != "portal.contentversion"]


def forget_caches():
    """Nothing the old database served may be served again from memory."""
    cache.clear()
    PerContentVersion.forget_all()


@pytest.fixture
def site(client, launch_content):
    """The launch content, with a new page that went through review (linked
    to a launch condition), a live page whose changes were approved and
    another with changes pending: revisions, drafts and review events."""
    # Transactional tests empty every table afterwards, the migrations'
    # groups included.
    sync_roles(apps)
    editor = factories.editor()
    moderator = factories.moderator()
    launch = Condition.objects.published().order_by("pk").first()
    with reversion.create_revision():
        item = factories.condition(
            title="Backup test condition",
            status=Status.DRAFT,
            sources=[Source.objects.published().first()],
        )
        item.related_conditions.add(launch)
    for user, action, note in [
        (editor, "submit", ""),
        (moderator, "request_changes", "Say who should see a doctor."),
        (editor, "submit", ""),
        (moderator, "approve", ""),
    ]:
        workflow.apply_transition(item=item, user=user, name=action, note=note)
    # A live page's changes, approved as a medical review; the draft is
    # written live with its relations, as the signal sees too.
    linked = {launch.pk, *launch.related_conditions.values_list("pk", flat=True)}
    other = Condition.objects.published().exclude(pk__in=linked).order_by("pk").first()
    changes = drafts.snapshot(launch)
    changes["fields"]["summary"] += " Reviewed again."
    changes["fields"]["related_conditions"].append(other.pk)
    workflow.save_draft(item=launch, content=changes, user=editor)
    workflow.apply_transition(item=launch, user=editor, name="submit_changes")
    workflow.apply_transition(
        item=launch, user=moderator, name="approve_changes", medical_review=True
    )
    # And changes still pending: kept, and still not shown.
    remedy = Remedy.objects.published().order_by("pk").first()
    pending = drafts.snapshot(remedy)
    pending["fields"]["summary"] = "Not approved yet."
    workflow.save_draft(item=remedy, content=pending, user=editor)
    forget_caches()
    return client


def check_restored(client, pages, kept):
    forget_caches()
    restored = public_pages(client)
    differing = sorted(path for path in pages if restored.get(path) != pages[path])
    assert not differing, f"{len(differing)} of {len(pages)} pages differ: {differing}"
    assert restored.keys() == pages.keys()
    assert history() == kept


def test_a_fixture_restored_into_an_empty_database_serves_the_same_pages(site, tmp_path):
    pages = public_pages(site)
    kept = history()
    assert len(pages) > 40
    assert len(kept["versions"]) > 1 and len(kept["review_events"]) == 6
    assert len(kept["drafts"]) == 1
    backup = tmp_path / "backup.json"
    backup.write_text(dump())

    # What `migrate` leaves in a new database: content types, permissions
    # and the editors' and moderators' groups, which the backup overwrites.
    call_command("flush", interactive=False)
    sync_roles(apps)
    assert not Condition.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)

    check_restored(site, pages, kept)
    # Exact to the microsecond, row for row: a dump of the restored database
    # is the backup again.
    assert _without_content_version(dump()) == _without_content_version(backup.read_text())


def test_microseconds_survive_the_json_fixture(db):
    condition = factories.condition()
    Condition.objects.filter(pk=condition.pk).update(
        updated_at=condition.updated_at.replace(microsecond=123456)
    )
    for fmt in ("json", "jsonl"):
        out = io.StringIO()
        call_command("dumpdata", "conditions.condition", format=fmt, stdout=out)
        assert ".123456" in out.getvalue(), fmt


def test_the_databases_own_backup_restored_serves_the_same_pages(site, tmp_path):
    """The README's other route, on whichever database the suite runs: on
    PostgreSQL pg_dump and pg_restore; on SQLite its online backup (what
    `sqlite3 db.sqlite3 ".backup …"` runs), copied back over the database."""
    pages = public_pages(site)
    kept = history()
    if connection.vendor == "postgresql":
        restore = _pg_dump_and_restore(tmp_path / "backup.dump")
    else:
        restore = _sqlite_backup_and_restore(tmp_path / "backup.sqlite3")
    # Everything gone in between, as on a new server.
    call_command("flush", interactive=False)
    assert not Condition.objects.exists()
    restore()
    check_restored(site, pages, kept)


def _pg_dump_and_restore(backup):
    pg_dump = require_program("pg_dump", "postgresql-client", "to test the pg_dump route")
    pg_restore = require_program("pg_restore", "postgresql-client", "to restore it")
    address = _libpq_address()
    subprocess.run([pg_dump, "-Fc", "-f", str(backup), address], check=True)
    # Every table dropped and made again by the restore.
    return lambda: subprocess.run(
        [pg_restore, "--clean", "--if-exists", "--no-owner", "-d", address, str(backup)],
        check=True,
    )


def _sqlite_backup_and_restore(backup):
    connection.ensure_connection()
    with sqlite3.connect(backup) as copy:
        connection.connection.backup(copy)

    def restore():
        with sqlite3.connect(backup) as copy:
            copy.backup(connection.connection)

    return restore


def _libpq_address():
    """The test database as pg_dump and pg_restore name it."""
    settings = connection.settings_dict
    user = settings["USER"] or ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgresql://{user}{password}@{host}{port}/{settings['NAME']}"
