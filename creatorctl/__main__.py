"""`python -m creatorctl` runs the command line."""

from creatorctl.cli import main

main()
