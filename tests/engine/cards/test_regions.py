from __future__ import annotations

import pytest

from mensch.engine.cards import region_for_location

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("location", "region"),
    [
        ("Lisbon", "PT"),
        ("Lisboa, Portugal", "PT"),
        ("München", "DE"),
        ("Zürich, Schweiz", "CH"),
        ("New York, NY", "US"),
        ("London, UK", "GB"),
        ("São Paulo", "BR"),
    ],
)
def test_region_for_location_known_places(location: str, region: str) -> None:
    assert region_for_location(location) == region


@pytest.mark.parametrize("location", ["", "Atlantis", "remote"])
def test_region_for_location_unknown_place_is_none(location: str) -> None:
    assert region_for_location(location) is None
