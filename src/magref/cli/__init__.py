"""The magref command line: each command parses its arguments, makes one core call and hands the
answer to a view.

``table.COMMANDS`` names every command and where it lives; ``app`` loads only the one that runs.
Shared options are declared once in ``options``; ``context`` holds what every command uses (the
dataset, the output mode), ``words`` reads the command line before Click does, and ``exits`` turns
every error into a message and an exit code.
"""

from __future__ import annotations

from magref.cli.app import app, main
from magref.cli.table import COMMANDS

__all__ = ["COMMANDS", "app", "main"]
