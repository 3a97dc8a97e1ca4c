"""Condition tiers tell the truth, in reviewed words: the badge a visitor
reads comes from approved wording, and changing it goes through review."""

import pytest

from conditions.models import Category, ConditionTier
from portal.editorial import drafts, workflow
from portal.models import Status
from tests import factories


@pytest.fixture
def clot(db):
    item = factories.condition(title="Blood clot", category=Category.URGENT)
    factories.link(item, factories.symptom(name="Swollen calf"), weight=8)
    return item


def tier(key, label, explanation="", status=Status.PUBLISHED):
    return ConditionTier.objects.create(
        key=key,
        label=label,
        explanation=explanation,
        status=status,
        published_at=factories.timezone.now() if status == Status.PUBLISHED else None,
    )


def badge_text(client, url):
    return client.get(url).content.decode()


def test_without_approved_wording_the_built_in_label_shows(client, clot):
    assert "Can be serious: get help quickly" in badge_text(client, clot.get_absolute_url())


def test_the_approved_wording_shows_on_every_page_that_names_the_tier(client, clot):
    tier("urgent", "Get help the same day", "A clot can travel to the lungs.")
    page = badge_text(client, clot.get_absolute_url())
    assert "Get help the same day" in page and "A clot can travel to the lungs." in page
    assert "Get help the same day" in badge_text(client, "/conditions/")
    swollen = clot.symptom_links.get().symptom.slug
    results = badge_text(client, f"/symptom-checker/results/?s={swollen}")
    assert 'data-urgency="self-care"' in results
    assert "Get help the same day" in results


def test_a_draft_of_the_wording_is_not_shown(client, clot):
    tier("urgent", "Not yet approved", status=Status.DRAFT)
    assert "Not yet approved" not in badge_text(client, clot.get_absolute_url())


def test_changing_live_wording_waits_for_approval(client, clot):
    wording = tier("urgent", "Get help the same day")
    editor, moderator = factories.editor(), factories.moderator()
    content = drafts.snapshot(wording)
    content["fields"]["label"] = "Probably fine"
    workflow.save_draft(item=wording, content=content, user=editor)
    assert "Probably fine" not in badge_text(client, clot.get_absolute_url())
    workflow.apply_transition(item=wording, user=editor, name="submit_changes")
    workflow.apply_transition(item=wording, user=moderator, name="approve_changes")
    assert "Probably fine" in badge_text(client, clot.get_absolute_url())


def test_the_checker_shows_a_tier_in_its_reviewed_words(client, db):
    common = factories.condition(title="Tired legs", category=Category.COMMON)
    factories.link(common, factories.symptom(name="Heavy legs"), weight=5)
    tier("common", "Nothing to worry about, usually")
    slug = common.symptom_links.get().symptom.slug
    results = badge_text(client, f"/symptom-checker/results/?s={slug}")
    assert 'data-urgency="self-care"' in results
    assert "Nothing to worry about, usually" in results
