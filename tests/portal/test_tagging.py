"""One tag vocabulary for conditions, remedies and articles, and merging tags."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from taggit.models import Tag

from conditions.models import ConditionTag
from portal.editorial import drafts
from portal.models import ArticleTag, Status
from portal.tagging import merge_tags, normalise_tag, parse_tags, with_usage_counts
from remedies.models import RemedyTag
from tests import factories

CHANGELIST = reverse("admin:taggit_tag_changelist")


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        ("Legs, LEGS,  legs ", ["legs"]),
        ("legs", ["legs"]),
        ("Sleep, legs", ["legs", "sleep"]),
        ("  Muscle   Cramps , cramps", ["cramps", "muscle cramps"]),
        ('"Blood clot", DVT', ["blood clot", "dvt"]),
        ("legs sleep", ["legs", "sleep"]),  # no comma: spaces separate
        ('"restless  legs"', ["restless legs"]),
        ("legs,,  , ", ["legs"]),
        ("", []),
        ("   ", []),
    ],
)
def test_parse_tags_normalises_what_editors_type(typed, tags):
    assert parse_tags(typed) == tags


@pytest.mark.parametrize(
    ("name", "normal"),
    [("Legs", "legs"), ("  Muscle \t Cramps ", "muscle cramps"), ("DVT", "dvt")],
)
def test_normalise_tag(name, normal):
    assert normalise_tag(name) == normal


def test_the_tag_form_field_uses_the_project_parser():
    from taggit.forms import TagField

    assert TagField().clean("Legs, LEGS,  legs ") == ["legs"]


@pytest.mark.django_db
def test_tags_differing_only_in_case_are_one_tag_across_kinds():
    condition = factories.condition(tags=["Legs"])
    remedy = factories.remedy()
    remedy.tags.add("legs")
    article = factories.article()
    article.tags.add("LEGS")
    assert Tag.objects.count() == 1
    tag = Tag.objects.get()
    for item in (condition, remedy, article):
        assert list(item.tags.all()) == [tag]


# --- merge_tags ------------------------------------------------------------------------


@pytest.fixture
def tagged(db):
    """Items across all three kinds carrying "legs", "Leg" and "lower limbs"."""
    keep, leg, limbs = (Tag.objects.create(name=n) for n in ("legs", "leg", "lower limbs"))
    other = Tag.objects.create(name="sleep")
    # Drafts: a merge changes them in place (live pages get drafts instead).
    draft = {"status": Status.DRAFT}
    items = {
        "condition-old": factories.condition(tags=[leg], **draft),
        "condition-both": factories.condition(tags=[leg, keep], **draft),
        "condition-all": factories.condition(tags=[leg, limbs, keep, other], **draft),
        "remedy-old-two": factories.remedy(tags=[leg, limbs], **draft),
        "remedy-kept": factories.remedy(tags=[keep], **draft),
        "article-old": factories.article(tags=[limbs, other], **draft),
        "article-both": factories.article(tags=[keep, limbs], **draft),
        "untagged": factories.article(**draft),
    }
    return keep, leg, limbs, other, items


@pytest.fixture
def merger(db):
    return factories.moderator()


def _tag_names(item):
    through = type(item).tags.through
    return sorted(through.objects.filter(content_object=item).values_list("tag__name", flat=True))


def test_merging_leaves_every_item_with_the_kept_tag_exactly_once(tagged, merger):
    keep, leg, limbs, _, items = tagged
    merge_tags(tags=[leg, limbs], into=keep, user=merger)
    assert {name: _tag_names(item) for name, item in items.items()} == {
        "condition-old": ["legs"],
        "condition-both": ["legs"],
        "condition-all": ["legs", "sleep"],
        "remedy-old-two": ["legs"],
        "remedy-kept": ["legs"],
        "article-old": ["legs", "sleep"],
        "article-both": ["legs"],
        "untagged": [],
    }


def test_merging_deletes_the_merged_tags_and_keeps_the_rest(tagged, merger):
    keep, leg, limbs, _, _ = tagged
    merge_tags(tags=[leg, limbs], into=keep, user=merger)
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["legs", "sleep"]


def test_merging_reports_how_many_uses_moved(tagged, merger):
    keep, leg, limbs, _, _ = tagged
    # Moved: condition-old, remedy-old-two (one row of two), article-old.
    assert merge_tags(tags=[leg, limbs], into=keep, user=merger).moved == 3


def test_usage_counts_after_a_merge(tagged, merger):
    keep, leg, limbs, _, _ = tagged
    before = dict(with_usage_counts(Tag.objects.all()).values_list("name", "usage"))
    assert before == {"legs": 4, "leg": 4, "lower limbs": 4, "sleep": 2}
    merge_tags(tags=[leg, limbs], into=keep, user=merger)
    after = dict(with_usage_counts(Tag.objects.all()).values_list("name", "usage"))
    assert after == {"legs": 7, "sleep": 2}
    assert (
        ConditionTag.objects.filter(tag=keep).count()
        + RemedyTag.objects.filter(tag=keep).count()
        + ArticleTag.objects.filter(tag=keep).count()
    ) == 7


def test_merging_a_tag_into_itself_changes_nothing(tagged, merger):
    keep, *_ = tagged
    assert merge_tags(tags=[keep], into=keep, user=merger).moved == 0
    assert Tag.objects.count() == 4


@pytest.mark.django_db
def test_an_unused_tag_counts_zero():
    Tag.objects.create(name="spare")
    assert with_usage_counts(Tag.objects.all()).get().usage == 0


# --- The admin's merge action -------------------------------------------------------------


@pytest.fixture
def moderator_client(client, db):
    client.force_login(factories.moderator())
    return client


def _messages(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_the_merge_action_asks_which_tag_to_keep_then_merges(moderator_client, tagged):
    keep, leg, limbs, _, items = tagged
    assert 'value="merge_selected"' in moderator_client.get(CHANGELIST).content.decode()
    selected = [keep.pk, leg.pk, limbs.pk]
    page = moderator_client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": selected}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Merge tags" in html
    for tag in (keep, leg, limbs):
        assert f"<td>{tag.name}</td><td>4</td>" in html
    assert "<td>sleep</td>" not in html
    assert Tag.objects.count() == 4  # nothing merged yet

    done = moderator_client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": selected, "apply": "1", "into": keep.pk},
        follow=True,
    )
    assert done.status_code == 200
    assert done.redirect_chain == [(CHANGELIST, 302)]
    assert _messages(done) == [
        ("success", "Merged “leg”, “lower limbs” into “legs” (3 uses moved).")
    ]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["legs", "sleep"]
    assert _tag_names(items["remedy-old-two"]) == ["legs"]
    assert _tag_names(items["condition-all"]) == ["legs", "sleep"]


def test_the_merge_page_without_a_choice_merges_nothing(moderator_client, tagged):
    keep, leg, *_ = tagged
    response = moderator_client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": [keep.pk, leg.pk], "apply": "1"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Tag.objects.filter(pk=leg.pk).exists()


def test_the_merge_can_keep_a_less_used_tag(moderator_client, tagged):
    keep, _, _, other, items = tagged
    moderator_client.post(
        CHANGELIST,
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, other.pk],
            "apply": "1",
            "into": other.pk,
        },
    )
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["leg", "lower limbs", "sleep"]
    assert _tag_names(items["condition-all"]) == ["leg", "lower limbs", "sleep"]


def test_selecting_one_tag_warns_and_merges_nothing(moderator_client, tagged):
    keep, *_ = tagged
    response = moderator_client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": [keep.pk]}, follow=True
    )
    assert response.status_code == 200
    assert _messages(response) == [("warning", "Select at least two tags to merge.")]
    assert Tag.objects.count() == 4


def test_editors_are_not_offered_the_merge(client, tagged):
    keep, leg, *_ = tagged
    client.force_login(factories.editor())
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert 'value="merge_selected"' not in page.content.decode()
    response = client.post(
        CHANGELIST,
        {
            "action": "merge_selected",
            "_selected_action": [keep.pk, leg.pk],
            "apply": "1",
            "into": keep.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert Tag.objects.filter(pk=leg.pk).exists()
    assert Tag.objects.count() == 4


def test_the_tag_list_shows_how_many_items_use_each_tag(moderator_client, tagged):
    response = moderator_client.get(CHANGELIST, {"o": "-3"})
    rows = [(tag.name, tag.usage) for tag in response.context["cl"].result_list]
    assert rows[-1] == ("sleep", 2)
    assert sorted(rows) == [("leg", 4), ("legs", 4), ("lower limbs", 4), ("sleep", 2)]


def test_a_merge_gives_live_pages_a_draft_and_leaves_them_alone(db):
    keep, leg = Tag.objects.create(name="legs"), Tag.objects.create(name="leg")
    live = factories.condition(tags=[leg])
    result = merge_tags(tags=[leg], into=keep, user=factories.moderator())
    assert result.drafted == [live]
    assert _tag_names(live) == ["leg"]  # visitors still see the reviewed tags
    assert drafts.pending(live).content["tags"] == ["legs"]
    assert Tag.objects.filter(name="leg").exists()  # still carried by a live page


def test_a_page_with_scheduled_changes_does_not_stop_a_merge(db):
    # Approved changes waiting for their time cannot be edited: the page
    # keeps the old tag for now and the rest of the merge goes through.
    import datetime

    from django.utils import timezone

    from portal.editorial import workflow

    keep, old = Tag.objects.create(name="legs"), Tag.objects.create(name="leg")
    waiting = factories.article(tags=[old], summary="Old summary.")
    other = factories.article(tags=[old], status=Status.DRAFT)
    editor, moderator = factories.editor(), factories.moderator()
    content = drafts.snapshot(waiting)
    content["fields"]["summary"] = "New summary."
    workflow.save_draft(item=waiting, content=content, user=editor)
    workflow.apply_transition(item=waiting, user=editor, name="submit_changes")
    later = timezone.now() + datetime.timedelta(hours=3)
    workflow.apply_transition(
        item=waiting, user=moderator, name="approve_changes", go_live_at=later
    )
    merge = merge_tags(tags=[old], into=keep, user=factories.moderator())
    assert merge.waiting == [waiting]
    assert _tag_names(other) == ["legs"]
    assert _tag_names(waiting) == ["leg"]
    assert Tag.objects.filter(name="leg").exists()  # still in use


@pytest.mark.parametrize("make", [factories.condition, factories.remedy, factories.article])
def test_a_page_lists_its_tags_by_name_whatever_order_they_were_added_in(db, client, make):
    """The same on SQLite and PostgreSQL, read alone or prefetched for a
    page: a restore into the other database lists them alike."""
    item = make(title="Tagged page")
    for name in ["sleep", "circulation", "muscles", "legs"]:
        item.tags.add(name)
    assert list(item.tags.names()) == ["circulation", "legs", "muscles", "sleep"]
    html = client.get(item.get_absolute_url()).content.decode()
    listed = re.findall(r'href="/tags/([a-z-]+)/"', html.split('data-role="tags"')[1])
    assert listed[:4] == ["circulation", "legs", "muscles", "sleep"]
