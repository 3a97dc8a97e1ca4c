"""The shared cache as a speed-up only: when it fails or freezes, the site
carries on without it (pages uncached, the content version read from the
database) instead of failing with it.

Every call is bounded by the cache's own short timeouts (settings.CACHES).
After a failure this process stops asking for `PAUSE_SECONDS`, so a frozen
cache costs one timeout per pause rather than one per call, then tries
again. When the cache answers again, the functions registered with
`on_recovery` run first: they drop copies that may have gone stale while
this process could not reach the cache.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

logger = logging.getLogger(__name__)

PAUSE_SECONDS = 5.0

_recovery_hooks: list[Callable[[], None]] = []
_lock = threading.Lock()
# When this process last saw the cache fail; None while it works.
_failed_at: float | None = None


def on_recovery(hook: Callable[[], None]) -> Callable[[], None]:
    """Run `hook` when the cache answers again after an outage."""
    _recovery_hooks.append(hook)
    return hook


def paused() -> bool:
    """Whether this process is skipping the cache after a recent failure."""
    failed_at = _failed_at
    return failed_at is not None and time.monotonic() - failed_at < PAUSE_SECONDS


def _call[T](operation: Callable[[], T], fallback: T) -> T:
    global _failed_at
    if paused():
        return fallback
    try:
        result = operation()
    except Exception as error:
        # Redis, a full disk or a pickling error: any of them means "no cache
        # now", never "no page".
        with _lock:
            first = _failed_at is None
            _failed_at = time.monotonic()
        if first:
            logger.warning("Shared cache unavailable, serving without it: %r", error)
        return fallback
    if _failed_at is not None:
        _recovered()
        # What was just read may be a copy the recovery hooks dropped.
        return _call(operation, fallback)
    return result


def _recovered() -> None:
    global _failed_at
    with _lock:
        if _failed_at is None:
            return
        _failed_at = None
    logger.warning("Shared cache available again")
    for hook in _recovery_hooks:
        try:
            hook()
        except Exception:
            # Failing again: the next call finds out and pauses.
            return


def get(key: str) -> Any:
    return _call(lambda: cache.get(key), None)


def set(key: str, value: Any, timeout: float) -> bool:
    """Store `value`; False when the cache could not take it."""

    def store() -> bool:
        cache.set(key, value, timeout)
        return True

    return _call(store, False)


def has(key: str) -> bool:
    """Whether `key` holds a value, without reading it; False when the cache
    cannot be reached."""
    return _call(lambda: bool(cache.has_key(key)), False)


def add(key: str, value: Any, timeout: float) -> bool:
    """Store `value` only if `key` holds nothing: True for the one caller
    that did (a lock between processes). False when another holds it, or
    when the cache cannot be reached."""
    return _call(lambda: bool(cache.add(key, value, timeout)), False)


def delete(key: str) -> bool:
    def remove() -> bool:
        cache.delete(key)
        return True

    return _call(remove, False)


def probe() -> bool:
    """A real round trip, even while paused (for /healthz); records the
    outcome like any other call."""
    global _failed_at
    try:
        cache.set("healthz", "ok", timeout=10)
        answered = bool(cache.get("healthz") == "ok")
    except Exception:
        answered = False
    if answered:
        _recovered()
    else:
        with _lock:
            _failed_at = time.monotonic()
    return answered


def reset() -> None:
    """Forget any outage (tests that swap caches need it)."""
    global _failed_at
    _failed_at = None
