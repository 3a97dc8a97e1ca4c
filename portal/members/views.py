"""Member pages. Thin: the forms check, portal.members.accounts and
.following change things. Every page here is personal, so never cached
(the page cache also leaves /account/ alone)."""

import functools
from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.members import accounts, badges, following, fragments, throttle
from portal.members.forms import (
    ChangeEmailForm,
    DeleteAccountForm,
    EmailUpdatesForm,
    MemberLoginForm,
    MemberPasswordResetForm,
    PlannerGoalForm,
    SignUpForm,
)
from portal.members.models import MemberProfile, Notification, is_member
from portal.public.links import LinkExpired, LinkInvalid


class MemberRequest(HttpRequest):
    """A request member_view let through: a signed-in member's."""

    user: User


def _planner_path() -> str:
    # The planner reads its inputs from the query string; its route may be
    # missing from a build without it.
    try:
        return reverse("portal:calorie_planner")
    except NoReverseMatch:
        return "/calorie-planner/"


def member_view(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed-in members only, never cached. Anyone else signs in first;
    staff are told member pages are not for their accounts."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("members:login"))
        if not is_member(user):
            return render(request, "members/not_a_member.html", status=403)
        return view(request, *args, **kwargs)

    return never_cache(checked)


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "members/too_many.html", status=429)
    response["Retry-After"] = str(throttle.WINDOW_SECONDS)
    return response


def _form_status(request: HttpRequest, form: Any) -> int:
    """400 for a form sent back with its mistakes shown, as everywhere on
    the site; 200 for the empty form."""
    return 400 if request.method == "POST" and form.errors else 200


class InvalidFormIs400:
    """For Django's auth views: a form sent back with its mistakes is a 400."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response = cast(HttpResponse, super().form_invalid(form))  # type: ignore[misc]
        response.status_code = 400
        return response


@never_cache
def sign_up(request: HttpRequest) -> HttpResponse:
    if is_member(request.user):
        return HttpResponseRedirect(reverse("members:account"))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if throttle.too_many(request, action="sign-up", email=email):
            return _too_many(request)
        accounts.sign_up(email=email, password=form.cleaned_data["password1"], request=request)
        # The same answer whether or not the address has an account.
        return HttpResponseRedirect(reverse("members:sign_up_sent"))
    return render(
        request, "members/sign_up.html", {"form": form}, status=_form_status(request, form)
    )


@never_cache
def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "members/sign_up_sent.html")


def _link_problem(request: HttpRequest, error: Exception) -> HttpResponse:
    expired = isinstance(error, LinkExpired)
    return render(request, "members/bad_link.html", {"expired": expired}, status=400)


@never_cache
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, first_time = accounts.confirm_email(token)
    except (LinkExpired, LinkInvalid) as error:
        return _link_problem(request, error)
    signed_in = request.user.is_authenticated and request.user.pk == user.pk
    # The link proves the address, so it logs its member in: but only the
    # first time it is used (a link found later in a mailbox opens nothing),
    # and never over someone else who is signed in on this browser. login()
    # gives the session a new key, so an id planted before cannot ride on it.
    if first_time and not request.user.is_authenticated and user.is_active:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        _mark_member_session(request)
        signed_in = True
    return render(request, "members/email_confirmed.html", {"signed_in": signed_in, "member": user})


@member_view
@require_POST
def resend_confirmation(request: MemberRequest) -> HttpResponse:
    user = request.user
    if throttle.too_many(request, action="confirm", email=user.email):
        return _too_many(request)
    if not user.member_profile.email_confirmed:
        accounts.send_confirmation(user, request)
    messages.success(request, "We have sent a new confirmation link to your email address.")
    return HttpResponseRedirect(reverse("members:account"))


def _mark_member_session(request: HttpRequest) -> None:
    """After a member logs in (by the form or by a confirmation link): lets
    the page cache tell a member's session from staff's cheaply, and serve
    them the cached pages with their own parts."""
    request.session[fragments.SESSION_FLAG] = True


class LogInView(InvalidFormIs400, auth_views.LoginView):
    """Django's log-in (a new session key on success) for members."""

    form_class = MemberLoginForm
    template_name = "members/log_in.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        _mark_member_session(self.request)
        return response

    def get_default_redirect_url(self) -> str:
        return reverse("members:account")


class LogOutView(auth_views.LogoutView):
    # A lazy URL, which Django takes here though django-stubs says str.
    next_page = reverse_lazy("portal:home")  # type: ignore[assignment]


class PasswordResetView(InvalidFormIs400, auth_views.PasswordResetView):
    form_class = MemberPasswordResetForm
    template_name = "members/password_reset.html"
    success_url = reverse_lazy("members:password_reset_sent")

    def form_valid(self, form: Any) -> HttpResponse:
        if throttle.too_many(self.request, action="reset", email=form.cleaned_data["email"]):
            return _too_many(self.request)
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_sent.html"


class PasswordResetConfirmView(InvalidFormIs400, auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    success_url = reverse_lazy("members:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # The link came by mail: the address is the member's.
        accounts.mark_confirmed(form.user)
        accounts.withdraw_email_change(form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


class PasswordChangeView(InvalidFormIs400, auth_views.PasswordChangeView):
    template_name = "members/password_change.html"
    success_url = reverse_lazy("members:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        accounts.withdraw_email_change(form.user)
        messages.success(self.request, "Your password has been changed.")
        return response


password_change = member_view(PasswordChangeView.as_view())


@member_view
def account(request: MemberRequest) -> HttpResponse:
    user = request.user
    profile = user.member_profile
    # member_view let only a member through, so there is a state.
    state = cast(fragments.MemberState, fragments.state_for(request))
    context = {
        "profile": profile,
        "state": state,
        "levels": badges.LEVELS,
        "next_level": badges.next_step(state.level),
        "silver_follows": badges.SILVER_FOLLOWS,
        "updates_form": EmailUpdatesForm(instance=profile),
        "planner_link": f"{_planner_path()}?{profile.planner_goal}" if profile.planner_goal else "",
        "member_days": (timezone.now() - profile.joined_at).days,
    }
    return render(request, "members/account.html", context)


@member_view
@require_POST
def email_updates(request: MemberRequest) -> HttpResponse:
    form = EmailUpdatesForm(request.POST, instance=request.user.member_profile)
    if form.is_valid():
        form.save()
        if form.cleaned_data["email_opt_in"]:
            messages.success(request, "We will email you when a page you follow is updated.")
        else:
            messages.success(request, "We will not email you about updates.")
    return HttpResponseRedirect(reverse("members:account"))


@member_view
@require_POST
def planner_goal(request: MemberRequest) -> HttpResponse:
    form = PlannerGoalForm(request.POST)
    if not form.is_valid():
        # The planner's own words, so a refused goal reads as the page would.
        reasons = " ".join(str(error) for error in form.errors.get("goal", []))
        messages.error(request, f"That goal could not be saved. {reasons}".strip())
    else:
        MemberProfile.objects.filter(user=request.user).update(
            planner_goal=form.cleaned_data["goal"]
        )
        messages.success(
            request,
            "Your calorie goal is saved." if form.cleaned_data["goal"] else "Goal removed.",
        )
    return HttpResponseRedirect(reverse("members:account"))


@member_view
def change_email(request: MemberRequest) -> HttpResponse:
    form = ChangeEmailForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if throttle.too_many(request, action="change-email", email=email):
            return _too_many(request)
        accounts.request_email_change(user=request.user, new_email=email, request=request)
        messages.success(
            request,
            f"We have sent a link to {email}. Your address changes when you open it "
            "(within three days).",
        )
        return HttpResponseRedirect(reverse("members:account"))
    return render(
        request, "members/change_email.html", {"form": form}, status=_form_status(request, form)
    )


@never_cache
def change_email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        accounts.change_email(token)
    except (LinkExpired, LinkInvalid) as error:
        return _link_problem(request, error)
    return render(request, "members/email_changed.html")


@member_view
def delete_account(request: MemberRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        accounts.delete_account(user=user)
        return HttpResponseRedirect(reverse("members:goodbye"))
    return render(
        request, "members/delete_account.html", {"form": form}, status=_form_status(request, form)
    )


@never_cache
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "members/goodbye.html")


@member_view
def my_pages(request: MemberRequest) -> HttpResponse:
    items = following.followed_items(request.user)
    return render(request, "members/my_pages.html", {"items": items})


def _item_or_404(kind: str, pk: int) -> Any:
    item = following.followable(kind, pk)
    if item is None:
        raise Http404("No such page.")
    return item


@require_POST
def follow(request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
    item = _item_or_404(kind, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(item.get_absolute_url(), reverse("members:login"))
    return _follow(request, item)


@member_view
def _follow(request: MemberRequest, item: Any) -> HttpResponse:
    following.follow(member=request.user, item=item)
    messages.success(request, f"“{item}” is saved to My pages.")
    return HttpResponseRedirect(item.get_absolute_url())


@member_view
@require_POST
def unfollow(request: MemberRequest, kind: str, pk: int) -> HttpResponse:
    kind_entry = following.followable(kind, pk)
    if kind_entry is None:
        # A page gone from the site can still be removed from the list.
        following.unfollow_missing(member=request.user, kind=kind, pk=pk)
        return HttpResponseRedirect(reverse("members:my_pages"))
    following.unfollow(member=request.user, item=kind_entry)
    messages.success(request, f"“{kind_entry}” is removed from My pages.")
    back = request.POST.get("next") == "my_pages"
    return HttpResponseRedirect(
        reverse("members:my_pages") if back else kind_entry.get_absolute_url()
    )


@member_view
def notifications(request: MemberRequest) -> HttpResponse:
    mine = Notification.objects.filter(member=request.user)
    context = {"unread": list(mine.unread()[:50]), "earlier": list(mine.exclude(read_at=None)[:20])}
    return render(request, "members/notifications.html", context)


@member_view
@require_POST
def mark_all_read(request: MemberRequest) -> HttpResponse:
    Notification.objects.filter(member=request.user).mark_read()
    messages.success(request, "All notifications are marked as read.")
    return HttpResponseRedirect(reverse("members:notifications"))


@member_view
def open_notification(request: MemberRequest, pk: int) -> HttpResponse:
    """Opening a notification is reading it: mark it read, then go to the
    page it is about (only ever a page of this site)."""
    note = get_object_or_404(Notification, member=request.user, pk=pk)
    Notification.objects.filter(pk=note.pk).mark_read()
    local = note.url.startswith("/") and url_has_allowed_host_and_scheme(
        note.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return HttpResponseRedirect(note.url if local else reverse("members:notifications"))


@member_view
@require_POST
def mark_read(request: MemberRequest, pk: int) -> HttpResponse:
    Notification.objects.filter(member=request.user, pk=pk).mark_read()
    return HttpResponseRedirect(reverse("members:notifications"))
