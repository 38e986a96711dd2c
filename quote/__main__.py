"""`python -m quote` runs the same command line as the `quote` script."""

from quote.cli import main

main()
