"""``mensch match``: the command-line contract outside evaluations depend on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mensch.cli import main

pytestmark = pytest.mark.unit

PROFILES = [
    {
        "id": "dana",
        "name": "Dana Weiss",
        "headline": "Brand designer",
        "industry": "Design",
        "location": "Leeds",
        "asks": [{"kind": "supplier", "text": "someone to keep my studio's books"}],
        "offers": [{"kind": "supplier", "text": "brand identity design"}],
    },
    {
        "id": "bo",
        "name": "Bo Keller",
        "headline": "Bookkeeper",
        "industry": "Finance",
        "location": "Leeds",
        "asks": [{"kind": "supplier", "text": "a new logo and brand for my practice"}],
        "offers": [{"kind": "supplier", "text": "bookkeeping for small studios"}],
    },
    {
        "id": "cy",
        "name": "Cy Lund",
        "headline": "Accountant",
        "industry": "Finance",
        "location": "York",
        "asks": [{"kind": "client", "text": "restaurant owners as clients"}],
        "offers": [{"kind": "supplier", "text": "bookkeeping and tax returns"}],
    },
]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def profile_lines() -> list[str]:
    return [json.dumps(record) for record in PROFILES]


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_match_cli_writes_one_line_per_profile_in_input_order(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "profiles.jsonl", profile_lines())
    target = tmp_path / "recs.jsonl"

    status = main(["match", "--input", str(source), "--output", str(target), "--top", "2"])

    assert status == 0
    lines = read_output(target)
    assert [line["id"] for line in lines] == ["dana", "bo", "cy"]
    dana = lines[0]["matches"]
    assert [m["id"] for m in dana] == ["bo", "cy"]
    assert set(dana[0]) == {"id", "score", "reason"}
    assert dana[0]["score"] > dana[1]["score"] > 0
    assert dana[0]["reason"].startswith("Bo offers bookkeeping for small studios")
    assert list(lines[0]) == ["id", "matches"]


def test_match_cli_top_limits_each_list(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "profiles.jsonl", profile_lines())
    target = tmp_path / "recs.jsonl"

    main(["match", "--input", str(source), "--output", str(target), "--top", "1", "--quiet"])

    assert all(len(line["matches"]) <= 1 for line in read_output(target))


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        (json.dumps({"name": "No Id"}), 'line 2: missing "id"'),
        (json.dumps({"id": 7}), 'line 2: "id" must be a string, got a number'),
        (json.dumps({"id": "x", "asks": "design"}), 'line 2: "asks" must be a list, got a string'),
        (
            json.dumps({"id": "x", "offers": [{"kind": "supplier"}]}),
            'line 2: "offers"[0]."text" must be a string, got nothing',
        ),
        (json.dumps({"id": "dana"}), "line 2: duplicate id 'dana' (first used on line 1)"),
        ("[1, 2]", "line 2: expected a JSON object, got a list"),
    ],
)
def test_match_cli_malformed_line_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad_line: str, message: str
) -> None:
    lines = profile_lines()
    source = write_lines(tmp_path / "profiles.jsonl", [lines[0], bad_line, lines[1]])
    target = tmp_path / "recs.jsonl"

    status = main(["match", "--input", str(source), "--output", str(target)])

    assert status == 2
    assert message in capsys.readouterr().err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_match_cli_malformed_line_leaves_existing_output_untouched(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "profiles.jsonl", [*profile_lines(), "{oops"])
    target = tmp_path / "recs.jsonl"
    target.write_text("previous results\n", encoding="utf-8")

    status = main(["match", "--input", str(source), "--output", str(target)])

    assert status == 2
    assert target.read_text(encoding="utf-8") == "previous results\n"


def test_match_cli_missing_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["match", "--input", str(tmp_path / "absent.jsonl"), "--output", str(tmp_path / "o")]
    )

    assert status == 2
    assert "absent.jsonl: no such file" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_match_cli_blank_lines_skipped_and_empty_file_gives_empty_output(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "profiles.jsonl", ["", "   "])
    target = tmp_path / "recs.jsonl"

    assert main(["match", "--input", str(source), "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == ""


def test_match_console_script_runs_without_django(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "profiles.jsonl", profile_lines())
    target = tmp_path / "recs.jsonl"
    script = Path(sys.executable).with_name("mensch")
    # Poison Django settings: the command must not need them.
    env = {"DJANGO_SETTINGS_MODULE": "does.not.exist", "PATH": str(script.parent)}

    done = subprocess.run(  # noqa: S603 -- fixed argument list, our own console script
        [str(script), "match", "--input", str(source), "--output", str(target), "--top", "2"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    assert [line["id"] for line in read_output(target)] == ["dana", "bo", "cy"]
    assert "matching" in done.stderr  # the progress bar goes to stderr
    assert done.stdout == ""


def test_match_module_never_imports_django() -> None:
    code = (
        "import sys, mensch.cli, mensch.commands.match, mensch.engine.matching;"
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )

    done = subprocess.run(  # noqa: S603 -- fixed argument list
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )

    assert done.returncode == 0, done.stderr
