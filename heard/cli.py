"""The `heard` command: Django's management commands plus Heard's own (demo, import, export, …)."""

import os
import sys

ALIASES = {"worker": "db_worker"}


def main() -> None:
    """Run a management command; `heard worker` starts the background task worker."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "heard"
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
