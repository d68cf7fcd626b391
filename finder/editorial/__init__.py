"""Editors' work on the catalogue, kept apart from crawled data and applied on top of it."""
