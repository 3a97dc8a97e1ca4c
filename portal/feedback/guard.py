"""What protects one-click feedback, whose form sits on cached pages.

A page served from the whole-page cache is the same bytes for everyone, so
its "Was this page helpful?" form cannot carry Django's per-visitor CSRF
token. It carries instead a page token: signed, naming the page, and the
same for every visitor within an hour. The answer's view also refuses
posts that a browser says came from another site, and keeps its honeypot
and shared rate limit (portal/feedback/views.py). After the answer, the comment
form lives on a page that is never cached, so it is an ordinary
CSRF-protected form; it finds the visitor's answer by a signed reference.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils.http import is_same_domain

from portal.public.links import LinkExpired, LinkInvalid, read_signed

PAGE_TOKEN_SALT = "portal.feedback.views.page-token"  # noqa: S105 (a signing salt)
# Every visitor in the same hour gets the same token, so the page stays
# byte-identical and cacheable; a fresh render in the next hour gets the next.
PAGE_TOKEN_BUCKET = 60 * 60
# How long a rendered page can still answer. It must outlive the page
# cache's entry (ten minutes) and, above all, the browser's copy: a tab left
# open overnight, a phone restoring its tabs, the back button's cache. Two
# days covers those; a longer life buys a forger nothing they could not get
# by fetching the page, but two days bounds how long one copied token can be
# replayed, and an expired token costs the visitor only one more click.
PAGE_TOKEN_MAX_AGE = 2 * 24 * 60 * 60

COMMENT_SALT = "portal.feedback.views.comment"
# Long enough to write a comment, short enough that an old link in a
# shared computer's history no longer adds to someone's answer.
COMMENT_MAX_AGE = 24 * 60 * 60


# A genuine token from a page rendered too long ago; one missing, forged or
# made for another page. The same as any signed link's.
TokenExpired = LinkExpired
TokenInvalid = LinkInvalid


def _page_value(kind: str, slug: str) -> str:
    return f"feedback:{kind}:{slug}"


def page_token(kind: str, slug: str, *, now: float | None = None) -> str:
    """The token every visitor of this page gets this hour."""
    now = time.time() if now is None else now
    bucket = int(now) - int(now) % PAGE_TOKEN_BUCKET
    return signing.Signer(salt=PAGE_TOKEN_SALT).sign(f"{_page_value(kind, slug)}:{bucket}")


def check_page_token(token: str, *, kind: str, slug: str, now: float | None = None) -> None:
    """Raise TokenInvalid unless `token` was signed for this page, and
    TokenExpired when it was signed more than PAGE_TOKEN_MAX_AGE ago."""
    try:
        value = signing.Signer(salt=PAGE_TOKEN_SALT).unsign(token)
    except signing.BadSignature as error:
        raise TokenInvalid from error
    page, _, bucket = value.rpartition(":")
    if page != _page_value(kind, slug) or not bucket.isdigit():
        raise TokenInvalid
    now = time.time() if now is None else now
    if now - int(bucket) > PAGE_TOKEN_MAX_AGE:
        raise TokenExpired


def comment_reference(feedback_id: int) -> str:
    """A signed, time-limited name for one answer, for the address of the
    page that offers the comment box; only the visitor who answered has it."""
    return signing.dumps(feedback_id, salt=COMMENT_SALT)


def read_comment_reference(reference: str) -> int:
    """The answer's id; raises TokenInvalid or TokenExpired."""
    return read_signed(reference, salt=COMMENT_SALT, max_age=COMMENT_MAX_AGE, kind=int)


def from_this_site(request: HttpRequest) -> bool:
    """False when the browser says the post came from another site.

    Browsers send Origin with every cross-site POST, so a form on another
    site that posts here is refused. Without Origin, a Referer must name
    this site too. With neither it is no browser posting across sites, and
    the token and the rate limit decide."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER")
        if not referer:
            return True
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    # The same origins Django's CSRF check trusts (a site behind another
    # host name), "*.example.org" wildcards included.
    parts = urlsplit(origin)
    return any(
        trusted == origin
        or (
            "*" in trusted
            and urlsplit(trusted).scheme == parts.scheme
            and is_same_domain(parts.netloc, urlsplit(trusted).netloc.replace("*", "", 1))
        )
        for trusted in settings.CSRF_TRUSTED_ORIGINS
    )
