from typing import Any, cast

from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest

from portal.members.accounts import normalise_email, request_password_reset
from portal.members.models import MemberProfile, is_member
from portal.planner import answers

WRONG_PASSWORD = "That password is not right."  # noqa: S105 (a message)


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=150,  # the user name holds it
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not a common password, not all numbers.",
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self) -> str:
        return _fits(normalise_email(self.cleaned_data["email"]))

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            email = cleaned.get("email", "")
            probe = get_user_model()(username=email, email=email)
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class MemberLoginForm(AuthenticationForm):
    """Django's log-in form (it calls authenticate(), which django-axes
    throttles) with the address as the name, for members only."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email address and password do not match an account.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data.get("username") or "")

    def confirm_login_allowed(self, user: User) -> None:
        super().confirm_login_allowed(user)
        if not is_member(user):
            # The same answer as a wrong password, counted as a failure like
            # one: saying "this is a staff account" here would tell a guesser
            # that a staff password is right, without its second factor.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")


def _fits(email: str) -> str:
    # Lower-casing can lengthen an address (a dotted capital I becomes two
    # characters): it must still fit the user name it becomes.
    if len(email) > 150:
        raise forms.ValidationError("That address is too long: use one of 150 characters or fewer.")
    return email


class MemberPasswordResetForm(PasswordResetForm):
    """Resets for members only: staff passwords are reset by an administrator."""

    def save(self, request: HttpRequest | None = None, **_mail_options: Any) -> None:  # type: ignore[override]
        # Django's form writes the mail here; ours queues a task that names
        # only the account (or none) and writes the link when it is sent.
        request_password_reset(email=self.cleaned_data["email"], request=request)


class PasswordCheckedForm(forms.Form):
    """A change that asks for the member's password, checked through
    authenticate() so that guessing it here is throttled like logging in."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        user = self.request.user
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(WRONG_PASSWORD)
        return password


class ChangeEmailForm(PasswordCheckedForm):
    email = forms.EmailField(
        label="New email address",
        max_length=150,  # the user name holds it
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email", "password"]

    def clean_email(self) -> str:
        email = _fits(normalise_email(self.cleaned_data["email"]))
        # Only a signed-in member reaches this form (member_view).
        if email == normalise_email(cast(User, self.request.user).email):
            raise forms.ValidationError("That is the address you have now.")
        return email


class DeleteAccountForm(PasswordCheckedForm):
    pass


class EmailUpdatesForm(forms.ModelForm[MemberProfile]):
    class Meta:
        model = MemberProfile
        fields = ["email_opt_in"]


class PlannerGoalForm(forms.Form):
    """A saved goal is the planner's answers as a query string, checked by the
    planner's own rules (the same limits and messages as its page) and kept
    in their canonical form."""

    goal = forms.CharField(required=False)

    def clean_goal(self) -> str:
        raw = self.cleaned_data["goal"].lstrip("?")
        if not raw:
            return ""  # removes the saved goal
        reading = answers.read_query(raw)
        if reading.input is None:
            raise forms.ValidationError([error.message for error in reading.errors])
        return reading.input.to_query()
