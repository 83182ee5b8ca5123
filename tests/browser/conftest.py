from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workers import run_tasks_now

CHROMIUM = os.environ.get("MENSCH_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(
    os.environ.get("MENSCH_ARTIFACTS", Path(__file__).resolve().parents[2] / "artifacts")
)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package.")
    # Playwright's sync API runs an event loop in this thread; the test itself
    # still talks to the database synchronously, which Django must allow here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []

    def on_console(message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        # Chromium logs every 4xx; a refused form (422) is expected behaviour, not a fault.
        expected = "status of 422" in text
        if message.type == "error" and not expected:  # type: ignore[attr-defined]
            problems.append(text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    yield page
    context.close()


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # caret="initial": hiding the caret injects an inline <style> that the CSP blocks.
    page.screenshot(path=str(path), full_page=True, caret="initial")  # type: ignore[attr-defined]
    return path


def run_worker() -> int:
    """The real task worker, in-process: every task due now; how many it ran."""
    return run_tasks_now("browser-test-worker")


def unfold_links(page: object) -> None:
    """On a phone the navigation's links fold behind "Menu": open it when it is shown."""
    toggle = page.get_by_role("button", name="Menu")  # type: ignore[attr-defined]
    if toggle.is_visible():
        toggle.click()


def open_personal_menu(page: object) -> None:
    """The personal menu (account, data, log out), at any width."""
    unfold_links(page)
    page.locator("details.menu summary").click()  # type: ignore[attr-defined]
