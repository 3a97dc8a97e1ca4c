"""What a reviewer reads when comparing two snapshots (portal/editorial/diff.py):
words inserted and deleted, choices by their labels, parts by name, clinical
changes first, and nothing listed that did not change."""

import copy

import pytest

from conditions.models import Category, Condition, Urgency
from portal.editorial import diff, drafts
from tests import factories


def test_a_reworded_sentence_reads_whole_on_each_side():
    # Not "ContactAsk yourfor…": the old wording keeps its struck words, the
    # new wording its inserted ones, and neither carries the other's.
    text = diff.sentence_diff(
        "Rest the leg. Contact your GP if it lasts a week.",
        "Rest the leg. Ask for a GP appointment if it lasts 3 days.",
    )
    assert text.changed_pairs() == [
        (
            "<del>Contact your</del> GP if it lasts <del>a week</del>.",
            "<ins>Ask for a</ins> GP<ins> appointment</ins> if it lasts <ins>3 days</ins>.",
        )
    ]
    [same, changed] = text.pairs
    assert (same.kind, str(same.new)) == ("same", "Rest the leg.")
    assert changed.kind == "changed"


def test_sentences_added_and_taken_out_stand_alone():
    text = diff.sentence_diff(
        "Rest the leg. Massage the calf firmly.\nDrink water.",
        "Rest the leg. Drink water. Call 111 if the calf is swollen.",
    )
    assert [(pair.kind, str(pair.old), str(pair.new)) for pair in text.pairs if pair.changed] == [
        ("removed", "<del>Massage the calf firmly.</del>", ""),
        ("added", "", "<ins>Call 111 if the calf is swollen.</ins>"),
    ]


def test_sentences_end_at_stops_and_line_breaks_not_inside_brackets():
    assert diff.sentences("See a GP (DVT). He said “stop.” Then go.\n• Rest") == [
        "See a GP (DVT).",
        "He said “stop.”",
        "Then go.",
        "• Rest",
    ]


def test_long_runs_of_unchanged_sentences_are_folded():
    before = "One. Two. Three. Four. Five."
    text = diff.sentence_diff(before, before.replace("Five.", "Five and a half."))
    assert [(kind, len(pairs)) for kind, pairs in text.blocks()] == [
        ("collapsed", 4),
        ("changed", 1),
    ]
    short = diff.sentence_diff("One. Two.", "One. Two. Three.")
    assert [kind for kind, _ in short.blocks()] == ["same", "changed"]


def test_the_sentence_diff_escapes_what_editors_typed():
    text = diff.sentence_diff("", "<script>alert(1)</script>")
    [(old, new)] = text.changed_pairs()
    assert "<script>" not in new and "&lt;script&gt;" in new and old == ""


@pytest.fixture
def live(db):
    item = factories.condition(title="Cramp", summary="Tight muscles.", body="Rest **now**.")
    factories.advice(item, Urgency.DOCTOR, text="See a GP if it lasts.")
    return item


def edited(item, **fields):
    before = drafts.snapshot(item)
    after = copy.deepcopy(before)
    after["fields"].update(fields)
    return before, after


def test_an_unchanged_snapshot_has_no_changes(live):
    before = drafts.snapshot(live)
    assert diff.compare(Condition, before, copy.deepcopy(before)) == []


def test_a_form_saved_unchanged_with_browser_line_breaks_is_no_change(live):
    live.summary = "One line.\nAnother line."
    live.save()
    before, after = edited(live, summary="One line.\r\nAnother line.")
    assert diff.compare(Condition, before, after) == []


def test_a_choice_reads_as_its_label_and_is_flagged_clinical(live):
    before, after = edited(live, category=Category.SERIOUS, summary="Tight, sore muscles.")
    changes = diff.compare(Condition, before, after)
    assert [change.name for change in changes] == ["category", "summary"]
    [category, summary] = changes
    assert category.clinical and not summary.clinical
    assert category.before == "Usually harmless"
    assert category.after == "Serious: needs a doctor's care"
    assert summary.text_diff.changed_pairs() == [
        ("Tight muscles.", "Tight<ins>, sore</ins> muscles.")
    ]


def test_markdown_is_compared_as_visitors_read_it(live):
    before, after = edited(live, body="Rest *now*.")
    [change] = diff.compare(Condition, before, after)
    assert change.label == "Body (formatting only)"
    before, after = edited(live, body="Rest **today**.")
    [change] = diff.compare(Condition, before, after)
    assert change.text_diff.changed_pairs() == [("Rest <del>now</del>.", "Rest <ins>today</ins>.")]


def test_parts_added_removed_and_changed_are_named(live):
    twitch = factories.symptom(name="Twitching")
    factories.link(live, twitch, weight=3)
    before = drafts.snapshot(live)
    after = copy.deepcopy(before)
    [row] = after["parts"]["symptom_links"]
    row["fields"]["weight"] = 8
    after["parts"]["advice"] = []
    [*changes] = diff.compare(Condition, before, after)
    by_name = {change.name: change for change in changes}
    assert by_name["advice"].removed == ("See a doctor",)
    [(label, inner)] = by_name["symptom_links"].changed
    assert label == "Twitching"
    assert [(c.before, c.after) for c in inner] == [("3", "8")]
    assert all(change.clinical for change in changes)


def test_tags_are_compared_only_where_both_sides_have_them(live):
    before = drafts.snapshot(live)
    after = copy.deepcopy(before)
    after["tags"] = ["legs"]
    [change] = diff.compare(Condition, before, after)
    assert (change.name, change.added) == ("tags", ("legs",))
    del before["tags"]
    assert diff.compare(Condition, before, after) == []


def test_a_related_item_reads_by_name_or_as_deleted(live):
    writer = factories.author(name="Dr Ada Vance")
    field = Condition._meta.get_field("author")
    assert diff.display(field, writer.pk) == "Dr Ada Vance, BSc"
    assert diff.display(field, None) == "—"
    gone = writer.pk
    writer.delete()
    assert diff.display(field, gone) == "(deleted)"


def test_a_part_written_back_under_a_new_id_is_the_same_part(live):
    # Approving a draft rewrites parts; the same symptom under a new row id
    # is a weight change, not one symptom removed and another added.
    factories.link(live, factories.symptom(name="Twitching"), weight=3)
    before = drafts.snapshot(live)
    after = copy.deepcopy(before)
    [row] = after["parts"]["symptom_links"]
    row["pk"] = 10_000
    row["fields"]["weight"] = 4
    [change] = diff.compare(Condition, before, after)
    assert (change.added, change.removed) == ((), ())
    [(label, [weight])] = change.changed
    assert (label, weight.before, weight.after) == ("Twitching", "3", "4")
