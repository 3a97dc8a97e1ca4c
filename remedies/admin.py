from django.contrib import admin

from portal.admin.base import ContentItemAdmin, NamedRowForm, source_inline
from remedies.models import Remedy, RemedyGroup, RemedyStep


class RemedyStepInline(admin.TabularInline):
    model = RemedyStep
    extra = 1
    verbose_name_plural = "steps, in order"


@admin.register(Remedy)
class RemedyAdmin(ContentItemAdmin):
    list_display = [*ContentItemAdmin.list_display[:1], "group", *ContentItemAdmin.list_display[1:]]
    list_filter = ["group", *ContentItemAdmin.list_filter]
    list_select_related = [*ContentItemAdmin.list_select_related, "group"]
    autocomplete_fields = [
        *ContentItemAdmin.autocomplete_fields,
        "suitable_for",
        "suits_symptoms",
        "unsafe_for",
    ]
    inlines = [RemedyStepInline, source_inline(Remedy)]
    fieldsets = [
        (None, {"fields": ["title", "slug", "group", "summary", "body"]}),
        ("How it helps and safety (Markdown)", {"fields": ["how_it_helps", "safety_notes"]}),
        (
            "Who it suits",
            {
                "fields": ["suitable_for", "suits_symptoms", "unsafe_for"],
                "description": "The symptom checker never suggests a remedy while a condition "
                "it is unsafe for is still a possible cause.",
            },
        ),
        ("Tags and people", {"fields": ["tags", "author", "medical_reviewer"]}),
        ContentItemAdmin.publishing_fieldset,
    ]


@admin.register(RemedyGroup)
class RemedyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "description"]
    list_editable = ["order"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=NamedRowForm, **kwargs)

    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
