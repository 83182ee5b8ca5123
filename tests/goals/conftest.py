from __future__ import annotations

# The ledger's personas and events serve the goals and ROI tests too.
from tests.ledger.conftest import (  # noqa: F401 (pytest finds fixtures by name)
    ben,
    connected,
    event,
    met_at_event,
    organizer,
)
