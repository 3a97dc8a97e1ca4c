"""The reviewed synonym list: how a query is expanded (pure), how a row is
kept tidy, who may change it, and that a change reaches search at once."""

import pytest
from django.core.exceptions import ValidationError

from portal.content.loader import load_launch_content
from portal.search.engine import search_content
from portal.search.models import SearchSynonym
from portal.search.synonyms import build_table, expand
from tests import factories

TABLE = build_table(
    [
        ("pins and needles", ["tingling", "paraesthesia"]),
        ("pins", ["drawing pins"]),
        ("dvt", ["blood clot in the leg"]),
        ("cramp at nite", ["night cramps"]),
    ]
)


def test_a_phrase_becomes_one_group_of_itself_and_its_terms():
    expansion = expand("Pins and needles in my feet", TABLE)
    assert expansion.groups == (("pins and needles", "tingling", "paraesthesia"), ("feet",))
    assert expansion.synonym_terms == ("tingling", "paraesthesia")


def test_the_longest_phrase_wins_and_only_whole_words_match():
    assert expand("pins", TABLE).groups == (("pins", "drawing pins"),)
    assert expand("pinsand needles", TABLE).groups == (("pinsand",), ("needles",))
    assert expand("DVTs", TABLE).groups == (("dvts",),)


def test_stop_words_are_dropped_except_inside_a_phrase():
    assert expand("cramp at nite", TABLE).groups == (("cramp at nite", "night cramps"),)
    assert expand("legs jumping at night", TABLE).groups == (("legs",), ("jumping",), ("night",))
    # Only stop words: searched as typed rather than not at all.
    assert expand("the who", TABLE).groups == (("the",), ("who",))


def test_search_syntax_is_just_words():
    assert expand('"dvt" OR -cramp*', TABLE).groups == (
        ("dvt", "blood clot in the leg"),
        ("cramp",),
    )


def test_a_row_is_stored_lower_case_with_tidy_terms(db):
    row = SearchSynonym.objects.create(phrase="  Pins  and Needles ", means="Tingling ,, numbness")
    assert (row.phrase, row.means) == ("pins and needles", "tingling, numbness")


@pytest.mark.parametrize(
    ("phrase", "means", "field"),
    [
        ("dvt", "", "means"),
        ('"dvt"', "blood clot", "phrase"),
        ("dvt", "blood clot OR *", "means"),
        ("dvt", "dvt", "means"),
    ],
)
def test_a_row_that_would_not_help_is_refused_with_a_reason(db, phrase, means, field):
    with pytest.raises(ValidationError) as refused:
        SearchSynonym(phrase=phrase, means=means).full_clean()
    assert field in refused.value.message_dict


def test_a_new_synonym_finds_pages_at_once(db):
    factories.condition(title="Blood clot in the leg", summary="A clot in a vein.")
    assert search_content("thrombus") == []
    SearchSynonym.objects.create(phrase="thrombus", means="blood clot")
    assert [r.item.title for r in search_content("thrombus")] == ["Blood clot in the leg"]


def test_a_term_that_names_a_page_puts_it_first(db):
    factories.condition(title="Leg twitching", summary="Twitches are common. " * 5)
    factories.condition(title="Blood clot in the leg", summary="Swelling; sometimes twitches.")
    SearchSynonym.objects.create(phrase="dvt", means="blood clot in the leg")
    SearchSynonym.objects.create(phrase="jumpy legs", means="twitches, leg twitching")
    assert search_content("dvt")[0].item.title == "Blood clot in the leg"
    assert search_content("jumpy legs")[0].item.title == "Leg twitching"


def test_editors_may_add_a_synonym_and_other_staff_may_not(client, db):
    form = {"phrase": "kcal", "means": "calorie planner", "kind": "abbreviation", "note": ""}
    client.force_login(factories.user(username="helper", is_staff=True))
    assert client.post("/admin/portal/searchsynonym/add/", form).status_code == 403
    client.force_login(factories.editor())
    response = client.post("/admin/portal/searchsynonym/add/", form)
    assert response.status_code == 302
    assert SearchSynonym.objects.get().means == "calorie planner"


def test_only_moderators_may_delete_one(client, db):
    row = SearchSynonym.objects.create(phrase="kcal", means="calorie planner")
    url = f"/admin/portal/searchsynonym/{row.pk}/delete/"
    client.force_login(factories.editor())
    assert client.post(url, {"post": "yes"}).status_code == 403
    client.force_login(factories.moderator())
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not SearchSynonym.objects.exists()


def test_the_admin_shows_what_the_phrase_finds(client, db):
    factories.condition(title="Blood clot in the leg")
    row = SearchSynonym.objects.create(phrase="dvt", means="blood clot in the leg")
    client.force_login(factories.moderator())
    html = client.get(f"/admin/portal/searchsynonym/{row.pk}/change/").content.decode()
    assert "Blood clot in the leg (Condition)" in html


def test_the_launch_list_is_loaded_once_and_a_moderators_change_stays(launch_content):
    row = SearchSynonym.objects.get(phrase="dvt")
    assert "blood clot in the leg" in row.terms
    SearchSynonym.objects.filter(pk=row.pk).update(means="deep vein thrombosis")
    count = SearchSynonym.objects.count()
    assert load_launch_content() == {}
    assert SearchSynonym.objects.count() == count
    assert SearchSynonym.objects.get(phrase="dvt").means == "deep vein thrombosis"
