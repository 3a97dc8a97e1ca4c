"""A worried visitor fills in the symptom checklist on a phone."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def tick(page, label):
    page.get_by_role("checkbox", name=label).check()


def test_everyday_twitch_after_exercise_gets_self_care_and_remedies(site, phone_page):
    page = phone_page
    page.goto("/symptom-checker/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tick(page, "Twitching in a leg muscle")
    page.locator("label", has_text="exercised hard").click()
    page.get_by_role("button", name="See what to do").click()
    advice = page.locator("[data-urgency]")
    expect(advice).to_have_attribute("data-urgency", "self-care")
    causes = page.locator('[data-role="possible-causes"]')
    expect(causes.get_by_role("link").first).to_have_text("Muscle overexertion")
    expect(
        page.locator('[data-role="suggested-remedies"]').get_by_role("link").first
    ).to_be_visible()
    page.screenshot(path="test-artifacts/phone-checker-self-care.png", full_page=True)


def test_twitching_with_weakness_is_urgent_and_offers_no_remedies(site, phone_page):
    page = phone_page
    page.goto("/symptom-checker/")
    tick(page, "Twitching in a leg muscle")
    tick(page, "Weakness in a muscle")
    page.get_by_role("button", name="See what to do").click()
    expect(page.locator("[data-urgency]")).to_have_attribute("data-urgency", "urgent")
    expect(page.get_by_role("heading", name="Get medical help today")).to_be_visible()
    expect(page.locator('[data-role="suggested-remedies"]').get_by_role("link")).to_have_count(0)
    expect(page.get_by_text("Only a doctor can tell the cause")).to_be_visible()


def test_the_form_works_with_the_keyboard_alone(site, phone_page):
    page = phone_page
    page.goto("/symptom-checker/")
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
