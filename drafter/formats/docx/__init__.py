"""Word (.docx) in and out: reading with numbering, tracked changes and comments; writing tracked changes."""
