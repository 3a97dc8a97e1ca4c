""" "Was this page helpful?" on every public content page.

Pages are cached for everyone, so the question on them is a plain GET form
(no CSRF token to go stale). It leads to a small page of our own where the
visitor confirms and may add a comment; that POST is CSRF-protected,
rate-limited per client and guarded by a honeypot field.
"""

import hashlib

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal import registry
from portal.models import Feedback, RateCounter

MAX_COMMENT = 1000
RATE_LIMIT = 5  # submissions per client per window
RATE_WINDOW = 600  # seconds


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label="Was this page helpful?",
        error_messages={"required": "Choose yes or no."},
    )
    comment = forms.CharField(
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Anything to add? (optional)",
        help_text="Please do not include personal or medical details. We read every comment "
        "but cannot reply.",
        error_messages={"max_length": f"Please keep your comment under {MAX_COMMENT} characters."},
    )
    # Hidden from people by CSS; bots fill it in.
    website = forms.CharField(required=False, label="Leave this empty")


def _client_key(request):
    # REMOTE_ADDR is the proxy's address behind a load balancer; gunicorn's
    # forwarded_allow_ips makes it the client's for trusted proxies.
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"feedback-rate:{digest}"


def over_rate_limit(request):
    """Count this submission; True when the client has sent too many in this
    window. Counted in the database, so every worker and instance sees the
    same number."""
    key = _client_key(request)
    window = int(timezone.now().timestamp()) // RATE_WINDOW
    with transaction.atomic():
        counter, _ = RateCounter.objects.get_or_create(key=key, window=window)
        # One UPDATE: it locks the row until commit, so concurrent requests
        # from one client each get their own number.
        RateCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        count = RateCounter.objects.values_list("count", flat=True).get(pk=counter.pk)
    if count == 1:
        # Old windows are of no use: the first request of a window clears them.
        RateCounter.objects.filter(window__lt=window).delete()
    return count > RATE_LIMIT


def _published_item(kind_key, slug):
    kind = registry.get(kind_key)
    if kind is None or not kind.asks_feedback:
        raise Http404("No such kind of page.")
    item = kind.model.objects.published().filter(slug=slug).first()
    if item is None:
        raise Http404("No such page.")
    return item


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_view(request, kind, slug):
    item = _published_item(kind, slug)
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["website"]:
                # A bot: thank it and keep nothing.
                return render(request, "portal/feedback_thanks.html", {"item": item})
            if over_rate_limit(request):
                form.add_error(
                    None,
                    "You have sent a lot of feedback in a short time. Please try again later.",
                )
                status = 429
            else:
                Feedback.objects.create(
                    item=item,
                    helpful=form.cleaned_data["helpful"],
                    comment=form.cleaned_data["comment"].strip(),
                )
                return render(request, "portal/feedback_thanks.html", {"item": item})
        else:
            status = 400
    else:
        initial = {"helpful": request.GET.get("helpful")} if request.GET.get("helpful") else {}
        form = FeedbackForm(initial=initial)
    return render(
        request,
        "portal/feedback_form.html",
        {"form": form, "item": item},
        status=status,
    )
