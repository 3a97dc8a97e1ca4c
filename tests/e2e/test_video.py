"""The video of the day in a browser: nothing is asked of the video host
until the visitor presses play; then the player takes the button's place
(with JavaScript) or opens (without)."""

import re

import pytest
from playwright.sync_api import expect

from portal.demo.video import DEMO_VIDEO, load_demo_video

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PLAYER = "https://www.youtube-nocookie.com/embed/DEMO-ONLY-0"


@pytest.fixture
def video_site(site):
    """The launch content and the demo's video of the day."""
    load_demo_video()
    return site


def outside_requests(page, site):
    """Every request for another host, refused (the tests run offline, and
    nothing may reach a third party unasked anyway); returns their list."""
    asked = []

    def refuse(route):
        if route.request.url.startswith(site.url):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    page.context.route("**/*", refuse)
    return asked


def video_section(page):
    return page.get_by_role("region", name="Video of the day")


def test_the_player_loads_only_when_the_visitor_presses_play(video_site, desktop_page):
    page = desktop_page
    asked = outside_requests(page, video_site)
    page.goto("/")
    section = video_section(page)
    expect(section.get_by_role("heading", name=DEMO_VIDEO["title"])).to_be_visible()
    expect(section.get_by_role("link", name=re.compile("^Read the transcript"))).to_be_visible()
    # The still comes from this site, and arrives.
    still = section.locator("img")
    still.scroll_into_view_if_needed()
    loaded = "img => img.complete && img.naturalWidth > 0"
    page.wait_for_function(loaded, arg=still.element_handle())
    assert still.get_attribute("src").startswith("/media/videos/")
    expect(section.locator("iframe")).to_have_count(0)
    assert asked == []

    # Pressed from the keyboard: the player replaces the button and takes focus.
    play = section.get_by_role("link", name=re.compile("^Play video"))
    play.focus()
    page.keyboard.press("Enter")
    frame = section.locator("iframe")
    expect(frame).to_have_attribute("src", PLAYER + "?autoplay=1")
    expect(frame).to_have_attribute("title", f"Video: {DEMO_VIDEO['title']}")
    expect(frame).to_be_focused()
    expect(play).to_have_count(0)
    page.wait_for_timeout(300)
    assert asked, "the player was asked for"
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in asked), asked


def test_without_javascript_play_opens_the_player(video_site, browser):
    context = browser.new_context(java_script_enabled=False, base_url=video_site.url)
    page = context.new_page()
    asked = outside_requests(page, video_site)
    page.goto("/")
    assert asked == []
    with page.expect_request(lambda request: request.url.startswith(PLAYER)) as request:
        video_section(page).get_by_role("link", name=re.compile("^Play video")).click()
    assert request.value.is_navigation_request()
    context.close()


def test_the_video_section_fits_a_phone_and_passes_axe(video_site, phone_page):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    page = phone_page
    page.goto("/")
    section = video_section(page)
    expect(section).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = section.get_by_role("link", name=re.compile("^Play video")).bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44
    rules = {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        },
        "resultTypes": ["violations"],
    }
    found = axe.Axe().run(page, options=rules).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in found] == []
