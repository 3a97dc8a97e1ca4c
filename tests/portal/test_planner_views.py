"""The calorie planner's page (portal/planner_views.py): the empty form is a
public page; answers make a private one that nothing stores; bad answers
get a 400 listing every problem, with what was typed kept."""

from html import unescape

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.template import Context, Template

from tests import factories

URL = "/calorie-planner/"
ANSWERS = (
    "sex=female&age=35&height_ft=5&height_in=5&weight_st=11&weight_lb=0"
    "&activity=moderate&goal=lose-1&target_st=10&target_lb="
)
PRIVATE = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


def headers(response):
    return {name: response.get(name) for name in PRIVATE}


def test_the_empty_form_is_a_public_page_in_the_navigation(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    html = response.content.decode()
    assert 'id="planner-form"' in html and "Mifflin" in html and "Hall KD" in html
    assert f'<a href="{URL}" aria-current="page">Calorie planner</a>' in html
    assert 'name="robots"' not in html


def test_answers_get_a_target_and_the_sums_from_no_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(f"{URL}?{ANSWERS}")
    assert response.status_code == 200
    assert headers(response) == PRIVATE
    html = response.content.decode()
    # 5 ft 5 in = 165.1 cm, 11 st = 69.9 kg: BMR 699 + 1031.875 − 175 − 161 = 1394.875
    # → 1395; × 1.55 = 2162.25 → 2162; − 500 = 1662.
    assert '<span data-role="target">1,662</span> kcal' in html
    assert "= 699 + 1,031.875 − 175 − 161 = 1,394.875, about 1,395 kcal a day." in html
    assert "Reaching 10 st 0 lb" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    # The form is filled in again for changes.
    assert 'name="height_ft" value="5"' in html


def test_answers_set_no_cookie_and_write_nothing(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(f"{URL}?{ANSWERS}")
    assert response.cookies == {}
    assert Session.objects.count() == 0


def test_the_page_cache_never_keeps_answers(client, db, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    for _ in range(2):
        response = client.get(f"{URL}?{ANSWERS}")
        assert "X-Page-Cache" not in response
    # The empty form is cached like any public page.
    assert client.get(URL)["X-Page-Cache"] == "miss"
    assert client.get(URL)["X-Page-Cache"] == "hit"


def test_bad_answers_get_a_400_with_every_problem_and_the_typed_values(client):
    response = client.get(
        f"{URL}?sex=female&age=abc&height_ft=5&height_in=14&weight_kg=64&weight_st=10"
        "&activity=light&goal=lose-1"
    )
    assert response.status_code == 400
    assert headers(response) == PRIVATE
    html = response.content.decode()
    assert "There is a problem" in html
    summary = html[html.index('data-role="error-summary"') : html.index('id="planner-form"')]
    assert summary.count("<li>") == 3
    assert '<a href="#age">Enter your age as a number' in summary
    assert '<a href="#height_in">Inches must be under 12' in summary
    assert '<a href="#weight_kg">Enter your weight in one unit' in summary
    # Each field has its own message, and keeps what was typed.
    assert 'id="age-error"' in html and 'name="age" value="abc"' in html
    assert 'aria-describedby="age-error"' in html
    assert 'name="height_in" value="14"' in html
    assert 'id="activity-light" name="activity" value="light" checked' in html


def test_a_missing_choice_links_to_its_first_option(client):
    response = client.get(f"{URL}?age=40")
    assert response.status_code == 400
    assert '<a href="#sex-female">' in response.content.decode()
    assert '<a href="#activity-sedentary">' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("age=16", "Under 18: please talk to your GP or school nurse first"),
        ("pregnant=yes", "Pregnant or breastfeeding: ask your midwife"),
        ("weight_kg=48", "Your BMI is 17.6: losing weight is not advised"),
    ],
)
def test_advice_instead_of_a_target(client, query, shown):
    answers = "sex=female&age=30&height_cm=165&weight_kg=70&activity=light&goal=lose-1"
    params = dict(pair.split("=") for pair in answers.split("&"))
    params.update(dict([query.split("=")]))
    response = client.get(URL, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert shown in html
    assert 'data-role="target"' not in html


def test_only_reading_is_allowed(client):
    assert client.post(URL, {"age": "35"}).status_code == 405


def test_an_overlong_address_is_refused(client):
    response = client.get(f"{URL}?{ANSWERS}&x={'y' * 1000}")
    assert response.status_code == 400
    assert "too long" in response.content.decode()


CTA = Template('{% include "includes/planner_cta.html" with item=item %}')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tags", "offered"),
    [(["Nutrition", "muscles"], True), (["weight"], True), (["lifestyle", "sleep"], False)],
)
def test_pages_about_food_or_weight_offer_the_planner(tags, offered):
    item = factories.article(tags=tags)
    html = CTA.render(Context({"item": item}))
    assert ('data-role="planner-cta"' in html) is offered
    if offered:
        assert f'href="{URL}"' in html


def test_a_member_may_save_the_goal_and_a_visitor_is_not_offered_to(client, db):
    assert 'data-role="save-goal"' not in client.get(f"{URL}?{ANSWERS}").content.decode()
    member = factories.member()
    client.force_login(member)
    html = client.get(f"{URL}?{ANSWERS}").content.decode()
    assert 'data-role="save-goal"' in html
    goal = unescape(html.split('name="goal" value="')[1].split('"')[0])
    response = client.post("/account/calorie-goal/", {"goal": goal})
    assert response.status_code == 302
    member.member_profile.refresh_from_db()
    assert member.member_profile.planner_goal
    assert "/calorie-planner/?" in client.get("/account/").content.decode()
