"""The client's address, for every limit that counts per client (sign-in
throttling, feedback, member sign-ups).

Behind proxies REMOTE_ADDR is the nearest proxy's, the same for every
visitor. Each proxy appends the address it saw to X-Forwarded-For, so with
TRUSTED_PROXY_COUNT proxies in front, the client's address is that many
entries from the end. Entries before it are whatever the client sent, and
are never believed; nor is the header at all unless the connection comes
from one of TRUSTED_PROXY_ADDRESSES (the proxy's own addresses or networks).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _is_our_proxy(remote: str) -> bool:
    """Did the request come from one of TRUSTED_PROXY_ADDRESSES? Anyone else
    reaching gunicorn directly could write X-Forwarded-For themselves."""
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.TRUSTED_PROXY_ADDRESSES
    )


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    trusted = settings.TRUSTED_PROXY_COUNT
    if not trusted or not _is_our_proxy(remote):
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
