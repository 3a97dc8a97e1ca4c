"""The "jsonl" format (settings.SERIALIZATION_MODULES), exact to the
microsecond: see portal.serializers."""

from django.core.serializers import jsonl

from portal.serializers import ExactJSONEncoder, NamesMigrationsRows

Deserializer = jsonl.Deserializer


class Serializer(NamesMigrationsRows, jsonl.Serializer):
    # django-stubs leaves out this private hook of Django's serialisers.
    def _init_options(self) -> None:
        # As in portal.serializers.json_exact.
        self.options.setdefault("cls", ExactJSONEncoder)
        super()._init_options()  # type: ignore[misc]
