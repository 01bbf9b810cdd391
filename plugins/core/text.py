"""Persian text pipeline (placeholder until the hazm-based normalizer lands).

Contract used by every capability:
* normalize_text(text) -> str: plain prose (a YAML text field, a title).
* normalize_markdown(markdown) -> str: Markdown, touching only prose runs.
* fold_for_search(text) -> str: the search folding shared with the browser.
"""

_ARABIC_TO_PERSIAN = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def normalize_text(text: str) -> str:
    return text.translate(_ARABIC_TO_PERSIAN)


def normalize_markdown(markdown: str) -> str:
    return markdown.translate(_ARABIC_TO_PERSIAN)


def fold_for_search(text: str) -> str:
    return text.translate(_ARABIC_TO_PERSIAN)
