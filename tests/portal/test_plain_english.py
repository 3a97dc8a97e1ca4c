"""The plain-English checks (portal/editorial/plain_english.py): each finding
an editor is shown, and its absence on text that does not call for it."""

import datetime

from portal.editorial import plain_english as pe

TODAY = datetime.date(2026, 12, 3)
PLAIN = "Cramp is a sudden tight pain in a muscle. It often starts at night. Stretch the calf."
# Long words and long sentences: well above grade 7.
HARD = (
    "Intermittent nocturnal musculoskeletal contractions, frequently attributable to "
    "electrolyte disturbances, dehydration, neuromuscular hyperexcitability or pharmacological "
    "interventions, necessitate comprehensive evaluation when symptomatology persists."
)


def page(**overrides):
    fields = {"fields": {"Body": PLAIN}, "today": TODAY, **overrides}
    return pe.PageText(**fields)


def checks(report):
    return [finding.check for finding in report.findings]


def test_plain_text_has_nothing_to_look_at():
    report = pe.check(page(condition_page=True))
    assert report.findings == ()
    assert report.grade is not None and report.grade <= pe.GRADE_LIMIT


def test_a_condition_page_above_grade_7_is_flagged_first():
    report = pe.check(page(fields={"Body": HARD}, condition_page=True))
    assert report.grade > 7
    [first, *_] = report.findings
    assert (first.check, first.where) == ("reading-grade", "Whole page")
    assert f"Reading grade {report.grade:.1f}" in first.message


def test_the_grade_limit_is_for_condition_pages():
    report = pe.check(page(fields={"Body": HARD}, condition_page=False))
    assert "reading-grade" not in checks(report)
    assert report.grade_limit is None and report.grade > 7


def test_a_sentence_over_25_words_is_quoted():
    long = " ".join(["word"] * 26) + "."
    [finding] = pe.check(page(fields={"Body": f"{PLAIN} {long}"})).findings
    assert finding.check == "long-sentence" and "26 words" in finding.message
    exactly_25 = " ".join(["word"] * 25) + "."
    assert pe.check(page(fields={"Body": exactly_25})).findings == ()


def test_passive_phrases_are_hinted_once_per_field():
    text = "The clot is caused by slow blood. Pain was caused by it. Walk more."
    [finding] = pe.check(page(fields={"Causes": text})).findings
    assert (finding.check, finding.where) == ("passive-voice", "Causes")
    assert "“is caused”" in finding.message and "“was caused”" in finding.message
    assert pe.passive_hints("A clot causes pain. You feel tired.") == []


def test_pictures_without_alt_text_are_named():
    markdown = (
        "![](/media/calf.png)\n\n![Calf stretch against a wall](/media/stretch.png)\n\n"
        '<img src="/media/a.png">\n\n<img src="/media/b.png" alt="">\n\n'
        '<img src="/media/c.png" alt="A swollen calf">'
    )
    assert pe.images_without_alt(markdown) == ["/media/calf.png", "/media/a.png", "/media/b.png"]
    found = pe.check(page(fields={"Body": markdown})).findings
    assert [f.check for f in found] == ["alt-text"] * 3
    assert pe.images_without_alt("![A calf](/media/calf.png)") == []


def test_links_to_missing_or_unpublished_pages_are_broken():
    problems = {"/conditions/gone/": "goes to no page on this site"}
    markdown = (
        "See [cramp](/conditions/cramp/) and [gone](/conditions/gone/). "
        '<a href="/conditions/gone/">again</a> [NHS](https://www.nhs.uk/).'
    )
    assert pe.internal_links(markdown) == ["/conditions/cramp/", "/conditions/gone/"]
    [finding] = pe.check(page(fields={"Body": markdown}, link_problem=problems.get)).findings
    assert finding.check == "broken-link"
    assert finding.message == "The link to /conditions/gone/ goes to no page on this site."


def test_sources_checked_long_before_the_review_are_old():
    old = pe.CitedSource("Cramp (2019 page)", datetime.date(2024, 1, 10))
    recent = pe.CitedSource("Cramp (NHS)", datetime.date(2026, 6, 1))
    report = pe.check(page(sources=[old, recent], reviewed_on=datetime.date(2026, 9, 1)))
    [finding] = report.findings
    assert finding.check == "old-source" and "Cramp (2019 page)" in finding.message
    # Not reviewed yet: measured from today.
    assert pe.check(page(sources=[recent])).findings == ()


def test_urgent_advice_without_a_number_to_call_is_flagged():
    vague = pe.Advice("Urgent", "Contact your local urgent care line today.", urgent=True)
    clear = pe.Advice("Emergency", "Call 999 now if you cannot breathe.", urgent=True)
    gp = pe.Advice("See a doctor", "See a GP if it lasts a week.", urgent=False)
    report = pe.check(page(condition_page=True, advice=[vague, clear, gp]))
    [finding] = report.findings
    assert (finding.check, finding.where) == ("help-number", "When to get help: Urgent")
    assert "999 or 111" in finding.message
    # The numbers come from settings; a number inside another is not it.
    assert pe.has_phone_number("Ring 111.", ["111"])
    assert not pe.has_phone_number("Ring 01110 222.", ["111"])
    assert pe.has_phone_number("Call 112 now.", ["112"])


def test_a_condition_page_with_no_number_anywhere_in_its_help_is_flagged():
    gp = pe.Advice("See a doctor", "See a GP if it lasts a week.", urgent=False)
    report = pe.check(page(condition_page=True, advice=[gp]))
    assert [(f.check, f.where) for f in report.findings] == [("help-number", "When to get help")]
