"""Widgets of the review screen, one idea a file."""
