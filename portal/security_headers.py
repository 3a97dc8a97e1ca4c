"""Headers Django does not set itself: what the browser may let a page use,
and who may embed its responses."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

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


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Other sites may not load our pages or files into theirs.
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
