"""The checker's clinical safety case, held to the checker itself.

conditions/clinical_safety/ holds a hazard log, a page per pathway and a
table of cases. Here every case runs through the results page (and, for a
pathway, through a replay of the flow: every answer must be one the visitor
would have been shown); every red flag must have a question, a rule, a
published source, a case and a hazard-log line; and a condition page's
"when to get help" must agree with the rules that point to it.
"""

import csv
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from conditions.checker import flow as checker_flow
from conditions.checker.assessment import assess, load_checker_data
from conditions.models import (
    AgeBand,
    Condition,
    ConditionAdvice,
    Symptom,
    Urgency,
    UrgentCombination,
)
from portal.content.loader import read_launch_content
from portal.models import Status
from tests import factories

SAFETY = Path(__file__).resolve().parents[2] / "conditions" / "clinical_safety"
launch_data = read_launch_content()
RESULTS = reverse("checker:results")
RULES = {item["slug"]: item for item in launch_data.checker_rules}
QUESTIONS = {item["slug"]: item for item in launch_data.symptoms}
RANK = {urgency.value: urgency.rank for urgency in Urgency}


def read_cases():
    with (SAFETY / "cases.csv").open(newline="") as table:
        return list(csv.DictReader(table))


CASES = read_cases()


def red_flag_questions():
    return {
        slug
        for slug, item in QUESTIONS.items()
        if RANK[item["urgency"]] >= RANK["urgent"] or item.get("red_flag")
    }


def red_flag_rules():
    return {slug for slug, item in RULES.items() if RANK[item["urgency"]] >= RANK["urgent"]}


# -- the table -------------------------------------------------------------------------


def test_the_case_table_is_well_formed():
    ids = [case["case"] for case in CASES]
    assert len(ids) == len(set(ids)), "case names must be unique"
    pathways = {item["slug"] for item in launch_data.pathways} | {"all"}
    for case in CASES:
        assert case["pathway"] in pathways, case["case"]
        assert case["age"] in AgeBand.values, case["case"]
        assert case["disposition"] in RANK, case["case"]
        assert set(case["answers"].split()) <= set(QUESTIONS), case["case"]
        assert not case["because"] or case["because"] in RULES | QUESTIONS, case["case"]
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_case(launch, client, case):
    data = load_checker_data()
    by_slug = {s.slug: s for s in data.symptoms.values()}
    answers = case["answers"].split()
    ticked = {by_slug[slug].id for slug in answers}
    age = AgeBand(case["age"])
    query = {"s": answers, "age": age.value, "done": 1}
    if case["pathway"] == "all":
        asked = None  # the one-page form asks every question
    else:
        query["p"] = case["pathway"]
        pathway = checker_flow.pathway_named(data, case["pathway"])
        flow = checker_flow.steps(data, pathway, age)
        asked = checker_flow.asked_ids(data, flow, ticked, age)
        never_shown = sorted(slug for slug in answers if by_slug[slug].id not in asked)
        assert not never_shown, f"the flow never shows {never_shown}"
    page = client.get(RESULTS, query).content.decode()
    assert f'data-urgency="{case["disposition"]}"' in page
    assessment = assess(data, ticked, age_band=age, asked_ids=asked)
    assert assessment.urgency == case["disposition"]
    if case["because"]:
        name = (RULES.get(case["because"]) or QUESTIONS[case["because"]])["name"]
        assert name in {reason.name for reason in assessment.instruction_reasons}


def test_every_rule_is_tested_by_a_case():
    tested = {case["because"] for case in CASES}
    assert set(RULES) <= tested, sorted(set(RULES) - tested)


def test_every_disposition_is_in_the_table():
    assert {case["disposition"] for case in CASES} == set(RANK)


# -- red flags -------------------------------------------------------------------------


def test_every_red_flag_has_a_question_rule_source_case_and_hazard_line():
    hazard_log = (SAFETY / "hazard_log.md").read_text()
    answered = {slug for case in CASES for slug in case["answers"].split()}
    because = {case["because"] for case in CASES}
    for slug in red_flag_questions():
        item = QUESTIONS[slug]
        assert f"`{slug}`" in hazard_log, f"no hazard-log line for {slug}"
        assert slug in answered, f"no case answers {slug}"
        if RANK[item["urgency"]] >= RANK["urgent"]:
            # The question is its own rule: it needs a source and a case of its own.
            assert item.get("source"), f"{slug} names no source"
            assert slug in because or any(
                slug in RULES[rule]["symptoms"] for rule in because if rule in RULES
            ), f"no case shows what {slug} calls for"
    for slug in red_flag_rules():
        assert f"`{slug}`" in hazard_log, f"no hazard-log line for {slug}"
        assert RULES[slug].get("source"), f"{slug} names no source"


# What a clinician asked for, by name: each reaches the right disposition.
ISSUE_RED_FLAGS = {
    "groin-numbness-with-tingling-feet": "emergency",  # cauda equina
    "limb-ischaemia-from-signs": "emergency",
    "stroke-signs": "emergency",  # FAST
    "slurred-speech-weakness-numbness": "emergency",
    "rash-that-does-not-fade": "emergency",
    "myasthenic-crisis": "emergency",
    "alcohol-withdrawal-confusion": "emergency",  # delirium tremens, NICE CG100
    "compartment-syndrome-injury": "emergency",
    "back-pain-after-cancer": "urgent",
    "weakness-after-infection": "urgent",
    "dark-urine-with-cramps": "urgent",
    "statin-with-cramps": "urgent",
    "one-sided-numbness": "urgent",
    "new-weakness-with-numbness": "urgent",
    "older-walking-numbness-weakness": "urgent",
    "dvt-calf-and-swelling": "urgent",  # GP today or 111, not 999
    "dvt-after-long-journey": "urgent",
    "dvt-in-pregnancy": "urgent",
    "dvt-after-surgery": "urgent",
    "diabetic-foot-sore": "urgent",
    "dvt-with-breathlessness": "emergency",
    "twitch-weakness-and-swallowing": "urgent",  # slowly worsening: not 999
    "heatstroke": "emergency",
    "sudden-weakness": "emergency",
}


def test_the_red_flags_a_clinician_named_reach_the_right_disposition():
    by_name = {case["case"]: case for case in CASES}
    for name, disposition in ISSUE_RED_FLAGS.items():
        assert by_name[name]["disposition"] == disposition, name


# (pathway, rule) pairs whose modifier another question asks: on the
# twitching pathway the generic stroke question ("sudden weakness or
# numbness, face droop or slurred speech", on every pathway) asks what
# "it started suddenly" would, one screen earlier.
COVERED_ELSEWHERE = {("twitching-or-cramps", "sudden-weakness-or-numbness")}


def test_a_pathway_that_asks_a_rules_signs_asks_its_modifiers():
    """A rule can only fire where all it needs is asked: wherever a pathway
    asks the signs an urgent rule starts from, it asks the rest too (the
    modifiers, as follow-up questions)."""
    kinds = {slug: item["kind"] for slug, item in QUESTIONS.items()}
    every = {slug for slug, item in QUESTIONS.items() if item.get("every_pathway")}
    for pathway in launch_data.pathways:
        asked = set(pathway["questions"] or QUESTIONS) | every
        for slug, rule in RULES.items():
            if RANK[rule["urgency"]] < RANK["urgent"]:
                continue
            all_signs = {a for a in rule["symptoms"] if kinds[a] == "sign"}
            any_signs = {a for a in rule.get("any", ()) if kinds[a] == "sign"}
            starts_here = all_signs <= asked and (not any_signs or any_signs & asked)
            if not starts_here or not (all_signs or any_signs):
                continue
            signs_alone = max(
                [RANK[QUESTIONS[a]["urgency"]] for a in all_signs | any_signs], default=0
            )
            if RANK[rule["urgency"]] <= signs_alone:
                continue  # the signs already say as much: the modifiers add nothing
            if (pathway["slug"], slug) in COVERED_ELSEWHERE:
                continue
            missing = {a for a in rule["symptoms"] if a not in asked}
            if rule.get("any") and not set(rule["any"]) & asked:
                missing |= set(rule["any"])
            assert not missing, (pathway["slug"], slug, sorted(missing))


def test_an_urgent_question_for_adults_only_cannot_be_approved(launch):
    question = Symptom.objects.get(slug="confused-after-alcohol")
    question.adults_only = True
    assert any("asked of everyone" in problem for problem in question.publish_problems())


def test_every_pathway_page_is_current(launch):
    call_command("clinical_safety_docs", "--check")


def test_every_pathway_page_lists_its_red_flags_with_sources():
    for item in launch_data.pathways:
        page = (SAFETY / "pathways" / f"{item['slug']}.md").read_text()
        own = item["questions"] or list(QUESTIONS)
        for slug in red_flag_questions() & set(own):
            if RANK[QUESTIONS[slug]["urgency"]] < RANK["urgent"]:
                continue  # a modifier ("it started suddenly"): its rules cite the source
            assert re.search(rf"\| `{slug}` \|.*\]\(https://", page), (item["slug"], slug)


# -- results consistent with the answers -----------------------------------------------


def shown_causes(client, query):
    page = client.get(RESULTS, {"done": 1, "age": "16-64", **query}).content.decode()
    section = page.split('data-role="possible-causes"', 1)[1]
    return re.findall(r'href="/conditions/([^/"]+)/"', section)


def test_a_cause_ruled_out_by_the_answers_is_not_listed(launch, client):
    # "None" to caffeine, alcohol and nicotine: none of them is a cause.
    causes = shown_causes(client, {"p": "twitching-or-cramps", "s": "leg-twitching"})
    assert causes, "no cause listed"
    assert not {"caffeine-and-muscles", "alcohol-and-muscles", "nicotine-and-muscles"} & set(causes)
    with_coffee = shown_causes(
        client, {"p": "twitching-or-cramps", "s": ["leg-twitching", "lots-of-caffeine"]}
    )
    assert with_coffee[0] == "caffeine-and-muscles"


def test_caffeine_does_not_outrank_als_for_speech_and_drooling(launch, client):
    # From the one-page form nothing about caffeine was said either way: an
    # unconfirmed everyday cause comes after the one the answers support.
    causes = shown_causes(client, {"s": ["slurred-speech", "drooling", "leg-twitching"]})
    assert causes.index("als") < causes.index("muscular-dystrophy")
    for everyday in ("caffeine-and-muscles", "nicotine-and-muscles"):
        assert everyday not in causes[: causes.index("als")]


def test_a_compress_is_never_suggested_with_numbness(launch, client):
    def remedies(answers):
        page = client.get(RESULTS, {"s": answers, "age": "16-64"}).content.decode()
        return page.split('data-role="suggested-remedies"', 1)[1].split("</ul>", 1)[0]

    calm = ["twitching-after-exercise", "tender-points"]
    assert "/remedies/hot-or-cold-compress/" in remedies(calm)
    assert "/remedies/hot-or-cold-compress/" not in remedies([*calm, "numbness-or-tingling"])


# -- one source of clinical truth ------------------------------------------------------


def test_launch_pages_and_their_rules_agree(launch):
    for condition in Condition.objects.all():
        assert condition.checker_disagreements() == [], condition.slug


def test_approving_a_rule_the_page_does_not_state_is_refused(launch):
    # The muscle-overexertion page has no urgent tier: a rule giving urgent
    # advice "for" it disagrees with it.
    rule = UrgentCombination.objects.get(slug="twitching-with-weakness")
    rule.condition = Condition.objects.get(slug="muscle-overexertion")
    problems = rule.publish_problems()
    assert any("has no urgent tier" in problem for problem in problems)


def test_a_page_that_drops_a_tier_its_rules_give_is_refused(launch):
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    ConditionAdvice.objects.filter(condition=clot, urgency=Urgency.URGENT).delete()
    problems = clot.publish_problems()
    assert any("A swollen leg with a tender calf" in problem for problem in problems)


def test_a_page_whose_emergency_advice_the_checker_never_gives_is_refused(launch):
    page = Condition.objects.get(slug="muscle-overexertion")
    ConditionAdvice.objects.create(
        condition=page, urgency=Urgency.EMERGENCY, text="Call 999 if the leg turns black."
    )
    problems = page.publish_problems()
    assert any("no checker rule or linked symptom gives emergency" in p for p in problems)


def test_an_urgent_question_without_a_source_cannot_be_approved(launch):
    question = factories.symptom(
        body_area=Symptom.objects.get(slug="cramps").body_area,
        slug="new-red-flag",
        urgency=Urgency.URGENT,
        status=Status.DRAFT,
    )
    assert any("source" in problem for problem in question.publish_problems())


def test_a_rule_without_a_source_cannot_be_approved(launch):
    rule = UrgentCombination.objects.create(
        name="Unsourced", slug="unsourced", urgency=Urgency.URGENT, advice="Call 111."
    )
    rule.symptoms.set([Symptom.objects.get(slug="cramps")])
    assert "Name the published source this rule follows." in rule.publish_problems()


def test_the_review_screens_show_a_page_and_its_rules_side_by_side(launch, client):
    client.force_login(factories.moderator())
    clot = Condition.objects.get(slug="blood-clot-in-the-leg")
    for view in ("change", "compare"):
        page = client.get(reverse(f"admin:conditions_condition_{view}", args=[clot.pk]))
        assert page.status_code == 200
        panel = page.content.decode().split('data-role="reviewed-with"', 1)[1]
        assert "A swollen leg with a tender calf" in panel
        assert "Urgent" in panel and "Emergency" in panel
    rule = UrgentCombination.objects.get(slug="swollen-leg-with-tender-calf")
    page = client.get(reverse("admin:conditions_urgentcombination_change", args=[rule.pk]))
    panel = page.content.decode().split('data-role="reviewed-with"', 1)[1]
    assert "if one leg is swollen" in panel  # the page's urgent tier, beside the rule


# -- content a GP would have flagged ---------------------------------------------------


def test_the_launch_content_corrections_hold(launch, client):
    from conditions.models import Category, ConditionTier

    alcohol = Condition.objects.get(slug="alcohol-and-muscles")
    assert alcohol.category == Category.CHECK  # not "usually harmless"
    assert "delirium tremens" in alcohol.advice.get(urgency=Urgency.EMERGENCY).text
    assert "each year" in Condition.objects.get(slug="als").prevalence  # incidence, said so
    assert "two weeks" in ConditionTier.objects.get(key="common").explanation
    self_care = client.get(RESULTS, {"s": "leg-twitching", "age": "16-64"}).content.decode()
    assert "more than two weeks" in self_care and "a few weeks" not in self_care
    texts = [
        *ConditionAdvice.objects.values_list("text", flat=True),
        *Symptom.objects.values_list("advice", flat=True),
        *UrgentCombination.objects.values_list("advice", flat=True),
    ]
    assert not [
        text for text in texts if "urgent care line" in text or "emergency services" in text
    ]
