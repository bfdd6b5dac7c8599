"""Markdown → HTML → wiki links resolved → sanitized HTML, in one place.

Every piece of HTML that readers or the admin preview see comes out of ``render``. It uses
markdown-it-py (CommonMark, linear time, raw HTML off) and then nh3's allow-list, so neither a
mistake in the Markdown layer nor hostile input can put markup on a page that the allow-list
does not name.

A wiki link is stored as ``<a class="wiki-link" data-term="ID">label</a>``, without an address:
``terms.links`` turns it into a link when the page is read, and only if that term is live then,
so a link appears the moment its target goes live and never points at a draft.

Table alignment is a class (``align-left``, ``align-center``, ``align-right``), never a
``style`` attribute: the site's Content-Security-Policy allows no inline styles on reader pages.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

# A target longer than this is not a wiki link; bounding the scan keeps rendering linear.
WIKI_TARGET_MAX_LENGTH = 200
# The term id a preview gives a wiki link that names no term (ids start at 1).
UNRESOLVED = 0

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel", "class", "data-term"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"class"},
    "th": {"class"},
    "code": {"class"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_LINK_REL = "noopener nofollow"


@dataclass
class RenderedMarkdown:
    html: str
    # Every wiki link in the text: lowercased target → the id of the term it names, or None.
    wiki_links: dict[str, int | None] = field(default_factory=dict)


def _split_wiki_link(inner: str) -> tuple[str, str, bool] | None:
    """``"target|label"`` → (target, label, has_label); None when it is not a wiki link."""
    target, bar, label = inner.partition("|")
    target, label = target.strip(), label.strip()
    if not target:
        return None
    return target, (label or target), bool(bar)


def _wiki_link_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule for ``[[Target]]`` and ``[[target|label]]``."""
    start = state.pos
    if state.src[start : start + 2] != "[[":
        return False
    limit = min(state.posMax, start + 2 + WIKI_TARGET_MAX_LENGTH)
    end = state.src.find("]]", start + 2, limit + 2)
    if end == -1:
        return False
    inner = state.src[start + 2 : end]
    if "[" in inner or "]" in inner or "\n" in inner:
        return False
    parts = _split_wiki_link(inner)
    if parts is None:
        return False
    if not silent:
        target, label, has_label = parts
        token = state.push("wiki_link", "", 0)
        token.meta = {"target": target, "label": label, "has_label": has_label}
    state.pos = end + 2
    return True


def _render_wiki_link(self, tokens: list[Token], idx: int, options, env) -> str:
    meta = tokens[idx].meta
    term_id: int | None = env.get("wiki_targets", {}).get(meta["target"].lower())
    label = escapeHtml(meta["label"])
    if term_id is None:
        if env.get("keep_unresolved"):
            # For the editor's live preview only: id 0 (no term has it) marks the link as
            # broken where it stands (terms.live_preview flags it). Never stored.
            return f'<a class="wiki-link" data-term="{UNRESOLVED}">{label}</a>'
        # An unknown target is plain text: never a broken link.
        return label
    return f'<a class="wiki-link" data-term="{int(term_id)}">{label}</a>'


def _render_link_open(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    href = token.attrGet("href") or ""
    if _is_external(href):
        token.attrSet("rel", EXTERNAL_LINK_REL)
    return self.renderToken(tokens, idx, options, env)


def _render_heading_open(self, tokens: list[Token], idx: int, options, env) -> str:
    # Sections sit under the page's <h2> headings; authors' headings start one level below.
    level = int(tokens[idx].tag[1])
    tokens[idx].tag = f"h{min(6, level + 2)}"
    return self.renderToken(tokens, idx, options, env)


def _render_heading_close(self, tokens: list[Token], idx: int, options, env) -> str:
    level = int(tokens[idx].tag[1])
    tokens[idx].tag = f"h{min(6, level + 2)}"
    return self.renderToken(tokens, idx, options, env)


# markdown-it-py aligns table cells with ``style="text-align:…"``; the page's CSS has a class
# for each, so the HTML needs no inline style.
TABLE_ALIGN_CLASSES = {
    "text-align:left": "align-left",
    "text-align:center": "align-center",
    "text-align:right": "align-right",
}


def _render_table_cell_open(self, tokens: list[Token], idx: int, options, env) -> str:
    token = tokens[idx]
    style = token.attrs.pop("style", None)
    if style in TABLE_ALIGN_CLASSES:
        token.attrSet("class", TABLE_ALIGN_CLASSES[style])
    return self.renderToken(tokens, idx, options, env)


def _is_external(href: str) -> bool:
    try:
        parts = urlsplit(href)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc)


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.inline.ruler.before("link", "wiki_link", _wiki_link_rule)
    md.add_render_rule("wiki_link", _render_wiki_link)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("heading_open", _render_heading_open)
    md.add_render_rule("heading_close", _render_heading_close)
    md.add_render_rule("th_open", _render_table_cell_open)
    md.add_render_rule("td_open", _render_table_cell_open)
    return md


_parser = _build_parser()


def _wiki_targets_in(tokens: list[Token]) -> set[str]:
    targets = set()
    for token in tokens:
        for child in token.children or ():
            if child.type == "wiki_link":
                targets.add(child.meta["target"])
    return targets


def sanitize_html(html: str) -> str:
    """Keep only the allow-listed elements, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )


_TABLE_ALIGN_CLASS_VALUES = frozenset(TABLE_ALIGN_CLASSES.values())
_CLASS_ALLOWED = {
    # Only the classes the renderer itself writes (raw HTML is off).
    "a": lambda value: value == "wiki-link",
    "code": lambda value: value.startswith("language-") and value.isascii() and " " not in value,
    "td": lambda value: value in _TABLE_ALIGN_CLASS_VALUES,
    "th": lambda value: value in _TABLE_ALIGN_CLASS_VALUES,
}


def _filter_attribute(element: str, attribute: str, value: str) -> str | None:
    """Narrow the allowed attributes to the values the renderer itself produces."""
    if attribute == "class":
        allowed = _CLASS_ALLOWED.get(element)
        return value if allowed and allowed(value) else None
    if attribute == "rel":
        return EXTERNAL_LINK_REL
    if attribute == "data-term":
        return value if value.isdigit() else None
    return value


def render(text: str, resolve=None, *, keep_unresolved: bool = False) -> RenderedMarkdown:
    """Render Markdown to sanitized HTML, with wiki links resolved to term ids.

    ``resolve`` maps a set of wiki-link targets to ``{lowercased target: term id}``; it
    defaults to ``terms.names.resolve_wiki_targets`` (one query for the whole text).
    ``keep_unresolved`` (the live preview's) keeps a link whose target names no term as a
    wiki link to the id ``UNRESOLVED`` instead of plain text, so it can be flagged in place.
    """
    if resolve is None:
        from terms.names import resolve_wiki_targets as resolve

    env: dict = {"keep_unresolved": keep_unresolved}
    tokens = _parser.parse(text or "", env)
    targets = _wiki_targets_in(tokens)
    env["wiki_targets"] = resolve(targets) if targets else {}
    html = sanitize_html(_parser.renderer.render(tokens, _parser.options, env))
    resolved = env["wiki_targets"]
    links = {target.lower(): resolved.get(target.lower()) for target in targets}
    return RenderedMarkdown(html=html, wiki_links=links)


def render_markdown(text: str) -> str:
    """HTML exactly as a reader would see it now; the admin's markdownx preview calls this."""
    from terms.links import link_live_terms

    return link_live_terms(render(text).html)
