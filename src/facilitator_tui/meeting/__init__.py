"""The meeting without its screens: the phase plan, the clock and the figures."""
