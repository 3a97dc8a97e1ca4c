"""The "json" format (settings.SERIALIZATION_MODULES), exact to the
microsecond: see portal.serializers."""

from django.core.serializers import json

from portal.serializers import ExactJSONEncoder, NamesMigrationsRows

Deserializer = json.Deserializer


class Serializer(NamesMigrationsRows, json.Serializer):
    # django-stubs leaves out this private hook of Django's serialisers.
    def _init_options(self) -> None:
        # Django's serialiser passes its options on to json.dump and only
        # fills in its own encoder when none is given.
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()  # type: ignore[misc]
