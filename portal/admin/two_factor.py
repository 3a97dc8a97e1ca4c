"""Two-factor sign-in for staff (django-otp, time-based codes).

Any member of staff may turn it on from the admin ("Two-factor sign-in");
from then on their sign-in asks for the code from their authenticator app.
Superusers must use it where TWO_FACTOR_REQUIRED_FOR_SUPERUSERS is on (the
production default): without a confirmed device they cannot sign in, and
the first one is enrolled with `manage.py enroll_totp <username>`.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice


def required_for(user: Any) -> bool:
    """Must this person sign in with a code?"""
    return bool(
        user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS
    ) or user_has_device(user)


def satisfied(user: Any) -> bool:
    """Has this signed-in person given a code, if they must?"""
    # Someone who gave a code is through without asking the database.
    return bool(getattr(user, "is_verified", lambda: False)()) or not required_for(user)


# The one answer to every refused sign-in at the admin, whatever was wrong:
# the password, the code, or both. Saying "wrong code" would tell a guesser
# that the password was right.
REFUSED = (
    "That did not work. Check your username and password and, if you use two-factor "
    "sign-in, the code your authenticator app shows now. Superusers always need a "
    "code: an operator enrols a superuser's first app with manage.py enroll_totp."
)


class StaffSignInForm(OTPAdminAuthenticationForm):
    """The admin's sign-in: name, password and code asked together, and one
    answer for every refusal, so nothing is said about the password before
    the code is right."""

    otp_token = forms.CharField(
        required=False,
        label="Code from your authenticator app",
        help_text="Only if you have turned on two-factor sign-in (superusers always).",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    # Set by Django's AuthenticationForm, which django_otp's untyped form
    # hides from the type checker.
    user_cache: AbstractBaseUser | None

    def _chosen_device(self, user: Any) -> Any:
        # Each person has at most one device (an authenticator app), so the
        # form does not ask which.
        return super()._chosen_device(user) or next(devices_for_user(user), None)

    def clean(self) -> dict[str, Any]:
        try:
            self.cleaned_data = AdminAuthenticationForm.clean(self)
            user = self.get_user()
            if user is not None and required_for(user):
                if not user_has_device(user):
                    raise forms.ValidationError("no device", code="device_required")
                self.clean_otp(user)
        except forms.ValidationError:
            self._refuse()
        return self.cleaned_data

    def _refuse(self) -> None:
        user = self.user_cache
        self.user_cache = None
        if user is not None:
            # The password was right but the sign-in is refused (no code,
            # a wrong one, not staff): count it as a failure, as a wrong
            # password is, so the throttling cannot tell the two apart either.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
        raise forms.ValidationError(REFUSED, code="invalid_login")


class ConfirmCodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\d{6}$",
        label="The 6-digit code your app shows now",
        error_messages={"invalid": "Enter the 6 digits your app shows."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def secret_of(device: TOTPDevice) -> str:
    """The key to type into an authenticator app, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def settings_view(admin_site: Any, request: Any) -> HttpResponse:
    """Turn two-factor sign-in on (scan or type the key, confirm a code) or
    off (not for superusers who must use it)."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    pending, _ = (
        (None, False)
        if confirmed
        else TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "Authenticator app"}
        )
    )
    form = ConfirmCodeForm(request.POST or None) if pending else None
    if request.method == "POST" and request.POST.get("turn_off") and confirmed:
        if user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS:
            messages.error(request, "Superusers cannot turn two-factor sign-in off here.")
        else:
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, "Two-factor sign-in is off.")
        return redirect("admin:two_factor")
    if request.method == "POST" and pending and form is not None and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            otp_login(request, pending)
            messages.success(request, "Two-factor sign-in is on: you will be asked for a code.")
            return redirect("admin:two_factor")
        form.add_error(
            "code", "That code did not match. Check the time on your phone and try again."
        )
    context = {
        **admin_site.each_context(request),
        "title": "Two-factor sign-in",
        "confirmed": confirmed,
        "pending": pending,
        "secret": secret_of(pending) if pending else "",
        "form": form,
        "required": user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS,
    }
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(request, "admin/two_factor.html", context, status=status)
