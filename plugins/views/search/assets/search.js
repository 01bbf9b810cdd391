/* Khooshe search: Persian search in Material's header search box.
 *
 * Everything search needs is fetched lazily from the site's search/ folder
 * (written by the khooshe-search plugin): on first use the manifest and the
 * rule table, then only the index shards holding the query's keys and the
 * snippet files of the results shown. The query is folded with the rules in
 * rules.json, which the build writes from the same Python table that folded
 * the index (plugins/model/folding.py + hazm's stemmer suffixes); analysis
 * here mirrors plugins/views/search/analysis.py step for step.
 */
(function () {
  "use strict";

  var ZWNJ = "\u200c";
  var STEM_WEIGHT = 0.8;
  var JOIN_WEIGHT = 1.2;
  var MIN_KEY = 2;
  var LEMMA = "~";       // in front of a lemma key: pages holding the word only through other forms of it
  var IN_TITLE = 32;     // posting weights from here up: the key is in the page's title
  var PAGE_SIZE = 10;
  var TERMINAL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
  var CONT = "ghijklmnopqrstuvwxyz0123456789-_";
  var WEIGHT = TERMINAL + CONT;
  var SOFT = 0, SPACE = 1, HARD = 2;
  var DIGIT = /^[0-9]$/;

  var TEXT = {
    start: "برای جست‌وجو بنویسید",
    loading: "در حال جست‌وجو…",
    failed: "نمایهٔ جست‌وجو بار نشد؛ اتصال را بررسی کنید و دوباره بنویسید.",
    count: function (n) { return persianDigits(n) + " نتیجه"; },
    partial: function (n) { return persianDigits(n) + " صفحهٔ دیگر فقط برخی از واژه‌ها را دارند"; },
    onlyPartial: function (n) { return persianDigits(n) + " نتیجه با برخی از واژه‌ها"; },
    none: "نتیجه‌ای برای «%s» پیدا نشد.",
    folded: "جست‌وجو این املا را به کار برد:",
    tip: "واژهٔ کمتر، بی‌پسوند یا هم‌معنا را بیازمایید.",
    missing: "بدون: ",
    more: "نتیجه‌های بیشتر",
    allTypes: "همهٔ گونه‌ها",
    allProvinces: "همهٔ استان‌ها",
    typeLabel: "گونه",
    provinceLabel: "استان"
  };

  // ------------------------------------------------------------------ helpers

  function persianDigits(value) {
    return String(value).replace(/[0-9]/g, function (d) { return String.fromCharCode(0x06F0 + Number(d)); });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function fnv1a(key) {
    var bytes = new TextEncoder().encode(key);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  function unjoin(token) { return token.split(ZWNJ).join(""); }

  function baseKey(key) { return key.charAt(0) === LEMMA ? key.slice(1) : key; }

  /* a key at weight for pages holding that form, at other for pages holding it only as a lemma */
  function withLemma(key, weight, other) { return [[key, weight], [LEMMA + key, other]]; }

  // ------------------------------------------------------------------ analysis (mirrors analysis.py)

  function Analyzer(rules) {
    this.rules = rules;
    this.chars = rules.chars;
    var ranges = rules.word.map(function (r) {
      return "\\u" + r[0].toString(16).padStart(4, "0") + "-\\u" + r[1].toString(16).padStart(4, "0");
    }).join("");
    this.wordRe = new RegExp("[" + ranges + "]+", "g");
    this.digitGroup = rules.digit_group;
    this.suffixes = new Set(rules.suffixes);
    this.prefixes = new Set(rules.prefixes);
    this.stop = new Set(rules.stopwords);
    this.stemEnds = rules.stem;
  }

  /* fold_chars, keeping for each folded character the index of the original one */
  Analyzer.prototype.foldWithMap = function (text) {
    var out = [], map = [];
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      var r = Object.prototype.hasOwnProperty.call(this.chars, c) ? this.chars[c] : c;
      for (var j = 0; j < r.length; j++) { out.push(r[j]); map.push(i); }
    }
    // a thousands separator between two digits is removed: ([0-9]),(?=[0-9])
    var folded = [], fmap = [];
    for (var k = 0; k < out.length; k++) {
      if (out[k] === this.digitGroup && k > 0 && k + 1 < out.length &&
          DIGIT.test(out[k - 1]) && DIGIT.test(out[k + 1])) {
        continue;
      }
      folded.push(out[k]); fmap.push(map[k]);
    }
    fmap.push(text.length);
    return { text: folded.join(""), map: fmap };
  };

  Analyzer.prototype.fold = function (text) { return this.foldWithMap(text).text; };

  /* word segments of folded text: {text, gap, start, end} */
  Analyzer.prototype.segments = function (folded) {
    var result = [], end = 0, match;
    this.wordRe.lastIndex = 0;
    while ((match = this.wordRe.exec(folded)) !== null) {
      var between = folded.slice(end, match.index);
      var gap;
      if (between.split(ZWNJ).join("") === "") gap = between ? SOFT : HARD;
      else if (between.split(ZWNJ).join("").replace(/ /g, "") === "") gap = SPACE;
      else gap = HARD;
      result.push({ text: match[0], gap: gap, start: match.index, end: match.index + match[0].length });
      end = match.index + match[0].length;
    }
    return result;
  };

  /* tokens with their span in the folded text */
  Analyzer.prototype.tokenSpans = function (folded) {
    var out = [], glueNext = false, self = this;
    this.segments(folded).forEach(function (seg) {
      var last = out[out.length - 1];
      if (last && (seg.gap === SOFT || (seg.gap === SPACE && (glueNext || self.suffixes.has(seg.text))))) {
        last.text += ZWNJ + seg.text;
        last.end = seg.end;
      } else {
        out.push({ text: seg.text, start: seg.start, end: seg.end });
      }
      glueNext = self.prefixes.has(seg.text);
    });
    return out;
  };

  Analyzer.prototype.tokens = function (text) {
    return this.tokenSpans(this.fold(text)).map(function (t) { return t.text; });
  };

  Analyzer.prototype.foldForSearch = function (text) { return this.tokens(text).join(" "); };

  Analyzer.prototype.stem = function (token) {
    for (var i = 0; i < this.stemEnds.length; i++) {
      var end = this.stemEnds[i];
      if (token.length >= end.length && token.slice(token.length - end.length) === end) {
        token = token.slice(0, token.length - end.length);
      }
    }
    return token;
  };

  Analyzer.prototype.wordKeys = function (token) {
    var own = unjoin(token);
    if (this.stop.has(own)) return [[own, 1.0]];
    var keys = withLemma(own, 1.0, STEM_WEIGHT);
    var stemmed = unjoin(this.stem(token));
    if (stemmed !== own && stemmed.length >= MIN_KEY) keys = keys.concat(withLemma(stemmed, STEM_WEIGHT, STEM_WEIGHT));
    return keys;
  };

  /* Keys a word of a page is highlighted under: itself, and its stem when the part
     stripped is plainly a suffix (ZWNJ-joined, or a plural «ها…»). The index chose
     lemmas with hazm's lexicon, which the browser does not have. */
  Analyzer.prototype.pageKeys = function (token) {
    var own = unjoin(token), keys = [own];
    var stemmed = unjoin(this.stem(token));
    if (stemmed !== own && stemmed.length >= MIN_KEY) {
      var pieces = token.split(ZWNJ);
      var affixed = pieces.length > 1 && this.suffixes.has(pieces[pieces.length - 1]);
      if (affixed || own.slice(stemmed.length).indexOf("ها") === 0) keys.push(stemmed);
    }
    return keys;
  };

  Analyzer.prototype.joinKeys = function (words) {
    var head = words.slice(0, -1).map(unjoin).join("");
    var last = words[words.length - 1];
    var other = JOIN_WEIGHT * STEM_WEIGHT;
    var keys = withLemma(head + unjoin(last), JOIN_WEIGHT, other);
    var stemmed = unjoin(this.stem(last));
    if (stemmed !== unjoin(last) && stemmed.length >= MIN_KEY) keys = keys.concat(withLemma(head + stemmed, other, other));
    return keys;
  };

  Analyzer.prototype.joinable = function (words) {
    var self = this;
    var stops = words.map(function (w) { return self.stop.has(unjoin(w)); });
    if (words.length === 2) return !stops[0] && !stops[1];
    return !stops[0] && stops[1] && !stops[2];
  };

  /* the twin of analysis.query_plan */
  Analyzer.prototype.plan = function (query) {
    var self = this;
    var words = this.tokens(query);
    var planWords = words.map(function (token) {
      var pieces = token.split(ZWNJ);
      var parts = [];
      if (pieces.length > 1 && !pieces.every(function (p) { return self.stop.has(unjoin(p)); })) {
        parts = pieces.filter(function (p) { return !self.stop.has(p) && p.length >= MIN_KEY; })
          .map(function (p) { return self.wordKeys(p); });
      }
      return {
        token: token,
        stop: self.stop.has(unjoin(token)),
        keys: self.wordKeys(token),
        parts: parts.length > 1 ? parts : []
      };
    });
    var spans = [];
    [2, 3].forEach(function (size) {
      for (var start = 0; start + size <= words.length; start++) {
        var group = words.slice(start, start + size);
        if (!self.joinable(group)) continue;
        spans.push({ start: start, end: start + size - 1, keys: self.joinKeys(group) });
      }
    });
    return { folded: words.join(" "), words: planWords, spans: spans };
  };

  // ------------------------------------------------------------------ index access

  function Index(base) {
    this.base = base;
    this.shards = new Map();
    this.postings = new Map();
    this.docs = new Map();
    this.ready = null;
  }

  Index.prototype.fetchJSON = function (name, options) {
    var url = new URL(name, this.base);
    if (this.version) url.searchParams.set("v", this.version);
    return fetch(url.href, options || {}).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url.href);
      return response.json();
    });
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.fetchJSON("manifest.json", { cache: "no-cache" }).then(function (manifest) {
        self.manifest = manifest;
        self.version = manifest.v;
        return self.fetchJSON("rules.json");
      }).then(function (rules) {
        self.analyzer = new Analyzer(rules);
        return self;
      });
      this.ready.catch(function () { self.ready = null; });
    }
    return this.ready;
  };

  /* t/<n>.json, or s/<n>.json for function words */
  Index.prototype.shard = function (name) {
    var self = this;
    if (!this.shards.has(name)) {
      var promise = this.fetchJSON(name);
      promise.catch(function () { self.shards.delete(name); });
      this.shards.set(name, promise);
    }
    return this.shards.get(name);
  };

  /* Map doc id → weight (0–63) for a key, or null; stop: a function word (its own shards) */
  Index.prototype.lookup = function (key, stop) {
    var self = this;
    if (this.postings.has(key)) return Promise.resolve(this.postings.get(key));
    var name = stop ? "s/" + fnv1a(key) % this.manifest.stop_shards : "t/" + fnv1a(baseKey(key)) % this.manifest.shards;
    return this.shard(name + ".json").then(function (shard) {
      var text = Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
      var decoded = text === null ? null : decodePostings(text);
      self.postings.set(key, decoded);
      return decoded;
    });
  };

  Index.prototype.doc = function (id, part) {
    var name = "d/" + id + (part ? "-" + part : "") + ".json";
    if (!this.docs.has(name)) {
      var self = this;
      var promise = this.fetchJSON(name);
      promise.catch(function () { self.docs.delete(name); });
      this.docs.set(name, promise);
    }
    return this.docs.get(name);
  };

  function decodePostings(text) {
    var result = new Map(), value = 0, doc = 0, expectWeight = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (expectWeight) {
        result.set(doc, WEIGHT.indexOf(c));
        expectWeight = false;
      } else {
        var k = CONT.indexOf(c);
        if (k >= 0) value = value * 32 + k;
        else { doc += value * 32 + TERMINAL.indexOf(c); value = 0; expectWeight = true; }
      }
    }
    return result;
  }

  // ------------------------------------------------------------------ ranking

  /* The words a page must have, by index: the content words, or every word of a query made only of function words */
  function requiredWords(plan) {
    var content = [], all = [];
    plan.words.forEach(function (w, i) { all.push(i); if (!w.stop) content.push(i); });
    return content.length ? content : all;
  }

  /* All matching pages, best first: [{id, covered, named, score, missing: [word indexes]}] */
  Index.prototype.search = function (query) {
    var self = this;
    var plan = this.analyzer.plan(query);
    var required = requiredWords(plan);
    var keys = new Map();  // key → whether it is a function word's
    required.forEach(function (i) {
      var w = plan.words[i];
      w.keys.forEach(function (k) { keys.set(k[0], w.stop); });
      w.parts.forEach(function (part) { part.forEach(function (k) { keys.set(k[0], false); }); });
    });
    plan.spans.forEach(function (s) { s.keys.forEach(function (k) { keys.set(k[0], false); }); });
    var list = Array.from(keys.keys());
    return Promise.all(list.map(function (k) { return self.lookup(k, keys.get(k)); })).then(function (found) {
      var postings = new Map();
      list.forEach(function (k, i) { if (found[i]) postings.set(k, found[i]); });
      return { plan: plan, hits: self.rank(plan, required, postings) };
    });
  };

  /* How a page matches one query word: its best contribution to the score, and whether the word is in
     its title, in the form typed, in the form typed in its title. */
  function match(value, title, typed) {
    return { value: value, title: title, typed: typed, typedTitle: typed && title };
  }

  function merge(into, doc, found) {
    var current = into.get(doc);
    if (!current) { into.set(doc, found); return; }
    current.value = Math.max(current.value, found.value);
    current.title = current.title || found.title;
    current.typed = current.typed || found.typed;
    current.typedTitle = current.typedTitle || found.typedTitle;
  }

  /* Order, each a tie-break of the one before:
     1. pages with more of the required words;
     2. pages whose title holds every one of them (the page the query names), more of them in the form typed first;
     3. pages with more of the words in the form typed (not only another form of them);
     4. the score: BM25 weight × idf, × STEM_WEIGHT for another form, × the page type's weight (listings less);
     5. page order. */
  Index.prototype.rank = function (plan, required, postings) {
    var total = this.manifest.docs;
    var manifest = this.manifest;
    function idf(df) { return Math.log(1 + (total - df + 0.5) / (df + 0.5)); }
    var best = plan.words.map(function () { return new Map(); });  // best[i]: Map doc → match of word i
    /* A page's match over a word's keys (the first is the form typed). One idf for all of them, that of
       the commonest word found (a form and its «~» lemma key together: the pages having the word at
       all), so a rarer surface form does not outweigh the word itself. */
    function keyScores(keyList) {
      var scores = new Map(), typedKey = keyList[0][0];
      var sizes = new Map(), df = 0;
      keyList.forEach(function (k) {
        var list = postings.get(k[0]);
        if (!list) return;
        var base = baseKey(k[0]), size = (sizes.get(base) || 0) + list.size;
        sizes.set(base, size);
        df = Math.max(df, size);
      });
      if (!df) return scores;
      var wordIdf = idf(df);
      keyList.forEach(function (k) {
        var list = postings.get(k[0]);
        if (!list) return;
        var weight = wordIdf * k[1];
        list.forEach(function (w, doc) { merge(scores, doc, match(weight * w / 63, w >= IN_TITLE, k[0] === typedKey)); });
      });
      return scores;
    }
    required.forEach(function (i) {
      var w = plan.words[i];
      keyScores(w.keys).forEach(function (found, doc) { merge(best[i], doc, found); });
      if (w.parts.length) {  // «کسب‌وکار» typed, «کسب» and «کار» apart on the page
        var partScores = w.parts.map(keyScores);
        partScores[0].forEach(function (found, doc) {
          var sum = 0, title = true, typed = true;
          for (var p = 0; p < partScores.length; p++) {
            var part = partScores[p].get(doc);
            if (!part) return;
            sum += part.value;
            title = title && part.title;
            typed = typed && part.typed;
          }
          merge(best[i], doc, match(0.9 * sum / partScores.length, title, typed));
        });
      }
    });
    var spanBonus = new Map();
    plan.spans.forEach(function (s) {
      keyScores(s.keys).forEach(function (found, doc) {
        for (var i = s.start; i <= s.end; i++) if (!plan.words[i].stop) merge(best[i], doc, found);
        spanBonus.set(doc, (spanBonus.get(doc) || 0) + found.value * 0.5);
      });
    });
    var docs = new Map();
    required.forEach(function (i) {
      best[i].forEach(function (found, doc) {
        var entry = docs.get(doc);
        if (!entry) {
          entry = { id: doc, covered: 0, titled: 0, typedTitle: 0, typed: 0, score: 0, words: [] };
          docs.set(doc, entry);
        }
        entry.covered += 1;
        entry.titled += found.title ? 1 : 0;
        entry.typedTitle += found.typedTitle ? 1 : 0;
        entry.typed += found.typed ? 1 : 0;
        entry.score += found.value;
        entry.words.push(i);
      });
    });
    var hits = [];
    docs.forEach(function (entry, doc) {
      entry.score = (entry.score + (spanBonus.get(doc) || 0)) * manifest.tw[WEIGHT.indexOf(manifest.ft[doc])];
      entry.named = entry.titled === required.length ? 1 + entry.typedTitle : 0;
      entry.missing = required.filter(function (i) { return entry.words.indexOf(i) < 0; });
      hits.push(entry);
    });
    hits.sort(function (a, b) {
      return (b.covered - a.covered) || (b.named - a.named) || (b.typed - a.typed) || (b.score - a.score) ||
        (a.id - b.id);
    });
    return hits;
  };

  // ------------------------------------------------------------------ snippets

  /* Marked HTML of a text: tokens whose keys the query asks for, and joined neighbours */
  Index.prototype.highlight = function (text, wanted, spanKeys) {
    var analyzer = this.analyzer;
    var folded = analyzer.foldWithMap(text);
    var spans = analyzer.tokenSpans(folded.text);
    var marks = [];
    var matched = new Set();
    spans.forEach(function (t, i) {
      var keys = analyzer.pageKeys(t.text);
      for (var k = 0; k < keys.length; k++) {
        var word = wanted.get(keys[k]);
        if (word !== undefined) { marks.push([i, i]); matched.add(word); return; }
        var words = spanKeys.get(keys[k]);  // «سکه دوزی» asked, «سکه‌دوزی» written
        if (words) { marks.push([i, i]); words.forEach(function (w) { matched.add(w); }); return; }
      }
    });
    [2, 3].forEach(function (size) {
      for (var i = 0; i + size <= spans.length; i++) {
        var group = spans.slice(i, i + size).map(function (t) { return t.text; });
        var keys = analyzer.joinKeys(group);
        for (var k = 0; k < keys.length; k++) {
          var words = spanKeys.get(keys[k][0]);
          if (words) { marks.push([i, i + size - 1]); words.forEach(function (w) { matched.add(w); }); break; }
        }
      }
    });
    var ranges = marks.map(function (m) {
      return [folded.map[spans[m[0]].start], folded.map[spans[m[1]].end - 1] + 1];
    }).sort(function (a, b) { return a[0] - b[0]; });
    return { ranges: mergeRanges(ranges), matched: matched };
  };

  function mergeRanges(ranges) {
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  function markedHtml(text, ranges, from, to) {
    var html = "", at = from;
    ranges.forEach(function (r) {
      var start = Math.max(r[0], from), end = Math.min(r[1], to);
      if (end <= start) return;
      html += escapeHtml(text.slice(at, start)) + "<mark>" + escapeHtml(text.slice(start, end)) + "</mark>";
      at = end;
    });
    return html + escapeHtml(text.slice(at, to));
  }

  var SNIPPET = 220;

  function snippetHtml(text, ranges) {
    if (text.length <= SNIPPET) return markedHtml(text, ranges, 0, text.length);
    var first = ranges.length ? ranges[0][0] : 0;
    var from = Math.max(0, first - 60);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      from = space >= 0 && space < first ? space + 1 : from;
    }
    var to = Math.min(text.length, from + SNIPPET);
    if (to < text.length) {
      var cut = text.lastIndexOf(" ", to);
      if (cut > Math.max(from, first)) to = cut;
    }
    return (from > 0 ? "… " : "") + markedHtml(text, ranges, from, to) + (to < text.length ? " …" : "");
  }

  /* Query keys → word index, and join keys → covered word indexes (lemma keys are no words of a page) */
  function wantedKeys(plan) {
    var wanted = new Map(), spanKeys = new Map();
    function want(k, i) { if (k[0].charAt(0) !== LEMMA && !wanted.has(k[0])) wanted.set(k[0], i); }
    requiredWords(plan).forEach(function (i) {
      var w = plan.words[i];
      w.keys.forEach(function (k) { want(k, i); });
      w.parts.forEach(function (part) { part.forEach(function (k) { want(k, i); }); });
    });
    plan.spans.forEach(function (s) {
      var covered = [];
      for (var i = s.start; i <= s.end; i++) if (!plan.words[i].stop) covered.push(i);
      s.keys.forEach(function (k) { if (k[0].charAt(0) !== LEMMA) spanKeys.set(k[0], covered); });
    });
    return { wanted: wanted, spanKeys: spanKeys };
  }

  /* {url, title (HTML), snippet (HTML)} of one hit; reads further parts when the first has no match */
  Index.prototype.describe = function (hit, plan) {
    var self = this;
    var keys = wantedKeys(plan);
    return this.doc(hit.id, 0).then(function (doc) {
      var title = self.highlight(doc.t, keys.wanted, keys.spanKeys);
      function bestBlock(blocks) {
        var choice = null;
        blocks.forEach(function (block) {
          var h = self.highlight(block[1], keys.wanted, keys.spanKeys);
          var value = h.matched.size * 10 + (block[0] === "h" ? 1 : 0);
          if (h.ranges.length && (!choice || value > choice.value)) choice = { value: value, text: block[1], ranges: h.ranges };
        });
        return choice;
      }
      function search(part, blocks) {
        var choice = bestBlock(blocks);
        if (choice || part + 1 >= Math.min(doc.n, 4)) return choice;
        return self.doc(hit.id, part + 1).then(function (next) { return search(part + 1, next.x); });
      }
      return Promise.resolve(search(0, doc.x)).then(function (choice) {
        var snippet;
        if (choice) snippet = snippetHtml(choice.text, choice.ranges);
        else {
          var lead = doc.x.filter(function (b) { return b[0] === "p"; })[0] || doc.x[0];
          snippet = lead ? snippetHtml(lead[1], []) : "";
        }
        return {
          url: new URL(doc.u, self.siteRoot).href,
          title: markedHtml(doc.t, title.ranges, 0, doc.t.length),
          snippet: snippet
        };
      });
    });
  };

  // ------------------------------------------------------------------ user interface

  function SearchBox(root) {
    this.root = root;
    this.index = new Index(new URL(root.getAttribute("data-index"), location.href));
    this.index.siteRoot = new URL(root.getAttribute("data-site"), location.href);
    this.toggle = document.getElementById("__search");
    this.input = root.querySelector(".md-search__input");
    this.form = root.querySelector("form");
    this.meta = root.querySelector(".md-search-result__meta");
    this.list = root.querySelector(".md-search-result__list");
    this.filters = root.querySelector(".khooshe-search__filters");
    this.typeSelect = root.querySelector("select[name=type]");
    this.provinceSelect = root.querySelector("select[name=province]");
    this.generation = 0;
    this.result = null;
    this.shown = 0;
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var self = this, timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, 120);
    });
    this.input.addEventListener("focus", function () { self.open(); self.index.load().catch(function () {}); });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = self.list.querySelector("a");
      if (first) first.click();
    });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { self.clear(); self.input.focus(); }, 0);
    });
    [this.typeSelect, this.provinceSelect].forEach(function (select) {
      select.addEventListener("change", function () { self.render(); });
    });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) setTimeout(function () { self.input.focus(); self.input.select(); }, 0);
      });
    }
    this.root.addEventListener("keydown", function (event) { self.key(event); });
    document.addEventListener("keydown", function (event) {
      if (self.isOpen() || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (event.key === "/" || event.key === "s" || event.key === "f" || event.key === "س") {
        event.preventDefault();
        self.open();
        self.input.focus();
        self.input.select();
      }
    });
  };

  SearchBox.prototype.isOpen = function () { return this.toggle ? this.toggle.checked : false; };

  SearchBox.prototype.open = function () {
    if (this.toggle && !this.toggle.checked) {
      this.toggle.checked = true;
      this.toggle.dispatchEvent(new Event("change"));
    }
  };

  SearchBox.prototype.close = function () {
    if (this.toggle && this.toggle.checked) {
      this.toggle.checked = false;
      this.toggle.dispatchEvent(new Event("change"));
    }
    this.input.blur();
  };

  SearchBox.prototype.key = function (event) {
    var links = Array.prototype.slice.call(this.list.querySelectorAll(".md-search-result__link"));
    var position = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length) return;
      if (event.target.tagName === "SELECT") return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? position + 1 : position - 1;
      if (next < 0) { this.input.focus(); return; }
      links[Math.min(next, links.length - 1)].focus();
    } else if (event.key === "Enter" && position >= 0) {
      this.close();  // the link's own navigation follows
    }
  };

  SearchBox.prototype.clear = function () {
    this.generation++;
    this.result = null;
    this.list.innerHTML = "";
    this.meta.textContent = TEXT.start;
    this.filters.hidden = true;
    this.root.removeAttribute("data-rendered");
  };

  SearchBox.prototype.run = function () {
    var self = this;
    var query = this.input.value;
    var generation = ++this.generation;
    if (!query.trim()) { this.clear(); return; }
    this.meta.textContent = TEXT.loading;
    this.root.removeAttribute("data-rendered");
    this.index.load().then(function (index) {
      return index.search(query);
    }).then(function (result) {
      if (generation !== self.generation) return;
      result.query = query;
      self.result = result;
      self.fillFilters();
      self.render();
    }).catch(function (error) {
      if (generation !== self.generation) return;
      self.meta.textContent = TEXT.failed;
      if (window.console) console.error(error);
    });
  };

  SearchBox.prototype.facet = function (hit, name) {
    var manifest = this.index.manifest;
    var chars = name === "type" ? manifest.ft : manifest.fp;
    var labels = name === "type" ? manifest.types : manifest.provinces;
    return labels[WEIGHT.indexOf(chars[hit.id])] || ["", ""];
  };

  SearchBox.prototype.fillFilters = function () {
    var self = this;
    [["type", this.typeSelect, TEXT.allTypes], ["province", this.provinceSelect, TEXT.allProvinces]].forEach(function (f) {
      var select = f[1], chosen = select.value, counts = new Map();
      self.result.hits.forEach(function (hit) {
        var id = self.facet(hit, f[0])[0];
        if (id) counts.set(id, (counts.get(id) || 0) + 1);
      });
      var labels = f[0] === "type" ? self.index.manifest.types : self.index.manifest.provinces;
      var html = "<option value=\"\">" + escapeHtml(f[2]) + "</option>";
      labels.forEach(function (label) {
        if (!counts.has(label[0])) return;
        html += "<option value=\"" + escapeHtml(label[0]) + "\"" + (label[0] === chosen ? " selected" : "") + ">" +
          escapeHtml(label[1]) + " (" + persianDigits(counts.get(label[0])) + ")</option>";
      });
      select.innerHTML = html;
      if (chosen && !counts.has(chosen)) select.value = "";
    });
    this.filters.hidden = this.result.hits.length === 0;
  };

  SearchBox.prototype.filtered = function () {
    var self = this, type = this.typeSelect.value, province = this.provinceSelect.value;
    return this.result.hits.filter(function (hit) {
      return (!type || self.facet(hit, "type")[0] === type) && (!province || self.facet(hit, "province")[0] === province);
    });
  };

  SearchBox.prototype.render = function () {
    var result = this.result;
    if (!result) return;
    var hits = this.filtered();
    this.root.removeAttribute("data-rendered");
    this.list.innerHTML = "";
    this.shown = 0;
    if (!hits.length) {
      this.noResults(result);
      return;
    }
    var full = hits.filter(function (hit) { return !hit.missing.length; }).length;
    if (full === hits.length) this.meta.textContent = TEXT.count(full);
    else if (full === 0) this.meta.textContent = TEXT.onlyPartial(hits.length);
    else this.meta.textContent = TEXT.count(full) + "؛ " + TEXT.partial(hits.length - full);
    this.more(hits);
  };

  SearchBox.prototype.noResults = function (result) {
    var self = this;
    var plan = result.plan;
    var message = TEXT.none.replace("%s", escapeHtml(result.query.trim()));
    var html = "<p class=\"khooshe-search__none\">" + message + "</p>";
    if (plan.folded) {
      html += "<p class=\"khooshe-search__folded\">" + escapeHtml(TEXT.folded) +
        " <button type=\"button\" class=\"khooshe-search__suggest\" lang=\"fa\">" + escapeHtml(persianDigits(plan.folded)) +
        "</button></p>";
    }
    html += "<p>" + escapeHtml(TEXT.tip) + "</p>";
    this.meta.innerHTML = html;
    this.rendered();
    var button = this.meta.querySelector(".khooshe-search__suggest");
    if (button) {
      button.addEventListener("click", function () {
        self.input.value = button.textContent;
        self.input.focus();
        self.run();
      });
    }
  };

  SearchBox.prototype.more = function (hits) {
    var self = this, generation = this.generation;
    var start = this.shown, slice = hits.slice(start, start + PAGE_SIZE);
    this.shown += slice.length;
    var old = this.list.querySelector(".khooshe-search__more");
    if (old) old.parentNode.removeChild(old);
    var items = slice.map(function (hit) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      self.list.appendChild(li);
      return li;
    });
    Promise.all(slice.map(function (hit) { return self.index.describe(hit, self.result.plan); })).then(function (described) {
      if (generation !== self.generation) return;
      described.forEach(function (d, i) { items[i].innerHTML = self.item(slice[i], d); });
      if (self.shown < hits.length) {
        var li = document.createElement("li");
        li.className = "khooshe-search__more";
        li.innerHTML = "<button type=\"button\" class=\"md-button\">" + escapeHtml(TEXT.more) + "</button>";
        li.firstChild.addEventListener("click", function () { self.more(hits); });
        self.list.appendChild(li);
      }
      self.rendered();
    }).catch(function (error) {
      if (generation !== self.generation) return;
      self.meta.textContent = TEXT.failed;
      if (window.console) console.error(error);
    });
  };

  /* Marks the box with the query whose results are on screen (tests and the benchmark wait for it). */
  SearchBox.prototype.rendered = function () {
    this.root.setAttribute("data-rendered", this.result ? this.result.query : "");
    this.root.dispatchEvent(new CustomEvent("khooshe-search:rendered", { bubbles: true }));
  };

  SearchBox.prototype.item = function (hit, described) {
    var self = this;
    var type = this.facet(hit, "type"), province = this.facet(hit, "province");
    var missing = hit.missing.map(function (i) { return self.result.plan.words[i].token; });
    return "<a href=\"" + escapeHtml(described.url) + "\" class=\"md-search-result__link\" tabindex=\"-1\"" +
      " data-khooshe-type=\"" + escapeHtml(type[0]) + "\" data-khooshe-province=\"" + escapeHtml(province[0]) + "\">" +
      "<article class=\"md-search-result__article md-typeset\">" +
      "<div class=\"khooshe-search__labels\"><span class=\"khooshe-search__type\">" + escapeHtml(type[1]) + "</span>" +
      (province[1] ? "<span class=\"khooshe-search__province\">" + escapeHtml(province[1]) + "</span>" : "") + "</div>" +
      "<h1>" + described.title + "</h1>" +
      "<p class=\"md-search-result__teaser\">" + described.snippet + "</p>" +
      (missing.length ? "<p class=\"khooshe-search__missing\">" + escapeHtml(TEXT.missing) +
        missing.map(function (m) { return "<s>" + escapeHtml(m) + "</s>"; }).join(" ") + "</p>" : "") +
      "</article></a>";
  };

  // ------------------------------------------------------------------ start

  var api = { Analyzer: Analyzer, Index: Index, box: null };
  /* for tests and the parity check: resolves to the loaded Analyzer */
  api.analyzer = function () {
    return api.box ? api.box.index.load().then(function (index) { return index.analyzer; }) : Promise.reject(new Error("no search box"));
  };
  window.KhoosheSearch = api;

  function start() {
    var root = document.querySelector("[data-khooshe-search]");
    if (root && !api.box) {
      api.box = new SearchBox(root);
      // links in results: keyboard focus order follows the arrow keys, not Tab stops
      api.box.list.addEventListener("click", function (event) {
        if (event.target.closest && event.target.closest("a")) api.box.close();
      });
      // ?q=… opens the box on that query: the home page's SearchAction (JSON-LD) points here
      var query = new URLSearchParams(location.search).get("q");
      if (query && query.trim()) {
        api.box.input.value = query;
        api.box.open();
        api.box.run();
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
