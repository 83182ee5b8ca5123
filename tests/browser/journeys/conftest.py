"""Shared machinery for the journey suite: a *person* is a browser page that checks itself.

Every ``person.step(name)`` takes a screenshot under ``artifacts/journeys/<journey>-<viewport>/``
and records what a member would notice went wrong on the page as it stands:

* any console error (Content-Security-Policy violations included);
* any 4xx or 5xx response, noted with its address; only a step that provokes one on purpose
  (``person.expecting(404)``, ``person.submitting_invalid_form()`` for a 422) is excused;
* any uncaught page error;
* on the phone, a page wider than the screen (measured against the 390 px screen, since a
  mobile browser widens ``window.innerWidth`` to fit content that overflows);
* any sentence in ``main`` that :func:`tests.sentences.problems_in` flags (a doubled phrase,
  "a" before a vowel sound, "?.", an empty slot), checked block by block (each line and
  table cell of ``inner_text``) so that a heading and the paragraph under it are not read
  as one sentence.

Problems are collected across the whole journey so that one broken page does not hide the
next; ``journey.finish()`` (the last line of every journey) fails the test with the full list,
each line naming the person and the step after which it was seen. When a journey breaks off
early (a control never appeared), the problems noticed so far are added to its report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, unfold_links
from tests.factories import PASSWORD

VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 1,
    },
}

# How a person types: a key every few tens of milliseconds, then a pause long enough for
# a debounced htmx request (the coach waits 400 ms after the last key) to fire and land.
TYPING_DELAY_MS = 15
SLOW_TYPING_DELAY_MS = 50
DEBOUNCE_PAUSE_MS = 700

_WIDTHS = "[document.documentElement.scrollWidth, window.innerWidth]"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


@dataclass
class Person:
    """One member (or organizer) in their own browser context."""

    journey: Journey
    who: str
    page: Any
    problems: list[str] = field(default_factory=list)
    step_name: str = "start"
    allowed_statuses: frozenset[int] = frozenset()

    # --- what a person does -------------------------------------------------------------
    def start(self, path: str) -> None:
        """Open the first page of a journey (the only ``goto`` a journey makes)."""
        self.page.goto(f"{self.journey.base}{path}")

    def type(self, target: Any, text: str, *, delay: int = TYPING_DELAY_MS) -> None:
        target.click()
        target.fill("")
        target.press_sequentially(text, delay=delay)

    def type_slowly(self, target: Any, text: str) -> None:
        """Type as someone composing a message, then pause so debounced requests fire."""
        self.type(target, text, delay=SLOW_TYPING_DELAY_MS)
        self.page.wait_for_timeout(DEBOUNCE_PAUSE_MS)

    def log_in(self, email: str, password: str = PASSWORD) -> None:
        self.start("/login/")
        self.type(self.page.get_by_label("Email address"), email)
        self.type(self.page.get_by_label("Password"), password)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url(re.compile(r".*/dashboard/$"))
        self.step("logged-in")

    def nav(self, name: str) -> None:
        """Follow a link in the main navigation (opening the personal menu when needed)."""
        nav = self.page.get_by_role("navigation", name="Main")
        link = nav.get_by_role("link", name=name, exact=True)
        if not link.is_visible():
            unfold_links(self.page)
        if not link.is_visible():
            nav.locator("details.menu summary").click()
        link.click()
        self.page.wait_for_load_state()

    @contextmanager
    def expecting(self, *statuses: int) -> Iterator[None]:
        """A step that deliberately provokes these answers (nothing else, nowhere else)."""
        self.allowed_statuses = frozenset(statuses)
        try:
            yield
        finally:
            self.page.wait_for_load_state()
            self.allowed_statuses = frozenset()

    def submitting_invalid_form(self) -> Any:
        """A form sent invalid on purpose may be answered 422; nothing else may."""
        return self.expecting(422)

    def expect_scales_with_meaning(self) -> None:
        """No bare score a member cannot read ("Fit 8.33", "55/100, rank 2 of 302")."""
        text = self.page.locator("main").inner_text()
        bare = re.findall(r"\bFit:? \d+(?:\.\d+)?\b|\b\d+/100, rank \d+ of \d+", text)
        self.expect(not bare, f"scores with no meaning on {self.page.url}: {bare}")

    # --- what a person notices ----------------------------------------------------------
    def note(self, problem: str) -> None:
        self.problems.append(f"[{self.who} · after {self.step_name}] {problem}")

    def expect_visible(self, target: Any, problem: str, timeout: int = 3_000) -> bool:
        """Wait a little for ``target``; note ``problem`` if it never shows."""
        try:
            target.first.wait_for(timeout=timeout)
        except Exception:  # Playwright's TimeoutError
            self.note(problem)
            return False
        return True

    def expect(self, ok: object, problem: str) -> None:
        """A check the journey can walk on from: noted, reported at the end."""
        if not ok:
            self.note(problem)

    def step(self, name: str) -> Path:
        """Screenshot the page and check it as a member would see it."""
        self.journey.counter += 1
        self.step_name = f"{self.journey.counter:02d}-{_slug(name)}"
        page = self.page
        page.wait_for_load_state()
        folder = ARTIFACTS / "journeys" / f"{self.journey.name}-{self.journey.viewport}"
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"{self.step_name}.png"
        page.screenshot(path=str(shot), full_page=True)
        if self.journey.viewport == "phone":
            # A mobile browser widens its layout viewport (window.innerWidth) to fit content
            # that overflows, so the screen's own width is the measure, not innerWidth.
            screen = page.viewport_size["width"]
            scroll_width, inner_width = page.evaluate(_WIDTHS)
            if max(scroll_width, inner_width) > screen + 1:
                self.note(
                    f"page {page.url} is wider than the phone: scrollWidth {scroll_width}px, "
                    f"innerWidth {inner_width}px > {screen}px"
                )
        main = page.locator("main")
        if main.count():
            text = main.first.inner_text()
            try:
                from tests.sentences import problems_in
            except ImportError as exc:  # H1 owns tests/sentences.py
                self.note(f"cannot check sentences: {exc}")
            else:
                # inner_text puts each block (heading, paragraph, list item) on its own line
                # and separates table cells with tabs: a sentence never runs across them.
                for line in re.split(r"[\n\t]", text):
                    for problem in problems_in(line):
                        self.note(f"sentence on {page.url}: {problem}")
        return shot

    # --- wiring -----------------------------------------------------------------------
    def _on_console(self, message: Any) -> None:
        if message.type != "error":
            return
        text = message.text
        if re.match(r"Failed to load resource: the server responded with a status of 4", text):
            return  # noted with its address by _on_response
        self.note(f"console error: {text}")

    def _on_response(self, response: Any) -> None:
        status = response.status
        if status < 400 or (status in self.allowed_statuses and status < 500):
            return
        self.note(f"HTTP {status} {response.request.method} {response.url}")


@dataclass
class Journey:
    name: str
    viewport: str
    base: str
    browser: Any
    people: list[Person] = field(default_factory=list)
    contexts: list[Any] = field(default_factory=list)
    counter: int = 0

    def person(self, who: str) -> Person:
        """A new person with their own browser context (cookies, session) at this viewport."""
        context = self.browser.new_context(accept_downloads=True, **VIEWPORTS[self.viewport])
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        person = Person(journey=self, who=who, page=page)
        page.on("console", person._on_console)
        page.on("pageerror", lambda error: person.note(f"page error: {error}"))
        page.on("response", person._on_response)
        self.people.append(person)
        return person

    def problems(self) -> list[str]:
        return [problem for person in self.people for problem in person.problems]

    def finish(self) -> None:
        problems = self.problems()
        assert not problems, (
            f"journey {self.name} at {self.viewport}: {len(problems)} problem(s):\n"
            + "\n".join(problems)
        )


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def journey(
    request: pytest.FixtureRequest, live_server: Any, browser: Any, viewport: str
) -> Iterator[Journey]:
    name = _slug(request.node.originalname.removeprefix("test_"))
    current = Journey(name=name, viewport=viewport, base=live_server.url, browser=browser)
    yield current
    problems = current.problems()
    for context in current.contexts:
        context.close()
    if problems:
        # The journey broke off (a step timed out) after noticing these: keep them in the report.
        request.node.add_report_section("teardown", "journey problems", "\n".join(problems))


# --- the community the journeys walk through ------------------------------------------------


@dataclass
class Community:
    dana: Any  # brand designer who needs her books kept
    rui: Any  # bookkeeper who needs a brand refresh: Dana's best match
    ben: Any  # another bookkeeper for creative studios
    olga: Any  # organizer
    demo_emails: tuple[str, ...] = ()  # the rest of the community


DEMO_MEMBERS = 12


@pytest.fixture
def community(db: None) -> Community:
    """A small realistic community: a dozen demo members plus four people the journeys follow."""
    from mensch.demo.load import demo_load
    from mensch.matching.services import matches_recompute
    from tests.factories import make_member

    summary = demo_load(members=DEMO_MEMBERS, password=PASSWORD)
    dana = make_member(
        "Dana",
        last_name="Okafor",
        email="dana@example.org",
        headline="Brand identity designer for small studios",
        industry="Graphic & brand design",
        location="Lisbon, Portugal",
        goals="Find a bookkeeper I trust and two studios to partner with.",
        contact_email="dana.private@example.org",
        asks=[("supplier", "someone to keep my studio's books")],
        offers=[("other", "brand identity design for young companies")],
    )
    rui = make_member(
        "Rui",
        last_name="Almeida",
        email="rui@example.org",
        headline="Bookkeeper for creative studios",
        industry="Accounting",
        location="Lisbon, Portugal",
        contact_email="rui.private@example.org",
        asks=[("supplier", "a designer to refresh our brand identity")],
        offers=[("supplier", "bookkeeping and tax returns for small studios")],
    )
    ben = make_member(
        "Ben",
        last_name="Adeyemi",
        email="ben@example.org",
        headline="Accountant for freelancers and small agencies",
        industry="Accounting",
        location="Porto, Portugal",
        asks=[("client", "design studios that need their VAT done")],
        offers=[("supplier", "VAT returns and bookkeeping for small agencies")],
    )
    olga = make_member(
        "Olga",
        last_name="Organizer",
        email="olga@example.org",
        headline="Runs the Lisbon Studio Owners breakfast",
        industry="Events",
        offers=[("introduction", "introductions to studio owners in Lisbon")],
    )
    olga.is_organizer = True
    olga.save(update_fields=["is_organizer"])
    matches_recompute()
    return Community(dana=dana, rui=rui, ben=ben, olga=olga, demo_emails=summary.member_emails)
