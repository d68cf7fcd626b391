"""Allow-list HTML sanitising (nh3) and the plain-text helpers built on it."""

from __future__ import annotations

import html
import re

import nh3

from finder.text import plain_text

_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "h2", "h3", "h4", "blockquote"}
_ATTRIBUTES = {"a": {"href", "title"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_SPACE = re.compile(r"\s+")
_FIRST_PARAGRAPH = re.compile(r"^\s*<p>(.*?)</p>(.*)$", re.DOTALL | re.IGNORECASE)
# Only these characters make plain_text do more than collapse whitespace: markup, entities,
# and the NUL and byte-order-mark characters the HTML parser drops.
_MARKUP = re.compile("[<&\x00\ufeff\ud800-\udfff]")
# A lone surrogate (JSON may escape one as \ud800) cannot be stored as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def plain(value: str) -> str:
    """finder.text.plain_text, without running the HTML sanitiser over text that has no markup.

    Most values are short plain strings, and the sanitiser was a large share of mapping time.
    """
    if _MARKUP.search(value):
        return plain_text(_SURROGATE.sub("\ufffd", value))
    return _SPACE.sub(" ", value).strip()


def clean_html(raw: str) -> str:
    """Scripts, event handlers and javascript: URLs never survive this."""
    return nh3.clean(
        _SURROGATE.sub("\ufffd", raw or ""),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|br|ul|ol|li|div|h\d|strong|em|a|script)\b", text or "", re.I))


def summary_and_rest(description: str) -> tuple[str, str]:
    """Split a description into its first paragraph (plain text) and the rest (safe HTML).

    HSDS descriptions here start with a plain B1 summary, a blank line, then simple HTML.
    """
    text = (description or "").strip()
    head, blank, tail = text.partition("\n\n")
    if blank and not looks_like_html(head):
        return plain(head), _as_html(tail)
    if looks_like_html(text):
        cleaned = clean_html(text)
        match = _FIRST_PARAGRAPH.match(cleaned)
        if match:
            return plain(match.group(1)), match.group(2).strip()
        return plain(cleaned), ""
    return plain(text), ""


def _as_html(text: str) -> str:
    if looks_like_html(text):
        return clean_html(text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return clean_html("".join(f"<p>{html.escape(_SPACE.sub(' ', p))}</p>" for p in paragraphs))
