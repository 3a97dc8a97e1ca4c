"""Django's JSON serialisers, exact to the microsecond.

Django's encoder cuts datetimes and times to milliseconds (what JavaScript's
Date holds), so a `dumpdata`/`loaddata` round trip moved every timestamp:
the JSON-LD `dateModified`, feed dates and edit tokens changed after a
restore. Registered for the "json" and "jsonl" formats in
settings.SERIALIZATION_MODULES, so every dump is exact, as are new revisions
(django-reversion) and draft snapshots (portal.drafts), which use the same
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
