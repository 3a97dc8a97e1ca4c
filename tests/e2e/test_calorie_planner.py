"""A visitor plans their calories on a phone, in feet, inches, stones and
pounds, with JavaScript off: the GET form is the whole feature."""

import pytest
from playwright.sync_api import expect

from tests.conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_imperial_answers_give_a_target_with_its_sums(phone):
    page = phone
    page.goto("/calorie-planner/")
    assert no_sideways_scroll(page)
    page.get_by_role("radio", name="Female").check()
    page.get_by_label("Age in years").fill("35")
    height = page.get_by_role("group", name="Height")
    height.get_by_label("Feet").fill("5")
    height.get_by_label("Inches").fill("5")
    weight = page.get_by_role("group", name="Weight", exact=True)
    weight.get_by_label("Stones").fill("11")
    weight.get_by_label("Pounds").fill("0")
    page.get_by_role("radio", name="Moderately active").check()
    page.get_by_label("Your goal").select_option(label="Lose 1 lb a week")
    target = page.get_by_role("group", name="Target weight (optional)")
    target.get_by_label("Stones").fill("10")
    page.get_by_role("button", name="Work out my target").click()

    # 5 ft 5 in = 165.1 cm, 11 st = 69.9 kg: BMR 1,395, × 1.55 = 2,162, − 500.
    expect(page.locator('[data-role="target"]')).to_have_text("1,662")
    heading = page.get_by_role("heading", name="Your daily target: 1,662 kcal")
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # seen without scrolling
    steps = page.locator('[data-role="arithmetic"] li')
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("10 × 69.9 kg + 6.25 × 165.1 cm − 5 × 35 years")
    expect(steps.nth(1)).to_contain_text("1,395 × 1.55 (moderately active) = 2,162")
    expect(steps.nth(2)).to_contain_text("2,162 − 500 = 1,662")
    expect(page.locator('[data-role="projection"]')).to_contain_text("12 months")
    expect(page.locator('[data-role="time-to-target"]')).to_contain_text("Reaching 10 st 0 lb")
    # The answers are in the address and nowhere else.
    assert "height_ft=5" in page.url and "weight_st=11" in page.url
    assert page.context.cookies() == []
    assert no_sideways_scroll(page)
    page.screenshot(path="test-artifacts/phone-calorie-planner.png", full_page=True)


def test_a_mistake_is_listed_on_top_and_the_answers_stay(phone):
    page = phone
    page.goto("/calorie-planner/")
    page.get_by_role("radio", name="Male", exact=True).check()
    page.get_by_label("Age in years").fill("forty")
    page.get_by_label("Centimetres").fill("1.78")
    weight = page.get_by_role("group", name="Weight", exact=True)
    weight.get_by_label("Kilograms").fill("82")
    page.get_by_role("radio", name="Sedentary").check()
    page.get_by_label("Your goal").select_option(label="Lose 0.5 lb a week")
    page.get_by_role("button", name="Work out my target").click()

    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(summary).to_contain_text("1.78 m is 178 cm")
    # The summary's link takes you to the box to fix.
    summary.get_by_role("link", name="Enter your age as a number").click()
    assert page.url.endswith("#age")
    age = page.get_by_label("Age in years")
    expect(age).to_have_value("forty")
    expect(age).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Centimetres")).to_have_value("1.78")
    expect(weight.get_by_label("Kilograms")).to_have_value("82")
    expect(page.get_by_role("radio", name="Male", exact=True)).to_be_checked()
    expect(page.get_by_label("Your goal")).to_have_value("lose-0.5")

    age.fill("40")
    page.get_by_label("Centimetres").fill("178")
    page.get_by_role("button", name="Work out my target").click()
    # BMR = 820 + 1112.5 − 200 + 5 = 1737.5 → 1738; × 1.2 = 2085.6 → 2086; − 250.
    expect(page.locator('[data-role="target"]')).to_have_text("1,836")
    page.screenshot(path="test-artifacts/phone-calorie-planner-error.png")


def test_with_javascript_a_result_follows_the_answers_as_they_change(phone_page):
    page = phone_page
    page.goto(
        "/calorie-planner/?sex=female&age=35&height_cm=165&weight_kg=70"
        "&activity=moderate&goal=lose-1"
    )
    expect(page.locator('[data-role="target"]')).to_have_text("1,662")
    # 2,162 − 250 = 1,912, without pressing the button.
    page.get_by_label("Your goal").select_option(label="Lose 0.5 lb a week")
    expect(page.locator('[data-role="target"]')).to_have_text("1,912")
    expect(page.get_by_role("status")).to_have_text("Daily target updated: 1,912 kcal.")
    assert "goal=lose-0.5" in page.url
    # A half-typed answer marks the old result out of date, and no error
    # appears until the button is pressed.
    page.get_by_label("Age in years").fill("")
    expect(page.locator("#planner-live")).to_have_attribute("data-stale", "true")
    expect(page.get_by_role("alert")).to_have_count(0)
    page.get_by_label("Age in years").fill("55")
    # BMR 1,395 − 100 = 1,295; × 1.55 = 2,007.25 → 2,007; − 250 = 1,757.
    expect(page.locator('[data-role="target"]')).to_have_text("1,757")
    expect(page.locator("#planner-live")).not_to_have_attribute("data-stale", "true")


def test_at_the_floor_a_phone_shows_the_underweight_row_and_where_to_get_help(phone):
    # The clinician's case: 35, 5 ft 5 in, 14 st 2 lb, sedentary, lose 2 lb
    # a week, so the 1,200 kcal floor. Her weight keeps falling past 60 kg,
    # and the row where it goes under a BMI of 18.5 says so.
    page = phone
    page.goto(
        "/calorie-planner/?sex=female&age=35&height_ft=5&height_in=5&weight_st=14&weight_lb=2"
        "&activity=sedentary&goal=lose-2"
    )
    expect(page.locator('[data-role="target"]')).to_have_text("1,200")
    last = page.locator('[data-role="projection"] tbody tr').last
    expect(last).to_contain_text("3 years")
    expect(last).to_contain_text("7 st 6 lb (47.2 kg)")
    expect(last.locator('[data-role="row-underweight"]')).to_be_visible()
    expect(page.locator('[data-role="ends-underweight"]')).to_be_visible()
    expect(page.locator('[data-role="settling"]')).to_contain_text("6 st 8 lb (41.7 kg)")
    support = page.locator('[data-role="eating-disorder-support"]')
    expect(support).to_be_visible()
    expect(support).to_contain_text("Beat, the UK's eating disorder charity")
    expect(support.get_by_role("link", name="beateatingdisorders.org.uk")).to_be_visible()
    expect(page.locator('[data-role="reviewer"]')).to_contain_text(
        "Dr Anwen Castellane, MBBS, MRCGP"
    )
    assert no_sideways_scroll(page)
    page.locator('[data-role="projection"]').screenshot(
        path="test-artifacts/phone-calorie-planner-floor-table.png"
    )
    page.screenshot(path="test-artifacts/phone-calorie-planner-floor.png", full_page=True)


def test_a_healthy_weight_asking_to_lose_gets_advice_and_support_on_a_phone(phone):
    # 52 kg at 165 cm: a BMI of 19.1. No cut, no table: advice and support.
    page = phone
    page.goto(
        "/calorie-planner/?sex=female&age=25&height_cm=165&weight_kg=52&activity=extra&goal=lose-2"
    )
    expect(
        page.get_by_role("heading", name="Your BMI is 19.1: your weight is already healthy")
    ).to_be_visible()
    expect(page.locator('[data-role="advice"]')).to_contain_text("talk to your GP first")
    expect(page.locator('[data-role="target"]')).to_have_count(0)
    expect(page.locator('[data-role="projection"]')).to_have_count(0)
    expect(page.locator('[data-role="eating-disorder-support"]')).to_be_visible()
    assert no_sideways_scroll(page)
    page.screenshot(path="test-artifacts/phone-calorie-planner-advice.png", full_page=True)
