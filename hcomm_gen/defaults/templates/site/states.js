/* hcomm: notice states true between builds (issue 16). Plain JavaScript, no framework.
 *
 * Every element with data-expires carries a notice's times (ISO 8601 with offset, so the
 * comparisons are absolute whatever the reader's time zone) and its state at the build
 * (data-state). On load, every minute and after each page change of Material's instant
 * navigation, the state is computed from the reader's clock with the rules of
 * hcomm_gen/domain/notices.py (notice_state); a changed element is relabelled (its
 * .hc-state, wording from data-labels: hcomm_gen.domain.notices.state_label), moved to the
 * section of its new state ([data-hc-states]) or hidden when no section takes it (archived).
 * A clock earlier than the build (#hc-live data-built) is wrong: the build-time states stay.
 * Dates the script writes are in the community's time zone (#hc-live data-tz). Without
 * JavaScript, the build-time states show.
 */
(function () {
  "use strict";
  var ORDER = { in_effect: 0, upcoming: 1, ended: 2, cancelled: 2, archived: 3 };
  /* the states named by data-labels, in order (hcomm_gen.outputs.views.LABELLED) */
  var LABELLED = ["upcoming", "in_effect", "ended", "cancelled", "archived"];
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function time(el, name) {
    var v = el.getAttribute("data-" + name);
    return v ? Date.parse(v) : null;
  }

  /* the state at `now` (ms since 1970): hcomm_gen.domain.notices.notice_state */
  function stateAt(el, now) {
    var published = time(el, "published"), start = time(el, "start"), end = time(el, "end"),
      expires = time(el, "expires"), cancelled = time(el, "cancelled");
    if (published !== null && now < published) return "unpublished";
    if (expires !== null && now >= expires) return "archived";
    if (cancelled !== null && now >= cancelled) return "cancelled";
    if (start !== null && now < start) return "upcoming";
    if (end !== null && now >= end) return "ended";
    return "in_effect";
  }

  function words(el, name) {
    var v = el.getAttribute(name);
    return v === null ? null : v.split(" ");
  }

  /* the first section of the page holding notices of this state and kind */
  function sectionFor(state, kind) {
    var found = null;
    each(document.querySelectorAll("[data-hc-states]"), function (s) {
      var kinds = words(s, "data-hc-kinds"), except = words(s, "data-hc-except");
      if (found || words(s, "data-hc-states").indexOf(state) < 0) return;
      if (kinds && kinds.indexOf(kind) < 0) return;
      if (except && except.indexOf(kind) >= 0) return;
      found = s;
    });
    return found;
  }

  function sortKey(el) {
    var pinned = el.getAttribute("data-kind") === "emergency" && el.getAttribute("data-state") === "in_effect";
    return [ORDER[el.getAttribute("data-state")] || 0, pinned ? 0 : 1,
      time(el, "start") || time(el, "published") || 0, el.getAttribute("data-notice")];
  }

  function before(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return 0;
  }

  /* sort a section's items; when nothing is left, show its empty message (written from the
     list's data-hc-empty if the build had none) or hide the section (data-hc-hide-empty) */
  function tidy(section) {
    var list = section.querySelector(".hc-list, ul");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children).filter(function (e) { return e.hasAttribute("data-expires"); });
    items.sort(function (a, b) { return before(sortKey(a), sortKey(b)); });
    each(items, function (e) { list.appendChild(e); });
    var shown = items.some(function (e) { return !e.hidden; });
    list.hidden = !shown;
    var empty = section.querySelector(".hc-empty");
    if (!empty && !shown && list.getAttribute("data-hc-empty")) {
      empty = document.createElement("p");
      empty.className = "hc-empty";
      empty.textContent = list.getAttribute("data-hc-empty");
      list.parentNode.insertBefore(empty, list.nextSibling);
    }
    if (empty) empty.hidden = shown;
    if (section.hasAttribute("data-hc-hide-empty")) section.hidden = !shown;
  }

  function relabel(el, state) {
    var labels = (el.getAttribute("data-labels") || "").split(" ");
    var label = el.classList.contains("hc-state") ? el : el.querySelector(".hc-state");
    el.setAttribute("data-state", state);
    if (label) {
      label.textContent = labels[LABELLED.indexOf(state)] || state;
      label.className = label.className.replace(/\bhc-state-\w+/, "hc-state-" + state);
    }
    if (state !== "in_effect" && el.classList.contains("hc-pinned")) {
      el.classList.remove("hc-pinned");
      each(el.querySelectorAll(".hc-urgent"), function (u) { u.hidden = true; });
    }
    if (state !== "in_effect") {
      each(document.querySelectorAll("[data-pinned]"), function (b) {
        if (b.getAttribute("data-pinned") === el.getAttribute("data-notice")) b.hidden = true;
      });
    }
  }

  /* 2026年12月3日 周四 13:00 in the community's time zone */
  function zhMoment(now, tz) {
    var parts = {};
    try {
      each(new Intl.DateTimeFormat("en-US", { timeZone: tz || undefined, year: "numeric", month: "numeric",
        day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(new Date(now)), function (p) { parts[p.type] = p.value; });
    } catch (e) { return ""; }
    var wd = { Mon: "周一", Tue: "周二", Wed: "周三", Thu: "周四", Fri: "周五", Sat: "周六", Sun: "周日" };
    return parts.year + "年" + parts.month + "月" + parts.day + "日 " + (wd[parts.weekday] || "") + " " +
      parts.hour + ":" + parts.minute;
  }

  function today(now, tz) {
    try {
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz || undefined, year: "numeric", month: "2-digit",
        day: "2-digit" }).format(new Date(now));
    } catch (e) { return null; }
  }

  function update() {
    var now = Date.now();
    var live = document.getElementById("hc-live");
    var tz = live ? live.getAttribute("data-tz") : null;
    if (live && now < Date.parse(live.getAttribute("data-built"))) return;
    var touched = [], changed = false;
    each(document.querySelectorAll("[data-expires]"), function (el) {
      var state = stateAt(el, now);
      if (state === el.getAttribute("data-state") || state === "unpublished") return;
      changed = true;
      relabel(el, state);
      var from = el.parentNode && el.parentNode.closest ? el.parentNode.closest("[data-hc-states]") : null;
      /* a line of the today/tomorrow strip leaves it once its notice is archived */
      if (!from && state === "archived" && el.hasAttribute("data-hc-strip")) el.hidden = true;
      if (!from) return; /* a list in publication order (events, finance), a notice's page, the strip */
      var to = sectionFor(state, el.getAttribute("data-kind"));
      if (!to) {
        el.hidden = true;
      } else if (to !== from) {
        (to.querySelector(".hc-list, ul") || to).appendChild(el);
      }
      touched.push(from);
      if (to) touched.push(to);
    });
    each(touched, tidy);
    /* the strip with no line left says so (its calm line) */
    each(document.querySelectorAll(".hc-today"), function (strip) {
      var calm = strip.querySelector(".hc-today-calm");
      if (calm) calm.hidden = Array.prototype.some.call(strip.querySelectorAll("li"), function (li) { return !li.hidden; });
    });
    if (changed) {
      each(document.querySelectorAll(".hc-live-note"), function (n) {
        var when = zhMoment(now, tz);
        n.textContent = when ? "，状态已更新至 " + when : "，状态已按本机时间更新";
      });
    }
    var day = today(now, tz);
    if (day) {
      each(document.querySelectorAll("td[data-date]"), function (td) {
        td.classList.toggle("hc-today", td.getAttribute("data-date") === day);
      });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update); /* Material: every page, instant navigation included */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
  setInterval(update, 60 * 1000);
})();
