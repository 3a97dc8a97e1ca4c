"""The client's address, for every limit that counts per client (sign-in
throttling, feedback, member sign-ups).

Behind proxies REMOTE_ADDR is the nearest proxy's, the same for every
visitor. Each proxy appends the address it saw to X-Forwarded-For, so with
TRUSTED_PROXY_COUNT proxies in front, the client's address is that many
entries from the end. Entries before it are whatever the client sent, and
are never believed.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    trusted = settings.TRUSTED_PROXY_COUNT
    if not trusted:
        return remote
    forwarded = [
        entry.strip()
        for entry in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if entry.strip()
    ]
    if len(forwarded) < trusted:
        # Not through all the proxies we were told of: no header to trust.
        return remote
    return forwarded[-trusted]
