"""Search folding, stemming and keys in Python (the browser twin is tested in test_search_browser.py)."""

from __future__ import annotations

import pytest

from plugins.model.folding import SEARCH_FOLDING, fold_for_search, tokens, unjoin
from plugins.views.search.analysis import KeyMaker, query_plan, rules_table, stem, word_keys

ZWNJ = "\u200c"

# (what a reader might type, the folded spelling search uses)
FOLDING = [
    # Arabic ي and ك
    ("كسب و كار صنعتي", "کسب و کار صنعتی"),
    ("ى", "ی"),
    # ۀ, هٔ and ة all become ه
    ("خانۀ صنعت", "خانه صنعت"),
    ("خانهٔ صنعت", "خانه صنعت"),
    ("مدرسة", "مدرسه"),
    # diacritics, tatweel and hamza forms
    ("صِنْعَتی", "صنعتی"),
    ("مُدیریّت", "مدیریت"),
    ("صنـــعتی", "صنعتی"),
    ("تأکید", "تاکید"),
    ("آموزش", "اموزش"),
    ("ارتقاء", "ارتقا"),
    ("ارائه", "ارایه"),
    ("ارايه", "ارایه"),
    ("مسؤول", "مسوول"),
    # three digit scripts, thousands separators
    ("۱۳۸۵", "1385"),
    ("١٣٨٥", "1385"),
    ("1385", "1385"),
    ("۲۴۳٬۸۷۰ نفر", "243870 نفر"),
    ("243,870", "243870"),
    ("۱٫۵", "1 5"),
    # ZWNJ, space or nothing before a suffix; prefixes; compounds
    ("خوشه‌ها", f"خوشه{ZWNJ}ها"),
    ("خوشه ها", f"خوشه{ZWNJ}ها"),
    ("خوشه هاي صنعتي", f"خوشه{ZWNJ}های صنعتی"),
    ("خوشهها", "خوشهها"),
    ("خوشه اي", f"خوشه{ZWNJ}ای"),
    ("بزرگ ترین", f"بزرگ{ZWNJ}ترین"),
    ("مي شود", f"می{ZWNJ}شود"),
    ("نمی شود", f"نمی{ZWNJ}شود"),
    ("بی نظیر", f"بی{ZWNJ}نظیر"),
    ("کسب‌وکار", f"کسب{ZWNJ}وکار"),
    ("کسب\u200bوکار", f"کسب{ZWNJ}وکار"),  # a zero-width space typed for a ZWNJ
    # punctuation separates, Latin is lower-cased, invisible marks go
    ("صنعت، معدن؛ تجارت!", "صنعت معدن تجارت"),
    ("UNIDO و ILO", "unido و ilo"),
    ("\u200fیزد\u200e", "یزد"),
    ("خوشه، ها", "خوشه ها"),  # a comma is not a space: «ها» stays apart
]


@pytest.mark.parametrize("typed, folded", FOLDING)
def test_fold_for_search(typed, folded):
    assert fold_for_search(typed) == folded


def test_the_text_pipeline_re_exports_the_same_folding():
    from plugins.model import text

    assert text.fold_for_search is fold_for_search
    assert text.SEARCH_FOLDING is SEARCH_FOLDING


@pytest.mark.parametrize("variants", [
    ["خوشه‌ها", "خوشه ها", "خوشهها"],
    ["کسب‌وکار", "کسبوکار"],
    ["شهرک‌های", "شهرک های", "شهرکهای", "شهركهاي"],
    ["می‌شود", "می شود", "میشود", "مي شود"],
])
def test_zwnj_space_and_nothing_give_one_key(variants):
    keys = {unjoin(token) for variant in variants for token in tokens(variant)}
    assert len(keys) == 1, keys


@pytest.mark.parametrize("word", [
    "کتاب‌ها", "کتابی", "کتاب‌هایشان", "اندیشه‌اش", "خوشه‌های", "خوشه‌ای", "استان‌ها", "صنعتی", "فعالیت‌ها",
    "بزرگ‌ترین", "شهرک‌ها", "کارشناسان", "اطلاعات",
])
def test_stem_is_hazms_stemmer(word):
    import hazm

    assert stem(word) == hazm.Stemmer().stem(word)


def test_rules_table_carries_hazms_suffixes_in_order():
    table = rules_table()
    assert table["stem"][:4] == ["ات", "ان", "ترین", "تر"]
    assert table["chars"]["ي"] == "ی" and table["chars"]["۵"] == "5"
    assert {key for key in table if key != "stem"} == set(SEARCH_FOLDING)


@pytest.mark.parametrize("query, page_word", [
    ("خوشه", "خوشه‌ها"),
    ("خوشه", "خوشه‌های"),
    ("خوشه", "خوشه‌ای"),
    ("خوشه‌ها", "خوشه"),
    ("خوشه‌ها", "خوشه‌های"),
    ("خوشه ها", "خوشهها"),
    ("استان", "استان‌ها"),
    ("استان‌های", "استان"),
    ("فعالیت", "فعالیت‌ها"),
    ("كارشناس", "کارشناسان"),
    ("کتاب", "کتاب‌ها"),  # hazm's lexicon lists «کتاب‌ها», but a ZWNJ-joined «ها» is a plural
])
def test_plurals_and_suffixes_share_a_key(query, page_word):
    maker = KeyMaker([])
    (token,) = tokens(query)
    (indexed,) = tokens(page_word)
    assert {key for key, _ in word_keys(token)} & set(maker.word(indexed))


def test_the_index_keeps_only_stems_that_are_words():
    maker = KeyMaker([])
    assert maker.word("استان") == ("استان",)  # a lexicon word: hazm's stemmer would strip it to «اس»
    assert maker.word("سیستم") == ("سیستم",)  # … and «سیستم» to «سیس», the stem of «سیستان» too
    assert maker.word("صنعتی") == ("صنعتی",)
    assert maker.word(f"خوشه{ZWNJ}های") == ("خوشههای", "~خوشه")  # the lemma key, apart from the form «خوشه»
    assert maker.word("خوشههای") == ("خوشههای", "~خوشه")
    assert maker.word("و") == ("و",)  # a function word is its own key only (the index puts it in its own shards)
    assert maker.word("تولیدکنندگان") == ("تولیدکنندگان",)  # its stem «تولیدکنندگ» is no word
    assert KeyMaker(["تولیدکنندگ"]).word("تولیدکنندگان")[1] == "~تولیدکنندگ"  # the site's words count


def test_compounds_written_apart_are_joined_when_the_join_is_a_word():
    maker = KeyMaker(["برنامهریزی"])
    assert maker.joins(["کسب", "و", "کار"]) == ["کسبوکار"]  # in hazm's lexicon as «کسب‌وکار»
    assert maker.joins(["برنامه", "ریزی"]) == ["برنامهریزی"]  # written as one word elsewhere on the site
    assert maker.joins(["کسب", "و", f"کار{ZWNJ}ها"]) == ["~کسبوکار"]
    assert maker.joins(["خوشه", "صنعتی"]) == []
    assert maker.joins(["از", "این"]) == []  # function words are never joined


def test_query_plan():
    plan = query_plan("كسب و كار خوشه هاي صنعتي")
    assert plan["folded"] == f"کسب و کار خوشه{ZWNJ}های صنعتی"
    assert [(w["token"], w["stop"]) for w in plan["words"]] == [
        ("کسب", False), ("و", True), ("کار", False), (f"خوشه{ZWNJ}های", False), ("صنعتی", False),
    ]
    # the form typed; pages with it only as a lemma; its stem, as a form and as a lemma
    assert plan["words"][3]["keys"] == [["خوشههای", 1.0], ["~خوشههای", 0.8], ["خوشه", 0.8], ["~خوشه", 0.8]]
    assert plan["words"][1]["keys"] == [["و", 1.0]]  # a function word: looked up alone only
    assert [(s["start"], s["end"], s["keys"][0][0]) for s in plan["spans"]] == [
        (2, 3, "کارخوشههای"), (3, 4, "خوشههایصنعتی"), (0, 2, "کسبوکار"),
    ]
    compound = query_plan("برنامه‌ریزی")["words"][0]
    assert compound["parts"] == [[["برنامه", 1.0], ["~برنامه", 0.8]],
                                 [["ریزی", 1.0], ["~ریزی", 0.8], ["ریز", 0.8], ["~ریز", 0.8]]]
