"""The personal parts of public pages (the header's tray and badge, a
page's follow button), small enough to add to a cached page.

Public pages are rendered as for an anonymous visitor, each personal part
between two markers:

    <!--member-bar--> Log in link <!--/member-bar-->
    <!--follow:condition:12--> "Save to my pages" link <!--/follow-->

and cached like that for everyone (portal.caching.page_cache). For a signed-in
member, the page cache swaps the marked parts for this member's own, made
here from at most three queries (their session, their counts and follows
for the page, their latest unread notifications), and never stores the
result (`personaliser` is the hook members register with it). What the
swapped parts show is kept as the member's card in the shared cache
(portal.members.state_cache) until something on it changes, so a member's
next page asks the database only for the session. Rendered
without the page cache (it is off, or the page is never cached), the
template tags call the same functions, so the page looks the same either
way, and without JavaScript.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.html import format_html

from portal.editorial import registry
from portal.members import badges, state_cache
from portal.members.models import Follow, Notification, is_member, members, with_member_counts

BAR_START, BAR_END = "<!--member-bar-->", "<!--/member-bar-->"
BAR = re.compile(re.escape(BAR_START) + r".*?" + re.escape(BAR_END), re.DOTALL)
FOLLOW = re.compile(r"<!--follow:([a-z0-9_]+):([0-9]{1,19})-->.*?<!--/follow-->", re.DOTALL)
# Set in the session by the members' log-in, so the page cache knows a
# member's session from a staff one without asking the database.
SESSION_FLAG = "members.member"
TRAY_SIZE = 5
# Stands for the request's CSRF token in parts kept for later requests:
# each page gets its own token in its place.
CSRF_PLACEHOLDER = "member-csrf-token-placeholder"


@dataclass
class MemberState:
    """What the personal parts show for one member."""

    user: Any
    unread: int
    following: int
    level: badges.Level
    # (kind key, pk) of the pages asked about (`follows`) that the member follows.
    follows: set[tuple[str, int]] = field(default_factory=set)
    # The (kind key, pk) pairs already asked about in this request, followed or not.
    asked: set[tuple[str, int]] = field(default_factory=set)
    latest: list[Notification] = field(default_factory=list)


def _content_type_id(kind_key: str) -> int | None:
    kind = registry.get(kind_key)
    if kind is None or not kind.followed:
        return None
    # Cached by Django for the life of the process after the first ask.
    return int(ContentType.objects.get_for_model(kind.model).pk)


def load_state(user_id: Any) -> MemberState | None:
    """The member's state: one query, and one more for the tray when
    anything is unread. None when `user_id` is no active member. Whether
    they follow a page is asked when a page wants to know (`follows`)."""
    user = with_member_counts(members().filter(pk=user_id)).first()
    if user is None:
        return None
    profile = user.member_profile
    state = MemberState(
        user=user,
        unread=user.unread,
        following=user.following,
        level=badges.level(
            joined_at=profile.joined_at,
            email_confirmed=profile.email_confirmed,
            following=user.following,
            now=timezone.now(),
        ),
    )
    if state.unread:
        state.latest = list(Notification.objects.filter(member=user).unread()[:TRAY_SIZE])
    return state


def state_for(request: HttpRequest | None) -> MemberState | None:
    """The signed-in member's state for this request, loaded once."""
    if request is None:
        return None
    if not hasattr(request, "_member_state"):
        user = getattr(request, "user", None)
        request._member_state = load_state(user.pk) if is_member(user) else None  # type: ignore[attr-defined, union-attr]
    return request._member_state  # type: ignore[attr-defined, no-any-return]


def follows(request: HttpRequest, state: MemberState, kind_key: str, pk: int) -> bool:
    target = (kind_key, pk)
    if target not in state.asked:
        state.asked.add(target)
        ct = _content_type_id(kind_key)
        if ct is not None and state.user.follows.filter(content_type_id=ct, object_id=pk).exists():
            state.follows.add(target)
    return target in state.follows


def bar(request: HttpRequest | None, state: MemberState | None) -> str:
    """The header's personal part, between its markers."""
    user = getattr(request, "user", None)
    # Staff pages are never cached: they get a way back to the admin.
    staff = state is None and bool(getattr(user, "is_staff", False))
    context = {"state": state, "staff": staff}
    html = render_to_string("members/includes/bar.html", context, request=request)
    return f"{BAR_START}{html}{BAR_END}"


def follow_button(
    request: HttpRequest, state: MemberState | None, kind_key: str, pk: int, path: str
) -> str:
    """A page's follow button, between its markers."""
    context = {
        "state": state,
        "kind": kind_key,
        "pk": pk,
        "path": path,
        "following": state is not None and follows(request, state, kind_key, pk),
    }
    html = render_to_string("members/includes/follow.html", context, request=request)
    return format_html("<!--follow:{}:{}-->{}<!--/follow-->", kind_key, pk, html)


# For the page cache ---------------------------------------------------------


@dataclass(frozen=True)
class SessionMember:
    user_id: Any
    session_hash: str


DATABASE_SESSIONS = "django.contrib.sessions.backends.db"


def _session_data(key: str) -> dict[str, Any]:
    """What the session `key` holds ({} when there is no such live one).

    With sessions in the database (the default), one plain statement: the
    ORM's own `get` costs about five times as long, as much as serving a
    cached page to anyone, and this runs on every member's page. Any other
    engine is asked as usual."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(key)
    if settings.SESSION_ENGINE != DATABASE_SESSIONS or store.session_key is None:
        # (An ill-formed key is no session: the store refuses it.)
        return dict(store.items()) if store.session_key is not None else {}
    connection = connections[router.db_for_read(Session)]
    table = connection.ops.quote_name(Session._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",  # noqa: S608 (the table's own name)
            [key, timezone.now()],
        )
        row = cursor.fetchone()
    data: dict[str, Any] = store.decode(row[0]) if row else {}
    return data


def session_member(request: HttpRequest) -> SessionMember | None:
    """The member a request's session says it is (one query: the session),
    or None for staff, anonymous sessions and anything unusual, which the
    normal stack handles. The account is checked by `personalise`."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return None
    session = _session_data(key)
    if (
        not session.get(SESSION_FLAG)
        or session.get(BACKEND_SESSION_KEY) not in set(settings.AUTHENTICATION_BACKENDS)
        # Messages kept in the session are shown by the normal stack.
        or session.get(SessionStorage.session_key)
        or SESSION_KEY not in session
    ):
        return None
    return SessionMember(session[SESSION_KEY], str(session.get(HASH_SESSION_KEY, "")))


@dataclass(frozen=True)
class Card:
    """What the page cache swaps into a page for one member, kept between
    pages (portal.members.state_cache): the header's part with a
    placeholder for the CSRF token, and every page the member follows."""

    session_hash: str
    bar: str
    follows: frozenset[tuple[str, int]]


def _followed_kinds() -> dict[int, str]:
    """Content type id -> kind key, for the kinds members can follow."""
    return {
        ct: kind.key
        for kind in registry.kinds()
        if kind.followed and (ct := _content_type_id(kind.key)) is not None
    }


def build_card(user_id: Any) -> Card | None:
    """The member's card from the database (two or three queries); None
    when `user_id` is no active member."""
    state = load_state(user_id)
    if state is None:
        return None
    kinds = _followed_kinds()
    followed = Follow.objects.filter(member_id=user_id).values_list("content_type_id", "object_id")
    context = {"state": state, "staff": False, "csrf_token": CSRF_PLACEHOLDER}
    return Card(
        session_hash=state.user.get_session_auth_hash(),
        bar=(BAR_START + render_to_string("members/includes/bar.html", context) + BAR_END),
        follows=frozenset((kinds[ct], pk) for ct, pk in followed if ct in kinds),
    )


@functools.lru_cache(maxsize=4096)
def _members_follow_button(kind_key: str, pk: int, following: bool) -> str:
    """A follow button as any member sees it: the same for every member
    (bar the CSRF token's placeholder), so it is rendered once per process."""
    context = {
        "state": True,
        "kind": kind_key,
        "pk": pk,
        "following": following,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    html = render_to_string("members/includes/follow.html", context)
    return format_html("<!--follow:{}:{}-->{}<!--/follow-->", kind_key, pk, html)


def personalise(request: HttpRequest, member: SessionMember, html: str) -> str | None:
    """The page `html` (rendered for anyone) with this member's parts; None
    when the session no longer holds (a changed password, a deleted or
    staff account): the normal stack then deals with it."""
    card = state_cache.card_for(
        member.user_id, member.session_hash, lambda: build_card(member.user_id)
    )
    if card is None or not constant_time_compare(member.session_hash, card.session_hash):
        return None
    token = get_token(request)
    bar_html = card.bar.replace(CSRF_PLACEHOLDER, token)
    html = BAR.sub(lambda _: bar_html, html, count=1)

    def button(match: re.Match[str]) -> str:
        target = (match.group(1), int(match.group(2)))
        part = _members_follow_button(*target, target in card.follows)
        return part.replace(CSRF_PLACEHOLDER, token)

    return FOLLOW.sub(button, html)


def personaliser(request: HttpRequest) -> Callable[[str], str | None] | None:
    """The page cache's hook (registered by MembersConfig.ready): for a
    member's session, what makes a page rendered for anyone theirs; None
    for anyone else."""
    member = session_member(request)
    if member is None:
        return None
    return functools.partial(personalise, request, member)
