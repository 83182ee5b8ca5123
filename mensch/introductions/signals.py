"""Receivers get ``introduction`` (an accepted Introduction) and ``connection``."""

from __future__ import annotations

from django.dispatch import Signal

introduction_accepted = Signal()
