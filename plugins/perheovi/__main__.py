"""`python -m perheovi …` is the `perheovi` command."""

import sys

from .commands.cli import main

sys.exit(main())
