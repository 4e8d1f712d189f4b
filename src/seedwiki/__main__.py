"""`python -m seedwiki …` runs the same command line as the `seedwiki` script."""
from seedwiki.cli import main

raise SystemExit(main())
