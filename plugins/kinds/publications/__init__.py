"""انتشارات و افراد.

``scaffold_text`` is the template ``python3 build.py new publication <id>`` writes.
"""

from __future__ import annotations

import json

from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.kinds.publications.records import RESERVED_IDS


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
