"""The hazm step: one Persian segment through hazm's Normalizer and the glued-suffix rule.

hazm is imported here only, once, lazily, on the first segment not in the cache
(its import and set-up take seconds); ``build.py check`` never reaches it.
"""

from __future__ import annotations

from functools import lru_cache

from plugins.model.text.characters import SPACE_BEFORE_PERCENT
from plugins.model.text.options import HAZM_OPTIONS
from plugins.model.text.suffixes import PERSIAN_WORD_RE, glued_suffix


@lru_cache(maxsize=1)
def hazm_normalizer():
    from hazm import Normalizer  # imported once, on the first segment not in the cache

    class KhoosheNormalizer(Normalizer):
        """hazm's Normalizer without one rule: joining two words because the pair is in the lexicon.

        That rule (``token_spacing``) turns «در یک رشته صنعتی» into «یک‌رشته», «نوشته
        شده است» into «نوشته‌شده است» and «قابل اجرا» into «قابل‌اجرا»: right for some
        adjectives, wrong for verb phrases and for the counted nouns of this site's
        prose, and lint must never "correct" good text. Kept from ``token_spacing``:
        verb forms (می + شود → می‌شود) and the suffixes ها/های/تر/ترین/ای/ام/… after a
        known word. Compound words written with a space stay as the editor wrote them.
        """

        def token_spacing(self, tokens: list[str]) -> list[str]:
            result: list[str] = []
            for index, token in enumerate(tokens):
                joined = False
                if result:
                    pair = f"{result[-1]}\u200c{token}"
                    if pair in self.verbs:
                        following = index < len(tokens) - 1 and f"{token}_{tokens[index + 1]}" in self.verbs
                        joined = not following
                    elif token in self.suffixes and result[-1] in self.words:
                        joined = True
                if joined:
                    result[-1] = pair
                else:
                    result.append(token)
            return result

    return KhoosheNormalizer(**HAZM_OPTIONS)


def hazm_loaded() -> bool:
    return hazm_normalizer.cache_info().currsize > 0


def run_hazm(segment: str) -> str:
    """A Persian segment normalized: hazm, then «۵۰ ٪» joined again, then glued suffixes."""
    normalizer = hazm_normalizer()
    result = normalizer.normalize(segment)
    # hazm splits «۵۰٪» into two tokens and joins them with a space.
    result = SPACE_BEFORE_PERCENT.sub("", result)
    return PERSIAN_WORD_RE.sub(lambda match: glued_suffix(match.group(), normalizer.words), result)
