"""Across reviews: action follow-through, the report on the whole system, the team library.

Plain Python (no Textual, no SQL): the store hands over narrow rows, these
modules turn them into figures and text, and the service exposes the verbs.
"""
