from urllib.parse import parse_qsl, urlencode

from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.signals import user_login_failed

from portal.members.accounts import normalise_email, request_password_reset
from portal.members.models import MemberProfile

WRONG_PASSWORD = "That password is not right."


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

    def clean_email(self):
        return _fits(normalise_email(self.cleaned_data["email"]))

    def clean(self):
        cleaned = super().clean()
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})

    def clean_username(self):
        return normalise_email(self.cleaned_data.get("username") or "")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff or not MemberProfile.objects.filter(user=user).exists():
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

    def save(self, request=None, **_mail_options):
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

    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
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

    def clean_email(self):
        email = _fits(normalise_email(self.cleaned_data["email"]))
        if email == normalise_email(self.request.user.email):
            raise forms.ValidationError("That is the address you have now.")
        return email


class DeleteAccountForm(PasswordCheckedForm):
    pass


class EmailUpdatesForm(forms.ModelForm):
    class Meta:
        model = MemberProfile
        fields = ["email_opt_in"]


# The calorie planner's inputs travel in its address; a saved goal is that
# query string, limited to short plain names and values.
PLANNER_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz_")
PLANNER_VALUE_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


class PlannerGoalForm(forms.Form):
    goal = forms.CharField(max_length=300, required=False)

    def clean_goal(self):
        raw = self.cleaned_data["goal"].lstrip("?")
        try:
            pairs = parse_qsl(raw, keep_blank_values=False, strict_parsing=bool(raw))
        except ValueError as error:
            raise forms.ValidationError("That is not a planner goal.") from error
        for key, value in pairs:
            if not (
                0 < len(key) <= 30
                and set(key) <= PLANNER_KEY_CHARS
                and 0 < len(value) <= 30
                and set(value) <= PLANNER_VALUE_CHARS
            ):
                raise forms.ValidationError("That is not a planner goal.")
        if len(pairs) > 12:
            raise forms.ValidationError("That is not a planner goal.")
        return urlencode(pairs)
