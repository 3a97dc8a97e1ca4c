from django.core.management.base import BaseCommand

from portal.demo.accounts import ensure_demo_accounts
from portal.demo.loader import load_launch_content


class Command(BaseCommand):
    help = "Load the launch content and the demo accounts. Safe to run again."

    def handle(self, *args, **options):
        created = load_launch_content()
        users = ensure_demo_accounts()
        if created:
            summary = ", ".join(f"{number} {kind}" for kind, number in sorted(created.items()))
            self.stdout.write(f"Launch content created: {summary}.")
        else:
            self.stdout.write("Launch content already loaded; nothing to add.")
        self.stdout.write(f"Demo accounts ready: {', '.join(user.username for user in users)}.")
