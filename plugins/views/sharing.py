"""What a page says when it is shared or read by a search engine: its card and its JSON-LD.

Every page gets an OpenGraph and Twitter card (title, description, canonical URL,
``og:locale`` fa_IR, an image: the record's own or the site's default) and JSON-LD:
a BreadcrumbList below the home page, WebSite with its SearchAction on the home page,
and what the page's kind says about its record (NewsArticle, Book / ScholarlyArticle,
Place, Person). Each kind's ``pages.py`` builds its record's :class:`Share` (the one
place per page kind); this module adds what every page shares and the serialisation.
Python builds dicts; ``overrides/partials/khooshe-share.html`` writes them, through
:func:`json_script` for the JSON. No MkDocs import (plugins/adapter/share.py is the glue).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from markupsafe import Markup

from plugins.model.dates import Date

LOCALE = "fa_IR"
LANGUAGE = "fa"
CONTEXT = "https://schema.org"
# The default card image: made once from plugins/views/SHARING.md's recipe.
DEFAULT_IMAGE = "assets/images/khooshe-share.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DEFAULT_IMAGE_ALT = "خوشه: برنامه ملی توسعه خوشه‌های صنعتی و کسب‌وکار ایران"
SEARCH_PARAMETER = "q"  # search.js opens the search box with ?q=… (the SearchAction's target)

Absolute = Callable[[str], str]  # src_uri (or a site file's path) → its absolute URL


@dataclass(frozen=True)
class ShareContext:
    """What a kind's ``shares`` are given besides its records."""

    site_name: str
    registries: Any  # plugins.kinds.clusters.registries.Registries
    absolute: Absolute


@dataclass(frozen=True)
class Image:
    url: str  # absolute
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Share:
    """What a page's kind adds to its card and JSON-LD (kinds' ``share`` functions return one)."""

    og_type: str = "website"
    image: Image | None = None  # None: the site's default image
    properties: tuple[tuple[str, str], ...] = ()  # more OpenGraph pairs: ("article:published_time", "2006-06-23")
    structured: tuple[dict[str, Any], ...] = ()  # JSON-LD objects, without @context
    updated: Date | None = None  # the newest day the record gives: the sitemap's <lastmod>


RecordShares = Iterator[tuple[Any, Callable[[], Share]]]  # a kind's ``shares``: (record, what makes its Share)


@dataclass(frozen=True)
class SiteCard:
    """What every page's card shares: the site's name, address and default image."""

    name: str
    description: str
    url: str  # absolute, ending in "/"
    image: Image


@dataclass(frozen=True)
class PageCard:
    """One page as its card shows it: plain text (not HTML-escaped) and absolute URLs."""

    title: str
    description: str
    url: str
    trail: tuple[tuple[str, str], ...] = ()  # (title, absolute URL) from the home page down to this page's parent


@dataclass(frozen=True)
class PageShare:
    """What the template writes: <meta> (attribute, key, content) triples and JSON-LD objects."""

    meta: list[tuple[str, str, str]] = field(default_factory=list)
    structured: list[dict[str, Any]] = field(default_factory=list)


def site_card(name: str, description: str, root: str) -> SiteCard:
    """The site's own card (``root``: its absolute URL, ending with "/")."""
    width, height = DEFAULT_IMAGE_SIZE
    return SiteCard(name, description, root, Image(root + DEFAULT_IMAGE, DEFAULT_IMAGE_ALT, width, height))


def page_share(site: SiteCard, page: PageCard, share: Share, *, home: bool = False) -> PageShare:
    """The card and JSON-LD of one page."""
    structured = [*share.structured]
    if home:
        structured.append(website(site))
    elif page.trail:
        structured.append(breadcrumb_list(page))
    return PageShare(card_meta(site, page, share), [{"@context": CONTEXT, **item} for item in structured])


def card_meta(site: SiteCard, page: PageCard, share: Share) -> list[tuple[str, str, str]]:
    image = share.image or site.image
    description = page.description or site.description
    meta = [
        ("property", "og:type", share.og_type),
        ("property", "og:site_name", site.name),
        ("property", "og:locale", LOCALE),
        ("property", "og:title", page.title),
        ("property", "og:description", description),
        ("property", "og:url", page.url),
        ("property", "og:image", image.url),
        ("property", "og:image:alt", image.alt),
    ]
    if image.width and image.height:
        meta += [("property", "og:image:width", str(image.width)), ("property", "og:image:height", str(image.height))]
    meta += [("property", key, value) for key, value in share.properties]
    meta += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image.url),
        ("name", "twitter:image:alt", image.alt),
    ]
    return meta


def breadcrumb_list(page: PageCard) -> dict[str, Any]:
    """The page's trail from the home page, the page itself last."""
    steps = [*page.trail, (page.title, page.url)]
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(steps, start=1)
    ]}


def website(site: SiteCard) -> dict[str, Any]:
    """The site, and how to search it: the home page with ``?q=`` opens the search box on that query."""
    return {
        "@type": "WebSite", "name": site.name, "description": site.description, "url": site.url,
        "inLanguage": LANGUAGE,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{site.url}?{SEARCH_PARAMETER}={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def organization(name: str, url: str = "") -> dict[str, Any]:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def newest(dates: list[Date | None]) -> Date | None:
    known = [date for date in dates if date is not None]
    return max(known, key=lambda date: date.gregorian) if known else None


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_script(data: Any) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``</script>`` or ``<!--`` in a title cannot end it."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_UNSAFE))
