"""A clinician reviews reworded urgent advice on a phone (390×844): the
editor's note comes first, nothing is cut off, the history reads in words,
and the changed sentence is shown old above new with the changes marked."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from conditions.models import Condition
from conditions.urgency import Urgency
from portal.demo.accounts import ensure_demo_accounts
from portal.editorial import drafts, workflow

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
NOTE = "Reworded the urgent advice after the GP's comments; please check the new first sentence."
# The urgent tier's first words are replaced with these (the launch
# wording may change; these share no word with it).
NEW_START = "Please phone straight away"
# Everything a reviewer reads that must fit the screen's width.
BOXES = (
    ".workflow-panel, .workflow-note, .plain-english, .workflow-actions, .reviewed-with, "
    ".inline-group, .inline-group textarea, .change, .diff-pair, .diff-old, .diff-new"
)
OVERFLOW = """(selector) => {
  const page = document.documentElement;
  const boxes = [...document.querySelectorAll(selector)].filter(box => box.offsetParent);
  return {
    page: [page.scrollWidth, page.clientWidth],
    checked: boxes.length,
    clipped: boxes
      .filter(box => box.scrollWidth > box.clientWidth + 1
        || box.getBoundingClientRect().right > page.clientWidth + 1)
      .map(box => `${box.className || box.tagName} ${box.scrollWidth}>${box.clientWidth}`),
  };
}"""


def changes_in_review():
    """The editor rewords the start of the blood-clot page's urgent tier and
    submits it; returns the page and the words taken out."""
    ensure_demo_accounts()
    editor = get_user_model().objects.get(username="editor")
    item = Condition.objects.get(slug="blood-clot-in-the-leg")
    content = drafts.snapshot(item)
    [urgent] = [
        row for row in content["parts"]["advice"] if row["fields"]["urgency"] == Urgency.URGENT
    ]
    old_start = " ".join(urgent["fields"]["text"].split()[:3])
    urgent["fields"]["text"] = urgent["fields"]["text"].replace(old_start, NEW_START, 1)
    workflow.save_draft(item=item, content=content, user=editor)
    workflow.apply_transition(item=item, user=editor, name="submit_changes", note=NOTE)
    return item, old_start


def log_in(browser, site, username):
    context = browser.new_context(viewport=PHONE, base_url=site.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-demo")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_attached()
    return page


def screenshot(page, name):
    """The whole page: the admin's page is as tall as the window, so the
    window is made as tall as the page first."""
    Path("test-artifacts").mkdir(exist_ok=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": PHONE["width"], "height": min(height, 20000)})
    page.screenshot(path=f"test-artifacts/{name}.png")
    page.set_viewport_size(PHONE)


def test_the_review_screen_reads_on_a_phone(site, browser):
    item, old_start = changes_in_review()
    page = log_in(browser, site, "moderator")
    page.goto(f"/admin/conditions/condition/{item.pk}/change/")
    overflow = page.evaluate(OVERFLOW, BOXES)
    screenshot(page, "phone-390-review-screen")
    assert overflow["page"][0] <= overflow["page"][1]
    assert overflow["checked"] > 10 and overflow["clipped"] == []

    # The editor's note is the first thing in the first screen.
    note = page.locator('[data-role="editor-note"]')
    expect(note).to_contain_text(NOTE)
    expect(note).to_contain_text("Submitted changes for review: note from")
    assert note.bounding_box()["y"] + note.bounding_box()["height"] < PHONE["height"]
    # The urgent advice box shows its whole width (stacked, not in a table
    # wider than the screen).
    urgent_box = page.locator("textarea[name^='advice-']", has_text=NEW_START)
    box = urgent_box.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The history says what happened in words.
    history = page.locator('[data-role="review-history"]')
    expect(history).to_contain_text("Submitted changes for review")
    expect(history).not_to_contain_text("Submitchanges")

    # Followed with goto, which waits for the new page: measuring straight
    # after a click can catch the old document going away.
    review = page.get_by_role("link", name="Review the changes against the live page")
    page.goto(review.get_attribute("href"))
    overflow = page.evaluate(OVERFLOW, BOXES)
    screenshot(page, "phone-390-review-changes")
    assert overflow["page"][0] <= overflow["page"][1] and overflow["clipped"] == []
    pair = page.locator('[data-field="advice"] [data-role="changed-sentence"]')
    expect(pair).to_have_count(1)
    old, new = pair.locator(".diff-old"), pair.locator(".diff-new")
    expect(old.locator("del")).to_have_text([old_start])
    expect(new.locator("ins")).to_have_text([NEW_START])
    # Old above new on a phone.
    assert old.bounding_box()["y"] + old.bounding_box()["height"] <= new.bounding_box()["y"]
