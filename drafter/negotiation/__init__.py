"""Negotiating a draft: Parties, positions and the states they give, resolutions, and the session."""
