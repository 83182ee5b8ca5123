"""Deterministic demo data for Mensch: a community of members with reciprocal asks and offers.

Pure Python, no Django import: ``mensch.demo.people.generate_people`` is what the
demo loader, the ``mensch match`` benchmarks and the matching evaluation build on.
"""
