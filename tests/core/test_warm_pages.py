"""gunicorn's master compiles every template before it forks the workers (warm_pages)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import override_settings
from django.urls import clear_url_caches, get_resolver

from mensch.commands import gunicorn_config

PACKAGE = Path(gunicorn_config.__file__).resolve().parents[1]


def ours_templates() -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for folder in PACKAGE.glob("*/templates")
        for path in folder.rglob("*")
        if path.suffix in {".html", ".txt"}
    }


def cached_loader():
    engine = engines["django"].engine  # type: ignore[attr-defined]
    loader = engine.template_loaders[0]
    assert hasattr(loader, "get_template_cache"), "DEBUG off uses Django's cached loader"
    return loader


@pytest.mark.integration
@override_settings(DEBUG=False)
def test_every_template_of_mensch_is_compiled_before_a_request() -> None:
    loader = cached_loader()
    loader.reset()
    clear_url_caches()
    ours = ours_templates()
    assert "web/dashboard.html" in ours
    assert "base.html" in ours

    compiled = gunicorn_config.warm_pages()

    assert compiled == len(ours)
    cached = set(loader.get_template_cache)
    assert ours <= cached
    # Other packages' templates (the admin's) are left to compile on first use.
    assert "admin/base.html" not in cached
    # The URL maps are built, the API's namespace included.
    namespaces = get_resolver().namespace_dict
    assert namespaces
    assert all(inner._populated for _prefix, inner in namespaces.values())


@pytest.mark.integration
@override_settings(DEBUG=False)
def test_a_template_that_fails_is_logged_and_the_rest_still_compile(monkeypatch, caplog) -> None:
    loader = cached_loader()
    loader.reset()
    engine = engines["django"].engine  # type: ignore[attr-defined]
    get_template = engine.get_template

    def failing(name: str):
        if name == "web/dashboard.html":
            raise TemplateSyntaxError("Unclosed tag on line 1: 'if'.")
        return get_template(name)

    monkeypatch.setattr(engine, "get_template", failing)
    total = len(ours_templates())

    compiled = gunicorn_config.warm_pages()

    assert compiled == total - 1
    assert "web/dashboard.html" not in loader.get_template_cache
    assert "base.html" in loader.get_template_cache
    assert "Could not compile template web/dashboard.html" in caplog.text


@pytest.mark.integration
@pytest.mark.django_db
def test_a_worker_opens_its_connection_and_reads_every_table_before_its_first_page() -> None:
    from django.apps import apps
    from django.db import connection

    gunicorn_config.post_worker_init(type("Worker", (), {"pid": 1})())  # logs, never fails
    if connection.vendor != "postgresql":
        assert gunicorn_config.warm_connection() == 0  # SQLite's connection lasts a request
        return
    tables = {m._meta.db_table for m in apps.get_models() if m._meta.managed}
    assert gunicorn_config.warm_connection() == len(tables) > 40
