"""`python -m creatorctl` runs the command line, with the exit status the console script has."""

import sys

from creatorctl.cli import main

status = main()
sys.exit(status if isinstance(status, int) else 0)
