"""``mensch export``: all of one member's data, as the JSON document the member can
download from /settings/export/ (the same collector, :func:`mensch.web.export.member_export`).

Progress goes to stderr, so ``--output -`` writes nothing but the document to stdout. A bad
argument (an unknown email address, an output folder that does not exist) exits with 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mensch.commands.files import write_atomically
from mensch.commands.server import setup_django

EXIT_BAD_INPUT = 2
EXIT_INCOMPLETE = 1


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = subparsers.add_parser(
        "export",
        help="write all of one member's data as one JSON document",
        description=(
            "Write everything one member owns or wrote (profile, contacts, follow-ups, "
            "introductions, connections, messages, events, meetings, ledger, goals, "
            "endorsements, notifications, chat, API token names) as one JSON document."
        ),
    )
    export.add_argument("--user", required=True, help="the member's email address")
    export.add_argument(
        "--output", required=True, help="file to write ('-' for stdout); replaced if it exists"
    )
    export.set_defaults(func=run)


def _error(message: str) -> None:
    print(f"mensch export: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    to_stdout = args.output == "-"
    target = Path(args.output)
    if not to_stdout and not target.parent.is_dir():
        _error(f"cannot write {target}: the folder {target.parent} does not exist.")
        return EXIT_BAD_INPUT
    setup_django()
    from mensch.accounts.models import User  # noqa: PLC0415 -- models load after django.setup()
    from mensch.web.export import (  # noqa: PLC0415 -- models load after django.setup()
        IncompleteExportError,
        export_json,
        member_export,
    )

    email = args.user.strip()
    member = User.objects.filter(email__iexact=email).first()
    if member is None:
        _error(f"no member with the email address {email!r}.")
        return EXIT_BAD_INPUT
    print(f"Collecting the data of {member.email}:", file=sys.stderr)
    try:
        document = member_export(member, progress=lambda app: print(f"  {app}", file=sys.stderr))
    except IncompleteExportError as exc:
        _error(f"the export is incomplete, nothing was written: {exc}")
        return EXIT_INCOMPLETE
    text = export_json(document)
    if to_stdout:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        write_atomically(target, [text])
    except OSError as exc:
        _error(f"cannot write {target}: {exc.strerror}.")
        return EXIT_BAD_INPUT
    print(f"Wrote {len(text.encode()):,} bytes to {target}.", file=sys.stderr)
    return 0
