"""An article's way to the site: an editor writes and submits it, a
moderator sends it back with a note, the editor fixes and resubmits, the
moderator publishes it, and a visitor finds it."""

import pytest
from playwright.sync_api import expect

from portal.demo.accounts import ensure_demo_accounts
from tests.conftest import DESKTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "Night cramps in the calves"


def log_in(browser, site, username):
    context = browser.new_context(viewport=DESKTOP, base_url=site.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-demo")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


def choose(page, field, text):
    """Pick an option in one of the admin's autocomplete (select2) boxes."""
    page.locator(f"#id_{field} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def open_article(page):
    page.goto("/admin/portal/article/")
    page.get_by_role("link", name=TITLE).click()


def test_an_article_goes_from_draft_to_the_site(site, browser):
    ensure_demo_accounts()

    editor = log_in(browser, site, "editor")
    editor.goto("/admin/portal/article/add/")
    editor.get_by_label("Title:").fill(TITLE)
    editor.get_by_label("Summary:").fill("Why calves cramp at night, and what helps.")
    editor.get_by_label("Body:").fill("Night cramps are common and usually harmless.")
    choose(editor, "author", "Isla Brennagh")
    # Nothing is approved without a source.
    editor.locator(".add-row a", has_text="Add another Source").click()
    editor.locator("select[id$='-0-source'] + .select2").click()
    editor.locator(".select2-container--open .select2-search__field").fill("Muscle twitching")
    editor.locator(".select2-results__option", has_text="Muscle twitching").first.click()
    editor.get_by_role("button", name="Save and continue editing").first.click()
    expect(editor.locator('[data-role="workflow-panel"]')).to_contain_text("is draft")
    editor.get_by_role("button", name="Submit for review").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("is now in review")
    # An editor is never offered a way to publish (the actions sit at the
    # top and the foot of the form, hence .first above).
    expect(editor.get_by_role("button", name="Approve and publish")).to_have_count(0)

    moderator = log_in(browser, site, "moderator")
    moderator.goto("/admin/queue/")
    expect(moderator.get_by_role("link", name=TITLE)).to_be_visible()
    moderator.get_by_role("link", name=TITLE).click()
    moderator.get_by_label("Note for the editor").first.fill("Please add how long cramps last.")
    moderator.get_by_role("button", name="Request changes").first.click()
    expect(moderator.locator(".messagelist")).to_contain_text("is now draft")

    editor.goto("/admin/queue/")
    expect(editor.get_by_text("Please add how long cramps last.")).to_be_visible()
    open_article(editor)
    editor.get_by_label("Body:").fill("Night cramps are common and usually last a few minutes.")
    editor.get_by_role("button", name="Save and continue editing").first.click()
    editor.get_by_role("button", name="Submit for review").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("is now in review")

    open_article(moderator)
    moderator.get_by_role("button", name="Approve and publish").first.click()
    expect(moderator.locator(".messagelist")).to_contain_text("is now published")

    visitor = browser.new_context(viewport=DESKTOP, base_url=site.url).new_page()
    visitor.goto("/search/?q=night+cramps")
    visitor.locator(".search-results").get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_text("usually last a few minutes")).to_be_visible()
    # The clinician who approved it is named as its reviewer.
    expect(visitor.get_by_text("Medically reviewed by")).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("Ifeoma Lindqvist")
