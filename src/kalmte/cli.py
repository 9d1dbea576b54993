"""The `kalmte` command.

Text-analysis commands (analyze, eval, coach, eval-coach) run without Django; every other
command is handed to Django's management commands (migrate, smtpd, fetchmail, ...).
"""

from __future__ import annotations

import os
import sys

ANALYSIS_COMMANDS = {"analyze", "eval", "coach", "eval-coach"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ANALYSIS_COMMANDS:
        from kalmte.analysis.cli import main as analysis_main

        try:
            return analysis_main(argv)
        except BrokenPipeError:
            # the reader went away (`kalmte analyze ... | head -1`): stop quietly, as cat does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 141
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalmte.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kalmte", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
