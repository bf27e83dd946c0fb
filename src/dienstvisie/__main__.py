"""`python -m dienstvisie` runs the command line."""

from .cli.main import entry

entry()
