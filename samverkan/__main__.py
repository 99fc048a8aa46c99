"""`python -m samverkan …` runs the same command line as `samverkan …`."""

from samverkan.cli import main

main()
