"""The checker as an API gives what the web checker gives, and keeps the
answers as private."""

import csv
import logging
import re
from pathlib import Path

import pytest

from conditions.models import Symptom
from conditions.urgency import Urgency

pytestmark = pytest.mark.django_db

CASES_CSV = Path(__file__).resolve().parents[2] / "conditions" / "clinical_safety" / "cases.csv"
with CASES_CSV.open(newline="") as table:
    CASES = list(csv.DictReader(table))


def _assess(client, **answers):
    return client.post("/api/v1/checker/assessments", answers, content_type="application/json")


def _web_result(client, case):
    query = [("age", case["age"]), ("done", "1")]
    if case["pathway"] != "all":
        query.append(("p", case["pathway"]))
    query += [("s", slug) for slug in case["answers"].split()]
    page = client.get("/symptom-checker/results/", query).content.decode()
    urgency = re.search(r'data-urgency="([a-z-]+)" data-role="instruction"', page).group(1)
    headline = re.search(r'<h1 id="advice-heading">([^<]+)</h1>', page).group(1)
    return urgency, headline


def test_every_case_of_the_safety_case_gets_the_web_checkers_answer(client, launch_content):
    # One test over the whole table (not one each): the launch content loads once.
    for case in CASES:
        body = {"age": case["age"], "answers": case["answers"].split()}
        if case["pathway"] != "all":
            body["pathway"] = case["pathway"]
        result = _assess(client, **body).json()
        urgency, headline = _web_result(client, case)
        assert result["disposition"] == case["disposition"] == urgency, case["case"]
        assert result["instruction"]["headline"] == headline, case["case"]
        if case["because"]:
            assert result["reasons"], case["case"]
        assert all(r["urgency"] == result["disposition"] for r in result["reasons"])


def test_pathways_list_their_steps_and_questions_in_order(client, launch_content):
    index = client.get("/api/v1/checker").json()
    assert index["callNumbers"] == {"emergency": "999", "urgent": "111"}
    first = index["pathways"][0]
    pathway = client.get(first["url"].removeprefix("http://testserver")).json()
    steps = [step["slug"] for step in pathway["steps"]]
    assert steps[:2] == ["start", "emergency"]
    emergency = pathway["steps"][1]["questions"]
    assert emergency and all(q["askedFirst"] for q in emergency)
    child = client.get(f"/api/v1/checker/pathways/{first['slug']}?age=under-16").json()
    for_child = {q["slug"] for step in child["steps"] for q in step["questions"]}
    for_anyone = {q["slug"] for step in pathway["steps"] for q in step["questions"]}
    adults_only = set(Symptom.objects.filter(adults_only=True).values_list("slug", flat=True))
    assert for_anyone & adults_only and not for_child & adults_only
    assert client.get("/api/v1/checker/pathways/nothing-here").status_code == 404


def test_answers_the_flow_would_not_have_shown_do_not_count(client, launch_content):
    # An emergency answer ends the flow: what comes after it is never asked,
    # so ticking it too changes nothing.
    case = next(c for c in CASES if c["disposition"] == "emergency" and c["pathway"] != "all")
    answers = case["answers"].split()
    alone = _assess(client, pathway=case["pathway"], age=case["age"], answers=answers).json()
    assert alone["remediesWithheld"] and alone["instruction"]["call"] == "999"
    assert alone["disposition"] == Urgency.EMERGENCY


def test_the_answer_is_private_and_the_answers_are_never_logged(client, launch_content, caplog):
    caplog.set_level(logging.DEBUG)
    response = _assess(
        client, pathway="twitching-or-cramps", age="16-64", answers=["leg-twitching"]
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Access-Control-Allow-Origin" not in response
    refused = _assess(client, age="16-64", answers=["secret-answer-xyz"])
    assert refused.status_code == 409 and refused["Cache-Control"] == "no-store"
    assert "secret-answer-xyz" not in refused.content.decode()
    invalid = _assess(client, age="sometime", answers=["secret-answer-xyz"])
    assert invalid.status_code == 400
    assert "secret-answer-xyz" not in invalid.content.decode()
    assert all("secret-answer-xyz" not in record.getMessage() for record in caplog.records)
    assert all("leg-twitching" not in record.getMessage() for record in caplog.records)


def test_a_child_is_never_sent_to_self_care(client, launch_content):
    result = _assess(
        client, pathway="twitching-or-cramps", age="under-16", answers=["leg-twitching"]
    ).json()
    assert result["disposition"] == "doctor"
