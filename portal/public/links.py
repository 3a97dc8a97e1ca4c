"""Links the site gives out: absolute ones, for mail and structured data
(one rule for which address they are built on), and signed ones, which
carry a value only this site could have written and only for so long."""

from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest


def site_address(path: str, origin: str = "") -> str:
    """An absolute link to `path`: on SITE_URL when it is set (never on the
    request's Host header, which a client chooses), else on `origin` (see
    `request_origin`); the bare path when neither is known."""
    return f"{(settings.SITE_URL or origin).rstrip('/')}{path}"


def request_origin(request: HttpRequest | None) -> str:
    """Where a request came to, for links in mail when SITE_URL is not set
    (the worker that writes the mail has no request): the site's own
    address, never a member's. Empty when SITE_URL is set."""
    if settings.SITE_URL or request is None:
        return ""
    return request.build_absolute_uri("/").rstrip("/")


def site_root(request: HttpRequest | None = None) -> str:
    """The site's address, ending in "/": SITE_URL where it is set, else the
    request's; empty when neither is known."""
    origin = request_origin(request)
    return site_address("/", origin) if settings.SITE_URL or origin else ""


class LinkExpired(Exception):
    """A genuine signed value, signed too long ago."""


class LinkInvalid(Exception):
    """A value that was never signed here, was signed for something else, or
    does not hold what it should."""


def read_signed[T](token: str, *, salt: str, max_age: int, kind: type[T]) -> T:
    """The `kind` of value `signing.dumps(value, salt=salt)` put in `token`."""
    try:
        value: Any = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(value, kind):
        raise LinkInvalid
    return value
