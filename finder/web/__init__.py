"""The web front end: pages, JSON API and their plumbing."""
