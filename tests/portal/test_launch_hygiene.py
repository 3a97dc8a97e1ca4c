"""Launch hygiene (issue 24): no placeholder on a public page, and a Privacy
page that names every cookie the site can set and every personal detail it
stores. Both lists are read from the code, so a new cookie or field fails
here until the page tells visitors about it."""

import html
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

ROOT = Path(__file__).resolve().parents[2]
KEY_PAGES = [
    "/",
    "/conditions/",
    "/remedies/",
    "/symptom-checker/",
    "/calorie-planner/",
    "/search/?q=twitching",
    "/account/sign-up/",
    "/account/log-in/",
    "/account/password-reset/",
    "/about/",
    "/contact/",
    "/editorial-policy/",
    "/privacy/",
]
# What may never reach a visitor: addresses reserved for examples, filler,
# and wording meant for the team.
FORBIDDEN_ANYWHERE = ["example.org", "example.com", "example.net"]
FUNDING = r"\b(grant|funded|funding|paid for|donation)"
FUNDER = r"\b(charity|trust|foundation)\b"
NAMED_FUNDER = r"(?:[A-Z][a-z]+ ){1,5}(Trust|Foundation|Fund)"
FORBIDDEN_IN_TEXT = ["lorem", "ipsum", "placeholder", "demo entry", "demo only", "todo", "tbc"]


def visible_text(page: str) -> str:
    """The words a visitor reads: no scripts, styles, tags or attributes."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return " ".join(html.unescape(re.sub(r"(?s)<[^>]+>", " ", page)).split())


def public_paths(client) -> list[str]:
    """Every page in the sitemap, and the pages a visitor reaches from the menu."""
    paths, sitemaps = set(KEY_PAGES), ["/sitemap.xml"]
    while sitemaps:
        response = client.get(sitemaps.pop())
        assert response.status_code == 200
        for loc in re.findall(r"<loc>([^<]+)</loc>", response.content.decode()):
            path = re.sub(r"^https?://[^/]+", "", html.unescape(loc))
            if path.endswith(".xml"):
                sitemaps.append(path)
            else:
                paths.add(path)
    return sorted(paths)


@pytest.fixture
def site(launch_content):
    from portal.demo.video import load_demo_video

    # `make run` shows the demo's video of the day on the home page too.
    load_demo_video()


def test_no_public_page_shows_a_placeholder(client, site):
    paths = public_paths(client)
    assert len(paths) > 30, paths
    found = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        words = visible_text(page).lower()
        found += [(path, bad) for bad in FORBIDDEN_ANYWHERE if bad in page.lower()]
        found += [(path, bad) for bad in FORBIDDEN_IN_TEXT if re.search(rf"\b{bad}\b", words)]
        # A funder is named: "a grant from a charity" says nothing.
        for sentence in re.split(r"(?<=[.!?])\s+", visible_text(page)):
            about_money = re.search(FUNDING, sentence, re.IGNORECASE)
            funder = about_money and re.search(FUNDER, sentence, re.IGNORECASE)
            if funder and not re.search(NAMED_FUNDER, sentence):
                found.append((path, sentence))
    assert not found, found


def test_the_contact_pages_give_the_configured_address(client, site):
    for path in ("/contact/", "/privacy/"):
        assert settings.CONTACT_EMAIL in visible_text(client.get(path).content.decode())


def cookies_the_site_can_set() -> set[str]:
    """Every cookie name, from the settings and middleware that set them."""
    names = set()
    if "django.contrib.sessions.middleware.SessionMiddleware" in settings.MIDDLEWARE:
        names.add(settings.SESSION_COOKIE_NAME)
    csrf = "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    if csrf and not settings.CSRF_USE_SESSIONS:
        names.add(settings.CSRF_COOKIE_NAME)
    storage = getattr(
        settings, "MESSAGE_STORAGE", "django.contrib.messages.storage.fallback.FallbackStorage"
    )
    if storage.rsplit(".", 1)[-1] in ("FallbackStorage", "CookieStorage"):
        names.add(CookieStorage.cookie_name)
    if "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE:
        names.add(settings.LANGUAGE_COOKIE_NAME)
    return names


def test_every_cookie_is_on_the_privacy_page(client, site):
    # Our own code sets none directly: if it starts to, name it here and there.
    own = [
        path.relative_to(ROOT)
        for folder in ("portal", "conditions", "remedies")
        for path in (ROOT / folder).rglob("*.py")
        if "set_cookie(" in path.read_text()
    ]
    assert not own, f"{own} set cookies: add them to cookies_the_site_can_set and the page"
    cookies = cookies_the_site_can_set()
    assert {"sessionid", "csrftoken", "messages"} <= cookies
    privacy = visible_text(client.get("/privacy/").content.decode())
    section = privacy.split("Cookies", 1)[1]
    missing = [name for name in sorted(cookies) if not re.search(rf"\b{name}\b", section)]
    assert not missing, f"the Privacy page does not name the cookies {missing}"


# Each stored personal detail, by model and field, and the words the Privacy
# page uses for it. Keys and links to other rows need no words of their own.
PERSONAL_FIELDS = {
    "auth.User": {
        "email": "email address",
        "username": "user name",
        "password": "password",
        "last_login": "last logged in",
        "date_joined": "joined",
        # Staff only (members have no names, flags or groups of their own).
        "first_name": None,
        "last_name": None,
        "is_staff": None,
        "is_superuser": None,
        "is_active": None,
    },
    "members.MemberProfile": {
        "joined_at": "joined",
        "email_confirmed_at": "confirmed your email address",
        "email_opt_in": "email updates",
        "planner_goal": "saved calorie goal",
        "pending_email": "new email address you have asked to change to",
    },
    "members.Follow": {
        "content_type": "saved pages",
        "object_id": None,
        "created_at": "when you saved",
    },
    "members.Notification": {
        "title": "title",
        "summary": "summary",
        "url": "address",
        "created_at": "when it was made",
        "read_at": "when you read it",
    },
    "portal.Feedback": {
        "content_type": "with the page",
        "object_id": None,
        "helpful": "your answer",
        "comment": "comment",
        "status": None,
        "created_at": "the date",
        "handled_by": "who dealt with it",
    },
    "portal.RateCounter": {
        "key": "scrambled code",
        "window": "ten minutes",
        "count": "count",
    },
    "axes.AccessAttempt": {
        "user_agent": "browser's description",
        "ip_address": "network address",
        "username": "email address used",
        "http_accept": None,
        "path_info": "the page",
        "attempt_time": "the time",
        "get_data": None,
        "post_data": None,
        "failures_since_start": None,
    },
    "axes.AccessLog": {
        "user_agent": "browser's description",
        "ip_address": "network address",
        "username": "email address used",
        "http_accept": None,
        "path_info": "the page",
        "attempt_time": "the time",
        "logout_time": None,
        "session_hash": None,
    },
    "axes.AccessFailureLog": {
        "user_agent": "browser's description",
        "ip_address": "network address",
        "username": "email address used",
        "http_accept": None,
        "path_info": "the page",
        "attempt_time": "the time",
        "locked_out": None,
    },
}
# Fields that say nothing about a person, or that only link rows together.
NOT_PERSONAL = {"id", "user", "member"}


def stored_fields(label: str) -> set[str]:
    model = apps.get_model(label)
    return {field.name for field in model._meta.concrete_fields} - NOT_PERSONAL


def test_every_model_about_people_is_listed():
    """A new model keyed to a user, member or feedback joins the list."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    about_people = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user and field.name in ("member", "user")
    }
    # Staff-only records (revisions, admin log, two-factor devices, the
    # author profiles staff publish on purpose) are not about members or visitors.
    staff_only = {"reversion.Revision", "otp_totp.TOTPDevice", "admin.LogEntry", "portal.Author"}
    assert about_people - staff_only <= set(PERSONAL_FIELDS), about_people - set(PERSONAL_FIELDS)


@pytest.mark.parametrize("label", sorted(PERSONAL_FIELDS))
def test_the_privacy_page_names_every_stored_personal_detail(client, site, label):
    words = PERSONAL_FIELDS[label]
    unlisted = stored_fields(label) - set(words)
    assert not unlisted, f"{label} stores {unlisted}: say so on the Privacy page, and here"
    privacy = visible_text(client.get("/privacy/").content.decode()).lower()
    missing = {field: said for field, said in words.items() if said and said not in privacy}
    assert not missing, f"the Privacy page does not mention {missing}"
