"""Subcommands of the `drafter` command line, one module each."""
