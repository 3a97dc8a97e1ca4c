"""A member's personal parts kept in the shared cache, so a signed-in
member's page costs about what anyone's cached page does.

The page cache serves a member the page rendered for anyone with their
parts swapped in (portal.members.fragments). Building those parts asks the
database (the member, their counts and follows, their tray) and renders
templates: kept here as a card, the next page needs neither.

A card is stored under the member's generation, a random token that moves
(`changed`) once the transaction of any change to what a card shows
commits (and once when it is made): a notification, a follow, the profile
or the user row. A reader
takes the generation before it reads the database, so a card built from
data older than a change can only ever be stored under the generation the
change has already moved past. Cards also expire after `CARD_SECONDS`,
which bounds how long a change goes unseen when the shared cache could not
be reached at the moment it was made. Without the cache, every page builds
the parts afresh (correct, only slower).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from portal.caching import shared_cache

# The level on the badge moves with time (a year's membership), and a card
# written while the cache was failing may miss a change: both are seen
# within this long.
CARD_SECONDS = 60
# Longer than any card, so a generation outlives the cards stored under it.
GENERATION_SECONDS = 24 * 60 * 60


def _generation_key(user_id: Any) -> str:
    return f"member-generation:{user_id}"


def _card_key(user_id: Any, generation: str, session_hash: str) -> str:
    # The session's hash is part of the key: a password change is a new
    # card at once, and a card can never be served to another account that
    # later gets the same id (tests reuse ids; so may a restored database).
    return f"member-card:{user_id}:{generation}:{session_hash[:32]}"


def _current_generation(user_id: Any) -> str | None:
    key = _generation_key(user_id)
    generation: str | None = shared_cache.get(key)
    if generation is not None:
        return generation
    if shared_cache.add(key, fresh := secrets.token_hex(8), GENERATION_SECONDS):
        return fresh
    # Another request made one first, or the cache cannot be reached (None).
    current: str | None = shared_cache.get(key)
    return current


def card_for[Card](
    user_id: Any, session_hash: str, build: Callable[[], Card | None]
) -> Card | None:
    """The member's card: from the cache, or built by `build` (None when
    the account no longer holds) and stored for the next page."""
    generation = _current_generation(user_id)
    key = _card_key(user_id, generation, session_hash) if generation is not None else None
    if key is not None:
        cached: Card | None = shared_cache.get(key)
        if cached is not None:
            return cached
    card = build()
    if card is not None and key is not None:
        shared_cache.set(key, card, CARD_SECONDS)
    return card


def changed(user_ids: Iterable[Any]) -> None:
    """What the cards of these users show has changed: their next page
    builds new ones, once the change is committed."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return

    def move_on() -> None:
        for user_id in ids:
            shared_cache.set(_generation_key(user_id), secrets.token_hex(8), GENERATION_SECONDS)

    # Now, so this request's own next read sees the change; and again once
    # it is committed, past any card built meanwhile from the rows as they
    # were before the commit.
    move_on()
    transaction.on_commit(move_on)
