"""A member's badge: a level earned by using the site, by a rule written on
the account page. No payment, no countdown, no limited places: everyone
who meets the rule has the level, and nothing here is ever taken away
except by unfollowing.

Pure logic: it is given the facts and names the level.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

SILVER_FOLLOWS = 3
GOLD_AFTER = datetime.timedelta(days=365)


@dataclass(frozen=True)
class Level:
    key: str
    label: str
    rule: str


MEMBER = Level("member", "Member", "Every account starts here, on sign-up.")
SILVER = Level(
    "silver",
    "Silver",
    f"Confirm your email address and save {SILVER_FOLLOWS} or more pages to My pages.",
)
# Helpful-feedback answers are anonymous (no account is linked to them, on
# purpose), so they cannot count towards a badge: time and a confirmed
# address can, honestly.
GOLD = Level("gold", "Gold", "Be a member for a year, with your email address confirmed.")
LEVELS = (MEMBER, SILVER, GOLD)


def level(
    *, joined_at: datetime.datetime, email_confirmed: bool, following: int, now: datetime.datetime
) -> Level:
    """The level these facts earn."""
    if email_confirmed and now - joined_at >= GOLD_AFTER:
        return GOLD
    if email_confirmed and following >= SILVER_FOLLOWS:
        return SILVER
    return MEMBER


def next_step(current: Level) -> Level | None:
    """The level after `current`, for "how to get there"; None at the top."""
    index = LEVELS.index(current)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) else None
