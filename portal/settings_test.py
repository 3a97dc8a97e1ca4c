"""Test settings: the development defaults, made fast and self-contained."""

import os

os.environ.setdefault("DJANGO_ENV", "development")
os.environ.setdefault("DEBUG", "false")
# Playwright runs an event loop in the test process; the ORM calls made by
# the same tests are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from portal.settings import *  # noqa: F403

# A throwaway content type, registered only by the registry tests.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.registry_app"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test client signs in without a request, which django-axes
# refuses; the throttling tests turn it on.
AXES_ENABLED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that are about the page cache turn it on.
PAGE_CACHE_ENABLED = False
# The live test server serves static files through the staticfiles finders,
# which know nothing of manifest-hashed names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tasks run at once in tests (notifications are queued after commit).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# A test that publishes and then reads expects the new values at once; the
# background rebuild has tests of its own (tests/portal/test_rebuilds.py).
REBUILD_IN_BACKGROUND = False
# Content changes queue no precompute task; its tests turn it on
# (tests/portal/test_precompute.py).
PRECOMPUTE_IN_WORKER = False
