"""A worried visitor uses the symptom checker on a phone: red flags first,
a few questions a screen, and one clear instruction at the top."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SMALL_PHONE = {"width": 390, "height": 844}


def tick(page, label):
    page.get_by_role("checkbox", name=label).check()


def in_first_screen(page, locator):
    """Is the whole of `locator` visible without scrolling?"""
    box = locator.bounding_box()
    height = page.evaluate("window.innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def next_step(page):
    # Each step fits a phone: its Next button is on the first screen.
    button = page.get_by_role("button", name="Next")
    assert in_first_screen(page, button), page.url
    button.click()


def test_an_everyday_twitch_step_by_step_gets_self_care_and_remedies(site, phone_page):
    page = phone_page
    page.goto("/symptom-checker/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.get_by_role("heading", level=1)).to_have_text("Is any of this happening now?")
    # Moving on without an answer is refused: "none of these" is an answer.
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_contain_text("None of these")
    wanted = ("Twitching in a leg muscle", "I have exercised hard")
    while (
        page.get_by_role("heading", level=1).inner_text()
        != "How old is the person with the symptoms?"
    ):
        answers = [page.get_by_role("checkbox", name=name) for name in wanted]
        present = [box for box in answers if box.count()]
        for box in present:
            box.check()
        if not present:
            page.get_by_role("checkbox", name="None of these").check()
        next_step(page)
    page.get_by_role("radio", name="16 to 64").check()
    next_step(page)
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "self-care")
    causes = page.locator('[data-role="possible-causes"]')
    expect(causes.get_by_role("link").first).to_have_text("Muscle overexertion")
    expect(
        page.locator('[data-role="suggested-remedies"]').get_by_role("link").first
    ).to_be_visible()
    page.screenshot(path="test-artifacts/phone-checker-self-care.png", full_page=True)


def test_an_emergency_on_the_first_step_ends_the_flow_with_one_instruction(
    site, browser, live_server
):
    page = browser.new_context(viewport=SMALL_PHONE, base_url=live_server.url).new_page()
    page.goto("/symptom-checker/")
    tick(page, "Trouble breathing")
    page.get_by_role("button", name="Next").click()
    instruction = page.locator('[data-role="instruction"]')
    expect(instruction).to_have_attribute("data-urgency", "emergency")
    expect(page.get_by_role("heading", level=1)).to_have_text("Call 999 now")
    expect(instruction.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    assert in_first_screen(page, instruction)
    # No other advice competes with it, and nothing reassures.
    expect(page.locator(".badge")).to_have_count(0)
    page.screenshot(path="test-artifacts/phone-checker-emergency.png")


def test_twitching_with_weakness_is_urgent_and_offers_no_remedies(site, browser, live_server):
    page = browser.new_context(viewport=SMALL_PHONE, base_url=live_server.url).new_page()
    page.goto("/symptom-checker/all/")
    tick(page, "Twitching in a leg muscle")
    tick(page, "Weakness in a muscle")
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
    box = page.get_by_role("checkbox", name="Trouble breathing")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_role("button", name="See what to do").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "emergency")
    # Changing answers brings the ticks back.
    page.get_by_role("link", name="Change your answers").click()
    expect(page.get_by_role("checkbox", name="Trouble breathing")).to_be_checked()
