"""A correction to a live page: an editor fixes a live condition, visitors
keep the reviewed page, a moderator on a phone reads the changes word by
word and approves, and visitors see the correction."""

import pytest
from playwright.sync_api import expect

from portal.demo.accounts import ensure_demo_accounts
from tests.conftest import DESKTOP
from tests.e2e.test_editorial import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
CORRECTION = "Never massage a leg that might have a clot."


def test_a_correction_reaches_visitors_only_after_review(site, browser):
    ensure_demo_accounts()
    page_path = "/conditions/blood-clot-in-the-leg/"

    editor = log_in(browser, site, "editor")
    editor.goto("/admin/conditions/condition/?q=blood+clot")
    editor.get_by_role("link", name="Blood clot in the leg").first.click()
    expect(editor.locator('[data-role="workflow-panel"]')).to_contain_text("draft of the live page")
    summary = editor.get_by_label("Summary:")
    summary.fill(f"{summary.input_value()} {CORRECTION}")
    editor.get_by_role("button", name="Submit changes for review").first.click()
    expect(editor.locator(".messagelist")).to_contain_text("are in review")

    visitor = browser.new_context(viewport=DESKTOP, base_url=site.url).new_page()
    visitor.goto(page_path)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Blood clot in the leg")
    expect(visitor.get_by_text(CORRECTION)).to_have_count(0)

    moderator = log_in(browser, site, "moderator")
    moderator.set_viewport_size(PHONE)
    moderator.goto("/admin/queue/")
    moderator.get_by_role("link", name="Blood clot in the leg").click()
    moderator.get_by_role("link", name="Review the changes against the live page").click()
    expect(moderator.locator("[data-field=summary] ins")).to_have_text(f" {CORRECTION}")
    moderator.get_by_role("link", name="Back to the page to approve").click()
    approve = moderator.get_by_role("button", name="Approve and publish changes").first
    approve.scroll_into_view_if_needed()
    box = approve.bounding_box()
    assert box and box["width"] >= 300  # a full-width button on a phone
    moderator.screenshot(path="test-artifacts/moderator-approves-on-a-phone.png")
    approve.click()
    expect(moderator.locator(".messagelist")).to_contain_text("are live")

    visitor.goto(page_path)
    expect(visitor.get_by_text(CORRECTION)).to_be_visible()
    expect(visitor.get_by_text("Page last updated")).to_be_visible()
