"""The hazm step: one Persian segment through hazm's Normalizer and the glued-suffix rule.

hazm is imported here only, once, lazily, on the first segment not in the cache
(its import and set-up take seconds); ``build.py check`` never reaches it. Only the
parts of hazm Khooshe uses are imported (:func:`hazm_parts`).
"""

from __future__ import annotations

import abc
import importlib
import importlib.util
import sys
import threading
import types
from functools import lru_cache

from plugins.model.text.characters import SPACE_BEFORE_PERCENT
from plugins.model.text.options import HAZM_OPTIONS
from plugins.model.text.suffixes import PERSIAN_WORD_RE, glued_suffix


# hazm's package ``__init__`` imports all of hazm: its taggers, chunkers and embeddings pull in
# numpy, scikit-learn, gensim and the whole of nltk, about 140 MB and two seconds that the
# normalizer, the stemmer and the lemmatizer do not need. These modules are all they are made
# of; their one need outside hazm is two of nltk's abstract classes, named as parents only.
HAZM_MODULES = ("utils", "word_tokenizer", "stemmer", "lemmatizer", "normalizer")
NLTK_PARENTS = {"nltk.tokenize.api": "TokenizerI", "nltk.stem.api": "StemmerI"}


_LOADING = threading.Lock()  # the preview's warm-up thread and a save may ask at once


def hazm_parts() -> types.SimpleNamespace:
    """hazm's ``Normalizer``, ``Stemmer`` and ``Lemmatizer``, imported without the rest of hazm.

    Its modules are imported under a bare ``hazm`` package (and bare stand-ins for nltk's two
    parents, unless nltk is loaded), then every name they were imported under is given back:
    a later ``import hazm`` anywhere is hazm's own, whole.
    """
    with _LOADING:  # another thread must not see the bare package half made
        return _hazm_parts()


@lru_cache(maxsize=1)
def _hazm_parts() -> types.SimpleNamespace:
    if "hazm" in sys.modules:  # hazm itself is loaded already
        return _parts_of(sys.modules["hazm"])
    spec = importlib.util.find_spec("hazm")
    if spec is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError("No module named 'hazm'", name="hazm")
    package = _bare_module("hazm", list(spec.submodule_search_locations))
    stand_ins = {"hazm": package} if "nltk" in sys.modules else {"hazm": package, **_nltk_parents()}
    before = set(sys.modules)
    sys.modules.update(stand_ins)
    try:
        for name in HAZM_MODULES:
            module = importlib.import_module(f"hazm.{name}")
            # the next module imports these names from the package (``from hazm import Lemmatizer``)
            vars(package).update({key: value for key, value in vars(module).items() if not key.startswith("_")})
    finally:  # flashtext and the rest that hazm's modules imported stay, as any import's would
        for name in set(sys.modules) - before:
            if name in stand_ins or name.startswith("hazm."):
                del sys.modules[name]
    return _parts_of(package)


def _parts_of(package: types.ModuleType) -> types.SimpleNamespace:
    return types.SimpleNamespace(Normalizer=package.Normalizer, Stemmer=package.Stemmer, Lemmatizer=package.Lemmatizer)


def _nltk_parents() -> dict[str, types.ModuleType]:
    modules = {name: _bare_module(name, []) for name in ("nltk", "nltk.tokenize", "nltk.stem")}
    for name, parent in NLTK_PARENTS.items():
        modules[name] = _bare_module(name, None)
        setattr(modules[name], parent, abc.ABCMeta(parent, (), {}))
    return modules


def _bare_module(name: str, path: list[str] | None) -> types.ModuleType:
    module = types.ModuleType(name)
    if path is not None:
        module.__path__ = path
    return module


@lru_cache(maxsize=1)
def hazm_normalizer():
    Normalizer = hazm_parts().Normalizer  # imported once, on the first segment not in the cache

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
    """Whether hazm was imported in this process."""
    return _hazm_parts.cache_info().currsize > 0


def run_hazm(segment: str) -> str:
    """A Persian segment normalized: hazm, then «۵۰ ٪» joined again, then glued suffixes."""
    normalizer = hazm_normalizer()
    result = normalizer.normalize(segment)
    # hazm splits «۵۰٪» into two tokens and joins them with a space.
    result = SPACE_BEFORE_PERCENT.sub("", result)
    return PERSIAN_WORD_RE.sub(lambda match: glued_suffix(match.group(), normalizer.words), result)
