"""The ``mensch`` console command.

Subcommands that need no database (``match``, ``rounds``) live in
``mensch.commands`` and never import Django, so they start fast and work on a
machine with no configured database. The rest (``demo``, ``serve``, ``worker``,
``manage``, ``contacts``, ``export``) create the data folder and the generated secret key, then set
up Django. A configuration error (Django's ``ImproperlyConfigured``, which names the
variable) is printed as one line, with exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Subcommand → the module that registers it. Each module exposes
# ``register(subparsers)`` adding its subcommands, whose parsers set ``func`` to a
# ``run(args) -> int``. Only the module of the command being run is imported, so
# `mensch contacts` does not pay for loading scikit-learn.
COMMANDS = {
    "match": "mensch.commands.match",
    "rounds": "mensch.commands.rounds",
    "demo": "mensch.commands.server",
    "serve": "mensch.commands.server",
    "worker": "mensch.commands.server",
    "manage": "mensch.commands.server",
    "contacts": "mensch.commands.contacts",
    "export": "mensch.commands.export",
    "model": "mensch.commands.model",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mensch",
        description="Mensch: relationship-first networking.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    wanted = (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES
    for module_name in wanted:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(args_list[0] if args_list else None)
    args = parser.parse_args(args_list)
    try:
        return int(args.func(args) or 0)
    except Exception as exc:
        # Looked up, not imported: `mensch match` and `mensch rounds` never load Django, and
        # this error can only come from a command that did.
        exceptions = sys.modules.get("django.core.exceptions")
        if exceptions is None or not isinstance(exc, exceptions.ImproperlyConfigured):
            raise
        sys.stderr.write(f"mensch: {exc}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
