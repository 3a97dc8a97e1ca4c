"""A new content version's shared values, built by the task worker rather
than by web processes.

At 10,000 conditions the checker's data takes 1-2 s of CPU to build and the
A–Z about 1 s. Built inside a web process (even on a thread of its own) it
holds that process's GIL, and every request thread beside it stalls. So the
change that moves the content version queues one task for the new version
(`queue`, once per transaction, and never if it rolls back), and marks the
version as being precomputed in the shared cache; `manage.py db_worker`
builds every shared `PerContentVersion` value in use (built for some
version in the last week) and what `register` adds (the sitemap, while
crawlers read it), and stores them there. Web processes keep answering
with the values they have until the new ones are in the shared cache, and
build them themselves only when no worker has taken the task within
PRECOMPUTE_QUEUED_SECONDS (none is running) or finished it within
BUILD_LOCK_SECONDS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.tasks import task

from portal.caching.content_version import (
    BUILD_LOCK_SECONDS,
    PRECOMPUTE_QUEUED_SECONDS,
    RUNNING,
    PerContentVersion,
    _stored_version,
    mark_precompute,
    on_new_version,
    unmark_precompute,
)
from portal.tasks import enqueue_with_transaction

logger = logging.getLogger(__name__)

# More to build for each new version: each takes the version, builds
# and stores its part, and says whether it did.
type Precompute = Callable[[int], bool]
_registered: list[Precompute] = []


def register(function: Precompute) -> Precompute:
    """Have the task worker call `function(version)` for each new version,
    beside building every shared `PerContentVersion`."""
    _registered.append(function)
    return function


def connect() -> None:
    """Queue the precompute with every new content version (from
    PortalConfig.ready, so that every process that saves content does)."""
    on_new_version(queue)


def queue(version: int) -> None:
    """Have the task worker build `version`'s shared values once the current
    change commits; called by the content version's bump, once per
    transaction, when PRECOMPUTE_IN_WORKER is on."""
    if not settings.PRECOMPUTE_IN_WORKER:
        return
    # The bump has marked it already, before writing the new number, so
    # that no process sees the number unmarked; marked again here for any
    # other caller, and after the commit, since a long transaction (a bulk
    # load) may outlast the mark.
    mark_precompute(version, PRECOMPUTE_QUEUED_SECONDS)
    transaction.on_commit(partial(mark_precompute, version, PRECOMPUTE_QUEUED_SECONDS))
    enqueue_with_transaction(build_shared_values, version=version)


@task()
def build_shared_values(*, version: int) -> list[str]:
    """Build and store every shared value for content version `version`;
    returns what it built. Nothing when the content has moved on since:
    the later change has queued its own."""
    if _stored_version() != version:
        return []
    # Web processes wait for this worker while it builds, up to the bound.
    mark_precompute(version, BUILD_LOCK_SECONDS, RUNNING)
    try:
        # The URLconf imports every view, and with them every module that
        # keeps a shared value per version.
        import_module(settings.ROOT_URLCONF)
        # The values web requests wait for first; the registered extras
        # (the sitemap, which crawlers ask for) after them.
        built = [
            str(value.shared_as)
            for value in PerContentVersion.instances
            if value.precompute(version)
        ]
        built += [function.__qualname__ for function in _registered if function(version)]
    finally:
        unmark_precompute(version)
    logger.info("Built %s for content version %s", ", ".join(built) or "nothing", version)
    return built
