"""Run magref as ``python -m magref``."""

from magref.cli import main

main()
