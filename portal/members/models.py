"""A member is a Django user who is not staff, with a profile; what they
follow and what they have been told. Everything here belongs to one member
and goes with their account (CASCADE)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.members import state_cache


def member_q(through: str = "") -> Q:
    """Who is a member: an active user, not staff, with a profile. `through`
    reaches the user along a relation ("member__", "user__")."""
    return Q(
        **{
            f"{through}is_active": True,
            f"{through}is_staff": False,
            f"{through}member_profile__isnull": False,
        }
    )


def is_member(user: Any) -> bool:
    """The same rule for a user already loaded (a request's, say)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and not user.is_staff
        and hasattr(user, "member_profile")
    )


class MemberQuerySet(models.QuerySet[Any]):
    """Users who are members (see member_q)."""

    def members(self) -> MemberQuerySet:
        return self.filter(member_q())


def members() -> MemberQuerySet:
    return MemberQuerySet(get_user_model()).members()


class MemberProfileQuerySet(models.QuerySet["MemberProfile"]):
    def update(self, **kwargs: Any) -> int:
        # The badge shows what the profile holds (a confirmed address).
        state_cache.changed(self.values_list("user_id", flat=True))
        return super().update(**kwargs)


class MemberProfile(models.Model):
    """What a member account holds beyond the user row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    email_opt_in = models.BooleanField(
        "Email me when a page I follow is medically updated", default=False
    )
    # The calorie planner's inputs as its own query string (validated on save),
    # so a saved goal is a link back to the planner.
    planner_goal = models.CharField(max_length=300, blank=True)
    # A new address asked for and not yet confirmed by its link.
    pending_email = models.EmailField(blank=True)

    objects = MemberProfileQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Member {self.user_id}"

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class FollowQuerySet(models.QuerySet["Follow"]):
    def of_item(self, item: models.Model) -> FollowQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class Follow(models.Model):
    """A member's "Save to my pages" on one condition, remedy or article."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "content_type", "object_id"], name="follow_once_per_page"
            )
        ]
        # Who follows this page: asked on every approval of its changes.
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_page_idx")]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Follow {self.content_type_id}:{self.object_id}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def mark_read(self) -> int:
        return self.unread().update(read_at=timezone.now())

    # The header's tray shows notifications: the members whose rows change
    # in bulk (no signals) get new cards (portal.members.state_cache).
    def update(self, **kwargs: Any) -> int:
        state_cache.changed(self.values_list("member_id", flat=True).distinct())
        return super().update(**kwargs)

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        created = list(super().bulk_create(objs, *args, **kwargs))
        state_cache.changed(notification.member_id for notification in created)
        return created


class Notification(models.Model):
    """One line in a member's tray: a followed page was medically updated."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # Kept as text: the line stays readable whatever later happens to the page.
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The header's unread count.
            models.Index(
                fields=["member"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(fields=["member", "-created_at"], name="notification_member_idx"),
        ]

    def __str__(self) -> str:
        return self.summary


def with_member_counts(users: models.QuerySet[Any]) -> models.QuerySet[Any]:
    """Users annotated with what the header and the badge need, in one query:
    `unread` notifications and `following` (pages followed)."""
    unread = Notification.objects.filter(member=OuterRef("pk"), read_at__isnull=True)
    follows = Follow.objects.filter(member=OuterRef("pk"))
    annotations = {"unread": _count(unread), "following": _count(follows)}
    annotated: models.QuerySet[Any] = users.select_related("member_profile").annotate(**annotations)
    return annotated


def _count(queryset: models.QuerySet[Any]) -> Coalesce:
    # No rows is no count (NULL), hence the zero.
    counted = queryset.order_by().values("member").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(models.Subquery(counted, output_field=models.IntegerField()), Value(0))
