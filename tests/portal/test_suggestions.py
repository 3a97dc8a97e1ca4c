"""Did you mean…? Corrections and close pages from a vocabulary of
published names; the search page's use of them is in test_search.py."""

from portal.search.suggestions import Page, build_vocabulary, closest_pages, correct, words_of
from portal.search.synonyms import build_table


def page(title, *others, summary=""):
    names = (title, *others)
    return Page(
        title=title,
        url=f"/{title.lower().replace(' ', '-')}/",
        names=names,
        words=frozenset(words_of(" ".join([*names, summary]))),
        name_words=frozenset(words_of(" ".join(names))),
    )


VOCABULARY = build_vocabulary(
    [
        page("Leg twitching", "Fasciculations"),
        page("Amyotrophic lateral sclerosis (ALS)", "Lou Gehrig's disease"),
        page("Muscle cramp", summary="A sudden tight muscle after exercise."),
        page("Stretching"),
    ]
)


def test_a_misspelt_word_is_corrected():
    assert correct("twiching", VOCABULARY) == "twitching"
    assert correct("leg twiching", VOCABULARY) == "leg twitching"


def test_a_capital_is_kept():
    assert correct("Lou Gerhig", VOCABULARY) == "Lou Gehrig"


def test_words_from_summaries_count():
    assert correct("exersise", VOCABULARY) == "exercise"


def test_known_short_and_far_words_are_left_alone():
    assert correct("cramp", VOCABULARY) is None
    assert correct("als leg", VOCABULARY) is None
    assert correct("xylophone", VOCABULARY) is None


def test_punctuation_and_digits_stay_where_they_were():
    assert correct("42 twiching! Gerhig's", VOCABULARY) == "42 twitching! Gehrig's"


def test_pages_named_like_the_query_come_first():
    pages = closest_pages("twiching", "twitching", VOCABULARY)
    assert [p.title for p in pages] == ["Leg twitching"]
    pages = closest_pages("musle cramp", None, VOCABULARY)
    assert [p.title for p in pages] == ["Muscle cramp"]


def test_another_name_that_matched_is_shown():
    [als] = closest_pages("lou gerhig", "lou gehrig", VOCABULARY)
    assert als.also_called == "Lou Gehrig's disease"
    assert als.url == "/amyotrophic-lateral-sclerosis-(als)/"


def test_a_word_the_synonym_list_knows_is_never_corrected_into_another():
    vocabulary = build_vocabulary(
        [page("Poor circulation in the legs")], known=synonyms_of("fasciculations")
    )
    assert correct("fasciculations", vocabulary) is None
    assert correct("fasciculatons", vocabulary) == "fasciculations"
    assert correct("circulaton", vocabulary) == "circulation"


def synonyms_of(*phrases):
    return build_table((phrase, ["twitching"]) for phrase in phrases).words


def test_a_summary_alone_does_not_make_a_page_similar():
    assert closest_pages("exersise", "exercise", VOCABULARY) == []
