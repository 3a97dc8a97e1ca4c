"""API keys in the admin: issue (the key is shown once), see when each was
last used, revoke."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from portal.api.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    list_display = ("name", "prefix", "rate_limit", "last_used_at", "created_at", "active")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    search_fields = ("name", "contact", "prefix")
    fields = ("name", "contact", "rate_limit", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    actions = ("revoke",)

    @admin.display(boolean=True, description="active")
    def active(self, key: ApiKey) -> bool:
        return key.is_active

    def save_model(self, request: HttpRequest, obj: ApiKey, form: Any, change: bool) -> None:
        raw = "" if change else obj.issue()
        super().save_model(request, obj, form, change)
        if raw:
            # Only its digest is kept: this is the one time anyone sees it.
            messages.warning(
                request,
                f"The key for {obj.name} is {raw} — copy it now and send it to them "
                "securely: it is stored only as a digest and cannot be shown again.",
            )

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        for key in queryset:
            key.revoke()
        self.message_user(request, f"Revoked {len(queryset)} key(s).", messages.SUCCESS)
