"""Revisions nobody loses: versions, compare, restore, recover, and the
refusal of a second, conflicting save."""

import re

import pytest
import reversion
from django import forms
from reversion.models import Version

from conditions.models import Condition
from conditions.urgency import Urgency
from portal.admin import unchanged
from portal.editorial import drafts
from portal.models import Status
from tests import factories


def change_form_data(client, url):  # noqa: C901 (one branch per kind of form input)
    """The change form's current values, as a browser would post them."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        multiple = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)
        if isinstance(value, list) and not isinstance(field, multiple):
            # A text box holding a list (tags): the browser sends its text.
            data[name] = field.widget.format_value(value) or ""
        elif isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = (
                field.widget.format_value(value)
                if hasattr(field.widget, "format_value") and not isinstance(value, str)
                else value
            )
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for field in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{field}"] = management[field].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[inline_form.add_prefix(name)] = value
    # What the page adds to the form besides its fields: a browser sends it too.
    token = re.search(rf'name="{unchanged.FIELD}" value="([^"]+)"', page.content.decode())
    if token:
        data[unchanged.FIELD] = token[1]
    return data


@pytest.fixture
def condition(db):
    with reversion.create_revision():
        # Editors change drafts; published content is the moderators'.
        return factories.condition(
            title="Muscle cramp", summary="First summary.", status=Status.DRAFT
        )


def url(item, suffix="change/"):
    return f"/admin/conditions/condition/{item.pk}/{suffix}"


def test_every_admin_save_keeps_a_version(client, condition):
    client.force_login(factories.editor())
    data = change_form_data(client, url(condition))
    data["summary"] = "Second summary."
    assert client.post(url(condition), data).status_code == 302
    versions = Version.objects.get_for_object(condition)
    assert versions.count() == 2
    assert versions[0].field_dict["summary"] == "Second summary."


def test_the_second_of_two_concurrent_saves_is_refused(client, condition):
    first, second = factories.editor(first_name="Ann"), factories.editor()
    client.force_login(second)
    stale = change_form_data(client, url(condition))  # second opens the form
    client.force_login(first)
    mine = change_form_data(client, url(condition))
    mine["summary"] = "Ann's summary."
    assert client.post(url(condition), mine).status_code == 302
    client.force_login(second)
    stale["summary"] = "Overwriting summary."
    response = client.post(url(condition), stale)
    assert response.status_code == 200  # the form comes back, with their work in it
    html = response.content.decode()
    assert "Ann" in html
    assert "saved this condition" in html
    assert "See what they changed" in html
    assert "Overwriting summary." in html
    condition.refresh_from_db()
    assert condition.summary == "Ann's summary."


def test_compare_shows_what_changed_between_versions(client, condition):
    client.force_login(factories.editor())
    data = change_form_data(client, url(condition))
    data["summary"] = "Second summary."
    client.post(url(condition), data)
    page = client.get(url(condition, "history/compare/"))
    [change] = page.context["changes"]
    assert (change.label, change.before, change.after) == (
        "Summary",
        "First summary.",
        "Second summary.",
    )
    # Word by word: only the changed word is marked.
    [(old, new)] = change.text_diff.changed_pairs()
    assert (old, new) == ("<del>First</del> summary.", "<ins>Second</ins> summary.")
    html = page.content.decode()
    assert old in html and new in html


def test_restoring_an_old_version_is_itself_a_new_version(client, condition):
    client.force_login(factories.editor())
    data = change_form_data(client, url(condition))
    data["summary"] = "Second summary."
    client.post(url(condition), data)
    oldest = Version.objects.get_for_object(condition).last()
    revert_url = url(condition, f"history/{oldest.pk}/")
    confirm = client.get(revert_url)
    # The confirmation page shows what restoring would change.
    [change] = confirm.context["changes"]
    assert (change.before, change.after) == ("Second summary.", "First summary.")
    assert client.post(revert_url).status_code == 302
    condition.refresh_from_db()
    assert condition.summary == "First summary."
    assert Version.objects.get_for_object(condition).count() == 3


def test_restoring_never_changes_what_is_live(client, db):
    with reversion.create_revision():
        item = factories.condition(status=Status.DRAFT, summary="Draft words.")
    Condition.objects.filter(pk=item.pk).update(status=Status.IN_REVIEW, summary="Later words.")
    client.force_login(factories.moderator())
    oldest = Version.objects.get_for_object(item).last()
    revert_url = url(item, f"history/{oldest.pk}/")
    assert client.get(revert_url).status_code == 200
    assert client.post(revert_url).status_code == 302
    item.refresh_from_db()
    assert item.summary == "Draft words."  # the restore happened
    assert item.status == Status.IN_REVIEW  # and left the state alone


def test_a_deleted_item_can_be_recovered_as_a_draft(client, condition):
    client.force_login(factories.moderator())
    client.post(url(condition, "delete/"), {"post": "yes"})
    assert not Condition.objects.filter(pk=condition.pk).exists()
    deleted = Version.objects.get_deleted(Condition).first()
    recover_url = f"/admin/conditions/condition/recover/{deleted.pk}/"
    assert client.get("/admin/conditions/condition/recover/").status_code == 200
    assert client.get(recover_url).status_code == 200
    response = client.post(recover_url)
    assert response.status_code == 302
    recovered = Condition.objects.get(slug=condition.slug)
    assert recovered.summary == "First summary."
    assert recovered.status == Status.DRAFT


def test_another_models_version_id_is_refused_and_changes_nothing(client, condition):
    # A condition's version posted to a remedy's restore or recover address.
    remedy = factories.remedy(status=Status.DRAFT)
    Condition.objects.filter(pk=condition.pk).update(summary="Current words.")
    version = Version.objects.get_for_object(condition).first()
    client.force_login(factories.moderator())
    restore = f"/admin/remedies/remedy/{remedy.pk}/history/{version.pk}/"
    recover = f"/admin/remedies/remedy/recover/{version.pk}/"
    for address in (restore, recover):
        assert client.get(address).status_code == 404
        assert client.post(address).status_code == 404
    condition.refresh_from_db()
    assert condition.summary == "Current words."


def test_a_version_of_another_item_of_the_same_model_is_refused(client, condition):
    other = factories.condition(status=Status.DRAFT)
    version = Version.objects.get_for_object(condition).first()
    client.force_login(factories.moderator())
    assert client.post(url(other, f"history/{version.pk}/")).status_code == 404


def test_restoring_brings_back_the_parts_as_they_were(client, db):
    item = factories.condition(status=Status.DRAFT)
    kept = factories.symptom(name="Calf pain")
    factories.link(item, kept, weight=3)
    factories.advice(item, "self-care", "Rest for a day.")
    with reversion.create_revision():
        reversion.add_to_revision(item)
    old = Version.objects.get_for_object(item).first()
    # Later: the weight changes, an advice tier goes, a new symptom is linked.
    item.symptom_links.update(weight=9)
    item.advice.all().delete()
    factories.link(item, factories.symptom(name="Swollen leg"), weight=8)
    client.force_login(factories.moderator())
    assert client.post(url(item, f"history/{old.pk}/")).status_code == 302
    links = {link.symptom.name: link.weight for link in item.symptom_links.all()}
    assert links == {"Calf pain": 3}
    assert [a.text for a in item.advice.all()] == ["Rest for a day."]


def test_restoring_one_item_leaves_the_others_in_its_revision_alone(client, db):
    first = factories.condition(status=Status.DRAFT, summary="First, old.")
    second = factories.condition(status=Status.DRAFT, summary="Second, old.")
    with reversion.create_revision():
        reversion.add_to_revision(first)
        reversion.add_to_revision(second)
    Condition.objects.filter(pk__in=[first.pk, second.pk]).update(summary="New.")
    client.force_login(factories.moderator())
    version = Version.objects.get_for_object(first).first()
    assert client.post(url(first, f"history/{version.pk}/")).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.summary, second.summary) == ("First, old.", "New.")


def test_restoring_a_live_page_makes_a_draft_and_leaves_the_page_alone(client, db):
    with reversion.create_revision():
        item = factories.condition(summary="Reviewed words.")
    version = Version.objects.get_for_object(item).first()
    Condition.objects.filter(pk=item.pk).update(summary="Live words.")
    client.force_login(factories.editor())
    assert client.post(url(item, f"history/{version.pk}/")).status_code == 302
    item.refresh_from_db()
    assert (item.summary, item.status) == ("Live words.", Status.PUBLISHED)
    draft = drafts.pending(item)
    assert draft.content["fields"]["summary"] == "Reviewed words."


def _without_empty_files(data):
    # An empty file field (the author's photo) is not posted by a browser.
    return {name: value for name, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("make", "path", "field"),
    [
        (lambda: factories.author(status=Status.DRAFT), "portal/author", "role"),
        (
            lambda: factories.combination(
                [factories.symptom()], Urgency.URGENT, status=Status.DRAFT
            ),
            "conditions/urgentcombination",
            "advice",
        ),
    ],
    ids=["author", "checker rule"],
)
def test_the_second_of_two_concurrent_saves_is_refused_on_forms_of_their_own(
    client, db, make, path, field
):
    # The author's and the checker rule's admin forms are their own, not the
    # workflow's default: they refuse a stale save all the same.
    item = make()
    item_url = f"/admin/{path}/{item.pk}/change/"
    first, second = factories.moderator(first_name="Ann"), factories.moderator()
    client.force_login(second)
    stale = _without_empty_files(change_form_data(client, item_url))
    client.force_login(first)
    mine = _without_empty_files(change_form_data(client, item_url))
    mine[field] = "Ann's wording."
    response = client.post(item_url, mine)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(second)
    stale[field] = "Overwriting wording."
    response = client.post(item_url, stale)
    assert response.status_code == 200
    assert "See what they changed" in response.content.decode()
    item.refresh_from_db()
    assert getattr(item, field) == "Ann's wording."
