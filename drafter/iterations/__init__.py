"""From one iteration to the next: a journal carried to the next version, and the next version made."""
