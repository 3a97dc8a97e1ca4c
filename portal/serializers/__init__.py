"""Django's JSON serialisers, exact to the microsecond.

Django's encoder cuts datetimes and times to milliseconds (what JavaScript's
Date holds), so a `dumpdata`/`loaddata` round trip moved every timestamp:
the JSON-LD `dateModified`, feed dates and edit tokens changed after a
restore. Registered for the "json" and "jsonl" formats in
settings.SERIALIZATION_MODULES, so every dump is exact, as are new revisions
(django-reversion) and draft snapshots (portal.editorial.drafts), which use the same
format. Reading is Django's own: it parses any ISO 8601 precision.
"""

import datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.timezone import is_aware


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without the cut to milliseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            # UTC written as Django writes it.
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and not is_aware(o):
            return o.isoformat()
        # Dates, durations, decimals, UUIDs; aware times are refused there.
        return super().default(o)


# Rows that migrations create in every database, each with ids of its own
# there: the editors' and moderators' groups (portal.editorial.roles). A backup names
# them instead, so loading it updates them rather than clashing with them.
CREATED_BY_MIGRATIONS = {"auth.group"}


class NamesMigrationsRows:
    """Leaves out the ids of CREATED_BY_MIGRATIONS rows in a dump that refers
    to other rows by name (`dumpdata --natural-foreign`, the backup route)."""

    use_natural_foreign_keys: bool

    def get_dump_object(self, obj: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().get_dump_object(obj)  # type: ignore[misc]
        if self.use_natural_foreign_keys and str(obj._meta) in CREATED_BY_MIGRATIONS:
            data.pop("pk", None)
        return data
