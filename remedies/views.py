from django.db.models import Prefetch
from django.shortcuts import render

from portal import structured_data
from portal.views import PublishedDetailView
from remedies.models import Remedy, RemedyGroup


def remedy_list(request):
    """The remedy guide, grouped by what the remedies help with."""
    groups = RemedyGroup.objects.prefetch_related(
        Prefetch(
            "remedies",
            queryset=Remedy.objects.published().order_by("title"),
            to_attr="published_remedies",
        )
    )
    groups = [group for group in groups if group.published_remedies]
    return render(
        request, "remedies/remedy_list.html", {"groups": groups, "nav_section": "remedies"}
    )


class RemedyDetailView(PublishedDetailView):
    model = Remedy
    template_name = "remedies/remedy_detail.html"
    nav_section = "remedies"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = structured_data.medical_web_page(self.object, self.request)
        return context
