"""A member's saved calorie goal (portal/members/forms.py PlannerGoalForm):
checked by the planner's own rules, so what is saved is what its page takes."""

from html import unescape

import pytest

from portal.members.forms import PlannerGoalForm
from portal.planner import answers

URL = "/account/calorie-goal/"
GOAL = "sex=female&age=35&height_cm=165&weight_kg=70&activity=moderate&goal=lose-1"


def saved(member):
    member.member_profile.refresh_from_db()
    return member.member_profile.planner_goal


def test_a_goal_the_planner_refuses_is_not_saved_and_says_why(member, member_client):
    response = member_client.post(URL, {"goal": GOAL.replace("age=35", "age=200")}, follow=True)
    html = unescape(response.content.decode())
    assert "That goal could not be saved. Enter an age between 1 and 120." in html
    assert saved(member) == ""


def test_a_goal_the_planner_takes_is_saved_in_its_canonical_form(member, member_client):
    # The planner reads a decimal comma as a point; so does the saved goal.
    member_client.post(URL, {"goal": "?" + GOAL.replace("weight_kg=70", "weight_kg=70,5")})
    assert saved(member) == GOAL.replace("weight_kg=70", "weight_kg=70.5")
    member_client.post(URL, {"goal": ""})
    assert saved(member) == ""


@pytest.mark.parametrize(
    "goal",
    [
        GOAL,
        GOAL + "&pregnant=yes",
        GOAL.replace("age=35", "age=0"),
        GOAL.replace("height_cm=165", "height_cm=1.65"),
        GOAL.replace("weight_kg=70", "weight_kg=700"),
        GOAL.replace("goal=lose-1", "goal=fly"),
        GOAL + "&target_kg=80",
        "sex=female",
        GOAL + "&x=" + "1" * answers.MAX_QUERY_STRING,
    ],
)
def test_the_form_takes_exactly_what_the_planner_takes(goal):
    form = PlannerGoalForm({"goal": goal})
    reading = answers.read_query(goal)
    assert form.is_valid() is (reading.input is not None)
    if reading.input is None:
        assert form.errors["goal"] == [error.message for error in reading.errors]
