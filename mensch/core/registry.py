"""What each capability app contributes, found through its AppConfig.

No list here repeats ``INSTALLED_APPS``. An app contributes by having a module of a known
name, and says where it goes through attributes of its :class:`CapabilityConfig`:

* ``urls``: its pages, included at the site root;
* ``api``: a django-ninja ``router``, mounted at ``api_prefix``;
* ``dashboard``: ``card(member) -> DashboardCard | None``, shown by ``dashboard_order``;
* ``demo``: ``load_demo(members=, organizer=, seed=) -> str``, run by ``mensch demo``;
* ``data``: ``member_data(member) -> dict``, the app's part of "all my data";
* ``calendar``: ``calendar_entries(member) -> list[Entry]`` (:mod:`mensch.core.calendars`),
  gathered into the member's one feed by :mod:`mensch.accounts.calendar_feed`;
* ``contact_panels`` and ``contact_brief``: what a higher app adds to a contact's page and
  to the one-page brief (follow-ups and promises);
* ``periodic_jobs``: jobs the worker runs on a schedule (see :mod:`mensch.core.tasks`).

Apps are visited in ``INSTALLED_APPS`` order, which lists them floor by floor (the
import-linter contract in ``pyproject.toml``), so a demo loader runs after the loaders
of every app it stands on.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule

from mensch.core.schedule import Periodic


class CapabilityConfig(AppConfig):
    """An app of Mensch: the attributes say where its contributions go.

    apps.py modules import this module, not the class, so Django still finds exactly one
    AppConfig subclass in each of them.
    """

    api_prefix: str | None = None
    dashboard_order: int = 100
    periodic_jobs: dict[str, Periodic] = {}


def capability_apps() -> list[CapabilityConfig]:
    return [config for config in apps.get_app_configs() if isinstance(config, CapabilityConfig)]


def contributions(module_name: str) -> Iterator[tuple[CapabilityConfig, ModuleType]]:
    """Each app's module ``module_name`` (``"urls"``, ``"dashboard"``…), in floor order."""
    return iter(_contributions(module_name))


@functools.cache
def _contributions(module_name: str) -> tuple[tuple[CapabilityConfig, ModuleType], ...]:
    # The installed apps do not change while the process runs: look for the modules once,
    # not on every dashboard, export or calendar request.
    return tuple(
        (config, import_module(f"{config.name}.{module_name}"))
        for config in capability_apps()
        if config.module is not None and module_has_submodule(config.module, module_name)
    )
