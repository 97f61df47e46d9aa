// The review page's script: cards, filters, the analyst's verdicts and corrections, gold export.
// Everything it shows comes from the JSON in #review-data; nothing is fetched. The review is kept
// in the browser's localStorage under the data's id, so a reload keeps it.
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const STORE = "conflict-events-review:" + DATA.id;
  const TYPE_OF = {};  // sub-event type -> event type
  Object.entries(DATA.event_types).forEach(([type, subs]) => subs.forEach((s) => { TYPE_OF[s] = type; }));
  const EVENTS = {};  // key -> {article, row}
  DATA.articles.forEach((a) => a.events.forEach((ev) => { EVENTS[ev.key] = { article: a, row: ev.row }; }));
  const SECTIONS = {};  // article key -> its <article> element (as last rendered)
  const CARDS = {};  // event key -> its card (as last rendered)
  const POINTS = {};  // event key -> its map point
  document.querySelectorAll("#map .pt").forEach((p) => { POINTS[p.dataset.event] = p; });
  let state = load();

  // --- state: {events: {key: {verdict, edits}}, added: {articleKey: [{key, fields}]}, empty: {articleKey: true}}

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) || "null");
      if (saved && saved.events && saved.added && saved.empty) return saved;
    } catch (e) { /* no storage (private window): the review lives in the page only */ }
    return { events: {}, added: {}, empty: {} };
  }

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* see load */ }
  }

  function predicted(row) {
    const out = {};
    DATA.gold_fields.forEach((f) => { out[f] = row[f] === undefined ? null : row[f]; });
    return out;
  }

  function current(key) {
    const edits = (state.events[key] || {}).edits || {};
    return Object.assign(predicted(EVENTS[key].row), edits);
  }

  function status(key) {
    const s = state.events[key] || {};
    if (s.verdict === "wrong") return "wrong";
    if (s.edits && Object.keys(s.edits).length) return "corrected";
    return s.verdict === "correct" ? "correct" : "unreviewed";
  }

  function added(a) { return state.added[a.key] || []; }

  function complete(a) {
    // an article goes to the gold file once every event of it is judged and every added event typed
    const judged = a.events.every((ev) => status(ev.key) !== "unreviewed");
    const typed = added(a).every((x) => x.fields.sub_event_type);
    return judged && typed && (a.events.length > 0 || added(a).length > 0 || !!state.empty[a.key]);
  }

  // --- values and inputs

  function normalise(field, value) {
    if (value === "" || value === undefined) return null;
    if (field === "fatalities" || field === "time_precision") {
      const n = parseInt(value, 10);
      return Number.isNaN(n) ? null : n;
    }
    return value;
  }

  function setField(key, field, value) {
    const s = state.events[key] || (state.events[key] = { verdict: null, edits: {} });
    s.edits = s.edits || {};
    const was = predicted(EVENTS[key].row);
    const put = (f, v) => { if (v === was[f]) delete s.edits[f]; else s.edits[f] = v; };
    put(field, normalise(field, value));
    if (field === "sub_event_type") put("event_type", TYPE_OF[value] || null);
    if (Object.keys(s.edits).length && !s.verdict) s.verdict = "correct";  // a corrected event is a real one
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    });
    children.flat().forEach((c) => { if (c !== null && c !== undefined) node.append(c); });
    return node;
  }

  function input(field, value, onChange) {
    const attrs = { "data-gold": field, onchange: (e) => onChange(e.target.value) };
    if (field === "sub_event_type") {
      const select = el("select", attrs, el("option", { value: "", text: "(choose)" }),
        Object.entries(DATA.event_types).map(([type, subs]) => el("optgroup", { label: type },
          subs.map((s) => el("option", { value: s, text: s })))));
      select.value = value || "";
      return select;
    }
    if (field === "event_type") return el("input", { "data-gold": field, value: value || "", readonly: true, title: "follows the sub-event type" });
    if (field === "time_precision") {
      const select = el("select", attrs, ["", "1", "2", "3"].map((v) => el("option", { value: v, text: v || "-" })));
      select.value = value == null ? "" : String(value);
      return select;
    }
    const type = field === "event_date" ? "date" : field === "fatalities" ? "number" : "text";
    return el("input", Object.assign(attrs, { type, value: value == null ? "" : String(value), min: type === "number" ? "0" : null }));
  }

  // --- rendering

  function goldTable(values, was, onChange) {
    return el("table", { class: "gold" }, DATA.gold_fields.map((f) => {
      const edited = was && values[f] !== was[f];
      return el("tr", { class: edited ? "edited" : null },
        el("td", { class: "name", text: f }),
        el("td", {}, input(f, values[f], (v) => onChange(f, v)),
          edited ? el("div", { class: "was", text: "was: " + (was[f] == null ? "(none)" : was[f]) }) : null));
    }));
  }

  function cardHead(sub, type, extra) {
    return el("div", { class: "card-head" }, el("span", { class: "sub", text: sub || "(no sub-event type)" }),
      el("span", { class: "etype", text: type || "" }), extra);
  }

  function renderCard(a, ev) {
    const row = ev.row;
    const key = ev.key;
    const st = status(key);
    const verdict = (state.events[key] || {}).verdict;
    const values = current(key);
    const update = () => { save(); rerender(a); };
    const card = el("div", {
      class: "card", "data-event": key, "data-status": st, "data-country": row.country || "",
      "data-type": row.event_type, "data-confidence": row.confidence, "data-warnings": (row.warnings || []).length,
      onmouseenter: () => link(a, key, true), onmouseleave: () => link(a, key, false),
    },
    cardHead(row.sub_event_type, row.event_type, [
      el("span", { class: "conf", text: "confidence " + Number(row.confidence).toFixed(2) }),
      el("span", { class: "status", text: st === "unreviewed" ? "not reviewed" : st })]),
    el("div", { class: "verdict" },
      el("button", { type: "button", class: "mark-correct" + (verdict === "correct" ? " chosen" : ""), text: "✓ Correct",
        onclick: () => { judge(key, "correct"); update(); } }),
      el("button", { type: "button", class: "mark-wrong" + (verdict === "wrong" ? " chosen" : ""), text: "✗ Wrong",
        onclick: () => { judge(key, "wrong"); update(); } }),
      el("button", { type: "button", class: "reset", text: "Reset", onclick: () => { delete state.events[key]; update(); } })),
    (row.warnings || []).length ? el("ul", { class: "warnings" }, row.warnings.map((w) => el("li", { text: w }))) : null,
    el("div", { class: "gold" }, goldTable(values, predicted(row), (f, v) => { setField(key, f, v); update(); })),
    el("details", { class: "all-fields", ontoggle: (e) => allFields(e.target, row) }, el("summary", { text: "all ACLED fields" })),
    el("div", { class: "evidence-list" }, "evidence: ", (row.evidence || []).map((e) =>
      el("button", { type: "button", title: e.field + " [" + e.start + ", " + e.end + ")", text: e.field + " «" + e.text + "»",
        onclick: () => flash(a, e) }))));
    CARDS[key] = card;
    return card;
  }

  function allFields(details, row) {
    // built when first opened: thousands of cards' tables would slow the page down for nothing
    if (!details.open || details.querySelector("table")) return;
    details.append(el("table", {}, DATA.columns.map((c) => el("tr", {}, el("td", { text: c }),
      el("td", { text: row[c] == null ? "" : Array.isArray(row[c]) ? row[c].join("; ") : String(row[c]) })))));
  }

  function renderAdded(a, x) {
    const update = () => { save(); rerender(a); };
    return el("div", { class: "card", "data-event": x.key, "data-status": "added" },
      cardHead(x.fields.sub_event_type, x.fields.event_type, el("span", { class: "status", text: "added" })),
      el("div", { class: "verdict" }, el("button", { type: "button", class: "remove", text: "Remove",
        onclick: () => { state.added[a.key] = added(a).filter((y) => y.key !== x.key); update(); } })),
      goldTable(x.fields, null, (f, v) => {
        x.fields[f] = normalise(f, v);
        if (f === "sub_event_type") x.fields.event_type = TYPE_OF[v] || null;
        update();
      }));
  }

  function judge(key, verdict) {
    const s = state.events[key] || (state.events[key] = { verdict: null, edits: {} });
    s.verdict = s.verdict === verdict ? null : verdict;
  }

  function addEvent(a) {
    const fields = {};
    DATA.gold_fields.forEach((f) => { fields[f] = null; });
    fields.country = a.events.length ? a.events[0].row.country : null;
    fields.event_date = a.published;
    fields.time_precision = 1;
    fields.fatalities = 0;
    const list = state.added[a.key] || (state.added[a.key] = []);
    list.push({ key: a.key + "x" + Date.now().toString(36) + list.length, fields });
  }

  function renderArticle(a) {
    const update = () => { save(); rerender(a); };
    const meta = [a.published, a.source].filter(Boolean).join(" · ");
    const cards = el("div", { class: "cards" }, a.events.map((ev) => renderCard(a, ev)), added(a).map((x) => renderAdded(a, x)),
      a.events.length ? null : el("p", { class: "no-events", text: "No event was extracted from this article." }),
      el("div", { class: "article-actions" },
        el("button", { type: "button", class: "add-event", text: "+ Add a missed event", onclick: () => { addEvent(a); update(); } }),
        a.events.length ? null : el("label", {}, el("input", { type: "checkbox", class: "nothing-to-code", checked: !!state.empty[a.key],
          onchange: (e) => { if (e.target.checked) state.empty[a.key] = true; else delete state.empty[a.key]; update(); } }),
          " nothing to code: reviewed")));
    const text = el("div", { class: "text", dir: "rtl", lang: "ar" });
    text.innerHTML = a.html;  // built by conflict_events.highlight: the article's text, escaped, with its marks
    text.addEventListener("mouseover", (e) => hoverMark(e, true));
    text.addEventListener("mouseout", (e) => hoverMark(e, false));
    const section = el("article", { id: "article-" + a.key, "data-article": a.id, class: complete(a) ? "complete" : null },
      el("header", {}, el("span", { class: "id", text: a.id }), a.title ? el("span", { class: "title", dir: "rtl", lang: "ar", text: a.title }) : null,
        el("span", { class: "meta", text: meta }),
        /^https?:\/\//i.test(a.url || "") ? el("a", { href: a.url, rel: "noreferrer noopener", target: "_blank", text: "source" }) : null),
      text, cards);
    SECTIONS[a.key] = section;
    return section;
  }

  function rerender(a) {
    SECTIONS[a.key].replaceWith(renderArticle(a));
    applyFilters();
  }

  // --- linking spans, cards and map points

  function link(a, key, on) {
    SECTIONS[a.key].querySelectorAll(".text mark.ev").forEach((m) => {
      if ((m.dataset.events || "").split(" ").includes(key)) m.classList.toggle("on", on);
    });
    if (POINTS[key]) POINTS[key].classList.toggle("on", on);
  }

  function hoverMark(e, on) {
    const mark = e.target.closest("mark.ev");
    if (!mark) return;
    (mark.dataset.events || "").split(" ").filter(Boolean).forEach((key) => {
      if (CARDS[key]) CARDS[key].classList.toggle("linked", on);
    });
  }

  function flash(a, e) {
    const sel = 'mark.ev[data-field="' + e.field + '"][data-start="' + e.start + '"][data-end="' + e.end + '"]';
    SECTIONS[a.key].querySelectorAll(sel).forEach((m, i) => {
      if (i === 0) m.scrollIntoView({ block: "center", behavior: "smooth" });
      m.classList.remove("flash");
      void m.offsetWidth;
      m.classList.add("flash");
    });
  }

  // --- filters

  function filters() {
    return {
      country: document.getElementById("f-country").value,
      type: document.getElementById("f-type").value,
      confidence: parseFloat(document.getElementById("f-confidence").value) || 0,
      warnings: document.getElementById("f-warnings").checked,
      status: document.getElementById("f-status").value,
    };
  }

  function passes(ev, f) {
    const row = ev.row;
    return (!f.country || row.country === f.country) && (!f.type || row.event_type === f.type) &&
      Number(row.confidence) >= f.confidence && (!f.warnings || (row.warnings || []).length > 0) &&
      (!f.status || status(ev.key) === f.status);
  }

  function applyFilters() {
    const f = filters();
    const any = !!(f.country || f.type || f.confidence > 0 || f.warnings || f.status);
    let events = 0;
    let articles = 0;
    DATA.articles.forEach((a) => {
      let visible = 0;
      a.events.forEach((ev) => {
        const ok = passes(ev, f);
        visible += ok;
        CARDS[ev.key].classList.toggle("hidden", !ok);
        if (POINTS[ev.key]) POINTS[ev.key].classList.toggle("hidden", !ok);
      });
      const show = visible > 0 || !any;
      SECTIONS[a.key].classList.toggle("hidden", !show);
      events += visible;
      articles += show;
    });
    document.getElementById("shown").textContent = "showing " + events + " events in " + articles + " articles";
    summary();
  }

  function fillSelect(id, values) {
    const select = document.getElementById(id);
    values.forEach((v) => select.append(el("option", { value: v, text: v })));
    select.addEventListener("change", applyFilters);
  }

  // --- summary, notices, export

  function summary() {
    const keys = Object.keys(EVENTS);
    const judged = keys.filter((k) => status(k) !== "unreviewed").length;
    const done = DATA.articles.filter(complete).length;
    document.getElementById("summary").textContent = DATA.articles.length + " articles, " + keys.length +
      " events. Reviewed: " + judged + " of " + keys.length + " events; " + done + " articles ready to export.";
  }

  function notices() {
    const box = document.getElementById("notices");
    const list = (title, items) => el("details", {}, el("summary", { text: title }), el("ul", {}, items.map((t) => el("li", { text: t }))));
    if (DATA.unmatched) box.append(el("p", { text: DATA.unmatched + " events of " + DATA.events_file + " have no article among the INPUT articles; they are not on this page." }));
    if (DATA.unreadable.length) box.append(list(DATA.unreadable.length + " INPUT records are no article", DATA.unreadable.map((u) => u.origin + " (" + u.id + "): " + u.error)));
    if (DATA.problems.length) box.append(list(DATA.problems.length + " evidence spans do not read so in their article (not marked)", DATA.problems));
    const placed = document.querySelectorAll("#map .pt").length;
    const missing = Object.keys(EVENTS).length - placed;
    document.getElementById("map-caption").textContent = placed + " events on the map" +
      (missing ? "; " + missing + " without coordinates are not shown" : "") + ". Outlines: Natural Earth 1:110m.";
  }

  function goldLine(a) {
    const events = a.events.filter((ev) => status(ev.key) !== "wrong").map((ev) => current(ev.key))
      .concat(added(a).map((x) => Object.assign({}, x.fields)));
    const counts = {};
    a.events.forEach((ev) => { const s = status(ev.key); counts[s] = (counts[s] || 0) + 1; });
    if (added(a).length) counts.added = added(a).length;
    const notes = "reviewed with conflict-events review (" + DATA.events_file + "): " +
      (Object.entries(counts).map(([k, n]) => n + " " + k).join(", ") || "nothing to code");
    return JSON.stringify({ id: a.id, title: a.title, published: a.published, text: a.text, events, notes });
  }

  function exportGold() {
    const ready = DATA.articles.filter(complete);
    const status = document.getElementById("export-status");
    if (!ready.length) {
      status.textContent = "Nothing to export yet: an article is exported once each of its events is marked " +
        "correct or wrong (or corrected), or it is checked as having nothing to code.";
      return;
    }
    const text = ready.map(goldLine).join("\n") + "\n";
    const url = URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" }));
    const link = el("a", { href: url, download: DATA.export_name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    const events = ready.reduce((n, a) => n + JSON.parse(goldLine(a)).events.length, 0);
    status.textContent = "Exported " + ready.length + " articles (" + events + " gold events) to " + DATA.export_name +
      (ready.length < DATA.articles.length ? "; " + (DATA.articles.length - ready.length) + " articles not fully reviewed are left out." : ".");
  }

  // --- start

  const main = document.getElementById("articles");
  DATA.articles.forEach((a) => main.append(renderArticle(a)));
  const rows = Object.values(EVENTS).map((e) => e.row);
  fillSelect("f-country", [...new Set(rows.map((r) => r.country).filter(Boolean))].sort());
  fillSelect("f-type", Object.keys(DATA.event_types).filter((t) => rows.some((r) => r.event_type === t)));
  ["f-confidence", "f-warnings", "f-status"].forEach((id) => {
    document.getElementById(id).addEventListener("input", applyFilters);
    document.getElementById(id).addEventListener("change", applyFilters);
  });
  Object.entries(POINTS).forEach(([key, p]) => p.addEventListener("click", () => {
    if (CARDS[key]) CARDS[key].scrollIntoView({ block: "center", behavior: "smooth" });
  }));
  document.getElementById("export").addEventListener("click", exportGold);
  document.getElementById("clear").addEventListener("click", () => {
    if (!window.confirm("Clear every verdict, correction and added event of this review?")) return;
    state = { events: {}, added: {}, empty: {} };
    save();
    main.replaceChildren(...DATA.articles.map(renderArticle));
    applyFilters();
  });
  notices();
  applyFilters();
})();
