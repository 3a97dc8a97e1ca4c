from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.demo.video import load_demo_video


class Command(BaseCommand):
    help = (
        "Development: load the launch content, schedule the demo video of the day for "
        "today and create the demo accounts. "
        "In production use load_content; the first administrator comes from createsuperuser."
    )

    def handle(self, *args: object, **options: object) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "load_demo creates demo accounts and is for development only. In production "
                "run `manage.py load_content` for the launch content, and "
                "`manage.py createsuperuser` for the first administrator."
            )
        call_command("load_content", stdout=self.stdout)
        if video := load_demo_video():
            self.stdout.write(f"Demo video of the day scheduled for {video.date:%d %B %Y}.")
        call_command("create_demo_accounts", stdout=self.stdout)
