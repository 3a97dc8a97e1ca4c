"""The admin site, with the moderators' queue and its count badge."""

import functools

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import path

from portal.admin import two_factor
from portal.editorial import inbox

# Every model here has an integer key that fits a 64-bit column.
LARGEST_ID = 2**63 - 1


def _is_row_id(value: str) -> bool:
    return value.isascii() and value.isdigit() and 0 < int(value) <= LARGEST_ID


class PortalAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} editorial"
    site_title = f"{settings.SITE_NAME} editorial"
    index_title = "Content and review"
    login_form = two_factor.StaffSignInForm
    login_template = "admin/portal_login.html"

    def has_permission(self, request):
        # Someone who must give a code and has not is not signed in yet.
        return super().has_permission(request) and two_factor.satisfied(request.user)

    def get_urls(self):
        return [
            path("queue/", self.admin_view(self.queue_view), name="moderation_queue"),
            path(
                "two-factor/",
                self.admin_view(lambda request: two_factor.settings_view(self, request)),
                name="two_factor",
            ),
            *super().get_urls(),
        ]

    def admin_view(self, view, cacheable=False):
        checked = self._with_checked_selection(view)
        return super().admin_view(checked, cacheable)

    def _with_checked_selection(self, view):
        """A bulk action's selection that names no row (`abc`, a 20-digit
        number) gets a 400 with a message instead of reaching the database."""

        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            if request.method == "POST":
                selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
                if not all(_is_row_id(value) for value in selected):
                    context = {
                        **self.each_context(request),
                        "title": "That selection was not understood",
                    }
                    return TemplateResponse(
                        request, "admin/bad_selection.html", context, status=400
                    )
            return view(request, *args, **kwargs)

        return checked

    def each_context(self, request):
        context = super().each_context(request)
        user = request.user
        context["queue_count"] = inbox.count_for(user) if user.is_active and user.is_staff else None
        return context

    def index(self, request, extra_context=None):
        waiting = inbox.build(request.user) if request.user.is_staff else None
        return super().index(request, {**(extra_context or {}), "inbox": waiting})

    def queue_view(self, request):
        context = {
            **self.each_context(request),
            "title": "Moderation queue",
            "queue": inbox.build(request.user),
        }
        return TemplateResponse(request, "admin/moderation_queue.html", context)
