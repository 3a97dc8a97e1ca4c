"""'Was this page helpful?' in a real browser with JavaScript off: one
press records the answer, the thanks page takes a comment."""

import pytest
from playwright.sync_api import expect

from portal.models import Feedback

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CONDITION = "/conditions/blood-clot-in-the-leg/"


@pytest.fixture
def plain_page(browser, site):
    """A phone with JavaScript turned off: everything must work as plain forms."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, base_url=site.url
    )
    yield context.new_page()
    context.close()


def test_one_press_records_the_answer_and_a_comment_follows(plain_page):
    page = plain_page
    page.goto(CONDITION)
    question = page.get_by_role("group", name="Was this page helpful?")
    yes = question.get_by_role("button", name="Yes")
    no = question.get_by_role("button", name="No")
    for button in (yes, no):
        box = button.bounding_box()
        assert box["height"] >= 44
        assert box["width"] >= 44
    no.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    expect(page.get_by_text("Your answer has been recorded")).to_be_visible()
    answer = Feedback.objects.get()
    assert (answer.helpful, answer.comment) == (False, "")
    assert answer.item.get_absolute_url() == CONDITION

    page.get_by_label("Anything to add?").fill("The part about flights was hard to follow.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Your comment has been added")).to_be_visible()
    answer.refresh_from_db()
    assert answer.comment == "The part about flights was hard to follow."
    assert Feedback.objects.count() == 1


def test_an_empty_comment_is_explained_and_nothing_is_lost(plain_page):
    page = plain_page
    page.goto(CONDITION)
    page.get_by_role("button", name="Yes").click()
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Write a comment to send one")
    assert Feedback.objects.get().helpful is True


def test_the_answers_show_where_keyboard_focus_is(site, phone_page):
    page = phone_page
    page.goto(CONDITION)
    yes = page.get_by_role("group", name="Was this page helpful?").get_by_role("button", name="Yes")
    yes.focus()
    page.keyboard.press("Tab")
    no = page.get_by_role("button", name="No")
    expect(no).to_be_focused()
    outline = no.evaluate(
        "b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth"
    )
    assert outline.startswith("solid") and not outline.endswith(" 0px")
