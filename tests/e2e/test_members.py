"""A visitor becomes a member on a phone: signs up, confirms the address
from the mailed link, saves a page and finds it in My pages; the header
stays small with the tray and badge in it, and axe finds nothing wrong on
the member's pages."""

import re

import pytest
from django.core import mail

from tests.e2e.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_confirm_follow_and_find_it_in_my_pages(site, phone_page):
    page = phone_page
    page.goto("/conditions/als/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email address").fill("phone.person@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-phone-pw-5512")
    page.get_by_label("The same password again").fill("a-long-phone-pw-5512")
    page.get_by_role("button", name="Sign up").click()
    assert "we have sent a link" in page.locator("main").inner_text()
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    assert "Your email address is confirmed" in page.locator("h1").inner_text()
    # The link logged them in (issue 24): no second trip through the log-in form.
    assert "You are logged in as phone.person@example.org" in page.locator("main").inner_text()
    page.get_by_role("link", name="Go to your account").click()
    assert page.url.endswith("/account/")
    page.goto("/conditions/als/")
    page.get_by_role("button", name="Save to my pages").click()
    assert page.get_by_role("button", name="Remove from my pages").is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120
    assert page.locator('[data-role="badge"]').inner_text().strip().endswith("Member")
    page.locator(".tray summary").click()
    assert "You're all caught up!" in page.locator(".tray__panel").inner_text()
    page.screenshot(path="test-artifacts/member-phone.png")
    page.goto("/account/pages/")
    assert "ALS" in page.locator('[data-role="my-pages"]').inner_text()
    found = {}
    for path in ("/account/", "/account/pages/", "/account/notifications/", "/conditions/als/"):
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}
