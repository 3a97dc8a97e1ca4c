"""Links (portal/public/links.py): staff mail, members' mail and the
structured data all build on the same address; feedback and members' signed
links are read by the same rule."""

import time

import pytest
from django.core import mail, signing
from django.test import RequestFactory

from portal.editorial import workflow
from portal.feedback.guard import COMMENT_MAX_AGE, comment_reference, read_comment_reference
from portal.members import accounts
from portal.models import Status
from portal.public.links import (
    LinkExpired,
    LinkInvalid,
    read_signed,
    request_origin,
    site_address,
    site_root,
)
from portal.public.structured_data import organization
from tests import factories


def test_site_url_wins_over_the_request_and_loses_its_trailing_slash(settings):
    settings.SITE_URL = "https://health.example/"
    request = RequestFactory().get("/", HTTP_HOST="attacker.example")
    assert site_address("/a/", request_origin(request)) == "https://health.example/a/"
    assert site_root(request) == "https://health.example/"
    assert request_origin(request) == ""


def test_without_site_url_the_request_or_nothing(settings):
    settings.SITE_URL = ""
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert site_address("/a/", request_origin(request)) == "http://testserver/a/"
    assert site_root(request) == "http://testserver/"
    assert site_address("/a/") == "/a/"
    assert site_root() == ""


def test_every_kind_of_link_uses_the_one_address(settings, db, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://health.example/"
    factories.moderator(email="mo@example.org")
    item = factories.condition(status=Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_transition(item=item, user=factories.editor(), name="submit")
    assert f"https://health.example/admin/conditions/condition/{item.pk}/change/" in (
        mail.outbox[-1].body
    )
    assert organization()["url"] == "https://health.example/"


def test_a_signed_value_reads_back_only_under_its_salt_kind_and_age(monkeypatch):
    token = signing.dumps({"u": 1}, salt="a")
    assert read_signed(token, salt="a", max_age=60, kind=dict) == {"u": 1}
    with pytest.raises(LinkInvalid):
        read_signed(token, salt="b", max_age=60, kind=dict)
    with pytest.raises(LinkInvalid):
        read_signed(token, salt="a", max_age=60, kind=int)
    with pytest.raises(LinkInvalid):
        read_signed(token + "x", salt="a", max_age=60, kind=dict)
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(LinkExpired):
        read_signed(token, salt="a", max_age=60, kind=dict)


def test_feedback_and_members_links_expire_alike(db, monkeypatch):
    # One rule for signed links: the feedback comment link and the members'
    # confirmation link fail in the same way once too old.
    reference = comment_reference(7)
    member = factories.member(confirmed=False)
    token = accounts.confirmation_link(member).rsplit("/", 2)[-2]
    later = time.time() + max(COMMENT_MAX_AGE, accounts.LINK_MAX_AGE) + 1
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(LinkExpired):
        read_comment_reference(reference)
    with pytest.raises(LinkExpired):
        accounts.confirm_email(token)
