/* Khooshe search, loaded on first use. search.js (the index reader and the result list,
 * a third of the site's own script) is fetched when a reader first opens or focuses the
 * search box or presses one of its keys, not with every page. The box names the file in
 * data-script (khooshe-assets sets it); without it search.js came with the page.
 * Enter before search.js has come submits the box's form as it is: the same page with
 * ?q=…, which loads search.js at once and opens on that query. */
(function () {
  "use strict";

  var root = document.querySelector("[data-khooshe-search][data-script]");
  if (!root) return;
  var input = root.querySelector(".md-search__input");
  var toggle = document.getElementById("__search");
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(root.getAttribute("data-script"), location.href).href;
        script.onload = resolve;
        script.onerror = reject;
        document.body.appendChild(script);
      }).then(function () {
        /* search.js binds its handlers now: hand it the focus and the typing it missed (it
           opens the box and fetches the index on focus, searches on input) */
        if (document.activeElement === input) input.dispatchEvent(new FocusEvent("focus"));
        if (input.value) input.dispatchEvent(new Event("input"));
      }, function () {
        loading = null;  /* the link failed: the next focus asks again */
      });
    }
    return loading;
  }

  root.addEventListener("focusin", load);
  /* a link to a search (?q=…, the home page's SearchAction): search.js opens it as it starts */
  if (new URLSearchParams(location.search).has("q")) load();
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) load(); });
  /* the keys search.js answers to ("/", "s", "f", "س"): open the box; the focus loads the rest */
  document.addEventListener("keydown", function (event) {
    if (loading || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (["/", "s", "f", "س"].indexOf(event.key) === -1) return;
    event.preventDefault();
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
  });
})();
