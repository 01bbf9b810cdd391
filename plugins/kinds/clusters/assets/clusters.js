/* Khooshe clusters: sorting and filtering for the table of all clusters.
 * The table is complete without this script; the script wires up the search
 * box and three filters above it (in the page already, shown only where scripts
 * run) and enables the column headers' sort buttons (in the page already, disabled).
 * Neither changes the table's layout, so a first visit lays it out once. No library,
 * no request. */
(function () {
  "use strict";

  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var collator = null;  /* made on the first sort: a Persian collator costs tens of ms, too much for every page load */

  function compare(a, b) {
    collator = collator || new Intl.Collator("fa", { numeric: true, sensitivity: "base" });
    return collator.compare(a, b);
  }

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

  function enhance(table) {
    if (table.getAttribute("data-enhanced")) return;
    table.setAttribute("data-enhanced", "true");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    wireFilter(rows);
    makeSortable(table, body, rows);
  }

  function wireFilter(rows) {
    var folded = null;  /* each row's text, folded on the first filtering */
    var form = document.getElementById("khooshe-filter");  /* in the page already: see browse_table.html */
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var input = form.querySelector("#khooshe-filter-text");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var output = form.querySelector("output");
    form.setAttribute("data-ready", "true");

    function apply() {
      folded = folded || rows.map(function (row) {
        return fold(row.textContent + " " + (row.getAttribute("data-search") || "") + " " + row.getAttribute("data-id"));
      });
      var query = fold(input.value);
      var shown = 0;
      rows.forEach(function (row, index) {
        var visible = !query || folded[index].indexOf(query) !== -1;
        selects.forEach(function (select) {
          if (select.value && row.getAttribute("data-" + select.getAttribute("data-filter")) !== select.value) visible = false;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      output.textContent = toPersian(shown) + " از " + toPersian(rows.length) + " خوشه";
    }
    input.addEventListener("input", apply);
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    /* the page shows every row and their count; a form the browser refilled (back button) is applied */
    if (input.value || selects.some(function (select) { return select.value; })) apply();
  }

  function makeSortable(table, body, rows) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = th.querySelector("button");  /* in the page already, disabled: see browse_table.html */
      button.disabled = false;
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
          var order = compare(a.key, b.key);
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
