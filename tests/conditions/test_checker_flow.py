"""The step-by-step checker: red flags first, a phone screen at a time,
"none of these" as an answer, an emergency ending the flow at once, and
nothing stored on the way."""

import re

import pytest
from django.urls import reverse

from conditions import checker_flow
from conditions.checker import load_checker_data
from conditions.models import Urgency

START = reverse("checker:start")


def step_url(slug):
    return reverse("checker:step", args=[slug])


@pytest.fixture
def flow(launch):
    return checker_flow.steps(load_checker_data())


def test_red_flags_come_first_and_every_listed_symptom_is_asked_once(flow):
    slugs = [step.slug for step in flow]
    assert slugs[0] == "emergency" and slugs[-1] == "age"
    first = flow[0].symptoms
    assert first and all(s.urgency == Urgency.EMERGENCY for s in first)
    asked = [s.slug for step in flow for s in step.symptoms]
    assert len(asked) == len(set(asked))
    assert set(asked) == {s.slug for s in load_checker_data().symptoms.values()}
    # Every red flag is asked before any other question.
    flags = [i for i, step in enumerate(flow) for s in step.symptoms if s.asked_first]
    others = [i for i, step in enumerate(flow) for s in step.symptoms if not s.asked_first]
    assert max(flags) < min(others)


def test_each_page_asks_what_fits_on_a_phone(flow):
    for step in flow:
        lines = sum(checker_flow._lines(s) for s in step.symptoms)
        headings = len(step.groups) - 1
        assert lines + headings * checker_flow.LINES_PER_HEADING <= checker_flow.LINES_PER_PAGE


def test_moving_on_needs_an_answer_or_none_of_these(flow, client):
    response = client.get(START, {"answered": "emergency"})
    assert response.status_code == 400
    assert "None of these" in response.content.decode()
    response = client.get(START, {"answered": "emergency", "none": "emergency"})
    assert response.status_code == 302
    assert response["Location"] == f"{step_url(flow[1].slug)}?"


def test_an_emergency_answer_ends_the_flow_at_once(flow, client):
    response = client.get(START, {"answered": "emergency", "s": "seizure"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("checker:results"))
    result = client.get(response["Location"])
    assert re.search(r'data-urgency="emergency"', result.content.decode())


def test_a_combination_that_makes_an_emergency_ends_the_flow_too(flow, client):
    # Calf pain was ticked on an earlier page; the swelling completes the pair.
    [step] = [step for step in flow if "leg-swelling" in {s.slug for s in step.symptoms}]
    response = client.get(
        step_url(step.slug),
        {"answered": step.slug, "s": ["leg-swelling", "calf-pain-when-squeezed"]},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("checker:results"))


def test_answers_travel_on_in_the_address_and_come_back_as_ticks(flow, client):
    response = client.get(
        step_url("symptoms"), {"answered": "symptoms", "s": ["leg-twitching", "alcohol"]}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    carried = re.findall(r'<input type="hidden" name="s" value="([^"]+)">', page)
    assert set(carried) == {"leg-twitching", "alcohol"}


def test_the_last_step_leads_to_a_result_even_with_nothing_ticked(flow, client):
    response = client.get(step_url("age"), {"answered": "age", "age": "16-64"})
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert 'data-urgency="self-care"' in result.content.decode()


def test_a_child_is_sent_to_a_doctor(flow, client):
    result = client.get(reverse("checker:results"), {"s": "cramps", "age": "under-16"})
    assert 'data-urgency="doctor"' in result.content.decode()


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        ("step/nowhere/", {}, 404),
        ("step/symptoms/", {"age": "ancient"}, 400),
        ("results/", {"s": "leg-twitching", "age": "<script>"}, 400),
    ],
)
def test_bad_steps_and_ages_get_a_clear_answer(flow, client, path, query, status):
    response = client.get(f"{START}{path}", query)
    assert response.status_code == status


@pytest.mark.parametrize("slug", ["emergency", "urgent", "symptoms", "about-you", "age"])
def test_every_step_with_answers_is_private(flow, client, slug):
    response = client.get(step_url(slug), {"s": "leg-twitching"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert not response.cookies
    moved = client.get(step_url(slug), {"answered": slug, "s": "leg-twitching", "none": slug})
    assert moved["Cache-Control"] == "no-store" and not moved.cookies


# -- a warm worker answers from memory ------------------------------------------------


def test_a_warm_worker_answers_without_the_database(flow, client, django_assert_num_queries):
    results = reverse("checker:results")
    client.get(results, {"s": "leg-twitching"})
    with django_assert_num_queries(0):
        assert client.get(results, {"s": ["leg-twitching", "alcohol"]}).status_code == 200
        assert client.get(step_url("symptoms"), {"s": "leg-twitching"}).status_code == 200


def test_a_published_change_reaches_the_next_answer(flow, client):
    from conditions.models import Symptom

    results = reverse("checker:results")
    assert 'data-urgency="self-care"' in client.get(results, {"s": "cramps"}).content.decode()
    # The save bumps the content version, as approving a change does.
    cramps = Symptom.objects.get(slug="cramps")
    cramps.urgency = Urgency.DOCTOR
    cramps.save()
    assert 'data-urgency="doctor"' in client.get(results, {"s": "cramps"}).content.decode()
