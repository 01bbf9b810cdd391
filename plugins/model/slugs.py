"""Readable, stable anchors for Persian headings, and URLs for records.

``slugify`` is the ``toc`` extension's slug function (``mkdocs.yml``:
``slugify: !!python/name:plugins.model.slugs.slugify``). The rules:

* Persian letters stay (``## خوشه‌های صنعتی`` → ``#خوشه-های-صنعتی``); Arabic
  letter forms become Persian ones (ي → ی, ك → ک), diacritics and keshide go.
* ZWNJ counts as a word break, like a space: the anchor is the same whether the
  editor typed «خوشه‌های»، «خوشه های» or the page was normalized in between.
* Digits become Latin (``مرحله ۳`` and ``مرحله 3`` → ``مرحله-3``), so an anchor
  does not change with the digits policy.
* Latin letters are lower-cased; punctuation (Persian «»،؛؟ too) is dropped;
  words are joined with the separator (``-``).
* A heading with nothing left gets ``بخش``. Repeated headings on one page are
  made unique by the ``toc`` extension itself (``_1``, ``_2`` …).

``is_record_id`` is the id rule of every record kind; ``record_slug`` gives a
record page its URL segment from the record's id.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from plugins.model.digits import TO_LATIN, to_latin_digits

_FOLD = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ك": "ک", "ڪ": "ک", "ـ": None,
        "\u200c": " ", "\u200b": None, "\u200d": None, "\u200e": None, "\u200f": None, "\ufeff": None,
        "\u00ad": None,
    }
) | TO_LATIN
_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_NOT_WORD = re.compile(r"[^\w]+")
# The one id rule of every record kind (clusters, news, publications, people):
# lower-case Latin letters and digits joined by single hyphens.
RECORD_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RECORD_ID_EXPECTED = "حروف کوچک لاتین، رقم و خط تیره، مثل yazd-ceramic"
_RECORD_ID = re.compile(RECORD_ID_PATTERN)
EMPTY_SLUG = "بخش"


def slugify(value: str, separator: str = "-") -> str:
    """Anchor for a heading: Persian letters kept, ZWNJ and spaces → separator, digits Latin."""
    text = unicodedata.normalize("NFC", str(value)).translate(_FOLD)
    text = _MARKS.sub("", text).lower()
    words = [word for word in _NOT_WORD.sub(" ", text.replace("_", " ")).split() if word]
    return separator.join(words) or EMPTY_SLUG


def record_slug(record_id: object) -> str:
    """The URL segment of a record page: its id, which must already be a lower-case Latin slug.

    Ids are chosen once and never derived from titles, so a record keeps its URL when
    its title is corrected. Anything else (``Yazd Ceramic``, ``یزد``) is folded with
    ``slugify`` so a page still gets a stable address.
    """
    text = str(record_id).strip()
    if is_record_id(text):
        return text
    return slugify(text)


def is_record_id(value: object) -> bool:
    """True for ids like ``yazd-ceramic``: lower-case Latin letters and digits joined by single hyphens."""
    return isinstance(value, str) and _RECORD_ID.fullmatch(value) is not None


# A label (news tag, publication topic): a short word or phrase, no punctuation
# that would mean something else in a URL, a list or Markdown.
LABEL = re.compile(r"^[^\W_](?:[\w\u200c -]*[^\W_])?$")
LABEL_MAX = 40
LABEL_EXPECTED = (
    "واژه یا عبارت کوتاه (حداکثر ۴۰ نویسه) از حرف، رقم، فاصله، نیم‌فاصله و خط تیره؛ "
    "بدون # و نشانه‌های نگارشی"
)


def is_label(text: str) -> bool:
    return len(text) <= LABEL_MAX and bool(LABEL.match(text))


@lru_cache(maxsize=65536)
def label_slug(label: str) -> str:
    """The URL form of a tag or topic: spaces and ZWNJ become ``-``, Latin digits, lower case."""
    text = to_latin_digits(label).lower().replace("\u200c", "-").replace(" ", "-")
    return re.sub(r"-{2,}", "-", text).strip("-")
