"""Crawl the city's sources into the catalogue and the search index."""
