#!/usr/bin/env python
"""Django's manage.py; `heard` (the console script) is the same with Heard's aliases."""

from heard.cli import main

if __name__ == "__main__":
    main()
