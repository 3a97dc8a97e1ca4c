from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo.accounts import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Print where the local portal listens and the demo logins."

    def handle(self, *args, **options):
        bind = "127.0.0.1:8000"
        lines = [
            "",
            f"  {settings.SITE_NAME} is starting at http://{bind}/",
            f"  Editors' admin:            http://{bind}/admin/",
            "  Demo logins (username / password):",
            *(
                f"    {username:<10} / {password:<15} ({group or 'superuser'})"
                for username, password, group, *_ in DEMO_ACCOUNTS
            ),
            "  Stop with Ctrl+C.",
            "",
        ]
        self.stdout.write("\n".join(lines))
