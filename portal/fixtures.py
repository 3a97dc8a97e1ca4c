"""Whether fixtures are being loaded (`manage.py loaddata`, which the
portal's own command wraps), for receivers that must leave restored rows
exactly as they were dumped.

Django passes `raw=True` to `pre_save`/`post_save` while loading, but
`m2m_changed` has no such flag, and `raw` is also true when django-reversion
reverts a version or a draft is written live (portal.editorial.drafts): real edits,
which receivers must still see. Only this flag means "a backup is coming
back"."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_loading: ContextVar[bool] = ContextVar("loading_fixtures", default=False)


def loading() -> bool:
    """Are fixtures being loaded in this thread (or task) right now?"""
    return _loading.get()


@contextmanager
def loading_fixtures() -> Iterator[None]:
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)
