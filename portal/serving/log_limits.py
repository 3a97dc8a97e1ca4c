"""Repeated errors logged once a window, with a count of the rest.

When the database goes away every request fails the same way: a 25-second
outage wrote 4,917 identical tracebacks, burying whatever else happened and
filling disks. This filter, on the handler, lets the first record of a kind
(logger, exception type and message template) through in each window and
drops the others, saying on the next one let through how many it dropped.
Records without an exception, and warnings below ERROR, always pass.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

WINDOW_SECONDS = 10.0


class RepeatedErrorFilter(logging.Filter):
    def __init__(
        self, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        # kind -> (when the window opened, records dropped in it)
        self._seen: dict[tuple[str, str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR or not record.exc_info or record.exc_info[0] is None:
            return True
        kind = (record.name, record.exc_info[0].__qualname__, str(record.msg))
        now = self.clock()
        with self._lock:
            opened, dropped = self._seen.get(kind, (None, 0))
            if opened is not None and now - opened < self.window:
                self._seen[kind] = (opened, dropped + 1)
                return False
            self._seen[kind] = (now, 0)
            if len(self._seen) > 1000:  # forget kinds whose window has closed
                self._seen = {k: v for k, v in self._seen.items() if now - v[0] < self.window}
                self._seen[kind] = (now, 0)
        if dropped:
            record.msg = f"{record.msg} ({dropped} more like this in the last {self.window:g} s)"
        return True
