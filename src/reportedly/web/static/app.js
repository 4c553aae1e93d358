// reportedly: the little JavaScript the pages use (no build, no inline scripts).
// Article text never goes through innerHTML: the panel is filled with textContent.
(function () {
  "use strict";

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function claimPanel() {
    var data = document.getElementById("claims-data");
    var panel = document.getElementById("claim-panel");
    if (!data || !panel) return;
    var claims = {};
    try {
      JSON.parse(data.textContent || "[]").forEach(function (c) { claims[c.id] = c; });
    } catch (e) { return; }
    var body = document.getElementById("panel-body");
    var hint = document.getElementById("panel-hint");
    var selected = null;

    function show(mark) {
      var c = claims[mark.getAttribute("data-claim")];
      if (!c) return;
      if (selected) selected.classList.remove("selected");
      selected = mark;
      mark.classList.add("selected");
      var status = document.getElementById("panel-status");
      status.textContent = c.status;
      status.className = "status st-" + c.status;
      document.getElementById("panel-quote").textContent =
        (c.direct_quote ? "direct quote" : "indirect") + (c.polarity === "negative" ? " · negative" : "");
      document.getElementById("panel-text").textContent = c.text;
      var chain = document.getElementById("panel-chain");
      chain.replaceChildren();
      var levels = {};
      c.chain.forEach(function (s) { (levels[s.level] = levels[s.level] || []).push(s); });
      Object.keys(levels).sort(function (a, b) { return a - b; }).forEach(function (lv) {
        var li = el("li");
        levels[lv].forEach(function (s, i) {
          if (i) li.appendChild(document.createTextNode(" + "));
          var name = el(s.level > 0 ? "a" : "strong", s.name);
          if (s.level > 0) name.href = "/sources/" + encodeURIComponent(s.name);
          li.appendChild(name);
          li.appendChild(el("span", " (" + s.kind + (s.level === 0 && s.kind !== "outlet" ? ", outlet" : "") + ")", "meta"));
          if (s.description) li.appendChild(el("span", " " + s.description, "meta"));
          if (s.cue) li.appendChild(el("span", " — “" + s.cue + "”", "meta"));
        });
        chain.appendChild(li);
      });
      var cues = document.getElementById("panel-cues");
      cues.replaceChildren();
      if (!c.cues.length) cues.appendChild(el("li", "none (the outlet's own voice)", "meta"));
      c.cues.forEach(function (q) {
        var li = el("li", "“" + q.text + "” ");
        li.appendChild(el("span", q.kind, "meta"));
        cues.appendChild(li);
      });
      hint.hidden = true;
      body.hidden = false;
      panel.classList.add("open");
    }

    var close = document.getElementById("panel-close");
    if (close) {
      close.addEventListener("click", function () {
        panel.classList.remove("open");
        if (selected) { selected.classList.remove("selected"); selected.focus(); }
      });
    }

    document.querySelectorAll("mark.claim").forEach(function (mark) {
      mark.addEventListener("click", function () { show(mark); });
      mark.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(mark); }
      });
    });
    var hash = window.location.hash;
    if (hash && hash.indexOf("#claim-") === 0) {
      var target = document.getElementById(hash.slice(1));
      if (target && target.matches("mark.claim")) show(target);
    }
  }

  function bars() {
    document.querySelectorAll(".bar[data-width]").forEach(function (bar) {
      var w = parseInt(bar.getAttribute("data-width"), 10);
      if (!isNaN(w)) bar.style.width = Math.max(0, Math.min(100, w)) + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { claimPanel(); bars(); });
})();
