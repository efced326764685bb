"""The ``python -m tracker`` command line: one module per family, each with ``register``."""

from tracker.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
