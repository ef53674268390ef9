"""facilitator-tui: a terminal companion for blameless post-incident learning reviews."""

__version__ = "0.1.0"
