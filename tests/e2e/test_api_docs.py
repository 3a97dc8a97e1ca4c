"""The API's docs page works under the site's Content-Security-Policy,
with nothing from another host."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone_page", "desktop_page"])
def test_the_api_docs_render_every_operation_under_the_csp(request, viewport, live_server):
    page = request.getfixturevalue(viewport)
    problems, hosts = [], set()
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto("/api/docs/")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 6
    assert [p for p in problems if "Content Security Policy" in p] == []
    assert hosts == {live_server.url.split("/")[2]}
    page.screenshot(path=f"test-artifacts/api-docs-{viewport}.png")
