/* khooshe-publications: catalogue filter (type, status, topic) and the citation copy button.
 * Progressive: without JavaScript the catalogue is the complete list and the
 * citation is plain selectable text. No network access, no dependencies. */
(function () {
  "use strict";

  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function fa(number) {
    return String(number).replace(/[0-9]/g, function (d) { return DIGITS[+d]; });
  }

  function option(select, value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label;
    select.appendChild(item);
  }

  function field(form, name, label, choices) {
    var wrapper = document.createElement("label");
    wrapper.className = "khooshe-pub-filter__field";
    wrapper.appendChild(document.createTextNode(label + " "));
    var select = document.createElement("select");
    select.name = name;
    option(select, "", "همه");
    choices.forEach(function (choice) { option(select, choice[0], choice[1]); });
    wrapper.appendChild(select);
    form.appendChild(wrapper);
    return select;
  }

  function initFilter() {
    var items = Array.prototype.slice.call(document.querySelectorAll("li.khooshe-pub-item"));
    if (!items.length || document.querySelector(".khooshe-pub-filter")) return;
    var types = [], statuses = [], topics = {}, seen = {};
    items.forEach(function (li) {
      var d = li.dataset;
      if (!seen["t:" + d.type]) { seen["t:" + d.type] = 1; types.push([d.type, d.typeLabel]); }
      if (!seen["s:" + d.status]) { seen["s:" + d.status] = 1; statuses.push([d.status, d.statusLabel]); }
      var slugs = (d.topics || "").split(" ").filter(Boolean);
      var labels = (d.topicLabels || "").split("|");
      slugs.forEach(function (slug, i) { topics[slug] = labels[i] || slug; });
    });
    var topicChoices = Object.keys(topics).map(function (slug) { return [slug, topics[slug]]; });
    topicChoices.sort(function (a, b) { return a[1].localeCompare(b[1], "fa"); });

    var form = document.createElement("form");
    form.className = "khooshe-pub-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "پالایش انتشارات");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var selects = {
      type: field(form, "type", "نوع", types),
      status: field(form, "status", "وضعیت", statuses),
      topic: field(form, "topic", "موضوع", topicChoices)
    };
    var shown = document.createElement("p");
    shown.className = "khooshe-pub-shown";
    shown.setAttribute("aria-live", "polite");
    form.appendChild(shown);
    var list = items[0].parentNode;
    list.parentNode.insertBefore(form, list);

    var params = new URLSearchParams(window.location.search);
    Object.keys(selects).forEach(function (name) {
      var wanted = params.get(name);
      if (wanted && selects[name].querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        selects[name].value = wanted;
      }
    });

    function apply(updateUrl) {
      var type = selects.type.value, status = selects.status.value, topic = selects.topic.value;
      var count = 0;
      items.forEach(function (li) {
        var d = li.dataset;
        var match = (!type || d.type === type) && (!status || d.status === status) &&
          (!topic || (" " + (d.topics || "") + " ").indexOf(" " + topic + " ") !== -1);
        li.hidden = !match;
        if (match) count += 1;
      });
      shown.textContent = fa(count) + " از " + fa(items.length) + " انتشار";
      shown.dataset.count = String(count);
      if (updateUrl && window.history && window.history.replaceState) {
        var query = new URLSearchParams();
        Object.keys(selects).forEach(function (name) {
          if (selects[name].value) query.set(name, selects[name].value);
        });
        var search = query.toString();
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      }
    }
    Object.keys(selects).forEach(function (name) {
      selects[name].addEventListener("change", function () { apply(true); });
    });
    apply(false);
  }

  function initCitations() {
    Array.prototype.forEach.call(document.querySelectorAll(".khooshe-citation"), function (citation) {
      if (citation.querySelector(".khooshe-citation__copy")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button khooshe-citation__copy";
      button.textContent = "رونوشت ارجاع";
      button.addEventListener("click", function () {
        var text = citation.firstChild ? citation.firstChild.textContent.trim() : "";
        function done() { button.textContent = "رونوشت شد"; }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () { select(citation); });
        } else {
          select(citation);
        }
      });
      citation.appendChild(document.createTextNode(" "));
      citation.appendChild(button);
    });
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element.firstChild || element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function init() {
    initFilter();
    initCitations();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
