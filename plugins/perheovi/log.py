"""The `perheovi` logger: what a build or a report notices that is worth a look, not a stop.

Warnings (a service path with a gap, Voikko missing, …) go to standard error as
`perheovi: warning: …` lines, whatever Pelican's own log level is. They are also counted, across
the build's forked worker processes, so that `--strict` (MkDocs' `strict`, Pelican's `--fatal`)
can fail a CI run on any of them.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys

logger = logging.getLogger("perheovi")


class _Format(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"perheovi: {record.levelname.lower()}: {record.getMessage()}"


class _Count(logging.Handler):
    """Counts warnings in a shared integer, so forked workers' warnings count too."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.value = multiprocessing.get_context("fork").Value("i", 0)

    def emit(self, record: logging.LogRecord) -> None:
        with self.value.get_lock():
            self.value.value += 1


_counter: _Count | None = None


def start_counting() -> None:
    """Print perheovi's warnings plainly and count them from now on (once per process)."""
    global _counter  # noqa: PLW0603 -- one logger per process, configured once
    if _counter is not None:
        _counter.value.value = 0
        return
    _counter = _Count()
    printer = logging.StreamHandler(sys.stderr)
    printer.setFormatter(_Format())
    logger.addHandler(printer)
    logger.addHandler(_counter)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # Pelican's handler would print them a second time, or not at all


def warnings_so_far() -> int:
    return _counter.value.value if _counter is not None else 0
