"""PDF in: the text of a published draft, page by page, with its page furniture recognised."""
