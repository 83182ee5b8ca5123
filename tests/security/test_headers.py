"""Private answers are never cached, https sites get HSTS, and an oversize form gets a
page that says so (issue 12, finding 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client

from mensch.accounts.calendar_feed import feed_renew
from mensch.accounts.models import User
from mensch.accounts.services import api_token_create
from tests.factories import PASSWORD


def never_stored(response: object) -> bool:
    directives = {d.strip() for d in str(response["Cache-Control"]).split(",")}  # type: ignore[index]
    return {"private", "no-store"} <= directives and "public" not in directives


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/dashboard/", "/contacts/", "/settings/tokens/", "/settings/export/download/"]
)
def test_a_members_pages_and_downloads_are_never_stored(
    login_as: Callable[[User], Client], owner: User, url: str
) -> None:
    response = login_as(owner).get(url)
    assert response.status_code == 200
    assert never_stored(response)


@pytest.mark.integration
@pytest.mark.django_db
def test_api_answers_are_never_stored(owner: User) -> None:
    _, secret = api_token_create(user=owner, name="laptop")
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert never_stored(response)
    assert never_stored(Client().get("/api/v1/me"))  # the 401 too


@pytest.mark.integration
@pytest.mark.django_db
def test_the_calendar_feed_is_never_stored(owner: User) -> None:
    feed = feed_renew(member=owner)
    response = Client().get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert never_stored(response)


@pytest.mark.integration
@pytest.mark.django_db
def test_public_pages_for_visitors_stay_cacheable() -> None:
    assert "no-store" not in str(Client().get("/").get("Cache-Control", ""))


def settings_value(name: str, tmp_path: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HSTS_SECONDS"}}
    code = f"import mensch.settings as s; print(s.{name})"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**clean, "SECRET_KEY": "x", "MENSCH_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.unit
def test_hsts_is_on_for_an_https_site_and_off_for_http(tmp_path: Path) -> None:
    https = settings_value("SECURE_HSTS_SECONDS", tmp_path, SITE_URL="https://mensch.example.org")
    http = settings_value("SECURE_HSTS_SECONDS", tmp_path, SITE_URL="http://127.0.0.1:8000")
    assert int(https) >= 31_536_000
    assert http == "0"


@pytest.mark.integration
@pytest.mark.django_db
def test_an_https_site_sends_hsts(settings: object) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000  # type: ignore[attr-defined]
    response = Client().get("/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.integration
@pytest.mark.django_db
def test_an_oversize_form_answers_413_with_a_message(settings: object) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000  # type: ignore[attr-defined]
    form = {"first_name": "x" * 20_000, "email": "big@example.org", "password": PASSWORD}
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/signup/", urlencode(form), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    response = client.post("/signup/", form)  # multipart, as a form with a file field sends
    assert response.status_code == 413
    assert "too much to send at once" in response.content.decode()
    assert not User.objects.filter(email="big@example.org").exists()


@pytest.mark.integration
@pytest.mark.django_db
def test_a_member_sees_the_413_page_too(
    settings: object, login_as: Callable[[User], Client], owner: User
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000  # type: ignore[attr-defined]
    response = login_as(owner).post("/profile/", {"headline": "y" * 20_000})
    assert response.status_code == 413
    assert "nothing was saved" in response.content.decode()
    owner.profile.refresh_from_db()
    assert owner.profile.headline == "Brand identity designer for small studios"
