"""`python -m facilitator_tui` runs the same CLI as the `facilitator` command."""

from facilitator_tui.cli import main

raise SystemExit(main())
