"""``mensch contacts import`` and ``mensch contacts export``.

Import reads a vCard, CSV or LinkedIn Connections.csv file into one member's contacts
in a single transaction: a bad file exits non-zero and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tqdm import tqdm

from mensch.commands.server import setup_django

EXIT_BAD_FILE = 2
EXIT_NO_MEMBER = 3


def register(subparsers: Any) -> None:
    contacts = subparsers.add_parser(
        "contacts",
        help="import or export a member's contacts (vCard, CSV, LinkedIn, JSON)",
        description="Import or export one member's private contacts.",
    )
    actions = contacts.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    importer = actions.add_parser(
        "import",
        help="import a vCard (2.1/3.0/4.0), CSV or LinkedIn Connections.csv file",
        description=(
            "Import contacts for one member. Duplicates (same email or phone, or a similar "
            "name at a similar company) are merged into the existing contact."
        ),
    )
    importer.add_argument("file", type=Path)
    importer.add_argument("--user", required=True, help="the member's email address")
    importer.add_argument(
        "--dry-run", action="store_true", help="read and check everything, save nothing"
    )
    importer.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="create duplicates as separate contacts instead of merging them",
    )
    importer.set_defaults(func=run_import)

    exporter = actions.add_parser(
        "export",
        help="export contacts as vCard or CSV (all your data: `mensch export`)",
        description="Write one member's contacts to a file as vCard or CSV.",
    )
    exporter.add_argument("--user", required=True, help="the member's email address")
    exporter.add_argument("--format", choices=("vcard", "csv"), default="vcard")
    exporter.add_argument(
        "--vcard-version", choices=("3.0", "4.0"), default="3.0", help="default 3.0"
    )
    exporter.add_argument(
        "--output", required=True, type=Path, help="file to write ('-' for stdout)"
    )
    exporter.set_defaults(func=run_export)

    scanner = actions.add_parser(
        "scan",
        help="read photos of business cards into contacts to review",
        description=(
            "Read business-card photos (files, folders or .zip files of JPEG/PNG/HEIC) for "
            "one member; each readable card waits on their review page "
            "(/contacts/cards/review/) to be checked and saved."
        ),
    )
    scanner.add_argument("files", nargs="+", type=Path, metavar="FILE")
    scanner.add_argument("--user", required=True, help="the member's email address")
    scanner.set_defaults(func=run_scan)


def _member(email: str) -> Any:
    from mensch.accounts.models import User  # noqa: PLC0415 -- models load after django.setup()

    member = User.objects.filter(email__iexact=email.strip()).first()
    if member is None:
        print(f"No member with the email address {email}.", file=sys.stderr)
    return member


def run_import(args: argparse.Namespace) -> int:
    setup_django()
    from mensch.contacts.importing import (  # noqa: PLC0415 -- models load after django.setup()
        ImportFileError,
        parse_contacts_file,
    )
    from mensch.contacts.imports import contacts_import  # noqa: PLC0415 -- models load after django.setup()

    member = _member(args.user)
    if member is None:
        return EXIT_NO_MEMBER
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"Cannot read {args.file}: {exc.strerror}.", file=sys.stderr)
        return EXIT_BAD_FILE
    try:
        parsed = parse_contacts_file(data)
    except ImportFileError as exc:
        print(f"{args.file}: {exc} Nothing was imported.", file=sys.stderr)
        return EXIT_BAD_FILE
    with tqdm(total=len(parsed.rows), desc="Importing", unit="contact", leave=False) as bar:
        result = contacts_import(
            owner=member,
            rows=parsed.rows,
            merge=not args.keep_duplicates,
            dry_run=args.dry_run,
            progress=bar.update,
        )
    for rejection in result.rejections:
        print(f"  rejected: {rejection}", file=sys.stderr)
    prefix = "Dry run, nothing saved: would have" if args.dry_run else "Done:"
    print(
        f"{prefix} {result.created} created, {result.merged} merged, "
        f"{result.rejected} rejected ({parsed.kind}, {parsed.encoding})."
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    setup_django()
    from mensch.contacts.exports import contacts_csv, contacts_vcard  # noqa: PLC0415 -- models load after django.setup()

    member = _member(args.user)
    if member is None:
        return EXIT_NO_MEMBER
    if args.format == "vcard":
        body = contacts_vcard(member, version=args.vcard_version)
    else:
        body = contacts_csv(member)
    if str(args.output) == "-":
        sys.stdout.write(body)
        return 0
    args.output.write_text(body, encoding="utf-8", newline="")
    count = body.count("BEGIN:VCARD") if args.format == "vcard" else None
    what = f"{count} contacts" if count is not None else args.format.upper()
    print(f"Wrote {what} to {args.output}.")
    return 0


def run_scan(args: argparse.Namespace) -> int:
    setup_django()
    from mensch.contacts.cardscan import (  # noqa: PLC0415 -- models load after django.setup()
        CardImageError,
        card_photos,
        card_scan_create,
        card_scan_read,
    )

    member = _member(args.user)
    if member is None:
        return EXIT_NO_MEMBER
    try:
        photos = list(card_photos(args.files))
    except CardImageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_FILE
    read = failed = 0
    for name, data in tqdm(photos, desc="Reading cards", unit="card"):
        try:
            scan = card_scan_create(owner=member, data=data, name=name, queue=False)
        except CardImageError as exc:
            failed += 1
            tqdm.write(f"  {name}: {exc}", file=sys.stderr)
            continue
        scan = card_scan_read(scan=scan)
        if scan.problem:
            failed += 1
            tqdm.write(f"  {name}: {scan.problem}", file=sys.stderr)
        else:
            read += 1
    print(
        f"Done: {read} card{'s' if read != 1 else ''} read, {failed} not read; "
        "review them at /contacts/cards/review/."
    )
    return 0
