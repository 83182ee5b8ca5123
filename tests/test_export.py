"""All my data: ``mensch export``, the page's download and ``GET /api/v1/export``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from mensch import cli
from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from mensch.commands import export as export_command
from mensch.connections.services import connection_create, message_send
from mensch.contacts.services import contact_create, note_add
from mensch.demo.load import demo_load, demo_load_capabilities
from mensch.followups.services import followup_create
from mensch.matching.services import matches_recompute
from mensch.notifications.services import notify
from mensch.web.export import SECTIONS, member_export
from tests.factories import make_member, make_superuser

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

KEYS = (
    "profile",
    "contacts",
    "followups",
    "introductions",
    "connections",
    "messages",
    "events",
    "meetings",
    "ledger",
    "referral_exchanges",
    "goals",
    "endorsements",
    "notifications",
    "chat",
    "api_tokens",
)


@pytest.fixture(autouse=True)
def _django_is_set_up(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test run has set Django up already; the command's own setup would create the
    # data folder of the settings in use.
    monkeypatch.setattr(export_command, "setup_django", lambda: None)


def _assert_complete(document: dict[str, object], email: str) -> None:
    assert document["format"] == "mensch-export"
    assert document["version"] == 1
    assert isinstance(document["exported_at"], str)
    for key in KEYS:
        assert key in document, key
    profile = document["profile"]
    assert isinstance(profile, dict)
    assert profile["email"] == email


def _tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def _command(*args: str) -> int:
    return cli.main(["export", *args])


def test_sections_are_the_issues_keys() -> None:
    assert SECTIONS == KEYS


def test_demo_member_exports_every_key_by_command_page_and_api(
    tmp_path: Path, login_as: Callable[[User], Client], capsys: pytest.CaptureFixture[str]
) -> None:
    summary = demo_load(members=60, password="demo-password-1")
    matches_recompute()
    demo_load_capabilities(summary)
    member = User.objects.get(email=summary.member_email)
    output = tmp_path / "export.json"

    assert _command("--user", member.email.upper(), "--output", str(output)) == 0

    from_command = json.loads(output.read_text(encoding="utf-8"))
    _assert_complete(from_command, member.email)
    # The demo gives its first member introductions and connections.
    assert from_command["introductions"]
    assert from_command["connections"]
    err = capsys.readouterr().err
    assert "profiles" in err
    assert f"to {output}" in err
    client = login_as(member)
    _assert_complete(client.get("/settings/export/download/").json(), member.email)
    _assert_complete(client.get("/api/v1/export").json(), member.email)


def test_createsuperuser_account_exports_every_key_empty(
    tmp_path: Path, login_as: Callable[[User], Client]
) -> None:
    admin = make_superuser()
    output = tmp_path / "root.json"

    assert _command("--user", "root@example.org", "--output", str(output)) == 0

    document = json.loads(output.read_text(encoding="utf-8"))
    _assert_complete(document, "root@example.org")
    for key in KEYS:
        if key != "profile":
            assert document[key] == [], key
    client = login_as(admin)
    _assert_complete(client.get("/settings/export/download/").json(), "root@example.org")
    _assert_complete(client.get("/api/v1/export").json(), "root@example.org")


def test_export_holds_the_members_own_data_and_never_a_strangers(
    owner: User, stranger: User
) -> None:
    ben, olga = make_member("Ben"), make_member("Olga")
    rui = contact_create(owner=owner, name="Rui Almeida", company="Almeida Books")
    note_add(contact=rui, body="Owner's note: Rui prefers calls before ten.")
    followup_create(owner=owner, title="Owner's follow-up: send Rui the deck", due_on=_tomorrow())
    connection_create(member=owner, other=ben, source="introduction")
    message_send(sender=owner, recipient=ben, body="Owner's message: coffee on Friday?")
    api_token_create(user=owner, name="owner's laptop")
    # What the stranger keeps, which nothing in the owner's export may show.
    secret = contact_create(
        owner=stranger, name="Zelda Secretcontact", email="zelda@secret.example"
    )
    note_add(contact=secret, body="Stranger's note: Zelda is about to change jobs.")
    followup_create(owner=stranger, title="Stranger's follow-up: call Zelda", due_on=_tomorrow())
    connection_create(member=stranger, other=olga, source="event")
    message_send(sender=stranger, recipient=olga, body="Stranger's message to Olga, private.")
    _, stranger_secret = api_token_create(user=stranger, name="stranger's robot")
    notify(recipient=stranger, kind="news", title="Stranger's notification", email=False)

    dumped = json.dumps(member_export(owner))

    for own in (
        "Rui Almeida",
        "Owner's note: Rui prefers calls",
        "Owner's follow-up: send Rui the deck",
        "Owner's message: coffee on Friday?",
        "owner's laptop",
        "dana.private@example.org",
    ):
        assert own in dumped, own
    for private in (
        "Zelda",
        "zelda@secret.example",
        "Stranger's note",
        "Stranger's follow-up",
        "Stranger's message",
        "stranger's robot",
        stranger_secret[:12],
        "Stranger's notification",
        "sam.private@example.org",
        "+44 20 7946 0000",
    ):
        assert private not in dumped, private


def test_command_writes_to_stdout_and_reports_progress_on_stderr(
    owner: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _command("--user", "dana@example.org", "--output", "-") == 0
    captured = capsys.readouterr()
    _assert_complete(json.loads(captured.out), "dana@example.org")
    assert "Collecting the data of dana@example.org" in captured.err
    assert "notifications" in captured.err


def test_command_refuses_an_unknown_email_with_status_2(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "nobody.json"
    assert _command("--user", "nobody@example.org", "--output", str(output)) == 2
    captured = capsys.readouterr()
    assert "no member with the email address 'nobody@example.org'" in captured.err
    assert captured.out == ""
    assert not output.exists()


def test_command_refuses_a_missing_folder_with_status_2(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "no-such-folder" / "export.json"
    assert _command("--user", "dana@example.org", "--output", str(output)) == 2
    assert "does not exist" in capsys.readouterr().err


def test_command_without_a_user_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _command("--output", "-")
    assert exit_info.value.code == 2
    assert "--user" in capsys.readouterr().err


def test_page_offers_the_download_as_a_dated_json_file(
    login_as: Callable[[User], Client], owner: User
) -> None:
    client = login_as(owner)
    page = client.get("/settings/export/")
    assert page.status_code == 200
    assert 'href="/settings/export/download/"' in page.content.decode()

    response = client.get("/settings/export/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    filename = f"mensch-{timezone.localdate().isoformat()}.json"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert "no-store" in response["Cache-Control"]
    _assert_complete(json.loads(response.content), "dana@example.org")


def test_export_is_linked_from_the_dashboard_and_the_menu(
    login_as: Callable[[User], Client], owner: User
) -> None:
    html = login_as(owner).get("/dashboard/").content.decode()
    assert html.count('href="/settings/export/"') == 2


def test_api_export_with_a_token(client: Client, owner: User) -> None:
    _, secret = api_token_create(user=owner, name="backup script")
    response = client.get("/api/v1/export", headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    document = response.json()
    _assert_complete(document, "dana@example.org")
    assert secret not in response.content.decode()


@pytest.mark.parametrize("url", ["/settings/export/", "/settings/export/download/"])
def test_anonymous_visitors_are_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_anonymous_api_export_is_401(client: Client) -> None:
    response = client.get("/api/v1/export")
    assert response.status_code == 401
    assert response.json()["status"] == 401
