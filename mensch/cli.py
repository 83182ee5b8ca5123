"""The ``mensch`` console command.

Subcommands that need no database (``match``, ``rounds``) live in
``mensch.commands`` and never import Django, so they start fast and work on a
machine with no configured database. The rest (``demo``, ``serve``, ``worker``,
``manage``) set up Django first.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module exposes ``register(subparsers)`` adding one subcommand whose
# parser sets ``func`` to a ``run(args) -> int``.
COMMAND_MODULES = (
    "mensch.commands.match",
    "mensch.commands.rounds",
    "mensch.commands.server",
    "mensch.commands.contacts",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mensch",
        description="Mensch: relationship-first networking.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # A command whose module is not written yet must not break the others.
            if exc.name == module_name:
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
