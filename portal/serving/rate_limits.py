"""Limits per client (and per email address), counted in the database
(`RateCounter`) so every worker and instance shares them, in windows of one
length. Keys are hashed with the secret: the table never holds an address,
an IP or an email."""

import hashlib

from django.conf import settings
from django.http import HttpRequest

from portal.models import RateCounter
from portal.serving.client_address import client_ip

WINDOW_SECONDS = RateCounter.WINDOW_SECONDS


def counter_key(kind: str, value: str) -> str:
    """The counter's name for `value` (an address, an email) under `kind`."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value}".encode()).hexdigest()[:32]
    return f"{kind}:{digest}"


def over_limit(kind: str, value: str, limit: int) -> bool:
    """Count one request for `value` under `kind`; True once this window
    holds more than `limit` of them."""
    return RateCounter.count_one(counter_key(kind, value)) > limit


def client_over_limit(request: HttpRequest, kind: str, limit: int) -> bool:
    """`over_limit` for the client who sent `request`, its address read as
    sign-in throttling reads it: behind TRUSTED_PROXY_COUNT proxies, the
    client's, not the nearest proxy's (the same for every visitor)."""
    return over_limit(kind, client_ip(request), limit)
