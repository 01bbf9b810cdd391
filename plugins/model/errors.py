"""Content errors an editor can act on: one Persian line each, never a traceback.

Format: ``path:line:column: field: message (مورد انتظار: expected)``.
Every loader collects *all* errors it finds and raises them together, so an
editor fixes a file once instead of once per error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from plugins.model.digits import to_persian_digits


@dataclass(frozen=True, order=True)
class ContentError:
    path: str  # relative to the project root, with forward slashes
    line: int = 0  # 1-based; 0 when the problem concerns the whole file
    column: int = 0
    field: str = ""
    message: str = ""
    expected: str = ""

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        text = f"{place}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.expected:
            text += f" (مورد انتظار: {self.expected})"
        return text


class ContentErrors(Exception):
    """Raised with every problem found; ``str()`` is the report an editor reads."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        lines.append(f"{to_persian_digits(count)} مشکل در محتوا پیدا شد؛ سایت ساخته نشد.")
        return "\n".join(lines)


def raise_if_any(errors: Iterable[ContentError]) -> None:
    errors = list(errors)
    if errors:
        raise ContentErrors(errors)
