"""Hand-written catalogue data for the demo community, grouped by industry family.

Each industry module exposes ``INDUSTRIES`` and ``SERVICES``; ``places`` holds the
cities and ``names`` the name groups; ``common`` the text every industry shares.
"""
