"""اخبار (بایگانی، خوراک‌ها).

``scaffold_text`` is the template ``python3 build.py new news <id>`` writes.
"""

from __future__ import annotations

import datetime as dt
import json

from plugins.model.dates import Date
from plugins.kinds.news.articles import RESERVED_IDS
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id


def scaffold_text(item_id: str, title: str, *, today: Date | None = None) -> tuple[str, str]:
    """(relative path, Markdown) of a new news article that passes validation as written.

    The original publication date is left unknown (``date_unknown: true``) until
    the editor writes the date the source gives: a template never invents one.
    ``added`` is today (Jalali).
    """
    if not is_record_id(item_id) or item_id in RESERVED_IDS:
        raise ValueError(f"«{item_id}» شناسه درستی برای خبر نیست (مورد انتظار: {RECORD_ID_EXPECTED}؛ جز {'، '.join(RESERVED_IDS)})")
    day = (today or Date(dt.date.today())).jalali
    added = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    heading = " ".join(title.split()) or "عنوان خبر"
    text = f"""---
title: {json.dumps(heading, ensure_ascii=False)}
# اگر منبع تاریخ انتشار دارد، خط date_unknown را بردارید و تاریخ را بنویسید، مثل:
# date: {added}
date_unknown: true
added: {added}
summary: >-
  خلاصه یک‌بندی خبر را اینجا به زبان خودتان بنویسید.
tags:
  - برنامه ملی
# province: isfahan
# clusters:
#   - isfahan-stone
source:
  publisher: نام رسانه یا نهادی که خبر را نخست منتشر کرد
  # title: عنوان خبر در منبع
  # url: https://example.org/news/123
---

متن خبر را اینجا به زبان خودتان بنویسید و منبع را در فیلد source نام ببرید.

## بخش بعدی

عنوان بخش‌های متن با ## شروع می‌شود؛ عنوان خبر فقط در فیلد title می‌آید.
"""
    return f"content/news/{item_id}.md", text
