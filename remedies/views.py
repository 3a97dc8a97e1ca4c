from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import render

from portal.public import structured_data
from portal.public.views import PublishedDetailView
from remedies.models import Remedy, RemedyGroup

# A group shows this many remedies in the guide, and links to the rest.
GROUP_PREVIEW = 6
GROUP_PAGE_SIZE = 24
GROUPS_PER_PAGE = 10
# What a card does not show: kept out of the guide's queries.
LONG_TEXT = ("body", "body_html", "how_it_helps", "how_it_helps_html", "safety_notes",
             "safety_notes_html")  # fmt: skip


def remedy_list(request):
    """The remedy guide: each group with its first remedies and a link to
    all of them, so the guide stays short however many remedies there are;
    `?group=` lists one group's remedies, a page at a time."""
    if "group" in request.GET:
        return _group_page(request, request.GET["group"])
    published = Remedy.objects.published().defer(*LONG_TEXT)
    counts = dict(
        published.order_by()
        .values_list("group_id")
        .annotate(Count("pk"))
        .values_list("group_id", "pk__count")
    )
    groups = [group for group in RemedyGroup.objects.all() if counts.get(group.pk)]
    # A guide of many groups is read a few groups at a time.
    page = Paginator(groups, GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    # The first few of each group on this page in one query.
    first = (
        published.filter(group__in=[group.pk for group in page.object_list])
        .annotate(place=Window(RowNumber(), partition_by=F("group_id"), order_by=F("title").asc()))
        .filter(place__lte=GROUP_PREVIEW)
        .order_by("title")
    )
    by_group = defaultdict(list)
    for remedy in first:
        by_group[remedy.group_id].append(remedy)
    for group in page.object_list:
        group.preview = by_group[group.pk]
        group.remedy_count = counts[group.pk]
    context = {"groups": page.object_list, "page_obj": page, "nav_section": "remedies"}
    return render(request, "remedies/remedy_list.html", context)


def _group_page(request, slug):
    group = RemedyGroup.objects.filter(slug=slug).first()
    if group is None:
        raise Http404("No such group of remedies.")
    remedies = Remedy.objects.published().filter(group=group).defer(*LONG_TEXT).order_by("title")
    page = Paginator(remedies, GROUP_PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.object_list:
        raise Http404("No published remedies in this group.")
    return render(
        request,
        "remedies/remedy_group.html",
        {"group": group, "page_obj": page, "nav_section": "remedies"},
    )


class RemedyDetailView(PublishedDetailView):
    model = Remedy
    template_name = "remedies/remedy_detail.html"
    nav_section = "remedies"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = structured_data.medical_web_page(self.object, self.request)
        return context
