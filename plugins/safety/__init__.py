"""HTML safety, strict page front matter and reproducible output (the ``khooshe-safety`` plugin).

Interface for the other capabilities (no MkDocs needed):

* ``sanitize_editor_html(html) -> str``: HTML rendered from an editor's Markdown,
  reduced to the allow-list (nh3). Never call it on HTML Khooshe's own code builds.
* ``sanitize_editor_markdown(markdown) -> str``: an editor's Markdown (a record's
  description) with every disallowed tag turned into visible text, ready to be
  embedded into a generated page's Markdown.
* ``unsafe_html_errors(markdown, path, first_line, field, first_column) -> list[ContentError]``:
  the same policy as content errors, for ``build.py check``.
"""

from .policy import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    find_unsafe_html,
    neutralize_markdown,
    sanitize_editor_html,
    sanitize_editor_markdown,
    unsafe_html_errors,
)

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "find_unsafe_html",
    "neutralize_markdown",
    "sanitize_editor_html",
    "sanitize_editor_markdown",
    "unsafe_html_errors",
]
