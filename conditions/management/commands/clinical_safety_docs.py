from django.core.management.base import BaseCommand, CommandError

from conditions.checker import safety_case


class Command(BaseCommand):
    help = (
        "Write the checker's pathway pages of the clinical safety case from the approved data "
        "(conditions/clinical_safety/pathways/); --check only reports whether they are current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if a page differs from the approved data."
        )

    def handle(self, *args, check=False, **options):
        wanted = safety_case.documents()
        stale = sorted(
            path.name
            for path, text in wanted.items()
            if not path.exists() or path.read_text() != text
        )
        extra = sorted(path.name for path in safety_case.FOLDER.glob("*.md") if path not in wanted)
        if check:
            if stale or extra:
                raise CommandError(
                    "The safety case's pathway pages are out of date "
                    f"({', '.join(stale + extra)}): run manage.py clinical_safety_docs."
                )
            self.stdout.write("The safety case's pathway pages match the approved data.")
            return
        safety_case.FOLDER.mkdir(parents=True, exist_ok=True)
        for path, text in wanted.items():
            path.write_text(text)
        for name in extra:
            (safety_case.FOLDER / name).unlink()
        self.stdout.write(f"Wrote {len(wanted)} pathway pages; removed {len(extra)}.")
