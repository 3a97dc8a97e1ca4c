"""Reading the checker's answers from its shareable address
(conditions/checker/answers.py): whatever arrives, the visitor gets their
answers back with a clear message, never a 500 and never a silently
different set of answers."""

from types import SimpleNamespace

from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from conditions.checker.answers import MAX_ANSWERS, MAX_QUERY_STRING, read_answers
from conditions.models import AgeBand

SYMPTOMS = {
    1: SimpleNamespace(id=1, slug="twitching"),
    2: SimpleNamespace(id=2, slug="cramp"),
    3: SimpleNamespace(id=3, slug="chest-pain"),
}


def read(query, **options):
    return read_answers(QueryDict(query), query, SYMPTOMS, **options)


def test_ticked_answers_are_read_once_each_in_order():
    answers = read("s=cramp&s=+twitching+&s=cramp&age=16-64&p=twitching-or-cramps")
    assert answers.error == ""
    assert answers.ticked_ids == {1, 2}
    assert answers.ticked_slugs == ("cramp", "twitching")
    assert answers.age_band is AgeBand.ADULT
    assert answers.pathway == "twitching-or-cramps"


def test_the_answers_survive_the_round_trip_through_the_next_address():
    answers = read("s=chest-pain&s=cramp&age=65-plus&p=leg-pain")
    again = read(answers.query())
    assert again == answers
    assert "step=2" in answers.query(step=2)


def test_an_old_link_keeps_the_answers_it_still_knows_and_says_so():
    answers = read("s=cramp&s=removed-symptom&s=also-gone&age=under-16")
    assert answers.ticked_ids == {2}
    assert answers.age_band is AgeBand.CHILD
    assert "did not recognise 2 answers" in answers.error
    assert "1 answer in" in read("s=gone").error


def test_no_answer_is_an_error_except_on_a_step_or_a_completed_flow():
    assert "Tick at least one thing" in read("age=16-64").error
    assert read("age=16-64", allow_empty=True).error == ""
    assert read("age=16-64&done=1").error == ""


def test_an_age_it_does_not_know_asks_again_and_keeps_no_answers():
    answers = read("s=cramp&age=42")
    assert answers.ticked_ids == frozenset()
    assert "did not recognise the age" in answers.error


def test_oversized_addresses_are_refused_with_a_message():
    long_query = "s=cramp&p=" + "x" * MAX_QUERY_STRING
    assert "too long" in read(long_query).error
    many = "&".join(["s=cramp"] * (MAX_ANSWERS + 1))
    assert "too many answers" in read(many).error


def test_a_pathway_name_is_cut_to_a_sane_length():
    assert len(read("s=cramp&p=" + "a" * 500).pathway) == 100


@given(st.lists(st.tuples(st.sampled_from(["s", "age", "p", "done", "x"]), st.text(max_size=30))))
def test_any_address_gives_known_answers_or_a_message(pairs):
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    answers = read_answers(query, query.urlencode(), SYMPTOMS)
    assert answers.ticked_ids <= set(SYMPTOMS)
    known = {info.slug for info in SYMPTOMS.values()}
    assert set(answers.ticked_slugs) <= known
    assert answers.error or answers.ticked_ids or query.get("done") == "1"
