"""E-mail HTML made safe for the agent's view with `nh3` (Ammonia), remote images blocked by default.

`sanitise(html, inline_urls, allow_remote_images)`:
- scripts, styles, event handlers, forms, `javascript:` and other non-web URLs are removed by nh3;
- `cid:` images are pointed at the stored attachment (`inline_urls` maps Content-ID → API path);
- remote images (http/https) keep their address only in `data-blocked-src` until the agent allows them,
  so opening an e-mail tells no tracker that it was read.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "col", "colgroup", "dd", "del",
        "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "ol", "p", "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul"}
ATTRIBUTES = {"*": {"title", "lang", "dir", "align"}, "a": {"href", "name"},
              "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan", "valign", "width"},
              "th": {"colspan", "rowspan", "valign", "width"}, "table": {"width", "border", "cellpadding",
                                                                        "cellspacing"},
              "font": {"color", "size"}, "ol": {"start", "type"}, "col": {"span", "width"}}
URL_SCHEMES = {"http", "https", "mailto", "cid"}
VOID = {"br", "hr", "img", "col"}


@dataclass
class CleanHtml:
    html: str
    blocked_images: int


class _Rewriter(HTMLParser):
    """Re-serialises nh3's (well-formed) output, rewriting img sources."""

    def __init__(self, inline_urls: dict[str, str], allow_remote: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.inline_urls = inline_urls
        self.allow_remote = allow_remote
        self.out: list[str] = []
        self.blocked = 0

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        parts = []
        for attr, value in attrs:
            name, text = attr, value or ""
            if tag == "img" and name == "src":
                lower = text.strip().lower()
                if lower.startswith("cid:"):
                    cid = text.strip()[4:].strip("<>")
                    if cid not in self.inline_urls:
                        continue
                    text = self.inline_urls[cid]
                elif lower.startswith(("http:", "https:", "//")) and not self.allow_remote:
                    self.blocked += 1
                    name = "data-blocked-src"
            parts.append(f' {name}="{html_lib.escape(text, quote=True)}"')
        return "".join(parts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html_lib.escape(data, quote=False))


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href" and value.strip().lower().startswith("cid:"):
        return None
    return value


def sanitise(html: str, *, inline_urls: dict[str, str] | None = None,
             allow_remote_images: bool = False) -> CleanHtml:
    cleaned = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        clean_content_tags={"script", "style"}, link_rel="noopener noreferrer nofollow",
                        strip_comments=True, attribute_filter=_keep_attribute)
    rewriter = _Rewriter(inline_urls or {}, allow_remote_images)
    rewriter.feed(cleaned)
    rewriter.close()
    return CleanHtml("".join(rewriter.out), rewriter.blocked)
