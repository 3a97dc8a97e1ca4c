from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.demo.generator import GenerationRefused, generate_content


class Command(BaseCommand):
    help = (
        "Development and benchmarks: add a large made-up body of content (conditions, "
        "symptoms, remedies, articles, tags, sources, history) on top of the launch content. "
        "Refused in production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--conditions", type=int, default=2_000)
        parser.add_argument("--symptoms", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same content.")

    def handle(self, *args, **options):
        if options["conditions"] < 1 or options["symptoms"] < 10:
            raise CommandError("Ask for at least 1 condition and 10 symptoms.")
        try:
            created = generate_content(
                conditions=options["conditions"], symptoms=options["symptoms"], seed=options["seed"]
            )
        except GenerationRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        summary = ", ".join(f"{number} {kind}" for kind, number in sorted(created.items()))
        self.stdout.write(f"Generated: {summary}.")
