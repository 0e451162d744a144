"""The commands: each parses its arguments, asks :mod:`migcycle.query` (or a module like it) and
hands the result to :mod:`migcycle.output`. ``cli`` registers them on the app."""
