import datetime
import mimetypes
from itertools import chain
from typing import Any, cast

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from taggit.models import Tag

from portal.admin.links import admin_change_url
from portal.caching.content_version import PerContentVersion
from portal.caching.page_cache import PAGE_TIMEOUT
from portal.editorial import drafts, registry
from portal.images import figures
from portal.images import serving as image_serving
from portal.markdown import h2_sections
from portal.models import (
    Article,
    Author,
    ContentItem,
    FeaturedVideo,
    SitePage,
    SitePageSlug,
    reviewers_by_area,
)
from portal.public import structured_data
from portal.public.azindex import PAGE_SIZE, az_index
from portal.search.engine import MAX_QUERY_LENGTH, search_content, search_similar
from portal.search.suggestions import suggest

HOME_LATEST = 6


def can_preview(user, model):
    """Staff who may view a model in the admin may preview its drafts."""
    opts = model._meta
    return user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


class PublishedDetailView(DetailView):
    """A detail page of published content; staff see any state as a preview,
    and a live page's pending changes at `?preview=draft`.

    Previews carry a banner and never-cache headers, so no cache in between
    keeps a draft.
    """

    nav_section = ""
    previewing_draft = None

    def get(self, request, *args, **kwargs):
        if request.GET.get("preview") == "draft" and can_preview(request.user, self.model):
            live = self.get_object(self.model.objects.all())
            draft = drafts.pending(live)
            if draft is not None:
                # The draft is written in a savepoint, rendered, and rolled back.
                self.previewing_draft = draft
                with drafts.staged(live, draft):
                    # A DetailView answers with a TemplateResponse, which
                    # django-stubs types as a plain HttpResponse.
                    response = cast(TemplateResponse, super().get(request, *args, **kwargs))
                    response.render()
                return response
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = self.model.objects.all()
        if hasattr(queryset, "with_page_relations"):
            queryset = queryset.with_page_relations()
        if not can_preview(self.request.user, self.model):
            queryset = queryset.published()
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published or self.previewing_draft is not None
        # A preview shows the images still in review; the live page, approved ones.
        figures.place_figures(self.object, unapproved_too=context["is_preview"])
        context["preview_draft"] = self.previewing_draft
        if context["is_preview"]:
            context["admin_change_url"] = admin_change_url(self.object)
        context["nav_section"] = self.nav_section
        context["canonical_url"] = self.request.build_absolute_uri(self.object.get_absolute_url())
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
        return response


class ArticleDetailView(PublishedDetailView):
    model = Article
    template_name = "portal/article_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        conditions = list(article.conditions.all())
        context["common_causes"] = [c for c in conditions if not c.is_serious]
        context["serious_causes"] = [c for c in conditions if c.is_serious]
        context["remedies"] = list(article.remedies.all())
        # The caution box follows the introduction, before the body's sections.
        caution = [("caution-heading", "When to see a doctor")] if article.caution_html else []
        context["sections"] = caution + h2_sections(article.body_html)
        context["structured_data"] = structured_data.medical_web_page(article, self.request)
        return context


class AuthorDetailView(PublishedDetailView):
    model = Author
    template_name = "portal/author_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        author = self.object
        lists = {"written": {"author": author}, "reviewed": {"medical_reviewer": author}}
        shown = self.request.GET.get("list")
        if shown in lists:
            # One list in full, a page at a time.
            context["listed"] = shown
            context["page_obj"] = Paginator(
                # django-stubs asks for an iterable; Paginator only takes
                # len() and slices, all _PublishedItems offers.
                _PublishedItems(**lists[shown]),  # type: ignore[arg-type]
                AUTHOR_PAGE_SIZE,
            ).get_page(self.request.GET.get("page"))
        else:
            for name, filters in lists.items():
                context[name], context[f"more_{name}"] = _newest_items(AUTHOR_PREVIEW, **filters)
        context["structured_data"] = structured_data.profile_page(author, self.request)
        return context


class SitePageView(PublishedDetailView):
    """About, Editorial policy, Contact or Privacy."""

    model = SitePage
    template_name = "portal/sitepage_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        if page.slug == SitePageSlug.EDITORIAL_POLICY:
            # Who reviews what comes from the reviewers' own profiles.
            context["reviewers_by_area"] = reviewers_by_area()
        context["is_contact_page"] = page.slug == SitePageSlug.CONTACT
        context["sections"] = h2_sections(page.body_html)
        context["structured_data"] = structured_data.site_page(page, self.request)
        return context


# An author page shows each list's newest pages and links to the rest.
AUTHOR_PREVIEW = 12
AUTHOR_PAGE_SIZE = 24
# What a card does not show, left out of the lists' queries.
CARD_SKIPS = ("body", "body_html")
# Sorts before any date; never reached, as every published page has its date
# (a check constraint), but it tells the type checker so.
_NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _page_kinds() -> tuple[registry.ContentKind[ContentItem], ...]:
    """The kinds of clinical page (every reviewed kind is a content item)."""
    return registry.of_type(ContentItem, registry.reviewed())


def _newest_items(limit, **filters):
    """The newest `limit` published clinical pages of every kind matching
    filters, and whether there are more: one query a kind, however many."""
    items = chain.from_iterable(
        kind.model.objects.published()
        .filter(**filters)
        .defer(*CARD_SKIPS)
        .order_by("-published_at", "-pk")[: limit + 1]
        for kind in _page_kinds()
    )
    newest = sorted(items, key=lambda item: item.published_at or _NEVER, reverse=True)
    return newest[:limit], len(newest) > limit


class _PublishedItems:
    """Every published clinical page matching filters, newest first, as a
    sequence a Paginator can page through: the order is read from three
    small columns, and only a page's own rows are loaded whole."""

    def __init__(self, **filters):
        self.filters = filters
        self.order = sorted(
            (
                (published_at, index, pk)
                for index, kind in enumerate(_page_kinds())
                for pk, published_at in kind.model.objects.published()
                .filter(**filters)
                .values_list("pk", "published_at")
            ),
            reverse=True,
        )

    def __len__(self):
        return len(self.order)

    def __getitem__(self, page):
        wanted = self.order[page]
        kinds = _page_kinds()
        loaded = {}
        for index in {index for _, index, _ in wanted}:
            model = kinds[index].model
            rows = model.objects.defer(*CARD_SKIPS).in_bulk(
                [pk for _, i, pk in wanted if i == index]
            )
            loaded.update({(index, pk): row for pk, row in rows.items()})
        return [loaded[(index, pk)] for _, index, pk in wanted]


# A tag page shows each kind's first pages and links to the rest.
TAG_PREVIEW = 12


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    kinds = {kind.section: kind for kind in registry.tagged()}
    shown = kinds.get(request.GET.get("kind", ""))
    if shown is not None:
        # One kind in full, a page at a time.
        # `tags` is each tagged model's own field, which `ContentKind[Moderated]`
        # cannot show the type checker.
        tagged = shown.model.objects.published().filter(tags=tag).defer(*CARD_SKIPS)  # type: ignore[misc]
        page = Paginator(tagged.order_by("title", "pk"), AUTHOR_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        if not page.object_list:
            raise Http404("No published page of this kind carries this tag.")
        context = {"tag": tag, "kind": shown, "page_obj": page}
        return render(request, "portal/tag_detail.html", context)
    sections = []
    for kind in kinds.values():
        first = list(
            kind.model.objects.published()  # type: ignore[misc]  # `tags`, as above
            .filter(tags=tag)
            .defer(*CARD_SKIPS)
            .order_by("title", "pk")[: TAG_PREVIEW + 1]
        )
        sections.append((kind, first[:TAG_PREVIEW], len(first) > TAG_PREVIEW))
    if not any(items for _, items, _ in sections):
        # A tag that only drafts carry is not public.
        raise Http404("No published content carries this tag.")
    return render(request, "portal/tag_detail.html", {"tag": tag, "sections": sections})


def _home_items() -> tuple[Article | None, list[Any]]:
    """The featured article and the most recently reviewed items.

    Ordering by review date sorts every published item (no index leads
    with it), so each process keeps the answer until content changes.
    """
    featured = (
        Article.objects.published()
        .filter(is_featured=True)
        .select_related("author")
        .order_by("-published_at", "-pk")
        .first()
    )
    articles = Article.objects.published()
    if featured:
        articles = articles.exclude(pk=featured.pk)
    newest_of_each_kind = (
        (articles if kind.model is Article else kind.model.objects.published())
        # What a card shows, and what the order needs.
        .only("title", "slug", "summary", "last_reviewed", "published_at")
        .order_by("-last_reviewed", "-published_at", "-pk")[:HOME_LATEST]
        for kind in _page_kinds()
    )
    latest = sorted(
        chain.from_iterable(newest_of_each_kind),
        key=lambda item: (item.last_reviewed, item.published_at),
        reverse=True,
    )[:HOME_LATEST]
    return featured, latest


# Built once per version for every worker (by the task worker when one runs):
# at 10,000 conditions it took 0.1-0.4 s a process after each publish.
home_items = PerContentVersion(_home_items, shared_as="home-items")

# {day: its video, or None}: each process asks once a day and again after
# any content change (the date is part of the key, so midnight moves it on
# even when nothing was edited).
type VideosByDay = dict[datetime.date, FeaturedVideo | None]
_videos_by_day: PerContentVersion[VideosByDay] = PerContentVersion(dict)


def video_of_the_day(today: datetime.date | None = None) -> FeaturedVideo | None:
    """Today's approved video (a day in settings.TIME_ZONE), with the page it
    belongs to as `shown_page` (None unless visitors can see that page)."""
    today = today or timezone.localdate()
    held = _videos_by_day()
    if today not in held:
        # Only one day is ever needed; yesterday's answer can go.
        held.clear()
        video = FeaturedVideo.objects.for_day(today).first()
        if video is not None:
            video.shown_page = video.published_page()
        held[today] = video
    return held[today]


def _seconds_to_midnight() -> float:
    now = timezone.localtime()
    tomorrow = now.date() + datetime.timedelta(days=1)
    # make_aware asks the time zone for midnight's own offset, so a clock
    # change that night is counted right.
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    return (midnight - now).total_seconds()


def home(request):
    featured, latest = home_items()
    # The letters come from the A–Z every process keeps: no query.
    letters = az_index(*(kind.model for kind in registry.az_indexed())).letter_pages(PAGE_SIZE)
    response = render(
        request,
        "portal/home.html",
        {"featured": featured, "latest": latest, "letters": letters, "video": video_of_the_day()},
    )
    if _seconds_to_midnight() < PAGE_TIMEOUT:
        # The page cache keeps a page PAGE_TIMEOUT seconds under a key that
        # holds no date: a copy made now could show today's video after
        # midnight. Pages cached earlier expire by then.
        patch_cache_control(response, no_cache=True)
    return response


def search(request):
    # PostgreSQL refuses NUL characters in text.
    query = " ".join(request.GET.get("q", "").replace("\x00", "").split())
    too_long = len(query) > MAX_QUERY_LENGTH
    results = [] if too_long or not query else search_content(query)
    # Only a search that found nothing needs "Did you mean…?".
    suggestion = suggest(query) if query and not too_long and not results else None
    similar = False
    if query and not too_long and not results and not (suggestion and suggestion.query):
        # No correction found anything: PostgreSQL's trigram match is the
        # typo's last chance ("fibromyalgai"); elsewhere it finds nothing.
        results = search_similar(query)
        similar = bool(results)
    return render(
        request,
        "portal/search.html",
        {
            "search_query": query[:MAX_QUERY_LENGTH],
            "results": results,
            "similar": similar,
            "too_long": too_long,
            "suggestion": suggestion,
            # The page's own search form is the one; the header's would repeat it.
            "hide_header_search": True,
        },
        status=400 if too_long else 200,
    )


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says.
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /feedback/",
        "Disallow: /symptom-checker/results/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@requires_csrf_token
def server_error(request):
    # Rendered without context processors: whatever broke the request (the
    # database, say) may break them too.
    template = loader.get_template("500.html")
    context = {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "urgent_number": settings.URGENT_NUMBER,
    }
    return HttpResponseServerError(template.render(context))


# Where uploads live (portal.uploads); nothing outside them is ever served.
UPLOAD_FOLDERS = ("authors/", "videos/", "images/")


def _public_upload(path: str) -> bool:
    if path.startswith("authors/"):
        return Author.objects.published().filter(photo=path).exists()
    if path.startswith("videos/"):
        # Not before its day: a thumbnail would give away what is scheduled.
        return FeaturedVideo.objects.shown_by(timezone.localdate()).filter(thumbnail=path).exists()
    if path.startswith("images/"):
        return image_serving.may_serve(path)
    return False


@require_GET
def media_file(request, path):
    """An uploaded file: an author's photo, once their bio is published, a
    video's thumbnail once the video is approved and its day has come, or a
    library image (or one of its renditions) once approved (staff also see
    those of drafts, to review them). Nothing else is served."""
    live = _public_upload(path)
    staff = request.user.is_authenticated and request.user.is_staff
    reviewing = staff and path.startswith(UPLOAD_FOLDERS)
    if reviewing and not live and path.startswith("images/"):
        # Staff previewing a page see its images in review (made if missing).
        reviewing = image_serving.may_serve(path, unapproved_too=True)
    if not (live or reviewing) or not default_storage.exists(path):
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(path), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400" if live else "private, no-store"
    if content_type == "image/svg+xml":
        response["Content-Security-Policy"] = image_serving.SVG_POLICY
    return response
