"""Importers and exporters: the formats drafts come in and go out in."""
