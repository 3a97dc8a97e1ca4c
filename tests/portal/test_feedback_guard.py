"""The page token, the comment reference and the same-site check."""

import pytest
from django.test import RequestFactory

from portal.feedback import guard as feedback_guard
from portal.feedback.guard import (
    PAGE_TOKEN_BUCKET,
    PAGE_TOKEN_MAX_AGE,
    TokenExpired,
    TokenInvalid,
    check_page_token,
    comment_reference,
    from_this_site,
    page_token,
    read_comment_reference,
)

HOUR_START = 1_767_225_600  # 2026-01-01 00:00 UTC, a bucket's first second


def test_everyone_gets_the_same_token_within_the_hour():
    tokens = {page_token("condition", "cramp", now=HOUR_START + s) for s in (0, 1, 1800, 3599)}
    assert len(tokens) == 1


def test_the_token_changes_with_the_hour_and_the_page():
    token = page_token("condition", "cramp", now=HOUR_START)
    assert token != page_token("condition", "cramp", now=HOUR_START + PAGE_TOKEN_BUCKET)
    assert token != page_token("condition", "stitch", now=HOUR_START)
    assert token != page_token("remedy", "cramp", now=HOUR_START)


def test_a_token_holds_for_its_page_until_it_is_too_old():
    token = page_token("condition", "cramp", now=HOUR_START)
    check_page_token(token, kind="condition", slug="cramp", now=HOUR_START + PAGE_TOKEN_MAX_AGE)
    with pytest.raises(TokenExpired):
        check_page_token(
            token, kind="condition", slug="cramp", now=HOUR_START + PAGE_TOKEN_MAX_AGE + 1
        )


@pytest.mark.parametrize(
    ("kind", "slug"), [("condition", "stitch"), ("remedy", "cramp"), ("condition", "cram")]
)
def test_a_token_is_refused_on_another_page(kind, slug):
    token = page_token("condition", "cramp", now=HOUR_START)
    with pytest.raises(TokenInvalid):
        check_page_token(token, kind=kind, slug=slug, now=HOUR_START)


def test_an_altered_token_is_refused():
    token = page_token("condition", "cramp", now=HOUR_START)
    # Moving the hour forward to make an old token young again breaks the signature.
    younger = token.replace(str(HOUR_START), str(HOUR_START + PAGE_TOKEN_BUCKET))
    for forged in ("", "x", younger, token + "x"):
        with pytest.raises(TokenInvalid):
            check_page_token(forged, kind="condition", slug="cramp", now=HOUR_START)


def test_a_comment_reference_names_its_answer_until_it_expires(monkeypatch):
    reference = comment_reference(42)
    assert read_comment_reference(reference) == 42
    with pytest.raises(TokenInvalid):
        read_comment_reference(reference[:-1] + ("A" if reference[-1] != "A" else "B"))
    monkeypatch.setattr(feedback_guard, "COMMENT_MAX_AGE", -1)
    with pytest.raises(TokenExpired):
        read_comment_reference(reference)


def test_a_page_token_is_no_comment_reference():
    with pytest.raises(TokenInvalid):
        read_comment_reference(page_token("condition", "cramp"))


@pytest.mark.parametrize(
    ("headers", "allowed"),
    [
        ({}, True),
        ({"HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_ORIGIN": "https://testserver"}, False),
        ({"HTTP_ORIGIN": "http://testserver.evil.example"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
        ({"HTTP_REFERER": "http://testserver/conditions/cramp/"}, True),
        ({"HTTP_REFERER": "http://evil.example/http://testserver/"}, False),
        # Origin is what the browser vouches for; it wins over the Referer.
        ({"HTTP_ORIGIN": "http://evil.example", "HTTP_REFERER": "http://testserver/"}, False),
    ],
)
def test_posts_count_as_from_this_site_only_when_the_browser_says_so(headers, allowed):
    request = RequestFactory().post("/feedback/condition/cramp/", **headers)
    assert from_this_site(request) is allowed


def test_trusted_origins_and_their_wildcards_count(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://health.example.org", "https://*.example.net"]
    for origin, allowed in [
        ("https://health.example.org", True),
        ("https://www.example.net", True),
        ("http://www.example.net", False),
        ("https://example.net.evil.example", False),
    ]:
        request = RequestFactory().post("/", HTTP_ORIGIN=origin)
        assert from_this_site(request) is allowed, origin
