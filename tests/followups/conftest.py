from __future__ import annotations

# The contacts tests' fixtures serve here too (re-exported so pytest finds them).
from tests.contacts.conftest import FILES, api_for, confirm_meeting, rui

__all__ = ["FILES", "api_for", "confirm_meeting", "rui"]
