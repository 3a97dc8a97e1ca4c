"""A database outage logs one traceback of each kind per window, not one
per request, and says how many it left out."""

import logging
import sys

from portal.serving.log_limits import RepeatedErrorFilter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def failure(message="Internal Server Error: %s", error=ConnectionError, name="django.request"):
    try:
        raise error("the database is gone")
    except error:
        exc_info = sys.exc_info()
    return logging.LogRecord(name, logging.ERROR, __file__, 1, message, ("/",), exc_info)


def test_an_outage_logs_one_traceback_per_window_with_the_count_of_the_rest():
    clock = Clock()
    limit = RepeatedErrorFilter(window=10, clock=clock)
    passed = [limit.filter(failure()) for _ in range(4917)]
    assert passed.count(True) == 1
    clock.now += 10
    record = failure()
    assert limit.filter(record)
    assert record.getMessage() == "Internal Server Error: / (4916 more like this in the last 10 s)"


def test_other_kinds_of_error_and_ordinary_lines_still_pass():
    limit = RepeatedErrorFilter(window=10, clock=Clock())
    assert limit.filter(failure())
    assert limit.filter(failure(error=ValueError))
    assert limit.filter(failure(name="portal.editorial.staff_mail"))
    plain = logging.LogRecord("portal", logging.ERROR, __file__, 1, "no traceback", (), None)
    assert limit.filter(plain) and limit.filter(plain)
    assert not limit.filter(failure())


def test_the_console_log_the_settings_configure_has_the_filter():
    filtered = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RepeatedErrorFilter) for f in handler.filters)
    ]
    assert [type(handler) for handler in filtered] == [logging.StreamHandler]
