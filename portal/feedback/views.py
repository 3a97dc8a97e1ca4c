""" "Was this page helpful?" on every public content page.

One click answers: the question on each page is a form that POSTs the
answer and records it at once. Pages are cached for everyone, so that form
cannot carry a per-visitor CSRF token; portal/feedback/guard.py has what
protects it instead (a signed page token, the same for every visitor, and a
same-site check), and here are the honeypot and a rate limit shared by every
worker. The answer leads (POST/redirect/GET) to a thanks page that is never
cached, whose optional comment box is an ordinary CSRF-protected form adding
to the same answer.
"""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.editorial import registry
from portal.feedback.guard import (
    TokenExpired,
    TokenInvalid,
    check_page_token,
    comment_reference,
    from_this_site,
    read_comment_reference,
)
from portal.models import ContentItem, Feedback
from portal.serving import rate_limits

MAX_COMMENT = 1000
RATE_LIMIT = 5  # answers per client per window
RATE_WINDOW = rate_limits.WINDOW_SECONDS

CHOOSE = "Choose yes or no."
OTHER_SITE = (
    "Feedback can only be sent from this site's own pages, so your answer was not recorded. "
    "If you meant to answer, please choose again below."
)
EXPIRED = (
    "The page you answered from was opened a while ago, so your answer was not recorded. "
    "Please choose again below."
)
INVALID = (
    "We could not check where your answer came from, so it was not recorded. "
    "Please choose again below."
)
TOO_MANY = "You have sent a lot of feedback in a short time. Please try again later."
COMMENT_EXPIRED = (
    "It is too long since you answered to add a comment to that answer, so your comment was "
    "not sent. You can answer again on the page and add it there."
)
COMMENT_INVALID = "This link does not name an answer of yours, so no comment can be added here."
ALREADY_COMMENTED = "This answer already has a comment, so yours was not added."


class AnswerForm(forms.Form):
    """The one-click form on every page: the button pressed, the page's token
    and the honeypot."""

    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    token = forms.CharField(required=False)
    # Hidden from people by CSS; bots fill it in.
    website = forms.CharField(required=False)


class CommentForm(forms.Form):
    comment = forms.CharField(
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Anything to add? (optional)",
        help_text="Please do not include personal or medical details. We read every comment "
        "but cannot reply.",
        error_messages={
            "required": "Write a comment to send one. Your answer is recorded either way.",
            "max_length": f"Please keep your comment under {MAX_COMMENT} characters.",
        },
    )
    website = forms.CharField(required=False, label="Leave this empty")


def over_rate_limit(request: HttpRequest) -> bool:
    """Count this submission; True when the client has sent too many in this
    window. Counted in the database, so every worker and instance sees the
    same number."""
    return rate_limits.client_over_limit(request, "feedback-rate", RATE_LIMIT)


def _published_item(kind_key: str, slug: str) -> Any:
    kind = registry.get(kind_key)
    # Only pages (content items) ask for feedback.
    if kind is None or not kind.asks_feedback or not registry.is_of(kind, ContentItem):
        raise Http404("No such kind of page.")
    # Every kind that asks for feedback has a slug; the registry's type does not say so.
    item: Any = kind.model.objects.published().filter(slug=slug).first()  # type: ignore[misc]
    if item is None:
        raise Http404("No such page.")
    return item


def _question(
    request: HttpRequest, item: Any, *, status: int, message: str = "", ask: bool = True
) -> HttpResponse:
    """The question on a page of its own (never cached), with a fresh token:
    where a refused answer lands, so one more click answers."""
    context = {"item": item, "message": message, "ask": ask}
    return render(request, "portal/feedback_form.html", context, status=status)


def _see_other(url: str) -> HttpResponseRedirect:
    # 303: the browser fetches the thanks page with GET, and reloading it
    # never sends the answer again.
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _thanks_url(kind: str, slug: str, feedback: Feedback | None = None) -> str:
    url = reverse("portal:feedback_thanks", kwargs={"kind": kind, "slug": slug})
    if feedback is None:
        return url
    return f"{url}?{urlencode({'answer': comment_reference(feedback.pk)})}"


# The form sits on cached pages, where a per-visitor CSRF token cannot be;
# feedback_guard's page token and same-site check stand in for it.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def feedback_view(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Record a Yes or No from a page's form, then show the thanks page.

    A GET records nothing: it shows the question (copies of pages from
    before one-click answers asked with a GET form)."""
    item = _published_item(kind, slug)
    if request.method == "GET":
        return _question(request, item, status=200)
    if not from_this_site(request):
        return _question(request, item, status=403, message=OTHER_SITE)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _question(request, item, status=400, message=CHOOSE)
    if form.cleaned_data["website"]:
        # A bot: thank it as anyone is thanked, and keep nothing.
        return _see_other(_thanks_url(kind, slug))
    try:
        check_page_token(form.cleaned_data["token"], kind=kind, slug=slug)
    except TokenExpired:
        return _question(request, item, status=400, message=EXPIRED)
    except TokenInvalid:
        return _question(request, item, status=400, message=INVALID)
    if over_rate_limit(request):
        return _question(request, item, status=429, message=TOO_MANY, ask=False)
    feedback = Feedback.objects.create(item=item, helpful=form.cleaned_data["helpful"])
    return _see_other(_thanks_url(kind, slug, feedback))


def _answer_for(reference: str, item: Any) -> Feedback | None:
    """The visitor's answer named by the signed reference, on this page;
    None without a reference (the honeypot's thanks)."""
    if not reference:
        return None
    feedback: Feedback | None = Feedback.objects.filter(
        pk=read_comment_reference(reference),
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
    ).first()
    if feedback is None:
        raise TokenInvalid
    return feedback


def _thanks(
    request: HttpRequest,
    item: Any,
    *,
    feedback: Feedback | None = None,
    form: forms.Form | None = None,
    problem: str = "",
    kept: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"item": item, "feedback": feedback, "form": form, "problem": problem, "kept": kept}
    return render(request, "portal/feedback_thanks.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_thanks(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Thank the visitor and offer a comment on the answer just given.

    Never cached, so the comment form is an ordinary CSRF-protected form.
    One comment per answer, while moderators have not yet handled it."""
    item = _published_item(kind, slug)
    # Whatever was typed is shown again whenever it is not stored.
    kept = request.POST.get("comment", "")
    try:
        feedback = _answer_for(request.GET.get("answer", ""), item)
    except TokenExpired:
        return _thanks(request, item, problem=COMMENT_EXPIRED, kept=kept, status=400)
    except TokenInvalid:
        return _thanks(request, item, problem=COMMENT_INVALID, kept=kept, status=400)
    open_for_comment = (
        feedback is not None and not feedback.comment and feedback.status == Feedback.State.NEW
    )
    if request.method == "GET":
        form = CommentForm() if open_for_comment else None
        return _thanks(request, item, feedback=feedback, form=form)
    if feedback is None:
        return _thanks(request, item, problem=COMMENT_INVALID, kept=kept, status=400)
    if not open_for_comment:
        return _thanks(
            request, item, feedback=feedback, problem=ALREADY_COMMENTED, kept=kept, status=400
        )
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _thanks(request, item, feedback=feedback, form=form, status=400)
    if form.cleaned_data["website"]:
        return _see_other(_thanks_url(kind, slug))
    # Only an answer still without a comment takes one, even when two posts race.
    added = Feedback.objects.filter(pk=feedback.pk, comment="").update(
        comment=form.cleaned_data["comment"]
    )
    if not added:
        return _thanks(
            request, item, feedback=feedback, problem=ALREADY_COMMENTED, kept=kept, status=400
        )
    # The thanks page again, now showing the comment; reloading sends nothing.
    return _see_other(request.get_full_path())
