from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_every_endpoint_group(live_server: object, page: object) -> None:
    page.goto(f"{live_server.url}/api/docs")  # type: ignore[attr-defined]
    page.get_by_text("Mensch API").first.wait_for()  # type: ignore[attr-defined]
    for group in ("profiles", "introductions", "matches", "connections"):
        page.locator(f"#operations-tag-{group}").wait_for()  # type: ignore[attr-defined]
    screenshot(page, "api-docs")
    assert page.problems == []  # type: ignore[attr-defined]
