from django.core.management.base import BaseCommand

from portal.editorial.workflow import run_schedule


class Command(BaseCommand):
    help = (
        "Put live the approved pages whose go-live time has come and take off those that "
        "have expired. Idempotent and safe to run from cron every minute."
    )

    def handle(self, *args, **options):
        run = run_schedule()
        for item in run.went_live:
            self.stdout.write(f"Live now: {item}")
        for item in run.expired:
            self.stdout.write(f"Expired and archived: {item}")
        if not (run.went_live or run.expired):
            self.stdout.write("Nothing is due.")
