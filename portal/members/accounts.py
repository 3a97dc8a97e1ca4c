"""Member accounts: signing up, confirming an address, changing it and
deleting everything. Each function is one change, validated, in one
transaction; views only call them.

Links in mail are signed (django.core.signing) with a purpose of their own
and hold for three days. They name the account, and the address they were
sent to by a keyed hash (never in clear), so a link stops working once the
address has changed; a change-of-address link also stops once the password
changes. What a
visitor is told never says whether an address has an account: those
answers go to the address itself, by mail.
"""

from __future__ import annotations

import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.members.models import MemberProfile

logger = logging.getLogger(__name__)

LINK_MAX_AGE = 3 * 24 * 3600  # seconds
CONFIRM_SALT = "members.confirm-email"
CHANGE_SALT = "members.change-email"


class LinkExpired(Exception):
    """A signed link that was right once and is too old now."""


class LinkInvalid(Exception):
    """A link that was never ours, or no longer names the account's address."""


def normalise_email(email: str) -> str:
    # One account per address, whatever the capitals typed.
    return email.strip().lower()


def address_taken(email: str) -> bool:
    """Does any account, staff included, use this address or name?"""
    email = normalise_email(email)
    return (
        get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()
    )


def site_address(path: str, request=None) -> str:
    """An absolute link for mail: SITE_URL when set (never the request's Host
    header, which a client chooses), else this request's own address."""
    if settings.SITE_URL:
        return f"{settings.SITE_URL.rstrip('/')}{path}"
    return request.build_absolute_uri(path) if request is not None else path


def _mail(template: str, to: str, context: dict) -> None:
    """Queue a mail: sent by the task worker, never inside the request (a
    slow mail server must not hold a thread, nor make an answer's timing
    say whether an address has an account)."""
    text = render_to_string(
        f"members/email/{template}.txt", {**context, "site_name": settings.SITE_NAME}
    )
    subject, _, body = text.strip().partition("\n")
    try:
        send_account_mail.enqueue(
            subject=f"[{settings.SITE_NAME}] {subject.strip()}", body=body.strip() + "\n", to=to
        )
    except Exception:
        # Never the address in a log line: which template failed is enough.
        logger.exception("Could not queue the members mail %r", template)


@task()
def send_account_mail(*, subject: str, body: str, to: str) -> None:
    send_mail(subject, body, None, [to])


def _read(token: str, salt: str) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    if not isinstance(data, dict):
        raise LinkInvalid
    return data


def _fingerprint(*parts: str) -> str:
    # Links name addresses by a keyed hash: a signed value is only encoded,
    # and a link's path lands in access logs and is seen by whoever holds
    # the mail, so it must not spell out an address.
    return salted_hmac("members.link", "\x00".join(parts), algorithm="sha256").hexdigest()[:32]


def confirmation_link(user, request=None) -> str:
    token = signing.dumps(
        {"u": user.pk, "e": _fingerprint(CONFIRM_SALT, normalise_email(user.email))},
        salt=CONFIRM_SALT,
    )
    return site_address(reverse("members:confirm_email", args=[token]), request)


def send_confirmation(user, request=None) -> None:
    _mail("confirm", user.email, {"link": confirmation_link(user, request)})


def sign_up(*, email: str, password: str, request=None):
    """Create a member with this address and mail them a confirmation link;
    if the address is taken, mail it a note instead. Returns the new user or
    None, but the visitor is told the same either way. The mail goes once
    the account is saved (requests are not wrapped in a transaction)."""
    email = normalise_email(email)
    User = get_user_model()
    try:
        with transaction.atomic():
            existing = User.objects.filter(
                Q(email__iexact=email) | Q(username__iexact=email)
            ).first()
            if existing is None:
                # The address is the user name: it cannot take a staff name,
                # and it is what members type to log in.
                user = User.objects.create_user(username=email, email=email, password=password)
                MemberProfile.objects.create(user=user)
    except IntegrityError:
        # A second press of the button, or two sign-ups at once: the address
        # was taken between the look and the insert.
        existing = User.objects.filter(username__iexact=email).first()
        if existing is None:
            raise
    if existing is not None:
        # As long as creating an account takes (hashing the password), so
        # the answer's timing does not tell the address has an account.
        make_password(password)
        links = {
            "log_in": site_address(reverse("members:login"), request),
            "reset": site_address(reverse("members:password_reset"), request),
        }
        _mail("already_staff" if existing.is_staff else "already", email, links)
        return None
    send_confirmation(user, request)
    return user


@transaction.atomic
def confirm_email(token: str):
    """Mark the address in a confirmation link as confirmed; returns the user."""
    data = _read(token, CONFIRM_SALT)
    profile = (
        MemberProfile.objects.select_for_update()
        .select_related("user")
        .filter(user_id=data.get("u"), user__is_staff=False, user__is_active=True)
        .first()
    )
    if profile is None or not constant_time_compare(
        str(data.get("e", "")), _fingerprint(CONFIRM_SALT, normalise_email(profile.user.email))
    ):
        raise LinkInvalid
    if profile.email_confirmed_at is None:
        profile.email_confirmed_at = timezone.now()
        profile.save(update_fields=["email_confirmed_at"])
    return profile.user


def mark_confirmed(user) -> None:
    """A password reset by mailed link proves the address as well."""
    MemberProfile.objects.filter(user=user, email_confirmed_at__isnull=True).update(
        email_confirmed_at=timezone.now()
    )


def request_email_change(*, user, new_email: str, request=None) -> None:
    """Mail a link to the new address; the account changes only when it is
    opened. A taken address gets a note instead (the member is told the same)."""
    new_email = normalise_email(new_email)
    if address_taken(new_email):
        _mail("change_taken", new_email, {})
        return
    # The new address waits on the profile; the link is bound to the account's
    # address and password as they are now, so a password change (what the
    # notice to the old address advises) cancels it.
    MemberProfile.objects.filter(user=user).update(pending_email=new_email)
    token = signing.dumps(
        {"u": user.pk, "c": _change_fingerprint(user, new_email)}, salt=CHANGE_SALT
    )
    link = site_address(reverse("members:change_email_confirm", args=[token]), request)
    _mail("change_email", new_email, {"link": link})
    _mail("change_notice", user.email, {})


@transaction.atomic
def change_email(token: str):
    """Switch the account to the address in the link; returns the user."""
    data = _read(token, CHANGE_SALT)
    User = get_user_model()
    user = (
        User.objects.select_for_update()
        .filter(pk=data.get("u"), is_staff=False, is_active=True, member_profile__isnull=False)
        .first()
    )
    if user is None:
        raise LinkInvalid
    new = user.member_profile.pending_email
    if not new or not constant_time_compare(str(data.get("c", "")), _change_fingerprint(user, new)):
        raise LinkInvalid
    if address_taken(new):
        raise LinkInvalid
    old = user.email
    if user.username == user.email:
        user.username = new
    user.email = new
    user.save(update_fields=["username", "email"])
    # Sign-in records follow the account, so deleting it later finds them.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=old).update(username=new)
    MemberProfile.objects.filter(user=user).update(
        email_confirmed_at=timezone.now(), pending_email=""
    )
    return user


def _change_fingerprint(user, new_email: str) -> str:
    return _fingerprint(CHANGE_SALT, user.email, new_email, user.password)


@transaction.atomic
def delete_account(*, user) -> None:
    """Delete the member and everything the account holds: the profile,
    follows and notifications go with the user row (CASCADE), and the
    sign-in records django-axes keeps under its name with them."""
    if user.is_staff:
        raise ValueError("Staff accounts are not deleted here.")
    names = {user.get_username(), user.email}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=names).delete()
    user.delete()
