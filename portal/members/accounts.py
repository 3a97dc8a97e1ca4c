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

Account mail is a task that names an account and a purpose, nothing else:
the worker writes the mail (its address, its link) when it sends it, so the
task table never holds an address or a live link, and deleting an account
takes its queued mail with it.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.tasks import TaskResultStatus, task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks_db.models import DBTaskResult

from portal.editorial.staff_mail import failure_without_addresses
from portal.members.models import MemberProfile, is_member, member_q, members
from portal.public.links import (
    LinkInvalid,
    read_signed,
    request_origin,
    site_address,
)

logger = logging.getLogger(__name__)

LINK_MAX_AGE = 3 * 24 * 3600  # seconds
CONFIRM_SALT = "members.confirm-email"
CHANGE_SALT = "members.change-email"


def normalise_email(email: str) -> str:
    # One account per address, whatever the capitals typed.
    return email.strip().lower()


def _account_for(email: str) -> Any:
    """The account, staff included, that uses this address or name, or None."""
    email = normalise_email(email)
    return (
        get_user_model().objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    )


def address_taken(email: str) -> bool:
    """Does any account, staff included, use this address or name?"""
    return _account_for(email) is not None


# What an account mail can be about: the task carries one of these.
CONFIRM = "confirm"  # confirm the address (sign-up, or a new link asked for)
ALREADY = "already"  # someone tried to sign up with this account's address
RESET = "reset"  # a password reset link; with no account, a task that sends nothing
CHANGE_EMAIL = "change_email"  # the link that moves the account to its pending address
CHANGE_NOTICE = "change_notice"  # to the present address: a change was asked for
CHANGE_TAKEN = "change_taken"  # to an account whose address another member asked for


def _queue(purpose: str, user_id: int | None, request: HttpRequest | None = None) -> None:
    """Queue an account mail: sent by the task worker, never inside the
    request (a slow mail server must not hold a thread, nor make an answer's
    timing say whether an address has an account)."""
    try:
        send_account_mail.enqueue(user_id=user_id, purpose=purpose, origin=request_origin(request))
    except Exception:
        # Never the address in a log line: the purpose is enough.
        logger.exception("Could not queue the members mail %r", purpose)


@task()
def send_account_mail(*, user_id: int | None, purpose: str, origin: str = "") -> None:
    """Write the mail about `purpose` to the account `user_id` and send it.
    Written now, from the account as it is: an address changed or an account
    deleted since the task was queued gets no stale mail, and a link's
    three days start when it is sent."""
    user = (
        get_user_model().objects.select_related("member_profile").filter(pk=user_id).first()
        if user_id is not None
        else None
    )
    mail = _write(purpose, user, origin) if user is not None else None
    if mail is None:
        return
    subject, body, to = mail
    # A failed task's traceback stays in the task table: it must not quote
    # the address, as a mail server's refusal does.
    with failure_without_addresses(f"The {purpose} mail to account {user_id}"):
        send_mail(subject, body, None, [to])


def _write(purpose: str, user: Any, origin: str) -> tuple[str, str, str] | None:
    """The (subject, body, address) of an account mail, or None when there
    is nothing to send any more (already confirmed, change withdrawn…)."""
    profile: Any = getattr(user, "member_profile", None)
    member = is_member(user)
    if purpose == CONFIRM and member and not profile.email_confirmed:
        return _render("confirm", user.email, {"link": confirmation_link(user, origin)})
    if purpose == ALREADY:
        links = {
            "log_in": site_address(reverse("members:login"), origin),
            "reset": site_address(reverse("members:password_reset"), origin),
        }
        return _render("already_staff" if user.is_staff else "already", user.email, links)
    if purpose == RESET and member and user.has_usable_password():
        return _reset_mail(user, origin)
    if purpose == CHANGE_EMAIL and member and profile.pending_email:
        return _render("change_email", profile.pending_email, {"link": change_link(user, origin)})
    if purpose == CHANGE_NOTICE and member:
        return _render("change_notice", user.email, {})
    if purpose == CHANGE_TAKEN and user.email:
        return _render("change_taken", user.email, {})
    return None


def _render(template: str, to: str, context: dict[str, Any]) -> tuple[str, str, str]:
    text = render_to_string(
        f"members/email/{template}.txt", {**context, "site_name": settings.SITE_NAME}
    )
    subject, _, body = text.strip().partition("\n")
    return f"[{settings.SITE_NAME}] {subject.strip()}", body.strip() + "\n", to


def _reset_mail(user: Any, origin: str) -> tuple[str, str, str]:
    # Django's reset link (what PasswordResetConfirmView checks), made at
    # sending time: its token dies once the password changes or it is used.
    context = {
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": site_address("", origin),
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("members/email/password_reset_subject.txt", context)
    body = render_to_string("members/email/password_reset.txt", context)
    return "".join(subject.splitlines()), body, user.email


def forget_account_mail(user_id: int) -> int:
    """Delete the task rows of account mail for `user_id`: what is queued is
    not sent, and nothing kept names the account. A task being sent this
    moment is left to finish (it finds no account and sends nothing)."""
    deleted, _ = (
        DBTaskResult.objects.filter(
            task_path=send_account_mail.module_path, args_kwargs__kwargs__user_id=user_id
        )
        .exclude(status=TaskResultStatus.RUNNING)
        .delete()
    )
    return deleted


def _read(token: str, salt: str) -> dict[str, Any]:
    data: dict[str, Any] = read_signed(token, salt=salt, max_age=LINK_MAX_AGE, kind=dict)
    return data


def _fingerprint(*parts: str) -> str:
    # Links name addresses by a keyed hash: a signed value is only encoded,
    # and a link's path lands in access logs and is seen by whoever holds
    # the mail, so it must not spell out an address.
    return salted_hmac("members.link", "\x00".join(parts), algorithm="sha256").hexdigest()[:32]


def confirmation_link(user: Any, origin: str = "") -> str:
    token = signing.dumps(
        {"u": user.pk, "e": _fingerprint(CONFIRM_SALT, normalise_email(user.email))},
        salt=CONFIRM_SALT,
    )
    return site_address(reverse("members:confirm_email", args=[token]), origin)


def send_confirmation(user: Any, request: HttpRequest | None = None) -> None:
    _queue(CONFIRM, user.pk, request)


class _Rehearsal(Exception):
    """Rolls back the account written for an address that has one already."""


def sign_up(*, email: str, password: str, request: HttpRequest | None = None) -> Any:
    """Create a member with this address and mail them a confirmation link;
    if the address is taken, mail it a note instead. Returns the new user or
    None, but the visitor is told the same either way. The mail goes once
    the account is saved (requests are not wrapped in a transaction)."""
    email = normalise_email(email)
    User = get_user_model()
    existing = None
    try:
        with transaction.atomic():
            existing = _account_for(email)
            # The address is the user name: it cannot take a staff name, and
            # it is what members type to log in. For an address that has an
            # account the same rows are written, under a throwaway name, and
            # rolled back: the answer costs the same (a password hash, two
            # inserts), and a database that refuses writes fails it for
            # every address, not only for new ones.
            name = email if existing is None else f"rehearsal-{secrets.token_hex(16)}"
            user = User.objects.create_user(username=name, email=email, password=password)
            MemberProfile.objects.create(user=user)
            if existing is not None:
                raise _Rehearsal
    except _Rehearsal:
        pass
    except IntegrityError:
        # A second press of the button, or two sign-ups at once: the address
        # was taken between the look and the insert.
        existing = User.objects.filter(username__iexact=email).first()
        if existing is None:
            raise
    if existing is not None:
        _queue(ALREADY, existing.pk, request)
        return None
    _queue(CONFIRM, user.pk, request)
    return user


def request_password_reset(*, email: str, request: HttpRequest | None = None) -> None:
    """Queue a reset link for the member with this address; for an address
    with no member account (staff reset theirs through an administrator), a
    task that finds nothing to send. Either way one query and one insert, so
    neither the answer's time nor its failures say which."""
    found = list(
        members().filter(email__iexact=normalise_email(email)).values_list("pk", flat=True)
    )
    for user_id in found or [None]:
        _queue(RESET, user_id, request)


@transaction.atomic
def confirm_email(token: str) -> tuple[Any, bool]:
    """Mark the address in a confirmation link as confirmed; returns the user
    and whether this link confirmed it (False when it was already)."""
    data = _read(token, CONFIRM_SALT)
    user_id: Any = data.get("u")
    profile = (
        MemberProfile.objects.select_for_update()
        .select_related("user")
        .filter(member_q("user__"), user_id=user_id)
        .first()
    )
    if profile is None or not constant_time_compare(
        str(data.get("e", "")), _fingerprint(CONFIRM_SALT, normalise_email(profile.user.email))
    ):
        raise LinkInvalid
    first_time = profile.email_confirmed_at is None
    if first_time:
        profile.email_confirmed_at = timezone.now()
        profile.save(update_fields=["email_confirmed_at"])
    return profile.user, first_time


def mark_confirmed(user: Any) -> None:
    """A password reset by mailed link proves the address as well."""
    MemberProfile.objects.filter(user=user, email_confirmed_at__isnull=True).update(
        email_confirmed_at=timezone.now()
    )


def request_email_change(*, user: Any, new_email: str, request: HttpRequest | None = None) -> None:
    """Mail a link to the new address; the account changes only when it is
    opened. A taken address gets a note instead (the member is told the same)."""
    new_email = normalise_email(new_email)
    owner = _account_for(new_email)
    if owner is not None:
        _queue(CHANGE_TAKEN, owner.pk, request)
        return
    # The new address waits on the profile, where the mail's task finds it.
    MemberProfile.objects.filter(user=user).update(pending_email=new_email)
    # The notice first, so it reaches the address the account has now.
    _queue(CHANGE_NOTICE, user.pk, request)
    _queue(CHANGE_EMAIL, user.pk, request)


def withdraw_email_change(user: Any) -> None:
    """A new password withdraws a change of address asked for before it:
    its link, made when it is sent, must not then be made with the new one."""
    MemberProfile.objects.filter(user=user).exclude(pending_email="").update(pending_email="")


def change_link(user: Any, origin: str = "") -> str:
    """The link that moves the account to its pending address; bound to the
    account's address and password as they are now, so a password change
    (what the notice to the old address advises) cancels it."""
    new_email = user.member_profile.pending_email
    token = signing.dumps(
        {"u": user.pk, "c": _change_fingerprint(user, new_email)}, salt=CHANGE_SALT
    )
    return site_address(reverse("members:change_email_confirm", args=[token]), origin)


@transaction.atomic
def change_email(token: str) -> Any:
    """Switch the account to the address in the link; returns the user."""
    data = _read(token, CHANGE_SALT)
    user = members().select_for_update().filter(pk=data.get("u")).first()
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


def _change_fingerprint(user: Any, new_email: str) -> str:
    return _fingerprint(CHANGE_SALT, user.email, new_email, user.password)


@transaction.atomic
def delete_account(*, user: Any) -> None:
    """Delete the member and everything the account holds: the profile,
    follows and notifications go with the user row (CASCADE), and the
    sign-in records django-axes keeps under its name and the account mail
    queued for it with them."""
    if user.is_staff:
        raise ValueError("Staff accounts are not deleted here.")
    names = {user.get_username(), user.email}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=names).delete()
    forget_account_mail(user.pk)
    user.delete()
