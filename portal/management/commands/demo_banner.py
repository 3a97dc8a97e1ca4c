from django.conf import settings
from django.core.management.base import BaseCommand

from portal.demo.accounts import DEMO_ACCOUNTS, DEMO_MEMBER


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
            f"    {DEMO_MEMBER[0]:<10} / {DEMO_MEMBER[1]:<15} (a member: log in on the site at "
            f"http://{bind}/account/log-in/)",
            "  Stop with Ctrl+C.",
            "",
        ]
        self.stdout.write("\n".join(lines))
