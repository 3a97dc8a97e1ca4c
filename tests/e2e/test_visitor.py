"""A visitor on a phone: the shell, a condition page, the A–Z and search."""

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_navigation_works_on_a_phone(site, phone_page):
    page = phone_page
    page.goto("/")
    assert no_sideways_scroll(page)
    # The header stays small: the sections fold into a menu that opens
    # without JavaScript.
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120
    # The symptom checker's button is in the first screen, no scrolling.
    button = page.get_by_role("link", name="Check your symptoms").first.bounding_box()
    assert button["y"] + button["height"] <= page.viewport_size["height"]
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_have_count(0)
    for section, heading in [
        ("Conditions A–Z", "Conditions A–Z"),
        ("Remedy guide", "Remedy guide"),
        ("Symptom checker", "What is the main problem?"),
    ]:
        page.locator(".site-menu summary").click()
        page.get_by_role("navigation", name="Main").get_by_role("link", name=section).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_skip_link_is_the_first_stop_for_keyboard_users(site, phone_page):
    page = phone_page
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_condition_page_on_a_phone(site, phone_page):
    page = phone_page
    page.goto("/conditions/blood-clot-in-the-leg/")
    assert no_sideways_scroll(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("clot")
    help_section = page.get_by_role("region", name="When to get help")
    expect(help_section.locator('[data-urgency="emergency"]')).to_be_visible()
    expect(page.get_by_text("Medically reviewed by")).to_be_visible()
    page.screenshot(path="test-artifacts/phone-condition.png", full_page=True)


def test_a_z_jumps_to_a_letter_and_follows_a_synonym(site, phone_page):
    page = phone_page
    page.goto("/conditions/")
    page.get_by_role("navigation", name="Letters").get_by_role("link", name="L").click()
    entry = page.locator("#letter-L").locator("xpath=..").get_by_role("link").first
    entry.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ALS")


def test_search_from_the_header_finds_als_by_another_name(site, phone_page):
    page = phone_page
    page.goto("/")
    page.get_by_role("searchbox", name="Search the site").fill("Lou Gehrig")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".search-results")
    expect(results.get_by_role("link").first).to_contain_text("Amyotrophic lateral sclerosis")


def test_condition_page_on_a_desktop_puts_related_links_beside_the_text(site, desktop_page):
    page = desktop_page
    page.goto("/conditions/muscle-overexertion/")
    text = page.locator("article.with-sidebar > .prose").bounding_box()
    aside = page.locator("article.with-sidebar > aside").bounding_box()
    assert aside["x"] >= text["x"] + text["width"]
    page.screenshot(path="test-artifacts/desktop-condition.png", full_page=True)
