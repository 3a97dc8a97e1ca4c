"""The calorie planner's page (portal/planner/views.py): the empty form is a
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


def answer(client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert headers(response) == PRIVATE
    return unescape(response.content.decode())


def section(html, role):
    """The element marked data-role=`role`, roughly: up to its closing tag."""
    start = html.index(f'data-role="{role}"')
    return html[start : html.index("</", html.index(">", start))]


# The clinician's first case, in stones and pounds: 35, 5 ft 5 in (165.1 cm),
# 14 st 2 lb (89.8 kg), sedentary, at the 1,200 kcal floor.
AT_THE_FLOOR = (
    "sex=female&age=35&height_ft=5&height_in=5&weight_st=14&weight_lb=2"
    "&activity=sedentary&goal=lose-2"
)


def test_at_the_floor_the_table_keeps_falling_in_her_units_with_warnings(client):
    html = answer(client, AT_THE_FLOOR)
    assert '<span data-role="target">1,200</span> kcal' in html
    table = html[html.index('data-role="projection"') : html.index("</table>")]
    # Stones and pounds, kilograms alongside; past 60 kg and on.
    for row in ("12 months</th><td>10 st 12 lb (68.8 kg)", "3 years</th><td>7 st 6 lb (47.2 kg)"):
        assert row in table
    # The one row under a BMI of 18.5 says so, beside its figure.
    assert table.count("Underweight: stop before this") == 1
    assert "<td>17.3<br><strong" in table
    warning = section(html, "ends-underweight")
    assert "below a healthy weight after about 2.5 years" in warning
    assert "under 7 st 13 lb (50.5 kg), a BMI of 18.5" in html
    settling = html[
        html.index('data-role="settling"') : html.index("</p>", html.index('data-role="settling"'))
    ]
    assert "At 3 years it is still falling" in settling
    assert "6 st 8 lb (41.7 kg)" in settling and "It is underweight." in settling
    # The old answer: "settles to about 60.2 kg".
    assert "60.2" not in html and "9 st 7 lb" not in html
    # The floor's pace in her units.
    assert "lose about 1.4 lb a week at first, rather than 2 lb" in html


def test_a_healthy_weight_under_a_bmi_of_20_gets_advice_and_no_cut(client):
    # 52 kg at 165 cm (BMI 19.1), extra active, lose 2 lb a week: the old
    # planner's table reached 31.2 kg at 12 months.
    html = answer(
        client,
        "sex=female&age=25&height_cm=165&weight_kg=52&activity=extra&goal=lose-2",
    )
    assert "Your BMI is 19.1: your weight is already healthy" in html
    assert "talk to your GP first" in html
    assert "a weight under 50.4 kg (a BMI under 18.5) is underweight" in html
    for absent in (
        'data-role="target"',
        'data-role="projection"',
        'data-role="arithmetic"',
        "31.2",
    ):
        assert absent not in html
    # In stones, the weight that matters is in stones too.
    html = answer(
        client,
        "sex=female&age=25&height_cm=165&weight_st=8&weight_lb=3&activity=extra&goal=lose-1",
    )
    assert "a weight under 7 st 13 lb (50.4 kg)" in html


@pytest.mark.parametrize(
    "query",
    [
        ANSWERS,
        "sex=female&age=30&height_cm=165&weight_kg=70&activity=light&goal=maintain",
        "sex=male&age=30&height_cm=180&weight_kg=60&activity=light&goal=gain-1",
        "sex=female&age=16&height_cm=165&weight_kg=55&activity=light&goal=lose-1",
        "sex=female&age=30&pregnant=yes&height_cm=165&weight_kg=70&activity=light&goal=lose-1",
        "sex=female&age=30&height_cm=165&weight_kg=48&activity=light&goal=lose-1",
        "sex=female&age=30&height_cm=165&weight_kg=52&activity=light&goal=lose-1",
        "sex=female&age=70&height_cm=150&weight_kg=45&activity=sedentary&goal=maintain",
        "sex=female&age=85&height_cm=150&weight_kg=46&activity=sedentary&goal=lose-1",
    ],
)
def test_every_answer_signposts_eating_disorder_support(client, query):
    html = answer(client, query)
    support = html[html.index('data-role="eating-disorder-support"') : html.index("</aside>")]
    assert "Beat, the UK's eating disorder charity" in support
    assert "talk to your GP" in support
    assert 'href="https://www.beateatingdisorders.org.uk/"' in support


def test_an_underweight_gain_is_marked_still_underweight_not_stop(client):
    # 45 kg at 165 cm (BMI 16.5), gaining half a pound a week: under 18.5
    # at 3 and 6 months.
    html = answer(
        client, "sex=female&age=30&height_cm=165&weight_kg=45&activity=light&goal=gain-0.5"
    )
    table = html[html.index('data-role="projection"') : html.index("</table>")]
    assert table.count("Still underweight") == 2 and "stop before this" not in table
    assert 'data-role="ends-underweight"' not in html


@pytest.mark.parametrize("query", ["", f"?{ANSWERS}"])
def test_the_planner_names_its_clinical_reviewer(client, query):
    html = client.get(f"{URL}{query}").content.decode()
    reviewer = section(html, "reviewer")
    assert "Medically reviewed by Dr Anwen Castellane, MBBS, MRCGP" in reviewer
    assert '<time data-role="last-reviewed" datetime="2026-12-03">3 December 2026</time>' in html
    assert '<time data-role="next-review-due" datetime="2027-12-03">December 2027</time>' in html


def test_a_goal_in_pounds_is_given_in_kilograms_too_to_whoever_used_them(client):
    html = answer(
        client, "sex=female&age=35&height_cm=165&weight_kg=90&activity=sedentary&goal=lose-2"
    )
    assert "goal: lose 2 lb a week (about 0.9 kg)." in html
    assert "lose about 0.6 kg a week at first, rather than 0.9 kg." in html
    assert "3 years</th><td>47.3 kg</td>" in html
    assert "(about" not in answer(client, AT_THE_FLOOR).split("goal:")[1].split("</p>")[0]
