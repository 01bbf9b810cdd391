"""The programme's fixed vocabularies: lifecycle status and the five-stage method.

These are the programme's own terms (sources 1, 2 and 5), not editable data:
* status: the lifecycle behind the reported national figures 423 / 126 / 46 / 58
  (identified → feasibility study done → active with a CDA → development completed);
* stage: where an active cluster stands on the five-stage method, each stage
  with its methodology page under content/method/.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    id: str
    name: str  # what readers see
    description: str
    order: int
    page: str = ""  # src_uri of the page that explains it, when there is one


STATUSES: dict[str, Term] = {
    term.id: term
    for term in (
        Term("identified", "شناسایی‌شده", "خوشه شناسایی شده است.", 1),
        Term("studied", "امکان‌سنجی‌شده", "مطالعه امکان‌سنجی خوشه انجام شده است.", 2),
        Term("active", "در حال توسعه با عامل توسعه", "پروژه توسعه خوشه با عامل توسعه خوشه (CDA) در جریان است.", 3,
             "method/cda.md"),
        Term("completed", "توسعه‌یافته", "برنامه توسعه خوشه به پایان رسیده و شبکه فعالان خوشه کار را ادامه می‌دهد.", 4),
    )
}

STAGES: dict[str, Term] = {
    term.id: term
    for term in (
        Term("diagnostic-study", "مطالعه شناختی", "شناخت وضع کنونی خوشه و فعالان آن.", 1, "method/diagnostic-study.md"),
        Term("trust-building", "اعتمادسازی", "فراهم کردن زمینه همکاری و شبکه‌سازی میان فعالان خوشه.", 2,
             "method/trust-building.md"),
        Term("action-plan", "تدوین سند برنامه عمل", "نوشتن برنامه‌های عملیاتی خوشه.", 3, "method/action-plan.md"),
        Term("implementation", "پیاده‌سازی برنامه عمل", "اجرای برنامه‌ها با همراهی ذی‌نفعان.", 4,
             "method/implementation.md"),
        Term("monitoring-evaluation", "پایش و ارزیابی", "دنبال کردن پیشرفت و سنجش نتایج.", 5,
             "method/monitoring-evaluation.md"),
    )
}

METHOD_PAGE = "method/index.md"
SOURCES_PAGE = "about/sources.md"

# Dates a record may give under `dates:`, in lifecycle order.
DATE_KINDS: dict[str, str] = {
    "identified": "شناسایی",
    "feasibility": "پایان مطالعه امکان‌سنجی",
    "started": "آغاز پروژه توسعه",
    "completed": "پایان برنامه توسعه",
}

# Firm sizes under `firms:` (ریز / کوچک / متوسط), as the programme counts them.
FIRM_SIZES: dict[str, str] = {"micro": "خرد", "small": "کوچک", "medium": "متوسط"}
