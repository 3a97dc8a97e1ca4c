"""The edge cache (Varnish, portal/serving/varnish/portal.vcl) in front of
the instances: what it may keep, under which keys, and telling it to drop
pages the moment content changes.

A page the whole-page cache shares with everyone (portal.caching.page_cache)
may be kept by the edge too. It says so with `Cache-Control` (`s-maxage`
for the edge, `stale-while-revalidate`, and `stale-if-error` so the edge
keeps serving it, emergency numbers and all, while the origin or its
database is down) and names what it shows in `Surrogate-Key`:

- `site` on every page;
- `item-<app.model>-<pk>` for each content item it rendered: a condition
  page names its condition and every remedy, article and question it
  shows; a page showing more of one kind than MAX_ITEM_KEYS names that
  kind's list key instead;
- `list-<app.model>` on pages that list a kind, and `list-all` on pages
  that list every kind (LISTS, by URL name): a newly published item
  belongs there before any page has rendered it.

When content changes, the keys it affects are banned at every address in
EDGE_CACHE_URLS once the transaction commits: an item's own key, its kind's
list key and `list-all`; a row that belongs to items (a condition's symptom
link, a tag on a remedy) counts as a change of each item it points at; any
other change to what pages show (a tag's name) bans `site`. A
ban that fails is logged; the page then lives at most EDGE_MAX_AGE.
"""

from __future__ import annotations

import http.client
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from portal.caching import content_version
from portal.editorial import registry

logger = logging.getLogger(__name__)

SITE = "site"
ALL_LISTS = "list-all"
# More items of one kind than this and the page names the kind instead: a
# sitemap of 10,000 conditions must not send a 300 KB header.
MAX_ITEM_KEYS = 60
PURGE_TIMEOUT_SECONDS = 0.5
# The header Varnish bans by, and the one a ban request carries its pattern in.
KEY_HEADER = "Surrogate-Key"
KEY_CHARACTERS = re.compile(r"[a-z0-9._-]+")
BAN_HEADER = "X-Ban-Keys"

# Pages that list content, by URL name: which kinds they list.
LISTS: dict[str, str | frozenset[str]] = {
    "portal:home": ALL_LISTS,
    "portal:author_detail": ALL_LISTS,
    "portal:tag_detail": ALL_LISTS,
    "portal:search": ALL_LISTS,
    "portal:feed_rss": ALL_LISTS,
    "portal:feed_atom": ALL_LISTS,
    "sitemap": ALL_LISTS,
    "sitemap_section": ALL_LISTS,
    "conditions:list": frozenset({"conditions.condition"}),
    "remedies:list": frozenset({"remedies.remedy"}),
}

_rendered: ContextVar[set[str] | None] = ContextVar("edge_rendered", default=None)


def item_key(model: type[models.Model], pk: Any) -> str:
    return f"item-{model._meta.label_lower}-{pk}"


def list_key(label: str) -> str:
    return f"list-{label}"


def enabled() -> bool:
    return bool(settings.EDGE_CACHE_URLS)


# --- Keys of a page ------------------------------------------------------------


@contextmanager
def collecting() -> Iterator[set[str]]:
    """The item keys of every content item loaded while the block runs
    (rendering one page)."""
    keys: set[str] = set()
    token = _rendered.set(keys)
    try:
        yield keys
    finally:
        _rendered.reset(token)


def _loaded(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    keys = _rendered.get()
    if keys is not None and instance.pk is not None:
        keys.add(item_key(sender, instance.pk))


def page_keys(request: HttpRequest, rendered: Iterable[str]) -> list[str]:
    """The page's surrogate keys, from the items it rendered and its URL."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for key in rendered:
        by_kind[key.rsplit("-", 1)[0].removeprefix("item-")].add(key)
    keys = {SITE}
    for label, items in by_kind.items():
        if len(items) > MAX_ITEM_KEYS:
            keys.add(list_key(label))
        else:
            keys |= items
    try:
        listed = LISTS.get(resolve(request.path_info).view_name)
    except Resolver404:
        listed = None
    if listed == ALL_LISTS:
        keys.add(ALL_LISTS)
    elif listed:
        keys |= {list_key(label) for label in listed}
    return sorted(keys)


def mark_for_edge(
    request: HttpRequest, response: HttpResponseBase, rendered: Iterable[str]
) -> None:
    """Let the edge keep this page for everyone, under its keys."""
    if not enabled():
        return
    patch_cache_control(
        response,
        public=True,
        s_maxage=settings.EDGE_MAX_AGE,
        stale_while_revalidate=30,
        stale_if_error=settings.EDGE_STALE_IF_ERROR,
    )
    response[KEY_HEADER] = " ".join(page_keys(request, rendered))


# --- Keys a change affects -------------------------------------------------------


def _kind_labels() -> set[str]:
    return {kind.model._meta.label_lower for kind in registry.kinds()}


def changed_keys(model: type[models.Model], instance: models.Model) -> set[str]:
    """What a saved or deleted row makes stale at the edge."""
    kinds = _kind_labels()
    label = model._meta.label_lower
    if label in kinds:
        return {item_key(model, instance.pk), list_key(label), ALL_LISTS}
    keys: set[str] = set()
    for field in model._meta.concrete_fields:
        target = field.related_model if field.many_to_one else None
        if isinstance(target, type) and target._meta.label_lower in kinds:
            pk = getattr(instance, field.attname)
            if pk is not None:
                keys |= {item_key(target, pk), list_key(target._meta.label_lower), ALL_LISTS}
    return keys or {SITE}


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw") or not _watched(sender):
        return
    keys = changed_keys(sender, instance)
    # A new row no item points at yet (a tag just typed) shows on no page
    # until an item takes it, which is that item's change.
    if kwargs.get("created") and keys == {SITE}:
        return
    _ban_on_commit(keys)


def _relation_changed(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    model: type[models.Model],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    if not action.startswith("post_") or not _watched(type(instance)):
        return
    keys = changed_keys(type(instance), instance)
    if model._meta.label_lower in _kind_labels():
        keys |= {item_key(model, pk) for pk in pk_set or ()}
    _ban_on_commit(keys)


def _watched(model: type[models.Model]) -> bool:
    return (
        enabled()
        and model._meta.app_label in content_version.content_apps()
        and model._meta.label not in content_version.NOT_SHOWN
    )


class _BanOnCommit:
    """One ban per transaction, sent once it commits, of every key its
    changes made stale."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.sent = False

    def __call__(self) -> None:
        self.sent = True
        ban(self.keys)


def _ban_on_commit(keys: set[str]) -> None:
    connection = transaction.get_connection()
    # Look for this transaction's ban among its after-commit callbacks: one
    # left over from a rolled-back transaction is gone from the list with it.
    # (Test helpers run callbacks without removing them: skip those sent.)
    waiting = next(
        (
            callback
            for _, callback, _ in connection.run_on_commit
            if isinstance(callback, _BanOnCommit) and not callback.sent
        ),
        None,
    )
    if waiting is None or not connection.in_atomic_block:
        waiting = _BanOnCommit()
        waiting.keys |= keys
        # robust: the change has committed; a ban that fails must not undo it.
        transaction.on_commit(waiting, robust=True)
        return
    waiting.keys |= keys


def ban_pattern(keys: Iterable[str]) -> str:
    """A regular expression matching a Surrogate-Key header naming any of
    `keys`. It holds no space and no backslash: Varnish splits a ban
    expression at spaces, quotes or not. Keys hold only letters, digits,
    dots, hyphens and underscores; a dot is written `[.]`."""
    for key in keys:
        if not KEY_CHARACTERS.fullmatch(key):
            raise ValueError(f"Not a surrogate key: {key!r}")
    names = "|".join(sorted(key.replace(".", "[.]") for key in keys))
    return f"(^|[[:space:]])({names})([[:space:]]|$)"


def ban(keys: Iterable[str]) -> bool:
    """Ask every edge to drop the pages naming any of `keys`. True when all did."""
    keys = set(keys)
    if not keys or not enabled():
        return True
    done = True
    for url in settings.EDGE_CACHE_URLS:
        address = urlsplit(url)
        connection = http.client.HTTPConnection(
            address.hostname or "127.0.0.1", address.port or 80, timeout=PURGE_TIMEOUT_SECONDS
        )
        try:
            connection.request("BAN", "/", headers={BAN_HEADER: ban_pattern(keys)})
            status = connection.getresponse().status
        except OSError:
            logger.exception("The edge cache at %s could not be told to drop pages", url)
            done = False
            continue
        finally:
            connection.close()
        if status != 200:
            logger.error("The edge cache at %s refused a ban (%s)", url, status)
            done = False
    return done


def connect_signals() -> None:
    for kind in registry.kinds():
        post_init.connect(_loaded, sender=kind.model, dispatch_uid=f"edge-{kind.model._meta.label}")
    for model in apps.get_models():
        if model._meta.app_label in content_version.content_apps():
            uid = f"edge-{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="edge-m2m")
