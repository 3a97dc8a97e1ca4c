"""The step-by-step checker: age and main problem first, the life-threatening
questions next, then the pathway's red flags, a phone screen at a time;
"none of these" as an answer; the flow ending as soon as the answer is
settled; nothing ticked for the visitor and nothing stored on the way."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from conditions.checker import flow as checker_flow
from conditions.checker.assessment import load_checker_data
from conditions.models import AgeBand, Condition, SymptomKind, Urgency
from portal.content.loader import read_launch_content

START = reverse("checker:start")
RESULTS = reverse("checker:results")
TWITCH = "twitching-or-cramps"
LEG = "leg-pain-or-swelling"
WEAK = "weakness-or-numbness"
ELSE = "something-else"


def step_url(slug):
    return reverse("checker:step", args=[slug])


@pytest.fixture
def data(launch):
    return load_checker_data()


def flow_of(data, pathway_slug, age=AgeBand.ADULT):
    return checker_flow.steps(data, checker_flow.pathway_named(data, pathway_slug), age)


def ticked_on_page(page):
    return set(re.findall(r'<input type="checkbox" id="s-([^"]+)"[^>]* checked', page))


# -- the flow, as data ------------------------------------------------------------------


@pytest.mark.parametrize("pathway", [TWITCH, LEG, WEAK, ELSE])
def test_every_pathway_asks_age_and_problem_then_life_threatening_questions_then_red_flags(
    data, pathway
):
    flow = flow_of(data, pathway)
    assert flow[0].asks_start and not flow[0].symptoms
    assert flow[1].slug == "emergency"
    assert {s.slug for s in flow[1].symptoms} >= {
        "trouble-breathing", "chest-pain", "collapse", "seizure", "stroke-signs",
    }  # fmt: skip
    assert all(s.urgency == Urgency.EMERGENCY for s in flow[1].symptoms)
    asked = [s.slug for step in flow for s in step.symptoms]
    assert len(asked) == len(set(asked)), "a question is asked twice"
    # Every red-flag sign comes before any other question; the modifiers
    # red-flag rules need follow the signs they qualify.
    flags = [
        i
        for i, step in enumerate(flow)
        for s in step.symptoms
        if s.asked_first and s.kind == SymptomKind.SIGN
    ]
    others = [i for i, step in enumerate(flow) for s in step.symptoms if not s.asked_first]
    assert max(flags) < min(others), "a red flag comes after another question"


def test_something_else_asks_every_question(data):
    asked = {s.id for step in flow_of(data, ELSE) for s in step.symptoms}
    assert asked == set(data.symptoms)


@pytest.mark.parametrize("pathway", [TWITCH, LEG, WEAK])
def test_red_flags_take_at_most_two_screens(data, pathway):
    flow = flow_of(data, pathway)
    red_flag_steps = [
        step
        for step in flow
        if any(s.asked_first and s.kind == SymptomKind.SIGN for s in step.symptoms)
    ]
    assert len(red_flag_steps) <= 2


def test_follow_up_questions_are_asked_only_when_they_could_change_the_answer(data):
    flow = flow_of(data, WEAK)
    symptoms = checker_flow.step_named(flow, "symptoms")
    numb = {data_id(data, "numbness-or-tingling")}
    following = checker_flow.step_after(data, flow, symptoms, numb, AgeBand.ADULT)
    assert following is not None and following.slug == "follow-up"
    assert "sudden-onset" in {s.slug for s in following.symptoms}
    # Twitching alone: "it started suddenly" could change nothing.
    twitch_flow = flow_of(data, TWITCH)
    twitch = {data_id(data, "leg-twitching")}
    signs = checker_flow.step_named(twitch_flow, "symptoms")
    following = checker_flow.step_after(data, twitch_flow, signs, twitch, AgeBand.ADULT)
    assert following is not None and following.slug == "about-you"


def test_a_child_is_not_asked_about_alcohol_or_nicotine(data):
    child = {s.slug for step in flow_of(data, TWITCH, AgeBand.CHILD) for s in step.symptoms}
    adult = {s.slug for step in flow_of(data, TWITCH, AgeBand.ADULT) for s in step.symptoms}
    assert {"alcohol", "nicotine"} <= adult - child
    # A red flag is asked of everyone: withdrawal can affect a teenager too.
    assert "confused-after-alcohol" in child


@pytest.mark.parametrize("pathway", [TWITCH, LEG, WEAK, ELSE])
def test_each_page_asks_what_fits_on_a_phone(data, pathway):
    for step in flow_of(data, pathway):
        tall = sum(checker_flow.height(s, step.shows_hints) for s in step.symptoms)
        assert tall <= checker_flow.PAGE_HEIGHT, step.slug


def test_the_flow_stops_once_nothing_can_raise_an_urgent_answer(data):
    flow = flow_of(data, TWITCH)
    red_flags = checker_flow.step_named(flow, "red-flags")
    swallowing = {data_id(data, "swallowing-getting-harder")}
    assert checker_flow.step_after(data, flow, red_flags, swallowing, AgeBand.ADULT) is None
    # With nothing urgent the flow goes on to the signs.
    following = checker_flow.step_after(data, flow, red_flags, set(), AgeBand.ADULT)
    assert following is not None and following.slug == "symptoms"


def test_an_urgent_answer_goes_on_while_a_later_question_could_make_it_an_emergency(data):
    # Severe pain with a colour change is urgent; numbness, asked later, would
    # make it acute limb ischaemia.
    flow = flow_of(data, LEG)
    red_flags = checker_flow.step_named(flow, "red-flags")
    ticked = {data_id(data, "severe-leg-pain"), data_id(data, "skin-colour-change")}
    following = checker_flow.step_after(data, flow, red_flags, ticked, AgeBand.ADULT)
    assert following is not None and following.slug == "symptoms"


def test_only_questions_on_steps_shown_count(data):
    flow = flow_of(data, TWITCH)
    # Slow-healing sores are not a question of the twitching pathway.
    sores = data_id(data, "slow-healing-sores")
    shown = checker_flow.asked_ids(data, flow, {sores}, AgeBand.ADULT)
    assert sores not in shown
    # An emergency on the first screen: nothing after it was asked.
    shown = checker_flow.asked_ids(data, flow, {data_id(data, "seizure")}, AgeBand.ADULT)
    assert shown == {s.id for s in flow[1].symptoms}


def data_id(data, slug):
    return next(s.id for s in data.symptoms.values() if s.slug == slug)


# -- the flow, through the pages -------------------------------------------------------


def test_the_start_asks_for_the_main_problem_and_age_and_chooses_neither(launch, client):
    page = client.get(START).content.decode()
    assert not re.search(r'name="(p|age)" value="[^"]*" checked', page)
    response = client.get(START, {"answered": "start"})
    assert response.status_code == 400
    assert "Choose the main problem and the person's age" in html.unescape(
        response.content.decode()
    )
    response = client.get(START, {"answered": "start", "p": TWITCH})
    assert response.status_code == 400
    assert "Choose the person's age" in html.unescape(response.content.decode())
    response = client.get(START, {"answered": "start", "p": "nowhere", "age": "16-64"})
    assert response.status_code == 400
    response = client.get(START, {"answered": "start", "p": TWITCH, "age": "unsaid"})
    assert response.status_code == 302
    assert response["Location"] == f"{step_url('emergency')}?p={TWITCH}&age=unsaid"


def test_a_later_step_without_the_start_answers_begins_again(launch, client):
    response = client.get(step_url("symptoms"), {"s": "leg-twitching"})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == START


def test_moving_on_needs_an_answer_or_none_of_these(launch, client):
    where = {"p": TWITCH, "age": "16-64"}
    response = client.get(step_url("emergency"), {**where, "answered": "emergency"})
    assert response.status_code == 400
    assert "None of these" in response.content.decode()
    response = client.get(
        step_url("emergency"), {**where, "answered": "emergency", "none": "emergency"}
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == step_url("red-flags")


def test_an_emergency_answer_ends_the_flow_at_once(launch, client):
    response = client.get(
        step_url("emergency"),
        {"p": TWITCH, "age": "16-64", "answered": "emergency", "s": "seizure"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(RESULTS)
    result = client.get(response["Location"])
    assert 'data-urgency="emergency"' in result.content.decode()


def test_a_rule_that_makes_an_emergency_ends_the_flow_too(launch, client):
    # Compartment syndrome: severe pain (a red flag), then on the follow-up
    # questions an injured leg (or a cast).
    response = client.get(
        step_url("follow-up"),
        {
            "p": LEG,
            "age": "16-64",
            "answered": "follow-up",
            "s": ["injury-or-cast", "severe-leg-pain"],
        },
    )
    assert response.status_code == 302
    result = client.get(response["Location"]).content.decode()
    assert 'data-urgency="emergency"' in result
    assert "Severe pain after an injury or in a plaster cast" in result


def test_answers_travel_on_and_come_back_as_ticks(launch, client):
    response = client.get(
        step_url("symptoms"),
        {"p": TWITCH, "age": "16-64", "answered": "symptoms", "s": ["leg-twitching", "cramps"]},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    carried = re.findall(r'<input type="hidden" name="s" value="([^"]+)">', page)
    assert set(carried) == {"leg-twitching", "cramps"}


def test_answers_to_questions_not_yet_shown_are_dropped(launch, client):
    # An address may carry answers (a crafted or old link); a step counts and
    # carries only those to questions on it and the steps before.
    page = client.get(
        step_url("emergency"), {"p": TWITCH, "age": "16-64", "s": ["leg-twitching", "cramps"]}
    ).content.decode()
    assert not re.findall(r'<input type="hidden" name="s"', page)
    assert not ticked_on_page(page)


def test_the_result_ignores_answers_the_pathway_never_asked(launch, client):
    page = client.get(
        RESULTS,
        {"p": TWITCH, "age": "16-64", "s": ["slow-healing-sores", "leg-twitching"], "done": 1},
    ).content.decode()
    assert 'data-urgency="self-care"' in page


def test_the_last_step_leads_to_a_result_even_with_nothing_ticked(launch, client):
    response = client.get(
        step_url("about-you"),
        {"p": TWITCH, "age": "16-64", "answered": "about-you", "none": "about-you"},
    )
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert 'data-urgency="self-care"' in result.content.decode()


def test_a_child_is_sent_to_a_doctor(launch, client):
    result = client.get(RESULTS, {"s": "cramps", "age": "under-16"})
    assert 'data-urgency="doctor"' in result.content.decode()


# -- never answering for the visitor ---------------------------------------------------


def walk_with_none_of_these(client, url):
    """Follow the checker from `url` choosing an age and answering "None of
    these" on every step; returns (result page, pages seen)."""
    response = client.get(url)
    assert response.status_code == 200
    start = response.content.decode()
    pages = [start]
    chosen = re.search(r'name="p" value="([^"]+)" checked', start)
    pathway = chosen.group(1) if chosen else ELSE
    response = client.get(START, {"answered": "start", "p": pathway, "age": "16-64"})
    while response.status_code == 302 and not response["Location"].startswith(RESULTS):
        page = client.get(response["Location"]).content.decode()
        pages.append(page)
        step = re.search(r'data-step="([^"]+)"', page).group(1)
        query = parse_qs(urlsplit(response["Location"]).query)
        response = client.get(step_url(step), {**query, "answered": step, "none": step})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode(), pages


@pytest.mark.parametrize(
    "slug",
    [c["slug"] for c in read_launch_content().conditions],
)
def test_no_condition_page_answers_for_the_visitor(launch, client, slug):
    page = client.get(Condition.objects.get(slug=slug).get_absolute_url()).content.decode()
    [link] = re.findall(r'data-role="check-these"><a href="([^"]+)"', page)
    link = link.replace("&amp;", "&")
    assert "s=" not in urlsplit(link).query, "the link ticks answers"
    result, pages = walk_with_none_of_these(client, link)
    for seen in pages:
        assert not ticked_on_page(seen), "a question arrives ticked"
        assert 'type="hidden" name="s"' not in seen
    assert 'data-urgency="self-care"' in result


# -- privacy and speed -----------------------------------------------------------------


@pytest.mark.parametrize("slug", ["emergency", "red-flags", "symptoms", "about-you"])
def test_every_step_with_answers_is_private(launch, client, slug):
    where = {"p": TWITCH, "age": "16-64"}
    response = client.get(step_url(slug), {**where, "s": "leg-twitching"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    assert not response.cookies
    moved = client.get(step_url(slug), {**where, "answered": slug, "none": slug})
    assert moved["Cache-Control"] == "no-store" and not moved.cookies


@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        ("step/nowhere/", {}, 404),
        ("step/symptoms/", {"age": "ancient"}, 400),
        ("results/", {"s": "leg-twitching", "age": "<script>"}, 400),
    ],
)
def test_bad_steps_and_ages_get_a_clear_answer(launch, client, path, query, status):
    response = client.get(f"{START}{path}", query)
    assert response.status_code == status


def test_a_warm_worker_answers_without_the_database(launch, client, django_assert_num_queries):
    where = {"p": TWITCH, "age": "16-64"}
    client.get(RESULTS, {"s": "leg-twitching"})
    with django_assert_num_queries(0):
        assert client.get(RESULTS, {"s": ["leg-twitching", "alcohol"]}).status_code == 200
        assert client.get(step_url("symptoms"), where).status_code == 200


def test_a_published_change_reaches_the_next_answer(launch, client):
    from conditions.models import Symptom

    assert 'data-urgency="self-care"' in client.get(RESULTS, {"s": "cramps"}).content.decode()
    # The save bumps the content version, as approving a change does.
    cramps = Symptom.objects.get(slug="cramps")
    cramps.urgency = Urgency.DOCTOR
    cramps.save()
    assert 'data-urgency="doctor"' in client.get(RESULTS, {"s": "cramps"}).content.decode()


def test_back_goes_to_the_step_the_visitor_saw_not_a_skipped_one(launch, client):
    # Twitching alone skips the follow-up questions: from "about you", Back
    # returns to the signs.
    page = client.get(
        step_url("about-you"), {"p": TWITCH, "age": "16-64", "s": "leg-twitching"}
    ).content.decode()
    back = re.search(r'href="([^"]+)">Back<', page).group(1)
    assert urlsplit(back).path == step_url("symptoms")
