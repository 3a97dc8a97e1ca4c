"""Headers Django does not set itself (what the browser may let a page use,
who may embed its responses, that no cache keeps what a signed-in person
was sent), and input no page should ever see."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

# Powerful features the site never uses, denied to it and to anything it
# frames (the video player needs none of them).
DENIED_FEATURES = (
    "accelerometer",
    "bluetooth",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


# A response holding a visitor's answers (the symptom checker's, the
# planner's) holds health data: no cache keeps it (the page cache skips
# "no-store" too), no referrer carries it on, no search engine lists it.
PRIVATE_ANSWER_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}


def private_answers[R: HttpResponseBase](response: R) -> R:
    """`response`, marked as holding a visitor's answers."""
    for header, value in PRIVATE_ANSWER_HEADERS.items():
        response[header] = value
    return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Other sites may not load our pages or files into theirs.
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if _signed_in(request):
            # What staff or a member is sent may show drafts, their account
            # or their name: no shared cache (a proxy, a CDN) and no browser
            # cache may keep it. Merged with what the view set ("public" goes).
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request: HttpRequest) -> bool:
    """Was this response made for a signed-in user (one who just signed in
    too)? Asking costs nothing without a session cookie. Responses that never
    reached the authentication middleware (static files, the page cache's
    shared pages) were made for no one in particular; a member's copy of a
    cached page is one of them, and the page cache marks it private itself."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class RefuseNulBytesMiddleware:
    """A NUL byte in a value sent to the admin is never meant: PostgreSQL
    cannot store or compare it, and the admin's searches and filters would
    fail with a 500. Answer 400. (Public pages clean their own inputs.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        values = [*request.GET.lists()]
        if request.content_type == "application/x-www-form-urlencoded":
            values += request.POST.lists()
        if any("\x00" in key or any("\x00" in v for v in vs) for key, vs in values):
            raise BadRequest("The request holds a NUL character.")
        return self.get_response(request)
