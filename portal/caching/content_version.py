"""The content version: one number that moves whenever anything a public
page shows changes (a save, a delete, a tag or relation change, a publish).

It is kept in the database and moved in the change's own transaction, so it
is never behind the content, even after a cache outage or a database
restore; the shared cache holds only a short-lived copy. Whatever is kept
per process or in the cache for "the published content" is kept under it:
`PerContentVersion` in each process, the whole-page cache
(portal.caching.page_cache) in the shared cache.

Models import this module (conditions.models keeps its tier wording per
version), so it must stay light: the shared cache, the registry and the
ContentVersion row, nothing of the page cache or of members.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, ClassVar

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.caching import shared_cache
from portal.editorial import registry
from portal.models import ContentVersion

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:content-version-copy"
# How long the cache's copy of the version is trusted; the database holds it.
VERSION_COPY_SECONDS = 5
# Apps whose models feed public pages besides those of the content types.
SHARED_CONTENT_APPS = {"taggit"}
# The row that holds it (there is only one).
VERSION_ROW = 1


def content_version() -> int:
    """The current content version: the cache's recent copy, or the database's
    when there is none or the cache cannot be reached."""
    global _last_read
    copy = shared_cache.get(VERSION_KEY)
    if copy is not None:
        return int(copy)
    try:
        version = _stored_version()
    except DatabaseError:
        # The database is down: no one can publish, so the version last read
        # is still the current one. Cached pages and the checker's data
        # (held in memory) keep answering from it; only what needs the
        # database fails. A process that never read it has nothing to offer.
        if _last_read is None:
            raise
        return _last_read
    _last_read = version
    # If the cache is down, every request asks the database.
    shared_cache.set(VERSION_KEY, version, VERSION_COPY_SECONDS)
    return version


# The version this process last read from the database.
_last_read: int | None = None


def _stored_version() -> int:
    stored = ContentVersion.objects.filter(pk=VERSION_ROW).values_list("value", flat=True)
    value = stored.first()
    if value is None:
        ContentVersion.objects.get_or_create(pk=VERSION_ROW)
        value = 1
    return int(value)


@shared_cache.on_recovery
def _forget_copy() -> None:
    # A copy the cache could not drop lives VERSION_COPY_SECONDS at most, and
    # a process back from an outage drops it at once: it may have published
    # while the cache could not hear of it.
    shared_cache.delete(VERSION_KEY)


def bump_content_version(**kwargs: Any) -> None:
    sender = kwargs.get("sender")
    # Migrations work on historical models, before this table may exist, and
    # relations outside the content (a group's permissions) show on no page.
    if sender is not None and (
        sender.__module__ == "__fake__" or sender._meta.app_label not in content_apps()
    ):
        return
    # Once per transaction: an approval saves dozens of rows, and one new
    # number names all of it.
    connection = transaction.get_connection()
    current = _transaction(connection)
    if current is not None and any(
        isinstance(callback, _Bumped) and callback.made_in(current)
        for _, callback, _ in connection.run_on_commit
    ):
        return
    # In the same transaction as the change: committed together or not at
    # all. A fresh random number, not the next one: after a database restore
    # (or a rolled-back test) an old number must never name new content.
    version = secrets.randbits(62)
    if settings.PRECOMPUTE_IN_WORKER:
        # Before the new number can be read (in autocommit the update below
        # commits at once): no process may see it unmarked and build.
        mark_precompute(version, PRECOMPUTE_QUEUED_SECONDS)
    if not ContentVersion.objects.filter(pk=VERSION_ROW).update(value=version):
        ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"value": version})
    _forget_copy()
    # Again once committed: a process that read the old number meanwhile
    # must not keep it. Django drops this callback when a savepoint it was
    # registered in rolls back (a draft shown on a live page's form), which
    # is exactly when the bump is undone and the next change must bump again.
    transaction.on_commit(_Bumped(current))
    for listener in _new_version_listeners:
        listener(version)


# Told of each new version, inside the transaction that makes it, once per
# transaction: the task worker's precompute (portal/caching/precompute.py)
# queues itself so, without this module importing the tasks framework.
_new_version_listeners: list[Callable[[int], None]] = []


def on_new_version(listener: Callable[[int], None]) -> None:
    """Call `listener(version)` with each new content version, in the
    transaction that makes it."""
    if listener not in _new_version_listeners:
        _new_version_listeners.append(listener)


type _Transaction = tuple[Any, str | None]


def _transaction(connection: Any) -> _Transaction | None:
    """The atomic block that makes the current transaction, with its
    savepoint; None in autocommit. A test case's wrapping blocks, and any
    around them, do not count: there each step of a test stands for a
    transaction of its own. The savepoint tells apart two runs of one
    `@atomic` function (one block object) inside a test, whose callbacks
    are never run."""
    blocks = connection.atomic_blocks
    harness = max((i + 1 for i, block in enumerate(blocks) if block._from_testcase), default=0)
    if harness >= len(blocks):
        return None
    # The block that opened the transaction has no savepoint of its own.
    unsaved = len(blocks) - len(connection.savepoint_ids)
    savepoint = connection.savepoint_ids[harness - unsaved] if harness >= unsaved else None
    return blocks[harness], savepoint


class _Bumped:
    """The on-commit callback of a bump, marking its transaction as bumped."""

    def __init__(self, made: _Transaction | None) -> None:
        self.made = made

    def made_in(self, current: _Transaction) -> bool:
        return self.made is not None and self.made[0] is current[0] and self.made[1] == current[1]

    def __call__(self) -> None:
        _forget_copy()


# Set while a request is answered with data of the version before the
# current one (a rebuild is under way): its page must not be stored under
# the current version's key (page_cache) nor given to the edge.
_served_stale: ContextVar[bool] = ContextVar("served_stale", default=False)
# How long one process may hold the lock on building a value for everyone.
BUILD_LOCK_SECONDS = 60
# How long a value built for everyone stays in the shared cache.
SHARED_VALUE_SECONDS = 3600
# A shared value no web process has asked for in this long is not in use
# (the search vocabulary of a site nobody searches): the task worker leaves
# it to the first request that needs it.
IN_USE_SECONDS = 7 * 24 * 3600
# How long web processes leave a new version's shared values to the task
# worker (portal/caching/precompute.py) before building them themselves: the
# worker polls the queue every 1-2 s, so one that has not started by then is
# most likely not running. Once it starts, it holds them BUILD_LOCK_SECONDS.
PRECOMPUTE_QUEUED_SECONDS = 10


def _precompute_marker(version: int) -> str:
    return f"per-version-precompute:{version}"


# What the mark says: the task is queued, or a worker is building.
QUEUED, RUNNING = "queued", "running"


def mark_precompute(version: int, seconds: float, state: str = QUEUED) -> None:
    """Tell every process, for `seconds`, that the task worker is to build
    (QUEUED) or is building (RUNNING) `version`'s shared values: those with
    a value answer with it meanwhile instead of building."""
    shared_cache.set(_precompute_marker(version), state, seconds)


def unmark_precompute(version: int) -> None:
    shared_cache.delete(_precompute_marker(version))


def precompute_state(version: int) -> str | None:
    """QUEUED or RUNNING while the task worker is to build `version`'s shared
    values; None otherwise."""
    state = shared_cache.get(_precompute_marker(version))
    return None if state is None else str(state)


def precompute_pending(version: int) -> bool:
    """Whether the task worker is about to build, or is building, `version`'s
    shared values."""
    return precompute_state(version) is not None


def served_stale() -> bool:
    """Whether this request was answered from data a version behind."""
    return _served_stale.get()


@contextmanager
def watching_staleness() -> Iterator[None]:
    token = _served_stale.set(False)
    try:
        yield
    finally:
        _served_stale.reset(token)


class PerContentVersion[T]:
    """`load()` kept in each process until content changes: any worker's
    save moves the shared content version, and the next call reloads.

    A reload is single-flight, so a publish does not start a rebuild in
    every thread of every worker at once (at 10,000 conditions the checker's
    data takes 1-2 s of CPU to build):
    - in a process, one thread rebuilds while the others keep answering
      with the value they have (the request is marked `served_stale`, so
      its page is not cached under the new version); a process with no
      value yet waits for the one being built;
    - with `shared_as`, across processes too: the first to take a lock in
      the shared cache builds and stores the value there; the others take
      it from there, serving what they have meanwhile;
    - with `shared_as` and a task worker (PRECOMPUTE_IN_WORKER), no web
      process builds it at all: the change that moves the version queues
      `precompute()` for the new one, and web processes serve what they
      have until its value is in the shared cache. Only when the worker
      has not started within PRECOMPUTE_QUEUED_SECONDS (none is running),
      or has not finished within BUILD_LOCK_SECONDS, does a web process
      build it as above.
    """

    instances: ClassVar[list[PerContentVersion[Any]]] = []

    def __init__(self, load: Callable[[], T], *, shared_as: str | None = None) -> None:
        self.load = load
        # Named by the loader's own source too: during a rolling release,
        # workers running the old code must not read the new code's values
        # (their classes may differ), nor the other way round.
        self.shared_as = shared_as and f"{shared_as}:{_source_digest(load)}"
        self.held: tuple[int, T] | None = None
        self._lock = threading.Lock()
        PerContentVersion.instances.append(self)

    def __call__(self) -> T:
        # Read the version before loading: a change made meanwhile moves it
        # again, so the next call reloads.
        version = content_version()
        held = self.held
        if held is not None and held[0] == version:
            return held[1]
        if held is not None:
            if not self._lock.acquire(blocking=False):
                return self._stale(held[1])  # another thread is rebuilding
            if settings.REBUILD_IN_BACKGROUND:
                # Not even the request that noticed the change waits for the
                # rebuild (at 10,000 conditions it took up to 10 s under load).
                threading.Thread(
                    target=self._rebuild_in_background, args=(version,), daemon=True
                ).start()
                return self._stale(held[1])
        else:
            self._lock.acquire()
        try:
            return self._rebuild(version)
        finally:
            self._lock.release()

    def _rebuild(self, version: int) -> T:
        """The value for `version`, built or fetched; the caller holds the lock."""
        held = self.held
        if held is not None and held[0] == version:
            return held[1]
        value = self._build(version, held)
        if value is _NOT_YET:
            held = self.held  # _build may have taken another process's last value
            if held is None:  # _build waits for a value rather than offer none
                raise RuntimeError(f"Nothing to answer with while {self.shared_as} builds")
            return self._stale(held[1])
        self.held = (version, value)  # type: ignore[assignment]
        if self.shared_as is not None:
            # A web process needed it (this is once per version): it is in
            # use, and the task worker builds it for the versions to come.
            shared_cache.set(self._key_in_use(), True, IN_USE_SECONDS)
        return value  # type: ignore[return-value]

    def _rebuild_in_background(self, version: int) -> None:
        try:
            self._rebuild(version)
        except Exception:
            # The old value keeps serving; the next call tries again.
            logger.exception("Could not rebuild %s for content version %s", self.load, version)
        finally:
            self._lock.release()
            connections.close_all()  # this thread's own connections

    def _stale(self, value: T) -> T:
        _served_stale.set(True)
        return value

    def _key(self, version: int) -> str:
        return f"per-version:{self.shared_as}:{version}"

    def _build(self, version: int, held: tuple[int, T] | None) -> T | object:
        if self.shared_as is None:
            return self.load()
        key = self._key(version)
        built: T | None = shared_cache.get(key)
        if built is not None:
            return built
        lock = f"{key}:building"
        # While the task worker builds it, a web process builds nothing: a
        # build here holds this process's GIL for 1-2 s at 10,000 conditions
        # and stalls every request thread beside it. A process that has not
        # needed the value yet (a page cache serves most of its pages) takes
        # the one last stored for everyone meanwhile. With nothing at all to
        # answer with, it waits for a worker that is building, but not for
        # one that may never come (no worker running): it builds.
        state = precompute_state(version)
        if held is None and state is not None:
            held = self._adopt_latest()
        leave_to_worker = state == RUNNING or (state == QUEUED and held is not None)
        if not leave_to_worker and (
            shared_cache.add(lock, True, BUILD_LOCK_SECONDS) or shared_cache.paused()
        ):
            try:
                value = self.load()
                self._store(version, value)
                return value
            finally:
                shared_cache.delete(lock)
        if held is None:
            held = self._adopt_latest()
        if held is not None:
            # Another process (or the task worker) is building it: answer
            # with what we have.
            return _NOT_YET
        # Nothing to answer with: wait a little for theirs, then build.
        deadline = time.monotonic() + BUILD_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
            built = shared_cache.get(key)
            if built is not None:
                return built
        return self.load()

    def precompute(self, version: int) -> bool:
        """Build the value for `version` and store it in the shared cache for
        every process (the task worker's part); False when there is nothing
        to do: not shared, not in use (no web process asked for it in
        IN_USE_SECONDS), already there, or another process is building it."""
        if self.shared_as is None or not shared_cache.has(self._key_in_use()):
            return False
        key = self._key(version)
        lock = f"{key}:building"
        if shared_cache.has(key) or not shared_cache.add(lock, True, BUILD_LOCK_SECONDS):
            return False
        try:
            self._store(version, self.load())
        finally:
            shared_cache.delete(lock)
        return True

    def _store(self, version: int, value: T) -> None:
        shared_cache.set(self._key(version), value, SHARED_VALUE_SECONDS)
        # Which version that is, for processes that have none yet.
        shared_cache.set(self._key_of_latest(), version, SHARED_VALUE_SECONDS)

    def _key_of_latest(self) -> str:
        return f"per-version:{self.shared_as}:latest"

    def _key_in_use(self) -> str:
        return f"per-version:{self.shared_as}:in-use"

    def _adopt_latest(self) -> tuple[int, T] | None:
        """Hold the value last stored for everyone (of an earlier version),
        to answer with until this version's is there; None if there is none."""
        latest = shared_cache.get(self._key_of_latest())
        value: T | None = None if latest is None else shared_cache.get(self._key(int(latest)))
        if latest is None or value is None:
            return None
        self.held = (int(latest), value)
        return self.held

    def forget(self) -> None:
        self.held = None

    @classmethod
    def forget_all(cls) -> None:
        """Drop every process copy (tests whose database rolls back need it)."""
        for instance in cls.instances:
            instance.forget()


def _source_digest(function: Callable[..., Any]) -> str:
    try:
        source = Path(inspect.getfile(function)).read_bytes()
    except (OSError, TypeError):
        return "unknown"
    return hashlib.sha256(source).hexdigest()[:12]


# A value another process is building, not yet there.
_NOT_YET = object()
# How long a process with nothing to answer with waits for another's build.
BUILD_WAIT_SECONDS = 5.0


# Records no public page shows; saving them must not empty the cache (a
# stream of feedback would otherwise keep every page cold).
NOT_SHOWN = {"portal.Feedback", "portal.ReviewEvent", "portal.RateCounter", "portal.ContentVersion"}


def content_apps() -> set[str]:
    """The apps whose models feed public pages: every registered content
    type's app (with its parts, symptoms, groups…) and the tags."""
    return SHARED_CONTENT_APPS | {kind.model._meta.app_label for kind in registry.kinds()}


def connect_signals() -> None:
    watched = content_apps()
    for model in apps.get_models():
        if model._meta.app_label in watched and model._meta.label not in NOT_SHOWN:
            uid = f"page-cache-{model._meta.label}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(bump_content_version, dispatch_uid="page-cache-m2m")
