import datetime
from argparse import ArgumentParser
from typing import Any, cast

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Model
from django.utils import timezone

from portal.editorial.inbox import QueueEntry, due_for_review
from portal.editorial.workflow import moderators_of


class Command(BaseCommand):
    help = (
        "List published content whose review date has come. Read-only and safe to run "
        "from cron; --email also sends the list to the moderators."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--within", type=int, default=0, metavar="DAYS",
            help="Also list what falls due in the next DAYS days.",
        )  # fmt: skip
        parser.add_argument("--email", action="store_true", help="Email the list to moderators.")

    def handle(self, *args: Any, within: int, email: bool, **options: Any) -> None:
        today = timezone.localdate() + datetime.timedelta(days=within)
        entries: list[QueueEntry] = due_for_review(today)  # type: ignore[no-untyped-call]
        if not entries:
            self.stdout.write("Nothing is due for review.")
            return
        lines = [
            f"{entry.item.next_review_due:%Y-%m-%d}  {entry.kind:<10} {entry.item}"  # type: ignore[attr-defined]
            for entry in entries
        ]
        self.stdout.write(f"{len(entries)} item(s) due for review:")
        self.stdout.write("\n".join(lines))
        if email:
            recipients = _moderators(entries)
            if recipients:
                send_mail(
                    f"{len(entries)} page(s) due for medical review",
                    "\n".join(lines),
                    None,
                    recipients,
                )
                self.stdout.write(f"Emailed {len(recipients)} moderator(s).")


def _moderators(entries: list[QueueEntry]) -> list[str]:
    # The workflow's moderators (who may publish a kind that is due), not a
    # group's name: the reminder reaches the people a submission would.
    addresses: set[str] = set()
    for model in {cast(type[Model], type(entry.item)) for entry in entries}:
        addresses.update(moderators_of(model).exclude(email="").values_list("email", flat=True))
    return sorted(addresses)
