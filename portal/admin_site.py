"""The admin site, with the moderators' queue and its count badge."""

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from portal import queue


class PortalAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} editorial"
    site_title = f"{settings.SITE_NAME} editorial"
    index_title = "Content and review"

    def get_urls(self):
        return [
            path("queue/", self.admin_view(self.queue_view), name="moderation_queue"),
            *super().get_urls(),
        ]

    def each_context(self, request):
        context = super().each_context(request)
        user = request.user
        context["queue_count"] = queue.count_for(user) if user.is_active and user.is_staff else None
        return context

    def index(self, request, extra_context=None):
        inbox = queue.build(request.user) if request.user.is_staff else None
        return super().index(request, {**(extra_context or {}), "inbox": inbox})

    def queue_view(self, request):
        context = {
            **self.each_context(request),
            "title": "Moderation queue",
            "queue": queue.build(request.user),
        }
        return TemplateResponse(request, "admin/moderation_queue.html", context)
