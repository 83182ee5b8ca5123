from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mensch import settings as mensch_settings
from mensch.commands.server import create_secret_key

pytestmark = pytest.mark.unit

# Variables that would change what a fresh `python -c "import mensch.settings"` does.
CONFIG_VARIABLES = (
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "DATABASE_URL",
    "DATABASE_URL_FILE",
    "EMAIL_URL",
    "EMAIL_URL_FILE",
    "REDIS_URL",
    "REDIS_URL_FILE",
    "DEBUG",
    "MENSCH_MATCH_MODEL",
    "PORT",
    "WEB_CONCURRENCY",
)


def fresh_env(data_dir: Path, *, in_pytest: bool = True, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    if not in_pytest:
        env.pop("PYTEST_VERSION", None)
    return {**env, "MENSCH_DATA_DIR": str(data_dir), **extra}


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Our own interpreter with ``args`` (``-c CODE`` or ``-m mensch.cli ...``), no shell."""
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


MENSCH = ["-m", "mensch.cli"]
# A management command that sets Django up and runs no system checks (those import every app).
MANAGE_SHELL = [*MENSCH, "manage", "shell", "--no-imports", "-c", "import django"]


def test_env_bool_rejects_a_typo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='ture' is not a boolean"):
        mensch_settings.env_bool("DEBUG")


def test_env_int_rejects_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENSCH_MAX_ASKS", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        mensch_settings.env_int("MENSCH_MAX_ASKS", 10)


@pytest.mark.parametrize(
    ("name", "raw", "bounds", "message"),
    [
        ("MENSCH_MAX_ASKS", "0", {"minimum": 1}, "MENSCH_MAX_ASKS=0 is out of range: .* 1 or more"),
        ("PORT", "70000", {"minimum": 1, "maximum": 65535}, "PORT=70000 .* from 1 to 65535"),
        ("WEB_CONCURRENCY", "-2", {"minimum": 1}, "WEB_CONCURRENCY=-2 is out of range"),
    ],
)
def test_env_int_names_the_variable_out_of_range(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, bounds: dict[str, int], message: str
) -> None:
    monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        mensch_settings.env_int(name, 10, **bounds)


def test_env_int_accepts_the_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "65535")
    assert mensch_settings.env_int("PORT", 8000, minimum=1, maximum=65535) == 65535


def test_match_model_must_be_a_known_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENSCH_MATCH_MODEL", "bert")
    with pytest.raises(
        ImproperlyConfigured,
        match="MENSCH_MATCH_MODEL='bert' is not allowed; use one of: auto, lexical, semantic",
    ):
        mensch_settings.env_choice("MENSCH_MATCH_MODEL", "lexical", mensch_settings.MATCH_MODELS)
    monkeypatch.setenv("MENSCH_MATCH_MODEL", "Semantic")
    assert (
        mensch_settings.env_choice("MENSCH_MATCH_MODEL", "lexical", mensch_settings.MATCH_MODELS)
        == "semantic"
    )


def test_match_models_are_the_engines() -> None:
    from mensch.engine.matching.registry import MODEL_NAMES

    assert mensch_settings.MATCH_MODELS == MODEL_NAMES


def test_semantic_without_its_extra_is_reported_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MENSCH_SEMANTIC_MODEL_DIR", raising=False)
    monkeypatch.setattr(mensch_settings.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ImproperlyConfigured, match=r"needs the 'semantic' extra.*\[semantic\]"):
        mensch_settings.check_semantic_extra()


def test_semantic_model_dir_must_be_a_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MENSCH_SEMANTIC_MODEL_DIR", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="MENSCH_SEMANTIC_MODEL_DIR=.* is not a folder"):
        mensch_settings.check_semantic_extra()


def test_env_secret_reads_the_file_without_its_newline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "database_url"
    secret.write_text("postgres://mensch:p%40ss@db/mensch\n")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL_FILE", str(secret))
    assert mensch_settings.env_secret("DATABASE_URL") == "postgres://mensch:p%40ss@db/mensch"


def test_env_secret_prefers_neither_when_both_are_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "key").write_text("from-file")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "key"))
    with pytest.raises(ImproperlyConfigured, match="Both SECRET_KEY and SECRET_KEY_FILE are set"):
        mensch_settings.env_secret("SECRET_KEY")


def test_env_secret_names_a_missing_or_empty_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("REDIS_URL_FILE", str(tmp_path / "nope"))
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL_FILE=.*nope.*no such file"):
        mensch_settings.env_secret("REDIS_URL")
    (tmp_path / "empty").write_text("\n")
    monkeypatch.setenv("REDIS_URL_FILE", str(tmp_path / "empty"))
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL_FILE=.*empty.* is empty"):
        mensch_settings.env_secret("REDIS_URL")


def test_secret_key_comes_from_secret_key_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "mounted").write_text("k" * 60 + "\n")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "mounted"))
    assert mensch_settings.secret_key(tmp_path / "secret_key") == "k" * 60


def test_secret_key_missing_outside_tests_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("SECRET_KEY", "SECRET_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    assert mensch_settings.secret_key(tmp_path / "secret_key")  # a test run: throwaway key
    monkeypatch.delenv("PYTEST_VERSION")
    with pytest.raises(mensch_settings.SecretKeyMissingError, match="mensch serve") as missing:
        mensch_settings.secret_key(tmp_path / "secret_key")
    assert missing.value.key_file == tmp_path / "secret_key"
    assert list(tmp_path.iterdir()) == []


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = create_secret_key(tmp_path / "data" / "secret_key")
    second = create_secret_key(tmp_path / "data" / "secret_key")
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_default_data_dir_creates_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import platformdirs

    wanted = tmp_path / "share" / "mensch"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *args, **kwargs: str(wanted))
    assert mensch_settings.default_data_dir() == wanted
    assert not (tmp_path / "share").exists()


def test_importing_settings_creates_no_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "nope"
    code = "import mensch.settings as s; print(s.DATA_DIR)"
    result = run(["-c", code], fresh_env(data_dir), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(data_dir)
    assert not data_dir.exists()


def test_importing_settings_without_a_key_outside_tests_fails_clearly(tmp_path: Path) -> None:
    data_dir = tmp_path / "nope"
    result = run(["-c", "import mensch.settings"], fresh_env(data_dir, in_pytest=False), tmp_path)
    assert result.returncode != 0
    assert "SecretKeyMissingError: No secret key" in result.stderr
    assert "`mensch demo` or `mensch serve`" in result.stderr
    assert not data_dir.exists()


def test_mensch_manage_prepares_the_data_folder_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    env = fresh_env(data_dir, in_pytest=False)
    first = run(MANAGE_SHELL, env, tmp_path)
    assert first.returncode == 0, first.stderr
    first_key = (data_dir / "secret_key").read_text()
    again = run(MANAGE_SHELL, env, tmp_path)
    assert again.returncode == 0, again.stderr
    assert (data_dir / "static").is_dir()
    assert (data_dir / "secret_key").stat().st_mode & 0o777 == 0o600
    assert (data_dir / "secret_key").read_text() == first_key


def test_mensch_manage_writes_no_key_when_one_is_configured(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    env = fresh_env(data_dir, in_pytest=False, SECRET_KEY="configured-" + "x" * 50)
    result = run(MANAGE_SHELL, env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (data_dir / "static").is_dir()
    assert not (data_dir / "secret_key").exists()


def test_a_bad_value_stops_mensch_with_one_line(tmp_path: Path) -> None:
    env = fresh_env(tmp_path / "data", in_pytest=False, PORT="0")
    result = run([*MENSCH, "serve"], env, tmp_path)
    assert result.returncode == 2
    assert result.stderr == "mensch: PORT=0 is out of range: use a whole number from 1 to 65535.\n"


REPO = Path(__file__).resolve().parents[2]

# The only places outside settings.py that touch os.environ, and why they may.
ENVIRON_OUTSIDE_SETTINGS = {
    # Choosing the settings module has to happen before settings exist.
    "mensch/wsgi.py": "DJANGO_SETTINGS_MODULE",
    # The same, and `mensch demo` hands its address to the gunicorn it starts.
    "mensch/commands/server.py": "DJANGO_SETTINGS_MODULE, SITE_URL for child processes",
    # The engine has no Django (mensch match runs without it); settings checks it too.
    "mensch/engine/matching/semantic.py": "MENSCH_SEMANTIC_MODEL_DIR",
}


def test_only_settings_reads_the_environment() -> None:
    readers = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "mensch").rglob("*.py")
        if "os.environ" in (text := path.read_text()) or "getenv" in text
    }
    assert readers - {"mensch/settings.py"} <= set(ENVIRON_OUTSIDE_SETTINGS)


def test_every_variable_is_documented() -> None:
    source = (REPO / "mensch" / "settings.py").read_text()
    readme = (REPO / "README.md").read_text()
    example = (REPO / ".env.example").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list|choice|networks)\(\s*"([A-Z_]+)"', source))
    secrets_ = set(re.findall(r'env_secret\(\s*"([A-Z_]+)"', source))
    assert {"PORT", "WEB_CONCURRENCY", "MENSCH_HOST", "MENSCH_MATCH_MODEL"} <= names
    assert secrets_ == {"SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "REDIS_URL"}
    for name in names | secrets_ | {f"{name}_FILE" for name in secrets_}:
        assert f"`{name}" in readme, name
        assert name in example, name


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


@pytest.mark.parametrize(
    ("extra", "engine"),
    [
        ({}, "mensch.core.sessions"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/9"}, "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_read_from_the_cache_only_when_every_process_shares_it(
    tmp_path: Path, extra: dict[str, str], engine: str
) -> None:
    # With Redis a page reads its session from the shared cache (one query less a page);
    # a cache of each process's own would keep a session logged out in one gunicorn
    # worker alive in another, so without Redis the database alone holds sessions.
    shell = [*MENSCH, "manage", "shell", "--no-imports", "-c"]
    code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    done = run([*shell, code], fresh_env(tmp_path, **extra), REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [engine]
