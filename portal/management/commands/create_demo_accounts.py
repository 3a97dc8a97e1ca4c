from django.core.management.base import BaseCommand, CommandError

from portal.demo.accounts import DemoAccountsRefused, ensure_demo_accounts


class Command(BaseCommand):
    help = (
        "Create the demo logins that are missing (development only). Existing "
        "accounts, their passwords included, are left as they are."
    )

    def handle(self, *args, **options):
        try:
            users = ensure_demo_accounts()
        except DemoAccountsRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(f"Demo accounts ready: {', '.join(user.username for user in users)}.")
