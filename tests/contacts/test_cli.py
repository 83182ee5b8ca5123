from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from mensch.accounts.models import User
from mensch.commands import contacts as command
from mensch.contacts.models import Contact
from tests.contacts.conftest import FILES

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="mensch")
    command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["contacts", *argv])
    return args.func(args)


def test_import_prints_counts_and_saves(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", str(FILES / "google-contacts.csv"), "--user", "DANA@example.org") == 0
    assert capsys.readouterr().out.strip() == (
        "Done: 2 created, 0 merged, 0 rejected (csv, utf-8)."
    )
    assert run("import", str(FILES / "google-contacts.csv"), "--user", "dana@example.org") == 0
    assert "0 created, 2 merged, 0 rejected" in capsys.readouterr().out
    assert Contact.objects.filter(owner=owner).count() == 2


def test_dry_run_writes_nothing(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", str(FILES / "Connections.csv"), "--user", owner.email, "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run, nothing saved: would have 3 created, 0 merged, 0 rejected")
    assert not Contact.objects.exists()


def test_bad_file_exits_non_zero_and_writes_nothing(
    owner: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("import", str(FILES / "broken.vcf"), "--user", owner.email) == 2
    err = capsys.readouterr().err
    assert "Line 8: This line is not a vCard property" in err
    assert "Nothing was imported." in err
    assert not Contact.objects.exists()


def test_unknown_member_or_missing_file(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", str(FILES / "utf8-bom.csv"), "--user", "nobody@example.org") == 3
    assert run("import", "/nonexistent/file.vcf", "--user", owner.email) == 2
    assert "Cannot read /nonexistent/file.vcf" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "marker"), [("vcard", "BEGIN:VCARD"), ("csv", "Name,Company")])
def test_export_writes_the_file(
    owner: User, rui: Contact, tmp_path: Path, fmt: str, marker: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    assert run("export", "--user", owner.email, "--format", fmt, "--output", str(target)) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(marker)
    assert "Rui Almeida" in text
