"""``mensch rounds``: the command-line contract."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from mensch.cli import main

pytestmark = pytest.mark.unit

INDUSTRIES = ("Design", "Accounting", "Software", "Legal", "Marketing", "Catering")
OFFERS = {
    "Design": "brand identity design for small studios",
    "Accounting": "bookkeeping and annual accounts for freelancers",
    "Software": "custom web applications and automation",
    "Legal": "contracts and terms of service review",
    "Marketing": "search engine optimisation and content plans",
    "Catering": "lunch catering for office events",
}


def _attendee(number: int) -> dict[str, object]:
    industry = INDUSTRIES[number % len(INDUSTRIES)]
    wanted = INDUSTRIES[(number * 5 + 1) % len(INDUSTRIES)]
    return {
        "id": f"m{number:02d}",
        "name": f"Member {number}",
        "headline": f"{industry} professional",
        "industry": industry,
        "location": "Leeds",
        "asks": [{"kind": "supplier", "text": f"looking for {OFFERS[wanted]}"}],
        "offers": [{"kind": "service", "text": OFFERS[industry]}],
    }


@pytest.fixture
def attendees(tmp_path: Path) -> Path:
    path = tmp_path / "attendees.jsonl"
    path.write_text(
        "".join(json.dumps(_attendee(number)) + "\n" for number in range(24)), encoding="utf-8"
    )
    return path


def _run(*arguments: str | Path) -> int:
    return main(["rounds", *(str(argument) for argument in arguments)])


def _pairs(schedule: dict[str, object]) -> list[frozenset[str]]:
    return [
        frozenset(pair)
        for round_ in schedule["rounds"]  # type: ignore[attr-defined]
        for table in round_["tables"]
        for pair in combinations(table, 2)
    ]


def test_rounds_command_writes_a_repeat_free_schedule(attendees: Path, tmp_path: Path) -> None:
    output = tmp_path / "schedule.json"

    status = _run("--input", attendees, "--rounds", "3", "--table-size", "4", "--output", output)

    assert status == 0
    schedule = json.loads(output.read_text(encoding="utf-8"))
    assert set(schedule) == {"rounds", "value", "repeats"}
    assert len(schedule["rounds"]) == 3
    everyone = sorted(f"m{number:02d}" for number in range(24))
    for round_ in schedule["rounds"]:
        assert [len(table) for table in round_["tables"]] == [4] * 6
        assert sorted(person for table in round_["tables"] for person in table) == everyone
    pairs = _pairs(schedule)
    assert len(pairs) == len(set(pairs))
    assert schedule["repeats"] == 0
    assert isinstance(schedule["value"], float)
    assert schedule["value"] > 0


def test_rounds_command_same_seed_same_file(attendees: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    common = ("--input", attendees, "--rounds", "2", "--table-size", "5", "--seed", "9")

    assert _run(*common, "--output", first) == 0
    assert _run(*common, "--output", second) == 0

    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_rounds_command_avoid_pairs_with_header_are_kept_apart(
    attendees: Path, tmp_path: Path
) -> None:
    avoid = tmp_path / "pairs.csv"
    company = ["m00", "m01", "m02", "m03"]
    lines = ["first_id,second_id"] + [f"{a},{b}" for a, b in combinations(company, 2)]
    avoid.write_text("\n".join(lines) + "\n\nm10, m11\n", encoding="utf-8")
    output = tmp_path / "schedule.json"

    status = _run(
        "--input", attendees, "--rounds", "3", "--table-size", "4",
        "--output", output, "--avoid", avoid,
    )  # fmt: skip

    assert status == 0
    met = set(_pairs(json.loads(output.read_text(encoding="utf-8"))))
    kept_apart = {frozenset(pair) for pair in combinations(company, 2)} | {
        frozenset(("m10", "m11"))
    }
    assert not met & kept_apart


def test_rounds_command_too_many_rounds_warns_and_counts_repeats(
    attendees: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "schedule.json"

    status = _run(
        "--input", attendees, "--rounds", "6", "--table-size", "6", "--output", output, "--quiet"
    )

    assert status == 0
    schedule = json.loads(output.read_text(encoding="utf-8"))
    assert schedule["repeats"] > 0
    assert f"warning: {schedule['repeats']} pairs meet more than once" in capsys.readouterr().err


def test_rounds_command_strict_refuses_unavoidable_repeats(
    attendees: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "schedule.json"

    status = _run(
        "--input", attendees, "--rounds", "6", "--table-size", "6",
        "--output", output, "--strict",
    )  # fmt: skip

    assert status == 2
    assert not output.exists()
    assert "6 rounds of tables of 6 need at least 31 attendees" in capsys.readouterr().err


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("attendee_lines", "arguments", "expected"),
    [
        (
            ['{"id": "a"}', '{"id": "b", "name": "Bo"', '{"id": "c"}'],
            ("--rounds", "1", "--table-size", "2"),
            "attendees.jsonl:2: not valid JSON",
        ),
        (
            ['{"id": "a"}', '{"name": "No Id"}', '{"id": "c"}'],
            ("--rounds", "1", "--table-size", "2"),
            'attendees.jsonl:2: missing "id"',
        ),
        (
            ['{"id": "a"}', '{"id": "b"}', '{"id": "c"}'],
            ("--rounds", "1", "--table-size", "1"),
            "--table-size must be at least 2, got 1",
        ),
        (
            ['{"id": "a"}', '{"id": "b"}', '{"id": "c"}'],
            ("--rounds", "0", "--table-size", "2"),
            "--rounds must be at least 1, got 0",
        ),
        (
            ['{"id": "a"}'],
            ("--rounds", "1", "--table-size", "2"),
            "need at least 2 attendees to seat, found 1",
        ),
    ],
)
def test_rounds_command_bad_input_names_the_line_and_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    attendee_lines: list[str],
    arguments: tuple[str, ...],
    expected: str,
) -> None:
    source = _write(tmp_path / "attendees.jsonl", "\n".join(attendee_lines) + "\n")
    output = tmp_path / "schedule.json"

    status = _run("--input", source, *arguments, "--output", output)

    assert status == 2
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [source]
    error = capsys.readouterr().err
    assert expected in error
    assert "nothing was written" in error


def test_rounds_command_unknown_id_in_pairs_names_the_line(
    attendees: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    avoid = _write(tmp_path / "pairs.csv", "m00,m01\nm02,nobody\n")
    output = tmp_path / "schedule.json"

    status = _run(
        "--input", attendees, "--rounds", "2", "--table-size", "4",
        "--output", output, "--avoid", avoid,
    )  # fmt: skip

    assert status == 2
    assert not output.exists()
    assert "pairs.csv:2: unknown attendee id 'nobody'" in capsys.readouterr().err


def test_rounds_command_pairs_that_cannot_be_kept_apart_is_an_error(
    attendees: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seven people to keep apart from each other, but 24 at tables of 4 make 6 tables.
    company = [f"m{number:02d}" for number in range(7)]
    avoid = _write(
        tmp_path / "pairs.csv", "".join(f"{a},{b}\n" for a, b in combinations(company, 2))
    )
    output = tmp_path / "schedule.json"

    status = _run(
        "--input", attendees, "--rounds", "1", "--table-size", "4",
        "--output", output, "--avoid", avoid,
    )  # fmt: skip

    assert status == 2
    assert not output.exists()
    assert "7 attendees must all be kept apart" in capsys.readouterr().err


def test_rounds_command_overwrites_an_existing_schedule_only_on_success(
    attendees: Path, tmp_path: Path
) -> None:
    output = _write(tmp_path / "schedule.json", '{"old": true}\n')

    status = _run("--input", attendees, "--rounds", "0", "--table-size", "4", "--output", output)

    assert status == 2
    assert output.read_text(encoding="utf-8") == '{"old": true}\n'
