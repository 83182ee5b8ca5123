"""The code inside a member's QR: signed, expiring, revocable; a bad one says why."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.core import signing
from django.test import Client

from mensch.accounts.models import User
from mensch.scan import codes
from mensch.scan.models import ScanCode
from tests.sentences import page_text, problems_in

Login = Callable[[User], Client]

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _token(member: User) -> str:
    return codes.token_for(codes.scan_code_of(member))


def test_token_names_its_member(owner: User) -> None:
    assert codes.member_for_token(_token(owner)) == owner


def test_token_with_a_changed_character_is_invalid(owner: User) -> None:
    token = _token(owner)
    tampered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    with pytest.raises(codes.CodeError) as caught:
        codes.member_for_token(tampered)
    assert caught.value.problem == "invalid"


def test_token_signed_for_another_member_id_is_invalid(owner: User, stranger: User) -> None:
    # The payload is signed: naming someone else needs the secret key.
    forged = signing.dumps({"m": stranger.pk, "n": codes.scan_code_of(stranger).nonce}, salt="x")
    with pytest.raises(codes.CodeError) as caught:
        codes.member_for_token(forged)
    assert caught.value.problem == "invalid"


def test_token_expires_after_the_setting(
    owner: User, settings: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = _token(owner)
    settings.SCAN_CODE_DAYS = 3  # type: ignore[attr-defined]
    real_time = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real_time() + 2 * codes.DAY)
    assert codes.member_for_token(token) == owner
    monkeypatch.setattr("django.core.signing.time.time", lambda: real_time() + 4 * codes.DAY)
    with pytest.raises(codes.CodeError) as caught:
        codes.member_for_token(token)
    assert caught.value.problem == "expired"


def test_revoking_stops_old_codes_and_the_new_one_works(owner: User) -> None:
    old = _token(owner)
    code = codes.scan_code_revoke(member=owner)
    assert code.version == 2
    with pytest.raises(codes.CodeError) as caught:
        codes.member_for_token(old)
    assert caught.value.problem == "revoked"
    assert codes.member_for_token(codes.token_for(code)) == owner


def test_code_of_a_deactivated_member_is_invalid(owner: User) -> None:
    token = _token(owner)
    User.objects.filter(pk=owner.pk).update(is_active=False)
    with pytest.raises(codes.CodeError):
        codes.member_for_token(token)


def test_code_page_shows_an_inline_svg_code_that_scales(owner: User, login_as: Login) -> None:
    response = login_as(owner).get("/scan/")
    html = response.content.decode()
    assert '<svg viewBox="0 0 ' in html
    assert 'class="scan-qr"' in html
    assert "Scan to connect with Dana Okafor" in html
    # The drawing encodes the link the page names, and that link leads to the owner.
    url = html.split('data-scan-url="')[1].split('"')[0]
    assert codes.qr_svg(url) in html
    assert codes.member_for_token(url.rstrip("/").rsplit("/", 1)[1]) == owner
    assert problems_in(page_text(html)) == []


def test_own_profile_page_loads_the_code_panel(owner: User, login_as: Login) -> None:
    client = login_as(owner)
    profile_html = client.get(f"/members/{owner.profile.pk}/").content.decode()
    assert "/scan/panel/" in profile_html
    panel = client.get("/scan/panel/").content.decode()
    assert "<svg" in panel
    assert "Show it full screen" in panel


def test_revoke_page_action_changes_the_code(owner: User, login_as: Login) -> None:
    client = login_as(owner)
    old = _token(owner)
    response = client.post("/scan/revoke/", follow=True)
    assert "Your old code no longer works" in response.content.decode()
    assert ScanCode.objects.get(member=owner).version == 2
    answer = client.get(f"/scan/c/{old}/")
    assert answer.status_code == 410
    assert "revoked by its owner" in answer.content.decode()


def test_stranger_cannot_revoke_someone_elses_code(
    owner: User, stranger: User, login_as: Login
) -> None:
    token = _token(owner)
    login_as(stranger).post("/scan/revoke/")
    # The stranger revoked only their own; the owner's code still works.
    assert codes.member_for_token(token) == owner
    assert ScanCode.objects.get(member=owner).version == 1


def test_code_page_shows_only_my_own_code(owner: User, stranger: User, login_as: Login) -> None:
    html = login_as(stranger).get("/scan/").content.decode()
    assert "Sam Stranger" in html
    assert "Dana" not in html


def test_code_pages_need_a_log_in() -> None:
    for path in ("/scan/", "/scan/panel/"):
        response = Client().get(path)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert Client().post("/scan/revoke/").status_code == 302


def test_tampered_link_gets_a_clear_page(owner: User, stranger: User, login_as: Login) -> None:
    response = login_as(stranger).get("/scan/c/not-a-real-code/")
    assert response.status_code == 400
    assert "not a valid Mensch code" in response.content.decode()
