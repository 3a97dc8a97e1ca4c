"""The file cache of a site without Redis, keeping the pages people read.

Django's file cache, once full, deletes a third of its entries at random:
a page read a hundred times a minute goes as readily as one a crawler
fetched once, and a crawl of the whole site empties the cache of the
pages visitors want. Here reading an entry marks its file as used (its
modification time) and a full cache deletes the least recently used third,
as Redis does with `allkeys-lru`.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import TYPE_CHECKING, Any

from django.core.cache.backends.filebased import FileBasedCache

_MISSING = object()


class RecentlyUsedFileCache(FileBasedCache):
    if TYPE_CHECKING:  # Django's own helpers, which django-stubs leaves out
        _max_entries: int
        _cull_frequency: int

        def _key_to_file(self, key: str, version: int | None = None) -> str: ...
        def _list_cache_files(self) -> list[str]: ...
        def _delete(self, fname: str) -> bool: ...

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            return default
        # To the nanosecond: the kernel's own clock for file times moves in
        # steps of milliseconds, and many reads share each step.
        now = time.time_ns()
        # A file deleted meanwhile has nothing left to keep.
        with contextlib.suppress(OSError):
            os.utime(self._key_to_file(key, version), ns=(now, now))
        return value

    def _cull(self) -> None:
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        for name in sorted(files, key=_last_used)[: len(files) // self._cull_frequency]:
            self._delete(name)


def _last_used(name: str) -> int:
    try:
        return os.stat(name).st_mtime_ns
    except OSError:
        return 0  # gone already
