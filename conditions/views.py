from django.core.paginator import Paginator
from django.shortcuts import render
from taggit.models import Tag

from conditions.checker import exclude_unsafe
from conditions.models import Category, Condition, ConditionTag, tier_wording
from portal import structured_data
from portal.azindex import PAGE_SIZE, build_az_index, letter_pages
from portal.views import PublishedDetailView

AZ_PAGE_SIZE = PAGE_SIZE


def condition_list(request):
    """Conditions A–Z, with "also called" names under their own letter."""
    conditions = Condition.objects.published().only(
        "title", "slug", "summary", "also_called", "category"
    )
    category = request.GET.get("category", "")
    if category in Category.values:
        conditions = conditions.filter(category=category)
    else:
        category = ""
    tag_slug = request.GET.get("tag", "").replace("\x00", "")
    tags = Tag.objects.filter(
        pk__in=ConditionTag.objects.filter(content_object__in=Condition.objects.published()).values(
            "tag"
        )
    ).order_by("name")
    if tag_slug:
        conditions = conditions.filter(tags__slug=tag_slug)
    entries = build_az_index(conditions)
    page = Paginator(entries, AZ_PAGE_SIZE).get_page(request.GET.get("page"))
    letters_on_page = []
    for entry in page.object_list:
        if not letters_on_page or letters_on_page[-1][0] != entry.letter:
            letters_on_page.append((entry.letter, []))
        letters_on_page[-1][1].append(entry)
    return render(
        request,
        "conditions/condition_list.html",
        {
            "page_obj": page,
            "groups": letters_on_page,
            "letters": letter_pages(entries, AZ_PAGE_SIZE),
            "categories": [(key, wording.label) for key, wording in tier_wording().items()],
            "category": category,
            "tags": tags,
            "tag_slug": tag_slug,
            "nav_section": "conditions",
        },
    )


class ConditionDetailView(PublishedDetailView):
    model = Condition
    template_name = "conditions/condition_detail.html"
    nav_section = "conditions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        condition = self.object
        advice = sorted(condition.advice.all(), key=lambda a: a.rank, reverse=True)
        symptoms = [link.symptom for link in condition.symptom_links.all()]
        remedies = exclude_unsafe(condition.remedies.all(), condition.unsafe_remedies.all())
        context.update(
            advice=advice,
            symptoms=symptoms,
            remedies=remedies,
            unsafe_remedies=list(condition.unsafe_remedies.all()),
            structured_data=structured_data.medical_web_page(
                condition,
                self.request,
                about=structured_data.medical_condition(
                    condition, self.request, symptoms=symptoms, remedies=remedies
                ),
            ),
        )
        return context
