"""migcycle: a command-line explorer of the migration cycle."""

__version__ = "0.1.0"
