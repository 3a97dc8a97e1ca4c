from django.contrib import admin

from conditions.models import (
    BodyArea,
    Category,
    Condition,
    ConditionAdvice,
    ConditionSymptom,
    ConditionTier,
    Symptom,
    UrgentCombination,
)
from portal.admin_base import ContentItemAdmin, source_inline
from portal.admin_workflow import WorkflowVersionAdmin


class ConditionSymptomInline(admin.TabularInline):
    model = ConditionSymptom
    extra = 0
    autocomplete_fields = ["symptom"]
    verbose_name = "symptom link"
    verbose_name_plural = "symptoms and their weights (1 weak hint … 10 hallmark)"


class ConditionAdviceInline(admin.TabularInline):
    model = ConditionAdvice
    extra = 0
    verbose_name_plural = "when to get help"


@admin.register(Condition)
class ConditionAdmin(ContentItemAdmin):
    list_display = [
        *ContentItemAdmin.list_display[:1],
        "category",
        *ContentItemAdmin.list_display[1:],
    ]
    list_filter = ["category", *ContentItemAdmin.list_filter]
    search_fields = [*ContentItemAdmin.search_fields, "also_called"]
    autocomplete_fields = [*ContentItemAdmin.autocomplete_fields, "related_conditions"]
    inlines = [ConditionAdviceInline, ConditionSymptomInline, source_inline(Condition)]

    @admin.display(description="category", ordering="category")
    def kind(self, obj):
        return "Serious" if obj.is_serious else "Common"

    fieldsets = [
        (None, {"fields": ["title", "slug", "also_called", "category", "prevalence", "summary"]}),
        (
            "Page sections (Markdown)",
            {"fields": ["body", "symptoms_text", "causes", "treatment", "prevention"]},
        ),
        ("Related", {"fields": ["related_conditions", "tags"]}),
        ContentItemAdmin.people_fieldset,
        ContentItemAdmin.publishing_fieldset,
    ]


# Checker data goes through review like content: no list_editable, which
# would change live rows without a draft.
@admin.register(BodyArea)
class BodyAreaAdmin(WorkflowVersionAdmin):
    list_display = ["name", "order", "status", "description"]
    list_filter = ["status"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Symptom)
class SymptomAdmin(WorkflowVersionAdmin):
    list_display = ["name", "kind", "body_area", "urgency", "is_listed", "status", "order"]
    list_filter = ["status", "kind", "urgency", "body_area", "is_listed"]
    list_select_related = ["body_area"]
    search_fields = ["name", "description", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["body_area"]


@admin.register(UrgentCombination)
class UrgentCombinationAdmin(WorkflowVersionAdmin):
    list_display = ["name", "urgency", "symptom_list", "is_active", "status"]
    list_filter = ["status", "urgency", "is_active"]
    search_fields = ["name", "symptoms__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["symptoms"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("symptoms")

    @admin.display(description="when all of these are ticked")
    def symptom_list(self, obj):
        return " + ".join(symptom.name for symptom in obj.symptoms.all())


@admin.register(ConditionTier)
class ConditionTierAdmin(WorkflowVersionAdmin):
    """The four tiers' wording; the tiers themselves are fixed."""

    list_display = ["label", "key", "explanation", "status"]
    list_filter = ["status"]
    search_fields = ["label", "explanation"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "key"] if obj else fields

    def has_add_permission(self, request):
        taken = ConditionTier.objects.values_list("key", flat=True)
        return super().has_add_permission(request) and taken.count() < len(Category.choices)
