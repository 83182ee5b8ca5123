from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mensch import settings as mensch_settings

pytestmark = pytest.mark.unit


def test_env_bool_rejects_a_typo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='ture' is not a boolean"):
        mensch_settings.env_bool("DEBUG")


def test_env_int_rejects_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENSCH_MAX_ASKS", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        mensch_settings.env_int("MENSCH_MAX_ASKS", 10)


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = mensch_settings.load_or_create_secret_key(tmp_path)
    second = mensch_settings.load_or_create_secret_key(tmp_path)
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_mailer_defaults_to_console() -> None:
    assert str(mensch_settings.mailer("")["BACKEND"]).endswith("console.EmailBackend")


def test_mailer_parses_smtp_url() -> None:
    options = mensch_settings.mailer("smtp://mailer:s%40cret@mail.example.org:2525")["OPTIONS"]
    assert options == {
        "host": "mail.example.org",
        "port": 2525,
        "username": "mailer",
        "password": "s@cret",
        "use_ssl": False,
        "use_tls": True,
    }


def test_mailer_rejects_unknown_scheme() -> None:
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        mensch_settings.mailer("mailgun://key@x")
