#!/usr/bin/env python
import os
import sys

import portal_bootstrap  # noqa: F401  (makes ``site/`` importable as ``site``)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
