"""gunicorn's error log without query strings.

The symptom checker's answers travel in query strings. gunicorn writes the
raw request line into some error messages ("Invalid request from ip=…:
Invalid Request Line 'GET /…?s=…'", "Error handling request GET /…?…"), so
every message it logs passes through `without_queries` first. No Django
here: gunicorn loads this before the application.
"""

import re

from gunicorn.glogging import Logger

# A query string: a "?" right after an address and at least one character
# of it, up to whitespace or a quote. A question mark ending a sentence
# ("…or not?") is left alone.
QUERY = re.compile(r"(?<=[\w/.%-])\?[^\s'\"]+")


def without_queries(message: object) -> str:
    return QUERY.sub("?[query removed]", str(message))


class QuerylessLogger(Logger):
    """gunicorn's logger, with query strings removed from error messages.
    (The access log's format already leaves them out.)"""

    def _clean(self, msg, args):
        if args:
            try:
                msg = msg % args
            except (TypeError, ValueError):
                msg = f"{msg} {args}"
        return without_queries(msg)

    def critical(self, msg, *args, **kwargs):
        super().critical(self._clean(msg, args), **kwargs)

    def error(self, msg, *args, **kwargs):
        super().error(self._clean(msg, args), **kwargs)

    def warning(self, msg, *args, **kwargs):
        super().warning(self._clean(msg, args), **kwargs)

    def info(self, msg, *args, **kwargs):
        super().info(self._clean(msg, args), **kwargs)

    def debug(self, msg, *args, **kwargs):
        super().debug(self._clean(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception(self._clean(msg, args), **kwargs)

    def log(self, lvl, msg, *args, **kwargs):
        super().log(lvl, self._clean(msg, args), **kwargs)
