"""Search: documents, the backend protocol, the two backends and the ranking."""
