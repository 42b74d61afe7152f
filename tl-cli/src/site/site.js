// tlayer site: search as you type over every name in window.TL_INDEX (search-index.js).
// Results are built with textContent, never innerHTML. No network: works from file://.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  if (!input || !list) return;
  var root = document.documentElement.getAttribute("data-root") || "";
  var DIRS = { c: "c", f: "f", t: "t" };
  var KINDS = { c: "constructor", f: "function", t: "type" };
  var LIMIT = 40;
  var entries = (window.TL_INDEX || []).map(function (e) {
    var kind = e[1].toLowerCase();
    var name = e[0];
    var dot = name.lastIndexOf(".");
    return {
      name: name,
      lower: name.toLowerCase(),
      short: name.slice(dot + 1).toLowerCase(),
      kind: kind,
      removed: e[1] !== kind,
      href: root + DIRS[kind] + "/" + (e[2] || name + ".html")
    };
  });
  var shown = [];
  var active = -1;

  // Lower is better: the name as typed, then ignoring case (the whole name or the part after
  // the namespace), then a prefix of the name, of the part after the namespace, then anywhere;
  // names still in the newest layer first.
  function score(e, q, typed) {
    var s;
    if (e.name === typed) s = 0;
    else if (e.lower === q || e.short === q) s = 1;
    else if (e.lower.indexOf(q) === 0) s = 2;
    else if (e.short.indexOf(q) === 0) s = 3;
    else if (e.lower.indexOf(q) >= 0) s = 4;
    else return -1;
    return s * 2 + (e.removed ? 1 : 0);
  }

  function search(typed) {
    var q = typed.toLowerCase();
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], q, typed);
      if (s >= 0) hits.push([s, entries[i]]);
    }
    hits.sort(function (a, b) {
      return a[0] - b[0] || a[1].name.length - b[1].name.length || (a[1].name < b[1].name ? -1 : 1);
    });
    return hits;
  }

  function render() {
    var q = input.value.trim();
    while (list.firstChild) list.removeChild(list.firstChild);
    shown = [];
    active = -1;
    if (!q) {
      list.hidden = true;
      return;
    }
    var hits = search(q);
    hits.slice(0, LIMIT).forEach(function (h) {
      var e = h[1];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.href;
      var name = document.createElement("span");
      name.className = "rname";
      name.textContent = e.name;
      var kind = document.createElement("span");
      kind.className = "rkind " + e.kind;
      kind.textContent = KINDS[e.kind] + (e.removed ? ", removed" : "");
      a.appendChild(name);
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
      shown.push(a);
    });
    var more = document.createElement("li");
    more.className = "rcount";
    more.textContent = hits.length === 0 ? "No name matches." :
      hits.length > LIMIT ? LIMIT + " of " + hits.length + " matches" : hits.length + (hits.length === 1 ? " match" : " matches");
    list.appendChild(more);
    list.hidden = false;
    if (shown.length) select(0);
  }

  function select(i) {
    if (active >= 0 && shown[active]) shown[active].classList.remove("active");
    active = i;
    if (shown[i]) {
      shown[i].classList.add("active");
      shown[i].scrollIntoView({ block: "nearest" });
    }
  }

  input.addEventListener("input", render);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && shown.length) {
      select((active + 1) % shown.length);
      ev.preventDefault();
    } else if (ev.key === "ArrowUp" && shown.length) {
      select((active - 1 + shown.length) % shown.length);
      ev.preventDefault();
    } else if (ev.key === "Enter" && shown[active]) {
      window.location.href = shown[active].href;
      ev.preventDefault();
    } else if (ev.key === "Escape") {
      input.value = "";
      render();
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) {
      input.focus();
      input.select();
      ev.preventDefault();
    }
  });
  document.addEventListener("click", function (ev) {
    if (!list.contains(ev.target) && ev.target !== input) list.hidden = true;
  });
  input.addEventListener("focus", function () {
    if (input.value.trim()) render();
  });
  if (document.body.classList.contains("index")) input.focus();
  if (input.value.trim()) render();
})();
