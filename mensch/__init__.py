"""Mensch: relationship-first networking."""
