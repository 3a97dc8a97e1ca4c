"""The task table keeps finished tasks for a while only (`manage.py
prune_tasks`, hourly from cron), and the README's fixture backup leaves it
out."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from portal.members.accounts import send_account_mail

README = Path(__file__).resolve().parents[2] / "README.md"
ARGUMENTS = {"args": [], "kwargs": {"user_id": 7, "purpose": "reset", "origin": ""}}
NOW = timezone.now()


def task(status, *, finished_days_ago=None, args_kwargs=ARGUMENTS):
    finished = None if finished_days_ago is None else NOW - datetime.timedelta(finished_days_ago)
    return DBTaskResult.objects.create(
        status=status,
        task_path=send_account_mail.module_path,
        args_kwargs=args_kwargs,
        backend_name="default",
        run_after=get_date_max(),
        finished_at=finished,
    )


@pytest.fixture
def tasks(db):
    return {
        "old success": task(TaskResultStatus.SUCCESSFUL, finished_days_ago=1.1),
        "new success": task(TaskResultStatus.SUCCESSFUL, finished_days_ago=0.9),
        "old failure": task(TaskResultStatus.FAILED, finished_days_ago=7.1),
        "new failure": task(TaskResultStatus.FAILED, finished_days_ago=6.9),
        "waiting": task(TaskResultStatus.READY),
        "running": task(TaskResultStatus.RUNNING),
    }


def prune(*args):
    out = io.StringIO()
    call_command("prune_tasks", *args, stdout=out)
    return out.getvalue()


def left(tasks):
    kept = set(DBTaskResult.objects.values_list("pk", flat=True))
    return {name for name, row in tasks.items() if row.pk in kept}


def test_finished_tasks_go_after_their_time(tasks):
    said = prune()
    assert left(tasks) == {"new success", "new failure", "waiting", "running"}
    assert "Deleted 2 finished task(s); cleared the arguments of 1 failed one(s)." in said


def test_a_failed_task_is_kept_without_its_arguments(tasks):
    prune()
    failure = DBTaskResult.objects.get(pk=tasks["new failure"].pk)
    assert failure.args_kwargs == {"args": [], "kwargs": {}}
    for name in ("new success", "waiting", "running"):
        assert DBTaskResult.objects.get(pk=tasks[name].pk).args_kwargs == ARGUMENTS, name
    assert "cleared the arguments of 0" in prune()  # again: nothing more to do


def test_the_times_can_be_shorter(tasks):
    prune("--successful-days", "0", "--failed-days", "0.5")
    assert left(tasks) == {"waiting", "running"}


def test_the_readme_fixture_backup_leaves_the_task_table_out(db):
    task(TaskResultStatus.READY)
    command = re.search(r"manage\.py dumpdata (.*?)-o backup\.json", README.read_text(), re.DOTALL)
    assert command, "the README's dumpdata command"
    excluded = re.findall(r"--exclude (\S+)", command.group(1))
    out = io.StringIO()
    call_command("dumpdata", exclude=excluded, natural_foreign=True, stdout=out)
    assert '"model": "auth.group"' in out.getvalue()  # the dump is not empty…
    assert "django_tasks_database" not in out.getvalue()  # …and holds no task
