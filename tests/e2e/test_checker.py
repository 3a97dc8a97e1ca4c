"""A worried visitor uses the symptom checker on a 360 × 740 phone: age and
main problem first, the life-threatening questions next, a few questions a
screen with the way out (999) and the Next button always in view, and one
clear instruction at the top of the result."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TWITCH = "Twitching or cramps"
LEG = "Leg pain or swelling"
WEAK = "Weakness, numbness or tingling"
ELSE = "Something else"


def in_first_screen(page, locator):
    """Is the whole of `locator` visible without scrolling?"""
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def check_the_step_fits(page):
    # The way out and the way on, both without scrolling.
    assert in_first_screen(page, page.locator('[data-role="call-999"]')), page.url
    expect(page.locator('[data-role="call-999"] a')).to_have_attribute("href", "tel:999")
    assert in_first_screen(page, page.get_by_role("button", name="Next")), page.url
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def run(page, problem, age, answers, name="", step_shots=False):
    """Go through the checker as a visitor: choose the problem and age, tick
    the answers wherever they are asked (else "None of these"). Returns the
    number of screens seen, the result included."""
    page.goto("/symptom-checker/")
    screens = 1
    check_the_step_fits(page)
    page.get_by_role("radio", name=problem).check()
    page.get_by_role("radio", name=age, exact=True).check()
    page.get_by_role("button", name="Next").click()
    while page.locator("[data-step]").count():
        screens += 1
        check_the_step_fits(page)
        if step_shots:
            step = page.locator("[data-step]").get_attribute("data-step")
            page.screenshot(path=f"test-artifacts/phone-checker-{name}-{step}.png")
        here = [page.get_by_role("checkbox", name=answer, exact=True) for answer in answers]
        present = [box for box in here if box.count()]
        for box in present:
            box.check()
        if not present:
            page.get_by_role("checkbox", name="None of these").check()
        page.get_by_role("button", name="Next").click()
    return screens + 1


# The four scenarios a clinician tried, each with its screen budget.
SCENARIOS = [
    ("twitch-alone", TWITCH, "16 to 64", ["Twitching in a leg muscle"], "self-care", 6),
    (
        "twitch-weakness-swallowing",
        TWITCH,
        "16 to 64",
        ["Weakness getting worse", "Swallowing getting harder"],
        "urgent",
        4,
    ),
    (
        "calf-after-flight",
        LEG,
        "16 to 64",
        [
            "Swelling in one leg",
            "Calf pain when pressed or squeezed",
            "A journey of over 3 hours in the last 4 weeks",
        ],
        "urgent",
        5,
    ),
    (
        "twitch-tingling-groin-numbness",
        TWITCH,
        "16 to 64",
        [
            "Numb between the legs, or can't control pee or poo",
            "Twitching in a leg muscle",
            "Numbness or tingling",
        ],
        "emergency",
        4,
    ),
]


@pytest.mark.parametrize(
    ("name", "problem", "age", "answers", "disposition", "budget"),
    SCENARIOS,
    ids=[scenario[0] for scenario in SCENARIOS],
)
def test_the_four_scenarios_reach_their_disposition_within_their_screen_budget(
    site, phone_page, name, problem, age, answers, disposition, budget
):
    page = phone_page
    screens = run(page, problem, age, answers, name=name, step_shots=name == "twitch-alone")
    instruction = page.locator('[data-role="instruction"]')
    expect(instruction).to_have_attribute("data-urgency", disposition)
    assert in_first_screen(page, page.get_by_role("heading", level=1))
    assert screens <= budget, f"{screens} screens"
    page.screenshot(path=f"test-artifacts/phone-checker-{name}-result.png")


@pytest.mark.parametrize("problem", [TWITCH, LEG, WEAK, ELSE])
def test_every_step_fits_a_phone_with_its_999_line(site, phone_page, problem):
    # "None of these" everywhere visits every step of the pathway.
    screens = run(phone_page, problem, "65 or over", [])
    expect(phone_page.locator("[data-urgency]")).to_have_attribute("data-urgency", "self-care")
    assert screens >= 4


def test_the_self_care_result_lists_what_the_answers_support(site, phone_page):
    page = phone_page
    run(page, TWITCH, "16 to 64", ["Twitching in a leg muscle", "I have a lot of caffeine"])
    causes = page.locator('[data-role="possible-causes"]')
    expect(causes.get_by_role("link").first).to_have_text("Caffeine and muscle twitching")
    # "None" to alcohol and nicotine: neither is offered as a cause.
    expect(causes.get_by_role("link", name="Alcohol and muscle twitching")).to_have_count(0)
    expect(causes.get_by_role("link", name="Nicotine and muscle twitching")).to_have_count(0)
    expect(
        page.locator('[data-role="suggested-remedies"]').get_by_role("link").first
    ).to_be_visible()


def test_an_emergency_on_the_first_questions_ends_the_flow_with_one_instruction(site, phone_page):
    page = phone_page
    run(page, LEG, "65 or over", ["Struggling to breathe"])
    instruction = page.locator('[data-role="instruction"]')
    expect(instruction).to_have_attribute("data-urgency", "emergency")
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 999 now")
    expect(instruction.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    assert in_first_screen(page, instruction)
    # No other advice competes with it, and nothing reassures.
    expect(page.locator(".badge")).to_have_count(0)
    page.screenshot(path="test-artifacts/phone-checker-emergency.png")


def test_a_condition_page_starts_the_checker_on_its_pathway_and_ticks_nothing(site, phone_page):
    page = phone_page
    page.goto("/conditions/blood-clot-in-the-leg/")
    page.locator('[data-role="check-these"] a').click()
    expect(page.get_by_role("radio", name=LEG)).to_be_checked()
    expect(page.locator('input[name="age"]:checked')).to_have_count(0)
    page.get_by_role("radio", name="16 to 64").check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator('input[type="checkbox"]:checked')).to_have_count(0)


def test_twitching_with_weakness_is_urgent_and_offers_no_remedies(site, phone_page):
    page = phone_page
    page.goto("/symptom-checker/all/")
    page.get_by_role("checkbox", name="Twitching in a leg muscle").check()
    page.get_by_role("checkbox", name="Weakness in a muscle").check()
    page.get_by_role("radio", name="16 to 64").check()
    page.get_by_role("button", name="See what to do").click()
    instruction = page.locator('[data-role="instruction"]')
    expect(instruction).to_have_attribute("data-urgency", "urgent")
    expect(page.get_by_role("heading", name="Get medical help today")).to_be_visible()
    expect(instruction.get_by_role("link", name="Call 111")).to_have_attribute("href", "tel:111")
    assert in_first_screen(page, instruction)
    expect(page.get_by_role("heading", name="What a doctor may consider")).to_be_visible()
    expect(page.locator(".badge")).to_have_count(0)
    expect(page.locator('[data-role="suggested-remedies"]').get_by_role("link")).to_have_count(0)
    expect(page.get_by_text("Only a doctor can tell the cause")).to_be_visible()
    page.screenshot(path="test-artifacts/phone-checker-urgent.png")


def test_the_one_page_form_works_with_the_keyboard_alone(site, phone_page):
    page = phone_page
    page.goto("/symptom-checker/all/")
    box = page.get_by_role("checkbox", name="Struggling to breathe")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_role("button", name="See what to do").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "emergency")
    # Changing answers brings the ticks back.
    page.get_by_role("link", name="Change your answers").click()
    expect(page.get_by_role("checkbox", name="Struggling to breathe")).to_be_checked()
