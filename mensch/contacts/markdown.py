"""Notes are Markdown; what reaches the page is sanitised HTML.

Raw HTML in the source is not passed through by the parser, and nh3 cleans the
result again so a link can never carry ``javascript:`` or an ``onclick``.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h1", "h2", "h3", "h4", "hr",
}  # fmt: skip


def render_markdown(source: str) -> str:
    html = _parser.render(source)
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
