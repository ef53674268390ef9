"""Screens and modal dialogs, one a file."""
