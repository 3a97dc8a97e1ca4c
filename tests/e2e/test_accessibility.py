"""axe-core (WCAG 2.2 A and AA, and best practice) finds nothing on any
public page type, on a phone and on a desktop, nor on any admin page editors
and moderators use; and each public page stays small."""

import gzip
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import DESKTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

RULES = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}
PAGES = [
    "/",
    "/conditions/",
    "/conditions/als/",
    "/conditions/blood-clot-in-the-leg/",
    "/remedies/",
    "/remedies/massage/",
    "/remedies/stretching-and-gentle-exercise/",
    "/articles/muscle-twitches-in-the-legs/",
    "/authors/ifeoma-lindqvist/",
    "/tags/legs/",
    "/search/?q=Lou+Gehrig",
    "/search/?q=twiching",
    "/search/?q=calories",
    "/symptom-checker/",
    "/symptom-checker/all/",
    "/symptom-checker/results/?s=leg-twitching&s=muscle-weakness&done=1",
    "/calorie-planner/",
    "/calorie-planner/?sex=male&age=40&height_ft=5&height_in=10&weight_st=14&weight_lb=2"
    "&activity=sedentary&goal=lose-2&target_st=12&target_lb=7",
    "/calorie-planner/?sex=female&age=abc&height_cm=1.65&weight_kg=60&weight_lb=3&goal=lose-1",
    "/about/",
    "/editorial-policy/",
    "/contact/",
    "/privacy/",
    "/no-such-page/",
    "/account/sign-up/",
    "/account/log-in/",
    "/account/password-reset/",
]
# The phone a clinician reviews on (the review screen's own test uses it).
PHONE_ADMIN = {"width": 390, "height": 844}
# Compressed HTML a page may weigh: a phone on a poor connection.
MAX_COMPRESSED_BYTES = 15 * 1024


def violations(page):
    found = Axe().run(page, options=RULES).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in found
    ]


@pytest.mark.parametrize("viewport", ["phone_page", "desktop_page"])
def test_axe_finds_no_violations_on_any_public_page(site, viewport, request):
    page = request.getfixturevalue(viewport)
    found = {}
    for path in PAGES:
        page.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


def test_every_public_page_is_under_15_kb_of_compressed_html(site):
    sizes = {}
    for path in PAGES:
        request = urllib.request.Request(site.url + path)
        try:
            with urllib.request.urlopen(request) as response:
                html = response.read()
        except urllib.error.HTTPError as error:
            html = error.read()
        sizes[path] = len(gzip.compress(html, compresslevel=6))
    too_big = {path: size for path, size in sizes.items() if size > MAX_COMPRESSED_BYTES}
    assert too_big == {}
    assert min(sizes.values()) > 500  # real pages were measured


def test_no_third_party_request_before_the_visitor_asks(site, phone_page):
    page = phone_page
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(site.url) and not request.url.startswith("data:")
            else None
        ),
    )
    for path in PAGES:
        page.goto(path)
    assert outside == []


# The admin models editors and moderators work in: every reviewed kind,
# remedy groups, tags and visitor feedback (accounts, sign-in logs and task
# results are a superuser's).
STAFF_MODELS = ("remedies.remedygroup", "taggit.tag", "portal.feedback")


def admin_pages():
    """Each staff model's list, add form, and first item's change form and
    history; the index, the inbox, and the review screen and its changes
    for a page with changes in review."""
    from django.contrib import admin

    from portal.models import Moderated
    from tests.e2e.test_review_screen import changes_in_review

    pages = ["/admin/", "/admin/queue/"]
    for model in admin.site._registry:
        opts = model._meta
        if not issubclass(model, Moderated) and opts.label_lower not in STAFF_MODELS:
            continue
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        pages += [base, f"{base}add/"]
        if first := model._default_manager.order_by("pk").first():
            pages += [f"{base}{first.pk}/change/", f"{base}{first.pk}/history/"]
    item, _ = changes_in_review()
    review = f"/admin/conditions/condition/{item.pk}/"
    return [*pages, f"{review}change/", f"{review}history/compare/"]


@pytest.mark.parametrize(
    ("username", "viewport"),
    [("moderator", PHONE_ADMIN), ("moderator", DESKTOP), ("editor", DESKTOP)],
)
def test_axe_finds_no_violations_on_any_admin_page_staff_use(site, browser, username, viewport):
    pages = admin_pages()
    context = browser.new_context(viewport=viewport, base_url=site.url)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(f"{username}-demo")
    page.get_by_role("button", name="Log in").click()
    found = {}
    for path in pages:
        response = page.goto(path)
        # An editor may not open everything a moderator does (a 403 page).
        if response.status == 200 and (problems := violations(page)):
            found[path] = problems
    context.close()
    assert len(pages) > 40
    assert found == {}
