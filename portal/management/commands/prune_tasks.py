"""Finished tasks leave the task table (`django_tasks_db`) on a schedule:
run hourly from cron. A task that succeeded goes after a day; one that
failed loses its arguments at the first run after it fails and goes after
seven days, kept that long for its error and traceback (which name no
address: portal.editorial.staff_mail.failure_without_addresses). Tasks waiting to
run, or running, are left alone."""

from argparse import ArgumentTypeError
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

SUCCESSFUL_DAYS = 1
FAILED_DAYS = 7
NO_ARGUMENTS: dict[str, list[object] | dict[str, object]] = {"args": [], "kwargs": {}}


def prune_tasks(*, successful_after: timedelta, failed_after: timedelta) -> tuple[int, int]:
    """Delete the successful tasks finished longer ago than `successful_after`
    and the failed ones longer ago than `failed_after`; clear the arguments
    of the failed ones kept. Returns (deleted, cleared)."""
    now = timezone.now()
    with transaction.atomic():
        old_successes = DBTaskResult.objects.filter(
            status=TaskResultStatus.SUCCESSFUL, finished_at__lte=now - successful_after
        )
        old_failures = DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, finished_at__lte=now - failed_after
        )
        deleted = old_successes.delete()[0] + old_failures.delete()[0]
        cleared = (
            DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
            .exclude(args_kwargs=NO_ARGUMENTS)
            .update(args_kwargs=NO_ARGUMENTS)
        )
    return deleted, cleared


def days(value: str) -> float:
    number = float(value)
    if not number >= 0:
        raise ArgumentTypeError("a number of days, 0 or more")
    return number


class Command(BaseCommand):
    help = (
        "Delete finished tasks: successful ones after a day, failed ones after seven "
        "(their arguments cleared at once). Idempotent; run it hourly from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--successful-days",
            type=days,
            default=SUCCESSFUL_DAYS,
            help="Keep a successful task this many days (default: %(default)s).",
        )
        parser.add_argument(
            "--failed-days",
            type=days,
            default=FAILED_DAYS,
            help="Keep a failed task (without its arguments) this long (default: %(default)s).",
        )

    def handle(self, *args, successful_days, failed_days, **options):
        deleted, cleared = prune_tasks(
            successful_after=timedelta(days=successful_days),
            failed_after=timedelta(days=failed_days),
        )
        self.stdout.write(
            f"Deleted {deleted} finished task(s); cleared the arguments of {cleared} failed one(s)."
        )
