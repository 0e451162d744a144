"""The enumerated values of command-line options (``--combine``, ``--style``).

typer needs an option's enum when it builds the command; keeping the enums here, apart from the
modules that act on the values (:mod:`~migcycle.layers`, :mod:`~migcycle.cite`), means that
importing a command module for one command never imports those modules for another.
"""

from enum import StrEnum


class CombineMode(StrEnum):
    """How ``matrix --layer`` combines several layers per cell (see ``layers.COMBINE_MODES``)."""

    max = "max"
    sum = "sum"
    min = "min"
    diff = "diff"


class CitationStyle(StrEnum):
    """The formats of ``cite --style`` (see ``cite.STYLES``)."""

    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"
