"""What both engines index for a document: its need tags and its analysed text."""

from __future__ import annotations

from functools import lru_cache

from finder.query.tagging import tag_needs
from finder.search.analysis import index_terms, term_set
from finder.search.documents import SearchDocument


def tagged(doc: SearchDocument) -> SearchDocument:
    """The document with the needs it is about (finder/query/tagging.py)."""
    needs = tag_needs(doc.title, doc.summary, doc.keywords, doc.upl)
    return doc.model_copy(update={"needs": needs})


def searchable_fields(doc: SearchDocument) -> dict[str, str]:
    """Analysed text per searchable field, in the order of importance."""
    return {
        "title": index_terms(doc.title),
        "keywords": index_terms(" ; ".join([*doc.keywords, *doc.categories])),
        "summary": index_terms(doc.summary),
        "organization": index_terms(doc.organization),
        "description": index_terms(doc.description),
    }


def searchable_terms(doc: SearchDocument) -> frozenset[str]:
    """The terms of all of `searchable_fields`, without joining and splitting them again."""
    texts = (doc.title, *doc.keywords, *doc.categories, doc.summary, doc.organization)
    return _terms((*texts, doc.description))


@lru_cache(maxsize=2048)
def _terms(texts: tuple[str, ...]) -> frozenset[str]:
    # Popular offers are shown for many questions; their text is analysed once.
    return term_set(texts)
