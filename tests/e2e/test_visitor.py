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
    expect(help_section).to_contain_text("Call 999 now if you are short of breath")
    all_advice = page.get_by_role("region", name="How urgently to get help")
    expect(all_advice.locator('[data-urgency="emergency"]')).to_be_visible()
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


def launch_pages():
    """Every launch condition page and the article, from the launch files."""
    from pathlib import Path

    launch = Path(__file__).resolve().parents[2] / "portal" / "content" / "launch"
    conditions = sorted(f"/conditions/{p.stem}/" for p in (launch / "conditions").glob("*.md"))
    articles = sorted(f"/articles/{p.stem}/" for p in (launch / "articles").glob("*.md"))
    return conditions + articles


def test_when_to_get_help_and_both_numbers_are_in_the_first_phone_screen(site, phone_page):
    """Issue 24: on a 360x740 phone, the box and its 999 and 111 buttons
    fit the first screen of every condition page and article, and each
    button is a target of at least 44 by 44 px."""
    page = phone_page
    pages = launch_pages()
    assert len(pages) >= 12
    for path in pages:
        page.goto(path)
        heading = page.get_by_role("heading", name="When to get help", exact=True)
        box = heading.bounding_box()
        assert box and box["y"] + box["height"] <= 740, path
        for number in ("999", "111"):
            button = page.locator(f'[data-role="get-help"] a[href="tel:{number}"]')
            found = button.bounding_box()
            assert found, f"{path}: no {number} button"
            assert found["y"] + found["height"] <= 740, (path, number, found)
            assert found["width"] >= 44 and found["height"] >= 44, (path, number, found)
    page.goto(pages[0])
    page.screenshot(path="test-artifacts/phone-get-help.png")


def test_when_to_get_help_sits_under_the_title_on_a_desktop(site, desktop_page):
    page = desktop_page
    page.goto("/conditions/blood-clot-in-the-leg/")
    button = page.locator('[data-role="get-help"] a[href="tel:999"]').bounding_box()
    assert button["y"] + button["height"] <= 800
    assert no_sideways_scroll(page)
    page.screenshot(path="test-artifacts/desktop-get-help.png")


def test_print_and_share_use_the_browser_and_nothing_else(site, browser, live_server):
    """Print calls the browser's print; Share hands the page to the
    phone's share sheet where there is one, and otherwise shows a link to
    copy. No script from another site, no CSP complaint."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    context.add_init_script(
        "window.__printed = 0; window.print = () => { window.__printed += 1; };"
        "window.__shared = [];"
        "if (location.search.includes('sheet')) {"
        "  navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };"
        "} else { delete Navigator.prototype.share; }"
    )
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/conditions/blood-clot-in-the-leg/?sheet")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.__printed") == 1
    page.get_by_text("Share", exact=True).click()
    shared = page.evaluate("window.__shared")
    assert shared == [
        {
            "title": "Blood clot in the leg",
            "url": f"{live_server.url}/conditions/blood-clot-in-the-leg/",
        }
    ]
    # No share sheet: the link to copy, and a button that copies it.
    page.goto("/conditions/blood-clot-in-the-leg/")
    page.get_by_text("Share", exact=True).click()
    link = page.get_by_label("Link to this page")
    expect(link).to_have_value(f"{live_server.url}/conditions/blood-clot-in-the-leg/")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == link.input_value()
    page.screenshot(path="test-artifacts/phone-share.png")
    assert all(url.startswith(live_server.url) for url in requests), requests
    assert not problems, problems
    context.close()


def test_share_works_without_javascript(site, browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/articles/muscle-twitches-in-the-legs/")
    # The print button needs the script, so it is not offered without it.
    expect(page.get_by_role("button", name="Print this page")).to_have_count(0)
    page.get_by_text("Share", exact=True).click()
    expect(page.get_by_label("Link to this page")).to_have_value(
        f"{live_server.url}/articles/muscle-twitches-in-the-legs/"
    )
    context.close()
