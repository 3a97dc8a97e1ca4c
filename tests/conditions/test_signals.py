"""Linking related conditions moves both pages' edit tokens, except while a
backup is loaded, which must keep every date it holds."""

import io

from django.core import serializers
from django.core.management import call_command

from conditions.models import Condition
from tests import factories


def _updated(*items):
    return [Condition.objects.get(pk=item.pk).updated_at for item in items]


def test_linking_related_conditions_moves_both_edit_tokens(db):
    alpha, beta = factories.condition(), factories.condition()
    before = _updated(alpha, beta)
    alpha.related_conditions.add(beta)
    assert all(after > old for after, old in zip(_updated(alpha, beta), before, strict=True))


def test_a_raw_save_of_an_edit_still_moves_them(db):
    """Approved drafts and restored versions are saved raw (portal.editorial.drafts,
    django-reversion); they are edits, and the other page's token moves."""
    alpha, beta = factories.condition(), factories.condition()
    data = serializers.serialize("json", [alpha])
    data = data.replace('"related_conditions": []', f'"related_conditions": [{beta.pk}]')
    [edit] = serializers.deserialize("json", data)
    before = _updated(beta)
    edit.save()
    assert _updated(beta)[0] > before[0]


def test_loading_a_fixture_keeps_every_date(db, tmp_path):
    alpha, beta = factories.condition(), factories.condition()
    alpha.related_conditions.add(beta)
    fixture = tmp_path / "conditions.json"
    out = io.StringIO()
    call_command("dumpdata", "conditions.condition", stdout=out)
    fixture.write_text(out.getvalue())
    # Unlinked without signals, as in an empty database.
    Condition.related_conditions.through.objects.all().delete()
    before = _updated(alpha, beta)

    call_command("loaddata", str(fixture), verbosity=0)

    assert list(Condition.objects.get(pk=alpha.pk).related_conditions.all()) == [beta]
    assert _updated(alpha, beta) == before
