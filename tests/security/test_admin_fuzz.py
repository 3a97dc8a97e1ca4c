"""No 5xx from staff input: every changelist action and filter of every
admin, fed malformed and unknown ids and junk values."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests import factories

JUNK_IDS = [["abc"], ["99999999999999999999"], ["1", "1.5"], ["-1"], ["١٢"]]
JUNK_VALUES = ["zzz", "-1", "99999999999999999999", "<script>\x00", "a" * 300]


def admins():
    return sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


def changelist(model):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


@pytest.fixture(autouse=True)
def as_in_production(settings):
    # django-axes's own admin expects its middleware to have run.
    settings.AXES_ENABLED = True


@pytest.fixture
def boss(db):
    return factories.user(superuser=True)


@pytest.fixture
def content(db):
    """A row of most kinds, so filters and actions have something to act on."""
    factories.condition(tags=["legs"])
    factories.remedy()
    factories.article()


@pytest.mark.parametrize(
    ("model", "model_admin"), admins(), ids=[m._meta.label for m, _ in admins()]
)
def test_every_action_answers_malformed_ids_with_a_400(client, boss, content, model, model_admin):
    client.force_login(boss)
    request = RequestFactory().get("/")
    request.user = boss
    actions = list(model_admin.get_actions(request)) or ["delete_selected"]
    for action in actions:
        for ids in JUNK_IDS:
            response = client.post(
                changelist(model), {"action": action, "_selected_action": ids, "index": "0"}
            )
            assert response.status_code == 400, (action, ids, response.status_code)
            assert "could not be read" in response.content.decode()
        # An id that is well formed but names no row changes nothing and fails no one.
        response = client.post(
            changelist(model), {"action": action, "_selected_action": ["987654321"], "index": "0"}
        )
        assert response.status_code < 500, (action, response.status_code)


@pytest.mark.parametrize(
    ("model", "model_admin"), admins(), ids=[m._meta.label for m, _ in admins()]
)
def test_every_filter_search_and_ordering_survives_junk(client, boss, content, model, model_admin):
    client.force_login(boss)
    request = RequestFactory().get(changelist(model))
    request.user = boss
    cl = model_admin.get_changelist_instance(request)
    parameters = {name for spec in cl.filter_specs for name in spec.expected_parameters()}
    parameters |= {"q", "o", "p", "e", "_to_field", "all"}
    for name in sorted(parameters):
        for value in JUNK_VALUES:
            response = client.get(changelist(model), {name: value})
            assert response.status_code < 500, (name, value, response.status_code)
