"""Views of core results: documents painted as plain text or rich tables, and JSON."""
