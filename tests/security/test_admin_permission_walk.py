"""Every admin address that takes an object (change, delete, history,
compare, transition, a version's restore, recover) walked for every
reviewed model, by each role, with the object's own id and with a foreign
id (another object's version, another model's version). A request may be
refused; it may never fail with 5xx, nor change anything it should not:
no role changes another object or model, and nobody without the right
changes even the object in the address."""

import json

import pytest
import reversion
from django.contrib.auth.models import AnonymousUser
from django.core import serializers
from django.test import Client
from reversion.models import Version

from conditions.models import Condition, ConditionAdvice, ConditionSymptom, Symptom
from portal.models import Article, Author, Draft, Source, Status
from remedies.models import Remedy, RemedyStep
from tests import factories

BUILDERS = {
    Condition: lambda: factories.condition(),
    Remedy: lambda: factories.remedy(),
    Article: lambda: factories.article(),
    Author: lambda: factories.author(),
    Source: lambda: factories.source(),
    Symptom: lambda: factories.symptom(),
}
WATCHED = [*BUILDERS, ConditionSymptom, ConditionAdvice, RemedyStep, Draft]


def world():
    """Every row visitors' pages are built from, and pending drafts, as data:
    {model label: {pk: fields}}."""
    return {
        model._meta.label: {
            row["pk"]: row["fields"]
            for row in json.loads(serializers.serialize("json", model.objects.order_by("pk")))
        }
        for model in WATCHED
    }


def changes(before, after):
    """{model label: pks added, removed or changed}."""
    found = {}
    for label, rows in after.items():
        old = before[label]
        pks = {pk for pk in rows.keys() | old.keys() if rows.get(pk) != old.get(pk)}
        if pks:
            found[label] = pks
    return found


def belongs_to(label, pk, fields_by_pk, model, own_pk):
    """Is this changed row the object in the address, or one of its parts
    or its draft?"""
    fields = fields_by_pk.get(pk, {})
    if label == model._meta.label:
        return pk == own_pk
    if label == "portal.Draft":
        return fields.get("object_id") == own_pk
    owner = model._meta.model_name
    return fields.get(owner) == own_pk


def versioned(build, status=Status.PUBLISHED):
    """An object with two saved versions; returns it and their ids."""
    with reversion.create_revision():
        obj = build()
    with reversion.create_revision():
        obj = type(obj).objects.get(pk=obj.pk)
        obj.status = status
        obj.save()
    ids = list(Version.objects.get_for_object(obj).values_list("pk", flat=True))
    return obj, ids


def base(model):
    opts = model._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/"


def requests_for(model, foreign_version):
    """(method, address for an object's pk, data, uses the foreign id) for
    every object address of the model."""
    root = base(model)
    own = [
        ("get", "{pk}/change/", {}),
        ("post", "{pk}/change/", {"title": "Changed", "name": "Changed"}),
        ("get", "{pk}/history/", {}),
        ("get", "{pk}/delete/", {}),
        ("post", "{pk}/delete/", {"post": "yes"}),
        *(
            ("post", "{pk}/transition/", {"transition": name, "note": "n"})
            for name in ("approve", "unpublish", "archive", "submit_changes")
        ),
    ]
    foreign = [
        ("get", "{pk}/history/compare/", {"from": foreign_version, "to": "current"}),
        ("get", f"{{pk}}/history/{foreign_version}/", {}),
        ("post", f"{{pk}}/history/{foreign_version}/", {"restore": "yes"}),
        ("get", f"recover/{foreign_version}/", {}),
        ("post", f"recover/{foreign_version}/", {"recover": "yes"}),
    ]
    return [(m, root + a, d, False) for m, a, d in own] + [
        (m, root + a, d, True) for m, a, d in foreign
    ]


ROLES = {
    "anonymous": lambda: AnonymousUser(),
    "staff without rights": lambda: factories.user(is_staff=True),
    "editor": factories.editor,
    "moderator": factories.moderator,
}


@pytest.mark.parametrize("state", [Status.PUBLISHED, Status.DRAFT])
@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("model", list(BUILDERS), ids=lambda m: m._meta.label)
def test_no_request_reaches_past_its_object_or_its_rights(db, model, role, state):
    own, _ = versioned(BUILDERS[model], state)
    other, other_versions = versioned(BUILDERS[model])
    stranger_model = Source if model is not Source else Symptom
    _, stranger_versions = versioned(BUILDERS[stranger_model])
    user = ROLES[role]()
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    changed_something = False
    for round_number, foreign in enumerate((other_versions[0], stranger_versions[0])):
        for method, address, data, uses_foreign in requests_for(model, foreign):
            if round_number and not uses_foreign:
                continue  # the object's own addresses are walked once
            address = address.format(pk=own.pk)
            before = world()
            response = getattr(client, method)(address, data)
            assert response.status_code < 500, (method, address, response.status_code)
            after = world()
            changed = changes(before, after)
            if not changed:
                continue
            # No foreign id ever has an effect, and nobody without rights does.
            assert not uses_foreign, (role, method, address, changed)
            assert role in ("editor", "moderator"), (role, method, address, changed)
            for label, pks in changed.items():
                for pk in pks:
                    rows = {**before[label], **after[label]}
                    assert belongs_to(label, pk, rows, model, own.pk), (address, label, pk)
            # An editor reaches a live page only through its draft.
            if role == "editor" and state == Status.PUBLISHED:
                assert set(changed) == {"portal.Draft"}, (address, changed)
            changed_something = True
            # Start the next request from a fresh object.
            own, _ = versioned(BUILDERS[model], state)
    assert type(other).objects.filter(pk=other.pk).exists()
    # The walk reached somewhere: a moderator can delete or unpublish.
    assert changed_something or role != "moderator"
