"""A synthetic Persian corpus for the benchmark, valid for Khooshe's schemas.

Two sites are written from one corpus:

* a **Khooshe project**: the real site frame and shipped content of this
  repository, plus N synthetic records — 10 % cluster YAML records, 80 % news
  Markdown articles, 10 % publication YAML records — in the formats the
  capabilities' own loaders accept;
* a **stock project**: the same text as plain Markdown pages for stock
  mkdocs-material (Material's ``search`` plugin on, as a stock site has it),
  every record page kept out of the nav.

The prose is drawn from the vocabulary of the seed documents
(``shared/seeds/*.txt`` beside the clone, normalised), weighted by how often each word is
used there, so word lengths and the mix of common and rare words look like the
programme's own texts. A fraction of the items carries the seeds' typing
defects (Arabic ي/ك, lost zero-width non-joiners, Latin and Arabic-Indic digits,
doubled spaces) for the text pipeline to repair.

Everything is drawn from one seeded ``random.Random``: the same seed and N give
byte-identical corpora.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plugins.model.yamlio import parse_yaml

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("KHOOSHE_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")  # shared/ beside the clone

# The shipped frame a Khooshe project needs (the same folders tests/conftest.py copies).
FRAME = ("mkdocs.yml", "overrides", "content", "clusters", "publications")

ZWNJ = "\u200c"
_WORD = re.compile(rf"[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC\u06C0{ZWNJ}]+")
_LATIN_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_LATIN_TO_ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# A few dozen words the seeds use often, in case the seed folder is missing.
FALLBACK_TEXT = """
توسعه خوشه‌های صنعتی یکی از الگوهای موفق سازماندهی صنایع کوچک و متوسط است که با همکاری
بنگاه‌ها و نهادهای پشتیبان در یک منطقه جغرافیایی شکل می‌گیرد و قابلیت رقابت واحدهای
تولیدی را افزایش می‌دهد. سازمان صنایع کوچک و شهرک‌های صنعتی ایران برنامه ملی توسعه
خوشه‌ها را با فرهنگ‌سازی، تهیه نقشه کشوری، الگوسازی، بسترسازی قانونی و توسعه نهادها
دنبال می‌کند و عامل توسعه خوشه راهبری پروژه را بر عهده دارد.
"""


# --------------------------------------------------------------------------- vocabulary

_SPACED_PREFIX = re.compile(r"(?<![^\s])(ن?می) (?=[\u0600-\u06FF])")
_SPACED_SUFFIX = re.compile(r"(?<=[\u0600-\u06FF]) (ها|های|هایی|تر|ترین)(?![\u0600-\u06FF])")


def light_normalize(text: str) -> str:
    """Enough normalisation for a clean vocabulary: Persian ی/ک and ZWNJ in «می‌شود», «خوشه‌های».

    Deliberately not Khooshe's own normalizer: the corpus must stay the same
    when the text pipeline changes, so benchmark runs of different commits
    compare like with like (and generating it must not pay hazm's start-up).
    """
    text = text.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
    text = _SPACED_PREFIX.sub(lambda m: m.group(1) + ZWNJ, text)
    return _SPACED_SUFFIX.sub(lambda m: ZWNJ + m.group(1), text)


@dataclass
class Vocabulary:
    """Seed words with their frequencies, for weighted sampling."""

    words: list[str]
    cumulative: list[int]

    @classmethod
    def from_seeds(cls, folder: Path = SEEDS) -> "Vocabulary":
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
        raw = "\n".join(texts) or FALLBACK_TEXT
        # Normalised as the site shows the seeds: ي/ك folded, «می شود» and «خوشه های»
        # joined with a zero-width non-joiner; defects come back later, on purpose,
        # in a measured share of the items.
        clean = light_normalize(raw)
        counts = Counter(
            word for word in _WORD.findall(clean)
            if len(word) >= 2 and not word.startswith(ZWNJ) and not word.endswith(ZWNJ)
        )
        words = sorted(counts)  # sorted: independent of dict order
        merged = counts
        return cls(words, list(itertools.accumulate(merged[word] for word in words)))

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def rare(self, rng: random.Random, count: int) -> list[str]:
        """Words drawn uniformly (names and titles sound less repetitive)."""
        return [self.words[rng.randrange(len(self.words))] for _ in range(count)]


# --------------------------------------------------------------------------- prose

class Writer:
    """Persian prose, titles and seed-style defects from one seeded generator."""

    def __init__(self, seed: int = 1380, defect_rate: float = 0.2, vocabulary: Vocabulary | None = None):
        self.rng = random.Random(seed)
        self.vocabulary = vocabulary or Vocabulary.from_seeds()
        self.defect_rate = defect_rate

    def sentence(self, low: int = 8, high: int = 18) -> str:
        rng = self.rng
        words = self.vocabulary.sample(rng, rng.randint(low, high))
        if rng.random() < 0.25:  # figures are common in programme texts
            words.insert(rng.randrange(len(words)), str(rng.choice((3, 11, 21, 46, 58, 70, 126, 423, 1380, 1398))))
        if len(words) > 9 and rng.random() < 0.5:
            words[rng.randrange(3, len(words) - 2)] += "،"
        return " ".join(words) + "."

    def paragraph(self, sentences: tuple[int, int] = (2, 5)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def title(self, low: int = 3, high: int = 7) -> str:
        words = self.vocabulary.rare(self.rng, self.rng.randint(low, high))
        return " ".join(words)

    def body(self, paragraphs: tuple[int, int]) -> str:
        """Markdown prose: paragraphs, sometimes a heading, a list or a link."""
        rng = self.rng
        blocks: list[str] = []
        for index in range(rng.randint(*paragraphs)):
            if index and rng.random() < 0.2:
                blocks.append("## " + self.title(2, 4))
            if rng.random() < 0.12:
                blocks.append("\n".join("- " + self.sentence(4, 9) for _ in range(rng.randint(2, 5))))
            blocks.append(self.paragraph())
        if rng.random() < 0.2:
            blocks.append(f"[{self.title(2, 3)}](https://example.org/bench/{rng.randrange(10**6)})")
        return "\n\n".join(blocks)

    def wants_defects(self) -> bool:
        return self.rng.random() < self.defect_rate

    def defects(self, text: str) -> str:
        """Seed-style typing defects: ي/ك, lost ZWNJ, foreign digits, doubled spaces."""
        rng = self.rng
        if rng.random() < 0.7:
            text = text.replace("ی", "ي").replace("ک", "ك")
        if rng.random() < 0.6:
            text = text.replace(ZWNJ, rng.choice(("", " ")))
        if rng.random() < 0.3:
            text = re.sub(r"[0-9]+", lambda m: m.group().translate(_LATIN_TO_ARABIC), text)
        if rng.random() < 0.3:
            text = re.sub(r"(?<=\S) (?=\S)", lambda m: "  " if rng.random() < 0.05 else " ", text)
        return text

    def prose(self, text: str, damaged: bool) -> str:
        return self.defects(text) if damaged else text

    def persian_digits(self, number: object) -> str:
        return str(number).translate(_LATIN_TO_PERSIAN)


# --------------------------------------------------------------------------- records

@dataclass
class Corpus:
    """What was written: counts and the files a benchmark needs to find again."""

    pages: int
    clusters: list[Path] = field(default_factory=list)
    news: list[Path] = field(default_factory=list)
    publications: list[Path] = field(default_factory=list)
    damaged: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {"clusters": len(self.clusters), "news": len(self.news), "publications": len(self.publications)}


def split_counts(pages: int) -> tuple[int, int, int]:
    """10 % clusters, 80 % news, 10 % publications (news takes the remainder)."""
    clusters = pages // 10
    publications = pages // 10
    return clusters, pages - clusters - publications, publications


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Multi-line text as a literal block (``|``), the way editors write descriptions."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _represent_str)


def _yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def _front_matter(meta: dict[str, Any], body: str) -> str:
    return f"---\n{_yaml(meta)}---\n\n{body}\n"


class Schemas:
    """The record formats of the Khooshe capabilities, as their loaders accept them.

    Registries (provinces, sectors, partners, source documents) are read from
    the plugins' own modules, so every id a synthetic record names exists; the
    documented values are a fallback for an older checkout.
    """

    def __init__(self) -> None:
        self.provinces = self._provinces()  # [(id, name, centre, lat, lon)]
        self.sectors, self.partners, self.documents = self._cluster_registries()

    @staticmethod
    def _provinces() -> list[tuple[str, str, str, float, float]]:
        try:
            from plugins.model.provinces import load_provinces

            return sorted((p.id, p.name, p.centre, p.lat, p.lon) for p in load_provinces().values())
        except Exception:
            return [("yazd", "یزد", "یزد", 31.8974, 54.3569), ("isfahan", "اصفهان", "اصفهان", 32.6539, 51.6660)]

    @staticmethod
    def _cluster_registries() -> tuple[list[str], list[str], list[str]]:
        # The ids only, read straight from the registry files: loading them through
        # plugins.kinds.clusters.registries would normalise their text and start hazm.
        data = REPO / "plugins" / "clusters" / "data"
        ids = []
        for name, fallback in (("sectors.yml", "food"), ("partners.yml", "unido"), ("sources.yml", "source-1")):
            try:
                items = yaml.safe_load((data / name).read_text(encoding="utf-8")) or []
                ids.append(sorted(str(item["id"]) for item in items) or [fallback])
            except (OSError, yaml.YAMLError, TypeError, KeyError):
                ids.append([fallback])
        return ids[0], ids[1], ids[2]


CLUSTER_STATUSES = (("identified", 60), ("studied", 20), ("active", 12), ("completed", 8))
STAGES = ("diagnostic-study", "trust-building", "action-plan", "implementation", "monitoring-evaluation")
PUBLICATION_TYPES = (("book", 40), ("article", 35), ("guide", 10), ("report", 10), ("series", 5))
ADDED = "1405-09-02"  # the day the synthetic items were "added to Khooshe"


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in choices], weights=[weight for _, weight in choices])[0]


def _jalali_day(rng: random.Random, first_year: int = 1380, last_year: int = 1404) -> str:
    return f"{rng.randint(first_year, last_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def isbn13(rng: random.Random) -> str:
    """A valid ISBN-13 in the Iranian 978-600/964 ranges (checksum computed)."""
    digits = [9, 7, 8] + [int(c) for c in rng.choice(("600", "964"))] + [rng.randrange(10) for _ in range(6)]
    check = (10 - sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    text = "".join(map(str, digits + [check]))
    return f"{text[:3]}-{text[3:6]}-{text[6:10]}-{text[10:12]}-{text[12]}"


class Pools:
    """Labels shared by many items (tags, topics, publishers, products): realistic repetition."""

    def __init__(self, writer: Writer, pages: int):
        def labels(count: int, low: int, high: int) -> list[str]:
            seen: dict[str, None] = {}
            while len(seen) < count:
                seen.setdefault(writer.title(low, high), None)
            return list(seen)

        self.tags = labels(max(20, min(120, pages // 80)), 1, 2)
        self.topics = labels(max(15, min(80, pages // 120)), 1, 2)
        self.publishers = labels(25, 2, 4)
        self.products = labels(200, 1, 2)


def write_cluster(writer: Writer, schemas: Schemas, pools: Pools, root: Path, number: int) -> tuple[Path, str]:
    """One cluster record under clusters/<province>/; returns (path, id)."""
    rng = writer.rng
    province_id, province_name, centre, lat, lon = schemas.provinces[number % len(schemas.provinces)]
    cluster_id = f"bench-cluster-{number:05d}"
    damaged = writer.wants_defects()
    product = rng.choice(pools.products)
    status = _weighted(rng, CLUSTER_STATUSES)
    identified = rng.randint(1380, 1396)
    record: dict[str, Any] = {
        "id": cluster_id,
        "name": writer.prose(f"خوشه {product} {centre}", damaged),
        "province": province_id,
        "cities": [centre],
        "sector": rng.choice(schemas.sectors),
        "products": list(dict.fromkeys([product] + rng.sample(pools.products, rng.randint(0, 2)))),
        "status": status,
    }
    if status == "active":
        record["stage"] = rng.choice(STAGES)
    dates: dict[str, int] = {"identified": identified}
    if status in ("studied", "active", "completed"):
        dates["feasibility"] = identified + rng.randint(0, 2)
    if status in ("active", "completed"):
        dates["started"] = dates["feasibility"] + rng.randint(0, 2)
    if status == "completed":
        dates["completed"] = dates["started"] + rng.randint(1, 3)
    record["dates"] = dates
    if rng.random() < 0.2:
        record["partners"] = [rng.choice(schemas.partners)]
    if rng.random() < 0.5:
        record["coordinates"] = {
            "lat": round(lat + rng.uniform(-0.02, 0.02), 4),
            "lon": round(lon + rng.uniform(-0.02, 0.02), 4),
            "note": f"نزدیک مرکز استان {province_name}",
        }
    if rng.random() < 0.3:
        record["firms"] = [{"total": rng.randint(10, 900), "as_of": rng.randint(identified, 1404),
                            "source": rng.choice(schemas.documents)}]
    record["sources"] = [{"document": rng.choice(schemas.documents)}]
    record["description"] = writer.prose(writer.body((1, 3)), damaged)
    path = root / "clusters" / province_id / f"{cluster_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_yaml(record), encoding="utf-8")
    return path, cluster_id


def write_news(writer: Writer, schemas: Schemas, pools: Pools, root: Path, number: int,
               cluster_ids: list[str]) -> Path:
    """One article in content/news/ (the front matter of plugins/kinds/news/articles.py)."""
    rng = writer.rng
    damaged = writer.wants_defects()
    meta: dict[str, Any] = {"title": writer.prose(writer.title(4, 9), damaged)}
    if rng.random() < 0.9:
        meta["date"] = _jalali_day(rng)
    else:
        meta["date_unknown"] = True
    meta["added"] = ADDED
    meta["summary"] = writer.prose(writer.sentence(8, 16), damaged)
    meta["tags"] = [writer.prose(tag, damaged) for tag in rng.sample(pools.tags, rng.randint(1, 3))]
    if rng.random() < 0.7:
        meta["province"] = rng.choice(schemas.provinces)[0]
    if cluster_ids and rng.random() < 0.4:
        meta["clusters"] = sorted(set(rng.choice(cluster_ids) for _ in range(rng.randint(1, 2))))
    meta["source"] = {"publisher": rng.choice(pools.publishers)}
    if rng.random() < 0.5:
        meta["source"]["title"] = writer.title(3, 7)
    body = writer.prose(writer.body((3, 7)), damaged)
    path = root / "content" / "news" / f"bench-news-{number:05d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_front_matter(meta, body), encoding="utf-8")
    return path


def write_publication(writer: Writer, schemas: Schemas, pools: Pools, root: Path, number: int,
                      cluster_ids: list[str], people: list[str]) -> Path:
    """One record in publications/ (plugins/kinds/publications/records.py); its id is the file name."""
    rng = writer.rng
    damaged = writer.wants_defects()
    kind = _weighted(rng, PUBLICATION_TYPES)
    status = "in-preparation" if rng.random() < 0.15 else "published"
    # Person i first writes publication i, so every synthetic person is used.
    authors = [people[(number - 1) % len(people)]] if number <= len(people) else []
    authors += [rng.choice(people) for _ in range(rng.randint(0 if authors else 1, 2))]
    record: dict[str, Any] = {
        "type": kind,
        "title": writer.prose(writer.title(3, 8), damaged),
        "authors": list(dict.fromkeys(authors)),
    }
    if rng.random() < 0.3:
        translators = [person for person in dict.fromkeys(rng.choice(people) for _ in range(rng.randint(1, 2)))
                       if person not in record["authors"]]
        if translators:
            record["translators"] = translators
    record["publisher"] = rng.choice(pools.publishers)
    if status == "published":
        record["year"] = rng.randint(1370, 1404)
        if rng.random() < 0.5:
            record["isbn"] = isbn13(rng)
    record["language"] = "fa"
    record["status"] = status
    record["topics"] = rng.sample(pools.topics, rng.randint(1, 3))
    if cluster_ids and rng.random() < 0.3:
        record["clusters"] = sorted(set(rng.choice(cluster_ids) for _ in range(rng.randint(1, 2))))
    record["summary"] = writer.prose(writer.body((1, 2)), damaged)
    path = root / "publications" / f"bench-pub-{number:05d}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_yaml(record), encoding="utf-8")
    return path


def write_people(writer: Writer, root: Path, count: int) -> list[str]:
    """``count`` synthetic authors/translators, one file each in publications/people/."""
    folder = root / "publications" / "people"
    folder.mkdir(parents=True, exist_ok=True)
    people = [f"bench-person-{number:05d}" for number in range(1, count + 1)]
    for person in people:
        record = {"id": person, "given": writer.title(1, 1), "family": writer.title(1, 2)}
        (folder / f"{person}.yml").write_text(_yaml(record), encoding="utf-8")
    return people


def make_khooshe_project(root: Path, pages: int, *, seed: int = 1380, defect_rate: float = 0.2) -> Corpus:
    """The repository's site frame and shipped content plus ``pages`` synthetic records."""
    root.mkdir(parents=True, exist_ok=True)
    for name in FRAME:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif source.exists():
            shutil.copy2(source, root / name)
    writer = Writer(seed=seed, defect_rate=defect_rate)
    schemas = Schemas()
    pools = Pools(writer, pages)
    n_clusters, n_news, n_publications = split_counts(pages)
    corpus = Corpus(pages=pages)
    cluster_ids: list[str] = []
    for number in range(1, n_clusters + 1):
        path, cluster_id = write_cluster(writer, schemas, pools, root, number)
        corpus.clusters.append(path)
        cluster_ids.append(cluster_id)
    for number in range(1, n_news + 1):
        corpus.news.append(write_news(writer, schemas, pools, root, number, cluster_ids))
    people = write_people(writer, root, max(1, n_publications // 2)) if n_publications else []
    for number in range(1, n_publications + 1):
        corpus.publications.append(write_publication(writer, schemas, pools, root, number, cluster_ids, people))
    return corpus


# --------------------------------------------------------------------------- the stock site

class _ConfigLoader(yaml.SafeLoader):
    """Reads Khooshe's mkdocs.yml without its Python-specific tags."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _stock_extensions(extensions: list[Any]) -> list[Any]:
    """Khooshe's Markdown extensions minus options set by a Python tag (a custom slugify)."""
    out: list[Any] = []
    for entry in extensions:
        if isinstance(entry, dict):
            entry = {
                name: ({key: value for key, value in options.items() if value is not None} if isinstance(options, dict) else options)
                for name, options in entry.items()
            }
        out.append(entry)
    return out


def _text_fields(value: Any, skip: frozenset[str]) -> list[tuple[str, str]]:
    """Every scalar of a record, flattened to (dotted key, text) in file order."""
    out: list[tuple[str, str]] = []

    def walk(prefix: str, item: Any) -> None:
        if isinstance(item, dict):
            for key, sub in item.items():
                if not prefix and key in skip:
                    continue
                walk(f"{prefix}.{key}" if prefix else str(key), sub)
        elif isinstance(item, list):
            if all(not isinstance(sub, (dict, list)) for sub in item):
                out.append((prefix, "، ".join(str(sub) for sub in item)))
            else:
                for sub in item:
                    walk(prefix, sub)
        elif item is not None and str(item).strip():
            out.append((prefix, str(item)))

    walk("", value)
    return out


_LONG_FIELDS = ("description", "summary", "body", "abstract", "notes", "note")
_TITLE_FIELDS = ("title", "name")


def plain_page(data: dict[str, Any], body: str = "") -> str:
    """A record or an article as one plain Markdown page: title, its fields, its prose."""
    title = next((str(data[key]) for key in _TITLE_FIELDS if isinstance(data.get(key), str)), "بی‌عنوان")
    long_text = [str(data[key]) for key in _LONG_FIELDS if isinstance(data.get(key), str)]
    skip = frozenset(_TITLE_FIELDS + _LONG_FIELDS)
    facts = [f"- **{key}:** {text}" for key, text in _text_fields(data, skip) if "\n" not in text]
    title_yaml = title.replace("\\", "\\\\").replace('"', '\\"')
    parts = [f'---\ntitle: "{title_yaml}"\n---', f"# {title}"]
    if facts:
        parts.append("\n".join(facts))
    parts.extend(long_text)
    if body.strip():
        parts.append(body.strip())
    return "\n\n".join(parts) + "\n"


REGISTRY_FILES = ("reported.yml",)
NOT_PAGES = ("files", "people")  # publications/files/ and the people (Khooshe's own people pages; stock has none)


def _people_names(folder: Path) -> dict[str, str]:
    """Person id → «given family» from publications/people/<id>.yml."""
    names = {}
    for path in sorted(folder.glob("*.yml")):
        data = _load_plain_yaml(path)
        if isinstance(data, dict):
            names[path.stem] = f"{data.get('given', '')} {data.get('family', '')}".strip()
    return names


def _load_plain_yaml(path: Path) -> Any:
    # Khooshe's strict loader: no YAML 1.1 dates, scalars stay as the editor typed them.
    return parse_yaml(path.read_text(encoding="utf-8"), path.name)[0]


def _split_markdown(text: str) -> tuple[dict[str, Any], str]:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            meta = parse_yaml(text[4:end], "front matter")[0] or {}
            return (meta if isinstance(meta, dict) else {}), text[end + 4:].lstrip("-\n")
    return {}, text


def make_stock_project(khooshe_root: Path, root: Path) -> dict[str, Path]:
    """The same text as plain Markdown pages for stock mkdocs-material.

    Returns the two configs written: ``search`` (Material's search plugin on, as
    a stock site has it) and ``nosearch`` (no plugins at all).
    """
    docs = root / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(khooshe_root / "content", docs)
    # News articles: front matter fields become text lines (stock MkDocs would read
    # Jalali dates as Gregorian YAML dates and fail on some of them).
    for article in sorted((docs / "news").rglob("*.md")):
        meta, body = _split_markdown(article.read_text(encoding="utf-8"))
        article.write_text(plain_page(meta, body), encoding="utf-8")
    people = _people_names(khooshe_root / "publications" / "people")
    for kind in ("clusters", "publications"):
        for record_path in sorted((khooshe_root / kind).rglob("*.yml")):
            if record_path.name in REGISTRY_FILES or set(NOT_PAGES) & set(record_path.parts):
                continue  # registries, attachments and people are not record pages here
            data = _load_plain_yaml(record_path)
            if not isinstance(data, dict):
                continue
            for role in ("authors", "translators"):  # the names readers see, not the ids
                if isinstance(data.get(role), list):
                    data[role] = [people.get(person, person) for person in data[role]]
            target = docs / kind / f"{data.get('id') or record_path.stem}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(plain_page(data), encoding="utf-8")

    khooshe_config = _ConfigLoader(  # a SafeLoader subclass
        (khooshe_root / "mkdocs.yml").read_text(encoding="utf-8")).get_single_data()
    theme = dict(khooshe_config.get("theme") or {"name": "material"})
    theme.pop("custom_dir", None)
    nav = khooshe_config.get("nav") or []
    for src in _nav_files(nav):
        page = docs / src
        if not page.exists():  # generated by a Khooshe plugin: a plain section page instead
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {Path(src).parent.name or 'خانه'}\n\nفهرست این بخش.\n", encoding="utf-8")
    base = {
        "site_name": khooshe_config.get("site_name", "Khooshe"),
        "site_url": khooshe_config.get("site_url") or "https://khooshe.example.org/",
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": theme,
        "extra_css": [css for css in khooshe_config.get("extra_css") or [] if (docs / css).exists()],
        "markdown_extensions": _stock_extensions(khooshe_config.get("markdown_extensions") or []),
        "nav": nav,
        # Record pages stay out of the nav, as on the Khooshe site.
        "not_in_nav": "/clusters/\n/news/\n/publications/\n",
    }
    configs = {}
    for name, plugins in (("search", ["search"]), ("nosearch", [])):
        path = root / f"mkdocs-{name}.yml"
        path.write_text(_yaml({**base, "plugins": plugins}), encoding="utf-8")
        configs[name] = path
    return configs


def _nav_files(nav: Any) -> list[str]:
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            found.append(nav)
    elif isinstance(nav, list):
        for item in nav:
            found.extend(_nav_files(item))
    elif isinstance(nav, dict):
        for item in nav.values():
            found.extend(_nav_files(item))
    return found
