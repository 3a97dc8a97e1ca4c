import pytest


@pytest.fixture
def launch(launch_content):
    """The launch content, as `make run` loads it (the session's one load)."""
