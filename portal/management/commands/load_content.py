from django.core.management.base import BaseCommand

from portal.content.loader import load_launch_content


class Command(BaseCommand):
    help = "Load the launch content (no accounts). Safe in production and to run again."

    def handle(self, *args: object, **options: object) -> None:
        created = load_launch_content()
        if created:
            summary = ", ".join(f"{number} {kind}" for kind, number in sorted(created.items()))
            self.stdout.write(f"Launch content created: {summary}.")
        else:
            self.stdout.write("Launch content already loaded; nothing to add.")
