"""gunicorn's error log keeps no query strings (the checker's answers travel
in them) and leaves other question marks alone (issue 23, finding 8)."""

import pytest

from portal.serving.gunicorn_logging import without_queries


@pytest.mark.parametrize(
    ("message", "logged"),
    [
        (
            "Invalid request from ip=1.2.3.4: Invalid Request Line 'GET /symptom-checker/results/"
            "?s=seizure&age=16-64 HTTP/1.1'",
            "Invalid request from ip=1.2.3.4: Invalid Request Line 'GET /symptom-checker/results/"
            "?[query removed] HTTP/1.1'",
        ),
        (
            "Error handling request GET /step/x/?p=a&s=b",
            "Error handling request GET /step/x/?[query removed]",
        ),
        ("Worker timeout: is the database up?", "Worker timeout: is the database up?"),
        ("Why? Because it was slow.", "Why? Because it was slow."),
    ],
)
def test_query_strings_go_and_question_marks_stay(message, logged):
    assert without_queries(message) == logged
