"""The `heard` command: Django's management commands plus Heard's own (demo, import, export,
worker, …)."""

import os
import sys


def main() -> None:
    """Run a management command, e.g. `heard worker` for the background task worker."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "heard"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
