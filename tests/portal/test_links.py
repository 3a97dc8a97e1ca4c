"""Absolute links (portal/public/links.py): staff mail, members' mail and
the structured data all build on the same address."""

from django.core import mail
from django.test import RequestFactory

from portal.editorial import workflow
from portal.models import Status
from portal.public.links import request_origin, site_address, site_root
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
