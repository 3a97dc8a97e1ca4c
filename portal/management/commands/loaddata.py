from django.core.management.commands import loaddata

from portal import fixtures


class Command(loaddata.Command):
    """Django's loaddata, with receivers told that fixtures are loading
    (portal.fixtures): a restored backup keeps its dates."""

    def handle(self, *fixture_labels, **options):
        with fixtures.loading_fixtures():
            super().handle(*fixture_labels, **options)
