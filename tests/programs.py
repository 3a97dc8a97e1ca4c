"""Programs outside Python that some tests drive (Chromium, redis-server,
pg_dump)."""

import os
import shutil

import pytest


def require_program(path_or_name, package, purpose):
    """The program's path. Missing, the test is skipped on a developer's
    machine with the package to install, and fails in CI, which installs
    every one of them (.ci/run): there a missing program is a broken setup,
    never a reason for a test not to run."""
    found = shutil.which(path_or_name)
    if found is None:
        message = f"{path_or_name} is needed {purpose}: apt-get install {package}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
