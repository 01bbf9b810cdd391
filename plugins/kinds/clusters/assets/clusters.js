/* Khooshe clusters: sorting and filtering for the table of all clusters.
 * The table is complete without this script; the script only adds a search
 * box, three filters and sortable column headers. No library, no request. */
(function () {
  "use strict";

  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var collator = new Intl.Collator("fa", { numeric: true, sensitivity: "base" });

  function toPersian(number) {
    return String(number).replace(/[0-9]/g, function (d) { return PERSIAN_DIGITS[+d]; });
  }

  /* The same folding as the site's search: Arabic ي/ك → ی/ک, no ZWNJ or diacritics, Latin digits. */
  function fold(text) {
    return (text || "")
      .replace(/ي|ى/g, "ی").replace(/ك/g, "ک").replace(/[ۀة]/g, "ه").replace(/[أإ]/g, "ا")
      .replace(/[\u064B-\u065F\u0670\u200c\u200d]/g, "")
      .replace(/[۰-۹]/g, function (d) { return String(d.charCodeAt(0) - 0x06F0); })
      .replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x0660); })
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  /* A <select> of the distinct values of one column, labelled by the cell text, in column order. */
  function filterSelect(rows, column, key, label, id) {
    var wrapper = element("label", { "for": id });
    wrapper.appendChild(element("span", {}, label));
    var select = element("select", { id: id, "data-filter": key });
    select.appendChild(element("option", { value: "" }, "همه"));
    var seen = {};
    var options = [];
    rows.forEach(function (row) {
      var value = row.getAttribute("data-" + key);
      if (value && !seen[value]) {
        seen[value] = true;
        options.push({ value: value, text: row.cells[column].textContent.trim(),
                       order: row.cells[column].getAttribute("data-value") || "" });
      }
    });
    options.sort(function (a, b) { return collator.compare(a.order, b.order) || collator.compare(a.text, b.text); });
    options.forEach(function (option) { select.appendChild(element("option", { value: option.value }, option.text)); });
    wrapper.appendChild(select);
    return { wrapper: wrapper, select: select };
  }

  function enhance(table) {
    if (table.getAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "true");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var folded = rows.map(function (row) {
      return fold(row.textContent + " " + (row.getAttribute("data-search") || "") + " " + row.getAttribute("data-id"));
    });

    var form = element("form", { "class": "khooshe-filter", role: "search", "aria-label": "پالایش خوشه‌ها" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var textLabel = element("label", { "for": "khooshe-filter-text" });
    textLabel.appendChild(element("span", {}, "جست‌وجو"));
    var input = element("input", { type: "search", id: "khooshe-filter-text", placeholder: "نام، شهر، محصول…",
                                   autocomplete: "off" });
    textLabel.appendChild(input);
    form.appendChild(textLabel);
    var selects = [
      filterSelect(rows, 1, "province", "استان", "khooshe-filter-province"),
      filterSelect(rows, 3, "sector", "بخش", "khooshe-filter-sector"),
      filterSelect(rows, 4, "status", "وضعیت", "khooshe-filter-status")
    ];
    selects.forEach(function (item) { form.appendChild(item.wrapper); });
    var output = element("output", { "aria-live": "polite", "class": "khooshe-filter-count" });
    form.appendChild(output);
    table.parentNode.parentNode.insertBefore(form, table.parentNode);

    function apply() {
      var query = fold(input.value);
      var shown = 0;
      rows.forEach(function (row, index) {
        var visible = !query || folded[index].indexOf(query) !== -1;
        selects.forEach(function (item) {
          var wanted = item.select.value;
          if (wanted && row.getAttribute("data-" + item.select.getAttribute("data-filter")) !== wanted) visible = false;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      output.textContent = toPersian(shown) + " از " + toPersian(rows.length) + " خوشه";
    }
    input.addEventListener("input", apply);
    selects.forEach(function (item) { item.select.addEventListener("change", apply); });
    apply();

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = element("button", { type: "button" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var byValue = th.getAttribute("data-sort") === "value";
        var keyed = rows.map(function (row, index) {
          var cell = row.cells[column];
          return { row: row, index: index,
                   key: byValue ? (cell.getAttribute("data-value") || "") : cell.textContent.trim() };
        });
        keyed.sort(function (a, b) {
          var order = collator.compare(a.key, b.key);
          if (!a.key !== !b.key) order = a.key ? -1 : 1;  /* empty cells last either way */
          else if (!ascending) order = -order;
          return order || a.index - b.index;
        });
        keyed.forEach(function (item) { body.appendChild(item.row); });
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.khooshe-clusters"), enhance);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
