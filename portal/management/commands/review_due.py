import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.editorial.inbox import due_for_review
from portal.editorial.roles import MODERATORS


class Command(BaseCommand):
    help = (
        "List published content whose review date has come. Read-only and safe to run "
        "from cron; --email also sends the list to the moderators."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--within", type=int, default=0, metavar="DAYS",
            help="Also list what falls due in the next DAYS days.",
        )  # fmt: skip
        parser.add_argument("--email", action="store_true", help="Email the list to moderators.")

    def handle(self, *args, within, email, **options):
        today = timezone.localdate() + datetime.timedelta(days=within)
        entries = due_for_review(today)
        if not entries:
            self.stdout.write("Nothing is due for review.")
            return
        lines = [
            f"{entry.item.next_review_due:%Y-%m-%d}  {entry.kind:<10} {entry.item}"
            for entry in entries
        ]
        self.stdout.write(f"{len(entries)} item(s) due for review:")
        self.stdout.write("\n".join(lines))
        if email:
            recipients = list(
                get_user_model()
                .objects.filter(groups__name=MODERATORS, is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
            if recipients:
                send_mail(
                    f"{len(entries)} page(s) due for medical review",
                    "\n".join(lines),
                    None,
                    recipients,
                )
                self.stdout.write(f"Emailed {len(recipients)} moderator(s).")
