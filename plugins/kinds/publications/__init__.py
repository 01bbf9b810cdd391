"""انتشارات و افراد.

``scaffold_text`` is the template ``python3 build.py new publication <id>`` writes,
``person_text`` the one of ``python3 build.py new person <id>``.
"""

from __future__ import annotations

import json

from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.kinds.publications.records import PEOPLE_PATH, RESERVED_IDS, RESERVED_PERSON_IDS, reserved_person_id


def scaffold_text(item_id: str, title: str) -> tuple[str, str]:
    """(relative path, YAML) of a new publication record that passes validation as written.

    Optional facts (authors, translators, publisher, year, ISBN, file) are left
    as comments: the editor fills in only what a source says.
    """
    if not is_record_id(item_id) or item_id in RESERVED_IDS:
        raise ValueError(f"«{item_id}» شناسه درستی برای انتشار نیست (مورد انتظار: {RECORD_ID_EXPECTED}؛ جز {'، '.join(RESERVED_IDS)})")
    heading = " ".join(title.split()) or "عنوان انتشار"
    text = f"""# انتشار تازه؛ راهنما: plugins/kinds/publications/README.md
# نوع: book (کتاب)، article (مقاله)، guide (راهنما)، report (گزارش)، series (مجموعه)
type: book
title: {json.dumps(heading, ensure_ascii=False)}
# نویسندگان و مترجمان: شناسه‌هایی از publications/people/ (نام پرونده‌ها)
# authors: [jahangir-majidi]
# translators: [abbas-mehrpouya]
# publisher: نام ناشر
# year: 1403
# isbn: 978-964-00-0000-7
language: fa
# وضعیت: published (منتشرشده) یا in-preparation (در دست آماده‌سازی)
status: published
topics: [خوشه‌های صنعتی]
# clusters: [yazd-ceramic]
# file: files/{item_id}.pdf
# cover: files/{item_id}.jpg
summary: >-
  معرفی کوتاه انتشار را اینجا به زبان خودتان بنویسید.
# source:
#   publisher: وبگاه یا نهادی که این انتشار را معرفی کرده است
#   title: عنوان صفحه منبع
"""
    return f"publications/{item_id}.yml", text


def person_text(person_id: str, name: str) -> tuple[str, str]:
    """(relative path, YAML) of a new person: the name typed, its last word taken for the family name.

    Which words are the family name only the editor knows (``رحمانی فضلی``); the
    comment says so. The file passes validation as written; check then asks for a
    publication that credits them.
    """
    if person_id in RESERVED_PERSON_IDS:
        message, expected = reserved_person_id(person_id)
        raise ValueError(f"{message} (مورد انتظار: {expected})")
    *given, family = name.split() or ["نام خانوادگی"]
    lines = [
        "# فرد تازه؛ راهنما: plugins/kinds/publications/README.md",
        "# شناسه همان نام پرونده و نشانی صفحه اوست؛ نام و نام خانوادگی را با منبع بسنجید.",
        f"id: {person_id}",
        f"given: {json.dumps(' '.join(given) or 'نام', ensure_ascii=False)}",
        f"family: {json.dumps(family, ensure_ascii=False)}",
        "# name_en: Latin Name            # فقط برای نام‌های غیرفارسی",
    ]
    return f"{PEOPLE_PATH}/{person_id}.yml", "\n".join(lines) + "\n"
