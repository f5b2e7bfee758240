"""The drafting TUI (Textual). Imported only when `drafter open` runs; `app.make_app` builds it."""
