"""The grammar files, shipped inside the package as `drafter.grammars`."""
